"""Definite integrals exactly, by the Fundamental Theorem of Calculus: ∫ₐᵇ f dx = F(b) - F(a).

F is symdiff's antiderivative (its worked solution is part of this one). The theorem holds only
when f is continuous on [a, b], so before using it the integrand is scanned for points without
a value and for poles inside the interval; those are refused with the reason, never integrated
across (∫ from -1 to 1 of 1/x is not ln|1| - ln|-1| = 0). An infinite bound, or an endpoint
where f has no finite value, makes the integral improper: F there is a one-sided limit taken by
``symdiff.limit``, and the integral converges when every such limit is finite.

The exact answer is then checked against adaptive quadrature on the part of the interval where
f is bounded: F(b') - F(a') must agree with the numeric area, so an antiderivative with a jump the
symbolic check cannot see (F' = f everywhere but at one point) is caught and refused.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..algebra.defined import no_value_anywhere
from ..algebra.number_logs import combine_number_logs
from ..algebra.special_angles import exact_special_values, pole_in
from ..algebra.textbook import simplify
from ..calculus.limits import Limit, LimitError, limit
from ..core.errors import IntegrationError, SymdiffError, quote
from ..core.expr import Expr, Infinity, Neg, Number, Sub, Symbol, number, oo
from ..core.precise import precise_value
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .integral import bound_or_infinity
from .singularities import (
    SCAN_INTERVALS,
    constant_in_value,
    find_singularity,
    refuse_gap_next_to,
    refuse_outside_domain,
)

if TYPE_CHECKING:
    from ..calculus.antiderivative import Antiderivation

__all__ = ["Bound", "ExactIntegral", "exact_integral"]

_CHECK_TOL, _CHECK_LIMIT = 1e-9, 2000  # the adaptive quadrature that checks the exact answer


@dataclass(frozen=True, eq=False)
class Bound:
    """One end of the interval and F's value there: ``F(point)`` by substitution, or a one-sided
    ``limit`` when the point is infinite or f has no finite value there (the improper case)."""

    point: Expr
    substituted: Expr | None  # F with the point put in, before simplification (None for a limit)
    value: Expr | None  # F's value or limit there; oo or -oo, or None when the limit does not exist
    limit: Limit | None = None

    @property
    def improper(self) -> bool:
        return self.limit is not None


@dataclass(frozen=True, eq=False)
class ExactIntegral:
    """∫ₐᵇ f dx found exactly. ``value`` is the exact answer (an expression such as ``2``,
    ``pi/4`` or ``e - 1``), ``float(result)`` its value; for a divergent improper integral
    ``value`` is ``oo`` or ``-oo``, or None when it has no limit at all, and ``converges`` is
    False. ``antiderivative`` is F's worked solution; ``lower`` and ``upper`` hold F(a), F(b)."""

    expr: Expr
    var: Symbol
    lower: Bound
    upper: Bound
    antiderivative: Antiderivation
    value: Expr | None
    checked: tuple[float, float, float, float] | None  # (a', b', F(b') - F(a'), the quadrature's area)
    method: str = "exact"

    @property
    def converges(self) -> bool:
        return self.value is not None and not isinstance(_unsigned(self.value), Infinity)

    @property
    def improper(self) -> bool:
        return self.lower.improper or self.upper.improper

    def __float__(self) -> float:
        if self.value is None:
            raise IntegrationError(f"{self.notation()} diverges: it has no value, not even ±∞")
        if isinstance(_unsigned(self.value), Infinity):
            return -math.inf if isinstance(self.value, Neg) else math.inf
        value = _float_of(self.value)
        return _without_cancellation(self, value)

    def __str__(self) -> str:
        if self.value is None:
            return "diverges"
        if not self.converges:
            return f"diverges to {self.value}"
        return str(self.value)

    def __repr__(self) -> str:
        return f"<ExactIntegral {self.notation()} = {self}>"

    def notation(self) -> str:
        """The integral as written in text: ``∫ sin(x) dx from 0 to pi``."""
        return f"∫ {to_text(self.expr, 60)} d{self.var.name} from {self.lower.point} to {self.upper.point}"

    def working(self, width: int | None = 1000) -> str:
        """The worked solution: the antiderivative's steps, F(b) - F(a) (with limits where the
        integral is improper) and the value."""
        from .exact_integral_print import working

        return working(self, width)

    def explain(self, width: int | None = 1000) -> str:
        return self.working(width)

    def to_latex(self, *, standalone: bool = False) -> str:
        """The worked solution as LaTeX: ``\\int_a^b f \\, dx = \\Big[ F \\Big]_a^b = ...``."""
        from .exact_integral_print import latex

        return latex(self, standalone=standalone)

    def to_json(self) -> dict[str, object]:
        from .exact_integral_print import data

        return data(self)

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex().replace(r"\begin{align*}", r"\begin{aligned}").replace(
            r"\end{align*}", r"\end{aligned}") + "$"


