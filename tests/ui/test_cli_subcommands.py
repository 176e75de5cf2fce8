"""The symdiff command's diff, gradient and hessian subcommands, and repeated --wrt."""

import json
import subprocess
import sys

import pytest
from tex import compile_tex, needs_tex

from symdiff.ui.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


ANSWERS = [
    # (arguments, what --no-steps prints)
    (["gradient", "x^2 y + y^3"], "(2*x*y, x^2 + 3*y^2)\n"),
    (["gradient", "x^2 y + y^3", "--vars", "y,x"], "(x^2 + 3*y^2, 2*x*y)\n"),
    (["gradient", "x^2 y + y^3", "--vars", "y, x"], "(x^2 + 3*y^2, 2*x*y)\n"),
    (["gradient", "(y - (m x + b))^2", "--vars=m,b"], "(-2*x*(y - m*x - b), 2*(m*x + b - y))\n"),
    (["hessian", "x^2 y + y^3"], "((2*y, 2*x), (2*x, 6*y))\n"),
    (["hessian", "x^2 y + y^3", "--vars", "y,x"], "((6*y, 2*x), (2*x, 2*y))\n"),
    (["hessian", "x^3"], "((6*x))\n"),
    (["gradient", "x y", "x^2", "-x"], "(y, x)\n(2*x)\n(-1)\n"),  # several, each on its line
    # Repeated --wrt is a mixed partial, by each in turn (it used to keep only the last).
    (["x^3 y^2", "--wrt", "x", "--wrt", "y"], "6*x^2*y\n"),
    (["x^3 y^2", "--wrt", "y", "--wrt", "y"], "2*x^3\n"),
    (["x^2 y", "--wrt", "y", "--wrt", "x"], "2*x\n"),
    (["diff", "x^3 y^2", "--wrt", "x", "--wrt", "y"], "6*x^2*y\n"),
    (["diff", "x^3 y^2", "--wrt", "x", "--order", "2"], "6*x*y^2\n"),
    (["diff", "-x^2"], "-2*x\n"),
    (["--", "gradient"], "1\n"),  # a variable named like a subcommand follows --
]


@pytest.mark.parametrize(("argv", "answer"), ANSWERS)
def test_answers(capsys, argv, answer):
    if "--" in argv:
        argv = ["--no-steps", *argv]
    else:
        argv = [*argv, "--no-steps"]
    assert run(capsys, *argv) == (0, answer, "")


def test_gradient_shows_the_steps_of_each_partial(capsys):
    status, out, err = run(capsys, "gradient", "x^2 y + y^3")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "The gradient of x^2*y + y^3: a partial derivative by each of x, y"
    assert "  ∂/∂x [x^2*y + y^3]" in lines and "  ∂/∂y [x^2*y + y^3]" in lines
    assert any("Power Rule" in line for line in lines)
    assert lines[-3:] == ["∇[x^2*y + y^3] with respect to (x, y):", "  ∂/∂x = 2*x*y", "  ∂/∂y = x^2 + 3*y^2"]
    _, brief, _ = run(capsys, "gradient", "x^2 y + y^3", "--brief")
    assert "Sum Rule" in out and "Sum Rule" not in brief


def test_hessian_shows_the_first_partials_once_then_each_second_one(capsys):
    status, out, _ = run(capsys, "hessian", "x^2 y + y^3")
    assert status == 0 and out.count("∂/∂x [x^2*y + y^3]") == 1
    assert "  ∂^2/∂y∂x:\n    ∂/∂y [2*x*y]" in out
    assert out.splitlines()[-2:] == ["  H = [ 2*y  2*x ]", "      [ 2*x  6*y ]"]


def test_mixed_partial_steps_name_the_operator(capsys):
    status, out, _ = run(capsys, "x^3 y^2", "--wrt", "x", "--wrt", "y")
    assert status == 0 and out.splitlines()[0] == "∂^2/∂y∂x [x^3*y^2]"
    assert "  ∂/∂x [x^3*y^2]" in out and "  ∂/∂y [3*x^2*y^2]" in out


@pytest.mark.parametrize("command", ["gradient", "hessian"])
def test_latex_and_json(capsys, command):
    status, out, _ = run(capsys, command, "x^2 y", "--latex")
    assert status == 0 and r"\begin{bmatrix}" in out and r"\begin{align*}" in out
    assert out.startswith(rf"\subsection*{{The {command.replace('hessian', 'Hessian')} of $x^{{2}} y$}}")
    status, out, _ = run(capsys, command, "x^2 y", "x y", "--latex", "--standalone")
    assert status == 0 and out.startswith(r"\documentclass") and out.count(r"\begin{bmatrix}") == 2
    status, out, _ = run(capsys, command, "x^2 y", "--json")
    document = json.loads(out)
    assert document["schema"] == "symdiff.trace/1"
    [data] = document[command + "s"]
    assert data["kind"] == command and data["expr"] == "x^2*y" and data["variables"] == ["x", "y"]


