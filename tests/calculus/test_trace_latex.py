"""LaTeX of worked solutions: rule formulas, one line per step of the trace, and real pdflatex runs."""

import re

from test_rules import RULE_TABLE
from tex import compile_tex, needs_tex, overfull_boxes, words_in_math

from symdiff import Symbol, derive
from symdiff.algebra.simplify import ACTIONS
from symdiff.calculus.rules import PRODUCT, RULES, SUM, nary_formula
from symdiff.calculus.trace import SHOWN_CHARS
from symdiff.calculus.trace_latex import derivation_latex, formula_latex
from symdiff.core.latex import document, escape_text, expr_latex
from symdiff.core.latex_lines import LINE_EM
from symdiff.core.latex_width import latex_width


def test_jupyter_repr():
    shown = derive("x^2 sin x")._repr_latex_()
    assert shown.startswith("$$\\begin{aligned}") and shown.endswith("\\end{aligned}$$")
    assert r"\textbf{Product Rule}" in shown


def test_every_formula_is_typeset_as_mathematics():
    formulas = [rule.formula for rule in RULES.values()] + [law for _, law in ACTIONS.values() if law]
    for formula in formulas:
        latex = formula_latex(formula)
        assert r"\text" not in latex, formula
    assert formula_latex("d/dx[u*v] = u'*v + u*v'") == r"\frac{d}{dx}\left[u v\right] = u' v + u v'"
    assert formula_latex("not mathematics: 50%") == r"\text{not mathematics: 50\%}"


def test_laws_of_n_parts_and_named_functions_are_typeset_as_mathematics():
    for count in range(2, 9):
        for rule in (SUM, PRODUCT):
            assert r"\text" not in formula_latex(nary_formula(rule, count)), (rule.id, count)
    assert formula_latex(nary_formula(SUM, 5)) == (
        r"\frac{d}{dx}\left[f_{1} + f_{2} + \cdots + f_{5}\right] = f_{1}' + f_{2}' + \cdots + f_{5}'")
    assert formula_latex(nary_formula(PRODUCT, 3)) == r"\frac{d}{dx}\left[u v w\right] = u' v w + u v' w + u v w'"
    assert formula_latex("d/dx[g'(x)] = g''(x)") == r"\frac{d}{dx}\left[g'\left(x\right)\right] = g''\left(x\right)"
    latex = derive("x + x^2 + x^3 + x^4 + x^5").to_latex()
    assert r"\frac{d}{dx}\left[f_{1} + f_{2} + \cdots + f_{5}\right]" in latex and "f_{5} = x^{5}" in latex


def test_a_worked_solution_follows_the_trace_line_by_line():
    derivation = derive("x^2 sin x")
    latex = derivation.to_latex()
    rows = latex.splitlines()
    assert rows[0] == r"\begin{align*}" and rows[-1] == r"\end{align*}"
    assert rows[1] == r"&\frac{d}{dx}\left[x^{2} \sin x\right] \\"
    assert rows[-2] == "&= " + derivation.result.to_latex()
    # one row per line, but a simplification step sets the part rewritten and what it became
    # on two rows of their own below its law
    rewrites = sum(1 for line in derivation.lines() if line.kind == "rule" and line.step.is_rewrite
                   and not line.step.substeps)
    assert rewrites and len(rows) - 2 == len(derivation.lines()) + 2 * rewrites
    for name in ("Product Rule", "Power Rule", "Sine Rule", "Simplify"):
        assert rf"\textbf{{{name}}}" in latex
    assert r"\frac{d^{3}}{dx^{3}}" in derive("x^4", order=3).to_latex()
    assert r"\frac{d}{d\theta}" in derive("sin theta").to_latex()


@needs_tex
def test_a_document_of_traces_covering_every_rule_compiles(tmp_path):
    derivations = [derive(text, variable) for text, variable, _, _ in RULE_TABLE]
    derivations += [derive("x^x", order=2), derive("theta_1^2 alpha", "theta_1"), derive("f(g(x)) + f''(x)"),
                    derive("x^5 - x^4 + x^3 - x^2 + x - 1 - sin(x)")]
    used = {step.rule for derivation in derivations for step in derivation}
    assert set(RULES) <= used, set(RULES) - used
    assert {f"simplify.{action}" for action in ACTIONS} & used
    compile_tex(tmp_path, document([derivation_latex(d) for d in derivations]))


