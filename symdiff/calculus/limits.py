"""Limits with every step: ``symdiff.limit(expr, var, point, side)`` and the ``Limit`` it returns.

``limit`` checks its arguments, runs the engine (``limit_engine``) once for a two-sided limit,
or once per side when the answer depends on the side (1/x at 0, |x|/x, sqrt(x) at 0), and
checks the answer against the function's values near the point before returning it: an answer
the numbers plainly contradict is refused (``LimitError``), never returned. ``limit_table``
gives those numbers, and works where ``limit`` declines.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ..algebra.defined import no_value_anywhere, undefined_constant
from ..algebra.simplify import Simplifier
from ..core.collector import collector_paused
from ..core.errors import EvaluationError, SymdiffError, quote
from ..core.evaluate import evaluate
from ..core.expr import Expr, Infinity, Neg, Symbol, UndefinedCall, number, oo
from ..core.operators import worked_out
from ..core.traversal import preorder
from ..syntax.parser import parse, to_expr
from .limit_engine import Engine, LimitError, Point
from .limit_forms import BOUNDED, FINITE, INFINITE, NONE, NeedSides, Value
from .limit_methods import METHODS
from .limit_numeric import Sampler, agrees, rows, table_text
from .limit_range import float_blind_constant
from .trace import Step

__all__ = ["Limit", "LimitError", "limit", "limit_table"]

MAX_INPUT_DEPTH = 200
_SIDES = {"both": 0, "+-": 0, "+": 1, "right": 1, "-": -1, "left": -1}
_SIDE_NAMES = {0: "both", 1: "+", -1: "-"}
# The start of ``Limit.reason`` when the function has no value near the point (sqrt(x - 1) at 0).
NOT_DEFINED_NEAR = "the function is not defined near the point"
_INFINITY_WORDS = frozenset({"oo", "∞", "inf", "infinity"})


class Limit:
    """A limit with its worked solution.

    ``value`` is the limit (an expression: a number, ``oo`` or ``-oo``), or None when it does
    not exist; ``exists`` says which, and ``reason`` why not. An infinite limit "exists" here in
    the sense that ``value`` is oo or -oo: the function grows without bound. For a two-sided
    limit worked out one side at a time, ``left`` and ``right`` are the one-sided limits.
    ``trace`` is the tree of steps; ``explain()``, ``to_latex()`` and ``to_json()`` print it.
    """

    __slots__ = ("exists", "expr", "left", "point", "reason", "right", "side", "trace", "value", "var")

    def __init__(self, expr: Expr, var: Symbol, point: Expr, side: str, value: Expr | None, reason: str,
                 trace: Step, left: Limit | None = None, right: Limit | None = None) -> None:
        checks = ((expr, Expr), (var, Symbol), (point, Expr), (side, str), (reason, str), (trace, Step))
        if not all(isinstance(item, kind) for item, kind in checks) or side not in ("both", "+", "-"):
            raise SymdiffError("a Limit is made by symdiff.limit(expr, var, point, side), which checks its arguments")
        self.expr = expr
        self.var = var
        self.point = point
        self.side = side
        self.value = value
        self.exists = value is not None
        self.reason = reason
        self.trace = trace
        self.left = left
        self.right = right

    def __str__(self) -> str:
        return str(self.value) if self.value is not None else "does not exist"

    @property
    def undefined_near(self) -> bool:
        """Whether there is no limit because the function has no value near the point, on the
        side taken (sqrt(x - 1) at 0), rather than because its values do not settle."""
        return self.value is None and self.reason.startswith(NOT_DEFINED_NEAR)

    def __repr__(self) -> str:
        return f"<Limit {self.notation()} [{self.expr}] = {self}>"

    def notation(self) -> str:
        """The limit as written in text: ``lim x->0+``."""
        mark = {"both": "", "+": "+", "-": "-"}[self.side]
        return f"lim {self.var}->{self.point}{mark}"

    def explain(self, width: int | None = 1000, *, brief: bool = False) -> str:
        """The worked solution as indented text, one step per line. Expressions longer than
        ``width`` characters are cut short with "…"; ``brief`` leaves out the limits of the
        constants and of the variable itself."""
        from .limit_print import explain

        return explain(self, width, brief)

    def to_latex(self, *, standalone: bool = False) -> str:
        """The worked solution as LaTeX: an ``align*`` block (or a whole document)."""
        from .limit_print import limit_latex

        return limit_latex(self, standalone=standalone)

    def to_json(self) -> dict[str, object]:
        """The limit as JSON-ready data: what was asked, the answer and every step."""
        from .limit_print import limit_data

        return limit_data(self)

    def table(self, points: int = 8) -> str:
        """The function's values approaching the point from each side, as text."""
        return _table(self.expr, self.var, self.point, self.side, points, self.value)


