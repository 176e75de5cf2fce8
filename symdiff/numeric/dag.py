"""An expression as a computational graph: its distinct nodes in evaluation order, with values.

``forward_mode`` and ``backprop`` both work on this list (a Wengert list, as the autodiff
literature calls it): each distinct subexpression once, children before the nodes that use
them, so a subtree shared by several parents (``sigmoid(z)`` in ``sigmoid(z)*(1 -
sigmoid(z))``) is computed once and its adjoint gathers every path through it. Equal subtrees
count as one node even when they are different objects, as in ``lambdify``. Inputs keep their
names (x, w); every other node gets one, v1, v2, ..., in order; numbers and the constants pi
and e are shown where they are used.

Values are Python floats at a point, or NumPy arrays over a data set (``at`` holding arrays);
the local slopes come from ``local_rules``. A value or slope that is not a finite real number
raises ``EvaluationError`` naming the subexpression (with the values of scalars, the same
message ``evaluate`` gives).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..algebra.defined import CHECKED_KINDS, undefined_part
from ..algebra.simplify import Simplifier
from ..core.errors import EvaluationError, SymdiffError, quote
from ..core.evaluate import CONSTANT_VALUES, POLE_FUNCTIONS, evaluate, real_root
from ..core.expr import (
    Add,
    Call,
    Constant,
    Div,
    Expr,
    Infinity,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
)
from ..core.functions import FUNCTIONS
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .graph_print import number_text
from .local_rules import ARRAY_OPERATORS, SCALAR, array_functions, array_math, partials
from .reals import real_array, real_number

__all__ = ["AutodiffError", "Graph", "broadcaster", "read_names", "read_point"]


class AutodiffError(SymdiffError):
    """Arguments forward mode or backprop cannot work with, or a graph that cannot be drawn."""


_LEAVES = (Number, Constant)  # shown where they are used, not as rows of their own


class Graph:
    """The distinct nodes of an expression in evaluation order (``nodes``), each with the
    positions of its children (``args``) and its name (``names``; None for numbers and
    constants). ``symbols`` maps each variable's name to its position."""

    __slots__ = ("args", "expr", "names", "near_poles", "no_value", "nodes", "symbols")
    no_value: str | None  # why a constant in it has no value, or None
    # The values of constant nodes near a pole, worked to 60 digits (tan(pi/2 + 10^-30) is -1e30;
    # its float argument is the float of pi/2, where tan gives 1.6e16), by position; None if none.
    near_poles: dict[int, float] | None

    def __init__(self, expr: object) -> None:
        tree = to_expr(expr)  # text or a tree; written derivatives (d/dx[...]) are worked out first
        nodes: list[Expr] = []
        args: list[tuple[int, ...]] = []
        # Equal subtrees are one node: a node's key is its kind, its own data and its children's
        # positions, so equality is decided bottom-up in one step per node, never by comparing trees.
        index: dict[tuple[object, ...], int] = {}
        done: dict[int, int] = {}  # by object: a shared subtree is walked once
        # Post-order, children left to right (the order a textbook lists the steps in), with an
        # explicit stack: no tree is too deep. (node, True) comes back once its children are done.
        stack: list[tuple[Expr, bool]] = [(tree, False)]
        push, pop = stack.append, stack.pop
        while stack:
            node, ready = pop()
            if id(node) in done:
                continue
            if not ready:
                push((node, True))
                for child in reversed(node.children):
                    if id(child) not in done:
                        push((child, False))
                continue
            kind = type(node)
            if kind is Infinity or kind is UndefinedCall:
                _refuse(node)
            positions = tuple([done[id(child)] for child in node.children])
            key = (kind, _own_data(node, kind), positions)
            position = index.get(key)
            if position is None:
                position = index[key] = len(nodes)
                nodes.append(node)
                args.append(positions)
            done[id(node)] = position
        self.no_value, self.near_poles = _no_value(nodes, args)
        self.expr = tree
        self.nodes = nodes
        self.args = args
        self.symbols = {node.name: i for i, node in enumerate(nodes) if type(node) is Symbol}  # type: ignore[attr-defined]
        # v1, v2, ... unless the expression has such names: then u1, ..., q1, ... or vv1, ... (each
        # name rules out one prefix at most, so one of these is free)
        candidates = ("v", "u", "q", *("v" * k for k in range(2, len(self.symbols) + 3)))
        prefix = next(p for p in candidates
                      if not any(name.startswith(p) and name[len(p):].isdigit() for name in self.symbols))
        self.names: list[str | None] = []
        count = 0
        for node in nodes:
            if type(node) is Symbol:
                self.names.append(node.name)  # type: ignore[attr-defined]
            elif isinstance(node, _LEAVES):
                self.names.append(None)
            else:
                count += 1
                self.names.append(f"{prefix}{count}")

    def label(self, i: int) -> str:
        """How node ``i`` is named where it is used: its name, or the number or constant itself."""
        return self.names[i] or to_text(self.nodes[i])

    def operation(self, i: int) -> Expr | None:
        """Node ``i`` over its children's names (``sin(v2)``, ``v1*x``); None for an input."""
        node = self.nodes[i]
        if not self.args[i]:
            return None
        children = tuple(self.nodes[c] if self.names[c] is None else Symbol(self.names[c]) for c in self.args[i])  # type: ignore[arg-type]
        return node.with_children(children)

    def varying(self, names: frozenset[str]) -> list[bool]:
        """For each node, whether it depends on any of the variables ``names``."""
        flags: list[bool] = []
        for node, children in zip(self.nodes, self.args, strict=True):
            if children:
                flags.append(True in [flags[c] for c in children])
            else:
                flags.append(type(node) is Symbol and node.name in names)  # type: ignore[attr-defined]
        return flags

    # --- values ---------------------------------------------------------------------------------
    def values(self, point: dict[str, Any], shape: tuple[int, ...] | None) -> list[Any]:
        """Each node's value: floats, or with ``shape`` (arrays in ``point``) NumPy arrays."""
        if self.no_value is not None:
            raise EvaluationError(f"{_short(self.expr)} has no value anywhere ({self.no_value})")
        return self._scalar_values(point) if shape is None else self._array_values(point, shape)

    def _scalar_values(self, point: dict[str, Any], skip: list[bool] | None = None) -> list[Any]:
        """Each node's value as a float (None for the nodes ``skip`` marks, left to NumPy)."""
        values: list[Any] = []
        append = values.append
        isfinite = math.isfinite
        near_poles = self.near_poles
        for i, (node, children) in enumerate(zip(self.nodes, self.args, strict=True)):
            if skip is not None and skip[i]:
                append(None)
                continue
            kind = type(node)
            try:
                if kind is Symbol:
                    v = point[node.name]  # type: ignore[attr-defined]
                elif kind is Mul:
                    v = values[children[0]]
                    for c in children[1:]:
                        v *= values[c]
                elif kind is Add:
                    v = values[children[0]] + values[children[1]] if len(children) == 2 else \
                        math.fsum([values[c] for c in children])
                elif kind is Call:
                    v = FUNCTIONS[node.name].real(values[children[0]])  # type: ignore[attr-defined]
                    if near_poles is not None and i in near_poles:
                        v = near_poles[i]
                elif kind is Sub:
                    v = values[children[0]] - values[children[1]]
                elif kind is Pow:
                    v = values[children[0]] ** values[children[1]]
                    if type(v) is complex:
                        raise ValueError("a negative number to a fractional power")
                elif kind is Number:
                    v = float(node.value)  # type: ignore[attr-defined]
                elif kind is Div:
                    v = values[children[0]] / values[children[1]]
                elif kind is Neg:
                    v = -values[children[0]]
                elif kind is Constant:
                    v = CONSTANT_VALUES[node.name]  # type: ignore[attr-defined]
                elif kind is Root:
                    v = real_root(values[children[0]], node.index)  # type: ignore[attr-defined]
                else:  # Log
                    a, b = values[children[0]], values[children[1]]
                    if a <= 0 or b <= 0 or b == 1:
                        raise ValueError("log domain")
                    v = math.log(a) / math.log(b)
            except (ArithmeticError, ValueError):
                v = math.nan
            if not isfinite(v):
                raise self._value_error(node, point)
            append(v)
        return values

    def _value_error(self, node: Expr, point: dict[str, float]) -> EvaluationError:
        """The error ``evaluate`` gives for the first failing node (its message names why)."""
        if type(node) is Number:
            return EvaluationError(f"the number {to_text(node, 40)} is too large for floating point")
        try:
            evaluate(node, point)
        except EvaluationError as error:
            return error
        return EvaluationError(f"{_short(node)} has no finite real value at this point")

    def _array_values(self, point: dict[str, Any], shape: tuple[int, ...]) -> list[Any]:
        """Nodes of numbers and scalars alone as at a point (the same floats, the same errors); the
        nodes of the data's arrays with NumPy, each checked for values that are not finite."""
        import numpy as np

        arrays = self.varying(frozenset(name for name, value in point.items() if type(value) is not float))
        values: list[Any] = self._scalar_values(point, skip=arrays)
        table = array_functions()
        with np.errstate(all="ignore"):
            for i, (node, children) in enumerate(zip(self.nodes, self.args, strict=True)):
                if not arrays[i]:
                    continue
                kind = type(node)
                a = [values[c] for c in children]
                if kind is Symbol:
                    v = point[node.name]  # type: ignore[attr-defined]
                elif kind is Add or kind is Mul:
                    v = a[0]
                    for other in a[1:]:
                        v = v + other if kind is Add else v * other
                elif kind is Call:
                    v = table[node.name](a[0])  # type: ignore[attr-defined]
                elif kind is Log:
                    v = np.where(np.equal(a[1], 0), np.nan, np.log(a[0]) / np.log(a[1]))
                elif kind is Root:
                    v = table["root"](a[0], node.index)  # type: ignore[attr-defined]
                else:
                    v = ARRAY_OPERATORS[kind](*a)
                if not np.all(np.isfinite(v)):
                    raise EvaluationError(_not_finite(node, v, point, shape))
                values[i] = v
        return values

    # --- slopes -------------------------------------------------------------------------------
    def slopes(self, i: int, values: list[Any], need: list[bool], shape: tuple[int, ...] | None,
               point: dict[str, Any]) -> list[Any]:
        """Node ``i``'s partial derivatives by the children in ``need`` (None for the others)."""
        node, children = self.nodes[i], self.args[i]
        if type(values[i]) is float:  # a node of numbers and scalars alone, even over a data set
            shape = None
        if shape is None:  # sums, differences and products of two, first: their slopes are always finite
            kind = type(node)
            if kind is Add:
                return [1.0] * len(children)
            if kind is Mul and len(children) == 2:
                return [values[children[1]], values[children[0]]]
            if kind is Sub:
                return [1.0, -1.0]
        a = [values[c] for c in children]
        if shape is None:
            try:
                found = partials(SCALAR, node, a, values[i], need)
            except (ArithmeticError, ValueError):
                found = [math.nan if wanted else None for wanted in need]
            for k, wanted in enumerate(need):
                if wanted and not (type(found[k]) is float and math.isfinite(found[k])):
                    raise self._slope_error(i, k, a, "")
            return found
        import numpy as np

        with np.errstate(all="ignore"):
            found = partials(array_math(), node, a, values[i], need)
        for k, wanted in enumerate(need):
            if wanted and not np.all(np.isfinite(found[k])):
                _, at = _first_not_finite(found[k], shape)
                there = [float(np.broadcast_to(value, shape)[at]) for value in a]
                raise self._slope_error(i, k, there, " " + _where(found[k], point, shape))
        return found

    def _slope_error(self, i: int, k: int, a: list[float], where: str) -> EvaluationError:
        """Why node ``i`` has no slope by its child ``k`` (``a``: the children's values there)."""
        node = self.nodes[i]
        if type(node) is Pow and k == 1:
            return EvaluationError(
                f"{_short(node)} has no derivative with respect to its exponent where its base is {number_text(a[0])}"
                f": a power of a negative number, or 0 to the power 0, is not a smooth function of the exponent{where}")
        inner = _short(self.nodes[self.args[i][k]], 30)
        return EvaluationError(f"{_short(node)} has no finite derivative with respect to {inner} where {inner} = "
                               f"{number_text(a[k])} (its slope there is infinite or undefined, or too large for a "
                               f"float){where}")


