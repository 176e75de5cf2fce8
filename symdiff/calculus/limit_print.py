"""Printing a limit's worked solution: text (``explain``), LaTeX and JSON. Printers only walk
the steps; every value they show is a step's result.

A step is one line: a law or method by name with the limit it found, a rewrite with what the
expression became (``Factor and cancel: (x^2 - 1)/(x - 1) = x + 1``); the steps it built on are
indented below it. L'Hôpital's rule shows each derivative as a worked derivation.
"""

from __future__ import annotations

from typing import Any

from ..core.expr import Add, Expr, Neg, Sub
from ..core.latex import document, escape_prose, escape_text, expr_latex, symbol_latex
from ..core.printer import to_text
from .limit_rules import NO_VALUE_RULES
from .trace import Derivation, Step
from .trace_json import step_data
from .trace_latex import formula_latex

# A ``limits.Limit`` (not imported: ``Limit`` imports this module in its printing methods).
Limit = Any

__all__ = ["SCHEMA", "explain", "limit_data", "limit_latex", "step_value"]

SCHEMA = "symdiff.limit/1"
_DERIVATIVE_RULES = frozenset({"derivative", "higher_derivative"})


def step_value(step: Step) -> Expr | None:
    """The limit a step found, or None when it records that there is none."""
    if step.rule in NO_VALUE_RULES or step.rule in _DERIVATIVE_RULES:
        return None
    if step.rule in ("two_sided", "indeterminate") and step.result is step.expr and step.note:
        return None
    return None if step.result is step.expr and step.note else step.result


# Steps that brief mode leaves out: each is plain from the line around it.
BRIEF_HIDDEN = frozenset({"constant", "variable"})


def _walk(trace: Step, brief: bool = False) -> list[tuple[Step, int, str, str]]:
    """The steps in the order printed: (step, depth, heading, side). The two sides of a two-sided
    limit worked out separately each get a heading, and their steps the side ("-" or "+");
    derivations are kept whole."""
    out: list[tuple[Step, int, str, str]] = []
    stack: list[tuple[Step, int, str, str]] = [(trace, 0, "", "")]
    while stack:
        step, depth, heading, side = stack.pop()
        if brief and step.rule in BRIEF_HIDDEN:
            continue
        out.append((step, depth, heading, side))
        if step.rule in _DERIVATIVE_RULES:
            continue
        if step.rule == "two_sided":  # each side under its own heading, one level further in
            left, right = step.substeps
            stack.extend(((right, depth + 2, "from the right", "+"), (left, depth + 2, "from the left", "-")))
        else:
            stack.extend((sub, depth + 1, "", side) for sub in reversed(step.substeps))
    return out


def _lim(expr: Expr, text: object) -> str:
    shown = text(expr)  # type: ignore[operator]
    return f"lim ({shown})" if type(expr) in (Add, Sub, Neg) else f"lim {shown}"


def _line(step: Step, text: object) -> str:
    t = text  # type: ignore[assignment]
    value = step_value(step)
    bindings = dict(step.bindings)
    if step.rule in ("indeterminate", "two_sided"):
        line = f"{step.name}: {t(step.expr)}"  # type: ignore[operator]
    elif step.rule == "lhopital":
        line = f"{step.name}: {_lim(step.expr, t)} = {_lim(bindings['g'], t)}"
    elif step.rule == "e_limit":
        line = f"{step.name}: {_lim(step.expr, t)} = e^({_lim(bindings['vw'], t)})"
    elif "g" in bindings:  # lim f = lim g: not f = g, which is false for sin(x)/x -> 1 or L'Hôpital's f'/g'
        line = f"{step.name}: {_lim(step.expr, t)} = {_lim(bindings['g'], t)}"
    elif value is None:
        line = f"{step.name}: {t(step.expr)}"  # type: ignore[operator]
    else:
        line = f"{step.name}: {_lim(step.expr, t)} = {t(value)}"  # type: ignore[operator]
    return line + (f"  ({step.note})" if step.note else "")


def explain(limit: Limit, width: int | None = 1000, brief: bool = False) -> str:
    """The worked solution as indented text: the question, one step per line, the answer."""
    from ..core.errors import SymdiffError, quote

    if width is not None and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
        raise SymdiffError(f"width is a whole number of characters (at least 1) or None, not {quote(width)}")

    def text(expr: Expr) -> str:
        return to_text(expr, width)

    lines = [f"{limit.notation()} [{text(limit.expr)}]"]
    for step, depth, label, _ in _walk(limit.trace, brief):
        indent = "  " * (depth + 1)
        if label:
            lines.append(f"{'  ' * depth}{label}:")
        if step.rule in _DERIVATIVE_RULES:
            derivation = Derivation(step.expr, step.wrt, 1, step, step.result)
            lines.extend(indent + line for line in derivation.explain(width, brief=brief).splitlines())
            continue
        lines.append(indent + _line(step, text))
    answer = str(limit.value) if limit.value is not None else f"does not exist: {limit.reason}"
    lines.append(f"= {answer}")
    return "\n".join(lines)


