"""Limits and the delta method in the front ends: ``symdiff limit``, ``symdiff definition``, the
session's :limit, :table and :definition, their files, and the pictures of both."""

import json
import shlex

import pytest
from cli_runner import run
from tex import compile_tex, needs_tex

import symdiff
from symdiff import LimitError, PlotError, SymdiffError
from symdiff.ui import cli_limits
from symdiff.ui.limit_results import DeclinedLimit, QuotientTable, worked_limit
from symdiff.ui.repl import Session
from symdiff.ui.terminal import piped

DECLINED = "sin(1/x)*x^0 + cos(1/x)"  # bounded, no limit, and symdiff says it cannot tell


# --- symdiff limit ----------------------------------------------------------------------------------

LIMIT_VALUES = [
    # (arguments after "limit", what --no-steps prints)
    (["sin(x)/x", "--at", "0"], "1"),
    (["(x^2 - 1)/(x - 1)", "--at", "1"], "2"),
    (["1/x", "--at", "0", "--side", "+"], "oo"),
    (["1/x", "--at", "0", "--side", "-"], "-oo"),
    (["1/x", "--at", "0", "--side", "right"], "oo"),
    (["1/x", "--at", "0"], "does not exist: the one-sided limits differ: -oo from the left, oo from the right"),
    (["abs(x)/x", "--at", "0"], "does not exist: the one-sided limits differ: -1 from the left, 1 from the right"),
    (["(1 + 1/n)^n", "--at", "oo"], "e"),
    (["x/(x + 1)", "--at", "inf"], "1"),
    (["x/(x + 1)", "--at", "∞"], "1"),
    (["e^x", "--at", "-oo"], "0"),
    (["e^x", "--at=-inf"], "0"),
    (["sin x", "--at", "pi/2"], "1"),
    (["-x", "--at", "-pi"], "pi"),  # an expression and a point that start with '-'
    (["-x^2", "--at", "-1"], "-1"),
    (["t^2 + 1", "--var", "t", "--at", "3"], "10"),
    (["(1 + 1/n)^n", "--wrt", "n", "--at", "oo"], "e"),  # --wrt as the other subcommands say it
    (["x^2 sin(1/x)", "--at", "0"], "0"),
    (["5", "--at", "0"], "5"),
]


@pytest.mark.parametrize(("argv", "value"), LIMIT_VALUES)
def test_limit_value(capsys, argv, value):
    assert run(capsys, "limit", *argv, "--no-steps") == (0, value + "\n", "")


def test_limit_prints_the_worked_solution(capsys):
    status, out, err = run(capsys, "limit", "sin(x)/x", "--at", "0")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "lim x->0 [sin(x)/x]" and "Standard limits" in out and out.endswith("= 1\n")
    _, brief, _ = run(capsys, "limit", "sin(x)/x", "--at", "0", "--brief")
    assert "Limit of a constant" in out and "Limit of a constant" not in brief


def test_limit_table(capsys):
    status, out, err = run(capsys, "limit", "sin(x)/x", "--at", "0", "--table")
    assert (status, err) == (0, "")
    assert "from the left: x = 0 - h" in out and "from the right: x = 0 + h" in out and out.endswith("limit: 1\n")
    status, out, _ = run(capsys, "limit", "x/(x + 1)", "--at", "oo", "--table")
    assert status == 0 and "x -> oo" in out and "from the left" not in out


def test_a_declined_limit_prints_why_and_the_table_and_exits_2(capsys):
    status, out, err = run(capsys, "limit", DECLINED, "--at", "0")
    assert status == 2
    assert err.startswith("symdiff: ") and "cannot tell whether it has a limit" in err
    assert "symdiff.limit_table(" not in err  # the Python hint is replaced by the table itself
    assert f"f(x) = {DECLINED} as x -> 0" in out and "from the left" in out and "limit:" not in out
    # whatever was asked for, the numbers are what there is
    for form in (["--latex"], ["--json"], ["--no-steps"], ["--table"]):
        assert run(capsys, "limit", DECLINED, "--at", "0", *form)[:2] == (2, out)


