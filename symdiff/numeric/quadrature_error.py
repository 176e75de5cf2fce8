"""The error estimate of one G7-K15 panel: QUADPACK's, lowered where f's Legendre series is seen to converge.

QUADPACK's estimate (``quadpack_error``) is resasc·min(1, (200·|K15 - G7|/resasc)^1.5): the
7-point rule's error |K15 - G7|, scaled by a rule of thumb. Where the rule has converged it is
far above K15's true error (10^3 to 10^8 times on the benchmark's smooth panels), which costs
bisections that nothing needs.

``panel_errors`` asks the 15 values themselves how fast f converges. They fix the polynomial p
of degree 14 through the 15 nodes; its Legendre coefficients c_0..c_14 (on [-1, 1]) are those
of f plus the aliases of f's higher terms. K15 integrates P_n exactly for n <= 22 and for
every odd n (its nodes are symmetric), and its error on P_n is the number κ_n = |K15(P_n)|
(κ_24 = 0.011, κ_26 = 0.031, κ_28 = 0.14, then at most 2 = Σ w). So

    |K15 - ∫ f| <= h·Σ_{n even >= 24} κ_n·|a_n|,     h = (b - a)/2,

where a_n are f's coefficients. We cannot see a_n for n >= 15; we model them from the ones we
see, as Berntsen and Espelid's null-rule estimates do (BIT 31, 1991): with E_1, E_2, E_3 the
sizes of the coefficient pairs (13, 14), (11, 12), (9, 10), the ratio per two degrees is
r = max(E_1/E_2, E_2/E_3), and |a_{14 + 2j}| <= Ê·r^j with Ê = max(E_1, r·E_2, r²·E_3) (a pair
that is small by accident, or by symmetry, does not make the estimate small). The estimate is
SAFETY·h·Σ_j κ_{14+2j}·Ê·r^j. It is used only when r <= R_ASYMPTOTIC (the coefficients fall at
least 4-fold per two degrees: f is analytic on a region around the panel, the asymptotic regime
the model describes); it never exceeds QUADPACK's estimate nor falls below the rounding bound
50·eps·resabs. For an entire function (cos, exp) the coefficients fall faster than any
geometric rate, so the model over-estimates; for a pole at distance d the rate is geometric and
the model is right up to SAFETY; a kink, a jump or an endpoint singularity makes them fall
algebraically, r is near 1, and QUADPACK's estimate stays. ``tests/numeric/test_quadrature_safety.py``
and ``benchmarks/bench_quadrature.py`` measure it on a seeded family of integrands with known
values against the true errors and against ``scipy.integrate.quad``.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from .quadrature_rules import NODES

__all__ = ["R_ASYMPTOTIC", "SAFETY", "panel_errors", "quadpack_error"]

_EPS = sys.float_info.epsilon
_TINY = sys.float_info.min
R_ASYMPTOTIC = 0.25  # largest ratio per two degrees at which the series is trusted to keep falling
R_CHECK = 0.5  # largest ratio at which the model is computed, to be checked when the panel is bisected
STEADY = 0.25  # least factor by which the ratio may shrink from one pair to the next
SAFETY = 10.0
WIGGLES = 4  # crossings of the mean that make a panel whose coefficients do not fall an oscillation  # the model's estimate is multiplied by this
_TAIL_DEGREE = 200  # κ_n is summed to this degree; beyond it the geometric tail is bounded with κ_n <= 2


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
    rules' sums times ``half``): QUADPACK's (``quadpack``, which its tests for rounding and divergence
    use); that, at least |K15 - G7| (``cautious``); the Legendre
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
    refined = np.where(trusted, np.maximum(np.minimum(model, cautious), _rounding_floor(np.zeros_like(cautious), resabs)), cautious)
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

    from .quadrature_rules import KRONROD_WEIGHTS

    degrees = np.arange(24, _TAIL_DEGREE + 1, 2)
    values = legendre.legvander(np.array(NODES), _TAIL_DEGREE)[:, degrees]
    return np.abs(np.array(KRONROD_WEIGHTS) @ values), 5