def _no_value(nodes: list[Expr], args: list[tuple[int, ...]]) -> tuple[str | None, dict[int, float] | None]:
    """Why a constant in the graph has no value (1/cos(pi/2), tan(pi/2): floats give them 1.6e16),
    for values() to refuse it; None if every one has. Read off the graph: a node is constant when
    it is a number or all its children are. With it, the values of the constants near a pole
    (``Graph.near_poles``)."""
    constant: list[bool] = []
    append = constant.append
    simplifier = None  # made when first needed: no spelling, it only decides whether a constant is 0
    near_poles: dict[int, float] = {}
    for i, (node, children) in enumerate(zip(nodes, args, strict=True)):
        kind = type(node)
        if not children:
            append(kind is Number or kind is Constant)
        elif kind in CHECKED_KINDS:
            flags = [constant[c] for c in children]
            if True in flags:  # a part to test (a function of a variable alone has none)
                simplifier = simplifier or Simplifier()
                why = undefined_part(node, flags, simplifier)
                if why is not None:
                    return why, None
                if kind is Call and node.name in POLE_FUNCTIONS:  # type: ignore[attr-defined]
                    try:
                        near_poles[i] = evaluate(node)  # to 60 digits where the float is that of a pole
                    except EvaluationError:
                        pass  # no float holds it: values() says so where it is met
            append(False not in flags)
        else:
            for c in children:
                if not constant[c]:
                    append(False)
                    break
            else:
                append(True)
    return None, near_poles or None




