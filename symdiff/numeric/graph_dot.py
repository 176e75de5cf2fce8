"""The computational graph as Graphviz DOT, and drawn to a picture when Graphviz is installed.

As micrograd's ``draw_dot``: left to right, each node a record box ``{ name = operation | value
| grad }``, each operation a small oval feeding the box it makes, numbers and constants plain
text. ``render`` writes the DOT text itself for .dot and .gv, and otherwise has the ``graphviz``
package run Graphviz's ``dot`` program; without them it says what to install.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..core.errors import quote
from ..core.expr import Add, Call, Div, Expr, Log, Mul, Neg, Pow, Root, Sub
from ..core.printer import to_text
from .dag import AutodiffError, Graph
from .graph_print import dot_escape, number_text

__all__ = ["graph_dot", "render"]

_SYMBOLS: dict[type[Expr], str] = {Add: "+", Sub: "-", Mul: "*", Div: "/", Neg: "neg", Pow: "^", Log: "log"}
_FORMATS = (".png", ".svg", ".pdf")
_WITHOUT = "; to_dot() gives the DOT text without them, and a path ending in .dot writes it"
_NO_PACKAGE = ("drawing the graph needs the graphviz Python package and Graphviz's dot program: pip install graphviz, "
               "and apt-get install graphviz (brew install graphviz on macOS)" + _WITHOUT)
_NO_DOT = ("drawing the graph needs Graphviz's dot program: apt-get install graphviz (brew install graphviz on "
           "macOS)" + _WITHOUT)


def graph_dot(graph: Graph, values: list[Any], adjoints: list[Any], shown: list[int]) -> str:
    """DOT text for ``graph``; ``values`` and ``adjoints`` are those of the nodes ``shown``."""
    lines = ["digraph backprop {", "  rankdir=LR;", '  node [shape=record, fontname="Helvetica"];']
    rows = dict(zip(shown, zip(values, adjoints, strict=True), strict=True))
    for i, node in enumerate(graph.nodes):
        if i not in rows:  # a number or a constant
            lines.append(f'  n{i} [label="{dot_escape(to_text(node, 30))}", shape=plaintext];')
            continue
        value, adjoint = rows[i]
        operation = graph.operation(i)
        title = graph.names[i] if operation is None else f"{graph.names[i]} = {to_text(operation, 40)}"
        grad = "—" if adjoint is None else number_text(adjoint, 5)
        cells = [dot_escape(title or ""), f"value {dot_escape(number_text(value, 5))}", f"grad {dot_escape(grad)}"]
        lines.append(f'  n{i} [label="{{ {" | ".join(cells)} }}"];')
        if operation is not None:
            symbol = _operation_symbol(node)
            lines.append(f'  n{i}op [label="{dot_escape(symbol)}", shape=ellipse];')
            lines.append(f"  n{i}op -> n{i};")
            lines.extend(f"  n{c} -> n{i}op;" for c in graph.args[i])
    lines.append("}")
    return "\n".join(lines) + "\n"


def _operation_symbol(node: Expr) -> str:
    if type(node) is Call:
        return node.name  # type: ignore[attr-defined]
    if type(node) is Root:
        return f"root {node.index}"  # type: ignore[attr-defined]
    return _SYMBOLS[type(node)]


def drawable(path: object) -> Path:
    """``path`` as a file ``render`` can write, or an ``AutodiffError`` saying why not (the command
    line asks before it works anything out)."""
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise AutodiffError(f"render takes a file name such as 'graph.png' or 'graph.dot', not {quote(path)}")
    target = Path(path).expanduser()
    if target.suffix.lower() not in (".dot", ".gv", *_FORMATS):
        raise AutodiffError(f"cannot draw to {quote(str(path))}: name a .png, .svg, .pdf or .dot file")
    return target


def render(dot: str, path: object) -> Path:
    """Write ``dot`` to ``path``: as text for .dot/.gv, drawn by Graphviz for .png/.svg/.pdf."""
    target = drawable(path)
    suffix = target.suffix.lower()
    data = dot.encode("utf-8") if suffix in (".dot", ".gv") else _drawn(dot, suffix[1:])
    try:
        target.write_bytes(data)
    except OSError as error:
        raise AutodiffError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def _drawn(dot: str, form: str) -> bytes:
    try:
        import graphviz
    except ImportError:
        raise AutodiffError(_NO_PACKAGE) from None
    if shutil.which("dot") is None:
        raise AutodiffError(_NO_DOT)
    try:
        return graphviz.Source(dot).pipe(format=form)
    except (graphviz.ExecutableNotFound, subprocess.CalledProcessError, OSError) as error:
        raise AutodiffError(f"Graphviz could not draw the graph: {error}") from None
