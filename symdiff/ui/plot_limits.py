"""Pictures of the first two chapters: a function near a limit point, and secants turning into the tangent.

``plot_limit`` draws the function near the point with what the limit found marked: the limit
as a dashed line, a hole as a hollow circle, a jump's two one-sided values, a vertical
asymptote for an infinite limit; at infinity, x runs over [1, 1000] (or [-1000, -1]) on a log
scale. ``plot_secants`` draws f, the secants through (a, f(a)) and (a + h, f(a + h)) for
h = 1, 0.5, 0.25, 0.1, and the tangent they approach. As in ``plot``, each returns a figure
made without pyplot and, given ``path``, saves it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import SymdiffError
from ..core.expr import Expr, Infinity, Neg, Symbol
from ..core.printer import to_text
from .plot import PlotError, _break_at_poles, _check_interval, _figure, _finish, _samples, _value_at, _view

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..calculus.limits import Limit

__all__ = ["SECANT_STEPS", "plot_limit", "plot_secants"]

SECANT_STEPS = (1.0, 0.5, 0.25, 0.1)  # the h of each secant, the farthest first
_POINTS = 800  # even, so that the samples straddle the point and never land on it
_FAR = 1000.0  # at infinity, x runs to ±_FAR
_CLOSE = 60  # samples on each side within 1% of the window of the point, reaching the hole or the pole
_HOLLOW = {"markerfacecolor": "white", "markersize": 8, "markeredgewidth": 1.8, "zorder": 5}
_FILLED = {"markersize": 7, "zorder": 6}


def plot_limit(expr: Expr | str, point: object, var: str | Symbol | None = None, side: str = "both", *,
               path: str | Path | None = None) -> Figure:
    """``expr`` near ``point`` (as ``symdiff.limit`` takes it: a number, ``"pi/2"``, ``"oo"``),
    with the limit marked; a limit symdiff declines is drawn without marks, and says so."""
    import numpy as np

    from ..calculus.limits import LimitError, limit, limit_table
    from ..numeric.compiled import lambdify

    _check_path(path)
    try:
        found: Limit | None = limit(expr, var, point, side)
    except LimitError:
        limit_table(expr, var, point, side, points=1)  # the arguments at fault: their error, not a picture
        found = None
    # The variable, point and side as the library read them; for a declined limit, from the
    # limit of the variable itself at the same point, which is always found.
    shape = found if found is not None else limit(_variable(expr, var), None, point, side)
    tree = found.expr if found is not None else _tree(expr)
    x, where, side = shape.var, shape.point, shape.side
    a = _number(where)
    f = lambdify(tree, [x.name], invalid="nan")
    xs, spread = _grid(a)
    ys = _samples(f, xs)
    ys[xs == a] = np.nan  # a break at the point: the curve is not joined across a jump or a pole
    sides = _one_sided(found)
    # The view from evenly spread samples: those crowded beside the point would stretch it to a pole's height.
    view = _view(_samples(f, spread), [], [value for _, value in sides if math.isfinite(value)])
    figure = _figure()
    axes = figure.add_subplot()
    label = f"f({x.name}) = {to_text(tree, 50)}"
    if side == "both" or math.isinf(a):
        axes.plot(*_break_at_poles(xs, ys, view), color="C0", linewidth=2, label=label)
    else:  # the side approached in colour, the other in grey: the limit does not look at it
        near = xs > a if side == "+" else xs < a
        axes.plot(*_break_at_poles(xs[near], ys[near], view), color="C0", linewidth=2, label=label)
        far = ~near & (xs != a)
        if np.isfinite(ys[far]).any():
            axes.plot(*_break_at_poles(xs[far], ys[far], view), color="0.7", linewidth=1.2,
                      label="the other side (not part of this limit)")
    if found is not None:
        _marks(axes, found, f, a, sides)
    if math.isinf(a):
        axes.set_xscale("log" if a > 0 else "symlog", **({} if a > 0 else {"linthresh": 1.0}))
    axes.set_xlim(xs[0], xs[-1])
    if view is not None:
        axes.set_ylim(*view)
    axes.axhline(0, color="0.6", linewidth=0.8)
    axes.set_title(_title(found, tree, x, where, side), fontsize="medium")
    axes.set_xlabel(x.name)
    axes.legend(loc="best", fontsize="small")
    axes.grid(True, alpha=0.3)
    return _finish(figure, path)


def _grid(a: float) -> tuple[Any, Any]:
    """Where to sample: x = 1 ... 1000 (or -1000 ... -1) at infinity; else a window of half-width
    2 (or |a|/2) around the point, with a crowd of samples beside it (the curve reaches the hole
    or the pole) and the point itself. Also the evenly spread samples alone."""
    import numpy as np

    if math.isinf(a):
        xs = np.geomspace(1.0, _FAR, _POINTS)
        xs = xs if a > 0 else -xs[::-1]
        return xs, xs
    half = max(2.0, abs(a) / 2)
    _check_interval(a - half, a + half)
    spread = np.linspace(a - half, a + half, _POINTS)
    close = half * np.geomspace(1e-4, 1e-2, _CLOSE)
    return np.unique(np.concatenate([spread, a - close, a + close, [a]])), spread[spread != a]


def _marks(axes: Axes, found: Limit, f: Any, a: float, sides: list[tuple[int, float]]) -> None:
    """The limit's marks: a dashed line at a finite limit, a circle at the point (hollow where f
    is not that value there), a vertical dashed line where the function grows without bound."""
    if math.isinf(a):
        if sides and math.isfinite(sides[0][1]):
            axes.axhline(sides[0][1], color="C3", linestyle="--", linewidth=1.2,
                         label=f"y = {found.value}: the limit as {found.var} → {_shown(found.point)}")
        return
    at_point = _at(f, a)
    values = [value for _, value in sides]
    finite = [(s, value) for s, value in sides if math.isfinite(value)]
    if any(math.isinf(value) for value in values):
        axes.axvline(a, color="C3", linestyle="--", linewidth=1.2, label=f"vertical asymptote {found.var} = {_text(a)}")
        at_point = None  # f(pi/2) in floating point is 1.6e16, not a value of tan: no dot for it
    elif len({value for _, value in finite}) == 1:
        value = finite[0][1]
        axes.axhline(value, color="C3", linestyle="--", linewidth=1.2, label=f"limit {found.value}")
        if at_point is not None and _same(at_point, value):
            how = {"both": "", "+": " from the right", "-": " from the left"}[found.side]
            axes.plot([a], [value], "o", color="C3", label=f"f({_text(a)}) = {found.value}: continuous{how}",
                      **_FILLED)
            return
        axes.plot([a], [value], "o", color="C3", label=f"a hole at ({_text(a)}, {found.value})", **_HOLLOW)
        finite = []
    for s, value in finite:  # a jump (or one side finite, the other infinite): each one-sided value
        name = "left" if s < 0 else "right"
        filled = at_point is not None and _same(at_point, value)
        axes.plot([a], [value], "o", color="C1" if s < 0 else "C3",
                  label=f"from the {name}: {_text(value)}", **(_FILLED if filled else _HOLLOW))
    if at_point is not None and not any(_same(at_point, value) for value in values):
        axes.plot([a], [at_point], "o", color="k", label=f"f({_text(a)}) = {_text(at_point)}", **_FILLED)


def _one_sided(found: Limit | None) -> list[tuple[int, float]]:
    """(side, value) for each side the limit has a value on: -1 left, 1 right, 0 both at once."""
    if found is None:
        return []
    if found.left is not None and found.right is not None:
        parts = [(-1, found.left), (1, found.right)]
        return [(s, _number(part.value)) for s, part in parts if part.value is not None]
    if found.value is None:
        return []
    return [({"both": 0, "+": 1, "-": -1}[found.side], _number(found.value))]


def _title(found: Limit | None, tree: Expr, x: Symbol, where: Expr, side: str) -> str:
    import textwrap

    mark = {"both": "", "+": "⁺", "-": "⁻"}[side]
    question = f"lim {x.name}→{_shown(where)}{mark} {to_text(tree, 40)}"
    if found is None:
        return f"{question}: symdiff cannot decide it (the curve alone)"
    if found.value is not None:
        return f"{question} = {_shown(found.value)}"
    return "\n".join([f"{question} does not exist", *textwrap.wrap(found.reason, 90, max_lines=2)])


def plot_secants(expr: Expr | str, at: object, var: str | Symbol | None = None, *,
                 path: str | Path | None = None) -> Figure:
    """f near ``at``, the secants through (a, f(a)) and (a + h, f(a + h)) for h = 1, 0.5, 0.25,
    0.1 (fading as h grows), and the tangent at a (its slope by ``symdiff.diff``), each slope in
    the legend: the picture of f'(a) = lim[h->0] (f(a + h) - f(a))/h."""
    import numpy as np

    from ..calculus.differentiate import diff
    from ..numeric.area import _bound_expr, _variable
    from ..numeric.compiled import lambdify
    from ..syntax.parser import to_expr

    _check_path(path)
    tree = to_expr(expr)
    name = _variable(tree, var)
    a, written = _bound_expr(at, "the point a")
    f = lambdify(tree, [name], invalid="nan")
    y0 = _value_at(f, a, tree, name)
    slope_expr = diff(tree, name)
    slope = _value_at(lambdify(slope_expr, [name], invalid="nan"), a, slope_expr, name)
    lo, hi = a - 1.25, a + 1.5
    _check_interval(lo, hi)
    xs = np.linspace(lo, hi, _POINTS + 1)
    ys = _samples(f, xs)
    secants = [(h, y, (y - y0) / h) for h in SECANT_STEPS if (y := _at(f, a + h)) is not None]
    tops = [y0, *(y for _, y, _ in secants)]
    view = _view(ys, [], tops)  # cut back at a pole in the window (1/x at pi/4)
    if view is None:
        finite = [*tops, *ys[np.isfinite(ys)].tolist()]
        pad = 0.15 * (max(finite) - min(finite)) or 1.0
        view = (min(finite) - pad, max(finite) + pad)
    figure = _figure()
    axes = figure.add_subplot()
    axes.plot(*_break_at_poles(xs, ys, view), color="C0", linewidth=2.2, label=f"f({name}) = {to_text(tree, 50)}",
              zorder=3)
    from matplotlib import colormaps

    shades = colormaps["Oranges"]
    for i, (h, y, s) in enumerate(secants):  # the farthest palest: the eye follows them to the tangent
        colour = shades(0.35 + 0.55 * i / max(1, len(SECANT_STEPS) - 1))
        axes.plot(xs, y0 + s * (xs - a), color=colour, linewidth=1.3, label=f"secant, h = {h:g}: slope {s:.4g}")
        axes.plot([a + h], [y], "o", color=colour, markersize=5, zorder=4)
    point = to_text(written)
    axes.plot(xs, y0 + slope * (xs - a), color="C2", linewidth=2, linestyle="--",
              label=f"tangent: slope f'({point}) = {slope:.4g}", zorder=4)
    axes.plot([a], [y0], "o", color="k", markersize=6, zorder=5)
    axes.set_xlim(lo, hi)
    axes.set_ylim(*view)
    axes.set_title(f"Secants through ({point}, {y0:.4g}) approach the tangent as h → 0", fontsize="medium")
    axes.set_xlabel(name)
    axes.legend(loc="best", fontsize="small")
    axes.grid(True, alpha=0.3)
    return _finish(figure, path)


