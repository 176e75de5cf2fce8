"""``symdiff area`` and ``symdiff plot``: the integral half of the command line.

``symdiff area "sin x" 0 pi --method simpson -n 10`` prints the estimate and its error estimate
(``--steps`` the working, ``--latex`` the working as LaTeX); ``symdiff plot "sin x" --tangent 1
-o out.png`` draws the function, its derivative and a tangent line, or with ``--riemann N`` the
shapes of a Riemann sum. Errors print on stderr and exit with status 2, as in ``symdiff``.
"""

from __future__ import annotations

import argparse
import sys

from ..core.errors import SymdiffError
from ..numeric.area import DEFAULT_N, METHODS
from .arguments import EXIT_BAD_INPUT, EXIT_OK, split_arguments
from .name_notes import print_name_notes
from .plot import DEFAULT_PLOT_FILE  # matplotlib itself is imported only when a picture is drawn

_AREA_EXAMPLES = f"""\
examples:
  symdiff area "sin x" 0 pi                        trapezoid rule, n = {DEFAULT_N}
  symdiff area "sin x" 0 pi --method simpson -n 10 --steps
  symdiff area "e^(-x^2)" -2 2 --method midpoint -n 8 --latex
  symdiff area "x^2" 0 1 -n 4 --method left --plot left.png

Methods: left, right, midpoint, trapezoid, simpson (n even). Bounds may be expressions: pi/2, -e.
"""

_PLOT_EXAMPLES = """\
examples:
  symdiff plot "sin x" --tangent 1 -o out.png       f, f' and the tangent line at x = 1
  symdiff plot "x^3 - 3x" --from -2 --to 2 -o cubic.png
  symdiff plot "sin x" --from 0 --to pi --riemann 6 --method midpoint -o riemann.png
"""

# Options that take a value, and switches: anything else is positional (see split_arguments),
# so that bounds such as -pi or -2 are never mistaken for options.
_AREA_VALUED = frozenset({"--method", "-m", "-n", "--wrt", "--plot"})
_PLOT_VALUED = frozenset({"--tangent", "--from", "--to", "--riemann", "--method", "-m", "--wrt", "-o", "--output"})
_SWITCHES = frozenset({"--steps", "--latex", "--no-derivative", "-h", "--help"})


def area_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="symdiff area", description="Estimate the area under a curve by a Riemann sum, the trapezoid rule "
        "or Simpson's rule, with an error estimate.", epilog=_AREA_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("expression", help="the function, e.g. 'sin x'")
    parser.add_argument("a", help="the lower bound (a number or constant expression, e.g. 0 or pi/2)")
    parser.add_argument("b", help="the upper bound")
    parser.add_argument("-m", "--method", default="trapezoid", choices=list(METHODS), help="(default: trapezoid)")
    parser.add_argument("-n", type=int, default=DEFAULT_N, help=f"the number of intervals (default {DEFAULT_N})")
    parser.add_argument("--wrt", metavar="VAR", help="the variable (default: the only one, else x)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--steps", action="store_true", help="show the working: the rule and the table of samples")
    form.add_argument("--latex", action="store_true", help="print the working as LaTeX")
    parser.add_argument("--plot", metavar="FILE", help="also draw the shapes being added up to FILE (.png)")
    options = parser.parse_args(split_arguments(argv, _AREA_VALUED, _SWITCHES))
    print_name_notes(options.expression)
    try:
        from ..numeric.area import integrate

        result = integrate(options.expression, options.wrt, options.a, options.b, method=options.method, n=options.n)
        if options.steps:
            print(result.working())
        elif options.latex:
            print(result.to_latex())
        else:
            error = "" if result.error is None else f"  (error estimate ± {result.error:.3g})"
            print(f"{result.value:.12g}{error}")
        if options.plot:
            from .plot import plot_riemann

            plot_riemann(result.expr, result.a, result.b, result.n, method=result.method, var=result.var,
                         path=options.plot)
            print(f"wrote {options.plot}", file=sys.stderr)
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def plot_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="symdiff plot", description="Draw a function with its derivative and a tangent line, or the shapes "
        "of a Riemann sum under it, to an image file.", epilog=_PLOT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("expression", help="the function, e.g. 'sin x'")
    parser.add_argument("--tangent", metavar="X0", help="draw the tangent line at X0")
    parser.add_argument("--from", dest="a", metavar="A", help="the left end of the plot")
    parser.add_argument("--to", dest="b", metavar="B", help="the right end of the plot")
    parser.add_argument("--riemann", type=int, metavar="N", help="draw the N shapes of a Riemann sum on [A, B]")
    parser.add_argument("-m", "--method", default="midpoint", choices=list(METHODS), help="with --riemann")
    parser.add_argument("--no-derivative", action="store_true", help="leave out the derivative's curve")
    parser.add_argument("--wrt", metavar="VAR", help="the variable (default: the only one, else x)")
    parser.add_argument("-o", "--output", default=DEFAULT_PLOT_FILE, metavar="FILE",
                        help=f"the image: .png, .svg or .pdf (default {DEFAULT_PLOT_FILE})")
    options = parser.parse_args(split_arguments(argv, _PLOT_VALUED, _SWITCHES))
    try:
        from .plot import plot_function, plot_riemann

        if options.riemann is not None:
            if options.a is None or options.b is None:
                raise SymdiffError("--riemann needs the interval: --from A --to B")
            plot_riemann(options.expression, options.a, options.b, options.riemann, method=options.method,
                         var=options.wrt, path=options.output)
        else:
            plot_function(options.expression, options.a, options.b, var=options.wrt,
                          derivative=not options.no_derivative, tangent=options.tangent, path=options.output)
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {options.output}", file=sys.stderr)  # as `symdiff EXPR -o FILE` does: stdout stays for results
    return EXIT_OK