LIMIT_BAD = [
    # (arguments after "limit", part of stderr): exit status 2, no table
    (["x", "--at", "y"], "the point must be a number or a constant expression, not y"),
    (["x", "--at", "2x"], "not 2*x"),
    (["x", "--at", "("], "expected an expression after '('"),
    (["x", "--at", "1/0"], "the point 1/0 has no value"),
    (["x", "--at", "0", "--side", "up"], "invalid choice: 'up'"),
    (["x", "--at", "oo", "--side", "+"], "can approach oo only from one side"),
    (["x"], "the following arguments are required: --at"),
    (["x +", "--at", "0"], "expected an expression after '+'"),
    (["x y", "--at", "0"], "has several variables (x, y)"),
    (["x y", "--var", "x", "--at", "0"], "symdiff takes limits in one variable"),
    (["x", "--at", "0", "--standalone"], "--standalone goes with --latex"),
    (["x", "--at", "0", "-o", "steps.pdf"], "use .tex, .json or .md"),
    (["f(x)", "--at", "0"], "undefined function"),
]


@pytest.mark.parametrize(("argv", "message"), LIMIT_BAD)
def test_limit_bad_input(capsys, argv, message):
    status, out, err = run(capsys, "limit", *argv)
    assert status == 2 and out == "" and message in err and "Traceback" not in err


def test_limit_latex_and_json(capsys, tmp_path):
    status, out, _ = run(capsys, "limit", "(x^2 - 1)/(x - 1)", "--at", "1", "--latex")
    assert status == 0 and out.startswith(r"\begin{align*}") and r"\lim_{x \to 1}" in out
    status, out, _ = run(capsys, "limit", "(x^2 - 1)/(x - 1)", "--at", "1", "--latex", "--standalone")
    assert status == 0 and out.startswith(r"\documentclass") and r"\section*{Limit}" in out
    status, out, _ = run(capsys, "limit", "1/x", "--at", "0", "--side", "+", "--json")
    [data] = json.loads(out)["limits"]
    assert (data["kind"], data["value"], data["side"], data["point"]) == ("limit", "oo", "+", "0")


# --- symdiff definition -------------------------------------------------------------------------------

DEFINITION_ANSWERS = [
    (["x^2"], "2*x"),
    (["x^3 - 2x"], "3*x^2 - 2"),
    (["-x^2"], "-2*x"),
    (["1/t"], "-1/t^2"),
    (["1/t", "--wrt", "t"], "-1/t^2"),
    (["sqrt(x)"], "1/(2*sqrt(x))"),
    (["sin x"], "cos(x)"),
    (["e^x"], "e^x"),
]


@pytest.mark.parametrize(("argv", "answer"), DEFINITION_ANSWERS)
def test_definition_answer(capsys, argv, answer):
    assert run(capsys, "definition", *argv, "--no-steps") == (0, answer + "\n", "")


def test_definition_prints_the_delta_method(capsys):
    status, out, err = run(capsys, "definition", "x^2")
    assert (status, err) == (0, "")
    assert out.splitlines()[:2] == [
        "d/dx [x^2]", "  Definition of the derivative: f'(x) = lim[h->0] (f(x + h) - f(x))/h, with f = x^2"]
    assert "Cancel h" in out and out.endswith("= 2*x\n") and "difference quotient" not in out
    _, lagrange, _ = run(capsys, "definition", "x^2", "--notation", "lagrange")
    assert lagrange.splitlines()[0] == "(x^2)'"


