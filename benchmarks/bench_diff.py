"""Differentiation speed and answer size, symdiff against SymPy (and SymEngine if installed).

    python benchmarks/bench_diff.py

Optional: SymEngine's column needs ``pip install symengine`` (measured with 0.15.0); it is a
benchmark peer only, not a dependency of symdiff.

Every family is built once through symdiff's constructors and converted node by node to the
peers, so shared subtrees stay shared for all of them. Each timing is the best of a few runs
in this one process, with the garbage collector on and the pass that collects what a run left
behind counted in it (``timing.timed``); SymPy's cache is cleared before every run (warm
repeats are answered from memory and mean nothing). Sizes are tree nodes of the answer as written, counted the same way
for every engine. The machines are noisy: read the ratios. A last table shows what no Python
engine can go below: touching each distinct node of the input once, and building each distinct
node of the answer, against the issue's goal for the case (a multiple of SymEngine's time).
Calls under a millisecond are timed a second way too, with the collector left to run when it
would (``timing.fastest``, as the antiderivative table is timed): the full collection before
each run that ``timed`` makes leaves the caches cold, which costs a short call as much as the
call itself (SymEngine's too).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import families
import sympy
from sympy.core.cache import clear_cache
from timing import fastest, timed

import symdiff
from symdiff.core.traversal import fold, preorder

try:
    import symengine
except ImportError:
    symengine = None

RECURSION = sys.getrecursionlimit()


def size_of_ours(answer: object) -> int:
    if isinstance(answer, tuple):
        return sum(size_of_ours(part) for part in answer)
    return sum(1 for _ in preorder(answer))  # type: ignore[arg-type]


def size_of_theirs(answer: object) -> int:
    """Tree nodes of a SymPy or SymEngine answer, with an explicit stack (their trees can be deep)."""
    stack = list(answer) if isinstance(answer, (list, tuple)) else [answer]
    count = 0
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(node.args)
    return count


def cases() -> list[tuple[str, Callable[[], object], Callable[[Callable], Callable[[], object]], int, object]]:
    """(label, our computation, peer computation given a converter, repeats, the input)."""
    x = families.x
    b1 = families.b1_product_of_sines()
    b2_100, b2_1000 = families.b2_nested_sine(100), families.b2_nested_sine(1000)
    b3 = families.b3_logistic_map()
    tower: symdiff.Expr = x  # e^e^...^x: the answer's exponent gains a term at each level (the fuzz run's hang)
    for _ in range(1000):
        tower = symdiff.Pow(symdiff.E, tower)
    xx, se = families.b4_x_to_the_x(), families.b4_sin_times_exp()
    import random

    b5 = families.random_expression(random.Random(5), 4000)
    lsq, lsq_vars = families.b6_least_squares()
    net, net_vars = families.b6_tanh_network()

    def peer_diff(expr, *count):
        def make(convert, module):
            converted, variable = convert(expr), module.Symbol("x")
            return lambda: module.diff(converted, variable, *count)
        return make

    def peer_gradient(expr, variables):
        def make(convert, module):
            e = convert(expr)
            symbols = [module.Symbol(v.name) for v in variables]
            return lambda: [module.diff(e, s) for s in symbols]
        return make

    return [
        ("B1 d/dx prod sin(x + k), k = 1..160", lambda: symdiff.diff(b1, x), peer_diff(b1), 3, b1),
        ("B2 sin nested 100 deep", lambda: symdiff.diff(b2_100, x), peer_diff(b2_100), 3, b2_100),
        ("B2 sin nested 1,000 deep", lambda: symdiff.diff(b2_1000, x), peer_diff(b2_1000), 1, b2_1000),
        ("B2 e^e^...^x, 1,000 deep", lambda: symdiff.diff(tower, x), peer_diff(tower), 1, tower),
        ("B3 logistic map d l_14/dx (DAG)", lambda: symdiff.diff(b3, x), peer_diff(b3), 3, b3),
        ("B4 12th derivative of x^x", lambda: symdiff.diff(xx, x, 12), peer_diff(xx, 12), 1, xx),
        ("B4 16th derivative of x^x", lambda: symdiff.diff(xx, x, 16), peer_diff(xx, 16), 1, xx),
        # About a millisecond: 3 runs on a shared machine rarely include an undisturbed one.
        ("B4 20th derivative of sin(x)*e^x", lambda: symdiff.diff(se, x, 20), peer_diff(se, 20), 20, se),
        ("B5 random expression, 4,000 leaves", lambda: symdiff.diff(b5, x), peer_diff(b5), 1, b5),
        ("B6 least squares, 1,000 points", lambda: symdiff.gradient(lsq, lsq_vars), peer_gradient(lsq, lsq_vars), 1,
         lsq),
        ("B6 4-16-1 tanh net, 97 weights", lambda: symdiff.gradient(net, net_vars), peer_gradient(net, net_vars), 1,
         net),
    ]


# Issue 16's goals: symdiff's time at most this multiple of SymEngine's (x^x: stay faster).
SYMENGINE_GOALS = {
    "B1 d/dx prod sin(x + k), k = 1..160": 6, "B2 sin nested 100 deep": 5, "B2 sin nested 1,000 deep": 1,
    "B3 logistic map d l_14/dx (DAG)": 5, "B4 12th derivative of x^x": 1, "B4 16th derivative of x^x": 1,
    "B5 random expression, 4,000 leaves": 30, "B6 least squares, 1,000 points": 15,
    "B6 4-16-1 tanh net, 97 weights": 3,
}
SHORT = 1e-3  # calls shorter than this are timed with ``fastest`` as well


def floor_line(label: str, expr: object, answer: object, peer_seconds: float) -> str:
    """The cost of touching every distinct node once: a bare stack walk over the input, and a
    fold that rebuilds each node of the answer."""
    def rebuild(node: symdiff.Expr, kids: list[symdiff.Expr]) -> symdiff.Expr:
        if not kids:
            return node
        copy = object.__new__(type(node))
        copy._init(tuple(kids), node._data)
        return copy

    answers = answer if isinstance(answer, tuple) else (answer,)
    distinct: dict = {}
    for root in answers:
        fold(root, lambda node, kids: None, distinct)
    gc.disable()  # as symdiff's own calls do
    try:
        walk, _ = timed(lambda: _bare_walk(expr), 5)
        build, _ = timed(lambda: _rebuild_all(answers, rebuild), 5)
    finally:
        gc.enable()
    goal = SYMENGINE_GOALS.get(label)
    target = "no SymEngine goal" if goal is None else \
        f"goal {goal}x SymEngine {goal * peer_seconds * 1e3:7.2f}ms" + \
        (": the floor is above it" if walk + build > goal * peer_seconds else "")
    line = f"{label:38} walk {walk * 1e3:6.2f}ms, build {len(distinct):6,} nodes {build * 1e3:6.2f}ms; {target}"
    keys = _chain_keys(answer) if label.startswith("B2 sin") else None
    if keys is not None and goal is not None:
        gc.disable()
        try:
            hashing, _ = timed(lambda: [hash(tuple(key)) for key in keys], 5)
        finally:
            gc.enable()
        total = walk + build + hashing
        line += (f"\n{'':38} this design's floor: each level's product hashed once as a normal-form key "
                 f"{hashing * 1e3:6.2f}ms,\n{'':38} with the walk and build {total * 1e3:6.2f}ms"
                 + ("; above the goal" if total > goal * peer_seconds else "; below the goal"))
    return line


def _chain_keys(answer: object) -> list[list[tuple[object, int]]] | None:
    """The monomials a chain of n levels keys its normal forms by: the engine keeps each level's
    derivative, the product of the first k factors, as a dictionary keyed by that product, so
    level k hashes k factors (hashing a tuple calls each node's __hash__, a Python method)."""
    if type(answer) is not symdiff.Mul:
        return None
    pairs = [(factor, 1) for factor in answer.children]
    return [pairs[:k] for k in range(1, len(pairs) + 1)]


def short_line(label: str, ours_run: Callable[[], object], make: Callable, repeats: int) -> str:
    ours = fastest(ours_run, repeats)
    line = f"{label:38} symdiff {ours * 1e3:6.3f}ms"
    theirs = fastest(make(families.converter(sympy), sympy), max(2, repeats // 4), clear_cache)
    line += f", SymPy {theirs * 1e3:7.2f}ms ({theirs / ours:5.1f}x)"
    if symengine is not None:
        peer = fastest(make(families.converter(symengine), symengine), repeats)
        line += f", SymEngine {peer * 1e3:6.3f}ms (ratio {peer / ours:4.2f}x)"
    return line


def _bare_walk(root: symdiff.Expr) -> None:
    """Each distinct node once, with a plain stack (fold's bookkeeping would be counted too)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        for child in stack.pop().children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)


def _rebuild_all(roots: tuple, rebuild: Callable) -> None:
    memo: dict = {}  # one memo: nodes the answers share are built once
    for root in roots:
        fold(root, rebuild, memo)


def peer_run(make: Callable, module: object, repeats: int, cold: bool) -> tuple[str, float | None, object]:
    try:
        run = make(families.converter(module), module)
        seconds, answer = timed(run, repeats, clear_cache if cold else (lambda: None))
        return f"{seconds * 1e3:9.1f}ms", seconds, answer
    except Exception as failure:
        return type(failure).__name__[:15], None, None


def main() -> None:
    symdiff.diff("x^2", "x")  # warm the interpreter, not the answers: nothing is cached across calls
    header = f"{'case':38} {'symdiff':>10} {'sympy':>15} {'x faster':>8} {'nodes ours/sympy':>17}"
    if symengine is not None:
        header += f" {'symengine':>10} {'ratio':>6} {'nodes':>8}"
    print(header)
    printed: list[str] = []
    floors: list[str] = []
    short: list[str] = []
    for label, ours_run, make, repeats, expr in cases():
        ours_seconds, ours_answer = timed(ours_run, repeats)
        ours_size = size_of_ours(ours_answer)
        theirs_text, theirs_seconds, theirs_answer = peer_run(make, sympy, repeats, cold=True)
        ratio = f"{theirs_seconds / ours_seconds:7.1f}x" if theirs_seconds else "    n/a"
        sizes = f"{ours_size}/{size_of_theirs(theirs_answer)}" if theirs_answer is not None else f"{ours_size}/-"
        line = f"{label:38} {ours_seconds * 1e3:8.1f}ms {theirs_text:>15} {ratio:>8} {sizes:>17}"
        if symengine is not None:
            se_text, se_seconds, se_answer = peer_run(make, symengine, repeats, cold=False)
            se_ratio = f"{se_seconds / ours_seconds:5.2f}x" if se_seconds else "   n/a"
            se_size = size_of_theirs(se_answer) if se_answer is not None else "-"
            line += f" {se_text:>10} {se_ratio:>6} {se_size!s:>8}"
        print(line, flush=True)
        if symengine is not None and se_seconds:
            floors.append(floor_line(label, expr, ours_answer, se_seconds))
        if ours_seconds < SHORT:
            short.append(short_line(label, ours_run, make, repeats))
        if label.startswith("B4") and theirs_answer is not None:
            theirs_printed = str(theirs_answer).replace("**", "^").replace("log(", "ln(").replace("exp(x)", "e^x")
            printed.append(f"{label}: symdiff {len(str(ours_answer)):,} characters, SymPy {len(theirs_printed):,}")
    print("(x faster: SymPy's time / symdiff's; symengine ratio: SymEngine's time / symdiff's;"
          " above 1 means symdiff is faster)")
    print("\nPrinted size of the B4 answers, SymPy's with ^ and ln as symdiff writes them (tree nodes differ by"
          " representation: SymPy stores a/x^2 as one product a*x^-2, symdiff as a quotient):")
    for line in printed:
        print(f"  {line}")
    if short:
        print("\nCalls under a millisecond, with the collector left to run when it would (timing.fastest), every"
              " engine alike:")
        for line in short:
            print(f"  {line}")
    if floors:
        print("\nWhat pure Python cannot go below (best of 5): one bare walk over the input's distinct nodes, and"
              " building the\nanswer's distinct nodes (what any Python engine must produce), against the issue's"
              " goal for the case:")
        for line in floors:
            print(f"  {line}")
    printed_size_comparison()
    print("\nB7 (parsing) and B8 (import time): python benchmarks/bench_parse.py")


TEXTBOOK = [
    "x^2 sin x", "3x^4 - 2x^3 + x - 7", "sqrt(x^2 + 1)", "e^(-x^2/2)", "ln(x^2 + 1)", "sin(x)/x",
    "(x + 1)/(x - 1)", "x^x", "tan(3x)", "atan(x^2)", "x e^x", "sin(x) cos(x)", "1/(1 + e^(-x))",
    "sigmoid(w x + b)", "tanh(w x + b)^2", "(y - (m x + b))^2", "softplus(x)", "ln(1 + e^x)",
    "x^3 ln x", "cos(x)^3",
]


def printed_size_comparison() -> None:
    """The issue's goal: our printed derivative is no longer than SymPy's, character for character
    (SymPy's ** counted as ^, its sigmoid written out as 1/(1 + exp(-u)))."""
    print(f"\n{'printed d/dx':24} {'symdiff':>8} {'sympy':>6}")
    longer = 0
    for text in TEXTBOOK:
        ours = str(symdiff.diff(text, "x"))
        expr = symdiff.parse(text)
        theirs_expr = sympy.diff(_to_sympy(expr), sympy.Symbol("x", real=True))  # the oracle's x
        theirs = str(theirs_expr).replace("**", "^").replace("log(", "ln(")
        longer += len(ours) > len(theirs)
        print(f"{text:24} {len(ours):8} {len(theirs):6}   {ours}")
    print(f"symdiff's answer is longer in {longer} of {len(TEXTBOOK)} cases")


def _to_sympy(expr: symdiff.Expr) -> object:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from sympy_oracle import to_sympy

    return to_sympy(expr)


if __name__ == "__main__":
    main()
