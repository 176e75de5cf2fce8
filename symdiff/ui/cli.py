"""The ``symdiff`` command: derivatives, gradients and Hessians with their steps, in the terminal or as files.

``symdiff "x^2 sin x"`` (or ``symdiff diff ...``) prints the worked solution; options choose the
variables (``--wrt x --wrt y`` is a mixed partial, in that order), the order, the form (steps,
answer only, LaTeX, JSON) and where it goes. ``symdiff gradient`` and ``symdiff hessian`` work
out every partial derivative; ``symdiff`` alone, or ``symdiff repl``, starts the interactive
session; ``symdiff area`` and ``symdiff plot`` (in ``cli_area``) estimate and draw areas,
``symdiff integrate`` (in ``cli_integrate``) finds antiderivatives and definite integrals,
``symdiff limit`` and ``symdiff definition`` (in ``cli_limits``) work limits and the delta method,
``symdiff backprop`` and ``symdiff forward`` (in ``cli_autodiff``) differentiate automatically. Bad
input prints the error with a caret on stderr and exits with status 2; the other expressions
still run. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import SymdiffError
from ..core.notation import NOTATIONS
from ..core.version import __version__
from .arguments import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, split_arguments

if TYPE_CHECKING:
    from ..core.expr import Expr
    from .results import Result

_EXAMPLES = """\
examples:
  symdiff "x^2 sin x"                 the derivative with its steps
  symdiff "x^2 y + y^3" --wrt y       with respect to y
  symdiff "x^x" --order 2 --no-steps  the second derivative, answer only
  symdiff "x^3 y^2" --wrt x --wrt y   the mixed partial ∂²/∂y∂x: by x, then by y
  symdiff "sigmoid(w x + b)" --wrt w --brief
  symdiff "tan(3x)" --latex           the worked solution as LaTeX
  symdiff "ln(x^2 + 1)" -o steps.tex  a LaTeX document (.json and .md also work)
  symdiff -f exercises.txt --json     one expression a line from a file ('-' for stdin)
  symdiff --parse "sin x cos x"       how symdiff read the input: sin(x)*cos(x)

subcommands (each has --help):
  symdiff diff "x^3 y^2" --wrt x --wrt y           the same as without 'diff'
  symdiff gradient "x^2 y + y^3"                   every partial derivative, each with its steps
  symdiff gradient "(y - (m x + b))^2" --vars m,b  by the variables named, in that order
  symdiff hessian "x^2 y + y^3" --no-steps         the matrix of second partial derivatives
  symdiff integrate "x e^x"                        an antiderivative with every rule
  symdiff integrate "sin x" --from 0 --to pi       a definite integral, exactly (--to oo: improper)
  symdiff area "sin x" 0 pi --method simpson -n 10 an area
  symdiff plot "sin x" --tangent 1 -o out.png      a plot
  symdiff limit "sin(x)/x" --at 0                  a limit with its steps (--at oo, --side +, --table)
  symdiff definition "x^2" --at 1                  the derivative from its definition (the delta method)
  symdiff backprop "x*y + sin(x)" --at x=1,y=2     backprop: both passes and the gradient (--dot graph.png)
  symdiff forward "x^2 sin x" --at x=1.5           forward mode: each node's value and tangent
  symdiff                                          the interactive session (also: symdiff repl)

Input is written as on paper: 3x^2, sin x cos x, sqrt(x), e^(-x^2/2), x², √x, π.
An expression may start with '-': symdiff "-x^2". One named like a subcommand follows '--':
symdiff -- gradient.
"""

_PARTIALS_EXAMPLES = """\
examples:
  symdiff {name} "x^2 y + y^3"                 with the steps of every partial derivative
  symdiff {name} "x^2 y + y^3" --vars y,x      the variables in this order (default: all, by name)
  symdiff {name} "x y^2" --no-steps            the answer only, as symdiff reads it back
  symdiff {name} "x^2 y" --latex --standalone  a LaTeX document (also: -o {name}.tex, .json, .md)