# --- the public functions -----------------------------------------------------------------------


@collector_paused
def limit(expr: Expr | str | float, var: Symbol | str | None = None, point: object = 0,
          side: str = "both") -> Limit:
    """The limit of ``expr`` as ``var`` approaches ``point``, with its worked solution.

    ``point`` is a number, an expression (``"pi/2"``) or infinity (``"oo"``, ``"-oo"``, ``"∞"``,
    ``"inf"``, ``symdiff.oo``); ``side`` is ``"both"``, ``"+"`` (from the right, also ``"right"``)
    or ``"-"`` (from the left). Raises ``LimitError`` when symdiff cannot decide.
    """
    tree, x, where, sides = _arguments(expr, var, point, side)
    nowhere = no_value_anywhere(tree)
    if nowhere is not None:  # x + tan(pi/2): floats would give it values, and a limit
        raise LimitError(f"{nowhere}, so it has no limit")
    blind = _float_blind(tree, x, where)
    if blind is not None:  # e^-1000*x at oo: the engine's floats take e^-1000 for 0
        raise LimitError(blind)
    try:
        return _solve(tree, x, where, sides)
    except RecursionError:  # the engine bounds its depth; this is the last guard, never expected
        raise LimitError(f"the limit of {_short(tree)} is nested too deeply for symdiff") from None
    except OverflowError:  # 8x at x = 1e308: the engine's floats cannot hold the values near the point
        raise LimitError(f"the values of {_short(tree)} near {where.expr} are beyond floating point's range "
                         "(about 1.8e308), which symdiff uses to check each step") from None
    except LimitError as declined:
        raise LimitError(f"{declined} — the numbers are still available: symdiff.limit_table({_quoted(tree)}, "
                         f"{x.name!r}, {str(where.expr)!r})") from None


def limit_table(expr: Expr | str | float, var: Symbol | str | None = None, point: object = 0,
                side: str = "both", points: int = 8) -> str:
    """The function's values as ``var`` approaches ``point`` from each side (h = 10^-1 ...
    10^-points, or x = 10 ... 10^points at infinity), with the rows where floating point loses
    the answer flagged. Works whether or not ``limit`` can decide the limit."""
    tree, x, where, sides = _arguments(expr, var, point, side)
    nowhere = no_value_anywhere(tree)
    if nowhere is not None:  # floats would fill the table: x*tan(pi/2) is 1.6e16*x
        raise LimitError(f"{nowhere}, so it has no values to tabulate")
    blind = _float_blind(tree, x, where)
    value = None
    if blind is None:
        try:
            value = _solve(tree, x, where, sides).value
        except SymdiffError:
            pass
    table = _table(tree, x, where.expr, _SIDE_NAMES[sides], points, value)
    # e^(-1000)*x at oo: the floats of the rows are 0, which the function's values are not
    return table if blind is None else f"{table}\n\nlimit: not given: {blind}"


def _float_blind(tree: Expr, x: Symbol, where: Point) -> str | None:
    """Why the limit methods' floats cannot reason with a constant of ``tree`` or the point, or None."""
    return float_blind_constant(tree, x) or (None if where.infinite else float_blind_constant(where.expr, x))


