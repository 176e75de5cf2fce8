"""The panels of adaptive quadrature and their error estimates: QUADPACK's, and a model of f's Legendre series.

Each panel (``Piece``) is one G7-K15 evaluation (``kronrod``). QUADPACK's estimate
(``quadpack_error``), resasc·min(1, (200·|K15 - G7|/resasc)^1.5), is the 7-point rule's error
scaled by a rule of thumb; where the rule has converged it is far above K15's true error (10^3
to 10^8 times on the benchmark's smooth panels), which costs bisections nothing needs.

The model (``panel_errors``). The 15 values fix the polynomial of degree 14 through the nodes;
its Legendre coefficients c_0..c_14 are f's plus the aliases of f's higher terms. K15
integrates P_n exactly for n <= 22 and for every odd n (its nodes are symmetric), and its
error on P_n is κ_n = |K15(P_n)| (κ_24 = 0.011, κ_26 = 0.031, κ_28 = 0.14, then at most
Σ w = 2), so |K15 - ∫f| <= h·Σ_{n even >= 24} κ_n·|a_n| (h the half-width). The unseen a_n are
modelled from the seen ones, as Berntsen and Espelid's null-rule estimates do: E_1..E_4 are
the sizes of the coefficient pairs (13, 14), (11, 12), (9, 10), (7, 8), r = max(E_1/E_2,
E_2/E_3) the fall per two degrees, |a_{14+2j}| <= Ê·r^j with Ê = max(E_1, r·E_2, r²·E_3) (a pair
small by accident or symmetry does not make the estimate small), and the estimate is
SAFETY·h·Ê·Σ_j κ_{14+2j}·r^j.

When to believe it. An analytic f has coefficients falling geometrically (a pole) or faster,
with a ratio that shrinks at most like 1/n² (an entire function); a kink, a jump or an end
singularity makes them fall algebraically, or oscillate (a singularity inside). So the model
is ``trusted`` only where r <= R_ASYMPTOTIC and the ratio never drops by more than STEADY from
one pair to the next (``regular``). And even then a weak singularity can hide under a larger
smooth part at degrees 7-14 and dominate at 24+: no 15 values can tell. So the model is used
for a panel only after it was checked on the panel's parent (``checked``): bisecting the parent
measures its error, D = |K15(parent) - K15(halves)|, and the halves take their model estimates
only if the parent's own model estimate was at least D. Otherwise they keep QUADPACK's estimate
(never below |K15 - G7|, which QUADPACK's scaling can undercut on a kink), raised to D when the
parent's model failed, and to twice the geometric tail D·max(1, s/(1 - s)) (s = D/D_parent, the
fall per level) when the parent's series did not fall at all: a singular piece's error falls
slowly, and what its halves still hold is the rest of that series. The model's estimate never
exceeds QUADPACK's nor falls below the rounding bound 50·eps·resabs.

An ``unresolved`` panel (the top coefficients the largest, f crossing its mean at least WIGGLES
times: an oscillation faster than degree 14 follows) is cut in four at once (``split``); its
halves would be unresolved too. ``tests/numeric/test_quadrature_safety.py`` and
``benchmarks/bench_quadrature.py --family`` measure all this on a seeded family of integrands with
known values, against the true errors and against ``scipy.integrate.quad``.
"""

from __future__ import annotations

import functools
import itertools
import math
import sys
from dataclasses import dataclass, replace
from typing import Any

from .quadrature_rules import GAUSS_WEIGHTS, KRONROD_WEIGHTS, NODES

__all__ = ["R_ASYMPTOTIC", "SAFETY", "Piece", "checked", "kronrod", "panel_errors", "quadpack_error", "split"]

_EPS = sys.float_info.epsilon
_TINY = sys.float_info.min
R_ASYMPTOTIC = 0.25  # largest ratio per two degrees at which the series is trusted to keep falling
R_CHECK = 0.5  # largest ratio at which the model is computed, to be checked when the panel is bisected
STEADY = 0.25  # least factor by which the ratio may shrink from one pair to the next
SAFETY = 10.0  # the model's estimate is multiplied by this
WIGGLES = 4  # crossings of the mean that make a panel whose coefficients do not fall an oscillation
_TAIL_DEGREE = 200  # κ_n is summed to this degree; beyond it the geometric tail is bounded with κ_n <= 2


@dataclass(frozen=True)
class Piece:
    """One interval of the partition with its K15 estimate, error estimate, and ∫|f| (resabs)
    and ∫|f - mean| (resasc) by the same rule, which QUADPACK's tests for rounding use."""

    a: float
    b: float
    value: float
    error: float
    resabs: float
    resasc: float
    quadpack: float  # QUADPACK's estimate, for QUADPACK's divergence test
    cautious: float  # that, at least |K15 - G7|: ``error`` until the model is checked
    refined: float  # the Legendre model's (quadrature_error): ``error`` once the parent confirmed the model
    model: float  # the model's estimate, to be checked against the halves when this piece is bisected
    change: float = math.inf  # |K15(parent) - K15(parent's halves)|: the parent's error, measured
    unresolved: bool = False  # f wiggles more than the rule follows here: split it in four, not two


