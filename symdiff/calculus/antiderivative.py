"""Antiderivatives by named textbook rules, each answer checked by differentiating it back.

``antiderivative(expr, wrt)`` returns an ``Antiderivation``: the integrand, the antiderivative
(without + C) and the trace, a tree of ``Step``s whose rules start with ``integrate.``. The
engine tries, in the order a textbook does: the constant rule, sum and difference, constant
multiples, the table of elementary integrals, powers of sin and cos, a linear substitution
u = a*x + b, rational functions (multiplying out, partial fractions, completing the square),
the substitution u = g(x) when g'(x) divides the integrand, integration by parts, and last
multiplying out a product of sums. The methods live in ``integration_methods``.

The search is bounded (``MAX_DEPTH`` nested rules, ``MAX_CALLS`` integrands tried, inputs of
at most ``MAX_NODES`` nodes), so it ends quickly; when no rule applies, ``IntegrationError``
names the part it could not integrate and points to numeric integration. Every answer is
differentiated back with ``diff``; the check is the trace's last step, and an answer that
fails it is never returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..algebra.textbook import simplify
from ..core.collector import collector_paused
from ..core.errors import IntegrationError, SymdiffError, quote
from ..core.expr import Add, Div, Expr, Infinity, Mul, Neg, Number, Sub, Symbol
from ..core.printer import to_text
from ..core.traversal import free_symbols, preorder, size_as_written
from ..syntax.parser import to_expr
from .integration_rules import RULES, TABLE, build, depends, needless_abs_dropped, view
from .trace import Step

__all__ = ["MAX_NODES", "Antiderivation", "Integrator", "antiderivative"]

MAX_NODES = 400  # an integrand larger than this is refused: a course's integrands are far smaller
MAX_INPUT_DEPTH = 60
MAX_DEPTH = 10  # rules nested inside one another
MAX_CALLS = 400  # integrands tried in one search


class Integrator:
    """One search for an antiderivative: the rules tried on each integrand, with a memo."""

    def __init__(self, root: Expr, x: Symbol) -> None:
        self.x = x
        self.taken = {symbol.name for symbol in free_symbols(root)} | {x.name}
        self.calls = 0
        self.memo: dict[tuple[Expr, Symbol], Step | None] = {}

    def placeholder(self) -> Symbol:
        """A fresh variable for a substitution: u, then u_1, u_2, ..."""
        name, i = "u", 0
        while name in self.taken:
            i += 1
            name = f"u_{i}"
        self.taken.add(name)
        return Symbol(name)

    def step(self, rule: str, expr: Expr, v: Symbol, raw: Expr, substeps: tuple[Step, ...] = (),
             bindings: tuple[tuple[str, Expr], ...] = (), note: str = "", formula: str | None = None) -> Step:
        """A rule's step; its result is the rule's antiderivative, simplified."""
        record = RULES[rule]
        result = tidy(needless_abs_dropped(raw, v))
        return Step(rule, record.name, formula or record.formula, expr, v, result, substeps, bindings, note)

    def integrate(self, f: Expr, v: Symbol, depth: int = 0) -> Step | None:
        """The step that integrates ``f`` by ``v``, or None when no rule applies (within bounds)."""
        key = (f, v)
        if key in self.memo:
            return self.memo[key]
        if depth > MAX_DEPTH or self.calls >= MAX_CALLS:
            return None
        self.calls += 1
        self.memo[key] = None  # a method that comes back to the same integrand does not loop
        found = None
        for method in _methods():
            try:
                found = method(self, f, v, depth)
            except SymdiffError:
                found = None  # a rule's algebra declined (apart, a power too large): try the next
            if found is not None:
                break
        self.memo[key] = found
        return found


def tidy(expr: Expr) -> Expr:
    try:
        return simplify(expr)
    except SymdiffError:
        return expr


# --- the basic rules ------------------------------------------------------------------------------


def constant_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫c dx = c*x"""
    if depends(f, v):
        return None
    raw = v if f == Number(1) else Mul(f, v)
    return eng.step("integrate.constant", f, v, raw)


