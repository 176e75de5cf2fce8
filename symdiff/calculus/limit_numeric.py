"""A limit's numbers: the function's values as the variable approaches the point, with the
rows where floating point loses the answer flagged, and the check that an answer agrees with them.

Values are plain Python floats (``core.evaluate``). A row is flagged when the evaluation
subtracts nearly equal numbers and loses most of a float's 16 digits (1 - cos(1e-8) is 0.0
though the true value is 5e-17), or when it moves away from the known limit while the variable
moves closer: what the table then shows is rounding, not the function.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.errors import EvaluationError
from ..core.evaluate import evaluate
from ..core.expr import Add, Expr, Sub, Symbol
from ..core.traversal import fold
from .limit_continuity import node_value

__all__ = ["Row", "agrees", "rows", "table_text"]

LOST_DIGITS = 8  # of a float's ~16: from here on the value is mostly rounding

# Where ``agrees`` looks: five points closing in on the point (or growing), the nearest ones
# far enough away that a well-posed value still has most of its digits.
_CHECK_STEPS = (
    lambda at, infinite, side: [at + side * 10.0 ** -k for k in (1, 2, 3, 4, 6)],
    lambda at, infinite, side: [infinite * 10.0 ** k for k in (1, 2, 3, 4, 6)],
)


@dataclass(frozen=True, slots=True)
class Row:
    side: int  # -1 from the left (or below), +1 from the right; at infinity, the sign of x
    step: float  # h (the distance from the point), or x itself at infinity
    x: float
    value: float | None  # None where the function has no value
    lost: float  # digits lost to cancellation in the evaluation
    flag: str


def sample_points(at: float, infinite: int, side: int, points: int) -> list[tuple[float, float]]:
    """(h, x) pairs approaching the point: h = 10^-1 ... 10^-points, or x = 10 ... 10^points."""
    if infinite:
        return [(10.0 ** k, infinite * 10.0 ** k) for k in range(1, points + 1)]
    return [(10.0 ** -k, at + side * 10.0 ** -k) for k in range(1, points + 1)]


def rows(expr: Expr, var: Symbol, at: float, infinite: int, side: int, points: int,
         limit: float | None) -> list[Row]:
    """The table's rows for one side; ``limit`` (a float, +-inf, or None if unknown) flags drift."""
    out: list[Row] = []
    best = math.inf
    for h, x in sample_points(at, infinite, side, points):
        value, lost = _value(expr, var, x)
        flag = ""
        if value is None and _overflows(expr, var, x):
            flag = _OVERFLOW  # cosh(1000) is past a float's range, though cosh(x)/e^x has a value there
        if value is not None:
            if lost >= LOST_DIGITS:
                flag = f"cancellation: about {min(16, round(lost))} of 16 digits lost"
            elif limit is not None and math.isfinite(limit):
                error = abs(value - limit)
                if error > 10 * best and error > 1e-12 * max(1.0, abs(limit)):
                    flag = "rounding: moves away from the limit"
                best = min(best, error)
        out.append(Row(side, h, x, value, lost, flag))
    return out


def _value(expr: Expr, var: Symbol, x: float) -> tuple[float | None, float]:
    try:
        value = evaluate(expr, {var.name: x})
    except EvaluationError:
        return None, 0.0
    return value, _digits_lost(expr, var, x)


_OVERFLOW = "a part of it is too large for a float here"


def _overflows(expr: Expr, var: Symbol, x: float) -> bool:
    """Whether evaluating ``expr`` at x failed because a part is past a float's range."""
    try:
        evaluate(expr, {var.name: x})
    except EvaluationError as error:
        return "too large for a float" in str(error)
    return False


def _digits_lost(expr: Expr, var: Symbol, x: float) -> float:
    """The most digits any sum or difference in ``expr`` loses at x: log10(|operands| / |result|)."""
    worst = [0.0]

    def combine(node: Expr, kids: list[float]) -> float:
        value = x if node == var else node_value(node, kids)
        if type(node) in (Add, Sub) and kids:
            scale = max(abs(k) for k in kids)
            if scale > 0:
                worst[0] = max(worst[0], 16.0 if value == 0 else math.log10(scale / abs(value)))
        return value

    try:
        fold(expr, combine)
    except (EvaluationError, ArithmeticError, ValueError):
        return 0.0
    return worst[0]


