"""Answers in the form a textbook prints (algebra/textbook.py): one row per case, and properties."""

import math
import random

import pytest
from hypothesis import given
from strategies import numeric_expressions

import symdiff
from symdiff import EvaluationError, derive, diff, parse, simplify
from symdiff.algebra.simplify import Simplifier
from symdiff.algebra.textbook import MAX_NODES, textbook_steps

DERIVATIVES = [
    # (function, variable, the textbook's answer) -- the examples of issue 11 first
    ("(x^2 + 1)/(x^2 - 1)", "x", "-4*x/(x^2 - 1)^2"),
    ("(x^2 - 1)/(x - 1)", "x", "1"),
    ("-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))", "w", "x*(sigmoid(w*x + b) - y)"),
    ("-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))", "b", "sigmoid(w*x + b) - y"),
    ("log(cos(x))", "x", "-tan(x)"),
    # The fractions put together, the function beside them (was cos(x) + ((x + 1)^2 - 2*x*(x + 1))/(x + 1)^4
    # - 1/(x + 1)^2: one fraction with cos(x) in it is longer, so nothing was combined).
    ("sin(x) + 1/(x + 1) + x/(x + 1)^2", "x", "cos(x) - 2*x/(x + 1)^3"),
    ("x*atan(x) - x/(x^2 + 1)", "x", "atan(x) + (x^3 + x^2 + x - 1)/(x^2 + 1)^2"),
    ("atan(y/x)", "x", "-y/(x^2 + y^2)"),
    ("atan(y/x)", "y", "x/(x^2 + y^2)"),
    ("e^x/x^2", "x", "e^x*(x - 2)/x^3"),
    ("x/(x + 1)", "x", "1/(x + 1)^2"),
    ("x^2/(x + 1)", "x", "x*(x + 2)/(x + 1)^2"),
    ("x^3/(x^2 + 1)", "x", "x^2*(x^2 + 3)/(x^2 + 1)^2"),
    ("(x + 1)/(x - 1)", "x", "-2/(x - 1)^2"),
    ("(x^2 + 1)*(x^3 - 2*x)", "x", "5*x^4 - 3*x^2 - 2"),
    ("x^2*sin(x)", "x", "x^2*cos(x) + 2*x*sin(x)"),  # a sum with no product of sums stays as it is
    ("x^3*e^x", "x", "x^2*e^x*(x + 3)"),
    ("1/cos(x)", "x", "sec(x)*tan(x)"),
    ("sin(x)^2 + cos(x)^2", "x", "0"),
    ("exp(log(x))", "x", "1"),
    ("ln(2)*2^a/log(2)", "a", "ln(2)*2^a"),
    ("(w*x + b - y)^2", "w", "2*x*(w*x + b - y)"),
    ("(w*x + b - y)^2", "b", "2*(w*x + b - y)"),
    ("(x + 1)^2", "x", "2*x + 2"),  # two terms, or a number inside: multiplied out, as textbooks print it
    ("(3*x^2 + 4*x)^1", "x", "6*x + 4"),
    ("sin(x)/(1 + cos(x))", "x", "1/(cos(x) + 1)"),
    # a constant written with x: the Chain Rule's u' = 0 makes the derivative 0, though f'(u) is
    # undefined there (sqrt and asin at the end of their domain)
    ("x + sqrt(x - x)", "x", "1"),
    ("asin(x + 1 - x)", "x", "0"),
    ("ln(sigmoid(-x))", "x", "-sigmoid(x)"),
    ("sigmoid(-x)", "x", "sigmoid(x)*(sigmoid(x) - 1)"),
    ("sin(x)/cos(x)", "x", "sec(x)^2"),
    ("ln((x - 1)/(x + 1))", "x", "2/(x^2 - 1)"),
    # sign(u)*abs(u)^k = u^k for an odd k, wherever the left side has a value: it was sign(x)/abs(x)
    ("ln(abs(x))", "x", "1/x"),
    ("ln(abs(x^2 - 1))", "x", "2*x/(x^2 - 1)"),
    ("ln(abs(sin(x)))", "x", "cot(x)"),
    ("abs(x)", "x", "sign(x)"),  # no abs to pair with: as it is
    ("x*abs(x)", "x", "2*abs(x)"),  # sign(x)*x = abs(x): it was x*sign(x) + abs(x)
    ("abs(x)^3", "x", "3*x*abs(x)"),
    ("1/abs(x)", "x", "-x/abs(x)^3"),
    # the hyperbolic quotient identities, as the circular ones: it was sinh(x)/cosh(x)
    ("ln(cosh(x))", "x", "tanh(x)"),
    ("ln(sinh(x))", "x", "coth(x)"),
    ("1/cosh(x)", "x", "-sech(x)*tanh(x)"),
    ("ln(sech(x)^2 + tanh(x)^2)", "x", "0"),
    # odd and even functions of a negated argument: it was sin(-x) and -e^(-x)*(cos(-x) + sin(-x))
    ("cos(-x)", "x", "-sin(x)"),
    ("e^(-x)*sin(-x)", "x", "e^(-x)*(sin(x) - cos(x))"),
    ("tanh(-2*x)", "x", "2*tanh(2*x)^2 - 2"),  # ln(1): it was 2*tanh(x)*(1 - sech(x)^2 - tanh(x)^2)/(...)
]


