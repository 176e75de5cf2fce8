"""Repeated derivatives that come back to a multiple of an earlier one (derivative_cycles.py):
the order asked for is found from the cycle, and must be exactly what working out every order
gives (the same terms, coefficients and order), which derive shows."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import expressions
from test_termwise_memo import CYCLING

import symdiff.calculus.differentiate as differentiate
from symdiff import Call, Mul, Neg, Number, Symbol, SymdiffError, derive, diff
from symdiff.calculus.derivative_cycles import DerivativeCycle

x = Symbol("x")


class _NoCycle(DerivativeCycle):
    def seen(self, normal, linear):
        super().seen(normal, linear)
        return None


def every_order(text, order):
    """diff working out every order, as it did before cycles."""
    saved = differentiate.DerivativeCycle
    differentiate.DerivativeCycle = _NoCycle
    try:
        return diff(text, x, order=order)
    finally:
        differentiate.DerivativeCycle = saved


PERIODIC = [
    *CYCLING,
    "sin(x)", "cos(3x)", "e^(2x)", "e^(-x/3)", "sinh(2x)", "cosh(x)", "2^x", "sin(x)^2", "sin(x)*cos(x)",
    "e^x*cos(2x) + sin(x)", "sin(x) + cos(2x)", "e^x + e^(2x)", "pi*sin(x)", "sin(x + 1)*e^(x - 2)",
    "e^x*sin(x)*cos(x)", "3/7*sin(x)", "sin(x)/7", "-sin(x)", "sin(x) - 1", "e^(x*y)", "sin(y*x)",
]


@pytest.mark.parametrize("order", [3, 4, 5, 7, 8, 12, 20, 33])
@pytest.mark.parametrize("text", PERIODIC)
def test_the_cycle_gives_what_every_order_gives(text, order):
    try:
        expected = every_order(text, order)
    except SymdiffError as error:  # x^x and (4 - x)^x grow too large to work out: refused alike
        with pytest.raises(type(error)):
            diff(text, x, order=order)
        return
    assert diff(text, x, order=order) == expected


@pytest.mark.parametrize("text", ["sin(x)*e^x", "sin(2x)", "y*sin(x)*e^x - e^x*cos(x)"])
def test_the_cycle_gives_what_derive_shows(text):
    assert diff(text, x, order=9) == derive(text, x, order=9).result


def test_orders_past_the_cycle_are_not_worked_out(monkeypatch):
    orders = []
    real = differentiate.TermwiseDerivative.__call__

    def counted(self, normal):
        orders.append(normal)
        return real(self, normal)

    monkeypatch.setattr(differentiate.TermwiseDerivative, "__call__", counted)
    assert str(diff("sin(x)*e^x", x, order=100)) == "-1125899906842624*sin(x)*e^x"  # (-4)^25
    # The 2nd to 5th derivatives are worked out term by term; the 5th is -4 times the 1st.
    assert len(orders) == 4


@pytest.mark.parametrize("order", [1, 2, 3, 10, 37, 100])
def test_the_hundredth_derivative_of_sin_times_exp_has_its_closed_form(order):
    answer = diff("sin(x)*e^x", "x", order=order)
    for point in (-1.3, 0.4):
        expected = 2 ** (order / 2) * math.exp(point) * math.sin(point + order * math.pi / 4)
        assert math.isclose(answer.evaluate(x=point), expected, rel_tol=1e-9)


# Terms that do not scale linearly (sums as factors, denominators, constants before a product):
# the cycle is not used through them, and the answers are still every order's.
NOT_LINEAR = ["(1 - y)*e^x*sin(x)", "y*e^x*sin(x)", "e^x/x", "sin(x)/(1 + y)", "-(x*(1 - y)*tan(x))",
              "e^x*(x + 1)", "-(1 - y)*sin(x)"]


@pytest.mark.parametrize("text", NOT_LINEAR)
def test_terms_that_do_not_scale_linearly_are_worked_out(text):
    for order in (4, 6, 9):
        assert diff(text, x, order=order) == every_order(text, order)


periodic_factors = st.sampled_from(["sin", "cos", "sinh", "cosh", "exp"]).flatmap(
    lambda name: st.sampled_from([x, Mul(Number(2), x), Mul(Neg(Number(3)), x)]).map(lambda arg: Call(name, arg)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(periodic_factors, expressions), min_size=1, max_size=3).map(
    lambda factors: factors[0] if len(factors) == 1 else Mul(*factors)), st.integers(3, 12))
def test_random_repeated_derivatives_equal_every_order(expr, order):
    try:
        expected = every_order(expr, order)
    except SymdiffError:
        return
    assert diff(expr, x, order=order) == expected
