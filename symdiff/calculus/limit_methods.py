"""The methods for indeterminate forms: each rewrites the expression, and the engine finds the
limit of what it becomes.

Each method is ``method(engine, expr, parts) -> (value, step) or None`` (None: it does not
apply), where ``parts`` are the limits of ``expr``'s children. A rewrite is an identity near the
point (``f(x) = g(x)`` for x close to, but not at, the point), so ``lim f = lim g``; the step
names the rewritten expression ``g`` in its bindings and has the step for ``lim g`` below it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..algebra.fraction_forms import cancel, together
from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, E, Expr, Log, Mul, Neg, Number, Pow, Root, Sub
from ..core.traversal import preorder, size_as_written, substitute
from .differentiate import derive
from .limit_engine import MAX_LHOPITAL, Engine, LimitError, Method, Outcome
from .limit_exact import fraction_of, tidy
from .limit_forms import FINITE, INFINITE, UNDEFINED, Value, finite, infinite, side_sign
from .limit_lead import dominant
from .limit_poly import cancel_root, highest_power
from .limit_rewrites import cube_conjugate, exponential_form
from .limit_rules import LIMIT_RULES
from .limit_standard import standard_limits

__all__ = ["METHODS"]


def sign_analysis(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """|u| = u or -u, sign(u) = 1 or -1 (and heaviside, relu) where u -> 0 from one side; the
    square root of a square is an absolute value, sqrt(u^2) = |u|."""
    replacements: dict[Expr, Expr] = {}
    for node, _ in preorder(expr):
        squared = _root_of_square(node)
        if squared is None and (type(node) is not Call or node.name not in ("abs", "sign", "heaviside", "relu")):  # type: ignore[attr-defined]
            continue
        u = squared if squared is not None else node.argument  # type: ignore[attr-defined]
        inner = engine.with_trend(u, engine.limit(u)[0])
        if not inner.is_zero:
            continue
        side = side_sign(inner.trend, engine.sides)
        if not side:
            continue
        name = "abs" if squared is not None else node.name  # type: ignore[attr-defined]
        positive = {"abs": u, "sign": Number(1), "heaviside": Number(1), "relu": u}
        negative = {"abs": Neg(u), "sign": Neg(Number(1)), "heaviside": Number(0), "relu": Number(0)}
        replacements[node] = (positive if side > 0 else negative)[name]
    if not replacements:
        return None
    g = substitute(expr, replacements)
    return engine.rewritten("sign_analysis", expr, g, f"near the point, {_listed(replacements)}")


def _root_of_square(node: Expr) -> Expr | None:
    """u when ``node`` is sqrt(u^2), root(u^2, 2) or (u^2)^(1/2): |u|, which the simplifier keeps."""
    if (type(node) is Call and node.name == "sqrt") or (type(node) is Root and node.index == 2):  # type: ignore[attr-defined]
        inside = node.children[0]
    elif type(node) is Pow and node.children[1] == Div(Number(1), Number(2)):
        inside = node.children[0]
    else:
        return None
    if type(inside) is Pow and inside.children[1] == Number(2):
        return inside.children[0]
    return None


def _listed(replacements: dict[Expr, Expr]) -> str:
    return ", ".join(f"{old} = {new}" for old, new in replacements.items())


def factor_cancel(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """Cancel the common factor that makes both sides vanish: (x^2 - 1)/(x - 1) = x + 1."""
    found = cancel_root(engine, expr)
    if found is not None:
        return found
    if not any(type(node) is Div or (type(node) is Pow and _negative(node.children[1])) for node, _ in preorder(expr)):
        return None  # nothing is divided: there is no common factor to cancel
    if type(expr) is Div:
        top, bottom = (_transcendental(part) for part in expr.children)
        if (top or bottom) and not top & bottom:
            return None  # sin(x - 1)/(x^2 - 1): no function in common, so no common factor with it
    try:
        g = cancel(expr)
    except SymdiffError:
        return None
    if _reordered(expr, g):
        return None
    return engine.rewritten("factor_cancel", expr, g, _away_from(engine))


def _transcendental(expr: Expr) -> set[str]:
    """The kinds of non-algebraic parts in ``expr`` (sin, exp, log, ...): a factor common to
    a numerator and a denominator can involve one only if both have it."""
    kinds = set()
    for node, _ in preorder(expr):
        kind = type(node)
        if kind is Call and node.name not in ("sqrt", "cbrt", "abs"):  # type: ignore[attr-defined]
            kinds.add("exp" if node.name == "exp" else node.name)  # type: ignore[attr-defined]
        elif kind is Pow and (node.children[0] == E or fraction_of(node.children[1]) is None):
            kinds.add("exp")
        elif kind is Log:
            kinds.add("ln")
    return kinds


def _negative(exponent: Expr) -> bool:
    return type(exponent) is Neg or (type(exponent) is Number and exponent.value < 0)  # type: ignore[attr-defined]


def _reordered(expr: Expr, g: Expr) -> bool:
    """Whether ``g`` only writes ``expr``'s terms in another order: nothing cancelled."""
    same_bottom = type(expr) is Div and type(g) is Div and expr.children[1] == g.children[1]
    return same_bottom and size_as_written(g) >= size_as_written(expr)


