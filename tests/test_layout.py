"""The package's layout: every module in one layer, the import contracts kept (import-linter),
and each layer's docstring naming exactly the layers the contract lets it import."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "symdiff"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}
LAYERS = [name.removeprefix("symdiff.") for name in CONTRACTS["layers"]["layers"]]  # highest first
ENTRY_POINTS = {"__init__.py", "__main__.py"}  # the public API and `python -m symdiff`


def test_the_layers_are_the_documented_six():
    assert LAYERS == ["ui", "numeric", "calculus", "algebra", "syntax", "core"]


def test_every_module_lives_in_a_layer():
    # A module outside every layer would be outside the layers contract, free to import anything.
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts == (path.name,):
            assert path.name in ENTRY_POINTS, f"symdiff/{path.name} belongs in one of the layers {LAYERS}"
        else:
            assert parts[0] in LAYERS, f"{path} is in no layer"
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").is_file()


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_says_what_lives_there_and_what_it_may_import(layer):
    docstring = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and "Lives here:" in docstring and "May import:" in docstring
    said = docstring.split("May import:", 1)[1].split(".\n", 1)[0]
    lower = LAYERS[LAYERS.index(layer) + 1:]
    if layer == LAYERS[0]:
        assert "every other layer" in said
    elif not lower:
        assert "nothing else of symdiff" in said
    else:
        assert {word for word in LAYERS if f"symdiff.{word}" in said} == set(lower), said
    for module in (PACKAGE / layer).glob("*.py"):  # and names each of its modules
        if module.stem != "__init__":
            assert f"``{module.stem}``" in docstring, f"{layer}/__init__.py does not mention {module.stem}"


def test_the_cycles_excused_are_an_expressions_methods_and_type_hints_of_trace_printers():
    excused = CONTRACTS["acyclic"]["ignore_imports"]
    importers = {line.split(" -> ")[0] for line in excused}
    assert importers == {"symdiff.core.expr", "symdiff.calculus.trace_latex", "symdiff.calculus.trace_json"}
    assert "ignore_imports" not in CONTRACTS["layers"]  # no module imports a higher layer


def _lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("importlinter", reason="the test extra installs import-linter")
    probe = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", probe, "--no-cache", "--config", str(config)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_import_contracts_are_kept():
    result = _lint_imports(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_contracts_catch_a_cycle_when_its_excuse_is_removed(tmp_path):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    excuse = '    "symdiff.core.expr -> symdiff.core.latex",\n'
    assert excuse in text
    (tmp_path / "pyproject.toml").write_text(text.replace(excuse, ""), encoding="utf-8")
    result = _lint_imports(tmp_path / "pyproject.toml")
    assert result.returncode != 0
    assert "No cycles are allowed in symdiff.core" in result.stdout and ".expr -> .latex" in result.stdout
