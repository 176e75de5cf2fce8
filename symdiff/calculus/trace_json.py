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


# A trace whose steps, whole, pass SHOWN_CHARS characters is written cut short, so the document
# stays bounded and is written in time proportional to it (a 500-deep chain's steps, whole, were
# 114 MB): an expression inside a step longer than WIDTH characters ends with "…", and past
# SHOWN_CHARS characters of steps the rest are left out (counted in "omitted_steps"). The question,
# the answer and the raw result are whole up to ANSWER_CHARS characters (ANSWER_NODES nodes in
# LaTeX). Such a document says "abbreviated": true.
WIDTH = 1_000
SHOWN_CHARS = 500_000


def step_data(step: Step, index: dict[int, int], width: int | None = None) -> dict[str, object]:
    """One step as JSON-ready data; its sub-steps by their places in ``index`` (id -> position),
    its expressions cut at ``width`` characters when given."""
    return {
        "rule": step.rule,
        "name": step.name,
        "formula": step.formula,
        "expr": to_text(step.expr, width),
        "wrt": step.wrt.name,
        "result": to_text(step.result, width),
        "bindings": {name: to_text(value, width) for name, value in step.bindings},
        "note": step.note,
        "substeps": [index[id(sub)] for sub in step.substeps],
    }


def derivation_data(derivation: Derivation) -> dict[str, object]:
    """One derivation as JSON-ready data: what was asked, the answer, and every step (a deep
    one cut short, as ``WIDTH`` and ``SHOWN_CHARS`` say)."""
    from .trace import ANSWER_CHARS
    from .trace_latex import ANSWER_NODES

    order = parents_first(derivation.trace)
    index = {id(step): i for i, step in enumerate(order)}
    whole = _listed(order, index, None)
    cut = whole is None
    steps = _listed(order, index, WIDTH) if whole is None else whole
    for data in steps:  # a step listed refers only to steps listed
        listed = [i for i in data["substeps"] if i < len(steps)]  # type: ignore[attr-defined]
        if len(listed) < len(data["substeps"]):  # type: ignore[arg-type]
            data["omitted_substeps"] = len(data["substeps"]) - len(listed)  # type: ignore[arg-type]
            data["substeps"] = listed
    expr, result, raw = (to_text(e, ANSWER_CHARS) for e in (derivation.expr, derivation.result, derivation.raw))
    document: dict[str, object] = {
        "expr": expr,
        "wrt": derivation.wrt.name,
        "order": derivation.order,
        "variables": [v.name for v in derivation.variables],
        "result": result,
        "result_latex": expr_latex(derivation.result, max_nodes=ANSWER_NODES),
        "raw": raw,
        "root": 0,
        "steps": steps,
    }
    if cut or max(len(expr), len(result), len(raw)) > ANSWER_CHARS:
        document["abbreviated"] = True
        if len(steps) < len(order):
            document["omitted_steps"] = len(order) - len(steps)
    return document


def _listed(order: list[Step], index: dict[int, int], width: int | None) -> list[dict[str, object]] | None:
    """The steps' data while they total about ``SHOWN_CHARS`` characters: with ``width``, each
    expression cut there and the steps past the total left out; without, every step whole, or
    None when they do not all fit (found having printed at most that much)."""
    steps: list[dict[str, object]] = []
    used = 0
    for step in order:
        if used > SHOWN_CHARS:
            if width is None:
                return None
            break
        room = width if width is not None else SHOWN_CHARS - used + 1
        data = step_data(step, index, room)
        if width is None and _length(data, longest=True) > room:  # cut at the room left: not whole
            return None
        steps.append(data)
        used += _length(data)
    return steps


def _length(data: dict[str, object], *, longest: bool = False) -> int:
    """About how many characters a step's data writes (or with ``longest``, its longest expression)."""
    texts = [data["expr"], data["result"], *data["bindings"].values()]  # type: ignore[attr-defined]
    if longest:
        return max(map(len, texts))
    return sum(map(len, texts)) + len(data["formula"]) + len(data["note"]) + 200  # type: ignore[arg-type]


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
