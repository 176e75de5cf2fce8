"""Working out the derivatives written in an expression: ``x + d/dx[x^2]`` is ``x + 2*x``.

Innermost first, each written derivative is replaced by its value, so ``d/dy[d/dx[x^3 y^2]]``
works out ``d/dx`` and then ``d/dy`` of the result. ``derive`` shows each one as a worked
derivation of its own (``written_steps``); everything else asks for values only
(``work_out``; ``differentiate`` registers it with ``core.operators`` so that evaluation
and simplification, in lower layers, can ask for it too). The differentiation functions are
passed in, as this module sits below them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.expr import Derivative, Expr, Symbol
from ..core.operators import contains_derivative
from ..core.traversal import fold
from .trace import Step

if TYPE_CHECKING:
    from .trace import Derivation

__all__ = ["WRITTEN_FORMULA", "work_out", "written_steps"]

WRITTEN_FORMULA = "d/dx[f] is the derivative of f"


def work_out(tree: Expr, diff: Callable[..., Expr]) -> Expr:
    """``tree`` with every written derivative replaced by its simplified value (by ``diff``)."""

    def combine(node: Expr, kids: list[Expr]) -> Expr:
        if type(node) is Derivative:
            return diff(kids[0], *node.variables)
        return node.with_children(tuple(kids))

    return fold(tree, combine)


def written_steps(tree: Expr, derive: Callable[..., Derivation]) -> tuple[Expr, tuple[Step, ...]]:
    """``tree`` with its written derivatives worked out, and one step for each (innermost first),
    holding the worked derivation (by ``derive``) that gives its value."""
    if not contains_derivative(tree):
        return tree, ()
    steps: list[Step] = []

    def combine(node: Expr, kids: list[Expr]) -> Expr:
        if type(node) is not Derivative:
            return node.with_children(tuple(kids))
        written = node.with_children((kids[0],))
        derivation = derive(kids[0], list(node.variables))
        steps.append(Step(
            "written_derivative", "Work out the derivative written", WRITTEN_FORMULA, written,
            Symbol(node.variables[-1]), derivation.result, (derivation.trace,),
        ))
        return derivation.result

    return fold(tree, combine), tuple(steps)

