"""A small classifier, trained and judged from scratch: logistic regression with the gradient
that symdiff derives, then its ROC curve and AUC.

    python examples/roc_from_scratch.py [output-folder]

The log loss of one example is softplus(z) - y·z with z = w1·x1 + w2·x2 + b. symdiff
differentiates it (with steps), lambdify turns each partial derivative into a NumPy function
over all examples at once, and gradient descent trains the weights. The scores on held-out
data then give the ROC curve, its area, and, at threshold 0.5, the confusion matrix.
"""

import sys
from pathlib import Path

import numpy as np

from symdiff import confusion_matrix, derive, gradient, lambdify, parse, roc_auc, roc_curve

rng = np.random.default_rng(7)


def make_data(count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two overlapping clouds: class 1 centred at (1, 1), class 0 at (-0.5, 0)."""
    y = rng.integers(0, 2, count)
    x1 = rng.normal(np.where(y == 1, 1.0, -0.5), 1.0)
    x2 = rng.normal(np.where(y == 1, 1.0, 0.0), 1.2)
    return x1, x2, y


loss = parse("softplus(w1 x1 + w2 x2 + b) - y (w1 x1 + w2 x2 + b)")
weights = ["w1", "w2", "b"]
print("The loss of one example:", loss)
print(derive(loss, "w1").explain(brief=True))
partials = gradient(loss, weights)
for name, partial in zip(weights, partials, strict=True):
    print(f"  ∂L/∂{name} = {partial}")

# One compiled function per partial derivative, over the weights and the data.
variables = [*weights, "x1", "x2", "y"]
compiled = [lambdify(partial, variables) for partial in partials]
score = lambdify("sigmoid(w1 x1 + w2 x2 + b)", variables[:5])
mean_loss = lambdify(loss, variables)

x1, x2, y = make_data(2000)
w = np.zeros(3)
rate = 0.5
for step in range(301):
    if step % 100 == 0:
        print(f"step {step:3}: loss {mean_loss(*w, x1, x2, y).mean():.4f}, w = {np.round(w, 3)}")
    grad = np.array([f(*w, x1, x2, y).mean() for f in compiled])
    w -= rate * grad

test_x1, test_x2, test_y = make_data(1000)
scores = score(*w, test_x1, test_x2)
curve = roc_curve(test_y, scores)
auc = roc_auc(test_y, scores)
print(f"\nROC curve: {len(curve.fpr)} points; AUC = {auc:.4f}")

# The AUC is the probability that a random positive scores above a random negative.
positives, negatives = scores[test_y == 1], scores[test_y == 0]
pairs = (positives[:, None] > negatives[None, :]).mean() + 0.5 * (positives[:, None] == negatives[None, :]).mean()
print(f"Mann-Whitney probability over all {positives.size * negatives.size:,} pairs: {pairs:.4f}")

counts = confusion_matrix(test_y, scores >= 0.5)
print(f"\nAt threshold 0.5 (TPR {counts.tpr:.3f}, FPR {counts.fpr:.3f}, accuracy {counts.accuracy:.3f}):")
print(counts)

try:
    from symdiff import plot_roc

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    plot_roc(test_y, scores, label="logistic regression", path=folder / "roc.png")
    print(f"\nwrote {folder / 'roc.png'}")
except ImportError:
    print("\n(matplotlib is not installed: pip install 'symdiff[plot]' for the picture)")
