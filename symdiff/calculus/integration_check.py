"""Checking an antiderivative: its derivative against the integrand, at random points.

Used when simplification cannot show that d/dx[F] - f is 0. The points are drawn (with a
fixed seed, so a check is repeatable) from several ranges: small and large, both signs, inside
(-1, 1) for asin's sake. A point counts where the integrand has a value; there the
derivative must have one too (an answer defined on less than the integrand is not accepted)
and agree to ``RELATIVE`` in relative terms.
"""

from __future__ import annotations

import math
import random

from ..core.errors import SymdiffError
from ..core.expr import Call, Expr, Symbol
from ..core.traversal import fold, free_symbols

__all__ = ["agrees_numerically", "without_abs_in_ln"]

RELATIVE = 1e-8
POINTS = 12  # points where the integrand has a value that must agree
TRIES = 200
_RANGES = ((-0.95, 0.95), (0.05, 3.0), (-3.0, -0.05), (1.0, 10.0), (-10.0, -1.0))


def without_abs_in_ln(expr: Expr) -> Expr:
    """ln(abs(u)) written ln(u): the derivative is u'/u either way (where u ≠ 0), and the
    simplifier can then cancel it against the integrand."""

    def rewrite(node: Expr, children: list[Expr]) -> Expr:
        if type(node) is Call and node.name == "ln":  # type: ignore[attr-defined]
            inner = children[0]
            if type(inner) is Call and inner.name == "abs":  # type: ignore[attr-defined]
                return Call("ln", inner.children[0])
            return node if inner is node.children[0] else Call("ln", inner)
        if all(a is b for a, b in zip(children, node.children, strict=True)):
            return node
        return node.with_children(tuple(children))

    return fold(expr, rewrite, {})


def agrees_numerically(derivative: Expr, integrand: Expr, x: Symbol) -> bool:
    """Whether ``derivative`` equals ``integrand`` at ``POINTS`` random points where the
    integrand is defined (other symbols get random values in [0.5, 2])."""
    rng = random.Random(20261130)
    others = sorted(s.name for s in free_symbols(integrand) | free_symbols(derivative) if s != x)
    agreed = 0
    for attempt in range(TRIES):
        low, high = _RANGES[attempt % len(_RANGES)]
        values = {name: rng.uniform(0.5, 2.0) for name in others}
        values[x.name] = rng.uniform(low, high)
        want = _value(integrand, values)
        if want is None:
            continue
        got = _value(derivative, values)
        if got is None or abs(got - want) > RELATIVE * max(1.0, abs(want), abs(got)):
            return False
        agreed += 1
        if agreed >= POINTS:
            return True
    return False  # the integrand had a value at too few points to say


def _value(expr: Expr, values: dict[str, float]) -> float | None:
    try:
        value = expr.evaluate(values)
    except (SymdiffError, ArithmeticError, ValueError):
        return None
    return value if math.isfinite(value) else None
