"""Textbook and machine-learning derivatives with the answer a book prints, in symdiff's syntax.

Each row is (function, variable, the book's answer, category). The book's answer is the form a
calculus text or an ML course writes at the end of the worked solution: over one denominator with
the numerator multiplied out and cancelled, common factors pulled out, identities used where they
shorten (sin^2 + cos^2 = 1, sin/cos = tan, the sigmoid and tanh derivative forms). Where books
differ, the comment says which form was chosen and why. No row depends on symdiff: the test
tests/algebra/test_textbook_table.py checks every book answer against SymPy's derivative.

ROWS use only functions symdiff knows today. OPTIONAL_ROWS use functions being added by issue 11
(asec acsc acot sech csch coth asinh acosh atanh log(x, b) log2 log10 cbrt root sign); a reader of
the table skips those rows while symdiff cannot read them (see ``available``).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Row(NamedTuple):
    function: str
    variable: str
    book: str
    category: str


ROWS: tuple[Row, ...] = (
    # polynomials, and products of polynomials (a book multiplies out and collects)
    Row("x^3 - 6*x^2 + 9*x - 2", "x", "3*x^2 - 12*x + 9", "polynomial"),
    Row("(x^2 + 1)*(x^3 - 2*x)", "x", "5*x^4 - 3*x^2 - 2", "product of polynomials"),
    Row("(2*x + 1)*(x - 3)", "x", "4*x - 5", "product of polynomials"),
    Row("(1 - x^2)*(1 + x^2)", "x", "-4*x^3", "product of polynomials"),
    Row("(x + 1)^2 - x^2", "x", "2", "polynomial"),
    # a product of powers: the factored form is what the book shows (expanding it is longer)
    Row("x^2*(x + 1)^3", "x", "x*(x + 1)^2*(5*x + 2)", "product rule"),
    Row("sqrt(x) + 1/x", "x", "1/(2*sqrt(x)) - 1/x^2", "power rule"),
    Row("3/x^2", "x", "-6/x^3", "power rule"),
    Row("x^n", "x", "n*x^(n - 1)", "power rule"),
    # rational functions: one fraction, numerator multiplied out and cancelled
    Row("(x^2 + 1)/(x^2 - 1)", "x", "-4*x/(x^2 - 1)^2", "quotient rule"),
    Row("(x^2 - 1)/(x - 1)", "x", "1", "quotient rule"),
    Row("x/(x + 1)", "x", "1/(x + 1)^2", "quotient rule"),
    Row("(2*x + 3)/(x - 1)", "x", "-5/(x - 1)^2", "quotient rule"),
    Row("(x + 1)/(x - 1)", "x", "-2/(x - 1)^2", "quotient rule"),
    Row("1/(x^2 + 1)", "x", "-2*x/(x^2 + 1)^2", "quotient rule"),
    Row("(3*x - 1)/(x^2 + 1)", "x", "(3 + 2*x - 3*x^2)/(x^2 + 1)^2", "quotient rule"),
    Row("x^2/(x + 1)", "x", "x*(x + 2)/(x + 1)^2", "quotient rule"),
    Row("(x^3 - 1)/(x - 1)", "x", "2*x + 1", "quotient rule"),
    Row("x/(x^2 + 1)", "x", "(1 - x^2)/(x^2 + 1)^2", "quotient rule"),
    Row("(x - 1)/(x + 1)^2", "x", "(3 - x)/(x + 1)^3", "quotient rule"),
    # power and chain rule
    Row("(3*x^2 + 1)^5", "x", "30*x*(3*x^2 + 1)^4", "chain rule"),
    Row("sqrt(1 - x^2)", "x", "-x/sqrt(1 - x^2)", "chain rule"),
    Row("1/(x^2 + 1)^3", "x", "-6*x/(x^2 + 1)^4", "chain rule"),
    Row("sqrt(x^2 + 1)", "x", "x/sqrt(x^2 + 1)", "chain rule"),
    Row("1/sqrt(2*x + 1)", "x", "-1/(2*x + 1)^(3/2)", "chain rule"),
    Row("sin(x^2)", "x", "2*x*cos(x^2)", "chain rule"),
    Row("cos(3*x + 1)", "x", "-3*sin(3*x + 1)", "chain rule"),
    Row("sin(x)^3", "x", "3*sin(x)^2*cos(x)", "chain rule"),
    Row("sqrt(sin(x))", "x", "cos(x)/(2*sqrt(sin(x)))", "chain rule"),
    # exponentials and logarithms
    # x^2 e^x: the factored x*(x + 2)*e^x (common factor x pulled out), as the issue asks
    Row("x^2*e^x", "x", "x*(x + 2)*e^x", "exp/log"),
    Row("ln(x^2 + 1)", "x", "2*x/(x^2 + 1)", "exp/log"),
    Row("e^x/x^2", "x", "(x - 2)*e^x/x^3", "exp/log"),
    Row("log(cos(x))", "x", "-tan(x)", "exp/log"),
    Row("exp(log(x))", "x", "1", "exp/log"),
    Row("e^(-x^2/2)", "x", "-x*e^(-x^2/2)", "exp/log"),
    Row("x*ln(x)", "x", "ln(x) + 1", "exp/log"),
    Row("ln(x)/x", "x", "(1 - ln(x))/x^2", "exp/log"),
    Row("e^(2*x)*sin(x)", "x", "e^(2*x)*(2*sin(x) + cos(x))", "exp/log"),
    Row("ln(sqrt(x))", "x", "1/(2*x)", "exp/log"),
    Row("2^x", "x", "2^x*ln(2)", "exp/log"),
    Row("x^x", "x", "x^x*(ln(x) + 1)", "exp/log"),
    Row("2^a/ln(2)", "a", "2^a", "exp/log"),  # ln(2)*2^a/log(2) must cancel: ln and log are one
    Row("exp(sin(x))", "x", "cos(x)*exp(sin(x))", "exp/log"),
    Row("ln((x - 1)/(x + 1))", "x", "2/(x^2 - 1)", "exp/log"),
    # trigonometric identities
    Row("sin(x)^2 + cos(x)^2", "x", "0", "trig identity"),
    Row("tan(x)", "x", "sec(x)^2", "trig"),
    # sin x cos x: the product rule's cos^2 x - sin^2 x, the form most answer keys print
    # (cos(2*x) needs the double-angle law, which the issue does not ask for)
    Row("sin(x)*cos(x)", "x", "cos(x)^2 - sin(x)^2", "trig"),
    Row("sec(x)", "x", "sec(x)*tan(x)", "trig"),
    Row("cot(x)", "x", "-csc(x)^2", "trig"),
    Row("csc(x)", "x", "-csc(x)*cot(x)", "trig"),
    Row("sin(x)/cos(x)", "x", "sec(x)^2", "trig identity"),
    Row("1/cos(x)", "x", "sec(x)*tan(x)", "trig identity"),
    Row("x*sin(x)", "x", "sin(x) + x*cos(x)", "trig"),
    Row("sin(x)/x", "x", "(x*cos(x) - sin(x))/x^2", "trig"),
    Row("tan(x)^2 - sec(x)^2", "x", "0", "trig identity"),
    Row("cos(x)^2", "x", "-2*sin(x)*cos(x)", "trig"),
    Row("sin(x)/(1 + cos(x))", "x", "1/(1 + cos(x))", "trig identity"),
    # inverse trigonometric
    Row("asin(x)", "x", "1/sqrt(1 - x^2)", "inverse trig"),
    Row("atan(x^2)", "x", "2*x/(x^4 + 1)", "inverse trig"),
    Row("atan(y/x)", "x", "-y/(x^2 + y^2)", "inverse trig"),
    Row("atan(y/x)", "y", "x/(x^2 + y^2)", "inverse trig"),
    Row("x*atan(x)", "x", "atan(x) + x/(x^2 + 1)", "inverse trig"),
    # machine learning
    Row("sigmoid(x)", "x", "sigmoid(x)*(1 - sigmoid(x))", "ML: sigmoid"),
    Row("tanh(x)", "x", "1 - tanh(x)^2", "ML: tanh"),
    Row("softplus(x)", "x", "sigmoid(x)", "ML: softplus"),
    Row("ln(1 + e^x)", "x", "e^x/(e^x + 1)", "ML: softplus written out"),
    Row("1/(1 + e^(-x))", "x", "e^(-x)/(1 + e^(-x))^2", "ML: sigmoid written out"),
    Row("-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))", "w",
        "x*(sigmoid(w*x + b) - y)", "ML: cross-entropy with sigmoid"),
    Row("-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))", "b",
        "sigmoid(w*x + b) - y", "ML: cross-entropy with sigmoid"),
    Row("y*ln(sigmoid(w_1*x_1 + w_2*x_2 + b)) + (1 - y)*ln(1 - sigmoid(w_1*x_1 + w_2*x_2 + b))", "w_1",
        "x_1*(y - sigmoid(w_1*x_1 + w_2*x_2 + b))", "ML: logistic regression log-likelihood"),
    Row("(w*x + b - y)^2", "w", "2*x*(w*x + b - y)", "ML: quadratic cost"),
    Row("(w*x + b - y)^2", "b", "2*(w*x + b - y)", "ML: quadratic cost"),
    Row("((w + b - 2)^2 + (2*w + b - 3)^2 + (3*w + b - 5)^2)/3", "w",
        "2*(14*w + 6*b - 23)/3", "ML: mean squared error, 3 points"),
    Row("((w + b - 2)^2 + (2*w + b - 3)^2 + (3*w + b - 5)^2)/3", "b",
        "4*w + 2*b - 20/3", "ML: mean squared error, 3 points"),
    Row("(w*x - y)^2 + k*w^2", "w", "2*x*(w*x - y) + 2*k*w", "ML: ridge (L2) penalty"),
    Row("relu(x)", "x", "heaviside(x)", "ML: ReLU"),
    Row("relu(w*x + b)", "w", "x*heaviside(w*x + b)", "ML: ReLU unit"),
    Row("tanh(w*x + b)", "w", "x*(1 - tanh(w*x + b)^2)", "ML: tanh unit"),
    Row("sigmoid(w*x + b)", "w", "x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))", "ML: sigmoid unit"),
    Row("e^x/(e^x + e^y)", "x", "e^x*e^y/(e^x + e^y)^2", "ML: softmax of two"),
    Row("ln(e^x + e^y)", "x", "e^x/(e^x + e^y)", "ML: log-sum-exp"),
    Row("e^(-(x - m)^2/(2*s^2))", "x", "-(x - m)*e^(-(x - m)^2/(2*s^2))/s^2", "ML: Gaussian"),
    # partial derivatives
    Row("x^2*y + y^3", "x", "2*x*y", "partial"),
    Row("x^2*y + y^3", "y", "x^2 + 3*y^2", "partial"),
    Row("x*e^(x*y)", "y", "x^2*e^(x*y)", "partial"),
    Row("sin(x*y)", "x", "y*cos(x*y)", "partial"),
    Row("sqrt(x^2 + y^2)", "x", "x/sqrt(x^2 + y^2)", "partial"),
    Row("ln(x^2 + y^2)", "x", "2*x/(x^2 + y^2)", "partial"),
)

# Functions being added by issue 11: read only once symdiff knows them.
OPTIONAL_ROWS: tuple[Row, ...] = (
    Row("asec(x)", "x", "1/(abs(x)*sqrt(x^2 - 1))", "optional: inverse trig"),
    Row("acsc(x)", "x", "-1/(abs(x)*sqrt(x^2 - 1))", "optional: inverse trig"),
    Row("acot(x)", "x", "-1/(x^2 + 1)", "optional: inverse trig"),
    Row("sech(x)", "x", "-sech(x)*tanh(x)", "optional: hyperbolic"),
    Row("csch(x)", "x", "-csch(x)*coth(x)", "optional: hyperbolic"),
    Row("coth(x)", "x", "-csch(x)^2", "optional: hyperbolic"),
    Row("asinh(x)", "x", "1/sqrt(x^2 + 1)", "optional: inverse hyperbolic"),
    Row("acosh(x)", "x", "1/sqrt(x^2 - 1)", "optional: inverse hyperbolic"),
    Row("atanh(x)", "x", "1/(1 - x^2)", "optional: inverse hyperbolic"),
    Row("log(x, 2)", "x", "1/(x*ln(2))", "optional: logarithm to a base"),
    Row("log(x^2 + 1, b)", "x", "2*x/((x^2 + 1)*ln(b))", "optional: logarithm to a base"),
    Row("log2(x)", "x", "1/(x*ln(2))", "optional: logarithm to a base"),
    Row("log10(x)", "x", "1/(x*ln(10))", "optional: logarithm to a base"),
    Row("cbrt(x)", "x", "1/(3*x^(2/3))", "optional: roots"),
    Row("root(x, 4)", "x", "1/(4*x^(3/4))", "optional: roots"),
    Row("abs(x)", "x", "sign(x)", "optional: sign"),
    Row("abs(x^2 - 1)", "x", "2*x*sign(x^2 - 1)", "optional: sign"),
)

_CALLED = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)\s*\(")


def function_names(text: str) -> set[str]:
    """The names applied to a parenthesised argument in ``text``: ``sin(x)`` names sin."""
    return set(_CALLED.findall(text))


def available(row: Row, known: set[str] | frozenset[str]) -> bool:
    """Whether every function the row applies is one of ``known``.

    Needed because symdiff reads an unknown ``sign(x)`` as the product sign*x: a row must not be
    tried merely because it parses.
    """
    return (function_names(row.function) | function_names(row.book)) <= set(known)
