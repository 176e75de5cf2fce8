"""The ``symdiff`` command: for now, read expressions and print them as symdiff understood them.

``symdiff "3x^2 sin x"`` prints ``3*x^2*sin(x)``: explicit multiplication, ``^`` for powers and
parentheses on calls, so it is plain what a textbook-style input was read as. ``--tree`` shows
the tree itself. Bad input prints the error with a caret on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import SymdiffError
from .parser import parse
from .printer import tree_text

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symdiff",
        description="Read expressions as a person types them and print them as symdiff reads them.",
        epilog=(
            "examples:\n"
            '  symdiff "3x^2 sin x"          ->  3*x^2*sin(x)\n'
            '  symdiff "1/2x" "sin x cos x"  ->  1/2*x  and  sin(x)*cos(x)\n'
            '  symdiff --tree "-x^2"         ->  the tree: Neg over Pow(x, 2)'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("expressions", nargs="+", metavar="EXPRESSION", help="an expression, e.g. 'x^2 sin x'")
    parser.add_argument("--tree", action="store_true", help="print the expression tree, one node a line")
    parser.add_argument("--version", action="version", version=f"symdiff {__version__}")
    return parser


_FLAGS = frozenset({"--tree", "--version", "-h", "--help"})


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Expressions often start with "-" (symdiff "-x^2"); only symdiff's own flags are options.
    flags = [argument for argument in arguments if argument in _FLAGS]
    expressions = [argument for argument in arguments if argument not in _FLAGS and argument != "--"]
    options = _arguments().parse_args([*flags, "--", *expressions])
    status = EXIT_OK
    for text in options.expressions:
        try:
            expr = parse(text)
        except SymdiffError as error:
            print(f"symdiff: {error}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        print(tree_text(expr) if options.tree else expr)
    return status


if __name__ == "__main__":
    sys.exit(main())
