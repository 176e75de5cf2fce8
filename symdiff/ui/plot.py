"""Pictures of the calculus: a function with its derivative and a tangent line, the rectangles or
trapezoids of a Riemann sum, a ROC curve with its AUC.

matplotlib is an optional extra (``pip install "symdiff[plot]"``), imported on first use. Each
function returns a ``matplotlib.figure.Figure`` (made without pyplot, so no window and no global
state) and, given ``path``, also saves it (PNG by default; the extension chooses the format).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import SymdiffError
from ..core.expr import Expr, Symbol
from ..core.printer import to_text
from ..syntax.parser import to_expr

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

__all__ = ["PlotError", "plot_function", "plot_riemann", "plot_roc"]

_POINTS = 801  # samples along a curve


class PlotError(SymdiffError):
    """A plot that cannot be drawn as asked (no matplotlib, a bad interval, a bad file)."""


def plot_function(expr: Expr | str, a: object = None, b: object = None, *, var: str | Symbol | None = None,
                  derivative: bool = True, tangent: object = None, path: str | Path | None = None) -> Figure:
    """``expr`` on [a, b] (default: 3 either side of the tangent point, else [-5, 5]), with its
    derivative (computed by symdiff) and, given ``tangent=x0``, the tangent line at x0."""
    import numpy as np

    from ..calculus.differentiate import diff
    from ..numeric.area import _bound, _variable
    from ..numeric.compiled import lambdify

    tree = to_expr(expr)
    name = _variable(tree, var)
    at = None if tangent is None else _bound(tangent, "the tangent point")
    centre = 0.0 if at is None else at
    lo = centre - 5 if a is None and at is None else (centre - 3 if a is None else _bound(a, "the left end a"))
    hi = centre + 5 if b is None and at is None else (centre + 3 if b is None else _bound(b, "the right end b"))
    _check_interval(lo, hi)
    xs = np.linspace(lo, hi, _POINTS)
    f = lambdify(tree, [name], invalid="nan")
    figure = _figure()
    axes = figure.add_subplot()
    ys = f(xs)
    shown = [ys]
    axes.plot(xs, ys, label=f"f({name}) = {to_text(tree, 50)}", color="C0", linewidth=2)
    slope_expr = diff(tree, name) if derivative or at is not None else None
    if derivative and slope_expr is not None:
        slopes = lambdify(slope_expr, [name], invalid="nan")(xs)
        shown.append(slopes)
        axes.plot(xs, slopes, label=f"f'({name}) = {to_text(slope_expr, 50)}", color="C1", linestyle="--")
    if at is not None and slope_expr is not None:
        y0 = _value_at(f, at, tree, name)
        m = _value_at(lambdify(slope_expr, [name], invalid="nan"), at, slope_expr, name)
        line = f"tangent at {name} = {at:g}: y = {y0:.4g} + {m:.4g}·({name} − {at:g})"
        axes.plot(xs, y0 + m * (xs - at), color="C2", linewidth=1.2, label=line)
        axes.plot([at], [y0], "o", color="C2")
    axes.axhline(0, color="0.6", linewidth=0.8)
    axes.set_xlim(lo, hi)
    _limit_y(axes, shown)
    axes.set_xlabel(name)
    axes.legend(loc="best", fontsize="small")
    axes.grid(True, alpha=0.3)
    return _finish(figure, path)


def plot_riemann(expr: Expr | str, a: object, b: object, n: int = 8, *, method: str = "midpoint",
                 var: str | Symbol | None = None, path: str | Path | None = None) -> Figure:
    """The curve on [a, b] with the shapes whose areas ``method`` adds: rectangles for the left,
    right and midpoint sums, trapezoids, or Simpson's parabolas; the title gives the estimate."""
    import numpy as np

    from ..numeric.area import integrate
    from ..numeric.compiled import lambdify

    result = integrate(expr, var, a, b, method=method, n=n)
    tree, name, lo, hi = result.expr, result.var, result.a, result.b
    assert tree is not None and name is not None
    _check_interval(min(lo, hi), max(lo, hi))
    f = lambdify(tree, [name], invalid="nan")
    figure = _figure()
    axes = figure.add_subplot()
    edges = np.linspace(lo, hi, n + 1)
    style = {"facecolor": "C1", "edgecolor": "C3", "alpha": 0.35, "linewidth": 1}
    if method in ("left", "right", "midpoint"):
        where = {"left": edges[:-1], "right": edges[1:], "midpoint": (edges[:-1] + edges[1:]) / 2}[method]
        heights = f(where)
        axes.bar(edges[:-1], heights, width=np.diff(edges), align="edge", **style)
        axes.plot(where, heights, "o", color="C3", markersize=3)
    elif method == "trapezoid":
        heights = f(edges)
        for i in range(n):
            axes.fill([edges[i], edges[i], edges[i + 1], edges[i + 1]], [0, heights[i], heights[i + 1], 0], **style)
        axes.plot(edges, heights, "o", color="C3", markersize=3)
    else:  # Simpson: the parabola through each pair of intervals' three samples
        heights = f(edges)
        for i in range(0, n, 2):
            xs = np.linspace(edges[i], edges[i + 2], 40)
            parabola = np.polyfit(edges[i : i + 3], heights[i : i + 3], 2)
            axes.fill_between(xs, np.polyval(parabola, xs), **style)
        axes.plot(edges, heights, "o", color="C3", markersize=3)
    xs = np.linspace(min(lo, hi), max(lo, hi), _POINTS)
    ys = f(xs)
    axes.plot(xs, ys, color="C0", linewidth=2, label=f"{to_text(tree, 50)}")
    axes.axhline(0, color="0.4", linewidth=0.8)
    _limit_y(axes, [ys, heights, np.zeros(1)])
    error = "" if result.error is None else f" ± {result.error:.2g}"
    axes.set_title(f"{method} (n = {n}): ∫ ≈ {result.value:.6g}{error}", fontsize="medium")
    axes.set_xlabel(name)
    axes.legend(loc="best", fontsize="small")
    axes.grid(True, alpha=0.3)
    return _finish(figure, path)


