"""Numbers from expressions and data: compiled evaluation, quadrature, ROC curves, autodiff and descent.

Lives here: ``compiled`` (``lambdify``: an expression as a vectorised NumPy function, by walking
the tree, never by generating code), ``program`` (the straight-line program that both of
lambdify's backends run), ``torch_backend`` (``lambdify(..., backend="torch")``: the same program
on PyTorch tensors, which ``torch.autograd`` differentiates), ``integral`` (the ``Integral``
record every method returns, and the checks of variable and bounds they share), ``singularities``
(points without a value and poles inside an interval, found on a scan), ``area`` (Riemann,
trapezoid and Simpson sums with their working and error estimates), ``near_ends`` (the area
next to an interval's ends that a rule's samples cannot see, for the sums and quadrature alike),
``exact_integral`` (definite
and improper integrals exactly, by the Fundamental Theorem, checked against adaptive quadrature)
with ``exact_integral_print`` (its working as text, LaTeX and JSON), ``quadrature`` (adaptive
Gauss–Kronrod quadrature, QUADPACK's qags, with infinite bounds) with ``quadrature_rules`` (the
G7-K15 nodes and weights), ``quadrature_error`` (its panels and their error estimates:
QUADPACK's, and the tail of f's Legendre series once a bisection has confirmed it), ``wynn``
(the epsilon algorithm that extrapolates it) and ``quadrature_working`` (its result and the
table of intervals), and ``roc`` (ROC curves, AUC and its trapezoid working, and confusion
matrices); ``reals`` turns a caller's data into float arrays
for all of them, refusing what is not a real number. Automatic differentiation: ``forward_mode``
(dual numbers, one derivative in one forward pass) and ``backprop`` (reverse mode: the whole
gradient in one backward pass) over ``dag`` (the expression as a graph of its distinct nodes, with
their values), ``local_rules`` (each node's partial derivatives by its children), ``float_check``
(a derivative whose slopes leave the float range's safe middle, confirmed against the symbolic
one evaluated at the point), ``graph_print``
(their tables as text and LaTeX) and ``graph_dot`` (the graph as Graphviz DOT, and drawn).
Learning: ``costs`` (the quadratic and cross-entropy costs of a model over a dataset, with their
symbolic gradients), ``means`` (a cost and its gradient compiled once into means over the samples
that share their work) and ``descent`` (batch, stochastic and mini-batch gradient descent on a
cost). NumPy and PyTorch are imported on first use, never at import time.

May import: ``symdiff.core``, ``symdiff.syntax``, ``symdiff.algebra`` and ``symdiff.calculus``.
"""
