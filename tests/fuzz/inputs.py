"""The fuzz inputs: grammar-aware text, mutations of seed inputs, trees built in Python and
numeric data, all drawn from one ``random.Random`` so that a seed gives the same inputs.

A case is plain data (a dict), so it pickles to a worker and prints as a reproducer:
``{"stage": ..., "expr": ("text", str) or ("tree", program), "args": {...}, "seed": int}``.
A tree is a postfix program (``checks.build`` runs it), never nested data, so a tree of any
depth pickles without recursion.
"""

from __future__ import annotations

import random
from fractions import Fraction

FUNCS = ["sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "arcsin", "arccos", "arctan",
         "sinh", "cosh", "tanh", "exp", "log", "ln", "sqrt", "abs", "sigmoid", "softplus", "relu", "heaviside",
         "asec", "acsc", "acot", "arcsec", "arccot", "sech", "csch", "coth", "asinh", "acosh", "atanh", "arsinh",
         "arctanh", "cbrt", "sign", "log2", "log10", "log_2", "log_10", "log_b"]
# The names Call takes (log2, log_2 and log_b make a Log, not a Call; aliases are spelt differently).
CANONICAL_FUNCS = [f for f in FUNCS if not f.startswith(("ar", "log2", "log10", "log_"))]
NAMES = ["x", "x", "x", "y", "y", "z", "t", "theta", "x_1", "w2", "θ", "α", "f", "h", "ex", "e1", "pix", "sinx"]
VARIABLES = ["x", "y", "z", "t"]
# Integrands a course integrates, for the antiderivative and exact-integral stages (and their
# mutations, through the grammar's generator).
INTEGRANDS = [
    "x^2", "3x^2 - 2x + 1", "x e^x", "x^2 e^x", "x cos x", "ln x", "x ln x", "atan x", "e^x sin x", "sin(x)^2",
    "sin(x)^3", "cos(x)^4", "tan x", "sec(x)^2", "sec x tan x", "1/x", "1/(x^2 - 1)", "1/(x^2 + 4x + 8)",
    "(x + 5)/(x^2 + x - 2)", "x/(x^2 + 1)", "2x cos(x^2)", "x e^(x^2)", "1/sqrt(1 - x^2)", "1/(1 + x^2)",
    "sqrt(x)", "1/sqrt(x)", "x sqrt(x + 1)", "e^(-x)", "2^x", "sinh x", "cosh(2x)", "(x^3 + 1)/(x + 1)",
    "e^(-x^2)", "sin(x)/x", "x^x", "1/ln(x)", "1/(x - 0.3)", "abs(x)", "sign(x)", "f(x)", "1/(x^2 + 1)^2",
    "abs(2x - 1)", "(x + 1)/(x^2 + 1)^2", "1/(x^2 + 2x + 5)^3", "5^x 3^x", "(1/2)^x 3^x", "1/(2x^2 + 1)",
    "x abs(x)", "abs(x)/x", "abs(x)/x^2", "e^x 2^x", "pi^x e^x", "1/(x sqrt(x^2 - 1))", "1/(x sqrt(x^2 - 2))",
]