def plot_roc(y_true: Any, scores: Any, *, label: str = "classifier", path: str | Path | None = None) -> Figure:
    """The ROC curve of ``scores`` against ``y_true``, the chance diagonal, and the AUC in the legend."""
    from ..numeric.area import integrate_samples
    from ..numeric.roc import roc_curve

    curve = roc_curve(y_true, scores)
    auc = integrate_samples(curve.tpr, curve.fpr, method="trapezoid").value
    figure = _figure(size=(5.5, 5.5))
    axes = figure.add_subplot()
    axes.fill_between(curve.fpr, curve.tpr, color="C0", alpha=0.15, step=None)
    axes.plot(curve.fpr, curve.tpr, color="C0", linewidth=2, label=f"{label} (AUC = {auc:.3f})")
    axes.plot([0, 1], [0, 1], color="0.5", linestyle="--", linewidth=1, label="chance (AUC = 0.5)")
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1.01)
    axes.set_aspect("equal")
    axes.set_xlabel("false-positive rate")
    axes.set_ylabel("true-positive rate")
    axes.set_title("ROC curve", fontsize="medium")
    axes.legend(loc="lower right", fontsize="small")
    axes.grid(True, alpha=0.3)
    return _finish(figure, path)


def _figure(size: tuple[float, float] = (7.5, 5)) -> Figure:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotError('plots need matplotlib: pip install "symdiff[plot]" (or pip install matplotlib)') from None
    return Figure(figsize=size, layout="constrained")


def _check_interval(lo: float, hi: float) -> None:
    import math

    if not lo < hi:
        raise PlotError(f"the interval to plot must have a < b, not [{lo:g}, {hi:g}]")
    if not math.isfinite(hi - lo):
        raise PlotError(f"the interval [{lo:g}, {hi:g}] is too wide for floating point: its width overflows")
    if hi - lo < _POINTS * math.ulp(max(abs(lo), abs(hi))):
        raise PlotError(f"the interval [{lo:g}, {hi:g}] is too narrow to plot: it holds too few distinct numbers")


def _value_at(f: Any, at: float, tree: Expr, name: str) -> float:
    import math

    value = f(at)
    if not math.isfinite(value):
        raise PlotError(f"{to_text(tree, 60)} has no finite value at {name} = {at:g}: no tangent line there")
    return value


def _limit_y(axes: Any, series: list[np.ndarray]) -> None:
    """Keep the picture readable near a pole (1/x at 0): fit the bulk of the values, not their extremes."""
    import numpy as np

    values = np.concatenate([np.ravel(s) for s in series])
    values = values[np.isfinite(values)]
    if not values.size:
        return
    low, high = np.percentile(values, [1, 99])
    if values.min() < low - 10 * (high - low) or values.max() > high + 10 * (high - low):
        pad = 0.1 * (high - low or 1.0)
        axes.set_ylim(low - pad, high + pad)


def _finish(figure: Figure, path: str | Path | None) -> Figure:
    if path is not None:
        try:
            figure.savefig(path, dpi=110)
        except (OSError, ValueError) as error:
            raise PlotError(f"cannot save the plot to {path}: {getattr(error, 'strerror', None) or error}") from None
    return figure
