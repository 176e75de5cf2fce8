"""The differentiation rules: each textbook rule is a small named function with its formula.

A rule looks at one node and returns a ``Plan``: which subexpressions it needs the
derivatives of (``parts``), how the node's derivative is built from them (``combine``, over
an ``Algebra``: trees for a worked solution, normal forms for ``diff``), and what a worked
solution should say (the bindings ``u = ...``, a note). The engine in
``differentiate.py`` decides the order of work and records the trace; the rules only know
calculus. The chain rule is written once (``_chain``), over ``OUTER``, a table giving each
function's own rule and derivative.

Every binding is true: a formula's placeholders (``u v w`` or ``f1 f2 ...`` for the parts,
``c`` a constant, ``n`` an exponent, ``a`` a base, ``x`` the variable) are named in the
plan's bindings, and putting them into the formula's left side gives the node, into its right
side (with ``u'`` the part's derivative) the node's derivative. A sum or product of n parts
shows the n-part law (``d/dx[u + v + w] = u' + v' + w'``); ``tests/calculus/test_bindings.py``
instantiates every step of many derivations and checks both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from ..algebra.algebras import Algebra
from ..core.errors import SymdiffError
from ..core.expr import (
    Add,
    Call,
    Constant,
    Derivative,
    Div,
    Expr,
    Infinity,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
    number,
)

__all__ = ["OUTER", "RULES", "Outer", "Plan", "Rule", "nary_formula", "plan"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule:
    """A textbook rule: a stable identifier, its name, and the general law (for the Sum and
    Product Rules the two-part law; a step of n parts shows ``nary_formula(rule, n)``)."""

    id: str
    name: str
    formula: str


@dataclass(frozen=True, slots=True)
class Outer:
    """For the chain rule: the outer function's own rule, shown at a placeholder ``u``."""

    rule: Rule
    function: Callable[[Expr], Expr]  # u -> f(u)
    derivative: Callable[[Expr], Expr]  # u -> f'(u)
    note: str = ""
    bindings: tuple[tuple[str, Expr], ...] = ()  # n of the Power Rule, a of a^x
    formula: str = ""  # when not the rule's own: f'(x) for the undefined function f
    # f'(u) over an algebra, from the subtree u: the same calls the algebra's ``of`` would make
    # on ``derivative(u)``, without building that tree and walking it again.
    made: Callable[[Algebra[Any], Expr], Any] | None = None


class Plan(NamedTuple):
    """How one node is differentiated (a tuple: one is made for every node differentiated)."""

    rule: Rule
    parts: tuple[Expr, ...]  # whose derivatives the rule uses, in the order a textbook shows them
    # The node's derivative from the parts' derivatives, over an algebra (trees or normal forms).
    combine: Callable[[Algebra[Any], tuple[Any, ...]], Any]
    bindings: tuple[tuple[str, Expr], ...] = ()
    note: str = ""
    outer: Outer | None = None
    formula: str = ""  # this application's law, when not ``rule.formula`` (n parts, a named f)


RULES: dict[str, Rule] = {}


def _rule(id: str, name: str, formula: str) -> Rule:  # noqa: A002 - mirrors Rule.id
    RULES[id] = Rule(id, name, formula)
    return RULES[id]


CONSTANT = _rule("constant", "Constant Rule", "d/dx[c] = 0")
VARIABLE = _rule("variable", "Variable Rule", "d/dx[x] = 1")
CONSTANT_MULTIPLE = _rule("constant_multiple", "Constant Multiple Rule", "d/dx[c*u] = c*u'")
CONSTANT_DIVISOR = _rule("constant_divisor", "Constant Divisor Rule", "d/dx[u/c] = u'/c")
SUM = _rule("sum", "Sum Rule", "d/dx[u + v] = u' + v'")
DIFFERENCE = _rule("difference", "Difference Rule", "d/dx[u - v] = u' - v'")
SUM_DIFFERENCE = _rule("sum_difference", "Sum and Difference Rule", "d/dx[u - v + w] = u' - v' + w'")
NEGATION = _rule("negation", "Negation Rule", "d/dx[-u] = -u'")
PRODUCT = _rule("product", "Product Rule", "d/dx[u*v] = u'*v + u*v'")
QUOTIENT = _rule("quotient", "Quotient Rule", "d/dx[u/v] = (u'*v - u*v')/v^2")
POWER = _rule("power", "Power Rule", "d/dx[x^n] = n*x^(n - 1)")
CHAIN = _rule("chain", "Chain Rule", "d/dx[f(u)] = f'(u)*u'")
EXPONENTIAL = _rule("exponential", "Exponential Rule", "d/dx[e^x] = e^x")
GENERAL_EXPONENTIAL = _rule("general_exponential", "General Exponential Rule", "d/dx[a^x] = a^x*ln(a)")
GENERAL_POWER = _rule(
    "general_power", "Logarithmic Differentiation", "d/dx[u^v] = u^v*(v'*ln(u) + v*u'/u)"
)
UNDEFINED = _rule("undefined", "Undefined Function Rule", "d/dx[f(x)] = f'(x)")


