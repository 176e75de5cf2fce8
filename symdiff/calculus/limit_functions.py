"""How each elementary function behaves at a limit: where it is continuous, what it does at the
edge of its domain, at its poles and jumps, and as its argument grows without bound.

``compose(name, inner, sides)`` is the limit of f(u) from the limit of u (the Composition Law
where f is continuous, and the one-sided facts elsewhere: sqrt(u) -> 0 as u -> 0+, ln(u) -> -oo
as u -> 0+, tan(u) -> oo as u -> pi/2-, e^u -> 0 as u -> -oo). ``continuous_at(name, t)`` says
whether f is continuous at the float ``t`` (direct substitution), ``smooth_at`` whether it is
also differentiable there (the derivative test for the side of approach).
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache

from ..core.evaluate import evaluate
from ..core.expr import Call, Div, Expr, Neg, Number, Sub, Symbol, number, pi
from ..core.functions import FUNCTIONS
from ..core.precise import precise_value
from ..core.printer import to_text
from .differentiate import diff
from .limit_exact import ZERO_TOLERANCE
from .limit_forms import (
    BOUNDED,
    FINITE,
    INFINITE,
    NONE,
    UNDECIDED,
    UNDEFINED,
    Law,
    LimitError,
    Trend,
    Value,
    bounded,
    finite,
    infinite,
    no_limit,
    side_sign,
    undefined,
)
from .rules import OUTER

__all__ = ["compose", "continuous_at", "smooth_at"]

_U = Symbol("u")

# The domain of each function that is not defined everywhere, as (edge, the side it is defined
# on, whether the edge itself is in the domain): sqrt is defined on [0, oo).
_EDGES: dict[str, tuple[tuple[float, int, bool], ...]] = {
    "sqrt": ((0.0, 1, True),), "ln": ((0.0, 1, False),), "log": ((0.0, 1, False),),
    "asin": ((-1.0, 1, True), (1.0, -1, True)), "acos": ((-1.0, 1, True), (1.0, -1, True)),
    "atanh": ((-1.0, 1, False), (1.0, -1, False)), "acosh": ((1.0, 1, True),),
    "asec": ((-1.0, -1, True), (1.0, 1, True)), "acsc": ((-1.0, -1, True), (1.0, 1, True)),
}  # fmt: skip
_INSIDE = {"asin": lambda t: -1 < t < 1, "acos": lambda t: -1 < t < 1, "atanh": lambda t: -1 < t < 1,
           "asec": lambda t: abs(t) > 1, "acsc": lambda t: abs(t) > 1, "acosh": lambda t: t > 1,
           "sqrt": lambda t: t > 0, "ln": lambda t: t > 0, "log": lambda t: t > 0}
_JUMPS = frozenset({"sign", "heaviside"})
_KINKS = frozenset({"abs", "relu", "cbrt"})  # continuous at 0, not differentiable there
_POLES_AT_COS_ZERO = frozenset({"tan", "sec"})
_POLES_AT_SIN_ZERO = frozenset({"cot", "csc"})
_POLES_AT_ZERO = frozenset({"coth", "csch"})
_BOUNDED_RANGES = {"sin": (-1.0, 1.0), "cos": (-1.0, 1.0), "atan": (-math.pi / 2, math.pi / 2),
                   "tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "sign": (-1.0, 1.0), "heaviside": (0.0, 1.0),
                   "acot": (0.0, math.pi), "sech": (0.0, 1.0)}
_INCREASING = frozenset({"exp", "atan", "sinh", "tanh", "cbrt", "asinh", "sigmoid", "softplus"})

_HALF_PI = Div(pi, Number(2))
# f(u) as u -> +oo and as u -> -oo: (exact value, trend sign) for a finite limit, or a word.
_AT_INFINITY: dict[str, tuple[object, object]] = {
    "exp": ("oo", (Number(0), 1)), "ln": ("oo", "undefined"), "log": ("oo", "undefined"),
    "sqrt": ("oo", "undefined"), "cbrt": ("oo", "-oo"), "abs": ("oo", "oo"),
    "sign": ((Number(1), 0), (Neg(Number(1)), 0)), "heaviside": ((Number(1), 0), (Number(0), 0)),
    "relu": ("oo", (Number(0), 0)), "atan": ((_HALF_PI, -1), (Neg(_HALF_PI), 1)),
    "acot": ((Number(0), 1), (pi, -1)), "sinh": ("oo", "-oo"), "cosh": ("oo", "oo"),
    "tanh": ((Number(1), -1), (Neg(Number(1)), 1)), "sech": ((Number(0), 1), (Number(0), 1)),
    "csch": ((Number(0), 1), (Number(0), -1)), "coth": ((Number(1), 1), (Neg(Number(1)), -1)),
    "asinh": ("oo", "-oo"), "acosh": ("oo", "undefined"), "atanh": ("undefined", "undefined"),
    "asin": ("undefined", "undefined"), "acos": ("undefined", "undefined"),
    "asec": ((_HALF_PI, -1), (_HALF_PI, 1)), "acsc": ((Number(0), 1), (Number(0), -1)),
    "sigmoid": ((Number(1), -1), (Number(0), 1)), "softplus": ("oo", (Number(0), 1)),
    "sin": ("oscillates", "oscillates"), "cos": ("oscillates", "oscillates"),
    "tan": ("poles", "poles"), "sec": ("poles", "poles"), "csc": ("poles", "poles"), "cot": ("poles", "poles"),
}  # fmt: skip


def continuous_at(name: str, t: float) -> bool:
    """Whether the function ``name`` is continuous at ``t`` (an open neighbourhood of t in its domain)."""
    inside = _INSIDE.get(name)
    if inside is not None:
        return inside(t) and all(abs(t - edge) > ZERO_TOLERANCE for edge, _, _ in _EDGES[name])
    if name in _JUMPS or name in _POLES_AT_ZERO:
        return abs(t) > ZERO_TOLERANCE
    if name in _POLES_AT_COS_ZERO:
        return abs(math.cos(t)) > ZERO_TOLERANCE
    if name in _POLES_AT_SIN_ZERO:
        return abs(math.sin(t)) > ZERO_TOLERANCE
    return True


def smooth_at(name: str, t: float) -> bool:
    """Whether the function is also differentiable (indeed analytic) at ``t``."""
    return continuous_at(name, t) and not (name in _KINKS and abs(t) <= ZERO_TOLERANCE)


def compose(name: str, exact_call: Expr, inner: Value, sides: int) -> Law:
    """The limit of f(u) from that of u. ``exact_call`` is f applied to u's exact limit."""
    if inner.kind == UNDEFINED:
        return ("undefined_part", inner)
    if inner.kind == FINITE:
        return _at_finite(name, exact_call, inner, sides)
    if inner.kind == INFINITE:
        return _at_infinity(name, inner.c)  # type: ignore[arg-type]
    rng = _BOUNDED_RANGES.get(name)
    if (inner.kind == BOUNDED and name in _INCREASING) or (name == "acot" and inner.kind == BOUNDED):
        real = FUNCTIONS[name].real
        ends = sorted((real(inner.lo), real(inner.hi)))
        return ("bounded_function", bounded(ends[0], ends[1], inner.oscillates, inner.why))
    if rng is not None and inner.kind in (BOUNDED, NONE):
        return ("bounded_function", bounded(rng[0], rng[1], False, f"{name}(u) is between {rng[0]:g} and {rng[1]:g}"))
    return (UNDECIDED, None)