SEEDS = [
    "x^2 sin x", "3x^2 sin x", "e^-x²", "sigmoid(w x + b)", "1/2x", "-x^2", "2^3^2", "x^x", "sin^2 x",
    "sin² x", "cos^3(2x)", "√(x + 1)", "√x^3", "f(x)", "g(x^2)", "f'(x)", "h''(t)", "(f(x + h) - f(x))/h",
    "sin x cos x", "sin x (x + 1)", "cos 2x", "sin x y", "ln ln x", "sin -x", "x⁻¹", "3x − 1", "a·b×c÷d",
    "x**2", "2^65536", "10^100", "1e-3", "1.5E3", ".5", "2e", "2e-3", "x(x + 1)", "(x + 1)(x - 1)",
    "relu(w x + b)", "softplus(x)", "heaviside(x)", "abs(x)", "tan(3x)", "ln(x^2 + 1)", "x^2 y + y^3",
    "(y - (m x + b))^2", "sqrt(-x - 1)", "(-x - y)^(1/3)", "(-x - 1)^(3/2)", "(-2x - 2)^(-1/2)",
    "2x + 3x - x*x/x", "e^x*(x + 1) - e^x", "-(2*(1 - x)/y)", "x/0", "0^0", "0^-1", "1/(2 sqrt x)",
    "sin(x)/x", "x^(1/3)", "(-8)^(1/3)", "exp(exp(exp(x)))", "x^1000000", "x^-0.5", "ln(0)", "acos(2)",
    "tanh(x)^2 + sech", "log(x, 2)", "log_2 x", "log_b(x^2 + 1)", "log(x, x + 1)", "log_2x", "log_", "log_2",
    "root(x, 3)", "root(-8, 3)", "root(x, 1)", "root(x)", "cbrt(-8)", "cbrt x^2", "sign(0)", "abs(x^2 - 1)", "0^x",
    "0^(x^2)", "log(x, 1)", "asec(x/2)", "acot(-x)", "coth 0", "atanh(1)",
    "1e1000", "1e-1000", "θ_1 + w_1_2", "x\u00a0y", "x\ty\nz", "π x", "sinπ", "pi e",
    "d^1000000000/dx^1000000000 x^2", "D_x^99999 x", "d^101/dx^101 x", "d^100/dx^100 sin x", "d⁹⁹⁹/dx⁹⁹⁹ x",
    "d^2/(dx^1 dy^99999) x y",
]
HOSTILE = ["\\input{/etc/passwd}", "\\write18{ls}", "$", "$$", "\\", "{", "}", "%", "#", "&", "~", "^^5c",
           "\\def\\x{}", "\\catcode", "\\end{align*}", "\\immediate", "_", "\\\\", "\\(", "\\[", "\\verb|x|"]
ODD_CHARS = ["\u200b", "\u202e", "\ufeff", "\u0301", "😀", "\ud800", "\x00", "\x7f", "\u2028", "\u3000", "ｘ",
             "²", "⁻", "⁹", "√", "π", "−", "·", "⋅", "×", "÷", "∞", "′", "'", "\"", "`", "(", ")", "[", "]",
             "!", "=", "<", ">", ",", ";", "|", "@", "Ω", "ω", "ς", "ϑ", "Å", "ß", "İ", "K"]
OPERATORS = ["+", "-", "−", "*", "/", "·", "⋅", "×", "÷", "^", "**", " ", ""]
HUGE_NUMBERS = ["9" * 1000, "9" * 1001, "1e1000", "1e1001", "1e-1000", "1e-1001", "0." + "0" * 998 + "1",
                "1" + "0" * 999 + ".5", "1.5e308", "1e309", "4.9e-324", "123456789" * 50, "0" * 2000 + "1"]
# Wrappers that nest; repeated k times they reach (or pass) the parser's depth limit of 2,000.
NESTERS = [("(", ")"), ("-", ""), ("sin(", ")"), ("sin ", ""), ("√", ""), ("f(", ")"), ("-(", ")"),
           ("1/(", ")"), ("x^(", ")"), ("abs(", ")"), ("e^", ""), ("2^", ""), ("x/", ""), ("x-", ""),
           ("exp(", ")"), ("+", ""), ("ln ", "")]


def number_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return str(rng.randint(0, 12))
    if roll < 0.7:
        return f"{rng.randint(0, 99)}.{rng.randint(0, 99)}"
    if roll < 0.8:
        return f"{rng.randint(1, 9)}e{rng.choice(['', '-', '+'])}{rng.randint(0, 400)}"
    if roll < 0.9:
        return rng.choice(["0.5", ".5", "2.", "1e-3", "1E3", "0", "1", "10", "100"])
    if roll < 0.97:
        return str(rng.randint(0, 10 ** rng.randint(5, 60)))
    return rng.choice(HUGE_NUMBERS)


def atom_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return number_text(rng)
    if roll < 0.85:
        return rng.choice(NAMES)
    return rng.choice(["pi", "π", "e"])


