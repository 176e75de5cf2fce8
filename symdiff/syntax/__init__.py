"""Reading what a person types: the Lark grammar, the parser and its error messages.

Lives here: ``parser`` (``parse`` and ``to_expr``, and loading ``grammar/symdiff.lark``, the
single source of syntax), ``_transformer`` (builds nodes while lark parses, so no parse tree
is materialised), ``derivatives`` (derivative notation's operator tokens as variables, and the
refusals of readings that would be guesses), ``parse_errors`` (a lark failure as a sentence about the user's own text,
with a caret) and ``bounds`` (how long, deep and precise an input may be).

May import: ``symdiff.core``. Lark is imported on the first parse, never at import time.
"""
