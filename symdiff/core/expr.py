"""The expression tree: frozen, hashable nodes that keep what the user wrote.

Nodes are values: slotted, immutable, compared by structure, with children in tuples and the
hash and depth computed once at construction. Constructors check their arguments but never
simplify: ``x - y`` stays a subtraction and ``sqrt(x)`` a square root, so a differentiation
trace can name the Difference Rule and the Square Root Rule.

Trees may share subtrees (a DAG) when built in Python. Nothing here recurses on the tree:
equality walks an explicit stack and skips pairs it has already compared, so comparing deep
or heavily shared trees is safe and linear in their distinct nodes.
"""

from __future__ import annotations

import numbers
import re
import zlib
from decimal import Decimal
from fractions import Fraction
from operator import attrgetter, is_
from typing import TypeVar

from .decimals import Numeric, exact_decimal, number_text
from .errors import ExpressionError, quote
from .functions import (
    FIXED_BASE_LOGS,
    FUNCTION_WORDS,
    FUNCTIONS,
    LOG_BASE_PREFIX,
    ROOT_NAME,
    UNDEFINED_FUNCTION_NAMES,
    canonical_name,
)

__all__ = [
    "NODE_TYPES",
    "Add",
    "Call",
    "Constant",
    "Derivative",
    "Div",
    "E",
    "Expr",
    "Function",
    "Infinity",
    "Log",
    "Mul",
    "Neg",
    "Number",
    "Pow",
    "Root",
    "Sub",
    "Symbol",
    "UndefinedCall",
    "as_expr",
    "forget_equal_pairs",
    "from_children",
    "named_symbol",
    "number",
    "oo",
    "pi",
    "symbols",
]

# A name: a Latin or Greek letter (not π, which is the constant), then letters, digits or "_".
# Kept equal to the grammar's NAME terminal (tests/syntax/test_grammar_file.py checks).
NAME_PATTERN = (
    r"[A-Za-z\u0391-\u03A9\u03B1-\u03BF\u03C1-\u03C9][A-Za-z0-9_\u0391-\u03A9\u03B1-\u03BF\u03C1-\u03C9]*"
)
_NAME_RE = re.compile(NAME_PATTERN)
CONSTANT_NAMES = frozenset({"pi", "e"})
# The words the grammar reads as infinity (also the sign ∞); what ``Infinity`` prints is "oo".
INFINITY_NAMES = frozenset({"oo", "inf"})
RESERVED_NAMES = FUNCTION_WORDS | CONSTANT_NAMES | INFINITY_NAMES

_set = object.__setattr__
_depth_of = attrgetter("depth")


