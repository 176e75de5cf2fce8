"""The elementary functions symdiff knows: names, aliases and real-valued implementations.

This table is the single list of functions; the grammar's FUNC terminal must name exactly
these names and aliases (a test checks), and the differentiator's table (next) keys on them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ALIASES", "FUNCTIONS", "UNDEFINED_FUNCTION_NAMES", "FunctionInfo", "canonical_name"]


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
        FunctionInfo("sinh", math.sinh, _ANY),
        FunctionInfo("cosh", math.cosh, _ANY),
        FunctionInfo("tanh", math.tanh, _ANY),
        FunctionInfo("exp", math.exp, _ANY),
        FunctionInfo("log", _ln, "needs a positive argument"),
        FunctionInfo("ln", _ln, "needs a positive argument"),
        FunctionInfo("sqrt", math.sqrt, "needs a non-negative argument"),
        FunctionInfo("abs", abs, _ANY),
        FunctionInfo("sigmoid", _sigmoid, _ANY),
        FunctionInfo("softplus", _softplus, _ANY),
        FunctionInfo("relu", _relu, _ANY),
        # The unit step, relu's derivative; heaviside(0) = 0 matches symdiff's choice relu'(0) = 0.
        FunctionInfo("heaviside", _heaviside, _ANY),
    )
}

# Other spellings that mean the same function; the tree stores the canonical name.
# (ln and log are both canonical: each is the standard printed form somewhere.)
ALIASES: dict[str, str] = {"arcsin": "asin", "arccos": "acos", "arctan": "atan"}

# Names that, directly followed by "(", apply an undefined function: f(x), g'(x).
UNDEFINED_FUNCTION_NAMES: frozenset[str] = frozenset({"f", "g", "h"})


def canonical_name(name: str) -> str | None:
    """The stored name of the function spelled ``name``, or None if there is no such function."""
    name = ALIASES.get(name, name)
    return name if name in FUNCTIONS else None
