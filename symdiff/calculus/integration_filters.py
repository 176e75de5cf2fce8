"""Reading off, before any cancelling, that a substitution's candidate u = g cannot work.

The substitution u = g works when f/g' can be written in g alone; finding out costs a
derivative, the rational algebra's cancelling and a simplification, most of a failed
candidate's cost. ``x_stays`` says, from the integrand's and g''s factors (``view``) and a few
float values, when x is bound to stay in f/g' whatever cancelling does. It only ever rejects a
candidate that could not succeed, so which rule applies, and the steps, are the same with it.
``integration_slopes.not_linear`` does the same for the linear substitution.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, Expr, Mul, Neg, Pow, Sub, Symbol
from ..core.traversal import fold, free_symbols
from .integration_rules import Factors, coefficients, depends, view

__all__ = ["not_in_polynomial", "x_stays"]


def x_stays(f: Expr, dg: Expr, g: Expr, v: Symbol) -> bool:
    """Whether f/g' keeps a part that nothing can cancel or write in u = g, so the rational
    algebra's cancelling, which costs most of a failed candidate, could not succeed and is not
    tried. f and g' are products of powers, and their quotient has

    - x^k (k ≠ 0) and otherwise only functions of a polynomial in x (sin(x), ln(x), cos(3*x))
      and exponentials (e^(2*x), 2^x), and g has no factor x: x*e^x with u = e^x; or
    - such a function of another family than g (trigonometric, exponential and logarithmic,
      algebraic), of x itself if g is algebraic: e^x*sin(x) with u = e^x, x^2*ln(x) with u = x^2;
      or
    - a rational function of x that is not constant, times powers of g, where g is
      transcendental: (x^2 + 1)*e^x with u = e^x, x*atan(x) with u = atan(x); or
    - a value at some -a other than at a, where g is even: x^2*e^(-x) with u = x^2 (h(g(x))
      has the same value at a and -a).
    """
    seen, slope = view(f, v), view(dg, v)
    if seen is None or slope is None:
        return False
    quotient = dict(seen[1])
    for base, p in slope[1].items():
        quotient[base] = quotient.get(base, Fraction(0)) - p
    quotient = {base: p for base, p in quotient.items() if p}
    inner = view(g, v)
    if quotient.get(v) and (inner is None or v not in inner[1]) and \
            all(base == v or _transcendental(base, v) for base in quotient):
        return True
    family = _family(g, v)
    if family is not None and any(_transcendental(base, v) and _family(base, v) not in (None, family)
                                  and (family != "algebraic" or base.children[-1] == v) for base in quotient):
        return True
    if _transcendental(g, v) and _rational_times_powers_of(quotient, g, v):
        return True
    return _even(g, v) and _parity_of(quotient, v) != 0 and _not_even(Div(f, dg), v)


def not_in_polynomial(f: Expr, g: Expr, v: Symbol) -> bool:
    """Whether f is a rational function of x and g a polynomial of degree d >= 2 such that
    f/g' in lowest terms has a numerator or denominator whose degree is not a multiple of d:
    then f/g' is no rational function R(g) (with R = P/Q in lowest terms, P(g)/Q(g) is in
    lowest terms too, of degrees d*deg P and d*deg Q), and cancelling cannot write it in g.
    Known from the coefficients, before g' is worked out: x/(x^2 + 4)^2 with u = (x^2 + 4)^2.
    Asked of a power of a sum only (the others pass it, and would pay for asking)."""
    if type(g) is not Pow or type(g.children[0]) not in (Add, Sub):
        return False  # a power of a sum, (x^2 + 4)^2, is the candidate that can fail so (and costs most)
    c = coefficients(g, v)
    seen = view(f, v)
    if c is None or seen is None:
        return False
    c = _trimmed(c)
    d = len(c) - 1
    if d < 2:
        return False
    top: list[Fraction] = [Fraction(1)]
    bottom: list[Fraction] = _trimmed([i * a for i, a in enumerate(c)][1:])  # g'
    if not _polynomial_product(seen[1], v, top, bottom):
        return False
    if not any(bottom) or not any(top):
        return False  # f is 0, or undefined everywhere: nothing to say
    common = _gcd(_trimmed(top), _trimmed(bottom))
    lowered = len(common) - 1
    return (len(_trimmed(top)) - 1 - lowered) % d != 0 or (len(_trimmed(bottom)) - 1 - lowered) % d != 0


def _polynomial_product(factors: Factors, v: Symbol, top: list[Fraction], bottom: list[Fraction]) -> bool:
    """Multiply each polynomial factor into ``top`` or ``bottom`` (in place); False if one is not
    a polynomial to a whole power."""
    for base, p in factors.items():
        c = coefficients(base, v)
        if c is None or p.denominator != 1 or abs(p) > _MOST_POWER:
            return False
        for _ in range(abs(int(p))):
            product = _times(top if p > 0 else bottom, c)
            (top if p > 0 else bottom)[:] = product
    return True


def _gcd(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    """A greatest common divisor of two dense polys over Q (up to a constant)."""
    while len(b) > 1 or (b and b[0]):
        a, b = b, _remainder(a, b)
    return a


def _remainder(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    r = list(a)
    lead = b[-1]
    while len(r) >= len(b) and any(r):
        k = r[-1] / lead
        shift = len(r) - len(b)
        for i, y in enumerate(b):
            r[shift + i] -= k * y
        r = _trimmed(r[:-1]) if len(r) > 1 else [Fraction(0)]
    return _trimmed(r) if r else [Fraction(0)]


def _rational_times_powers_of(factors: Factors, g: Expr, v: Symbol) -> bool:
    """Whether the factors are r(x)*g^k, r a rational function of x that is not constant:
    for a transcendental g (e^x, sin(x), atan(x)) no rational function of x other than a
    constant is one of g, and cancelling r(x)*g^k leaves r(x) written in x."""
    top: list[Fraction] = [Fraction(1)]
    bottom: list[Fraction] = [Fraction(1)]
    for base, p in factors.items():
        if base == g:
            continue
        c = coefficients(base, v)
        if c is None or p.denominator != 1 or abs(p) > _MOST_POWER:
            return False
        for _ in range(abs(int(p))):
            if p > 0:
                top = _times(top, c)
            else:
                bottom = _times(bottom, c)
    top, bottom = _trimmed(top), _trimmed(bottom)
    if len(top) != len(bottom):
        return True
    return any(a * bottom[-1] != b * top[-1] for a, b in zip(top, bottom, strict=True))


_MOST_POWER = 12  # a polynomial factor's power that is multiplied out to compare


def _times(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            out[i + j] += p * q
    return out


def _trimmed(c: list[Fraction]) -> list[Fraction]:
    end = len(c)
    while end > 1 and not c[end - 1]:
        end -= 1
    return c[:end]


def _parity_of(factors: Factors, v: Symbol) -> int | None:
    """0 if the product of the factors is even in x as written, 1 if odd, None if unknown."""
    total = 0
    for base, p in factors.items():
        parity = fold(base, lambda node, kids: _parity(node, kids, v), {})
        if parity is None or (parity and p.denominator != 1):
            return None
        total += parity * int(p)
    return total % 2


def _not_even(quotient: Expr, v: Symbol) -> bool:
    """Whether ``quotient`` clearly has another value at -a than at a, at two points a (a
    float's rounding is far below the margin); False where it cannot say."""
    if free_symbols(quotient) != {v}:
        return False
    differs = 0
    for a in _EVEN_POINTS:
        try:
            p, q = quotient.evaluate({v.name: a}), quotient.evaluate({v.name: -a})
        except (SymdiffError, ArithmeticError, ValueError):
            continue
        if not (math.isfinite(p) and math.isfinite(q)):
            continue
        if abs(p - q) <= 1e-6 * max(1.0, abs(p), abs(q)):
            return False  # even here, perhaps everywhere
        differs += 1
        if differs == 2:
            return True
    return False


_EVEN_POINTS = (0.6, 1.3, 0.35, 2.2)


def _parity(node: Expr, kids: list[int | None], v: Symbol) -> int | None:
    """0 if ``node`` is even in x as written, 1 if odd, None if neither can be read off."""
    if not depends(node, v):
        return 0
    kind = type(node)
    if node == v:
        return 1
    if kind is Neg:
        return kids[0]
    if kind in (Mul, Div):
        return None if None in kids else sum(kids) % 2  # type: ignore[arg-type]
    if kind in (Add, Sub):
        return kids[0] if all(k == kids[0] for k in kids) else None
    if kind is Pow:
        base, exponent = kids
        if base == 0 and exponent == 0:
            return 0  # g^r for even g, c^h for even h
        n = coefficients(node.children[1], v)
        if base == 1 and n is not None and len(n) == 1 and n[0].denominator == 1:
            return int(n[0]) % 2
        return None
    if kind is Call:
        if all(k == 0 for k in kids):
            return 0
        if kids == [1]:
            return _FUNCTION_PARITY.get(node.name)  # type: ignore[attr-defined]
    return None


_FUNCTION_PARITY = {**dict.fromkeys(("sin", "tan", "cot", "csc", "asin", "atan", "sinh", "tanh", "coth", "csch",
                                     "asinh", "atanh", "cbrt"), 1),
                    **dict.fromkeys(("cos", "sec", "cosh", "sech", "abs"), 0)}


def _even(g: Expr, v: Symbol) -> bool:
    """Whether g is a polynomial in even powers of x alone (x^2, 1 - x^2): g(-x) = g(x)."""
    c = coefficients(g, v)
    return c is not None and len(c) >= 3 and not any(c[1::2])


def _transcendental(base: Expr, v: Symbol) -> bool:
    """A function of a polynomial in x (sin(x), ln(x^2 + 1)) or an exponential (e^(2*x), 2^x)."""
    if type(base) is Call:
        return base.name not in _NOT_CANCELLING and coefficients(base.children[0], v) is not None  # type: ignore[attr-defined]
    return type(base) is Pow and not free_symbols(base.children[0]) and coefficients(base.children[1], v) is not None


def _family(expr: Expr, v: Symbol) -> str | None:
    """Which functions ``expr`` is among: no identity the simplifier knows turns one family into another."""
    if type(expr) is Call:
        return _FAMILIES.get(expr.name)  # type: ignore[attr-defined]
    if type(expr) is Pow and not free_symbols(expr.children[0]):
        return "exponential"
    if coefficients(expr, v) is not None or (type(expr) is Pow and expr.children[0] == v):
        return "algebraic"
    return None


_NOT_CANCELLING = frozenset({"abs", "sign", "sqrt", "cbrt", "root"})  # these can be powers of x in disguise
_FAMILIES = {
    **dict.fromkeys(("sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "acot", "asec", "acsc"),
                    "trigonometric"),
    **dict.fromkeys(("exp", "ln", "log", "sinh", "cosh", "tanh", "coth", "sech", "csch", "asinh", "acosh", "atanh"),
                    "exponential"),
}
