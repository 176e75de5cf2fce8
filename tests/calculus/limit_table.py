"""Limits with their exact values, in symdiff's syntax: the oracle table for ``symdiff.limit``.

Each row is (expression, variable, point, side, expected, category). ``point`` is a number or
expression in symdiff's syntax (``"2"``, ``"1/2"``, ``"pi/2"``) or ``"oo"`` / ``"-oo"``; ``side`` is
``"both"``, ``"+"`` (from above) or ``"-"`` (from below), and always ``"both"`` at an infinite
point; ``expected`` is the exact value in symdiff's syntax, ``"oo"``, ``"-oo"``, or ``"DNE"`` when
the limit does not exist (the one-sided limits differ, it oscillates, or it is unbounded with
different signs). Infinity never appears inside an expression.

The rows were written for this table after the exercise sets of the calculus books the course
follows (``SOURCES`` names where each kind of exercise is set); they are not copied from them.
No row depends on symdiff's limit engine: tests/calculus/check_limit_table.py confirms every
expected value with ``sympy.limit`` and numerically (the function evaluated with floats as the
variable approaches the point from each side), and tests/calculus/test_limit_table.py holds
``symdiff.limit`` to them ("declined or right").

``random_rational_rows`` adds rational functions built from small integer factors, at the roots
of their numerators and denominators, with limits computed exactly from the factors' multiplicities.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import NamedTuple


class Row(NamedTuple):
    expr: str
    var: str
    point: str
    side: str
    expected: str
    category: str


SUBSTITUTION = "direct substitution"
FACTORING = "0/0 by factoring"
CONJUGATE = "0/0 by the conjugate"
FRACTIONS = "combining fractions"
TRIG = "trig standard limits"
EXPLOG = "exp/log standard limits"
RATIONAL_OO = "rational functions at oo"
DOMINANCE = "dominance"
POWERS = "1^oo, 0^0, oo^0"
OO_MINUS_OO = "oo - oo"
ZERO_TIMES_OO = "0*oo"
LHOPITAL = "L'Hopital repeated"
SQUEEZE = "squeeze"
ONE_SIDED = "one-sided, c/0"
DNE = "does not exist"
ABS_SIGN = "abs and sign"
MINUS_OO = "at -oo"
ML = "machine learning"
HYPERBOLIC = "hyperbolic functions"

SOURCES = {
    SUBSTITUTION: "Stewart 2.3, Thomas 2.2, OpenStax 2.3 (limit laws), Paul's Notes 'Computing Limits'",
    FACTORING: "Stewart 2.3, Thomas 2.2, OpenStax 2.3 (factor and cancel), Paul's Notes 'Computing Limits'",
    CONJUGATE: "Stewart 2.3, Thomas 2.2, OpenStax 2.3 (multiply by the conjugate)",
    FRACTIONS: "Stewart 2.3, OpenStax 2.3 (complex fractions), Paul's Notes 'Computing Limits'",
    TRIG: "Stewart 3.3, Thomas 2.4, OpenStax 2.3 (sin θ/θ and (1 - cos θ)/θ)",
    EXPLOG: "Stewart 4.4, Thomas 4.5, OpenStax 4.8 (L'Hôpital on e^u - 1, ln(1 + u))",
    RATIONAL_OO: "Stewart 2.6, Thomas 2.6, OpenStax 4.6, Paul's Notes 'Limits at Infinity, Part I'",
    DOMINANCE: "Stewart 4.4, OpenStax 4.8 (growth rates), Paul's Notes 'Limits at Infinity, Part II'",
    POWERS: "Stewart 4.4, Thomas 4.5, OpenStax 4.8 (indeterminate powers)",
    OO_MINUS_OO: "Stewart 2.6 and 4.4, OpenStax 4.6 and 4.8 (indeterminate differences)",
    ZERO_TIMES_OO: "Stewart 4.4, Thomas 4.5, OpenStax 4.8 (indeterminate products)",
    LHOPITAL: "Stewart 4.4, Thomas 4.5, OpenStax 4.8, Paul's Notes 'L'Hospital's Rule'",
    SQUEEZE: "Stewart 2.3, Thomas 2.2, OpenStax 2.3 (the squeeze theorem)",
    ONE_SIDED: "Stewart 2.2, Thomas 2.4 and 2.6, OpenStax 2.2, Paul's Notes 'Infinite Limits'",
    DNE: "Stewart 2.2, Thomas 2.4, OpenStax 2.2, Paul's Notes 'One-Sided Limits'",
    ABS_SIGN: "Stewart 2.3, Thomas 2.4, OpenStax 2.3 (|x|/x and piecewise functions)",
    MINUS_OO: "Stewart 2.6, Thomas 2.6, OpenStax 4.6, Paul's Notes 'Limits at Infinity, Part I'",
    ML: "the activation and loss functions of a machine-learning course (sigmoid, tanh, softplus, relu)",
    HYPERBOLIC: "Stewart 3.11, Thomas 7.7, OpenStax 6.9 (hyperbolic functions: limits at infinity and at 0)",
}


def _rows(category: str, *rows: tuple[str, str, str, str, str]) -> tuple[Row, ...]:
    return tuple(Row(*row, category) for row in rows)


ROWS: tuple[Row, ...] = (
    *_rows(
        SUBSTITUTION,
        ("3*x^2 - 5*x + 2", "x", "2", "both", "4"),
        ("(x^2 + 1)/(x + 3)", "x", "-1", "both", "1"),
        ("sqrt(x + 7)", "x", "2", "both", "3"),
        ("sin(x) + cos(x)", "x", "pi/2", "both", "1"),
        ("ln(x^2 + 1)", "x", "1", "both", "ln(2)"),
        ("(2*x - 1)^3", "x", "1/2", "both", "0"),
        ("atan(x)", "x", "1", "both", "pi/4"),
        ("cbrt(x - 9)", "x", "1", "both", "-2"),
        ("x*exp(x)", "x", "1", "both", "e"),
        ("tan(x)", "x", "pi/4", "both", "1"),
        ("abs(x - 3)", "x", "-2", "both", "5"),
        ("cos(pi*x)", "x", "1", "both", "-1"),
        ("2^x", "x", "3", "both", "8"),
        ("(t^2 - 1)/(t + 2)", "t", "0", "both", "-1/2"),
    ),
    *_rows(
        FACTORING,
        ("(x^2 - 1)/(x - 1)", "x", "1", "both", "2"),
        ("(x^2 - 4)/(x - 2)", "x", "2", "both", "4"),
        ("(x^2 - 5*x + 6)/(x - 3)", "x", "3", "both", "1"),
        ("(x^2 + x - 6)/(x^2 - 4)", "x", "2", "both", "5/4"),
        ("(x^3 - 8)/(x - 2)", "x", "2", "both", "12"),
        ("(x^3 - 1)/(x^2 - 1)", "x", "1", "both", "3/2"),
        ("(x^2 + 3*x + 2)/(x^2 - x - 2)", "x", "-1", "both", "-1/3"),
        ("(2*x^2 - x - 1)/(x - 1)", "x", "1", "both", "3"),
        ("(x^4 - 16)/(x - 2)", "x", "2", "both", "32"),
        ("(x^3 + 27)/(x + 3)", "x", "-3", "both", "27"),
        ("((2 + h)^2 - 4)/h", "h", "0", "both", "4"),
        ("((x + 1)^3 - 1)/x", "x", "0", "both", "3"),
        ("(x^2 - 9)/(x^2 + 2*x - 3)", "x", "-3", "both", "3/2"),
        ("(t^4 - 1)/(t^3 - 1)", "t", "1", "both", "4/3"),
        ("(x^2 - 2*x + 1)/(x^3 - x)", "x", "1", "both", "0"),
        ("(x^5 - 32)/(x - 2)", "x", "2", "both", "80"),
        ("(6*x^2 - x - 1)/(2*x - 1)", "x", "1/2", "both", "5/2"),
    ),
    *_rows(
        CONJUGATE,
        ("(sqrt(x) - 2)/(x - 4)", "x", "4", "both", "1/4"),
        ("(sqrt(x + 1) - 1)/x", "x", "0", "both", "1/2"),
        ("(sqrt(x + 9) - 3)/x", "x", "0", "both", "1/6"),
        ("(2 - sqrt(x))/(4 - x)", "x", "4", "both", "1/4"),
        ("x/(sqrt(x + 4) - 2)", "x", "0", "both", "4"),
        ("(sqrt(1 + h) - sqrt(1 - h))/h", "h", "0", "both", "1"),
        ("(sqrt(x^2 + 9) - 3)/x^2", "x", "0", "both", "1/6"),
        ("(3 - sqrt(x + 5))/(x - 4)", "x", "4", "both", "-1/6"),
        ("(sqrt(2*x + 1) - 3)/(x - 4)", "x", "4", "both", "1/3"),
        ("(sqrt(x) - 1)/(x - 1)", "x", "1", "both", "1/2"),
        ("(sqrt(5 - x) - 2)/(sqrt(2 - x) - 1)", "x", "1", "both", "1/2"),
        ("(cbrt(x) - 1)/(x - 1)", "x", "1", "both", "1/3"),
    ),
    *_rows(
        FRACTIONS,
        ("(1/x - 1/3)/(x - 3)", "x", "3", "both", "-1/9"),
        ("(1/(x + 2) - 1/2)/x", "x", "0", "both", "-1/4"),
        ("1/x - 1/(x^2 + x)", "x", "0", "both", "1"),
        ("1/(x - 1) - 2/(x^2 - 1)", "x", "1", "both", "1/2"),
        ("(1/(2 + h) - 1/2)/h", "h", "0", "both", "-1/4"),
        ("(1/sqrt(1 + t) - 1)/t", "t", "0", "both", "-1/2"),
        ("1/(x - 2) - 4/(x^2 - 4)", "x", "2", "both", "1/4"),
        ("(1/x^2 - 1/4)/(x - 2)", "x", "2", "both", "-1/4"),
        ("(x/(x + 1) - 1/2)/(x - 1)", "x", "1", "both", "1/4"),
    ),
    *_rows(
        TRIG,
        ("sin(x)/x", "x", "0", "both", "1"),
        ("sin(3*x)/x", "x", "0", "both", "3"),
        ("sin(5*x)/sin(2*x)", "x", "0", "both", "5/2"),
        ("tan(x)/x", "x", "0", "both", "1"),
        ("tan(4*x)/(3*x)", "x", "0", "both", "4/3"),
        ("(1 - cos(x))/x", "x", "0", "both", "0"),
        ("(1 - cos(x))/x^2", "x", "0", "both", "1/2"),
        ("(1 - cos(2*x))/x^2", "x", "0", "both", "2"),
        ("x*cot(x)", "x", "0", "both", "1"),
        ("sin(x)^2/x", "x", "0", "both", "0"),
        ("sin(x^2)/x", "x", "0", "both", "0"),
        ("(cos(x) - 1)/sin(x)", "x", "0", "both", "0"),
        ("sin(x)/(x + tan(x))", "x", "0", "both", "1/2"),
        ("sin(x - 1)/(x^2 + x - 2)", "x", "1", "both", "1/3"),
        ("sin(pi*x)/(x - 1)", "x", "1", "both", "-pi"),
        ("cos(x)/(x - pi/2)", "x", "pi/2", "both", "-1"),
        ("(1 - cos(x))/(x*sin(x))", "x", "0", "both", "1/2"),
        ("tan(3*x)/sin(5*x)", "x", "0", "both", "3/5"),
        ("x^2/(1 - cos(3*x))", "x", "0", "both", "2/9"),
        ("(sec(x) - 1)/x^2", "x", "0", "both", "1/2"),
        ("asin(x)/x", "x", "0", "both", "1"),
        ("atan(2*x)/x", "x", "0", "both", "2"),
        ("sin(theta)/(2*theta)", "theta", "0", "both", "1/2"),
    ),
    *_rows(
        EXPLOG,
        ("(exp(x) - 1)/x", "x", "0", "both", "1"),
        ("(exp(3*x) - 1)/x", "x", "0", "both", "3"),
        ("(e^(2*x) - 1)/(e^x - 1)", "x", "0", "both", "2"),
        ("ln(1 + x)/x", "x", "0", "both", "1"),
        ("ln(1 + 2*x)/x", "x", "0", "both", "2"),
        ("(2^x - 1)/x", "x", "0", "both", "ln(2)"),
        ("(exp(x) - exp(-x))/x", "x", "0", "both", "2"),
        ("ln(x)/(x - 1)", "x", "1", "both", "1"),
        ("(exp(x) - e)/(x - 1)", "x", "1", "both", "e"),
        ("log(1 + x, 10)/x", "x", "0", "both", "1/ln(10)"),
        ("(exp(sin(x)) - 1)/x", "x", "0", "both", "1"),
        ("ln(cos(x))/x^2", "x", "0", "both", "-1/2"),
        ("(3^x - 2^x)/x", "x", "0", "both", "ln(3) - ln(2)"),
        ("x/(exp(x) - 1)", "x", "0", "both", "1"),
    ),
    *_rows(
        RATIONAL_OO,
        ("(3*x^2 + 2)/(5*x^2 - x)", "x", "oo", "both", "3/5"),
        ("(x + 1)/(x^2 + 1)", "x", "oo", "both", "0"),
        ("(x^3 - 1)/(2*x^2 + 3)", "x", "oo", "both", "oo"),
        ("(2*x - 3)/(4*x + 5)", "x", "oo", "both", "1/2"),
        ("(4*x^4 - x)/(2*x^4 + x^3)", "x", "oo", "both", "2"),
        ("(1 - x^2)/(x + 3)", "x", "oo", "both", "-oo"),
        ("(5*x^3 - 2*x)/(7 - x^3)", "x", "oo", "both", "-5"),
        ("x^2/(x^4 + 1)", "x", "oo", "both", "0"),
        ("(x^2 + x)/(3 - x)", "x", "oo", "both", "-oo"),
        ("(2*x^5 + 1)/(x^5 - x^2)", "x", "oo", "both", "2"),
        ("sqrt(4*x^2 + 1)/(x + 1)", "x", "oo", "both", "2"),
        ("(x + sqrt(x))/(x - sqrt(x))", "x", "oo", "both", "1"),
        ("(3*x + 1)/sqrt(x^2 + 1)", "x", "oo", "both", "3"),
        ("(n^2 + 1)/(2*n^2 - n)", "n", "oo", "both", "1/2"),
    ),
    *_rows(
        DOMINANCE,
        ("exp(x)/x^3", "x", "oo", "both", "oo"),
        ("x^5/exp(x)", "x", "oo", "both", "0"),
        ("x^2*exp(-x)", "x", "oo", "both", "0"),
        ("ln(x)/x", "x", "oo", "both", "0"),
        ("ln(x)/sqrt(x)", "x", "oo", "both", "0"),
        ("x/ln(x)", "x", "oo", "both", "oo"),
        ("ln(x)^3/x", "x", "oo", "both", "0"),
        ("2^x/x^10", "x", "oo", "both", "oo"),
        ("(exp(x) + x^2)/(exp(x) - x)", "x", "oo", "both", "1"),
        ("ln(x^2 + 1)/ln(x)", "x", "oo", "both", "2"),
        ("sqrt(x)/ln(x)", "x", "oo", "both", "oo"),
        ("exp(x)/(exp(x) + x^4)", "x", "oo", "both", "1"),
    ),
    *_rows(
        POWERS,
        ("(1 + 1/x)^x", "x", "oo", "both", "e"),
        ("(1 + 2/x)^x", "x", "oo", "both", "e^2"),
        ("(1 - 1/x)^x", "x", "oo", "both", "1/e"),
        ("(1 + x)^(1/x)", "x", "0", "both", "e"),
        ("(1 + 3*x)^(1/x)", "x", "0", "both", "e^3"),
        ("(1 + sin(x))^(1/x)", "x", "0", "both", "e"),
        ("cos(x)^(1/x^2)", "x", "0", "both", "e^(-1/2)"),
        ("(x/(x + 1))^x", "x", "oo", "both", "1/e"),
        ("x^(1/(x - 1))", "x", "1", "both", "e"),
        ("(1 + 1/x^2)^x", "x", "oo", "both", "1"),
        ("x^x", "x", "0", "+", "1"),
        ("x^sin(x)", "x", "0", "+", "1"),
        ("sin(x)^x", "x", "0", "+", "1"),
        ("x^(1/ln(x))", "x", "0", "+", "e"),
        ("x^(1/x)", "x", "oo", "both", "1"),
        ("(1 + x)^(1/x)", "x", "oo", "both", "1"),
        ("(exp(x) + x)^(1/x)", "x", "oo", "both", "e"),
        ("(x^2 + 1)^(1/ln(x))", "x", "oo", "both", "e^2"),
        ("x^(1/x)", "x", "0", "+", "0"),
        ("(1 + 1/n)^n", "n", "oo", "both", "e"),
    ),
    *_rows(
        OO_MINUS_OO,
        ("sqrt(x^2 + x) - x", "x", "oo", "both", "1/2"),
        ("sqrt(x^2 + 4*x) - x", "x", "oo", "both", "2"),
        ("x - sqrt(x^2 - 3*x)", "x", "oo", "both", "3/2"),
        ("sqrt(x + 1) - sqrt(x)", "x", "oo", "both", "0"),
        # a cube root clears by A - B = (A^3 - B^3)/(A^2 + A*B + B^2) (refused before)
        ("cbrt(x^3 + x^2) - x", "x", "oo", "both", "1/3"),
        ("x - cbrt(x^3 - 2*x^2)", "x", "-oo", "both", "2/3"),
        ("root(8*x^3 + x^2, 3) - 2*x", "x", "oo", "both", "1/12"),
        ("cbrt(x + 1) - cbrt(x)", "x", "oo", "both", "0"),
        ("1/x - 1/sin(x)", "x", "0", "both", "0"),
        ("1/x - 1/(exp(x) - 1)", "x", "0", "both", "1/2"),
        # x is ln(e^x), and the logarithms combine (refused before: oo - oo, no method decided it)
        ("ln(1 + exp(x)) - x", "x", "oo", "both", "0"),
        ("ln(exp(2*x) + x) - 2*x", "x", "oo", "both", "0"),
        ("1/ln(x) - 1/(x - 1)", "x", "1", "both", "1/2"),
        ("csc(x) - cot(x)", "x", "0", "both", "0"),
        ("x - ln(x)", "x", "oo", "both", "oo"),
        ("ln(2*x + 1) - ln(x + 3)", "x", "oo", "both", "ln(2)"),
        ("sec(x) - tan(x)", "x", "pi/2", "both", "0"),
        ("x - x^2", "x", "oo", "both", "-oo"),
        ("1/x^2 - 1/x", "x", "0", "both", "oo"),
    ),
    *_rows(
        ZERO_TIMES_OO,
        ("x*ln(x)", "x", "0", "+", "0"),
        ("x^2*ln(x)", "x", "0", "+", "0"),
        ("sqrt(x)*ln(x)", "x", "0", "+", "0"),
        ("x*sin(1/x)", "x", "oo", "both", "1"),
        ("x*tan(1/x)", "x", "oo", "both", "1"),
        ("x*(exp(1/x) - 1)", "x", "oo", "both", "1"),
        ("x*ln(1 + 1/x)", "x", "oo", "both", "1"),
        ("(x - pi/2)*tan(x)", "x", "pi/2", "both", "-1"),
        ("sin(x)*ln(x)", "x", "0", "+", "0"),
        ("x*csc(2*x)", "x", "0", "both", "1/2"),
        # a factor that is 0 near the point: these were "does not exist" (x/(1/0) has no value)
        ("x*(sqrt(x^2) - x)", "x", "oo", "both", "0"),
        ("x^2*(cbrt(x^3) - x)", "x", "-oo", "both", "0"),
        ("x*(ln(exp(x)) - x)", "x", "oo", "both", "0"),
        ("(x - x)*tan(x)", "x", "pi/2", "both", "0"),
        ("0*ln(x)", "x", "0", "+", "0"),
        ("(abs(x) - x)*ln(x)", "x", "0", "+", "0"),
        ("x^3*exp(-x^2)", "x", "oo", "both", "0"),
        # A standard limit's value has no side of its own: x*sin(1/x) tends to 1 from below,
        # and these were "does not exist" (a denominator 0 near oo) when that was lost.
        ("x*(x*sin(1/x) - 1)", "x", "oo", "both", "0"),
        ("x^3*(sin(1/x) - 1/x)", "x", "oo", "both", "-1/6"),
        ("x^2*(exp(1/x) - 1 - 1/x)", "x", "oo", "both", "1/2"),
        ("1/(sin(x)/x - 1)", "x", "0", "both", "-oo"),
        # 0*oo over the shorter reciprocal first (1/tan(x); 1/sec(x) is cos(x)): the other quotient
        # sent L'Hôpital's rule into ever longer powers of sec(x), and these were refused.
        ("(1 - sin(x))*tan(x)", "x", "pi/2", "both", "0"),
        ("(pi - 2*x)*sec(x)", "x", "pi/2", "both", "2"),
        ("(x - pi)*csc(x)", "x", "pi", "both", "-1"),
        ("x*coth(x)", "x", "0", "both", "1"),
    ),
    *_rows(
        LHOPITAL,
        ("(sin(x) - x)/x^3", "x", "0", "both", "-1/6"),
        ("(exp(x) - 1 - x)/x^2", "x", "0", "both", "1/2"),
        ("(exp(x) - exp(-x) - 2*x)/x^3", "x", "0", "both", "1/3"),
        ("(x - tan(x))/x^3", "x", "0", "both", "-1/3"),
        ("(tan(x) - sin(x))/x^3", "x", "0", "both", "1/2"),
        ("(cos(x) - 1 + x^2/2)/x^4", "x", "0", "both", "1/24"),
        ("(ln(1 + x) - x)/x^2", "x", "0", "both", "-1/2"),
        ("(x - sin(x))/(x - tan(x))", "x", "0", "both", "-1/2"),
        ("(exp(x) - exp(-x) - 2*x)/(x - sin(x))", "x", "0", "both", "2"),
        ("(asin(x) - x)/x^3", "x", "0", "both", "1/6"),
        ("(atan(x) - x)/x^3", "x", "0", "both", "-1/3"),
        ("x^2/(exp(x) - 1 - x)", "x", "0", "both", "2"),
        ("(1 - cos(x))^2/x^4", "x", "0", "both", "1/4"),
        ("x^3/exp(2*x)", "x", "oo", "both", "0"),
    ),
    *_rows(
        SQUEEZE,
        ("x^2*sin(1/x)", "x", "0", "both", "0"),
        ("x*sin(1/x)", "x", "0", "both", "0"),
        ("sqrt(x)*sin(1/x)", "x", "0", "+", "0"),
        ("sin(x)/x", "x", "oo", "both", "0"),
        ("(x + sin(x))/x", "x", "oo", "both", "1"),
        ("exp(-x)*cos(x)", "x", "oo", "both", "0"),
        ("x^4*cos(2/x)", "x", "0", "both", "0"),
        ("abs(x)*sin(1/x)", "x", "0", "both", "0"),
        ("(2*x - sin(x))/(3*x + cos(x))", "x", "oo", "both", "2/3"),
    ),
    *_rows(
        ONE_SIDED,
        ("1/(x - 2)", "x", "2", "+", "oo"),
        ("1/(x - 2)", "x", "2", "-", "-oo"),
        ("1/(x - 2)^2", "x", "2", "both", "oo"),
        ("-1/x^2", "x", "0", "both", "-oo"),
        ("(x + 1)/(x - 3)", "x", "3", "-", "-oo"),
        ("(x + 1)/(x - 3)", "x", "3", "+", "oo"),
        ("x/(x^2 - 1)", "x", "1", "+", "oo"),
        ("x/(x^2 - 1)", "x", "-1", "-", "-oo"),
        ("x/(x^2 - 1)", "x", "-1", "+", "oo"),
        ("ln(x)", "x", "0", "+", "-oo"),
        ("exp(1/x)", "x", "0", "+", "oo"),
        ("exp(1/x)", "x", "0", "-", "0"),
        ("tan(x)", "x", "pi/2", "-", "oo"),
        ("tan(x)", "x", "pi/2", "+", "-oo"),
        ("1/sin(x)", "x", "0", "+", "oo"),
        ("cot(x)", "x", "0", "-", "-oo"),
        ("(2 - x)/(x - 1)^2", "x", "1", "both", "oo"),
        ("sqrt(x - 3)", "x", "3", "+", "0"),
        ("x*exp(1/x)", "x", "0", "-", "0"),
        ("atan(1/x)", "x", "0", "+", "pi/2"),
        ("atan(1/x)", "x", "0", "-", "-pi/2"),
        ("1/(1 + exp(1/x))", "x", "0", "-", "1"),
        ("2^(1/x)", "x", "0", "-", "0"),
        ("acos(x)", "x", "1", "-", "0"),
        ("ln(x - 1)/(x - 2)", "x", "1", "+", "oo"),
    ),
    *_rows(
        DNE,
        ("1/(x - 2)", "x", "2", "both", "DNE"),
        ("1/x", "x", "0", "both", "DNE"),
        ("1/x^3", "x", "0", "both", "DNE"),
        ("sign(x)", "x", "0", "both", "DNE"),
        ("sin(1/x)", "x", "0", "both", "DNE"),
        ("cos(1/x)", "x", "0", "+", "DNE"),
        ("sin(x)", "x", "oo", "both", "DNE"),
        ("x*sin(x)", "x", "oo", "both", "DNE"),
        ("exp(1/x)", "x", "0", "both", "DNE"),
        ("atan(1/x)", "x", "0", "both", "DNE"),
        ("tan(x)", "x", "pi/2", "both", "DNE"),
        ("(x^2 - 4)/abs(x - 2)", "x", "2", "both", "DNE"),
        ("1/(1 + 2^(1/x))", "x", "0", "both", "DNE"),
        ("cot(x)", "x", "0", "both", "DNE"),
        ("sin(x)/abs(x)", "x", "0", "both", "DNE"),
        ("(x + 1)/(x^2 - 1)", "x", "1", "both", "DNE"),
        ("cos(2*x)", "x", "oo", "both", "DNE"),
    ),
    *_rows(
        ABS_SIGN,
        ("abs(x)/x", "x", "0", "+", "1"),
        ("abs(x)/x", "x", "0", "-", "-1"),
        ("abs(x)/x", "x", "0", "both", "DNE"),
        ("abs(x - 3)/(x - 3)", "x", "3", "-", "-1"),
        ("(abs(x) - x)/x", "x", "0", "-", "-2"),
        ("(abs(x) - x)/x", "x", "0", "+", "0"),
        ("abs(x)", "x", "0", "both", "0"),
        ("sign(x)", "x", "0", "+", "1"),
        ("sign(x)^2", "x", "0", "both", "1"),
        ("x*sign(x)", "x", "0", "both", "0"),
        ("(abs(x + 2) - 2)/x", "x", "0", "both", "1"),
        ("abs(x^2 - 1)/(x - 1)", "x", "1", "both", "DNE"),
        ("abs(sin(x))/x", "x", "0", "+", "1"),
        ("sqrt(x^2)/x", "x", "0", "-", "-1"),
        # sqrt(u^2) = |u| (the last row of the table to be refused, before)
        ("sqrt((x - 1)^2)/(x - 1)", "x", "1", "-", "-1"),
        ("x/(x^2)^(1/2)", "x", "0", "+", "1"),
        ("abs(x)/x", "x", "oo", "both", "1"),
        ("x^2/abs(x)", "x", "0", "both", "0"),
    ),
    *_rows(
        MINUS_OO,
        ("(x^3 - 1)/(2*x^2 + 3)", "x", "-oo", "both", "-oo"),
        ("sqrt(x^2 + 1)/x", "x", "-oo", "both", "-1"),
        ("sqrt(4*x^2 + 1)/(x + 1)", "x", "-oo", "both", "-2"),
        ("exp(x)", "x", "-oo", "both", "0"),
        ("x*exp(x)", "x", "-oo", "both", "0"),
        ("x^2*exp(x)", "x", "-oo", "both", "0"),
        ("atan(x)", "x", "-oo", "both", "-pi/2"),
        ("sqrt(x^2 + x) + x", "x", "-oo", "both", "-1/2"),
        ("(1 + 1/x)^x", "x", "-oo", "both", "e"),
        ("x^3 - 2*x", "x", "-oo", "both", "-oo"),
        ("x^4 + x", "x", "-oo", "both", "oo"),
        ("2^x", "x", "-oo", "both", "0"),
        ("(2*x + 1)/(3*x - 2)", "x", "-oo", "both", "2/3"),
        ("ln(x^2)/x", "x", "-oo", "both", "0"),
        ("exp(1/x)", "x", "-oo", "both", "1"),
        ("cbrt(x)/x", "x", "-oo", "both", "0"),
        ("acot(x)", "x", "-oo", "both", "pi"),
        ("abs(x)/x", "x", "-oo", "both", "-1"),
        ("cos(x)", "x", "-oo", "both", "DNE"),
    ),
    *_rows(
        ML,
        ("sigmoid(x)", "x", "oo", "both", "1"),
        ("softplus(x) - x", "x", "-oo", "both", "oo"),
        ("sigmoid(x)", "x", "-oo", "both", "0"),
        ("tanh(x)", "x", "oo", "both", "1"),
        ("tanh(x)", "x", "-oo", "both", "-1"),
        ("softplus(x) - x", "x", "oo", "both", "0"),
        ("softplus(x)", "x", "-oo", "both", "0"),
        ("softplus(x)/x", "x", "oo", "both", "1"),
        ("softplus(x)", "x", "0", "both", "ln(2)"),
        ("relu(x)", "x", "0", "both", "0"),
        ("relu(x)/x", "x", "0", "+", "1"),
        ("relu(x)/x", "x", "0", "-", "0"),
        ("relu(x)/x", "x", "0", "both", "DNE"),
        ("x*sigmoid(x)", "x", "-oo", "both", "0"),
        ("x*sigmoid(x) - x", "x", "oo", "both", "0"),
        # sigmoid, tanh and softplus written with e^u (these and the two rows above and below were refused)
        ("x*(1 - sigmoid(x))", "x", "oo", "both", "0"),
        ("x*(tanh(x) - 1)", "x", "oo", "both", "0"),
        ("x^2*(1 - tanh(x))", "x", "oo", "both", "0"),
        ("tanh(x)/x", "x", "0", "both", "1"),
        ("(sigmoid(x) - 1/2)/x", "x", "0", "both", "1/4"),
        ("ln(sigmoid(x))", "x", "-oo", "both", "-oo"),
        ("ln(sigmoid(x)) - x", "x", "-oo", "both", "0"),
        ("-ln(sigmoid(x))", "x", "oo", "both", "0"),
        ("sigmoid(x)*(1 - sigmoid(x))", "x", "oo", "both", "0"),
        ("ln(exp(x) + exp(2*x))/x", "x", "oo", "both", "2"),
        ("(tanh(x) - x)/x^3", "x", "0", "both", "-1/3"),
        ("sigmoid(1/x)", "x", "0", "both", "DNE"),
        ("(exp(x) - exp(-x))/(exp(x) + exp(-x))", "x", "oo", "both", "1"),
        ("heaviside(x)", "x", "0", "both", "DNE"),
        ("heaviside(x)", "x", "0", "-", "0"),
    ),
    *_rows(
        HYPERBOLIC,  # written with exponentials (these were refused as oo/oo and oo - oo)
        ("cosh(x)/e^x", "x", "oo", "both", "1/2"),
        ("sinh(x)/e^x", "x", "oo", "both", "1/2"),
        ("e^x/cosh(x)", "x", "oo", "both", "2"),
        ("cosh(x)/sinh(x)", "x", "oo", "both", "1"),
        ("sinh(x)/cosh(x)", "x", "-oo", "both", "-1"),
        ("ln(cosh(x)) - x", "x", "oo", "both", "-ln(2)"),
        ("(cosh(x) + sinh(x))/e^x", "x", "oo", "both", "1"),
        ("coth(x) - 1/x", "x", "0", "both", "0"),
        ("x/sinh(x)", "x", "oo", "both", "0"),
        ("sech(x)*e^x", "x", "oo", "both", "2"),
        ("sinh(x)/x", "x", "0", "both", "1"),
        ("(cosh(x) - 1)/x^2", "x", "0", "both", "1/2"),
    ),
)


# -- random rational functions at their roots and poles ------------------------------------------

# (text, root, coefficients low to high): small integer factors, two without real roots.
_FACTORS: tuple[tuple[str, Fraction | None, tuple[int, ...]], ...] = (
    *((f"x - {r}" if r > 0 else f"x + {-r}" if r < 0 else "x", Fraction(r), (-r, 1)) for r in range(-3, 4)),
    ("2*x - 1", Fraction(1, 2), (-1, 2)),
    ("2*x + 1", Fraction(-1, 2), (1, 2)),
    ("x^2 + 1", None, (1, 0, 1)),
    ("x^2 + x + 1", None, (1, 1, 1)),
)


def _multiply(p: tuple[Fraction, ...], q: tuple[int, ...] | tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    product = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            product[i + j] += a * b
    return tuple(product)


def _value(coefficients: tuple[int, ...], x: Fraction) -> Fraction:
    total = Fraction(0)
    for c in reversed(coefficients):
        total = total * x + c
    return total


def _polynomial_text(coefficients: tuple[Fraction, ...]) -> str:
    terms = []
    for power in range(len(coefficients) - 1, -1, -1):
        c = coefficients[power]
        if c == 0:
            continue
        size = abs(c)
        body = "x" if power == 1 else f"x^{power}" if power else ""
        text = str(size) if not body else body if size == 1 else f"{size}*{body}"
        terms.append(("-" if c < 0 else "+", text))
    first_sign, first = terms[0]
    return ("-" if first_sign == "-" else "") + first + "".join(f" {s} {t}" for s, t in terms[1:])


def _factored_text(constant: int, factors: list[int]) -> str:
    counts: dict[int, int] = {}
    for index in factors:
        counts[index] = counts.get(index, 0) + 1
    parts = [f"({_FACTORS[i][0]})" + (f"^{n}" if n > 1 else "") for i, n in sorted(counts.items())]
    if constant != 1:
        parts.insert(0, str(constant) if constant > 0 else f"({constant})")
    return "*".join(parts)


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _limit_at(root: Fraction, constant: int, top: list[int], bottom: list[int], side: str) -> str:
    """The exact limit at ``root``: cancel (x - root)^min(m, n) and read off what is left."""

    def split(factors: list[int]) -> tuple[int, Fraction]:
        order, rest = 0, Fraction(1)
        for index in factors:
            _, r, coefficients = _FACTORS[index]
            if r == root:
                order += 1
                rest *= coefficients[-1]  # 2x - 1 = 2 (x - 1/2)
            else:
                rest *= _value(coefficients, root)
        return order, rest

    m, top_rest = split(top)
    n, bottom_rest = split(bottom)
    ratio = constant * top_rest / bottom_rest
    if m > n:
        return "0"
    if m == n:
        return _fraction_text(ratio)
    sign = 1 if ratio > 0 else -1
    left_sign = sign * (-1) ** (n - m)
    if side == "+":
        return "oo" if sign > 0 else "-oo"
    if side == "-":
        return "oo" if left_sign > 0 else "-oo"
    if sign != left_sign:
        return "DNE"
    return "oo" if sign > 0 else "-oo"


def random_rational_rows(seed: int = 13, count: int = 50) -> tuple[Row, ...]:
    """``count`` rational functions from a seeded generator, each at every real root of its
    numerator and denominator; half are written multiplied out, half as products of factors.
    A factor shared by numerator and denominator is drawn often, for the 0/0 cases."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        top = [rng.randrange(len(_FACTORS)) for _ in range(rng.randint(1, 3))]
        bottom = [rng.randrange(len(_FACTORS)) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.6:
            shared = rng.randrange(len(_FACTORS) - 2)  # a factor with a real root
            top.append(shared)
            bottom.extend([shared] * rng.choice((1, 1, 2)))
        constant = rng.choice((1, 1, -1, 2, -3))
        if number % 2:
            numerator, denominator = (_factored_text(constant, top), _factored_text(1, bottom))
        else:
            top_poly = (Fraction(constant),)
            for index in top:
                top_poly = _multiply(top_poly, _FACTORS[index][2])
            bottom_poly = (Fraction(1),)
            for index in bottom:
                bottom_poly = _multiply(bottom_poly, _FACTORS[index][2])
            numerator, denominator = _polynomial_text(top_poly), _polynomial_text(bottom_poly)
        expr = f"({numerator})/({denominator})"
        roots = sorted({_FACTORS[i][1] for i in top + bottom if _FACTORS[i][1] is not None})
        for root in roots:
            # at an odd pole the two-sided limit does not exist: ask for it or for one side
            odd_pole = _limit_at(root, constant, top, bottom, "both") == "DNE"
            side = rng.choice(("+", "-", "both")) if odd_pole else "both"
            expected = _limit_at(root, constant, top, bottom, side)
            rows.append(Row(expr, "x", _fraction_text(root), side, expected, "random rational"))
    return tuple(rows)
