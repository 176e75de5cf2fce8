"""Polys and factored rational functions written back as textbook trees.

``Writer.expr`` writes a poly in the generators as a sum in graded order (x^3 + 3*x^2*y +
3*x*y^2 + y^3, sin(x)^2 + 2*sin(x) + 1), each term through the simplifier's normal forms, so
powers of generators come out as ``simplify`` writes them (e^(2*x), x^(3/2)) and the order
depends on the written terms alone (reading a result back writes it alike). ``FractionWriter``
writes a ``rational.Factored`` value with each side multiplied out or as a product of its
factors in textbook order (``factor_key``): x*(x - 1)*(x + 1), -4*x/(x^2 - 1)^2.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import Add, Div, Expr, Mul, Neg, Number, Pow, Sub
from .exact import Rational
from .generators import MAX_WRITTEN_BITS, Generators
from .normal import CONSTANT, NUMERIC, Normal
from .polynomial import AlgebraError, Poly
from .rational import Factored, product

__all__ = ["FractionWriter", "Writer", "factor_key", "write_fraction"]


class Writer:
    """Writes polys in the generators back as trees, through the simplifier's normal forms:
    a poly comes out as ``simplify`` prints a sum (descending degree, constant last)."""

    def __init__(self, gens: Generators) -> None:
        self.gens = gens
        self.s = gens.simplifier
        self._powers: dict[tuple[int, int], Normal] = {}
        self._written: dict[Poly, Expr] = {}  # a textbook writes the same factor in each of its forms

    def normal(self, poly: Poly) -> Normal:
        return self.s.add([term for _, term in self._terms(poly)]) if poly.terms else {}

    def _terms(self, poly: Poly) -> list[tuple[tuple[int, ...], Normal]]:
        s = self.s
        terms = []
        poly = self.gens.reduce(poly)
        for exponents, c in poly.terms.items():
            size = c.bit_length() if type(c) is int else max(c.numerator.bit_length(), c.denominator.bit_length())
            if size > MAX_WRITTEN_BITS:
                raise AlgebraError("the result is too large to write: a coefficient of over 1,000 digits")
            factors: list[Normal] = [{CONSTANT: c}]
            factors.extend(self._power(i, e) for i, e in enumerate(exponents) if e)
            terms.append((exponents, factors[0] if len(factors) == 1 else s.multiply(factors)))
        return terms

    def expr(self, poly: Poly) -> Expr:
        """The poly as a sum in graded order: x^3 + 3*x^2*y + 3*x*y^2 + y^3, sin(x)^2 + 1."""
        written = self._written.get(poly)
        if written is None:
            written = self._written[poly] = self._expr(poly)
        return written

    def _expr(self, poly: Poly) -> Expr:
        merged: dict[object, Rational] = {}  # normal monomial -> coefficient
        for _, term in self._terms(poly):
            for monomial, c in term.items():  # one term, but x^(1/2) squared may meet x
                merged[monomial] = merged.get(monomial, 0) + c
        # The order is one of the written terms alone, so a result read back is written alike.
        ordered = sorted(((self._order(m), m, c) for m, c in merged.items() if c), key=lambda t: t[0])
        if not ordered:
            return Number(0)
        if len(ordered) == 2 and ordered[0][2] < 0 < ordered[1][2]:  # 1 - x^2, not -x^2 + 1
            ordered.reverse()
        run: list[Expr] = []
        for _, monomial, c in ordered:
            magnitude = self.s.present({monomial: abs(c)})
            if not run:
                run.append(self.s.present({monomial: c}) if c < 0 else magnitude)
            elif c < 0:
                run = [Sub(run[0] if len(run) == 1 else Add(*run), magnitude)]
            else:
                run.append(magnitude)
        return run[0] if len(run) == 1 else Add(*run)

    def _order(self, monomial: tuple[tuple[Expr, object], ...]) -> tuple[object, ...]:
        """Graded order of a written term: by degree (e^(2*x) counts 2), then factor by factor
        in the simplifier's order of bases: x^3 + 3*x^2*y + 3*x*y^2 + y^3, sin(x)^2 + 2*sin(x)."""
        weights = [(self.s._key(base), self._weight(exponent)) for base, exponent in monomial]
        return (-sum(w for _, w in weights), tuple((key, -abs(w), -w) for key, w in weights))

    def _weight(self, exponent: object) -> Rational:
        if isinstance(exponent, NUMERIC):
            return exponent  # type: ignore[return-value]
        normal = self.s.normal_form(exponent)  # type: ignore[arg-type]
        if len(normal) == 1:
            (c,) = normal.values()
            if c > 0:
                return c
        return 1

    def _power(self, i: int, e: int) -> Normal:
        key = (i, e)
        cached = self._powers.get(key)
        if cached is None:
            s = self.s
            base = s.normal_form(self.gens.order[i])
            cached = self._powers[key] = base if e == 1 else s.power(base, {CONSTANT: e})
        return cached


def factor_key(poly: Poly) -> tuple[object, ...]:
    """The order a textbook writes factors in: x*(x - 1)*(x + 1)*(x^2 + 1)."""
    terms = sorted(poly.terms.items(), reverse=True)
    return (len(poly) > 1, poly.total_degree(), len(poly), tuple((tuple(-e for e in k), c) for k, c in terms))