# --- the elementary functions: each one's rule and derivative (the chain rule's table) ---------


def _function_rule(name: str, title: str, derivative: str) -> Rule:
    return _rule(name, title, f"d/dx[{name}(x)] = {derivative}")


def _sq(u: Expr) -> Expr:
    return Pow(u, Number(2))


OUTER: dict[str, Outer] = {}
_ZERO, _ONE, _TWO = Number(0), Number(1), Number(2)


def _outer(name: str, title: str, shown: str, derivative: Callable[[Expr], Expr], note: str = "",
           made: Callable[[Algebra[Any], Expr], Any] | None = None) -> None:
    OUTER[name] = Outer(_function_rule(name, title, shown), lambda u: Call(name, u), derivative, note, made=made)


# ``made`` for the derivatives that are a function of u, or its negative, square or 1 minus its
# square: the operations whose normal forms are the builders' own (a quotient's builder has a
# shortcut of its own, so the rules with 1/... keep the tree).
def _called(name: str) -> Callable[[Algebra[Any], Expr], Any]:
    return lambda a, u: a.call(name, u)


def _negated(name: str) -> Callable[[Algebra[Any], Expr], Any]:
    return lambda a, u: a.neg(a.call(name, u))


def _squared(name: str, negated: bool = False) -> Callable[[Algebra[Any], Expr], Any]:
    def made(a: Algebra[Any], u: Expr) -> Any:
        square = a.pow(a.call(name, u), a.of(_TWO))
        return a.neg(square) if negated else square

    return made


def _one_minus_square(name: str) -> Callable[[Algebra[Any], Expr], Any]:
    return lambda a, u: a.sub(a.of(_ONE), a.pow(a.call(name, u), a.of(_TWO)))


_outer("sin", "Sine Rule", "cos(x)", lambda u: Call("cos", u), made=_called("cos"))
_outer("cos", "Cosine Rule", "-sin(x)", lambda u: Neg(Call("sin", u)), made=_negated("sin"))
_outer("tan", "Tangent Rule", "sec(x)^2", lambda u: _sq(Call("sec", u)), made=_squared("sec"))
_outer("sec", "Secant Rule", "sec(x)*tan(x)", lambda u: Mul(Call("sec", u), Call("tan", u)))
_outer("csc", "Cosecant Rule", "-csc(x)*cot(x)", lambda u: Neg(Mul(Call("csc", u), Call("cot", u))))
_outer("cot", "Cotangent Rule", "-csc(x)^2", lambda u: Neg(_sq(Call("csc", u))), made=_squared("csc", True))
_outer("asin", "Inverse Sine Rule", "1/sqrt(1 - x^2)", lambda u: Div(Number(1), Call("sqrt", Sub(Number(1), _sq(u)))))
_outer("acos", "Inverse Cosine Rule", "-1/sqrt(1 - x^2)",
       lambda u: Neg(Div(Number(1), Call("sqrt", Sub(Number(1), _sq(u))))))
_outer("atan", "Inverse Tangent Rule", "1/(1 + x^2)", lambda u: Div(Number(1), Add(Number(1), _sq(u))))
_outer("asec", "Inverse Secant Rule", "1/(abs(x)*sqrt(x^2 - 1))", lambda u: Div(Number(1), _abs_root(u)))
_outer("acsc", "Inverse Cosecant Rule", "-1/(abs(x)*sqrt(x^2 - 1))", lambda u: Neg(Div(Number(1), _abs_root(u))))
_outer("acot", "Inverse Cotangent Rule", "-1/(1 + x^2)", lambda u: Neg(Div(Number(1), Add(Number(1), _sq(u)))))
_outer("sinh", "Hyperbolic Sine Rule", "cosh(x)", lambda u: Call("cosh", u), made=_called("cosh"))
_outer("cosh", "Hyperbolic Cosine Rule", "sinh(x)", lambda u: Call("sinh", u), made=_called("sinh"))
_outer("tanh", "Hyperbolic Tangent Rule", "1 - tanh(x)^2", lambda u: Sub(Number(1), _sq(Call("tanh", u))),
       made=_one_minus_square("tanh"))
