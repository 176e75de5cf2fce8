"""The symdiff command: derivatives with steps, the output forms, batch input, exit codes."""

import json
import subprocess
import sys

import pytest

from symdiff.ui.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_main_job_prints_the_derivative_with_its_steps(capsys):
    status, out, err = run(capsys, "x^2 sin x")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "d/dx [x^2*sin(x)]"
    assert any("Product Rule" in line for line in lines) and any("Sine Rule" in line for line in lines)
    assert lines[-1] == "= x^2*cos(x) + 2*x*sin(x)"
    assert "\033[" not in out  # no colour when not a terminal


def test_variable_order_and_answer_only(capsys):
    assert run(capsys, "x^2 y + y^3", "--wrt", "y", "--no-steps") == (0, "x^2 + 3*y^2\n", "")
    assert run(capsys, "--wrt=y", "x^2 y + y^3", "--no-steps") == (0, "x^2 + 3*y^2\n", "")
    assert run(capsys, "x^x", "--order", "2", "--no-steps") == (0, "x^x*((ln(x) + 1)^2 + 1/x)\n", "")
    # x when there are several variables and x is one of them
    assert run(capsys, "x^2 y", "--no-steps") == (0, "2*x*y\n", "")


def test_several_variables_without_x_ask_which(capsys):
    status, out, err = run(capsys, "a b^2")
    assert status == 2 and out == ""
    assert "the expression has a, b" in err and "--wrt a" in err


def test_brief_leaves_out_trivial_steps(capsys):
    _, full, _ = run(capsys, "3x^2 + x + 1")
    _, brief, _ = run(capsys, "3x^2 + x + 1", "--brief")
    assert "Sum Rule" in full and "Constant Rule" in full
    assert "Sum Rule" not in brief and "Constant Rule" not in brief and "Power Rule" in brief
    assert full.splitlines()[-1] == brief.splitlines()[-1] == "= 6*x + 1"


def test_latex_output(capsys):
    status, out, _ = run(capsys, "tan(3x)", "--latex")
    assert status == 0 and out.startswith("\\begin{align*}") and "\\textbf{Chain Rule}" in out
    status, out, _ = run(capsys, "tan(3x)", "sin x", "--latex", "--standalone")
    assert out.startswith("\\documentclass") and out.count("\\subsection*{Problem") == 2


def test_json_output(capsys):
    status, out, _ = run(capsys, "x^3", "ln x", "--json")
    document = json.loads(out)
    assert status == 0 and document["schema"] == "symdiff.trace/1"
    assert [d["result"] for d in document["derivations"]] == ["3*x^2", "1/x"]


@pytest.mark.parametrize("suffix", ["tex", "json", "md"])
def test_output_file_by_extension(capsys, tmp_path, suffix):
    path = tmp_path / f"steps.{suffix}"
    kind = {"tex": "LaTeX", "json": "JSON", "md": "Markdown"}[suffix]
    assert run(capsys, "ln(x^2 + 1)", "-o", str(path)) == (0, "", f"wrote {path} ({kind}, 1 derivation)\n")
    assert "ln" in path.read_text(encoding="utf-8")


def test_unknown_output_extension_is_bad_input(capsys, tmp_path):
    status, _, err = run(capsys, "x", "-o", str(tmp_path / "steps.pdf"))
    assert status == 2 and "use .tex, .json or .md" in err


def test_batch_file_reports_bad_lines_by_number_and_runs_the_rest(capsys, tmp_path):
    source = tmp_path / "exercises.txt"
    source.write_text("# derivatives\nx^2\n\nsin(x\ntan x\n", encoding="utf-8")
    status, out, err = run(capsys, "-f", str(source), "--no-steps")
    assert status == 2
    assert out.splitlines() == ["2*x", "sec(x)^2"]
    assert err.splitlines()[0] == f"symdiff: {source}:4: missing ')': the '(' at column 4 is never closed"
    assert err.splitlines()[2].endswith("^")


def test_batch_from_standard_input():
    result = subprocess.run(
        [sys.executable, "-m", "symdiff", "-f", "-", "--no-steps"], input="x^3\n1/x\n", capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "3*x^2\n-1/x^2\n", "")


