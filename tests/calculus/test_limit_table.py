"""The limit table (tests/calculus/limit_table.py): its values confirmed, and symdiff.limit held to it.

Every expected value is confirmed numerically (floats approaching the point) and by
``sympy.limit``: the hand-written rows and every fifth random rational row in every run, all the
random rows with SYMDIFF_FULL_ORACLE=1 (SymPy takes about 12 s more for them; their values are
computed exactly from the factors, and the numerics confirm each of them in every run).

Once ``symdiff.limit`` exists, each row must be declined (LimitError) or right: the value equal to
the table's (``simplify`` of the difference is 0, or for constants equal in floating point to 12
digits), ``exists`` False where the limit does not exist. ``coverage_report()`` gives
(decided, total, wrong rows) to quote; ``python tests/calculus/test_limit_table.py`` prints it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import NamedTuple

import check_limit_table as check  # first: it puts tests/ on the path when run as a script
import pytest
import sympy
from limit_table import ROWS, SOURCES, Row, random_rational_rows
from sympy_oracle import to_sympy

import symdiff

RANDOM_ROWS = random_rational_rows()
FULL_ORACLE = os.environ.get("SYMDIFF_FULL_ORACLE") == "1"
SYMPY_ROWS = ROWS + (RANDOM_ROWS if FULL_ORACLE else RANDOM_ROWS[::5])
ALL_ROWS = ROWS + RANDOM_ROWS
SPECIAL = ("oo", "-oo", "DNE")


def _id(row: Row) -> str:
    side = "" if row.side == "both" else row.side
    return f"{row.expr} as {row.var}->{row.point}{side}"


# -- the table itself ------------------------------------------------------------------------------


def test_the_table_has_every_kind_of_limit_the_issue_names() -> None:
    assert len(ROWS) >= 150
    assert len(set(ROWS)) == len(ROWS), "a row appears twice"
    categories = {row.category for row in ROWS}
    assert categories == set(SOURCES)
    for category in categories:
        assert sum(row.category == category for row in ROWS) >= 5, category
    kinds = {row.expected for row in ROWS if row.expected in SPECIAL}
    assert kinds == set(SPECIAL)
    assert {row.side for row in ROWS} == {"both", "+", "-"}
    assert {"oo", "-oo"} <= {row.point for row in ROWS}


@pytest.mark.parametrize("row", ALL_ROWS, ids=_id)
def test_row_is_well_formed(row: Row) -> None:
    assert row.side in ("both", "+", "-")
    assert symdiff.Symbol(row.var) in symdiff.parse(row.expr).free_symbols
    if row.point in ("oo", "-oo"):
        assert row.side == "both", "towards infinity there is one side"
    else:
        assert not symdiff.parse(row.point).free_symbols
    if row.expected not in SPECIAL:
        assert not symdiff.parse(row.expected).free_symbols
    # infinity only as a point or a value, never inside an expression
    assert not re.search(r"\boo\b|∞|\binf\b", row.expr)


def test_random_rational_functions_are_seeded_and_many() -> None:
    assert random_rational_rows() == RANDOM_ROWS
    assert random_rational_rows(seed=14) != RANDOM_ROWS
    assert len({row.expr for row in RANDOM_ROWS}) == 50
    values = {row.expected for row in RANDOM_ROWS}
    assert {"oo", "-oo", "DNE", "0"} <= values
    assert any(value not in (*SPECIAL, "0") for value in values), "some 0/0 cancels to a nonzero value"


# -- the values confirmed --------------------------------------------------------------------------


@pytest.mark.parametrize("row", ALL_ROWS, ids=_id)
def test_numerics_confirm_the_value(row: Row) -> None:
    confirmed, shown = check.numeric_check(row)
    assert confirmed, shown


def _wrong_values(row: Row) -> list[str]:
    if row.expected == "DNE":
        return ["0", "1", "oo", "-oo"]
    if row.expected in ("oo", "-oo"):
        return ["-oo" if row.expected == "oo" else "oo", "DNE", "1"]
    value = symdiff.parse(row.expected).evaluate()
    return [repr(value + 1e-3 * max(1.0, abs(value))), repr(value - 1e-3 * max(1.0, abs(value))), "oo", "DNE"]


def test_the_numeric_check_rejects_wrong_values() -> None:
    """The check can fail: a value off by 10^-3, the other infinity, or 'does not exist' is refused."""
    accepted = [
        (row, wrong) for row in ALL_ROWS for wrong in _wrong_values(row)
        if check.numeric_check(row._replace(expected=wrong))[0]
    ]
    assert accepted == []


@pytest.mark.parametrize("row", SYMPY_ROWS, ids=_id)
def test_sympy_agrees(row: Row) -> None:
    agrees, said, _ = check.sympy_check(row)
    assert agrees, f"sympy says {said}"


@pytest.mark.parametrize("key", sorted(check.SYMPY_WRONG))
def test_the_form_sympy_is_asked_is_the_same_function(key: tuple[str, str, str]) -> None:
    (row,) = [row for row in ROWS if (row.expr, row.point, row.side) == key]
    original, rewritten = (to_sympy(symdiff.parse(text)) for text in (row.expr, check.sympy_form(row)))
    x = sympy.Symbol(row.var, real=True)
    for value in (-3.5, -0.25, 0.5, 2.0, 7.0):
        assert abs(complex((original - rewritten).subs(x, value).evalf())) < 1e-12


# -- symdiff.limit held to the table ---------------------------------------------------------------


def _point(text: str) -> object:
    return text if text in ("oo", "-oo") else symdiff.parse(text)


def _infinity(value: object) -> int:
    """+1 or -1 if ``value`` is printed as an infinity, else 0."""
    text = str(value).replace(" ", "")
    if text in ("oo", "+oo", "∞", "inf"):
        return 1
    if text in ("-oo", "-∞", "-inf"):
        return -1
    return 0


def verdict(row: Row) -> str:
    """"declined", "right", or "wrong: why" for ``symdiff.limit`` on one row."""
    declined = getattr(symdiff, "LimitError", symdiff.SymdiffError)
    try:
        result = symdiff.limit(symdiff.parse(row.expr), row.var, _point(row.point), row.side)
    except declined:
        return "declined"
    if row.expected == "DNE":
        return "right" if result.exists is False else f"wrong: the limit does not exist, not {result.value}"
    if not result.exists or result.value is None:
        return f"wrong: said it does not exist ({result.reason})"
    sign = _infinity(result.value)
    if row.expected in ("oo", "-oo"):
        wanted = 1 if row.expected == "oo" else -1
        return "right" if sign == wanted else f"wrong: {result.value}"
    if sign:
        return f"wrong: {result.value}"
    expected = symdiff.parse(row.expected)
    if symdiff.simplify(symdiff.Sub(result.value, expected)) == symdiff.Number(0):
        return "right"
    if result.value.free_symbols:
        return f"wrong: {result.value} is not a constant"
    got, want = result.value.evaluate(), expected.evaluate()
    close = abs(got - want) <= 1e-12 * max(1.0, abs(want))
    return "right" if close else f"wrong: {result.value}"


def coverage_report(rows: Iterable[Row] | None = None) -> tuple[int, int, list[tuple[Row, str]]]:
    """(decided, total, wrong rows with why) for ``symdiff.limit`` on the table and random rows."""
    rows = ALL_ROWS if rows is None else tuple(rows)
    verdicts = [(row, verdict(row)) for row in rows]
    decided = sum(v != "declined" for _, v in verdicts)
    return decided, len(rows), [(row, v) for row, v in verdicts if v.startswith("wrong")]


class _Answer(NamedTuple):
    value: object
    exists: bool
    reason: str = ""


def _answer(text: str) -> _Answer:
    """A stand-in engine's result for a value written as in the table."""
    if text == "DNE":
        return _Answer(None, False, "made up")
    infinity = symdiff.oo  # the engine's infinity
    return _Answer({"oo": infinity, "-oo": symdiff.Neg(infinity)}.get(text) or symdiff.parse(text), True)


