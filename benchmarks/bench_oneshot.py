"""One-shot runs, process start to exit: the symdiff command against the same derivative in SymPy.

    python benchmarks/bench_oneshot.py [runs]

Each case runs the symdiff console script (with its steps, as a person would) and
``python -c "import sympy; ..."`` printing the same derivative, alternating, so that both see
the same machine load; it prints the medians and their ratio. Goal: symdiff takes at most half
of SymPy's time.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

CASES = [
    ("x^2 sin x", "x**2*sympy.sin(x)"),
    ("sigmoid(w x + b)", "1/(1 + sympy.exp(-(w*x + b)))"),
    ("x^x", "x**x"),
]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main(runs: int = 15) -> None:
    script = shutil.which("symdiff")
    ours_prefix = [script] if script else [sys.executable, "-m", "symdiff"]
    print(f"{'derivative':22} {'symdiff':>9} {'sympy':>9} {'ratio':>7}   (median of {runs} runs; goal: ratio <= 0.50)")
    for text, sympy_text in CASES:
        theirs_code = (
            "import sympy; x, w, b = sympy.symbols('x w b'); "
            f"print(sympy.diff({sympy_text}, x))"
        )
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(wall([*ours_prefix, text]))
            theirs.append(wall([sys.executable, "-c", theirs_code]))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"{text:22} {a * 1000:7.0f}ms {b * 1000:7.0f}ms {a / b:7.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
