"""Forward mode and backprop: textbook tables, the local rules against SymPy, agreement with the
symbolic gradient on random expressions, the shared DAG, data sets, bad arguments, DOT and LaTeX."""

from __future__ import annotations

import math
import shutil
import sys
import types

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import has_a_derivative, numeric_expressions
from sympy_oracle import to_sympy
from tex import compile_tex, needs_tex

import symdiff
from symdiff import (
    AutodiffError,
    EvaluationError,
    ExpressionError,
    ParseError,
    Symbol,
    backprop,
    cross_entropy,
    forward_mode,
    gradient,
    parse,
    sigmoid,
)
from symdiff.core.expr import NODE_TYPES, Constant, Derivative, Infinity, Number, UndefinedCall
from symdiff.core.functions import FUNCTIONS
from symdiff.numeric.graph_print import dot_escape
from symdiff.numeric.local_rules import _KIND_RULES, FUNCTION_SLOPES

LN2 = math.log(2)

# (expression, point, value, gradient): the textbook's numbers, worked by hand.
TEXTBOOK = [
    ("x^2", {"x": 3}, 9, {"x": 6}),
    ("x*y + sin(x)", {"x": 1, "y": 2}, 2 + math.sin(1), {"x": 2 + math.cos(1), "y": 1}),
    ("(y - (m*x + b))^2", {"m": 2, "b": 1, "x": 3, "y": 10}, 9, {"m": -18, "b": -6, "x": -12, "y": 6}),
    ("sigmoid(w*x + b)", {"w": 0, "x": 1, "b": 0}, 0.5, {"w": 0.25, "x": 0, "b": 0.25}),
    ("tanh(w*x + b)", {"w": 1, "x": 0, "b": 0}, 0, {"w": 0, "x": 1, "b": 1}),
    ("x^y", {"x": 2, "y": 3}, 8, {"x": 12, "y": 8 * LN2}),
    ("x^3", {"x": -2}, -8, {"x": 12}),  # a negative base with a whole exponent
    ("x^y", {"x": 0, "y": 2}, 0, {"x": 0, "y": 0}),  # 0^y = 0 for y near 2: its slope in y is 0
    ("x^y", {"x": 0, "y": 1}, 0, {"x": 1, "y": 0}),
    ("x^0", {"x": 0}, 1, {"x": 0}),
    ("e^(-x^2/2)", {"x": 1}, math.exp(-0.5), {"x": -math.exp(-0.5)}),
    ("2^x", {"x": 3}, 8, {"x": 8 * LN2}),
    ("log(x, 2)", {"x": 8}, 3, {"x": 1 / (8 * LN2)}),
    ("log(8, b)", {"b": 2}, 3, {"b": -3 / (2 * LN2)}),
    ("log10(x)", {"x": 100}, 2, {"x": 1 / (100 * math.log(10))}),
    ("root(x, 3)", {"x": -8}, -2, {"x": 1 / 12}),
    ("root(x, 4)", {"x": 16}, 2, {"x": 1 / 32}),
    ("ln(x^2 + 1)", {"x": 1}, LN2, {"x": 1}),
    ("sqrt(x^2 + y^2)", {"x": 3, "y": 4}, 5, {"x": 0.6, "y": 0.8}),
    ("x/y", {"x": 1, "y": 2}, 0.5, {"x": 0.5, "y": -0.25}),
    ("-x + pi", {"x": 1}, math.pi - 1, {"x": -1}),
    ("relu(x)", {"x": 0}, 0, {"x": 0}),  # relu'(0) = 0, as symdiff's rule
    ("relu(x)", {"x": 2}, 2, {"x": 1}),
    ("abs(x)", {"x": 0}, 0, {"x": 0}),  # abs'(0) = sign(0) = 0
    ("abs(x)", {"x": -3}, 3, {"x": -1}),
    ("heaviside(x) + sign(x)", {"x": 1}, 2, {"x": 0}),
    ("softplus(x)", {"x": 0}, LN2, {"x": 0.5}),
    ("cbrt(x)", {"x": 8}, 2, {"x": 1 / 12}),
    ("d/dx[x^3 y]", {"x": 1, "y": 2}, 6, {"x": 12, "y": 3}),  # worked out first: 3x^2 y
    ("x*x*x", {"x": 2}, 8, {"x": 12}),  # one node used three times by one product
    ("5", {"x": 2}, 5, {"x": 0}),  # no variable at all: every derivative is 0
    ("x^2", {"x": 3, "y": 1}, 9, {"x": 6, "y": 0}),  # y is given but not used
]


