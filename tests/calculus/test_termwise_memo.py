"""Higher derivatives reuse each term's Product Rule parts across orders (termwise.py): a term
met again with another coefficient is the earlier parts scaled. The answers must be exactly
the worked solution's at every order, and the values right."""

import math

import pytest

from symdiff import diff

# Derivatives whose terms come back order after order with other coefficients.
CYCLING = [
    "sin(x)*e^x",
    "-sin(x)*e^x",  # every term negative at some orders: a leading minus decides the form
    "y*sin(x)*e^x",  # a constant in front of a Product Rule sum
    "e^x*cos(x) - sin(x)",
    "sin(x)*cos(x)",
    "x*e^x",
    "-(x*e^(2x))",
    "e^(-x)*sin(2x)",
    "sinh(x)*cosh(x)",
    "3e-40*sin(x)*e^x",  # a coefficient whose square does not fold
    "x^x",
    # Terms whose form depends on more than the monomial: a leading minus on a sum, a number in
    # front of a constant sum, a sum base (see TermwiseDerivative._same_as_written_out).
    "-(x*abs(x)*(1 + y))",
    "-(x*(1 - y)*tan(x))",
    "-(1 - y)*(-(1/x))*(-0^x)",
    "-(1 - y)*sin(x)",
    "(1 - y)*e^x*sin(x)",
    "-(4 - x)^x",
]

# diff equals derive on these at orders 5, 6 and 8: see test_later_orders_term_by_term_equal_the_worked_answers
# in test_differentiate.py.


@pytest.mark.parametrize("order", range(1, 21))
def test_the_derivatives_of_sin_times_exp_have_their_closed_form(order):
    # d^n/dx^n [e^x*sin(x)] = 2^(n/2)*e^x*sin(x + n*pi/4)
    answer = diff("sin(x)*e^x", "x", order=order)
    for x in (-1.3, 0.4, 2.1):
        expected = 2 ** (order / 2) * math.exp(x) * math.sin(x + order * math.pi / 4)
        assert math.isclose(answer.evaluate(x=x), expected, rel_tol=1e-9, abs_tol=1e-9)


def test_the_twentieth_derivative_of_sin_times_exp_is_one_term():
    assert str(diff("sin(x)*e^x", "x", order=20)) == "-1024*sin(x)*e^x"
