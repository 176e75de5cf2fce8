"""Presentation: a normal form written back as the tree a textbook prints.

Terms in a canonical order (descending degree, constant last), the coefficient first, negative
terms as subtraction, negative powers as a denominator, ``^(1/2)`` as ``sqrt``. Presentation is
a pure function of the normal form, and reading a presented tree back gives the same normal
form, which is what makes ``simplify`` idempotent.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from operator import itemgetter

from ..core.expr import (
    Add,
    Call,
    Constant,
    Div,
    Expr,
    Mul,
    Neg,
    Number,
    Pow,
    Sub,
    Symbol,
    UndefinedCall,
    from_children,
    number,
)
from .exact import HALF
from .normal import NUMERIC, ZERO, Exponent, Monomial, Normal

__all__ = ["Presenter", "common_exponentials", "written_sum"]

_E = Constant("e")


class Presenter:
    """Writes normal forms as trees, memoised per normal-form object (shared stays shared)."""

    def __init__(self, exponential: str = "e") -> None:
        # e^u written exp(u) where the question is written so (``simplify.spelling``)
        self._exp_written = exponential == "exp"
        self._shown: dict[int, tuple[Normal, Expr]] = {}  # id(normal form) -> its presentation
        self._keys: dict[int, tuple[Expr, tuple[int, str, object]]] = {}
        self._entry_keys: dict[int, tuple[object, tuple[object, object], Exponent]] = {}  # see term_key
        # (id(base), exponent) -> (base, base^exponent written): a chain's derivative is a product
        # that grows by one factor per level, and each level's product is shown in the trace;
        # writing its factors anew each time made a 1,000-deep chain quadratic in new nodes.
        self._powers: dict[tuple[int, int, int], tuple[Expr, Expr]] = {}

    def present(self, normal: Normal) -> Expr:
        cached = self._shown.get(id(normal))
        if cached is not None:
            return cached[1]
        shown = self._present(normal)
        self._shown[id(normal)] = (normal, shown)
        return shown

    def _present(self, normal: Normal) -> Expr:
        if not normal:
            return Number(0)
        terms = sorted(normal.items(), key=self.term_key) if len(normal) > 1 else list(normal.items())
        if terms[0][1] < 0:
            # Lead with a positive term where there is one: 3 - x, not -x + 3.
            first_positive = next((i for i, (_, coefficient) in enumerate(terms) if coefficient > 0), None)
            if first_positive is not None:
                terms.insert(0, terms.pop(first_positive))
        magnitudes: list[Expr] = []
        for monomial, coefficient in terms:
            magnitude = self._term(abs(coefficient), monomial)
            if magnitude is _ONE_OVER_ZERO and (monomial, coefficient) != _UNDEFINED_TERM:
                # Terms divided by zero have no value anywhere: they are written as one term 1/0,
                # so that what is printed reads back as itself (x/0 + 1/0 + y would read back as
                # 2/0 + y, which prints as y + 1/0).
                return self._present(_one_undefined_term(normal))
            magnitudes.append(magnitude)
        return written_sum(magnitudes, [coefficient < 0 for _, coefficient in terms])

    def _term(self, coefficient: Fraction, monomial: Monomial) -> Expr:
        # One pass over the factors (an answer's terms can have hundreds): most are bases to
        # the first power, written as themselves.
        numerator: list[Expr] = []
        denominator: list[Expr] = []
        powers = self._powers
        factors = monomial
        if len(monomial) >= _LONG_TERM and list(map(_EXPONENT, monomial)).count(1) == len(monomial):
            numerator = list(map(_BASE, monomial))  # all to the first power (B1's 160 sines): no loop
            factors = ()
        exp_written = self._exp_written
        for base, exponent in factors:
            if exp_written and base == _E and exponent != 1:
                # exp(x), exp(2), 1/exp(3): as the question writes the exponential. A negative
                # number's goes below the line, as e^-3 does: -exp(-3)*(x - y) in the numerator
                # would read back with the minus taken into the sum, another normal form.
                if isinstance(exponent, NUMERIC) and exponent < 0:
                    denominator.append(_E if exponent == -1 else Call("exp", number(-exponent)))  # exp(1) is e
                else:
                    numerator.append(Call("exp", number(exponent) if isinstance(exponent, NUMERIC) else exponent))
                continue
            if isinstance(exponent, NUMERIC):
                if exponent == 1:
                    numerator.append(base)
                    continue
                # Keyed by numerator and denominator: a Fraction's own hash is a modular inverse.
                written = powers.get((id(base), exponent.numerator, exponent.denominator))
                if written is not None:
                    (numerator if exponent.numerator > 0 else denominator).append(written[1])
                elif exponent > 0:
                    numerator.append(self._power(base, exponent, exponent))
                elif _divides_by_zero(base, exponent):
                    return _ONE_OVER_ZERO
                else:
                    denominator.append(self._power(base, exponent, -exponent))
            else:
                numerator.append(Pow(base, exponent))
        if coefficient.denominator != 1:
            denominator.insert(0, Number(coefficient.denominator))
        if coefficient.numerator != 1 or not monomial:
            numerator.insert(0, Number(coefficient.numerator))
        top = numerator[0] if len(numerator) == 1 else from_children(Mul, tuple(numerator)) if numerator else Number(1)
        if not denominator:
            return top
        bottom = denominator[0] if len(denominator) == 1 else from_children(Mul, tuple(denominator))
        return Div(top, bottom)

    def _power(self, base: Expr, exponent: Fraction, shown: Fraction) -> Expr:
        written = _power_expr(base, shown)
        # The base is held with it, so its id stays its own.
        self._powers[(id(base), exponent.numerator, exponent.denominator)] = (base, written)
        return written

    # --- canonical order --------------------------------------------------------------------
    def _key(self, base: Expr) -> tuple[int, str, object]:
        """Numbers, then constants, symbols by name, calls by name, then anything else;
        ties are broken by the node's hash, which is the same in every run."""
        cached = self._keys.get(id(base))
        if cached is not None:
            return cached[1]
        kind = type(base)
        if kind is Number:
            key: tuple[int, str, object] = (0, "", base.value)  # type: ignore[attr-defined]
        elif kind is Constant:
            key = (1, base.name, 0)  # type: ignore[attr-defined]
        elif kind is Symbol:
            key = (2, base.name, 0)  # type: ignore[attr-defined]
        elif kind is Call or kind is UndefinedCall:
            key = (3, base.name, hash(base))  # type: ignore[attr-defined]
        else:
            key = (4, "", hash(base))
        self._keys[id(base)] = (base, key)
        return key

    def term_key(self, item: tuple[Monomial, Fraction]) -> tuple[object, ...]:
        """Where a (monomial, coefficient) term comes in a written sum."""
        monomial, _ = item
        if len(monomial) < _LONG_TERM:
            return self._short_term_key(monomial)
        # Each factor's part of the key is memoised per factor object: the terms of a long sum
        # share most of their factor tuples (a Product Rule's terms are one product with one
        # factor swapped), so a term's key is mostly lookups made by map, not a Python loop.
        entries = list(map(self._entry_keys.get, map(id, monomial)))
        if None in entries:
            # Mostly a factor or two new to the memo (the one swapped in): found by index, in C.
            missing = entries.index(None)
            while True:
                entries[missing] = self._entry_key(monomial[missing])
                try:
                    missing = entries.index(None, missing + 1)
                except ValueError:
                    break
        return (-sum(map(_DEGREE, entries)), not monomial, tuple(map(_FACTOR_KEY, entries)))

    def _short_term_key(self, monomial: Monomial) -> tuple[object, ...]:
        keys = self._keys
        degree = 0
        factors = []
        for base, exponent in monomial:  # the memo read inline
            known = keys.get(id(base))
            base_key = self._key(base) if known is None else known[1]
            if isinstance(exponent, NUMERIC):
                if type(base) is Symbol:
                    degree += exponent
                factors.append((base_key, exponent))
            else:
                factors.append((base_key, hash(exponent)))
        return (-degree, not monomial, tuple(factors))

    def _entry_key(self, entry: tuple[Expr, Exponent]) -> tuple[object, tuple[object, object], Exponent]:
        """(the factor, its part of a term's key, its part of the term's degree)."""
        base, exponent = entry
        known = self._keys.get(id(base))
        base_key = self._key(base) if known is None else known[1]
        if isinstance(exponent, NUMERIC):
            triple = (entry, (base_key, exponent), exponent if type(base) is Symbol else 0)
        else:
            triple = (entry, (base_key, hash(exponent)), 0)
        self._entry_keys[id(entry)] = triple  # holding the factor keeps its id from being reused
        return triple


