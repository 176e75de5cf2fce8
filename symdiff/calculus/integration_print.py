"""The printers of an antiderivative's worked solution: text, LaTeX and JSON.

They only walk the trace (``Antiderivation.trace``): one line per rule, its sub-steps indented
below it and its result after them, the check by differentiating, and last the answer with
+ C. The layout is computed once (``lines``) and shared by the text and LaTeX printers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..core.errors import SymdiffError, quote
from ..core.expr import Add, Expr, Number, Sub, Symbol
from ..core.latex import document, escape_text, expr_latex, symbol_latex
from ..core.latex_lines import ROOM_EM, Break, Close, Item, Open, chunk, fill
from ..core.printer import to_text
from .trace import Step
from .trace_json import parents_first, step_data
from .trace_latex import ItemWriter, formula_clauses, step_indent


class Antiderivation(Protocol):
    """What the printers read of an ``antiderivative.Antiderivation`` (imported there, not here)."""

    expr: Expr
    wrt: Symbol
    result: Expr
    trace: Step

__all__ = ["SCHEMA", "antiderivation_data", "antiderivation_latex", "explain", "lines"]

SCHEMA = "symdiff.antiderivative/1"
# Steps that brief mode leaves out: each is plain from the lines around it.
BRIEF_HIDDEN = frozenset({"integrate.constant", "integrate.sum", "integrate.constant_multiple"})


def _differential(name: str) -> bool:
    """Whether a binding is a differential (du = 2*x dx): dv of parts, du or du_1 of a substitution."""
    return name == "dv" or name == "du" or name.startswith("du_")


@dataclass(frozen=True, slots=True)
class Line:
    """``kind`` is "rule" (a rule applied) or "result" (= the result of the rule above, after its sub-steps)."""

    kind: str
    depth: int
    step: Step


def lines(trace: Step, *, brief: bool = False) -> list[Line]:
    """The worked solution's lines below the root, in order, with an explicit stack."""
    out: list[Line] = []
    stack: list[tuple[Step, int, bool]] = [(sub, 0, False) for sub in reversed(trace.substeps)]
    while stack:
        step, depth, closing = stack.pop()
        if closing:
            out.append(Line("result", depth, step))
            continue
        if brief and step.rule in BRIEF_HIDDEN:
            stack.extend((sub, depth, False) for sub in reversed(step.substeps))
            continue
        out.append(Line("rule", depth, step))
        if step.substeps:
            stack.append((step, depth, True))
            stack.extend((sub, depth + 1, False) for sub in reversed(step.substeps))
    return out


# --- text --------------------------------------------------------------------------------------------


def explain(anti: Antiderivation, width: int | None = 1000, *, brief: bool = False,
            highlight: Callable[[str], str] | None = None) -> str:
    if width is not None and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
        raise SymdiffError(f"width is a whole number of characters (at least 1) or None, not {quote(width)}")
    if highlight is not None and not callable(highlight):
        raise SymdiffError(f"highlight is a function that wraps a rule's name, not {quote(highlight)}")
    mark = highlight or (lambda name: name)
    x = anti.wrt.name

    def text(expr: Expr) -> str:
        return to_text(expr, width)

    def integrand(expr: Expr) -> str:
        return f"({text(expr)})" if type(expr) in (Add, Sub) else text(expr)

    out = [f"∫ {integrand(anti.expr)} d{x}"]
    for line in lines(anti.trace, brief=brief):
        indent = "  " * (line.depth + 1)
        step = line.step
        if line.kind == "result":
            out.append(f"{indent}= {text(step.result)}")
            continue
        title = mark(step.name)
        if step.rule == "integrate.check":
            body = f"{title}: d/d{x}[{text(step.expr)}] = {text(step.result)}"
        elif step.rule == "integrate.simplify":
            body = f"{title}: {text(step.expr)} = {text(step.result)}"
        elif step.substeps:
            body = f"{title}: ∫ {integrand(step.expr)} d{step.wrt.name}, by {step.formula}"
        else:
            body = f"{title}: ∫ {integrand(step.expr)} d{step.wrt.name} = {text(step.result)}"
            if _states_law(step):
                body += f", by {step.formula}"
        if step.bindings:
            body += ", with " + ", ".join(_binding_text(name, value, step, text) for name, value in step.bindings)
        if step.note:
            body += f"  ({step.note})"
        out.append(indent + body)
    out.append(f"∫ {integrand(anti.expr)} d{x} = {to_text(anti.result)} + C")
    return "\n".join(out)