class Expr:
    """Base class of all expression nodes. Use the subclasses (or ``symdiff.parse``)."""

    __slots__ = ("_data", "_hash", "children", "depth")
    children: tuple[Expr, ...]
    depth: int  # 1 for a leaf; 1 + the deepest child otherwise
    _data: object  # what a node holds besides its children (a value, a name, ...)
    _hash: int

    def _init(self, children: tuple[Expr, ...], data: object) -> None:
        _set(self, "children", children)
        _set(self, "_data", data)
        if len(children) < _LATE_HASH_CHILDREN:
            _set(self, "_hash", hash((_KIND_CODES[type(self)], 0 if data is None else _stable(data), children)))
        # else the hash is made when first asked for (_late_hash): hashing the children tuple
        # calls __hash__ once per child, and most wide nodes (an answer's long products, its sum
        # of them) are never keys: B1's answer has 160 terms of 160 factors.
        _set(self, "depth", 1 + max(map(_depth_of, children)) if children else 1)

    # --- value semantics -------------------------------------------------------------------
    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} nodes are immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} nodes are immutable")

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:  # a wide node not hashed yet (see _init)
            return _late_hash(self)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Expr):
            return NotImplemented
        try:
            same_hash = self._hash == other._hash
        except AttributeError:  # a wide node not hashed yet
            same_hash = hash(self) == hash(other)
        if (
            not same_hash
            or type(self) is not type(other)
            or self._data != other._data
            or len(self.children) != len(other.children)
        ):
            return False
        return not self.children or _children_equal(self, other)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), self._args())

    def __copy__(self) -> Expr:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Expr:
        return self

    def _args(self) -> tuple[object, ...]:
        """The constructor arguments that rebuild this node."""
        return self.children

    def with_children(self, children: tuple[Expr, ...]) -> Expr:
        """A node like this one with other children (this node itself if they are the same)."""
        if len(children) != len(self.children):
            raise ValueError(f"{type(self).__name__} has {len(self.children)} children, not {len(children)}")
        if all(map(is_, children, self.children)):  # map: no generator frame per call
            return self
        return type(self)(*children)

    # --- printing and basic operations (each lives in its own module) ----------------------
    def __str__(self) -> str:
        from .printer import to_text

        return to_text(self)

    def __repr__(self) -> str:
        from .printer import to_repr

        return to_repr(self)

    def to_latex(self) -> str:
        """This expression as LaTeX math: ``\\frac{1}{2 \\sqrt{x}}``."""
        from .latex import expr_latex

        return expr_latex(self)

    def _repr_latex_(self) -> str:  # Jupyter shows expressions typeset
        return f"$\\displaystyle {self.to_latex()}$"

    @property
    def free_symbols(self) -> frozenset[Symbol]:
        """The symbols that occur in this expression."""
        from .traversal import free_symbols

        return free_symbols(self)

    def subs(self, *args: object, **kwargs: object) -> Expr:
        """Replace symbols or subexpressions: ``e.subs(x, 2)``, ``e.subs({x: y + 1})``, ``e.subs(x=2)``."""
        from .operators import worked_out
        from .traversal import substitute

        # d/dx[x^2] at x = 3 is 6: a written derivative is worked out before its variable is replaced.
        return substitute(worked_out(self), *args, **kwargs)

    def evaluate(self, values: object = None, /, **kwargs: float) -> float:
        """The value as a Python float: ``e.evaluate(x=2.0)`` or ``e.evaluate({"x": 2.0})``."""
        from .evaluate import evaluate

        return evaluate(self, values, **kwargs)

    def __float__(self) -> float:
        return self.evaluate()

    # --- building expressions with Python operators ------------------------------------------
    # They read like unparenthesised text, left to right: x + y + z is one n-ary Add (as parse
    # reads "x + y + z"), x - y - z is (x - y) - z, -x**2 is -(x**2).
    def __add__(self, other: object) -> Expr:
        other = _operand(other)
        if other is None:
            return NotImplemented
        if type(self) is Add:
            return Add(*self.children, other)
        return Add(self, other)

    def __radd__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Add(other, self)

    def __sub__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Sub(self, other)

    def __rsub__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Sub(other, self)

    def __mul__(self, other: object) -> Expr:
        other = _operand(other)
        if other is None:
            return NotImplemented
        if type(self) is Mul:
            return Mul(*self.children, other)
        return Mul(self, other)

    def __rmul__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Mul(other, self)

    def __truediv__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Div(self, other)

    def __rtruediv__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Div(other, self)

    def __pow__(self, other: object, modulo: None = None) -> Expr:
        other = _operand(other)
        if other is None or modulo is not None:
            return NotImplemented
        return Pow(self, other)

    def __rpow__(self, other: object) -> Expr:
        other = _operand(other)
        return NotImplemented if other is None else Pow(other, self)

    def __neg__(self) -> Expr:
        return Neg(self)

    def __pos__(self) -> Expr:
        return self

    def __abs__(self) -> Expr:
        return Call("abs", self)


# The hash is the same in every process (str hashes are salted per process, so names go in as
# CRC-32 digests): the simplifier orders terms by it where no readable order applies, and that
# order must not change from run to run.
_name_digests: dict[str, int] = {}


def _stable(data: object) -> object:
    if isinstance(data, str):
        digest = _name_digests.get(data)
        if digest is None:
            digest = _name_digests[data] = zlib.crc32(data.encode("utf-8"))
        return digest
    if isinstance(data, tuple):  # an undefined function's (name, order)
        return tuple(_stable(part) for part in data)
    return 0 if data is None else data  # hash(None) is its address in Python 3.11


