"""The expression tree: immutable values, constructors that check but never simplify,
Python operators that read like text, and the basic operations."""

import copy
import pickle
from fractions import Fraction

import pytest

import symdiff
from symdiff import (
    Add,
    Call,
    Constant,
    Div,
    E,
    Expr,
    ExpressionError,
    Function,
    Log,
    Mul,
    Neg,
    Number,
    Pow,
    Root,
    Sub,
    Symbol,
    SymdiffError,
    UndefinedCall,
    number,
    parse,
    pi,
    symbols,
)
from symdiff.core.expr import NODE_TYPES

x, y, z = symbols("x y z")


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "node", [Number(2), x, pi, Add(x, 1), Call("sin", x), UndefinedCall("f", x, 1), Log(x, 2), Root(x, 3)]
)
def test_nodes_are_immutable(node):
    with pytest.raises(AttributeError):
        node.children = ()
    with pytest.raises(AttributeError):
        node.anything = 1
    with pytest.raises(AttributeError):
        del node.children
    assert not hasattr(node, "__dict__")


def test_equal_trees_are_equal_and_hash_equally():
    built_twice = [parse("3x^2 sin x + e^-x / 2") for _ in range(2)]
    assert built_twice[0] is not built_twice[1]
    assert built_twice[0] == built_twice[1]
    assert hash(built_twice[0]) == hash(built_twice[1])
    assert len({*built_twice}) == 1


def test_wide_nodes_hash_as_every_node_does_when_first_asked():
    """A node of 8 or more children is hashed when first asked (core.expr._init): the hash is
    the one an eagerly hashed node has, equality works before and after, and a deep tree of
    wide nodes is hashed without recursion."""
    from symdiff.core.expr import _KIND_CODES, _LATE_HASH_CHILDREN

    factors = [Call("sin", x + k) for k in range(_LATE_HASH_CHILDREN)]
    wide, twin = Mul(*factors), Mul(*factors)
    assert wide == twin and wide != Mul(*factors[:-1], y)  # compared before either is hashed
    assert hash(wide) == hash((_KIND_CODES[Mul], 0, tuple(factors))) == hash(twin)
    deep: Expr = x
    for _ in range(50_000):
        deep = Add(deep, *([y] * (_LATE_HASH_CHILDREN - 1)))
    assert hash(deep) == hash(deep)
    other = x
    for _ in range(50_000):
        other = Add(other, *([y] * (_LATE_HASH_CHILDREN - 1)))
    assert deep == other and {deep: 1}[other] == 1


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (Add(x, y), Add(y, x)),  # order is what the user wrote
        (Add(x, y), Mul(x, y)),
        (Sub(x, y), Add(x, Neg(y))),
        (Div(x, y), Mul(x, Pow(y, Neg(Number(1))))),
        (Call("sqrt", x), Pow(x, Div(Number(1), Number(2)))),
        (Call("log", x), Call("ln", x)),  # both spellings are kept
        (UndefinedCall("f", x), UndefinedCall("f", x, 1)),
        (Number(2), Number(Fraction(5, 2))),
        (Symbol("x"), Symbol("y")),
        (pi, E),
        (Add(Add(x, y), z), Add(x, y, z)),
    ],
)
def test_different_trees_differ(left, right):
    assert left != right


def test_comparison_with_other_types():
    assert Number(2) != 2
    assert x != "x"
    assert (x == None) is False  # noqa: E711


def test_numbers_compare_by_value_however_given():
    assert Number(2) == Number(Fraction(4, 2)) == Number(2.0) == Number("2.00")
    assert Number("2.5") == Number(Fraction(5, 2)) == Number(2.5)
    assert Number(0.1).value == Fraction(1, 10)  # the decimal the float prints as, exactly
    assert isinstance(Number(Fraction(6, 3)).value, int)


def test_copy_pickle_and_deepcopy_keep_equal_values():
    e = parse("3x^2 sin x - f'(y)/2.5 + pi + log_2(x) root(x, 5)")
    assert copy.copy(e) is e and copy.deepcopy(e) is e
    assert pickle.loads(pickle.dumps(e)) == e


# --- constructors check, never simplify ---------------------------------------------------------


def test_constructors_keep_what_was_written():
    assert Add(x, 0).terms == (x, Number(0))
    assert Mul(Number(1), x).factors == (Number(1), x)
    assert Pow(x, 1).exponent == Number(1)
    assert Neg(Neg(x)).operand == Neg(x)
    assert Div(Number(2), Number(4)).numerator == Number(2)
    assert Sub(x, x).left == x