def _binding_text(name: str, value: Expr, step: Step, text: Callable[[Expr], str]) -> str:
    if _differential(name):
        if value == _ONE:
            return f"{name} = d{step.wrt.name}"  # du = dx, not du = 1 dx
        shown = f"({text(value)})" if type(value) in (Add, Sub) else text(value)
        return f"{name} = {shown} d{step.wrt.name}"  # du = (2*x + 2) dx, not 2*x + 2 dx
    return f"{name} = {text(value)}"


_ONE = Number(1)


# --- LaTeX -------------------------------------------------------------------------------------------


def _integral(expr: Expr, v: str) -> str:
    body = expr_latex(expr)
    if type(expr) in (Add, Sub):
        body = rf"\left({body}\right)"
    return rf"\int {body} \, d{symbol_latex(v)}"


def _binding_label(name: str) -> str:
    if name.startswith("u'"):
        return name
    if name.startswith("u^("):  # u^(4): the fourth derivative
        return rf"u^{{{name[2:]}}}"
    if name.startswith("v_"):  # v_10, not v_1 followed by 0
        return rf"v_{{{name[2:]}}}"
    return symbol_latex(name) if name.isalpha() and len(name) == 1 else rf"\text{{{escape_text(name)}}}"


class _RowWriter(ItemWriter):
    """A worked solution's rows, each broken at the page's width (``latex_lines.fill``): a long
    integrand, result or list of bindings goes on to a row of its own."""

    def integral(self, expr: Expr, v: str, room: float) -> list[Item]:
        inner = self.expr(expr, room)
        dv = chunk(rf" \, d{symbol_latex(v)}")
        if type(expr) in (Add, Sub):
            return [chunk(r"\int "), Open(r"\left("), *inner, Close(r"\right)"), dv]
        return [chunk(r"\int "), *inner, dv]

    def bindings(self, step: Step, room: float) -> list[Item]:
        v = step.wrt.name
        items: list[Item] = []
        for number, (name, value) in enumerate(step.bindings):
            items.append(Break(r",\quad " if not number else r",\ ", "", ","))
            if _differential(name):
                differential = chunk(rf" \, d{symbol_latex(v)}")
                if value == _ONE:
                    items.append(chunk(rf"{name} = d{symbol_latex(v)}"))
                elif type(value) in (Add, Sub):
                    items += [chunk(f"{name} = "), Open(r"\left("), *self.expr(value, room), Close(r"\right)"),
                              differential]
                else:
                    items += [chunk(f"{name} = "), *self.expr(value, room), differential]
            else:
                items += [chunk(f"{_binding_label(name)} = "), *self.expr(value, room)]
        return items

    def line(self, line: Line, x: str) -> list[str]:
        indent, em = step_indent(line.depth + 1)
        room = ROOM_EM - em
        step = line.step
        v = step.wrt.name
        if line.kind == "result":
            return fill([chunk("= "), *self.expr(step.result, room)], indent, em)
        # The rule's name, then a place to break: a wide expression starts a row of its own.
        items: list[Item] = [chunk(rf"\text{{{escape_text(step.name)}:}}\ "), Break("")]
        if step.rule == "integrate.check":
            items += [chunk(rf"\frac{{d}}{{d{symbol_latex(x)}}}"), Open(r"\left["), *self.expr(step.expr, room),
                      Close(r"\right]"), Break(" = ", "= "), *self.expr(step.result, room)]
        elif step.rule == "integrate.simplify":
            items += [*self.expr(step.expr, room), Break(" = ", "= "), *self.expr(step.result, room)]
        elif step.substeps:
            items += self.integral(step.expr, v, room)
            if step.formula and _law_is_mathematics(step):  # by ∫u dv = u*v - ∫v du, as the text says
                items += _law(step.formula, v)
        else:
            items += [*self.integral(step.expr, v, room), Break(" = ", "= "), *self.expr(step.result, room)]
            if _states_law(step):
                items += _law(step.formula, v)
        # A note says what the rule's line alone does not: a check made at random points, a
        # table's repeated integral, an integral solved for.
        return fill([*items, *self.bindings(step, room), *_note(step.note)], indent, em)


