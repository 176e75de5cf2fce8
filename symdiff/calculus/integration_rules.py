"""The integration rules by name, and how the rules look at an integrand.

Each rule is a record (id, name, formula) in ``RULES``; the table of elementary integrals
(``integration_table``) and the methods (``integration_methods``) refer to them by id.

An integrand is looked at as a product: ``view`` splits it into a constant factor and a map
from each varying base to its exponent (``x*cos(x^2)`` is {x: 1, cos(x^2): 1};
``1/sqrt(1 - x^2)`` is {1 - x^2: -1/2}), so the rules match the forms people write (x^-2,
1/x^2, x^(-2)) alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..core.errors import SymdiffError
from ..core.evaluate import evaluate
from ..core.expr import Add, Call, Constant, Div, E, Expr, Log, Mul, Neg, Number, Pow, Sub, Symbol, number
from ..core.traversal import fold, free_symbols, rebuilt
from .integration_session import current

T = TypeVar("T")

if TYPE_CHECKING:
    from .trace import Step

__all__ = [
    "RULES", "Factors", "IntegralRule", "Integrates", "build", "coefficients", "depends", "needless_abs_dropped",
    "positive", "power_of", "spelled", "view",
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
    ("constant_power", "Power Rule", "∫u^c du = u^(c + 1)/(c + 1), c ≠ -1 a constant"),
    ("reciprocal", "Reciprocal Rule", "∫1/u du = ln(abs(u))"),
    ("constant_multiple", "Constant Multiple Rule", "∫c*f(x) dx = c*∫f(x) dx"),
    ("sum", "Sum and Difference Rule", "∫(f ± g) dx = ∫f dx ± ∫g dx"),
    ("exp", "Exponential Rule", "∫e^u du = e^u"),
    ("exponential", "Exponential Rule (base a)", "∫a^u du = a^u/ln(a), a > 0, a ≠ 1"),
    ("exponentials", "Product of Exponentials", "∫a^u*b^u du = (a*b)^u/ln(a*b), a, b > 0, a*b ≠ 1"),
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
    ("tanh", "Hyperbolic Tangent Rule", "∫tanh(u) du = ln(cosh(u))"),
    ("coth", "Hyperbolic Cotangent Rule", "∫coth(u) du = ln(abs(sinh(u)))"),
    ("sech", "Hyperbolic Secant Rule", "∫sech(u) du = atan(sinh(u))"),
    ("csch", "Hyperbolic Cosecant Rule", "∫csch(u) du = ln(abs(tanh(u/2)))"),
    ("sech2", "Hyperbolic Secant Squared Rule", "∫sech(u)^2 du = tanh(u)"),
    ("csch2", "Hyperbolic Cosecant Squared Rule", "∫csch(u)^2 du = -coth(u)"),
    ("sech_tanh", "Hyperbolic Secant Tangent Rule", "∫sech(u)*tanh(u) du = -sech(u)"),
    ("csch_coth", "Hyperbolic Cosecant Cotangent Rule", "∫csch(u)*coth(u) du = -csch(u)"),
    ("abs", "Absolute Value Rule", "∫abs(u) du = u*abs(u)/2"),
    ("sigmoid", "Sigmoid Rule", "∫sigmoid(u) du = softplus(u)"),
    ("relu", "ReLU Rule", "∫relu(u) du = u*relu(u)/2"),
    ("cbrt", "Cube Root Rule", "∫cbrt(u) du = 3*u*cbrt(u)/4"),
    ("power_abs", "Power Times Absolute Value", "∫u^n*abs(u) du = u^(n + 1)*abs(u)/(n + 2), n ≥ -1 whole"),
    ("asec", "Inverse Secant Rule", "∫1/(u*sqrt(u^2 - a^2)) du = asec(abs(u)/a)/a, a > 0"),
    ("atan", "Arctangent Rule", "∫1/(1 + u^2) du = atan(u)"),
    ("asinh", "Inverse Hyperbolic Sine Rule", "∫1/sqrt(u^2 + 1) du = asinh(u)"),
    ("acosh", "Inverse Hyperbolic Cosine Rule", "∫1/sqrt(u^2 - 1) du = ln(abs(u + sqrt(u^2 - 1)))"),
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
    ("quadratic_reduction", "Reduction Formula for a Power of a Quadratic",
     "∫1/q^n dx = (2*A*x + B)/((n - 1)*D*q^(n - 1)) + 2*(2*n - 3)*A/((n - 1)*D)*∫1/q^(n - 1) dx, "
     "q = A*x^2 + B*x + C, D = 4*A*C - B^2 > 0"),
    ("quadratic_numerator", "Split the Numerator",
     "(P*x + Q)/q^n = P/(2*A)*(2*A*x + B)/q^n + (Q - P*B/(2*A))/q^n, q = A*x^2 + B*x + C"),
    ("asin_quadratic", "Complete the Square (arcsine)",
     "∫1/sqrt(D - A*(x + h)^2) dx = asin(sqrt(A/D)*(x + h))/sqrt(A), A > 0, D > 0"),
    ("root_quadratic_asin", "Complete the Square (root, arcsine)",
     "∫sqrt(D - a*(x + h)^2) dx = (x + h)*sqrt(D - a*(x + h)^2)/2 + D/(2*sqrt(a))*asin(sqrt(a/D)*(x + h)), "
     "a > 0, D > 0"),
    ("root_quadratic_asinh", "Complete the Square (root, inverse hyperbolic sine)",
     "∫sqrt(a*(x + h)^2 + D) dx = (x + h)*sqrt(a*(x + h)^2 + D)/2 + D/(2*sqrt(a))*asinh(sqrt(a/D)*(x + h)), "
     "a > 0, D > 0"),
    ("root_quadratic_ln", "Complete the Square (root, logarithm)",
     "∫sqrt(a*(x + h)^2 - D) dx = (x + h)*sqrt(a*(x + h)^2 - D)/2 "
     "- D/(2*sqrt(a))*ln(abs(sqrt(a)*(x + h) + sqrt(a*(x + h)^2 - D))), a > 0, D > 0"),
    ("root_quadratic_abs", "Complete the Square (root of a square)",
     "∫sqrt(a*(x + h)^2) dx = sqrt(a)*(x + h)*abs(x + h)/2, a > 0"),
    ("trig_odd", "Odd Power of Sine or Cosine",
     "sin^2 = 1 - cos^2 (or cos^2 = 1 - sin^2), then u = cos(x) (or sin(x))"),
    ("half_angle", "Half-Angle Formulas", "sin(u)^2 = (1 - cos(2*u))/2, cos(u)^2 = (1 + cos(2*u))/2"),
    ("hyperbolic_odd", "Odd Power of sinh or cosh",
     "cosh^2 = 1 + sinh^2 (or sinh^2 = cosh^2 - 1), then u = sinh(x) (or cosh(x))"),
    ("hyperbolic_half", "Half-Argument Formulas for sinh and cosh",
     "sinh(u)^2 = (cosh(2*u) - 1)/2, cosh(u)^2 = (cosh(2*u) + 1)/2"),
    ("hyperbolic_exponentials", "Write sinh and cosh with Exponentials",
     "sinh(u) = (e^u - e^(-u))/2, cosh(u) = (e^u + e^(-u))/2"),
    ("tan_reduction", "Reduce a Power of Tangent", "tan(u)^m = tan(u)^(m - 2)*sec(u)^2 - tan(u)^(m - 2)"),
    ("hyperbolic_reduction", "Reduce a Power of tanh or coth",
     "tanh(u)^2 = 1 - sech(u)^2, coth(u)^2 = 1 + csch(u)^2, "
     "tanh(u)^m = tanh(u)^(m - 2) - tanh(u)^(m - 2)*(1 - tanh(u)^2), "
     "coth(u)^m = coth(u)^(m - 2) + coth(u)^(m - 2)*csch(u)^2"),
    ("tan_sec", "Powers of Tangent and Secant",
     "even power of sec: u = tan(x), sec^2 = 1 + u^2; odd power of tan: u = sec(x), tan^2 = u^2 - 1"),
    ("sec_reduction", "Reduction Formula for Secant",
     "∫sec(u)^n du = sec(u)^(n - 2)*tan(u)/(n - 1) + (n - 2)/(n - 1)*∫sec(u)^(n - 2) du"),
    ("product_to_sum", "Product-to-Sum Formulas",
     "sin(A)*cos(B) = (sin(A + B) + sin(A - B))/2, sin(A)*sin(B) = (cos(A - B) - cos(A + B))/2, "
     "cos(A)*cos(B) = (cos(A - B) + cos(A + B))/2"),
    ("simplify", "Simplify", "rewrite without changing the value"),
    ("check", "Check by Differentiating", "d/dx[F(x)] = f(x)"),
)

Factors = dict[Expr, Fraction]  # each varying base and its exponent
# 1/cos(x)^2 is sec(x)^2: the same value wherever either is defined
RECIPROCALS = {"sin": "csc", "cos": "sec", "tan": "cot", "csc": "sin", "sec": "cos", "cot": "tan",
               "sinh": "csch", "cosh": "sech", "tanh": "coth", "csch": "sinh", "sech": "cosh", "coth": "tanh"}


class Integrates(Protocol):
    """What a method needs of the search (``integration_engine.Integrator``)."""

    def integrate(self, f: Expr, v: Symbol, depth: int = 0) -> Step | None: ...

    def placeholder(self, f: Expr, v: Symbol) -> Symbol: ...

    def met_bound(self, bound: str) -> None: ...

    def afford(self, kind: str, most: int, bound: str) -> bool: ...

    def once(self, find: Callable[[Expr, Symbol], T], f: Expr, v: Symbol) -> T: ...

    def step(self, rule: str, expr: Expr, v: Symbol, raw: Expr, substeps: tuple[Step, ...] = (),
             bindings: tuple[tuple[str, Expr], ...] = (), note: str = "", formula: str | None = None) -> Step: ...


def depends(expr: Expr, x: Symbol) -> bool:
    if not expr.children:
        return expr == x
    session = current()
    if session is None:
        return x in free_symbols(expr)
    found = session.symbols.get(expr)
    if found is None:
        found = session.symbols[expr] = free_symbols(expr)
    return x in found


def view(expr: Expr, x: Symbol) -> tuple[list[Expr], Factors] | None:
    """``expr`` as (constant factors, {varying base: exponent}); None for a form that is not a
    product of powers (a sum at the top). e^g and exp(g) are the base e^g with exponent 1.
    The parts are shared (the view is made once per integrand): read them, never change them."""
    return _per_search("views", _view, expr, x)


def _per_search(table: str, find: Callable[[Expr, Symbol], T], expr: Expr, x: Symbol) -> T:
    """``find(expr, x)``, found once per search (``simplifying``) in the session's ``table``."""
    session = current()
    if session is None:
        return find(expr, x)
    memo: dict[tuple[Expr, Symbol], T] = getattr(session, table)
    key = (expr, x)
    if key in memo:
        return memo[key]
    found = memo[key] = find(expr, x)
    return found


