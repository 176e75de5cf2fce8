"""Exact values of constant expressions, for the values a limit takes: 1/2, sqrt(2)/2, pi/3.

A limit's value is written exactly: the rational numbers by exact arithmetic (fast, no
simplifier), the trigonometric functions at the special angles (multiples of pi/6 and pi/4)
and their inverses at the matching values (``algebra.special_angles``), everything else by
``simplify``.
Floats decide only whether a value is zero: a constant within ``ZERO_TOLERANCE`` of 0 is taken
to be 0 (sin(pi) evaluates to 1.2e-16), so a zero the algebra cannot prove is still seen.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ..algebra.simplify import Simplifier, spelling
from ..algebra.special_angles import exact_special_values
from ..core.errors import SymdiffError
from ..core.evaluate import evaluate
from ..core.expr import Add, Call, Div, Expr, Mul, Neg, Number, Pow, Sub
from ..core.precise import DIGITS, precise_value
from ..core.traversal import fold

__all__ = ["ROUNDING_TOLERANCE", "ZERO_TOLERANCE", "approximate", "cancellation_scale", "exact", "exact_value",
           "fraction_of", "rational", "tidy"]

# Values of textbook expressions at textbook points are of order 1; one below this is a rounded 0.
ZERO_TOLERANCE = 1e-10
# A constant within this much of 0, beside the sizes float rounding works at in it (its sums'
# terms, its periodic functions' arguments), is a rounded 0: some hundreds of units in the last
# place, where 1 - cos(10^-5) = 5e-11 is not one.
ROUNDING_TOLERANCE = 1e-13

def approximate(expr: Expr) -> float:
    """The float value of a constant expression (``EvaluationError`` if it has none)."""
    return evaluate(expr)


def exact(expr: Expr, approx: float | None = None) -> Expr:
    """``expr``, a constant expression, in its simplest exact form: 0 when it is 0."""
    return exact_value(expr, approx)[0]


def exact_value(expr: Expr, approx: float | None = None) -> tuple[Expr, float]:
    """``expr``, a constant expression, in its simplest exact form, and its float value: 0 and
    0.0 when it is 0.

    A rational value is exact whatever its size (1/x at x = 1e20 is 1e-20, not a rounded 0); a
    value may be a rounded 0 only where rounding can make one, in a sum's cancellation or a
    periodic function's argument (sin(pi) is 1.2e-16), and only when it is that small beside
    them: e^-50, 1.9e-22 with no sum in it, stays e^-50. Such a value is worked out again to 60
    digits (``core.precise``): sin(pi) is 0 to all of them, while tanh(20) - 1 is -8.5e-18, a
    float's rounding of 1 - 8.5e-18 apart."""
    value = fraction_of(expr)
    if value is not None:
        return rational(value), float(value)
    if approx is None:
        approx = approximate(expr)
    scale = cancellation_scale(expr)
    if abs(approx) < ROUNDING_TOLERANCE * scale:
        precise = precise_value(expr)
        if precise is None or precise.copy_abs() <= _PRECISE_ZERO * Decimal(max(1.0, scale)):
            return Number(0), 0.0
        approx = float(precise)
    special = exact_special_values(expr)
    try:
        tidied = tidy(special)
    except SymdiffError:
        return special, approx
    value = fraction_of(tidied)
    return (rational(value), float(value)) if value is not None else (tidied, approx)


# At 60 digits a true 0 is left within 1e-60 of the sizes rounded; a value up to here is one.
_PRECISE_ZERO = Decimal(10) ** -(DIGITS - 10)


_PERIODIC = frozenset({"sin", "cos", "tan", "sec", "csc", "cot"})


def cancellation_scale(expr: Expr) -> float:
    """The largest magnitude among the terms of the sums in ``expr`` and the arguments of its
    periodic functions: where float rounding can leave a nonzero residue of a true 0 (sin(pi)
    is 1.2e-16, sqrt(2)^2 - 2 is 4e-16). A sum or an argument that is a rational number is
    exact, so it leaves none: sin(10^-20) and 1/10^20 + 1/10^21 are no rounded 0s, and neither
    is e^-20*sin(20) nor cos(10^14)."""
    largest = 0.0

    def visit(node: Expr, _children: list[None]) -> None:
        nonlocal largest
        parts: tuple[Expr, ...] = ()
        if type(node) in (Add, Sub) or (type(node) is Call and node.name in _PERIODIC):  # type: ignore[attr-defined]
            parts = node.children
        if not parts or fraction_of(node if type(node) in (Add, Sub) else parts[0]) is not None:
            return
        for part in parts:
            try:
                largest = max(largest, abs(approximate(part)))
            except (SymdiffError, OverflowError, ValueError):
                largest = max(largest, 1.0)  # no size known: taken as of order 1, as before

    fold(expr, visit)
    return largest


def rational(value: Fraction | int) -> Expr:
    """The expression for a rational number: 3, -3 (a negation), 2/3, -2/3 (``number``, fast)."""
    top, bottom = (value, 1) if type(value) is int else (value.numerator, value.denominator)  # type: ignore[union-attr]
    numerator: Expr = Number(abs(top))
    if top < 0:
        numerator = Neg(numerator)
    return numerator if bottom == 1 else Div(numerator, Number(bottom))


def tidy(expr: Expr) -> Expr:
    """``expr`` simplified by the simplifier's normal form: like terms collected, common factors
    cancelled (3x/(5x) = 3/5). Cheaper than ``simplify``, which also looks for the textbook's
    form, and enough for the expressions a method rewrites to."""
    return Simplifier(**spelling(expr)).simplify(expr)


def fraction_of(expr: Expr) -> Fraction | None:
    """The rational number ``expr`` is, by exact arithmetic on its numbers; None if it is not one."""
    kind = type(expr)
    if kind is Number:  # the common cases, without a walk: 3, 1/2, -3, -1/2
        return Fraction(expr.value)  # type: ignore[attr-defined]
    if kind is Neg and type(expr.children[0]) is Number:
        return -Fraction(expr.children[0].value)  # type: ignore[attr-defined]
    if kind is Div and type(expr.children[1]) is Number and expr.children[1].value:  # type: ignore[attr-defined]
        top = expr.children[0]
        if type(top) is Number or (type(top) is Neg and type(top.children[0]) is Number):
            sign, size = (-1, top.children[0]) if type(top) is Neg else (1, top)
            return Fraction(sign * size.value) / expr.children[1].value  # type: ignore[attr-defined]
    value = fold(expr, _rational)
    return None if value is None else Fraction(value)


def _rational(node: Expr, kids: list[Fraction | int | None]) -> Fraction | int | None:
    # whole numbers stay ints (cheap); a Fraction appears only where a division makes one
    kind = type(node)
    if kind is Number:
        return node.value  # type: ignore[attr-defined]
    if not kids or None in kids:
        return None
    if kind is Add:
        return sum(kids)  # type: ignore[arg-type]
    if kind is Sub:
        return kids[0] - kids[1]  # type: ignore[operator]
    if kind is Neg:
        return -kids[0]  # type: ignore[operator]
    if kind is Mul:
        return math.prod(kids)  # type: ignore[arg-type]
    if kind is Div:
        return Fraction(kids[0], kids[1]) if kids[1] else None  # type: ignore[arg-type]
    if kind is Pow and kids[1] == int(kids[1]) and abs(kids[1]) <= 64 and (kids[0] or kids[1] > 0):  # type: ignore[arg-type]
        base = kids[0] if kids[1] >= 0 else Fraction(kids[0])  # type: ignore[operator, arg-type]
        return base ** int(kids[1])  # type: ignore[operator, arg-type]
    return None