@pytest.mark.parametrize(("function", "variable", "answer"), DERIVATIVES)
def test_the_derivative_is_the_textbook_answer(function, variable, answer):
    assert str(diff(function, variable)) == answer
    assert str(derive(function, variable).result) == answer


SIMPLIFICATIONS = [
    ("(x + 1)^2 - x^2", "2*x + 1"),
    ("exp(log(x))", "x"),
    ("ln(2)*2^a/log(2)", "2^a"),
    ("sin(x)^2 + cos(x)^2", "1"),
    ("-sin(x)/cos(x)", "-tan(x)"),
    ("(x^2 - 1)/(x - 1)", "x + 1"),
    ("1/(x + 1) + 1/(x - 1)", "2*x/(x^2 - 1)"),
    ("1/x + 1/x^2", "(x + 1)/x^2"),
    # Fractions over one denominator put together, the rest beside them, where one fraction is longer.
    ("atan(x)/2 + x/(2*(x^2 + 1)) - 1/(2*(x^2 + 1))", "atan(x)/2 + (x - 1)/(2*(x^2 + 1))"),
    ("1/(x + 1) + 2/(x + 1) + sin(x)", "sin(x) + 3/(x + 1)"),
    ("atan(x) - 1/(x^2 + 1) + 2*x/(3*(x^2 + 1)) + 1/(x - 1)", "atan(x) + (2*x - 3)/(3*(x^2 + 1)) + 1/(x - 1)"),
    ("sin(x) + 1/x + x/(x + 1)", "x/(x + 1) + sin(x) + 1/x"),  # no denominator shared: as it was
    ("x^2 + 2*x", "x^2 + 2*x"),
    ("tan(x)^2 + 1", "sec(x)^2"),
    ("sec(x)^2 - tan(x)^2", "1"),
    ("sigmoid(x) + sigmoid(-x)", "1"),
    ("sigmoid(-x)", "sigmoid(-x)"),  # kept where the reflection is no shorter
    ("sigmoid(-w*x - b) + sigmoid(w*x + b)*y", "y*sigmoid(w*x + b) + sigmoid(-w*x - b)"),
    ("ln(sigmoid(-x))", "ln(sigmoid(-x))"),
    ("x*csc(2*x)^2 - x*cot(2*x)^2 + 1", "x + 1"),
    ("2*cot(x)^3 + 2*cot(x)", "2*cot(x)*csc(x)^2"),
    ("3*x*sin(x)^2 + 3*x*cos(x)^2", "3*x"),  # a polynomial in plain variables is not factored
    # the hyperbolic Pythagorean identities
    ("cosh(x)^2 - sinh(x)^2", "1"),
    ("2*sech(x)^2 + 2*tanh(x)^2", "2"),
    ("x*coth(x)^2 - x", "x*csch(x)^2"),
    ("1 - sech(2*x)^2 - tanh(2*x)^2", "0"),
    # f(-u) = -f(u) for an odd function, f(-u) = f(u) for an even one, when every term of u is negative
    ("sinh(1) - sinh(-1)", "2*sinh(1)"),
    ("sin(-x) + cos(-2*x) + abs(-y)", "abs(y) + cos(2*x) - sin(x)"),
    ("tan(-x - y)", "-tan(x + y)"),
    ("sin(1 - x)", "sin(1 - x)"),  # a term of each sign: as written
    ("acot(-x)", "acot(-x)"),  # neither odd nor even: acot takes values in (0, pi)
]


