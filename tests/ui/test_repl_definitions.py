"""The session's definitions (a = 3, f(x) = ...), mixed partials, gradients and Hessians, and
:latex and :save for the last result of every kind."""

import inspect
import json
import subprocess
import sys

import pytest

from symdiff import SymdiffError
from symdiff.ui.repl import COMMANDS, Session


def play(lines):
    """Run every line but the last in a new session with the steps off; the last one's text."""
    session = Session()
    session.handle(":steps off")
    for line in lines[:-1]:
        session.handle(line)
    return session.handle(lines[-1])


class Error(str):
    """The last line is refused with this (part of the) message."""


REFUSED_X = "x is defined as 3 (x = 3); :unset x to use x as a variable again"

SCRIPTS = [
    # --- names with values: never a variable to differentiate by ----------------------------------
    (["a = 3", "a x^2"], "6*x"),
    (["a = 3", "a b^2"], "6*b"),  # b, the only variable left
    (["x = 3", "x^2"], Error(REFUSED_X)),  # it used to differentiate 9 (and give 0)
    (["x = 3", "d/dx x^2"], Error(REFUSED_X)),
    (["x = 3", ":diff x^2, x"], Error(REFUSED_X)),
    (["x = 3", ":diff x^2"], Error(REFUSED_X)),
    (["x = 3", ":check x^2 = 2x"], Error(REFUSED_X)),
    (["x = 3", ":grad x y, x, y"], Error(REFUSED_X)),
    (["x = 3", ":hessian x^2"], Error(REFUSED_X)),
    (["x = 3", ":grad x y"], "∇[3*y] with respect to (y):\n  d/dy = 3"),
    (["x = 3", "d/dy x y"], "3"),
    (["x = 3", "x = x", "x^2"], "2*x"),  # x = x makes x a variable again (it used to keep 3)
    (["x = 3", ":unset x", "x^2"], "2*x"),
    (["x = 3", "a = 1", ":clear", "x^2"], "2*x"),
    (["x = 3"], "x = 3  (x now stands for 3 in every line; :unset x to use it as a variable again)"),
    (["x = x"], "x is a variable (nothing to define)"),
    (["a = 3", "a = 2a", ":vars"], "  a = 2*3"),  # the right side is read with the earlier value
    (["y = x^2", "d/dx y"], "2*x"),
    (["y = x^2", "y"], "2*x"),
    (["y = x^2", "d/dy y"], Error("y is defined as x^2 (y = x^2); :unset y to use y as a variable again")),
    (["y = x^2", "x = 3", "y"], Error(REFUSED_X)),
    (["a = 3", "_ + 1"], Error("_ is the last result, and there is none yet")),
    # --- functions ----------------------------------------------------------------------------------
    (["f(x) = x^2 sin x"], "f(x) = x^2*sin(x)"),
    (["f(x) = x^2 sin x", "f'(x)"], "x^2*cos(x) + 2*x*sin(x)"),
    (["f(x) = x^2 sin x", "f''(x)"], "4*x*cos(x) - x^2*sin(x) + 2*sin(x)"),
    (["f(x) = x^2 sin x", "f'(0)"], "0"),
    (["f(x) = x^2 sin x", "f(2)"], "f(2) = 4*sin(2) ≈ 3.6371897073"),
    (["f(x) = x^2 sin x", "f(t^2)"], "2*t^5*cos(t^2) + 4*t^3*sin(t^2)"),  # a line: its derivative, by t
    (["f(x) = x^2 sin x", "d/dx f(x)"], "x^2*cos(x) + 2*x*sin(x)"),
    (["f(x) = x^2 sin x", "d/dx f"], "x^2*cos(x) + 2*x*sin(x)"),  # f alone is its formula
    (["f(x) = x^2 sin x", "d/dt f(t^2)"], "2*t^5*cos(t^2) + 4*t^3*sin(t^2)"),
    (["g(t) = e^(2t)", "g'(t) + g(t)"], "6*e^(2*t)"),
    (["h(u) = u^3", "f(x) = h(x) + 1", "f'(2)"], "12"),
    (["x = 3", "f(x) = x^2", "f'(5)"], "10"),  # a parameter is a variable of its own
    (["f(x) = x^2", "f(x) = f(x) + x", ":vars"], "  f(x) = x^2 + x"),
    (["f(x) = x^2", ":unset f", "f(x)"], "f'(x)"),  # an undefined function again
    (["f(x) = x^2", "f = 3", ":vars"], "  f = 3"),  # one namespace: f is now a value
    (["f(x) = x^2", "a = 2", ":vars"], "  a = 2\n  f(x) = x^2"),
    (["f(x) = x^2", ":unset f"], "f is an undefined function again"),
    (["f(x) = x^2", ":grad f(x y)"], "∇[(x*y)^2] with respect to (x, y):\n  ∂/∂x = 2*x*y^2\n  ∂/∂y = 2*x^2*y"),
    (["p(x) = x^2"], Error("only f, g and h can name functions: symdiff reads f(, g( and h( as calls")),
    (["sin(x) = x"], Error("sin is a built-in function or constant")),
    (["f(2) = 3"], Error("the parameter of f is a letter")),
    (["f'(x) = 2x"], Error("define the function itself, f(x) = ...")),
    (["f(x) = f(x) + 1"], Error("defines f by itself")),
    (["a = a + 1"], Error("defines a by itself")),
    (["pi = 3"], Error("pi is a function or constant")),
    ([":unset q"], Error("q is not defined")),
    ([":unset"], Error("say which: :unset x")),
    ([":clear now"], Error(":clear takes nothing after it")),
    ([":clear"], "nothing was defined"),
    (["a = 1", "f(x) = x", ":clear"], "cleared 2 definitions"),
    (["a = 1", ":let y = 3", ":let C = (y - x)^2", ":clear"], "cleared 1 definition and 2 :let quantities"),
    ([":let z = w x + b", ":clear", ":let"], "no quantities yet: :let z = w x + b defines one for :chain"),
    # --- a line with no variable: its value -----------------------------------------------------------
    (["5"], "5"),
    (["pi"], "pi ≈ 3.14159265359"),
    (["1/0"], Error("division by zero")),
    # --- mixed partials -------------------------------------------------------------------------------
    ([":diff x^3 y^2, x, y"], "6*x^2*y"),  # it used to say "the order is a whole number, not 'y'"
    ([":diff x^3 y^2, y, x"], "6*x^2*y"),
    ([":diff x^3, x, 2"], "6*x"),  # a number after a variable is still the order
    ([":diff x^3 y^2, x, 2, y"], "12*x*y"),
    (["d/dy d/dx x^3 y^2"], "6*x^2*y"),  # it used to read d/dx as d*(1/dx)
    (["d/dx d/dx x^3"], "6*x"),
    (["d2/dxdy x^3 y^2"], Error("for the mixed partial of x, y write d^2/(dx dy)")),  # it used to give 0
    (["d/dx (x^2) + 1"], Error("is ambiguous")),  # the grammar, not a reading of the session's own
    ([":diff x^3 y^2, x, y, 2x"], Error("'2x' is not a variable or an order")),
    ([":diff x^3, 2"], Error("an order follows the variable it counts")),
    ([":diff x^3, x, 101"], Error("from 1 to 100")),
    ([":check d/dy d/dx x^3 y^2 = 6 x^2 y"], "Correct: your answer simplifies to the derivative.\n  "
                                             "∂^2/∂y∂x [x^3*y^2] = 6*x^2*y"),
    # --- gradients and Hessians ------------------------------------------------------------------------
    ([":grad x^2 y + y^3"], "∇[x^2*y + y^3] with respect to (x, y):\n  ∂/∂x = 2*x*y\n  ∂/∂y = x^2 + 3*y^2"),
    ([":hessian x y, y, x"], "The Hessian of x*y with respect to (y, x):\n  ∂^2/∂y^2 = 0\n  ∂^2/∂x∂y = 1\n"
                             "  ∂^2/∂y∂x = 1\n  ∂^2/∂x^2 = 0\n  H = [ 0  1 ]\n      [ 1  0 ]"),
    ([":grad x^2", "_"], "2"),  # one variable: _ is the one partial derivative
    ([":grad x y", "_"], Error("_ is the last result, and the last one (the gradient of x*y) is not one expression")),
    ([":grad 5"], Error("5 has no variables")),
    ([":grad x y, x, x"], Error("name each variable once")),
    ([":hessian x y, 2x"], Error("'2x' is not a variable or an order")),
    ([":hessian"], Error("the input is empty")),
    ([":grad x y,"], Error("an empty value between commas")),
]


