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
from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol, UndefinedCall
from ..core.traversal import fold, free_symbols, substitute

__all__ = ["agrees_numerically", "vanishes_exactly", "without_abs_in_ln"]

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
    derivative, integrand = _constant_calls_as_symbols(derivative, integrand, x)
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


def _constant_calls_as_symbols(derivative: Expr, integrand: Expr, x: Symbol) -> tuple[Expr, Expr]:
    """Both, with each undefined function at an argument free of x (h(1), g(y)) written as a
    symbol, the same one in both for the same call. It has no value to evaluate, but it is a
    constant: an identity that holds for every value of that symbol holds for h(1) too, so
    ∫(z^2 + z*h(1)) dx = x*z*(z + h(1)) can be checked, where it was refused as a bug."""
    calls: dict[Expr, Symbol] = {}
    taken = {s.name for s in free_symbols(derivative) | free_symbols(integrand)}
    has_x: dict[int, tuple[Expr, bool]] = {}  # one walk for both: whether each node contains x

    def contains_x(node: Expr, children: list[bool]) -> bool:
        if type(node) is UndefinedCall and not children[0] and node not in calls:
            name = f"k_{len(calls) + 1}"
            while name in taken:
                name += "_"
            taken.add(name)
            calls[node] = Symbol(name)
        return node == x if type(node) is Symbol else any(children)

    fold(derivative, contains_x, has_x)
    fold(integrand, contains_x, has_x)
    if not calls:
        return derivative, integrand
    return substitute(derivative, calls), substitute(integrand, calls)


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


def _run(program: list[tuple[type, tuple[int, int] | int | None, list[int]]], t: int, e: int = 0) -> int:
    """The numerator of the exact value at x = t of the nodes in order (children first; the
    root's is last), each value held as a pair of whole numbers (p, q), q ≠ 0, unreduced:
    plain integer arithmetic, no greatest common divisors. Raises ZeroDivisionError where a
    denominator is 0 (the expression has no value there). A ``Constant`` node stands for a
    second variable, at ``e`` (``derivative_vanishes``'s e^(a*x))."""
    return _evaluate(program, t, e)[0]


def _evaluate(program: list[tuple[type, tuple[int, int] | int | None, list[int]]], t: int,
              e: int = 0) -> tuple[int, int]:
    """The root's value (p, q) as ``_run`` works it out."""
    values: list[tuple[int, int]] = []
    for kind, constant, kids in program:
        if kind is Number:
            value = constant  # type: ignore[assignment]
        elif kind is Symbol:
            value = (t, 1)
        elif kind is Constant:
            value = (e, 1)
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
    return values[-1]


def _points() -> Iterator[int]:
    """0, 1, -1, 2, -2, ...: distinct whole numbers, small ones first."""
    yield 0
    for k in range(1, 2 * MAX_DEGREE + 20):
        yield k
        yield -k
