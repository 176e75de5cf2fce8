"""What a person uses: the command line, the interactive session, files and plots.

Lives here: ``cli`` (the ``symdiff`` command) and ``cli_area`` (its ``area`` and ``plot``
subcommands), ``repl`` (the interactive session), ``export`` (worked solutions as .tex,
.json and .md files) and ``plot`` (matplotlib figures, imported on first use).

May import: every other layer. Nothing in symdiff imports this layer except the package's
own ``__init__`` (the public API) and ``__main__``.
"""
