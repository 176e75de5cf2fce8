"""The method of exhaustion: the area of the unit circle squeezed between regular polygons.

    python examples/method_of_exhaustion.py [output-folder]

Archimedes bounded π between the areas of regular n-gons inscribed in and circumscribed about
the unit circle. The inscribed n-gon is n triangles of area sin(2π/n)/2, so its area is
n/2·sin(2π/n); the circumscribed one is n·tan(π/n). The script prints both for growing n, with
the gap between them, then asks symdiff for the limit of each as n -> oo, with the steps: both
are π. With matplotlib installed it draws the polygons for n = 4, 6 and 12 around the circle.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import symdiff

INSCRIBED = "n/2 sin(2 pi/n)"
CIRCUMSCRIBED = "n tan(pi/n)"
SIDES = [3, 4, 6, 12, 24, 48, 96, 192, 384, 768, 1536]


def table() -> None:
    inscribed, circumscribed = symdiff.lambdify(INSCRIBED, "n"), symdiff.lambdify(CIRCUMSCRIBED, "n")
    print(f"{'n':>6} {'inscribed':>16} {'circumscribed':>16} {'gap':>11}")
    for n in SIDES:
        low, high = float(inscribed(n)), float(circumscribed(n))
        print(f"{n:>6} {low:>16.12f} {high:>16.12f} {high - low:>11.3e}")
    print(f"{'':>6} {'π = ' + format(math.pi, '.12f'):>16}")
    # Archimedes worked with perimeters, whose halves n sin(π/n) and n tan(π/n) close in faster: at
    # n = 96 they give his 3 10/71 < π < 3 1/7.
    low, high = 96 * math.sin(math.pi / 96), 96 * math.tan(math.pi / 96)
    assert 3 + 10 / 71 < low < math.pi < high < 3 + 1 / 7
    print(f"\nArchimedes, n = 96 (half-perimeters): 3 10/71 = {3 + 10 / 71:.6f} < {low:.6f} < π < {high:.6f} "
          f"< {3 + 1 / 7:.6f} = 3 1/7")


def limits() -> None:
    for name, text in [("inscribed", INSCRIBED), ("circumscribed", CIRCUMSCRIBED)]:
        result = symdiff.limit(text, "n", "oo")
        print(f"\nThe {name} polygons: lim[n->oo] {text} = {result.value}")
        print(result.explain())


def draw(folder: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print('\n(no pictures: pip install ".[plot]" for matplotlib)')
        return
    figure, axes = plt.subplots(1, 3, figsize=(12, 4.2))
    for ax, n in zip(axes, [4, 6, 12], strict=True):
        t = [2 * math.pi * k / 400 for k in range(401)]
        ax.plot([math.cos(a) for a in t], [math.sin(a) for a in t], color="black", lw=1.2, label="unit circle")
        corners = [2 * math.pi * k / n for k in range(n + 1)]
        ax.plot([math.cos(a) for a in corners], [math.sin(a) for a in corners], color="tab:blue",
                label=f"inscribed: {n / 2 * math.sin(2 * math.pi / n):.4f}")
        r = 1 / math.cos(math.pi / n)  # the circumscribed polygon's corners, its sides touching the circle
        outer = [a + math.pi / n for a in corners]
        ax.plot([r * math.cos(a) for a in outer], [r * math.sin(a) for a in outer], color="tab:red",
                label=f"circumscribed: {n * math.tan(math.pi / n):.4f}")
        ax.set_aspect("equal")
        ax.set_title(f"n = {n}")
        ax.legend(loc="lower center", fontsize=8, bbox_to_anchor=(0.5, -0.32))
        ax.axis("off")
    figure.suptitle("π lies between the areas of the inscribed and circumscribed polygons")
    figure.tight_layout()
    path = folder / "exhaustion.png"
    figure.savefig(path, dpi=110)
    print(f"\nwrote {path}")


if __name__ == "__main__":
    table()
    limits()
    draw(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
