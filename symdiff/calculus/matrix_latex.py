r"""LaTeX for a gradient and a Hessian: the vector or matrix when it fits the page, else each
partial derivative on rows of its own.

These print what ``gradient`` and ``hessian`` computed (they compute nothing): the function is
named (``f``, or a letter it does not use) and stated with its variables, ``f(x, y) = ...``;
then ``\nabla f`` as a column, or the Hessian ``H_f`` as a ``bmatrix``, when it is narrow
enough for the page, and otherwise each partial derivative, broken across rows as a worked
solution's lines are (``symdiff.core.latex_lines``). A Hessian whose mixed partials agree, as
they do for the functions symdiff differentiates, lists each pair once. ``standalone`` makes a
handout: the problem, the partial derivatives, and the answer boxed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.errors import SymdiffError, quote
from ..core.expr import Expr, Symbol, UndefinedCall
from ..core.latex import document, expr_latex, symbol_latex
from ..core.latex_lines import LINE_EM, ROOM_EM, Item, chunk, expr_items, fill
from ..core.latex_width import latex_width
from ..core.notation import check_notation, named_derivative_latex
from ..syntax.parser import to_expr

__all__ = ["gradient_latex", "hessian_latex", "matrix_latex"]

ENTRY_NODES = 2_000  # as a worked solution's answer: past this an entry is abbreviated
_COLUMN_GAP_EM = 0.95  # a bmatrix's space between columns (2 \arraycolsep), and a little more
_NAMES = ("f", "g", "h", "F", r"\varphi")


def matrix_latex(rows: Sequence[Sequence[Expr]]) -> str:
    r"""A matrix of expressions as a ``bmatrix`` (``\begin{bmatrix} a & b \\ c & d \end{bmatrix}``);
    a column vector is a matrix of one column."""
    table = _table(rows, "the matrix")
    body = " \\\\\n".join(" & ".join(expr_latex(entry, max_nodes=ENTRY_NODES) for entry in row) for row in table)
    return "\\begin{bmatrix}\n" + body + "\n\\end{bmatrix}"


def gradient_latex(expr: Expr | str, variables: Sequence[str | Symbol], partials: Sequence[Expr], *,
                   standalone: bool = False, notation: str = "leibniz") -> str:
    r"""The gradient of ``expr``, whose partial derivatives by ``variables`` (in that order) are
    ``partials`` (as ``symdiff.gradient(expr, variables)`` gives them): ``\nabla f`` as a
    column when it fits the page, else each partial derivative. An ``align*`` block, or with
    ``standalone`` a handout; ``notation`` writes the partials (``f_{x}`` in Lagrange's)."""
    tree, names, notation = _checked(expr, variables, notation)
    entries = _table([[p] for p in partials] if _sequence(partials) else partials, "the partial derivatives")
    if len(entries) != len(names):
        raise SymdiffError(f"{len(names)} variables but {len(entries)} partial derivatives: one for each, in order")
    f = _function_name(tree)
    labels = [named_derivative_latex([v], [symbol_latex(v)], f, partial=True, notation=notation) for v in names]
    listed = [(label, row[0]) for label, row in zip(labels, entries, strict=True)]
    return _layout(tree, names, f, "gradient", rf"\nabla {f}", entries, listed, standalone)


def hessian_latex(expr: Expr | str, variables: Sequence[str | Symbol], rows: Sequence[Sequence[Expr]], *,
                  standalone: bool = False, notation: str = "leibniz") -> str:
    r"""The Hessian of ``expr``: ``rows`` as ``symdiff.hessian(expr, variables)`` gives them (row i,
    column j is the derivative by the i-th variable, then the j-th). ``H_f`` as a matrix when it
    fits the page, else each second partial derivative; as for ``gradient_latex``."""
    tree, names, notation = _checked(expr, variables, notation)
    table = _table(rows, "the Hessian")
    if len(table) != len(names) or any(len(row) != len(names) for row in table):
        raise SymdiffError(f"a Hessian in {len(names)} variables has {len(names)} rows of {len(names)} entries")
    f = _function_name(tree)
    listed = []
    for i, first in enumerate(names):
        for j, second in enumerate(names):
            if j < i and table[i][j] == table[j][i]:
                continue  # said with its twin, above
            label = named_derivative_latex([first, second], [symbol_latex(first), symbol_latex(second)], f,
                                           partial=True, notation=notation)
            if j > i and table[i][j] == table[j][i]:
                label += " = " + named_derivative_latex([second, first], [symbol_latex(second), symbol_latex(first)],
                                                        f, partial=True, notation=notation)
            listed.append((label, table[i][j]))
    return _layout(tree, names, f, "Hessian", f"H_{{{f}}}", table, listed, standalone)


# --- layout -----------------------------------------------------------------------------------


def _layout(tree: Expr, names: list[str], f: str, what: str, symbol: str, table: list[list[Expr]],
            listed: list[tuple[str, Expr]], standalone: bool) -> str:
    arguments = ", ".join(symbol_latex(name) for name in names)
    statement = fill([chunk(rf"{f}\left({arguments}\right) = "), *expr_items(tree, ROOM_EM, ENTRY_NODES)])
    entries = [row for label, entry in listed for row in _entry_rows(label, entry)]
    matrix = matrix_latex(table) if _matrix_fits(symbol, table) else None
    if not standalone:
        rows = statement + ([f"{symbol} = {matrix}"] if matrix else entries)
        return _align(rows)
    answer = [rf"{symbol} = \boxed{{{matrix}}}"] if matrix else []
    blocks = [r"\subsection*{Problem.}", f"Find the {what} of", _align(statement),
              r"\textbf{Solution.}", _align(entries + answer)]
    return document(blocks, title=f"The {what}")


def _entry_rows(label: str, entry: Expr) -> list[str]:
    items: list[Item] = [chunk(f"{label} = "), *expr_items(entry, ROOM_EM, ENTRY_NODES)]
    return fill(items)


def _matrix_fits(symbol: str, table: list[list[Expr]]) -> bool:
    widths = [[latex_width(expr_latex(entry, max_nodes=ENTRY_NODES)) for entry in row] for row in table]
    columns = [max(row[j] for row in widths) for j in range(len(table[0]))]
    return latex_width(symbol + " = ") + 1.2 + sum(columns) + _COLUMN_GAP_EM * (len(columns) - 1) <= LINE_EM


def _align(rows: list[str]) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{align*}"


# --- arguments --------------------------------------------------------------------------------


def _checked(expr: object, variables: object, notation: object) -> tuple[Expr, list[str], str]:
    notation = check_notation(notation)
    tree = to_expr(expr, keep_derivatives=True)
    if isinstance(variables, (str, Symbol)) or not _sequence(variables) or not variables:
        raise SymdiffError(f"the variables are a list of names such as ['x', 'y'], not {quote(variables)}")
    names = []
    for variable in variables:  # type: ignore[union-attr]
        if isinstance(variable, Symbol):
            names.append(variable.name)
        elif isinstance(variable, str) and variable.isidentifier():
            names.append(variable)
        else:
            raise SymdiffError(f"a variable is a name such as 'x', not {quote(variable)}")
    return tree, names, notation


def _sequence(value: object) -> bool:
    return isinstance(value, (list, tuple))


def _table(rows: object, what: str) -> list[list[Expr]]:
    """``rows`` as a list of equal-length lists of expressions, or a clear error."""
    if not _sequence(rows) or not rows or not all(_sequence(row) and row for row in rows):  # type: ignore[union-attr]
        raise SymdiffError(f"{what} is a list of rows of expressions, not {quote(rows)}")
    table = [list(row) for row in rows]  # type: ignore[union-attr]
    if any(len(row) != len(table[0]) for row in table):
        raise SymdiffError(f"the rows of {what} have different lengths")
    for row in table:
        for entry in row:
            if not isinstance(entry, Expr):
                raise SymdiffError(f"{what} holds expressions (symdiff.Expr), not {quote(entry)}")
    return table


def _function_name(tree: Expr) -> str:
    """A letter to call the function by that the expression does not use for something else."""
    used = {symbol.name for symbol in tree.free_symbols}
    seen: set[int] = set()
    stack = [tree]
    while stack:  # the functions written f(x), each shared subtree once
        node = stack.pop()
        if type(node) is UndefinedCall:
            used.add(node.name)  # type: ignore[attr-defined]
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return next((name for name in _NAMES if name.lstrip("\\") not in used), r"\varphi")
