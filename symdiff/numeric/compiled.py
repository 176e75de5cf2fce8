"""Compiled evaluation: an expression as a NumPy-vectorised function, by walking its tree.

``lambdify`` turns the tree into a short program (``program.build``): one instruction per
distinct subexpression (equal subtrees are computed once, even when they are different
objects), each a NumPy function applied to earlier results. Running it interprets that list;
no text is generated, compiled or evaluated. ``backend="torch"`` runs the same program on
PyTorch tensors instead (``torch_backend``).

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
from ..core.expr import Expr, Symbol
from ..core.printer import to_text
from ..syntax.parser import to_expr
from .program import Instruction, bad_value_message, build
from .reals import real_array

if TYPE_CHECKING:
    import numpy as np

    from .torch_backend import TorchFunction

__all__ = ["CompiledFunction", "lambdify"]

_MODES = ("raise", "nan")
BACKENDS = ("numpy", "torch")


def lambdify(expr: Expr | str, vars: Sequence[str | Symbol] | str | Symbol | None = None, *,  # noqa: A002
             invalid: str = "raise", backend: str = "numpy") -> CompiledFunction | TorchFunction:
    """``expr`` as a function of ``vars`` (positional, in that order) on NumPy arrays or numbers.

    ``vars`` defaults to the expression's variables sorted by name. ``invalid="raise"`` (the
    default) raises ``EvaluationError`` at the first point where a value is not a finite real
    number; ``invalid="nan"`` gives nan at such points instead. ``backend="torch"`` makes a
    function of PyTorch tensors instead (``torch_backend``), which ``torch.autograd`` can
    differentiate.
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
    if not isinstance(invalid, str) or invalid not in _MODES:  # `in` on an array would compare elementwise
        raise SymdiffError(f"invalid= is 'raise' or 'nan', not {quote(invalid)}")
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise SymdiffError(f"backend= is one of {', '.join(map(repr, BACKENDS))}, not {quote(backend)}")
    if backend == "torch":
        from .torch_backend import TorchFunction  # here: it imports torch, which is optional and heavy

        return TorchFunction(tree, names, invalid)
    return CompiledFunction(tree, names, invalid)


def _name(v: object) -> str:
    if isinstance(v, Symbol):
        return v.name
    if isinstance(v, str):
        return Symbol(v.strip()).name
    raise SymdiffError(f"a variable is a name such as x, not {quote(v)}")


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
        program, self._constants, self._result = build(self.expr, self.vars)
        self._program.extend(program)
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
                    constant = self._constants[len(slots)]
                    slots.append(constant)
                    bad.append(constant != constant)  # nan: a constant with no value (1/cos(pi/2))
                    if bad[-1]:
                        culprits.append((True, node))
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
        position = tuple(int(i) for i in np.unravel_index(flat, shape)) if shape else ()
        point = {name: float(np.broadcast_to(a, shape)[position]) for name, a in zip(self.vars, inputs, strict=True)}
        culprit = next((node for own, node in culprits if np.broadcast_to(own, shape)[position]), None)
        raise EvaluationError(bad_value_message(point, culprit, position, shape))


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
        # 1 - e^-2|u| as -expm1(-2|u|), exact near 0 where the difference loses its digits.
        small = np.exp(np.negative(np.abs(u)))
        return np.multiply(np.sign(u), np.divide(2.0 * small, -np.expm1(-2.0 * np.abs(u))), out=out)

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