@pytest.mark.parametrize(("text", "at", "value", "expected"), TEXTBOOK)
def test_backprop_and_forward_mode_give_the_textbook_numbers(text, at, value, expected):
    result = backprop(text, at)
    assert result.value == pytest.approx(value, rel=1e-14, abs=1e-15)
    assert result.gradient == pytest.approx(expected, rel=1e-14, abs=1e-15)
    assert list(result.gradient) == list(at)  # in the order at gives them
    for name, slope in expected.items():
        forward = forward_mode(text, at, name)
        assert (forward.value, forward.derivative) == pytest.approx((value, slope), rel=1e-14, abs=1e-15), name


# (expression, point, wrt or None, what the error says)
REFUSED = [
    ("sqrt(x)", {"x": 0}, None, "sqrt(x) has no finite derivative with respect to x where x = 0"),
    ("x^0.5", {"x": 0}, None, "no finite derivative"),
    ("acosh(x)", {"x": 1}, None, "no finite derivative"),
    ("asin(x)", {"x": -1}, None, "no finite derivative"),
    ("root(x, 3)", {"x": 0}, None, "no finite derivative"),
    ("x^y", {"x": -2, "y": 2}, "y", "no derivative with respect to its exponent where its base is -2"),
    ("x^y", {"x": 0, "y": 0}, "y", "exponent where its base is 0"),
    ("ln(x)", {"x": -1}, None, "ln(-1) is undefined: ln needs a positive argument"),
    ("1/x", {"x": 0}, None, "division by zero in 1/x"),
    ("x^(1/2)", {"x": -1}, None, "x^(1/2) has no finite real value"),
    ("log(x, 1)", {"x": 2}, None, "a logarithm's base is positive and not 1"),  # no value at any x
    ("e^x", {"x": 1000}, None, "too large"),
    ("f(x)", {"x": 1}, None, "undefined function f"),
    ("x + y", {"x": 1}, None, "no value given for y"),
]


@pytest.mark.parametrize(("text", "at", "wrt", "message"), REFUSED)
def test_no_value_or_no_slope_is_an_evaluation_error(text, at, wrt, message):
    with pytest.raises(EvaluationError, match=_escaped(message)):
        backprop(text, at, wrt)
    with pytest.raises(EvaluationError, match=_escaped(message)):
        forward_mode(text, at, wrt or next(iter(at)))


def test_a_slope_that_nothing_needs_is_not_asked_for():
    # (-2)^y has no slope in y, but forward mode by x needs only the slope in x.
    assert forward_mode("x^y", {"x": -2, "y": 2}, "x").derivative == -4
    assert backprop("x^y", {"x": -2, "y": 2}, wrt="x").gradient == {"x": -4}
    assert backprop("x*sqrt(0)", {"x": 2}).gradient == {"x": 0}  # sqrt's slope at 0 is not needed


def test_infinity_is_refused():
    with pytest.raises(EvaluationError, match="infinity"):
        backprop(symdiff.oo * Symbol("x"), {"x": 1})


# --- the local rules ------------------------------------------------------------------------------


def test_every_function_and_node_kind_has_a_local_rule():
    assert set(FUNCTION_SLOPES) == set(FUNCTIONS)
    leaves_and_refused = {Number, Symbol, Constant, UndefinedCall, Derivative, Infinity}
    assert set(_KIND_RULES) == set(NODE_TYPES) - leaves_and_refused


# Points inside each function's domain, away from where SymPy's derivative differs from
# symdiff's chosen one-sided slope (abs, relu, sign and heaviside at 0).
DOMAIN_POINTS = [-2.5, -1.3, -0.4, 0.3, 0.8, 1.2, 1.6, 2.7, 3.4]


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_functions_slope_agrees_with_sympy(name):
    x = sympy.Symbol("x", real=True)
    tree = parse(f"{name}(x)")
    slope = sympy.diff(to_sympy(tree), x)
    checked = 0
    for point in DOMAIN_POINTS:
        try:
            ours = forward_mode(tree, {"x": point}).derivative
        except EvaluationError:
            continue  # outside the domain (or a vertical tangent)
        theirs = complex(slope.evalf(30, subs={x: point}))
        assert theirs.imag == 0 and ours == pytest.approx(theirs.real, rel=1e-13, abs=1e-14), (name, point)
        checked += 1
    assert checked >= 3, name


@pytest.mark.parametrize(("text", "point"), [("log(x, b)", {"x": 3.0, "b": 5.0}), ("root(x, 5)", {"x": -3.0}),
                                             ("x^y", {"x": 1.7, "y": -2.3}), ("x/y", {"x": 2.0, "y": -0.7})])
