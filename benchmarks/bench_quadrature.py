"""Adaptive Gauss–Kronrod quadrature against scipy.integrate.quad, in one process.

    python benchmarks/bench_quadrature.py [tol]              # the table (tol 1e-10 and 1.49e-8), then safety
    python benchmarks/bench_quadrature.py --family [n] [seed]  # safety on n integrands (2,000, seed 7)

For each integrand of the table (smooth, nearly singular, endpoint-singular, oscillatory, on
finite and infinite intervals): symdiff's value, its true error against the exact value (a
closed form, evaluated by mpmath at 30 digits), the evaluations it used, and quad's
evaluations (``full_output=1`` gives ``neval``) at the same tolerance (epsabs = epsrel = tol),
with the time of each. Goal (issue 15): every error within the tolerance, and evaluations at
most 1.5x quad's.

The safety section runs the seeded family of ``tests/numeric/test_quadrature_safety.py`` (sines
up to k = 200, polynomials times e^(cx), peaks down to e = 1e-6, |x - c|^p, x^p ln x, and sums
of them, on random intervals at tolerances 1e-6..1e-12, exact values from closed forms) through
symdiff and quad: how often the TRUE error exceeds the tolerance among the answers (symdiff
refuses with IntegrationError; quad warns, so it is counted both over all its answers and over
those with ier = 0), and how often it exceeds the answer's own error estimate (quad's abserr).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import mpmath
import numpy as np
from scipy.integrate import IntegrationWarning, quad
from timing import best_of

from symdiff import integrate, lambdify

mp = mpmath.mp
mp.dps = 30
INF = float("inf")

# (integrand, a, b, exact value as an mpmath expression)
CASES: list[tuple[str, float, float, object]] = [
    ("e^x", 0, 1, lambda: mp.e - 1),
    ("sin x", 0, float(np.pi), lambda: mp.mpf(2)),
    ("x^5 - 3x^2 + 1", -1, 2, lambda: mp.mpf(21) / 2 - 9 + 3),
    ("cos(x)^2", 0, 10, lambda: 5 + mp.sin(20) / 4),
    ("1/(1 + 25x^2)", -1, 1, lambda: 2 * mp.atan(5) / 5),
    ("sqrt x", 0, 1, lambda: mp.mpf(2) / 3),
    ("ln x", 0, 1, lambda: mp.mpf(-1)),
    ("1/sqrt x", 0, 1, lambda: mp.mpf(2)),
    ("x^(-0.9)", 0, 1, lambda: mp.mpf(10)),
    ("ln(x) sqrt(x)", 0, 1, lambda: mp.mpf(-4) / 9),
    ("sin(50x)", 0, 1, lambda: (1 - mp.cos(50)) / 50),
    ("x sin(30x) cos(x)", 0, 2 * float(np.pi), lambda: mp.quad(lambda x: x * mp.sin(30 * x) * mp.cos(x),
                                                               mp.linspace(0, 2 * mp.pi, 61))),
    ("1/((x - 0.3)^2 + 1e-4)", 0, 1, lambda: 100 * (mp.atan(70) + mp.atan(30))),
    ("e^(-x^2)", 0, INF, lambda: mp.sqrt(mp.pi) / 2),
    ("1/(1 + x^2)", -INF, INF, lambda: mp.pi),
    ("e^(-x)", 0, INF, lambda: mp.mpf(1)),
    ("x^2 e^(-x)", 0, INF, lambda: mp.mpf(2)),
    ("1/(1 + x^4)", 1, INF, lambda: mp.quad(lambda x: 1 / (1 + x**4), [1, mp.inf])),
    ("e^(-abs(x))", -INF, INF, lambda: mp.mpf(2)),
    ("sqrt(abs(x - 0.3))", 0, 1, lambda: (2 * mp.mpf("0.3") ** 1.5 + 2 * mp.mpf("0.7") ** 1.5) / 3),
]


def _quad(f, a: float, b: float, tol: float) -> tuple[float, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IntegrationWarning)
        value, _, info = quad(lambda x: float(f(x)), a, b, epsabs=tol, epsrel=tol, full_output=1, limit=200)
    return value, info["neval"]


def table(tol: float) -> None:
    print(f"tol = {tol:g} (epsabs = epsrel = tol for both)")
    print(f"{'integrand':26} {'a':>5} {'b':>5} {'value':>20} {'error':>9} {'est.':>9} {'evals':>6} {'quad':>6} "
          f"{'ratio':>6} {'ours ms':>8} {'quad ms':>8}")
    worst, misses = 0.0, []
    for text, a, b, exact in CASES:
        truth = exact()
        f = lambdify(text, ["x"])
        result = integrate(text, "x", a, b, method="adaptive", tol=tol)
        _, neval = _quad(f, a, b, tol)
        error = float(abs(mp.mpf(result.value) - truth))
        bound = max(tol, tol * abs(float(truth)))
        ratio = result.evaluations / neval
        worst = max(worst, ratio)
        if error > bound:
            misses.append(text)
        ours = best_of(lambda text=text, a=a, b=b: integrate(text, "x", a, b, method="adaptive", tol=tol), 3)
        theirs = best_of(lambda f=f, a=a, b=b: _quad(f, a, b, tol), 3)
        flag = "" if error <= bound else "  OUTSIDE TOL"
        print(f"{text:26} {a:>5.3g} {b:>5.3g} {result.value:>20.15g} {error:>9.1e} {result.error:>9.1e} "
              f"{result.evaluations:>6} {neval:>6} {ratio:>6.2f} {ours * 1e3:>8.2f} {theirs * 1e3:>8.2f}{flag}")
    print(f"worst evaluation ratio (symdiff / quad): {worst:.2f} (goal <= 1.5: {'ok' if worst <= 1.5 else 'MISSED'}); "
          f"errors outside the tolerance: {len(misses)} {misses or ''}")


def safety(n: int, seed: int) -> None:
    """The seeded family of tests/numeric/test_quadrature_safety.py, n cases, against quad: how often
    the TRUE error exceeds the tolerance (among answers; ours refuses with IntegrationError, quad
    warns with ier > 0) and how often it exceeds the returned error estimate."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "numeric"))
    from test_quadrature_safety import bound, family

    from symdiff import IntegrationError

    counts = {side: dict.fromkeys(("answered", "refused", "outside tol", "over estimate", "evals"), 0)
              for side in ("symdiff", "quad", "quad (ier = 0)")}
    worst: dict[str, list[tuple[float, str]]] = {"symdiff": [], "quad (ier = 0)": []}
    for case in family(n, seed):
        f = lambdify(case.text, ["x"], invalid="nan")  # quad may land on a singular point: nan, then ier > 0
        try:
            result = integrate(case.text, "x", case.a, case.b, method="adaptive", tol=case.tol)
            rows = [("symdiff", result.value, result.error, result.evaluations)]
        except IntegrationError:
            rows = [("symdiff", None, None, 0)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IntegrationWarning)
            value, abserr, info, *rest = quad(lambda x, f=f: float(f(x)), case.a, case.b, epsabs=case.tol,
                                              epsrel=case.tol, limit=200, full_output=1)
        rows.append(("quad", value, abserr, info["neval"]))
        rows.append(("quad (ier = 0)", *(rows[-1][1:] if not rest else (None, None, info["neval"]))))
        for side, got, estimate, evals in rows:
            tally = counts[side]
            tally["evals"] += evals
            if got is None or not np.isfinite(got):
                tally["refused"] += 1
                continue
            tally["answered"] += 1
            error = abs(got - case.exact)
            floor = 4e-16 * abs(case.exact)  # the exact value's own rounding
            if error > bound(case):
                tally["outside tol"] += 1
                if side in worst:
                    where = f"{case.text} on [{case.a:g}, {case.b:g}] tol {case.tol:g}"
                    worst[side].append((error / bound(case), where))
            if error > max(estimate, floor):
                tally["over estimate"] += 1
    print(f"\nsafety: {n} random integrands with exact values (seed {seed}), tolerances 1e-6..1e-12, limit 200")
    print(f"{'':16} {'answered':>9} {'refused':>8} {'true error > tol':>17} {'true error > estimate':>22} "
          f"{'evaluations':>12}")
    for side, tally in counts.items():
        print(f"{side:16} {tally['answered']:>9} {tally['refused']:>8} {tally['outside tol']:>17} "
              f"{tally['over estimate']:>22} {tally['evals']:>12}")
    for side, misses in worst.items():
        for ratio, what in sorted(misses, reverse=True)[:5]:
            print(f"  {side}: error {ratio:.3g}x the tolerance: {what}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--family":
        safety(int(sys.argv[2]) if len(sys.argv) > 2 else 2000, seed=int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    else:
        for tol in [float(sys.argv[1])] if len(sys.argv) > 1 else [1e-10, 1.49e-8]:
            table(tol)
            print()
        safety(1000, seed=1)
