"""Every kind of result a person asks for, behind one interface, and written to files.

A derivative, a gradient, a Hessian, an area, a simplification or a value: each ``Result``
has a ``kind``, says ``what`` it is ("the gradient of x^2*y"), explains itself at a steps
setting (on, brief, off), and gives LaTeX, JSON and Markdown. The session keeps the last one
for ``:latex`` and ``:save``; the command line writes a list of one kind with ``-o``. ``value``
is the expression ``_`` stands for afterwards (None when the result is not one expression).
"""

from __future__ import annotations

import inspect
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from ..calculus.partials import Gradient, Hessian, matrix_latex, vector_text
from ..calculus.trace import ANSWER_CHARS, Derivation
from ..calculus.trace_json import SCHEMA
from ..core.errors import SymdiffError
from ..core.expr import Expr
from ..core.latex import document, escape_text, expr_latex
from ..core.notation import check_notation, operator_text
from ..core.printer import to_text
from .export import ExportError

__all__ = [
    "AnswerResult", "AreaResult", "DerivativeResult", "PartialsResult", "Result", "SimplifyResult", "ValueResult",
    "derivative_result", "notation_options", "render", "write",
]  # fmt: skip

Highlight = Callable[[str], str] | None

# How a file of each extension is named in "wrote steps.tex (LaTeX, 1 derivation)".
FORMATS = {".tex": "LaTeX", ".json": "JSON", ".md": "Markdown"}


class Result(ABC):
    """One result; each kind fills in the parts."""

    kind = "result"
    what = "the result"
    value: Expr | None = None
    singular, plural = "result", "results"  # nouns for "wrote ... (LaTeX, 2 results)"; plural keys the JSON

    @abstractmethod
    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        """The working at a steps setting: on, brief, or off (the answer alone)."""

    @abstractmethod
    def answer(self) -> str:
        """The answer alone, as text symdiff reads back where it can."""

    @abstractmethod
    def answer_latex(self) -> str:
        """The answer as LaTeX math."""

    @abstractmethod
    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        """The working as LaTeX; with ``standalone``, a whole document."""

    @abstractmethod
    def to_json(self) -> dict[str, object]:
        """JSON-ready data (each kind has a "kind"; derivations follow the trace schema)."""

    def markdown(self) -> str:
        """A Markdown section: what it is, the answer as math and as text, the working."""
        return "\n".join([f"## {self.what[0].upper()}{self.what[1:]}", "", f"$$\n{self.answer_latex()}\n$$", "",
                          f"Answer: `{self.answer()}`", "", "```text", self.explain(), "```", ""])

    def noun(self, count: int) -> str:
        return f"{count} {self.singular if count == 1 else self.plural}"


class DerivativeResult(Result):
    """A worked derivative; ``intro`` and ``at`` frame one taken of a defined function: "f'(2),
    with f(x) = x^2" before it, and the value at the point after it."""

    kind, singular, plural = "derivative", "derivation", "derivations"

    def __init__(self, derivation: Derivation, intro: str = "", at: tuple[str, Expr] | None = None) -> None:
        self.derivation = derivation
        self.intro = intro
        self.at = at  # (what was asked, its value): ("f'(2)", 4*cos(2) + 4*sin(2))
        self.what = f"the derivative {derivation.operator} [{to_text(derivation.expr, 60)}]"
        self.value = derivation.result if at is None else at[1]

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        after = [] if self.at is None else [f"so {self.at[0]} = {self.at[1]}"]
        if steps == "off":
            return str(self.value)
        options = notation_options(Derivation.explain, notation)
        worked = self.derivation.explain(brief=steps == "brief", highlight=highlight, **options)  # type: ignore[arg-type]
        return "\n".join([*([self.intro] if self.intro else []), worked, *after])

    def answer(self) -> str:
        return str(self.value)

    def answer_latex(self) -> str:
        return expr_latex(self.value)  # type: ignore[arg-type]

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        options = notation_options(Derivation.to_latex, notation)
        return self.derivation.to_latex(standalone=standalone, **options)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, object]:
        return self.derivation.to_json()


