"""The multivariable chain rule by name: ∂C/∂w from named intermediate quantities.

A course writes a network as definitions, ``z = w x + b``, ``a = sigmoid(z)``, ``C = (a - y)^2``,
and differentiates by name: ∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w. When a quantity feeds several others
(``u = x^2``, ``v = x y``, ``f = u v``) every path from the target down to the variable adds its
product: ∂f/∂x = ∂f/∂u · ∂u/∂x + ∂f/∂v · ∂v/∂x. ``chain`` finds those paths, derives each local
factor (one definition by one of its letters, the others held fixed) with ``derive``, and
embeds those derivations as sub-steps; the sum of products, in the names, is then written in
the variables by substituting the definitions, and simplified. The answer is therefore
``diff`` of the fully substituted target (a test checks this on random chains of definitions).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..algebra.defined import no_value_anywhere
from ..algebra.simplify import Simplifier, spelling
from ..algebra.textbook import simplify, textbook_answer
from ..core.collector import collector_paused
from ..core.errors import ParseError, SymdiffError, quote
from ..core.expr import RESERVED_NAMES, Add, Derivative, Expr, Mul, Number, Sub, Symbol
from ..core.functions import FUNCTIONS
from ..core.printer import to_text
from ..core.traversal import preorder, substitute
from ..syntax.parser import to_expr
from .differentiate import DifferentiationError, _simplification, derive, diff
from .trace import Derivation, Step

__all__ = [
    "MAX_PATHS", "ChainDerivation", "ChainRuleError", "chain", "check_definitions", "read_definitions",
    "substitute_definitions",
]

# Paths are listed one by one in the law; a lattice of definitions can have exponentially many.
MAX_PATHS = 256
CHAIN_RULE = "multivariable_chain"  # the rule's id in the trace (its law prints as ∂C/∂w = ...)


class ChainRuleError(DifferentiationError):
    """Definitions that cannot be differentiated by name: a cycle, an undefined target, a bad name."""


class ChainDerivation(Derivation):
    """A ``Derivation`` by the multivariable chain rule, which also keeps what it was given:
    ``target`` (C), ``definitions`` (name -> expression, in the order given), ``paths`` (each a
    tuple of names from the target down to the variable) and ``in_names`` (the sum of products
    of the local derivatives, written in the names: 2*(a - y)*(sigmoid(z)*(1 - sigmoid(z)))*x).
    ``expr`` is the target with every definition substituted, and ``result`` its derivative."""

    __slots__ = ("definitions", "in_names", "paths", "target")

    def __init__(self, expr: Expr, wrt: Symbol, trace: Step, raw: Expr, *, target: Symbol,
                 definitions: dict[str, Expr], paths: tuple[tuple[str, ...], ...], in_names: Expr) -> None:
        super().__init__(expr, wrt, 1, trace, raw)
        self.target = target
        self.definitions = dict(definitions)
        self.paths = paths
        self.in_names = in_names

    def __repr__(self) -> str:
        return f"<ChainDerivation ∂{self.target.name}/∂{self.wrt.name} = {to_text(self.result, 80)}>"


@collector_paused
def chain(target: str | Symbol, definitions: Mapping[str, str | Expr], wrt: str | Symbol) -> ChainDerivation:
    """∂target/∂wrt by the multivariable chain rule over named ``definitions``.

    ``definitions`` maps each name to its expression (text or tree), in any order; an
    expression may use the other names, which are then quantities, not variables. ``wrt`` is a
    variable (or a defined name, whose own definition is then set aside: ∂C/∂a treats a as the
    variable). Every path from ``target`` to ``wrt`` gives a product of local derivatives, each
    worked with ``derive``; their sum is substituted back and simplified.
    """
    defined = read_definitions(definitions)
    goal = _name(target, "the target")
    x = Symbol(_name(wrt, "the variable"))
    if goal not in defined:
        listed = ", ".join(defined) or "none"
        raise ChainRuleError(f"{goal} is not defined: give its definition (the definitions name {listed})")
    if goal == x.name:
        raise ChainRuleError(f"∂{goal}/∂{goal} is 1: differentiate {goal} by a variable it depends on")
    uses = _uses(defined, x.name)
    _refuse_cycles(defined, uses)
    expanded = _expansions(goal, x.name, defined, uses)
    _refuse_undefined_constants({name: defined[name] for name in expanded})
    nowhere = no_value_anywhere(expanded[goal])  # u = x, v = ln(x - u): each has a value, v put together none
    if nowhere is not None:
        raise ChainRuleError(f"with the definitions put in, {goal} = {nowhere}, so it has no derivative")
    paths = _paths(goal, x.name, uses)
    edges = list(dict.fromkeys((path[i], path[i + 1]) for path in paths for i in range(len(path) - 1)))
    try:  # (-2)^x has no derivative: refused as the chain rule's own error
        local = {edge: derive(defined[edge[0]], edge[1]) for edge in edges}
    except ChainRuleError:
        raise
    except DifferentiationError as error:
        raise ChainRuleError(str(error)) from None
    terms = [_product([local[(path[i], path[i + 1])].result for i in range(len(path) - 1)]) for path in paths]
    in_names: Expr = Number(0) if not terms else terms[0] if len(terms) == 1 else Add(*terms)
    expr = expanded[goal]
    replacements = {Symbol(name): value for name, value in expanded.items() if name != goal}
    raw = substitute(in_names, replacements)
    simplifier = Simplifier(**spelling(expr))
    answer = diff(expr, x)
    # The simplifier is not canonical everywhere: the sum of products may simplify to another
    # form of diff's answer. The step to it is shown only when the two are equal: by
    # simplification, else at random points (a mismatch would be a fault here, never shown).
    mine = textbook_answer(simplifier, simplifier.normal_form(raw))
    if mine != answer and simplify(Sub(mine, answer)) != Number(0):
        agree = _same_values(mine, answer)
        if agree == "undefined":  # d/du[u^x] = u^x*ln(u) holds for u > 0; with u = 0 put in, it has no value
            raise ChainRuleError(
                f"with the definitions put in, the chain rule's product {to_text(mine, 80)} has no value where the "
                f"derivative does ({to_text(answer, 80)}): a local derivative holds only for other values of its "
                f"names. Use diff on the substituted expression")
        if agree == "unknown":
            raise ChainRuleError(f"the derivative {to_text(answer, 80)} has no value at any point tried, so the chain "
                                 "rule's product cannot be checked against it: not shown")
        if agree != "same":
            raise ChainRuleError(f"the chain rule gave {to_text(mine, 80)}, not diff's {to_text(answer, 80)}: "
                                 "not shown")

    used = set(expanded)
    bindings = tuple((name, value) for name, value in defined.items() if name in used)  # as given
    law = Step(CHAIN_RULE, "Multivariable Chain Rule", _law(goal, x.name, paths), Symbol(goal), x, in_names,
               tuple(local[edge].trace for edge in edges), bindings, _law_note(goal, x.name, paths, x.name in defined))
    substeps = [law]
    if raw != in_names:
        substeps.append(Step("simplify.substitute", "Substitute the definitions", _definitions_law(bindings, goal),
                             in_names, x, raw, note="each name replaced by what it stands for"))
    if answer != raw:
        substeps.append(_simplification(raw, answer, x, simplifier.spelling))
    trace = Step("derivative", "Derivative", "d/dx[f(x)]", Symbol(goal), x, answer, tuple(substeps))
    return ChainDerivation(expr, x, trace, raw, target=Symbol(goal), definitions=defined,
                           paths=tuple(paths), in_names=in_names)


def read_definitions(definitions: object) -> dict[str, Expr]:
    """``{name: expression}`` with each name checked and each expression read (text is parsed)."""
    if not isinstance(definitions, Mapping):
        raise ChainRuleError(f"the definitions are a dict of name -> expression, such as "
                             f"{{'z': 'w*x + b', 'a': 'sigmoid(z)'}}, not {quote(definitions)}")
    if not definitions:
        raise ChainRuleError("no definitions: give at least the target's, such as {'C': '(a - y)^2', ...}")
    read: dict[str, Expr] = {}
    written: dict[str, Expr] = {}
    for key, value in definitions.items():
        name = _name(key, "a defined name")
        if name in read:
            raise ChainRuleError(f"{name} is defined twice")
        try:
            written[name] = to_expr(value, keep_derivatives=True)
            read[name] = to_expr(written[name])
        except ParseError as error:  # the caret still points into the definition's own text
            raise ParseError(f"in the definition of {name}: {error.message}", error.text, error.pos) from None
        except SymdiffError as error:
            raise ChainRuleError(f"in the definition of {name}: {error}") from None
    _refuse_derivatives_of_names(written)
    return read


def _refuse_derivatives_of_names(written: dict[str, Expr]) -> None:
    """A derivative written in a definition is worked out as it is read, where a defined name
    in it is a constant: C = d/dx[a] with a = x^2 would be 0, not 2*x. So it is refused."""
    if not Derivative.seen:
        return
    names = set(written)
    for name, tree in written.items():
        for node, _ in preorder(tree):
            if type(node) is Derivative and names & {s.name for s in node.children[0].free_symbols}:
                raise ChainRuleError(
                    f"the definition of {name} takes a derivative of a defined name ({to_text(node, 40)}): "
                    "write the derivative out, or define the names it uses in its place")


def _refuse_undefined_constants(defined: dict[str, Expr]) -> None:
    """A definition with a part that has no real value (a = 1/0 + x) leaves every name that uses
    it without a value, and so without a derivative."""
    for name, value in defined.items():
        nowhere = no_value_anywhere(value)
        if nowhere is not None:
            raise ChainRuleError(f"{name} = {nowhere}, so it has no derivative")


def check_definitions(definitions: object) -> dict[str, Expr]:
    """The definitions read (as ``read_definitions``), refused if any goes round in a circle."""
    defined = read_definitions(definitions)
    _refuse_cycles(defined, _uses(defined, ""))
    return defined


def substitute_definitions(expr: Expr, definitions: object) -> Expr:
    """``expr`` with each defined name replaced by its definition, written in the variables alone."""
    defined = check_definitions(definitions)
    uses = _uses(defined, "")
    names = {s.name for s in expr.free_symbols} & set(defined)
    expanded: dict[str, Expr] = {}
    for name in names:
        if name not in expanded:
            expanded.update(_expansions(name, "", defined, uses))
    return substitute(expr, {Symbol(name): expanded[name] for name in names})


# --- the graph of definitions -------------------------------------------------------------------


def _uses(defined: dict[str, Expr], x: str) -> dict[str, list[str]]:
    """For each defined name, the names its definition uses that are quantities or the variable,
    in the order the definitions were given (the variable first: a direct use). A defined
    variable's own definition is set aside."""
    order = {name: i for i, name in enumerate(defined)}
    uses: dict[str, list[str]] = {}
    for name, value in defined.items():
        if name == x:
            uses[name] = []
            continue
        names = {symbol.name for symbol in value.free_symbols}
        inner = sorted((n for n in names if n in defined and n != x), key=order.__getitem__)
        uses[name] = ([x] if x in names else []) + inner
    return uses


