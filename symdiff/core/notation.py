"""How a derivative is written: Leibniz (the default), Lagrange, Euler or Newton notation.

A derivative is named by the variables it differentiates by, in the order they are applied
(``("x", "y")``: by x first, then by y). Leibniz writes the last one applied first, as a
fraction of differentials: ∂²/∂y∂x. Every printer asks this module, so the command line, the
session, the worked solutions and LaTeX write a derivative the same way.

Each notation applied to an expression E (``partial``: E has other variables than the one
differentiated by):

- leibniz: d/dx [E], d^2/dx^2 [E]; partial ∂/∂x [E]; by x then y ∂^2/∂y∂x [E]
- lagrange: (E)', (E)'', (E)^(4); partial (E)_x; by x then y (E)_xy
- euler: D_x [E], D_x^2 [E]; by x then y D_y D_x [E]
- newton (LaTeX only, by time t only): dots over a bar over E; otherwise written as Leibniz
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

from .errors import SymdiffError, quote

__all__ = [
    "NOTATIONS", "TIME", "applied_latex", "applied_text", "check_notation", "derivative_frame", "dotted", "grouped",
    "is_partial", "named_derivative_latex", "operator_latex", "operator_text",
]  # fmt: skip

T = TypeVar("T")

# leibniz: d/dx f, d²/dx² f, ∂²/∂y∂x f;  lagrange: f', f'', f_xy;  euler: D_x f, D_x² f, D_y D_x f;
# newton (output only): ḟ, f̈ -- dots, which the course meets for derivatives by time.
NOTATIONS = ("leibniz", "lagrange", "euler", "newton")

TIME = "t"  # Newton's dots are written for derivatives by this variable only
_NEWTON_DOTS = {1: r"\dot", 2: r"\ddot", 3: r"\dddot", 4: r"\ddddot"}  # amsmath's accents


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


def is_partial(function_variables: Collection[str], variables: Sequence[str]) -> bool:
    """Whether a derivative by ``variables`` of a function of ``function_variables`` is a
    partial one (written with ∂): the function and the operator name more than one variable."""
    return len(set(function_variables) | set(variables)) > 1


def dotted(variables: Sequence[str]) -> bool:
    """Whether Newton's dots can write this derivative: by time (``TIME``) only."""
    return bool(variables) and all(name == TIME for name in variables)


def _power(n: int) -> str:
    return "" if n == 1 else f"^{n}"


def operator_text(variables: Sequence[str], *, ascii_only: bool = False, partial: bool = False) -> str:
    """The Leibniz operator as plain text: ``d/dx``, ``d^2/dx^2``, ``∂/∂x``, ``∂^2/∂y∂x``.

    ``partial`` writes ∂ for one variable too (the function has others). With ``ascii_only``
    a mixed partial is written as symdiff's grammar reads it in ASCII: ``d^2/(dy dx)``.
    """
    runs = grouped(variables)
    n = len(variables)
    if len(runs) == 1 and (ascii_only or not partial):
        return f"d{_power(n)}/d{runs[0][0]}{_power(n)}"
    if ascii_only:
        return f"d{_power(n)}/(" + " ".join(f"d{name}{_power(k)}" for name, k in reversed(runs)) + ")"
    return f"∂{_power(n)}/" + "".join(f"∂{name}{_power(k)}" for name, k in reversed(runs))


def _subscript(names: Sequence[str], *, latex: bool) -> str:
    """The variables of a Lagrange subscript, in the order applied: xy, or theta,phi."""
    if all(len(name) == 1 for name in names):
        return "".join(names)
    return ",".join(names) if latex else "{" + ",".join(names) + "}"


def applied_text(variables: Sequence[str], inner: str, *, notation: str = "leibniz", partial: bool = False,
                 gap: str = "") -> str:
    """The derivative of the expression written ``inner``, as plain text in ``notation``.

    ``gap`` goes between a prefix operator and its bracket (``d/dx [E]`` in a heading). Plain
    text has no dots to put over an expression, so Newton's notation is written as Leibniz's.
    """
    runs = grouped(variables)
    if notation == "lagrange":
        if partial or len(runs) > 1:
            return f"({inner})_{_subscript(variables, latex=False)}"
        n = len(variables)
        return f"({inner})" + ("'" * n if n <= 3 else f"^({n})")
    if notation == "euler":
        return " ".join(f"D_{name}{_power(k)}" for name, k in reversed(runs)) + f"{gap}[{inner}]"
    return f"{operator_text(variables, partial=partial)}{gap}[{inner}]"


