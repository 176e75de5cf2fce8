"""One gradient, three ways: a 2-2-1 sigmoid network's loss differentiated symbolically, by
PyTorch's autograd and by symdiff's backpropagation, and checked to agree.

    python examples/network_backprop.py

The network takes a sample (x1, x2), has two sigmoid hidden units and one sigmoid output:

    h1 = sigmoid(w11 x1 + w12 x2 + b1),  h2 = sigmoid(w21 x1 + w22 x2 + b2)
    out = sigmoid(v1 h1 + v2 h2 + c),    loss = (out - y)^2

symdiff.gradient gives each partial derivative as a formula, evaluated at the parameters;
lambdify(..., backend="torch") turns the loss into a function of torch tensors, so
loss.backward() fills each parameter's .grad; symdiff.backprop (where this symdiff has it)
runs the forward and backward passes on the expression's graph and prints its table. All
agree to 1e-10. Needs PyTorch (pip install ".[torch]" in the symdiff checkout).
"""

import sys

import symdiff
from symdiff import gradient, lambdify, sigmoid, symbols

try:
    import torch
except ImportError:
    sys.exit('this example needs PyTorch: pip install ".[torch]" in the symdiff checkout, or pip install torch')

# The parameters are the variables; the sample (x1, x2) = (0.5, -1.2) with target y = 1 is data.
w11, w12, w21, w22, b1, b2, v1, v2, c = params = symbols("w11 w12 w21 w22 b1 b2 v1 v2 c")
x1, x2, y = symdiff.number(0.5), symdiff.number(-1.2), 1
h1 = sigmoid(w11 * x1 + w12 * x2 + b1)
h2 = sigmoid(w21 * x1 + w22 * x2 + b2)
out = sigmoid(v1 * h1 + v2 * h2 + c)
loss = (out - y) ** 2

names = [p.name for p in params]
at = dict(zip(names, [0.3, -0.8, 1.1, 0.4, 0.1, -0.2, 0.7, -1.3, 0.05], strict=True))
print("loss =", loss)
print("at", ", ".join(f"{name} = {value}" for name, value in at.items()))

# 1. Symbolic: one formula per parameter, then its value at the point.
partials = dict(zip(names, gradient(loss, names), strict=True))
print("\nThe symbolic gradient (symdiff.gradient), for instance")
print("  ∂loss/∂c =", partials["c"])
symbolic = {name: partial.evaluate(at) for name, partial in partials.items()}

# 2. PyTorch: the same tree as a function of tensors; autograd does reverse mode.
f = lambdify(loss, names, backend="torch")
tensors = {name: torch.tensor(value, dtype=torch.float64, requires_grad=True) for name, value in at.items()}
value = f(*tensors.values())
value.backward()
autograd = {name: t.grad.item() for name, t in tensors.items()}
print("\nPyTorch's autograd: f = lambdify(loss, names, backend='torch'); f(*tensors).backward()")
print(f"  loss = {value.item():.12f}\n")
print(f"  {'':<4}{'symbolic ∂loss/∂p':>20}{'PyTorch p.grad':>20}")
for name in names:
    print(f"  {name:<4}{symbolic[name]:>20.12f}{autograd[name]:>20.12f}")


def agree(a: dict[str, float], b: dict[str, float]) -> bool:
    return all(abs(a[n] - b[n]) <= 1e-10 * max(abs(a[n]), abs(b[n]), 1e-300) for n in names)


assert agree(symbolic, autograd), (symbolic, autograd)

# 3. Backpropagation on the expression's graph, where this symdiff has it.
if hasattr(symdiff, "backprop"):
    result = symdiff.backprop(loss, at=at)
    print("\nBackpropagation (symdiff.backprop): the forward pass, then each node's adjoint")
    print(result.table())
    assert agree(symbolic, result.gradient), (symbolic, result.gradient)
    print("\nall three agree: the symbolic gradient, PyTorch's autograd and backprop (to 1e-10)")
else:
    print("\nthe symbolic gradient and PyTorch's autograd agree (to 1e-10); symdiff.backprop is not in this build")
