"""Adaptive Gauss–Kronrod quadrature: ``integrate(expr, x, a, b, method="adaptive", tol=...)``.

The algorithm is QUADPACK's ``qags`` (Piessens et al. 1983, the routine behind
``scipy.integrate.quad``) with the 7-15 rule of ``quadrature_rules``: estimate the integral
on [a, b] by K15, take the interval with the largest error estimate off a priority queue,
bisect it, and repeat until the sum of the errors is within max(tol, tol·|I|). When the
largest errors crowd into the smallest intervals (an endpoint singularity: ln x, 1/√x at 0),
the running totals are extrapolated by Wynn's epsilon algorithm (``wynn``), which turns the
slow geometric convergence into a fast one. Each interval's error estimate comes from
``quadrature_error``: QUADPACK's,

    err = resasc·min(1, (200·|K15 - G7| / resasc)^1.5),   resasc = ∫ |f - mean f| by K15

(never below |K15 - G7|), until a bisection has confirmed that f's Legendre series falls
geometrically there; the halves then take that series' estimate of K15's own error, far below
QUADPACK's on smooth stretches (``quadrature_error`` gives the argument, and
``tests/numeric/test_quadrature_safety.py`` the measurement). An oscillation the rule cannot
follow is cut in four at once. An infinite bound is mapped onto (0, 1] by x = a + (1 - t)/t, as
QUADPACK's ``qagi`` does. Whenever the tolerance is not met (a divergent integral, a
singularity, fast oscillation, rounding), ``IntegrationError`` says so and why: no value outside
the tolerance is ever returned as if it were one.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..core.errors import IntegrationError, SymdiffError, quote
from ..core.expr import Expr
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .integral import bound_or_infinity
from .near_ends import MISSED, area_next_to_ends
from .quadrature_error import Piece, checked, kronrod, split
from .quadrature_working import AdaptiveIntegral, Interval
from .reals import real_number
from .singularities import non_integrable_pole, refuse_gap_next_to, refuse_outside_domain
from .wynn import EpsilonTable

__all__ = ["DEFAULT_LIMIT", "DEFAULT_TOL", "adaptive_integral", "kronrod"]

DEFAULT_TOL = 1e-10
DEFAULT_LIMIT = 200  # intervals; scipy's quad stops at 50
MAX_LIMIT = 100_000
_EPS = sys.float_info.epsilon
_TINY = sys.float_info.min
_LARGEST = sys.float_info.max


class _Integrand:
    """The function on the integration variable t, vectorised: f itself on a finite interval,
    or f(x(t))·|dx/dt| after the substitution for an infinite one. Counts f's evaluations."""

    def __init__(self, f: Any, tree: Expr, name: str, lo: float, hi: float) -> None:
        self.f, self.tree, self.name = f, tree, name
        self.evaluations = 0
        if math.isinf(hi):
            self.kind, self.start, self.t = "up", lo, (0.0, 1.0)  # x = lo + (1 - t)/t
        elif math.isinf(lo):
            self.kind, self.start, self.t = "down", hi, (0.0, 1.0)  # x = hi - (1 - t)/t
        else:
            self.kind, self.start, self.t = "finite", 0.0, (lo, hi)

    def x_of(self, t: Any) -> Any:
        """The point x that t stands for."""
        if self.kind == "finite":
            return t
        return self.start - (1 - t) / t if self.kind == "down" else self.start + (1 - t) / t

    def x_interval(self, ta: float, tb: float) -> tuple[float, float]:
        """The x-interval that [ta, tb] stands for (t = 0 is the infinite end)."""
        if self.kind == "finite":
            return ta, tb
        ends = [math.inf if t == 0 else (1 - t) / t for t in (tb, ta)]  # x grows as t falls
        if self.kind == "down":
            return self.start - ends[1], self.start - ends[0]
        return self.start + ends[0], self.start + ends[1]

    def __call__(self, t: Any) -> Any:
        import numpy as np

        if self.kind == "finite":
            return self._f(t)
        values = self._f(self.x_of(t))
        with np.errstate(over="ignore"):
            return values / (t * t)

    def _f(self, x: Any) -> Any:
        import numpy as np

        self.evaluations += x.size
        with np.errstate(all="ignore"):
            values = np.asarray(self.f(x), dtype=float) * np.ones_like(x)
        bad = ~np.isfinite(values)
        if bad.any():
            at = float(x.flat[int(np.argmax(bad))])
            refuse_outside_domain(self.tree, self.name, at)
            raise IntegrationError(
                f"{to_text(self.tree, 60)} has no finite value at {self.name} = {at:.10g}, a point the quadrature "
                "needs (it is singular or undefined there, or too large for floating point): check the bounds, or "
                "split the integral there (the rule never evaluates an interval's ends)"
            )
        return values


