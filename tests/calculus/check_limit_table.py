"""Two independent confirmations of every expected value in the limit table.

    python tests/calculus/check_limit_table.py     (a report: per category, and every disagreement)

``sympy_check`` asks ``sympy.limit`` (two-sided as ``dir="+-"``); SymPy says a limit does not exist
by raising ValueError ("... does not exist ..."), or by answering AccumBounds, zoo or nan.
``numeric_check`` evaluates the expression with floats (``symdiff.lambdify``) as the variable
approaches the point from each side asked for, at h = 10^(-j/4) from 10^-1 to 10^-16 (or x from
10 to 10^16 towards infinity), and reads the trend: a finite limit L when two neighbouring values
lie within 10^-5 of L (relative past |L| = 1: a wrong value the values only pass through on their
way fails at the next point); oo when a run of values starting in the first two decades grows, of one
sign, past 10 and four times where it began (deeper, floating point can fake a run: once cos h
rounds to 1, (cos h - 1 + h^2/2)/h^4 is 1/(2h^2)); no limit when a side oscillates (dense samples
in shrinking windows keep turning and keep a spread over 0.2) or the two sides settle apart.
test_limit_table.py checks that this check refuses wrong values (off by 10^-3, the other
infinity, "does not exist") on every row.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _path in (_HERE, _HERE.parent):  # the table and tests/sympy_oracle.py, also when run as a script
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import numpy as np  # noqa: E402
import sympy  # noqa: E402
from limit_table import ROWS, Row, random_rational_rows  # noqa: E402
from sympy_oracle import to_sympy  # noqa: E402

import symdiff  # noqa: E402

_DIRECTIONS = {"both": "+-", "+": "+", "-": "-"}

# Rows where SymPy 1.14 answers wrongly, asked in an equal form SymPy gets right; the numerics
# confirm the table's value, and tests/calculus/test_limit_table.py checks each form is the same
# function. (The fault is SymPy's 2^u as u -> -oo, open as sympy/sympy#28975, and its coth at 0.)
SYMPY_WRONG: dict[tuple[str, str, str], tuple[str, str]] = {
    ("2^x", "-oo", "both"): ("exp(x*ln(2))", "sympy.limit(2**x, x, -oo) gives oo"),
    ("2^(1/x)", "0", "-"): ("exp(ln(2)/x)", "sympy.limit(2**(1/x), x, 0, '-') gives oo (sympy#28975)"),
    ("coth(x) - 1/x", "0", "both"): ("cosh(x)/sinh(x) - 1/x", "sympy.limit(coth(x) - 1/x, x, 0) gives -oo"),
}


def sympy_point(point: str) -> sympy.Expr:
    if point in ("oo", "-oo"):
        return sympy.oo if point == "oo" else -sympy.oo
    return to_sympy(symdiff.parse(point))


def sympy_form(row: Row) -> str:
    """The expression SymPy is asked about: the row's own, or its equal form where SymPy errs."""
    return SYMPY_WRONG.get((row.expr, row.point, row.side), (row.expr,))[0]


def sympy_limit(row: Row) -> sympy.Expr | str:
    """SymPy's limit, or "DNE" when SymPy says it does not exist; raises if SymPy cannot decide."""
    f = to_sympy(symdiff.parse(sympy_form(row)))
    x = sympy.Symbol(row.var, real=True)
    point = sympy_point(row.point)
    try:
        if point.is_infinite:
            result = sympy.limit(f, x, point)
        else:
            result = sympy.limit(f, x, point, dir=_DIRECTIONS[row.side])
    except ValueError as error:
        if "does not exist" in str(error):
            return "DNE"
        raise
    if result.has(sympy.AccumBounds) or result in (sympy.zoo, sympy.nan):
        return "DNE"
    return result


def sympy_expected(expected: str) -> sympy.Expr | str:
    if expected == "DNE":
        return "DNE"
    if expected in ("oo", "-oo"):
        return sympy_point(expected)
    return to_sympy(symdiff.parse(expected))


