"""The derivative from its definition, the delta method: f'(x) = lim[h->0] (f(x + h) - f(x))/h.

``first_principles(expr, wrt)`` writes out the difference quotient and works it the way a
textbook does, one named step at a time, until h can be let go to 0:

- a polynomial: expand the numerator, combine like terms, cancel h;
- a rational function: combine the two fractions first;
- the square root of a polynomial: multiply by the conjugate, then as above;
- sin x, cos x, e^x: the angle-addition or exponent law, then the standard limits
  sin(h)/h -> 1, (cos(h) - 1)/h -> 0 and (e^h - 1)/h -> 1.

The result is a ``Derivation`` (explain, LaTeX, JSON as for ``derive``), and its answer is
checked against ``diff``'s before it is returned: a mismatch is an error, never an answer.
``difference_quotients`` is the numeric companion: the quotient for h = 1, 0.1, ... at a point.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..algebra.defined import no_value_anywhere, undefined_constant
from ..algebra.expansion import expand
from ..algebra.fraction_forms import cancel, together
from ..algebra.polynomial import AlgebraError
from ..algebra.simplify import Simplifier
from ..algebra.textbook import simplify
from ..core.errors import SymdiffError, quote
from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol, UndefinedCall, named_symbol
from ..core.printer import to_text
from ..core.traversal import preorder, size_as_written, substitute
from ..syntax.parser import to_expr
from .differentiate import DifferentiationError, diff
from .trace import Derivation, Step

__all__ = ["DEFINITION", "difference_quotients", "first_principles"]

DEFINITION = "f'(x) = lim[h->0] (f(x + h) - f(x))/h"


def _definition(x: Symbol, h: Symbol) -> str:
    """The definition with the names the steps use: f'(y) for a derivative by y, the step k
    where the expression has an h of its own."""
    x_, h_ = x.name, h.name
    return f"f'({x_}) = lim[{h_}->0] (f({x_} + {h_}) - f({x_}))/{h_}"
_ZERO, _ONE = Number(0), Number(1)
# A worked quotient past this many nodes written out is declined: it is pages long, and
# 41 fractions 1/(x + k) took 15 s to expand before the steps were refused.
MAX_WORKED_NODES = 2_000


def first_principles(expr: Expr | str, wrt: str | Symbol = "x") -> Derivation:
    """The derivative of ``expr`` by ``wrt`` worked from the definition, every step named.

    Works for polynomials, rational functions, square roots of polynomials, and sin, cos and
    the exponential of the variable itself; anything else is a ``DifferentiationError`` that
    says so (``derive`` works it by the rules).
    """
    f = to_expr(expr)
    x = _variable(wrt)
    h = _step_name(f, x)
    answer = diff(f, x)
    work = _Work(f, x, h)
    kind = _kind(f, x)
    if kind is None:
        raise DifferentiationError(
            f"first_principles works from the definition for polynomials, rational functions, square roots "
            f"of polynomials, sin({x.name}), cos({x.name}) and e^{x.name}; {quote(str(f))} is none of these: "
            f"differentiate it by the rules instead (derive in Python, the expression alone in the session, "
            f"{_on_the_command_line(f)})"
        )
    kind(work)
    value = work.current
    if value != answer:
        if not _same_value(value, answer):
            raise DifferentiationError(
                f"the definition gave {to_text(value, 60)}, not the derivative {to_text(answer, 60)}: not shown")
        work.rewrite("simplify.order", "Write in standard form", "", value, answer)
    steps = tuple(work.steps)
    trace = Step("derivative", "Derivative from the definition", "d/dx[f(x)]", f, x, answer, (
        Step("first_principles", "Definition of the derivative", _definition(x, h), work.quotient, x, answer, steps,
             bindings=(("f", f),)),
    ))
    return Derivation(f, x, 1, trace, answer)


def _same_value(value: Expr, answer: Expr) -> bool:
    """Whether the definition's value is the derivative: the simplifier says so, or, for the
    rational functions it leaves apart (16 fractions put over one denominator), their difference
    cancels to 0, exactly."""
    difference = Sub(value, answer)
    if simplify(difference) == _ZERO:
        return True
    try:
        return cancel(difference) == _ZERO
    except AlgebraError:
        return False


def _on_the_command_line(f: Expr) -> str:
    """How the command line differentiates ``f`` by the rules: symdiff 'x^x', if that is short."""
    text = to_text(f)
    return f"symdiff {quote(text)} on the command line" if len(text) <= 40 else "symdiff EXPRESSION on the command line"


class _Work:
    """The quotient as it is being worked, and the steps so far."""

    def __init__(self, f: Expr, x: Symbol, h: Symbol) -> None:
        self.f, self.x, self.h = f, x, h
        shifted = _flattened(substitute(f, {x: Add(x, h)}))
        self.quotient = Div(Sub(UndefinedCall("f", Add(x, h)), UndefinedCall("f", x)), h)
        self.written = Div(Sub(shifted, f), h)
        self.shifted = shifted
        self.steps: list[Step] = []
        self.current: Expr = self.quotient
        self.rewrite("simplify.substitute", f"Write out f({x.name} + {h.name}) and f({x.name})", "",
                     self.quotient, self.written)

    def rewrite(self, rule: str, name: str, formula: str, at: Expr, to: Expr, note: str = "") -> None:
        """One step that rewrites ``at`` (a part of the current quotient, or all of it) as ``to``."""
        whole = to if at is self.current else substitute(self.current, {at: to})
        if size_as_written(whole, MAX_WORKED_NODES) > MAX_WORKED_NODES:
            raise DifferentiationError(
                f"worked from the definition, the difference quotient grows past {MAX_WORKED_NODES:,} nodes "
                f"({name.lower()}): too long to show by hand; differentiate it by the rules instead (derive in "
                f"Python, the expression alone in the session, {_on_the_command_line(self.f)})"
            )
        self.steps.append(Step(rule, name, formula, self.current, self.h, whole,
                               bindings=(("at", at), ("to", to)), note=note))
        self.current = whole

    def take_limit(self, value: Expr, law: str, note: str) -> None:
        """Let h go to 0 in the current expression."""
        self.steps.append(Step("limit", f"Let {self.h.name} go to 0", law, self.current, self.h, value,
                               bindings=(("point", _ZERO),), note=note))
        self.current = value


# --- the kinds of function, each worked its own way -------------------------------------------------


def _polynomial(work: _Work) -> None:
    numerator = work.current.numerator  # type: ignore[attr-defined]
    expanded = _expanded(numerator)
    work.rewrite("simplify.distribute", "Expand the numerator and combine like terms", "a*(b + c) = a*b + a*c",
                 numerator, expanded)
    _cancel_and_let_go(work)


def _rational(work: _Work) -> None:
    numerator = work.current.numerator  # type: ignore[attr-defined]
    combined = together(numerator)
    work.rewrite("simplify.fraction", "Combine the fractions", "a/b - c/d = (a*d - b*c)/(b*d)", numerator, combined)
    top = combined.numerator if type(combined) is Div else combined  # type: ignore[attr-defined]
    expanded = _expanded(top)
    if expanded != top:
        work.rewrite("simplify.distribute", "Expand the numerator and combine like terms", "a*(b + c) = a*b + a*c",
                     top, expanded)
    _cancel_and_let_go(work)


def _square_root(work: _Work) -> None:
    numerator = work.current.numerator  # type: ignore[attr-defined]
    upper, lower = numerator.left, numerator.right  # sqrt(u(x + h)) - sqrt(u(x))
    conjugate = Add(upper, lower)
    times = Div(Mul(numerator, conjugate), Mul(work.h, conjugate))
    work.rewrite("simplify.conjugate", "Multiply by the conjugate over itself",
                 "(a - b)/h = (a - b)*(a + b)/(h*(a + b))", work.current, times)
    difference = Sub(upper.argument, lower.argument)
    squares = Div(difference, Mul(work.h, conjugate))
    work.rewrite("simplify.squares", "Difference of squares", "(a - b)*(a + b) = a^2 - b^2", work.current, squares)
    expanded = _expanded(difference)
    work.rewrite("simplify.distribute", "Expand the numerator and combine like terms", "a*(b + c) = a*b + a*c",
                 difference, expanded)
    _cancel_and_let_go(work)


# sin and cos by angle addition: sin(x + h) = sin(x)*cos(h) + cos(x)*sin(h) and
# cos(x + h) = cos(x)*cos(h) - sin(x)*sin(h); grouped by the functions of x, the standard
# limits (cos(h) - 1)/h -> 0 and sin(h)/h -> 1 leave cos(x) and -sin(x).
_ANGLE_ADDITION = {
    "sin": ("sin(a + b) = sin(a)*cos(b) + cos(a)*sin(b)", "cos", 1, "Group by sin({x}) and cos({x})"),
    "cos": ("cos(a + b) = cos(a)*cos(b) - sin(a)*sin(b)", "sin", -1, "Group by cos({x}) and sin({x})"),
}


def _angle_addition(work: _Work) -> None:
    x, h = work.x, work.h
    name = work.f.name  # type: ignore[attr-defined]
    law, other, sign, grouping = _ANGLE_ADDITION[name]
    grouping = grouping.format(x=x.name)
    same, different = (lambda u: Call(name, u)), (lambda u: Call(other, u))
    cos, sin = (lambda u: Call("cos", u)), (lambda u: Call("sin", u))
    combine = Add if sign > 0 else Sub
    work.rewrite("simplify.identity", "Angle addition", law, work.shifted,
                 combine(Mul(same(x), cos(h)), Mul(different(x), sin(h))))
    work.rewrite("simplify.regroup", grouping, "", work.current,
                 combine(Mul(same(x), Div(Sub(cos(h), _ONE), h)), Mul(different(x), Div(sin(h), h))))
    k = h.name
    work.take_limit(combine(Mul(same(x), _ZERO), Mul(different(x), _ONE)),
                    f"lim[{k}->0] (cos({k}) - 1)/{k} = 0, lim[{k}->0] sin({k})/{k} = 1", "the standard limits")
    work.rewrite("simplify.identity", "Drop zero terms and factors of one", "u + 0 = u, 1*u = u", work.current,
                 different(x) if sign > 0 else Neg(different(x)))


def _exponential(work: _Work) -> None:
    x, h = work.x, work.h
    base = work.f.base if type(work.f) is Pow else None  # type: ignore[attr-defined]
    power: Callable[[Expr], Expr] = (lambda u: Pow(base, u)) if base is not None else (lambda u: Call("exp", u))
    work.rewrite("simplify.powers", "Exponent law", "e^(a + b) = e^a*e^b", work.shifted, Mul(power(x), power(h)))
    factored = Mul(power(x), Div(Sub(power(h), _ONE), h))
    work.rewrite("simplify.factor_out", "Take out the common factor", "a*b - a = a*(b - 1)", work.current, factored)
    work.take_limit(Mul(power(x), _ONE), f"lim[{h.name}->0] (e^{h.name} - 1)/{h.name} = 1", "the standard limit")
    work.rewrite("simplify.identity", "Drop factors of one", "1*u = u", work.current, power(x))


def _cancel_and_let_go(work: _Work) -> None:
    """Cancel h from the quotient, then let h go to 0 (what is left is continuous at h = 0)."""
    h = work.h
    try:
        cancelled = cancel(work.current)
    except AlgebraError as error:
        raise DifferentiationError(f"the difference quotient is too large to work by hand: {error}") from None
    if h in cancelled.free_symbols and _at_zero(cancelled, h) is None:
        raise DifferentiationError("h does not cancel from the difference quotient: not shown")
    work.rewrite("simplify.cancel", f"Cancel {h.name}", "(a*h)/(b*h) = a/b", work.current, cancelled,
                 note=f"{h.name} ≠ 0 on the way to the limit")
    value = _at_zero(cancelled, h)
    assert value is not None
    _confirmed(cancelled, h, work.x, value)
    k = h.name
    work.take_limit(value, f"lim[{k}->0] g({k}) = g(0)", f"what is left is continuous at {k} = 0: put {k} = 0")
    tidy = simplify(value)
    if tidy != value:
        work.rewrite("simplify.fold", "Simplify", "", work.current, tidy)


def _confirmed(expr: Expr, h: Symbol, x: Symbol, value: Expr) -> None:
    """symdiff.limit must agree that ``expr`` -> ``value`` as h -> 0, at sample values of x (the
    limit engine takes one variable): a disagreement is an error, not a step shown."""
    from fractions import Fraction

    from ..core.expr import number
    from .limits import LimitError, limit

    others = expr.free_symbols - {h, x}
    for sample in (Fraction(37, 100), Fraction(17, 10)):
        point = {x: number(sample), **{other: number(Fraction(13, 10)) for other in others}}
        try:
            expected = value.evaluate({s.name: float(v.evaluate()) for s, v in point.items()})
            found = limit(substitute(expr, point), h, 0).value
        except (LimitError, SymdiffError):
            continue  # undefined there, or undecided: the step's own argument (continuity) stands
        if found is None or abs(found.evaluate() - expected) > 1e-9 * max(1.0, abs(expected)):
            raise DifferentiationError(f"the limit as {h.name} -> 0 came out as {found}, not {value}: not shown")


def _at_zero(expr: Expr, h: Symbol) -> Expr | None:
    """``expr`` at h = 0, simplified, or None where it has no value there."""
    value = simplify(substitute(expr, {h: _ZERO}))
    return None if any(type(node) is Div and node.denominator == _ZERO for node, _ in preorder(value)) else value


def _flattened(expr: Expr) -> Expr:
    """(x + h) + 1 written x + h + 1: a sum that starts with the sum x + h reads as one sum."""
    from ..core.traversal import fold

    def combine(node: Expr, kids: list[Expr]) -> Expr:
        if type(node) is Add and kids and type(kids[0]) is Add:
            return Add(*kids[0].terms, *kids[1:])  # type: ignore[attr-defined]
        return node.with_children(tuple(kids))

    return fold(expr, combine)


def _expanded(expr: Expr) -> Expr:
    try:
        return expand(expr)
    except AlgebraError as error:
        raise DifferentiationError(f"the difference quotient is too large to work by hand: {error}") from None


# --- recognising the kind -----------------------------------------------------------------------------


def _kind(f: Expr, x: Symbol) -> Callable[[_Work], None] | None:
    if f in (Call("sin", x), Call("cos", x)):
        return _angle_addition
    if f == Call("exp", x) or (type(f) is Pow and f.base == Constant("e") and f.exponent == x):  # type: ignore[attr-defined]
        return _exponential
    if type(f) is Call and f.name == "sqrt" and _polynomial_in(f.argument, x) and x in f.free_symbols:  # type: ignore[attr-defined]
        return _square_root
    if _polynomial_in(f, x):
        return _polynomial
    if _polynomial_in(f, x, divisions=True):
        return _rational
    return None


_ARITHMETIC = (Number, Symbol, Constant, Add, Sub, Mul, Div, Neg)


def _polynomial_in(expr: Expr, x: Symbol, *, divisions: bool = False) -> bool:
    """Numbers, symbols, sums, products and whole powers of x (and with ``divisions``, quotients:
    a rational function); any other function of x is not."""
    for node, _ in preorder(expr):
        kind = type(node)
        if kind is Pow:
            exponent = node.exponent  # type: ignore[attr-defined]
            if not (type(exponent) is Number and isinstance(exponent.value, int)) and x in node.free_symbols:
                return False
        elif kind is Div and not divisions and x in node.denominator.free_symbols:  # type: ignore[attr-defined]
            return False
        elif kind not in _ARITHMETIC and kind is not Pow and x in node.free_symbols:
            return False
    return True


def _variable(wrt: object) -> Symbol:
    named = named_symbol(wrt)
    if named is not None:
        return named
    raise DifferentiationError(f"the variable is a name such as x, not {quote(wrt)}")


def _step_name(f: Expr, x: Symbol) -> Symbol:
    """h, unless the function already uses it."""
    taken = {symbol.name for symbol in f.free_symbols} | {x.name}
    return Symbol(next(name for name in ("h", "k", *(f"h_{i}" for i in range(1, len(taken) + 2)))
                       if name not in taken))


# --- the numeric companion ---------------------------------------------------------------------------


def difference_quotients(expr: Expr | str, at: float | str, wrt: str | Symbol = "x",
                         steps: int = 8) -> list[tuple[float, float, float]]:
    """(h, (f(a + h) - f(a))/h, its distance from f'(a)) for h = 1, 0.1, ..., 10^-(steps - 1):
    the secant slopes approaching the tangent's, until floating point loses them. An h that
    takes a + h outside f's domain has no row. Where f may have no derivative at a (a function
    in it is at a corner or a jump there: abs(x), relu(x), sign(x) at 0), there is no f'(a) to
    be near, and the distance is nan: the slopes from the right are still shown."""
    from ..core.evaluate import evaluate

    f = to_expr(expr)
    x = _variable(wrt)
    nowhere = no_value_anywhere(f)
    if nowhere is not None:  # x + tan(pi/2): floats give it values, and secants through them
        raise DifferentiationError(f"{nowhere}, so it has no difference quotients")
    if not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= 17:
        raise SymdiffError(f"steps is a whole number from 1 to 17, not {quote(steps)}")
    if isinstance(at, bool) or not isinstance(at, (int, float, str)):
        raise SymdiffError(f"the point is a number, not {quote(at)}")
    if isinstance(at, str):
        why = undefined_constant(to_expr(at), Simplifier())  # tan(pi/2): floats give 1.6e16
        if why is not None:
            raise SymdiffError(f"the point has no value: {why}")
    try:
        a = float(evaluate(to_expr(at)) if isinstance(at, str) else at)
    except OverflowError:
        a = math.inf
    if not math.isfinite(a):
        raise SymdiffError(f"the point is a finite number, not {quote(at)}")
    base = evaluate(f, {x.name: float(a)})
    slope = evaluate(diff(f, x), {x.name: float(a)}) if _smooth_at(f, x, a) else math.nan
    rows = []
    for k in range(steps):
        step = 10.0 ** -k
        try:
            quotient = (evaluate(f, {x.name: a + step}) - base) / step
        except SymdiffError:
            continue  # a + h outside f's domain (sqrt(1 - x^2) at 0.5 with h = 1): no secant there
        rows.append((step, quotient, abs(quotient - slope)))
    return rows


def _smooth_at(f: Expr, x: Symbol, a: float) -> bool:
    """Whether every function in ``f`` is differentiable where its argument is at x = a: d/dx
    of abs(x) is sign(x), which is 0 at 0, where |x| has no derivative."""
    from ..core.evaluate import evaluate
    from ..core.expr import Call
    from ..core.traversal import preorder
    from .limit_functions import smooth_at

    for node, _ in preorder(f):
        if type(node) is Call and node.children:
            try:
                t = evaluate(node.children[0], {x.name: a})
            except SymdiffError:
                return False
            if not smooth_at(node.name, t):  # type: ignore[attr-defined]
                return False
    return True
