"""Derivatives written in an expression (``d/dx[x^2]``) are worked out before anything else.

Evaluating, substituting into or simplifying ``d/dx[x^2]`` means doing so to ``2*x``. Working
it out needs the differentiation rules, which live in a higher layer; that layer registers
the worker here when it is imported (``import symdiff`` does), so the lower layers can ask.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import SymdiffError
from .expr import Derivative, Expr
from .traversal import fold

__all__ = ["contains_derivative", "register_worker", "worked_out"]

_worker: list[Callable[[Expr], Expr]] = []


def register_worker(worker: Callable[[Expr], Expr]) -> None:
    """Set the function that replaces every ``Derivative`` in a tree by its value."""
    _worker[:] = [worker]


def contains_derivative(tree: Expr) -> bool:
    """Whether ``tree`` has a written derivative: free until the first one is ever made."""
    if not Derivative.seen:
        return False
    return fold(tree, lambda node, kids: type(node) is Derivative or any(kids))


def worked_out(tree: Expr) -> Expr:
    """``tree`` with each written derivative replaced by its value (``tree`` itself if none)."""
    if not contains_derivative(tree):
        return tree
    if not _worker:
        raise SymdiffError("working out d/dx[...] needs symdiff's calculus: import symdiff first")
    return _worker[0](tree)
