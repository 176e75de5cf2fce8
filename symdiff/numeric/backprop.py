"""Reverse-mode automatic differentiation (backpropagation) on the expression's graph.

The forward pass computes every distinct node's value; the backward pass starts from the
output's adjoint, d f/d f = 1, and walks the nodes in reverse evaluation order (a reverse
topological order), adding to each child's adjoint the parent's adjoint times the local slope:
adj(u) += adj(z) * dz/du. A node used by several parents gathers one such product per path,
and since every parent comes after its children in the list, a node's adjoint is complete when
its turn comes. One backward pass gives the derivative by every variable: the gradient.

Over a data set (NumPy arrays in ``at``) the values and adjoints are arrays, one entry per
sample: the adjoint of a parameter is then its derivative in each sample's expression, and
``reduce="sum"`` or ``"mean"`` turns those into the gradient of the total or average (a cost).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from ..core.errors import quote
from ..core.expr import Expr
from ..core.latex import symbol_latex
from ..core.printer import to_text
from .dag import AutodiffError, Graph, broadcaster, read_names, read_point
from .float_check import confirmed, extreme
from .graph_print import number_latex, number_text, pass_latex, point_text, text_table
from .local_rules import local_formula

__all__ = ["BackpropResult", "BackpropRow", "backprop"]

_REDUCTIONS = (None, "sum", "mean")


class BackpropRow(NamedTuple):
    """One distinct node: the subexpression, its operation over its children's names, its value,
    its adjoint (d f/d node; None where it depends on no variable differentiated) and the local
    slopes used, as (child, d node/d child) pairs."""

    node: Expr
    operation: str
    value: Any
    adjoint: Any
    locals: tuple[tuple[Expr, Any], ...]


# A product fed into an adjoint: (parent, which of its children, that child, d parent/d child,
# adj(parent) * that). A child may be there twice: x^x, x*x.
Contribution = tuple[int, int, int, Any, Any]


def backprop(expr: Expr | str, at: object, wrt: object = None, reduce: str | None = None) -> BackpropResult:
    """The value and the gradient of ``expr`` at ``at``, by a forward and a backward pass.

    ``at`` maps each variable (a name or a Symbol) to a number or to NumPy arrays of samples.
    ``wrt`` names the variables to differentiate by (default: every one in ``at``); the others
    are held constant. Over samples, ``reduce`` is None (per-sample arrays), ``"sum"`` or
    ``"mean"`` (the gradient of the total or the average, as floats); ``value`` follows it.
    """
    graph = Graph(expr)
    point, shape = read_point(at, graph)
    names = list(point) if wrt is None else read_names(wrt, "wrt")
    for name in names:
        if name not in point:
            raise AutodiffError(f"wrt names {name}, which at gives no value")
    if not (reduce is None or (isinstance(reduce, str) and reduce in _REDUCTIONS)):
        raise AutodiffError(f"reduce is None, 'sum' or 'mean', not {quote(reduce)}")
    values = graph.values(point, shape)
    varying = graph.varying(frozenset(names))
    count = len(graph.nodes)
    adjoints: list[Any] = [None] * count
    slopes: list[list[Any] | None] = [None] * count
    contributions: list[Contribution] = []
    suspect = False  # a slope past the float range's safe middle (float_check)
    if varying[-1]:
        adjoints[-1] = 1.0
        args = graph.args
        for i in range(count - 1, -1, -1):
            g = adjoints[i]
            children = args[i]
            if g is None or not children:
                continue
            need = [varying[c] for c in children]
            found = slopes[i] = graph.slopes(i, values, need, shape, point)
            suspect = suspect or extreme(found)
            for k, (c, slope, wanted) in enumerate(zip(children, found, need, strict=True)):
                if wanted:
                    share = g * slope
                    adjoints[c] = share if adjoints[c] is None else adjoints[c] + share
                    contributions.append((i, k, c, slope, share))
    symbols = graph.symbols
    ends = [adjoints[symbols[name]] for name in names if name in symbols]
    if suspect or extreme(ends):
        for name in names:
            if name in symbols and adjoints[symbols[name]] is not None:
                confirmed(graph.expr, name, adjoints[symbols[name]], point, "backward")
    return BackpropResult(graph, point, shape, names, reduce, values, adjoints, slopes, contributions)


class BackpropResult:
    """What ``backprop`` found: ``value``, ``gradient`` (name -> derivative) and the ``rows``."""

    __slots__ = ("_adjoints", "_contributions", "_graph", "_rows", "_shape", "_shown", "_slopes", "_values", "at",
                 "expr", "gradient", "names", "reduce", "value", "wrt")

    def __init__(self, graph: Graph, point: dict[str, Any], shape: tuple[int, ...] | None, wrt: list[str],
                 reduce: str | None, values: list[Any], adjoints: list[Any], slopes: list[list[Any] | None],
                 contributions: list[Contribution]) -> None:
        if not isinstance(graph, Graph) or not len(values) == len(adjoints) == len(slopes) == len(graph.nodes):
            raise AutodiffError("a BackpropResult is made by symdiff.backprop(expr, at), which checks its arguments")
        self._graph = graph
        self._values, self._adjoints, self._slopes = values, adjoints, slopes
        self._contributions = contributions
        self._shape = shape
        self._rows: list[BackpropRow] | None = None
        self.expr = graph.expr
        self.at = point
        self.wrt = tuple(wrt)
        self.reduce = reduce
        self._shown = [i for i, name in enumerate(graph.names) if name is not None]
        self.names = [graph.names[i] for i in self._shown]
        self.value = _reduction(shape, reduce)(values[-1])
        self.gradient: dict[str, Any] = {}
        for name in self.wrt:
            i = graph.symbols.get(name)
            adjoint = 0.0 if i is None or adjoints[i] is None else adjoints[i]
            self.gradient[name] = _reduced_gradient(adjoint, point[name], shape, reduce)

    @property
    def rows(self) -> list[BackpropRow]:
        """One row per distinct node (numbers and constants aside), in evaluation order; over a data
        set every value, adjoint and slope is an array of the data's shape."""
        if self._rows is None:
            graph, full = self._graph, broadcaster(self._shape)
            rows = []
            for i in self._shown:
                operation = graph.operation(i)
                found = self._slopes[i] or []
                pairs = tuple((graph.nodes[c], full(s)) for c, s in zip(graph.args[i], found, strict=False)
                              if s is not None)
                adjoint = None if self._adjoints[i] is None else full(self._adjoints[i])
                rows.append(BackpropRow(graph.nodes[i], "input" if operation is None else to_text(operation),
                                        full(self._values[i]), adjoint, pairs))
            self._rows = rows
        return self._rows

    def __repr__(self) -> str:
        gradient = ", ".join(f"{name}: {number_text(value)}" for name, value in self.gradient.items())
        return (f"<BackpropResult {to_text(self.expr, 50)} at {point_text(self.at)}: value {number_text(self.value)}, "
                f"gradient {{{gradient}}}>")

    def table(self) -> str:
        """Both passes, one row per distinct node: its operation, value and adjoint."""
        rows = [[name, row.operation if len(row.operation) <= 40 else row.operation[:39] + "…",
                 number_text(row.value), "" if row.adjoint is None else number_text(row.adjoint)]
                for name, row in zip(self.names, self.rows, strict=True)]
        heading = f"backprop: {to_text(self.expr, 60)} at {point_text(self.at)}"
        table = text_table(["node", "operation", "value", "adjoint"], rows, [False, False, True, True])
        return "\n".join([heading, table, self.summary()])

    def summary(self) -> str:
        """The value and the gradient on one line."""
        reduced = f" ({self.reduce} over the samples)" if self.reduce else ""
        parts = [f"value {number_text(self.value, 10)}{reduced}"]
        parts += [f"d/d{name} = {number_text(value, 10)}" for name, value in self.gradient.items()]
        return ", ".join(parts)

    def summary_latex(self) -> str:
        """The value and the gradient as LaTeX."""
        parts = [f"f = {number_latex(self.value)}"]
        parts += [rf"\frac{{\partial f}}{{\partial {symbol_latex(name)}}} = {number_latex(value)}"
                  for name, value in self.gradient.items()]
        return r",\quad ".join(parts)

    def explain(self) -> str:
        """The backward pass, node by node: each adjoint, and the chain-rule product that each
        of its children's adjoints received from it (adj(u) += adj(z) * dz/du)."""
        graph = self._graph
        feeds: dict[int, list[Contribution]] = {}
        received: dict[int, int] = {}
        for contribution in self._contributions:
            feeds.setdefault(contribution[0], []).append(contribution)
            received[contribution[2]] = received.get(contribution[2], 0) + 1
        adjoints = self._adjoints
        order = [i for i in range(len(adjoints) - 1, -1, -1) if adjoints[i] is not None]
        if not order:
            return f"{to_text(self.expr, 60)} depends on none of {', '.join(self.wrt)}: every derivative is 0"
        lines = []
        for i in order:
            name = graph.label(i)
            if i == len(adjoints) - 1:
                total = f"adj({name}) = 1  ({name} is the output f: df/df = 1)"
            else:
                paths = received.get(i, 0)
                total = f"adj({name}) = {number_text(adjoints[i])}"
                total += f"  (the sum over {paths} paths)" if paths > 1 else ""
            if name in self.gradient:
                total += f": df/d{name} = {number_text(adjoints[i])}"
                total += " in each sample" if self.reduce and self._shape is not None else ""
            lines.append(total)
            for parent, k, child, slope, share in feeds.get(i, []):
                child_name, names = graph.label(child), [graph.label(c) for c in graph.args[parent]]
                formula = local_formula(graph.nodes[parent], k, names)
                lines.append(f"  adj({child_name}) += adj({name}) * d{name}/d{child_name} = "
                             f"{number_text(adjoints[parent])} * {number_text(slope)} = {number_text(share)}"
                             f"   [d{name}/d{child_name} = {formula}]")
        if self.reduce and self._shape is not None:
            lines += self._reduction_lines()
        return "\n".join(lines)

    def _reduction_lines(self) -> list[str]:
        """How the per-sample derivatives make the gradient of the total or the mean F."""
        n = math.prod(self._shape or ())
        lines = [f"F = the {self.reduce} of f over the {n:,} samples, " +
                 ("(f_1 + ... + f_n)/n:" if self.reduce == "mean" else "f_1 + ... + f_n:")]
        over = f"/{n}" if self.reduce == "mean" else ""
        for name, value in self.gradient.items():
            given = self.at.get(name)
            if isinstance(given, float):  # one value for every sample: a parameter
                lines.append(f"  dF/d{name} = the {self.reduce} of df/d{name} over the samples = {number_text(value)}")
            elif tuple(given.shape) == tuple(self._shape or ()):  # its own value in each sample
                own = f"df/d{name} in its own sample"
                lines.append(f"  dF/d{name} = {f'({own}){over}' if over else own} = {number_text(value)}")
            else:  # broadcast: each entry is shared by the samples along the axes it is spread over
                shared = f"df/d{name} summed over the samples that share each entry of {name}"
                lines.append(f"  dF/d{name} = {f'({shared}){over}' if over else shared} = {number_text(value)}")
        return lines

    def to_latex(self, standalone: bool = False) -> str:
        """The table as LaTeX (``gather*`` with an ``array``); ``standalone``: a whole document."""
        return pass_latex(self._graph, self._shown, self.rows,
                          lambda row: "" if row.adjoint is None else number_latex(row.adjoint),
                          r"\bar v = \partial f/\partial v", self.expr, self.at, self.summary_latex(),
                          title="Backpropagation", standalone=standalone)

    def to_dot(self) -> str:
        """The computational graph as Graphviz DOT, as micrograd's ``draw_dot`` draws it: a box per
        node (its name and operation, value and gradient), an oval per operation."""
        from .graph_dot import graph_dot

        return graph_dot(self._graph, [row.value for row in self.rows], [row.adjoint for row in self.rows],
                         self._shown)

    def render(self, path: object) -> object:
        """Draw the graph to ``path``: .png, .svg or .pdf with the graphviz package and Graphviz's
        ``dot`` program, or the DOT text itself to .dot or .gv. Returns the path written."""
        from .graph_dot import render

        return render(self.to_dot(), path)


