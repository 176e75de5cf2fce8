"""The Gauss–Kronrod 7-15 rule: the 7-point Gauss rule embedded in the 15-point Kronrod rule.

Nodes and weights on [-1, 1], to full double precision, as QUADPACK's ``qk15`` lists them
(Piessens, de Doncker-Kapenga, Überhuber and Kahaner, *QUADPACK*, Springer 1983). The Kronrod
rule adds 8 nodes to the Gauss rule's 7 and reuses its values: K15 is exact for polynomials of
degree 22 (3·7 + 1), G7 for degree 13 (2·7 - 1), and the difference of the two estimates an
interval's error. ``nodes`` and ``kronrod_weights`` run from -1 to 1; ``gauss_weights`` is zero
at the Kronrod-only nodes, so both estimates are dot products with the same 15 values.
"""

from __future__ import annotations

__all__ = ["GAUSS_WEIGHTS", "KRONROD_WEIGHTS", "NODES", "RULE_POINTS"]

# The non-negative half, from the outermost node in: xgk(1..8), wgk(1..8), and wg(1..4) for
# the Gauss nodes xgk(2), xgk(4), xgk(6) and xgk(8) = 0.
_XGK = (
    0.991455371120812639206854697526329,
    0.949107912342758524526189684047851,
    0.864864423359769072789712788640926,
    0.741531185599394439863864773280788,
    0.586087235467691130294144845693013,
    0.405845151377397166906606412076961,
    0.207784955007898467600689403773245,
    0.000000000000000000000000000000000,
)
_WGK = (
    0.022935322010529224963732008058970,
    0.063092092629978553290700663189204,
    0.104790010322250183839876322541518,
    0.140653259715525918745189590510238,
    0.169004726639267902826583426598550,
    0.190350578064785409913256402421014,
    0.204432940075298892414161999234649,
    0.209482141084727828012999174891714,
)
_WG = (
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327,
)

RULE_POINTS = 15  # function values per interval

# -x1, ..., -x7, 0, x7, ..., x1: the centre node once.
NODES: tuple[float, ...] = tuple(-x for x in _XGK[:-1]) + tuple(reversed(_XGK))
KRONROD_WEIGHTS: tuple[float, ...] = _WGK[:-1] + tuple(reversed(_WGK))
_GAUSS_HALF = (*(_WG[i // 2] if i % 2 else 0.0 for i in range(7)), _WG[3])  # xgk(2k) are Gauss nodes
GAUSS_WEIGHTS: tuple[float, ...] = _GAUSS_HALF[:-1] + tuple(reversed(_GAUSS_HALF))
