"""Exact values of constant expressions, for the values a limit takes: 1/2, sqrt(2)/2, pi/3.

A limit's value is written exactly: the rational numbers by exact arithmetic (fast, no
simplifier), the trigonometric functions at the special angles (multiples of pi/6 and pi/4)
and their inverses at the matching values from tables, everything else by ``simplify``.
Floats decide only whether a value is zero: a constant within ``ZERO_TOLERANCE`` of 0 is taken
to be 0 (sin(pi) evaluates to 1.2e-16), so a zero the algebra cannot prove is still seen.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..algebra.simplify import Simplifier, natural_log_name
from ..core.errors import SymdiffError
from ..core.evaluate import evaluate
from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub, pi
from ..core.traversal import fold

__all__ = ["ZERO_TOLERANCE", "approximate", "exact", "fraction_of", "pi_multiple", "rational", "tidy"]

# Values of textbook expressions at textbook points are of order 1; one below this is a rounded 0.
ZERO_TOLERANCE = 1e-10

_HALF = Div(Number(1), Number(2))
_R2 = Call("sqrt", Number(2))
_R3 = Call("sqrt", Number(3))

# sin at k*pi/12 for the special k (multiples of pi/6 and pi/4), k = 0..23; cos and tan follow.
_SIN_TWELFTHS: dict[int, Expr] = {
    0: Number(0), 2: _HALF, 3: Div(_R2, Number(2)), 4: Div(_R3, Number(2)), 6: Number(1),
    8: Div(_R3, Number(2)), 9: Div(_R2, Number(2)), 10: _HALF, 12: Number(0),
}  # fmt: skip

# The inverse functions at rational arguments: (name, argument) -> a multiple of pi.
_INVERSE: dict[tuple[str, Fraction], Fraction] = {
    ("asin", Fraction(0)): Fraction(0), ("asin", Fraction(1, 2)): Fraction(1, 6),
    ("asin", Fraction(1)): Fraction(1, 2),
    ("acos", Fraction(1)): Fraction(0), ("acos", Fraction(1, 2)): Fraction(1, 3),
    ("acos", Fraction(0)): Fraction(1, 2),
    ("acos", Fraction(-1, 2)): Fraction(2, 3), ("acos", Fraction(-1)): Fraction(1),
    ("atan", Fraction(0)): Fraction(0), ("atan", Fraction(1)): Fraction(1, 4),
    ("acot", Fraction(0)): Fraction(1, 2), ("acot", Fraction(1)): Fraction(1, 4),
    ("acot", Fraction(-1)): Fraction(3, 4),
}  # fmt: skip
_INVERSE_NAMES = frozenset(name for name, _ in _INVERSE)
_ODD_INVERSES = frozenset({"asin", "atan"})


def approximate(expr: Expr) -> float:
    """The float value of a constant expression (``EvaluationError`` if it has none)."""
    return evaluate(expr)


def exact(expr: Expr, approx: float | None = None) -> Expr:
    """``expr``, a constant expression, in its simplest exact form: 0 when it rounds to 0.

    A rational value is exact whatever its size (1/x at x = 1e20 is 1e-20, not a rounded 0); a
    value is taken for a rounded 0 only where rounding can make one, in a sum's cancellation or
    a periodic function's argument (sin(pi) is 1.2e-16), and only when it is that small beside
    them: e^-50, 1.9e-22 with no sum in it, stays e^-50."""
    value = fraction_of(expr)
    if value is not None:
        return rational(value)
    if approx is None:
        approx = approximate(expr)
    if abs(approx) < ZERO_TOLERANCE * _cancellation_scale(expr):
        return Number(0)
    special = fold(expr, _special)
    try:
        tidied = tidy(special)
    except SymdiffError:
        return special
    value = fraction_of(tidied)
    return rational(value) if value is not None else tidied


_PERIODIC = frozenset({"sin", "cos", "tan", "sec", "csc", "cot"})


def _cancellation_scale(expr: Expr) -> float:
    """The largest magnitude among the terms of the sums in ``expr`` and the arguments of its
    periodic functions: where float rounding can leave a nonzero residue of a true 0. At least 1
    where there is any such place (a residue of 1e-16 is rounding beside values of order 1)."""
    largest = 0.0

    def visit(node: Expr, _children: list[None]) -> None:
        nonlocal largest
        parts: tuple[Expr, ...] = ()
        if type(node) in (Add, Sub):
            parts = node.children
        elif type(node) is Call and node.name in _PERIODIC:  # type: ignore[attr-defined]
            parts = node.children
        for part in parts:
            try:
                largest = max(largest, 1.0, abs(approximate(part)))
            except (SymdiffError, OverflowError, ValueError):
                largest = max(largest, 1.0)

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
    return Simplifier(natural_log=natural_log_name(expr)).simplify(expr)


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


def pi_multiple(expr: Expr) -> Fraction | None:
    """The rational r with ``expr`` = r*pi (pi/2, 3*pi/4, pi + pi/6, 0), or None."""
    value = fold(expr, _pi_linear)
    return value[0] if value is not None and not value[1] else None


PiLinear = tuple[Fraction, Fraction] | None  # (a, b) for the number a*pi + b


def _pi_linear(node: Expr, kids: list[PiLinear]) -> PiLinear:
    kind = type(node)
    if kind is Constant:
        return (Fraction(1), Fraction(0)) if node == pi else None
    if kind is Number:
        return (Fraction(0), Fraction(node.value))  # type: ignore[attr-defined]
    if not kids or any(kid is None for kid in kids):
        return None
    parts: list[tuple[Fraction, Fraction]] = kids  # type: ignore[assignment]
    if kind is Neg:
        return (-parts[0][0], -parts[0][1])
    if kind is Add:
        return (sum((a for a, _ in parts), Fraction(0)), sum((b for _, b in parts), Fraction(0)))
    if kind is Sub:
        return (parts[0][0] - parts[1][0], parts[0][1] - parts[1][1])
    if kind is Mul:
        a, b = Fraction(0), Fraction(1)  # the product so far, a*pi + b with a or b... kept linear in pi
        for pa, pb in parts:
            if a and pa:
                return None  # pi^2
            a, b = a * pb + pa * b, b * pb
        return (a, b)
    if kind is Div and not parts[1][0] and parts[1][1]:
        return (parts[0][0] / parts[1][1], parts[0][1] / parts[1][1])
    return None


def _special(node: Expr, kids: list[Expr]) -> Expr:
    """Rebuild ``node`` on its rewritten children, writing a special value where there is one."""
    node = node.with_children(tuple(kids)) if kids else node
    if type(node) is not Call:
        return node
    name, argument = node.name, node.argument  # type: ignore[attr-defined]
    if name in ("sin", "cos", "tan", "sec", "csc", "cot"):
        return _trig(name, argument) or node
    if name in _INVERSE_NAMES:
        value = fraction_of(argument)
        if value is None:
            return node
        sign = -1 if value < 0 and name in _ODD_INVERSES else 1
        multiple = _INVERSE.get((name, -value if sign < 0 else value))
        if multiple is not None:
            return _times_pi(sign * multiple)
    return node


def _trig(name: str, argument: Expr) -> Expr | None:
    r = pi_multiple(argument)
    if r is None or (12 * r).denominator != 1:
        return None
    k = int(12 * r) % 24

    def sine(twelfths: int) -> Expr | None:
        twelfths %= 24
        value = _SIN_TWELFTHS.get(twelfths % 12 if twelfths >= 12 else twelfths)
        if value is None:
            return None
        return value if twelfths < 12 or value == Number(0) else Neg(value)

    s, c = sine(k), sine(k + 6)
    if s is None or c is None:
        return None
    ratios = {"sin": (s, None), "cos": (c, None), "tan": (s, c), "cot": (c, s), "sec": (Number(1), c),
              "csc": (Number(1), s)}
    top, bottom = ratios[name]
    if bottom is None:
        return top
    if bottom == Number(0):
        return None  # a pole: no value
    return Div(top, bottom)


def _times_pi(r: Fraction) -> Expr:
    if r == 0:
        return Number(0)
    top: Expr = pi if abs(r.numerator) == 1 else Mul(Number(abs(r.numerator)), pi)
    value = top if r.denominator == 1 else Div(top, Number(r.denominator))
    return Neg(value) if r < 0 else value