def _at_finite(name: str, exact_call: Expr, inner: Value, sides: int) -> Law:
    t = inner.approx
    real = FUNCTIONS[name].real
    if continuous_at(name, t):
        value = real(t)
        return ("composition", finite(exact_call, value, *_trend(name, t, inner.trend)))
    _decline_if_only_near(name, inner)
    inside = _INSIDE.get(name)
    if inside is not None:
        return _at_edge(name, exact_call, inner, sides)
    if name in _JUMPS:
        sign = side_sign(inner.trend, sides)
        if sign is None:
            return (UNDECIDED, None)
        value = float(sign > 0) if name == "heaviside" else float(sign)
        exact_value: Expr = Number(int(abs(value))) if value >= 0 else Neg(Number(1))
        return ("jump", Value(FINITE, exact_value, value, 0, 0))
    # A pole: f(u) ~ r/(u - t) with r the residue, so f has the sign of r*(u - t).
    residue = {"tan": -1.0, "cot": 1.0, "coth": 1.0, "csch": 1.0, "sec": -1 / math.sin(t) if math.sin(t) else 1.0,
               "csc": 1 / math.cos(t) if math.cos(t) else 1.0}[name]
    if inner.c == 0:
        return ("zero_denominator", undefined(f"{name} is undefined at every point near it"))
    sign = side_sign(inner.trend, sides)
    if sign is None:
        return (UNDECIDED, None)
    return ("pole", infinite(sign if residue > 0 else -sign))


