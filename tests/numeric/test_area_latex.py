"""The area working in LaTeX: every word set as text, and the document compiles."""

import pytest
from tex import compile_tex, needs_tex, overfull_boxes, words_in_math

from symdiff import integrate, integrate_samples
from symdiff.core.latex import document

METHODS = ["left", "right", "midpoint", "trapezoid", "simpson"]


@pytest.mark.parametrize("method", METHODS)
def test_the_working_sets_its_words_as_text(method):
    for n in (4, 400):  # with the table of samples, and without
        latex = integrate("x^2 sin x", "x", 0, "pi/2", method=method, n=n).to_latex()
        assert words_in_math(latex) == [], (method, n)
        assert r"\text{weight}" in latex or n > 50
    samples = integrate_samples([0.0, 1.0, 4.0, 9.0, 16.0], dx=0.5, method="trapezoid" if method != "simpson"
                                else "simpson").to_latex()
    assert words_in_math(samples) == []


@needs_tex
def test_the_working_compiles(tmp_path):
    blocks = [integrate("x^2 sin x", "x", 0, "pi/2", method=method, n=4).to_latex() for method in METHODS]
    assert overfull_boxes(compile_tex(tmp_path, document(blocks, title="Areas"), "areas")) == []