def exact_integral(expr: Expr | str, var: str | Symbol | None = None, a: object = 0, b: object = 1) -> ExactIntegral:
    """∫ₐᵇ expr d(var) exactly, by the Fundamental Theorem (see the module's docstring).

    ``a`` and ``b`` are numbers, constant expressions (``"pi/2"``) or infinities (``"oo"``,
    ``"-oo"``, ``symdiff.oo``, ``float("inf")``). Raises ``IntegrationError`` when symdiff finds
    no antiderivative (with a hint to estimate the area numerically), when the integrand is
    undefined or has a pole inside the interval, or when a limit cannot be decided.
    """
    from ..calculus.antiderivative import antiderivative

    tree = to_expr(expr)
    x = _variable(tree, var)
    lo, hi = bound_or_infinity(a, "the lower bound a")[1], bound_or_infinity(b, "the upper bound b")[1]
    nowhere = no_value_anywhere(tree)
    if nowhere is not None:  # floats would give 1/sin(pi) a value, 8.2e15
        raise IntegrationError(f"{nowhere}, so it has no integral")
    if lo == hi:
        zero = Bound(lo, None, Number(0))
        return ExactIntegral(tree, x, zero, zero, antiderivative(tree, x), Number(0), None)
    f = _compiled(tree, x)
    low, high = sorted((_float(lo), _float(hi)))
    _check_defined(f, tree, x, low, high)
    found = antiderivative(tree, x)
    forward = _float(lo) < _float(hi)
    lower = _evaluate_at(found.result, x, lo, "+" if forward else "-", f, tree)
    upper = _evaluate_at(found.result, x, hi, "-" if forward else "+", f, tree)
    value = _difference(upper.value, lower.value)
    checked = _numeric_check(tree, found.result, x, lower, upper)
    return ExactIntegral(tree, x, lower, upper, found, value, checked)


# --- arguments ------------------------------------------------------------------------------------


def _variable(tree: Expr, var: str | Symbol | None) -> Symbol:
    free = sorted(tree.free_symbols, key=lambda s: s.name)
    if var is None:
        if len(free) > 1:
            names = ", ".join(s.name for s in free)
            raise IntegrationError(f"{to_text(tree, 60)} has {names}: say which variable to integrate over")
        return free[0] if free else Symbol("x")
    if isinstance(var, Symbol):
        x = var
    elif isinstance(var, str):
        try:
            x = Symbol(var.strip())
        except SymdiffError:
            raise IntegrationError(f"the variable is a name such as 'x', not {quote(var)}") from None
    else:
        raise IntegrationError(f"the variable is a name such as 'x', not {quote(var)}")
    others = [s.name for s in free if s != x]
    if others:
        raise IntegrationError(f"{to_text(tree, 60)} also depends on {', '.join(others)}: an exact definite integral "
                               "needs numbers for them (symdiff.antiderivative works with them as constants)")
    return x


def _unsigned(expr: Expr) -> Expr:
    return expr.children[0] if isinstance(expr, Neg) else expr


def _float(point: Expr) -> float:
    if isinstance(_unsigned(point), Infinity):
        return -math.inf if isinstance(point, Neg) else math.inf
    return float(point.evaluate())


def _compiled(tree: Expr, x: Symbol) -> Any:
    from .compiled import lambdify

    try:
        return lambdify(tree, [x.name], invalid="nan")
    except SymdiffError as error:
        raise IntegrationError(str(error)) from None


# --- the integrand on the interval -------------------------------------------------------------


def _scan_points(low: float, high: float) -> Any:
    """Points strictly inside (low, high), the infinite ends reached through x = c ± tan θ."""
    import numpy as np

    inner = np.linspace(0.0, 1.0, SCAN_INTERVALS + 1)[1:-1]
    if math.isfinite(low) and math.isfinite(high):
        return low + (high - low) * inner
    if math.isfinite(low):
        return low + np.tan(inner * np.pi / 2)
    if math.isfinite(high):
        return high - np.tan(inner * np.pi / 2)
    return np.tan((inner - 0.5) * np.pi)