class FractionWriter(Writer):
    """Writes a ``Factored`` value: each side multiplied out, or as a product of its factors."""

    def __init__(self, gens: Generators) -> None:
        super().__init__(gens)
        self._symbolic: dict[int, bool] = {}

    def fraction(self, value: Factored, *, top: str = "expanded", bottom: str = "expanded") -> Expr:
        nvars = len(self.gens.order)
        coefficient = Fraction(value.coefficient)
        if not coefficient:
            return Number(0)
        mono = [0] * nvars  # generators to a power, in the numerator (e^(-x) stays e^(-x))
        numerator: dict[Poly, int] = {}
        denominator: dict[Poly, int] = {}
        for f, e in value.factors.items():
            if len(f) == 1 and (e > 0 or self._is_symbolic_power(f)):
                ((exponents, _),) = f.terms.items()
                mono = [m + k * e for m, k in zip(mono, exponents, strict=True)]
            elif e > 0:
                numerator[f] = e
            else:
                denominator[f] = -e
        if coefficient < 0 and (top == "factored" or bottom == "factored"):
            # -(x*(y - s)) is written x*(s - y), -1/(x - 1) as 1/(1 - x): a sum to an odd power
            # takes the sign, in the numerator if it can.
            for side in (numerator, denominator) if top == "factored" else (denominator,):
                odd = [f for f in sorted(side, key=factor_key) if side[f] % 2 and _mixed_signs(f)]
                if odd and coefficient < 0:
                    side[-odd[0]] = side.pop(odd[0])
                    coefficient = -coefficient
        if (not denominator and coefficient.denominator == 1) or (not denominator and not numerator):
            # A polynomial (x/2 + 1 is written as simplify writes it).
            if top == "factored" and numerator:
                return self._product(coefficient, tuple(mono), numerator)
            return self.expr(product(numerator, nvars).shift(tuple(mono), coefficient))
        if top == "factored":
            upper = self._product(Fraction(coefficient.numerator), tuple(mono), numerator)
        else:
            upper = self.expr(product(numerator, nvars).shift(tuple(mono), coefficient.numerator))
        if not denominator and len(numerator) == 0:
            return self.expr(Poly.monomial(tuple(mono), coefficient))
        if bottom == "factored":
            lower = self._product(Fraction(coefficient.denominator), (0,) * nvars, denominator)
        else:
            lower = self.expr(product(denominator, nvars, coefficient.denominator))
        return Div(upper, lower)

    def _product(self, coefficient: Fraction, mono: tuple[int, ...], factors: dict[Poly, int]) -> Expr:
        """coefficient * monomial * f1^k1 * ..., the sums in textbook order."""
        factors = dict(factors)
        roots = self._merged_roots(mono := list(mono), factors)
        parts: list[Expr] = []
        head = self.expr(Poly.monomial(tuple(mono), abs(coefficient)))
        if head != Number(1) or (not factors and not roots):
            parts.append(head)
        for f in sorted([*factors, *roots], key=factor_key):
            if f in roots:
                parts.append(roots[f])
                continue
            shown = self.expr(f)
            parts.append(shown if factors[f] == 1 else Pow(shown, Number(factors[f])))
        result = parts[0] if len(parts) == 1 else Mul(*parts)
        if coefficient < 0:
            if type(result) is Mul and type(result.children[0]) is Number:
                return Mul(Neg(result.children[0]), *result.children[1:])
            return Neg(result)
        return result

    def _merged_roots(self, mono: list[int], factors: dict[Poly, int]) -> dict[Poly, Expr]:
        """u^k*sqrt(u) written (u)^(k + 1/2), as a textbook does: (x^2 + 1)^(3/2). Takes the
        root out of ``mono`` or ``factors`` and u out of ``factors``."""
        merged: dict[Poly, Expr] = {}
        for i, (q, base) in self.gens.relations.items():
            if not isinstance(base, Poly) or base not in factors:
                continue
            unit = Poly.generator(i, len(mono))
            r = mono[i] or factors.get(unit, 0)
            k = factors[base]
            if not r or (r > 0) != (k > 0):
                continue
            power = self.s.power(self.s.normal_form(self.expr(base)), {CONSTANT: Fraction(k * q + r, q)})
            merged[base] = self.s.present(power)
            del factors[base]
            if mono[i]:
                mono[i] = 0
            else:
                del factors[unit]
        return merged

    def _is_symbolic_power(self, f: Poly) -> bool:
        """Whether a generator is a power with a symbolic exponent (e^x), which a textbook writes
        to a negative power (e^(-x)) rather than in a denominator."""
        ((exponents, _),) = f.terms.items()
        if sum(1 for e in exponents if e) != 1:
            return False
        index = next(i for i, e in enumerate(exponents) if e)
        known = self._symbolic.get(index)
        if known is None:
            normal = self.s.normal_form(self.gens.order[index])
            known = len(normal) == 1 and any(
                not isinstance(exponent, (int, Fraction)) for monomial in normal for _, exponent in monomial
            )
            self._symbolic[index] = known
        return known


def write_fraction(value: Factored, gens: Generators, *, top: str = "expanded", bottom: str = "expanded") -> Expr:
    """A ``Factored`` value as a tree: each side ``"expanded"`` or ``"factored"``."""
    return FractionWriter(gens).fraction(value, top=top, bottom=bottom)


def _mixed_signs(poly: Poly) -> bool:
    """A sum with terms of both signs, which reads as well negated (1 - x for x - 1)."""
    return any(c < 0 for c in poly.terms.values()) and any(c > 0 for c in poly.terms.values())
