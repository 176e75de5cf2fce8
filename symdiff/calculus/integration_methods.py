"""The methods of integration beyond the table: substitution, powers of sin and cos, rational
functions, integration by parts and multiplying out.

Each method is a function ``(integrator, f, v, depth) -> Step or None`` that integrates the
parts it makes with ``integrator.integrate`` (one level deeper), so the search stays bounded by
the integrator's limits. A method applies only what holds for every x where the integrand is
defined: ln keeps its absolute value unless its argument is positive everywhere, and a
coefficient a in u = a*x + b must be a nonzero number (∫cos(k*x) dx = sin(k*x)/k fails at k = 0).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

from ..algebra.expansion import expand
from ..algebra.fraction_forms import cancel
from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, E, Expr, Mul, Number, Pow, Sub, Symbol, number
from ..core.traversal import fold, free_symbols, preorder, rebuilt, substitute
from .integration_filters import not_in_polynomial, x_stays
from .integration_rational import quadratic_reduction, quadratic_rule, rational_rule, root_quadratic_rule
from .integration_rules import (
    MAX_POLY_DEGREE,
    Factors,
    Integrates,
    build,
    coefficients,
    depends,
    power_of,
    spelled,
    view,
)
from .integration_session import derivative, tidy
from .integration_slopes import not_linear
from .integration_trig import TRIG_METHODS

if TYPE_CHECKING:
    from .trace import Step

__all__ = ["METHODS"]

_ONE = Number(1)
MAX_CANDIDATES = 10  # inner functions tried as u in one substitution
# Rows of the tabular method: every polynomial the rules read as one (∫x^12*e^x dx has 13).
MAX_TABULAR = MAX_POLY_DEGREE + 1


def _candidates(f: Expr, v: Symbol) -> list[Expr]:
    """Inner functions of ``f`` to try as u: arguments, exponents, bases and denominators first
    (largest first), then the functions themselves (sin(x) in sin(x)^3*cos(x), ln(x) in ln(x)/x)
    and the powers of x whose multiples appear (x^2 for x/(1 + x^4))."""
    inner: list[Expr] = []
    outer: list[Expr] = []
    for node, _ in preorder(f):
        if node == v or not depends(node, v):
            continue
        kind = type(node)
        if kind is Pow and node.children[0] == v:
            n = coefficients(node.children[1], v)
            if n is not None and len(n) == 1 and n[0].denominator == 1 and 2 < n[0] <= MAX_CANDIDATES:
                outer.extend(Pow(v, Number(d)) for d in range(2, int(n[0])) if n[0] % d == 0)
        if kind is Call or kind is Pow:
            if node is not f:
                outer.append(node)
            inner.extend(child for child in node.children if depends(child, v) and child != v)
        elif kind is Div:
            inner.append(node.children[1])
    found: list[Expr] = []
    for node in sorted(inner, key=lambda n: -n.depth) + outer:
        if node not in found:
            found.append(node)
    return found[:MAX_CANDIDATES]


def _linear(g: Expr, v: Symbol) -> Expr | None:
    """a in g = a*x + b, for a nonzero number a (2, -1/3, pi), or None."""
    if g == v:
        return None
    c = coefficients(g, v)
    if c is not None:
        return number(c[1]) if len(c) == 2 else None
    if not_linear(g, v):
        return None  # two slopes: d/dx g has x in it, known without writing it (sqrt(4 - x^2))
    a = derivative(g, v)
    if free_symbols(a):
        return None  # not linear, or the coefficient is a symbol that may be 0 (∫cos(k*x) dx)
    try:
        value = a.evaluate()
    except SymdiffError:
        return None
    return tidy(a) if value else None


def linear_substitution(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫f(a*x + b) dx = (1/a)*∫f(u) du, u = a*x + b"""
    u = eng.placeholder(f, v)
    for g in eng.once(_candidates, f, v):
        c = coefficients(g, v)
        if c is not None and len(c) != 2:
            continue  # a polynomial that is not linear (1/(x^2 - 1)): known without substituting
        h = substitute(f, {g: u})
        if depends(h, v):
            continue  # first, as it is cheaper than asking whether g is linear
        a = _linear(g, v)
        if a is None:
            continue
        inner = eng.integrate(h, u, depth + 1)
        if inner is None:
            continue
        raw = substitute(inner.result, {u: g})
        return eng.step("integrate.linear_substitution", f, v, raw if a == _ONE else Div(raw, a), (inner,),
                        ((u.name, g), ("d" + u.name, a)))
    return None


