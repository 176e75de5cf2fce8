"""LaTeX for worked solutions: rule formulas, one aligned line per step of a trace, handouts.

Worked solutions follow the lines of ``Derivation.lines`` (the layout ``explain`` prints), so
the LaTeX shows exactly the steps and answer of the trace. Every piece of prose is set as text
(``\\text``, ``\\textbf``) through ``escape_text``, so nothing a person typed reaches TeX
unescaped and no word is set as a run of italic variables. A line too wide for the page is
broken into rows (``symdiff.core.latex_lines``). ``handout`` makes a document of problems:
each derivative asked for, its worked solution with every rule named, the answer boxed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.errors import SymdiffError, quote
from ..core.expr import Add, Expr, Sub
from ..core.latex import GREEK_NAMES, document, escape_text, expr_latex, symbol_latex
from ..core.latex_lines import LINE_EM, ROOM_EM, Break, Chunk, Close, Item, Open, chunk, expr_items, fill
from ..core.latex_width import latex_width
from ..core.notation import check_notation, derivative_frame, dotted, operator_latex
from .trace import (
    PRIMED,
    SHOWN_CHARS,
    STATED,
    WRITTEN,
    Context,
    Derivation,
    header_partial,
    header_variables,
    omitted_text,
)

if TYPE_CHECKING:
    from .trace import Line

__all__ = ["ANSWER_NODES", "STEP_NODES", "ItemWriter", "answer_alone_latex", "derivation_latex", "formula_latex",
           "handout", "step_indent"]


# --- rule formulas ----------------------------------------------------------------------------

# The Root Rule's n-th root, which an expression cannot hold (its root has a whole-number index).
_ROOTS = {"nth_root_of_x": r"\sqrt[n]{x}", "nth_root_of_u": r"\sqrt[n]{u}"}
_NTH_ROOT = re.compile(r"\broot\(([ux]), n\)")
# A Leibniz operator inside a formula (the Derivative of a Derivative rule): d/dt[u], d^2/(dx dt)[u].
_WRITTEN_OPERATOR = re.compile(r"d(?:\^\d+)?/(?:d([a-z])|\(((?:d[a-z] ?)+)\))\[(.*)\]")
_LIMIT = re.compile(r"lim\[(\w+)->(\w+)\] (.+)")
_DOTS = "dots"  # "..." in an n-part law, read as a name and set as \cdots
_INTEGRAL = re.compile(r"∫(.+) d([a-z])")
_AND_INTEGRAL = re.compile(r"(.+) ([+-]) (∫.+ d[a-z])")  # u*v - ∫v du, by parts
_CONDITION = re.compile(r"([a-zA-Z]\w*) (>|<|≥|≤) (\S+)")
_RELATIONS = {">": ">", "<": "<", "≥": r"\geq", "≤": r"\leq"}


@lru_cache(maxsize=1024)
def formula_latex(formula: str, *, variable: str = "x", notation: str = "leibniz", partial: bool = False) -> str:
    """A rule's formula (``d/dx[u*v] = u'*v + u*v'``, ``2*3 = 6, 1/3 + 1/6 = 1/2``) as LaTeX math.

    Formulas are read with symdiff's own parser (u', f3' stand for the parts' derivatives, and
    "..." in ``d/dx[f1 + f2 + ... + f5]`` for the parts between). The derivative a rule states
    is written by ``variable`` in ``notation`` (a ``partial`` one in Lagrange's as ``(u v)_x =
    u_x v + u v_x``). A formula that is not mathematics (words, which the parser would read as
    a product of names) is set as text."""
    return r",\quad ".join(formula_clauses(formula, variable, notation, partial))


@lru_cache(maxsize=1024)
def formula_clauses(formula: str, variable: str = "x", notation: str = "leibniz",
                    partial: bool = False) -> tuple[str, ...]:
    """``formula_latex``'s clauses, one per law, for a printer to put on rows of their own."""
    from ..syntax.parser import parse

    if "∂" in formula:  # the multivariable chain rule's law, ∂C/∂w = ∂C/∂a*∂a/∂w + ...: named partials
        return tuple(_named_partials(clause) for clause in formula.split(", "))
    var = symbol_latex(variable)
    names = {_DOTS: r"\cdots", **_ROOTS}
    for name in PRIMED.findall(formula):
        names[f"{name}_prime"] = _part_derivative(symbol_latex(name), var, variable, notation, partial)
    clauses = []
    try:
        for clause in _NTH_ROOT.sub(r"nth_root_of_\1", formula).split(", "):
            condition = _CONDITION.fullmatch(clause)
            if condition is not None:  # a > 0, the law's condition
                name, relation, bound = condition.groups()
                clauses.append(f"{_side_latex(name, names, parse)} {_RELATIONS[relation]} "
                               f"{_side_latex(bound, names, parse)}")
                continue
            sides = []
            for number, side in enumerate(clause.split(" = ")):
                stated = STATED.fullmatch(side) if number == 0 else None
                inner = stated.group(1) if stated else side
                shown = _side_latex(inner, names, parse)
                if stated:
                    before, opening, closing, after = derivative_frame([variable], [var], notation=notation,
                                                                       partial=partial)
                    shown = f"{before}{opening}{shown}{closing}{after}"
                sides.append(shown)
            clauses.append(" = ".join(sides))
    except SymdiffError:
        return (rf"\text{{{escape_text(formula)}}}",)
    return tuple(clauses)


