"""``symdiff limit`` and ``symdiff definition``: limits, and the derivative from its definition.

``symdiff limit "sin(x)/x" --at 0`` prints the worked limit (``--no-steps`` the value, ``--table``
the function's values near the point, ``--latex``/``--json``/``-o`` as for derivatives, ``--plot``
a picture); a limit symdiff declines prints the reason on stderr and the table on stdout, and
exits with status 2. ``symdiff definition "x^2" --at 1`` works the delta method and, at a point,
tabulates the difference quotients (``--plot``: the secants turning into the tangent).
"""

from __future__ import annotations

import argparse
import sys

from ..core.errors import SymdiffError
from ..core.notation import NOTATIONS
from .arguments import EXIT_BAD_INPUT, EXIT_OK, split_arguments
from .name_notes import print_name_notes

__all__ = ["definition_main", "limit_main"]

_LIMIT_EXAMPLES = """\
examples:
  symdiff limit "sin(x)/x" --at 0                   the limit with every step
  symdiff limit "1/x" --at 0 --side +               from the right: oo
  symdiff limit "(1 + 1/n)^n" --at oo --no-steps    the value alone: e
  symdiff limit "x^2 sin(1/x)" --at 0 --table       the function's values near the point
  symdiff limit "tan x" --at pi/2 --side -          a point may be an expression (-pi, pi/2)
  symdiff limit "(x^2 - 1)/(x - 1)" --at 1 -o limit.tex   a LaTeX document (.json and .md also work)
  symdiff limit "abs(x)/x" --at 0 --plot jump.png   the function near the point, the jump marked

The point is a number, a constant expression (pi/2, -pi, sqrt(2)) or infinity (oo, -oo, inf, ∞).
The side is both (the default), + (from the right, or above) or - (from the left, or below).
A limit symdiff cannot decide prints why on stderr and the function's values near the point
on stdout, and exits with status 2.
"""

_DEFINITION_EXAMPLES = """\
examples:
  symdiff definition "x^2"                          f'(x) = lim (f(x + h) - f(x))/h, worked out
  symdiff definition "x^3 - 2x" --at 1              and the difference quotients at x = 1
  symdiff definition "sqrt(x)" --no-steps           the answer alone: 1/(2*sqrt(x))
  symdiff definition "sin x" --at 0.5 --plot secants.png   the secants turning into the tangent
  symdiff definition "1/t" --wrt t -o delta.tex     a LaTeX document (.json and .md also work)

It works polynomials, rational functions, square roots of polynomials, sin, cos and e^x;
symdiff EXPR works any expression by the rules.
"""

_SIDES = ("both", "+", "-", "left", "right")
_LIMIT_VALUED = frozenset({"--at", "--var", "--wrt", "--side", "-o", "--output", "--plot"})
_DEFINITION_VALUED = frozenset({"--at", "--wrt", "--notation", "-o", "--output", "--plot"})
_SWITCHES = frozenset({"--no-steps", "--brief", "--table", "--latex", "--standalone", "--json", "-h", "--help"})


