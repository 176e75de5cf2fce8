"""Rational functions in factored form, and ``cancel``, ``together`` and ``cancel_factored``.

A ``Factored`` value is ``coefficient * f1^k1 * f2^k2 * ...``: an exact rational times
powers (whole, of either sign) of distinct primitive polys in the generators (see
``generators``). Products and powers only add exponents, so a denominator keeps the shape it
was written in, ``(x^2 - 1)^2``; a sum is put over the least common denominator, found by
splitting the denominators into pairwise coprime factors with the polynomial GCD (not by
multiplying them), and its numerator is multiplied out.

``cancel`` splits every numerator factor against every denominator factor the same way, which
leaves the fraction in lowest terms. Cancelling removes a removable singularity:
``(x^2 - 1)/(x - 1)`` becomes ``x + 1``, equal to the input wherever the input is defined
(which is how every computer algebra system cancels).

Building blocks for other modules: ``factored(expr)`` gives ``(Factored, Generators)``;
``FactoredAlgebra.cancel`` puts a value in lowest terms; ``numerator``/``denominator`` multiply
out either side; ``write_fraction`` writes one back with the denominator expanded or factored.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.collector import collector_paused
from ..core.expr import Div, Expr, Mul, Number, Pow
from ..syntax.parser import to_expr
from .exact import Rational, whole
from .generators import Generators, Writer, walk
from .polynomial import AlgebraError, Poly, check_number_power, gcd

__all__ = ["Factored", "FactoredAlgebra", "cancel", "cancel_factored", "factored", "together", "write_fraction"]


class Factored:
    """``coefficient * prod(poly^exponent)``: polys primitive and non-constant, exponents != 0."""

    __slots__ = ("coefficient", "factors")

    def __init__(self, coefficient: Rational, factors: dict[Poly, int]) -> None:
        self.coefficient = whole(coefficient)
        self.factors = factors if coefficient else {}

    def numerator_factors(self) -> dict[Poly, int]:
        return {f: e for f, e in self.factors.items() if e > 0}

    def denominator_factors(self) -> dict[Poly, int]:
        return {f: -e for f, e in self.factors.items() if e < 0}

    def __repr__(self) -> str:
        return f"Factored({self.coefficient!r}, {self.factors!r})"


def product(factors: dict[Poly, int], nvars: int, coefficient: Rational = 1) -> Poly:
    """``coefficient * prod(f^k)`` multiplied out (the exponents must be positive)."""
    result = Poly.constant(coefficient, nvars)
    for f, k in sorted(factors.items(), key=lambda item: len(item[0])):
        result = result * f**k
    return result


class FactoredAlgebra:
    """Sums, products and powers of ``Factored`` values in ``nvars`` generators."""

    def __init__(self, nvars: int, gens: Generators | None = None) -> None:
        self.nvars = nvars
        self._coprime: set[frozenset[Poly]] = set()
        # Roots of numbers: their powers are reduced, (sqrt(2))^2 = 2 (see Generators.relations).
        self._relations = {Poly.generator(i, nvars): q for i, (q, _) in gens.relations.items()} if gens else {}
        self._gens = gens

    # --- the algebra ``walk`` folds into ------------------------------------------------------
    def const(self, value: Rational) -> Factored:
        return Factored(value, {})

    def atom(self, coefficient: Rational, exponents: tuple[int, ...]) -> Factored:
        factors = {Poly.generator(i, self.nvars): e for i, e in enumerate(exponents) if e}
        return self._reduced(Factored(coefficient, factors))

    def neg(self, a: Factored) -> Factored:
        return Factored(-a.coefficient, a.factors)

    def mul(self, factors: list[Factored]) -> Factored:
        coefficient: Rational = 1
        merged: dict[Poly, int] = {}
        for value in factors:
            coefficient *= value.coefficient
            if not coefficient:
                return Factored(0, {})
            _merge(merged, value.factors)
        return self._reduced(Factored(coefficient, merged))

    def _reduced(self, value: Factored) -> Factored:
        if not self._relations or not value.coefficient:
            return value
        factors = value.factors
        if not any(f in factors and not 0 <= factors[f] < q for f, q in self._relations.items()):
            return value
        factors = dict(factors)
        exponents = [0] * self.nvars
        for f in self._relations:
            if f in factors:
                ((unit, _),) = f.terms.items()
                exponents[unit.index(1)] = factors.pop(f)
        c, reduced = self._gens.reduce_monomial(tuple(exponents))  # type: ignore[union-attr]
        _merge(factors, {Poly.generator(i, self.nvars): e for i, e in enumerate(reduced) if e})
        return Factored(value.coefficient * c, factors)

    def pow(self, a: Factored, n: int) -> Factored:
        if n == 0:
            return Factored(1, {})
        if not a.coefficient:
            if n < 0:
                raise AlgebraError("division by zero: 0 to a negative power")
            return a
        check_number_power(a.coefficient, abs(n))
        return self._reduced(Factored(Fraction(a.coefficient) ** n, {f: e * n for f, e in a.factors.items()}))

    def div(self, a: Factored, b: Factored) -> Factored:
        if not b.coefficient:
            raise AlgebraError("division by zero")
        return self.mul([a, self.pow(b, -1)])

    def add(self, terms: list[Factored]) -> Factored:
        terms = [t for t in terms if t.coefficient]
        if len(terms) <= 1:
            return terms[0] if terms else Factored(0, {})
        # Factors every term has in its numerator stay factors: e^x*x + e^x = e^x*(x + 1).
        common = {f: e for f, e in terms[0].factors.items() if e > 0}
        for t in terms[1:]:
            common = {f: min(e, t.factors.get(f, 0)) for f, e in common.items() if t.factors.get(f, 0) > 0}
        denominators = [t.denominator_factors() for t in terms]
        base = self.coprime_base(denominators) if any(denominators) else []
        lcd = {f: max(exps) for f, exps in base}
        total = Poly({}, self.nvars)
        for i, t in enumerate(terms):
            top = {f: e - common.get(f, 0) for f, e in t.factors.items() if e > common.get(f, 0)}
            for f, exps in base:  # the factors of the common denominator this term lacks
                if lcd[f] > exps[i]:
                    top[f] = top.get(f, 0) + lcd[f] - exps[i]
            total = total + product(top, self.nvars, t.coefficient)
        result = self.from_poly(total)
        if not result.coefficient:
            return result
        _merge(result.factors, common)
        _merge(result.factors, {f: -e for f, e in lcd.items()})
        return self._reduced(result)

    # --- building blocks ------------------------------------------------------------------------
    def from_poly(self, poly: Poly) -> Factored:
        """A poly as content * monomial * primitive rest."""
        if self._gens is not None:
            poly = self._gens.reduce(poly)
        if not poly.terms:
            return Factored(0, {})
        c, primitive = poly.primitive()
        low = primitive.monomial_content()
        factors = {Poly.generator(i, self.nvars): e for i, e in enumerate(low) if e}
        if any(low):
            primitive = primitive.shift(tuple(-e for e in low))
        if not primitive.is_constant():
            factors[primitive] = 1
        return Factored(c, factors)

    def coprime_base(self, families: list[dict[Poly, int]]) -> list[tuple[Poly, list[int]]]:
        """Pairwise coprime polys, and each family's exponents over them, whose products are
        the families' products: {x^2 - 1: 1} and {x - 1: 2} become x - 1 (1, 2), x + 1 (1, 0)."""
        width = len(families)
        entries: dict[Poly, list[int]] = {}
        for i, family in enumerate(families):
            for f, e in family.items():
                entries.setdefault(f, [0] * width)[i] += e
        changed = True
        while changed:
            changed = False
            polys = list(entries)
            for a_index, a in enumerate(polys):
                for b in polys[a_index + 1:]:
                    pair = frozenset((a, b))
                    if pair in self._coprime:
                        continue
                    g = gcd(a, b)
                    if g.is_constant():
                        self._coprime.add(pair)
                        continue
                    va, vb = entries.pop(a), entries.pop(b)
                    both = [x + y for x, y in zip(va, vb, strict=True)]  # a*b = g^2 * (a/g) * (b/g)
                    for part, exps in ((g, both), (_cofactor(a, g), va), (_cofactor(b, g), vb)):
                        if not part.is_constant():
                            old = entries.setdefault(part, [0] * width)
                            entries[part] = [x + y for x, y in zip(old, exps, strict=True)]
                    changed = True
                    break
                if changed:
                    break
        return [(f, exps) for f, exps in entries.items() if any(exps)]

    def cancel(self, value: Factored) -> Factored:
        """``value`` in lowest terms: its factors split until numerator and denominator are coprime."""
        if not value.coefficient or not any(e < 0 for e in value.factors.values()):
            return value
        top, bottom = value.numerator_factors(), value.denominator_factors()
        base = self.coprime_base([top, bottom])
        factors = {f: a - b for f, (a, b) in base if a != b}
        return Factored(value.coefficient, factors)