def written_sum(magnitudes: list[Expr], negative: list[bool]) -> Expr:
    """The terms' magnitudes, in order, as one sum: each negative term subtracted from all that
    come before it (x + y - z + w is Add(Sub(Add(x, y), z), w)), a negative first term negated."""
    run: list[Expr] = []
    for magnitude, minus in zip(magnitudes, negative, strict=True):
        if not run:
            run.append(_negate_leading(magnitude) if minus else magnitude)
        elif minus:
            left = run[0] if len(run) == 1 else from_children(Add, tuple(run))
            run = [Sub(left, magnitude)]
        else:
            run.append(magnitude)
    return run[0] if len(run) == 1 else from_children(Add, tuple(run))


def common_exponentials(normal: Normal) -> list[tuple[Expr, Exponent]]:
    """Powers with a symbolic exponent (e^x, x^x, 2^x) that every one of several terms has."""
    if len(normal) < 2:
        return []
    monomials = iter(normal)
    shared = {factor for factor in next(monomials) if not isinstance(factor[1], NUMERIC)}
    for monomial in monomials:
        if not shared:
            return []
        shared &= set(monomial)
    return [factor for factor in next(iter(normal)) if factor in shared]


# From this many factors a term's key is made from keys memoised per factor (see term_key); a
# short term's factors are mostly new tuples, met once.
_LONG_TERM = 12
_FACTOR_KEY = itemgetter(1)
_BASE, _EXPONENT = itemgetter(0), itemgetter(1)
_DEGREE = itemgetter(2)
_ONE_OVER_ZERO = Div(Number(1), Number(0))
_UNDEFINED_TERM = (((ZERO, -1),), 1)  # the term 0^-1 = 1/0


