"""Differentiation: the engine that applies the rules, and the public calls.

One engine serves both paths. ``derive`` records a ``Step`` per rule application: each rule
builds its result as a tree, which the simplifier tidies, and the answer is the trace's.
``diff`` asks only for derivatives: each rule builds the normal form of the same result
directly (``symdiff.algebra.algebras``), with no tree in between, so the two paths give the same answer.
Second and later derivatives in ``diff`` go term by term (``termwise``).

The engine walks the expression with an explicit stack (no recursion, so no RecursionError
on deep input) and remembers each node's derivative, so shared subtrees (a DAG) are
differentiated once and repeated subexpressions cost nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..algebra.algebras import TREES, Algebra
from ..algebra.chain import all_at_once, simplification_chain
from ..algebra.defined import (
    CHECKED_KINDS,
    never_in_domain,
    undefined_part,
    undefined_with_constant_parts,
    varying_power_of_nonpositive,
)
from ..algebra.normal import UNDEFINED_MONOMIAL, Normal
from ..algebra.ranges import Range
from ..algebra.simplify import NormalAlgebra, Simplifier, spelling
from ..algebra.textbook import textbook_answer
from ..core.collector import collector_paused
from ..core.errors import SymdiffError, quote
from ..core.expr import Add, Expr, Infinity, Neg, Number, Pow, Sub, Symbol, named_symbol
from ..core.operators import register_worker
from ..core.printer import to_text
from ..core.traversal import fold, size_as_written
from ..syntax.parser import to_expr
from .derivative_cycles import DerivativeCycle
from .operators import work_out, written_steps
from .rules import Plan, constant_rule, plan
from .termwise import TermwiseDerivative
from .trace import Derivation, Step

__all__ = ["DifferentiationError", "StepsTooLongError", "derivative_normal", "derivative_written", "derive", "diff",
           "gradient", "hessian"]


class DifferentiationError(SymdiffError):
    """A derivative was asked for with respect to something that is not a variable, or of an
    order that is not a whole number from 1 to ``MAX_ORDER``."""


class StepsTooLongError(DifferentiationError):
    """``derive`` declined: the steps would be too long to show, though ``diff`` gives the answer.
    ``why`` is the reason without the pointer to ``diff``: the front ends show the answer alone,
    with it."""

    def __init__(self, why: str, derivative: str = "derivative") -> None:
        super().__init__(f"{why}; diff gives the {derivative} without the steps")
        self.why = why


# Derivatives of order 10^18 would never finish, and answers can grow fast with the order (the
# 100th derivative of x^x prints as 300,000 characters in 4 s; the 200th, 2.4 million in 29 s).
# 100 is far past any course's exercises; a derivative that becomes 0 stops there whatever the order.
MAX_ORDER = 100
# A derivative larger than this, written out, is not differentiated again: each order can
# multiply the size by the depth (f(f(...f(x))) 222 deep: 25,000 nodes, then 5.6 million, then
# 627 million, two minutes of work for an answer no one could print).
MAX_WRITTEN = 1_000_000
# The next derivative of a term with k factors has k terms of about k factors each (the product
# rule), so a derivative whose terms' squared lengths add up past this is not differentiated
# again: the second derivative of sqrt(sqrt(...sqrt(x))) 689 deep has 475,000 factors (5 s), of
# a product of 160 sines 4 million (25 million characters). Steps cost more per factor than the
# answer alone: derive stops sooner.
MAX_NEXT_FACTORS = 250_000
# The sums kept as factors of a derivative (c*(u + v) for a constant c in front of a product)
# are differentiated again by the rules at the next order, and for 2^x*3^x their size doubles
# with each order: past this many nodes written out in them (the 13th derivative), the next
# order is refused; under the bound above, the 16th took 13 s.
MAX_SUMS_WRITTEN = 100_000
MAX_NEXT_FACTORS_SHOWN = 50_000
# derive shows a step per node of the derivative it differentiates again, so past this size written
# out it declines the next order and points to diff: a random 600-operation expression's second
# derivative (316,000 nodes) made a 390,000-step trace of its third in 4 s (seed-2034 fuzz run).
MAX_WRITTEN_SHOWN = 100_000
# Each level of a chain f(f(...f(x))) shows a product one factor longer than the last, so the
# steps of an n-deep chain show n^2/2 factors: past this (sqrt nested 1,095 deep, 1 s) derive
# declines and points to diff, which gives the answer alone (sqrt 1,990 deep: 1.2 s).
MAX_SHOWN_FACTORS = 600_000
_ZERO = Number(0)
# oo is no constant: taking d/dx[x + oo] = 1 would do arithmetic with it.
_NO_DERIVATIVE_OF_INFINITY = "oo (infinity) is not a number and has no derivative: it is a limit's point or value"


class _Engine:
    def __init__(self, x: Symbol, simplifier: Simplifier, traced: bool, shared: _SharedSymbols | None = None) -> None:
        self.x = x
        self.simplifier = simplifier
        self.traced = traced
        self._depends: dict[int, tuple[Expr, bool]] = {}
        # With several variables (a gradient), which of them each node contains is found once
        # for all of them, as a bit mask: x's bit tells whether the node depends on x.
        self._shared = shared
        self._bit = 0 if shared is None else shared.bits[x]
        # id(node) -> (node, plan, derivative, step or None); the node keeps its id alive. The
        # derivative is the tidied tree when traced, else its normal form (no tree is built).
        self._done: dict[int, tuple[Expr, Plan, Any, Step | None]] = {}
        self._algebra: Algebra[Any] = TREES if traced else NormalAlgebra(simplifier)
        self._placeholder: Symbol | None = None
        self._termwise: TermwiseDerivative | None = None
        self._shown_factors = 0  # traced: factors in all the steps' results so far (MAX_SHOWN_FACTORS)
        if shared is not None:
            self.depends = _depends_on_bit(shared, self._bit)  # type: ignore[method-assign]

    def depends(self, root: Expr) -> bool:
        """Whether ``root`` contains x (computed once per node, without recursion). With
        variables shared, ``_depends_on_bit`` takes this method's place."""
        # Asked of nearly every node, mostly ones already answered: the memo first, no fold call.
        known = self._depends.get(id(root))
        if known is None:
            return fold(root, self._contains_x, self._depends)
        return known[1]

    def _contains_x(self, node: Expr, children: list[bool]) -> bool:
        kind = type(node)
        if kind is Infinity:
            raise DifferentiationError(_NO_DERIVATIVE_OF_INFINITY)
        return node == self.x if kind is Symbol else any(children)

    def run(self, root: Expr) -> tuple[Expr, Plan, Any, Step | None]:
        done = self._done
        if id(root) in done:
            return done[id(root)]
        traced, x, depends, algebra = self.traced, self.x, self.depends, self._algebra
        # Plans are shared only between variables: with one, each node is planned once anyway.
        plans = None if self._shared is None or traced or len(self._shared.bits) < 2 else self._shared.plans
        # A node is pushed alone to be planned, then as (node, plan) under its parts, to be
        # combined once they are done: one visit each, no table of plans.
        if not traced and not depends(root):
            done[id(root)] = (root, _CONSTANT, {}, None)  # untraced, a constant's derivative is 0
            return done[id(root)]
        # Untraced, only nodes that depend on x are pushed: the others are done as they are met.
        stack: list[Any] = [root]
        while stack:
            item = stack.pop()
            if type(item) is tuple:
                node, node_plan = item
            else:
                node = item
                if id(node) in done:
                    continue  # met twice before it was done (a shared subtree)
                node_plan = plan(node, x, depends) if plans is None else self._shared_plan(node, plans)
                waiting = []
                for part in node_plan.parts:
                    if id(part) not in done:
                        if traced or depends(part):
                            waiting.append(part)
                        else:  # the terms of a sum free of x: done here, without a visit of their own
                            done[id(part)] = (part, _CONSTANT, {}, None)
                if waiting:
                    stack.append((node, node_plan))
                    stack.extend(waiting)
                    continue
            if traced:
                parts = tuple(done[id(part)] for part in node_plan.parts)
                derivative = self.simplifier.tidy(node_plan.combine(algebra, tuple(entry[2] for entry in parts)))
                self._count_shown(root, derivative)
                step = self._step(node, node_plan, derivative, parts)  # a trace shows each result, written out
                done[id(node)] = (node, node_plan, derivative, step)
            else:
                derivatives = tuple([done[id(part)][2] for part in node_plan.parts])
                done[id(node)] = (node, node_plan, node_plan.combine(algebra, derivatives), None)
        return done[id(root)]

    def _shared_plan(self, node: Expr, plans: dict[tuple[int, tuple[bool, ...]], tuple[Expr, Plan]]) -> Plan:
        """The plan another variable's engine made for ``node``, when it can be this one's too.

        A rule looks at x only through its node's children (which depend on x, which are x), so
        a node whose children answer alike for two variables has one plan for both: the weights
        of one neuron share the plans of the loss down to their own products. The children's
        masks are known (a node's mask is made after its children's), and a symbol's bit is
        x's exactly when it is x."""
        children = node.children
        if not children:
            return plan(node, self.x, self.depends)
        if type(node) in _BLIND_TO_X:
            key: tuple[int, tuple[bool, ...]] = (id(node), ())
        else:
            masks, bit = self._shared.masks, self._bit  # type: ignore[union-attr]
            key = (id(node), tuple([masks[id(child)][1] & bit != 0 for child in children]))
        known = plans.get(key)
        if known is None:
            known = plans[key] = (node, plan(node, self.x, self.depends))  # the node keeps its id from being reused
        return known[1]

    def _count_shown(self, root: Expr, derivative: Expr) -> None:
        """Refuse a derivation whose steps' results add up to more than MAX_SHOWN_FACTORS factors."""
        self._shown_factors += sum(map(len, self.simplifier.normal_form(derivative)))  # a lookup after tidy
        if self._shown_factors > MAX_SHOWN_FACTORS:
            raise StepsTooLongError(
                f"the steps of d/d{self.x.name} {to_text(root, 60)} would show over {MAX_SHOWN_FACTORS:,} factors "
                f"in all: too long to work out step by step")

    def termwise(self, normal: Normal) -> Normal:
        """The derivative of a normal form (an earlier derivative), term by term."""
        return self._term_by_term()(normal)

    def scales_linearly(self, normal: Normal) -> bool:
        """Whether ``termwise`` of c*``normal`` is c times ``termwise`` of it (see termwise.py)."""
        return self._term_by_term().scales_linearly(normal)

    def _term_by_term(self) -> TermwiseDerivative:
        if self._termwise is None:
            self._termwise = TermwiseDerivative(self.simplifier, self.normal, self.depends)
        return self._termwise

    def normal(self, root: Expr) -> Normal:
        """Untraced: the normal form of ``root``'s derivative."""
        return self.run(root)[2]

    def raw_of(self, node: Expr) -> Expr:
        """The derivative of an already differentiated node as its rule gives it, untidied."""
        _, node_plan, _, _ = self._done[id(node)]
        return node_plan.combine(TREES, tuple(self._done[id(part)][2] for part in node_plan.parts))

    def _step(self, node: Expr, node_plan: Plan, derivative: Expr, parts: tuple) -> Step:
        rule = node_plan.rule
        substeps = tuple(entry[3] for entry in parts)
        outer = node_plan.outer
        if outer is not None:
            u = self._placeholder or Symbol("u")
            outer_step = Step(
                outer.rule.id, outer.rule.name, outer.formula or outer.rule.formula, outer.function(u), u,
                self.simplifier.tidy(outer.derivative(u)), bindings=outer.bindings, note=outer.note,
            )
            substeps = (outer_step, *substeps)
        formula, note = node_plan.formula or rule.formula, node_plan.note
        if rule.id == "chain" and TREES.is_zero(parts[0][2]):
            # The law actually used: f'(u) may not exist where u is (sqrt(x - x)), and is not needed.
            formula = "d/dx[f(u)] = 0"
            note = "u' = 0: u is constant, so f(u) is too and its derivative is 0; f'(u) is not used"
        return Step(
            rule.id, rule.name, formula, node, self.x, derivative,
            substeps, node_plan.bindings, note,  # type: ignore[arg-type]
        )

    def close(self) -> None:
        """Let go of the memos: plans hold rules that call back into this engine, and the
        term-by-term differentiator holds its methods, so without this every call would leave
        a cycle of its memos for Python's collector to find later."""
        self._done.clear()
        self._depends.clear()
        self._termwise = None

    def use_placeholder_for(self, expr: Expr) -> None:
        taken = {symbol.name for symbol in expr.free_symbols} | {self.x.name}
        name, i = "u", 0
        while name in taken:
            i += 1
            name = f"u_{i}"
        self._placeholder = Symbol(name)