# Made once: a view is asked of every integrand, and a node costs more to make than to compare.
_ONE, _MINUS_ONE, _UNIT = Number(1), Neg(Number(1)), Fraction(1)


def _view(expr: Expr, x: Symbol) -> tuple[list[Expr], Factors] | None:
    constants: list[Expr] = []
    factors: Factors = {}
    stack: list[tuple[Expr, Fraction]] = [(expr, _UNIT)]
    while stack:
        node, power = stack.pop()
        kind = type(node)
        if not depends(node, x):
            if node != _ONE:
                constants.append(node if power == 1 else Pow(node, number(power)))
        elif kind is Mul and _splits(node.children, power, x):
            stack.extend((factor, power) for factor in node.children)
        elif kind is Div and _splits(node.children, power, x):
            stack.append((node.children[0], power))
            stack.append((node.children[1], -power))
        elif kind is Neg and power.denominator == 1:  # (-u)^n = (-1)^n*u^n; sqrt(-x) is no -sqrt(x)
            if power.numerator % 2:
                constants.append(_MINUS_ONE)
            stack.append((node.children[0], power))
        elif kind is Pow and (exponent := _rational(node.children[1])) is not None and (
                power.denominator == 1 or exponent.denominator != 1 or exponent.numerator % 2):
            # (u^a)^p = u^(a*p) where u^a is defined, but for a whole power p, or u^a's own
            # root (u >= 0), or an odd a: (x^2)^(1/2) is |x|, not x.
            stack.append((node.children[0], power * exponent))
        elif kind is Call and node.name == "sqrt":  # type: ignore[attr-defined]
            stack.append((node.children[0], power / 2))
        elif kind is Call and node.name == "exp":  # type: ignore[attr-defined]
            base = Pow(E, node.children[0])
            factors[base] = factors.get(base, Fraction(0)) + power
        elif kind is Call and power < 0 and node.name in RECIPROCALS:  # type: ignore[attr-defined]
            stack.append((Call(RECIPROCALS[node.name], node.children[0]), -power))  # type: ignore[attr-defined]
        elif kind is Log and not depends(node.children[1], x):  # log_b(u) = ln(u)/ln(b)
            constants.append(Pow(Call("ln", node.children[1]), number(-power)))
            stack.append((Call("ln", node.children[0]), power))
        elif kind in (Add, Sub) and power == 1 and not factors and not stack and not constants:
            return None
        else:
            factors[node] = factors.get(node, Fraction(0)) + power
    return constants, {base: p for base, p in factors.items() if p}


