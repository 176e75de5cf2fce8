"""Folding an expression into a polynomial algebra, bottom-up and without recursion.

``walk(root, gens, algebra)`` visits each distinct node once; the generators found by
``generators.Generators.scan`` are its leaves, numbered by ``Generators.number``. The algebra
says what a number, a generator, a sum, a product, a quotient and a whole power are: factored
rational functions (``rational``), sums of fractions (``expansion``), or plain polys
(``PurePolys``, which refuses a denominator with ``NotPolynomial``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Protocol, TypeVar

from ..core.expr import Add, Div, Expr, Mul, Neg, Number, Pow, Sub
from .exact import Rational, whole
from .polynomial import AlgebraError, Poly

__all__ = ["NotPolynomial", "PolyAlgebra", "PurePolys", "Scanned", "walk"]

T = TypeVar("T")
Atom = tuple[Rational, tuple[tuple[Expr, int], ...]]


class PolyAlgebra(Protocol[T]):
    """What ``walk`` folds a tree into."""

    def const(self, value: Rational) -> T: ...
    def atom(self, coefficient: Rational, exponents: tuple[int, ...]) -> T: ...
    def add(self, terms: list[T]) -> T: ...
    def neg(self, a: T) -> T: ...
    def mul(self, factors: list[T]) -> T: ...
    def div(self, a: T, b: T) -> T: ...
    def pow(self, a: T, n: int) -> T: ...


class Scanned(Protocol):
    """What ``walk`` reads of the generators (``generators.Generators``)."""

    atoms: dict[int, tuple[Expr, Atom]]
    powers: dict[int, tuple[Expr, int]]
    redirects: dict[int, tuple[Expr, Expr]]
    order: list[Expr]
    index: dict[Expr, int]

    def reduce_monomial(self, exponents: tuple[int, ...]) -> tuple[Rational, tuple[int, ...]]: ...


def walk(root: Expr, gens: Scanned, algebra: PolyAlgebra[T]) -> T:
    """Fold ``root`` into ``algebra``, bottom-up, without recursion; generators are leaves."""
    n = len(gens.order)
    index = gens.index
    done: dict[int, T] = {}

    redirects = gens.redirects

    def children(node: Expr) -> tuple[Expr, ...]:
        if id(node) in gens.atoms or type(node) is Number:
            return ()
        if id(node) in redirects:
            return (redirects[id(node)][1],)
        if type(node) is Pow:
            return (node.children[0],)
        return node.children

    stack = [root]
    while stack:
        node = stack[-1]
        if id(node) in done:
            stack.pop()
            continue
        waiting = [child for child in children(node) if id(child) not in done]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        kids = [done[id(child)] for child in children(node)]
        kind = type(node)
        if kind is Number:
            value = node.value  # type: ignore[attr-defined]
            result = algebra.const(value if type(value) is int else whole(Fraction(value)))
        elif id(node) in redirects:
            result = kids[0]
        elif id(node) in gens.atoms:
            coefficient, parts = gens.atoms[id(node)][1]
            exponents = [0] * n
            for gen, power in parts:
                exponents[index[gen]] += power
            factor, reduced = gens.reduce_monomial(tuple(exponents))
            result = algebra.atom(coefficient * factor, reduced)
        elif kind is Add:
            result = algebra.add(kids)
        elif kind is Sub:
            result = algebra.add([kids[0], algebra.neg(kids[1])])
        elif kind is Mul:
            result = algebra.mul(kids)
        elif kind is Div:
            result = algebra.div(kids[0], kids[1])
        elif kind is Neg:
            result = algebra.neg(kids[0])
        elif kind is Pow:
            result = algebra.pow(kids[0], gens.powers[id(node)][1])
        else:  # pragma: no cover - every other kind is a generator
            raise AlgebraError(f"no polynomial form for a {kind.__name__}")
        done[id(node)] = result
    return done[id(root)]


class NotPolynomial(Exception):
    """The base of a root is not a polynomial in the generators (it has a denominator)."""


class PurePolys:
    """Polys only: what the base of a root of a sum is read as."""

    def __init__(self, nvars: int) -> None:
        self.nvars = nvars

    def const(self, value: Rational) -> Poly:
        return Poly.constant(value, self.nvars)

    def atom(self, coefficient: Rational, exponents: tuple[int, ...]) -> Poly:
        if any(e < 0 for e in exponents):
            raise NotPolynomial
        return Poly.monomial(exponents, coefficient)

    def add(self, terms: list[Poly]) -> Poly:
        total = Poly({}, self.nvars)
        for term in terms:
            total = total + term
        return total

    def neg(self, a: Poly) -> Poly:
        return -a

    def mul(self, factors: list[Poly]) -> Poly:
        result = Poly.constant(1, self.nvars)
        for factor in factors:
            result = result * factor
        return result

    def div(self, a: Poly, b: Poly) -> Poly:
        if not b.is_constant() or not b.terms:
            raise NotPolynomial
        return a.scale(1 / Fraction(b.constant_value()))

    def pow(self, a: Poly, n: int) -> Poly:
        if n < 0:
            raise NotPolynomial
        return a**n
