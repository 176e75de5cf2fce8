"""Exact values of the trigonometric functions at the textbook angles, and of their inverses.

A definite integral's answer is F(b) - F(a), and F is often a trigonometric function evaluated
at a multiple of π: ∫₀^π sin x dx = -cos(π) + cos(0) = 2. The simplifier folds a function only
at rational arguments (sin(0) = 0); this module knows the unit circle's special angles (the
multiples of π/6 and π/4) and the inverse functions' values there (atan(1) = π/4).

Every match is exact: an argument is a multiple of π when ``simplify(argument/π)`` is a
rational number, and a value such as √3/2 is recognised when its square simplifies to exactly
3/4 and its sign agrees; a float that merely comes close is never taken for it.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub
from ..core.traversal import fold, free_symbols, size_as_written
from .simplify import Simplifier

__all__ = ["FUNCTIONS_WITH_POLES", "at_pole", "exact_special_values", "pi_multiple", "pole_in"]

PI = Constant("pi")
# A special angle or value is a short expression (7*pi/6, sqrt(3)/2); a longer argument is not
# simplified to find out (sin(sin(...sin(1))) 1,000 deep would simplify every level).
_LONGEST_ARGUMENT = 24

# Each entry is c·√k as (c, k): the six functions at the reference angles 0, π/6, π/4, π/3, π/2
# (as fractions of π); None where the function has a pole.
_Surd = tuple[Fraction, int]
_H = Fraction(1, 2)
_T = Fraction(1, 3)
_FIRST_QUADRANT: dict[str, dict[Fraction, _Surd | None]] = {
    "sin": {Fraction(0): (Fraction(0), 1), Fraction(1, 6): (_H, 1), Fraction(1, 4): (_H, 2),
            Fraction(1, 3): (_H, 3), _H: (Fraction(1), 1)},
    "cos": {Fraction(0): (Fraction(1), 1), Fraction(1, 6): (_H, 3), Fraction(1, 4): (_H, 2),
            Fraction(1, 3): (_H, 1), _H: (Fraction(0), 1)},
    "tan": {Fraction(0): (Fraction(0), 1), Fraction(1, 6): (_T, 3), Fraction(1, 4): (Fraction(1), 1),
            Fraction(1, 3): (Fraction(1), 3), _H: None},
    "cot": {Fraction(0): None, Fraction(1, 6): (Fraction(1), 3), Fraction(1, 4): (Fraction(1), 1),
            Fraction(1, 3): (_T, 3), _H: (Fraction(0), 1)},
    "sec": {Fraction(0): (Fraction(1), 1), Fraction(1, 6): (2 * _T, 3), Fraction(1, 4): (Fraction(1), 2),
            Fraction(1, 3): (Fraction(2), 1), _H: None},
    "csc": {Fraction(0): None, Fraction(1, 6): (Fraction(2), 1), Fraction(1, 4): (Fraction(1), 2),
            Fraction(1, 3): (2 * _T, 3), _H: (Fraction(1), 1)},
}  # fmt: skip
# The functions of the table that have poles, at the angles whose entry is None.
FUNCTIONS_WITH_POLES = frozenset(name for name, table in _FIRST_QUADRANT.items() if None in table.values())

# The sign of each function in quadrants I to IV (by the angle reduced into [0, 2π)).
_SIGNS = {"sin": (1, 1, -1, -1), "csc": (1, 1, -1, -1), "cos": (1, -1, -1, 1), "sec": (1, -1, -1, 1),
          "tan": (1, -1, 1, -1), "cot": (1, -1, 1, -1)}  # fmt: skip

# The inverse functions' principal values: (function whose table is read, range of reference
# angles searched). asin and atan are odd, so a negative argument is the negated angle.
_INVERSES = {"asin": "sin", "atan": "tan"}


def exact_special_values(expr: Expr) -> Expr:
    """``expr`` with every trigonometric function at a special angle, and every inverse
    function at one of their values, replaced by its exact value: cos(π) -> -1,
    sin(π/3) -> √3/2, atan(1) -> π/4, acos(1/2) -> π/3; and the absolute value of a constant
    whose sign is clear written without the bars (|e| -> e). The result is not simplified."""
    if not isinstance(expr, Expr):
        raise SymdiffError(f"exact_special_values takes an expression, not {type(expr).__name__}")
    return fold(expr, _rewrite)


def pole_in(expr: Expr) -> Expr | None:
    """A trigonometric function in ``expr`` at one of its poles exactly (csc(π), tan(π/2)): it has
    no value, though floats give one (1/sin(π) is 8.2e15). None if there is none."""
    found: list[Expr] = []

    def visit(node: Expr, _children: list[None]) -> None:
        if not found and at_pole(node):
            found.append(node)

    fold(expr, visit)
    return found[0] if found else None


def at_pole(node: Expr) -> bool:
    """Whether ``node`` itself is a trigonometric function at one of its poles (tan(π/2))."""
    if type(node) is not Call or node.name not in _FIRST_QUADRANT or not _short(node.argument):
        return False
    if free_symbols(node.argument):
        return False
    turns = _multiple_of_pi(node.argument)
    if turns is None:
        return False
    turns %= 2
    reference = (turns, 1 - turns, turns - 1, 2 - turns)[min(int(turns * 2), 3)]
    table = _FIRST_QUADRANT[node.name]
    return reference in table and table[reference] is None  # not merely an angle off the table (pi/7)


def _rewrite(node: Expr, children: list[Expr]) -> Expr:
    rebuilt = node.with_children(tuple(children)) if children else node
    if not isinstance(rebuilt, Call) or not _short(rebuilt.argument) or free_symbols(rebuilt.argument):
        return rebuilt
    value = _value(rebuilt.name, rebuilt.argument)
    return rebuilt if value is None else value


def _short(argument: Expr) -> bool:
    return size_as_written(argument, _LONGEST_ARGUMENT) <= _LONGEST_ARGUMENT


def _value(name: str, argument: Expr) -> Expr | None:
    if name == "abs":
        return _absolute(argument)
    if name in _FIRST_QUADRANT:
        turns = _multiple_of_pi(argument)
        return None if turns is None else _trig_value(name, turns)
    if name in _INVERSES:
        return _inverse_value(name, argument)
    if name in ("acos", "acot"):  # acos v = π/2 - asin v in [0, π]; acot v = π/2 - atan v in (0, π)
        angle = _inverse_value("asin" if name == "acos" else "atan", argument)
        return None if angle is None else Sub(Div(PI, Number(2)), angle)
    return None


# |c| for a constant c is c or -c when c's value is this far from 0: a float's rounding in a
# constant of a few operations is many orders of magnitude smaller, so the sign is certain.
_CLEAR_SIGN = 1e-6


def _absolute(argument: Expr) -> Expr | None:
    """|c| without the bars when the constant c's sign is clear: |e| = e, |ln(1/2)| = -ln(1/2)."""
    try:
        value = float(argument.evaluate())
    except (SymdiffError, OverflowError, ValueError):
        return None
    if not abs(value) > _CLEAR_SIGN or abs(value) == float("inf"):
        return None
    return argument if value > 0 else Neg(argument)


