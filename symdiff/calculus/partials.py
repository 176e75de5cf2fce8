"""Gradients and Hessians with their worked solutions: one worked derivation per partial.

``worked_gradient(e, vars)`` is ``derive(e, x)`` for each variable x; ``worked_hessian`` adds
``derive(e, [xi, xj])`` for each pair, so every answer is the one ``derive``, ``gradient`` and
``hessian`` give. A derivation of ``[xi, xj]`` begins with the gradient's ∂/∂xi, so a Hessian's
worked solution shows the first partials once and then each second partial's last stage.
Like ``Derivation``, both explain themselves as text, LaTeX and JSON; printers only walk the
derivations they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core.errors import SymdiffError, quote
from ..core.expr import Expr, Symbol
from ..core.latex import document, escape_text, expr_latex, symbol_latex
from ..core.notation import operator_latex
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .differentiate import DifferentiationError, derive
from .matrix_latex import gradient_latex, hessian_latex, matrix_latex
from .trace import Derivation

__all__ = [
    "Gradient", "Hessian", "last_stage", "partial_text", "vector_text", "worked_gradient",
    "worked_hessian",
]

# A heading shows the expression up to this many nodes (\cdots for the rest).
_HEADING_NODES = 40
# Plain-text matrices wider than this are not drawn: the entries are listed one a line anyway.
_MATRIX_WIDTH = 100


def worked_gradient(expr: Expr | str, vars: Sequence[str | Symbol] | str | None = None) -> Gradient:  # noqa: A002
    """The gradient with a worked derivation per partial (variables: ``vars``, else all, by name)."""
    tree = to_expr(expr, keep_derivatives=True)
    variables = _variables(tree, vars)
    return Gradient(tree, variables, tuple(derive(tree, x) for x in variables))


def worked_hessian(expr: Expr | str, vars: Sequence[str | Symbol] | str | None = None) -> Hessian:  # noqa: A002
    """The Hessian: entry (i, j) is ``derive(expr, [xi, xj])``, ∂²/∂xj∂xi (by xi first)."""
    first = worked_gradient(expr, vars)
    entries = tuple(tuple(derive(first.expr, [xi, xj]) for xj in first.variables) for xi in first.variables)
    return Hessian(first, entries)


class Gradient:
    """The partial derivatives of ``expr`` by each of ``variables``, each a worked ``Derivation``."""

    __slots__ = ("derivations", "expr", "result", "variables")

    def __init__(self, expr: Expr, variables: Sequence[Symbol], derivations: Sequence[Derivation]) -> None:
        if not (isinstance(expr, Expr) and all(isinstance(v, Symbol) for v in variables)
                and len(variables) == len(derivations) and all(isinstance(d, Derivation) for d in derivations)):
            raise SymdiffError("a Gradient is made by worked_gradient(expr, vars), which checks its arguments")
        self.expr = expr
        self.variables = tuple(variables)
        self.derivations = tuple(derivations)
        self.result: tuple[Expr, ...] = tuple(d.result for d in derivations)

    def __repr__(self) -> str:
        return f"<Gradient of {to_text(self.expr, 60)} by {', '.join(self.names)}: {vector_text(self.result)}>"

    def __str__(self) -> str:
        return self.explain()

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variables]

    @property
    def partial(self) -> bool:
        """Whether the function has several variables, so its derivatives are written with ∂."""
        return len(self.expr.free_symbols | set(self.variables)) > 1

    def summary(self) -> str:
        """The answer: one line per partial derivative."""
        operators = [f"∂/∂{name}" if self.partial else f"d/d{name}" for name in self.names]
        return _listing(f"∇[{to_text(self.expr)}] with respect to ({', '.join(self.names)}):", operators,
                        self.result)

    def explain(self, width: int | None = 1000, *, brief: bool = False,
                highlight: Callable[[str], str] | None = None, notation: str | None = None) -> str:
        """Each partial's worked solution (as ``Derivation.explain``), then the summary."""
        options = _options(width, brief, highlight, notation)
        parts = [_indented(d.explain(**options), 1) for d in self.derivations]  # type: ignore[arg-type]
        return "\n".join([f"The gradient of {to_text(self.expr, width)}: a partial derivative by each of "
                          f"{', '.join(self.names)}", *parts, self.summary()])

    def to_latex(self, *, standalone: bool = False, notation: str | None = None) -> str:
        """Each partial's worked solution (``align*``), then the gradient as a column vector."""
        options = _latex_options(notation)
        blocks = [_heading("gradient", self.expr), *(d.to_latex(**options) for d in self.derivations)]
        blocks.append(gradient_latex(self.expr, self.names, self.result, **options))
        return document(blocks, title="Gradient") if standalone else "\n".join(blocks)

    def to_json(self) -> dict[str, object]:
        """JSON-ready data: the answer, and each partial's derivation (as ``Derivation.to_json``)."""
        return {
            "kind": "gradient",
            "expr": to_text(self.expr),
            "variables": self.names,
            "result": [to_text(value) for value in self.result],
            "result_latex": [expr_latex(value) for value in self.result],
            "partials": [d.to_json() for d in self.derivations],
        }

    def _repr_latex_(self) -> str:
        return f"$\\nabla\\left[{expr_latex(self.expr)}\\right] = {matrix_latex([[v] for v in self.result])}$"


