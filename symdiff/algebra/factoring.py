"""``factor`` and ``apart``: factors as a textbook finds them, and partial fractions.

``factor_poly`` splits a primitive poly into factors: its content in each generator (a
factor free of that generator), the square-free parts (Yun's algorithm), and, for a part in
one generator, its rational roots (the rational root theorem) as linear factors, then
quadratic factors with integer coefficients (Kronecker's method, ``x^4 + 4 =
(x^2 - 2*x + 2)*(x^2 + 2*x + 2)``); what is left has no linear or quadratic factor over Q.
An even polynomial in x is tried as a polynomial in x^2 first (``x^4 + 5*x^2 + 4 =
(x^2 + 1)*(x^2 + 4)``), and one homogeneous in two generators as one in their ratio
(``x^2 - y^2 = (x - y)*(x + y)``). Not every polynomial is split into irreducibles (a factor
of degree 3 or more without smaller factors, say of degree 6 = 3 + 3, and most multivariate
polys stay whole, as does any poly with terms times generators over ``MAX_FACTOR_WORK``);
the product always equals the input.

``apart(e, x)`` writes a rational function of x as a polynomial plus proper fractions over
the powers of its denominator's linear and quadratic factors over Q. Symbols other than x
may appear in the numerator (they are carried along: the decomposition is linear in it); a
denominator that depends on them, or that has a factor it cannot split into linear and
quadratic ones, is refused with ``AlgebraError``.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.collector import collector_paused
from ..core.errors import ExpressionError, quote
from ..core.expr import Add, Div, Expr, Mul, Number, Pow, Sub, Symbol
from ..syntax.parser import to_expr
from .exact import Rational
from .generators import MAX_WRITTEN_BITS, Generators
from .polynomial import MAX_DEGREE, AlgebraError, Poly, WorkLimitExceeded, content_in, gcd, work_limit
from .presentation import _negate_leading
from .rational import Factored, factored, product
from .settle import settled, settled_always
from .univariate import (
    Dense,
    divmod_dense,
    ext_gcd,
    from_dense,
    mul,
    quadratic_factor,
    split_rational_roots,
    to_dense,
    trim,
)
from .user_calls import refusing_zero_denominators
from .writer import FractionWriter, factor_key

__all__ = ["apart", "factor", "factor_poly"]

# A poly with more terms times generators than this is kept whole by factor_poly: the search
# for contents and square-free parts grows with their product, squared.
MAX_FACTOR_WORK = 20_000
FACTOR_WORK = 5_000_000  # term products (or their like) the search for one poly's factors may make


def factor_poly(f: Poly) -> list[tuple[Poly, int]]:
    """A primitive poly (integer coefficients, leading one > 0) as primitive factors with
    multiplicities whose product is exactly f."""
    found: dict[Poly, int] = {}
    for part, k in _factor(f):
        found[part] = found.get(part, 0) + k
    return sorted(found.items(), key=lambda item: factor_key(item[0]))


def _factor(f: Poly) -> list[tuple[Poly, int]]:
    variables = sorted(f.variables())
    if not variables:
        return []
    if len(f) == 1:  # a monomial: its generators
        ((exponents, _),) = f.terms.items()
        return [(Poly.generator(i, f.nvars), e) for i, e in enumerate(exponents) if e]
    low = f.monomial_content()
    if any(low):
        return _factor(Poly.monomial(low)) + _factor(f.shift(tuple(-e for e in low)))
    if len(f) * len(variables) > MAX_FACTOR_WORK:
        return [(f, 1)]  # too large to search for factors in reasonable time: kept whole
    # A factor free of var: x^2*y - y = y*(x^2 - 1). In one generator, every coefficient of f
    # in it is a number, so its content there is 1 (content_in's answer): nothing to look for.
    for var in variables if len(variables) > 1 else ():
        c = content_in(f, {var})
        if not c.is_constant():
            return _factor(c) + _factor(_divide(f, c))
    var = variables[0]
    if max(f.degrees()) > MAX_DEGREE:
        raise AlgebraError(f"factoring a polynomial of degree over {MAX_DEGREE:,} is not attempted")
    result: list[tuple[Poly, int]] = []
    for part, k in _square_free(f, var):
        result.extend((piece, k * j) for piece, j in _split(part))
    return result


def _square_free(f: Poly, var: int) -> list[tuple[Poly, int]]:
    """Yun's algorithm: f = prod(a_i^i) with the a_i square-free and coprime (f primitive in var)."""
    if f.degree(var) == 2 and len(f.variables()) == 1:
        c, b, a2 = to_dense(f, var)
        if b * b - 4 * a2 * c:  # no double root: coprime to its derivative, as the GCD would show
            return [(f.primitive()[1], 1)]
    derivative = f.derivative(var)
    a = gcd(f, derivative)
    if a.is_constant():  # square-free already (most denominators): the loop below would find f alone
        return [(f.primitive()[1], 1)]
    b = _divide(f, a)
    c = _divide(derivative, a)
    d = c - b.derivative(var)
    parts = []
    i = 1
    while not b.is_constant():
        a = gcd(b, d)
        b = _divide(b, a)
        c = _divide(d, a)
        d = c - b.derivative(var)
        if not a.is_constant():
            parts.append((a, i))
        i += 1
    return parts


