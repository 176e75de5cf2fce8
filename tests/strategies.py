"""Hypothesis strategies: random expression trees over every node kind and function."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from symdiff import (
    Add,
    Call,
    Constant,
    Div,
    Mul,
    Neg,
    Number,
    Pow,
    Sub,
    Symbol,
    UndefinedCall,
)
from symdiff.functions import FUNCTIONS

NAMES = ["x", "y", "z", "theta", "x_1", "w2", "f", "h", "θ"]

numbers = st.one_of(
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=10**30),
    st.sampled_from([Fraction(1, 2), Fraction(5, 2), Fraction(1, 1000), Fraction(3, 10**40), Fraction(10**50)]),
).map(Number)
leaves = st.one_of(
    numbers,
    st.sampled_from(NAMES).map(Symbol),
    st.sampled_from(["pi", "e"]).map(Constant),
)
function_names = st.sampled_from(sorted(FUNCTIONS))


def _branches(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.lists(children, min_size=2, max_size=4).map(lambda terms: Add(*terms)),
        st.tuples(children, children).map(lambda pair: Sub(*pair)),
        st.lists(children, min_size=2, max_size=4).map(lambda factors: Mul(*factors)),
        st.tuples(children, children).map(lambda pair: Div(*pair)),
        children.map(Neg),
        st.tuples(children, children).map(lambda pair: Pow(*pair)),
        st.tuples(function_names, children).map(lambda pair: Call(*pair)),
        st.tuples(st.sampled_from("fgh"), children, st.integers(0, 3)).map(lambda t: UndefinedCall(*t)),
    )


expressions = st.recursive(leaves, _branches, max_leaves=24)


# For numeric comparisons: small values, no undefined functions.
def _numeric_branches(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.lists(children, min_size=2, max_size=3).map(lambda terms: Add(*terms)),
        st.tuples(children, children).map(lambda pair: Sub(*pair)),
        st.lists(children, min_size=2, max_size=3).map(lambda factors: Mul(*factors)),
        st.tuples(children, children).map(lambda pair: Div(*pair)),
        children.map(Neg),
        st.tuples(children, st.integers(0, 3).map(Number)).map(lambda pair: Pow(*pair)),
        st.tuples(children, children).map(lambda pair: Pow(*pair)),
        st.tuples(function_names, children).map(lambda pair: Call(*pair)),
    )


numeric_leaves = st.one_of(
    st.integers(min_value=0, max_value=5).map(Number),
    st.sampled_from([Fraction(1, 2), Fraction(5, 2)]).map(Number),
    st.sampled_from(["x", "y"]).map(Symbol),
    st.sampled_from(["pi", "e"]).map(Constant),
)
numeric_expressions = st.recursive(numeric_leaves, _numeric_branches, max_leaves=10)
