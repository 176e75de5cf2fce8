"""Algebra on expressions: normal forms, the simplifier and the textbook form of an answer.

Lives here: ``normal`` (a sum of exact coefficients times products of powers), ``exact``
(exact rational arithmetic that stays small), ``products`` (long products merged once),
``presentation`` (a normal form as the tree a textbook prints), ``simplify`` (the
simplifier that records what it does), ``chain`` (a simplification as a chain of rewrites, each one
named law at one place), ``identities`` (trigonometric identities on a normal form), ``number_logs`` (ln of
numbers split over primes, so ln 4 - ln 2 combines), ``defined`` (constants without a real value:
x + 1/0, ln(-1), tan(π/2) have no value anywhere; with ``ranges``, the interval an expression's values
lie in, ln(-x^2) too), ``special_angles``
(sin, cos, ... at the multiples of π/6 and π/4, and the inverse functions there),
``textbook`` (the answer a textbook prints: the strategy after the normal form, and the public
``simplify``) and ``algebras`` (the operations a rule builds a derivative with: trees for a
worked solution, or normal forms directly).

Polynomial and rational-function algebra, exact over the rationals: ``polynomial`` (sparse
multivariate polys, exact division, pseudo-remainders and a real multivariate GCD),
``generators`` (an expression's non-polynomial subterms, sin(x), e^x, ..., in canonical form),
``polywalk`` (a tree folded into an algebra over its generators), ``rational`` (rational
functions as products of powers of polys, in lowest terms by the GCD), ``writer`` (polys and
rational functions written back as textbook trees), ``fraction_forms`` (``cancel``,
``together`` and ``cancel_factored``), ``expansion`` (``expand``), ``univariate`` (dense
one-variable polys: rational roots, quadratic factors, extended Euclid) and ``factoring``
(``factor`` and ``apart``); ``settle`` (those results rewritten again while a number's root
in them would be written another way, so each is idempotent); ``user_calls`` (what a user's call
to ``simplify``, ``cancel``, ``factor``, ``together`` or ``apart`` checks first: a denominator that
is 0 wherever it has a value, by an identity those algebras cannot see).

May import: ``symdiff.core`` and ``symdiff.syntax``.
"""
