"""Dense polynomials in one variable over Q, for factoring and partial fractions.

A dense poly is a list of exact coefficients, constant term first, without trailing zeros
(``[]`` is 0). Here live the few operations ``factoring`` needs: division with remainder,
the extended Euclidean algorithm, rational roots (by the rational root theorem) and the split
of a square-free poly into linear factors and a rest (quadratics without rational roots are
irreducible over Q).
"""

from __future__ import annotations

import math
from fractions import Fraction

from .exact import Rational, whole
from .polynomial import Poly

__all__ = ["Dense", "divmod_dense", "ext_gcd", "from_dense", "rational_roots", "split_rational_roots", "to_dense"]

Dense = list[Rational]
MAX_CANDIDATES = 20_000  # rational root candidates tried before giving up on finding all roots
TRIAL_DIVISION_LIMIT = 100_000


def to_dense(poly: Poly, var: int) -> Dense:
    """A poly in ``var`` alone as a dense list."""
    coefficients: Dense = [0] * (poly.degree(var) + 1)
    for exponents, c in poly.terms.items():
        coefficients[exponents[var]] = c
    return coefficients


def from_dense(coefficients: Dense, var: int, nvars: int) -> Poly:
    terms = {}
    for power, c in enumerate(coefficients):
        if c:
            exponents = [0] * nvars
            exponents[var] = power
            terms[tuple(exponents)] = whole(c)
    return Poly(terms, nvars)


def trim(a: Dense) -> Dense:
    while a and not a[-1]:
        a.pop()
    return a


def sub(a: Dense, b: Dense) -> Dense:
    n = max(len(a), len(b))
    return trim([whole((a[i] if i < len(a) else 0) - (b[i] if i < len(b) else 0)) for i in range(n)])


def mul(a: Dense, b: Dense) -> Dense:
    if not a or not b:
        return []
    out: Dense = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return trim([whole(c) for c in out])


def divmod_dense(a: Dense, b: Dense) -> tuple[Dense, Dense]:
    """Quotient and remainder of a by b (b not 0)."""
    if len(a) < len(b):
        return [], list(a)
    if type(b[-1]) is int and all(type(c) is int for c in a) and all(type(c) is int for c in b):
        found = _divmod_ints(a, b)
        if found is not None:
            return found
    return _divmod_fractions(a, b)


def _divmod_ints(a: list[int], b: list[int]) -> tuple[Dense, Dense] | None:
    """``divmod_dense`` in ints, while each quotient digit is whole (a root's linear factor, a
    monic divisor): the same lists, of ints, as the division in fractions gives (its ``whole``
    turns each whole Fraction into that int); None when a digit is not whole."""
    remainder = list(a)
    lead, n = b[-1], len(b)
    quotient: Dense = [0] * (len(remainder) - n + 1)
    for shift in range(len(remainder) - n, -1, -1):
        top = remainder[shift + n - 1]
        if top % lead:
            return None
        c = top // lead
        quotient[shift] = c
        if c:
            for i, y in enumerate(b):
                remainder[shift + i] -= c * y
    return trim(quotient), trim(remainder[: n - 1])


def _divmod_fractions(a: Dense, b: Dense) -> tuple[Dense, Dense]:
    remainder = list(a)
    inverse = 1 / Fraction(b[-1])
    quotient: Dense = [0] * (len(remainder) - len(b) + 1)
    for shift in range(len(remainder) - len(b), -1, -1):
        c = remainder[shift + len(b) - 1] * inverse
        quotient[shift] = whole(c)
        if c:
            for i, y in enumerate(b):
                remainder[shift + i] = whole(remainder[shift + i] - c * y)
    return trim(quotient), trim(remainder[: len(b) - 1])


def ext_gcd(a: Dense, b: Dense) -> tuple[Dense, Dense, Dense]:
    """(g, s, t) with s*a + t*b = g, g the monic GCD."""
    r0, r1 = list(a), list(b)
    s0, s1, t0, t1 = [1], [], [], [1]
    while r1:
        q, r = divmod_dense(r0, r1)
        r0, r1 = r1, r
        s0, s1 = s1, sub(s0, mul(q, s1))
        t0, t1 = t1, sub(t0, mul(q, t1))
    lead = Fraction(r0[-1])
    return [whole(c / lead) for c in r0], [whole(c / lead) for c in s0], [whole(c / lead) for c in t0]