def sum_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫(f ± g) dx = ∫f dx ± ∫g dx"""
    if type(f) not in (Add, Sub):
        return None
    steps = []
    for term in f.children:
        step = eng.integrate(term, v, depth + 1)
        if step is None:
            return None
        steps.append(step)
    results = [step.result for step in steps]
    raw = Sub(*results) if type(f) is Sub else Add(*results)
    return eng.step("integrate.sum", f, v, raw, tuple(steps))


def constant_multiple_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫c*f(x) dx = c*∫f(x) dx"""
    seen = view(f, v)
    if seen is None or not seen[0]:
        return None
    constants, factors = seen
    c = tidy(constants[0] if len(constants) == 1 else Mul(*constants))
    if c == Number(1):
        rest = build(factors)
        return None if rest == f else _same(eng, f, v, depth, rest)
    rest = build(factors)
    step = eng.integrate(rest, v, depth + 1)
    if step is None:
        return None
    return eng.step("integrate.constant_multiple", f, v, Mul(c, step.result), (step,), (("c", c),))


def _same(eng: Integrator, f: Expr, v: Symbol, depth: int, rest: Expr) -> Step | None:
    """-(-f) and 1*f: the constant is 1; the step is the one for ``rest``, said of ``f``."""
    step = eng.integrate(rest, v, depth + 1)
    if step is None:
        return None
    return Step(step.rule, step.name, step.formula, f, v, step.result, step.substeps, step.bindings, step.note)


def table_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """The table of elementary integrals, for an integrand whose argument is exactly ``v``."""
    seen = view(f, v)
    if seen is None or seen[0]:
        return None
    factors = seen[1]
    for rule, match in TABLE.items():
        result = match(factors, v)
        if result is not None:
            return eng.step(rule, f, v, result)
    return None


def _methods() -> tuple[Callable[[Integrator, Expr, Symbol, int], Step | None], ...]:
    from .integration_methods import METHODS

    return (constant_rule, sum_rule, constant_multiple_rule, table_rule, *METHODS)


# --- the check ------------------------------------------------------------------------------------


def check_step(integrand: Expr, answer: Expr, x: Symbol) -> Step:
    """The answer differentiated back: its derivative simplified equals the integrand (or, when
    simplification cannot show it, agrees with it at random points). Raises ``IntegrationError``
    when it does not: a wrong answer is never returned."""
    from .differentiate import diff
    from .integration_check import agrees_numerically, without_abs_in_ln

    derivative = diff(answer, x)
    formal = diff(without_abs_in_ln(answer), x)  # d/dx ln(abs(u)) = u'/u: the same, written plainly
    shown = formal
    note = "the derivative minus the integrand simplifies to 0"
    if tidy(Sub(formal, integrand)) != Number(0):
        shown = derivative
        if not agrees_numerically(derivative, integrand, x):
            raise IntegrationError(
                f"symdiff found {to_text(answer, 80)} for ∫ {to_text(integrand, 80)} d{x.name}, but its derivative "
                "does not equal the integrand, so it is not given: this is a bug in symdiff, please report it"
            )
        note = "the derivative equals the integrand at random points (simplification could not show it)"
    return Step("integrate.check", RULES["integrate.check"].name, RULES["integrate.check"].formula, answer, x,
                tidy(shown), note=note)


# --- the public call --------------------------------------------------------------------------------


class Antiderivation:
    """An antiderivative with its worked solution.

    ``expr`` is the integrand, ``wrt`` the variable, ``result`` the antiderivative (simplified,
    without + C) and ``trace`` the root step, whose last sub-step is the check by differentiating.
    """

    __slots__ = ("expr", "result", "trace", "wrt")

    def __init__(self, expr: Expr, wrt: Symbol, trace: Step) -> None:
        if not isinstance(expr, Expr) or not isinstance(wrt, Symbol) or not isinstance(trace, Step):
            raise SymdiffError("an Antiderivation is made by symdiff.antiderivative(expr, wrt), which checks its arguments")
        self.expr = expr
        self.wrt = wrt
        self.trace = trace
        self.result = trace.result

    def __iter__(self) -> Iterator[Step]:
        return iter(self.trace)

    def __repr__(self) -> str:
        return f"<Antiderivation ∫ {to_text(self.expr, 60)} d{self.wrt.name} = {to_text(self.result, 60)} + C>"

    def __str__(self) -> str:
        return self.explain()

    def explain(self, width: int | None = 1000, *, brief: bool = False,
                highlight: Callable[[str], str] | None = None) -> str:
        """The worked solution as indented text, one rule per line, ending "∫ f dx = F + C".
        ``width``, ``brief`` and ``highlight`` as for ``Derivation.explain``."""
        from .integration_print import explain

        return explain(self, width, brief=brief, highlight=highlight)

    def to_latex(self, *, standalone: bool = False) -> str:
        """The worked solution as an ``align*`` block, or with ``standalone`` a document for pdflatex."""
        from .integration_print import antiderivation_latex

        return antiderivation_latex(self, standalone=standalone)

    def to_json(self) -> dict[str, object]:
        """The antiderivation as JSON-ready data: what was asked, the answer, every step."""
        from .integration_print import antiderivation_data

        return antiderivation_data(self)

    def _repr_latex_(self) -> str:
        from .integration_print import antiderivation_latex

        return antiderivation_latex(self, notebook=True)


