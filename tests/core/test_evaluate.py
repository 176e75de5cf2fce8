"""Evaluation with Python floats, checked against SymPy (built node by node) as the oracle."""

import math

import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import numeric_expressions
from sympy_oracle import to_sympy

from symdiff import EvaluationError, Symbol, parse

VALUES = [
    ("3x^2 sin x", {"x": 2.0}, 12 * math.sin(2.0)),
    ("e^x", {"x": 1.0}, math.e),
    ("pi/2", {}, math.pi / 2),
    ("1/3 + 1/6", {}, 0.5),
    ("2^3^2", {}, 512.0),
    ("-x^2", {"x": 3.0}, -9.0),
    ("x^-2", {"x": 2.0}, 0.25),
    ("sqrt(x) + √x", {"x": 4.0}, 4.0),
    ("sec x + csc x + cot x", {"x": 1.0}, 1 / math.cos(1) + 1 / math.sin(1) + math.cos(1) / math.sin(1)),
    ("arcsin(0.5) + acos(0.5) + atan(1)", {}, math.pi / 2 + math.pi / 4),
    ("sinh 1 + cosh 1 + tanh 1", {}, math.sinh(1) + math.cosh(1) + math.tanh(1)),
    ("ln(e^2) + log(e)", {}, 3.0),
    ("abs(-2) + relu(-3) + relu(3)", {}, 5.0),
    ("sigmoid(0)", {}, 0.5),
    ("sigmoid(-1000)", {}, 0.0),
    ("sigmoid(1000)", {}, 1.0),
    ("softplus(0)", {}, math.log(2)),
    ("softplus(1000)", {}, 1000.0),
    ("(-2)^3", {}, -8.0),
    ("w x + b", {"w": 2, "x": 3, "b": 1}, 7.0),
]


@pytest.mark.parametrize(("text", "point", "expected"), VALUES, ids=[row[0] for row in VALUES])
def test_values(text, point, expected):
    assert math.isclose(parse(text).evaluate(point), expected, rel_tol=1e-12, abs_tol=1e-12)


def test_ways_of_giving_values():
    e = parse("x + 2y")
    assert e.evaluate(x=1, y=2) == e.evaluate({"x": 1, "y": 2}) == e.evaluate({Symbol("x"): 1}, y=2) == 5.0
    assert float(parse("pi")) == math.pi


@pytest.mark.parametrize(
    ("text", "point", "words"),
    [
        ("ln(x)", {"x": -1.0}, "ln(-1) is undefined: ln needs a positive argument"),
        ("sqrt(x)", {"x": -4.0}, "sqrt(-4) is undefined"),
        ("asin(2)", {}, "asin(2) is undefined: asin needs an argument from -1 to 1"),
        ("1/(x - 1)", {"x": 1.0}, "division by zero in 1/(x - 1)"),
        ("0^-1", {}, "divides by zero"),
        ("e^x", {"x": 1000.0}, "too large"),
        ("(-8)^(1/3)", {}, "no finite real value"),
        ("x*1e300*1e300", {"x": 1.0}, "too large for a float"),
        ("x + y", {"x": 1.0}, "no value given for y"),
        ("f(x)", {"x": 1.0}, "undefined function f"),
        ("tan(x)", {"x": "a"}, "must be a real number"),
        ("10^400", {}, "too large"),
        ("1e400", {}, "1e400 is too large for a float here"),
        ("x/1e400", {"x": 2.0}, "1e400 is too large for a float here"),  # named, not the whole quotient
        ("sin(1e400)", {}, "1e400 is too large for a float here"),
        ("1/(1e400 - 1e400)", {}, "division by zero in 1/(1e400 - 1e400)"),
        # values that are not finite real numbers are refused, not converted or overflowed
        ("x", {"x": 10**400}, "too large for floating point"),
        ("x", {"x": True}, "must be a real number, not True"),
        ("x", {"x": "1"}, "must be a real number"),
        ("x", {"x": b"1"}, "must be a real number"),
        ("x", {"x": 1j}, "must be a real number"),
        ("x", {"x": float("nan")}, "must be a finite real number"),
        ("x", {"x": float("-inf")}, "must be a finite real number"),
        ("x", {"x": "a" * 100_000}, "(100,002 characters)"),  # the message quotes a window, not the input
    ],
)
def test_no_real_value_is_an_evaluation_error(text, point, words):
    with pytest.raises(EvaluationError) as caught:
        parse(text).evaluate(point)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("text", "point", "expected"),
    [
        # The simplifier writes 9e-324 as 9/1e324: the quotient is a float though 1e324 is not.
        ("9/1e324", {}, 9e-324),
        ("α^3^(9/1e324)", {"α": -0.645}, -0.645),  # as the input α^3^9e-324 evaluates (3^9e-324 is 1.0)
        ("1e400/1e399 + x", {"x": 1.0}, 11.0),
        ("1e400 - 1e400", {}, 0.0),
        ("-(1e400*1e-401)", {}, -0.1),
    ],
)
def test_numbers_beyond_floats_are_worked_out_exactly(text, point, expected):
    assert parse(text).evaluate(point) == expected


def test_values_must_be_a_mapping():
    with pytest.raises(EvaluationError):
        parse("x").evaluate([1.0])


@given(numeric_expressions, st.floats(0.1, 2.0), st.floats(0.1, 2.0))
def test_evaluation_agrees_with_sympy(expr, x_value, y_value):
    try:
        ours = expr.evaluate(x=x_value, y=y_value)
    except EvaluationError:
        return  # symdiff refuses only where a step has no finite real value; SymPy may simplify past it
    assume(abs(ours) < 1e6)
    point = {sympy.Symbol("x", real=True): x_value, sympy.Symbol("y", real=True): y_value}
    exact = to_sympy(expr).evalf(30, subs=point)
    # At an exact pole (cot(pi) is zoo) SymPy has no number, while floats land beside the pole.
    assume(exact.is_number and exact.is_finite is not False and not exact.has(sympy.nan, sympy.zoo))
    theirs = complex(exact)
    assert abs(theirs.imag) <= 1e-9 * (1 + abs(ours)), (str(expr), ours, theirs)
    assert math.isclose(theirs.real, ours, rel_tol=1e-7, abs_tol=1e-7), (str(expr), ours, theirs)


@pytest.mark.parametrize("text", ["tan(pi/2)", "cot(pi)", "cot(relu(pi))", "sec(3*pi/2)", "x + csc(sqrt(pi^2))"])
def test_a_trigonometric_function_at_a_pole_rounding_hid_has_no_value(text):
    # floats give tan(pi/2) = 1.6e16 and cot(pi) = -8.2e15 (a helper's sweep)
    with pytest.raises(EvaluationError, match="is a pole of"):
        parse(text).evaluate(x=1)


@pytest.mark.parametrize(("text", "value"), [
    ("tan(pi/2 + 10^(-30))", -1e30),  # floats: 1.6e16, the argument rounded onto the float of pi/2
    ("tan(pi/2 - 10^(-13))", 1e13),
    ("tan(x)", math.tan(1.5707963267948966)),  # a float argument's own value stands
])
def test_a_value_near_a_pole_is_worked_to_sixty_digits(text, value):
    assert parse(text).evaluate(x=1.5707963267948966) == pytest.approx(value, rel=1e-12)
