"""Cost functions over a dataset: a per-sample cost, averaged, with its symbolic gradient.

A model (``m x + b``, ``sigmoid(w x + b)``) and data (``{"x": xs, "y": ys}``) give a per-sample
cost, the quadratic ``(m x + b - y)^2`` (``mse``) or the binary cross-entropy (``cross_entropy``);
the cost of the parameters is its mean over the samples, and each partial derivative of that
mean is the mean of the per-sample partial that ``gradient`` derives. A per-sample expression
given with data always means its average over the samples.

The cost and its partials are compiled once, for many evaluations, by ``means.Means``. NumPy
is imported on first use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..calculus.differentiate import gradient
from ..core.errors import SymdiffError, quote
from ..core.expr import Add, Call, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from ..core.printer import to_text
from ..core.traversal import preorder
from ..syntax.parser import to_expr
from .compiled import CompiledFunction, lambdify
from .means import Means
from .reals import real_array

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Cost", "DescentError", "cross_entropy", "mean_cost", "mse", "read_data", "summand_text"]


class DescentError(SymdiffError):
    """A cost or a gradient descent that cannot be set up or run as asked."""


def mse(model: Expr | str, data: Mapping[str, Any], params: Sequence[str] | None = None,
        target: str = "y") -> Cost:
    """The quadratic cost (mean squared error) of ``model`` against the data column ``target``:
    C = (1/n) Σ (model - y)^2. ``params`` defaults to the model's names that are not data."""
    tree, y = _model(model, target, data)
    return _build(Pow(Sub(tree, y), Number(2)), data, params, "mean squared error", tree, y)


def cross_entropy(model: Expr | str, data: Mapping[str, Any], params: Sequence[str] | None = None,
                  target: str = "y") -> Cost:
    """The binary cross-entropy of the probabilities ``model`` against labels ``target`` in [0, 1]:
    C = (1/n) Σ -(y ln(p) + (1 - y) ln(1 - p)). For a model sigmoid(z) the per-sample cost is
    written in its equal form softplus(z) - y z, which has a value for every z (ln(sigmoid(z))
    underflows to ln 0 for z below about -745)."""
    tree, y = _model(model, target, data)
    if type(tree) is Call and tree.name == "sigmoid":  # type: ignore[attr-defined]
        z = tree.argument  # type: ignore[attr-defined]
        per_sample: Expr = Sub(Call("softplus", z), Mul(y, z))
    else:
        per_sample = Neg(Add(Mul(y, Call("ln", tree)), Mul(Sub(Number(1), y), Call("ln", Sub(Number(1), tree)))))
    cost = _build(per_sample, data, params, "binary cross-entropy", tree, y)
    labels = cost.data[y.name]
    if ((labels < 0) | (labels > 1)).any():
        i = int(((labels < 0) | (labels > 1)).argmax())
        raise DescentError(f"cross-entropy compares probabilities with labels from 0 to 1, but {y.name}[{i}] is "
                           f"{labels[i]:g}")
    return cost


def mean_cost(expr: Expr | str, data: Mapping[str, Any], params: Sequence[str] | None = None) -> Cost:
    """A per-sample cost expression given with data: its mean over the samples."""
    return _build(to_expr(expr), data, params, "mean cost", None, None)


