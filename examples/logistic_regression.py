"""Logistic regression with the cross-entropy cost, by gradient descent.

    python examples/logistic_regression.py [output-folder]

Two features and a 0/1 label; the model is a = sigmoid(z) with z = w1 x1 + w2 x2 + b, and the
cost of one sample is the binary cross-entropy -(y ln(a) + (1 - y) ln(1 - a)). The script
derives ∂L/∂w1 by the chain rule through the named quantities z and a (the answer simplifies to
x1 (a - y), the error times the input), builds the cost with ``cross_entropy`` (which writes it
as softplus(z) - y z, equal and finite for every z), prints the first step of descent with its
numbers, then compares the trained weights with scikit-learn's unpenalised LogisticRegression
when it is installed, and the training accuracy. It draws the cost against the step
(logistic_cost.png).
"""

import sys
from pathlib import Path

import numpy as np

from symdiff import chain, cross_entropy, gradient_descent
from symdiff.numeric.costs import summand_text

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
out.mkdir(parents=True, exist_ok=True)

rng = np.random.default_rng(11)
n = 500
x1, x2 = rng.normal(0, 1, n), rng.normal(0, 1.5, n)
y = (rng.random(n) < 1 / (1 + np.exp(-(2.0 * x1 - 1.0 * x2 + 0.5)))).astype(float)

network = {"z": "w1 x1 + w2 x2 + b", "a": "sigmoid(z)", "L": "-(y ln(a) + (1 - y) ln(1 - a))"}
by_name = chain("L", network, "w1")
print(by_name.explain(brief=True).splitlines()[1])
print(f"  in the names: ∂L/∂w1 = {by_name.in_names}")
print(f"  = {by_name.result}")
print()

cost = cross_entropy("sigmoid(w1 x1 + w2 x2 + b)", {"x1": x1, "x2": x2, "y": y})
print(cost)
for name, partial in zip(cost.params, cost.gradient, strict=True):
    print(f"  ∂C/∂{name} = (1/n) Σ {summand_text(partial)}")
print()

result = gradient_descent(cost, {"w1": 0.0, "w2": 0.0, "b": 0.0}, lr=1.0, steps=20_000, tol=1e-9)
print(result.first_iteration())
print(result.summary())
ours = np.array([result.params["w1"], result.params["w2"], result.params["b"]])

try:
    import sklearn
    from sklearn.linear_model import LogisticRegression
except ImportError:
    print("\nscikit-learn is not installed: pip install scikit-learn to compare with LogisticRegression")
else:
    # No penalty: penalty=None, spelt C=inf from scikit-learn 1.8 on.
    newer = tuple(int(part) for part in sklearn.__version__.split(".")[:2]) >= (1, 8)
    model = LogisticRegression(**({"C": np.inf} if newer else {"penalty": None}), tol=1e-12, max_iter=10_000)
    model.fit(np.c_[x1, x2], y)
    theirs = np.array([*model.coef_[0], model.intercept_[0]])
    print(f"\nscikit-learn LogisticRegression (no penalty): w1 = {theirs[0]:.6f}, w2 = {theirs[1]:.6f}, "
          f"b = {theirs[2]:.6f}")
    print(f"  largest difference from gradient descent: {np.max(np.abs(ours - theirs)):.2e}")

predicted = 1 / (1 + np.exp(-(ours[0] * x1 + ours[1] * x2 + ours[2]))) > 0.5
print(f"\ntraining accuracy: {np.mean(predicted == (y == 1)):.3f}")

result.plot(out / "logistic_cost.png")
print(f"wrote {out / 'logistic_cost.png'}")
