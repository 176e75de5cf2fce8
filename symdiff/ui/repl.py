"""The interactive session: type an expression, get its derivative with every step.

``Session`` holds what a person has done (named expressions, the last result and derivation,
the steps setting) and turns one line into the text to show; it computes nothing of its own
beyond calling the library. Two front ends drive it: ``interactive`` with prompt_toolkit
(line editing, history kept across sessions, completion) when standard input is a terminal,
and ``piped`` for scripts and tests. Every bad line prints its error, with a caret under the
fault, and the session goes on.
"""

from __future__ import annotations

import math
import os
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, ClassVar

from ..algebra.textbook import simplify
from ..calculus.differentiate import DifferentiationError, derive, gradient
from ..core.errors import ParseError, SymdiffError, quote
from ..core.expr import RESERVED_NAMES, Expr, Number, Symbol
from ..core.functions import FUNCTIONS

if TYPE_CHECKING:
    from ..calculus.trace import Derivation
    from ..numeric.area import Integral

__all__ = ["COMMANDS", "Session", "choose_variable", "completer", "highlighter", "interactive", "main", "piped"]

# Each command with an example; :help prints this.
COMMANDS: dict[str, tuple[str, str]] = {
    "d/dx": ("d/dx <expr>   d/dy <expr>   d2/dx2 <expr>", "the derivative (or a higher one) with steps: d/dy x^2 y"),
    ":diff": (":diff <expr>[, <var>[, <order>]]", "the same with the variable and order as words: :diff x^3 y, y, 2"),
    ":grad": (":grad <expr>[, <var>...]", "the gradient, one partial derivative a line: :grad x^2 y + y^3"),
    ":simplify": (":simplify <expr>", "the expression simplified: :simplify 2x + 3x - x*x"),
    ":check": (":check <expr> = <answer>", "whether your answer is the derivative: :check x^2 sin x = 2x sin x"),
    ":area": (":area <expr>, <a>, <b>[, <method>[, <n>]]", "the area under a curve with its working: "
              ":area sin x, 0, pi, simpson, 6"),
    ":plot": (":plot <expr>[, <x0>][, <file>]", "draw f, f' and the tangent at x0 to a PNG: :plot sin x, 1, sin.png"),
    ":latex": (":latex [<expr>]", "the last result (or trace, or area) as LaTeX, or the given expression's"),
    ":save": (":save <file>", "the last worked solution to a .tex, .json or .md file: :save steps.tex"),
    ":steps": (":steps on|off|brief", "show every step, the answer only, or leave out trivial steps"),
    ":vars": (":vars", "the names defined so far (f = x^2 sin x names an expression; _ is the last result)"),
    ":help": (":help", "this list"),
    ":quit": (":quit", "leave (also Ctrl-D on an empty line)"),
}

_GREEK_CAPITALS = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
_DERIVATIVE = re.compile(r"d(?:\^?(\d+))?/d([A-Za-z\u0391-\u03A9\u03B1-\u03C9]\w*)(?:\^(\d+))?(?=[\s(]|$)")
_ASSIGNMENT = re.compile(r"\s*([A-Za-z\u0391-\u03A9\u03B1-\u03C9]\w*)\s*=(?!=)")
_LAST = re.compile(r"(?<![\w])_(?![\w])")


class Quit(Exception):
    """The person asked to leave."""


def choose_variable(expr: Expr) -> Symbol:
    """The variable to differentiate by when none is named: the only one, else x."""
    free = sorted(expr.free_symbols, key=lambda symbol: symbol.name)
    if len(free) <= 1:
        return free[0] if free else Symbol("x")
    if Symbol("x") in free:
        return Symbol("x")
    names = ", ".join(symbol.name for symbol in free)
    raise DifferentiationError(
        f"the expression has {names}: say which to differentiate by (--wrt {free[0].name} on the command line, "
        f"d/d{free[0].name} in the session)"
    )


def highlighter(stream: IO[str]) -> Callable[[str], str] | None:
    """Bold cyan rule names on a colour terminal; none when piped, with NO_COLOR, or TERM=dumb."""
    isatty = getattr(stream, "isatty", None)
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb" or not (isatty and isatty()):
        return None
    return lambda name: f"\033[1;36m{name}\033[0m"