def test_the_node_kinds_slopes_agree_with_sympy(text, point):
    tree = parse(text)
    theirs = to_sympy(tree)
    subs = {sympy.Symbol(name, real=True): value for name, value in point.items()}
    result = backprop(tree, point)
    for name in point:
        expected = complex(sympy.diff(theirs, sympy.Symbol(name, real=True)).evalf(30, subs=subs))
        assert result.gradient[name] == pytest.approx(expected.real, rel=1e-13), (text, name)


# --- forward mode, backprop and the symbolic gradient agree -----------------------------------------

COORDINATES = st.one_of(st.sampled_from([0.0, 1.0, -1.0, 0.5, -0.5, 2.0]),
                        st.floats(-2.5, 2.5).filter(lambda v: abs(v) > 1e-3))


def _rounding_scale(expr, point) -> float:
    """Sum over the nodes of |d f/d node| * |node|: rounding each node's value by a relative eps
    moves f by at most about eps times this (first order). Where f subtracts nearly equal
    numbers it is much larger than |f|."""
    try:
        result = backprop(expr, point)
    except EvaluationError:
        return math.inf
    return sum(abs(row.adjoint * row.value) for row in result.rows if row.adjoint is not None)


def _path_scale(result) -> dict:
    """For each node, the sum over its paths to the output of |the product of the slopes|: where
    paths cancel, rounding is relative to this, not to the (small) derivative."""
    scale = {}
    if result.rows:
        scale[result.rows[-1].node] = 1.0
    for row in reversed(result.rows):
        for child, slope in row.locals:
            scale[child] = scale.get(child, 0.0) + scale.get(row.node, 0.0) * abs(slope)
    return scale


@settings(max_examples=500, deadline=None)
@given(numeric_expressions, COORDINATES, COORDINATES)
def test_forward_mode_backprop_and_the_symbolic_gradient_agree(expr, x, y):
    point = {"x": x, "y": y}
    assume(has_a_derivative(expr))  # not (-0)^x: gradient refuses it (test_undefined_constants)
    try:
        expr.evaluate(point)
        partials = gradient(expr, ["x", "y"])
        symbolic = [partial.evaluate(point) for partial in partials]
    except EvaluationError:
        return  # outside the domain of the expression or of its derivative
    try:
        reverse = backprop(expr, point)
        forward = [forward_mode(expr, point, name).derivative for name in "xy"]
    except EvaluationError as error:
        # The value exists, so the refusal is a slope that is not finite (sqrt at 0 times a
        # slope of 0, say), which the simplified symbolic answer may have cancelled.
        assert "derivative" in str(error), (str(expr), point, str(error))
        return
    scale = _path_scale(reverse)
    for k, name in enumerate("xy"):
        a, b, c = reverse.gradient[name], forward[k], symbolic[k]
        # Relative to the derivative, or where it comes from terms that cancel, to their size:
        # the paths' products (autodiff) or the symbolic formula's terms (1 - tanh(u)^2).
        tolerance = 1e-12 * max(abs(a), abs(c), scale.get(Symbol(name), 0.0))
        assert abs(a - b) <= tolerance, (str(expr), point, name, a, b)
        if abs(a - c) > tolerance:
            tolerance = max(tolerance, 1e-12 * _rounding_scale(partials[k], point))
        assert abs(a - c) <= tolerance, (str(expr), point, name, a, c, str(partials[k]))


@settings(max_examples=200, deadline=None)
@given(numeric_expressions, st.lists(st.tuples(COORDINATES, COORDINATES), min_size=1, max_size=4))
def test_over_samples_each_sample_is_its_own_point(expr, samples):
    results = []
    for x, y in samples:
        try:
            results.append(backprop(expr, {"x": x, "y": y}))
        except EvaluationError:
            return  # a sample outside the domain: the whole data set is refused (tested below)
    xs, ys = (np.array(column) for column in zip(*samples, strict=True))
    over = backprop(expr, {"x": xs, "y": ys})
    for k, one in enumerate(results):
        scale = _path_scale(one)
        # NumPy's sin, exp, ... may differ from the math module's in the last digit: each such
        # difference moves f by about eps * |d f/d node| * |node|.
        rounding = sum(abs(row.adjoint * row.value) for row in one.rows if row.adjoint is not None)
        assert abs(over.value[k] - one.value) <= 1e-12 * max(abs(one.value), rounding), (str(expr), samples[k])
        for name in "xy":
            tolerance = 1e-12 * max(abs(one.gradient[name]), scale.get(Symbol(name), 0.0))
            assert abs(over.gradient[name][k] - one.gradient[name]) <= tolerance, (str(expr), samples[k], name)