@pytest.mark.parametrize(
    "build",
    [
        lambda: Add(x),
        lambda: Mul(),
        lambda: Symbol("sin"),
        lambda: Symbol("sech"),
        lambda: Symbol("log10"),
        lambda: Symbol("root"),
        lambda: Symbol("log_2"),  # it would print as a logarithm to the base 2
        lambda: Symbol("log_b"),
        lambda: Symbol("pi"),
        lambda: Symbol("e"),
        lambda: Symbol("2x"),
        lambda: Symbol("x y"),
        lambda: Symbol(""),
        lambda: Symbol("π"),
        lambda: Constant("tau"),
        lambda: Call("sine", x),
        lambda: Call("f", x),
        lambda: UndefinedCall("sin", x),
        lambda: UndefinedCall("f", x, -1),
        lambda: Number(-3),
        lambda: Number(Fraction(1, 3)),
        lambda: Number(float("inf")),
        lambda: Number(float("nan")),
        lambda: Number(True),
        lambda: Number("1/2"),
        lambda: Number("abc"),
        lambda: Add(x, "y"),
        lambda: Pow(x, None),
        lambda: symbols(" , "),
        lambda: Function("sine"),
        lambda: Call("log2", x),  # a logarithm to a base is a Log: Function("log2")(x)
        lambda: Root(x, 1),
        lambda: Root(x, 2.0),
        lambda: Root(x, True),
        lambda: Root(x, Number(3)),
        lambda: Root(x, 10**6),
        lambda: Log(x, "2"),
        lambda: Function("root")(x),
        lambda: Function("root")(x, 3, 4),
        lambda: Function("sin")(x, 2),
        lambda: Function("log")(x, 2, 3),
    ],
)
def test_invalid_parts_are_refused_with_a_symdiff_error(build):
    with pytest.raises(ExpressionError):
        build()


def test_logarithms_to_a_base_and_roots_are_their_own_nodes():
    assert Function("log")(x, 2) == Function("log2")(x) == Log(x, Number(2)) == parse("log_2 x")
    assert Function("log10")(x) == Log(x, 10) and Function("log")(x) == Call("log", x)
    assert Function("root")(x, 3) == Root(x, 3) != Call("cbrt", x)
    assert Log(x, 2).argument == x and Log(x, 2).base == Number(2)
    assert Root(x, 5).argument == x and Root(x, 5).index == 5
    assert Root(x, 3).subs(x, 2) == Root(Number(2), 3) and Log(x, y).subs(y, 10) == Log(x, 10)
    assert repr(Root(x, 3)) == "Root(Symbol('x'), 3)" and Root(x, 3) != Root(x, 5)


def test_aliases_are_stored_by_their_canonical_name():
    assert Call("arcsin", x) == Call("asin", x)
    assert Call("arcsin", x).name == "asin"


def test_number_builds_the_written_form_of_any_rational():
    assert number(3) == Number(3)
    assert number(-3) == Neg(Number(3))
    assert number(Fraction(1, 3)) == Div(Number(1), Number(3))
    assert number(Fraction(-1, 3)) == Div(Neg(Number(1)), Number(3))
    assert number(-0.5) == Neg(Number(Fraction(1, 2)))
    assert number(Fraction(4, 2)) == Number(2)
    for value in (Fraction(1, 3), Fraction(-7, 12), -4, 0.125, Fraction(10**40, 3)):
        assert parse(str(number(value))) == number(value)


# --- Python operators mirror how text is read -----------------------------------------------------

OPERATORS = [
    (lambda: x + y + z, "x + y + z"),
    (lambda: x + (y + z), "x + (y + z)"),
    (lambda: x - y - z, "x - y - z"),
    (lambda: x + y - z, "x + y - z"),
    (lambda: x - y + z, "x - y + z"),
    (lambda: x * y * z, "x*y*z"),
    (lambda: x / y * z, "x/y*z"),
    (lambda: x * y / z, "x*y/z"),
    (lambda: x**y**z, "x^y^z"),
    (lambda: -x**2, "-x^2"),
    (lambda: (-x) ** 2, "(-x)^2"),
    (lambda: -x * y, "-x*y"),
    (lambda: 2 * x, "2x"),
    (lambda: x * 2, "x*2"),
    (lambda: 1 + x, "1 + x"),
    (lambda: 1 - x, "1 - x"),
    (lambda: 1 / x, "1/x"),
    (lambda: 2**x, "2^x"),
    (lambda: x**-1, "x^-1"),
    (lambda: x * -3, "x*-3"),
    (lambda: x + 0.5, "x + 0.5"),
    (lambda: x * Fraction(1, 3), "x*(1/3)"),
    (lambda: +x, "x"),
    (lambda: abs(x), "abs(x)"),
    (lambda: symdiff.sin(x) * symdiff.exp(2 * x), "sin(x) exp(2x)"),
    (lambda: symdiff.sqrt(x) + symdiff.ln(x) + symdiff.log(x), "√x + ln x + log x"),
    (lambda: symdiff.asin(x), "arcsin(x)"),
    (lambda: Function("f")(x**2), "f(x^2)"),
    (lambda: symdiff.sigmoid(3), "sigmoid(3)"),
    (lambda: Add(x, 1, y), "x + 1 + y"),
    (lambda: Mul(2, x, y), "2*x*y"),
    (lambda: E**x, "e^x"),
    (lambda: pi * x, "pi x"),
]


