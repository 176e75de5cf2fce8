"""LaTeX of expressions: layout, names as a textbook writes them, and escaping of prose."""

import re

import pytest

from symdiff import parse
from symdiff.core.latex import GREEK_NAMES, escape_text, symbol_latex

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
    # a function with a bare argument before another factor takes parentheses: \sin x y is sin(x*y)
    ("sin(x)*y", r"\sin\left(x\right) y"),
    ("ln(x)*x", r"\ln\left(x\right) x"),
    ("sin(x)^2*cos(x)", r"\sin^{2}\left(x\right) \cos x"),
    ("2*log_2(x)*y", r"2 \log_{2}\left(x\right) y"),
    ("sin(2)*x", r"\sin\left(2\right) x"),
    ("y*sin(x)", r"y \sin x"),  # last: nothing after it to run into
    ("sqrt(x)*abs(x)*y", r"\sqrt{x} \left|x\right| y"),
    ("(-sin(x))*y", r"-\sin\left(x\right) y"),  # a negated one too: -\sin x y is -sin(x*y)
    ("(-sin(x)^2)*(x + 1)", r"-\sin^{2}\left(x\right) \left(x + 1\right)"),
    # a power of exp is the call in parentheses already: the parentheses went in its exponent's
    # place, and the braces did not balance (fuzz seed 2058)
    ("exp^2(2)*e", r"\left(\exp\,2\right)^{2} e"),
    ("exp(x)^2*y", r"\left(\exp x\right)^{2} y"),
    # two such factors, the second in parentheses: the first's replacement moved the second's place,
    # and -\sin x went into the exponent, \sin^{2-\sin\left(x\right) (fuzz seed 2060)
    ("sin(x)^2*(-sin(x))", r"\sin^{2}\left(x\right) \left(-\sin x\right)"),
    ("sin(x)*(-cos(x))*y", r"\sin\left(x\right) \left(-\cos x\right) y"),
    ("sin(x)^2*cos(x)*ln(x)*y", r"\sin^{2}\left(x\right) \cos\left(x\right) \ln\left(x\right) y"),
]


@pytest.mark.parametrize(("text", "latex"), EXPRESSIONS)
def test_expressions(text, latex):
    assert parse(text).to_latex() == latex


def test_jupyter_repr():
    assert parse("x^2")._repr_latex_() == r"$\displaystyle x^{2}$"


@pytest.mark.parametrize("name", sorted(GREEK_NAMES))
def test_greek_names_are_greek_letters(name):
    if name == "Pi":
        return
    assert symbol_latex(name) == "\\" + name
    assert symbol_latex(name + "_0") == "\\" + name + "_{0}"


def test_escaping_leaves_nothing_for_tex_to_run():
    text = escape_text(r"\input{/etc/passwd} $x$ & # ^ _ % ~ < > | {}")
    assert "\\input" not in text and "$x$" not in text
    # Every backslash left starts one of the harmless commands escape_text writes.
    assert set(re.findall(r"\\[A-Za-z]+", text)) <= {r"\backslash", r"\sim", r"\char"}


def test_accented_letters_in_prose_are_tex_accents():
    from symdiff.core.latex import escape_text

    assert escape_text("L'Hôpital's rule") == "L'H\\^{o}pital's rule"  # the default fonts have no ô
    assert escape_text("café façade") == "caf\\'{e} fa\\c{c}ade"
    assert escape_text("✓") == "?"


def test_a_term_written_with_a_leading_minus_is_bracketed_after_plus_or_minus():
    # Trees the simplifier writes (the minus on a product's first factor): x - -2*x read badly.
    from symdiff import Add, Div, Mul, Neg, Number, Sub, Symbol

    x = Symbol("x")
    minus_two_x, minus_one_over_x = Mul(Neg(Number(2)), x), Div(Neg(Number(1)), x)
    assert str(Sub(x, minus_two_x)) == "x - (-2*x)" and str(Add(x, minus_two_x)) == "x + (-2*x)"
    assert str(Sub(x, minus_one_over_x)) == "x - (-1/x)"
    assert Sub(x, minus_two_x).to_latex() == r"x - \left(-2 x\right)"
    assert Sub(x, minus_one_over_x).to_latex() == r"x - \frac{-1}{x}"  # the bar keeps the minus inside
    for tree in (Sub(x, minus_two_x), Add(x, minus_two_x), Sub(x, minus_one_over_x)):
        assert parse(str(tree)).evaluate(x=3.0) == tree.evaluate(x=3.0)