_outer("sech", "Hyperbolic Secant Rule", "-sech(x)*tanh(x)", lambda u: Neg(Mul(Call("sech", u), Call("tanh", u))))
_outer("csch", "Hyperbolic Cosecant Rule", "-csch(x)*coth(x)", lambda u: Neg(Mul(Call("csch", u), Call("coth", u))))
_outer("coth", "Hyperbolic Cotangent Rule", "-csch(x)^2", lambda u: Neg(_sq(Call("csch", u))),
       made=_squared("csch", True))
_outer("asinh", "Inverse Hyperbolic Sine Rule", "1/sqrt(x^2 + 1)",
       lambda u: Div(Number(1), Call("sqrt", Add(_sq(u), Number(1)))))
_outer("acosh", "Inverse Hyperbolic Cosine Rule", "1/sqrt(x^2 - 1)",
       lambda u: Div(Number(1), Call("sqrt", Sub(_sq(u), Number(1)))))
_outer("atanh", "Inverse Hyperbolic Tangent Rule", "1/(1 - x^2)", lambda u: Div(Number(1), Sub(Number(1), _sq(u))))
_outer("exp", "Exponential Rule", "exp(x)", lambda u: Call("exp", u), made=_called("exp"))
_outer("ln", "Natural Logarithm Rule", "1/x", lambda u: Div(Number(1), u))
_outer("log", "Natural Logarithm Rule", "1/x", lambda u: Div(Number(1), u))
_outer("sqrt", "Square Root Rule", "1/(2*sqrt(x))", lambda u: Div(Number(1), Mul(Number(2), Call("sqrt", u))))
_outer("cbrt", "Cube Root Rule", "1/(3*cbrt(x)^2)", lambda u: Div(Number(1), Mul(Number(3), _sq(Call("cbrt", u)))),
       note="the cube root has a vertical tangent at 0, so this holds where its argument is not 0")
_outer("abs", "Absolute Value Rule", "sign(x)", lambda u: Call("sign", u),
       note="abs is not differentiable at 0, so this holds where its argument is not 0", made=_called("sign"))
_outer("sign", "Sign Function Rule", "0", lambda u: Number(0),
       note="sign jumps at 0 and has no derivative there; elsewhere its slope is 0")
_outer("sigmoid", "Sigmoid Rule", "sigmoid(x)*(1 - sigmoid(x))",
       lambda u: Mul(Call("sigmoid", u), Sub(Number(1), Call("sigmoid", u))),
       made=lambda a, u: a.mul(a.call("sigmoid", u), a.sub(a.of(_ONE), a.call("sigmoid", u))))
_outer("softplus", "Softplus Rule", "sigmoid(x)", lambda u: Call("sigmoid", u), made=_called("sigmoid"))
_outer("relu", "ReLU Rule", "heaviside(x)", lambda u: Call("heaviside", u),
       note="relu has no derivative at 0; symdiff takes relu'(0) = 0, as heaviside(0) = 0", made=_called("heaviside"))
_outer("heaviside", "Step Function Rule", "0", lambda u: Number(0),
       note="the step has no derivative at 0; elsewhere its slope is 0")


def _abs_root(u: Expr) -> Expr:
    """|u|*sqrt(u^2 - 1), the denominator of the inverse secant and cosecant rules."""
    return Mul(Call("abs", u), Call("sqrt", Sub(_sq(u), Number(1))))


# Logarithms to a base and n-th roots are node kinds of their own (Log, Root), with a parameter.
LOG_BASE = _rule("log_base", "Logarithm Rule", "d/dx[log_b(x)] = 1/(x*ln(b))")
LOG_VARYING_BASE = _rule(
    "log_varying_base", "Change of Base Rule", "d/dx[log_v(u)] = (u'*ln(v)/u - v'*ln(u)/v)/ln(v)^2"
)
ROOT = _rule("root", "Root Rule", "d/dx[root(x, n)] = 1/(n*root(x, n)^(n - 1))")
ZERO_POWER = _rule("zero_power", "Zero Base Rule", "d/dx[0^x] = 0")


