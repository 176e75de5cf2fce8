"""Linear regression by gradient descent, with the gradient symdiff derives.

    python examples/linear_regression.py [output-folder]

A line y = m x + b is fitted to 200 noisy points by minimising the quadratic cost, the mean of
(m x + b - y)^2 over the samples. The script prints the per-sample gradient (the chain rule by
name: ∂C/∂m = ∂C/∂ŷ · ∂ŷ/∂m with ŷ = m x + b), the first step of descent worked with its numbers,
how batch, mini-batch and stochastic descent end, and how far each is from numpy.linalg.lstsq's
exact least-squares line. It draws the cost against the step (descent_cost.png) and the path of
(m, b) over the cost's contours (descent_path.png).
"""

import sys
from pathlib import Path

import numpy as np

from symdiff import chain, gradient_descent, mse

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
out.mkdir(parents=True, exist_ok=True)

rng = np.random.default_rng(2024)
x = rng.uniform(-2, 3, 200)
y = 1.8 * x - 0.7 + rng.normal(0, 0.5, 200)

# The chain rule by name: the prediction ŷ (written yhat), then the cost of one sample.
by_name = chain("C", {"yhat": "m x + b", "C": "(yhat - y)^2"}, "m")
print(by_name.explain(brief=True))
print()

cost = mse("m x + b", {"x": x, "y": y})
print(cost)
for name, partial in zip(cost.params, cost.gradient, strict=True):
    print(f"  ∂C/∂{name} = (1/n) Σ {partial}")
print()

exact_m, exact_b = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
print(f"least squares (numpy.linalg.lstsq): m = {exact_m:.6f}, b = {exact_b:.6f}, "
      f"cost {cost.value([exact_m, exact_b]):.6f}")
print()

start = {"m": -1.5, "b": 2.5}
batch = gradient_descent(cost, start, lr=0.05, steps=2000, tol=1e-10)
print(batch.first_iteration())
print(batch.summary())
print(f"  distance from least squares: {np.hypot(batch.params['m'] - exact_m, batch.params['b'] - exact_b):.2e}")
print()

for size, lr, steps in [(20, 0.02, 3000), (1, 0.005, 6000)]:
    run = gradient_descent(cost, start, lr=lr, steps=steps, batch_size=size, seed=1)
    print(run.summary())
    print(f"  distance from least squares: {np.hypot(run.params['m'] - exact_m, run.params['b'] - exact_b):.2e}")

batch.plot(out / "descent_cost.png")
gradient_descent(cost, start, lr=0.05, steps=150).plot_path(out / "descent_path.png")
print(f"\nwrote {out / 'descent_cost.png'} and {out / 'descent_path.png'}")