# Nodes with this many children or more are hashed when first asked (see Expr._init).
_LATE_HASH_CHILDREN = 8


def _late_hash(root: Expr) -> int:
    """The hash of a node built without one. Its children's own are mostly made already (a sum
    that gains a term per level, e^e^...^x's exponent), so it is made at once, a child still
    without one hashed within; past a few such levels of nesting, the nodes without a hash
    below are hashed deepest first with an explicit stack (a deep tree of them must not recurse)."""
    global _late_nesting
    if _late_nesting < _LATE_NESTING_MOST:
        _late_nesting += 1
        try:
            value = _node_hash(root)
        finally:
            _late_nesting -= 1
        _set(root, "_hash", value)
        return value
    stack = [root]
    while stack:
        node = stack[-1]
        waiting = [child for child in node.children if not hasattr(child, "_hash")]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        if not hasattr(node, "_hash"):
            _set(node, "_hash", _node_hash(node))
    return root._hash


def _node_hash(node: Expr) -> int:
    data = node._data
    return hash((_KIND_CODES[type(node)], 0 if data is None else _stable(data), node.children))


_late_nesting = 0  # calls of _late_hash under way, one inside another
_LATE_NESTING_MOST = 32


# Pairs of distinct node objects already found equal, held so their ids stay theirs. Equal trees
# built apart (a derivative's copy of a subtree, each parent of it) are compared again and again
# as dictionary keys: without this, comparing a parent walks every subtree below it once more,
# and a 300-deep tower 2^2^...^y took 10 s to differentiate, 668 deep three minutes.
_EQUAL_PAIRS: dict[tuple[int, int], tuple[Expr, Expr]] = {}
_EQUAL_PAIRS_MOST = 1 << 15
_REMEMBERED_DEPTH = 4  # smaller trees compare faster than they are looked up


def forget_equal_pairs() -> None:
    """Let go of the remembered pairs (``collector_paused`` does, after each outermost call)."""
    _EQUAL_PAIRS.clear()


def _children_equal(a: Expr, b: Expr) -> bool:
    """Structural equality of two nodes already known to agree at the top, without recursion."""
    if a.depth == 2:  # children that are leaves (2/5, x^2): compared in place, no stack or pair memo
        for p, q in zip(a.children, b.children, strict=True):
            if p is not q and (p._hash != q._hash or type(p) is not type(q) or p._data != q._data or q.children):
                return False
        return True
    known = _EQUAL_PAIRS
    if (id(a), id(b)) in known:
        return True
    stack = list(zip(a.children, b.children, strict=True))
    compared: dict[tuple[int, int], tuple[Expr, Expr]] = {}  # pairs under way or done: shared subtrees once
    while stack:
        p, q = stack.pop()
        if p is q:
            continue
        try:
            same_hash = p._hash == q._hash
        except AttributeError:  # a wide node not hashed yet
            same_hash = hash(p) == hash(q)
        if (
            not same_hash
            or type(p) is not type(q)
            or p._data != q._data
            or len(p.children) != len(q.children)
        ):
            return False
        if p.children:
            pair = (id(p), id(q))
            if pair not in compared and pair not in known:
                compared[pair] = (p, q)
                stack.extend(zip(p.children, q.children, strict=True))
    # Every pair compared is equal: remember the deep ones, the whole pair first.
    if a.depth >= _REMEMBERED_DEPTH:
        if len(known) > _EQUAL_PAIRS_MOST:
            known.clear()
        known[(id(a), id(b))] = (a, b)
        for pair, nodes in compared.items():
            if nodes[0].depth >= _REMEMBERED_DEPTH:
                known[pair] = nodes
    return True


# --- leaves ------------------------------------------------------------------------------------


class Number(Expr):
    """A non-negative number with a finite decimal form, held exactly: 3, 2.5, 1e-3.

    Negative numbers are negations (``-3`` is ``Neg(Number(3))``) and other fractions are
    divisions (``1/3``), exactly as they are written; ``symdiff.number`` builds those forms.
    """

    __slots__ = ()

    def __init__(self, value: Numeric | str) -> None:
        self._init((), exact_decimal(value))

    @property
    def value(self) -> int | Fraction:
        return self._data  # type: ignore[return-value]

    def _args(self) -> tuple[object, ...]:
        value = self.value
        return (value if isinstance(value, int) else number_text(value),)