def _own_data(node: Expr, kind: type[Expr]) -> object:
    """What a node holds besides its children: a name, a number, a root's index."""
    if kind is Symbol or kind is Call or kind is Constant:
        return node.name  # type: ignore[attr-defined]
    if kind is Number:
        return node.value  # type: ignore[attr-defined]
    return node.index if kind is Root else None  # type: ignore[attr-defined]


def _refuse(node: Expr) -> None:
    """Infinity and undefined functions have no value to compute with."""
    if type(node) is Infinity:
        raise EvaluationError("oo (infinity) is not a number: it has no value or slope to compute")
    if type(node) is UndefinedCall:
        raise EvaluationError(f"{_short(node)} uses the undefined function {node.name}, which has no value or "  # type: ignore[attr-defined]
                              "slope to compute")


# --- the caller's point ---------------------------------------------------------------------------


def read_names(names: object, what: str) -> list[str]:
    """Variable names given as a name, a Symbol or a list of them."""
    if isinstance(names, (str, Symbol)):
        names = [names]
    if not isinstance(names, (list, tuple)) or not names:
        raise AutodiffError(f"{what} names variables, such as 'x' or ['w', 'b'], not {quote(names)}")
    out = []
    for name in names:
        if not isinstance(name, (str, Symbol)):
            raise AutodiffError(f"{what} names variables, such as 'x' or ['w', 'b'], not {quote(name)}")
        out.append(name.name if isinstance(name, Symbol) else Symbol(name.strip()).name)
    if len(set(out)) != len(out):
        raise AutodiffError(f"{what} names a variable twice: {quote(out)}")
    return out


