"""Does symdiff print derivatives in textbook form? Its answers against the book's and SymPy's.

    python benchmarks/bench_textbook.py            # a measure: exits 0 whatever it finds
    python benchmarks/bench_textbook.py --check    # exits 1 if a row is wrong or over 1.15x the book

For every row of benchmarks/textbook_table.py that symdiff can read: symdiff's diff (derive's
result must be the same tree), its value against SymPy's derivative at random real points, and
its SIZE against the book's answer. Size is the node count of the printed expression: the text is
parsed back with symdiff.parse and the tree's nodes counted with symdiff's traversal, the book's
answer likewise. A row is OK when it is value-correct and ours / book <= 1.15.

Then SymPy on the same rows and on 200 seeded random expressions (benchmarks/families.py): the
size of SymPy's diff and of the shortest of simplify, factor and cancel of it, each printed by
SymPy's str printer, turned into symdiff's syntax (** is ^, E is e, Abs is abs, Heaviside is
heaviside, Max(0, u) is relu(u), and exp(u) is e^u on a row written with e^) and counted the
same way. Each SymPy call gets 0.4 s of CPU time (simplify can run for minutes on a random
tree); one that runs out is left out and counted. The random trees run in worker processes while
the table is measured: about 35 s of CPU time in all, shared out over the processes.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the tests' SymPy oracle

import families
import sympy
import textbook_table
from sympy.printing.str import StrPrinter
from sympy_oracle import to_sympy

import symdiff
from symdiff.core.functions import FUNCTION_WORDS
from symdiff.core.traversal import preorder

LIMIT = 1.15  # the issue's bound on ours / book
SYMPY_GOAL = 1.25  # the issue's bound on the 90th percentile of ours / shortest SymPy
SYMPY_SECONDS = 0.4
RANDOM_COUNT = 200
RANDOM_SEED = 11
WORKERS = max(2, min(8, (os.cpu_count() or 2) - 1))  # processes for the random trees
SHOWN = 40  # characters of an answer shown in a table cell


class Measured(NamedTuple):
    label: str
    book: str | None  # None for a random expression
    ours: str
    correct: bool
    book_nodes: int | None
    ours_nodes: int | None
    sympy_diff: int | None  # None: SymPy ran out of time, or printed something symdiff cannot read
    sympy_best: int | None
    sympy_best_by: str
    late: int  # SymPy calls that ran out of time


class Late(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Late


def within(seconds: float, run: Callable[[], object]) -> object:
    """``run()``, or Late if it takes more than ``seconds`` of this process's CPU time.

    CPU time (SIGPROF), not wall time, so that the workers running beside the table do not make
    SymPy run out of time; signals reach the main thread only, which is where this runs."""
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def nodes(text: str) -> int | None:
    """Tree nodes of ``text`` as symdiff reads it; None if it cannot."""
    try:
        return sum(1 for _ in preorder(symdiff.parse(text)))
    except symdiff.SymdiffError:
        return None


class Unreadable(Exception):
    pass


class SymdiffSyntax(StrPrinter):
    """SymPy's str printer, with the few names that differ from symdiff's changed.

    SymPy has one exponential, exp(u); symdiff keeps the notation it was given, e^u or exp(u).
    With ``e_power`` SymPy's exp(u) is printed e^u, so that on a row written with e^ the count
    compares forms, not spellings (e^u is a node longer than exp(u))."""

    def __init__(self, e_power: bool = False) -> None:
        super().__init__()
        self.e_power = e_power

    def _print_exp(self, expr: sympy.Expr) -> str:
        argument = self._print(expr.args[0])
        return f"(e^({argument}))" if self.e_power else f"exp({argument})"

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_Abs(self, expr: sympy.Expr) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr: sympy.Expr) -> str:
        return f"heaviside({self._print(expr.args[0])})"

    def _print_Max(self, expr: sympy.Expr) -> str:
        others = [a for a in expr.args if a != 0]
        if len(expr.args) != 2 or len(others) != 1:
            raise Unreadable(str(expr))
        return f"relu({self._print(others[0])})"

    def _print_sign(self, expr: sympy.Expr) -> str:
        return f"sign({self._print(expr.args[0])})"


# SymPy's names of functions symdiff knows under another name (Max(0, u) is checked when printed).
_RENAMED = {"Abs": "abs", "Heaviside": "heaviside", "Max": "relu"}


def readable(expr: sympy.Expr) -> bool:
    """Whether every node of ``expr`` has a symdiff spelling. symdiff would read the printed zoo,
    I, nan or oo as a symbol and Piecewise(...) as a product, and count them wrongly."""
    known = set(FUNCTION_WORDS)
    for node in sympy.preorder_traversal(expr):
        if node.is_Atom:
            if not (node.is_Symbol or node.is_Rational or node in (sympy.E, sympy.pi)):
                return False
        elif not isinstance(node, (sympy.Add, sympy.Mul, sympy.Pow)):
            name = node.func.__name__
            if _RENAMED.get(name, name) not in known:
                return False
    return True


def sympy_nodes(expr: sympy.Expr, e_power: bool = False) -> int | None:
    """Nodes of SymPy's printed answer, read by symdiff; None for zoo, I, nan, Piecewise, ..."""
    if not readable(expr):
        return None
    try:
        text = SymdiffSyntax(e_power).doprint(expr)
    except Unreadable:
        return None
    return nodes(text.replace("**", "^"))


