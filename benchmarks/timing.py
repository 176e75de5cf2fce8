"""The one timing rule every benchmark here uses: the best of several runs (the least disturbed),
each measured as a user runs it, with Python's garbage collector on.

symdiff's large calls pause the collector while they run (``core.collector``); whatever they
leave for it (objects in reference cycles) is then found by the first young-generation pass
after the call, which the caller pays. So each run here ends with that pass, inside the timing,
and starts from a collected heap, so that no earlier run's garbage is charged to it. Every
engine is timed the same way.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

__all__ = ["best_of", "fastest", "timed"]


def timed(run: Callable[[], object], repeats: int, before: Callable[[], None] = lambda: None) -> tuple[float, object]:
    """The best time of ``repeats`` runs of ``run`` (``before`` runs untimed ahead of each), and
    the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        before()
        result = None  # the previous answer is freed before the heap is collected, untimed
        gc.collect()
        start = time.perf_counter()
        result = run()
        gc.collect(0)  # the pass the caller pays for what the run left in cycles
        best = min(best, time.perf_counter() - start)
    return best, result


def best_of(run: Callable[[], object], repeats: int) -> float:
    return timed(run, repeats)[0]


def fastest(run: Callable[[], object], repeats: int, before: Callable[[], None] = lambda: None) -> float:
    """The best time of ``repeats`` runs with the collector left to run when it would, no pass
    forced: for calls of a millisecond or less (the antiderivative and limit tables), where a
    forced pass after each would cost as much as the call and weigh most on the faster side."""
    best = float("inf")
    for _ in range(repeats):
        before()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best
