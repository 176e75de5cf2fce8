"""What rules out a substitution's candidate before cancelling (symdiff.calculus.integration_filters):
a candidate it rules out is one the substitution could not have used, checked by doing the
substitution's own work on it, for every candidate of every integrand in the antiderivative table;
and a linear substitution's candidate ruled out (``not_linear``) is one whose derivative has x."""

from fractions import Fraction
from functools import reduce

import pytest
from antiderivative_table import ROWS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import expressions

import symdiff
from symdiff.calculus.integration_filters import not_in_polynomial, x_stays
from symdiff.calculus.integration_methods import _candidates, _in_terms_of, _quotients
from symdiff.calculus.integration_rules import coefficients, depends
from symdiff.calculus.integration_session import derivative, simplifying, tidy
from symdiff.calculus.integration_slopes import not_linear
from symdiff.core.expr import Add, Call, Constant, Div, Mul, Number, Pow, Symbol, number
from symdiff.core.functions import FUNCTIONS
from symdiff.core.traversal import free_symbols, substitute

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


# --- the linear substitution: g = F(p(x)) with two slopes is no a*x + b -------------------------------

# (candidate g, whether two different slopes are found)
LINEAR_CASES = [
    ("sqrt(4 - x^2)", True),
    ("sqrt(1 - 9*x^2)", True),  # its domain is |x| < 1/3: points inside it
    ("e^x", True),
    ("2^(3*x + 1)", True),
    ("sec(3*x)", True),
    ("cos(2*x)", True),
    ("ln(x)", True),
    ("(2*x + 1)^(-3)", True),
    ("sqrt(x^2)", True),  # |x|: slopes -1 and 1, and d/dx is x/|x|, not a number
    ("(x^3)^(1/3)", False),  # x for x > 0: the same slope at every point looked at
    ("sqrt(x - 1000)", False),  # no point looked at is in its domain
    ("1 + sqrt(x)", False),  # not F(p(x))
    ("x*ln(x)", False),
    ("pi^x", False),  # only e and positive numbers as bases
    ("sin(x)^2", False),
    ("1.0000001^x", False),  # ln(b) too close to 0 to be trusted in floats
]


def _slow_linear(g, x):
    """``_linear``'s exact test, without the screen: d/dx g written out, a nonzero number or None."""
    a = derivative(g, x)
    if free_symbols(a):
        return None
    try:
        value = a.evaluate()
    except symdiff.SymdiffError:
        return None
    return tidy(a) if value else None


@pytest.mark.parametrize(("candidate", "two_slopes"), LINEAR_CASES, ids=[r[0] for r in LINEAR_CASES])
def test_not_linear_table(candidate, two_slopes):
    g = symdiff.parse(candidate)
    with simplifying(g):
        assert not_linear(g, X) is two_slopes
        if two_slopes:
            assert X in free_symbols(derivative(g, X))  # what the screen says without writing it


def test_not_linear_declines_a_linear_candidate():
    g = symdiff.parse("(x^3)^(1/3)")
    with simplifying(g):
        assert not not_linear(g, X)


@pytest.mark.parametrize("row", ROWS, ids=[row.integrand for row in ROWS])
def test_a_linear_candidate_ruled_out_is_not_linear(row):
    x = Symbol(row.var)
    f = symdiff.parse(row.integrand)
    with simplifying(f):
        for g in _candidates(f, x):
            if g != x and not_linear(g, x):
                assert _slow_linear(g, x) is None, (row.integrand, g)
                assert x in free_symbols(derivative(g, x)), (row.integrand, g)


_small = st.fractions(min_value=-4, max_value=4, max_denominator=4)
_polynomials = st.lists(_small, min_size=2, max_size=4).filter(lambda c: any(c[1:])).map(
    lambda c: reduce(lambda total, k: Add(total, Mul(number(c[k]), Pow(X, Number(k)))), range(1, len(c)),
                     number(c[0])))


@st.composite
def _outer_of_polynomial(draw):
    """F(p(x)) for a function F, a power p^r, or an exponential b^p."""
    p = draw(_polynomials)
    kind = draw(st.sampled_from(["call", "power", "exponential"]))
    if kind == "call":
        return Call(draw(st.sampled_from(sorted(FUNCTIONS))), p)
    if kind == "power":
        return Pow(p, number(draw(st.fractions(min_value=-5, max_value=5, max_denominator=3))))
    bases = [Constant("e"), Number(2), Number(Fraction(1, 2)), Number(Fraction(5, 2)), Number(10)]
    return Pow(draw(st.sampled_from(bases)), p)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_outer_of_polynomial(), expressions))
def test_not_linear_agrees_with_the_derivative(g):
    """Whatever the screen rules out, d/dx g written out has x in it: _linear declines it either way."""
    with simplifying(g):
        if not_linear(g, X):
            assert X in free_symbols(derivative(g, X))
            assert _slow_linear(g, X) is None


def test_not_linear_cannot_tell_for_a_base_beyond_floats():
    # The fuzz run (seed 2035) met 1e999^t: float(10^999) overflowed inside the filter.
    from symdiff import Number, Pow, Symbol

    t = Symbol("t")
    g = Pow(Number(10**999), t)
    with simplifying(g):
        assert not not_linear(g, t)
    from symdiff import Add, Div, number

    integrand = Add(Div(Pow(Number(10**999), t), number(1.4142135623730951)), Number("0.1"), t)
    assert "ln(1e999)" in str(symdiff.antiderivative(integrand, "t").result)


def _sum_in_product_by_definition(f):
    """A sum below the top that a product, power or quotient in f holds (the check as it was
    first written, once per sum: quadratic)."""
    from symdiff.core.traversal import preorder

    return any(type(node) in (symdiff.Add, symdiff.Sub) and any(
        type(parent) in (symdiff.Mul, symdiff.Pow, symdiff.Div) and node in parent.children
        for parent, _ in preorder(f)) for node, level in preorder(f) if level)


@settings(max_examples=300, deadline=None)
@given(expressions)
def test_a_sum_in_a_product_is_found_in_one_walk(expr):
    from symdiff.calculus.integration_methods import _sum_in_product

    assert _sum_in_product(expr) == _sum_in_product_by_definition(expr)
