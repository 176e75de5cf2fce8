"""LaTeX: expressions, names, escaping, rule formulas, worked solutions, and real pdflatex runs."""

import os
import re
import shutil
import subprocess

import pytest
from test_rules import RULE_TABLE

from symdiff import Symbol, derive, parse
from symdiff.algebra.simplify import ACTIONS
from symdiff.calculus.rules import RULES
from symdiff.calculus.trace_latex import derivation_latex, formula_latex
from symdiff.core.latex import GREEK_NAMES, document, escape_text, expr_latex, symbol_latex
from symdiff.ui.export import write

EXPRESSIONS = [
    ("x^2 sin x", r"x^{2} \sin x"),
    ("1/(2 sqrt x)", r"\frac{1}{2 \sqrt{x}}"),
    ("sin(x)^2", r"\sin^{2} x"),
    ("sin(x)^-1", r"\left(\sin x\right)^{-1}"),  # never \sin^{-1}, which reads as arcsin
    ("cos(2x)", r"\cos\left(2 x\right)"),
    ("e^(-x^2)", r"e^{-x^{2}}"),
    ("exp(x)", r"\exp x"),
    ("ln(x^2 + 1)", r"\ln\left(x^{2} + 1\right)"),
    ("asin x + acos x + atan x", r"\arcsin x + \arccos x + \arctan x"),
    ("sigmoid(w x + b)", r"\sigma\left(w x + b\right)"),
    ("relu(x) + softplus(x)", r"\operatorname{ReLU}\left(x\right) + \operatorname{softplus}\left(x\right)"),
    ("heaviside(x)", r"\operatorname{H}\left(x\right)"),
    ("abs(x)", r"\left|x\right|"),
    ("-(x + 1)", r"-\left(x + 1\right)"),
    ("x - (y - z)", r"x - \left(y - z\right)"),
    ("x*(-y)", r"x \left(-y\right)"),
    ("2*3^x", r"2 \cdot 3^{x}"),
    ("(1/x)^2", r"\left(\frac{1}{x}\right)^{2}"),
    ("(-x)^2", r"\left(-x\right)^{2}"),
    ("-x^2", r"-x^{2}"),
    ("x^y^z", r"x^{y^{z}}"),
    ("2.5^x", r"\left(2.5\right)^{x}"),
    ("6.02e23 + 1e-10", r"6.02 \times 10^{23} + 10^{-10}"),
    ("f'(x^2) g(x)", r"f'\left(x^{2}\right) g\left(x\right)"),
    ("f''''(x)", r"f^{(4)}\left(x\right)"),
    ("sqrt(x)^3", r"\left(\sqrt{x}\right)^{3}"),
    ("pi r^2", r"\pi r^{2}"),
    ("theta_1 + alpha x1 + cost", r"\theta_{1} + \alpha x_{1} + \mathit{cost}"),
    ("w_1_2", "w_{1,2}"),
    ("αβ", r"\alpha \beta "),
]


@pytest.mark.parametrize(("text", "latex"), EXPRESSIONS)
def test_expressions(text, latex):
    assert parse(text).to_latex() == latex


def test_jupyter_reprs():
    assert parse("x^2")._repr_latex_() == r"$\displaystyle x^{2}$"
    shown = derive("x^2 sin x")._repr_latex_()
    assert shown.startswith("$$\\begin{aligned}") and shown.endswith("\\end{aligned}$$")
    assert r"\textbf{Product Rule}" in shown


@pytest.mark.parametrize("name", sorted(GREEK_NAMES))
def test_greek_names_are_greek_letters(name):
    if name == "Pi":
        return
    assert symbol_latex(name) == "\\" + name
    assert symbol_latex(name + "_0") == "\\" + name + "_{0}"


def test_every_formula_is_typeset_as_mathematics():
    formulas = [rule.formula for rule in RULES.values()] + [example for _, example in ACTIONS.values()]
    for formula in formulas:
        latex = formula_latex(formula)
        assert r"\text" not in latex, formula
    assert formula_latex("d/dx[u*v] = u'*v + u*v'") == r"\frac{d}{dx}\left[u v\right] = u' v + u v'"
    assert formula_latex("not mathematics: 50%") == r"\text{not mathematics: 50\%}"


def test_escaping_leaves_nothing_for_tex_to_run():
    text = escape_text(r"\input{/etc/passwd} $x$ & # ^ _ % ~ < > | {}")
    assert "\\input" not in text and "$x$" not in text
    # Every backslash left starts one of the harmless commands escape_text writes.
    assert set(re.findall(r"\\[A-Za-z]+", text)) <= {r"\backslash", r"\sim", r"\char"}


def test_a_worked_solution_follows_the_trace_line_by_line():
    derivation = derive("x^2 sin x")
    latex = derivation.to_latex()
    rows = latex.splitlines()
    assert rows[0] == r"\begin{align*}" and rows[-1] == r"\end{align*}"
    assert rows[1] == r"&\frac{d}{dx}\left[x^{2} \sin x\right] \\"
    assert rows[-2] == "&= " + derivation.result.to_latex()
    assert len(rows) - 2 == len(derivation.lines())
    for name in ("Product Rule", "Power Rule", "Sine Rule", "Simplify"):
        assert rf"\textbf{{{name}}}" in latex
    assert r"\frac{d^{3}}{dx^{3}}" in derive("x^4", order=3).to_latex()
    assert r"\frac{d}{d\theta}" in derive("sin theta").to_latex()


# --- real compiles ------------------------------------------------------------------------------

PDFLATEX = shutil.which("pdflatex")
needs_tex = pytest.mark.skipif(
    PDFLATEX is None and not os.environ.get("CI"),
    reason="pdflatex is not installed here (Debian: apt-get install texlive-latex-base); CI installs it",
)


def compile_tex(tmp_path, source: str, name: str = "doc") -> str:
    assert PDFLATEX is not None, "pdflatex is missing: .ci/run installs texlive-latex-base"
    (tmp_path / f"{name}.tex").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", f"{name}.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    log = (tmp_path / f"{name}.log").read_text(encoding="latin-1")
    assert result.returncode == 0, log[-3000:]
    assert not re.search(r"^! ", log, re.MULTILINE), log[-3000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000
    return log


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


@needs_tex
def test_the_command_line_writes_a_document_that_compiles(tmp_path):
    path = write(tmp_path / "steps.tex", [derive("ln(x^2 + 1)"), derive("tan(3x)", order=2)])
    compile_tex(tmp_path, path.read_text(encoding="utf-8"), "steps")


@needs_tex
def test_the_working_of_every_area_method_compiles(tmp_path):
    from symdiff import integrate, integrate_samples
    from symdiff.numeric.area import METHODS

    blocks = [integrate("e^(-x^2/2)/sqrt(2 pi)", "x", "-pi", "pi/2", method=m, n=6).to_latex() for m in METHODS]
    blocks.append(integrate("x", "x", 0, 1, n=200).to_latex())  # no table: too many terms
    blocks.append(integrate_samples([1e-9, 2.0, 3e12, 4.0], [0.0, 1.0, 2.5, 3.0], method="simpson").to_latex())
    compile_tex(tmp_path, document(blocks, title="Areas"))
