"""Forward mode and backprop in the front ends: ``symdiff backprop``, ``symdiff forward``, the
session's :backprop and :forward, their files, and the graph drawn with --dot."""

import json
import re
import sys

import pytest
from cli_runner import run
from tex import compile_tex, needs_tex

from symdiff import ParseError, SymdiffError
from symdiff.ui.autodiff_results import split_top
from symdiff.ui.repl import COMMANDS, Session

# --- symdiff backprop and symdiff forward -----------------------------------------------------------

ANSWERS = [
    # (arguments, what --no-steps prints)
    (["backprop", "x*y + sin(x)", "--at", "x=1,y=2"], "value 2.841470985, d/dx = 2.540302306, d/dy = 1"),
    (["backprop", "x*y + sin(x)", "--at", "x=1", "--at", "y=2"], "value 2.841470985, d/dx = 2.540302306, d/dy = 1"),
    (["backprop", "(y - (m x + b))^2", "--at", "m=2,b=1,x=3,y=10", "--wrt", "m,b"], "value 9, d/dm = -18, d/db = -6"),
    (["backprop", "x^2", "--at", "x=-pi/2"], "value 2.4674011, d/dx = -3.141592654"),
    (["backprop", "x^2", "--at=x=-1"], "value 1, d/dx = -2"),
    (["backprop", "-x^2", "--at", "x = 3"], "value -9, d/dx = -6"),  # an expression starting with '-'
    (["backprop", "log(x, 2)", "--at", "x=log(256, 2)"], "value 3, d/dx = 0.1803368801"),  # a comma in a value
    (["backprop", "sigmoid(w x + b)", "--at", "w=0,x=1,b=0"], "value 0.5, d/dw = 0.25, d/dx = 0, d/db = 0.25"),
    (["forward", "x^2 sin x", "--at", "x=1.5"], "value 2.24436372, d/dx = 3.151643664"),
    (["forward", "x^2 y + y^3", "--at", "x=1,y=2", "--wrt", "y"], "value 10, d/dy = 13"),
    (["forward", "e^(-x^2/2)", "--at", "x=0"], "value 1, d/dx = 0"),
]


@pytest.mark.parametrize(("argv", "answer"), ANSWERS)
def test_the_answer_alone(capsys, argv, answer):
    assert run(capsys, *argv, "--no-steps") == (0, answer + "\n", "")


def test_backprop_prints_both_passes_and_every_product(capsys):
    status, out, err = run(capsys, "backprop", "x*y + sin(x)", "--at", "x=1,y=2")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "backprop: x*y + sin(x) at x = 1, y = 2"
    assert lines[1].split() == ["node", "operation", "value", "adjoint"]
    assert "backward pass, each adjoint from its parents:" in lines
    assert "  adj(x) += adj(v2) * dv2/dx = 1 * 0.540302 = 0.540302   [dv2/dx = cos(x)]" in lines
    assert lines[-1] == "adj(x) = 2.5403  (the sum over 2 paths): df/dx = 2.5403"


def test_forward_prints_the_tangents(capsys):
    status, out, _ = run(capsys, "forward", "x^2 sin x", "--at", "x=1.5")
    assert status == 0
    assert out.splitlines()[1].split() == ["node", "operation", "value", "d/dx", "(tangent)"]
    assert out.splitlines()[5].split() == ["v2", "sin(x)", "0.997495", "0.0707372"]


def test_json_and_latex(capsys, tmp_path):
    status, out, _ = run(capsys, "backprop", "x*y", "--at", "x=3,y=2", "--json")
    data = json.loads(out)
    (table,) = data["backprop tables"]
    assert status == 0 and table["gradient"] == {"x": 2.0, "y": 3.0}
    locals_ = [{"child": "x", "slope": 2.0}, {"child": "y", "slope": 3.0}]
    assert table["nodes"][-1] == {"name": "v1", "operation": "x*y", "expression": "x*y", "value": 6.0,
                                  "adjoint": 1.0, "locals": locals_}
    status, out, _ = run(capsys, "forward", "x^3", "--at", "x=2", "--json")
    assert json.loads(out)["forward-mode tables"][0]["derivative"] == 12.0
    status, out, _ = run(capsys, "backprop", "x*y", "--at", "x=3,y=2", "--latex")
    assert status == 0 and out.startswith(r"\begin{gather*}") and r"\bar v" in out
    status, out, _ = run(capsys, "forward", "x^3", "--at", "x=2", "--latex", "--standalone")
    assert status == 0 and out.startswith(r"\documentclass")


