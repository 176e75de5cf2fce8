"""symdiff: a symbolic differentiator that shows every step.

``import symdiff`` is light: the expression tree is plain Python, the parser (lark) is loaded
on the first call to ``parse``, NumPy on the first numeric call, matplotlib on the first plot.
"""

from __future__ import annotations

from .algebra.expansion import expand
from .algebra.factoring import apart, factor
from .algebra.fraction_forms import cancel, together
from .algebra.polynomial import AlgebraError
from .algebra.textbook import simplify
from .calculus.antiderivative import Antiderivation, antiderivative
from .calculus.chain_rule import ChainRuleError, chain
from .calculus.differentiate import DifferentiationError, derive, diff, gradient, hessian
from .calculus.first_principles import difference_quotients, first_principles
from .calculus.limits import Limit, LimitError, limit, limit_table
from .calculus.trace import Derivation, Step
from .core.errors import EvaluationError, ExpressionError, ParseError, SymdiffError
from .core.expr import (
    Add,
    Call,
    Constant,
    Derivative,
    Div,
    E,
    Expr,
    Function,
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
    number,
    oo,
    pi,
    symbols,
)
from .core.version import __version__
from .numeric.area import Integral, IntegrationError, integrate, integrate_samples
from .numeric.backprop import BackpropResult, backprop
from .numeric.compiled import CompiledFunction, lambdify
from .numeric.costs import DescentError, cross_entropy, mse
from .numeric.dag import AutodiffError
from .numeric.descent import gradient_descent
from .numeric.exact_integral import ExactIntegral
from .numeric.forward_mode import ForwardResult, forward_mode
from .numeric.roc import Confusion, RocCurve, RocError, confusion_matrix, roc_area, roc_auc, roc_curve
from .syntax.parser import parse
from .ui import plot_descent as _plot_descent  # noqa: F401 - draws Descent.plot() and .plot_path()
from .ui.plot import PlotError, plot_function, plot_riemann, plot_roc
from .ui.plot_limits import plot_limit, plot_secants

# The functions as callables: symdiff.sin(x), symdiff.exp(2*x), ...
sin = Function("sin")
cos = Function("cos")
tan = Function("tan")
sec = Function("sec")
csc = Function("csc")
cot = Function("cot")
asin = Function("asin")
acos = Function("acos")
atan = Function("atan")
asec = Function("asec")
acsc = Function("acsc")
acot = Function("acot")
sinh = Function("sinh")
cosh = Function("cosh")
tanh = Function("tanh")
sech = Function("sech")
csch = Function("csch")
coth = Function("coth")
asinh = Function("asinh")
acosh = Function("acosh")
atanh = Function("atanh")
exp = Function("exp")
log = Function("log")  # log(x) is ln(x); log(x, b) is the logarithm to the base b
log2 = Function("log2")
log10 = Function("log10")
ln = Function("ln")
sqrt = Function("sqrt")
cbrt = Function("cbrt")
root = Function("root")  # root(x, n), the real n-th root
abs = Function("abs")  # noqa: A001 - mirrors the grammar; not in __all__, so `import *` keeps the builtin
sign = Function("sign")
sigmoid = Function("sigmoid")
softplus = Function("softplus")
relu = Function("relu")
heaviside = Function("heaviside")

__all__ = [
    "Add",
    "AlgebraError",
    "Antiderivation",
    "AutodiffError",
    "BackpropResult",
    "Call",
    "ChainRuleError",
    "CompiledFunction",
    "Confusion",
    "Constant",
    "Derivation",
    "Derivative",
    "DescentError",
    "DifferentiationError",
    "Div",
    "E",
    "EvaluationError",
    "ExactIntegral",
    "Expr",
    "ExpressionError",
    "ForwardResult",
    "Function",
    "Infinity",
    "Integral",
    "IntegrationError",
    "Limit",
    "LimitError",
    "Log",
    "Mul",
    "Neg",
    "Number",
    "ParseError",
    "PlotError",
    "Pow",
    "RocCurve",
    "RocError",
    "Root",
    "Step",
    "Sub",
    "Symbol",
    "SymdiffError",
    "UndefinedCall",
    "__version__",
    "acos",
    "acosh",
    "acot",
    "acsc",
    "antiderivative",
    "apart",
    "asec",
    "asin",
    "asinh",
    "atan",
    "atanh",
    "backprop",
    "cancel",
    "cbrt",
    "chain",
    "confusion_matrix",
    "cos",
    "cosh",
    "cot",
    "coth",
    "cross_entropy",
    "csc",
    "csch",
    "derive",
    "diff",
    "difference_quotients",
    "exp",
    "expand",
    "factor",
    "first_principles",
    "forward_mode",
    "gradient",
    "gradient_descent",
    "heaviside",
    "hessian",
    "integrate",
    "integrate_samples",
    "lambdify",
    "limit",
    "limit_table",
    "ln",
    "log",
    "log2",
    "log10",
    "mse",
    "number",
    "oo",
    "parse",
    "pi",
    "plot_function",
    "plot_limit",
    "plot_riemann",
    "plot_roc",
    "plot_secants",
    "relu",
    "roc_area",
    "roc_auc",
    "roc_curve",
    "root",
    "sec",
    "sech",
    "sigmoid",
    "sign",
    "simplify",
    "sin",
    "sinh",
    "softplus",
    "sqrt",
    "symbols",
    "tan",
    "tanh",
    "together",
]
