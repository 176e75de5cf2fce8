"""Exact rational arithmetic for the simplifier: powers and roots that stay small, and the
elementary functions at the exact arguments where a textbook evaluates them (sin(0) = 0)."""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = [
    "HALF", "MAX_FOLDED_BITS", "ONE", "Rational", "bounded_power", "exact_log", "exact_root",
    "perfect_powers_out", "ratio", "real_root", "special_value", "surd_parts", "whole",
]

# Coefficients and exponents are ints when whole and Fractions otherwise: int arithmetic is
# many times faster, and an int equals (and hashes as) the Fraction of the same value.
Rational = int | Fraction
ONE = 1
HALF = Fraction(1, 2)

# Exact constant folding stops at numbers this large: 2^2^2^2^2^2 (2^65536) and 10^100 stay
# powers instead of becoming integers of tens of thousands of digits.
MAX_FOLDED_BITS = 256

SPECIAL_VALUES: dict[tuple[str, Rational], Rational] = {
    ("sin", 0): 0, ("cos", 0): 1, ("tan", 0): 0, ("asin", 0): 0, ("acos", 1): 0, ("atan", 0): 0,
    ("sinh", 0): 0, ("cosh", 0): 1, ("tanh", 0): 0, ("exp", 0): 1, ("ln", 1): 0, ("log", 1): 0,
    ("sigmoid", 0): HALF, ("sec", 0): 1, ("asec", 1): 0, ("sech", 0): 1,
    ("asinh", 0): 0, ("acosh", 1): 0, ("atanh", 0): 0,
}


def whole(value: Rational) -> Rational:
    """A whole number as an int: ints hash and add far faster than Fractions."""
    return value if type(value) is int else value.numerator if value.denominator == 1 else value


def ratio(a: Rational, b: Rational) -> Rational:
    """a / b exactly (``/`` on two ints would give a float)."""
    if type(a) is int and type(b) is int and a % b == 0:
        return a // b
    return whole(Fraction(a) / b)


def bounded_power(value: Rational, exponent: Rational) -> Rational | None:
    """``value ** exponent`` exactly, if it is rational and not huge; otherwise None."""
    if value == 0:
        return 0 if exponent > 0 else None
    if value == 1:
        return ONE
    if exponent.denominator != 1:
        if value < 0:
            return None
        root_n = exact_root(value.numerator, exponent.denominator)
        root_d = exact_root(value.denominator, exponent.denominator)
        if root_n is None or root_d is None:
            return None
        return bounded_power(Fraction(root_n, root_d), Fraction(exponent.numerator))
    bits = max(value.numerator.bit_length(), value.denominator.bit_length())
    if bits * abs(exponent.numerator) > max(MAX_FOLDED_BITS, bits):  # a reciprocal never grows
        return None
    return whole(Fraction(value) ** exponent.numerator)  # an int to a negative power would be a float


def exact_root(value: int, degree: int) -> int | None:
    if value.bit_length() > MAX_FOLDED_BITS * 4 or degree > 64:
        return None
    guess = round(value ** (1 / degree)) if value.bit_length() < 1000 else None
    if guess is None:
        return None
    for candidate in (guess - 1, guess, guess + 1):
        if candidate >= 0 and candidate**degree == value:
            return candidate
    return None


def special_value(name: str, value: Fraction) -> Fraction | None:
    if name == "abs":
        return abs(value)
    if name == "relu":
        return max(value, 0)
    if name == "heaviside":
        return 1 if value > 0 else 0
    if name == "sign":
        return (value > 0) - (value < 0)
    if name == "cbrt":
        return real_root(value, 3)
    return SPECIAL_VALUES.get((name, value))


def real_root(value: Rational, index: int) -> Rational | None:
    """The real ``index``-th root of ``value`` if it is rational (root(-8, 3) = -2, root(1/16, 4) = 1/2);
    None if it is irrational, not real (an even root of a negative) or too large to find."""
    if value < 0:
        if index % 2 == 0:
            return None
        positive = real_root(-value, index)
        return None if positive is None else -positive
    top = exact_root(value.numerator, index)
    bottom = exact_root(value.denominator, index)
    return None if top is None or bottom is None else ratio(top, bottom)


def exact_log(value: Rational, base: Rational) -> Rational | None:
    """log_base(value) if it is a rational p/q with a small q: log_2(8) = 3, log_10(1/100) = -2,
    log_4(2) = 1/2. The guess comes from floats; only an exact check of base^p = value^q accepts it."""
    if value <= 0 or base <= 0 or base == 1:
        return None
    if value == 1:
        return 0
    guess = Fraction(_log(value) / _log(base)).limit_denominator(64)
    if not guess:
        return None
    exact = bounded_power(Fraction(base), guess)
    return whole(guess) if exact is not None and exact == value else None


def _log(value: Rational) -> float:
    return math.log(value.numerator) - math.log(value.denominator)  # no float overflow on huge ratios


# Trial divisors tried for a perfect power in a root: sqrt(8), sqrt(72), cbrt(250), as a person
# writes them; a factor above this stays under the root (a value kept, not a wrong one).
_LARGEST_DIVISOR = 1000


def perfect_powers_out(value: int, degree: int) -> tuple[int, int]:
    """(k, m) with k^degree * m = ``value`` (> 0) and no d^degree (d <= 1000) dividing m: the part
    of a ``degree``-th root that comes out of it, root(72, 2) = 6*root(2, 2)."""
    if degree >= value.bit_length():
        return 1, value  # 2^degree > value: no perfect power of degree divides it (nor is built)
    out, divisor = 1, 2
    power = divisor**degree
    while power <= value and divisor <= _LARGEST_DIVISOR:
        while value % power == 0:
            value //= power
            out *= divisor
        divisor += 1
        power = divisor**degree
    return out, value


def surd_parts(value: object, exponent: Fraction) -> tuple[Fraction, int, Fraction] | None:
    """``value ** exponent`` (a whole number > 1 to a fractional power) as ``c * m ** r`` with
    the perfect powers of ``m`` taken out of the root and ``r`` between 0 and 1, as (c, m, r):
    8^(1/2) = 2*2^(1/2), 2^(3/2) = 2*2^(1/2), 2^(-1/2) = 1/2*2^(1/2), 72^(-1/2) = 1/12*2^(1/2):
    a denominator rationalized, as a textbook does; None when it is already so written, or the
    number c would be too large to fold."""
    if type(value) is not int or value < 2 or exponent.denominator == 1:
        return None
    p, q = exponent.numerator, exponent.denominator
    out, base = perfect_powers_out(value, q)
    whole_part = p // q  # down: the root's power between 0 and 1, 2^(-1/2) = 2^(1/2)/2 (one form for one value)
    if out == 1 and whole_part == 0:
        return None
    if out.bit_length() * abs(p) + base.bit_length() * abs(whole_part) > MAX_FOLDED_BITS:
        return None
    return Fraction(out) ** p * Fraction(base) ** whole_part, base, exponent - whole_part
