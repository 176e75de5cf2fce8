"""Riemann sums, trapezoid and Simpson: against exact areas from SymPy, at the theoretical rates."""

from __future__ import annotations

import itertools
import math
import re
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import numeric_expressions
from sympy_oracle import to_sympy
from tex import compile_tex, needs_tex

from symdiff import IntegrationError, diff, integrate, integrate_samples, lambdify, parse
from symdiff.core.latex import document
from symdiff.numeric.area import DEFAULT_N, METHODS, WORKING_LIMIT, _weights

# (function, a, b): smooth on [a, b], and with no symmetry that would make a rule luckier than
# its order (sin on [0, pi] would make the left sum a trapezoid rule).
FUNCTIONS = [
    ("e^x", "0", "1"),
    ("1/(1 + x^2)", "0", "2"),
    ("ln(x)", "1", "3"),
    ("sin(x)", "0", "1"),
    ("x e^(-x)", "0", "2"),
    ("sqrt(x)", "1", "4"),
    ("cos(x)^2 + x^5", "-0.5", "1.5"),
]
ORDERS = {"left": 1, "right": 1, "midpoint": 2, "trapezoid": 2, "simpson": 4}
# The textbook error bounds: |E| ≤ C·(b - a)·h^p·max|f^(p)| over [a, b].
BOUND_CONSTANTS = {"left": 1 / 2, "right": 1 / 2, "midpoint": 1 / 24, "trapezoid": 1 / 12, "simpson": 1 / 180}


def exact(text: str, a: str, b: str) -> float:
    expr = to_sympy(parse(text))
    (x,) = expr.free_symbols  # the oracle's own symbol, with its assumptions
    return float(sympy.integrate(expr, (x, sympy.sympify(a), sympy.sympify(b))))


def derivative_maximum(text: str, order: int, a: float, b: float) -> float:
    """max |f^(order)| on [a, b], from symdiff's own derivative on a fine grid (plus a margin)."""
    derivative = diff(text, *["x"] * order)
    values = lambdify(derivative, "x")(np.linspace(a, b, 20_001))
    return float(np.abs(values).max()) * 1.01


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize(("text", "a", "b"), FUNCTIONS)
def test_error_is_within_the_bound_and_falls_at_the_method_rate(text: str, a: str, b: str, method: str) -> None:
    area = exact(text, a, b)
    lo, hi = float(a), float(b)
    p = ORDERS[method]
    bound_derivative = derivative_maximum(text, 1 if p == 1 else p, lo, hi)
    errors = []
    for n in (16, 32, 64, 128):
        result = integrate(text, "x", a, b, method=method, n=n)
        error = abs(result.value - area)
        h = (hi - lo) / n
        assert error <= BOUND_CONSTANTS[method] * (hi - lo) * h**p * bound_derivative + 1e-13
        errors.append(error)
    rates = [math.log2(coarse / fine) for coarse, fine in itertools.pairwise(errors)]
    assert all(abs(rate - p) < 0.25 for rate in rates), rates


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize(("text", "a", "b"), FUNCTIONS)
def test_richardson_estimates_the_actual_error(text: str, a: str, b: str, method: str) -> None:
    result = integrate(text, "x", a, b, method=method, n=16)
    actual = abs(result.value - exact(text, a, b))
    assert result.error is not None and 0.7 * actual <= result.error <= 1.3 * actual
    assert abs(result.extrapolated - exact(text, a, b)) < actual / 4


@pytest.mark.parametrize("method", list(METHODS))
def test_reversed_bounds_give_the_signed_integral(method: str) -> None:
    # The same shapes, counted negatively: a left sum still samples each interval's left end.
    forward = integrate("x^3 + 2", "x", 0, 2, method=method, n=10)
    backward = integrate("x^3 + 2", "x", 2, 0, method=method, n=10)
    assert backward.value == pytest.approx(-forward.value, rel=1e-14)
    assert backward.error == pytest.approx(forward.error, rel=1e-12)
    assert backward.dx == pytest.approx(-forward.dx)
    assert (backward.a, backward.b) == (2.0, 0.0)
    assert sum(w * y for _, _, y, w in backward.rows) == pytest.approx(backward.value, rel=1e-14)


def test_simpson_is_exact_for_cubics_and_an_empty_interval_is_zero() -> None:
    assert integrate("x^3 - 2x + 1", "x", -1, 2, method="simpson", n=2).value == pytest.approx(3.75, rel=1e-14)
    empty = integrate("1/x", "x", 0, 0)
    assert empty.value == 0.0 and float(empty) == 0.0


