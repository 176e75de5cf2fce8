"""The answer a textbook prints, and the steps from the simplifier's normal form to it.

The simplifier's normal form (``simplify.py``) collects like terms and cancels equal factors,
but it never multiplies two sums together and knows no identities. A finished answer then gets
this strategy, in this order, each move kept only if it makes the printed answer shorter
(measured in tree nodes; on a tie the algebra's form is kept), so an answer is never longer than
the normal form's:

1. **Trigonometric identities** (``identities.py``): sin/cos = tan, cos/sin = cot, 1/cos = sec,
   1/sin = csc, sin^2 + cos^2 = 1: -sin(x)/cos(x) is -tan(x).
2. **Rational-function algebra** (``rational.py``), with every non-polynomial part (sin x, e^x,
   sigmoid(w*x + b)) as a variable: one fraction over the least common denominator with the
   numerator multiplied out (like terms combine), then common factors of numerator and
   denominator cancelled, then common factors of the numerator taken out.
   2*(x*(x^2 - 1) - x*(x^2 + 1))/(x^2 - 1)^2 is -4*x/(x^2 - 1)^2; the cross-entropy's
   x*sigmoid(z)*(1 - y) - x*y*(1 - sigmoid(z)) is x*(sigmoid(z) - y).

Cancelling removes a removable singularity ((x^2 - 1)/(x - 1) is x + 1): the answer equals the
derivative wherever the derivative is defined, as in every computer algebra system.

It is cheap to decline: an answer of more than ``MAX_NODES`` nodes, or one with no product or
power of a sum, no fraction and no sin, cos, tan or cot, is returned as it is without any algebra, so the
long answers of the speed benchmarks pay nothing for it.
"""

from __future__ import annotations

from ..core.collector import collector_paused
from ..core.errors import SymdiffError
from ..core.expr import Add, Call, Constant, Div, Expr, Infinity, Mul, Neg, Number, Pow, Sub, Symbol, UndefinedCall
from ..core.traversal import fold, preorder, rebuilt, size_as_written
from ..syntax.parser import to_expr
from .expansion import expand
from .generators import Generators
from .identities import pythagorean, sigmoid_reflection, sign_over_abs, trig_quotients
from .normal import NUMERIC, Normal
from .polynomial import work_limit
from .polywalk import walk
from .presentation import common_exponentials
from .rational import Factored, FactoredAlgebra, factored
from .simplify import Simplifier, spelling
from .user_calls import undefined_for_zero_denominators
from .writer import FractionWriter

__all__ = ["LAWS", "MAX_GENERATORS", "MAX_NODES", "Forms", "simplify", "textbook_answer", "textbook_steps"]

MAX_NODES = 300
MAX_GENERATORS = 4  # variables of the rational-function algebra (x, y, sin(x), sigmoid(w*x + b), ...)
WORK_LIMIT = 100_000  # term products the algebra may make on one answer (about 0.1 s)

# The laws of this stage, for a worked solution: id -> (what a teacher says, the law).
LAWS: dict[str, tuple[str, str]] = {
    "trig_quotient": ("Use the quotient identities",
                      "sin(u)/cos(u) = tan(u), 1/cos(u) = sec(u), sinh(u)/cosh(u) = tanh(u), 1/cosh(u) = sech(u)"),
    "pythagorean": ("Use a Pythagorean identity",
                    "sin(u)^2 + cos(u)^2 = 1, 1 + tan(u)^2 = sec(u)^2, 1 + cot(u)^2 = csc(u)^2, "
                    "cosh(u)^2 - sinh(u)^2 = 1, tanh(u)^2 + sech(u)^2 = 1, coth(u)^2 - 1 = csch(u)^2"),
    "sigmoid": ("Use sigmoid(-u) = 1 - sigmoid(u)", "sigmoid(-u) = 1 - sigmoid(u)"),
    "sign_abs": ("Combine the sign with the absolute value", "sign(u)/abs(u) = 1/u, sign(u)*u = abs(u)"),
    "together": ("Write as one fraction and multiply out the numerator", "a/b + c/d = (a*d + c*b)/(b*d)"),
    "expand": ("Multiply out and combine like terms", "a*(b + c) = a*b + a*c"),
    "cancel": ("Cancel the common factors", "(g*a)/(g*b) = a/b"),
    "factor": ("Take out the common factor", "a*b + a*c = a*(b + c)"),
    "same_denominator": ("Put the fractions over one denominator together",
                         "a/(m*d) + b/(n*d) = (n*a + m*b)/(m*n*d)"),
}