def _refuse_cycles(defined: dict[str, Expr], uses: dict[str, list[str]]) -> None:
    """A definition that uses itself, directly or through others, has no value to differentiate."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in defined:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path = [start]
        state[start] = 1
        while stack:
            name, i = stack[-1]
            following = [n for n in uses[name] if n in defined]
            if i == len(following):
                stack.pop()
                path.pop()
                state[name] = 2
                continue
            stack[-1] = (name, i + 1)
            nxt = following[i]
            if state.get(nxt) == 1:
                loop = [*path[path.index(nxt):], nxt]
                if len(loop) == 2:
                    raise ChainRuleError(f"{nxt} = {to_text(defined[nxt], 60)} defines {nxt} by itself")
                raise ChainRuleError(f"the definitions go round in a circle: {' -> '.join(loop)} "
                                     f"(each uses the next); a quantity cannot depend on itself")
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, 0))


def _paths(goal: str, x: str, uses: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Every path of uses from ``goal`` down to ``x``, in reading order (depth first)."""
    reaches = _reaching(goal, x, uses)
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[str, ...]] = [(goal,)]
    while stack:
        path = stack.pop()
        last = path[-1]
        if last == x:
            paths.append(path)
            if len(paths) > MAX_PATHS:
                raise ChainRuleError(
                    f"∂{goal}/∂{x} has more than {MAX_PATHS} paths through the definitions, too many to list: "
                    f"differentiate the substituted expression with diff instead")
            continue
        stack.extend((*path, n) for n in reversed(uses[last]) if n in reaches)
    return paths


