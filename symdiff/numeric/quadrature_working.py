"""The result of adaptive quadrature and its working: the final partition, interval by interval.

``AdaptiveIntegral`` is an ``Integral`` (``float``, ``str``, ``.value``, ``.error``) that also
carries the evaluation count, the tolerance and the intervals the algorithm ended with; its
``working()`` and ``to_latex()`` show the rule, the substitution for an infinite bound, the
table of intervals with each one's K15 estimate and error estimate, and how the value follows
from them (their sum, or Wynn's extrapolation of the sums).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from .integral import Integral, _num

__all__ = ["WORKING_ROWS", "AdaptiveIntegral", "Interval"]

WORKING_ROWS = 20  # beyond this many intervals, the table shows the first and last ten

_RULE = "on [a_i, b_i]: K15 = (b_i - a_i)/2·Σ w_k·f(x_k) at 15 Kronrod nodes, G7 the Gauss rule on 7 of them"
_ESTIMATE = ("error estimate = resasc·min(1, (200·|K15 - G7|/resasc)^1.5), resasc = ∫|f - mean f| (QUADPACK),\n"
             "  or, once a bisection has confirmed that f's Legendre series falls there, its tail past degree 22")
_SUBSTITUTIONS = {
    "up": "x = {c}(1 - t)/t, dx = -dt/t²: ∫ from {end} to oo of f dx = ∫ from 0 to 1 of f(x(t))/t² dt",
    "down": "x = {c}(1 - t)/t, dx = dt/t²: ∫ from -oo to {end} of f dx = ∫ from 0 to 1 of f(x(t))/t² dt",
    "both": "split at 0, x = -(1 - t)/t on (-oo, 0] and x = (1 - t)/t on [0, oo), dx = ±dt/t²: each half is "
            "∫ from 0 to 1 of f(x(t))/t² dt, to within tol/2",
}


class Interval(NamedTuple):
    """One interval of the final partition, in x: ∫ over [a, b] ≈ value ± error."""

    a: float
    b: float
    value: float
    error: float


@dataclass(frozen=True, eq=False)
class AdaptiveIntegral(Integral):
    """An adaptive Gauss–Kronrod estimate, within ``tol`` (as max(tol, tol·|value|)).

    ``n`` is the number of intervals, ``evaluations`` the number of values of f computed,
    ``intervals`` the final partition (sorted) and ``wynn`` whether the value is the epsilon
    algorithm's extrapolation rather than the intervals' sum; ``substitution`` is "finite",
    "up" ([a, oo)), "down" ((-oo, b]) or "both".
    """

    evaluations: int = 0
    intervals: tuple[Interval, ...] = ()
    tol: float = 0.0
    substitution: str = "finite"
    wynn: bool = False

    def __repr__(self) -> str:
        return f"<Integral adaptive, {self.n} intervals, {self.evaluations} evaluations: {self}>"

    def _finite_end(self, form: str) -> dict[str, str]:
        """The substitution's finite end c, and "c + " or "c - " (just the sign when c = 0)."""
        end = self.a if math.isfinite(self.a) else self.b
        if self.substitution == "both":
            return {"c": "±" if form == "text" else r"\pm", "end": ""}
        sign = "+" if self.substitution == "up" else "-"
        if end == 0:
            return {"c": "" if sign == "+" else "-", "end": "0"}
        text = f"{end:g}" if form == "text" else _num(end)
        return {"c": f"{text} {sign} ", "end": text}

    def _shown(self) -> list[Interval | None]:
        """The rows of the table; None stands for the rows left out."""
        rows: list[Interval | None] = list(self.intervals)
        if len(rows) > WORKING_ROWS:
            half = WORKING_ROWS // 2
            rows = [*rows[:half], None, *rows[-half:]]
        return rows

    def _summary(self) -> str:
        bound = max(self.tol, self.tol * abs(self.value))
        return (f"error estimate ± {self.error:.3g} (within max(tol, tol·|I|) = {bound:.3g}); {self.n} interval"
                f"{'s' * (self.n != 1)}, {self.evaluations} evaluations of f")

    def working(self) -> str:
        """The worked estimate: rule, substitution, the table of intervals, the value, the error."""
        lines = [f"{self._subject()}, adaptive Gauss–Kronrod quadrature (G7 in K15), tol = {self.tol:g}"]
        if self.substitution != "finite":
            lines.append("  substitution " + _SUBSTITUTIONS[self.substitution].format(**self._finite_end("text")))
        lines += [f"  {_RULE}", f"  {_ESTIMATE}",
                  "  bisect the interval with the largest error estimate until the errors add up to within tol"]
        if self.intervals:
            lines.append(f"  {'i':>4}  {'a_i':>12}  {'b_i':>12}  {'K15':>16}  {'error':>9}")
            for i, row in enumerate(self._shown(), start=1):
                if row is None:
                    lines.append(f"  {'⋮':>4}  ({self.n - WORKING_ROWS} more intervals)")
                    continue
                number = i if i <= WORKING_ROWS // 2 or self.n <= WORKING_ROWS else self.n - len(self._shown()) + i
                lines.append(f"  {number:>4}  {row.a:>12.6g}  {row.b:>12.6g}  {row.value:>16.10g}  {row.error:>9.2g}")
        total = math.fsum(row.value for row in self.intervals)
        if self.wynn:
            lines.append(f"  the intervals' sum is {total:.12g}; Wynn's epsilon algorithm extrapolates the sums as "
                         "the intervals at the singularity shrink:")
            lines.append(f"  = {self.value:.12g}")
        else:
            lines.append(f"  = {self.value:.12g}" + ("  (the sum of the K15 column)" if self.intervals else ""))
        lines.append(f"  {self._summary()}")
        return "\n".join(lines)

    def _latex_block(self) -> str:
        """The same working as LaTeX: the integral, the table of intervals, the value and the error."""
        from ..core.latex import escape_text, expr_latex, symbol_latex

        var = symbol_latex(self.var or "x")
        parts = [r"\begin{gather*}"]
        if self.expr is not None:
            a, b = (expr_latex(e) for e in self.bounds) if self.bounds else (_num(self.a), _num(self.b))
            parts.append(rf"\int_{{{a}}}^{{{b}}} {expr_latex(self.expr)} \, d{var} \\")
        if self.substitution != "finite":
            x = self._finite_end("latex")["c"] + r"\tfrac{1 - t}{t}"  # "both": ± (split at 0)
            parts.append(rf"{var} = {x}, \quad d{var} = \tfrac{{dt}}{{t^2}}, \quad t \in (0, 1] \\")
        parts.append(r"K_{15} = \tfrac{b_i - a_i}{2} \sum_{k=1}^{15} w_k f(x_k), \quad \varepsilon_i = "
                     r"\text{resasc}\cdot\min\bigl(1, (200\,|K_{15} - G_7| / \text{resasc})^{1.5}\bigr) "
                     r"\text{ or the Legendre tail} \\")
        if self.intervals:
            parts += [r"\begin{array}{rrrrr}", r"i & a_i & b_i & K_{15} & \varepsilon_i \\ \hline"]
            for i, row in enumerate(self._shown(), start=1):
                if row is None:
                    parts.append(rf"\vdots & \multicolumn{{4}}{{l}}{{\text{{{self.n - WORKING_ROWS} more}}}} \\")
                    continue
                number = i if i <= WORKING_ROWS // 2 or self.n <= WORKING_ROWS else self.n - len(self._shown()) + i
                cells = " & ".join(_cell(v, d) for v, d in ((row.a, 8), (row.b, 8), (row.value, 12), (row.error, 2)))
                parts.append(rf"{number} & {cells} \\")
            parts.append(r"\end{array} \\")
        how = "Wynn's epsilon extrapolation" if self.wynn else "adaptive Gauss--Kronrod"
        parts.append(rf"\text{{{escape_text(how)}, {self.n} intervals, {self.evaluations} evaluations: }} "
                     rf"{_num(self.value, 12)} \pm {_num(self.error, 3)}")
        parts.append(r"\end{gather*}")
        return "\n".join(parts)


def _cell(value: float, digits: int) -> str:
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    return _num(value, digits)
