"""The interactive session: every command, bad lines, names, and both front ends."""

import io
import json
import subprocess
import sys

import pytest

import symdiff
from symdiff import SymdiffError
from symdiff.ui.repl import COMMANDS, Quit, Session, highlighter, interactive, piped


@pytest.fixture
def session():
    return Session()


def test_an_expression_prints_its_derivative_with_steps(session):
    out = session.handle("x^2 sin x")
    assert out.splitlines()[0] == "d/dx [x^2*sin(x)]" and "Product Rule" in out
    assert out.splitlines()[-1] == "= x^2*cos(x) + 2*x*sin(x)"


COMMAND_TABLE = [
    # (line, the text shown, or a part of it)
    ("d/dy x^2 y + y^3", "= x^2 + 3*y^2"),
    ("d/dx(x^3)", "= 3*x^2"),
    ("d2/dx2 x^4", "= 12*x^2"),
    ("d^2/dx^2 x^4", "= 12*x^2"),
    ("d3/dx3 x^4", "= 24*x"),
    ("d/dx_1 x_1^2", "= 2*x_1"),
    ("d/dx2 x2^2", "= 2*x2"),
    ("d/dθ sin θ", "= cos(θ)"),
    (":diff x^3 y, y", "= x^3"),
    (":diff x^3 y, x, 2", "= 6*x*y"),
    (":grad x^2 y + y^3", "∂/∂x = 2*x*y\n  ∂/∂y = x^2 + 3*y^2"),
    (":grad x^2 y + y^3, y", "∂/∂y = x^2 + 3*y^2"),
    (":simplify 2x + 3x - x*x", "5*x - x^2"),
    (":latex x_1^2/2", r"\frac{x_{1}^{2}}{2}"),
    (":check x^2 sin x = 2x sin x + x^2 cos x", "Correct: your answer simplifies to the derivative."),
    (":check x^2 sin x = 2x sin x", "Not the derivative: at x = "),
    (":check d/dy x y^2 = 2 x y", "Correct"),
    (":check sin(x)^2 = sin(2x)", "Correct"),  # equal, though not by simplification
    (":check sin x = cos(x) + 0.001", "Not the derivative"),
    # compared only where ln(x) has a value: 1/abs(x) is its derivative there (it was refused at x = -0.18)
    (":check ln(x) = 1/abs(x)", "Correct: your answer agrees with the derivative at 24 random points"),
    (":check ln(x) = -1/x", "Not the derivative: at x = 1.37"),
    (":area x^2, 0, 1, simpson, 4", "= 0.333333333333"),
    (":area sin x, 0, pi", "∫ sin(x) dx from 0 to pi, trapezoid rule with n = 100 ("),
    (":area e^x, 1, 0, midpoint, 2", "= -1.7005"),
    (":steps brief", "steps: brief"),
    (":steps", "steps: on"),
    (":vars", "no names yet"),
    (":help", ":check <expr> = <answer>"),
    ("# a comment", ""),
    ("", ""),
]


@pytest.mark.parametrize(("line", "shown"), COMMAND_TABLE)
def test_commands(session, line, shown):
    assert shown in session.handle(line)


def test_help_lists_every_command_with_an_example(session):
    text = session.handle(":help")
    for usage, _ in COMMANDS.values():
        assert usage in text


def test_steps_off_and_brief(session):
    session.handle(":steps off")
    assert session.handle("3x^2 + 1") == "6*x"
    session.handle(":steps brief")
    brief = session.handle("3x^2 + 1")
    assert "Power Rule" in brief and "Sum Rule" not in brief and "Constant Rule" not in brief


def test_names_and_the_last_result(session):
    assert session.handle("f = x^2 sin x") == "f = x^2*sin(x)"
    session.handle(":steps off")
    assert session.handle("d/dx f") == "x^2*cos(x) + 2*x*sin(x)"
    assert session.handle("_") == "4*x*cos(x) - x^2*sin(x) + 2*sin(x)"  # the derivative of the last result
    # A name stands for its expression as a whole, as if in parentheses.
    assert session.handle("g = 3 _") == "g = 3*(4*x*cos(x) - x^2*sin(x) + 2*sin(x))"
    assert session.handle(":vars").splitlines()[:2] == [
        "  f = x^2*sin(x)",
        "  g = 3*(4*x*cos(x) - x^2*sin(x) + 2*sin(x))",
    ]
    assert session.handle("f(x) + f") == "x^2*cos(x) + 2*x*sin(x) + f'(x)"  # f( is still a function


def test_vars_lists_the_let_quantities_too(session):
    # :vars said "no names yet" after two :let lines, which :clear then counted as "2 :let quantities"
    session.handle(":let z = w x + b")
    session.handle(":let a = sigmoid(z)")
    assert session.handle(":vars").splitlines() == [
        "  the :let quantities (for :chain):",
        "    z = w*x + b",
        "    a = sigmoid(z)",
    ]


