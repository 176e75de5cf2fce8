"""Algebra on expressions: normal forms, the simplifier and the textbook form of an answer.

Lives here: ``normal`` (a sum of exact coefficients times products of powers), ``exact``
(exact rational arithmetic that stays small), ``products`` (long products merged once),
``presentation`` (a normal form as the tree a textbook prints), ``simplify`` (the traced
simplifier and ``simplify``), ``chain`` (a simplification as a chain of rewrites, each one
named law at one place) and ``algebras`` (the operations a rule builds a derivative
with: trees for a worked solution, or normal forms directly). Polynomial and rational
algebra (expand, cancel, factor, apart) belong here too.

May import: ``symdiff.core`` and ``symdiff.syntax``.
"""