@dataclass
class _Outcome:
    value: float
    error: float
    pieces: list[Piece]
    problem: str | None  # None when the tolerance is met; else why not
    extrapolated: bool
    at: float | None = None  # where the integrand misbehaves, for the message


def adaptive_integral(expr: Expr | str, var: object, a: object, b: object, *, tol: object = None,
                      limit: object = None) -> AdaptiveIntegral:
    """∫ₐᵇ expr d(var) to within max(tol, tol·|I|), by adaptive Gauss–Kronrod quadrature;
    ``integrate(..., method="adaptive")`` calls this. Bounds may be ±oo."""
    from .compiled import lambdify
    from .integral import _variable

    tree = to_expr(expr)
    name = _variable(tree, var)
    (lo, lo_expr), (hi, hi_expr) = bound_or_infinity(a, "the bound a"), bound_or_infinity(b, "the bound b")
    tol_value = _check_tol(DEFAULT_TOL if tol is None else tol)
    limit_value = _check_limit(DEFAULT_LIMIT if limit is None else limit)
    common = {"method": "adaptive", "dx": None, "extrapolated": None, "a": lo, "b": hi, "expr": tree, "var": name,
              "bounds": (lo_expr, hi_expr), "tol": tol_value}
    if lo == hi:
        return AdaptiveIntegral(value=0.0, n=0, error=0.0, evaluations=0, intervals=(), **common)
    if not math.isfinite(hi - lo) and math.isfinite(lo) and math.isfinite(hi):
        raise IntegrationError(f"the interval from {lo:g} to {hi:g} is too wide for floating point: its width "
                               "overflows; split it, or write a bound as oo")
    try:
        f = lambdify(tree, [name], invalid="nan")  # non-finite values are located and explained by _Integrand
    except SymdiffError as error:
        raise IntegrationError(str(error)) from None
    sign, left, right = (1.0, lo, hi) if lo < hi else (-1.0, hi, lo)  # b < a: minus the integral over [b, a]
    # The rule never evaluates an end: a stretch without values next to one is looked for there.
    for end, inward in ((left, 1.0), (right, -1.0)):
        if math.isfinite(end):
            refuse_gap_next_to(tree, name, end, inward)
    if math.isfinite(left) and math.isfinite(right):
        pole = non_integrable_pole(f, left, right)
        if pole is not None:
            raise IntegrationError(
                f"{to_text(tree, 60)} grows without bound near {name} ≈ {pole:.6g}, inside the interval, at least as "
                f"fast as 1/|{name} - a|: the integral across it diverges (quadrature would give its principal value, "
                "which is not the integral); split it there, each part is improper")
    # (-oo, oo) is split at 0, each half with its own substitution and half the tolerance: QUADPACK
    # integrates f(x) + f(-x) over [0, oo) instead, which makes x/(1 + x^2) (divergent) 0.
    halves = [(left, right)] if math.isfinite(left) or math.isfinite(right) else [(left, 0.0), (0.0, right)]
    share = tol_value / len(halves)
    value = error = 0.0
    intervals: list[Interval] = []
    evaluations, wynn = 0, False
    for start, end in halves:
        g = _Integrand(f, tree, name, start, end)
        outcome = _qags(g, *g.t, share, share, limit_value)
        evaluations += g.evaluations
        if outcome.problem is not None:
            at = "" if outcome.at is None else f" near {name} ≈ {float(g.x_of(outcome.at)):.6g}"
            half = f" (on the half from {start:g} to {end:g})" if len(halves) > 1 else ""
            raise IntegrationError(
                f"∫ {to_text(tree, 60)} d{name} from {to_text(lo_expr)} to {to_text(hi_expr)} could not be estimated "
                f"to within {tol_value:g}{half}: {_PROBLEMS[outcome.problem].format(at=at, limit=limit_value)} (the "
                f"last estimate, {sign * outcome.value:.10g} ± {outcome.error:.2g}, is not trustworthy)"
            )
        if g.kind == "finite":
            _refuse_missed_area(f, tree, name, outcome, (lo_expr, hi_expr))
        value, error, wynn = value + outcome.value, error + outcome.error, wynn or outcome.extrapolated
        intervals += [Interval(*g.x_interval(p.a, p.b), sign * p.value, p.error) for p in outcome.pieces]
    if error > max(tol_value, tol_value * abs(value)):  # the halves cancel: each is within tol of a larger value
        raise IntegrationError(
            f"∫ {to_text(tree, 60)} d{name} from {to_text(lo_expr)} to {to_text(hi_expr)} could not be estimated to "
            f"within {tol_value:g}: its halves on either side of 0 nearly cancel, and their errors (± {error:.2g}) do "
            "not; ask for a smaller tol"
        )
    return AdaptiveIntegral(value=sign * value + 0.0, n=len(intervals), error=error, evaluations=evaluations,
                            intervals=tuple(sorted(intervals)), wynn=wynn, substitution=_substitution(lo, hi),
                            **common)