def _log_outer(base: Expr) -> Outer:
    note = "" if type(base) is Number else "this holds where the base is positive and not 1"
    return Outer(LOG_BASE, lambda u: Log(u, base), lambda u: Div(Number(1), Mul(u, Call("ln", base))), note,
                 bindings=(("b", base),))


def _root_outer(index: int) -> Outer:
    n, power = Number(index), Number(index - 1)
    # The law with this root's own index: an index is a whole number, never a placeholder n.
    formula = f"d/dx[root(x, {index})] = 1/({index}*root(x, {index})^{index - 1})"
    return Outer(ROOT, lambda u: Root(u, index), lambda u: Div(Number(1), Mul(n, Pow(Root(u, index), power))),
                 note="the root has a vertical tangent at 0, so this holds where its argument is not 0",
                 formula=formula)


def _power_outer(exponent: Expr) -> Outer:
    # n - 1, worked out when n is a number, as a textbook does (5*x^4); only when f'(u) is made,
    # which diff does once per node however many variables it differentiates by.
    return Outer(POWER, lambda u: Pow(u, exponent), lambda u: _power_derivative(exponent, u),
                 bindings=(("n", exponent),),
                 made=lambda a, u: a.mul(a.of(exponent), a.pow(a.of(u), a.of(_minus_one(exponent)))))


def _power_derivative(exponent: Expr, u: Expr) -> Expr:
    """n*u^(n - 1), and 2*u for n = 2, as a textbook writes it (not 2*u^1, tidied by a step)."""
    lowered = _minus_one(exponent)
    return Mul(exponent, u) if lowered == _ONE else Mul(exponent, Pow(u, lowered))


def _minus_one(exponent: Expr) -> Expr:
    """``n - 1``: a number when ``n`` is one as written (5, -2, 1/3, 2.5), else the difference."""
    value = _written_number(exponent)
    if value is None:
        return Sub(exponent, _ONE)
    lowered = value - 1
    if type(exponent) is Number and lowered >= 0:
        return Number(lowered)  # 2.5 - 1 = 1.5, in the decimals it was written in
    return number(lowered)


def _written_number(expr: Expr) -> Fraction | int | None:
    """The value of a number written as ``5``, ``-2``, ``1/3`` or ``-1/3``, else None."""
    sign = 1
    if type(expr) is Neg:
        sign, expr = -1, expr.operand  # type: ignore[attr-defined]
    if type(expr) is Number:
        return sign * expr.value  # type: ignore[attr-defined]
    if type(expr) is Div and type(expr.numerator) is Number and type(expr.denominator) is Number:  # type: ignore[attr-defined]
        denominator = expr.denominator.value  # type: ignore[attr-defined]
        return sign * Fraction(expr.numerator.value) / denominator if denominator else None  # type: ignore[attr-defined]
    return None


def _exponential_outer(base: Expr) -> Outer:
    if base == _ZERO:  # not ln(0)*0^u: 0^u is 0 wherever it is defined and differentiable
        return Outer(ZERO_POWER, lambda u: Pow(base, u), lambda u: _ZERO,
                     note="0^u = 0 for u > 0 (and is undefined for u < 0), so its slope is 0")
    if base == Constant("e"):
        return Outer(EXPONENTIAL, lambda u: Pow(base, u), lambda u: Pow(base, u))
    return Outer(GENERAL_EXPONENTIAL, lambda u: Pow(base, u), lambda u: Mul(Pow(base, u), Call("ln", base)),
                 bindings=(("a", base),))


def _undefined_outer(name: str, order: int) -> Outer:
    return Outer(UNDEFINED, lambda u: UndefinedCall(name, u, order), lambda u: UndefinedCall(name, u, order + 1),
                 formula=_undefined_formula(name, order))


@lru_cache(maxsize=64)
def _undefined_formula(name: str, order: int) -> str:
    """The law for this function by name: d/dx[g(x)] = g'(x), d/dx[f'(x)] = f''(x)."""
    if (name, order) == ("f", 0):
        return UNDEFINED.formula
    return f"d/dx[{name}{chr(39) * order}(x)] = {name}{chr(39) * (order + 1)}(x)"


