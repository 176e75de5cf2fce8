"""The trace: frozen steps, and a derivation that explains itself.

A ``Step`` records one rule applied to one expression: what was differentiated, with respect
to what, the result, and the sub-steps whose results the rule combined. Printers (``explain``
here; LaTeX and JSON later) only walk steps; they never compute derivatives, so what they
show cannot disagree with the answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .expr import Expr, Symbol

__all__ = ["Derivation", "Step"]


@dataclass(frozen=True, slots=True, eq=False)
class Step:
    """One rule applied to one expression.

    For a differentiation rule, ``result`` is the derivative of ``expr`` with respect to
    ``wrt`` (for the outer function of a chain rule, ``wrt`` is the placeholder ``u``). For a
    simplification step (``rule`` starting with ``simplify``), ``result`` is ``expr`` rewritten
    with the same value.
    """

    rule: str
    name: str
    formula: str
    expr: Expr
    wrt: Symbol
    result: Expr
    substeps: tuple[Step, ...] = ()
    bindings: tuple[tuple[str, Expr], ...] = ()
    note: str = ""

    @property
    def is_rewrite(self) -> bool:
        return self.rule.startswith("simplify")

    def __iter__(self) -> Iterator[Step]:
        """This step and all below it, in the order a worked solution presents them."""
        stack = [self]
        while stack:
            step = stack.pop()
            yield step
            stack.extend(reversed(step.substeps))

    def walk(self) -> Iterator[tuple[Step, int]]:
        """Like iteration, with each step's depth below this one."""
        stack = [(self, 0)]
        while stack:
            step, depth = stack.pop()
            yield step, depth
            stack.extend((sub, depth + 1) for sub in reversed(step.substeps))


class Derivation:
    """A derivative with its worked solution.

    ``result`` is the simplified derivative and ``raw`` the last rule's result before the
    final simplification; both come from ``trace``, the tree of steps.
    """

    __slots__ = ("expr", "order", "raw", "result", "trace", "wrt")

    def __init__(self, expr: Expr, wrt: Symbol, order: int, trace: Step, raw: Expr) -> None:
        self.expr = expr
        self.wrt = wrt
        self.order = order
        self.trace = trace
        self.raw = raw
        self.result = trace.result

    def __iter__(self) -> Iterator[Step]:
        return iter(self.trace)

    def __repr__(self) -> str:
        return f"<Derivation d{_power(self.order)}/d{self.wrt.name}{_power(self.order)} [{self.expr}] = {self.result}>"

    def __str__(self) -> str:
        return self.explain()

    def explain(self) -> str:
        """The worked solution as indented text, one rule per line."""
        lines: list[str] = []
        # An explicit stack of (step, depth, closing): closing entries print a step's result
        # after its sub-steps, so deep traces need no recursion.
        stack: list[tuple[Step, int, bool, Expr | None]] = [(self.trace, 0, False, None)]
        while stack:
            step, depth, closing, shown = stack.pop()
            indent = "  " * depth
            if closing:
                answer = f"= {shown if shown is not None else step.result}"
                if lines[-1].strip() != answer:  # a derivation's answer is often its last rule's
                    lines.append(indent + answer)
                continue
            if step.rule in ("derivative", "higher_derivative"):
                lines.append(f"{indent}{_header(step)}")
                stack.append((step, depth, True, None))
                subs = step.substeps
                # Followed by a simplification, the last rule's result is shown as it came out
                # of the rule (the simplification's starting point), not already simplified.
                raw = subs[1].expr if len(subs) == 2 and subs[1].is_rewrite else None
                overrides = [raw] + [None] * (len(subs) - 1)
                pairs = list(zip(subs, overrides, strict=True))
                stack.extend((sub, depth + 1, False, over) for sub, over in reversed(pairs))
                continue
            lines.append(indent + _line(step, shown))
            if step.substeps:
                stack.append((step, depth, True, shown))
                stack.extend((sub, depth + 1, False, None) for sub in reversed(step.substeps))
        return "\n".join(lines)


def _power(order: int) -> str:
    return "" if order == 1 else f"^{order}"


def _header(step: Step) -> str:
    order = int(step.formula) if step.rule == "higher_derivative" else 1
    return f"d{_power(order)}/d{step.wrt.name}{_power(order)} [{step.expr}]"


def _line(step: Step, shown: Expr | None = None) -> str:
    d = f"d/d{step.wrt.name}"
    if step.is_rewrite and step.substeps:
        text = f"{step.name}: {step.expr}"
    elif step.is_rewrite:
        text = f"{step.name}: {step.expr} = {step.result}"
    elif step.substeps:
        formula = step.formula.replace("d/dx", d)
        bindings = ", ".join(f"{name} = {value}" for name, value in step.bindings)
        text = f"{step.name}: {formula}" + (f", with {bindings}" if bindings else "")
    else:
        text = f"{step.name}: {d}[{step.expr}] = {shown if shown is not None else step.result}"
    return text + (f"  ({step.note})" if step.note else "")