def _cofactor(a: Poly, g: Poly) -> Poly:
    # a and g primitive with leading coefficients > 0: so is a/g (Gauss's lemma), which keeps
    # the products over a coprime base exactly equal to the products they replace.
    quotient = a.exact_quotient(g)
    if quotient is None:  # pragma: no cover - g is a GCD of a
        raise AlgebraError("internal error: a GCD did not divide its polynomial")
    return quotient


def _merge(into: dict[Poly, int], factors: dict[Poly, int]) -> None:
    for f, e in factors.items():
        total = into.get(f, 0) + e
        if total:
            into[f] = total
        else:
            into.pop(f, None)


# --- from trees and back ------------------------------------------------------------------------


def factored(expr: Expr, also: tuple[Expr, ...] = ()) -> tuple[Factored, Generators, FactoredAlgebra]:
    """``expr`` as a factored rational function in its generators (``also`` numbered first)."""
    gens = Generators()
    gens.scan(expr)
    algebra = FactoredAlgebra(gens.number(also), gens)
    return walk(expr, gens, algebra), gens, algebra


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
        parts: list[Expr] = []
        head = self.expr(Poly.monomial(mono, abs(coefficient)))
        if head != Number(1) or not factors:
            parts.append(head)
        for f in sorted(factors, key=factor_key):
            shown = self.expr(f)
            parts.append(shown if factors[f] == 1 else Pow(shown, Number(factors[f])))
        result = parts[0] if len(parts) == 1 else Mul(*parts)
        if coefficient < 0:
            from ..core.expr import Neg

            if type(result) is Mul and type(result.children[0]) is Number:
                return Mul(Neg(result.children[0]), *result.children[1:])
            return Neg(result)
        return result

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