def _splits(parts: tuple[Expr, ...], power: Fraction, x: Symbol) -> bool:
    """Whether (u*v)^p = u^p*v^p (and (u/v)^p = u^p/v^p) for these parts: always for a whole p;
    for a root, when at most one part varies and the constant ones are positive numbers
    (sqrt(4*x) = 2*sqrt(x), but sqrt(-2*x) is no sqrt(-2)*sqrt(x), and sqrt(x*(x + 1)) is
    real for x <= -1 where sqrt(x)*sqrt(x + 1) is not)."""
    if power.denominator == 1:
        return True
    varying = 0
    for part in parts:
        if depends(part, x):
            varying += 1
        elif not _positive_constant(part):
            return False
    return varying <= 1


def _positive_constant(expr: Expr) -> bool:
    value = constant_value(expr)
    return value is not None and value > 0


def constant_value(expr: Expr) -> Fraction | float | None:
    """A constant's value: exact where it is a plain number (6e-386 is 0.0 as a float, yet
    positive), else its float; None where it has none."""
    exact = _rational(expr)
    if exact is not None:
        return exact
    try:
        return evaluate(expr)
    except (SymdiffError, ValueError, ArithmeticError):
        return None


def spelled(expr: Expr) -> Expr:
    """``expr`` with e^u written exp(u) where the question writes the exponential so: the
    rational algebra (cancelling f/g') writes e^u, whichever way it was given."""
    session = current()
    if session is None or session.simplifier.exponential != "exp":
        return expr
    return fold(expr, _exp_written, {})


