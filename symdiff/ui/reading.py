"""Reading the parts of a session's line that are not expressions (the grammar reads those),
and checking a person's answer.

``d/dy d/dx`` and ``d2/dx2`` before an expression; the comma-separated fields after one
(``:diff x^3 y^2, x, y``); the variable to differentiate by when none is named, shared with
the command line; and ``compare``, which ``:check`` uses.
"""

from __future__ import annotations

import math
import random
import re

from ..calculus.differentiate import MAX_ORDER, DifferentiationError
from ..core.errors import ParseError, SymdiffError, quote
from ..core.expr import Expr, Number, Symbol

__all__ = ["choose_variable", "compare", "derivative_prefix", "split_name_check", "trailing_fields", "variable_fields"]

_DERIVATIVE = re.compile(r"d(?:\^?(\d+))?/d([A-Za-z\u0391-\u03A9\u03B1-\u03C9]\w*)(?:\^(\d+))?(?=[\s(]|$)")


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


def derivative_prefix(line: str, start: int) -> tuple[int, list[str], list[tuple[int, str, str]]] | None:
    """``d/dy``, ``d2/dx2``, ``d^2/dx^2`` or several (``d/dy d/dx``) at ``start``.

    Returns where they end, the variables in the order applied (the innermost, written last,
    first: ``d/dy d/dx`` is by x, then by y), and each operator's position, variable and text.
    """
    written: list[tuple[int, str, int, str]] = []
    position = start
    while (match := _DERIVATIVE.match(line, position)) is not None:
        before, name, after = match.groups()
        if before and not after and name.endswith(before) and len(name) > len(before):
            name = name[: -len(before)]  # d2/dx2: the second derivative by x, not the first by x2
        elif before and after and before != after:
            raise ParseError(f"the orders in {match.group()} disagree", line, match.start())
        order = int(before or after or 1)
        if not 1 <= order <= MAX_ORDER:
            raise ParseError(f"the order of a derivative is a whole number from 1 to {MAX_ORDER}", line,
                             match.start())
        written.append((match.start(), name, order, match.group()))
        position = match.end()
        following = len(line) - len(line[position:].lstrip())  # the next word: another operator?
        if _DERIVATIVE.match(line, following) is None:
            break
        position = following
    if not written:
        return None
    variables = [name for _, name, order, _ in reversed(written) for _ in range(order)]
    if len(variables) > MAX_ORDER:
        raise ParseError(f"a derivative of order {len(variables)}: symdiff takes at most {MAX_ORDER}", line, start)
    return position, variables, [(where, name, text) for where, name, _, text in written]


def split_name_check(line: str, operators: list[tuple[int, str, str]], expr: Expr) -> None:
    """Refuse ``d2/dxdy`` when x and y are in the expression but no variable ``xdy`` is: reading
    it as the derivative by one variable xdy (which gives 0) would be a silent misreading."""
    free = {symbol.name for symbol in expr.free_symbols}
    for where, name, text in operators:
        parts = name.split("d")
        if name in free or len(parts) < 2 or not all(parts) or not all(part in free for part in parts):
            continue
        n = len(parts)
        raise ParseError(
            f"{text} would be the derivative by one variable named {name}, which is not in the expression; "
            f"for the mixed partial write {' '.join(f'd/d{part}' for part in parts)} "
            f"(or d^{n}/({' '.join(f'd{part}' for part in parts)}) where the grammar reads it)", line, where,
        )


def trailing_fields(line: str, start: int, most: int | None) -> tuple[int, list[str]]:
    """Split ``expr, a, b`` at its commas: where the expression ends, and the fields after it."""
    parts = line[start:].split(",")
    if most is not None and len(parts) - 1 > most:
        raise SymdiffError(f"at most {most} values after the expression, separated by commas")
    fields = [part.strip() for part in parts[1:]]
    if any(not field for field in fields):
        raise SymdiffError("an empty value between commas")
    return start + len(parts[0]), fields


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


def compare(derivative: Expr, answer: Expr, points: int = 24) -> str:
    """Whether ``answer`` equals ``derivative``: by simplification, else at random points."""
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