def sympy_sizes(f: symdiff.Expr, variable: str) -> tuple[int | None, int | None, str, int]:
    """Size of SymPy's diff, of the shortest of simplify/factor/cancel of it, which, and late calls."""
    late = 0
    # SymPy's exp is printed e^ where the row writes e^ and never exp( (as symdiff would print it)
    kinds = {(type(node), getattr(node, "name", None)) for node, _ in preorder(f)}
    e_power = (symdiff.Constant, "e") in kinds and (symdiff.Call, "exp") not in kinds
    try:
        derivative = within(SYMPY_SECONDS, lambda: sympy.diff(to_sympy(f), sympy.Symbol(variable, real=True)))
    except Late:
        return None, None, "", 1
    best, best_by = None, ""
    for name, method in (("simplify", sympy.simplify), ("factor", sympy.factor), ("cancel", sympy.cancel)):
        try:
            size = sympy_nodes(within(SYMPY_SECONDS, lambda method=method: method(derivative)), e_power)
        except Late:
            late += 1
            continue
        if size is not None and (best is None or size < best):
            best, best_by = size, name
    return sympy_nodes(derivative, e_power), best, best_by, late


def same_values(ours: sympy.Expr, expected: sympy.Expr, function: sympy.Expr, seed: str, wanted: int = 4) -> bool:
    """Equal at ``wanted`` random real points where both and the function are real (none differs)."""
    rng = random.Random(seed)
    symbols = sorted(ours.free_symbols | expected.free_symbols | function.free_symbols, key=str)
    agreed = 0
    for _ in range(60):
        point = {s: sympy.Float(round(rng.uniform(-3, 3), 3), 30) for s in symbols}
        values = [sympy.N(side.subs(point), 30) for side in (ours, expected, function)]
        if not all(v.is_real and v.is_finite for v in values):
            continue
        if abs(values[0] - values[1]) > 1e-12 * (1 + abs(values[1])):
            return False
        agreed += 1
        if agreed == wanted:
            return True
    return False


def measure_row(row: textbook_table.Row, optional: bool) -> Measured | None:
    """One table row, or None if symdiff cannot read it yet."""
    if not textbook_table.available(row, FUNCTION_WORDS):
        return None
    try:
        f = symdiff.parse(row.function)
        symdiff.parse(row.book)
    except symdiff.SymdiffError:
        return None
    ours = symdiff.diff(f, row.variable)
    f_sympy = to_sympy(f)
    expected = sympy.diff(f_sympy, sympy.Symbol(row.variable, real=True))
    correct = symdiff.derive(f, row.variable).result == ours and same_values(
        to_sympy(ours), expected, f_sympy, row.function)
    label = ("*" if optional else "") + f"d/d{row.variable} {row.function}"
    return Measured(label, row.book, str(ours), correct, nodes(row.book), nodes(str(ours)),
                    *sympy_sizes(f, row.variable))


def measure_random(expression: symdiff.Expr) -> Measured:
    ours = symdiff.diff(expression, "x")
    return Measured(str(expression), None, str(ours), True, None, nodes(str(ours)), *sympy_sizes(expression, "x"))


def random_expressions() -> list[symdiff.Expr]:
    rng = random.Random(RANDOM_SEED)
    return [families.random_expression(rng, rng.randint(2, 6)) for _ in range(RANDOM_COUNT)]


