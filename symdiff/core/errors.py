"""symdiff's errors: one base class, a subclass per kind of failure.

Every error symdiff raises is a ``SymdiffError`` (a ``ValueError``), so callers can catch one
class; no lark exception or bare Python error escapes the public API.
"""

from __future__ import annotations

__all__ = ["EvaluationError", "ExpressionError", "ParseError", "SymdiffError", "quote"]

# How much of a long line the caret display shows on each side of the fault.
_CONTEXT_HALF_WIDTH = 36


def quote(value: object, limit: int = 40) -> str:
    """``repr(value)`` for an error message, cut to about ``limit`` characters: what a user
    passes can be of any size, and a message must stay one readable line."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an int of over 4,300 digits, a list nested very deep
        return f"a {type(value).__name__} too large to show"
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


class SymdiffError(ValueError):
    """Base class of every error symdiff raises."""


class ExpressionError(SymdiffError):
    """An expression was built from something that is not a valid expression part."""


class EvaluationError(SymdiffError):
    """An expression has no real value at the given point (or a value is missing)."""


class IntegrationError(SymdiffError):
    """An integral that cannot be found or estimated as asked: no rule applies (the integrand is
    named), bad bounds, n or samples, or a singularity in the interval."""


class ParseError(SymdiffError):
    """Text that is not a valid expression.

    ``message`` says in words what was expected or found; ``line`` and ``column`` (both from 1)
    and ``pos`` (from 0) locate the fault in ``text``. ``str(error)`` adds the offending line
    with a caret under the fault.
    """

    def __init__(self, message: str, text: str, pos: int) -> None:
        if not (isinstance(message, str) and isinstance(text, str) and isinstance(pos, int)):
            raise SymdiffError("ParseError takes a message, the text and a position in it (str, str, int)")
        pos = max(0, min(pos, len(text)))
        line_start = text.rfind("\n", 0, pos) + 1
        self.message = message
        self.text = text
        self.pos = pos
        self.line = text.count("\n", 0, pos) + 1
        self.column = pos - line_start + 1
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.message}\n{self.context()}"

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, str, int]]:
        return (type(self), (self.message, self.text, self.pos))

    def context(self) -> str:
        """The faulty line (shortened around the fault when long) with a caret under the fault."""
        line_start = self.pos - (self.column - 1)
        line_end = self.text.find("\n", line_start)
        if line_end == -1:
            line_end = len(self.text)
        line = self.text[line_start:line_end]
        caret = self.column - 1
        left = max(0, caret - _CONTEXT_HALF_WIDTH)
        right = min(len(line), caret + _CONTEXT_HALF_WIDTH)
        shown = line[left:right]
        prefix = "…" if left > 0 else ""
        suffix = "…" if right < len(line) else ""
        # Tabs and other control characters would misplace the caret; show them as spaces.
        shown = "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in shown)
        indent = " " * (2 + len(prefix) + caret - left)
        return f"  {prefix}{shown}{suffix}\n{indent}^"
