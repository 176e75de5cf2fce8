"""An expression as a straight-line program: what both ``lambdify`` backends run.

``build`` walks the tree once and lists one instruction per distinct subexpression (equal
subtrees are computed once, even when they are different objects), operands before the node
that uses them. The NumPy backend (``compiled``) and the PyTorch backend (``torch_backend``)
each map an instruction's operation name to a function of their own library; no text is
generated, compiled or evaluated. ``bad_value_message`` words the error both raise where a
value is not a finite real number, so that the two backends say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..algebra.defined import undefined_node
from ..algebra.simplify import Simplifier
from ..core.errors import EvaluationError, SymdiffError
from ..core.evaluate import CONSTANT_VALUES, POLE_FUNCTIONS, evaluate
from ..core.expr import (
    Add,
    Call,
    Constant,
    Div,
    E,
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
)
from ..core.printer import to_text
from ..core.traversal import fold

__all__ = ["Instruction", "Program", "bad_value_message", "build"]

# An instruction: (operation, indices of its operands in the value list, the node it computes).
# The value list holds the variables first (slot i is vars[i]), then one value per instruction.
Instruction = tuple[str, tuple[int, ...], Expr]
# The instructions, the constant slots with their values, and the slot of the result.
Program = tuple[list[Instruction], dict[int, float], int]

# The operation of each node kind that is not a leaf, a function call or a root.
_OPERATIONS: dict[type[Expr], str] = {
    Add: "add", Sub: "sub", Mul: "mul", Div: "div", Neg: "neg", Pow: "pow", Log: "log_base",
}


def build(expr: Expr, names: Sequence[str]) -> Program:
    """The program computing ``expr`` from the variables ``names`` (which hold all of its symbols).

    An operation is ``"const"`` (a number or constant, its value in the constants), ``"exp"``
    (for ``e^u``), a function's name (``"sin"``), ``"root"`` (operands: the radicand and a
    constant slot holding the index) or one of ``_OPERATIONS``' values."""
    # A constant without a value (1/cos(pi/2), tan(pi/2)) gets nan: floats would give it 1.6e16.
    # Parts with symbols are not simplified to test them (ln(x - x)): floats find those anyway.
    found = undefined_node(expr, Simplifier(), in_value=False)
    if found is not None:
        # The whole expression then has no value anywhere: its program is that nan alone, which
        # no operation can lose (nan^0 and 1^nan are 1 in floats: ln(-1)^x was 1 at x = 0).
        return [("const", (), found[0])], {len(names): math.nan}, len(names)
    index: dict[Expr, int] = {}  # structural equality: equal subtrees share a slot
    slots = {name: i for i, name in enumerate(names)}
    program: list[Instruction] = []
    constants: dict[int, float] = {}
    fixed: set[int] = set()  # the slots whose values are the same at every point

    def emit(node: Expr, operands: list[int]) -> int:
        kind = type(node)
        if kind is Symbol:
            return slots[node.name]  # type: ignore[attr-defined]
        known = index.get(node)
        if known is not None:
            return known
        slot = len(names) + len(program)
        if operands and all(operand in fixed for operand in operands):
            fixed.add(slot)
        if kind is Number or kind is Constant:
            fixed.add(slot)
            constants[slot] = _constant(node)
            program.append(("const", (), node))
        elif kind is Call and slot in fixed and node.name in POLE_FUNCTIONS and (near := _near_pole(node)) is not None:
            constants[slot] = near  # tan(pi/2 + 10^-30) is -1e30, where floats give tan of pi/2's float
            program.append(("const", (), node))
        elif kind is UndefinedCall:
            raise SymdiffError(f"{to_text(node, 60)} is an undefined function: it has no values to compute")
        elif kind is Infinity:
            raise SymdiffError("oo (infinity) is not a number: it has no values to compute (a limit takes it)")
        elif kind is Pow and node.base == E:  # type: ignore[attr-defined]
            program.append(("exp", (operands[1],), node))  # e^u: the library's exp, not the slower power
        elif kind is Call:
            program.append((node.name, tuple(operands), node))  # type: ignore[attr-defined]
        elif kind is Root:  # the index is data, not a child: it gets a constant slot first
            constants[slot] = float(node.index)  # type: ignore[attr-defined]
            program.append(("const", (), Number(node.index)))  # type: ignore[attr-defined]
            program.append(("root", (operands[0], slot), node))
            slot += 1
        else:
            program.append((_OPERATIONS[kind], tuple(operands), node))
        index[node] = slot
        return slot

    result = fold(expr, emit)
    return program, constants, result


def _near_pole(node: Expr) -> float | None:
    """A constant tan, sec, cot or csc worked out by ``evaluate`` (to 60 digits where its float is
    that of a pole), or None when it is no large value or has no float (left to the program)."""
    try:
        value = evaluate(node)
    except EvaluationError:
        return None
    return value if abs(value) > 1e12 else None


def _constant(node: Expr) -> float:
    if type(node) is Constant:
        return CONSTANT_VALUES[node.name]  # type: ignore[attr-defined]
    try:
        return float(node.value)  # type: ignore[attr-defined]
    except OverflowError:  # numbers are held exactly, so 1e309 parses; as a float it is infinite
        raise EvaluationError(f"the number {to_text(node, 40)} is too large for floating point (the largest "
                              "float is about 1.8e308)") from None


def bad_value_message(point: Mapping[str, float], culprit: Expr | None, position: tuple[int, ...],
                      shape: tuple[int, ...]) -> str:
    """The error for the first point (``position`` in arrays of ``shape``, the variables' values
    there in ``point``) where a value is not a finite real number: ``culprit`` is the innermost
    subexpression that fails there, or None when an argument itself is not finite."""
    where = ", ".join(f"{name} = {value:.6g}" for name, value in point.items()) or "every point"
    what = f"{to_text(culprit, 60)} has no finite value in floats" if culprit else "an argument is not a finite number"
    at = ""
    if shape:
        flat = 0
        for i, size in zip(position, shape, strict=True):
            flat = flat * size + i
        at = f" (index {tuple(position) if len(shape) > 1 else flat})"
    why = ""
    if culprit is not None:
        try:  # the evaluator says why: ln(0), a float too large (which floats alone cannot tell apart)
            evaluate(culprit, dict(point))
        except SymdiffError as error:
            why = f" ({error})"
    return f"{what} at {where}{at}{why}; pass invalid='nan' to get nan there instead"
