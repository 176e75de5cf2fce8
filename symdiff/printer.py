"""Printing expressions as plain text that ``parse`` reads back to an equal tree.

One precedence table decides every parenthesis (the LaTeX printer will share it). The rules
mirror the grammar: sums and products are read left to right and flattened into one n-ary
node, so a nested Add as the first term of an Add needs parentheses to stay nested, and so
on. Output uses explicit ``*``, ``^`` for powers and parentheses on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from .expr import (
    Add, Call, Constant, Div, Expr, Mul, Neg, Number, Pow, Sub, Symbol, UndefinedCall,
)
from .traversal import fold, preorder

__all__ = ["PRECEDENCE", "to_text", "to_repr", "tree_text", "number_text"]

# Binding strength of each node kind, loosest first.
SUM, PRODUCT, UNARY, POWER, ATOM = 1, 2, 3, 4, 5
PRECEDENCE: dict[type[Expr], int] = {
    Add: SUM, Sub: SUM,
    Mul: PRODUCT, Div: PRODUCT,
    Neg: UNARY,
    Pow: POWER,
    Number: ATOM, Symbol: ATOM, Constant: ATOM, Call: ATOM, UndefinedCall: ATOM,
}


def to_text(expr: Expr) -> str:
    """``expr`` as text with the fewest parentheses that keep its structure."""
    return fold(expr, _text)


def _text(node: Expr, parts: list[str]) -> str:
    return _TEXT[type(node)](node, parts)


def _wrap(child: Expr, text: str, parenthesize: bool) -> str:
    return f"({text})" if parenthesize else text


def _chain(node: Expr, parts: list[str], level: int, same: type[Expr], joiner: str) -> str:
    """An n-ary sum or product. Its first operand may be a looser-bound node of the same level
    (``a - b + c``) but not one of the same kind, which the parser would merge into this one."""
    children = node.children
    pieces = [_wrap(children[0], parts[0], type(children[0]) is same or PRECEDENCE[type(children[0])] < level)]
    for child, text in zip(children[1:], parts[1:]):
        # A negation after the first operand gets parentheses only for readability: x*(-y).
        pieces.append(_wrap(child, text, PRECEDENCE[type(child)] <= level or type(child) is Neg))
    return joiner.join(pieces)


def _binary(node: Expr, parts: list[str], level: int, operator: str) -> str:
    left, right = node.children
    left_text = _wrap(left, parts[0], PRECEDENCE[type(left)] < level)
    right_text = _wrap(right, parts[1], PRECEDENCE[type(right)] <= level or type(right) is Neg)
    return f"{left_text}{operator}{right_text}"


def _neg(node: Expr, parts: list[str]) -> str:
    operand = node.children[0]
    # -(-x) rather than --x, and -(x*y) since -x*y would read as (-x)*y.
    return "-" + _wrap(operand, parts[0], PRECEDENCE[type(operand)] <= UNARY)


def _pow(node: Expr, parts: list[str]) -> str:
    base, exponent = node.children
    base_text = _wrap(base, parts[0], PRECEDENCE[type(base)] <= POWER)
    # ^ is right-associative, so x^y^z needs no parentheses; x^(-2) and x^(2*y) do.
    exponent_text = _wrap(exponent, parts[1], PRECEDENCE[type(exponent)] < POWER)
    return f"{base_text}^{exponent_text}"


def _call(node: Expr, parts: list[str]) -> str:
    return f"{node.name}({parts[0]})"  # type: ignore[attr-defined]


def _undefined(node: Expr, parts: list[str]) -> str:
    return f"{node.name}{chr(39) * node.order}({parts[0]})"  # type: ignore[attr-defined]


_TEXT: dict[type[Expr], Callable[[Expr, list[str]], str]] = {
    Number: lambda node, parts: number_text(node.value),  # type: ignore[attr-defined]
    Symbol: lambda node, parts: node.name,  # type: ignore[attr-defined]
    Constant: lambda node, parts: node.name,  # type: ignore[attr-defined]
    Add: lambda node, parts: _chain(node, parts, SUM, Add, " + "),
    Sub: lambda node, parts: _binary(node, parts, SUM, " - "),
    Mul: lambda node, parts: _chain(node, parts, PRODUCT, Mul, "*"),
    Div: lambda node, parts: _binary(node, parts, PRODUCT, "/"),
    Neg: _neg,
    Pow: _pow,
    Call: _call,
    UndefinedCall: _undefined,
}


# --- numbers -----------------------------------------------------------------------------------

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


def number_text(value: int | Fraction) -> str:
    """An exact decimal with a finite expansion: plain (2.5, 1500, 0.001), or scientific when
    that is much shorter (1e-10, 6.02e23)."""
    if isinstance(value, int) or value.denominator == 1:
        digits, scale = int(value), 0
    else:
        scale = _decimal_scale(value.denominator)  # value = digits / 10**scale, digits whole
        digits = value.numerator * 10**scale // value.denominator
    plain = _plain_decimal(digits, scale)
    if digits == 0:
        return plain
    all_digits = _int_text(digits)
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


def _plain_decimal(digits: int, scale: int) -> str:
    text = _int_text(digits)
    if scale == 0:
        return text
    text = text.rjust(scale + 1, "0")
    return f"{text[:-scale]}.{text[-scale:]}"


# --- other views -------------------------------------------------------------------------------


def to_repr(expr: Expr) -> str:
    """The constructor calls that rebuild ``expr``: ``Mul(Number(2), Symbol('x'))``."""

    def combine(node: Expr, parts: list[str]) -> str:
        name = type(node).__name__
        if type(node) is Number:
            return f"{name}({node._args()[0]!r})"
        if not node.children:
            return f"{name}({node._args()[0]!r})"
        if type(node) is Call:
            return f"{name}({node.name!r}, {parts[0]})"  # type: ignore[attr-defined]
        if type(node) is UndefinedCall:
            order = f", {node.order}" if node.order else ""  # type: ignore[attr-defined]
            return f"{name}({node.name!r}, {parts[0]}{order})"  # type: ignore[attr-defined]
        return f"{name}({', '.join(parts)})"

    return fold(expr, combine)


def tree_text(expr: Expr, indent: str = "  ") -> str:
    """One line per node, children indented under their parent: how symdiff read the input."""
    lines = []
    for node, level in preorder(expr):
        label = type(node).__name__
        if type(node) is Number:
            label += f" {number_text(node.value)}"  # type: ignore[attr-defined]
        elif type(node) in (Symbol, Constant, Call):
            label += f" {node.name}"  # type: ignore[attr-defined]
        elif type(node) is UndefinedCall:
            label += f" {node.name}{chr(39) * node.order}"  # type: ignore[attr-defined]
        lines.append(indent * level + label)
    return "\n".join(lines)