def _refuse_missed_area(f: Any, tree: Expr, name: str, outcome: _Outcome, bounds: tuple[Expr, Expr]) -> None:
    """Refuse an estimate whose rule missed where the integrand is large. The nodes of K15 on
    [a, b] lie at least 0.004(b - a) inside it, so e^(-x) on [0, 10^5] looked 0 at every node and
    gave 1e-90 ± 4e-90 for 1 (scipy's quad gives 2e-45). Next to each end of each final piece,
    |f| is summed by the trapezoid rule on points 10^-1, 10^-2, ... of the piece's width inside
    it, down to the float next to the end; against the rule's own ∫|f| (resabs) and errors over
    all the pieces, or the estimate itself when larger. On a stretch the rule resolved, such a
    sum is at most about twice the area there (x^-0.99 at 0: 2.1 times)."""
    pieces = outcome.pieces
    # Extrapolation (Wynn's) counts area at a singular end that no piece holds: x^(-0.999) on [0, 1].
    seen = max(math.fsum(p.resabs for p in pieces) + math.fsum(p.error for p in pieces),
               abs(outcome.value) + outcome.error)
    # From a tenth of each piece's width inward ([0, 5e-324] halved has pieces of no width).
    sides = [(end, inward, (piece.b - piece.a) / 10) for piece in pieces
             for end, inward in ((piece.a, 1.0), (piece.b, -1.0))]
    near = area_next_to_ends(f, sides)
    if not near:
        return
    worst = max(range(len(near)), key=near.__getitem__)
    if near[worst] > MISSED * seen and near[worst] > _TINY:
        end = sides[worst][0]
        raise IntegrationError(
            f"∫ {to_text(tree, 60)} d{name} from {to_text(bounds[0])} to {to_text(bounds[1])} could not be estimated: "
            f"next to {name} = {end:.6g} the integrand holds an area of about {near[worst]:.3g}, far more than the "
            f"rule's nodes found in all ({seen:.3g}); it changes on a scale too small for them to see from "
            f"there; split the integral near {name} = {end:.6g} (or write a far bound as oo)")


def _substitution(lo: float, hi: float) -> str:
    if math.isinf(lo) and math.isinf(hi):
        return "both"
    if math.isinf(lo) or math.isinf(hi):
        return "down" if (lo == -math.inf or hi == -math.inf) else "up"
    return "finite"


_PROBLEMS = {
    "limit": "the error estimate is still too large after {limit} intervals{at}; the integrand may be singular, "
             "oscillate fast or diverge there (raise limit=, or split the integral at the difficult point)",
    "roundoff": "rounding error in the function's values stops the error from falling below the tolerance{at} "
                "(ask for a larger tol)",
    "bad point": "the integrand behaves too badly{at}: the intervals there cannot be bisected any further in "
                 "floating point (a singularity or a jump? split the integral at it)",
    "no convergence": "the estimates do not settle{at}: the integral converges too slowly to estimate, or diverges",
    "divergent": "the integral probably diverges, or converges too slowly to estimate (as an oscillating tail "
                 "does){at}",
}


_CANCELLED = 1e-6  # a first estimate this small beside the integral of |f| is a cancellation


