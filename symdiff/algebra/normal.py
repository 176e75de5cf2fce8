"""The simplifier's normal form: a sum of terms, each an exact coefficient times a product of
factors ``base^exponent``, as ``{monomial: coefficient}`` with monomials as tuples of
``(base, exponent)`` in canonical order. ``{}`` is 0 and ``{(): c}`` the constant c."""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import (
    Add,
    Call,
    Constant,
    Derivative,
    Div,
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

__all__ = [
    "ATOMIC_BASES", "CONSTANT", "KEPT_UNDER_ROOTS", "NUMERIC", "UNDEFINED_MONOMIAL", "ZERO",
    "Exponent", "FactorKey", "Monomial", "Normal", "is_sum", "undefined",
]

# A factor's exponent: an exact number, or a (presented, non-constant) expression such as y.
Exponent = Fraction | Expr
Monomial = tuple[tuple[Expr, Exponent], ...]
# While factors are merged they are keyed by base and by whether the exponent is symbolic:
# x^x and x^-1 stay apart (x^x/x, not x^(x - 1)), which keeps repeated derivatives compact.
FactorKey = tuple[Expr, bool]
Normal = dict[Monomial, Fraction]  # {(): c} is the constant c; {} is 0

NUMERIC = (int, Fraction)
ZERO = Number(0)  # a numeric exponent: int when whole (fast to hash and add), else Fraction
CONSTANT: Monomial = ()

# Bases that stay one factor whatever their power. Any other base (-x, x*y, y/x) is kept whole
# only under a fractional power: written out to a whole power it reads back as a product.
ATOMIC_BASES = (Symbol, Constant, Call, UndefinedCall, Log, Root, Number, Derivative, Infinity)
KEPT_UNDER_ROOTS = (Neg, Mul, Div, Pow)  # every kind that is neither atomic nor a sum


# A division by zero: 0^-1 = 1/0. It absorbs everything it meets (1/0 + x, x*(1/0), sin(1/0) are
# all undefined), so two of them never cancel to a value: 1/0 - 1/0 is undefined, not 0.
UNDEFINED_MONOMIAL: Monomial = ((ZERO, -1),)


def undefined() -> Normal:
    return {UNDEFINED_MONOMIAL: 1}


def is_sum(expr: Expr) -> bool:
    return type(expr) in (Add, Sub)
