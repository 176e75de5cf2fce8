"""Numbers from expressions and data: compiled evaluation, quadrature and ROC curves.

Lives here: ``compiled`` (``lambdify``: an expression as a vectorised NumPy function, by
walking the tree, never by generating code), ``program`` (the straight-line program that
both of lambdify's backends run), ``torch_backend`` (``lambdify(..., backend="torch")``: the
same program on PyTorch tensors, which ``torch.autograd`` differentiates), ``area`` (Riemann,
trapezoid and Simpson sums with their working and error estimates) and ``roc`` (ROC curves,
AUC and confusion matrices); ``reals`` turns a caller's data into float arrays for all of
them, refusing what is not a real number. NumPy and PyTorch are imported on first use, never
at import time.

May import: ``symdiff.core``, ``symdiff.syntax``, ``symdiff.algebra`` and ``symdiff.calculus``.
"""