def _trig_value(name: str, turns: Fraction) -> Expr | None:
    turns %= 2  # angle/π in [0, 2)
    quadrant = min(int(turns * 2), 3)
    reference = (turns, 1 - turns, turns - 1, 2 - turns)[quadrant]
    surd = _FIRST_QUADRANT[name].get(reference, None)
    if surd is None:
        return None
    # On an axis the quadrant is ambiguous, but there the value is 0, 1 or a pole.
    sign = _SIGNS[name][quadrant] if reference not in (0, _H) else _axis_sign(name, turns)
    built = _surd_expr(surd)
    return Neg(built) if sign < 0 and surd[0] != 0 else built


def _axis_sign(name: str, turns: Fraction) -> int:
    # sin, csc: + at π/2, - at 3π/2; cos, sec: + at 0, - at π; tan and cot are 0 or poles there.
    if name in ("sin", "csc"):
        return -1 if turns == Fraction(3, 2) else 1
    if name in ("cos", "sec"):
        return -1 if turns == 1 else 1
    return 1


def _inverse_value(name: str, argument: Expr) -> Expr | None:
    """The principal angle whose sin (or tan) is exactly ``argument``, among the special ones."""
    square = _rational(_simplified(Pow(argument, Number(2))))
    if square is None:
        return None
    try:
        positive = float(argument.evaluate()) > 0
    except (SymdiffError, OverflowError, ValueError):
        return None
    for reference, surd in _FIRST_QUADRANT[_INVERSES[name]].items():
        if surd is not None and surd[0] ** 2 * surd[1] == square and (square == 0 or reference != 0):
            angle = _angle(reference)
            return angle if positive or square == 0 else Neg(angle)
    return None


