"""What an estimated integral is: the record every numeric method returns, and the checks of
what is integrated (the variable, the bounds) that the methods share.

``Integral`` holds the estimate, its error estimate and the working a solution shows (the table
of samples and weights of a Riemann, trapezoid or Simpson sum); ``quadrature_working`` extends
it for adaptive quadrature. ``area`` computes the sums and ``quadrature`` the adaptive estimate;
both read their variable and bounds here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..algebra.defined import undefined_constant
from ..algebra.simplify import Simplifier
from ..core.errors import EvaluationError, IntegrationError, SymdiffError, quote
from ..core.expr import Expr, Infinity, Neg, Symbol, oo
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .reals import real_number

__all__ = ["METHODS", "WORKING_LIMIT", "Integral", "bound_or_infinity"]

# Each method's order p (the error falls as 1/n^p for a smooth function) and its formula.
METHODS: dict[str, tuple[int, str]] = {
    "left": (1, "L_n = Δx·[f(x_0) + f(x_1) + … + f(x_{n-1})]"),
    "right": (1, "R_n = Δx·[f(x_1) + f(x_2) + … + f(x_n)]"),
    "midpoint": (2, "M_n = Δx·[f(m_1) + f(m_2) + … + f(m_n)],  m_i = (x_{i-1} + x_i)/2"),
    "trapezoid": (2, "T_n = Δx/2·[f(x_0) + 2f(x_1) + … + 2f(x_{n-1}) + f(x_n)]"),
    "simpson": (4, "S_n = Δx/3·[f(x_0) + 4f(x_1) + 2f(x_2) + … + 4f(x_{n-1}) + f(x_n)]"),
}
_LATEX_FORMULAS = {
    "left": r"L_n = \Delta x\,\bigl[f(x_0) + f(x_1) + \dots + f(x_{n-1})\bigr]",
    "right": r"R_n = \Delta x\,\bigl[f(x_1) + f(x_2) + \dots + f(x_n)\bigr]",
    "midpoint": r"M_n = \Delta x\,\bigl[f(m_1) + \dots + f(m_n)\bigr],\quad m_i = \tfrac{x_{i-1} + x_i}{2}",
    "trapezoid": r"T_n = \tfrac{\Delta x}{2}\bigl[f(x_0) + 2f(x_1) + \dots + 2f(x_{n-1}) + f(x_n)\bigr]",
    "simpson": r"S_n = \tfrac{\Delta x}{3}\bigl[f(x_0) + 4f(x_1) + 2f(x_2) + \dots + 4f(x_{n-1}) + f(x_n)\bigr]",
}
_NAMES = {"left": "left Riemann sum", "right": "right Riemann sum", "midpoint": "midpoint sum",
          "trapezoid": "trapezoid rule", "simpson": "Simpson's rule"}  # fmt: skip

WORKING_LIMIT = 50  # the sample table is kept for at most this many intervals
_NOISE = 1e-12  # an entry this small beside the largest in its column is rounding (sin(pi) = 1.2e-16)


@dataclass(frozen=True, eq=False)
class Integral:
    """An estimate of an area. ``float(result)`` is the estimate.

    ``error`` estimates ``|exact - value|`` by Richardson extrapolation, from the same rule with
    n and 2n intervals (for samples, with every other sample); ``extrapolated`` is the improved
    estimate that comparison gives, offered only where the sums fall at about the rule's own
    rate. Both are None when there is nothing to compare with, or (``note`` says which) when the
    sums show that the comparison would mislead.
    ``rows`` is the working for small n: (i, xᵢ, f(xᵢ), weight), with value = Σ weight·f(xᵢ).
    """

    value: float
    method: str
    n: int
    dx: float | None  # None for unevenly spaced samples
    error: float | None
    extrapolated: float | None
    a: float
    b: float
    expr: Expr | None = None
    var: str | None = None
    rows: tuple[tuple[int, float, float, float], ...] | None = None
    bounds: tuple[Expr, Expr] | None = None  # a and b as written (pi/2), for the working
    label: str | None = None  # what the samples' area is, for the working (the AUC, say)
    note: str | None = None  # why there is no error estimate, when the sums show they cannot give one

    def __post_init__(self) -> None:
        # Plain floats, not NumPy's: float() of a result must return a float, and a user's
        # arithmetic on value should not change type with the method.
        for name in ("value", "dx", "error", "extrapolated", "a", "b"):
            number = getattr(self, name)
            if number is not None and type(number) is not float:
                object.__setattr__(self, name, float(number))

    def __float__(self) -> float:
        return self.value

    def __str__(self) -> str:
        error = "" if self.error is None else f" ± {self.error:.3g}"
        return f"{self.value:.12g}{error}"

    def __repr__(self) -> str:
        return f"<Integral {self.method} n={self.n}: {self}>"

    def _subject(self) -> str:
        if self.expr is None:
            return self.label or "the area under the samples"
        a, b = self.bounds or (f"{self.a:g}", f"{self.b:g}")
        return f"∫ {to_text(self.expr, 60)} d{self.var} from {a} to {b}"

    def working(self) -> str:
        """The worked estimate: the rule, the table of samples and weights, the sum, the error."""
        width = "Δx varies" if self.dx is None else f"Δx = {self.dx:.6g}"
        lines = [f"{self._subject()}, {_NAMES[self.method]} with n = {self.n} ({width})"]
        lines.append(f"  {METHODS[self.method][1]}")
        if self.rows is None and self.n <= WORKING_LIMIT:  # only when a weight is beyond a float's range
            lines.append("  (the samples' weights are beyond floating point's range, so they are not listed)")
        elif self.rows is None:
            lines.append(f"  ({self.n} terms: the table of samples is listed for n ≤ {WORKING_LIMIT})")
        else:
            point = "m_i" if self.method == "midpoint" else "x_i"
            lines.append(f"  {'i':>4}  {point:>12}  {'f(' + point + ')':>14}  {'weight':>12}  {'weight·f':>14}")
            for i, x, y, w, wy in self._table():
                lines.append(f"  {i:>4}  {x:>12.6g}  {y:>14.8g}  {w:>12.6g}  {wy:>14.8g}")
        lines.append(f"  = {self._total():.12g}" + ("  (the sum of weight·f)" if self.rows else ""))
        if self.error is not None:
            lines.append(f"  error estimate (Richardson, n = {self.n} against {self._other_n()}): ± {self.error:.3g}")
        elif self.note is not None:
            lines.append(f"  no error estimate: {self.note}")
        return "\n".join(lines)

    def _table(self) -> list[tuple[int, float, float, float, float]]:
        """The rows with weight·f, each entry rounded to its column's scale: one below _NOISE times
        the column's largest magnitude is rounding error and shows as 0, not as 1.2e-16 beside 1."""
        table = [(i, x, y, w, w * y) for i, x, y, w in self.rows or ()]
        scales = [_scale(row[c] for row in table) for c in range(1, 5)]
        return [(row[0], *(_to_scale(v, scale) for v, scale in zip(row[1:], scales, strict=True))) for row in table]

    def _total(self) -> float:
        """The value as the sum of the weight·f column. Its rounding error is absolute, a few ulps
        of the column's largest entry, so digits below _NOISE times that entry are noise and are
        rounded away (0.5 - 0.5 + 2e-9 is 2e-09, not 2.00000005446e-09; sin on [-pi, pi] is 0,
        not 6.4e-17). The value itself is not changed."""
        value = float(self.value)
        scale = _scale(w * y for _, _, y, w in self.rows or ())
        if value == 0 or not math.isfinite(value) or not 0 < scale < math.inf:
            return value + 0.0  # + 0.0: no "-0"
        place = math.floor(math.log10(scale) + math.log10(_NOISE))  # the digit where rounding error starts
        lead = math.floor(math.log10(abs(value)))
        if lead < place:
            return 0.0
        return float(f"{value:.{min(lead - place, 16)}e}")  # rounded at that digit, by decimal formatting

    def _other_n(self) -> int:
        return self.n * 2 if self.expr is not None else self.n // 2

    def to_latex(self, *, standalone: bool = False) -> str:
        """The working as LaTeX (see ``_latex_block``); with ``standalone``, a document for pdflatex."""
        from ..core.latex import document

        if not isinstance(standalone, bool):
            raise IntegrationError(f"standalone is True or False, not {quote(standalone)}")
        block = self._latex_block()
        return document([block], title="Worked numeric integral") if standalone else block

    def _latex_block(self) -> str:
        """The same working as LaTeX: the rule, an array of samples, the value and the error."""
        from ..core.latex import escape_text, expr_latex, symbol_latex

        parts = [r"\begin{gather*}"]
        if self.expr is not None:
            var = symbol_latex(self.var or "x")
            a, b = (expr_latex(e) for e in self.bounds) if self.bounds else (_num(self.a), _num(self.b))
            parts.append(rf"\int_{{{a}}}^{{{b}}} {expr_latex(self.expr)} \, d{var} \\")
        parts.append(_LATEX_FORMULAS[self.method] + r" \\")
        if self.rows is not None:
            point = "m_i" if self.method == "midpoint" else "x_i"
            parts.append(r"\begin{array}{rrrrr}")
            parts.append(rf"i & {point} & f({point}) & \text{{weight}} & \text{{weight}}\cdot f \\ \hline")
            for i, x, y, w, wy in self._table():
                parts.append(rf"{i} & {_num(x)} & {_num(y)} & {_num(w)} & {_num(wy)} \\")
            parts.append(r"\end{array} \\")
        name = escape_text(_NAMES[self.method])
        parts.append(rf"\text{{{name}, }} n = {self.n}: \quad {_num(self._total(), 12)}")
        if self.error is not None:
            parts[-1] += rf" \pm {_num(self.error, 3)}"
        elif self.note is not None:
            # a sentence too long for one line: a paragraph box breaks it
            parts[-1] += rf" \\ \parbox{{0.85\linewidth}}{{\raggedright no error estimate: {escape_text(self.note)}}}"
        parts.append(r"\end{gather*}")
        return "\n".join(parts)