def _lim_latex(limit: Limit, side: str = "") -> str:
    mark = {"both": "", "+": "^{+}", "-": "^{-}"}[side or limit.side]
    return rf"\lim_{{{expr_latex(limit.var)} \to {expr_latex(limit.point)}{mark}}}"


_FORM = "Indeterminate form "


def _bracketed_latex(expr: Expr) -> str:
    inner = expr_latex(expr)
    return rf"\left({inner}\right)" if type(expr) in (Add, Sub, Neg) else inner


def limit_latex(limit: Limit, *, standalone: bool = False) -> str:
    """The worked solution as an ``align*`` block: the question, each step, the answer."""
    question = expr_latex(limit.expr)
    question = rf"\left({question}\right)" if type(limit.expr) in (Add, Sub) else question  # lim (x^2 - x)
    rows = [rf"& {_lim_latex(limit)} {question}"]
    for step, depth, label, side in _walk(limit.trace):
        lim = _lim_latex(limit, side)
        pad = r"\quad " * (depth + 1)
        if label:
            rows.append(rf"&{pad[:-6]}\text{{{label}:}}")
        value = step_value(step)
        if step.rule in _DERIVATIVE_RULES:
            d = rf"\frac{{d}}{{d{expr_latex(step.wrt)}}}"
            body = rf"{d}\left[{expr_latex(step.expr)}\right] = {expr_latex(step.result)}"
            rows.append(rf"&{pad}\text{{Derivative: }} {body}")
            continue
        name = rf"\text{{{escape_text(step.name)}: }}"
        if step.rule == "indeterminate" and step.name.startswith(_FORM):  # 0*oo as 0 \cdot \infty
            form = step.name.removeprefix(_FORM).replace("oo", r"\infty").replace("*", r" \cdot ")
            name = rf"\text{{{_FORM}}}{form}\text{{: }}"
        bindings = dict(step.bindings)
        if step.rule == "e_limit":  # as the text says it: the sub-step under it is the limit of v*w
            body = rf"{lim} {_bracketed_latex(step.expr)} = e^{{{lim} {_bracketed_latex(bindings['vw'])}}}"
        elif "g" in bindings:  # lim f = lim g (f = g is false for L'Hôpital's f'/g' or a standard limit)
            body = rf"{lim} {_bracketed_latex(step.expr)} = {lim} {_bracketed_latex(bindings['g'])}"
        elif value is not None:
            inner = expr_latex(step.expr)
            inner = rf"\left({inner}\right)" if type(step.expr) in (Add, Sub) else inner
            body = rf"{lim} {inner} = {expr_latex(value)}"
        else:
            body = rf"{expr_latex(step.expr)}"
        note = rf"\quad {_prose(f'({step.note})', depth + 2)}" if step.note else ""
        if step.formula.startswith("lim[") and step.bindings:  # a standard limit's law, set as mathematics
            laws = formula_latex(step.formula.replace("; ", ", "))
            with_u = r",\ ".join(f"{symbol_latex(name)} = {expr_latex(u)}" for name, u in step.bindings
                                  if name.startswith("u"))
            note = rf"\quad \left({laws},\ \text{{with }} {with_u}\right)"
        # The note on a row of its own, under its step: beside a long step it would run off the page.
        rows.append(rf"&{pad}{name}{body}")
        if note:
            rows.append(rf"&{pad}\quad {note.removeprefix(chr(92) + 'quad ')}")
    answer = (rf"= {expr_latex(limit.value)}" if limit.value is not None
              else _prose(f"does not exist: {limit.reason}", 0))
    rows.append(rf"&{answer}")
    block = "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
    return document([block], title="Limit") if standalone else block


def _prose(text: str, indent: int) -> str:
    """A sentence on a row of the align block, broken into lines within the page: beside
    ``indent`` quads of indentation a long note ran off its right edge."""
    if len(text) <= 60:
        return rf"\text{{{escape_prose(text)}}}"
    return rf"\text{{\parbox[t]{{\dimexpr\linewidth-{indent + 3}em\relax}}{{\raggedright {escape_prose(text)}}}}}"


def limit_data(limit: Limit) -> dict[str, object]:
    """The limit as JSON-ready data; steps in one flat list, referring to sub-steps by index."""
    order = [step for step, _, _, _ in _walk(limit.trace)]
    derivation_steps = [sub for step in order if step.rule in _DERIVATIVE_RULES for sub in step]
    every = order + [step for step in derivation_steps if all(step is not seen for seen in order)]
    index = {id(step): i for i, step in enumerate(every)}
    steps = []
    for step in every:
        data = step_data(step, index)
        if step_value(step) is None and step.rule not in _DERIVATIVE_RULES:
            data["result"] = None  # a step that states no value (an oscillation, a side that differs)
        steps.append(data)
    return {
        "schema": SCHEMA,
        "expr": to_text(limit.expr),
        "var": limit.var.name,
        "point": to_text(limit.point),
        "side": limit.side,
        "exists": limit.exists,
        "value": None if limit.value is None else to_text(limit.value),
        "value_latex": None if limit.value is None else expr_latex(limit.value),
        "reason": limit.reason,
        "left": None if limit.left is None else limit.left.to_json(),
        "right": None if limit.right is None else limit.right.to_json(),
        "root": 0,
        "steps": steps,
    }
