"""Printing an exact definite integral: text, LaTeX and JSON. The printers only read the
``ExactIntegral`` (F, its values or limits at the bounds, the value, the numeric check); they
compute nothing, so what they show is what was found."""

from __future__ import annotations

import math
from typing import Any

from ..core.expr import Expr, Infinity, Neg, Sub
from ..core.latex import document, escape_text, expr_latex, symbol_latex
from ..core.latex_lines import HANGING_EM, LINE_EM, Break, Close, Item, Open, chunk, expr_items, fill
from ..core.latex_width import latex_width
from ..core.printer import to_text

# An ``exact_integral.ExactIntegral`` and its ``Bound`` (not imported: ``ExactIntegral`` imports
# this module in its printing methods).
ExactIntegral = Any
Bound = Any

__all__ = ["data", "latex", "working"]

SCHEMA = "symdiff.exact_integral/1"
THEOREM = "∫_a^b f(x) dx = F(b) - F(a), where F' = f and f is continuous on [a, b]"


def _indented(text: str, pad: str) -> list[str]:
    return [pad + line for line in text.splitlines()]


def _number(value: float) -> str:
    return f"{value:.12g}"


def _bound_line(result: ExactIntegral, bound: Bound, text: object, which: str) -> list[str]:
    x, point = result.var.name, to_text(bound.point)
    if bound.limit is None:
        assert bound.substituted is not None and bound.value is not None
        substituted, value = text(bound.substituted), text(bound.value)  # type: ignore[operator]
        # F(1) = sinh(1), not sinh(1) = sinh(1): a value with nothing left to work out is said once
        return [f"    F({point}) = {substituted}" + ("" if value == substituted else f" = {value}")]
    side = {"+": "+", "-": "-"}.get(bound.limit.side, "")
    value = "does not exist" if bound.value is None else text(bound.value)  # type: ignore[operator]
    why = ("an infinite bound" if isinstance(_unsigned(bound.point), Infinity)
           else f"the integrand has no finite value at {x} = {point}")
    lines = [f"    the integral is improper at its {which} end ({why}): F there is a limit",
             f"    lim {x}->{point}{side} {text(result.antiderivative.result)} = {value}"]  # type: ignore[operator]
    lines += _indented(bound.limit.explain(), "      ")
    return lines


def _name(result: ExactIntegral, bound: Bound) -> str:
    """F(b), or the limit that stands for it at an improper end: lim x->oo F."""
    if bound.limit is None:
        return f"F({bound.point})"
    side = {"+": "+", "-": "-"}.get(bound.limit.side, "")
    return f"(lim {result.var.name}->{bound.point}{side} F)"


def _unsigned(expr: Expr) -> Expr:
    return expr.children[0] if isinstance(expr, Neg) else expr


def _value_words(result: ExactIntegral) -> str:
    if result.value is None:
        return "diverges: F has no limit at an improper end (not even ±∞)"
    if not result.converges:
        return f"= {result.value}: the integral diverges"
    approx = float(result)
    return f"= {result.value}" + ("" if str(result.value) == _number(approx) else f" ≈ {_number(approx)}")


def working(result: ExactIntegral, width: int | None = 1000) -> str:
    """The worked solution as indented text."""
    from ..calculus.trace import Derivation  # noqa: F401 - the antiderivative explains itself

    def text(expr: Expr) -> str:
        return to_text(expr, width)

    x = result.var.name
    lines = [f"{result.notation()}, exactly (the Fundamental Theorem of Calculus)"]
    if result.lower.point == result.upper.point:
        lines += ["  The interval has no width, so the integral is 0", "  = 0"]
        return "\n".join(lines)
    found = result.antiderivative
    lines.append(f"  1. An antiderivative F({x}) = {text(found.result)}:")
    lines += _indented(found.explain(width), "    ")
    lines.append(f"  2. The Fundamental Theorem: {THEOREM}")
    lines += _bound_line(result, result.upper, text, "upper")
    lines += _bound_line(result, result.lower, text, "lower")
    if result.lower.value is not None and result.upper.value is not None:
        difference, words = text(Sub(result.upper.value, result.lower.value)), _value_words(result)
        if result.value is not None and difference == text(result.value):
            words = words.removeprefix(f"= {difference}").lstrip()  # a = a is said once
        names = f"{_name(result, result.upper)} - {_name(result, result.lower)}"
        lines.append(f"  3. {names} = {difference}" + (words if words.startswith(":") or not words else f" {words}"))
    else:
        lines.append(f"  3. The integral {_value_words(result)}")
    if result.checked is not None:
        a, b, exact, numeric = result.checked
        lines.append(f"  check: on [{a:.6g}, {b:.6g}], F gives {_number(exact)} and adaptive quadrature "
                     f"{_number(numeric)}: they agree")
    return "\n".join(lines)


