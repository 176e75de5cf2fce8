"""The range of an expression holds every value it takes (sampled), its least magnitude too, and
an end it marks open is never reached; and the table of what the ranges decide."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff import Add, Call, Div, Mul, Neg, Number, Pow, Root, Sub, Symbol, SymdiffError, diff, parse
from symdiff.algebra.ranges import Range, value_range
from symdiff.core.evaluate import evaluate
from symdiff.core.precise import precise_value
from symdiff.core.traversal import preorder

x = Symbol("x")
_LEAVES = st.one_of(st.just(x), st.integers(0, 5).map(Number), st.sampled_from([Number(Fraction(1, 2))]))
_FUNCTIONS = ["sin", "cos", "exp", "cosh", "csc", "sec", "sign", "heaviside", "relu", "abs", "sigmoid", "tanh",
              "atan", "sqrt", "softplus", "sech", "coth", "csch", "sinh", "cbrt", "acot", "acsc", "asec", "asin",
              "acos"]
# Functions whose value is within rounding of an end of their range once the argument is large.
_FLATTENING = {"exp", "sigmoid", "tanh", "softplus", "sech", "csch", "coth", "cosh", "sinh", "atan", "acot"}


def _trees(children):
    # One drawn number picks the kind, half of them calls: hypothesis's own choice among a one_of
    # of maps drew calls for few nodes (the rules to test are mostly theirs).
    return st.tuples(st.integers(0, 21), children, children, st.sampled_from(_FUNCTIONS), st.integers(1, 4)).map(
        lambda p: _node(*p))


def _node(kind: int, a, b, name: str, n: int):
    if kind < 11:
        return Call(name, a)
    return [Add(a, b), Sub(a, b), Mul(a, b), Mul(a, a), Mul(Neg(a), a), Div(a, b), Neg(a), Pow(a, Number(n)),
            Pow(a, Neg(Number(n))), Pow(a, Div(Number(1), Number(3))), Root(a, 1 + n // 2 + 1)][kind - 11]


@settings(max_examples=400, deadline=None)
@given(st.recursive(_LEAVES, _trees, max_leaves=8), st.lists(st.floats(-30, 30), min_size=1, max_size=12))
def test_every_sampled_value_lies_in_the_range(expr, points):
    found = value_range(expr, {})
    assert not math.isnan(float(found.lo)) and not math.isnan(float(found.hi))
    for point in [*_GRID, *points]:
        try:
            value = evaluate(expr, x=point)
        except SymdiffError:
            continue  # no value there (sqrt of a negative, a pole, too large)
        slack = 1e-9 * max(1.0, abs(value))
        assert found.lo - slack <= value <= found.hi + slack, (expr, point, value, found)
        assert abs(value) >= found.least - slack, (expr, point, value, found)
        _check_open_ends(expr, found, point)


_GRID = [-3.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0]  # where relu, sign, abs... reach their ends


def _check_open_ends(expr, found: Range, point: float) -> None:
    """An end marked open is not the value at ``point``: checked exactly where 60 digits give the
    end itself, with 3,000 digits, unless a function flattens so far that even those cannot tell."""
    at = expr.subs(x=Fraction(point))
    value = precise_value(at)
    if value is None:
        return
    ends = [(found.lo, found.lo_open, Fraction(value)), (found.hi, found.hi_open, Fraction(value)),
            (found.least, found.least_open, abs(Fraction(value)))]
    suspects = [end for end, is_open, v in ends if is_open and not isinstance(end, float) and v == end]
    if not suspects or _flattened(at):
        return
    finer = Fraction(precise_value(at, 3000))
    for end, is_open, v in ((found.lo, found.lo_open, finer), (found.hi, found.hi_open, finer),
                            (found.least, found.least_open, abs(finer))):
        assert not (is_open and v == end), (expr, point, found)


def _flattened(expr) -> bool:
    for node, _ in preorder(expr):
        if type(node) is Call and node.name in _FLATTENING:
            argument = precise_value(node.children[0])
            if argument is None or abs(argument) > 100:
                return True
    return False


# What the ranges decide: expressions with no value for any x are refused, and functions that have
# a value somewhere (if only at a point: sqrt(-x^2) at 0) are differentiated.
_NOWHERE = ["sqrt(-exp(x))", "asec(sigmoid(x))", "ln(tanh(x) - 1)", "ln(-x*x)", "log(-x*x - 1, 2)",
            "root(-exp(x), 4)", "(-x^2 - 1)^(1/3)", "(-x^2 - 1)^(-2/3)", "(-e^x)^0.5", "sqrt(-1/(x^2 + 1))",
            "sqrt(-sigmoid(x)*exp(x))", "asin(1 + exp(x))", "acos(coth(x))", "asin(2*coth(x))", "atanh(cosh(x))",
            "asec(tanh(x))", "acsc(sin(x)/2)", "sqrt(-relu(x) - exp(x))", "ln(-x^4*exp(x))", "ln(-x*y*x*y)",
            "acosh(sech(x) - 1)", "sqrt(softplus(x)*(-1))", "ln(-abs(sinh(x)) - 1)", "sqrt(-cosh(x))"]
_SOMEWHERE = ["sqrt(-x*x + 1)", "acosh(sech(x) + 1)", "asin(x^2)", "ln(x*x)", "(x^2 - 1)^(1/3)",
              "(-x^2 - 1)^(4/2)", "sqrt(relu(x) - 1)", "ln(sigmoid(x))", "asec(1/sigmoid(x))", "atanh(tanh(x)/2)",
              "ln(1 - sigmoid(x))", "sqrt(x*sign(x))", "acosh(cosh(x) + 1)", "sqrt(-1/(x^2 - 1))"]


@pytest.mark.parametrize("text", _NOWHERE)
def test_a_function_with_no_value_anywhere_is_refused(text):
    with pytest.raises(SymdiffError, match="has no value anywhere"):
        diff(text, "x")


@pytest.mark.parametrize("text", _SOMEWHERE)
def test_a_function_with_a_value_somewhere_is_differentiated(text):
    assert diff(text, "x") is not None


@pytest.mark.parametrize(("text", "lo", "hi", "lo_open", "hi_open"), [
    ("sigmoid(x) - 1", -1, 0, True, True), ("-1/(x^2 + 1)", -1, 0, False, True),
    ("relu(x)", 0, math.inf, False, False), ("x*sigmoid(x)", -math.inf, math.inf, False, False),
    ("tanh(x)*tanh(x)", 0, 1, False, True), ("exp(x)*(-2)", -math.inf, 0, False, True),
    ("1/exp(x)", 0, math.inf, True, False), ("sech(x)", 0, 1, True, False),
    ("relu(x)*sigmoid(x)", 0, math.inf, False, False), ("exp(x)", 0, math.inf, True, False),
    ("-exp(x)*sigmoid(x)", -math.inf, 0, False, True), ("tanh(x) + sigmoid(x)", -1, 2, True, True),
    ("cosh(x) - 1", 0, math.inf, False, False), ("1/(cosh(x) + 1)", 0, Fraction(1, 2), True, False),
    ("abs(tanh(x))", 0, 1, False, True), ("tanh(x)^2", 0, 1, False, True), ("sigmoid(x)^3", 0, 1, True, True),
    ("heaviside(exp(x))", 1, 1, False, False), ("sign(-exp(x))", -1, -1, False, False),
])  # fmt: skip
def test_which_ends_are_reached(text, lo, hi, lo_open, hi_open):
    found = value_range(parse(text), {})
    assert (found.lo, found.hi) == (lo, hi)
    assert found.lo_open == lo_open or math.isinf(lo)  # an infinite end is never reached either way
    assert found.hi_open == hi_open or math.isinf(hi)


@pytest.mark.parametrize(("text", "least", "least_open"), [
    ("tanh(x)", 0, False), ("sigmoid(x)", 0, True), ("coth(x)", 1, True), ("csc(x)", 1, False),
    ("sigmoid(x)*coth(x)", 0, True), ("sigmoid(x)*tanh(x)", 0, False), ("2*sec(x)", 2, False),
    ("-1 - exp(x)", 1, True), ("csch(x)^2", 0, True),
])  # fmt: skip
def test_least_magnitude(text, least, least_open):
    found = value_range(parse(text), {})
    assert (found.least, found.least_open) == (least, least_open)
