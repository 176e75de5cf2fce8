"""A simplification in a worked solution is a chain: each step rewrites one place of the whole
expression by a named law, starts where the last one ended, and the last ends at the answer."""

import itertools
import math
import random

import pytest
from calculus.test_rules import RULE_TABLE
from hypothesis import assume, given, settings
from strategies import has_a_derivative, numeric_expressions

from symdiff import EvaluationError, derive, parse
from symdiff.algebra.chain import LAWS, MAX_NODES, simplification_chain
from symdiff.core.printer import to_text
from symdiff.core.traversal import preorder

CHAIN_TABLE = [
    # (input, the laws its simplification names, in order)
    ("(x + 1)/(x - 1)", ["identity", "identity", "distribute+fold+collect"]),
    ("e^x/x^2", ["power_of_power", "distribute+cancel", "factor_out", "together", "factor"]),
    ("(x^2 - 1)/(x - 1)", ["identity", "distribute+fold", "expand", "cancel"]),
    ("log(cos(x))", ["negation", "trig_quotient"]),
    ("x^2 sin x", ["order"]),
    ("2x + 3x", ["fold"]),
    ("x^2 + x^2", ["collect"]),
]


def _simplifications(derivation):
    return [step for step in derivation if step.rule == "simplify"]


def _check_chain(derivation):
    for simplification in _simplifications(derivation):
        steps = simplification.substeps
        assert steps, "a simplification that changed something names at least one step"
        assert steps[0].expr == simplification.expr  # starts from the rule's result
        for previous, step in itertools.pairwise(steps):
            assert step.expr == previous.result  # each starts where the last one ended
        assert steps[-1].result == simplification.result  # and the last ends at the answer
        for step in steps:
            assert to_text(step.expr) != to_text(step.result), step.name  # no step leaves the text as it was
            at, to = step.place
            assert to_text(at) != to_text(to)
            assert any(node == at for node, _ in preorder(step.expr)), "the place is a part of the expression"
            assert step.rule.removeprefix("simplify.").split("+")[0] in LAWS
            assert "Removed" not in step.name and "1/3 + 1/6" not in step.formula  # no internal wording


@pytest.mark.parametrize(("text", "laws"), CHAIN_TABLE)
def test_a_simplification_names_its_laws_in_order(text, laws):
    derivation = derive(text)
    (simplification,) = _simplifications(derivation)
    assert [step.rule.removeprefix("simplify.") for step in simplification.substeps] == laws
    _check_chain(derivation)


@pytest.mark.parametrize("row", RULE_TABLE, ids=lambda row: row[0] if isinstance(row, tuple) else None)
def test_every_trace_in_the_rule_table_is_a_chain(row):
    text, variable = row[0], row[1]
    _check_chain(derive(text, variable))


@settings(max_examples=200)
@given(numeric_expressions)
def test_every_simplification_is_a_chain_that_keeps_the_value(expr):
    assume(has_a_derivative(expr))
    derivation = derive(expr, "x")
    _check_chain(derivation)
    rng = random.Random(str(expr))
    point = {"x": rng.uniform(0.3, 2.0), "y": rng.uniform(0.3, 2.0)}
    for simplification in _simplifications(derivation):
        for step in simplification.substeps:
            at, to = step.place
            try:
                before, after = at.evaluate(point), to.evaluate(point)
            except EvaluationError:
                continue
            if abs(before) < 1e6:
                assert math.isclose(before, after, rel_tol=1e-7, abs_tol=1e-7), (step.name, str(at), str(to))


def test_a_long_simplification_is_one_step_that_says_so():
    text = " + ".join(f"(x + {k})*(2*x)" for k in range(MAX_NODES // 4))
    answer, rewrites = simplification_chain(parse(text))
    (only,) = rewrites
    assert only.laws == ("all",) and only.name == "Simplify, all at once"
    assert only.before == parse(text) and only.after == answer


def test_the_text_explanation_shows_the_place_then_the_whole_expression():
    lines = derive("(x + 1)/(x - 1)").explain().splitlines()
    at = lines.index("    Drop zero terms and factors of one: 1*(x - 1) = x - 1")
    assert lines[at + 1] == "    = (x - 1 - (x + 1)*1)/(x - 1)^2"
    assert lines[-1] == "= -2/(x - 1)^2"


def test_a_step_of_several_laws_typesets_each_as_mathematics():
    from symdiff.calculus.trace_latex import formula_latex

    (simplification,) = _simplifications(derive("e^x/x^2"))
    several = [step for step in simplification.substeps if "+" in step.rule]
    assert several
    for step in several:
        assert r"\text" not in formula_latex(step.formula), step.formula
