"""Derivative notation as typed: input -> tree, and what each written derivative works out to.

The README's syntax table lists these forms; the parse-error table has the refusals.
"""

import pytest
from hypothesis import given
from strategies import written_expressions

from symdiff import (
    Derivative,
    Div,
    Mul,
    Neg,
    Number,
    ParseError,
    Pow,
    Symbol,
    SymdiffError,
    UndefinedCall,
    derive,
    diff,
    parse,
    simplify,
)

x, y, t, d, dx = (Symbol(name) for name in ("x", "y", "t", "d", "dx"))
X2, X3Y2 = parse("x^2"), parse("x^3 y^2")

TREES = [
    # Leibniz, first order: without brackets the operator takes everything after it
    ("d/dx x^2", Derivative(X2, "x")),
    ("d/dx (x^2)", Derivative(X2, "x")),
    ("d/dx(x^2)", Derivative(X2, "x")),
    ("d / dx x^2", Derivative(X2, "x")),
    ("d/dx[x^2]", Derivative(X2, "x")),
    ("d/dx [x^2]", Derivative(X2, "x")),
    ("d/dx x^2 + 1", Derivative(parse("x^2 + 1"), "x")),
    ("d/dx[x^2] + 1", Derivative(X2, "x") + 1),
    ("d/dx (x + 1)(x - 1)", Derivative(parse("(x + 1)(x - 1)"), "x")),
    ("d/dθ sin θ", Derivative(parse("sin θ"), "θ")),
    ("d/dtheta theta^2", Derivative(parse("theta^2"), "theta")),
    ("d/dw_1 w_1^2", Derivative(parse("w_1^2"), "w_1")),
    # higher order
    ("d^2/dx^2 x^4", Derivative(parse("x^4"), ("x", "x"))),
    ("d²/dx² x^4", Derivative(parse("x^4"), ("x", "x"))),
    ("d2/dx2 x^4", Derivative(parse("x^4"), ("x", "x"))),
    ("d^3/dx^3[x^4]", Derivative(parse("x^4"), ("x", "x", "x"))),
    # partial derivatives: ∂ and d read the same (other variables are held constant)
    ("∂/∂x x^2 y", Derivative(parse("x^2 y"), "x")),
    ("∂²/∂x² x^4 y", Derivative(parse("x^4 y"), ("x", "x"))),
    # mixed partials: the variable written last is applied first
    ("∂^2/∂x∂y x^3 y^2", Derivative(X3Y2, ("y", "x"))),
    ("∂^2/∂x ∂y x^3 y^2", Derivative(X3Y2, ("y", "x"))),
    ("∂²/∂y∂x x^3 y^2", Derivative(X3Y2, ("x", "y"))),
    ("d^2/(dx dy) x^3 y^2", Derivative(X3Y2, ("y", "x"))),
    ("d^3/(dx^2 dy) x^3 y^2", Derivative(X3Y2, ("y", "x", "x"))),
    ("∂^3/∂x²∂y[x^3 y^2]", Derivative(X3Y2, ("y", "x", "x"))),
    # nested operators
    ("d/dy d/dx x^3 y^2", Derivative(Derivative(X3Y2, "x"), "y")),
    # Euler
    ("D_x x^2", Derivative(X2, "x")),
    ("D_x^2 x^3", Derivative(parse("x^3"), ("x", "x"))),
    ("D_x[x^2] + 1", Derivative(X2, "x") + 1),
    ("D_y D_x x^3 y^2", Derivative(Derivative(X3Y2, "x"), "y")),
    # in products and sums
    ("2 d/dx x^2", Mul(Number(2), Derivative(X2, "x"))),
    ("2*d/dx x^2", Mul(Number(2), Derivative(X2, "x"))),
    ("1/d/dx x^2", Div(Number(1), Derivative(X2, "x"))),
    ("x + d/dx x^2", x + Derivative(X2, "x")),
    ("x - d/dx x^2", x - Derivative(X2, "x")),
    ("-d/dx x^2", Neg(Derivative(X2, "x"))),
    ("x d/dx[x^2]", Mul(x, Derivative(X2, "x"))),
    # Lagrange: primes on f, g, h
    ("f'(x)", UndefinedCall("f", x, 1)),
    ("f''(x^2)", UndefinedCall("f", X2, 2)),
    # d and dx stay names where no operator is meant
    ("2d + dx", Mul(Number(2), d) + dx),
    ("d^2", Pow(d, Number(2))),
    ("x/dx", Div(x, dx)),
    ("d*x", Mul(d, x)),
    ("(d)/dx", Div(d, dx)),
    ("(dy)/dx", Div(Symbol("dy"), dx)),
    ("ad/dx", Div(Symbol("ad"), dx)),
]


