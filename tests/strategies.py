"""Hypothesis strategies: random expression trees over every node kind and function."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from symdiff import (
    Add,
    Call,
    Constant,
    Derivative,
    Div,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
    oo,
)
from symdiff.algebra.defined import no_value_anywhere, varying_power_of_nonpositive
from symdiff.algebra.simplify import Simplifier
from symdiff.core.functions import FUNCTIONS
from symdiff.core.traversal import preorder

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


def _branches(children: st.SearchStrategy, *, most: int = 4, exponents: st.SearchStrategy | None = None,
              undefined: bool = True) -> st.SearchStrategy:
    options = [
        st.lists(children, min_size=2, max_size=most).map(lambda terms: Add(*terms)),
        st.tuples(children, children).map(lambda pair: Sub(*pair)),
        st.lists(children, min_size=2, max_size=most).map(lambda factors: Mul(*factors)),
        st.tuples(children, children).map(lambda pair: Div(*pair)),
        children.map(Neg),
        st.tuples(children, children if exponents is None else st.one_of(exponents, children)).map(
            lambda pair: Pow(*pair)
        ),
        st.tuples(function_names, children).map(lambda pair: Call(*pair)),
        st.tuples(children, st.one_of(st.sampled_from([2, 10]).map(Number), children)).map(lambda pair: Log(*pair)),
        st.tuples(children, st.integers(2, 5)).map(lambda pair: Root(*pair)),
    ]
    if undefined:
        options.append(
            st.tuples(st.sampled_from("fgh"), children, st.integers(0, 3)).map(lambda t: UndefinedCall(*t))
        )
    return st.one_of(*options)


expressions = st.recursive(leaves, _branches, max_leaves=24)

# For the syntax: derivatives written in the expression (d/dx[...], d^2/(dy dx)[...]), and the
# names d, dx, dy that only the context tells from an operator (d/dx is one; (d)/dx is d over dx).
OPERATOR_NAMES = ["x", "y", "t", "theta", "d", "dx"]
# Infinity too: it is written and read back like any atom, though nothing computes with it.
written_leaves = st.one_of(leaves, st.sampled_from(["d", "dx", "dy", "d2", "D_1"]).map(Symbol), st.just(oo))


def _written_branches(children: st.SearchStrategy) -> st.SearchStrategy:
    variables = st.lists(st.sampled_from(OPERATOR_NAMES), min_size=1, max_size=3).map(tuple)
    return st.one_of(
        _branches(children),
        st.tuples(children, variables).map(lambda pair: Derivative(*pair)),
    )


written_expressions = st.recursive(written_leaves, _written_branches, max_leaves=24)

# For numeric comparisons: small values, small whole exponents often, no undefined functions.
numeric_leaves = st.one_of(
    st.integers(min_value=0, max_value=5).map(Number),
    st.sampled_from([Fraction(1, 2), Fraction(5, 2)]).map(Number),
    st.sampled_from(["x", "y"]).map(Symbol),
    st.sampled_from(["pi", "e"]).map(Constant),
)
numeric_expressions = st.recursive(
    numeric_leaves,
    lambda children: _branches(children, most=3, exponents=st.integers(0, 3).map(Number), undefined=False),
    max_leaves=10,
)


def has_a_derivative(expr: object) -> bool:
    """``has_a_value``, and no power of a constant base of at most 0 by an exponent with a
    variable in it ((-2)^x, sin(pi)^x): diff refuses those too, as having a value only at
    isolated points (or, for the base 0, as the Zero Power Rule's), which
    ``test_undefined_constants`` tests."""
    if not has_a_value(expr):
        return False
    simplifier = Simplifier()
    for node, _ in preorder(expr):  # type: ignore[arg-type]
        if type(node) is Pow and node.children[1].free_symbols:
            constant = [not child.free_symbols for child in node.children]
            if varying_power_of_nonpositive(node, constant, simplifier) is not None:
                return False
    return True


def has_a_value(expr: object) -> bool:
    """False for a tree with a constant part that has no real value (x + 1/0, ln(-1), tan(pi/2)):
    diff, derive and the rest of calculus refuse it (``symdiff.algebra.defined``), so tests of
    their answers set such trees aside; ``test_undefined_constants`` tests the refusals."""
    return no_value_anywhere(expr) is None  # type: ignore[arg-type]
