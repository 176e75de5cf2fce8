"""Long LaTeX lines broken into rows: the width estimate (checked against pdflatex's own
measurements), the rows a list of items fills, and an expression split into items."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import expressions
from tex import compile_tex, needs_tex

from symdiff import SymdiffError, derive, parse
from symdiff.core.latex import expr_latex
from symdiff.core.latex_lines import LINE_EM, Break, Chunk, Close, Open, chunk, expr_items, fill
from symdiff.core.latex_width import latex_width

WIDTHS = [  # LaTeX -> its width in em (11pt Computer Modern), as pdflatex sets it
    ("x", 0.57), ("x + y", 2.31), ("2 x", 1.07), (r"\sin x", 1.96), (r"\frac{x + 1}{2}", 2.5), (r"x^{2}", 1.0),
    (r"\text{with }", 2.27), (r"\textbf{Product Rule}", 6.8), (r"\hspace{3em}", 3.0), (r"\left(x + 1\right)", 3.06),
    (r"\begin{aligned}&a + b\\&c\end{aligned}", 2.17),
]


@pytest.mark.parametrize(("latex", "em"), WIDTHS)
def test_the_width_estimate_is_close(latex, em):
    assert em * 0.85 <= latex_width(latex) <= em * 1.2


def test_width_estimate_shapes():
    assert latex_width(r"\frac{x + y + z}{2}") < latex_width("x + y + z") + 0.5  # the wider part, not the sum
    assert latex_width("x^{y + z}") < latex_width("x y + z")  # scripts are smaller
    assert latex_width(r"\frac{\frac{a + b}{c}}{d}") < latex_width("a + b")  # a fraction in a fraction, smaller still
    assert latex_width(r"\text{" + "a" * 40 + "}") > 15
    assert latex_width("x" * 10_000, stop=5) < 10  # stops early once past the width asked about
    assert latex_width("{" * 100_000 + "x" + "}" * 100_000) > 0  # any depth, no recursion
    assert latex_width("}}{{x^") >= 0  # unbalanced source is measured, not refused
    with pytest.raises(SymdiffError, match="latex_width measures LaTeX source"):
        latex_width(None)


@needs_tex
def test_the_width_estimate_against_pdflatex(tmp_path):
    # Each row of some worked solutions, measured by TeX: the estimate is never more than about
    # an em short (rows are broken at 41.5 em of a 44 em page) and at most a third too wide.
    rows = []
    for text, wrt in [("x^x", "x"), ("-(y ln(sigmoid(w x + b)) + (1 - y) ln(1 - sigmoid(w x + b)))", "w"),
                      ("theta_1^2 alpha + sqrt(x)/(x + 1) + abs(x) + log_2(x)", "theta_1"),
                      ("(x^2 + 1)/(x^3 - 2 x) + atan(x)^2", "x")]:
        for notation in ("leibniz", "lagrange"):
            latex = derive(text, wrt, order=2).to_latex(notation=notation)
            body = latex.removeprefix("\\begin{align*}\n").removesuffix("\n\\end{align*}")
            rows += [row[1:] for row in re.split(r" \\\\\n(?=&)", body)]
    body = [rf"\setbox0=\hbox{{$\displaystyle {row}$}}\typeout{{WIDTH{i}:\the\wd0}}" for i, row in enumerate(rows)]
    source = "\n".join([r"\documentclass[11pt]{article}", r"\usepackage{amsmath}", r"\begin{document}", *body,
                        "x", r"\end{document}"])
    log = compile_tex(tmp_path, source, "widths")
    measured = {int(i): float(pt) / 11 for i, pt in re.findall(r"WIDTH(\d+):([\d.]+)pt", log)}
    assert len(measured) == len(rows) > 100
    for i, row in enumerate(rows):
        estimate, actual = latex_width(row), measured[i]
        assert estimate >= actual - 1.0 and estimate <= actual * 1.35 + 1.0, (row, estimate, actual)


def test_fill_breaks_where_the_next_part_would_not_fit():
    items = [chunk("a"), Break(" + ", "+ "), Chunk("b", 10), Break(" + ", "+ "), Chunk("c", 10),
             Break(" + ", "+ "), Chunk("d", 10)]
    assert fill(items, width=1000) == ["a + b + c + d"]
    assert fill(items, width=24) == ["a + b + c", r"\qquad + d"]
    assert fill(items, indent=r"\hspace{2em}", indent_em=2, width=16) == [
        r"\hspace{2em}a + b", r"\hspace{2em}\qquad + c", r"\hspace{2em}\qquad + d"]
    # brackets open across a break are closed and reopened, so each row balances
    bracketed = [chunk("x"), Open(r"\left("), Chunk("a", 10), Break(" + ", "+ "), Chunk("b", 10), Close(r"\right)")]
    assert fill(bracketed, width=15) == [r"x\left(a\right.", r"\qquad \left.{}+ b\right)"]  # {}: + stays binary
    # a break ends the row with its end text: a comma between clauses
    assert fill([Chunk("p", 10), Break(r",\quad ", "", ","), Chunk("q", 10)], width=15) == ["p,", r"\qquad q"]
    with pytest.raises(SymdiffError, match="fill packs a list of items"):
        fill(["a + b"])


def test_a_short_expression_is_one_chunk_as_expr_latex_writes_it():
    for text in ["x", "x^2 sin x", "1/(2 sqrt x)", "-(x + 1)"]:
        tree = parse(text)
        assert expr_items(tree) == [Chunk(expr_latex(tree), latex_width(expr_latex(tree)))]
        assert [item.text for item in expr_items(tree, max_nodes=3)] == [expr_latex(tree, max_nodes=3)]


def test_a_long_sum_is_broken_before_its_plus_and_minus_signs():
    tree = parse(" + ".join(f"x^{k}" for k in range(1, 40)) + " - y")
    rows = fill(expr_items(tree, limit=20), width=22)
    assert len(rows) > 3 and rows[1].startswith(r"\qquad + x^{")
    assert rows[-1].endswith("- y") and all(latex_width(row) <= 22 for row in rows)


def test_an_expression_with_nowhere_to_break_is_set_whole():
    tree = parse("sin " * 60 + "x")
    assert len(expr_items(tree, limit=10)) == 1


def test_a_wide_fraction_breaks_its_numerator_over_its_bar():
    tree = parse("(" + " + ".join(f"x^{k}" for k in range(1, 30)) + ")/(x + 1)")
    (item,) = expr_items(tree, limit=20)
    assert item.text.startswith(r"\frac{\begin{aligned}&x^{1} + ") and item.width <= 21
    assert item.text.endswith(r"\end{aligned}}{x + 1}")


def test_abbreviated_parts_share_one_count_of_nodes():
    tree = parse(" + ".join(f"sin(x + {k})" for k in range(200)))
    items = expr_items(tree, limit=20, max_nodes=40)
    text = "".join(fill(items, width=10**6))
    assert text.endswith(r"\right) + \cdots") and text.count(r"\sin") < 15  # one \cdots for the terms left out
    assert text.count(r"\left") == text.count(r"\right")


def test_deep_input_needs_no_recursion():
    deep = parse("x")
    for k in range(3000):
        deep = parse("x") + deep * parse("y") if k % 2 else parse("sin(x)") * (deep + parse("1"))
    rows = fill(expr_items(deep, limit=30, max_nodes=2000), width=32)
    assert rows and all(row.count(r"\left") == row.count(r"\right") for row in rows)


def test_expr_items_checks_its_arguments():
    with pytest.raises(SymdiffError, match="expr_items lays out an expression"):
        expr_items("x + 1")
    with pytest.raises(SymdiffError, match="max_nodes is a whole number"):
        expr_items(parse("x"), max_nodes=0)


def _normal(latex: str) -> str:
    """LaTeX without what breaking rows adds or changes: spaces, row and bracket markup, the
    \\quad \\cdot a product broken between factors begins its row with."""
    markups = (r"\begin{aligned}", r"\end{aligned}", r"\right.", r"\left.", r"\qquad", r"\quad", r"\cdot", "&", "{}",
               "\\\\")
    for markup in markups:
        latex = latex.replace(markup, "")
    return re.sub(r"\s+", "", latex)


@settings(max_examples=150)
@given(expressions, st.floats(min_value=3, max_value=30))
def test_rows_are_the_expression_broken(expr, limit):
    # Put together again, the rows are exactly expr_latex's writing of the expression, and each
    # row balances its braces and its \left and \right.
    rows = fill(expr_items(expr, limit=limit), width=limit + 4)
    assert _normal("".join(rows)) == _normal(expr_latex(expr))
    for row in rows:
        plain = row.replace(r"\{", "").replace(r"\}", "")
        assert plain.count("{") == plain.count("}") and row.count(r"\left") == row.count(r"\right"), row
    assert LINE_EM > 40