@pytest.mark.parametrize(("text", "answer"), SIMPLIFICATIONS)
def test_simplify_gives_the_textbook_form(text, answer):
    assert str(simplify(text)) == answer


def test_a_long_answer_costs_no_algebra():
    text = " + ".join(f"(x + {k})*sin(x)" for k in range(MAX_NODES))
    s = Simplifier()
    _, steps = textbook_steps(s, s.normal_form(parse(text)))
    assert steps == []


def _size(expr):
    count, stack = 0, [expr]
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(node.children)
    return count


@given(numeric_expressions)
def test_the_strategy_never_lengthens_keeps_the_value_and_is_idempotent(expr):
    s = Simplifier()
    normal = s.normal_form(expr)
    answer, steps = textbook_steps(s, normal)
    final = steps[-1][2] if steps else answer
    assert _size(final) <= _size(answer)
    assert simplify(final) == final
    point = {"x": random.Random(str(expr)).uniform(0.3, 2.0), "y": 0.7}
    try:
        before = expr.evaluate(point)
    except EvaluationError:
        return
    if abs(before) < 1e6:
        assert math.isclose(final.evaluate(point), before, rel_tol=1e-7, abs_tol=1e-7), (str(expr), str(final))


def test_the_algebra_gives_up_at_its_work_limit():
    from symdiff import AlgebraError, cancel
    from symdiff.algebra.polynomial import work_limit

    big = "((x + y + 1)^6*(x - y)^3)/((x + y + 1)^2*(x*y - 1)^4)"
    with work_limit(50), pytest.raises(AlgebraError, match="limit"):
        cancel(big)
    assert str(cancel(big)).startswith("(")  # no limit outside the block


# Inputs whose answers once sent the textbook stage into a GCD for minutes (a review found them);
# with the work limit the stage declines and the simplifier's answer stands. Checked for value.
ONCE_SLOW = [
    "((((pi/(x+1))*(y + x)))/(((x)/(-(1/2)) + (((x-1)*(x-1)))/(((x+1))^2))) + (((3)^-1/(1-x)))/"
    "(exp(y*log(((3)/(e) + (y)/((x-1)))) - (x)^3)))",
    "((3)/(((tanh(2))/(((2)/((1-x)) + (1)/((x+1)))) + ((x*pi))/(1))) + (((pi)/(((x-1) + 3)) + (x)/((1-x))))/"
    "((x - asec(2))))",
]


@pytest.mark.parametrize("text", ONCE_SLOW)
def test_answers_that_once_took_minutes_are_still_right(text):
    d = diff(text, "x")
    assert d == derive(text, "x").result
    f = parse(text)
    checked = 0
    for x in (0.3, 0.5, 0.8, 1.5, 2.5, 3.5, 5.0, 7.0):
        point, h = {"x": x, "y": 0.75}, 1e-6
        try:
            slope = (f.evaluate({**point, "x": x + h}) - f.evaluate({**point, "x": x - h})) / (2 * h)
        except EvaluationError:
            continue
        assert math.isclose(d.evaluate(point), slope, rel_tol=1e-5, abs_tol=1e-6)
        checked += 1
    assert checked


def test_shared_forms_give_the_same_answers():
    """A ``Forms`` memo shared among many answers (as an antiderivative's search shares one)
    gives each the answer it has alone: what is remembered is keyed by all it depends on.
    The answers share generators and fractions, so the memo is read, not only filled."""
    from symdiff.algebra.textbook import Forms, textbook_answer

    texts = [*(row[2] for row in DERIVATIVES), "-(1 - x)^8/8", "-(x - 1)^8/8", "1/(4*(5 - 2*x)^2)",
             "ln(abs(x + 1)) + 1/(x + 1)", "2^x*x/ln(2) - 2^x/ln(2)^2", "(x + 1)/(x - 1) + x/(x - 1)^2",
             "sqrt(2)*x/(x^2 - 2) + 1/(x - sqrt(2))", "e^x/(e^x + 1) - e^(2*x)/(e^x + 1)^2"]
    # One fraction in different generators (the same polys, read in x, y, sin(x), e^x):
    texts += [f"{u}/({u} + 1) - 1/({u} + 1)^2" for u in ("x", "y", "sin(x)", "e^x", "sqrt(x)")]
    texts += [f"d/dx[{text}]" for text in texts[-13:]]
    shared = Simplifier()
    memo = Forms()
    for text in texts + texts:  # the second time round, every form is remembered
        tree = diff(parse(text[5:-1]), "x") if text.startswith("d/dx[") else parse(text)
        alone = Simplifier()
        assert textbook_answer(shared, shared.normal_form(tree), memo) == \
            textbook_answer(alone, alone.normal_form(tree)), text
    assert memo.forms  # the memo was used


