"""The area next to the ends of an interval that a rule's samples may not see.

A rule samples an interval at points spaced by its step (Riemann sums, trapezoid, Simpson) or at
nodes inside each piece (adaptive Gauss-Kronrod). An integrand that changes on a far smaller
scale next to an end is invisible to them: e^(-x) on [0, 10^5] was 0 at every node. Here |f| is
summed by the trapezoid rule on points at a step, a tenth of it, a hundredth, ... from the end,
down to the float next to it: a few dozen evaluations that see such an area, and on a stretch the
rule resolved are at most about twice the area there (x^(-0.99) at 0: 2.1 times).
"""

from __future__ import annotations

import math
import sys
from typing import Any

__all__ = ["MISSED", "area_next_to_ends"]

MISSED = 10.0  # an area next to an end this many times what the rule saw was missed by it


def area_next_to_ends(f: Any, ends: list[tuple[float, float, float]]) -> list[float]:
    """For each (end, inward, width) (inward 1.0 from a left end, -1.0 from a right one), the
    trapezoid sum of |f| on end + inward*width*10^-k, k = 0, 1, ... down to the float next to
    the end. Values without a finite float count 0: an integrable singularity at an end is the
    rule's own to handle. Ends of no width hold no area (0.0)."""
    import numpy as np

    rows = []
    for end, inward, width in ends:
        if not width > 0:
            rows.append(None)
            continue
        decades = math.log10(width / max(math.ulp(end), sys.float_info.min))
        rows.append(end + inward * width * 10.0 ** -np.arange(0.0, min(max(decades, 1.0), 330.0)))
    present = [row for row in rows if row is not None]
    if not present:
        return [0.0] * len(rows)
    points = np.concatenate(present)
    with np.errstate(all="ignore"):
        sizes = np.abs(np.asarray(f(points), dtype=float) * np.ones(points.size))
    sizes[~np.isfinite(sizes)] = 0.0
    found, at = [], 0
    for row in rows:
        if row is None:
            found.append(0.0)
            continue
        part = sizes[at:at + len(row)]
        found.append(float(((part[1:] + part[:-1]) / 2 * np.abs(np.diff(row))).sum()))
        at += len(row)
    return found
