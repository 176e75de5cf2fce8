"""A fuzz harness for symdiff's public functions: ``python -m tests.fuzz --seconds 600``.

Random inputs (grammar-aware text, mutations of seed inputs, trees built in Python, numeric
arrays with nan, inf, huge values and wrong types) go through stages (parse, the str round
trip, diff, derive, LaTeX, JSON, simplify, lambdify, integrate, integrate_samples, ROC), each
input in a worker process with a time and a memory limit. Each outcome is classed as

- ``ok`` and ``SymdiffError``: fine (a SymdiffError is how symdiff refuses bad input);
- ``WRONG``: a property is violated (a value changed, simplify not idempotent, diff != derive,
  the round trip failed, a numeric answer disagrees with an independent computation);
- ``HANG`` (the time limit), ``MEMORY`` (MemoryError, or the worker killed), ``FOREIGN``
  (any other exception, such as RecursionError, OverflowError or a NumPy or lark error).

Modules: ``inputs`` makes the inputs, ``checks`` runs a stage on one and checks it, ``pool``
runs inputs in worker processes, ``shrink`` makes a failing input smaller, ``report`` prints
the summary and ``__main__`` is the command line. ``tests/test_fuzz.py`` runs a short seeded
campaign in pytest.
"""

from __future__ import annotations

from .campaign import Campaign, run_campaign
from .checks import FAILURES, STAGES, build

__all__ = ["FAILURES", "STAGES", "Campaign", "build", "run_campaign"]
