"""Constants to 60 digits (core/precise.py) against SymPy's evalf: every function, and random trees."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy_oracle import to_sympy

from symdiff import Call, Constant, Number, number, parse
from symdiff.core.functions import FUNCTIONS
from symdiff.core.precise import precise_value

# An argument inside each function's domain, away from its edges.
ARGUMENTS = {"acosh": "7/3", "asec": "7/3", "acsc": "-7/3"}


def _close(ours: Decimal, theirs: sympy.Expr, digits: int = 50) -> bool:
    exact = sympy.Float(theirs.evalf(digits + 20), digits + 20)
    return abs(sympy.Float(str(ours), digits + 20) - exact) <= sympy.Float(10) ** -digits * max(1, abs(exact))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_to_fifty_digits(name):
    for argument in (ARGUMENTS.get(name, "3/7"), "-2/9" if name not in ("ln", "log", "sqrt", "acosh", "asec",
                                                                         "acsc") else "11/5"):
        expr = Call(name, parse(argument))
        ours = precise_value(expr)
        assert ours is not None, expr
        assert _close(ours, to_sympy(expr)), (expr, ours)


@pytest.mark.parametrize(("text", "size"), [
    ("tanh(20) - 1", Decimal("-8.5e-18")),  # floats give 0
    ("1 - sigmoid(40)", Decimal("4.2e-18")),
    ("cos(1/10^9) - 1", Decimal("-5e-19")),
    ("exp(1/10^9) - 1 - 1/10^9", Decimal("5e-19")),
    ("e^(-50)", Decimal("1.9e-22")),
])
def test_values_floats_round_away_are_kept(text, size):
    ours = precise_value(parse(text))
    assert ours is not None and _close(ours, to_sympy(parse(text)))
    assert abs(ours - size) < abs(size) / 10


@pytest.mark.parametrize("text", ["sin(pi)", "sqrt(2)^2 - 2", "sin(10^6*pi)", "cos(pi/2)", "ln(e) - 1",
                                  "e^ln(3) - 3", "tan(pi/4) - 1", "atan(1) - pi/4", "sinh(1)^2 - cosh(1)^2 + 1"])
def test_a_true_zero_stays_within_the_rounding_of_sixty_digits(text):
    ours = precise_value(parse(text))
    assert ours is not None and abs(ours) < Decimal(10) ** -55


@pytest.mark.parametrize("text", ["ln(-1)", "sqrt(-2)", "1/0", "(-8)^(1/3)", "asin(2)", "f(2)", "x", "acosh(1/2)",
                                  "atanh(1)", "log(3, 1)", "root(-8, 4)", "sin(10^300)", "e^(10^20)"])
def test_no_value_or_none_it_can_work_out_is_none(text):
    assert precise_value(parse(text)) is None


_leaves = st.one_of(st.integers(0, 9).map(Number), st.sampled_from(["pi", "e"]).map(Constant),
                    st.integers(-9, 9).map(lambda k: number(k) / 7))
_constants = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda pair: pair[0] + pair[1]),
        st.tuples(inner, inner).map(lambda pair: pair[0] - pair[1]),
        st.tuples(inner, inner).map(lambda pair: pair[0] * pair[1]),
        st.tuples(inner, inner).map(lambda pair: pair[0] / pair[1]),
        st.tuples(inner, st.integers(-3, 3)).map(lambda pair: pair[0] ** pair[1]),
        st.tuples(st.sampled_from(sorted(FUNCTIONS)), inner).map(lambda pair: Call(*pair)),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(_constants)
def test_random_constants_agree_with_sympy(expr):
    ours = precise_value(expr)
    if ours is None:
        return  # no real value, or a part it does not work out: nothing to compare
    theirs = to_sympy(expr)
    value = theirs.evalf(80)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not value.is_real:
        pytest.fail(f"{expr}: {ours}, where SymPy has no real value ({value})")
    # the digits of a sum can cancel: compare to 40 of the 60 beside the sizes added
    assert abs(sympy.Float(str(ours), 80) - value) <= sympy.Float(10) ** -35 * max(1, abs(value)), (expr, ours, value)
