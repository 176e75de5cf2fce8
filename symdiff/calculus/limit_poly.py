"""Polynomials in the variable: their coefficients, written back, and the two methods built on
them.

``highest_power`` is the textbook method at infinity for polynomials and their quotients:
divide the numerator and the denominator by the highest power of x in the denominator (or take
it out of a difference), then every other term is c/x^k -> 0. ``cancel_root`` is factor and
cancel at a rational point a where a polynomial numerator and denominator both vanish: divide
both by x - a as often as both allow (synthetic division), which is what the textbook writes:
(x^3 - 8)/(x - 2) = (x - 2)*(x^2 + 2*x + 4)/(x - 2) = x^2 + 2*x + 4.
"""

from __future__ import annotations

from fractions import Fraction

from ..algebra.exact import Rational
from ..core.errors import SymdiffError
from ..core.expr import Add, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from ..core.traversal import fold
from .limit_engine import Engine, Outcome
from .limit_exact import fraction_of, rational, tidy

__all__ = ["Poly", "cancel_root", "coefficients", "highest_power", "written"]

MAX_DEGREE = 40
Poly = dict[int, Rational]  # ints where the coefficients are whole (cheaper than Fractions)


# --- polynomials as {degree: coefficient} -------------------------------------------------------


def coefficients(expr: Expr, x: Symbol) -> Poly | None:
    """``expr`` as a polynomial in x with rational coefficients {degree: c}, or None."""
    return fold(expr, lambda node, kids: _poly_node(node, kids, x))


def _poly_node(node: Expr, kids: list[Poly | None], x: Symbol) -> Poly | None:
    kind = type(node)
    if kind is Symbol:
        return {1: 1} if node == x else None
    if kind is Number:
        return {0: node.value} if node.value else {}  # type: ignore[attr-defined]
    if kind is Pow:
        n = fraction_of(node.children[1])
        if kids[0] is None or n is None or n.denominator != 1 or not 0 <= n <= MAX_DEGREE:
            return None
        result: Poly = {0: 1}
        for _ in range(int(n)):
            result = _times(result, kids[0])
        return result
    if any(kid is None for kid in kids) or kind not in (Add, Sub, Neg, Mul, Div):
        return None
    if kind is Div:  # a polynomial over a number
        divisor = kids[1]
        if set(divisor) != {0}:  # type: ignore[arg-type]
            return None
        return {d: Fraction(c) / divisor[0] for d, c in kids[0].items()}  # type: ignore[index, union-attr]
    if kind is Neg:
        return {d: -c for d, c in kids[0].items()}  # type: ignore[union-attr]
    if kind is Mul:
        result = {0: 1}
        for kid in kids:
            result = _times(result, kid)  # type: ignore[arg-type]
        return result if max(result, default=0) <= MAX_DEGREE else None
    signs = [1, -1] if kind is Sub else [1] * len(kids)
    total: Poly = {}
    for sign, kid in zip(signs, kids, strict=True):
        for d, c in kid.items():  # type: ignore[union-attr]
            total[d] = total.get(d, 0) + sign * c
    return {d: c for d, c in total.items() if c}


def _times(a: Poly, b: Poly) -> Poly:
    out: Poly = {}
    for i, c in a.items():
        for j, d in b.items():
            out[i + j] = out.get(i + j, 0) + c * d
    return {k: v for k, v in out.items() if v}


def _power(x: Expr, n: int) -> Expr:
    return x if n == 1 else Pow(x, n)


def written(poly: Poly, x: Symbol, m: int = 0) -> Expr:
    """The polynomial divided by x^m, term by term, highest power first: 3 + 2/x + 1/x^2."""
    terms: list[Expr] = []
    for degree in sorted(poly, reverse=True):
        c = poly[degree]
        k = degree - m
        size = rational(abs(c))
        if k > 0:
            term: Expr = _power(x, k) if abs(c) == 1 else Mul(size, _power(x, k))
        elif k == 0:
            term = size
        else:
            term = Div(size, _power(x, -k))
        terms.append(Neg(term) if c < 0 else term)
    if not terms:
        return Number(0)
    return _joined(terms)