def _decline_if_only_near(name: str, inner: Value) -> None:
    """``continuous_at`` takes a value within ``ZERO_TOLERANCE`` of an edge of the domain, a jump
    or a pole for that point (sin(pi) is 1.2e-16 in floats). Where u's limit is only near it
    (sqrt(x) at 10^-30, ln(x - 1) at 1 + 10^-12), the laws below would reason with the point
    itself: the limit is declined instead. 60 digits tell the two apart."""
    t = inner.approx
    if name in _POLES_AT_COS_ZERO or name in _POLES_AT_SIN_ZERO:
        probe: Expr = Call("cos" if name in _POLES_AT_COS_ZERO else "sin", inner.exact)  # type: ignore[arg-type]
        where = f"a pole of {name},"
    else:
        edges = [edge for edge, _, _ in _EDGES.get(name, ((0.0, 0, False),)) if abs(t - edge) <= ZERO_TOLERANCE]
        if not edges:
            return
        probe = Sub(inner.exact, number(edges[0])) if edges[0] else inner.exact  # type: ignore[arg-type]
        where = f"{edges[0]:g}, where " + (f"{name} jumps," if name in _JUMPS else f"{name} has a pole," if name in
                                            _POLES_AT_ZERO else f"the domain of {name} ends,")
    distance = precise_value(probe)
    if distance is None or distance.copy_abs() <= _AT_IT:
        return
    raise LimitError(f"the limit of the argument of {name}, {to_text(inner.exact, 60)}, is so close to {where} "  # type: ignore[arg-type]
                     "that the floats symdiff's limit methods work with take it for that point, so symdiff "
                     "declines rather than risk a wrong answer")


_AT_IT = Decimal(10) ** -50  # within this at 60 digits, u's limit is the point: what is left is rounding


def _at_edge(name: str, exact_call: Expr, inner: Value, sides: int) -> Law:
    t = inner.approx
    edge = next(((e, d, closed) for e, d, closed in _EDGES[name] if abs(t - e) <= ZERO_TOLERANCE), None)
    if edge is None:
        return ("outside_domain", undefined(f"{name}(u) is not defined for u near {t:g}"))
    at, defined_side, closed = edge
    if inner.c == 0:  # u equals the edge near the point: f(u) is the constant f(edge), if defined
        if not closed:
            return ("outside_domain", undefined(f"{name}({at:g}) is not defined"))
        return ("composition", finite(exact_call, FUNCTIONS[name].real(at), 0, 0))
    sign = side_sign(inner.trend, sides)
    if sign is None:
        return (UNDECIDED, None)
    if sign != defined_side:
        side = "below" if defined_side > 0 else "above"
        return ("outside_domain", undefined(f"{name}(u) is not defined for u {side} {at:g}"))
    if not closed:  # ln(0+) = -oo, atanh(1-) = oo, atanh(-1+) = -oo
        return ("edge", infinite(-1 if name in ("ln", "log") or at < 0 else 1))
    value = FUNCTIONS[name].real(at)
    slope = _slope(name, at + defined_side * 1e-6)
    return ("edge", finite(exact_call, value, (1 if slope > 0 else -1) * sign, 0))


def _at_infinity(name: str, sign: int) -> Law:
    outcome = _AT_INFINITY[name][0 if sign > 0 else 1]
    word = "oo" if sign > 0 else "-oo"
    if outcome == "oo":
        return ("function_at_infinity", infinite(1))
    if outcome == "-oo":
        return ("function_at_infinity", infinite(-1))
    if outcome == "undefined":
        return ("outside_domain", undefined(f"{name}(u) is not defined as u -> {word}"))
    if outcome == "oscillates":
        return ("oscillation", bounded(-1.0, 1.0, True, f"{name}(u) oscillates between -1 and 1 as u -> {word}"))
    if outcome == "poles":
        return ("oscillation", no_limit(f"{name}(u) has no limit as u -> {word}: it has a pole in every period"))
    value, trend = outcome  # type: ignore[misc]
    return ("function_at_infinity", finite(value, evaluate(value), trend, 0))  # type: ignore[arg-type]


@cache
def _derivatives(name: str) -> tuple[Expr, Expr]:
    first = OUTER[name].derivative(_U)
    return first, diff(first, _U)


def _slope(name: str, t: float) -> float:
    return evaluate(_derivatives(name)[0], u=t)


def _trend(name: str, t: float, inner: Trend) -> Trend:
    """The trend of f(u) when u -> t with the trend ``inner``: by the sign of f'(t), else f''(t)."""
    c, p = inner
    if c == 0:
        return (0, 0)
    if c is None:
        return (None, 0)
    if not smooth_at(name, t):
        if name == "abs" and abs(t) <= ZERO_TOLERANCE:
            return (1, 0)
        return (c, p) if name == "cbrt" else (None, 0)
    first, second = _derivatives(name)
    try:
        slope = evaluate(first, u=t)
        if abs(slope) > ZERO_TOLERANCE:
            return (c if slope > 0 else -c, p)
        curve = evaluate(second, u=t)
    except (ArithmeticError, ValueError):  # EvaluationError is a ValueError
        return (None, 0)
    if abs(curve) > ZERO_TOLERANCE:
        return (1 if curve > 0 else -1, 0)
    return (None, 0)