@needs_tex
def test_names_and_text_with_every_tex_special_character_compile_and_run_nothing(tmp_path):
    hostile = r"\input{/etc/hostname} \write18{touch pwned} \def\x{} $ & # ^ _ % ~ < > | { } … α é"
    names = "α β θ_1 Ω x_1_2 cost w1 Theta_alpha".split()
    body = [escape_text(hostile), "$" + " + ".join(expr_latex(Symbol(name)) for name in names) + "$"]
    derivation = derive("relu(x) + abs(x)")
    body.append(derivation_latex(derivation))
    log = compile_tex(tmp_path, document(body, title=hostile))
    assert not (tmp_path / "pwned").exists()
    assert "/etc/hostname" not in log.replace("\\input{/etc/hostname}", "")


def test_a_deep_chain_writes_a_bounded_document():
    # 500 nested sines once wrote 366 MB of LaTeX in 19 s: each of a thousand steps in full; then
    # 2.5 MB in 0.9 s, each step cut short. Now the steps past SHOWN_CHARS are counted, not written.
    derivation = derive("sin " * 500 + "x")
    latex = derivation.to_latex()
    lines = derivation.lines()
    rows = latex.count(r"\\") + 1
    assert len(latex) < SHOWN_CHARS + 50_000 and rows < len(lines) // 2  # the answer is at most 2,000 nodes
    (omitted,) = [row for row in latex.splitlines() if "more steps" in row]
    shown = sum(1 for row in latex.splitlines() if r"\textbf" in row)  # a rule's row names it
    left_out = int(omitted.split(r"\ldots{} ")[1].split()[0].replace(",", ""))
    assert left_out + shown + 1 == sum(1 for line in lines if line.kind != "result")  # + 1: the heading
    assert "(the answer is computed from all of them)" in omitted
    assert repr(derivation.trace).startswith("<Step derivative: ")  # no RecursionError from a deep trace
    assert r"\cdots" in latex and latex.count("{") == latex.count("}")  # cut at nodes, brackets closed
    assert "abbreviated: the whole answer is the derivation's result" in latex.splitlines()[-2]
    for row in latex.split(" \\\\\n"):  # every row balances its \left and \right
        assert row.count(r"\left") == row.count(r"\right"), row[:200]


@needs_tex
def test_a_deep_chain_compiles(tmp_path):
    # With the answer cut at 20,000 nodes one line exceeded pdflatex's 200,000-character buffer.
    derivation = derive("sin " * 160 + "x")
    source = derivation.to_latex(standalone=True)
    assert max(map(len, source.splitlines())) < 100_000
    compile_tex(tmp_path, source, "deep")


# --- prose as text, no internal labels ------------------------------------------------------------

NOTATIONS = ("leibniz", "lagrange", "euler", "newton")
# A derivation of every rule, a higher and a mixed derivative, a written derivative, and a time one.
SHOWCASE = [(text, variable) for text, variable, _, _ in RULE_TABLE] + [
    ("x^x", ("x", 2)), ("x^3 y^2 + sin(x y)", ["x", "y"]), ("x + d/dx[x^2 y]", "x"), ("t^2 sin t", ("t", 3)),
    ("abs(x) + relu(x)", "x"), ("1/x^2 + 2^x", "x"),
]


def _derive(text, wrt):
    if isinstance(wrt, tuple):
        return derive(text, wrt[0], order=wrt[1])
    return derive(text, wrt)


def test_every_word_is_set_as_text_in_every_notation():
    # "rewrite without changing the value" once typeset as run-together italics; a law's name,
    # a note, "with" and "Find" are text, so no run of letters is left in the mathematics.
    derivations = [_derive(text, wrt) for text, wrt in SHOWCASE]
    for notation in NOTATIONS:
        for derivation in derivations:
            latex = derivation.to_latex(standalone=True, notation=notation)
            assert words_in_math(latex) == [], (notation, str(derivation.expr), words_in_math(latex)[:5])
    assert words_in_math(r"\begin{align*}&rewrite \text{without}\end{align*}") == ["rewrite"]  # it can fail


