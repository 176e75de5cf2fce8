"""Backprop at a point: symdiff against PyTorch's autograd on the same scalar graph.

    python benchmarks/bench_backprop.py

The expression is B6 of bench_diff.py: the squared loss of a 4-16-1 tanh network over 4 samples,
97 weights, 622 distinct nodes. symdiff's time is the whole call, ``symdiff.backprop(expr,
at)``: reading the tree into its graph, the forward pass and the backward pass. PyTorch gets its
best case: the same graph as a list of operations built once, outside the timing, so its time is
only making the 97 leaf tensors, running the operations on float64 scalar tensors and
``backward()``. Both in this one process, best of several runs; the gradients must agree to 1e-12.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import families
from timing import best_of

import symdiff
from symdiff.numeric.dag import Graph

try:
    import torch
except ImportError:
    torch = None


def torch_program(expr: symdiff.Expr) -> tuple[list[str], Callable[[dict[str, float]], dict[str, float]]]:
    """The graph of ``expr`` as PyTorch operations: a function from a point to the gradient."""
    graph = Graph(expr)
    steps: list[tuple[str, object, tuple[int, ...]]] = []
    for node, children in zip(graph.nodes, graph.args, strict=True):
        kind = type(node).__name__
        if kind == "Symbol":
            steps.append(("leaf", node.name, children))
        elif kind == "Number":
            steps.append(("constant", torch.tensor(float(node.value), dtype=torch.float64), children))
        elif kind in ("Add", "Mul", "Sub", "Div", "Pow"):
            steps.append((kind, None, children))
        elif kind == "Call" and node.name == "tanh":
            steps.append(("tanh", None, children))
        else:
            raise TypeError(f"no PyTorch operation here for {kind}")
    names = list(graph.symbols)

    def run(point: dict[str, float]) -> dict[str, torch.Tensor]:
        leaves = {name: torch.tensor(point[name], dtype=torch.float64, requires_grad=True) for name in names}
        values: list[torch.Tensor] = []
        for op, data, children in steps:
            if op == "leaf":
                value = leaves[data]
            elif op == "constant":
                value = data
            elif op == "Add":
                value = values[children[0]]
                for c in children[1:]:
                    value = value + values[c]
            elif op == "Mul":
                value = values[children[0]]
                for c in children[1:]:
                    value = value * values[c]
            elif op == "Sub":
                value = values[children[0]] - values[children[1]]
            elif op == "Div":
                value = values[children[0]] / values[children[1]]
            elif op == "Pow":
                value = values[children[0]] ** values[children[1]]
            else:
                value = torch.tanh(values[children[0]])
            values.append(value)
        values[-1].backward()
        return {name: leaf.grad for name, leaf in leaves.items()}

    return names, run


def main() -> None:
    net, weights = families.b6_tanh_network()
    rng = random.Random(14)
    point = {w.name: rng.uniform(-1.0, 1.0) for w in weights}
    ours = symdiff.backprop(net, point)
    print(f"B6 4-16-1 tanh net: {len(weights)} weights, {len(Graph(net).nodes)} distinct nodes")
    ours_time = best_of(lambda: symdiff.backprop(net, point), 30)
    print(f"  symdiff.backprop (graph, forward, backward)   {ours_time * 1e3:8.3f} ms")
    if torch is None:
        print("  PyTorch is not installed (pip install torch): no comparison")
        return
    torch.set_num_threads(1)
    _, run = torch_program(net)
    theirs = {name: float(grad) for name, grad in run(point).items()}
    worst = max(abs(ours.gradient[name] - theirs[name]) / max(abs(theirs[name]), 1e-300) for name in theirs)
    assert all(math.isclose(ours.gradient[n], theirs[n], rel_tol=1e-12, abs_tol=1e-15) for n in theirs), worst
    their_time = best_of(lambda: run(point), 30)
    print(f"  torch.autograd (leaves, forward, backward)     {their_time * 1e3:8.3f} ms   (torch {torch.__version__})")
    print(f"  ratio: symdiff is {their_time / ours_time:.2f}x PyTorch's speed; "
          f"gradients agree, largest relative difference {worst:.1e}")


if __name__ == "__main__":
    main()
