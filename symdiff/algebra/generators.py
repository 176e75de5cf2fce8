"""Expressions as polynomials: finding the generators, walking the tree, writing polys back.

A *generator* is any subterm that is not built by ``+ - * /`` and whole powers: a symbol, pi
or e, ``sin(x)``, ``e^x``, ``sigmoid(w*x + b)``, ``x^(1/2)``, ``2^x``. ``Generators.scan``
finds them and puts each in one canonical form, so that equal subterms written two ways are
one generator: the simplifier's normal form of the subterm is taken apart into its factors
(``sqrt(8)`` is ``2*sqrt(2)``; ``exp(u)`` is ``e^u``; ``x^(3/2)`` is ``(x^(1/2))^3``), and a
positive constant to a power with a whole multiple in it is a power of a simpler generator
(``e^(2*x) = (e^x)^2``, ``e^(-x) = (e^x)^-1``): each of these holds wherever both sides are
defined. ``walk`` then folds the tree into any algebra (polys, factored rational functions)
without recursion, and ``Writer`` writes a poly in the generators back as a textbook tree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol, TypeVar

from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from .exact import Rational, bounded_power, whole
from .normal import CONSTANT, NUMERIC, Normal
from .polynomial import AlgebraError, Poly, check_number_power
from .simplify import Simplifier

__all__ = ["Generators", "PolyAlgebra", "Writer", "walk"]

T = TypeVar("T")
# How a generator node enters a poly: a coefficient times powers of canonical generators.
Atom = tuple[Rational, tuple[tuple[Expr, int], ...]]
_E = Constant("e")
_SUMS = (Add, Sub, Mul, Div, Neg)
MAX_WRITTEN_BITS = 3_300  # about 1,000 decimal digits: the most a number literal may have


class PolyAlgebra(Protocol[T]):
    """What ``walk`` folds a tree into."""

    def const(self, value: Rational) -> T: ...
    def atom(self, coefficient: Rational, exponents: tuple[int, ...]) -> T: ...
    def add(self, terms: list[T]) -> T: ...
    def neg(self, a: T) -> T: ...
    def mul(self, factors: list[T]) -> T: ...
    def div(self, a: T, b: T) -> T: ...
    def pow(self, a: T, n: int) -> T: ...


class Generators:
    """The generators of one or more expressions, each numbered, in a canonical order."""

    def __init__(self, simplifier: Simplifier | None = None) -> None:
        self.simplifier = simplifier or Simplifier()
        self.atoms: dict[int, tuple[Expr, Atom]] = {}  # id(generator node) -> how it enters
        self.powers: dict[int, tuple[Expr, int]] = {}  # id(Pow node) -> its whole exponent
        self.found: set[Expr] = set()
        self.order: list[Expr] = []
        self.index: dict[Expr, int] = {}
        self.roots: dict[Expr, tuple[Expr, int]] = {}  # b^(1/q) -> (b, q)
        # index of a root of a number -> (q, the number): (2^(1/2))^2 = 2 is used to reduce powers
        self.relations: dict[int, tuple[int, Fraction]] = {}

    def scan(self, root: Expr) -> None:
        """Find the generators of ``root`` (call ``number`` when all expressions are scanned)."""
        stack = [root]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            kind = type(node)
            if kind is Number:
                continue
            if kind in _SUMS:
                stack.extend(node.children)
                continue
            if kind is Pow:
                n = self._whole_exponent(node.children[1])
                if n is not None and not self._huge_number(node.children[0], n):
                    self.powers[id(node)] = (node, n)
                    stack.append(node.children[0])
                    continue
            atom = self._atom(node)
            self.atoms[id(node)] = (node, atom)
            self.found.update(gen for gen, _ in atom[1])

    def number(self, also: Sequence[Expr] = ()) -> int:
        """Fix the order of the generators (``also`` first, in its order); the count of them."""
        numbers = self._unify_roots(also)
        rest = sorted(self.found - set(also), key=_generator_key)
        self.order = [*also, *rest]
        self.index = {gen: i for i, gen in enumerate(self.order)}
        self.relations = {self.index[gen]: relation for gen, relation in numbers.items() if gen in self.index}
        return len(self.order)

    def _unify_roots(self, also: Sequence[Expr]) -> dict[Expr, tuple[int, Fraction]]:
        """One generator per base of roots: with x, sqrt(x) and x^(1/3) all present, the one
        generator is x^(1/6) (x = (x^(1/6))^6), which holds wherever sqrt(x) is defined, and so
        wherever an expression containing it is. A root of a number, sqrt(2), is a generator
        whose q-th power is reduced to the number (the relations)."""
        if not self.roots:
            return {}
        common: dict[Expr, int] = {}
        for gen, (base, q) in self.roots.items():
            if gen in self.found:
                common[base] = math.lcm(common.get(base, 1), q)
        remap: dict[Expr, tuple[Expr, int]] = {}
        numbers: dict[Expr, tuple[int, Fraction]] = {}
        one = Fraction(1)
        for base, q in common.items():
            root = self.simplifier.present({((base, Fraction(1, q)),): one})
            if root in also:
                continue
            for gen, (other, p) in self.roots.items():
                if other == base and gen in self.found:
                    remap[gen] = (root, q // p)
            if type(base) is Number:
                numbers[root] = (q, Fraction(base.value))  # type: ignore[attr-defined]
            elif base in self.found and base not in also:
                remap[base] = (root, q)
        if not remap:
            return numbers
        for key, (node, (coefficient, parts)) in list(self.atoms.items()):
            merged: dict[Expr, int] = {}
            for gen, power in parts:
                new, times = remap.get(gen, (gen, 1))
                merged[new] = merged.get(new, 0) + power * times
            self.atoms[key] = (node, (coefficient, tuple(merged.items())))
        self.found = {remap.get(gen, (gen, 1))[0] for gen in self.found}
        return numbers

    def reduce(self, poly: Poly) -> Poly:
        """A poly with powers of roots of numbers reduced: (sqrt(2))^3 = 2*sqrt(2)."""
        if not self.relations or not poly.terms:
            return poly
        terms: dict[tuple[int, ...], Rational] = {}
        for exponents, c in poly.terms.items():
            factor, exponents = self.reduce_monomial(exponents)
            total = terms.get(exponents, 0) + c * factor
            if total:
                terms[exponents] = whole(total)
            else:
                terms.pop(exponents, None)
        return Poly(terms, poly.nvars)

    def reduce_monomial(self, exponents: tuple[int, ...]) -> tuple[Rational, tuple[int, ...]]:
        """(c, reduced exponents) with gens^exponents = c * gens^reduced, 0 <= reduced < q for roots of numbers."""
        factor: Rational = 1
        reduced = list(exponents)
        for i, (q, value) in self.relations.items():
            e = reduced[i]
            if e < 0 or e >= q:
                k, reduced[i] = divmod(e, q)
                check_number_power(value, abs(k))
                factor *= Fraction(value) ** k
        return whole(factor), tuple(reduced)

    def _huge_number(self, base: Expr, n: int) -> bool:
        """A number to a power too large to work out (4^1661): kept as a generator, as the
        simplifier keeps it a power."""
        if abs(n) <= 1 or not all(type(part) in (Number, Neg, Div) for part in (base, *base.children)):
            return False
        normal = self.simplifier.normal_form(base)
        if len(normal) != 1 or CONSTANT not in normal:
            return False
        return bounded_power(Fraction(normal[CONSTANT]), Fraction(n)) is None

    def _whole_exponent(self, exponent: Expr) -> int | None:
        if type(exponent) is Number:
            value = exponent.value  # type: ignore[attr-defined]
            return value if type(value) is int else None
        if not exponent.children or type(exponent) not in (Neg, Div, Add, Sub, Mul, Pow):
            return None
        normal = self.simplifier.normal_form(exponent)
        if not normal:
            return 0
        if len(normal) == 1 and CONSTANT in normal:
            value = normal[CONSTANT]
            return value if type(value) is int else None
        return None

    def _atom(self, node: Expr) -> Atom:
        if type(node) in (Symbol, Constant):
            return 1, ((node, 1),)
        s = self.simplifier
        if type(node) is Call and node.name == "exp":  # type: ignore[attr-defined]
            normal = s.power(s.normal_form(_E), s.normal_form(node.children[0]))
        else:
            normal = s.normal_form(node)
        if not normal:
            return 0, ()
        if len(normal) > 1:  # not met in practice: kept whole, which is always sound
            return 1, ((s.present(normal), 1),)
        ((monomial, coefficient),) = normal.items()
        parts: list[tuple[Expr, int]] = []
        for base, exponent in monomial:
            parts.append(self._factor(base, exponent))
        return coefficient, tuple(parts)

    def _factor(self, base: Expr, exponent: object) -> tuple[Expr, int]:
        """One factor base^exponent of a normal form as a power of a canonical generator."""
        s = self.simplifier
        one = Fraction(1)
        if isinstance(exponent, NUMERIC):
            q = Fraction(exponent)
            if q.denominator == 1 and type(base) in (Symbol, Constant, Call):
                return base, q.numerator
            if q.denominator != 1:  # x^(p/q) = (x^(1/q))^p where either side is defined
                root = s.present({((base, Fraction(1, q.denominator)),): one})
                self.roots[root] = (base, q.denominator)
                return root, q.numerator
            if type(base) is Number:  # a number to a power too large to work out: 2^(10^50)
                return s.present({((base, abs(q.numerator)),): one}), 1 if q > 0 else -1
            return s.present({((base, exponent),): one}), 1
        positive_constant = type(base) is Constant or (type(base) is Number and base.value > 0)  # type: ignore[attr-defined]
        if positive_constant:
            power = s.normal_form(exponent)  # type: ignore[arg-type]
            values = list(power.values())
            if values and all(Fraction(v).denominator == 1 for v in values):
                k = math.gcd(*(int(v) for v in values))
                if all(v < 0 for v in values):
                    k = -k
                if k != 1:  # c^(k*u) = (c^u)^k for a constant c > 0
                    reduced = s.scale(power, Fraction(1, k))
                    return s.present(s.power(s.normal_form(base), reduced)), k
        return s.present({((base, exponent),): one}), 1  # type: ignore[dict-item]


def _generator_key(gen: Expr) -> tuple[int, str, int]:
    """Symbols by name first (they lead a polynomial), then functions, powers, constants."""
    kind = type(gen)
    if kind is Symbol:
        return (0, gen.name, 0)  # type: ignore[attr-defined]
    if kind is Constant:
        return (5, gen.name, 0)  # type: ignore[attr-defined]
    constant = 2 if not gen.free_symbols else 0  # sqrt(3) after sqrt(x)
    if kind is Call:
        return (1 + constant, gen.name, hash(gen))  # type: ignore[attr-defined]
    return (2 + constant, type(gen).__name__, hash(gen))


def walk(root: Expr, gens: Generators, algebra: PolyAlgebra[T]) -> T:
    """Fold ``root`` into ``algebra``, bottom-up, without recursion; generators are leaves."""
    n = len(gens.order)
    index = gens.index
    done: dict[int, T] = {}

    def children(node: Expr) -> tuple[Expr, ...]:
        if id(node) in gens.atoms or type(node) is Number:
            return ()
        if type(node) is Pow:
            return (node.children[0],)
        return node.children

    stack = [root]
    while stack:
        node = stack[-1]
        if id(node) in done:
            stack.pop()
            continue
        waiting = [child for child in children(node) if id(child) not in done]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        kids = [done[id(child)] for child in children(node)]
        kind = type(node)
        if kind is Number:
            value = node.value  # type: ignore[attr-defined]
            result = algebra.const(value if type(value) is int else whole(Fraction(value)))
        elif id(node) in gens.atoms:
            coefficient, parts = gens.atoms[id(node)][1]
            exponents = [0] * n
            for gen, power in parts:
                exponents[index[gen]] += power
            factor, reduced = gens.reduce_monomial(tuple(exponents))
            result = algebra.atom(coefficient * factor, reduced)
        elif kind is Add:
            result = algebra.add(kids)
        elif kind is Sub:
            result = algebra.add([kids[0], algebra.neg(kids[1])])
        elif kind is Mul:
            result = algebra.mul(kids)
        elif kind is Div:
            result = algebra.div(kids[0], kids[1])
        elif kind is Neg:
            result = algebra.neg(kids[0])
        elif kind is Pow:
            result = algebra.pow(kids[0], gens.powers[id(node)][1])
        else:  # pragma: no cover - every other kind is a generator
            raise AlgebraError(f"no polynomial form for a {kind.__name__}")
        done[id(node)] = result
    return done[id(root)]


class Writer:
    """Writes polys in the generators back as trees, through the simplifier's normal forms:
    a poly comes out as ``simplify`` prints a sum (descending degree, constant last)."""

    def __init__(self, gens: Generators) -> None:
        self.gens = gens
        self.s = gens.simplifier
        self._powers: dict[tuple[int, int], Normal] = {}

    def normal(self, poly: Poly) -> Normal:
        return self.s.add([term for _, term in self._terms(poly)]) if poly.terms else {}

    def _terms(self, poly: Poly) -> list[tuple[tuple[int, ...], Normal]]:
        s = self.s
        terms = []
        poly = self.gens.reduce(poly)
        for exponents, c in poly.terms.items():
            if max(Fraction(c).numerator.bit_length(), Fraction(c).denominator.bit_length()) > MAX_WRITTEN_BITS:
                raise AlgebraError("the result is too large to write: a coefficient of over 1,000 digits")
            factors: list[Normal] = [{CONSTANT: c}]
            factors.extend(self._power(i, e) for i, e in enumerate(exponents) if e)
            terms.append((exponents, factors[0] if len(factors) == 1 else s.multiply(factors)))
        return terms

    def expr(self, poly: Poly) -> Expr:
        """The poly as a sum in graded order: x^3 + 3*x^2*y + 3*x*y^2 + y^3, sin(x)^2 + 1."""
        merged: dict[object, list] = {}  # normal monomial -> [sort key, coefficient]
        for exponents, term in self._terms(poly):
            for monomial, c in term.items():  # one term, but x^(1/2) squared may meet x
                key = (-sum(exponents), tuple(-abs(e) for e in exponents), tuple(-e for e in exponents))
                entry = merged.setdefault(monomial, [key, 0])
                entry[0] = min(entry[0], key)
                entry[1] += c
        ordered = sorted(((key, monomial, c) for monomial, (key, c) in merged.items() if c), key=lambda t: t[0])
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

    def _power(self, i: int, e: int) -> Normal:
        key = (i, e)
        cached = self._powers.get(key)
        if cached is None:
            s = self.s
            base = s.normal_form(self.gens.order[i])
            cached = self._powers[key] = base if e == 1 else s.power(base, {CONSTANT: e})
        return cached

