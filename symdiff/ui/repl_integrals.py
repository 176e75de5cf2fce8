"""The session's ``:integrate``: an antiderivative, or a definite integral by a method.

``:integrate x e^x`` finds the antiderivative with every rule; ``:integrate sin x, 0, pi`` the
definite integral exactly by the Fundamental Theorem (``oo`` bounds: improper, by limits);
``:integrate e^(-x^2), 0, 1, adaptive`` or ``:integrate x^2, 0, 1, simpson, 10`` numerically.
The variable is the expression's only one, else x; the result is the last one for ``:latex``
and ``:save``, and ``_`` stands for an antiderivative or an exact value afterwards.
"""

from __future__ import annotations

from typing import Protocol

from ..core.errors import SymdiffError, quote
from ..core.expr import Expr, Symbol
from .integral_results import INTEGRATION_METHODS, worked_integral
from .reading import interval_count, trailing_fields
from .results import Result

__all__ = ["INTEGRATE_HELP", "integrate_command"]

INTEGRATE_HELP = (":integrate <expr>[, <a>, <b>[, <method>[, <n>]]]",
                  "an antiderivative with its steps, or the integral from a to b: exactly by the Fundamental "
                  "Theorem (a bound may be oo), or by adaptive, simpson, trapezoid, midpoint, left, right: "
                  ":integrate x e^x; :integrate sin x, 0, pi; :integrate 1/x^2, 1, oo; "
                  ":integrate e^(-x^2), 0, 1, adaptive")
_EXAMPLE = ":integrate sin x, 0, pi"


class Session(Protocol):
    """What this command uses of the session (``repl.Session``, which imports this module)."""

    def _read(self, line: str, start: int, end: int | None = None) -> tuple[Expr, Expr]: ...

    def _variable(self, expr: Expr) -> Symbol: ...

    def _refuse_written(self, raw: Expr, hint: str = "") -> None: ...

    def _show(self, result: Result) -> str: ...


def integrate_command(session: Session, line: str, start: int) -> str:
    expr_end, fields = trailing_fields(line, start, 4)
    if not line[start:expr_end].strip():
        raise SymdiffError(f"give the integrand: :integrate x e^x, or with bounds {_EXAMPLE}")
    if len(fields) == 1:
        raise SymdiffError(f"give both bounds, or neither for an antiderivative: {_EXAMPLE}")
    raw, expr = session._read(line, start, expr_end)
    if not expr.free_symbols:
        session._refuse_written(raw)  # :integrate x^2 after x = 3
    variable = session._variable(expr)
    a, b = (fields[0], fields[1]) if fields else (None, None)
    method = fields[2].lower() if len(fields) > 2 else "exact"
    if method not in INTEGRATION_METHODS:
        raise SymdiffError(f"unknown method {quote(fields[2])}: use one of {', '.join(INTEGRATION_METHODS)}")
    n = interval_count(fields[3]) if len(fields) > 3 else None
    return session._show(worked_integral(expr, variable, a, b, method, n))
