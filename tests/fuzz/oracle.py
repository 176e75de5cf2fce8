"""Independent values to check symdiff's against: an mpmath evaluator of trees (real numbers
only, as symdiff), the numeric derivative, and tolerant comparisons.

Two floating-point evaluations of equal expressions can differ by rounding (most of all after
cancellation), so a difference in floats is only a defect if it survives evaluation of both
sides with mpmath at a precision that covers the largest intermediate value.
"""

from __future__ import annotations

import math

import mpmath

from symdiff import Add, Call, Constant, Div, Expr, Log, Mul, Neg, Number, Pow, Root, Sub, Symbol
from symdiff.core.traversal import fold


class Undefined(Exception):
    """The expression has no real value at the point (mpmath's view)."""


def _call(name: str, u):
    mp = mpmath.mp
    if name in ("sin", "cos", "atan", "sinh", "cosh", "tanh", "exp"):
        return getattr(mp, name)(u)
    if name == "tan":
        c = mp.cos(u)
        if c == 0:
            raise Undefined
        return mp.sin(u) / c
    if name in ("sec", "csc", "cot"):
        c, s = mp.cos(u), mp.sin(u)
        denominator = c if name == "sec" else s
        if denominator == 0:
            raise Undefined
        return 1 / c if name == "sec" else 1 / s if name == "csc" else c / s
    if name in ("asin", "acos"):
        if abs(u) > 1:
            raise Undefined
        return getattr(mp, name)(u)
    if name in ("log", "ln"):
        if u <= 0:
            raise Undefined
        return mp.log(u)
    if name == "sqrt":
        if u < 0:
            raise Undefined
        return mp.sqrt(u)
    if name == "abs":
        return abs(u)
    if name == "sigmoid":
        return 1 / (1 + mp.exp(-u))
    if name == "softplus":
        return mp.log(1 + mp.exp(u))
    if name == "relu":
        return u if u > 0 else mp.mpf(0)
    if name == "heaviside":
        return mp.mpf(1) if u > 0 else mp.mpf(0)
    if name == "sign":
        return mp.mpf((u > 0) - (u < 0))
    if name == "cbrt":
        return _real_root(u, 3)
    if name in ("asec", "acsc"):  # acos(1/u) and asin(1/u), for |u| >= 1
        if abs(u) < 1:
            raise Undefined
        return mp.acos(1 / u) if name == "asec" else mp.asin(1 / u)
    if name == "acot":  # the range (0, pi)
        return mp.pi / 2 - mp.atan(u)
    if name in ("sech", "csch", "coth"):
        if name != "sech" and u == 0:
            raise Undefined
        return {"sech": mp.sech, "csch": mp.csch, "coth": mp.coth}[name](u)
    if name == "asinh":
        return mp.asinh(u)
    if name == "acosh":
        if u < 1:
            raise Undefined
        return mp.acosh(u)
    if name == "atanh":
        if abs(u) >= 1:
            raise Undefined
        return mp.atanh(u)
    raise Undefined


def _real_root(u, n: int):
    if u < 0:
        if n % 2 == 0:
            raise Undefined
        return -mpmath.mp.root(-u, n)
    return mpmath.mp.root(u, n)


def _rounding_zero(u) -> bool:
    """Whether ``u`` is zero but for rounding at the working precision (sin(pi) is 1e-60 at 60
    digits, and less at more): a log of it, or a negative power, depends on the precision, so the
    function has no value there to compare with (issue 16: sin(pi)^x at x = -0.73)."""
    return abs(u) < 1000 * mpmath.mp.eps


def _log(u, b):
    if u <= 0 or b <= 0 or b == 1 or _rounding_zero(u) or _rounding_zero(b):
        raise Undefined
    return mpmath.mp.log(u) / mpmath.mp.log(b)


def _power(a, b):
    mp = mpmath.mp
    if a == 0:
        if b < 0:
            raise Undefined
        return mp.mpf(1) if b == 0 else mp.mpf(0)
    if b < 0 and _rounding_zero(a):
        raise Undefined
    if a < 0:
        if b != mp.floor(b):
            raise Undefined
        return mp.power(a, int(b))
    return mp.power(a, b)


