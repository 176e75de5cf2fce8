"""Wynn's epsilon algorithm: the limit of a slowly converging sequence, with an error estimate.

Adaptive quadrature near an endpoint singularity (ln x, 1/√x at 0) halves the interval next to
it again and again; the running totals then converge like a geometric series, slowly, and the
epsilon algorithm (Wynn 1956, a nonlinear Shanks transformation) extrapolates them to their
limit from a few terms. This is QUADPACK's ``qelg``: only the two lower diagonals of the
epsilon table are kept; the estimate chosen is the table entry that changed least, and its
error is the spread of the last three estimates.
"""

from __future__ import annotations

import sys

__all__ = ["EpsilonTable"]

_EPS = sys.float_info.epsilon
_LARGEST = sys.float_info.max
LIMIT = 50  # entries the table holds; past this, its oldest diagonal is dropped


class EpsilonTable:
    """The terms of a sequence, added one at a time; ``extrapolate`` estimates their limit.

    ``size`` is the number of terms the table holds; the algorithm shrinks it when two terms
    agree to rounding (nothing further can be learnt from them) or the table turns irregular.
    """

    def __init__(self) -> None:
        self._table = [0.0] * (LIMIT + 3)  # 1-based, as in the published algorithm, plus 2 spare
        self.size = 0
        self._calls = 0
        self._last = [0.0, 0.0, 0.0]  # the last three estimates, for the error estimate

    def append(self, value: float) -> None:
        self.size += 1
        self._table[self.size] = value

    def extrapolate(self) -> tuple[float, float]:
        """(estimate of the limit, estimate of its absolute error); the error is the largest
        float until four estimates have been made and can be compared."""
        e, n = self._table, self.size
        self._calls += 1
        error, result = _LARGEST, e[n]
        if n < 3:
            return result, max(error, 5 * _EPS * abs(result))
        e[n + 2] = e[n]
        new = (n - 1) // 2  # the entries of the new diagonal
        e[n] = _LARGEST
        start, k1 = n, n
        for i in range(1, new + 1):
            res = e[k1 + 2]
            e0, e1, e2 = e[k1 - 2], e[k1 - 1], res
            err2, tol2 = abs(e2 - e1), max(abs(e2), abs(e1)) * _EPS
            err3, tol3 = abs(e1 - e0), max(abs(e1), abs(e0)) * _EPS
            if err2 <= tol2 and err3 <= tol3:  # e0, e1 and e2 agree to rounding: that is the limit
                return res, max(err2 + err3, 5 * _EPS * abs(res))
            e3 = e[k1]
            e[k1] = e1
            err1, tol1 = abs(e1 - e3), max(abs(e1), abs(e3)) * _EPS
            if err1 <= tol1 or err2 <= tol2 or err3 <= tol3:  # two entries agree: drop the rest
                n = 2 * i - 1
                break
            ss = 1 / (e1 - e3) + 1 / (e2 - e1) - 1 / (e1 - e0)
            if abs(ss * e1) <= 1e-4:  # an irregular table: drop the rest
                n = 2 * i - 1
                break
            res = e1 + 1 / ss
            e[k1] = res
            k1 -= 2
            change = err2 + abs(res - e2) + err3
            if change <= error:
                error, result = change, res
        if n == LIMIT:
            n = 2 * (LIMIT // 2) - 1
        # Shift the table: the new lower diagonal becomes the old one.
        ib = 2 if start % 2 == 0 else 1
        for _ in range(new + 1):
            e[ib] = e[ib + 2]
            ib += 2
        if start != n:
            e[1 : n + 1] = e[start - n + 1 : start + 1]
        self.size = n
        if self._calls < 4:
            self._last[self._calls - 1] = result
            error = _LARGEST
        else:
            error = sum(abs(result - r) for r in self._last)
            self._last = [self._last[1], self._last[2], result]
        return result, max(error, 5 * _EPS * abs(result))