# --- the DAG ----------------------------------------------------------------------------------------


def test_a_shared_subtree_is_one_row_and_gathers_every_path():
    w, x, b = Symbol("w"), Symbol("x"), Symbol("b")
    s = sigmoid(w * x + b)
    built = s * (1 - s)  # one object used twice
    written = parse("sigmoid(w x + b) (1 - sigmoid(w x + b))")  # equal subtrees, different objects
    for expr in (built, written):
        result = backprop(expr, {"w": 0.5, "x": 2.0, "b": -0.3})
        assert result.names == ["w", "x", "v1", "b", "v2", "v3", "v4", "v5"]
        operations = ["input", "input", "w*x", "input", "v1 + b", "sigmoid(v2)", "1 - v3", "v3*v4"]
        assert [row.operation for row in result.rows] == operations
        sigmoid_row = result.rows[5]
        assert sigmoid_row.locals and result.explain().count("adj(v3) +=") == 2  # two paths into it
        expected = [g.evaluate(w=0.5, x=2.0, b=-0.3) for g in gradient(expr, ["w", "x", "b"])]
        assert list(result.gradient.values()) == pytest.approx(expected, rel=1e-14)


def test_the_nodes_names_never_clash_with_the_variables():
    assert backprop("v1*u1*q2 + sin(v1)", {"v1": 1, "u1": 2, "q2": 3}).names == ["v1", "u1", "q2", "vv1", "vv2", "vv3"]
    assert backprop("u1 + v2", {"u1": 1, "v2": 2}).names == ["u1", "v2", "q1"]


def test_the_logistic_map_is_linear_in_its_distinct_nodes():
    # l_{k+1} = 4 l_k (1 - l_k): written out the tree doubles each step; as a DAG it grows by 3.
    e = Symbol("x")
    for _ in range(30):
        e = 4 * e * (1 - e)
    result = backprop(e, {"x": 0.3})
    assert len(result.rows) == 1 + 2 * 30  # x, then per step 1 - l and 4*l*(1 - l)
    assert forward_mode(e, {"x": 0.3}).derivative == pytest.approx(result.gradient["x"], rel=1e-12)


def test_a_deep_expression_needs_no_recursion():
    e = Symbol("x")
    for _ in range(20_000):
        e = symdiff.sin(e)
    assert backprop(e, {"x": 0.5}).gradient["x"] == pytest.approx(forward_mode(e, {"x": 0.5}).derivative)


# --- data sets --------------------------------------------------------------------------------------


def test_over_a_data_set_values_and_adjoints_are_arrays_one_per_sample():
    xs, ys = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 2.9, 5.2, 7.1])
    cost = "(y - (m*x + b))^2"
    at = {"m": 2.0, "b": 1.0, "x": xs, "y": ys}
    result = backprop(cost, at, wrt=["m", "b"])
    for k in range(len(xs)):
        one = backprop(cost, {"m": 2.0, "b": 1.0, "x": xs[k], "y": ys[k]}, wrt=["m", "b"])
        assert result.gradient["m"][k] == pytest.approx(one.gradient["m"], rel=1e-15)
        assert result.value[k] == pytest.approx(one.value, rel=1e-15)
    assert result.gradient["b"].shape == (4,) and all(row.value.shape == (4,) for row in result.rows)
    summed, mean = backprop(cost, at, ["m", "b"], reduce="sum"), backprop(cost, at, ["m", "b"], reduce="mean")
    residual = ys - (2.0 * xs + 1.0)
    assert summed.gradient == pytest.approx({"m": -2 * np.sum(residual * xs), "b": -2 * np.sum(residual)})
    assert mean.gradient == pytest.approx({"m": -2 * np.mean(residual * xs), "b": -2 * np.mean(residual)})
    assert mean.value == pytest.approx(np.mean(residual**2)) and isinstance(mean.value, float)
    tangent = forward_mode(cost, at, "m").derivative
    assert tangent == pytest.approx(result.gradient["m"], rel=1e-15)


