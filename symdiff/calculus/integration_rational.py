"""Rational functions: multiplying out, partial fractions and completing the square.

A rational function of x (numbers, x, + - * / and whole powers) with a polynomial denominator
is written by ``apart`` as a polynomial plus fractions A/(a*x + b)^k and (P*x + Q)/(A*x^2 +
B*x + C); the sum rule then takes each piece: the polynomial by the power rule, the linear
pieces by a linear substitution (ln|a*x + b|, powers), the quadratic ones here by completing
the square (a logarithm and an arctangent). The same completing of the square turns
1/sqrt(C + B*x + A*x^2) with A < 0 into an arcsine, and sqrt(C + B*x + A*x^2) into an arcsine,
an inverse hyperbolic sine or a logarithm beside (x + h)*sqrt(...)/2.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from ..algebra.expansion import expand
from ..algebra.factoring import apart
from ..core.expr import Add, Call, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol, number
from ..core.traversal import preorder
from .integration_rules import Factors, Integrates, _rational, build, coefficients, depends, positive, view
from .integration_session import derivative, tidy

if TYPE_CHECKING:
    from .trace import Step

__all__ = ["quadratic_reduction", "quadratic_rule", "rational_rule", "root_quadratic_rule", "sqrt_of"]


def is_rational(f: Expr, v: Symbol) -> bool:
    """Whether ``f`` is built from numbers and ``v`` by + - * / and whole powers alone."""
    for node, _ in preorder(f):
        kind = type(node)
        if kind is Pow:
            n = _rational(node.children[1])
            if n is None or n.denominator != 1:
                return False
        elif not (kind in (Add, Sub, Mul, Div, Neg, Number) or node == v or _rational(node) is not None):
            return False
    return True


def rational_rule(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """A polynomial multiplied out, a rational function in partial fractions"""
    if not is_rational(f, v):
        return None
    seen = view(f, v)
    below = {} if seen is None else {base: p for base, p in seen[1].items() if p < 0}
    if seen is not None and _derivative_over_function(seen[1], v):
        return None  # c*g'/g: the substitution u = g gives c*ln|g| in one step
    if seen is not None and not below:
        rewritten = expand(f)
        rule = "integrate.expand"
    else:
        rewritten = apart(f, v)
        monomial = all(base == v for base in below)  # (x^2 + 1)/x: dividing each term is enough
        rule = "integrate.expand" if monomial else "integrate.partial_fractions"
    if rewritten == f:
        return None
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    return eng.step(rule, f, v, inner.result, (inner,), (("rewritten", rewritten),))


def _derivative_over_function(factors: Factors, v: Symbol) -> bool:
    """Whether the factors are c*g'(x)/g(x) for one polynomial g of degree 2 or more."""
    below = [base for base, p in factors.items() if p < 0]
    if len(below) != 1 or factors[below[0]] != -1:
        return False
    g = below[0]
    c = coefficients(g, v)
    if c is None or len(c) < 3:
        return False
    above = {base: p for base, p in factors.items() if base != g}
    top = coefficients(build(above), v) if above else [Fraction(1)]
    if top is not None:  # a polynomial over g: is it a constant times g'? (exact, by coefficients)
        slope = [i * a for i, a in enumerate(c)][1:]
        return _proportional(top, slope)
    ratio = tidy(Div(build(above) if above else Number(1), derivative(g, v)))
    return not depends(ratio, v)


def _proportional(p: list[Fraction], q: list[Fraction]) -> bool:
    """Whether the polynomial p (coefficients, constant first) is a constant times q ≠ 0."""
    p, q = _trimmed(p), _trimmed(q)
    if not any(q):
        return False
    if not any(p):
        return True
    if len(p) != len(q):
        return False
    k = p[-1] / q[-1]
    return all(a == k * b for a, b in zip(p, q, strict=True))


def _trimmed(c: list[Fraction]) -> list[Fraction]:
    end = len(c)
    while end > 1 and not c[end - 1]:
        end -= 1
    return c[:end]