def _depends_on_bit(shared: _SharedSymbols, bit: int) -> Callable[[Expr], bool]:
    """``_Engine.depends`` for one variable of a gradient: asked about nearly every node, 14 times
    a term of least squares, so the memo's lookup is bound once (no attribute lookups per call)."""
    known_mask, mask = shared.masks.get, shared.mask

    def depends(root: Expr) -> bool:
        known = known_mask(id(root))
        return bool((mask(root) if known is None else known[1]) & bit)

    return depends


# The Sum, Difference and Negation Rules take every part, whatever depends on x.
_BLIND_TO_X = (Add, Sub, Neg)
_CONSTANT = constant_rule(Number(0), Symbol("x"))  # the untraced engine's plan for every constant
_COMBINE = object()  # on _SharedSymbols.mask's stack: the node below it has all its children done


class _SharedSymbols:
    """For the engines of one gradient or Hessian: each variable's bit, and for each node the
    bits of the variables it contains (an int: a union is one ``|``, where sets of symbols
    cost an allocation per node)."""

    def __init__(self, variables: Iterable[Symbol]) -> None:
        self.bits: dict[Symbol, int] = {}
        for x in variables:
            self.bits.setdefault(x, 1 << len(self.bits))
        # Every other symbol shares one more bit: a mask of 0 is then a node free of symbols, a
        # constant whose value can be tested (_check_defined); engines only read their own bit.
        self.other_symbols = 1 << len(self.bits)
        self.masks: dict[int, tuple[Expr, int]] = {}  # id(node) -> (node, mask); the node keeps its id
        # (id(node), how its children answer depends and == x) -> (node, its plan): see _Engine._shared_plan
        self.plans: dict[tuple[int, tuple[bool, ...]], tuple[Expr, Plan]] = {}

    def mask(self, root: Expr) -> int:
        """The mask of ``root``, and of every node under it, with an explicit stack."""
        masks, bits, other = self.masks, self.bits, self.other_symbols
        known = masks.get(id(root))
        if known is not None:
            return known[1]
        # core.traversal.fold's walk, inlined: a gradient asks for the masks of every node, and
        # fold's call and list of child results per node cost a third more (least squares'
        # loss: 6.5 ms by fold, 4.4 ms here). A node with children is pushed back under a marker
        # and all its children above it, so each node is expanded once and combined once: when
        # the marker comes off, every child is done (a child pushed twice, by two parents, is
        # done at its first pop and skipped at its second).
        stack: list[Any] = [root]
        pop, push, extend = stack.pop, stack.append, stack.extend
        while stack:
            node = pop()
            if node is _COMBINE:
                node = pop()
                mask = 0
                for child in node.children:
                    mask |= masks[id(child)][1]
                masks[id(node)] = (node, mask)
                continue
            if id(node) in masks:
                continue
            children = node.children
            if children:
                push(node)
                push(_COMBINE)
                extend(children)
                continue
            kind = type(node)
            if kind is Symbol:
                masks[id(node)] = (node, bits.get(node, other))  # type: ignore[call-overload]
            elif kind is Infinity:
                raise DifferentiationError(_NO_DERIVATIVE_OF_INFINITY)
            else:
                masks[id(node)] = (node, 0)
        return masks[id(root)][1]

    def clear(self) -> None:
        self.masks.clear()
        self.plans.clear()


