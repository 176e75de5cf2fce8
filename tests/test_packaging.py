"""The wheel carries the grammar, and symdiff finds it there without a source tree."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling", reason="the test extra installs hatchling to build the wheel offline")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("symdiff-*.whl")
    return built


def test_wheel_contains_the_grammar(wheel):
    with zipfile.ZipFile(wheel) as archive:
        packaged = archive.read("symdiff/syntax/symdiff.lark").decode("utf-8")
        assert "symdiff/ui/cli.py" in archive.namelist()
    assert packaged == (ROOT / "grammar" / "symdiff.lark").read_text(encoding="utf-8")


def test_unpacked_wheel_parses_without_a_source_tree(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    assert not (tmp_path / "grammar").exists()
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    probe = "import symdiff; print(symdiff.__file__); print(symdiff.parse('3x^2 sin x'))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=True
    ).stdout
    location, printed = out.splitlines()
    assert Path(location).is_relative_to(tmp_path)
    assert printed == "3*x^2*sin(x)"


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(commands) == 2
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
