"""Printing the numbers of forward mode and backprop: values in tables, text and LaTeX.

A value is a float at a point or a NumPy array over a data set; a table shows an array by its
first and last few samples. ``text_table`` pads columns; ``latex_array`` sets the same rows as a
LaTeX ``array`` (inside ``gather*``, so it compiles with amsmath alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["dot_escape", "latex_array", "number_latex", "number_text", "pass_latex", "point_text", "text_table"]


def number_text(value: Any, digits: int = 6) -> str:
    """A value for a table: ``0.841471``; an array of samples as its first and last few."""
    if isinstance(value, float | int):
        return "0" if value == 0 else f"{value:.{digits}g}"
    import numpy as np

    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return number_text(float(array), digits)
    return np.array2string(array + 0.0, precision=digits - 2, threshold=6, edgeitems=2, separator=", ",
                           max_line_width=10_000)


def number_latex(value: Any, digits: int = 6) -> str:
    """A value as LaTeX: ``1.5``, ``2.1 \\times 10^{-7}``; an array as its first and last few."""
    if isinstance(value, float | int):
        text = number_text(value, digits)
        if "e" in text:
            mantissa, exponent = text.split("e")
            return rf"{mantissa} \times 10^{{{int(exponent)}}}"
        return text
    import numpy as np

    array = np.asarray(value, dtype=float).reshape(-1)
    if array.size == 1 and np.ndim(value) == 0:
        return number_latex(float(array[0]), digits)
    shown = [number_latex(float(v), digits - 2) for v in array]
    if len(shown) > 6:
        shown = [*shown[:2], r"\ldots", *shown[-2:]]
    return r"\left[" + ",\\ ".join(shown) + r"\right]"


def point_text(point: dict[str, Any]) -> str:
    """``x = 1.5, y = 2``."""
    return ", ".join(f"{name} = {number_text(value, 10)}" for name, value in point.items())


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """Columns padded to their widest cell, a rule under the headers; ``right`` aligns numbers."""
    widths = [max(len(headers[k]), *(len(row[k]) for row in rows)) for k in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = (cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(cells, widths, right, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])


def latex_array(headers: Sequence[str], rows: Sequence[Sequence[str]], columns: str) -> str:
    """A LaTeX ``array`` of math cells, a rule under the headers (already LaTeX)."""
    return "\n".join([
        rf"\begin{{array}}{{{columns}}}",
        " & ".join(headers) + r" \\ \hline",
        *(" & ".join(row) + r" \\" for row in rows),
        r"\end{array}",
    ])  # fmt: skip


def dot_escape(text: str) -> str:
    """Text for a Graphviz record label: its special characters made literal."""
    return "".join("\\" + char if char in '\\{}|<>"' else char for char in text)


def pass_latex(graph: Any, shown: Sequence[int], rows: Sequence[Any], last: Any, last_header: str, expr: Any,
               at: dict[str, Any], summary: str, *, title: str, standalone: bool) -> str:
    """A pass over the graph as LaTeX: f at the point, the table of its nodes (``last`` gives the
    last column of a row: a tangent, or an adjoint), the summary; ``standalone``: a document.
    Forward mode and backprop share it."""
    from ..core.latex import document, expr_latex, symbol_latex

    cells = []
    for i, row in zip(shown, rows, strict=True):
        operation = graph.operation(i)
        cells.append([symbol_latex(graph.names[i]), r"\text{input}" if operation is None else expr_latex(operation),
                      number_latex(row.value), last(row)])
    headers = [r"\text{node}", r"\text{operation}", r"\text{value}", last_header]
    point = r",\ ".join(f"{symbol_latex(name)} = {number_latex(value)}" for name, value in at.items())
    body = "\n".join([
        r"\begin{gather*}",
        rf"f = {expr_latex(expr)} \quad \text{{at }} {point} \\",
        latex_array(headers, cells, "llrr") + r" \\",
        summary,
        r"\end{gather*}",
    ])  # fmt: skip
    return document([body], title=title) if standalone else body