class Sampler:
    """``expr`` as a function of one float: its distinct nodes in an order where children come
    first, evaluated in one pass per point (cheaper than walking the tree for every point)."""

    def __init__(self, expr: Expr, var: Symbol) -> None:
        order: list[Expr] = []
        index: dict[int, int] = {}

        def visit(node: Expr, kids: list[int]) -> int:
            order.append(node)
            index[id(node)] = len(order) - 1
            return len(order) - 1

        fold(expr, visit)
        # (node, its children's slots), or None for the variable; leaves other than x are worked
        # out once, here, as constants
        self.plan: list[tuple[Expr, list[int]] | float | None] = []
        for node in order:
            if node == var:
                self.plan.append(None)
            elif not node.children:
                try:
                    self.plan.append(node_value(node, []))
                except (ArithmeticError, ValueError):
                    self.plan.append(math.nan)
            else:
                self.plan.append((node, [index[id(child)] for child in node.children]))

    def __call__(self, x: float) -> float | None:
        """The value at x; None where the function has none; inf where a float cannot hold it."""
        values: list[float] = []
        append = values.append
        try:
            for entry in self.plan:
                if entry is None:
                    append(x)
                elif type(entry) is float:
                    append(entry)
                else:
                    node, kids = entry  # type: ignore[misc]
                    append(node_value(node, [values[k] for k in kids]))
        except OverflowError:
            return math.inf
        except (ArithmeticError, ValueError):  # EvaluationError is a ValueError
            return None
        result = values[-1]
        return None if math.isnan(result) else result


def agrees(f: Sampler, at: float, infinite: int, side: int, claim: float, exact: bool = False) -> bool:
    """Whether the function's values near the point do not clearly contradict the limit ``claim``.

    Floats near a point can be wrong (cancellation), so this only catches an answer the numbers
    plainly refute: none of them near the claim while they settle somewhere else, a value that
    keeps growing when the claim is finite, or the wrong sign for an infinite claim. ``exact``
    is for a value found by direct substitution: the function is continuous there, so its value
    just beside the point must be close.
    """
    if exact:  # the value of a continuous function at the point: close just beside it, or closing in
        errors = [abs(near - claim) if near is not None else math.inf
                  for near in (f(at + side * h) for h in (1e-7, 1e-10, 1e-13))]
        return errors[0] <= 1e-4 * max(1.0, abs(claim)) or errors[2] < errors[1] < errors[0] < math.inf
    sampled = [f(x) for x in _CHECK_STEPS[infinite != 0](at, infinite, side)]
    values = [value for value in sampled if value is not None and not math.isinf(value)]
    if not values:
        # no value on this side at all refutes a limit; values too large for floats say nothing
        return math.inf in sampled
    if math.isinf(claim):
        tail = values[-3:]
        if all(math.copysign(1.0, v) != math.copysign(1.0, claim) and abs(v) > 1e-6 for v in tail):
            return False
        return not _settled(values, lambda v: abs(v) < 1e6)
    scale = max(1.0, abs(claim))
    if any(abs(v - claim) <= 0.05 * scale for v in values):
        return True
    if len(values) >= 3 and all(abs(b) > 5 * abs(a) > 0 for a, b in zip(values[-3:], values[-2:], strict=False)):
        return False  # growing without bound
    return not _settled(values, lambda v: True)


def _settled(values: list[float], where: object) -> bool:
    """Whether three values in a row agree to 1e-3: the function has settled at a value."""
    for a, b, c in zip(values, values[1:], values[2:], strict=False):
        scale = max(1e-12, abs(b))
        if where(b) and abs(a - b) <= 1e-3 * scale and abs(c - b) <= 1e-3 * scale:  # type: ignore[operator]
            return True
    return False


def table_text(expr: Expr, var: Symbol, point_text: str, groups: list[tuple[str, list[Row]]],
               limit_text: str | None, at_infinity: bool = False) -> str:
    """The rows as text, one block per side: h, x and f(x) (at infinity x and f(x))."""
    lines = [f"f({var}) = {expr} as {var} -> {point_text}"]
    name = f"f({var.name})"
    for title, block in groups:
        lines.append("")
        lines.append(title)
        lines.append(f"  {var.name:>10}  {name:>22}" if at_infinity else f"  {'h':>8}  {var.name:>22}  {name:>22}")
        for row in block:
            value = ("overflow" if row.flag == _OVERFLOW else "undefined") if row.value is None \
                else f"{row.value:.15g}"
            flag = f"  <- {row.flag}" if row.flag else ""
            if at_infinity:
                lines.append(f"  {row.x:>10.0e}  {value:>22}{flag}")
            else:
                lines.append(f"  {row.step:>8.0e}  {row.x:>22.15g}  {value:>22}{flag}")
    if limit_text is not None:
        lines.append("")
        lines.append(f"limit: {limit_text}")
    return "\n".join(lines)