def test_a_formula_of_words_is_set_as_text():
    # The parser reads "rewrite without changing the value" as a product of five names.
    assert formula_latex("rewrite without changing the value") == r"\text{rewrite without changing the value}"
    assert formula_latex("d/dx[f] is the derivative of f") == r"\text{d/dx[f] is the derivative of f}"
    # names of one letter (with digits or a subscript), Greek names and the parts' u' are mathematics
    assert formula_latex("theta_1*u' = f3'") == r"\theta_{1} u' = f_{3}'"
    # a Leibniz operator inside a law, d/dt[u] or d^2/(dx dt)[u], is typeset as one
    assert formula_latex("d/dx[d/dt[u]] = d^2/(dx dt)[u]") == (
        r"\frac{d}{dx}\left[\frac{d}{dt}\left[u\right]\right] = "
        r"\frac{\partial^{2}}{\partial x\,\partial t}\left[u\right]")


def test_no_internal_label_reaches_any_output():
    # Rule ids (simplify.fold+collect, higher_derivative, constant_multiple) are the JSON's data,
    # never words for a reader.
    checked: set[str] = set()
    for text, wrt in SHOWCASE:
        derivation = _derive(text, wrt)
        labels = {step.rule for step in derivation} | {law for step in derivation for law in
                                                       step.rule.removeprefix("simplify.").split("+")}
        labels = {label for label in labels if re.search(r"[._+]", label)}
        checked |= labels
        for notation in NOTATIONS:
            shown = [derivation.explain(notation=notation), derivation.explain(brief=True, notation=notation),
                     derivation.to_latex(notation=notation), derivation.to_latex(standalone=True, notation=notation)]
            for output in shown:
                for label in labels:
                    assert label not in output and label.replace("_", r"\_") not in output, (label, text)
    assert {"higher_derivative", "constant_multiple", "written_derivatives"} <= checked and len(checked) > 15


# --- long lines break ---------------------------------------------------------------------------------

CROSS_ENTROPY = "-(y ln(sigmoid(w x + b)) + (1 - y) ln(1 - sigmoid(w x + b)))"
HESSIAN_3 = "x^2 y^3 z + sin(x y z) + exp(x y)/(z^2 + 1)"


def long_documents():
    """Documents of long derivatives, each to be set without a line running into the margin."""
    from symdiff import first_principles, gradient, hessian
    from symdiff.calculus.matrix_latex import gradient_latex, hessian_latex

    variables = ["x", "y", "z"]
    yield "cross-entropy", derive(CROSS_ENTROPY, "w").to_latex(standalone=True)
    yield "x^x, 4th", derive("x^x", order=4).to_latex(standalone=True)
    yield "x^x, 4th, Lagrange", derive("x^x", order=4).to_latex(standalone=True, notation="lagrange")
    yield "Hessian 3x3", hessian_latex(HESSIAN_3, variables, hessian(HESSIAN_3, variables), standalone=True)
    yield "gradient 3", gradient_latex(HESSIAN_3, variables, gradient(HESSIAN_3, variables), standalone=True)
    yield "Newton, 5th by t", derive("(t^3 + 1)^5 exp(t)", "t", order=5).to_latex(standalone=True, notation="newton")
    yield "a long sum", derive(" + ".join(f"sin({k} x)^{k}" for k in range(1, 16))).to_latex(standalone=True)
    yield "a long product", derive("*".join(f"(x + {k})" for k in range(1, 12))).to_latex(standalone=True)
    # The delta method's limit row: lim (…)/(a long denominator) = … ran 94pt into the margin.
    yield "first principles, 1/quadratic", first_principles("1/(x^2 + 3x + 1)").to_latex(standalone=True)
    yield "a wide quotient", derive("(x^5 + 3 x^4 - 2 x^3 + x^2 - 7 x + 1)/(x^4 - x^3 + 2 x^2 + x + 9)").to_latex(
        standalone=True, notation="euler")


@needs_tex
def test_long_derivatives_fit_the_page(tmp_path):
    for number, (name, source) in enumerate(long_documents()):
        log = compile_tex(tmp_path, source, f"long{number}")
        assert overfull_boxes(log) == [], name
        assert words_in_math(source) == [], name


def test_each_row_fits_the_width_the_printer_measured():
    # Rows are broken where the estimate of their width passes the page; each row closes every
    # \left it opens (a break writes \right. and \left.).
    for name, source in long_documents():
        blocks = re.findall(r"\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}", source, re.DOTALL)
        rows = [row for block in blocks for row in re.split(r" \\\\\n(?=&)", block)]
        assert len(rows) >= 4, name
        for row in rows:
            assert row.count(r"\left") == row.count(r"\right"), (name, row)
            if r"\begin{bmatrix}" not in row:
                assert latex_width(row.removeprefix("&")) <= LINE_EM + 0.5, (name, row)
