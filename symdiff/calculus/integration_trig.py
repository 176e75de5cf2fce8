"""Trigonometric integrands: powers of sin and cos, of tan and sec (cot and csc), and products
of sines and cosines of different angles.

The textbook's moves, each a named rule: an odd power keeps one factor for du and turns the
rest by a Pythagorean identity (u = cos x or sin x; u = sec x or tan x); even powers of sin
and cos go down by the half-angle formulas; an even power of sec gives u = tan x; a power of
tan alone is reduced by tan^2 = sec^2 - 1, an odd power of sec alone by the reduction formula
(integration by parts once); sin(a x)*cos(b x) becomes a sum by the product-to-sum formulas.
Powers of sinh and cosh go the same ways, by cosh^2 - sinh^2 = 1 and the half-argument
formulas, and sinh and cosh beside an exponential are written with exponentials.
The argument must be the variable itself; a*x + b comes here through the linear substitution.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..algebra.expansion import expand
from ..core.expr import Add, Call, Div, E, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from ..core.traversal import preorder, substitute
from .integration_rules import Integrates, coefficients, view
from .integration_session import tidy

if TYPE_CHECKING:
    from .trace import Step

__all__ = ["TRIG_METHODS"]

MAX_POWER = 12  # higher powers would take many rounds of reduction
# Even powers of sin and cos go down by half-angle formulas, a round of the search per halving:
# sin^24 takes 0.03 s, while sin^80*cos^80 searched for 4 s before it was refused.
MAX_HALF_ANGLE_POWER = 2 * MAX_POWER


def _powers(f: Expr, v: Symbol, sine: str = "sin", cosine: str = "cos") -> tuple[int, int] | None:
    """(m, n) when ``f`` is sin(v)^m * cos(v)^n (sinh and cosh with those names), m + n >= 2."""
    seen = view(f, v)
    if seen is None or seen[0] or not all(type(base) is Call for base in seen[1]):
        return None  # x*e^x, 1/(x^2 + 1): no factor is a function, so none is sin or cos
    powers = {Call(sine, v): 0, Call(cosine, v): 0}
    for base, p in seen[1].items():
        if base not in powers or p.denominator != 1 or p < 0:
            return None
        powers[base] = int(p)
    m, n = powers.values()
    return (m, n) if m + n >= 2 else None


def trig_powers(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """sin^m * cos^n: an odd power keeps one factor for du and turns the rest by sin^2 + cos^2 = 1;
    even powers both go down by the half-angle formulas."""
    mn = _powers(f, v)
    if mn is None:
        return None
    m, n = mn
    if m % 2 or n % 2:
        u = eng.placeholder(f, v)
        if m % 2:  # u = cos(x), du = -sin(x) dx, sin^(m-1) = (1 - u^2)^((m-1)/2)
            g, du, h = Call("cos", v), Neg(Call("sin", v)), Neg(Mul(Pow(Sub(1, Pow(u, 2)), (m - 1) // 2), Pow(u, n)))
        else:
            g, du, h = Call("sin", v), Call("cos", v), Mul(Pow(Sub(1, Pow(u, 2)), (n - 1) // 2), Pow(u, m))
        inner = eng.integrate(expand(h), u, depth + 1)
        if inner is None:
            return None
        return eng.step("integrate.trig_odd", f, v, substitute(inner.result, {u: g}), (inner,),
                        ((u.name, g), ("d" + u.name, du)))
    if m + n > MAX_HALF_ANGLE_POWER:
        eng.met_bound(f"even powers of sin and cos up to {MAX_HALF_ANGLE_POWER} in all")
        return None
    double = Call("cos", Mul(2, v))
    half = Mul(Pow(Div(Sub(1, double), 2), m // 2), Pow(Div(Add(1, double), 2), n // 2))
    rewritten = expand(half)
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    return eng.step("integrate.half_angle", f, v, inner.result, (inner,), (("rewritten", rewritten),))


# (tangent, secant, sign of du): d/dx tan = sec^2, d/dx sec = sec*tan; d/dx cot = -csc^2, d/dx csc = -csc*cot
_FAMILIES = (("tan", "sec", 1), ("cot", "csc", -1))


def _tan_sec_powers(f: Expr, v: Symbol) -> tuple[str, str, int, int, int] | None:
    seen = view(f, v)
    if seen is None or seen[0] or not all(type(base) is Call for base in seen[1]):
        return None
    for t, s, sign in _FAMILIES:
        powers = {Call(t, v): 0, Call(s, v): 0}
        if set(seen[1]) <= set(powers) and all(p.denominator == 1 and 0 < p <= MAX_POWER for p in seen[1].values()):
            powers.update({base: int(p) for base, p in seen[1].items()})
            m, n = powers.values()
            return t, s, sign, m, n
    return None


def tan_sec_powers(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """tan^m * sec^n (and cot^m * csc^n): u = tan(x) for an even power of sec, u = sec(x) for
    an odd power of tan; tan^m alone by tan^2 = sec^2 - 1; sec^n alone by the reduction formula"""
    found = _tan_sec_powers(f, v)
    if found is None:
        return None
    t, s, sign, m, n = found
    T, S = Call(t, v), Call(s, v)
    if n >= 2 and n % 2 == 0 and (m or n >= 4):  # u = tan(x), du = sec(x)^2 dx, sec^2 = 1 + u^2
        u = eng.placeholder(f, v)
        h = Mul(Pow(u, m), Pow(Add(1, Pow(u, 2)), (n - 2) // 2))
        return _substituted(eng, f, v, depth, u, T, Mul(sign, Pow(S, 2)), Mul(sign, h), "integrate.tan_sec")
    if m % 2 and n >= 1:  # u = sec(x), du = sec(x)*tan(x) dx, tan^2 = u^2 - 1
        u = eng.placeholder(f, v)
        h = Mul(Pow(Sub(Pow(u, 2), 1), (m - 1) // 2), Pow(u, n - 1))
        return _substituted(eng, f, v, depth, u, S, Mul(sign, S, T), Mul(sign, h), "integrate.tan_sec")
    if m >= 2:  # tan^m = tan^(m-2)*sec^2 - tan^(m-2), then each part
        rest = Pow(S, n) if n else None
        lower = Pow(T, m - 2) if m > 2 else None
        parts = [part for part in (lower, rest) if part is not None]
        first = Mul(*parts, Pow(S, 2)) if parts else Pow(S, 2)
        second = (parts[0] if len(parts) == 1 else Mul(*parts)) if parts else Number(1)
        rewritten = expand(Sub(first, second)) if n else Sub(first, second)
        return _rewritten(eng, f, v, depth, rewritten, "integrate.tan_reduction")
    if m == 0 and n >= 3:  # ∫sec^n = sec^(n-2)*tan/(n-1) + (n-2)/(n-1)*∫sec^(n-2)
        lower = eng.integrate(Pow(S, n - 2) if n > 3 else S, v, depth + 1)
        if lower is None:
            return None
        k = Fraction(n - 2, n - 1)
        raw = Add(Div(Mul(sign, Pow(S, n - 2), T), n - 1), Mul(Div(k.numerator, k.denominator), lower.result))
        return eng.step("integrate.sec_reduction", f, v, raw, (lower,), (("n", Number(n)),))
    return None


def _substituted(eng: Integrates, f: Expr, v: Symbol, depth: int, u: Symbol, g: Expr, du: Expr, h: Expr,
                 rule: str) -> Step | None:
    inner = eng.integrate(expand(h), u, depth + 1)
    if inner is None:
        return None
    return eng.step(rule, f, v, substitute(inner.result, {u: g}), (inner,), ((u.name, g), ("d" + u.name, tidy(du))))


def _rewritten(eng: Integrates, f: Expr, v: Symbol, depth: int, rewritten: Expr, rule: str) -> Step | None:
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    return eng.step(rule, f, v, inner.result, (inner,), (("rewritten", rewritten),))


def product_to_sum(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """sin(A)*cos(B) = (sin(A + B) + sin(A - B))/2, sin(A)*sin(B) = (cos(A - B) - cos(A + B))/2,
    cos(A)*cos(B) = (cos(A - B) + cos(A + B))/2, for angles A ≠ B, each a*x + b"""
    seen = view(f, v)
    if seen is None or seen[0] or len(seen[1]) != 2 or any(p != 1 for p in seen[1].values()):
        return None
    first, second = sorted(seen[1], key=lambda base: getattr(base, "name", ""), reverse=True)  # sin before cos
    if not all(type(b) is Call and b.name in ("sin", "cos") for b in (first, second)):  # type: ignore[attr-defined]
        return None
    A, B = first.children[0], second.children[0]
    if A == B or any(len(coefficients(angle, v) or ()) != 2 for angle in (A, B)):
        return None
    plus, minus = tidy(Add(A, B)), tidy(Sub(A, B))
    names = (first.name, second.name)  # type: ignore[attr-defined]
    if names == ("sin", "cos"):
        rewritten = Div(Add(Call("sin", plus), Call("sin", minus)), 2)
    elif names == ("sin", "sin"):
        rewritten = Div(Sub(Call("cos", minus), Call("cos", plus)), 2)
    else:
        rewritten = Div(Add(Call("cos", minus), Call("cos", plus)), 2)
    return _rewritten(eng, f, v, depth, tidy(rewritten), "integrate.product_to_sum")


# tanh^2 = 1 - sech^2 and coth^2 = 1 + csch^2: (the function, its partner, the partner's sign)
_HYPERBOLIC = {"tanh": ("sech", -1), "coth": ("csch", 1)}


# The one law each case uses, shown in its step (the rule's formula lists all four).
_HYPERBOLIC_LAWS = {
    ("tanh", True): "tanh(u)^2 = 1 - sech(u)^2",
    ("tanh", False): "tanh(u)^m = tanh(u)^(m - 2) - tanh(u)^(m - 2)*(1 - tanh(u)^2)",
    ("coth", True): "coth(u)^2 = 1 + csch(u)^2",
    ("coth", False): "coth(u)^m = coth(u)^(m - 2) + coth(u)^(m - 2)*csch(u)^2",
}


def hyperbolic_reduction(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """tanh^m alone by tanh^2 = 1 - sech^2 (coth^m by coth^2 = 1 + csch^2), as a power of tan
    (tanh^m = tanh^(m-2) - tanh^(m-2)*(1 - tanh^2), coth^m = coth^(m-2) + coth^(m-2)*csch^2):
    ∫tanh^2 = x - tanh(x), where u = tanh(x) gave ln|tanh x + 1|/2 - ln|tanh x - 1|/2 - tanh x,
    whose floats lose every digit past x = 19 (1 - tanh(20) is 8.5e-18)."""
    seen = view(f, v)
    if seen is None or seen[0] or len(seen[1]) != 1:
        return None
    ((base, power),) = seen[1].items()
    if type(base) is not Call or base.name not in _HYPERBOLIC or base.argument != v:  # type: ignore[attr-defined]
        return None
    if power.denominator != 1 or not 2 <= power <= MAX_POWER:
        return None
    m = int(power)
    partner, sign = _HYPERBOLIC[base.name]  # type: ignore[attr-defined]
    if m == 2:  # ∫sech^2 = tanh, ∫csch^2 = -coth: rules of the table
        square = Pow(Call(partner, v), 2)
        rewritten = Sub(Number(1), square) if sign < 0 else Add(Number(1), square)
    else:
        # The second part is t^(m-2) times t's derivative as diff writes it, which u = t(x)
        # integrates: 1 - tanh^2 (written with sech^2 it would not divide by it), -csch^2.
        lower = Pow(base, m - 2) if m > 3 else base
        if sign < 0:
            rewritten = Sub(lower, Mul(lower, Sub(Number(1), Pow(base, 2))))
        else:
            rewritten = Add(lower, Mul(lower, Pow(Call(partner, v), 2)))
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    return eng.step("integrate.hyperbolic_reduction", f, v, inner.result, (inner,), (("rewritten", rewritten),),
                    formula=_HYPERBOLIC_LAWS[(base.name, m == 2)])  # type: ignore[attr-defined]


def hyperbolic_powers(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """sinh^m * cosh^n, as sin^m * cos^n: an odd power keeps one factor for du and turns the rest
    by cosh^2 - sinh^2 = 1; even powers both go down by sinh^2 = (cosh(2x) - 1)/2 and
    cosh^2 = (cosh(2x) + 1)/2."""
    mn = _powers(f, v, "sinh", "cosh")
    if mn is None:
        return None
    m, n = mn
    if m % 2 or n % 2:
        u = eng.placeholder(f, v)
        if m % 2:  # u = cosh(x), du = sinh(x) dx, sinh^(m-1) = (u^2 - 1)^((m-1)/2)
            g, du, h = Call("cosh", v), Call("sinh", v), Mul(Pow(Sub(Pow(u, 2), 1), (m - 1) // 2), Pow(u, n))
        else:  # u = sinh(x), du = cosh(x) dx, cosh^(n-1) = (1 + u^2)^((n-1)/2)
            g, du, h = Call("sinh", v), Call("cosh", v), Mul(Pow(Add(1, Pow(u, 2)), (n - 1) // 2), Pow(u, m))
        inner = eng.integrate(expand(h), u, depth + 1)
        if inner is None:
            return None
        return eng.step("integrate.hyperbolic_odd", f, v, substitute(inner.result, {u: g}), (inner,),
                        ((u.name, g), ("d" + u.name, du)))
    if m + n > MAX_HALF_ANGLE_POWER:
        eng.met_bound(f"even powers of sinh and cosh up to {MAX_HALF_ANGLE_POWER} in all")
        return None
    double = Call("cosh", Mul(2, v))
    half = Mul(Pow(Div(Sub(double, 1), 2), m // 2), Pow(Div(Add(double, 1), 2), n // 2))
    return _rewritten(eng, f, v, depth, expand(half), "integrate.hyperbolic_half")


def hyperbolic_exponentials(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """e^(a*x) times sinh and cosh of a*x + b: each written with exponentials,
    sinh(u) = (e^u - e^(-u))/2, cosh(u) = (e^u + e^(-u))/2, and multiplied out"""
    seen = view(f, v)
    if seen is None or seen[0] or len(seen[1]) < 2:
        return None
    hyperbolic, exponential = [], False
    for base, p in seen[1].items():
        if type(base) is Call and base.name in ("sinh", "cosh") and p == 1 \
                and len(coefficients(base.argument, v) or ()) == 2:  # type: ignore[attr-defined]
            hyperbolic.append(base)
        elif type(base) is Pow and base.children[0] == E and p == 1 \
                and len(coefficients(base.children[1], v) or ()) == 2:
            exponential = True
        else:
            return None
    if not hyperbolic or not exponential:
        return None
    # in the integrand's spelling: exp(u) where it has exp(x), e^u where it has e^x
    spelled = any(type(node) is Call and node.name == "exp" for node, _ in preorder(f))  # type: ignore[attr-defined]
    power = (lambda u: Call("exp", u)) if spelled else (lambda u: Pow(E, u))
    written = {}
    for base in hyperbolic:
        u = base.argument  # type: ignore[attr-defined]
        combine = Sub if base.name == "sinh" else Add  # type: ignore[attr-defined]
        written[base] = Div(combine(power(u), power(Neg(u))), 2)
    rewritten = tidy(expand(tidy(substitute(f, written))))  # tidy: in the session's spelling (exp)
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    law = "sinh(u) = (exp(u) - exp(-u))/2, cosh(u) = (exp(u) + exp(-u))/2" if spelled else None
    return eng.step("integrate.hyperbolic_exponentials", f, v, inner.result, (inner,), (("rewritten", rewritten),),
                    formula=law)


TRIG_METHODS = (trig_powers, tan_sec_powers, hyperbolic_reduction, hyperbolic_powers, hyperbolic_exponentials,
                product_to_sum)