def test_latex_and_save_use_the_last_result(session, tmp_path):
    with pytest.raises(SymdiffError, match="nothing to show yet"):
        session.handle(":latex")
    with pytest.raises(SymdiffError, match="nothing to save yet"):
        session.handle(f":save {tmp_path / 'a.tex'}")
    session.handle("x^3")
    assert session.handle(":latex").startswith("% the derivative d/dx [x^3]\n\\begin{align*}")
    for suffix in ("tex", "json", "md"):
        assert "saved" in session.handle(f":save {tmp_path / ('steps.' + suffix)}")
        assert (tmp_path / f"steps.{suffix}").stat().st_size > 100
    session.handle(":simplify x + x")
    assert session.handle(":latex") == "% the simplification of x + x\n2 x"


BAD_LINES = [
    ("x +", "expected an expression after '+'"),
    ("sin(x", "missing ')'"),
    ("d/dx sin(x", "missing ')'"),
    ("2 ** x", ""),
    (":bogus", "unknown command :bogus"),
    (":steps maybe", "on, off or brief"),
    (":diff x, y, 2x", "'2x' is not a variable or an order"),
    (":diff x,, 2", "empty value"),
    (":diff x, 2", "an order follows the variable it counts"),
    (":diff x, y, 0", "a whole number from 1 to 100"),
    (":check x^2", "write :check"),
    (":save", "say where"),
    (":grad 5", "no variables"),
    ("_ + 1", "_ is the last result, and there is none yet"),
    ("sin = x", "sin is a function or constant"),
    ("a b^2", "say which to differentiate by"),
    ("d^2/dx^3 x", "the order on top is 2 but dx^3 below adds up to 3"),  # the grammar's reading
    ("d/dx (x^2) + 1", "is ambiguous"),
    (":diff x^2, 2x", "variable"),
    ("x^^2", ""),
    ("\x00", ""),
    ("1/0", ""),
    (":area x, 0", "give the interval"),
    (":area x, 0, 1, gauss", "unknown method 'gauss'"),
    (":area x, 0, 1, simpson, 3", "n must be even"),
    (":area x, 0, 1, left, many", "whole number"),
    (":area 1/x, 0, 1", "the integral is improper there"),
    (":area x y, 0, 1", "say which variable"),
    (":area x, 0, 1 +", "not a number or expression"),
    (":plot x, 1, 2", "write :plot"),
    (":plot 1/x, 0", "no tangent line there"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_bad_lines_raise_symdiff_errors_and_the_session_goes_on(session, line, message):
    try:
        session.handle(line)
    except SymdiffError as error:
        assert message in str(error)
    else:
        assert message == "", f"{line!r} was accepted"
    assert "= 2*x" in session.handle("x^2")


def test_errors_point_into_the_line_as_typed(session):
    with pytest.raises(SymdiffError) as caught:
        session.handle("d/dx sin(x")
    assert str(caught.value).splitlines()[1:] == ["  d/dx sin(x", " " * 12 + "^"]  # after the last character
    with pytest.raises(SymdiffError) as caught:
        session.handle(":check x^2 = 2x + ) ")
    assert str(caught.value).splitlines()[1:] == ["  :check x^2 = 2x + ) ", " " * 20 + "^"]  # under the ')'
    with pytest.raises(SymdiffError) as caught:
        session.handle(":diff x^, y")
    assert str(caught.value).splitlines()[1:] == ["  :diff x^, y", " " * 10 + "^"]


def test_area_then_latex_and_plot(session, tmp_path):
    session.handle("f = x^2")
    assert "S_n = Δx/3" in session.handle(":area f, 0, 1, simpson, 2")
    latex = session.handle(":latex")
    assert latex.startswith("% the area under x^2 from 0 to 1\n\\begin{gather*}\n\\int_{0}^{1} x^{2}")
    session.handle(":steps off")
    assert session.handle(":area f, 0, 3, simpson, 2") == "9 ± 0"
    session.handle("x^3")  # a derivative: :latex shows it again
    assert session.handle(":latex").startswith("% the derivative d/dx [x^3]\n\\begin{align*}")
    path = tmp_path / "sine.png"
    assert session.handle(f":plot sin x, 1, {path}") == f"wrote {path}"
    assert path.read_bytes().startswith(b"\x89PNG")


def test_quit(session):
    for line in (":quit", ":q", "quit", "exit"):
        with pytest.raises(Quit):
            session.handle(line)


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    mark = highlighter(Terminal())
    assert mark is not None and mark("Power Rule") == "\033[1;36mPower Rule\033[0m"
    assert "\033[1;36mPower Rule\033[0m" in Session(mark).handle("x^2")
    assert highlighter(io.StringIO()) is None
    monkeypatch.setenv("NO_COLOR", "1")
    assert highlighter(Terminal()) is None


def test_piped_front_end_survives_bad_lines():
    out = io.StringIO()
    status = piped(Session(), ["x^3\n", "sin(x\n", ":steps off\n", "x^2\n", ":quit\n", "x^4\n"], out.write)
    assert status == 2
    text = out.getvalue()
    assert "error: missing ')'" in text and text.endswith("2*x\n") and "4*x^3" not in text


def test_through_a_real_pipe():
    script = "x^2 sin x\nx +\n:steps off\nf = x^3\nd/dx f\n:vars\n"
    result = subprocess.run([sys.executable, "-m", "symdiff"], input=script, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "= x^2*cos(x) + 2*x*sin(x)" in result.stdout
    assert "error: expected an expression after '+'" in result.stdout
    assert result.stdout.endswith("f = x^3\n3*x^2\n  f = x^3\n  _ = 3*x^2\n")
    command = [sys.executable, "-m", "symdiff", "repl"]
    result = subprocess.run(command, input=":steps off\nx^2\n", capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "steps: off\n2*x\n")


# --- prompt_toolkit ---------------------------------------------------------------------------


def drive(keys, tmp_path, monkeypatch, capsys):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    history = tmp_path / "history"
    monkeypatch.setenv("SYMDIFF_HISTORY", str(history))
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        status = interactive(Session(), input=pipe, output=DummyOutput())
    return status, capsys.readouterr().out, history


def test_prompt_toolkit_session(tmp_path, monkeypatch, capsys):
    keys = "x^2 sin x\r" + "sin(x\r" + "abandoned line\x03" + ":steps off\r" + "sigmoid(x)\r" + "\x04"
    status, out, history = drive(keys, tmp_path, monkeypatch, capsys)
    assert status == 0
    assert "= x^2*cos(x) + 2*x*sin(x)" in out
    assert "error: missing ')'" in out  # the session went on after the bad line
    assert "abandoned" not in out  # Ctrl-C dropped the line
    assert "sigmoid(x)*(1 - sigmoid(x))" in out
    kept = history.read_text(encoding="utf-8")
    assert "x^2 sin x" in kept and "sin(x" in kept and "sigmoid(x)" in kept


def test_history_is_kept_across_sessions(tmp_path, monkeypatch, capsys):
    drive("x^3 + 1\r\x04", tmp_path, monkeypatch, capsys)
    # Up arrow recalls the line typed in the previous session.
    status, out, _ = drive("\x1b[A\r:quit\r", tmp_path, monkeypatch, capsys)
    assert status == 0 and "= 3*x^2" in out


def test_completion_offers_commands_functions_and_names(session):
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from symdiff.ui.repl import completer

    session.handle("loss = x^2")
    words = completer(session)

    def complete(text):
        return [c.text for c in words.get_completions(Document(text), CompleteEvent(completion_requested=True))]

    assert complete("x + sigm") == ["sigmoid"]
    assert complete(":ch") == [":chain", ":check"]
    assert complete("d/dx lo") == ["log", "loss"]
    assert complete("x + ") == []


def _script():
    """Every command and bad line in one script; those whose output shows the session's state
    (nothing defined yet, no last result) come first."""
    rows = [row for row in COMMAND_TABLE + BAD_LINES if row[0] and "\x00" not in row[0]]
    rows.sort(key=lambda row: row[0] not in (":vars", ":steps", "_ + 1"))
    return [line for line, _ in rows], [shown for _, shown in rows if shown]


def test_every_command_and_bad_line_through_a_real_pipe():
    lines, expected = _script()
    result = subprocess.run([sys.executable, "-m", "symdiff"], input="\n".join(lines) + "\n", capture_output=True,
                            text=True)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    for text in expected:
        assert text in result.stdout, text


def test_every_command_and_bad_line_through_prompt_toolkit(tmp_path, monkeypatch, capsys):
    lines, expected = _script()
    status, out, _ = drive("".join(line + "\r" for line in lines) + ":quit\r", tmp_path, monkeypatch, capsys)
    assert status == 0
    for text in expected:
        assert text in out, text


def test_a_derivative_whose_steps_are_too_long_to_show_is_answered_without_them(session, tmp_path):
    """derive declines the steps of d^3/dx^3 of f(f(...f(x))) 60 deep (its second derivative has
    117,000 nodes); the session still answers, by diff, and says why no steps are shown, and
    :latex and :save write what there is. (The answer has 10 million characters: one call.)"""
    chain = "f(" * 60 + "x" + ")" * 60
    third = "f" + "'" * 3 + "(f(f("
    out = session.handle(f"d^3/dx^3 [{chain}]")
    first, *_, last = out.splitlines()
    assert first.startswith("d^3/dx^3 [f(f(") and f"] = {third}" in first
    assert last.startswith("No steps shown: the 2nd derivative of f(f(") and "step by step" in last
    assert "diff gives" not in out
    assert session.last_result.value == symdiff.diff(chain, "x", order=3)
    assert "No steps shown" in session.handle(":latex")
    assert "saved" in session.handle(f":save {tmp_path / 'answer.json'}")
    saved = json.loads((tmp_path / "answer.json").read_text())["derivations"][0]
    assert saved["steps"] == [] and saved["result"].startswith(third) and "step by step" in saved["note"]


def test_check_takes_the_answer_alone():
    """:check compares with diff's answer (derive's result, without building its steps)."""
    assert Session().handle(":check x^2 sin x = 2x sin x + x^2 cos x").startswith("Correct")