class Cost:
    """C(params) = (1/n) Σ cost(params, sample), over ``n`` samples of ``data``.

    ``expr`` is the per-sample cost, ``params`` its parameters (in order), ``gradient`` the
    per-sample partial derivatives by them (symbolic), ``data`` name -> float column (read-only
    copies). ``value(params)`` is the mean cost and ``gradient_at(params)`` its gradient, both
    from the compiled program; ``per_sample`` and ``per_sample_gradient`` are the plain
    ``lambdify`` functions of the per-sample cost and partials (arguments: params, then data names).
    """

    __slots__ = ("_means", "_plain", "data", "expr", "gradient", "kind", "model", "n", "params", "target")

    def __init__(self, expr: Expr, params: tuple[str, ...], data: dict[str, np.ndarray], kind: str,
                 model: Expr | None = None, target: Symbol | None = None) -> None:
        if not (isinstance(expr, Expr) and isinstance(params, tuple) and isinstance(data, dict) and data):
            raise DescentError("a Cost is made by symdiff.mse, symdiff.cross_entropy or gradient_descent")
        self.expr = expr
        self.params = params
        self.data = data
        self.n = len(next(iter(data.values())))
        self.kind = kind
        self.model = model
        self.target = target
        self.gradient: tuple[Expr, ...] = gradient(expr, list(params))
        self._means = Means([expr, *self.gradient], params, data)
        self._plain: tuple[CompiledFunction, ...] | None = None

    def __repr__(self) -> str:
        return f"<Cost {self.kind} over {self.n} samples: {to_text(self.expr, 60)}>"

    def __str__(self) -> str:
        names = ", ".join(self.params)
        return f"C({names}) = (1/{self.n}) Σ {summand_text(self.expr, 200)}, the {self.kind} over {self.n} samples"

    @property
    def means(self) -> Means:
        """The compiled program behind ``value`` and ``gradient_at`` (descent drives it directly)."""
        return self._means

    @property
    def names(self) -> tuple[str, ...]:
        """The data columns the cost uses."""
        return self._means.data_names

    def value(self, params: Mapping[str, Any] | Sequence[float]) -> float:
        """The mean cost at ``params`` (a dict by name, or values in the order of ``self.params``)."""
        return _finite_means(self._means.evaluate(self.point(params), None, 1), "the cost")[0]

    def gradient_at(self, params: Mapping[str, Any] | Sequence[float]) -> dict[str, float]:
        """The gradient of the mean cost at ``params``: name -> ∂C/∂name."""
        values = _finite_means(self._means.evaluate(self.point(params), None), "the cost or its gradient")
        return dict(zip(self.params, values[1:], strict=True))

    @property
    def per_sample(self) -> CompiledFunction:
        return self._compiled()[0]

    @property
    def per_sample_gradient(self) -> tuple[CompiledFunction, ...]:
        return self._compiled()[1:]

    def _compiled(self) -> tuple[CompiledFunction, ...]:
        if self._plain is None:
            names = [*self.params, *self.data]
            self._plain = tuple(lambdify(e, names) for e in (self.expr, *self.gradient))
        return self._plain

    def point(self, params: object) -> np.ndarray:
        """``params`` as a float vector in the order of ``self.params``; every one named, once."""
        import numpy as np

        if isinstance(params, Mapping):
            params = {k.name if isinstance(k, Symbol) else k: v for k, v in params.items()}
            unknown = [str(k) for k in params if k not in self.params]
            if unknown:
                raise DescentError(f"{', '.join(unknown)} is not a parameter of the cost (its parameters are "
                                   f"{', '.join(self.params)})")
            missing = [p for p in self.params if p not in params]
            if missing:
                raise DescentError(f"give a value for each parameter: {', '.join(missing)} missing")
            values = [params[p] for p in self.params]
        elif (isinstance(params, Sequence) and not isinstance(params, str)) or (
                isinstance(params, np.ndarray) and params.ndim == 1):
            values = list(params)  # type: ignore[arg-type]
            if len(values) != len(self.params):
                raise DescentError(f"give {len(self.params)} values, for {', '.join(self.params)}; got {len(values)}")
        else:
            raise DescentError(f"the parameters are a dict such as {{{self.params[0]!r}: 0.0}}, not {quote(params)}")
        point = np.array([_finite(v, f"the value of {p}") for v, p in zip(values, self.params, strict=True)])
        return point


def _finite_means(values: np.ndarray, what: str) -> list[float]:
    """``values`` as floats, each finite: a mean past a float's range (the squares of x = 1e200)
    came out as inf, a number the cost does not have; it is refused, said so."""
    import numpy as np

    if not np.isfinite(values).all():
        raise DescentError(f"{what} at these parameters is too large for floating point (past about 1.8e308): "
                           "rescale the data or the parameters")
    return [float(v) for v in values]


def summand_text(expr: Expr, width: int | None = None) -> str:
    """``expr`` as the term of a sum Σ: in parentheses when it is a sum or difference itself."""
    text = to_text(expr, width)
    return f"({text})" if type(expr) in (Add, Sub, Neg) else text


# --- building a cost ----------------------------------------------------------------------------


