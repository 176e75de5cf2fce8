"""LaTeX for expressions, names and prose, and the document that holds them.

Expressions are laid out with the same streaming printer and precedence table as plain text,
so parentheses are decided in one place and printing stays linear on deep trees. Worked
solutions are set by ``symdiff.calculus.trace_latex``, which builds on this module.

Nothing a person typed reaches TeX unescaped: names are letters, digits and ``_`` (the
grammar and ``Symbol`` allow nothing else) and are spelled out here; every piece of prose goes
through ``escape_text``, which turns each TeX special character into a harmless command.
"""

from __future__ import annotations

import functools
import re
import unicodedata

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
from .notation import is_partial, operator_latex
from .printer import ATOM, POWER, PRECEDENCE, PRODUCT, SUM, UNARY, Layout, Piece, stream

__all__ = ["GREEK_NAMES", "PAGE_SETUP", "document", "escape_text", "expr_latex", "layout", "symbol_latex"]

GREEK_NAMES = frozenset({
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
    "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
})  # fmt: skip

# Functions LaTeX knows as operators (\sin x); the rest are written upright by name.
_OPERATORS = {
    "sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "sec": r"\sec", "csc": r"\csc", "cot": r"\cot",
    "asin": r"\arcsin", "acos": r"\arccos", "atan": r"\arctan",
    "asec": r"\operatorname{arcsec}", "acsc": r"\operatorname{arccsc}", "acot": r"\operatorname{arccot}",
    "sinh": r"\sinh", "cosh": r"\cosh", "tanh": r"\tanh",
    "sech": r"\operatorname{sech}", "csch": r"\operatorname{csch}", "coth": r"\coth",
    "asinh": r"\operatorname{arsinh}", "acosh": r"\operatorname{arcosh}", "atanh": r"\operatorname{artanh}",
    "sign": r"\operatorname{sgn}",
    "exp": r"\exp", "ln": r"\ln", "log": r"\log", "sigmoid": r"\sigma",
    "softplus": r"\operatorname{softplus}", "relu": r"\operatorname{ReLU}", "heaviside": r"\operatorname{H}",
}  # fmt: skip

# Written with their argument always in parentheses: \sigma(x), not \sigma x.
_NAMED = frozenset({"sigmoid", "softplus", "relu", "heaviside", "sign"})

_TEXT_ESCAPES = {  # math-mode glyphs where the text ones would need fonts beyond amsmath's
    "\\": r"$\backslash$", "{": r"\{", "}": r"\}", "$": r"{\char36}", "&": r"\&", "#": r"\#",
    "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"$\sim$",
    "<": r"$<$", ">": r"$>$", "|": r"$|$", "…": r"\ldots{}",
    # symbols of mathematics in prose (a note on a ∂-derivative, an area's Δx, n ≤ 50)
    "∂": r"$\partial$", "∫": r"$\int$", "√": r"$\surd$",
    "≤": r"$\le$", "≥": r"$\ge$", "≠": r"$\ne$", "≈": r"$\approx$", "±": r"$\pm$", "→": r"$\to$",
    "·": r"$\cdot$", "×": r"$\times$", "∞": r"$\infty$", "−": "-", "–": "--", "—": "---", "′": "'",
    "²": r"$^{2}$", "³": r"$^{3}$", "‘": "`", "’": "'", "“": "``", "”": "''",
}  # fmt: skip


def expr_latex(expr: Expr, names: dict[str, str] | None = None, max_nodes: int | None = None) -> str:
    r"""``expr`` as LaTeX math (without the surrounding ``$``).

    ``names`` overrides how particular symbols are written (the rule formulas use it for u').
    ``max_nodes`` writes at most that many nodes, and ``\cdots`` for each part left out.
    """
    if not names:
        return stream(expr, _LAYOUT, nodes=max_nodes, elided=r"\cdots")
    layout = dict(_LAYOUT)
    layout[Symbol] = lambda node: [names.get(node.name) or symbol_latex(node.name)]  # type: ignore[attr-defined]
    return stream(expr, layout, nodes=max_nodes, elided=r"\cdots")


