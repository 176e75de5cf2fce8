"""Derivatives by automatic differentiation confirmed where floating point may have lost them.

Forward and reverse mode multiply local slopes one at a time. Where one is past a float's range
and another under it, their product is lost even when the derivative is an ordinary number: at
x = -300, y = 300, d/dy ln(e^x/(e^x + e^y)) is -1, but the slope -u/v^2 of the quotient is
1e-391, which rounds to 0, and the backward pass gives 0 (the slope of ln beside it is 4e260).
When a slope or a result is that large, that small or not finite, the derivative is compared
with the symbolic derivative evaluated at the same point; if they differ the result is refused,
not given: a wrong gradient is worse than none.
"""

from __future__ import annotations

import math
from typing import Any

from ..core.errors import EvaluationError, SymdiffError
from ..core.expr import Expr, Symbol
from ..core.printer import to_text

__all__ = ["EXTREME", "confirmed", "extreme"]

# Past this (or below its reciprocal, but not 0), a slope's product with another may leave the
# float range: 1e150 * 1e-160 is fine, 1e260 * 1e-391 was lost before it was made.
EXTREME = 1e150


def extreme(numbers: list[Any]) -> bool:
    """Whether any of these slopes or results (floats or arrays, None for none) is not finite,
    or beyond ``EXTREME`` in size either way."""
    arrays = []
    for number in numbers:
        if number is None:
            continue
        if type(number) is float:
            size = abs(number)
            if not size < EXTREME or (size and size < 1 / EXTREME):  # `not <` is also true for nan
                return True
        else:
            arrays.append(number)
    if not arrays:
        return False
    import numpy as np

    for array in arrays:
        size = np.abs(array)
        if not np.all(size < EXTREME) or np.any((size > 0) & (size < 1 / EXTREME)):
            return True
    return False


def confirmed(expr: Expr, name: str, found: Any, point: dict[str, Any], how: str) -> Any:
    """``found``, the derivative of ``expr`` by ``name`` at ``point`` by ``how`` (forward or
    backward pass), once the symbolic derivative evaluated there agrees with it; else an
    ``EvaluationError`` that gives both."""
    import numpy as np

    from ..calculus.differentiate import diff
    from .compiled import lambdify

    names = sorted(point)
    symbolic = True
    try:
        derivative = diff(expr, Symbol(name))
    except SymdiffError:  # too large to differentiate symbolically: nothing to confirm it by
        symbolic, expected = False, math.nan
    if symbolic:
        try:
            with np.errstate(all="ignore"):
                expected = lambdify(derivative, names, invalid="nan")(*(point[n] for n in names))
        except SymdiffError:
            expected = math.nan
    expected_array = np.asarray(expected, dtype=float)
    found_array = np.asarray(found, dtype=float)
    agree = np.isclose(found_array, expected_array, rtol=1e-6, atol=1e-300) & np.isfinite(found_array)
    if np.all(agree):
        return found
    i = int(np.flatnonzero(~np.broadcast_to(agree, np.broadcast(found_array, expected_array).shape))[0])
    ours = float(np.broadcast_to(found_array, agree.shape).flat[i])
    theirs = float(np.broadcast_to(expected_array, agree.shape).flat[i])
    where = "" if agree.ndim == 0 else f" (at sample {i})"
    evaluated = ("cannot be found symbolically to confirm it" if not symbolic
                 else "has no float value there" if math.isnan(theirs) else f"is {theirs:.6g}")
    raise EvaluationError(
        f"the {how} pass loses d/d{name} of {to_text(expr, 50)} to floating point here{where}: its local slopes "
        f"pass beyond 1e150 or below 1e-150, and it gives {ours:.6g} where d/d{name} evaluated {evaluated}; "
        f"use diff and evaluate, or rescale the inputs")
