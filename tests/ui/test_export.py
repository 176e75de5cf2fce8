"""Derivations as JSON (a stable, flat schema), Markdown and LaTeX files."""

import json

import pytest
from tex import compile_tex, needs_tex

from symdiff import derive, parse
from symdiff.calculus.rules import RULES
from symdiff.calculus.trace_json import SCHEMA, derivation_data, json_document
from symdiff.ui.export import ExportError, markdown, write

STEP_KEYS = {"rule", "name", "formula", "expr", "wrt", "result", "bindings", "note", "substeps"}


def test_json_schema():
    derivation = derive("x^2 sin x")
    document = json.loads(json_document([derivation]))
    assert document["schema"] == SCHEMA == "symdiff.trace/1"
    (data,) = document["derivations"]
    assert data["expr"] == "x^2*sin(x)" and data["wrt"] == "x" and data["order"] == 1
    assert data["result"] == "x^2*cos(x) + 2*x*sin(x)" and data["result_latex"] == derivation.result.to_latex()
    assert data["raw"] == str(derivation.raw)
    steps = data["steps"]
    assert data["root"] == 0 and steps[0]["rule"] == "derivative"
    for step in steps:
        assert set(step) == STEP_KEYS
        assert step["rule"] in RULES or step["rule"] in ("derivative", "higher_derivative") or step["rule"].startswith(
            "simplify"
        )
        assert all(0 < index < len(steps) for index in step["substeps"])
        parse(step["expr"]), parse(step["result"])  # every expression reads back
    product = next(step for step in steps if step["rule"] == "product")
    assert product["bindings"] == {"u": "x^2", "v": "sin(x)"}
    assert [steps[i]["rule"] for i in product["substeps"]] == ["power", "sin"]
    # Each step is listed once and reached from the root exactly once.
    reached = [i for step in steps for i in step["substeps"]]
    assert sorted(reached) == list(range(1, len(steps)))


def test_json_of_a_deep_trace_is_flat():
    text = "x"
    for _ in range(200):
        text = f"sin({text})"
    data = derivation_data(derive(text))
    assert len(data["steps"]) > 400
    json.dumps(data)  # no nesting, so no RecursionError in the encoder


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