def test_the_result_carries_what_was_done() -> None:
    result = integrate("sin x", None, 0, "pi", method="simpson", n=10)
    assert (result.method, result.n, result.var) == ("simpson", 10, "x")
    assert result.dx == pytest.approx(math.pi / 10) and result.b == pytest.approx(math.pi)
    assert float(result) == result.value == pytest.approx(2.0001095173150043, rel=1e-12)
    assert str(result).startswith("2.00010951732 ± 0.00011")
    assert repr(result).startswith("<Integral simpson n=10: ")


def test_the_working_lists_the_samples_and_adds_up() -> None:
    result = integrate("x^2", "x", 0, "pi/2", method="trapezoid", n=4)
    assert result.rows is not None and len(result.rows) == 5
    assert sum(weight * value for _, _, value, weight in result.rows) == pytest.approx(result.value, rel=1e-14)
    text = result.working()
    assert "∫ x^2 dx from 0 to pi/2, trapezoid rule with n = 4 (Δx = 0.392699)" in text
    assert "T_n = Δx/2·[f(x_0) + 2f(x_1)" in text and "error estimate (Richardson, n = 4 against 8)" in text
    assert r"\int_{0}^{\frac{\pi}{2}} x^{2}" in result.to_latex()
    midpoint = integrate("x", "x", 0, 1, method="midpoint", n=2)
    assert [row[1] for row in midpoint.rows] == [0.25, 0.75]
    large = integrate("x", "x", 0, 1, n=WORKING_LIMIT + 1)
    assert large.rows is None and f"listed for n ≤ {WORKING_LIMIT}" in large.working()


# (f, a, b, method, n, a row of the working, the sum line): an entry that is rounding error beside
# its column's largest (sin(pi) = 1.2e-16 beside sin(pi/2) = 1) shows as 0, in text and LaTeX, and
# the sum is rounded where its own rounding error lies; small entries that are not noise stay.
@pytest.mark.parametrize(
    ("expr", "a", "b", "method", "n", "row", "total"),
    [
        ("sin x", "0", "pi", "trapezoid", 4, "4 3.14159 0 0.392699 0", "1.89611889794"),
        ("sin x", "0", "pi", "simpson", 2, "2 3.14159 0 0.523599 0", "2.09439510239"),
        ("sin x", "-pi", "pi", "trapezoid", 4, "0 -3.14159 0 0.785398 0", "0"),  # not 6.4e-17
        ("cos x", "0", "pi", "trapezoid", 2, "1 1.5708 0 1.5708 0", "0"),
        ("cos x", "-pi/2", "pi/2", "left", 2, "0 -1.5708 0 1.5708 0", "1.5707963268"),
        ("x", "-1", "1", "midpoint", 2, "1 -0.5 -0.5 1 -0.5", "0"),
        ("x + 1e-9", "-1", "1", "trapezoid", 2, "1 0 1e-09 1 1e-09", "2e-09"),  # not 2.00000005446e-09
        ("1e-20 x", "1", "2", "left", 1, "0 1 1e-20 1 1e-20", "1e-20"),  # a whole column of small values
        ("x^2 - 1e-13", "-1e-6", "1e-6", "trapezoid", 2, "1 0 -1e-13 1e-06 -1e-19", "8e-19"),
    ],
)
def test_the_working_rounds_each_column_to_its_scale(expr, a, b, method, n, row, total) -> None:
    result = integrate(expr, "x", a, b, method=method, n=n)
    lines = result.working().splitlines()
    assert row.split() in [line.split() for line in lines[3:-2]]
    assert f"  = {total}  (the sum of weight·f)" in lines
    latex = result.to_latex()
    mantissa, _, exponent = total.partition("e")
    power = rf" \times 10^{{{int(exponent)}}}" if exponent else ""
    assert rf"\quad {mantissa}{power} " in latex
    table = latex[latex.index(r"\begin{array}") : latex.index(r"\end{array}")]
    assert "10^{-16}" not in table and "10^{-17}" not in table


def test_rounding_to_the_column_scale_keeps_the_value_and_the_rows() -> None:
    result = integrate("sin x", "x", 0, "pi", n=4)
    assert result.rows[-1][2] == math.sin(math.pi) != 0  # the data is not changed, only how it is shown
    assert r"4 & 3.1415927 & 0 & 0.39269908 & 0 \\" in result.to_latex()


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("y", "dx", "method", "total"),
    [
        ([5e-320, 1e-320, 3e-320], 1.0, "trapezoid", "4.99994433591e-320"),  # rounded beyond 1e-320: subnormal
        ([1e300, -1e300, 1e300], 1e7, "simpson", "-6.66666666667e+306"),
        ([1e300, -1e300, 1e300], 1e7, "trapezoid", "0"),
        ([1e-300, 0.0, -1e-300], 1.0, "trapezoid", "0"),
    ],
)
def test_the_sum_line_rounds_at_the_ends_of_floating_point(y: list[float], dx: float, method: str, total: str) -> None:
    text = integrate_samples(y, dx=dx, method=method).working()
    assert f"  = {total}  (the sum of weight·f)" in text.splitlines()


