"""Handouts: each derivative a problem (numbered when there are several), stated, worked with
every rule named, the answer boxed; written by to_latex(standalone=True) and by export to .tex."""

import re

import pytest
from tex import compile_tex, needs_tex, overfull_boxes, words_in_math

from symdiff import SymdiffError, derive
from symdiff.calculus.trace_latex import BOX_ROWS, handout
from symdiff.ui.export import markdown, write

THREE = ["x^2 sin x", "sin(x^2 + 1)^3", ("x^3 y^2", ["x", "y"])]


def _three():
    return [derive(*item) if isinstance(item, tuple) else derive(item) for item in THREE]


def test_a_handout_of_three_problems():
    latex = handout(_three())
    assert re.findall(r"\\subsection\*\{(Problem \d)\.\}", latex) == ["Problem 1", "Problem 2", "Problem 3"]
    assert latex.count("Find\n\\begin{align*}") == 3 and latex.count(r"\textbf{Solution.}") == 3
    assert latex.count(r"\boxed{") == 3
    for name in ("Product Rule", "Chain Rule", "Power Rule", "Sine Rule", "Constant Multiple Rule"):
        assert rf"\textbf{{{name}}}" in latex
    problem = latex.split(r"\subsection*{Problem 3.}")[1]
    operator = r"\frac{\partial^{2}}{\partial y\,\partial x}"
    assert "Find\n\\begin{align*}\n&" + operator + r"\left[x^{3} y^{2}\right]" in problem
    assert r"&= \boxed{6 x^{2} y}" in problem
    assert words_in_math(latex) == []
    assert latex.startswith(r"\documentclass[11pt,fleqn]{article}") and r"\usepackage{amsmath}" in latex


def test_one_derivation_is_one_unnumbered_problem():
    latex = derive("x^2 sin x").to_latex(standalone=True)
    assert r"\subsection*{Problem.}" in latex and "Problem 1" not in latex
    assert latex.rstrip().endswith("&= \\boxed{x^{2} \\cos x + 2 x \\sin x}\n\\end{align*}\n\\end{document}")
    # the block for pasting into one's own document has no box and no problem
    block = derive("x^2 sin x").to_latex()
    assert r"\boxed" not in block and "Problem" not in block and block.startswith(r"\begin{align*}")


def test_an_answer_of_several_rows_is_boxed_as_an_aligned_block():
    latex = derive("(t^3 + 1)^5 exp(t)", "t", order=5).to_latex(standalone=True)
    boxed = latex.split(r"&= \boxed{")[1]
    assert boxed.startswith("\\begin{aligned}\n&") and boxed.count(" \\\\\n&") + 1 <= BOX_ROWS


def test_an_answer_too_long_or_abbreviated_is_not_boxed():
    abbreviated = derive("sin " * 160 + "x").to_latex(standalone=True)  # an answer of over 2,000 nodes
    assert r"\boxed" not in abbreviated and "abbreviated: the whole answer" in abbreviated
    long = derive(" * ".join(f"(x^{k} + {k})" for k in range(1, 12))).to_latex(standalone=True)
    answer = long.split("\n&= ")[-1]
    assert r"\boxed" not in long and answer.count(r"\\") > BOX_ROWS  # a box cannot run on to the next page


@needs_tex
def test_a_handout_compiles_and_fits_the_page(tmp_path):
    for notation in ("leibniz", "lagrange", "euler", "newton"):
        log = compile_tex(tmp_path, handout(_three(), notation=notation), f"handout_{notation}")
        assert overfull_boxes(log) == [], notation


def test_export_writes_a_handout_in_the_notation_asked(tmp_path):
    path = write(tmp_path / "steps.tex", _three(), notation="lagrange")
    latex = path.read_text(encoding="utf-8")
    assert latex == handout(_three(), notation="lagrange")
    assert r"&\left(x^{2} \sin x\right)'" in latex and r"\subsection*{Problem 2.}" in latex
    page = write(tmp_path / "steps.md", _three(), notation="euler").read_text(encoding="utf-8")
    assert page.startswith("## D_x [x^2*sin(x)]") and "## D_y D_x [x^3*y^2]" in page
    assert markdown(_three()).startswith("## d/dx [x^2*sin(x)]")


@pytest.mark.parametrize("bad", [[], (), None, "x^2", ["x^2"], [derive("x"), 3]], ids=repr)
def test_a_handout_needs_a_list_of_derivations(bad):
    with pytest.raises(SymdiffError, match="handout takes a list of derivations"):
        handout(bad)
    with pytest.raises(SymdiffError, match="the title is text"):
        handout([derive("x")], title=3)
