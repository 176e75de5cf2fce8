"""Where an expression's values lie, for every value of its symbols: an interval that surely
holds them, with a least magnitude (|csc(u)| >= 1 has no single interval), and which of those
three bounds are never reached (e^x is above 0, sigmoid(x) below 1, |coth(x)| above 1).

``defined`` asks it whether a function's argument is outside the function's domain wherever
it has a value: atanh(csc(x)), ln(heaviside(-x^2)), sqrt(-e^x) and asec(sigmoid(x)) have no
value anywhere, and a derivative of them would be a formula with values but no meaning.

Bounds are exact (ints, Fractions and infinities): no rounding can put a bound on the wrong side of
a domain's edge, and a bound is marked open only when it is surely never reached (a bound that
might be reached is left closed, which decides less but never wrongly). A part it has no rule
for gets every real number, which decides nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple

from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Root, Sub, Symbol
from ..core.traversal import fold

__all__ = ["Range", "above", "below", "value_range"]

Bound = int | Fraction | float  # a float only as an infinity


class Range(NamedTuple):
    lo: Bound
    hi: Bound
    least: Bound = 0  # every value has at least this magnitude
    lo_open: bool = False  # lo itself is never a value: every value is above it
    hi_open: bool = False
    least_open: bool = False  # every value's magnitude is above ``least``


_INF = math.inf
_EVERYTHING = Range(-_INF, _INF)
_NONZERO = Range(-_INF, _INF, 0, least_open=True)
_POSITIVE = Range(0, _INF, 0, True, False, True)
_NEGATIVE = Range(-_INF, 0, 0, False, True, True)
_NOT_NEGATIVE = Range(0, _INF)
_NOT_POSITIVE = Range(-_INF, 0)
_CONSTANT = Range(2, 4, 2)  # e and pi: their exact values are not needed
_HALF_PI = Fraction(11, 7)  # above pi/2 (pi < 22/7): a bound a little wide is still a bound


def above(r: Range, bound: Bound) -> bool:
    """Whether every value in ``r`` is above ``bound``."""
    return r.lo > bound or (r.lo == bound and r.lo_open)


def below(r: Range, bound: Bound) -> bool:
    """Whether every value in ``r`` is below ``bound``."""
    return r.hi < bound or (r.hi == bound and r.hi_open)


def value_range(expr: Expr, memo: dict[int, tuple[Expr, Range]]) -> Range:
    """An interval holding every value of ``expr`` (``memo`` keeps each node's across calls)."""
    return fold(expr, _capped_range_of, memo)


# Bounds are kept within 2^±500 of 0, widened to it or to infinity beyond: a product of two stays
# within a float's range (an exact bound times an infinite one is worked in floats), and whole
# powers of 10^999 are not worked out to thousands of digits.
_CAP = 2**500


def _capped_range_of(node: Expr, kids: list[Range]) -> Range:
    r = _range_of(node, kids)
    if -_CAP <= r.lo and r.hi <= _CAP and r.least <= _CAP:
        return r
    lo, lo_open = (-_INF, True) if r.lo < -_CAP else ((_CAP, False) if r.lo > _CAP else (r.lo, r.lo_open))
    hi, hi_open = (_INF, True) if r.hi > _CAP else ((-_CAP, False) if r.hi < -_CAP else (r.hi, r.hi_open))
    least, least_open = (_CAP, False) if r.least > _CAP else (r.least, r.least_open)
    return Range(lo, hi, least, lo_open, hi_open, least_open)


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
        return _negated(kids[0])
    if kind is Add or kind is Sub:
        total = kids[0]
        for k in kids[1:]:
            total = _sum(total, k if kind is Add else _negated(k))
        return total
    if kind is Mul:
        return _product_of_factors(node.children, kids)
    if kind is Div:
        return _product(kids[0], _reciprocal(kids[1]))
    if kind is Pow:
        return _power(node, kids)
    if kind is Root:
        return _even_root(kids[0]) if node.index % 2 == 0 else _same_sign(kids[0])  # type: ignore[attr-defined]
    if kind is Call:
        rule = _CALLS.get(node.name)  # type: ignore[attr-defined]
        return _EVERYTHING if rule is None else rule(kids[0])
    return _EVERYTHING


def _negated(a: Range) -> Range:
    return Range(-a.hi, -a.lo, a.least, a.hi_open, a.lo_open, a.least_open)


def _sum(a: Range, b: Range) -> Range:
    lo, hi = _plus(a.lo, b.lo), _plus(a.hi, b.hi)
    if lo != lo or hi != hi:  # inf - inf: unbounded
        return _EVERYTHING
    return _with_least(Range(lo, hi, 0, a.lo_open or b.lo_open, a.hi_open or b.hi_open))


def _product_of_factors(children: tuple[Expr, ...], kids: list[Range]) -> Range:
    """A product, with a factor written more than once taken as its power: x*x is never
    negative, while two separate factors each from -oo to oo could give any sign."""
    counts: dict[Expr, list] = {}
    negative = False
    for child, kid in zip(children, kids, strict=True):
        if type(child) is Neg:  # -x*x is -(x*x)
            child, kid, negative = child.children[0], _negated(kid), not negative
        entry = counts.setdefault(child, [kid, 0])
        entry[1] += 1
    result: Range | None = None
    for kid, count in counts.values():
        factor = kid if count == 1 else _whole_power(kid, count)
        result = factor if result is None else _product(result, factor)
    assert result is not None
    return _negated(result) if negative else result


def _product(a: Range, b: Range) -> Range:
    corners = [(_times(p, q), p_open or q_open)
               for p, p_open in ((a.lo, a.lo_open), (a.hi, a.hi_open))
               for q, q_open in ((b.lo, b.lo_open), (b.hi, b.hi_open))]
    lo = min(value for value, _ in corners)
    hi = max(value for value, _ in corners)
    # An end is never reached when every corner that gives it has an open side. A product is
    # bilinear, so a non-zero extreme is reached at corners only; 0 may be reached along an
    # edge (a = 0, any b), unless neither factor is ever 0.
    never_zero = _never_zero(a) and _never_zero(b)
    lo_open = (lo != 0 or never_zero) and all(is_open for value, is_open in corners if value == lo)
    hi_open = (hi != 0 or never_zero) and all(is_open for value, is_open in corners if value == hi)
    least = _times(a.least, b.least)
    least_open = (a.least_open and (b.least > 0 or b.least_open)) or (b.least_open and (a.least > 0 or a.least_open))
    return _with_least(Range(lo, hi, least, lo_open, hi_open, least_open))


def _never_zero(a: Range) -> bool:
    return a.least > 0 or a.least_open


def _reciprocal(a: Range) -> Range:
    if a.hi == 0 and a.lo == 0:
        return _EVERYTHING  # only 0 (no value) or nothing at all: decides nothing
    if above(a, 0):  # 1/v for v in [lo, hi], lo >= 0: from 1/hi to 1/lo
        lo, lo_open = (0, True) if a.hi == _INF else (Fraction(1) / a.hi, a.hi_open)
        hi, hi_open = (_INF, False) if a.lo == 0 else (Fraction(1) / a.lo, a.lo_open)
        return _with_least(Range(lo, hi, 0, lo_open, hi_open))
    if below(a, 0):
        return _negated(_reciprocal(_negated(a)))
    if a.least > 0:  # |v| >= m: |1/v| <= 1/m
        top = Fraction(1) / a.least
        return Range(-top, top, 0, a.least_open, a.least_open, True)
    return _NONZERO  # 1/v is never 0 (v = 0 has no value)


def _power(node: Expr, kids: list[Range]) -> Range:
    exponent = node.children[1]
    base = kids[0]
    if type(exponent) is Number and type(exponent.value) is int and 1 <= exponent.value <= 64:  # type: ignore[attr-defined]
        return _whole_power(base, exponent.value)  # type: ignore[attr-defined]
    if type(exponent) is Neg and type(exponent.children[0]) is Number:
        value = exponent.children[0].value  # type: ignore[attr-defined]
        if type(value) is int and 1 <= value <= 64:
            return _reciprocal(_whole_power(base, value))
    if above(base, 0):  # a^u > 0 for a > 0, whatever u is
        return _POSITIVE
    if type(exponent) is Number and base.lo >= 0:  # a fraction of a base at least 0 (0^(1/2) = 0)
        return _NOT_NEGATIVE
    return _EVERYTHING


def _whole_power(base: Range, n: int) -> Range:
    if n % 2:  # odd: increasing, sign kept
        return Range(_power_of(base.lo, n), _power_of(base.hi, n), _power_of(base.least, n), base.lo_open,
                     base.hi_open, base.least_open)
    if base.lo < 0:  # even: that of the magnitude
        return _whole_power(_abs(base), n)
    return _with_least(Range(_power_of(base.lo, n), _power_of(base.hi, n), _power_of(base.least, n), base.lo_open,
                             base.hi_open, base.least_open))


def _even_root(a: Range) -> Range:
    return _POSITIVE if above(a, 0) else _NOT_NEGATIVE


def _same_sign(a: Range) -> Range:
    """Of an increasing function through 0 whose values grow without bound (cbrt, sinh)."""
    if above(a, 0):
        return _POSITIVE
    if below(a, 0):
        return _NEGATIVE
    if a.lo >= 0:
        return _NOT_NEGATIVE
    if a.hi <= 0:
        return _NOT_POSITIVE
    return _NONZERO if _never_zero(a) else _EVERYTHING


def _sign(a: Range) -> Range:
    if above(a, 0):
        return Range(1, 1, 1)
    if below(a, 0):
        return Range(-1, -1, 1)
    return Range(-1, 1, 1 if _never_zero(a) else 0)


def _heaviside(a: Range) -> Range:  # heaviside(0) = 0 in symdiff
    if above(a, 0):
        return Range(1, 1, 1)
    if a.hi <= 0:
        return Range(0, 0)
    return Range(0, 1)


def _relu(a: Range) -> Range:
    if a.lo >= 0:
        return a
    if a.hi <= 0:
        return Range(0, 0)
    return Range(0, a.hi, 0, False, a.hi_open)


def _abs(a: Range) -> Range:
    if a.lo >= 0:
        return a
    if a.hi <= 0:
        return _negated(a)
    # Across 0: from the least magnitude to the farther end.
    far = max(-a.lo, a.hi)
    far_open = (a.lo_open if -a.lo == far else True) and (a.hi_open if a.hi == far else True)
    return Range(a.least, far, a.least, a.least_open, far_open, a.least_open)


# Each function's values from its argument's: most need none of it (sigmoid is in (0, 1) always).
_CALLS: dict[str, Callable[[Range], Range]] = {
    "sin": lambda a: Range(-1, 1), "cos": lambda a: Range(-1, 1),
    "tanh": lambda a: Range(-1, 1, 0, True, True), "sigmoid": lambda a: Range(0, 1, 0, True, True, True),
    "atan": lambda a: Range(-_HALF_PI, _HALF_PI, 0, True, True),
    "asin": lambda a: Range(-_HALF_PI, _HALF_PI), "acos": lambda a: Range(0, 2 * _HALF_PI),
    "acot": lambda a: Range(0, 2 * _HALF_PI, 0, True, True, True),  # (0, pi), as symdiff takes it
    "asec": lambda a: Range(0, 2 * _HALF_PI), "acsc": lambda a: Range(-_HALF_PI, _HALF_PI, 0, False, False, True),
    "exp": lambda a: _POSITIVE, "softplus": lambda a: _POSITIVE, "sqrt": _even_root,
    "cbrt": _same_sign, "sinh": _same_sign,
    "cosh": lambda a: Range(1, _INF, 1), "sech": lambda a: Range(0, 1, 0, True, False, True),
    "coth": lambda a: Range(-_INF, _INF, 1, least_open=True), "csch": lambda a: _NONZERO,
    "csc": lambda a: Range(-_INF, _INF, 1), "sec": lambda a: Range(-_INF, _INF, 1),
    "sign": _sign, "heaviside": _heaviside, "relu": _relu, "abs": _abs,
}  # fmt: skip


def _with_least(r: Range) -> Range:
    """``r`` with its least magnitude raised to what its ends give: a range above 0 or below 0
    keeps every value at least as far from 0 as its nearer end."""
    least, least_open = r.least, r.least_open
    for end, end_open, away in ((r.lo, r.lo_open, r.lo > 0 or (r.lo == 0 and r.lo_open)),
                                (-r.hi, r.hi_open, r.hi < 0 or (r.hi == 0 and r.hi_open))):
        if away:
            if end > least:
                least, least_open = end, end_open
            elif end == least:
                least_open = least_open or end_open
    return r._replace(least=least, least_open=least_open)


def _times(a: Bound, b: Bound) -> Bound:
    if a == 0 or b == 0:
        return 0  # a bound 0 times an unbounded end is 0
    if type(a) is float or type(b) is float:  # an infinity: its sign, not a float of a huge int
        return _INF if (a > 0) == (b > 0) else -_INF
    return a * b


def _plus(a: Bound, b: Bound) -> Bound:
    if type(a) is float or type(b) is float:  # an infinity (inf - inf is nan: the caller's to see)
        return a + b if type(a) is type(b) else (a if type(a) is float else b)
    return a + b


def _power_of(value: Bound, n: int) -> Bound:
    return value**n if not isinstance(value, float) else (value if n % 2 else _INF)
