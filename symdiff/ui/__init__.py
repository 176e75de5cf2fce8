"""What a person uses: the command line, the interactive session, files and plots.

Lives here: ``cli`` (the ``symdiff`` command, with its ``diff``, ``gradient`` and ``hessian``
subcommands), ``cli_area`` (its ``area`` and ``plot`` subcommands), ``arguments`` (what the
two share: exit codes, and reading arguments so that an expression may start with '-'),
``repl`` (the interactive session), ``definitions`` (the names and functions defined in it),
``reading`` (the parts of its lines that are not expressions: d/dy d/dx, comma fields),
``terminal`` (its front ends: prompt_toolkit, and piped input), ``results`` (every kind of
result behind one interface, and written to files), ``export`` (worked solutions as .tex, .json
and .md files) and ``plot`` (matplotlib figures, imported on first use).

May import: every other layer. Nothing in symdiff imports this layer but the package's own
``__init__`` (the public API) and ``__main__``.
"""
