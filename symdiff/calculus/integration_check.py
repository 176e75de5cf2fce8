"""Checking an antiderivative: its derivative against the integrand, at random points.

Used when simplification cannot show that d/dx[F] - f is 0. The points are drawn (with a
fixed seed, so a check is repeatable) from several ranges: small and large, both signs, inside
(-1, 1) for asin's sake. A point counts where the integrand has a value; there the
derivative must have one too (an answer defined on less than the integrand is not accepted)
and agree to ``RELATIVE`` in relative terms.

A difference that is a rational function of x with rational coefficients is settled exactly
instead (``vanishes_exactly``): written as one fraction P/Q, its numerator has degree at most
n (a bound read off the tree), so if it is 0 at n + 1 points, in exact fractions, P is the zero
polynomial. That is a proof, and cheaper than the rational algebra's cancelling.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from ..core.traversal import fold, free_symbols

__all__ = ["agrees_numerically", "derivative_vanishes", "vanishes_exactly", "without_abs_in_ln"]

RELATIVE = 1e-8
POINTS = 12  # points where the integrand has a value that must agree
TRIES = 200
_RANGES = ((-0.95, 0.95), (0.05, 3.0), (-3.0, -0.05), (1.0, 10.0), (-10.0, -1.0))


def without_abs_in_ln(expr: Expr) -> Expr:
    """ln(abs(u)) written ln(u): the derivative is u'/u either way (where u ≠ 0), and the
    simplifier can then cancel it against the integrand."""

    if not _has_ln_abs(expr):
        return expr  # most answers: a look, not a rebuilding walk

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


def _has_ln_abs(expr: Expr) -> bool:
    stack, seen = [expr], set()
    while stack:
        node = stack.pop()
        if type(node) is Call and node.name == "ln" and type(node.children[0]) is Call \
                and node.children[0].name == "abs":  # type: ignore[attr-defined]
            return True
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return False


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


MAX_DEGREE = 40  # a bound past this is not worth the exact arithmetic: the algebra decides
MAX_POWER = 12
_RATIONAL_KINDS = (Number, Symbol, Add, Sub, Mul, Div, Neg, Pow)


def vanishes_exactly(expr: Expr, x: Symbol) -> bool:
    """Whether ``expr``, a rational function of x with rational coefficients (numbers, x,
    + - * / and whole powers), is 0 wherever it is defined: with n a bound on the degree of
    the numerator of ``expr`` written as one fraction, its exact value is 0 at n + 1 points
    where it is defined. False when it is not such a function, or not 0."""
    order: list[Expr] = []  # each distinct node after its children
    try:
        bound = fold(expr, lambda node, kids: _degrees(node, kids, x, order), {})[0]
    except _NotRational:
        return False
    if bound > MAX_DEGREE:
        return False
    place = {id(node): i for i, node in enumerate(order)}
    program = [(type(node), _constant(node), [place[id(child)] for child in node.children]) for node in order]
    zeros = 0
    for point in _points():
        try:
            value = _run(program, point)
        except ZeroDivisionError:
            continue  # not defined here: another point
        if value:
            return False
        zeros += 1
        if zeros > bound:
            return True
    return False


class _NotRational(Exception):
    pass


def _whole_power(node: Expr) -> int:
    exponent = node.children[1]
    negative = type(exponent) is Neg
    if negative:
        exponent = exponent.children[0]
    if type(exponent) is not Number or type(exponent.value) is not int or exponent.value > MAX_POWER:  # type: ignore[attr-defined]
        raise _NotRational
    return -exponent.value if negative else exponent.value  # type: ignore[attr-defined]


def _degrees(node: Expr, kids: list[tuple[int, int]], x: Symbol, order: list[Expr]) -> tuple[int, int]:
    """Bounds on the degrees of numerator and denominator of ``node`` written as one fraction."""
    order.append(node)
    kind = type(node)
    if kind is Number:
        return 0, 0
    if kind is Symbol:
        if node != x:
            raise _NotRational
        return 1, 0
    if kind is Neg:
        return kids[0]
    if kind in (Add, Sub):
        below = sum(d for _, d in kids)
        return max(n + below - d for n, d in kids), below
    if kind is Mul:
        return sum(n for n, _ in kids), sum(d for _, d in kids)
    if kind is Div:
        (n1, d1), (n2, d2) = kids
        return n1 + d2, d1 + n2
    if kind is Pow:
        k = _whole_power(node)
        n, d = kids[0]
        return (k * n, k * d) if k >= 0 else (-k * d, -k * n)
    raise _NotRational


def _constant(node: Expr) -> tuple[int, int] | int | None:
    """What a node of the program needs at every point, found once: a number's numerator and
    denominator, a power's whole exponent."""
    if type(node) is Number:
        exact = Fraction(node.value)  # type: ignore[attr-defined]
        return exact.numerator, exact.denominator
    if type(node) is Pow:
        return _whole_power(node)
    return None


