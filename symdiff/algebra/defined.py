"""Constants without a real value: a division by zero, ln(0), sqrt(-1), tan(π/2).

An expression holding one has no value at any point (x + 1/0, x·ln(-1)), so it has no
derivative either; a rule that treats such a part as a constant (d/dx[c] = 0) would give an
answer, and a false one. This module finds the first such part, exactly: a denominator is
0 when its normal form is 0, a function's argument is outside its domain when it simplifies
to a rational number outside it, and a trigonometric function is at a pole when its argument
is a special angle (``special_angles.at_pole``). A part it cannot decide, it leaves alone.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.expr import Call, Derivative, Div, Expr, Infinity, Log, Pow, Root, Symbol, UndefinedCall
from ..core.printer import to_text
from ..core.traversal import fold, size_as_written
from .normal import CONSTANT, UNDEFINED_MONOMIAL, Normal
from .simplify import Simplifier, spelling
from .special_angles import at_pole, exact_special_values

__all__ = ["no_value_anywhere", "undefined_constant"]

# A constant part longer than this written out is not simplified to test it: a long constant
# is rare in what a person types, and its simplification could cost more than the derivative.
_LONGEST_TESTED = 80

# The real domain of each function that has a gap, as a test of an exact rational argument,
# with the words that complete "<name>(a) is undefined: <name> ...".
_DOMAINS: dict[str, tuple[Callable[[Fraction], bool], str]] = {
    "ln": (lambda a: a > 0, "needs a positive argument"),
    "log": (lambda a: a > 0, "needs a positive argument"),
    "sqrt": (lambda a: a >= 0, "needs a non-negative argument"),
    "asin": (lambda a: -1 <= a <= 1, "needs an argument from -1 to 1"),
    "acos": (lambda a: -1 <= a <= 1, "needs an argument from -1 to 1"),
    "asec": (lambda a: abs(a) >= 1, "needs an argument a with |a| >= 1"),
    "acsc": (lambda a: abs(a) >= 1, "needs an argument a with |a| >= 1"),
    "acosh": (lambda a: a >= 1, "needs an argument of at least 1"),
    "atanh": (lambda a: -1 < a < 1, "needs an argument strictly between -1 and 1"),
    "csch": (lambda a: a != 0, "needs a non-zero argument"),
    "coth": (lambda a: a != 0, "needs a non-zero argument"),
    "csc": (lambda a: a != 0, "needs sin(a) to be non-zero"),  # a rational sin(a) is 0 only at 0
    "cot": (lambda a: a != 0, "needs sin(a) to be non-zero"),
}  # fmt: skip

# Nodes whose value is not a number symdiff could test (a variable, f(2), oo, a written d/dx).
_NOT_CONSTANT = (Symbol, UndefinedCall, Derivative, Infinity)


def undefined_constant(expr: Expr, simplifier: Simplifier) -> str | None:
    """Why ``expr`` has no value anywhere ("1/0 divides by zero"), or None when no part of it
    is a constant without a real value. ``simplifier`` is the caller's, so that the normal
    forms found here are reused."""
    found: list[str] = []

    def visit(node: Expr, constant_children: list[bool]) -> bool:
        """Whether ``node`` is a constant; on the way, the first undefined one is recorded."""
        if found or isinstance(node, _NOT_CONSTANT):
            return False
        kind = type(node)
        if kind is Div and constant_children[1]:  # a/0 is undefined whatever a is
            if _normal(node.children[1], simplifier) == {}:
                found.append(f"{_short(node)} divides by zero")
        elif not all(constant_children):
            return False
        elif kind is Pow:
            found.extend(_power_undefined(node, simplifier))
        elif kind is Call:
            found.extend(_outside_domain(node, simplifier))
        elif kind is Log:
            found.extend(_log_outside_domain(node, simplifier))
        elif kind is Root and node.index % 2 == 0:  # type: ignore[attr-defined]
            value = _rational(node.children[0], simplifier)
            if value is not None and value < 0:
                found.append(f"{_short(node)} is undefined: an even root needs a non-negative argument")
        return all(constant_children)

    fold(expr, visit)
    return found[0] if found else None


def no_value_anywhere(expr: Expr, simplifier: Simplifier | None = None) -> str | None:
    """"<expr> has no value anywhere (<why>)" when ``expr`` holds a constant without a real
    value, for the caller to finish ("..., so it has no derivative"); else None."""
    why = undefined_constant(expr, Simplifier(**spelling(expr)) if simplifier is None else simplifier)
    return None if why is None else f"{to_text(expr, 60)} has no value anywhere ({why})"


def _outside_domain(node: Call, simplifier: Simplifier) -> list[str]:
    if node.name in _DOMAINS:
        value = _rational(node.argument, simplifier)
        accepts, needs = _DOMAINS[node.name]
        if value is not None and not accepts(value):
            return [f"{_short(node)} is undefined: {node.name} {needs}"]
    if at_pole(node):
        return [f"{_short(node)} is at a pole of {node.name}"]
    return []


def _power_undefined(node: Expr, simplifier: Simplifier) -> list[str]:
    base = _rational(node.children[0], simplifier)
    if base is None or base > 0:
        return []
    if base == 0:
        if UNDEFINED_MONOMIAL in (_normal(node, simplifier) or {}):
            return [f"{_short(node)} divides by zero: 0 to a negative power"]
        return []
    exponent = _rational(node.children[1], simplifier)
    if exponent is not None and exponent.denominator % 2 == 0:  # an even root of a negative number
        return [f"{_short(node)} is undefined: a negative number to the power {exponent} is an even root of it"]
    return []


def _log_outside_domain(node: Log, simplifier: Simplifier) -> list[str]:
    argument, base = _rational(node.argument, simplifier), _rational(node.base, simplifier)
    if (argument is not None and argument <= 0) or (base is not None and (base <= 0 or base == 1)):
        return [f"{_short(node)} is undefined: a logarithm needs a positive argument and a positive base other than 1"]
    return []


def _normal(expr: Expr, simplifier: Simplifier) -> Normal | None:
    """The normal form of a constant, or None when it is too long to test or cannot be found."""
    if size_as_written(expr, _LONGEST_TESTED) > _LONGEST_TESTED:
        return None
    try:  # sin(pi) is 0 only once the special angle is read: the normal form keeps it
        return simplifier.normal_form(exact_special_values(expr))
    except SymdiffError:
        return None  # a constant the simplifier declines (too large): left to the caller


def _rational(expr: Expr, simplifier: Simplifier) -> Fraction | None:
    """The exact value of a constant that simplifies to a rational number, else None."""
    normal = _normal(expr, simplifier)
    if normal is None or UNDEFINED_MONOMIAL in normal or any(monomial != CONSTANT for monomial in normal):
        return None
    return Fraction(normal.get(CONSTANT, 0))


def _short(node: Expr) -> str:
    return to_text(node, 40)