def test_files(capsys, tmp_path):
    for name in ("bp.tex", "bp.json", "bp.md"):
        status, out, err = run(capsys, "backprop", "x*y", "--at", "x=3,y=2", "-o", str(tmp_path / name))
        assert (status, out) == (0, "") and err.startswith(f"wrote {tmp_path / name} (")
    assert "1 backprop table" in err and "adj(x) +=" in (tmp_path / "bp.md").read_text(encoding="utf-8")


@needs_tex
def test_the_latex_file_compiles(capsys, tmp_path):
    run(capsys, "backprop", "sigmoid(w x + b)", "--at", "w=0.5,x=2,b=-1", "-o", str(tmp_path / "bp.tex"))
    compile_tex(tmp_path, (tmp_path / "bp.tex").read_text(encoding="utf-8"), "bp")


def test_dot_writes_the_graph(capsys, tmp_path):
    status, out, err = run(capsys, "backprop", "tanh(w x + b)", "--at", "w=1,x=0.5,b=0", "--no-steps",
                           "--dot", str(tmp_path / "graph.dot"))
    assert status == 0 and out.startswith("value 0.4621171573")
    assert err == f"wrote {tmp_path / 'graph.dot'}\n"
    assert (tmp_path / "graph.dot").read_text(encoding="utf-8").count("shape=ellipse") == 3  # *, + and tanh


def test_dot_without_graphviz_prints_the_numbers_and_says_what_to_install(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)
    status, out, err = run(capsys, "backprop", "x y", "--at", "x=1,y=2", "--no-steps", "--dot",
                           str(tmp_path / "graph.png"))
    assert status == 2 and out == "value 2, d/dx = 2, d/dy = 1\n"
    assert "pip install graphviz" in err and "apt-get install graphviz" in err and not (tmp_path / "graph.png").exists()


BAD = [
    # (arguments, what stderr says)
    (["backprop", "x^2", "--at", "x=y"], "the value of x must be a number, not y (it has y in it)"),
    (["backprop", "x^2", "--at", "x"], "'x' is not a variable's value: write name=value, as in --at x=1,y=2"),
    (["backprop", "x^2", "--at", "x=1,x=2"], "x is given two values"),
    (["backprop", "x^2 y", "--at", "x=1"], "no value given for y"),
    (["backprop", "sqrt(x)", "--at", "x=0"], "sqrt(x) has no finite derivative with respect to x where x = 0"),
    (["backprop", "ln(x)", "--at", "x=-1"], "ln(-1) is undefined"),
    (["backprop", "x^", "--at", "x=1"], "symdiff: "),
    (["backprop", "x", "--at", "x=1", "--wrt", "y"], "--wrt names y, which --at gives no value: add y=... to --at"),
    (["backprop", "x", "--at", "x=1", "--dot", "graph.txt"], "name a .png, .svg, .pdf or .dot file"),
    # in the command line's words, not forward_mode's wrt='x' (a new user's finding)
    (["forward", "x y", "--at", "x=1,y=2"],
     "say which variable the derivative is by: --wrt x (the expression has x, y)"),
    (["forward", "x^2 y", "--at", "x=1,y=2", "--wrt", "z"], "the point gives z no value"),
    (["forward", "x", "--at", "x=1", "--wrt", "sin"], "reserved"),
]


@pytest.mark.parametrize(("argv", "message"), BAD)
def test_bad_input_exits_2_with_the_reason(capsys, argv, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, *argv)
    assert status == 2 and message in err and err.startswith("symdiff: ") and "Traceback" not in err


def test_a_file_dot_cannot_draw_is_refused_before_the_working(capsys, tmp_path, monkeypatch):
    # the whole working was printed, and only then the file type refused
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "backprop", "x y", "--at", "x=1,y=2", "--dot", "graph.xyz")
    assert (status, out) == (2, "") and "cannot draw to 'graph.xyz': name a .png, .svg, .pdf or .dot file" in err