def test_the_default_number_of_intervals_is_shared() -> None:
    assert integrate("x", "x", 0, 1).n == DEFAULT_N == 100


def test_large_n_is_evaluated_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = {m: integrate("e^x sin(3x)", "x", 0, 2, method=m, n=1000).value for m in METHODS}
    monkeypatch.setattr("symdiff.numeric.area._CHUNK", 37)
    for method, value in whole.items():
        assert integrate("e^x sin(3x)", "x", 0, 2, method=method, n=1000).value == pytest.approx(value, rel=1e-13)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: integrate("x", "x", 0, 1, n=0), "n must be at least 1"),
        (lambda: integrate("x", "x", 0, 1, n=-3), "n must be at least 1"),
        (lambda: integrate("x", "x", 0, 1, n=2.5), "whole number"),
        (lambda: integrate("x", "x", 0, 1, n=10**9), "at most 100,000,000"),
        (lambda: integrate("x", "x", -1e308, 1e308), "too wide for floating point"),
        (lambda: integrate("x", "x", 0, 1, n=True), "whole number"),
        (lambda: integrate("x", "x", 0, 1, method="simpson", n=5), "n must be even, not 5 .try 6"),
        (lambda: integrate("x", "x", 0, 1, method="gauss"), "unknown method 'gauss'"),
        (lambda: integrate("x", "x", 0, math.inf), "improper integral"),
        (lambda: integrate("x", "x", "-inf", 0), "improper integral"),
        (lambda: integrate("x", "x", 0, "y"), "must be a number"),
        (lambda: integrate("x", "x", 0, "ln(-1)"), "has no value"),
        (lambda: integrate("x", "x", 0, "1 +"), "not a number or expression"),
        (lambda: integrate("x y", None, 0, 1), "say which variable"),
        (lambda: integrate("x y", "x", 0, 1), "also depends on y"),
        (lambda: integrate("1/x", "x", 0, 1), "endpoint x = 0 and does not settle"),
        (lambda: integrate("ln(x)", "x", 0, 1, method="midpoint"), "endpoint x = 0 and does not settle"),
        (lambda: integrate("1/(1 - x)", "x", 0, 1), "endpoint x = 1 and does not settle"),
        (lambda: integrate("sin(x)/x", "x", 0, 1), "settles to a limit.*the midpoint method can estimate"),
        (lambda: integrate("1/(x - 0.5)", "x", 0, 1, n=10), "at x = 0.5, inside the interval"),
        (lambda: integrate("e^(e^x)", "x", 0, 800), "no finite value|overflows"),
        (lambda: integrate("x", "x", 0, 10**400), r"the bound b is about 10\^400, too large for floating point"),
        (lambda: integrate("x", "x", -(10**400), 0), r"the bound a is about -10\^400, too large"),
        (lambda: integrate("9e308", "x", 0, 1), "the number 9e308 is too large for floating point"),
        (lambda: integrate("x + 1e400", "x", 0, 1), "the number 1e400 is too large for floating point"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message: str) -> None:
    with pytest.raises(IntegrationError, match=message):
        call()


@pytest.mark.parametrize("method", ["left", "right", "midpoint", "trapezoid", "simpson"])
@pytest.mark.parametrize(("text", "a", "b", "end"), [
    ("tan(x)", 0, "pi/2", "pi/2"),  # the right sum was 2.6e14, the midpoint sum 6.1 (it diverges)
    ("sec(x)^2", 0, "pi/2", "pi/2"),
    ("tan(x)", "pi/2", 2, "pi/2"),
    ("1/(x^2 - 2)", 0, "sqrt(2)", "sqrt(2)"),  # +3.2e13 from the right, where it diverges to -oo
])
def test_a_pole_at_an_endpoint_written_exactly_is_found_though_its_float_misses_it(text, a, b, end, method) -> None:
    with pytest.raises(IntegrationError, match=rf"no finite value at the endpoint x = {re.escape(end)} and does not "
                                               "settle"):
        integrate(text, "x", a, b, method=method)


