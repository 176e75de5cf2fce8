"""The means over samples of several expressions at once: a cost and its partial derivatives.

Each expression is split into its terms (its top-level sum), each term into a factor of the
parameters alone (a number at each call) and factors that use the data, each compiled with
``lambdify`` and computed once per call however many terms share it (once for all calls when it
is of the data alone); the mean of a product of data factors is one pass (``einsum``). So the
gradient of the quadratic cost, ``2*x*(m*x + b - y)`` and ``2*(m*x + b - y)``, costs one pass
over the data for the shared residual and one for each mean, as a hand-written NumPy gradient
does. NumPy is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.expr import Add, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from .compiled import CompiledFunction, lambdify

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Means"]


class Means:
    """The means over samples of several expressions in the parameters and the data, computed
    together (see the module's docstring). ``evaluate(point, window)`` gives them all at the
    parameter values ``point`` over the samples ``window`` (a slice of the current arrangement
    of the data, None for all); ``arrange(order)`` shuffles the samples.

    Each distinct factor gets a number when compiled, so a call looks factors up by position
    (comparing trees at every step would cost more than the arithmetic on small data)."""

    def __init__(self, exprs: list[Expr], params: tuple[str, ...], data: dict[str, np.ndarray]) -> None:
        self.params = params
        self.data_names = tuple(data)
        self.data = data
        self.columns = dict(data)  # the current arrangement
        self._numbers: dict[Expr, int] = {}
        # Each factor: its program (None for a data column itself), its parameters' positions, its columns.
        self._factors: list[tuple[CompiledFunction | None, tuple[int, ...], tuple[str, ...]]] = []
        self._fixed: dict[int, np.ndarray] = {}  # factors of the data alone, for the current arrangement
        # Each scalar: a number, or a program of the parameters with their positions.
        self._scalars: list[float | tuple[CompiledFunction, tuple[int, ...]]] = []
        self.outputs = [[self._term(sign, term) for sign, term in _terms(e)] for e in exprs]

    def arrange(self, order: np.ndarray | None) -> None:
        """Put the samples in ``order`` (None: as given); windows then slice that arrangement."""
        self.columns = dict(self.data) if order is None else {n: c[order] for n, c in self.data.items()}
        self._fixed.clear()

    def evaluate(self, point: np.ndarray, window: slice | None, count: int | None = None) -> np.ndarray:
        """The first ``count`` means (all by default) at ``point`` over ``window``."""
        import numpy as np

        size = len(next(iter(self.columns.values())))
        if window is not None:
            start, stop, _ = window.indices(size)
            size = stop - start
        vectors: list[Any] = [None] * len(self._factors)
        results = np.zeros(len(self.outputs) if count is None else count)
        for k, terms in enumerate(self.outputs[:count]):
            total = 0.0
            for sign, scalar, factors in terms:
                arrays = [vectors[f] if vectors[f] is not None else self._vector(f, point, window, vectors)
                          for f in factors]
                total += sign * self._scalar(scalar, point) * _mean_of_product(arrays, size)
            results[k] = total
        return results

    def _term(self, sign: int, term: Expr) -> tuple[int, int, list[int]]:
        """A term as (its sign, its factor of the parameters alone, its factors that use the data),
        the factors by number."""
        scalars: list[Expr] = []
        vectors: list[Expr] = []
        stack = [term]
        while stack:
            node = stack.pop()
            kind = type(node)
            if not self._uses_data(node):
                scalars.append(node)
            elif kind is Mul:
                stack.extend(reversed(node.children))
            elif kind is Neg:
                sign = -sign
                stack.append(node.children[0])
            elif kind is Div and not self._uses_data(node.children[1]):
                scalars.append(Div(Number(1), node.children[1]))
                stack.append(node.children[0])
            elif kind is Pow and node.children[1] == Number(2):  # the mean of f*f: one pass, as any product
                vectors += [node.children[0], node.children[0]]
            else:
                vectors.append(node)
        scalar = Number(1) if not scalars else scalars[0] if len(scalars) == 1 else Mul(*scalars)
        return sign, self._scalar_number(scalar), [self._factor_number(f) for f in vectors]

    def _scalar_number(self, scalar: Expr) -> int:
        names = [p for p in self.params if Symbol(p) in scalar.free_symbols]
        compiled = lambdify(scalar, names)
        self._scalars.append(float(compiled()) if not names else  # type: ignore[arg-type]
                             (compiled, tuple(self.params.index(p) for p in names)))
        return len(self._scalars) - 1

    def _factor_number(self, factor: Expr) -> int:
        number = self._numbers.get(factor)
        if number is None:
            symbols = {s.name for s in factor.free_symbols}
            params = [p for p in self.params if p in symbols]
            data = tuple(n for n in self.data_names if n in symbols)
            plain = type(factor) is Symbol  # a data column itself: no program, no copy
            compiled = None if plain else lambdify(factor, [*params, *data])
            self._factors.append((compiled, tuple(self.params.index(p) for p in params), data))
            number = self._numbers[factor] = len(self._factors) - 1
        return number

    def _uses_data(self, node: Expr) -> bool:
        return any(s.name in self.data for s in node.free_symbols)

    def _scalar(self, number: int, point: np.ndarray) -> float:
        scalar = self._scalars[number]
        if isinstance(scalar, float):
            return scalar
        compiled, indices = scalar
        return float(compiled(*(point[i] for i in indices)))

    def _vector(self, number: int, point: np.ndarray, window: slice | None, vectors: list[Any]) -> Any:
        compiled, indices, names = self._factors[number]
        if not indices:  # the data alone: once per arrangement of the samples
            whole = self._fixed.get(number)
            if whole is None:
                whole = self._fixed[number] = self.columns[names[0]] if compiled is None else \
                    compiled(*(self.columns[n] for n in names))
            found = whole if window is None else whole[window]
        else:
            columns = [self.columns[n] if window is None else self.columns[n][window] for n in names]
            found = compiled(*(point[i] for i in indices), *columns)  # type: ignore[misc]
        vectors[number] = found
        return found


def _terms(expr: Expr) -> list[tuple[int, Expr]]:
    """``expr`` as a signed sum of terms: its top-level sums, differences and negations opened."""
    terms: list[tuple[int, Expr]] = []
    stack = [(1, expr)]
    while stack:
        sign, node = stack.pop()
        kind = type(node)
        if kind is Add:
            stack.extend((sign, child) for child in reversed(node.children))
        elif kind is Sub:
            stack.extend([(-sign, node.children[1]), (sign, node.children[0])])
        elif kind is Neg:
            stack.append((-sign, node.children[0]))
        else:
            terms.append((sign, node))
    return terms


def _mean_of_product(arrays: list[Any], size: int) -> float:
    """The mean over the samples of the product of ``arrays``, in one pass and no temporary array
    (``einsum``; not ``dot``, whose threads can stall for milliseconds on a busy machine)."""
    import numpy as np

    if not arrays:
        return 1.0
    if len(arrays) == 1:
        return float(np.sum(arrays[0])) / size
    return float(np.einsum(",".join("i" * len(arrays)) + "->", *arrays)) / size
