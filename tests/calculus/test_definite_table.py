"""The definite-integral table (tests/calculus/definite_table.py): its values confirmed, and
``symdiff.integrate(..., method="exact")`` held to it.

Every row is confirmed by SymPy (``sympy.integrate`` gives the value, or an infinity for a
divergent row; a "refuse" row has a SymPy singularity inside the interval with an infinite
integral up to it) and every finite value by mpmath's quadrature at 30 digits.

Once the exact method exists, a row with a value must be declined (IntegrationError) or right
(``.value`` an exact constant equal to the table's, ``float()`` agreeing), and every "diverges" or
"refuse" row must raise IntegrationError. ``MIN_COVERAGE`` is the share of value rows that must
be answered (raised as the engine grows); wrong answers must be 0 always.
"""

from __future__ import annotations

import check_antiderivative_table as check  # first: it puts tests/ on the path when run as a script
import pytest
from definite_table import DEFINITE, KINDS, DefiniteRow

import symdiff

# answered / value rows: 51 of 54 (declined: |x|, and the Gaussian and Dirichlet integrals, not elementary)
MIN_COVERAGE = 0.94
MARKERS = ("diverges", "refuse")
VALUE_ROWS = tuple(row for row in DEFINITE if row.expected not in MARKERS)


def _id(row: DefiniteRow) -> str:
    return f"{row.integrand} d{row.var} on [{row.a}, {row.b}]"


def test_the_table_has_every_kind_of_definite_integral() -> None:
    assert len(DEFINITE) >= 40
    assert len(set(DEFINITE)) == len(DEFINITE), "a row appears twice"
    assert {row.kind for row in DEFINITE} == set(KINDS)
    assert {row.expected for row in DEFINITE} >= set(MARKERS)
    bounds = {row.a for row in DEFINITE} | {row.b for row in DEFINITE}
    assert {"oo", "-oo", "pi", "pi/2"} <= bounds


@pytest.mark.parametrize("row", DEFINITE, ids=_id)
def test_row_is_well_formed(row: DefiniteRow) -> None:
    assert {s.name for s in symdiff.parse(row.integrand).free_symbols} <= {row.var}
    for bound in (row.a, row.b):
        if bound not in ("oo", "-oo"):
            assert not symdiff.parse(bound).free_symbols
    if row.expected not in MARKERS:
        assert not symdiff.parse(row.expected).free_symbols
    assert (row.expected == "refuse") == (row.kind == "singularity inside: refuse")


@pytest.mark.parametrize("row", DEFINITE, ids=_id)
def test_sympy_agrees(row: DefiniteRow) -> None:
    agrees, said = check.sympy_definite_check(row)
    assert agrees, f"sympy says {said}"


@pytest.mark.parametrize(
    "row", [row for row in VALUE_ROWS if (row.integrand, row.a, row.b) not in check.NO_QUADRATURE], ids=_id
)
def test_quadrature_agrees(row: DefiniteRow) -> None:
    confirmed, value = check.numeric_definite_check(row)
    assert confirmed, f"mpmath gives {value}"


def test_quadrature_rejects_a_wrong_value() -> None:
    """The numeric check can fail: every value off by 10^-6 is refused."""
    for row in VALUE_ROWS[::3]:
        if (row.integrand, row.a, row.b) in check.NO_QUADRATURE:
            continue
        assert not check.numeric_definite_check(row._replace(expected=f"{row.expected} + 1/1000000"))[0], row


# -- the judge can fail ----------------------------------------------------------------------------


class _Exact:
    """A stand-in for the exact method's result: ``.value``, ``.converges`` and ``float()``."""

    def __init__(self, text: str) -> None:
        self.value = symdiff.parse(text)
        self.converges = True

    def __float__(self) -> float:
        return float(self.value.evaluate())


def test_the_judge_tells_right_from_wrong_and_declined(monkeypatch) -> None:
    rows = DEFINITE
    table = {(symdiff.parse(row.integrand), row.a, row.b): row.expected for row in rows}

    def knows(expr, var, a, b, method="trapezoid"):
        expected = table[(expr, a, b)]
        if expected in MARKERS:
            raise symdiff.IntegrationError(f"the integral {expected}")
        return _Exact(expected)

    monkeypatch.setattr(symdiff, "integrate", knows)
    assert all(check.definite_verdict(row) in ("right", "refused") for row in rows)

    monkeypatch.setattr(symdiff, "integrate", lambda *args, **kwargs: _Exact("1"))
    wrong = [row for row in rows if check.definite_verdict(row).startswith("wrong")]
    assert len(wrong) == sum(row.expected != "1" for row in rows)

    def declines(*args, **kwargs):
        raise symdiff.IntegrationError("cannot")

    monkeypatch.setattr(symdiff, "integrate", declines)
    assert {check.definite_verdict(row) for row in VALUE_ROWS} == {"declined"}


# -- symdiff.integrate(method="exact") held to the table -------------------------------------------

@pytest.mark.parametrize("row", DEFINITE, ids=_id)
def test_exact_integral_is_declined_or_right(row: DefiniteRow) -> None:
    said = check.definite_verdict(row)
    assert not said.startswith("wrong"), said
    if row.expected == "refuse":  # a pole inside: never integrated across
        assert said == "refused", said
    elif row.expected == "diverges":  # said to diverge, or refused
        assert said in ("right", "refused"), said


def test_coverage(record_property) -> None:
    verdicts = [check.definite_verdict(row) for row in VALUE_ROWS]
    answered = sum(v == "right" for v in verdicts)
    wrong = [v for v in verdicts if v.startswith("wrong")]
    record_property("definite coverage", f"{answered}/{len(VALUE_ROWS)}, wrong {len(wrong)}")
    print(f"symdiff.integrate exact: answered {answered}/{len(VALUE_ROWS)}, wrong {len(wrong)}")
    assert wrong == []
    assert answered / len(VALUE_ROWS) >= MIN_COVERAGE