class Session:
    """One person's session: lines in, text out."""

    def __init__(self, highlight: Callable[[str], str] | None = None) -> None:
        self.names: dict[str, Expr] = {}
        self.last: Expr | None = None
        self.last_derivation: Derivation | None = None
        self.last_integral: Integral | None = None  # set by :area, cleared by the next derivative
        self.steps = "on"
        self.highlight = highlight

    # --- dispatch -------------------------------------------------------------------------------
    def handle(self, line: str) -> str:
        """The text to show for one line; raises ``SymdiffError`` for a bad one, ``Quit`` to leave."""
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
        derivative = _derivative_prefix(line, start)
        if derivative:
            end, wrt, order = derivative
            return self._differentiate(self._expression(line, end), wrt, order)
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            return self._assign(line, assignment)
        expr = self._expression(line, start)
        return self._differentiate(expr, None, 1)

    # --- commands -------------------------------------------------------------------------------
    def _help(self, line: str = "", start: int = 0) -> str:
        width = max(len(usage) for usage, _ in COMMANDS.values())
        rows = [f"  {usage.ljust(width)}  {what}" for usage, what in COMMANDS.values()]
        return "\n".join([
            "Type an expression to see its derivative with every step: x^2 sin x",
            "Write as on paper: 3x^2, sin x cos x, sqrt(x), e^(-x^2/2), x², √x, π.",
            *rows,
        ])  # fmt: skip

    def _diff(self, line: str, start: int) -> str:
        expr_end, extras = _trailing_fields(line, start, 2)
        expr = self._expression(line, start, expr_end)
        wrt = extras[0] if extras else None
        order = 1
        if len(extras) > 1:
            if not extras[1].isdigit():
                raise SymdiffError(f"the order is a whole number, not {quote(extras[1])}: :diff x^3, x, 2")
            order = int(extras[1])
        return self._differentiate(expr, wrt, order)

    def _grad(self, line: str, start: int) -> str:
        expr_end, extras = _trailing_fields(line, start, None)
        expr = self._expression(line, start, expr_end)
        variables = extras or sorted(s.name for s in expr.free_symbols)
        if not variables:
            raise SymdiffError("the expression has no variables, so its gradient is empty")
        partials = gradient(expr, variables)
        self.last = partials[0] if len(partials) == 1 else None
        width = max(len(name) for name in variables)
        lines = [f"∇[{expr}] with respect to ({', '.join(variables)}):"]
        lines += [f"  ∂/∂{name.ljust(width)} = {partial}" for name, partial in zip(variables, partials, strict=True)]
        return "\n".join(lines)

    def _simplify(self, line: str, start: int) -> str:
        result = simplify(self._expression(line, start))
        self.last = result
        return str(result)

    def _latex(self, line: str, start: int) -> str:
        if line[start:].strip():
            return self._expression(line, start).to_latex()
        if self.last_integral is not None:
            return self.last_integral.to_latex()
        if self.last_derivation is not None and self.last is self.last_derivation.result:
            return self.last_derivation.to_latex()
        if self.last is not None:
            return self.last.to_latex()
        raise SymdiffError("nothing to show yet: type an expression first, or :latex <expr>")

    def _save(self, line: str, start: int) -> str:
        from .export import write

        name = line[start:].strip()
        if not name:
            raise SymdiffError("say where: :save steps.tex (or .json, .md)")
        if self.last_derivation is None:
            raise SymdiffError("nothing to save yet: differentiate an expression first")
        derivation = self.last_derivation
        path = write(Path(name).expanduser(), derivation)
        power = "" if derivation.order == 1 else f"^{derivation.order}"
        return f"saved the worked solution of d{power}/d{derivation.wrt.name}{power} [{derivation.expr}] to {path}"

    def _steps(self, line: str, start: int) -> str:
        choice = line[start:].strip().lower()
        if choice:
            if choice not in ("on", "off", "brief"):
                raise SymdiffError(f"steps can be on, off or brief, not {quote(choice)}")
            self.steps = choice
        return f"steps: {self.steps}"

    def _vars(self, line: str, start: int) -> str:
        lines = [f"  {name} = {value}" for name, value in sorted(self.names.items())]
        if self.last is not None:
            lines.append(f"  _ = {self.last}")
        return "\n".join(lines) if lines else "no names yet: f = x^2 sin x names an expression"

    def _check(self, line: str, start: int) -> str:
        equals = line.find("=", start)
        if equals < 0:
            raise SymdiffError("write :check <expr> = <your answer>, e.g. :check x^2 = 2x")
        derivative = _derivative_prefix(line, len(line) - len(line[start:].lstrip()))
        expr_start, wrt, order = derivative or (start, None, 1)
        expr = self._expression(line, expr_start, equals)
        answer = self._expression(line, equals + 1)
        result = derive(expr, wrt or choose_variable(expr), order).result
        verdict = _compare(result, answer)
        return f"{verdict}\n  d/d{wrt or choose_variable(expr).name} [{expr}] = {result}"

    def _area(self, line: str, start: int) -> str:
        from ..numeric.area import DEFAULT_N, METHODS, integrate

        expr_end, extras = _trailing_fields(line, start, 4)
        expr = self._expression(line, start, expr_end)
        if len(extras) < 2:
            raise SymdiffError("give the interval: :area <expr>, <a>, <b>[, <method>[, <n>]], e.g. :area x^2, 0, 1")
        method = extras[2].lower() if len(extras) > 2 else "trapezoid"
        if method not in METHODS:
            raise SymdiffError(f"unknown method {quote(extras[2])}: use one of {', '.join(METHODS)}")
        n = DEFAULT_N
        if len(extras) > 3:
            if not extras[3].isdigit():
                raise SymdiffError(f"n is a whole number of intervals, not {quote(extras[3])}")
            n = int(extras[3])
        result = integrate(expr, None, extras[0], extras[1], method=method, n=n)
        self.last_integral = result
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

    _COMMANDS: ClassVar[dict[str, Callable[[Session, str, int], str]]] = {
        ":help": _help, ":h": _help, ":diff": _diff, ":d": _diff, ":grad": _grad, ":gradient": _grad,
        ":simplify": _simplify, ":s": _simplify, ":latex": _latex, ":save": _save, ":steps": _steps,
        ":vars": _vars, ":check": _check, ":area": _area, ":plot": _plot,
    }  # fmt: skip

    # --- helpers --------------------------------------------------------------------------------
    def _differentiate(self, expr: Expr, wrt: str | None, order: int) -> str:
        derivation = derive(expr, wrt or choose_variable(expr), order)
        self.last = derivation.result
        self.last_derivation = derivation
        self.last_integral = None
        if self.steps == "off":
            return str(derivation.result)
        return derivation.explain(brief=self.steps == "brief", highlight=self.highlight)

    def _assign(self, line: str, assignment: re.Match[str]) -> str:
        name = assignment.group(1)
        if name in RESERVED_NAMES or name in FUNCTIONS:
            raise SymdiffError(f"{name} is a function or constant; choose another name")
        expr = self._expression(line, assignment.end())
        Symbol(name)  # a valid name, or a clear error
        self.names[name] = expr
        self.last = expr
        return f"{name} = {expr}"

    def _expression(self, line: str, start: int, end: int | None = None) -> Expr:
        """The expression in ``line[start:end]``, names and ``_`` replaced by their values.

        Errors point into the whole line: the text around the expression is blanked, not cut,
        so the positions the parser reports are positions in the line."""
        from ..syntax.parser import parse

        end = len(line) if end is None else end
        text = " " * start + line[start:end]
        stand_in = None
        if _LAST.search(text):
            if self.last is None:
                raise ParseError("_ is the last result, and there is none yet", line, _LAST.search(text).start())  # type: ignore[union-attr]
            stand_in = next(c for c in _GREEK_CAPITALS if c not in text and c not in self.names)
            text = _LAST.sub(stand_in, text)
        try:
            expr = parse(text)
        except ParseError as error:
            raise ParseError(error.message, line, error.pos) from None
        replacements: dict[Expr, Expr] = {Symbol(name): value for name, value in self.names.items()}
        if stand_in is not None:
            replacements[Symbol(stand_in)] = self.last  # type: ignore[assignment]
        used = {symbol for symbol in expr.free_symbols if symbol in replacements}
        return expr.subs({symbol: replacements[symbol] for symbol in used}) if used else expr

    def completions(self) -> list[str]:
        """Words the interactive front end offers to complete."""
        return sorted({*self._COMMANDS, ":quit", *FUNCTIONS, *self.names, "d/dx", "d/dy"})


