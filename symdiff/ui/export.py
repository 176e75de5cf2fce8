"""Derivations as files: JSON (a stable schema), Markdown and LaTeX, chosen by file extension.

The JSON and LaTeX are made by the trace's own printers (``symdiff.calculus.trace_json`` and
``trace_latex``: a LaTeX file is a handout, each derivative a numbered problem with its worked
solution and the answer boxed); this module adds Markdown and writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..calculus.trace import Derivation
from ..calculus.trace_json import json_document
from ..calculus.trace_latex import handout
from ..core.errors import SymdiffError
from ..core.latex import expr_latex
from ..core.notation import check_notation

__all__ = ["EXTENSIONS", "ExportError", "markdown", "render", "write"]

EXTENSIONS = (".json", ".md", ".tex")


class ExportError(SymdiffError):
    """A derivation could not be written where or how it was asked for."""


def markdown(derivations: Sequence[Derivation], *, notation: str = "leibniz") -> str:
    """A Markdown page: per derivation, the question, the answer as math, the worked steps."""
    notation = check_notation(notation)
    parts = []
    for derivation in derivations:
        steps = derivation.explain(width=None, notation=notation)
        question = steps.split("\n", 1)[0].split("  (", 1)[0]  # the heading, without a note
        parts += [
            f"## {question}",
            "",
            f"$$\n{expr_latex(derivation.result)}\n$$",
            "",
            f"Answer: `{derivation.result}`",
            "",
            "```text",
            steps,
            "```",
            "",
        ]
    return "\n".join(parts)


def render(derivations: Sequence[Derivation], extension: str, *, notation: str = "leibniz") -> str:
    """The text of a file of ``derivations`` with this extension (``.json``, ``.md``, ``.tex``)."""
    if extension == ".json":
        return json_document(derivations)
    if extension == ".md":
        return markdown(derivations, notation=notation)
    if extension == ".tex":
        return handout(derivations, notation=notation)
    raise ExportError(f"cannot write {extension or 'a file without an extension'}: use .tex, .json or .md")


def write(path: str | Path, derivations: Derivation | Sequence[Derivation], *, notation: str = "leibniz") -> Path:
    """Write derivations to ``path`` as LaTeX, JSON or Markdown, by its extension; ``notation``
    as for ``Derivation.explain`` (the JSON is the trace's data, in no notation)."""
    path = Path(path)
    if isinstance(derivations, Derivation):
        derivations = [derivations]
    text = render(derivations, path.suffix.lower(), notation=check_notation(notation))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path
