"""Reading derivative notation: the operator tokens (d/dx, d^2/(dx dy), ∂^2/∂x∂y, D_x, dy/dx)
and the checks that refuse a reading that would be a guess.

The grammar makes each operator one token; here a token becomes the variables it differentiates
by, in the order applied, and a ``Derivative`` node. The builder (``_transformer``) calls these
while the parser runs; ``PARSING`` holds the text being read and the names defined where it is
read, which the checks need, and ``Rejected`` carries a refusal to ``parse``.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from lark import Token

from ..core.errors import ExpressionError, quote
from ..core.expr import MAX_DERIVATIVE_ORDER, NAME_PATTERN, Derivative, Expr, Symbol

__all__ = ["PARSING", "Rejected", "derivative", "derivative_of", "refuse_second_point", "refuse_unclear_reach"]

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# What the parse in progress reads, and the names defined where it is read (a session's
# y = x^2 lets dy/dx through); parse() sets it, the builder's checks read it.
PARSING: ContextVar[tuple[str, frozenset[str]]] = ContextVar("PARSING", default=("", frozenset()))


class Rejected(Exception):
    """Input the grammar accepts but symdiff does not; becomes a ParseError at ``pos``."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


# The pieces of an operator token: the order written on d (or ∂), then each variable below with its power.
_NAME = NAME_PATTERN
_NUMERATOR = re.compile(r"(?:d|∂)(?:\^([0-9]+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|([0-9]+))?[ \t]*/[ \t]*")
_DENOMINATOR = re.compile(rf"(?:d|∂)({_NAME})(?:\^([0-9]+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?")
_EULER = re.compile(rf"D_({_NAME})(?:\^([0-9]+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?")
_OF = re.compile(rf"d(?:\^([0-9]+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?({_NAME})[ \t]*/[ \t]*d({_NAME})(?:\^([0-9]+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?")
_BINARY_AFTER_BRACKET = frozenset("+-−–*/·⋅×÷")


def _count(token: Token, *written: str | None) -> int | None:
    """The order or power written (the first of ``written`` given), refused past
    MAX_DERIVATIVE_ORDER before anything is made of it: d^1000000000/dx^1000000000 made a list
    of a billion variables and never returned."""
    for text in written:
        if text:
            digits = text.translate(_SUPERSCRIPT_DIGITS).lstrip("0") or "0"
            if len(digits) > len(str(MAX_DERIVATIVE_ORDER)) or int(digits) > MAX_DERIVATIVE_ORDER:
                shown = digits if len(digits) <= 12 else f"{digits[:12]}… ({len(digits):,} digits)"
                raise Rejected(f"a derivative of order {shown}: symdiff takes at most {MAX_DERIVATIVE_ORDER}",
                               token.start_pos)
            return int(digits)
    return None


def _operator_variables(token: Token) -> list[str]:
    """The variables an operator token differentiates by, in the order applied (innermost first)."""
    text = str(token).rstrip(" \t[")
    if text.startswith("D_"):
        euler = _EULER.fullmatch(text)
        assert euler is not None  # the token's own pattern
        name, *power = euler.groups()
        return [_variable(name, token)] * (_count(token, *power) or 1)
    numerator = _NUMERATOR.match(text)
    assert numerator is not None
    order = _count(token, *numerator.groups())
    below = [(name, _count(token, *power) or 1) for name, *power in _DENOMINATOR.findall(text, numerator.end())]
    if numerator.group(3) and len(below) == 1 and below[0][1] == 1:
        # d2/dx2, as the session has always read it: the second derivative by x, not the first by x2.
        name, digits = below[0][0], numerator.group(3)
        if name.endswith(digits) and len(name) > len(digits):
            below = [(name[: -len(digits)], int(digits))]
    total = sum(power for _, power in below)
    if order is None:
        order = 1
    if order != total:
        written = " ".join(f"{text[0]}{name}" + (f"^{power}" if power > 1 else "") for name, power in below)
        hint = (f"; for the mixed partial of {', '.join(name for name, _ in _split_names(below))} write "
                f"d^{order}/(dx dy) or ∂^{order}/∂x∂y" if len(below) == 1 and _split_names(below) else "")
        raise Rejected(
            f"{text} is not a derivative symdiff can read: the order on top is {order} but {written} "
            f"below adds up to {total}{hint}",
            token.start_pos,
        )
    # Leibniz writes the variable applied first last: ∂^2/∂x∂y f is ∂/∂x (∂/∂y f).
    return [_variable(name, token) for name, power in reversed(below) for _ in range(power)]