@pytest.mark.parametrize(("text", "factored"), [
    ("2*x*e^(-x) - x^2*e^(-x)", "x*e^(-x)*(2 - x)"),
    ("3*x^2*e^x + x^3*e^x", "x^2*e^x*(x + 3)"),
    ("2*x*exp(-x) - x^2*exp(-x)", "x*exp(-x)*(2 - x)"),
])
def test_a_factor_taken_out_of_the_one_sum_in_a_product_is_one_step(text, factored):
    # Before: e^(-x)*(2*x - x^2), multiplied out, then its factors taken out again.
    from symdiff.algebra.simplify import spelling

    tree = parse(text)
    s = Simplifier(**spelling(tree))
    answer, steps = textbook_steps(s, s.normal_form(tree))
    assert [(law, str(after)) for law, _, after in steps] == [("factor", factored)]
    assert "*(" in str(answer)  # the simplifier's answer is already a product with a sum in it


@pytest.mark.parametrize(("text", "answer"), [
    # The chain rule's 2*(a - y)*a*(1 - a)*x came back as 2*a*x*(y - a)*(a - 1): multiplied out
    # and factored again with two signs turned (a new user's report); the signs as written stay.
    ("2*(a - y)*a*(1 - a)*x", "2*a*x*(a - y)*(1 - a)"),
    ("2*(sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))*x", "2*x*sigmoid(z)*(sigmoid(z) - y)*(1 - sigmoid(z))"),
    ("(a - y)*(1 - a)/(b - 1)^2", "(a - y)*(1 - a)/(b - 1)^2"),
    ("x*(1 - x)*(2 - x)", "x*(2 - x)*(1 - x)"),
    # one sign to turn alone would leave a minus over: that factor stays as the algebra writes it
    ("(a - y)^2*(1 - a)*(x - 1)", "(1 - a)*(a - y)^2*(x - 1)"),
])
def test_factors_keep_the_signs_the_question_gave_them(text, answer):
    found = simplify(text)
    assert str(found) == answer
    assert simplify(found) == found
    point = {"a": 0.3, "y": 0.8, "x": 1.7, "z": -0.4, "b": 2.5}
    assert math.isclose(found.evaluate(point), parse(text).evaluate(point), rel_tol=1e-12)


def test_the_chain_rule_for_a_neuron_is_the_textbook_formula():
    # ∂C/∂w = 2x σ(1 - σ)(σ - y), with no multiplying out and factoring again on the way
    worked = symdiff.chain("C", {"z": "w x + b", "a": "sigmoid(z)", "C": "(a - y)^2"}, "w")
    assert str(worked.result) == "2*x*sigmoid(w*x + b)*(sigmoid(w*x + b) - y)*(1 - sigmoid(w*x + b))"
    assert "Multiply out and combine like terms" not in worked.explain()


@pytest.mark.parametrize("text", ["(a - 1000)^1000", "(a + 1)^1000"])
def test_a_long_power_is_not_multiplied_out_to_write_a_form_that_is_dropped(text, monkeypatch):
    """The written forms multiplied (a - 1000)^1000 out, 10^6 term products of 3,000-digit numbers
    (3 s, a fuzz run's hang), for a form longer than the power: the forms now share the algebra's
    work limit, and past it the simplifier's answer stands."""
    from symdiff.algebra import polynomial
    from symdiff.algebra.textbook import WORK_LIMIT

    products = []
    multiply = polynomial.Poly.__mul__
    monkeypatch.setattr(polynomial.Poly, "__mul__",
                        lambda p, q: products.append(len(p) * len(q)) or multiply(p, q))
    assert simplify(text) == parse(text)
    assert sum(products) <= 3 * WORK_LIMIT
