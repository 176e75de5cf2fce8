"""Antiderivatives to find, in symdiff's syntax: the oracle table for ``symdiff.antiderivative``.

``ROWS`` holds integrands with elementary antiderivatives, each a ``Row`` of (integrand, variable,
category, source, domain). The rows were written for this table after the exercise sets of the
calculus books the course follows (Stewart, OpenStax Calculus Vol. 1-2, Thomas); ``source`` says
which set a row is modelled on ("Stewart 7.1 style", "OpenStax 5.5 #12"), not copied from.
``domain`` is None when the answer must hold wherever the integrand is real, or an interval
(lo, hi) when the textbook answer is only meant there (cosh^-1 x for x > 1).

``NON_ELEMENTARY`` holds integrands whose antiderivative is not elementary (Liouville): symdiff
must refuse every one with IntegrationError, never answer. Each names the special function
that the antiderivative is instead (erf, Si, Ei, li, Fresnel S, an elliptic integral, ...).

No row depends on symdiff's integrator: tests/calculus/check_antiderivative_table.py confirms
with SymPy that ``sympy.integrate`` answers every row with elementary functions and every
non-elementary one with a special function or an unevaluated Integral.
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    integrand: str
    var: str
    category: str
    source: str
    domain: tuple[float, float] | None = None


class Refusal(NamedTuple):
    integrand: str
    var: str
    why: str  # the special function the antiderivative is, or why there is none
    source: str


BASIC = "power rule and sums"
EXPONENTIAL = "exponentials and a^x"
TRIG = "basic trig"
INVERSE_TRIG = "inverse trig forms"
HYPERBOLIC = "hyperbolic"
LINEAR = "linear substitution"
SUBSTITUTION = "u-substitution"
PARTS = "by parts"
TABULAR = "repeated parts (tabular)"
TRIG_POWERS = "powers of sin, cos, tan, sec"
PF_LINEAR = "partial fractions, linear factors"
PF_REPEATED = "partial fractions, repeated linear"
PF_QUADRATIC = "partial fractions, irreducible quadratic"
DIVISION = "polynomial division"
ROOT_QUADRATIC = "square roots of quadratics (trigonometric substitution)"

SOURCES = {
    BASIC: "Stewart 4.9 and 5.4, OpenStax Vol 1 4.10 and 5.4, Thomas 4.8 (indefinite integrals)",
    EXPONENTIAL: "Stewart 6.2* and 6.4*, OpenStax Vol 1 5.6, Thomas 7.3 (e^x and a^x)",
    TRIG: "Stewart 5.4 table, OpenStax Vol 1 5.4 and 5.6, Thomas 4.8 (trig antiderivatives, tan and sec)",
    INVERSE_TRIG: "Stewart 6.6, OpenStax Vol 1 5.7, Thomas 7.6 (arcsin, arctan, arcsec forms)",
    HYPERBOLIC: "Stewart 6.7, OpenStax Vol 1 6.9, Thomas 7.7 (hyperbolic functions)",
    LINEAR: "Stewart 5.5, OpenStax Vol 1 5.5, Thomas 5.5 (substitution u = ax + b)",
    SUBSTITUTION: "Stewart 5.5, OpenStax Vol 1 5.5 and 5.6, Thomas 5.5 (u-substitution, f'/f)",
    PARTS: "Stewart 7.1, OpenStax Vol 2 3.1, Thomas 8.2 (integration by parts)",
    TABULAR: "Stewart 7.1, OpenStax Vol 2 3.1, Thomas 8.2 (tabular integration)",
    TRIG_POWERS: "Stewart 7.2, OpenStax Vol 2 3.2, Thomas 8.3 (trigonometric integrals)",
    PF_LINEAR: "Stewart 7.4 case I, OpenStax Vol 2 3.4, Thomas 8.5 (distinct linear factors)",
    PF_REPEATED: "Stewart 7.4 case II, OpenStax Vol 2 3.4, Thomas 8.5 (repeated linear factors)",
    PF_QUADRATIC: "Stewart 7.4 cases III-IV, OpenStax Vol 2 3.4, Thomas 8.5 (irreducible quadratics)",
    DIVISION: "Stewart 7.4, OpenStax Vol 2 3.4, Thomas 8.5 (improper fractions: divide first)",
    ROOT_QUADRATIC: "Stewart 7.3, OpenStax Vol 2 3.3, Thomas 8.4 (trigonometric substitution)",
}


def _rows(category: str, *rows: tuple) -> tuple[Row, ...]:
    """Rows of one category: (integrand, source) or (integrand, source, var) or (..., domain)."""
    made = []
    for row in rows:
        integrand, source, *rest = row
        var = rest[0] if rest else "x"
        domain = rest[1] if len(rest) > 1 else None
        made.append(Row(integrand, var, category, source, domain))
    return tuple(made)


ROWS: tuple[Row, ...] = (
    *_rows(
        BASIC,
        ("x^5", "Stewart 4.9 style"),
        ("3x^2 - 4x + 7", "OpenStax 4.10 #467 style"),
        ("7", "Thomas 4.8 #1 style"),
        ("x^(-3)", "Stewart 5.4 style"),
        ("1/x^4", "OpenStax 5.4 style"),
        ("sqrt(x)", "Stewart 5.4 style"),
        ("x^(2/3)", "Thomas 4.8 style"),
        ("1/sqrt(x)", "OpenStax 4.10 style"),
        ("5/x", "Stewart 5.4 style"),
        ("x^3 + 2x^2 - x + 1", "OpenStax 4.10 style"),
        ("(x^2 + 1)/x", "Stewart 5.4 #21 style"),
        ("(x^3 - 2sqrt(x))/x", "Stewart 5.4 style"),
        ("x*(x - 3)", "Thomas 4.8 style"),
        ("(1 + sqrt(x))^2", "Stewart 5.4 style"),
        ("x^(-1/2) + x^(1/2)", "OpenStax 5.4 style"),
        ("(2x - 1)*(x + 3)", "OpenStax 4.10 style"),
        ("(x^4 - 1)/x^2", "Stewart 4.9 style"),
        ("4/x^3 - 2/x", "Thomas 4.8 style"),
        ("1/(x*sqrt(x))", "Stewart 5.4 style"),
        ("(t^2 + 1)^2", "Stewart 5.4 style", "t"),
        ("u^(3/2) - 2u", "OpenStax 5.4 style", "u"),
        ("(x + 1)^2", "Thomas 4.8 style"),
    ),
    *_rows(
        EXPONENTIAL,
        ("e^x", "Stewart 6.2* style"),
        ("3e^x", "OpenStax 5.6 style"),
        ("exp(x)", "OpenStax 5.6 style"),
        ("2^x", "Stewart 6.4* style"),
        ("10^x", "OpenStax 5.6 #339 style"),
        ("(1/2)^x", "Thomas 7.3 style"),
        ("3^x*ln(3)", "Thomas 7.3 style"),
        ("e^x + x^e", "Stewart 6.4* style"),
        ("5^x*3^x", "Thomas 7.3 style"),
        ("2^x*e^x", "Thomas 7.3 style (e kept a base of its own)"),
        ("(e^x + 1)^2", "OpenStax 5.6 style"),
        ("e^(x + 2)", "Stewart 6.2* style"),
        ("(e^(2x) - 1)/e^x", "Stewart 6.2* style"),
    ),
    *_rows(
        TRIG,
        ("cos(x)", "Stewart 5.4 table"),
        ("sin(x)", "Stewart 5.4 table"),
        ("sec(x)^2", "OpenStax 5.4 table"),
        ("csc(x)^2", "OpenStax 5.4 table"),
        ("sec(x)*tan(x)", "Stewart 5.4 table"),
        ("csc(x)*cot(x)", "Stewart 5.4 table"),
        ("tan(x)", "OpenStax 5.6 (rule: integral of tan)"),
        ("cot(x)", "OpenStax 5.6 (rule: integral of cot)"),
        ("sec(x)", "Stewart 7.2 (integral of sec)"),
        ("csc(x)", "OpenStax 5.6 (integral of csc)"),
        ("3sin(x) - 2cos(x)", "Thomas 4.8 style"),
        ("sin(x)/cos(x)^2", "Stewart 5.4 #35 style"),
        ("1/cos(x)^2", "Thomas 4.8 style"),
        ("tan(x)^2", "Thomas 4.8 style (tan^2 = sec^2 - 1)"),
        ("cot(x)^2", "Thomas 4.8 style"),
        ("sin(t) + t", "OpenStax 5.4 style", "t"),
    ),
    *_rows(
        INVERSE_TRIG,
        ("1/(1 + x^2)", "Stewart 6.6 style"),
        ("1/sqrt(1 - x^2)", "Stewart 6.6 style"),
        ("3/(1 + x^2)", "OpenStax 5.7 style"),
        ("1/(4 + x^2)", "OpenStax 5.7 #390 style"),
        ("1/sqrt(4 - x^2)", "OpenStax 5.7 style"),
        ("1/(9 + x^2)", "Thomas 7.6 style"),
        ("1/(1 + 4x^2)", "OpenStax 5.7 style"),
        ("1/sqrt(1 - 9x^2)", "OpenStax 5.7 style"),
        ("1/(25 + 16x^2)", "Stewart 6.6 style"),
        ("1/(x^2 + 2x + 2)", "OpenStax 5.7 (complete the square)"),
        ("1/(x^2 + 6x + 13)", "Stewart 7.4 style (complete the square)"),
        ("1/sqrt(2x - x^2)", "Thomas 8.4 style (complete the square)"),
        ("1/sqrt(3 - 2x - x^2)", "Stewart 7.3 style (complete the square)"),
        ("1/(x*sqrt(x^2 - 1))", "OpenStax 5.7 (arcsec form)"),
        ("x/(1 + x^4)", "Stewart 6.6 style (u = x^2)"),
        ("e^x/(1 + e^(2x))", "OpenStax 5.7 style (u = e^x)"),
    ),
    *_rows(
        HYPERBOLIC,
        ("sinh(x)", "Stewart 6.7 style"),
        ("cosh(x)", "Stewart 6.7 style"),
        ("sech(x)^2", "OpenStax 6.9 style"),
        ("csch(x)^2", "OpenStax 6.9 style"),
        ("sech(x)*tanh(x)", "OpenStax 6.9 style"),
        ("tanh(x)", "OpenStax 6.9 #377 style"),
        ("coth(x)", "Thomas 7.7 style"),
        ("sinh(3x)", "OpenStax 6.9 style"),
        ("cosh(2x + 1)", "Thomas 7.7 style"),
        ("sinh(x)*cosh(x)", "OpenStax 6.9 style"),
        ("sinh(x)^2*cosh(x)", "Thomas 7.7 style"),
        ("1/sqrt(1 + x^2)", "Stewart 6.7 (inverse hyperbolic form)"),
        ("1/sqrt(x^2 - 1)", "Stewart 6.7 (inverse hyperbolic form, x > 1)", "x", (1.0, 6.0)),
        ("tanh(x)^2", "OpenStax 6.9 style (tanh^2 = 1 - sech^2)"),
        ("tanh(x)^3", "Thomas 7.7 style"),
        ("coth(x)^2", "Thomas 7.7 style (coth^2 = 1 + csch^2)", "x", (0.5, 6.0)),
        ("tanh(2x)^2", "Stewart 6.7 style"),
        ("sech(x)", "Stewart 6.7 exercise style (atan(sinh x))"),
        ("1/cosh(3x)", "Thomas 7.7 style"),
        ("csch(x)", "OpenStax 6.9 style (ln|tanh(x/2)|)", "x", (0.5, 6.0)),
        ("cosh(x)^2", "Stewart 6.7 style (cosh^2 = (cosh 2x + 1)/2)"),
        ("sinh(x)^2", "Thomas 7.7 style"),
        ("cosh(x)^3", "OpenStax 6.9 style (cosh^2 = 1 + sinh^2)"),
        ("sinh(x)^3", "Stewart 6.7 style"),
        ("e^x*cosh(x)", "Thomas 7.7 style (write with exponentials)"),
        ("e^(-x)*sinh(2x)", "Stewart 6.7 style"),
    ),
    *_rows(
        LINEAR,
        ("(3x + 1)^4", "Stewart 5.5 style"),
        ("sin(2x)", "OpenStax 5.5 style"),
        ("cos(5x - 1)", "Thomas 5.5 style"),
        ("e^(3x)", "OpenStax 5.6 style"),
        ("e^(-x/2)", "Stewart 5.5 style"),
        ("e^(-x)", "OpenStax 5.6 style"),
        ("1/(2x + 1)", "Stewart 5.5 style"),
        ("sqrt(4x - 3)", "OpenStax 5.5 style"),
        ("sec(3x)^2", "Thomas 5.5 style"),
        ("(1 - x)^7", "Stewart 5.5 style"),
        ("1/(5 - 2x)^3", "OpenStax 5.5 style"),
        ("2^(3x)", "Thomas 7.3 style"),
        ("cos(pi*x)", "Stewart 5.5 style"),
        ("sin(x/3)", "OpenStax 5.5 style"),
        ("10^(2x - 1)", "Thomas 7.3 style"),
        ("1/(3 - x)", "Stewart 5.5 style"),
    ),
    *_rows(
        SUBSTITUTION,
        ("2x*cos(x^2)", "Stewart 5.5 example 1 style"),
        ("x*e^(x^2)", "OpenStax 5.6 style"),
        ("x*(x^2 + 1)^5", "OpenStax 5.5 #256 style"),
        ("x^2*sqrt(x^3 + 1)", "Stewart 5.5 style"),
        ("cos(x)*sin(x)^4", "OpenStax 5.5 style"),
        ("sin(x)*cos(x)", "Thomas 5.5 style"),
        ("e^x/(1 + e^x)", "OpenStax 5.6 style"),
        ("2x/(x^2 + 1)", "Stewart 5.5 style (f'/f)"),
        ("ln(x)/x", "Stewart 5.5 style"),
        ("1/(x*ln(x))", "OpenStax 5.6 style"),
        ("ln(x)^2/x", "Thomas 7.2 style"),
        ("sec(x)^2*tan(x)^3", "OpenStax 5.5 style"),
        ("e^(sin(x))*cos(x)", "Stewart 5.5 style"),
        ("x/sqrt(1 - x^2)", "Thomas 5.5 style"),
        ("cos(sqrt(x))/sqrt(x)", "Stewart 5.5 #31 style"),
        ("e^(1/x)/x^2", "OpenStax 5.6 style"),
        ("x^3*cos(x^4)", "Stewart 5.5 style"),
        ("sin(ln(x))/x", "Thomas 5.5 style"),
        ("(2x + 3)/(x^2 + 3x + 5)", "OpenStax 5.6 style (f'/f)"),
        ("x/(x^2 + 4)^2", "Stewart 5.5 style"),
        ("e^x*e^(e^x)", "Thomas 7.3 style (u = e^x)"),
        ("sin(x)/cos(x)^3", "OpenStax 5.5 style"),
        ("cos(x)/(1 + sin(x))", "Stewart 5.5 style (f'/f)"),
        ("x*sin(x^2)", "OpenStax 5.5 style"),
        ("(x + 1)*e^(x^2 + 2x)", "Thomas 5.5 style"),
        ("1/(x*ln(x)^2)", "Stewart 7.8 style"),
        ("atan(x)/(1 + x^2)", "OpenStax 5.7 style"),
        ("asin(x)/sqrt(1 - x^2)", "Stewart 6.6 style"),
        ("x*sqrt(x + 1)", "OpenStax 5.5 example (u = x + 1, x = u - 1)"),
        ("x^2*e^(x^3)", "Stewart 5.5 style"),
        ("1/(sqrt(x)*(1 + sqrt(x)))", "Thomas 5.5 style"),
        ("(x^2 + 1)/(x^3 + 3x)", "OpenStax 5.6 style (f'/f)"),
        ("tan(x)*ln(cos(x))", "Stewart 5.5 style"),
        ("3t^2*cos(t^3)", "OpenStax 5.5 style", "t"),
        ("u/(u^2 + 1)", "Stewart 5.5 style", "u"),
    ),
    *_rows(
        PARTS,
        ("x*e^x", "Stewart 7.1 example 2 style"),
        ("x*sin(x)", "Stewart 7.1 example 1"),
        ("x*cos(x)", "OpenStax 3.1 style"),
        ("ln(x)", "Stewart 7.1 example 2"),
        ("x*ln(x)", "OpenStax 3.1 #7 style"),
        ("x^2*ln(x)", "Thomas 8.2 style"),
        ("x^3*ln(x)", "Stewart 7.1 style"),
        ("sqrt(x)*ln(x)", "Stewart 7.1 style"),
        ("ln(x)/x^2", "OpenStax 3.1 style"),
        ("atan(x)", "OpenStax 3.1 style"),
        ("asin(x)", "Stewart 7.1 style"),
        ("acos(x)", "Thomas 8.2 style"),
        ("x*e^(-x)", "OpenStax 3.1 style"),
        ("x*e^(2x)", "Stewart 7.1 style"),
        ("e^x*sin(x)", "Stewart 7.1 example 4 (parts twice, solve for the integral)"),
        ("e^x*cos(x)", "OpenStax 3.1 style (cyclic parts)"),
        ("e^(2x)*sin(3x)", "Stewart 7.1 #25 style (cyclic parts)"),
        ("e^(-x)*cos(x)", "Thomas 8.2 style (cyclic parts)"),
        ("x*sec(x)^2", "Stewart 7.1 style"),
        ("x*2^x", "Thomas 8.2 style"),
        ("ln(x)^2", "Stewart 7.1 style"),
        ("x*atan(x)", "OpenStax 3.1 style"),
        ("ln(x^2 + 1)", "Thomas 8.2 style"),
        ("x*cosh(x)", "OpenStax 6.9 style"),
        ("x*sinh(x)", "Stewart 7.1 style"),
        ("ln(2x + 1)", "Stewart 7.1 style"),
        ("x*sin(2x)", "OpenStax 3.1 style"),
        ("x*cos(3x)", "Thomas 8.2 style"),
        ("log(x, 10)", "Thomas 7.3 style"),
        ("x*sec(x)*tan(x)", "Stewart 7.1 style"),
        ("t*e^(-t)", "OpenStax 3.1 style", "t"),
    ),
    *_rows(
        TABULAR,
        ("x^2*e^x", "Stewart 7.1 example 3"),
        ("x^3*e^x", "OpenStax 3.1 style (tabular)"),
        ("x^2*sin(x)", "Thomas 8.2 example (tabular)"),
        ("x^2*cos(x)", "OpenStax 3.1 style (tabular)"),
        ("x^3*sin(x)", "Thomas 8.2 style (tabular)"),
        ("x^2*e^(-x)", "Stewart 7.1 style"),
        ("x^4*e^x", "Thomas 8.2 style (tabular)"),
        ("(x^2 + 1)*e^x", "OpenStax 3.1 style"),
        ("x^2*cos(2x)", "Stewart 7.1 style"),
        ("x^3*cos(x)", "Thomas 8.2 style (tabular)"),
        ("(x^2 - 2x)*e^(3x)", "Stewart 7.1 style"),
        ("x^2*sinh(x)", "OpenStax 6.9 style"),
        ("x^2*2^x", "Thomas 8.2 style"),
        ("ln(x)^3", "Stewart 7.1 style (parts three times)"),
        ("x^5*e^x", "Thomas 8.2 style (tabular)"),
        ("x^8*e^x", "Thomas 8.2 style (tabular, nine rows)"),
        ("x^12*e^(-x)", "Stewart 7.1 style (tabular, a long table)"),
        ("(x^12 + 3x^7 - 1)*sin(3x + 1)", "Stewart 7.1 style (tabular, a long table)"),
        ("x^9*cosh(x)", "OpenStax 6.9 style (tabular)"),
    ),
    *_rows(
        TRIG_POWERS,
        ("sin(x)^2", "Stewart 7.2 example 3"),
        ("cos(x)^2", "OpenStax 3.2 style"),
        ("sin(x)^3", "Thomas 8.3 style"),
        ("cos(x)^3", "Stewart 7.2 example 1"),
        ("sin(x)^2*cos(x)^3", "OpenStax 3.2 style"),
        ("sin(x)^3*cos(x)^2", "Stewart 7.2 style"),
        ("sin(x)^4", "Stewart 7.2 example 4"),
        ("sin(x)^6", "Stewart 7.2 style (half-angle three times)"),
        ("cos(x)^8", "Thomas 8.3 style (half-angle, a long reduction)"),
        ("sin(x)^4*cos(x)^6", "OpenStax 3.2 style (even powers)"),
        ("cos(x)^4", "OpenStax 3.2 style"),
        ("sin(x)^2*cos(x)^2", "Thomas 8.3 style"),
        ("sin(x)^5", "Stewart 7.2 style"),
        ("cos(x)^5", "OpenStax 3.2 style"),
        ("sin(x)^5*cos(x)^2", "Stewart 7.2 example 2"),
        ("sin(x)^3*cos(x)^3", "Thomas 8.3 style"),
        ("sin(x)^4*cos(x)^3", "OpenStax 3.2 style"),
        ("cos(3x)^3", "Stewart 7.2 style"),
        ("sin(2x)^2", "OpenStax 3.2 style"),
        ("tan(x)^3", "Stewart 7.2 style"),
        ("tan(x)^4", "Thomas 8.3 style"),
        ("sec(x)^4", "OpenStax 3.2 style"),
        ("tan(x)^2*sec(x)^4", "Stewart 7.2 example 5 style"),
        ("tan(x)^3*sec(x)^3", "Stewart 7.2 style"),
        ("sec(x)^3", "Stewart 7.2 example 8 (by parts)"),
        ("sin(3x)*cos(2x)", "OpenStax 3.2 (product to sum)"),
        ("sin(x)*sin(3x)", "Thomas 8.3 (product to sum)"),
        ("cos(2x)*cos(4x)", "Stewart 7.2 style (product to sum)"),
        ("cot(x)^3", "OpenStax 3.2 style"),
    ),
    *_rows(
        PF_LINEAR,
        ("1/(x^2 - 1)", "OpenStax 3.4 style"),
        ("1/(x*(x + 1))", "Stewart 7.4 style"),
        ("(x + 5)/(x^2 + x - 2)", "Stewart 7.4 #7 style"),
        ("1/((x - 1)*(x + 2))", "Thomas 8.5 style"),
        ("(5x - 3)/(x^2 - 2x - 3)", "Thomas 8.5 example 1 style"),
        ("x/((x + 1)*(x + 2))", "OpenStax 3.4 style"),
        ("1/(x^2 - 4)", "Stewart 7.4 style"),
        ("1/(x^2 - 5x + 6)", "OpenStax 3.4 style"),
        ("(x^2 + 2x - 1)/(2x^3 + 3x^2 - 2x)", "Stewart 7.4 example 2"),
        ("1/(x*(x - 1)*(x + 1))", "Thomas 8.5 style"),
        ("(3x - 1)/(x^2 - x - 6)", "OpenStax 3.4 style"),
        ("1/(4x^2 - 1)", "Stewart 7.4 style"),
        ("(4x - 2)/(x^3 - x)", "OpenStax 3.4 #197 style"),
        ("(x + 1)/(x^2 - 3x)", "Thomas 8.5 style"),
    ),
    *_rows(
        PF_REPEATED,
        ("1/(x^2*(x + 1))", "Stewart 7.4 style"),
        ("1/(x - 1)^2", "OpenStax 3.4 style"),
        ("x/(x + 1)^2", "Thomas 8.5 style"),
        ("1/(x*(x - 1)^2)", "OpenStax 3.4 style"),
        ("(x + 2)/(x^2*(x - 1))", "Stewart 7.4 style"),
        ("(2x + 3)/(x + 1)^3", "Thomas 8.5 style"),
        ("1/(x^3 + 2x^2 + x)", "OpenStax 3.4 style"),
        ("4x/((x - 1)^2*(x + 1))", "Stewart 7.4 example 4 style"),
        ("(x^4 - 2x^2 + 4x + 1)/(x^3 - x^2 - x + 1)", "Stewart 7.4 example 4"),
        ("(x^2 + 1)/(x*(x - 1)^2)", "Thomas 8.5 style"),
        ("(3x + 5)/(x^3 - x^2 - x + 1)", "Stewart 7.4 #21 style"),
    ),
    *_rows(
        PF_QUADRATIC,
        ("1/(x*(x^2 + 1))", "OpenStax 3.4 style"),
        ("(2x^2 - x + 4)/(x^3 + 4x)", "Stewart 7.4 example 5"),
        ("x/((x + 1)*(x^2 + 1))", "Thomas 8.5 style"),
        ("(x + 1)/(x^2 + 1)", "Stewart 7.4 style (split: ln + arctan)"),
        ("1/(x^3 + 1)", "Thomas 8.5 style"),
        ("(3x + 2)/(x^2 + 2x + 5)", "OpenStax 3.4 style"),
        ("1/((x - 1)*(x^2 + 4))", "Stewart 7.4 style"),
        ("1/(x^4 - 1)", "OpenStax 3.4 style"),
        ("(4x^2 - 3x + 2)/(4x^2 - 4x + 3)", "Stewart 7.4 example 6"),
        ("1/(x^2 + x + 1)", "Thomas 8.5 style"),
        ("(x^3 + x^2 + 2x + 1)/((x^2 + 1)*(x^2 + 2))", "Stewart 7.4 style"),
        ("1/(x*(x^2 + 4))", "OpenStax 3.4 style"),
        ("1/(x^2 + 1)^2", "Stewart 7.4 style (repeated quadratic)"),
        ("(x + 1)/(x^2 + 1)^2", "Stewart 7.4 #35 style (repeated quadratic, split numerator)"),
        ("x^3/(x^2 + 4)^2", "Stewart 7.4 example 8 style (repeated quadratic)"),
        ("1/(x^2 + 2x + 5)^2", "Thomas 8.5 style (reduction formula after completing the square)"),
        ("(2x + 3)/(x^2 + x + 1)^2", "OpenStax 3.4 style (repeated quadratic)"),
        ("1/(x*(x^2 + 1)^2)", "Stewart 7.4 example 8"),
        ("(x^2 + 2)/(x^3 - 1)", "Thomas 8.5 style"),
    ),
    *_rows(
        DIVISION,
        ("x^2/(x + 1)", "OpenStax 3.4 style"),
        ("(x^3 + x)/(x - 1)", "Stewart 7.4 example 1"),
        ("(x^2 + 1)/(x - 1)", "Thomas 8.5 style"),
        ("(x^3 - 1)/(x + 2)", "OpenStax 3.4 style"),
        ("(2x + 3)/(x + 1)", "Stewart 7.4 style"),
        ("x/(x - 3)", "Thomas 8.5 style"),
        ("(x^4 + 1)/(x^2 + 1)", "Stewart 7.4 style"),
        ("x^3/(x^2 + 1)", "OpenStax 3.4 style"),
        ("(x^3 + 2x^2 - 3)/(x - 2)", "Thomas 8.5 style"),
        ("(6x^2 + 1)/(2x - 1)", "Stewart 7.4 style"),
        ("(x^2 + 2x)/(x + 1)^2", "OpenStax 3.4 style"),
    ),
    *_rows(
        ROOT_QUADRATIC,
        ("sqrt(1 - x^2)", "Stewart 7.3 style (x = sin t)"),
        ("sqrt(9 - x^2)", "Stewart 7.3 example 1 style"),
        ("5*sqrt(16 - x^2)", "OpenStax 3.3 style"),
        ("sqrt(4 - 9x^2)", "Thomas 8.4 style"),
        ("sqrt(x^2 + 4)", "Stewart 7.3 style (x = 2 tan t)"),
        ("sqrt(1 + x^2)", "OpenStax 3.3 style"),
        ("sqrt(x^2 - 9)", "Stewart 7.3 style (x = 3 sec t)", "x", (3.0, 8.0)),
        ("sqrt(x^2 + 2x + 2)", "Thomas 8.4 style (complete the square)"),
        ("sqrt(3 - 2x - x^2)", "Stewart 7.3 example 7 style (complete the square)"),
        ("sqrt(6x - x^2)", "OpenStax 3.3 style (complete the square)"),
    ),
)


NON_ELEMENTARY: tuple[Refusal, ...] = (
    Refusal("e^(-x^2)", "x", "erf (the Gaussian integral)", "Stewart 7.5 (Liouville's list)"),
    Refusal("e^(x^2)", "x", "erfi", "Stewart 7.5 (Liouville's list)"),
    Refusal("sin(x)/x", "x", "Si (sine integral)", "Stewart 7.5"),
    Refusal("cos(x)/x", "x", "Ci (cosine integral)", "Stewart 7.5"),
    Refusal("e^x/x", "x", "Ei (exponential integral)", "Stewart 7.5"),
    Refusal("1/ln(x)", "x", "li (logarithmic integral)", "Stewart 7.5"),
    Refusal("sqrt(1 + x^3)", "x", "an elliptic integral", "Stewart 7.5"),
    Refusal("x^x", "x", "no closed form (sophomore's dream)", "Stewart 7.5 style"),
    Refusal("sin(x^2)", "x", "Fresnel S", "Stewart 7.5"),
    Refusal("cos(x^2)", "x", "Fresnel C", "Stewart 7.5 style"),
    Refusal("e^(e^x)", "x", "Ei(e^x): u = e^x gives e^u/u", "Stewart 7.5 style"),
    Refusal("sqrt(sin(x))", "x", "an elliptic integral", "Stewart 7.5"),
    Refusal("1/sqrt(1 + x^4)", "x", "an elliptic integral", "Thomas 8.8 style"),
    Refusal("sinh(x)/x", "x", "Shi (hyperbolic sine integral)", "Stewart 7.5 style"),
    Refusal("cosh(x)/x", "x", "Chi (hyperbolic cosine integral)", "Stewart 7.5 style"),
    Refusal("e^x*ln(x)", "x", "e^x ln x - Ei(x)", "Stewart 7.5 style"),
    Refusal("ln(ln(x))", "x", "x ln(ln x) - li(x)", "Stewart 7.5 style"),
    Refusal("x/ln(x)", "x", "Ei(2 ln x)", "Stewart 7.5 style"),
    Refusal("sqrt(x)*e^x", "x", "erfi(sqrt x)", "Stewart 7.5 style"),
    Refusal("x^2*e^(-x^2)", "x", "erf, after parts", "Stewart 7.5 style"),
    Refusal("ln(x)/(x + 1)", "x", "the dilogarithm Li2(-x)", "Stewart 7.5 style"),
    Refusal("cos(e^x)", "x", "Ci(e^x)", "Stewart 7.5 style"),
    Refusal("e^(sin(x))", "x", "no closed form", "Stewart 7.5 style"),
    Refusal("sin(x)/x^2", "x", "Ci, after parts", "Stewart 7.5 style"),
    Refusal("sqrt(1 - x^4)", "x", "an elliptic integral", "Thomas 8.8 style"),
)