def same_limit(found: sympy.Expr | str, expected: str) -> bool:
    wanted = sympy_expected(expected)
    if isinstance(found, str) or isinstance(wanted, str):
        return found == wanted
    if wanted.is_infinite or found.is_infinite:
        return found == wanted
    if not found.is_finite:
        return False
    return bool(sympy.simplify(found - wanted) == 0 or abs(sympy.N(found - wanted, 40)) < sympy.Float(10) ** -30)


def sympy_check(row: Row) -> tuple[bool, str, float]:
    """(agrees, what SymPy said, seconds)."""
    start = time.perf_counter()
    try:
        found = sympy_limit(row)
    except Exception as error:  # SymPy's own failures (NotImplementedError, PoleError, ...)
        return False, f"sympy raised {type(error).__name__}: {error}", time.perf_counter() - start
    seconds = time.perf_counter() - start
    return same_limit(found, row.expected), str(found), seconds


# -- numerics --------------------------------------------------------------------------------------


_EARLY = 9  # the first two decades of the approach
_EARLY_VALUE = 21  # down to h = 10^-6, or up to x = 10^6


def _point_value(point: str) -> float:
    return float(symdiff.parse(point).evaluate())


def _approach(row: Row, sign: int) -> np.ndarray:
    """The points approaching ``row.point`` from the side ``sign`` (+1 above, -1 below)."""
    if row.point in ("oo", "-oo"):
        return (1.0 if row.point == "oo" else -1.0) * 10.0 ** (np.arange(4, 65) / 4)
    a = _point_value(row.point)
    xs = a + sign * 10.0 ** (-np.arange(4, 65) / 4)
    return xs[xs != a]  # past the floats' resolution near a, a + h is a itself


def _windows(row: Row, sign: int) -> list[np.ndarray]:
    """Dense samples in shrinking windows next to the point (or growing ones towards infinity)."""
    if row.point in ("oo", "-oo"):
        direction = 1.0 if row.point == "oo" else -1.0
        return [direction * np.linspace(10.0**k, 10.0 ** (k + 1), 401) for k in range(1, 5)]
    a = _point_value(row.point)
    return [a + sign * np.linspace(10.0 ** -(k + 1), 10.0**-k, 401) for k in range(1, 5)]


def _finite(values: np.ndarray) -> np.ndarray:
    return values[np.isfinite(values)]


def tends_to(values: np.ndarray, limit: float) -> bool:
    """Two neighbouring values within 10^-5 of ``limit`` (relative past 1)."""
    tolerance = 1e-5 * max(1.0, abs(limit))
    errors = np.abs(_finite(values) - limit)
    return any(a <= tolerance and b <= tolerance for a, b in itertools.pairwise(errors))


def diverges(values: np.ndarray, sign: int) -> bool:
    """A run of at least five values of sign ``sign``, growing in size, past 10 and 4x its start,
    that starts in the first two decades of the approach (deeper, floating point can fake one:
    once cos h rounds to 1, (cos h - 1 + h^2/2)/h^4 is 1/(2h^2))."""
    values = sign * values
    start = 0
    for end in range(1, len(values) + 1):
        if end == len(values) or not (values[end] > values[end - 1] > 0):
            run = values[start:end]
            if start < _EARLY and len(run) >= 5 and run[0] > 0 and run[-1] >= 10 and run[-1] >= 4 * run[0]:
                return True
            start = end
    return False


def oscillates(f, row: Row, sign: int) -> bool:
    """Every window keeps a spread over 0.2 and turns at least four times."""
    for window in _windows(row, sign):
        values = _finite(f(window))
        if len(values) < 100:
            return False
        turns = np.count_nonzero(np.diff(np.sign(np.diff(values))) != 0)
        if values.max() - values.min() < 0.2 or turns < 4:
            return False
    return True