def _split(f: Poly) -> list[tuple[Poly, int]]:
    """A square-free primitive part split further where it is a poly in one generator, or
    homogeneous in two (x^2 - y^2 as y^2*((x/y)^2 - 1))."""
    variables = f.variables()
    if len(variables) == 2 and f.total_degree() > 1 and len({sum(k) for k in f.terms}) == 1:
        return _split_homogeneous(f, *sorted(variables))
    if len(variables) != 1 or f.total_degree() <= 1:
        return [(f, 1)]
    (var,) = variables
    coefficients = [int(c) for c in to_dense(f, var)]
    even = all(c == 0 for c in coefficients[1::2])
    if even and len(coefficients) > 3:  # a poly in x^2: factor that, then each factor in x
        halved = coefficients[::2]
        pieces: list[tuple[Poly, int]] = []
        for piece, k in _split(from_dense(halved, var, f.nvars)):
            doubled: Dense = [0] * (2 * piece.degree(var) + 1)
            for power, c in enumerate(to_dense(piece, var)):
                doubled[2 * power] = c
            pieces.extend((p, k * j) for p, j in _split_roots(from_dense(doubled, var, f.nvars), var))
        return pieces
    return _split_roots(f, var)


def _split_homogeneous(f: Poly, x: int, y: int) -> list[tuple[Poly, int]]:
    """Factor f(x, 1) in x, and make each factor g of degree k homogeneous again, y^k*g(x/y)."""
    degree = f.total_degree()
    if f.degree(x) != degree:  # y divides f: not met once monomial factors are out
        return [(f, 1)]
    dehomogenized = Poly({_only(k, x): c for k, c in f.terms.items()}, f.nvars)
    pieces = []
    for piece, k in _split(dehomogenized):
        d = piece.degree(x)
        terms = {}
        for exponents, c in piece.terms.items():
            raised = list(exponents)
            raised[y] = d - exponents[x]
            terms[tuple(raised)] = c
        pieces.append((Poly(terms, f.nvars), k))
    return pieces


def _only(exponents: tuple[int, ...], var: int) -> tuple[int, ...]:
    return tuple(e if i == var else 0 for i, e in enumerate(exponents))


def _split_roots(f: Poly, var: int) -> list[tuple[Poly, int]]:
    coefficients = [int(c) for c in to_dense(f, var)]
    if len(coefficients) <= 2:
        return [(f, 1)]
    linear, rest, _ = split_rational_roots(coefficients)
    pieces = [(from_dense(factor, var, f.nvars), 1) for factor in linear]
    while len(rest) > 4 and (quadratic := quadratic_factor(rest)) is not None:  # degree 4 or more
        pieces.append((from_dense(quadratic, var, f.nvars), 1))
        rest, _ = divmod_dense(rest, quadratic)
    if len(trim(list(rest))) > 1:
        pieces.append((from_dense(rest, var, f.nvars).primitive()[1], 1))
    return pieces


def _divide(p: Poly, d: Poly) -> Poly:
    quotient = p.exact_quotient(d)
    if quotient is None:  # pragma: no cover - only true divisors are divided out
        raise AlgebraError("internal error: a factor did not divide its polynomial")
    return quotient


def factored_completely(value: Factored, nvars: int) -> Factored:
    """Every factor of a (cancelled) value split by ``factor_poly``, each within
    ``FACTOR_WORK`` term products: a factor whose search would take longer is kept whole."""
    factors: dict[Poly, int] = {}
    for f, e in value.factors.items():
        try:
            with work_limit(FACTOR_WORK, dense=True):
                parts = factor_poly(f)
        except WorkLimitExceeded:
            # The numerator of a sum of fractions in x and y (degree 40 and more): its contents
            # and square-free parts took a minute. Kept whole, the answer is still equal.
            parts = [(f, 1)]
        for part, k in parts:
            total = factors.get(part, 0) + k * e
            if total:
                factors[part] = total
            else:
                factors.pop(part)
    return Factored(value.coefficient, factors)