def read_point(at: object, graph: Graph) -> tuple[dict[str, Any], tuple[int, ...] | None]:
    """The values in ``at`` by name, and the shape they broadcast to (None when all are numbers)."""
    if not isinstance(at, Mapping) or not at:
        raise AutodiffError(f"at gives each variable a value, such as {{'x': 1.5, 'y': 2}}, not {quote(at)}")
    point: dict[str, Any] = {}
    arrays = False
    for key, value in at.items():
        name = key if type(key) is str and key in graph.symbols else read_names(key, "a key of at")[0]
        if name in point:
            raise AutodiffError(f"at gives {name} two values")
        if type(value) is float and math.isfinite(value):  # the common case, first
            point[name] = value
        elif isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool):
            number = real_number(value, f"the value of {name}", EvaluationError)
            if not math.isfinite(number):
                raise EvaluationError(f"the value of {name} must be a finite real number, not {quote(value)}")
            point[name] = number
        else:
            point[name] = _array(value, name)
            arrays = arrays or point[name].ndim > 0
    missing = sorted(set(graph.symbols) - set(point))
    if missing:
        raise EvaluationError(f"no value given for {', '.join(missing)}: the point needs a value for every variable "
                              f"of {_short(graph.expr)}")
    if not arrays:
        return {name: float(value) for name, value in point.items()}, None
    import numpy as np

    point = {name: float(value) if np.ndim(value) == 0 else value for name, value in point.items()}
    try:
        shape = np.broadcast_shapes(*(np.shape(v) for v in point.values()))
    except ValueError:
        shapes = ", ".join(f"{name} {np.shape(v)}" for name, v in point.items())
        raise AutodiffError(f"the values' shapes do not broadcast together: {shapes}") from None
    return point, shape


