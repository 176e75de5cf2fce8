"""What a rule builds a derivative with: trees for a worked solution, or normal forms directly.

A rule's ``combine`` says how a node's derivative is made from its parts' derivatives, once,
over an ``Algebra``: ``a.mul(a.of(c), d[0])`` for d/dx[c*u] = c*u'. With ``TREES`` it builds
the expression a trace shows; ``derive`` then simplifies that tree. ``diff`` passes the
simplifier's ``NormalAlgebra`` instead, which makes each operation's normal form directly,
with the very calls the simplifier would make on the tree, so both give the same answer
without ``diff`` building or walking the intermediate trees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..core.expr import Add, Call, Div, Expr, Mul, Neg, Number, Pow, Sub

__all__ = ["TREES", "Algebra", "TreeAlgebra"]

T = TypeVar("T")


class Algebra(Protocol[T]):
    """Sums, products and powers of derivatives (``T``), and ``of``: a subtree of the input."""

    def of(self, expr: Expr) -> T: ...
    def add(self, *terms: T) -> T: ...
    def sub(self, a: T, b: T) -> T: ...
    def neg(self, a: T) -> T: ...
    def mul(self, *factors: T) -> T: ...
    def div(self, a: T, b: T) -> T: ...
    def pow(self, a: T, b: T) -> T: ...
    def is_zero(self, a: T) -> bool: ...

    def call(self, name: str, argument: Expr) -> T:
        """``of(Call(name, argument))``: a function of a subtree of the input."""
        return self.of(Call(name, argument))

    def outer(self, node: Expr, rule: str, build: Callable[[], Expr], make: Callable[[], T] | None = None) -> T:
        """``of(build())``: the chain rule's f'(u) for ``node`` = f(u) under ``rule``, which does
        not depend on the variable, so an algebra may make it once per node and rule. ``make``,
        when given, makes the same value with this algebra's own operations (no tree built)."""
        return self.of(build())

    def product_rule(self, factors: list[T], derivatives: list[T]) -> T:
        """u'*v*w + u*v'*w + u*v*w': each product with one factor replaced by its derivative."""
        return self.add(*(self.mul(*factors[:i], d, *factors[i + 1:]) for i, d in enumerate(derivatives)))


class TreeAlgebra(Algebra[Expr]):
    """Builds the expression itself, as a worked solution writes it."""

    def of(self, expr: Expr) -> Expr:
        return expr

    def add(self, *terms: Expr) -> Expr:
        return Add(*terms)

    def sub(self, a: Expr, b: Expr) -> Expr:
        return Sub(a, b)

    def neg(self, a: Expr) -> Expr:
        return Neg(a)

    def mul(self, *factors: Expr) -> Expr:
        return Mul(*factors)

    def div(self, a: Expr, b: Expr) -> Expr:
        return Div(a, b)

    def pow(self, a: Expr, b: Expr) -> Expr:
        return Pow(a, b)

    def is_zero(self, a: Expr) -> bool:
        return type(a) is Number and a.value == 0  # type: ignore[attr-defined]


TREES = TreeAlgebra()