def _reaching(goal: str, x: str, uses: dict[str, list[str]]) -> set[str]:
    """The names below ``goal`` (with ``x`` itself) from which some path leads to ``x``."""
    reaches = {x}
    for name in _order(goal, x, uses):  # uses before users
        if any(n in reaches for n in uses[name]):
            reaches.add(name)
    return reaches


def _order(goal: str, x: str, uses: dict[str, list[str]]) -> list[str]:
    """The defined names ``goal`` depends on, and ``goal``, each after every name it uses (``x``
    is the variable, even when it is defined)."""
    done: list[str] = []
    seen = {goal}
    stack: list[tuple[str, bool]] = [(goal, False)]
    while stack:
        name, closing = stack.pop()
        if closing:
            done.append(name)
            continue
        stack.append((name, True))
        for n in reversed(uses[name]):
            if n in uses and n != x and n not in seen:
                seen.add(n)
                stack.append((n, False))
    return done


def _expansions(goal: str, x: str, defined: dict[str, Expr], uses: dict[str, list[str]]) -> dict[str, Expr]:
    """Each name ``goal`` depends on, and ``goal``, written in the variables alone."""
    expanded: dict[str, Expr] = {}
    for name in _order(goal, x, uses):
        inner = {Symbol(n): expanded[n] for n in uses[name] if n in expanded}
        expanded[name] = substitute(defined[name], inner) if inner else defined[name]
    return expanded


