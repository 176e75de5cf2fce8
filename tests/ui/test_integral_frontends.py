"""Integrals in the front ends: ``symdiff integrate``, the session's :integrate, and files."""

from __future__ import annotations

import json

import pytest
from cli_runner import run

from symdiff.ui.repl import Session


@pytest.mark.parametrize(("argv", "answer"), [
    (["sin x", "--from", "0", "--to", "pi"], "2"),
    (["1/x^2", "--from", "1", "--to", "oo"], "1"),
    (["x^2", "--from", "0", "--to", "1"], "1/3 ≈ 0.333333333333"),
    (["1/x", "--from", "1", "--to", "oo"], "diverges to oo"),
    (["x^2", "--from", "0", "--to", "1", "--method", "simpson", "-n", "10"], "0.333333333333"),
])  # fmt: skip
def test_definite_integrals_on_the_command_line(capsys, argv, answer):
    status, out, err = run(capsys, "integrate", *argv, "--no-steps")
    assert (status, err) == (0, "")
    assert out.strip().startswith(answer)


def test_an_antiderivative_with_its_steps(capsys):
    status, out, _ = run(capsys, "integrate", "x e^x")
    assert status == 0 and "+ C" in out
    status, out, _ = run(capsys, "integrate", "2x", "--no-steps")
    assert out.strip() == "x^2 + C"


def test_the_worked_definite_integral(capsys):
    status, out, _ = run(capsys, "integrate", "sin x", "--from", "0", "--to", "pi")
    assert status == 0 and "Fundamental Theorem" in out and "F(pi) = -cos(pi) = 1" in out


@pytest.mark.parametrize("argv", [
    ["e^(-x^2)"],
    ["1/x", "--from", "-1", "--to", "1"],
    ["x", "--from", "0"],
    ["x", "--method", "simpson"],
    ["x", "--from", "0", "--to", "1", "--method", "exact", "-n", "4"],
    ["x", "--from", "0", "--to", "1", "--method", "bogus"],
])  # fmt: skip
def test_refusals_exit_with_status_2(capsys, argv):
    status, out, err = run(capsys, "integrate", *argv)
    assert status == 2 and err and not out.strip()


def test_the_refusal_of_a_non_elementary_integrand_says_what_to_do(capsys):
    _, _, err = run(capsys, "integrate", "e^(-x^2)", "--from", "0", "--to", "1")
    assert "adaptive" in err or "numeric" in err


@pytest.mark.parametrize(("bounds", "said"), [
    (["--from", "a", "--to", "b"], "symdiff: the lower bound a must be a number, not the variable a\n"),
    (["--from", "0", "--to", "2y"], "symdiff: the upper bound b must be a number, not 2*y, which has the variable y\n"),
])
def test_a_bound_with_a_variable_is_refused_in_one_sentence(capsys, bounds, said):
    """It said "the lower bound a = a must be a number, not use a variable", then pointed to
    adaptive quadrature, which cannot help with bounds that are not numbers."""
    status, _, err = run(capsys, "integrate", "x", *bounds)
    assert status == 2 and err == said


def test_json_and_files(capsys, tmp_path):
    status, out, _ = run(capsys, "integrate", "sin x", "--from", "0", "--to", "pi", "--json")
    assert status == 0 and json.loads(out)
    for suffix in (".tex", ".json", ".md"):
        path = tmp_path / f"integral{suffix}"
        status, _, err = run(capsys, "integrate", "x cos x", "-o", str(path))
        assert status == 0 and "wrote" in err and path.read_text(encoding="utf-8")
    assert r"\int" in (tmp_path / "integral.tex").read_text(encoding="utf-8")


def test_the_session_integrates():
    session = Session()
    assert "+ C" in session.handle(":integrate x e^x")
    text = session.handle(":integrate sin x, 0, pi")
    assert "= 2" in text
    assert r"\Big[" in session.handle(":latex")
    assert "= 1" in session.handle(":integrate 1/x^2, 1, oo")
    assert "adaptive Gauss–Kronrod" in session.handle(":integrate e^(-x^2), 0, 1, adaptive")
    session.handle(":steps off")
    assert session.handle(":integrate x^2, 0, 1, simpson, 10").startswith("0.33333")


@pytest.mark.parametrize("line", [":integrate", ":integrate x, 0", ":integrate x, 0, 1, bogus",
                                  ":integrate x, 0, 1, simpson, ten", ":integrate 1/x, -1, 1"])
def test_the_session_refuses_bad_lines(line):
    from symdiff import SymdiffError

    with pytest.raises(SymdiffError):
        Session().handle(line)


def test_the_session_refuses_a_variable_with_a_value():
    from symdiff import SymdiffError

    session = Session()
    session.handle("x = 3")
    with pytest.raises(SymdiffError):
        session.handle(":integrate x^2")
