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
    from symdiff.algebra.textbook import simplify
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


# --- every public callable checks its arguments -------------------------------------------------

# A valid call of each public callable; each argument in turn is replaced by each wrong value.
X, Y = symdiff.symbols("x y")
VALID_CALLS: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
    "Add": ((X, Y), {}), "Mul": ((X, Y), {}), "Sub": ((X, Y), {}), "Div": ((X, Y), {}),
    "Pow": ((X, Y), {}), "Neg": ((X,), {}), "Number": ((2,), {}), "Symbol": (("x",), {}),
    "Constant": (("pi",), {}), "Call": (("sin", X), {}), "UndefinedCall": (("f", X, 1), {}),
    "Function": (("sin",), {}), "number": ((2,), {}), "symbols": (("x y",), {}), "parse": (("x",), {}),
    "simplify": (("x",), {}), "first_principles": (("x^2", "x"), {}), "difference_quotients": (("x^2", 1), {}),
    "derive": (("x^2", "x"), {"order": 2}), "diff": (("x^2", "x"), {"order": 2}),
    "gradient": (("x y", ["x"]), {}), "hessian": (("x y", ["x"]), {}),
    "lambdify": (("x", ["x"]), {"invalid": "nan", "backend": "numpy"}),
    "CompiledFunction": ((symdiff.parse("x"), ["x"], "raise"), {}),
    "integrate": (("x", "x", 0, 1), {"method": "simpson", "n": 4}),
    "integrate_samples": (([1.0, 2.0, 3.0], [0.0, 1.0, 2.0]), {"method": "trapezoid"}),
    "roc_auc": (([0, 1], [0.1, 0.9]), {}), "roc_curve": (([0, 1], [0.1, 0.9]), {}),
    "roc_area": (([0, 1], [0.1, 0.9]), {}),
    "confusion_matrix": (([0, 1], [0, 1]), {}),
    "plot_function": (("x^2", 0, 1), {"tangent": 0.5}), "plot_riemann": (("x^2", 0, 1, 4), {"method": "left"}),
    "plot_roc": (([0, 1], [0.1, 0.9]), {"label": "model"}),
    "plot_limit": (("sin(x)/x", 0, "x"), {"side": "+"}), "plot_secants": (("x^2", 1), {"var": "x"}),
    "Derivation": ((), {}), "ParseError": (("message", "text", 0), {}),
    "Log": ((X, 2), {}), "Root": ((X, 3), {}), "Derivative": ((X, "x"), {}), "root": ((X, 3), {}),
    "expand": (("(x + 1)^2",), {}), "cancel": (("(x^2 - 1)/(x - 1)",), {}), "together": (("1/x + 1/y",), {}),
    "factor": (("x^2 - 1",), {}), "apart": (("1/(x^2 - 1)", "x"), {}),
    "Infinity": ((), {}),
    "limit": (("sin(x)/x", "x", 0), {"side": "+"}), "limit_table": (("sin(x)/x", "x", 0), {"side": "+", "points": 3}),
    "Limit": ((), {}),
    "antiderivative": (("x^2", "x"), {}),
    "forward_mode": (("x^2 y", {"x": 1.5, "y": 2.0}), {"wrt": "x"}),
    "backprop": (("x*y", {"x": 1.0, "y": 2.0}), {"wrt": ["x"], "reduce": "sum"}),
    "chain": (("C", {"C": "(a - y)^2", "a": "sigmoid(z)"}, "z"), {}),
    "mse": (("m x", {"x": [1.0, 2.0], "y": [2.0, 4.0]}, ["m"]), {"target": "y"}),
    "cross_entropy": (("sigmoid(w x)", {"x": [1.0, 2.0], "y": [0.0, 1.0]}, ["w"]), {"target": "y"}),
    "gradient_descent": (("(m x - y)^2", {"m": 0.0}, {"x": [1.0, 2.0], "y": [2.0, 4.0]}),
                         {"lr": 0.01, "steps": 3, "batch_size": 1, "seed": 0, "tol": 1e-9}),
}
FUNCTIONS = ["sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log",
             "ln", "sqrt", "sigmoid", "softplus", "relu", "heaviside", "asec", "acsc", "acot", "sech", "csch", "coth",
             "asinh", "acosh", "atanh", "log2", "log10", "cbrt", "sign"]
VALID_CALLS.update({name: ((X,), {}) for name in FUNCTIONS})
# Classes that symdiff's functions fill in and hand back; they hold what they are given.
RECORDS = {"Confusion", "Integral", "ExactIntegral", "RocCurve", "Step", "Expr", "ForwardResult", "BackpropResult",
           "Antiderivation"}
ERRORS = {name for name in symdiff.__all__ if name.endswith("Error")} - {"ParseError"}  # it has its own arguments
WRONG = [None, True, 1.5, -1, "", "(", "x", b"x", [], [1, [2, 3]], {}, {"x"}, 1j, float("nan"), 10**400, object()]


def _calls() -> list[tuple[str, str, object]]:
    cases = []
    for name, (args, kwargs) in VALID_CALLS.items():
        for place in [*range(len(args)), *kwargs]:
            cases.extend((name, str(place), wrong) for wrong in WRONG)
    return cases


def test_the_table_covers_every_public_callable():
    callables = {name for name in symdiff.__all__ if callable(getattr(symdiff, name))}
    assert callables - ERRORS - RECORDS == set(VALID_CALLS)


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize(("name", "place", "wrong"), _calls(), ids=lambda value: repr(value)[:20])
def test_a_wrong_argument_is_a_symdiff_error(name, place, wrong, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a plot given a bad path writes nothing in the checkout
    args, kwargs = VALID_CALLS[name]
    args, kwargs = list(args), dict(kwargs)
    if place.isdigit():
        args[int(place)] = wrong
    else:
        kwargs[place] = wrong
    try:
        getattr(symdiff, name)(*args, **kwargs)
    except symdiff.SymdiffError:
        pass  # a sentence the user can act on; any other exception fails the test


def test_the_valid_calls_are_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, (args, kwargs) in VALID_CALLS.items():
        if name not in ("Derivation", "Limit"):
            getattr(symdiff, name)(*args, **kwargs)


@pytest.mark.parametrize("call", [
    lambda: symdiff.Number("x" * 100_000),
    lambda: symdiff.integrate("x", "x", 0, 1, method="m" * 100_000),
    lambda: symdiff.integrate("x", "x", 0, 1, n="9" * 100_000),
    lambda: symdiff.lambdify("x", invalid="z" * 100_000),
    lambda: symdiff.diff("x", "y" * 100_000 + "!"),
    lambda: symdiff.parse("x").evaluate(x="a" * 100_000),
])
def test_an_error_quotes_a_window_of_what_was_passed(call):
    # Number("x"*100000) once gave a 100,049-character message.
    with pytest.raises(symdiff.SymdiffError) as caught:
        call()
    assert len(str(caught.value)) < 300