class Symbol(Expr):
    """A variable, such as ``x``, ``theta`` or ``x_1``."""

    __slots__ = ()

    def __init__(self, name: str) -> None:
        if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
            raise ExpressionError(
                f"{quote(name)} is not a valid name: a name is a letter followed by letters, digits or '_'"
            )
        if name in RESERVED_NAMES:
            raise ExpressionError(f"{quote(name)} is reserved for a function or constant and cannot be a symbol")
        if name.startswith(LOG_BASE_PREFIX):  # log_2 and log_b are logarithms to a base
            raise ExpressionError(
                f"{quote(name)} cannot be a symbol: a name starting with log_ is a logarithm to a base (log_2 x)"
            )
        if name.startswith("D_") and len(name) > 2 and not name[2].isdigit():
            raise ExpressionError(f"{quote(name)} cannot be a symbol: D_x is Euler's derivative by x (D_x x^2)")
        self._init((), name)

    @property
    def name(self) -> str:
        return self._data  # type: ignore[return-value]

    def _args(self) -> tuple[object, ...]:
        return (self.name,)


class Constant(Expr):
    """A named mathematical constant: ``pi`` (also ``π``) or ``e`` (Euler's number)."""

    __slots__ = ()

    def __init__(self, name: str) -> None:
        name = "pi" if name == "π" else name
        if not isinstance(name, str) or name not in CONSTANT_NAMES:
            raise ExpressionError(f"unknown constant {quote(name)}: the constants are pi and e")
        self._init((), name)

    @property
    def name(self) -> str:
        return self._data  # type: ignore[return-value]

    def _args(self) -> tuple[object, ...]:
        return (self.name,)


class Infinity(Expr):
    """Infinity, ``oo`` (also written ``inf`` and ``∞``); ``-oo`` is ``Neg(oo)``.

    It is a limit's point or value, not a number: ``limit`` takes it and returns it, printers
    write it, and everything that computes refuses it (``evaluate`` and ``lambdify`` have no
    float for it; ``simplify``, ``expand``, ``cancel``, ``factor`` and ``diff`` do no arithmetic
    with it, since oo - oo and 0*oo have no value), so no law of numbers is ever applied to it.
    """

    __slots__ = ()

    def __init__(self) -> None:
        self._init((), None)

    def _args(self) -> tuple[object, ...]:
        return ()


# --- operators ---------------------------------------------------------------------------------


class Add(Expr):
    """A sum of two or more terms: ``a + b + c``."""

    __slots__ = ()

    def __init__(self, *terms: Expr | Numeric) -> None:
        self._init(_operands("Add", terms), None)

    @property
    def terms(self) -> tuple[Expr, ...]:
        return self.children


class Sub(Expr):
    """A difference ``left - right``."""

    __slots__ = ()

    def __init__(self, left: Expr | Numeric, right: Expr | Numeric) -> None:
        self._init((_coerce(left), _coerce(right)), None)

    @property
    def left(self) -> Expr:
        return self.children[0]

    @property
    def right(self) -> Expr:
        return self.children[1]


class Mul(Expr):
    """A product of two or more factors: ``a * b * c`` (also written ``2x``, ``x y``)."""

    __slots__ = ()

    def __init__(self, *factors: Expr | Numeric) -> None:
        self._init(_operands("Mul", factors), None)

    @property
    def factors(self) -> tuple[Expr, ...]:
        return self.children


class Div(Expr):
    """A quotient ``numerator / denominator``."""

    __slots__ = ()

    def __init__(self, numerator: Expr | Numeric, denominator: Expr | Numeric) -> None:
        self._init((_coerce(numerator), _coerce(denominator)), None)

    @property
    def numerator(self) -> Expr:
        return self.children[0]

    @property
    def denominator(self) -> Expr:
        return self.children[1]