def ratio(top: int | None, bottom: int | None) -> float | None:
    return None if top is None or not bottom else top / bottom


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value at or above a fraction p of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def cut(text: str, width: int = SHOWN) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def show(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def verdict(m: Measured) -> str:
    if not m.correct:
        return "WRONG"
    if m.ours_nodes is None:
        return "UNREAD"  # symdiff could not read its own printed answer back
    r = ratio(m.ours_nodes, m.book_nodes)
    return "OK" if r is not None and r <= LIMIT else "LONG"


def print_book_table(rows: list[Measured]) -> None:
    print(f"Textbook table: symdiff's answer against the book's (nodes of the printed tree; OK if <= {LIMIT}x)")
    print(f"{'#':>3} {'derivative':<36} {'book':<{SHOWN}} {'symdiff':<{SHOWN}} {'book':>4} {'ours':>4} {'ratio':>5}")
    for i, m in enumerate(rows, 1):
        print(f"{i:>3} {cut(m.label, 36):<36} {cut(m.book):<{SHOWN}} {cut(m.ours):<{SHOWN}} "
              f"{m.book_nodes:>4} {m.ours_nodes or '-':>4} {show(ratio(m.ours_nodes, m.book_nodes)):>5} {verdict(m)}")


def print_sympy_table(rows: list[Measured]) -> None:
    print("\nThe same rows against SymPy (nodes counted the same way; '-' = SymPy ran out of time or unreadable)")
    print(f"{'#':>3} {'derivative':<36} {'ours':>4} {'diff':>4} {'best':>4} {'by':<8} {'ours/best':>9}  ours<=diff")
    for i, m in enumerate(rows, 1):
        within_diff = "-"
        if m.sympy_diff is not None and m.ours_nodes is not None:
            within_diff = "yes" if m.ours_nodes <= m.sympy_diff else "NO"
        print(f"{i:>3} {cut(m.label, 36):<36} {m.ours_nodes or '-':>4} {m.sympy_diff or '-':>4} "
              f"{m.sympy_best or '-':>4} {m.sympy_best_by:<8} {show(ratio(m.ours_nodes, m.sympy_best)):>9}"
              f"  {within_diff}")


def sympy_summary(name: str, rows: list[Measured]) -> list[str]:
    compared = [m for m in rows if m.sympy_diff is not None and m.ours_nodes is not None]
    no_longer = sum(m.ours_nodes <= m.sympy_diff for m in compared)
    ratios = [r for m in rows if (r := ratio(m.ours_nodes, m.sympy_best)) is not None]
    late = sum(m.late for m in rows)
    lines = [f"{name}: ours <= SymPy's diff on {no_longer}/{len(compared)}; "
             f"{late} SymPy call(s) ran out of {SYMPY_SECONDS} s"]
    longer = sorted((m for m in compared if m.ours_nodes > m.sympy_diff), key=lambda m: m.sympy_diff - m.ours_nodes)
    lines += [f"    longer than SymPy's diff: {cut(m.label, 60)}  ours {m.ours_nodes}, SymPy's diff {m.sympy_diff}"
              for m in longer[:5]]
    if ratios:
        lines.append(f"{name}: ours / shortest SymPy (simplify, factor, cancel) over {len(ratios)}: "
                     f"median {percentile(ratios, 0.5):.2f}, 90th percentile {percentile(ratios, 0.9):.2f} "
                     f"(goal <= {SYMPY_GOAL}), max {max(ratios):.2f}")
        worst = sorted((m for m in rows if ratio(m.ours_nodes, m.sympy_best) is not None),
                       key=lambda m: -ratio(m.ours_nodes, m.sympy_best))[:5]
        lines += [f"    {ratio(m.ours_nodes, m.sympy_best):.2f}  {cut(m.label, 60)}  ours {m.ours_nodes}, "
                  f"SymPy's {m.sympy_best_by} {m.sympy_best}" for m in worst]
    return lines


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--check", action="store_true", help="exit 1 if a row is wrong or over 1.15x the book")
    args = options.parse_args(argv)
    start = time.perf_counter()

    # The random trees go to two workers first, so that they run while the table is measured.
    pool = multiprocessing.get_context("fork").Pool(WORKERS)
    pending = pool.map_async(measure_random, random_expressions(), chunksize=4)

    rows, skipped = [], 0
    for optional, table in ((False, textbook_table.ROWS), (True, textbook_table.OPTIONAL_ROWS)):
        for row in table:
            measured = measure_row(row, optional)
            if measured is None:
                skipped += 1
            else:
                rows.append(measured)
    randoms = pending.get()
    pool.close()
    pool.join()

    print_book_table(rows)
    print_sympy_table(rows)
    book_ratios = [r for m in rows if (r := ratio(m.ours_nodes, m.book_nodes)) is not None]
    failing = sorted((m for m in rows if verdict(m) != "OK"), key=lambda m: -(ratio(m.ours_nodes, m.book_nodes) or 0))
    wrong = [m for m in rows if not m.correct]
    print("\nSummary")
    print(f"rows measured: {len(rows)} ({skipped} optional row(s) skipped: functions symdiff does not read yet)")
    print(f"value-correct (and derive == diff): {len(rows) - len(wrong)}/{len(rows)}")
    print(f"within {LIMIT}x of the book: {sum(verdict(m) == 'OK' for m in rows)}/{len(rows)}; ours / book: "
          f"median {percentile(book_ratios, 0.5):.2f}, 90th percentile {percentile(book_ratios, 0.9):.2f}, "
          f"max {max(book_ratios):.2f}")
    for m in failing:
        print(f"    {verdict(m):<5} {show(ratio(m.ours_nodes, m.book_nodes))}  {m.label}: book {m.book} "
              f"({m.book_nodes}), ours {m.ours} ({m.ours_nodes})")
    for line in sympy_summary("table rows", rows) + sympy_summary(f"{len(randoms)} random trees", randoms):
        print(line)
    cpu = time.process_time() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    print(f"time: {time.perf_counter() - start:.1f} s ({cpu:.1f} s of CPU time, {WORKERS} workers)")
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    sys.exit(main())
