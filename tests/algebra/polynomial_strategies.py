"""Hypothesis strategies for the polynomial algebra: polys, rational functions, and rational
functions in non-polynomial generators (sin(x), e^x), plus exact checks against SymPy."""

from __future__ import annotations

import random

import sympy
from hypothesis import strategies as st
from sympy_oracle import to_sympy

from symdiff import Add, Call, Constant, Div, Mul, Neg, Number, Pow, Sub, Symbol

X, Y = Symbol("x"), Symbol("y")

_small = st.integers(min_value=0, max_value=6).map(Number)
_poly_leaves = st.one_of(_small, st.sampled_from([X, X, X, Y]))


def _poly_branches(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.lists(children, min_size=2, max_size=3).map(lambda terms: Add(*terms)),
        st.tuples(children, children).map(lambda pair: Sub(*pair)),
        st.lists(children, min_size=2, max_size=3).map(lambda factors: Mul(*factors)),
        children.map(Neg),
        st.tuples(children, st.integers(0, 3).map(Number)).map(lambda pair: Pow(*pair)),
    )


def _rational_branches(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        _poly_branches(children),
        st.tuples(children, children).map(lambda pair: Div(*pair)),
        st.tuples(children, st.integers(1, 2).map(lambda n: Neg(Number(n)))).map(lambda pair: Pow(*pair)),
    )


polynomials = st.recursive(_poly_leaves, _poly_branches, max_leaves=8)
univariate_polynomials = st.recursive(
    st.one_of(_small, st.just(X)), _poly_branches, max_leaves=8
)
rational_functions = st.recursive(_poly_leaves, _rational_branches, max_leaves=8)

# Generators: the algebra must treat these as variables and leave them as they are.
_generator_leaves = st.one_of(
    _small,
    st.sampled_from([X, Y, Call("sin", X), Pow(Constant("e"), X), Call("sqrt", X), Call("exp", Mul(Number(2), X))]),
)
generator_expressions = st.recursive(_generator_leaves, _rational_branches, max_leaves=8)

SYMBOLS = (sympy.Symbol("x", real=True), sympy.Symbol("y", real=True))


def same_value(ours, theirs) -> bool:
    """Whether two symdiff trees agree (by SymPy) at random rational points where both are defined."""
    a, b = to_sympy(ours), to_sympy(theirs)
    if sympy.expand(sympy.cancel(a - b)) == 0:
        return True
    rng = random.Random(0)
    checked = 0
    for _ in range(12):
        point = {s: sympy.Rational(rng.randint(1, 40), rng.randint(1, 9)) for s in SYMBOLS}
        va, vb = a.subs(point), b.subs(point)
        if va.has(sympy.zoo, sympy.nan) or vb.has(sympy.zoo, sympy.nan):
            continue
        difference = sympy.N(va - vb, 30)
        if abs(difference) > 1e-20 * (1 + abs(sympy.N(vb, 30))):
            return False
        checked += 1
    return checked > 0
