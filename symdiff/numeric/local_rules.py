"""The local rules of automatic differentiation: each node's partial derivative by each child.

Forward mode and backprop differ only in the order they multiply these numbers together; the
numbers themselves come from here (and, over a data set, NumPy's versions of the functions'
values, ``array_functions``). Each rule is the derivative of one node kind, or of one
elementary function, with its formula as text (``cos(u)`` for sin): the same laws as the
symbolic rules of ``calculus.rules``, evaluated at a point instead of written out.

A rule gets ``m``, the functions to compute with (``SCALAR``: the ``math`` module's, on floats;
``ARRAY``: NumPy's, on arrays of samples), the child values and the node's own value, which
several rules reuse (d/du tanh(u) = 1 - tanh(u)^2). It computes only the partials asked for
(``need``): the exponent of x^2 is no variable, and (-2)^y has no slope in y, so a rule must
not be made to find one where nothing depends on it. Where a slope is not a finite number (the
square root at 0, a vertical tangent) the caller raises ``EvaluationError`` naming the node.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, NamedTuple

from ..core.expr import Add, Call, Div, Expr, Log, Mul, Neg, Pow, Root, Sub
from ..core.functions import FUNCTIONS

__all__ = [
    "ARRAY", "ARRAY_OPERATORS", "FUNCTION_SLOPES", "SCALAR", "Slope", "array_functions", "array_math", "local_formula",
    "partials",
]


class Slope(NamedTuple):
    """d/du f(u) for one function: its formula in ``u``, and the rule ``(m, u, f(u)) -> f'(u)``."""

    formula: str
    rule: Callable[[Any, Any, Any], Any]


def _sign(t: float) -> float:
    return float((t > 0) - (t < 0))


def _step(t: float) -> float:
    return 1.0 if t > 0 else 0.0


# The functions a scalar rule computes with: the math module's, and the few it lacks.
SCALAR = SimpleNamespace(
    sin=math.sin, cos=math.cos, tan=math.tan, sinh=math.sinh, cosh=math.cosh, tanh=math.tanh,
    sqrt=math.sqrt, abs=abs, log=math.log, sign=_sign, step=_step, sigmoid=FUNCTIONS["sigmoid"].real,
    sech=FUNCTIONS["sech"].real, csch=FUNCTIONS["csch"].real,
)  # fmt: skip
ARRAY = SimpleNamespace()  # filled with NumPy's on first use (array_math), so import stays light


def array_math() -> SimpleNamespace:
    """The NumPy namespace for rules on arrays of samples (built once, on first use)."""
    if not vars(ARRAY):
        import numpy as np

        table = array_functions()
        vars(ARRAY).update(
            sin=np.sin, cos=np.cos, tan=np.tan, sinh=np.sinh, cosh=np.cosh, tanh=np.tanh, sqrt=np.sqrt,
            abs=np.abs, log=np.log, sign=np.sign, step=lambda u: np.heaviside(u, 0.0), sigmoid=table["sigmoid"],
            sech=table["sech"], csch=table["csch"], where=np.where, power=np.power,
        )  # fmt: skip
    return ARRAY


def array_functions() -> dict[str, Any]:
    """NumPy's versions of symdiff's functions, for values over a data set (as ``lambdify`` computes
    them: without overflow where the value is finite), built on first use."""
    if not _ARRAY_FUNCTIONS:
        import numpy as np

        def sech(u: Any) -> Any:
            small = np.exp(-np.abs(u))
            return 2.0 * small / (1.0 + small * small)

        def root(u: Any, n: int) -> Any:
            if n % 2 == 0:
                return np.power(u, 1.0 / n)
            return np.sign(u) * np.power(np.abs(u), 1.0 / n)

        _ARRAY_FUNCTIONS.update({
            "sin": np.sin, "cos": np.cos, "tan": np.tan, "sec": lambda u: 1.0 / np.cos(u),
            "csc": lambda u: 1.0 / np.sin(u), "cot": lambda u: np.cos(u) / np.sin(u),
            "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "asec": lambda u: np.arccos(1.0 / u),
            "acsc": lambda u: np.arcsin(1.0 / u), "acot": lambda u: np.pi / 2 - np.arctan(u),
            "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "sech": sech,
            "csch": lambda u: np.sign(u) * 2.0 * np.exp(-np.abs(u)) / (1.0 - np.exp(-2.0 * np.abs(u))),
            "coth": lambda u: 1.0 / np.tanh(u), "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
            "exp": np.exp, "log": np.log, "ln": np.log, "sqrt": np.sqrt, "cbrt": np.cbrt, "abs": np.abs,
            "sign": np.sign, "sigmoid": lambda u: np.exp(-np.logaddexp(0.0, -u)),
            "softplus": lambda u: np.logaddexp(0.0, u), "relu": lambda u: np.maximum(u, 0.0),
            "heaviside": lambda u: np.heaviside(u, 0.0), "root": root,
        })  # fmt: skip
    return _ARRAY_FUNCTIONS


