"""``expand``: products and whole powers of sums multiplied out.

The value of an expression is kept as ``{denominator: numerator}``: each denominator a
primitive poly free of monomial factors (1 for the polynomial part), each numerator a
Laurent poly (generators may have negative exponents, so ``(x + 1)/x^2`` is
``1/x + 1/x^2``: a plain monomial denominator is divided into the terms, as the simplifier
does). A quotient by a sum stays one fraction with numerator and denominator multiplied out:
``expand("(x + 1)^2/(x - 1)")`` is ``(x^2 + 2*x + 1)/(x - 1)``. Nothing is cancelled but
equal denominators, and nothing is put over a common denominator (that is ``together``).

Bounded: a product or power that could pass ``MAX_TERMS`` terms, or a power of a sum past
degree ``MAX_DEGREE``, raises ``AlgebraError`` before any multiplication is done.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.collector import collector_paused
from ..core.expr import Add, Div, Expr, Number, Sub
from ..syntax.parser import to_expr
from .exact import Rational
from .generators import Generators
from .polynomial import AlgebraError, Poly, check_number_power
from .polywalk import walk
from .presentation import _negate_leading
from .settle import settled
from .writer import Writer, factor_key

__all__ = ["ExpandAlgebra", "expand"]

Expanded = dict[Poly, Poly]  # denominator -> numerator


class ExpandAlgebra:
    """Sums of (Laurent numerator)/(denominator) in ``nvars`` generators."""

    def __init__(self, nvars: int, gens: Generators | None = None) -> None:
        self.nvars = nvars
        self.one = Poly.constant(1, nvars)
        self.gens = gens if gens is not None and gens.relations else None

    def const(self, value: Rational) -> Expanded:
        return {self.one: Poly.constant(value, self.nvars)} if value else {}

    def atom(self, coefficient: Rational, exponents: tuple[int, ...]) -> Expanded:
        return {self.one: Poly.monomial(exponents, coefficient)} if coefficient else {}

    def neg(self, a: Expanded) -> Expanded:
        return {d: -n for d, n in a.items()}

    def add(self, terms: list[Expanded]) -> Expanded:
        total: Expanded = {}
        for term in terms:
            for d, n in term.items():
                old = total.get(d)
                merged = n if old is None else old + n
                if merged:
                    total[d] = merged
                else:
                    total.pop(d, None)
        return total

    def mul(self, factors: list[Expanded]) -> Expanded:
        result: Expanded = {self.one: self.one}
        for factor in factors:
            result = self._times(result, factor)
            if not result:
                return result
        return result

    def _times(self, a: Expanded, b: Expanded) -> Expanded:
        parts = []
        for da, na in a.items():
            for db, nb in b.items():
                parts.append({da * db: na * nb})
        return self._reduced(self.add(parts))

    def _reduced(self, value: Expanded) -> Expanded:
        """Powers of roots of numbers reduced, (sqrt(2))^2 = 2, and denominators made primitive again."""
        gens = self.gens
        if gens is None:
            return value
        parts = []
        for d, n in value.items():
            d = gens.reduce(d)
            c, primitive = d.primitive()
            low = primitive.monomial_content()
            key = primitive.shift(tuple(-e for e in low))
            numerator = gens.reduce(n.shift(tuple(-e for e in low), 1 / Fraction(c)))
            parts.append({self.one if key.is_constant() else key: numerator})
        return self.add(parts)

    def pow(self, a: Expanded, n: int) -> Expanded:
        if n < 0:
            a, n = self.inverse(a), -n
        if n == 0:
            return {self.one: self.one}
        if len(a) == 1:
            ((d, num),) = a.items()
            if len(num) == 1:
                ((_, c),) = num.terms.items()
                check_number_power(c, n)
            return self._reduced({d**n: num**n})
        result: Expanded | None = None
        square = a
        while True:
            if n & 1:
                result = square if result is None else self._times(result, square)
            n >>= 1
            if not n:
                return result  # type: ignore[return-value]
            square = self._times(square, square)

    def div(self, a: Expanded, b: Expanded) -> Expanded:
        return self.mul([a, self.inverse(b)])

    def inverse(self, a: Expanded) -> Expanded:
        """1/a: a is put over one denominator D as N/D, and 1/a = D/N."""
        if not a:
            raise AlgebraError("division by zero")
        denominator = self.one
        for d in a:
            denominator = denominator * d
        numerator = Poly({}, self.nvars)
        for d, n in a.items():
            rest = denominator.exact_quotient(d)
            numerator = numerator + n * rest  # type: ignore[operator]
        if not numerator:
            raise AlgebraError("division by zero")
        c, primitive = numerator.primitive()
        low = primitive.monomial_content()
        key = primitive.shift(tuple(-e for e in low))
        scale = Poly.monomial(tuple(-e for e in low), 1 / Fraction(c))
        if key.is_constant():
            key = self.one
        return {key: denominator * scale}


class ExpansionWriter(Writer):
    def expanded(self, value: Expanded) -> Expr:
        polynomial = value.get(self.gens_one())
        result: Expr | None = self.expr(polynomial) if polynomial is not None else None
        for d in sorted((d for d in value if not d.is_constant()), key=factor_key):
            numerator = value[d]
            low = numerator.monomial_content()
            clear = tuple(-min(e, 0) for e in low)  # 1/x in a numerator goes to the denominator
            numerator, d = numerator.shift(clear), d.shift(clear)
            c = Fraction(numerator.content())
            negative = c < 0
            scale = abs(c.denominator)
            top = self.expr(numerator.scale(-scale if negative else scale))
            part: Expr = Div(top, self.expr(d.scale(scale)))
            if result is None:
                result = _negate_leading(part) if negative else part
            elif negative:
                result = Sub(result, part)
            else:
                result = Add(*result.children, part) if type(result) is Add else Add(result, part)
        return result if result is not None else Number(0)

    def gens_one(self) -> Poly:
        return Poly.constant(1, len(self.gens.order))


@settled
@collector_paused
def expand(expr: Expr | str | float) -> Expr:
    """``expr`` with products and whole powers of sums multiplied out:
    ``expand("(x + 1)^2")`` is ``x^2 + 2*x + 1``, ``expand("(sin(x) + 1)^2")`` is
    ``sin(x)^2 + 2*sin(x) + 1``. A quotient by a sum keeps one fraction, numerator and
    denominator expanded. Raises ``AlgebraError`` if the result would be too large.
    """
    tree = to_expr(expr)
    gens = Generators()
    gens.scan(tree)
    algebra = ExpandAlgebra(gens.number(), gens)
    return ExpansionWriter(gens).expanded(walk(tree, gens, algebra))
