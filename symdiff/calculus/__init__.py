"""The calculus, by named textbook rules, each application recorded in a trace.

Lives here: ``rules`` (one small function per differentiation rule, in a table),
``differentiate`` (the engine: ``derive``, ``diff``, ``gradient``, ``hessian``), ``partials``
(gradients and Hessians with a worked derivation per partial: ``worked_gradient``,
``worked_hessian``),
``operators`` (working out the derivatives written in an expression, d/dx[x^2], first),
``first_principles`` (the derivative from its definition, the delta method),
``termwise`` (second and later derivatives term by term in normal form), ``trace`` (the
frozen steps of a worked solution, and ``explain``) and the printers that walk a trace:
``trace_latex`` (rule formulas, worked solutions and handouts in LaTeX), ``trace_json`` (the
trace as JSON) and ``matrix_latex`` (a gradient and a Hessian in LaTeX). Limits, the delta
method, antiderivatives and automatic differentiation belong here too.

May import: ``symdiff.core``, ``symdiff.syntax`` and ``symdiff.algebra``.
"""
