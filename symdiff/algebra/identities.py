"""Trigonometric identities that shorten an answer, applied to its normal form.

Each is a law a textbook uses on a finished derivative; each keeps the value and the domain:
- quotients: sin(u)/cos(u) = tan(u), cos(u)/sin(u) = cot(u), 1/cos(u) = sec(u), 1/sin(u) = csc(u)
  (both sides are undefined at the same points);
- Pythagorean: c*m*sin(u)^2 + c*m*cos(u)^2 = c*m (defined at the same points).

A function returns the rewritten normal form, or None when its law does not apply. Whether the
result is shorter is for the caller (``textbook``) to judge, by the printed answer's size.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import Call, Expr
from .exact import ONE
from .normal import CONSTANT, NUMERIC, Monomial, Normal
from .simplify import Simplifier

__all__ = ["pythagorean", "trig_quotients"]

_QUOTIENT_NAMES = {"sin", "cos"}


def trig_quotients(s: Simplifier, normal: Normal) -> Normal | None:
    """Each term's sin(u)^p*cos(u)^q with whole p, q of opposite signs becomes tan or cot,
    and a sin or cos left in a denominator becomes csc or sec."""
    terms: list[Normal] = []
    changed = False
    for monomial, coefficient in normal.items():
        rewritten = _quotients_in(monomial)
        if rewritten is None:
            terms.append({monomial: coefficient})
            continue
        changed = True
        factors = [{CONSTANT: coefficient}] + [{((base, exponent),): ONE} for base, exponent in rewritten]
        terms.append(s.multiply(factors))
    return s.add(terms) if changed else None


def _quotients_in(monomial: Monomial) -> list[tuple[Expr, Fraction]] | None:
    powers: dict[tuple[str, Expr], Fraction] = {}
    rest: list[tuple[Expr, Fraction]] = []
    for base, exponent in monomial:
        if (type(base) is Call and base.name in _QUOTIENT_NAMES and isinstance(exponent, NUMERIC)
                and exponent.denominator == 1):
            powers[(base.name, base.argument)] = exponent
        else:
            rest.append((base, exponent))  # type: ignore[arg-type]
    if not any(p < 0 for p in powers.values()):
        return None
    out = list(rest)
    for u in {argument for _, argument in powers}:
        p, q = powers.get(("sin", u), 0), powers.get(("cos", u), 0)
        if p > 0 > q:
            k = min(p, -q)
            out.append((Call("tan", u), k))
            p, q = p - k, q + k
        elif q > 0 > p:
            k = min(q, -p)
            out.append((Call("cot", u), k))
            p, q = p + k, q - k
        if p < 0:
            out.append((Call("csc", u), -p))
        elif p > 0:
            out.append((Call("sin", u), p))
        if q < 0:
            out.append((Call("sec", u), -q))
        elif q > 0:
            out.append((Call("cos", u), q))
    return out


def pythagorean(s: Simplifier, normal: Normal) -> Normal | None:
    """c*m*sin(u)^2 + c*m*cos(u)^2 = c*m, for each pair of terms that differ only so."""
    terms = dict(normal)
    changed = False
    for monomial in list(terms):
        if monomial not in terms:
            continue
        for index, (base, exponent) in enumerate(monomial):
            if not (type(base) is Call and base.name == "sin" and isinstance(exponent, NUMERIC) and exponent >= 2):
                continue
            partner = _with_factor(monomial, index, Call("cos", base.argument), s)
            if partner is None or terms.get(partner) != terms[monomial]:
                continue
            coefficient = terms.pop(monomial)
            del terms[partner]
            lowered = exponent - 2
            rest = tuple(f for i, f in enumerate(monomial) if i != index)
            reduced = s.multiply([{CONSTANT: coefficient}, {rest: ONE}]
                                 + ([{((base, lowered),): ONE}] if lowered else []))
            for m, c in reduced.items():
                terms[m] = terms.get(m, 0) + c
                if not terms[m]:
                    del terms[m]
            changed = True
            break
    return terms if changed else None


def _with_factor(monomial: Monomial, index: int, cosine: Expr, s: Simplifier) -> Monomial | None:
    """``monomial`` with its sin(u)^p replaced by cos(u)^2*sin(u)^(p - 2), as the simplifier
    would order it; None if that is not a plain product of powers."""
    base, exponent = monomial[index]
    lowered = exponent - 2  # type: ignore[operator]
    factors = [{((b, e),): ONE} for i, (b, e) in enumerate(monomial) if i != index]
    factors.append({((cosine, 2),): ONE})
    if lowered:
        factors.append({((base, lowered),): ONE})
    product = s.multiply(factors)
    if len(product) != 1:
        return None
    ((partner, coefficient),) = product.items()
    return partner if coefficient == 1 else None
