"""The trace as JSON: a stable schema, every step once in a flat list, every expression readable back."""

import json

import pytest

from symdiff import Add, Call, Symbol, derive, parse
from symdiff.calculus.rules import RULES
from symdiff.calculus.trace_json import SCHEMA, derivation_data, json_document

STEP_KEYS = {"rule", "name", "formula", "expr", "wrt", "result", "bindings", "note", "substeps"}


def test_json_schema():
    derivation = derive("x^2 sin x")
    document = json.loads(json_document([derivation]))
    assert document["schema"] == SCHEMA == "symdiff.trace/1"
    (data,) = document["derivations"]
    assert data["expr"] == "x^2*sin(x)" and data["wrt"] == "x" and data["order"] == 1
    assert data["result"] == "x^2*cos(x) + 2*x*sin(x)" and data["result_latex"] == derivation.result.to_latex()
    assert data["raw"] == str(derivation.raw)
    steps = data["steps"]
    assert data["root"] == 0 and steps[0]["rule"] == "derivative"
    for step in steps:
        assert set(step) == STEP_KEYS
        assert step["rule"] in RULES or step["rule"] in ("derivative", "higher_derivative") or step["rule"].startswith(
            "simplify"
        )
        assert all(0 < index < len(steps) for index in step["substeps"])
        parse(step["expr"]), parse(step["result"])  # every expression reads back
    product = next(step for step in steps if step["rule"] == "product")
    assert product["bindings"] == {"u": "x^2", "v": "sin(x)"}
    assert [steps[i]["rule"] for i in product["substeps"]] == ["power", "sin"]
    # Each step is listed once and reached from the root exactly once.
    reached = [i for step in steps for i in step["substeps"]]
    assert sorted(reached) == list(range(1, len(steps)))


def test_json_of_a_deep_trace_is_flat():
    text = "x"
    for _ in range(200):
        text = f"sin({text})"
    data = derivation_data(derive(text))
    assert len(data["steps"]) > 400
    json.dumps(data)  # no nesting, so no RecursionError in the encoder


@pytest.mark.parametrize("derivation", [
    lambda: derive(Add(Call("sin", Symbol("x")), Call("sin", Symbol("x")))),  # one sin(x) node, used twice
    lambda: derive("csc p", "p", order=3),
    lambda: derive("x^x", order=2),
])
def test_a_step_shared_by_two_parents_is_listed_once_after_both(derivation):
    data = derivation_data(derivation())
    steps = data["steps"]
    assert all(set(step) == STEP_KEYS for step in steps)  # once written as {} for the second use
    for i, step in enumerate(steps):
        assert all(i < sub < len(steps) for sub in step["substeps"])  # parents before their sub-steps
    reached = {sub for step in steps for sub in step["substeps"]}
    assert reached == set(range(1, len(steps)))  # each step is used, and only the root by none
