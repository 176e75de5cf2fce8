"""The simplifier: from any tree to the answer a textbook would print.

It works in two stages; this module builds the normal form (its shape is in ``normal.py``, the
exact arithmetic in ``exact.py``) and ``presentation.py`` writes it back as a tree.

1. **Normal form.** Every node becomes a sum of terms, each an exact coefficient times a
   product of factors ``base^exponent``:  ``{monomial: coefficient}`` with monomials as sorted
   tuples of ``(base, exponent)``. Building it folds constants exactly, collects like terms
   (``2x + 3x``) and equal factors (``x*x``, ``x^2*x^3``), cancels factors that meet with
   opposite exponents (``x^3/x``), distributes a number over a sum (``2(x + 1)``) and drops
   ``0 +``, ``1 *``, ``^1``, ``^0`` and double negation, which the normal form cannot express.
2. **Presentation.** The normal form is printed back as a tree in textbook shape: terms in a
   canonical order (descending degree, constant last), coefficient first, negative terms as
   subtraction, negative powers as a denominator, ``^(1/2)`` as ``sqrt``.

Why it terminates and is idempotent: each node is visited once, bottom-up, and every operation
builds its result from already-normal children without rewriting them again; presentation is
a pure function of the normal form, and reading a presented tree back gives the same normal
form, so ``simplify(simplify(e)) == simplify(e)`` (a property test checks this).

Results are memoised per node object, so a tree with shared subtrees (a DAG) costs work in
proportion to its distinct nodes, and shared subtrees stay shared in the answer.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from fractions import Fraction

from ..core.expr import (
    Add,
    Call,
    Constant,
    Div,
    Expr,
    Infinity,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
    number,
)
from ..core.traversal import fold
from .algebras import Algebra
from .exact import (
    HALF,
    ONE,
    bounded_power,
    exact_log,
    perfect_powers_out,
    ratio,
    real_root,
    special_value,
    surd_parts,
    whole,
)
from .normal import (
    CONSTANT,
    KEPT_UNDER_ROOTS,
    NUMERIC,
    UNDEFINED_MONOMIAL,
    ZERO,
    Exponent,
    FactorKey,
    Monomial,
    Normal,
    is_sum,
    undefined,
)
from .polynomial import AlgebraError
from .presentation import Presenter, common_exponentials, written_sum
from .products import LongProducts

__all__ = ["ACTIONS", "Simplifier", "is_power_of_zero", "spelling"]

# The odd functions (True: f(-u) = -f(u)) and the even ones (False: f(-u) = f(u)), each on its
# whole real domain (acot, with values in (0, pi), is neither; asec and acsc are odd and even
# only as acos(1/u) is not: acsc is odd, asec is not).
_PARITY = {name: True for name in ("sin", "tan", "cot", "csc", "sinh", "tanh", "coth", "csch", "asin", "atan",
                                   "acsc", "asinh", "atanh", "cbrt", "sign")}
_PARITY.update({name: False for name in ("cos", "sec", "cosh", "sech", "abs")})

# What the simplifier can report doing, for the trace: (name, an instance of the law).
ACTIONS: dict[str, tuple[str, str]] = {
    "fold": ("Do the arithmetic", ""),
    "collect": ("Combine like terms", "a*u + b*u = (a + b)*u"),
    "powers": ("Multiply powers of the same base", "u^a*u^b = u^(a + b)"),
    "power_of_power": ("Raise a power to a power", "(u^a)^b = u^(a*b)"),
    "factor_out": ("Take out the common factor", "a*u + a*v = a*(u + v)"),
    "cancel": ("Cancel common factors", "u^a/u^b = u^(a - b)"),
    "distribute": ("Multiply out", "c*(u + v) = c*u + c*v"),
    "identity": ("Drop zero terms and factors of one", "u + 0 = u, 1*u = u, u^1 = u, u^0 = 1"),
    "zero": ("A product with a factor 0 is 0", "0*u = 0"),
    "negation": ("Simplify the signs", "-(-u) = u, u + (-v) = u - v, u*(-v) = -u*v"),
    "special": ("Evaluate at an exact value", "sin(0) = 0, cos(0) = 1, ln(1) = 0, sqrt(4) = 2"),
    "parity": ("Use that the function is odd or even", "sin(-u) = -sin(u), cos(-u) = cos(u)"),
    "surd": ("Take perfect powers out of a root", "sqrt(8) = 2*sqrt(2), cbrt(16) = 2*cbrt(2), 1/sqrt(2) = sqrt(2)/2"),
    "inverse": ("Use that exp and ln are inverse functions", "e^(ln(u)) = u, ln(e^u) = u"),
    "regroup": ("Regroup", "(u*v)*w = u*v*w"),
    "natural_log": ("Write the natural logarithm one way", "ln(u) = log(u)"),
    "exponential": ("Write the exponential one way", "exp(u) = e^u"),
}




def spelling(tree: Expr) -> dict[str, str]:
    """How answers about ``tree`` spell the natural logarithm and the exponential, as keyword
    arguments of ``Simplifier``: ``log`` if it is written only so, else ``ln``; ``exp`` if the
    exponential is written only as exp(u), else e^u. The simplifier reads ln(u) and log(u) as
    one function, and exp(u) and e^u as one power, so that they cancel (e^x/exp(x) is 1)."""
    names: set[str] = set()
    powers_of_e = False
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is Call:
            if node.name in ("ln", "log", "exp"):  # type: ignore[attr-defined]
                names.add(node.name)  # type: ignore[attr-defined]
        elif kind is Pow:
            base = node.children[0]
            if type(base) is Constant and base.name == "e":  # type: ignore[attr-defined]
                powers_of_e = True
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    logarithms = names - {"exp"}
    return {"natural_log": "log" if logarithms == {"log"} else "ln",
            "exponential": "exp" if "exp" in names and not powers_of_e else "e"}



class Simplifier(Presenter, LongProducts):
    """Simplifies many expressions with one memo, so shared subtrees are simplified once.

    With ``record=True`` it remembers, for each action in ``ACTIONS``, the first node where it
    was taken (``examples``), so a trace can show how a raw result became the answer.
    """

    def __init__(self, *, record: bool = False, natural_log: str = "ln", exponential: str = "e") -> None:
        Presenter.__init__(self, exponential)
        LongProducts.__init__(self)
        # id(node) -> (node, its normal form); holding the node keeps its id from being reused.
        self._normal: dict[int, tuple[Expr, Normal]] = {}
        self._factor_order: dict[FactorKey, tuple[object, ...]] = {}  # sort keys of factors, found once
        self._equal: dict[Expr, Normal] = {}  # equal trees rebuilt (one per partial derivative) share one
        self._primitives: dict[int, tuple[Normal, tuple[Fraction, Monomial, Normal]]] = {}
        self._scaled: dict[int, tuple[Normal, Normal, Fraction]] = {}  # id(c*S) -> (c*S, S, c) for sums, c > 0
        # Bases kept whole under a root, a sum with its common factor or sign inside,
        # sqrt(-2*x - 2), or a power written in the question's spelling, sqrt(exp(y)): once the
        # power is whole, they are written as that base to the power (see _fold_numeric_factors).
        self._kept_bases: set[Expr] = set()
        # (f(u), rule) -> the normal form of the chain rule's f'(u); see NormalAlgebra.outer
        self.outer_derivatives: dict[tuple[Expr, str], Normal] = {}
        # id(node) -> (node, its floats at two points, or None): algebra.defined's test of parts
        # that may be constants evaluates the parts of one expression, which share their nodes
        self.probe_values: dict[int, tuple[Expr, tuple[float, float] | None]] = {}
        self.record = record
        self.natural_log = natural_log  # ln(u) and log(u) are one function, written this way
        self.exponential = exponential  # exp(u) and e^u are one power, written e^u or (with "exp") exp(u)
        self.examples: dict[str, tuple[Expr, Expr]] = {}
        # Each node whose own laws changed what a reader sees: node -> (the laws, what it became).
        self.records: dict[Expr, tuple[frozenset[str], Expr]] = {}
        self._acted: set[str] = set()
        self.surd_taken = False  # a root's powers taken out or rationalized since _div last looked
        # id(sum) -> (the sum; in written order its terms' sort keys, whether each is negative,
        # each written without its sign): see _grown_sum
        self._sum_keys: dict[int, tuple[Normal, list[tuple[object, ...]], list[bool], list[Expr]]] = {}

    @property
    def spelling(self) -> dict[str, str]:
        """The keyword arguments that make a simplifier spelling ln and exp as this one does."""
        return {"natural_log": self.natural_log, "exponential": self.exponential}

    # --- public -----------------------------------------------------------------------------
    def simplify(self, expr: Expr) -> Expr:
        """The answer: ``tidy``, with exponential factors common to all terms written in front."""
        return self.answer(self.normal_form(expr))

    def answer(self, normal: Normal) -> Expr:
        """``simplify`` of the expression whose normal form this is."""
        return self._present_answer(normal)

    def tidy(self, expr: Expr) -> Expr:
        """The normal form written out, as intermediate results are (see ``_present_answer``)."""
        normal = self.normal_form(expr)
        shown = self.present(normal)
        self._normal.setdefault(id(shown), (shown, normal))  # tidying it again is a lookup
        return shown

    def normal_form(self, root: Expr) -> Normal:
        outer_acted = self._acted  # normal_form re-enters itself; each node records its own actions
        normal = fold(root, self._build, self._normal, self._equal)
        self._acted = outer_acted
        return normal

    def _build(self, node: Expr, children: list[Normal]) -> Normal:
        if self.record:
            self._acted = set()
        normal = _BUILDERS[type(node)](self, node, children)
        if self.record and self._acted:
            self._remember(node, normal)
        return normal

    # --- recording ----------------------------------------------------------------------------
    def _act(self, action: str) -> None:
        if self.record:
            self._acted.add(action)

    def _remember(self, node: Expr, normal: Normal) -> None:
        acted = set(self._acted)
        shown = self.present(normal)
        if shown == node:
            return  # nothing a reader could see changed here
        self.records.setdefault(node, (frozenset(acted), shown))
        for action in sorted(acted):
            if action not in self.examples:
                self.examples[action] = (node, shown)

    # --- sums -----------------------------------------------------------------------------------
    def add(self, parts: list[Normal]) -> Normal:
        if len(parts) == 2 and not self.record:  # u' + 0, as most rules' sums are: no merging
            first, second = parts
            if not first:
                return second
            if not second:
                return first
            if UNDEFINED_MONOMIAL in first or UNDEFINED_MONOMIAL in second:
                return undefined()
            parts = parts if len(first) >= len(second) else [second, first]  # the longer first, as sorted
        else:
            if any(UNDEFINED_MONOMIAL in part for part in parts):
                return undefined()
            parts = sorted(parts, key=len, reverse=True)
        record = self.record
        if not record:
            # Most sums meet no like terms (a Product Rule's terms, a gradient's parts): then the
            # merge is the parts one after another, which dict.update makes from the hashes the
            # parts already hold. A monomial's hash is otherwise made anew at each lookup, one
            # Python call per factor: 160 terms of 160 factors hashed twice each for B1.
            joined: Normal = {}
            for part in parts:
                joined.update(part)
            if len(joined) == sum(map(len, parts)):
                return joined
        total: Normal = dict(parts[0])
        known = total.get
        running = False  # whether some coefficient is held as a running sum [numerator, denominator]
        for part in parts[1:]:
            for monomial, coefficient in part.items():
                old = known(monomial)  # one lookup: a coefficient is never None
                if old is None:
                    total[monomial] = coefficient
                    continue
                if record:
                    self._act("fold" if monomial == CONSTANT else "collect")
                if type(old) is int and type(coefficient) is int:
                    merged = old + coefficient
                    if merged:
                        total[monomial] = merged
                    else:
                        del total[monomial]
                    continue
                # Fractions are summed as integers over a common denominator, reduced once at
                # the end: a Fraction sum costs a gcd and a new object each time (least squares
                # adds 1,000 data-fraction coefficients into each of three terms).
                if type(old) is list:
                    numerator, denominator = old
                else:
                    numerator, denominator = old.numerator, old.denominator  # type: ignore[union-attr]
                    old = None
                top, bottom = coefficient.numerator, coefficient.denominator
                if denominator % bottom == 0:
                    numerator += top * (denominator // bottom)
                else:
                    common = denominator // math.gcd(denominator, bottom) * bottom
                    numerator = numerator * (common // denominator) + top * (common // bottom)
                    denominator = common
                if not numerator:
                    del total[monomial]  # as a value it is 0: the term goes (and comes back last)
                elif old is None:
                    total[monomial] = [numerator, denominator]  # type: ignore[assignment]
                    running = True
                else:
                    old[0], old[1] = numerator, denominator
        if running:
            for monomial, value in total.items():
                if type(value) is list:
                    total[monomial] = whole(Fraction(value[0], value[1]))  # a value of a key there: no resize
        if record and any(not part for part in parts):
            self._act("identity")
        return total

    def scale(self, normal: Normal, factor: Fraction) -> Normal:
        if UNDEFINED_MONOMIAL in normal:
            return normal
        if not factor:
            if normal:
                self._act("zero")
            return {}
        if factor == 1:
            return normal
        if self.record:
            if len(normal) > 1:
                self._act("distribute")
            if CONSTANT in normal:
                self._act("fold")
        if type(factor) is int and factor == -1:  # u - v, -u: a negation, no gcd for a Fraction
            return {monomial: -coefficient for monomial, coefficient in normal.items()}
        if type(factor) is int:
            scaled = {monomial: coefficient * factor for monomial, coefficient in normal.items()}
        else:
            scaled = {monomial: whole(coefficient * factor) for monomial, coefficient in normal.items()}
        if len(normal) > 1 and factor > 0:
            self._scaled[id(scaled)] = (scaled, normal, factor)  # see _scaled_primitive
        return scaled

    # --- products ---------------------------------------------------------------------------
    def multiply(self, factors: list[Normal]) -> Normal:
        """The product of normal forms, in one pass over all their factors."""
        if len(factors) == 2:  # most products: the same test without a generator
            if UNDEFINED_MONOMIAL in factors[0] or UNDEFINED_MONOMIAL in factors[1]:
                return undefined()
        elif any(UNDEFINED_MONOMIAL in factor for factor in factors):
            return undefined()
        if len(factors) == 2 and not self.record:
            # A number times a normal form (c*u', a chain rule's 2*u): each coefficient scaled,
            # what merging would give, since a normal form's terms are already merged and sorted.
            first, second = factors
            if len(first) == 1 and CONSTANT in first:
                return self.scale(second, first[CONSTANT])
            if len(second) == 1 and CONSTANT in second:
                return self.scale(first, second[CONSTANT])
        if len(factors) == 2 and len(factors[0]) == 1 and len(factors[1]) == 1:
            product = self.long_times_short(factors[0], factors[1])  # a chain rule's level
            if product is not None:
                return product
        coefficient = ONE
        merged: dict[Expr, Exponent] = {}
        sums: list[Normal] = []
        for factor in factors:
            if not factor:
                self._act("zero")
                return {}
            if len(factor) > 1:
                sums.append(factor)
                continue
            ((monomial, value),) = factor.items()
            if value != 1:
                if coefficient != 1:
                    self._act("fold")
                coefficient *= value
            elif not monomial:
                self._act("identity")  # a factor 1
            self._merge_into(merged, monomial)
        if len(sums) == 1 and _distributes(merged):
            extra, monomial = self._fold_numeric_factors(merged)
            return self._distribute(coefficient * extra, monomial, sums[0])
        if sums:
            for total in sums:
                content, shared, primitive = self._primitive(total)
                if content != 1 or shared:
                    self._act("factor_out")
                coefficient *= content
                self._merge_into(merged, shared)
                if len(primitive) > 1:
                    self._merge_into(merged, ((self.present(primitive), 1),))
                else:  # the shared factors were the whole difference: x^2 + x^2*y = x^2*(1 + y)
                    ((rest, value),) = primitive.items()
                    coefficient *= value
                    self._merge_into(merged, rest)
        extra, monomial = self._fold_numeric_factors(merged)
        return self.term(coefficient * extra, monomial)

    def _primitive(self, total: Normal) -> tuple[Fraction, Monomial, Normal]:
        """Memoised per normal-form object: the same sum, met again as a factor (the loss in
        each partial derivative of a gradient), gives the same primitive object, whose
        presentation is then memoised too."""
        cached = self._primitives.get(id(total))
        if cached is None:
            scaled = self._scaled.get(id(total))
            split = self._split_primitive(total) if scaled is None else self._scaled_primitive(*scaled)
            cached = self._primitives[id(total)] = (total, split)
        return cached[1]

    def _scaled_primitive(self, total: Normal, source: Normal, factor: Fraction) -> tuple[Fraction, Monomial, Normal]:
        """``_split_primitive(total)`` for ``total`` = c*``source`` with c > 0: the content is c
        times the source's (the content of a list of rationals scales with them), the shared
        factors and the primitive rest are the source's own, the same object, so that its
        presentation is made once: each weight's f'(u)*c of a gradient is one such sum."""
        content, shared, primitive = self._primitive(source)
        if primitive is source and not all(type(c) is int or c.denominator != 1 for c in source.values()):
            return self._split_primitive(total)  # its rest would be written with whole coefficients
        content = whole(content * factor)
        if content == 1 and not shared:
            return ONE, (), total
        return content, shared, primitive

    def _split_primitive(self, total: Normal) -> tuple[Fraction, Monomial, Normal]:
        """A sum as its content, the factors all its terms share, and the primitive rest:
        2*ln(x)/x + 2/x = 2 * x^-1 * (ln(x) + 1).

        A sum that is a factor is kept primitive so that equal factors meet: without this,
        2*ln(x) + 2 and ln(x) + 1, or ln(x)/x + 1/x, would be different factors and like
        terms would not collect. Only powers with numeric exponents of one sign are shared out.
        """
        numerators = [coefficient.numerator for coefficient in total.values()]
        denominators = [coefficient.denominator for coefficient in total.values()]
        content = ratio(math.gcd(*numerators), math.lcm(*denominators))
        if all(coefficient < 0 for coefficient in total.values()):
            content = -content  # -x - 1 = -(x + 1); 1 - x keeps its form
        shared: dict[Expr, Fraction] = {}
        # Only a negative power of the first term can be shared (a common denominator): without
        # one, as in most sums, the other terms' powers need not be read.
        if any(isinstance(e, NUMERIC) and e < 0 for _, e in next(iter(total))):
            numeric = [{b: e for b, e in m if isinstance(e, NUMERIC)} for m in total]
            for base, exponent in numeric[0].items():
                powers = [factors.get(base) for factors in numeric]
                if all(p is not None and p * exponent > 0 for p in powers):
                    least = min(powers, key=abs)  # type: ignore[arg-type]
                    if (type(base) is Number or self._multiplied_out_when_whole(base)) and any(
                            p != least and (p - least).denominator == 1 for p in powers):  # type: ignore[operator]
                        # (x*y)^(-3/2) over (x*y)^(-1/2) leaves (x*y)^-1, which reads back as
                        # x^-1*y^-1, and 2^(-3/2) over 2^(-1/2) leaves 2^-1, which reads back as
                        # the number 1/2 (_fold_numeric_factors): the sum would not read back as itself.
                        continue
                    shared[base] = least  # type: ignore[assignment]
            shared = {base: exponent for base, exponent in shared.items() if exponent < 0}  # common denominators
        symbolic: set[tuple[Expr, Exponent]] = set()
        if content == 1 and not shared and not symbolic:
            return ONE, (), total
        rest: Normal = {}
        for monomial, coefficient in total.items():
            reduced = []
            for base, exponent in monomial:
                if (base, exponent) in symbolic:
                    continue
                if isinstance(exponent, NUMERIC) and base in shared:
                    exponent = whole(exponent - shared[base])
                    if not exponent:
                        continue
                reduced.append((base, exponent))
            rest[tuple(reduced)] = ratio(coefficient, content)
        factors: dict[FactorKey, Exponent] = {(base, False): exponent for base, exponent in shared.items()}
        factors.update(((base, True), exponent) for base, exponent in symbolic)
        return content, self._sorted(factors), rest

    def _merge_into(self, factors: dict[FactorKey, Exponent], monomial: Monomial) -> None:
        for base, exponent in monomial:
            symbolic = not isinstance(exponent, NUMERIC)
            key = (base, symbolic)
            old = factors.get(key)
            if old is None:
                factors[key] = exponent
                continue
            self._act("cancel" if _sign(old) * _sign(exponent) < 0 else "powers")
            total = self.add_exponents(old, exponent)
            if isinstance(total, NUMERIC):
                del factors[key]
                if total:  # x^(y + 1)*x^(-y) = x: the power joins the numeric one
                    self._merge_into(factors, ((base, total),))
            else:
                factors[key] = total

    def add_exponents(self, a: Exponent, b: Exponent) -> Exponent:
        if isinstance(a, NUMERIC) and isinstance(b, NUMERIC):
            return whole(a + b)
        first, second = self._exponent_normal(a), self._exponent_normal(b)
        if len(second) > len(first):
            first, second, a = second, first, b
        grown = self._grown_sum(a, first, second)
        if grown is not None:
            return grown
        return self._exponent(self.add([first, second]))

    def _grown_sum(self, shown: Exponent, total: Normal, new: Normal) -> Expr | None:
        """``self._exponent(self.add([total, new]))`` when ``shown`` is the presented sum
        ``total`` and ``new`` adds one or two positive terms it lacks: the new terms are written
        and put in at their places among the terms already written, where presenting the sum
        again writes all its terms anew. Down a tower e^e^...^x each level's e^u*e^(S) makes S
        one term longer: without this, 1,000 levels cost half a million terms presented
        (seconds); else None."""
        if type(shown) not in (Add, Sub) or len(total) < 2 or not 0 < len(new) <= 2:
            return None
        if any(monomial in total or coefficient < 0 or any(base == ZERO for base, _ in monomial)
               for monomial, coefficient in new.items()):
            return None  # like terms meet, a minus sign is written, or 1/0 has its own form
        known = self._sum_keys.get(id(total))
        if known is None:
            presented = self._shown.get(id(total))
            if presented is None or presented[1] is not shown:
                return None
            ordered = sorted(total.items(), key=self.term_key)
            if ordered[0][1] < 0:
                return None  # written with its first positive term moved to the front
            known = self._sum_keys[id(total)] = (
                total, [self.term_key(item) for item in ordered], [c < 0 for _, c in ordered],
                [self._term(abs(c), monomial) for monomial, c in ordered])
        keys, negative, magnitudes = list(known[1]), list(known[2]), list(known[3])
        grown = dict(total)  # as add() makes it: the longer sum first, then the new terms in order
        for monomial, coefficient in new.items():
            grown[monomial] = coefficient
            key = self.term_key((monomial, coefficient))
            place = bisect_right(keys, key)  # after equal keys: presentation's sort is stable
            keys.insert(place, key)
            negative.insert(place, False)
            magnitudes.insert(place, self._term(coefficient, monomial))
        tree = written_sum(magnitudes, negative)
        self._sum_keys[id(grown)] = (grown, keys, negative, magnitudes)
        self._shown[id(grown)] = (grown, tree)
        self._normal.setdefault(id(tree), (tree, grown))
        return tree

    def _exponent_normal(self, exponent: Exponent) -> Normal:
        if isinstance(exponent, NUMERIC):
            return {CONSTANT: exponent} if exponent else {}
        return self.normal_form(exponent)

    def _exponent(self, normal: Normal) -> Exponent:
        if not normal:
            return 0
        if len(normal) == 1 and CONSTANT in normal:
            return whole(normal[CONSTANT])
        shown = self.present(normal)
        # Its normal form is this one: the next merge of the same power (e^u*e^v*..., a chain
        # rule down a tower) reads it back by a lookup, not by folding the whole sum again.
        self._normal.setdefault(id(shown), (shown, normal))
        return shown

    def _fold_numeric_factors(self, factors: dict[FactorKey, Exponent]) -> tuple[Fraction, Monomial]:
        """Fold numeric bases with whole exponents (2^(1/2)*2^(1/2) = 2) into the coefficient,
        and multiply out other bases kept whole under a root once their power is whole."""
        coefficient = ONE
        kept = self._kept_bases
        if not any(type(base) in _FOLDED_BASES for base, _ in factors) and not (
            kept and any(base in kept for base, _ in factors)
        ):
            return coefficient, self._sorted(factors)  # the usual product: nothing to fold
        for key in [key for key in factors if self._multiplied_out_when_whole(key[0])]:
            # A base kept whole under a root, (-x)^(1/2) or (x*y)^(1/2), whose power has become
            # whole is multiplied out: (-x)^(1/2)*(-x)^(1/2) = -x, as reading it back would. A
            # sum so kept is written as that sum to the power would be: sqrt(-2*x - 2)^4 is
            # 4*(x + 1)^2, as it reads back, not 4*(-x - 1)^2.
            exponent = factors.get(key)
            if isinstance(exponent, NUMERIC) and exponent.denominator == 1:
                power = self._numeric_power(self.normal_form(key[0]), exponent)
                if len(power) == 1:
                    ((monomial, value),) = power.items()
                    del factors[key]
                    coefficient *= value
                    self._merge_into(factors, monomial)
        pending = [key for key in factors if type(key[0]) is Number]
        while pending:
            key = pending.pop()
            exponent = factors.get(key)
            if not isinstance(exponent, NUMERIC):
                continue  # x^y, or a key already folded
            value = bounded_power(Fraction(key[0].value), exponent)  # type: ignore[attr-defined]
            if value is not None:  # 4^(-1/2) = 1/2
                coefficient *= value
                del factors[key]
                continue
            surd = surd_parts(key[0].value, exponent)  # type: ignore[attr-defined]
            if surd is None:
                continue  # 3^(1/2) stays
            self._act("surd")  # 8^(1/2) = 2*2^(1/2), 2^(3/2) = 2*2^(1/2): one form for one value
            self.surd_taken = True  # (recorded by a division, which pauses recording: see _div)
            out, base, rest = surd
            coefficient *= out
            del factors[key]
            if base != 1:
                kept = (Number(base), False)
                factors[kept] = whole(factors.get(kept, 0) + rest)  # sqrt(8)*sqrt(2) = 2*2^(1/2 + 1/2)
                pending.append(kept)
        return coefficient, self._sorted(factors)

    def _multiplied_out_when_whole(self, base: Expr) -> bool:
        """Whether a whole power of ``base`` is written multiplied out: a base kept whole only
        under a root, (-x)^(1/2), (x*y)^(1/2), sqrt(-2*x - 2), sqrt(exp(y))."""
        return type(base) in KEPT_UNDER_ROOTS or base in self._kept_bases

    def _sorted(self, factors: dict[FactorKey, Exponent]) -> Monomial:
        # Powers with symbolic exponents after the others and sums last, as textbooks write
        # x*e^x, 2*x*e^(x^2) and e^x*(cos(x) + sin(x)).
        order = self._factor_order
        if len(factors) == 1:  # most products are short: no sort, but the rank is known after
            ((key, exponent),) = factors.items()
            if key not in order:
                self._order_of(key)
            return ((key[0], exponent),)
        if len(factors) == 2:
            (a, a_exponent), (b, b_exponent) = factors.items()
            a_rank, b_rank = order.get(a) or self._order_of(a), order.get(b) or self._order_of(b)
            if b_rank < a_rank:  # a stable sort keeps equal ranks in their order
                return ((b[0], b_exponent), (a[0], a_exponent))
            return ((a[0], a_exponent), (b[0], b_exponent))
        ordered = sorted(factors.items(), key=lambda item: order.get(item[0]) or self._order_of(item[0]))
        return tuple((base, exponent) for (base, _), exponent in ordered)

    def _order_of(self, factor: FactorKey) -> tuple[object, ...]:
        base, symbolic = factor
        # The flag again at the end: x^x and x^-1 of one sum base must sort the same in every term.
        key = self._factor_order[factor] = (2 if is_sum(base) else symbolic, *self._key(base), symbolic)
        return key

    def term(self, coefficient: Fraction, monomial: Monomial) -> Normal:
        if not coefficient:
            return {}
        # A single sum to the first power among the factors is distributed, never kept
        # (it can appear when (u + v)^2/(u + v) cancels).
        sums = [i for i, (base, exponent) in enumerate(monomial) if exponent == 1 and type(base) in _SUMS]
        if len(sums) == 1:
            i = sums[0]
            rest = monomial[:i] + monomial[i + 1:]
            if _distributes({(base, not isinstance(e, NUMERIC)): e for base, e in rest}):
                return self._distribute(coefficient, rest, self.normal_form(monomial[i][0]))
        return {monomial: coefficient if type(coefficient) is int else whole(coefficient)}

    def _distribute(self, coefficient: Fraction, monomial: Monomial, total: Normal) -> Normal:
        if not coefficient:
            return {}
        if not monomial:
            return self.scale(total, coefficient)
        self._act("distribute")
        parts = []
        for term_monomial, term_coefficient in total.items():
            merged: dict[FactorKey, Exponent] = {}
            self._merge_into(merged, monomial)
            self._merge_into(merged, term_monomial)
            extra, product = self._fold_numeric_factors(merged)
            parts.append(self.term(coefficient * term_coefficient * extra, product))
        return self.add(parts)

    # --- powers -----------------------------------------------------------------------------
    def power(self, base: Normal, exponent: Normal) -> Normal:
        if UNDEFINED_MONOMIAL in base or UNDEFINED_MONOMIAL in exponent:
            return undefined()
        if not exponent:
            self._act("identity")
            return {CONSTANT: ONE}
        if len(exponent) == 1 and CONSTANT in exponent:
            return self._numeric_power(base, exponent[CONSTANT])
        if len(base) == 1 and CONSTANT in base and base[CONSTANT] == 1:
            self._act("identity")
            return {CONSTANT: ONE}
        split = _log_term(exponent) if base == _E else None
        if split is not None and self._nowhere_positive(split[1]):
            split = None  # e^(ln(-1)) has no value: it is not -1
        if split is not None:
            self._act("inverse")  # e^(c*ln(u) + a) = u^c*e^a, where ln(u) is defined
            coefficient, argument, rest = split
            factor = self._log_power((coefficient, argument))
            return self.multiply([factor, self.power(_E, rest)]) if rest else factor
        symbolic = self.present(exponent)
        if len(base) == 1:
            ((monomial, coefficient),) = base.items()
            if coefficient == 1 and len(monomial) == 1 and monomial[0][1] == 1:
                return {((monomial[0][0], symbolic),): ONE}  # x^y, e^x
            return {((self.present(base), symbolic),): ONE}
        # A sum to a symbolic power is written as it reads ((y + z + 1/3)^y). One with a content
        # or shared factors is kept whole (as under a root): once its power is whole, as in
        # (y + z + 1/3)^(y - 1)/(y + z + 1/3)^y, it is multiplied out as that sum to the power
        # reads back, 3/(3*y + 3*z + 1), one form for one value (it stayed 1/(y + z + 1/3)).
        if len(base) > 1:
            content, shared, _ = self._primitive(base)
            if content != 1 or shared:
                return {((self._kept_whole(base), symbolic),): ONE}
        return {((self.present(base), symbolic),): ONE}

    def _numeric_power(self, base: Normal, exponent: Fraction) -> Normal:
        exponent = whole(exponent)  # type: ignore[assignment]
        if exponent == 1:
            self._act("identity")
            return base
        if not base:
            if exponent > 0:
                self._act("zero")
                return {}
            return undefined()  # 0 to a negative power
        integral = exponent.denominator == 1
        if len(base) > 1:
            content, shared, primitive = self._primitive(base)
            if shared and not integral:  # (x^2 + x)^(1/2) is not x^(1/2)*(x + 1)^(1/2) for x < 0
                return {((self._kept_whole(base), exponent),): ONE}
            if content < 0 and not integral:
                # -x - 1 = -(x + 1), but sqrt(-x - 1) is not sqrt(-1)*sqrt(x + 1): only a positive
                # content comes out from under a root, and the sign stays inside.
                if content == -1:
                    return {((self._kept_whole(base), exponent),): ONE}
                content = -content
                primitive = {monomial: -coefficient for monomial, coefficient in primitive.items()}
                if len(primitive) > 1:
                    self._kept_whole(primitive)
            record = self.record
            if content == 1 and not shared:
                self.record = False  # (u + v)^n as it is: putting its parts together is no law shown
            try:
                parts = [self._number_power(content, exponent), self._numeric_power({shared: ONE}, exponent)]
                if len(primitive) > 1:
                    parts.append({((self.present(primitive), exponent),): ONE})
                else:
                    parts.append(self._numeric_power(primitive, exponent))
                return self.multiply(parts)
            finally:
                self.record = record
        ((monomial, coefficient),) = base.items()
        if not monomial:
            return self._number_power(coefficient, exponent)
        if integral:
            roots = [i for i, (factor, power) in enumerate(monomial) if type(factor) is Call and factor.name == "sqrt"
                     and isinstance(power, NUMERIC) and (power * exponent).denominator == 1]
            if roots:
                # sqrt(sqrt(f))^2 is sqrt(f) to the power 1: the factor f^(1/2), as "sqrt(f)" reads
                # back (kept as sqrt(f), it sorted after z in z*sqrt(f), and read back before it).
                rest = tuple(entry for i, entry in enumerate(monomial) if i not in roots)
                parts = [self._numeric_power({rest: coefficient}, exponent)]
                for i in roots:
                    factor, power = monomial[i]
                    root = self.call(factor, self.normal_form(factor.children[0]))  # type: ignore[arg-type]
                    parts.append(self._numeric_power(root, whole(power * exponent)))
                return self.multiply(parts)
            scaled = {
                (factor, not isinstance(power, NUMERIC)): _times(power, exponent, self) for factor, power in monomial
            }
            if any(isinstance(power, NUMERIC) and power != 1 for _, power in monomial):
                self._act("power_of_power")
            extra, folded = self._fold_numeric_factors(scaled)
            if coefficient == 1:
                return self.term(extra, folded)
            return self.multiply([self._number_power(coefficient, exponent), self.term(extra, folded)])
        if coefficient > 0 and len(monomial) == 1 and monomial[0][1] == 1:
            # (c*x)^q = c^q * x^q for c > 0; (x^2)^(1/2) is |x|, so other exponents stay inside.
            return self.multiply([self._number_power(coefficient, exponent), {((monomial[0][0], exponent),): ONE}])
        # Kept whole, as written in the question's spelling (sqrt(exp(y)) holds exp(y), not e^y):
        # once its power is whole it is multiplied out, as reading it back would.
        return {((self._kept_whole(base), exponent),): ONE}

    def _kept_whole(self, base: Normal) -> Expr:
        shown = self.present(base)
        self._kept_bases.add(shown)
        return shown

    def _number_power(self, value: Fraction, exponent: Fraction) -> Normal:
        if exponent == 1:
            return {CONSTANT: value}
        folded = bounded_power(value, exponent)
        if folded is not None:
            self._act("fold")
            return {CONSTANT: folded} if folded else {}
        if value > 0:
            # Kept as powers of whole numbers: 2^(1/2), 2^65536, (2/3)^(1/2) = 2^(1/2)*3^(-1/2).
            factors: dict[FactorKey, Exponent] = {}
            if value.numerator != 1:
                factors[(Number(value.numerator), False)] = whole(exponent)
            if value.denominator != 1:
                factors[(Number(value.denominator), False)] = whole(-exponent)
            extra, monomial = self._fold_numeric_factors(factors)  # (3/10^40)^2 = 9*10^-80
            return {monomial: extra}
        if exponent.denominator == 1:  # (-2)^65537 = -(2^65537)
            magnitude = self._number_power(-value, exponent)
            return self.scale(magnitude, -1 if exponent.numerator % 2 else 1)
        return {((number(value), exponent),): ONE}  # (-8)^(1/3): no real simplification

    # --- functions --------------------------------------------------------------------------
    def call(self, node: Call, argument: Normal) -> Normal:
        if UNDEFINED_MONOMIAL in argument:
            return undefined()
        name = node.name
        if name == "sqrt":
            return self.power(argument, {CONSTANT: HALF})
        constant = argument.get(CONSTANT) if len(argument) <= 1 else None
        value = 0 if not argument else constant
        if value is not None and len(argument) <= 1:
            special = special_value(name, value)
            if special is not None:
                self._act("special")
                return {CONSTANT: special} if special else {}
        if name == "cbrt" and value is not None:
            odd_root = self._odd_root_of_whole(value, 3, lambda rest: Call("cbrt", rest))
            if odd_root is not None:
                return odd_root
        if name in ("ln", "log") and name != self.natural_log:
            self._act("natural_log")
            name = self.natural_log
        if name in ("ln", "log") and len(argument) == 1:
            ((monomial, coefficient),) = argument.items()
            if coefficient == 1 and len(monomial) == 1 and monomial[0][0] == Constant("e"):
                self._act("inverse")  # ln(e^u) = u
                return self._exponent_normal(monomial[0][1])
            if coefficient == 1 and monomial and len(monomial) == 1 and monomial[0][1] == 1:
                inner = monomial[0][0]
                if type(inner) is Call and inner.name == "exp":
                    self._act("inverse")  # ln(exp(u)) = u
                    return self.normal_form(inner.argument)
        if name == "exp":
            split = _log_term(argument)
            if split is not None and self._nowhere_positive(split[1]):
                split = None  # exp(ln(-x^2 - 1)) has no value anywhere: it is not -x^2 - 1
            if split is not None:
                self._act("inverse")  # exp(c*ln(u) + a) = u^c*exp(a), where ln(u) is defined
                coefficient, inner, rest = split
                factor = self._log_power((coefficient, inner))
                if not rest:
                    return factor
                return self.multiply([factor, self.call(Call("exp", self.present(rest)), rest)])
            self._act("exponential")  # exp(u) = e^u: one power, so that e^x/exp(x) is 1
            return self.power(_E, argument)
        if name in _PARITY and argument and all(coefficient < 0 for coefficient in argument.values()):
            # sin(-u) = -sin(u), cos(-u) = cos(u): the argument every term of which is negative is
            # written without its minus, as a textbook does (d/dx cos(-x) is -sin(x), not sin(-x))
            self._act("parity")
            positive = self.scale(argument, -1)
            value = self.call(Call(name, self.present(positive)), positive)
            return self.scale(value, -1) if _PARITY[name] else value
        shown = self.present(argument)
        atom = node if shown is node.argument and name == node.name else Call(name, shown)
        return {((atom, 1),): ONE}

    def log(self, node: Log, argument: Normal, base: Normal) -> Normal:
        """log_b(u): exact where a textbook evaluates it (log_2(8) = 3, log_b(1) = 0, log_b(b) = 1),
        ln(u) for the base e; otherwise a factor of its own."""
        if UNDEFINED_MONOMIAL in argument or UNDEFINED_MONOMIAL in base:
            return undefined()
        value, base_value = _constant_of(argument), _constant_of(base)
        if base_value is not None:  # a number base: only the values exact_log finds (not log_1(1))
            exact = None if value is None else exact_log(value, base_value)
        elif is_power_of_zero(self.present(base)):  # 0^u is 0 or 1: log_b is defined nowhere
            exact = None
        else:  # log_b(b) = 1 and log_b(1) = 0 wherever log_b is defined
            exact = 1 if argument == base else 0 if value == 1 else None
        if exact is not None:
            self._act("special")
            return {CONSTANT: exact} if exact else {}
        shown = self.present(argument)
        if base == self.normal_form(Constant("e")):
            return self.call(Call("ln", shown), argument)
        shown_base = self.present(base)
        same = shown is node.argument and shown_base is node.base
        return {((node if same else Log(shown, shown_base), 1),): ONE}

    def root(self, node: Root, argument: Normal) -> Normal:
        """root(u, n): u^(1/n) for an even n (both are defined exactly where u >= 0), cbrt(u) for
        n = 3, an exact number where there is one (root(-32, 5) = -2); otherwise a factor."""
        if UNDEFINED_MONOMIAL in argument:
            return undefined()
        n = node.index
        if n % 2 == 0:
            return self.power(argument, {CONSTANT: Fraction(1, n)})
        value = _constant_of(argument)
        exact = None if value is None else real_root(value, n)
        if exact is not None:
            self._act("special")
            return {CONSTANT: exact} if exact else {}
        if value is not None and n != 3:
            odd_root = self._odd_root_of_whole(value, n, lambda rest: Root(rest, n))
            if odd_root is not None:
                return odd_root
        shown = self.present(argument)
        if n == 3:
            return self.call(Call("cbrt", shown), argument)
        return {((node if shown is node.argument else Root(shown, n), 1),): ONE}

    def _odd_root_of_whole(self, value: Fraction, n: int, root_of: Callable[[Expr], Expr]) -> Normal | None:
        """An odd real root of a whole number with its perfect powers taken out: cbrt(-16) =
        -2*cbrt(2), root(96, 5) = 2*root(3, 5); None when there are none."""
        if value.denominator != 1 or value == 0:
            return None
        out, rest = perfect_powers_out(abs(value.numerator), n)
        if out == 1:
            return None
        self._act("surd")
        signed = whole(Fraction(out if value > 0 else -out))
        if rest == 1:  # a whole power too large for real_root to try (10^999): cbrt(1) is 1
            return {CONSTANT: signed}
        return {((root_of(Number(rest)), 1),): signed}

    def _nowhere_positive(self, u: Expr) -> bool:
        """Whether u is <= 0 for every value of its variables, as 0, -2 or -x^2 - 1 are (each
        term negative, each power even), so that ln(u) is nowhere defined."""
        normal = self.normal_form(u)
        return all(
            coefficient < 0 and all(isinstance(e, NUMERIC) and e % 2 == 0 for _, e in monomial)
            for monomial, coefficient in normal.items()
        )

    def _log_power(self, logarithm: tuple[Fraction, Expr]) -> Normal:
        coefficient, argument = logarithm
        inner = self.normal_form(argument)
        return inner if coefficient == 1 else self.power(inner, {CONSTANT: coefficient})

    def undefined_call(self, node: UndefinedCall, argument: Normal) -> Normal:
        if UNDEFINED_MONOMIAL in argument:
            return undefined()
        shown = self.present(argument)
        atom = node if shown is node.argument else UndefinedCall(node.name, shown, node.order)
        return {((atom, 1),): ONE}

    # --- the answer -----------------------------------------------------------------------------
    def _present_answer(self, normal: Normal) -> Expr:
        """The whole answer: as ``present``, but a power with a symbolic exponent that every term
        has is written once in front, e^x*(sin(x) + cos(x)), as a textbook does.

        Only the final answer is shown so: intermediate results stay sums of terms, because the
        next derivative of e^x*(A) would make the sum A a factor, and like terms inside it could
        no longer meet those outside. The factored answer is built as one normal-form term, so
        reading it back gives the same answer (simplify stays idempotent).
        """
        common = common_exponentials(normal)
        if not common:
            return self.present(normal)
        # Each term without the common factor goes through term(), which multiplies out a sum
        # left alone: e^x*(x + 1) - e^x is e^x*x, not e^x*((x + 1) - 1).
        rest = self.add([self.term(c, tuple(f for f in monomial if f not in common)) for monomial, c in normal.items()])
        return self.present(self.multiply([{tuple(common): ONE}, rest]))


class NormalAlgebra(Algebra[Normal]):
    """The normal form of each operation, made directly: the normal form of a tree is built by
    the same calls (the builders below), so a derivative made over this algebra equals the
    normal form of the tree the rule would build over ``TREES``. The engine holds it; the
    simplifier does not, so the two make no reference cycle that only the collector frees."""

    def __init__(self, simplifier: Simplifier) -> None:
        self._s = simplifier

    def of(self, expr: Expr) -> Normal:
        s = self._s
        known = s._normal.get(id(expr))
        if known is not None:  # most: a rule's constant factor met by every variable of a gradient
            return known[1]
        if type(expr) is Number:
            # A rule's 2, n - 1, a constant factor: what fold does for a leaf, without its set-up.
            # The memos are kept as fold keeps them, so equal numbers share one normal form
            # (later memos go by its id).
            normal = s._equal.get(expr)
            if normal is None:
                normal = s._equal[expr] = _number(s, expr, _NO_CHILDREN)
            s._normal[id(expr)] = (expr, normal)
            return normal
        return s.normal_form(expr)

    def add(self, *terms: Normal) -> Normal:
        if len(terms) > 2 and not self._s.record:
            # A sum rule's parts are mostly 0 (each term of a large sum but one is constant in x):
            # what the merge would give, without copying the one that is not.
            nonzero = [term for term in terms if term]
            if len(nonzero) <= 1:
                return nonzero[0] if nonzero else {}
            return self._s.add(nonzero)
        return self._s.add(list(terms))

    def sub(self, a: Normal, b: Normal) -> Normal:
        return self._s.add([a, self._s.scale(b, -1)])

    def neg(self, a: Normal) -> Normal:
        return self._s.scale(a, -1)

    def mul(self, *factors: Normal) -> Normal:
        return self._s.multiply(list(factors))

    def div(self, a: Normal, b: Normal) -> Normal:
        return self._s.multiply([a, self._s.power(b, {CONSTANT: -1})])

    def pow(self, a: Normal, b: Normal) -> Normal:
        return self._s.power(a, b)

    def is_zero(self, a: Normal) -> bool:
        return not a

    def call(self, name: str, argument: Expr) -> Normal:
        # What normal_form(Call(name, argument)) makes from the argument's known normal form,
        # without a walk: the chain rule's cos(u) for sin(u), made once per call of the input.
        return self._s.call(Call(name, argument), self.of(argument))

    def outer(
        self, node: Expr, rule: str, build: Callable[[], Expr], make: Callable[[], Normal] | None = None
    ) -> Normal:
        # Kept by the simplifier, which every variable's engine of one call shares, by value:
        # equal nodes (the many x^2 of a large input) have equal f'(u), made once.
        made = self._s.outer_derivatives.get((node, rule))
        if made is None:
            made = self._s.normal_form(build()) if make is None or self._s.record else make()
            self._s.outer_derivatives[(node, rule)] = made
        return made

    def product_rule(self, factors: list[Normal], derivatives: list[Normal]) -> Normal:
        return self._s.product_rule(factors, derivatives)


# --- building the normal form, one function per node kind ---------------------------------------


_NO_CHILDREN: list[Normal] = []


def _number(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    value = node.value if type(node.value) is int else whole(Fraction(node.value))  # type: ignore[attr-defined]
    return {CONSTANT: value} if value else {}


def _atom(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    return {((node, 1),): ONE}


def _add(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    if s.record:  # what a reader sees done; looked for only when it is recorded
        if any(type(child) is Add for child in node.children):
            s._act("regroup")
        if any(_leads_with_minus(child) for child in node.children[1:]):
            s._act("negation")  # u + (-v) is written u - v
    return s.add(kids)


def _sub(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    if s.record and type(node.children[1]) is Neg:
        s._act("negation")
    return s.add([kids[0], s.scale(kids[1], -1)])


def _neg(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    if s.record and type(node.children[0]) is Neg:
        s._act("negation")
    return s.scale(kids[0], -1)


def _mul(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    if s.record:
        if any(type(child) is Mul for child in node.children):
            s._act("regroup")
        if any(_leads_with_minus(child) for child in node.children[1:]):
            s._act("negation")  # u*(-v) is written -u*v
    return s.multiply(kids)


def _div(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    if not s.record and len(kids[0]) == 1 and len(kids[1]) == 1:
        a, b = kids[0].get(CONSTANT), kids[1].get(CONSTANT)
        if type(a) is int and type(b) is int and (b > 1 or b < -1):
            # 587/100, as data is written: the Fraction that 100^-1 times 587 below makes, at once.
            return {CONSTANT: Fraction(a, b)}
    # u/v is u*v^(-1) inside; that v^(-1) is no law a reader sees done, so it is not recorded.
    record, s.record = s.record, False
    s.surd_taken = False
    try:
        reciprocal = s.power(kids[1], {CONSTANT: -1})
    finally:
        s.record = record
    if s.surd_taken:  # 1/sqrt(2) = sqrt(2)/2: a root rationalized is a law a reader sees done
        s._act("surd")
    if kids[0] == _ONE:  # 1/u: the 1 is how a reciprocal is written, not a factor to drop
        return reciprocal
    return s.multiply([kids[0], reciprocal])


def _pow(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    return s.power(kids[0], kids[1])


def _infinity(s: Simplifier, node: Expr, kids: list[Normal]) -> Normal:
    # oo - oo and 0*oo have no value: treated as an atom, oo would cancel like x - x = 0.
    raise AlgebraError(
        "oo (infinity) is not a number, so there is no arithmetic with it (oo - oo and 0*oo have no value); "
        "it is a limit's point or value: symdiff.limit works with it"
    )


_BUILDERS: dict[type[Expr], Callable[[Simplifier, Expr, list[Normal]], Normal]] = {
    Number: _number,
    Symbol: _atom,
    Constant: _atom,
    Add: _add,
    Sub: _sub,
    Mul: _mul,
    Div: _div,
    Neg: _neg,
    Pow: _pow,
    Call: lambda s, node, kids: s.call(node, kids[0]),  # type: ignore[arg-type]
    UndefinedCall: lambda s, node, kids: s.undefined_call(node, kids[0]),  # type: ignore[arg-type]
    Log: lambda s, node, kids: s.log(node, kids[0], kids[1]),  # type: ignore[arg-type]
    Root: lambda s, node, kids: s.root(node, kids[0]),  # type: ignore[arg-type]
    Infinity: _infinity,
}


# --- helpers ------------------------------------------------------------------------------------


_E_CONSTANT = Constant("e")
_E: Normal = {((_E_CONSTANT, 1),): ONE}
_SUMS = (Add, Sub)  # is_sum, inline
_FOLDED_BASES = (*KEPT_UNDER_ROOTS, Number)  # the bases _fold_numeric_factors may fold
_ONE: Normal = {CONSTANT: ONE}


def _log_term(normal: Normal) -> tuple[Fraction, Expr, Normal] | None:
    """``(c, u, rest)`` when ``normal`` is c*ln(u) + rest (the first such term), else None."""
    for monomial, coefficient in normal.items():
        if len(monomial) == 1 and monomial[0][1] == 1:
            factor = monomial[0][0]
            if type(factor) is Call and factor.name in ("ln", "log"):
                rest = {m: c for m, c in normal.items() if m is not monomial}
                return coefficient, factor.argument, rest
    return None


def _distributes(factors: dict[FactorKey, Exponent]) -> bool:
    """Whether a sum multiplied by these factors is distributed over them.

    A number always is (2*(x + 1) = 2*x + 2). So is a plain denominator, (u - v)/x^2 =
    u/x^2 - v/x^2, because like terms then meet: repeated derivatives of x^x or sin(x)/x stay
    small. Anything else keeps the textbook's factored form: sigmoid(x)*(1 - sigmoid(x)),
    4*x*(1 - x), (1 - x^2)/(x^2 + 1)^2.
    """
    return all(
        isinstance(exponent, NUMERIC) and exponent < 0 and not is_sum(base) for (base, _), exponent in factors.items()
    )


def _constant_of(normal: Normal) -> Fraction | None:
    """The number a normal form is, or None if it is not a number."""
    if not normal:
        return 0
    return normal.get(CONSTANT) if len(normal) == 1 else None


def _leads_with_minus(expr: Expr) -> bool:
    while type(expr) in (Mul, Div):
        expr = expr.children[0]
    return type(expr) is Neg


def _sign(exponent: Exponent) -> int:
    if isinstance(exponent, NUMERIC):
        return (exponent > 0) - (exponent < 0)
    return 1 if type(exponent) is not Neg else -1


def _times(power: Exponent, factor: Fraction, s: Simplifier) -> Exponent:
    if isinstance(power, NUMERIC):
        return whole(power * factor)
    return s._exponent(s.scale(s.normal_form(power), factor))


def is_power_of_zero(expr: Expr) -> bool:
    """Whether ``expr`` is 0^u: 0 where u > 0, 1 where u = 0, no value elsewhere (never a logarithm's base)."""
    base = expr.children[0] if type(expr) is Pow else None
    return type(base) is Number and base.value == 0  # type: ignore[attr-defined]
