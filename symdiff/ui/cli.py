"""The ``symdiff`` command: derivatives with their steps, in the terminal or as files.

``symdiff "x^2 sin x"`` prints the worked solution; options choose the variable, the order,
the form (steps, answer only, LaTeX, JSON) and where it goes. ``symdiff`` alone, or
``symdiff repl``, starts the interactive session; ``symdiff area`` and ``symdiff plot``
(in ``cli_area``) estimate and draw areas. Bad input prints the error with a caret on
stderr and exits with status 2; the other expressions still run. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..core.errors import SymdiffError
from ..core.version import __version__
from .arguments import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, split_arguments

_EXAMPLES = """\
examples:
  symdiff "x^2 sin x"                 the derivative with its steps
  symdiff "x^2 y + y^3" --wrt y       with respect to y
  symdiff "x^x" --order 2 --no-steps  the second derivative, answer only
  symdiff "sigmoid(w x + b)" --wrt w --brief
  symdiff "tan(3x)" --latex           the worked solution as LaTeX
  symdiff "ln(x^2 + 1)" -o steps.tex  a LaTeX document (.json and .md also work)
  symdiff -f exercises.txt --json     one expression a line from a file ('-' for stdin)
  symdiff --parse "sin x cos x"       how symdiff read the input: sin(x)*cos(x)
  symdiff                             the interactive session (also: symdiff repl)
  symdiff area "sin x" 0 pi --method simpson -n 10    an area (symdiff area --help)
  symdiff plot "sin x" --tangent 1 -o out.png         a plot (symdiff plot --help)

Input is written as on paper: 3x^2, sin x cos x, sqrt(x), e^(-x^2/2), x², √x, π.
An expression may start with '-': symdiff "-x^2".
"""

# Options that take a value, and those that do not: anything else is an expression, so that
# expressions starting with "-" (symdiff "-x^2") are never mistaken for options.
_VALUED = frozenset({"--wrt", "--order", "-o", "--output", "-f", "--file"})
_SWITCHES = frozenset({
    "--no-steps", "--brief", "--latex", "--standalone", "--json", "--parse", "--tree", "--version", "-h", "--help",
})  # fmt: skip


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symdiff",
        description="Differentiate what you type and show every rule that gives the answer.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("expressions", nargs="*", metavar="EXPRESSION", help="an expression, e.g. 'x^2 sin x'")
    parser.add_argument("--wrt", metavar="VAR", help="the variable (default: the only one, else x)")
    parser.add_argument("--order", type=int, default=1, metavar="N", help="the order of the derivative (default 1)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--no-steps", action="store_true", help="print only the answer")
    form.add_argument("--brief", action="store_true", help="leave out trivial steps (constants, sums)")
    form.add_argument("--latex", action="store_true", help="print the worked solution as LaTeX")
    form.add_argument("--json", action="store_true", help="print the trace as JSON (schema in the README)")
    form.add_argument("--parse", action="store_true", help="print each expression as symdiff read it")
    form.add_argument("--tree", action="store_true", help="print each expression's tree, one node a line")
    parser.add_argument("--standalone", action="store_true", help="with --latex: a complete document")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the derivations to FILE (.tex, .json, .md)")
    parser.add_argument("-f", "--file", metavar="FILE", help="read expressions from FILE, one a line ('-': stdin)")
    parser.add_argument("--version", action="version", version=f"symdiff {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments[:1] == ["repl"] or not arguments:
            from .repl import main as repl_main

            return repl_main(arguments[1:])
        if arguments[0] in ("area", "plot"):
            from .cli_area import area_main, plot_main

            return (area_main if arguments[0] == "area" else plot_main)(arguments[1:])
        parser = _arguments()
        options = parser.parse_args(split_arguments(arguments, _VALUED, _SWITCHES))
        if options.standalone and not options.latex:
            parser.error("--standalone goes with --latex")
        if not options.expressions and options.file is None:
            parser.error("give an expression, or -f FILE")
        return _run(options)
    except KeyboardInterrupt:
        print("symdiff: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # symdiff ... | head
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _inputs(options: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """(where, text) for each expression: ``where`` names it in error messages."""
    for text in options.expressions:
        yield "", text
    if options.file is not None:
        if options.file == "-":
            lines = sys.stdin.read().splitlines()
            name = "<stdin>"
        else:
            try:
                lines = Path(options.file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise SymdiffError(f"cannot read {options.file}: {getattr(error, 'strerror', None) or error}") from None
            name = options.file
        for number, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield f"{name}:{number}: ", line


def _run(options: argparse.Namespace) -> int:
    from ..calculus.differentiate import derive
    from ..core.printer import tree_text
    from ..syntax.parser import parse
    from .repl import choose_variable, highlighter

    status = EXIT_OK
    derivations = []
    printed = 0
    highlight = highlighter(sys.stdout)
    try:
        inputs = list(_inputs(options))
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for where, text in inputs:
        try:
            expr = parse(text)
            if options.parse or options.tree:
                print(tree_text(expr) if options.tree else expr)
                continue
            derivation = derive(expr, options.wrt or choose_variable(expr), options.order)
        except SymdiffError as error:
            print(f"symdiff: {where}{error}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        derivations.append(derivation)
        if options.output or options.json or (options.latex and options.standalone):
            continue  # written all together below
        if options.no_steps:
            print(derivation.result)
            continue
        if printed:
            print()
        printed += 1
        if options.latex:
            print(derivation.to_latex())
        else:
            print(derivation.explain(brief=options.brief, highlight=highlight))
    return _finish(options, derivations, status)


def _finish(options: argparse.Namespace, derivations: list, status: int) -> int:
    from ..calculus.trace_json import json_document
    from ..calculus.trace_latex import derivation_latex
    from ..core.latex import document
    from .export import ExportError, write

    if not derivations:
        return status
    if options.output:
        try:
            write(options.output, derivations)
        except ExportError as error:
            print(f"symdiff: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    elif options.json:
        sys.stdout.write(json_document(derivations))
    elif options.latex and options.standalone:
        sys.stdout.write(document([derivation_latex(d) for d in derivations]))
    return status


if __name__ == "__main__":
    sys.exit(main())