@lru_cache(maxsize=256)
def nary_formula(rule: Rule, count: int) -> str:
    """The Sum or Product Rule for ``count`` parts, named as ``_names`` binds them: u, v, w for
    up to three, else f1 ... fn (written out up to four, with "..." beyond)."""
    names = ["u", "v", "w"][:count] if count <= 3 else [f"f{i}" for i in range(1, count + 1)]
    primed = [f"{name}'" for name in names]
    if rule is SUM:
        shown = [names, primed] if count <= 4 else [_dots(names), _dots(primed)]
        return f"d/dx[{' + '.join(shown[0])}] = {' + '.join(shown[1])}"
    if rule is not PRODUCT:
        return rule.formula
    terms = [[*names[:i], primed[i], *names[i + 1:]] for i in range(count)]
    if count <= 4:
        return f"d/dx[{'*'.join(names)}] = {' + '.join('*'.join(term) for term in terms)}"
    # f1'*f2*...*fn + f1*f2'*...*fn + ... + f1*f2*...*fn': the parts between are unprimed.
    shown = [[*terms[0][:2], "...", terms[0][-1]], [*terms[1][:2], "...", terms[1][-1]], ["..."],
             [*names[:2], "...", primed[-1]]]
    return f"d/dx[{'*'.join(_dots(names))}] = {' + '.join('*'.join(term) for term in shown)}"


def _dots(items: list[str]) -> list[str]:
    return [items[0], items[1], "...", items[-1]]


# --- rules for each node kind ---------------------------------------------------------------------

Depends = Callable[[Expr], bool]


def constant_rule(node: Expr, x: Symbol) -> Plan:
    """d/dx[c] = 0: a number, a constant, another variable, or anything free of x."""
    if type(node) is Symbol:
        note = f"{node.name} is a constant with respect to {x.name}"  # type: ignore[attr-defined]
    elif type(node) in (Number, Constant):
        note = ""
    else:
        note = f"it does not depend on {x.name}"
    return Plan(CONSTANT, (), lambda a, d: a.of(_ZERO), (("c", node),), note=note)


def variable_rule(node: Expr, x: Symbol) -> Plan:
    """d/dx[x] = 1."""
    return Plan(VARIABLE, (), lambda a, d: a.of(_ONE))


def sum_rule(node: Add, x: Symbol, depends: Depends) -> Plan:
    """d/dx[u + v + w] = u' + v' + w', for any number of terms."""
    if _chained(node, depends):
        return _chain_plan(node, depends)
    terms = node.terms
    return Plan(SUM, terms, lambda a, d: a.add(*d), _names("uvw", terms), formula=nary_formula(SUM, len(terms)))


def difference_rule(node: Sub, x: Symbol, depends: Depends) -> Plan:
    """d/dx[u - v] = u' - v'."""
    if _chained(node, depends):
        return _chain_plan(node, depends)
    return Plan(DIFFERENCE, node.children, lambda a, d: a.sub(d[0], d[1]), _names("uv", node.children))


def _chained(node: Expr, depends: Depends) -> bool:
    """Whether the first term of a sum or difference is itself one that depends on x: then
    u - v + w - ... as written (left to right) is one chain, taken by one step."""
    first = node.children[0]
    return type(first) in (Add, Sub) and depends(first)


def _chain_plan(node: Expr, depends: Depends) -> Plan:
    """d/dx[u - v + w - ...] = u' - v' + w' - ...: one step for a chain of sums and differences,
    as a textbook takes it, not one per sign each inside the one before (which made the steps
    of n terms n^2 long). The parts are the terms left to right; the derivative is combined
    link by link, innermost first, as the links would combine it one by one."""
    spine = [node]  # the links, outermost first
    while _chained(spine[-1], depends):
        spine.append(spine[-1].children[0])
    links = spine[::-1]  # innermost first
    terms = [*links[0].children]
    signs = ["+"] + ["-" if type(links[0]) is Sub else "+"] * (len(terms) - 1)
    widths = []  # how many parts each outer link adds
    for link in links[1:]:
        rest = link.children[1:]
        terms += rest
        signs += ["-" if type(link) is Sub else "+"] * len(rest)
        widths.append((type(link) is Sub, len(rest)))
    innermost_sub = type(links[0]) is Sub
    first = len(links[0].children)

    def combine(a: Algebra[T], d: tuple[T, ...]) -> T:
        value = a.sub(d[0], d[1]) if innermost_sub else a.add(*d[:first])
        at = first
        for is_sub, width in widths:
            value = a.sub(value, d[at]) if is_sub else a.add(value, *d[at:at + width])
            at += width
        return value

    parts = tuple(terms)
    return Plan(SUM_DIFFERENCE, parts, combine, _names("uvw", parts), formula=_chain_formula(signs))


