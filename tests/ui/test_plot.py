"""Plots render (Agg, no screen) to valid, non-empty images and return their Figure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from symdiff import IntegrationError, PlotError, plot_function, plot_riemann, plot_roc

matplotlib = pytest.importorskip("matplotlib")  # an optional extra; the test extra installs it
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import imread  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_image(path: Path, width: int = 600) -> np.ndarray:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000
    pixels = imread(path)
    assert pixels.shape[1] >= width and pixels.shape[2] in (3, 4)
    assert pixels[..., :3].std() > 0.05  # something was drawn, not a blank canvas
    return pixels


def test_function_with_derivative_and_tangent(tmp_path: Path) -> None:
    figure = plot_function("sin x", tangent=1, path=tmp_path / "tangent.png")
    assert isinstance(figure, Figure)
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    assert labels[:2] == ["f(x) = sin(x)", "f'(x) = cos(x)"]
    assert any(label.startswith("tangent at x = 1: y = 0.8415 + 0.5403·(x − 1)") for label in labels)
    assert_image(tmp_path / "tangent.png")


def test_a_pole_does_not_break_the_picture(tmp_path: Path) -> None:
    figure = plot_function("1/x", -2, 2, path=tmp_path / "pole.png")
    low, high = figure.axes[0].get_ylim()
    assert -1e3 < low < high < 1e3
    assert_image(tmp_path / "pole.png")


@pytest.mark.parametrize("method", ["left", "right", "midpoint", "trapezoid", "simpson"])
def test_riemann_shapes(tmp_path: Path, method: str) -> None:
    path = tmp_path / f"{method}.png"
    figure = plot_riemann("sin x", 0, "pi", 6, method=method, path=path)
    assert figure.axes[0].get_title().startswith(f"{method} (n = 6): ∫ ≈ ")
    assert_image(path)


def test_roc_curve_with_auc_in_the_legend(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 400)
    scores = rng.normal(size=400) + 1.5 * labels
    figure = plot_roc(labels, scores, label="logistic", path=tmp_path / "roc.png")
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend[0].startswith("logistic (AUC = 0.") and legend[1] == "chance (AUC = 0.5)"
    assert_image(tmp_path / "roc.png", width=500)


def test_other_formats_by_extension(tmp_path: Path) -> None:
    plot_function("x^2", path=tmp_path / "square.svg")
    assert (tmp_path / "square.svg").read_text().lstrip().startswith("<?xml")
    plot_function("x^2", path=tmp_path / "square.pdf")
    assert (tmp_path / "square.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda p: plot_function("x", 2, 1), PlotError, "a < b"),
        (lambda p: plot_function("1/x", tangent=0), PlotError, "no tangent line there"),
        (lambda p: plot_function("x", path=p / "missing" / "x.png"), PlotError, "cannot save the plot"),
        (lambda p: plot_function("x", path=p / "x.unknown"), PlotError, "cannot save the plot"),
        (lambda p: plot_riemann("x", 0, 1, 3, method="simpson"), IntegrationError, "even"),
        (lambda p: plot_riemann("x", 1, 1, 3), PlotError, "a < b"),
    ],
)
def test_bad_plots_get_clear_errors(tmp_path: Path, call, error, message: str) -> None:
    with pytest.raises(error, match=message):
        call(tmp_path)
