"""One search's simplifier and memos: ``with simplifying(integrand):``.

An antiderivative simplifies the same parts many times (each rule's result, the rule around
it, the final answer, the check) and looks at the same integrands again and again (each
method asks what varies, what the integrand is as a product, whether a part is a polynomial).
Inside ``simplifying``, one ``Simplifier`` serves them all (it remembers the normal form of
every subtree it has seen), and each of those questions is answered once per search.
``tidy`` writes a rule's result; ``derivative`` differentiates as ``diff`` does, with the
session's simplifier. Outside a session each works alone, as ``simplify`` and ``diff`` do.
"""

from __future__ import annotations

import math
from contextvars import ContextVar
from fractions import Fraction

from ..algebra.normal import NUMERIC, Normal
from ..algebra.presentation import common_exponentials
from ..algebra.simplify import Simplifier, spelling
from ..algebra.textbook import Forms, simplify, textbook_answer
from ..core.errors import SymdiffError
from ..core.expr import Add, Div, Expr, Neg, Number, Pow, Sub, Symbol

__all__ = ["current", "derivative", "has_quotient", "is_zero", "session_simplifier", "simplifying", "tidy"]


class _Session:
    """One simplifier and the memos of all the simplifications of one antiderivative: the
    search simplifies the same parts many times (each rule's result, the next rule's sum of
    them, the answer, the check), and a simplifier remembers the normal form of every subtree
    it has seen."""

    __slots__ = ("derivatives", "done", "final", "forms", "plain", "polynomials", "simplifier", "symbols", "views")

    def __init__(self, simplifier: Simplifier) -> None:
        self.simplifier = simplifier
        self.done: dict[Expr, Expr] = {}  # a rule's result -> it tidied
        self.plain: dict[Expr, Expr] = {}  # a sum's result -> its normal form written out
        self.final: dict[Expr, Expr] = {}  # -> it through the textbook's whole strategy
        self.forms = Forms()  # the textbook's rational forms: a fraction is written once per search
        self.derivatives: dict[tuple[Expr, Symbol], Expr] = {}  # (g, x) -> d/dx g as diff writes it
        # Each method looks at the integrand as a product (``view``) and asks what varies:
        # once per integrand, not once per method.
        self.views: dict[tuple[Expr, Symbol], tuple[list[Expr], dict[Expr, Fraction]] | None] = {}
        self.symbols: dict[Expr, frozenset[Symbol]] = {}
        self.polynomials: dict[tuple[Expr, Symbol], list[Fraction] | None] = {}


_SESSION: ContextVar[_Session | None] = ContextVar("integration_simplifier", default=None)


def current() -> _Session | None:
    """The session ``simplifying`` opened, if inside one: its memos."""
    return _SESSION.get()


class simplifying:
    """``with simplifying(integrand):`` shares one simplifier among the ``tidy`` calls inside."""

    def __init__(self, integrand: Expr) -> None:
        self.simplifier = Simplifier(**spelling(integrand))

    def __enter__(self) -> Simplifier:
        self.token = _SESSION.set(_Session(self.simplifier))
        return self.simplifier

    def __exit__(self, *exc: object) -> None:
        _SESSION.reset(self.token)


def tidy(expr: Expr, *, final: bool = False, combine: bool = True) -> Expr:
    """``expr`` simplified; as it is if the simplifier declines (an answer too large for it).
    Inside ``simplifying``, a rule's result without a quotient is written from its normal form,
    and the textbook's whole strategy runs on quotients and on the ``final`` answer. Without
    ``combine`` (the sum rule's result: ∫f ± ∫g as found), fractions are not put together:
    the rule around it, or the final answer, does that once for the whole sum.

    Simplifying is idempotent (the simplifier's and the textbook's answers are their own
    answers), so what a tidy call gives is remembered as its own tidy form: a rule that passes
    on the result of the rule inside it (partial fractions, multiplying out, the final answer)
    costs a lookup."""
    session = _SESSION.get()
    if session is None:
        try:
            return simplify(expr)
        except SymdiffError:
            return expr
    simplifier = session.simplifier
    if final:
        found = session.final.get(expr)
        if found is None:
            try:
                normal = simplifier.normal_form(expr)
                found = simplifier.answer(normal) if _exponential_times_prime(simplifier, normal) else \
                    textbook_answer(simplifier, normal, session.forms)
            except SymdiffError:
                found = expr
            session.final[expr] = session.final[found] = found
        return found
    done = session.done if combine else session.plain
    found = done.get(expr)
    if found is None:
        try:
            normal = simplifier.normal_form(expr)
            # The textbook's rational steps (cancel, combine, factor) cost most of a simplification;
            # a rule's result needs them only when it has a quotient to tidy.
            found = simplifier.answer(normal)
            if combine and has_quotient(found):
                found = textbook_answer(simplifier, normal, session.forms)
                session.final[expr] = session.final[found] = found  # the whole strategy ran on it
        except SymdiffError:
            found = expr
        done[expr] = found
        if combine:
            done[found] = found
    return found


def derivative(expr: Expr, x: Symbol) -> Expr:
    """d/dx of ``expr`` as ``diff`` writes it; inside ``simplifying``, by the session's
    simplifier (the normal forms it knows are reused) and once per (expr, x): the methods
    differentiate the same candidates for u, and the answer, again and again."""
    from .differentiate import derivative_written, diff

    session = _SESSION.get()
    if session is None:
        return diff(expr, x)
    key = (expr, x)
    found = session.derivatives.get(key)
    if found is None:
        found = session.derivatives[key] = derivative_written(expr, x, session.simplifier, textbook=True)
    return found


