"""Derivations as files: JSON (a stable schema), Markdown and LaTeX, chosen by file extension.

The JSON and LaTeX are made by the trace's own printers (``symdiff.calculus.trace_json`` and
``trace_latex``); this module adds Markdown and writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..calculus.trace import Derivation
from ..calculus.trace_json import json_document
from ..calculus.trace_latex import derivation_latex
from ..core.errors import SymdiffError
from ..core.latex import document, expr_latex

__all__ = ["EXTENSIONS", "ExportError", "markdown", "render", "write"]

EXTENSIONS = (".json", ".md", ".tex")


class ExportError(SymdiffError):
    """A derivation could not be written where or how it was asked for."""


def markdown(derivations: Sequence[Derivation]) -> str:
    """A Markdown page: per derivation, the question, the answer as math, the worked steps."""
    parts = []
    for derivation in derivations:
        question = f"{derivation.operator} [{derivation.expr}]"
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