def _states_law(step: Step) -> bool:
    """Whether a step with no sub-steps shows its law: when its bindings give the law's letters
    (Complete the Square's A, B, C), and the law is mathematics, not words (parts twice's)."""
    return bool(step.bindings) and not step.substeps and _law_is_mathematics(step)


def _law_is_mathematics(step: Step) -> bool:
    """A law written as mathematics, not in words (parts twice's): only that is typeset."""
    return not formula_clauses(step.formula, step.wrt.name)[0].startswith(r"\text{")


def _law(formula: str, v: str) -> list[Item]:
    """The law a leaf step's bindings instantiate, after "by", breaking between its sides and
    clauses (the root of a quadratic's law is wider than a row)."""
    items: list[Item] = [Break(r",\quad "), chunk(r"\text{by}\ ")]
    for number, clause in enumerate(formula_clauses(formula, v)):
        if number:
            items.append(Break(r",\quad ", "", ","))
        for side_number, side in enumerate(clause.split(" = ")):
            if side_number:
                items.append(Break(" = ", "= "))
            items.append(chunk(side))
    return items


def _note(note: str) -> list[Item]:
    """A note in words, (checked at random points ...), which may break between its words: a
    note longer than a row would otherwise run off the page."""
    if not note:
        return []
    words = f"({note})".split(" ")
    items: list[Item] = [Break(r"\quad ")]
    for number, word in enumerate(words):
        if number:
            items.append(Break(r"\ "))
        items.append(chunk(rf"\text{{{escape_text(word)}}}"))
    return items


def _rows(anti: Antiderivation) -> list[str]:
    x = anti.wrt.name
    writer = _RowWriter()
    rows = fill(writer.integral(anti.expr, x, ROOM_EM))
    for line in lines(anti.trace):
        rows += writer.line(line, x)
    rows += fill([*writer.integral(anti.expr, x, ROOM_EM), Break(" = ", "= "), *writer.expr(anti.result, ROOM_EM),
                  chunk(" + C")])
    return rows


def antiderivation_latex(anti: Antiderivation, *, standalone: bool = False, notebook: bool = False) -> str:
    """The worked solution: an ``align*`` block (``notebook``: the ``aligned`` form MathJax
    shows), or with ``standalone`` a document for pdflatex."""
    if not isinstance(standalone, bool):
        raise SymdiffError(f"standalone is True or False, not {quote(standalone)}")
    rows = _rows(anti)
    if notebook:
        return "$$\\begin{aligned}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{aligned}$$"
    block = "\\begin{align*}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{align*}"
    if not standalone:
        return block
    question = "\\begin{align*}\n&" + _integral(anti.expr, anti.wrt.name) + "\n\\end{align*}"
    return document([r"\subsection*{Problem.}", "Find", question, r"\textbf{Solution.}", block],
                    title="Worked antiderivative")


# --- JSON --------------------------------------------------------------------------------------------


def antiderivation_data(anti: Antiderivation) -> dict[str, object]:
    """What was asked, the answer, and every step (sub-steps by index into one flat list)."""
    order = parents_first(anti.trace)
    index = {id(step): i for i, step in enumerate(order)}
    return {
        "schema": SCHEMA,
        "expr": to_text(anti.expr),
        "wrt": anti.wrt.name,
        "result": to_text(anti.result),
        "result_latex": expr_latex(anti.result),
        "constant": "C",
        "root": 0,
        "steps": [step_data(step, index) for step in order],
    }
