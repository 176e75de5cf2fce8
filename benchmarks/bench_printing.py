"""Printing a deep trace against deriving it: explain, LaTeX and JSON, time and size.

    python benchmarks/bench_printing.py

Each row derives a deep input once, then prints its worked solution three ways (each the best
of a few runs in this process). Printing is bounded (symdiff.calculus.trace.SHOWN_CHARS), so it
should take about a second at most and write a few hundred kilobytes whatever the depth; the
derivation itself grows with the depth. Issue 16 measured, before the bound: explain of
x^x^...^x (1,999) 14 s and 24 MB, LaTeX of 500 nested sines 0.9 s and 2.5 MB, their JSON 114 MB.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of

import symdiff
from symdiff import Add, Call, Number, Symbol

REPEATS = 3


def _nested(make, depth: int) -> symdiff.Expr:
    expr = Symbol("x")
    for _ in range(depth):
        expr = make(expr)
    return expr


CASES = [  # (name, what derive is given)
    ("sin(...sin(x)...) 500 deep", "sin(" * 500 + "x" + ")" * 500),
    ("√√...√x 400 deep", "√" * 400 + "x"),
    ("x^x^...^x 1,000", "^".join(["x"] * 1_000)),
    ("sin built in Python 1,000", _nested(lambda e: Call("sin", e), 1_000)),
    ("(x + 1) + 1 ... 20,000 deep", _nested(lambda e: Add(e, Number(1)), 20_000)),
]

PRINTERS = {
    "explain": lambda d: d.explain(),
    "to_latex": lambda d: d.to_latex(),
    "to_json": lambda d: json.dumps(d.to_json(), ensure_ascii=False),
}


def main() -> None:
    print(f"{'input':30} {'derive s':>9} " + " ".join(f"{name + ' s':>10} {'KB':>6}" for name in PRINTERS))
    for name, source in CASES:
        start = time.perf_counter()
        derivation = symdiff.derive(source)
        derived = time.perf_counter() - start
        cells = []
        for printer in PRINTERS.values():
            seconds = best_of(lambda printer=printer, derivation=derivation: printer(derivation), REPEATS)
            cells.append(f"{seconds:10.3f} {len(printer(derivation)) / 1000:6.0f}")
        print(f"{name:30} {derived:9.2f} " + " ".join(cells), flush=True)


if __name__ == "__main__":
    main()
