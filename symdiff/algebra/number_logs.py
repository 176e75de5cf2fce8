"""Logarithms of rational numbers split over primes, so that they combine: ln 4 - ln 2 = ln 2.

An exact definite integral often ends as a sum of logarithms of numbers, F(b) - F(a) with F a
sum of ln|x - r| terms: ln(2)/2 - ln(4)/2 + ln(3)/2. Written over primes (ln 4 = 2 ln 2) the
simplifier collects like terms, (ln 3 - ln 2)/2. The laws used, ln(p·q) = ln p + ln q and
ln(p^k) = k ln p, hold for positive numbers, and only positive numbers are rewritten.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import Add, Call, Div, Expr, Mul, Neg, Number, Sub
from ..core.printer import to_text
from ..core.traversal import fold

__all__ = ["combine_number_logs"]

_LARGEST = 10**12  # trial division up to 10^6 factors any number below this quickly


def combine_number_logs(expr: Expr, simplify: object) -> Expr:
    """``expr`` with each ln of a positive rational split over primes and simplified by
    ``simplify`` (a function), when that is shorter than ``simplify(expr)`` itself."""
    plain = simplify(expr)  # type: ignore[operator]
    split = fold(expr, _split)
    if split == expr:
        return plain
    combined = simplify(split)  # type: ignore[operator]
    return combined if len(to_text(combined)) < len(to_text(plain)) else plain


def _split(node: Expr, children: list[Expr]) -> Expr:
    rebuilt = node.with_children(tuple(children)) if children else node
    if isinstance(rebuilt, Call) and rebuilt.name == "ln":
        value = _positive_rational(rebuilt.argument)
        if value is not None and value != 1:
            return _log_sum(value) or rebuilt
    return rebuilt


def _positive_rational(expr: Expr) -> Fraction | None:
    if isinstance(expr, Number):
        return Fraction(expr.value) if expr.value > 0 else None
    if isinstance(expr, Div) and all(isinstance(part, Number) for part in expr.children):
        top, bottom = (Fraction(part.value) for part in expr.children)  # type: ignore[attr-defined]
        return top / bottom if top > 0 and bottom > 0 else None
    return None


def _log_sum(value: Fraction) -> Expr | None:
    """ln(value) as Σ k·ln(p) over the primes of its numerator and denominator."""
    if value.numerator >= _LARGEST or value.denominator >= _LARGEST:
        return None
    terms: list[Expr] = []
    for n, sign in ((value.numerator, 1), (value.denominator, -1)):
        for prime, power in _factors(n):
            log: Expr = Call("ln", Number(prime))
            term = log if power == 1 else Mul(Number(power), log)
            terms.append(term if sign > 0 else Neg(term))
    if len(terms) <= 1 and not (terms and isinstance(terms[0], (Mul, Neg))):
        return None  # ln of a prime: nothing to split
    total = terms[0]
    for term in terms[1:]:
        total = Sub(total, term.children[0]) if isinstance(term, Neg) else Add(total, term)
    return total


def _factors(n: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    prime = 2
    while prime * prime <= n:
        power = 0
        while n % prime == 0:
            n //= prime
            power += 1
        if power:
            found.append((prime, power))
        prime += 1 if prime == 2 else 2
    if n > 1:
        found.append((n, 1))
    return found