_NAMED_PARTIAL = re.compile(r"∂(\w+)/∂(\w+)")


def _named_partials(clause: str) -> str:
    r"""``∂C/∂a*∂a/∂w`` as ``\frac{\partial C}{\partial a} \, \frac{\partial a}{\partial w}``."""
    def fraction(match: re.Match[str]) -> str:
        return rf"\frac{{\partial {symbol_latex(match[1])}}}{{\partial {symbol_latex(match[2])}}}"

    return _NAMED_PARTIAL.sub(fraction, clause).replace("*", r" \, ")


def _part_derivative(name: str, var: str, variable: str, notation: str, partial: bool) -> str:
    """A part's derivative u' as the notation writes it: u', u_{x} (Lagrange, partial), \\dot{u}."""
    if notation == "lagrange" and partial:
        return name[:-1] + f",{var}}}" if name.endswith("}") and "_{" in name else f"{name}_{{{var}}}"
    if notation == "newton" and dotted([variable]):
        return rf"\dot{{{name}}}"
    return f"{name}'"


def _side_latex(side: str, names: dict[str, str], parse: Callable[[str], Expr]) -> str:
    """One side of a law: an expression, possibly under Leibniz operators (d/dt[u])."""
    frames = []
    integral = _INTEGRAL.fullmatch(side)
    if integral is not None:  # ∫sqrt(D - a*(x + h)^2) dx, in an integration rule's law
        integrand, variable = integral.groups()
        return rf"\int {_side_latex(integrand, names, parse)} \, d{symbol_latex(variable)}"
    combined = _AND_INTEGRAL.fullmatch(side)
    if combined is not None and _INTEGRAL.fullmatch(combined.group(3)):  # u*v - ∫v du
        first, sign, last = combined.groups()
        return f"{_side_latex(first, names, parse)} {sign} {_side_latex(last, names, parse)}"
    limit = _LIMIT.fullmatch(side)
    if limit is not None:  # lim[h->0] (f(x + h) - f(x))/h, in the definition of the derivative
        variable, point, side = limit.groups()
        return rf"\lim_{{{symbol_latex(variable)} \to {point}}} {_side_latex(side, names, parse)}"
    while (match := _WRITTEN_OPERATOR.fullmatch(side)) is not None:
        # d^2/(dx dt) names the last variable applied first: by t, then by x.
        variables = [match.group(1)] if match.group(1) else [v[1:] for v in reversed(match.group(2).split())]
        frames.append(operator_latex(variables, [symbol_latex(v) for v in variables]))
        side = match.group(3)
    tree = parse(PRIMED.sub(r"\1_prime", side.replace("...", _DOTS)))
    if not _is_mathematics(tree, names):
        raise SymdiffError(f"{quote(side)} is prose")
    shown = expr_latex(tree, names)
    for operator in reversed(frames):
        shown = rf"{operator}\left[{shown}\right]"
    return shown


