"""The Lark transformer that builds expression nodes while the LALR parser runs.

Each callback is named after the grammar rule (or alias) whose node it builds. Sums and
products arrive as left-to-right chains and become n-ary ``Add``/``Mul`` nodes, with ``-`` and
``/`` making binary ``Sub``/``Div`` of everything to their left, exactly as they are read.
"""

from __future__ import annotations

import threading
from fractions import Fraction

from lark import Token, Transformer, v_args

from ..core.errors import ExpressionError, quote
from ..core.expr import (
    CONSTANT_NAMES,
    MAX_ROOT_INDEX,
    RESERVED_NAMES,
    Add,
    Call,
    Constant,
    Div,
    Expr,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    UndefinedCall,
    oo,
)
from ..core.functions import FIXED_BASE_LOGS, LOG_BASE_PREFIX, ROOT_NAME
from .bounds import MAX_DEPTH, MAX_NUMBER_DIGITS
from .derivatives import (
    _SUPERSCRIPT_DIGITS,
    PARSING,
    Rejected,
    derivative,
    derivative_of,
    refuse_second_point,
    refuse_unclear_reach,
)

__all__ = ["ExpressionBuilder", "log_base_problem"]

_DIVIDE = frozenset({"/", "÷"})
_NEGATE = frozenset({"-", "−", "–"})  # hyphen-minus, minus sign, en dash


class _Chain:
    """Operands of one precedence level read so far, left to right (consumed once by LALR)."""

    __slots__ = ("run", "token")

    def __init__(self, first: Expr) -> None:
        self.run = [first]  # operands joined by the n-ary operator since the last - or /
        self.token: Token | None = None  # the last operator token, for error positions

    def value(self, n_ary: type[Expr]) -> Expr:
        return self.run[0] if len(self.run) == 1 else n_ary(*self.run)


