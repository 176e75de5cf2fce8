"""Area under a curve: Riemann sums, the trapezoid rule and Simpson's rule.

Every method is a weighted sum of function values, ``Δx·Σ wᵢ·f(xᵢ)``; ``integrate`` samples an
expression (through ``lambdify``) and ``integrate_samples`` takes the samples directly, evenly
or unevenly spaced. The result carries the estimate, an error estimate by Richardson
extrapolation (the same rule with the step halved) and, for small n, the table of samples
and weights that a worked solution shows.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..algebra.defined import no_value_anywhere, undefined_node
from ..algebra.simplify import Simplifier
from ..core.errors import IntegrationError, SymdiffError, quote
from ..core.expr import Expr, Number, Symbol
from ..core.printer import to_text
from ..core.traversal import substitute
from ..syntax.parser import to_expr
from .integral import (  # re-exported: Integral and the checks were defined here before integral.py
    _NAMES,
    METHODS,
    WORKING_LIMIT,
    Integral,
    _bound,  # noqa: F401 - ui.plot reads it from here
    _bound_expr,
    _variable,
)
from .near_ends import MISSED, area_next_to_ends
from .reals import real_array, real_number
from .singularities import SCAN_INTERVALS, constant_in_value, find_singularity, refuse_outside_domain

if TYPE_CHECKING:
    import numpy as np

    from .exact_integral import ExactIntegral

__all__ = ["DEFAULT_N", "METHODS", "Integral", "IntegrationError", "integrate", "integrate_samples"]

DEFAULT_N = 100  # intervals when none are asked for: here, on the command line and in the REPL
MAX_N = 10**8  # beyond this, rounding in the sum outweighs any gain in the rule's accuracy
_CHUNK = 1 << 20  # points evaluated at a time: memory stays bounded however large n is
_N_NOT_GIVEN: Any = object()  # integrate's default n: DEFAULT_N for a sum; the adaptive method refuses any n given


# --- expressions ----------------------------------------------------------------------------------


def integrate(expr: Expr | str, var: str | Symbol | None = None, a: object = 0, b: object = 1, *,
              method: str = "trapezoid", n: int = _N_NOT_GIVEN, tol: float | None = None,
              limit: int | None = None) -> Integral | ExactIntegral:
    """Estimate ∫ₐᵇ expr d(var) with ``n`` intervals (default 100) by ``method`` (left, right,
    midpoint, trapezoid, simpson), or with ``method="adaptive"`` by adaptive Gauss–Kronrod
    quadrature to within max(tol, tol·|I|) (``tol`` default 1e-10, at most ``limit`` intervals,
    default 200; bounds may then be ±oo; see ``quadrature``). ``a`` and ``b`` may be numbers or
    constant expressions ("pi/2"); ``a > b`` gives the signed integral. Raises
    ``IntegrationError`` where the function has no finite value at a point it needs, naming the
    point (and saying when it is an endpoint), or where the tolerance cannot be met.

    ``method="exact"`` finds the integral exactly by the Fundamental Theorem instead (an
    ``ExactIntegral``, see ``symdiff.numeric.exact_integral``; bounds may be ``"oo"``).
    """
    import numpy as np

    # Sums past a float's range are found and named (IntegrationError), not warned about by
    # NumPy on the user's terminal (or raised, under -W error).
    with np.errstate(all="ignore"):
        return _integrate(expr, var, a, b, method, n, tol, limit)


def _integrate(expr: Expr | str, var: str | Symbol | None, a: object, b: object, method: str, n: int,
               tol: float | None, limit: int | None) -> Integral | ExactIntegral:
    if method == "exact":
        if n is not _N_NOT_GIVEN or tol is not None or limit is not None:
            raise IntegrationError("the exact method has no n, tol or limit: they belong to the numeric methods")
        from .exact_integral import exact_integral

        return exact_integral(expr, var, a, b)
    nowhere = no_value_anywhere(to_expr(expr))
    if nowhere is not None:  # else named as a point where it has no value, as if it had one elsewhere
        raise IntegrationError(f"{nowhere}, so it has no area")
    if method == "adaptive":
        if n is not _N_NOT_GIVEN:
            raise IntegrationError("the adaptive method chooses its own intervals: give tol= (and limit=), not n")
        from .quadrature import adaptive_integral

        return adaptive_integral(expr, var, a, b, tol=tol, limit=limit)
    return _integrate_sum(expr, var, a, b, method, DEFAULT_N if n is _N_NOT_GIVEN else n, tol, limit)


def _integrate_sum(expr: Expr | str, var: str | Symbol | None, a: object, b: object, method: str, n: int,
                   tol: object, limit: object) -> Integral:
    """``integrate`` by a Riemann sum, the trapezoid rule or Simpson's rule."""
    from .compiled import lambdify

    if tol is not None or limit is not None:
        raise IntegrationError("tol= and limit= belong to method='adaptive'; the sums take n, the number of "
                               "intervals")
    tree = to_expr(expr)
    name = _variable(tree, var)
    (lo, lo_expr), (hi, hi_expr) = _bound_expr(a, "the bound a"), _bound_expr(b, "the bound b")
    if not math.isfinite(hi - lo):
        raise IntegrationError(
            f"the interval from {lo:g} to {hi:g} is too wide for floating point: its width overflows"
        )
    _check_method(method, samples=False)
    _check_n(n, method)
    if lo != hi and abs(hi - lo) / n < sys.float_info.min:
        # A step below the smallest normal float (1e-320 / 6) keeps only a few digits: the sum
        # would be off in its fourth digit without a word.
        raise IntegrationError(f"the interval from {lo:g} to {hi:g} is too narrow for floating point to divide into "
                               f"{n} steps (each under {sys.float_info.min:.3g}): its area is 0 to every digit a "
                               "float holds")
    if lo == hi:
        return Integral(0.0, method, n, 0.0, 0.0, 0.0, lo, hi, tree, name, bounds=(lo_expr, hi_expr))
    try:
        f = lambdify(tree, [name], invalid="nan")  # non-finite values are located and explained below
    except SymdiffError as error:  # a number in the expression beyond a float's range, say
        raise IntegrationError(str(error)) from None
    _check_endpoints(f, tree, name, (lo, lo_expr), (hi, hi_expr), method)
    _check_interior(f, tree, name, min(lo, hi), max(lo, hi))
    # b < a: the same sum over [b, a], counted negatively (a left sum still samples left ends).
    sign, left, right = (1.0, lo, hi) if lo < hi else (-1.0, hi, lo)
    value, size = _sum_rule(f, tree, name, left, right, n, method)
    doubled, _ = _sum_rule(f, tree, name, left, right, 2 * n, method)
    # A third sum tests the rate the error falls at: n/2 where the rule allows (the cheaper), else 4n.
    if n % 2 == 0 and (method != "simpson" or n % 4 == 0):  # Simpson's rule needs n/2 even
        ns, sums = (n // 2, n, 2 * n), (_sum_rule(f, tree, name, left, right, n // 2, method)[0], value, doubled)
    else:
        ns, sums = (n, 2 * n, 4 * n), (value, doubled, _sum_rule(f, tree, name, left, right, 4 * n, method)[0])
    error, extrapolated, note = _rate_checked(ns, sums, value, METHODS[method][0], size)
    if error is not None:
        missed = _missed_next_to_ends(f, left, right, (right - left) / ns[-1], max(size, error))
        if missed is not None:
            error, extrapolated = None, None
            note = (f"next to {name} = {missed[1]:.6g} the integrand holds an area of about {missed[0]:.3g}, far "
                    f"more than the samples show (their Σ|weight·f| is {size:.3g}): Δx is too coarse to see it; "
                    "take n larger, or split the interval there")
    rows = None
    if n <= WORKING_LIMIT:
        rows = tuple((i, x, y, sign * w) for i, x, y, w in _expression_rows(f, left, right, n, method))
    signed = None if extrapolated is None else sign * extrapolated
    return Integral(sign * value, method, n, (hi - lo) / n, error, signed, lo, hi, tree, name, rows, (lo_expr, hi_expr),
                    note=note)


def _check_method(method: str, *, samples: bool) -> None:
    if samples and method == "adaptive":
        raise IntegrationError("adaptive quadrature evaluates a function wherever it needs to, which samples do not "
                               "allow: integrate an expression, or use the trapezoid or Simpson rule on the samples")
    if not isinstance(method, str) or method not in METHODS:
        others = "" if samples else ", adaptive or exact"
        raise IntegrationError(f"unknown method {quote(method)}: use one of {', '.join(METHODS)}{others}")
    if samples and method == "midpoint":
        raise IntegrationError(
            "the midpoint sum needs the function at the midpoints, which samples do not give: "
            "use the trapezoid rule (same order of accuracy) or integrate an expression"
        )


def _check_n(n: object, method: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise IntegrationError(f"n is a whole number of intervals, not {quote(n)}")
    if n < 1:
        raise IntegrationError(f"n must be at least 1 (it is the number of intervals), not {n}")
    if n > MAX_N:
        raise IntegrationError(f"n can be at most {MAX_N:,}: with more intervals, rounding in the sum outweighs "
                               "the rule's own error")
    if method == "simpson" and n % 2:
        raise IntegrationError(f"Simpson's rule pairs up intervals, so n must be even, not {n} (try {n + 1})")


def _check_endpoints(f: Any, tree: Expr, name: str, low: tuple[float, Expr], high: tuple[float, Expr],
                     method: str) -> None:
    """A function with no finite value at an endpoint makes the integral improper (1/x on [0, 1]);
    a sum would return inf, or a number that depends only on n. Say so instead. The midpoint sum,
    which never evaluates the endpoints, may go ahead when the function settles to a limit next
    to the endpoint (sin(x)/x at 0). An endpoint written as an expression (pi/2, sqrt(2)) is put
    in exactly too: its float misses the pole (tan(1.5707963267948966) is 1.6e16, and a sum of
    it was 2.6e14)."""
    import numpy as np

    (lo, lo_expr), (hi, hi_expr) = low, high
    for end, exact, inward in ((lo, lo_expr, hi - lo), (hi, hi_expr, lo - hi)):
        if math.isfinite(f(end)) and not _no_value_at(tree, name, exact):
            continue
        refuse_outside_domain(tree, name, end, near=end + inward * 1e-2)  # sqrt(x) from -1
        near = np.asarray(f(end + inward * np.logspace(-2, -5, 4)))
        settles = bool(np.isfinite(near).all() and abs(near[-1] - near[-2]) <= 1e-3 * (1 + abs(near[-1])))
        at = f"{end:g}" if type(exact) is Number else f"{to_text(exact, 30)}"
        what = f"{to_text(tree, 60)} has no finite value at the endpoint {name} = {at}"
        if settles and method == "midpoint":
            continue
        if settles:
            raise IntegrationError(f"{what}, though it settles to a limit next to it: the midpoint sum never "
                                   "evaluates the endpoints, so the midpoint method can estimate this area")
        raise IntegrationError(f"{what} and does not settle next to it: the integral is improper there, and a "
                               "Riemann sum cannot be trusted to estimate it (split off or substitute away the "
                               "singularity)")


def _no_value_at(tree: Expr, name: str, end: Expr) -> bool:
    """Whether ``tree`` has no value at the endpoint ``end`` written as an expression, put in
    exactly (tan at pi/2, 1/(x^2 - 2) at sqrt(2)); a number's float is exact enough."""
    if type(end) is Number:
        return False
    return undefined_node(substitute(tree, {Symbol(name): end}), Simplifier()) is not None


def _check_interior(f: Any, tree: Expr, name: str, lo: float, hi: float) -> None:
    """Refuse a function without a finite value inside [lo, hi], or with a pole there: samples
    never land on 1/(x - 0.3)'s pole, but a sum across it is meaningless (the integral diverges)."""
    import numpy as np

    if constant_in_value(tree):
        return  # no pole, whatever the noise of its floats (x*(sin(x)^2 + cos(x)^2 - 1))
    found = find_singularity(f, np.linspace(lo, hi, SCAN_INTERVALS + 1)[1:-1])
    what = to_text(tree, 60)
    if found is not None and found.kind == "no value":
        refuse_outside_domain(tree, name, found.at)
        raise IntegrationError(f"{what} has no finite value at {name} = {found.at:.10g}, inside the interval: the "
                               "function is singular there; split the integral at it")
    if found is not None:
        raise IntegrationError(f"{what} grows without bound near {name} ≈ {found.at:.6g}, inside the "
                               "interval (a pole, or a peak far narrower than any sum's samples): a Riemann sum "
                               "across it means nothing; split the integral there")


def _sum_rule(f: Any, tree: Expr, name: str, lo: float, hi: float, n: int, method: str) -> tuple[float, float]:
    """(Σ weight·f(point), Σ |weight·f(point)|) for the rule, a chunk of points at a time so
    memory stays bounded. The second is the scale of the first's rounding."""
    import numpy as np

    h = (hi - lo) / n
    total = 0.0
    magnitude = 0.0
    first, last, offset = {"left": (0, n - 1, 0.0), "right": (1, n, 0.0), "midpoint": (0, n - 1, 0.5)}.get(
        method, (0, n, 0.0)
    )
    for start in range(first, last + 1, _CHUNK):
        index = np.arange(start, min(start + _CHUNK, last + 1), dtype=float)
        points = _grid(lo, hi, index + offset, n)
        values = np.asarray(f(points), dtype=float)
        if not math.isfinite(values.sum()):  # a sum is finite only when every term is
            singular = np.flatnonzero(~np.isfinite(values))
            if not singular.size:  # finite values whose sum overflows: said below
                total = math.inf
                break
            bad = points[int(singular[0])]
            raise IntegrationError(
                f"{to_text(tree, 60)} has no finite value at {name} = {bad:.10g}, inside the interval, a point the "
                f"{_NAMES[method]} with n = {n} needs: the function is singular there; split the integral at it"
            )
        if method == "trapezoid":
            values = values * np.where((index == 0) | (index == n), 0.5, 1.0)
        elif method == "simpson":
            values = values * np.where((index == 0) | (index == n), 1.0, np.where(index % 2 == 1, 4.0, 2.0))
        total += float(values.sum())
        magnitude += float(np.abs(values).sum())
    scale = {"trapezoid": h, "simpson": h / 3}.get(method, h)
    result = total * scale
    if not math.isfinite(result):
        raise IntegrationError(f"the {_NAMES[method]} of {to_text(tree, 60)} overflows: too large for a float")
    return result, magnitude * scale


def _rate_checked(ns: tuple[int, int, int], sums: tuple[float, float, float], value: float, order: int,
                  size: float) -> tuple[float | None, float | None, str | None]:
    """(error estimate of ``value``, extrapolated value, None), or (None, None, why) when the
    three sums (at n, 2n, 4n intervals, or n/2, n, 2n) do not yet fall toward a limit.

    Richardson's estimate assumes the error falls by 2^p when n doubles. Far from that, it
    misleads: e^(-x) on [0, 10^4] by the trapezoid rule with n = 100 is 50 (Δx = 100 sees only
    f(0)), and the estimate from n = 200 (25) was ± 33 for an integral of 1. The two differences
    of the three sums show the rate r the error really falls at: the error of ``value`` is then
    what the geometric series of the differences leaves, with r = 2^p where the sums fall
    faster (a smooth periodic function: the rule's own rate is the safer one)."""
    coarse, middle, fine = sums
    first, second = coarse - middle, middle - fine
    noise = 64 * sys.float_info.epsilon * size  # rounding of the sums
    full_rate = 2.0**order
    if (abs(first) <= noise and abs(second) <= noise) or second == 0:
        rate = full_rate  # settled to rounding (or exact from 2n on: Simpson's on a cubic, odd n)
    elif abs(first) <= abs(second):
        return None, None, (
            f"the sums with n = {ns[0]}, {ns[1]} and {ns[2]} ({coarse:.6g}, {middle:.6g}, {fine:.6g}) do not yet "
            "approach a limit, so their differences say nothing of the error; take n larger")
    else:
        rate = min(abs(first / second), full_rate)
    extrapolated = fine - second / (rate - 1)
    # An improved value is offered only where the sums fall at about the rule's own rate: slower,
    # the rule does not yet resolve the integrand (e^(-x) on [0, 10^4] with Δx = 100 halves at
    # each doubling, which extrapolates to 0 for 1), and the error, not a value, is what is known.
    offered = extrapolated if rate >= _OFFERED_RATE * full_rate else None
    return abs(value - extrapolated), offered, None


_OFFERED_RATE = 0.75  # of 2^p: sqrt(x)'s trapezoid sums fall at 2^1.5 = 0.71 of 4, and are not offered


def _missed_next_to_ends(f: Any, lo: float, hi: float, h: float, seen: float) -> tuple[float, float] | None:
    """(area, end) when next to an end the integrand holds far more area than the sums saw, else None.

    Every sample of a right sum of e^(-x) on [0, 10^308] is 0, and so were the three sums and
    their differences: 0 ± 0 for an integral of 1. Within Δx of each end (Δx the finest sum's),
    |f| is summed by the trapezoid rule on points Δx, Δx/10, Δx/100, ... from it, down to the
    float next to the end."""
    found = area_next_to_ends(f, [(lo, 1.0, h), (hi, -1.0, h)])
    worst = 0 if found[0] >= found[1] else 1
    if found[worst] > MISSED * seen and found[worst] > _SMALLEST:
        return found[worst], (lo, hi)[worst]
    return None


_SMALLEST = 1e-300  # areas below this are no area to miss


def _grid(lo: float, hi: float, index: Any, n: int) -> Any:
    """The points lo + i*h, the last one hi itself: from -1e308 to 3 in 10 steps of 1e307,
    lo + 10*h rounds to 0, and the sum would leave out f(3)."""
    import numpy as np

    return np.where(index == n, hi, lo + index * ((hi - lo) / n))


def _expression_rows(f: Any, lo: float, hi: float, n: int, method: str) -> tuple[tuple[int, float, float, float], ...]:
    import numpy as np

    h = (hi - lo) / n
    if method == "midpoint":
        points = lo + (np.arange(n) + 0.5) * h
        weights = np.full(n, h)
        return tuple(zip(range(1, n + 1), points.tolist(), np.asarray(f(points)).tolist(), weights.tolist(),
                         strict=True))
    points = _grid(lo, hi, np.arange(n + 1, dtype=float), n)
    weights = _weights(np.full(n, h), method)
    return tuple(zip(range(n + 1), points.tolist(), np.asarray(f(points)).tolist(), weights.tolist(), strict=True))


def _richardson(value: float, other: float, order: int, *, finer_is_value: bool) -> tuple[float, float]:
    """(error estimate of ``value``, extrapolated value) from the rule at n and 2n intervals.

    The error of a rule of order p falls by 2^p when n doubles, so the exact value is about
    fine + (fine - coarse)/(2^p - 1).
    """
    fine, coarse = (value, other) if finer_is_value else (other, value)
    extrapolated = fine + (fine - coarse) / (2**order - 1)
    return abs(extrapolated - value), extrapolated


# --- samples --------------------------------------------------------------------------------------


def integrate_samples(y: Any, x: Any = None, *, dx: float | None = None, method: str = "trapezoid") -> Integral:
    """The area under sampled values ``y`` (NumPy's argument order): at points ``x`` (increasing,
    unevenly spaced allowed) or evenly spaced ``dx`` apart (default 1). Methods: left, right,
    trapezoid, simpson (an odd number of intervals gets the standard last-interval correction).
    """
    import numpy as np

    _check_method(method, samples=True)
    values = _samples(y, "y")
    n = values.size - 1
    if n < 1:
        raise IntegrationError(f"an area needs at least 2 samples (1 interval), got {values.size}")
    if method == "simpson" and n < 2:
        raise IntegrationError("Simpson's rule needs at least 3 samples (2 intervals); use the trapezoid rule")
    if x is not None and dx is not None:
        raise IntegrationError("give the sample points x or the spacing dx, not both")
    with np.errstate(all="ignore"):  # non-finite data is found and named below
        return _integrate_samples(values, x, dx, method, n)


def _integrate_samples(values: np.ndarray, x: Any, dx: float | None, method: str, n: int) -> Integral:
    import numpy as np

    order = METHODS[method][0]
    if x is None:
        step = 1.0 if dx is None else _spacing(dx)
        value = _rescaled(_even, values, step, method)
        coarser = _rescaled(_even, values[::2], 2 * step, method) if _halvable(n, method) else None
        points = None
        lo, hi = 0.0, n * step
    else:
        points = _samples(x, "x")
        if points.shape != values.shape:
            raise IntegrationError(f"x and y must have the same length: {points.size} points for {values.size} values")
        widths = _widths(points, strict=method == "simpson")
        value = _rescaled(_uneven, values, widths, method)
        coarser = None
        if _halvable(n, method):
            try:
                coarser = _rescaled(_uneven, values[::2], np.diff(points[::2]), method)
            except IntegrationError:  # every other sample may not fit in floating point: no estimate then
                coarser = None
        step = None
        lo, hi = float(points[0]), float(points[-1])
    if not math.isfinite(value):
        _locate(values, "y")
        raise IntegrationError("the area overflows: it is too large for a float")
    if coarser is not None and not math.isfinite(coarser):
        coarser = None
    error, extrapolated = (None, None) if coarser is None else _richardson(value, coarser, order, finer_is_value=True)
    rows = None
    if n <= WORKING_LIMIT:
        widths = np.full(n, step) if points is None else np.diff(points)
        xs = np.arange(n + 1) * step if points is None else points
        weights = _weights(widths, method)
        if np.isfinite(weights).all():  # a weight beyond a float's range cannot be shown truly
            rows = tuple(zip(range(n + 1), xs.tolist(), values.tolist(), weights.tolist(), strict=True))
    return Integral(value, method, n, step, error, extrapolated, lo, hi, rows=rows)


def _halvable(n: int, method: str) -> bool:
    """Whether every other sample still makes the rule: n even, and for Simpson n/2 ≥ 2."""
    return n % 2 == 0 and (n >= 4 if method == "simpson" else n >= 2)


def _samples(data: Any, name: str) -> np.ndarray:
    array = real_array(data, name, IntegrationError)  # text, dates, booleans: refused, never converted
    if array.ndim != 1:
        raise IntegrationError(f"{name} must be one-dimensional, not of shape {array.shape}")
    return array


def _spacing(dx: object) -> float:
    step = real_number(dx, "dx", IntegrationError)
    if not math.isfinite(step) or step <= 0:
        raise IntegrationError(f"dx is the positive spacing between samples, not {quote(dx)}")
    return step


def _widths(points: np.ndarray, *, strict: bool) -> np.ndarray:
    """The interval widths; the points must be finite and increasing (strictly, for Simpson)."""
    import numpy as np

    if not (math.isfinite(points[0]) and math.isfinite(points[-1])):
        _locate(points, "x")
    widths = np.diff(points)
    smallest = widths.min()
    if not smallest >= 0 or (strict and smallest == 0):  # also catches nan
        _locate(points, "x")
        i = int(np.flatnonzero(~(widths > 0) if strict else ~(widths >= 0))[0])
        problem = "repeats" if widths[i] == 0 else "is smaller than the one before"
        raise IntegrationError(
            f"x must be {'strictly ' if strict else ''}increasing: x[{i + 1}] = {points[i + 1]:g} {problem} "
            f"(x[{i}] = {points[i]:g}); sort the samples by x first"
        )
    return widths


def _locate(array: np.ndarray, name: str) -> None:
    """Raise naming the first sample that is not a finite number, if there is one."""
    import numpy as np

    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise IntegrationError(f"{name}[{int(bad[0])}] is {array[bad[0]]}: every sample must be a finite number")


def _rescaled(rule: Callable[..., float], y: np.ndarray, h: Any, method: str) -> float:
    """``rule``'s area of ``y``, worked on y/max|y| where the plain sum overflows though the
    area fits: three samples of 1e308 with dx = 0.5 have area 1e308, and their sum 3e308 was
    said to overflow."""
    import numpy as np

    value = rule(y, h, method)
    if math.isfinite(value) or not np.isfinite(y).all():
        return value
    scale = float(np.abs(y).max())
    return rule(y / scale, h, method) * scale


def _even(y: np.ndarray, h: float, method: str) -> float:
    """The rule on evenly spaced samples: one pass over the data (a sum), as the bandwidth allows."""
    if method == "left":
        return float(y[:-1].sum()) * h
    if method == "right":
        return float(y[1:].sum()) * h
    total = float(y.sum())
    if method == "trapezoid":
        return h * (total - 0.5 * (y[0] + y[-1]))
    n = y.size - 1
    if n % 2:  # an odd number of intervals: Simpson on the first n - 1, then the last-interval correction
        return _even(y[:-1], h, "simpson") + h * (5 * y[-1] + 8 * y[-2] - y[-3]) / 12
    odd = float(y[1:-1:2].sum())
    return h / 3 * (2 * total - y[0] - y[-1] + 2 * odd)


def _uneven(y: np.ndarray, h: np.ndarray, method: str) -> float:
    """The rule on samples with interval widths ``h``."""
    import numpy as np

    if method == "left":
        return float(np.dot(h, y[:-1]))
    if method == "right":
        return float(np.dot(h, y[1:]))
    if method == "trapezoid":
        return 0.5 * float(np.dot(h, y[:-1]) + np.dot(h, y[1:]))
    return _simpson_uneven(y, h)


def _simpson_uneven(y: np.ndarray, h: np.ndarray) -> float:
    """Simpson's rule on uneven widths, each pair of intervals as the area under the parabola
    through its three samples, written with the differences of the samples:

        ∫ = t·y₁ + t/6·(h₁/h₀ - 2)·(y₁ - y₀) + t/6·(2 - h₀/h₁)·(y₂ - y₁),  t = h₀ + h₁

    The weighted sum Σ wᵢ·yᵢ is the same number, but when one width is tiny beside the other
    its weights are huge and of opposite signs, and their rounding errors swamp the area
    (samples 1, 1, 3 at x = 0, 1e-300, 1 gave 1, not 5/3). Here a huge factor multiplies only
    a difference of samples. A pair whose terms still overflow is redone exactly in fractions:
    if the exact area fits in a float, that is the value; if not, the error says why.
    """
    import numpy as np

    half = y * 0.5  # differences of halved samples cannot overflow; the sum is doubled at the end
    n = h.size
    pairs = n - n % 2
    h0, h1 = h[0:pairs:2], h[1:pairs:2]
    y0, y1, y2 = half[0:pairs:2], half[1:pairs:2], half[2 : pairs + 1 : 2]
    t = h0 + h1
    a = _times_ratio(t / 6, h1, h0) - t / 3
    b = t / 3 - _times_ratio(t / 6, h0, h1)
    areas = t * y1 + a * (y1 - y0) + b * (y2 - y1)
    if n % 2:  # the last interval, under the parabola through the last three samples
        u, v = h[-2], h[-1]
        last = v * half[-2] + (half[-1] - half[-2]) * (v / 6) * ((3 * u + 2 * v) / (u + v))
        last += (half[-2] - half[-3]) * _times_ratio((v / 6) * (v / (u + v)), v, u)
        areas = np.append(areas, last)
    areas = areas * 2
    for k in map(int, np.flatnonzero(~np.isfinite(areas))):  # pair k starts at x[2k]; the last interval
        last_interval = 2 * k >= pairs
        areas[k] = _exact_simpson(y, h, n - 2 if last_interval else 2 * k, last_interval=last_interval)
    return float(areas.sum())


def _times_ratio(p: Any, q: Any, r: Any) -> Any:
    """p·q/r without overflow where the result fits: p·(q/r), or (p·q)/r where q/r overflows."""
    import numpy as np

    with np.errstate(all="ignore"):
        first = p * (q / r)
        return np.where(np.isfinite(first), first, (p * q) / r)


def _exact_simpson(y: np.ndarray, h: np.ndarray, i: int, *, last_interval: bool) -> float:
    """The area of the pair of intervals from x[i] (or, for the last-interval correction, of
    the last interval only) in exact fractions; an IntegrationError when it exceeds a float."""
    from decimal import Decimal
    from fractions import Fraction

    samples, widths = y[i : i + 3], h[i : i + 2]
    if not (all(map(math.isfinite, samples)) and all(map(math.isfinite, widths))):
        return math.inf  # the caller names the sample, or reports the overflow
    y0, y1, y2 = (Fraction(float(v)) for v in samples)
    h0, h1 = (Fraction(float(v)) for v in widths)
    t = h0 + h1
    if last_interval:
        area = h1 * (2 * h1 + 3 * h0) / (6 * t) * y2 + h1 * (h1 + 3 * h0) / (6 * h0) * y1 - h1**3 / (6 * h0 * t) * y0
    else:
        area = t / 6 * ((2 - h1 / h0) * y0 + t * t / (h0 * h1) * y1 + (2 - h0 / h1) * y2)
    try:
        return float(area)
    except OverflowError:
        def big(value: Fraction) -> str:  # beyond a float: in decimal
            return f"{Decimal(value.numerator) / Decimal(value.denominator):.3g}"

        ratio = max(h0, h1) / min(h0, h1)
        why = (f"the widths x[{i + 1}] - x[{i}] = {float(h0):.3g} and x[{i + 2}] - x[{i + 1}] = {float(h1):.3g} "
               f"differ by a factor of {big(ratio)}, which makes that parabola extremely steep; use "
               "the trapezoid rule, or drop the nearly repeated point" if ratio > 1e6 else
               "the samples and widths are too large")
        part = f"of the last interval (x[{i + 1}] to x[{i + 2}]) " if last_interval else ""
        raise IntegrationError(
            f"Simpson's rule cannot be computed in floating point here: the area {part}under the parabola through "
            f"the samples at x[{i}], x[{i + 1}] and x[{i + 2}] is about {big(area)}, beyond the largest float "
            f"(about 1.8e308): {why}"
        ) from None


def _weights(h: np.ndarray, method: str) -> np.ndarray:
    """Each sample's weight in the rule, given the interval widths: value = Σ weight·y.

    Simpson on uneven widths integrates the parabola through each pair of intervals (h0, h1)
    (Cartwright's form); with an odd number of intervals, the last one is integrated under the
    parabola through the last three samples.
    """
    import numpy as np

    n = h.size
    w = np.zeros(n + 1)
    if method == "left":
        w[:-1] = h
    elif method == "right":
        w[1:] = h
    elif method == "trapezoid":
        w[:-1] += h / 2
        w[1:] += h / 2
    else:
        pairs = n - n % 2
        h0, h1 = h[0:pairs:2], h[1:pairs:2]
        # Written with ratios, not products of widths, so tiny or huge widths do not underflow;
        # _times_ratio keeps a weight finite when the ratio alone overflows but the weight does not.
        t = h0 + h1
        s = t / 6
        w[0:pairs:2] += 2 * s - _times_ratio(s, h1, h0)
        big, small = np.maximum(h0, h1), np.minimum(h0, h1)
        w[1:pairs:2] += _times_ratio(_times_ratio(s, t, big), t, small)  # t³/(6·h0·h1)
        w[2 : pairs + 1 : 2] += 2 * s - _times_ratio(s, h0, h1)
        if n % 2:
            a, b = h[-2], h[-1]
            w[-1] += (b / 6) * ((2 * b + 3 * a) / (a + b))
            w[-2] += b / 2 + _times_ratio(b / 6, b, a)  # b(b + 3a)/(6a)
            w[-3] -= _times_ratio((b / 6) * (b / (a + b)), b, a)
    return w