def _joined(terms: list[Expr]) -> Expr:
    """Terms as one sum, a negated term after the first written as a difference."""
    result = terms[0]
    for term in terms[1:]:
        if type(term) is Neg:
            result = Sub(result, term.children[0])
        else:
            result = Add(*result.children, term) if type(result) is Add else Add(result, term)
    return result


# --- at infinity: divide by the highest power ----------------------------------------------------


def highest_power(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """Divide above and below by x^m (m the degree below), or take x^n out of a difference."""
    if not engine.point.infinite:
        return None
    x = engine.var
    if type(expr) is Div:
        bottom = coefficients(expr.children[1], x)
        if bottom is None or max(bottom, default=0) < 1:
            return None
        m = max(bottom)
        top = coefficients(expr.children[0], x)
        above = written(top, x, m) if top is not None else _terms_over_power(expr.children[0], m, x)
        if above is None:
            return None
        g: Expr = Div(above, written(bottom, x, m))
        note = f"divide above and below by {_power(x, m)}"
    elif type(expr) in (Add, Sub):
        terms = coefficients(expr, x)
        if terms is None or max(terms, default=0) < 1:
            return None
        n = max(terms)
        g = Mul(_power(x, n), written(terms, x, n))
        note = f"take out {_power(x, n)}"
    else:
        return None
    return engine.rewritten("highest_power", expr, g, note)


def _terms_over_power(expr: Expr, m: int, x: Symbol) -> Expr | None:
    """Each term of a sum divided by x^m and simplified: (x + sin(x))/x is 1 + sin(x)/x."""
    if type(expr) is Sub:
        terms, signs = list(expr.children), [1, -1]
    elif type(expr) is Add:
        terms, signs = list(expr.children), [1] * len(expr.children)
    else:
        terms, signs = [expr], [1]
    parts: list[Expr] = []
    for term, sign in zip(terms, signs, strict=True):
        try:
            part = tidy(Div(term, _power(x, m)))
        except SymdiffError:
            return None
        parts.append(part if sign > 0 else Neg(part))
    return _joined(parts)


# --- at a rational point: factor out x - a and cancel it ------------------------------------------


def cancel_root(engine: Engine, expr: Expr) -> Outcome | None:
    """Factor and cancel x - a from a quotient of polynomials that both vanish at the rational a."""
    point = fraction_of(engine.point.expr) if not engine.point.infinite else None
    if type(expr) is not Div or point is None:
        return None
    x = engine.var
    top, bottom = (coefficients(part, x) for part in expr.children)
    if not top or not bottom:
        return None
    times = 0
    while _at(top, point) == 0 and _at(bottom, point) == 0 and times < MAX_DEGREE:
        top, bottom, times = _divided(top, point), _divided(bottom, point), times + 1
    if not times:
        return None
    factor = _power(Sub(x, rational(point)) if point else x, times)
    above, below = written(top, x), written(bottom, x)
    if set(bottom) == {0} and abs(bottom[0]) == 1:  # what is left below is 1 or -1
        g = above if bottom[0] == 1 else written({d: -c for d, c in top.items()}, x)
    else:
        g = Div(above, below)
    shown = [f"{part} = {Mul(factor, rest)}" for part, rest in zip(expr.children, (above, below), strict=True)
             if rest.free_symbols]
    condition = f"for {x} != {engine.point.expr}"
    note = f"{' and '.join(shown)}, {condition}" if shown else condition
    return engine.rewritten("factor_cancel", expr, g, note)


def _at(poly: Poly, a: Fraction) -> Fraction:
    return sum((c * a**d for d, c in poly.items()), Fraction(0))


def _divided(poly: Poly, a: Fraction) -> Poly:
    """The quotient of ``poly`` by x - a (``poly`` vanishes at a), by synthetic division."""
    quotient: Poly = {}
    carry = Fraction(0)
    for degree in range(max(poly), 0, -1):
        carry = poly.get(degree, Fraction(0)) + carry * a
        if carry:
            quotient[degree - 1] = carry
    return quotient
