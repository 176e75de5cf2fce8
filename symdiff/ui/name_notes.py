"""Notes for names that look like a function written another way: what the front ends add to an
answer when the grammar read ``sinx`` as one name, or ``sinn(x)`` as the product ``sinn*x``.

The grammar's reading stays as README documents it (a name is everything up to the next
character that cannot be in one; only known functions and f, g, h are called); these notes only
say so, where a student most likely meant a function: a function word followed by an argument
written into the name (``sinx``, ``ln2x``; ``cost`` only when t is in the expression too), a
name that is not a function but is called, with the function it is closest to, and a power of e
or a number run into a name (``e^2x`` is e^2*x).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from ..core.expr import NAME_PATTERN, Expr
from ..core.functions import FUNCTION_WORDS, UNDEFINED_FUNCTION_NAMES

__all__ = ["name_notes", "print_name_notes"]

# A name directly followed by "(" (spaces between): where a call was likely meant.
_CALLED = re.compile(rf"(?<![A-Za-z0-9_])({NAME_PATTERN})\s*\(")
# e or a number to a number run into a name, e^2x: read as e^2*x, though e^(2x) is what is meant.
_POWER_RUN = re.compile(rf"(?<![A-Za-z0-9_.])(e|\d+(?:\.\d+)?)\^(-?\d+(?:\.\d+)?)({NAME_PATTERN})")
# What follows a function word inside a name, read as its argument: digits, then one letter.
_ARGUMENT = re.compile(r"\d*[A-Za-z]")
# The longest words first: sinhx is sinh and x, not sin and hx.
_WORDS = sorted(FUNCTION_WORDS, key=len, reverse=True)
_MOST_NOTES = 3  # a line full of such names gets the first few: the point is made
_LONGEST_GROUP = 40  # a longer parenthesized group is shown as (...)


def name_notes(text: str, expr: Expr, known: Iterable[str] = ()) -> list[str]:
    """Sentences about the names in ``expr`` (read from ``text``) that look like a function
    written as a name; ``known`` are names the session defines, which are meant as written."""
    defined = set(known)
    names = {symbol.name for symbol in expr.free_symbols} - defined
    notes: list[str] = []
    for name in sorted(names):
        split = _function_and_argument(name)
        if split is None:
            continue
        word, argument = split
        if argument == "x" or argument[0].isdigit() or argument in names:
            notes.append(f"{name} is read as one name, not {word}({argument}): write {word} {argument} or "
                         f"{word}({argument}) for the function")
    called: set[str] = set()
    for found in _CALLED.finditer(text):
        name = found.group(1)
        if name not in names or name in called or len(name) == 1 or name in UNDEFINED_FUNCTION_NAMES:
            continue
        called.add(name)
        group = _parenthesized(text, found.end() - 1)
        close = _closest_functions(name)
        hint = f" (did you mean {_listed(close)}?)" if close else ""
        notes.append(f"{name}{group} is read as the product {name}*{group}: {name} is not a function symdiff "
                     f"knows{hint}")
    for found in _POWER_RUN.finditer(text):
        base, exponent, name = found.groups()
        if name not in FUNCTION_WORDS:
            power = f"{base}^({exponent})" if exponent.startswith("-") else f"{base}^{exponent}"
            notes.append(f"{found.group(0)} is read as {power}*{name}: write {base}^({exponent}{name}) for the power "
                         f"{exponent}{name}")
    return notes[:_MOST_NOTES]


def _parenthesized(text: str, start: int) -> str:
    """The parenthesized group that opens at ``text[start]``, or (...) when it is long or open."""
    depth = 0
    for end in range(start, min(len(text), start + _LONGEST_GROUP)):
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        if depth == 0:
            return text[start:end + 1]
    return "(...)"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _function_and_argument(name: str) -> tuple[str, str] | None:
    """(function word, argument) when ``name`` is a function word followed by an argument."""
    for word in _WORDS:
        if name.startswith(word) and _ARGUMENT.fullmatch(name[len(word):]):
            return word, name[len(word):]
    return None


def _closest_functions(name: str) -> list[str]:
    """The function words one edit from ``name`` (a letter added, dropped, changed or two swapped),
    or that ``name`` starts with (sine, tanh2)."""
    close = [word for word in FUNCTION_WORDS if _one_edit(name, word)]
    if not close:
        close = [word for word in _WORDS if name.startswith(word)][:1]
    # the likeliest first: a word the name starts with (sinn: sin), then one as long (sinh)
    close.sort(key=lambda word: (not name.startswith(word), abs(len(word) - len(name)), word))
    return close[:3]


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def print_name_notes(text: str) -> None:
    """The notes on ``text``, on standard error as the command line writes them; nothing for
    text that does not parse (the command says why)."""
    from ..core.errors import SymdiffError
    from ..syntax.parser import parse

    try:
        expr = parse(text)
    except SymdiffError:
        return
    for note in name_notes(text, expr):
        print(f"symdiff: note: {note}", file=sys.stderr)
