"""LaTeX of a gradient and a Hessian: the vector or matrix when it fits the page, else each
partial derivative on rows of its own; handouts of them compile."""

import pytest
from tex import compile_tex, needs_tex, overfull_boxes, words_in_math

from symdiff import Symbol, SymdiffError, gradient, hessian, parse
from symdiff.calculus.matrix_latex import gradient_latex, hessian_latex, matrix_latex

WIDE = "x^2 y^3 z + sin(x y z) + exp(x y)/(z^2 + 1)"
XYZ = ["x", "y", "z"]


def test_a_matrix_of_expressions():
    rows = [[parse("x^2"), parse("2 y")], [parse("sin x"), parse("1/2")]]
    assert matrix_latex(rows) == "\\begin{bmatrix}\nx^{2} & 2 y \\\\\n\\sin x & \\frac{1}{2}\n\\end{bmatrix}"
    assert matrix_latex([[parse("x")], [parse("y")]]) == "\\begin{bmatrix}\nx \\\\\ny\n\\end{bmatrix}"


def test_a_small_gradient_is_a_column():
    latex = gradient_latex("x^2 y + y^3", ["x", "y"], gradient("x^2 y + y^3", ["x", "y"]))
    assert latex == ("\\begin{align*}\n&f\\left(x, y\\right) = x^{2} y + y^{3} \\\\\n"
                     "&\\nabla f = \\begin{bmatrix}\n2 x y \\\\\nx^{2} + 3 y^{2}\n\\end{bmatrix}\n\\end{align*}")


def test_a_small_hessian_is_a_matrix_and_a_wide_one_lists_its_entries_once_each():
    small = hessian_latex("x^2 y + y^3", ["x", "y"], hessian("x^2 y + y^3", ["x", "y"]))
    assert "&H_{f} = \\begin{bmatrix}\n2 y & 2 x \\\\\n2 x & 6 y\n\\end{bmatrix}" in small
    wide = hessian_latex(WIDE, XYZ, hessian(WIDE, XYZ))
    assert r"\begin{bmatrix}" not in wide
    rows = wide.split(" \\\\\n")
    labels = [row.split(" = ")[0] for row in rows if row.startswith(r"&\frac{\partial^{2} f}")]
    assert len(labels) == 6  # the mixed partials agree, so each pair is said once
    assert r"&\frac{\partial^{2} f}{\partial y\,\partial x} = \frac{\partial^{2} f}{\partial x\,\partial y} = " in wide
    assert r"&\frac{\partial^{2} f}{\partial z^{2}} = " in wide


def test_mixed_partials_that_differ_are_each_listed():
    wide, x = parse(WIDE), Symbol("x")
    rows = [[x, wide * wide], [wide * wide + x, x]]  # a table as given (no function has it as its Hessian)
    latex = hessian_latex("x y", ["x", "y"], rows)
    assert "\\begin{bmatrix}" not in latex
    assert r"&\frac{\partial^{2} f}{\partial y\,\partial x} = \left(x^{2}" in latex
    assert r"&\frac{\partial^{2} f}{\partial x\,\partial y} = \left(x^{2}" in latex
    assert latex.count(r"\partial y\,\partial x") == 1 and latex.count(r"\partial x\,\partial y") == 1


def test_labels_follow_the_notation_and_avoid_the_functions_own_names():
    lagrange = hessian_latex(WIDE, XYZ, hessian(WIDE, XYZ), notation="lagrange")
    assert "&f_{xy} = f_{yx} = " in lagrange and "&f_{zz} = " in lagrange
    euler = gradient_latex(WIDE, XYZ, gradient(WIDE, XYZ), notation="euler")
    assert r"\nabla f" in euler or "&D_{x} f = " in euler
    assert "&g\\left(f, x\\right) = " in gradient_latex("f x", ["f", "x"], gradient("f x", ["f", "x"]))
    uses_all = "f + g + h + F + f(x)"
    assert r"\varphi\left(" in gradient_latex(uses_all, ["x"], gradient(uses_all, ["x"]))


def test_a_handout_of_a_gradient_boxes_the_vector():
    latex = gradient_latex("x^2 y + y^3", ["x", "y"], gradient("x^2 y + y^3", ["x", "y"]), standalone=True)
    assert r"\section*{The gradient}" in latex and "Find the gradient of" in latex
    assert r"&\frac{\partial f}{\partial x} = 2 x y" in latex and r"\nabla f = \boxed{\begin{bmatrix}" in latex
    assert words_in_math(latex) == []


@needs_tex
def test_gradient_and_hessian_handouts_compile_and_fit(tmp_path):
    sources = [
        gradient_latex(WIDE, XYZ, gradient(WIDE, XYZ), standalone=True),
        hessian_latex(WIDE, XYZ, hessian(WIDE, XYZ), standalone=True),
        hessian_latex("x^2 y + y^3", ["x", "y"], hessian("x^2 y + y^3", ["x", "y"]), standalone=True),
        hessian_latex(WIDE, XYZ, hessian(WIDE, XYZ), standalone=True, notation="euler"),
    ]
    for number, source in enumerate(sources):
        assert overfull_boxes(compile_tex(tmp_path, source, f"partials{number}")) == []


WRONG = [None, True, 1.5, -1, "", "(", b"x", [], [1, [2, 3]], {}, {"x"}, 1j, float("nan"), 10**400, object()]
VALID = {
    gradient_latex: ("x y", ["x", "y"], list(gradient("x y", ["x", "y"]))),
    hessian_latex: ("x y", ["x", "y"], [list(row) for row in hessian("x y", ["x", "y"])]),
    matrix_latex: ([[parse("x")]],),
}


@pytest.mark.parametrize("function", list(VALID), ids=lambda f: f.__name__)
@pytest.mark.parametrize("wrong", WRONG, ids=repr)
def test_a_wrong_argument_is_a_symdiff_error(function, wrong):
    args = VALID[function]
    function(*args)  # the valid call works
    for place in range(len(args)):
        changed = list(args)
        changed[place] = wrong
        try:
            function(*changed)
        except SymdiffError:
            pass  # a sentence the user can act on; any other exception fails the test
    with pytest.raises(SymdiffError, match="variables but"):
        gradient_latex("x y", ["x", "y"], [parse("y")])
    with pytest.raises(SymdiffError, match="has 2 rows of 2 entries"):
        hessian_latex("x y", ["x", "y"], [[parse("y")]])