def _is_mathematics(tree: Expr, names: dict[str, str]) -> bool:
    """Whether a parsed law is mathematics: every name one letter (with digits or subscripts)
    or Greek. "rewrite without changing the value" parses, as a product of five names."""
    for symbol in tree.free_symbols:
        if symbol.name in names:
            continue
        head = re.sub(r"\d+$", "", symbol.name.split("_")[0])
        if len(head) > 1 and head not in GREEK_NAMES:
            return False
    return True


# --- worked solutions -----------------------------------------------------------------------------

# Inside the steps an expression shows at most this many nodes (\cdots for the rest), as
# explain() cuts long ones: a 500-deep chain has a thousand steps, each about the size of the
# whole input, and writing each in full made hundreds of megabytes.
STEP_NODES = 150
# The answer too, past a size no page shows: a 1,500-deep chain of roots has an answer of a
# million nodes (its factors share subtrees, which printing writes out each time), and pdflatex
# refuses a line of over 200,000 characters (20,000 nodes made one).
ANSWER_NODES = 2_000
INDENT_EM = 1.5  # per level of sub-steps
MAX_INDENT = 10  # levels shown by indenting; deeper steps line up with the tenth
BOX_ROWS = 8  # an answer of more rows than this is not boxed (a box cannot run on to the next page)
_ABBREVIATED = r"\text{(abbreviated: the whole answer is the derivation's result)}"


def step_indent(depth: int) -> tuple[str, float]:
    """The indent of a sub-step ``depth`` levels down, and its width in ems."""
    em = INDENT_EM * min(depth, MAX_INDENT)
    return (rf"\hspace{{{em:g}em}}" if em else ""), em