def test_definition_at_a_point_adds_the_difference_quotients(capsys):
    status, out, _ = run(capsys, "definition", "x^2", "--at", "1", "--no-steps")
    assert status == 0
    assert out == """\
2*x

The difference quotient at x = 1, approaching f'(1) = 2:
        h  (f(1 + h) - f(1))/h      error
        1                    3          1
      0.1                  2.1        0.1
     0.01                 2.01       0.01
    0.001                2.001      0.001
   0.0001               2.0001     0.0001
    1e-05        2.00001000001      1e-05
    1e-06        2.00000099992      1e-06
    1e-07        2.00000010109   1.01e-07
"""
    status, out, _ = run(capsys, "definition", "sin x", "--at", "-pi/6")
    assert status == 0 and "approaching f'(-pi/6) = cos(pi/6) ≈ 0.866025403784:" in out  # cos is even


def test_the_table_flags_where_rounding_takes_over():
    rows = ((1.0, 3.0, 1.0), (0.1, 2.1, 0.1), (0.01, 2.5, 0.5))
    text = QuotientTable("x", symdiff.parse("1"), symdiff.parse("2"), 2.0, rows).text()
    assert text.splitlines()[-2].endswith("  *") and text.splitlines()[-3].endswith("0.1")
    assert text.splitlines()[-1].startswith("* the error grows again")


DEFINITION_BAD = [
    (["abs(x)"], "first_principles works from the definition for polynomials"),
    (["x^x"], "differentiate it by the rules instead (derive in Python, the expression alone in the session, "
              "symdiff 'x^x' on the command line)"),  # it named no way the command line has
    (["ln x", "--at", "1"], "first_principles works from the definition"),
    (["1/x", "--at", "0"], "no difference quotients at x = 0"),
    (["x^2", "--at", "y"], "the point is a number or a constant expression such as pi/4, not y"),
    (["x^2", "--at", "oo"], "no difference quotients at x = oo"),
    (["x^2", "--plot", "out.png"], "--plot draws the secants at a point"),
    (["a b"], "say which to differentiate by"),
    (["x y", "--at", "1"], "no difference quotients at x = 1: no value given for y"),
    (["x^2", "--wrt", "2x"], "the variable is a name such as x"),
    (["x +"], "expected an expression after '+'"),
]


@pytest.mark.parametrize(("argv", "message"), DEFINITION_BAD)
def test_definition_bad_input(capsys, argv, message):
    status, out, err = run(capsys, "definition", *argv)
    assert status == 2 and out == "" and message in err and "Traceback" not in err


def test_definition_latex_and_json(capsys):
    status, out, _ = run(capsys, "definition", "x^2", "--at", "1", "--latex")
    assert status == 0 and out.startswith(r"\begin{align*}") and r"\begin{tabular}{rrr}" in out
    assert r"$1.01 \times 10^{-7}$" in out
    status, out, _ = run(capsys, "definition", "x^2", "--at", "1", "--json")
    [data] = json.loads(out)["derivations"]
    assert data["kind"] == "derivative from the definition" and data["result"] == "2*x"
    table = data["difference_quotients"]
    assert (table["at"], table["slope"], len(table["rows"])) == ("1", "2", 8)
    assert table["rows"][0] == {"h": 1.0, "quotient": 3.0, "error": 1.0}


# --- files ---------------------------------------------------------------------------------------------

OUTPUT_FILES = [
    (["limit", "sin(x)/x", "--at", "0"], "tex", "LaTeX, 1 limit", r"\section*{Limit}"),
    (["limit", "sin(x)/x", "--at", "0"], "json", "JSON, 1 limit", '"limits"'),
    (["limit", "sin(x)/x", "--at", "0"], "md", "Markdown, 1 limit", "Values near the point:"),
    (["limit", "abs(x)/x", "--at", "0"], "md", "Markdown, 1 limit", "Answer: `does not exist`"),
    (["definition", "x^2"], "tex", "LaTeX, 1 derivation", r"\section*{Derivation}"),
    (["definition", "x^2", "--at", "1"], "json", "JSON, 1 derivation", '"difference_quotients"'),
    (["definition", "x^2", "--at", "1"], "md", "Markdown, 1 derivation",
     "## The derivative of x^2 from the definition"),
]