# --- public calls ---------------------------------------------------------------------------------


@collector_paused
def diff(expr: Expr | str, *wrt: str | Symbol | int, order: int = 1) -> Expr:
    """The simplified derivative of ``expr`` (text or tree).

    ``diff(e, "x")``; ``diff(e, "x", "y")`` is the mixed partial; ``diff(e, "x", "x")``,
    ``diff(e, "x", 2)`` and ``diff(e, "x", order=2)`` the second derivative. With no variable,
    the expression's only variable is used (x if it has none).
    """
    tree = to_expr(expr)
    simplifier = Simplifier(**spelling(tree))
    engines: dict[Symbol, _Engine] = {}
    normal = None
    done = 0
    variables = _variables(tree, wrt, order)
    shared = _SharedSymbols(variables)  # one walk finds which variables each node has, for all of them
    _check_defined(tree, simplifier, shared)
    sizes: dict[int, tuple[Expr, int]] = {}
    # One variable, many times: the derivatives may come back to a multiple of an earlier one.
    cycle = DerivativeCycle(len(variables)) if len(variables) > 2 and len(set(variables)) == 1 else None
    try:
        for x in variables:
            engine = engines.get(x)
            if engine is None:
                engine = engines[x] = _Engine(x, simplifier, traced=False, shared=shared)
            # The first derivative by the rules; later ones term by term (termwise.py), which is
            # what the rules give on the written-out answer, without writing it out.
            if normal is not None:
                written, in_sums = _written_sizes(normal, sizes)
                _check_size(tree, done, written)
                _check_growth(tree, done, normal, MAX_NEXT_FACTORS)
                _check_size(tree, done, in_sums, MAX_SUMS_WRITTEN, "in its sums")
            normal = engine.normal(tree) if normal is None else engine.termwise(normal)
            done += 1
            if not normal:
                break  # every later derivative of 0 is 0
            if cycle is not None:
                last = cycle.seen(normal, engine.scales_linearly(normal))
                if last is not None:
                    normal = last
                    break
        _check_answer(tree, normal)
        return textbook_answer(simplifier, normal)
    finally:
        for engine in engines.values():
            engine.close()
        shared.clear()