_ARRAY_FUNCTIONS: dict[str, Any] = {}
ARRAY_OPERATORS: dict[type[Expr], Any] = {
    Sub: lambda a, b: a - b, Div: lambda a, b: a / b, Neg: lambda a: -a, Pow: lambda a, b: a ** b,
}


# d/du f(u) for every function in core.functions.FUNCTIONS (a test checks each one is here). The
# formula is the textbook's; where it would subtract nearly equal numbers, the number is computed
# by an equal form that does not: 1 - tanh(u)^2 as sech(u)^2, which keeps its digits where tanh(u)
# is nearly 1; 1 - sigmoid(u) as sigmoid(-u); 1 - u^2 as (1 - u)*(1 + u).
FUNCTION_SLOPES: dict[str, Slope] = {
    "sin": Slope("cos(u)", lambda m, u, v: m.cos(u)),
    "cos": Slope("-sin(u)", lambda m, u, v: -m.sin(u)),
    "tan": Slope("1 + tan(u)^2", lambda m, u, v: 1.0 + v * v),
    "sec": Slope("sec(u)*tan(u)", lambda m, u, v: v * m.tan(u)),
    "csc": Slope("-csc(u)*cot(u)", lambda m, u, v: -v * m.cos(u) / m.sin(u)),
    "cot": Slope("-(1 + cot(u)^2)", lambda m, u, v: -(1.0 + v * v)),
    "asin": Slope("1/sqrt(1 - u^2)", lambda m, u, v: 1.0 / m.sqrt((1.0 - u) * (1.0 + u))),
    "acos": Slope("-1/sqrt(1 - u^2)", lambda m, u, v: -1.0 / m.sqrt((1.0 - u) * (1.0 + u))),
    "atan": Slope("1/(1 + u^2)", lambda m, u, v: 1.0 / (1.0 + u * u)),
    "asec": Slope("1/(abs(u)*sqrt(u^2 - 1))", lambda m, u, v: 1.0 / (m.abs(u) * m.sqrt((u - 1.0) * (u + 1.0)))),
    "acsc": Slope("-1/(abs(u)*sqrt(u^2 - 1))", lambda m, u, v: -1.0 / (m.abs(u) * m.sqrt((u - 1.0) * (u + 1.0)))),
    "acot": Slope("-1/(1 + u^2)", lambda m, u, v: -1.0 / (1.0 + u * u)),
    "sinh": Slope("cosh(u)", lambda m, u, v: m.cosh(u)),
    "cosh": Slope("sinh(u)", lambda m, u, v: m.sinh(u)),
    "tanh": Slope("1 - tanh(u)^2", lambda m, u, v: m.sech(u) ** 2),
    "sech": Slope("-sech(u)*tanh(u)", lambda m, u, v: -v * m.tanh(u)),
    "csch": Slope("-csch(u)*coth(u)", lambda m, u, v: -v / m.tanh(u)),
    "coth": Slope("1 - coth(u)^2", lambda m, u, v: -m.csch(u) ** 2),
    "asinh": Slope("1/sqrt(u^2 + 1)", lambda m, u, v: 1.0 / m.sqrt(u * u + 1.0)),
    "acosh": Slope("1/sqrt(u^2 - 1)", lambda m, u, v: 1.0 / m.sqrt((u - 1.0) * (u + 1.0))),
    "atanh": Slope("1/(1 - u^2)", lambda m, u, v: 1.0 / ((1.0 - u) * (1.0 + u))),
    "exp": Slope("exp(u)", lambda m, u, v: v),
    "log": Slope("1/u", lambda m, u, v: 1.0 / u),
    "ln": Slope("1/u", lambda m, u, v: 1.0 / u),
    "sqrt": Slope("1/(2*sqrt(u))", lambda m, u, v: 0.5 / v),
    "cbrt": Slope("1/(3*cbrt(u)^2)", lambda m, u, v: 1.0 / (3.0 * v * v)),
    "abs": Slope("sign(u)", lambda m, u, v: m.sign(u)),  # abs'(0) = sign(0) = 0, as symdiff's rule
    "sign": Slope("0", lambda m, u, v: 0.0),
    "sigmoid": Slope("sigmoid(u)*(1 - sigmoid(u))", lambda m, u, v: v * m.sigmoid(-u)),
    "softplus": Slope("sigmoid(u)", lambda m, u, v: m.sigmoid(u)),
    "relu": Slope("heaviside(u)", lambda m, u, v: m.step(u)),  # relu'(0) = 0, as symdiff's rule
    "heaviside": Slope("0", lambda m, u, v: 0.0),
}

Partials = list[Any]  # one entry per child: its partial derivative, or None where not needed


