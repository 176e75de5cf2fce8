"""Area under a curve: Riemann sums, the trapezoid rule and Simpson's rule.

Every method is a weighted sum of function values, ``Δx·Σ wᵢ·f(xᵢ)``; ``integrate`` samples an
expression (through ``lambdify``) and ``integrate_samples`` takes the samples directly, evenly
or unevenly spaced. The result carries the estimate, an error estimate by Richardson
extrapolation (the same rule with the step halved) and, for small n, the table of samples
and weights that a worked solution shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.errors import EvaluationError, IntegrationError, SymdiffError, quote
from ..core.expr import Expr, Symbol
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .reals import real_array, real_number

if TYPE_CHECKING:
    import numpy as np

__all__ = ["DEFAULT_N", "METHODS", "Integral", "IntegrationError", "integrate", "integrate_samples"]

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

DEFAULT_N = 100  # intervals when none are asked for: here, on the command line and in the REPL
WORKING_LIMIT = 50  # the sample table is kept for at most this many intervals
_NOISE = 1e-12  # an entry this small beside the largest in its column is rounding (sin(pi) = 1.2e-16)
MAX_N = 10**8  # beyond this, rounding in the sum outweighs any gain in the rule's accuracy
_CHUNK = 1 << 20  # points evaluated at a time: memory stays bounded however large n is


@dataclass(frozen=True, eq=False)
class Integral:
    """An estimate of an area. ``float(result)`` is the estimate.

    ``error`` estimates ``|exact - value|`` by Richardson extrapolation, from the same rule with
    n and 2n intervals (for samples, with every other sample); ``extrapolated`` is the improved
    estimate that comparison gives. Both are None when there is nothing to compare with.
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

    def __float__(self) -> float:
        return self.value

    def __str__(self) -> str:
        error = "" if self.error is None else f" ± {self.error:.3g}"
        return f"{self.value:.12g}{error}"

    def __repr__(self) -> str:
        return f"<Integral {self.method} n={self.n}: {self}>"

    def _subject(self) -> str:
        if self.expr is None:
            return "the area under the samples"
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

    def to_latex(self) -> str:
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


# --- expressions ----------------------------------------------------------------------------------


def integrate(expr: Expr | str, var: str | Symbol | None = None, a: object = 0, b: object = 1, *,
              method: str = "trapezoid", n: int | None = None, tol: float | None = None,
              limit: int | None = None) -> Integral:
    """Estimate ∫ₐᵇ expr d(var) with ``n`` intervals (default 100) by ``method`` (left, right,
    midpoint, trapezoid, simpson), or with ``method="adaptive"`` by adaptive Gauss–Kronrod
    quadrature to within max(tol, tol·|I|) (``tol`` default 1e-10, at most ``limit`` intervals,
    default 200; bounds may then be ±oo; see ``quadrature``). ``a`` and ``b`` may be numbers or
    constant expressions ("pi/2"); ``a > b`` gives the signed integral. Raises
    ``IntegrationError`` where the function has no finite value at a point it needs, naming the
    point (and saying when it is an endpoint), or where the tolerance cannot be met.
    """
    if method == "adaptive":
        if n is not None:
            raise IntegrationError("the adaptive method chooses its own intervals: give tol= (and limit=), not n")
        from .quadrature import adaptive_integral

        return adaptive_integral(expr, var, a, b, tol=tol, limit=limit)
    return _integrate_sum(expr, var, a, b, method, DEFAULT_N if n is None else n, tol, limit)


