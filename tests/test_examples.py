"""The example scripts run, print what their docstrings promise, and write their pictures."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(name: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_reading_expressions() -> None:
    assert "reads as" in run("reading_expressions.py")


def test_area_under_sine_shows_each_method_at_its_order(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = run("area_under_sine.py", str(tmp_path))
    sections = re.split(r"\n  (left|right|midpoint|trapezoid|simpson)\n", out)
    orders = {}
    for method, table in zip(sections[1::2], sections[2::2], strict=True):
        last = next(line.split() for line in table.splitlines() if line.split()[:1] == ["256"])
        orders.setdefault(method, []).append(float(last[-1]))
    assert [round(o) for o in orders["simpson"]] == [4, 4]
    assert [round(o) for o in orders["midpoint"]] == [2, 2]
    assert round(orders["left"][1]) == 1 and round(orders["right"][1]) == 1  # on [0, pi/2]
    for name in ["area_errors.png", "area_left.png", "area_simpson.png"]:
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_roc_from_scratch_agrees_with_mann_whitney(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = run("roc_from_scratch.py", str(tmp_path))
    auc = re.search(r"AUC = (0\.\d+)", out).group(1)
    pairs = re.search(r"pairs: (0\.\d+)", out).group(1)
    assert auc == pairs and float(auc) > 0.8
    assert "∂L/∂b = sigmoid(w1*x1 + w2*x2 + b) - y" in out
    assert (tmp_path / "roc.png").read_bytes().startswith(b"\x89PNG")


def test_method_of_exhaustion_squeezes_pi_and_finds_the_limits(tmp_path: Path) -> None:
    out = run("method_of_exhaustion.py", str(tmp_path))
    assert "3 10/71 = 3.140845 < 3.141032 < π < 3.142715 < 3.142857 = 3 1/7" in out
    assert "lim[n->oo] n/2 sin(2 pi/n) = pi" in out and "lim[n->oo] n tan(pi/n) = pi" in out
    last = next(line.split() for line in out.splitlines() if line.split()[:1] == ["1536"])
    assert float(last[1]) < 3.14159265 < float(last[2])
    if (tmp_path / "exhaustion.png").exists():
        assert (tmp_path / "exhaustion.png").read_bytes().startswith(b"\x89PNG")


def test_network_backprop_agrees_three_ways() -> None:
    if not os.environ.get("CI"):  # CI installs torch (.ci/run): there the example must run
        pytest.importorskip("torch")
    out = run("network_backprop.py")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith("  ") and
            line.split()[0] in {"w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c"}}
    assert len(rows) == 9 and all(abs(float(a) - float(b)) < 1e-11 for a, b in rows.values())
    assert "∂loss/∂c = 2*sigmoid(c + v1*sigmoid(" in out
    import symdiff

    if hasattr(symdiff, "backprop"):
        assert "all three agree" in out
    else:
        assert "the symbolic gradient and PyTorch's autograd agree (to 1e-10)" in out


def test_linear_regression_reaches_least_squares_and_draws_both_pictures(tmp_path):
    pytest.importorskip("matplotlib")
    out = run("linear_regression.py", str(tmp_path))
    assert "Multivariable Chain Rule: ∂C/∂m = ∂C/∂yhat*∂yhat/∂m" in out and "\n= 2*x*(m*x + b - y)\n" in out
    assert "∂C/∂m = (1/n) Σ 2*x*(m*x + b - y)" in out
    assert "m <- m - lr * ∂C/∂m = -1.5 - 0.05 * (" in out
    exact = re.search(r"lstsq\): m = (\S+), b = (\S+),", out).groups()
    distances = [float(d) for d in re.findall(r"distance from least squares: (\S+)", out)]
    assert len(distances) == 3 and distances[0] < 1e-8 and max(distances) < 0.05
    assert "batch, lr = 0.05): " in out and "converged" in out and float(exact[0]) > 1.7
    assert "mini-batch of 20" in out and "stochastic" in out
    for name in ["descent_cost.png", "descent_path.png"]:
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_logistic_regression_derives_the_error_times_the_input_and_matches_scikit_learn(tmp_path):
    pytest.importorskip("matplotlib")
    out = run("logistic_regression.py", str(tmp_path))
    assert "∂L/∂w1 = ∂L/∂a*∂a/∂z*∂z/∂w1" in out and "  = x1*(sigmoid(w1*x1 + w2*x2 + b) - y)" in out
    assert "the binary cross-entropy over 500 samples" in out and "converged" in out
    if "scikit-learn is not installed" not in out:
        difference = float(re.search(r"largest difference from gradient descent: (\S+)", out).group(1))
        assert difference < 1e-5
    assert float(re.search(r"training accuracy: (\S+)", out).group(1)) > 0.75
    assert (tmp_path / "logistic_cost.png").read_bytes().startswith(b"\x89PNG")
