"""Repeated derivatives that come back to a multiple of an earlier one.

The fourth derivative of e^x*sin(x) is -4*e^x*sin(x); of sin(2*x), 16*sin(2*x); every
derivative of e^(3*x) is 3 times the one before. Where differentiating term by term is linear
(the derivative of c*f is c times the derivative of f, term for term, in the same order:
``TermwiseDerivative.scales_linearly``) for every derivative from the m-th to the n-th, and
the n-th is c times the m-th, every later one is c times the one p = n - m orders before it
(by induction: each is c times one of those). So the 100th is c^q times one already found,
without working out the orders between, and it is exactly the normal form those orders give.
"""

from __future__ import annotations

from fractions import Fraction

from ..algebra.exact import whole
from ..algebra.normal import UNDEFINED_MONOMIAL, Normal

__all__ = ["DerivativeCycle"]


class DerivativeCycle:
    """The derivatives of one expression by one variable, order by order, watched for a multiple
    of an earlier one: ``seen(normal, linear)`` after each order gives the ``order``-th derivative as
    soon as it is known that way (else None)."""

    __slots__ = ("found", "last_nonlinear", "order", "orders")

    def __init__(self, order: int) -> None:
        self.order = order  # the derivative asked for
        self.found: list[Normal] = []  # the 1st, 2nd, ... derivatives in normal form
        # The first order at which each list of monomials, in their order, appeared.
        self.orders: dict[tuple[object, ...], int] = {}
        self.last_nonlinear = 0  # the last order whose derivative does not scale linearly

    def seen(self, normal: Normal, linear: bool) -> Normal | None:
        """Record the next order's derivative, and whether it scales linearly; the
        ``order``-th derivative, if it now follows."""
        self.found.append(normal)
        n = len(self.found)
        if not linear or UNDEFINED_MONOMIAL in normal:
            self.last_nonlinear = n
            return None
        if n >= self.order:
            return None
        key = tuple(normal)  # the monomials in order: the same terms, written the same way
        m = self.orders.get(key)
        if m is None or m <= self.last_nonlinear:
            self.orders[key] = n
            return None
        earlier = self.found[m - 1]
        c = _ratio(normal, earlier)
        if c is None:
            self.orders[key] = n
            return None
        cycles, offset = divmod(self.order - m, n - m)  # order = m + cycles*(n - m) + offset
        factor = c ** cycles
        return {monomial: whole(coefficient * factor) for monomial, coefficient in self.found[m - 1 + offset].items()}


def _ratio(normal: Normal, earlier: Normal) -> Fraction | None:
    """c when ``normal`` is c times ``earlier`` term by term (c ≠ 0), else None."""
    c: Fraction | None = None
    for monomial, coefficient in normal.items():
        before = earlier[monomial]
        if c is None:
            c = Fraction(coefficient) / before
        elif coefficient != before * c:
            return None
    return c
