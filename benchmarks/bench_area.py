"""Numeric speed: lambdify, integrate_samples and roc_auc against their peers, in one process.

    python benchmarks/bench_area.py

Each line runs symdiff and its peer on the same data, alternating, and prints the best of several
runs and the ratio (symdiff / peer), so that machine noise affects both alike. Goals (issue 5):
- lambdify on 10^6 points: within 1.25x of the same expression written by hand in NumPy, and
  faster than sympy.lambdify where subexpressions repeat;
- integrate_samples on 10^7 samples: with dx=, at most half of numpy.trapezoid(y, dx=...); with
  an x array, no slower than numpy.trapezoid(y, x); extra memory O(n) (measured, printed);
- roc_auc on 10^7 scores: within 2x of scikit-learn's roc_auc_score (if installed), O(n log n).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import numpy as np
import sympy
from timing import best_of

from symdiff import integrate_samples, lambdify, roc_auc


def versus(label: str, ours: Callable[[], object], theirs: Callable[[], object], goal: float | None,
           repeats: int = 7) -> None:
    # Alternate the two, a run each, so both see the same load.
    mine, peer = [], []
    for _ in range(repeats):
        mine.append(best_of(ours, 1))
        peer.append(best_of(theirs, 1))
    a, b = min(mine), min(peer)
    verdict = "" if goal is None else f"  (goal <= {goal:g}: {'ok' if a / b <= goal else 'MISSED'})"
    print(f"{label:58} {a * 1e3:9.2f}ms {b * 1e3:9.2f}ms {a / b:7.2f}{verdict}")


def lambdify_cases() -> None:
    x = np.linspace(0.1, 3.0, 1_000_000)
    hand: list[tuple[str, Callable[[], object]]] = [
        ("sin(x)*exp(-x^2) + x^2/(1 + x^2)", lambda: np.sin(x) * np.exp(-x**2) + x**2 / (1 + x**2)),
        ("sigmoid(3x - 1)*(1 - sigmoid(3x - 1))",
         lambda: (s := 1 / (1 + np.exp(-(3 * x - 1)))) * (1 - s)),
        ("sqrt(x^2 + 1) + ln(x) - tanh(x)/x", lambda: np.sqrt(x**2 + 1) + np.log(x) - np.tanh(x) / x),
        ("x^5 - 3x^3 + 2x - 7", lambda: x**5 - 3 * x**3 + 2 * x - 7),
    ]  # fmt: skip
    print("lambdify, 10^6 points          symdiff vs NumPy by hand")
    for text, by_hand in hand:
        f = lambdify(text, "x")
        np.testing.assert_allclose(f(x), by_hand(), rtol=1e-10)
        versus(f"  {text}", lambda f=f: f(x), by_hand, 1.25)
    print("lambdify, 10^6 points, repeated subexpressions   symdiff vs sympy.lambdify")
    X = sympy.Symbol("x")
    u, v = sympy.sin(X) + sympy.cos(X), sympy.exp(-X / 2)
    repeated = [
        ("(sin x + cos x)^2 + (sin x + cos x)^3 + sqrt(sin x + cos x + 2)", u**2 + u**3 + sympy.sqrt(u + 2)),
        ("e^(-x/2) sin(e^(-x/2)) + cos(e^(-x/2))/(1 + e^(-x/2))", v * sympy.sin(v) + sympy.cos(v) / (1 + v)),
    ]
    for text, peer in repeated:
        f = lambdify(text, "x")
        g = sympy.lambdify(X, peer, "numpy")
        np.testing.assert_allclose(f(x), g(x), rtol=1e-10)
        versus(f"  {text[:56]}", lambda f=f: f(x), lambda g=g: g(x), 1.0)


def extra_memory(run: Callable[[], object]) -> int:
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def integration_cases() -> None:
    n = 10_000_000
    rng = np.random.default_rng(0)
    y = rng.random(n)
    x = np.cumsum(rng.uniform(0.5, 1.5, n))
    print("integrate_samples, 10^7 samples   symdiff vs numpy.trapezoid")
    assert abs(integrate_samples(y, dx=0.1).value - np.trapezoid(y, dx=0.1)) < 1e-6 * n
    versus("  trapezoid, dx=", lambda: integrate_samples(y, dx=0.1), lambda: np.trapezoid(y, dx=0.1), 0.5)
    versus("  trapezoid, x array", lambda: integrate_samples(y, x), lambda: np.trapezoid(y, x), 1.0)
    versus("  (reference: numpy.sum, the bandwidth floor, vs trapezoid dx=)", lambda: np.sum(y),
           lambda: np.trapezoid(y, dx=0.1), None)
    versus("  (reference: simpson, x array, vs trapezoid, x array)", lambda: integrate_samples(y, x, method="simpson"),
           lambda: np.trapezoid(y, x), None)
    for label, run in [("dx=", lambda: integrate_samples(y, dx=0.1)), ("x array", lambda: integrate_samples(y, x)),
                       ("numpy.trapezoid, x array", lambda: np.trapezoid(y, x))]:
        print(f"  extra memory, {label:27} {extra_memory(run) / n:6.1f} bytes per sample")


def roc_cases() -> None:
    try:
        from sklearn.metrics import roc_auc_score
    except ImportError:
        print("roc_auc: scikit-learn is not installed; skipped (pip install scikit-learn)")
        return
    rng = np.random.default_rng(1)
    print("roc_auc                           symdiff vs sklearn.metrics.roc_auc_score")
    for n in (1_000_000, 10_000_000):
        labels = rng.integers(0, 2, n)
        scores = rng.normal(size=n) + labels
        assert abs(roc_auc(labels, scores) - roc_auc_score(labels, scores)) < 1e-9
        versus(f"  {n:,} scores", lambda y=labels, s=scores: roc_auc(y, s),
               lambda y=labels, s=scores: roc_auc_score(y, s), 2.0, repeats=3)


if __name__ == "__main__":
    print(f"{'case':58} {'symdiff':>11} {'peer':>11} {'ratio':>7}")
    lambdify_cases()
    integration_cases()
    roc_cases()