@pytest.mark.parametrize("method", ["left", "midpoint", "trapezoid", "simpson", "adaptive", "exact"])
@pytest.mark.parametrize(("text", "a", "b"), [("sqrt(x)", -1, 1), ("ln(x)", -2, 1), ("asin(x)", 0, 2),
                                              ("sqrt(x^2 - 1)", -2, 2)])
def test_an_interval_reaching_outside_the_domain_is_refused_as_that(text, a, b, method) -> None:
    """sqrt(x) on [-1, 1] was refused as 'no finite value at x = -0.9995, inside the interval: split
    the integral there', a point as arbitrary as the advice: it has no value on a whole stretch."""
    with pytest.raises(IntegrationError, match=r"has no real value (at the endpoint|inside the interval, at) x = .*"
                                               r"needs the function to have a value on the whole interval"):
        integrate(text, "x", a, b, method=method)


def test_an_improper_end_at_the_edge_of_the_domain_is_not_called_outside_it() -> None:
    assert integrate("ln(x)", "x", 0, 1, method="exact").value.evaluate() == -1  # ln(0) has none; near 0, ln has
    with pytest.raises(IntegrationError, match="no finite value at the endpoint x = 0 and does not settle"):
        integrate("ln(x)", "x", 0, 1, method="trapezoid")


def test_an_endpoint_written_exactly_with_a_value_is_summed() -> None:
    assert integrate("tan(x)", "x", 0, "pi/4", method="midpoint").value == pytest.approx(math.log(2) / 2, abs=1e-5)
    expected = (math.pi**2 / 4 - math.e**2) / 2
    assert integrate("x", "x", "-e", "pi/2", method="trapezoid").value == pytest.approx(expected)


def test_a_removable_endpoint_singularity_works_with_the_midpoint_sum() -> None:
    # ∫₀¹ sin(x)/x dx = Si(1)
    result = integrate("sin(x)/x", "x", 0, 1, method="midpoint", n=64)
    assert result.value == pytest.approx(0.946083070367183, abs=1e-5)


# --- samples --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["left", "right", "trapezoid", "simpson"])
def test_evenly_spaced_samples_match_the_expression_rule(method: str) -> None:
    x = np.linspace(0, 2, 41)
    from_samples = integrate_samples(np.exp(x), dx=0.05, method=method)
    from_expression = integrate("e^x", "x", 0, 2, method=method, n=40)
    assert from_samples.value == pytest.approx(from_expression.value, rel=1e-13)
    with_points = integrate_samples(np.exp(x), x, method=method)
    assert with_points.value == pytest.approx(from_expression.value, rel=1e-12)


@pytest.mark.parametrize("count", [3, 4, 5, 10, 11, 101])
@pytest.mark.parametrize("method", ["left", "right", "trapezoid", "simpson"])
def test_fast_formulas_equal_the_weighted_sums(method: str, count: int) -> None:
    rng = np.random.default_rng(count)
    x = np.cumsum(rng.uniform(0.1, 1.0, count))
    y = rng.normal(size=count)
    weights = _weights(np.diff(x), method)
    assert integrate_samples(y, x, method=method).value == pytest.approx(float(weights @ y), rel=1e-12, abs=1e-12)
    even = _weights(np.full(count - 1, 0.3), method)
    assert integrate_samples(y, dx=0.3, method=method).value == pytest.approx(float(even @ y), rel=1e-12, abs=1e-12)


@given(st.lists(st.floats(0.01, 2.0), min_size=2, max_size=30), st.floats(-3, 3), st.floats(-3, 3))
def test_uneven_simpson_is_exact_for_quadratics(widths: list[float], c1: float, c2: float) -> None:
    x = np.concatenate(([0.0], np.cumsum(widths)))
    y = 1.0 + c1 * x + c2 * x**2
    b = x[-1]
    expected = b + c1 * b**2 / 2 + c2 * b**3 / 3
    assert integrate_samples(y, x, method="simpson").value == pytest.approx(expected, rel=1e-9, abs=1e-9)