def test_missing_batch_file(capsys, tmp_path):
    status, _, err = run(capsys, "-f", str(tmp_path / "nothing.txt"))
    assert status == 2 and "cannot read" in err


def test_bad_input_exits_2_with_the_caret_on_stderr_and_the_others_still_run(capsys):
    status, out, err = run(capsys, "x +", "y^2", "--no-steps")
    assert status == 2 and out == "2*y\n"
    assert err.splitlines() == [
        "symdiff: expected an expression after '+', but the input ended",
        "  x +",
        "     ^",
    ]


def test_parse_and_tree_views(capsys):
    assert run(capsys, "--parse", "3x^2 sin x", "1/2x") == (0, "3*x^2*sin(x)\n1/2*x\n", "")
    assert run(capsys, "--tree", "-x^2")[1].splitlines() == ["Neg", "  Pow", "    Symbol x", "    Number 2"]


def test_expressions_may_start_with_a_minus(capsys):
    assert run(capsys, "-x^2", "--no-steps") == (0, "-2*x\n", "")


USAGE_ERRORS = [["--order", "two", "x"], ["--wrt"], ["--standalone", "x"], ["--bogus", "x"], ["x", "-o"]]


@pytest.mark.parametrize("argv", USAGE_ERRORS)
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


def test_bad_order_and_variable_are_input_errors(capsys):
    assert run(capsys, "x", "--order", "0")[0] == 2
    # after a written derivative the order made a list of that many variables: MemoryError
    status, _, err = run(capsys, "d/dx x^2", "--order", "1000000000000")
    assert status == 2 and "whole number from 1 to 100, not 1000000000000" in err
    status, _, err = run(capsys, "x", "--wrt", "2x")
    assert status == 2 and "variable" in err


def test_help_shows_examples_and_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0 and "examples:" in out and "--wrt" in out and "symdiff repl" in out
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("symdiff ")


def test_python_dash_m_runs_the_same_command_and_never_shows_a_traceback():
    for argv, stdin in [(["e^-x²", "--no-steps"], ""), (["sin(x"], ""), (["--", "--x"], ""),
                        (["-f", "-"], "x" * 300_000), (["-f", "-"], "(" * 5000 + "x" + ")" * 5000)]:
        result = subprocess.run([sys.executable, "-m", "symdiff", *argv], input=stdin, capture_output=True, text=True)
        assert "Traceback" not in result.stderr, argv
        assert result.returncode in (0, 2)
    result = subprocess.run([sys.executable, "-m", "symdiff", "e^-x²", "--no-steps"], capture_output=True, text=True)
    assert result.stdout == "-2*x*e^(-x^2)\n"


def test_area(capsys):
    status, out, err = run(capsys, "area", "sin x", "0", "pi", "--method", "simpson", "-n", "10")
    assert (status, out, err) == (0, "2.00010951732  (error estimate ± 0.00011)\n", "")
    status, out, _ = run(capsys, "area", "x^2", "-1", "2", "-n", "4", "--steps")
    assert status == 0 and "∫ x^2 dx from -1 to 2, trapezoid rule with n = 4" in out and "weight·f" in out
    status, out, _ = run(capsys, "area", "e^(-x^2)", "-pi/2", "pi/2", "-m", "midpoint", "--latex")
    assert status == 0 and out.startswith("\\begin{gather*}") and "\\frac{\\pi}{2}" in out


