"""The trace as JSON: a stable schema, with every step in one flat list.

Steps refer to their sub-steps by index, so a trace of any depth is written without nesting
(and without the recursion a nested document would need). The schema is documented in the
README ("The trace as JSON") and named in every document, so readers can check what they
are given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.latex import expr_latex
from ..core.printer import to_text

if TYPE_CHECKING:
    from .trace import Derivation, Step

__all__ = ["SCHEMA", "derivation_data", "json_document", "parents_first", "step_data"]

SCHEMA = "symdiff.trace/1"


def step_data(step: Step, index: dict[int, int]) -> dict[str, object]:
    """One step as JSON-ready data; its sub-steps by their places in ``index`` (id -> position)."""
    return {
        "rule": step.rule,
        "name": step.name,
        "formula": step.formula,
        "expr": to_text(step.expr),
        "wrt": step.wrt.name,
        "result": to_text(step.result),
        "bindings": {name: to_text(value) for name, value in step.bindings},
        "note": step.note,
        "substeps": [index[id(sub)] for sub in step.substeps],
    }


def derivation_data(derivation: Derivation) -> dict[str, object]:
    """One derivation as JSON-ready data: what was asked, the answer, and every step."""
    steps: list[dict[str, object]] = []
    order = parents_first(derivation.trace)
    index = {id(step): i for i, step in enumerate(order)}
    for step in order:
        steps.append(step_data(step, index))
    return {
        "expr": to_text(derivation.expr),
        "wrt": derivation.wrt.name,
        "order": derivation.order,
        "variables": [v.name for v in derivation.variables],
        "result": to_text(derivation.result),
        "result_latex": expr_latex(derivation.result),
        "raw": to_text(derivation.raw),
        "root": 0,
        "steps": steps,
    }


def json_document(derivations: Sequence[Derivation]) -> str:
    data = {"schema": SCHEMA, "derivations": [derivation_data(d) for d in derivations]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def parents_first(root: Step) -> list[Step]:
    """Each distinct step once, every step after all the steps that use it, in reading order.

    A trace shares a step wherever the same subexpression is differentiated twice (sin(x) +
    sin(x)), so it is a graph, not a tree: a plain walk would list the shared step twice."""
    users: dict[int, int] = {}
    stack = [root]
    seen = {id(root)}
    while stack:
        for sub in stack.pop().substeps:
            users[id(sub)] = users.get(id(sub), 0) + 1
            if id(sub) not in seen:
                seen.add(id(sub))
                stack.append(sub)
    order: list[Step] = []
    ready = [root]
    while ready:
        step = ready.pop()
        order.append(step)
        for sub in reversed(step.substeps):
            users[id(sub)] -= 1
            if not users[id(sub)]:
                ready.append(sub)
    return order
