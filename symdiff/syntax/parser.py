"""``parse``: text to expression tree, through the Lark grammar in ``grammar/symdiff.lark``
(installed beside this module as ``symdiff/syntax/symdiff.lark``).

Lark and the LALR tables are built on the first call, once (``import symdiff`` stays light).
The transformer builds nodes during the parse, so no parse tree is ever materialised. Every
failure leaves here as a ``ParseError`` with a position and a sentence; lark's exceptions
never reach the caller.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.errors import ParseError, SymdiffError, quote
from ..core.expr import Expr
from .bounds import MAX_INPUT_LENGTH

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["grammar_text", "parse", "to_expr"]

_GRAMMAR_NAME = "symdiff.lark"


def parse(text: str, *, defined: Iterable[str] = ()) -> Expr:
    """The expression tree for ``text``, e.g. ``parse("3x^2 sin x")``.

    ``defined`` names the names that stand for something (a session's ``y = x^2``): only for
    those does ``dy/dx`` read as a derivative; for others it is refused with the readings.

    Raises ``ParseError`` (with ``line``, ``column`` and a caret display) for anything that is
    not an expression, and for input past ``MAX_INPUT_LENGTH`` characters or ``MAX_DEPTH``
    levels of nesting.
    """
    if not isinstance(text, str):
        raise SymdiffError(f"parse needs a string, not {type(text).__name__}")
    if len(text) > MAX_INPUT_LENGTH:
        raise ParseError(
            f"the input is {len(text):,} characters long; symdiff reads at most {MAX_INPUT_LENGTH:,}",
            text,
            MAX_INPUT_LENGTH,
        )
    if not text.strip():
        raise ParseError("the input is empty: type an expression such as x^2 sin x", text, len(text))
    from lark.exceptions import UnexpectedInput

    if isinstance(defined, str) or not all(isinstance(name, str) for name in defined):
        raise SymdiffError(f"defined is a collection of names such as {{'y'}}, not {quote(defined)}")
    from .derivatives import PARSING, Rejected
    from .parse_errors import explain, misspelt_log_base

    parser = _lark()
    context = PARSING.set((text, frozenset(defined)))
    try:
        return parser.parse(text)  # type: ignore[no-any-return]
    except Rejected as rejected:
        message, pos = misspelt_log_base(text, rejected.pos, parser) or (rejected.message, rejected.pos)
        raise ParseError(message, text, pos) from None
    except UnexpectedInput as error:
        message, pos = explain(error, text, parser)
        raise ParseError(message, text, pos) from None
    finally:
        PARSING.reset(context)


def to_expr(value: object, *, keep_derivatives: bool = False) -> Expr:
    """An expression from text (parsed), a tree (as it is) or a Python number.

    Derivatives written in it (``d/dx[x^2]``) are worked out, unless ``keep_derivatives``
    (``derive`` shows them being worked out)."""
    from ..core.expr import as_expr
    from ..core.operators import worked_out

    tree = parse(value) if isinstance(value, str) else as_expr(value)
    return tree if keep_derivatives else worked_out(tree)


def grammar_text() -> str:
    """The grammar, from the installed package or, in a source checkout, from ``grammar/``."""
    from importlib import resources  # here, not at import time: it costs a third of `import symdiff`
    from pathlib import Path

    packaged = resources.files("symdiff.syntax").joinpath(_GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_checkout = Path(__file__).resolve().parents[2] / "grammar" / _GRAMMAR_NAME
    if in_checkout.is_file():
        return in_checkout.read_text(encoding="utf-8")
    raise SymdiffError(f"symdiff's grammar file {_GRAMMAR_NAME} is missing; reinstall symdiff")


@functools.cache
def _lark() -> Lark:
    from lark import Lark

    from ._transformer import ExpressionBuilder

    # No cache=True: it would load a pickle from a predictable temporary path, and building
    # these tables takes milliseconds.
    return Lark(grammar_text(), parser="lalr", lexer="basic", transformer=ExpressionBuilder())
