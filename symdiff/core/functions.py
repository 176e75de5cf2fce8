"""The elementary functions symdiff knows: names, aliases and real-valued implementations.

This table is the single list of functions; the grammar's FUNC terminal must name exactly
these names and aliases (a test checks), and the differentiator's table (next) keys on them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "ALIASES", "FIXED_BASE_LOGS", "FUNCTIONS", "FUNCTION_WORDS", "LOG_BASE_PREFIX", "ROOT_NAME",
    "UNDEFINED_FUNCTION_NAMES", "FunctionInfo", "canonical_name",
]


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    """One elementary function of one real argument."""

    name: str
    real: Callable[[float], float]
    domain: str  # completes "<name>(a) is undefined: <name> ..." in evaluation errors


def _sec(t: float) -> float:
    return 1.0 / math.cos(t)


def _csc(t: float) -> float:
    return 1.0 / math.sin(t)


def _cot(t: float) -> float:
    return math.cos(t) / math.sin(t)


def _sigmoid(t: float) -> float:
    # Two branches so that exp never overflows: sigmoid(-1000) is 0.0, not an error.
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    z = math.exp(t)
    return z / (1.0 + z)


def _softplus(t: float) -> float:
    # log(1 + e^t) without overflow for large t.
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def _relu(t: float) -> float:
    return t if t > 0 else 0.0


def _heaviside(t: float) -> float:
    return 1.0 if t > 0 else 0.0


def _ln(t: float) -> float:
    return math.log(t)


# The inverse reciprocal functions are those of the reciprocal: asec(t) = acos(1/t), as in SymPy
# and most tables. acot takes the range (0, pi), acot(t) = pi/2 - atan(t), as calculus books do:
# it is continuous, and d/dx acot(x) = -1/(1 + x^2) holds everywhere (SymPy's atan(1/t) jumps at 0).
def _asec(t: float) -> float:
    return math.acos(1.0 / t)


def _acsc(t: float) -> float:
    return math.asin(1.0 / t)


def _acot(t: float) -> float:
    return math.pi / 2 - math.atan(t)


def _sech(t: float) -> float:
    # 2/(e^t + e^-t) written with e^-|t| only, so sech(1000) is 0.0 rather than an overflow.
    small = math.exp(-abs(t))
    return 2.0 * small / (1.0 + small * small)


def _csch(t: float) -> float:
    if t == 0:
        raise ZeroDivisionError("csch(0)")
    # 1 - e^-2|t| as -expm1(-2|t|): the plain difference loses all but |t|/1e-16 of its digits near 0.
    small = math.exp(-abs(t))
    return math.copysign(2.0 * small / -math.expm1(-2.0 * abs(t)), t)


def _coth(t: float) -> float:
    return 1.0 / math.tanh(t)


def _sign(t: float) -> float:
    return float((t > 0) - (t < 0))


_ANY = "is defined for every real number"

FUNCTIONS: dict[str, FunctionInfo] = {
    info.name: info
    for info in (
        FunctionInfo("sin", math.sin, _ANY),
        FunctionInfo("cos", math.cos, _ANY),
        FunctionInfo("tan", math.tan, "needs cos(a) to be non-zero"),
        FunctionInfo("sec", _sec, "needs cos(a) to be non-zero"),
        FunctionInfo("csc", _csc, "needs sin(a) to be non-zero"),
        FunctionInfo("cot", _cot, "needs sin(a) to be non-zero"),
        FunctionInfo("asin", math.asin, "needs an argument from -1 to 1"),
        FunctionInfo("acos", math.acos, "needs an argument from -1 to 1"),
        FunctionInfo("atan", math.atan, _ANY),
        FunctionInfo("asec", _asec, "needs an argument a with |a| >= 1"),
        FunctionInfo("acsc", _acsc, "needs an argument a with |a| >= 1"),
        FunctionInfo("acot", _acot, _ANY),
        FunctionInfo("sinh", math.sinh, _ANY),
        FunctionInfo("cosh", math.cosh, _ANY),
        FunctionInfo("tanh", math.tanh, _ANY),
        FunctionInfo("sech", _sech, _ANY),
        FunctionInfo("csch", _csch, "needs a non-zero argument"),
        FunctionInfo("coth", _coth, "needs a non-zero argument"),
        FunctionInfo("asinh", math.asinh, _ANY),
        FunctionInfo("acosh", math.acosh, "needs an argument of at least 1"),
        FunctionInfo("atanh", math.atanh, "needs an argument strictly between -1 and 1"),
        FunctionInfo("exp", math.exp, _ANY),
        FunctionInfo("log", _ln, "needs a positive argument"),
        FunctionInfo("ln", _ln, "needs a positive argument"),
        FunctionInfo("sqrt", math.sqrt, "needs a non-negative argument"),
        # The real cube root: cbrt(-8) = -2, where x^(1/3) has no real value for x < 0.
        FunctionInfo("cbrt", math.cbrt, _ANY),
        FunctionInfo("abs", abs, _ANY),
        FunctionInfo("sign", _sign, _ANY),  # -1, 0 or 1; abs(x)' = sign(x) away from 0
        FunctionInfo("sigmoid", _sigmoid, _ANY),
        FunctionInfo("softplus", _softplus, _ANY),
        FunctionInfo("relu", _relu, _ANY),
        # The unit step, relu's derivative; heaviside(0) = 0 matches symdiff's choice relu'(0) = 0.
        FunctionInfo("heaviside", _heaviside, _ANY),
    )
}

# Other spellings that mean the same function; the tree stores the canonical name.
# (ln and log are both canonical: each is the standard printed form somewhere.)
ALIASES: dict[str, str] = {
    "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsec": "asec", "arccsc": "acsc", "arccot": "acot",
    "arsinh": "asinh", "arcsinh": "asinh", "arcosh": "acosh", "arccosh": "acosh", "artanh": "atanh",
    "arctanh": "atanh",
}

# Functions with a parameter, each its own node kind (``expr.Log``, ``expr.Root``): the logarithm
# to a base, log(x, b), with log2 and log10 naming fixed bases and log_2 x, log_b x the textbook
# spellings (a name that starts with LOG_BASE_PREFIX is never a symbol); and root(x, n).
FIXED_BASE_LOGS: dict[str, int] = {"log2": 2, "log10": 10}
LOG_BASE_PREFIX = "log_"
ROOT_NAME = "root"

# Every word the grammar reads as a function name (its FUNC terminal lists exactly these).
FUNCTION_WORDS: frozenset[str] = frozenset(FUNCTIONS) | frozenset(ALIASES) | frozenset(FIXED_BASE_LOGS) | {ROOT_NAME}

# Names that, directly followed by "(", apply an undefined function: f(x), g'(x).
UNDEFINED_FUNCTION_NAMES: frozenset[str] = frozenset({"f", "g", "h"})


def canonical_name(name: str) -> str | None:
    """The stored name of the function spelled ``name``, or None if there is no such function."""
    name = ALIASES.get(name, name)
    return name if name in FUNCTIONS else None
