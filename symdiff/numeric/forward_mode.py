"""Forward-mode automatic differentiation: dual numbers carried through the expression's graph.

Each node gets a value and a tangent, its derivative by the chosen variable: the variable's
tangent is 1, a node's tangent is the sum over its children of (the local slope) x (the
child's tangent). One pass, in evaluation order, gives the value and the derivative together;
``rows`` shows each distinct node once, as the table a textbook draws (a Wengert list).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..core.errors import quote
from ..core.expr import Expr, Symbol
from ..core.latex import symbol_latex
from ..core.printer import to_text
from .dag import AutodiffError, Graph, broadcaster, read_names, read_point
from .float_check import confirmed, extreme
from .graph_print import number_latex, number_text, pass_latex, point_text, text_table

__all__ = ["ForwardResult", "ForwardRow", "forward_mode"]


class ForwardRow(NamedTuple):
    """One distinct node: the subexpression, its value and its tangent (d node/d wrt)."""

    node: Expr
    value: Any
    tangent: Any


def forward_mode(expr: Expr | str, at: object, wrt: str | Symbol | None = None) -> ForwardResult:
    """The value and the derivative of ``expr`` by ``wrt`` at the point ``at``, in one forward pass.

    ``at`` maps each variable (a name or a Symbol) to a number, or to NumPy arrays of samples
    (then values and tangents are arrays). ``wrt`` defaults to the only variable.
    """
    graph = Graph(expr)
    point, shape = read_point(at, graph)
    if wrt is None:
        candidates = sorted(point) if len(point) == 1 else sorted(graph.symbols)
        if len(candidates) != 1:
            raise AutodiffError(f"say which variable the derivative is by: wrt='x' (the expression has "
                                f"{', '.join(sorted(graph.symbols)) or 'no variable'})")
        name = candidates[0]
    else:
        if not isinstance(wrt, (str, Symbol)):
            raise AutodiffError(f"forward mode takes the derivative by one variable: wrt='x', not {quote(wrt)}")
        name = read_names(wrt, "wrt")[0]
    if name not in point:
        raise AutodiffError(f"wrt={name!r}: at gives {name} no value, so there is no point to start from")
    values = graph.values(point, shape)
    varying = graph.varying(frozenset({name}))
    suspect = False  # a slope past the float range's safe middle (float_check)
    tangents: list[Any] = []
    for i in range(len(graph.nodes)):
        if not varying[i]:
            tangents.append(0.0)
            continue
        children = graph.args[i]
        if not children:  # the variable itself
            tangents.append(1.0)
            continue
        need = [varying[c] for c in children]
        slopes = graph.slopes(i, values, need, shape, point)
        suspect = suspect or extreme(slopes)
        tangent: Any = 0.0
        for c, slope, wanted in zip(children, slopes, need, strict=True):
            if wanted:
                tangent = tangent + slope * tangents[c]
        tangents.append(tangent)
    if varying[-1] and (suspect or extreme([tangents[-1]])):
        confirmed(graph.expr, name, tangents[-1], point, "forward")
    return ForwardResult(graph, point, shape, name, values, tangents)


class ForwardResult:
    """What ``forward_mode`` found: ``value``, ``derivative`` and the table of ``rows``."""

    __slots__ = ("_graph", "_shown", "at", "derivative", "expr", "names", "rows", "value", "wrt")

    def __init__(self, graph: Graph, point: dict[str, Any], shape: tuple[int, ...] | None, wrt: str,
                 values: list[Any], tangents: list[Any]) -> None:
        if not isinstance(graph, Graph) or len(values) != len(graph.nodes) or len(tangents) != len(values):
            raise AutodiffError("a ForwardResult is made by symdiff.forward_mode(expr, at, wrt), which checks them")
        self._graph = graph
        self.expr = graph.expr
        self.at = point
        self.wrt = wrt
        self._shown = [i for i, name in enumerate(graph.names) if name is not None]
        self.names = [graph.names[i] for i in self._shown]
        full = broadcaster(shape)
        self.rows = [ForwardRow(graph.nodes[i], full(values[i]), full(tangents[i])) for i in self._shown]
        self.value = full(values[-1])
        self.derivative = full(tangents[-1])

    def __repr__(self) -> str:
        return (f"<ForwardResult d/d{self.wrt} [{to_text(self.expr, 50)}] at {point_text(self.at)}: "
                f"value {number_text(self.value)}, derivative {number_text(self.derivative)}>")

    def table(self) -> str:
        """The forward pass, one row per distinct node: its operation, value and tangent."""
        rows = []
        for i, row in zip(self._shown, self.rows, strict=True):
            operation = self._graph.operation(i)
            rows.append([self._graph.names[i], "input" if operation is None else to_text(operation, 40),
                         number_text(row.value), number_text(row.tangent)])
        heading = f"forward mode: d/d{self.wrt} [{to_text(self.expr, 60)}] at {point_text(self.at)}"
        table = text_table(["node", "operation", "value", f"d/d{self.wrt} (tangent)"], rows, [False, False, True, True])
        return "\n".join([heading, table, self.summary()])

    def summary(self) -> str:
        """The value and the derivative on one line."""
        return f"value {number_text(self.value, 10)}, d/d{self.wrt} = {number_text(self.derivative, 10)}"

    def summary_latex(self) -> str:
        """The value and the derivative as LaTeX."""
        wrt = symbol_latex(self.wrt)
        derivative = number_latex(self.derivative)
        return rf"f = {number_latex(self.value)}, \quad \frac{{\partial f}}{{\partial {wrt}}} = {derivative}"

    def to_latex(self, standalone: bool = False) -> str:
        """The same table as LaTeX (``gather*`` with an ``array``); ``standalone``: a document."""
        header = rf"\dot v = \partial v/\partial {symbol_latex(self.wrt)}"
        return pass_latex(self._graph, self._shown, self.rows, lambda row: number_latex(row.tangent), header,
                          self.expr, self.at, self.summary_latex(), title="Forward mode", standalone=standalone)