def _exact_simpson(y: list[float], x: list[float]) -> Fraction:
    """The oracle: Simpson's rule on uneven samples as exact areas under Newton-form parabolas
    (a derivation independent of the rule's weights), in fractions, so nothing rounds."""
    xs, ys = [Fraction(v) for v in x], [Fraction(v) for v in y]

    def area(i: int, a: Fraction, b: Fraction) -> Fraction:  # ∫ₐᵇ the parabola through points i, i+1, i+2
        x0, x1, x2 = xs[i : i + 3]
        d1 = (ys[i + 1] - ys[i]) / (x1 - x0)
        d2 = ((ys[i + 2] - ys[i + 1]) / (x2 - x1) - d1) / (x2 - x0)

        def antiderivative(u: Fraction) -> Fraction:  # u = x - x0
            return ys[i] * u + d1 * u**2 / 2 + d2 * (u**3 / 3 - (x1 - x0) * u**2 / 2)

        return antiderivative(b - x0) - antiderivative(a - x0)

    n = len(xs) - 1
    total = sum((area(i, xs[i], xs[i + 2]) for i in range(0, n - n % 2, 2)), Fraction(0))
    if n % 2:
        total += area(n - 2, xs[n - 1], xs[n])
    return total


# Widths that differ by a factor near or beyond the largest float. The weighted sum Σ wᵢ·yᵢ had
# huge weights of opposite signs whose rounding swamped the area (the first row gave 1, not
# 5/3), and a ratio of widths that overflowed gave inf - inf for areas that fit a float.
@pytest.mark.parametrize(
    ("y", "x"),
    [
        ([1.0, 1.0, 3.0], [0.0, 1e-300, 1.0]),
        ([1.0, 2.0, 3.0], [0.0, 1e-300, 1.0]),
        ([1.0, 1.0, 3.0], [0.0, 5e-324, 1.0]),  # the weights overflow; the area is 5/3
        ([1.0, 2.0, 3.0], [0.0, 5e-324, 1e-10]),  # the ratio overflows; the area, 3.4e302, fits
        ([3.0, 1.0, 3.0], [0.0, 1.0, 1.0 + 2**-52]),
        ([1.0, 1.0, 2.0, 5.0], [0.0, 1e-320, 1.0, 2.0]),
        ([1.0, 2.0, 2.0, 3.0], [0.0, 1e-310, 2e-310, 1.0]),  # the last-interval correction
        ([1.0, 2.0, 3.0, 4.0], [0.0, 1e-300, 2e-300, 1.0]),
        ([2.0, 1.0, 4.0, 3.0, 5.0, 2.0], [0.0, 0.3, 1.1, 1.5, 2.9, 3.0]),  # ordinary widths
    ],
)
def test_uneven_simpson_is_exact_when_widths_are_very_unequal(y: list[float], x: list[float]) -> None:
    expected = float(_exact_simpson(y, x))
    assert integrate_samples(y, x, method="simpson").value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("y", "x", "message"),
    [
        ([1.0, 2.0, 3.0], [0.0, 5e-324, 1.0], r"the area under the parabola through the samples at x\[0\], x\[1\] "
         r"and x\[2\] is about 3.37e\+322, beyond the largest float .*differ by a factor of 2.02e\+323"),
        ([1.0, 2.0, 3.0, 4.0], [0.0, 5e-324, 1e-323, 1.0], r"the area of the last interval \(x\[2\] to x\[3\]\)"),
    ],
)
def test_uneven_simpson_says_when_the_parabola_is_beyond_floating_point(y, x, message: str) -> None:
    # Not a rounding artefact: the exact Simpson area of these samples exceeds the largest float.
    assert _exact_simpson(y, x) > Fraction(sys.float_info.max)
    with pytest.raises(IntegrationError, match=message):
        integrate_samples(y, x, method="simpson")
    assert integrate_samples(y, x, method="trapezoid").value == pytest.approx(float(
        sum((Fraction(b) - Fraction(a)) * (Fraction(p) + Fraction(q)) / 2
            for a, b, p, q in zip(x, x[1:], y, y[1:], strict=False))))  # the trapezoid rule, suggested, works


def test_unequal_widths_leave_out_weights_beyond_floating_point() -> None:
    result = integrate_samples([1.0, 1.0, 3.0], [0.0, 5e-324, 1.0], method="simpson")
    assert result.rows is None and "beyond floating point's range" in result.working()
    assert result.to_latex()


def test_uneven_trapezoid_matches_numpy() -> None:
    rng = np.random.default_rng(7)
    x = np.sort(rng.uniform(0, 10, 1000))
    y = np.sin(x) + rng.normal(size=1000) * 0.1
    assert integrate_samples(y, x).value == pytest.approx(np.trapezoid(y, x), rel=1e-12)
    assert integrate_samples(y, dx=0.01).value == pytest.approx(np.trapezoid(y, dx=0.01), rel=1e-12)
    assert integrate_samples(list(y)).value == pytest.approx(np.trapezoid(y), rel=1e-12)  # dx defaults to 1