def _parser(prog: str, description: str, epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("expression", help="the function, e.g. 'sin(x)/x'")
    return parser


def _forms(parser: argparse.ArgumentParser, table: str | None) -> None:
    """The output options both subcommands have: what is printed, and the files written."""
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--no-steps", action="store_true", help="print only the answer")
    form.add_argument("--brief", action="store_true", help="leave out trivial steps")
    if table is not None:
        form.add_argument("--table", action="store_true", help=table)
    form.add_argument("--latex", action="store_true", help="print the worked solution as LaTeX")
    form.add_argument("--json", action="store_true", help="print the worked solution as JSON")
    parser.add_argument("--standalone", action="store_true", help="with --latex: a complete document")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the worked solution to FILE (.tex, .json, .md)")


def limit_main(argv: list[str]) -> int:
    parser = _parser("symdiff limit", "The limit of a function at a point, with the steps that find it.",
                     _LIMIT_EXAMPLES)
    parser.add_argument("--at", required=True, metavar="POINT", help="where the variable goes: 0, pi/2, oo, -oo")
    # --wrt too, as the other subcommands name their variable
    parser.add_argument("--var", "--wrt", dest="var", metavar="VAR",
                        help="the variable (default: the only one, else x)")
    parser.add_argument("--side", default="both", choices=_SIDES, help="both (default), + or -")
    _forms(parser, "print the function's values as the variable approaches the point")
    parser.add_argument("--plot", metavar="FILE", help="also draw the function near the point to FILE (.png)")
    options = parser.parse_args(split_arguments(argv, _LIMIT_VALUED, _SWITCHES))
    if options.standalone and not options.latex:
        parser.error("--standalone goes with --latex")
    from .limit_results import DeclinedLimit, worked_limit

    print_name_notes(options.expression)
    try:
        try:
            result = worked_limit(options.expression, options.var, options.at, options.side)
        except DeclinedLimit as declined:
            print(f"symdiff: {declined.message}", file=sys.stderr)
            print(declined.table)
            _plot_limit(options)  # the picture of a limit not decided is still the function near the point
            return EXIT_BAD_INPUT
        if options.table:
            print(result.limit.table())
        else:
            _show(options, result)
        _plot_limit(options)
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def definition_main(argv: list[str]) -> int:
    parser = _parser("symdiff definition", "The derivative from its definition, f'(x) = lim[h->0] (f(x + h) - "
                     "f(x))/h, worked step by step; at a point, the difference quotients approaching it.",
                     _DEFINITION_EXAMPLES)
    parser.add_argument("--wrt", default=None, metavar="VAR", help="the variable (default: the only one, else x)")
    parser.add_argument("--at", metavar="A", help="also tabulate (f(A + h) - f(A))/h for h = 1 ... 1e-7")
    parser.add_argument("--notation", choices=NOTATIONS, default="leibniz", help="how the derivative is written")
    _forms(parser, None)
    parser.add_argument("--plot", metavar="FILE", help="with --at: draw the secants and the tangent at A to FILE")
    options = parser.parse_args(split_arguments(argv, _DEFINITION_VALUED, _SWITCHES))
    if options.standalone and not options.latex:
        parser.error("--standalone goes with --latex")
    if options.plot and options.at is None:
        parser.error("--plot draws the secants at a point: give it with --at, e.g. --at 1")
    try:
        from ..syntax.parser import parse
        from .limit_results import worked_definition
        from .reading import choose_variable

        expr = parse(options.expression)
        print_name_notes(options.expression)
        wrt = options.wrt or choose_variable(expr).name
        _show(options, worked_definition(expr, wrt, options.at))
        if options.plot:
            from .plot_limits import plot_secants

            plot_secants(expr, options.at, var=wrt, path=options.plot)
            print(f"wrote {options.plot}", file=sys.stderr)
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _show(options: argparse.Namespace, result: object) -> None:
    """Print or write one result in the form the options ask for."""
    from .results import Result, render, write
    from .terminal import highlighter

    assert isinstance(result, Result)
    notation = getattr(options, "notation", "leibniz")
    if options.output:
        print(write(options.output, [result], notation), file=sys.stderr)  # "wrote limit.tex (LaTeX, 1 limit)"
    elif options.json:
        sys.stdout.write(render([result], ".json", notation))
    elif options.latex:
        print(result.to_latex(standalone=options.standalone, notation=notation))
    else:
        steps = "off" if options.no_steps else "brief" if options.brief else "on"
        print(result.explain(steps, highlighter(sys.stdout), notation))  # rule names in colour on a terminal


def _plot_limit(options: argparse.Namespace) -> None:
    if options.plot:
        from .plot_limits import plot_limit

        plot_limit(options.expression, options.at, var=options.var, side=options.side, path=options.plot)
        print(f"wrote {options.plot}", file=sys.stderr)