class Hessian:
    """The second partial derivatives of ``gradient.expr``: ``derivations[i][j]`` differentiates by
    ``variables[i]`` and then by ``variables[j]``; ``result[i][j]`` is its answer."""

    __slots__ = ("derivations", "expr", "gradient", "result", "variables")

    def __init__(self, gradient: Gradient, derivations: Sequence[Sequence[Derivation]]) -> None:
        n = len(gradient.variables) if isinstance(gradient, Gradient) else -1
        if n < 0 or len(derivations) != n or any(
            len(row) != n or not all(isinstance(d, Derivation) for d in row) for row in derivations
        ):
            raise SymdiffError("a Hessian is made by worked_hessian(expr, vars), which checks its arguments")
        self.gradient = gradient
        self.expr = gradient.expr
        self.variables = gradient.variables
        self.derivations = tuple(tuple(row) for row in derivations)
        self.result: tuple[tuple[Expr, ...], ...] = tuple(tuple(d.result for d in row) for row in derivations)

    def __repr__(self) -> str:
        rows = ", ".join(vector_text(row) for row in self.result)
        return f"<Hessian of {to_text(self.expr, 60)} by {', '.join(self.gradient.names)}: ({rows})>"

    def __str__(self) -> str:
        return self.explain()

    def summary(self) -> str:
        """The answer: one line per entry, then the matrix when it fits a line."""
        entries = [d for row in self.derivations for d in row]
        several = self.gradient.partial
        text = _listing(f"The Hessian of {to_text(self.expr)} with respect to ({', '.join(self.gradient.names)}):",
                        [partial_text(d, several) for d in entries], [d.result for d in entries])
        return text + _matrix_text(self.result)

    def explain(self, width: int | None = 1000, *, brief: bool = False,
                highlight: Callable[[str], str] | None = None, notation: str | None = None) -> str:
        """The first partials worked out, then each second partial's last stage, then the summary."""
        options = _options(width, brief, highlight, notation)
        lines = [f"The Hessian of {to_text(self.expr, width)}: the second partial derivatives by "
                 f"{', '.join(self.gradient.names)}", "First partial derivatives:"]
        lines += [_indented(d.explain(**options), 1) for d in self.gradient.derivations]  # type: ignore[arg-type]
        lines.append("Second partial derivatives, each the derivative of a first one:")
        for row in self.derivations:
            for entry in row:
                lines.append(f"  {partial_text(entry, self.gradient.partial)}:")
                stage = last_stage(entry)
                if stage is None:
                    lines.append(f"    = 0  ({entry.trace.note})")
                else:
                    lines.append(_indented(stage.explain(**options), 2))  # type: ignore[arg-type]
        lines.append(self.summary())
        return "\n".join(lines)

    def to_latex(self, *, standalone: bool = False, notation: str | None = None) -> str:
        """The first partials, each second partial's last stage, then the matrix."""
        options = _latex_options(notation)
        blocks = [_heading("Hessian", self.expr), r"\paragraph{First partial derivatives.}"]
        blocks += [d.to_latex(**options) for d in self.gradient.derivations]
        blocks.append(r"\paragraph{Second partial derivatives.}")
        for row in self.derivations:
            for entry in row:
                stage = last_stage(entry)
                first, then = (symbol_latex(v.name) for v in entry.variables)
                blocks.append(rf"\noindent $\displaystyle {_operator_latex(entry)}$: by ${first}$, then by ${then}$")
                if stage is None:
                    note = escape_text(entry.trace.note)
                    blocks.append(rf"\[ {_operator_latex(entry)} = 0 \quad \text{{({note})}} \]")
                else:
                    blocks.append(stage.to_latex(**options))
        blocks.append(hessian_latex(self.expr, self.gradient.names, self.result, **options))
        return document(blocks, title="Hessian") if standalone else "\n".join(blocks)

    def to_json(self) -> dict[str, object]:
        """JSON-ready data: the matrix, the gradient's data, and each entry's whole derivation."""
        return {
            "kind": "hessian",
            "expr": to_text(self.expr),
            "variables": self.gradient.names,
            "result": [[to_text(value) for value in row] for row in self.result],
            "result_latex": matrix_latex(self.result),
            "gradient": self.gradient.to_json(),
            "entries": [[d.to_json() for d in row] for row in self.derivations],
        }

    def _repr_latex_(self) -> str:
        return f"$H\\left[{expr_latex(self.expr)}\\right] = {matrix_latex(self.result)}$"