@functools.lru_cache(maxsize=4096)  # a long answer writes the same few names thousands of times
def symbol_latex(name: str) -> str:
    """A name as a textbook writes it: ``x_1`` as x_{1}, ``theta`` as \\theta, ``w_1_2`` as w_{1,2},
    ``x1`` as x_{1}, ``cost`` as \\mathit{cost}."""
    head, *subscripts = [part for part in name.split("_") if part]
    digits = re.search(r"\d+$", head)
    if digits and digits.start() > 0:
        subscripts.insert(0, digits.group())
        head = head[: digits.start()]
    text = _name_part(head)
    if subscripts:
        text += "_{" + ",".join(_name_part(part) for part in subscripts) + "}"
    return text


def _name_part(part: str) -> str:
    if part in GREEK_NAMES:
        return "\\" + part
    if part.isascii():
        return part if len(part) == 1 or part.isdigit() else rf"\mathit{{{part}}}"
    return "".join(_greek(char) for char in part)


def _greek(char: str) -> str:
    """One character of a name: ASCII as it is, a Greek letter as its command (α as \\alpha)."""
    if char.isascii():
        return char if char.isalnum() else ""
    words = unicodedata.name(char, "").split()  # "GREEK SMALL LETTER ALPHA"
    if len(words) != 4 or words[0] != "GREEK":
        return "?"
    letter = words[3].lower()
    if words[1] == "CAPITAL":
        letter = letter.capitalize()
    if letter in GREEK_NAMES:
        return "\\" + letter + " "
    return {"omicron": "o", "Omicron": "O"}.get(letter, letter[0].upper() if words[1] == "CAPITAL" else letter[0])


def escape_text(text: str) -> str:
    """Prose for a TeX document: every special character made literal, nothing left to run."""
    out = []
    for char in text:
        if char in _TEXT_ESCAPES:
            out.append(_TEXT_ESCAPES[char])
        elif char.isascii():
            out.append(char if char.isprintable() else " ")
        elif unicodedata.name(char, "").startswith("GREEK"):
            out.append("$" + _greek(char).strip() + "$")
        elif (accented := _accented(char)) is not None:
            out.append(accented)
        else:
            out.append("?")
    return "".join(out)


# The ASCII a note writes for arrows, infinity and inequalities (u -> -oo, x != 1), as symbols.
_ASCII_SYMBOLS = re.compile(r"->|!=|<=|>=|(?<![A-Za-z0-9_])oo(?![A-Za-z0-9_])")
_ASCII_TO_UNICODE = {"->": "→", "!=": "≠", "<=": "≤", ">=": "≥", "oo": "∞"}


def escape_prose(text: str) -> str:
    """``escape_text`` of a sentence written for a terminal: its ASCII -> and oo set as → and ∞,
    its != <= >= as ≠ ≤ ≥ (a limit's note: sin(u) oscillates ... as u -> -oo)."""
    return escape_text(_ASCII_SYMBOLS.sub(lambda match: _ASCII_TO_UNICODE[match.group()], text))


# Accents TeX sets over a letter: L'Hôpital is L'H\^{o}pital (the default fonts have no ô).
_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0327": "c"}


def _accented(char: str) -> str | None:
    base, *marks = unicodedata.normalize("NFD", char)
    if len(marks) != 1 or marks[0] not in _ACCENTS or not (base.isascii() and base.isalpha()):
        return None
    accent = _ACCENTS[marks[0]]
    return f"\\{accent}{{{base}}}" if accent != "c" else f"\\c{{{base}}}"


# --- expression layout ----------------------------------------------------------------------------


def _paren(child: Expr, parenthesize: bool) -> list[Piece]:
    return [r"\left(", child, r"\right)"] if parenthesize else [child]


def _number(node: Expr) -> list[Piece]:
    text = number_text(node.value)  # type: ignore[attr-defined]
    if "e" in text:  # 6.02e23 as 6.02 \times 10^{23}
        mantissa, exponent = text.split("e")
        return [rf"{mantissa} \times 10^{{{exponent}}}" if mantissa != "1" else f"10^{{{exponent}}}"]
    return [text]


def _sum(node: Expr) -> list[Piece]:
    first, *rest = node.children
    pieces = _paren(first, type(first) is type(node))
    for child in rest:
        pieces += [" + ", *_paren(child, type(child) in (Add, Sub) or _starts_with_minus(child))]
    return pieces


