"""Parsing speed and import time, against peers measured in the same process.

    python benchmarks/bench_parse.py

Prints, per case, the best of several runs for symdiff.parse, for a bare Lark LALR parse of
the same grammar that builds lark's own parse tree (the floor a transformer-less parser pays),
and for SymPy's parse_expr (the usual way to read text into a CAS, run in a child process with a
4 GB memory cap), with the ratios. Then the
cold `import symdiff` time against a cold `import sympy`, each in a fresh interpreter.
The machines are noisy: read the ratios, not the absolute times.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys

from families import random_expression
from timing import best_of

import symdiff

# SymPy's parser runs in a child process with a memory cap: on the 73 kB random expression it
# asks for more memory than the machine has, and the kernel would kill this whole benchmark.
_SYMPY_CHILD = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from sympy.core.cache import clear_cache
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations
transformations = (*standard_transformations, convert_xor)
text, repeats = sys.stdin.read(), int(sys.argv[1])
best = float("inf")
try:
    for _ in range(repeats):
        clear_cache()  # cold: SymPy's cache would otherwise answer repeats from memory
        start = time.perf_counter()
        parse_expr(text, transformations=transformations)
        best = min(best, time.perf_counter() - start)
except (RecursionError, MemoryError, SyntaxError, ValueError, TypeError) as failure:
    print(type(failure).__name__)
else:
    print(best)
"""


def sympy_parse_seconds(text: str, repeats: int) -> float | str:
    """SymPy's best parse time for ``text``, or the name of how it failed."""
    try:
        import sympy  # noqa: F401
    except ImportError:
        return "n/a"
    try:
        done = subprocess.run([sys.executable, "-c", _SYMPY_CHILD, str(repeats)], input=text, capture_output=True,
                              text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return "timeout"
    answer = done.stdout.strip().splitlines()[-1:] or ["killed"]
    try:
        return float(answer[0])
    except ValueError:
        return answer[0] if done.returncode == 0 else "MemoryError"


def cold_import_seconds(module: str, runs: int = 5) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "frozen_modules=on", "-c", code], capture_output=True, text=True)
        if out.returncode != 0:
            return float("nan")
        samples.append(float(out.stdout))
    return statistics.median(samples)


def main() -> None:
    from lark import Lark

    from symdiff.syntax.parser import grammar_text

    bare = Lark(grammar_text(), parser="lalr", lexer="basic")
    symdiff.parse("x")  # build the parser once, as any session after its first parse

    rng = random.Random(20261125)
    random_text = str(random_expression(rng, 4_000, safe_denominators=False))
    while len(random_text) < 73_000:
        random_text = f"({random_text}) + ({random_expression(rng, 500, safe_denominators=False)})"
    cases = [
        ("textbook: 3x^2 sin x", "3*x^2*sin(x)", 2000),
        (f"B7 random expression, {len(random_text):,} chars", random_text, 5),
        ("B7 10,000-term sum", " + ".join(f"x^{k}" for k in range(10_000)), 5),
    ]
    print(f"{'case':44} {'symdiff':>10} {'bare lark':>10} {'ratio':>6} {'sympy':>10} {'ratio':>7}")
    for label, text, repeats in cases:
        ours = best_of(lambda text=text: symdiff.parse(text), repeats)
        floor = best_of(lambda text=text: bare.parse(text), repeats)
        theirs = sympy_parse_seconds(text, max(1, repeats // 10))
        theirs_text, ratio_text = (theirs, "") if isinstance(theirs, str) else (
            f"{theirs * 1e3:8.2f}ms", f"{theirs / ours:6.1f}x")
        print(
            f"{label:44} {ours * 1e3:8.2f}ms {floor * 1e3:8.2f}ms {ours / floor:5.2f}x "
            f"{theirs_text:>10} {ratio_text:>7}"
        )
    print("(ratio after bare lark: symdiff / bare lark, lower is better;"
          " after sympy: sympy / symdiff, higher is better)")

    ours = cold_import_seconds("symdiff")
    theirs = cold_import_seconds("sympy")
    print(f"\nB8 cold import: symdiff {ours * 1e3:.1f} ms, sympy {theirs * 1e3:.1f} ms ({theirs / ours:.0f}x)")


if __name__ == "__main__":
    main()