def has_quotient(expr: Expr) -> bool:
    """Whether ``expr`` has a quotient or a negative power of something varying anywhere (what
    cancelling could act on: sin(2*x)/4 has nothing to cancel)."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if (type(node) is Div or (type(node) is Pow and type(node.children[1]) is Neg)) and \
                node.children[1 if type(node) is Div else 0].free_symbols:
            return True
        stack.extend(node.children)
    return False


def session_simplifier() -> Simplifier | None:
    """The simplifier ``simplifying`` shares, if inside one."""
    session = _SESSION.get()
    return None if session is None else session.simplifier


def is_zero(expr: Expr, *, quick: bool = False) -> bool:
    """Whether ``expr`` simplifies to 0: the normal form first (cheap, and enough for most
    answers), the textbook's rational steps (cancelling, combining fractions) only if needed
    and not ``quick``."""
    session = _SESSION.get()
    if session is not None:
        try:
            if session.simplifier.answer(session.simplifier.normal_form(expr)) == Number(0):
                return True
        except SymdiffError:
            pass
    return False if quick else tidy(expr) == Number(0)


def _exponential_times_prime(simplifier: Simplifier, normal: Normal) -> bool:
    """Whether ``normal`` is an exponential times a polynomial in one variable with no factor
    to take out, e^x*(x^2 - 2*x + 2): the exponential is written in front already, the
    polynomial has no common factor (a number, a power of x, or a polynomial: it is
    irreducible, by its degree and roots, or Eisenstein's criterion), and there is nothing else
    for the textbook's strategy (no quotient, no other sum, no trigonometric function, no number
    shared by three or more terms), so the simplifier's answer is the textbook's. Tabular
    integration by parts ends in such answers, where the strategy would find nothing to do."""
    if len(normal) == 1:  # one term: c*e^x*(polynomial)
        ((monomial, _),) = normal.items()
        sums = [base for base, exponent in monomial if type(base) in (Add, Sub) and exponent == 1]
        others = [(base, exponent) for base, exponent in monomial if type(base) not in (Add, Sub)]
        if len(sums) != 1 or len(others) + 1 != len(monomial) or not others or \
                not all(not isinstance(exponent, NUMERIC) and not base.free_symbols for base, exponent in others):
            return False
        inner = simplifier.normal_form(sums[0])
        if simplifier.answer(inner) != sums[0]:
            return False  # written otherwise than the simplifier writes it: the textbook would rewrite it
        terms = _polynomial(inner)
    else:  # terms that share an exponential: e^x*x^2 - 2*e^x*x + 2*e^x
        common = common_exponentials(normal)
        if not common:
            return False
        if len(normal) >= 3 and len({abs(c) for c in normal.values()}) == 1 and abs(next(iter(normal.values()))) != 1:
            return False  # 2*w*x + 2*b - 2*y: the textbook takes the number out
        terms = _polynomial({tuple(f for f in monomial if f not in common): c for monomial, c in normal.items()})
    # A negative leading coefficient is written after a positive term (x - x^2 + 1), which
    # the textbook writes in descending powers (-x^2 + x + 1).
    return terms is not None and terms[max(terms)] > 0 and \
        _irreducible([terms.get(k, Fraction(0)) for k in range(max(terms) + 1)])


def _polynomial(normal: Normal) -> dict[int, Fraction] | None:
    """The normal form of a polynomial in one variable as {power: coefficient}, or None."""
    variable: Expr | None = None
    terms: dict[int, Fraction] = {}
    for monomial, coefficient in normal.items():
        power = 0
        if monomial:
            if len(monomial) != 1:
                return None
            ((base, exponent),) = monomial
            if type(base) is not Symbol or type(exponent) is not int or exponent < 0 or \
                    (variable is not None and base != variable):
                return None
            variable, power = base, exponent
        terms[power] = Fraction(coefficient)
    return terms or None


def _irreducible(c: list[Fraction]) -> bool:
    """Whether the polynomial (coefficients, constant first) has content 1 after clearing
    denominators, no factor x, and no factor of lower degree: shown for degree 1, for degree 2
    by its discriminant, for degree 3 by having no rational root, and beyond by Eisenstein's
    criterion. False when it cannot be shown cheaply."""
    scale = math.lcm(*(a.denominator for a in c))
    whole = [int(a * scale) for a in c]
    degree = len(whole) - 1
    if degree < 1 or not whole[0] or not whole[-1] or math.gcd(*whole) != 1:
        return False
    if degree == 1:
        return True
    if degree == 2:
        a0, a1, a2 = whole
        discriminant = a1 * a1 - 4 * a2 * a0
        return discriminant < 0 or math.isqrt(discriminant) ** 2 != discriminant
    if degree == 3:
        if max(abs(whole[0]), abs(whole[3])) > 10**4:
            return False
        for p in _divisors(abs(whole[0])):
            for q in _divisors(abs(whole[3])):
                for root in (Fraction(p, q), Fraction(-p, q)):
                    if not sum(a * root**k for k, a in enumerate(whole)):
                        return False
        return True
    return any(_eisenstein(whole, p) for p in _prime_divisors(abs(whole[0]), limit=10**4))


def _eisenstein(whole: list[int], p: int) -> bool:
    return all(a % p == 0 for a in whole[:-1]) and whole[-1] % p != 0 and whole[0] % (p * p) != 0


def _divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def _prime_divisors(n: int, limit: int) -> list[int]:
    if n > limit:
        return []
    return [p for p in range(2, n + 1) if n % p == 0 and all(p % q for q in range(2, math.isqrt(p) + 1))]
