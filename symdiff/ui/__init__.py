"""What a person uses: the command line, the interactive session, files and plots.

Lives here: ``cli`` (the ``symdiff`` command, with its ``diff``, ``gradient`` and ``hessian``
subcommands), ``cli_area`` (its ``area`` and ``plot`` subcommands), ``cli_limits`` (its ``limit``
and ``definition`` subcommands), ``cli_integrate`` (its ``integrate`` subcommand),
``cli_autodiff`` (its ``backprop`` and ``forward`` subcommands), ``arguments`` (what they share:
exit codes, and reading arguments so that an expression may start with '-'), ``repl`` (the
interactive session), ``definitions`` (the names and functions defined in it), ``repl_autodiff``
(its ``:backprop`` and ``:forward``), ``reading`` (the parts of its lines that are not
expressions: d/dy d/dx, comma fields), ``name_notes`` (the notes both add for names that look
like a function written otherwise: sinx, sinn(x)), ``terminal`` (its front ends: prompt_toolkit, and piped
input), ``results`` (every kind of result behind one interface, and written to files),
``limit_results`` (limits and the derivative from its definition as results, and the difference-
quotient table), ``integral_results`` (antiderivatives, exact definite integrals and numeric ones
as results), ``repl_integrals`` (the session's ``:integrate``), ``autodiff_results`` (forward mode
and backprop as results, and the point they are taken at), ``export`` (worked solutions as .tex,
.json and .md files), ``plot`` (matplotlib figures, imported on first use: a function and its
tangent, Riemann sums, ROC curves) and ``plot_limits`` (a function near a limit point, secants
turning into the tangent), ``plot_descent`` (gradient descent: the cost against the step, the path
over the cost's contours) and ``repl_learning`` (the session's ``:let``, ``:chain`` and
``:descend``).

May import: every other layer. Nothing in symdiff imports this layer but the package's own
``__init__`` (the public API) and ``__main__``.
"""
