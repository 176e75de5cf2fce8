"""The range of an expression holds every value it takes (sampled), and its least magnitude too."""

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff import Add, Call, Mul, Neg, Number, Pow, Sub, Symbol, SymdiffError
from symdiff.algebra.ranges import value_range
from symdiff.core.evaluate import evaluate

x = Symbol("x")
_LEAVES = st.one_of(st.just(x), st.integers(0, 5).map(Number), st.sampled_from([Number(Fraction(1, 2))]))
_FUNCTIONS = ["sin", "cos", "exp", "cosh", "csc", "sec", "sign", "heaviside", "relu", "abs", "sigmoid", "tanh",
              "atan", "sqrt", "softplus"]


def _trees(children):
    return st.one_of(
        st.tuples(children, children).map(lambda p: Add(*p)),
        st.tuples(children, children).map(lambda p: Sub(*p)),
        st.tuples(children, children).map(lambda p: Mul(*p)),
        children.map(Neg),
        st.tuples(children, st.integers(1, 4)).map(lambda p: Pow(p[0], Number(p[1]))),
        st.tuples(st.sampled_from(_FUNCTIONS), children).map(lambda p: Call(*p)),
    )


@settings(max_examples=300, deadline=None)
@given(st.recursive(_LEAVES, _trees, max_leaves=8), st.lists(st.floats(-30, 30), min_size=1, max_size=12))
def test_every_sampled_value_lies_in_the_range(expr, points):
    found = value_range(expr, {})
    for point in points:
        try:
            value = evaluate(expr, x=point)
        except SymdiffError:
            continue  # no value there (sqrt of a negative, a pole, too large)
        slack = 1e-9 * max(1.0, abs(value))
        assert found.lo - slack <= value <= found.hi + slack, (expr, point, value, found)
        assert abs(value) >= found.least - slack, (expr, point, value, found)
        assert not math.isnan(float(found.lo)) and not math.isnan(float(found.hi))