def _run(program: list[tuple[type, tuple[int, int] | int | None, list[int]]], t: int) -> int:
    """The numerator of the exact value at x = t of the nodes in order (children first; the
    root's is last), each value held as a pair of whole numbers (p, q), q ≠ 0, unreduced:
    plain integer arithmetic, no greatest common divisors. Raises ZeroDivisionError where a
    denominator is 0 (the expression has no value there)."""
    values: list[tuple[int, int]] = []
    for kind, constant, kids in program:
        if kind is Number:
            value = constant  # type: ignore[assignment]
        elif kind is Symbol:
            value = (t, 1)
        elif kind is Neg:
            p, q = values[kids[0]]
            value = (-p, q)
        elif kind is Add or kind is Sub:
            p, q = values[kids[0]]
            for i in kids[1:]:
                r, s = values[i]
                p, q = (p * s + r * q, q * s) if kind is Add else (p * s - r * q, q * s)
            value = (p, q)
        elif kind is Mul:
            p, q = 1, 1
            for i in kids:
                r, s = values[i]
                p, q = p * r, q * s
            value = (p, q)
        elif kind is Div:
            (p, q), (r, s) = values[kids[0]], values[kids[1]]
            if not r:
                raise ZeroDivisionError
            value = (p * s, q * r)
        else:  # a whole power
            p, q = values[kids[0]]
            k = constant  # type: ignore[assignment]
            if k < 0:
                if not p:
                    raise ZeroDivisionError
                p, q, k = q, p, -k
            value = (p**k, q**k)
        values.append(value)
    return values[-1][0]


def _points() -> Iterator[int]:
    """0, 1, -1, 2, -2, ...: distinct whole numbers, small ones first."""
    yield 0
    for k in range(1, 2 * MAX_DEGREE + 20):
        yield k
        yield -k


# --- d/dx F - f settled without writing d/dx F ------------------------------------------------------


def derivative_vanishes(answer: Expr, integrand: Expr, x: Symbol) -> bool:
    """Whether d/dx ``answer`` minus ``integrand`` is 0 wherever both are defined, decided as
    ``vanishes_exactly`` decides a rational function, without writing the derivative out: for an
    answer built from numbers, x, + - * /, whole powers and rational multiples of ln(u),
    ln(abs(u)) and atan(u) with u rational (what partial fractions, polynomial division and the
    power rule give), and a rational integrand. The derivative is a rational function: its
    value at a point is worked out exactly by the sum, product, quotient and chain rules (ln(u)
    and atan(u) themselves are never needed), with a bound on the degree of its numerator read
    off the tree alongside. False when it is not such a case, or not 0."""
    program = _Program()
    try:
        derivative = fold(answer, lambda node, kids: program.rule(node, kids, x, True), {})
        value = fold(integrand, lambda node, kids: program.rule(node, kids, x, False), {})
    except _NotRational:
        return False
    if derivative[2] is not None or value[0] is None:
        return False
    slope = derivative[1] if derivative[1] is not None else program.number(Fraction(0))
    difference = program.sub(slope, value[0])
    bound = program.bounds[difference][0]
    if bound > MAX_DEGREE:
        return False
    zeros = 0
    for point in _points():
        try:
            result = _run(program.steps, point)
        except ZeroDivisionError:
            continue
        if result:
            return False
        zeros += 1
        if zeros > bound:
            return True
    return False


# (value, derivative, argument of abs): instruction indices; a value None is ln(u) or atan(u)
# (never needed), a derivative None is 0 (the node is free of x); the third is set on abs(u) only.
_Found = tuple[int | None, int | None, "tuple[int | None, int | None, object] | None"]


