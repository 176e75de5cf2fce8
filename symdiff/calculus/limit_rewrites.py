"""Two more rewrites for indeterminate forms, each an identity with its own named rule.

``cube_conjugate``: A - B = (A^3 - B^3)/(A^2 + A*B + B^2) clears a cube root from a difference,
as the conjugate clears a square root: cbrt(x^3 + x^2) - x at oo is x^2/(3x^2 + ...) -> 1/3.

``exponential_form``: the machine-learning and hyperbolic functions written with e^u (sigmoid(u) =
1/(1 + e^(-u)), tanh(u) = (e^(2u) - 1)/(e^(2u) + 1), softplus(u) = ln(1 + e^u), sinh(u) =
(e^u - e^(-u))/2, cosh(u) = (e^u + e^(-u))/2, ...), so that combining fractions or logarithms,
or dividing by the dominant exponential, can cancel what the names hide: x*sigmoid(x) - x and
cosh(x)/e^x at oo.
"""

from __future__ import annotations

from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, E, Expr, Mul, Neg, Number, Pow, Root, Sub
from ..core.traversal import preorder, substitute
from .limit_engine import Engine, Outcome
from .limit_exact import tidy

__all__ = ["cube_conjugate", "exponential_form"]

_THIRD = Div(Number(1), Number(3))


def cube_conjugate(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """A - B with a cube root in A or B, over A^2 + A*B + B^2 (a sum A + B is A - (-B))."""
    pair = _difference(expr)
    if pair is None:
        return None
    a, b = pair
    cubes = _cube(a), _cube(b)
    if cubes[0] is None and cubes[1] is None:
        return None
    a_cubed = Pow(a, Number(3)) if cubes[0] is None else cubes[0]
    b_cubed = Pow(b, Number(3)) if cubes[1] is None else cubes[1]
    try:
        top = tidy(Sub(a_cubed, b_cubed))
    except SymdiffError:
        return None
    partner = Add(Pow(a, Number(2)), Mul(a, b), Pow(b, Number(2)))
    return engine.rewritten("cube_conjugate", expr, Div(top, partner),
                            f"multiply above and below by {partner}", bindings=(("A", a), ("B", b)))


def _difference(expr: Expr) -> tuple[Expr, Expr] | None:
    """``expr`` as A - B: a difference, or a sum of two terms (A + B = A - (-B))."""
    if type(expr) is Sub:
        return expr.children[0], expr.children[1]
    if type(expr) is Add and len(expr.children) == 2:
        a, b = expr.children
        return (a, b.children[0]) if type(b) is Neg else (a, Neg(b))
    return None


def _cube(term: Expr) -> Expr | None:
    """u when ``term`` is a cube root of u (cbrt(u), root(u, 3), u^(1/3)), -u for its negation."""
    if type(term) is Neg:
        inner = _cube(term.children[0])
        return None if inner is None else Neg(inner)
    if type(term) is Call and term.name == "cbrt":  # type: ignore[attr-defined]
        return term.children[0]
    if type(term) is Root and term.index == 3:  # type: ignore[attr-defined]
        return term.children[0]
    if type(term) is Pow and term.children[1] == _THIRD:
        return term.children[0]
    return None


def _sigmoid(u: Expr) -> Expr:
    return Div(Number(1), Add(Number(1), Pow(E, Neg(u))))


def _tanh(u: Expr) -> Expr:
    e2u = Pow(E, Mul(Number(2), u))
    return Div(Sub(e2u, Number(1)), Add(e2u, Number(1)))


def _softplus(u: Expr) -> Expr:
    return Call("ln", Add(Number(1), Pow(E, u)))


def _sinh(u: Expr) -> Expr:
    return Div(Sub(Pow(E, u), Pow(E, Neg(u))), Number(2))


def _cosh(u: Expr) -> Expr:
    return Div(Add(Pow(E, u), Pow(E, Neg(u))), Number(2))


def _coth(u: Expr) -> Expr:
    e2u = Pow(E, Mul(Number(2), u))
    return Div(Add(e2u, Number(1)), Sub(e2u, Number(1)))


def _sech(u: Expr) -> Expr:
    return Div(Number(2), Add(Pow(E, u), Pow(E, Neg(u))))


def _csch(u: Expr) -> Expr:
    return Div(Number(2), Sub(Pow(E, u), Pow(E, Neg(u))))


_EXPONENTIAL_FORMS = {"sigmoid": _sigmoid, "tanh": _tanh, "softplus": _softplus, "sinh": _sinh, "cosh": _cosh,
                      "coth": _coth, "sech": _sech, "csch": _csch}


def exponential_form(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """Each sigmoid, softplus and hyperbolic function in ``expr`` written with e^u."""
    found = {node: _EXPONENTIAL_FORMS[node.name](node.argument)  # type: ignore[attr-defined]
             for node, _ in preorder(expr) if type(node) is Call and node.name in _EXPONENTIAL_FORMS}  # type: ignore[attr-defined]
    if not found:
        return None
    return engine.rewritten("exponential_form", expr, substitute(expr, found))