@pytest.mark.parametrize(("argv", "suffix", "said", "written"), OUTPUT_FILES)
def test_output_files(capsys, tmp_path, argv, suffix, said, written):
    path = tmp_path / f"steps.{suffix}"
    assert run(capsys, *argv, "-o", str(path)) == (0, "", f"wrote {path} ({said})\n")
    text = path.read_text(encoding="utf-8")
    assert written in text
    if suffix == "json":
        json.loads(text)


@needs_tex
@pytest.mark.parametrize("argv", [
    ["limit", "(x^2 - 1)/(x - 1)", "--at", "1"],
    ["limit", "abs(x)/x", "--at", "0"],
    ["limit", "(1 + 1/n)^n", "--at", "oo"],
    ["limit", "(sin(x) - x)/x^3", "--at", "0"],  # L'Hôpital: derivations inside the limit
    ["definition", "sin x", "--at", "pi/4"],
    ["definition", "sqrt(x)", "--at", "4"],
])
def test_the_written_documents_compile(capsys, tmp_path, argv):
    path = tmp_path / "doc.tex"
    assert run(capsys, *argv, "-o", str(path))[0] == 0
    compile_tex(tmp_path, path.read_text(encoding="utf-8"))
    status, out, _ = run(capsys, *argv, "--latex", "--standalone")
    assert status == 0
    compile_tex(tmp_path, out, "standalone")


# --- the examples in --help run ---------------------------------------------------------------------


def _examples(text):
    return [shlex.split(line.strip().split("   ")[0])[1:] for line in text.splitlines()
            if line.startswith("  symdiff ")]


@pytest.mark.parametrize("argv", _examples(cli_limits._LIMIT_EXAMPLES) + _examples(cli_limits._DEFINITION_EXAMPLES),
                         ids=" ".join)
def test_each_help_example_runs(capsys, tmp_path, monkeypatch, argv):
    if "--plot" in argv:
        pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    assert out or err.startswith("wrote ")


@pytest.mark.parametrize("command", ["limit", "definition"])
def test_help(capsys, command):
    status, out, _ = run(capsys, command, "--help")
    assert status == 0 and out.startswith(f"usage: symdiff {command}") and "examples:" in out
    status, out, _ = run(capsys, "--help")
    assert f"symdiff {command} " in out.split("subcommands")[1]


# --- the session ---------------------------------------------------------------------------------------


@pytest.fixture
def session():
    return Session()


SESSION_LINES = [
    # (line, a part of what it shows)
    (":limit sin(x)/x, 0", "Standard limits: lim sin(x)/x = lim 1"),
    (":limit sin(x)/x, 0", "\n= 1"),
    (":limit 1/x, 0, +", "lim x->0+ [1/x]"),
    (":limit 1/x, 0, +", "\n= oo"),
    (":limit 1/x, 0, -", "\n= -oo"),
    (":limit 1/x, 0, left", "\n= -oo"),
    (":limit (1 + 1/n)^n, oo", "lim n->oo [(1 + 1/n)^n]"),
    (":limit (1 + 1/n)^n, oo", "\n= e"),
    (":limit abs(x)/x, 0", "= does not exist: the one-sided limits differ: -1 from the left, 1 from the right"),
    (":lim -x, -oo", "\n= oo"),
    (":limit sin x, pi/2", "\n= 1"),
    (":limit x^2, -1", "\n= 1"),
    (":limit (t^2 - 9)/(t - 3), 3", "= 6"),
    (":table sin(x)/x, 0", "limit: 1"),
    (":table x/(x + 1), oo", "x -> oo"),
    (f":table {DECLINED}, 0", "from the right: x = 0 + h"),
    (":definition x^2", "Cancel h: (h^2 + 2*h*x)/h = h + 2*x"),
    (":definition x^3, 1", "approaching f'(1) = 3:"),
    (":def sqrt(x), 4", "approaching f'(4) = 1/4 ≈ 0.25:"),
    (":definition 1/t", "= -1/t^2"),
]