class Neg(Expr):
    """A negation ``-operand``."""

    __slots__ = ()

    def __init__(self, operand: Expr | Numeric) -> None:
        self._init((_coerce(operand),), None)

    @property
    def operand(self) -> Expr:
        return self.children[0]


class Pow(Expr):
    """A power ``base ^ exponent``."""

    __slots__ = ()

    def __init__(self, base: Expr | Numeric, exponent: Expr | Numeric) -> None:
        self._init((_coerce(base), _coerce(exponent)), None)

    @property
    def base(self) -> Expr:
        return self.children[0]

    @property
    def exponent(self) -> Expr:
        return self.children[1]


class Call(Expr):
    """An elementary function applied to one argument: ``sin(x)``, ``ln(x)``, ``relu(x)``."""

    __slots__ = ()

    def __init__(self, name: str, argument: Expr | Numeric) -> None:
        canonical = canonical_name(name) if isinstance(name, str) else None
        if canonical is None and isinstance(name, str) and name in FUNCTION_WORDS:  # log2, log10, root
            example = "Root(x, 3)" if name == ROOT_NAME else f"Log(x, {FIXED_BASE_LOGS[name]})"
            raise ExpressionError(f"{name} has a parameter and is its own node kind: write {example}")
        if canonical is None:
            known = ", ".join(sorted(FUNCTIONS))
            raise ExpressionError(f"unknown function {quote(name)}; the functions are {known}")
        self._init((_coerce(argument),), canonical)

    @property
    def name(self) -> str:
        return self._data  # type: ignore[return-value]

    @property
    def argument(self) -> Expr:
        return self.children[0]

    def _args(self) -> tuple[object, ...]:
        return (self.name, self.argument)

    def with_children(self, children: tuple[Expr, ...]) -> Expr:
        return self if children[0] is self.argument else Call(self.name, children[0])


class UndefinedCall(Expr):
    """An undefined function, or its ``order``-th derivative, applied: ``f(x)``, ``g'(x^2)``."""

    __slots__ = ()

    def __init__(self, name: str, argument: Expr | Numeric, order: int = 0) -> None:
        if not isinstance(name, str) or name not in UNDEFINED_FUNCTION_NAMES:
            raise ExpressionError(f"{quote(name)} is not an undefined-function name; use f, g or h")
        if not isinstance(order, int) or isinstance(order, bool) or order < 0:
            raise ExpressionError(f"the derivative order must be a whole number >= 0, not {quote(order)}")
        self._init((_coerce(argument),), (name, order))

    @property
    def name(self) -> str:
        return self._data[0]  # type: ignore[index]

    @property
    def order(self) -> int:
        return self._data[1]  # type: ignore[index]

    @property
    def argument(self) -> Expr:
        return self.children[0]

    def _args(self) -> tuple[object, ...]:
        return (self.name, self.argument, self.order)

    def with_children(self, children: tuple[Expr, ...]) -> Expr:
        if children[0] is self.argument:
            return self
        return UndefinedCall(self.name, children[0], self.order)


class Log(Expr):
    """A logarithm to a base: ``log(x, b)``, also written ``log_b x``, ``log2(x)``, ``log10(x)``.

    The natural logarithm is the function ``ln`` (or ``log`` with one argument), a ``Call``.
    """

    __slots__ = ()

    def __init__(self, argument: Expr | Numeric, base: Expr | Numeric) -> None:
        self._init((_coerce(argument), _coerce(base)), None)

    @property
    def argument(self) -> Expr:
        return self.children[0]

    @property
    def base(self) -> Expr:
        return self.children[1]


MAX_ROOT_INDEX = 1000  # the index of a root is a small whole number; root(x, 10^9) is surely a slip


