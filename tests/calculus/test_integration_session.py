"""One search's simplifier and memos (symdiff.calculus.integration_session): the shortcuts it
takes give what the textbook's whole strategy gives, and the exact check of a rational
difference (integration_check.vanishes_exactly) and of d/dx F - f without writing d/dx F
(integration_derivative_check.derivative_vanishes) agree with SymPy."""

from fractions import Fraction
from itertools import pairwise

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.algebra.simplify import Simplifier
from symdiff.algebra.textbook import textbook_answer
from symdiff.calculus.integration_check import vanishes_exactly
from symdiff.calculus.integration_derivative_check import derivative_vanishes
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


# (answer F, integrand f, whether d/dx F - f is 0): rational functions with ln and atan of rational ones
DERIVATIVES = [
    ("ln(abs(x - 1))/2 - ln(abs(x + 1))/2", "1/(x^2 - 1)", True),
    ("ln(abs(x - 1))/2 - ln(abs(x + 1))/3", "1/(x^2 - 1)", False),
    ("atan(x)/2 + (x - 1)/(2*(x^2 + 1))", "(x + 1)/(x^2 + 1)^2", True),
    ("x^2/2 + x + ln(abs(x - 1)) - ln(abs(x + 1)) - 2/(x - 1)", "(x^4 - 2*x^2 + 4*x + 1)/(x^3 - x^2 - x + 1)", True),
    ("x^3 - 2*x^2 + 7*x", "3*x^2 - 4*x + 7", True),
    ("7*x", "7", True),
    ("-1/(x - 1)", "1/(x - 1)^2", True),
    ("1/(1 - x)", "1/(x - 1)^3", False),
    ("3*ln(x^2 + 3*x + 5)", "3*(2*x + 3)/(x^2 + 3*x + 5)", True),
    ("-ln(abs(x))", "-1/x", True),
    ("2*atan(x/2)", "4/(x^2 + 4)", True),
    ("2*atan(x/2)", "4/(x^2 + 3)", False),
    ("-(1 - x)^8/8", "(1 - x)^7", True),
    ("ln(x)*ln(x)/2", "ln(x)/x", True),
    ("atan(2*x/sqrt(3))", "1/(x^2 + 1)", False),  # sqrt(3): not rational coefficients
    ("ln(abs(x))", "1/x + 0*y", False),  # another symbol
    ("ln(2)*x", "ln(2)", False),
    ("abs(x)", "1", False),
    ("1/(x - x)", "0", False),  # defined nowhere
    ("e^x*(x^2 - 2*x + 2)", "x^2*e^x", True),
    ("e^x*(x^2 - 2*x + 3)", "x^2*e^x", False),
    ("-e^(-x)*(x^2 + 2*x + 2)", "x^2*e^(-x)", True),
    ("e^(3*x)*(9*x^2 - 24*x + 8)/27", "(x^2 - 2*x)*e^(3*x)", True),
    ("e^(2*x)/2 + x", "e^(2*x) + 1", True),
    ("(e^x + 1)^2/2", "e^x*(e^x + 1)", True),
    ("e^x/(e^x + 1)", "e^x/(e^x + 1)^2", True),
    ("x/e^x", "(1 - x)/e^x", True),
    ("x/e^x", "(1 + x)/e^x", False),
    ("x + e", "1", True),  # e alone is a constant
    ("e*x", "e", False),  # its value would be needed
    ("e^x", "e^(2*x)", False),  # two exponentials: not this check's
    ("e^(x + 1)", "e^(x + 1)", False),  # e^1 is not rational
    ("e^x", "exp(x)", False),  # exp(x) is left to the simplifier
    # one ln(u) or atan(u) whose value is needed (by parts), as the second variable
    ("x*ln(x^2 + 1) - 2*x + 2*atan(x)", "ln(x^2 + 1)", True),
    ("x^2*atan(x)/2 - x/2 + atan(x)/2", "x*atan(x)", True),
    ("x*ln(x) - x", "ln(x)", True),
    ("x*ln(x) - x", "ln(x) + 1", False),
    ("-ln(x)/x - 1/x", "ln(x)/x^2", True),
    ("ln(x)^2/2", "ln(x)/x", True),
    ("x*ln(x)^3 - 3*x*ln(x)^2 + 6*x*ln(x) - 6*x", "ln(x)^3", True),
    ("x*ln(x)", "ln(x)", False),
    ("ln(x)*ln(x + 1)", "ln(x + 1)/x + ln(x)/(x + 1)", False),  # two values needed: not this check's
    ("ln(abs(ln(x)))", "1/(x*ln(x))", True),  # ln of the logarithm: u = T, u'/u = (1/x)/T
    ("ln(e^x + 1)", "e^x/(1 + e^x)", True),  # u with e^x in it: u'/u is rational in x and e^x
    ("atan(e^x)", "e^x/(1 + e^x*e^x)", True),
    ("e^(2*x)/2", "e^x*e^x", False),  # two exponentials: left to check_step, as it was
]


@pytest.mark.parametrize(("answer", "integrand", "zero"), DERIVATIVES,
                         ids=[f"{row[0]} | {row[1]}" for row in DERIVATIVES])
def test_derivative_vanishes(answer, integrand, zero):
    assert derivative_vanishes(symdiff.parse(answer), symdiff.parse(integrand), X) is zero


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=3), st.lists(st.integers(-4, 4), min_size=1, max_size=3),
       st.integers(-3, 3), st.integers(-3, 3), st.booleans())
