"""Limit speed, symdiff against SymPy, on the limit table (tests/calculus/limit_table.py).

    python benchmarks/bench_limits.py [--random]

Each row is parsed and converted to SymPy once, outside the timing; what is timed is the limit
alone, in this one process: ``symdiff.limit`` the best of five runs, ``sympy.limit`` the best of
two with SymPy's cache cleared before each (a warm repeat is answered from memory). Rows SymPy
cannot do (it raises, or answers other than the table; see SYMPY_WRONG in
tests/calculus/check_limit_table.py) are skipped. Printed: the median ratio (SymPy's time over
symdiff's) per category and overall, the rows symdiff declined, and its slowest case, against the
goal of issue 13 (20x faster at the median, no case over 1 s). ``--random`` adds the random
rational rows. Until ``symdiff.limit`` exists, SymPy's times alone are printed.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

_TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(_TESTS / "calculus"), str(_TESTS)]

import check_limit_table as check  # noqa: E402
import sympy  # noqa: E402
from limit_table import ROWS, Row, random_rational_rows  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402
from sympy_oracle import to_sympy  # noqa: E402
from timing import fastest  # noqa: E402

import symdiff  # noqa: E402

GOAL_RATIO, GOAL_SECONDS = 20.0, 1.0


def sympy_run(row: Row) -> Callable[[], object]:
    f = to_sympy(symdiff.parse(check.sympy_form(row)))
    x = sympy.Symbol(row.var, real=True)
    point = check.sympy_point(row.point)
    direction = "+" if point.is_infinite else {"both": "+-", "+": "+", "-": "-"}[row.side]

    def run() -> object:
        try:
            return sympy.limit(f, x, point, dir=direction)
        except ValueError:  # how SymPy says the one-sided limits differ
            return None

    return run


def symdiff_run(row: Row) -> tuple[Callable[[], object], bool]:
    """The timed call, and whether symdiff decides the row (False: it declines)."""
    expr = symdiff.parse(row.expr)
    point = row.point if row.point in ("oo", "-oo") else symdiff.parse(row.point)
    declined = getattr(symdiff, "LimitError", symdiff.SymdiffError)

    def run() -> object:
        try:
            return symdiff.limit(expr, row.var, point, row.side)
        except declined:
            return None

    return run, run() is not None


def main(argv: list[str]) -> int:
    rows = ROWS + (random_rational_rows() if "--random" in argv else ())
    have_limit = hasattr(symdiff, "limit")
    started = time.perf_counter()
    ratios: dict[str, list[float]] = defaultdict(list)
    sympy_times: dict[str, list[float]] = defaultdict(list)
    skipped, declined, slowest = [], [], (0.0, None)
    for row in rows:
        if (row.expr, row.point, row.side) in check.SYMPY_WRONG or not check.sympy_check(row)[0]:
            skipped.append(row)
            continue
        theirs = fastest(sympy_run(row), 2, clear_cache)
        sympy_times[row.category].append(theirs)
        if not have_limit:
            continue
        run, decides = symdiff_run(row)
        ours = fastest(run, 5)
        slowest = max(slowest, (ours, row), key=lambda pair: pair[0])
        if decides:
            ratios[row.category].append(theirs / ours)
        else:
            declined.append(row)
    print(f"{len(rows)} rows, {len(skipped)} skipped (SymPy cannot do them), {time.perf_counter() - started:.0f} s")
    for row in skipped:
        print(f"  skipped: {row.expr} as {row.var} -> {row.point} ({row.side})")
    if not have_limit:
        print("symdiff.limit does not exist yet: SymPy's median time per category")
        for category, times in sympy_times.items():
            print(f"  {category:28} {statistics.median(times) * 1e3:8.1f} ms  ({len(times)} rows)")
        return 0
    print(f"{'category':28} {'rows':>5} {'median ratio':>13}")
    for category, values in ratios.items():
        print(f"{category:28} {len(values):5} {statistics.median(values):12.1f}x")
    everything = [value for values in ratios.values() for value in values]
    median = statistics.median(everything) if everything else float("nan")
    print(f"{'all decided':28} {len(everything):5} {median:12.1f}x   (goal {GOAL_RATIO:.0f}x)")
    seconds, row = slowest
    if row is not None:
        print(f"slowest symdiff case: {row.expr} as {row.var} -> {row.point} ({row.side}): {seconds * 1e3:.1f} ms"
              f"   (goal under {GOAL_SECONDS:.0f} s)")
    print(f"declined by symdiff: {len(declined)}")
    for row in declined:
        print(f"  {row.expr} as {row.var} -> {row.point} ({row.side})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