def _difference(node: Expr) -> list[Piece]:
    left, right = node.children
    return [*_paren(left, False), " - ", *_paren(right, type(right) in (Add, Sub) or _starts_with_minus(right))]


def _starts_with_minus(node: Expr) -> bool:
    """Whether ``node`` is set starting with a minus: -y, -2 x (a fraction's bar keeps its minus inside)."""
    while type(node) is Mul:
        node = node.children[0]
    return type(node) is Neg


def _product(node: Expr) -> list[Piece]:
    first, *rest = node.children
    pieces = _paren(first, type(first) is Mul or PRECEDENCE[type(first)] < PRODUCT)
    previous = first
    for child in rest:
        # Juxtaposition, as in 2 x \sin x, except before a number (2 \cdot 3, x \cdot 2^{x})
        # and after a factor 0 or 1, which would otherwise read as digits: 1 \cdot u.
        starts_with_digit = type(child) is Number or (type(child) is Pow and type(child.children[0]) is Number)
        unit = type(previous) is Number and previous.value in (0, 1)  # type: ignore[attr-defined]
        pieces.append(r" \cdot " if starts_with_digit or unit else " ")
        previous = child
        pieces += _paren(child, PRECEDENCE[type(child)] <= UNARY and type(child) is not Div)
    # A function written with a bare argument (\sin x) and another factor after it would read as
    # the function of both: sin(x)*y is \sin\left(x\right) y, not \sin x y, which is sin(x*y).
    # From the right, so that a replacement does not move the pieces still to be looked at (fuzz
    # seed 2060: sin(x)^2*(-sin(x)) put -\sin x in the exponent's place); a factor in parentheses
    # of its own, \left(-\sin x\right), ends before anything follows it.
    for index in range(len(pieces) - 2, -1, -1):
        piece = pieces[index]
        if isinstance(piece, Expr) and pieces[index + 1] != r"\right)" and _bare_argument(piece):
            pieces[index:index + 1] = _with_parenthesized_argument(piece)
    return pieces


def _bare_argument(node: Expr) -> bool:
    r"""Whether ``node`` is written as a function of an argument without parentheses (\sin x,
    \sin^{2} x, \log_{2} x, -\sin x)."""
    if type(node) is Neg:
        node = node.children[0]
    if type(node) is Pow:
        base, exponent = node.children
        if not (type(base) is Call and _written_as_power_of_function(base, exponent)):
            return False  # (\exp 2)^{2}: the call is in parentheses already
        node = base
    kind = type(node)
    if kind is Call and (node.name in _NAMED or node.name in _ENCLOSING):  # type: ignore[attr-defined]
        return False  # \sigma(x), \sqrt{x}, |x|: enclosed already
    return kind in (Call, Log) and _argument(node.children[0])[0] != r"\left("


_ENCLOSING = frozenset({"sqrt", "cbrt", "abs"})


def _with_parenthesized_argument(node: Expr) -> list[Piece]:
    if type(node) is Neg:  # -\sin\left(x\right)
        return ["-", *_with_parenthesized_argument(node.children[0])]
    pieces = layout(node)
    argument = node.children[0] if type(node) is not Pow else node.children[0].children[0]
    return [*pieces[:-2], r"\left(", argument, r"\right)"]


def _negation(node: Expr) -> list[Piece]:
    operand = node.children[0]
    return ["-", *_paren(operand, type(operand) in (Add, Sub, Neg))]


def _written_as_power_of_function(base: Expr, exponent: Expr) -> bool:
    r"""Whether the power base^exponent of a call is written \sin^{2} x: a number power of a named
    function but exp and sigmoid (a negative power would read as the inverse function)."""
    return base.name in _OPERATORS and base.name not in ("exp", "sigmoid") and type(exponent) is Number  # type: ignore[attr-defined]


def _power(node: Expr) -> list[Piece]:
    base, exponent = node.children
    if type(base) is Call and _written_as_power_of_function(base, exponent):
        # sin(x)^2 as \sin^{2} x; a negative power would read as the inverse function, so only these.
        return [_OPERATORS[base.name], "^{", exponent, "}", *_call(base)[1:]]  # type: ignore[attr-defined]
    bare = PRECEDENCE[type(base)] == ATOM and type(base) not in (Call, UndefinedCall, Log, Root)
    if type(base) is Number and not isinstance(base.value, int):  # type: ignore[attr-defined]
        bare = False  # (2.5)^{x}, not 2.5^{x}
    return [*_paren(base, not bare), "^{", exponent, "}"]


