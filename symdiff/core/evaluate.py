"""Evaluating an expression at a point with Python floats, by walking the tree.

No text is ever compiled or evaluated: each node kind has an entry in ``_EVALUATORS``.
A value that is not a real number (a logarithm of a negative, a division by zero, an
overflow) raises ``EvaluationError`` naming the subexpression, instead of giving inf or nan.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction

from .errors import EvaluationError, quote
from .expr import (
    Add,
    Call,
    Constant,
    Derivative,
    Div,
    Expr,
    Infinity,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
)
from .functions import FUNCTIONS
from .operators import worked_out
from .traversal import fold

__all__ = ["POLE_FUNCTIONS", "evaluate", "node_value", "real_root"]

CONSTANT_VALUES = {"pi": math.pi, "e": math.e}


def evaluate(expr: Expr, values: object = None, /, **kwargs: float) -> float:
    """The value of ``expr`` with its symbols set by ``values`` (names or Symbols as keys)."""
    point = _point(values, kwargs)
    expr = worked_out(expr)

    def combine(node: Expr, args: list[float]) -> float:
        try:
            result = _EVALUATORS[type(node)](node, args, point)
        except (ZeroDivisionError, OverflowError, ValueError) as error:
            if isinstance(error, EvaluationError):
                raise
            if type(node) is Number:
                raise _NumberTooLarge from None
            raise EvaluationError(_why(node, args, error)) from None
        if isinstance(result, complex) or not math.isfinite(result):
            raise EvaluationError(not_finite_message(node, result))
        if abs(result) > _NEAR_POLE and type(node) is Call and node.name in _POLE_PROBES:
            return _near_pole(node, args[0], result)
        return result

    def combine_exactly(node: Expr, args: list[float | Fraction]) -> float | Fraction:
        """Numbers and their sums, differences, products and quotients kept exact; the rest as
        ``combine`` does it."""
        kind = type(node)
        if kind is Number:
            return Fraction(node.value)  # type: ignore[attr-defined]
        if kind in _EXACT and all(type(arg) is Fraction for arg in args):
            try:
                return _EXACT[kind](args)  # type: ignore[arg-type]
            except ZeroDivisionError:
                raise EvaluationError(f"division by zero in {_short(node)}: the denominator is 0 here") from None
        floats = []
        for child, arg in zip(node.children, args, strict=True):
            try:
                floats.append(float(arg))
            except OverflowError:
                raise EvaluationError(f"{_short(child)} is too large for a float here") from None
        return combine(node, floats)

    try:
        return fold(expr, combine)
    except _NumberTooLarge:
        # A number beyond floats (1e324) may still be part of one that is not: the simplifier
        # writes 9e-324 as 9/1e324. Worked out exactly, it is the float it stands for.
        value = fold(expr, combine_exactly)
        try:
            return float(value)
        except OverflowError:
            raise EvaluationError(f"{_short(expr)} is too large for a float here") from None


# tan(pi/2) is 1.6e16 in floats, cot(pi) -8.2e15, tan(pi/2 + 10^-30) 1.6e16 where it is -1e30:
# a trigonometric value this large may be a pole, or a value near one, that rounding the
# argument hid. A constant argument is worked to 60 digits to tell (a float argument near a
# pole, tan(1.5707963267948966), has that large value: it is the float's own).
_NEAR_POLE = 1e12
_POLE_PROBES = {"tan": "cos", "sec": "cos", "cot": "sin", "csc": "sin"}
POLE_FUNCTIONS = frozenset(_POLE_PROBES)  # the ones whose constant values lambdify and backprop take from here


def _near_pole(node: Call, argument: float, result: float) -> float:
    from .precise import precise_value  # 60 digits only here: not loaded with symdiff

    probe = _POLE_PROBES[node.name]
    if probe == "sin" and 0 < abs(argument) < 1e-10:
        return result  # cot(10^-55): a tiny argument is its own size in floats, and so is 1e55
    distance = precise_value(Call(probe, node.argument))
    if distance is None:  # a symbol's float in it, or no value at 60 digits: the float stands
        return result
    if distance.copy_abs() <= Decimal(10) ** -50:
        raise EvaluationError(f"{_short(node)} has no value a float can hold: its argument is a pole of {node.name}, "
                              "or within 10^-50 of one")
    precise = precise_value(node)
    if precise is None:
        return result
    try:
        return float(precise)
    except OverflowError:
        raise EvaluationError(f"{_short(node)} is too large for a float here") from None


class _NumberTooLarge(Exception):
    """A number in the tree is beyond floats (evaluated again with exact numbers)."""


_EXACT: dict[type[Expr], Callable[[list[Fraction]], Fraction]] = {
    Add: sum,  # type: ignore[dict-item]
    Sub: lambda args: args[0] - args[1],
    Mul: math.prod,  # type: ignore[dict-item]
    Div: lambda args: args[0] / args[1],
    Neg: lambda args: -args[0],
}


def _point(values: object, kwargs: Mapping[str, float]) -> dict[str, float]:
    point: dict[str, float] = {}
    items = list(values.items()) if isinstance(values, Mapping) else []
    if values is not None and not isinstance(values, Mapping):
        raise EvaluationError("values must be a mapping from names or Symbols to numbers")
    for key, value in [*items, *kwargs.items()]:
        name = key.name if isinstance(key, Symbol) else key
        if not isinstance(name, str):
            raise EvaluationError(f"cannot set a value for {quote(key)}: keys are names or Symbols")
        try:
            if isinstance(value, (bool, str, bytes)):  # float() would take True, "1" and b"1"
                raise TypeError
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise EvaluationError(f"the value for {name} must be a real number, not {quote(value)}") from None
        except OverflowError:
            raise EvaluationError(
                f"the value for {name} is too large for floating point (at most about 1.8e308)"
            ) from None
        if not math.isfinite(number):
            raise EvaluationError(f"the value for {name} must be a finite real number, not {quote(value)}")
        point[name] = number
    return point


def _symbol(node: Expr, args: list[float], point: dict[str, float]) -> float:
    name = node.name  # type: ignore[attr-defined]
    if name not in point:
        raise EvaluationError(f"no value given for {name}")
    return point[name]


def _call(node: Expr, args: list[float], point: dict[str, float]) -> float:
    return FUNCTIONS[node.name].real(args[0])  # type: ignore[attr-defined]


def _undefined(node: Expr, args: list[float], point: dict[str, float]) -> float:
    raise EvaluationError(f"{_short(node)} uses the undefined function {node.name}, which has no value")  # type: ignore[attr-defined]


def _log(node: Expr, args: list[float], point: dict[str, float]) -> float:
    value, base = args
    if value <= 0 or base <= 0 or base == 1:
        raise ValueError("log domain")
    return math.log(value) / math.log(base)


def real_root(value: float, index: int) -> float:
    """The real ``index``-th root: odd roots of negatives are negative, even ones are refused."""
    if index == 3:
        return math.cbrt(value)
    if value < 0:
        if index % 2 == 0:
            raise ValueError("even root of a negative")
        return -((-value) ** (1.0 / index))
    return value ** (1.0 / index)


def _written_derivative(node: Expr, args: list[float], point: dict[str, float]) -> float:
    # evaluate() works a written derivative out first; a value of the operand alone cannot give it.
    raise EvaluationError(f"{_short(node)} is a derivative to work out first: symdiff.simplify gives its value")


def _infinity(node: Expr, args: list[float], point: dict[str, float]) -> float:
    raise EvaluationError("oo (infinity) is not a number: it has no value to compute with (symdiff.limit takes it)")


def _product(node: Expr, args: list[float], point: dict[str, float]) -> float:
    return math.prod(args)


_EVALUATORS: dict[type[Expr], Callable[[Expr, list[float], dict[str, float]], float]] = {
    Number: lambda node, args, point: float(node.value),  # type: ignore[attr-defined]
    Symbol: _symbol,
    Constant: lambda node, args, point: CONSTANT_VALUES[node.name],  # type: ignore[attr-defined]
    Add: lambda node, args, point: math.fsum(args),
    Sub: lambda node, args, point: args[0] - args[1],
    Mul: _product,
    Div: lambda node, args, point: args[0] / args[1],
    Neg: lambda node, args, point: -args[0],
    Pow: lambda node, args, point: args[0] ** args[1],
    Call: _call,
    UndefinedCall: _undefined,
    Log: _log,
    Root: lambda node, args, point: real_root(args[0], node.index),  # type: ignore[attr-defined]
    Derivative: _written_derivative,
    Infinity: _infinity,
}


def node_value(node: Expr, args: list[float]) -> float | complex:
    """One node's float value from its children's, with no variables set: the evaluator's own
    table, for a walk that keeps more than the value (``algebra.defined`` keeps the largest
    magnitude met). It raises as Python does (ValueError, ArithmeticError) or EvaluationError,
    and a power may be complex."""
    return _EVALUATORS[type(node)](node, args, {})


def not_finite_message(node: Expr, value: object) -> str:
    """Why a node's float is not a finite real number: an infinite float is a value too large for
    floats as often as a pole, so neither is claimed."""
    if isinstance(value, float) and math.isinf(value):
        return f"{_short(node)} is infinite or too large for a float at this point"
    return f"{_short(node)} has no finite real value at this point"


def _why(node: Expr, args: list[float], error: Exception) -> str:
    if isinstance(error, OverflowError):  # exp(800) is a number, too large for a float
        return f"{_short(node)} is too large for a float here"
    if isinstance(node, Call):
        info = FUNCTIONS[node.name]
        why = f"{node.name}({_number(args[0])}) is undefined: {node.name} {info.domain}"
        # ln(1 - sigmoid(40)): the argument is 4e-18, rounded to 0 by the subtraction
        rounded = _rounded_to_zero(node.children[0], args[0], "its argument")
        return f"{why}; {rounded}" if rounded else why
    if isinstance(node, Log):
        return (
            f"{_short(node)} is undefined here: a logarithm needs a positive argument (here {_number(args[0])}) "
            f"and a positive base other than 1 (here {_number(args[1])})"
        )
    if isinstance(node, Root):
        return f"{_short(node)} is undefined here: an even root needs a non-negative argument, not {_number(args[0])}"
    if isinstance(node, Div):  # 1/(1 - tanh(40)): the denominator is 3.6e-35, rounded to 0
        rounded = _rounded_to_zero(node.children[1], args[1], "the denominator")
        return f"division by zero in {_short(node)}: {rounded or 'the denominator is 0 here'}"
    if isinstance(node, Pow) and isinstance(error, ZeroDivisionError):
        rounded = _rounded_to_zero(node.children[0], args[0], "the base")
        return f"{_short(node)} divides by zero: 0 to a negative power" + (f"; {rounded}" if rounded else "")
    if isinstance(error, OverflowError):
        return f"{_short(node)} is too large for a float here"
    return f"{_short(node)} has no real value here ({error})"


def _rounded_to_zero(part: Expr, value: float, called: str) -> str:
    """What to add where a part worked out to 0 in floats (not given as 0): a small number
    rounded off gives 0 too, and then the value may well exist."""
    if value != 0 or not part.children:
        return ""
    return f"{called} {_short(part, 30)} is 0 here in floats, which a small number rounded off gives too"


def _number(value: float) -> str:
    """Six digits when they are the float (2, 0.5), else all it needs: asin(1.0000001) is not asin(1)."""
    if value == 0:
        return "0"  # not -0
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


def _short(node: Expr, limit: int = 60) -> str:
    text = str(node)
    return text if len(text) <= limit else text[: limit - 1] + "…"