def _split_names(below: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """xdy read as two variables x and y, for a hint when d^2/dxdy runs them together."""
    name = below[0][0]
    parts = name.split("d")
    if len(parts) == 2 and all(parts):
        return [(parts[0], 1), (parts[1], 1)]
    return []


def _variable(name: str, token: Token) -> str:
    try:
        return Symbol(name).name
    except ExpressionError:
        raise Rejected(f"{quote(name)} is a function or constant, not a variable to differentiate by",
                       token.start_pos) from None


def derivative(operator: Token, operand: Expr) -> Expr:
    variables = _operator_variables(operator)
    free = {symbol.name for symbol in operand.free_symbols}
    for name in dict.fromkeys(variables):
        parts = name.split("d")
        if name not in free and len(parts) == 2 and all(part in free for part in parts):
            raise Rejected(
                f"{operator.strip(' [')} differentiates by one variable {name}, which is not in the expression: "
                f"for the mixed partial by {parts[0]} and {parts[1]} write d^2/(d{parts[0]} d{parts[1]}) "
                f"or ∂^2/∂{parts[0]}∂{parts[1]}",
                operator.start_pos,
            )
    return Derivative(operand, tuple(variables))


def derivative_of(token: Token) -> Expr:
    """dy/dx, d^2f/dx^2: the derivative of a defined name, or a refusal naming the readings."""
    match = _OF.fullmatch(str(token))
    assert match is not None
    top_power, top_super, name, wrt, power, superscript = match.groups()
    order = _count(token, top_power, top_super) or 1
    below = _count(token, power, superscript) or 1
    _, defined = PARSING.get()
    if name not in defined:
        raise Rejected(
            f"{token} reads as the derivative of {name}, but {name} is not defined here: write "
            f"d/d{wrt}[...] with the expression, define {name} first (in the session: {name} = x^2), "
            f"or write ({token.split('/')[0].strip()})/{token.split('/')[1].strip()} for a quotient of names",
            token.start_pos,
        )
    if order != below:
        raise Rejected(f"{token}: the order on top is {order} but below it is {below}", token.start_pos)
    return Derivative(Symbol(name), (_variable(wrt, token),) * order)


def refuse_unclear_reach(operator: Token) -> None:
    """d/dx (x^2) + 1 could mean d/dx[x^2] + 1 or d/dx[x^2 + 1]: say so rather than pick one."""
    text, _ = PARSING.get()
    i = operator.end_pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != "(":
        return
    depth, j = 0, i
    while j < len(text):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            break
        j += 1
    k = j + 1
    while k < len(text) and text[k] in " \t":
        k += 1
    if k < len(text) and text[k] in _BINARY_AFTER_BRACKET:
        op, inside = operator.strip(), text[i + 1 : j]
        raise Rejected(
            f"{op} ({inside}) {text[k]} ... is ambiguous: write {op}[{inside}] {text[k]} ... for the derivative "
            f"of the bracket alone, or {op}[...] around everything it applies to",
            operator.start_pos,
        )


def refuse_second_point(token: Token) -> None:
    """1..2 and 3.4.5 are typos, not the products 1*0.2 and 3.4*0.5."""
    text, _ = PARSING.get()
    end = token.end_pos  # a number's token takes every digit and its one point, so a point here is a second
    if end < len(text) and text[end] == ".":
        raise Rejected(f"{text[token.start_pos:end + 2]}… is not a number: a number has at most one decimal point",
                       end)
