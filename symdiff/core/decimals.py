"""Exact numbers in and out: Python values as exact decimals, and exact decimals as text.

A ``Number`` node holds a non-negative int or a Fraction with a finite decimal expansion;
``exact_decimal`` makes one from any Python number or decimal string (or says why it cannot),
and ``number_text`` writes one back the way a person does (2.5, 1500, 6.02e23).
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .errors import ExpressionError, quote

__all__ = ["Numeric", "exact_decimal", "number_text"]

Numeric = int | float | Fraction | Decimal

# --- Python values as exact decimals ---------------------------------------------------------------

_DECIMAL_RE = re.compile(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def exact_decimal(value: object) -> int | Fraction:
    """``value`` as an exact non-negative int or Fraction with a finite decimal form."""
    if isinstance(value, bool):
        raise ExpressionError("a boolean is not a number")
    if isinstance(value, numbers.Integral):
        exact: int | Fraction = int(value)
    elif isinstance(value, numbers.Rational):
        exact = Fraction(int(value.numerator), int(value.denominator))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ExpressionError(f"{quote(value)} is not a finite number")
        exact = Fraction(value)
    elif isinstance(value, numbers.Real):  # float, and NumPy's floats
        as_float = float(value)
        if not math.isfinite(as_float):
            raise ExpressionError(f"{quote(value)} is not a finite number")
        # repr gives the shortest decimal that reads back as the same float: 0.1, not 0.1000000000000000055...
        exact = Fraction(repr(as_float))
    elif isinstance(value, str):
        if not _DECIMAL_RE.fullmatch(value):
            raise ExpressionError(f"{quote(value)} is not a decimal number such as 2, 2.5 or 1e-3")
        exact = Fraction(value)
    else:
        raise ExpressionError(f"{type(value).__name__} {quote(value)} is not a number")
    if exact < 0:
        raise ExpressionError(
            f"Number holds values >= 0; {_plain(exact)} is a negation: Neg(Number(...)) or symdiff.number(...)"
        )
    if exact.denominator == 1:
        return int(exact)
    if not _terminates(exact.denominator):
        raise ExpressionError(
            f"{_plain(exact)} has no finite decimal form; symdiff.number builds it as a division"
        )
    return exact


def _terminates(denominator: int) -> bool:
    """Whether 1/denominator has a finite decimal expansion (no prime factors but 2 and 5)."""
    denominator >>= (denominator & -denominator).bit_length() - 1  # drop the factors of 2
    while denominator % 5 == 0:
        denominator //= 5
    return denominator == 1


def _plain(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


# --- exact decimals as text ----------------------------------------------------------------------

# Python refuses to turn ints of more than 4300 digits into text (sys.int_info); stay below.
_SAFE_DIGITS = 4000


def _int_text(n: int) -> str:
    """Decimal digits of a non-negative int of any size."""
    if n.bit_length() <= _SAFE_DIGITS * 3:  # 3 bits < 1 digit, so this is under the limit
        return str(n)
    # Split in halves of a known digit count: a few levels even for millions of digits.
    half = max(_SAFE_DIGITS // 2, int(n.bit_length() * 0.30103) // 2)
    high, low = divmod(n, 10**half)
    return _int_text(high) + _int_text(low).rjust(half, "0")


@lru_cache(maxsize=256)
def number_text(value: int | Fraction) -> str:
    """An exact decimal with a finite expansion: plain (2.5, 1500, 0.001), or scientific when
    that is much shorter (1e-10, 6.02e23). Remembered: a trace prints one number on many lines,
    and the digits of a 30,000-digit coefficient take milliseconds (d^100/dx^100 sin(c*x))."""
    if isinstance(value, int) or value.denominator == 1:
        digits, scale = int(value), 0
    else:
        scale = _decimal_scale(value.denominator)  # value = digits / 10**scale, digits whole
        digits = value.numerator * 10**scale // value.denominator
    all_digits = _int_text(digits)
    plain = _plain_decimal(all_digits, scale)
    if digits == 0:
        return plain
    significant = all_digits.rstrip("0")
    exponent = len(all_digits) - 1 - scale  # of the leading digit
    head, tail = significant[0], significant[1:]
    scientific = f"{head}.{tail}e{exponent}" if tail else f"{head}e{exponent}"
    return scientific if len(scientific) + 4 <= len(plain) else plain


def _decimal_scale(denominator: int) -> int:
    """The k with 10**k / denominator whole and smallest, for a denominator of 2s and 5s."""
    twos = (denominator & -denominator).bit_length() - 1
    fives = 0
    rest = denominator >> twos
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    return max(twos, fives)


def _plain_decimal(text: str, scale: int) -> str:
    """The digits ``text`` with the decimal point ``scale`` places from the right."""
    if scale == 0:
        return text
    text = text.rjust(scale + 1, "0")
    return f"{text[:-scale]}.{text[-scale:]}"
