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
from ..core.expr import Call, Constant, Derivative, Div, Expr, Infinity, Log, Number, Pow, Root, Symbol
from ..core.printer import to_text
from ..core.traversal import fold, size_as_written
from .normal import CONSTANT, UNDEFINED_MONOMIAL, Normal
from .simplify import Simplifier, spelling
from .special_angles import at_pole, exact_special_values

__all__ = ["CHECKED_KINDS", "no_value_anywhere", "undefined_constant", "undefined_part"]

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

# Nodes that are no constant to test: oo, a written d/dx. (f(2) is one, as diff's masks see it.)
_NOT_CONSTANT = frozenset({Derivative, Infinity})
_LEAVES = frozenset({Number, Constant, Symbol})
# The kinds of node that can lack a value when their parts have one.
CHECKED_KINDS = frozenset({Div, Pow, Call, Log, Root})


def undefined_constant(expr: Expr, simplifier: Simplifier) -> str | None:
    """Why ``expr`` has no value anywhere ("1/0 divides by zero"), or None when no part of it
    is a constant without a real value. ``simplifier`` is the caller's, so that the normal
    forms found here are reused."""
    found: list[str] = []
    constants: dict[int, bool] = {}

    def visit(node: Expr, constant_children: list[bool]) -> bool:
        """Whether ``node`` is free of symbols; on the way, the first undefined part is recorded."""
        kind = type(node)
        if kind in _LEAVES:
            return kind is not Symbol
        if found or kind in _NOT_CONSTANT:
            return False
        if kind in CHECKED_KINDS:
            why = undefined_part(node, lambda child: constants[id(child)], simplifier)
            if why is not None:
                found.append(why)
        return False not in constant_children

    def remember(node: Expr, constant_children: list[bool]) -> bool:
        constants[id(node)] = constant = visit(node, constant_children)
        return constant

    fold(expr, remember)
    return found[0] if found else None


def undefined_part(node: Expr, constant: Callable[[Expr], bool], simplifier: Simplifier) -> str | None:
    """Why ``node`` (one of ``CHECKED_KINDS``) has no value, or None; ``constant`` tells which of
    its children are free of symbols (only those are tested)."""
    kind = type(node)
    children = node.children
    if kind is Div:
        if constant(children[1]) and _is_zero(children[1], simplifier):  # a/0, whatever a is
            return f"{_short(node)} divides by zero"
        return None
    if kind is Log:  # log_0(y) has no value whatever y is
        return _log_outside_domain(node, constant, simplifier)  # type: ignore[arg-type]
    if not all(constant(child) for child in children):
        return None
    if kind is Pow:
        return _power_undefined(node, simplifier)
    if kind is Call:
        return _outside_domain(node, simplifier)  # type: ignore[arg-type]
    if node.index % 2 == 0:  # type: ignore[attr-defined]  # a Root
        value = _rational(children[0], simplifier)
        if value is not None and value < 0:
            return f"{_short(node)} is undefined: an even root needs a non-negative argument"
    return None


def no_value_anywhere(expr: Expr, simplifier: Simplifier | None = None) -> str | None:
    """"<expr> has no value anywhere (<why>)" when ``expr`` holds a constant without a real
    value, for the caller to finish ("..., so it has no derivative"); else None."""
    why = undefined_constant(expr, Simplifier(**spelling(expr)) if simplifier is None else simplifier)
    return None if why is None else f"{to_text(expr, 60)} has no value anywhere ({why})"


def _outside_domain(node: Call, simplifier: Simplifier) -> str | None:
    if node.name in _DOMAINS:
        value = _rational(node.argument, simplifier)
        accepts, needs = _DOMAINS[node.name]
        if value is not None and not accepts(value):
            return f"{_short(node)} is undefined: {node.name} {needs}"
    if at_pole(node):
        return f"{_short(node)} is at a pole of {node.name}"
    return None


def _is_zero(expr: Expr, simplifier: Simplifier) -> bool:
    if type(expr) is Number:  # the most common denominator: no simplification needed
        return expr.value == 0  # type: ignore[attr-defined]
    return _normal(expr, simplifier) == {}


def _power_undefined(node: Expr, simplifier: Simplifier) -> str | None:
    base_node = node.children[0]
    if type(base_node) is Constant or (type(base_node) is Number and base_node.value):  # type: ignore[attr-defined]
        return None  # a positive base (e, pi, 2): every power of it has a value
    base = _rational(base_node, simplifier)
    if base is None or base > 0:
        return None
    if base == 0:
        if UNDEFINED_MONOMIAL in (_normal(node, simplifier) or {}):
            return f"{_short(node)} divides by zero: 0 to a negative power"
        return None
    exponent = _rational(node.children[1], simplifier)
    if exponent is not None and exponent.denominator % 2 == 0:  # an even root of a negative number
        return f"{_short(node)} is undefined: a negative number to the power {exponent} is an even root of it"
    return None


def _log_outside_domain(node: Log, constant: Callable[[Expr], bool], simplifier: Simplifier) -> str | None:
    argument = _rational(node.argument, simplifier) if constant(node.argument) else None
    base = _rational(node.base, simplifier) if constant(node.base) else None
    if (argument is not None and argument <= 0) or (base is not None and (base <= 0 or base == 1)):
        return f"{_short(node)} is undefined: a logarithm needs a positive argument and a positive base other than 1"
    return None


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
    if type(expr) is Number:
        return Fraction(expr.value)  # type: ignore[attr-defined]
    normal = _normal(expr, simplifier)
    if normal is None or UNDEFINED_MONOMIAL in normal or any(monomial != CONSTANT for monomial in normal):
        return None
    return Fraction(normal.get(CONSTANT, 0))


def _short(node: Expr) -> str:
    return to_text(node, 40)
