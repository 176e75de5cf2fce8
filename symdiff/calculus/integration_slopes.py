"""What rules out a linear substitution's candidate before d/dx g is written: g = F(p(x)), F a
function or a power and p a polynomial, with two clearly different slopes g'(a) is no a*x + b
(``not_linear``). Like ``integration_filters``, it only ever rejects a candidate that could
not succeed, so which rule applies, and the steps, are the same with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from ..core.expr import Call, Constant, Expr, Number, Pow, Symbol
from .integration_rules import coefficients, depends

__all__ = ["not_linear"]

Slope = Callable[[float], "float | None"]  # F'(t) in floats, None where it may not be near F'(t)


def not_linear(g: Expr, v: Symbol) -> bool:
    """Whether g = F(p(x)), F a function or a power and p a polynomial in x, has clearly different
    slopes g'(a) = F'(p(a))*p'(a) at two points a inside its domain. Then g' is no constant, and
    d/dx g as ``derivative`` writes it, which equals g' wherever g' is defined, has x in it: the
    linear substitution's test (``_linear``) would find that g is not a*x + b, and it is spared
    writing d/dx g (most of the cost of 1/sqrt(4 - x^2)). False where it cannot tell.

    p(a) and p'(a) are exact, then rounded to floats; each F' (``_SLOPES``) is used only where
    its float value is well-conditioned, so each slope is within 1e-12 of its value relative to
    it, far inside the 1e-6 by which two slopes must differ."""
    found = _outer(g, v)
    if found is None:
        return False
    slope, c = found
    if len(c) < 2:
        return False
    first: float | None = None
    for a in _SLOPE_POINTS:
        t = s = Fraction(0)
        for k in range(len(c) - 1, -1, -1):  # Horner: p(a) and p'(a) exactly
            s = s * a + t
            t = t * a + c[k]
        try:
            at, slope_of_p = float(t), float(s)  # each within 2^-53 of its value, unless too small
        except OverflowError:
            continue
        if (t and not 1e-100 <= abs(at) <= 1e100) or (s and not 1e-100 <= abs(slope_of_p) <= 1e100):
            continue
        try:
            outer = slope(at)
            value = None if outer is None else outer * slope_of_p
        except (ArithmeticError, ValueError):
            continue
        if value is None or not math.isfinite(value):
            continue
        if first is None:
            first = value
        elif abs(value - first) > 1e-6 * max(abs(value), abs(first)):
            return True
    return False


def _outer(g: Expr, v: Symbol) -> tuple[Slope, list[Fraction]] | None:
    """(F', p's coefficients) for g = F(p(x)); F' gives None outside the part of its domain where
    its float value is well within 1e-12 of the true one."""
    kind = type(g)
    if kind is Call and len(g.children) == 1:
        slope: Slope | None = _SLOPES.get(g.name)  # type: ignore[attr-defined]
        inner = g.children[0]
    elif kind is Pow:
        base, exponent = g.children
        r = coefficients(exponent, v)
        if r is not None and len(r) == 1 and depends(base, v):  # p^r for a number r
            slope, inner = _power_slope(r[0]), base
        elif not depends(base, v):  # b^p for a number b > 0
            b = math.e if base == _E else _positive_number(base)
            if b is None:
                return None
            slope, inner = _exponential_slope(b), exponent
        else:
            return None
    else:
        return None
    if slope is None:
        return None
    c = coefficients(inner, v)
    return None if c is None else (slope, c)


def _positive_number(expr: Expr) -> float | None:
    """The base b of b^p as a float, when it is a positive number a float holds (not 10^999)."""
    if type(expr) is Number and expr.value > 0:  # type: ignore[attr-defined]
        try:
            return float(expr.value)  # type: ignore[attr-defined]
        except OverflowError:
            return None  # cannot tell: the derivative is written and looked at, as without this filter
    return None


def _power_slope(r: Fraction) -> Slope | None:
    if r in (0, 1) or abs(r) > 100:
        return None
    whole = r.denominator == 1
    rf = float(r)

    def slope(x: float) -> float | None:  # d/dt t^r = r*t^(r - 1): for t > 0 (t != 0 for a whole r)
        if x <= 0 and not (whole and x):
            return None
        return rf * (x ** (rf - 1) if not whole else x ** (int(r) - 1))
    return slope


def _exponential_slope(b: float) -> Slope | None:
    if not 0 < b < math.inf:
        return None  # a base past a float's range: 6e-386 is 0.0 as a float, with no logarithm
    log_b = math.log(b)
    if abs(log_b) < 1e-3:
        return None  # b near 1: ln(b) of a float b is not within 1e-12 of ln(b)

    def slope(x: float) -> float | None:  # d/dt b^t = ln(b)*b^t, for |t*ln(b)| <= 50
        return log_b * math.exp(x * log_b) if abs(x * log_b) <= 50 else None
    return slope


def _sin_slope(x: float) -> float | None:  # cos(t), away from its zeros
    return math.cos(x) if abs(x) <= 100 and abs(math.cos(x)) >= 0.1 else None


def _cos_slope(x: float) -> float | None:
    return -math.sin(x) if abs(x) <= 100 and abs(math.sin(x)) >= 0.1 else None


def _tan_slope(x: float) -> float | None:
    return 1 / math.cos(x) ** 2 if abs(x) <= 100 and abs(math.cos(x)) >= 0.1 else None


def _sec_slope(x: float) -> float | None:  # sec(t)*tan(t)
    if abs(x) > 100 or abs(math.cos(x)) < 0.1 or abs(math.sin(x)) < 0.1:
        return None
    return math.sin(x) / math.cos(x) ** 2


def _root_slope(x: float) -> float | None:  # d/dt sqrt(t) = 1/(2*sqrt(t)), t > 0
    return 0.5 / math.sqrt(x) if x > 0 else None


def _ln_slope(x: float) -> float | None:
    return 1 / x if x > 0 else None


def _exp_slope(x: float) -> float | None:
    return math.exp(x) if abs(x) <= 50 else None


def _atan_slope(x: float) -> float | None:
    return 1 / (1 + x * x)


def _asin_slope(x: float) -> float | None:  # 1/sqrt(1 - t^2), not near t = ±1
    return 1 / math.sqrt(1 - x * x) if abs(x) <= 0.9 else None


def _acos_slope(x: float) -> float | None:
    return -1 / math.sqrt(1 - x * x) if abs(x) <= 0.9 else None


# Each F' in floats, from an input within 2^-53 of exact, has a relative error of at most
# (its condition number + a few) * 2^-53: at most 1e3 * 2^-53 inside the bounds each keeps to.
_SLOPES = {"sqrt": _root_slope, "ln": _ln_slope, "exp": _exp_slope, "sin": _sin_slope, "cos": _cos_slope,
           "tan": _tan_slope, "sec": _sec_slope, "atan": _atan_slope, "asin": _asin_slope, "acos": _acos_slope}
_SLOPE_POINTS = tuple(Fraction(a) for a in ("1/3", "2/3", "1/7", "-1/5", "3/2", "-3/2", "5/2", "-7/2", "6", "-9"))
_E = Constant("e")