def test_samples_error_estimate_uses_every_other_sample() -> None:
    x = np.linspace(0, 1, 33)
    result = integrate_samples(np.exp(x), x, method="trapezoid")
    actual = abs(result.value - (math.e - 1))
    assert 0.7 * actual <= result.error <= 1.3 * actual
    assert integrate_samples([1.0, 2.0, 4.0, 3.0], dx=1.0).error is None  # 3 intervals: no halving


def test_samples_are_never_changed() -> None:
    y = np.array([3.0, 1.0, 2.0, 5.0])
    x = np.array([0.0, 0.5, 2.0, 2.5])
    integrate_samples(y, x, method="simpson")
    assert y.tolist() == [3.0, 1.0, 2.0, 5.0] and x.tolist() == [0.0, 0.5, 2.0, 2.5]


def test_samples_working_table() -> None:
    result = integrate_samples([1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 2.0, 3.0], method="simpson")
    assert result.value == pytest.approx(7.5)
    assert result.dx is None and "Δx varies" in result.working()
    assert [round(w, 6) for *_, w in result.rows] == [0.333333, 1.25, 1.0, 0.416667]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: integrate_samples([1.0, np.nan, 2.0]), r"y\[1\] is nan"),
        (lambda: integrate_samples([1.0, 2.0, np.inf], dx=0.5), r"y\[2\] is inf"),
        (lambda: integrate_samples([1e308, 1e308, 1e308]), "overflows"),
        (lambda: integrate_samples([1.0, 2.0, 3.0], [0.0, 2.0, 1.0]), r"increasing: x\[2\] = 1 is smaller"),
        (lambda: integrate_samples([1.0, 2.0, 3.0], [0.0, 1.0, 1.0], method="simpson"), "strictly increasing"),
        (lambda: integrate_samples([1.0, 2.0, 3.0], [0.0, np.nan, 1.0]), r"x\[1\] is nan"),
        (lambda: integrate_samples([1.0, 2.0, 3.0], [0.0, 1.0]), "same length: 2 points for 3 values"),
        (lambda: integrate_samples([1.0, 2.0], [0.0, 1.0], dx=1.0), "not both"),
        (lambda: integrate_samples([1.0, 2.0], dx=0), "positive spacing"),
        (lambda: integrate_samples([1.0, 2.0], dx=-1.0), "positive spacing"),
        (lambda: integrate_samples([1.0]), "at least 2 samples"),
        (lambda: integrate_samples([1.0, 2.0], method="simpson"), "at least 3 samples"),
        (lambda: integrate_samples([[1.0, 2.0], [3.0, 4.0]]), "one-dimensional"),
        # Samples that are not real numbers are refused, never converted (NumPy reads "2" as 2,
        # True as 1 and a date as days since 1970), naming the first bad index.
        (lambda: integrate_samples(["a", "b"]), r"y\[0\] is the text 'a', not a number"),
        (lambda: integrate_samples(["1", "2", "3"]), r"y\[0\] is the text '1', not a number"),
        (lambda: integrate_samples([1.0, 2.0], ["0", "1"]), r"x\[0\] is the text '0'"),
        (lambda: integrate_samples([1.0, "2", 3.0]), r"y\[0\] is the text '1.0'"),  # NumPy makes all of it text
        (lambda: integrate_samples(np.array([1.0, "2"], dtype=object)), r"y\[1\] is the text '2'"),
        (lambda: integrate_samples(np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")),
         r"y\[0\] is the date or time 2020-01-01"),
        (lambda: integrate_samples([1.0, 2.0], np.array([0, 1], dtype="datetime64[s]")), r"x\[0\] is the date"),
        (lambda: integrate_samples([True, False]), r"y\[0\] is True, a boolean"),
        # NumPy reads a boolean among integers as an integer: [True, 2] is [1, 2] to it.
        (lambda: integrate_samples([True, 2]), r"y\[0\] is True, a boolean"),
        (lambda: integrate_samples([1, 2], [0, True]), r"x\[1\] is True, a boolean"),
        (lambda: integrate_samples([1.0, 2.0 + 1j]), r"y\[1\] is the complex number"),
        (lambda: integrate_samples([1.0, None, 2.0]), r"y\[1\] is None"),
        (lambda: integrate_samples([1.0, [2.0, 3.0]]), "y is a ragged nested list"),
        (lambda: integrate_samples([1.0, 2.0], dx="1"), "dx is the text '1', not a number"),
        (lambda: integrate_samples([1.0, 2.0], dx=True), "dx is True, a boolean"),
        (lambda: integrate_samples([1.0, 2.0], dx=1j), "dx is the complex number 1j"),
        # Numbers beyond a float's range: said so, not an OverflowError.
        (lambda: integrate_samples([10**400, 1]), r"y\[0\] is about 10\^400, too large for floating point"),
        (lambda: integrate_samples([1.0, 2.0], [0, 10**400]), r"x\[1\] is about 10\^400, too large"),
        (lambda: integrate_samples([1.0, 2.0], dx=10**400), r"dx is about 10\^400, too large for floating point"),
        (lambda: integrate_samples([1.0, 2.0], method="midpoint"), "midpoints"),
    ],
)
def test_bad_samples_get_a_clear_error(call, message: str) -> None:
    with pytest.raises(IntegrationError, match=message):
        call()


