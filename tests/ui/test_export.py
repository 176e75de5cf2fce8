"""Derivations as files: Markdown, and the format chosen by the file's extension (.json, .md, .tex)."""

import pytest
from tex import compile_tex, needs_tex

from symdiff import derive
from symdiff.ui.export import ExportError, markdown, write


def test_markdown_has_question_answer_and_steps():
    page = markdown([derive("x^x", order=2)])
    assert page.startswith("## d^2/dx^2 [x^x]")
    assert "$$\n" + derive("x^x", order=2).result.to_latex() + "\n$$" in page
    assert "Logarithmic Differentiation" in page and "```text" in page


@pytest.mark.parametrize("suffix", [".json", ".md", ".tex", ".TEX"])
def test_write_chooses_the_format_by_extension(tmp_path, suffix):
    path = write(tmp_path / f"out{suffix}", derive("tan x"))
    text = path.read_text(encoding="utf-8")
    marker = {".json": '"schema"', ".md": "## d/dx", ".tex": r"\documentclass", ".TEX": r"\documentclass"}[suffix]
    assert marker in text


def test_write_errors_are_symdiff_errors(tmp_path):
    with pytest.raises(ExportError, match=r"use \.tex, \.json or \.md"):
        write(tmp_path / "out.pdf", derive("x"))
    with pytest.raises(ExportError, match="cannot write"):
        write(tmp_path / "missing" / "out.tex", derive("x"))


@needs_tex
def test_a_written_tex_file_compiles(tmp_path):
    path = write(tmp_path / "steps.tex", [derive("ln(x^2 + 1)"), derive("tan(3x)", order=2)])
    compile_tex(tmp_path, path.read_text(encoding="utf-8"), "steps")