def gen_text(rng: random.Random, depth: int = 0) -> str:
    """Text drawn from (a superset of) the grammar: every construct the README lists."""
    if depth > 6 or rng.random() < 0.25 + 0.1 * depth:
        return atom_text(rng)
    sub = lambda: gen_text(rng, depth + 1)  # noqa: E731
    pick = rng.randrange(17)
    if pick <= 2:
        return f"{sub()} {rng.choice(['+', '-', '−'])} {sub()}"
    if pick <= 4:
        return f"{sub()}{rng.choice(['*', '/', '·', '×', '÷', ' ', '', ' * ', ' / '])}{sub()}"
    if pick == 5:
        return f"{sub()}^{rng.choice(['', '-', '+'])}{sub() if rng.random() < 0.5 else number_text(rng)}"
    if pick == 6:
        return f"({sub()})"
    if pick == 7:
        return f"{rng.choice(FUNCS)}({sub()})"
    if pick == 8:
        return f"{rng.choice(FUNCS)} {atom_text(rng)}{rng.choice(['', '^2', '²', ' y'])}"
    if pick == 9:
        power = rng.choice(["^2", "^3", "²", "³", "^-1", "⁻¹"])
        return f"{rng.choice(FUNCS)}{power}{rng.choice(['(' + sub() + ')', ' x'])}"
    if pick == 10:
        return f"{rng.choice('fgh')}{chr(39) * rng.randint(0, 3)}({sub()})"
    if pick == 11:
        return f"-{sub()}"
    if pick == 12:
        return f"√{rng.choice(['(' + sub() + ')', atom_text(rng)])}"
    if pick == 13:
        return f"{sub()}{rng.choice(['²', '³', '⁻¹', '⁰', '¹²'])}"
    if pick == 14:
        return f"{sub()}**{atom_text(rng)}"
    if pick == 15:
        return f"{number_text(rng)}{rng.choice(NAMES)}"
    return f"({sub()})({sub()})"


def nested_text(rng: random.Random) -> str:
    """Deep nesting around the parser's limit of 2,000 levels."""
    opening, closing = rng.choice(NESTERS)
    k = rng.choice([rng.randint(1990, 2010), rng.randint(100, 1999), rng.randint(2000, 2100), 3000])
    core = rng.choice(["x", "1", "x + 1", "sin x", "y"])
    return opening * k + core + closing * k


def long_text(rng: random.Random) -> str:
    """Very long flat input, near the limit of 100,000 characters (for the parse stage)."""
    unit = rng.choice(["x+", "x*", "1-", "x y ", "sin x ", "(x)+", "x^2+"])
    n = rng.choice([99_990, 100_000, 100_010, rng.randint(40_000, 110_000)]) // len(unit)
    return unit * n + "x"


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        if not text:
            text = atom_text(rng)
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.randint(1, 8))
        roll = rng.randrange(8)
        if roll == 0:
            text = text[:i] + text[j:]
        elif roll == 1:
            text = text[:i] + rng.choice(ODD_CHARS) + text[i:]
        elif roll == 2:
            text = text[:i] + rng.choice(OPERATORS) + text[i:]
        elif roll == 3:
            text = text[:i] + rng.choice(HOSTILE) + text[i:]
        elif roll == 4:
            text = text[:i] + text[i:j] * rng.randint(2, 5) + text[i:]
        elif roll == 5:
            text = text[:i] + gen_text(rng, 3) + text[i:]
        elif roll == 6:
            text = text[:i] + rng.choice(HUGE_NUMBERS) + text[j:]
        else:
            text = text[:i] + rng.choice(FUNCS) + rng.choice([" ", "(", "^2 ", ""]) + text[i:]
    return text


