"""The limit laws for powers u^v: a constant exponent (the Power Law, and u^n where u -> 0 or
oo), a constant base (a^v), and both varying, where 1^oo, 0^0 and oo^0 are indeterminate.

Real powers only: a negative base needs a whole exponent (x^(1/2) has no value for x < 0, and
(-1)^x none at all); the parts' trends (``limit_forms``) say which side 0 is approached from.
"""

from __future__ import annotations

import math

from ..core.expr import Expr, Number, Pow
from .limit_exact import ZERO_TOLERANCE, fraction_of
from .limit_forms import (
    BOUNDED,
    FINITE,
    INFINITE,
    NONE,
    UNDECIDED,
    Law,
    Trend,
    Value,
    agree,
    bounded,
    finite,
    infinite,
    scaled,
    side_sign,
    sign_of,
    undefined,
    undefined_part,
    zero_from,
)

__all__ = ["power"]


def power(base: Value, exponent: Value, base_constant: bool, exponent_constant: bool, sides: int) -> Law:
    """Limits of u^v: the Power Law, a constant base or exponent, and the forms 1^oo, 0^0, oo^0."""
    stop = undefined_part([base, exponent], "power")
    if stop is not None:
        return stop
    if exponent_constant:
        return _constant_exponent(base, exponent, sides)
    if base_constant:
        return _constant_base(base, exponent, sides)
    if base.kind not in (FINITE, INFINITE) or exponent.kind not in (FINITE, INFINITE):
        return (UNDECIDED, None)
    if base.kind == INFINITE:
        if base.c < 0:  # type: ignore[operator]
            return ("negative_base", undefined("a negative base with a varying exponent has no real value"))
        if exponent.kind == FINITE:
            if not exponent.approx:
                return ("oo^0", None)
            return ("power_of_infinity", infinite(1) if exponent.approx > 0 else zero_from((1, 0)))
        return ("power_of_infinity", infinite(1) if exponent.c > 0 else zero_from((1, 0)))  # type: ignore[operator]
    if base.approx < 0:
        return ("negative_base", undefined("a negative base with a varying exponent has no real value"))
    if base.approx == 0:
        c = side_sign(base.trend, sides)
        if c is None:
            return (UNDECIDED, None)
        if c <= 0:
            return ("negative_base", undefined("the base is not positive near the point"))
        if exponent.kind == FINITE and not exponent.approx:
            return ("0^0", None)
        grows = exponent.c < 0 if exponent.kind == INFINITE else exponent.approx < 0  # type: ignore[operator]
        return ("power_of_zero", infinite(1) if grows else zero_from((1, 0)))
    if exponent.kind == INFINITE:
        if abs(base.approx - 1) <= ZERO_TOLERANCE:  # even if not exactly 1: the methods find v*(u - 1)
            return ("1^oo", None)
        grows = (base.approx > 1) == (exponent.c > 0)  # type: ignore[operator]
        return ("exponential_at_infinity", infinite(1) if grows else zero_from((1, 0)))
    # b^e = e^(e ln b): d(b^e) = b^e (ln(b) de + (e/b) db)
    trend = agree([scaled(exponent.trend, sign_of(math.log(base.approx))),
                   scaled(base.trend, sign_of(exponent.approx))])
    value = Pow(base.exact, exponent.exact)  # type: ignore[arg-type]
    return ("power", finite(value, base.approx ** exponent.approx, *trend))


def _constant_exponent(base: Value, n: Value, sides: int) -> Law:
    whole = n.exact is not None and _whole(n.exact)
    if base.kind == BOUNDED:
        if whole and n.approx > 0:
            ends = [base.lo ** n.approx, base.hi ** n.approx]
            lo = 0.0 if base.lo < 0 < base.hi and int(n.approx) % 2 == 0 else min(ends)
            return ("bounded_product", bounded(lo, max(ends), False, base.why))
        return (UNDECIDED, None)
    if base.kind == NONE:
        return (UNDECIDED, None)
    if not n.approx:
        return ("zero_power", Value(FINITE, Number(1), 1.0, 0, 0))
    if base.kind == INFINITE:
        if base.c < 0 and not whole:  # type: ignore[operator]
            return ("negative_base", undefined("a negative number to a fractional power has no real value"))
        sign = 1 if base.c > 0 or int(n.approx) % 2 == 0 else -1  # type: ignore[operator]
        if n.approx > 0:
            return ("power_of_infinity", infinite(sign))
        return ("power_of_infinity", zero_from((sign, 0)))
    if base.approx < 0 and not whole:
        return ("negative_base", undefined("a negative number to a fractional power has no real value"))
    if base.approx == 0:
        c, p = base.trend
        if not whole:
            side = side_sign(base.trend, sides)
            if side is None:
                return (UNDECIDED, None)
            if side < 0:
                return ("negative_base", undefined("a negative number to a fractional power has no real value"))
            c, p = side, 0
        k = int(n.approx) if whole else 1
        trend: Trend = (None, 0) if c is None else (c ** abs(k) if k % 2 else abs(c), (p * abs(k)) % 2)
        if n.approx > 0:
            return ("power", zero_from(trend))
        if trend[0] == 0:
            return ("zero_denominator", undefined("0 to a negative power is undefined at every point near it"))
        if trend[0] is None:
            return (UNDECIDED, None)
        return ("one_sided_sign", infinite(side_sign(trend, sides)))  # type: ignore[arg-type]
    # d(u^n) = n*u^(n - 1) du
    trend = scaled(base.trend, sign_of(n.approx * base.approx ** (n.approx - 1)))
    return ("power", finite(Pow(base.exact, n.exact), base.approx ** n.approx, *trend))  # type: ignore[arg-type]


def _constant_base(b: Value, e: Value, sides: int) -> Law:
    if b.approx == 0:
        return _zero_base(e, sides)
    if b.approx <= 0:
        return ("negative_base", undefined("a base that is not positive with a varying exponent has no real value"))
    if b.approx == 1:
        return ("zero_power", Value(FINITE, Number(1), 1.0, 0, 0))
    rising = sign_of(math.log(b.approx))
    if e.kind == FINITE:
        value = Pow(b.exact, e.exact)  # type: ignore[arg-type]
        return ("power", finite(value, b.approx ** e.approx, *scaled(e.trend, rising)))
    if e.kind == INFINITE:
        grows = e.c * rising > 0  # type: ignore[operator]
        return ("exponential_at_infinity", infinite(1) if grows else zero_from((1, 0)))
    if e.kind == BOUNDED:
        ends = sorted((b.approx ** e.lo, b.approx ** e.hi))
        return ("bounded_power", bounded(ends[0], ends[1], e.oscillates, e.why))
    return (UNDECIDED, None)


def _whole(value: Expr) -> bool:
    q = fraction_of(value)
    return q is not None and q.denominator == 1



def _zero_base(e: Value, sides: int) -> Law:
    """0^v: 0 where v > 0, no value where v <= 0 (0^x at 1 is 0, not "does not exist")."""
    zero = Value(FINITE, Number(0), 0.0, 0, 0)
    if e.kind == INFINITE:
        positive = e.c > 0  # type: ignore[operator]
    elif e.kind == FINITE and e.approx:
        positive = e.approx > 0
    elif e.kind == FINITE:
        c = side_sign(e.trend, sides)  # v -> 0: from above, 0^v is 0 all the way
        if c is None:
            return (UNDECIDED, None)
        positive = c > 0
    else:
        return (UNDECIDED, None)
    if positive:
        return ("zero_base", zero)
    return ("zero_denominator", undefined("0 to a power that is not positive has no value at the points near it"))
