"""Infinity (oo): written, read and printed like any atom, refused by everything that computes."""

import pytest

import symdiff
from symdiff import Infinity, Neg, Symbol, SymdiffError, oo, parse
from symdiff.core.expr import INFINITY_NAMES, RESERVED_NAMES


@pytest.mark.parametrize(("text", "expected"), [
    ("oo", oo), ("inf", oo), ("∞", oo), ("-oo", Neg(oo)), ("-∞", Neg(oo)), ("+inf", oo), ("2∞", 2 * oo),
    ("x/oo", Symbol("x") / oo), ("infx", Symbol("infx")), ("oox", Symbol("oox")), ("oo1", Symbol("oo1")),
])
def test_infinity_is_read(text, expected):
    assert parse(text) == expected


def test_infinity_prints_as_oo_and_infty():
    assert str(oo) == "oo" and str(Neg(oo)) == "-oo" and repr(oo) == "Infinity()"
    assert oo.to_latex() == r"\infty" and parse("-oo").to_latex() == r"-\infty"
    assert Infinity() == oo and hash(Infinity()) == hash(oo)


def test_the_words_for_infinity_are_reserved():
    assert INFINITY_NAMES <= RESERVED_NAMES
    for name in INFINITY_NAMES:
        with pytest.raises(SymdiffError, match="reserved"):
            Symbol(name)


@pytest.mark.parametrize("call", [
    lambda: parse("oo").evaluate(),
    lambda: parse("x + oo").evaluate(x=1),
    lambda: symdiff.simplify("oo - oo"),
    lambda: symdiff.simplify("0*oo"),
    lambda: symdiff.simplify("x*oo - x*oo"),
    lambda: symdiff.expand("(x + oo)^2"),
    lambda: symdiff.cancel("(x*oo)/(x*oo)"),
    lambda: symdiff.factor("x^2 - oo"),
    lambda: symdiff.together("1/oo + 1/x"),
    lambda: symdiff.diff("x + oo", "x"),
    lambda: symdiff.diff("x*oo", "x"),
    lambda: symdiff.derive("oo", "x"),
    lambda: symdiff.gradient("x*oo + y", ["x", "y"]),
    lambda: symdiff.lambdify("x + oo", ["x"]),
])
def test_nothing_computes_with_infinity(call):
    # oo - oo and 0*oo have no value: as an ordinary atom, oo would cancel to 0.
    with pytest.raises(SymdiffError, match="oo"):
        call()


def test_simplify_keeps_a_bare_infinity():
    assert symdiff.simplify("oo") == oo and symdiff.simplify("-oo") == Neg(oo)