def _argument(argument: Expr) -> list[Piece]:
    if type(argument) in (Symbol, Constant) or (type(argument) is Number and isinstance(argument.value, int)):  # type: ignore[attr-defined]
        return [r"\,", argument] if type(argument) is Number else [" ", argument]
    return [r"\left(", argument, r"\right)"]


def _call(node: Expr) -> list[Piece]:
    name, argument = node.name, node.children[0]  # type: ignore[attr-defined]
    if name == "sqrt":
        return [r"\sqrt{", argument, "}"]
    if name == "cbrt":
        return [r"\sqrt[3]{", argument, "}"]
    if name == "abs":
        return [r"\left|", argument, r"\right|"]
    if name in _NAMED:
        return [_OPERATORS[name], r"\left(", argument, r"\right)"]
    return [_OPERATORS[name], *_argument(argument)]


def _undefined_call(node: Expr) -> list[Piece]:
    name, order, argument = node.name, node.order, node.children[0]  # type: ignore[attr-defined]
    marks = "'" * order if order <= 3 else f"^{{({order})}}"
    return [name + marks, r"\left(", argument, r"\right)"]


def _derivative(node: Expr) -> list[Piece]:
    variables = node.variables  # type: ignore[attr-defined]
    operand = node.children[0]
    # A partial derivative (∂) when the function has variables besides the one differentiated by.
    partial = is_partial({s.name for s in operand.free_symbols}, variables)
    operator = operator_latex(variables, [symbol_latex(v) for v in variables], partial=partial)
    return [operator, r"\left[", operand, r"\right]"]


def _log(node: Expr) -> list[Piece]:
    argument, base = node.children  # \log_{2} x, \log_{b} \left(x + 1\right)
    return [r"\log_{", base, "}", *_argument(argument)]


_LAYOUT: dict[type[Expr], Layout] = {
    Number: _number,
    Symbol: lambda node: [symbol_latex(node.name)],  # type: ignore[attr-defined]
    Constant: lambda node: [r"\pi" if node.name == "pi" else "e"],  # type: ignore[attr-defined]
    Infinity: lambda node: [r"\infty"],
    Add: _sum,
    Sub: _difference,
    Mul: _product,
    Div: lambda node: [r"\frac{", node.children[0], "}{", node.children[1], "}"],
    Neg: _negation,
    Pow: _power,
    Call: _call,
    UndefinedCall: _undefined_call,
    Log: _log,
    Root: lambda node: [rf"\sqrt[{node.index}]{{", node.children[0], "}"],  # type: ignore[attr-defined]
    Derivative: _derivative,
}
assert set(_LAYOUT) == set(PRECEDENCE) and SUM < PRODUCT < UNARY < POWER < ATOM


def layout(node: Expr) -> list[Piece]:
    """One node's LaTeX pieces, as ``expr_latex`` lays it out: strings, and its children still
    to write (``symdiff.core.latex_lines`` breaks a long expression between them)."""
    return _LAYOUT[type(node)](node)


# The page the printers break lines for: 11pt type on a text block 17 cm wide, on A4 or letter
# paper alike, displays set flush left 1 em in (symdiff.core.latex_lines measures in this type's
# em: 17 cm is 44 of them, 43 after the indent).
PAGE_SETUP = (r"\documentclass[11pt,fleqn]{article}", r"\usepackage{amsmath}",
              r"\usepackage[textwidth=17cm,textheight=23cm]{geometry}", r"\setlength{\mathindent}{1em}")


def document(blocks: list[str], title: str = "Worked derivatives") -> str:
    """A complete LaTeX document around ``blocks``; it needs only the amsmath and geometry
    packages (both in TeX Live's smallest LaTeX set, Debian's texlive-latex-base)."""
    return "\n".join([
        *PAGE_SETUP,
        r"\allowdisplaybreaks",  # a long worked solution runs on to the next page
        r"\setlength{\parindent}{0pt}",
        r"\setlength{\jot}{6pt}",  # room between rows of fractions
        r"\begin{document}",
        rf"\section*{{{escape_text(title)}}}",
        *blocks,
        r"\end{document}",
        "",
    ])  # fmt: skip