OUTPUT_FILES = [
    (["x^2 sin x"], "tex", "LaTeX, 1 derivation", r"\begin{align*}"),
    (["x^2", "x^3"], "json", "JSON, 2 derivations", '"derivations"'),
    (["x^3 y^2", "--wrt", "x", "--wrt", "y"], "md", "Markdown, 1 derivation", "∂^2/∂y∂x"),
    (["diff", "x^2"], "tex", "LaTeX, 1 derivation", r"\begin{align*}"),
    (["gradient", "x^2 y"], "tex", "LaTeX, 1 gradient", "\\nabla f = \\begin{bmatrix}\n2 x y"),
    (["gradient", "x^2 y", "x y"], "json", "JSON, 2 gradients", '"gradients"'),
    (["gradient", "x^2 y"], "md", "Markdown, 1 gradient", "## The gradient of x^2*y"),
    (["hessian", "x^2 y"], "tex", "LaTeX, 1 Hessian", r"H_{f} = \begin{bmatrix}"),
    (["hessian", "x^2 y"], "json", "JSON, 1 Hessian", '"hessians"'),
    (["hessian", "x^2 y"], "md", "Markdown, 1 Hessian", "Answer: `((2*y, 2*x), (2*x, 0))`"),
]


@pytest.mark.parametrize(("argv", "suffix", "said", "written"), OUTPUT_FILES)
def test_output_files_say_what_was_written(capsys, tmp_path, argv, suffix, said, written):
    path = tmp_path / f"steps.{suffix}"
    assert run(capsys, *argv, "-o", str(path)) == (0, "", f"wrote {path} ({said})\n")
    assert written in path.read_text(encoding="utf-8")


@needs_tex
def test_the_written_documents_compile(capsys, tmp_path):
    for command in ("gradient", "hessian"):
        path = tmp_path / f"{command}.tex"
        assert run(capsys, command, "x^2 y z + sin(x z)", "x y", "-o", str(path))[0] == 0
        compile_tex(tmp_path, path.read_text(encoding="utf-8"), command)


def test_batch_file(capsys, tmp_path):
    source = tmp_path / "exercises.txt"
    source.write_text("x^2 y\n# a comment\nx +\nx y\n", encoding="utf-8")
    status, out, err = run(capsys, "hessian", "-f", str(source), "--no-steps")
    assert status == 2 and out == "((2*y, 2*x), (2*x, 0))\n((0, 1), (1, 0))\n"
    assert err.startswith(f"symdiff: {source}:3: expected an expression after '+'")


BAD_INPUT = [
    # (arguments, part of the message on stderr): exit status 2, the other expressions still run
    (["gradient", "5"], "5 has no variables"),
    (["hessian", "x y", "--vars", "x,x"], "x is named twice"),
    (["gradient", "x y", "--vars", "x,2x"], "variable name such as x, not '2x'"),
    (["gradient", "sin(x"], "missing ')'"),
    (["gradient", "x", "-o", "steps.pdf"], "use .tex, .json or .md"),
    (["x^3 y^2", "--wrt", "x", "--wrt", "2x"], "variable name such as x, not '2x'"),
    (["a b^2"], "say which to differentiate by"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_exits_2_with_the_reason(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 2 and message in err and "Traceback" not in err


USAGE_ERRORS = [
    ["gradient"],
    ["hessian", "--vars"],
    ["gradient", "x", "--vars", ","],
    ["gradient", "x", "--wrt", "x"],  # gradient names its variables with --vars
    ["gradient", "x", "--standalone"],
    ["gradient", "x", "--latex", "--json"],
    ["gradient", "x", "--notation", "arabic"],
    ["x^3 y^2", "--wrt", "x", "--wrt", "y", "--order", "2"],  # a mixed partial has no single order
    ["diff"],
    ["diff", "x", "--vars", "x"],
]


@pytest.mark.parametrize("argv", USAGE_ERRORS)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and "usage:" in capsys.readouterr().err


def test_help_names_the_subcommands(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0
    for text in ("symdiff gradient", "symdiff hessian", "symdiff diff", "--wrt x --wrt y", "symdiff area",
                 "symdiff plot", "symdiff repl", "symdiff -- gradient"):
        assert text in out, text
    for command in ("gradient", "hessian", "diff"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0 and f"usage: symdiff {command}" in capsys.readouterr().out


def test_notation_is_refused_where_the_printers_do_not_take_it(capsys):
    from symdiff import Derivation
    from symdiff.ui.results import _accepts_notation

    assert run(capsys, "x^2", "--notation", "leibniz", "--no-steps") == (0, "2*x\n", "")
    status, out, err = run(capsys, "x^2", "--notation", "euler")
    if _accepts_notation(Derivation.explain):
        assert status == 0 and out
    else:
        assert status == 2 and "Leibniz notation only" in err


def test_through_python_dash_m_without_a_traceback():
    for argv in (["gradient", "x^2 y", "--no-steps"], ["hessian", "(" * 3000 + "x" + ")" * 3000],
                 ["diff", "x y", "--wrt", "x", "--wrt", "y"], ["gradient", "--bogus"]):
        result = subprocess.run([sys.executable, "-m", "symdiff", *argv], capture_output=True, text=True)
        assert "Traceback" not in result.stderr and result.returncode in (0, 2), argv
    result = subprocess.run([sys.executable, "-m", "symdiff", "gradient", "x^2 y", "--no-steps"],
                            capture_output=True, text=True)
    assert result.stdout == "(2*x*y, x^2)\n"