Step = tuple[str, Expr, Expr]  # (law, the whole answer before, after)


@undefined_for_zero_denominators
@collector_paused
def simplify(expr: Expr | str | float) -> Expr:
    """``expr`` in simplest textbook form, with the same value wherever ``expr`` has one.

    ``expr`` is a tree, text (parsed) or a Python number; anything else is an ``ExpressionError``.
    """
    tree = to_expr(expr)
    if type(tree) is Infinity or (type(tree) is Neg and type(tree.children[0]) is Infinity):
        return tree  # a limit's value, oo or -oo, is as simple as it gets; arithmetic with oo is refused
    simplifier = Simplifier(**spelling(tree))
    return textbook_answer(simplifier, simplifier.normal_form(tree))


def textbook_answer(s: Simplifier, normal: Normal, memo: Forms | None = None) -> Expr:
    """The answer of the expression whose normal form is ``normal``. ``memo`` (a ``Forms``
    kept for one search with ``s``) shares the rational forms among calls."""
    answer, steps = textbook_steps(s, normal, memo)
    return steps[-1][2] if steps else answer


class Forms:
    """The rational algebra's written forms, remembered among ``textbook_answer`` calls with one
    simplifier: the answer's next round, and the results an antiderivative's rules tidy, are
    often the same fraction in the same generators (-(1 - x)^8/8 and its rewriting -(x - 1)^8/8
    both read (x - 1)^8 times -1/8). What is written depends on the fraction, the generators
    (their order and relations, which ``FractionWriter`` reads) and the simplifier alone, so a
    form found once is the form found again."""

    __slots__ = ("forms", "writers")

    def __init__(self) -> None:
        self.writers: dict[object, tuple[FractionWriter, dict[Expr, Expr], dict[Expr, Expr]]] = {}
        self.forms: dict[object, tuple[bool, Expr, Expr, Expr, Expr] | None] = {}


def textbook_steps(s: Simplifier, normal: Normal, memo: Forms | None = None) -> tuple[Expr, list[Step]]:
    """The simplifier's answer, and the steps that take it to the textbook's (none if it is one).

    The textbook's answer must be its own answer (``simplify`` is idempotent), but the normal
    form of a rewritten fraction can differ from the one it came from, and the strategy can
    then choose another form ((x/(1 - x))/(x + 1) is -x/(x^2 - 1), which reads back as
    x/(1 - x^2)). So the answer is read back and taken through the strategy again, up to
    ``ROUNDS`` times, until it stays; each further round is one more step."""
    answer, steps = _one_round(s, normal, memo)
    if not steps:
        return answer, steps  # the simplifier's own answer reads back as itself
    final = steps[-1][2]
    for _ in range(ROUNDS):
        again_normal = s.normal_form(final)
        again_answer, again = _one_round(s, again_normal, memo)
        following = again[-1][2] if again else again_answer
        if following == final:
            break
        steps.append((again[0][0] if again else "order", final, following))
        final = following
    return answer, steps


ROUNDS = 2