@pytest.mark.parametrize("argv", [["backprop", "x^2"], ["forward", "x", "--at", "x=1", "--standalone"],
                                  ["backprop", "x", "--at", "x=1", "--latex", "--json"]])
def test_usage_errors_exit_2(capsys, argv):
    status, _, err = run(capsys, *argv)
    assert status == 2 and "usage: symdiff" in err


def test_help_lists_the_subcommands(capsys):
    assert "symdiff backprop" in run(capsys, "--help")[1] and "--dot" in run(capsys, "backprop", "--help")[1]


# --- the session ----------------------------------------------------------------------------------------

SESSION = [
    (":backprop x*y + sin(x), x=1, y=2", "value 2.841470985, d/dx = 2.540302306, d/dy = 1"),
    (":backprop log(x, 2)*y, x=8, y=log(4, 2)", "value 6, d/dx = 0.3606737602, d/dy = 3"),
    (":backprop x^2, x = -3", "value 9, d/dx = -6"),
    (":forward x^2 sin x, x=1.5", "value 2.24436372, d/dx = 3.151643664"),
    (":forward x^2 y, x=1, y=2, y", "value 2, d/dy = 1"),
    (":forward x^2 y, x=1, y=2, x", "value 2, d/dx = 4"),
]


@pytest.mark.parametrize(("line", "answer"), SESSION)
def test_session_commands(line, answer):
    session = Session()
    assert [shown for shown in session.handle(line).splitlines() if shown.startswith("value")] == [answer]
    session.steps = "off"
    assert session.handle(line) == answer


def test_the_session_shows_the_backward_pass_and_keeps_the_result():
    session = Session()
    out = session.handle(":backprop x*y + sin(x), x=1, y=2")
    assert "adj(y) += adj(v1) * dv1/dy = 1 * 1 = 1   [dv1/dy = x]" in out
    assert session.handle(":latex").startswith("% backprop on x*y + sin(x)\n\\begin{gather*}")


def test_the_session_uses_its_names():
    session = Session()
    session.handle("a = 3")
    assert session.handle(":backprop a*x^2, x=a").splitlines()[-1] == "adj(x) = 18: df/dx = 18"
    with pytest.raises(SymdiffError, match=r"a is defined as 3 \(a = 3\); :unset a"):
        session.handle(":backprop a*x, a=1, x=2")


SESSION_BAD = [
    (":backprop", "give an expression and the point"),
    (":backprop x^2", "give the point, each variable's value: :backprop x*y + sin(x), x=1, y=2"),
    (":backprop x^2, 3", "'3' is not a variable's value"),
    (":forward x y, x=1, y=2", "say which variable the derivative is by: name it last, after the point, as in "
                               ":forward x^2 y, x=1, y=2, x (the expression has x, y)"),
    (":forward x y, x=1, y=2, z", "the point gives z no value, so forward mode has nowhere to start from"),
    (":backprop sqrt(x), x=0", "no finite derivative"),
]


@pytest.mark.parametrize(("line", "message"), SESSION_BAD)
def test_session_bad_lines(line, message):
    with pytest.raises(SymdiffError, match=re.escape(message)):
        Session().handle(line)


def test_a_parse_error_points_into_the_line():
    with pytest.raises(ParseError) as caught:
        Session().handle(":backprop x^2, x=1+")
    assert caught.value.text == ":backprop x^2, x=1+" and caught.value.pos == 19


def test_help_lists_both_commands():
    assert ":backprop" in COMMANDS and ":forward" in COMMANDS
    assert ":backprop <expr>, <x>=<a>" in Session().handle(":help")


@pytest.mark.parametrize(("text", "parts"), [
    ("a, b", ["a", " b"]), ("log(x, 2), x=1", ["log(x, 2)", " x=1"]), ("f([1, 2]), {a, b}", ["f([1, 2])", " {a, b}"]),
    ("", [""]),
])
def test_split_top_splits_at_the_commas_outside_brackets(text, parts):
    assert [text[a:b] for a, b in split_top(text)] == parts
