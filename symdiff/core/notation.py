"""How a derivative is written: Leibniz (the default), Lagrange, Euler or Newton notation.

A derivative is named by the variables it differentiates by, in the order they are applied
(``("x", "y")``: by x first, then by y). Leibniz writes the last one applied first, as a
fraction of differentials: ∂²/∂y∂x. Every printer asks this module, so the command line, the
session, the worked solutions and LaTeX write a derivative the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .errors import SymdiffError, quote

__all__ = ["NOTATIONS", "check_notation", "grouped", "operator_latex", "operator_text"]

T = TypeVar("T")

# leibniz: d/dx f, d²/dx² f, ∂²/∂y∂x f;  lagrange: f', f'', f_xy;  euler: D_x f, D_x² f, D_y D_x f;
# newton (output only): ḟ, f̈ -- dots, which the course meets for derivatives by time.
NOTATIONS = ("leibniz", "lagrange", "euler", "newton")


def check_notation(notation: object) -> str:
    """``notation`` in lower case, or a clear error naming the choices."""
    if isinstance(notation, str) and notation.strip().lower() in NOTATIONS:
        return notation.strip().lower()
    raise SymdiffError(f"notation is one of {', '.join(NOTATIONS)}, not {quote(notation)}")


def grouped(variables: Sequence[T]) -> list[tuple[T, int]]:
    """Runs of the same variable with their lengths: ``x, x, y`` -> ``[(x, 2), (y, 1)]``."""
    runs: list[tuple[T, int]] = []
    for name in variables:
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + 1)
        else:
            runs.append((name, 1))
    return runs


def _power(n: int) -> str:
    return "" if n == 1 else f"^{n}"


def operator_text(variables: Sequence[str], *, ascii_only: bool = False) -> str:
    """The Leibniz operator as plain text: ``d/dx``, ``d^2/dx^2``, ``∂^2/∂y∂x``.

    With ``ascii_only`` a mixed partial is written as symdiff's grammar reads it in ASCII:
    ``d^2/(dy dx)``.
    """
    runs = grouped(variables)
    n = len(variables)
    if len(runs) == 1:
        return f"d{_power(n)}/d{runs[0][0]}{_power(n)}"
    if ascii_only:
        return f"d{_power(n)}/(" + " ".join(f"d{name}{_power(k)}" for name, k in reversed(runs)) + ")"
    return f"∂{_power(n)}/" + "".join(f"∂{name}{_power(k)}" for name, k in reversed(runs))


def operator_latex(variables: Sequence[str], names: Sequence[str], *, partial: bool = False,
                   notation: str = "leibniz") -> str:
    r"""The operator as LaTeX, to be followed by the bracketed expression.

    ``names`` are the variables already written as LaTeX (``\theta``), in the same order.
    Leibniz uses ∂ when ``partial`` (the function has other variables) or the variables differ.
    Lagrange and Newton notation go after the expression, so they are handled by the callers;
    here they fall back to Euler's ``D``, which needs no expression name.
    """
    runs = grouped(list(zip(variables, names, strict=True)))
    n = len(variables)
    if notation == "euler" or notation in ("lagrange", "newton"):
        return r"\,".join(
            rf"D_{{{latex}}}" + ("" if k == 1 else f"^{{{k}}}") for (_, latex), k in reversed(runs)
        )
    d = r"\partial" if partial or len(runs) > 1 else "d"
    top = d if n == 1 else f"{d}^{{{n}}}"
    space = r"\," if len(runs) > 1 else ""
    gap = " " if d != "d" else ""  # \partial x, but dx
    bottom = space.join(
        f"{d}{gap}{latex}" + ("" if k == 1 else f"^{{{k}}}") for (_, latex), k in reversed(runs)
    )
    return rf"\frac{{{top}}}{{{bottom}}}"
