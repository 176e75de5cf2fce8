"""What a limit can be (``Value``), and the limit laws that combine the limits of the parts.

A part's limit is finite (with the side it approaches from), infinite (with a sign), bounded
without a known limit (sin(1/x)), known not to exist, or the part is not defined near the
point. The laws combine these: ``add``, ``multiply``, ``divide``, ``power``. Each returns the
law it used and the value, or an indeterminate form ("0/0", "oo/oo", "0*oo", "oo-oo", "1^oo",
"0^0", "oo^0") for the methods of ``limit_rules`` to resolve, or ``UNDECIDED``. The laws
for powers are in ``limit_powers``.

The *trend* of a finite limit L of f is the sign of f - L near the point, ``c * s^p``: ``c``
is +1 (f approaches from above), -1 (from below), 0 (f equals L near the point) or None
(unknown), and ``s`` is the side of the variable (+1 right, -1 left). ``p`` is 1 only in a
two-sided limit, where x - a has the trend (1, 1): below on the left, above on the right. A
law that needs the actual side where ``p`` is 1 raises ``NeedSides``, and the engine then
works the two one-sided limits out separately.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.expr import Add, Div, Expr, Mul, Neg, Number, oo
from .limit_exact import exact_value, fraction_of, rational

__all__ = [
    "BOUNDED", "FINITE", "FORMS", "INFINITE", "NONE", "UNDECIDED", "UNDEFINED", "Law", "LimitError", "NeedSides",
    "Value",
    "add", "agree", "bounded", "divide", "finite", "infinite", "multiply", "negate", "no_limit", "scaled",
    "side_sign", "sign_of", "undefined", "undefined_part", "zero_from",
]

FINITE, INFINITE, BOUNDED, NONE, UNDEFINED = "finite", "infinite", "bounded", "none", "undefined"
FORMS = ("0/0", "oo/oo", "0*oo", "oo-oo", "1^oo", "0^0", "oo^0")
UNDECIDED = "undecided"

Trend = tuple[int | None, int]


class LimitError(SymdiffError):
    """A limit symdiff cannot decide; the message names what was tried."""


class NeedSides(Exception):
    """A two-sided limit reached a point where the answer depends on the side."""


@dataclass(frozen=True, slots=True)
class Value:
    """What is known about lim f. See the module docstring for ``c`` and ``p``."""

    kind: str
    exact: Expr | None = None  # FINITE: the limit, exactly
    approx: float = 0.0  # FINITE: the limit as a float; INFINITE: +-inf
    c: int | None = None  # FINITE: the trend's sign; INFINITE: the sign of the infinity
    p: int = 0
    lo: float = -math.inf  # BOUNDED: lo <= f <= hi near the point
    hi: float = math.inf
    oscillates: bool = False  # BOUNDED: known to come near both lo and hi arbitrarily close to the point
    why: str = ""  # NONE and UNDEFINED: why; BOUNDED: what bounds it

    @property
    def is_zero(self) -> bool:
        return self.kind == FINITE and self.approx == 0

    @property
    def trend(self) -> Trend:
        return (self.c, self.p)

    def expr(self) -> Expr | None:
        """The value as an expression (a number, oo, -oo), or None when there is none."""
        if self.kind == FINITE:
            return self.exact
        if self.kind == INFINITE:
            return oo if self.c == 1 else Neg(oo)
        return None

    def text(self) -> str:
        value = self.expr()
        if value is not None:
            return str(value)
        if self.kind == BOUNDED:
            return f"bounded, between {self.lo:g} and {self.hi:g}"
        return "does not exist" if self.kind == NONE else "not defined"


Law = tuple[str, Value | None]  # (the law used, the value), or (a form or UNDECIDED, None)


def finite(value: Expr, approx: float, c: int | None = None, p: int = 0) -> Value:
    """A finite limit: ``value`` written exactly, and ``approx`` made exact too where the value is
    rational (tan(pi/4) is 1, not 0.9999999999999999, so that 1^oo is seen as such) or a float's
    rounding away from its true value (tanh(20) - 1 is -8.5e-18, not 0)."""
    written, approx = exact_value(value, approx)
    return Value(FINITE, written, approx, c, p)


def infinite(sign: int) -> Value:
    return Value(INFINITE, None, math.copysign(math.inf, sign), sign)


def bounded(lo: float, hi: float, oscillates: bool, why: str) -> Value:
    return Value(BOUNDED, lo=lo, hi=hi, oscillates=oscillates, why=why)


def no_limit(why: str) -> Value:
    return Value(NONE, why=why)


def undefined(why: str) -> Value:
    return Value(UNDEFINED, why=why)


# --- trends -------------------------------------------------------------------------------------


def sign_of(value: float) -> int:
    return (value > 0) - (value < 0)


def scaled(trend: Trend, sign: int) -> Trend:
    c, p = trend
    return (None if c is None else c * sign, p)


def times(a: Trend, b: Trend) -> Trend:
    if a[0] is None or b[0] is None:
        return (None, 0)
    return (a[0] * b[0], (a[1] + b[1]) % 2)


def agree(trends: list[Trend]) -> Trend:
    """The trend of a sum of parts with these trends: known when all non-zero ones agree."""
    if any(c is None for c, _ in trends):
        return (None, 0)
    moving = {(c, p) for c, p in trends if c}
    if not moving:
        return (0, 0)
    return moving.pop() if len(moving) == 1 else (None, 0)


def sign_near(value: Value) -> Trend:
    """The sign of f itself near the point (for f -> L != 0, that of L)."""
    if value.kind == INFINITE:
        return (value.c, 0)
    if value.approx:
        return (sign_of(value.approx), 0)
    return value.trend


def side_sign(trend: Trend, sides: int) -> int | None:
    """The sign ``c * s^p`` on the side ``sides`` (+1, -1; 0 for both, where p = 1 needs the side)."""
    c, p = trend
    if c is None:
        return None
    if p and c:
        if not sides:
            raise NeedSides
        return c * sides
    return c


# --- the laws -----------------------------------------------------------------------------------


def _known(value: Expr, approx: float, trend: Trend, q: Fraction | None) -> Value:
    """A finite value: from the rational ``q`` when the parts were rational (no simplifier)."""
    if q is not None:
        return Value(FINITE, rational(q), float(q), *trend)
    return finite(value, approx, *trend)


def _rationals(values: list[Value]) -> list[Fraction] | None:
    found = [fraction_of(v.exact) for v in values]  # type: ignore[arg-type]
    return None if None in found else found  # type: ignore[return-value]


def negate(v: Value) -> Value:
    if v.kind == FINITE:
        q = fraction_of(v.exact)  # type: ignore[arg-type]
        return _known(Neg(v.exact), -v.approx, scaled(v.trend, -1), None if q is None else -q)  # type: ignore[arg-type]
    if v.kind == INFINITE:
        return infinite(-v.c)  # type: ignore[operator]
    if v.kind == BOUNDED:
        return replace(v, lo=-v.hi, hi=-v.lo)
    return v


def add(values: list[Value]) -> Law:
    """The Sum Law, and sums with infinite or bounded terms."""
    stop = undefined_part(values, "sum")
    if stop is not None:
        return stop
    if any(v.kind == NONE for v in values):
        # f + g with g -> L: f = (f + g) - g would have a limit. Beside anything else (x^2*sin(x) + x),
        # a part without a limit decides nothing.
        if sum(v.kind == NONE for v in values) == 1 and all(v.kind in (NONE, FINITE) for v in values):
            return ("no_limit_sum", next(v for v in values if v.kind == NONE))
        return (UNDECIDED, None)
    infinite_signs = {v.c for v in values if v.kind == INFINITE}
    if len(infinite_signs) > 1:
        return ("oo-oo", None)
    if infinite_signs:
        return ("infinite_sum", infinite(infinite_signs.pop()))
    finite_values = [v for v in values if v.kind == FINITE]
    total = math.fsum(v.approx for v in finite_values)
    boundeds = [v for v in values if v.kind == BOUNDED]
    if boundeds:
        lo = total + math.fsum(v.lo for v in boundeds)
        hi = total + math.fsum(v.hi for v in boundeds)
        oscillates = len(boundeds) == 1 and boundeds[0].oscillates
        return ("bounded_sum", bounded(lo, hi, oscillates, boundeds[0].why))
    trend = agree([v.trend for v in finite_values])
    terms = [v.exact for v in finite_values]
    parts = _rationals(finite_values)
    q = None if parts is None else sum(parts, Fraction(0))
    return ("sum", _known(terms[0] if len(terms) == 1 else Add(*terms), total, trend, q))  # type: ignore[arg-type]


def multiply(values: list[Value]) -> Law:
    """The Product Law, products with infinite factors, and the squeeze for bounded * 0."""
    stop = undefined_part(values, "product")
    if stop is not None:
        return stop
    if any(v.is_zero and v.c == 0 for v in values):  # x*0, (x - x)*tan(x): 0 wherever it is defined
        return ("zero_product", zero_from((0, 0)))
    zeros = [v for v in values if v.is_zero]
    infinities = [v for v in values if v.kind == INFINITE]
    boundeds = [v for v in values if v.kind == BOUNDED]
    if any(v.kind == NONE for v in values):
        if sum(v.kind == NONE for v in values) == 1 and all(v.kind == FINITE and v.approx for v in values
                                                           if v.kind != NONE):
            return ("no_limit_product", next(v for v in values if v.kind == NONE))
        return (UNDECIDED, None)
    if zeros and infinities:
        return ("0*oo", None)
    if zeros and boundeds:
        if infinities:
            return (UNDECIDED, None)
        # |u*v| <= M*|u| -> 0. Its side is known only if every factor keeps its sign.
        return ("squeeze", zero_from((None, 0)))
    if infinities:
        sign = 1
        for v in values:
            if v.kind == BOUNDED:
                if v.lo > 0:
                    continue
                if v.hi < 0:
                    sign = -sign
                    continue
                if v.oscillates and v.lo < 0 < v.hi:
                    return ("unbounded_oscillation", no_limit("it oscillates with growing size"))
                return (UNDECIDED, None)
            sign *= v.c if v.kind == INFINITE else sign_of(v.approx)  # type: ignore[operator]
        return ("infinite_product", infinite(sign))
    if boundeds:
        lo, hi = 1.0, 1.0
        for v in values:
            a, b = (v.lo, v.hi) if v.kind == BOUNDED else (v.approx, v.approx)
            corners = [lo * a, lo * b, hi * a, hi * b]
            lo, hi = min(corners), max(corners)
        oscillates = len(boundeds) == 1 and boundeds[0].oscillates
        return ("bounded_product", bounded(lo, hi, oscillates, boundeds[0].why))
    return ("product", _finite_product(values))


def _finite_product(values: list[Value]) -> Value:
    value, trend = values[0], values[0].trend
    approx, product_value = value.approx, value.exact
    for v in values[1:]:
        # f*g - L*M = (f - L)*g + L*(g - M)
        parts = [times(trend, sign_near(v))]
        if approx:
            parts.append(scaled(v.trend, sign_of(approx)))
        trend = agree(parts)
        approx *= v.approx
        product_value = Mul(product_value, v.exact)  # type: ignore[arg-type]
    parts = _rationals(values)
    return _known(product_value, approx, trend, None if parts is None else math.prod(parts, start=Fraction(1)))  # type: ignore[arg-type]


def divide(u: Value, v: Value, sides: int) -> Law:
    """The Quotient Law, c/0 by the sign of the denominator, c/oo = 0, and bounded/oo = 0."""
    stop = undefined_part([u, v], "quotient")
    if stop is not None:
        return stop
    if v.kind == FINITE and v.approx:
        if u.kind == FINITE:
            # f/g - L/M has the sign of (f - L)*M - L*(g - M) (g*M > 0 near the point)
            trend = agree([scaled(u.trend, sign_of(v.approx)), scaled(v.trend, -sign_of(u.approx))])
            parts = _rationals([u, v])
            q = None if parts is None else parts[0] / parts[1]
            return ("quotient", _known(Div(u.exact, v.exact), u.approx / v.approx, trend, q))  # type: ignore[arg-type]
        if u.kind == INFINITE:
            return ("infinite_quotient", infinite(u.c * sign_of(v.approx)))  # type: ignore[operator]
        if u.kind == BOUNDED:
            ends = sorted((u.lo / v.approx, u.hi / v.approx))
            return ("bounded_product", bounded(ends[0], ends[1], u.oscillates, u.why))
        return ("no_limit_product", u) if u.kind == NONE else (UNDECIDED, None)
    if v.kind == FINITE:  # v -> 0
        if u.is_zero:
            return ("0/0", None)
        if v.c == 0:
            return ("zero_denominator", undefined("the denominator is 0 at every point near it"))
        if u.kind == BOUNDED:
            if u.oscillates and u.lo < 0 < u.hi:
                return ("unbounded_oscillation", no_limit("it oscillates with growing size"))
            return (UNDECIDED, None)
        if u.kind not in (FINITE, INFINITE) or v.c is None:
            return (UNDECIDED, None)
        side = side_sign(v.trend, sides)
        top = u.c if u.kind == INFINITE else sign_of(u.approx)
        return ("one_sided_sign", infinite(top * side))  # type: ignore[operator]
    if v.kind == INFINITE:
        if u.kind == INFINITE:
            return ("oo/oo", None)
        if u.kind == FINITE:
            trend = times(sign_near(u), (v.c, 0))
            return ("reciprocal_of_infinity", zero_from(trend))
        if u.kind == BOUNDED:
            return ("squeeze", zero_from((None, 0)))
    return (UNDECIDED, None)


def undefined_part(values: list[Value], what: str) -> Law | None:
    for v in values:
        if v.kind == UNDEFINED:
            return ("undefined_part", v)
    return None


def zero_from(trend: Trend) -> Value:
    """The limit 0, approached with this trend."""
    return Value(FINITE, Number(0), 0.0, *trend)