def test_reduced_over_samples_a_data_column_keeps_one_derivative_per_sample():
    # The mean of w*x^2 over x = 1, 2, 3: dF/dw = mean(x^2), but dF/dx_k = 2*w*x_k/3, one per
    # sample, as torch's x.grad (reduce gave mean(2*w*x) = 8, the derivative of nothing).
    xs = np.array([1.0, 2.0, 3.0])
    mean = backprop("w*x^2", {"w": 2.0, "x": xs}, reduce="mean")
    assert mean.gradient["w"] == pytest.approx(np.mean(xs**2)) and isinstance(mean.gradient["w"], float)
    assert mean.gradient["x"] == pytest.approx(2 * 2.0 * xs / 3, rel=1e-15)
    summed = backprop("x*y", {"x": [1, 2], "y": [3, 4]}, reduce="sum")
    assert summed.gradient["x"] == pytest.approx([3, 4]) and summed.gradient["y"] == pytest.approx([1, 2])
    # A column broadcast along an axis gathers along it: d/dx_i of the sum over (i, j) of x_i*y_j.
    grid = backprop("x*y + w", {"x": np.array([[1.0], [2.0]]), "y": np.array([[3.0, 4.0, 5.0]]), "w": 1.0},
                    reduce="sum")
    assert grid.gradient["x"] == pytest.approx(np.array([[12.0], [12.0]]))
    assert grid.gradient["y"] == pytest.approx(np.array([[3.0, 3.0, 3.0]])) and grid.gradient["w"] == 6.0
    shown = mean.explain()
    assert "df/dx = [ 4.,  8., 12.] in each sample" in shown
    assert "dF/dw = the mean of df/dw over the samples = 4.66667" in shown
    assert "dF/dx = (df/dx in its own sample)/3 = [1.3333, 2.6667, 4.    ]" in shown


def test_a_grid_of_points_in_two_dimensions():
    xx, yy = np.meshgrid(np.linspace(0.5, 2, 3), np.linspace(-1, 1, 4))
    result = backprop("x^2 y + sin(x y)", {"x": xx, "y": yy})
    assert result.gradient["x"].shape == (4, 3)
    assert result.gradient["x"][2, 1] == pytest.approx(backprop("x^2 y + sin(x y)", {"x": xx[2, 1], "y": yy[2, 1]})
                                                       .gradient["x"], rel=1e-14)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_function_over_samples_agrees_with_each_sample_alone(name):
    points = np.array([-2.5, -1.3, -0.4, 0.3, 0.8, 1.6, 2.7])
    scalar = []
    for point in points:
        try:
            scalar.append(backprop(f"{name}(x)", {"x": point}))
        except EvaluationError:
            scalar.append(None)
    good = np.array([result is not None for result in scalar])
    result = backprop(f"{name}(x)", {"x": points[good]})
    expected = [r.gradient["x"] for r in scalar if r is not None]
    assert result.gradient["x"] == pytest.approx(expected, rel=1e-13, abs=1e-15)
    if not good.all():
        with pytest.raises(EvaluationError, match=r"at x = .* \(index \d+\)"):
            backprop(f"{name}(x)", {"x": points})


def test_a_sample_outside_the_domain_is_named():
    with pytest.raises(EvaluationError, match=r"ln\(x\) has no finite value in floats at x = -1 \(index 2\)"):
        backprop("ln(x)", {"x": [1.0, 2.0, -1.0]})
    with pytest.raises(EvaluationError, match=r"sqrt\(x\) has no finite derivative .* at x = 0 \(index 1\)"):
        forward_mode("sqrt(x)", {"x": [4.0, 0.0]})


# --- bad arguments ----------------------------------------------------------------------------------

BAD = [
    (lambda: backprop("x", None), AutodiffError, "at gives each variable a value"),
    (lambda: backprop("x", {}), AutodiffError, "at gives each variable a value"),
    (lambda: backprop("x", [("x", 1)]), AutodiffError, "at gives each variable a value"),
    (lambda: backprop("x", {"x": "1"}), EvaluationError, "must be a number or an array"),
    (lambda: backprop("x", {"x": True}), EvaluationError, "boolean"),
    (lambda: backprop("x", {"x": math.nan}), EvaluationError, "finite"),
    (lambda: backprop("x", {"x": 10**400}), EvaluationError, "too large"),
    (lambda: backprop("x", {"x": 1, Symbol("x"): 2}), AutodiffError, "two values"),
    (lambda: backprop("x", {"x": 1, 3: 2}), AutodiffError, "a key of at names variables"),
    (lambda: backprop("x", {"sin": 1}), ExpressionError, "reserved"),
    (lambda: backprop("x", {"x": 1}, wrt="y"), AutodiffError, "wrt names y, which at gives no value"),
    (lambda: backprop("x", {"x": 1}, wrt=["x", "x"]), AutodiffError, "twice"),
    (lambda: backprop("x", {"x": 1}, wrt=7), AutodiffError, "wrt names variables"),
    (lambda: backprop("x", {"x": 1}, reduce="median"), AutodiffError, "reduce is None, 'sum' or 'mean'"),
    (lambda: backprop("(", {"x": 1}), ParseError, "("),
    (lambda: backprop(None, {"x": 1}), ExpressionError, "not a number"),
    (lambda: backprop("x + y", {"x": [1, 2], "y": [1, 2, 3]}), AutodiffError, "do not broadcast"),
    (lambda: backprop("x", {"x": [1, math.inf]}), EvaluationError, "not finite"),
    (lambda: backprop("x", {"x": [[1, 2], [3]]}), EvaluationError, "ragged"),
    (lambda: backprop("x", {"x": [1j]}), EvaluationError, "complex"),
    (lambda: backprop("x", {"x": []}, reduce="mean"), EvaluationError, "an empty array"),
    (lambda: forward_mode("x y", {"x": 1, "y": 2}), AutodiffError, "say which variable"),
    (lambda: forward_mode("x y", {"x": 1, "y": 2}, ["x", "y"]), AutodiffError, "by one variable"),
    (lambda: forward_mode("x y", {"x": 1, "y": 2}, "z"), AutodiffError, "at gives z no value"),
    (lambda: forward_mode("x", {"x": 1}, 3.0), AutodiffError, "by one variable"),
    (lambda: symdiff.ForwardResult(None, {}, None, "x", [], []), AutodiffError, "made by symdiff.forward_mode"),
    (lambda: symdiff.BackpropResult(None, {}, None, [], None, [], [], [], []), AutodiffError, "made by"),
]