def test_a_repeated_x_is_allowed_outside_simpson() -> None:
    # A zero-width interval adds nothing (a step in ROC data is exactly this).
    assert integrate_samples([0.0, 1.0, 1.0], [0.0, 1.0, 1.0]).value == pytest.approx(0.5)


@pytest.mark.filterwarnings("error")  # no RuntimeWarning from NumPy either
@given(numeric_expressions, st.sampled_from(list(METHODS)), st.integers(1, 40), st.floats(-5, 5), st.floats(-5, 5))
def test_any_expression_gives_a_finite_area_or_a_clear_error(expr, method: str, n: int, a: float, b: float) -> None:
    n += n % 2 if method == "simpson" else 0
    variable = None if len(expr.free_symbols) > 1 else "x"
    try:
        result = integrate(expr, variable, a, b, method=method, n=n)
    except IntegrationError:
        return
    assert math.isfinite(result.value) and (result.error is None or math.isfinite(result.error))
    assert result.working() and result.to_latex()


samples = st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=12)


@pytest.mark.filterwarnings("error")
@given(samples, st.one_of(st.none(), samples), st.one_of(st.none(), st.floats()),
       st.sampled_from(["left", "right", "trapezoid", "simpson", "midpoint"]))
def test_any_samples_give_a_finite_area_or_a_clear_error(y, x, dx, method: str) -> None:
    try:
        result = integrate_samples(y, x, dx=dx, method=method)
    except IntegrationError:
        return
    assert math.isfinite(result.value)
    assert result.working() and result.to_latex()


@needs_tex
def test_the_working_of_every_area_method_compiles(tmp_path):
    blocks = [integrate("e^(-x^2/2)/sqrt(2 pi)", "x", "-pi", "pi/2", method=m, n=6).to_latex() for m in METHODS]
    blocks.append(integrate("x", "x", 0, 1, n=200).to_latex())  # no table: too many terms
    blocks.append(integrate_samples([1e-9, 2.0, 3e12, 4.0], [0.0, 1.0, 2.5, 3.0], method="simpson").to_latex())
    compile_tex(tmp_path, document(blocks, title="Areas"))


# A pole between a sum's samples gave a number that meant nothing: 1/(x - 0.3) with n = 4 was -3.43.
INTERIOR_POLES = [
    ("1/(x - 0.3)", 0, 1, "grows without bound near x ≈ 0.3"),
    ("1/(x - 0.3)^2", 0, 1, "grows without bound near x ≈ 0.3"),
    ("tan x", 0, 3, "grows without bound near x ≈ 1.57"),
    ("1/(x^2 - 2)", 0, 3, "grows without bound near x ≈ 1.41"),
    ("1/x", -1, 1, "has no finite value at x = 0, inside the interval"),
    ("ln(abs(x))", -1, 1, "has no finite value at x = 0, inside the interval"),
]


@pytest.mark.parametrize(("text", "a", "b", "words"), INTERIOR_POLES, ids=[row[0] for row in INTERIOR_POLES])
@pytest.mark.parametrize("n", [4, 100])
def test_a_pole_inside_the_interval_is_refused(text, a, b, words, n):
    with pytest.raises(IntegrationError, match=words.replace("(", r"\(").replace(")", r"\)")):
        integrate(text, "x", a, b, n=n)


@pytest.mark.parametrize(("text", "a", "b"), [
    ("sin x", 0, "pi"), ("1/(1 + x^2)", -5, 5), ("100 sign(x - 0.5)", 0, 1), ("tanh(1000(x - 0.3))", 0, 1),
    ("1/(0.0001 + (x - 0.3)^2)", 0, 1), ("x sin(1/x)", 0.001, 1), ("exp(x^2)", 0, 5), ("sin(1/x)", 0.01, 1),
])
def test_steep_or_peaked_but_finite_functions_are_not_taken_for_poles(text, a, b):
    assert math.isfinite(integrate(text, "x", a, b, n=8).value)