@pytest.mark.parametrize(("lines", "expected"), SCRIPTS)
def test_scripts(lines, expected):
    if isinstance(expected, Error):
        with pytest.raises(SymdiffError) as caught:
            play(lines)
        assert str(expected) in str(caught.value)
    else:
        assert play(lines) == expected


def test_a_derivative_of_a_defined_function_shows_its_steps_and_its_value():
    session = Session()
    session.handle("f(x) = x^2 sin x")
    text = session.handle("f''(2)")
    lines = text.splitlines()
    assert lines[0] == "f''(2), with f(x) = x^2*sin(x):"
    assert lines[1] == "d^2/dx^2 [x^2*sin(x)]" and any("Product Rule" in line for line in lines)
    assert lines[-2:] == ["= 4*x*cos(x) - x^2*sin(x) + 2*sin(x)", "so f''(2) = 8*cos(2) - 2*sin(2)"]


def test_the_session_survives_every_bad_line():
    session = Session()
    for lines, expected in SCRIPTS:
        if isinstance(expected, Error):
            for line in lines:
                try:
                    session.handle(line)
                except SymdiffError:
                    pass
            session.handle(":clear")
            assert session.handle("x^2").splitlines()[-1] == "= 2*x"


# --- :latex and :save for the last result of every kind -------------------------------------------------

