"""Exact rational arithmetic for the simplifier: powers and roots that stay small, and the
elementary functions at the exact arguments where a textbook evaluates them (sin(0) = 0)."""

from __future__ import annotations

from fractions import Fraction

__all__ = ["HALF", "MAX_FOLDED_BITS", "ONE", "bounded_power", "exact_root", "special_value", "whole"]

ONE = Fraction(1)
HALF = Fraction(1, 2)

# Exact constant folding stops at numbers this large: 2^2^2^2^2^2 (2^65536) and 10^100 stay
# powers instead of becoming integers of tens of thousands of digits.
MAX_FOLDED_BITS = 256

SPECIAL_VALUES: dict[tuple[str, Fraction], Fraction] = {
    ("sin", Fraction(0)): Fraction(0), ("cos", Fraction(0)): ONE, ("tan", Fraction(0)): Fraction(0),
    ("asin", Fraction(0)): Fraction(0), ("acos", ONE): Fraction(0), ("atan", Fraction(0)): Fraction(0),
    ("sinh", Fraction(0)): Fraction(0), ("cosh", Fraction(0)): ONE, ("tanh", Fraction(0)): Fraction(0),
    ("exp", Fraction(0)): ONE, ("ln", ONE): Fraction(0), ("log", ONE): Fraction(0),
    ("sigmoid", Fraction(0)): HALF, ("sec", Fraction(0)): ONE,
}


def whole(value: int | Fraction) -> int | Fraction:
    """A whole exponent as an int: ints hash and add far faster than Fractions."""
    return value if type(value) is int else value.numerator if value.denominator == 1 else value


def bounded_power(value: Fraction, exponent: Fraction) -> Fraction | None:
    """``value ** exponent`` exactly, if it is rational and not huge; otherwise None."""
    if value == 0:
        return Fraction(0) if exponent > 0 else None
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
    return value**exponent.numerator


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
        return max(value, Fraction(0))
    if name == "heaviside":
        return ONE if value > 0 else Fraction(0)
    return SPECIAL_VALUES.get((name, value))
