"""The symdiff command (for now: read expressions and print them as understood)."""

import subprocess
import sys

from symdiff.cli import main


def test_prints_the_expression_as_read(capsys):
    assert main(["3x^2 sin x", "1/2x"]) == 0
    assert capsys.readouterr().out.splitlines() == ["3*x^2*sin(x)", "1/2*x"]


def test_tree_view(capsys):
    assert main(["--tree", "-x^2"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Neg", "  Pow", "    Symbol x", "    Number 2"]


def test_bad_input_exits_2_with_the_caret_on_stderr_and_the_others_still_run(capsys):
    assert main(["x +", "y"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "y\n"
    assert captured.err.splitlines() == [
        "symdiff: expected an expression after '+', but the input ended",
        "  x +",
        "     ^",
    ]


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "symdiff", "e^-x²", "sin(x"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == "e^(-x^2)\n"
    assert "missing ')'" in result.stderr and "Traceback" not in result.stderr


def test_expressions_may_start_with_a_minus(capsys):
    assert main(["-x^2", "--tree", "-1"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Neg", "  Pow", "    Symbol x", "    Number 2", "Neg", "  Number 1"]


def test_needs_an_expression(capsys):
    import pytest

    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