def _scale(column: Any) -> float:
    """The largest finite magnitude in a column (0 for none)."""
    return max((abs(v) for v in column if math.isfinite(v)), default=0.0)


def _to_scale(value: float, scale: float) -> float:
    """0 for a value that is rounding error beside ``scale`` (and for -0.0); else the value."""
    return 0.0 if abs(value) <= _NOISE * scale else value


def _num(value: float, digits: int = 8) -> str:
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def _variable(tree: Expr, var: str | Symbol | None) -> str:
    free = sorted(s.name for s in tree.free_symbols)
    if var is None:
        if len(free) > 1:
            raise IntegrationError(f"{to_text(tree, 60)} has {', '.join(free)}: say which variable to integrate over")
        return free[0] if free else "x"
    name = var.name if isinstance(var, Symbol) else Symbol(str(var).strip()).name
    others = [f for f in free if f != name]
    if others:
        raise IntegrationError(
            f"{to_text(tree, 60)} also depends on {', '.join(others)}: give it a value first, the area needs numbers"
        )
    return name


def _bound(value: object, which: str) -> float:
    return _bound_expr(value, which)[0]


def _bound_expr(value: object, which: str) -> tuple[float, Expr]:
    """A number given as a number or a constant expression (pi/2, -e): its value and the
    expression as written. ``which`` names it in errors: "the bound a", "the tangent point"."""
    from ..core.evaluate import evaluate
    from ..core.expr import number

    improper = "; an improper integral has no Riemann sum: use finite bounds" if which.startswith("the bound") else ""
    if isinstance(value, bool):
        raise IntegrationError(f"{which} is a number, not {quote(value)}")
    if isinstance(value, (int, float)):
        result = real_number(value, which, IntegrationError)  # 10**400: too large for a float, said so
        tree = number(value) if math.isfinite(result) else None
    else:
        if isinstance(value, str) and value.strip().lstrip("+-").strip().lower() in ("inf", "infinity", "oo", "∞"):
            raise IntegrationError(f"{which} is {value.strip()}, not a finite number{improper}")
        try:
            tree = to_expr(value)  # type: ignore[arg-type]
        except SymdiffError as error:
            raise IntegrationError(f"{which} is not a number or expression: {error}") from None
        if tree.free_symbols:
            names = ", ".join(sorted(symbol.name for symbol in tree.free_symbols))
            shown = to_text(tree, 40)
            what = f"the variable {names}" if shown == names else f"{shown}, which has the variable {names}"
            raise IntegrationError(f"{which} must be a number, not {what}")
        why = undefined_constant(tree, Simplifier())  # tan(pi/2): floats give 1.6e16
        if why is not None:
            raise IntegrationError(f"{which} has no value: {why}")
        try:
            result = evaluate(tree)
        except EvaluationError as error:
            raise IntegrationError(f"{which} has no value: {error}") from None
    if tree is None or not math.isfinite(result):
        raise IntegrationError(f"{which} is {result}, not a finite number{improper}")
    return result, tree


def bound_or_infinity(value: object, which: str) -> tuple[float, Expr]:
    """A bound: a number, a constant expression, or ±oo (also "inf", "-inf", ∞ and float infinities)."""
    if isinstance(value, float) and math.isinf(value):
        return value, oo if value > 0 else Neg(oo)
    if isinstance(value, (str, Expr)):
        try:
            tree = to_expr(value)
        except SymdiffError as error:
            raise IntegrationError(f"{which} is not a number or expression: {error}") from None
        if isinstance(tree, Infinity):
            return math.inf, tree
        if isinstance(tree, Neg) and isinstance(tree.operand, Infinity):
            return -math.inf, tree
    return _bound_expr(value, which)
