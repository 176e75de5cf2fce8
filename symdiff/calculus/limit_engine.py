"""The limit engine: the limit of each part by the limit laws, and a method where a form is indeterminate.

``Engine.limit(expr)`` works from the top down, as a textbook does. An expression continuous at
the point is done by direct substitution. Otherwise its parts' limits are found first and
combined by a law of ``limit_forms`` (or ``limit_functions`` for a function of a part); where
the parts' limits leave the form indeterminate, the methods of ``FORM_METHODS`` are tried in
order (``limit_methods``), each rewriting the expression into one whose limit is then found
the same way. Every result is a ``Step`` whose result is the limit of its expression, so a
trace can be checked step by step.

The engine declines (``LimitError``) rather than guess: when no method decides a form, when a
sign it needs is unknown, or when the work grows past ``MAX_WORK`` limits or ``MAX_DEPTH``
nested ones. Results (and refusals) are remembered per expression.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..algebra.textbook import simplify
from ..core.errors import EvaluationError, SymdiffError
from ..core.evaluate import evaluate, real_root
from ..core.expr import Add, Call, Derivative, Div, Expr, Log, Mul, Neg, Pow, Root, Sub, Symbol, UndefinedCall
from ..core.traversal import fold
from .differentiate import diff
from .limit_continuity import PointValues
from .limit_exact import ZERO_TOLERANCE, exact_value
from .limit_forms import (
    BOUNDED,
    FINITE,
    FORMS,
    UNDECIDED,
    Law,
    LimitError,
    Value,
    add,
    divide,
    finite,
    infinite,
    multiply,
    negate,
    undefined,
)
from .limit_functions import compose, continuous_at
from .limit_powers import power
from .limit_rules import FORM_FORMULAS, FORM_METHODS, LIMIT_RULES
from .trace import Step

__all__ = ["MAX_DEPTH", "MAX_WORK", "Engine", "LimitError", "Point"]

MAX_DEPTH = 40  # nested limits (parts of parts, rewrites of rewrites) before the engine declines
MAX_WORK = 600  # distinct limits worked out for one question
MAX_LHOPITAL = 6  # applications of L'Hôpital's rule in a row
MAX_TREND_ORDER = 6  # derivatives tried to find the side a smooth function approaches from


@dataclass(frozen=True, slots=True)
class Point:
    """Where the variable goes: a number (``expr`` exact, ``at`` its float), or oo or -oo."""

    expr: Expr
    at: float
    infinite: int = 0  # +1 for oo, -1 for -oo


Outcome = tuple[Value, Step]
Method = Callable[["Engine", Expr, list[Outcome]], "Outcome | None"]


class Engine:
    """Limits of expressions in ``var`` as it approaches ``point`` from ``sides`` (+1, -1; 0 both)."""

    def __init__(self, var: Symbol, point: Point, sides: int, methods: dict[str, Method]) -> None:
        self.methods = methods  # limit_methods.METHODS, by name (that module builds on this one)
        self.var = var
        self.point = point
        self.sides = sides
        self.memo: dict[Expr, Outcome | LimitError] = {}
        self.open: set[Expr] = set()  # the expressions whose limits are being worked out
        self.trended: dict[Expr, Value] = {}  # limits with the side they approach from, found later
        self.depth = 0
        self.work = 0
        self.lhopital = 0
        self.tried: list[str] = []  # the methods tried, for the message when declining
        self.at_point = PointValues(var, point.at)
        self._depends: dict[int, tuple[Expr, bool]] = {}
        self._depends_on: dict[Expr, bool] = {}

    # --- the limit of one expression ----------------------------------------------------------
    def limit(self, expr: Expr) -> Outcome:
        known = self.memo.get(expr)
        if known is not None:
            if isinstance(known, LimitError):
                raise known
            return known
        if expr in self.open:  # a rewrite came back to an expression being worked on: that path is circular
            raise LimitError(f"the methods for {_short(expr)} go round in a circle")
        self.work += 1
        if self.work > MAX_WORK or self.depth >= MAX_DEPTH:
            raise LimitError(f"the limit of {_short(expr)} needs more work than symdiff allows for one limit")
        self.depth += 1
        self.open.add(expr)
        try:
            outcome = self._limit(expr)
        except LimitError as declined:
            self.memo[expr] = declined
            raise
        finally:
            self.depth -= 1
            self.open.discard(expr)
        self.memo[expr] = outcome
        return outcome

    def _limit(self, expr: Expr) -> Outcome:
        var = self.var
        kind = type(expr)
        if expr == var:
            value = infinite(self.point.infinite) if self.point.infinite else self._variable_value()
            return value, self.step("variable", expr, value)
        if kind in (UndefinedCall, Derivative):
            raise LimitError(f"{_short(expr)} has no limit symdiff can find: work it out or define it first")
        if not self.depends(expr):
            return self._constant(expr)
        if not self.point.infinite and self.continuous(expr):
            at = self.value_at(expr)
            value = finite(expr.subs(var, self.point.expr), at)  # type: ignore[arg-type]
            return value, self.step("direct_substitution", expr, value)
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise LimitError(f"symdiff has no limit law for {_short(expr)}")
        return handler(self, expr)

    def _variable_value(self) -> Value:
        c, p = (1, 1) if self.sides == 0 else (self.sides, 0)
        return Value(FINITE, self.point.expr, self.point.at, c, p)

    def _constant(self, expr: Expr) -> Outcome:
        try:
            at = evaluate(expr)
        except EvaluationError as error:
            value = undefined(f"{_short(expr)} has no value: {error}")
            return value, self.step("undefined_part", expr, value)
        # e^-50 is 1.9e-22, not 0: only a value exact_value finds to be 0 is 0.0
        written, at = exact_value(expr, at)
        value = Value(FINITE, written, at, 0, 0)
        return value, self.step("constant", expr, value)

    # --- steps ----------------------------------------------------------------------------------
    def step(self, rule: str, expr: Expr, value: Value, substeps: tuple[Step, ...] = (),
             bindings: tuple[tuple[str, Expr], ...] = (), note: str = "", formula: str = "") -> Step:
        law = LIMIT_RULES[rule]
        result = value.expr()
        if result is None:  # no limit: the step records why, and its result is the expression itself
            note = note or value.why or value.text()
            result = expr
        return Step(rule, law.name, formula or law.formula, expr, self.var, result, substeps, bindings, note)

    def rewritten(self, rule: str, expr: Expr, g: Expr, note: str = "", before: tuple[Step, ...] = (),
                  formula: str = "", bindings: tuple[tuple[str, Expr], ...] = ()) -> Outcome | None:
        """``lim expr = lim g`` for a rewriting method ``rule`` (None if ``g`` is ``expr`` again)."""
        if g == expr:
            return None
        value, step = self.limit(g)
        return value, self.step(rule, expr, value, (*before, step), (*bindings, ("g", g)), note, formula)

    def combine(self, expr: Expr, law: Law, parts: list[Outcome]) -> Outcome:
        """The node's limit from its parts' by the law found, or by a method for a form."""
        rule, value = law
        if rule in FORMS:
            return self.resolve(expr, rule, parts)
        if rule == UNDECIDED or value is None or (value.kind == BOUNDED and not value.oscillates):
            # the parts' limits do not decide it (cos(x) - cos(x), x*sin(x)/x): perhaps the algebra does
            simpler = self._simplified(expr)
            if simpler is not None:
                found = self.rewritten("simplify_first", expr, simpler)
                if found is not None:
                    return found
        if rule == UNDECIDED or value is None:
            raise LimitError(f"symdiff cannot decide the limit of {_short(expr)} from the limits of its parts "
                             f"({', '.join(part[0].text() for part in parts)})")
        return value, self.step(rule, expr, value, tuple(step for _, step in parts))

    def resolve(self, expr: Expr, form: str, parts: list[Outcome]) -> Outcome:
        for name in FORM_METHODS[form]:
            self.tried.append(LIMIT_RULES[name].name)
            try:
                found = self.methods[name](self, expr, parts)
            except LimitError:
                continue
            if found is not None:
                value, method_step = found
                substeps = (*(step for _, step in parts), method_step)
                title = f"{LIMIT_RULES['indeterminate'].name} {form}"
                result = value.expr()
                note = "" if result is not None else value.why or value.text()
                return value, Step("indeterminate", title, FORM_FORMULAS[form], expr, self.var,
                                   expr if result is None else result, substeps, note=note)
        tried = ", ".join(LIMIT_RULES[name].name for name in FORM_METHODS[form])
        raise LimitError(f"the limit of {_short(expr)} is the indeterminate form {form}, and no method decided "
                         f"it (tried: {tried})")

    def _simplified(self, expr: Expr) -> Expr | None:
        """``expr`` simplified (identities included: sin(x)^2 + cos(x)^2 = 1), if that changes it."""
        try:
            simpler = simplify(expr)
        except SymdiffError:
            return None
        return None if simpler == expr or simpler in self.open else simpler

    # --- what the methods and laws need to know -----------------------------------------------
    def value_at(self, expr: Expr) -> float:
        """The float value of ``expr`` at the (finite) point; only for expressions continuous there."""
        return self.at_point.value(expr)  # type: ignore[return-value]

    def depends(self, expr: Expr) -> bool:
        """Whether ``expr`` contains the variable (remembered per node)."""
        known = self._depends_on.get(expr)
        if known is None:
            var = self.var
            known = self._depends_on[expr] = fold(expr, lambda node, kids: any(kids) if kids else node == var,
                                                  self._depends)
        return known

    def continuous(self, expr: Expr, smooth: bool = False) -> bool:
        """Whether ``expr`` is continuous (``smooth``: analytic) at the finite point."""
        return self.at_point.continuous(expr, smooth)

    def with_trend(self, expr: Expr, value: Value) -> Value:
        """``value`` with the side ``expr`` approaches it from, found by the derivative test
        (the first derivative not 0 at the point decides) when the laws did not tell."""
        if value.kind != FINITE or value.c is not None or self.point.infinite:
            return value
        known = self.trended.get(expr)
        if known is not None:
            return known
        found = self._trend(expr, value)
        self.trended[expr] = found
        return found

    def part(self, expr: Expr) -> Outcome:
        """The limit of a part, with the side it approaches from when that was found."""
        value, step = self.limit(expr)
        return self.trended.get(expr, value), step

    def _trend(self, expr: Expr, value: Value) -> Value:
        by_laws = self._trend_by_laws(expr, value)  # cheap where the parts' trends are known
        if by_laws.c is not None or not self.continuous(expr, smooth=True):
            return by_laws
        derivative = expr
        for order in range(1, MAX_TREND_ORDER + 1):
            try:
                derivative = diff(derivative, self.var)
                slope = evaluate(derivative, {self.var.name: self.point.at})
            except SymdiffError:
                return value
            if abs(slope) > ZERO_TOLERANCE:
                c = 1 if slope > 0 else -1
                # f(a + h) - f(a) ~ f^(k)(a) h^k / k!: the sign flips with the side when k is odd
                p = order % 2
                if self.sides and p:
                    c, p = c * self.sides, 0
                return Value(FINITE, value.exact, value.approx, c, p)
        return value

    def _trend_by_laws(self, expr: Expr, value: Value) -> Value:
        """The trend the limit laws give, for an expression that direct substitution did whole
        but that is not smooth at the point (cbrt(x)^2 at 0 approaches 0 from above)."""
        handler = _HANDLERS.get(type(expr))
        if handler is None:
            return value
        try:
            for child in expr.children:
                if self.depends(child):
                    self.with_trend(child, self.limit(child)[0])
            found, _ = handler(self, expr)
        except LimitError:
            return value
        if found.kind == FINITE and found.c is not None and abs(found.approx - value.approx) <= ZERO_TOLERANCE:
            return Value(FINITE, value.exact, value.approx, found.c, found.p)
        return value


def _short(expr: Expr, limit: int = 60) -> str:
    text = str(expr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the laws, node by node -------------------------------------------------------------------


def _sum(engine: Engine, expr: Expr) -> Outcome:
    parts = [engine.part(term) for term in expr.children]
    if type(expr) is Sub:
        values = [parts[0][0], negate(parts[1][0])]
    else:
        values = [value for value, _ in parts]
    return engine.combine(expr, add(values), parts)


def _negation(engine: Engine, expr: Expr) -> Outcome:
    value, step = engine.part(expr.children[0])
    result = negate(value)
    return result, engine.step("product", expr, result, (step,), note="lim (-u) = -lim u")


def _product(engine: Engine, expr: Expr) -> Outcome:
    parts = [engine.part(factor) for factor in expr.children]
    return engine.combine(expr, multiply([value for value, _ in parts]), parts)


def _quotient(engine: Engine, expr: Expr) -> Outcome:
    top, bottom = (engine.part(part) for part in expr.children)
    if bottom[0].is_zero:
        bottom = (engine.with_trend(expr.children[1], bottom[0]), bottom[1])
    return engine.combine(expr, divide(top[0], bottom[0], engine.sides), [top, bottom])


def _power(engine: Engine, expr: Expr) -> Outcome:
    base_expr, exponent_expr = expr.children
    base, exponent = engine.part(base_expr), engine.part(exponent_expr)
    if base[0].is_zero:
        base = (engine.with_trend(base_expr, base[0]), base[1])
    constant_exponent = not engine.depends(exponent_expr)
    law = power(base[0], exponent[0], not engine.depends(base_expr), constant_exponent, engine.sides)
    # u^n with a constant n: the step for n itself says nothing
    return engine.combine(expr, law, [base] if constant_exponent else [base, exponent])


def _call(engine: Engine, expr: Expr) -> Outcome:
    name = expr.name  # type: ignore[attr-defined]
    inner, step = engine.part(expr.children[0])
    if inner.kind == FINITE and not continuous_at(name, inner.approx):
        inner = engine.with_trend(expr.children[0], inner)
    exact_call = Call(name, inner.exact) if inner.kind == FINITE else expr
    return engine.combine(expr, compose(name, exact_call, inner, engine.sides), [(inner, step)])


def _root(engine: Engine, expr: Expr) -> Outcome:
    index = expr.index  # type: ignore[attr-defined]
    inner, step = engine.part(expr.children[0])
    if inner.kind == FINITE and inner.approx:
        if inner.approx < 0 and index % 2 == 0:
            value = undefined(f"an even root needs a non-negative argument near the point, not {inner.approx:g}")
            return value, engine.step("outside_domain", expr, value, (step,))
        value = finite(Root(inner.exact, index), real_root(inner.approx, index), inner.c, inner.p)  # type: ignore[arg-type]
        return value, engine.step("composition", expr, value, (step,))
    if inner.kind == FINITE:
        inner = engine.with_trend(expr.children[0], inner)
    name = "cbrt" if index % 2 else "sqrt"
    return engine.combine(expr, compose(name, expr, inner, engine.sides), [(inner, step)])


def _log(engine: Engine, expr: Expr) -> Outcome:
    argument, base = expr.children
    rewritten = Div(Call("ln", argument), Call("ln", base))
    value, step = engine.part(rewritten)
    return value, engine.step("change_of_base", expr, value, (step,), (("g", rewritten),))


_HANDLERS = {
    Add: _sum, Sub: _sum, Neg: _negation, Mul: _product, Div: _quotient, Pow: _power, Call: _call, Root: _root,
    Log: _log,
}