def kronrod(g: Any, ends: list[tuple[float, float]]) -> list[Piece]:
    """The G7-K15 rule on each interval in ``ends``, all 15·len(ends) values in one call of ``g``."""
    import numpy as np

    a, b = (np.array(side, dtype=float) for side in zip(*ends, strict=True))
    centre, half = 0.5 * (a + b), 0.5 * (b - a)
    points = centre[:, None] + half[:, None] * np.array(NODES)
    values = np.asarray(g(points.ravel()), dtype=float).reshape(points.shape)
    kronrod_weights = np.array(KRONROD_WEIGHTS)
    k15, g7 = values @ kronrod_weights, values @ np.array(GAUSS_WEIGHTS)
    width = np.abs(half)
    resabs = (np.abs(values) @ kronrod_weights) * width
    resasc = (np.abs(values - 0.5 * k15[:, None]) @ kronrod_weights) * width
    quadpack, cautious, refined, model, unresolved = panel_errors(values, k15 * half, g7 * half, resabs, resasc,
                                                                  half)
    return [Piece(*row, change=math.inf, unresolved=bool(flag))
            for *row, flag in zip(a.tolist(), b.tolist(), (k15 * half).tolist(), cautious.tolist(), resabs.tolist(),
                                  resasc.tolist(), quadpack.tolist(), cautious.tolist(), refined.tolist(),
                                  model.tolist(), unresolved.tolist(), strict=True)]


def split(g: Any, whole: Piece, mid: float, spare: int,
           known: dict[tuple[float, float], tuple[Piece, Piece]]) -> tuple[Piece, Piece, bool]:
    """The halves of ``whole`` and whether they are new. An unresolved whole is cut in four at once
    (its halves would be unresolved too, and their 30 values wasted): each half is then the sum of
    its quarters, and bisecting it later costs nothing."""
    if (whole.a, whole.b) in known:
        return (*known.pop((whole.a, whole.b)), False)
    if not whole.unresolved or spare < 3:
        return (*kronrod(g, [(whole.a, mid), (mid, whole.b)]), True)
    ends = [whole.a, 0.5 * (whole.a + mid), mid, 0.5 * (mid + whole.b), whole.b]
    quarters = kronrod(g, list(itertools.pairwise(ends)))
    halves = []
    for pair in (quarters[:2], quarters[2:]):
        known[(pair[0].a, pair[1].b)] = (pair[0], pair[1])
        total = {field: getattr(pair[0], field) + getattr(pair[1], field)
                 for field in ("value", "error", "resabs", "resasc", "quadpack", "cautious")}
        halves.append(Piece(pair[0].a, pair[1].b, **total, refined=total["cautious"], model=math.inf))
    return (*halves, True)


def checked(whole: Piece, left: Piece, right: Piece) -> tuple[Piece, Piece]:
    """The halves' error estimates after a bisection. D = |K15(whole) - K15(halves)| measures the
    whole's true error (the halves' are smaller). If the whole's model estimate was at least D, the
    model held, and the halves take their own (``refined``, the model's where it applies). If it
    failed, they keep the cautious estimate, at least D. If the whole's series did not fall at all
    (a singularity), its error falls slowly, by s = D/D_parent per level: each half gets at least
    twice the rest of that series, D·max(1, s/(1 - s)) (which half holds the singularity is unknown)."""
    change = abs(whole.value - (left.value + right.value))
    left, right = replace(left, change=change), replace(right, change=change)
    if math.isinf(whole.model):  # the whole's series did not fall (a singularity?): its error falls slowly
        shrink = min(change / whole.change if whole.change > 0 else 0.0, 0.9)  # error ratio per level
        tail = change * max(1.0, shrink / (1 - shrink))  # what the halves still hold: Σ_k change·shrink^k
        return tuple(replace(half, error=max(half.cautious, 2 * tail)) for half in (left, right))
    if change <= whole.model:
        return replace(left, error=left.refined), replace(right, error=right.refined)
    return replace(left, error=max(left.cautious, change)), replace(right, error=max(right.cautious, change))


def quadpack_error(k15: Any, g7: Any, resabs: Any, resasc: Any, half: Any) -> Any:
    """QUADPACK's estimate, resasc·min(1, (200·|K15 - G7|/resasc)^1.5), at least 50·eps·resabs."""
    import numpy as np

    error = np.abs((k15 - g7) * half)
    with np.errstate(all="ignore"):
        scaled = resasc * np.minimum(1.0, (200 * error / resasc) ** 1.5)
    error = np.where((resasc != 0) & (error != 0), scaled, error)
    return _rounding_floor(error, resabs)


