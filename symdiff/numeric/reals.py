"""Real numbers from a caller's data: the one place where arguments become float arrays.

NumPy turns almost anything into floats: text that looks like a number, booleans (as 0 and 1),
dates (as days since 1970), complex numbers (dropping the imaginary part, with only a warning).
Each gives a number the caller did not mean, so every argument the numeric layer reads goes
through ``real_array``: real numbers pass (as floats, without a copy when they already are),
and anything else raises the caller's error class naming the first value that is not one.
Whether a real number is finite is each caller's own question (nan has its own messages).
"""

from __future__ import annotations

import datetime
import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.errors import SymdiffError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["plain_data", "real_array", "real_number"]

_BOOLEAN = "a boolean: symdiff does not take True and False for 1 and 0 (convert with float() or .astype(float) if that is meant)"  # noqa: E501
_COMPLEX = "symdiff computes with real numbers only (pass .real if the imaginary part is meant to be dropped)"


def real_array(data: Any, name: str, error: type[SymdiffError], *, booleans: bool = False) -> np.ndarray:
    """``data`` (a number, a list or an array of any shape) as a float array; ``error`` names the
    first value that is not a real number, or that is too large for floating point. Booleans
    are refused unless ``booleans`` (they are rarely meant as numbers)."""
    import numpy as np

    try:
        array = np.asarray(plain_data(data))
    except (TypeError, ValueError) as exc:
        if "inhomogeneous" in str(exc):
            raise error(f"{name} is a ragged nested list (its rows have different lengths), not an array of "
                        "numbers") from None
        raise error(f"{name} cannot be read as numbers or an array of numbers") from None
    if array.dtype == np.float64:  # the common case, first: a call on small arrays is a hot path
        return array
    kind = array.dtype.kind
    if kind in "iu" and not booleans and isinstance(data, (list, tuple)):
        _refuse_booleans(data, name, error)  # NumPy reads [True, 2] as the integers [1, 2]
    if kind in "iu" or (kind == "b" and booleans):
        return array.astype(float)
    if kind == "f":
        if array.dtype.itemsize <= 8:
            return array.astype(float, copy=False)
        with np.errstate(over="ignore"):  # a long double can hold numbers beyond a float's range
            result = array.astype(float)
        too_large = np.isinf(result) & ~np.isinf(array)
        if too_large.any():
            i = int(np.flatnonzero(too_large)[0])
            raise error(f"{_where(name, array, i)} is about {_magnitude(array.flat[i])}, {_TOO_LARGE}")
        return result
    if kind != "O":  # a whole array of one type that is not real: name its first value
        if array.size == 0:
            return np.zeros(array.shape)
        # In a complex array, the first value that has an imaginary part is the one the caller wrote.
        i = int(np.argmax(array.imag.reshape(-1) != 0)) if kind == "c" else 0
        problem = _problem(array.flat[i], booleans) or f"of type {array.dtype}, not a real number"
        raise error(f"{_where(name, array, i)} is {problem}")
    # Python objects (huge integers, Fractions, None, text among numbers): one at a time.
    result = np.empty(array.shape)
    flat = result.reshape(-1)
    for i, value in enumerate(array.flat):
        problem = _problem(value, booleans)
        if problem:
            raise error(f"{_where(name, array, i)} is {problem}")
        flat[i] = float(value)
    return result


def _refuse_booleans(data: list[Any] | tuple[Any, ...], name: str, error: type[SymdiffError]) -> None:
    """Name the first boolean among a nested list's numbers, as an array of them would be named."""
    stack: list[tuple[Any, str]] = [(data, name)]
    while stack:
        items, where = stack.pop()
        for i, value in enumerate(items):
            if isinstance(value, bool):
                raise error(f"{where}[{i}] is {value}, {_BOOLEAN}")
            if isinstance(value, (list, tuple)):
                stack.append((value, f"{where}[{i}]"))


def plain_data(data: Any) -> Any:
    """``data`` with a PyTorch tensor read as a NumPy array of its values (a 0-d one as a Python
    number): NumPy cannot read a tensor that records gradients (requires_grad=True), and raised
    RuntimeError out of symdiff. Anything else is returned as it is."""
    if type(data).__module__.startswith("torch") and hasattr(data, "detach"):
        values = data.detach().cpu()
        return values.item() if values.dim() == 0 else values.numpy()
    return data


def real_number(value: Any, name: str, error: type[SymdiffError]) -> float:
    """A single real number as a float, with the messages of ``real_array``."""
    value = plain_data(value)
    problem = _problem(value, booleans=False)
    if problem:
        raise error(f"{name} is {problem}")
    return float(value)


_TOO_LARGE = "too large for floating point (the largest float is about 1.8e308)"


def _problem(value: Any, booleans: bool) -> str | None:
    """What ``value`` is, when it is not a real number that fits in a float; None when it is."""
    import numpy as np

    if isinstance(value, (bool, np.bool_)):
        return None if booleans else f"{value}, {_BOOLEAN}"
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        return f"the text {_short(value)}, not a number: convert text to numbers first"
    if value is None:
        return "None, not a number"
    # Before numbers: NumPy counts a timedelta64 as an integer.
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta, np.datetime64, np.timedelta64)):
        return f"the date or time {_short(value)}, not a number: convert dates and times to numbers (days or " \
               "seconds, say) first"
    if isinstance(value, (numbers.Real, Decimal)):
        try:
            with np.errstate(over="ignore"):
                as_float = float(value)
        except OverflowError:
            return f"about {_magnitude(value)}, {_TOO_LARGE}"
        except ValueError:  # a signalling Decimal NaN
            return f"{_short(value)}, not a number"
        if math.isinf(as_float) and value not in (math.inf, -math.inf):  # Decimal and long double round to inf
            return f"about {_magnitude(value)}, {_TOO_LARGE}"
        return None
    if isinstance(value, numbers.Complex):
        return f"the complex number {complex(value)!r}: {_COMPLEX}"
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a real number"


def _magnitude(value: Any) -> str:
    """A number too large for a float, as ±10^k (the power of ten at or below it)."""
    sign = "-" if value < 0 else ""
    if isinstance(value, Decimal):
        return f"{sign}10^{value.adjusted()}"
    if isinstance(value, (int, Fraction)):
        exact = Fraction(abs(value))
        k = math.floor(math.log10(exact.numerator) - math.log10(exact.denominator))
        k += (exact >= Fraction(10) ** (k + 1)) - (exact < Fraction(10) ** k)  # the logarithms round
        return f"{sign}10^{k}"
    import numpy as np

    return np.format_float_scientific(value, precision=2)


def _short(value: object) -> str:
    if isinstance(value, str):
        text = repr(str(value))  # str(): NumPy's str_ would show as np.str_('...')
    elif isinstance(value, bytes):
        text = repr(bytes(value))
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _where(name: str, array: np.ndarray, flat: int) -> str:
    """``name`` for a single number, else the element: x[3], or x[1, 2] in two dimensions."""
    import numpy as np

    if array.ndim == 0:
        return name
    if array.ndim == 1:
        return f"{name}[{flat}]"
    return f"{name}[{', '.join(str(int(i)) for i in np.unravel_index(flat, array.shape))}]"