@pytest.mark.parametrize(("call", "kind", "message"), BAD)
def test_bad_arguments_raise_symdiff_errors(call, kind, message):
    with pytest.raises(kind, match=_escaped(message)):
        call()


def test_the_inputs_are_not_changed():
    at = {"x": np.array([1.0, 2.0]), "y": 3.0}
    before = {name: np.copy(value) for name, value in at.items()}
    result = backprop("x*y", at)
    result.gradient["y"][0] = 99.0  # the result's arrays are its own
    assert all(np.array_equal(at[name], before[name]) for name in at) and at["x"] is not result.rows[0].value


# --- tables, explanations, LaTeX and the graph ------------------------------------------------------


def test_the_tables_and_the_explanation():
    result = backprop("x*y + sin(x)", {"x": 1, "y": 2})
    assert result.table().splitlines()[:4] == [
        "backprop: x*y + sin(x) at x = 1, y = 2",
        "node  operation     value  adjoint",
        "----  ---------  --------  -------",
        "x     input             1   2.5403",
    ]
    assert result.explain().splitlines() == [
        "adj(v3) = 1  (v3 is the output f: df/df = 1)",
        "  adj(v1) += adj(v3) * dv3/dv1 = 1 * 1 = 1   [dv3/dv1 = 1]",
        "  adj(v2) += adj(v3) * dv3/dv2 = 1 * 1 = 1   [dv3/dv2 = 1]",
        "adj(v2) = 1",
        "  adj(x) += adj(v2) * dv2/dx = 1 * 0.540302 = 0.540302   [dv2/dx = cos(x)]",
        "adj(v1) = 1",
        "  adj(x) += adj(v1) * dv1/dx = 1 * 2 = 2   [dv1/dx = y]",
        "  adj(y) += adj(v1) * dv1/dy = 1 * 1 = 1   [dv1/dy = x]",
        "adj(y) = 1: df/dy = 1",
        "adj(x) = 2.5403  (the sum over 2 paths): df/dx = 2.5403",
    ]
    assert repr(result) == "<BackpropResult x*y + sin(x) at x = 1, y = 2: value 2.84147, gradient {x: 2.5403, y: 1}>"
    forward = forward_mode("x^2 sin(x)", {"x": 1.5})
    assert [row.tangent for row in forward.rows] == pytest.approx([1, 3, math.cos(1.5), 3.1516436637], rel=1e-10)
    assert forward.table().splitlines()[-1] == "value 2.24436372, d/dx = 3.151643664"
    assert repr(forward) == "<ForwardResult d/dx [x^2*sin(x)] at x = 1.5: value 2.24436, derivative 3.15164>"


def test_a_node_used_twice_by_one_parent_gets_both_products():
    lines = backprop("x^x", {"x": 2.0}).explain().splitlines()
    assert lines == [
        "adj(v1) = 1  (v1 is the output f: df/df = 1)",
        "  adj(x) += adj(v1) * dv1/dx = 1 * 4 = 4   [dv1/dx = x*x^(x - 1)]",
        "  adj(x) += adj(v1) * dv1/dx = 1 * 2.77259 = 2.77259   [dv1/dx = ln(x)*x^x]",
        "adj(x) = 6.77259  (the sum over 2 paths): df/dx = 6.77259",
    ]
    assert backprop("x", {"x": 2.0}).explain() == "adj(x) = 1  (x is the output f: df/df = 1): df/dx = 1"
    assert backprop("5", {"x": 2.0}).explain() == "5 depends on none of x: every derivative is 0"


