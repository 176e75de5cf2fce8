"""factor and apart: textbook exercises, and properties against SymPy."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st
from polynomial_strategies import rational_functions, same_value, univariate_polynomials
from sympy_oracle import to_sympy

from symdiff import AlgebraError, SymdiffError, apart, factor, parse
from symdiff.algebra.factoring import factor_poly
from symdiff.algebra.polynomial import Poly
from symdiff.algebra.univariate import _divmod_fractions, divmod_dense

FACTOR_TABLE = [
    ("x^3 - x", "x*(x - 1)*(x + 1)"),
    ("2*x^2 + 4*x + 2", "2*(x + 1)^2"),
    ("x^2*y - y", "y*(x - 1)*(x + 1)"),
    ("1 - x^2", "(1 - x)*(x + 1)"),
    ("6*x^2 + 5*x + 1", "(2*x + 1)*(3*x + 1)"),
    ("x^4 - 1", "(x - 1)*(x + 1)*(x^2 + 1)"),
    ("x^4 + 5*x^2 + 4", "(x^2 + 1)*(x^2 + 4)"),
    ("x^5 - x^4 - 2*x^3 + 2*x^2 + x - 1", "(x - 1)^3*(x + 1)^2"),
    ("x*y + x + y + 1", "(x + 1)*(y + 1)"),
    ("3/4*x^2 - 3/4", "3*(x - 1)*(x + 1)/4"),
    ("x^2 + x + 1", "x^2 + x + 1"),  # irreducible over Q
    ("x^4 + 1", "x^4 + 1"),
    ("x^4 + 4", "(x^2 - 2*x + 2)*(x^2 + 2*x + 2)"),  # quadratic factors, by Kronecker's method
    ("x^4 + x^2 + 1", "(x^2 - x + 1)*(x^2 + x + 1)"),
    ("x^6 - 1", "(x - 1)*(x + 1)*(x^2 - x + 1)*(x^2 + x + 1)"),
    ("x^2 - y^2", "(x - y)*(x + y)"),  # homogeneous in two variables
    ("x^3 - y^3", "(x - y)*(x^2 + x*y + y^2)"),
    ("2*x^2 - 3*x*y + y^2", "(x - y)*(2*x - y)"),
    ("(x^2 - 1)/(x^2 + 2*x + 1)", "(x - 1)/(x + 1)"),
    ("(x^2 - 4)/(x^3 - x)", "(x - 2)*(x + 2)/(x*(x - 1)*(x + 1))"),
    ("e^(2*x) - 1", "(e^x - 1)*(e^x + 1)"),
    ("sin(x)^2 - 1", "(sin(x) - 1)*(sin(x) + 1)"),
    ("x^2 - 2", "x^2 - 2"),
    ("12", "12"),
    ("0", "0"),
]


@pytest.mark.parametrize(("text", "expected"), FACTOR_TABLE)
def test_factor_table(text, expected):
    result = factor(text)
    assert str(result) == expected
    assert factor(result) == result
    assert parse(str(result)) == result
    assert same_value(result, parse(text))


APART_TABLE = [
    ("1/(x^2 - 1)", "1/(2*(x - 1)) - 1/(2*(x + 1))"),
    ("(x^3 + 1)/(x^2 + x)", "x - 1 + 1/x"),
    ("1/(x*(x^2 + 1))", "1/x - x/(x^2 + 1)"),
    ("(3*x + 5)/((x - 1)^2*(x + 2))", "1/(9*(x - 1)) + 8/(3*(x - 1)^2) - 1/(9*(x + 2))"),
    ("x^3/(x^2 + 1)", "x - x/(x^2 + 1)"),
    ("1/(x^3 - 1)", "1/(3*(x - 1)) - (x + 2)/(3*(x^2 + x + 1))"),
    ("a/(x^2 - 1)", "a/(2*(x - 1)) - a/(2*(x + 1))"),  # a symbol in the numerator is carried along
    ("(a*x + b)/(x^2 - 1)", "(a + b)/(2*(x - 1)) + (a - b)/(2*(x + 1))"),
    ("(2*x + 3)/(x^2 + 3*x + 2)", "1/(x + 1) + 1/(x + 2)"),
    ("x^2 + 1", "x^2 + 1"),
    ("1/(x^4 + 4)", "(x + 2)/(8*(x^2 + 2*x + 2)) - (x - 2)/(8*(x^2 - 2*x + 2))"),
    ("1/(a*(x^2 - 1))", "1/(2*a*(x - 1)) - 1/(2*a*(x + 1))"),
]


@pytest.mark.parametrize(("text", "expected"), APART_TABLE)
def test_apart_table(text, expected):
    result = apart(text, "x")
    assert str(result) == expected
    assert apart(result, "x") == result
    assert parse(str(result)) == result
    assert same_value(result, parse(text))
    their = sympy.apart(to_sympy(parse(text)), sympy.Symbol("x", real=True))
    assert sympy.simplify(to_sympy(result) - their) == 0


@pytest.mark.parametrize(("text", "message"), [
    ("1/(x^4 + 1)", "does not split"),
    ("1/(x^2 - a)", "depends on more than x"),
    ("1/0", "division by zero"),
])
def test_apart_refuses_clearly(text, message):
    with pytest.raises(AlgebraError, match=message):
        apart(text, "x")


@pytest.mark.parametrize("wrong", [None, 1, "", "(", "2x", [], parse("x + 1")])
def test_apart_variable_must_be_a_symbol(wrong):
    with pytest.raises(SymdiffError):
        apart("1/(x^2 - 1)", wrong)


def test_factor_poly_multiplies_back_exactly():
    x = Poly.generator(0, 1)
    one = Poly.constant(1, 1)
    f = (x - one) ** 3 * (x * x + one) * (x.scale(2) + one) ** 2
    f = f.primitive()[1]
    parts = factor_poly(f)
    product = Poly.constant(1, 1)
    for part, k in parts:
        product = product * part**k
    assert product == f
    assert [k for _, k in parts] == [3, 2, 1]  # x - 1, 2*x + 1, x^2 + 1


# --- properties ------------------------------------------------------------------------------------


@given(rational_functions)
def test_factor_keeps_the_value_and_is_idempotent(expr):
    try:
        result = factor(expr)
    except AlgebraError:
        return
    assert same_value(result, expr), (expr, result)
    assert factor(result) == result
    assert parse(str(result)) == result


def _sympy_factor_list(expr):
    coefficient, factors = sympy.factor_list(sympy.expand(expr))
    return coefficient, sorted(((sympy.expand(f), k) for f, k in factors), key=str)


@given(univariate_polynomials)
def test_factor_agrees_with_sympy_on_polynomials_in_linear_and_quadratic_factors(expr):
    theirs = to_sympy(expr)
    x = sympy.Symbol("x", real=True)
    _, their_factors = sympy.factor_list(theirs)
    assume(all(sympy.degree(f, x) <= 2 for f, _ in their_factors))
    ours = to_sympy(factor(expr))
    assert _sympy_factor_list(ours) == _sympy_factor_list(theirs)
    # the same factors as SymPy finds, written as factors: SymPy's factor_list of our product
    # has each of our factors once
    assert len(sympy.Mul.make_args(ours)) >= len([f for f, _ in their_factors])


@given(rational_functions)
def test_apart_keeps_the_value_and_agrees_with_sympy(expr):
    try:
        result = apart(expr, "x")
    except AlgebraError as error:
        assert any(words in str(error) for words in ("does not split", "depends on", "division by zero", "limit"))
        return
    assert same_value(result, expr), (expr, result)
    assert apart(result, "x") == result
    x = sympy.Symbol("x", real=True)
    assert sympy.cancel(to_sympy(result) - sympy.apart(to_sympy(expr), x)) == 0


_DENSE = st.lists(st.integers(-30, 30), min_size=1, max_size=7).filter(lambda c: c[-1] != 0)


@given(_DENSE, _DENSE, st.booleans())
def test_divmod_dense_in_ints_is_the_division_in_fractions(a, b, as_fractions):
    """Dividing in ints (where every quotient digit is whole) gives the very lists, int for int,
    that the division in fractions gives; with a Fraction among the coefficients it is that one."""
    if as_fractions:
        a = [Fraction(c, 2) for c in a]
    quotient, remainder = divmod_dense(a, b)
    expected = _divmod_fractions(a, b)
    assert (quotient, remainder) == expected
    assert [type(c) for c in quotient + remainder] == [type(c) for c in expected[0] + expected[1]]
    product = [0] * (len(quotient) + len(b) - 1) if quotient else []
    for i, x in enumerate(quotient):
        for j, y in enumerate(b):
            product[i + j] += x * y
    padded = [*product, *[0] * len(a)][: len(a)]
    assert [p + (remainder[i] if i < len(remainder) else 0) for i, p in enumerate(padded)] == a


def test_divmod_dense_by_a_root_factor_stays_in_ints():
    assert divmod_dense([-1, 0, 1], [1, 1]) == ([-1, 1], [])  # x^2 - 1 = (x + 1)*(x - 1)
    assert divmod_dense([1, 0, 4], [1, 2]) == ([-1, 2], [2])  # 4*x^2 + 1 = (2*x - 1)*(2*x + 1) + 2
    assert divmod_dense([1, 0, 1], [1, 2]) == ([Fraction(-1, 4), Fraction(1, 2)], [Fraction(5, 4)])


def _writers(source: str, variable: str):
    from symdiff.algebra.rational import factored
    from symdiff.algebra.writer import FractionWriter

    _, gens, algebra = factored(parse(source), also=(parse(variable),))
    return (lambda: FractionWriter(gens)), algebra.nvars


@pytest.mark.parametrize("value", [1, 2, 3, 13, 10**40, 2**3300 - 1, 2**3300])
def test_a_whole_numerator_is_written_as_the_writer_writes_it(value):
    """apart writes a numerator that is a whole number > 0 itself: the writer's very tree
    (and its refusal of a number too large to write)."""
    from symdiff.algebra.factoring import _written

    writer, nvars = _writers("1/(x^2 - 1)", "x")
    try:
        expected = writer().expr(Poly.constant(value, nvars))
    except AlgebraError:
        with pytest.raises(AlgebraError):
            _written(writer(), Poly.constant(value, nvars))
        return
    got = _written(writer(), Poly.constant(value, nvars))
    assert got == expected and repr(got) == repr(expected)


@given(st.integers(-5, 60) | st.just(10**30), st.integers(-60, 60) | st.just(-(10**30)),
       st.sampled_from([("1/(x^2 - 1)", "x"), ("y/(x^2 - 1)", "x"), ("1/(t^2 + 1)", "t")]))
def test_a_linear_factor_is_written_as_the_writer_writes_it(a, b, problem):
    """apart writes a*x + b (a > 0) itself: the writer's very tree, x - 1, 2*x + 3, x."""
    from symdiff.algebra.factoring import _written

    writer, nvars = _writers(*problem)
    terms = {}
    if a:
        terms[(1,) + (0,) * (nvars - 1)] = a
    if b:
        terms[(0,) * nvars] = b
    poly = Poly(terms, nvars)
    expected, got = writer().expr(poly), _written(writer(), poly)
    assert got == expected and repr(got) == repr(expected)