# --- helpers ---------------------------------------------------------------------------------------


def _check_path(path: object) -> None:
    if path is not None and not isinstance(path, (str, Path)):
        raise PlotError(f"the file to save to is a path such as 'out.png', not {type(path).__name__}")


def _variable(expr: object, var: object) -> Symbol:
    """The limit's variable: ``var``, else the expression's only one, else x (as ``limit``)."""
    if isinstance(var, Symbol):
        return var
    if isinstance(var, str):
        return Symbol(var.strip())
    free = sorted(_tree(expr).free_symbols, key=lambda symbol: symbol.name)
    return free[0] if len(free) == 1 else Symbol("x")


def _tree(expr: object) -> Expr:
    from ..core.operators import worked_out
    from ..syntax.parser import to_expr

    return worked_out(to_expr(expr))  # type: ignore[arg-type]


def _number(value: Expr | None) -> float:
    """A point or limit as a float: oo and -oo are infinities."""
    from ..core.evaluate import evaluate

    if value is None:
        return math.nan
    if type(value) is Infinity:
        return math.inf
    if type(value) is Neg and type(value.children[0]) is Infinity:
        return -math.inf
    try:
        return float(evaluate(value))
    except (SymdiffError, OverflowError):
        raise PlotError(f"{to_text(value, 40)} is too large to plot") from None


def _at(f: Any, x: float) -> float | None:
    """f(x) where it is a finite number, else None."""
    try:
        value = float(f(x))
    except (SymdiffError, ArithmeticError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _text(value: float) -> str:
    return f"{value:.6g}"


def _same(value: float, other: float) -> bool:
    return math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-12)


def _shown(expr: Expr) -> str:
    """An expression for a title: oo as ∞."""
    if type(expr) is Infinity:
        return "∞"
    if type(expr) is Neg and type(expr.children[0]) is Infinity:
        return "-∞"
    return to_text(expr)
