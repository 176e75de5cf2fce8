"""Limits and the derivative from its definition as results, and the numbers beside them.

``LimitResult`` (a worked ``symdiff.limit``) and ``DefinitionResult`` (a ``first_principles``
derivation, with the difference quotients at a point when one is given) join the session's and
the command line's results (``results.Result``): they explain themselves, give LaTeX, JSON and
Markdown, and are written to files. ``worked_limit`` is what both front ends call: a limit
symdiff declines becomes ``DeclinedLimit``, which carries the function's values near the point,
the numbers a person still gets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..calculus.limits import Limit, LimitError, limit, limit_table
from ..calculus.trace import Derivation
from ..core.errors import SymdiffError
from ..core.expr import Expr, Infinity, Symbol
from ..core.latex import document, escape_text, expr_latex
from ..core.printer import to_text
from .results import DerivativeResult, Highlight, Result

__all__ = [
    "DeclinedLimit", "DefinitionResult", "LimitResult", "QuotientTable", "quotient_table", "worked_definition",
    "worked_limit",
]  # fmt: skip

# The library's hint for Python callers, which the front ends replace by the table itself.
_PYTHON_HINT = " — the numbers are still available: "
QUOTIENT_STEPS = 8  # h = 1, 0.1, ..., 1e-7


class DeclinedLimit(LimitError):
    """A limit symdiff could not decide, with the function's values near the point (``table``).

    ``message`` is the reason alone; ``str()`` adds the table, as the session shows it."""

    def __init__(self, message: str, table: str) -> None:
        self.message = message
        self.table = table
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.message}\nThe function's values near the point:\n{self.table}"


def worked_limit(expr: Expr | str, var: str | Symbol | None, point: object, side: str = "both") -> LimitResult:
    """``symdiff.limit`` as a result; a limit it declines raises ``DeclinedLimit`` with the table,
    bad input (a point with a variable in it, an unknown side) the library's own error."""
    try:
        return LimitResult(limit(expr, var, point, side))
    except LimitError as error:
        try:
            numbers = limit_table(expr, var, point, side)
        except SymdiffError:
            raise error from None  # the arguments are at fault: there are no numbers to give
        raise DeclinedLimit(str(error).split(_PYTHON_HINT, 1)[0], numbers) from None


class LimitResult(Result):
    """A worked limit (``symdiff.limit``)."""

    kind = singular = "limit"
    plural = "limits"

    def __init__(self, worked: Limit) -> None:
        self.limit = worked
        self.what = f"the limit {worked.notation()} [{to_text(worked.expr, 60)}]"
        value = worked.value
        # _ stands for a number, not for oo: oo is a limit's value, not part of an expression
        finite = value is not None and not any(type(node) is Infinity for node in _nodes(value))
        self.value = value if finite else None

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        # The notation is that of derivatives; a limit's steps are the same in each.
        if steps == "off":
            return self.answer() if self.limit.exists else f"does not exist: {self.limit.reason}"
        return self.limit.explain(brief=steps == "brief")

    def answer(self) -> str:
        return str(self.limit)

    def answer_latex(self) -> str:
        value = self.limit.value
        return expr_latex(value) if value is not None else r"\text{does not exist}"

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        block = self.limit.to_latex()
        return document([block], title="Limit") if standalone else block

    def to_json(self) -> dict[str, object]:
        return {"kind": "limit", **self.limit.to_json()}

    def markdown(self) -> str:
        """The section every result has, and the function's values near the point."""
        return "\n".join([super().markdown(), "Values near the point:", "", "```text", self.limit.table(), "```", ""])


# --- the derivative from the definition ------------------------------------------------------------