def _one_round(s: Simplifier, normal: Normal, memo: Forms | None) -> tuple[Expr, list[Step]]:
    answer = s.answer(normal)
    trig, rational, sigmoid, signs = _worth_trying(normal, answer)
    steps: list[Step] = []
    current = answer

    def take(law: str, candidate: Expr | None) -> None:
        nonlocal current
        if candidate is not None and candidate != current and size_as_written(candidate) < size_as_written(current):
            steps.append((law, current, candidate))
            current = candidate

    if signs:
        rewritten = sign_over_abs(s, s.normal_form(current))
        take("sign_abs", None if rewritten is None else s.answer(rewritten))
    if sigmoid:
        take("sigmoid", sigmoid_reflection(s, current))
    if trig:
        rewritten = trig_quotients(s, s.normal_form(current))
        take("trig_quotient", None if rewritten is None else s.answer(rewritten))
        take("pythagorean", _pythagorean_everywhere(s, current))
    if rational:
        before = rational_start = len(steps)
        start = current
        steps.extend(_rational_steps(s, current, size_as_written(current), memo))
        current = steps[-1][2] if steps else current
        # The fractions over one denominator put together, the rest left beside them, where that
        # is shorter than one fraction: atan(x)/2 + (x - 1)/(2*(x^2 + 1)), and with an arctangent
        # beside fractions, where one fraction would be longer: a textbook's (x - 3)/(8*q) + atan(...)/16.
        grouped = _same_denominator(s, start)
        if grouped is not None and size_as_written(grouped) < min(size_as_written(current), size_as_written(start)):
            del steps[rational_start:]
            steps.append(("same_denominator", start, grouped))
            current = grouped
        if trig and len(steps) > before:
            # Over one denominator, sin(x)^2 + cos(x)^2 may now meet, and cancel after: d/dx
            # sin(x)/(1 + cos(x)) is (cos(x)^2 + sin(x)^2 + cos(x))/(cos(x) + 1)^2 = 1/(cos(x) + 1).
            before = len(steps)
            take("pythagorean", _pythagorean_everywhere(s, current))
            if len(steps) > before:
                steps.extend(_rational_steps(s, current, size_as_written(current), memo))
                current = steps[-1][2]
        if trig and len(steps) > rational_start:
            rewritten = trig_quotients(s, s.normal_form(current))  # x*cos(x)/(y*sin(x)) = x*cot(x)/y
            take("trig_quotient", None if rewritten is None else s.answer(rewritten))
    return answer, steps


def _pythagorean_everywhere(s: Simplifier, expr: Expr) -> Expr | None:
    """``expr`` with sin^2 + cos^2 = 1 (and 1 + tan^2 = sec^2) used in every sum in it."""
    changed = False

    def rewrite(node: Expr, children: list[Expr]) -> Expr:
        nonlocal changed
        current = rebuilt(node, children)
        if type(current) in (Add, Sub):
            reduced = pythagorean(s, s.normal_form(current))
            if reduced is not None:
                changed = True
                return s.answer(reduced)
        return current

    result = fold(expr, rewrite)
    # The sums around a rewritten one are simplified again: sin(x)^2 + cos(x)^2 - 1 is 0, not 1 - 1.
    return s.answer(s.normal_form(result)) if changed else None


def _rational_steps(s: Simplifier, answer: Expr, size: int, memo: Forms | None = None) -> list[Step]:
    """One fraction with the numerator multiplied out, then lowest terms, then the numerator's
    common factors taken out: the steps to whichever of the last two is shorter, if that is no
    longer than ``answer`` (``size`` nodes).

    The last two are written from the fraction in lowest terms, so they are the same however
    the input was written; taken on a tie, and each replaced by the simplifier's own writing of
    it where simplifying it again would give that, they keep ``simplify`` idempotent."""
    gens = Generators(s)
    gens.scan(answer)
    if len(gens.found) > MAX_GENERATORS:
        return []  # a GCD in many variables can take minutes: the simplifier's answer stands
    try:
        with work_limit(WORK_LIMIT):
            algebra = FactoredAlgebra(gens.number(()), gens)  # the rational function in its generators
            value = walk(answer, gens, algebra)
            lowest = algebra.cancel(value)
    except SymdiffError:
        return []  # beyond the algebra's bounds (a huge power): the simplifier's answer stands
    with work_limit(WORK_LIMIT):  # writing (a - 1000)^1000 multiplied out took 3 s, to be dropped
        forms = _forms(s, gens, value, lowest, memo)
    if forms is None:
        return []  # beyond the algebra's bounds (a huge power): the simplifier's answer stands
    common_factor, together, lowest_terms, cancelled, factored_out = forms
    # A state is named by what it did: no common factor means the last move only multiplied out.
    cancelled_law = "cancel" if common_factor else "expand"
    states = [("together" if _fractions(answer) > 1 else "expand", together), (cancelled_law, cancelled)]
    final = cancelled
    # A common factor comes out when what is left inside is a sum of single terms, as textbooks
    # write x*(sigmoid(w*x + b) - y) and e^x*(x - 2)/x^3 but x^2*cos(x) + 2*x*sin(x) and
    # 5*x^4 - 3*x^2 (not x*(x*cos(x) + 2*sin(x)) or x^2*(5*x^2 - 3)); or when a number is all
    # that is shared by three or more terms with no other number: 2*(w*x + b - y); or from the
    # numerator of a fraction, where it makes it shorter: x*(x + 2)/(x + 1)^2.
    textbook_factor = (_simple_sums_inside(factored_out) or _number_times_plain_sum(factored_out)
                       or (type(factored_out) is Div and size_as_written(factored_out) < size_as_written(cancelled)))
    if textbook_factor and size_as_written(factored_out) <= size_as_written(cancelled):
        states = [states[0], (cancelled_law, lowest_terms), ("factor", factored_out)]
        final = factored_out
        if _factored_inside(s, answer, factored_out):
            # e^(-x)*(2*x - x^2) = x*e^(-x)*(2 - x): a factor taken out of the one sum in a
            # product is one step, not multiplying out and then taking the factors out again.
            states = [("factor", factored_out)]
    oriented = _oriented_like(s, final, answer)
    if oriented is not final:
        states[-1] = (states[-1][0], oriented)
        final = oriented
    if final == answer or size_as_written(final) > size:
        return []
    # The algebra reads exp(u) as e^u; an answer written with exp keeps exp (the choice above
    # is made on the e^u forms either way).
    if _spells_exp(answer):
        states = [(law, fold(shown, _flat_exp)) for law, shown in states]
    steps: list[Step] = []
    current = answer
    for law, shown in states:  # the last state is the final one
        if shown != current:
            steps.append((law, current, shown))
            current = shown
    return steps


