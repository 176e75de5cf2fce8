"""Forward mode and backprop as results of the front ends, and the point they are taken at.

``BackpropView`` and ``ForwardView`` give ``numeric``'s results the interface every result of
the command line and the session has (``results.Result``: text at a steps setting, LaTeX, JSON,
files). ``read_point`` reads a point written as ``x=1, y=pi/2``: each value an expression with
no variable, worked out to a number; ``split_top`` splits at the commas outside brackets, so an
expression or a value may hold one (``log(x, 2)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..core.errors import SymdiffError, quote
from ..core.expr import Expr, Symbol
from ..core.printer import to_text
from ..numeric.backprop import BackpropResult
from ..numeric.forward_mode import ForwardResult
from .results import Highlight, Result

__all__ = ["BackpropView", "ForwardView", "read_point", "split_top"]

_ASSIGNMENT = re.compile(r"\s*([^\s=]+)\s*=(?!=)\s*(.*?)\s*", re.DOTALL)
_BRACKETS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def split_top(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The (start, end) of each part of ``text[start:]`` between commas outside brackets."""
    parts, depth, begin = [], 0, start
    for i in range(start, len(text)):
        char = text[i]
        depth += _BRACKETS.get(char, 0)
        if char == "," and depth == 0:
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, len(text)))
    return parts


def check_forward_variable(expr: Expr, point: dict[str, float], wrt: str | None, naming: str) -> None:
    """Refuse, in the front end's own words, what ``forward_mode`` would refuse in Python's
    (``wrt='x'``): no variable named where there are several, or one the point gives no value.
    ``naming`` says how this front end names it, with {x} for a name: ``--wrt {x}``."""
    names = sorted(symbol.name for symbol in expr.free_symbols)
    if wrt is None:
        candidates = sorted(point) if len(point) == 1 else names
        if len(candidates) != 1:
            example = naming.format(x=names[0] if names else "x")
            raise SymdiffError(f"say which variable the derivative is by: {example} (the expression has "
                               f"{', '.join(names) or 'no variable'})")
    elif Symbol(wrt).name not in point:  # Symbol: a reserved word (sin) is refused as such first
        raise SymdiffError(f"the point gives {wrt} no value, so forward mode has nowhere to start from: "
                           f"give {wrt} a value too")


def read_point(text: str, parts: list[tuple[int, int]], value_of: Callable[[int, int], Expr],
               example: str) -> dict[str, float]:
    """The ``name=value`` fields at ``parts`` of ``text`` as a point; ``value_of(start, end)``
    reads the expression at ``text[start:end]`` (so that an error can point into ``text``)."""
    from ..core.evaluate import evaluate

    if not parts:
        raise SymdiffError(f"give the point, each variable's value: {example}")
    point: dict[str, float] = {}
    for begin, end in parts:
        match = _ASSIGNMENT.fullmatch(text, begin, end)
        if match is None or not match.group(2):
            raise SymdiffError(f"{quote(text[begin:end].strip())} is not a variable's value: write name=value, as in "
                               f"{example}")
        name = Symbol(match.group(1)).name
        if name in point:
            raise SymdiffError(f"{name} is given two values")
        value = value_of(match.start(2), match.end(2))
        if value.free_symbols:
            names = ", ".join(sorted(s.name for s in value.free_symbols))
            raise SymdiffError(f"the value of {name} must be a number, not {to_text(value, 40)} (it has {names} in it)")
        point[name] = evaluate(value)
    return point


class BackpropView(Result):
    """A backprop table: both passes, the chain-rule products, the gradient."""

    kind = "backprop"
    singular, plural = "backprop table", "backprop tables"

    def __init__(self, result: BackpropResult) -> None:
        self.result = result
        self.what = f"backprop on {to_text(result.expr, 60)}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        if steps == "off":
            return self.result.summary()
        return f"{self.result.table()}\n\nbackward pass, each adjoint from its parents:\n{self.result.explain()}"

    def answer(self) -> str:
        return self.result.summary()

    def answer_latex(self) -> str:
        return self.result.summary_latex()

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        return self.result.to_latex(standalone=standalone)

    def to_json(self) -> dict[str, object]:
        r = self.result
        names = dict(zip((row.node for row in r.rows), r.names, strict=True))
        return {
            "kind": "backprop", "expr": to_text(r.expr), "at": _plain(r.at), "wrt": list(r.wrt),
            "value": _plain(r.value), "gradient": _plain(r.gradient),
            "nodes": [{"name": name, "operation": row.operation, "expression": to_text(row.node),
                       "value": _plain(row.value), "adjoint": _plain(row.adjoint),
                       "locals": [{"child": names.get(child, to_text(child)), "slope": _plain(slope)}
                                  for child, slope in row.locals]}
                      for name, row in zip(r.names, r.rows, strict=True)],
        }  # fmt: skip


class ForwardView(Result):
    """A forward-mode table: each node's value and tangent."""

    kind = "forward mode"
    singular, plural = "forward-mode table", "forward-mode tables"

    def __init__(self, result: ForwardResult) -> None:
        self.result = result
        self.what = f"forward mode on {to_text(result.expr, 60)} by {result.wrt}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        return self.answer() if steps == "off" else self.result.table()

    def answer(self) -> str:
        return self.result.summary()

    def answer_latex(self) -> str:
        return self.result.summary_latex()

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        return self.result.to_latex(standalone=standalone)

    def to_json(self) -> dict[str, object]:
        r = self.result
        return {
            "kind": "forward mode", "expr": to_text(r.expr), "at": _plain(r.at), "wrt": r.wrt,
            "value": _plain(r.value), "derivative": _plain(r.derivative),
            "nodes": [{"name": name, "expression": to_text(row.node), "value": _plain(row.value),
                       "tangent": _plain(row.tangent)} for name, row in zip(r.names, r.rows, strict=True)],
        }  # fmt: skip


def _plain(value: Any) -> Any:
    """Numbers, arrays and dicts of them as JSON-ready Python values."""
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if value is None or isinstance(value, float | int):
        return value
    return value.tolist()  # a NumPy array
