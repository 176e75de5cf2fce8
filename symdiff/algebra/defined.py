"""Constants without a real value: a division by zero, ln(0), sqrt(-1), tan(π/2).

An expression holding one has no value at any point (x + 1/0, x·ln(-1)), so it has no
derivative either; a rule that treats such a part as a constant (d/dx[c] = 0) would give an
answer, and a false one. This module finds the first such part. A denominator is 0 when its
normal form is 0. A function's argument is outside its domain when it is a rational number
outside it (from its normal form, or worked out exactly: 1 + 10^-1000), or else when its float
value, or near 0 its value to 60 digits (``core.precise``), lies outside by far more than their
rounding. A trigonometric function is at a pole when its argument is a special angle
(``special_angles.at_pole``). A part it cannot decide, it leaves alone: it never refuses a
constant on a rounding.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from ..core.errors import SymdiffError
from ..core.evaluate import node_value
from ..core.expr import (
    Add,
    Call,
    Constant,
    Derivative,
    Div,
    Expr,
    Infinity,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    number,
)
from ..core.precise import DIGITS, precise_value
from ..core.printer import to_text
from ..core.traversal import fold, free_symbols, preorder, size_as_written, substitute
from .expansion import expand
from .identities import IDENTITY_FUNCTIONS, pythagorean, sign_over_abs, trig_quotients
from .normal import CONSTANT, UNDEFINED_MONOMIAL, Normal
from .polynomial import AlgebraError, work_limit
from .ranges import Range, above, below, value_range
from .simplify import Simplifier, is_power_of_zero
from .special_angles import FUNCTIONS_WITH_POLES, at_pole, exact_special_values

__all__ = [
    "CHECKED_KINDS", "constant_normal_form", "divides_by_zero_everywhere", "never_in_domain", "no_value_anywhere",
    "undefined_constant", "undefined_node", "undefined_part", "undefined_with_constant_parts",
    "varying_power_of_nonpositive",
]

# A constant part longer than this written out is not simplified to test it: a long constant
# is rare in what a person types, and its simplification could cost more than the derivative.
_LONGEST_TESTED = 80

# The real domain of each function that has a gap, as a test that an argument known to lie in
# [lo, hi] is surely outside it, with the words that complete "<name>(a) is undefined: <name> ...".
Bounds = tuple[Fraction | float, Fraction | float]
_DOMAINS: dict[str, tuple[Callable[[Bounds], bool], str]] = {
    "ln": (lambda a: a[1] <= 0, "needs a positive argument"),
    "log": (lambda a: a[1] <= 0, "needs a positive argument"),
    "sqrt": (lambda a: a[1] < 0, "needs a non-negative argument"),
    "asin": (lambda a: a[0] > 1 or a[1] < -1, "needs an argument from -1 to 1"),
    "acos": (lambda a: a[0] > 1 or a[1] < -1, "needs an argument from -1 to 1"),
    "asec": (lambda a: -1 < a[0] and a[1] < 1, "needs an argument a with |a| >= 1"),
    "acsc": (lambda a: -1 < a[0] and a[1] < 1, "needs an argument a with |a| >= 1"),
    "acosh": (lambda a: a[1] < 1, "needs an argument of at least 1"),
    "atanh": (lambda a: a[0] >= 1 or a[1] <= -1, "needs an argument strictly between -1 and 1"),
    "csch": (lambda a: a[0] == a[1] == 0, "needs a non-zero argument"),
    "coth": (lambda a: a[0] == a[1] == 0, "needs a non-zero argument"),
    "csc": (lambda a: a[0] == a[1] == 0, "needs sin(a) to be non-zero"),  # a rational sin(a) is 0 only at 0
    "cot": (lambda a: a[0] == a[1] == 0, "needs sin(a) to be non-zero"),
}  # fmt: skip

# Rewriting by identities stops after this many rounds of the three laws (each shortens the
# normal form; sinh(x)/cosh(x) - tanh(x) needs one, sign(x)*sin(x)/abs(x)... a few).
_IDENTITY_ROUNDS = 4

# The functions that lack a value somewhere: outside a domain, or at a pole (tan(pi/2)).
_MAY_LACK_VALUE = frozenset(_DOMAINS) | FUNCTIONS_WITH_POLES

# A part with symbols is simplified to test it as a constant (ln(x - x)) only up to this size: what
# a person types that way is short, and simplifying every argument of a large expression would
# cost up to half of its derivative (a random expression of 4,000 leaves: 230 ms of 520).
_LONGEST_IN_VALUE = 30

# An argument is read for special values (acos(0) = pi/2) only up to this size: each reading
# simplifies every function in it (sin(sin(...sin(1))) would be read at each of its levels).
_SPECIAL_ARGUMENT = 24

# Nodes that are no constant to test: oo, a written d/dx. (f(2) is one, as diff's masks see it.)
_NOT_CONSTANT = frozenset({Derivative, Infinity})
_LEAVES = frozenset({Number, Constant, Symbol})
_NUMBERS = (Number, Constant)
# The kinds of node that can lack a value when their parts have one.
CHECKED_KINDS = frozenset({Div, Pow, Call, Log, Root})


def undefined_constant(expr: Expr, simplifier: Simplifier) -> str | None:
    """Why ``expr`` has no value anywhere ("1/0 divides by zero"), or None when no part of it
    is a constant without a real value. ``simplifier`` is the caller's, so that the normal
    forms found here are reused."""
    found = undefined_node(expr, simplifier)
    return None if found is None else found[1]


def undefined_node(expr: Expr, simplifier: Simplifier, in_value: bool = True) -> tuple[Expr, str] | None:
    """The first part of ``expr`` without a value (innermost first) and why, or None. With
    ``in_value``, a part with symbols that is a constant wherever it has a value is tested as
    that constant (ln(x - x)): that simplifies each argument and denominator."""
    found: list[tuple[Expr, str]] = []
    ranges: dict[int, tuple[Expr, Range]] = {}

    def visit(node: Expr, constant_children: list[bool]) -> bool:
        """Whether ``node`` is free of symbols; on the way, the first undefined part is recorded."""
        kind = type(node)
        if kind in _LEAVES:
            return kind is not Symbol
        if found or kind in _NOT_CONSTANT:
            return False
        if kind in CHECKED_KINDS:
            why = undefined_part(node, constant_children, simplifier)
            if why is None and in_value and False in constant_children:
                why = undefined_with_constant_parts(node, constant_children, simplifier)
            if why is None:
                why = never_in_domain(node, constant_children, ranges)
            if why is not None:
                found.append((node, why))
        return False not in constant_children

    fold(expr, visit)
    return found[0] if found else None


def never_in_domain(node: Expr, constant: Sequence[bool], ranges: dict[int, tuple[Expr, Range]]) -> str | None:
    """Why ``node``, a function of an argument with symbols, has no value for any of them: the
    argument never enters its domain (atanh(csc(x)), ln(heaviside(-x^2)), sqrt(-e^x)); None when
    it may. ``ranges`` keeps each part's range for the caller's walk."""
    kind = type(node)
    if kind is Log and not constant[1] and is_power_of_zero(node.children[1]):
        why = "its base, 0 to a power, is 0 or 1 wherever it has a value, and a base is positive and not 1"
    elif constant[0]:
        return None
    elif kind is Call:
        name = node.name  # type: ignore[attr-defined]
        if name not in _NEVER_INSIDE or not _NEVER_INSIDE[name](value_range(node.children[0], ranges)):
            return None
        why = f"{name} {_DOMAINS[name][1]}"
    elif kind is Root:
        if node.index % 2 or not below(value_range(node.children[0], ranges), 0):  # type: ignore[attr-defined]
            return None
        why = "an even root needs a non-negative argument"
    elif kind is Log:
        if value_range(node.children[0], ranges).hi > 0:
            return None
        why = "a logarithm needs a positive argument"
    elif kind is Pow:
        if not constant[1] or not _fractional(node.children[1]) or \
                not below(value_range(node.children[0], ranges), 0):
            return None
        why = "a negative number to a fractional power has no real value"
    else:
        return None
    names = ", ".join(sorted(symbol.name for symbol in node.free_symbols))
    return f"{_short(node)} is undefined for every value of {names}: {why}"


def _fractional(exponent: Expr) -> bool:
    """Whether ``exponent`` is written as a number that is not whole (0.5, 1/2, -2/3)."""
    value = _written_rational(exponent)
    return value is not None and value.denominator != 1


def _written_rational(expr: Expr) -> Fraction | None:
    """The value of a number written with minus signs and at most one division (-2/3), or None."""
    sign = 1
    while type(expr) is Neg:  # -(2/3)
        expr, sign = expr.children[0], -sign
    if type(expr) is Div:
        top, bottom = (_signed_number(part) for part in expr.children)
        return None if top is None or not bottom else sign * top / bottom
    value = _signed_number(expr)
    return None if value is None else sign * value


def _signed_number(expr: Expr) -> Fraction | None:
    sign = 1
    while type(expr) is Neg:  # a loop: --...-2 may be long
        expr, sign = expr.children[0], -sign
    return sign * Fraction(expr.value) if type(expr) is Number else None  # type: ignore[attr-defined]


# Whether an argument's range (every value it takes) lies outside each function's domain.
_NEVER_INSIDE: dict[str, Callable[[Range], bool]] = {
    "ln": lambda a: a.hi <= 0, "log": lambda a: a.hi <= 0, "sqrt": lambda a: below(a, 0),
    "asin": lambda a: _beyond_one(a), "acos": lambda a: _beyond_one(a), "atanh": lambda a: a.least >= 1,
    "acosh": lambda a: below(a, 1), "asec": lambda a: above(a, -1) and below(a, 1),
    "acsc": lambda a: above(a, -1) and below(a, 1),
}  # fmt: skip


def _beyond_one(a: Range) -> bool:
    return a.least > 1 or (a.least == 1 and a.least_open)


def undefined_part(node: Expr, constant: Sequence[bool], simplifier: Simplifier) -> str | None:
    """Why ``node`` (one of ``CHECKED_KINDS``) has no value, or None; ``constant`` tells which of
    its children are free of symbols (only those are tested)."""
    kind = type(node)
    children = node.children
    if kind is Div:
        if constant[1] and _is_zero(children[1], simplifier):  # a/0, whatever a is
            return f"{_short(node)} divides by zero"
        return None
    if kind is Log:  # log_0(y) has no value whatever y is
        return _log_outside_domain(node, constant, simplifier)  # type: ignore[arg-type]
    if False in constant:
        return None
    if kind is Pow:
        return _power_undefined(node, simplifier)
    if kind is Call:
        return _outside_domain(node, simplifier)  # type: ignore[arg-type]
    if node.index % 2 == 0:  # type: ignore[attr-defined]  # a Root
        bounds = _bounds(children[0], simplifier)
        if bounds is not None and bounds[1] < 0:
            return f"{_short(node)} is undefined: an even root needs a non-negative argument"
    return None


def undefined_with_constant_parts(node: Expr, constant: Sequence[bool], simplifier: Simplifier) -> str | None:
    """Why ``node`` (one of ``CHECKED_KINDS``) has no value, when a child written with symbols
    is a constant wherever it has a value: ln(x - x) is ln(0), x/(y - y) divides by zero. Such
    a child's normal form (which the engines need anyway, for f'(u) and 1/v^2) is free of
    symbols; ``constant`` tells which children are free of symbols as written."""
    children = node.children
    valued = list(children)
    for i in _tested_children(node, constant):
        normal = constant_normal_form(children[i], simplifier)
        if normal is not None:
            valued[i] = simplifier.present(normal)
        elif kind_divides(node, i):
            refuse_unproven_zero(node, children[i], simplifier)
    if all(part is child for part, child in zip(valued, children, strict=True)):
        return None
    as_valued = node.with_children(tuple(valued))
    now_constant = [constant[i] or valued[i] is not children[i] for i in range(len(children))]
    why = undefined_part(as_valued, now_constant, simplifier)
    return None if why is None else f"{_short(node)} is {_short(as_valued)}, and {why}"


def _tested_children(node: Expr, constant: Sequence[bool]) -> list[int]:
    """The children of ``node`` worth simplifying to test as constants: those written with
    symbols that ``undefined_part`` would test as constants, and that may be (_may_be_constant).
    A numerator, the argument of a function without gaps or poles (sin, exp) or of an odd root
    never makes its node undefined, and a power is tested only when base and exponent both are
    constants (a random expression of 4,000 leaves had 776 children simplified, now 486)."""
    kind = type(node)
    if kind is Div:
        indices = [1]
    elif kind is Call:
        indices = [0] if node.name in _MAY_LACK_VALUE else []  # type: ignore[attr-defined]
    elif kind is Root:
        indices = [0] if node.index % 2 == 0 else []  # type: ignore[attr-defined]
    else:
        indices = [0, 1]  # a power or a logarithm
    tested = [i for i in indices if not constant[i] and _may_be_constant(node.children[i])]
    if kind is Pow and len(tested) + constant.count(True) < 2:
        return []  # one of them keeps its variable: no constant power to test
    return tested


def varying_power_of_nonpositive(node: Expr, constant: Sequence[bool], simplifier: Simplifier,
                                 whole: str = "it") -> str | None:
    """Why the power ``node`` (part of ``whole``, as it is named) has no derivative when its
    base is a constant of at most 0 (or one wherever it has a value: x - x) and its exponent
    varies, or None. (-2)^x has a real value only where x is a whole number or a fraction with
    an odd denominator: isolated points. The rule d/dx[a^u] = a^u*ln(a)*u' needs a > 0; 0^u is
    0 where u > 0, and the Zero Power Rule knows it when the base is written 0."""
    if type(node) is not Pow or constant[1]:
        return None
    base = node.children[0]
    if type(base) is Number:
        if base.value >= 0:  # type: ignore[attr-defined]  # 2^x; 0^x has a rule of its own
            return None
        valued = base
    elif type(base) is Constant:
        return None
    elif constant[0]:
        valued = base
    elif size_as_written(base, _LONGEST_IN_VALUE) > _LONGEST_IN_VALUE:
        return None
    else:
        normal = constant_normal_form(base, simplifier)
        if normal is None:
            return None
        valued = simplifier.present(normal)
    bounds = _bounds(valued, simplifier)
    if bounds is None or bounds[1] > 0 or _constant_in_value(node.children[1], simplifier):
        return None  # (-2)^(x - x + 2) is 4
    shown = (_short(node) if valued is base
             else f"{_short(node)} is {_short(Pow(valued, node.children[1]))}, which")
    if bounds[1] < 0:
        return (f"{shown} has a real value only where its exponent is a whole number or a fraction with an odd "
                f"denominator, so symdiff does not differentiate {whole}: d/dx[a^u] = a^u*ln(a)*u' needs a > 0")
    if bounds[0] == 0:
        derivative = "its derivative" if whole == "it" else f"the derivative of {whole}"
        return (f"{shown} is 0 where the exponent is positive and has no value where it is not: write the base as 0, "
                f"and the Zero Power Rule gives {derivative} (d/dx[a^u] = a^u*ln(a)*u' needs a > 0)")
    return None


def _may_be_constant(expr: Expr) -> bool:
    """Whether ``expr``, written with symbols, is short enough to simplify (``_LONGEST_IN_VALUE``)
    and has what a constant written with symbols needs: a symbol twice (x - x, x/x), a 0 (x*0,
    x^0) or a power of 1 (1^x), in it or in a function's argument (1/sqrt(x - x) divides by
    sqrt(0) = 0). Anything else keeps its variable, and is not simplified to see (sin(sin(...sin(x)))
    100 deep: simplifying its 30 innermost arguments cost a fifth of diff)."""
    if type(expr) is Symbol:
        return False
    seen: set[Expr] = set()
    stack = [expr]
    count = 0
    hint = False
    while stack:
        node = stack.pop()
        count += 1
        if count > _LONGEST_IN_VALUE:
            return False
        kind = type(node)
        if kind is Symbol:
            hint = hint or node in seen
            seen.add(node)
        elif kind is Number:
            hint = hint or node.value == 0  # type: ignore[attr-defined]
        elif kind is Pow and type(node.children[0]) is Number and node.children[0].value == 1:  # type: ignore[attr-defined]
            hint = True
        elif kind in (Call, Log) and all(type(child) in _NUMBERS for child in node.children):
            hint = True  # a function of a number may be 0 (x*log(1), x*sin(pi))
        stack.extend(node.children)
    return hint


def _constant_in_value(expr: Expr, simplifier: Simplifier) -> bool:
    return constant_normal_form(expr, simplifier) is not None


def constant_normal_form(expr: Expr, simplifier: Simplifier) -> Normal | None:
    """The normal form of ``expr`` when it is free of symbols wherever ``expr`` has a value, or
    None: by the algebra of the normal form (x - x, x/x), or then by the identities a textbook
    uses, each true wherever its left side has a value (sin(x)^2 + cos(x)^2 - 1 = 0,
    sinh(x)/cosh(x) - tanh(x) = 0, sign(x)*x - abs(x) = 0, cosh(x)^2 - sinh(x)^2 = 1)."""
    try:
        normal = simplifier.normal_form(expr)
        if UNDEFINED_MONOMIAL not in normal and not _free_of_symbols(normal):
            normal = _by_identities(normal, simplifier)
        if UNDEFINED_MONOMIAL not in normal and not _free_of_symbols(normal) and _may_hide_a_constant(normal) \
                and _looks_constant(expr, simplifier.probe_values):
            # a part inside is the constant (1/sqrt(sin(x)^2 + cos(x)^2 - 1)), or it is one once
            # multiplied out ((x + 1)^2 - x^2 - 2*x - 1): each part put in as its value first
            with work_limit(_VALUED_WORK):  # multiplying out (x + 1)^1000 is not a check's job
                valued = _valued(expr, simplifier)
            normal = _by_identities(simplifier.normal_form(valued), simplifier)
    except (SymdiffError, AlgebraError):
        return None  # too large to simplify: the engine refuses it on its own
    return normal if UNDEFINED_MONOMIAL not in normal and _free_of_symbols(normal) else None


# Term products the long way may make for one part (fuzz seed 2059: a power of a sum with a
# large whole exponent took minutes to multiply out); past it the part is not taken for a constant.
_VALUED_WORK = 20_000


def _may_hide_a_constant(normal: Normal) -> bool:
    """Whether a normal form with symbols may still be a constant: not when it is a polynomial
    in symbols (its normal form is unique, and a constant's has none), only when a base is a sum
    (to multiply out) or has parts of its own (a function of a constant)."""
    return any(type(base) is not Symbol for monomial in normal for base, _ in monomial)


def _valued(expr: Expr, simplifier: Simplifier) -> Expr:
    """``expr`` with each sum, product, quotient or power in it that is a constant wherever it
    has a value, multiplied out and by the identities, written as that constant (innermost first)."""
    def combine(node: Expr, children: list[Expr]) -> Expr:
        rebuilt = node.with_children(tuple(children)) if children else node
        if type(rebuilt) not in _ARITHMETIC:
            return rebuilt
        normal = _by_identities(simplifier.normal_form(expand(rebuilt)), simplifier)
        if UNDEFINED_MONOMIAL in normal or not _free_of_symbols(normal):
            return rebuilt
        return simplifier.present(normal)

    return fold(expr, combine)


def _looks_constant(expr: Expr, memo: dict[int, tuple[Expr, tuple[float, float] | None]]) -> bool:
    """Whether floats could take ``expr`` for a constant: its values at two points agree far past
    rounding, or it has a value at neither or only one of them (sqrt(sin(x)^2 + cos(x)^2 - 1) is
    sqrt of a rounding's sign). Only a part that looks so is simplified the long way. ``memo``
    keeps each node's values for the next part tested (the parts of one expression share nodes)."""
    values = fold(expr, _probe, memo)
    if values is None:
        return True
    first, second = values
    return abs(first - second) <= 1e-9 * max(1.0, abs(first), abs(second))


def _probe(node: Expr, parts: list[tuple[float, float] | None]) -> tuple[float, float] | None:
    """``node``'s floats at the two points (each symbol at its own place), or None without one."""
    if type(node) is Symbol:
        offset = 0.01 * (zlib.crc32(node.name.encode()) % 97)  # type: ignore[attr-defined]
        return _PROBES[0] + offset, _PROBES[1] + offset
    if None in parts:
        return None
    values = []
    for k in (0, 1):
        try:
            value = node_value(node, [part[k] for part in parts])  # type: ignore[index]
        except (ArithmeticError, ValueError, SymdiffError):
            return None
        if type(value) is not float or not math.isfinite(value):
            return None  # complex ((-2)^0.5) or past a float's range: no value to compare
        values.append(value)
    return values[0], values[1]


# Two points of no special meaning, where a function that varies has different values.
_PROBES = (0.6180339887498949, 1.3247179572447460)


def _by_identities(normal: Normal, simplifier: Simplifier) -> Normal:
    """``normal`` rewritten by the identities until none applies (or ``_IDENTITY_ROUNDS``)."""
    for _ in range(_IDENTITY_ROUNDS):
        if UNDEFINED_MONOMIAL in normal or not _has_identity_function(normal):
            return normal
        rewritten = normal
        for law in (sign_over_abs, trig_quotients, pythagorean):
            result = law(simplifier, rewritten)
            rewritten = rewritten if result is None else result  # {} is 0: a result too
        if rewritten is normal:
            return normal
        normal = rewritten
    return normal


def _has_identity_function(normal: Normal) -> bool:
    """Whether a factor of ``normal`` is a function that an identity rewrites (sin, sign, cosh)."""
    return any(type(base) is Call and base.name in IDENTITY_FUNCTIONS  # type: ignore[attr-defined]
               for monomial in normal for base, _ in monomial)


def _free_of_symbols(normal: Normal) -> bool:
    """Whether a normal form holds no symbol: 0, a number, pi/2, sqrt(2) + 1 (tested only up to
    ``_LONGEST_TESTED`` nodes in its bases and exponents, as a constant is)."""
    budget = _LONGEST_TESTED
    for monomial in normal:
        for base, exponent in monomial:
            for part in (base, exponent):
                kind = type(part)
                if kind is Symbol:
                    return False  # the usual case, found at once: w*x + b
                if kind in _NUMBER_KINDS:
                    continue
                size = size_as_written(part, budget)
                budget -= size
                if budget < 0 or part.free_symbols:  # type: ignore[union-attr]
                    return False
    return True


_NUMBER_KINDS = frozenset({int, Fraction, Number, Constant})
_ARITHMETIC = frozenset({Add, Sub, Mul, Div, Neg, Pow})


def divides_by_zero_everywhere(expr: Expr, simplifier: Simplifier) -> str | None:
    """Why ``expr`` divides by zero for every value of its variables ("the denominator x - x of
    1/(x - x) is 0 wherever it has a value"), or None: a denominator (or the base of a negative
    power) that is 0 wherever it has a value, as written (x - x) or by an identity
    (sin(x)^2 + cos(x)^2 - 1, (x + 1)^2 - x^2 - 2*x - 1). Every one is tested, not only the
    first part without a value (ln(-1) + x/(x - x) divides by zero too)."""
    for node, _ in preorder(expr):
        kind = type(node)
        if kind is Div:
            denominator = node.children[1]
        elif kind is Pow and _negative_number(node.children[1]):
            denominator = node.children[0]
        else:
            continue
        if type(denominator) is Number:
            zero = denominator.value == 0  # type: ignore[attr-defined]
        elif _looks_constant(denominator, simplifier.probe_values):  # floats first: nearly all vary
            normal = constant_normal_form(denominator, simplifier)
            if normal is None:
                refuse_unproven_zero(node, denominator, simplifier)
            zero = normal == {}
        else:
            zero = False
        if zero:
            return f"the denominator {_short(denominator)} of {_short(node)} is 0 wherever it has a value"
    return None


def kind_divides(node: Expr, i: int) -> bool:
    """Whether ``node`` divides by its ``i``-th child: a quotient's denominator, or the base of
    a power by a negative number."""
    kind = type(node)
    return (kind is Div and i == 1) or (kind is Pow and i == 0 and _negative_number(node.children[1]))


def refuse_unproven_zero(node: Expr, denominator: Expr, simplifier: Simplifier) -> None:
    """Raise ``AlgebraError`` when ``denominator``, which ``node`` divides by and which no law
    here shows to be a constant, is 0 to 60 digits at every point tried: an identity the
    algebra does not know (abs(x)^2 - x^2, tan(x)*cos(x) - sin(x), 2^x*2^x - 4^x). Read as
    independent generators, the algebra would cancel it ((abs(x)^2 - x^2)/(abs(x)^2 - x^2) = 1,
    with derivative 0), a value for an expression that has none anywhere; unproven, it is not
    called 1/0 either, so the call declines."""
    if not _looks_constant(denominator, simplifier.probe_values) or not _zero_at_every_point_tried(denominator):
        return
    raise AlgebraError(
        f"cannot tell whether {_short(node)} has a value: its denominator {_short(denominator)} is 0 "
        f"to {DIGITS} digits at every point tried from {_TRIED} where it has a value, and no law here proves it 0, "
        "so symdiff does not divide by it; if an identity makes it 0, write the denominator without it")


def _zero_at_every_point_tried(expr: Expr) -> bool:
    """Whether ``expr`` is 0 at each of ``_ZERO_POINTS`` where it has a value (at least two),
    worked at two precisions: rounding shrinks as digits are added, a true value does not. A
    part the precise arithmetic cannot work out (f(x)) or too long for it leaves it undecided."""
    names = sorted(free_symbols(expr), key=lambda symbol: symbol.name)
    if not names or size_as_written(expr, _LONGEST_IN_VALUE) > _LONGEST_IN_VALUE:
        return False
    valued = 0
    for point in _ZERO_POINTS:
        at = {symbol: number(point + Fraction(k, 8)) for k, symbol in enumerate(names)}
        constant = substitute(expr, at)
        rough = precise_value(constant, DIGITS, zero_is_zero=True)
        fine = precise_value(constant, DIGITS + _MORE_DIGITS, zero_is_zero=True)
        if rough is None or fine is None:
            continue
        if (fine or rough) and _place(fine) >= _place(rough) - _SHRINKS:
            return False  # a value that more digits keep (however small: x^(10^9)): not 0 here
        valued += 1
    return valued >= 2


def _place(value: Decimal) -> int:
    """The power of 10 of a result's size: of its first digit, or for a 0 of its last (a 0
    worked to 60 digits among terms near 1 is 0E-69: 0 to within 10^-69)."""
    return value.adjusted() if value else value.as_tuple().exponent  # type: ignore[return-value]


# A 0 by rounding shrinks by about 20 places when 20 digits are added (pi is held to 104 digits,
# enough for 80 and an argument's reduction); 0 exactly at both is 0 too (abs(x)^2 - x^2).
_MORE_DIGITS = 20
_SHRINKS = 10
# 0 and points of no special meaning, of either sign: a denominator 0 on some of them only
# (relu(x - 5), heaviside(x - 10), sign(x)^2 - 1) is not taken for 0 everywhere. Some are small,
# so that a narrow domain holds two (abs(asin(10x))^2 - asin(10x)^2 has [-0.1, 0.1]). None is
# large: at 1000, cosh(x)^2 - sinh(x)^2 - 1 is -1 to 80 digits (its terms are 10^868), and one
# point not 0 lets the division be made (so 1/relu(x - 100) is declined, not kept).
_ZERO_POINTS = tuple(map(Fraction, ("0", "0.43", "-2.61", "2.64", "-0.29", "7.83", "-8.71", "31.4", "-0.33",
                                    "0.043", "-0.061", "0.0037")))
_TRIED = f"{float(min(_ZERO_POINTS)):g} to {float(max(_ZERO_POINTS)):g}"


def _negative_number(exponent: Expr) -> bool:
    sign = 1
    while type(exponent) is Neg:
        exponent, sign = exponent.children[0], -sign
    return type(exponent) is Number and sign * exponent.value < 0  # type: ignore[attr-defined]


def no_value_anywhere(expr: Expr, simplifier: Simplifier | None = None) -> str | None:
    """"<expr> has no value anywhere (<why>)" when ``expr`` holds a constant without a real
    value, for the caller to finish ("..., so it has no derivative"); else None."""
    why = undefined_constant(expr, Simplifier() if simplifier is None else simplifier)
    return None if why is None else f"{to_text(expr, 60)} has no value anywhere ({why})"


def _outside_domain(node: Call, simplifier: Simplifier) -> str | None:
    if node.name in _DOMAINS:
        bounds = _bounds(node.argument, simplifier)
        outside, needs = _DOMAINS[node.name]
        if bounds is not None and outside(bounds):
            return f"{_short(node)} is undefined: {node.name} {needs}"
    if at_pole(node) or (size_as_written(node.argument, _SPECIAL_ARGUMENT) <= _SPECIAL_ARGUMENT  # tan(acos(0))
                         and at_pole(Call(node.name, exact_special_values(node.argument)))) or _pole_in_digits(node):
        return f"{_short(node)} is at a pole of {node.name}"
    return None


def _pole_in_digits(node: Call) -> bool:
    """Whether a function with poles is at one by its argument's value to 60 digits, where no
    special angle is written: cot(relu(pi)), tan(sqrt(pi^2)/2) (floats give them 1e16s)."""
    probe = _POLE_PROBES.get(node.name)
    if probe is None or not _short_enough(node.argument):
        return False
    exact = _exactly(node.argument)
    if exact is not None:  # a rational argument decides it: sin(r) and r are 0 only at 0, cos(r) never
        return exact == 0 and probe != "cos"
    approximate = _approximately(node.argument)
    if probe != "cos" and approximate is not None and 0 < abs(approximate[0]) < _TINY:
        return False  # cot(exp(-200)): a tiny argument is its own size, not a rounded 0 (at 0 it is 0.0)
    distance = precise_value(Call(probe, node.argument) if probe else node.argument)
    return distance is not None and distance.copy_abs() <= _AT_POLE  # abs() overflows past 10^999999


# What is 0 at each function's poles: cos of its argument, sin of it, or the argument itself.
_POLE_PROBES = {"tan": "cos", "sec": "cos", "cot": "sin", "csc": "sin", "coth": "", "csch": ""}
_AT_POLE = Decimal(10) ** -(DIGITS - 10)
_TINY = 1e-10  # a true 0 at 60 digits is left within their rounding


def _short_enough(expr: Expr) -> bool:
    """Whether ``expr`` is short enough to test: each test of a constant walks it, and a chain
    sin(sin(...sin(1))) 1,000 deep would be walked at each of its levels."""
    return size_as_written(expr, _LONGEST_TESTED) <= _LONGEST_TESTED


def _is_zero(expr: Expr, simplifier: Simplifier) -> bool:
    if type(expr) is Number:  # the most common denominator: no simplification needed
        return expr.value == 0  # type: ignore[attr-defined]
    return _normal(expr, simplifier) == {}


def _power_undefined(node: Expr, simplifier: Simplifier) -> str | None:
    base_node = node.children[0]
    if type(base_node) is Constant or (type(base_node) is Number and base_node.value):  # type: ignore[attr-defined]
        return None  # a positive base (e, pi, 2): every power of it has a value
    base = _bounds(base_node, simplifier)
    if base is None or base[1] > 0:
        return None
    exponent = _bounds(node.children[1], simplifier)
    if exponent is None:
        return None
    if base[0] == base[1] == 0:
        if exponent[1] < 0:
            return f"{_short(node)} divides by zero: 0 to a negative power"
        return None
    if base[1] < 0 and math.floor(exponent[0]) == math.floor(exponent[1]) != exponent[0]:  # no whole number
        return f"{_short(node)} is undefined: a negative number to a fractional power has no real value"
    return None


def _log_outside_domain(node: Log, constant: Sequence[bool], simplifier: Simplifier) -> str | None:
    base = _bounds(node.base, simplifier) if constant[1] else None
    if base is not None and (base[1] <= 0 or base[0] == base[1] == 1):
        return f"{_short(node)} is undefined: a logarithm's base is positive and not 1"
    argument = _bounds(node.argument, simplifier) if constant[0] else None
    if argument is not None and argument[1] <= 0:
        return f"{_short(node)} is undefined: a logarithm needs a positive argument"
    return None


def _bounds(expr: Expr, simplifier: Simplifier) -> Bounds | None:
    """An interval surely holding the value of a constant: the value itself when it is rational,
    else its float widened far past the rounding (1e-8 of the largest number met on the way:
    sin(10^20*pi) has no sign that floats can tell); None when there is no float either."""
    exact = _rational(expr, simplifier)
    if exact is not None:
        return exact, exact
    approximate = _approximately(expr)
    if approximate is None:
        return None
    value, largest = approximate
    margin = _ROUNDING_MARGIN * max(1.0, largest)
    if abs(value) > margin:
        return value - margin, value + margin
    # Near 0 floats cannot tell its sign: at 60 digits, sqrt(2) - 1.4142135623730951 is -9.7e-17.
    precise = precise_value(expr)
    if precise is None:
        return value - margin, value + margin
    precise_margin = _PRECISE_MARGIN * Decimal(max(1.0, largest))
    return float(precise - precise_margin), float(precise + precise_margin)


_ROUNDING_MARGIN = 1e-8
_PRECISE_MARGIN = Decimal(10) ** -(DIGITS - 25)  # 60 digits kept; sizes up to 10^25 may cancel


def _approximately(expr: Expr) -> tuple[float, float] | None:
    """The float value of a short constant and the largest magnitude met computing it, or None."""
    if not _short_enough(expr):
        return None

    def combine(node: Expr, parts: list[tuple[float, float] | None]) -> tuple[float, float] | None:
        if None in parts:
            return None
        values = [part[0] for part in parts]  # type: ignore[index]
        try:
            value = node_value(node, values)
        except (ArithmeticError, ValueError, SymdiffError):
            return None  # a variable, an undefined function, a value with no float
        if type(value) is not float or not math.isfinite(value):
            return None  # complex: (-2)^pi; infinite: 10^400
        largest = max([abs(value), *(part[1] for part in parts)])  # type: ignore[index]
        return value, largest

    return fold(expr, combine)


def _normal(expr: Expr, simplifier: Simplifier) -> Normal | None:
    """The normal form of a constant, or None when it is too long to test or cannot be found."""
    if not _short_enough(expr):
        return None
    try:  # sin(pi) is 0 only once the special angle is read: the normal form keeps it
        return _by_identities(simplifier.normal_form(exact_special_values(expr)), simplifier)
    except SymdiffError:
        return None  # a constant the simplifier declines (too large): left to the caller


def _rational(expr: Expr, simplifier: Simplifier) -> Fraction | None:
    """The exact value of a constant that simplifies to a rational number, else None."""
    if type(expr) is Number:
        return Fraction(expr.value)  # type: ignore[attr-defined]
    normal = _normal(expr, simplifier)
    if normal is None or UNDEFINED_MONOMIAL in normal or any(monomial != CONSTANT for monomial in normal):
        return _exactly(expr)  # 1 + 10^(-1000): the simplifier keeps powers too long to fold
    return Fraction(normal.get(CONSTANT, 0))


# Whole powers worked out exactly: at most this many bits in the result (10^(-1000) has 3,322).
_MOST_BITS = 100_000


def _exactly(expr: Expr) -> Fraction | None:
    """The exact value of numbers combined by +, -, *, / and whole powers, else None."""
    if not _short_enough(expr):
        return None

    def combine(node: Expr, values: list[Fraction | None]) -> Fraction | None:
        kind = type(node)
        if kind is Number:
            return Fraction(node.value)  # type: ignore[attr-defined]
        if None in values or kind not in _EXACT_OPERATIONS:
            return None
        if kind is Pow:
            base, exponent = values
            if exponent.denominator != 1 or (base == 0 and exponent < 0):  # type: ignore[union-attr]
                return None
            bits = max(base.numerator.bit_length(), base.denominator.bit_length())  # type: ignore[union-attr]
            if bits * abs(exponent.numerator) > _MOST_BITS:  # type: ignore[union-attr]
                return None
            return base ** exponent.numerator  # type: ignore[operator,union-attr]
        if kind is Div and values[1] == 0:
            return None
        return _EXACT_OPERATIONS[kind](values)  # type: ignore[arg-type]

    return fold(expr, combine)


_EXACT_OPERATIONS: dict[type[Expr], Callable[[list[Fraction]], Fraction]] = {
    Add: sum,  # type: ignore[dict-item]
    Sub: lambda values: values[0] - values[1],
    Mul: lambda values: math.prod(values, start=Fraction(1)),
    Div: lambda values: values[0] / values[1],
    Neg: lambda values: -values[0],
    Pow: lambda values: values[0],  # worked out in combine
}


def _short(node: Expr) -> str:
    return to_text(node, 40)
