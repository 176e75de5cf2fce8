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


def overfull_boxes(log: str) -> list[str]:
    """The "Overfull \\hbox" warnings of a pdflatex log: a line that runs into the margin."""
    return re.findall(r"^Overfull \\hbox \((.*?)\)", log, re.MULTILINE)


# Commands whose braced argument is text (or a name, a length), not mathematics.
_TEXT_COMMANDS = re.compile(r"\\(?:text|textbf|textit|mathit|mathrm|operatorname|hspace|begin|end)\{")
_DISPLAYS = re.compile(r"\\begin\{(align\*|gather\*|aligned)\}(.*?)\\end\{\1\}", re.DOTALL)


def words_in_math(latex: str) -> list[str]:
    """Runs of two or more letters in the displayed mathematics of ``latex`` outside \\text{}
    and the like: words that TeX would set as a product of italic variables. ("dx" of d/dx and
    the xy of f_{xy} are mathematics.)"""
    found = []
    for _, body in _DISPLAYS.findall(latex):
        body = re.sub(r"\\begin\{array\}\{[lcr|]*\}", " ", body)  # an array's columns, rrr
        plain = []
        i = 0
        while i < len(body):
            match = _TEXT_COMMANDS.match(body, i)
            if match is None:
                plain.append(body[i])
                i += 1
                continue
            depth, i = 1, match.end()  # skip the argument, braces balanced
            while i < len(body) and depth:
                if body[i] == "\\":
                    i += 2
                    continue
                depth += {"{": 1, "}": -1}.get(body[i], 0)
                i += 1
        # (a Lagrange subscript, f_{xy}, names the variables: mathematics)
        math = re.sub(r"\\[a-zA-Z]+", " ", re.sub(r"_\{[a-z,]+\}", " ", "".join(plain)))
        found += [word for word in re.findall(r"[A-Za-z]{2,}", math) if not re.fullmatch(r"d[a-z]", word)]
    return found
