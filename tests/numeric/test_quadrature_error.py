"""The error estimate of a G7-K15 panel (symdiff.numeric.quadrature_error): the Legendre model is
trusted on analytic panels and never on singular ones, is checked at bisection, and bounds the
true error of every panel it is used on; unresolved oscillations are cut in four."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.polynomial import legendre

from symdiff import lambdify
from symdiff.numeric.quadrature_error import _kappa, _to_legendre, checked, kronrod, split
from symdiff.numeric.quadrature_rules import KRONROD_WEIGHTS, NODES


def _piece(text: str, a: float, b: float):
    (piece,) = kronrod(lambdify(text, ["x"]), [(a, b)])
    return piece


def test_kappa_is_k15s_error_on_each_legendre_polynomial():
    kappa, first = _kappa()
    assert first == 5 and kappa[:3] == pytest.approx([0.01102, 0.03108, 0.1439], rel=1e-3)  # P_24, P_26, P_28
    integrals = np.array(KRONROD_WEIGHTS) @ legendre.legvander(np.array(NODES), 30)
    errors = np.abs(integrals - np.eye(31)[0] * 2)  # ∫P_0 = 2, ∫P_n = 0 for n >= 1
    assert errors[:23].max() < 1e-14 and errors[1::2].max() < 1e-14  # exact to degree 22, and on every odd P_n
    assert errors[24] == pytest.approx(kappa[0])


def test_the_legendre_matrix_inverts_the_interpolation():
    coefficients = np.arange(1.0, 16.0)
    values = legendre.legval(np.array(NODES), coefficients)
    assert _to_legendre() @ values == pytest.approx(coefficients, rel=1e-12)


# (integrand, a, b, exact): analytic panels, where the series falls fast and regularly.
ANALYTIC = [
    ("cos(x)^2", 0, 5, 2.5 + math.sin(10) / 4),
    ("cos(x)^2", 5, 10, 2.5 + (math.sin(20) - math.sin(10)) / 4),
    ("1/(1 + 25x^2)", 0, 0.25, math.atan(1.25) / 5),
    ("sin(50x)", 0, 0.125, (1 - math.cos(6.25)) / 50),
    ("e^x", 0, 1, math.e - 1),
]


@pytest.mark.parametrize(("text", "a", "b", "exact"), ANALYTIC)
def test_the_model_is_trusted_on_analytic_panels_and_bounds_their_error(text, a, b, exact):
    piece = _piece(text, a, b)
    assert piece.refined <= piece.cautious and math.isfinite(piece.model)
    assert abs(piece.value - exact) <= max(piece.refined, 1e-15 * abs(exact))


# Singular panels: a kink inside (the coefficients oscillate), an end singularity, a hidden weak one.
SINGULAR = [
    ("abs(x - 0.04449)^(2.115)", -0.167975, 0.05095),  # the ratios 0.25 then 0.05: irregular
    ("sqrt(abs(x - 0.3))", 0.2998, 0.3002),
    ("x^(-0.9)", 0, 0.01),
    ("ln x", 0, 0.5),
]


@pytest.mark.parametrize(("text", "a", "b"), SINGULAR)
def test_the_model_is_not_trusted_on_singular_panels(text, a, b):
    piece = _piece(text, a, b)
    assert piece.refined == piece.cautious
    assert not piece.unresolved  # a singularity is bisected, not cut in four


def test_the_cautious_estimate_is_at_least_k15_minus_g7():
    # QUADPACK's scaling puts a kink panel's estimate at 4e-11, below |K15 - G7| = 4.5e-8 and the
    # true error 1.3e-8: the cautious estimate keeps |K15 - G7|.
    piece = _piece("sqrt(abs(x - 0.3))", 0.29980469, 0.30004883)
    exact = 2 / 3 * ((0.30004883 - 0.3) ** 1.5 + (0.3 - 0.29980469) ** 1.5)
    assert abs(piece.value - exact) <= piece.cautious


def test_a_hidden_weak_singularity_fails_the_check_at_bisection():
    # x^1.7 ln x at 0 hides under the sine at degrees 7-14: the single panel's model says 6e-12,
    # its true error is 1.7e-8. Bisecting it measures that, so the halves keep the cautious estimate.
    text = "(x^(1.726)*ln(x)) + (-1.195*sin(15.77*x + 2.616)) + (x^(1.675)*ln(x))"
    g = lambdify(text, ["x"])
    (whole,) = kronrod(g, [(0, 0.5926)])
    assert whole.model < 1e-10
    left, right = checked(whole, *kronrod(g, [(0, 0.2963), (0.2963, 0.5926)]))
    assert left.error >= left.change > 1e-8 and right.error >= right.change


def test_a_confirmed_model_is_used_by_the_halves():
    g = lambdify("cos(x)^2", ["x"])
    (whole,) = kronrod(g, [(0, 10)])
    left, right = checked(whole, *kronrod(g, [(0, 5), (5, 10)]))
    assert left.error == left.refined < 1e-9 and right.error == right.refined < 1e-9


def test_an_unresolved_oscillation_is_cut_in_four():
    g = lambdify("sin(50x)", ["x"])
    (whole,) = kronrod(g, [(0, 1)])
    assert whole.unresolved
    known: dict = {}
    left, right, fresh = split(g, whole, 0.5, 10, known)
    assert fresh and (left.a, left.b, right.a, right.b) == (0, 0.5, 0.5, 1) and len(known) == 2
    quarters = split(g, left, 0.25, 10, known)
    assert quarters[2] is False and (quarters[0].b, quarters[1].a) == (0.25, 0.25)  # from the cut, no new values
    assert left.value == pytest.approx(quarters[0].value + quarters[1].value, abs=1e-15)


def test_a_singular_whole_leaves_its_measured_tail_to_its_halves():
    g = lambdify("abs(x - 0.31)^(-0.5)", ["x"])  # the singularity inside the right half, off every node
    (whole,) = kronrod(g, [(0.25, 0.35)])
    halves = kronrod(g, [(0.25, 0.3), (0.3, 0.35)])
    assert math.isinf(whole.model)
    left, right = checked(whole, *halves)
    change = abs(whole.value - halves[0].value - halves[1].value)
    assert min(left.error, right.error) >= 2 * change
