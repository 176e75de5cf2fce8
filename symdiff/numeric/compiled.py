"""Compiled evaluation: an expression as a NumPy-vectorised function, by walking its tree.

``lambdify`` turns the tree into a short program: one instruction per distinct subexpression
(equal subtrees are computed once, even when they are different objects), each a NumPy
function applied to earlier results. Running it interprets that list; no text is generated,
compiled or evaluated.

A value that is not a real number (the log of a negative, a division by zero, an overflow)
never passes silently: by default the call raises ``EvaluationError`` naming the first point
where it happens; ``invalid="nan"`` puts nan there instead. Arguments must be real numbers or
arrays of them (``reals.real_array``): text, booleans, complex numbers or dates are refused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..core.errors import EvaluationError, SymdiffError, quote
from ..core.evaluate import CONSTANT_VALUES
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
from ..syntax.parser import to_expr
from .reals import real_array

if TYPE_CHECKING:
    import numpy as np

__all__ = ["CompiledFunction", "lambdify"]

_MODES = ("raise", "nan")


def lambdify(expr: Expr | str, vars: Sequence[str | Symbol] | str | Symbol | None = None, *,  # noqa: A002
             invalid: str = "raise") -> CompiledFunction:
    """``expr`` as a function of ``vars`` (positional, in that order) on NumPy arrays or numbers.

    ``vars`` defaults to the expression's variables sorted by name. ``invalid="raise"`` (the
    default) raises ``EvaluationError`` at the first point where a value is not a finite real
    number; ``invalid="nan"`` gives nan at such points instead.
    """
    tree = to_expr(expr)
    if isinstance(vars, (str, Symbol)):
        vars = [vars]  # noqa: A001
    if vars is not None and not isinstance(vars, Sequence):
        raise SymdiffError(f"the variables are a list of names such as ['x', 'y'], not {quote(vars)}")
    names = sorted(s.name for s in tree.free_symbols) if vars is None else [_name(v) for v in vars]
    if len(set(names)) != len(names):
        raise SymdiffError(f"a variable is listed twice in {names}")
    missing = sorted({s.name for s in tree.free_symbols} - set(names))
    if missing:
        raise SymdiffError(f"{to_text(tree, 60)} also depends on {', '.join(missing)}: list it among the variables")
    if invalid not in _MODES:
        raise SymdiffError(f"invalid= is 'raise' or 'nan', not {quote(invalid)}")
    return CompiledFunction(tree, names, invalid)


def _name(v: object) -> str:
    if isinstance(v, Symbol):
        return v.name
    if isinstance(v, str):
        return Symbol(v.strip()).name
    raise SymdiffError(f"a variable is a name such as x, not {quote(v)}")


# An instruction: (operation, indices of its operands in the value list, the node it computes).
Instruction = tuple[str, tuple[int, ...], Expr]


class CompiledFunction:
    """A callable made by ``lambdify``: ``f(x_values, y_values, ...)``."""

    __slots__ = ("_constants", "_dying", "_program", "_result", "expr", "invalid", "vars")

    def __init__(self, expr: Expr, names: list[str], invalid: str) -> None:
        if not (isinstance(expr, Expr) and isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names)
                and invalid in ("raise", "nan") and {s.name for s in expr.free_symbols} <= set(names)):
            raise SymdiffError("a CompiledFunction is made by symdiff.lambdify(expr, vars), which checks them")
        self.expr = expr
        self.vars = tuple(names)
        self.invalid = invalid
        self._program: list[Instruction] = []
        self._constants: dict[int, float] = {}
        self._compile()

    def __repr__(self) -> str:
        return f"<lambdify ({', '.join(self.vars)}) -> {to_text(self.expr, 60)}>"

    def _compile(self) -> None:
        """One instruction per distinct subexpression, operands before the node that uses them."""
        index: dict[Expr, int] = {}  # structural equality: equal subtrees share a slot
        slots = {name: i for i, name in enumerate(self.vars)}
        program = self._program

        def emit(node: Expr, operands: list[int]) -> int:
            kind = type(node)
            if kind is Symbol:
                return slots[node.name]  # type: ignore[attr-defined]
            known = index.get(node)
            if known is not None:
                return known
            slot = len(self.vars) + len(program)
            if kind is Number or kind is Constant:
                self._constants[slot] = _constant(node)
                program.append(("const", (), node))
            elif kind is UndefinedCall:
                raise SymdiffError(f"{to_text(node, 60)} is an undefined function: it has no values to compute")
            elif kind is Infinity:
                raise SymdiffError("oo (infinity) is not a number: it has no values to compute (a limit takes it)")
            elif kind is Pow and node.base == E:  # type: ignore[attr-defined]
                program.append(("exp", (operands[1],), node))  # e^u: NumPy's exp, not the slower power
            elif kind is Call:
                program.append((node.name, tuple(operands), node))  # type: ignore[attr-defined]
            elif kind is Root:  # the index is data, not a child: it gets a constant slot first
                self._constants[slot] = float(node.index)  # type: ignore[attr-defined]
                program.append(("const", (), Number(node.index)))  # type: ignore[attr-defined]
                program.append(("root", (operands[0], slot), node))
                slot += 1
            else:
                program.append((_OPERATIONS[kind], tuple(operands), node))
            index[node] = slot
            return slot

        self._result = fold(self.expr, emit)
        # The slots each instruction uses for the last time: their arrays are then free for reuse,
        # so a long expression needs a few buffers instead of one fresh array per step.
        last_use: dict[int, int] = {}
        for step, (_, operands, _) in enumerate(program):
            for slot in operands:
                last_use[slot] = step
        self._dying: list[tuple[int, ...]] = [() for _ in program]
        for slot, step in last_use.items():
            if slot >= len(self.vars) and slot != self._result and slot not in self._constants:
                self._dying[step] += (slot,)

    def __call__(self, *values: Any) -> np.ndarray | float:
        import numpy as np

        if len(values) != len(self.vars):
            raise SymdiffError(f"expected {len(self.vars)} argument(s) ({', '.join(self.vars)}), got {len(values)}")
        inputs = [real_array(v, name, EvaluationError) for v, name in zip(values, self.vars, strict=True)]
        try:
            shape = np.broadcast_shapes(*(a.shape for a in inputs)) if inputs else ()
        except ValueError:
            raise SymdiffError(f"the arguments' shapes {[a.shape for a in inputs]} do not broadcast together") from None
        # The fast path: NumPy's floating-point flags say whether anything went wrong, at the
        # cost of a flag check per operation; only then is the work redone point by point.
        # (Flags miss only non-finite inputs, which the sum of the result then shows.)
        try:
            with np.errstate(all="raise", under="ignore"):
                value = self._run(inputs, shape)
            result = np.asarray(value, dtype=float)
            if result.shape != shape:  # a constant, or an expression of only some of the inputs
                result = np.broadcast_to(result, shape)
            with np.errstate(all="ignore"):
                clean = bool(np.isfinite(result.sum()))
        except FloatingPointError:
            clean = False
        if not clean:
            result = self._invalid(inputs, shape)
        if not shape:
            return float(result)
        if result.base is not None or any(result is a for a in inputs):
            result = result.copy()  # never hand back an input, or a view of one
        return result

    def _run(self, inputs: list[np.ndarray], shape: tuple[int, ...]) -> Any:
        """Run the program; a step's array is reused as the output of a later step once no step
        needs it any more (never an input's array, which belongs to the caller)."""
        slots: list[Any] = [*inputs, *([None] * len(self._program))]
        free: list[Any] = []
        first = len(inputs)
        for step, (op, operands, _) in enumerate(self._program):
            slot = first + step
            if op == "const":
                slots[slot] = self._constants[slot]
                continue
            args = [slots[i] for i in operands]
            dying = self._dying[step]
            # A unary or binary step may write over an operand it reads for the last time (NumPy
            # handles exact overlap elementwise); a longer sum or product reads operands later.
            if len(args) <= 2:
                _release(slots, dying, free, shape)
            out = free.pop() if free and _full(args, shape) else None
            slots[slot] = _FUNCTIONS[op](*args, out=out)
            if len(args) > 2:
                _release(slots, dying, free, shape)
        return slots[self._result]

    def _invalid(self, inputs: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
        """The slow path: where any step is not finite, nan, or an error naming the first such point
        and the innermost subexpression at fault there."""
        import numpy as np

        slots: list[Any] = [*inputs]
        bad: list[Any] = [~np.isfinite(a) for a in inputs]
        culprits: list[tuple[Any, Expr]] = []  # (where this step itself first fails, the step)
        with np.errstate(all="ignore"):
            for op, operands, node in self._program:
                if op == "const":
                    slots.append(self._constants[len(slots)])
                    bad.append(False)
                    continue
                value = _FUNCTIONS[op](*(slots[i] for i in operands), out=None)
                inherited = functools.reduce(np.logical_or, [bad[i] for i in operands], False)
                own = ~np.isfinite(value) & ~inherited
                slots.append(value)
                bad.append(own | inherited)
                culprits.append((own, node))
        mask = np.broadcast_to(bad[self._result], shape)
        result = np.array(np.broadcast_to(np.asarray(slots[self._result], dtype=float), shape))
        if not mask.any():  # no points at all (an empty array): nothing failed anywhere
            return result
        if self.invalid == "nan":
            result[mask] = np.nan
            return result
        flat = int(np.flatnonzero(mask)[0]) if shape else 0
        position = np.unravel_index(flat, shape) if shape else ()
        point = {name: float(np.broadcast_to(a, shape)[position]) for name, a in zip(self.vars, inputs, strict=True)}
        where = ", ".join(f"{name} = {value:.6g}" for name, value in point.items()) or "every point"
        culprit = next((node for own, node in culprits if np.broadcast_to(own, shape)[position]), None)
        what = f"{to_text(culprit, 60)} has no finite real value" if culprit else "an argument is not a finite number"
        at = f" (index {tuple(int(i) for i in position) if len(shape) > 1 else flat})" if shape else ""
        raise EvaluationError(f"{what} at {where}{at}; pass invalid='nan' to get nan there instead")


def _constant(node: Expr) -> float:
    if type(node) is Constant:
        return CONSTANT_VALUES[node.name]  # type: ignore[attr-defined]
    try:
        return float(node.value)  # type: ignore[attr-defined]
    except OverflowError:  # numbers are held exactly, so 1e309 parses; as a float it is infinite
        raise EvaluationError(f"the number {to_text(node, 40)} is too large for floating point (the largest "
                              "float is about 1.8e308)") from None


_OPERATIONS: dict[type[Expr], str] = {
    Add: "add", Sub: "sub", Mul: "mul", Div: "div", Neg: "neg", Pow: "pow", Log: "log_base",
}


def _release(slots: list[Any], dying: tuple[int, ...], free: list[Any], shape: tuple[int, ...]) -> None:
    for slot in dying:
        value = slots[slot]
        slots[slot] = None
        if getattr(value, "shape", None) == shape and shape and value.flags.writeable and value.base is None:
            free.append(value)


def _full(args: list[Any], shape: tuple[int, ...]) -> bool:
    """Whether the step's result has the full shape, so that a free buffer fits it."""
    return bool(shape) and any(getattr(a, "shape", None) == shape for a in args)


def _table() -> dict[str, Callable[..., Any]]:
    """Each operation as f(*operands, out=array or None), NumPy ufuncs where there is one."""
    import numpy as np

    def add(*args: Any, out: Any = None) -> Any:
        total = np.add(args[0], args[1], out=out)
        for a in args[2:]:
            total = np.add(total, a, out=total if out is not None else None)
        return total

    def mul(*args: Any, out: Any = None) -> Any:
        total = np.multiply(args[0], args[1], out=out)
        for a in args[2:]:
            total = np.multiply(total, a, out=total if out is not None else None)
        return total

    def power(base: Any, exponent: Any, out: Any = None) -> Any:
        if np.ndim(exponent) == 0:
            if exponent == 2:
                return np.square(base, out=out)
            if exponent == 0.5:
                return np.sqrt(base, out=out)
            if exponent == -1:
                return np.reciprocal(base, out=out)
        return np.power(base, exponent, out=out)

    def reciprocal_of(function: Any) -> Callable[..., Any]:
        def reciprocal(u: Any, out: Any = None) -> Any:
            return np.divide(1.0, function(u, out=out), out=out)

        return reciprocal

    def sigmoid(u: Any, out: Any = None) -> Any:
        # For u < -709, e^-u overflows to inf and 1/(1 + inf) is exactly 0, the right value:
        # the overflow is expected here, not a fault.
        with np.errstate(over="ignore"):
            e = np.exp(np.negative(u, out=out), out=out)
        if np.ndim(e) == 0:
            return 1.0 / (1.0 + e)
        return np.reciprocal(np.add(e, 1.0, out=e), out=e)

    def sech(u: Any, out: Any = None) -> Any:
        # 2e^-|u|/(1 + e^-2|u|): no overflow where cosh(u) would overflow (sech(1000) = 0).
        small = np.exp(np.negative(np.abs(u)))
        return np.divide(2.0 * small, 1.0 + small * small, out=out)

    def csch(u: Any, out: Any = None) -> Any:
        small = np.exp(np.negative(np.abs(u)))
        return np.multiply(np.sign(u), np.divide(2.0 * small, 1.0 - small * small), out=out)

    def acot(u: Any, out: Any = None) -> Any:
        return np.subtract(np.pi / 2, np.arctan(u), out=out)  # the range (0, pi), as core.functions

    def log_base(u: Any, b: Any, out: Any = None) -> Any:
        # A base of 1 divides by log(1) = 0 and a negative base has no log: both are flagged. A base
        # of 0 gives log(u)/-inf = 0, a number where there is none, so it is made nan.
        ratio = np.divide(np.log(u), np.log(b), out=out)
        return np.where(np.equal(b, 0), np.nan, ratio) if np.any(np.equal(b, 0)) else ratio

    def root(u: Any, n: Any, out: Any = None) -> Any:
        if n == 3:
            return np.cbrt(u, out=out)
        if n % 2 == 0:  # an even root of a negative is nan, with the invalid flag raised
            return np.power(u, 1.0 / n, out=out)
        return np.multiply(np.sign(u), np.power(np.abs(u), 1.0 / n), out=out)

    def softplus(u: Any, out: Any = None) -> Any:
        return np.logaddexp(0.0, u, out=out)

    def relu(u: Any, out: Any = None) -> Any:
        return np.maximum(u, 0.0, out=out)

    def heaviside(u: Any, out: Any = None) -> Any:
        return np.heaviside(u, 0.0, out=out)

    return {
        "add": add, "sub": np.subtract, "mul": mul, "div": np.divide, "neg": np.negative, "pow": power,
        "sin": np.sin, "cos": np.cos, "tan": np.tan,
        "sec": reciprocal_of(np.cos), "csc": reciprocal_of(np.sin), "cot": reciprocal_of(np.tan),
        "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
        "asec": lambda u, out=None: np.arccos(np.reciprocal(u), out=out),
        "acsc": lambda u, out=None: np.arcsin(np.reciprocal(u), out=out), "acot": acot,
        "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
        "sech": sech, "csch": csch, "coth": reciprocal_of(np.tanh),
        "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
        "exp": np.exp, "ln": np.log, "log": np.log, "log_base": log_base, "sqrt": np.sqrt, "cbrt": np.cbrt,
        "root": root, "abs": np.abs, "sign": np.sign,
        "sigmoid": sigmoid, "softplus": softplus, "relu": relu, "heaviside": heaviside,
    }  # fmt: skip


class _LazyTable(dict):  # type: ignore[type-arg]
    """The NumPy function table, built on first use so that ``import symdiff`` stays light."""

    def __missing__(self, key: str) -> Callable[..., Any]:
        if not self:
            self.update(_table())
            return self[key]
        raise KeyError(key)


_FUNCTIONS: dict[str, Callable[..., Any]] = _LazyTable()
