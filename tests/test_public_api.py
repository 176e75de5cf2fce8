"""The public API: every name `import symdiff` offered before the package was split into layers is
still there, under the same name, and the console script and `python -m symdiff` still run."""

import importlib.util
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import symdiff

ROOT = Path(__file__).resolve().parent.parent

# symdiff.__all__ as it was before the layered layout (0.1.0); names may be added, never removed.
PUBLIC_NAMES = """
Add Call CompiledFunction Confusion Constant Derivation DifferentiationError Div E EvaluationError
Expr ExpressionError Function Integral IntegrationError Mul Neg Number ParseError PlotError Pow
RocCurve RocError Step Sub Symbol SymdiffError UndefinedCall __version__ acos asin atan
confusion_matrix cos cosh cot csc derive diff exp gradient heaviside hessian integrate
integrate_samples lambdify ln log number parse pi plot_function plot_riemann plot_roc relu roc_auc
roc_curve sec sigmoid simplify sin sinh softplus sqrt symbols tan tanh
""".split()


def test_every_public_name_is_still_exported():
    assert len(PUBLIC_NAMES) == 67
    assert set(PUBLIC_NAMES) <= set(symdiff.__all__)


@pytest.mark.parametrize("name", sorted(set(symdiff.__all__) | set(PUBLIC_NAMES)))
def test_each_exported_name_resolves(name):
    assert getattr(symdiff, name) is not None


def test_star_import_binds_every_name_and_keeps_the_builtin_abs(tmp_path):
    (tmp_path / "star_import.py").write_text("from symdiff import *\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("star_import", tmp_path / "star_import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    namespace = vars(module)
    assert set(PUBLIC_NAMES) <= set(namespace)
    assert "abs" not in namespace  # symdiff.abs exists, but `import *` must not shadow the builtin
    assert str(symdiff.abs(symdiff.Symbol("x"))) == "abs(x)"


def test_the_names_are_the_objects_of_their_layers():
    from symdiff.algebra.simplify import simplify
    from symdiff.calculus.differentiate import derive, diff
    from symdiff.calculus.trace import Derivation
    from symdiff.core.errors import SymdiffError
    from symdiff.core.expr import Expr
    from symdiff.numeric.area import integrate
    from symdiff.numeric.compiled import lambdify
    from symdiff.syntax.parser import parse
    from symdiff.ui.plot import plot_function

    assert (symdiff.simplify, symdiff.derive, symdiff.diff, symdiff.Derivation) == (simplify, derive, diff, Derivation)
    assert (symdiff.SymdiffError, symdiff.Expr, symdiff.integrate) == (SymdiffError, Expr, integrate)
    assert (symdiff.lambdify, symdiff.parse, symdiff.plot_function) == (lambdify, parse, plot_function)


def test_the_console_script_points_at_the_command_line():
    from symdiff.ui.cli import main

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert declared == {"symdiff": "symdiff.ui.cli:main"}
    (entry,) = [ep for ep in metadata.entry_points(group="console_scripts") if ep.name == "symdiff"]
    assert entry.value == declared["symdiff"] and entry.load() is main  # the installed script agrees


def test_python_dash_m_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "symdiff", "x^2 sin x", "--no-steps"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "x^2*cos(x) + 2*x*sin(x)\n"