class ItemWriter:
    """Lays out each distinct expression of a worked solution as items once per room: a trace
    shows the same results again and again."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, float], tuple[Expr, list[Item]]] = {}

    def expr(self, expr: Expr, room: float) -> list[Item]:
        key = (id(expr), room)
        cached = self._seen.get(key)
        if cached is None:
            cached = self._seen[key] = (expr, expr_items(expr, room, STEP_NODES))
        return cached[1]


class _Writer(ItemWriter):
    """Writes the lines of one worked solution as rows, each distinct expression's items once."""

    def __init__(self, notation: str) -> None:
        super().__init__()
        self.context = Context(notation)

    def line(self, line: Line, boxed: bool = False) -> list[str]:
        indent, em = step_indent(line.depth)
        room = ROOM_EM - em  # what a part may take: a continuation row's width
        step = line.step
        if line.kind == "header":
            return fill(self._header(line, room), indent, em)
        if line.kind == "result":
            if line.depth:
                return fill([chunk("= "), *self.expr(line.value, room)], indent, em)  # type: ignore[arg-type]
            return _answer(line.value, boxed)  # type: ignore[arg-type]
        title = chunk(rf"\textbf{{{escape_text(step.name)}}}\quad ")
        note = [Break(r"\quad "), chunk(rf"\text{{({escape_text(step.note)})}}")] if step.note else []
        if (step.is_rewrite and step.substeps) or step.rule in WRITTEN:
            return fill([title, Break(""), *self.expr(step.expr, room), *note], indent, em)
        if step.rule == "limit":  # h -> 0 in the delta method; the law used on the line below
            lim = chunk(rf"\lim_{{{symbol_latex(step.wrt.name)} \to 0}} ")
            below, below_em = step_indent(line.depth + 1)
            laws = _clauses(formula_clauses(step.formula)) if step.formula else []
            # \bigl( \bigr) rather than \left( \right): they may fall on different rows
            opening, closing = (chunk(r"\bigl("), chunk(r"\bigr)")) if type(step.expr) in (Add, Sub) else ([], [])
            return [*fill([title, Break(""), lim, *_listed(opening), *self.expr(step.expr, room), *_listed(closing),
                           Break(" = ", "= "), *self.expr(step.result, room)], indent, em),
                    *fill([*laws, *note], below, below_em)]
        if step.is_rewrite:
            # The law on the step's line, then the part rewritten and what it became on lines of
            # their own: a whole expression beside the law would run off the page.
            at, to = step.place or (step.expr, step.result)
            laws = _clauses(formula_clauses(step.formula)) if step.formula else []
            below, below_em = step_indent(line.depth + 1)
            return [*fill([title, *laws, *note], indent, em),
                    *fill(self.expr(at, room - INDENT_EM), below, below_em),
                    *fill([chunk("= "), *self.expr(to, room - INDENT_EM)], below, below_em)]
        partial = self.context.partial(line)
        variable = step.wrt.name
        if step.substeps:
            items = [title, *_clauses(formula_clauses(step.formula, variable, self.context.notation, partial))]
            for number, (name, value) in enumerate(step.bindings):
                items.append(Break(r",\quad\text{with }" if not number else r",\ ", r"\text{with } " if not number
                                   else "", ","))
                items += [chunk(f"{symbol_latex(name)} = "), *self.expr(value, room)]
            return fill([*items, *note], indent, em)
        shown = line.value if line.value is not None else step.result
        derivative = self._applied([variable], step.expr, room, partial)
        return fill([title, Break(""), *derivative, Break(" = ", "= "), *self.expr(shown, room), *note], indent, em)

    def _header(self, line: Line, room: float) -> list[Item]:
        step = line.step
        first = self.context.enter(line)
        variables = header_variables(step)
        items = self._applied(variables, step.expr, room, header_partial(step))
        notes = [step.note] if step.note else []
        if first and (newton := self.context.newton_note(variables, latex=True)):
            notes.append(newton)
        for note in notes:
            items += [Break(r"\quad "), chunk(rf"\text{{({escape_text(note)})}}")]
        return items

    def _applied(self, variables: list[str], expr: Expr, room: float, partial: bool) -> list[Item]:
        """The derivative of ``expr`` as items, in the notation: its frame around the expression's
        items. Newton's dot sits over the whole bracket, so a bracket too long for one row is
        written in Leibniz's notation instead."""
        names = [symbol_latex(v) for v in variables]
        notation = self.context.notation
        before, opening, closing, after = derivative_frame(variables, names, notation=notation, partial=partial)
        inner = self.expr(expr, room)
        if "{" in before:  # a dot over the bracket: one piece, or Leibniz when it is too long
            text = before + opening + "".join(item.text for item in inner if isinstance(item, Chunk)) + closing + after
            if len(inner) == 1 and latex_width(text) <= room:
                return [Chunk(text, latex_width(text))]
            before, opening, closing, after = derivative_frame(variables, names, partial=partial)
        head = [chunk(before)] if before else []
        return [*head, Open(opening), *inner, Close(closing + after)]


def _listed(item: Item | list[Item]) -> list[Item]:
    return item if isinstance(item, list) else [item]


def _clauses(clauses: tuple[str, ...]) -> list[Item]:
    """A law's clauses, with a place to break between them (the comma ending the row)."""
    items: list[Item] = []
    for number, clause in enumerate(clauses):
        if number:
            items.append(Break(r",\quad ", "", ","))
        items.append(chunk(clause))
    return items


