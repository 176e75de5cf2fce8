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

from ..algebra.defined import constant_normal_form, no_value_anywhere
from ..algebra.expansion import expand
from ..algebra.simplify import Simplifier
from ..core.collector import collector_paused
from ..core.errors import IntegrationError, SymdiffError, quote
from ..core.expr import Add, Div, Expr, Infinity, Mul, Neg, Number, Pow, Sub, Symbol, named_symbol
from ..core.printer import to_text
from ..core.traversal import preorder, size_as_written
from ..syntax.parser import to_expr
from .integration_check import agrees_numerically, vanishes_exactly, without_abs_in_ln
from .integration_derivative_check import derivative_vanishes
from .integration_engine import MAX_CALLS, Integrator, SearchExhausted
from .integration_methods import METHODS
from .integration_print import antiderivation_data, antiderivation_latex, explain
from .integration_rules import RULES, build, view
from .integration_session import derivative, has_quotient, is_zero, session_simplifier, simplifying, tidy
from .trace import Step

__all__ = ["MAX_NODES", "Antiderivation", "antiderivative", "check_step"]

MAX_NODES = 400  # an integrand larger than this is refused: a course's integrands are far smaller
MAX_INPUT_DEPTH = 60


# --- the check ------------------------------------------------------------------------------------


def check_step(integrand: Expr, answer: Expr, x: Symbol) -> Step:
    """The answer differentiated back: its derivative simplified equals the integrand (or, when
    simplification cannot show it, agrees with it at random points). Raises ``IntegrationError``
    when it does not: a wrong answer is never returned."""
    from .differentiate import derivative_normal, diff

    simplifier = session_simplifier()
    if simplifier is not None and derivative_vanishes(answer, integrand, x):
        # A rational function with logarithms and arctangents of rational functions (partial
        # fractions, polynomial division): settled exactly at points, without writing d/dx F.
        return Step("integrate.check", RULES["integrate.check"].name, RULES["integrate.check"].formula,
                    answer, x, integrand, note="the derivative minus the integrand simplifies to 0")
    plain = without_abs_in_ln(answer)
    if simplifier is not None:
        # The derivative's normal form, compared with the integrand's: when they agree, the
        # derivative is the integrand, and that is what the step shows.
        try:
            slope = derivative_normal(plain, x, simplifier)
            if not simplifier.add([slope, simplifier.scale(simplifier.normal_form(integrand), -1)]):
                # The same normal form (sin(x) for ∫cos(x) dx): equal wherever both are defined,
                # settled without writing the derivative out and reading it back.
                return Step("integrate.check", RULES["integrate.check"].name, RULES["integrate.check"].formula,
                            answer, x, integrand, note="the derivative minus the integrand simplifies to 0")
            difference = Sub(simplifier.answer(slope), integrand)
            # A rational function of x is settled exactly first (the normal form cannot tell
            # 1/(2*((x/2 + 3/2)^2 + 1)) from 1/(x^2 + 6*x + 13)); the rest by its normal form.
            if (vanishes_exactly(difference, x) or is_zero(difference, quick=True)
                    or _multiplies_out_to_zero(difference)
                    or (_divides_by_variable(difference) and _cancels(difference))):
                return Step("integrate.check", RULES["integrate.check"].name, RULES["integrate.check"].formula,
                            answer, x, integrand, note="the derivative minus the integrand simplifies to 0")
        except SymdiffError:
            pass  # too large to write out quickly: the whole check below
    # d/dx ln(abs(u)) = u'/u: the same, written plainly. diff's answer is simplified already, so
    # the difference's normal form usually settles it without the textbook's rational steps.
    shown = derivative(plain, x) if simplifier is not None else diff(plain, x)
    note = "the derivative minus the integrand simplifies to 0"
    if not is_zero(Sub(shown, integrand)) and not _zero_by_identities(Sub(shown, integrand)):
        if plain != answer:
            shown = derivative(answer, x) if simplifier is not None else diff(answer, x)
        if not agrees_numerically(shown, integrand, x):
            raise IntegrationError(
                f"symdiff found {to_text(answer, 80)} for ∫ {to_text(integrand, 80)} d{x.name}, but its derivative "
                "does not equal the integrand, so it is not given: this is a bug in symdiff, please report it"
            )
        note = "the derivative equals the integrand at random points (simplification could not show it)"
    return Step("integrate.check", RULES["integrate.check"].name, RULES["integrate.check"].formula, answer, x,
                shown, note=note)


def _zero_by_identities(difference: Expr) -> bool:
    """Whether ``difference`` is 0 wherever it has a value by the identities the check for parts
    without a value uses, each part put in as its value: ∫sqrt(sin(x)^2 + cos(x)^2 - 1) dx = 0,
    whose integrand floats evaluate as sqrt of a rounding (it was called a bug in symdiff)."""
    return constant_normal_form(difference, Simplifier()) == {}


