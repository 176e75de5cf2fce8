"""Expressions as polynomials: finding the generators, walking the tree, writing polys back.

A *generator* is any subterm that is not built by ``+ - * /`` and whole powers: a symbol, pi
or e, ``sin(x)``, ``e^x``, ``sigmoid(w*x + b)``, ``x^(1/2)``, ``2^x``. ``Generators.scan``
finds them and puts each in one canonical form, so that equal subterms written two ways are
one generator: the simplifier's normal form of the subterm is taken apart into its factors
(``sqrt(4)`` is 2; ``exp(u)`` is ``e^u``; ``x^(3/2)`` is ``(x^(1/2))^3``), and a
positive constant to a power with a whole multiple in it is a power of a simpler generator
(``e^(2*x) = (e^x)^2``, ``e^(-x) = (e^x)^-1``): each of these holds wherever both sides are
defined.

Roots are tied to their bases: with x, sqrt(x) and x^(1/3) all present, the one generator is
x^(1/6), since x = (x^(1/6))^6 wherever sqrt(x) is defined, and so wherever an expression
containing it is. The powers of a root of a number or of a sum are reduced with the relation
it satisfies, (sqrt(2))^2 = 2 and (sqrt(x^2 + 1))^2 = x^2 + 1 (``relations``, ``reduce``), so
that sqrt(x^2 + 1)^3 and (x^2 + 1)*sqrt(x^2 + 1) are one poly. ``polywalk.walk`` then folds a
tree into an algebra over the generators, and ``writer`` writes polys back as trees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from ..core.expr import Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from .exact import Rational, bounded_power, whole
from .normal import CONSTANT, NUMERIC, UNDEFINED_MONOMIAL
from .polynomial import AlgebraError, Poly, check_number_power
from .polywalk import Atom, NotPolynomial, PurePolys, walk
from .simplify import Simplifier

__all__ = ["Generators"]

_E = Constant("e")
_SUMS = (Add, Sub, Mul, Div, Neg)
MAX_WRITTEN_BITS = 3_300  # about 1,000 decimal digits: the most a number literal may have
_MAX_REDUCTIONS = 64


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
        self.redirects: dict[int, tuple[Expr, Expr]] = {}  # id(node) -> the simplified tree read instead
        # index of a root b^(1/q) -> (q, b as a number or a poly): (2^(1/2))^2 = 2 and
        # ((x^2 + 1)^(1/2))^2 = x^2 + 1 are used to reduce powers (see ``reduce``)
        self.relations: dict[int, tuple[int, Fraction | Poly]] = {}

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
            if atom is None:  # its normal form is a sum: (x + 1)^y with y = 1, found out only now
                tree = self.simplifier.present(self.simplifier.normal_form(node))
                self.redirects[id(node)] = (node, tree)
                stack.append(tree)
                continue
            self.atoms[id(node)] = (node, atom)
            self.found.update(gen for gen, _ in atom[1])
            for gen, _ in atom[1]:  # the base of a root of a sum is read too: sqrt(x^2 + 1)^2 = x^2 + 1
                base = self.roots.get(gen, (None,))[0]
                if base is not None and type(base) not in (Symbol, Constant, Call, Number):
                    stack.append(base)

    def number(self, also: Sequence[Expr] = ()) -> int:
        """Fix the order of the generators (``also`` first, in its order); the count of them."""
        relations = self._unify_roots(also)
        rest = sorted(self.found - set(also), key=_generator_key)
        self.order = [*also, *rest]
        self.index = {gen: i for i, gen in enumerate(self.order)}
        n = len(self.order)
        for gen, (q, base) in relations.items():
            if gen not in self.index:
                continue
            if isinstance(base, Expr):
                try:
                    base = walk(base, self, PurePolys(n))
                except (NotPolynomial, AlgebraError):
                    continue  # sqrt(1/x + 1): no polynomial relation; the root stays free
            self.relations[self.index[gen]] = (q, base)
        return n

    def _unify_roots(self, also: Sequence[Expr]) -> dict[Expr, tuple[int, Fraction | Expr]]:
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
        numbers: dict[Expr, tuple[int, Fraction | Expr]] = {}
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
            elif type(base) not in (Symbol, Constant, Call):
                numbers[root] = (q, base)  # a sum or product: its poly, once generators are numbered
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
        """A poly with powers of roots reduced: (sqrt(2))^3 = 2*sqrt(2), sqrt(x^2 + 1)^3 =
        (x^2 + 1)*sqrt(x^2 + 1) (negative powers only of roots of numbers: 1/sqrt(2) = sqrt(2)/2)."""
        if not self.relations or not poly.terms:
            return poly
        symbolic = {i: (q, base) for i, (q, base) in self.relations.items() if isinstance(base, Poly)}
        for _ in range(_MAX_REDUCTIONS):  # a base is a smaller expression: this ends in a few rounds
            poly = self._reduce_numbers(poly)
            done: dict[tuple[int, ...], Rational] = {}
            reduced = Poly({}, poly.nvars)
            for exponents, c in poly.terms.items():
                i = next((i for i, (q, _) in symbolic.items() if exponents[i] >= q), None)
                if i is None:
                    done[exponents] = c
                    continue
                q, base = symbolic[i]
                k, rest = divmod(exponents[i], q)
                lowered = (*exponents[:i], rest, *exponents[i + 1:])
                reduced = reduced + (base**k).shift(lowered, c)  # type: ignore[operator]
            if not reduced.terms and len(done) == len(poly):
                return poly
            poly = reduced + Poly(done, poly.nvars)
        return poly

    def _reduce_numbers(self, poly: Poly) -> Poly:
        if not any(isinstance(value, Fraction) for _, value in self.relations.values()):
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
            if isinstance(value, Fraction) and (e < 0 or e >= q):
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
        if not exponent.children:
            return None
        normal = self.simplifier.normal_form(exponent)
        if not normal:
            return 0
        if len(normal) == 1 and CONSTANT in normal:
            value = normal[CONSTANT]
            return value if type(value) is int else None
        return None

    def _atom(self, node: Expr) -> Atom | None:
        if type(node) in (Symbol, Constant):
            return 1, ((node, 1),)
        s = self.simplifier
        if type(node) is Call and node.name == "exp":  # type: ignore[attr-defined]
            normal = s.power(s.normal_form(_E), s.normal_form(node.children[0]))
        else:
            normal = s.normal_form(node)
        if not normal:
            return 0, ()
        if UNDEFINED_MONOMIAL in normal:  # sqrt(0/0), sin(1/0): no value anywhere
            raise AlgebraError("division by zero")
        if len(normal) > 1:
            return None
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
            if type(base) is Number and not base.value:  # type: ignore[attr-defined]
                return s.present({((base, exponent),): one}), 1  # 0^(-1/2): no value, kept whole
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
