"""Derivations as files: JSON (a stable schema), Markdown and LaTeX, chosen by file extension.

The JSON keeps steps in one flat list that refers to sub-steps by index, so a trace of any
depth is written without nesting (and without the recursion a nested document would need).
Its schema is documented in the README ("The trace as JSON") and named in every document,
so readers can check what they are given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..calculus.trace import Derivation
from ..core.errors import SymdiffError
from ..core.latex import derivation_latex, document, expr_latex
from ..core.printer import to_text

__all__ = ["EXTENSIONS", "SCHEMA", "ExportError", "derivation_data", "json_document", "markdown", "render", "write"]

SCHEMA = "symdiff.trace/1"
EXTENSIONS = (".json", ".md", ".tex")


class ExportError(SymdiffError):
    """A derivation could not be written where or how it was asked for."""


def derivation_data(derivation: Derivation) -> dict[str, object]:
    """One derivation as JSON-ready data: what was asked, the answer, and every step."""
    steps: list[dict[str, object]] = []
    index: dict[int, int] = {}
    order = list(derivation.trace)  # parents before children
    for step in order:
        index[id(step)] = len(steps)
        steps.append({})
    for step in order:
        steps[index[id(step)]] = {
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
    return {
        "expr": to_text(derivation.expr),
        "wrt": derivation.wrt.name,
        "order": derivation.order,
        "result": to_text(derivation.result),
        "result_latex": expr_latex(derivation.result),
        "raw": to_text(derivation.raw),
        "root": 0,
        "steps": steps,
    }


def json_document(derivations: Sequence[Derivation]) -> str:
    data = {"schema": SCHEMA, "derivations": [derivation_data(d) for d in derivations]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def markdown(derivations: Sequence[Derivation]) -> str:
    """A Markdown page: per derivation, the question, the answer as math, the worked steps."""
    parts = []
    for derivation in derivations:
        question = f"d{_power(derivation.order)}/d{derivation.wrt.name}{_power(derivation.order)} [{derivation.expr}]"
        parts += [
            f"## {question}",
            "",
            f"$$\n{expr_latex(derivation.result)}\n$$",
            "",
            f"Answer: `{derivation.result}`",
            "",
            "```text",
            derivation.explain(width=None),
            "```",
            "",
        ]
    return "\n".join(parts)


def render(derivations: Sequence[Derivation], extension: str) -> str:
    if extension == ".json":
        return json_document(derivations)
    if extension == ".md":
        return markdown(derivations)
    if extension == ".tex":
        return document([derivation_latex(d) for d in derivations])
    raise ExportError(f"cannot write {extension or 'a file without an extension'}: use .tex, .json or .md")


def write(path: str | Path, derivations: Derivation | Sequence[Derivation]) -> Path:
    """Write derivations to ``path`` as LaTeX, JSON or Markdown, by its extension."""
    path = Path(path)
    if isinstance(derivations, Derivation):
        derivations = [derivations]
    text = render(derivations, path.suffix.lower())
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _power(order: int) -> str:
    return "" if order == 1 else f"^{order}"