def _exp_written(node: Expr, kids: list[Expr]) -> Expr:
    if type(node) is Pow and kids[0] == E:
        return Call("exp", kids[1])
    return rebuilt(node, kids)


def build(factors: Factors) -> Expr:
    """The product of the factors, as a person writes it: powers over the negative powers, and
    e^u as exp(u) where the question writes the exponential so (``view`` reads both as e^u)."""
    session = current()
    exp_written = session is not None and session.simplifier.exponential == "exp"
    top: list[Expr] = []
    bottom: list[Expr] = []
    for base, p in factors.items():
        if exp_written and type(base) is Pow and base.children[0] == E:
            base = Call("exp", base.children[1])
        (top if p > 0 else bottom).append(power_of(base, abs(p)))
    upper = _product(top) if top else _ONE
    return Div(upper, _product(bottom)) if bottom else upper


def power_of(base: Expr, p: Fraction) -> Expr:
    """base^p as written: base, sqrt(base), base^p."""
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
    """``expr`` as a polynomial in x with rational coefficients, constant term first, or None.
    Inside ``simplifying``, found once per (expr, x): the list is shared, never change it."""
    return _per_search("polynomials", _coefficients, expr, x)


def _coefficients(expr: Expr, x: Symbol) -> list[Fraction] | None:
    kind = type(expr)
    if expr == x:
        return [Fraction(0), Fraction(1)]
    value = _rational(expr)
    if value is not None:
        return [value]
    if kind in (Add, Sub, Mul, Neg):
        parts = []
        for child in expr.children:  # the first part that is no polynomial settles it
            part = coefficients(child, x)
            if part is None:
                return None
            parts.append(part)
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
        if not bottom:
            return None
        top = coefficients(expr.children[0], x)
        return None if top is None else [c / bottom for c in top]
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
    if _sign_everywhere(expr) == _POSITIVE:  # e^(-x) + 1, 2 + x^2*e^x, cosh(x)*sigmoid(x)
        return True
    c = coefficients(expr, x)
    if c is None:
        return False
    if len(c) == 3:
        return c[2] > 0 and c[1] * c[1] - 4 * c[2] * c[0] < 0
    return c[0] > 0 and all(v >= 0 and (i % 2 == 0 or v == 0) for i, v in enumerate(c))


