"""Where a function has no finite value or a pole inside an interval, found on a fine scan.

A sum's samples never land on 1/(x - 0.3)'s pole, and the Fundamental Theorem does not hold
across one, so both the Riemann sums and the exact integrals look before they integrate. A
point without a value shows as nan or inf at a sample; a pole as a spike of |f| far above its
typical size that keeps growing when zoomed into (a finite peak or jump stops growing).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..algebra.defined import constant_normal_form
from ..algebra.simplify import Simplifier
from ..core.errors import EvaluationError, IntegrationError
from ..core.evaluate import evaluate
from ..core.expr import Expr
from ..core.printer import to_text
from ..core.traversal import size_as_written

__all__ = ["SCAN_INTERVALS", "Singularity", "constant_in_value", "find_singularity", "is_pole", "non_integrable_pole",
           "refuse_gap_next_to", "refuse_outside_domain"]

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
        certain = size[i] > _CERTAIN_RATIO * typical and _falls_away(f, float(xs[i]), float(size[i]))
        if certain or is_pole(f, float(xs[i - 1]), float(xs[i + 1]), float(size[i])):
            return Singularity("pole", float(xs[i]))
    return None


def _falls_away(f: Any, at: float, height: float) -> bool:
    """Whether |f| falls far below ``height`` within 10^-8 of ``at`` (relative to its size): a
    sample within rounding of a pole does (sec(x)^2 at the float nearest pi/2 is 2.7e32, and
    1e-8 away 4e15), while a smooth peak, however high above the rest of the interval, stays
    level there (1/(1 + x^2) at 0, on [-10^9, 10^9]; e^(-(x - 50)^2) at 50)."""
    import numpy as np

    step = 1e-8 * max(1.0, abs(at))
    with np.errstate(all="ignore"):
        sizes = np.abs(np.asarray(f(np.asarray([at - step, at + step])), dtype=float) * np.ones(2))
    return bool(not np.isfinite(sizes).all() or sizes.max() < height / 10)


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


def non_integrable_pole(f: Any, left: float, right: float) -> float | None:
    """A pole inside the finite [left, right] near which |f| grows at least as 1/|x - a| does, so
    that no integral across it exists (adaptive quadrature would give 1/(x - 0.3) on [0, 2] its
    principal value, 1.73, as if it were one); None when there is none. A pole like 1/sqrt|x|,
    whose integral exists, passes: |f| ~ d^(-p) at a distance d, and only p >= 1 is refused."""
    import numpy as np

    found = find_singularity(f, np.linspace(left, right, SCAN_INTERVALS + 1)[1:-1])
    if found is None or found.kind != "pole":
        return None  # a point without a value is the integrand's own refusal
    step = (right - left) / SCAN_INTERVALS
    at = _zoomed(f, found.at - step, found.at + step)
    width = right - left
    with np.errstate(all="ignore"):
        for side in (-1.0, 1.0):
            distances = [width * 10.0 ** -k for k in (4, 5, 6)]
            points = [at + side * d for d in distances if left < at + side * d < right]
            if len(points) < 3:
                continue
            sizes = np.abs(np.asarray(f(np.asarray(points)), dtype=float))
            if not np.isfinite(sizes).all() or (sizes <= 0).any():
                continue
            growth = np.log10(sizes[1:] / sizes[:-1])  # p for each tenfold step closer
            if (growth >= 0.98).all():  # 1/|x - a| gives 1.0; |x - a|^(-0.9), integrable, 0.9
                return at
    return None


def _zoomed(f: Any, left: float, right: float) -> float:
    """Where |f| peaks inside [left, right], narrowed as ``is_pole`` narrows it."""
    import numpy as np

    for _ in range(8):
        xs = np.linspace(left, right, 33)
        with np.errstate(all="ignore"):
            size = np.abs(np.asarray(f(xs), dtype=float) * np.ones_like(xs))
        size[~np.isfinite(size)] = np.inf
        k = int(np.argmax(size))
        left, right = float(xs[max(k - 1, 0)]), float(xs[min(k + 1, 32)])
        if right - left <= 4 * np.spacing(max(abs(left), abs(right), 1e-300)):
            break
    return (left + right) / 2


# What evaluate says of a point outside a function's real domain (sqrt(-1), ln(-2), (-1)^(1/3)),
# as against a division by zero or a float's overflow there, which are singular points.
_OUTSIDE = ("is undefined", "has no finite real value", "has no real value")


def refuse_outside_domain(tree: Expr, name: str, at: float, near: float | None = None) -> None:
    """Refuse an integral of ``tree`` whose interval reaches where it has no real value, at ``at``
    (sqrt(x) on [-1, 1]): naming such a point as a singularity to split at would mislead, as the
    function has no value on a whole stretch of the interval. A pole or a finite point passes.
    The function must have none next to ``at`` either (at ``near``, inside, for an endpoint):
    ln(x) on [0, 1] is an improper integral, and ln(abs(x)) is singular at 0 alone."""
    reason = _outside_domain(tree, name, at)
    if reason is None:
        return
    # Next to it too (a stretch without values), not at a point alone: ln(abs(x)) at 0 is singular.
    step = 1e-6 * max(1.0, abs(at))
    nearby = [near] if near is not None else [at - step, at + step]
    if all(_outside_domain(tree, name, point) is None for point in nearby):
        return
    where = "at the endpoint" if near is not None else "inside the interval, at"
    raise IntegrationError(
        f"{to_text(tree, 60)} has no real value {where} {name} = {at:.6g} ({reason}): a definite integral "
        "needs the function to have a value on the whole interval; take bounds where it has one")


def refuse_gap_next_to(tree: Expr, name: str, end: float, inward: float) -> None:
    """Refuse an integral of ``tree`` that has no real value on a stretch next to the bound ``end``,
    inside the interval (``inward`` is +1 from a lower bound, -1 from an upper one), however
    narrow: 1/sqrt(x - 10^-20) on [0, 1] has none on [0, 1e-20), which a scan of the interval
    misses. Points at 10^-1, 10^-2, ... of the scale from the bound, down to the float next to it;
    two in a row without a value make a stretch (ln(abs(x)) lacks one at 0 alone)."""
    scale = max(1.0, abs(end))
    previous: str | None = None
    for k in range(1, 330):
        at = end + inward * scale * 10.0**-k
        if at == end:
            return
        reason = _outside_domain(tree, name, at)
        if reason is not None and previous is not None:
            raise IntegrationError(
                f"{to_text(tree, 60)} has no real value inside the interval, at {name} = {at:.6g} next to the bound "
                f"{name} = {end:.6g} ({reason}): a definite integral needs the function to have a value on the whole "
                "interval; take bounds where it has one")
        previous = reason


def _outside_domain(tree: Expr, name: str, at: float) -> str | None:
    """Why ``tree`` has no real value at ``at``, when it is outside a function's domain there."""
    try:
        evaluate(tree, {name: at})
        return None
    except EvaluationError as error:
        reason = str(error)
    return reason if any(marker in reason for marker in _OUTSIDE) else None


_LONGEST_CONSTANT = 80  # a longer integrand is not simplified to see whether it is a constant


def constant_in_value(tree: Expr) -> bool:
    """Whether ``tree`` is a constant wherever it has a value (x*(sin(x)^2 + cos(x)^2 - 1) is 0):
    floats give it a rounding's noise, whose spikes a scan would take for poles."""
    if size_as_written(tree, _LONGEST_CONSTANT) > _LONGEST_CONSTANT:
        return False
    return constant_normal_form(tree, Simplifier()) is not None
