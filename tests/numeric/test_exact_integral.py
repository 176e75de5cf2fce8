"""Definite integrals exactly, by the Fundamental Theorem: values (against SymPy), improper
integrals by limits, divergence said, discontinuities refused, and the working's three forms."""

from __future__ import annotations

import json
import math

import pytest
import sympy
from sympy_oracle import to_sympy
from tex import compile_tex, needs_tex, overfull_boxes

import symdiff
from symdiff import ExactIntegral, IntegrationError
from symdiff.core.latex_lines import LINE_EM
from symdiff.core.latex_width import latex_width

EXACT = [
    # (integrand, a, b, the exact value as symdiff prints it)
    ("sin(x)", "0", "pi", "2"),
    ("x^2", "0", "1", "1/3"),
    ("e^x", "0", "1", "e - 1"),
    ("1/(1 + x^2)", "0", "1", "pi/4"),
    ("cos(x)", "0", "pi/2", "1"),
    ("sec(x)^2", "0", "pi/4", "1"),
    ("1/x", "1", "e", "1"),
    ("x e^x", "0", "1", "1"),
    ("1/sqrt(1 - x^2)", "0", "1/2", "pi/6"),
    ("3x^2 - 2x + 1", "-1", "2", "9"),
    ("x^2", "1", "0", "-1/3"),  # a > b: the signed integral
    ("sin(x)", "-pi", "pi", "0"),
    ("x cos(x)", "0", "pi", "-2"),
    ("1/(x^2 - 1)", "2", "3", "ln(3)/2 - ln(2)/2"),
]

IMPROPER = [
    ("1/x^2", "1", "oo", "1"),
    ("1/sqrt(x)", "0", "1", "2"),
    ("e^(-x)", "0", "oo", "1"),
    ("1/(1 + x^2)", "-oo", "oo", "pi"),
    ("ln(x)", "0", "1", "-1"),
    ("x e^(-x^2)", "0", "oo", "1/2"),
    ("1/x^3", "1", "oo", "1/2"),
]

DIVERGENT = [
    # (integrand, a, b, value: oo, -oo, or None when F has no limit at all)
    ("1/x", "1", "oo", "oo"),
    ("1/x", "0", "1", "oo"),
    ("e^x", "0", "oo", "oo"),
    ("1/sqrt(x)", "1", "oo", "oo"),
    ("-1/x^2", "0", "1", "-oo"),
    ("sin(x)", "0", "oo", None),
    ("cos(x)", "-oo", "0", None),
]

REFUSED = [
    # (integrand, a, b, words the reason contains)
    ("1/x", "-1", "1", "inside the interval"),
    ("1/x^2", "-1", "1", "inside the interval"),
    ("tan(x)", "0", "2", "pole"),
    ("1/(x - 2)", "0", "3", "pole"),
    ("sec(x)^2", "0", "pi", "pole"),  # a scan point lands within rounding of pi/2: F(pi) - F(0) = 0 is wrong
    ("sqrt(x)", "-1", "1", "no real value inside the interval"),
    ("e^(-x^2)", "0", "1", "numeric"),
    ("sin(x)/x", "1", "2", "numeric"),
    # No value on a stretch narrower than the scan's steps, next to a bound: no divergence.
    ("1/sqrt(x - 10^(-20))", "0", "1", "no real value inside the interval, at x = 1e-22 next to the bound x = 0"),
    ("sqrt(x - 10^(-20))", "0", "1", "no real value inside the interval"),
    ("1/sqrt(-x - 10^(-20))", "-1", "0", "no real value inside the interval, at x = -1e-22 next to the bound x = 0"),
    # Narrower than floats can see (1 - 10^-20 is 1.0): F's gap is said, and no answer is given.
    ("1/sqrt(1 - 10^(-20) - x)", "0", "1", "the antiderivative .* has no value next to x = 1"),
]


def _sympy_integral(expr: str, a: str, b: str) -> sympy.Expr:
    tree = symdiff.parse(expr)
    x = next(iter(to_sympy(symdiff.parse("x")).free_symbols))
    bound = {"oo": sympy.oo, "-oo": -sympy.oo}
    lo = bound.get(a) or to_sympy(symdiff.parse(a))
    hi = bound.get(b) or to_sympy(symdiff.parse(b))
    return sympy.integrate(to_sympy(tree), (x, lo, hi))


@pytest.mark.parametrize(("expr", "a", "b", "value"), EXACT + IMPROPER)
def test_exact_values_agree_with_sympy(expr, a, b, value):
    found = symdiff.integrate(expr, "x", a, b, method="exact")
    assert isinstance(found, ExactIntegral)
    assert found.converges
    assert str(found.value) == value
    expected = _sympy_integral(expr, a, b)
    assert sympy.simplify(to_sympy(found.value) - expected) == 0
    assert math.isclose(float(found), float(expected), rel_tol=1e-12, abs_tol=1e-14)


@pytest.mark.parametrize(("expr", "a", "b", "value"), IMPROPER)
def test_improper_integrals_are_limits(expr, a, b, value):
    found = symdiff.integrate(expr, "x", a, b, method="exact")
    assert found.improper
    text = found.working()
    assert "improper" in text and "lim x->" in text


