"""lambdify: the compiled, vectorised evaluator agrees with the scalar one and never hides a bad value."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import has_a_value, numeric_expressions
from sympy_oracle import to_sympy

import symdiff
from symdiff import EvaluationError, Symbol, SymdiffError, diff, lambdify, parse, sin
from symdiff.core.evaluate import evaluate
from symdiff.core.functions import FUNCTIONS

POINTS = np.array([-2.5, -1.0, -0.3, 0.0, 0.2, 0.5, 0.9, 1.7, 3.0])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_agrees_with_the_scalar_evaluator(name: str) -> None:
    expr = parse(f"{name}(x)")
    values = lambdify(expr, "x", invalid="nan")(POINTS)
    for point, value in zip(POINTS, values, strict=True):
        try:
            expected = evaluate(expr, x=float(point))
        except EvaluationError:
            assert math.isnan(value), (name, point, value)
            continue
        assert value == pytest.approx(expected, rel=1e-12, abs=1e-12), (name, point)


@pytest.mark.parametrize(
    ("text", "point", "expected"),
    [
        ("x + y*2 - 3", {"x": 1.0, "y": 2.0}, 2.0),
        ("x*y*x*y", {"x": 2.0, "y": 3.0}, 36.0),
        ("x/y", {"x": 1.0, "y": 4.0}, 0.25),
        ("-x^3", {"x": 2.0, "y": 0.0}, -8.0),
        ("x^(1/2) + x^-1 + x^2 + x^y", {"x": 4.0, "y": 0.5}, 2.0 + 0.25 + 16.0 + 2.0),
        ("pi + e", {"x": 0.0, "y": 0.0}, math.pi + math.e),
        ("sigmoid(1000 x) + sigmoid(-1000 x)", {"x": 5.0, "y": 0.0}, 1.0),  # no overflow either way
        ("softplus(1000 x)", {"x": 1.0, "y": 0.0}, 1000.0),
    ],
)
def test_table_of_values(text: str, point: dict[str, float], expected: float) -> None:
    f = lambdify(text, ["x", "y"])
    assert f(point["x"], point["y"]) == pytest.approx(expected, rel=1e-12)


@given(numeric_expressions, st.floats(-3, 3), st.floats(-3, 3))
def test_agrees_with_the_scalar_evaluator_on_random_trees(expr, x: float, y: float) -> None:
    f = lambdify(expr, ["x", "y"], invalid="nan")
    value = f(np.array([x, 0.7]), np.array([y, -1.3]))[0]
    if not has_a_value(expr):  # tan(pi/2): the scalar evaluator's floats give 1.6e16; it has no value
        assert math.isnan(value)
        return
    try:
        expected = evaluate(expr, x=x, y=y)
    except EvaluationError:
        assert math.isnan(value)
        return
    if math.isnan(value):  # the scalar evaluator allows what NumPy flags: only overflow-level sizes
        assert abs(expected) > 1e300 or expected == 0
        return
    assert value == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_agrees_with_sympy_lambdify() -> None:
    expr = parse("sin(x)^2 e^(-x/3) + atan(x)/(1 + x^2) - sqrt(x^2 + 1) tanh(x)")
    x = np.linspace(-4, 4, 1001)
    oracle = sympy.lambdify(sympy.Symbol("x"), to_sympy(expr), "numpy")
    np.testing.assert_allclose(lambdify(expr, "x")(x), oracle(x), rtol=1e-12, atol=1e-14)


def test_equal_subtrees_are_computed_once() -> None:
    u = parse("sin(x) + cos(x)")
    expr = u**2 + u**3 + parse("sqrt(sin(x) + cos(x) + 2)")  # three copies, built separately
    f = lambdify(expr, "x")
    computed = [node for op, _, node in f._program if op != "const"]
    assert len(computed) == len(set(computed))
    assert computed.count(u) == 1


def test_a_shared_dag_compiles_to_its_distinct_nodes() -> None:
    x = Symbol("x")
    logistic = x
    for _ in range(40):  # 2^40 tree nodes, 40-odd distinct ones
        logistic = 4 * logistic * (1 - logistic)
    f = lambdify(logistic, "x")
    assert len(f._program) < 200
    value = 0.3
    for _ in range(40):
        value = 4 * value * (1 - value)
    assert f(0.3) == pytest.approx(value, rel=1e-6)


def test_deep_nesting_does_not_recurse() -> None:
    expr = Symbol("x")
    for _ in range(20_000):
        expr = sin(expr)
    assert 0 < lambdify(expr, "x")(1.0) < 0.02


def test_constants_broadcast_to_the_input_shape() -> None:
    assert lambdify("2", "x")(np.zeros(5)).tolist() == [2.0] * 5
    assert lambdify("pi", "x")(np.zeros((2, 3))).shape == (2, 3)
    assert lambdify("3")() == 3.0
    assert isinstance(lambdify("x^2", "x")(3), float)


def test_arguments_broadcast_together() -> None:
    f = lambdify("x + 10 y", ["x", "y"])
    grid = f(np.arange(3.0), np.arange(2.0)[:, None])
    assert grid.tolist() == [[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]]


def test_inputs_are_never_changed_or_handed_back() -> None:
    x = np.linspace(0, 1, 1000)
    kept = x.copy()
    for text in ["x", "sin(x)*x + x^2", "-x", "sigmoid(x) + sec(x) + x*x*x*x"]:
        result = lambdify(text, "x")(x)
        assert result is not x and not np.shares_memory(result, x)
        np.testing.assert_array_equal(x, kept)


def test_reused_buffers_do_not_corrupt_results() -> None:
    # Many temporaries die and are reused as outputs; each value must still be right.
    text = "(x + 1)*(x + 2)*(x + 3) + sin(x)*cos(x)/(2 + x^2) - sigmoid(x)*relu(x - 0.5) + sec(x)"
    expr = parse(text)
    x = np.linspace(-1, 1, 257)
    values = lambdify(expr, "x")(x)
    for point, value in zip(x, values, strict=True):
        assert value == pytest.approx(evaluate(expr, x=float(point)), rel=1e-12)


@pytest.mark.parametrize(
    ("text", "x", "message"),
    [
        ("ln(x)", [1.0, 2.0, -1.0], "ln(x) has no finite value in floats at x = -1 (index 2)"),
        ("1/x + 1", [1.0, 0.0], "1/x has no finite value in floats at x = 0 (index 1)"),
        ("exp(x)", [1.0, 1000.0], "exp(x) has no finite value in floats at x = 1000"),
        ("sqrt(x - 1)", [0.5], "sqrt(x - 1) has no finite value in floats at x = 0.5"),
        ("x + 1", [1.0, math.inf], "an argument is not a finite number at x = inf"),
        ("asin(x)", [2.0], "asin(x) has no finite value in floats at x = 2"),
    ],
)
def test_bad_values_raise_naming_the_first_point(text: str, x: list[float], message: str) -> None:
    with pytest.raises(EvaluationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        lambdify(text, "x")(np.array(x))


def test_invalid_nan_puts_nan_exactly_where_values_are_bad() -> None:
    f = lambdify("ln(x) + 1/(x - 2)", "x", invalid="nan")
    result = f(np.array([-1.0, 1.0, 2.0, 3.0]))
    assert np.isnan(result[[0, 2]]).all()
    assert result[1] == pytest.approx(-1.0) and result[3] == pytest.approx(math.log(3) + 1)
    assert math.isnan(f(0.0))


def test_a_scalar_bad_value_raises() -> None:
    with pytest.raises(EvaluationError, match=r"at x = 0 \(division by zero in 1/x: the denominator is 0 here\);"):
        lambdify("1/x", "x")(0.0)


def test_a_two_dimensional_error_names_the_index() -> None:
    with pytest.raises(EvaluationError, match=r"index \(1, 0\)"):
        lambdify("1/x", "x")(np.array([[1.0, 2.0], [0.0, 3.0]]))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lambdify("x + y", "x"), "also depends on y"),
        (lambda: lambdify("x", ["x", "x"]), "listed twice"),
        (lambda: lambdify("f(x)", "x"), "undefined function"),
        (lambda: lambdify("x", "x", invalid="ignore"), "invalid= is 'raise' or 'nan'"),
        (lambda: lambdify("x", [3]), "a variable is a name"),
        (lambda: lambdify("x", "x")(1.0, 2.0), "expected 1 argument"),
        (lambda: lambdify("x + y", ["x", "y"])(np.zeros(2), np.zeros(3)), "do not broadcast"),
        (lambda: lambdify("x +", "x"), "x +"),
    ],
)
def test_bad_calls_get_symdiff_errors(call, message: str) -> None:
    with pytest.raises(SymdiffError, match=message):
        call()


# Arguments that are not real numbers are refused, never converted. NumPy would drop an imaginary
# part, read "1.5" as 1.5, True as 1 and a date as days since 1970. Booleans are refused too: a
# bool array passed to a real function is most likely a mask passed by mistake, and the error
# says how to convert it if 0 and 1 were meant.
@pytest.mark.parametrize(
    ("argument", "message"),
    [
        (np.array([0.88 + 0.88j]), r"x\[0\] is the complex number \(0.88\+0.88j\): symdiff computes with real"),
        (1 + 2j, r"x is the complex number \(1\+2j\)"),
        (np.complex128(3), r"x is the complex number \(3\+0j\)"),  # even with no imaginary part
        ([1.0, 2 + 3j], r"x\[1\] is the complex number \(2\+3j\)"),  # the value written as complex
        ("a", "x is the text 'a', not a number"),
        ("1.5", "x is the text '1.5', not a number"),  # NumPy would read it as 1.5
        (b"x", "x is the text b'x', not a number"),
        (np.array(["1", "2"]), r"x\[0\] is the text '1'"),
        ({}, "x is a dict, not a real number"),
        ({"x"}, "x is a set, not a real number"),
        ([1, [2, 3]], "x is a ragged nested list"),
        ([1.0, None], r"x\[1\] is None, not a number"),
        (None, "x is None, not a number"),
        (np.array([1.0, object()], dtype=object), r"x\[1\] is an object, not a real number"),
        (np.array(["2020-01-01"], dtype="datetime64[D]"), r"x\[0\] is the date or time 2020-01-01"),
        (np.timedelta64(1, "D"), "x is the date or time 1 days"),
        (datetime.date(2020, 1, 1), "x is the date or time 2020-01-01"),
        (True, "x is True, a boolean: symdiff does not take True and False for 1 and 0"),
        (np.array([[1.0, 2.0], [3.0, 4.0]]) > 2, r"x\[0, 0\] is False, a boolean"),
        (10**400, r"x is about 10\^400, too large for floating point"),
        ([1.0, -(10**400)], r"x\[1\] is about -10\^400, too large"),
        (Fraction(10**400, 3), r"x is about 10\^399, too large"),
        (Decimal("1e500"), r"x is about 10\^500, too large"),
    ],
)
def test_arguments_that_are_not_real_numbers_are_refused(argument, message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        lambdify("1/(x - 0.5)", "x")(argument)
    with pytest.raises(EvaluationError, match=message):  # whatever the other argument, and with nan allowed
        lambdify("x + y", ["y", "x"], invalid="nan")(1.0, argument)


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        (np.float32(1.5), 1.5),
        (np.int64(3), 3.0),
        (2**64, 2.0**64),  # too large for int64 (an object array), not for a float
        (Fraction(1, 4), 0.25),
        (Decimal("0.5"), 0.5),
        ([1, 2.5], [1.0, 2.5]),
        (np.array([1, 2], dtype=np.uint8), [1.0, 2.0]),
        (np.array([1, Fraction(1, 2)], dtype=object), [1.0, 0.5]),
    ],
)
def test_real_numbers_of_any_type_are_accepted(argument, expected) -> None:
    result = lambdify("x", "x")(argument)
    assert np.asarray(result).tolist() == expected


@pytest.mark.parametrize("text", ["x", "1/x", "2^2^2^2^2", "ln(x - 5)", "1"])
def test_an_empty_array_gives_an_empty_array(text: str) -> None:
    # 2^2^2^2^2 overflows, but there are no points at which to report it.
    for invalid in ("raise", "nan"):
        result = lambdify(text, "x", invalid=invalid)([])
        assert isinstance(result, np.ndarray) and result.shape == (0,)
        assert lambdify(text, "x", invalid=invalid)(np.zeros((2, 0))).shape == (2, 0)
    with pytest.raises(EvaluationError, match="2\\^2\\^2\\^2\\^2 has no finite value in floats"):
        lambdify("2^2^2^2^2", "x")([1.0])


@pytest.mark.parametrize("text", ["1e309", "x + 1e309", "2 * 1.8e308", "123456789e301"])
def test_a_number_too_large_for_floating_point_is_refused(text: str) -> None:
    with pytest.raises(EvaluationError, match="is too large for floating point"):
        lambdify(text, "x")
    assert lambdify("1.7e308", "x")(0.0) == 1.7e308  # the largest decimal literals still fit


def test_the_derivative_of_a_power_too_large_for_floating_point_is_refused() -> None:
    # d/dx x^1e1000 = 1e1000*x^(10^1000 - 1): exact, but no float holds it (issue 16: OverflowError).
    derivative = diff("x^1e1000")
    with pytest.raises(EvaluationError, match="is too large for floating point"):
        lambdify(derivative, "x")


def test_repr_names_the_variables() -> None:
    assert repr(lambdify("x*y", ["y", "x"])) == "<lambdify (y, x) -> x*y>"


@pytest.mark.parametrize("invalid", [np.array([1.0, 2.0]), np.array([]), None, 3])
def test_invalid_that_is_not_a_mode_is_refused(invalid):
    # An array raised ValueError (the truth value of an array is ambiguous).
    with pytest.raises(SymdiffError, match="invalid= is 'raise' or 'nan'"):
        lambdify("x^2", ["x"], invalid=invalid)


def test_a_constant_near_a_pole_has_its_own_value_in_every_numeric_front_end():
    # Floats round pi/2 + 10^-30 to the float of pi/2, where tan gives 1.6e16: the value is -1e30.
    text = "x + tan(pi/2 + 10^(-30))"
    assert lambdify(text, "x")(1.0) == pytest.approx(-1e30)
    assert list(lambdify(text, "x")(np.array([1.0, 2.0]))) == pytest.approx([-1e30, -1e30])
    assert symdiff.backprop(text, {"x": 1.0}).value == pytest.approx(-1e30)
    assert symdiff.integrate(text, "x", 0, 1).value == pytest.approx(-1e30)
    assert lambdify("sec(pi/2 - 10^(-20))*x", "x")(2.0) == pytest.approx(2e20)