@pytest.mark.parametrize(("line", "shown"), SESSION_LINES)
def test_session_commands(session, line, shown):
    assert shown in session.handle(line)


SESSION_BAD = [
    (":limit x", "give the point: :limit <expr>, <point>[, +|-]"),
    (":table x", "give the point: :table"),
    (":limit x, y", "the point must be a number or a constant expression"),
    (":limit x, (", "expected an expression after '('"),
    (":limit x, 0, up", "side is 'both', '+' (from the right) or '-' (from the left), not 'up'"),
    (":limit x, 0, +, 4", "at most 2 values"),
    (":limit x,, 0", "an empty value between commas"),
    (":limit x y, 0", "symdiff takes limits in one variable: x*y also has y"),
    (":limit x +, 0", "expected an expression after '+'"),
    (":limit _, 0", "_ is the last result, and there is none yet"),
    (f":limit {DECLINED}, 0", "cannot tell whether it has a limit"),
    (":definition abs(x)", "first_principles works from the definition"),
    (":definition x^2, y", "not y"),
    (":definition x^2, 1, 2", "at most 1 value"),
]


@pytest.mark.parametrize(("line", "message"), SESSION_BAD)
def test_session_bad_lines(session, line, message):
    with pytest.raises(SymdiffError) as caught:
        session.handle(line)
    assert message in str(caught.value)


def test_a_declined_limit_in_the_session_shows_the_table_and_exits_2_when_piped():
    lines, out = [f":limit {DECLINED}, 0", ":limit sin(x)/x, 0"], []
    assert piped(Session(), lines, out.append) == 2
    text = "".join(out)
    assert text.startswith("error: ") and "The function's values near the point:" in text
    assert "from the left: x = 0 - h" in text and text.endswith("= 1\n")  # and the session went on


def test_latex_and_save_after_a_limit(session, tmp_path):
    session.handle(":limit sin(x)/x, 0")
    assert session.handle(":latex").startswith("% the limit lim x->0 [sin(x)/x]\n\\begin{align*}")
    for suffix in ("tex", "json", "md"):
        path = tmp_path / f"limit.{suffix}"
        assert session.handle(f":save {path}") == f"saved the limit lim x->0 [sin(x)/x] to {path}"
    assert json.loads((tmp_path / "limit.json").read_text(encoding="utf-8"))["limits"][0]["value"] == "1"
    assert "Values near the point:" in (tmp_path / "limit.md").read_text(encoding="utf-8")


def test_latex_and_save_after_a_definition(session, tmp_path):
    session.handle(":definition x^2, 1")
    assert session.handle(":latex").startswith("% the derivative of x^2 from the definition\n\\begin{align*}")
    path = tmp_path / "delta.md"
    assert session.handle(f":save {path}") == f"saved the derivative of x^2 from the definition to {path}"
    assert "approaching f'(1) = 2" in path.read_text(encoding="utf-8")


def test_table_keeps_the_limit_but_not_a_declined_one(session):
    session.handle(":table sin(x)/x, 0")
    assert session.handle(":latex").startswith("% the limit lim x->0 [sin(x)/x]")
    session.handle(f":table {DECLINED}, 0")
    assert session.handle(":latex").startswith("% the limit lim x->0 [sin(x)/x]")


def test_steps_and_the_last_result(session):
    session.handle(":steps off")
    assert session.handle(":limit (x^2 - 1)/(x - 1), 1") == "2"
    assert session.handle("_ + 1") == "_ + 1 = 3"  # _ is the limit's value
    assert session.handle(":limit abs(x)/x, 0") == (
        "does not exist: the one-sided limits differ: -1 from the left, 1 from the right")
    assert session.handle(":definition x^3") == "3*x^2"
    session.handle(":limit 1/x^2, 0")
    with pytest.raises(SymdiffError, match="is not one expression"):  # oo is not a value _ stands for
        session.handle("_ + 1")
    session.handle(":steps brief")
    assert "Limit of a constant" not in session.handle(":limit sin(x)/x, 0")


