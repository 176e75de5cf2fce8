"""The integration rules by name, and the table of elementary antiderivatives.

Each rule is a record (id, name, formula) in ``RULES``; the rules of the table of elementary
integrals are also small functions ``factors -> antiderivative or None`` of an integrand whose
argument is exactly the variable of integration (``sin(u)``, ``sec(u)^2``, ``1/(1 + u^2)``),
in ``TABLE``. An argument a*x + b comes to them through the linear substitution
(``integration_methods``), so the table itself never needs a chain rule in reverse.

An integrand is looked at as a product: ``view`` splits it into a constant factor and a map
from each varying base to its exponent (``x*cos(x^2)`` is {x: 1, cos(x^2): 1};
``1/sqrt(1 - x^2)`` is {1 - x^2: -1/2}), so the rules match the forms people write (x^-2,
1/x^2, x^(-2)) alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from ..algebra.textbook import simplify
from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, E, Expr, Mul, Neg, Number, Pow, Sub, Symbol, number
from ..core.traversal import free_symbols

if TYPE_CHECKING:
    from .trace import Step

__all__ = [
    "RULES", "TABLE", "Factors", "IntegralRule", "Integrates", "build", "coefficients", "depends",
    "needless_abs_dropped", "positive", "tidy", "view",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class IntegralRule:
    """A named integration rule; ``formula`` is the law it applies."""

    id: str
    name: str
    formula: str


def _rules(*rows: tuple[str, str, str]) -> dict[str, IntegralRule]:
    return {f"integrate.{key}": IntegralRule(f"integrate.{key}", name, formula) for key, name, formula in rows}


RULES: dict[str, IntegralRule] = _rules(
    ("antiderivative", "Antiderivative", "∫f(x) dx = F(x) + C, where F'(x) = f(x)"),
    ("constant", "Constant Rule", "∫c dx = c*x"),
    ("power", "Power Rule", "∫u^n du = u^(n + 1)/(n + 1), n ≠ -1"),
    ("reciprocal", "Reciprocal Rule", "∫1/u du = ln(abs(u))"),
    ("constant_multiple", "Constant Multiple Rule", "∫c*f(x) dx = c*∫f(x) dx"),
    ("sum", "Sum and Difference Rule", "∫(f ± g) dx = ∫f dx ± ∫g dx"),
    ("exp", "Exponential Rule", "∫e^u du = e^u"),
    ("exponential", "Exponential Rule (base a)", "∫a^u du = a^u/ln(a), a > 0, a ≠ 1"),
    ("sin", "Sine Rule", "∫sin(u) du = -cos(u)"),
    ("cos", "Cosine Rule", "∫cos(u) du = sin(u)"),
    ("tan", "Tangent Rule", "∫tan(u) du = -ln(abs(cos(u)))"),
    ("cot", "Cotangent Rule", "∫cot(u) du = ln(abs(sin(u)))"),
    ("sec", "Secant Rule", "∫sec(u) du = ln(abs(sec(u) + tan(u)))"),
    ("csc", "Cosecant Rule", "∫csc(u) du = -ln(abs(csc(u) + cot(u)))"),
    ("sec2", "Secant Squared Rule", "∫sec(u)^2 du = tan(u)"),
    ("csc2", "Cosecant Squared Rule", "∫csc(u)^2 du = -cot(u)"),
    ("sec_tan", "Secant Tangent Rule", "∫sec(u)*tan(u) du = sec(u)"),
    ("csc_cot", "Cosecant Cotangent Rule", "∫csc(u)*cot(u) du = -csc(u)"),
    ("sinh", "Hyperbolic Sine Rule", "∫sinh(u) du = cosh(u)"),
    ("cosh", "Hyperbolic Cosine Rule", "∫cosh(u) du = sinh(u)"),
    ("atan", "Arctangent Rule", "∫1/(1 + u^2) du = atan(u)"),
    ("asin", "Arcsine Rule", "∫1/sqrt(1 - u^2) du = asin(u)"),
    ("linear_substitution", "Linear Substitution", "∫f(a*x + b) dx = (1/a)*∫f(u) du, u = a*x + b"),
    ("substitution", "Substitution", "∫f(g(x))*g'(x) dx = ∫f(u) du, u = g(x)"),
    ("parts", "Integration by Parts", "∫u dv = u*v - ∫v du"),
    ("parts_tabular", "Integration by Parts (tabular)", "∫u dv = u*v_1 - u'*v_2 + u''*v_3 - ..."),
    ("parts_twice", "Integration by Parts Twice", "I = ∫e^(a*x)*sin(b*x) dx: parts twice gives I again; solve for I"),
    ("expand", "Multiply Out", "write the integrand as a sum of terms"),
    ("partial_fractions", "Partial Fractions",
     "P(x)/Q(x) = polynomial + sum of A/(x - r)^k + (B*x + C)/(x^2 + p*x + q)^k"),
    ("quadratic", "Complete the Square", "∫(P*x + Q)/(A*x^2 + B*x + C) dx = P/(2*A)*ln(A*x^2 + B*x + C) "
     "+ (Q - P*B/(2*A))*2/sqrt(4*A*C - B^2)*atan((2*A*x + B)/sqrt(4*A*C - B^2))"),
    ("asin_quadratic", "Complete the Square (arcsine)",
     "∫1/sqrt(D - A*(x + h)^2) dx = asin(sqrt(A/D)*(x + h))/sqrt(A)"),
    ("trig_odd", "Odd Power of Sine or Cosine",
     "sin^2 = 1 - cos^2 (or cos^2 = 1 - sin^2), then u = cos(x) (or sin(x))"),
    ("half_angle", "Half-Angle Formulas", "sin(u)^2 = (1 - cos(2*u))/2, cos(u)^2 = (1 + cos(2*u))/2"),
    ("tan_squared", "Pythagorean Identity", "tan(u)^2 = sec(u)^2 - 1, cot(u)^2 = csc(u)^2 - 1"),
    ("simplify", "Simplify", "rewrite without changing the value"),
    ("check", "Check by Differentiating", "d/dx[F(x)] = f(x)"),
)

Factors = dict[Expr, Fraction]  # each varying base and its exponent


class Integrates(Protocol):
    """What a method needs of the search (``integration_engine.Integrator``)."""

    def integrate(self, f: Expr, v: Symbol, depth: int = 0) -> Step | None: ...

    def placeholder(self) -> Symbol: ...

    def step(self, rule: str, expr: Expr, v: Symbol, raw: Expr, substeps: tuple[Step, ...] = (),
             bindings: tuple[tuple[str, Expr], ...] = (), note: str = "", formula: str | None = None) -> Step: ...


def tidy(expr: Expr) -> Expr:
    """``expr`` simplified; as it is if the simplifier declines (an answer too large for it)."""
    try:
        return simplify(expr)
    except SymdiffError:
        return expr


def depends(expr: Expr, x: Symbol) -> bool:
    return x in free_symbols(expr)


def view(expr: Expr, x: Symbol) -> tuple[list[Expr], Factors] | None:
    """``expr`` as (constant factors, {varying base: exponent}); None for a form that is not a
    product of powers (a sum at the top). e^g and exp(g) are the base e^g with exponent 1."""
    constants: list[Expr] = []
    factors: Factors = {}
    stack: list[tuple[Expr, Fraction]] = [(expr, Fraction(1))]
    while stack:
        node, power = stack.pop()
        kind = type(node)
        if not depends(node, x):
            if node != Number(1):
                constants.append(node if power == 1 else Pow(node, number(power)))
        elif kind is Mul:
            stack.extend((factor, power) for factor in node.children)
        elif kind is Div:
            stack.append((node.children[0], power))
            stack.append((node.children[1], -power))
        elif kind is Neg:
            constants.append(Neg(Number(1)))
            stack.append((node.children[0], power))
        elif kind is Pow and _rational(node.children[1]) is not None:
            stack.append((node.children[0], power * _rational(node.children[1])))  # type: ignore[operator]
        elif kind is Call and node.name == "sqrt":  # type: ignore[attr-defined]
            stack.append((node.children[0], power / 2))
        elif kind is Call and node.name == "exp":  # type: ignore[attr-defined]
            base = Pow(E, node.children[0])
            factors[base] = factors.get(base, Fraction(0)) + power
        elif kind in (Add, Sub) and power == 1 and not factors and not stack and not constants:
            return None
        else:
            factors[node] = factors.get(node, Fraction(0)) + power
    return constants, {base: p for base, p in factors.items() if p}


def build(factors: Factors) -> Expr:
    """The product of the factors, as a person writes it: powers over the negative powers."""
    top: list[Expr] = []
    bottom: list[Expr] = []
    for base, p in factors.items():
        (top if p > 0 else bottom).append(_power(base, abs(p)))
    upper = _product(top) if top else Number(1)
    return Div(upper, _product(bottom)) if bottom else upper


def _power(base: Expr, p: Fraction) -> Expr:
    if p == 1:
        return base
    if p == Fraction(1, 2):
        return Call("sqrt", base)
    return Pow(base, number(p))


def _product(parts: list[Expr]) -> Expr:
    return parts[0] if len(parts) == 1 else Mul(*parts)


def _rational(expr: Expr) -> Fraction | None:
    """The value of a plain number: 3, -2, 1/2, -3/2."""
    kind = type(expr)
    if kind is Number:
        return Fraction(expr.value)  # type: ignore[attr-defined]
    if kind is Neg:
        inner = _rational(expr.children[0])
        return None if inner is None else -inner
    if kind is Div:
        top, bottom = _rational(expr.children[0]), _rational(expr.children[1])
        return None if top is None or not bottom else top / bottom
    return None


MAX_POLY_DEGREE = 12


def coefficients(expr: Expr, x: Symbol) -> list[Fraction] | None:
    """``expr`` as a polynomial in x with rational coefficients, constant term first, or None."""
    kind = type(expr)
    if expr == x:
        return [Fraction(0), Fraction(1)]
    value = _rational(expr)
    if value is not None:
        return [value]
    if kind in (Add, Sub, Mul, Neg):
        parts = [coefficients(child, x) for child in expr.children]
        if any(part is None for part in parts):
            return None
        if kind is Neg:
            return [-c for c in parts[0]]  # type: ignore[index]
        if kind is Mul:
            out = [Fraction(1)]
            for part in parts:
                out = _times(out, part)  # type: ignore[arg-type]
                if len(out) > MAX_POLY_DEGREE + 1:
                    return None
            return out
        sign = -1 if kind is Sub else 1
        size = max(len(part) for part in parts)  # type: ignore[arg-type]
        out = [Fraction(0)] * size
        for i, part in enumerate(parts):
            for j, c in enumerate(part):  # type: ignore[arg-type]
                out[j] += c if i == 0 or kind is Add else sign * c
        return out
    if kind is Div:
        bottom = _rational(expr.children[1])
        top = coefficients(expr.children[0], x)
        return None if top is None or not bottom else [c / bottom for c in top]
    if kind is Pow:
        n = _rational(expr.children[1])
        if n is None or n.denominator != 1 or not 0 <= n <= MAX_POLY_DEGREE:
            return None
        base = coefficients(expr.children[0], x)
        if base is None:
            return None
        out = [Fraction(1)]
        for _ in range(int(n)):
            out = _times(out, base)
            if len(out) > MAX_POLY_DEGREE + 1:
                return None
        return out
    return None


def _times(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            out[i + j] += p * q
    while len(out) > 1 and not out[-1]:
        out.pop()
    return out


def positive(expr: Expr, x: Symbol) -> bool:
    """Whether ``expr`` is positive for every real x (so ln needs no absolute value): e^g,
    cosh(g), a quadratic with no real root and a positive leading coefficient, or a
    polynomial in even powers with nonnegative coefficients and a positive constant term."""
    if (type(expr) is Pow and expr.children[0] == E) or (type(expr) is Call and expr.name in ("exp", "cosh")):  # type: ignore[attr-defined]
        return True
    c = coefficients(expr, x)
    if c is None:
        return False
    if len(c) == 3:
        return c[2] > 0 and c[1] * c[1] - 4 * c[2] * c[0] < 0
    return c[0] > 0 and all(v >= 0 and (i % 2 == 0 or v == 0) for i, v in enumerate(c))


# --- the table: integrand factors in u -> antiderivative ----------------------------------------------


def _call(name: str) -> Callable[[Expr], Expr]:
    return lambda u: Call(name, u)


def _ln_abs(inner: Expr) -> Expr:
    return Call("ln", Call("abs", inner))


def _power_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫u^n du = u^(n + 1)/(n + 1), n ≠ -1"""
    if len(f) == 1 and u in f and f[u] != -1:
        n1 = f[u] + 1
        return Div(_power(u, n1), number(n1)) if n1 != 1 else u
    return None


