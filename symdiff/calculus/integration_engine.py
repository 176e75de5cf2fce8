"""The search for an antiderivative: an ``Integrator`` tries each rule on an integrand.

The basic rules live here (constant, sum and difference, constant multiple, the table of
elementary integrals); the methods beyond them (``integration_methods``) are handed in, so
each method module depends only on the rules, never on the search. The search is bounded
(``MAX_DEPTH`` nested rules, ``MAX_CALLS`` integrands tried) and remembers each integrand's
step, so a method that comes back to an integrand it has seen does not loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..core.errors import SymdiffError
from ..core.expr import Add, Expr, Mul, Number, Sub, Symbol
from ..core.traversal import free_symbols
from .integration_rules import RULES, build, depends, needless_abs_dropped, view
from .integration_session import tidy
from .integration_table import rules_for
from .trace import Step

__all__ = ["BASIC", "MAX_CALLS", "MAX_DEPTH", "MAX_SUM_CHAIN", "Integrator", "Method", "SearchExhausted"]

T = TypeVar("T")
MAX_DEPTH = 14  # rules nested inside one another
MAX_CALLS = 400  # integrands tried in one search
MAX_SUM_CHAIN = 64  # sums nested in sums on one path that do not count as a level (sum_rule)
_ONE = Number(1)


class SearchExhausted(Exception):
    """The search has tried ``MAX_CALLS`` integrands: it ends at once, with no answer.

    Not a ``SymdiffError``, so no method takes it for its own algebra declining: each method
    would otherwise go on preparing rewrites whose integrals could no longer be searched
    ((x + 1)^160*(x - 1)^160 spent 15 s so before it was refused)."""


# Rules whose result is a sum, a multiple or a shift of results already tidied: written from
# the normal form, fractions not put together again (the rule around them, or the final answer, does).
_PLAIN = frozenset({"integrate.sum", "integrate.constant_multiple", "integrate.linear_substitution"})
# Rules whose result is made of their parts' results, where every ln(abs(w)) has been looked at
# already, and a linear substitution, whose ln(abs(a*x + b)) is never of something positive.
_PASSED_ON = _PLAIN | {f"integrate.{rule}" for rule in ("expand", "partial_fractions", "half_angle", "tan_reduction",
                                                           "hyperbolic_reduction", "product_to_sum")}


class Integrator:
    """One search for an antiderivative: the rules tried on each integrand, with a memo."""

    def __init__(self, root: Expr, x: Symbol, methods: tuple[Method, ...] = ()) -> None:
        self.x = x
        self.methods = (*BASIC, *methods)
        self.taken = {symbol.name for symbol in free_symbols(root)} | {x.name}
        self.calls = 0
        self.sum_chain = 0  # sums inside sums on the current path, taken as the same level
        self.bound = ""  # the first of the search's bounds met (a refusal names it), or ""
        self.spent: dict[str, int] = {}  # what the search has spent of each bounded kind of work
        self.memo: dict[tuple[Expr, Symbol], Step | None] = {}
        # Answers to questions about one integrand that several methods ask (the inner
        # functions to try as u, the name for u): found once in this search.
        self.answers: dict[tuple[Callable[[Expr, Symbol], object], Expr, Symbol], object] = {}

    def once(self, find: Callable[[Expr, Symbol], T], f: Expr, v: Symbol) -> T:
        """``find(f, v)``, found once in this search (``find`` must depend on nothing else)."""
        key = (find, f, v)
        if key not in self.answers:
            self.answers[key] = find(f, v)
        return self.answers[key]  # type: ignore[return-value]

    def met_bound(self, bound: str) -> None:
        """A method declined, or the search stopped, at one of its bounds (said as a phrase)."""
        self.bound = self.bound or bound

    def afford(self, kind: str, most: int, bound: str) -> bool:
        """Whether the search may do one more piece of ``kind`` of work, of ``most`` in all; if
        not, the bound is met (``bound``, said as a phrase)."""
        spent = self.spent[kind] = self.spent.get(kind, 0) + 1
        if spent > most:
            self.met_bound(bound)
            return False
        return True

    def placeholder(self, f: Expr, v: Symbol) -> Symbol:
        """A variable for a substitution in ∫f dv: u, or u_1, u_2, ... when u is taken (by the
        problem, by f or by v: a substitution inside another gets the next name)."""
        return self.once(self._placeholder, f, v)

    def _placeholder(self, f: Expr, v: Symbol) -> Symbol:
        taken = self.taken | {symbol.name for symbol in free_symbols(f)} | {v.name}
        name, i = "u", 0
        while name in taken:
            i += 1
            name = f"u_{i}"
        return Symbol(name)

    def step(self, rule: str, expr: Expr, v: Symbol, raw: Expr, substeps: tuple[Step, ...] = (),
             bindings: tuple[tuple[str, Expr], ...] = (), note: str = "", formula: str | None = None) -> Step:
        """A rule's step; its result is the rule's antiderivative, simplified."""
        record = RULES[rule]
        if rule not in _PASSED_ON:
            raw = needless_abs_dropped(raw, v)
        result = tidy(raw, combine=rule not in _PLAIN)
        return Step(rule, record.name, formula or record.formula, expr, v, result, substeps, bindings, note)

    def integrate(self, f: Expr, v: Symbol, depth: int = 0) -> Step | None:
        """The step that integrates ``f`` by ``v``, or None when no rule applies (within bounds)."""
        key = (f, v)
        if key in self.memo:
            return self.memo[key]
        if depth > MAX_DEPTH:
            self.met_bound(f"{MAX_DEPTH} rules one inside another")
            return None
        if self.calls >= MAX_CALLS:
            raise SearchExhausted
        self.calls += 1
        self.memo[key] = None  # a method that comes back to the same integrand does not loop
        found = None
        for method in self.methods:
            try:
                found = method(self, f, v, depth)
            except SymdiffError:
                found = None  # a rule's algebra declined (apart, a power too large): try the next
            if found is not None:
                break
        self.memo[key] = found
        return found


# --- the basic rules ------------------------------------------------------------------------------


def constant_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫c dx = c*x"""
    if depends(f, v):
        return None
    raw = v if f == _ONE else Mul(f, v)
    return eng.step("integrate.constant", f, v, raw)


