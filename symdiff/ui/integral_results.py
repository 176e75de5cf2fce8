"""Integrals as results: an antiderivative, an exact definite integral, or a numeric estimate.

``worked_integral`` is what the command line's ``symdiff integrate`` and the session's
``:integrate`` call: without bounds it finds an antiderivative (``symdiff.antiderivative``), with
bounds it integrates by the method asked for (``exact`` by the Fundamental Theorem, ``adaptive``
quadrature, or a Riemann sum, the trapezoid or Simpson's rule). Each result explains itself and
gives LaTeX, JSON and Markdown like every other (``results.Result``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.errors import IntegrationError, quote
from ..core.expr import Expr, Symbol
from ..core.latex import expr_latex
from ..core.printer import to_text
from .results import AreaResult, Highlight, Result

if TYPE_CHECKING:
    from ..calculus.antiderivative import Antiderivation
    from ..numeric.exact_integral import ExactIntegral

__all__ = ["INTEGRATION_METHODS", "AntiderivativeResult", "ExactIntegralResult", "worked_integral"]

# What a bounded integral can be computed by; "exact" first: it is the default.
INTEGRATION_METHODS = ("exact", "adaptive", "left", "right", "midpoint", "trapezoid", "simpson")


class AntiderivativeResult(Result):
    """An antiderivative with its worked solution; ``value`` (``_`` afterwards) is F without + C."""

    kind = singular = "antiderivative"
    plural = "antiderivatives"

    def __init__(self, found: Antiderivation) -> None:
        self.antiderivative = found
        self.value = found.result
        self.what = f"the antiderivative ∫ {to_text(found.expr, 60)} d{found.wrt.name}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        if steps == "off":
            return self.answer()
        return self.antiderivative.explain(brief=steps == "brief", highlight=highlight)

    def answer(self) -> str:
        return f"{self.antiderivative.result} + C"

    def answer_latex(self) -> str:
        return expr_latex(self.antiderivative.result) + " + C"

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        return self.antiderivative.to_latex(standalone=standalone)

    def to_json(self) -> dict[str, object]:
        return {"kind": "antiderivative", **self.antiderivative.to_json()}


class ExactIntegralResult(Result):
    """A definite integral found exactly; ``value`` is the exact answer when it converges."""

    kind = singular = "definite integral"
    plural = "definite integrals"

    def __init__(self, found: ExactIntegral) -> None:
        self.integral = found
        self.value = found.value if found.converges else None
        self.what = f"the integral {found.notation()}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        if steps == "off":
            return self.answer()
        return self.integral.working()

    def answer(self) -> str:
        found = self.integral
        if not found.converges:
            return str(found)
        approx = f"{float(found):.12g}"
        return str(found.value) if approx == str(found.value) else f"{found.value} ≈ {approx}"

    def answer_latex(self) -> str:
        found = self.integral
        if found.value is None:
            return r"\text{diverges}"
        return expr_latex(found.value) + ("" if found.converges else r"\ \text{(diverges)}")

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        return self.integral.to_latex(standalone=standalone)

    def to_json(self) -> dict[str, object]:
        return {"kind": "definite integral", **self.integral.to_json()}


def worked_integral(expr: Expr | str, var: str | Symbol | None = None, a: object = None, b: object = None,
                    method: str = "exact", n: int | None = None) -> Result:
    """The integral as a result: an antiderivative when ``a`` and ``b`` are both None, else the
    definite integral by ``method`` (one of INTEGRATION_METHODS; ``n`` for the sums)."""
    if not isinstance(method, str) or method.lower() not in INTEGRATION_METHODS:
        raise IntegrationError(f"unknown method {quote(method)}: use one of {', '.join(INTEGRATION_METHODS)}")
    method = method.lower()
    if (a is None) != (b is None):
        raise IntegrationError("give both bounds (from and to) for a definite integral, or neither for an "
                               "antiderivative")
    if a is None:
        if method != "exact" or n is not None:
            raise IntegrationError("an antiderivative has no method or n: give the bounds to estimate an area")
        from ..calculus.antiderivative import antiderivative

        try:
            return AntiderivativeResult(antiderivative(expr, var))
        except IntegrationError as error:
            raise IntegrationError(_in_words(str(error), bounds=False)) from None
    if method == "exact":
        if n is not None:
            raise IntegrationError("n is the number of intervals of a sum: the exact method has none")
        from ..numeric.exact_integral import exact_integral

        try:
            return ExactIntegralResult(exact_integral(expr, var, a, b))
        except IntegrationError as error:
            raise IntegrationError(_in_words(str(error), bounds=True)) from None
    from ..numeric.area import DEFAULT_N, integrate

    options = {} if method == "adaptive" else {"n": DEFAULT_N if n is None else n}
    if method == "adaptive" and n is not None:
        raise IntegrationError("n is the number of intervals of a sum: adaptive quadrature chooses its own")
    return AreaResult(integrate(expr, var, a, b, method=method, **options))


# The library's hint speaks Python; a person at the command line or in the session is told the
# front ends' way to the same numbers.
_PYTHON_HINT = "; estimate a definite integral numerically instead, with integrate("
_HINT = ("estimate the integral over an interval numerically with the method adaptive (symdiff integrate EXPR "
         "--from A --to B --method adaptive; in the session :integrate EXPR, A, B, adaptive)")


def _in_words(message: str, *, bounds: bool) -> str:
    if "must be a number" in message:
        return message  # a bound that is not a number: no method estimates that integral
    if _PYTHON_HINT in message:
        return f"{message.split(_PYTHON_HINT, 1)[0]}; {_HINT}"
    if bounds and not any(word in message for word in ("numeric", "adaptive", "split")):
        return f"{message}; {_HINT}"
    return message

