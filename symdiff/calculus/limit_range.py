"""Constants the limit methods' floats cannot tell apart from 0 or 1, or cannot hold.

The limit engine decides signs, sizes and forms in floats. A constant of the expression that
is not 0 or 1 but is 0.0 or 1.0 in floats (e^-1000, 1 + 10^-20, ln(1 + 10^-20)), or that no
float holds (e^1000), would be reasoned with as what it is not: e^-1000*x at oo came out 0,
(1 + 10^-20)^x at oo came out 1, e^1000*x at 0 "does not exist". Such a limit is declined
before the engine starts; so is one at a point within ``ZERO_TOLERANCE`` of 0 or 1, where the
engine's checks of continuity take the point for the edge of a domain (sqrt(x) at 10^-30 came
out "does not exist").
"""

from __future__ import annotations

from decimal import Decimal

from ..core.errors import SymdiffError
from ..core.expr import Expr, Neg, Number, Symbol
from ..core.precise import precise_value
from ..core.printer import to_text
from ..core.traversal import fold
from .limit_continuity import node_value
from .limit_exact import exact_value

__all__ = ["float_blind_constant"]

_VARYING = object()  # a part with the variable in it: no value of its own
_DECLINED = "so symdiff declines rather than risk a wrong answer"
_LARGEST = "more than a float holds (at most 1.8e308), and symdiff's limit methods work with floats"


def float_blind_constant(tree: Expr, x: Symbol) -> str | None:
    """Why a constant part of ``tree`` (one without ``x``) cannot be reasoned with in floats,
    or None when every constant part can."""
    found: list[str] = []

    def visit(node: Expr, kids: list[object]) -> object:
        if found:
            return None
        if node == x or _VARYING in kids:
            return _VARYING
        if any(kid is None for kid in kids):
            return None  # a part without a value: the engine says so in its own words
        try:
            value = node_value(node, kids)  # type: ignore[arg-type]
        except OverflowError:
            size = precise_value(node)
            if size is not None:
                found.append(f"{to_text(node, 60)} is about {_size(size)}: {_LARGEST}")
            return None
        except (SymdiffError, ArithmeticError, ValueError):
            return None
        why = _blind_to(node, value)
        if why is not None:
            found.append(why)
        return value

    fold(tree, visit)
    return f"{found[0]}, {_DECLINED}" if found else None


def _blind_to(node: Expr, value: float) -> str | None:
    """What floats take the constant ``node`` for, when it is not that; None when they see it."""
    # Exactly 0 or 1 in floats: a value only near them keeps its own float (e^-50 is 1.9e-22),
    # which the engine reasons with, working it to 60 digits where it must.
    near_zero = value == 0
    near_one = abs(value) == 1
    if not (near_zero or near_one) or (type(node) is Number and node.value in (0, 1)):  # type: ignore[attr-defined]
        return None
    try:
        written, _ = exact_value(node, value)  # 0 for sin(pi), 1 for tan(pi/4)
    except (SymdiffError, ArithmeticError, ValueError):
        return None
    if written in (_ZERO, _ONE, _MINUS_ONE):
        return None
    size = precise_value(node)
    if size is None:
        return None
    works = "the floats symdiff's limit methods work with take it for"
    if near_zero:
        about = f"about {_size(size)}" if size else "below 1e-1000000000"  # exp(-10^10): past decimal's range
        shown = " is" if type(node) is Number else f" is {about}:"
        return f"{to_text(node, 60)}{shown} so close to 0 that {works} 0"
    one = 1 if value > 0 else -1
    sign = "+" if size * one > 1 else "-"
    return f"{to_text(node, 60)} is {one} {sign} {_size(abs(abs(size) - 1))}: so close to {one} that {works} {one}"


_ZERO, _ONE, _MINUS_ONE = Number(0), Number(1), Neg(Number(1))


def _size(value: Decimal) -> str:
    """Three digits of a value beyond floats (Decimal keeps exponents past 308): 1.97e434."""
    return f"{value:.3g}".replace("e+", "e").replace("e-0", "e-")


