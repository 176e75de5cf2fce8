"""``cancel``, ``together`` and ``cancel_factored``: an expression as one fraction.

Each reads the expression as a factored rational function (``rational.factored``), puts it in
lowest terms where asked (``FactoredAlgebra.cancel``), and writes it back (``writer``): both
sides multiplied out (``cancel``), the denominator as the product it was written as
(``cancel_factored``, the form of a derivative in a textbook: -4*x/(x^2 - 1)^2), or both sides
as products without cancelling (``together``).
"""

from __future__ import annotations

from ..core.collector import collector_paused
from ..core.expr import Expr
from ..syntax.parser import to_expr
from .rational import factored
from .settle import settled
from .user_calls import refusing_zero_denominators
from .writer import write_fraction

__all__ = ["cancel", "cancel_factored", "together"]


@refusing_zero_denominators
@settled
@collector_paused
def cancel(expr: Expr | str | float) -> Expr:
    """``expr`` as one fraction p/q in lowest terms, p and q multiplied out:
    ``cancel("(x^2 - 1)/(x - 1)")`` is ``x + 1``.

    Equal to ``expr`` wherever ``expr`` is defined (a removable singularity is removed, as in
    every computer algebra system). Non-polynomial parts (sin(x), e^x) are kept as they are.
    """
    value, gens, algebra = factored(to_expr(expr))
    return write_fraction(algebra.cancel(value), gens)


@refusing_zero_denominators
@settled
@collector_paused
def cancel_factored(expr: Expr | str | float) -> Expr:
    """As ``cancel``, but the denominator kept as the product of the factors it was written
    with: d/dx (x^2 + 1)/(x^2 - 1) raw is cancelled to ``-4*x/(x^2 - 1)^2``."""
    value, gens, algebra = factored(to_expr(expr))
    return write_fraction(algebra.cancel(value), gens, bottom="factored")


@refusing_zero_denominators
@settled
@collector_paused
def together(expr: Expr | str | float) -> Expr:
    """``expr`` as one fraction over the least common denominator, factors kept as written:
    ``together("1/(x + 1) + 1/(x - 1)")`` is ``2*x/((x - 1)*(x + 1))``. A sum in the numerator
    is multiplied out; common factors of numerator and denominator are not cancelled."""
    value, gens, _ = factored(to_expr(expr))
    return write_fraction(value, gens, top="factored", bottom="factored")