def _bound_items(result: ExactIntegral, bound: Bound, room: float) -> list[Item]:
    """F's value at a bound: (F(b)), or its one-sided limit, as items for ``fill``."""
    if bound.limit is None:
        if bound.substituted is None:
            return [chunk("0")]
        return [Open(r"\left("), *expr_items(bound.substituted, room), Close(r"\right)")]
    x = symbol_latex(result.var.name)
    mark = {"+": "^{+}", "-": "^{-}"}.get(bound.limit.side, "")
    return [chunk(rf"\lim_{{{x} \to {expr_latex(bound.point)}{mark}}} "), Open(r"\left("),
            *expr_items(result.antiderivative.result, room), Close(r"\right)")]


def _theorem_rows(result: ExactIntegral, integral: str, a: str, b: str) -> list[str]:
    """∫_a^b f dx = [F]_a^b = F(b) - F(a) = value, each row broken at the page's width: the
    = signs aligned after the integral when it is short, else each row starting with its =."""
    left = latex_width(integral)
    aligned = left <= LINE_EM / 3
    width = LINE_EM - left - 1.0 if aligned else LINE_EM
    room = width - HANGING_EM - 2.2
    F = result.antiderivative.result
    equations: list[list[Item]] = [
        [chunk(r"= \Big[ "), *expr_items(F, room), chunk(rf" \Big]_{{{a}}}^{{{b}}}")],
        [chunk("= "), *_bound_items(result, result.upper, room), Break(" - ", "- "),
         *_bound_items(result, result.lower, room)],
    ]
    if result.lower.value is not None and result.upper.value is not None:
        # F(b) - F(a) as one difference: the printer puts F(a) in brackets only when it needs them.
        equations.append([chunk("= "), *expr_items(Sub(result.upper.value, result.lower.value), room)])
    if result.value is None:
        equations.append([chunk(r"\quad \text{diverges: a limit at an improper end does not exist}")])
    elif not result.converges:
        equations.append([chunk("= "), *expr_items(result.value, room),
                          chunk(r" \quad \text{(the integral diverges)}")])
    else:
        approx = float(result)
        tail = "" if str(result.value) == _number(approx) else rf" \approx {_number(approx)}"
        value = expr_latex(result.value)
        if latex_width(value) + 3.0 <= width:
            equations.append([chunk(rf"= \boxed{{{value}}}{tail}")])
        else:  # a box cannot break across rows
            equations.append([chunk("= "), *expr_items(result.value, room), chunk(tail)])
    rows = [] if aligned else ["&" + integral]
    for items in equations:
        rows += ["&" + row for row in fill(items, width=width)]
    if aligned:
        rows[0] = integral + " " + rows[0]
    return rows


def latex(result: ExactIntegral, *, standalone: bool = False) -> str:
    """The antiderivative's worked solution, then the theorem as an ``align*`` block:
    ∫_a^b f dx = [F]_a^b = F(b) - F(a) = value."""
    x = symbol_latex(result.var.name)
    a, b = expr_latex(result.lower.point), expr_latex(result.upper.point)
    integral = rf"\int_{{{a}}}^{{{b}}} {expr_latex(result.expr)} \, d{x}"
    if result.lower.point == result.upper.point:
        block = "\\begin{align*}\n" + rf"{integral} &= 0 \quad \text{{(an interval of no width)}}" + "\n\\end{align*}"
        return document([block], title="Definite integral") if standalone else block
    rows = _theorem_rows(result, integral, a, b)
    theorem = (r"\text{The Fundamental Theorem of Calculus: } \int_a^b f(x)\,dx = F(b) - F(a),"
               r"\ F' = f")
    block = ("\\begin{gather*}\n" + theorem + "\n\\end{gather*}\n\\begin{align*}\n" + " \\\\\n".join(rows)
             + "\n\\end{align*}")
    parts = [r"\textbf{" + escape_text("An antiderivative:") + "}", result.antiderivative.to_latex(), block]
    body = "\n\n".join(parts)
    return document([body], title="Definite integral") if standalone else body


def data(result: ExactIntegral) -> dict[str, object]:
    """JSON-ready data: the question, F (with its steps), the bounds' values and the answer."""

    def bound(b: Bound) -> dict[str, object]:
        return {
            "point": to_text(b.point),
            "substituted": None if b.substituted is None else to_text(b.substituted),
            "value": None if b.value is None else to_text(b.value),
            "limit": None if b.limit is None else b.limit.to_json(),
        }

    value = None
    if result.value is not None and result.converges:
        value = float(result)
    return {
        "schema": SCHEMA,
        "expr": to_text(result.expr),
        "var": result.var.name,
        "method": "exact",
        "antiderivative": result.antiderivative.to_json(),
        "lower": bound(result.lower),
        "upper": bound(result.upper),
        "value": None if result.value is None else to_text(result.value),
        "float": value if value is None or math.isfinite(value) else None,
        "converges": result.converges,
        "improper": result.improper,
        "check": None if result.checked is None else dict(zip(("a", "b", "exact", "quadrature"), result.checked,
                                                               strict=True)),
    }
