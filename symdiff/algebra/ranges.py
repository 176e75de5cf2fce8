"""Where an expression's values lie, for every value of its symbols: an interval that surely
holds them, with a least magnitude (|csc(u)| >= 1 has no single interval).

``defined`` asks it whether a function's argument is outside the function's domain wherever
it has a value: atanh(csc(x)), ln(heaviside(-x^2)) and atanh(sign(x^2 + 1)) have no value
anywhere, and a derivative of them would be a formula with values but no meaning.

Bounds are exact (ints, Fractions and infinities): no rounding can put a bound on the wrong side of
a domain's edge. A part it has no rule for gets every real number, which decides nothing.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

from ..core.expr import Add, Call, Constant, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from ..core.traversal import fold

__all__ = ["Range", "value_range"]

Bound = int | Fraction | float  # a float only as an infinity


class Range(NamedTuple):
    lo: Bound
    hi: Bound
    least: Bound = 0  # every value has at least this magnitude


_INF = math.inf
_EVERYTHING = Range(-_INF, _INF)
_ONE = 1
_CONSTANT = Range(2, 4, 2)  # e and pi: their exact values are not needed


def value_range(expr: Expr, memo: dict[int, tuple[Expr, Range]]) -> Range:
    """An interval holding every value of ``expr`` (``memo`` keeps each node's across calls)."""
    return fold(expr, _range_of, memo)


def _range_of(node: Expr, kids: list[Range]) -> Range:
    kind = type(node)
    if kind is Number:
        value = node.value  # type: ignore[attr-defined]  # an int or a Fraction, at least 0
        return Range(value, value, value)
    if kind is Symbol:
        return _EVERYTHING
    if kind is Constant:
        return _CONSTANT
    if kind is Neg:
        (a,) = kids
        return Range(-a.hi, -a.lo, a.least)
    if kind is Add or kind is Sub:
        lo, hi = kids[0].lo, kids[0].hi
        for k in kids[1:]:
            lo, hi = (lo + k.lo, hi + k.hi) if kind is Add else (lo - k.hi, hi - k.lo)
            lo, hi = (-_INF if lo != lo else lo), (_INF if hi != hi else hi)  # inf - inf: unbounded
        return _with_least(lo, hi)
    if kind is Mul:
        result = kids[0]
        for k in kids[1:]:
            products = [_times(p, q) for p in (result.lo, result.hi) for q in (k.lo, k.hi)]
            result = Range(min(products), max(products), _times(result.least, k.least))
        return _with_least(result.lo, result.hi, result.least)
    if kind is Pow:
        return _power(node, kids)
    if kind is Call:
        return _call(node.name, kids[0])  # type: ignore[attr-defined]
    return _EVERYTHING


def _power(node: Expr, kids: list[Range]) -> Range:
    exponent = node.children[1]
    if type(exponent) is not Number or type(exponent.value) is not int or not 1 <= exponent.value <= 64:  # type: ignore[attr-defined]
        return _EVERYTHING
    n: int = exponent.value  # type: ignore[attr-defined]
    base = kids[0]
    least = _power_of(base.least, n)
    if n % 2:
        return Range(_power_of(base.lo, n), _power_of(base.hi, n), least)
    if base.lo >= 0 or base.hi <= 0:
        ends = sorted((_power_of(base.lo, n), _power_of(base.hi, n)))
        return Range(ends[0], ends[1], max(least, ends[0]))
    return Range(least, max(_power_of(base.lo, n), _power_of(base.hi, n)), least)


def _call(name: str, a: Range) -> Range:
    if name in ("sin", "cos"):
        return Range(-_ONE, _ONE)
    if name in ("tanh", "atan", "asin", "acos", "acot"):
        return Range(-2, 4)  # within (-pi/2, pi) at most
    if name == "sigmoid":
        return Range(0, _ONE)
    if name in ("exp", "sqrt", "softplus"):
        return Range(0, _INF)
    if name == "cosh":
        return Range(_ONE, _INF, _ONE)
    if name in ("csc", "sec"):
        return Range(-_INF, _INF, _ONE)
    if name == "sign":
        if a.lo > 0:
            return Range(_ONE, _ONE, _ONE)
        if a.hi < 0:
            return Range(-_ONE, -_ONE, _ONE)
        return Range(-_ONE, _ONE)
    if name == "heaviside":  # heaviside(0) = 0 in symdiff
        if a.lo > 0:
            return Range(_ONE, _ONE, _ONE)
        if a.hi <= 0:
            return Range(0, 0)
        return Range(0, _ONE)
    if name == "relu":
        return _with_least(max(a.lo, 0), max(a.hi, 0))
    if name == "abs":
        if a.lo >= 0:
            return Range(a.lo, a.hi, a.least)
        if a.hi <= 0:
            return Range(-a.hi, -a.lo, a.least)
        return Range(a.least, max(-a.lo, a.hi), a.least)
    return _EVERYTHING


def _with_least(lo: Bound, hi: Bound, least: Bound = 0) -> Range:
    if lo > 0:
        least = max(least, lo)
    elif hi < 0:
        least = max(least, -hi)
    return Range(lo, hi, least)


def _times(a: Bound, b: Bound) -> Bound:
    return 0 if a == 0 or b == 0 else a * b  # a bound 0 times an unbounded end is 0


def _power_of(value: Bound, n: int) -> Bound:
    return value**n if not isinstance(value, float) else (value if n % 2 else _INF)