def test_derivative_vanishes_agrees_with_sympy(a, b, k, m, perturb):
    """F = A/B + k*ln(abs(B)) + m*atan(A): against SymPy's derivative, and against it plus x."""
    p, q = (f"({_poly_text(coefficients)})" for coefficients in (a, b))
    if not any(b):
        return
    x = sympy.Symbol("x")
    sa, sb = (sum(c * x**i for i, c in enumerate(coefficients)) for coefficients in (a, b))
    answer = f"{p}/{q} + ({k})*ln(abs({q})) + ({m})*atan({p})"
    exact = sympy.diff(sa / sb + k * sympy.log(sb) + m * sympy.atan(sa), x)
    claimed = exact + x if perturb else exact
    integrand = sympy.sstr(sympy.together(claimed)).replace("**", "^")
    zero = sympy.simplify(sympy.diff(sa / sb + k * sympy.log(sb) + m * sympy.atan(sa), x) - claimed) == 0
    if sb.is_number or sa.is_number:
        return  # ln or atan of a constant: not this check's (it declines)
    assert derivative_vanishes(symdiff.parse(answer), symdiff.parse(integrand), X) is zero


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=4), st.sampled_from([1, -1, 2, 3]), st.booleans())
def test_derivative_vanishes_with_an_exponential_agrees_with_sympy(a, rate, perturb):
    """F = A*e^(r*x) against SymPy's derivative, and against it plus e^(r*x)."""
    p = f"({_poly_text(a)})"
    x = sympy.Symbol("x")
    sa = sum(c * x**i for i, c in enumerate(a))
    exact = sympy.diff(sa * sympy.exp(rate * x), x)
    claimed = exact + sympy.exp(rate * x) if perturb else exact
    integrand = sympy.sstr(sympy.factor(claimed)).replace("**", "^").replace("exp(", "e^(")
    zero = sympy.simplify(exact - claimed) == 0
    assert derivative_vanishes(symdiff.parse(f"{p}*e^({rate}*x)"), symdiff.parse(integrand), X) is zero


def _rational_trees(children: st.SearchStrategy) -> st.SearchStrategy:
    from symdiff.core.expr import Add, Call, Div, Mul, Neg, Number, Pow, Sub

    return st.one_of(
        st.tuples(children, children).map(lambda t: Add(*t)),
        st.tuples(children, children).map(lambda t: Sub(*t)),
        st.tuples(children, children).map(lambda t: Mul(*t)),
        st.tuples(children, children).map(lambda t: Div(*t)),
        children.map(Neg),
        st.tuples(children, st.sampled_from([2, 3])).map(lambda t: Pow(t[0], Number(t[1]))),
        st.tuples(children, st.sampled_from([1, 2])).map(lambda t: Pow(t[0], Neg(Number(t[1])))),
        children.map(lambda u: Call("ln", Call("abs", u))),
        children.map(lambda u: Call("atan", u)),
    )


_RATIONAL_LEAVES = st.one_of(st.just(X), st.integers(-3, 3).map(lambda k: symdiff.parse(str(k))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(_RATIONAL_LEAVES, _rational_trees, max_leaves=8), st.recursive(_RATIONAL_LEAVES, _rational_trees,
                                                                                    max_leaves=6))
def test_derivative_vanishes_degree_bounds_hold(answer, integrand):
    """The proof's premise: the numerator and denominator ``_run`` works out for d/dx F - f are
    polynomials in t of degree at most the bounds read off the tree (so n + 1 zeros make the
    numerator 0), at s = 3 for the second variable (a logarithm's value). Checked by finite
    differences: the (n + 1)-th of a polynomial of degree <= n at consecutive whole numbers is 0.
    A bound too small fails this for some tree."""
    from symdiff.calculus.integration_check import _evaluate, _NotRational
    from symdiff.calculus.integration_derivative_check import _Program

    program = _Program(X)
    try:
        value = program.walk(integrand, False)
        slope = program.walk(answer, True)[1]
    except _NotRational:
        return
    if value[0] is None or slope is None:
        return
    root = program.sub(slope, value[0])
    (top, bottom), _ = program.bounds[root]
    if max(top, bottom) > 30:
        return
    for start in (7, -40):
        try:
            pairs = [_evaluate(program.steps, start + i, 3) for i in range(max(top, bottom) + 2)]
        except ZeroDivisionError:
            continue
        for degree, values in ((top, [p for p, _ in pairs]), (bottom, [q for _, q in pairs])):
            for _ in range(degree + 1):
                values = [b - a for a, b in pairwise(values)]
            assert not any(values), (answer, integrand, degree)


NEEDLESS_ABS = [
    ("ln(abs(x^2 + 1))", "ln(x^2 + 1)"),
    ("ln(abs(e^x))/2 + ln(abs(x))", "ln(e^x)/2 + ln(abs(x))"),
    ("ln(abs(x))", "ln(abs(x))"),  # a lone variable: never positive everywhere
    ("ln(abs(y))", "ln(abs(y))"),  # another symbol: not a polynomial in x
    ("ln(abs(x - 1))", "ln(abs(x - 1))"),
]


@pytest.mark.parametrize(("given", "expected"), NEEDLESS_ABS)
def test_needless_abs_dropped(given, expected):
    """ln(abs(w)) loses its abs where w > 0 for every x; ln(abs(u)) of a symbol is the very
    tree it was (no walk)."""
    from symdiff.calculus.integration_rules import needless_abs_dropped

    tree = symdiff.parse(given)
    result = needless_abs_dropped(tree, X)
    assert result == symdiff.parse(expected)
    if given == expected:
        assert result is tree
