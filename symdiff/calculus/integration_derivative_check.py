"""The check by differentiating, settled exactly without writing d/dx F out.

Partial fractions, polynomial division, the power rule and the tabular method give answers
made of rational functions of x, e^(a*x) and rational multiples of ln(u), ln(abs(u)) and
atan(u) with u rational. Their derivative minus a rational integrand is a rational function of
x and E = e^(a*x), whose value at a point is worked out exactly by the sum, product, quotient
and chain rules on the answer's tree, with bounds on its degrees read off alongside, as
``integration_check.vanishes_exactly`` does for a rational function of x: far cheaper than
differentiating and simplifying.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.expr import Add, Call, Constant, Div, E, Expr, Mul, Neg, Number, Pow, Sub, Symbol
from .integration_check import MAX_DEGREE, _NotRational, _points, _run, _whole_power

__all__ = ["derivative_vanishes"]


def derivative_vanishes(answer: Expr, integrand: Expr, x: Symbol) -> bool:
    """Whether d/dx ``answer`` minus ``integrand`` is 0 wherever both are defined, decided as
    ``vanishes_exactly`` decides a rational function, without writing the derivative out.

    Both are built from numbers, x, + - * /, whole powers, one exponential E = e^(a*x) (a
    rational), and ln(u), ln(abs(u)) and atan(u) with u rational in x and E; the value of
    one such logarithm or arctangent T may be needed (x*ln(x^2 + 1)), when there is no E; the
    others appear only as constant multiples (ln(abs(x - 1))/2), where their derivative alone
    counts. Then d/dx F - f is a rational function of x and a second variable, E or T (which
    is substituted into a rational function that is 0, so a 0 found is a true 0): its exact
    value at a point (t, s) is worked out by the sum, product, quotient and chain rules (E' =
    a*E, (ln u)' = u'/u, (atan u)' = u'/(1 + u^2)), with bounds n, m on the degrees in x and
    in the second variable of its numerator read off the tree alongside; 0 at n + 1 values of
    t for each of m + 1 values of s (where it is defined) proves it is 0. False when it is
    not such a case, or not 0.

    exp(g) is not read as e^g: the simplifier tells exp(x) from e^x, and ``check_step`` shows
    such a check as it always has (at random points), so it is left to it."""
    # One exponential e^(a*x) at most: with e^x and e^(2*x) the simplifier may not see e^x*e^x
    # = e^(2*x), and ``check_step`` shows such a check as it always has (at random points).
    rates = _rates(answer, integrand, x)
    if rates is None or len(rates) > 1:
        return False
    program = _Program(x)
    if rates:
        program.atom = ("exp", next(iter(rates)))
    try:
        # The integrand first: a logarithm in it (by parts: ∫ln(x^2 + 1) dx) is the one whose
        # value is needed in the answer, so it takes the second variable.
        value = program.walk(integrand, False)
        derivative = program.walk(answer, True)
    except _NotRational:
        return False
    if derivative[2] is not None or value[0] is None:
        return False
    slope = derivative[1] if derivative[1] is not None else program.number(Fraction(0))
    difference = program.sub(slope, value[0])
    (in_x, _), (in_e, _) = program.bounds[difference]
    if in_x > MAX_DEGREE or in_e > MAX_DEGREE:
        return False
    # A value of s where a denominator vanishes for every t (s = 0 with 1/ln(x) read as 1/s) is
    # passed over after a few tries: only values of s with n + 1 zeros count.
    settled = 0
    for i, s in enumerate(_points()):
        if i > in_e + _SPARE_TRIES:
            break
        if program.atom is not None and not s:
            continue  # e^(a*x) is never 0, and a logarithm below a fraction would be 0 there
        zeros = tries = 0
        for t in _points():
            tries += 1
            if tries > in_x + _SPARE_TRIES:
                break
            try:
                result = _run(program.steps, t, s)
            except ZeroDivisionError:
                continue
            if result:
                return False
            zeros += 1
            if zeros > in_x:
                settled += 1
                if settled > in_e:
                    return True
                break
    return False


_SPARE_TRIES = 12  # values of t tried beyond n + 1 for one s, where the derivative may be undefined


Bound = tuple[tuple[int, int], tuple[int, int]]  # (numerator, denominator) degree bounds in x, in E
# (value, derivative, argument of abs): instruction indices; a value None is ln(u) or atan(u)
# (never needed), a derivative None is 0 (the node is free of x); the third is set on abs(u) only.
_Found = tuple[int | None, int | None, "tuple[int | None, int | None, object] | None"]


def _pair_bound(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """The bound of a sum or difference of two fractions, (n1*d2 ± n2*d1)/(d1*d2)."""
    (n1, d1), (n2, d2) = a, b
    return max(n1 + d2, n2 + d1), d1 + d2


_ZERO_BOUND: Bound = ((0, 0), (0, 0))
_WALKED = object()  # on ``walk``'s stack: the node below it has all its children done


class _Program:
    """Instructions for ``_run`` (children first), each with bounds on the degrees in x and in
    E of the numerator and denominator of the value it makes, written as one fraction as
    ``_run`` does (the rules of ``_degrees``, for each variable).

    A number and x are one instruction each however often they occur: an instruction is a
    value, and the bounds of a number (0) and of x (1 in x) are the same at every use."""

    def __init__(self, x: Symbol) -> None:
        self.x = x
        # What the second variable stands for: ("exp", a) for e^(a*x), or one ln(u) or atan(u)
        # whose value is needed (x*ln(x^2 + 1)); the first met takes it.
        self.atom: object = None
        self.steps: list[tuple[type, tuple[int, int] | int | None, list[int]]] = []
        self.bounds: list[Bound] = []
        self._numbers: dict[tuple[int, int], int] = {}
        self._x: int | None = None

    def _emit(self, kind: type, constant: tuple[int, int] | int | None, kids: list[int], bound: Bound) -> int:
        self.steps.append((kind, constant, kids))
        self.bounds.append(bound)
        return len(self.steps) - 1

    def number(self, value: Fraction) -> int:
        return self._whole(value.numerator, value.denominator)

    def _whole(self, numerator: int, denominator: int) -> int:
        key = (numerator, denominator)
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = self._emit(Number, key, [], _ZERO_BOUND)
        return found

    def add(self, kids: list[int]) -> int:
        if len(kids) == 1:
            return kids[0]
        bounds = self.bounds
        below_x = below_e = 0
        for i in kids:
            (_, dx), (_, de) = bounds[i]
            below_x += dx
            below_e += de
        top_x = max(bounds[i][0][0] + below_x - bounds[i][0][1] for i in kids)
        top_e = max(bounds[i][1][0] + below_e - bounds[i][1][1] for i in kids)
        return self._emit(Add, None, kids, ((top_x, below_x), (top_e, below_e)))

    def sub(self, left: int, right: int) -> int:
        (ax, ay), (bx, by) = self.bounds[left], self.bounds[right]
        return self._emit(Sub, None, [left, right], (_pair_bound(ax, bx), _pair_bound(ay, by)))

    def mul(self, kids: list[int]) -> int:
        if len(kids) == 1:
            return kids[0]
        bounds = self.bounds
        nx = dx = ne = de = 0
        for i in kids:
            (a, b), (c, d) = bounds[i]
            nx += a
            dx += b
            ne += c
            de += d
        return self._emit(Mul, None, kids, ((nx, dx), (ne, de)))

    def div(self, top: int, bottom: int) -> int:
        ((a, b), (c, d)), ((e, f), (g, h)) = self.bounds[top], self.bounds[bottom]
        return self._emit(Div, None, [top, bottom], ((a + f, b + e), (c + h, d + g)))

    def neg(self, i: int) -> int:
        return self._emit(Neg, None, [i], self.bounds[i])

    def power(self, base: int, k: int) -> int:
        if k == 0:
            return self._whole(1, 1)
        if k == 1:
            return base
        b = self.bounds[base]
        return self._emit(Pow, k, [base], tuple(  # type: ignore[arg-type]
            (k * n, k * d) if k > 0 else (-k * d, -k * n) for n, d in b))

    def walk(self, root: Expr, slopes: bool) -> _Found:
        """The instructions for ``root``'s value and (with ``slopes``) its derivative: ``rule``
        on each distinct node, children first (``fold``'s order, without its generality)."""
        done: dict[int, _Found] = {}
        stack: list = [root]
        pop, push, rule = stack.pop, stack.append, self.rule
        while stack:
            node = pop()
            if node is _WALKED:
                node = pop()
                done[id(node)] = rule(node, [done[id(child)] for child in node.children], slopes)
                continue
            if id(node) in done:
                continue
            kind = type(node)
            if kind is Pow and node.children[0] == E:  # its exponent a*x is read by ``_rate``
                done[id(node)] = self._exponential(node.children[1], slopes)
            elif node.children:
                push(node)
                push(_WALKED)
                stack.extend(node.children)
            elif kind is Number:
                if type(node.value) is float:  # type: ignore[attr-defined]
                    raise _NotRational
                exact = Fraction(node.value)  # type: ignore[attr-defined]
                done[id(node)] = self._whole(exact.numerator, exact.denominator), None, None
            elif kind is Constant:
                done[id(node)] = None, None, None  # e or pi: a constant whose value is never needed
            elif kind is Symbol and node == self.x:
                if self._x is None:
                    self._x = self._emit(Symbol, None, [], ((1, 0), (0, 0)))
                done[id(node)] = self._x, (self._whole(1, 1) if slopes else None), None
            else:
                raise _NotRational
        return done[id(root)]

    def rule(self, node: Expr, kids: list[_Found], slopes: bool) -> _Found:
        """The instructions for ``node``'s value and (with ``slopes``) its derivative, from its
        children's (``walk`` does the leaves and e^(a*x))."""
        kind = type(node)
        if kind is Call:
            if kids[0][2] is not None and node.name != "ln":  # type: ignore[attr-defined]
                raise _NotRational  # abs(u) outside ln
            return self._call(node, kids[0], slopes)
        for kid in kids:
            if kid[2] is not None:
                raise _NotRational  # abs(u) outside ln
        if kind is Neg:
            value, slope, _ = kids[0]
            return (None if value is None else self.neg(value)), (None if slope is None else self.neg(slope)), None
        values = [kid[0] for kid in kids]
        slopes_of = [kid[1] for kid in kids] if slopes else [None] * len(kids)
        if kind is Pow:
            k = _whole_power(node)
            if values[0] is None:
                raise _NotRational
            slope = None if slopes_of[0] is None else \
                self.mul([self._whole(k, 1), self.power(values[0], k - 1), slopes_of[0]])
            return self.power(values[0], k), slope, None
        if kind is Add or kind is Sub:
            return self._sum(kind, values, slopes_of)
        if kind is Mul:
            return self._product(values, slopes_of)
        if kind is Div:
            return self._quotient(values, slopes_of)
        raise _NotRational

    def _exponential(self, exponent: Expr, slopes: bool) -> _Found:
        """E = e^(a*x), the one exponential allowed (``_rates`` found it), at s; E' = a*E."""
        rate = _rate(exponent, self.x)
        if rate is None or type(self.atom) is not tuple or (rate / self.atom[1]).denominator != 1:
            raise _NotRational  # not met: ``_rates`` set the variable
        k = int(rate / self.atom[1])
        value = self.power(self._emit(Constant, None, [], ((0, 0), (1, 0))), k)
        return value, (self.mul([self.number(rate), value]) if slopes else None), None

    def _call(self, node: Expr, kid: _Found, slopes: bool) -> _Found:
        """ln(u), ln(abs(u)) and atan(u) for u rational in x: (ln u)' = u'/u, (atan u)' =
        u'/(1 + u^2); their value, where it is needed (x*ln(x^2 + 1), or in the integrand),
        is the second variable when that is free."""
        name = node.name  # type: ignore[attr-defined]
        if name == "abs":
            return None, None, kid
        if name not in ("ln", "atan"):
            raise _NotRational
        if kid[2] is not None:
            if name != "ln":
                raise _NotRational
            kid = kid[2]  # type: ignore[assignment]
        value, slope = kid[0], kid[1]
        if value is None or self.bounds[value] == ((0, 0), (0, 0)):
            raise _NotRational  # of a logarithm, or of a constant
        # ln(e^x + 1): its derivative is rational in x and E, its value is not needed.
        mine = self.bounds[value][1] == (0, 0) and self._claim(node)
        itself = self._emit(Constant, None, [], ((0, 0), (1, 0))) if mine else None
        if not slopes:
            if itself is None:
                raise _NotRational
            return itself, None, None
        if slope is None:
            raise _NotRational
        if name == "ln":
            return itself, self.div(slope, value), None
        one_plus_square = self.add([self.number(Fraction(1)), self.mul([value, value])])
        return itself, self.div(slope, one_plus_square), None

    def _claim(self, atom: object) -> bool:
        """Whether the second variable stands for ``atom`` (taking it if it is free)."""
        if self.atom is None:
            self.atom = atom
        return self.atom == atom

    def _sum(self, kind: type, values: list[int | None], slopes: list[int | None]) -> _Found:
        value = None if any(v is None for v in values) else \
            (self.add(values) if kind is Add else self.sub(values[0], values[1]))  # type: ignore[arg-type]
        if kind is Add:
            present = [s for s in slopes if s is not None]
            return value, (self.add(present) if present else None), None
        left, right = slopes
        if left is not None and right is not None:
            return value, self.sub(left, right), None
        return value, (left if right is None else self.neg(right)), None

    def _product(self, values: list[int | None], slopes: list[int | None]) -> _Found:
        unknown = [i for i, v in enumerate(values) if v is None]
        if unknown:  # c*ln(u): every other factor a constant
            if len(unknown) > 1 or any(s is not None for i, s in enumerate(slopes) if i != unknown[0]):
                raise _NotRational
            i = unknown[0]
            others = [v for j, v in enumerate(values) if j != i]
            slope = None if slopes[i] is None else self.mul([*others, slopes[i]])  # type: ignore[list-item]
            return None, slope, None
        terms = [self.mul([*(v for j, v in enumerate(values) if j != i), s])  # type: ignore[misc]
                 for i, s in enumerate(slopes) if s is not None]
        return self.mul(values), (self.add(terms) if terms else None), None  # type: ignore[arg-type]

    def _quotient(self, values: list[int | None], slopes: list[int | None]) -> _Found:
        (top, bottom), (top_slope, bottom_slope) = values, slopes
        if bottom is None:
            raise _NotRational
        if top is None:  # ln(u)/c
            if bottom_slope is not None:
                raise _NotRational
            return None, (None if top_slope is None else self.div(top_slope, bottom)), None
        value = self.div(top, bottom)
        if top_slope is None and bottom_slope is None:
            return value, None, None
        if bottom_slope is None and self.bounds[bottom] == _ZERO_BOUND:
            # (p/c)' = p'/c for a number c (x^3/3, ln(abs(x - 1))/2): the value of p'*c/(c*c)
            # below where c ≠ 0, undefined like it where c = 0, and with the same bounds (c's
            # are 0), so the same points are tried and the same answer is found; two
            # instructions fewer.
            return value, self.div(top_slope, bottom), None  # type: ignore[arg-type]
        # (p/q)' = (p'*q - p*q')/(q*q)
        if bottom_slope is None:
            above = self.mul([top_slope, bottom])  # type: ignore[list-item]
        elif top_slope is None:
            above = self.neg(self.mul([top, bottom_slope]))
        else:
            above = self.sub(self.mul([top_slope, bottom]), self.mul([top, bottom_slope]))
        return value, self.div(above, self.mul([bottom, bottom])), None


def _rates(answer: Expr, integrand: Expr, x: Symbol) -> set[Fraction] | None:
    """The rates a of the exponentials e^(a*x) in both; None when one is not of that form."""
    rates: set[Fraction] = set()
    stack, seen = [answer, integrand], set()
    while stack:  # each distinct node once: a shared subtree has the same exponentials
        node = stack.pop()
        if type(node) is Pow and node.children[0] == E:
            rate = _rate(node.children[1], x)
            if rate is None:
                return None
            rates.add(rate)
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return rates


def _rate(exponent: Expr, x: Symbol) -> Fraction | None:
    """a when ``exponent`` is written a*x for a rational a ≠ 0 (x, -x, 3*x, x/2, -2*x/3), else None."""
    sign = 1
    if type(exponent) is Neg:
        sign, exponent = -1, exponent.children[0]
    below = Fraction(1)
    if type(exponent) is Div and type(exponent.children[1]) is Number:
        below = _exact(exponent.children[1])  # type: ignore[assignment]
        exponent = exponent.children[0]
        if type(exponent) is Neg:
            sign, exponent = -sign, exponent.children[0]
    if exponent == x:
        above: Fraction | None = Fraction(1)
    elif type(exponent) is Mul and len(exponent.children) == 2 and exponent.children[1] == x:
        above = _exact(exponent.children[0])
    else:
        return None
    if above is None or below is None or not below:
        return None
    return sign * above / below or None


def _exact(number: Expr) -> Fraction | None:
    """The value of a number written 3, -2, 1/2 (not 2.5: a float), or None."""
    if type(number) is Neg:
        inner = _exact(number.children[0])
        return None if inner is None else -inner
    if type(number) is not Number or type(number.value) is float:  # type: ignore[attr-defined]
        return None
    return Fraction(number.value)  # type: ignore[attr-defined]