def sqrt_of(q: Fraction) -> Expr:
    """The square root of a positive rational, exact when it is one, with square factors taken
    out: 2, 1/2, sqrt(3), sqrt(6)/2, 2*sqrt(2)."""
    top, bottom = q.numerator * q.denominator, q.denominator
    root = math.isqrt(top)
    if root * root == top:
        return number(Fraction(root, bottom))
    outside = 1
    for k in range(2, min(math.isqrt(top), _SQUARE_FACTORS) + 1):  # small numbers: a course's coefficients
        while top % (k * k) == 0:
            top //= k * k
            outside *= k
    scale = Fraction(outside, bottom)
    root_node = Call("sqrt", Number(top))
    if scale == 1:
        return root_node
    return Mul(number(scale.numerator), root_node) if scale.denominator == 1 else \
        Div(root_node if scale.numerator == 1 else Mul(number(scale.numerator), root_node), number(scale.denominator))


def _ln(base: Expr, v: Symbol) -> Expr:
    return Call("ln", base if positive(base, v) else Call("abs", base))


def quadratic_rule(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """(P*x + Q)/(A*x^2 + B*x + C) with no real root below: a logarithm and an arctangent;
    1/sqrt(C + B*x + A*x^2) with A < 0: an arcsine"""
    seen = view(f, v)
    if seen is None or seen[0]:
        return None
    quadratics = [(base, p) for base, p in seen[1].items() if p < 0]
    if len(quadratics) != 1:
        return None
    base, p = quadratics[0]
    c = coefficients(base, v)
    if c is None or len(c) != 3 or not c[2]:
        return None  # (x + 1)^2 - x^2 is no quadratic: its x^2 terms cancel
    C, B, A = c
    rest = {b: q for b, q in seen[1].items() if b != base}
    numerator = coefficients(build(rest), v) if rest else [Fraction(1)]
    if numerator is None or len(numerator) > 2:
        return None
    Q, P = [*numerator, Fraction(0)][:2]
    if p == Fraction(-1, 2) and not P:
        D = C - B * B / (4 * A)
        if A >= 0 or D <= 0:
            return None
        # the law's letters: 1/sqrt(D - A*(x + h)^2), A > 0
        bindings = (("A", number(-A)), ("D", number(D)), ("h", number(B / (2 * A))))
        argument = Mul(sqrt_of(-A / D), Add(v, number(B / (2 * A))))
        raw = Div(Mul(number(Q), Call("asin", argument)), sqrt_of(-A))
        return eng.step("integrate.asin_quadratic", f, v, raw, (), bindings)
    square = 4 * A * C - B * B
    if p != -1 or square <= 0:
        return None
    s = sqrt_of(square)
    terms: list[Expr] = []
    if P:
        terms.append(Mul(number(P / (2 * A)), _ln(base, v)))
    R = Q - P * B / (2 * A)
    if not R:
        return None  # c*g'/g: the substitution u = g gives c*ln(g) in one step
    bindings = (("A", number(A)), ("B", number(B)), ("C", number(C)))
    if R:
        argument = Div(Add(Mul(number(2 * A), v), number(B)), s)
        terms.append(Div(Mul(number(2 * R), Call("atan", argument)), s))
    raw = terms[0] if len(terms) == 1 else Add(*terms)
    return eng.step("integrate.quadratic", f, v, raw, (), (*bindings, ("P", number(P)), ("Q", number(Q))))


def root_quadratic_rule(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """sqrt(A*x^2 + B*x + C), with the square completed, a*(x + h)^2 and D > 0: sqrt(D - a*t^2)
    gives an arcsine, sqrt(a*t^2 + D) an inverse hyperbolic sine, sqrt(a*t^2 - D) a logarithm
    (t = x + h; the area of a circle's segment and its hyperbolic twins, a table's entries), and
    sqrt(a*t^2) is sqrt(a)*abs(t)"""
    seen = view(f, v)
    if seen is None or seen[0] or len(seen[1]) != 1:
        return None
    ((base, p),) = seen[1].items()
    c = coefficients(base, v) if p == Fraction(1, 2) else None
    if c is None or len(c) != 3 or not c[2]:
        return None  # sqrt(x^2 - (x - 1)^2) is sqrt(2*x - 1): no square to complete
    C, B, A = c
    h = B / (2 * A)
    D = C - B * h / 2  # A*x^2 + B*x + C = A*(x + h)^2 + D
    if A < 0 and D <= 0:
        return None  # below 0 wherever it is not 0: no value to integrate
    t = v if not h else Add(v, number(h)) if h > 0 else Sub(v, number(-h))
    a, d = abs(A), abs(D)
    if not D:  # sqrt(a*t^2) = sqrt(a)*abs(t)
        raw = Div(Mul(t, Call("abs", t)), Number(2))
        raw = raw if a == 1 else Mul(sqrt_of(a), raw)
        return eng.step("integrate.root_quadratic_abs", f, v, raw, (), (("a", number(a)), ("h", number(h))))
    half = Div(Mul(t, Call("sqrt", base)), Number(2))
    scale = Div(number(d / 2), sqrt_of(a)) if a != 1 else number(d / 2)
    if A < 0:
        rule, other = "integrate.root_quadratic_asin", Mul(scale, Call("asin", Mul(sqrt_of(a / d), t)))
    elif D > 0:
        rule, other = "integrate.root_quadratic_asinh", Mul(scale, Call("asinh", Mul(sqrt_of(a / d), t)))
    else:
        inner = Add(Mul(sqrt_of(a), t), Call("sqrt", base))
        rule, other = "integrate.root_quadratic_ln", Neg(Mul(scale, Call("ln", Call("abs", inner))))
    bindings = (("a", number(a)), ("D", number(d)), ("h", number(h)))
    return eng.step(rule, f, v, Add(half, other), (), bindings)


_SQUARE_FACTORS = 1000  # square factors looked for in a root's number up to this
MAX_REDUCTION = 8  # a power of a quadratic reduced at most this often (each step is one more integral)


def quadratic_reduction(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫1/q^n dx = (2*A*x + B)/((n - 1)*D*q^(n - 1)) + 2*(2*n - 3)*A/((n - 1)*D)*∫1/q^(n - 1) dx,
    q = A*x^2 + B*x + C with D = 4*A*C - B^2 > 0 (no real root), n >= 2 whole"""
    seen = view(f, v)
    if seen is None or seen[0] or not 1 <= len(seen[1]) <= 2:
        return None
    powers = [(base, p) for base, p in seen[1].items() if p < 0]
    if len(powers) != 1:
        return None
    q, p = powers[0]
    if p.denominator != 1 or not -MAX_REDUCTION <= p <= -2:
        return None
    c = coefficients(q, v)
    if c is None or len(c) != 3:
        return None
    C, B, A = c
    D = 4 * A * C - B * B
    if D <= 0:
        return None
    if len(seen[1]) == 2:
        return _split_numerator(eng, f, v, depth, seen[1], q, p, A, B)
    n = -int(p)
    lower = eng.integrate(Div(1, q) if n == 2 else Pow(q, -(n - 1)), v, depth + 1)
    if lower is None:
        return None
    k = 2 * (2 * n - 3) * A / ((n - 1) * D)
    linear = Add(Mul(number(2 * A), v), number(B)) if B else Mul(number(2 * A), v)
    first = Div(linear, Mul(number((n - 1) * D), q if n == 2 else Pow(q, n - 1)))
    raw = Add(first, Mul(number(k), lower.result))
    bindings = (("A", number(A)), ("B", number(B)), ("C", number(C)), ("n", Number(n)))
    return eng.step("integrate.quadratic_reduction", f, v, raw, (lower,), bindings)


def _split_numerator(eng: Integrates, f: Expr, v: Symbol, depth: int, factors: Factors, q: Expr, p: Fraction,
                     A: Fraction, B: Fraction) -> Step | None:
    """(P*x + Q)/q^n = P/(2*A)*(2*A*x + B)/q^n + (Q - P*B/(2*A))/q^n: the first part is g'/g^n
    (a substitution), the second the reduction formula's."""
    numerator = coefficients(next(base for base in factors if base is not q), v)
    if numerator is None or len(numerator) != 2 or factors[next(b for b in factors if b is not q)] != 1:
        return None
    Q, P = numerator
    R = Q - P * B / (2 * A)
    power = Pow(q, number(-p))
    linear = Add(Mul(number(2 * A), v), number(B)) if B else Mul(number(2 * A), v)
    scale = P / (2 * A)
    derivative_part = Div(linear if scale == 1 else Mul(number(scale), linear), power)
    rewritten = derivative_part
    if R:
        rewritten = Add(rewritten, Div(number(R), power)) if R > 0 else Sub(rewritten, Div(number(-R), power))
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    return eng.step("integrate.quadratic_numerator", f, v, inner.result, (inner,), (("rewritten", rewritten),))

