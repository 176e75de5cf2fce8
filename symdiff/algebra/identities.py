"""Identities that shorten an answer: trigonometric ones on its normal form, and the sigmoid's
reflection sigmoid(-u) = 1 - sigmoid(u).

Each is a law a textbook uses on a finished derivative; each keeps the value and the domain:
- quotients: sin(u)/cos(u) = tan(u), cos(u)/sin(u) = cot(u), 1/cos(u) = sec(u), 1/sin(u) = csc(u)
  (both sides are undefined at the same points);
- Pythagorean: c*m*sin(u)^2 + c*m*cos(u)^2 = c*m (defined at the same points), and
  c*m*tan(u)^2 + c*m = c*m*sec(u)^2, c*m*cot(u)^2 + c*m = c*m*csc(u)^2, c*m*sec(u)^2 - c*m*tan(u)^2
  = c*m (the last three hold wherever their left side is defined); and the hyperbolic ones,
  c*m*cosh(u)^2 - c*m*sinh(u)^2 = c*m, c*m*sech(u)^2 + c*m*tanh(u)^2 = c*m,
  c*m*coth(u)^2 - c*m = c*m*csch(u)^2.

A function returns the rewritten normal form, or None when its law does not apply. Whether the
result is shorter is for the caller (``textbook``) to judge, by the printed answer's size.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import Call, Expr, Number, Sub
from ..core.traversal import fold, rebuilt
from .exact import ONE
from .normal import CONSTANT, NUMERIC, Monomial, Normal
from .simplify import Simplifier

__all__ = ["IDENTITY_FUNCTIONS", "pythagorean", "sigmoid_reflection", "sign_over_abs", "trig_quotients"]

# The quotient identities of each family: (sine, cosine, tangent, cotangent, cosecant, secant).
_CIRCULAR = ("sin", "cos", "tan", "cot", "csc", "sec")
_HYPERBOLIC = ("sinh", "cosh", "tanh", "coth", "csch", "sech")  # sinh/cosh = tanh, 1/cosh = sech
_FAMILY_OF = {name: family for family in (_CIRCULAR, _HYPERBOLIC) for name in family[:2]}
# The functions some identity here rewrites.
IDENTITY_FUNCTIONS = frozenset({*_CIRCULAR, *_HYPERBOLIC, "sign", "abs"})


def trig_quotients(s: Simplifier, normal: Normal) -> Normal | None:
    """Each term's sin(u)^p*cos(u)^q with whole p, q of opposite signs becomes tan or cot,
    and a sin or cos left in a denominator becomes csc or sec; sinh and cosh likewise become
    tanh, coth, csch and sech (d/dx ln(cosh(x)) = tanh(x), not sinh(x)/cosh(x))."""
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


def sign_over_abs(s: Simplifier, normal: Normal) -> Normal | None:
    """Each term's sign(u) with abs(u)^k (a whole k) becomes u*abs(u)^(k - 1), which is u^k for
    an odd k, and sign(u) with u^k (an odd k) becomes abs(u)*u^(k - 1): d/dx ln|x| is 1/x, not
    sign(x)/abs(x), and d/dx x|x| is 2|x|. Both sides have the same value wherever the left one
    has one (at u = 0 the left one is 0, or has none)."""
    terms: list[Normal] = []
    changed = False
    for monomial, coefficient in normal.items():
        rewritten = _signs_paired(s, monomial)
        if rewritten is None:
            terms.append({monomial: coefficient})
            continue
        changed = True
        terms.append(s.multiply([{CONSTANT: coefficient}, *rewritten]))
    return s.add(terms) if changed else None


def _number(k: Fraction) -> Normal:
    return {CONSTANT: k} if k else {}  # 0 is the empty normal form


def _signs_paired(s: Simplifier, monomial: Monomial) -> list[Normal] | None:
    """The factors of ``monomial`` with each sign(u) taken into its abs(u)^k or odd u^k, or None."""
    signs = {i: base.argument for i, (base, exponent) in enumerate(monomial)  # type: ignore[attr-defined]
             if type(base) is Call and base.name == "sign" and exponent == 1}  # type: ignore[attr-defined]
    if not signs:
        return None
    factors: dict[int, Normal] = {}
    for i, u in signs.items():
        for j, (base, k) in enumerate(monomial):
            if j in factors or not isinstance(k, NUMERIC) or k.denominator != 1:
                continue
            if type(base) is Call and base.name == "abs" and base.argument == u:  # type: ignore[attr-defined]
                u_normal = s.normal_form(u)
                factors[j] = (s.power(u_normal, _number(k)) if k % 2
                              else s.multiply([u_normal, {((base, k - 1),): ONE}]))
            elif base == u and k % 2:
                factors[j] = s.multiply([s.normal_form(Call("abs", u)), s.power(s.normal_form(u), _number(k - 1))])
            else:
                continue
            factors[i] = {CONSTANT: ONE}  # the sign is in the pair's rewriting
            break
    if not factors:
        return None
    return [factors.get(j, {((base, k),): ONE}) for j, (base, k) in enumerate(monomial)]


def _quotients_in(monomial: Monomial) -> list[tuple[Expr, Fraction]] | None:
    powers: dict[tuple[tuple[str, ...], Expr], list[Fraction]] = {}  # (family, u) -> [p, q] of s(u)^p*c(u)^q
    rest: list[tuple[Expr, Fraction]] = []
    for base, exponent in monomial:
        family = _FAMILY_OF.get(base.name) if type(base) is Call else None  # type: ignore[attr-defined]
        if family is not None and isinstance(exponent, NUMERIC) and exponent.denominator == 1:
            entry = powers.setdefault((family, base.argument), [0, 0])  # type: ignore[attr-defined]
            entry[0 if base.name == family[0] else 1] = exponent  # type: ignore[attr-defined]
        else:
            rest.append((base, exponent))  # type: ignore[arg-type]
    if not any(p < 0 or q < 0 for p, q in powers.values()):
        return None
    out = list(rest)
    for (family, u), (p, q) in powers.items():
        sine, cosine, tangent, cotangent, cosecant, secant = family
        if p > 0 > q:
            k = min(p, -q)
            out.append((Call(tangent, u), k))
            p, q = p - k, q + k
        elif q > 0 > p:
            k = min(q, -p)
            out.append((Call(cotangent, u), k))
            p, q = p + k, q - k
        if p < 0:
            out.append((Call(cosecant, u), -p))
        elif p > 0:
            out.append((Call(sine, u), p))
        if q < 0:
            out.append((Call(secant, u), -q))
        elif q > 0:
            out.append((Call(cosine, u), q))
    return out


def pythagorean(s: Simplifier, normal: Normal) -> Normal | None:
    """c*m*sin(u)^2 + c*m*cos(u)^2 = c*m, c*m*tan(u)^2 + c*m = c*m*sec(u)^2,
    c*m*cot(u)^2 + c*m = c*m*csc(u)^2, c*m*sec(u)^2 - c*m*tan(u)^2 = c*m and
    c*m*csc(u)^2 - c*m*cot(u)^2 = c*m, for each pair of terms that differ only so."""
    terms = dict(normal)
    changed = False
    for monomial in list(terms):
        if monomial not in terms:
            continue
        for index, (base, exponent) in enumerate(monomial):
            if not (type(base) is Call and base.name in _SQUARES and isinstance(exponent, NUMERIC) and exponent >= 2):
                continue
            partner_factor, result_factor, sign = _SQUARES[base.name]
            rest = [{((b, e),): ONE} for i, (b, e) in enumerate(monomial) if i != index]
            lowered = [{((base, exponent - 2),): ONE}] if exponent != 2 else []
            partner_factors = rest + lowered
            if partner_factor:
                partner_factors = [*partner_factors, {((Call(partner_factor, base.argument), 2),): ONE}]
            partner = _monomial_of(s.multiply(partner_factors))
            if partner is None or partner == monomial or terms.get(partner) != sign * terms[monomial]:
                continue
            coefficient = terms.pop(monomial)
            del terms[partner]
            result = rest + lowered + [{CONSTANT: coefficient}]
            if result_factor:
                result.append({((Call(result_factor, base.argument), 2),): ONE})
            for m, c in s.multiply(result).items():
                terms[m] = terms.get(m, 0) + c
                if not terms[m]:
                    del terms[m]
            changed = True
            break
    return terms if changed else None


# f: (the partner term's extra factor g(u)^2, or "" for none; what the pair becomes, times h(u)^2;
# the partner's sign): sin^2 + cos^2 = 1, tan^2 + 1 = sec^2, cot^2 + 1 = csc^2, sec^2 - tan^2 = 1,
# csc^2 - cot^2 = 1.
_SQUARES = {"sin": ("cos", "", 1), "tan": ("", "sec", 1), "cot": ("", "csc", 1),
            "sec": ("tan", "", -1), "csc": ("cot", "", -1),
            # and the hyperbolic ones: cosh^2 - sinh^2 = 1, sech^2 + tanh^2 = 1, coth^2 - 1 = csch^2
            "cosh": ("sinh", "", -1), "sech": ("tanh", "", 1), "coth": ("", "csch", -1)}


def _monomial_of(product: Normal) -> Monomial | None:
    if len(product) != 1:
        return None
    ((monomial, coefficient),) = product.items()
    return monomial if coefficient == 1 else None


def sigmoid_reflection(s: Simplifier, expr: Expr) -> Expr | None:
    """``expr`` with sigmoid(-u) = 1 - sigmoid(u) used wherever every term of the argument is
    negative (sigmoid(-x), sigmoid(-w*x - b)), then simplified; None if there is none."""
    changed = False

    def rewrite(node: Expr, children: list[Expr]) -> Expr:
        nonlocal changed
        current = rebuilt(node, children)
        if type(current) is Call and current.name == "sigmoid":
            argument = s.normal_form(current.argument)
            if argument and all(c < 0 for c in argument.values()):
                changed = True
                return Sub(Number(1), Call("sigmoid", s.answer(s.scale(argument, -1))))
        return current

    result = fold(expr, rewrite)
    return s.answer(s.normal_form(result)) if changed else None