def panel_errors(values: Any, k15: Any, g7: Any, resabs: Any, resasc: Any, half: Any) -> tuple[Any, ...]:
    """Four estimates for each panel (a row of ``values``, f at the 15 nodes; ``k15``, ``g7`` the
    rules' sums times ``half``): QUADPACK's (``quadpack``, which its divergence test
    uses); that, at least |K15 - G7| (``cautious``, which its rounding tests use); the Legendre
    model's, infinite where the coefficients do not fall (``model``); and the one to use once the
    model has been checked (``refined``): the model's where r <= R_ASYMPTOTIC, never above the
    cautious one nor below the rounding bound, else the cautious one); and whether the panel is
    ``unresolved``: its top pair of coefficients is the largest and f crosses its mean at least
    WIGGLES times between the nodes, so f oscillates faster than degree 14 can follow and its
    halves will not be resolved either."""
    import numpy as np

    # Where the series does not fall, K15 is no better than G7: QUADPACK's scaling (which assumes it
    # is) can put the estimate below |K15 - G7| itself (a kink inside the panel), so that is the least.
    quadpack = quadpack_error(k15, g7, resabs, resasc, half)
    cautious = np.maximum(quadpack, np.abs(k15 - g7))
    coefficients = values @ _to_legendre().T
    pairs = np.hypot(coefficients[:, 13::-2][:, :4], coefficients[:, 14::-2][:, :4])  # E_1..E_4, degrees 13-14 down
    with np.errstate(all="ignore"):
        ratios = pairs[:, :3] / pairs[:, 1:]  # E_1/E_2, E_2/E_3, E_3/E_4
    ratios = np.where(np.isfinite(ratios), ratios, np.inf)  # 0/0: an exact polynomial; QUADPACK decides
    ratio = ratios[:, :2].max(axis=1)  # the rate of the top coefficients; E_3/E_4 only checks regularity
    falling = ratio <= R_CHECK
    with np.errstate(all="ignore"):
        top = np.maximum.reduce([pairs[:, 0], ratio * pairs[:, 1], ratio * ratio * pairs[:, 2]])
        model = np.where(falling, SAFETY * np.abs(half) * top * _tail(np.where(falling, ratio, 0.0)), np.inf)
    # An analytic function's ratio is steady (a pole) or shrinks like 1/n² (an entire function: by
    # about 0.7 per two degrees here); one that drops faster is a singularity's coefficients
    # oscillating (a kink inside the panel), not convergence.
    regular = (ratios[:, :2] >= STEADY * ratios[:, 1:]).all(axis=1)
    trusted = (ratio <= R_ASYMPTOTIC) & regular & (pairs[:, 3] > 0)
    least = _rounding_floor(np.zeros_like(cautious), resabs)
    refined = np.where(trusted, np.maximum(np.minimum(model, cautious), least), cautious)
    deviation = np.sign(values - values.mean(axis=1, keepdims=True))
    wiggles = (deviation[:, 1:] * deviation[:, :-1] < 0).sum(axis=1)  # a pole or an end singularity has 1 or 2
    unresolved = (pairs[:, 0] >= pairs[:, 1:].max(axis=1)) & (wiggles >= WIGGLES)
    return quadpack, cautious, refined, model, unresolved


def _rounding_floor(error: Any, resabs: Any) -> Any:
    import numpy as np

    return np.where(resabs > _TINY / (50 * _EPS), np.maximum(50 * _EPS * resabs, error), error)


def _tail(ratio: Any) -> Any:
    """Σ_{j >= 5} κ_{14 + 2j}·r^j: K15's error on a series whose even coefficients fall by r per two degrees."""
    import numpy as np

    kappa, first = _kappa()
    powers = ratio[:, None] ** np.arange(first, first + len(kappa))
    rest = 2 * ratio ** (first + len(kappa)) / (1 - ratio)  # κ_n <= Σ w = 2
    return powers @ kappa + rest


@functools.cache
def _to_legendre() -> Any:
    """The matrix taking f's 15 values to the Legendre coefficients of the polynomial through them."""
    import numpy as np
    from numpy.polynomial import legendre

    return np.linalg.inv(legendre.legvander(np.array(NODES), len(NODES) - 1))


@functools.cache
def _kappa() -> tuple[Any, int]:
    """κ_n = |K15(P_n)| for even n from 24 to _TAIL_DEGREE, and the first j (n = 14 + 2j)."""
    import numpy as np
    from numpy.polynomial import legendre

    degrees = np.arange(24, _TAIL_DEGREE + 1, 2)
    values = legendre.legvander(np.array(NODES), _TAIL_DEGREE)[:, degrees]
    return np.abs(np.array(KRONROD_WEIGHTS) @ values), 5