def _check_defined(f: Any, tree: Expr, x: Symbol, low: float, high: float) -> None:
    """Refuse an integrand without a finite value somewhere inside the interval, or with a pole
    there: the Fundamental Theorem needs f continuous on it."""
    import numpy as np

    if constant_in_value(tree):
        return  # no pole, whatever the noise of its floats (x*(sin(x)^2 + cos(x)^2 - 1))
    xs = _scan_points(low, high)
    with np.errstate(all="ignore"):
        ys = np.asarray(f(xs), dtype=float) * np.ones_like(xs)
    xs = xs[_overflow_free(ys, ~np.isfinite(ys), math.isinf(low), math.isinf(high))]
    found = find_singularity(f, xs)
    what, name = to_text(tree, 60), x.name
    if found is not None and found.kind == "no value":
        refuse_outside_domain(tree, name, found.at)
        raise IntegrationError(
            f"{what} has no finite value at {name} = {found.at:.10g}, inside the interval: the Fundamental Theorem "
            "needs the integrand continuous on the whole interval; split the integral there (each part is improper)")
    if found is not None:
        raise IntegrationError(
            f"{what} grows without bound near {name} ≈ {found.at:.6g}, inside the interval: the Fundamental "
            "Theorem does not apply across a pole; split the integral there (each part is improper)")


def _overflow_free(ys: Any, bad: Any, low_infinite: bool, high_infinite: bool) -> Any:
    """A mask leaving out the scan's far ends where f overflows toward an infinite bound (e^x
    beyond x = 709): that is growth, for the limit to judge, not a point without a value. A
    run of non-finite values counts as overflow only when the values before it are huge, or
    vanishing (a decaying f whose part overflows: the limit at the bound judges it too)."""
    import numpy as np

    keep = np.ones(len(ys), dtype=bool)
    for infinite, order in ((high_infinite, slice(None, None, -1)), (low_infinite, slice(None))):
        if not infinite:
            continue
        flags = bad[order]
        run = int(np.argmin(flags)) if not flags.all() else len(flags)
        if run == 0 or run == len(flags):
            continue
        last = np.abs(ys[order][run:run + 8])
        # Huge values before the run: f grows past a float (e^x). Vanishing ones: f decays
        # while a part of it overflows (x/e^x, 1/(1 + e^x): e^x is inf beyond x = 709).
        if float(last.max()) > 1e100 or float(last[0]) < 1e-100:
            keep[order][:run] = False
    return keep


def _finite_at(f: Any, point: float) -> bool:
    import numpy as np

    with np.errstate(all="ignore"):
        try:
            return bool(np.isfinite(float(f(point))))
        except (SymdiffError, TypeError, ValueError, OverflowError):
            return False


# --- F at the bounds ---------------------------------------------------------------------------------


def _evaluate_at(antiderivative: Expr, x: Symbol, point: Expr, side: str, f: Any, tree: Expr) -> Bound:
    """F at a bound: put the point in when f is finite there, else the one-sided limit from
    inside the interval (the integral is improper at that end). F without a value next to the
    bound is no divergence: the integrand lacks a value there too (1/sqrt(x - 10^-20) on [0, 1]),
    or symdiff's F is the wrong one to use there; either way there is no answer to give."""
    number = _float(point)
    proper = math.isfinite(number) and _finite_at(f, number)
    if proper:
        substituted = antiderivative.subs({x: point})
        try:
            if pole_in(substituted) is not None:  # tan(pi/2): floats give 1.6e16, the function has no value
                raise IntegrationError("at a pole")
            value = _exact(substituted)
            if math.isfinite(_float_of(value)):
                return Bound(point, substituted, value)
        except (SymdiffError, OverflowError, ValueError):
            pass  # F has no value there though f has: take the limit instead
    try:
        found = limit(antiderivative, x, point, side="both" if not math.isfinite(number) else side)
    except LimitError as declined:
        where = (f"the antiderivative {to_text(antiderivative, 60)} has no value symdiff can compute at {x.name} = "
                 f"{point}" if proper else f"the integral is improper at {x.name} = {point}")
        raise IntegrationError(f"{where}, and symdiff could not decide its limit there: {declined}") from None
    if found.undefined_near:
        inward = 1.0 if side == "+" else -1.0
        if math.isfinite(number):
            refuse_gap_next_to(tree, x.name, number, inward)
        raise IntegrationError(
            f"the antiderivative {to_text(antiderivative, 60)} has no value next to {x.name} = {point}, inside the "
            f"interval ({found.reason}), though the integrand has values there as far as symdiff can tell: the "
            "Fundamental Theorem cannot be used at that end (method='adaptive' estimates the area)")
    value = None if found.value is None else _exact(found.value)
    return Bound(point, None, value, found)


def _float_of(constant: Expr) -> float:
    """The float of a constant, worked out to 60 digits first when floats lose it to cancellation:
    ln(1 - tanh(20)) is ln(0) in floats (1 - tanh(20) is 8.5e-18), and F(20) - F(0) for
    F = ln|tanh(x) + 1|/2 - ln|tanh(x) - 1|/2 - tanh(x) came out as no value, or 17.7 for 18 at 19."""
    precise = precise_value(constant)
    if precise is not None:
        value = float(precise)
        if math.isfinite(value):
            return value
    return float(constant.evaluate())