def _array(value: object, name: str) -> Any:
    import numpy as np

    if isinstance(value, (str, bytes, Mapping, set)) or value is None:
        raise EvaluationError(f"the value of {name} must be a number or an array of numbers, not {quote(value)}")
    array = real_array(value, f"the value of {name}", EvaluationError)
    if array.size == 0:
        raise EvaluationError(f"the value of {name} is an empty array: a data set needs at least one sample")
    if not np.all(np.isfinite(array)):
        raise EvaluationError(f"the value of {name} holds a number that is not finite (nan or inf)")
    return array


def broadcaster(shape: tuple[int, ...] | None) -> Any:
    """Values as they are at a point; over a data set, each one an array of the data's shape
    (a node of parameters alone has one value for every sample)."""
    if shape is None:
        return lambda value: value
    import numpy as np

    return lambda value: np.array(np.broadcast_to(value, shape), dtype=float)


# --- messages ---------------------------------------------------------------------------------------


def _short(node: Expr, limit: int = 60) -> str:
    return to_text(node, limit)


def _not_finite(node: Expr, value: Any, point: dict[str, Any], shape: tuple[int, ...]) -> str:
    """Why ``node``'s array holds a value that is not finite, at the first such sample: with its
    reason from the evaluator there (ln(0), a float overflow), which floats alone cannot tell."""
    import numpy as np

    where = _where(value, point, shape)
    _, at = _first_not_finite(value, shape)
    there = {name: float(np.broadcast_to(v, shape)[at]) for name, v in point.items()}
    try:
        evaluate(node, there)
    except EvaluationError as error:
        return f"{_short(node)} has no finite value in floats {where}: {error}"
    return f"{_short(node)} has no finite value in floats {where}"


def _first_not_finite(value: Any, shape: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    """The first sample where ``value`` (broadcast to ``shape``) is not finite: its flat index and
    its place in the array."""
    import numpy as np

    flat = int(np.flatnonzero(~np.isfinite(np.broadcast_to(value, shape)))[0])
    return flat, tuple(int(k) for k in np.unravel_index(flat, shape))


def _where(value: Any, point: dict[str, Any], shape: tuple[int, ...]) -> str:
    """``at x = 0.5, y = 2 (index 3)``: the first sample where ``value`` is not finite."""
    import numpy as np

    flat, at = _first_not_finite(value, shape)
    values = ", ".join(f"{name} = {float(np.broadcast_to(v, shape)[at]):.6g}" for name, v in point.items())
    index = at if len(shape) > 1 else flat
    return f"at {values} (index {index})"


