"""The expression core: what an expression is and what it can do on its own.

Lives here: the frozen, hashable nodes (``expr``), the table of known functions
(``functions``), exact decimals in and out (``decimals``), iterative walks, free symbols and
substitution (``traversal``), evaluation with Python floats (``evaluate``) and to 60 digits with
``decimal`` (``precise``, where floats round a small value to 0), the text and LaTeX
printers of expressions (``printer``, ``latex``, which also escapes prose and wraps a LaTeX
document), ``latex_width`` (how wide a piece of LaTeX sets) and ``latex_lines`` (long displayed
lines broken into rows at the page's width), how a derivative is written in each notation
(``notation``), the hook through which a written derivative is worked out before evaluation
(``operators``), symdiff's error classes (``errors``), ``collector`` (pausing Python's cycle
collector during one large computation) and ``version``.

May import: the standard library, and nothing else of symdiff. Every other layer builds on
this one. An expression's methods (``str``, ``to_latex``, ``free_symbols``, ``subs``,
``evaluate``) call the printers, walks and evaluator of this layer, which know the node
classes: those imports (and ``subs`` working out a written derivative through ``operators``)
are the only cycle here, listed in the import contract.
"""
