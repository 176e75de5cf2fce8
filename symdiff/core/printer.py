"""Printing expressions as plain text that ``parse`` reads back to an equal tree.

One precedence table decides every parenthesis (the LaTeX printer will share it). The rules
mirror the grammar: sums and products are read left to right and flattened into one n-ary
node, so a nested Add as the first term of an Add needs parentheses to stay nested, and so
on. Output uses explicit ``*``, ``^`` for powers and parentheses on every call.
"""

from __future__ import annotations

from collections.abc import Callable

from .decimals import number_text
from .expr import (
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
from .notation import operator_text
from .traversal import preorder

__all__ = ["PRECEDENCE", "log_subscript", "stream", "to_repr", "to_text", "tree_text"]

# Binding strength of each node kind, loosest first.
SUM, PRODUCT, UNARY, POWER, ATOM = 1, 2, 3, 4, 5
PRECEDENCE: dict[type[Expr], int] = {
    Add: SUM, Sub: SUM,
    Mul: PRODUCT, Div: PRODUCT,
    Neg: UNARY,
    Pow: POWER,
    Number: ATOM, Symbol: ATOM, Constant: ATOM, Call: ATOM, UndefinedCall: ATOM, Log: ATOM, Root: ATOM,
    Derivative: ATOM,  # written d/dx[...], with brackets, so it binds like a call
    Infinity: ATOM,
}


def to_text(expr: Expr, limit: int | None = None) -> str:
    """``expr`` as text with the fewest parentheses that keep its structure.

    With ``limit``, text longer than that is cut there and ends with "…"; the printer stops
    as soon as it has that much, so abbreviating a huge expression costs little.
    """
    return stream(expr, _LAYOUT, limit)


# A layout turns one node into its pieces, in order: strings, and child nodes still to lay out.
Piece = str | Expr
Layout = Callable[[Expr], list[Piece]]


def stream(
    expr: Expr, layouts: dict[type[Expr], Layout], limit: int | None = None,
    nodes: int | None = None, elided: str = "…",
) -> str:
    """Lay out ``expr`` with an explicit stack and join the text once.

    Building each node's text from its children's would copy the text once per level, which is
    quadratic on deep trees; streaming the pieces keeps printing linear in the output.

    ``limit`` cuts the text after that many characters. ``nodes`` instead lays out at most that
    many nodes and writes ``elided`` for each subtree left over: every node laid out still gets
    all its pieces, so brackets opened are closed (LaTeX stays valid where a cut would not).
    """
    out: list[str] = []
    length = 0
    stack: list[Piece] = [expr]
    while stack:
        item = stack.pop()
        if type(item) is str:
            out.append(item)
            length += len(item)
            if limit is not None and length > limit:
                return "".join(out)[:limit] + "…"
        elif nodes is not None and nodes <= 0:
            out.append(elided)
        else:
            if nodes is not None:
                nodes -= 1
            stack.extend(reversed(layouts[type(item)](item)))  # type: ignore[index, arg-type]
    return "".join(out)


def _wrapped(child: Expr, parenthesize: bool) -> list[Piece]:
    return ["(", child, ")"] if parenthesize else [child]


def _chain(node: Expr, level: int, joiner: str) -> list[Piece]:
    """An n-ary sum or product. Its first operand may be a looser-bound node of the same level
    (``a - b + c``) but not one of the same kind, which the parser would merge into this one."""
    first, *rest = node.children
    pieces = _wrapped(first, type(first) is type(node) or PRECEDENCE[type(first)] < level)
    for child in rest:
        pieces.append(joiner)
        # A negation after the first operand gets parentheses only for readability: x*(-y).
        pieces.extend(_wrapped(child, PRECEDENCE[type(child)] <= level or _starts_with_minus(child)))
    return pieces


def _starts_with_minus(node: Expr) -> bool:
    """Whether ``node`` is written starting with a minus: -y, -2*x, -1/x (x - -2*x reads badly)."""
    while type(node) in (Mul, Div):
        node = node.children[0]
    return type(node) is Neg


def _binary(node: Expr, level: int, operator: str) -> list[Piece]:
    left, right = node.children
    return [
        *_wrapped(left, PRECEDENCE[type(left)] < level),
        operator,
        *_wrapped(right, PRECEDENCE[type(right)] <= level or _starts_with_minus(right)),
    ]


def _division(node: Expr) -> list[Piece]:
    pieces = _binary(node, PRODUCT, "/")
    numerator, denominator = node.children
    # The denominator first: its test is what fails (x/2), and a tower x^x^...^x ends deep down.
    if pieces[0] is numerator and _starts_with_d(denominator) and _ends_with_d(numerator):
        # d/dx and dy/dx read as derivatives; the quotient of the names d and dx is (d)/dx.
        return ["(", numerator, ")", *pieces[1:]]
    return pieces


def _ends_with_d(node: Expr) -> bool:
    """Whether ``node`` is written ending in a name that starts with d (or d^2, which d^2/dx^2 starts with)."""
    while True:
        kind = type(node)
        if kind is Symbol:
            return node.name.startswith("d")  # type: ignore[attr-defined]
        if kind is Pow and type(node.children[0]) is Symbol and type(node.children[1]) is Number:
            return node.children[0].name == "d"  # type: ignore[attr-defined]
        if kind not in (Add, Sub, Mul, Div, Pow, Neg) or not node.children:
            return False
        node = node.children[-1]


def _starts_with_d(node: Expr) -> bool:
    while True:
        kind = type(node)
        if kind is Symbol:
            return node.name.startswith("d")  # type: ignore[attr-defined]
        if kind not in (Add, Sub, Mul, Div, Pow) or not node.children:
            return False
        node = node.children[0]


def _neg(node: Expr) -> list[Piece]:
    operand = node.children[0]
    # -(-x) rather than --x, and -(x*y) since -x*y would read as (-x)*y.
    return ["-", *_wrapped(operand, PRECEDENCE[type(operand)] <= UNARY)]


def _pow(node: Expr) -> list[Piece]:
    base, exponent = node.children
    # ^ is right-associative, so x^y^z needs no parentheses; x^(-2) and x^(2*y) do.
    return [
        *_wrapped(base, PRECEDENCE[type(base)] <= POWER),
        "^",
        *_wrapped(exponent, PRECEDENCE[type(exponent)] < POWER),
    ]


def _undefined_name(node: UndefinedCall) -> str:
    return node.name + "'" * node.order


def log_subscript(base: Expr) -> str | None:
    """The base of a logarithm as written after ``log_`` (log_2, log_b, log_e), when the grammar
    reads it so: a whole number, a name, e or pi. Other bases are written log(x, base)."""
    if type(base) is Number:
        digits = number_text(base.value)  # type: ignore[attr-defined]
        return digits if digits.isdigit() else None  # log_2, but log(x, 2.5) and log(x, 1e50)
    if type(base) in (Symbol, Constant):
        return base.name  # type: ignore[attr-defined]
    return None


def _log(node: Expr) -> list[Piece]:
    argument, base = node.children
    subscript = log_subscript(base)
    if subscript is None:
        return ["log(", argument, ", ", base, ")"]
    return [f"log_{subscript}(", argument, ")"]


_LAYOUT: dict[type[Expr], Layout] = {
    Number: lambda node: [number_text(node.value)],  # type: ignore[attr-defined]
    Symbol: lambda node: [node.name],  # type: ignore[attr-defined]
    Constant: lambda node: [node.name],  # type: ignore[attr-defined]
    Infinity: lambda node: ["oo"],
    Add: lambda node: _chain(node, SUM, " + "),
    Sub: lambda node: _binary(node, SUM, " - "),
    Mul: lambda node: _chain(node, PRODUCT, "*"),
    Div: _division,
    Neg: _neg,
    Pow: _pow,
    Call: lambda node: [node.name, "(", node.children[0], ")"],  # type: ignore[attr-defined]
    UndefinedCall: lambda node: [_undefined_name(node), "(", node.children[0], ")"],  # type: ignore[arg-type]
    Log: _log,
    Root: lambda node: ["root(", node.children[0], f", {node.index})"],  # type: ignore[attr-defined]
    Derivative: lambda node: [operator_text(node.variables, ascii_only=True), "[", node.children[0], "]"],  # type: ignore[attr-defined]
}


# --- other views -------------------------------------------------------------------------------


def to_repr(expr: Expr) -> str:
    """The constructor calls that rebuild ``expr``: ``Mul(Number(2), Symbol('x'))``."""
    return stream(expr, _REPR_LAYOUT)


def _repr_layout(node: Expr) -> list[Piece]:
    pieces: list[Piece] = [type(node).__name__, "("]
    children = iter(node.children)
    for i, arg in enumerate(node._args()):
        if i:
            pieces.append(", ")
        # Children are laid out in turn; names, values and orders are Python literals.
        pieces.append(next(children) if isinstance(arg, Expr) else repr(arg))
    pieces.append(")")
    return pieces


_REPR_LAYOUT: dict[type[Expr], Layout] = dict.fromkeys(PRECEDENCE, _repr_layout)


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
            label += f" {_undefined_name(node)}"  # type: ignore[arg-type]
        elif type(node) is Root:
            label += f" {node.index}"  # type: ignore[attr-defined]
        elif type(node) is Derivative:
            label += f" {operator_text(node.variables, ascii_only=True)}"  # type: ignore[attr-defined]
        lines.append(indent * level + label)
    return "\n".join(lines)
