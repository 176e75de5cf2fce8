"""A rewrite's result taken once more when a number's root in it may be written otherwise.

``cancel``, ``together``, ``factor``, ``cancel_factored`` and ``expand`` read a root of a number
as a generator of the rational-function algebra and write it back as they found it: 1000^(53/2)
or (-1)^(3/2). Read again, the same number is split into its whole and fractional powers
(1e78*sqrt(1000), -sqrt(-1)), so a second call would change the answer. A result with a number's
root in it is rewritten again until it stays, at most ``ROUNDS`` more times, so each of these is
idempotent as ``simplify`` is; the rest (nearly every result) costs one walk of the result.

Only a call made by the user is settled so: inside a larger computation (an antiderivative's
search cancels hundreds of candidate quotients) the result is a means, not an answer, and one
pass is what it needs. A call is the user's when the cycle collector is on as it starts, the
sign ``core.collector`` reads for the outermost of symdiff's calls.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import TypeVar

from ..core.expr import Call, Expr, Neg, Number, Pow, Root
from ..core.traversal import preorder

__all__ = ["ROUNDS", "settled"]

ROUNDS = 2
F = TypeVar("F", bound=Callable[..., Expr])


def settled(rewrite: F) -> F:
    """``rewrite`` (a function of one expression) with its result rewritten again while it has
    a number's root in it and changes (see the module's docstring)."""

    @functools.wraps(rewrite)
    def run(expr: object) -> Expr:
        outermost = gc.isenabled()  # (see the module's docstring)
        result = rewrite(expr)
        if not outermost:
            return result
        for _ in range(ROUNDS):
            if not has_number_root(result):
                break
            again = rewrite(result)
            if again == result:
                break
            result = again
        return result

    return run  # type: ignore[return-value]


def has_number_root(expr: Expr) -> bool:
    """Whether ``expr`` has a number to a power that is not whole (2^(1/2), (-1)^(3/2),
    1000^(53/2)) or the root of a number (sqrt(2), root(5, 3)) anywhere in it."""
    for node, _ in preorder(expr):
        kind = type(node)
        if kind is Pow:
            base, exponent = node.children
            if not base.free_symbols and not exponent.free_symbols and not _whole(exponent):
                return True
        elif (kind is Call and node.name in ("sqrt", "cbrt")) or kind is Root:  # type: ignore[attr-defined]
            if not node.children[0].free_symbols:
                return True
    return False


def _whole(exponent: Expr) -> bool:
    if type(exponent) is Neg:
        exponent = exponent.children[0]
    return type(exponent) is Number and isinstance(exponent.value, int)  # type: ignore[attr-defined]