def _halves(g: Any, lo: float, hi: float, epsabs: float, epsrel: float, limit: int) -> _Outcome:
    """The integral over each half on its own, where the parts of the whole cancel: the rule's
    nodes, symmetric about the middle, cancel with them and hide a divergence (cot(x) on [0, pi]
    is odd about pi/2: its first estimate was 3e-14 +- 1e-13, and bisecting the whole kept the
    two divergent ends in balance). A divergent half is then found as such."""
    mid = lo + (hi - lo) / 2
    left = _qags(g, lo, mid, epsabs / 2, epsrel, limit // 2, halves=False)
    if left.problem is not None:
        return left
    right = _qags(g, mid, hi, epsabs / 2, epsrel, limit - limit // 2, halves=False)
    if right.problem is not None:
        return right
    value, error = left.value + right.value, left.error + right.error
    if error > max(epsabs, epsrel * abs(value)):  # each half is within tol of a larger value, the sum is not
        return _Outcome(value, error, left.pieces + right.pieces, "roundoff", False)
    return _Outcome(value, error, left.pieces + right.pieces, None, left.extrapolated or right.extrapolated)


def _qags(g: Any, lo: float, hi: float, epsabs: float, epsrel: float, limit: int, halves: bool = True) -> _Outcome:
    """QUADPACK's qagse: global adaptive bisection with extrapolation, on ∫ g over [lo, hi]."""
    (first,) = kronrod(g, [(lo, hi)])
    bound = max(epsabs, epsrel * abs(first.value))
    if halves and limit > 1 and abs(first.value) <= _CANCELLED * first.resabs:
        return _halves(g, lo, hi, epsabs, epsrel, limit)
    if first.error == 0 or (first.error <= bound and first.error != first.resasc):
        return _Outcome(first.value, first.error, [first], None, False)
    if first.error <= 100 * _EPS * first.resabs:
        return _Outcome(first.value, first.error, [first], "roundoff", False)
    if limit == 1:
        return _Outcome(first.value, first.error, [first], "limit", False)
    queue: list[tuple[float, int, Piece]] = [(-first.error, 0, first)]  # largest error first
    table = EpsilonTable()
    table.append(first.value)
    area, errsum = first.value, first.error
    result, abserr, correc = first.value, _LARGEST, 0.0
    small = erlarg = ertest = 0.0
    extrap = noext = False
    ktmin = iroff1 = iroff2 = iroff3 = stalled = 0
    extrapolation_roundoff = False
    positive = abs(first.value) >= (1 - 50 * _EPS) * first.resabs  # f keeps one sign: the divergence test uses it
    problem: str | None = None
    at: float | None = None
    target = heapq.heappop(queue)[2]
    known: dict[tuple[float, float], tuple[Piece, Piece]] = {}  # halves whose own halves are already known
    for last in range(2, limit + 1):
        mid = 0.5 * (target.a + target.b)
        left, right, fresh = split(g, target, mid, limit - last, known)
        area12, error12 = left.value + right.value, left.cautious + right.cautious
        if fresh and left.resasc != left.cautious and right.resasc != right.cautious:  # the halves' not capped
            if abs(target.value - area12) <= 1e-5 * abs(area12) and error12 >= 0.99 * target.cautious:
                iroff2, iroff1 = (iroff2 + 1, iroff1) if extrap else (iroff2, iroff1 + 1)
            if last > 10 and error12 > target.cautious:
                iroff3 += 1
        left, right = checked(target, left, right)
        error12 = left.error + right.error
        errsum += error12 - target.error
        area += area12 - target.value
        bound = max(epsabs, epsrel * abs(area))
        if math.isinf(target.model) and abs(target.value - area12) >= 0.99 * target.change:
            stalled += 1  # bisecting a singular piece took off no less than the last time: it does not converge
        if iroff1 + iroff2 >= 10 or iroff3 >= 20:
            problem = "divergent" if stalled >= 10 else "roundoff"
        extrapolation_roundoff = extrapolation_roundoff or iroff2 >= 5
        if last == limit:
            problem = "limit"
        if max(abs(target.a), abs(target.b)) <= (1 + 100 * _EPS) * (abs(mid) + 1000 * _TINY):
            problem, at = "bad point", mid
        for piece in (left, right):
            heapq.heappush(queue, (-piece.error, 2 * last + (piece is right), piece))
        if errsum <= bound:
            return _sum(queue, None, False)
        if problem is not None:
            at = at if at is not None else 0.5 * (queue[0][2].a + queue[0][2].b)
            break
        if last == 2:
            small, erlarg, ertest = abs(hi - lo) * 0.375, errsum, bound
            table.append(area)
            target = heapq.heappop(queue)[2]
            continue
        if noext:
            target = heapq.heappop(queue)[2]
            continue
        erlarg -= target.error
        if abs(mid - target.a) > small:
            erlarg += error12
        if not extrap:
            top = queue[0][2]
            if abs(top.b - top.a) > small:
                target = heapq.heappop(queue)[2]
                continue
            extrap = True  # the largest error is on a smallest interval: reduce the larger ones' first
        large = None if extrapolation_roundoff or erlarg <= ertest else _pop_large(queue, small)
        if large is not None:
            target = large
            continue
        table.append(area)
        reseps, abseps = table.extrapolate()
        ktmin += 1
        if ktmin > 5 and abserr < 1e-3 * errsum:
            problem = "no convergence"
        if abseps < abserr:
            ktmin, abserr, result, correc = 0, abseps, reseps, erlarg
            ertest = max(epsabs, epsrel * abs(reseps))
            if abserr <= ertest:
                break
        if table.size == 1:
            noext = True
        if problem is not None:
            break
        target = heapq.heappop(queue)[2]
        extrap, small, erlarg = False, small * 0.5, errsum
    return _finish(queue, area, errsum, result, abserr, correc, problem, at, extrapolation_roundoff, positive, first)


def _pop_large(queue: list[tuple[float, int, Piece]], small: float) -> Piece | None:
    """Take off the queue the interval with the largest error among those wider than ``small``."""
    held = []
    found = None
    while queue:
        item = heapq.heappop(queue)
        if abs(item[2].b - item[2].a) > small:
            found = item[2]
            break
        held.append(item)
    for item in held:
        heapq.heappush(queue, item)
    return found


def _sum(queue: list[tuple[float, int, Piece]], problem: str | None, extrapolated: bool) -> _Outcome:
    pieces = [item[2] for item in queue]
    return _Outcome(_total(p.value for p in pieces), _total(p.error for p in pieces), pieces, problem, extrapolated)


def _total(values: Iterable[float]) -> float:
    """fsum's exact sum, or where an interval's value or error is beyond floats (sec(x) on [1e3,
    1e308]), the plain sum: inf or nan, which the caller refuses, not fsum's OverflowError."""
    listed = list(values)
    try:
        return math.fsum(listed)
    except (OverflowError, ValueError):
        return sum(listed)


def _finish(queue: list[tuple[float, int, Piece]], area: float, errsum: float, result: float, abserr: float,
            correc: float, problem: str | None, at: float | None, extrapolation_roundoff: bool, positive: bool,
            first: Piece) -> _Outcome:
    """QUADPACK's choice between the extrapolated value and the plain sum, then its divergence
    test: an extrapolated value far from the sum (or a sum whose errors exceed it) diverges."""
    summed = _sum(queue, problem, False)
    summed.at = at
    if abserr == _LARGEST:  # never extrapolated
        return summed
    if problem is not None or extrapolation_roundoff:
        if extrapolation_roundoff:
            abserr += correc
        summed.problem = problem = problem or "roundoff"
        if result != 0 and area != 0:
            if abserr / abs(result) > errsum / abs(area):
                return summed
        elif abserr > errsum:
            return summed
        elif area == 0:
            return _Outcome(result, abserr, summed.pieces, problem, True, at)
    if positive or max(abs(result), abs(area)) > first.resabs * 0.01:
        quadpack = math.fsum(p.quadpack for p in summed.pieces)  # QUADPACK's test, with QUADPACK's estimates
        if area == 0 or not 0.01 <= result / area <= 100 or quadpack > abs(area):
            problem = "divergent"
    return _Outcome(result, abserr, summed.pieces, problem, True, at)


def _check_tol(tol: object) -> float:
    value = real_number(tol, "tol", IntegrationError)
    if not (math.isfinite(value) and value > 0):
        raise IntegrationError(f"tol is the accepted error, a positive number such as 1e-10, not {quote(tol)}")
    return value


def _check_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise IntegrationError(f"limit is a whole number of intervals, not {quote(limit)}")
    if not 1 <= limit <= MAX_LIMIT:
        raise IntegrationError(f"limit is the most intervals to use, from 1 to {MAX_LIMIT:,}, not {limit}")
    return limit