def _chain_formula(signs: list[str]) -> str:
    """d/dx[u - v + w] = u' - v' + w' for these signs (the first is that of the first term,
    always +); past four terms f1 - f2 + ... - fn, "..." standing for the terms between."""
    names = list(_placeholders("uvw", len(signs)))
    shown = list(range(len(signs))) if len(signs) <= 4 else [0, 1, None, len(signs) - 1]

    def side(primed: bool) -> str:
        text = ""
        for i in shown:
            if i is None:
                text += f" {signs[2]} ..."
                continue
            name = names[i] + ("'" if primed else "")
            text += name if i == 0 else f" {signs[i]} {name}"
        return text

    return f"d/dx[{side(False)}] = {side(True)}"


def negation_rule(node: Neg, x: Symbol, depends: Depends) -> Plan:
    """d/dx[-u] = -u'."""
    return Plan(NEGATION, node.children, lambda a, d: a.neg(d[0]), (("u", node.operand),))


def product_rule(node: Mul, x: Symbol, depends: Depends) -> Plan:
    """Constant factors come out (d/dx[c*u] = c*u'); the rest by the Product Rule,
    d/dx[u*v*w] = u'*v*w + u*v'*w + u*v*w'."""
    varying = [depends(factor) for factor in node.factors]
    constants = [factor for factor, flag in zip(node.factors, varying, strict=True) if not flag]
    variables = [factor for factor, flag in zip(node.factors, varying, strict=True) if flag]
    if constants:
        c = constants[0] if len(constants) == 1 else Mul(*constants)
        u = variables[0] if len(variables) == 1 else Mul(*variables)
        return Plan(CONSTANT_MULTIPLE, (u,), lambda a, d: a.mul(a.of(c), d[0]), (("c", c), ("u", u)))
    factors = node.factors

    def combine(a: Algebra[T], d: tuple[T, ...]) -> T:
        return a.product_rule([a.of(f) for f in factors], list(d))

    return Plan(PRODUCT, factors, combine, _names("uvw", factors), formula=nary_formula(PRODUCT, len(factors)))


def quotient_rule(node: Div, x: Symbol, depends: Depends) -> Plan:
    """d/dx[u/v] = (u'*v - u*v')/v^2, or d/dx[u/c] = u'/c for a constant denominator."""
    u, v = node.children
    if not depends(v):
        return Plan(CONSTANT_DIVISOR, (u,), lambda a, d: a.div(d[0], a.of(v)), (("u", u), ("c", v)))

    def combine(a: Algebra[T], d: tuple[T, ...]) -> T:
        return a.div(a.sub(a.mul(d[0], a.of(v)), a.mul(a.of(u), d[1])), a.pow(a.of(v), a.of(_TWO)))

    return Plan(QUOTIENT, (u, v), combine, (("u", u), ("v", v)))


def power_rule(node: Pow, x: Symbol, depends: Depends) -> Plan:
    """u^n with a constant n: Power Rule; a^u with a constant a: (General) Exponential Rule;
    u^v with both varying: Logarithmic Differentiation."""
    base, exponent = node.children
    if depends(base) and depends(exponent):
        return Plan(
            GENERAL_POWER,
            (base, exponent),
            lambda a, d: a.mul(
                a.of(node), a.add(a.mul(d[1], a.of(Call("ln", base))), a.div(a.mul(a.of(exponent), d[0]), a.of(base)))
            ),
            (("u", base), ("v", exponent)),
        )
    if depends(base):
        return _chain(_power_outer(exponent), base, x, node)
    return _chain(_exponential_outer(base), exponent, x, node)


def call_rule(node: Call, x: Symbol, depends: Depends) -> Plan:
    """Each function's own rule, through the Chain Rule when its argument is not just x."""
    return _chain(OUTER[node.name], node.argument, x, node)