"""

_SUBCOMMANDS = ("repl", "diff", "gradient", "hessian", "area", "integrate", "plot", "limit", "definition", "backprop",
                "forward")

# Options that take a value, and those that do not: anything else is an expression, so that
# expressions starting with "-" (symdiff "-x^2") are never mistaken for options.
_VALUED = frozenset({"--wrt", "--order", "--vars", "--notation", "-o", "--output", "-f", "--file"})
_SWITCHES = frozenset({
    "--no-steps", "--brief", "--latex", "--standalone", "--json", "--parse", "--tree", "--version", "-h", "--help",
})  # fmt: skip


def _common(parser: argparse.ArgumentParser, *, views: bool) -> None:
    """The options every derivative subcommand has: the form of the output and where it goes."""
    parser.add_argument("expressions", nargs="*", metavar="EXPRESSION", help="an expression, e.g. 'x^2 sin x'")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--no-steps", action="store_true", help="print only the answer")
    form.add_argument("--brief", action="store_true", help="leave out trivial steps (constants, sums)")
    form.add_argument("--latex", action="store_true", help="print the worked solution as LaTeX")
    form.add_argument("--json", action="store_true", help="print the trace as JSON (schema in the README)")
    if views:
        form.add_argument("--parse", action="store_true", help="print each expression as symdiff read it")
        form.add_argument("--tree", action="store_true", help="print each expression's tree, one node a line")
    parser.add_argument("--standalone", action="store_true", help="with --latex: a complete document")
    parser.add_argument("--notation", choices=NOTATIONS, default="leibniz", help="how derivatives are written "
                        "in the steps (default leibniz)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the worked solutions to FILE (.tex, .json, .md)")
    parser.add_argument("-f", "--file", metavar="FILE", help="read expressions from FILE, one a line ('-': stdin)")
    parser.add_argument("--version", action="version", version=f"symdiff {__version__}")


def _arguments(prog: str = "symdiff") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Differentiate what you type and show every rule that gives the answer.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--wrt", metavar="VAR", action="append", help="the variable (default: the only one, "
                        "else x); repeated, a mixed partial by each in turn: --wrt x --wrt y")
    parser.add_argument("--order", type=int, default=1, metavar="N", help="the order of the derivative (default 1)")
    _common(parser, views=True)
    return parser


def _partials_arguments(name: str) -> argparse.ArgumentParser:
    what = "gradient: each partial derivative" if name == "gradient" else "Hessian: each second partial derivative"
    parser = argparse.ArgumentParser(
        prog=f"symdiff {name}", description=f"The {what}, with the steps that give it.",
        epilog=_PARTIALS_EXAMPLES.format(name=name), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--vars", metavar="X,Y", help="the variables, in order (default: all, sorted by name)")
    _common(parser, views=False)
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
        if arguments[0] == "integrate":
            from .cli_integrate import integrate_main

            return integrate_main(arguments[1:])
        if arguments[0] in ("limit", "definition"):
            from .cli_limits import definition_main, limit_main

            return (limit_main if arguments[0] == "limit" else definition_main)(arguments[1:])
        if arguments[0] in ("backprop", "forward"):
            from .cli_autodiff import backprop_main, forward_main

            return (backprop_main if arguments[0] == "backprop" else forward_main)(arguments[1:])
        if arguments[0] in ("gradient", "hessian"):
            return _partials_main(arguments[0], arguments[1:])
        if arguments[0] == "diff":
            return _derivative_main("symdiff diff", arguments[1:])
        return _derivative_main("symdiff", arguments)
    except KeyboardInterrupt:
        print("symdiff: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # symdiff ... | head
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _derivative_main(prog: str, arguments: list[str]) -> int:
    parser = _arguments(prog)
    options = parser.parse_args(split_arguments(arguments, _VALUED, _SWITCHES))
    _check(parser, options)
    wrt = options.wrt or []
    if len(wrt) > 1 and options.order != 1:
        parser.error("give several --wrt (a mixed partial, by each in turn) or --order, not both")

    def work(expr: Expr) -> Result:
        from ..calculus.differentiate import MAX_ORDER, DifferentiationError
        from .reading import choose_variable, written_derivative
        from .results import derivative_result

        if not 1 <= options.order <= MAX_ORDER:  # before a list of that many variables is made
            raise DifferentiationError(f"the order of a derivative is a whole number from 1 to {MAX_ORDER}, "
                                       f"not {options.order}")
        core, written = written_derivative(expr)  # symdiff "d/dx x^2": worked out, not differentiated again
        if len(wrt) > 1:
            return derivative_result(core, written + wrt)
        if written and not wrt and options.order == 1:
            return derivative_result(core, written)
        variable = wrt[0] if wrt else choose_variable(core).name
        if written:  # and then --wrt or --order: the derivative of the derivative written
            return derivative_result(core, written + [variable] * options.order)
        return derivative_result(expr, [variable], options.order)

    return _run(options, work)


def _partials_main(name: str, arguments: list[str]) -> int:
    parser = _partials_arguments(name)
    options = parser.parse_args(split_arguments(arguments, _VALUED, _SWITCHES))
    options.parse = options.tree = False
    _check(parser, options)
    variables = None
    if options.vars is not None:
        variables = [v for v in re.split(r"[,\s]+", options.vars) if v]
        if not variables:
            parser.error("--vars names the variables: --vars x,y")

    def work(expr: Expr) -> Result:
        from ..calculus.partials import worked_gradient, worked_hessian
        from .results import PartialsResult

        return PartialsResult((worked_gradient if name == "gradient" else worked_hessian)(expr, variables))

    return _run(options, work)


def _check(parser: argparse.ArgumentParser, options: argparse.Namespace) -> None:
    if options.standalone and not options.latex:
        parser.error("--standalone goes with --latex")
    if not options.expressions and options.file is None:
        parser.error("give an expression, or -f FILE")


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


def _run(options: argparse.Namespace, work: Callable[[Expr], Result]) -> int:
    from ..calculus.trace import Derivation
    from ..core.printer import tree_text
    from ..syntax.parser import parse
    from .name_notes import name_notes
    from .results import notation_options
    from .terminal import highlighter

    status = EXIT_OK
    results: list[Result] = []
    printed = 0
    highlight = highlighter(sys.stdout)
    try:
        notation_options(Derivation.explain, options.notation)
        inputs = list(_inputs(options))
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for where, text in inputs:
        try:
            expr = parse(text)
            for note in name_notes(text, expr):
                print(f"symdiff: note: {note}", file=sys.stderr)
            if options.parse or options.tree:
                print(tree_text(expr) if options.tree else expr)
                continue
            result = work(expr)
            if options.output or options.json or (options.latex and options.standalone):
                results.append(result)
                continue  # written all together below
            if options.no_steps:
                shown = result.answer()
            elif options.latex:
                shown = result.to_latex(notation=options.notation)
            else:
                shown = result.explain("brief" if options.brief else "on", highlight, options.notation)
        except SymdiffError as error:
            print(f"symdiff: {where}{error}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        results.append(result)
        if printed and not options.no_steps:
            print()
        printed += 1
        print(shown)
    return _finish(options, results, status)


def _finish(options: argparse.Namespace, results: list[Result], status: int) -> int:
    from .results import render, write

    if not results:
        return status
    try:
        if options.output:
            print(write(options.output, results, options.notation), file=sys.stderr)  # "wrote steps.tex (LaTeX, ...)"
        elif options.json:
            sys.stdout.write(render(results, ".json", options.notation))
        elif options.latex and options.standalone:
            sys.stdout.write(render(results, ".tex", options.notation))
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return status


if __name__ == "__main__":
    sys.exit(main())