@given(st.integers(1, 12), st.integers(-20, 20), st.integers(-20, 20), st.booleans())
def test_a_quadratic_factors_as_yun_and_the_roots_find(a, b, c, square):
    """factor_poly on a*x^2 + b*x + c (primitive), a square (a*x + b)^2 among them: the factors
    SymPy finds, with their multiplicities; a double root is found by its discriminant, 0."""
    import math

    coefficients = [b * b, 2 * a * b, a * a] if square else [c, b, a]
    if math.gcd(*coefficients) != 1 or (square and not b):
        return
    terms = {(k,): v for k, v in enumerate(coefficients) if v}
    ours = factor_poly(Poly(terms, 1))
    x = sympy.Symbol("x")
    theirs = sympy.factor_list(sum(v * x**k for k, v in enumerate(coefficients)))[1]
    assert sorted((str(sympy.expand(sum(v * x**k[0] for k, v in f.terms.items()))), m) for f, m in ours) == \
        sorted((str(sympy.expand(f if sympy.Poly(f, x).LC() > 0 else -f)), m) for f, m in theirs)


SUM_OF_FRACTIONS = ("(x^2 - 1)/(y^4*(4x + 2)*27) + (x*y + 1)/(x + 1)^2 + (x^3 + 3x + 4)/(2x + 3)"
                    " + (4x + 2)/(y^3*(x - 1)*(x^5 - 3x^2 + 7)^4)")


def test_a_numerator_too_costly_to_factor_is_kept_whole(monkeypatch):
    """factor of a sum of fractions in x and y: the square-free search on its numerator (degree
    27 in x, 5 in y) took 40 s, over 120 s before the modular GCD. Each poly's search now has
    FACTOR_WORK term products; past them the poly is kept whole, and the answer stays equal."""
    from symdiff.algebra import factoring, polynomial

    stopped = []
    original = factoring.factor_poly

    def watched(f):
        try:
            return original(f)
        except polynomial.WorkLimitExceeded:
            stopped.append(f)
            raise

    monkeypatch.setattr(factoring, "factor_poly", watched)
    answer = factor(SUM_OF_FRACTIONS)
    assert len(stopped) == 1 and list(stopped[0].degrees()) == [27, 5]  # the numerator, and only it
    for point in ({"x": 0.3, "y": 1.7}, {"x": -2.2, "y": -0.6}):
        assert answer.evaluate(point) == pytest.approx(parse(SUM_OF_FRACTIONS).evaluate(point), rel=1e-9)
