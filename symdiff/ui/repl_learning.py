"""The session's machine-learning commands: named quantities for the chain rule, and descent.

``:let z = w x + b`` adds a definition to the session's chain context, and ``:chain C, w``
differentiates by the multivariable chain rule over those definitions. The chain context is
separate from the session's ordinary names (``a = 3``): an ordinary name stands for its value
in every later line, while a ``:let`` quantity stays a name, which is what the chain rule
differentiates by (∂C/∂a). A ``:let`` definition is read with the ordinary names' values put in,
and a name cannot be both. ``:let`` alone lists the quantities; ``:let z =`` forgets z.

``:descend <cost>, m=0, b=0, x=[1, 2, 3], y=[2, 4, 6], lr=0.05`` runs gradient descent on the
per-sample cost averaged over the data (columns given inline, or read with ``data=file.csv``,
whose first row names them); ``:let`` quantities in the cost are written out first.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..calculus.chain_rule import ChainRuleError, chain, check_definitions, substitute_definitions
from ..core.errors import SymdiffError, quote
from ..core.expr import Expr, Symbol
from ..core.latex import document, expr_latex, symbol_latex
from ..core.printer import to_text
from .definitions import NAME_DEFINITION, SHOWN, Definitions
from .results import DerivativeResult, Highlight, Result

if TYPE_CHECKING:
    from ..numeric.descent import Descent


class Session(Protocol):
    """What these commands use of the session (``repl.Session``, which imports this module)."""

    definitions: Definitions
    chain_definitions: dict[str, Expr]

    def _read(self, line: str, start: int, end: int | None = None) -> tuple[Expr, Expr]: ...

    def _show(self, result: Result) -> str: ...

__all__ = ["DescentResult", "chain_command", "descend_command", "let_command", "split_fields"]

LET_EXAMPLE = ":let z = w x + b"
CHAIN_EXAMPLE = ":chain C, w"
DESCEND_EXAMPLE = ":descend (m x + b - y)^2, m=0, b=0, x=[1, 2, 3], y=[2, 4, 6], lr=0.05"
# Settings of :descend, and what each is passed on as.
_SETTINGS = {"lr": "lr", "steps": "steps", "batch": "batch_size", "batch_size": "batch_size", "seed": "seed",
             "tol": "tol"}
_FILES = ("data", "plot", "path")
_FIELD = re.compile(r"\s*([A-Za-z\u0391-\u03A9\u03B1-\u03C9]\w*)\s*=(.*)", re.DOTALL)


def let_command(session: Session, line: str, start: int) -> str:
    """``:let name = expr`` (a quantity for ``:chain``), ``:let`` (the list), ``:let name =`` (forget)."""
    quantities = session.chain_definitions
    if not line[start:].strip():
        if not quantities:
            return f"no quantities yet: {LET_EXAMPLE} defines one for :chain"
        return "\n".join(f"  {name} = {to_text(value, SHOWN)}" for name, value in quantities.items())
    found = NAME_DEFINITION.match(line, start)
    if found is None:
        raise ChainRuleError(f"write {LET_EXAMPLE}: a name, =, and what it stands for")
    name = found.group(1)
    if name in session.definitions:
        raise ChainRuleError(f"{session.definitions.reason(name)}; a :let quantity needs a name of its own")
    if not line[found.end():].strip():
        if name not in quantities:
            raise ChainRuleError(f"{name} is not a :let quantity; :let lists them")
        del quantities[name]
        return f"{name} is forgotten"
    value = session._read(line, found.end())[1]
    trial = {**quantities, name: value}
    check_definitions(trial)  # a name, and no circle: z = w a with a = sigmoid(z)
    quantities[name] = trial[name]
    return f"{name} = {to_text(value, SHOWN)}"


def chain_command(session: Session, line: str, start: int) -> str:
    """``:chain C, w``: ∂C/∂w by the chain rule over the ``:let`` quantities."""
    fields = [field.strip() for field in line[start:].split(",")]
    if len(fields) != 2 or not all(fields):
        raise ChainRuleError(f"name the quantity and the variable: {CHAIN_EXAMPLE}")
    if not session.chain_definitions:
        raise ChainRuleError(f"define the quantities first, each with :let ({LET_EXAMPLE})")
    session.definitions.refuse([fields[1]])
    return session._show(DerivativeResult(chain(fields[0], session.chain_definitions, fields[1])))


def descend_command(session: Session, line: str, start: int) -> str:
    """``:descend <per-sample cost>, m=0, b=0, x=[...], y=[...], lr=0.05``: gradient descent."""
    from ..numeric.descent import gradient_descent

    fields = split_fields(line[start:])
    if len(fields) < 2:
        raise SymdiffError(f"give the cost, each parameter's start and the data: {DESCEND_EXAMPLE}")
    cost = session._read(line, start, start + _first_comma(line[start:]))[1]
    if session.chain_definitions:
        cost = substitute_definitions(cost, session.chain_definitions)
    params: dict[str, float] = {}
    data: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    files: dict[str, str] = {}
    for field in fields[1:]:
        found = _FIELD.fullmatch(field)
        if found is None:
            raise SymdiffError(f"{quote(field)} is not name=value: {DESCEND_EXAMPLE}")
        key, value = found.group(1), found.group(2).strip()
        if key in _SETTINGS:
            settings[_SETTINGS[key]] = _number(value, key, whole=key not in ("lr", "tol"))
        elif key in _FILES:
            files[key] = value
        elif value.startswith("["):
            data[key] = _column(value, key)
        else:
            params[key] = _number(value, key, whole=False)
    if "data" in files:
        data = {**_read_csv(files["data"]), **data}
    if not data:
        raise SymdiffError(f"give the data: columns such as x=[1, 2, 3] or data=file.csv ({DESCEND_EXAMPLE})")
    if not params:
        raise SymdiffError(f"give each parameter's starting value, such as m=0 ({DESCEND_EXAMPLE})")
    result = gradient_descent(cost, params, data, **settings)
    written = []
    if "plot" in files:
        result.plot(Path(files["plot"]).expanduser())
        written.append(f"wrote {files['plot']} (the cost at each step)")
    if "path" in files:
        result.plot_path(Path(files["path"]).expanduser())
        written.append(f"wrote {files['path']} (the path over the cost's contours)")
    shown = session._show(DescentResult(result))
    return "\n".join([shown, *written])


class DescentResult(Result):
    """A run of gradient descent: the first step worked, then how it went."""

    kind = singular = "descent"
    plural = "descents"

    def __init__(self, descent: Descent) -> None:
        self.descent = descent
        self.what = f"gradient descent on {to_text(descent.cost.expr, 60)}"

    def explain(self, steps: str = "on", highlight: Highlight = None, notation: str = "leibniz") -> str:
        if steps == "off":
            return self.answer()
        return f"{self.descent.first_iteration()}\n{self.descent.summary()}"

    def answer(self) -> str:
        return ", ".join(f"{name} = {value:.6g}" for name, value in self.descent.params.items())

    def answer_latex(self) -> str:
        return r",\quad ".join(f"{symbol_latex(name)} = {value:.6g}" for name, value in self.descent.params.items())

    def to_latex(self, *, standalone: bool = False, notation: str = "leibniz") -> str:
        d = self.descent
        cost = d.cost
        rows = [rf"C &= \frac{{1}}{{{cost.n}}} \sum_{{i=1}}^{{{cost.n}}} {expr_latex(cost.expr)}"]
        rows += [rf"\frac{{\partial C}}{{\partial {symbol_latex(name)}}} &= \frac{{1}}{{{cost.n}}} \sum_{{i=1}}^{{"
                 rf"{cost.n}}} {expr_latex(partial)}" for name, partial in zip(cost.params, cost.gradient, strict=True)]
        rows += [rf"{symbol_latex(name)} &\leftarrow {symbol_latex(name)} - \eta \frac{{\partial C}}{{\partial "
                 rf"{symbol_latex(name)}}}" for name in cost.params]
        text = "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n" + \
            rf"With $\eta = {d.lr:g}$, {d.steps_taken} steps ({d.method}) give ${self.answer_latex()}$, " \
            rf"the cost going from ${d.initial_cost:.6g}$ to ${d.final_cost:.6g}$."
        return document([text], title="Gradient descent") if standalone else text

    def to_json(self) -> dict[str, object]:
        d = self.descent
        return {
            "kind": "descent", "cost": to_text(d.cost.expr), "params": d.params, "method": d.method, "lr": d.lr,
            "steps_taken": d.steps_taken, "converged": d.converged, "initial_cost": d.initial_cost,
            "final_cost": d.final_cost, "history": [float(v) for v in d.history],
            "gradient": [to_text(g) for g in d.cost.gradient],
        }  # fmt: skip


# --- reading the fields --------------------------------------------------------------------------


def split_fields(text: str) -> list[str]:
    """``text`` split at its commas outside brackets and parentheses (x=[1, 2], f(a, b) stay whole)."""
    if text.count("[") != text.count("]"):
        raise SymdiffError("a [ has no closing bracket ], or a ] no opening one: write columns as x=[1, 2, 3]")
    fields = []
    while True:
        comma = _first_comma(text)
        fields.append(text[:comma].strip())
        if comma == len(text):
            break
        text = text[comma + 1:]
    if any(not field for field in fields):
        raise SymdiffError("an empty value between commas")
    return fields


def _first_comma(text: str) -> int:
    """Where the first comma outside brackets and parentheses is (the end of ``text`` if none)."""
    depth = 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth <= 0:
            return i
    return len(text)


def _number(text: str, name: str, *, whole: bool) -> float | int:
    try:
        value = float(text)
    except ValueError:
        raise SymdiffError(f"{name} is a number, not {quote(text)}") from None
    if whole:
        if not value.is_integer():
            raise SymdiffError(f"{name} is a whole number, not {quote(text)}")
        return int(value)
    return value


def _column(text: str, name: str) -> list[float]:
    if not text.endswith("]"):
        raise SymdiffError(f"{name}=[...] needs its closing bracket")
    items = [item.strip() for item in text[1:-1].replace(";", ",").split(",")]
    return [_number(item, f"a value of {name}", whole=False) for item in items if item]


def _read_csv(name: str) -> dict[str, list[float]]:
    """The columns of a CSV file whose first row names them."""
    path = Path(name).expanduser()
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [row for row in csv.reader(handle) if row]
    except OSError as error:
        raise SymdiffError(f"cannot read {name}: {error.strerror or error}") from None
    if len(rows) < 2:
        raise SymdiffError(f"{name} needs a first row of column names and at least one row of numbers")
    header = [cell.strip() for cell in rows[0]]
    for cell in header:
        try:
            Symbol(cell)
        except SymdiffError:
            raise SymdiffError(f"the column name {quote(cell)} in {name} is not a variable name such as x") from None
    columns: dict[str, list[float]] = {cell: [] for cell in header}
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            raise SymdiffError(f"row {number} of {name} has {len(row)} values, not {len(header)}")
        for cell, value in zip(header, row, strict=True):
            columns[cell].append(_number(value.strip(), f"{cell} in row {number} of {name}", whole=False))
    return columns