def _derivative_prefix(line: str, start: int) -> tuple[int, str, int] | None:
    """``d/dy``, ``d2/dx2`` or ``d^2/dx^2`` at ``start``: where it ends, the variable, the order."""
    match = _DERIVATIVE.match(line, start)
    if match is None:
        return None
    before, name, after = match.groups()
    if before and not after and name.endswith(before) and len(name) > len(before):
        name = name[: -len(before)]  # d2/dx2: the second derivative by x, not the first by x2
    elif before and after and before != after:
        raise ParseError(f"the orders in {match.group()} disagree", line, match.start())
    return match.end(), name, int(before or after or 1)


def _trailing_fields(line: str, start: int, most: int | None) -> tuple[int, list[str]]:
    """Split ``expr, a, b`` at its commas: where the expression ends, and the fields after it."""
    parts = line[start:].split(",")
    if most is not None and len(parts) - 1 > most:
        raise SymdiffError(f"at most {most} values after the expression, separated by commas")
    fields = [part.strip() for part in parts[1:]]
    if any(not field for field in fields):
        raise SymdiffError("an empty value between commas")
    return start + len(parts[0]), fields


def _compare(derivative: Expr, answer: Expr, points: int = 24) -> str:
    """Whether ``answer`` equals ``derivative``: by simplification, else at random points."""
    from ..core.evaluate import evaluate

    if simplify(derivative - answer) == Number(0):
        return "Correct: your answer simplifies to the derivative."
    names = sorted({symbol.name for symbol in derivative.free_symbols | answer.free_symbols})
    rng = random.Random(2024)  # the same points every time, so a verdict can be repeated
    agreed = 0
    for _ in range(points * 8):
        point = {name: rng.uniform(-3, 3) for name in names}
        try:
            expected, given = evaluate(derivative, point), evaluate(answer, point)
        except SymdiffError:
            continue  # outside the domain of one of them
        if not math.isclose(expected, given, rel_tol=1e-7, abs_tol=1e-9):
            where = ", ".join(f"{name} = {value:.4g}" for name, value in point.items()) or "every point"
            return (f"Not the derivative: at {where} the derivative is {expected:.6g} "
                    f"but your answer gives {given:.6g}.")
        agreed += 1
        if agreed == points:
            return f"Correct: your answer agrees with the derivative at {points} random points."
    return "Could not decide: the two could not be evaluated at enough common points."