@pytest.mark.parametrize(("text", "tree"), TREES, ids=[row[0] for row in TREES])
def test_notation_reads_as(text, tree):
    read = parse(text)
    assert read == tree, read
    assert parse(str(read)) == read


def test_dy_dx_reads_only_for_defined_names():
    assert parse("dy/dx", defined={"y"}) == Derivative(y, "x")
    assert parse("d^2f/dx^2 + 1", defined=["f"]) == Derivative(Symbol("f"), ("x", "x")) + 1
    assert parse("d²y/dt²", defined={"y"}) == Derivative(y, ("t", "t"))
    with pytest.raises(ParseError, match="y is not defined here"):
        parse("dy/dx")
    with pytest.raises(ParseError, match="the order on top is 2 but below it is 1"):
        parse("d^2y/dx", defined={"y"})
    with pytest.raises(SymdiffError, match="collection of names"):
        parse("x", defined="y")


WORKED = [
    # (input, what diff / simplify of it gives: the written derivative's value)
    ("d/dx x^2", "2*x"),
    ("d/dx x^2 sin x", "x^2*cos(x) + 2*x*sin(x)"),
    ("d^2/dx^2 x^4", "12*x^2"),
    ("∂^2/∂x∂y x^3 y^2", "6*x^2*y"),
    ("d/dy d/dx x^3 y^2", "6*x^2*y"),
    ("D_x^2 sin x", "-sin(x)"),
    ("x + d/dx[x^2]", "3*x"),
    ("d/dx[x^2] - 2x", "0"),
    ("d/dt x^2", "0"),
]


@pytest.mark.parametrize(("text", "value"), WORKED, ids=[row[0] for row in WORKED])
def test_a_written_derivative_is_worked_out(text, value):
    assert str(simplify(text)) == value


def test_diff_derive_and_evaluate_work_it_out_first():
    assert diff("d/dx x^3", "x") == parse("6x")
    assert derive("d/dx x^3", "x").result == parse("6x")
    assert parse("d/dx x^3").evaluate(x=2) == 12.0
    assert simplify(parse("d/dx x^3").subs(x, 2)) == Number(12)  # 3*2^2, not d/dx[2^3] = 0
    derivation = derive("x + d/dx[x^2]")
    written = [step for step in derivation if step.rule == "written_derivative"]
    assert [str(step.expr) for step in written] == ["d/dx[x^2]"]
    assert str(written[0].result) == "2*x"
    assert str(derivation.result) == "3"
    assert "Work out the derivative written: d/dx[x^2]" in derivation.explain()


def test_a_mixed_partial_derivation_applies_the_variables_in_order():
    derivation = derive("x^3 y^2", ["x", "y"])
    assert derivation.variables == (x, y)
    assert derivation.operator == "∂^2/∂y∂x"
    assert [str(step.wrt) for step in derivation.trace.substeps] == ["x", "y"]
    assert str(derivation.result) == "6*x^2*y" == str(diff("x^3 y^2", "x", "y"))
    assert derivation.explain().splitlines()[0] == "∂^2/∂y∂x [x^3*y^2]"
    with pytest.raises(SymdiffError, match="either several variables or order"):
        derive("x y", ["x", "y"], 2)


@given(written_expressions)
def test_the_tree_printed_reads_back(expr):
    assert parse(str(expr)) == expr


def test_derivative_nodes_check_their_arguments():
    with pytest.raises(SymdiffError):
        Derivative(x, ())
    with pytest.raises(SymdiffError):
        Derivative(x, ("sin",))
    with pytest.raises(SymdiffError, match="at most 100"):
        Derivative(x, ("x",) * 101)
    with pytest.raises(SymdiffError, match="Euler"):
        Symbol("D_x")