@pytest.mark.parametrize("text", ["x^2 y + sin(x y)", "log(x, 2) + root(x, 3)", "sigmoid(w x + b)", "x^x + x*x*y"])
def test_every_formula_in_the_explanation_is_the_slope_it_names(text):
    # Put each node's children's values into the shown formula: it gives the slope used.
    at = {name: 0.7 + 0.3 * k for k, name in enumerate(sorted({s.name for s in parse(text).free_symbols}))}
    result = backprop(text, at)
    values = {name: row.value for name, row in zip(result.names, result.rows, strict=True)}
    for line in result.explain().splitlines():
        if "+=" in line:
            slope, formula = line.split(" = ")[1].split(" * ")[1], line.split("= ")[-1].rstrip("]")
            assert parse(formula).evaluate(values) == pytest.approx(float(slope), rel=1e-5), line


@needs_tex
def test_the_latex_tables_compile(tmp_path):
    result = backprop("sigmoid(w x + b) + theta_1^2", {"w": 0.5, "x": 2, "b": -1, "theta_1": 1e-9})
    compile_tex(tmp_path, result.to_latex(standalone=True), "backprop")
    forward = forward_mode("x^2 sin(x)", {"x": np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5])})
    compile_tex(tmp_path, forward.to_latex(standalone=True), "forward")


def test_the_dot_graph_has_a_box_per_node_and_an_oval_per_operation():
    result = backprop("x*y + sin(x)", {"x": 1, "y": 2})
    dot = result.to_dot()
    assert dot.startswith("digraph backprop {\n  rankdir=LR;") and dot.endswith("}\n")
    boxes = [line for line in dot.splitlines() if "label=\"{" in line]
    assert len(boxes) == len(result.rows) == 5
    assert '  n0 [label="{ x | value 1 | grad 2.5403 }"];' in dot
    assert '  n4 [label="{ v3 = v1 + v2 | value 2.8415 | grad 1 }"];' in dot
    assert dot.count("shape=ellipse") == 3 and "n0 -> n3op;" in dot and "n3op -> n3;" in dot
    assert 'label="2", shape=plaintext' in backprop("2*x", {"x": 1}).to_dot()
    assert dot_escape('a{b}|<c>"\\') == 'a\\{b\\}\\|\\<c\\>\\"\\\\'


def test_render_writes_dot_text_without_graphviz(tmp_path):
    path = backprop("x*y", {"x": 1, "y": 2}).render(tmp_path / "graph.dot")
    assert path.read_text(encoding="utf-8").startswith("digraph backprop {")


def test_render_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)  # import graphviz raises ImportError
    result = backprop("x*y", {"x": 1, "y": 2})
    with pytest.raises(AutodiffError, match="pip install graphviz, and apt-get install graphviz"):
        result.render(tmp_path / "graph.png")
    fake = types.ModuleType("graphviz")
    monkeypatch.setitem(sys.modules, "graphviz", fake)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(AutodiffError, match="needs Graphviz's dot program: apt-get install graphviz"):
        result.render(tmp_path / "graph.png")
    with pytest.raises(AutodiffError, match=r"name a \.png, \.svg, \.pdf or \.dot file"):
        result.render(tmp_path / "graph.txt")
    with pytest.raises(AutodiffError, match="a file name"):
        result.render(3)


def test_render_draws_with_graphviz(tmp_path):
    pytest.importorskip("graphviz")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot program is not installed")
    path = backprop("tanh(w x + b)", {"w": 1, "x": 0.5, "b": 0}).render(tmp_path / "graph.svg")
    assert "<svg" in path.read_text(encoding="utf-8")


def _escaped(message: str) -> str:
    import re

    return re.escape(message)


SOFTMAX_TERM = "ln(e^x/(e^x + e^y))"


@pytest.mark.parametrize(("at", "name"), [({"x": -300.0, "y": 300.0}, "y"), ({"x": -739.0, "y": -273.0}, "x")])
def test_a_gradient_floating_point_loses_is_refused_not_given(at, name):
    """d/dy ln(e^x/(e^x + e^y)) at x = -300, y = 300 is -1, but the quotient's slope -u/v^2 is
    1e-391, which rounds to 0: the backward pass gave 0 (and inf at the second point)."""
    with pytest.raises(EvaluationError, match=rf"loses d/d{name} .* to floating point"):
        backprop(SOFTMAX_TERM, at)


