"""Hard rules checked on the code itself: no eval/exec/compile, SymPy only as an oracle,
and a light `import symdiff`."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "symdiff"
SOURCES = sorted(PACKAGE.rglob("*.py"))
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}


@pytest.mark.parametrize("path", SOURCES, ids=[str(path.relative_to(PACKAGE)) for path in SOURCES])
def test_no_eval_exec_or_compile(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                name = function.id
            elif isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
                name = function.attr if function.value.id == "builtins" else None  # not re.compile
            else:
                name = None
            assert name not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {name}"
        if isinstance(node, ast.Name):
            assert node.id not in {"eval", "exec"}, f"{path.name}:{node.lineno} refers to {node.id}"


@pytest.mark.parametrize("path", SOURCES, ids=[str(path.relative_to(PACKAGE)) for path in SOURCES])
def test_sympy_is_never_imported_by_the_package(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(alias.name.split(".")[0] == "sympy" for alias in node.names), path.name
        if isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] != "sympy", path.name


def _run(probe: str) -> str:
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout


def test_importing_symdiff_loads_nothing_heavy():
    probe = (
        "import sys, json; import symdiff; "
        "heavy = ('lark', 'numpy', 'matplotlib', 'sympy', 'prompt_toolkit'); "
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))"
    )
    loaded = json.loads(_run(probe))
    assert loaded == []


def test_parsing_loads_lark_once_and_still_no_numpy():
    probe = (
        "import sys, json; import symdiff; symdiff.parse('x'); symdiff.parse('y'); "
        "from symdiff.syntax.parser import _lark; "
        "print(json.dumps([m in sys.modules for m in ('lark', 'numpy')] + [_lark.cache_info().misses]))"
    )
    result = json.loads(_run(probe))
    assert result == [True, False, 1]