def test_names_in_a_limit(session):
    session.handle("a = 2")
    session.handle(":steps off")
    assert session.handle(":limit a x, 3") == "6"
    session.handle("x = 3")
    with pytest.raises(SymdiffError, match="x is defined as 3"):
        session.handle(":limit x^2, 1")
    with pytest.raises(SymdiffError, match="x is defined as 3"):
        session.handle(":definition x^2")


def test_help_lists_the_limit_commands(session):
    text = session.handle(":help")
    assert ":limit <expr>, <point>[, +|-]" in text and ":table <expr>, <point>" in text
    assert ":definition <expr>[, <point>]" in text


# --- results -------------------------------------------------------------------------------------------


def test_worked_limit_separates_declined_from_bad_input():
    with pytest.raises(DeclinedLimit) as caught:
        worked_limit(DECLINED, None, 0)
    assert "from the left" in caught.value.table and caught.value.table in str(caught.value)
    with pytest.raises(LimitError) as caught:
        worked_limit("x", None, "y")
    assert type(caught.value) is LimitError


# --- pictures --------------------------------------------------------------------------------------------


def _markers(figure):
    """(x, y, hollow) of each single-point marker on the axes."""
    axes = figure.axes[0]
    return [(round(float(line.get_xdata()[0]), 9), round(float(line.get_ydata()[0]), 9),
             line.get_markerfacecolor() == "white")
            for line in axes.lines if line.get_marker() == "o" and len(line.get_xdata()) == 1]


def _vertical_lines(figure):
    return [float(line.get_xdata()[0]) for line in figure.axes[0].lines
            if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]]


PLOTS = [
    # (expr, point, side, title, markers (x, y, hollow), vertical asymptotes)
    ("sin(x)/x", 0, "both", "lim x→0 sin(x)/x = 1", [(0, 1, True)], []),
    ("(x^2 - 1)/(x - 1)", 1, "both", "lim x→1 (x^2 - 1)/(x - 1) = 2", [(1, 2, True)], []),
    ("x^2", 2, "both", "lim x→2 x^2 = 4", [(2, 4, False)], []),
    ("abs(x)/x", 0, "both", "lim x→0 abs(x)/x does not exist", [(0, -1, True), (0, 1, True)], []),
    ("heaviside(x)", 0, "both", "does not exist", [(0, 0, False), (0, 1, True)], []),
    ("1/x^2", 0, "both", "lim x→0 1/x^2 = ∞", [], [0]),
    ("1/x", 0, "both", "lim x→0 1/x does not exist", [], [0]),
    ("1/x", 0, "+", "lim x→0⁺ 1/x = ∞", [], [0]),
    ("e^(1/x)", 0, "both", "does not exist", [(0, 0, True)], [0]),
    ("tan x", "pi/2", "-", "lim x→pi/2⁻ tan(x) = ∞", [], [1.5707963267948966]),
    ("sqrt(x)", 0, "+", "lim x→0⁺ sqrt(x) = 0", [(0, 0, False)], []),
    ("(1 + 1/n)^n", "oo", "both", "lim n→∞ (1 + 1/n)^n = e", [], []),
    ("x/(x + 1)", "-oo", "both", "lim x→-∞ x/(x + 1) = 1", [], []),
    ("sin(1/x)", 0, "both", "it oscillates", [], []),
    (DECLINED, 0, "both", "symdiff cannot decide it", [], []),
]