def _divisors(n: int) -> list[int] | None:
    """The positive divisors of n > 0, or None if n is too large to factor by trial division."""
    primes: dict[int, int] = {}
    rest = n
    p = 2
    while p * p <= rest:
        if p > TRIAL_DIVISION_LIMIT:
            return None
        while rest % p == 0:
            primes[p] = primes.get(p, 0) + 1
            rest //= p
        p += 1 if p == 2 else 2
    if rest > 1:
        primes[rest] = primes.get(rest, 0) + 1
    divisors = [1]
    for prime, power in primes.items():
        divisors = [d * prime**k for d in divisors for k in range(power + 1)]
        if len(divisors) > MAX_CANDIDATES:
            return None
    return divisors


def rational_roots(coefficients: list[int]) -> list[Fraction] | None:
    """The rational roots of a poly with integer coefficients and a nonzero constant term,
    or None if there are too many candidates p/q (p | constant, q | leading) to try."""
    tops, bottoms = _divisors(abs(coefficients[0])), _divisors(abs(coefficients[-1]))
    if tops is None or bottoms is None or len(tops) * len(bottoms) > MAX_CANDIDATES:
        return None
    n = len(coefficients) - 1
    if n * len(tops) * len(bottoms) > 50 * MAX_CANDIDATES:
        return None
    roots = set()
    for q in bottoms:
        scaled = [c * q ** (n - i) for i, c in enumerate(coefficients)]  # q^n * f(p/q) = sum scaled[i]*p^i
        for p in tops:
            if math.gcd(p, q) != 1:
                continue
            for signed in (p, -p):
                value = 0
                for c in reversed(scaled):
                    value = value * signed + c
                if value == 0:
                    roots.add(Fraction(signed, q))
    return sorted(roots)


def split_rational_roots(coefficients: list[int]) -> tuple[list[Dense], Dense, bool]:
    """A square-free primitive integer poly as its linear factors ``q*x - p`` and the rest;
    the flag says whether every rational root was looked for."""
    roots = rational_roots(coefficients)
    if roots is None:
        return [], coefficients, False
    rest: Dense = list(coefficients)
    linear: list[Dense] = []
    for root in roots:
        factor: Dense = [-root.numerator, root.denominator]
        rest, remainder = divmod_dense(rest, factor)
        assert not remainder  # a root's linear factor divides
        linear.append(factor)
    return linear, rest, True


def quadratic_factor(coefficients: Dense) -> Dense | None:
    """A quadratic factor with integer coefficients of an integer poly without rational roots,
    by Kronecker's method (g(0), g(1), g(-1) divide f(0), f(1), f(-1)); None if there is none
    or the search would be too long: x^4 + 4 = (x^2 - 2*x + 2)*(x^2 + 2*x + 2)."""
    values = [sum(c * point**i for i, c in enumerate(coefficients)) for point in (0, 1, -1)]
    divisors = [_divisors(abs(int(v))) for v in values]
    if any(d is None for d in divisors) or math.prod(2 * len(d) for d in divisors) > MAX_CANDIDATES:  # type: ignore[arg-type]
        return None
    d0, d1, dm = divisors
    lead = int(coefficients[-1])
    # f(2), f(-2), f(3) must be multiples of g(2), g(-2), g(3): a cheap test before dividing
    checks = [(point, sum(c * point**i for i, c in enumerate(coefficients))) for point in (2, -2, 3)]
    for c0 in d0:  # type: ignore[union-attr]
        for g1 in (s * d for d in d1 for s in (1, -1)):  # type: ignore[union-attr]
            for gm in (s * d for d in dm for s in (1, -1)):  # type: ignore[union-attr]
                for c in (c0, -c0):
                    twice_a = g1 + gm - 2 * c
                    if twice_a <= 0 or twice_a % 2 or (g1 - gm) % 2:
                        continue
                    candidate: Dense = [c, (g1 - gm) // 2, twice_a // 2]
                    if lead % candidate[2] or any(
                        (g := c + candidate[1] * point + candidate[2] * point * point) == 0 or value % g
                        for point, value in checks
                    ):
                        continue
                    _, remainder = divmod_dense(coefficients, candidate)
                    if not remainder:
                        return candidate
    return None
