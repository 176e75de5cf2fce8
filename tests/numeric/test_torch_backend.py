"""lambdify(..., backend="torch"): the NumPy backend's values, and torch.autograd's gradient is
symdiff's symbolic gradient (and backprop's, where symdiff has it)."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import has_a_derivative, numeric_expressions

import symdiff
from symdiff import EvaluationError, Symbol, SymdiffError, gradient, hessian, lambdify, parse, sigmoid, sin, symbols
from symdiff.core.evaluate import evaluate
from symdiff.core.functions import FUNCTIONS
from symdiff.numeric.torch_backend import INSTALL_TORCH

try:
    import torch
except ImportError:  # CI installs torch (.ci/run), so there these tests fail rather than skip
    torch = None

needs_torch = pytest.mark.skipif(torch is None and not os.environ.get("CI"),
                                 reason=f"PyTorch is not installed here ({INSTALL_TORCH}); CI installs it")

POINTS = [-2.5, -1.0, -0.3, 0.0, 0.2, 0.5, 0.9, 1.7, 3.0]
# Random points, away from underflow: at y = 1e-299 autograd's y/y^2 (the quotient rule's) divides
# by 0, and cos(cbrt(1/x)) at x = 1e-226 is the cosine of 1e75, which no two libraries round alike.
points = st.floats(-3, 3).filter(lambda v: v == 0 or abs(v) > 1e-8)


def tensor(value: float | list[float], grad: bool = False) -> torch.Tensor:
    return torch.tensor(value, dtype=torch.float64, requires_grad=grad)


def network_loss() -> tuple[symdiff.Expr, list[str], dict[str, float]]:
    """The squared error of a 2-2-1 sigmoid network on the sample (x1, x2) = (0.5, -1.2), y = 1."""
    w11, w12, w21, w22, b1, b2, v1, v2, c = params = symbols("w11 w12 w21 w22 b1 b2 v1 v2 c")
    x1, x2 = symdiff.number(0.5), symdiff.number(-1.2)
    h1 = sigmoid(w11 * x1 + w12 * x2 + b1)
    h2 = sigmoid(w21 * x1 + w22 * x2 + b2)
    loss = (sigmoid(v1 * h1 + v2 * h2 + c) - 1) ** 2
    values = [0.3, -0.8, 1.1, 0.4, 0.1, -0.2, 0.7, -1.3, 0.05]
    return loss, [p.name for p in params], dict(zip([p.name for p in params], values, strict=True))


def autograd(expr: symdiff.Expr | str, names: list[str], point: dict[str, float]) -> list[float]:
    inputs = [tensor(point[name], grad=True) for name in names]
    value = lambdify(expr, names, backend="torch")(*inputs)
    if not value.requires_grad:  # a constant: torch keeps it out of the graph, as it would 2.0 itself
        return [0.0] * len(names)
    # A variable the expression does not use has no gradient in torch (None); its partial is 0.
    return [g.item() for g in torch.autograd.grad(value, inputs, allow_unused=True, materialize_grads=True)]


def symbolic(expr: symdiff.Expr | str, names: list[str], point: dict[str, float]) -> list[float]:
    return [evaluate(partial, **point) for partial in gradient(expr, names)]


# --- values: the NumPy backend's ----------------------------------------------------------------

@needs_torch
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_agrees_with_the_numpy_backend(name: str) -> None:
    expected = lambdify(f"{name}(x)", "x", invalid="nan")(np.array(POINTS))
    got = lambdify(f"{name}(x)", "x", invalid="nan", backend="torch")(tensor(POINTS)).numpy()
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected), err_msg=name)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15, err_msg=name)


@needs_torch
@pytest.mark.parametrize(
    ("text", "x", "y"),
    [
        ("x + y*2 - 3", 1.0, 2.0),
        ("x*y*x*y/(x - y)", 2.0, 3.0),
        ("x^(1/2) + x^-1 + x^2 + x^y + y^x", 4.0, 0.5),  # powers with tensor exponents
        ("(-8)^(1/3) + 0*x", 1.0, 0.0),  # no real value: nan in both
        ("pi + e + e^x", 0.5, 0.0),
        ("log(x, 2) + log10(y) + log(y, x) + log_3(x y)", 3.0, 7.0),
        ("root(x, 3) + root(-x, 5) + root(y, 4) + cbrt(-y)", 2.0, 3.0),  # real odd roots of negatives
        ("root(x, 4)", -2.0, 0.0),  # an even root of a negative: nan
        ("sigmoid(1000 x) + sigmoid(-1000 x) + softplus(1000 y)", 5.0, 1.0),  # no overflow either way
        ("softplus(x) + softplus(-x)", 20.5, 0.0),  # exact past torch's threshold of 20
        ("sech(1000 x) + csch(800 x) + coth(y)", 1.0, 2.0),
        ("relu(x) + heaviside(x) + relu(y) + heaviside(y) + sign(x) + abs(y)", 0.0, -1.5),
        ("asec(x) + acsc(x) + acot(-y)", 1.5, 2.0),
    ],
)
def test_table_of_values_agrees_with_the_numpy_backend(text: str, x: float, y: float) -> None:
    expected = lambdify(text, ["x", "y"], invalid="nan")(x, y)
    got = lambdify(text, ["x", "y"], invalid="nan", backend="torch")(x, y)
    assert got.dtype == torch.float64 and got.shape == ()
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert float(got) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@needs_torch
@given(numeric_expressions, points, points)
def test_random_trees_agree_with_the_numpy_backend(expr, x: float, y: float) -> None:
    expected = lambdify(expr, ["x", "y"], invalid="nan")(np.array([x, 0.7]), np.array([y, -1.3]))
    got = lambdify(expr, ["x", "y"], invalid="nan", backend="torch")(tensor([x, 0.7]), tensor([y, -1.3])).numpy()
    for a, b in zip(got, expected, strict=True):
        if math.isnan(a) or math.isnan(b):  # one library's overflow may be the other's huge number
            assert (math.isnan(a) and math.isnan(b)) or abs(a if math.isnan(b) else b) > 1e300 or (a or b) == 0
        else:
            assert a == pytest.approx(b, rel=1e-9, abs=1e-12)


# --- gradients: torch.autograd's is the symbolic one ---------------------------------------------

GRADIENT_TABLE = [
    ("x^2 y + sin(x y)", {"x": 0.7, "y": -1.3}),
    ("e^(x y) / (1 + x^2)", {"x": 0.4, "y": 1.1}),
    ("x^y + log(y, x) + sqrt(x^2 + y^2)", {"x": 1.7, "y": 2.4}),
    ("atan(y/x) + asin(x/3) + acosh(y) + atanh(x/2)", {"x": 0.6, "y": 1.9}),
    ("tanh(x) sech(y) + csch(x) coth(y) + cot(x) sec(y) csc(x)", {"x": 0.8, "y": -0.5}),
    ("softplus(x - y) + relu(x) + abs(y) + cbrt(x y) + root(x, 5)", {"x": 0.9, "y": -2.2}),
    ("(sigmoid(w x + b) - t)^2", {"w": 0.5, "x": 1.5, "b": -0.3, "t": 1.0}),  # one neuron's quadratic cost
    ("-(t ln(sigmoid(w x + b)) + (1 - t) ln(1 - sigmoid(w x + b)))", {"w": 0.5, "x": 1.5, "b": -0.3, "t": 1.0}),
    ("d/dx[x^3 y]", {"x": 1.2, "y": 0.5}),  # a written derivative is worked out first: 3x^2 y
]


@needs_torch
@pytest.mark.parametrize(("text", "point"), GRADIENT_TABLE, ids=[row[0] for row in GRADIENT_TABLE])
def test_autograd_agrees_with_the_symbolic_gradient(text: str, point: dict[str, float]) -> None:
    names = sorted(point)
    expected = symbolic(text, names, point)
    assert autograd(text, names, point) == pytest.approx(expected, rel=1e-10)


@needs_torch
def test_autograd_agrees_on_a_small_network_loss() -> None:
    loss, names, point = network_loss()
    expected = symbolic(loss, names, point)
    assert autograd(loss, names, point) == pytest.approx(expected, rel=1e-10)
    assert all(abs(g) > 1e-4 for g in expected)  # every parameter matters: the comparison is not 0 = 0


@needs_torch
def test_parameters_as_tensors_train_the_network_as_torch_would() -> None:
    # The course's PyTorch loop: parameters with requires_grad, loss.backward(), a step by hand.
    loss, names, point = network_loss()
    f = lambdify(loss, names, backend="torch")
    params = [tensor(point[name], grad=True) for name in names]
    before = f(*params).item()
    for _ in range(50):
        value = f(*params)
        value.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.5 * p.grad
                p.grad = None
    assert f(*params).item() < before / 2


@needs_torch
@pytest.mark.skipif(not hasattr(symdiff, "backprop"), reason="symdiff.backprop is not in this build")
@pytest.mark.parametrize(("text", "point"), GRADIENT_TABLE[:-1], ids=[row[0] for row in GRADIENT_TABLE[:-1]])
def test_autograd_agrees_with_backprop(text: str, point: dict[str, float]) -> None:
    names = sorted(point)
    expected = symdiff.backprop(text, at=point).gradient
    assert autograd(text, names, point) == pytest.approx([expected[name] for name in names], rel=1e-10)


@needs_torch
@pytest.mark.skipif(not hasattr(symdiff, "backprop"), reason="symdiff.backprop is not in this build")
def test_autograd_agrees_with_backprop_on_a_small_network_loss() -> None:
    loss, names, point = network_loss()
    expected = symdiff.backprop(loss, at=point).gradient
    assert autograd(loss, names, point) == pytest.approx([expected[name] for name in names], rel=1e-10)


@needs_torch
@given(numeric_expressions, points, points)
def test_autograd_agrees_with_the_symbolic_gradient_on_random_trees(expr, x: float, y: float) -> None:
    assume(has_a_derivative(expr))  # else diff refuses it (test_undefined_constants)
    names, point = ["x", "y"], {"x": x, "y": y}
    try:
        got = autograd(expr, names, point)
        expected = symbolic(expr, names, point)
    except EvaluationError:  # no real value there, or no derivative (autograd then picks a convention)
        assume(False)
    assume(all(map(math.isfinite, got + expected)) and all(abs(e) < 1e100 for e in expected))
    assert got == pytest.approx(expected, rel=1e-10, abs=1e-10)


@needs_torch
def test_a_batch_is_one_call_and_its_gradient_sums_the_points() -> None:
    xs = [0.1, 0.5, 1.3, 2.0]
    w = tensor(0.8, grad=True)
    value = lambdify("(w x - sin(x))^2", ["w", "x"], backend="torch")(w, tensor(xs))
    assert value.shape == (4,)
    (g,) = torch.autograd.grad(value.sum(), [w])
    (partial,) = gradient("(w x - sin(x))^2", ["w"])
    assert float(g) == pytest.approx(sum(evaluate(partial, w=0.8, x=x) for x in xs), rel=1e-12)


@needs_torch
def test_second_derivatives_are_the_symbolic_hessian() -> None:
    text, names, point = "x^2 y + sin(x y) + e^(x - y)", ["x", "y"], {"x": 0.7, "y": -0.4}
    f = lambdify(text, names, backend="torch")
    got = torch.autograd.functional.hessian(f, (tensor(0.7), tensor(-0.4)))
    expected = [[evaluate(h, **point) for h in row] for row in hessian(text, names)]
    for i in range(2):
        for j in range(2):
            assert float(got[i][j]) == pytest.approx(expected[i][j], rel=1e-10)


@needs_torch
@pytest.mark.parametrize(
    ("text", "at", "slopes"),
    [  # where the function has no derivative, symdiff's rules and autograd choose alike
        ("relu(x)", 0.0, [0.0]),
        ("abs(x)", 0.0, [0.0]),
        ("heaviside(x)", 0.0, [0.0]),  # torch.heaviside itself has no derivative
        ("heaviside(x)", 2.0, [0.0]),
        ("sign(x) x", 0.0, [0.0]),
        ("softplus(x)", 0.0, [0.5]),
    ],
)
def test_slopes_at_kinks(text: str, at: float, slopes: list[float]) -> None:
    assert autograd(text, ["x"], {"x": at}) == slopes


# --- arguments, results and errors ------------------------------------------------------------------

@needs_torch
def test_arguments_keep_their_tensor_and_results_are_fresh() -> None:
    x = tensor([1.0, 2.0], grad=True)
    kept = x.detach().clone()
    result = lambdify("x", "x", backend="torch")(x)
    assert result is not x and result.data_ptr() != x.data_ptr() and result.requires_grad
    assert torch.equal(x.detach(), kept)
    f = lambdify("2", "x", backend="torch")
    f(torch.zeros(3)).add_(1.0)  # changing a result changes nothing held inside
    assert f(torch.zeros(3)).tolist() == [2.0, 2.0, 2.0]
    assert lambdify("3", backend="torch")().item() == 3.0


@needs_torch
def test_arguments_of_other_types() -> None:
    f = lambdify("x + 10 y", ["x", "y"], backend="torch")
    grid = f(torch.arange(3.0, dtype=torch.float64), torch.arange(2.0, dtype=torch.float64)[:, None])
    assert grid.tolist() == [[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]]
    assert f(1, 2.5).dtype == torch.float64 and f(1, 2.5).item() == 26.0  # numbers as float64 tensors
    assert f(np.array([1.0, 2.0]), [0.5, 0.5]).tolist() == [6.0, 7.0]  # arrays and lists too
    assert f(torch.tensor([1, 2]), 0.0).dtype == torch.float64  # integer tensors become float64
    assert f(torch.ones(2, dtype=torch.float32), torch.ones(2, dtype=torch.float32)).dtype == torch.float32
    assert lambdify("sin(x) + 2", "x", backend="torch")(torch.ones(2, dtype=torch.float32)).dtype == torch.float32


@needs_torch
@pytest.mark.parametrize(
    ("argument", "message"),
    [
        (torch.tensor([True]) if torch else None, "x is a tensor of booleans"),
        (torch.tensor([1 + 2j]) if torch else None, "x is a complex tensor"),
        (True, "x is True, a boolean"),
        ("1.5", "x is the text '1.5', not a number"),
        (1 + 2j, r"x is the complex number \(1\+2j\)"),
        (10**400, r"x is about 10\^400, too large for floating point"),
    ],
)
def test_arguments_that_are_not_real_numbers_are_refused(argument, message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        lambdify("x + 1", "x", backend="torch")(argument)


@needs_torch
@pytest.mark.parametrize(
    ("text", "x", "message"),
    [
        ("ln(x)", [1.0, 2.0, -1.0], "ln(x) has no finite value in floats at x = -1 (index 2)"),
        ("1/x + 1", [1.0, 0.0], "1/x has no finite value in floats at x = 0 (index 1)"),
        ("exp(x)", [1.0, 1000.0], "exp(x) has no finite value in floats at x = 1000"),
        ("x + 1", [1.0, math.inf], "an argument is not a finite number at x = inf"),
        # torch alone would hide these: sign(nan) = 0, atan(inf) = pi/2, heaviside(nan) = 0
        ("sign(ln(x))", [-1.0], "ln(x) has no finite value in floats at x = -1"),
        ("atan(1/x)", [2.0, 0.0], "1/x has no finite value in floats at x = 0 (index 1)"),
        ("heaviside(sqrt(x))", [-4.0], "sqrt(x) has no finite value in floats at x = -4"),
        ("log(3, x)", [0.0], "log_x\\(3\\) has no finite value in floats at x = 0"),
    ],
)
def test_bad_values_raise_as_in_the_numpy_backend(text: str, x: list[float], message: str) -> None:
    pattern = message if "\\" in message else message.replace("(", r"\(").replace(")", r"\)")
    with pytest.raises(EvaluationError, match=pattern):
        lambdify(text, "x", backend="torch")(tensor(x))
    with pytest.raises(EvaluationError, match=pattern):
        lambdify(text, "x")(np.array(x))


@needs_torch
def test_huge_finite_values_are_not_mistaken_for_bad_ones() -> None:
    # The quick check sums each step, and 1e308 + 1e308 overflows: the point-by-point look finds
    # nothing wrong, so the values come back as they are.
    assert lambdify("x/2", "x", backend="torch")(tensor([1e308, 1e308])).tolist() == [5e307, 5e307]


@needs_torch
def test_invalid_nan_puts_nan_exactly_where_values_are_bad_and_keeps_the_gradient() -> None:
    x = tensor([-1.0, 1.0, 2.0, 3.0], grad=True)
    result = lambdify("ln(x) + 1/(x - 2)", "x", invalid="nan", backend="torch")(x)
    assert torch.isnan(result[[0, 2]]).all()
    assert result[1].item() == pytest.approx(-1.0) and result[3].item() == pytest.approx(math.log(3) + 1)
    (g,) = torch.autograd.grad(result[[1, 3]].sum(), [x])
    assert g[1].item() == pytest.approx(1 - 1) and g[3].item() == pytest.approx(1 / 3 - 1)
    with pytest.raises(EvaluationError, match=r"index \(1, 0\)"):
        lambdify("1/x", "x", backend="torch")(tensor([[1.0, 2.0], [0.0, 3.0]]))


@needs_torch
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lambdify("x", "x", backend="tensorflow"), "backend= is one of 'numpy', 'torch', not 'tensorflow'"),
        (lambda: lambdify("x", "x", backend=None), "backend= is one of 'numpy', 'torch', not None"),
        (lambda: lambdify("f(x)", "x", backend="torch"), "f\\(x\\) is an undefined function"),
        (lambda: lambdify("x + oo", "x", backend="torch"), "oo \\(infinity\\) is not a number"),
        (lambda: lambdify("x + y", "x", backend="torch"), "also depends on y"),
        (lambda: lambdify("x", "x", invalid="ignore", backend="torch"), "invalid= is 'raise' or 'nan'"),
        (lambda: lambdify("x + 1e309", "x", backend="torch"), "too large for floating point"),
        (lambda: lambdify("x", "x", backend="torch")(1.0, 2.0), "expected 1 argument"),
        (lambda: lambdify("x + y", ["x", "y"], backend="torch")(torch.zeros(2), torch.zeros(3)), "do not broadcast"),
        (lambda: symdiff.numeric.torch_backend.TorchFunction(parse("x"), ["y"], "raise"), "made by symdiff.lambdify"),
    ],
)
def test_bad_calls_get_symdiff_errors(call, message: str) -> None:
    with pytest.raises(SymdiffError, match=message):
        call()


@needs_torch
def test_equal_subtrees_are_computed_once_and_deep_nesting_does_not_recurse() -> None:
    u = parse("sin(x) + cos(x)")
    f = lambdify(u**2 + u**3 + parse("sqrt(sin(x) + cos(x) + 2)"), "x", backend="torch")
    nodes = [node for _, _, _, node in f._steps]
    assert len(nodes) == len(set(nodes)) and nodes.count(u) == 1
    expr = Symbol("x")
    for _ in range(20_000):
        expr = sin(expr)
    x = tensor(1.0, grad=True)
    value = lambdify(expr, "x", backend="torch")(x)
    assert 0 < value.item() < 0.02
    (g,) = torch.autograd.grad(value, [x])
    assert 0 < g.item() < 1


@needs_torch
def test_repr_names_the_backend() -> None:
    assert repr(lambdify("x*y", ["y", "x"], backend="torch")) == "<lambdify (y, x) -> x*y, backend='torch'>"


def test_without_torch_the_error_says_how_to_install_it() -> None:
    probe = ("import sys; sys.modules['torch'] = None; import symdiff\n"
             "try:\n    symdiff.lambdify('x', 'x', backend='torch')\n"
             "except symdiff.SymdiffError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    expected = f"backend='torch' needs PyTorch: {INSTALL_TORCH} in the symdiff checkout, or pip install torch"
    assert out.strip() == expected


def test_the_numpy_backend_never_imports_torch() -> None:
    probe = "import sys, symdiff; symdiff.lambdify('sin(x)', 'x')(1.0); print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"


def test_the_install_hint_reads_as_the_readme_writes_it() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`{INSTALL_TORCH}`" in readme


@needs_torch
def test_the_readme_example_prints_what_it_says() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = next(b.split("```")[0] for b in readme.split("```python\n")[1:] if 'backend="torch")' in b.split("```")[0])
    shown = next(line.split("#")[1] for line in block.splitlines() if line.startswith("w.grad, b.grad"))
    probe = block + "print(w.grad.item(), b.grad.item())\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    for value, written in zip(out.split(), re.findall(r"-?[0-9.]+[0-9]", shown), strict=True):
        assert value.startswith(written)


@needs_torch
def test_tensors_that_record_gradients_are_read_as_their_values():
    """NumPy cannot read a tensor with requires_grad=True: roc_auc, backprop, forward_mode, the
    NumPy lambdify and integrate_samples raised torch's RuntimeError ("Can't call numpy() on
    Tensor that requires grad") out of symdiff. They read its values now."""
    scores = torch.tensor([0.1, 0.4, 0.35, 0.8], dtype=torch.float64, requires_grad=True)
    x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    assert symdiff.roc_auc(torch.tensor([0, 0, 1, 1]), scores) == 0.75
    assert symdiff.backprop("x^2*y", {"x": x, "y": 1.0}).gradient == {"x": 4.0, "y": 4.0}
    assert symdiff.forward_mode("x^3", {"x": x}, "x").derivative == 12.0
    assert lambdify("x^2", "x")(scores).tolist() == pytest.approx([0.01, 0.16, 0.1225, 0.64])
    assert symdiff.integrate_samples(scores, dx=0.5).value == pytest.approx(0.6)
    with pytest.raises(EvaluationError, match="complex number"):
        lambdify("x^2", "x")(torch.tensor([1 + 2j], requires_grad=True))
    assert scores.requires_grad and scores.grad is None  # the caller's tensor is left as it was