def _oriented_like(s: Simplifier, written: Expr, reference: Expr) -> Expr:
    """``written`` (the rational algebra's form, its factors' signs its own) with pairs of its sum
    factors negated where ``reference`` has them the other way round: 2*x*(y - a)*(a - 1) is
    2*x*(a - y)*(1 - a) when the answer had (a - y) and (1 - a), as the chain rule's
    2*(a - y)*a*(1 - a) gives them; a factor to an even power takes either sign alone. The
    value is the same (two minus signs); only a form the question wrote is chosen."""
    top = written.children[0] if type(written) is Neg else written
    parts = list(top.children) if type(top) is Div else [top]
    had = {node for node, _ in preorder(reference) if type(node) in (Add, Sub)}
    if not had:
        return written
    odd: list[tuple[int, int]] = []  # (part, factor) of sums to an odd power that the reference negates
    flips: dict[tuple[int, int], Expr] = {}
    for p, part in enumerate(parts):
        factors = part.children if type(part) is Mul else (part,)
        for f, factor in enumerate(factors):
            base, power = (factor.children[0], factor.children[1]) if type(factor) is Pow else (factor, None)
            if type(base) not in (Add, Sub) or base in had:
                continue
            if power is not None and not (type(power) is Number and power.value.denominator == 1):
                continue
            negated = s.answer(s.normal_form(Neg(base)))
            if negated not in had:
                continue
            flips[(p, f)] = negated if power is None else Pow(negated, power)
            if power is None or power.value % 2:
                odd.append((p, f))
    if len(odd) % 2:
        del flips[odd[-1]]  # one minus sign would be left over: that factor stays as written
    if not flips:
        return written
    new_parts = []
    for p, part in enumerate(parts):
        if type(part) is Mul:
            new_parts.append(Mul(*(flips.get((p, f), factor) for f, factor in enumerate(part.children))))
        else:
            new_parts.append(flips.get((p, 0), part))
    result = Div(*new_parts) if type(top) is Div else new_parts[0]
    return Neg(result) if type(written) is Neg else result


def _forms(s: Simplifier, gens: Generators, value: Factored, lowest: Factored,
           memo: Forms | None) -> tuple[bool, Expr, Expr, Expr, Expr] | None:
    """The written forms of ``value`` (``lowest`` in lowest terms): whether a common factor
    cancelled, the one fraction, lowest terms as written, lowest terms settled (its denominator
    multiplied out where that is shorter) and the numerator's common factors taken out; None
    beyond the algebra's bounds. With a ``memo``, each is found once per fraction and generators."""
    if memo is None:
        return _written_forms(s, FractionWriter(gens), {}, {}, value, lowest)
    # The generators as the writer reads them: their order and the relations of their roots.
    gens_key = (tuple(gens.order), tuple(sorted(gens.relations.items())))
    key = (gens_key, value.coefficient, frozenset(value.factors.items()))
    if key in memo.forms:
        return memo.forms[key]
    shared = memo.writers.get(gens_key)
    if shared is None:
        shared = memo.writers[gens_key] = (FractionWriter(gens), {}, {})
    found = memo.forms[key] = _written_forms(s, *shared, value, lowest)
    return found