def _answer(value: Expr, boxed: bool) -> list[str]:
    """The answer's rows: ``= answer``, boxed when asked and it is whole and short enough."""
    items = expr_items(value, ROOM_EM - 2.0, ANSWER_NODES)  # room for "= " and a box
    abbreviated = any(isinstance(item, Chunk) and r"\cdots" in item.text for item in items)
    if boxed and not abbreviated:
        rows = fill(items, width=LINE_EM - 3.0)
        if len(rows) == 1:
            return [rf"= \boxed{{{rows[0]}}}"]
        if len(rows) <= BOX_ROWS:
            inner = " \\\\\n".join("&" + row for row in rows)
            return [f"= \\boxed{{\\begin{{aligned}}\n{inner}\n\\end{{aligned}}}}"]
    note = [Break(r"\quad "), chunk(_ABBREVIATED)] if abbreviated else []
    return fill([chunk("= "), *items, *note])


def _rows(lines: list[Line], notation: str, boxed: bool = False) -> list[str]:
    """The rows of the lines: past ``SHOWN_CHARS`` characters of steps, one row says how many
    are left out and the answer follows, so a deep trace's LaTeX stays bounded (and is written
    in time proportional to it)."""
    writer = _Writer(notation)
    rows: list[str] = []
    used = 0
    for number, line in enumerate(lines):
        if used > SHOWN_CHARS and number < len(lines) - 1:
            indent, _ = step_indent(line.depth)
            rows.append(rf"{indent}\text{{{escape_text(omitted_text(lines[number:-1]))}}}")
            rows += writer.line(lines[-1], boxed)
            break
        written = writer.line(line, boxed)
        rows += written
        used += sum(map(len, written))
    return rows


def derivation_latex(derivation: Derivation, *, standalone: bool = False, notebook: bool = False,
                     notation: str = "leibniz") -> str:
    """The worked solution: one aligned line per rule, sub-steps indented, the answer last.

    ``standalone`` gives a handout for pdflatex (see ``handout``); ``notebook`` the
    ``aligned`` form that Jupyter's MathJax shows. ``notation`` as for ``Derivation.explain``.
    """
    notation = check_notation(notation)
    if not isinstance(derivation, Derivation):
        raise SymdiffError(f"derivation_latex writes a derivation (from symdiff.derive), not {quote(derivation)}")
    if standalone:
        return handout([derivation], notation=notation)
    rows = _rows(derivation.lines(), notation)
    if notebook:
        return "$$\\begin{aligned}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{aligned}$$"
    return _align(rows)


def _align(rows: list[str]) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join("&" + row for row in rows) + "\n\\end{align*}"


def answer_alone_latex(expr: Expr, variables: list[str], value: Expr, reason: str, notation: str = "leibniz") -> str:
    """The derivative asked for and its answer, without the steps ``derive`` declined as too long
    to show, and why: rows broken at the page's width, as in a worked solution."""
    writer = _Writer(check_notation(notation))
    question = writer._applied(variables, expr, ROOM_EM, len(set(variables)) > 1)
    return _align([*fill(question), *_answer(value, boxed=False)]) + f"\n\nNo steps shown: {escape_text(reason)}."


def handout(derivations: Sequence[Derivation], *, notation: str = "leibniz", title: str = "Worked derivatives") -> str:
    """A LaTeX document of problems, numbered when there are several: each states the
    derivative asked for, works it out with every rule named, and boxes the answer."""
    notation = check_notation(notation)
    if not isinstance(derivations, (list, tuple)) or not derivations or not all(
            isinstance(d, Derivation) for d in derivations):
        raise SymdiffError(f"handout takes a list of derivations (from symdiff.derive), not {quote(derivations)}")
    if not isinstance(title, str):
        raise SymdiffError(f"the title is text, not {quote(title)}")
    blocks = []
    for number, derivation in enumerate(derivations, 1):
        label = f"Problem {number}." if len(derivations) > 1 else "Problem."
        lines = derivation.lines()
        rows = _rows(lines, notation, boxed=True)
        question = _Writer(notation).line(lines[0])  # the derivative asked for: the first heading
        blocks += [
            rf"\subsection*{{{label}}}",
            "Find",
            _align(question),
            r"\textbf{Solution.}",
            _align(rows),
        ]
    return document(blocks, title=title)
