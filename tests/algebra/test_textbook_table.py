"""The textbook table (benchmarks/textbook_table.py) as data: every book answer is the derivative.

The book answers are read by SymPy's own parser, independently of symdiff (the optional rows name
functions symdiff cannot read yet), and compared with SymPy's derivative at random real points.
Where symdiff can read a row, its reading must agree with SymPy's, and symdiff's answer must have
the right value. Whether symdiff prints the book's *form* is measured by
benchmarks/bench_textbook.py, not asserted here.
"""

import importlib.util
import random
import re
from pathlib import Path

import pytest
import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations
from sympy_oracle import to_sympy

from symdiff import SymdiffError, derive, diff, parse
from symdiff.core.functions import FUNCTION_WORDS

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "textbook_table.py"
_SPEC = importlib.util.spec_from_file_location("textbook_table", _PATH)
table = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(table)

ALL_ROWS = table.ROWS + table.OPTIONAL_ROWS
KNOWN = set(FUNCTION_WORDS)  # with log2, log10 and root, which build Log and Root nodes

_SYMPY_FUNCTIONS = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "sec": sympy.sec, "csc": sympy.csc, "cot": sympy.cot,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    # acot with the range (0, pi), as calculus books and symdiff take it (SymPy's acot is atan(1/x)).
    "asec": sympy.asec, "acsc": sympy.acsc, "acot": lambda a: sympy.pi / 2 - sympy.atan(a),
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "sech": sympy.sech, "csch": sympy.csch, "coth": sympy.coth,
    "asinh": sympy.asinh, "acosh": sympy.acosh, "atanh": sympy.atanh,
    "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "log2": lambda a: sympy.log(a, 2),
    "log10": lambda a: sympy.log(a, 10), "sqrt": sympy.sqrt, "cbrt": sympy.cbrt, "root": sympy.root,
    "abs": sympy.Abs, "sign": sympy.sign,
    "sigmoid": lambda a: 1 / (1 + sympy.exp(-a)),
    "softplus": lambda a: sympy.log(1 + sympy.exp(a)),
    "relu": lambda a: sympy.Max(0, a),
    "heaviside": lambda a: sympy.Heaviside(a, 0),
    "e": sympy.E, "pi": sympy.pi,
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def sympy_reading(text: str) -> sympy.Expr:
    """The table's text read by SymPy's parser (our own table, not user input), symbols real."""
    names = {name: sympy.Symbol(name, real=True) for name in _NAME.findall(text) if name not in _SYMPY_FUNCTIONS}
    return parse_expr(text, local_dict={**_SYMPY_FUNCTIONS, **names},
                      transformations=(*standard_transformations, convert_xor))


def same_values(left: sympy.Expr, right: sympy.Expr, function: str, wanted: int = 4) -> bool:
    """Equal at ``wanted`` random real points where both, and the row's function, are real and
    finite (none may differ): a book's formula holds on the function's real domain only (the book's
    1/sqrt(x^2 - 1) for acosh' differs in sign from SymPy's form where x < -1)."""
    rng = random.Random(function)
    domain = sympy_reading(function)
    symbols = sorted(left.free_symbols | right.free_symbols | domain.free_symbols, key=str)
    agreed = 0
    for _ in range(60):
        point = {s: sympy.Float(round(rng.uniform(-3, 3), 3), 30) for s in symbols}
        a, b, f = (sympy.N(side.subs(point), 30) for side in (left, right, domain))
        if not all(value.is_real and value.is_finite for value in (a, b, f)):
            continue
        if abs(a - b) > 1e-12 * (1 + abs(a)):
            return False
        agreed += 1
        if agreed == wanted:
            return True
    return False


def _id(row) -> str:
    return f"d/d{row.variable} {row.function}"


def test_the_table_is_large_and_has_no_repeated_row():
    assert len(table.ROWS) >= 50
    keys = [(row.function, row.variable) for row in ALL_ROWS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("row", ALL_ROWS, ids=_id)
def test_the_book_answer_is_the_derivative(row):
    f = sympy_reading(row.function)
    book = sympy_reading(row.book)
    variable = sympy.Symbol(row.variable, real=True)
    derivative = sympy.diff(f, variable)
    assert sympy.simplify(book - derivative) == 0 or same_values(book, derivative, row.function)


@pytest.mark.parametrize("row", ALL_ROWS, ids=_id)
def test_symdiff_reads_the_row_as_sympy_does_and_answers_with_the_right_value(row):
    if not table.available(row, KNOWN):
        pytest.skip("names a function symdiff does not know yet")
    try:
        f, book = parse(row.function), parse(row.book)
    except SymdiffError:
        if row in table.ROWS:
            raise
        pytest.skip("written in a syntax symdiff does not read yet")
    assert same_values(to_sympy(f), sympy_reading(row.function), row.function)
    assert same_values(to_sympy(book), sympy_reading(row.book), row.book)
    ours = diff(f, row.variable)
    assert derive(f, row.variable).result == ours
    expected = sympy.diff(to_sympy(f), sympy.Symbol(row.variable, real=True))
    assert same_values(to_sympy(ours), expected, row.function)


def test_every_row_but_the_optional_ones_names_only_functions_symdiff_knows():
    assert [row for row in table.ROWS if not table.available(row, KNOWN)] == []


def test_a_row_naming_an_unknown_function_is_not_available():
    # symdiff reads an unknown sign(x) as the product sign*x: parsing is not enough.
    row = table.Row("abs(x)", "x", "sign(x)", "test")
    assert table.function_names(row.book) == {"sign"}
    assert not table.available(row, {"abs"})
    assert table.available(row, {"abs", "sign"})
    # a name just before a parenthesis in the other text is not a function: x in "ln(x)/x", "(1 - ..."
    assert table.available(table.Row("ln(x)/x", "x", "(1 - ln(x))/x^2", "test"), {"ln"})


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_textbook", _PATH.parent / "bench_textbook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_x, _y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
SYMPY_PRINTED = [
    # SymPy's answer, whether e^ is the row's notation, the same tree in symdiff's syntax
    (-4 * _x / (_x**2 - 1) ** 2, False, "-4*x/(x^2 - 1)^2"),
    (sympy.exp(_x) / (sympy.exp(_x) + 1), False, "exp(x)/(exp(x) + 1)"),
    (sympy.exp(_x) / (sympy.exp(_x) + 1), True, "e^x/(e^x + 1)"),
    (sympy.exp(-_x**2 / 2) * _x, True, "x*e^(-x^2/2)"),
    (sympy.E * _x + sympy.sqrt(_x), False, "e*x + sqrt(x)"),
    (sympy.Abs(_x) + sympy.Heaviside(_y, 0) + sympy.Max(0, _x), False, "abs(x) + heaviside(y) + relu(x)"),
    (1 / sympy.sqrt(1 - _x**2), False, "1/sqrt(1 - x^2)"),
]


@pytest.mark.parametrize(("answer", "e_power", "text"), SYMPY_PRINTED)
def test_the_benchmark_counts_sympy_answers_as_symdiff_would(answer, e_power, text):
    bench = _load_bench()
    assert bench.sympy_nodes(answer, e_power) == bench.nodes(text)


def test_the_benchmark_does_not_count_what_symdiff_cannot_read():
    bench = _load_bench()
    assert bench.sympy_nodes(sympy.zoo) is None
    assert bench.sympy_nodes(_x + sympy.I) is None
    assert bench.sympy_nodes(sympy.nan * _x) is None
    assert bench.sympy_nodes(sympy.Piecewise((_x, _x > 0), (0, True))) is None
    assert bench.sympy_nodes(sympy.Max(_x, _y)) is None
