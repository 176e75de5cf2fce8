"""The area under sin from 0 to pi (exactly 2) by each method, and how the error falls as n grows.

    python examples/area_under_sine.py [output-folder]

Prints, for each method, the estimate, the actual error, Richardson's error estimate and the
observed order log2(error(n/2) / error(n)): about 1 for the left and right sums, 2 for the
midpoint sum and trapezoid rule, 4 for Simpson's rule. With matplotlib installed it also draws
the errors on log-log axes and the shapes of each sum for n = 6, as PNG files.
"""

import math
import sys
from pathlib import Path

from symdiff import integrate
from symdiff.numeric.area import METHODS

EXACT = 2.0
SIZES = [2, 4, 8, 16, 32, 64, 128, 256]

# Left and right sums of sin over [0, pi] equal the trapezoid rule (sin is 0 at both ends), so
# they would show order 2; over [0, pi/2] (exact area 1) they show their own order, 1.
CASES = [("sin x", "0", "pi", EXACT), ("sin x", "0", "pi/2", 1.0)]

errors: dict[tuple[str, str], list[float]] = {}
for text, a, b, exact in CASES:
    print(f"\n∫ {text} dx from {a} to {b} = {exact:g}")
    for method in METHODS:
        print(f"\n  {method}")
        print(f"  {'n':>5} {'estimate':>18} {'error':>11} {'Richardson':>11} {'order':>6}")
        series = errors.setdefault((method, b), [])
        for n in SIZES:
            result = integrate(text, "x", a, b, method=method, n=n)
            error = abs(result.value - exact)
            order = f"{math.log2(series[-1] / error):6.2f}" if series and error > 1e-14 else ""
            series.append(error)
            print(f"  {n:>5} {result.value:>18.12f} {error:>11.3e} {result.error:>11.3e} {order:>6}")

print("\nThe working for Simpson's rule with n = 4:")
print(integrate("sin x", "x", "0", "pi", method="simpson", n=4).working())

try:
    from matplotlib.figure import Figure
except ImportError:
    print("\n(matplotlib is not installed: pip install 'symdiff[plot]' for the pictures)")
    sys.exit(0)

from symdiff import plot_riemann  # noqa: E402

folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
folder.mkdir(parents=True, exist_ok=True)
figure = Figure(figsize=(7, 5), layout="constrained")
axes = figure.add_subplot()
for (method, b), series in errors.items():
    if b == "pi/2" and method in ("left", "right"):
        axes.loglog(SIZES, series, "o-", label=f"{method} (order 1, on [0, π/2])")
    elif b == "pi" and method not in ("left", "right"):
        order = METHODS[method][0]
        axes.loglog(SIZES, series, "o-", label=f"{method} (order {order})")
axes.set_xlabel("n (intervals)")
axes.set_ylabel("|error|")
axes.set_title("Error of each rule for the area under sin")
axes.grid(True, which="both", alpha=0.3)
axes.legend(fontsize="small")
figure.savefig(folder / "area_errors.png", dpi=110)
print(f"\nwrote {folder / 'area_errors.png'}")
for method in METHODS:
    path = folder / f"area_{method}.png"
    plot_riemann("sin x", 0, "pi", 6, method=method, path=path)
    print(f"wrote {path}")