def _same_values(a: Expr, b: Expr, points: int = 12) -> str:
    """Whether ``a`` and ``b`` agree (to 1e-9 relative) at ``points`` random points where both
    have values: "same", "different" (at some point), "undefined" (``a`` has no value wherever
    ``b`` has one) or "unknown" (``b`` has a value at none of the points tried)."""
    import math
    import random

    names = sorted({s.name for s in a.free_symbols | b.free_symbols})
    rng = random.Random(14)  # the same points every time
    agreed = tried = 0
    for _ in range(points * 10):
        point = {name: rng.uniform(-2.0, 2.0) for name in names}
        try:
            second = b.evaluate(point)
        except SymdiffError:
            continue
        tried += 1
        try:
            first = a.evaluate(point)
        except SymdiffError:
            continue
        if not math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-9):
            return "different"
        agreed += 1
        if agreed == points:
            break
    return "same" if agreed else "undefined" if tried else "unknown"


# --- what the worked solution says --------------------------------------------------------------


def _product(factors: list[Expr]) -> Expr:
    return factors[0] if len(factors) == 1 else Mul(*factors)


def _law(goal: str, x: str, paths: list[tuple[str, ...]]) -> str:
    """``∂C/∂w = ∂C/∂a*∂a/∂z*∂z/∂w``: one product per path (0 when there is none)."""
    if not paths:
        return f"∂{goal}/∂{x} = 0"
    products = ["*".join(f"∂{path[i]}/∂{path[i + 1]}" for i in range(len(path) - 1)) for path in paths]
    return f"∂{goal}/∂{x} = " + " + ".join(products)


def _law_note(goal: str, x: str, paths: list[tuple[str, ...]], x_defined: bool) -> str:
    notes = [f"{x} is the variable here: its own definition is set aside"] if x_defined else []
    direct = {path[-2] for path in paths}
    through = {path[i] for path in paths for i in range(len(path) - 2)}
    if not paths:
        notes.append(f"{x} is in neither {goal}'s definition nor those it uses")
    elif direct & through:  # a name used both directly and through others: ∂u/∂x means the direct part
        notes.append("each factor differentiates one definition, the other names in it held fixed")
    elif len(paths) > 1:
        notes.append(f"one product for each of the {len(paths)} paths, added")
    return "; ".join(notes)


def _definitions_law(bindings: tuple[tuple[str, Expr], ...], goal: str) -> str:
    return ", ".join(f"{name} = {to_text(value)}" for name, value in bindings if name != goal)


def _name(value: object, what: str) -> str:
    if isinstance(value, Symbol):
        return value.name
    if isinstance(value, str):
        name = value.strip()
        if name in RESERVED_NAMES or name in FUNCTIONS:
            raise ChainRuleError(f"{what} is a name such as C or z_1, not the function or constant {name}")
        try:
            return Symbol(name).name
        except SymdiffError:
            pass
    raise ChainRuleError(f"{what} is a name such as C, a or z_1, not {quote(value)}")