def _reduced_gradient(adjoint: Any, given: Any, shape: tuple[int, ...] | None, reduce: str | None) -> Any:
    """d(total or mean)/d(variable): a parameter (one number for every sample) gathers every
    sample's adjoint, but a variable given per sample (a data column) has one derivative per
    sample, each its own sample's adjoint (over n for the mean), as torch gives for x.grad. A
    column broadcast along an axis gathers along that axis."""
    if shape is None or reduce is None:
        return broadcaster(shape)(adjoint)
    import numpy as np

    full = np.array(np.broadcast_to(adjoint, shape), dtype=float)
    own = np.shape(given)
    extra = full.ndim - len(own)
    gathered = full.sum(axis=tuple(range(extra))) if extra else full
    axes = tuple(k for k, n in enumerate(own) if n == 1 and gathered.shape[k] != 1)
    if axes:
        gathered = gathered.sum(axis=axes, keepdims=True)
    if reduce == "mean":
        gathered = gathered / full.size
    return float(gathered) if not own else gathered


def _reduction(shape: tuple[int, ...] | None, reduce: str | None) -> Any:
    full = broadcaster(shape)
    if shape is None or reduce is None:
        return full
    import numpy as np

    return lambda value: float(np.sum(full(value)) if reduce == "sum" else np.mean(full(value)))
