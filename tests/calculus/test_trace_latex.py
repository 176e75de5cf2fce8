"""LaTeX of worked solutions: rule formulas, one line per step of the trace, and real pdflatex runs."""

from test_rules import RULE_TABLE
from tex import compile_tex, needs_tex

from symdiff import Symbol, derive
from symdiff.algebra.simplify import ACTIONS
from symdiff.calculus.rules import PRODUCT, RULES, SUM, nary_formula
from symdiff.calculus.trace_latex import derivation_latex, formula_latex
from symdiff.core.latex import document, escape_text, expr_latex


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
    derivations += [derive("x^x", order=2), derive("theta_1^2 alpha", "theta_1"), derive("f(g(x)) + f''(x)")]
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


def test_a_deep_chain_writes_a_document_in_proportion_to_its_steps():
    # 500 nested sines once wrote 366 MB of LaTeX in 19 s: each of a thousand steps in full.
    derivation = derive("sin " * 500 + "x")
    latex = derivation.to_latex()
    lines = derivation.lines()
    rewrites = sum(1 for line in lines if line.kind == "rule" and line.step.is_rewrite and not line.step.substeps)
    assert len(latex) < 10_000_000 and latex.count(r"\\") == len(lines) - 1 + 2 * rewrites
    assert repr(derivation.trace).startswith("<Step derivative: ")  # no RecursionError from a deep trace
    assert r"\cdots" in latex and latex.count("{") == latex.count("}")  # cut at nodes, brackets closed
    assert "abbreviated: the whole answer is the derivation's result" in latex.splitlines()[-2]


@needs_tex
def test_a_deep_chain_compiles(tmp_path):
    # With the answer cut at 20,000 nodes one line exceeded pdflatex's 200,000-character buffer.
    derivation = derive("sin " * 160 + "x")
    source = derivation.to_latex(standalone=True)
    assert max(map(len, source.splitlines())) < 100_000
    compile_tex(tmp_path, source, "deep")
