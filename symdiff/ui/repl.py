"""The interactive session: type an expression, get its derivative with every step.

``Session`` holds what a person has done (named expressions, the last result and derivation,
the steps setting) and turns one line into the text to show; it computes nothing of its own
beyond calling the library. Two front ends drive it: ``interactive`` with prompt_toolkit
(line editing, history kept across sessions, completion) when standard input is a terminal,
and ``piped`` for scripts and tests. Every bad line prints its error, with a caret under the
fault, and the session goes on.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from ..algebra.textbook import simplify
from ..calculus.differentiate import derive, diff
from ..calculus.partials import worked_gradient, worked_hessian
from ..calculus.trace import Derivation
from ..core.errors import ParseError, SymdiffError, quote
from ..core.expr import Expr, Symbol, UndefinedCall
from ..core.functions import FUNCTIONS
from ..core.notation import operator_text
from ..core.printer import to_text
from .definitions import FUNCTION_DEFINITION, NAME_DEFINITION, SHOWN, DefinitionError, Definitions
from .limit_results import DeclinedLimit, worked_definition, worked_limit
from .reading import choose_variable, compare, interval_count, trailing_fields, variable_fields, written_derivative
from .repl_autodiff import BACKPROP_HELP, FORWARD_HELP, backprop_command, forward_command
from .repl_integrals import INTEGRATE_HELP, integrate_command
from .repl_learning import chain_command, descend_command, let_command
from .results import (
    AreaResult,
    DerivativeResult,
    PartialsResult,
    Result,
    SimplifyResult,
    ValueResult,
    derivative_result,
    notation_options,
)
from .results import write as write_results
from .terminal import Quit, completer, highlighter, interactive, piped

__all__ = [
    "COMMANDS", "Quit", "Session", "choose_variable", "completer", "highlighter", "interactive", "main", "piped",
]

# Each command with an example; :help prints this.
COMMANDS: dict[str, tuple[str, str]] = {
    "d/dx": ("d/dx <expr>   d/dy d/dx <expr>   d^2/dx^2 <expr>   ∂/∂x <expr>   d/dx[<expr>]   D_x <expr>",
             "the derivative with steps (innermost first): d/dy x^2 y, ∂^2/∂y∂x x^3 y^2, dy/dx (y defined)"),
    ":diff": (":diff <expr>[, <var>[, <var or order>...]]", "the same with the variables as words, in the order "
              "applied: :diff x^3 y^2, x, y (mixed); :diff x^3, x, 2 (second)"),
    ":grad": (":grad <expr>[, <var>...]", "the gradient, each partial derivative with its steps: :grad x^2 y + y^3"),
    ":hessian": (":hessian <expr>[, <var>...]", "the matrix of second partial derivatives: :hessian x^2 y + y^3"),
    ":simplify": (":simplify <expr>", "the expression simplified: :simplify 2x + 3x - x*x"),
    ":check": (":check <expr> = <answer>", "whether your answer is the derivative: :check x^2 sin x = 2x sin x"),
    ":area": (":area <expr>, <a>, <b>[, <method>[, <n>]]", "the area under a curve with its working: "
              ":area sin x, 0, pi, simpson, 6"),
    ":integrate": INTEGRATE_HELP,
    ":plot": (":plot <expr>[, <x0>][, <file>]", "draw f, f' and the tangent at x0 to a PNG: :plot sin x, 1, sin.png"),
    ":limit": (":limit <expr>, <point>[, +|-]", "the limit with its steps, from one side with + or -: "
               ":limit sin(x)/x, 0; :limit 1/x, 0, +; :limit (1 + 1/n)^n, oo"),
    ":table": (":table <expr>, <point>[, +|-]", "the function's values approaching the point: :table x sin(1/x), 0"),
    ":definition": (":definition <expr>[, <point>]", "the derivative from its definition, lim (f(x + h) - f(x))/h; "
                    "at a point also the difference quotients: :definition x^2, 1"),
    ":backprop": BACKPROP_HELP,
    ":forward": FORWARD_HELP,
    ":latex": (":latex [<expr>]", "the last result of any kind (derivative, gradient, Hessian, area, limit, "
               "simplification, value) as LaTeX, or the given expression's"),
    ":save": (":save <file>", "the last result to a .tex, .json or .md file: :save steps.tex"),
    ":let": (":let <name> = <expr>", "a named quantity for the chain rule (its name stays a name): :let z = w x + b, "
             ":let a = sigmoid(z), :let C = (a - y)^2; :let lists them"),
    ":chain": (":chain <quantity>, <var>", "the derivative by the multivariable chain rule: :chain C, w"),
    ":descend": (":descend <cost>, <param>=<start>..., <data>[, lr=, steps=, batch=, plot=, path=]",
                 "gradient descent on the cost averaged over the data: :descend (m x + b - y)^2, m=0, b=0, "
                 "x=[1, 2, 3], y=[2, 4, 7], lr=0.05 (or data=file.csv; plot=cost.png, path=path.png)"),
    "name =": ("<name> = <expr>", "name a value or an expression: a = 3, y = x^2 (then d/dx y); "
               "_ is the last result"),
    "f(x) =": ("f(x) = <expr>", "define a function (f, g or h): f(x) = x^2 sin x, then f'(x), f(2), d/dx f(t^2)"),
    ":vars": (":vars", "the names and functions defined so far"),
    ":unset": (":unset <name>[, <name>...]", "forget a definition: :unset x makes x a variable again"),
    ":clear": (":clear", "forget every definition"),
    ":notation": (":notation [leibniz|lagrange|euler|newton]", "how derivatives are written in the steps"),
    ":steps": (":steps on|off|brief", "show every step, the answer only, or leave out trivial steps"),
    ":help": (":help", "this list"),
    ":quit": (":quit", "leave (also Ctrl-D on an empty line)"),
}

_GREEK_CAPITALS = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
_LAST = re.compile(r"(?<![\w])_(?![\w])")
_DIFF_EXAMPLE = ":diff x^3 y^2, x, y (by x, then y) or :diff x^3, x, 2 (the second derivative)"


class Session:
    """One person's session: lines in, text out."""

    def __init__(self, highlight: Callable[[str], str] | None = None) -> None:
        self.definitions = Definitions()
        self.chain_definitions: dict[str, Expr] = {}  # the :let quantities (repl_learning)
        self.last_result: Result | None = None  # what :latex and :save use; its value is _
        self.steps = "on"
        self._notes: list[str] = []  # about the names of the line being handled (name_notes)
        self.notation = "leibniz"
        self.highlight = highlight

    # --- dispatch -------------------------------------------------------------------------------
    def handle(self, line: str) -> str:
        """The text to show for one line; raises ``SymdiffError`` for a bad one, ``Quit`` to leave.
        Notes on names that look like a function written otherwise (``sinx``) come first."""
        self._notes = []
        shown = self._dispatch(line)
        if not self._notes:
            return shown
        notes = "\n".join(f"note: {note}" for note in dict.fromkeys(self._notes))
        return f"{notes}\n{shown}" if shown else notes

    def _dispatch(self, line: str) -> str:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            return ""
        if stripped in ("quit", "exit", ":q", ":quit", ":exit"):
            raise Quit
        if stripped in ("help", "?"):
            return self._help()
        start = len(line) - len(line.lstrip())
        if stripped.startswith(":"):
            word = stripped.split(maxsplit=1)[0]
            handler = self._COMMANDS.get(word)
            if handler is None:
                raise SymdiffError(f"unknown command {word}; :help lists the commands")
            return handler(self, line, start + len(word))
        definition = FUNCTION_DEFINITION.match(line)
        if definition:
            name, parameter = definition.groups()
            body = self._read(line, definition.end(), keep=frozenset({parameter.strip()}))[1]
            return self.definitions.define_function(name, parameter, body)
        assignment = NAME_DEFINITION.match(line)
        if assignment:
            written, value = self._read(line, assignment.end())
            return self.definitions.define(assignment.group(1), value, written)
        return self._line(line, start)

    def _line(self, line: str, start: int) -> str:
        """A line that is an expression: its derivative; a derivative worked; a constant's value."""
        raw, last = self._written(line, start)
        if type(raw) is UndefinedCall and raw.order and raw.name in self.definitions.functions:
            return self._function_derivative(raw, self.definitions.expand(raw.argument, last), line[start:].strip())
        expr, variables = written_derivative(self.definitions.expand(raw, last))
        if variables:  # d/dy d/dx x^3 y^2 as the whole line: worked out, by x then by y
            return self._differentiate(expr, variables)
        if expr.free_symbols:
            return self._differentiate(expr, None)
        self._refuse_written(raw, " (:simplify gives the value)")  # x^2 after x = 3
        return self._value(line[start:].strip(), expr)  # f(2): no name in it at all

    # --- commands -------------------------------------------------------------------------------
    def _help(self, line: str = "", start: int = 0) -> str:
        # Each command on its line, what it does indented below: the usages are too long for columns.
        rows = [line for usage, what in COMMANDS.values() for line in (f"  {usage}", *_wrapped(what, "      "))]
        return "\n".join([
            "Type an expression to see its derivative with every step: x^2 sin x",
            "Write as on paper: 3x^2, sin x cos x, sqrt(x), e^(-x^2/2), x², √x, π.",
            *rows,
        ])  # fmt: skip

    def _diff(self, line: str, start: int) -> str:
        expr_end, extras = trailing_fields(line, start, None)
        raw, expr = self._read(line, start, expr_end)
        expr, written = written_derivative(expr)  # :diff d/dx x^3 y^2, y: by x (as written), then by y
        variables = written + variable_fields(extras, _DIFF_EXAMPLE)
        if not variables and not expr.free_symbols:
            self._refuse_written(raw)
        return self._differentiate(expr, variables or None)

    def _grad(self, line: str, start: int) -> str:
        return self._partials(line, start, worked_gradient)

    def _hessian(self, line: str, start: int) -> str:
        return self._partials(line, start, worked_hessian)

    def _partials(self, line: str, start: int, work: Callable[..., object]) -> str:
        expr_end, extras = trailing_fields(line, start, None)
        raw, expr = self._read(line, start, expr_end)
        variables = variable_fields(extras, ":grad x^2 y + y^3, x, y") if extras else None
        if variables:
            if len(set(variables)) != len(variables):
                raise SymdiffError("name each variable once: :grad x^2 y, x, y")
        else:
            if not expr.free_symbols:
                self._refuse_written(raw)
            variables = sorted(s.name for s in expr.free_symbols) or None  # none: the error says so
        self.definitions.refuse(variables or ())
        return self._show(PartialsResult(work(expr, variables)))  # type: ignore[arg-type]

    def _simplify(self, line: str, start: int) -> str:
        expr = self._read(line, start)[1]
        return self._show(SimplifyResult(expr, simplify(expr)))

    def _latex(self, line: str, start: int) -> str:
        if line[start:].strip():
            return self._read(line, start)[1].to_latex()
        result = self._last("show", "type an expression first, or :latex <expr>")
        return f"% {result.what}\n{result.to_latex(notation=self.notation)}"

    def _save(self, line: str, start: int) -> str:
        name = line[start:].strip()
        if not name:
            raise SymdiffError("say where: :save steps.tex (or .json, .md)")
        result = self._last("save", "differentiate an expression first")
        path = Path(name).expanduser()
        write_results(path, [result], self.notation)
        return f"saved {result.what} to {path}"

    def _steps(self, line: str, start: int) -> str:
        choice = line[start:].strip().lower()
        if choice:
            if choice not in ("on", "off", "brief"):
                raise SymdiffError(f"steps can be on, off or brief, not {quote(choice)}")
            self.steps = choice
        return f"steps: {self.steps}"

    def _notation(self, line: str, start: int) -> str:
        choice = line[start:].strip()
        if choice:
            notation_options(Derivation.explain, choice)  # a clear error for a name, or one not available
            self.notation = choice.lower()
        return f"notation: {self.notation}"

    def _vars(self, line: str, start: int) -> str:
        lines = [f"  {text}" for text in self.definitions.listing()]
        value = self.last_result.value if self.last_result is not None else None
        if value is not None:
            lines.append(f"  _ = {to_text(value, SHOWN)}")
        if self.chain_definitions:  # every name the session knows: :clear forgets these too
            lines.append("  the :let quantities (for :chain):")
            lines += [f"    {name} = {to_text(quantity, SHOWN)}" for name, quantity in self.chain_definitions.items()]
        return "\n".join(lines) if lines else "no names yet: a = 3 names a value, f(x) = x^2 sin x a function"

    def _unset(self, line: str, start: int) -> str:
        names = line[start:].replace(",", " ").split()
        if not names:
            raise SymdiffError("say which: :unset x (or :clear for every definition)")
        return "\n".join(self.definitions.unset(name) for name in names)

    def _clear(self, line: str, start: int) -> str:
        if line[start:].strip():
            raise SymdiffError(":clear takes nothing after it; :unset x forgets one name")
        said = self.definitions.clear()
        quantities = len(self.chain_definitions)
        self.chain_definitions.clear()  # the :let quantities too: all is all
        if not quantities:
            return said
        named = f"{quantities} :let quantit{'ies' if quantities != 1 else 'y'}"
        return f"cleared {named}" if said == "nothing was defined" else f"{said} and {named}"

    def _check(self, line: str, start: int) -> str:
        equals = line.find("=", start)
        if equals < 0:
            raise SymdiffError("write :check <expr> = <your answer>, e.g. :check x^2 = 2x")
        expr, variables = written_derivative(self._read(line, start, equals)[1])  # :check d/dy x y^2 = 2 x y
        answer = self._read(line, equals + 1)[1]
        variables = variables or [self._variable(expr).name]
        self.definitions.refuse(variables)
        result = diff(expr, *variables)  # the answer alone: derive's result, without its steps
        verdict = compare(result, answer, function=expr)
        return f"{verdict}\n  {operator_text(variables)} [{expr}] = {result}"

    def _area(self, line: str, start: int) -> str:
        from ..numeric.area import DEFAULT_N, METHODS, integrate

        expr_end, extras = _trailing_fields(line, start, 4)
        expr = self._expression(line, start, expr_end)
        if len(extras) < 2:
            raise SymdiffError("give the interval: :area <expr>, <a>, <b>[, <method>[, <n>]], e.g. :area x^2, 0, 1")
        method = extras[2].lower() if len(extras) > 2 else "trapezoid"
        if method not in METHODS:
            raise SymdiffError(f"unknown method {quote(extras[2])}: use one of {', '.join(METHODS)}")
        n = interval_count(extras[3]) if len(extras) > 3 else DEFAULT_N
        result = integrate(expr, None, extras[0], extras[1], method=method, n=n)
        self.last_result = AreaResult(result)
        if self.steps == "off":
            return str(result)
        return result.working()

    def _plot(self, line: str, start: int) -> str:
        from .plot import DEFAULT_PLOT_FILE, plot_function

        expr_end, extras = _trailing_fields(line, start, 2)
        expr = self._expression(line, start, expr_end)
        path = DEFAULT_PLOT_FILE
        if extras and Path(extras[-1]).suffix.lower() in (".png", ".pdf", ".svg", ".jpg", ".jpeg"):
            path = extras.pop()
        if len(extras) > 1:
            raise SymdiffError("write :plot <expr>[, <tangent point>][, <file.png>]")
        plot_function(expr, tangent=extras[0] if extras else None, path=Path(path).expanduser())
        return f"wrote {path}"

    def _limit(self, line: str, start: int) -> str:
        return self._show(worked_limit(*self._limit_fields(line, start, ":limit")))

    def _table(self, line: str, start: int) -> str:
        try:
            result = worked_limit(*self._limit_fields(line, start, ":table"))
        except DeclinedLimit as declined:
            return declined.table  # the numbers are what was asked for; the last result stays
        self.last_result = result
        return result.limit.table()

    def _limit_fields(self, line: str, start: int, command: str) -> tuple[Expr, Symbol, str, str]:
        """:limit <expr>, <point>[, <side>]: in the only variable, else x (the library names any other)."""
        expr_end, extras = _trailing_fields(line, start, 2)
        if not extras:
            raise SymdiffError(f"give the point: {command} <expr>, <point>[, +|-], e.g. {command} sin(x)/x, 0")
        raw, expr = self._read(line, start, expr_end)
        if not expr.free_symbols:
            self._refuse_written(raw)  # :limit x^2, 1 after x = 3
        free = sorted(expr.free_symbols, key=lambda symbol: symbol.name)
        return expr, free[0] if len(free) == 1 else Symbol("x"), extras[0], extras[1] if len(extras) > 1 else "both"

    def _definition(self, line: str, start: int) -> str:
        expr_end, extras = _trailing_fields(line, start, 1)
        raw, expr = self._read(line, start, expr_end)
        if not expr.free_symbols:
            self._refuse_written(raw)
        return self._show(worked_definition(expr, self._variable(expr), extras[0] if extras else None))

    _COMMANDS: ClassVar[dict[str, Callable[[Session, str, int], str]]] = {
        ":help": _help, ":h": _help, ":diff": _diff, ":d": _diff, ":grad": _grad, ":gradient": _grad,
        ":hessian": _hessian, ":hess": _hessian, ":simplify": _simplify, ":s": _simplify, ":latex": _latex,
        ":save": _save, ":steps": _steps, ":notation": _notation, ":vars": _vars, ":unset": _unset,
        ":clear": _clear, ":check": _check, ":area": _area, ":plot": _plot, ":limit": _limit, ":lim": _limit,
        ":table": _table, ":definition": _definition, ":def": _definition,
        ":integrate": integrate_command, ":int": integrate_command,
        ":backprop": backprop_command, ":forward": forward_command,
        ":let": let_command, ":chain": chain_command, ":descend": descend_command,
    }  # fmt: skip

    # --- helpers --------------------------------------------------------------------------------
    def _show(self, result: Result) -> str:
        self.last_result = result
        return result.explain(self.steps, self.highlight, self.notation)

    def _last(self, verb: str, hint: str) -> Result:
        if self.last_result is None:
            raise SymdiffError(f"nothing to {verb} yet: {hint}")
        return self.last_result

    def _variable(self, expr: Expr) -> Symbol:
        """The variable when none is named (the only one, else x); refused if it has a value."""
        variable = choose_variable(expr)
        self.definitions.refuse([variable])
        return variable

    def _refuse_written(self, raw: Expr, hint: str = "") -> None:
        """A line whose every name has a value has nothing to differentiate by: say which name
        (x, the default variable, if it is one)."""
        written = sorted(s.name for s in raw.free_symbols if s.name in self.definitions)
        if written:
            name = "x" if "x" in written else written[0]
            raise DefinitionError(self.definitions.reason(name) + hint)

    def _differentiate(self, expr: Expr, variables: list[str] | None) -> str:
        if variables is None:
            variables = [self._variable(expr).name]
        self.definitions.refuse(variables)
        return self._show(derivative_result(expr, variables))

    def _function_derivative(self, call: UndefinedCall, argument: Expr, written: str) -> str:
        """f'(x), f''(2): the derivative of f's formula with its steps, then at the argument."""
        from ..core.traversal import substitute

        parameter, body = self.definitions.function(call.name)
        derivation = derive(body, [parameter.name] * call.order)
        intro = f"{written}, with {call.name}({parameter.name}) = {to_text(body, SHOWN)}:"
        at = None
        if argument != parameter:
            at = (written, simplify(substitute(derivation.result, {parameter: argument})))
        return self._show(DerivativeResult(derivation, intro, at))

    def _value(self, written: str, expr: Expr) -> str:
        from ..core.evaluate import evaluate

        exact = simplify(expr)
        return self._show(ValueResult(written, exact, evaluate(exact)))

    def _parse(self, text: str) -> Expr:
        """The one place the session parses: with the defined names, so that dy/dx is read as the
        derivative of y where y is defined (and refused, with the reason, where it is not)."""
        from ..syntax.parser import parse
        from .name_notes import name_notes

        expr = parse(text, defined=self.definitions.names())
        self._notes.extend(name_notes(text, expr, self.definitions.names() | set(self.chain_definitions)))
        return expr

    def _read(self, line: str, start: int, end: int | None = None,
              keep: frozenset[str] = frozenset()) -> tuple[Expr, Expr]:
        """The expression in ``line[start:end]`` as written, and with ``_``, the defined names
        and functions replaced (names in ``keep`` stay variables)."""
        raw, last = self._written(line, start, end)
        return raw, self.definitions.expand(raw, last, keep)

    def _written(self, line: str, start: int, end: int | None = None) -> tuple[Expr, dict[Expr, Expr]]:
        """The expression in ``line[start:end]`` as written (``_`` read as a stand-in name), and
        the stand-in's value.

        Errors point into the whole line: the text around the expression is blanked, not cut,
        so the positions the parser reports are positions in the line."""
        end = len(line) if end is None else end
        text = " " * start + line[start:end]
        replacements: dict[Expr, Expr] = {}
        found = _LAST.search(text)
        if found:
            value = self.last_result.value if self.last_result is not None else None
            if value is None:
                what = "there is none yet" if self.last_result is None else \
                    f"the last one ({self.last_result.what}) is not one expression"
                raise ParseError(f"_ is the last result, and {what}", line, found.start())
            stand_in = next(c for c in _GREEK_CAPITALS if c not in text and c not in self.definitions)
            text = _LAST.sub(stand_in, text)
            replacements[Symbol(stand_in)] = value
        try:
            raw = self._parse(text)
        except ParseError as error:
            raise ParseError(error.message, line, error.pos) from None
        return raw, replacements

    def _expression(self, line: str, start: int, end: int | None = None) -> Expr:
        """The expression in ``line[start:end]`` with ``_`` and the definitions replaced."""
        return self._read(line, start, end)[1]

    def completions(self) -> list[str]:
        """Words the interactive front end offers to complete."""
        return sorted({*self._COMMANDS, ":quit", *FUNCTIONS, *self.definitions.names(), "d/dx", "d/dy"})


_trailing_fields = trailing_fields  # the name :area and :plot use


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        print("symdiff repl: the interactive session. Type :help inside it for the commands.")
        return 0
    if argv:
        print(f"symdiff repl: unexpected {quote(' '.join(argv))}; the session takes no arguments", file=sys.stderr)
        return 2
    if sys.stdin.isatty() and sys.stdout.isatty():
        return interactive(Session(highlighter(sys.stdout)))
    return piped(Session(), sys.stdin, sys.stdout.write)


def _wrapped(text: str, indent: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)