def _integrate_sum(expr: Expr | str, var: str | Symbol | None, a: object, b: object, method: str, n: int,
                   tol: object, limit: object) -> Integral:
    """``integrate`` by a Riemann sum, the trapezoid rule or Simpson's rule."""
    from .compiled import lambdify

    if tol is not None or limit is not None:
        raise IntegrationError("tol= and limit= belong to method='adaptive'; the sums take n, the number of "
                               "intervals")
    tree = to_expr(expr)
    name = _variable(tree, var)
    (lo, lo_expr), (hi, hi_expr) = _bound_expr(a, "the bound a"), _bound_expr(b, "the bound b")
    if not math.isfinite(hi - lo):
        raise IntegrationError(
            f"the interval from {lo:g} to {hi:g} is too wide for floating point: its width overflows"
        )
    _check_method(method, samples=False)
    _check_n(n, method)
    if lo == hi:
        return Integral(0.0, method, n, 0.0, 0.0, 0.0, lo, hi, tree, name, bounds=(lo_expr, hi_expr))
    try:
        f = lambdify(tree, [name], invalid="nan")  # non-finite values are located and explained below
    except SymdiffError as error:  # a number in the expression beyond a float's range, say
        raise IntegrationError(str(error)) from None
    _check_endpoints(f, tree, name, lo, hi, method)
    _check_interior(f, tree, name, min(lo, hi), max(lo, hi))
    # b < a: the same sum over [b, a], counted negatively (a left sum still samples left ends).
    sign, left, right = (1.0, lo, hi) if lo < hi else (-1.0, hi, lo)
    value = _sum_rule(f, tree, name, left, right, n, method)
    doubled = _sum_rule(f, tree, name, left, right, 2 * n, method)
    error, extrapolated = _richardson(value, doubled, METHODS[method][0], finer_is_value=False)
    rows = None
    if n <= WORKING_LIMIT:
        rows = tuple((i, x, y, sign * w) for i, x, y, w in _expression_rows(f, left, right, n, method))
    return Integral(sign * value, method, n, (hi - lo) / n, error, sign * extrapolated, lo, hi, tree, name, rows,
                    (lo_expr, hi_expr))


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
            raise IntegrationError(f"{which} = {to_text(tree, 40)} must be a number, not use a variable")
        try:
            result = evaluate(tree)
        except EvaluationError as error:
            raise IntegrationError(f"{which} has no value: {error}") from None
    if tree is None or not math.isfinite(result):
        raise IntegrationError(f"{which} is {result}, not a finite number{improper}")
    return result, tree


def _check_method(method: str, *, samples: bool) -> None:
    if samples and method == "adaptive":
        raise IntegrationError("adaptive quadrature evaluates a function wherever it needs to, which samples do not "
                               "allow: integrate an expression, or use the trapezoid or Simpson rule on the samples")
    if not isinstance(method, str) or method not in METHODS:
        others = "" if samples else ", or adaptive"
        raise IntegrationError(f"unknown method {quote(method)}: use one of {', '.join(METHODS)}{others}")
    if samples and method == "midpoint":
        raise IntegrationError(
            "the midpoint sum needs the function at the midpoints, which samples do not give: "
            "use the trapezoid rule (same order of accuracy) or integrate an expression"
        )


