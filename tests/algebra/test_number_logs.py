"""Logarithms of numbers over primes, so that sums of them combine; only when it is shorter."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import symdiff
from symdiff.algebra.number_logs import combine_number_logs


@pytest.mark.parametrize(("text", "expected"), [
    ("ln(2)/2 - ln(4)/2 + ln(3)/2", "ln(3)/2 - ln(2)/2"),
    ("ln(8) - ln(2)", "2*ln(2)"),
    ("ln(1/2) + ln(2)", "0"),
    ("ln(9)/2", "ln(3)"),
    ("ln(10) - ln(5)", "ln(2)"),
    ("ln(6)", "ln(6)"),  # ln(2) + ln(3) is longer
    ("ln(4)", "ln(4)"),
    ("ln(x) + ln(4)", "ln(4) + ln(x)"),
])  # fmt: skip
def test_table(text, expected):
    assert str(combine_number_logs(symdiff.parse(text), symdiff.simplify)) == expected


@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(1, 60), st.integers(1, 60)), min_size=1, max_size=4))
def test_the_value_is_kept(terms):
    text = " + ".join(f"({c})*ln({p}/{q})" for c, p, q in terms)
    expected = sum(c * math.log(p / q) for c, p, q in terms)
    found = combine_number_logs(symdiff.parse(text), symdiff.simplify)
    assert math.isclose(float(found.evaluate()), expected, abs_tol=1e-12)
