"""One search's simplifier and memos (symdiff.calculus.integration_session): the shortcuts it
takes give what the textbook's whole strategy gives, and the exact check of a rational
difference (integration_check.vanishes_exactly) agrees with SymPy."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.algebra.simplify import Simplifier
from symdiff.algebra.textbook import textbook_answer
from symdiff.calculus.integration_check import vanishes_exactly
from symdiff.calculus.integration_session import _exponential_times_prime, _irreducible, simplifying, tidy
from symdiff.core.expr import Symbol

X = Symbol("x")


def _poly_text(coefficients: list[int]) -> str:
    return " + ".join(f"({c})*x^{k}" for k, c in enumerate(coefficients)) or "0"


# (answer, whether the shortcut applies): the textbook leaves the first kind alone
SHORTCUT = [
    ("e^x*(x^2 - 2*x + 2)", True),
    ("e^x*(x^5 - 5*x^4 + 20*x^3 - 60*x^2 + 120*x - 120)", True),
    ("e^(3*x)*(9*x^2 - 24*x + 8)/27", True),
    ("-e^(-x)*(x + 1)", True),
    ("e^x*(x^2 + 2*x + 1)", False),  # (x + 1)^2: the textbook may write it so
    ("e^x*(x^2 - x)", False),  # a factor x
    ("e^x*(2*x + 2)", True),  # the normal form takes the 2 out: 2*e^x*(x + 1)
    ("e^x*(sin(x) - cos(x))/2", False),  # trigonometric: the identities may apply
    ("x^2 - 2*x + 2", False),  # no exponential
]


@pytest.mark.parametrize(("answer", "applies"), SHORTCUT, ids=[row[0] for row in SHORTCUT])
def test_the_final_shortcut_is_the_textbooks_answer(answer, applies):
    simplifier = Simplifier()
    normal = simplifier.normal_form(symdiff.parse(answer))
    assert _exponential_times_prime(simplifier, normal) is applies
    if applies:
        assert simplifier.answer(normal) == textbook_answer(simplifier, normal)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-6, 6), min_size=2, max_size=6), st.integers(-3, 3).filter(bool),
       st.sampled_from(["e^({k}*x)", "2^({k}*x)"]), st.booleans())
def test_the_final_shortcut_agrees_with_the_textbook(coefficients, k, exponential, expanded):
    """Whenever the shortcut applies, the simplifier's answer is the textbook's."""
    text = f"({exponential.format(k=k)})*({_poly_text(coefficients)})"
    tree = symdiff.expand(text) if expanded else symdiff.parse(text)
    simplifier = Simplifier()
    normal = simplifier.normal_form(tree)
    if _exponential_times_prime(simplifier, normal):
        assert simplifier.answer(normal) == textbook_answer(simplifier, normal), text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-20, 20), min_size=2, max_size=6))
def test_irreducible_agrees_with_sympy(coefficients):
    """A polynomial said irreducible (content 1, no factor x) is irreducible over Q for SymPy."""
    if _irreducible([Fraction(c) for c in coefficients]):
        x = sympy.Symbol("x")
        poly = sympy.Poly(sum(c * x**k for k, c in enumerate(coefficients)), x)
        _, factors = poly.factor_list()
        assert len(factors) == 1 and factors[0][1] == 1, coefficients
        assert poly.content() == 1 or poly.content() == -1


def test_tidy_remembers_what_it_gives():
    tree = symdiff.parse("x^2*e^x")
    with simplifying(tree):
        once = tidy(symdiff.parse("e^x*x^2 - 2*x*e^x + 2*e^x"))
        assert tidy(once) is once
        final = tidy(once, final=True)
        assert tidy(final, final=True) is final


# (difference, whether it is 0): rational functions of x, settled exactly
RATIONAL = [
    ("2/(x + 2) - 1/(x + 1) - x/((x + 1)*(x + 2))", True),
    ("(x^2 - 1)/(x - 1) - (x + 1)", True),
    ("x^(-2) - 1/(x*x)", True),
    ("2.5*x - 5*x/2", True),
    ("1/(x + 1) - 1/(x + 2)", False),
    ("1/x - 1/x^2", False),
    ("1/(x - x)", False),  # defined nowhere: not shown 0
    ("sin(x) - sin(x)", False),  # not a rational function: for the other tests
    ("y*x - x*y", False),  # another symbol: likewise
]


@pytest.mark.parametrize(("difference", "zero"), RATIONAL, ids=[row[0] for row in RATIONAL])
def test_vanishes_exactly(difference, zero):
    assert vanishes_exactly(symdiff.parse(difference), X) is zero


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=4), st.lists(st.integers(-5, 5), min_size=1, max_size=4),
       st.lists(st.integers(-5, 5), min_size=1, max_size=4))
def test_vanishes_exactly_agrees_with_sympy(a, b, c):
    """(A/B + C) - (A + B*C)/B is 0; A/B - C is 0 only when SymPy says so."""
    p, q, r = (f"({_poly_text(coefficients)})" for coefficients in (a, b, c))
    if not any(b):
        return
    assert vanishes_exactly(symdiff.parse(f"{p}/{q} + {r} - ({p} + {q}*{r})/{q}"), X)
    x = sympy.Symbol("x")
    sa, sb, sc = (sum(k * x**i for i, k in enumerate(coefficients)) for coefficients in (a, b, c))
    assert vanishes_exactly(symdiff.parse(f"{p}/{q} - {r}"), X) == (sympy.simplify(sa / sb - sc) == 0)
