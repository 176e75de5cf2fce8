"""Shrinking: a failing case made smaller while it fails the same way (same class and key).

Text loses chunks (halves, then quarters, ... then single characters), a tree program loses
operations (keeping it a valid program), and data arrays lose elements. Candidates run in the
pool, a batch at a time; the smallest that still fails replaces the case.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator

from .checks import FAILURES
from .inputs import ARITY


def _text_candidates(text: str) -> Iterator[str]:
    size = len(text) // 2
    while size >= 1:
        for start in range(0, len(text), size):
            yield text[:start] + text[start + size:]
        size //= 2


def _valid(program: list) -> bool:
    depth = 0
    for op in program:
        arity = ARITY[op[0]](op) if op[0] in ARITY else 1
        if depth < arity:
            return False
        depth += 1 - arity if op[0] != "dup" else 1
    return depth == 1


def _program_candidates(program: list) -> Iterator[list]:
    for size in (8, 4, 2, 1):
        for start in range(0, len(program), size):
            candidate = program[:start] + program[start + size:]
            if candidate and _valid(candidate):
                yield candidate
    for i, op in enumerate(program):  # n-ary sums and products of fewer operands
        if op[0] in ("add", "mul") and op[1] > 2:
            yield [*program[:i], (op[0], op[1] - 1), ("add", 2), *program[i + 1:]]


def candidates(case: dict) -> Iterator[dict]:
    kind, payload = case["expr"]
    if kind == "text":
        for text in _text_candidates(payload):
            yield {**case, "expr": ("text", text)}
    elif kind == "tree":
        for program in _program_candidates(payload):
            yield {**case, "expr": ("tree", program)}
    for name, value in case["args"].items():
        if isinstance(value, list) and value:
            for i in range(len(value)):
                args = copy.copy(case["args"])
                args[name] = value[:i] + value[i + 1:]
                yield {**case, "args": args}


def _size(case: dict) -> int:
    return len(repr(case))


def shrink_one(case: dict, outcome: tuple, pool, deadline: float, batch: int = 8) -> tuple[dict, tuple]:
    target = outcome[:2]
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        pending = candidates(case)
        while time.monotonic() < deadline:
            chunk = [c for _, c in zip(range(batch), pending, strict=False)]
            if not chunk:
                break
            found = [(c, o) for c, o in pool.run(iter(chunk)) if o[:2] == target and _size(c) < _size(case)]
            if found:
                case, outcome = min(found, key=lambda pair: _size(pair[0]))
                improved = True
                break
    return case, outcome


def shrink_all(campaign, pool, seconds: float) -> None:
    """Shrink the smallest case of each failure key, up to ``seconds`` in all."""
    keys = [key for key in campaign.failures if key[0] in FAILURES]
    if not keys:
        return
    end = time.monotonic() + seconds
    for i, key in enumerate(keys):
        share = (end - time.monotonic()) / (len(keys) - i)
        if share <= 0.5:
            break
        found = campaign.failures[key]
        case, outcome = min(found, key=lambda pair: _size(pair[0]))
        small = shrink_one(case, outcome, pool, time.monotonic() + share, batch=2 * pool.workers)
        if small[0] is not case:
            found.append(small)
