"""Bad input: one row per case, input -> where the caret goes and what the sentence says."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symdiff import ParseError, SymdiffError, parse

ERRORS = [
    # (input, line, column, words the message must contain)
    ("x +", 1, 4, "expected an expression after '+', but the input ended"),
    ("x + * 2", 1, 5, "expected an expression after '+', found '*'"),
    ("*x", 1, 1, "expected an expression, found '*'"),
    ("x^", 1, 3, "expected an exponent after '^', but the input ended"),
    ("x ^ ^ 2", 1, 5, "expected an exponent after '^', found '^'"),
    ("(x + 1", 1, 7, "missing ')': the '(' at column 1 is never closed"),
    ("sin(x", 1, 6, "missing ')': the '(' at column 4 is never closed"),
    ("x\n+ (y", 2, 5, "the '(' at line 2, column 3 is never closed"),
    ("x)", 1, 2, "unmatched ')'"),
    ("2 + )", 1, 5, "unmatched ')'"),
    ("(x))", 1, 4, "unmatched ')'"),
    ("()", 1, 2, "empty parentheses"),
    ("sin()", 1, 5, "empty parentheses"),
    ("(x+)", 1, 4, "expected an expression after '+', found ')'"),
    ("sin", 1, 4, "expected the argument of sin (as in sin(x) or sin x), but the input ended"),
    ("2 + sin", 1, 8, "expected the argument of sin"),
    ("sin^2", 1, 6, "expected the argument of sin^2"),
    ("sin²", 1, 5, "expected the argument of sin²"),
    ("sin + x", 1, 5, "cannot start with '+'"),
    # inside a textbook argument an exponent takes a closed call only: where would cos's argument end?
    ("sin x^cos x", 1, 11, "a function in an exponent inside the argument of another function needs parentheses: "
                           "write ^cos(x), or put the whole power in parentheses"),
    ("sin x^-cos x", 1, 12, "write ^-cos(x), or put the whole power in parentheses"),  # it asked for "cos x"
    ("sin x**-cos x", 1, 13, "write ^-cos(x)"),
    ("sin 2^-ln pi", 1, 11, "write ^-ln(pi)"),
    ("sin^-1 x", 1, 5, "sin^-1 is ambiguous: write asin(x)"),
    ("sin⁻¹ x", 1, 4, "sin⁻¹ is ambiguous: write asin(x)"),
    ("tanh^-1 x", 1, 6, "tanh^-1 is ambiguous"),
    ("sin^x", 1, 5, "only a whole power can follow sin^"),
    ("sin^2.5 x", 1, 5, "only a whole power of 1 or more can follow sin^"),
    ("sin^0 x", 1, 5, "only a whole power of 1 or more"),
    ("√", 1, 2, "expected an expression after '√'"),
    ("", 1, 1, "the input is empty"),
    ("   ", 1, 4, "the input is empty"),
    ("f(x, y)", 1, 4, "',' only separates the two arguments of log(x, b) and root(x, n)"),
    ("x, y", 1, 2, "',' only separates"),
    ("log(x, y, z)", 1, 9, "',' only separates"),
    ("sin(x, 2)", 1, 1, "sin takes one argument; only log(x, b) (a base) and root(x, n) (an index) take two"),
    ("root(x)", 1, 1, "root takes the radicand and the index: root(x, 3)"),
    ("1 + root x", 1, 5, "root takes the radicand and the index"),
    ("root(x, 1)", 1, 1, "the index of root(x, n) must be a whole number from 2 to 1000"),
    ("root(x, y)", 1, 1, "must be a whole number from 2 to 1000, as in root(x, 3), not 'y'"),
    ("root(x, 2.5)", 1, 1, "must be a whole number"),
    ("log_2x", 1, 1, "'log_2x' runs digits and letters together: write log_2 x, log_10(x), log_b x, or log(x, base)"),
    ("log_2x + 1)", 1, 1, "'log_2x' runs digits and letters together"),  # the first fault, not the ')'
    ("x + log_", 1, 5, "log_ needs a base right after the '_'"),
    ("log_sin x", 1, 1, "'sin' cannot be the base of log_"),
    ("log_log_2 x", 1, 1, "'log_2' cannot be the base of log_"),
    ("log_2", 1, 6, "expected the argument of log_2 (as in log_2(x) or log_2 x)"),
    ("log_2(x, 3)", 1, 1, "log_2 already has its base"),
    ("log_2^-1 x", 1, 7, "log_2^-1 is ambiguous"),
    ("2,5", 1, 2, "decimals use '.'"),
    ("y = x^2", 1, 3, "'=' is not part of an expression"),
    ("x < 1", 1, 3, "not inequalities"),
    ("[x]", 1, 1, "use '(' and ')' for grouping"),
    ("|x|", 1, 1, "write abs(x) for |x|"),
    ("x!", 1, 2, "factorial"),
    ("y'", 1, 2, "a prime (') may only follow f, g or h"),
    ("f'", 1, 2, "a prime (') may only follow f, g or h"),
    ("\\sqrt{x}", 1, 1, "LaTeX commands are not read"),
    ("_x", 1, 1, "a name starts with a letter"),
    ("x + ж", 1, 5, "'ж' cannot be used in a name"),
    ("x $ y", 1, 3, "unexpected character '$'"),
    ("x\t$", 1, 3, "unexpected character '$'"),
    ("1" * 1001, 1, 1, "more than 1,000 digits"),
    ("1e1001", 1, 1, "power of ten is beyond ±1,000"),
    ("2 + 1e" + "9" * 5000, 1, 5, "power of ten is beyond ±1,000"),
    ("11e1000", 1, 1, "power of ten is beyond ±1,000"),  # 1.1e1001: its text would not read back
    ("0.5e-1000", 1, 1, "power of ten is beyond ±1,000"),
    # malformed numbers are typos, not products (1..2 was read as 1*0.2)
    ("1..2", 1, 3, "is not a number: a number has at most one decimal point"),
    ("3.4.5", 1, 4, "at most one decimal point"),
    ("x + 2.5.1", 1, 8, "at most one decimal point"),
    # derivative notation
    ("d/dx", 1, 5, "d/dx needs the expression to differentiate after it, as in d/dx x^2, but the input ended"),
    ("x + d/dx", 1, 9, "d/dx needs the expression to differentiate after it"),
    ("d/dx + 1", 1, 5, "d/dx needs the expression to differentiate after it"),
    ("d/dx[", 1, 6, "d/dx needs the expression"),
    ("d/dx[x^2", 1, 9, "missing ']': the '[' at column 5 is never closed"),
    ("d/dx (x^2) + 1", 1, 1, "d/dx (x^2) + ... is ambiguous: write d/dx[x^2] + ... for the derivative of the"),
    ("2*d/dx (x) - x", 1, 3, "is ambiguous"),
    ("d2/dxdy x^3 y^2", 1, 1, "for the mixed partial of x, y write d^2/(dx dy) or ∂^2/∂x∂y"),
    ("d^2/dxdy x^3 y^2", 1, 1, "the order on top is 2 but dxdy below adds up to 1"),
    ("d/dxdy x^3 y^2", 1, 1, "differentiates by one variable xdy, which is not in the expression"),
    ("d^2/dx x", 1, 1, "the order on top is 2 but dx below adds up to 1"),
    ("∂^3/∂x∂y x y", 1, 1, "the order on top is 3 but ∂x ∂y below adds up to 2"),
    ("d/dsin x", 1, 1, "'sin' is a function or constant, not a variable to differentiate by"),
    ("D_pi x", 1, 1, "'pi' is a function or constant"),
    ("dy/dx", 1, 1, "dy/dx reads as the derivative of y, but y is not defined here"),
    ("x + dist/dx", 1, 5, "(dist)/dx for a quotient of names"),
    ("[x]", 1, 1, "square brackets only follow a derivative, as in d/dx[x^2]"),
]


@pytest.mark.parametrize(("text", "line", "column", "words"), ERRORS, ids=[row[0][:20] for row in ERRORS])
def test_error_position_and_message(text, line, column, words):
    with pytest.raises(ParseError) as caught:
        parse(text)
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    assert error.text == text
    assert isinstance(error, SymdiffError) and isinstance(error, ValueError)


def test_caret_sits_under_the_fault():
    with pytest.raises(ParseError) as caught:
        parse("x^2 + * 3")
    lines = str(caught.value).splitlines()
    assert lines[0] == "expected an expression after '+', found '*'"
    assert lines[1] == "  x^2 + * 3"
    assert lines[2].index("^") == lines[1].index("*")


def test_caret_in_a_long_line_shows_a_window_around_the_fault():
    text = "x + " * 5000 + "$" + " + y" * 5000
    with pytest.raises(ParseError) as caught:
        parse(text)
    _, shown, caret = str(caught.value).splitlines()
    assert len(shown) < 100
    assert shown[caret.index("^")] == "$"
    assert shown.lstrip().startswith("…") and shown.endswith("…")


def test_unicode_input_keeps_columns_of_the_original_text():
    with pytest.raises(ParseError) as caught:
        parse("π·x² − √ ")
    assert caught.value.column == 9  # just past the √, counted in the text as typed


LARK_WORDS = ["LPAR", "RPAR", "__ANON", "Token(", "lark", "NUMBER", "PLUS_MINUS", "MUL_OP", "$END", "Traceback"]


@given(st.text(alphabet="xy2.e^*/+-()√²⁻ sinf',=π", max_size=14))
def test_any_text_parses_or_gives_a_parse_error_in_words(text):
    try:
        parse(text)
    except ParseError as error:
        shown = str(error)
        assert not any(word in shown for word in LARK_WORDS), shown
        assert 1 <= error.column <= len(text.split("\n")[error.line - 1]) + 1


@given(st.text(alphabet=string.printable + "πθ·×÷−√²³⁻¹", max_size=30))
def test_printable_garbage_never_escapes_as_another_exception(text):
    try:
        parse(text)
    except ParseError:
        pass


def test_non_string_input_is_a_symdiff_error():
    with pytest.raises(SymdiffError):
        parse(42)  # type: ignore[arg-type]