def log_rule(node: Log, x: Symbol, depends: Depends) -> Plan:
    """d/dx[log_b(u)] = u'/(u*ln(b)) for a constant base; a varying base by the change of base,
    log_v(u) = ln(u)/ln(v)."""
    u, v = node.children
    if not depends(v):
        if u == x:
            outer = _log_outer(v)
            return Plan(LOG_BASE, (), lambda a, d: a.of(outer.derivative(u)), (("b", v),), outer.note)
        return _chain(_log_outer(v), u, x, node)
    ln_u, ln_v = Call("ln", u), Call("ln", v)

    def combine(a: Algebra[T], d: tuple[T, ...]) -> T:
        rise = a.sub(a.div(a.mul(d[0], a.of(ln_v)), a.of(u)), a.div(a.mul(d[1], a.of(ln_u)), a.of(v)))
        return a.div(rise, a.pow(a.of(ln_v), a.of(_TWO)))

    return Plan(LOG_VARYING_BASE, (u, v), combine, (("u", u), ("v", v)))


def root_rule(node: Root, x: Symbol, depends: Depends) -> Plan:
    """d/dx[root(u, n)] = u'/(n*root(u, n)^(n - 1))."""
    if node.argument == x:
        outer = _root_outer(node.index)
        return Plan(ROOT, (), lambda a, d: a.of(outer.derivative(x)), (), outer.note, formula=outer.formula)
    return _chain(_root_outer(node.index), node.argument, x, node)


def undefined_rule(node: UndefinedCall, x: Symbol, depends: Depends) -> Plan:
    """d/dx[f(x)] = f'(x); d/dx[f(g(x))] = f'(g(x))*g'(x)."""
    return _chain(_undefined_outer(node.name, node.order), node.argument, x, node)


def _chain(outer: Outer, inner: Expr, x: Symbol, node: Expr) -> Plan:
    """d/dx[f(u)] = f'(u)*u', or the outer rule alone when u is x itself (``node`` is f(u))."""
    def outer_derivative(a: Algebra[T]) -> T:
        # f'(u) is the same whatever x is: an algebra may make it once per node and rule
        # (a gradient differentiates the same f(u) by each variable).
        made = outer.made
        return a.outer(node, outer.rule.id, lambda: outer.derivative(inner),
                       None if made is None else lambda: made(a, inner))

    if inner == x:
        return Plan(outer.rule, (), lambda a, d: outer_derivative(a), outer.bindings, outer.note,
                    formula=outer.formula)

    def combine(a: Algebra[T], d: tuple[T, ...]) -> T:
        if a.is_zero(d[0]):
            # u' = 0: u is constant (x - x), and so is f(u), though f'(u) may not exist there
            # (sqrt at 0): the derivative is 0, not f'(u)*0 with f'(u) undefined.
            return d[0]
        return a.mul(outer_derivative(a), d[0])

    return Plan(CHAIN, (inner,), combine, (("u", inner),), outer=outer)


def _names(letters: str, parts: tuple[Expr, ...]) -> tuple[tuple[str, Expr], ...]:
    return tuple(zip(_placeholders(letters, len(parts)), parts, strict=True))


@lru_cache(maxsize=256)
def _placeholders(letters: str, n: int) -> tuple[str, ...]:
    """u, v, w for up to three parts, else f1 ... fn (made once per count: a sum of n terms
    is met once per variable of a gradient)."""
    if n <= len(letters):
        return tuple(letters[:n])
    return tuple(f"f{i}" for i in range(1, n + 1))


_RULES_BY_KIND: dict[type[Expr], Callable[..., Plan]] = {
    Add: sum_rule,
    Sub: difference_rule,
    Neg: negation_rule,
    Mul: product_rule,
    Div: quotient_rule,
    Pow: power_rule,
    Call: call_rule,
    UndefinedCall: undefined_rule,
    Log: log_rule,
    Root: root_rule,
}


def plan(node: Expr, x: Symbol, depends: Depends) -> Plan:
    """The rule for ``node``: constants first, then the variable, then by node kind."""
    if type(node) is Infinity:  # not a constant: d/dx[x + oo] = 1 would be arithmetic with oo
        raise SymdiffError("oo (infinity) is not a number and has no derivative: it is a limit's point or value")
    if type(node) is Symbol and node == x:  # one type check before Expr.__eq__ on every node
        return variable_rule(node, x)
    if not depends(node):
        return constant_rule(node, x)
    if type(node) is Derivative:  # diff and derive work these out before the engine starts
        raise SymdiffError(f"{node} is a derivative written in the expression: work it out first (symdiff.simplify)")
    return _RULES_BY_KIND[type(node)](node, x, depends)