def _written_forms(s: Simplifier, writer: FractionWriter, flat: dict[Expr, Expr], settled: dict[Expr, Expr],
                   value: Factored, lowest: Factored) -> tuple[bool, Expr, Expr, Expr, Expr] | None:
    # One writer for every form: each factor of the fraction is written once. The forms are
    # often written alike (x/sqrt(1 - x^2) every way, about half of them): each distinct one
    # is flattened and settled once.
    def written(shown: Expr) -> Expr:
        if shown not in flat:
            flat[shown] = fold(shown, _flat)
        return flat[shown]

    def settle(candidate: Expr) -> Expr:
        if candidate not in settled:
            settled[candidate] = _settled(s, candidate)
        return settled[candidate]

    try:
        together = written(writer.fraction(value, bottom="factored"))
        common_factor = (lowest.coefficient, lowest.factors) != (value.coefficient, value.factors)
        lowest_terms = written(writer.fraction(lowest, bottom="factored")) if common_factor else together
        cancelled = settle(lowest_terms)
        # The denominator multiplied out where that is shorter: 2/(x^2 - 1), not 2/((x - 1)*(x + 1)).
        expanded_below = settle(written(writer.fraction(lowest)))
        if size_as_written(expanded_below) < size_as_written(cancelled):
            lowest_terms = cancelled = expanded_below
        factored_out = settle(written(writer.fraction(lowest, top="factored", bottom="factored")))
    except SymdiffError:
        return None
    return common_factor, together, lowest_terms, cancelled, factored_out


def _factored_inside(s: Simplifier, answer: Expr, factored: Expr) -> bool:
    """Whether ``factored`` is ``answer``, a product with one sum among its factors, with that
    sum written as a product: the other factors all there, and the new ones multiplying out to
    the sum (compared by normal form, so exp(-x) is e^(-x))."""
    if type(answer) is not Mul or type(factored) is not Mul:
        return False
    sums = [factor for factor in answer.children if type(factor) in (Add, Sub)]
    if len(sums) != 1:
        return False
    left = [s.normal_form(factor) for factor in factored.children]
    new = list(factored.children)
    for factor in answer.children:
        if factor is sums[0]:
            continue
        normal = s.normal_form(factor)
        if normal not in left:
            return False
        at = left.index(normal)
        del left[at], new[at]
    if not new:
        return False
    try:  # multiplied out: the normal form keeps a sum as a factor (x*(2 - x))
        return s.normal_form(expand(new[0] if len(new) == 1 else Mul(*new))) == s.normal_form(expand(sums[0]))
    except SymdiffError:
        return False


def _same_denominator(s: Simplifier, answer: Expr) -> Expr | None:
    """``answer``, a sum, with its fractions p/(c*d) (c a number, p and d polynomials, d
    varying) put together and the other terms left beside them: the fractions over each
    denominator d, or all of them over one; whichever is shorter (None when no two fractions
    are there to put together, or nothing else is, which is the rational steps' one fraction).
    d/dx [sin(x) + 1/(x + 1) + x/(x + 1)^2] is cos(x) - 2*x/(x + 1)^3."""
    if type(answer) not in (Add, Sub):
        return None
    groups: dict[Expr, list[Expr]] = {}
    others: list[Expr] = []
    for term in _signed_terms(answer):
        below = _varying_denominator(term)
        (groups.setdefault(below, []) if below is not None else others).append(term)
    fractions = [term for terms in groups.values() for term in terms]
    if len(fractions) < 2 or not others:
        return None
    by_denominator = [terms for terms in groups.values() if len(terms) > 1]
    candidates = [[fractions]] + ([by_denominator] if by_denominator and len(groups) > 1 else [])
    best: Expr | None = None
    for combined in candidates:
        alone = [terms[0] for terms in groups.values() if len(terms) == 1] if combined is by_denominator else []
        try:
            parts = [*alone, *others, *(_one_fraction(s, terms) for terms in combined)]
        except SymdiffError:
            continue
        written = s.answer(s.normal_form(Add(*parts)))
        if best is None or size_as_written(written) < size_as_written(best):
            best = written
    return best


