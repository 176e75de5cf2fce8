"""The README's Python examples are run as doctests: what it shows is what symdiff prints.

Each ```python block holding ``>>>`` lines is one doctest, run in a temporary directory (some
examples write files) with the blocks before it in the same namespace, as a reader would type
them into one session.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, match.start()) + 2, match.group(1))
            for match in _BLOCK.finditer(text) if ">>>" in match.group(1)]


def test_the_readme_has_examples_to_run():
    assert len(_blocks()) >= 4


def test_the_readme_examples_print_what_it_shows(tmp_path, monkeypatch):
    pytest.importorskip("numpy")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    namespace: dict[str, object] = {}
    report = []
    for line, block in _blocks():
        test = parser.get_doctest(block, namespace, f"README.md, line {line}", str(README), line - 1)
        before = runner.failures
        runner.run(test, out=report.append, clear_globs=False)
        namespace = test.globs
        assert runner.failures == before, "".join(report)
