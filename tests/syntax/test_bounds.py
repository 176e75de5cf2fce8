"""Size and depth: no RecursionError on anything the parser accepts or Python builds,
and a clean ParseError past the bounds."""

import re

import pytest

from symdiff import Add, Call, Mul, Neg, ParseError, Pow, Symbol, parse
from symdiff.syntax.bounds import MAX_DEPTH, MAX_INPUT_LENGTH

x = Symbol("x")


def test_49999_nested_parentheses_give_a_result():
    assert parse("(" * 49_999 + "x" + ")" * 49_999) == x


def test_99999_unary_minuses_give_a_clean_error_at_the_limit():
    text = "-" * 99_999 + "x"
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert f"more than {MAX_DEPTH:,} levels" in caught.value.message
    # Nodes are built innermost first, so the caret marks the sign that crosses the limit.
    assert text[caught.value.pos] == "-"
    assert caught.value.pos == len(text) - 1 - MAX_DEPTH


def test_50000_term_sum_gives_a_result():
    e = parse("+".join(["x"] * 50_000))
    assert isinstance(e, Add) and len(e.terms) == 50_000 and e.depth == 2
    # Printed with spaces it is 200,000 characters, past MAX_INPUT_LENGTH; a quarter reads back.
    quarter = Add(*e.terms[:12_500])
    assert parse(str(quarter)) == quarter


def test_deepest_accepted_input_is_fully_usable():
    text = "sin(" * (MAX_DEPTH - 1) + "x" + ")" * (MAX_DEPTH - 1)
    e = parse(text)
    assert e.depth == MAX_DEPTH
    assert str(e) == text and parse(str(e)) == e and hash(e) == hash(parse(text))
    assert e.free_symbols == {x}
    assert abs(e.evaluate(x=1.0)) < 1
    assert e.subs(x, 2) != e


@pytest.mark.parametrize(
    "text",
    [
        "sin(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH,
        "x" + "^x" * MAX_DEPTH,
        "-".join(["x"] * (MAX_DEPTH + 1)),
        "/".join(["x"] * (MAX_DEPTH + 1)),
        "(" * MAX_DEPTH + "x" + "+1)" * MAX_DEPTH,
        "(" * MAX_DEPTH + "x" + ")2" * MAX_DEPTH,
        "sin " * (MAX_DEPTH + 1) + "x",
        "√" * (MAX_DEPTH + 1) + "x",
    ],
    ids=["calls", "powers", "differences", "quotients", "sums", "implicit products", "textbook calls", "roots"],
)
def test_one_level_past_the_depth_bound_is_a_parse_error(text):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert "levels deep" in caught.value.message
    assert 0 <= caught.value.pos < len(text)


def test_input_longer_than_the_bound_is_refused_before_parsing():
    with pytest.raises(ParseError) as caught:
        parse("x" + " " * MAX_INPUT_LENGTH)
    assert f"at most {MAX_INPUT_LENGTH:,}" in caught.value.message


def test_very_deep_python_built_trees_work_without_recursion():
    deep = x
    for _ in range(100_000):
        deep = Neg(deep)
    twin = x
    for _ in range(100_000):
        twin = Neg(twin)
    assert deep == twin and hash(deep) == hash(twin)
    assert deep != Neg(twin)
    assert str(deep).count("-") == 100_000
    assert repr(deep).startswith("Neg(Neg(")
    assert deep.evaluate(x=1.0) == 1.0
    assert deep.free_symbols == {x}
    assert deep.subs(x, 2).evaluate() == 2.0


def test_shared_subtrees_cost_once_per_distinct_node():
    # x^(2^200) as a DAG of 200 squarings: its tree has about 2^200 nodes, its DAG 201.
    power = x
    for _ in range(200):
        power = Mul(power, power)
    other = x
    for _ in range(200):
        other = Mul(other, other)
    assert power == other and hash(power) == hash(other)
    assert power.free_symbols == {x}
    assert power.evaluate(x=1.0) == 1.0
    replaced = power.subs(x, Call("sin", x))
    assert replaced.children[0] is replaced.children[1]  # sharing survives substitution
    assert Pow(power, 2) != Pow(other, 3)


@pytest.mark.parametrize(("text", "order"), [
    ("d^1000000000/dx^1000000000 x^2", "1000000000"),  # a billion variables were listed first: it never returned
    ("D_x^5000 x", "5000"),
    ("d^101/dx^101 x^2", "101"),
    ("d^2/dx^101 x^2", "101"),
    ("d" + "^" + "9" * 5000 + "/dx^2 x", "999999999999… (5,000 digits)"),  # past int()'s 4,300 digits
])
def test_an_order_written_past_the_bound_is_refused_at_once(text, order):
    import time

    start = time.perf_counter()
    with pytest.raises(ParseError, match=rf"a derivative of order {re.escape(order)}: symdiff takes at most 100"):
        parse(text)
    assert time.perf_counter() - start < 0.5


def test_orders_up_to_the_bound_are_read():
    assert str(parse("d^100/dx^100 x^2")).startswith("d^100/dx^100")
    assert str(parse("d^0100/dx^0100 x^2")).startswith("d^100/dx^100")