def _add(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d(u + w + ...)/du = 1."""
    return [1.0] * len(a)


def _sub(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d(u - w)/du = 1, d(u - w)/dw = -1."""
    return [1.0, -1.0]


def _neg(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d(-u)/du = -1."""
    return [-1.0]


def _mul(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d(u*w*...)/du = the product of the other factors (never v/u, which fails where u = 0)."""
    if len(a) == 2:
        return [a[1], a[0]]
    out: Partials = []
    for i, wanted in enumerate(need):
        if not wanted:
            out.append(None)
            continue
        product = 1.0
        for j, factor in enumerate(a):
            if j != i:
                product = product * factor
        out.append(product)
    return out


def _div(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d(u/w)/du = 1/w, d(u/w)/dw = -u/w^2 (= -(u/w)/w)."""
    return [1.0 / a[1], -v / a[1]]


def _pow(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d(u^n)/du = n*u^(n - 1) (0 where n = 0); d(u^n)/dn = ln(u)*u^n, for u > 0; at u = 0 and
    n > 0, u^n is 0 for every nearby n, so its slope in n is 0; for u < 0 there is none."""
    u, n = a
    out: Partials = [None, None]
    if need[0]:
        if m is SCALAR:
            out[0] = 0.0 if n == 0 else n * u ** (n - 1.0)
        else:
            out[0] = m.where(n == 0, 0.0, n * m.power(u, n - 1.0))
    if need[1]:
        if m is SCALAR:
            out[1] = math.log(u) * v if u > 0 else 0.0 if u == 0 and n > 0 else math.nan
        else:
            out[1] = m.where(u > 0, m.log(m.where(u > 0, u, 1.0)) * v, m.where((u == 0) & (n > 0), 0.0, math.nan))
    return out


def _call(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d/du f(u) = f'(u), from FUNCTION_SLOPES."""
    return [FUNCTION_SLOPES[node.name].rule(m, a[0], v)]  # type: ignore[attr-defined]


def _log(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d log_b(u)/du = 1/(u*ln(b)); d log_b(u)/db = -ln(u)/(b*ln(b)^2) (= -log_b(u)/(b*ln(b)))."""
    u, b = a
    ln_b = m.log(b)
    return [1.0 / (u * ln_b) if need[0] else None, -v / (b * ln_b) if need[1] else None]


def _root(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """d root(u, n)/du = 1/(n*root(u, n)^(n - 1)) (= root(u, n)/(n*u) away from 0)."""
    n = node.index  # type: ignore[attr-defined]
    return [1.0 / (n * v ** (n - 1))]


_KIND_RULES: dict[type[Expr], Callable[[Any, Expr, Sequence[Any], Any, Sequence[bool]], Partials]] = {
    Add: _add, Sub: _sub, Neg: _neg, Mul: _mul, Div: _div, Pow: _pow, Call: _call, Log: _log, Root: _root,
}


def partials(m: Any, node: Expr, a: Sequence[Any], v: Any, need: Sequence[bool]) -> Partials:
    """The partial derivatives of ``node`` (value ``v``) by its children (values ``a``)."""
    return _KIND_RULES[type(node)](m, node, a, v, need)


def local_formula(node: Expr, i: int, names: Sequence[str]) -> str:
    """The law behind one partial, in the children's names (each an atom: a name such as x or
    v3, a number or a constant): cos(x) for d sin(x)/dx, v1*v3 for the middle of v1*x*v3."""
    kind = type(node)
    if kind is Add:
        return "1"
    if kind is Sub:
        return ("1", "-1")[i]
    if kind is Neg:
        return "-1"
    if kind is Mul:
        return "*".join(name for j, name in enumerate(names) if j != i)
    u, w = (*names, "")[:2]
    if kind is Div:
        return f"1/{w}" if i == 0 else f"-{u}/{w}^2"
    if kind is Pow:
        if i == 1:
            return f"{u}^{w}" if u == "e" else f"ln({u})*{u}^{w}"  # ln(e) = 1
        if _DECIMAL.fullmatch(w):  # 3*x^2 and 0.5*x^(-0.5), not 3*x^(3 - 1)
            less = Decimal(w) - 1
            shown = format(less.normalize(), "f") if less else "0"
            if not less:
                return "1"
            if less == 1:
                return f"{w}*{u}"
            return f"{w}*{u}^{shown}" if less > 0 else f"{w}*{u}^({shown})"
        return f"{w}*{u}^({w} - 1)"
    if kind is Log:
        return f"1/({u}*ln({w}))" if i == 0 else f"-ln({u})/({w}*ln({w})^2)"
    if kind is Root:
        n = node.index  # type: ignore[attr-defined]
        return f"1/({n}*root({u}, {n})^{n - 1})"
    return _U.sub(lambda _: u, FUNCTION_SLOPES[node.name].formula)  # type: ignore[attr-defined]


_U = re.compile(r"\bu\b")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