def derivative_written(expr: Expr, x: Symbol, simplifier: Simplifier, *, textbook: bool = False) -> Expr:
    """d/dx of ``expr`` written from its normal form, without the textbook's strategy: what a
    check needs (is it the integrand?) at a fraction of ``diff``'s cost; with ``textbook``, as
    ``diff`` writes it. ``simplifier`` is the caller's, so normal forms it already knows are
    reused (an integrator asks for many derivatives of parts of one integrand)."""
    normal = derivative_normal(expr, x, simplifier)
    return textbook_answer(simplifier, normal) if textbook else simplifier.answer(normal)


def derivative_normal(expr: Expr, x: Symbol, simplifier: Simplifier) -> Normal:
    """d/dx of ``expr`` in ``simplifier``'s normal form, not written out."""
    engine = _Engine(x, simplifier, traced=False)
    try:
        return engine.normal(expr)
    finally:
        engine.close()


@collector_paused
def derive(expr: Expr | str, wrt: str | Symbol | Sequence[str | Symbol] | None = None, order: int = 1) -> Derivation:
    """The derivative with its worked solution (see ``Derivation.explain``).

    ``wrt`` is a variable, or a list of them for a mixed partial derivative taken in that
    order (``derive(e, ["x", "y"])`` is ∂²e/∂y∂x: by x first). For ``order`` > 1, or several
    variables, the trace holds one worked derivation per order, each differentiating the
    previous answer. Derivatives written in ``expr`` (``d/dx[x^2]``) are worked out first,
    each with its own steps.
    """
    written = to_expr(expr, keep_derivatives=True)
    variables = _derive_variables(written, wrt, order)
    tree, written_steps_ = written_steps(written, derive)
    simplifier = Simplifier(**spelling(tree))
    _check_defined(tree, simplifier, _SharedSymbols(variables))
    current = tree
    derivations: list[Step] = []
    raw = tree
    normal: Normal | None = None
    for x in variables:
        if derivations and derivations[-1].result == _ZERO:
            break  # every later derivative of 0 is 0
        if derivations:
            _check_size(tree, len(derivations), size_as_written(current, MAX_WRITTEN_SHOWN + 1), MAX_WRITTEN_SHOWN)
            if normal is not None:
                _check_growth(tree, len(derivations), normal, MAX_NEXT_FACTORS_SHOWN)
        engine = _Engine(x, simplifier, traced=True)
        try:
            engine.use_placeholder_for(current)
            _, _, derivative, step = engine.run(current)
            raw = engine.raw_of(current)
        finally:
            engine.close()
        normal = simplifier.normal_form(derivative) if normal is None else _termwise(x, simplifier, normal)
        _check_answer(tree, normal)
        answer = textbook_answer(simplifier, normal)
        substeps: tuple[Step, ...] = (step,)  # type: ignore[assignment]
        if raw != answer:
            substeps += (_simplification(raw, answer, x, simplifier.spelling),)
        derivations.append(Step("derivative", "Derivative", "d/dx[f(x)]", current, x, answer, substeps))
        current = derivative  # the next order starts from the tidy form, as diff does
    n = len(variables)
    if n == 1:
        trace = derivations[0]
    else:
        done = len(derivations)
        note = f"the {_ordinal(done)} derivative is 0, so every later one is too" if done < n else ""
        mixed = len(set(variables)) > 1
        name = f"Mixed partial derivative of order {n}" if mixed else f"Derivative of order {n}"
        trace = Step("higher_derivative", name, str(n), tree, variables[0], derivations[-1].result,
                     tuple(derivations), bindings=tuple(("wrt", v) for v in variables), note=note)
    if written_steps_:
        # The derivatives written in the input come first, each a worked derivation of its own.
        worked = Step("written_derivatives", "Work out the derivatives written in it", "", written, variables[-1],
                      tree, written_steps_)
        inner = (trace,) if n == 1 else trace.substeps
        trace = Step(trace.rule, trace.name, trace.formula, written, trace.wrt, trace.result,
                     (worked, *inner), trace.bindings, trace.note)
    return Derivation(written, variables[0], n, trace, raw, variables=tuple(variables))


