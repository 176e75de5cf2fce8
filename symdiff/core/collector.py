"""Pausing Python's cycle collector for the duration of one large computation."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from .expr import forget_equal_pairs

__all__ = ["collector_paused"]

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with Python's cycle collector paused (and restored after).

    Differentiation allocates hundreds of thousands of small objects that form no reference
    cycles (trees are immutable, memos are plain dicts), so the collector's passes, which grow
    with the memos they re-scan, find nothing to free: pausing it saves 15-50% on large inputs.
    Anything cyclic made meanwhile is still collected by its first pass after the call. The
    pairs of equal trees the call remembered (``core.expr``) are let go at its end.
    """

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            forget_equal_pairs()  # the outermost call is done: its trees may go
            gc.enable()

    return paused
