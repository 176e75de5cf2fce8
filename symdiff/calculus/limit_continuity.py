"""Floats at the point, and where direct substitution is allowed: is an expression continuous there?

An expression is continuous at a point when every part of it has a value there and each
function is continuous at its argument's value: no division by 0, no root or logarithm at the
edge of its domain, no jump of sign or heaviside, no pole of tan. ``smooth`` asks for more,
differentiability (abs and cbrt at 0 are continuous, not smooth), which the derivative test
for the side a function approaches from needs. Values within ``ZERO_TOLERANCE`` of a boundary
count as on it: cos(pi/2) is 6e-17 in floats, and tan is not continuous there.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..core.evaluate import evaluate, real_root
from ..core.expr import Add, Call, Derivative, Div, Expr, Log, Mul, Neg, Number, Pow, Root, Sub, Symbol, UndefinedCall
from ..core.functions import FUNCTIONS
from ..core.traversal import fold
from .limit_exact import ZERO_TOLERANCE, fraction_of
from .limit_functions import continuous_at, smooth_at

__all__ = ["PointValues", "node_value"]


def node_value(node: Expr, kids: list[float]) -> float:
    """One node's float value from its children's values. A leaf other than a number or a
    constant raises ``EvaluationError``, so does a value that is not real; one too large for a
    float raises ``OverflowError`` (the function has a value there, a float cannot hold it)."""
    kind = type(node)
    if kind is Number:
        return float(node.value)  # type: ignore[attr-defined]
    if not kids:
        return evaluate(node)
    a = kids[0]
    if kind is Root:
        return real_root(a, node.index)  # type: ignore[attr-defined]
    if kind is Call:
        value = FUNCTIONS[node.name].real(a)  # type: ignore[attr-defined]
    elif kind is Div:
        value = a / kids[1]
    elif kind is Mul:
        value = math.prod(kids)
    elif kind is Neg:
        value = -a
    elif kind is Sub:
        value = a - kids[1]
    elif kind is Pow:
        value = a ** kids[1]
    elif kind is Log:
        value = math.log(a) / math.log(kids[1])
    else:
        assert kind is Add
        value = math.fsum(kids)
    if isinstance(value, complex) or math.isnan(value):
        raise ValueError("no real value")
    if math.isinf(value):
        raise OverflowError("too large for a float")
    return value


class PointValues:
    """The float value of each part of an expression at ``var = at``, and its continuity there,
    each worked out once per node."""

    def __init__(self, var: Symbol, at: float) -> None:
        self.var = var
        self.at = at
        self._floats: dict[int, tuple[Expr, float | None]] = {}
        self._continuous: dict[int, tuple[Expr, bool]] = {}
        self._smooth: dict[int, tuple[Expr, bool]] = {}

    def value(self, expr: Expr) -> float | None:
        """The value of ``expr`` at the point, or None where it has none."""
        known = self._floats.get(id(expr))
        return known[1] if known is not None else fold(expr, self._value_node, self._floats)

    def _value_node(self, node: Expr, kids: list[float | None]) -> float | None:
        if None in kids:
            return None
        if node == self.var:
            return self.at
        try:
            return node_value(node, kids)  # type: ignore[arg-type]
        except (ArithmeticError, ValueError):  # EvaluationError is a ValueError
            return None

    def continuous(self, expr: Expr, smooth: bool = False) -> bool:
        """Whether ``expr`` is continuous (``smooth``: analytic) at the point."""
        check = smooth_at if smooth else continuous_at
        memo = self._smooth if smooth else self._continuous
        known = memo.get(id(expr))
        if known is not None:
            return not known[1]
        bad = fold(expr, lambda node, kids: any(kids) or not self._node_continuous(node, check), memo)
        return not bad

    def _node_continuous(self, node: Expr, check: Callable[[str, float], bool]) -> bool:
        kind = type(node)
        if kind in (UndefinedCall, Derivative):
            return False
        if not node.children:
            return True
        values = [self.value(child) for child in node.children]
        if None in values or self.value(node) is None:
            return False
        first: float = values[0]  # type: ignore[assignment]
        if kind is Div:
            return abs(values[1]) > ZERO_TOLERANCE  # type: ignore[arg-type]
        if kind is Call:
            return check(node.name, first)  # type: ignore[attr-defined]
        if kind is Pow:
            whole = fraction_of(node.children[1])
            if whole is not None and whole.denominator == 1:
                return whole >= 0 or abs(first) > ZERO_TOLERANCE
            return first > ZERO_TOLERANCE
        if kind is Root:
            if node.index % 2:  # type: ignore[attr-defined]
                return check is continuous_at or abs(first) > ZERO_TOLERANCE
            return first > ZERO_TOLERANCE
        if kind is Log:
            base: float = values[1]  # type: ignore[assignment]
            return first > ZERO_TOLERANCE and base > ZERO_TOLERANCE and abs(base - 1) > ZERO_TOLERANCE
        return True
