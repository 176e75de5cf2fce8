"""The session's ``:backprop`` and ``:forward``: automatic differentiation at a point.

``:backprop x*y + sin(x), x=1, y=2`` shows both passes, the chain-rule product behind each
adjoint and the gradient; ``:forward x^2 sin x, x=1.5`` each node's value and tangent, and
``:forward x^2 y, x=1, y=2, y`` by y. Commas inside brackets belong to the expression or the
value (``log(x, 2)``). The expression and the values may use the session's names; a variable
that has a value is refused, as for every derivative. ``:latex`` and ``:save`` take the table.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..core.errors import SymdiffError
from ..core.expr import Expr, Symbol
from .autodiff_results import BackpropView, ForwardView, check_forward_variable, read_point, split_top
from .results import Result

__all__ = ["BACKPROP_HELP", "FORWARD_HELP", "backprop_command", "forward_command"]

BACKPROP_HELP = (":backprop <expr>, <x>=<a>[, <y>=<b>...]", "backpropagation at a point: the forward and backward "
                 "passes, each adjoint's chain-rule products, the gradient: :backprop x*y + sin(x), x=1, y=2")
FORWARD_HELP = (":forward <expr>, <x>=<a>[, ...][, <var>]", "forward mode at a point: each node's value and tangent "
                "(by the only variable, or the one named last): :forward x^2 sin x, x=1.5")


class Session(Protocol):
    """What the handlers use of ``repl.Session`` (which imports them, so they cannot import it)."""

    definitions: Any

    def _expression(self, line: str, start: int, end: int | None = None) -> Expr: ...

    def _show(self, result: Result) -> str: ...


def backprop_command(session: Session, line: str, start: int) -> str:
    from ..numeric.backprop import backprop

    expr, point, _ = _fields(session, line, start, ":backprop x*y + sin(x), x=1, y=2", named=False)
    return session._show(BackpropView(backprop(expr, point)))


def forward_command(session: Session, line: str, start: int) -> str:
    from ..numeric.forward_mode import forward_mode

    expr, point, wrt = _fields(session, line, start, ":forward x^2 sin x, x=1.5", named=True)
    check_forward_variable(expr, point, wrt, "name it last, after the point, as in :forward x^2 y, x=1, y=2, {x}")
    return session._show(ForwardView(forward_mode(expr, point, wrt)))


def _fields(session: Session, line: str, start: int, example: str,
            named: bool) -> tuple[Expr, dict[str, float], str | None]:
    """The expression, the point, and (``named``) a variable named last on its own."""
    parts = split_top(line, start)
    (expr_start, expr_end), rest = parts[0], parts[1:]
    if not line[expr_start:expr_end].strip():
        raise SymdiffError(f"give an expression and the point: {example}")
    expr = session._expression(line, expr_start, expr_end)
    wrt = None
    if named and rest and "=" not in line[rest[-1][0]:rest[-1][1]]:
        wrt = Symbol(line[rest[-1][0]:rest[-1][1]].strip()).name
        rest = rest[:-1]

    point = read_point(line, rest, lambda a, b: session._expression(line, a, b), example)
    session.definitions.refuse(list(point))
    return expr, point, wrt
