"""Differentiating a normal form term by term, for the second and later derivatives.

``diff(e, "x", 12)`` differentiates the previous answer again and again. Written out as a tree
and run through the rules, each order would rebuild and re-read every term; here the answer
stays a normal form (a sum of ``coefficient * base^exponent * ...``) and each term's derivative
is the Product Rule over its factors: ``d[c*f*g] = c*f'*g + c*f*g'``. Only a factor's own
derivative goes through the rules, once per distinct factor, so the work grows with the
answer's terms, not with the trees the rules would build.

The result must be exactly the normal form the rules give on the written-out answer, because
that is what ``derive`` shows for each order and ``diff`` gives the same answer. The two agree
whenever the simplifier multiplies out what the rules group: a term written as a quotient
whose Quotient Rule numerator the simplifier distributes again, no constant factor written in
front of a Product Rule sum. ``_same_as_written_out`` tells such terms apart; any other term is
written out and differentiated by the rules, as ``derive`` does. A property test checks that
``diff`` and ``derive`` agree at every order.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..algebra.exact import MAX_FOLDED_BITS, ONE, Rational, ratio, whole
from ..algebra.normal import ATOMIC_BASES, NUMERIC, Exponent, Monomial, Normal, is_sum
from ..algebra.simplify import Simplifier
from ..core.expr import Expr, Number

__all__ = ["TermwiseDerivative"]


class TermwiseDerivative:
    """d/dx of normal forms for one variable, remembering each factor's derivative."""

    def __init__(self, simplifier: Simplifier, rules: Callable[[Expr], Normal],
                 depends: Callable[[Expr], bool]) -> None:
        self._simplifier = simplifier
        self._rules = rules  # a tree -> the normal form of its derivative by the rules
        self._depends = depends
        self._factors: dict[tuple[Expr, Exponent], Normal] = {}
        # (monomial, what else decides its rule) -> (a coefficient, its Product Rule terms)
        self._terms: dict[tuple[object, ...], tuple[Rational, list[Normal]]] = {}

    def __call__(self, normal: Normal) -> Normal:
        s = self._simplifier
        # Written out, a sum whose terms are all negative leads with -u*v: the rules then
        # negate u' itself, which decides the sign of a sum kept as a factor. Every other
        # negative term is subtracted, and its derivative negated as a whole.
        negative = normal and all(c < 0 for c in normal.values())
        leading = min(normal.items(), key=s.term_key)[0] if negative else None
        parts: list[Normal] = []
        terms = self._terms
        for monomial, coefficient in normal.items():
            if not monomial:
                continue  # a constant term
            negated = self._negated_factor(monomial, coefficient) if monomial is leading else None
            # What decides how this term is differentiated, besides its monomial (see below).
            key = (monomial, monomial is leading, negated, coefficient == 1,
                   2 * coefficient.denominator.bit_length() > MAX_FOLDED_BITS)
            known = terms.get(key)
            if known is not None:
                # Each Product Rule term is multiply([{rest: c}, f']), linear in c: the parts made
                # for this monomial at an earlier order, scaled. Higher derivatives meet the same
                # monomials again and again with other coefficients (e^x*sin(x), e^x*cos(x)).
                first_coefficient, first_parts = known
                scale = ratio(coefficient, first_coefficient)
                parts.extend(s.scale(part, scale) for part in first_parts)
                continue
            if not self._same_as_written_out(monomial, coefficient, negated):
                parts.append(self._by_the_rules(monomial, coefficient, monomial is leading))
                continue
            own: list[Normal] = []
            for i, factor in enumerate(monomial):
                derivative = self._factor(factor)
                if not derivative:
                    continue
                rest = monomial[:i] + monomial[i + 1:]
                if i == negated:
                    own.append(s.multiply([{rest: -coefficient}, s.scale(derivative, -1)]))
                else:
                    own.append(s.multiply([{rest: coefficient}, derivative]))
            terms[key] = (coefficient, own)
            parts.extend(own)
        return s.add(parts) if parts else {}

    def scales_linearly(self, normal: Normal) -> bool:
        """Whether the derivative of c*``normal`` is c times that of ``normal``, term for term and
        in the same order, for every number c ≠ 0: each term takes the Product Rule alone, with
        nothing that depends on its coefficient. That is so when no factor is a sum or a number
        and none is in a denominator (so a leading minus, a coefficient of 1 and a huge
        denominator change nothing), and no term has constant factors in front of several
        varying ones (``_same_as_written_out``)."""
        for monomial in normal:
            constants = varying = 0
            for base, exponent in monomial:
                if is_sum(base) or type(base) is Number or (isinstance(exponent, NUMERIC) and exponent < 0):
                    return False
                if self._depends(base) or (not isinstance(exponent, NUMERIC) and self._depends(exponent)):
                    varying += 1
                else:
                    constants += 1
            if constants and varying > 1:
                return False
        return True

    def _by_the_rules(self, monomial: Monomial, coefficient: Fraction, leading: bool) -> Normal:
        s = self._simplifier
        if leading or coefficient > 0:
            return self._rules(s.present({monomial: coefficient}))
        return s.scale(self._rules(s.present({monomial: -coefficient})), -1)

    def _same_as_written_out(self, monomial: Monomial, coefficient: Fraction, negated: int | None) -> bool:
        """Whether the rules, on this term written out, give the Product Rule's answer.

        - A term with a denominator v is a quotient, (u'*v - u*v')/v^2, which the simplifier
          distributes back only if v' is one term: v may have one factor that depends on x,
          not a sum, whose own derivative is one term (x^2 or sin(x)^3, not (x + 1)^2 or
          x^2*ln(x)), that reads back as itself when squared (not sqrt(-x)), and v^2 must
          fold (a huge number in v stays a power).
        - Constant factors in front of a product of varying ones, y*sin(x)*e^x, multiply the
          Product Rule's sum as a whole, which keeps it a factor.
        - A leading minus written on a sum, -(u + v)*w, makes it the other sum -u - v; so does
          a number in front of a constant sum: -2*(1 - y)*u reads as (2*y - 2)*u.
        """
        if negated is not None and monomial[negated][1] == 1 and is_sum(monomial[negated][0]):
            return False
        varying_denominator = None
        constants = varying = 0
        for base, exponent in monomial:
            if isinstance(exponent, NUMERIC) and exponent < 0:
                if is_sum(base) or type(base) is Number:
                    return False
                if self._depends(base):
                    if varying_denominator is not None or type(base) not in ATOMIC_BASES:
                        return False
                    varying_denominator = (base, exponent)
            elif self._depends(base) or (not isinstance(exponent, NUMERIC) and self._depends(exponent)):
                varying += 1
            elif coefficient != 1 and exponent == 1 and is_sum(base):
                return False
            else:
                constants += 1
        if constants and varying > 1:
            return False
        if varying_denominator is None:
            return True
        unfolded = 2 * Fraction(coefficient).denominator.bit_length() > MAX_FOLDED_BITS
        return not unfolded and len(self._factor(varying_denominator)) <= 1

    @staticmethod
    def _negated_factor(monomial: Monomial, coefficient: Fraction) -> int | None:
        """Which factor a leading minus is written on (-x*y, -1/x), if not on a number."""
        if coefficient.numerator != -1:
            return None  # -2*x*y: the minus is on the 2
        return next(
            (i for i, (_, e) in enumerate(monomial) if not isinstance(e, NUMERIC) or e > 0), None
        )

    def _factor(self, factor: tuple[Expr, Exponent]) -> Normal:
        known = self._factors.get(factor)
        if known is not None:
            return known
        base, exponent = factor
        s = self._simplifier
        if not isinstance(exponent, NUMERIC):
            derivative = self._rules(s.present({(factor,): ONE}))
        elif not self._depends(base):
            derivative = {}
        else:
            # The Power Rule, d[u^n] = n*u^(n - 1)*u', as the rules give it for u^n written out.
            inner = self._rules(base)
            lowered = whole(exponent - 1)
            derivative = s.multiply([{((base, lowered),): exponent}, inner]) if lowered else inner
        self._factors[factor] = derivative
        return derivative
