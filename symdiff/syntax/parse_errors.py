"""Turning lark's parse failures into a sentence about the user's own text.

``explain`` gets lark's exception and returns (message, position). It names what was
expected in words ("an exponent", "an expression") and what came instead, never a terminal
name such as ``RPAR`` or ``__ANON_0``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.errors import quote

if TYPE_CHECKING:
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

__all__ = ["explain", "misspelt_log_base"]

# Terminals that can begin an expression (or a function's argument).
_STARTERS = frozenset({
    "NUMBER", "NAME", "CONSTANT", "INFINITY", "FUNC", "LOG_BASE", "UNDEFINED", "LPAR", "SQRT_SIGN", "PLUS_MINUS",
    "OPERATOR", "OPERATOR_BRACKET", "DERIVATIVE_OF",
})

# Characters the grammar never accepts, with what a person probably meant.
_CHARACTER_ADVICE = {
    ";": "';' is not part of symdiff's syntax: type one expression",
    "=": "'=' is not part of an expression: type the expression alone (x^2 + 1, not y = x^2 + 1)",
    "<": "'<' is not part of an expression: symdiff reads expressions, not inequalities",
    ">": "'>' is not part of an expression: symdiff reads expressions, not inequalities",
    "[": "use '(' and ')' for grouping; square brackets only follow a derivative, as in d/dx[x^2]",
    "]": "use '(' and ')' for grouping; square brackets only follow a derivative, as in d/dx[x^2]",
    "{": "use '(' and ')' for grouping",
    "}": "use '(' and ')' for grouping",
    "|": "write abs(x) for |x|",
    "!": "'!' (factorial) is not supported",
    "'": "a prime (') may only follow f, g or h before '(', as in f'(x)",
    "\\": "LaTeX commands are not read: write sqrt(x) and sin(x), not \\sqrt{x} and \\sin x",
    "_": "a name starts with a letter; '_' may only follow one, as in x_1",
}


_COMMA_ADVICE = (
    "',' only separates the two arguments of log(x, b) and root(x, n); other functions take one "
    "argument, and decimals use '.' (2.5)"
)
_FUNCTION_TOKENS = ("FUNC", "LOG_BASE")
_ARGUMENT_STARTS = frozenset({"NAME", "NUMBER", "CONSTANT"})  # what a textbook argument starts with


def explain(error: UnexpectedInput, text: str, parser: Lark) -> tuple[str, int]:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    stop = error.pos_in_stream if isinstance(error, UnexpectedCharacters) else len(text)
    misspelt = misspelt_log_base(text, stop, parser)
    if misspelt is not None:
        return misspelt
    if isinstance(error, UnexpectedCharacters):
        return _bad_character(text, error.pos_in_stream)
    if isinstance(error, UnexpectedToken):
        return _bad_token(error.token, set(error.expected), text, parser)
    return "this is not a valid expression", getattr(error, "pos_in_stream", 0) or 0


def misspelt_log_base(text: str, stop: int, parser: Lark) -> tuple[str, int] | None:
    """A log_ word before ``stop`` whose base is neither digits nor a name (log_2x): the first
    fault in the text, wherever the parser stopped after it."""
    from ._transformer import log_base_problem

    for token in _tokens_before(text, stop, parser):
        problem = log_base_problem(str(token)) if token.type == "LOG_BASE" else None
        if problem is not None:
            return problem, token.start_pos
    return None


def _bad_character(text: str, pos: int) -> tuple[str, int]:
    char = text[pos]
    if char in _CHARACTER_ADVICE:
        return _CHARACTER_ADVICE[char], pos
    if char.isalpha():
        return f"{quote(char)} cannot be used in a name: names use Latin or Greek letters, digits and '_'", pos
    return f"unexpected character {quote(char)}", pos


def _bad_token(found: Token, expected: set[str], text: str, parser: Lark) -> tuple[str, int]:
    at_end = found.type == "$END"
    pos = len(text.rstrip()) if at_end else found.start_pos
    before = _tokens_before(text, pos, parser)
    previous = before[-1] if before else None
    found_text = "but the input ended" if at_end else f"found {_describe(found)}"
    unclosed = _unclosed_parentheses(before)

    if found.type == "COMMA":
        return _COMMA_ADVICE, pos
    if not at_end and found.type == "RPAR" and not unclosed:
        return "unmatched ')': there is no '(' before it", pos
    if previous is not None and previous.type == "LPAR" and found.type == "RPAR":
        return "empty parentheses: put an expression between '(' and ')'", pos
    if len(before) >= 2 and before[-2].type in _FUNCTION_TOKENS and previous is not None and previous.type == "POW":
        return _after_function_power(before[-2], found), pos
    if at_end and "RSQB" in expected:
        opening = next(token for token in reversed(before) if token.type == "OPERATOR_BRACKET")
        return f"missing ']': the '[' at {_place(text, opening.end_pos - 1)} is never closed", pos
    if at_end and unclosed and "RPAR" in expected:
        opening = unclosed[-1]
        return f"missing ')': the '(' at {_place(text, opening.start_pos)} is never closed", pos
    if previous is not None and previous.type in ("OPERATOR", "OPERATOR_BRACKET"):
        operator = previous.strip(" \t[")
        return f"{operator} needs the expression to differentiate after it, as in {operator} x^2, {found_text}", pos
    head, length = _function_head(before)
    signs = 0  # sin x^-cos x: signs between the ^ and the function
    while head is not None and len(before) > length + signs and before[-1 - length - signs].type == "PLUS_MINUS":
        signs += 1
    if head is not None and not at_end and found.type in _ARGUMENT_STARTS and len(before) > length + signs \
            and before[-1 - length - signs].type == "POW":
        # sin x^cos x: inside a textbook argument an exponent takes only a closed call, or the
        # argument of sin would not know where it ends (e^cos x alone is e^(cos x))
        sign = "".join(before[len(before) - length - signs:len(before) - length])
        return (f"a function in an exponent inside the argument of another function needs parentheses: "
                f"write ^{sign}{head}({found}), or put the whole power in parentheses"), pos
    if head is not None:
        return f"expected the argument of {head} (as in {head}(x) or {head} x), {found_text}", pos
    if expected <= _STARTERS:  # an operand must come next
        if previous is None:
            return f"expected an expression, {found_text}", pos
        wanted = "an exponent" if previous.type == "POW" else "an expression"
        return f"expected {wanted} after {_quote(previous)}, {found_text}", pos
    return f"unexpected {_describe(found)}", pos


def _function_head(before: list[Token]) -> tuple[str | None, int]:
    """``sin``, ``sin^2`` or ``sin²`` when the tokens end with a function still missing its
    argument, and how many tokens it is."""
    kinds = ["FUNC" if token.type in _FUNCTION_TOKENS else token.type for token in before[-3:]]
    for shape in (["FUNC"], ["FUNC", "SUPERSCRIPT"], ["FUNC", "POW", "NUMBER"]):
        if kinds[-len(shape):] == shape:
            return "".join(before[-len(shape):]), len(shape)
    return None, 0


def _after_function_power(function: Token, found: Token) -> str:
    name = str(function)
    if found.type == "PLUS_MINUS" and found in ("-", "−", "–"):
        inverse = f"write a{name}(x) for the inverse function or " if name in ("sin", "cos", "tan") else "write "
        return f"{name}^-1 is ambiguous: {inverse}({name} x)^-1 for the reciprocal"
    return f"only a whole power can follow {name}^ (as in {name}^2 x); for other powers write ({name} x)^y"


def _tokens_before(text: str, pos: int, parser: Lark) -> list[Token]:
    """The tokens that end at or before ``pos`` (the input before the fault lexes cleanly)."""
    from lark.exceptions import UnexpectedInput

    tokens = []
    try:
        for token in parser.lex(text[:pos]):
            tokens.append(token)
    except UnexpectedInput:
        pass
    return tokens


def _unclosed_parentheses(tokens: list[Token]) -> list[Token]:
    opened: list[Token] = []
    for token in tokens:
        if token.type == "LPAR":
            opened.append(token)
        elif token.type == "RPAR" and opened:
            opened.pop()
    return opened


def _describe(token: Token) -> str:
    if token.type == "$END":
        return "the end of the input"
    if token.type == "NAME":
        return f"the name {quote(str(token))}"
    if token.type == "NUMBER":
        return f"the number {token}" if len(token) <= 40 else f"the number {token[:40]}… ({len(token):,} digits)"
    if token.type in _FUNCTION_TOKENS:
        return f"the function {quote(str(token))}"
    return _quote(token)


def _quote(token: Token) -> str:
    return f"'{token}'"


def _place(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"column {column}" if "\n" not in text else f"line {line}, column {column}"