def _one_fraction(s: Simplifier, terms: list[Expr]) -> Expr:
    """The sum of ``terms`` as one fraction in lowest terms, its denominator as a product."""
    with work_limit(WORK_LIMIT):
        value, gens, algebra = factored(Add(*terms), simplifier=s)
        lowest = algebra.cancel(value)
    return _settled(s, fold(FractionWriter(gens).fraction(lowest, bottom="factored"), _flat))


def _signed_terms(total: Expr) -> list[Expr]:
    """The terms of a sum as written, a subtracted one negated: a - b + c is [a, -b, c]."""
    terms: list[Expr] = []
    stack: list[tuple[Expr, bool]] = [(total, False)]
    while stack:
        node, negated = stack.pop()
        if type(node) is Add:
            stack.extend((child, negated) for child in reversed(node.children))
        elif type(node) is Sub:
            stack.extend([(node.children[1], not negated), (node.children[0], negated)])
        else:
            terms.append(Neg(node) if negated else node)
    return terms


def _varying_denominator(term: Expr) -> Expr | None:
    """d when ``term`` is written p/(c*d) or -p/(c*d) with c a number, d varying, and p and d
    polynomials (no function or root in them); else None."""
    if type(term) is Neg:
        term = term.children[0]
    if type(term) is not Div:
        return None
    above, below = term.children
    if type(below) is Mul and type(below.children[0]) is Number:
        below = below.children[1] if len(below.children) == 2 else Mul(*below.children[1:])
    if not below.free_symbols or not _polynomial(above) or not _polynomial(below):
        return None
    return below


def _polynomial(expr: Expr) -> bool:
    """Whether ``expr`` is written with numbers, variables, +, -, * and whole powers only."""
    for node, _ in preorder(expr):
        kind = type(node)
        if kind is Pow:
            if type(node.children[1]) is not Number or not isinstance(node.children[1].value, int):
                return False
        elif kind not in (Number, Symbol, Add, Sub, Mul, Neg):
            return False
    return True


def _settled(s: Simplifier, candidate: Expr) -> Expr:
    """``candidate``, or the simplifier's writing of it when that is what simplifying the
    candidate again would end at: shorter, or left alone by this strategy (-x*y - x/2 for
    (-2*x*y - x)/2)."""
    normal = s.normal_form(candidate)
    written = s.answer(normal)
    if written == candidate:
        return candidate
    if size_as_written(written) < size_as_written(candidate) or not _worth_trying(normal, written)[1]:
        return written
    return candidate


def _simple_sums_inside(expr: Expr) -> bool:
    """Whether every sum that is a factor of ``expr`` (or of its numerator) has only single
    terms: a number, a variable, a function, a power, or a number times one of those."""
    top = expr.children[0] if type(expr) is Div else expr
    factors = top.children if type(top) is Mul else (top,)
    sums = [f for f in factors if type(f) in (Add, Sub)]
    if not sums:
        return False
    for total in sums:
        stack = [total]
        while stack:
            node = stack.pop()
            if type(node) in (Add, Sub):
                stack.extend(node.children)
            elif not _single(node):
                return False
    return True


def _number_times_plain_sum(expr: Expr) -> bool:
    """Whether ``expr`` is a number times a sum of three or more terms, none with a number in
    front (the content taken out of 2*w*x + 2*b - 2*y)."""
    if type(expr) is not Mul or len(expr.children) != 2 or type(expr.children[0]) not in (Number, Neg):
        return False
    total = expr.children[1]
    if type(total) not in (Add, Sub):
        return False
    terms: list[Expr] = []
    stack = [total]
    while stack:
        node = stack.pop()
        if type(node) in (Add, Sub):
            stack.extend(node.children)
        else:
            terms.append(node.children[0] if type(node) is Neg else node)
    numbered = [t for t in terms if type(t) is Number or (type(t) is Mul and type(t.children[0]) is Number)]
    return len(terms) >= 3 and not numbered