@pytest.mark.parametrize("method", ["right", "trapezoid", "simpson"])
def test_the_last_point_is_the_upper_bound_itself(method):
    # The seed-2036 fuzz run: from -1e308 to 3 in 10 steps of 1e307, a + 10*h rounds to 0, so the
    # sums left out f(3) and gave 0. With f(3) in, the sum is over 1e308: too large, and said so.
    with pytest.raises(IntegrationError, match="overflows"):
        integrate("e^x*x", "x", -1e308, 3.0, method=method, n=10)
    wide = integrate("e^x*x", "x", -1e300, 3.0, method=method, n=10)
    assert wide.rows[-1][1] == 3.0  # the sample table shows x_n = b
    weight = {"right": 1.0, "trapezoid": 0.5, "simpson": 1 / 3}[method] * 1e299
    assert math.isclose(wide.value, weight * 3 * math.exp(3), rel_tol=1e-9)  # f(3) alone: the rest is 0


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize(("text", "a", "b", "exact"), [("e^(-x)", 0, 1e4, 1.0), ("e^(-x)", 0, 10, 1 - math.exp(-10)),
                                                       ("sqrt(x)", 0, 1, 2 / 3), ("1/(1 + 100x^2)", -1, 3, None)])
def test_an_error_estimate_given_holds_the_exact_value(text, a, b, exact, method) -> None:
    """e^(-x) on [0, 10^4] by the trapezoid rule with n = 100 is 50 (Δx = 100 sees only f(0)): the
    estimate from n = 200 was ± 33 for an integral of 1. Three sums now show the rate the error
    falls at; the error is the geometric tail of their differences, or there is none."""
    if exact is None:
        exact = (math.atan(30) + math.atan(10)) / 10
    result = integrate(text, "x", a, b, method=method)
    if result.error is None:
        assert result.note and "take n larger" in result.note and "no error estimate" in result.working()
    else:
        assert abs(result.value - exact) <= 1.05 * result.error + 1e-15
    if result.extrapolated is not None:
        assert abs(result.extrapolated - exact) <= result.error


@pytest.mark.parametrize("n", [100, 101])
def test_no_improved_value_is_offered_from_sums_that_do_not_resolve_the_integrand(n) -> None:
    """Δx = 100 sees only f(0) of e^(-x): the sums halve with Δx, and extrapolated as if at the
    rule's rate they gave 0 and 1.8e-9 as the 'improved estimate' of 1 (a review)."""
    result = integrate("e^(-x)", "x", 0, 1e4, n=n)
    assert result.extrapolated is None
    assert result.error is not None and abs(result.value - 1) <= result.error
    assert integrate("x^2", "x", 0, 1).extrapolated == pytest.approx(1 / 3, abs=1e-12)


@pytest.mark.parametrize("method", ["right", "midpoint"])
def test_samples_that_miss_the_area_give_no_error_estimate(method) -> None:
    """Every sample of e^(-x) on [0, 10^308] but f(0) is 0, and f(0) has weight 0 in these sums:
    they were 0 ± 0 for an integral of 1."""
    result = integrate("e^(-x)", "x", 0, 1e308, method=method)
    assert result.value == 0.0 and result.error is None and result.extrapolated is None
    assert "next to x = 0 the integrand holds an area of about 1.9" in result.note
    assert "no error estimate: next to x = 0" in result.working()
    assert r"\raggedright no error estimate: next to x = 0" in result.to_latex()


def test_sums_far_from_their_rate_give_no_error_estimate() -> None:
    result = integrate("e^(-x)", "x", 0, 1e4, method="right")
    assert result.error is None and "n = 50, 100 and 200" in result.note
    assert "do not yet approach a limit" in result.note


@pytest.mark.parametrize(("kwargs", "expected"), [({"dx": 0.5}, 1e308), ({"dx": 0.5, "method": "simpson"}, 1e308),
                                                  ({"x": [0, 0.25, 0.5, 0.75, 1.0]}, 1e308), ({"dx": 0.25}, 1e308)])
def test_samples_whose_sum_overflows_but_whose_area_fits(kwargs, expected) -> None:
    """Three samples of 1e308 with dx = 0.5 have area 1e308; the sum of the samples overflowed,
    and the area was said to be too large for a float."""
    count = len(kwargs.get("x", [])) or (5 if kwargs["dx"] == 0.25 else 3)
    assert integrate_samples([1e308] * count, **kwargs).value == pytest.approx(expected, rel=1e-15)
    with pytest.raises(IntegrationError, match="overflows"):
        integrate_samples([1e308] * 3, dx=2.0)  # 4e308: it does not fit
