"""The trace: frozen steps, and a derivation that explains itself.

A ``Step`` records one rule applied to one expression: what was differentiated, with respect
to what, the result, and the sub-steps whose results the rule combined. Printers (``explain``
here, LaTeX in ``trace_latex``, JSON in ``trace_json``) only walk steps; they never compute
derivatives, so what they show cannot disagree with the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..core.errors import SymdiffError, quote
from ..core.expr import Add, Expr, Sub, Symbol
from ..core.notation import TIME, applied_text, check_notation, dotted, is_partial, operator_text
from ..core.printer import to_text

__all__ = [
    "ANSWER_CHARS", "BRIEF_HIDDEN", "SHOWN_CHARS", "Context", "Derivation", "Line", "Step", "formula_text",
    "header_partial", "header_variables", "omitted_text",
]  # fmt: skip


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

    @property
    def place(self) -> tuple[Expr, Expr] | None:
        """For one step of a simplification: the part of ``expr`` rewritten, and what it became."""
        if not self.is_rewrite or len(self.bindings) != 2 or self.bindings[0][0] != "at":
            return None
        return self.bindings[0][1], self.bindings[1][1]

    def __repr__(self) -> str:
        # Shallow, and cut short: the generated repr would recurse through every sub-step.
        return (f"<Step {self.rule}: {to_text(self.expr, 60)} -> {to_text(self.result, 60)}, "
                f"{len(self.substeps)} sub-steps>")

    def __iter__(self) -> Iterator[Step]:
        """This step and all below it, in the order a worked solution presents them."""
        stack = [self]
        while stack:
            step = stack.pop()
            yield step
            stack.extend(reversed(step.substeps))


class Derivation:
    """A derivative with its worked solution.

    ``result`` is the simplified derivative and ``raw`` the last rule's result before the
    final simplification; both come from ``trace``, the tree of steps.
    """

    __slots__ = ("expr", "order", "raw", "result", "trace", "variables", "wrt")

    def __init__(self, expr: Expr, wrt: Symbol, order: int, trace: Step, raw: Expr,
                 variables: tuple[Symbol, ...] | None = None) -> None:
        kinds = (Expr, Symbol, int, Step, Expr)
        if not all(isinstance(value, kind) for value, kind in zip((expr, wrt, order, trace, raw), kinds, strict=True)):
            raise SymdiffError("a Derivation is made by symdiff.derive(expr, wrt, order), which checks its arguments")
        self.expr = expr
        self.wrt = wrt  # the first variable differentiated by (the only one unless a mixed partial)
        self.order = order
        # Every variable differentiated by, in the order applied: (x, x) for d²/dx², (x, y) for ∂²/∂y∂x.
        self.variables = (wrt,) * order if variables is None else variables
        self.trace = trace
        self.raw = raw
        self.result = trace.result

    def __iter__(self) -> Iterator[Step]:
        return iter(self.trace)

    def __repr__(self) -> str:
        # Cut short as Step's is: a deep chain's answer has millions of characters.
        return f"<Derivation {self.operator} [{to_text(self.expr, REPR_CHARS)}] = {to_text(self.result, REPR_CHARS)}>"

    @property
    def operator(self) -> str:
        """The derivative taken, in Leibniz notation: ``d/dx``, ``d^2/dx^2``, ``∂^2/∂y∂x``."""
        return operator_text([v.name for v in self.variables])

    def __str__(self) -> str:
        return self.explain()

    def explain(self, width: int | None = 1000, *, brief: bool = False,
                highlight: Callable[[str], str] | None = None, notation: str = "leibniz") -> str:
        """The worked solution as indented text, one rule per line.

        Expressions inside the steps longer than ``width`` characters are cut short with "…"
        (deeply nested input makes every step long), and past ``SHOWN_CHARS`` characters of
        steps one line says how many steps are left out; the answer on the last line is whole
        up to ``ANSWER_CHARS`` characters (a cut is stated). So the text stays bounded, and
        takes time in proportion to its length. ``width=None`` prints every expression and the
        answer whole up to ``WHOLE_CHARS`` (a million characters; ``str(derivation.result)`` is
        the whole answer), and the steps past ``SHOWN_CHARS`` are still counted, not printed:
        iterate over the derivation for all of them. ``brief`` leaves out the trivial steps
        (constants, the variable itself, sums and differences) and keeps the rules that did
        the work. ``highlight`` wraps each rule name (the REPL colours them). ``notation``
        writes the derivatives in Leibniz (``d/dx [x^2]``, the default), Lagrange (``(x^2)'``)
        or Euler (``D_x [x^2]``) notation; Newton's dots need LaTeX, so text writes d/dt.
        """
        if width is not None and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
            raise SymdiffError(f"width is a whole number of characters (at least 1) or None, not {quote(width)}")
        if highlight is not None and not callable(highlight):
            raise SymdiffError(f"highlight is a function that wraps a rule's name, not {quote(highlight)}")
        notation = check_notation(notation)
        text = _Abbreviator(WHOLE_CHARS if width is None else width)
        mark = highlight or (lambda name: name)
        context = Context(notation)

        def show(line: Line) -> str:
            indent = "  " * min(line.depth, MAX_INDENT)
            if line.kind == "header":
                return f"{indent}{_header(line, text, context)}"
            if line.kind == "result":
                return f"{indent}= {_answer(line.value, width) if line.depth == 0 else text(line.value)}"
            return indent + _line(line, text, mark, context)

        out: list[str] = []
        used = steps_shown = 0
        # Lines are made as they are printed: a derivation of 400,000 steps shows a few hundred,
        # and the rest are only counted (by ``_steps``, without a line each).
        lines = self._lines(brief)
        line = next(lines)
        for following in lines:
            if used > SHOWN_CHARS:
                left = _steps(self.trace, brief) - steps_shown
                last = Line("result", 0, self.trace, self.trace.result)  # the answer ends every solution
                out += ["  " * min(line.depth, MAX_INDENT) + _omitted(left), show(last)]
                return "\n".join(out)
            out.append(show(line))
            used += len(out[-1]) + 1
            steps_shown += line.kind != "result"
            line = following
        out.append(show(line))
        return "\n".join(out)

    def lines(self, *, brief: bool = False) -> list[Line]:
        """The worked solution as lines to print, in order: the layout every printer shares.

        A rule with sub-steps gets a line naming it, its sub-steps indented below, and a
        ``result`` line; a rule without sub-steps is one line. A result equal to the line just
        above it is said once.
        """
        return list(self._lines(brief))

    def _lines(self, brief: bool) -> Iterator[Line]:
        """``lines``, one at a time: each is given once the next is known (a result that repeats
        the answer replaces the line before it)."""
        lines: list[Line] = []  # the line held back, at most one
        # An explicit stack of (step, depth, closing, shown): closing entries print a step's
        # result after its sub-steps, so deep traces need no recursion.
        stack: list[tuple[Step, int, bool, Expr | None]] = [(self.trace, 0, False, None)]
        while stack:
            step, depth, closing, shown = stack.pop()
            while len(lines) > 1:
                yield lines.pop(0)
            if closing:
                value = shown if shown is not None else step.result
                previous = lines[-1] if lines else None
                repeats = previous is not None and previous.kind == "result" and previous.value == value
                if depth == 0 and repeats:
                    lines[-1] = Line("result", 0, step, value)  # the last rule's result was the answer
                elif not repeats:
                    lines.append(Line("result", depth, step, value))
                continue
            if step.rule in ("derivative", "higher_derivative"):
                lines.append(Line("header", depth, step, None))
                stack.append((step, depth, True, None))
                subs = step.substeps
                # Followed by a simplification, the last rule's result is shown as it came out
                # of the rule (the simplification's starting point), not already simplified.
                raw = subs[1].expr if len(subs) == 2 and subs[1].is_rewrite else None
                overrides = [raw] + [None] * (len(subs) - 1)
                pairs = list(zip(subs, overrides, strict=True))
                stack.extend((sub, depth + 1, False, over) for sub, over in reversed(pairs))
                continue
            if brief and step.rule in BRIEF_HIDDEN:
                if step.substeps:  # a sum's parts are still worked, one level up
                    stack.extend((sub, depth, False, None) for sub in reversed(step.substeps))
                continue
            lines.append(Line("rule", depth, step, shown))
            place = step.place
            if place is not None and place[0] is not step.expr:
                lines.append(Line("result", depth, step, step.result))  # the whole expression now
            if step.substeps:
                stack.append((step, depth, True, shown))
                stack.extend((sub, depth + 1, False, None) for sub in reversed(step.substeps))
        yield from lines

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        """The worked solution as LaTeX: an ``align*`` block, or with ``standalone`` a handout
        (the problem, the solution with each rule named, the answer boxed) for pdflatex.
        ``notation`` as for ``explain``; in LaTeX, Newton's dots are drawn."""
        from .trace_latex import derivation_latex

        return derivation_latex(self, standalone=standalone, notation=notation)

    def to_json(self) -> dict[str, object]:
        """The derivation as JSON-ready data (schema: README, "The trace as JSON")."""
        from .trace_json import derivation_data

        return derivation_data(self)

    def _repr_latex_(self) -> str:
        from .trace_latex import derivation_latex

        return derivation_latex(self, notebook=True)


# Steps that work out the derivatives written in the input (d/dx[x^2] in x + d/dx[x^2]).
WRITTEN = frozenset({"written_derivatives", "written_derivative"})

# Steps that brief mode leaves out: each is plain from the line around it.
BRIEF_HIDDEN = frozenset({"constant", "variable", "sum", "difference", "sum_difference", "negation"})


# What a printer shows of a long worked solution: the steps up to about this many characters
# (a 500-deep chain has a thousand steps, each as long as the input), then one line saying how
# many are left out, then the answer, itself cut past ANSWER_CHARS (text) with the cut stated.
SHOWN_CHARS = 200_000
ANSWER_CHARS = 100_000
# With width=None, each expression and the answer is whole up to this: x^x^...^sin(x) 1,997 deep
# has an answer of 8.2 million characters, which took 5.6 s to print (str(derivation.result) has it).
WHOLE_CHARS = 1_000_000
REPR_CHARS = 1_000  # each expression in a derivation's repr
MAX_INDENT = 100  # levels of sub-steps shown by indenting; deeper steps line up with the hundredth


def omitted_text(lines: list[Line]) -> str:
    """The line standing for ``lines`` when a printer leaves them out."""
    return _omitted(sum(1 for line in lines if line.kind != "result"))


def _omitted(steps: int) -> str:
    return f"… {steps:,} more step{'s' if steps != 1 else ''} (the answer is computed from all of them)"


def _steps(trace: Step, brief: bool) -> int:
    """How many lines other than results ``Derivation.lines`` has: one for each step it walks,
    but the steps brief mode leaves out."""
    count = 0
    stack = [trace]
    while stack:
        step = stack.pop()
        if not (brief and step.rule in BRIEF_HIDDEN and step.rule not in ("derivative", "higher_derivative")):
            count += 1
        stack.extend(step.substeps)
    return count


def _answer(value: Expr, width: int | None) -> str:
    """The answer as text: whole, or past ``ANSWER_CHARS`` (``WHOLE_CHARS`` when ``width`` is
    None) cut with the cut stated."""
    limit = WHOLE_CHARS if width is None else ANSWER_CHARS
    shown = to_text(value, limit)
    if len(shown) > limit:
        shown += f"  (cut at {limit:,} characters: str(derivation.result) is the whole answer)"
    return shown


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a worked solution.

    ``kind`` is ``header`` (d/dx [expr] of a derivation), ``rule`` (a rule applied; ``value``,
    when set, is the result to show instead of ``step.result``) or ``result`` (``= value``,
    after a rule's sub-steps).
    """

    kind: str
    depth: int
    step: Step
    value: Expr | None

    def __repr__(self) -> str:
        return f"<Line {self.kind} at depth {self.depth}: {self.step!r}>"


class _Abbreviator:
    """Prints expressions for explain, cut at a width, remembering each one printed."""

    def __init__(self, width: int | None) -> None:
        self.width = width
        self._seen: dict[int, tuple[Expr, str]] = {}

    def __call__(self, expr: Expr) -> str:
        cached = self._seen.get(id(expr))
        if cached is None:
            cached = self._seen[id(expr)] = (expr, to_text(expr, self.width))
        return cached[1]


def header_variables(step: Step) -> list[str]:
    """The variables a derivation step differentiates by, in the order applied."""
    if step.rule != "higher_derivative":
        return [step.wrt.name]
    if step.bindings:
        return [value.name for _, value in step.bindings]  # type: ignore[attr-defined]
    return [step.wrt.name] * int(step.formula)


def header_partial(step: Step) -> bool:
    """Whether a derivation step's derivative is a partial one (∂): its expression has other
    variables than the one differentiated by, as a written derivative's LaTeX decides."""
    return is_partial({symbol.name for symbol in step.expr.free_symbols}, header_variables(step))


class Context:
    """Where a printer is in a worked solution: the notation, and for each derivation heading
    open above the current line its depth, variable and whether it is a partial derivative.
    A rule's line by that variable writes its operator as the heading does (∂/∂x, (u)_x); a
    line by the chain rule's placeholder u is an ordinary derivative."""

    def __init__(self, notation: str) -> None:
        self.notation = notation
        self._open: list[tuple[int, str, bool]] = []

    def enter(self, line: Line) -> bool:
        """Note a heading line; whether it is the first (the problem's own heading)."""
        first = not self._open
        while self._open and self._open[-1][0] >= line.depth:
            self._open.pop()
        variables = header_variables(line.step)
        self._open.append((line.depth, variables[-1], header_partial(line.step)))
        return first

    def partial(self, line: Line) -> bool:
        while self._open and self._open[-1][0] >= line.depth:
            self._open.pop()
        return bool(self._open) and self._open[-1][1] == line.step.wrt.name and self._open[-1][2]

    def newton_note(self, variables: list[str], *, latex: bool) -> str:
        """What the problem's heading says when Newton's notation is asked for, if anything."""
        if self.notation != "newton":
            return ""
        if not dotted(variables):
            return f"Newton's dots are for derivatives by time {TIME}; written here in Leibniz notation"
        return "" if latex else "Newton's dots are drawn in LaTeX; plain text writes d/dt"


# A part's derivative, u' or f3' (not f'(u), the derivative of a function).
PRIMED = re.compile(r"\b([a-z][a-z0-9]*)'(?![('])")
# A rule's formula begins with the derivative it states: d/dx[...] = ...
STATED = re.compile(r"d/dx\[(.*)\]")


def formula_text(formula: str, variable: str, notation: str = "leibniz", *, partial: bool = False) -> str:
    """A rule's formula (``d/dx[u*v] = u'*v + u*v'``) by ``variable``, in ``notation``:
    ``(u*v)' = u'*v + u*v'``, ``D_x[u*v] = ...``; a partial one by x in Lagrange's writes the
    parts' derivatives u_x."""
    left, equals, right = formula.partition(" = ")
    match = STATED.fullmatch(left)
    if match is None:
        return formula.replace("d/dx", f"d/d{variable}")
    if notation == "lagrange" and partial:
        right = PRIMED.sub(rf"\1_{variable}", right)
    return applied_text([variable], match.group(1), notation=notation, partial=partial) + equals + right


def _header(line: Line, text: _Abbreviator, context: Context) -> str:
    step = line.step
    first = context.enter(line)
    variables = header_variables(step)
    notes = [step.note] if step.note else []
    if first:
        notes.append(context.newton_note(variables, latex=False))
    note = "".join(f"  ({note})" for note in notes if note)
    return applied_text(variables, text(step.expr), notation=context.notation, partial=header_partial(step),
                        gap=" ") + note


def _line(line: Line, text: _Abbreviator, mark: Callable[[str], str], context: Context) -> str:
    step, shown = line.step, line.value
    title = mark(step.name)
    place = step.place
    if (step.is_rewrite and step.substeps) or step.rule in WRITTEN:
        body = f"{title}: {text(step.expr)}"
    elif step.rule == "limit":  # h -> 0 in the delta method: the law used is in the note
        h = step.wrt.name
        shown = text(step.expr)
        shown = f"({shown})" if type(step.expr) in (Add, Sub) else shown
        body = f"{title}: lim[{h}->0] {shown} = {text(step.result)}"
        note = "; ".join(part for part in (step.note, step.formula) if part)
        return body + (f"  ({note})" if note else "")
    elif place is not None:
        body = f"{title}: {text(place[0])} = {text(place[1])}"
    elif step.is_rewrite:
        body = f"{title}: {text(step.expr)} = {text(step.result)}"
    else:
        partial = context.partial(line)
        variable = step.wrt.name
        if step.substeps:
            bindings = ", ".join(f"{name} = {text(value)}" for name, value in step.bindings)
            formula = formula_text(step.formula, variable, context.notation, partial=partial)
            body = f"{title}: {formula}" + (f", with {bindings}" if bindings else "")
        else:
            value = text(shown if shown is not None else step.result)
            derivative = applied_text([variable], text(step.expr), notation=context.notation, partial=partial)
            body = f"{title}: {derivative} = {value}"
    return body + (f"  ({step.note})" if step.note else "")