def _termwise(x: Symbol, simplifier: Simplifier, normal: Normal) -> Normal:
    """d/dx of an earlier derivative's normal form, as ``diff`` takes it. The rules' result on the
    written form has the same value, but its normal form can group a sum differently (the
    normal form expands only what it must), and ``derive(e, order=n).result`` is ``diff(e, order=n)``."""
    engine = _Engine(x, simplifier, traced=False)
    try:
        return engine.termwise(normal)
    finally:
        engine.close()


def _derive_variables(tree: Expr, wrt: object, order: int) -> list[Symbol]:
    if isinstance(wrt, (list, tuple)):
        if not wrt:
            raise DifferentiationError("give at least one variable to differentiate by")
        if order != 1:
            raise DifferentiationError("give either several variables or order=, not both")
        if any(isinstance(item, int) and not isinstance(item, bool) for item in wrt):
            raise DifferentiationError(f"the variables are names such as ['x', 'y'], not {quote(list(wrt))}")
        return _variables(tree, wrt, 1)
    return _variables(tree, () if wrt is None else (wrt,), order)


@collector_paused
def gradient(expr: Expr | str, vars: Sequence[str | Symbol] | None = None) -> tuple[Expr, ...]:  # noqa: A002
    """The partial derivatives, in the order of ``vars`` (default: the variables sorted by name)."""
    tree = to_expr(expr)
    variables = _gradient_variables(tree, vars)
    simplifier = Simplifier(**spelling(tree))
    shared = _SharedSymbols(variables)
    _check_defined(tree, simplifier, shared)
    partials = []
    try:
        for x in variables:
            engine = _Engine(x, simplifier, traced=False, shared=shared)
            try:
                partial = engine.normal(tree)
                _check_answer(tree, partial)
                partials.append(textbook_answer(simplifier, partial))
            finally:
                engine.close()
    finally:
        shared.clear()
    return tuple(partials)


