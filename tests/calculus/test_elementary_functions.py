"""The functions a calculus table lists, each against SymPy: its derivative, its value, its
compiled value, its exact special values and its LaTeX, at negative points too (cbrt(-8) = -2)."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from sympy_oracle import to_sympy

from symdiff import EvaluationError, derive, diff, lambdify, parse, simplify
from symdiff.core.functions import FUNCTIONS

X = sympy.Symbol("x", real=True)

# (expression, points inside its domain); each new function alone and through the chain rule.
ORACLE = [
    ("asec x", [-3.0, -1.5, 1.2, 4.0]),
    ("acsc x", [-3.0, -1.5, 1.2, 4.0]),
    ("acot x", [-2.0, -0.5, 0.3, 5.0]),
    ("asec(x^2 + 1)", [-2.0, 0.5, 3.0]),
    ("acsc(2x)", [-2.0, -0.7, 0.9]),
    ("acot(x^3)", [-1.5, -0.2, 0.4]),
    ("sech x", [-30.0, -1.0, 0.0, 2.0]),
    ("csch x", [-3.0, -0.4, 0.6, 2.0]),
    ("coth x", [-3.0, -0.4, 0.6, 2.0]),
    ("sech(x^2)", [-1.2, 0.5]),
    ("asinh x", [-5.0, 0.0, 2.0]),
    ("acosh x", [1.1, 3.0]),
    ("atanh x", [-0.9, 0.0, 0.5]),
    ("asinh(sin x)", [-2.0, 1.0]),
    ("acosh(x^2 + 2)", [-1.0, 2.0]),
    ("atanh(x/2)", [-1.5, 1.0]),
    ("cbrt x", [-8.0, -0.3, 0.7, 27.0]),
    ("cbrt(x^2 - 4)", [-3.0, -1.0, 1.0, 2.5]),
    ("root(x, 5)", [-32.0, -0.5, 2.0]),
    ("root(x^3 + 1, 3)", [-2.0, 0.5]),
    ("root(x, 4)", [0.5, 16.0]),
    ("root(x^2 + 1, 6)", [-1.0, 2.0]),
    ("sign x", [-2.0, 3.0]),
    ("sign(x) x^2", [-2.0, 3.0]),
    ("abs x", [-2.0, 3.0]),
    ("abs(x^2 - 4)", [-3.0, -1.0, 1.0, 3.0]),
    ("log_2 x", [0.5, 8.0]),
    ("log10(x^2 + 1)", [-3.0, 2.0]),
    ("log(x, 3)", [0.2, 9.0]),
    ("log(sin(x) + 2, x)", [0.5, 3.0]),
    ("log_x(x^2 + 1)", [0.5, 2.0]),
    ("x log_2(x)", [0.5, 4.0]),
]


def _sympy_value(expr: sympy.Expr, x: float) -> complex:
    return complex(expr.evalf(30, subs={X: x}))


@pytest.mark.parametrize(("text", "points"), ORACLE, ids=[row[0] for row in ORACLE])
def test_derivative_and_value_agree_with_sympy(text, points):
    tree = parse(text)
    theirs = to_sympy(tree)
    ours_derivative = diff(tree, "x")
    assert derive(tree, "x").result == ours_derivative
    their_derivative = sympy.diff(theirs, X)
    for x in points:
        value = _sympy_value(theirs, x)
        assert math.isclose(tree.evaluate(x=x), value.real, rel_tol=1e-9, abs_tol=1e-12), (text, x)
        assert abs(value.imag) < 1e-12, (text, x)
        slope = _sympy_value(their_derivative, x)
        assert math.isclose(ours_derivative.evaluate(x=x), slope.real, rel_tol=1e-8, abs_tol=1e-12), (text, x)


@pytest.mark.parametrize(("text", "points"), ORACLE, ids=[row[0] for row in ORACLE])
def test_compiled_values_equal_evaluated_ones(text, points):
    f = lambdify(text, ["x"])
    for expr, compiled in ((parse(text), f), (diff(text, "x"), lambdify(diff(text, "x"), ["x"]))):
        values = compiled(np.array(points))
        expected = [expr.evaluate(x=x) for x in points]
        assert np.allclose(values, expected, rtol=1e-12, atol=1e-14), text


# Every new function of one argument, at a random point; the inner x^2 - x/2 + u makes the chain
# rule run and reaches negative arguments. Points outside a domain are skipped (evaluation refuses).
NEW_FUNCTIONS = ["asec", "acsc", "acot", "sech", "csch", "coth", "asinh", "acosh", "atanh", "cbrt", "sign"]


@given(st.sampled_from(NEW_FUNCTIONS), st.floats(-3, 3), st.floats(-2, 2))
def test_each_new_function_agrees_with_sympy_at_random_points(name, x, shift):
    tree = parse(f"{name}(x^2 - x/2 + {shift!r})" if shift >= 0 else f"{name}(x^2 - x/2 - {-shift!r})")
    try:
        ours = tree.evaluate(x=x)
        slope = diff(tree, "x").evaluate(x=x)
    except EvaluationError:
        return
    if x * x - x / 2 + shift == 0 or abs(slope) > 1e6:
        # At 0 sign jumps (SymPy's DiracDelta has no number); beside a pole floats and 30 digits part.
        return
    assert math.isclose(ours, _sympy_value(to_sympy(tree), x).real, rel_tol=1e-8, abs_tol=1e-10)
    theirs = _sympy_value(sympy.diff(to_sympy(tree), X), x)
    assert math.isclose(slope, theirs.real, rel_tol=1e-6, abs_tol=1e-8), (name, x, shift)


def test_the_table_has_every_function():
    assert set(NEW_FUNCTIONS) <= set(FUNCTIONS)
    tested = {word for text, _ in ORACLE for word in FUNCTIONS if f"{word} " in text or f"{word}(" in text}
    assert set(NEW_FUNCTIONS) <= tested


@pytest.mark.parametrize("text", ["0^x", "0^(x^2 + 1)", "3*0^sin(x)"])
def test_zero_to_a_power_has_slope_zero_not_ln_0(text):
    # The General Exponential Rule would give 0^u*ln(0)*u', which has no value (SymPy's diff of 0^x
    # is nan); where u > 0, 0^u is 0 and so is its slope.
    assert str(diff(text, "x")) == "0"
    assert any("0^u = 0 for u > 0" in step.note for step in derive(text, "x"))
    assert "ln(0)" not in derive(text, "x").explain()


def test_zero_to_a_power_keeps_its_honest_values():
    assert parse("0^x").evaluate(x=2.0) == 0.0
    with pytest.raises(EvaluationError):
        parse("0^x").evaluate(x=-1.0)
    assert sympy.diff(to_sympy(parse("0^x")), X).subs(X, 1) is sympy.nan  # what the old rule gave


# --- values and their domains ---------------------------------------------------------------------

VALUES = [
    ("cbrt(-8)", -2.0), ("cbrt(27)", 3.0), ("root(-32, 5)", -2.0), ("root(16, 4)", 2.0), ("root(2, 2)", math.sqrt(2)),
    ("sign(-3) + sign(0) + sign(0.5)", 0.0), ("sign(0)", 0.0),
    ("asec(2)", math.acos(0.5)), ("asec(-2)", math.acos(-0.5)), ("acsc(-2)", -math.pi / 6),
    ("acot(1)", math.pi / 4), ("acot(-1)", 3 * math.pi / 4), ("acot(0)", math.pi / 2),  # range (0, pi)
    ("sech(1000)", 0.0), ("csch(-1000)", -0.0), ("coth(1)", math.cosh(1) / math.sinh(1)),
    ("asinh(1) + acosh(2) + atanh(0.5)", math.asinh(1) + math.acosh(2) + math.atanh(0.5)),
    ("log_2 8", 3.0), ("log10(1000)", 3.0), ("log(9, 3)", 2.0), ("log(8, 0.5)", -3.0), ("log_e(e)", 1.0),
]


@pytest.mark.parametrize(("text", "expected"), VALUES, ids=[row[0] for row in VALUES])
def test_values(text, expected):
    assert math.isclose(parse(text).evaluate(), expected, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(lambdify(text, [])(), expected, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize(("text", "words"), [
    ("asec(0.5)", "asec(0.5) is undefined: asec needs an argument a with |a| >= 1"),
    ("acsc(0)", "acsc(0) is undefined"),
    ("acosh(0.5)", "acosh needs an argument of at least 1"),
    ("atanh(1)", "atanh needs an argument strictly between -1 and 1"),
    ("csch(0)", "csch needs a non-zero argument"),
    ("coth(0)", "coth needs a non-zero argument"),
    ("root(-16, 4)", "an even root needs a non-negative argument, not -16"),
    ("(-8)^(1/3)", "no finite real value"),  # a power is not the real root: that is cbrt
    ("log_2(-1)", "a logarithm needs a positive argument (here -1)"),
    ("log(2, 1)", "a positive base other than 1 (here 1)"),
    ("log(2, -2)", "a positive base other than 1 (here -2)"),
    ("log_2(0)", "a logarithm needs a positive argument"),
    ("0^0 - 0^(-1)", "divides by zero"),
])
def test_outside_the_domain_is_an_evaluation_error(text, words):
    with pytest.raises(EvaluationError) as caught:
        parse(text).evaluate()
    assert words in str(caught.value)
    with pytest.raises(EvaluationError):
        lambdify(text, [])()


# --- exact values, and only exact ones ------------------------------------------------------------

SIMPLIFIED = [
    ("sign(0)", "0"), ("sign(-2/3)", "-1"), ("sign(5)", "1"),
    ("cbrt(8)", "2"), ("cbrt(-8)", "-2"), ("cbrt(1/27)", "1/3"), ("cbrt(2)", "cbrt(2)"),
    ("root(-32, 5)", "-2"), ("root(81, 4)", "3"), ("root(-16, 4)", "(-16)^(1/4)"), ("root(3, 5)", "root(3, 5)"),
    ("root(x, 2)", "sqrt(x)"), ("root(x, 3) - cbrt(x)", "0"), ("root(x, 4)", "x^(1/4)"),
    ("log_2 8", "3"), ("log10(100)", "2"), ("log10(1/1000)", "-3"), ("log(2, 4)", "1/2"), ("log(8, 0.5)", "-3"),
    ("log_2 3", "log_2(3)"), ("log(-8, -2)", "log(-8, -2)"), ("log_b b", "1"), ("log_b 1", "0"),
    ("log_e x", "ln(x)"), ("log(x, 2) - log2(x)", "0"), ("2 log_10(x) + log10 x", "3*log_10(x)"),
    ("asinh(0) + atanh(0) + acosh(1) + asec(1) + sech(0)", "1"), ("acot(0)", "acot(0)"),
]


@pytest.mark.parametrize(("text", "answer"), SIMPLIFIED, ids=[row[0] for row in SIMPLIFIED])
def test_exact_special_values(text, answer):
    result = simplify(text)
    assert str(result) == answer
    assert simplify(result) == result
    try:
        before = parse(text).evaluate(x=0.7, b=3.0)
    except EvaluationError:
        return
    assert math.isclose(result.evaluate(x=0.7, b=3.0), before, rel_tol=1e-12, abs_tol=1e-12)


# --- LaTeX ------------------------------------------------------------------------------------

LATEX = [
    ("asec x", r"\operatorname{arcsec} x"), ("acot(2x)", r"\operatorname{arccot}\left(2 x\right)"),
    ("sech x", r"\operatorname{sech} x"), ("coth x", r"\coth x"), ("asinh x", r"\operatorname{arsinh} x"),
    ("cbrt(x)", r"\sqrt[3]{x}"), ("root(x + 1, 5)", r"\sqrt[5]{x + 1}"),
    ("sign(x)", r"\operatorname{sgn}\left(x\right)"),
    ("log_2 x", r"\log_{2} x"), ("log(x + 1, 10)", r"\log_{10}\left(x + 1\right)"),
    ("log(x, b + 1)", r"\log_{b + 1} x"),
    ("log_2(x)^2", r"\left(\log_{2} x\right)^{2}"), ("sech(x)^2", r"\operatorname{sech}^{2} x"),
    ("cbrt(x)^2", r"\left(\sqrt[3]{x}\right)^{2}"),
]


@pytest.mark.parametrize(("text", "latex"), LATEX, ids=[row[0] for row in LATEX])
def test_latex(text, latex):
    assert parse(text).to_latex() == latex


@pytest.mark.parametrize("text", ["log(x, 2.5)", "log(x, 1e50)", "log(x, b^2)", "log_x_1(y)", "log_pi(x)",
                                  "root(x, 7)", "cbrt(-x)", "log(log_2 x, 3)"])
def test_text_reads_back(text):
    assert parse(str(parse(text))) == parse(text)