@pytest.mark.parametrize(("expr", "a", "b", "value"), DIVERGENT)
def test_divergent_integrals_say_so(expr, a, b, value):
    found = symdiff.integrate(expr, "x", a, b, method="exact")
    assert not found.converges
    assert "diverges" in str(found) and "diverges" in found.working()
    if value is None:
        assert found.value is None
        with pytest.raises(IntegrationError, match="diverges"):
            float(found)
    else:
        assert str(found.value) == value
        assert float(found) == (math.inf if value == "oo" else -math.inf)


@pytest.mark.parametrize(("expr", "a", "b", "words"), REFUSED)
def test_discontinuities_and_non_elementary_integrands_are_refused(expr, a, b, words):
    with pytest.raises(IntegrationError, match=words):
        symdiff.integrate(expr, "x", a, b, method="exact")


def test_an_interval_of_no_width_is_zero():
    found = symdiff.integrate("1/x", "x", "1", "1", method="exact")
    assert str(found) == "0" and float(found) == 0.0


@pytest.mark.parametrize(("a", "b"), [("x", "1"), ("0", None), ("0", []), ("0", "nan"), ("0", float("nan")),
                                      ("0", "1e400"), ("0", True)])
def test_bad_bounds_are_refused(a, b):
    with pytest.raises(IntegrationError):
        symdiff.integrate("x", "x", a, b, method="exact")


def test_other_symbols_are_refused_with_a_way_out():
    with pytest.raises(IntegrationError, match="antiderivative"):
        symdiff.integrate("a x", "x", 0, 1, method="exact")


def test_the_working_shows_the_theorem_and_the_check():
    found = symdiff.integrate("sin(x)", "x", 0, "pi", method="exact")
    text = found.working()
    for part in ("Fundamental Theorem", "F(pi) = -cos(pi) = 1", "F(0) = -cos(0) = -1", "= 2", "they agree"):
        assert part in text
    assert found.checked is not None and math.isclose(found.checked[2], found.checked[3], rel_tol=1e-9)


def test_json_is_data():
    found = symdiff.integrate("1/x^2", "x", 1, "oo", method="exact")
    data = json.loads(json.dumps(found.to_json()))
    assert data["value"] == "1" and data["float"] == 1.0 and data["improper"] and data["converges"]
    assert data["upper"]["limit"]["value"] == "0" and data["lower"]["value"] == "-1"
    assert data["antiderivative"]["result"] == "-1/x"


@needs_tex
@pytest.mark.parametrize(("expr", "a", "b"), [("sin(x)", "0", "pi"), ("1/x^2", "1", "oo"), ("1/x", "1", "oo"),
                                              ("x e^x", "0", "1")])
def test_latex_compiles(tmp_path, expr, a, b):
    found = symdiff.integrate(expr, "x", a, b, method="exact")
    source = found.to_latex(standalone=True)
    assert r"\Big[" in source and r"\, dx" in source
    compile_tex(tmp_path, source)


# Wide antiderivatives: [F]_a^b and F(b) - F(a) ran 206pt into the margin before the rows were broken.
WIDE = [("(x + 2)/(x^2 + 2*x + 5)^2", "0", "1"), ("1/(x^2 + 1)^2", "-oo", "oo"), ("x^3*e^(2*x)", "0", "1"),
        ("(x^3 + x^2 + 2*x + 1)/((x^2 + 1)*(x^2 + 2))", "0", "1")]


@pytest.mark.parametrize(("expr", "a", "b"), WIDE)
def test_the_theorem_rows_fit_the_page(expr, a, b):
    source = symdiff.integrate(expr, "x", a, b, method="exact").to_latex()
    block = source[source.index("\\begin{align*}", source.index("Fundamental")):]
    rows = block.removeprefix("\\begin{align*}\n").removesuffix("\n\\end{align*}").split(" \\\\\n")
    assert len(rows) >= 3
    for row in rows:
        assert row.count(r"\left") == row.count(r"\right"), row
        assert latex_width(row.replace("&", "")) <= LINE_EM + 0.5, row


@needs_tex
def test_wide_theorems_compile_without_overfull_rows(tmp_path):
    for number, (expr, a, b) in enumerate(WIDE):
        log = compile_tex(tmp_path, symdiff.integrate(expr, "x", a, b, method="exact").to_latex(standalone=True),
                          f"wide{number}")
        assert overfull_boxes(log) == [], expr


@pytest.mark.parametrize("method", ["trapezoid", "adaptive"])
def test_numeric_workings_have_a_standalone_document(tmp_path, method):
    found = symdiff.integrate("x^2", "x", 0, 1, method=method)
    assert found.to_latex(standalone=True).startswith("\\documentclass")
    assert found.to_latex(standalone=False) == found.to_latex()
    with pytest.raises(symdiff.SymdiffError):
        found.to_latex(standalone="yes")