def operator_latex(variables: Sequence[str], names: Sequence[str], *, partial: bool = False,
                   notation: str = "leibniz") -> str:
    r"""The operator as LaTeX, to be followed by the bracketed expression.

    ``names`` are the variables already written as LaTeX (``\theta``), in the same order.
    Leibniz uses ∂ when ``partial`` (the function has other variables) or the variables differ.
    Lagrange and Newton notation go after or over the expression (``derivative_frame``); here
    they fall back to Euler's ``D``, which needs no expression name.
    """
    return named_derivative_latex(variables, names, "", partial=partial, notation=notation)


def named_derivative_latex(variables: Sequence[str], names: Sequence[str], function: str, *,
                           partial: bool = False, notation: str = "leibniz") -> str:
    r"""The derivative of a function named ``function`` (LaTeX, ``f``): ``\frac{\partial^{2} f}{\partial y\,
    \partial x}``, ``f_{xy}``, ``D_{y}\,D_{x} f``, ``\ddot{f}``. With ``function`` empty, the operator."""
    runs = grouped(list(zip(variables, names, strict=True)))
    n = len(variables)
    if function and notation == "lagrange":
        if partial or len(runs) > 1:
            return f"{function}_{{{_subscript(names, latex=True)}}}"
        return function + ("'" * n if n <= 3 else f"^{{({n})}}")
    if function and notation == "newton" and dotted(variables):
        return f"{_NEWTON_DOTS[n]}{{{function}}}" if n in _NEWTON_DOTS else f"{function}^{{({n})}}"
    if notation in ("euler", "lagrange", "newton") and not (notation == "newton" and function):
        operator = r"\,".join(
            rf"D_{{{latex}}}" + ("" if k == 1 else f"^{{{k}}}") for (_, latex), k in reversed(runs)
        )
        return f"{operator} {function}" if function else operator
    d = r"\partial" if partial or len(runs) > 1 else "d"
    top = d if n == 1 else f"{d}^{{{n}}}"
    space = r"\," if len(runs) > 1 else ""
    gap = " " if d != "d" else ""  # \partial x, but dx
    bottom = space.join(
        f"{d}{gap}{latex}" + ("" if k == 1 else f"^{{{k}}}") for (_, latex), k in reversed(runs)
    )
    return rf"\frac{{{top} {function}}}{{{bottom}}}" if function else rf"\frac{{{top}}}{{{bottom}}}"


def derivative_frame(variables: Sequence[str], names: Sequence[str], *, notation: str = "leibniz",
                     partial: bool = False) -> tuple[str, str, str, str]:
    r"""What goes around an expression's LaTeX to write its derivative: before, the opening
    bracket, the closing one, after (so a printer can break the expression across lines).

    Leibniz ``\frac{d}{dx}\left[E\right]``, Lagrange ``\left(E\right)'`` or ``\left(E\right)_{xy}``,
    Euler ``D_{x}\left[E\right]``, Newton ``\dot{\overline{E}}`` (by time only, and up to four dots;
    by any other variable, Leibniz's).
    """
    runs = grouped(variables)
    n = len(variables)
    if notation == "lagrange":
        if partial or len(runs) > 1:
            return "", r"\left(", r"\right)", f"_{{{_subscript(names, latex=True)}}}"
        return "", r"\left(", r"\right)", ("'" * n if n <= 3 else f"^{{({n})}}")
    if notation == "newton" and dotted(variables):
        if n in _NEWTON_DOTS:
            # The dots over a bar over the expression (Newton's own vinculum): a dot over a
            # bracket alone sits over the middle of what is inside, as if on one letter.
            return _NEWTON_DOTS[n] + r"{\overline{", "", "", "}}"
        return "", r"\left(", r"\right)", f"^{{({n})}}"
    if notation == "newton":
        notation = "leibniz"
    return operator_latex(variables, names, partial=partial, notation=notation), r"\left[", r"\right]", ""


def applied_latex(variables: Sequence[str], names: Sequence[str], inner: str, *, notation: str = "leibniz",
                  partial: bool = False) -> str:
    """The derivative of the expression whose LaTeX is ``inner``, in ``notation`` (see
    ``derivative_frame``)."""
    before, opening, closing, after = derivative_frame(variables, names, notation=notation, partial=partial)
    return f"{before}{opening}{inner}{closing}{after}"
