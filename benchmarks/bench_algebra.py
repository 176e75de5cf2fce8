"""Polynomial algebra speed, symdiff against SymPy on the same inputs in one process.

    python benchmarks/bench_algebra.py

Each input is parsed once by symdiff and converted node by node to SymPy (tests/sympy_oracle),
so both start from the same tree. Each timing is the best of several runs; SymPy's cache is
cleared before each of its runs (a warm repeat is answered from memory and means nothing).
The ratio is SymPy's time over ours: above 1, symdiff is faster.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import sympy
from sympy.core.cache import clear_cache
from sympy_oracle import to_sympy
from timing import best_of

import symdiff

X = sympy.Symbol("x", real=True)

# (operation, input): textbook-sized inputs, and a few larger ones
CASES = [
    ("expand", "(x + 1)^2 - x^2"),
    ("expand", "(x + y)^6"),
    ("expand", "(x + y + z + 1)^8"),
    ("expand", "(sin(x) + e^x + 1)^5"),
    ("expand", "(x + 1)^200"),
    ("cancel", "(x^2 - 1)/(x - 1)"),
    ("cancel", "(2*x*(x^2 - 1) - (x^2 + 1)*2*x)/(x^2 - 1)^2"),
    ("cancel", "(x^2*y - y)/(x*y + y)"),
    ("cancel", "(x^3 - y^3)/(x^2 - y^2)"),
    ("cancel", "((x + 1)^5*(x - 2)^3*(x^2 + 1))/((x + 1)^3*(x - 2)*(x^3 + 3))"),
    ("cancel", "((x + y + 1)^4*(x - y)^2)/((x + y + 1)^2*(x*y - 1)^3)"),
    ("together", "1/(x + 1) + 1/(x - 1) + 1/(x^2 - 1)"),
    ("factor", "x^3 - x"),
    ("factor", "2*x^2 + 4*x + 2"),
    ("factor", "x^2*y - y"),
    ("factor", "x^5 - x^4 - 2*x^3 + 2*x^2 + x - 1"),
    ("factor", "6*x^4 - 5*x^3 - 13*x^2 + 5*x + 6"),
    ("apart", "1/(x^2 - 1)"),
    ("apart", "(3*x + 5)/((x - 1)^2*(x + 2))"),
    ("apart", "1/(x*(x^2 + 1))"),
]

OURS = {
    "expand": symdiff.expand, "cancel": symdiff.cancel, "together": symdiff.together, "factor": symdiff.factor,
    "apart": lambda e: symdiff.apart(e, "x"),
}
THEIRS = {
    "expand": sympy.expand, "cancel": sympy.cancel, "together": sympy.together, "factor": sympy.factor,
    "apart": lambda e: sympy.apart(e, X),
}


def main() -> None:
    print(f"{'operation':<9} {'input':<62} {'symdiff ms':>10} {'SymPy ms':>10} {'ratio':>7}")
    ratios = []
    for operation, text in CASES:
        tree = symdiff.parse(text)
        theirs_input = to_sympy(tree)
        ours = best_of(lambda op=operation, tree=tree: OURS[op](tree), 5)

        def run_theirs(op: str = operation, given: sympy.Expr = theirs_input) -> None:
            clear_cache()
            THEIRS[op](given)

        theirs = best_of(run_theirs, 5)
        ratios.append(theirs / ours)
        shown = text if len(text) <= 60 else text[:57] + "..."
        print(f"{operation:<9} {shown:<62} {ours * 1e3:>10.3f} {theirs * 1e3:>10.3f} {theirs / ours:>7.1f}")
    ratios.sort()
    middle, low, high = ratios[len(ratios) // 2], ratios[0], ratios[-1]
    print(f"\nratio SymPy/symdiff: median {middle:.1f}, lowest {low:.1f}, highest {high:.1f}")


if __name__ == "__main__":
    main()
