"""Output notation: explain() and LaTeX in Leibniz (the default), Lagrange, Euler and Newton
notation; the rules' formulas rewritten into the notation; a written derivative's LaTeX agrees
with the worked solution's headings on d or ∂."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import expressions

from symdiff import Derivative, SymdiffError, derive, gradient, hessian
from symdiff.calculus.matrix_latex import gradient_latex, hessian_latex
from symdiff.calculus.trace_latex import derivation_latex, formula_latex, handout
from symdiff.core.latex import expr_latex
from symdiff.core.notation import NOTATIONS, applied_text, is_partial, named_derivative_latex, operator_text
from symdiff.ui.export import markdown, render, write

NEWTON_ELSEWHERE = "  (Newton's dots are for derivatives by time t; written here in Leibniz notation)"
NEWTON_TEXT = "  (Newton's dots are drawn in LaTeX; plain text writes d/dt)"

# (expression, wrt, order) -> the heading explain() prints, in each notation
HEADINGS = [
    ("x^2 sin x", "x", 1, {
        "leibniz": "d/dx [x^2*sin(x)]", "lagrange": "(x^2*sin(x))'", "euler": "D_x [x^2*sin(x)]",
        "newton": "d/dx [x^2*sin(x)]" + NEWTON_ELSEWHERE}),
    ("x^x", "x", 2, {
        "leibniz": "d^2/dx^2 [x^x]", "lagrange": "(x^x)''", "euler": "D_x^2 [x^x]",
        "newton": "d^2/dx^2 [x^x]" + NEWTON_ELSEWHERE}),
    ("x^x", "x", 4, {
        "leibniz": "d^4/dx^4 [x^x]", "lagrange": "(x^x)^(4)", "euler": "D_x^4 [x^x]",
        "newton": "d^4/dx^4 [x^x]" + NEWTON_ELSEWHERE}),
    ("x^2 y", "x", 1, {  # a function of x and y: a partial derivative
        "leibniz": "∂/∂x [x^2*y]", "lagrange": "(x^2*y)_x", "euler": "D_x [x^2*y]",
        "newton": "∂/∂x [x^2*y]" + NEWTON_ELSEWHERE}),
    ("x^3 y^2", ["x", "y"], 1, {
        "leibniz": "∂^2/∂y∂x [x^3*y^2]", "lagrange": "(x^3*y^2)_xy", "euler": "D_y D_x [x^3*y^2]",
        "newton": "∂^2/∂y∂x [x^3*y^2]" + NEWTON_ELSEWHERE}),
    ("x^3 y^2", ["y", "x", "x"], 1, {
        "leibniz": "∂^3/∂x^2∂y [x^3*y^2]", "lagrange": "(x^3*y^2)_yxx", "euler": "D_x^2 D_y [x^3*y^2]",
        "newton": "∂^3/∂x^2∂y [x^3*y^2]" + NEWTON_ELSEWHERE}),
    ("theta^2 phi", ["theta", "phi"], 1, {
        "leibniz": "∂^2/∂phi∂theta [theta^2*phi]", "lagrange": "(theta^2*phi)_{theta,phi}",
        "euler": "D_phi D_theta [theta^2*phi]", "newton": "∂^2/∂phi∂theta [theta^2*phi]" + NEWTON_ELSEWHERE}),
    ("t^2 sin t", "t", 2, {  # by time: Newton's dots, which plain text cannot draw
        "leibniz": "d^2/dt^2 [t^2*sin(t)]", "lagrange": "(t^2*sin(t))''", "euler": "D_t^2 [t^2*sin(t)]",
        "newton": "d^2/dt^2 [t^2*sin(t)]" + NEWTON_TEXT}),
]


def _derive(text, wrt, order):
    return derive(text, wrt) if isinstance(wrt, list) else derive(text, wrt, order=order)


@pytest.mark.parametrize("notation", NOTATIONS)
@pytest.mark.parametrize(("text", "wrt", "order", "expected"), HEADINGS, ids=[row[0] + str(row[1]) for row in HEADINGS])
def test_the_heading_in_each_notation(text, wrt, order, expected, notation):
    derivation = _derive(text, wrt, order)
    shown = derivation.explain(notation=notation).splitlines()
    assert shown[0] == expected[notation]
    assert shown[-1] == derivation.explain().splitlines()[-1]  # the same answer in every notation


# (expression, wrt, order) -> the first row of the LaTeX, in each notation
LATEX_HEADINGS = [
    ("x^2 sin x", "x", 1, {
        "leibniz": r"\frac{d}{dx}\left[x^{2} \sin x\right]", "lagrange": r"\left(x^{2} \sin x\right)'",
        "euler": r"D_{x}\left[x^{2} \sin x\right]", "newton": None}),
    ("x^x", "x", 4, {
        "leibniz": r"\frac{d^{4}}{dx^{4}}\left[x^{x}\right]", "lagrange": r"\left(x^{x}\right)^{(4)}",
        "euler": r"D_{x}^{4}\left[x^{x}\right]", "newton": None}),
    ("x^3 y^2", ["x", "y"], 1, {
        "leibniz": r"\frac{\partial^{2}}{\partial y\,\partial x}\left[x^{3} y^{2}\right]",
        "lagrange": r"\left(x^{3} y^{2}\right)_{xy}", "euler": r"D_{y}\,D_{x}\left[x^{3} y^{2}\right]",
        "newton": None}),
    ("x^2 y", "x", 1, {
        "leibniz": r"\frac{\partial}{\partial x}\left[x^{2} y\right]", "lagrange": r"\left(x^{2} y\right)_{x}",
        "euler": r"D_{x}\left[x^{2} y\right]", "newton": None}),
    ("t^2 sin t", "t", 1, {
        "leibniz": r"\frac{d}{dt}\left[t^{2} \sin t\right]", "lagrange": r"\left(t^{2} \sin t\right)'",
        "euler": r"D_{t}\left[t^{2} \sin t\right]", "newton": r"\dot{\overline{t^{2} \sin t}}"}),
    ("t^3", "t", 2, {"leibniz": r"\frac{d^{2}}{dt^{2}}\left[t^{3}\right]", "lagrange": r"\left(t^{3}\right)''",
                     "euler": r"D_{t}^{2}\left[t^{3}\right]", "newton": r"\ddot{\overline{t^{3}}}"}),
    ("t^6", "t", 5, {"leibniz": r"\frac{d^{5}}{dt^{5}}\left[t^{6}\right]", "lagrange": r"\left(t^{6}\right)^{(5)}",
                     "euler": r"D_{t}^{5}\left[t^{6}\right]", "newton": r"\left(t^{6}\right)^{(5)}"}),
]


@pytest.mark.parametrize("notation", NOTATIONS)
@pytest.mark.parametrize(("text", "wrt", "order", "expected"), LATEX_HEADINGS,
                         ids=[row[0] + str(row[1]) + str(row[2]) for row in LATEX_HEADINGS])
def test_the_latex_heading_in_each_notation(text, wrt, order, expected, notation):
    derivation = _derive(text, wrt, order)
    latex = derivation.to_latex(notation=notation)
    first = latex.splitlines()[1]
    want = expected[notation]
    if want is None:  # Newton's notation, but not by time: Leibniz's, and a note saying so (on the next row
        want = expected["leibniz"]  # if the heading is long)
        assert first.startswith("&" + want + r"\quad \text{(Newton's dots") or first == "&" + want + r" \\"
        assert r"\text{(Newton's dots are for derivatives by time t; written here in Leibniz notation)}" in latex
    else:
        assert first == "&" + want + r" \\"
    handout_source = derivation.to_latex(standalone=True, notation=notation)
    assert "Find\n\\begin{align*}\n&" + want in handout_source


# Rule lines rewritten into the notation (the derivative a rule states; in Lagrange's, a partial
# derivative's parts u_x)
RULE_LINES = [
    ("x^2 sin x", "x", "leibniz", "Product Rule: d/dx[u*v] = u'*v + u*v', with u = x^2, v = sin(x)"),
    ("x^2 sin x", "x", "lagrange", "Product Rule: (u*v)' = u'*v + u*v', with u = x^2, v = sin(x)"),
    ("x^2 sin x", "x", "euler", "Product Rule: D_x[u*v] = u'*v + u*v', with u = x^2, v = sin(x)"),
    ("x^2 sin x", "x", "newton", "Product Rule: d/dx[u*v] = u'*v + u*v', with u = x^2, v = sin(x)"),
    ("x^2 sin x", "x", "lagrange", "Power Rule: (x^2)' = 2*x"),
    ("x^2 sin x", "x", "euler", "Sine Rule: D_x[sin(x)] = cos(x)"),
    ("x^2 y", "x", "leibniz", "Constant Multiple Rule: ∂/∂x[c*u] = c*u', with c = y, u = x^2"),
    ("x^2 y", "x", "lagrange", "Constant Multiple Rule: (c*u)_x = c*u_x, with c = y, u = x^2"),
    ("x^2 y", "x", "lagrange", "Power Rule: (x^2)_x = 2*x"),
    ("x^2 y", "x", "euler", "Power Rule: D_x[x^2] = 2*x"),
    # the chain rule's outer function is a function of one variable, u: an ordinary derivative
    ("sin(x y)", "x", "lagrange", "Chain Rule: (f(u))_x = f'(u)*u_x, with u = x*y"),
    ("sin(x y)", "x", "lagrange", "Sine Rule: (sin(u))' = cos(u)"),
    ("sin(x y)", "x", "leibniz", "Sine Rule: d/du[sin(u)] = cos(u)"),
    ("sin(x y)", "x", "euler", "Sine Rule: D_u[sin(u)] = cos(u)"),
    ("x^3 + x^2 + x + 1", "x", "lagrange", "Sum Rule: (f1 + f2 + f3 + f4)' = f1' + f2' + f3' + f4', "
                                            "with f1 = x^3, f2 = x^2, f3 = x, f4 = 1"),
]


@pytest.mark.parametrize(("text", "wrt", "notation", "line"), RULE_LINES)
def test_a_rule_line_in_each_notation(text, wrt, notation, line):
    lines = [shown.strip() for shown in derive(text, wrt).explain(notation=notation).splitlines()]
    assert line in lines


FORMULAS = [
    ("d/dx[u*v] = u'*v + u*v'", "x", "leibniz", False, r"\frac{d}{dx}\left[u v\right] = u' v + u v'"),
    ("d/dx[u*v] = u'*v + u*v'", "x", "leibniz", True, r"\frac{\partial}{\partial x}\left[u v\right] = u' v + u v'"),
    ("d/dx[u*v] = u'*v + u*v'", "x", "lagrange", False, r"\left(u v\right)' = u' v + u v'"),
    ("d/dx[u*v] = u'*v + u*v'", "x", "lagrange", True, r"\left(u v\right)_{x} = u_{x} v + u v_{x}"),
    ("d/dx[u*v] = u'*v + u*v'", "theta", "euler", False, r"D_{\theta}\left[u v\right] = u' v + u v'"),
    ("d/dx[u*v] = u'*v + u*v'", "t", "newton", False, r"\dot{\overline{u v}} = \dot{u} v + u \dot{v}"),
    ("d/dx[u*v] = u'*v + u*v'", "x", "newton", False, r"\frac{d}{dx}\left[u v\right] = u' v + u v'"),
    ("d/dx[f(u)] = f'(u)*u'", "x", "lagrange", True,
     r"\left(f\left(u\right)\right)_{x} = f'\left(u\right) u_{x}"),
    ("d/dx[f1 + f2] = f1' + f2'", "y", "lagrange", True, r"\left(f_{1} + f_{2}\right)_{y} = f_{1,y} + f_{2,y}"),
    ("a*u + b*u = (a + b)*u", "x", "lagrange", False, r"a u + b u = \left(a + b\right) u"),  # no derivative
]


@pytest.mark.parametrize(("formula", "variable", "notation", "partial", "latex"), FORMULAS)
def test_a_formula_in_each_notation(formula, variable, notation, partial, latex):
    assert formula_latex(formula, variable=variable, notation=notation, partial=partial) == latex


BAD_NOTATIONS = ["", "Newtonian", "leibnitz", "prime", None, 3, ["euler"], b"euler"]


@pytest.mark.parametrize("bad", BAD_NOTATIONS, ids=repr)
def test_an_unknown_notation_is_a_symdiff_error(bad, tmp_path):
    derivation = derive("x^2")
    calls = [
        lambda: derivation.explain(notation=bad),
        lambda: derivation.to_latex(notation=bad),
        lambda: derivation.to_latex(standalone=True, notation=bad),
        lambda: derivation_latex(derivation, notation=bad),
        lambda: handout([derivation], notation=bad),
        lambda: markdown([derivation], notation=bad),
        lambda: render([derivation], ".tex", notation=bad),
        lambda: write(tmp_path / "out.tex", derivation, notation=bad),
        lambda: gradient_latex("x y", ["x", "y"], gradient("x y", ["x", "y"]), notation=bad),
        lambda: hessian_latex("x y", ["x", "y"], hessian("x y", ["x", "y"]), notation=bad),
    ]
    for call in calls:
        with pytest.raises(SymdiffError, match="notation is one of leibniz, lagrange, euler, newton"):
            call()
    assert not (tmp_path / "out.tex").exists()


def test_notation_is_keyword_only_and_any_case():
    derivation = derive("x^2")
    with pytest.raises(TypeError):
        derivation.explain(1000, False, None, "euler")
    with pytest.raises(TypeError):
        derivation.to_latex(False, "euler")
    assert derivation.explain(notation=" Euler ") == derivation.explain(notation="euler")
    assert derivation.to_json() == derive("x^2").to_json()  # the JSON is data, in no notation


def test_text_helpers_of_the_notation_module():
    assert operator_text(["x"], partial=True) == "∂/∂x" and operator_text(["x"]) == "d/dx"
    assert operator_text(["x", "y"], ascii_only=True) == "d^2/(dy dx)"
    assert applied_text(["x", "x", "x", "x"], "E", notation="lagrange") == "(E)^(4)"
    assert applied_text(["x"], "E", notation="euler", gap=" ") == "D_x [E]"
    mixed = named_derivative_latex(["x", "y"], ["x", "y"], "f", partial=True)
    assert mixed == r"\frac{\partial^{2} f}{\partial y\,\partial x}"
    assert named_derivative_latex(["x", "y"], ["x", "y"], "f", notation="lagrange") == "f_{xy}"
    assert named_derivative_latex(["t", "t"], ["t", "t"], "f", notation="newton") == r"\ddot{f}"
    assert named_derivative_latex(["x"], ["x"], "f", notation="newton") == r"\frac{d f}{dx}"
    assert is_partial({"x", "y"}, ["x"]) and is_partial({"x"}, ["y"]) and not is_partial({"x"}, ["x"])
    assert not is_partial(set(), ["x"])


# A written derivative's LaTeX and the heading of its worked solution use d or ∂ alike.
CONSISTENT = [
    ("x^2", ("x",), r"\frac{d}{dx}"),
    ("x^2 y", ("x",), r"\frac{\partial}{\partial x}"),
    ("x^2", ("y",), r"\frac{\partial}{\partial y}"),  # x^2 as a function of x and y
    ("x^3 y^2", ("x", "y"), r"\frac{\partial^{2}}{\partial y\,\partial x}"),
    ("x^3", ("x", "x"), r"\frac{d^{2}}{dx^{2}}"),
    ("5", ("x",), r"\frac{d}{dx}"),
]


@pytest.mark.parametrize(("text", "variables", "operator"), CONSISTENT)
def test_a_written_derivative_and_its_heading_agree(text, variables, operator):
    node = Derivative(derive(text, variables[0]).expr, variables)
    assert expr_latex(node).startswith(operator + r"\left[")
    heading = derive(text, list(variables)).to_latex().splitlines()[1]
    assert heading.startswith("&" + operator + r"\left[")


@settings(max_examples=40)
@given(expressions, st.sampled_from([("x",), ("y",), ("x", "y"), ("x", "x")]))
def test_a_written_derivative_and_its_heading_agree_on_any_expression(expr, variables):
    try:
        derivation = derive(expr, list(variables))
    except SymdiffError:
        return  # not differentiable as written (a domain the rules refuse): nothing to compare
    node_operator = expr_latex(Derivative(expr, variables)).split(r"\left[")[0]
    heading = derivation.to_latex().splitlines()[1]
    assert heading.startswith("&" + node_operator + r"\left[")