@v_args(inline=True)
class ExpressionBuilder(Transformer):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__()
        # The parser is shared between threads; the last leaf token is per parse.
        self._local = threading.local()

    # --- depth bound ---------------------------------------------------------------------
    def _checked(self, node: Expr, token: Token | None) -> Expr:
        if node.depth > MAX_DEPTH:
            where = token if token is not None else self._local.last_leaf
            raise Rejected(
                f"the expression nests more than {MAX_DEPTH:,} levels deep here; symdiff reads at "
                f"most {MAX_DEPTH:,} (parentheses, calls, powers, signs and chains of - or / all nest)",
                where.start_pos,
            )
        return node

    # --- sums and products ---------------------------------------------------------------
    def sum(self, first: _Chain | Expr, sign: Token | None = None, operated: Expr | None = None) -> Expr:
        if isinstance(first, Expr):
            return first  # a derivative operator and all after it
        if sign is not None:
            self.terms(first, sign, operated)  # type: ignore[arg-type]
        return self._checked(first.value(Add), first.token)

    def terms(self, left: _Chain | Expr, sign: Token | None = None, operand: Expr | None = None) -> _Chain:
        if sign is None:
            return _Chain(left)  # type: ignore[arg-type]
        chain: _Chain = left  # type: ignore[assignment]
        chain.token = sign
        if sign in _NEGATE:
            chain.run = [self._checked(Sub(chain.value(Add), operand), sign)]  # type: ignore[arg-type]
        else:
            chain.run.append(operand)  # type: ignore[arg-type]
        return chain

    def product(self, chain: _Chain) -> Expr:
        return self._checked(chain.value(Mul), chain.token)

    def prod_closed(self, left: _Chain | Expr, *rest: Token | Expr) -> _Chain:
        if not rest:
            return _Chain(left)  # type: ignore[arg-type]
        chain: _Chain = left  # type: ignore[assignment]
        if len(rest) == 1:  # juxtaposition: 2x, x(x + 1)
            chain.run.append(rest[0])  # type: ignore[arg-type]
            return chain
        operator, operand = rest
        chain.token = operator  # type: ignore[assignment]
        if operator in _DIVIDE:
            chain.run = [self._checked(Div(chain.value(Mul), operand), operator)]  # type: ignore[arg-type]
        else:
            chain.run.append(operand)  # type: ignore[arg-type]
        return chain

    prod_open = prod_closed

    # --- signs and powers ----------------------------------------------------------------
    def unary(self, sign: Token, operand: Expr) -> Expr:
        return self._checked(Neg(operand), sign) if sign in _NEGATE else operand

    def pow(self, base: Expr, caret: Token, exponent: Expr) -> Expr:
        return self._checked(Pow(base, exponent), caret)

    def superscript_pow(self, base: Expr, superscript: Token) -> Expr:
        return self._checked(Pow(base, _superscript_value(superscript)), superscript)

    def sqrt_sign(self, sign: Token, operand: Expr) -> Expr:
        return self._checked(Call("sqrt", operand), sign)

    # --- written derivatives: d/dx x^2, d/dx[x^2], ∂^2/∂x∂y f, D_x f, dy/dx ---------------------
    def derivative_open(self, operator: Token, operand: Expr) -> Expr:
        refuse_unclear_reach(operator)
        text, _ = PARSING.get()
        if text[operator.end_pos:].lstrip()[:1] == "+":  # d/dx + 1: the expression is missing, not +1
            raise Rejected(f"{operator.strip()} needs the expression to differentiate after it, as in "
                           f"{operator.strip()} x^2", operator.end_pos)
        return self._checked(derivative(operator, operand), operator)

    def derivative_closed(self, operator: Token, operand: Expr) -> Expr:
        return self._checked(derivative(operator, operand), operator)

    def derivative_signed(self, sign: Token, operator: Token, operand: Expr) -> Expr:
        derivative = self.derivative_open(operator, operand)
        return self._checked(Neg(derivative), sign) if sign in _NEGATE else derivative

    def derivative_scaled(self, factor: Expr, operator: Token, operand: Expr) -> Expr:
        return self._checked(Mul(factor, self.derivative_open(operator, operand)), operator)

    def derivative_times(self, chain: _Chain, times: Token, operator: Token, operand: Expr) -> Expr:
        derivative = self.derivative_open(operator, operand)
        if times in _DIVIDE:
            return self._checked(Div(chain.value(Mul), derivative), times)
        return self._checked(Mul(*chain.run, derivative), times)

    def derivative_of(self, token: Token) -> Expr:
        self._local.last_leaf = token
        return derivative_of(token)

    # --- leaves --------------------------------------------------------------------------
    def number(self, token: Token) -> Expr:
        self._local.last_leaf = token
        refuse_second_point(token)
        return Number(_literal_value(token))

    def symbol(self, token: Token) -> Expr:
        self._local.last_leaf = token
        try:
            return Symbol(str(token))
        except ExpressionError as refused:  # the grammar should make this unreachable
            raise Rejected(str(refused), token.start_pos) from None

    def constant(self, token: Token) -> Expr:
        self._local.last_leaf = token
        return Constant(str(token))

    def infinity(self, token: Token) -> Expr:
        self._local.last_leaf = token
        return oo

    # --- calls ---------------------------------------------------------------------------
    def call(self, name: Token, argument: Expr) -> Expr:
        return self._checked(_apply(name, argument), name)

    def call_two(self, name: Token, argument: Expr, parameter: Expr) -> Expr:
        if name == ROOT_NAME:
            return self._checked(Root(argument, _root_index(parameter, name)), name)
        if name.type == "LOG_BASE":
            raise Rejected(f"{name} already has its base: write {name}(x), or log(x, b) for another base",
                           name.start_pos)
        if name != "log":
            raise Rejected(
                f"{name} takes one argument; only log(x, b) (a base) and root(x, n) (an index) take two",
                name.start_pos,
            )
        return self._checked(Log(argument, parameter), name)

    def call_power(self, name: Token, caret: Token, power: Token, argument: Expr) -> Expr:
        if not str(power).isdigit() or int(power) == 0:
            raise Rejected(
                f"only a whole power of 1 or more can follow {name}^ (as in {name}^2 x); "
                f"for other powers write ({name} x)^{power}",
                power.start_pos,
            )
        call = self._checked(_apply(name, argument), name)
        return self._checked(Pow(call, Number(int(power))), caret)

    def call_superscript(self, name: Token, superscript: Token, argument: Expr) -> Expr:
        if superscript.startswith("⁻"):
            raise Rejected(
                f"{name}{superscript} is ambiguous: write a{name}(x) for the inverse function "
                f"or ({name} x)^-1 for the reciprocal"
                if name in ("sin", "cos", "tan")
                else f"{name}{superscript} is ambiguous: write ({name} x)^-1 for the reciprocal",
                superscript.start_pos,
            )
        call = self._checked(_apply(name, argument), name)
        return self._checked(Pow(call, _superscript_value(superscript)), superscript)

    def undefined_call(self, name: Token, argument: Expr) -> Expr:
        return self._checked(UndefinedCall(name[0], argument, len(name) - 1), name)

    def textbook_argument(self, *factors: Expr) -> Expr:
        return factors[0] if len(factors) == 1 else self._checked(Mul(*factors), None)

    def textbook_call(self, call: Expr) -> Expr:
        return call

    def textbook_closed_call(self, name: Token, argument: Expr) -> Expr:
        return self.call(name, argument)  # ln sin(x): the argument ends at its parenthesis

    def textbook_closed_call_power(self, name: Token, argument: Expr, caret: Token, power: Expr) -> Expr:
        return self._checked(Pow(self.call(name, argument), power), caret)  # ln sin(x)^2 is ln(sin(x)^2)

    def textbook_unary(self, sign: Token, argument: Expr) -> Expr:
        # "sin -x" is sin(-x); "sin + x" is far likelier a missing argument than sin(+x).
        if sign not in _NEGATE:
            raise Rejected("a function's argument cannot start with '+': write sin(x) or sin x", sign.start_pos)
        return self._checked(Neg(argument), sign)