def test_a_gradient_with_tiny_slopes_that_agrees_is_given():
    # sigmoid(-300) is 5e-131: the slopes are tiny, the evaluated derivative agrees.
    gradient = backprop("sigmoid(x)*y", {"x": -300.0, "y": 2.0}).gradient
    assert gradient["y"] == pytest.approx(5.148200222412013e-131)


def test_forward_mode_refuses_a_derivative_floating_point_loses():
    with pytest.raises(EvaluationError, match="forward pass loses d/dy"):
        forward_mode(SOFTMAX_TERM, {"x": -300.0, "y": 300.0}, "y")
    assert forward_mode(SOFTMAX_TERM, {"x": -739.0, "y": -273.0}, "x").derivative == pytest.approx(1.0)


@pytest.mark.parametrize(("run", "words", "not_said"), [
    # exp(800) and cosh(800) are numbers, too large for a float: "undefined: exp is defined for
    # every real number" contradicted itself
    (lambda: parse("exp(x)").evaluate(x=800.0), "exp(x) is too large for a float here", "undefined"),
    (lambda: backprop("cosh(x)", {"x": 800.0}), "cosh(x) is too large for a float here", "undefined"),
    # 1 - sigmoid(40) is 4.2e-18, rounded to 0 by the subtraction: ln of it is not "ln(0)" alone
    (lambda: backprop("ln(1 - sigmoid(x))", {"x": 40.0}),
     "its argument 1 - sigmoid(x) is 0 here in floats, which a small number rounded off gives too", None),
    # the slope -1e320 is finite; floats cannot hold it
    (lambda: backprop("1/x", {"x": 1e-160}), "infinite or undefined, or too large for a float", None),
    # the cross entropy is -50 there; in floats ln(1 - sigmoid(50)) is ln(0)
    (lambda: cross_entropy("1/(1 + e^(-w x))", {"x": [1.0, 2.0], "y": [0, 1]}).value({"w": 50.0}),
     "has no finite value in floats at w = 50, x = 1 (index 0) (ln(0) is undefined", "no finite real value"),
    (lambda: backprop("exp(x)", {"x": np.array([1.0, 800.0])}),
     "exp(x) has no finite value in floats at x = 800 (index 1): exp(x) is too large for a float here", None),
    # a denominator 3.6e-35 rounded to 0 (a third sweep): "the denominator is 0 here" alone was false
    (lambda: parse("1/(1 - tanh(x))").evaluate(x=40.0), "division by zero in 1/(1 - tanh(x)): the denominator "
     "1 - tanh(x) is 0 here in floats, which a small number rounded off gives too", None),
    (lambda: parse("sigmoid(x)^(-1)").evaluate(x=-800.0),
     "0 to a negative power; the base sigmoid(x) is 0 here in floats", None),
    (lambda: parse("ln(tanh(x))").evaluate(x=-0.0), "ln(0) is undefined", "ln(-0)"),
])
def test_a_float_that_overflows_or_rounds_to_zero_is_said_so(run, words, not_said):
    with pytest.raises(EvaluationError) as caught:
        run()
    assert words in str(caught.value)
    assert not_said is None or not_said not in str(caught.value)


def test_local_slopes_of_powers_are_written_worked_out():
    # [dv/dx = 3*x^(3 - 1)] and [dv/dx = ln(e)*e^x]: the law with its numbers left unworked
    shown = backprop("e^x + x^3 + x^2 + 2^x + x^0.5", {"x": 2.0}).explain()
    slopes = [line.split("   [")[1] for line in shown.splitlines() if "/dx = " in line and "   [" in line]
    assert sorted(slopes) == sorted(["dv1/dx = e^x]", "dv2/dx = 3*x^2]", "dv3/dx = 2*x]", "dv4/dx = ln(2)*2^x]",
                                     "dv5/dx = 0.5*x^(-0.5)]"])


def test_the_reduction_of_a_broadcast_variable_says_it_is_summed_over_the_samples_sharing_it():
    # "dF/dy = df/dy in its own sample = [2, 2, 2]" where df/dy is 1 in each sample: y's entries
    # are shared by the rows x spreads it over, and their derivatives are summed (as torch does)
    shown = backprop("x*y", {"x": np.ones((2, 3)), "y": np.arange(3.0)}, reduce="sum").explain().splitlines()
    assert shown[-1] == "  dF/dy = df/dy summed over the samples that share each entry of y = [2., 2., 2.]"
    mean = backprop("w*x", {"x": np.arange(3.0), "w": np.array([2.0])}, reduce="mean")
    assert mean.explain().splitlines()[-1] == \
        "  dF/dw = (df/dw summed over the samples that share each entry of w)/3 = [1.]"
