"""Limits at infinity by dominance: the term that grows fastest decides.

``dominant`` finds the leading behaviour ``c * e^(k*t) * t^p * ln(t)^q`` of an expression as
t = |x| -> oo, term by term: in a sum the fastest-growing term wins (exponentials beat powers,
powers beat logarithms), products and quotients multiply and divide leading terms, roots and
powers raise them. It declines (None) when the leading terms of a sum cancel, or a part grows
in a way the scale cannot write (e^(x^2), ln(ln(x))).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Div, E, Expr, Mul, Neg, Number, Pow, Root, Sub, number
from ..core.printer import to_text
from .limit_engine import Engine, LimitError, Outcome
from .limit_exact import ZERO_TOLERANCE, exact, fraction_of, tidy
from .limit_forms import BOUNDED, FINITE, Value, finite, infinite

__all__ = ["dominant"]

# --- dominance: the leading term of any expression at infinity ------------------------------------


_ZERO = Number(0)


@dataclass(frozen=True, slots=True)
class Lead:
    """``coefficient * e^(rate*t) * t^power * ln(t)^logs`` as t = |x| -> oo."""

    approx: float
    coefficient: Expr  # exactly; ``approx`` is its float
    rate: float = 0.0
    power: Fraction = Fraction(0)
    logs: Fraction = Fraction(0)
    exact_rate: Expr = _ZERO  # the rate exactly (ln(3) for 3^x): it can become a coefficient (ln(3^x) ~ ln(3)*x)

    @property
    def order(self) -> tuple[float, Fraction, Fraction]:
        return (self.rate, self.power, self.logs)

    def times(self, other: Lead) -> Lead:
        rate = other.exact_rate if self.exact_rate == _ZERO else (
            self.exact_rate if other.exact_rate == _ZERO else Add(self.exact_rate, other.exact_rate))
        return Lead(self.approx * other.approx, Mul(self.coefficient, other.coefficient), self.rate + other.rate,
                    self.power + other.power, self.logs + other.logs, rate)

    def raised(self, n: Fraction) -> Lead | None:
        if self.approx < 0 and n.denominator != 1:
            return None
        rate = _ZERO if self.exact_rate == _ZERO else Mul(number(n), self.exact_rate)
        return Lead(self.approx ** float(n), Pow(self.coefficient, number(n)), self.rate * float(n),
                    self.power * n, self.logs * n, rate)

    def negated(self) -> Lead:
        return Lead(-self.approx, Neg(self.coefficient), self.rate, self.power, self.logs, self.exact_rate)

    def value(self) -> Value:
        positive = self.approx > 0
        order = (_sign(self.rate), self.power, self.logs)
        if order == (0, 0, 0):
            return finite(self.coefficient, self.approx)
        if order > (0, 0, 0):
            return infinite(1 if positive else -1)
        return Value(FINITE, Number(0), 0.0, 1 if positive else -1, 0)


def _sign(value: float) -> int:
    return 0 if abs(value) <= ZERO_TOLERANCE else (1 if value > 0 else -1)


def dominant(engine: Engine, expr: Expr, parts: list[Outcome]) -> Outcome | None:
    """The limit from the leading behaviour: the fastest-growing term decides."""
    if not engine.point.infinite:
        return None
    finder = _Leads(engine)
    lead = finder.lead(expr)
    if lead is None:
        return None
    value = lead.value()
    if type(expr) is Div:
        top, bottom = (finder.lead(part) for part in expr.children)
        note = f"the numerator behaves like {finder.text(top)}, the denominator like {finder.text(bottom)}"
    else:
        note = f"it behaves like {finder.text(lead)}"
    return value, engine.step("dominance", expr, value, note=note)


class _Leads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sign = engine.point.infinite  # x = sign * t
        self.memo: dict[Expr, Lead | None] = {}

    def text(self, lead: Lead | None) -> str:
        if lead is None:
            return "?"
        x = self.engine.var
        t: Expr = x if self.sign > 0 else Neg(x)
        pieces: list[Expr] = []
        if lead.rate:
            pieces.append(Pow(E, Mul(exact(lead.exact_rate, lead.rate), t)))
        if lead.power:
            pieces.append(t if lead.power == 1 else Pow(t, number(lead.power)))
        if lead.logs:
            log: Expr = Call("ln", t)
            pieces.append(log if lead.logs == 1 else Pow(log, number(lead.logs)))
        coefficient = exact(lead.coefficient, lead.approx)
        if not pieces:
            return str(coefficient)
        term = pieces[0] if len(pieces) == 1 else Mul(*pieces)
        try:
            return str(tidy(term if coefficient == Number(1) else Mul(coefficient, term)))
        except SymdiffError:
            return str(Mul(coefficient, term))

    def lead(self, expr: Expr) -> Lead | None:
        if expr in self.memo:
            return self.memo[expr]
        if expr.depth > 40:
            return None
        result = self._lead(expr)
        self.memo[expr] = result
        return result

    def _lead(self, expr: Expr) -> Lead | None:
        x = self.engine.var
        kind = type(expr)
        if expr == x:
            return Lead(float(self.sign), number(self.sign), power=Fraction(1))
        if x not in expr.free_symbols:
            return self._constant(expr)
        if kind in (Add, Sub):
            return self._sum(expr)
        if kind is Neg:
            inner = self.lead(expr.children[0])
            return None if inner is None else inner.negated()
        if kind in (Mul, Div):
            leads = [self.lead(child) for child in expr.children]
            if any(lead is None for lead in leads):
                return None
            if kind is Div:
                inverse = leads[1].raised(Fraction(-1))  # type: ignore[union-attr]
                return None if inverse is None else leads[0].times(inverse)  # type: ignore[union-attr]
            result = leads[0]
            for lead in leads[1:]:
                result = result.times(lead)  # type: ignore[union-attr, arg-type]
            return result
        if kind is Pow:
            return self._power(expr)
        if kind is Root or (kind is Call and expr.name in ("sqrt", "cbrt")):  # type: ignore[attr-defined]
            inner = self.lead(expr.children[0])
            n = expr.index if kind is Root else (2 if expr.name == "sqrt" else 3)  # type: ignore[attr-defined]
            if inner is None or (inner.approx < 0 and n % 2 == 0):
                return None
            if inner.approx < 0:  # an odd root of a negative: -root(-u, n)
                positive = inner.negated().raised(Fraction(1, n))
                return None if positive is None else positive.negated()
            return inner.raised(Fraction(1, n))
        if kind is Call and expr.name == "exp":  # type: ignore[attr-defined]
            return self._exponential(E, expr.children[0])
        if kind is Call and expr.name in ("ln", "log"):  # type: ignore[attr-defined]
            return self._logarithm(expr.children[0])
        if kind is Call and expr.name == "abs":  # type: ignore[attr-defined]
            inner = self.lead(expr.children[0])
            if inner is None:
                return None
            return Lead(abs(inner.approx), Call("abs", inner.coefficient), inner.rate, inner.power, inner.logs,
                        inner.exact_rate)
        return self._by_limit(expr)

    def _constant(self, expr: Expr) -> Lead | None:
        try:
            value = self.engine.limit(expr)[0]
        except LimitError:
            return None
        if value.kind != FINITE or not value.approx:
            return None
        return Lead(value.approx, value.exact)  # type: ignore[arg-type]

    def _by_limit(self, expr: Expr) -> Lead | None:
        """A part with a finite non-zero limit L leads with L itself."""
        return self._constant(expr)

    def _sum(self, expr: Expr) -> Lead | None:
        terms = list(expr.children)
        signs = [1, -1] if type(expr) is Sub else [1] * len(terms)
        leads = []
        small = False  # a bounded term without a leading term: negligible beside a growing one
        for sign, term in zip(signs, terms, strict=True):
            lead = self.lead(term)
            if lead is None:
                if not self._bounded(term):
                    return None
                small = True
                continue
            leads.append(lead if sign > 0 else lead.negated())
        if not leads:
            return None
        top = max(lead.order for lead in leads)
        if small and not top > (0.0, Fraction(0), Fraction(0)):
            return None
        winners = [lead for lead in leads if _same(lead.order, top)]
        total = math.fsum(lead.approx for lead in winners)
        if abs(total) <= 1e-9 * max(abs(lead.approx) for lead in winners):
            return None  # the leading terms cancel: the next ones decide, which this scale does not see
        coefficient = winners[0].coefficient if len(winners) == 1 else Add(*(w.coefficient for w in winners))
        return Lead(total, coefficient, top[0], top[1], top[2], winners[0].exact_rate)

    def _bounded(self, expr: Expr) -> bool:
        try:
            value = self.engine.limit(expr)[0]
        except LimitError:
            return False
        return value.kind in (FINITE, BOUNDED)

    def _power(self, expr: Expr) -> Lead | None:
        base, exponent = expr.children
        x = self.engine.var
        if x not in exponent.free_symbols:
            n = fraction_of(exponent)
            inner = self.lead(base)
            if n is None or inner is None:
                return None
            return inner.raised(n)
        if x in base.free_symbols:
            return None
        return self._exponential(base, exponent)

    def _exponential(self, base: Expr, exponent: Expr) -> Lead | None:
        """a^g (a > 0 constant): g ~ c*t + b + o(1) gives the rate c*ln(a) and the coefficient a^b."""
        try:
            a = self.engine.limit(base)[0]
        except LimitError:
            return None
        if a.kind != FINITE or a.approx <= 0:
            return None
        inner = self.lead(exponent)
        if inner is None:
            return None
        if inner.order == (0.0, Fraction(0), 0):  # g -> b finite
            return Lead(a.approx ** inner.approx, Pow(base, inner.coefficient))
        if inner.rate or inner.logs or inner.power != 1:
            return None
        x = self.engine.var
        slope = inner.coefficient if self.sign > 0 else Neg(inner.coefficient)  # g ~ slope * x
        try:
            rest = tidy(Sub(exponent, Mul(slope, x)))
            b = self.engine.limit(rest)[0]
        except SymdiffError:
            return None
        if b.kind != FINITE:
            return None
        ln_a = math.log(a.approx)
        exact_rate = inner.coefficient if base == E else Mul(inner.coefficient, Call("ln", base))
        rate = inner.approx * ln_a
        if rate and abs(rate) <= ZERO_TOLERANCE:
            # x*e^(-x/10^10) at oo: a rate this small is taken for 0 below (the exponential for a
            # constant), and the function's values up to where floats reach agree with that.
            raise LimitError(f"the rate of growth of {to_text(Pow(base, exponent), 60)} is about {rate:.3g}, so close "
                             "to 0 that the floats symdiff's limit methods work with take it for 0, so symdiff "
                             "declines rather than risk a wrong answer")
        return Lead(a.approx ** b.approx, Pow(base, b.exact), rate,  # type: ignore[arg-type]
                    exact_rate=exact_rate)

    def _logarithm(self, argument: Expr) -> Lead | None:
        inner = self.lead(argument)
        if inner is None or inner.approx <= 0:
            return None
        if _sign(inner.rate) > 0:
            return Lead(inner.rate, inner.exact_rate, power=Fraction(1))
        if inner.power:
            return Lead(float(inner.power), number(inner.power), logs=Fraction(1))
        if inner.logs:
            return None
        if abs(inner.approx - 1) <= ZERO_TOLERANCE:
            return None
        return Lead(math.log(inner.approx), Call("ln", inner.coefficient))


def _same(a: tuple[float, Fraction, Fraction], b: tuple[float, Fraction, Fraction]) -> bool:
    return abs(a[0] - b[0]) <= ZERO_TOLERANCE and a[1] == b[1] and a[2] == b[2]