def _model(model: object, target: object, data: object) -> tuple[Expr, Symbol]:
    tree = to_expr(model)
    if not isinstance(target, str) or not target.strip():
        raise DescentError(f"target is the name of the data column holding the answers, such as 'y', not "
                           f"{quote(target)}")
    try:
        y = Symbol(target.strip())
    except SymdiffError:
        raise DescentError(f"target is a name such as 'y', not {quote(target)}") from None
    if isinstance(data, Mapping) and y.name not in data:
        raise DescentError(f"the data has no column {y.name} (the target): give data={{..., {y.name!r}: values}}")
    if y in tree.free_symbols:
        raise DescentError(f"the model {to_text(tree, 60)} uses {y.name}, the target it is to predict")
    return tree, y


def _build(expr: Expr, data: object, params: object, kind: str, model: Expr | None, target: Symbol | None) -> Cost:
    columns = read_data(data)
    written = _appearance(expr)
    if params is None:
        names = tuple(n for n in written if n not in columns)
        if not names:
            raise DescentError(f"{to_text(expr, 60)} has no parameters: every name in it is a data column")
    else:
        names = _param_names(params)
    for name in names:
        if name in columns:
            raise DescentError(f"{name} is both a parameter and a data column; rename one of them")
        if name not in written:
            raise DescentError(f"{name} is not in the cost {to_text(expr, 60)}, so descent cannot change it")
    missing = [n for n in written if n not in names and n not in columns]
    if missing:
        raise DescentError(f"the cost uses {', '.join(missing)}, which is neither a parameter nor a data column")
    used = {n: columns[n] for n in columns if n in written}
    if not used:
        raise DescentError(f"the cost {to_text(expr, 60)} uses none of the data columns {', '.join(columns)}")
    return Cost(expr, names, used, kind, model, target)


def _param_names(params: object) -> tuple[str, ...]:
    if isinstance(params, str) or not isinstance(params, (Sequence, Mapping)) or not params:
        raise DescentError(f"params is a list of parameter names such as ['m', 'b'], not {quote(params)}")
    names = []
    for item in params:
        name = item.name if isinstance(item, Symbol) else item
        try:
            name = Symbol(name.strip()).name if isinstance(name, str) else None
        except SymdiffError:
            name = None
        if name is None:
            raise DescentError(f"a parameter is a name such as m or w_1, not {quote(item)}")
        if name in names:
            raise DescentError(f"{name} is named twice among the parameters")
        names.append(name)
    return tuple(names)


def read_data(data: object) -> dict[str, np.ndarray]:
    """``{name: column}`` as read-only float arrays of one length, each value a finite real number."""
    import numpy as np

    if not isinstance(data, Mapping) or not data:
        raise DescentError(f"data is a dict of columns such as {{'x': [1, 2, 3], 'y': [2, 4, 6]}}, not {quote(data)}")
    columns: dict[str, np.ndarray] = {}
    for key, values in data.items():
        try:
            name = Symbol(key.strip()).name if isinstance(key, str) else None
        except SymdiffError:
            name = None
        if name is None:
            raise DescentError(f"a data column is named by a variable name such as x, not {quote(key)}")
        column = real_array(values, f"data[{name!r}]", DescentError)
        if column.ndim != 1:
            what = "one number" if column.ndim == 0 else f"an array of shape {column.shape}"
            raise DescentError(f"data[{name!r}] is {what}: give one flat column of samples per name (x1, x2, ... "
                               f"for several features)")
        if not len(column):
            raise DescentError(f"data[{name!r}] is empty: there are no samples to average over")
        bad = ~np.isfinite(column)
        if bad.any():
            i = int(bad.argmax())
            raise DescentError(f"data[{name!r}][{i}] is {column[i]}, not a finite number")
        column = np.array(column, dtype=float)  # a copy: later changes to the caller's array change nothing
        column.flags.writeable = False
        columns[name] = column
    lengths = {name: len(column) for name, column in columns.items()}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{name}: {count}" for name, count in lengths.items())
        raise DescentError(f"the data columns differ in length ({shown}); each sample needs a value in every column")
    return columns


def _appearance(expr: Expr) -> list[str]:
    """The names in ``expr`` in the order they are written."""
    return list(dict.fromkeys(node.name for node, _ in preorder(expr) if type(node) is Symbol))  # type: ignore[attr-defined]


def _finite(value: object, name: str) -> float:
    import math

    from .reals import real_number

    number = real_number(value, name, DescentError)
    if not math.isfinite(number):
        raise DescentError(f"{name} is {number}, not a finite number")
    return number
