"""What the ``symdiff`` command and its ``area`` and ``plot`` subcommands share: exit codes and
the reading of arguments that lets an expression or a bound start with '-'."""

from __future__ import annotations

import re

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERRUPTED", "EXIT_OK", "split_arguments"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 2, 130

# An unknown --word is a mistyped option, not an expression (--x, a double negation, is still one).
_OPTION_WORD = re.compile(r"--[a-z][a-z-]+(=.*)?")


def split_arguments(arguments: list[str], valued: frozenset[str], switches: frozenset[str]) -> list[str]:
    """Arguments in argparse's order: options first, then ``--`` and the positional ones.

    Only the known options (and any other --word, a mistyped option) are options; everything
    else is positional, so an expression or bound that starts with '-' (-x^2, -pi) never is.
    An option's value is joined to it (--wrt=y, -n10) for the same reason.
    """
    options: list[str] = []
    positional: list[str] = []
    items = iter(arguments)
    for argument in items:
        name = argument.split("=", 1)[0]
        if argument == "--":
            positional.extend(items)
        elif argument in valued:
            value = next(items, None)
            if value is None:
                options.append(argument)  # argparse says what is missing
            else:
                options.append(f"{argument}={value}" if argument.startswith("--") else argument + value)
        elif (name in valued and "=" in argument) or argument in switches or _OPTION_WORD.fullmatch(argument):
            options.append(argument)
        else:
            positional.append(argument)
    return [*options, "--", *positional]