def _apply(name: Token, argument: Expr) -> Expr:
    """A one-argument call: a function, a logarithm to a fixed base (log2, log_2), or a refusal."""
    if name.type == "LOG_BASE":
        return Log(argument, _log_base(name))
    if name in FIXED_BASE_LOGS:
        return Log(argument, Number(FIXED_BASE_LOGS[name]))
    if name == ROOT_NAME:
        raise Rejected("root takes the radicand and the index: root(x, 3); for a square root write sqrt(x)",
                       name.start_pos)
    return Call(str(name), argument)


def _log_base(token: Token) -> Expr:
    """The base written after log_: digits (log_2, log_10), e or pi, or a name (log_b, log_a1)."""
    problem = log_base_problem(str(token))
    if problem is not None:
        raise Rejected(problem, token.start_pos)
    base = token[len(LOG_BASE_PREFIX):]
    if base.isdigit():
        return Number(_literal_value(Token("NUMBER", base, start_pos=token.start_pos + len(LOG_BASE_PREFIX))))
    return Constant(base) if base in CONSTANT_NAMES else Symbol(base)


def log_base_problem(word: str) -> str | None:
    """Why ``word`` (``log_`` and what follows, one token) is not a logarithm, or None if it is.

    A base is digits or a name; anything else is refused rather than guessed at: log_2x could
    mean log_2(x) or a base 2x.
    """
    base = word[len(LOG_BASE_PREFIX):]
    if base.isdigit() and base.isascii():
        return None
    if base and base[0].isalpha() and base not in RESERVED_NAMES - CONSTANT_NAMES and LOG_BASE_PREFIX not in base:
        return None
    if not base:
        problem = "log_ needs a base right after the '_'"
    elif base[0].isdigit():
        problem = f"{quote(word)} runs digits and letters together"
    else:
        problem = f"{quote(base)} cannot be the base of log_"
    return (
        f"{problem}: write log_2 x, log_10(x), log_b x, or log(x, base) for any base, "
        "with a space or parentheses before the argument"
    )


def _root_index(parameter: Expr, name: Token) -> int:
    if type(parameter) is Number and isinstance(parameter.value, int) and 2 <= parameter.value <= MAX_ROOT_INDEX:
        return parameter.value
    raise Rejected(
        f"the index of root(x, n) must be a whole number from 2 to {MAX_ROOT_INDEX}, as in root(x, 3), "
        f"not {quote(str(parameter))}",
        name.start_pos,
    )


def _superscript_value(token: Token) -> Expr:
    digits = Number(int(token.lstrip("⁻").translate(_SUPERSCRIPT_DIGITS)))
    return Neg(digits) if token.startswith("⁻") else digits


def _literal_value(token: Token) -> int | Fraction:
    text = str(token)
    if text.isdigit() and len(text) <= MAX_NUMBER_DIGITS:
        return int(text)
    mantissa, _, exponent = text.lower().partition("e")
    if sum(ch.isdigit() for ch in mantissa) > MAX_NUMBER_DIGITS:
        raise Rejected(f"this number has more than {MAX_NUMBER_DIGITS:,} digits", token.start_pos)
    exponent_digits = exponent.lstrip("+-").lstrip("0")
    too_far = len(exponent_digits) > len(str(MAX_NUMBER_DIGITS))
    if not too_far:
        # The power of ten of the value, not of the literal: 11e1000 is 1.1e1001, which would
        # print as text that parse refuses.
        whole_part, _, fraction_part = mantissa.partition(".")
        significant = whole_part.lstrip("0")
        zeros = len(fraction_part) - len(fraction_part.lstrip("0"))
        if significant or zeros < len(fraction_part):  # not zero
            leading = len(significant) - 1 if significant else -(zeros + 1)
            too_far = abs(leading + int(exponent or 0)) > MAX_NUMBER_DIGITS
    if too_far:
        raise Rejected(
            f"this number's power of ten is beyond ±{MAX_NUMBER_DIGITS:,}; symdiff keeps numbers exact",
            token.start_pos,
        )
    return Fraction(text)