@pytest.mark.parametrize(("expr", "point", "side", "title", "markers", "asymptotes"), PLOTS)
def test_plot_limit(tmp_path, expr, point, side, title, markers, asymptotes):
    pytest.importorskip("matplotlib")
    path = tmp_path / "limit.png"
    figure = symdiff.plot_limit(expr, point, side=side, path=path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    axes = figure.axes[0]
    assert title in axes.get_title()
    assert sorted(_markers(figure)) == sorted((float(x), float(y), hollow) for x, y, hollow in markers)
    assert _vertical_lines(figure) == pytest.approx(asymptotes)
    if point in ("oo", "-oo"):
        assert axes.get_xscale() == ("log" if point == "oo" else "symlog")
        assert axes.get_xlim() == pytest.approx((1, 1000) if point == "oo" else (-1000, -1))
        assert any(line.get_linestyle() == "--" for line in axes.lines)  # y = the limit


def test_plot_limit_bad_arguments(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LimitError, match="the point must be a number"):
        symdiff.plot_limit("x", "y")
    with pytest.raises(LimitError, match="side is"):
        symdiff.plot_limit("x", 0, side="up")
    with pytest.raises(PlotError, match=r"a path such as 'out\.png'"):
        symdiff.plot_limit("x", 0, path=3)
    with pytest.raises(PlotError, match="cannot save"):
        symdiff.plot_limit("x", 0, path=tmp_path / "missing" / "out.png")


SECANTS = [
    # (expr, at, the slopes of the secants for h = 1, 0.5, 0.25, 0.1, the tangent's)
    ("x^2", 1, [3, 2.5, 2.25, 2.1], 2),
    ("sin x", 0.5, [0.5181, 0.7241, 0.8089, 0.8522], 0.8776),
    ("x^3", "-1", [1, 1.75, 2.312, 2.71], 3),  # to 4 digits, as the legend gives them
]


@pytest.mark.parametrize(("expr", "at", "slopes", "tangent"), SECANTS)
def test_plot_secants(tmp_path, expr, at, slopes, tangent):
    pytest.importorskip("matplotlib")
    path = tmp_path / "secants.png"
    figure = symdiff.plot_secants(expr, at, path=path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    labels = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert labels[0].startswith("f(x) = ")
    secants = [float(label.rsplit(" ", 1)[1]) for label in labels if label.startswith("secant")]
    assert secants == pytest.approx(slopes, abs=1e-4)
    assert next(label for label in labels if label.startswith("secant, h = ")).startswith("secant, h = 1:")
    assert float(labels[-1].rsplit(" ", 1)[1]) == pytest.approx(tangent, abs=1e-4)


def test_plot_secants_bad_arguments():
    pytest.importorskip("matplotlib")
    with pytest.raises(PlotError, match="no finite value at x = -1"):
        symdiff.plot_secants("sqrt(x)", -1)
    with pytest.raises(SymdiffError, match="the point a"):
        symdiff.plot_secants("x^2", "oo")
    with pytest.raises(SymdiffError, match="also depends on y"):
        symdiff.plot_secants("x y", 1, var="x")


def test_cli_plots(capsys, tmp_path):
    pytest.importorskip("matplotlib")
    for argv in (["limit", "abs(x)/x", "--at", "0"], ["definition", "x^2", "--at", "1"]):
        path = tmp_path / f"{argv[0]}.png"
        status, _, err = run(capsys, *argv, "--plot", str(path))
        assert status == 0 and err == f"wrote {path}\n" and path.stat().st_size > 10_000
    path = tmp_path / "declined.png"  # declined: the numbers, the picture, and status 2
    status, out, err = run(capsys, "limit", DECLINED, "--at", "0", "--plot", str(path))
    assert status == 2 and "from the left" in out and err.endswith(f"wrote {path}\n") and path.exists()


def test_definition_at_a_point_where_the_derivative_has_no_value_shows_the_quotients(capsys):
    """sqrt(x) at 0: the quotients exist (1, 3.16, 10, ...) but f'(0) = 1/(2*sqrt(0)) has none; the
    command printed only an error (helper trial)."""
    status, out, _ = run(capsys, "definition", "sqrt x", "--at", "0")
    assert status == 0
    assert "f'(0) = 1/(2*sqrt(0)) has no value (division by zero" in out
    assert "     0.01                   10          -\n" in out
