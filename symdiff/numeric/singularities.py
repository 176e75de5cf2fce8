"""Where a function has no finite value or a pole inside an interval, found on a fine scan.

A sum's samples never land on 1/(x - 0.3)'s pole, and the Fundamental Theorem does not hold
across one, so both the Riemann sums and the exact integrals look before they integrate. A
point without a value shows as nan or inf at a sample; a pole as a spike of |f| far above its
typical size that keeps growing when zoomed into (a finite peak or jump stops growing).
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["SCAN_INTERVALS", "Singularity", "find_singularity", "is_pole"]

# The interior is scanned on this many intervals, whatever n a sum uses.
SCAN_INTERVALS = 4096
_POLE_RATIO = 100.0  # |f| at a local peak this many times its typical size is worth zooming into
# A peak this many times the typical size is taken for a pole without zooming: a sample can land
# within rounding of the pole itself (sec(x)^2 at the float nearest π/2 is 2.7e32, finite), and
# then no zoom finds anything larger. A finite peak so narrow is beyond any sum's samples anyway.
_CERTAIN_RATIO = 1e12


class Singularity(NamedTuple):
    kind: str  # "no value" (a sample is nan or ±inf) or "pole" (|f| grows without bound nearby)
    at: float


def find_singularity(f: Any, xs: Any) -> Singularity | None:
    """The first point of ``xs`` (sorted, inside the interval) where the vectorised ``f`` has no
    finite value, else the highest spike that zooms into a pole, else None."""
    import numpy as np

    with np.errstate(all="ignore"):
        ys = np.asarray(f(xs), dtype=float) * np.ones_like(xs)
    bad = ~np.isfinite(ys)
    if bad.any():
        return Singularity("no value", float(xs[int(np.argmax(bad))]))
    size = np.abs(ys)
    typical = float(np.median(size)) + 1e-300
    peaks = np.nonzero((size[1:-1] >= size[:-2]) & (size[1:-1] >= size[2:]) & (size[1:-1] > _POLE_RATIO * typical))[0]
    for i in peaks[np.argsort(-size[1:-1][peaks])][:8] + 1:
        if size[i] > _CERTAIN_RATIO * typical or is_pole(f, float(xs[i - 1]), float(xs[i + 1]), float(size[i])):
            return Singularity("pole", float(xs[i]))
    return None


def is_pole(f: Any, left: float, right: float, height: float) -> bool:
    """Whether |f| grows without bound when [left, right], around a spike of ``height``, is zoomed into."""
    import numpy as np

    for _ in range(8):  # each zoom narrows the bracket 16 times
        xs = np.linspace(left, right, 33)
        with np.errstate(all="ignore"):
            size = np.abs(np.asarray(f(xs), dtype=float) * np.ones_like(xs))
        if not np.isfinite(size).all():
            return True
        k = int(np.argmax(size))
        left, right = float(xs[max(k - 1, 0)]), float(xs[min(k + 1, 32)])
        if right - left <= 4 * np.spacing(max(abs(left), abs(right), 1e-300)):
            break
    return float(size.max()) > 1e3 * height
