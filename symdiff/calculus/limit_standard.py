"""The standard limits, used in a product or quotient: each factor that is a standard form in a
vanishing u is replaced by the power of u it behaves like.

    sin(u)/u -> 1, tan(u)/u -> 1, (1 - cos(u))/u^2 -> 1/2, (e^u - 1)/u -> 1, ln(1 + u)/u -> 1

and the same for asin, atan, sinh, tanh, asinh and atanh (u*cot(u) -> 1 and u*csc(u) -> 1
for the reciprocals), as u -> 0 (u any expression that
tends to 0 without being 0 near the point: 3x, x^2, 1/n as n -> oo). If f = g * (s(u)/(c*u^k))
with the bracket tending to 1, then lim f = lim g: so sin(3x)/sin(5x) has the limit of
3x/(5x), and n/2*sin(2*pi/n) that of n/2*(2*pi/n) = pi.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.errors import SymdiffError
from ..core.expr import Call, Div, E, Expr, Mul, Neg, Number, Pow, Sub
from .limit_engine import Engine, Outcome
from .limit_exact import fraction_of, tidy
from .limit_forms import FINITE

__all__ = ["standard_limits"]

_LIKE_U = frozenset({"sin", "tan", "asin", "atan", "sinh", "tanh", "asinh", "atanh"})
_LIKE_ONE_OVER_U = frozenset({"cot", "csc", "coth", "csch"})  # 1/tan(u), 1/sin(u), ...
_ONE = Number(1)


def standard_limits(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """Replace each standard factor by the power of u it behaves like; the limit is that of the rest."""
    if type(expr) not in (Mul, Div):
        return None
    factors = _factors(expr)
    if factors is None:
        return None
    laws: list[str] = []
    bindings: list[tuple[str, Expr]] = []
    product: list[Expr] = []
    for factor, power in factors:
        found = _equivalent(engine, factor)
        if found is not None:
            factor, law, u = found
            if law not in laws:
                laws.append(law)
            bindings.append((f"u{len(bindings) + 1}", u))
        product.append(factor if power == 1 else Pow(factor, power))
    if not laws:
        return None
    g: Expr = product[0] if len(product) == 1 else Mul(*product)
    try:
        g = tidy(g)
    except SymdiffError:
        return None
    if len(bindings) == 1:
        bindings = [("u", bindings[0][1])]
    with_u = ", ".join(f"{name} = {u}" for name, u in bindings)
    found = engine.rewritten("standard_limits", expr, g, f"{'; '.join(laws)}, with {with_u}",
                             formula="; ".join(laws), bindings=tuple(bindings))
    if found is None:
        return None
    value, step = found
    if value.kind == FINITE and value.c is not None and not value.is_zero:
        # f behaves like g, so they have one limit L, but not one side of it: x*sin(1/x) tends
        # to 1 from below where x*(1/x) is 1 exactly, and x*sin(1/x) - 1 is no 0 near oo.
        value = replace(value, c=None, p=0)
    return value, step


def _factors(expr: Expr) -> list[tuple[Expr, int]] | None:
    """``expr`` as factors with whole exponents, signs as a factor -1 (at most 24 factors)."""
    out: list[tuple[Expr, int]] = []
    sign = 1
    stack = [(expr, 1)]
    while stack:
        node, power = stack.pop()
        kind = type(node)
        if kind is Mul:  # pushed last first, so the factors come out in the order written
            stack.extend((child, power) for child in reversed(node.children))
        elif kind is Div:
            stack.append((node.children[1], -power))
            stack.append((node.children[0], power))
        elif kind is Neg:
            sign *= (-1) ** (power % 2)
            stack.append((node.children[0], power))
        elif kind is Pow and _whole(node.children[1]) is not None:
            stack.append((node.children[0], power * _whole(node.children[1])))  # type: ignore[operator]
        else:
            out.append((node, power))
        if len(out) > 24:
            return None
    if sign < 0:
        out.append((Neg(_ONE), 1))
    return out


def _whole(expr: Expr) -> int | None:
    q = fraction_of(expr)
    return int(q) if q is not None and q.denominator == 1 and abs(q) <= 64 else None


def _equivalent(engine: Engine, factor: Expr) -> tuple[Expr, str, Expr] | None:
    """(what ``factor`` behaves like, the standard limit, u) when it is a standard form in u -> 0."""
    kind = type(factor)
    if kind is Call:
        name = factor.name  # type: ignore[attr-defined]
        u = factor.children[0]
        if name in _LIKE_U and _vanishes(engine, u):
            return u, f"lim[u->0] {name}(u)/u = 1", u
        if name in _LIKE_ONE_OVER_U and _vanishes(engine, u):
            return Div(_ONE, u), f"lim[u->0] u*{name}(u) = 1", u
        if name in ("ln", "log"):
            try:
                u = tidy(Sub(u, _ONE))
            except SymdiffError:
                return None
            if _vanishes(engine, u):
                return u, "lim[u->0] ln(1 + u)/u = 1", u
        return None
    if kind is not Sub:
        return None
    left, right = factor.children
    flip = left != _ONE
    inner = right if not flip else left
    if (right if flip else left) != _ONE:
        return None
    if type(inner) is Call and inner.name == "cos" and _vanishes(engine, inner.children[0]):  # type: ignore[attr-defined]
        u = inner.children[0]
        half_square = Div(Pow(u, 2), Number(2))
        return (Neg(half_square) if flip else half_square), "lim[u->0] (1 - cos(u))/u^2 = 1/2", u
    u = _exponent_of_e(inner)
    if u is not None and _vanishes(engine, u):
        return (u if flip else Neg(u)), "lim[u->0] (e^u - 1)/u = 1", u
    return None


def _exponent_of_e(expr: Expr) -> Expr | None:
    if type(expr) is Call and expr.name == "exp":  # type: ignore[attr-defined]
        return expr.children[0]
    if type(expr) is Pow and expr.children[0] == E:
        return expr.children[1]
    return None


def _vanishes(engine: Engine, u: Expr) -> bool:
    """Whether u -> 0 without being 0 near the point (so s(u)/u is defined there)."""
    if engine.var not in u.free_symbols:
        return False
    value = engine.with_trend(u, engine.limit(u)[0])
    return value.is_zero and value.c not in (0, None)

