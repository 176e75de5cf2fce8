"""Definite and improper integrals with their exact values: the oracle table for
``symdiff.integrate(expr, var, a, b, method="exact")``.

Each ``DefiniteRow`` is (integrand, variable, a, b, expected, kind, source). The bounds are text in
symdiff's syntax ("0", "pi/2", "ln(2)") or "oo" / "-oo"; ``expected`` is the exact value in
symdiff's syntax, "diverges" for an improper integral with no finite value, or "refuse" for an
integrand with a non-integrable singularity strictly inside [a, b] (the Fundamental Theorem does
not apply: F(b) - F(a) would be a wrong finite number). Both markers must be met with
IntegrationError. Rows follow the books' exercise sets (``source``); tests/calculus/
check_antiderivative_table.py confirms every value with ``sympy.integrate`` and with mpmath's
quadrature, every "diverges" with ``sympy.integrate`` (oo, -oo, nan, zoo or AccumBounds) and every
"refuse" by a SymPy singularity inside the interval with an infinite integral up to it.
"""

from __future__ import annotations

from typing import NamedTuple


class DefiniteRow(NamedTuple):
    integrand: str
    var: str
    a: str
    b: str
    expected: str
    kind: str
    source: str


FTC = "Fundamental Theorem"
CONVERGENT = "improper, convergent"
DIVERGENT = "improper, divergent"
INTERIOR = "singularity inside: refuse"
SPECIAL = "non-elementary integrand, elementary value"

KINDS = {
    FTC: "Stewart 5.3-5.5, OpenStax Vol 1 5.3-5.6, Thomas 5.4-5.6 (evaluate F(b) - F(a))",
    CONVERGENT: "Stewart 7.8, OpenStax Vol 2 3.7, Thomas 8.8 (improper integrals as limits)",
    DIVERGENT: "Stewart 7.8, OpenStax Vol 2 3.7, Thomas 8.8 (divergent improper integrals)",
    INTERIOR: "Stewart 7.8 and 5.3 (the trap of a discontinuity inside), OpenStax Vol 2 3.7",
    SPECIAL: "Stewart 15.3 (the Gaussian integral) and 7.8 (the Dirichlet integral)",
}


def _rows(kind: str, *rows: tuple[str, ...]) -> tuple[DefiniteRow, ...]:
    """Rows of one kind: (integrand, a, b, expected, source), or (integrand, var, a, b, expected, source)."""
    made = []
    for row in rows:
        integrand, var, a, b, expected, source = row if len(row) == 6 else (row[0], "x", *row[1:])
        made.append(DefiniteRow(integrand, var, a, b, expected, kind, source))
    return tuple(made)