@pytest.mark.parametrize(("build", "text"), OPERATORS, ids=[text for _, text in OPERATORS])
def test_python_operators_build_what_the_text_reads_as(build, text):
    assert build() == parse(text)


def test_operators_refuse_what_is_not_a_number():
    with pytest.raises(TypeError):
        x + "y"
    with pytest.raises(TypeError):
        x * None
    with pytest.raises(TypeError):
        x + True


def test_operators_never_change_their_operands():
    total = Add(x, y)
    before = total.terms
    total + z
    total * z
    assert total.terms == before and total == Add(x, y)


def test_symbols():
    assert symbols("x") == Symbol("x")
    assert symbols("x y") == (Symbol("x"), Symbol("y"))
    assert symbols("a, b,c") == tuple(map(Symbol, "abc"))


def test_public_functions_cover_the_function_table():
    from symdiff.core.functions import FUNCTIONS

    for name in FUNCTIONS:
        assert getattr(symdiff, name)(x) == Call(name, x)
    assert symdiff.log(x, 2) == symdiff.log2(x) == Log(x, 2) and symdiff.log10(x) == Log(x, 10)
    assert symdiff.root(x, 4) == Root(x, 4)
    assert "abs" not in symdiff.__all__  # so that `from symdiff import *` keeps the builtin


# --- operations -------------------------------------------------------------------------------------


def test_free_symbols():
    assert parse("3x^2 sin(y) + pi + e + f(z)").free_symbols == {x, y, z}
    assert parse("2 + pi").free_symbols == frozenset()


@pytest.mark.parametrize(
    ("text", "args", "kwargs", "expected"),
    [
        ("x^2 + y", (x, 3), {}, "3^2 + y"),
        ("x^2 + y", ({x: y, y: x},), {}, "y^2 + x"),  # simultaneous: a swap
        ("x^2 + y", ("x", parse("z")), {}, "z^2 + y"),
        ("x^2 + y", (), {"x": 2}, "2^2 + y"),
        ("sin(x + 1) + x + 1", (parse("x + 1"), z), {}, "sin(z) + x + 1"),  # whole subtrees only
        ("x - y", ([(x, 1), (y, Fraction(1, 2))],), {}, "1 - 1/2"),
        ("f(x)", (x, parse("g(t)")), {}, "f(g(t))"),
        ("x", (x, -2), {}, "-2"),
    ],
)
def test_subs(text, args, kwargs, expected):
    assert parse(text).subs(*args, **kwargs) == parse(expected)


def test_subs_keeps_untouched_subtrees_and_never_changes_its_input():
    e = parse("sin(y) + x")
    replaced = e.subs(x, z)
    assert replaced.terms[0] is e.terms[0]
    assert e == parse("sin(y) + x")
    assert e.subs(z, x) is e


def test_subs_rejects_a_bad_call():
    with pytest.raises(SymdiffError):
        x.subs(1, 2, 3)


def test_every_node_kind_has_a_printer_an_evaluator_and_a_precedence():
    from symdiff.core.evaluate import _EVALUATORS
    from symdiff.core.printer import _LAYOUT, _REPR_LAYOUT, PRECEDENCE

    assert set(NODE_TYPES) == set(_LAYOUT) == set(_REPR_LAYOUT) == set(_EVALUATORS) == set(PRECEDENCE)
    defined = vars(symdiff.core.expr).values()
    node_classes = {value for value in defined if isinstance(value, type) and issubclass(value, Expr)}
    assert set(NODE_TYPES) == node_classes - {Expr}


def test_repr_shows_the_constructors():
    assert repr(parse("2.5x^2 - f'(y)")) == (
        "Sub(Mul(Number('2.5'), Pow(Symbol('x'), Number(2))), UndefinedCall('f', Symbol('y'), 1))"
    )
    assert repr(parse("sin(pi)")) == "Call('sin', Constant('pi'))"


def test_hashes_are_the_same_in_every_process():
    import subprocess
    import sys

    probe = "import symdiff; print(hash(symdiff.parse('3x^2 sin(theta) + f(y)/2.5 - pi')))"
    seen = {
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1