# --- the public functions ------------------------------------------------------------------------


@collector_paused
def cancel(expr: Expr | str | float) -> Expr:
    """``expr`` as one fraction p/q in lowest terms, p and q multiplied out:
    ``cancel("(x^2 - 1)/(x - 1)")`` is ``x + 1``.

    Equal to ``expr`` wherever ``expr`` is defined (a removable singularity is removed, as in
    every computer algebra system). Non-polynomial parts (sin(x), e^x) are kept as they are.
    """
    value, gens, algebra = factored(to_expr(expr))
    return write_fraction(algebra.cancel(value), gens)


@collector_paused
def cancel_factored(expr: Expr | str | float) -> Expr:
    """As ``cancel``, but the denominator kept as the product of the factors it was written
    with: d/dx (x^2 + 1)/(x^2 - 1) raw is cancelled to ``-4*x/(x^2 - 1)^2``."""
    value, gens, algebra = factored(to_expr(expr))
    return write_fraction(algebra.cancel(value), gens, bottom="factored")


@collector_paused
def together(expr: Expr | str | float) -> Expr:
    """``expr`` as one fraction over the least common denominator, factors kept as written:
    ``together("1/(x + 1) + 1/(x - 1)")`` is ``2*x/((x - 1)*(x + 1))``. A sum in the numerator
    is multiplied out; common factors of numerator and denominator are not cancelled."""
    value, gens, _ = factored(to_expr(expr))
    return write_fraction(value, gens, top="factored", bottom="factored")


def _mixed_signs(poly: Poly) -> bool:
    """A sum with terms of both signs, which reads as well negated (1 - x for x - 1)."""
    return any(c < 0 for c in poly.terms.values()) and any(c > 0 for c in poly.terms.values())