DEFINITE: tuple[DefiniteRow, ...] = (
    *_rows(
        FTC,
        ("x^2", "0", "1", "1/3", "Stewart 5.3 example"),
        ("sin(x)", "0", "pi", "2", "Stewart 5.3 example"),
        ("e^x", "0", "1", "e - 1", "OpenStax 5.3 style"),
        ("1/(1 + x^2)", "0", "1", "pi/4", "Stewart 5.3 example"),
        ("cos(x)", "0", "pi/2", "1", "OpenStax 5.3 style"),
        ("x^3", "-1", "2", "15/4", "Thomas 5.4 style"),
        ("3x^2 - 2x + 1", "0", "2", "6", "OpenStax 5.3 style"),
        ("1/x", "1", "e", "1", "Stewart 5.3 style"),
        ("1/x", "1", "2", "ln(2)", "Thomas 5.4 style"),
        ("sqrt(x)", "0", "4", "16/3", "OpenStax 5.3 style"),
        ("1/sqrt(1 - x^2)", "0", "1/2", "pi/6", "Stewart 5.3 style"),
        ("sec(x)^2", "0", "pi/4", "1", "Thomas 5.4 style"),
        ("x*e^x", "0", "1", "1", "Stewart 7.1 style"),
        ("ln(x)", "1", "e", "1", "Stewart 7.1 example"),
        ("x*sin(x)", "0", "pi", "pi", "OpenStax 3.1 style"),
        ("sin(x)^2", "0", "pi", "pi/2", "Stewart 7.2 example"),
        ("cos(x)^2", "0", "pi/2", "pi/4", "OpenStax 3.2 style"),
        ("2^x", "0", "1", "1/ln(2)", "Thomas 7.3 style"),
        ("1/(x^2 - 1)", "2", "3", "ln(3/2)/2", "Stewart 7.4 style"),
        ("x/(x^2 + 1)", "0", "1", "ln(2)/2", "OpenStax 5.6 style"),
        ("e^(-x)", "0", "ln(2)", "1/2", "OpenStax 5.6 style"),
        ("sinh(x)", "0", "1", "cosh(1) - 1", "Stewart 6.7 style"),
        ("cosh(x)", "-1", "1", "2sinh(1)", "Thomas 7.7 style"),
        ("tan(x)", "0", "pi/4", "ln(2)/2", "OpenStax 5.6 style"),
        ("x*sqrt(x^2 + 9)", "0", "4", "98/3", "Stewart 5.5 style"),
        ("x^2*e^x", "0", "1", "e - 2", "Stewart 7.1 style"),
        ("sin(x)*cos(x)", "0", "pi/2", "1/2", "Thomas 5.6 style"),
        ("1/(x*(x + 1))", "1", "2", "ln(4/3)", "OpenStax 3.4 style"),
        ("cos(x)", "pi/2", "pi", "-1", "Stewart 5.3 style"),
        ("x^2", "1", "0", "-1/3", "Stewart 5.2 (reversed bounds)"),
        ("x^3", "-2", "2", "0", "Stewart 5.5 (odd function)"),
        ("1/(4 + x^2)", "0", "2", "pi/8", "OpenStax 5.7 style"),
        ("abs(x)", "-1", "1", "1", "Stewart 5.2 style (area of two triangles)"),
        ("t^2 + 1", "t", "0", "3", "12", "OpenStax 5.3 style"),
    ),
    *_rows(
        CONVERGENT,
        ("1/x^2", "1", "oo", "1", "Stewart 7.8 example 1 style"),
        ("1/sqrt(x)", "0", "1", "2", "Stewart 7.8 style"),
        ("e^(-x)", "0", "oo", "1", "OpenStax 3.7 style"),
        ("1/(1 + x^2)", "-oo", "oo", "pi", "Stewart 7.8 example 4"),
        ("ln(x)", "0", "1", "-1", "Stewart 7.8 example 10"),
        ("x*e^(-x)", "0", "oo", "1", "OpenStax 3.7 style"),
        ("1/x^3", "1", "oo", "1/2", "Thomas 8.8 style"),
        ("e^x", "-oo", "0", "1", "Stewart 7.8 example 3 style"),
        ("1/(1 + x^2)", "0", "oo", "pi/2", "Thomas 8.8 style"),
        ("1/sqrt(1 - x^2)", "0", "1", "pi/2", "OpenStax 3.7 style"),
        ("x^(-2/3)", "0", "1", "3", "Thomas 8.8 style"),
        ("1/(x*ln(x)^2)", "e", "oo", "1", "Stewart 7.8 style"),
        ("x*e^(-x^2)", "0", "oo", "1/2", "Stewart 7.8 style"),
        ("1/(x^2 + 4)", "-oo", "oo", "pi/2", "OpenStax 3.7 style"),
        ("e^(-2x)", "0", "oo", "1/2", "Thomas 8.8 style"),
        ("x^2*e^(-x)", "0", "oo", "2", "Stewart 7.8 style (the Gamma function at 3)"),
        ("1/((x + 1)*(x + 2))", "0", "oo", "ln(2)", "Stewart 7.8 style"),
        ("1/sqrt(x - 1)", "1", "5", "4", "OpenStax 3.7 style"),
    ),
    *_rows(
        DIVERGENT,
        ("1/x", "1", "oo", "diverges", "Stewart 7.8 example 1"),
        ("1/x", "0", "1", "diverges", "Stewart 7.8 style"),
        ("e^x", "0", "oo", "diverges", "OpenStax 3.7 style"),
        ("1/x^2", "-1", "1", "diverges", "Stewart 7.8 example 7 (the pole inside)"),
        ("1/sqrt(x)", "1", "oo", "diverges", "Thomas 8.8 style"),
        ("1/(x - 1)", "1", "2", "diverges", "Stewart 7.8 style"),
        ("1/x^2", "0", "1", "diverges", "OpenStax 3.7 style"),
        ("x", "0", "oo", "diverges", "Thomas 8.8 style"),
        ("sin(x)", "0", "oo", "diverges", "Stewart 7.8 (oscillates: no limit)"),
        ("tan(x)", "0", "pi/2", "diverges", "Stewart 7.8 style"),
        ("1/(1 - x)", "0", "1", "diverges", "OpenStax 3.7 style"),
        ("1/(x*ln(x))", "e", "oo", "diverges", "Stewart 7.8 style"),
    ),
    *_rows(
        INTERIOR,
        ("1/x", "-1", "1", "refuse", "Stewart 7.8 (a discontinuity inside)"),
        ("tan(x)", "0", "2", "refuse", "issue 15 (tan across pi/2)"),
        ("1/(x - 2)", "0", "3", "refuse", "Thomas 8.8 style"),
        ("sec(x)^2", "0", "pi", "refuse", "Stewart 5.3 (F(pi) - F(0) = 0 is wrong)"),
        ("1/x^3", "-1", "1", "refuse", "Stewart 7.8 style"),
        ("1/(x^2 - 1)", "0", "2", "refuse", "OpenStax 3.7 style"),
        ("cot(x)", "1", "4", "refuse", "Thomas 8.8 style"),
    ),
    *_rows(
        SPECIAL,
        ("e^(-x^2)", "0", "oo", "sqrt(pi)/2", "Stewart 15.3 (the Gaussian integral)"),
        ("sin(x)/x", "0", "oo", "pi/2", "Stewart 7.8 #73 (the Dirichlet integral)"),
    ),
)