class AnswerResult(Result):
    """A derivative whose steps are too long to show (``derive`` declined them): ``diff``'s answer
    alone, with the reason, so a front end still answers (and says why there are no steps)."""

    kind, singular, plural = "derivative", "derivation", "derivations"

    def __init__(self, expr: Expr, variables: Sequence[str], answer: Expr, reason: str) -> None:
        self.expr = expr
        self.variables = list(variables)
        self.value = answer
        self.reason = reason
        self.operator = operator_text(self.variables)
        self.what = f"the derivative {self.operator} [{to_text(expr, 60)}]"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        if steps == "off":
            return str(self.value)
        return (f"{self.operator} [{to_text(self.expr, 1000)}] = {to_text(self.value, ANSWER_CHARS)}\n"  # type: ignore[arg-type]
                f"No steps shown: {self.reason}.")

    def answer(self) -> str:
        return str(self.value)

    def answer_latex(self) -> str:
        from ..calculus.trace_latex import ANSWER_NODES

        return expr_latex(self.value, max_nodes=ANSWER_NODES)  # type: ignore[arg-type]

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        from ..calculus.trace_latex import answer_alone_latex

        block = answer_alone_latex(self.expr, self.variables, self.value, self.reason, notation)  # type: ignore[arg-type]
        return document([block], title="Derivative") if standalone else block

    def to_json(self) -> dict[str, object]:
        # The trace schema's fields, with no steps (and no root step to point at).
        return {"expr": to_text(self.expr, ANSWER_CHARS), "wrt": self.variables[0], "order": len(self.variables),
                "variables": self.variables, "result": to_text(self.value, ANSWER_CHARS),  # type: ignore[arg-type]
                "result_latex": self.answer_latex(), "root": None, "steps": [],
                "note": f"no steps shown: {self.reason}"}


def derivative_result(expr: Expr, variables: Sequence[str], order: int = 1) -> Result:
    """The worked derivative of ``expr`` by ``variables`` in turn (or by the one variable
    ``order`` times); when its steps are too long to show, the answer alone and why (a front end
    was asked for the derivative, where the library's ``derive`` is asked for the steps)."""
    from ..calculus.differentiate import StepsTooLongError, derive, diff

    try:
        return DerivativeResult(derive(expr, variables[0], order) if order != 1 else derive(expr, list(variables)))
    except StepsTooLongError as error:
        answer = diff(expr, variables[0], order=order) if order != 1 else diff(expr, *variables)
        return AnswerResult(expr, list(variables) * order, answer, error.why)


class PartialsResult(Result):
    """A gradient or a Hessian, each partial derivative worked."""

    def __init__(self, partials: Gradient | Hessian) -> None:
        self.partials = partials
        gradient = isinstance(partials, Gradient)
        self.kind = self.singular = "gradient" if gradient else "Hessian"
        self.plural = self.singular + "s"
        self.what = f"the {self.kind} of {to_text(partials.expr, 60)}"
        single = len(partials.variables) == 1
        self.value = (partials.result[0] if gradient else partials.result[0][0]) if single else None  # type: ignore[assignment]

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        if steps == "off":
            return self.partials.summary()
        options = notation_options(Derivation.explain, notation)
        return self.partials.explain(brief=steps == "brief", highlight=highlight, **options)  # type: ignore[arg-type]

    def answer(self) -> str:
        result = self.partials.result
        if isinstance(self.partials, Gradient):
            return vector_text(result)  # type: ignore[arg-type]
        return "(" + ", ".join(vector_text(row) for row in result) + ")"  # type: ignore[arg-type]

    def answer_latex(self) -> str:
        result = self.partials.result
        return matrix_latex([[v] for v in result] if isinstance(self.partials, Gradient) else result)  # type: ignore[misc]

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        options = notation_options(Derivation.to_latex, notation)
        return self.partials.to_latex(standalone=standalone, **options)

    def to_json(self) -> dict[str, object]:
        return self.partials.to_json()


class AreaResult(Result):
    """An estimated area (``symdiff.numeric.area.Integral``) with its working."""

    kind = singular = "area"
    plural = "areas"

    def __init__(self, integral: object) -> None:
        self.integral = integral
        i = integral
        a, b = (to_text(e) for e in i.bounds) if i.bounds else (f"{i.a:g}", f"{i.b:g}")  # type: ignore[attr-defined]
        self.what = f"the area under {to_text(i.expr, 60)} from {a} to {b}"  # type: ignore[attr-defined]

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        return str(self.integral) if steps == "off" else self.integral.working()  # type: ignore[attr-defined]

    def answer(self) -> str:
        return str(self.integral)

    def answer_latex(self) -> str:
        i = self.integral
        return f"{i.value:.12g}" + ("" if i.error is None else rf" \pm {i.error:.3g}")  # type: ignore[attr-defined]

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        text = self.integral.to_latex()  # type: ignore[attr-defined]
        return document([text], title="Area") if standalone else text

    def to_json(self) -> dict[str, object]:
        i = self.integral
        return {
            "kind": "area", "expr": to_text(i.expr), "var": i.var,  # type: ignore[attr-defined]
            "a": i.a, "b": i.b, "bounds": [to_text(e) for e in i.bounds] if i.bounds else None,  # type: ignore[attr-defined]
            "method": i.method, "n": i.n, "value": i.value, "error": i.error,  # type: ignore[attr-defined]
            "extrapolated": i.extrapolated,  # type: ignore[attr-defined]
            "rows": [list(row) for row in i.rows] if i.rows else None,  # type: ignore[attr-defined]
        }  # fmt: skip


