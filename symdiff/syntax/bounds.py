"""The bounds on what ``parse`` accepts, shared by the parser and the tree builder."""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "MAX_INPUT_LENGTH", "MAX_NUMBER_DIGITS"]

# Bounds on what parse accepts. Parsing is linear and every traversal is iterative, so these
# protect time and memory, not the Python stack. Lark's LALR parser handles ~150,000 tokens a
# second here, so the longest input parses in well under a second (250,000 characters took 1.5 s,
# and reading one back after printing it twice that, too close to the fuzz harness's 5 s under
# load); a tree 2,000 levels deep is far beyond any formula a person writes (a 2,000-term chain
# of - or / nests that deep too).
MAX_INPUT_LENGTH = 100_000
MAX_DEPTH = 2_000
MAX_NUMBER_DIGITS = 1_000  # digits of a literal, and the largest power of ten it may carry