def expr_text(rng: random.Random, stage: str) -> str:
    roll = rng.random()
    if roll < 0.45:
        return gen_text(rng)
    if roll < 0.75:
        return mutate(rng, rng.choice(SEEDS) if rng.random() < 0.5 else gen_text(rng))
    if roll < 0.85:
        return rng.choice(SEEDS)
    if roll < 0.92 and stage not in ("parse", "roundtrip"):
        return mutate(rng, gen_text(rng))
    if roll < 0.97 or stage not in ("parse", "roundtrip"):
        return nested_text(rng) if rng.random() < 0.7 else mutate(rng, nested_text(rng))
    return long_text(rng)


# --- trees built in Python: a postfix program --------------------------------------------------

ODD_NUMBERS = [Fraction(1, 3), -1, -2.5, True, "3", " 2 ", 10**400, 10**2000, float("nan"), float("inf"),
               1e308, 5e-324, -0.0, None, 1 + 2j, "x", b"1"]
ODD_NAMES = ["", " x", "1x", "x y", "e", "pi", "sin", "x-1", "\u200b", "θ_", "_x", "X" * 300, "f", 3, None]


def gen_program(rng: random.Random) -> list:
    """A postfix program that builds a tree: constructors, Python operators and shared subtrees."""
    program: list = []
    sizes: list[int] = []  # the size of each stack entry written out (shared subtrees counted again)
    steps = rng.choice([rng.randint(1, 12), rng.randint(10, 60), rng.randint(200, 3000)])
    deep = steps > 100
    for _ in range(steps):
        if len(sizes) < 2 or (rng.random() < 0.3 and not deep):
            program.append(leaf_op(rng))
            sizes.append(1)
            continue
        op = unary_op(rng) if deep and rng.random() < 0.8 else any_op(rng, len(sizes))
        if op[0] == "dup" and sizes[-1] > 2000:
            op = ("neg",)
        program.append(op)
        arity = ARITY[op[0]](op)
        size = 1 + sum(sizes[-arity:]) if arity else 1
        if op[0] == "dup":
            sizes.append(sizes[-1])
            continue
        del sizes[len(sizes) - arity:]
        sizes.append(size)
    if len(sizes) > 1:
        program.append(("add", len(sizes)))
    return program


ARITY = {
    "sym": lambda op: 0, "num": lambda op: 0, "const": lambda op: 0, "pynum": lambda op: 0,
    "add": lambda op: op[1], "mul": lambda op: op[1], "sub": lambda op: 2, "div": lambda op: 2,
    "pow": lambda op: 2, "neg": lambda op: 1, "call": lambda op: 1, "ucall": lambda op: 1,
    "op": lambda op: 2, "rop": lambda op: 1, "dup": lambda op: 0, "subs": lambda op: 1,
    "log": lambda op: 1, "root": lambda op: 1,
}


def leaf_op(rng: random.Random) -> tuple:
    roll = rng.random()
    if roll < 0.45:
        return ("sym", rng.choice(VARIABLES) if rng.random() < 0.95 else rng.choice(ODD_NAMES))
    if roll < 0.85:
        value = rng.choice([0, 1, 2, 3, 5, 10, Fraction(1, 2), Fraction(5, 2), "0.1", "2.5", 10**30, 10**999,
                            Fraction(3, 10**40), Fraction(1, 1000)])
        return ("num", value if rng.random() < 0.95 else rng.choice(ODD_NUMBERS))
    if roll < 0.95:
        return ("const", rng.choice(["pi", "e"]) if rng.random() < 0.95 else rng.choice(["tau", "E", ""]))
    return ("pynum", rng.choice([2, -3, 0.5, -0.25, Fraction(1, 3), 1e-300, 1e300, 10**400, 2**0.5]))


def unary_op(rng: random.Random) -> tuple:
    roll = rng.randrange(6)
    if roll == 0:
        return ("neg",)
    if roll == 1:
        if rng.random() < 0.1:  # a logarithm to a base, or an n-th root
            return ("log", rng.choice([2, 10, 0.5])) if rng.random() < 0.5 else ("root", rng.choice([2, 3, 4, 5]))
        return ("call", rng.choice(CANONICAL_FUNCS) if rng.random() < 0.97 else rng.choice(["arcsin", "foo", ""]))
    if roll == 2:
        return ("rop", rng.choice(["+", "-", "*", "/", "**"]), rng.choice([2, 0.5, Fraction(1, 3), -1, 3]),
                rng.random() < 0.5)
    if roll == 3:
        return ("ucall", rng.choice("fgh"), rng.choice([0, 0, 1, 2]))
    if roll == 4:
        return ("rop", "**", rng.choice([2, 3, -1, 0.5]), False)
    return ("call", rng.choice(["exp", "sin", "ln", "sqrt", "sigmoid"]))


