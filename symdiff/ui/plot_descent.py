"""Pictures of gradient descent: the cost against the step, and for two parameters their path
over the contours of the cost.

``Descent.plot`` and ``Descent.plot_path`` draw with the functions here, registered with the
numeric layer when this module is imported (``import symdiff`` does). As in ``plot``, each
returns a matplotlib figure made without pyplot and, given ``path``, saves it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..numeric.descent import Descent, DescentError, register_plotter
from .plot import PlotError, _figure, _finish

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

__all__ = ["CONTOUR_SAMPLES", "plot_cost_curve", "plot_descent_path"]

CONTOUR_SAMPLES = 5_000  # the contours average the cost over at most this many samples (chosen at random)
_GRID = 90  # contour grid points per parameter
_MARKED = 60  # at most this many steps marked along the path (the line joins every step)
_CHUNK = 2_000_000  # grid points times samples computed at once


def plot_cost_curve(result: Descent, path: str | Path | None = None) -> Figure:
    """The cost at each step (the samples each step used), and the final cost over all of them;
    on a log scale when it falls by more than a hundredfold and stays positive."""
    import numpy as np

    _check(result, path)
    figure = _figure()
    axes = figure.add_subplot()
    steps = np.arange(len(result.history))
    label = "cost over all the samples" if result.method == "batch" else "cost over each step's batch"
    axes.plot(steps, result.history, color="C0", linewidth=1.2 if result.method == "batch" else 0.6, label=label)
    axes.plot([result.steps_taken], [result.final_cost], "o", color="C3",
              label=f"final cost {result.final_cost:.4g} (all samples)")
    values = np.append(result.history, result.final_cost)
    if (values > 0).all() and values.max() > 100 * values.min():
        axes.set_yscale("log")
    axes.set_xlabel("step")
    axes.set_ylabel("cost C")
    axes.set_title(f"Gradient descent ({result.method}, lr = {result.lr:g}): {result.cost.kind}")
    axes.legend(loc="best", fontsize="small")
    axes.grid(True, alpha=0.3)
    return _finish(figure, path)


def plot_descent_path(result: Descent, path: str | Path | None = None) -> Figure:
    """The two parameters' path, step by step, over the contours of the mean cost around it."""
    import numpy as np

    _check(result, path)
    names = result.cost.params
    if len(names) != 2:
        raise DescentError(f"the path is drawn for a cost of two parameters, not {len(names)}")
    trail = result.path
    grid_a, grid_b = (_span(trail[:, k]) for k in range(2))
    a, b = np.meshgrid(np.linspace(*grid_a, _GRID), np.linspace(*grid_b, _GRID))
    levels, used = _mean_costs(result, a.ravel(), b.ravel())
    figure = _figure((7.5, 6))
    axes = figure.add_subplot()
    surface = levels.reshape(a.shape)
    finite = surface[np.isfinite(surface)]
    if finite.size and finite.max() > finite.min():
        # A cost spanning decades (a narrow valley) shows its shape on a log scale.
        logarithmic = finite.min() > 0 and finite.max() > 100 * finite.min()
        shown = np.log10(surface) if logarithmic else surface
        filled = axes.contourf(a, b, shown, levels=25, cmap="viridis", alpha=0.85)
        axes.contour(a, b, shown, levels=25, colors="white", linewidths=0.3, alpha=0.5)
        figure.colorbar(filled, ax=axes).set_label("log10 of the cost C" if logarithmic else "cost C")
    marks = np.unique(np.linspace(0, len(trail) - 1, min(len(trail), _MARKED)).astype(int))
    axes.plot(trail[:, 0], trail[:, 1], color="C3", linewidth=1.2, label=f"{result.steps_taken} steps")
    axes.plot(trail[marks, 0], trail[marks, 1], "o", color="C3", markersize=2.5)
    axes.plot(*trail[0], "s", color="white", markeredgecolor="black", markersize=8, label="start")
    axes.plot(*trail[-1], "*", color="gold", markeredgecolor="black", markersize=14,
              label=f"end: {names[0]} = {trail[-1, 0]:.4g}, {names[1]} = {trail[-1, 1]:.4g}")
    axes.set_xlabel(names[0])
    axes.set_ylabel(names[1])
    sampled = "" if used == result.cost.n else f", contours from {used:,} of the {result.cost.n:,} samples"
    axes.set_title(f"The path of gradient descent ({result.method}, lr = {result.lr:g}){sampled}", fontsize="medium")
    axes.legend(loc="best", fontsize="small")
    return _finish(figure, path)


def _check(result: object, path: object) -> None:
    if not isinstance(result, Descent):
        raise PlotError("draw a result of symdiff.gradient_descent")
    if path is not None and not isinstance(path, (str, Path)):
        raise PlotError(f"the file to save to is a path such as 'cost.png', not {type(path).__name__}")


def _span(values: np.ndarray) -> tuple[float, float]:
    """A range around the values (a quarter of their spread each side, never of zero width)."""
    low, high = float(values.min()), float(values.max())
    pad = 0.25 * (high - low) or 0.5 * max(abs(low), 1.0)
    return low - pad, high + pad


def _mean_costs(result: Descent, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, int]:
    """The mean cost at each grid point (nan where it has no value), over at most
    ``CONTOUR_SAMPLES`` samples; and how many samples were used."""
    import numpy as np

    cost = result.cost
    columns = [cost.data[name] for name in cost.data]
    used = cost.n
    if used > CONTOUR_SAMPLES:
        chosen = np.random.default_rng(0).choice(used, CONTOUR_SAMPLES, replace=False)
        columns = [column[chosen] for column in columns]
        used = CONTOUR_SAMPLES
    per_sample = _nan_version(cost)
    rows = max(1, _CHUNK // used)
    out = np.empty(len(a))
    with np.errstate(all="ignore"):
        for start in range(0, len(a), rows):
            part = slice(start, start + rows)
            values = per_sample(a[part, None], b[part, None], *(c[None, :] for c in columns))
            out[part] = np.mean(values, axis=1)
    return out, used


def _nan_version(cost: Any) -> Any:
    from ..numeric.compiled import lambdify

    return lambdify(cost.expr, [*cost.params, *cost.data], invalid="nan")


register_plotter("cost", plot_cost_curve)
register_plotter("path", plot_descent_path)
