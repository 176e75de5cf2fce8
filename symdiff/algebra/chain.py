"""A simplification shown as a chain of rewrites, each one named law at one place.

The simplifier builds its normal form bottom-up, one node at a time, and with ``record=True``
notes which laws it used at each node and what that node became (``Simplifier.records``).
This module replays that in the order a worked solution writes it: walking the expression as
written, children before parents, each node whose own laws changed what a reader sees is
rewritten in place, and the whole expression before and after is one ``Rewrite``. So the first
rewrite starts at the rule's result, each next one starts where the previous ended, and the
last ends at the answer; a rewrite that would leave the text unchanged is never made.

Regrouping ``(u*v)*w`` as ``u*v*w`` and putting terms in order are not steps of their own (a
textbook does them silently): they travel with the next rewrite above them, and if only they
are left at the end, with the last rewrite.

A very long expression (more than ``MAX_NODES`` nodes as written, or more than ``MAX_STEPS``
rewrites) gets one rewrite from start to answer instead, named as such: a chain of hundreds of
whole-expression lines is no worked solution. So does a simplification whose replay ends
somewhere other than the answer the caller's simplifier gave (``all_at_once``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.expr import Expr
from ..core.traversal import rebuilt, size_as_written
from .normal import Normal
from .simplify import ACTIONS, Simplifier
from .textbook import LAWS as TEXTBOOK_LAWS
from .textbook import textbook_steps

__all__ = ["MAX_NODES", "MAX_STEPS", "Rewrite", "all_at_once", "simplification_chain"]

MAX_NODES = 400
MAX_STEPS = 40

# When one node used several laws they are named together, in this order; a law left out
# ("regroup") a textbook applies without a word, and it goes with the next rewrite shown.
ORDER = ("natural_log", "exponential", "special", "parity", "inverse", "zero", "identity", "negation", "distribute",
         "fold", "surd", "collect", "powers", "power_of_power", "cancel", "factor_out")

# The laws a chain can name: the simplifier's, and those of writing the answer.
LAWS: dict[str, tuple[str, str]] = {
    **ACTIONS,
    **TEXTBOOK_LAWS,
    "order": ("Write in standard order", ""),
    "all": ("Simplify, all at once", ""),
}


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One step of a simplification: ``before`` (the whole expression) became ``after`` by
    rewriting its subexpression ``at`` as ``to``, by the laws ``laws`` (ids in ``ACTIONS``)."""

    laws: tuple[str, ...]
    name: str
    formula: str
    before: Expr
    after: Expr
    at: Expr
    to: Expr

    def __repr__(self) -> str:
        return f"<Rewrite {self.name}: {self.at} -> {self.to}>"


def simplification_chain(raw: Expr, spelled: dict[str, str] | None = None) -> tuple[Expr, list[Rewrite]]:
    """The simplified answer of ``raw`` and the rewrites that lead there (none if it is simple);
    ``spelled``: how ln and exp are written (``Simplifier.spelling``)."""
    recorder = Simplifier(record=True, **(spelled or {}))
    normal = recorder.normal_form(raw)
    answer, textbook = textbook_steps(recorder, normal)
    steps = _normal_form_steps(raw, recorder, normal, answer)
    steps += [_rewrite((law,), before, after, before, after) for law, before, after in textbook]
    return (steps[-1].after if steps else raw), steps


def _normal_form_steps(raw: Expr, recorder: Simplifier, normal: Normal, answer: Expr) -> list[Rewrite]:
    """From the rule's result to the simplifier's answer (before the textbook's strategy)."""
    if answer == raw:
        return []
    steps = _replay(raw, recorder) if size_as_written(raw, MAX_NODES) <= MAX_NODES else None
    if steps is None:
        return [_rewrite(("all",), raw, answer, raw, answer)]
    end = steps[-1].after if steps else raw
    presented = recorder.present(normal)  # the answer before common factors are taken out
    if end != presented:
        if steps:  # only silent regrouping is left: it goes with the last rewrite
            last = steps[-1]
            steps[-1] = Rewrite(last.laws, last.name, last.formula, last.before, presented, last.at, last.to)
        else:
            steps.append(_rewrite(("order",), raw, presented, raw, presented))
    if presented != answer:
        steps.append(_rewrite(("factor_out",), presented, answer, presented, answer))
    return steps


def _replay(raw: Expr, recorder: Simplifier) -> list[Rewrite] | None:
    """Walk ``raw`` as written, children first, rewriting each node where its laws showed;
    None when that takes more than ``MAX_STEPS`` rewrites."""
    steps: list[Rewrite] = []
    # The walk's path from the root: each node with the current forms of its children done so far.
    frames: list[tuple[Expr, list[Expr]]] = [(raw, [])]
    while frames:
        node, done = frames[-1]
        if len(done) < len(node.children):
            frames.append((node.children[len(done)], []))
            continue
        frames.pop()
        current = rebuilt(node, done)
        # The laws used on the node as it now stands (its parts already rewritten): simplifying
        # it records them, so a step names what happens at this place, not what would have
        # happened to the node as first written.
        recorder.normal_form(current)
        record = recorder.records.get(current)
        if record is not None:
            laws, shown = record
            named = tuple(law for law in ORDER if law in laws)
            if named and current != shown:
                steps.append(_rewrite(named, _in_context(frames, current), _in_context(frames, shown), current, shown))
                current = shown
                if len(steps) > MAX_STEPS:
                    return None
        if frames:
            frames[-1][1].append(current)
    return steps


def _in_context(frames: list[tuple[Expr, list[Expr]]], inner: Expr) -> Expr:
    """The whole expression, with the node being visited replaced by ``inner``."""
    value = inner
    for node, done in reversed(frames):
        value = node.with_children((*done, value, *node.children[len(done) + 1:]))
    return value


def _rewrite(laws: tuple[str, ...], before: Expr, after: Expr, at: Expr, to: Expr) -> Rewrite:
    names = [LAWS[law][0] for law in laws]
    later = [name[0].lower() + name[1:] for name in names[1:]]
    name = names[0] if not later else ", ".join([names[0], *later[:-1]]) + " and " + later[-1]
    # ", " between laws as within one: the LaTeX printer sets each clause as mathematics
    formula = ", ".join(LAWS[law][1] for law in laws if LAWS[law][1])
    return Rewrite(laws, name, formula, before, after, at, to)


def all_at_once(raw: Expr, answer: Expr) -> Rewrite:
    """One rewrite from ``raw`` to ``answer``, naming no law it cannot vouch for."""
    return _rewrite(("all",), raw, answer, raw, answer)