def _one_undefined_term(normal: Normal) -> Normal:
    """A sum with a term that divides by zero is undefined as a whole: the one term 1/0 (the
    operations absorb it already; this also covers sums assembled term by term)."""
    return {_UNDEFINED_TERM[0]: 1}


def _divides_by_zero(base: Expr, exponent: Exponent) -> bool:
    return type(base) is Number and base == ZERO and isinstance(exponent, NUMERIC) and exponent < 0


def _power_expr(base: Expr, exponent: Fraction) -> Expr:
    if exponent == 1:
        return base
    if exponent == HALF:
        return Call("sqrt", base)
    return Pow(base, _exponent_node(exponent))


@functools.lru_cache(maxsize=1024)
def _exponent_node(exponent: Fraction) -> Expr:
    """The tree of an exponent; the few that occur (2, 3, -1, 1/3, ...) are built once."""
    return number(exponent)


def _negate_leading(expr: Expr) -> Expr:
    """-expr, written on its first factor: -2*x, -x*y, -1/x (never -(2*x)).

    Not on a sum: -(1 - x)*(x + 1) reads back as (x - 1)*(x + 1), another normal form of the
    same value, so a product of sums is negated whole, -((1 - x)*(x + 1)), which reads back as
    itself (and keeps simplify idempotent and equal arguments of functions equal)."""
    if type(expr) is Mul:
        first, *rest = expr.children
        if type(first) in (Add, Sub):
            return Neg(expr)
        return Mul(Neg(first), *rest)
    if type(expr) is Div:
        numerator = expr.children[0]
        # -((1 - x)/(1 - y)) and -(2*(1 - x)/y), for the reason above: a numerator is read on its
        # own, where a minus on a sum, or on a number alone with a sum, goes into the sum
        # (-2*(1 - x) reads as 2*x - 2).
        number_and_sum = (
            type(numerator) is Mul
            and len(numerator.children) == 2
            and type(numerator.children[0]) is Number
            and type(numerator.children[1]) in (Add, Sub)
        )
        if type(numerator) in (Add, Sub) or number_and_sum:
            return Neg(expr)
        return Div(_negate_leading(numerator), expr.children[1])
    return Neg(expr)
