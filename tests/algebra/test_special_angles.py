"""The trigonometric functions at the unit circle's special angles, and their inverses, exactly."""

from __future__ import annotations

import math

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from sympy_oracle import to_sympy

import symdiff
from symdiff.algebra.special_angles import exact_special_values
from symdiff.core.errors import SymdiffError

TABLE = [
    ("sin(pi)", "0"), ("cos(pi)", "-1"), ("sin(pi/2)", "1"), ("cos(pi/3)", "1/2"), ("sin(pi/3)", "sqrt(3)/2"),
    ("cos(pi/4)", "sqrt(2)/2"), ("tan(pi/4)", "1"), ("tan(pi/6)", "sqrt(3)/3"), ("sec(pi/3)", "2"),
    ("csc(pi/4)", "sqrt(2)"), ("cot(pi/4)", "1"), ("cos(-pi/6)", "sqrt(3)/2"), ("sin(7*pi/6)", "-1/2"),
    ("cos(3*pi/2)", "0"), ("sin(3*pi/2)", "-1"), ("tan(3*pi/4)", "-1"), ("sin(2*pi)", "0"),
    ("cos(11*pi/6)", "sqrt(3)/2"),
    ("atan(1)", "pi/4"), ("atan(sqrt(3))", "pi/3"), ("atan(-1)", "-pi/4"), ("asin(1/2)", "pi/6"), ("asin(-1)", "-pi/2"),
    ("acos(0)", "pi/2"), ("acos(-1/2)", "2*pi/3"), ("acos(-1)", "pi"), ("asin(sqrt(2)/2)", "pi/4"),
    ("atan(1/sqrt(3))", "pi/6"), ("asin(0.5)", "pi/6"), ("-cos(pi) + cos(0)", "2"),
    ("ln(abs(e))", "1"), ("abs(ln(1/2))", "-ln(1/2)"), ("abs(-pi)", "pi"), ("abs(cos(pi))", "1"),
]  # fmt: skip

KEPT = ["tan(pi/2)", "sec(pi/2)", "cot(0)", "csc(pi)", "sin(1)", "sin(pi/5)", "atan(2)", "asin(2)", "asin(1/3)",
        "sin(x)", "cos(pi*x)", "abs(x)", "abs(1e-9)",
        "atan(0.57735026918962576)"]  # close to 1/sqrt(3), not equal


@pytest.mark.parametrize(("text", "value"), TABLE)
def test_special_values(text, value):
    assert symdiff.simplify(exact_special_values(symdiff.parse(text))) == symdiff.simplify(value)


@pytest.mark.parametrize("text", KEPT)
def test_other_arguments_and_poles_are_kept(text):
    tree = symdiff.parse(text)
    assert exact_special_values(tree) == tree


@given(st.sampled_from(["sin", "cos", "tan", "cot", "sec", "csc"]), st.integers(-30, 30),
       st.sampled_from([1, 2, 3, 4, 6]))
def test_every_special_angle_agrees_with_sympy(name, k, d):
    tree = symdiff.parse(f"{name}({k}*pi/{d})")
    found = exact_special_values(tree)
    expected = to_sympy(tree)
    if found == tree:  # only at a pole
        assert expected.is_finite is False or sympy.simplify(expected).has(sympy.zoo)
        return
    assert sympy.simplify(to_sympy(found) - expected) == 0


SINES = ["0", "1/2", "-1/2", "sqrt(2)/2", "-sqrt(2)/2", "sqrt(3)/2", "-sqrt(3)/2", "1", "-1", "1/sqrt(2)", "0.5"]
TANGENTS = ["0", "1", "-1", "sqrt(3)", "-sqrt(3)", "1/sqrt(3)", "-sqrt(3)/3"]


@given(st.one_of(st.tuples(st.sampled_from(["asin", "acos"]), st.sampled_from(SINES)),
                 st.tuples(st.just("atan"), st.sampled_from(TANGENTS))))
def test_inverse_values_agree_with_math(case):
    name, argument = case
    found = exact_special_values(symdiff.parse(f"{name}({argument})"))
    assert not isinstance(found, symdiff.Call)
    expected = getattr(math, name)(float(symdiff.parse(argument).evaluate()))
    assert math.isclose(float(found.evaluate()), expected, rel_tol=1e-14, abs_tol=1e-15)


def test_input_is_checked():
    with pytest.raises(SymdiffError):
        exact_special_values("sin(pi)")  # type: ignore[arg-type]
