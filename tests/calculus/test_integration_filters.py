"""What rules out a substitution's candidate before cancelling (symdiff.calculus.integration_filters):
a candidate it rules out is one the substitution could not have used, checked by doing the
substitution's own work on it, for every candidate of every integrand in the antiderivative table."""

import pytest
from antiderivative_table import ROWS

import symdiff
from symdiff.calculus.integration_filters import not_in_polynomial, x_stays
from symdiff.calculus.integration_methods import _candidates, _in_terms_of, _quotients
from symdiff.calculus.integration_rules import coefficients, depends
from symdiff.calculus.integration_session import derivative, simplifying, tidy
from symdiff.core.expr import Div, Symbol
from symdiff.core.traversal import substitute

X = Symbol("x")
U = Symbol("u")

# (integrand, candidate u, whether x is bound to stay in f/u')
CASES = [
    ("x^2*e^(-x)", "x^2", True),  # f/u' = x*e^(-x)/2 is not even, as a function of x^2 would be
    ("ln(x^2 + 1)", "x^2", True),  # ln(x^2 + 1)/(2*x) is odd
    ("x^2*cos(2*x)", "x^2", True),
    ("(x^2 + 1)*e^x", "e^x", True),  # x^2 + 1 is no function of e^x
    ("x*atan(x)", "atan(x)", True),  # x*(x^2 + 1)*atan(x): x stays beside u
    ("x*e^x", "e^x", True),
    ("x*e^(x^2)", "x^2", False),  # e^(x^2)/2: u = x^2 works
    ("x/(x^2 + 1)", "x^2 + 1", False),
    ("x^3*cos(x^4)", "x^4", False),
    ("(2*x + 2)/(x + 1)*e^x", "e^x", False),  # the rational part is the constant 2
    ("e^x/(1 + e^x)", "1 + e^x", False),
]


def _substitution_fails(f, g, x):
    """The substitution's own test on one candidate: no form of f/g' is written in g alone."""
    dg = derivative(g, x)
    for h in _quotients(Div(f, dg)):
        if not depends(_in_terms_of(substitute(h, {tidy(g): U, g: U}), g, U, x), x):
            return False
    return True


# (integrand, a polynomial candidate u, whether f/u' is bound not to be a rational function of u)
POLYNOMIAL_CASES = [
    ("x/(x^2 + 4)^2", "(x^2 + 4)^2", True),  # 1/(4*(x^2 + 4)^3): degree 6, not a multiple of 4
    ("(2*x + 1)/(x^2 + x + 1)^2", "(x^2 + x + 1)^2", True),
    ("x^2/(x^3 + 1)", "x^3 + 1", False),  # 1/(3*(x^3 + 1)): u = x^3 + 1 works
    ("x/(x^2 + 4)^2", "x^2 + 4", False),  # 1/(2*(x^2 + 4)^2): degree 4, a multiple of 2
    ("x*(x^2 + 1)^3", "x^2 + 1", False),
    ("x*(x^2 + 1)^3", "(x^2 + 1)^2", False),  # (x^2 + 1)^2/4 = u/4: degree 4
]


@pytest.mark.parametrize(("integrand", "candidate", "stays"), CASES, ids=[f"{r[0]} u={r[1]}" for r in CASES])
def test_x_stays_table(integrand, candidate, stays):
    f, g = symdiff.parse(integrand), symdiff.parse(candidate)
    with simplifying(f):
        assert x_stays(f, derivative(g, X), g, X) is stays
        assert _substitution_fails(f, g, X) is stays  # the row itself is right


@pytest.mark.parametrize(("integrand", "candidate", "fails"), POLYNOMIAL_CASES,
                         ids=[f"{r[0]} u={r[1]}" for r in POLYNOMIAL_CASES])
def test_not_in_polynomial_table(integrand, candidate, fails):
    f, g = symdiff.parse(integrand), symdiff.parse(candidate)
    with simplifying(f):
        assert not_in_polynomial(f, g, X) is fails
        if fails:
            assert _substitution_fails(f, g, X)


@pytest.mark.parametrize("row", ROWS, ids=[row.integrand for row in ROWS])
def test_a_candidate_ruled_out_would_have_failed(row):
    x = Symbol(row.var)
    f = symdiff.parse(row.integrand)
    with simplifying(f):
        for g in _candidates(f, x):
            c = coefficients(g, x)
            dg = derivative(g, x)
            if (c is not None and len(c) <= 2) or not depends(dg, x):
                continue  # not the substitution's: the linear substitution's
            if not_in_polynomial(f, g, x) or x_stays(f, dg, g, x):
                assert _substitution_fails(f, g, x), (row.integrand, g)