@collector_paused
def hessian(expr: Expr | str, vars: Sequence[str | Symbol] | None = None) -> tuple[tuple[Expr, ...], ...]:  # noqa: A002
    """The matrix of second partials, rows and columns in the order of ``vars``."""
    tree = to_expr(expr)
    variables = _gradient_variables(tree, vars)
    simplifier = Simplifier(**spelling(tree))
    shared = _SharedSymbols(variables)
    _check_defined(tree, simplifier, shared)
    engines = [_Engine(x, simplifier, traced=False, shared=shared) for x in variables]
    try:
        first = [engine.normal(tree) for engine in engines]
        second = [[engine.termwise(partial) for engine in engines] for partial in first]
        for row in (first, *second):
            for partial in row:
                _check_answer(tree, partial)
        return tuple(tuple(textbook_answer(simplifier, partial) for partial in row) for row in second)
    finally:
        for engine in engines:
            engine.close()
        shared.clear()


# --- helpers --------------------------------------------------------------------------------------


def _simplification(raw: Expr, result: Expr, x: Symbol, spelled: dict[str, str]) -> Step:
    """The simplification of a rule's result as a chain: each sub-step rewrites one place of the
    whole expression (bound as ``at``, rewritten as ``to``), starting where the last one ended."""
    answer, rewrites = simplification_chain(raw, spelled)
    if answer != result:
        # The replay starts from a fresh simplifier; one that has met other parts of this
        # derivation can write a factor differently (x*y/(1/2 - x) or 2*x*y/(1 - 2*x)). The
        # answer is the derivation's, so the steps are shown as one that ends there.
        rewrites = [all_at_once(raw, result)]
    steps = tuple(
        Step(f"simplify.{'+'.join(r.laws)}", r.name, r.formula, r.before, x, r.after,
             bindings=(("at", r.at), ("to", r.to)))
        for r in rewrites
    )
    return Step("simplify", "Simplify", "rewrite without changing the value", raw, x, result, steps)