def back_substitution(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫x*sqrt(x + 1) dx: u = a*x + b inside a root or power, and x = (u - b)/a outside it"""
    for g in eng.once(_candidates, f, v):
        c = coefficients(g, v)
        if c is None or len(c) != 2 or g == v or not _under_root(f, g):
            continue
        u = eng.placeholder(f, v)
        x_of_u = Div(Sub(u, number(c[0])), number(c[1]))
        h = tidy(Div(substitute(substitute(f, {g: u}), {v: x_of_u}), number(c[1])))
        inner = eng.integrate(expand(h), u, depth + 1)
        if inner is None:
            continue
        return eng.step("integrate.substitution", f, v, substitute(inner.result, {u: g}), (inner,),
                        ((u.name, g), ("d" + u.name, number(c[1])), (v.name, tidy(x_of_u))))
    return None


def _under_root(f: Expr, g: Expr) -> bool:
    """Whether g is under a root in f: sqrt(g), cbrt(g), g^(1/2), g^(-3/2)."""
    for node, _ in preorder(f):
        if type(node) is Call and node.name in ("sqrt", "cbrt") and node.children[0] == g:  # type: ignore[attr-defined]
            return True
        if type(node) is Pow and node.children[0] == g:
            power = coefficients(node.children[1], g)
            if power is not None and len(power) == 1 and power[0].denominator != 1:
                return True
    return False


# Quotients f/g' a search cancels to try a substitution u = g(x): the antiderivative table's
# integrands need at most 3, and a sum with a tenth power of a quotient in four variables
# made 2,801 of them, each cancelling a rational function of degree 10 (50 s, fuzz seed 2050).
MAX_QUOTIENTS = 50


def substitution(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫f(g(x))*g'(x) dx = ∫f(u) du, u = g(x): g'(x) divides the integrand, leaving g alone"""
    for g in eng.once(_candidates, f, v):
        if coefficients(g, v) is not None and len(coefficients(g, v) or ()) <= 2:
            continue  # a linear u is the linear substitution's
        if not_in_polynomial(f, g, v):
            continue  # x/(x^2 + 4)^2 with u = (x^2 + 4)^2: known before g' is worked out
        dg = derivative(g, v)
        if not depends(dg, v):
            continue  # a constant g' is the linear substitution's, which needs it to be a nonzero number
        if x_stays(f, dg, g, v):
            continue  # x*e^x with u = e^x: x is left, whatever cancelling does
        if not eng.afford("quotient", MAX_QUOTIENTS, f"{MAX_QUOTIENTS} quotients f/g' tried for a substitution"):
            return None
        u = eng.placeholder(f, v)
        h_u = None
        for h in _quotients(Div(f, dg)):  # f/g' with the common factors cancelled
            h_u = spelled(_in_terms_of(substitute(h, {tidy(g): u, g: u}), g, u, v))
            if not depends(h_u, v):
                break
        if h_u is None or depends(h_u, v):
            continue
        inner = eng.integrate(h_u, u, depth + 1)
        if inner is None:
            continue
        return eng.step("integrate.substitution", f, v, substitute(inner.result, {u: g}), (inner,),
                        ((u.name, g), ("d" + u.name, dg)))
    return None



def _in_terms_of(h: Expr, g: Expr, u: Symbol, v: Symbol) -> Expr:
    """Powers of g written as powers of u: x^4 = u^2 for u = x^2, e^(2*x) = u^2 for u = e^x
    (whole powers only: (x^2)^(3/2) is |x|^3, not x^3)."""
    if type(g) is Call and g.name == "exp":  # type: ignore[attr-defined]
        g = Pow(E, g.children[0])
    if type(g) is not Pow:
        return h
    base, exponent = g.children
    unit = coefficients(exponent, v) if base == E else coefficients(exponent, base) if base == v else None
    if unit is None or not unit[-1]:
        return h

    def rewrite(node: Expr, children: list[Expr]) -> Expr:
        if type(node) is Pow and children[0] == base:
            power = coefficients(children[1], v) if base == E else coefficients(children[1], base)
            if power is not None and len(power) == len(unit) and power[:-1] == unit[:-1] == [0] * (len(unit) - 1):
                ratio = power[-1] / unit[-1]
                if ratio.denominator == 1:
                    return Pow(u, number(ratio))
        return rebuilt(node, children)

    return fold(h, rewrite, {})


def _quotients(quotient: Expr) -> Iterator[Expr]:
    """f/g' cancelled by the rational algebra (sin(x) stays sin(x)), then simplified (which may
    write 1/sin(x)^2 as csc(x)^2): the first in which only g(x) is left wins, so the second is
    made only when the first is not it."""
    try:
        yield cancel(quotient)
    except SymdiffError:
        pass
    yield tidy(quotient)


# --- integration by parts ---------------------------------------------------------------------------

_LOGARITHMIC = ("ln", "atan", "asin", "acos")  # u in ∫u dv: their derivatives are algebraic
_PERIODIC = ("sin", "cos", "sinh", "cosh")  # with e^(a x): by parts twice, solving for I


def _kind(base: Expr, p: Fraction, v: Symbol) -> str:
    """What a factor is to integration by parts: "log" (ln, atan, asin, acos; ln to a whole
    power), "poly" (a polynomial to a whole power), "power" (x^n for a rational n ≠ -1), or
    "other" (a factor to integrate as dv)."""
    if coefficients(base, v) is not None and p.denominator == 1 and p > 0:
        return "poly"
    if base == v and p != -1:
        return "power"
    name = base.name if type(base) is Call else None  # type: ignore[attr-defined]
    if name in _LOGARITHMIC and (p == 1 or (name == "ln" and p.denominator == 1 and p > 0)):
        return "log"
    return "other"


def _linear_periodic(base: Expr, v: Symbol) -> bool:
    """e^(a x + b), sin(a x + b), cos(a x + b), sinh, cosh: integrated again and again alike."""
    if type(base) is Call and base.name in _PERIODIC:  # type: ignore[attr-defined]
        argument = coefficients(base.children[0], v)
    elif type(base) is Pow and base.children[0] == E:
        argument = coefficients(base.children[1], v)
    else:
        return False
    return argument is not None and len(argument) == 2


def parts(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫u dv = u*v - ∫v du, with u the factor that gets simpler by differentiating"""
    seen = view(f, v)
    if seen is None or seen[0]:
        return None
    kinds: dict[str, Factors] = {}
    for base, p in seen[1].items():
        kinds.setdefault(_kind(base, p, v), {})[base] = p
    logs, others = kinds.pop("log", {}), kinds.pop("other", {})
    algebraic = {base: p for group in kinds.values() for base, p in group.items()}
    if len(logs) == 1 and not others:
        ((base, p),) = logs.items()
        return _by_parts(eng, f, v, depth, power_of(base, p), build(algebraic) if algebraic else Number(1))
    if logs or not others:
        return None
    if not algebraic:
        if len(others) == 2 and all(p == 1 and _linear_periodic(base, v) for base, p in others.items()):
            return _parts_twice(eng, f, v, others)
        return None
    if "power" in kinds:
        return None
    polynomial = build(algebraic)
    read = coefficients(polynomial, v)
    if read is None:  # x^13: past the degree the rules read a polynomial to
        eng.met_bound(f"polynomials of degree up to {MAX_POLY_DEGREE}")
        return None
    degree = len(read) - 1
    dv = build(others)
    if degree == 1:
        return _by_parts(eng, f, v, depth, polynomial, dv)
    if 2 <= degree < MAX_TABULAR:
        return _tabular(eng, f, v, depth, polynomial, dv)
    return None


def _by_parts(eng: Integrates, f: Expr, v: Symbol, depth: int, u: Expr, dv: Expr) -> Step | None:
    first = eng.integrate(dv, v, depth + 1)
    if first is None:
        return None
    w = first.result
    du = derivative(u, v)
    second = eng.integrate(tidy(Mul(w, du)), v, depth + 1)
    if second is None:
        return None
    raw = Sub(Mul(u, w), second.result)
    return eng.step("integrate.parts", f, v, raw, (first, second), (("u", u), ("du", du), ("dv", dv), ("v", w)))


def _tabular(eng: Integrates, f: Expr, v: Symbol, depth: int, u: Expr, dv: Expr) -> Step | None:
    """u*v_1 - u'*v_2 + u''*v_3 - ...: u differentiated to 0, dv integrated as often"""
    derivatives = [u]
    while derivatives[-1] != Number(0) and len(derivatives) <= MAX_TABULAR:
        derivatives.append(derivative(derivatives[-1], v))
    steps = []
    current = dv
    for _ in derivatives[:-1]:
        step = eng.integrate(current, v, depth + 1)
        if step is None:
            return None
        steps.append(step)
        current = step.result
    terms = [Mul(d, step.result) for d, step in zip(derivatives, steps, strict=False)]
    raw: Expr = terms[0]
    for i, term in enumerate(terms[1:], 1):
        raw = Sub(raw, term) if i % 2 else Add(raw, term)
    rows = tuple((_nth_derivative_name("u", i), d) for i, d in enumerate(derivatives[:-1]))
    antis = tuple((f"v_{i + 1}", step.result) for i, step in enumerate(steps))
    shown, note = _worked_once(steps)
    return eng.step("integrate.parts_tabular", f, v, raw, shown, (("dv", dv), *rows, *antis), note)


def _worked_once(steps: list[Step]) -> tuple[tuple[Step, ...], str]:
    """The table's integrals, each worked once, as a textbook fills the v column: ∫x^12*e^x dx
    integrates e^x thirteen times, one line; ∫x^4*e^(-x) dx alternates two integrals. The
    note names the rows that take an integral already worked."""
    first: dict[Expr, int] = {}
    repeats = [i for i, step in enumerate(steps, 1) if first.setdefault(step.expr, i) != i]
    shown = tuple(steps[i - 1] for i in sorted(first.values()))
    if not repeats:
        return shown, ""
    return shown, f"{_rows(repeats)} of the v column come from an integral already worked, shown once"


def _rows(numbers: list[int]) -> str:
    """rows 2 to 13, or rows 3, 5 and 7: in words, which LaTeX sets as text."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    named = [f"{a}" if a == b else f"{a} and {b}" if b == a + 1 else f"{a} to {b}" for a, b in runs]
    one = len(named) == 1 and runs[0][0] == runs[0][1]
    return ("row " if one else "rows ") + (named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1])


def _nth_derivative_name(name: str, n: int) -> str:
    """u, u', u'', u''' and then u^(4), u^(5), ... as textbooks write them."""
    return name + "'" * n if n <= 3 else f"{name}^({n})"


def _parts_twice(eng: Integrates, f: Expr, v: Symbol, cyclic: Factors) -> Step | None:
    """∫e^(a x) sin(b x) dx = e^(a x)*(a sin(b x) - b cos(b x))/(a^2 + b^2), and with cos:
    e^(a x)*(a cos(b x) + b sin(b x))/(a^2 + b^2)"""
    exponential = next((base for base in cyclic if type(base) is Pow), None)
    trig = next((base for base in cyclic if type(base) is Call and base.name in ("sin", "cos")), None)  # type: ignore[attr-defined]
    if exponential is None or trig is None:
        return None
    a = coefficients(exponential.children[1], v)[1]  # type: ignore[index]
    b = coefficients(trig.children[0], v)[1]  # type: ignore[index]
    sin, cos = Call("sin", trig.children[0]), Call("cos", trig.children[0])
    if trig.name == "sin":  # type: ignore[attr-defined]
        inside = Sub(Mul(number(a), sin), Mul(number(b), cos))
    else:
        inside = Add(Mul(number(a), cos), Mul(number(b), sin))
    raw = Div(Mul(exponential, inside), number(a * a + b * b))
    return eng.step("integrate.parts_twice", f, v, raw, (), (("a", number(a)), ("b", number(b))),
                    note="integrating by parts twice gives the integral I again; solving for I")


# --- multiplying out --------------------------------------------------------------------------------


def expand_first(eng: Integrates, f: Expr, v: Symbol, depth: int) -> Step | None:
    """A product or power of sums multiplied out: ∫x*(x + 1)^2 dx = ∫(x^3 + 2*x^2 + x) dx"""
    if not _sum_in_product(f):
        return None
    rewritten = expand(f)
    if rewritten == f or type(rewritten) not in (Add, Sub):
        return None
    inner = eng.integrate(rewritten, v, depth + 1)
    if inner is None:
        return None
    return eng.step("integrate.expand", f, v, inner.result, (inner,), (("rewritten", rewritten),))


def _sum_in_product(f: Expr) -> bool:
    """Whether a sum is a factor, base or part of a quotient somewhere in ``f``: one walk (asking,
    for each sum, whether some product holds it walked ``f`` once per sum, 7.7 s on an integrand
    of a few hundred nodes)."""
    return any(type(node) in (Mul, Pow, Div) and any(type(part) in (Add, Sub) for part in node.children)
               for node, _ in preorder(f))


METHODS = (*TRIG_METHODS, linear_substitution, quadratic_rule, root_quadratic_rule, quadratic_reduction, rational_rule,
           substitution,
           back_substitution, parts, expand_first)
