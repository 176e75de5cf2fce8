"""Notes on names that look like a function written otherwise: sinx read as one name, sinn(x)
read as a product. The reading stays as README documents it; the front ends say so."""

import pytest

from symdiff import parse
from symdiff.ui.cli import main
from symdiff.ui.name_notes import name_notes
from symdiff.ui.repl import Session

NOTED = [
    ("sinx", "sinx is read as one name, not sin(x): write sin x or sin(x) for the function"),
    ("x*sinx", "not sin(x)"),
    ("tanhx + 1", "tanhx is read as one name, not tanh(x)"),  # the longest word: tanh and x, not tan and hx
    ("sin2x", "sin2x is read as one name, not sin(2x): write sin 2x or sin(2x)"),
    ("lnx^2", "lnx is read as one name, not ln(x)"),
    ("cost + t", "cost is read as one name, not cos(t)"),  # t is in the expression too
    ("sinn(x)", "sinn(x) is read as the product sinn*(x): sinn is not a function symdiff knows "
                "(did you mean sin, sign or sinh?)"),
    ("sine(x^2 + 1)", "sine(x^2 + 1) is read as the product sine*(x^2 + 1): sine is not a function symdiff "
                      "knows (did you mean sin or sinh?)"),
    ("cso(x) + 1", "(did you mean cos or csc?)"),  # two letters swapped, or one changed
    ("xy(x + 1)", "xy(x + 1) is read as the product xy*(x + 1): xy is not a function symdiff knows"),
    ("foo(" + "(x + 1)*" * 8 + "x)", "foo(...) is read as the product foo*(...)"),  # a long group is not quoted
    # a power of e or a number run into a name: e^2x is e^2*x, where e^(2x) is meant
    ("e^2x", "e^2x is read as e^2*x: write e^(2x) for the power 2x"),
    ("e^-2x + 1", "e^-2x is read as e^(-2)*x: write e^(-2x) for the power -2x"),
    ("3*2^3t", "2^3t is read as 2^3*t"),
]

NOT_NOTED = [
    "x^2 sin x", "sin(x)", "cost", "cost*w", "x(x + 1)", "f(x + h)", "theta + sinh(theta)", "w_1*x + b",
    "xy", "exp(x)*expected", "e^2 x", "e^(2x)", "x^2y", "e^-x", "xe^2x", "e^2sin x",
]


@pytest.mark.parametrize(("text", "note"), NOTED)
def test_a_name_that_looks_like_a_function_is_noted(text, note):
    notes = name_notes(text, parse(text))
    assert any(note in line for line in notes), notes


@pytest.mark.parametrize("text", NOT_NOTED)
def test_names_meant_as_names_are_not_noted(text):
    assert name_notes(text, parse(text)) == []


def test_a_name_the_session_defines_is_not_noted():
    assert name_notes("cost + t", parse("cost + t"), known=["cost"]) == []
    assert name_notes("lr(x)", parse("lr(x)"), known=["lr"]) == []


def test_at_most_three_notes_for_one_line():
    text = "sinx + cosx + tanx + lnx + expx"
    assert len(name_notes(text, parse(text))) == 3


def test_the_command_line_writes_the_note_to_standard_error(capsys):
    assert main(["sinn(x)", "--no-steps"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "sinn\n"
    assert captured.err.startswith("symdiff: note: sinn(x) is read as the product sinn*(x)")
    assert main(["x^2 sin x", "--no-steps"]) == 0
    assert capsys.readouterr().err == ""


def test_the_session_shows_the_note_before_the_answer():
    session = Session()
    shown = session.handle("sinx")
    assert shown.splitlines()[0] == "note: sinx is read as one name, not sin(x): write sin x or sin(x) for the function"
    assert shown.splitlines()[-1] == "= 1"
    assert not session.handle("sin x").startswith("note:")  # notes are for the line they are about
    session.handle(":let cost = w^2")
    assert not session.handle(":simplify cost + t").startswith("note:")


@pytest.mark.parametrize("argv", [["integrate", "sinx"], ["limit", "sinx/x", "--at", "0"], ["area", "sinx", "0", "1"],
                                  ["definition", "sinx"]])
def test_the_subcommands_write_the_note_too(argv, capsys):
    main(argv)
    assert "symdiff: note: sinx is read as one name, not sin(x)" in capsys.readouterr().err
