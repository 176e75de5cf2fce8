"""The table of elementary integrals: one small function per rule, its formula in its docstring.

Each is ``factors -> antiderivative or None`` for an integrand whose argument is exactly the
variable of integration (``sin(u)``, ``sec(u)^2``, ``1/(1 + u^2)``), seen as a product of
powers (``integration_rules.view``). An argument a*x + b comes to them through the linear
substitution (``integration_methods``), so the table never needs a chain rule in reverse.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from ..core.expr import Add, Call, Div, E, Expr, Mul, Neg, Number, Pow, Sub, Symbol, number
from ..core.traversal import free_symbols
from .integration_rules import Factors, _rational, coefficients, constant_value, depends, power_of

__all__ = ["TABLE", "rules_for"]


def _call(name: str) -> Callable[[Expr], Expr]:
    return lambda u: Call(name, u)


def _ln_abs(inner: Expr) -> Expr:
    return Call("ln", Call("abs", inner))


def _power_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫u^n du = u^(n + 1)/(n + 1), n ≠ -1"""
    if len(f) == 1 and u in f and f[u] != -1:
        n1 = f[u] + 1
        return Div(power_of(u, n1), number(n1)) if n1 != 1 else u
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


def _exponentials_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫a^u*b^u du = (a*b)^u/ln(a*b), a, b > 0 constants with a*b ≠ 1 (5^u*3^u, e^u*2^u)"""
    if len(f) != 2 or any(p != 1 for p in f.values()):
        return None
    powers = list(f)
    if any(type(power) is not Pow or power.children[1] != u for power in powers):
        return None
    bases = [power.children[0] for power in powers]
    rationals = [_rational(base) for base in bases]
    if None not in rationals:
        a, b = rationals
        if a <= 0 or b <= 0 or a * b == 1:  # type: ignore[operator]
            return None
        product = number(a * b)  # type: ignore[operator]
        return Div(Pow(product, u), Call("ln", product))
    # e^u*2^u: a constant that is no rational number is kept as a power of its own
    if any(free_symbols(base) for base in bases) or not _positive_not_one(Mul(*bases)) or \
            not all(_positive(base) for base in bases):
        return None
    return Div(Mul(*powers), Add(*(Call("ln", base) for base in bases)))  # ln(2) + 1 for ln(2*e)


def _positive(a: Expr) -> bool:
    try:
        return a.evaluate() > 0
    except (ValueError, ArithmeticError):
        return False


def _constant_power_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫u^c du = u^(c + 1)/(c + 1) for a constant c ≠ -1 that is no plain number (x^e, x^pi)"""
    if len(f) != 1:
        return None
    ((base, p),) = f.items()
    if p != 1 or type(base) is not Pow or base.children[0] != u:
        return None
    c = base.children[1]
    if free_symbols(c):
        return None  # x^n: n may be -1
    try:
        value = c.evaluate()
    except (ValueError, ArithmeticError):
        return None
    if abs(value + 1) < 1e-12:
        return None
    return Div(Pow(u, Add(c, 1)), Add(c, 1))


def _positive_not_one(a: Expr) -> bool:
    value = constant_value(a)
    if value is None or value <= 0:
        return False
    return value != 1 if type(value) is not float else abs(value - 1) > 1e-12  # a float near 1 may be 1


def _single(name: str, power: int, result: Callable[[Expr], Expr]) -> Callable[[Factors, Symbol], Expr | None]:
    def rule(f: Factors, u: Symbol) -> Expr | None:
        # f == {name(u): power}, asked without building name(u): the table is tried often
        if len(f) != 1:
            return None
        ((base, p),) = f.items()
        return result(u) if p == power and _is_call(base, name, u) else None
    _SINGLE[rule] = name
    return rule


_SINGLE: dict[Callable[[Factors, Symbol], Expr | None], str] = {}  # a rule for one function of u -> its name


def _pair(first: str, second: str, result: Callable[[Expr], Expr]) -> Callable[[Factors, Symbol], Expr | None]:
    def rule(f: Factors, u: Symbol) -> Expr | None:
        # f == {first(u): 1, second(u): 1}
        if len(f) != 2 or any(p != 1 for p in f.values()):
            return None
        a, b = f
        return result(u) if (_is_call(a, first, u) and _is_call(b, second, u)) or \
            (_is_call(a, second, u) and _is_call(b, first, u)) else None
    _TWO_FACTORS.add(rule)
    return rule


_TWO_FACTORS: set[Callable[[Factors, Symbol], Expr | None]] = set()  # rules that match two factors only


def _is_call(base: Expr, name: str, u: Symbol) -> bool:
    return type(base) is Call and base.name == name and base.children[0] == u  # type: ignore[attr-defined]


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


