"""The PyTorch backend of ``lambdify``: an expression as a function of torch tensors.

``lambdify(expr, vars, backend="torch")`` runs the same program as the NumPy backend
(``program.build``: one instruction per distinct subexpression), each instruction a torch
operation from the table below, so ``torch.autograd`` can differentiate the result: the
course's AutoDiff chapter on a tree whose symbolic derivative symdiff also shows. No text is
generated, compiled or evaluated.

Where the function has no derivative symdiff's rules and torch's autograd choose alike:
abs'(0) = sign(0) = 0 and relu'(0) = heaviside(0) = 0. A few functions are written so that
their values and gradients stay exact where torch's own would not: softplus is
``logaddexp(0, u)`` (``torch.nn.functional.softplus`` returns ``u`` itself above 20, off by up
to 2e-9), sech and csch use ``e^-|u|`` (no overflow where cosh would), and heaviside has slope 0
(torch's has no derivative at all).

A value that is not a finite real number is never passed on silently, as in the NumPy
backend: every step is checked (torch gives ``sign(nan) = 0`` and ``atan(1/0) = pi/2``, so the
result alone could hide it), and the call raises ``EvaluationError`` naming the first point
and the subexpression at fault, or with ``invalid="nan"`` puts nan there.

torch is optional (``pip install ".[torch]"``) and imported on first use.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.errors import EvaluationError, SymdiffError
from ..core.expr import Expr
from ..core.printer import to_text
from .program import bad_value_message, build
from .reals import real_array

if TYPE_CHECKING:
    import torch

__all__ = ["INSTALL_TORCH", "TorchFunction"]

INSTALL_TORCH = 'pip install ".[torch]"'  # as the README writes it (a test holds them together)

# A step: (the slot it fills, the torch function, the slots of its operands, the node it computes).
Step = tuple[int, Callable[..., Any], tuple[int, ...], Expr]


def torch_module() -> Any:
    """torch, imported on first use, or an error saying how to install it."""
    try:
        import torch
    except ImportError:
        raise SymdiffError(f"backend='torch' needs PyTorch: {INSTALL_TORCH} in the symdiff checkout, or "
                           "pip install torch") from None
    return torch


class TorchFunction:
    """A callable made by ``lambdify(..., backend="torch")``: ``f(x_tensor, y_tensor, ...)``.

    Arguments are tensors of any shapes that broadcast together (kept as they are, so their
    ``requires_grad`` and device carry through; integer tensors become float64), or real numbers
    and arrays of them (as float64 tensors). The result is a tensor of the broadcast shape.
    """

    __slots__ = ("_constants", "_inputs_used", "_result", "_steps", "expr", "invalid", "vars")

    def __init__(self, expr: Expr, names: list[str], invalid: str) -> None:
        if not (isinstance(expr, Expr) and isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names)
                and invalid in ("raise", "nan") and {s.name for s in expr.free_symbols} <= set(names)):
            raise SymdiffError("a TorchFunction is made by symdiff.lambdify(expr, vars, backend='torch'), which "
                               "checks them")
        torch = torch_module()
        self.expr = expr
        self.vars = tuple(names)
        self.invalid = invalid
        program, constants, self._result = build(expr, self.vars)
        table = _functions(torch)
        # Numbers enter as float64 tensors, made once; torch's promotion keeps a float32 tensor
        # argument float32 (a 0-d tensor does not promote one with dimensions).
        self._constants = {slot: torch.tensor(value, dtype=torch.float64) for slot, value in constants.items()}
        self._steps: list[Step] = []
        first = len(names)
        for step, (op, operands, node) in enumerate(program):
            if op == "const":
                continue
            if op == "root":  # the index is a whole number known now: the function takes it as data
                function, operands = functools.partial(table["root"], n=int(constants[operands[1]])), operands[:1]
            else:
                function = table[op]
            self._steps.append((first + step, function, operands, node))
        used = {i for _, _, operands, _ in self._steps for i in operands} | {self._result}
        self._inputs_used = tuple(i for i in range(first) if i in used)

    def __repr__(self) -> str:
        return f"<lambdify ({', '.join(self.vars)}) -> {to_text(self.expr, 60)}, backend='torch'>"

    def __call__(self, *values: Any) -> torch.Tensor:
        torch = torch_module()
        if len(values) != len(self.vars):
            raise SymdiffError(f"expected {len(self.vars)} argument(s) ({', '.join(self.vars)}), got {len(values)}")
        inputs = [_tensor(torch, v, name) for v, name in zip(values, self.vars, strict=True)]
        try:
            shape = tuple(torch.broadcast_shapes(*(t.shape for t in inputs))) if inputs else ()
        except RuntimeError:
            raise SymdiffError(f"the arguments' shapes {[tuple(t.shape) for t in inputs]} do not broadcast "
                               "together") from None
        slots: list[Any] = [*inputs, *([None] * (len(self._steps) + len(self._constants)))]
        for slot, constant in self._constants.items():
            slots[slot] = constant
        for slot, function, operands, _ in self._steps:
            slots[slot] = function(*[slots[i] for i in operands])
        result = slots[self._result]
        if not self._all_finite(slots):
            result = self._invalid(torch, slots, shape)
        if tuple(result.shape) != shape or self._result < len(inputs) or self._result in self._constants:
            # Never hand back an argument or a constant held here, nor a view of one.
            result = result.expand(shape).clone()
        return result

    def _all_finite(self, slots: list[Any]) -> bool:
        """Whether every input used and every step is finite everywhere (the fast path); if not,
        ``_invalid`` looks point by point."""
        for i in self._inputs_used:
            if not _finite(slots[i]):
                return False
        return all(_finite(slots[slot]) for slot, _, _, _ in self._steps)

    def _invalid(self, torch: Any, slots: list[Any], shape: tuple[int, ...]) -> torch.Tensor:
        """Where any step is not finite, nan, or an error naming the first such point and the
        innermost subexpression at fault there (as the NumPy backend does)."""
        result = slots[self._result]
        with torch.no_grad():
            clean = torch.zeros((), dtype=torch.bool)
            bad: dict[int, Any] = {i: ~torch.isfinite(slots[i]) for i in range(len(self.vars))}
            culprits: list[tuple[Any, Expr]] = []  # (where this step itself first fails, the step)
            for slot, _, operands, node in self._steps:
                inherited = functools.reduce(torch.logical_or, [bad.get(i, clean) for i in operands], clean)
                own = ~torch.isfinite(slots[slot]) & ~inherited
                bad[slot] = own | inherited
                culprits.append((own, node))
            mask = bad.get(self._result, clean).expand(shape)
            if not bool(mask.any()):  # no points at all (an empty tensor): nothing failed anywhere
                return result
        if self.invalid == "nan":
            return torch.where(mask, math.nan, result.expand(shape))
        position = _unravel(int(torch.nonzero(mask.reshape(-1))[0]), shape)
        point = {name: slots[i].expand(shape)[position].item() for i, name in enumerate(self.vars)}
        culprit = next((node for own, node in culprits if own.expand(shape)[position].item()), None)
        raise EvaluationError(bad_value_message(point, culprit, position, shape))


def _finite(value: Any) -> bool:
    """Whether ``value`` is finite everywhere, as far as a quick look tells: a nan or an infinity
    makes the sum nan or infinite. (A sum of huge finite values may overflow too; the slow path
    then finds nothing at fault.) On a million points the sum is about 100 times cheaper than
    ``isfinite().all()``, which would cost more than the steps it checks."""
    return math.isfinite((value if value.dim() == 0 else value.sum()).item())


def _unravel(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    position = []
    for size in reversed(shape):
        flat, i = divmod(flat, size)
        position.append(i)
    return tuple(reversed(position))


def _tensor(torch: Any, value: Any, name: str) -> torch.Tensor:
    """An argument as a floating-point tensor: a tensor as it is (integers as float64), anything
    else through ``real_array``, which refuses what is not a real number."""
    if isinstance(value, torch.Tensor):
        if value.is_floating_point():
            return value
        if value.dtype == torch.bool:
            raise EvaluationError(f"{name} is a tensor of booleans: symdiff does not take True and False for 1 "
                                  "and 0 (convert with .double() if that is meant)")
        if value.is_complex():
            raise EvaluationError(f"{name} is a complex tensor: symdiff computes with real numbers only (pass "
                                  ".real if the imaginary part is meant to be dropped)")
        return value.to(torch.float64)
    if type(value) is float:
        return torch.tensor(value, dtype=torch.float64)
    return torch.tensor(real_array(value, name, EvaluationError), dtype=torch.float64)


@functools.cache
def _functions(torch: Any) -> dict[str, Callable[..., Any]]:
    """Each operation as a torch function of its operands' tensors."""
    def add(*args: Any) -> Any:
        return functools.reduce(torch.add, args)

    def mul(*args: Any) -> Any:
        return functools.reduce(torch.mul, args)

    def reciprocal_of(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
        return lambda u: torch.reciprocal(function(u))

    def sech(u: Any) -> Any:
        # 2e^-|u|/(1 + e^-2|u|): no overflow where cosh(u) would overflow (sech(1000) = 0).
        small = torch.exp(-torch.abs(u))
        return 2.0 * small / (1.0 + small * small)

    def csch(u: Any) -> Any:
        # 1 - e^-2|u| as -expm1(-2|u|), exact near 0 where the difference loses its digits.
        small = torch.exp(-torch.abs(u))
        return torch.sign(u) * (2.0 * small / -torch.expm1(-2.0 * torch.abs(u)))

    def log_base(u: Any, b: Any) -> Any:
        # A base of 0 gives log(u)/-inf = 0, a number where there is none, so it is made nan.
        ratio = torch.log(u) / torch.log(b)
        return torch.where(b == 0, math.nan, ratio) if bool((b == 0).any()) else ratio

    def cbrt(u: Any) -> Any:
        return torch.sign(u) * torch.abs(u) ** (1.0 / 3.0)  # the real cube root: cbrt(-8) = -2

    def root(u: Any, n: int) -> Any:
        if n % 2 == 0:  # an even root of a negative is nan, flagged by the finiteness check
            return u ** (1.0 / n)
        return torch.sign(u) * torch.abs(u) ** (1.0 / n)

    def softplus(u: Any) -> Any:
        return torch.logaddexp(torch.zeros_like(u), u)  # log(1 + e^u), exact for every u

    def heaviside(u: Any) -> Any:
        # The step, 0 at 0; torch.heaviside has no derivative, so 0*u joins the graph with slope 0.
        return torch.heaviside(u.detach(), torch.zeros((), dtype=u.dtype, device=u.device)) + 0.0 * u

    return {
        "add": add, "sub": torch.sub, "mul": mul, "div": torch.div, "neg": torch.neg, "pow": torch.pow,
        "sin": torch.sin, "cos": torch.cos, "tan": torch.tan,
        "sec": reciprocal_of(torch.cos), "csc": reciprocal_of(torch.sin), "cot": reciprocal_of(torch.tan),
        "asin": torch.asin, "acos": torch.acos, "atan": torch.atan,
        "asec": lambda u: torch.acos(torch.reciprocal(u)), "acsc": lambda u: torch.asin(torch.reciprocal(u)),
        "acot": lambda u: math.pi / 2 - torch.atan(u),  # the range (0, pi), as core.functions
        "sinh": torch.sinh, "cosh": torch.cosh, "tanh": torch.tanh,
        "sech": sech, "csch": csch, "coth": reciprocal_of(torch.tanh),
        "asinh": torch.asinh, "acosh": torch.acosh, "atanh": torch.atanh,
        "exp": torch.exp, "ln": torch.log, "log": torch.log, "log_base": log_base, "sqrt": torch.sqrt, "cbrt": cbrt,
        "root": root, "abs": torch.abs, "sign": torch.sign,
        "sigmoid": torch.sigmoid, "softplus": softplus, "relu": torch.relu, "heaviside": heaviside,
    }  # fmt: skip
