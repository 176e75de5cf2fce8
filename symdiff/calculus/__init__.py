"""The calculus, by named textbook rules, each application recorded in a trace.

Lives here: ``rules`` (one small function per differentiation rule, in a table),
``differentiate`` (the engine: ``derive``, ``diff``, ``gradient``, ``hessian``), ``partials``
(gradients and Hessians with a worked derivation per partial: ``worked_gradient``,
``worked_hessian``), ``chain_rule`` (the multivariable chain rule by name over named
definitions, z = w x + b, a = sigmoid(z): ``chain``, a product of local derivatives for every
path, added),
``operators`` (working out the derivatives written in an expression, d/dx[x^2], first),
``first_principles`` (the derivative from its definition, the delta method),
``termwise`` (second and later derivatives term by term in normal form), ``derivative_cycles``
(repeated derivatives that come back to a multiple of an earlier one), ``trace`` (the
frozen steps of a worked solution, and ``explain``) and the printers that walk a trace:
``trace_latex`` (rule formulas, worked solutions and handouts in LaTeX), ``trace_json`` (the
trace as JSON) and ``matrix_latex`` (a gradient and a Hessian in LaTeX). Limits: ``limits``
(``limit``, ``Limit``, ``limit_table``), the engine that works them out (``limit_engine``), the
values at the point and where direct substitution is allowed (``limit_continuity``), what a
limit can be and the limit laws (``limit_forms``, with those for powers in ``limit_powers``),
each function at a limit (``limit_functions``), exact values such as sin(pi/6) = 1/2
(``limit_exact``), the constants floats cannot tell from 0 or 1 or cannot hold, declined
(``limit_range``), the table of laws and methods by name (``limit_rules``), the methods for
the indeterminate forms (``limit_methods``, with the standard limits in ``limit_standard``,
dominance at infinity in ``limit_lead``, and the methods for polynomials, the highest power
and factoring out x - a, in ``limit_poly``, and the cube conjugate and sigmoid, tanh and
softplus written with e^u in ``limit_rewrites``), the function's values near the point
(``limit_numeric``) and the printers of a limit's steps (``limit_print``). Antiderivatives:
``antiderivative`` (``antiderivative``, ``Antiderivation`` and the check), the search that
tries the rules on each integrand (``integration_engine``), one search's simplifier and memos
(``integration_session``), the integration rules by name (``integration_rules``), the table
of elementary integrals (``integration_table``), the methods beyond the table, substitution
and parts (``integration_methods``), what rules out a substitution's candidate before any
cancelling (``integration_filters``), and a linear substitution's by its slopes
(``integration_slopes``), trigonometric
integrands (``integration_trig``), rational functions by partial fractions and completing the
square (``integration_rational``), the check at random points (``integration_check``), the
check settled exactly without writing the derivative (``integration_derivative_check``) and the
printers of an antiderivative's steps (``integration_print``). Automatic differentiation
computes with numbers, in ``symdiff.numeric``.

May import: ``symdiff.core``, ``symdiff.syntax`` and ``symdiff.algebra``.
"""
