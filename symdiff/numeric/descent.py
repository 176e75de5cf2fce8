"""Gradient descent on a cost, with its symbolic gradient: batch, stochastic and mini-batch.

Each step takes the gradient of the mean cost over a batch of samples (all of them; one at a
time, ``batch_size=1``; or ``batch_size`` of them, the samples shuffled with ``seed`` at the
start of every pass over the data) and moves every parameter against it: p <- p - lr * ∂C/∂p.
The result keeps the cost at every step, the parameters' path, and the first step worked with
its numbers. Descent that runs away (the cost not a finite number, or past ``DIVERGENCE`` times
where it started) stops with an error that suggests a smaller learning rate. The pictures (the
cost against the step, the path over the cost's contours) are drawn by ``symdiff.ui.plot_descent``,
which registers itself here: this layer does not import the one above it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import EvaluationError, quote
from ..core.expr import Expr
from .costs import Cost, DescentError, mean_cost, summand_text

if TYPE_CHECKING:
    import numpy as np

__all__ = ["DIVERGENCE", "MAX_STEPS", "Descent", "DescentError", "gradient_descent", "register_plotter"]

DIVERGENCE = 1e6  # a cost this many times its start (plus 1) has run away
MAX_STEPS = 1_000_000  # the path and history are kept: a row per step
_PLOTTERS: dict[str, Callable[..., Any]] = {}


def register_plotter(kind: str, function: Callable[..., Any]) -> None:
    """Set the function that draws ``kind`` ("cost" or "path") of a ``Descent``."""
    _PLOTTERS[kind] = function


def gradient_descent(cost: Cost | Expr | str, params: Mapping[str, float] | None = None,
                     data: Mapping[str, Any] | None = None, *, lr: float = 0.01, steps: int = 1000,
                     batch_size: int | None = None, seed: int = 0, tol: float | None = None) -> Descent:
    """Minimise ``cost`` from the starting values ``params`` (name -> number; for a ``Cost``,
    None starts every parameter at 0).

    ``cost`` is a ``Cost`` (from ``mse``, ``cross_entropy``), or a per-sample cost expression
    with ``data`` (its mean over the samples is minimised). ``lr`` is the learning rate;
    ``steps`` the most steps taken; ``batch_size`` None for batch descent, 1 for stochastic,
    else mini-batches; ``seed`` fixes the shuffling; with ``tol``, descent stops (converged)
    once the gradient over all the data has a length below ``tol`` (checked after each pass).
    """
    import numpy as np

    the_cost = _the_cost(cost, params, data)
    rate = _positive(lr, "the learning rate lr")
    count = _whole(steps, "steps", 1, MAX_STEPS)
    n = the_cost.n
    size = n if batch_size is None else _whole(batch_size, "batch_size", 1, n, f" (the data has {n} samples)")
    if not isinstance(seed, numbers.Integral) or isinstance(seed, (bool, np.bool_)) or seed < 0:
        raise DescentError(f"seed is a whole number from 0, for the shuffling, not {quote(seed)}")
    seed = int(seed)
    limit = None if tol is None else _positive(tol, "tol")
    start = the_cost.point(params) if params is not None else np.zeros(len(the_cost.params))
    try:
        return _Run(the_cost, start, rate, count, size, seed, limit).go()
    except _Diverged as diverged:
        # A rate that does not diverge, found by trying smaller ones for as many steps (lr / 10
        # was suggested before, and at lr = 5 on a steep cost, 0.5 diverged too).
        tried = min(count, _TRIED_STEPS)
        for tenths in range(1, _TRIED_RATES + 1):
            smaller = rate / 10**tenths
            try:
                _Run(the_cost, start, smaller, tried, size, seed, limit).go()
            except _Diverged:
                continue
            steps_said = f"these {count} steps" if tried == count else f"its first {tried} steps"
            raise DescentError(f"{diverged}; try a smaller learning rate: lr = {smaller:g} does not diverge in "
                               f"{steps_said}") from None
        raise DescentError(f"{diverged}; even lr = {rate / 10**_TRIED_RATES:g} diverges: look at the cost and "
                           "the starting values") from None


class Descent:
    """What gradient descent did: ``params`` (the final values, by name), ``history`` (the cost
    at the start of each step, over the samples that step used), ``path`` (the parameters
    before each step and after the last, one row each), ``steps_taken``, ``converged`` (stopped
    by ``tol``), ``initial_cost`` and ``final_cost`` (over all the data) and the settings it ran with."""

    def __init__(self, cost: Cost, path: np.ndarray, history: np.ndarray, first: dict[str, Any],
                 settings: dict[str, Any], converged: bool, final_cost: float) -> None:
        if not isinstance(cost, Cost):
            raise DescentError("a Descent is made by symdiff.gradient_descent")
        self.cost = cost
        self.path = path
        self.history = history
        self.params = {name: float(v) for name, v in zip(cost.params, path[-1], strict=True)}
        self.steps_taken = len(path) - 1
        self.converged = converged
        self.final_cost = final_cost
        self.lr: float = settings["lr"]
        self.batch_size: int = settings["batch_size"]
        self.seed: int = settings["seed"]
        self.tol: float | None = settings["tol"]
        self.initial_cost: float = settings["initial_cost"]  # over all the samples, at the start
        self._first = first

    @property
    def method(self) -> str:
        if self.batch_size == self.cost.n:
            return "batch"
        return "stochastic" if self.batch_size == 1 else f"mini-batch of {self.batch_size}"

    def __repr__(self) -> str:
        shown = ", ".join(f"{name} = {value:.6g}" for name, value in self.params.items())
        return f"<Descent ({self.method}) {self.steps_taken} steps: {shown}, cost {self.final_cost:.6g}>"

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """How descent went: the method, the steps, the cost from start to end, the parameters."""
        stopped = f", converged (gradient below {self.tol:g})" if self.converged else ""
        lines = [f"Gradient descent ({self.method}, lr = {self.lr:g}): {self.steps_taken} steps{stopped}",
                 f"  cost {self.initial_cost:.6g} -> {self.final_cost:.6g} (over all {self.cost.n} samples)"]
        lines += [f"  {name} = {value:.6g}" for name, value in self.params.items()]
        return "\n".join(lines)

    def first_iteration(self) -> str:
        """The first step worked with its numbers: the gradient at the start, then each update."""
        f = self._first
        if not f:
            return "No step was taken: the gradient at the start was already below tol."
        cost = self.cost
        at = ", ".join(f"{name} = {_g(v)}" for name, v in zip(cost.params, f["before"], strict=True))
        over = "all" if f["size"] == cost.n else f"a batch of {f['size']} of the"
        lines = [f"Step 1 from {at}, with lr = {self.lr:g}, over {over} {cost.n} samples:",
                 f"  C = (1/n) Σ {summand_text(cost.expr, 100)} = {_g(f['cost'])}"]
        for name, partial, value in zip(cost.params, cost.gradient, f["gradient"], strict=True):
            lines.append(f"  ∂C/∂{name} = (1/n) Σ {summand_text(partial, 100)} = {_g(value)}")
        for name, old, slope, new in zip(cost.params, f["before"], f["gradient"], f["after"], strict=True):
            lines.append(f"  {name} <- {name} - lr * ∂C/∂{name} = {_g(old)} - {self.lr:g} * {_signed(slope)} "
                         f"= {_g(new)}")
        lines.append(f"  the cost over all the samples is then {_g(f['cost_after'])}")
        return "\n".join(lines)

    def plot(self, path: str | Path | None = None) -> Any:
        """The cost against the step (a matplotlib Figure; saved to ``path`` when given)."""
        return self._draw("cost", path)

    def plot_path(self, path: str | Path | None = None) -> Any:
        """For two parameters: their path over the contours of the mean cost."""
        if len(self.cost.params) != 2:
            raise DescentError(f"the path is drawn over the contours of a cost of two parameters; this one has "
                               f"{len(self.cost.params)} ({', '.join(self.cost.params)})")
        return self._draw("path", path)

    def _draw(self, kind: str, path: object) -> Any:
        if kind not in _PLOTTERS:
            raise DescentError("drawing needs symdiff's plots: import symdiff first")
        return _PLOTTERS[kind](self, path)


class _Run:
    """One run of descent: the loop, the batches and the checks."""

    def __init__(self, cost: Cost, start: np.ndarray, lr: float, steps: int, size: int, seed: int,
                 tol: float | None) -> None:
        self.cost, self.start, self.lr, self.steps, self.size, self.seed, self.tol = \
            cost, start, lr, steps, size, seed, tol

    def go(self) -> Descent:
        import numpy as np

        means, lr, size, n = self.cost.means, self.lr, self.size, self.cost.n
        batch = size == n
        rng = np.random.default_rng(self.seed)
        means.arrange(None)
        path = np.empty((self.steps + 1, len(self.start)))
        history = np.empty(self.steps)
        path[0] = point = self.start
        first: dict[str, Any] = {}
        reference = None if batch else self._evaluate(point, None, 0, count=1)[0]
        position = taken = 0
        converged = False
        while taken < self.steps:
            window = None
            if not batch:
                if position == 0:
                    means.arrange(rng.permutation(n))
                window = slice(position, min(position + size, n))
                position = window.stop % n
            values = self._evaluate(point, window, taken)
            value, slope = values[0], values[1:]
            if reference is None:
                reference = value
            self._check(taken, value, reference, slope)
            if self.tol is not None and batch and float(np.sqrt(slope @ slope)) < self.tol:
                converged = True
                break
            history[taken] = value
            point = point - lr * slope
            taken += 1
            path[taken] = point
            if taken == 1:
                first = {"before": path[0], "cost": value, "gradient": slope, "after": point, "size": size}
            if not np.isfinite(point).all():
                raise self._diverged(taken, "the parameters are no longer finite numbers")
            if self.tol is not None and not batch and position == 0:
                whole = self._evaluate(point, None, taken)
                if float(np.sqrt(whole[1:] @ whole[1:])) < self.tol:
                    converged = True
                    break
        if not batch:
            means.arrange(None)
        final = self._evaluate(point, None, taken, count=1)[0]
        self._check(taken, final, reference if reference is not None else final, None)
        if first:
            first["cost_after"] = final if taken == 1 else self._evaluate(first["after"], None, 1, count=1)[0]
        settings = {"lr": lr, "batch_size": size, "seed": self.seed, "tol": self.tol,
                    "initial_cost": final if reference is None else reference}
        return Descent(self.cost, path[:taken + 1].copy(), history[:taken].copy(), first, settings, converged, final)

    def _evaluate(self, point: np.ndarray, window: slice | None, step: int, count: int | None = None) -> np.ndarray:
        try:
            return self.cost.means.evaluate(point, window, count)
        except EvaluationError as error:
            if step == 0:
                raise DescentError(f"the cost has no value at the starting parameters: {error}") from None
            raise self._diverged(step, f"the cost has no value there ({error})") from None

    def _check(self, step: int, value: float, reference: float, slope: np.ndarray | None) -> None:
        import numpy as np

        if not math.isfinite(value) or (slope is not None and not np.isfinite(slope).all()):
            if step == 0:
                raise DescentError("the cost or its gradient is not a finite number at the starting parameters")
            raise self._diverged(step, "the cost is no longer a finite number")
        if step and abs(value) > DIVERGENCE * (abs(reference) + 1):
            raise self._diverged(step, f"the cost grew from {reference:.4g} to {value:.4g}")

    def _diverged(self, step: int, what: str) -> DescentError:
        return _Diverged(f"gradient descent diverged at step {step}: {what} (lr = {self.lr:g})")


class _Diverged(DescentError):
    """Divergence, to be told with a learning rate that does not diverge (``gradient_descent``)."""


_TRIED_RATES = 6  # lr / 10 down to lr / 10^6
_TRIED_STEPS = 1000  # each tried for at most this many steps: a run of 10^6 steps takes 40 s


def _the_cost(cost: object, params: object, data: object) -> Cost:
    if isinstance(cost, Cost):
        if data is not None:
            raise DescentError("the Cost holds its data already: pass data only with a per-sample expression")
        return cost
    if not isinstance(cost, (str, Expr)):
        raise DescentError(f"the cost is a Cost (from mse or cross_entropy) or a per-sample expression with data, "
                           f"not {quote(cost)}")
    if data is None:
        raise DescentError("a per-sample cost needs data={'x': [...], 'y': [...]}: its mean over them is minimised")
    if not isinstance(params, Mapping) or not params:
        raise DescentError(f"params gives each parameter's starting value, such as {{'m': 0.0, 'b': 0.0}}, "
                           f"not {quote(params)}")
    return mean_cost(cost, data, list(params))


def _positive(value: object, name: str) -> float:
    from .reals import real_number

    problem = f"{name} is a positive number such as 0.01, not {quote(value)}"
    if isinstance(value, (bool, str)):
        raise DescentError(problem)
    number = real_number(value, name, DescentError)
    if not math.isfinite(number) or number <= 0:
        raise DescentError(problem)
    return number


def _whole(value: object, name: str, low: int, high: int, why: str = "") -> int:
    # numbers.Integral: NumPy's integers too (np.int64(3), as len() of an array gives one)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise DescentError(f"{name} is a whole number from {low} to {high:,}{why}, not {quote(value)}")
    return int(value)


def _g(value: float) -> str:
    return f"{float(value):.6g}"


def _signed(value: float) -> str:
    return f"({_g(value)})" if value < 0 else _g(value)

