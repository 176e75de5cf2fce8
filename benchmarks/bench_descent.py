"""Gradient descent's speed: a step of linear regression over 10^6 points against NumPy by hand.

    python benchmarks/bench_descent.py

symdiff's step computes the mean cost and its symbolic gradient, compiled once (``mse``), and
updates the parameters; the hand-written step computes the residual, the two partial derivatives
and the update, in NumPy. Both run the same steps from the same start in one process,
alternating, and the best of several runs is compared (symdiff / NumPy). A step is the time of
a run of ``STEPS`` steps divided by ``STEPS``, so the final cost symdiff reports is spread over
them. Goal (issue 14): within 1.5x of the hand-written step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from timing import best_of

from symdiff import gradient_descent, mse

N = 1_000_000
STEPS = 20
LR = 0.1
GOAL = 1.5


def per_step(run: Callable[[], object], repeats: int) -> float:
    return best_of(run, repeats) / STEPS


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=N)
    y = 3 * x + 1 + rng.normal(size=N)

    start = time.perf_counter()
    cost = mse("m x + b", {"x": x, "y": y})
    built = time.perf_counter() - start

    def by_hand() -> tuple[float, float]:
        m = b = 0.0
        for _ in range(STEPS):
            r = m * x + b - y
            m, b = m - LR * 2 * np.mean(r * x), b - LR * 2 * np.mean(r)
        return m, b

    def by_hand_with_cost() -> tuple[float, float]:  # what symdiff also does: the cost at every step
        m = b = 0.0
        history = []
        for _ in range(STEPS):
            r = m * x + b - y
            history.append(np.mean(r * r))
            m, b = m - LR * 2 * np.mean(r * x), b - LR * 2 * np.mean(r)
        return m, b

    def ours() -> dict[str, float]:
        return gradient_descent(cost, {"m": 0.0, "b": 0.0}, lr=LR, steps=STEPS).params

    assert np.allclose(list(ours().values()), by_hand(), rtol=1e-10)

    print(f"Linear regression over {N:,} points: one gradient-descent step, best of several runs")
    print(f"  (building the cost once, symbolic gradient and compiled means: {built * 1e3:.1f} ms)")
    mine: list[float] = []
    hand: list[float] = []
    hand_cost: list[float] = []
    for _ in range(7):  # alternate, so both see the same load
        mine.append(per_step(ours, 1))
        hand.append(per_step(by_hand, 1))
        hand_cost.append(per_step(by_hand_with_cost, 1))
    a, b, c = min(mine), min(hand), min(hand_cost)
    verdict = "ok" if a / b <= GOAL else "MISSED"
    print(f"  symdiff gradient_descent step        {a * 1e3:8.2f} ms")
    print(f"  NumPy by hand                        {b * 1e3:8.2f} ms   ratio {a / b:5.2f}  (goal <= {GOAL}: {verdict})")
    print(f"  NumPy by hand, with the cost kept    {c * 1e3:8.2f} ms   ratio {a / c:5.2f}")


if __name__ == "__main__":
    main()
