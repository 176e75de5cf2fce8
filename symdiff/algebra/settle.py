"""A rewrite's result taken once more when a number's root in it may be written otherwise.

``cancel``, ``together``, ``factor``, ``cancel_factored`` and ``expand`` read a root of a number
as a generator of the rational-function algebra and write it back as they found it: 1000^(53/2)
or (-1)^(3/2). Read again, the same number is split into its whole and fractional powers
(1e78*sqrt(1000), -sqrt(-1)), so a second call would change the answer. A result with a number's
root in it (or a root of an expression, sqrt(x + 1/x), whose square is a sum to multiply out)
is rewritten again until it stays, at most ``ROUNDS`` more times, so each of these is
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

from ..core.expr import Call, Expr, Neg, Number, Pow, Root, Symbol
from ..core.traversal import preorder

__all__ = ["ROUNDS", "settled", "settled_always"]

ROUNDS = 2
F = TypeVar("F", bound=Callable[..., Expr])


def settled(rewrite: F) -> F:
    """``rewrite`` (a function of one expression) with its result rewritten again while it has
    a number's root in it and changes (see the module's docstring)."""
    return _settling(rewrite, has_number_root)


def settled_always(rewrite: F) -> F:
    """``rewrite`` (of an expression and more arguments) with its result rewritten again while
    it changes, whatever is in it: ``apart`` writes the factors of a term in the order it met
    them, and meets them in another order in its own result (1/(x*y^2), then 1/(y^2*x))."""
    return _settling(rewrite, lambda result: True)


def _settling(rewrite: F, may_change: Callable[[Expr], bool]) -> F:
    @functools.wraps(rewrite)
    def run(expr: object, *args: object) -> Expr:
        outermost = gc.isenabled()  # (see the module's docstring)
        result = rewrite(expr, *args)
        if not outermost:
            return result
        for _ in range(ROUNDS):
            if not may_change(result):
                break
            again = rewrite(result, *args)
            if again == result:
                break
            result = again
        return result

    return run  # type: ignore[return-value]


def has_number_root(expr: Expr) -> bool:
    """Whether ``expr`` has a root of anything but a variable anywhere in it: a number to a
    power that is not whole (2^(1/2), (-1)^(3/2), 1000^(53/2)), the root of a number (sqrt(2),
    root(5, 3)), or of an expression (sqrt(x + 1/x): its square in an expansion is the sum
    x + 1/x, which the same call multiplies out only when it reads the result again)."""
    for node, _ in preorder(expr):
        kind = type(node)
        if kind is Pow:
            base, exponent = node.children
            if type(base) is not Symbol and not exponent.free_symbols and not _whole(exponent):
                return True
        elif (kind is Call and node.name in ("sqrt", "cbrt")) or kind is Root:  # type: ignore[attr-defined]
            if type(node.children[0]) is not Symbol:
                return True
    return False


def _whole(exponent: Expr) -> bool:
    if type(exponent) is Neg:
        exponent = exponent.children[0]
    return type(exponent) is Number and isinstance(exponent.value, int)  # type: ignore[attr-defined]