# --- helpers ----------------------------------------------------------------------------------------


def vector_text(values: Sequence[Expr]) -> str:
    """``(2*x*y, x^2 + 3*y^2)``: each entry as symdiff's text, which it reads back."""
    return "(" + ", ".join(to_text(value) for value in values) + ")"


def partial_text(derivation: Derivation, partial: bool) -> str:
    """The derivation's operator, with ∂ when ``partial`` (the function has other variables):
    ``∂^2/∂x^2`` rather than ``d^2/dx^2`` in a Hessian."""
    text = derivation.operator
    if partial and text.startswith("d"):
        head, _, tail = text.partition("/d")
        text = "∂" + head[1:] + "/∂" + tail
    return text


def last_stage(derivation: Derivation) -> Derivation | None:
    """The last differentiation of a derivation of order 2 or more, as a derivation of its own
    (None when an earlier derivative was 0 and the last was never taken)."""
    trace = derivation.trace
    stages = [step for step in trace.substeps if step.rule == "derivative"]
    if len(stages) < derivation.order:
        return None
    last = stages[-1]
    return Derivation(last.expr, last.wrt, 1, last, derivation.raw)


def _variables(tree: Expr, vars: object) -> list[Symbol]:  # noqa: A002
    if vars is None:
        variables = sorted(to_expr(tree).free_symbols, key=lambda symbol: symbol.name)
        if not variables:
            raise DifferentiationError(
                f"{to_text(tree, 40)} has no variables: name those to differentiate by (its partials are all 0)"
            )
        return variables
    if isinstance(vars, (str, Symbol)):
        vars = [vars]  # noqa: A001
    if not isinstance(vars, Sequence) or not vars:
        raise DifferentiationError(f"the variables are a list of names such as ['x', 'y'], not {quote(vars)}")
    variables = []
    for item in vars:
        if isinstance(item, str):
            try:
                item = Symbol(item.strip())
            except SymdiffError:
                pass
        if not isinstance(item, Symbol):
            raise DifferentiationError(f"can only differentiate with respect to a variable name such as x, "
                                       f"not {quote(item)}")
        if item in variables:
            raise DifferentiationError(f"{item.name} is named twice among the variables")
        variables.append(item)
    return variables


def _options(width: int | None, brief: bool, highlight: object, notation: str | None) -> dict[str, object]:
    # notation is passed on only when given: Derivation's printers take it from issue 12 on
    options: dict[str, object] = {"width": width, "brief": brief, "highlight": highlight}
    if notation is not None:
        options["notation"] = notation
    return options


def _latex_options(notation: str | None) -> dict[str, str]:
    return {} if notation is None else {"notation": notation}


def _indented(text: str, levels: int) -> str:
    pad = "  " * levels
    return "\n".join(pad + line for line in text.splitlines())


def _listing(title: str, operators: list[str], values: Sequence[Expr]) -> str:
    width = max(len(op) for op in operators)
    return "\n".join([title, *(f"  {op.ljust(width)} = {value}" for op, value in zip(operators, values, strict=True))])


def _matrix_text(rows: tuple[tuple[Expr, ...], ...]) -> str:
    cells = [[to_text(value) for value in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells))]
    lines = ["[ " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " ]" for row in cells]
    if max(len(line) for line in lines) > _MATRIX_WIDTH:
        return ""
    return "\n" + "\n".join(("  H = " if i == 0 else "      ") + line for i, line in enumerate(lines))


def _operator_latex(derivation: Derivation) -> str:
    names = [v.name for v in derivation.variables]
    return operator_latex(names, [symbol_latex(n) for n in names], partial=True)


def _heading(kind: str, expr: Expr) -> str:
    return rf"\subsection*{{The {kind} of ${expr_latex(expr, max_nodes=_HEADING_NODES)}$}}"