def _away_from(engine: Engine) -> str:
    return "" if engine.point.infinite else f"for {engine.var} != {engine.point.expr}"


_IN_SIN_AND_COS = {
    "tan": lambda u: Div(Call("sin", u), Call("cos", u)), "sec": lambda u: Div(1, Call("cos", u)),
    "csc": lambda u: Div(1, Call("sin", u)), "cot": lambda u: Div(Call("cos", u), Call("sin", u)),
}


def together_fractions(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """oo - oo of fractions: one fraction over the common denominator (tan, sec, csc and cot
    written with sin and cos first: tan(x) - sec(x) = (sin(x) - 1)/cos(x))."""
    trig = {node: _IN_SIN_AND_COS[node.name](node.argument) for node, _ in preorder(expr)  # type: ignore[attr-defined]
            if type(node) is Call and node.name in _IN_SIN_AND_COS}  # type: ignore[attr-defined]
    source = substitute(expr, trig) if trig else expr
    if not any(type(node) is Div for node, _ in preorder(source)):
        return None
    try:
        g = together(source)
    except SymdiffError:
        return None
    note = "tan, sec, csc and cot written with sin and cos" if trig else ""
    return engine.rewritten("together", expr, g, note)


def combine_logarithms(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """ln(a) - ln(b) = ln(a/b), ln(a) + ln(b) = ln(a*b), c*ln(a) = ln(a^c): one logarithm. A
    term that is no logarithm is one written as ln(e^u) = u, and softplus(u) is ln(1 + e^u):
    softplus(x) - x = ln((1 + e^x)/e^x)."""
    if type(expr) not in (Add, Sub):
        return None
    signs = [1, -1] if type(expr) is Sub else [1] * len(expr.children)
    top: list[Expr] = []
    bottom: list[Expr] = []
    logarithms = 0
    for sign, term in zip(signs, expr.children, strict=True):
        if type(term) is Neg:
            sign, term = -sign, term.children[0]
        if type(term) is Call and term.name in ("ln", "log"):  # type: ignore[attr-defined]
            logarithms += 1
            (top if sign > 0 else bottom).append(term.children[0])
        elif type(term) is Call and term.name == "softplus":  # type: ignore[attr-defined]
            logarithms += 1  # softplus(u) = ln(1 + e^u)
            (top if sign > 0 else bottom).append(Add(Number(1), Pow(E, term.children[0])))
        else:
            (top if sign > 0 else bottom).append(Pow(E, term))
    if not logarithms:
        return None
    inside: Expr = top[0] if len(top) == 1 else Mul(*top) if top else Number(1)
    if bottom:
        inside = Div(inside, bottom[0] if len(bottom) == 1 else Mul(*bottom))
    return engine.rewritten("log_combine", expr, Call("ln", inside))


def conjugate(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """(A - B)(A + B) = A^2 - B^2 clears a square root from a sum or difference."""
    if type(expr) is Div:
        top, bottom = expr.children
        for inside, which in ((top, "top"), (bottom, "bottom")):
            pair = _root_pair(inside)
            if pair is None:
                continue
            a, b, sign = pair
            partner = Sub(a, b) if sign > 0 else Add(a, b)
            cleared = _difference_of_squares(a, b)
            if cleared is None:
                continue
            g: Expr = Div(cleared, Mul(bottom, partner)) if which == "top" else Div(Mul(top, partner), cleared)
            return _conjugate_step(engine, expr, g, partner)
        return None
    if type(expr) is Mul:  # a factor A - B with a root: the product becomes a quotient
        for i, factor in enumerate(expr.children):
            pair = _root_pair(factor)
            cleared = None if pair is None else _difference_of_squares(pair[0], pair[1])
            if pair is None or cleared is None:
                continue
            a, b, sign = pair
            partner = Sub(a, b) if sign > 0 else Add(a, b)
            others = expr.children[:i] + expr.children[i + 1:]
            kept = others if cleared == Number(1) else (*others, cleared)
            top = kept[0] if len(kept) == 1 else Mul(*kept)
            return _conjugate_step(engine, expr, Div(top, partner), partner)
        return None
    pair = _root_pair(expr)
    if pair is None:
        return None
    a, b, sign = pair
    partner = Sub(a, b) if sign > 0 else Add(a, b)
    cleared = _difference_of_squares(a, b)
    if cleared is None:
        return None
    return _conjugate_step(engine, expr, Div(cleared, partner), partner)


def _conjugate_step(engine: Engine, expr: Expr, g: Expr, partner: Expr) -> Outcome | None:
    if not engine.point.infinite:
        try:
            g = cancel(g)
        except SymdiffError:
            pass
    return engine.rewritten("conjugate", expr, g, f"multiply above and below by {partner}",
                     bindings=(("conjugate", partner),))


def _root_pair(expr: Expr) -> tuple[Expr, Expr, int] | None:
    """``expr`` as A + sign*B with a square root in A or B, or None."""
    kind = type(expr)
    if kind is Sub:
        a, b, sign = expr.children[0], expr.children[1], -1
    elif kind is Add and len(expr.children) == 2:
        a, b = expr.children
        sign = 1
        if type(b) is Neg:
            b, sign = b.children[0], -1
    else:
        return None
    if _square_root(a) is None and _square_root(b) is None:
        return None
    return a, b, sign


def _square_root(expr: Expr) -> Expr | None:
    """u when ``expr`` is sqrt(u) (or c*sqrt(u)), else None."""
    if type(expr) is Mul and len(expr.children) == 2 and not expr.children[0].free_symbols:
        expr = expr.children[1]
    if type(expr) is Call and expr.name == "sqrt":  # type: ignore[attr-defined]
        return expr.children[0]
    if type(expr) is Root and expr.index == 2:  # type: ignore[attr-defined]
        return expr.children[0]
    if type(expr) is Pow and expr.children[1] == Div(1, 2):
        return expr.children[0]
    return None


def _difference_of_squares(a: Expr, b: Expr) -> Expr | None:
    try:
        return tidy(Sub(Pow(a, 2), Pow(b, 2)))
    except SymdiffError:
        return None


def e_limit(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """(1 + w)^v -> e^(lim v*w) when w -> 0 and v -> oo: the limit that defines e."""
    if type(expr) is not Pow:
        return None
    base, exponent = expr.children
    try:
        w = tidy(Sub(base, 1))
    except SymdiffError:
        return None
    try:
        product = tidy(Mul(exponent, w))
    except SymdiffError:
        product = Mul(exponent, w)
    value, step = engine.limit(product)
    result = _exp_of(value)
    if result is None:
        return None
    return result, engine.step("e_limit", expr, result, (step,), (("w", w), ("v", exponent), ("vw", product)))


def _exp_of(value: Value) -> Value | None:
    if value.kind == FINITE:
        return finite(Pow(E, value.exact), 2.718281828459045 ** value.approx)  # type: ignore[arg-type]
    if value.kind == INFINITE:
        return infinite(1) if value.c > 0 else Value(FINITE, Number(0), 0.0, 1, 0)  # type: ignore[operator]
    return None


def log_rewrite(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """u^v = e^(v*ln(u)): the exponent's limit decides 1^oo, 0^0 and oo^0."""
    if type(expr) is not Pow:
        return None
    base, exponent = expr.children
    product = Mul(exponent, Call("ln", base))
    value, step = engine.limit(product)
    result = _exp_of(value)
    if result is None:
        return None
    return result, engine.step("log_rewrite", expr, result, (step,), (("g", Pow(E, product)),),
                               f"lim {product} = {value.text()}")


def product_to_quotient(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """0*oo as a quotient: u*v = v/(1/u), which is oo/oo (or 0/0), for L'Hôpital's rule."""
    if type(expr) is not Mul:
        return None
    vanishing = [f for f, (value, _) in zip(expr.children, parts, strict=True) if value.is_zero]
    rest = [f for f, (value, _) in zip(expr.children, parts, strict=True) if not value.is_zero]
    if not vanishing or not rest:
        return None
    small = vanishing[0] if len(vanishing) == 1 else Mul(*vanishing)
    large = rest[0] if len(rest) == 1 else Mul(*rest)
    if any(_is_zero(factor) for factor in vanishing):  # (x - x)*tan(x): 0 wherever tan(x) is
        return engine.rewritten("simplify_first", expr, Number(0))
    quotients = []
    for top, under in ((large, small), (small, large)):
        if type(under) is Call and under.name in _RECIPROCALS:  # 1/sec(x) is cos(x), which L'Hôpital can use
            quotients.append((top, Call(_RECIPROCALS[under.name], under.argument)))
            continue
        try:
            quotients.append((top, tidy(Div(1, under))))
        except SymdiffError:
            continue
    # The shorter reciprocal first, as a textbook picks: ln(x)/(1/x) for x*ln(x), and
    # (1 - sin(x))/(1/tan(x)) for (1 - sin(x))*tan(x), whose other quotient, over 1/(1 - sin(x)),
    # sends L'Hôpital's rule into ever longer powers of sec(x).
    quotients.sort(key=lambda quotient: size_as_written(quotient[1], _SHORT_RECIPROCAL))
    for top, reciprocal in quotients:
        found = _try(lambda top=top, reciprocal=reciprocal: engine.rewritten(
            "product_to_quotient", expr, Div(top, reciprocal)))
        # u*v is defined near the point (its parts have limits): a quotient that is not, divides by 0
        if found is not None and found[0].kind != UNDEFINED:
            return found
    return None


_RECIPROCALS = {"sec": "cos", "csc": "sin", "cot": "tan", "sech": "cosh", "csch": "sinh", "coth": "tanh"}
_SHORT_RECIPROCAL = 200  # sizes past this are all "long": the sort only needs to tell short ones apart


def _is_zero(factor: Expr) -> bool:
    try:
        return tidy(factor) == Number(0)
    except SymdiffError:
        return False


def _try(attempt: Callable[[], Outcome | None]) -> Outcome | None:
    try:
        return attempt()
    except LimitError:
        return None


def lhopital(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """lim u/v = lim u'/v' for 0/0 and oo/oo, when v' is not 0 near the point and the new
    limit exists (finite or infinite); otherwise the rule says nothing."""
    if type(expr) is not Div or engine.lhopital >= MAX_LHOPITAL:
        return None
    top, bottom = expr.children
    try:
        d_top, d_bottom = derive(top, engine.var), derive(bottom, engine.var)
    except SymdiffError:
        return None
    engine.lhopital += 1
    try:
        slope = engine.with_trend(d_bottom.result, engine.limit(d_bottom.result)[0])
        if not _never_zero(slope):
            return None
        g = Div(d_top.result, d_bottom.result)
        try:  # one fraction: (cos(x)/sin(x))/(1/x) is x*cos(x)/sin(x)
            g = tidy(g)
        except SymdiffError:
            pass
        value, step = engine.limit(g)
    finally:
        engine.lhopital -= 1
    if value.kind not in (FINITE, INFINITE):
        return None
    return value, engine.step("lhopital", expr, value, (d_top.trace, d_bottom.trace, step),
                              (("u'", d_top.result), ("v'", d_bottom.result), ("g", g)))


def _never_zero(value: Value) -> bool:
    """Whether a function with this limit is non-zero near the point (v' != 0, for L'Hôpital)."""
    if value.kind == INFINITE:
        return True
    return value.kind == FINITE and (value.approx != 0 or value.c not in (0, None))


METHODS: dict[str, Method] = {
    "sign_analysis": sign_analysis,
    "factor_cancel": factor_cancel,
    "conjugate": conjugate,
    "cube_conjugate": cube_conjugate,
    "together": together_fractions,
    "log_combine": combine_logarithms,
    "standard_limits": standard_limits,
    "highest_power": highest_power,
    "dominance": dominant,
    "e_limit": e_limit,
    "log_rewrite": log_rewrite,
    "product_to_quotient": product_to_quotient,
    "exponential_form": exponential_form,
    "lhopital": lhopital,
}
assert set(METHODS) <= set(LIMIT_RULES)