def _evaluate(expr: Expr, values: dict[str, object], biggest: list | None = None) -> object:
    def combine(node: Expr, args: list) -> object:
        if type(node) is Symbol:
            if node.name not in values:
                raise Undefined
            value = values[node.name]
        else:
            value = _combine_mp(node, args)
        if isinstance(value, mpmath.mpc) or not mpmath.isfinite(value):
            raise Undefined
        if biggest is not None and abs(value) > biggest[0]:
            biggest[0] = abs(value)
        return value

    return fold(expr, combine)


def mp_value(expr: Expr, point: dict[str, float], dps: int = 60) -> tuple[object, float]:
    """``expr`` at ``point`` with ``dps`` digits, and the largest magnitude of any subexpression.
    Raises ``Undefined`` where it has no real value."""
    biggest = [mpmath.mpf(0)]
    with mpmath.workdps(dps):
        value = _evaluate(expr, {k: mpmath.mpf(v) for k, v in point.items()}, biggest)
        return +value, float(biggest[0]) if biggest[0] < 1e308 else math.inf


def precise_value(expr: Expr, point: dict[str, float]):
    """``mp_value`` at a precision that covers cancellation among its largest intermediates."""
    value, biggest = mp_value(expr, point)
    if biggest > 1e40 or not math.isfinite(biggest):
        digits = 60 + (309 if not math.isfinite(biggest) else int(math.log10(biggest)))
        value, biggest = mp_value(expr, point, min(digits, 1500))
    return value, biggest


def close(a, b, biggest: float = 0.0, rel: float = 1e-9) -> bool:
    a, b = float(a), float(b)
    if a == b:
        return True
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= rel * max(abs(a), abs(b)) + 1e-12 * biggest + 1e-300


def mp_close(a, b, rel: float = 1e-12) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), mpmath.mpf(10) ** -40)


ORACLE_WORK = 200_000  # distinct nodes times digits past which the numeric derivative is not taken


def _distinct_nodes(expr: Expr) -> int:
    seen, stack = {id(expr)}, [expr]
    while stack:
        for child in stack.pop().children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def numeric_derivative(expr: Expr, point: dict[str, float], name: str):
    """d expr / d name at ``point`` by mpmath's numeric differentiation, with 60 digits more
    than the largest intermediate value needs."""
    _, biggest = mp_value(expr, point)
    # the step is about the square root of the working precision: twice the magnitude's digits
    digits = 60 + 2 * (309 if not math.isfinite(biggest) else max(0, int(math.log10(biggest or 1))))
    if _distinct_nodes(expr) * digits > ORACLE_WORK:
        # The oracle's own time, not symdiff's: sin nested 930 deep with a 1.5e308 in it needs
        # 676 digits, and mpmath took 2.2 s per point (the seed-2038 run's HANG in the diff stage).
        raise Undefined
    with mpmath.workdps(min(digits, 3000)):
        values = {k: mpmath.mpf(v) for k, v in point.items()}

        def at(t):
            return _evaluate(expr, {**values, name: t})

        return mpmath.diff(at, values[name])


def _combine_mp(node: Expr, args: list) -> object:
    kind = type(node)
    if kind is Number:
        return mpmath.mpf(node.value.numerator) / node.value.denominator
    if kind is Constant:
        return mpmath.mp.pi if node.name == "pi" else mpmath.mp.e
    if kind is Add:
        return mpmath.fsum(args)
    if kind is Sub:
        return args[0] - args[1]
    if kind is Mul:
        return mpmath.fprod(args)
    if kind is Div:
        if args[1] == 0:
            raise Undefined
        return args[0] / args[1]
    if kind is Neg:
        return -args[0]
    if kind is Pow:
        return _power(args[0], args[1])
    if kind is Call:
        return _call(node.name, args[0])
    if kind is Log:
        return _log(args[0], args[1])
    if kind is Root:
        return _real_root(args[0], node.index)
    raise Undefined  # an undefined function f(x) has no values