def _power_abs_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫u^n*abs(u) du = u^(n + 1)*abs(u)/(n + 2), n ≥ -1 whole (n = 0 is the absolute value rule)"""
    if len(f) != 2 or f.get(Call("abs", u)) != 1 or u not in f:
        return None
    n = f[u]
    if n.denominator != 1 or n < -1 or n == 0:
        return None
    raised = power_of(u, n + 1)
    shown = Call("abs", u) if n == -1 else Mul(raised, Call("abs", u))
    return shown if n + 2 == 1 else Div(shown, number(n + 2))


def _asec_rule(f: Factors, u: Symbol) -> Expr | None:
    """∫1/(u*sqrt(u^2 - a^2)) du = asec(abs(u)/a)/a, a > 0 (on u < -a and on u > a alike)"""
    if len(f) != 2 or f.get(u) != -1:
        return None
    ((base, p),) = ((b, q) for b, q in f.items() if b != u)
    if p != Fraction(-1, 2):
        return None
    c = coefficients(base, u)
    if c is None or len(c) != 3 or c[1] or c[2] != 1 or c[0] >= 0:
        return None
    square = -c[0]
    root = _exact_root(square)
    a = number(root) if root is not None else Call("sqrt", number(square))
    if root == 1:
        return Call("asec", Call("abs", u))
    return Div(Call("asec", Div(Call("abs", u), a)), a)


def _exact_root(value: Fraction) -> Fraction | None:
    """sqrt(value) when it is rational (4, 9/4), else None."""
    top, bottom = math.isqrt(value.numerator), math.isqrt(value.denominator)
    return Fraction(top, bottom) if top * top == value.numerator and bottom * bottom == value.denominator else None


def _root_rule(constant: int, make: Callable[[Expr], Expr]) -> Callable[[Factors, Symbol], Expr | None]:
    def rule(f: Factors, u: Symbol) -> Expr | None:
        if len(f) == 1:
            ((base, p),) = f.items()
            if p == Fraction(-1, 2) and coefficients(base, u) == [constant, 0, 1]:
                return make(u)
        return None
    return rule


def _neg(make: Callable[[Expr], Expr]) -> Callable[[Expr], Expr]:
    return lambda u: Neg(make(u))


# id -> the rule's function; tried in this order on an integrand in u alone.
TABLE: dict[str, Callable[[Factors, Symbol], Expr | None]] = {
    "integrate.power": _power_rule,
    "integrate.reciprocal": _reciprocal_rule,
    "integrate.exp": _exp_rule,
    "integrate.exponential": _exponential_rule,
    "integrate.exponentials": _exponentials_rule,
    "integrate.constant_power": _constant_power_rule,
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
    "integrate.tanh": _single("tanh", 1, lambda u: Call("ln", Call("cosh", u))),
    "integrate.coth": _single("coth", 1, lambda u: _ln_abs(Call("sinh", u))),
    "integrate.sech": _single("sech", 1, lambda u: Call("atan", Call("sinh", u))),
    "integrate.csch": _single("csch", 1, lambda u: _ln_abs(Call("tanh", Div(u, Number(2))))),
    "integrate.sech2": _single("sech", 2, _call("tanh")),
    "integrate.csch2": _single("csch", 2, _neg(_call("coth"))),
    "integrate.sech_tanh": _pair("sech", "tanh", _neg(_call("sech"))),
    "integrate.csch_coth": _pair("csch", "coth", _neg(_call("csch"))),
    "integrate.abs": _single("abs", 1, lambda u: Div(Mul(u, Call("abs", u)), 2)),
    # softplus(u) = ln(1 + e^u), whose derivative is sigmoid(u): the pair of an ML course.
    "integrate.sigmoid": _single("sigmoid", 1, _call("softplus")),
    # u*relu(u)/2 is 0 for u <= 0 and u^2/2 above: continuous, with derivative relu(u) everywhere.
    "integrate.relu": _single("relu", 1, lambda u: Div(Mul(u, Call("relu", u)), 2)),
    # The real cube root, defined for u < 0 too (x^(1/3) is not): 3*u*cbrt(u)/4 everywhere.
    "integrate.cbrt": _single("cbrt", 1, lambda u: Div(Mul(number(3), u, Call("cbrt", u)), number(4))),
    "integrate.power_abs": _power_abs_rule,
    "integrate.asec": _asec_rule,
    "integrate.atan": _atan_rule,
    "integrate.asin": _asin_rule,
    "integrate.asinh": _root_rule(1, _call("asinh")),
    "integrate.acosh": _root_rule(-1, lambda u: _ln_abs(Add(u, Call("sqrt", Sub(Pow(u, 2), 1))))),
}

_TWO_FACTORS.update((_exponentials_rule, _power_abs_rule, _asec_rule))
_Rules = tuple[tuple[str, Callable[[Factors, Symbol], Expr | None]], ...]
# Every other rule matches one factor only, and a rule for one function of u only that function:
# the rules that can match, by the number of factors and the function, in the table's order.
_ONE: _Rules = tuple((rule, match) for rule, match in TABLE.items()
                     if match not in _TWO_FACTORS and match not in _SINGLE)
_TWO: _Rules = tuple((rule, match) for rule, match in TABLE.items() if match in _TWO_FACTORS)
_BY_FUNCTION: dict[str, _Rules] = {
    name: tuple((rule, match) for rule, match in TABLE.items()
                if match not in _TWO_FACTORS and _SINGLE.get(match, name) == name)
    for name in set(_SINGLE.values())
}


def rules_for(f: Factors) -> _Rules:
    """The table's rules that can match the factors ``f``, in the table's order: trying only
    these finds the same rule as trying them all (the others decline on the count of factors or
    on the function's name before anything else)."""
    if len(f) == 2:
        return _TWO
    if len(f) != 1:
        return ()
    base = next(iter(f))
    return _BY_FUNCTION.get(base.name, _ONE) if type(base) is Call else _ONE  # type: ignore[attr-defined]