def _multiple_of_pi(argument: Expr) -> Fraction | None:
    """argument/π as a rational: read off the tree when it is written as one (pi/2, 3*pi/4,
    pi + pi/6), else by simplifying argument/π."""
    written = pi_multiple(argument)
    if written is not None:
        return written
    if PI not in _constants(argument):
        return Fraction(0) if _rational(_simplified(argument)) == 0 else None
    return _rational(_simplified(Div(argument, PI)))


def pi_multiple(expr: Expr) -> Fraction | None:
    """The rational r with ``expr`` = r*pi (pi/2, 3*pi/4, pi + pi/6, 0), or None."""
    value = fold(expr, _pi_linear)
    return value[0] if value is not None and not value[1] else None


PiLinear = tuple[Fraction, Fraction] | None  # (a, b) for the number a*pi + b


def _pi_linear(node: Expr, kids: list[PiLinear]) -> PiLinear:
    kind = type(node)
    if kind is Constant:
        return (Fraction(1), Fraction(0)) if node == PI else None
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


def _constants(expr: Expr) -> set[Expr]:
    found: set[Expr] = set()

    def collect(node: Expr, _children: list[None]) -> None:
        if isinstance(node, Constant):
            found.add(node)

    fold(expr, collect)
    return found


def _rational(expr: Expr) -> Fraction | None:
    """The value of a simplified rational number (3, 3/4, -3/4), else None."""
    sign = 1
    if isinstance(expr, Neg):
        sign, expr = -1, expr.children[0]
    if isinstance(expr, Number):
        return sign * Fraction(expr.value)
    if isinstance(expr, Div):
        top, bottom = (_rational(part) for part in expr.children)
        if top is not None and bottom:
            return sign * top / bottom
    return None


def _simplified(expr: Expr) -> Expr:
    """The simplifier's answer (a rational number is read off it; the textbook's forms of an
    answer write no number otherwise)."""
    try:
        return Simplifier().simplify(expr)
    except SymdiffError:
        return expr


def _angle(turns: Fraction) -> Expr:
    """turns·π as a textbook writes it: π, π/6, 2π/3."""
    if turns == 0:
        return Number(0)
    top = PI if turns.numerator == 1 else Mul(Number(turns.numerator), PI)
    return top if turns.denominator == 1 else Div(top, Number(turns.denominator))


def _surd_expr(surd: _Surd) -> Expr:
    """c·√k as an expression: 1/2, √3/2, 2√3/3, √2."""
    coefficient, radicand = surd
    if radicand == 1:
        return _fraction(coefficient)
    root: Expr = Call("sqrt", Number(radicand))
    top = root if coefficient.numerator == 1 else Mul(Number(coefficient.numerator), root)
    return top if coefficient.denominator == 1 else Div(top, Number(coefficient.denominator))


def _fraction(value: Fraction) -> Expr:
    built: Expr = Number(abs(value.numerator))
    if value.denominator != 1:
        built = Div(built, Number(value.denominator))
    return Neg(built) if value < 0 else built