@pytest.mark.parametrize("method", ["trapezoid", "simpson", "midpoint"])
def test_a_sum_across_a_pole_hit_within_rounding_is_refused(method):
    with pytest.raises(IntegrationError, match="grows without bound"):
        symdiff.integrate("sec(x)^2", "x", 0, "pi", method=method, n=64)


def test_a_sum_over_an_interval_too_narrow_to_divide_is_refused():
    # 1e-320 / 6 is a subnormal step with a few digits: the sum was off in its fourth digit (fuzz)
    with pytest.raises(IntegrationError, match="too narrow"):
        symdiff.integrate("exp(100)", "x", 1e-320, 0, method="trapezoid", n=6)


@pytest.mark.parametrize(("expr", "b", "true"), [
    ("e^x", "10^-9", 1.0000000005e-09),
    ("sin(x)", "10^-5", 4.99999999995833e-11),
    ("e^x", "10^-15", 1.0000000000000005e-15),
])
def test_float_of_an_exact_value_that_cancels_keeps_its_digits(expr, b, true):
    """float(e^(1/10^9) - 1) keeps 8 digits of 16 (1.0000000827e-09): where evaluating the
    exact value cancels more than quadrature loses, the float is the quadrature's area."""
    result = symdiff.integrate(expr, "x", 0, b, method="exact")
    assert math.isclose(float(result), true, rel_tol=1e-12)


@pytest.mark.parametrize(("b", "true"), [(19, 17.0818528194401), (20, 18.0818528194401), (30, 28.0818528194401)])
def test_an_antiderivative_that_floats_cannot_evaluate_is_worked_out_to_60_digits(b, true):
    """∫tanh^13 is -ln|tanh x - 1|/2 - ...: 1 - tanh(20) is 8.5e-18, so floats gave ln(0), and
    the exact method said it could not evaluate F at 20, or at 19 that F was not continuous
    (16.8 for 17.08). Its value and the check against quadrature now take 60 digits."""
    assert math.isclose(float(symdiff.integrate("tanh(x)^13", "x", 0, b, method="exact")), true, rel_tol=1e-12)


def test_the_integral_of_tanh_squared_is_the_textbook_one():
    result = symdiff.integrate("tanh(x)^2", "x", 0, 20, method="exact")
    assert str(result) == "20 - tanh(20)"
    assert float(result) == pytest.approx(19.0, abs=1e-12)


def test_float_of_an_exact_value_without_cancellation_is_its_own():
    assert float(symdiff.integrate("x^2", "x", 0, 1, method="exact")) == 1 / 3
    # e - 1 worked out to 60 digits and rounded once (math.e - 1 rounds twice: 1.718281828459045)
    assert float(symdiff.integrate("e^x", "x", 0, 1, method="exact")) == 1.7182818284590453


@pytest.mark.parametrize(("expr", "a", "b", "value"), [
    ("x/e^x", "0", "oo", "1"),
    ("x^2/e^x", "0", "oo", "2"),
    ("e^x/(1 + e^(2x))", "-oo", "oo", "pi/2"),
    ("e^x/(1 + e^(2x))", "0", "oo", "pi/4"),
    ("1/cosh(x)^2", "-oo", "oo", "2"),
    ("1/(1 + e^x)", "0", "oo", "ln(2)"),  # F = x - ln(e^x + 1), whose limit at oo is ln(e^x/(e^x + 1))'s
])
def test_an_integrand_that_vanishes_while_a_part_of_it_overflows_is_no_point_without_a_value(expr, a, b, value):
    """x/e^x has e^x = inf past x = 709 while x/e^x is 1e-300: the scan took that for a point
    where the integrand has no value ("no finite value at x = 869.2, inside the interval")."""
    assert str(symdiff.integrate(expr, "x", a, b, method="exact")) == value


def test_an_integrand_without_a_value_toward_an_infinite_bound_is_still_refused():
    with pytest.raises(symdiff.IntegrationError, match="no real value inside the interval, at x = "):
        symdiff.integrate("sqrt(700 - x)", "x", 0, "oo", method="exact")


def test_a_bound_whose_value_is_as_substituted_is_said_once():
    """F(1) = sinh(1) = sinh(1) said the same thing twice."""
    working = symdiff.integrate("cosh(x)", "x", -1, 1, method="exact").working()
    assert "    F(1) = sinh(1)\n" in working and "sinh(1) = sinh(1)" not in working
    assert "    F(3) = 3^3/3 = 9\n" in symdiff.integrate("x^2", "x", 0, 3, method="exact").working()


def test_an_integrand_that_is_zero_by_an_identity_is_integrated_without_a_false_pole():
    """x*(sin(x)^2 + cos(x)^2 - 1) is 0; its floats are a rounding's noise, whose spikes the scan
    took for a pole ('grows without bound near x ≈ 1.999'), and the check of
    sqrt(sin(x)^2 + cos(x)^2 - 1)'s antiderivative 0 called itself a bug in symdiff."""
    assert str(symdiff.integrate("x*(sin(x)^2 + cos(x)^2 - 1)", "x", 1, 2, method="exact")) == "0"
    assert str(symdiff.antiderivative("sqrt(sin(x)^2 + cos(x)^2 - 1)").result) == "0"
