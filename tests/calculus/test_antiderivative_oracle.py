"""symdiff.antiderivative against SymPy, and random integrands: an answer is right or refused.

SymPy is the independent judge: for each answer F of f, sympy.diff(F) - f simplifies to 0, or,
where sympy.simplify cannot show it (abs, sign), agrees at random real points.
"""

import random

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy_oracle import to_sympy
from test_antiderivative import RULES

import symdiff
from symdiff import IntegrationError, antiderivative, parse
from symdiff.calculus.integration_check import agrees_numerically

X = sympy.Symbol("x", real=True)


def _sympy_agrees(answer, integrand) -> bool:
    difference = sympy.diff(to_sympy(answer), X) - to_sympy(integrand)
    if sympy.simplify(difference) == 0:
        return True
    rng = random.Random(7)
    checked = 0
    for _ in range(200):
        point = sympy.Rational(rng.randint(-3000, 3000), 997)
        try:
            want = complex(to_sympy(integrand).subs(X, point).evalf(30))
            if abs(want.imag) > 1e-20 or not abs(want.real) < 1e12:
                continue
            got = complex(difference.subs(X, point).evalf(30))
        except (TypeError, ZeroDivisionError, ValueError):
            continue
        if abs(got) > 1e-9 * max(1.0, abs(want)):
            return False
        checked += 1
        if checked >= 8:
            return True
    return False


@pytest.mark.parametrize("integrand", [row[0] for row in RULES])
def test_sympy_confirms_every_answer(integrand):
    anti = antiderivative(integrand, "x")
    assert _sympy_agrees(anti.result, anti.expr)


# Integrands from the table, to combine at random.
PIECES = ["x", "x^2", "x^3", "1/x", "sqrt(x)", "e^x", "e^(2*x)", "2^x", "sin(x)", "cos(3*x)", "sec(x)^2",
          "tan(x)", "sinh(x)", "1/(1 + x^2)", "x*e^x", "ln(x)", "x*cos(x^2)", "1/(x^2 - 1)", "sin(x)^2",
          "x^2*sin(x)", "1/(2*x + 1)", "(x + 1)^3", "e^(-x^2)", "sin(x)/x", "x^x"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(-5, 5).filter(bool), st.sampled_from(PIECES)), min_size=1, max_size=4))
def test_linear_combinations_are_right_or_refused(terms):
    integrand = " + ".join(f"({c})*({piece})" for c, piece in terms)
    tree = parse(integrand)
    try:
        anti = antiderivative(tree, "x")
    except IntegrationError as error:
        assert "no integration rule applies" in str(error)
        return
    derivative = symdiff.diff(anti.result, "x")
    assert agrees_numerically(derivative, tree, symdiff.Symbol("x"))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=1, max_size=7), st.integers(-3, 3))
def test_polynomials_and_their_quotients(coefficients, shift):
    poly = " + ".join(f"({c})*x^{i}" for i, c in enumerate(coefficients))
    for integrand in (poly, f"({poly})/(x - ({shift}))", f"({poly})/(x^2 + {abs(shift) + 1})"):
        tree = parse(integrand)
        try:
            anti = antiderivative(tree, "x")
        except IntegrationError:
            continue
        assert _sympy_agrees(anti.result, tree)