KINDS = [
    # (the line, what :latex and :save say it is, something in its LaTeX, the JSON key)
    ("x^3", "the derivative d/dx [x^3]", r"\begin{align*}", "derivations"),
    (":diff x^3 y^2, x, y", "the derivative ∂^2/∂y∂x [x^3*y^2]", r"\begin{align*}", "derivations"),
    (":grad x^2 y + y^3", "the gradient of x^2*y + y^3", r"\begin{bmatrix}", "gradients"),
    (":hessian x^2 y", "the Hessian of x^2*y", r"H_{f} = \begin{bmatrix}", "hessians"),
    (":area x^2, 0, 1, simpson, 2", "the area under x^2 from 0 to 1", r"\int_{0}^{1}", "areas"),
    (":simplify 2x + 3x", "the simplification of 2*x + 3*x", "5 x", "simplifications"),
    ("1/2 + 1/3", "the value of 1/2 + 1/3", r"\frac{5}{6} \approx 0.833333333333", "values"),
]


@pytest.mark.parametrize(("line", "what", "latex", "key"), KINDS)
def test_latex_and_save_use_the_last_result_whatever_its_kind(tmp_path, line, what, latex, key):
    session = Session()
    session.handle("x^5")  # an older derivative, which :latex and :save must not use
    session.handle(line)
    shown = session.handle(":latex")
    assert shown.splitlines()[0] == f"% {what}" and latex in shown and "x^{5}" not in shown
    for suffix in ("tex", "json", "md"):
        path = tmp_path / f"result.{suffix}"
        assert session.handle(f":save {path}") == f"saved {what} to {path}"
        text = path.read_text(encoding="utf-8")
        assert "x^5" not in text and "x^{5}" not in text
    data = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert data["schema"] == "symdiff.trace/1" and len(data[key]) == 1
    assert (tmp_path / "result.tex").read_text(encoding="utf-8").startswith(r"\documentclass")


def test_save_after_area_saves_the_area_not_an_older_derivation(tmp_path):
    session = Session()
    session.handle("x^3")
    session.handle(":area sin x, 0, pi, simpson, 4")
    assert session.handle(f":save {tmp_path / 'a.json'}") == f"saved the area under sin(x) from 0 to pi to " \
                                                              f"{tmp_path / 'a.json'}"
    [area] = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["areas"]
    assert area["method"] == "simpson" and area["n"] == 4 and abs(area["value"] - 2.0045597549844207) < 1e-12


def test_nothing_to_show_or_save_before_any_result(tmp_path):
    session = Session()
    session.handle("a = 3")  # a definition is not a result
    with pytest.raises(SymdiffError, match="nothing to show yet"):
        session.handle(":latex")
    with pytest.raises(SymdiffError, match="nothing to save yet"):
        session.handle(f":save {tmp_path / 'x.tex'}")
    session.handle("x^2")
    with pytest.raises(SymdiffError, match=r"use \.tex, \.json or \.md"):
        session.handle(f":save {tmp_path / 'x.pdf'}")


# --- :notation, :help --------------------------------------------------------------------------------