@refusing_zero_denominators
@settled
@collector_paused
def factor(expr: Expr | str | float) -> Expr:
    """``expr`` as a product of factors: ``factor("x^3 - x")`` is ``x*(x - 1)*(x + 1)``,
    ``factor("2*x^2 + 4*x + 2")`` is ``2*(x + 1)^2``; a rational function is cancelled and its
    numerator and denominator factored. Equal to ``expr`` wherever ``expr`` is defined."""
    value, gens, algebra = factored(to_expr(expr))
    result = factored_completely(algebra.cancel(value), algebra.nvars)
    return FractionWriter(gens).fraction(result, top="factored", bottom="factored")


# --- partial fractions ---------------------------------------------------------------------------


@refusing_zero_denominators
@settled_always
@collector_paused
def apart(expr: Expr | str | float, x: Symbol | str) -> Expr:
    """The partial fraction decomposition of a rational function of ``x``:
    ``apart("1/(x^2 - 1)", "x")`` is ``1/(2*(x - 1)) - 1/(2*(x + 1))``.

    The denominator must factor over Q into linear and quadratic factors in x alone;
    otherwise ``AlgebraError`` says why. Other symbols may appear in the numerator.
    """
    if isinstance(x, str):
        x = Symbol(x)
    if not isinstance(x, Symbol):
        raise ExpressionError(f"apart needs the variable as a symbol or its name, not {quote(x)}")
    tree = to_expr(expr)
    value, gens, algebra = factored(tree, also=(x,))
    value = algebra.cancel(value)
    nvars = algebra.nvars
    bottom = value.denominator_factors()
    constant = [0] * nvars  # powers of generators other than x in the denominator: 1/(a*(x + 1))
    for f in list(bottom):
        if len(f) == 1 and 0 not in f.variables():
            ((exponents, _),) = f.terms.items()
            constant = [c - bottom[f] * e for c, e in zip(constant, exponents, strict=True)]
            del bottom[f]
        elif f.variables() - {0}:
            raise AlgebraError(
                f"apart: the denominator factor {FractionWriter(gens).expr(f)} depends on more than {x}; "
                "partial fractions are found only for denominators in the one variable"
            )
    top = product(value.numerator_factors(), nvars, value.coefficient).shift(tuple(constant))
    if not bottom:
        return FractionWriter(gens).expr(top)
    pieces: list[tuple[Dense, int]] = []  # irreducible factors over Q and their powers
    for f, k in bottom.items():
        for part, j in factor_poly(f):
            if part.degree(0) > 2:
                raise AlgebraError(
                    f"apart: the denominator factor {FractionWriter(gens).expr(part)} does not split into "
                    "linear and quadratic factors over the rationals"
                )
            pieces.append((to_dense(part, 0), k * j))
    polynomial, fractions = _decompose(top, pieces, nvars)
    return _write_apart(polynomial, fractions, gens, nvars)


def _decompose(
    top: Poly, pieces: list[tuple[Dense, int]], nvars: int
) -> tuple[Poly, list[tuple[Dense, int, Poly]]]:
    """top / prod(p^m) as a poly plus sum(c / p^i), deg_x c < deg p; linear in top, so it is
    done for each monomial in the other generators separately."""
    by_parameters: dict[tuple[int, ...], dict[int, Rational]] = {}
    for exponents, c in top.terms.items():
        by_parameters.setdefault((0, *exponents[1:]), {})[exponents[0]] = c
    denominator: Dense = [1]
    for p, m in pieces:
        for _ in range(m):
            denominator = mul(denominator, p)
    inverses = [_inverse_modulo(denominator, p, m) for p, m in pieces]  # the same for every monomial
    polynomial = Poly({}, nvars)
    parts: dict[tuple[int, int], Poly] = {}
    for parameters, by_power in by_parameters.items():
        numerator: Dense = [0] * (max(by_power) + 1)
        for power, c in by_power.items():
            numerator[power] = c
        quotient, remainder = divmod_dense(trim(numerator), denominator)
        polynomial = polynomial + from_dense(quotient, 0, nvars).shift(parameters)
        for index, (p, m) in enumerate(pieces):
            power_of_p, inverse = inverses[index]
            if type(inverse) is not list:  # a simple linear factor a*x + b: the residue at x = -b/a
                value = _value_at(remainder, _root(p)) * inverse
                digits = [(1, [value])] if value else []
            else:
                _, share = divmod_dense(mul(remainder, inverse), power_of_p)  # remainder/D = share/p^m + ...
                digits = []
                for i in range(m, 0, -1):  # share = sum c_i p^(m - i): the p-adic digits
                    share, digit = divmod_dense(share, p)
                    if digit:
                        digits.append((i, digit))
            for i, digit in digits:
                key = (index, i)
                parts[key] = parts.get(key, Poly({}, nvars)) + from_dense(digit, 0, nvars).shift(parameters)
    fractions = [(pieces[index][0], i, c) for (index, i), c in sorted(parts.items()) if c]
    return polynomial, fractions


