"""What the front ends decide about an expression the grammar has read, and the parts of a
session's line that are not expressions; and checking a person's answer.

The variable to differentiate by when none is named; a written derivative that is the whole
expression (``d/dy d/dx x^3 y^2``: worked out, not differentiated again); the comma-separated
fields after an expression (``:diff x^3 y^2, x, y``); and ``compare``, which ``:check`` uses.
"""

from __future__ import annotations

import math
import random

from ..calculus.differentiate import MAX_ORDER, DifferentiationError
from ..core.errors import SymdiffError, quote
from ..core.expr import Derivative, Expr, Number, Symbol

__all__ = ["choose_variable", "compare", "interval_count", "trailing_fields", "variable_fields", "written_derivative"]



def choose_variable(expr: Expr) -> Symbol:
    """The variable to differentiate by when none is named: the only one, else x."""
    free = sorted(expr.free_symbols, key=lambda symbol: symbol.name)
    if len(free) <= 1:
        return free[0] if free else Symbol("x")
    if Symbol("x") in free:
        return Symbol("x")
    names = ", ".join(symbol.name for symbol in free)
    raise DifferentiationError(
        f"the expression has {names}: say which to differentiate by (--wrt {free[0].name} on the command line, "
        f"d/d{free[0].name} in the session)"
    )


def written_derivative(expr: Expr) -> tuple[Expr, list[str]]:
    """A derivative written as the whole expression (``d/dy d/dx x^3 y^2``), taken apart: what it
    differentiates, and the variables in the order applied (x, then y). Asked for, it is worked
    out, not differentiated once more."""
    variables: list[str] = []
    while type(expr) is Derivative:
        variables[:0] = expr.variables  # type: ignore[attr-defined]  # the inner one is applied first
        expr = expr.operand  # type: ignore[attr-defined]
    return expr, variables


def trailing_fields(line: str, start: int, most: int | None) -> tuple[int, list[str]]:
    """Split ``expr, a, b`` at its commas: where the expression ends, and the fields after it."""
    parts = line[start:].split(",")
    if most is not None and len(parts) - 1 > most:
        raise SymdiffError(f"at most {most} values after the expression, separated by commas")
    fields = [part.strip() for part in parts[1:]]
    if any(not field for field in fields):
        raise SymdiffError("an empty value between commas")
    return start + len(parts[0]), fields


def interval_count(field: str) -> int:
    """The number of intervals n typed after a method (``:area``, ``:integrate``)."""
    if not field.isdigit():
        raise SymdiffError(f"n is a whole number of intervals, not {quote(field)}")
    return int(field)


def variable_fields(fields: list[str], example: str) -> list[str]:
    """Variables named after an expression, in the order applied; a whole number repeats the one
    before it that many times in all (``x, 2, y`` is x, x, y), as in ``diff(e, "x", 2, "y")``."""
    variables: list[str] = []
    for field in fields:
        if field.isdigit():
            count = int(field)
            if not variables:
                raise SymdiffError(f"an order follows the variable it counts: {example}")
            if not 1 <= count <= MAX_ORDER:
                raise SymdiffError(f"the order is a whole number from 1 to {MAX_ORDER}, not {quote(field)}")
            variables.extend([variables[-1]] * (count - 1))
        else:
            try:
                variables.append(Symbol(field).name)
            except SymdiffError:
                raise DifferentiationError(
                    f"{quote(field)} is not a variable or an order: {example}"
                ) from None
        if len(variables) > MAX_ORDER:
            raise SymdiffError(f"a derivative of order {len(variables)}: symdiff takes at most {MAX_ORDER}")
    return variables


def compare(derivative: Expr, answer: Expr, points: int = 24, function: Expr | None = None) -> str:
    """Whether ``answer`` equals ``derivative``: by simplification, else at random points where
    ``function`` (the expression differentiated) has a value: ln(x)'s derivative is 1/abs(x)
    wherever ln(x) has one, though not at x < 0, where 1/x has a value and ln(x) none."""
    from ..algebra.textbook import simplify
    from ..core.evaluate import evaluate

    if simplify(derivative - answer) == Number(0):
        return "Correct: your answer simplifies to the derivative."
    names = sorted({symbol.name for symbol in derivative.free_symbols | answer.free_symbols})
    rng = random.Random(2024)  # the same points every time, so a verdict can be repeated
    agreed = 0
    for _ in range(points * 8):
        point = {name: rng.uniform(-3, 3) for name in names}
        try:
            if function is not None:
                evaluate(function, point)
            expected, given = evaluate(derivative, point), evaluate(answer, point)
        except SymdiffError:
            continue  # outside the domain of one of them
        if not math.isclose(expected, given, rel_tol=1e-7, abs_tol=1e-9):
            where = ", ".join(f"{name} = {value:.4g}" for name, value in point.items()) or "every point"
            return (f"Not the derivative: at {where} the derivative is {expected:.6g} "
                    f"but your answer gives {given:.6g}.")
        agreed += 1
        if agreed == points:
            return f"Correct: your answer agrees with the derivative at {points} random points."
    return "Could not decide: the two could not be evaluated at enough common points."