def _single(term: Expr) -> bool:
    if type(term) is Neg:
        term = term.children[0]
    if type(term) is Mul and len(term.children) == 2 and type(term.children[0]) is Number:
        term = term.children[1]
    return type(term) in (Number, Symbol, Constant, Call, UndefinedCall, Pow)


def _flat(node: Expr, children: list[Expr]) -> Expr:
    """A product inside a product is one product: x^2*e^x*(x + 3), not (x^2*e^x)*(x + 3); and a
    minus on a product goes on its first factor, as the simplifier writes it: -y*(x + 1)."""
    if type(node) is Neg and type(children[0]) is Mul and type(children[0].children[0]) not in (Add, Sub, Number):
        first, *rest = children[0].children
        return Mul(Neg(first), *rest)
    if type(node) is Mul and any(type(child) is Mul for child in children):
        return Mul(*(part for child in children for part in (child.children if type(child) is Mul else (child,))))
    return rebuilt(node, children)


def _flat_exp(node: Expr, children: list[Expr]) -> Expr:
    """As ``_flat``, with e^u written exp(u)."""
    if type(node) is Pow and node.children[0] == _E_CONSTANT:
        return Call("exp", children[1])
    return _flat(node, children)


_E_CONSTANT = Constant("e")


def _spells_exp(expr: Expr) -> bool:
    """Whether ``expr`` writes exp(u) and never e^u."""
    calls = powers = False
    for node, _ in preorder(expr):
        if type(node) is Call and node.name == "exp":  # type: ignore[attr-defined]
            calls = True
        elif type(node) is Pow and node.children[0] == _E_CONSTANT:
            powers = True
    return calls and not powers


def _worth_trying(normal: Normal, answer: Expr) -> tuple[bool, bool, bool, bool]:
    """Whether the answer has something each part of the strategy could shorten, judged on its
    normal form's terms (cheap): a sin, cos, tan or cot factor for the identities; a sum as a
    factor (a product or power of a sum, a numerator or denominator) or several terms with a
    denominator for the algebra; a sigmoid of a negative argument for its reflection. None for
    answers over ``MAX_NODES`` nodes."""
    if size_as_written(answer, MAX_NODES) > MAX_NODES:  # first: a long answer's terms are not even read
        return False, False, False, False
    trig = sum_factor = sigmoid = signs = False
    fractions = 0
    for monomial in normal:
        below = False
        for base, exponent in monomial:
            kind = type(base)
            if kind in (Add, Sub):
                sum_factor = True
            elif kind is Call and base.name in _TRIG:  # type: ignore[attr-defined]
                trig = True
            elif kind is Call and base.name == "sigmoid":  # type: ignore[attr-defined]
                sigmoid = True
            elif kind is Call and base.name == "sign":  # type: ignore[attr-defined]
                signs = True
            if isinstance(exponent, NUMERIC) and exponent < 0:
                below = True
        fractions += below
    # A factor every term has is written in front, e^x*(x^3 + 3*x^2): a sum that is a factor too;
    # so is a number that three or more terms share and nothing else: 2*w*x + 2*b - 2*y.
    shared_number = len(normal) >= 3 and len({abs(c) for c in normal.values()}) == 1 and abs(next(iter(
        normal.values()))) != 1
    rational = (sum_factor or fractions > 1 or shared_number
                or (len(normal) > 1 and bool(common_exponentials(normal))))
    if not (trig or rational or sigmoid or signs):
        return False, False, False, False
    if sum_factor and not trig:  # sin(x)^2 + cos(x)^2 may be inside a sum that is a factor
        trig = _mentions_trig(answer)
    return trig, rational, sigmoid, signs


# The functions the trigonometric identities rewrite, the hyperbolic ones too (sinh/cosh = tanh,
# cosh^2 - sinh^2 = 1).
_TRIG = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech", "csch"})


def _mentions_trig(expr: Expr) -> bool:
    stack = [expr]
    count = 0
    while stack and count <= MAX_NODES:
        node = stack.pop()
        count += 1
        if type(node) is Call and node.name in _TRIG:  # type: ignore[attr-defined]
            return True
        stack.extend(node.children)
    return False


def _fractions(expr: Expr) -> int:
    return sum(1 for node, _ in preorder(expr) if type(node) is Div)