def _symbol(value: object) -> Symbol:
    named = named_symbol(value)
    if named is not None:
        return named
    raise DifferentiationError(
        f"can only differentiate with respect to a variable name such as x, not {quote(value)}"
    )


def _written_sizes(normal: Normal, sizes: dict[int, tuple[Expr, int]]) -> tuple[int, int]:
    """Nodes of a normal form written out, in all and in its sum bases alone (its factors'
    bases; stops counting past MAX_WRITTEN). ``sizes`` remembers each base's size by id: every
    order meets the same bases again."""
    total = in_sums = 0
    for monomial in normal:
        for base, _ in monomial:
            known = sizes.get(id(base))
            if known is None:
                known = sizes[id(base)] = (base, size_as_written(base, MAX_WRITTEN + 1))  # holds the id
            total += known[1] + 2
            if type(base) in (Add, Sub):
                in_sums += known[1] + 2
            if total > MAX_WRITTEN:
                return total, in_sums
    return total, in_sums


def _check_size(tree: Expr, order: int, size: int, most: int = MAX_WRITTEN, where: str = "") -> None:
    """Refuse to differentiate once more a derivative that is already too large written out
    (``most`` below ``MAX_WRITTEN``: too large to show the steps of; ``where`` names a part
    counted alone)."""
    if size <= most:
        return
    if where:
        raise DifferentiationError(
            f"the {_ordinal(order)} derivative of {to_text(tree, 60)} already has over {most:,} nodes written out "
            f"{where}, which the {_ordinal(order + 1)} would differentiate again and double: too large to work out "
            "or print (a lower order, or a simpler expression)")
    if most < MAX_WRITTEN:
        raise StepsTooLongError(
            f"the {_ordinal(order)} derivative of {to_text(tree, 60)} already has over {most:,} nodes written "
            f"out: too long to differentiate again step by step (a step per node)", f"{_ordinal(order + 1)} derivative")
    raise DifferentiationError(
        f"the {_ordinal(order)} derivative of {to_text(tree, 60)} already has over {most:,} nodes "
        f"written out, and the {_ordinal(order + 1)} would be larger still: too large to work out or print "
        "(a lower order, or a simpler expression)")


def _check_growth(tree: Expr, order: int, normal: Normal, most: int) -> None:
    """Refuse to differentiate once more a derivative whose next one would have too many factors
    (``most`` below ``MAX_NEXT_FACTORS``: too many to show the steps of)."""
    factors = 0
    for monomial in normal:
        factors += len(monomial) ** 2
        if factors > most:
            start = (f"the {_ordinal(order)} derivative of {to_text(tree, 60)} has products so long that the "
                     f"{_ordinal(order + 1)} would have over {most:,} factors")
            if most < MAX_NEXT_FACTORS:
                raise StepsTooLongError(f"{start}: too many to show step by step", f"{_ordinal(order + 1)} derivative")
            raise DifferentiationError(f"{start}: too large to work out or print (a lower order, or a simpler "
                                       "expression)")