@collector_paused
def antiderivative(expr: Expr | str, wrt: str | Symbol | None = None) -> Antiderivation:
    """An antiderivative of ``expr`` by ``wrt`` with its worked solution (``.result`` has no + C).

    With no variable, the expression's only variable is used (x if it has none). Raises
    ``IntegrationError`` when no rule applies, naming the part it could not integrate.
    """
    tree = to_expr(expr)
    x = _variable(tree, wrt)
    _check_size(tree)
    eng = Integrator(tree, x)
    step = eng.integrate(tree, x)
    if step is None:
        raise IntegrationError(_refusal(tree, x))
    answer = tidy(step.result)
    substeps: tuple[Step, ...] = (step,)
    if answer != step.result:
        substeps += (Step("integrate.simplify", "Simplify", RULES["integrate.simplify"].formula, step.result, x,
                          answer),)
    substeps += (check_step(tree, answer, x),)
    rule = RULES["integrate.antiderivative"]
    return Antiderivation(tree, x, Step(rule.id, rule.name, rule.formula, tree, x, answer, substeps))


def _variable(tree: Expr, wrt: object) -> Symbol:
    if wrt is None:
        free = sorted(tree.free_symbols, key=lambda symbol: symbol.name)
        if len(free) > 1:
            names = ", ".join(symbol.name for symbol in free)
            raise IntegrationError(f"say which variable to integrate by: the expression has {names}")
        return free[0] if free else Symbol("x")
    if isinstance(wrt, Symbol):
        return wrt
    if isinstance(wrt, str):
        try:
            return Symbol(wrt.strip())
        except SymdiffError:
            pass
    raise IntegrationError(f"can only integrate with respect to a variable name such as x, not {quote(wrt)}")


def _check_size(tree: Expr) -> None:
    if tree.depth > MAX_INPUT_DEPTH or size_as_written(tree, MAX_NODES) > MAX_NODES:
        raise IntegrationError(
            f"the integrand is too large for symbolic integration (over {MAX_NODES} nodes or nested over "
            f"{MAX_INPUT_DEPTH} deep); estimate a definite integral numerically with "
            "integrate(expr, x, a, b, method=\"trapezoid\")"
        )
    for node, _ in preorder(tree):
        if type(node) is Infinity:
            raise IntegrationError("oo (infinity) is not a number and has no antiderivative; "
                                   "an integral with an infinite bound is a definite (improper) integral")


def _refusal(tree: Expr, x: Symbol) -> str:
    stuck = tree
    terms = [tree]
    while terms and type(terms[0]) in (Add, Sub, Neg):  # the first term no rule integrates
        node = terms.pop(0)
        terms = list(node.children) + terms
    probe = Integrator(tree, x)
    for term in terms:
        if probe.integrate(term, x) is None:
            seen = view(term, x)
            stuck = build(seen[1]) if seen is not None and seen[1] else term
            break
    whole = "" if stuck == tree else f" (in {to_text(tree, 60)})"
    return (
        f"no integration rule applies to {to_text(stuck, 60)}{whole}: it may have no antiderivative in "
        f"elementary functions; estimate a definite integral numerically instead, with "
        f"integrate(expr, \"{x.name}\", a, b, method=\"adaptive\") or method=\"trapezoid\""
    )


_ = (Div, Neg)