def _multiplies_out_to_zero(difference: Expr) -> bool:
    """Whether ``difference`` (d/dx F minus the integrand) is 0 once products and powers of sums
    are multiplied out (the normal form keeps (e^x + 1)^2 a power), tried when the integrand has
    a product or power of a sum to multiply out and no quotient by anything varying."""
    integrand = difference.children[1]
    if has_quotient(integrand) or not any(type(node) in (Mul, Pow) and any(type(part) in (Add, Sub)
                                                                           for part in node.children)
                                          for node, _ in preorder(integrand)):
        return False  # nothing to multiply out, or a quotient by a sum, which expand leaves one fraction
    try:
        return is_zero(expand(difference), quick=True)
    except SymdiffError:
        return False


def _divides_by_variable(expr: Expr) -> bool:
    """Whether ``expr`` divides by something with a variable in it: all that cancelling acts on."""
    for node, _ in preorder(expr):
        if type(node) is Div and node.children[1].free_symbols:
            return True
        if type(node) is Pow and type(node.children[1]) is Neg and node.children[0].free_symbols:
            return True
    return False


def _cancels(difference: Expr) -> bool:
    """Whether the rational algebra takes ``difference`` to 0 (a partial-fraction answer's
    derivative against a quotient integrand): exact, and cheaper than the textbook's strategy."""
    from ..algebra.fraction_forms import cancel

    try:
        return cancel(difference) == Number(0)
    except SymdiffError:
        return False


# --- the public call --------------------------------------------------------------------------------


class Antiderivation:
    """An antiderivative with its worked solution.

    ``expr`` is the integrand, ``wrt`` the variable, ``result`` the antiderivative (simplified,
    without + C) and ``trace`` the root step, whose last sub-step is the check by differentiating.
    """

    __slots__ = ("expr", "result", "trace", "wrt")

    def __init__(self, expr: Expr, wrt: Symbol, trace: Step) -> None:
        if not isinstance(expr, Expr) or not isinstance(wrt, Symbol) or not isinstance(trace, Step):
            raise SymdiffError(
                "an Antiderivation is made by symdiff.antiderivative(expr, wrt), which checks its arguments"
            )
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
        return explain(self, width, brief=brief, highlight=highlight)

    def to_latex(self, *, standalone: bool = False) -> str:
        """The worked solution as an ``align*`` block, or with ``standalone`` a document for pdflatex."""
        return antiderivation_latex(self, standalone=standalone)

    def to_json(self) -> dict[str, object]:
        """The antiderivation as JSON-ready data: what was asked, the answer, every step."""
        return antiderivation_data(self)

    def _repr_latex_(self) -> str:
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
    with simplifying(tree):
        nowhere = no_value_anywhere(tree, session_simplifier())
        if nowhere is not None:  # the constant rule would integrate it as if it were a number
            raise IntegrationError(f"{nowhere}, so it has no antiderivative")
        search = Integrator(tree, x, METHODS)
        try:
            step = search.integrate(tree, x)
        except SearchExhausted:
            raise IntegrationError(
                f"no antiderivative of {to_text(tree, 60)} was found by trying {MAX_CALLS} integrands, as many as "
                f"symdiff tries; estimate a definite integral numerically instead, with "
                f"integrate(expr, \"{x.name}\", a, b, method=\"adaptive\") or method=\"trapezoid\""
            ) from None
        if step is None:
            raise IntegrationError(_refusal(tree, x, search))
        answer = tidy(step.result, final=True)
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
    named = named_symbol(wrt)
    if named is not None:
        return named
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


def _found_by(probe: Integrator, term: Expr, x: Symbol) -> Step | None:
    try:
        return probe.integrate(term, x)
    except SearchExhausted:
        return None


def _refusal(tree: Expr, x: Symbol, search: Integrator) -> str:
    stuck, bound = tree, ""
    terms = [tree]
    while terms and type(terms[0]) in (Add, Sub, Neg):  # the first term no rule integrates
        node = terms.pop(0)
        terms = list(node.children) + terms
    probe = Integrator(tree, x, METHODS)
    for term in terms:
        # The whole integrand has been searched already, and in vain: not again (it can take seconds).
        if term is tree or _found_by(probe, term, x) is None:
            seen = view(term, x)
            stuck = build(seen[1]) if seen is not None and seen[1] else term
            bound = search.bound if term is tree else probe.bound
            break
    whole = "" if stuck == tree else f" (in {to_text(tree, 60)})"
    # At a bound of the search the integrand may well be elementary (sin(x)^80*cos(x)^80 is).
    why = (f" within the bounds of symdiff's search ({bound}): it may have no antiderivative in elementary "
           "functions, or one past those bounds" if bound else
           ": it may have no antiderivative in elementary functions")
    return (
        f"no integration rule applies to {to_text(stuck, 60)}{whole}{why}; estimate a definite integral "
        f"numerically instead, with "
        f"integrate(expr, \"{x.name}\", a, b, method=\"adaptive\") or method=\"trapezoid\""
    )


