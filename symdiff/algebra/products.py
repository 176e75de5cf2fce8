"""Long products without re-merging them: exact shortcuts the simplifier takes.

Multiplying normal forms merges every factor of every term and sorts the result, which is
right but costs the length of the product each time. Two patterns repeat that work:

- the Product Rule over many factors, sin(x + 1)*...*sin(x + 160): each of its terms is the
  same product with one factor swapped for its derivative;
- the Chain Rule down a deep nest, sin(sin(...sin(x))): each level multiplies the long
  product so far by one more factor.

Here the long product is merged and sorted once and each term or level only takes factors out
or puts them in (a slice and a binary search), with the result ``multiply`` would give. That
holds because the shortcut is taken only when no base is met twice: then no exponents add,
nothing cancels or folds (each factor's folding depends on that factor alone, and it was
already done), and a sum kept as a factor keeps whatever stopped it from being distributed.
Otherwise the ordinary ``multiply`` does the work.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import NamedTuple

from ..core.expr import Expr
from .exact import ONE, Rational, ratio, whole
from .normal import NUMERIC, UNDEFINED_MONOMIAL, Exponent, FactorKey, Monomial, Normal, is_sum, undefined

__all__ = ["LongProducts"]

# Below this many factors a product is merged the ordinary way: an index would cost more.
LONG = 16

Rank = tuple[object, ...]


class _Index(NamedTuple):
    """A sorted monomial and the sort keys (ranks) of its factors, in its order."""

    monomial: Monomial
    ranks: list[Rank]


class _Product(NamedTuple):
    coefficient: Rational
    ordered: Monomial
    ranks: list[Rank]


class LongProducts:
    """Mixed into the simplifier, which provides ``multiply``, ``add`` and factor ranks."""

    _factor_order: dict[FactorKey, Rank]
    record: bool
    multiply: Callable[[list[Normal]], Normal]
    add: Callable[[list[Normal]], Normal]
    _order_of: Callable[[FactorKey], Rank]
    _sorted: Callable[[dict[FactorKey, Exponent]], Monomial]

    def __init__(self) -> None:
        self._indexes: dict[int, _Index] = {}  # id(monomial) -> its index; holds the monomial

    # --- the Product Rule -----------------------------------------------------------------------
    def product_rule(self, factors: list[Normal], derivatives: list[Normal]) -> Normal:
        """The sum over i of the product of ``factors`` with the i-th replaced by
        ``derivatives[i]``: ``add`` of each ``multiply``, made by swapping one factor at a time
        in their merged product when the factors are single terms with distinct bases."""
        if any(UNDEFINED_MONOMIAL in part for part in (*factors, *derivatives)):
            return undefined()  # a term skipped for its zero derivative would hide it: 0*(1/0)
        counts: dict[int, int] = {}
        for factor in factors:
            counts[id(factor)] = counts.get(id(factor), 0) + 1
        if len(counts) < len(factors):
            return self._repeated_product_rule(factors, derivatives, counts)
        whole_product = self._merged(factors)
        parts = []
        for i, derivative in enumerate(derivatives):
            if not derivative:
                continue
            term = None if whole_product is None else self._swap(whole_product, factors[i], derivative)
            parts.append(term if term is not None else self.multiply([*factors[:i], derivative, *factors[i + 1:]]))
        return self.add(parts) if parts else {}

    def _repeated_product_rule(self, factors: list[Normal], derivatives: list[Normal],
                               counts: dict[int, int]) -> Normal:
        """The Product Rule when factors repeat (the same normal form, as equal subtrees give):
        the k terms of a factor met k times are one, k*(the product with one f swapped for f'),
        the sum the simplifier would collect. So e^x*e^x*...*e^x makes one term, not one per
        factor to be collected again. Each term is multiplied out from the factors themselves,
        not from powers of them made first: sqrt(-x)^2 folds to -x, after which it no longer
        meets the 1/sqrt(-x) of f' as sqrt(-x)*sqrt(-x)/sqrt(-x) = sqrt(-x) does."""
        first: dict[int, int] = {}
        for i, factor in enumerate(factors):
            first.setdefault(id(factor), i)
        parts = []
        for key, i in first.items():
            derivative = derivatives[i]
            if not derivative:
                continue
            term = self.multiply([*factors[:i], derivative, *factors[i + 1:]])
            parts.append(self.scale(term, counts[key]) if counts[key] > 1 else term)
        return self.add(parts) if parts else {}

    def _merged(self, factors: list[Normal]) -> _Product | None:
        coefficient: Rational = ONE
        merged: dict[FactorKey, Exponent] = {}
        for factor in factors:
            if len(factor) != 1:
                return None
            ((monomial, value),) = factor.items()
            coefficient *= value
            for base, exponent in monomial:
                key = (base, not isinstance(exponent, NUMERIC))
                if key in merged:
                    return None
                merged[key] = exponent
        ordered = self._sorted(merged)
        ranks = [self._factor_order[(base, not isinstance(e, NUMERIC))] for base, e in ordered]
        return _Product(whole(coefficient), ordered, ranks)

    def _swap(self, product: _Product, factor: Normal, derivative: Normal) -> Normal | None:
        if len(derivative) != 1:
            return None
        ((taken, value),) = factor.items()
        ((given, new_value),) = derivative.items()
        ordered, ranks = product.ordered, product.ranks
        coefficient = whole(ratio(product.coefficient, value) * new_value)
        if len(taken) == 1 and len(given) == 1:  # one factor for one (sin for cos): one copy, no index
            ((base, exponent),) = taken
            out = bisect_left(ranks, self._factor_order[(base, not isinstance(exponent, NUMERIC))])
            ((base, exponent),) = given
            key: tuple[Expr, bool] = (base, not isinstance(exponent, NUMERIC))
            rank = self._factor_order.get(key) or self._order_of(key)
            into = bisect_left(ranks, rank)
            if into < len(ranks) and ranks[into] == rank and into != out:
                return None  # the base is another factor's: exponents add, which multiply does
            if out <= into <= out + 1:
                monomial = (*ordered[:out], given[0], *ordered[out + 1:])
            elif into < out:
                monomial = (*ordered[:into], given[0], *ordered[into:out], *ordered[out + 1:])
            else:
                monomial = (*ordered[:out], *ordered[out + 1:into], given[0], *ordered[into:])
            return {monomial: coefficient}
        for base, exponent in taken:  # out: each was one entry of the product
            position = bisect_left(ranks, self._factor_order[(base, not isinstance(exponent, NUMERIC))])
            ordered = ordered[:position] + ordered[position + 1:]
            ranks = ranks[:position] + ranks[position + 1:]
        inserted = self._insert(ordered, ranks, given)
        if inserted is None:
            return None
        return {inserted[0]: coefficient}

    # --- one long product times a short one -------------------------------------------------------
    def long_times_short(self, a: Normal, b: Normal) -> Normal | None:
        """``multiply([a, b])`` for two single terms, or None if a base is in both."""
        if self.record:  # recording wants multiply's account of each step
            return None
        ((first, first_value),) = a.items()
        ((second, second_value),) = b.items()
        if len(first) < LONG and len(second) < LONG:
            monomial = self._short_product(first, second)  # in multiply's order: ties sort alike
            return None if monomial is None else {monomial: whole(first_value * second_value)}
        if len(first) < len(second):
            first, second = second, first
        index = self._index(first)
        inserted = self._insert(index.monomial, index.ranks, second)
        if inserted is None:
            return None
        monomial, ranks = inserted
        self._indexes[id(monomial)] = _Index(monomial, ranks)  # the next level starts from here
        return {monomial: whole(first_value * second_value)}

    def _short_product(self, first: Monomial, second: Monomial) -> Monomial | None:
        """Two short monomials merged and sorted, or None if a base is in both (then exponents
        add, which ``multiply`` does): the same shortcut without an index, for the many small
        products of repeated derivatives (e^x*sin(x) times cos(x)/sin(x))."""
        merged: dict[FactorKey, Exponent] = {}
        for base, exponent in first:
            if exponent == 1 and is_sum(base):
                return None  # 2*(u - 1) times 1/x is distributed: 2*u/x - 2/x
            merged[(base, not isinstance(exponent, NUMERIC))] = exponent
        for base, exponent in second:
            key = (base, not isinstance(exponent, NUMERIC))
            if key in merged or (exponent == 1 and is_sum(base)):
                return None
            merged[key] = exponent
        return self._sorted(merged)

    def _index(self, monomial: Monomial) -> _Index:
        index = self._indexes.get(id(monomial))
        if index is None:
            order = self._factor_order
            keys = [(base, not isinstance(exponent, NUMERIC)) for base, exponent in monomial]
            index = self._indexes[id(monomial)] = _Index(monomial, [order.get(k) or self._order_of(k) for k in keys])
        return index

    def _insert(self, ordered: Monomial, ranks: list[Rank], entries: Monomial) -> tuple[Monomial, list[Rank]] | None:
        """``entries`` put into the sorted ``ordered`` at their places; None if a base is there
        already (equal ranks mean equal factor keys)."""
        order = self._factor_order
        for base, exponent in entries:
            key: tuple[Expr, bool] = (base, not isinstance(exponent, NUMERIC))
            rank = order.get(key) or self._order_of(key)
            position = bisect_left(ranks, rank)
            if position < len(ranks) and ranks[position] == rank:
                return None
            ordered = (*ordered[:position], (base, exponent), *ordered[position:])
            ranks = [*ranks[:position], rank, *ranks[position:]]
        return ordered, ranks
