"""Gradients and Hessians with their worked solutions (symdiff.calculus.partials)."""

import json

import pytest
import sympy
from hypothesis import assume, given, settings
from strategies import has_a_derivative, numeric_expressions
from sympy_oracle import to_sympy
from tex import compile_tex, needs_tex

from symdiff import Derivation, Symbol, SymdiffError, derive, gradient, hessian, parse
from symdiff.calculus.matrix_latex import matrix_latex
from symdiff.calculus.partials import Gradient, Hessian, last_stage, worked_gradient, worked_hessian

CROSS_ENTROPY = "-(y ln(sigmoid(w x + b)) + (1 - y) ln(1 - sigmoid(w x + b)))"

# (expression, variables or None, the gradient, the Hessian's rows), as symdiff writes them
CASES = [
    ("x^2 y + y^3", None, ("2*x*y", "x^2 + 3*y^2"), (("2*y", "2*x"), ("2*x", "6*y"))),
    ("x^2 y + y^3", ["y", "x"], ("x^2 + 3*y^2", "2*x*y"), (("6*y", "2*x"), ("2*x", "2*y"))),
    ("x y", ["x", "z"], ("y", "0"), (("0", "0"), ("0", "0"))),
    ("sin(x y)", None, ("y*cos(x*y)", "x*cos(x*y)"), None),
    ("x^3", "x", ("3*x^2",), (("6*x",),)),
]


@pytest.mark.parametrize(("text", "variables", "first", "second"), CASES)
def test_answers(text, variables, first, second):
    worked = worked_gradient(text, variables)
    assert [str(value) for value in worked.result] == list(first)
    assert worked.result == gradient(text, variables)
    if second is not None:
        matrix = worked_hessian(text, variables)
        assert tuple(tuple(str(v) for v in row) for row in matrix.result) == second
        assert matrix.result == hessian(text, variables)


def test_each_partial_is_a_worked_derivation_and_the_hessian_reuses_the_first_partials():
    matrix = worked_hessian("x^2 y + y^3")
    assert [d.variables for d in matrix.gradient.derivations] == [(Symbol("x"),), (Symbol("y"),)]
    entry = matrix.derivations[0][1]
    assert isinstance(entry, Derivation) and entry.operator == "∂^2/∂y∂x"
    assert entry.result == derive("x^2 y + y^3", ["x", "y"]).result
    stage = last_stage(entry)  # the second differentiation alone: by y, of ∂/∂x
    assert stage is not None and stage.expr == parse("2 x y") and stage.wrt == Symbol("y")
    assert last_stage(derive("y", ["x", "y"])) is None  # ∂/∂x is 0, so ∂/∂y of it is never taken


def test_explain_shows_every_partial_and_ends_with_the_answer():
    text = worked_gradient("x^2 y + y^3").explain()
    assert text.splitlines()[-3:] == ["∇[x^2*y + y^3] with respect to (x, y):", "  ∂/∂x = 2*x*y",
                                      "  ∂/∂y = x^2 + 3*y^2"]
    assert "  ∂/∂x [x^2*y + y^3]" in text and "  ∂/∂y [x^2*y + y^3]" in text
    text = worked_hessian("x^2 y + y^3").explain(brief=True)
    assert "First partial derivatives:" in text and "Second partial derivatives" in text
    assert text.count("∂/∂x [x^2*y + y^3]") == 1  # the first partials are shown once
    assert text.splitlines()[-7:] == [
        "The Hessian of x^2*y + y^3 with respect to (x, y):",
        "  ∂^2/∂x^2 = 2*y", "  ∂^2/∂y∂x = 2*x", "  ∂^2/∂x∂y = 2*x", "  ∂^2/∂y^2 = 6*y",
        "  H = [ 2*y  2*x ]",
        "      [ 2*x  6*y ]",
    ]
    assert "d^2/dx^2 = 6*x" in worked_hessian("x^3").summary()  # one variable: d, not ∂
    assert "  = 0  (the 1st derivative is 0, so every later one is too)" in worked_hessian("x^2", ["x", "y"]).explain()


def test_latex_and_json():
    latex = worked_gradient("x^2 y").to_latex()
    assert latex.count(r"\begin{align*}") == 3  # each partial, then the gradient
    assert "&\\nabla f = \\begin{bmatrix}\n2 x y \\\\\nx^{2}\n\\end{bmatrix}" in latex
    assert worked_hessian("x^2 y").to_latex(standalone=True).startswith(r"\documentclass")
    assert matrix_latex([[parse("x"), parse("1/2")]]) == "\\begin{bmatrix}\nx & \\frac{1}{2}\n\\end{bmatrix}"
    data = json.loads(json.dumps(worked_hessian("x^2 y").to_json()))
    assert data["kind"] == "hessian" and data["result"] == [["2*y", "2*x"], ["2*x", "0"]]
    assert data["gradient"]["result"] == ["2*x*y", "x^2"]
    assert data["entries"][0][1]["variables"] == ["x", "y"]


@needs_tex
def test_documents_compile(tmp_path):
    for name, worked in [("gradient", worked_gradient(CROSS_ENTROPY, ["w", "b"])),
                         ("hessian", worked_hessian("x^2 y z + sin(x z)"))]:
        compile_tex(tmp_path, worked.to_latex(standalone=True), name)


BAD = [
    (lambda: worked_gradient("5"), "has no variables"),
    (lambda: worked_gradient("x y", ["x", "x"]), "x is named twice"),
    (lambda: worked_gradient("x y", ["2x"]), "variable name such as x"),
    (lambda: worked_gradient("x y", []), "list of names"),
    (lambda: worked_hessian("x y", 3), "list of names"),
    # gradient and hessian as worked_gradient does (they gave (2xy, 2xy) and () without a word)
    (lambda: gradient("x^2 y", ["x", "x"]), "x is named twice among the variables"),
    (lambda: hessian("x^2 y", ["y", "x", "y"]), "y is named twice among the variables"),
    (lambda: gradient("x^2 y", []), "list of names"),
    (lambda: hessian("x^2 y", []), "list of names"),
    (lambda: worked_gradient("x +"), "expected an expression"),
    (lambda: Gradient(parse("x"), [Symbol("x")], []), "worked_gradient"),
    (lambda: Hessian(worked_gradient("x"), [[]]), "worked_hessian"),
]


@pytest.mark.parametrize(("call", "message"), BAD)
def test_bad_arguments_raise_symdiff_errors(call, message):
    with pytest.raises(SymdiffError, match=message):
        call()


@settings(max_examples=40, deadline=None)
@given(numeric_expressions)
def test_the_worked_answers_are_the_library_answers(expr):
    assume(has_a_derivative(expr))
    assert worked_gradient(expr, ["x", "y"]).result == gradient(expr, ["x", "y"])
    assert worked_hessian(expr, ["x", "y"]).result == hessian(expr, ["x", "y"])


@pytest.mark.parametrize("text", ["x^2 y + y^3", "e^(x y) ln(x + y)", "sqrt(x^2 + y^2 + z^2)", CROSS_ENTROPY])
def test_hessian_agrees_with_sympy(text):
    matrix = worked_hessian(text)
    theirs = to_sympy(parse(text))
    for i, xi in enumerate(matrix.variables):
        for j, xj in enumerate(matrix.variables):
            expected = sympy.diff(theirs, to_sympy(xi), to_sympy(xj))
            assert sympy.simplify(to_sympy(matrix.result[i][j]) - expected) == 0, (text, xi, xj)
