"""LaTeX for worked solutions: rule formulas, and one aligned line per step of a trace.

Worked solutions follow the lines of ``Derivation.lines`` (the layout ``explain`` prints), so
the LaTeX shows exactly the steps and answer of the trace. Every piece of prose goes through
``escape_text``, so nothing a person typed reaches TeX unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.errors import SymdiffError
from ..core.expr import Expr, Symbol
from ..core.latex import document, escape_text, expr_latex, symbol_latex
from ..core.notation import operator_latex
from .trace import WRITTEN, header_variables

if TYPE_CHECKING:
    from .trace import Derivation, Line

__all__ = ["derivation_latex", "formula_latex"]


# --- rule formulas ----------------------------------------------------------------------------

# The Root Rule's n-th root, which an expression cannot hold (its root has a whole-number index).
_ROOTS = {"nth_root_of_x": r"\sqrt[n]{x}", "nth_root_of_u": r"\sqrt[n]{u}"}
_NTH_ROOT = re.compile(r"\broot\(([ux]), n\)")
_DERIVATIVE = re.compile(r"d/dx\[(.*)\]")
# A part's derivative, u' or f3' (not f'(u), the derivative of a function): read as u_prime.
_PRIMED = re.compile(r"\b([a-z][a-z0-9]*)'(?![('])")
_DOTS = "dots"  # "..." in an n-part law, read as a name and set as \cdots


@lru_cache(maxsize=256)
def formula_latex(formula: str) -> str:
    """A rule's formula (``d/dx[u*v] = u'*v + u*v'``, ``2*3 = 6, 1/3 + 1/6 = 1/2``) as LaTeX math.

    Formulas are read with symdiff's own parser (u', f3' stand for the parts' derivatives, and
    "..." in ``d/dx[f1 + f2 + ... + f5]`` for the parts between); one that is not mathematics
    is set as text."""
    from ..syntax.parser import parse

    names = {_DOTS: r"\cdots", **_ROOTS}
    names.update({f"{name}_prime": f"{symbol_latex(name)}'" for name in _PRIMED.findall(formula)})
    clauses = []
    try:
        for clause in _NTH_ROOT.sub(r"nth_root_of_\1", formula).split(", "):
            sides = []
            for side in clause.split(" = "):
                match = _DERIVATIVE.fullmatch(side)
                inner = (match.group(1) if match else side).replace("...", _DOTS)
                shown = expr_latex(parse(_PRIMED.sub(r"\1_prime", inner)), names)
                sides.append(rf"\frac{{d}}{{dx}}\left[{shown}\right]" if match else shown)
            clauses.append(" = ".join(sides))
    except SymdiffError:
        return rf"\text{{{escape_text(formula)}}}"
    return r",\quad ".join(clauses)


# --- worked solutions -----------------------------------------------------------------------------


def _d(wrt: Symbol) -> str:
    return operator_latex([wrt.name], [symbol_latex(wrt.name)])


# Inside the steps an expression shows at most this many nodes (\cdots for the rest), as
# explain() cuts long ones: a 500-deep chain has a thousand steps, each about the size of the
# whole input, and writing each in full made hundreds of megabytes.
STEP_NODES = 150
# The answer too, past a size no page shows: a 1,500-deep chain of roots has an answer of a
# million nodes (its factors share subtrees, which printing writes out each time), and pdflatex
# refuses a line of over 200,000 characters (20,000 nodes made one).
ANSWER_NODES = 2_000


class _Abbreviator:
    """Writes expressions for the steps of one solution, each distinct one once."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Expr, str]] = {}

    def __call__(self, expr: Expr) -> str:
        cached = self._seen.get(id(expr))
        if cached is None:
            cached = self._seen[id(expr)] = (expr, expr_latex(expr, max_nodes=STEP_NODES))
        return cached[1]


def _line_latex(line: Line, latex: Callable[[Expr], str]) -> str:
    step = line.step
    indent = rf"\hspace{{{1.5 * line.depth:g}em}}" if line.depth else ""
    if line.kind == "header":
        variables = header_variables(step)
        operator = operator_latex(variables, [symbol_latex(v) for v in variables])
        note = rf"\quad\text{{({escape_text(step.note)})}}" if step.note else ""
        return rf"{indent}{operator}\left[{latex(step.expr)}\right]{note}"
    if line.kind == "result":
        if line.depth:
            return rf"{indent}= {latex(line.value)}"  # type: ignore[arg-type]
        answer = expr_latex(line.value, max_nodes=ANSWER_NODES)  # type: ignore[arg-type]
        if r"\cdots" in answer:
            answer += r"\quad\text{(abbreviated: the whole answer is the derivation's result)}"
        return f"= {answer}"
    title = rf"\textbf{{{escape_text(step.name)}}}\quad "
    if (step.is_rewrite and step.substeps) or step.rule in WRITTEN:
        body = latex(step.expr)
    elif step.is_rewrite:
        # The law on the step's line, then the part rewritten and what it became on lines of their
        # own: a whole expression beside the law would run off the page.
        at, to = step.place or (step.expr, step.result)
        below = rf"{indent}\hspace{{1.5em}}"
        law = formula_latex(step.formula) if step.formula else ""
        return f"{indent}{title}{law} \\\\\n&{below}{latex(at)} \\\\\n&{below}= {latex(to)}"
    elif step.substeps:
        body = formula_latex(step.formula).replace(r"\frac{d}{dx}", _d(step.wrt))
        if step.bindings:
            bindings = r",\ ".join(f"{symbol_latex(name)} = {latex(value)}" for name, value in step.bindings)
            body += rf",\quad\text{{with }} {bindings}"
    else:
        shown = line.value if line.value is not None else step.result
        body = rf"{_d(step.wrt)}\left[{latex(step.expr)}\right] = {latex(shown)}"
    note = rf"\quad\text{{({escape_text(step.note)})}}" if step.note else ""
    return f"{indent}{title}{body}{note}"


def derivation_latex(derivation: Derivation, *, standalone: bool = False, notebook: bool = False) -> str:
    """The worked solution: one aligned line per rule, sub-steps indented, the answer last.

    ``standalone`` gives a complete document for pdflatex; ``notebook`` the ``aligned`` form
    that Jupyter's MathJax shows."""
    abbreviate = _Abbreviator()
    rows = [_line_latex(line, abbreviate) for line in derivation.lines()]
    if notebook:
        return "$$\\begin{aligned}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{aligned}$$"
    block = "\\begin{align*}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{align*}"
    return document([block]) if standalone else block