def _inverse_modulo(denominator: Dense, p: Dense, m: int) -> tuple[Dense, Dense | Rational]:
    """p^m, and the inverse of denominator/p^m modulo p^m; for a simple linear factor (m = 1)
    that inverse is a number, 1 over the other factors' product at p's root."""
    if m == 1 and len(p) == 2:  # D = p*others, so D'(r) = p'*others(r) at p's root r
        slope = [i * c for i, c in enumerate(denominator)][1:]
        return p, Fraction(p[1]) / _value_at(slope, _root(p))
    power_of_p: Dense = [1]
    for _ in range(m):
        power_of_p = mul(power_of_p, p)
    others, _leftover = divmod_dense(denominator, power_of_p)
    _, inverse, _ = ext_gcd(others, power_of_p)  # inverse*others = 1 mod p^m
    return power_of_p, inverse


def _root(p: Dense) -> Rational:
    """The root -b/a of a*x + b: an int when a = 1 (most factors), so that Horner's rule on it
    works in ints; what it is used for is multiplied by a Fraction, the same value either way."""
    return -p[0] if p[1] == 1 and type(p[0]) is int else Fraction(-p[0], p[1])


def _value_at(a: Dense, x: Rational) -> Rational:
    """The dense poly a at x, by Horner's rule."""
    value: Rational = 0
    for c in reversed(a):
        value = value * x + c
    return value


def _write_apart(polynomial: Poly, fractions: list[tuple[Dense, int, Poly]], gens: Generators, nvars: int) -> Expr:
    writer = FractionWriter(gens)
    signed: list[tuple[bool, Expr]] = []
    if polynomial:
        signed.append((False, writer.expr(polynomial)))
    order = sorted(fractions, key=lambda t: (factor_key(from_dense(t[0], 0, nvars)), t[1]))
    for p, i, c in order:
        content, rest = c.primitive()  # the factors p are primitive, the numerators need not be
        content = Fraction(content)
        inverse = tuple(-min(e, 0) for e in rest.monomial_content())  # 1/a in the numerator: a below
        upper = _written(writer, rest.shift(inverse, abs(content.numerator)))
        base = _written(writer, from_dense(p, 0, nvars))
        below: list[Expr] = [Number(content.denominator)] if content.denominator != 1 else []
        if any(inverse):
            below.append(writer.expr(Poly.monomial(inverse)))
        below.append(base if i == 1 else Pow(base, Number(i)))
        lower = below[0] if len(below) == 1 else Mul(*below)
        signed.append((content < 0, Div(upper, lower)))
    if signed and signed[0][0]:  # lead with a positive fraction where there is one
        first = next((i for i, (negative, _) in enumerate(signed) if not negative), None)
        if first is not None:
            signed.insert(0, signed.pop(first))
    result: Expr | None = None
    for negative, part in signed:
        if result is None:
            result = _negate_leading(part) if negative else part
        elif negative:
            result = Sub(result, part)
        else:
            result = Add(*result.children, part) if type(result) is Add else Add(result, part)
    return result if result is not None else Number(0)


def _written(writer: FractionWriter, poly: Poly) -> Expr:
    """``writer.expr(poly)``, without the writer's normal forms for the two kinds most partial
    fractions have, written as the writer writes them (terms by degree, each presented alone):
    a whole number c > 0 is c (2/(x - 1)), a primitive a*x + b (a > 0) in a symbol x is x + b,
    x - b or a*x ± b. Not so with roots among the generators, which the writer reduces."""
    if writer.gens.relations:
        return writer.expr(poly)
    terms = poly.terms
    if len(terms) == 1 and poly.is_constant():
        value = poly.constant_value()
        if type(value) is int and 0 < value and value.bit_length() <= MAX_WRITTEN_BITS:
            return Number(value)
    elif 1 <= len(terms) <= 2 and type(writer.gens.order[0]) is Symbol:
        unit = (1,) + (0,) * (poly.nvars - 1)
        a, b = terms.get(unit), terms.get((0,) * poly.nvars, 0)
        if type(a) is int and type(b) is int and a > 0 and len(terms) == (2 if b else 1) and \
                max(a.bit_length(), b.bit_length()) <= MAX_WRITTEN_BITS:
            x = writer.gens.order[0]
            lead = x if a == 1 else Mul(Number(a), x)
            return lead if not b else Add(lead, Number(b)) if b > 0 else Sub(lead, Number(-b))
    return writer.expr(poly)