def _check_n(n: object, method: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise IntegrationError(f"n is a whole number of intervals, not {quote(n)}")
    if n < 1:
        raise IntegrationError(f"n must be at least 1 (it is the number of intervals), not {n}")
    if n > MAX_N:
        raise IntegrationError(f"n can be at most {MAX_N:,}: with more intervals, rounding in the sum outweighs "
                               "the rule's own error")
    if method == "simpson" and n % 2:
        raise IntegrationError(f"Simpson's rule pairs up intervals, so n must be even, not {n} (try {n + 1})")


def _check_endpoints(f: Any, tree: Expr, name: str, lo: float, hi: float, method: str) -> None:
    """A function with no finite value at an endpoint makes the integral improper (1/x on [0, 1]);
    a sum would return inf, or a number that depends only on n. Say so instead. The midpoint sum,
    which never evaluates the endpoints, may go ahead when the function settles to a limit next
    to the endpoint (sin(x)/x at 0)."""
    import numpy as np

    for end, inward in ((lo, hi - lo), (hi, lo - hi)):
        if math.isfinite(f(end)):
            continue
        near = np.asarray(f(end + inward * np.logspace(-2, -5, 4)))
        settles = bool(np.isfinite(near).all() and abs(near[-1] - near[-2]) <= 1e-3 * (1 + abs(near[-1])))
        what = f"{to_text(tree, 60)} has no finite value at the endpoint {name} = {end:g}"
        if settles and method == "midpoint":
            continue
        if settles:
            raise IntegrationError(f"{what}, though it settles to a limit next to it: the midpoint sum never "
                                   "evaluates the endpoints, so the midpoint method can estimate this area")
        raise IntegrationError(f"{what} and does not settle next to it: the integral is improper there, and a "
                               "Riemann sum cannot be trusted to estimate it (split off or substitute away the "
                               "singularity)")


# The interior is scanned on this many intervals, whatever n is: a pole between a sum's samples
# (1/(x - 0.3) with n = 4) would otherwise give a number that means nothing.
SCAN_INTERVALS = 4096
_POLE_RATIO = 100.0  # |f| beside a sign change this many times its typical size looks like a pole


def _check_interior(f: Any, tree: Expr, name: str, lo: float, hi: float) -> None:
    """Refuse a function without a finite value inside [lo, hi], or with a pole there: samples
    never land on 1/(x - 0.3)'s pole, but a sum across it is meaningless (the integral diverges).
    A pole shows on a fine scan as a spike of |f| far above its typical size that keeps growing
    when zoomed into; a finite peak or jump stops growing."""
    import numpy as np

    xs = np.linspace(lo, hi, SCAN_INTERVALS + 1)[1:-1]
    with np.errstate(all="ignore"):
        ys = np.asarray(f(xs), dtype=float) * np.ones_like(xs)
    bad = ~np.isfinite(ys)
    what = to_text(tree, 60)
    if bad.any():
        at = float(xs[int(np.argmax(bad))])
        raise IntegrationError(f"{what} has no finite value at {name} = {at:.10g}, inside the interval: the "
                               "function is singular there; split the integral at it")
    size = np.abs(ys)
    typical = float(np.median(size)) + 1e-300
    peaks = np.nonzero((size[1:-1] >= size[:-2]) & (size[1:-1] >= size[2:]) & (size[1:-1] > _POLE_RATIO * typical))[0]
    for i in peaks[np.argsort(-size[1:-1][peaks])][:8] + 1:
        if _is_pole(f, float(xs[i - 1]), float(xs[i + 1]), float(size[i])):
            raise IntegrationError(f"{what} grows without bound near {name} ≈ {float(xs[i]):.6g}, inside the "
                                   "interval (a pole, or a peak far narrower than any sum's samples): a Riemann sum "
                                   "across it means nothing; split the integral there")


def _is_pole(f: Any, left: float, right: float, height: float) -> bool:
    """Whether |f| grows without bound when [left, right], around a spike of ``height``, is zoomed into."""
    import numpy as np

    for _ in range(8):  # each zoom narrows the bracket 16 times
        xs = np.linspace(left, right, 33)
        with np.errstate(all="ignore"):
            size = np.abs(np.asarray(f(xs), dtype=float) * np.ones_like(xs))
        if not np.isfinite(size).all():
            return True
        k = int(np.argmax(size))
        left, right = float(xs[max(k - 1, 0)]), float(xs[min(k + 1, 32)])
        if right - left <= 4 * np.spacing(max(abs(left), abs(right), 1e-300)):
            break
    return float(size.max()) > 1e3 * height


def _sum_rule(f: Any, tree: Expr, name: str, lo: float, hi: float, n: int, method: str) -> float:
    """Σ weight·f(point) for the rule, a chunk of points at a time so memory stays bounded."""
    import numpy as np

    h = (hi - lo) / n
    total = 0.0
    first, last, offset = {"left": (0, n - 1, 0.0), "right": (1, n, 0.0), "midpoint": (0, n - 1, 0.5)}.get(
        method, (0, n, 0.0)
    )
    for start in range(first, last + 1, _CHUNK):
        index = np.arange(start, min(start + _CHUNK, last + 1), dtype=float)
        points = lo + (index + offset) * h
        values = np.asarray(f(points), dtype=float)
        if not math.isfinite(values.sum()):  # a sum is finite only when every term is
            singular = np.flatnonzero(~np.isfinite(values))
            if not singular.size:  # finite values whose sum overflows: said below
                total = math.inf
                break
            bad = points[int(singular[0])]
            raise IntegrationError(
                f"{to_text(tree, 60)} has no finite value at {name} = {bad:.10g}, inside the interval, a point the "
                f"{_NAMES[method]} with n = {n} needs: the function is singular there; split the integral at it"
            )
        if method == "trapezoid":
            values = values * np.where((index == 0) | (index == n), 0.5, 1.0)
        elif method == "simpson":
            values = values * np.where((index == 0) | (index == n), 1.0, np.where(index % 2 == 1, 4.0, 2.0))
        total += float(values.sum())
    scale = {"trapezoid": h, "simpson": h / 3}.get(method, h)
    result = total * scale
    if not math.isfinite(result):
        raise IntegrationError(f"the {_NAMES[method]} of {to_text(tree, 60)} overflows: too large for a float")
    return result


def _expression_rows(f: Any, lo: float, hi: float, n: int, method: str) -> tuple[tuple[int, float, float, float], ...]:
    import numpy as np

    h = (hi - lo) / n
    if method == "midpoint":
        points = lo + (np.arange(n) + 0.5) * h
        weights = np.full(n, h)
        return tuple(zip(range(1, n + 1), points.tolist(), np.asarray(f(points)).tolist(), weights.tolist(),
                         strict=True))
    points = lo + np.arange(n + 1) * h
    weights = _weights(np.full(n, h), method)
    return tuple(zip(range(n + 1), points.tolist(), np.asarray(f(points)).tolist(), weights.tolist(), strict=True))


def _richardson(value: float, other: float, order: int, *, finer_is_value: bool) -> tuple[float, float]:
    """(error estimate of ``value``, extrapolated value) from the rule at n and 2n intervals.

    The error of a rule of order p falls by 2^p when n doubles, so the exact value is about
    fine + (fine - coarse)/(2^p - 1).
    """
    fine, coarse = (value, other) if finer_is_value else (other, value)
    extrapolated = fine + (fine - coarse) / (2**order - 1)
    return abs(extrapolated - value), extrapolated


# --- samples --------------------------------------------------------------------------------------


def integrate_samples(y: Any, x: Any = None, *, dx: float | None = None, method: str = "trapezoid") -> Integral:
    """The area under sampled values ``y`` (NumPy's argument order): at points ``x`` (increasing,
    unevenly spaced allowed) or evenly spaced ``dx`` apart (default 1). Methods: left, right,
    trapezoid, simpson (an odd number of intervals gets the standard last-interval correction).
    """
    import numpy as np

    _check_method(method, samples=True)
    values = _samples(y, "y")
    n = values.size - 1
    if n < 1:
        raise IntegrationError(f"an area needs at least 2 samples (1 interval), got {values.size}")
    if method == "simpson" and n < 2:
        raise IntegrationError("Simpson's rule needs at least 3 samples (2 intervals); use the trapezoid rule")
    if x is not None and dx is not None:
        raise IntegrationError("give the sample points x or the spacing dx, not both")
    with np.errstate(all="ignore"):  # non-finite data is found and named below
        return _integrate_samples(values, x, dx, method, n)


def _integrate_samples(values: np.ndarray, x: Any, dx: float | None, method: str, n: int) -> Integral:
    import numpy as np

    order = METHODS[method][0]
    if x is None:
        step = 1.0 if dx is None else _spacing(dx)
        value = _even(values, step, method)
        coarser = _even(values[::2], 2 * step, method) if _halvable(n, method) else None
        points = None
        lo, hi = 0.0, n * step
    else:
        points = _samples(x, "x")
        if points.shape != values.shape:
            raise IntegrationError(f"x and y must have the same length: {points.size} points for {values.size} values")
        widths = _widths(points, strict=method == "simpson")
        value = _uneven(values, widths, method)
        coarser = None
        if _halvable(n, method):
            try:
                coarser = _uneven(values[::2], np.diff(points[::2]), method)
            except IntegrationError:  # every other sample may not fit in floating point: no estimate then
                coarser = None
        step = None
        lo, hi = float(points[0]), float(points[-1])
    if not math.isfinite(value):
        _locate(values, "y")
        raise IntegrationError("the area overflows: it is too large for a float")
    if coarser is not None and not math.isfinite(coarser):
        coarser = None
    error, extrapolated = (None, None) if coarser is None else _richardson(value, coarser, order, finer_is_value=True)
    rows = None
    if n <= WORKING_LIMIT:
        widths = np.full(n, step) if points is None else np.diff(points)
        xs = np.arange(n + 1) * step if points is None else points
        weights = _weights(widths, method)
        if np.isfinite(weights).all():  # a weight beyond a float's range cannot be shown truly
            rows = tuple(zip(range(n + 1), xs.tolist(), values.tolist(), weights.tolist(), strict=True))
    return Integral(value, method, n, step, error, extrapolated, lo, hi, rows=rows)


def _halvable(n: int, method: str) -> bool:
    """Whether every other sample still makes the rule: n even, and for Simpson n/2 ≥ 2."""
    return n % 2 == 0 and (n >= 4 if method == "simpson" else n >= 2)


def _samples(data: Any, name: str) -> np.ndarray:
    array = real_array(data, name, IntegrationError)  # text, dates, booleans: refused, never converted
    if array.ndim != 1:
        raise IntegrationError(f"{name} must be one-dimensional, not of shape {array.shape}")
    return array


def _spacing(dx: object) -> float:
    step = real_number(dx, "dx", IntegrationError)
    if not math.isfinite(step) or step <= 0:
        raise IntegrationError(f"dx is the positive spacing between samples, not {quote(dx)}")
    return step


def _widths(points: np.ndarray, *, strict: bool) -> np.ndarray:
    """The interval widths; the points must be finite and increasing (strictly, for Simpson)."""
    import numpy as np

    if not (math.isfinite(points[0]) and math.isfinite(points[-1])):
        _locate(points, "x")
    widths = np.diff(points)
    smallest = widths.min()
    if not smallest >= 0 or (strict and smallest == 0):  # also catches nan
        _locate(points, "x")
        i = int(np.flatnonzero(~(widths > 0) if strict else ~(widths >= 0))[0])
        problem = "repeats" if widths[i] == 0 else "is smaller than the one before"
        raise IntegrationError(
            f"x must be {'strictly ' if strict else ''}increasing: x[{i + 1}] = {points[i + 1]:g} {problem} "
            f"(x[{i}] = {points[i]:g}); sort the samples by x first"
        )
    return widths


def _locate(array: np.ndarray, name: str) -> None:
    """Raise naming the first sample that is not a finite number, if there is one."""
    import numpy as np

    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise IntegrationError(f"{name}[{int(bad[0])}] is {array[bad[0]]}: every sample must be a finite number")


def _even(y: np.ndarray, h: float, method: str) -> float:
    """The rule on evenly spaced samples: one pass over the data (a sum), as the bandwidth allows."""
    if method == "left":
        return float(y[:-1].sum()) * h
    if method == "right":
        return float(y[1:].sum()) * h
    total = float(y.sum())
    if method == "trapezoid":
        return h * (total - 0.5 * (y[0] + y[-1]))
    n = y.size - 1
    if n % 2:  # an odd number of intervals: Simpson on the first n - 1, then the last-interval correction
        return _even(y[:-1], h, "simpson") + h * (5 * y[-1] + 8 * y[-2] - y[-3]) / 12
    odd = float(y[1:-1:2].sum())
    return h / 3 * (2 * total - y[0] - y[-1] + 2 * odd)


def _uneven(y: np.ndarray, h: np.ndarray, method: str) -> float:
    """The rule on samples with interval widths ``h``."""
    import numpy as np

    if method == "left":
        return float(np.dot(h, y[:-1]))
    if method == "right":
        return float(np.dot(h, y[1:]))
    if method == "trapezoid":
        return 0.5 * float(np.dot(h, y[:-1]) + np.dot(h, y[1:]))
    return _simpson_uneven(y, h)


def _simpson_uneven(y: np.ndarray, h: np.ndarray) -> float:
    """Simpson's rule on uneven widths, each pair of intervals as the area under the parabola
    through its three samples, written with the differences of the samples:

        ∫ = t·y₁ + t/6·(h₁/h₀ - 2)·(y₁ - y₀) + t/6·(2 - h₀/h₁)·(y₂ - y₁),  t = h₀ + h₁

    The weighted sum Σ wᵢ·yᵢ is the same number, but when one width is tiny beside the other
    its weights are huge and of opposite signs, and their rounding errors swamp the area
    (samples 1, 1, 3 at x = 0, 1e-300, 1 gave 1, not 5/3). Here a huge factor multiplies only
    a difference of samples. A pair whose terms still overflow is redone exactly in fractions:
    if the exact area fits in a float, that is the value; if not, the error says why.
    """
    import numpy as np

    half = y * 0.5  # differences of halved samples cannot overflow; the sum is doubled at the end
    n = h.size
    pairs = n - n % 2
    h0, h1 = h[0:pairs:2], h[1:pairs:2]
    y0, y1, y2 = half[0:pairs:2], half[1:pairs:2], half[2 : pairs + 1 : 2]
    t = h0 + h1
    a = _times_ratio(t / 6, h1, h0) - t / 3
    b = t / 3 - _times_ratio(t / 6, h0, h1)
    areas = t * y1 + a * (y1 - y0) + b * (y2 - y1)
    if n % 2:  # the last interval, under the parabola through the last three samples
        u, v = h[-2], h[-1]
        last = v * half[-2] + (half[-1] - half[-2]) * (v / 6) * ((3 * u + 2 * v) / (u + v))
        last += (half[-2] - half[-3]) * _times_ratio((v / 6) * (v / (u + v)), v, u)
        areas = np.append(areas, last)
    areas = areas * 2
    for k in map(int, np.flatnonzero(~np.isfinite(areas))):  # pair k starts at x[2k]; the last interval
        last_interval = 2 * k >= pairs
        areas[k] = _exact_simpson(y, h, n - 2 if last_interval else 2 * k, last_interval=last_interval)
    return float(areas.sum())


def _times_ratio(p: Any, q: Any, r: Any) -> Any:
    """p·q/r without overflow where the result fits: p·(q/r), or (p·q)/r where q/r overflows."""
    import numpy as np

    with np.errstate(all="ignore"):
        first = p * (q / r)
        return np.where(np.isfinite(first), first, (p * q) / r)


def _exact_simpson(y: np.ndarray, h: np.ndarray, i: int, *, last_interval: bool) -> float:
    """The area of the pair of intervals from x[i] (or, for the last-interval correction, of
    the last interval only) in exact fractions; an IntegrationError when it exceeds a float."""
    from decimal import Decimal
    from fractions import Fraction

    samples, widths = y[i : i + 3], h[i : i + 2]
    if not (all(map(math.isfinite, samples)) and all(map(math.isfinite, widths))):
        return math.inf  # the caller names the sample, or reports the overflow
    y0, y1, y2 = (Fraction(float(v)) for v in samples)
    h0, h1 = (Fraction(float(v)) for v in widths)
    t = h0 + h1
    if last_interval:
        area = h1 * (2 * h1 + 3 * h0) / (6 * t) * y2 + h1 * (h1 + 3 * h0) / (6 * h0) * y1 - h1**3 / (6 * h0 * t) * y0
    else:
        area = t / 6 * ((2 - h1 / h0) * y0 + t * t / (h0 * h1) * y1 + (2 - h0 / h1) * y2)
    try:
        return float(area)
    except OverflowError:
        def big(value: Fraction) -> str:  # beyond a float: in decimal
            return f"{Decimal(value.numerator) / Decimal(value.denominator):.3g}"

        ratio = max(h0, h1) / min(h0, h1)
        why = (f"the widths x[{i + 1}] - x[{i}] = {float(h0):.3g} and x[{i + 2}] - x[{i + 1}] = {float(h1):.3g} "
               f"differ by a factor of {big(ratio)}, which makes that parabola extremely steep; use "
               "the trapezoid rule, or drop the nearly repeated point" if ratio > 1e6 else
               "the samples and widths are too large")
        part = f"of the last interval (x[{i + 1}] to x[{i + 2}]) " if last_interval else ""
        raise IntegrationError(
            f"Simpson's rule cannot be computed in floating point here: the area {part}under the parabola through "
            f"the samples at x[{i}], x[{i + 1}] and x[{i + 2}] is about {big(area)}, beyond the largest float "
            f"(about 1.8e308): {why}"
        ) from None


def _weights(h: np.ndarray, method: str) -> np.ndarray:
    """Each sample's weight in the rule, given the interval widths: value = Σ weight·y.

    Simpson on uneven widths integrates the parabola through each pair of intervals (h0, h1)
    (Cartwright's form); with an odd number of intervals, the last one is integrated under the
    parabola through the last three samples.
    """
    import numpy as np

    n = h.size
    w = np.zeros(n + 1)
    if method == "left":
        w[:-1] = h
    elif method == "right":
        w[1:] = h
    elif method == "trapezoid":
        w[:-1] += h / 2
        w[1:] += h / 2
    else:
        pairs = n - n % 2
        h0, h1 = h[0:pairs:2], h[1:pairs:2]
        # Written with ratios, not products of widths, so tiny or huge widths do not underflow;
        # _times_ratio keeps a weight finite when the ratio alone overflows but the weight does not.
        t = h0 + h1
        s = t / 6
        w[0:pairs:2] += 2 * s - _times_ratio(s, h1, h0)
        big, small = np.maximum(h0, h1), np.minimum(h0, h1)
        w[1:pairs:2] += _times_ratio(_times_ratio(s, t, big), t, small)  # t³/(6·h0·h1)
        w[2 : pairs + 1 : 2] += 2 * s - _times_ratio(s, h0, h1)
        if n % 2:
            a, b = h[-2], h[-1]
            w[-1] += (b / 6) * ((2 * b + 3 * a) / (a + b))
            w[-2] += b / 2 + _times_ratio(b / 6, b, a)  # b(b + 3a)/(6a)
            w[-3] -= _times_ratio((b / 6) * (b / (a + b)), b, a)
    return w