def _table(tree: Expr, x: Symbol, point: Expr, side: str, points: int, value: Expr | None) -> str:
    if not isinstance(points, int) or isinstance(points, bool) or not 1 <= points <= 15:
        raise LimitError(f"points is a whole number from 1 to 15, not {quote(points)}")
    where = _point(point)
    claim = None
    if value is not None:
        claim = math.inf if value == oo else -math.inf if value == Neg(oo) else evaluate(value)
    if where.infinite:
        groups = [("x -> " + str(where.expr), rows(tree, x, 0.0, where.infinite, 1, points, claim))]
    else:
        sides = {"both": (-1, 1), "+": (1,), "-": (-1,)}[side]
        groups = [(f"from the {'left' if s < 0 else 'right'}: {x} = {where.expr} {'-' if s < 0 else '+'} h",
                   rows(tree, x, where.at, 0, s, points, claim)) for s in sides]
    shown = None
    if value is not None:  # the exact value, and its float when that says more: 1/2 = 0.5, e = 2.718...
        decimal = "" if claim is None or math.isinf(claim) else f"{claim:.15g}"
        shown = f"{value}" if decimal in ("", str(value)) else f"{value} = {decimal}"
    return table_text(tree, x, str(where.expr), groups, shown, at_infinity=bool(where.infinite))


# --- checking the arguments ----------------------------------------------------------------------


def _arguments(expr: object, var: object, point: object, side: object) -> tuple[Expr, Symbol, Point, int]:
    tree = worked_out(to_expr(expr))  # type: ignore[arg-type]
    if tree.depth > MAX_INPUT_DEPTH:
        raise LimitError(f"the expression is nested {tree.depth} levels deep; symdiff takes limits of at most "
                         f"{MAX_INPUT_DEPTH}")
    kinds = _kinds_and_symbols(tree)
    if UndefinedCall in kinds:
        raise LimitError(f"{_short(tree)} has an undefined function (f, g, h): it has no limit to find")
    if Infinity in kinds:
        raise LimitError("oo is a limit's point or value, not part of the expression: write the point as point='oo'")
    symbols = frozenset(kind for kind in kinds if isinstance(kind, Symbol))
    if var is None:
        if len(symbols) > 1:
            names = ", ".join(sorted(s.name for s in symbols))
            raise LimitError(f"{_short(tree)} has several variables ({names}): say which one the limit is in")
        x = next(iter(symbols)) if symbols else Symbol("x")
    elif isinstance(var, Symbol):
        x = var
    elif isinstance(var, str):
        x = Symbol(var.strip())
    else:
        raise LimitError(f"the variable is a name such as 'x' or a Symbol, not {quote(var)}")
    others = sorted(s.name for s in symbols - {x})
    if others:
        raise LimitError(f"symdiff takes limits in one variable: {_short(tree)} also has {', '.join(others)}; "
                         "put in values for the others")
    if not isinstance(side, str) or side.strip().lower() not in _SIDES:
        raise LimitError(f"side is 'both', '+' (from the right) or '-' (from the left), not {quote(side)}")
    sides = _SIDES[side.strip().lower()]
    where = _point(point)
    if where.infinite and sides and sides == where.infinite:
        raise LimitError(f"{x} can approach {where.expr} only from one side: leave side as 'both'")
    return tree, x, where, 0 if where.infinite else sides


def _kinds_and_symbols(tree: Expr) -> set[object]:
    """The node kinds in a tree, and its symbols, in one walk (each distinct node once)."""
    found: set[object] = set()
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        found.add(node if type(node) is Symbol else type(node))
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return found


def _point(point: object) -> Point:
    if isinstance(point, str):
        text = point.strip()
        sign = -1 if text[:1] in ("-", "−") else 1
        word = text.lstrip("+-− ").strip().lower()
        if word in _INFINITY_WORDS:
            return Point(oo if sign > 0 else Neg(oo), sign * math.inf, sign)
        point = parse(text)
    elif isinstance(point, float) and math.isinf(point):
        sign = 1 if point > 0 else -1
        return Point(oo if sign > 0 else Neg(oo), point, sign)
    elif isinstance(point, (int, Fraction)) and not isinstance(point, bool) and abs(point) < 10**15:
        return Point(number(point), float(point))  # exact, and within a float's range
    elif isinstance(point, (int, float, Fraction, Decimal)) and not isinstance(point, bool):
        point = number(point)
    if not isinstance(point, Expr):
        raise LimitError(f"the point is a number, an expression such as 'pi/2', or 'oo', not {quote(point)}")
    if point == oo or point == Neg(oo):
        sign = 1 if point == oo else -1
        return Point(point, sign * math.inf, sign)
    if point.free_symbols or any(type(node) is Infinity for node, _ in preorder(point)):
        raise LimitError(f"the point must be a number or a constant expression, not {_short(point)}")
    why = undefined_constant(point, Simplifier())  # tan(pi/2): floats give 1.6e16
    if why is not None:
        raise LimitError(f"the point {_short(point)} has no value: {why}")
    try:
        at = evaluate(point)
    except EvaluationError as error:
        raise LimitError(f"the point {_short(point)} has no value: {error}") from None
    return Point(point, at)