def _check_defined(tree: Expr, simplifier: Simplifier, shared: _SharedSymbols) -> None:
    """Refuses an expression with a part that has no real value (x + 1/0, ln(x - x)): it has no
    value anywhere, while d/dx[c] = 0 would give its derivative as if it had; and a power of a
    base of at most 0 by an exponent with a variable differentiated by ((-2)^x): it has a value
    at isolated points only. The parts free of symbols are read from ``shared``'s masks, which
    the engines need anyway (least squares' loss: 1 ms, where a walk of its own took 7)."""
    shared.mask(tree)
    masks = shared.masks
    variables = shared.other_symbols - 1  # the bits of the variables differentiated by
    ranges: dict[int, tuple[Expr, Range]] = {}
    for node, _ in masks.values():
        if type(node) in CHECKED_KINDS:
            constant = [not masks[id(child)][1] for child in node.children]
            why = undefined_part(node, constant, simplifier)
            if why is None and False in constant:
                why = undefined_with_constant_parts(node, constant, simplifier) or \
                    never_in_domain(node, constant, ranges)
                if why is None and type(node) is Pow and masks[id(node.children[1])][1] & variables:
                    whole = "it" if node is tree else to_text(tree, 60)
                    isolated = varying_power_of_nonpositive(node, constant, simplifier, whole)
                    if isolated is not None:
                        raise DifferentiationError(isolated)
            if why is not None:
                raise DifferentiationError(
                    f"{to_text(tree, 60)} has no value anywhere ({why}), so it has no derivative")


def _check_answer(tree: Expr, normal: Normal) -> None:
    """Refuse a derivative the rules give as 1/0 (undefined) though ``tree`` passed
    ``_check_defined``: a part is 0 wherever it has a value, and a rule divides by it, as
    d/dx[u^v] = u^v*(v'*ln(u) + v*u'/u) does for (x - x)^(x - x), which is 1 (0^0) everywhere."""
    if UNDEFINED_MONOMIAL in normal:
        raise DifferentiationError(
            f"the rules give the derivative of {to_text(tree, 60)} as 1/0 (undefined): a part of it is a constant "
            "written with the variable (x - x), where a rule divides by it; write that part as its value")


def _check_order(order: object) -> None:
    if not isinstance(order, int) or isinstance(order, bool) or order < 1:
        raise DifferentiationError(f"the order of a derivative is a whole number of at least 1, not {quote(order)}")
    if order > MAX_ORDER:
        raise DifferentiationError(f"the order of a derivative is at most {MAX_ORDER:,}, not {quote(order)}")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _variables(tree: Expr, wrt: Iterable[object], order: int) -> list[Symbol]:
    _check_order(order)
    variables: list[Symbol] = []
    for item in wrt:
        if isinstance(item, int) and not isinstance(item, bool):
            if not variables:
                raise DifferentiationError("a count must follow a variable, as in diff(e, 'x', 2)")
            _check_order(item)
            variables.extend([variables[-1]] * (item - 1))
        else:
            variables.append(_symbol(item))
    if not variables:
        free = sorted(tree.free_symbols, key=lambda symbol: symbol.name)
        if len(free) > 1:
            names = ", ".join(symbol.name for symbol in free)
            raise DifferentiationError(f"say which variable to differentiate by: the expression has {names}")
        variables = free or [Symbol("x")]
    if order > 1:
        if len(variables) > 1:
            raise DifferentiationError("give either several variables or order=, not both")
        variables = variables * order
    if len(variables) > MAX_ORDER:
        raise DifferentiationError(f"a derivative of order {len(variables):,}: symdiff takes at most {MAX_ORDER:,}")
    return variables


def _gradient_variables(tree: Expr, vars: Sequence[str | Symbol] | None) -> list[Symbol]:  # noqa: A002
    if vars is None:
        return sorted(tree.free_symbols, key=lambda symbol: symbol.name)
    if isinstance(vars, (str, Symbol)):
        vars = [vars]  # noqa: A001
    if not isinstance(vars, Sequence) or not vars:
        raise DifferentiationError(f"the variables are a list of names such as ['x', 'y'], not {quote(vars)}")
    variables = [_symbol(v) for v in vars]
    for i, variable in enumerate(variables):
        if variable in variables[:i]:  # as backprop and the session refuse it: a slip, not a request
            raise DifferentiationError(f"{variable.name} is named twice among the variables")
    return variables


# Evaluating, substituting into and simplifying an expression with d/dx[...] written in it work
# it out first; those live in lower layers, so they reach diff through this registration.
register_worker(lambda tree: work_out(tree, diff))
