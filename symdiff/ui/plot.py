"""Pictures of the calculus: a function with its derivative and a tangent line, the rectangles or
trapezoids of a Riemann sum, a ROC curve with its AUC.

matplotlib is an optional extra (``pip install ".[plot]"`` in a checkout, as the README says, or
``pip install matplotlib``), imported on first use. Each
function returns a ``matplotlib.figure.Figure`` (made without pyplot, so no window and no global
state) and, given ``path``, also saves it (PNG by default; the extension chooses the format).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..algebra.defined import no_value_anywhere
from ..core.errors import SymdiffError
from ..core.expr import Expr, Symbol
from ..core.printer import to_text
from ..syntax.parser import to_expr

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

__all__ = ["DEFAULT_PLOT_FILE", "PlotError", "plot_function", "plot_riemann", "plot_roc"]

DEFAULT_PLOT_FILE = "symdiff-plot.png"  # where `symdiff plot` and the REPL's :plot draw when not told
INSTALL_PLOT = 'pip install ".[plot]"'  # as the README writes it (a test holds them together)

_POINTS = 801  # samples along a curve
_BULK = (5, 95)  # the percentiles that make a curve's bulk, for the y-limits
_POLE_REACH = 4.0  # an end this many bulk widths beyond the bulk is a pole's, and is cut back
_MARGIN = 0.5  # how far past the bulk (in bulk widths) a cut view still reaches
_STEEP = 1.25  # beside a pole, a sample is at least this many times a neighbour (1/sqrt(x): 1.41)


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
    nowhere = no_value_anywhere(tree)
    if nowhere is not None:
        raise PlotError(f"{nowhere}, so it has no graph")
    at = None if tangent is None else _bound(tangent, "the tangent point")
    centre = 0.0 if at is None else at
    lo = centre - 5 if a is None and at is None else (centre - 3 if a is None else _bound(a, "the left end a"))
    hi = centre + 5 if b is None and at is None else (centre + 3 if b is None else _bound(b, "the right end b"))
    _check_interval(lo, hi)
    xs = np.linspace(lo, hi, _POINTS)
    f = lambdify(tree, [name], invalid="nan")
    ys = _samples(f, xs)
    undefined = ~np.isfinite(ys)  # f' and the tangent belong only where f itself exists (ln x: x > 0)
    slope_expr = diff(tree, name) if derivative or at is not None else None
    slopes = None
    if derivative and slope_expr is not None:
        slopes = np.where(undefined, np.nan, _samples(lambdify(slope_expr, [name], invalid="nan"), xs))
    touch = None
    if at is not None and slope_expr is not None:
        y0 = _value_at(f, at, tree, name)
        m = _value_at(lambdify(slope_expr, [name], invalid="nan"), at, slope_expr, name)
        touch = (y0, m, np.where(undefined, np.nan, y0 + m * (xs - at)))
    view = _view(ys, [] if slopes is None else [slopes], [] if touch is None else [touch[0]])
    figure = _figure()
    axes = figure.add_subplot()
    axes.plot(*_break_at_poles(xs, ys, view), label=f"f({name}) = {to_text(tree, 50)}", color="C0", linewidth=2)
    if slopes is not None and slope_expr is not None:
        axes.plot(*_break_at_poles(xs, slopes, view), label=f"f'({name}) = {to_text(slope_expr, 50)}", color="C1",
                  linestyle="--")
    if touch is not None:
        y0, m, line = touch
        label = f"tangent at {name} = {at:g}: y = {y0:.4g} + {m:.4g}·({name} − {at:g})"
        axes.plot(xs, line, color="C2", linewidth=1.2, label=label)
        axes.plot([at], [y0], "o", color="C2")
    axes.axhline(0, color="0.6", linewidth=0.8)
    axes.set_xlim(lo, hi)
    if view is not None:
        axes.set_ylim(*view)
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
    ys = _samples(f, xs)
    tops = np.asarray(heights, dtype=float)
    view = _view(ys, [], [0.0, *tops[np.isfinite(tops)].tolist()])  # every shape whole: it is what is added
    axes.plot(*_break_at_poles(xs, ys, view), color="C0", linewidth=2, label=f"{to_text(tree, 50)}")
    axes.axhline(0, color="0.4", linewidth=0.8)
    if view is not None:
        axes.set_ylim(*view)
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
        raise PlotError(f"plots need matplotlib: {INSTALL_PLOT} in the symdiff checkout, or pip install matplotlib"
                        ) from None
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


def _samples(f: Any, xs: np.ndarray) -> np.ndarray:
    """f at every x as a float array of the same shape (a constant gives a constant array)."""
    import numpy as np

    return np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape).copy()


def _extent(values: np.ndarray) -> tuple[float, float, bool, bool] | None:
    """(low, high, low_cut, high_cut): the range of the finite values, except that an end a pole
    throws far out (1/x next to 0) is cut back to the bulk's percentile plus a margin.

    An end is a pole's when it lies many bulk widths beyond the bulk, as a smooth function's
    ends do not (x^3, e^x), and its sample rises steeply out of its neighbours, as a narrow but
    smooth peak's does not (1/(1 + 100x^2)).
    """
    import numpy as np

    finite = np.isfinite(values)
    if not finite.any():
        return None
    kept = values[finite]
    low, high = (float(q) for q in np.percentile(kept, _BULK))
    spread = high - low
    lowest = int(np.argmin(np.where(finite, values, np.inf)))
    highest = int(np.argmax(np.where(finite, values, -np.inf)))
    cut_low = bool(spread > 0 and values[lowest] < low - _POLE_REACH * spread and _steep(values, lowest))
    cut_high = bool(spread > 0 and values[highest] > high + _POLE_REACH * spread and _steep(values, highest))
    return (low - _MARGIN * spread if cut_low else float(kept.min()),
            high + _MARGIN * spread if cut_high else float(kept.max()), cut_low, cut_high)


def _steep(values: np.ndarray, i: int) -> bool:
    """Whether sample i is at least _STEEP times the size of a finite neighbour, as beside a pole
    (1/x at x = h is twice its value at 2h; a smooth peak's neighbours are about its size)."""
    import math

    size = abs(values[i])
    return any(math.isfinite(values[j]) and size >= _STEEP * abs(values[j])
               for j in (i - 1, i + 1) if 0 <= j < values.size)


def _view(main: np.ndarray, others: list[np.ndarray], points: list[float]) -> tuple[float, float] | None:
    """The y-limits, or None to let matplotlib fit every value (nothing has a pole).

    The view fits ``main`` (f), cut back at a pole; every other series (f') widens it where it
    has no pole, but not where it has one: the derivative of a pole is a steeper pole and would
    squeeze f flat (1/x beside -1/x^2). ``points`` (the tangent point, the tops of the Riemann
    shapes) stay in view.
    """
    import math

    extent = _extent(main)
    if extent is None:
        return None
    low, high, cut_low, cut_high = extent
    cut = cut_low or cut_high
    for series in others:
        other = _extent(series)
        if other is None:
            continue
        cut = cut or other[2] or other[3]
        low = low if other[2] else min(low, other[0])
        high = high if other[3] else max(high, other[1])
    if not cut:
        return None
    low, high = min([low, *points]), max([high, *points])
    pad = 0.05 * (high - low) or 1.0
    view = (low - pad, high + pad)
    return view if all(map(math.isfinite, view)) else None  # values near the float limit: matplotlib fits them


def _break_at_poles(xs: np.ndarray, ys: np.ndarray, view: tuple[float, float] | None) -> tuple[np.ndarray, ...]:
    """The samples with a gap (nan) wherever two neighbours sit beyond opposite edges of the view
    with opposite signs: a pole between them (tan x at pi/2), which a line would join by a
    vertical stroke from -inf to +inf that is no part of the graph."""
    import numpy as np

    if view is None:
        return xs, ys
    low, high = view
    left, right = ys[:-1], ys[1:]
    across = (np.sign(left) * np.sign(right) < 0) & (((left > high) & (right < low)) | ((left < low) & (right > high)))
    gaps = np.flatnonzero(across) + 1
    return np.insert(xs, gaps, (xs[gaps - 1] + xs[gaps]) / 2), np.insert(ys, gaps, np.nan)


def _finish(figure: Figure, path: str | Path | None) -> Figure:
    if path is not None:
        try:
            figure.savefig(path, dpi=110)
        except (OSError, ValueError) as error:
            raise PlotError(f"cannot save the plot to {path}: {getattr(error, 'strerror', None) or error}") from None
    return figure
