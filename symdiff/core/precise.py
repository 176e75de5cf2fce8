"""The value of a constant expression to many digits, with Python's ``decimal``.

Floats hold 16 digits, so tanh(20) - 1 (-8.5e-18) and 1 - cos(10^-9) (5e-19) come out as 0,
the same as sin(pi) does by rounding. Where a float value is that close to 0, the limit engine
asks for it again here, at 60 digits: a true 0 stays within the rounding of these digits, and
a small number shows its size and sign. SymPy is only the tests' oracle, so the elementary
functions are written here: decimal has exp, ln and sqrt; sin, cos and atan are their Taylor
series after reducing the argument, and the rest are built from those.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal

from .expr import Add, Call, Constant, Div, Expr, Log, Mul, Neg, Number, Pow, Root, Sub
from .traversal import fold, size_as_written

__all__ = ["DIGITS", "precise_value"]

DIGITS = 60
# Past this size written out a constant is not worked to many digits (each node costs a series).
_LONGEST = 400
# Arguments of sin and cos beyond 10^this are not reduced (it would need that many more digits).
_LARGEST_EXPONENT = 200

_PI = Decimal(
    "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214"
)


class _NoValue(Exception):
    """The expression has no real value, or none this module can work out."""


def precise_value(expr: Expr, digits: int = DIGITS, *, zero_is_zero: bool = False) -> Decimal | None:
    """The value of the constant ``expr`` to about ``digits`` significant digits, or None when it
    has no real value or one of its parts cannot be worked out here (an undefined function).
    A value too small for decimal (below 10^-1000000000) is 0, as floats make it, unless
    ``zero_is_zero``: then it is None, so that a 0 returned is one (0.29^(2.7*10^9) is not 0, and
    the test for a denominator 0 at every point took x^2728278355 for 0 everywhere).
    The value may lie beyond the exponents of decimal's default context: compare it, or use
    copy_abs(); abs() there would overflow (cot(4^2^21))."""
    if size_as_written(expr, _LONGEST) > _LONGEST:
        return None
    traps = [decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow]
    if zero_is_zero:
        traps.append(decimal.Underflow)
    context = decimal.Context(prec=digits + 10, Emax=10**9, Emin=-(10**9), traps=traps)
    try:
        with decimal.localcontext(context):
            value = +fold(expr, _combine)
    except (_NoValue, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Underflow,
            KeyError):
        return None
    return value if value.is_finite() else None


def _combine(node: Expr, values: list[Decimal]) -> Decimal:
    return _OPERATIONS[type(node)](node, values)


def _number(node: Expr, values: list[Decimal]) -> Decimal:
    value = node.value  # type: ignore[attr-defined]
    if type(value) is int:
        return Decimal(value)
    return Decimal(value.numerator) / Decimal(value.denominator)


def _constant(node: Expr, values: list[Decimal]) -> Decimal:
    return +_PI if node.name == "pi" else Decimal(1).exp()  # type: ignore[attr-defined]


def _power(node: Expr, values: list[Decimal]) -> Decimal:
    base, exponent = values
    if exponent == exponent.to_integral_value():
        if exponent < 0:
            _nonzero(base)
        return base ** int(exponent)
    if base <= 0:
        if base == 0 and exponent > 0:
            return Decimal(0)
        raise _NoValue  # as the evaluator: a negative base to a fractional power has no real value
    return (exponent * base.ln()).exp()


def _root(node: Expr, values: list[Decimal]) -> Decimal:
    return _real_root(values[0], node.index)  # type: ignore[attr-defined]


def _real_root(value: Decimal, index: int) -> Decimal:
    if value == 0:
        return Decimal(0)
    if value < 0:
        if index % 2 == 0:
            raise _NoValue
        return -((-value).ln() / index).exp()
    return (value.ln() / index).exp()


def _log(node: Expr, values: list[Decimal]) -> Decimal:
    value, base = values
    if value <= 0 or base <= 0 or base == 1:
        raise _NoValue
    return _positive(value).ln() / _nonzero(_positive(base).ln())


# --- the elementary functions ------------------------------------------------------------------


def _sin_cos(t: Decimal) -> tuple[Decimal, Decimal]:
    """sin t and cos t: t reduced to [-pi, pi] with as many more digits as t has whole digits."""
    if t.adjusted() > _LARGEST_EXPONENT:
        raise _NoValue
    context = decimal.getcontext()
    with decimal.localcontext() as inner:
        inner.prec = context.prec + max(0, t.adjusted()) + 5
        pi = _pi()
        turns = (t / (2 * pi)).to_integral_value()
        r = t - turns * 2 * pi
        term, s, c = r, Decimal(0), Decimal(0)
        square = r * r
        # sin: r - r^3/3! + ...; cos: 1 - r^2/2! + ...
        k = 1
        small = Decimal(10) ** -(inner.prec + 2)
        while abs(term) > small:
            s += term
            term = -term * square / ((k + 1) * (k + 2))
            k += 2
        term, k = Decimal(1), 0
        while abs(term) > small:
            c += term
            term = -term * square / ((k + 1) * (k + 2))
            k += 2
    return +s, +c


def _pi() -> Decimal:
    precision = decimal.getcontext().prec
    if precision > len(str(_PI)) - 5:
        raise _NoValue  # more digits of pi than kept here
    return +_PI


def _atan(t: Decimal) -> Decimal:
    if t < 0:
        return -_atan(-t)
    if t > 1:
        return _pi() / 2 - _atan(1 / t)
    # atan(t) = 2*atan(t/(1 + sqrt(1 + t^2))), twice, so that the series converges fast
    for _ in range(3):
        t = t / (1 + (1 + t * t).sqrt())
    result, term, k = Decimal(0), t, 1
    square = t * t
    small = Decimal(10) ** -(decimal.getcontext().prec + 2)
    while abs(term) > small:
        result += term / k
        term = -term * square
        k += 2
    return 8 * result


def _asin(t: Decimal) -> Decimal:
    if abs(t) > 1:
        raise _NoValue
    if abs(t) == 1:
        return t * _pi() / 2
    return _atan(t / (1 - t * t).sqrt())


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise _NoValue
    return _nonzero(value)


def _nonzero(value: Decimal) -> Decimal:
    """``value``, which is to be divided by or whose logarithm is taken: refused within the
    rounding of 0, where it may be a true 0 (sin(pi) comes out as 1e-70, cot(pi) as 1e70)."""
    if abs(value) <= Decimal(10) ** -(decimal.getcontext().prec - _ROUNDING_DIGITS):
        raise _NoValue
    return value


_ROUNDING_DIGITS = 20  # digits a true 0 may keep: rounding beside sizes up to 10^10


def _sigmoid(t: Decimal) -> Decimal:
    return 1 / (1 + (-t).exp())


def _tanh(t: Decimal) -> Decimal:
    e2 = (-2 * abs(t)).exp()
    result = (1 - e2) / (1 + e2)
    return result if t >= 0 else -result


_FUNCTIONS: dict[str, Callable[[Decimal], Decimal]] = {
    "sin": lambda t: _sin_cos(t)[0],
    "cos": lambda t: _sin_cos(t)[1],
    "tan": lambda t: (lambda s, c: s / _nonzero(c))(*_sin_cos(t)),
    "sec": lambda t: 1 / _nonzero(_sin_cos(t)[1]),
    "csc": lambda t: 1 / _nonzero(_sin_cos(t)[0]),
    "cot": lambda t: (lambda s, c: c / _nonzero(s))(*_sin_cos(t)),
    "asin": _asin,
    "acos": lambda t: _pi() / 2 - _asin(t),
    "atan": _atan,
    "asec": lambda t: _pi() / 2 - _asin(1 / _nonzero(t)),
    "acsc": lambda t: _asin(1 / _nonzero(t)),
    "acot": lambda t: _pi() / 2 - _atan(t),
    "sinh": lambda t: (t.exp() - (-t).exp()) / 2,
    "cosh": lambda t: (t.exp() + (-t).exp()) / 2,
    "tanh": _tanh,
    "sech": lambda t: 2 / (t.exp() + (-t).exp()),
    "csch": lambda t: 2 / _nonzero(t.exp() - (-t).exp()),
    "coth": lambda t: 1 / _nonzero(_tanh(t)),
    "asinh": lambda t: (t + (t * t + 1).sqrt()).ln() if t >= 0 else -((-t) + (t * t + 1).sqrt()).ln(),
    "acosh": lambda t: (t + (t * t - 1).sqrt()).ln() if t >= 1 else _positive(Decimal(0)),
    "atanh": lambda t: ((1 + t) / _positive(1 - t)).ln() / 2 if abs(t) < 1 else _positive(Decimal(0)),
    "exp": lambda t: t.exp(),
    "ln": lambda t: _positive(t).ln(),
    "log": lambda t: _positive(t).ln(),
    "sqrt": lambda t: t.sqrt() if t >= 0 else _positive(Decimal(0)),
    "cbrt": lambda t: _real_root(t, 3),
    "abs": abs,
    "sign": lambda t: Decimal((t > 0) - (t < 0)) if t == 0 or _nonzero(t) else Decimal(0),
    "sigmoid": _sigmoid,
    "softplus": lambda t: max(t, Decimal(0)) + (1 + (-abs(t)).exp()).ln(),
    "relu": lambda t: max(t, Decimal(0)),
    "heaviside": lambda t: Decimal(1) if t != 0 and _nonzero(t) > 0 else Decimal(0),
}


def _call(node: Expr, values: list[Decimal]) -> Decimal:
    return _FUNCTIONS[node.name](values[0])  # type: ignore[attr-defined]


def _product(node: Expr, values: list[Decimal]) -> Decimal:
    result = Decimal(1)
    for value in values:
        result *= value
    return result


_OPERATIONS: dict[type[Expr], Callable[[Expr, list[Decimal]], Decimal]] = {
    Number: _number,
    Constant: _constant,
    Add: lambda node, values: sum(values, Decimal(0)),
    Sub: lambda node, values: values[0] - values[1],
    Mul: _product,
    Div: lambda node, values: values[0] / _nonzero(values[1]),
    Neg: lambda node, values: -values[0],
    Pow: _power,
    Call: _call,
    Log: _log,
    Root: _root,
}
