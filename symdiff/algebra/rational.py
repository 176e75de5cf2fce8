"""Rational functions in factored form, put over a common denominator and in lowest terms.

A ``Factored`` value is ``coefficient * f1^k1 * f2^k2 * ...``: an exact rational times
powers (whole, of either sign) of distinct primitive polys in the generators (see
``generators``). Products and powers only add exponents, so a denominator keeps the shape it
was written in, ``(x^2 - 1)^2``; a sum is put over the least common denominator, found by
splitting the denominators into pairwise coprime factors with the polynomial GCD (not by
multiplying them), and its numerator is multiplied out.

``FactoredAlgebra.cancel`` splits every numerator factor against every denominator factor the
same way, which leaves the fraction in lowest terms. Cancelling removes a removable
singularity: ``(x^2 - 1)/(x - 1)`` becomes ``x + 1``, equal to the input wherever the input
is defined (which is how every computer algebra system cancels).

Building blocks for other modules: ``factored(expr)`` gives ``(Factored, Generators,
FactoredAlgebra)``; ``algebra.cancel(value)`` puts a value in lowest terms;
``value.numerator_factors()`` / ``denominator_factors()`` and ``product`` multiply out either
side; ``writer.write_fraction`` writes one back with each side expanded or factored;
``polynomial.gcd`` is the GCD of two polys.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import Expr
from .exact import Rational, whole
from .generators import Generators
from .polynomial import AlgebraError, Poly, _budget, check_number_power, gcd
from .polywalk import walk
from .simplify import Simplifier

__all__ = ["Factored", "FactoredAlgebra", "factored", "product"]


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
    if coefficient and not _budget:
        # Powers of generators (a term's x^2*y): one term, the exponents added, as the
        # products below would give it (each shifts the term by a generator, coefficient 1).
        exponents = [0] * nvars
        for f, k in factors.items():
            if len(f.terms) != 1:
                break
            ((unit, c),) = f.terms.items()
            if type(c) is not int or c != 1:
                break
            for i, e in enumerate(unit):
                if e:
                    exponents[i] += e * k
        else:
            return Poly({tuple(exponents): whole(coefficient)}, nvars)
    result = Poly.constant(coefficient, nvars)
    for f, k in sorted(factors.items(), key=lambda item: len(item[0])):
        result = result * (f if k == 1 else f**k)
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
            return value  # (a negative power of a root of a sum is left alone: 1/sqrt(x^2 + 1))
        gens: Generators = self._gens  # type: ignore[assignment]
        factors = dict(factors)
        coefficient = value.coefficient
        for _ in range(64):  # a root's base is smaller than the root: this ends in a few rounds
            exponents = [0] * self.nvars
            for f in self._relations:
                if f in factors:
                    ((unit, _),) = f.terms.items()
                    exponents[unit.index(1)] = factors.pop(f)
            c, reduced = gens.reduce_monomial(tuple(exponents))
            coefficient *= c
            more: list[tuple[Poly, int]] = []
            for i, e in enumerate(reduced):
                q, base = gens.relations.get(i, (0, None))
                if isinstance(base, Poly) and not -q < e < q:  # sqrt(u)^3 = u*sqrt(u), sqrt(u)^-3 = ...
                    k = e // q if e > 0 else -(-e // q)  # the power left is between -q and q
                    e -= k * q
                    more.append((base, k))
                if e:
                    _merge(factors, {Poly.generator(i, self.nvars): e})
            if not more:
                break
            for base, k in more:
                part = self.pow(self.from_poly(base), k)
                coefficient *= part.coefficient
                _merge(factors, part.factors)
        return Factored(coefficient, factors)

    def pow(self, a: Factored, n: int) -> Factored:
        if n == 0:
            return Factored(1, {})
        if not a.coefficient:
            if n < 0:
                raise AlgebraError("division by zero: 0 to a negative power")
            return a
        if n == 1:
            return self._reduced(Factored(a.coefficient, dict(a.factors)))
        c = a.coefficient
        if c == 1 or c == -1:  # most factors: no number to raise
            power: Rational = c if n % 2 else 1
        else:
            check_number_power(c, abs(n))
            power = Fraction(c) ** n
        return self._reduced(Factored(power, {f: e * n for f, e in a.factors.items()}))

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
        result = self.from_poly(self._numerator_over(terms, common, base))
        if not result.coefficient:
            return result
        _merge(result.factors, common)
        _merge(result.factors, {f: -e for f, e in lcd.items()})
        return self._reduced(result)

    def _numerator_over(
        self, terms: list[Factored], common: dict[Poly, int], base: list[tuple[Poly, list[int]]]
    ) -> Poly:
        """The numerator of the sum over the least common denominator of ``base``: each term's
        numerator (less ``common``) times the denominator factors it lacks.

        Summed as a balanced tree, n/x + ... over two halves at a time: a half's numerator is
        multiplied only by the factors the other half adds, so 1/(x + 1) + ... + 1/(x + n) costs
        about n^2 term products, where multiplying each term by the n - 1 factors it lacks
        would cost n^3. The sum is the same poly either way."""
        groups: list[tuple[Poly, list[int]]] = []  # (numerator, denominator exponents over base)
        for i, t in enumerate(terms):
            top = {f: e - common.get(f, 0) for f, e in t.factors.items() if e > common.get(f, 0)}
            groups.append((product(top, self.nvars, t.coefficient), [exps[i] for _, exps in base]))
        while len(groups) > 1:
            paired: list[tuple[Poly, list[int]]] = []
            for j in range(0, len(groups) - 1, 2):
                (top_a, low_a), (top_b, low_b) = groups[j], groups[j + 1]
                low = [max(a, b) for a, b in zip(low_a, low_b, strict=True)]
                top = self._lifted(top_a, low_a, low, base) + self._lifted(top_b, low_b, low, base)
                paired.append((top, low))
            if len(groups) % 2:
                paired.append(groups[-1])
            groups = paired
        top, low = groups[0]
        return self._lifted(top, low, [max(exps) for _, exps in base], base)

    def _lifted(self, top: Poly, low: list[int], to: list[int], base: list[tuple[Poly, list[int]]]) -> Poly:
        """``top / prod(f^low)`` written over ``prod(f^to)``: its numerator."""
        missing = {f: b - a for (f, _), a, b in zip(base, low, to, strict=True) if b > a}
        return top * product(missing, self.nvars) if missing and top.terms else top

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
        # Distinct primitive polys of degree 1 are irreducible and not associates: coprime, with
        # no GCD to take (1/(x + 1) + ... + 1/(x + n) has n^2/2 such pairs).
        linear = {f for f in entries if f.total_degree() == 1}
        changed = True
        while changed:
            changed = False
            polys = list(entries)
            for a_index, a in enumerate(polys):
                a_linear = a in linear
                for b in polys[a_index + 1:]:
                    if a_linear and b in linear:
                        continue
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


def factored(
    expr: Expr, also: tuple[Expr, ...] = (), simplifier: Simplifier | None = None
) -> tuple[Factored, Generators, FactoredAlgebra]:
    """``expr`` as a factored rational function in its generators (``also`` numbered first).
    Pass a ``simplifier`` to share its memo (generators are canonicalised with it)."""
    gens = Generators(simplifier)
    gens.scan(expr)
    algebra = FactoredAlgebra(gens.number(also), gens)
    return walk(expr, gens, algebra), gens, algebra