class _Program:
    """Instructions for ``_run`` (children first), each with bounds on the degrees of the
    numerator and denominator of the value it makes, written as one fraction as ``_run`` does."""

    def __init__(self) -> None:
        self.steps: list[tuple[type, tuple[int, int] | int | None, list[int]]] = []
        self.bounds: list[tuple[int, int]] = []

    def _emit(self, kind: type, constant: tuple[int, int] | int | None, kids: list[int],
              bound: tuple[int, int]) -> int:
        self.steps.append((kind, constant, kids))
        self.bounds.append(bound)
        return len(self.steps) - 1

    def number(self, value: Fraction) -> int:
        return self._emit(Number, (value.numerator, value.denominator), [], (0, 0))

    def add(self, kids: list[int]) -> int:
        if len(kids) == 1:
            return kids[0]
        bounds = [self.bounds[i] for i in kids]
        below = sum(d for _, d in bounds)
        return self._emit(Add, None, kids, (max(n + below - d for n, d in bounds), below))

    def sub(self, left: int, right: int) -> int:
        (n1, d1), (n2, d2) = self.bounds[left], self.bounds[right]
        return self._emit(Sub, None, [left, right], (max(n1 + d2, n2 + d1), d1 + d2))

    def mul(self, kids: list[int]) -> int:
        if len(kids) == 1:
            return kids[0]
        bounds = [self.bounds[i] for i in kids]
        return self._emit(Mul, None, kids, (sum(n for n, _ in bounds), sum(d for _, d in bounds)))

    def div(self, top: int, bottom: int) -> int:
        (n1, d1), (n2, d2) = self.bounds[top], self.bounds[bottom]
        return self._emit(Div, None, [top, bottom], (n1 + d2, d1 + n2))

    def neg(self, i: int) -> int:
        return self._emit(Neg, None, [i], self.bounds[i])

    def power(self, base: int, k: int) -> int:
        if k == 0:
            return self.number(Fraction(1))
        if k == 1:
            return base
        n, d = self.bounds[base]
        return self._emit(Pow, k, [base], (k * n, k * d) if k > 0 else (-k * d, -k * n))

    def rule(self, node: Expr, kids: list[_Found], x: Symbol, slopes: bool) -> _Found:
        """The instructions for ``node``'s value and (with ``slopes``) its derivative."""
        if any(kid[2] is not None for kid in kids) and not (type(node) is Call and node.name == "ln"):  # type: ignore[attr-defined]
            raise _NotRational  # abs(u) outside ln
        kind = type(node)
        if kind is Number:
            if type(node.value) is float:  # type: ignore[attr-defined]
                raise _NotRational
            return self.number(Fraction(node.value)), None, None  # type: ignore[attr-defined]
        if kind is Symbol:
            if node != x:
                raise _NotRational
            return self._emit(Symbol, None, [], (1, 0)), self.number(Fraction(1)) if slopes else None, None
        if kind is Neg:
            value, slope, _ = kids[0]
            return (None if value is None else self.neg(value)), (None if slope is None else self.neg(slope)), None
        if kind is Call:
            return self._call(node, kids[0], slopes)
        values = [kid[0] for kid in kids]
        slopes_of = [kid[1] for kid in kids] if slopes else [None] * len(kids)
        if kind is Pow:
            k = _whole_power(node)
            if values[0] is None:
                raise _NotRational
            slope = None if slopes_of[0] is None else \
                self.mul([self.number(Fraction(k)), self.power(values[0], k - 1), slopes_of[0]])
            return self.power(values[0], k), slope, None
        if kind in (Add, Sub):
            return self._sum(kind, values, slopes_of)
        if kind is Mul:
            return self._product(values, slopes_of)
        if kind is Div:
            return self._quotient(values, slopes_of)
        raise _NotRational

    def _call(self, node: Expr, kid: _Found, slopes: bool) -> _Found:
        name = node.name  # type: ignore[attr-defined]
        if name == "abs":
            return None, None, kid
        if name not in ("ln", "atan") or not slopes:
            raise _NotRational
        if kid[2] is not None:
            if name != "ln":
                raise _NotRational
            kid = kid[2]  # type: ignore[assignment]
        value, slope = kid[0], kid[1]
        if value is None or slope is None:
            raise _NotRational  # of a logarithm, or of a constant
        if name == "ln":  # (ln u)' = u'/u
            return None, self.div(slope, value), None
        one_plus_square = self.add([self.number(Fraction(1)), self.mul([value, value])])
        return None, self.div(slope, one_plus_square), None  # (atan u)' = u'/(1 + u^2)

    def _sum(self, kind: type, values: list[int | None], slopes: list[int | None]) -> _Found:
        value = None if any(v is None for v in values) else \
            (self.add(values) if kind is Add else self.sub(values[0], values[1]))  # type: ignore[arg-type]
        if kind is Add:
            present = [s for s in slopes if s is not None]
            return value, (self.add(present) if present else None), None
        left, right = slopes
        if left is not None and right is not None:
            return value, self.sub(left, right), None
        return value, (left if right is None else self.neg(right)), None

    def _product(self, values: list[int | None], slopes: list[int | None]) -> _Found:
        unknown = [i for i, v in enumerate(values) if v is None]
        if unknown:  # c*ln(u): every other factor a constant
            if len(unknown) > 1 or any(s is not None for i, s in enumerate(slopes) if i != unknown[0]):
                raise _NotRational
            i = unknown[0]
            others = [v for j, v in enumerate(values) if j != i]
            slope = None if slopes[i] is None else self.mul([*others, slopes[i]])  # type: ignore[list-item]
            return None, slope, None
        terms = [self.mul([*(v for j, v in enumerate(values) if j != i), s])  # type: ignore[misc]
                 for i, s in enumerate(slopes) if s is not None]
        return self.mul(values), (self.add(terms) if terms else None), None  # type: ignore[arg-type]

    def _quotient(self, values: list[int | None], slopes: list[int | None]) -> _Found:
        (top, bottom), (top_slope, bottom_slope) = values, slopes
        if bottom is None:
            raise _NotRational
        if top is None:  # ln(u)/c
            if bottom_slope is not None:
                raise _NotRational
            return None, (None if top_slope is None else self.div(top_slope, bottom)), None
        value = self.div(top, bottom)
        if top_slope is None and bottom_slope is None:
            return value, None, None
        # (p/q)' = (p'*q - p*q')/(q*q)
        if bottom_slope is None:
            above = self.mul([top_slope, bottom])  # type: ignore[list-item]
        elif top_slope is None:
            above = self.neg(self.mul([top, bottom_slope]))
        else:
            above = self.sub(self.mul([top_slope, bottom]), self.mul([top, bottom_slope]))
        return value, self.div(above, self.mul([bottom, bottom])), None