# --- solving ---------------------------------------------------------------------------------------


def _solve(tree: Expr, x: Symbol, where: Point, sides: int) -> Limit:
    side = _SIDE_NAMES[sides]
    if sides == 0 and not where.infinite:
        try:
            return _one_run(tree, x, where, 0, side)
        except NeedSides:
            pass
        left = _one_run(tree, x, where, -1, "-")
        right = _one_run(tree, x, where, 1, "+")
        return _two_sided(tree, x, where, left, right)
    return _one_run(tree, x, where, sides, side)


def _one_run(tree: Expr, x: Symbol, where: Point, sides: int, side: str) -> Limit:
    engine = Engine(x, where, 1 if where.infinite else sides, METHODS)
    value, step = engine.limit(tree)
    return _finished(tree, x, where, side, sides, value, step)


def _finished(tree: Expr, x: Symbol, where: Point, side: str, sides: int, value: Value, step: Step) -> Limit:
    if value.kind in (FINITE, INFINITE):
        claim = value.approx
        f = Sampler(tree, x)
        for s in ((-1, 1) if sides == 0 and not where.infinite else (sides or 1,)):
            if not agrees(f, where.at, where.infinite, s, claim, exact=step.rule == "direct_substitution"):
                raise LimitError(f"symdiff found {value.text()} for the limit of {_short(tree)}, but the "
                                 "function's values near the point do not agree, so it gives no answer")
        return Limit(tree, x, where.expr, side, value.expr(), "", step)
    if value.kind == BOUNDED:
        if value.oscillates:
            return Limit(tree, x, where.expr, side, None, f"it oscillates: {value.why}", step)
        raise LimitError(f"{_short(tree)} stays bounded near the point, but symdiff cannot tell whether it has a "
                         "limit")
    if value.kind == NONE:
        return Limit(tree, x, where.expr, side, None, value.why, step)
    return Limit(tree, x, where.expr, side, None, f"{NOT_DEFINED_NEAR}: {value.why}", step)


def _two_sided(tree: Expr, x: Symbol, where: Point, left: Limit, right: Limit) -> Limit:
    trace = Step("two_sided", "Both one-sided limits",
                 "lim f = L exactly when lim_{x->a-} f = L and lim_{x->a+} f = L", tree, x,
                 left.value if left.value is not None and left.value == right.value else tree,
                 (left.trace, right.trace))
    if left.value is not None and left.value == right.value:
        return Limit(tree, x, where.expr, "both", left.value, "", trace, left, right)
    if left.value is not None and right.value is not None:
        reason = f"the one-sided limits differ: {left.value} from the left, {right.value} from the right"
    elif right.value is not None and left.reason.startswith("the function is not defined"):
        reason = f"the function is defined only on the right of {where.expr}: the limit from the right is {right.value}"
    elif left.value is not None and right.reason.startswith("the function is not defined"):
        reason = f"the function is defined only on the left of {where.expr}: the limit from the left is {left.value}"
    else:
        reason = f"from the left: {left.reason or left.value}; from the right: {right.reason or right.value}"
    trace = Step(trace.rule, trace.name, trace.formula, tree, x, tree, trace.substeps, note=reason)
    return Limit(tree, x, where.expr, "both", None, reason, trace, left, right)


def _short(expr: Expr, limit: int = 60) -> str:
    text = str(expr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(expr: Expr) -> str:
    return repr(_short(expr, 80))

