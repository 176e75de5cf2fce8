"""SymPy as an independent oracle: symdiff trees converted node by node (never via strings)."""

from __future__ import annotations

import sympy

from symdiff import (
    Add,
    Call,
    Constant,
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
    UndefinedCall,
)
from symdiff.core.traversal import fold

_FUNCTIONS = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "sec": sympy.sec, "csc": sympy.csc, "cot": sympy.cot,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "asec": sympy.asec, "acsc": sympy.acsc,
    # symdiff's acot has the range (0, pi), as calculus books take it; SymPy's acot(a) is atan(1/a).
    "acot": lambda a: sympy.pi / 2 - sympy.atan(a),
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "sech": sympy.sech, "csch": sympy.csch, "coth": sympy.coth,
    "asinh": sympy.asinh, "acosh": sympy.acosh, "atanh": sympy.atanh,
    "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "sqrt": sympy.sqrt, "abs": sympy.Abs,
    "cbrt": lambda a: sympy.real_root(a, 3), "sign": sympy.sign,
    "sigmoid": lambda a: 1 / (1 + sympy.exp(-a)),
    "softplus": lambda a: sympy.log(1 + sympy.exp(a)),
    # Max refuses an argument it cannot compare (nan from 0/0): that relu is undefined too.
    "relu": lambda a: sympy.nan if a.is_number and not a.is_comparable else sympy.Max(0, a),
    "heaviside": lambda a: sympy.Heaviside(a, 0),
}
_T = sympy.Dummy("t")


def _undefined(node: UndefinedCall, argument: sympy.Expr) -> sympy.Expr:
    function = sympy.Function(node.name)
    if node.order == 0:
        return function(argument)
    return sympy.Subs(sympy.Derivative(function(_T), (_T, node.order)), _T, argument)


_CONVERT = {
    Number: lambda node, args: sympy.Rational(node.value.numerator, node.value.denominator)
    if not isinstance(node.value, int) else sympy.Integer(node.value),
    Symbol: lambda node, args: sympy.Symbol(node.name, real=True),
    Constant: lambda node, args: sympy.pi if node.name == "pi" else sympy.E,
    Infinity: lambda node, args: sympy.oo,
    Add: lambda node, args: sympy.Add(*args),
    Sub: lambda node, args: args[0] - args[1],
    Mul: lambda node, args: sympy.Mul(*args),
    Div: lambda node, args: args[0] / args[1],
    Neg: lambda node, args: -args[0],
    Pow: lambda node, args: sympy.Pow(args[0], args[1]),
    Call: lambda node, args: _FUNCTIONS[node.name](args[0]),
    UndefinedCall: lambda node, args: _undefined(node, args[0]),
    Log: lambda node, args: sympy.log(args[0], args[1]),
    Root: lambda node, args: sympy.real_root(args[0], node.index),
}


def to_sympy(expr: Expr) -> sympy.Expr:
    return fold(expr, lambda node, args: _CONVERT[type(node)](node, args))