class SimplifyResult(Result):
    """An expression and its simplified form."""

    kind = singular = "simplification"
    plural = "simplifications"

    def __init__(self, expr: Expr, result: Expr) -> None:
        self.expr = expr
        self.value = result
        self.what = f"the simplification of {to_text(expr, 60)}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        return str(self.value)

    def answer(self) -> str:
        return str(self.value)

    def answer_latex(self) -> str:
        return expr_latex(self.value)  # type: ignore[arg-type]

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        if standalone:
            return document([rf"\[ {expr_latex(self.expr)} = {self.answer_latex()} \]"], title="Simplification")
        return self.answer_latex()

    def to_json(self) -> dict[str, object]:
        return {"kind": "simplification", "expr": to_text(self.expr), "result": self.answer(),
                "result_latex": self.answer_latex()}


class ValueResult(Result):
    """A line with no variable: its exact value and a decimal approximation (``f(2)``)."""

    kind = singular = "value"
    plural = "values"

    def __init__(self, written: str, exact: Expr, approximation: float | None) -> None:
        self.written = written
        self.value = exact
        self.approximation = approximation
        self.what = f"the value of {written}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        shown = str(self.value)
        line = shown if self.written == shown else f"{self.written} = {shown}"
        if self.approximation is not None and f"{self.approximation:.12g}" != shown:
            line += f" ≈ {self.approximation:.12g}"
        return line

    def answer(self) -> str:
        return str(self.value)

    def answer_latex(self) -> str:
        return expr_latex(self.value)  # type: ignore[arg-type]

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        text = self.answer_latex()
        if self.approximation is not None:
            text += rf" \approx {self.approximation:.12g}"
        return document([rf"\[ {text} \]"], title="Value") if standalone else text

    def to_json(self) -> dict[str, object]:
        return {"kind": "value", "written": self.written, "result": self.answer(),
                "result_latex": self.answer_latex(), "approximation": self.approximation}


# --- notation ----------------------------------------------------------------------------------------


@cache
def _accepts_notation(method: Callable[..., object]) -> bool:
    return "notation" in inspect.signature(method).parameters


def notation_options(method: Callable[..., object], notation: str) -> dict[str, str]:
    """``{"notation": ...}`` for a printer that takes it; Leibniz (the default) needs nothing.

    A notation other than Leibniz asked of a printer without it is refused, not ignored."""
    notation = check_notation(notation)
    if _accepts_notation(method):
        return {"notation": notation}
    if notation != "leibniz":
        raise SymdiffError(f"this symdiff writes worked solutions in Leibniz notation only, not {notation}")
    return {}


# --- files ------------------------------------------------------------------------------------------


def render(results: Sequence[Result], extension: str, notation: str = "leibniz") -> str:
    """The text of a ``.tex``, ``.json`` or ``.md`` file holding ``results`` (all of one kind)."""
    from .export import render as render_derivations

    if extension not in FORMATS:
        raise ExportError(f"cannot write {extension or 'a file without an extension'}: use .tex, .json or .md")
    if not results:
        raise SymdiffError("nothing to write")
    if all(type(r) is DerivativeResult for r in results):
        # derivations alone: the export's handout (numbered problems, boxed answers)
        return render_derivations([r.derivation for r in results], extension, notation=notation)  # type: ignore[attr-defined]
    if extension == ".json":
        data = {"schema": SCHEMA, results[0].plural.lower(): [r.to_json() for r in results]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if extension == ".md":
        return "\n".join(r.markdown() for r in results)
    noun = results[0].plural if len(results) > 1 else results[0].singular
    title = escape_text(noun[0].upper() + noun[1:])
    return document([r.to_latex(notation=notation) for r in results], title=title)


def write(path: str | Path, results: Sequence[Result], notation: str = "leibniz") -> str:
    """Write ``results`` to ``path`` (the format by its extension); says what was written:
    ``wrote steps.tex (LaTeX, 1 derivation)``."""
    path = Path(path)
    extension = path.suffix.lower()
    text = render(results, extension, notation)
    try:
        path.expanduser().write_text(text, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return f"wrote {path} ({FORMATS[extension]}, {results[0].noun(len(results))})"