def test_the_judge_tells_right_from_wrong_and_declined(monkeypatch) -> None:
    """The harness can fail: stand-in engines that know the table, answer 1, or always decline."""
    rows = ROWS[::7]
    books = {(symdiff.parse(row.expr), str(_point(row.point)), row.side): row.expected for row in rows}

    def knows(expr, var, point, side):
        return _answer(books[(expr, str(point), side)])

    monkeypatch.setattr(symdiff, "limit", knows, raising=False)
    assert coverage_report(rows) == (len(rows), len(rows), [])
    monkeypatch.setattr(symdiff, "limit", lambda *args: _answer("1"))
    decided, total, wrong = coverage_report(rows)
    assert decided == total and len(wrong) == sum(row.expected != "1" for row in rows)

    def declines(*args):
        raise getattr(symdiff, "LimitError", symdiff.SymdiffError)("cannot decide")

    monkeypatch.setattr(symdiff, "limit", declines)
    assert coverage_report(rows) == (0, len(rows), [])


needs_limit = pytest.mark.skipif(not hasattr(symdiff, "limit"), reason="symdiff.limit does not exist yet (issue 13)")


@needs_limit
@pytest.mark.parametrize("row", ALL_ROWS, ids=_id)
def test_limit_is_declined_or_right(row: Row) -> None:
    assert not verdict(row).startswith("wrong"), verdict(row)


@needs_limit
def test_coverage(record_property) -> None:
    for name, rows in (("table", ROWS), ("random rational", RANDOM_ROWS)):
        decided, total, wrong = coverage_report(rows)
        record_property(f"coverage {name}", f"{decided}/{total}, wrong {len(wrong)}")
        print(f"symdiff.limit on the {name} rows: decided {decided}/{total}, wrong {len(wrong)}")
        assert wrong == []


if __name__ == "__main__":
    if not hasattr(symdiff, "limit"):
        raise SystemExit("symdiff.limit does not exist yet")
    for label, rows in (("table", ROWS), ("random rational", RANDOM_ROWS)):
        decided, total, wrong = coverage_report(rows)
        print(f"{label}: decided {decided}/{total}, wrong {len(wrong)}")
        for row, why in wrong:
            print(f"  {_id(row)}: {why}")
