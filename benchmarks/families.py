"""The benchmark families, built with symdiff's Python constructors (shared subtrees stay shared),
and converters that build the same expressions in SymPy and SymEngine node by node."""

from __future__ import annotations

import random
from collections.abc import Callable

from symdiff import Add, Call, Div, E, Expr, Mul, Neg, Number, Pow, Sub, Symbol, sin, tanh
from symdiff.core.traversal import fold

x, y, z = Symbol("x"), Symbol("y"), Symbol("z")


def random_expression(rng: random.Random, leaves: int, safe_denominators: bool = True) -> Expr:
    """A random rational/trigonometric tree over x, y, z with about ``leaves`` leaves.

    With ``safe_denominators`` every denominator gets + x^2 + 1, so that no subexpression is a
    division by a constant 0 (SymPy and SymEngine would turn the whole tree into zoo)."""
    if leaves <= 1:
        return rng.choice([x, y, z, Number(rng.randint(1, 9))])
    kind = rng.random()
    if kind < 0.1:
        argument = random_expression(rng, leaves - 1, safe_denominators)
        if safe_denominators:
            argument = argument + x**2 + 1  # no log(0) of a constant subexpression either
        return Call(rng.choice(["sin", "cos", "exp", "log", "sqrt"]), argument)
    if kind < 0.15:
        return Neg(random_expression(rng, leaves - 1, safe_denominators))
    if kind < 0.2:
        return Pow(random_expression(rng, leaves - 1, safe_denominators), Number(rng.randint(2, 5)))
    split = rng.randint(1, leaves - 1)
    node = rng.choice([Add, Sub, Mul, Div])
    left = random_expression(rng, split, safe_denominators)
    right = random_expression(rng, leaves - split, safe_denominators)
    if node is Div and safe_denominators:
        right = right + x**2 + 1  # no denominator that is 0 for every x (peers would give zoo)
    return node(left, right)


def b1_product_of_sines() -> Expr:
    return Mul(*[sin(x + k) for k in range(1, 161)])


def b2_nested_sine(depth: int) -> Expr:
    e: Expr = x
    for _ in range(depth):
        e = sin(e)
    return e


def b3_logistic_map(steps: int = 14) -> Expr:
    e: Expr = x
    for _ in range(steps - 1):
        e = 4 * e * (1 - e)
    return e


def b4_x_to_the_x() -> Expr:
    return Pow(x, x)


def b4_sin_times_exp() -> Expr:
    return sin(x) * E**x


def b6_least_squares(points: int = 1000) -> tuple[Expr, list[Symbol]]:
    rng = random.Random(6)
    m, b = Symbol("m"), Symbol("b")
    terms = []
    for _ in range(points):
        xi = Number(rng.randint(0, 1000)) / 100
        yi = Number(rng.randint(0, 1000)) / 100
        terms.append((yi - (m * xi + b)) ** 2)
    return Add(*terms), [m, b]


def b6_tanh_network(samples: int = 4, hidden: int = 16, inputs: int = 4) -> tuple[Expr, list[Symbol]]:
    """Squared loss of a 4-16-1 tanh network over 4 samples; 97 weights."""
    rng = random.Random(7)
    w1 = [[Symbol(f"w_{i}_{j}") for j in range(inputs)] for i in range(hidden)]
    b1 = [Symbol(f"b_{i}") for i in range(hidden)]
    w2 = [Symbol(f"v_{i}") for i in range(hidden)]
    b2 = Symbol("c")
    losses = []
    for _ in range(samples):
        features = [Number(rng.randint(-9, 9) % 10) / 10 for _ in range(inputs)]
        target = Number(rng.randint(0, 9)) / 10
        hidden_out = [tanh(Add(*(w * f for w, f in zip(w1[i], features, strict=True)), b1[i])) for i in range(hidden)]
        output = Add(*(v * h for v, h in zip(w2, hidden_out, strict=True)), b2)
        losses.append((output - target) ** 2)
    weights = [w for row in w1 for w in row] + b1 + w2 + [b2]
    return Add(*losses), weights


def converter(module: object) -> Callable[[Expr], object]:
    """Builds the same tree in SymPy or SymEngine node by node (a DAG stays a DAG)."""
    functions = {"sin": module.sin, "cos": module.cos, "exp": module.exp, "log": module.log,
                 "ln": module.log, "sqrt": module.sqrt, "tanh": module.tanh}
    symbols: dict[str, object] = {}

    def build(node: Expr, args: list[object]) -> object:
        kind = type(node).__name__
        if kind == "Number":
            value = node.value
            if isinstance(value, int):
                return module.Integer(value)
            return module.Rational(value.numerator, value.denominator)
        if kind == "Symbol":
            return symbols.setdefault(node.name, module.Symbol(node.name))
        if kind == "Constant":
            return module.pi if node.name == "pi" else module.E
        if kind == "Add":
            return module.Add(*args)
        if kind == "Mul":
            return module.Mul(*args)
        if kind == "Sub":
            return args[0] - args[1]
        if kind == "Div":
            return args[0] / args[1]
        if kind == "Neg":
            return -args[0]
        if kind == "Pow":
            return args[0] ** args[1]
        if kind == "Call":
            return functions[node.name](args[0])
        raise TypeError(kind)

    return lambda expr: fold(expr, build)
