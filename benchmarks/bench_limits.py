"""Limit speed, symdiff against SymPy, on the textbook table (benchmarks/limit_cases.py).

    python benchmarks/bench_limits.py

Both get the same expression, built once by symdiff's parser and converted node by node for
SymPy (tests/sympy_oracle.py). Each timing is the best of a few runs in this one process, with
SymPy's cache cleared before every run (a warm repeat is answered from memory and means
nothing); symdiff keeps no cache between calls. A two-sided limit is SymPy's dir="+-". Prints
each row's times and ratio, then the median ratio, the slowest row of each, and the coverage
(rows symdiff decided) with the number of answers that disagree with SymPy (must be 0).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "tests"))

import sympy  # noqa: E402
from limit_cases import CASES  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402
from sympy_oracle import to_sympy  # noqa: E402

import symdiff  # noqa: E402

REPEATS = 5


def best_of(run: Callable[[], object], before: Callable[[], None] = lambda: None) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(REPEATS):
        before()
        start = time.perf_counter()
        try:
            result = run()
        except (symdiff.SymdiffError, ValueError, NotImplementedError) as error:
            result = error
        best = min(best, time.perf_counter() - start)
    return best, result


def sympy_call(expr: symdiff.Expr, var: symdiff.Symbol, point: object, side: str) -> Callable[[], object]:
    e, x = to_sympy(expr), sympy.Symbol(var.name, real=True)
    if point in ("oo", "-oo"):
        at = sympy.oo if point == "oo" else -sympy.oo
        return lambda: sympy.limit(e, x, at)
    at = to_sympy(symdiff.parse(str(point)))
    direction = {"both": "+-", "+": "+", "-": "-"}[side]
    return lambda: sympy.limit(e, x, at, direction)


def agrees(ours: object, theirs: object) -> bool:
    if not isinstance(ours, symdiff.Limit):
        return True  # declined: never wrong
    if isinstance(theirs, Exception) or theirs.has(sympy.AccumBounds, sympy.nan, sympy.zoo):  # type: ignore[union-attr]
        return not ours.exists
    if ours.value is None:
        return "only on the" in ours.reason or "defined only" in ours.reason  # SymPy's roots are complex
    mine = to_sympy(ours.value)
    if not theirs.is_finite:  # type: ignore[union-attr]
        return mine == theirs
    return bool(sympy.simplify(mine - theirs) == 0)


def main() -> None:
    symdiff.limit("sin(x)/x", "x", 0)  # load the parser and the engine once, outside the timings
    rows = []
    for case in CASES:
        expr = symdiff.parse(case.expr)
        var = next(iter(expr.free_symbols))
        ours_time, ours = best_of(lambda expr=expr, var=var, case=case: symdiff.limit(expr, var, case.point, case.side))
        theirs_time, theirs = best_of(sympy_call(expr, var, case.point, case.side), clear_cache)
        rows.append((case, ours_time, theirs_time, ours, theirs))
    print(f"{'limit':48} {'symdiff':>10} {'SymPy':>10} {'ratio':>7}")
    for case, ours_time, theirs_time, ours, _ in rows:
        mark = "" if isinstance(ours, symdiff.Limit) else "  (declined)"
        label = f"{case.expr} at {case.point}{'' if case.side == 'both' else case.side}"
        ratio = theirs_time / ours_time
        print(f"{label[:48]:48} {ours_time * 1e3:8.2f}ms {theirs_time * 1e3:8.2f}ms {ratio:6.1f}x{mark}")
    ratios = [theirs_time / ours_time for _, ours_time, theirs_time, _, _ in rows]
    slow_ours = max(rows, key=lambda row: row[1])
    slow_theirs = max(rows, key=lambda row: row[2])
    decided = sum(isinstance(ours, symdiff.Limit) for _, _, _, ours, _ in rows)
    wrong = [row[0].expr for row in rows if not agrees(row[3], row[4])]
    print()
    print(f"median ratio (SymPy time / symdiff time): {statistics.median(ratios):.1f}x over {len(rows)} limits")
    print(f"slowest for symdiff: {slow_ours[0].expr} at {slow_ours[0].point}, {slow_ours[1] * 1e3:.1f} ms")
    print(f"slowest for SymPy:   {slow_theirs[0].expr} at {slow_theirs[0].point}, {slow_theirs[2] * 1e3:.1f} ms")
    print(f"coverage: {decided}/{len(rows)} decided; disagreeing with SymPy: {len(wrong)} {wrong if wrong else ''}")


if __name__ == "__main__":
    main()