# --- front ends ---------------------------------------------------------------------------------


def piped(session: Session, lines: Iterable[str], write: Callable[[str], object]) -> int:
    """Run lines from a script or pipe; 2 if any line was bad, else 0."""
    status = 0
    for line in lines:
        try:
            text = session.handle(line.rstrip("\n"))
        except Quit:
            break
        except SymdiffError as error:
            write(f"error: {error}\n")
            status = 2
            continue
        if text:
            write(text + "\n")
    return status


def history_path() -> Path:
    """Where the session's history is kept: $SYMDIFF_HISTORY, else the user's data directory."""
    if os.environ.get("SYMDIFF_HISTORY"):
        return Path(os.environ["SYMDIFF_HISTORY"])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "symdiff" / "history"


def completer(session: Session) -> object:
    """A prompt_toolkit completer for the word before the cursor: commands, functions, names."""
    from prompt_toolkit.completion import Completer, Completion

    class Words(Completer):
        def get_completions(self, document, complete_event):  # type: ignore[no-untyped-def]
            word = re.search(r"[:\w/]*$", document.text_before_cursor).group()  # type: ignore[union-attr]
            if word:
                for candidate in session.completions():
                    if candidate.startswith(word) and candidate != word:
                        yield Completion(candidate, start_position=-len(word))

    return Words()


def interactive(session: Session, input: object = None, output: object = None) -> int:  # noqa: A002
    """The prompt_toolkit session: editing, history, completion; Ctrl-C cancels, Ctrl-D leaves."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory
    from prompt_toolkit.shortcuts import CompleteStyle

    history: History
    try:
        path = history_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        history = FileHistory(str(path))
    except OSError:
        history = InMemoryHistory()  # nowhere to keep it: this session still has one
    prompt = PromptSession(
        history=history, completer=completer(session), complete_style=CompleteStyle.READLINE_LIKE,
        input=input, output=output,  # type: ignore[arg-type]
    )
    print("symdiff: type an expression for its derivative with steps, :help for commands, Ctrl-D to leave.")
    while True:
        try:
            line = prompt.prompt("symdiff> ")
        except KeyboardInterrupt:
            continue  # Ctrl-C drops the line being typed
        except EOFError:
            return 0
        try:
            text = session.handle(line)
        except Quit:
            return 0
        except KeyboardInterrupt:
            print("interrupted")
            continue
        except SymdiffError as error:
            print(f"error: {error}")
            continue
        except RecursionError:  # pragma: no cover - symdiff never recurses; a last line of defence
            print("error: the expression is too deeply nested")
            continue
        if text:
            print(text)


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