def _exact(expr: Expr) -> Expr:
    """Simplified, with the trigonometric functions at special angles evaluated (cos(π) = -1)
    and logarithms of numbers combined (ln 4 - ln 2 = ln 2)."""
    return combine_number_logs(exact_special_values(simplify(expr)), simplify)


def _difference(upper: Expr | None, lower: Expr | None) -> Expr | None:
    """F(b) - F(a), with an infinite side meaning divergence: oo - finite = oo, oo - (-oo) = oo,
    oo - oo has no value. None when either limit does not exist."""
    if upper is None or lower is None:
        return None
    top, bottom = isinstance(_unsigned(upper), Infinity), isinstance(_unsigned(lower), Infinity)
    if not top and not bottom:
        return _exact(Sub(upper, lower))
    up = (-1 if isinstance(upper, Neg) else 1) if top else 0
    down = (-1 if isinstance(lower, Neg) else 1) if bottom else 0
    direction = up - down
    if top and bottom and direction == 0:
        return None  # ∞ - ∞: each part diverges, and their difference has no meaning
    return oo if direction > 0 else Neg(oo)


def _numeric_check(tree: Expr, antiderivative: Expr, x: Symbol, lower: Bound,
                   upper: Bound) -> tuple[float, float, float, float] | None:
    """F(b') - F(a') against adaptive quadrature on [a', b'], the interval pulled in from an
    improper end; refuse on disagreement. Returns (a', b', exact, numeric)."""
    from .quadrature import adaptive_integral

    a, b = _float(lower.point), _float(upper.point)
    sign = 1.0
    if a > b:
        a, b, lower, upper, sign = b, a, upper, lower, -1.0
    a2, b2 = _inner(a, b, lower.improper, upper.improper)
    try:
        exact = _float_of(Sub(antiderivative.subs({x: number(b2)}), antiderivative.subs({x: number(a2)})))
    except (SymdiffError, OverflowError, ValueError):
        return None  # F beyond a float's range there (e^800): the symbolic check and the scan stand
    try:
        estimate = adaptive_integral(tree, x.name, a2, b2, tol=_CHECK_TOL, limit=_CHECK_LIMIT)
    except IntegrationError as failed:  # f is not as tame on [a', b'] as the scan saw: say so, answer nothing
        raise IntegrationError(
            f"adaptive quadrature could not confirm the exact answer on [{a2:.6g}, {b2:.6g}] ({failed}); the "
            "integrand may be singular or oscillate there, so no exact value is given") from None
    numeric, error = float(estimate), float(estimate.error or 0.0)
    scale = max(abs(exact), abs(numeric), 1.0)
    if not math.isfinite(exact) or abs(exact - numeric) > 1e-7 * scale + 100 * error:
        raise IntegrationError(
            f"the antiderivative {to_text(antiderivative, 60)} does not give the area on [{a2:.6g}, {b2:.6g}] "
            f"({exact:.10g} against {numeric:.10g} by adaptive quadrature): it is not continuous there, so the "
            "Fundamental Theorem does not apply; estimate the area numerically instead")
    return (a2, b2, sign * exact, sign * numeric)


def _without_cancellation(result: ExactIntegral, value: float) -> float:
    """``value``, the float of the exact value, or where evaluating it lost more digits to
    cancellation than quadrature loses (e^(10^-9) - 1 keeps 8 of 16), the quadrature's area to
    a tolerance below that loss."""
    from ..calculus.limit_exact import cancellation_scale
    from .quadrature import adaptive_integral

    lost = 4 * sys.float_info.epsilon * cancellation_scale(result.value)  # type: ignore[arg-type]
    if lost <= 1e-12 * abs(value) or result.improper:
        return value
    a, b = _float(result.lower.point), _float(result.upper.point)
    try:
        estimate = adaptive_integral(result.expr, result.var.name, a, b, tol=1e-14)
    except IntegrationError:
        return value
    if estimate.error is None or estimate.error >= lost:
        return value
    return float(estimate)


def _inner(a: float, b: float, improper_a: bool, improper_b: bool) -> tuple[float, float]:
    """A finite interval inside [a, b] that keeps away from improper ends."""
    if math.isinf(a) and math.isinf(b):
        return -2.0, 2.0
    if math.isinf(b):
        start = a + 1e-3 * max(1.0, abs(a)) if improper_a else a
        return start, start + 4.0
    if math.isinf(a):
        end = b - 1e-3 * max(1.0, abs(b)) if improper_b else b
        return end - 4.0, end
    width = b - a
    return (a + 1e-3 * width if improper_a else a), (b - 1e-3 * width if improper_b else b)