_POSITIVE, _NONNEGATIVE = 2, 1
_DEEPEST = 40
_ALWAYS_POSITIVE = frozenset({"exp", "cosh", "sech", "sigmoid", "softplus"})


def _sign_everywhere(expr: Expr, depth: int = 0) -> int:
    """``_POSITIVE`` when ``expr`` is positive wherever it has a value, ``_NONNEGATIVE`` when it
    is at least 0 there, else 0 (not known): sums and products of e^g, cosh, even powers and
    positive numbers. Looked into at most ``_DEEPEST`` levels (then: not known)."""
    kind = type(expr)
    if depth > _DEEPEST:
        return 0
    if kind is Number:
        value = expr.value  # type: ignore[attr-defined]
        return _POSITIVE if value > 0 else _NONNEGATIVE if value == 0 else 0
    if kind is Constant:
        return _POSITIVE  # e, pi
    if kind is Call:
        name = expr.name  # type: ignore[attr-defined]
        return _POSITIVE if name in _ALWAYS_POSITIVE else _NONNEGATIVE if name in ("abs", "sqrt") else 0
    if kind is Pow:
        base, exponent = expr.children
        if base == E:
            return _POSITIVE
        sign = _sign_everywhere(base, depth + 1)
        if type(exponent) is Number and isinstance(exponent.value, int) and exponent.value % 2 == 0:  # type: ignore[attr-defined]
            return max(sign, _NONNEGATIVE)  # u^2 >= 0, and > 0 where u > 0
        return sign if sign == _POSITIVE else 0
    if kind in (Add, Mul, Div):
        signs = [_sign_everywhere(child, depth + 1) for child in expr.children]
        if 0 in signs:
            return 0
        if kind is Add:
            return _POSITIVE if _POSITIVE in signs else _NONNEGATIVE
        return _POSITIVE if all(sign == _POSITIVE for sign in signs) else _NONNEGATIVE
    return 0


def needless_abs_dropped(expr: Expr, x: Symbol) -> Expr:
    """ln(abs(w)) written ln(w) where w is positive for every real x (``positive``): ln(x^2 + 1)."""
    from ..core.traversal import fold

    if not _has_ln_abs(expr):
        return expr  # most results (and ln(abs(u)) for a variable u, never positive): a look

    def rewrite(node: Expr, children: list[Expr]) -> Expr:
        if type(node) is Call and node.name == "ln":  # type: ignore[attr-defined]
            inner = children[0]
            if type(inner) is Call and inner.name == "abs" and positive(inner.children[0], x):  # type: ignore[attr-defined]
                return Call("ln", inner.children[0])
        if all(a is b for a, b in zip(children, node.children, strict=True)):
            return node
        return node.with_children(tuple(children))

    return fold(expr, rewrite, {})


def _has_ln_abs(expr: Expr) -> bool:
    """Whether ``expr`` has an ln(abs(w)) that ``positive`` may take the abs out of: w not a
    lone symbol (``positive`` of a symbol is False, so the walk would give ``expr`` back)."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if type(node) is Call and node.name == "ln" and type(node.children[0]) is Call \
                and node.children[0].name == "abs" \
                and type(node.children[0].children[0]) is not Symbol:  # type: ignore[attr-defined]
            return True
        stack.extend(node.children)
    return False
