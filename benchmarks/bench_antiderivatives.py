"""Antiderivative speed, symdiff against SymPy, on the antiderivative table
(tests/calculus/antiderivative_table.py).

    python benchmarks/bench_antiderivatives.py [--every N]

Each integrand is parsed and converted to SymPy once, outside the timing; what is timed is the
integration alone, in this one process: ``symdiff.antiderivative`` the best of five runs,
``sympy.integrate`` the best of two with SymPy's cache cleared before each
(``sympy.core.cache.clear_cache``: a warm repeat is answered from memory). A row SymPy takes
over 20 s on is skipped with a note (``signal.setitimer``, as in the table's checker). Printed:
the median ratio (SymPy's time over symdiff's) per category and overall on the rows symdiff
answers, the rows it declines, and its slowest case, against the goal of issue 15 (20x faster at
the median). Until ``symdiff.antiderivative`` exists, SymPy's times alone are printed.
``--every N`` times every N-th row only (a quick look).

The floor: issue 15 asks that every answer be checked by differentiating it back and simplifying
the difference to 0, as the trace's last step. That check alone (``check_step`` on the answer,
with the integrand's and the answer's normal forms already known, as they are inside
``antiderivative``) is timed per row too, and SymPy's time over it printed: no antiderivative
that carries the check can be faster than that ratio, however fast its search.
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

import check_antiderivative_table as check  # noqa: E402
import sympy  # noqa: E402
from antiderivative_table import ROWS, Row  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402
from timing import fastest  # noqa: E402

import symdiff  # noqa: E402

GOAL_RATIO = 20.0
SYMDIFF_REPEATS, SYMPY_REPEATS = 5, 2


def sympy_time(row: Row) -> float | None:
    """SymPy's best time on the row, or None when it runs past the time limit."""
    f, x = check.integrand(row), check.variable(row.var)
    try:
        with check.time_limit(check.TIME_LIMIT * SYMPY_REPEATS):
            return fastest(lambda: sympy.integrate(f, x), SYMPY_REPEATS, clear_cache)
    except check.SympyTimeout:
        return None


def symdiff_run(row: Row) -> tuple[Callable[[], object], bool]:
    """The timed call, and whether symdiff answers the row (False: it declines)."""
    expr = symdiff.parse(row.integrand)

    def run() -> object:
        try:
            return symdiff.antiderivative(expr, wrt=row.var)
        except symdiff.IntegrationError:
            return None

    return run, run() is not None


def check_time(row: Row) -> float:
    """The check by differentiating alone, on symdiff's answer (see the module's docstring)."""
    from symdiff.calculus.antiderivative import check_step
    from symdiff.calculus.integration_session import session_simplifier, simplifying

    expr = symdiff.parse(row.integrand)
    found = symdiff.antiderivative(expr, wrt=row.var)

    def run() -> object:
        with simplifying(expr):
            simplifier = session_simplifier()
            assert simplifier is not None
            simplifier.normal_form(expr)
            simplifier.normal_form(found.result)
            start = time.perf_counter()
            check_step(expr, found.result, found.wrt)
            return time.perf_counter() - start

    return min(run() for _ in range(SYMDIFF_REPEATS))  # type: ignore[type-var]


def main(argv: list[str]) -> int:
    every = int(argv[argv.index("--every") + 1]) if "--every" in argv else 1
    rows = ROWS[::every]
    have = check.has_antiderivative()
    started = time.perf_counter()
    ratios: dict[str, list[float]] = defaultdict(list)
    floors: dict[str, list[float]] = defaultdict(list)
    sympy_times: dict[str, list[float]] = defaultdict(list)
    skipped, declined, slowest = [], [], (0.0, None)
    for row in rows:
        theirs = sympy_time(row)
        if theirs is None:
            skipped.append(row)
            continue
        sympy_times[row.category].append(theirs)
        if not have:
            continue
        run, answers = symdiff_run(row)
        ours = fastest(run, SYMDIFF_REPEATS)
        slowest = max(slowest, (ours, row), key=lambda pair: pair[0])
        if answers:
            ratios[row.category].append(theirs / ours)
            floors[row.category].append(theirs / check_time(row))
        else:
            declined.append(row)
    print(f"{len(rows)} rows, {len(skipped)} skipped (SymPy over {check.TIME_LIMIT:g} s), "
          f"{time.perf_counter() - started:.0f} s")
    for row in skipped:
        print(f"  skipped: {row.integrand} d{row.var}")
    everything = [t for times in sympy_times.values() for t in times]
    if not have:
        print("symdiff.antiderivative does not exist yet: SymPy's median time per category")
        for category, times in sympy_times.items():
            print(f"  {category:42} {statistics.median(times) * 1e3:8.1f} ms  ({len(times)} rows)")
        print(f"  {'all':42} {statistics.median(everything) * 1e3:8.1f} ms  ({len(everything)} rows)")
        return 0
    print(f"{'category':42} {'answered':>8} {'median ratio':>13} {'check alone':>12}")
    for category, values in ratios.items():
        floor = statistics.median(floors[category])
        print(f"{category:42} {len(values):8} {statistics.median(values):12.1f}x {floor:11.1f}x")
    answered = [value for values in ratios.values() for value in values]
    median = statistics.median(answered) if answered else float("nan")
    floor = statistics.median([value for values in floors.values() for value in values]) if answered else float("nan")
    print(f"{'all answered':42} {len(answered):8} {median:12.1f}x {floor:11.1f}x   "
          f"(goal {GOAL_RATIO:.0f}x at the median)")
    print("check alone: SymPy's time over the time of the check by differentiating alone, the ceiling of the ratio")
    seconds, row = slowest
    if row is not None:
        print(f"slowest symdiff case: {row.integrand} d{row.var}: {seconds * 1e3:.2f} ms")
    print(f"declined by symdiff: {len(declined)}")
    for row in declined:
        print(f"  {row.integrand} d{row.var} ({row.category})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