def _reciprocal_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫1/u du = ln(abs(u))"""
    return _ln_abs(u) if f == {u: -1} else None


def _exp_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫e^u du = e^u"""
    return Pow(E, u) if f == {Pow(E, u): 1} else None


def _exponential_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫a^u du = a^u/ln(a), a > 0 and a ≠ 1 a number"""
    if len(f) != 1:
        return None
    ((base, p),) = f.items()
    if p != 1 or type(base) is not Pow or base.children[1] != u or base.children[0] == E:
        return None
    a = base.children[0]
    if depends(a, u) or free_symbols(a) or not _positive_not_one(a):
        return None
    return Div(base, Call("ln", a))


def _positive_not_one(a: Expr) -> bool:
    try:
        value = a.evaluate()
    except (ValueError, ArithmeticError):
        return False
    return value > 0 and abs(value - 1) > 1e-12


def _single(name: str, power: int, result: Callable[[Expr], Expr]) -> Callable[[Factors, Symbol], Expr | None]:
    def rule(f: Factors, u: Symbol) -> Expr | None:
        return result(u) if f == {Call(name, u): power} else None
    return rule


def _pair(first: str, second: str, result: Callable[[Expr], Expr]) -> Callable[[Factors, Symbol], Expr | None]:
    def rule(f: Factors, u: Symbol) -> Expr | None:
        return result(u) if f == {Call(first, u): 1, Call(second, u): 1} else None
    return rule


def _atan_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫1/(1 + u^2) du = atan(u)"""
    if len(f) == 1:
        ((base, p),) = f.items()
        if p == -1 and coefficients(base, u) == [1, 0, 1]:
            return Call("atan", u)
    return None


