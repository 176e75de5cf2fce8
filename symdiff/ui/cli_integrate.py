"""``symdiff integrate``: antiderivatives and definite integrals from the command line.

``symdiff integrate "x e^x"`` prints the antiderivative with every rule; ``symdiff integrate
"sin x" --from 0 --to pi`` the definite integral, exactly by the Fundamental Theorem unless
``--method`` asks for ``adaptive`` quadrature or a sum (``-n`` intervals). ``--no-steps`` prints
the answer alone; ``--latex``, ``--json`` and ``-o FILE`` (.tex, .json, .md) as for derivatives.
An integral symdiff cannot do prints the reason on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys

from ..core.errors import SymdiffError
from .arguments import EXIT_BAD_INPUT, EXIT_OK, split_arguments
from .cli_limits import _show
from .integral_results import INTEGRATION_METHODS
from .name_notes import print_name_notes

__all__ = ["integrate_main"]

_EXAMPLES = """\
examples:
  symdiff integrate "x e^x"                           the antiderivative with every rule (+ C)
  symdiff integrate "1/(x^2 - 1)" --no-steps          the answer alone
  symdiff integrate "sin x" --from 0 --to pi          exactly: F(pi) - F(0) = 2
  symdiff integrate "1/x^2" --from 1 --to oo          an improper integral, by a limit
  symdiff integrate "e^(-x^2)" --from 0 --to 1 --method adaptive   no antiderivative: numerically
  symdiff integrate "x^2" --from 0 --to 1 --method simpson -n 10   a sum, with its table
  symdiff integrate "x cos x" -o parts.tex            a LaTeX document (.json and .md also work)

Bounds are numbers, constant expressions (pi/2, -e) or infinity (oo, -oo). Methods: exact (the
default), adaptive (Gauss-Kronrod quadrature), left, right, midpoint, trapezoid, simpson.
"""

_VALUED = frozenset({"--from", "--to", "--method", "-m", "-n", "--wrt", "-o", "--output"})
_SWITCHES = frozenset({"--no-steps", "--brief", "--latex", "--standalone", "--json", "-h", "--help"})


def integrate_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="symdiff integrate", epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="An antiderivative with its steps, or a definite integral: exactly by the Fundamental "
        "Theorem of Calculus (improper integrals by limits), or numerically.",
    )
    parser.add_argument("expression", help="the integrand, e.g. 'x e^x'")
    parser.add_argument("--from", dest="a", metavar="A", help="the lower bound (0, pi/2, -oo)")
    parser.add_argument("--to", dest="b", metavar="B", help="the upper bound")
    parser.add_argument("-m", "--method", choices=INTEGRATION_METHODS, help="with bounds (default: exact)")
    parser.add_argument("-n", type=int, help="the number of intervals of a sum (default 100)")
    parser.add_argument("--wrt", metavar="VAR", help="the variable (default: the only one, else x)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--no-steps", action="store_true", help="print only the answer")
    form.add_argument("--brief", action="store_true", help="leave out trivial steps")
    form.add_argument("--latex", action="store_true", help="print the worked solution as LaTeX")
    form.add_argument("--json", action="store_true", help="print the worked solution as JSON")
    parser.add_argument("--standalone", action="store_true", help="with --latex: a complete document")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the worked solution to FILE (.tex, .json, .md)")
    options = parser.parse_args(split_arguments(argv, _VALUED, _SWITCHES))
    if options.standalone and not options.latex:
        parser.error("--standalone goes with --latex")
    if (options.a is None) != (options.b is None):
        parser.error("a definite integral needs both --from and --to (neither for an antiderivative)")
    if options.a is None and (options.method or options.n is not None):
        parser.error("--method and -n go with the bounds --from and --to")
    print_name_notes(options.expression)
    try:
        from .integral_results import worked_integral

        result = worked_integral(options.expression, options.wrt, options.a, options.b,
                                 options.method or "exact", options.n)
        _show(options, result)
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