def any_op(rng: random.Random, available: int) -> tuple:
    roll = rng.randrange(12)
    if roll == 0:
        return ("add", rng.randint(2, min(4, available)))
    if roll == 1:
        return ("mul", rng.randint(2, min(4, available)))
    if roll == 2:
        return ("sub",)
    if roll == 3:
        return ("div",)
    if roll == 4:
        return ("pow",)
    if roll == 5:
        return ("op", rng.choice(["+", "-", "*", "/", "**"]))
    if roll == 6:
        return ("dup",)
    if roll == 7:
        return ("subs", rng.choice(VARIABLES), rng.choice(["y + 1", "2", "x^2", "sin(t)", "0"]))
    return unary_op(rng)


# --- numbers and arrays -----------------------------------------------------------------------

def odd_scalar(rng: random.Random):
    return rng.choice([float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 5e-324, -0.0, 10**400,
                       -(10**400), True, False, "1", "x", None, 1 + 1j, b"2", [1, 2], Fraction(1, 3),
                       ("np", "float32", 1.5), ("np", "int64", 7), ("np", "datetime64", "2020-01-01")])


def real_list(rng: random.Random, n: int) -> list:
    scale = rng.choice([1.0, 1e-3, 1e6, 1e300, 1e-300])
    values = [rng.uniform(-1, 1) * scale if rng.random() < 0.8 else float(rng.randint(-3, 3)) for _ in range(n)]
    if rng.random() < 0.3 and values:
        values[rng.randrange(len(values))] = odd_scalar(rng)
    return values


def wrap_array(rng: random.Random, values: list):
    """The values as a list, a tuple, a NumPy array spec, a scalar, 2-D or ragged."""
    roll = rng.random()
    if roll < 0.45:
        return values
    if roll < 0.75:
        return ("np", rng.choice(["float64", "float64", "object", "float32", "int64", "bool", "complex128"]), values)
    if roll < 0.8:
        return tuple(values)
    if roll < 0.85:
        return values[0] if values else 0.0
    if roll < 0.9:
        return [values, values]
    if roll < 0.95:
        return [values, values[:1]]
    return odd_scalar(rng)


def labels(rng: random.Random, n: int) -> list:
    roll = rng.random()
    if roll < 0.6:
        out = [rng.randint(0, 1) for _ in range(n)]
    elif roll < 0.8:
        out = [rng.random() < 0.5 for _ in range(n)]
    elif roll < 0.9:
        out = [rng.choice([0, 1]) * 1.0 for _ in range(n)]
    else:
        out = [rng.choice([0, 1, 2, -1, 0.5, float("nan"), "1", None, True]) for _ in range(n)]
    return out


def bound(rng: random.Random):
    roll = rng.random()
    if roll < 0.6:
        return rng.choice([0, 1, -1, 2, 0.5, -2.5, 10, 3.0])
    if roll < 0.8:
        return rng.choice(["pi", "pi/2", "-e", "2*pi", "sqrt(2)", "ln 2", "1e3", "0"])
    return rng.choice([float("nan"), float("inf"), "inf", "-∞", 1e308, -1e308, 10**400, "x", "1/0", True, None,
                       "ln(-1)", "", 1e-320, "1e1000"])


def intervals(rng: random.Random):
    roll = rng.random()
    if roll < 0.75:
        return rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 16, 50, 51, 64])
    if roll < 0.95:
        return rng.choice([0, -1, 7, 99, 100, 1000, 10**5])
    return rng.choice([1.5, "4", True, None, 10**9, 2**70])