def _asin_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫1/sqrt(1 - u^2) du = asin(u)"""
    if len(f) == 1:
        ((base, p),) = f.items()
        if p == Fraction(-1, 2) and coefficients(base, u) == [1, 0, -1]:
            return Call("asin", u)
    return None


def _neg(make: Callable[[Expr], Expr]) -> Callable[[Expr], Expr]:
    return lambda u: Neg(make(u))


# id -> the rule's function; tried in this order on an integrand in u alone.
TABLE: dict[str, Callable[[Factors, Symbol], Expr | None]] = {
    "integrate.power": _power_rule,
    "integrate.reciprocal": _reciprocal_rule,
    "integrate.exp": _exp_rule,
    "integrate.exponential": _exponential_rule,
    "integrate.sin": _single("sin", 1, _neg(_call("cos"))),
    "integrate.cos": _single("cos", 1, _call("sin")),
    "integrate.tan": _single("tan", 1, lambda u: Neg(_ln_abs(Call("cos", u)))),
    "integrate.cot": _single("cot", 1, lambda u: _ln_abs(Call("sin", u))),
    "integrate.sec": _single("sec", 1, lambda u: _ln_abs(Add(Call("sec", u), Call("tan", u)))),
    "integrate.csc": _single("csc", 1, lambda u: Neg(_ln_abs(Add(Call("csc", u), Call("cot", u))))),
    "integrate.sec2": _single("sec", 2, _call("tan")),
    "integrate.csc2": _single("csc", 2, _neg(_call("cot"))),
    "integrate.sec_tan": _pair("sec", "tan", _call("sec")),
    "integrate.csc_cot": _pair("csc", "cot", _neg(_call("csc"))),
    "integrate.sinh": _single("sinh", 1, _call("cosh")),
    "integrate.cosh": _single("cosh", 1, _call("sinh")),
    "integrate.atan": _atan_rule,
    "integrate.asin": _asin_rule,
}


def needless_abs_dropped(expr: Expr, x: Symbol) -> Expr:
    """ln(abs(w)) written ln(w) where w is positive for every real x (``positive``): ln(x^2 + 1)."""
    from ..core.traversal import fold

    def rewrite(node: Expr, children: list[Expr]) -> Expr:
        if type(node) is Call and node.name == "ln":  # type: ignore[attr-defined]
            inner = children[0]
            if type(inner) is Call and inner.name == "abs" and positive(inner.children[0], x):  # type: ignore[attr-defined]
                return Call("ln", inner.children[0])
        if all(a is b for a, b in zip(children, node.children, strict=True)):
            return node
        return node.with_children(tuple(children))

    return fold(expr, rewrite, {})