class Root(Expr):
    """The real ``index``-th root, ``root(x, n)``, for a whole number n >= 2: defined for every x
    when n is odd (root(-8, 3) = -2), for x >= 0 when n is even. ``cbrt(x)`` is a ``Call``."""

    __slots__ = ()

    def __init__(self, argument: Expr | Numeric, index: int) -> None:
        if not isinstance(index, int) or isinstance(index, bool) or not 2 <= index <= MAX_ROOT_INDEX:
            raise ExpressionError(
                f"the index of root(x, n) must be a whole number from 2 to {MAX_ROOT_INDEX}, not {quote(index)}"
            )
        self._init((_coerce(argument),), index)

    @property
    def argument(self) -> Expr:
        return self.children[0]

    @property
    def index(self) -> int:
        return self._data  # type: ignore[return-value]

    def _args(self) -> tuple[object, ...]:
        return (self.argument, self.index)

    def with_children(self, children: tuple[Expr, ...]) -> Expr:
        return self if children[0] is self.argument else Root(children[0], self.index)


# Derivatives of order 10^18 would never finish; 100 is far past any course's exercises.
MAX_DERIVATIVE_ORDER = 100


class Derivative(Expr):
    """A derivative written but not yet worked out: ``d/dx[x^2]``, ``d^2/dx^2[f]``, ``∂^2/∂x∂y[f]``.

    ``variables`` are the names differentiated by, in the order they are applied: ``∂^2/∂x∂y[f]``
    is ``Derivative(f, ("y", "x"))``, by y first. ``diff``, ``derive``, ``simplify``,
    ``evaluate`` and ``lambdify`` work it out (``derive`` with its steps).
    """

    __slots__ = ()
    seen = False  # set once any is made: until then, nothing needs to look for one

    def __init__(self, operand: Expr | Numeric, variables: object) -> None:
        if isinstance(variables, (str, Symbol)):
            variables = (variables,)
        if not isinstance(variables, (tuple, list)) or not variables:
            raise ExpressionError(
                f"a derivative needs the variables it is taken by, such as ('x',), not {quote(variables)}"
            )
        if len(variables) > MAX_DERIVATIVE_ORDER:
            raise ExpressionError(
                f"a derivative of order {len(variables):,}: symdiff takes at most {MAX_DERIVATIVE_ORDER}"
            )
        names = tuple(v.name if isinstance(v, Symbol) else Symbol(v).name for v in variables)  # type: ignore[arg-type]
        self._init((_coerce(operand),), names)
        Derivative.seen = True

    @property
    def operand(self) -> Expr:
        return self.children[0]

    @property
    def variables(self) -> tuple[str, ...]:
        return self._data  # type: ignore[return-value]

    def _args(self) -> tuple[object, ...]:
        return (self.operand, self.variables)

    def with_children(self, children: tuple[Expr, ...]) -> Expr:
        return self if children[0] is self.operand else Derivative(children[0], self.variables)


NODE_TYPES: tuple[type[Expr], ...] = (
    Number, Symbol, Constant, Add, Sub, Mul, Div, Neg, Pow, Call, UndefinedCall, Log, Root, Derivative, Infinity,
)
_KIND_CODES: dict[type[Expr], int] = {kind: code for code, kind in enumerate(NODE_TYPES)}

pi = Constant("pi")
E = Constant("e")
oo = Infinity()


# --- converting Python values ------------------------------------------------------------------


def number(value: Numeric) -> Expr:
    """The expression for any exact or float number, in the form a person writes it.

    ``number(3)`` is ``3``, ``number(-3)`` is ``-3`` (a negation), ``number(Fraction(1, 3))`` is
    ``1/3`` (a division), ``number(-0.5)`` is ``-0.5``.
    """
    if isinstance(value, bool):
        raise ExpressionError("a boolean is not a number")
    if isinstance(value, numbers.Rational):
        exact = Fraction(int(value.numerator), int(value.denominator))
        magnitude = abs(exact)
        if magnitude.denominator == 1:
            result: Expr = Number(magnitude.numerator)
            return Neg(result) if exact < 0 else result
        numerator: Expr = Number(magnitude.numerator)
        if exact < 0:
            numerator = Neg(numerator)
        return Div(numerator, Number(magnitude.denominator))
    if isinstance(value, (Decimal, numbers.Real)):
        negative = value < 0  # type: ignore[operator]
        result = Number(-value if negative else value)  # type: ignore[operator]
        return Neg(result) if negative else result
    raise ExpressionError(f"{type(value).__name__} {quote(value)} is not a number")