def sum_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫(f ± g) dx = ∫f dx ± ∫g dx"""
    if type(f) not in (Add, Sub):
        return None
    # A sum inside a sum is the same level: a - b + c - ... is a chain of sums and differences
    # as written (partial fractions of 1/((x + 1)*...*(x + 75)) give a chain of 74). It is
    # taken in one loop, terms before links (the order the search would take them in), so a
    # long chain neither uses up MAX_DEPTH nor deepens the stack.
    chained = _chain_steps(eng, f, v, depth)
    if chained is not None:
        return chained
    # Some term had no rule as a term of the chain: each link is tried on its own, with every
    # method, where another rule may take a part of the chain as a whole. Up to MAX_SUM_CHAIN
    # links on one path, so the stack stays shallow (MAX_DEPTH bounds it).
    steps = []
    for term in f.children:
        free = type(term) in (Add, Sub) and eng.sum_chain < MAX_SUM_CHAIN
        eng.sum_chain += free
        try:
            step = eng.integrate(term, v, depth if free else depth + 1)
        finally:
            eng.sum_chain -= free
        if step is None:
            return None
        steps.append(step)
    return _sum_step(eng, f, v, steps)


def _sum_step(eng: Integrator, f: Expr, v: Symbol, steps: list[Step]) -> Step:
    return eng.step("integrate.sum", f, v, _combined(f, [step.result for step in steps]), tuple(steps))


def _combined(link: Expr, results: list[Expr]) -> Expr:
    """The antiderivatives of a sum's (or difference's) terms put together as the terms are."""
    return Sub(*results) if type(link) is Sub else Add(*results)


def _chain_steps(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """One Sum step for the chain of sums and differences ``f`` is, with a step per term, as a
    textbook writes ∫(3x^2 - 2x + 1 - cos x) dx = ∫3x^2 dx - ∫2x dx + ∫1 dx - ∫cos x dx; None
    when a term has no rule (or the search's bounds end it), the links then searched one by one.

    A link of the chain is a sum or difference in it that depends on v and the search has not met
    yet; a constant sum is a term (the Constant Rule's), and so is a known one (the memo's). A
    step per link, one inside another, made the worked solution of n terms n^2 long."""
    steps: list[Step] = []  # the terms' steps, in the order the terms are written
    stack: list[tuple[Expr, int, list[Expr]]] = [(f, 0, [])]  # a link, its next term, its results
    while stack:
        node, index, results = stack[-1]
        if index == len(node.children):
            stack.pop()
            raw = _combined(node, results)
            if not stack:
                return eng.step("integrate.sum", f, v, raw, tuple(steps))
            stack[-1][2].append(raw)
            continue
        stack[-1] = (node, index + 1, results)
        term = node.children[index]
        is_sum = type(term) in (Add, Sub)
        if is_sum and (term, v) not in eng.memo and depends(term, v):
            stack.append((term, 0, []))
            continue
        before = eng.calls
        step = eng.integrate(term, v, depth if is_sum else depth + 1)
        if step is None:
            return None
        # A term found counts as one integrand tried, however many its own search took: the
        # bound is on searching in vain, and (x^2 - 1)^200 multiplied out has 201 terms.
        eng.calls = min(eng.calls, before + 1)
        steps.append(step)
        results.append(step.result)
    return None  # pragma: no cover - the loop returns once f has its step


def constant_multiple_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """∫c*f(x) dx = c*∫f(x) dx"""
    seen = view(f, v)
    if seen is None or not seen[0]:
        return None
    constants, factors = seen
    c = tidy(constants[0] if len(constants) == 1 else Mul(*constants))
    if c == _ONE:
        rest = build(factors)
        return None if rest == f else _same(eng, f, v, depth, rest)
    rest = build(factors)
    # The same level, as a sum inside a sum: taking a constant out only shortens the integrand,
    # and counted as a level it used up MAX_DEPTH halfway down sin(x)^8's half-angle reductions.
    step = eng.integrate(rest, v, depth)
    if step is None:
        return None
    return eng.step("integrate.constant_multiple", f, v, Mul(c, step.result), (step,), (("c", c),))


def _same(eng: Integrator, f: Expr, v: Symbol, depth: int, rest: Expr) -> Step | None:
    """-(-f) and 1*f: the constant is 1; the step is the one for ``rest``, said of ``f``."""
    step = eng.integrate(rest, v, depth)
    if step is None:
        return None
    return Step(step.rule, step.name, step.formula, f, v, step.result, step.substeps, step.bindings, step.note)


def table_rule(eng: Integrator, f: Expr, v: Symbol, depth: int) -> Step | None:
    """The table of elementary integrals, for an integrand whose argument is exactly ``v``."""
    seen = view(f, v)
    if seen is None or seen[0]:
        return None
    factors = seen[1]
    for rule, match in rules_for(factors):
        result = match(factors, v)
        if result is not None:
            return eng.step(rule, f, v, result)
    return None






Method = Callable[[Integrator, Expr, Symbol, int], "Step | None"]
BASIC: tuple[Method, ...] = (constant_rule, sum_rule, constant_multiple_rule, table_rule)