def test_notation_is_set_or_refused_with_the_reason():
    from symdiff import Derivation

    session = Session()
    assert session.handle(":notation") == "notation: leibniz"
    assert session.handle(":notation Leibniz") == "notation: leibniz"
    with pytest.raises(SymdiffError, match="notation is one of leibniz, lagrange, euler, newton, not 'arabic'"):
        session.handle(":notation arabic")
    if "notation" in inspect.signature(Derivation.explain).parameters:
        assert session.handle(":notation euler") == "notation: euler"
        assert session.handle("x^2").splitlines()[-1] == "= 2*x"
    else:
        with pytest.raises(SymdiffError, match="Leibniz notation only"):
            session.handle(":notation euler")
        assert session.handle(":notation") == "notation: leibniz"


def test_help_lists_every_command():
    text = Session().handle(":help")
    for command in (":grad", ":hessian", ":diff", ":unset", ":clear", ":vars", ":notation", ":latex", ":save",
                    "f(x) = <expr>", "<name> = <expr>", "d/dy d/dx"):
        assert command in text, command
    usages = [line for line in text.splitlines() if line.startswith("  ") and not line.startswith("      ")]
    assert len(usages) == len(COMMANDS)
    assert max(len(line) for line in text.splitlines()) <= 100  # fits a terminal


def test_completion_offers_the_new_commands_and_the_defined_names():
    session = Session()
    session.handle("f(x) = x^2")
    session.handle("alpha = 2")
    words = session.completions()
    assert {":hessian", ":unset", ":clear", ":notation", "f", "alpha"} <= set(words)


# --- derivatives written in the grammar's notations ---------------------------------------------------

WRITTEN = [
    (["d/dx[x^3]"], "3*x^2"),
    (["∂/∂x x^2 y"], "2*x*y"),
    (["D_x x^3"], "3*x^2"),
    (["d/dy[d/dx[x^3 y^2]]"], "6*x^2*y"),
    (["∂^2/∂y∂x x^3 y^2"], "6*x^2*y"),
    (["d^2/(dy dx) x^3 y^2"], "6*x^2*y"),
    (["x + d/dx[x^2]"], "3"),  # a derivative inside a line is worked out; the line is differentiated
    (["y = x^2", "dy/dx"], "2*x"),
    (["y = x^2", "dy/dx + y"], "2*x + 2"),
    (["f(x) = x^2 sin x", "df/dx"], "x^2*cos(x) + 2*x*sin(x)"),
    (["x = 3", "d/dx[x^2]"], Error(REFUSED_X)),
    (["x = 3", "∂/∂x x y"], Error(REFUSED_X)),
    (["dy/dx"], Error("dy/dx reads as the derivative of y, but y is not defined here")),
    ([":diff d/dx x^3 y^2, y"], "6*x^2*y"),  # by x as written, then by y
    ([":check ∂/∂y x y^2 = 2 x y"], "Correct: your answer simplifies to the derivative.\n  d/dy [x*y^2] = 2*x*y"),
]


@pytest.mark.parametrize(("lines", "expected"), WRITTEN)
def test_a_written_derivative_as_the_whole_line_is_worked_not_differentiated_again(lines, expected):
    test_scripts(lines, expected)


def test_a_written_mixed_partial_shows_its_steps():
    text = Session().handle("d/dy d/dx x^3 y^2")
    assert text.splitlines()[0] == "∂^2/∂y∂x [x^3*y^2]" and text.splitlines()[-1] == "= 6*x^2*y"


def test_every_new_line_through_a_real_pipe():
    lines = [line for script, _ in SCRIPTS + WRITTEN for line in [*script, ":clear"]]
    result = subprocess.run([sys.executable, "-m", "symdiff"], input="\n".join(lines) + "\n", capture_output=True,
                            text=True)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    assert "error: " + REFUSED_X in result.stdout
    assert "f(2) = 4*sin(2) ≈ 3.6371897073" in result.stdout


def test_a_value_that_doubles_with_each_definition_is_shown_cut_and_still_differentiated():
    session = Session()
    session.handle(":steps off")
    session.handle("a = x")
    for _ in range(40):  # written out, a would be 2^40 factors; the tree shares them
        shown = session.handle("a = a a")
    assert len(shown) < 1100 and shown.endswith("…")
    assert session.handle("a") == "1099511627776*x^1099511627775"
    assert len(session.handle(":vars")) < 1100