def as_expr(value: object) -> Expr:
    """``value`` as an expression: an ``Expr`` as it is, a Python number via ``number``."""
    if isinstance(value, Expr):
        return value
    if isinstance(value, str):
        raise ExpressionError(
            f"the string {quote(value)} is not an expression here; use symdiff.parse({quote(value)}) or symdiff.Symbol"
        )
    return number(value)  # type: ignore[arg-type]


_coerce = as_expr


OperatorNode = TypeVar("OperatorNode", bound="Expr")


def from_children(kind: type[OperatorNode], children: tuple[Expr, ...]) -> OperatorNode:
    """``kind(*children)`` for an operator node (Add, Mul, ...) whose children are already
    expressions, two or more, as the simplifier's own results are: no operand is checked or
    converted (an answer's terms can have hundreds of factors)."""
    node = object.__new__(kind)
    node._init(children, None)
    return node


def _operand(value: object) -> Expr | None:
    """For Python operators: the operand as an expression, or None to let Python say no."""
    if isinstance(value, Expr):
        return value
    if isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool):
        return number(value)  # type: ignore[arg-type]
    return None


def _operands(kind: str, values: tuple[object, ...]) -> tuple[Expr, ...]:
    if len(values) < 2:
        raise ExpressionError(f"{kind} needs at least two operands, got {len(values)}")
    return tuple(map(_coerce, values))


# --- conveniences for building expressions in Python -------------------------------------------


def named_symbol(value: object) -> Symbol | None:
    """``value`` as a variable: a Symbol, or text that is one name (``" x "`` is x); else None,
    for the caller to refuse in its own words."""
    if isinstance(value, Symbol):
        return value
    if isinstance(value, str):
        try:
            return Symbol(value.strip())
        except ExpressionError:
            return None
    return None


def symbols(names: str) -> Symbol | tuple[Symbol, ...]:
    """Symbols from names separated by spaces or commas: ``x, y = symbols("x y")``.

    One name gives one Symbol, as in SymPy.
    """
    if not isinstance(names, str):
        raise ExpressionError(f"symbols() takes names in a string, such as 'x y', not {quote(names)}")
    parts = [part for part in re.split(r"[\s,]+", names.strip()) if part]
    if not parts:
        raise ExpressionError("symbols() needs at least one name")
    made = tuple(Symbol(part) for part in parts)
    return made[0] if len(made) == 1 else made


class Function:
    """A function you can call on expressions or numbers: ``symdiff.sin(x)``.

    ``Function("f")`` (or ``g``, ``h``) is an undefined function: ``Function("f")(x)`` is ``f(x)``.
    ``log`` takes an optional base, ``log(x, 2)``; ``log2``/``log10`` are logarithms to those
    bases, and ``root(x, n)`` is the n-th root.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        if not isinstance(name, str):
            raise ExpressionError(f"a function is named by a string such as 'sin', not {quote(name)}")
        canonical = canonical_name(name)
        if canonical is None and name not in UNDEFINED_FUNCTION_NAMES and name not in FUNCTION_WORDS:
            raise ExpressionError(f"unknown function {quote(name)}")
        self.name = canonical or name

    def __call__(self, argument: Expr | Numeric, *parameter: Expr | Numeric) -> Expr:
        name = self.name
        if name == ROOT_NAME:
            if len(parameter) != 1:
                raise ExpressionError("root takes the radicand and the index: root(x, 3)")
            return Root(argument, parameter[0])  # type: ignore[arg-type]
        if parameter and (name != "log" or len(parameter) > 1):
            raise ExpressionError(f"{name} takes one argument, not {1 + len(parameter)}")
        if parameter:
            return Log(argument, parameter[0])
        if name in FIXED_BASE_LOGS:
            return Log(argument, Number(FIXED_BASE_LOGS[name]))
        if name in UNDEFINED_FUNCTION_NAMES:
            return UndefinedCall(name, argument)
        return Call(name, argument)

    def __repr__(self) -> str:
        return f"Function({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Function) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("Function", self.name))
