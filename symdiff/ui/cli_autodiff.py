"""``symdiff backprop`` and ``symdiff forward``: automatic differentiation at a point.

``symdiff backprop "x*y + sin(x)" --at x=1,y=2`` prints both passes as a table (each distinct
node once: its operation, value and adjoint), the chain-rule product behind each adjoint, and
the gradient; ``--dot graph.png`` also draws the computational graph (``graph.dot``: its DOT
text). ``symdiff forward "x^2 sin x" --at x=1.5`` prints the forward pass with each node's
tangent. ``--no-steps``, ``--latex``, ``--json`` and ``-o`` as for derivatives; bad input
prints the error on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys

from ..core.errors import SymdiffError
from .arguments import EXIT_BAD_INPUT, EXIT_OK, split_arguments
from .name_notes import print_name_notes

__all__ = ["backprop_main", "forward_main"]

_BACKPROP_EXAMPLES = """\
examples:
  symdiff backprop "x*y + sin(x)" --at x=1,y=2           both passes and every chain-rule product
  symdiff backprop "(y - (m x + b))^2" --at m=2,b=1,x=3,y=10 --wrt m,b
  symdiff backprop "sigmoid(w x + b)" --at w=0.5,x=2,b=-1 --no-steps
  symdiff backprop "tanh(w x + b)" --at w=1,x=0.5,b=0 --dot graph.png   (graph.dot: the DOT text)
  symdiff backprop "x^2 y" --at x=3,y=pi/2 --latex --standalone

A value may be an expression without variables: pi/2, -1, sqrt(2), log(8, 2).
"""

_FORWARD_EXAMPLES = """\
examples:
  symdiff forward "x^2 sin x" --at x=1.5                 each node's value and tangent d/dx
  symdiff forward "x^2 y + y^3" --at x=1,y=2 --wrt y     the derivative by y
  symdiff forward "e^(-x^2/2)" --at x=1 --no-steps       the value and the derivative alone
"""

_VALUED = frozenset({"--at", "--wrt", "--dot", "-o", "--output"})
_SWITCHES = frozenset({"--no-steps", "--latex", "--standalone", "--json", "-h", "--help"})


def _parser(name: str, description: str, epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"symdiff {name}", description=description, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("expression", help="the expression, e.g. 'x*y + sin(x)'")
    parser.add_argument("--at", required=True, action="append", metavar="X=A,Y=B",
                        help="each variable's value: --at x=1,y=2 (or --at x=1 --at y=2)")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--no-steps", action="store_true", help="print only the value and the derivatives")
    form.add_argument("--latex", action="store_true", help="print the table as LaTeX")
    form.add_argument("--json", action="store_true", help="print every node's numbers as JSON")
    parser.add_argument("--standalone", action="store_true", help="with --latex: a complete document")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the table to FILE (.tex, .json, .md)")
    return parser


def backprop_main(argv: list[str]) -> int:
    parser = _parser("backprop", "Backpropagation (reverse-mode automatic differentiation) at a point: the "
                     "forward pass, the backward pass and the gradient, each distinct node once.", _BACKPROP_EXAMPLES)
    parser.add_argument("--wrt", metavar="W,B", help="the variables to differentiate by (default: all)")
    parser.add_argument("--dot", metavar="FILE", help="also draw the computational graph: .png, .svg, .pdf (with "
                        "Graphviz) or .dot (the DOT text)")
    options = parser.parse_args(split_arguments(argv, _VALUED, _SWITCHES))

    def work(expr: object, point: dict[str, float]) -> object:
        from ..numeric.backprop import backprop
        from .autodiff_results import BackpropView

        wrt = None if options.wrt is None else [name for name in options.wrt.replace(",", " ").split() if name]
        if wrt is not None and not wrt:
            parser.error("--wrt names the variables: --wrt w,b")
        for name in wrt or ():
            if name not in point:  # said in the command line's words, not backprop's wrt= and at=
                raise SymdiffError(f"--wrt names {name}, which --at gives no value: add {name}=... to --at")
        return BackpropView(backprop(expr, point, wrt))  # type: ignore[arg-type]

    return _run(parser, options, work)


def forward_main(argv: list[str]) -> int:
    parser = _parser("forward", "Forward-mode automatic differentiation at a point: each node's value and its "
                     "tangent, the derivative by one variable.", _FORWARD_EXAMPLES)
    parser.add_argument("--wrt", metavar="VAR", help="the variable (default: the only one)")
    options = parser.parse_args(split_arguments(argv, _VALUED, _SWITCHES))

    def work(expr: object, point: dict[str, float]) -> object:
        from ..numeric.forward_mode import forward_mode
        from .autodiff_results import ForwardView, check_forward_variable

        check_forward_variable(expr, point, options.wrt, "--wrt {x}")  # type: ignore[arg-type]
        return ForwardView(forward_mode(expr, point, options.wrt))  # type: ignore[arg-type]

    return _run(parser, options, work)


def _run(parser: argparse.ArgumentParser, options: argparse.Namespace, work: object) -> int:
    if options.standalone and not options.latex:
        parser.error("--standalone goes with --latex")
    from ..syntax.parser import parse
    from .autodiff_results import read_point, split_top
    from .results import Result, render, write

    try:
        if getattr(options, "dot", None):  # a file it cannot draw is refused before the working is printed
            from ..numeric.graph_dot import drawable

            drawable(options.dot)
        expr = parse(options.expression)
        print_name_notes(options.expression)
        text = ",".join(options.at)
        point = read_point(text, split_top(text), lambda a, b: parse(text[a:b]), "--at x=1,y=2")
        result = work(expr, point)  # type: ignore[operator]
        assert isinstance(result, Result)
        if options.output:
            print(write(options.output, [result]), file=sys.stderr)
        elif options.json:
            sys.stdout.write(render([result], ".json"))
        elif options.latex:
            print(result.to_latex(standalone=options.standalone))
        else:
            print(result.explain("off" if options.no_steps else "on"))
        if getattr(options, "dot", None):  # after the numbers, which stand without the picture
            print(f"wrote {result.result.render(options.dot)}", file=sys.stderr)  # type: ignore[attr-defined]
    except SymdiffError as error:
        print(f"symdiff: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
