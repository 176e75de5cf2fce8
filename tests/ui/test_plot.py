"""Plots render (Agg, no screen) to valid, non-empty images and return their Figure."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from symdiff import IntegrationError, PlotError, lambdify, plot_function, plot_riemann, plot_roc
from symdiff.ui.plot import INSTALL_PLOT

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


def curves(figure: Figure) -> dict[str, np.ndarray]:
    """Each drawn curve's (x, y) samples, by the start of its label: "f(", "f'(", "tangent"."""
    lines = figure.axes[0].get_lines()
    return {line.get_label().split("x")[0]: np.asarray(line.get_xydata()) for line in lines}


# (f, interval, tangent point): f' and the tangent are drawn only where f has a value.
@pytest.mark.parametrize(
    ("expr", "a", "b", "tangent"),
    [
        ("ln x", -5, 5, None),  # f' = 1/x exists for x < 0, ln x does not
        ("ln(-x)", -5, 5, None),
        ("ln x + x^2", -2, 2, 1),
        ("sqrt(x) + x", -2, 2, 1),  # f' = 1/(2 sqrt x) + 1: the 1 alone would be drawn for x < 0
        ("asin(x) + x^3", -2, 2, 0),
        ("x^2 sin(1/x)", -1, 1, None),  # undefined at 0 only
    ],
)
def test_the_derivative_and_tangent_are_drawn_only_where_f_is_defined(expr, a, b, tangent) -> None:
    figure = plot_function(expr, a, b, tangent=tangent)
    f = lambdify(expr, ["x"], invalid="nan")
    drawn = curves(figure)
    for label in ("f'(", "tangent at "):
        if label in drawn:
            xs, ys = drawn[label].T
            shown = np.isfinite(ys)
            assert shown.any() and np.isfinite(f(xs[shown])).all(), label
    xs, ys = drawn["f'("].T
    assert np.isnan(ys[~np.isfinite(f(xs))]).all()


# (f, interval, y-range that must be in view, bounds the view must stay within): the view shows
# the shape, cut back at a pole (and at its derivative's steeper pole), never at a smooth end.
@pytest.mark.parametrize(
    ("expr", "a", "b", "seen", "within"),
    [
        ("1/x", -5, 5, (-2, 2), (-10, 10)),  # both branches, not the positive one squeezed flat
        ("1/x", -4.99, 5, (-2, 2), (-10, 10)),  # 0 not sampled: the poles' samples are finite
        ("tan x", -5, 5, (-3, 3), (-30, 30)),
        ("1/x^2", -5, 5, (0, 10), (-5, 50)),
        ("ln x", -5, 5, (-4.3, 1.6), (-6, 4)),  # ln x all in view; f' = 1/x cut back
        ("sqrt(x)", -2, 2, (0, 1.4), (-0.5, 3)),  # f' = 1/(2 sqrt x) runs off the top
        ("x^2 sin(1/x)", -1, 1, (-1, 1.3), (-2, 2)),
        ("x^3", -5, 5, (-125, 125), (-200, 200)),  # a smooth function is never cut
        ("e^x", -5, 5, (0, 148), (-20, 200)),
        ("x^30", -5, 5, (0, 9.3e20), (-1e22, 1e22)),
        ("1/(1 + 100x^2)", -5, 5, (0, 1), (-10, 10)),  # a narrow smooth peak is not a pole
        ("e^(-100x^2)", -5, 5, (0, 1), (-10, 10)),
    ],
)
def test_the_y_limits_show_the_shape(expr, a, b, seen, within) -> None:
    low, high = plot_function(expr, a, b).axes[0].get_ylim()
    assert within[0] <= low <= seen[0] and seen[1] <= high <= within[1]


def test_a_steep_last_step_close_to_the_rest_is_not_taken_for_a_pole() -> None:
    # f(5) = 1.48 is 4 times the size of the sample before (-0.37) but under one bulk width above the bulk
    low, high = plot_function("e^x - e^4.99", -5, 5, derivative=False).axes[0].get_ylim()
    assert low <= -147 and high >= 1.48


@pytest.mark.parametrize(("expr", "a", "b"), [("tan x", -5, 5), ("1/x", -4.99, 5), ("1/(x - 0.3)", -1, 1),
                                              ("tan x", 1.5, 1.7)])
def test_no_line_joins_the_two_sides_of_a_pole(expr, a, b) -> None:
    figure = plot_function(expr, a, b)
    low, high = figure.axes[0].get_ylim()
    for label, points in curves(figure).items():
        ys = points[:, 1]
        left, right = ys[:-1], ys[1:]
        assert not (((left > high) & (right < low)) | ((left < low) & (right > high))).any(), label
    assert np.isnan(curves(figure)["f("][:, 1]).any()  # the gap is there


def test_a_curve_without_a_pole_is_drawn_unbroken() -> None:
    for expr in ("sin x", "x^3 - 3x", "e^x", "tanh(100 x)"):
        figure = plot_function(expr, -2, 2)
        for points in curves(figure).values():
            assert np.isfinite(points).all(), expr


# (f, a, b, method, the tallest shape's height, how far the view may reach): the 1/x curve reaches
# 1e4, yet the picture is scaled to the shapes (and the curve's bulk), all of them whole.
@pytest.mark.parametrize(
    ("expr", "a", "b", "method", "tallest", "reach"),
    [
        ("1/x", 0.0001, 1, "midpoint", 1 / 0.0834167, 100),
        ("-1/x", 0.0001, 1, "midpoint", -1 / 0.0834167, 100),
        ("1/x", 0.0001, 1, "left", 1e4, 1.2e4),  # the sum adds this rectangle: it is shown
    ],
)
def test_a_riemann_picture_near_a_pole_shows_every_shape_whole(expr, a, b, method, tallest, reach) -> None:
    low, high = plot_riemann(expr, a, b, 6, method=method).axes[0].get_ylim()
    assert -reach < low <= min(0, tallest) and max(0, tallest) <= high < reach


def test_the_install_hint_reads_as_the_readme_writes_it() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`{INSTALL_PLOT}" in readme


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
        (lambda p: plot_function("ln x", tangent=-1), PlotError, "no tangent line there"),
    ],
)
def test_bad_plots_get_clear_errors(tmp_path: Path, call, error, message: str) -> None:
    with pytest.raises(error, match=message):
        call(tmp_path)


def test_without_matplotlib_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # import fails as if not installed
    with pytest.raises(PlotError, match=f"plots need matplotlib: {re.escape(INSTALL_PLOT)}"):
        plot_function("x")