def test_area_plot_and_plot_write_images(capsys, tmp_path):
    pytest.importorskip("matplotlib")
    status, _, err = run(capsys, "area", "sin x", "0", "pi", "-n", "6", "--plot", str(tmp_path / "a.png"))
    assert status == 0 and err == f"wrote {tmp_path / 'a.png'}\n"
    assert run(capsys, "plot", "sin x", "--tangent", "1", "-o", str(tmp_path / "t.png"))[0] == 0
    riemann = ["plot", "x^2", "--from", "-1", "--to", "1", "--riemann", "4", "-o", str(tmp_path / "r.png")]
    assert run(capsys, *riemann)[0] == 0
    for name in ("a.png", "t.png", "r.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["area", "1/x", "0", "1"], "improper"),
        (["area", "x", "0", "1", "-m", "simpson", "-n", "5"], "must be even"),
        (["area", "x", "0", "1", "-n", "0"], "at least 1"),
        (["area", "x y", "0", "1"], "say which variable"),
        (["area", "x", "0", "inf"], "improper integral"),
        (["plot", "x", "--riemann", "4"], "--riemann needs the interval"),
        (["plot", "1/x", "--tangent", "0", "-o", "/nonexistent/dir/x.png"], "no tangent line"),
    ],
)
def test_area_and_plot_errors_exit_2(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 2 and message in err and "Traceback" not in err


def test_area_help_and_bad_options(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["area", "--help"])
    assert exit_info.value.code == 0 and "simpson" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["area", "x", "0", "1", "--method", "gauss"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_plot_and_area_say_on_stderr_what_they_wrote(capsys, tmp_path):
    pytest.importorskip("matplotlib")
    for argv, name, out in [
        (["plot", "sin x", "--tangent", "1", "-o"], "t.png", ""),
        (["plot", "x^2", "--from", "-1", "--to", "1", "--riemann", "4", "-o"], "r.svg", ""),
        (["area", "x^2", "0", "1", "-n", "4", "--plot"], "a.png", "0.34375  (error estimate ± 0.0104)\n"),
    ]:
        path = tmp_path / name
        assert run(capsys, *argv, str(path)) == (0, out, f"wrote {path}\n")  # as `symdiff EXPR -o FILE`
        assert path.stat().st_size > 1000


def test_the_command_line_and_the_repl_share_their_defaults(capsys, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    from symdiff.numeric.area import DEFAULT_N
    from symdiff.ui.plot import DEFAULT_PLOT_FILE
    from symdiff.ui.repl import Session

    status, out, _ = run(capsys, "area", "x^2", "0", "1", "--steps")
    heading = f"∫ x^2 dx from 0 to 1, trapezoid rule with n = {DEFAULT_N} "
    assert status == 0 and out.startswith(heading) and Session().handle(":area x^2, 0, 1").startswith(heading)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "plot", "x^2") == (0, "", f"wrote {DEFAULT_PLOT_FILE}\n")
    (tmp_path / DEFAULT_PLOT_FILE).unlink()
    assert Session().handle(":plot x^2") == f"wrote {DEFAULT_PLOT_FILE}"
    assert (tmp_path / DEFAULT_PLOT_FILE).read_bytes().startswith(b"\x89PNG")
    for command, default in [("area", f"(default {DEFAULT_N})"), ("plot", f"(default {DEFAULT_PLOT_FILE})")]:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert default.replace(" ", "") in "".join(capsys.readouterr().out.split())  # argparse wraps the help


# (argv, what the error says): errors speak the command line's language, never Python's (method='midpoint')
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["area", "sin(x)/x", "0", "1"], "settles to a limit next to it: the midpoint sum never evaluates the "
                                         "endpoints, so the midpoint method can estimate this area"),
        (["area", "1/x", "0", "1", "-m", "midpoint"], "the integral is improper there"),
        (["area", "1/(x - 0.5)", "0", "1", "-n", "10"], "split the integral at it"),
        (["area", "x", "0", "1", "-m", "simpson", "-n", "3"], "n must be even, not 3 (try 4)"),
    ],
)
def test_area_errors_give_hints_without_python_syntax(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "") and message in " ".join(err.split()) and "='" not in err


def test_the_hinted_method_then_works(capsys):
    status, out, _ = run(capsys, "area", "sin(x)/x", "0", "1", "--method", "midpoint")
    assert status == 0 and out.startswith("0.94608")  # Si(1) = 0.946083...


def test_a_derivative_whose_steps_are_too_long_to_show_is_printed_without_them(capsys):
    """sqrt(sqrt(...sqrt(y))) 300 deep: the steps of its second derivative would show over 50,000
    factors, so derive declines them; the command line prints the answer, by diff, and why there
    are no steps (exit 0: it was answered)."""
    status, out, err = run(capsys, "√" * 300 + "y", "--order", "2")
    first, last = out.splitlines()
    assert status == 0 and err == ""
    assert first.startswith("d^2/dy^2 [sqrt(sqrt(") and "] = " in first
    assert last.startswith("No steps shown: the 1st derivative of sqrt(") and "over 50,000 factors" in last
