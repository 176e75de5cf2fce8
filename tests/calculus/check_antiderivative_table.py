"""The integral tables checked by SymPy, and symdiff's integrator judged against them.

    python -m tests.calculus.check_antiderivative_table     (or python tests/calculus/check_...py)

Prints, per category: the rows SymPy answers with elementary functions, and (once
``symdiff.antiderivative`` exists) the rows symdiff answers, those it declines and every wrong
answer; then the non-elementary rows (SymPy must answer with a special function or an unevaluated
Integral, symdiff must refuse), then the definite table (tests/calculus/definite_table.py).

An antiderivative F of f is judged by ``derivative_check``: numerically, with F' and f evaluated at
30 digits at seeded random rational points where f is real and finite: they must agree, and F must
be real there too (ln(x) for 1/x is wrong for x < 0; ln|x| is right); then ``sympy.simplify(F' - f)
== 0`` (under a time limit) says whether it is also proved, or only checked at the points. A row's
``domain`` narrows the points to an interval. SymPy gets ``TIME_LIMIT`` seconds per question
(``signal.setitimer``); past it, the row is noted as one SymPy could not do in time.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for _path in (_HERE, _HERE.parent):  # the tables and tests/sympy_oracle.py, also when run as a script
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import sympy  # noqa: E402
from antiderivative_table import NON_ELEMENTARY, ROWS, SOURCES, Refusal, Row  # noqa: E402
from definite_table import DEFINITE, DefiniteRow  # noqa: E402
from sympy_oracle import to_sympy  # noqa: E402

import symdiff  # noqa: E402

TIME_LIMIT = 20.0  # seconds SymPy gets for one integral
SIMPLIFY_LIMIT = 5.0  # seconds for simplify(F' - f); the numeric check decides past it
POINTS = 6  # sample points per check
_TOLERANCE = sympy.Float(10) ** -15  # 30-digit arithmetic; a wrong answer is off by far more

# Improper integrals whose integrand oscillates out to infinity: mpmath.quadosc sums them by periods.
OSCILLATING = {("sin(x)/x", "0", "oo")}

# Convergent rows quadrature cannot confirm to 10^-10: the tail decays too slowly (like 1/ln x).
NO_QUADRATURE = {("1/(x*ln(x)^2)", "e", "oo"): "the tail beyond X is 1/ln(X)"}

# What SymPy writes when an antiderivative is not elementary.
SPECIAL = (
    sympy.Integral, sympy.erf, sympy.erfi, sympy.erfc, sympy.Si, sympy.Ci, sympy.Shi, sympy.Chi, sympy.Ei,
    sympy.li, sympy.expint, sympy.fresnels, sympy.fresnelc, sympy.uppergamma, sympy.lowergamma, sympy.gamma,
    sympy.hyper, sympy.meijerg, sympy.polylog, sympy.elliptic_e, sympy.elliptic_f, sympy.elliptic_k,
    sympy.elliptic_pi, sympy.LambertW, sympy.RootSum, sympy.Piecewise,
)


class SympyTimeout(BaseException):
    """SymPy ran past its time limit (a BaseException: SymPy's own ``except Exception`` cannot eat it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum, frame):
        raise SympyTimeout(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def variable(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, real=True)  # as tests/sympy_oracle.py makes it


def integrand(row: Row | Refusal | DefiniteRow) -> sympy.Expr:
    return to_sympy(symdiff.parse(row.integrand))


def sympy_antiderivative(row: Row | Refusal, seconds: float = TIME_LIMIT) -> sympy.Expr | None:
    """``sympy.integrate`` of the row, or None past the time limit."""
    try:
        with time_limit(seconds):
            return sympy.integrate(integrand(row), variable(row.var))
    except SympyTimeout:
        return None


# The ways SymPy is asked, in order, until one gives a checked elementary answer: SymPy's default
# (Risch, heuristics, Meijer G) misses sech(x)^2 and e^x/(1 + e^(2x)), its manual integrator or
# the exponential form gets them.
SYMPY_WAYS = {
    "integrate": lambda f, x: sympy.integrate(f, x),
    "integrate(manual=True)": lambda f, x: sympy.integrate(f, x, manual=True),
    "integrate(f.rewrite(exp))": lambda f, x: sympy.integrate(f.rewrite(sympy.exp), x),
}

# Rows no way of asking SymPy answers (1.14): an elementary antiderivative written by hand, which
# ``derivative_check`` confirms instead (so the row is still shown elementary).
BY_HAND = {
    "1/(x*sqrt(x^2 - 1))": "asec(abs(x))",  # SymPy: a Piecewise of acosh(1/|x|) and asin(1/|x|)
}


def sympy_elementary(row: Row) -> tuple[sympy.Expr | None, str]:
    """A checked elementary antiderivative of the row and how it was found, or (None, what failed)."""
    f, x = integrand(row), variable(row.var)
    tried = []
    for way, run in SYMPY_WAYS.items():
        try:
            with time_limit(TIME_LIMIT):
                answer = run(f, x)
        except SympyTimeout:
            tried.append(f"{way} timed out")
            continue
        if is_elementary(answer) and derivative_check(answer, f, x, row.domain, row.integrand, real=False)[0]:
            return answer, way
        tried.append(f"{way} gave {str(answer)[:60]}")
    if row.integrand in BY_HAND:
        answer = to_sympy(symdiff.parse(BY_HAND[row.integrand]))
        if derivative_check(answer, f, x, row.domain, row.integrand)[0]:
            return answer, "by hand, checked by differentiation"
    return None, "; ".join(tried)


def is_elementary(expr: sympy.Expr) -> bool:
    return not expr.has(*SPECIAL)


# -- is F an antiderivative of f? -------------------------------------------------------------------


def _value(expr: sympy.Expr, x: sympy.Symbol, point: sympy.Rational) -> sympy.Expr | None:
    """expr at x = point to 30 digits, or None where it has no finite value."""
    try:
        value = expr.evalf(30, subs={x: point})
    except (ZeroDivisionError, TypeError, ValueError):
        return None
    if not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return None
    return value


def _is_real(value: sympy.Expr) -> bool:
    real, imag = value.as_real_imag()
    return abs(imag) <= _TOLERANCE * (1 + abs(real))


def sample_points(f: sympy.Expr, x: sympy.Symbol, domain: tuple[float, float] | None, seed: str) -> list:
    """Up to ``POINTS`` seeded rational points where f is real, finite and not near a pole."""
    rng = random.Random(zlib.crc32(seed.encode()))
    spans = [domain] if domain else [(-4.0, 4.0), (-1.0, 1.0), (0.0, 1.0), (0.0, 6.0), (-6.0, 0.0)]
    points: list = []
    for attempt in range(200):
        lo, hi = spans[attempt % len(spans)]
        point = sympy.Rational(Fraction(rng.uniform(lo, hi)).limit_denominator(997))
        value = _value(f, x, point)
        if value is not None and _is_real(value) and abs(value) < 10**6 and point not in points:
            points.append(point)
            if len(points) == POINTS:
                break
    return points


def derivative_check(answer: sympy.Expr, f: sympy.Expr, x: sympy.Symbol, domain: tuple[float, float] | None,
                     seed: str, *, real: bool = True) -> tuple[bool, str]:
    """(F is an antiderivative of f, how it was decided). ``real``: F must be real where f is.

    The points come first: they decide (a wrong answer fails there at once, and ln(x) for 1/x is
    only caught there); ``simplify(F' - f) == 0`` then says whether it is also proved."""
    derivative = sympy.diff(answer, x)
    points = sample_points(f, x, domain, seed)
    if len(points) < 3:
        return False, f"only {len(points)} points where {f} is real"
    for point in points:
        want, got = _value(f, x, point), _value(derivative, x, point)
        if got is None or abs(got - want) > _TOLERANCE * (1 + abs(want)):
            return False, f"d/d{x} of the answer is {got} at {x} = {point}, the integrand {want}"
        if real:
            value = _value(answer, x, point)
            if value is None or not _is_real(value):
                return False, f"the answer is {value} at {x} = {point}, where the integrand is real"
    try:
        with time_limit(SIMPLIFY_LIMIT):
            if sympy.simplify(derivative - f) == 0:
                return True, "simplify"
    except SympyTimeout:
        pass
    return True, f"numeric at {len(points)} points"


# -- symdiff judged --------------------------------------------------------------------------------


def has_antiderivative() -> bool:
    return hasattr(symdiff, "antiderivative")


def verdict(row: Row) -> str:
    """"declined", "right (how)" or "wrong: why" for ``symdiff.antiderivative`` on one row."""
    try:
        result = symdiff.antiderivative(symdiff.parse(row.integrand), wrt=row.var)
    except symdiff.IntegrationError:
        return "declined"
    answer = result.result
    others = {s.name for s in answer.free_symbols} - {row.var}
    if others:
        return f"wrong: the answer {answer} has {', '.join(sorted(others))}"
    ok, how = derivative_check(to_sympy(answer), integrand(row), variable(row.var), row.domain, row.integrand)
    return f"right ({how})" if ok else f"wrong: {answer}: {how}"


def refusal_verdict(row: Refusal) -> str:
    """"refused", or "wrong: ..." when symdiff answers a non-elementary integrand."""
    try:
        result = symdiff.antiderivative(symdiff.parse(row.integrand), wrt=row.var)
    except symdiff.IntegrationError:
        return "refused"
    return f"wrong: answered {result.result} ({row.why})"


def coverage_report(rows: tuple[Row, ...] = ROWS) -> tuple[dict[str, Counter], list[tuple[Row, str]]]:
    """Per category (and "all"): rows, right (answered), declined, wrong; and the wrong rows with why."""
    report: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for row in rows:
        said = verdict(row)
        kind = "wrong" if said.startswith("wrong") else "right" if said.startswith("right") else "declined"
        if kind == "wrong":
            wrong.append((row, said))
        for key in (row.category, "all"):
            report[key]["rows"] += 1
            report[key][kind] += 1
    return report, wrong


# -- definite integrals ----------------------------------------------------------------------------


def sympy_bound(text: str) -> sympy.Expr:
    return {"oo": sympy.oo, "-oo": -sympy.oo}.get(text) or to_sympy(symdiff.parse(text))


def same_value(found: sympy.Expr, expected: str) -> bool:
    wanted = to_sympy(symdiff.parse(expected))
    if not found.is_number or found.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan, sympy.AccumBounds):
        return False
    return bool(sympy.simplify(found - wanted) == 0 or abs(sympy.N(found - wanted, 40)) < sympy.Float(10) ** -30)


def sympy_definite_check(row: DefiniteRow) -> tuple[bool, str]:
    """(SymPy confirms the row's expected value or verdict, what SymPy said)."""
    f, x = integrand(row), variable(row.var)
    a, b = sympy_bound(row.a), sympy_bound(row.b)
    try:
        with time_limit(TIME_LIMIT):
            if row.expected == "refuse":
                return _interior_blowup(f, x, a, b)
            found = sympy.integrate(f, (x, a, b))
    except SympyTimeout:
        return False, "SymPy timed out"
    if row.expected == "diverges":
        return _infinite(found), str(found)
    return same_value(found, row.expected), str(found)


def _interior_blowup(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> tuple[bool, str]:
    """A singularity strictly inside (a, b), and the integral from a up to it infinite."""
    inside = sympy.singularities(f, x, sympy.Interval.open(min(a, b), max(a, b)))
    if not isinstance(inside, sympy.FiniteSet) or not inside:
        return False, f"no singularity found inside: {inside}"
    first = min(inside)
    part = sympy.integrate(f, (x, min(a, b), first))
    return _infinite(part), f"pole at {first}, integral up to it {part}"


def _infinite(value: sympy.Expr) -> bool:
    """oo, -oo, zoo, nan or AccumBounds, also as the real part of a complex infinity (oo + I*pi)."""
    return value.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan, sympy.AccumBounds)


def numeric_definite_check(row: DefiniteRow) -> tuple[bool, str]:
    """mpmath's tanh-sinh quadrature at 30 digits agrees with a finite expected value (to 10^-10)."""
    import mpmath

    f, x = integrand(row), variable(row.var)
    g = sympy.lambdify(x, f, "mpmath")
    with mpmath.workdps(30):
        a, b = (mpmath.mpf(sympy.N(sympy_bound(t), 40)) if t not in ("oo", "-oo") else mpmath.inf * (
            1 if t == "oo" else -1) for t in (row.a, row.b))
        oscillates = (row.integrand, row.a, row.b) in OSCILLATING
        kinks = [mpmath.mpf(0)] if a < 0 < b else []  # abs(x): tanh-sinh wants smooth pieces
        value = mpmath.quadosc(g, [a, b], omega=1) if oscillates else mpmath.quad(g, [a, *kinks, b])
        wanted = mpmath.mpf(sympy.N(to_sympy(symdiff.parse(row.expected)), 40))
        return abs(value - wanted) <= mpmath.mpf(10) ** -10 * (1 + abs(wanted)), mpmath.nstr(value, 15)


def has_exact_integrate() -> bool:
    """``symdiff.integrate(..., method="exact")`` exists: it answers ∫_0^1 x dx with an expression."""
    try:
        result = symdiff.integrate("x", "x", "0", "1", method="exact")
    except symdiff.SymdiffError:
        return False
    return isinstance(getattr(result, "value", None), symdiff.Expr)


def definite_verdict(row: DefiniteRow) -> str:
    """"declined", "refused", "right" or "wrong: why" for ``symdiff.integrate(..., method="exact")``."""
    try:
        result = symdiff.integrate(symdiff.parse(row.integrand), row.var, row.a, row.b, method="exact")
    except symdiff.IntegrationError:
        return "refused" if row.expected in ("diverges", "refuse") else "declined"
    if row.expected in ("diverges", "refuse"):
        # A divergent integral is answered by saying so (converges is False), or refused.
        return "right" if not result.converges else f"wrong: answered {result.value}, the integral {row.expected}"
    if not result.converges:
        return f"wrong: said {result}, the integral is {row.expected}"
    if not isinstance(result.value, symdiff.Expr) or result.value.free_symbols:
        return f"wrong: the value {result.value} is not a constant expression"
    if not same_value(to_sympy(result.value), row.expected):
        return f"wrong: {result.value}, not {row.expected}"
    wanted = float(sympy.N(to_sympy(symdiff.parse(row.expected))))
    if abs(float(result) - wanted) > 1e-9 * (1 + abs(wanted)):
        return f"wrong: float() gives {float(result)}, not {wanted}"
    return "right"


# -- the report ------------------------------------------------------------------------------------


def _sympy_section() -> list[str]:
    problems = []
    per_category: dict[str, Counter] = defaultdict(Counter)
    slowest, helped = [], []
    for row in ROWS:
        start = time.perf_counter()
        answer, way = sympy_elementary(row)
        slowest.append((time.perf_counter() - start, row.integrand))
        counts = per_category[row.category]
        counts["rows"] += 1
        counts["sympy"] += answer is not None and way == "integrate"
        counts["elementary"] += answer is not None
        if answer is None:
            problems.append(f"NOT ELEMENTARY? {row.integrand}: {way}")
        elif way != "integrate":
            helped.append(f"  {row.integrand}: {way}: {answer}")
    print(f"{'category':42} {'rows':>5} {'sympy.integrate':>16} {'shown elementary':>17}")
    for category, counts in per_category.items():
        print(f"{category:42} {counts['rows']:5} {counts['sympy']:16} {counts['elementary']:17}")
    total = sum(per_category.values(), Counter())
    print(f"{'all':42} {total['rows']:5} {total['sympy']:16} {total['elementary']:17}")
    print("rows plain sympy.integrate does not answer elementarily, and how they were shown elementary:")
    print("\n".join(helped))
    slowest.sort(reverse=True)
    print("slowest for SymPy:", "; ".join(f"{text} {s:.2f}s" for s, text in slowest[:5]))
    for row in NON_ELEMENTARY:
        answer = sympy_antiderivative(row)
        said = "timed out" if answer is None else str(answer)
        print(f"  non-elementary {row.integrand:20} SymPy: {said[:70]}")
        if answer is not None and is_elementary(answer):
            problems.append(f"SYMPY ELEMENTARY {row.integrand}: {answer}")
    return problems


def _symdiff_section() -> list[str]:
    if not has_antiderivative():
        print("symdiff.antiderivative does not exist yet")
        return []
    report, wrong = coverage_report()
    print(f"\n{'symdiff.antiderivative':42} {'rows':>5} {'right':>6} {'declined':>9} {'wrong':>6}")
    for category in [*SOURCES, "all"]:
        c = report[category]
        print(f"{category:42} {c['rows']:5} {c['right']:6} {c['declined']:9} {c['wrong']:6}")
    print(f"coverage {report['all']['right'] / report['all']['rows']:.0%}")
    problems = [f"WRONG           {row.integrand}: {said}" for row, said in wrong]
    refusals = [(row, refusal_verdict(row)) for row in NON_ELEMENTARY]
    problems += [f"ANSWERED        {row.integrand}: {said}" for row, said in refusals if said != "refused"]
    print(f"non-elementary refused: {sum(said == 'refused' for _, said in refusals)}/{len(NON_ELEMENTARY)}")
    return problems


def _definite_section() -> list[str]:
    problems = []
    counts: dict[str, Counter] = defaultdict(Counter)
    exact = has_exact_integrate()
    for row in DEFINITE:
        agrees, said = sympy_definite_check(row)
        counts[row.kind]["rows"] += 1
        counts[row.kind]["sympy"] += agrees
        if not agrees:
            problems.append(f"DEFINITE SYMPY  {row}: {said}")
        if row.expected not in ("diverges", "refuse") and (row.integrand, row.a, row.b) not in NO_QUADRATURE:
            confirmed, value = numeric_definite_check(row)
            counts[row.kind]["numeric"] += confirmed
            if not confirmed:
                problems.append(f"DEFINITE QUAD   {row}: mpmath {value}")
        if exact:
            judged = definite_verdict(row)
            counts[row.kind]["right" if judged in ("right", "refused") else judged.split(":")[0]] += 1
            if judged.startswith("wrong"):
                problems.append(f"DEFINITE WRONG  {row}: {judged}")
    print(f"\n{'definite table':42} {'rows':>5} {'sympy':>6} {'mpmath':>7} {'right':>6} {'declined':>9} {'wrong':>6}")
    for kind, c in counts.items():
        print(f"{kind:42} {c['rows']:5} {c['sympy']:6} {c['numeric']:7} {c['right']:6} {c['declined']:9} "
              f"{c['wrong']:6}")
    if not exact:
        print("symdiff.integrate(..., method='exact') does not exist yet")
    else:
        print("right: the exact value, or IntegrationError on a divergent or interior-singularity row")
    return problems


def main() -> int:
    problems = _sympy_section() + _symdiff_section() + _definite_section()
    print()
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
