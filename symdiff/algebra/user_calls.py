"""What a user's call to ``simplify``, ``cancel``, ``factor``, ``together`` or ``apart`` checks first.

Their algebra reads sin(x) and cos(x) as two independent generators, so it sees no identity
between them: (sin(x)^2 + cos(x)^2 - 1)/(sin(x)^2 + cos(x)^2 - 1) was cancelled to 1, a value
for an expression that has none anywhere. Before the algebra runs, each denominator is tested
as ``diff`` tests it (``defined.divides_by_zero_everywhere``), and one that is 0 wherever it has
a value makes the input what x/(x - x) is: ``simplify`` answers 1/0, its notation for
"undefined", and the others raise ``AlgebraError``, "division by zero". Only a call made by the
user is checked (the collector is on as it starts, the sign ``core.collector`` reads): inside
the engines the input was checked once already, when the user's expression came in.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import TypeVar

from ..core.expr import Div, Expr, Number
from ..syntax.parser import to_expr
from .defined import divides_by_zero_everywhere
from .polynomial import AlgebraError
from .simplify import Simplifier

__all__ = ["refusing_zero_denominators", "undefined_for_zero_denominators"]

F = TypeVar("F", bound=Callable[..., Expr])


def refusing_zero_denominators(rewrite: F) -> F:
    """``rewrite`` raising ``AlgebraError`` on an input that divides by zero everywhere."""
    return _checking(rewrite, None)


def undefined_for_zero_denominators(rewrite: F) -> F:
    """``rewrite`` answering 1/0 for an input that divides by zero everywhere (``simplify``)."""
    return _checking(rewrite, Div(Number(1), Number(0)))


def _checking(rewrite: F, undefined: Expr | None) -> F:
    @functools.wraps(rewrite)
    def run(expr: object, *args: object) -> Expr:
        if not gc.isenabled():  # inside symdiff's own computation (see the module's docstring)
            return rewrite(expr, *args)
        tree = to_expr(expr)  # type: ignore[arg-type]
        gc.disable()  # the test builds normal forms, as the algebra does (``core.collector``)
        try:
            why = divides_by_zero_everywhere(tree, Simplifier())
        finally:
            gc.enable()
        if why is not None:
            if undefined is None:
                raise AlgebraError(f"division by zero: {why}")
            return undefined
        return rewrite(tree, *args)

    return run  # type: ignore[return-value]
