"""Numbers from expressions and data: compiled evaluation, quadrature, ROC curves and descent.

Lives here: ``compiled`` (``lambdify``: an expression as a vectorised NumPy function, by
walking the tree, never by generating code), ``area`` (Riemann, trapezoid and Simpson sums
with their working and error estimates), ``roc`` (ROC curves, AUC and confusion
matrices), ``costs`` (the quadratic and cross-entropy costs of a model over a dataset, with
their symbolic gradients), ``means`` (a cost and its gradient compiled once into means over
the samples that share their work) and ``descent`` (batch, stochastic and mini-batch
gradient descent on a cost); ``reals`` turns a caller's data into float arrays for all of
them, refusing what is not a real number. NumPy is imported on first use, never at import time.

May import: ``symdiff.core``, ``symdiff.syntax``, ``symdiff.algebra`` and ``symdiff.calculus``.
"""