@dataclass(frozen=True)
class QuotientTable:
    """The difference quotients (f(a + h) - f(a))/h at x = a for h = 1 ... 1e-7, approaching f'(a)."""

    var: str
    at: Expr  # a, exactly as given
    slope: Expr  # f'(a), exactly
    slope_value: float | None  # None where f'(a) has no value (sqrt(x) at 0)
    rows: tuple[tuple[float, float, float], ...]  # (h, quotient, |quotient - f'(a)|, nan without f'(a))
    no_slope: str = ""  # why f'(a) has no value

    def quotient_text(self) -> str:
        a = to_text(self.at)
        return f"(f({a} + h) - f({a}))/h"

    def rounding_from(self) -> int | None:
        """The first row whose error is larger than the row before it: from there on, the rounding
        of f(a + h) - f(a) outweighs what a smaller h gains (None if the error only shrinks)."""
        errors = [row[2] for row in self.rows]
        if self.slope_value is None:
            return None
        for i in range(1, len(errors)):
            if errors[i] > errors[i - 1] and errors[i - 1] > 0:
                return i
        return None

    def text(self) -> str:
        a = to_text(self.at)
        slope = to_text(self.slope)
        heading = self.quotient_text()
        width = max(len(heading), 18)
        if self.slope_value is None:
            intro = (f"The difference quotient at {self.var} = {a}; f'({a}) = {slope} has no value "
                     f"({self.no_slope}), so there is no error to show:")
        else:
            approx = f"{self.slope_value:.12g}"
            limit = slope if approx == slope else f"{slope} ≈ {approx}"
            intro = f"The difference quotient at {self.var} = {a}, approaching f'({a}) = {limit}:"
        lines = [intro, f"{'h':>9}  {heading:>{width}}  {'error':>9}"]
        rounding = self.rounding_from()
        for i, (h, quotient, error) in enumerate(self.rows):
            mark = "  *" if rounding is not None and i >= rounding else ""
            shown = f"{error:>9.3g}" if math.isfinite(error) else f"{'-':>9}"
            lines.append(f"{h:>9g}  {quotient:>{width}.12g}  {shown}{mark}")
        if rounding is not None:
            lines.append("* the error grows again: the rounding of f(a + h) - f(a) outweighs a smaller h")
        return "\n".join(lines)

    def latex(self) -> str:
        a = expr_latex(self.at)
        quotient = rf"\dfrac{{f({a} + h) - f({a})}}{{h}}"
        rows = [rf"{_latex_number(h)} & {_latex_number(q, 12)} & {_latex_number(e, 3) if math.isfinite(e) else '--'} \\"
                for h, q, e in self.rows]
        where = rf"The difference quotient at ${expr_latex(Symbol(self.var))} = {a}$"
        if self.slope_value is None:
            why = escape_text(f"has no value ({self.no_slope})")
            intro = rf"{where}; $f'({a}) = {expr_latex(self.slope)}$ {why}"
        else:
            intro = rf"{where}, approaching $f'({a}) = {expr_latex(self.slope)}$"
        return "\n".join([
            rf"\par\medskip {intro}:\par\medskip",
            r"\begin{tabular}{rrr}",
            rf"$h$ & ${quotient}$ & {escape_text('error')} \\ \hline",
            *rows,
            r"\end{tabular}",
        ])  # fmt: skip

    def to_json(self) -> dict[str, object]:
        return {"at": to_text(self.at), "slope": to_text(self.slope), "slope_value": self.slope_value,
                "rows": [{"h": h, "quotient": q, "error": e if math.isfinite(e) else None} for h, q, e in self.rows]}


def quotient_table(expr: Expr, at: object, wrt: str | Symbol) -> QuotientTable:
    """The difference quotients of ``expr`` at ``at`` (a number or constant expression)."""
    from ..algebra.textbook import simplify
    from ..calculus.differentiate import diff
    from ..calculus.first_principles import difference_quotients
    from ..core.evaluate import evaluate
    from ..core.traversal import substitute
    from ..syntax.parser import to_expr

    x = wrt if isinstance(wrt, Symbol) else Symbol(wrt)
    point = to_expr(at)  # type: ignore[arg-type]
    if point.free_symbols:
        raise SymdiffError(f"the point is a number or a constant expression such as pi/4, not {to_text(point, 40)}")
    try:
        rows = difference_quotients(expr, to_text(point), x, steps=QUOTIENT_STEPS)
        slope = simplify(substitute(diff(expr, x), {x: point}))
    except SymdiffError as error:
        raise SymdiffError(f"no difference quotients at {x.name} = {to_text(point, 40)}: {error}") from None
    try:
        slope_value: float | None = evaluate(slope)
    except SymdiffError as error:  # sqrt(x) at 0: the quotients exist and grow, f'(0) has no value
        written = substitute(diff(expr, x), {x: point})  # 1/(2*sqrt(0)), not the simplifier's 1/0
        rows = [(h, quotient, math.nan) for h, quotient, _ in rows]
        return QuotientTable(x.name, point, written, None, tuple(rows), str(error))
    return QuotientTable(x.name, point, slope, slope_value, tuple(rows))


def worked_definition(expr: Expr, wrt: str | Symbol, at: object = None) -> DefinitionResult:
    """``first_principles`` as a result; given ``at``, with the difference quotients there."""
    from ..calculus.first_principles import first_principles

    derivation = first_principles(expr, wrt)
    table = None if at is None else quotient_table(derivation.expr, at, derivation.wrt)
    return DefinitionResult(derivation, table)


class DefinitionResult(DerivativeResult):
    """The derivative worked from its definition (``first_principles``), and, given a point, the
    difference quotients there approaching the derivative's value."""

    def __init__(self, derivation: Derivation, quotients: QuotientTable | None = None) -> None:
        super().__init__(derivation)
        self.quotients = quotients
        self.what = f"the derivative of {to_text(derivation.expr, 60)} from the definition"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        worked = super().explain(steps, highlight, notation)
        return worked if self.quotients is None else f"{worked}\n\n{self.quotients.text()}"

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        block = super().to_latex(notation=notation)
        if self.quotients is not None:
            block += "\n" + self.quotients.latex()
        return document([block], title="The derivative from the definition") if standalone else block

    def to_json(self) -> dict[str, object]:
        data = {"kind": "derivative from the definition", **super().to_json()}
        if self.quotients is not None:
            data["difference_quotients"] = self.quotients.to_json()
        return data


def _latex_number(value: float, digits: int = 6) -> str:
    """A float in LaTeX: 0.001, 2.0001, 1.01 \\times 10^{-7}."""
    text = f"{value:.{digits}g}"
    if not math.isfinite(value):
        return escape_text(text)
    if "e" in text:
        mantissa, exponent = text.split("e")
        power = rf"10^{{{int(exponent)}}}"
        return f"${power}$" if mantissa == "1" else rf"${mantissa} \times {power}$"
    return f"${text}$"


def _nodes(expr: Expr) -> list[Expr]:
    from ..core.traversal import preorder

    return [node for node, _ in preorder(expr)]
