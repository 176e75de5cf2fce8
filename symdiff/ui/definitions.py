"""What a person defines in a session: names (``a = 3``, ``y = x^2``) and functions (``f(x) = x^2 sin x``).

A definition's right side is read with the definitions made before it, as in Python: ``a = 2a``
doubles a. Every later line has the defined names replaced by their values and each defined
function applied (``f(t^2)``, ``f'(2)``: the function's derivative, by symdiff's own ``diff``,
at the argument). A name that has a value is not a variable: differentiating by one is refused
with the reason, never silently done (the derivative of 3^2 by 3 means nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..calculus.differentiate import diff
from ..core.errors import SymdiffError, quote
from ..core.expr import RESERVED_NAMES, Derivative, Expr, Symbol, UndefinedCall
from ..core.functions import FUNCTIONS, UNDEFINED_FUNCTION_NAMES
from ..core.operators import worked_out
from ..core.printer import to_text
from ..core.traversal import fold, rebuilt, substitute

__all__ = ["FUNCTION_DEFINITION", "NAME_DEFINITION", "SHOWN", "DefinitionError", "Definitions", "check_function_name"]

_NAME = r"[A-Za-z\u0391-\u03A9\u03B1-\u03C9]\w*"
# ``a = ...`` and ``f(x) = ...`` at the start of a line ("==" is not a definition).
NAME_DEFINITION = re.compile(rf"\s*({_NAME})\s*=(?!=)")
FUNCTION_DEFINITION = re.compile(rf"\s*({_NAME}'*)\s*\(([^()=]*)\)\s*=(?!=)")
# Definitions are shown cut to this many characters: a = a*a, repeated, doubles a printed value
# that the tree (which shares it) holds at no cost.
SHOWN = 1000
# Names usually meant as variables: defining one gets a reminder of what it does to later lines.
_USUAL_VARIABLES = frozenset({"x", "y", "z", "t"})


class DefinitionError(SymdiffError):
    """A definition that cannot be made, or a line that would use a defined name as a variable."""


@dataclass(frozen=True)
class _Function:
    parameter: Symbol
    body: Expr

    def __str__(self) -> str:
        return f"({self.parameter.name}) = {to_text(self.body, SHOWN)}"


def check_function_name(name: str) -> None:
    """Only f, g and h name functions: the grammar reads ``f(``, ``g(`` and ``h(`` as calls."""
    if name.rstrip("'") != name:
        raise DefinitionError(f"define the function itself, {name.rstrip(chr(39))}(x) = ...; "
                              f"then {name}(x) is its derivative")
    if name in UNDEFINED_FUNCTION_NAMES:
        return
    if name in FUNCTIONS or name in RESERVED_NAMES:
        raise DefinitionError(f"{name} is a built-in function or constant; define f, g or h: f(x) = ...")
    raise DefinitionError(
        f"only f, g and h can name functions: symdiff reads f(, g( and h( as calls, but {name}(x) as {name} "
        f"times x. Write f(x) = ... (or {name} = ... to name an expression)"
    )


class Definitions:
    """The session's names and functions, one namespace: defining f(x) replaces a name f."""

    def __init__(self) -> None:
        self.values: dict[str, Expr] = {}
        self.functions: dict[str, _Function] = {}
        self._derivatives: dict[tuple[str, int], Expr] = {}  # (f, n) -> the n-th derivative of f's body

    def names(self) -> frozenset[str]:
        """Every defined name: the parser reads ``dy/dx`` as a derivative only when y is one."""
        return frozenset(self.values) | frozenset(self.functions)

    def __contains__(self, name: object) -> bool:
        return name in self.values or name in self.functions

    # --- defining ---------------------------------------------------------------------------
    def define(self, name: str, value: Expr, written: Expr | None = None) -> str:
        """``name = value`` (``value`` read with the earlier definitions, ``written`` as typed);
        what to show."""
        _check_name(name)
        if Symbol(name) in (value, written):  # x = x: x is a variable again
            return self.unset(name) if name in self else f"{name} is a variable (nothing to define)"
        if Symbol(name) in value.free_symbols:
            raise DefinitionError(f"{name} = {to_text(value, 60)} defines {name} by itself; give it a value without "
                                  f"{name}")
        self._forget(name)
        self.values[name] = worked_out(value)
        shown = f"{name} = {to_text(self.values[name], SHOWN)}"
        if name in _USUAL_VARIABLES:
            shown += f"  ({name} now stands for {to_text(self.values[name], 60)} in every line; :unset {name} to " \
                     "use it as a variable again)"
        return shown

    def define_function(self, name: str, parameter: str, body: Expr) -> str:
        """``name(parameter) = body`` (body read with the earlier definitions, the parameter
        left a variable); what to show."""
        check_function_name(name)
        _check_name(parameter.strip(), f"the parameter of {name}")
        parameter = parameter.strip()
        if any(type(node) is UndefinedCall and node.name == name for node in _nodes(body)):  # type: ignore[attr-defined]
            raise DefinitionError(f"{name}({parameter}) = {to_text(body, 60)} defines {name} by itself; write its "
                                  f"formula without {name}")
        self._forget(name)
        self.functions[name] = _Function(Symbol(parameter), worked_out(body))
        return f"{name}{self.functions[name]}"

    def unset(self, name: str) -> str:
        if name not in self:
            raise DefinitionError(f"{name} is not defined; :vars lists what is")
        was = "an undefined function" if name in self.functions else "a variable"
        self._forget(name)
        return f"{name} is {was} again"

    def clear(self) -> str:
        count = len(self.values) + len(self.functions)
        self.values.clear()
        self.functions.clear()
        self._derivatives.clear()
        return f"cleared {count} definition{'s' if count != 1 else ''}" if count else "nothing was defined"

    def listing(self) -> list[str]:
        rows = [(name, f"{name} = {to_text(value, SHOWN)}") for name, value in self.values.items()]
        rows += [(name, f"{name}{function}") for name, function in self.functions.items()]
        return [text for _, text in sorted(rows)]

    def _forget(self, name: str) -> None:
        self.values.pop(name, None)
        self.functions.pop(name, None)
        self._derivatives = {key: value for key, value in self._derivatives.items() if key[0] != name}

    # --- using ------------------------------------------------------------------------------
    def reason(self, name: str) -> str:
        """Why ``name`` cannot be differentiated by."""
        if name in self.functions:
            function = self.functions[name]
            definition = f"a function ({name}{function})"
        else:
            value = to_text(self.values[name], 60)
            definition = f"{value} ({name} = {value})"
        return f"{name} is defined as {definition}; :unset {name} to use {name} as a variable again"

    def refuse(self, names: object) -> None:
        """Raise, with the reason, if any of ``names`` (variables to differentiate by) is defined."""
        for name in names:  # type: ignore[attr-defined]
            name = name.name if isinstance(name, Symbol) else name
            if name in self:
                raise DefinitionError(self.reason(name))

    def expand(self, tree: Expr, extra: dict[Expr, Expr] | None = None, keep: frozenset[str] = frozenset()) -> Expr:
        """``tree`` with each defined name replaced by its value and each defined function applied.

        ``extra`` adds replacements (the session's ``_``); names in ``keep`` stay variables (a
        function's parameter in its body). A derivative written by a defined name is refused."""
        extra = extra or {}
        values = {name: value for name, value in self.values.items() if name not in keep}
        if not values and not self.functions and not extra:
            return tree

        def combine(node: Expr, kids: list[Expr]) -> Expr:
            kind = type(node)
            if kind is Symbol:
                name = node.name  # type: ignore[attr-defined]
                if node in extra:
                    return extra[node]
                if name in values:
                    return values[name]
                if name in self.functions and name not in keep:
                    return self.functions[name].body  # f alone is its formula, in its parameter
                return node
            if kind is Derivative:
                self.refuse(name for name in node.variables if name not in keep)  # type: ignore[attr-defined]
            elif kind is UndefinedCall and node.name in self.functions:  # type: ignore[attr-defined]
                return self.apply(node.name, node.order, kids[0])  # type: ignore[attr-defined]
            return rebuilt(node, kids)

        return fold(tree, combine)

    def apply(self, name: str, order: int, argument: Expr) -> Expr:
        """The ``order``-th derivative of the function ``name`` at ``argument``."""
        function = self.functions[name]
        return substitute(self.derivative(name, order), {function.parameter: argument})

    def derivative(self, name: str, order: int) -> Expr:
        """The ``order``-th derivative of the function's body by its parameter (the body for 0)."""
        function = self.functions[name]
        if order == 0:
            return function.body
        key = (name, order)
        if key not in self._derivatives:
            self._derivatives[key] = diff(function.body, function.parameter, order=order)
        return self._derivatives[key]

    def function(self, name: str) -> tuple[Symbol, Expr]:
        function = self.functions[name]
        return function.parameter, function.body


def _check_name(name: str, what: str = "a name") -> None:
    if name in RESERVED_NAMES or name in FUNCTIONS:
        raise DefinitionError(f"{name} is a function or constant; choose another name")
    try:
        Symbol(name)
    except SymdiffError:
        raise DefinitionError(f"{what} is a letter, then letters, digits or _, such as x or x_1, "
                              f"not {quote(name)}") from None


def _nodes(tree: Expr) -> list[Expr]:
    seen: dict[int, Expr] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen[id(node)] = node
            stack.extend(node.children)
    return list(seen.values())
