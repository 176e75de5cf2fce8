"""Sparse multivariate polynomials over the rationals, and their greatest common divisor.

A ``Poly`` is ``{exponents: coefficient}``: each key a tuple with one whole exponent per
generator (the "variables", numbered by position), each coefficient an exact ``int`` or
``Fraction`` (never 0). Terms are ordered lexicographically by their exponent tuples, so the
leading term is ``max(terms)`` and generator 0 is the main one. Polys are values: no method
changes one, and equal polys hash alike, so a factor can key a dict.

``gcd(p, q)`` is a real multivariate GCD (Euclid's algorithm on primitive pseudo-remainders,
recursively on contents): ``gcd(x^2*y - y, x*y + y) = y*(x + 1)``. It is normalised like every
``primitive`` poly: integer coefficients without a common divisor, leading coefficient > 0.

Sizes are bounded before work is done: a product or power whose terms could exceed
``MAX_TERMS`` (or a power of a sum past degree ``MAX_DEGREE``) raises ``AlgebraError`` instead
of running out of time or memory: ``(x + 1)^(10^6)`` is refused, ``x^(10^6)`` is one term.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction

from ..core.errors import SymdiffError
from .exact import Rational, whole

__all__ = ["MAX_DEGREE", "MAX_TERMS", "AlgebraError", "Poly", "gcd"]

MAX_TERMS = 10_000  # terms a product or power may have
MAX_DEGREE = 1_000  # degree a power of a sum may reach
MAX_COEFFICIENT_BITS = 100_000  # a number to a power: 2^(10^6) is not worked out


class AlgebraError(SymdiffError):
    """Polynomial algebra that cannot be done: too large a result, or an input it does not cover."""


class Poly:
    """An immutable sparse polynomial in ``nvars`` generators with rational coefficients."""

    __slots__ = ("_hash", "nvars", "terms")
    terms: dict[tuple[int, ...], Rational]
    nvars: int

    def __init__(self, terms: dict[tuple[int, ...], Rational], nvars: int) -> None:
        self.terms = terms  # owned: callers hand over a dict they no longer change
        self.nvars = nvars
        self._hash: int | None = None

    # --- building -------------------------------------------------------------------------------
    @classmethod
    def constant(cls, value: Rational, nvars: int) -> Poly:
        return cls({(0,) * nvars: whole(value)} if value else {}, nvars)

    @classmethod
    def monomial(cls, exponents: tuple[int, ...], coefficient: Rational = 1) -> Poly:
        return cls({exponents: whole(coefficient)} if coefficient else {}, len(exponents))

    @classmethod
    def generator(cls, index: int, nvars: int, power: int = 1) -> Poly:
        exponents = [0] * nvars
        exponents[index] = power
        return cls({tuple(exponents): 1}, nvars)

    # --- values ---------------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Poly) and self.terms == other.terms

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self.terms.items()))
        return self._hash

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __repr__(self) -> str:
        return f"Poly({self.terms!r}, {self.nvars})"

    def is_constant(self) -> bool:
        return not self.terms or (len(self.terms) == 1 and not any(next(iter(self.terms))))

    def constant_value(self) -> Rational:
        return self.terms.get((0,) * self.nvars, 0)

    def is_monomial(self) -> bool:
        return len(self.terms) == 1

    def leading(self) -> tuple[tuple[int, ...], Rational]:
        exponents = max(self.terms)
        return exponents, self.terms[exponents]

    def variables(self) -> set[int]:
        found: set[int] = set()
        for exponents in self.terms:
            found.update(i for i, e in enumerate(exponents) if e)
        return found

    def degree(self, var: int) -> int:
        return max((exponents[var] for exponents in self.terms), default=0)

    def degrees(self) -> list[int]:
        top = [0] * self.nvars
        for exponents in self.terms:
            for i, e in enumerate(exponents):
                if e > top[i]:
                    top[i] = e
        return top

    def total_degree(self) -> int:
        return max((sum(exponents) for exponents in self.terms), default=0)

    # --- arithmetic -----------------------------------------------------------------------------
    def __add__(self, other: Poly) -> Poly:
        terms = dict(self.terms)
        for exponents, c in other.terms.items():
            total = terms.get(exponents, 0) + c
            if total:
                terms[exponents] = whole(total)
            else:
                terms.pop(exponents, None)
        return Poly(terms, self.nvars)

    def __neg__(self) -> Poly:
        return Poly({k: -c for k, c in self.terms.items()}, self.nvars)

    def __sub__(self, other: Poly) -> Poly:
        return self + (-other)

    def scale(self, factor: Rational) -> Poly:
        if not factor:
            return Poly({}, self.nvars)
        if factor == 1:
            return self
        return Poly({k: whole(c * factor) for k, c in self.terms.items()}, self.nvars)

    def shift(self, exponents: tuple[int, ...], coefficient: Rational = 1) -> Poly:
        """This poly times the monomial ``coefficient * gens^exponents``."""
        terms = {tuple(map(sum, zip(k, exponents, strict=True))): whole(c * coefficient) for k, c in self.terms.items()}
        return Poly(terms, self.nvars)

    def __mul__(self, other: Poly) -> Poly:
        if len(self) < len(other):
            self, other = other, self
        if not other.terms:
            return other
        if _budget:
            _charge(len(self) * len(other))
        if len(other) == 1:
            ((exponents, c),) = other.terms.items()
            return self.shift(exponents, c)
        check_product_size(self, other)
        terms: dict[tuple[int, ...], Rational] = {}
        get = terms.get
        for ka, ca in other.terms.items():
            for kb, cb in self.terms.items():
                key = tuple([a + b for a, b in zip(ka, kb, strict=True)])
                terms[key] = get(key, 0) + ca * cb
        return Poly({k: whole(c) for k, c in terms.items() if c}, self.nvars)

    def __pow__(self, n: int) -> Poly:
        if n < 0:
            raise AlgebraError("a polynomial to a negative power is not a polynomial")
        if n == 0:
            return Poly.constant(1, self.nvars)
        if len(self) == 1:
            ((exponents, c),) = self.terms.items()
            check_number_power(c, n)
            return Poly({tuple(e * n for e in exponents): whole(Fraction(c) ** n)}, self.nvars)
        check_power_size(self, n)
        result: Poly | None = None
        square = self
        while True:
            if n & 1:
                result = square if result is None else result * square
            n >>= 1
            if not n:
                return result  # type: ignore[return-value]
            square = square * square

    def derivative(self, var: int) -> Poly:
        terms = {}
        for exponents, c in self.terms.items():
            e = exponents[var]
            if e:
                lowered = list(exponents)
                lowered[var] = e - 1
                terms[tuple(lowered)] = c * e
        return Poly(terms, self.nvars)

    # --- normal forms ---------------------------------------------------------------------------
    def content(self) -> Rational:
        """The rational c with ``self / c`` primitive: integer, coprime, leading coefficient > 0."""
        if not self.terms:
            return 1
        values = self.terms.values()
        if _budget:  # the GCD of the coefficients is the cost that grows with their digits
            _charge(sum(Fraction(c).numerator.bit_length() for c in values) // 16 + len(values))
        if all(type(c) is int for c in values):  # the common case, without a Fraction per coefficient
            g = math.gcd(*values)  # type: ignore[arg-type]
            return -g if self.leading()[1] < 0 else g
        g = math.gcd(*(Fraction(c).numerator for c in values))
        d = math.lcm(*(Fraction(c).denominator for c in values))
        c = Fraction(g, d)
        return whole(-c if self.leading()[1] < 0 else c)

    def primitive(self) -> tuple[Rational, Poly]:
        c = self.content()
        return c, (self if c == 1 else self.scale(1 / Fraction(c)))

    def monomial_content(self) -> tuple[int, ...]:
        """The largest monomial dividing every term (the minimum of each exponent)."""
        keys = iter(self.terms)
        low = list(next(keys, (0,) * self.nvars))
        for exponents in keys:
            for i, e in enumerate(exponents):
                if e < low[i]:
                    low[i] = e
        return tuple(low)

    # --- division -------------------------------------------------------------------------------
    def exact_quotient(self, divisor: Poly) -> Poly | None:
        """``self / divisor`` if it is a polynomial, else None."""
        if not divisor.terms:
            raise AlgebraError("division by the zero polynomial")
        if not self.terms:
            return self
        lead_d, lc_d = divisor.leading()
        if len(divisor) == 1:
            if any(a < b for a, b in zip(self.monomial_content(), lead_d, strict=True)):
                return None
            return self.shift(tuple(-e for e in lead_d), 1 / Fraction(lc_d))
        remainder = dict(self.terms)
        quotient: dict[tuple[int, ...], Rational] = {}
        inverse = 1 / Fraction(lc_d)
        if _budget:
            _charge(len(self) * len(divisor))
        while remainder:
            lead_r = max(remainder)
            step = tuple(a - b for a, b in zip(lead_r, lead_d, strict=True))
            if any(e < 0 for e in step):
                return None
            c = whole(remainder[lead_r] * inverse)
            quotient[step] = c
            # Each term of the quotient is a step: charged, and bounded, since a quotient can be
            # far longer than both polys ((y^(10^30) - 1)/(y - 1) has 10^30 terms).
            if _budget:
                _charge(len(divisor))
            if len(quotient) > MAX_TERMS:
                raise AlgebraError(f"dividing these polynomials would give over {MAX_TERMS:,} terms")
            for exponents, cd in divisor.terms.items():
                key = tuple(a + b for a, b in zip(exponents, step, strict=True))
                value = remainder.get(key, 0) - c * cd
                if value:
                    remainder[key] = whole(value)
                else:
                    remainder.pop(key, None)
        return Poly(quotient, self.nvars)

    def coefficients_in(self, var: int) -> dict[int, Poly]:
        """This poly as a polynomial in ``var``: ``{power: coefficient without var}``."""
        parts: dict[int, dict[tuple[int, ...], Rational]] = {}
        for exponents, c in self.terms.items():
            e = exponents[var]
            if e:
                exponents = (*exponents[:var], 0, *exponents[var + 1:])
            parts.setdefault(e, {})[exponents] = c
        return {e: Poly(terms, self.nvars) for e, terms in parts.items()}

    def pseudo_remainder(self, divisor: Poly, var: int) -> Poly:
        """A remainder of ``lc^k * self`` on division by ``divisor`` in ``var`` (lc = its leading
        coefficient in var); the power of lc is left out, as only the primitive part is used."""
        d = divisor.degree(var)
        parts = divisor.coefficients_in(var)
        lc = parts.pop(d)
        rest = Poly({}, self.nvars)
        for e, part in parts.items():
            rest = rest + part.shift(_unit(var, e, self.nvars))
        remainder = self
        while remainder.terms:
            r = remainder.degree(var)
            if r < d:
                break
            lr = remainder.coefficients_in(var)[r]
            without_lead = remainder - lr.shift(_unit(var, r, self.nvars))
            remainder = lc * without_lead - (lr * rest).shift(_unit(var, r - d, self.nvars))
        return remainder


# Work limits, innermost last: each product of polys charges the term products it makes. A
# caller that may give up (the textbook stage, tidying an answer) sets one, so that a GCD whose
# intermediate polys grow (many variables, high degree) ends in an AlgebraError, not minutes.
_budget: list[int] = []
_dense_allowed: list[bool] = []  # per limit: whether GCDs in one generator take the dense way


class WorkLimitExceeded(AlgebraError):
    """The poly arithmetic of a ``work_limit`` block used up its units."""


@contextmanager
def work_limit(units: int, *, dense: bool = False) -> Iterator[None]:
    """Within the block, poly arithmetic may make at most ``units`` term products. With
    ``dense``, a GCD in one generator takes the dense way (charged as it goes); without, the
    sparse way, so that what a limited caller can afford does not change."""
    _budget.append(units)
    _dense_allowed.append(dense)
    try:
        yield
    finally:
        _budget.pop()
        _dense_allowed.pop()


def _charge(units: int) -> None:
    _budget[-1] -= units
    if _budget[-1] < 0:
        raise WorkLimitExceeded("this needs more polynomial arithmetic than the limit set for it")


def _unit(var: int, power: int, nvars: int) -> tuple[int, ...]:
    exponents = [0] * nvars
    exponents[var] = power
    return tuple(exponents)


# --- size bounds ------------------------------------------------------------------------------------


def check_number_power(c: Rational, n: int) -> None:
    value = Fraction(c)
    bits = max(value.numerator.bit_length(), value.denominator.bit_length())
    if bits > 1 and bits * n > MAX_COEFFICIENT_BITS:
        raise AlgebraError(f"a number to the power {n:,} is too large to work out exactly")


def check_product_size(p: Poly, q: Poly) -> None:
    bound = len(p) * len(q)
    if bound > MAX_TERMS:
        box = math.prod(a + b + 1 for a, b in zip(p.degrees(), q.degrees(), strict=True))
        bound = min(bound, box)
    if bound > MAX_TERMS:
        raise AlgebraError(
            f"multiplying out would give up to {bound:,} terms (the limit is {MAX_TERMS:,}); leave it factored"
        )


def check_power_size(p: Poly, n: int) -> None:
    if n <= 1:
        return  # nothing is multiplied out: the sum as it stands (expand gave it, so cancel takes it)
    degree = p.total_degree() * n
    if degree > MAX_DEGREE:
        raise AlgebraError(
            f"expanding a sum to the power {n:,} would reach degree {degree:,} (the limit is {MAX_DEGREE:,})"
        )
    bound = math.comb(len(p) + n - 1, n) if n < 10 * MAX_TERMS else MAX_TERMS + 1
    if bound > MAX_TERMS:
        bound = min(bound, math.prod(n * e + 1 for e in p.degrees()))
    if bound > MAX_TERMS:
        raise AlgebraError(
            f"expanding a sum to the power {n:,} would give up to {bound:,} terms (the limit is {MAX_TERMS:,})"
        )


# --- greatest common divisor ----------------------------------------------------------------------


def gcd(p: Poly, q: Poly) -> Poly:
    """The greatest common divisor, primitive (integer coefficients, leading one > 0); 1 for
    coprime polys and for constants, ``primitive(q)`` when p is 0."""
    if not p.terms:
        return q.primitive()[1] if q.terms else Poly.constant(1, q.nvars)
    if not q.terms:
        return p.primitive()[1]
    one = Poly.constant(1, p.nvars)
    if p.is_constant() or q.is_constant():
        return one
    mono = tuple(map(min, zip(p.monomial_content(), q.monomial_content(), strict=True)))
    p = _without_monomial(p)
    q = _without_monomial(q)
    g = _gcd(p.primitive()[1], q.primitive()[1])
    return g.shift(mono) if any(mono) else g


def _without_monomial(p: Poly) -> Poly:
    low = p.monomial_content()
    return p.shift(tuple(-e for e in low)) if any(low) else p


def _gcd(p: Poly, q: Poly) -> Poly:
    """GCD of two primitive polys: by contents and primitive parts in one main variable."""
    one = Poly.constant(1, p.nvars)
    if p == q:
        return p
    if p.is_constant() or q.is_constant():
        return one
    vp, vq = p.variables(), q.variables()
    if len(vp) == 1 and vp == vq and (not _budget or _dense_allowed[-1]):
        # Both in one generator (a partial fraction's denominator and its derivative): Euclid on
        # dense lists of ints. The GCD is the same poly; under a work limit the sparse way runs,
        # so that what a limited caller can afford does not change.
        return _gcd_dense(p, q, min(vp))
    for linear, other in ((p, q), (q, p)):
        if linear.total_degree() == 1:
            # Of degree 1, so irreducible: the GCD is it if it divides the other, else 1.
            # (Over the integers, by pseudo-remainders, a long poly in several variables took
            # thousands of contents: a sum of 30 fractions 1/(x + k) with e^(x^2) in it, 5 s.)
            return linear if other.exact_quotient(linear) is not None else one
    common = vp & vq
    if not common:
        return one
    # A divisor of both involves only variables both have: reduce each to its content in the others.
    if vp - common:
        p = content_in(p, vp - common)
    if vq - common:
        q = content_in(q, vq - common)
    if p.is_constant() or q.is_constant():
        return one
    if len(p) == 1 or len(q) == 1:
        return one  # both are free of monomial factors here
    common = p.variables() & q.variables()
    if not common:
        return one
    var = min(common)
    cp, cq = content_in(p, {var}), content_in(q, {var})
    c = _gcd(cp, cq) if not (cp.is_constant() or cq.is_constant()) else one
    a = _quotient(p, cp)
    b = _quotient(q, cq)
    if a.degree(var) < b.degree(var):
        a, b = b, a
    while True:
        if (quotient := a.exact_quotient(b)) is not None and quotient.terms:
            g = b
            break
        r = a.pseudo_remainder(b, var)
        if not r.terms:
            g = b
            break
        if r.degree(var) == 0:
            g = one
            break
        a, b = b, _primitive_in(r, var)
    return (c * g).primitive()[1]


def _gcd_dense(p: Poly, q: Poly, var: int) -> Poly:
    """GCD of two primitive polys in ``var`` alone, by primitive pseudo-remainders on ints."""
    a, b = _dense_ints(p, var), _dense_ints(q, var)
    if len(a) < len(b):
        a, b = b, a
    if _budget:
        _charge(len(a) * len(b))
    if len(b) == 2:
        # b = c1*x + c0 is irreducible: the GCD is b if it divides a, which is when
        # c1^deg(a) * a(-c0/c1) = 0 (Horner's rule in integers), else 1. No remainders.
        c0, c1 = b
        value, power = a[-1], 1
        for c in reversed(a[:-1]):
            power *= c1
            value = value * -c0 + c * power
        return _from_dense(b, var, p.nvars) if value == 0 else Poly.constant(1, p.nvars)
    large = len(a) > _MODULAR_FROM or max(abs(a[-1]), abs(b[-1])).bit_length() > _MODULAR_BITS
    if large and _coprime_modulo(a, b, _PRIME):
        return Poly.constant(1, p.nvars)
    if large:
        found = _gcd_modular(a, b)
        if found is not None:
            return _from_dense(found, var, p.nvars) if len(found) > 1 else Poly.constant(1, p.nvars)
    while len(b) > 1:
        if _budget:  # each step's cost grows with the digits of the remainders
            _charge(len(a) * len(b) * (1 + max(abs(a[-1]), abs(b[-1])).bit_length() // 64))
        a, b = b, _primitive_pseudo_remainder(a, b)
    if b:  # a nonzero constant remainder: coprime
        return Poly.constant(1, p.nvars)
    return _from_dense(a, var, p.nvars)


def _from_dense(a: list[int], var: int, nvars: int) -> Poly:
    """The primitive poly (leading coefficient > 0) with these coefficients in ``var``."""
    sign = -1 if a[-1] < 0 else 1
    content = math.gcd(*a) * sign
    terms = {}
    for power, c in enumerate(a):
        if c:
            terms[_unit(var, power, nvars)] = c // content
    return Poly(terms, nvars)


# Most GCDs of long polys are 1 (a square-free test of a polynomial that is square-free): the
# pseudo-remainders over the integers grow to hundreds of digits before they say so, while
# modulo a prime they stay small. When the prime divides neither leading coefficient, the GCD
# modulo the prime has at least the degree of the GCD over the integers, so a constant GCD
# there proves the polys coprime; otherwise nothing is concluded and the integer way runs.
_PRIME = (1 << 61) - 1
_MODULAR_FROM = 16  # shorter polys: the integer way is as quick


def _coprime_modulo(a: list[int], b: list[int], prime: int) -> bool:
    """Whether a and b (dense, lowest power first) are proven coprime by Euclid modulo ``prime``."""
    if not a[-1] % prime or not b[-1] % prime:
        return False
    return len(_monic_gcd_modulo(a, b, prime)) == 1  # a constant GCD: a nonzero constant remainder


_MODULAR_BITS = 64  # or coefficients past a machine word: the pseudo-remainders grow from there
_MOST_PRIMES = 400  # ~24,000 bits of coefficients; past that the integer way runs


def _gcd_modular(a: list[int], b: list[int]) -> list[int] | None:
    """The GCD of dense primitive a and b (lowest power first), up to sign: Euclid modulo
    primes near 2^61, the images joined by the Chinese remainder theorem until they stop
    changing, then proven by dividing a and b. Where the GCD is not 1 the pseudo-remainders
    over the integers grow to thousands of digits (square-free parts of a sum of fractions in
    x and y: degree 108 with 1,000-bit coefficients, 3.6 s); None when not proven within
    ``_MOST_PRIMES`` primes."""
    scale = math.gcd(a[-1], b[-1])  # the GCD's leading coefficient divides it
    degree = None
    modulus, image = 1, []
    for count, prime in enumerate(_primes()):
        if count >= _MOST_PRIMES:
            return None
        if not a[-1] % prime or not b[-1] % prime:
            continue
        if _budget:
            _charge(len(a) * len(b))
        g = _monic_gcd_modulo(a, b, prime)
        if degree is not None and len(g) - 1 > degree:
            continue  # an unlucky prime: its GCD is too large
        g = [c * scale % prime for c in g]
        if degree is None or len(g) - 1 < degree:
            degree, modulus, image = len(g) - 1, prime, g  # the first prime, or the earlier ones were unlucky
            if degree == 0:
                return [1]
            continue
        joined = [_crt(x, modulus, y, prime) for x, y in zip(image, g, strict=True)]
        before = [_symmetric(c, modulus) for c in image]
        modulus *= prime
        now = [_symmetric(c, modulus) for c in joined]
        if now == before:  # the coefficients stopped changing: try them
            candidate = _primitive_dense(now)
            if _divides(candidate, a) and _divides(candidate, b):
                return candidate
        image = joined
    return None


def _primes() -> Iterator[int]:
    """Primes below 2^61, from the top (2^61 - 1 first), found once and kept."""
    yield from _PRIMES_FOUND
    n = _PRIMES_FOUND[-1] - 2
    while True:
        if _is_prime(n):
            _PRIMES_FOUND.append(n)
            yield n
        n -= 2


_PRIMES_FOUND = [(1 << 61) - 1]


def _is_prime(n: int) -> bool:
    """Miller-Rabin with the first twelve primes as bases: exact below 3.3e24."""
    d, r = n - 1, 0
    while not d % 2:
        d, r = d // 2, r + 1
    for base in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if not n % base:
            return n == base
        x = pow(base, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _monic_gcd_modulo(a: list[int], b: list[int], prime: int) -> list[int]:
    """The monic GCD of a and b modulo ``prime`` (dense, lowest power first)."""
    x = [c % prime for c in a]
    y = [c % prime for c in b]
    while y and not y[-1]:
        y.pop()
    while y:
        inverse = pow(y[-1], -1, prime)
        dy = len(y) - 1
        r = x
        while len(r) > dy:
            lead = r.pop() * inverse % prime
            if lead:
                shift = len(r) - dy
                for i in range(dy):
                    r[shift + i] = (r[shift + i] - lead * y[i]) % prime
        while r and not r[-1]:
            r.pop()
        x, y = y, r
    inverse = pow(x[-1], -1, prime)
    return [c * inverse % prime for c in x]


def _crt(x: int, m: int, y: int, p: int) -> int:
    """The residue modulo m*p that is x modulo m and y modulo p."""
    return x + m * ((y - x) * pow(m, -1, p) % p)


def _symmetric(c: int, modulus: int) -> int:
    return c - modulus if c > modulus // 2 else c


def _primitive_dense(a: list[int]) -> list[int]:
    g = math.gcd(*a) * (-1 if a[-1] < 0 else 1)
    return [c // g for c in a]


def _divides(d: list[int], a: list[int]) -> bool:
    """Whether the dense integer poly d divides a (d primitive, so the quotient is integral)."""
    r = list(a)
    top, dd = d[-1], len(d) - 1
    while len(r) > dd:
        lead = r.pop()
        if lead:
            q, rest = divmod(lead, top)
            if rest:
                return False
            shift = len(r) - dd
            for i in range(dd):
                r[shift + i] -= q * d[i]
    return not any(r)


def _dense_ints(p: Poly, var: int) -> list[int]:
    out = [0] * (p.degree(var) + 1)
    for exponents, c in p.terms.items():
        out[exponents[var]] = c  # type: ignore[call-overload]
    if any(type(c) is not int for c in out):  # not met: _gcd is given primitive polys
        scale = math.lcm(*(Fraction(c).denominator for c in out))
        out = [int(c * scale) for c in out]
    return out


def _primitive_pseudo_remainder(a: list[int], b: list[int]) -> list[int]:
    """The remainder of lc(b)^k * a on division by b, without its content (deg a >= deg b)."""
    r = list(a)
    top_b, db = b[-1], len(b) - 1
    while len(r) > db:
        lead = r.pop()
        shift = len(r) - db
        if lead:
            r = [c * top_b for c in r]
            for i in range(db):
                r[shift + i] -= lead * b[i]
        while r and not r[-1]:
            r.pop()
    if r:
        g = math.gcd(*r)
        if g > 1:
            r = [c // g for c in r]
    return r


def content_in(p: Poly, variables: set[int]) -> Poly:
    """The GCD of p's coefficients as a polynomial in ``variables`` (primitive, over Q)."""
    groups: dict[tuple[int, ...], dict[tuple[int, ...], Rational]] = {}
    for exponents, c in p.terms.items():
        key = tuple(exponents[i] for i in sorted(variables))
        rest = tuple(0 if i in variables else e for i, e in enumerate(exponents))
        groups.setdefault(key, {})[rest] = c
    parts = sorted((Poly(terms, p.nvars) for terms in groups.values()), key=len)
    g = parts[0].primitive()[1]
    for part in parts[1:]:
        if g.is_constant():
            break
        g = gcd(g, part)
    return g if not g.is_constant() else Poly.constant(1, p.nvars)


def _primitive_in(p: Poly, var: int) -> Poly:
    return _quotient(p, content_in(p, {var})).primitive()[1]


def _quotient(p: Poly, d: Poly) -> Poly:
    if d.is_constant():
        return p
    quotient = p.exact_quotient(d)
    if quotient is None:  # cannot happen for a true divisor; kept as a guard, not a wrong value
        raise AlgebraError("internal error: a content did not divide its polynomial")
    return quotient