def _stable_value(values: np.ndarray) -> float | None:
    """Where the values change least from one point to the next, down to h = 10^-6 (x = 10^6)."""
    values = _finite(values[:_EARLY_VALUE])
    if len(values) < 2:
        return None
    steps = np.abs(np.diff(values))
    best = int(np.argmin(steps))
    value = float(values[best + 1])
    return value if steps[best] <= 1e-6 * (1 + abs(value)) else None


def _behaviour(f, row: Row, sign: int) -> tuple[str, float]:
    """How the function behaves on one side: ("oo", ±1), ("osc", 0), ("finite", L) or ("unknown", 0)."""
    values = f(_approach(row, sign))
    for direction in (1, -1):
        if diverges(values, direction):
            return "oo", direction
    if oscillates(f, row, sign):
        return "osc", 0.0
    value = _stable_value(values)
    return ("finite", value) if value is not None else ("unknown", 0.0)


def _differ(left: tuple[str, float], right: tuple[str, float]) -> bool:
    if "osc" in (left[0], right[0]):
        return True
    if "unknown" in (left[0], right[0]):
        return False
    if left[0] != right[0]:
        return True
    return abs(left[1] - right[1]) > 1e-3 * (1 + max(abs(left[1]), abs(right[1])))


def _sides(row: Row) -> tuple[int, ...]:
    if row.point in ("oo", "-oo"):
        return (1,)
    return {"both": (1, -1), "+": (1,), "-": (-1,)}[row.side]


def numeric_check(row: Row) -> tuple[bool, str]:
    """(confirmed, what the floats show) for one row."""
    f = symdiff.lambdify(row.expr, [row.var], invalid="nan")
    with np.errstate(all="ignore"):
        if row.expected == "DNE":
            behaviours = [_behaviour(f, row, sign) for sign in _sides(row)]
            if len(behaviours) == 1:
                return behaviours[0][0] == "osc", f"one side: {behaviours[0]}"
            return _differ(*behaviours), f"right {behaviours[0]}, left {behaviours[1]}"
        results = []
        for sign in _sides(row):
            values = f(_approach(row, sign))
            if row.expected in ("oo", "-oo"):
                results.append(diverges(values, 1 if row.expected == "oo" else -1))
            else:
                results.append(tends_to(values, float(symdiff.parse(row.expected).evaluate())))
            if not results[-1]:
                tail = ", ".join(f"{v:.6g}" for v in _finite(values)[-6:])
                return False, f"side {'+' if sign > 0 else '-'} ends {tail}"
        return True, "confirmed"


# -- the report ------------------------------------------------------------------------------------


def check_all(rows: tuple[Row, ...]) -> dict[str, object]:
    per_category: dict[str, Counter] = defaultdict(Counter)
    problems, timings = [], []
    for row in rows:
        counts = per_category[row.category]
        counts["rows"] += 1
        agrees, said, seconds = sympy_check(row)
        timings.append((seconds, row))
        confirmed, shown = numeric_check(row)
        counts["sympy"] += agrees
        counts["numeric"] += confirmed
        if not agrees:
            problems.append(f"SYMPY   {row}: sympy said {said}")
        if not confirmed:
            problems.append(f"NUMERIC {row}: {shown}")
    return {"per_category": per_category, "problems": problems, "timings": sorted(timings, reverse=True)}


def main() -> int:
    report = check_all(ROWS + random_rational_rows())
    total = Counter()
    print(f"{'category':28} {'rows':>5} {'sympy':>6} {'numeric':>8}")
    for category, counts in report["per_category"].items():
        total.update(counts)
        print(f"{category:28} {counts['rows']:5} {counts['sympy']:6} {counts['numeric']:8}")
    print(f"{'all':28} {total['rows']:5} {total['sympy']:6} {total['numeric']:8}")
    slowest = report["timings"][:5]
    print("slowest sympy rows:", "; ".join(f"{row.expr} at {row.point} {s:.2f}s" for s, row in slowest))
    print(f"sympy total {sum(s for s, _ in report['timings']):.1f}s")
    for line in report["problems"]:
        print(line)
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
