"""Compiling LaTeX with a real pdflatex, for the tests that check exported documents."""

import os
import re
import shutil
import subprocess

import pytest

PDFLATEX = shutil.which("pdflatex")
needs_tex = pytest.mark.skipif(
    PDFLATEX is None and not os.environ.get("CI"),
    reason="pdflatex is not installed here (Debian: apt-get install texlive-latex-base); CI installs it",
)


def compile_tex(tmp_path, source: str, name: str = "doc") -> str:
    assert PDFLATEX is not None, "pdflatex is missing: .ci/run installs texlive-latex-base"
    (tmp_path / f"{name}.tex").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", f"{name}.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    log = (tmp_path / f"{name}.log").read_text(encoding="latin-1")
    assert result.returncode == 0, log[-3000:]
    assert not re.search(r"^! ", log, re.MULTILINE), log[-3000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000
    return log
