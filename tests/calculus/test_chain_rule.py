"""The multivariable chain rule by name (symdiff.chain): the law, the paths, the answer against
diff and SymPy, the steps it shows, and its refusals."""

import json
import math
import random
import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import _branches
from sympy_oracle import to_sympy
from tex import compile_tex, needs_tex

from symdiff import ChainRuleError, Derivation, Number, ParseError, Symbol, chain, derive, diff, parse
from symdiff.calculus.chain_rule import MAX_PATHS, ChainDerivation, check_definitions, substitute_definitions
from symdiff.core.traversal import substitute

NETWORK = {"z": "w*x + b", "a": "sigmoid(z)", "C": "(a - y)^2"}
BRANCHES = {"u": "x^2", "v": "x y", "f": "u v"}

# (definitions, target, variable, the law, the sum of products in the names, the answer)
CASES = [
    (NETWORK, "C", "w", "∂C/∂w = ∂C/∂a*∂a/∂z*∂z/∂w", "(2*a - 2*y)*(sigmoid(z)*(1 - sigmoid(z)))*x",
     "2*x*sigmoid(w*x + b)*(sigmoid(w*x + b) - y)*(1 - sigmoid(w*x + b))"),
    (NETWORK, "C", "b", "∂C/∂b = ∂C/∂a*∂a/∂z*∂z/∂b", "(2*a - 2*y)*(sigmoid(z)*(1 - sigmoid(z)))*1",
     "2*sigmoid(w*x + b)*(sigmoid(w*x + b) - y)*(1 - sigmoid(w*x + b))"),
    (NETWORK, "C", "a", "∂C/∂a = ∂C/∂a", "2*a - 2*y", "2*a - 2*y"),  # a as the variable: its definition set aside
    (NETWORK, "a", "x", "∂a/∂x = ∂a/∂z*∂z/∂x", "(sigmoid(z)*(1 - sigmoid(z)))*w",
     "w*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))"),
    (BRANCHES, "f", "x", "∂f/∂x = ∂f/∂u*∂u/∂x + ∂f/∂v*∂v/∂x", "v*(2*x) + u*y", "3*x^2*y"),
    (BRANCHES, "f", "y", "∂f/∂y = ∂f/∂v*∂v/∂y", "u*x", "x^3"),
    ({"u": "x^2 + x", "f": "u x"}, "f", "x", "∂f/∂x = ∂f/∂x + ∂f/∂u*∂u/∂x", "u + x*(2*x + 1)", "x*(3*x + 2)"),
    ({"u": "x z", "y": "sin(u)"}, "y", "z", "∂y/∂z = ∂y/∂u*∂u/∂z",
     "cos(u)*x", "x*cos(x*z)"),
    (BRANCHES, "f", "t", "∂f/∂t = 0", "0", "0"),  # no path: f does not depend on t
]


@pytest.mark.parametrize(("definitions", "target", "wrt", "law", "in_names", "answer"), CASES)
def test_the_law_the_product_in_the_names_and_the_answer(definitions, target, wrt, law, in_names, answer):
    derivation = chain(target, definitions, wrt)
    assert isinstance(derivation, Derivation) and isinstance(derivation, ChainDerivation)
    assert derivation.trace.substeps[0].formula == law
    assert derivation.in_names == parse(in_names)
    assert derivation.result == parse(answer)
    assert derivation.result == diff(derivation.expr, wrt)


def test_each_path_is_a_product_and_the_paths_are_added():
    derivation = chain("f", BRANCHES, "x")
    assert derivation.paths == (("f", "u", "x"), ("f", "v", "x"))
    law = derivation.trace.substeps[0]
    # one worked derivation per local factor, in the order of the law: ∂f/∂u, ∂u/∂x, ∂f/∂v, ∂v/∂x
    assert [(step.expr, step.wrt.name) for step in law.substeps] == [
        (parse("u v"), "u"), (parse("x^2"), "x"), (parse("u v"), "v"), (parse("x y"), "x")]
    assert all(step.rule == "derivative" for step in law.substeps)
    assert law.note == "one product for each of the 2 paths, added"


def test_the_local_factors_are_derive_s_own_derivations():
    derivation = chain("C", NETWORK, "w")
    factors = derivation.trace.substeps[0].substeps
    expected = [derive("(a - y)^2", "a"), derive("sigmoid(z)", "z"), derive("w*x + b", "w")]
    assert [step.result for step in factors] == [d.result for d in expected]
    assert [[s.rule for s in step] for step in factors] == [[s.rule for s in d] for d in expected]


def test_it_prints_as_text_latex_and_json():
    derivation = chain("C", NETWORK, "w")
    text = derivation.explain()
    lines = text.splitlines()
    assert lines[0] == "∂/∂w [C]"
    assert lines[1] == ("  Multivariable Chain Rule: ∂C/∂w = ∂C/∂a*∂a/∂z*∂z/∂w, with z = w*x + b, a = sigmoid(z), "
                        "C = (a - y)^2")
    assert "    ∂/∂a [(a - y)^2]" in lines and "    d/dz [sigmoid(z)]" in lines and "    ∂/∂w [w*x + b]" in lines
    assert "  = (2*a - 2*y)*(sigmoid(z)*(1 - sigmoid(z)))*x" in lines
    assert any(line.startswith("  Substitute the definitions: (2*a - 2*y)") for line in lines)
    assert lines[-1] == "= 2*x*sigmoid(w*x + b)*(sigmoid(w*x + b) - y)*(1 - sigmoid(w*x + b))"
    assert "Multivariable Chain Rule" in derivation.explain(brief=True)
    latex = derivation.to_latex()
    assert (r"\frac{\partial C}{\partial w} = \frac{\partial C}{\partial a} \, \frac{\partial a}{\partial z} \, "
            r"\frac{\partial z}{\partial w}") in latex
    assert "∂" not in latex and "?" not in latex
    assert r"\textbf{Substitute the definitions}\quad z = w x + b,\quad a = \sigma\left(z\right)" in latex
    data = json.loads(json.dumps(derivation.to_json()))
    rules = [step["rule"] for step in data["steps"]]
    assert rules[:2] == ["derivative", "multivariable_chain"] and "simplify.substitute" in rules
    assert data["result"] == str(derivation.result) and data["expr"] == "(sigmoid(w*x + b) - y)^2"
    assert repr(derivation).startswith("<ChainDerivation ∂C/∂w = 2*x*sigmoid")


@needs_tex
def test_the_worked_chain_rule_compiles_as_a_handout(tmp_path):
    compile_tex(tmp_path, chain("C", NETWORK, "w").to_latex(standalone=True))
    compile_tex(tmp_path, chain("f", BRANCHES, "x").to_latex(standalone=True), "branches")


def test_a_direct_use_beside_an_indirect_one_says_what_each_factor_means():
    law = chain("f", {"u": "x^2 + x", "f": "u x"}, "x").trace.substeps[0]
    assert law.note == "each factor differentiates one definition, the other names in it held fixed"
    assert chain("C", NETWORK, "a").trace.substeps[0].note == "a is the variable here: its own definition is set aside"


def test_no_path_is_zero_with_the_reason():
    derivation = chain("f", BRANCHES, "t")
    assert derivation.result == Number(0)
    assert derivation.explain().splitlines()[1] == (
        "  Multivariable Chain Rule: ∂/∂t[f] = 0  (t is in neither f's definition nor those it uses)")


def test_definitions_in_any_order_and_as_trees_and_the_input_is_untouched():
    given = {"C": parse("(a - y)^2"), "z": "w*x + b", "a": "sigmoid(z)"}
    before = dict(given)
    assert chain("C", given, Symbol("w")).result == chain("C", NETWORK, "w").result
    assert given == before


def test_every_shown_step_is_true_at_a_point():
    derivation = chain("C", NETWORK, "w")
    rng = random.Random(3)
    point = {name: rng.uniform(-1.5, 1.5) for name in "wxby"}
    point["z"] = point["w"] * point["x"] + point["b"]
    point["a"] = 1 / (1 + math.exp(-point["z"]))
    expected = diff(derivation.expr, "w").evaluate(point)
    for step in derivation.trace.substeps:  # the law's product, the substitution, the simplification
        assert math.isclose(step.result.evaluate(point), expected, rel_tol=1e-12)
    assert math.isclose(derivation.in_names.evaluate(point), expected, rel_tol=1e-12)


def test_a_long_chain_works_without_recursion():
    definitions = {"z0": "x^2", **{f"z{i}": f"sin(z{i - 1})" for i in range(1, 1500)}}
    derivation = chain("z1499", definitions, "x")
    assert len(derivation.paths[0]) == 1501
    assert derivation.result == diff(derivation.expr, "x")


def test_too_many_paths_are_refused_with_the_way_out():
    definitions = {"b0": "x"}
    for i in range(1, 10):  # each level doubles the paths: 2^9 = 512
        definitions.update({f"u{i}": f"b{i - 1}^2", f"v{i}": f"sin(b{i - 1})", f"b{i}": f"u{i} + v{i}"})
    assert MAX_PATHS < 512
    with pytest.raises(ChainRuleError, match=r"more than 256 paths .* diff instead"):
        chain("b9", definitions, "x")
    assert len(chain("b8", definitions, "x").paths) == 256


ERRORS = [
    ("C", {"C": "a", "a": "C"}, "w", ChainRuleError, "go round in a circle: C -> a -> C"),
    ("C", {"C": "x", "a": "b", "b": "c", "c": "a"}, "x", ChainRuleError, "a -> b -> c -> a"),
    ("C", {"C": "C + 1"}, "w", ChainRuleError, r"C = C \+ 1 defines C by itself"),
    ("D", {"C": "a"}, "w", ChainRuleError, "D is not defined: give its definition .the definitions name C."),
    ("C", {"C": "a"}, "C", ChainRuleError, "∂C/∂C is 1"),
    ("C", {"sin": "a"}, "w", ChainRuleError, "not the function or constant sin"),
    ("C", {"C": "a"}, "2x", ChainRuleError, "the variable is a name"),
    ("C", {"C": "a"}, None, ChainRuleError, "the variable is a name"),
    ("C", {}, "w", ChainRuleError, "no definitions"),
    ("C", [("C", "a")], "w", ChainRuleError, "a dict of name -> expression"),
    ("C", {"C": object()}, "w", ChainRuleError, "in the definition of C"),
    ("C", {"C": "a +"}, "w", ParseError, "in the definition of C: expected an expression"),
]


@pytest.mark.parametrize(("target", "definitions", "wrt", "error", "message"), ERRORS)
def test_refusals(target, definitions, wrt, error, message):
    with pytest.raises(error, match=message):
        chain(target, definitions, wrt)


def test_a_local_derivative_that_has_no_value_once_substituted_is_refused():
    # d/du[u^x] = u^x*ln(u) holds for u > 0; with u = 0 it is ln(0)*0^x, while d/dx[0^x] = 0
    with pytest.raises(ChainRuleError, match=r"product ln\(0\)\*0\^x has no value where the derivative does"):
        chain("v", {"u": "0", "v": "u^x"}, "x")


def test_a_parse_error_points_into_the_definition():
    with pytest.raises(ParseError) as caught:
        chain("C", {"C": "(a - y)^^2"}, "a")
    assert caught.value.text == "(a - y)^^2" and caught.value.column == 9


def test_checking_and_substituting_definitions():
    assert check_definitions(NETWORK) == {name: parse(text) for name, text in NETWORK.items()}
    assert substitute_definitions(parse("C + a"), NETWORK) == parse("(sigmoid(w*x + b) - y)^2 + sigmoid(w*x + b)")
    with pytest.raises(ChainRuleError, match="circle"):
        check_definitions({"a": "b", "b": "a"})


# --- random chains of definitions: the answer is diff's, and SymPy's ------------------------------

NAMES = ["u0", "u1", "u2", "u3"]
_leaves = st.one_of(st.integers(0, 5).map(Number), st.sampled_from(["x", "y", *NAMES]).map(Symbol))
_definitions = st.recursive(
    _leaves, lambda children: _branches(children, most=3, exponents=st.integers(0, 3).map(Number), undefined=False),
    max_leaves=8,
)


def _chain_of(values: list) -> dict:
    """Definitions u0, u1, ... where each may use the earlier ones (a later name becomes x)."""
    return {NAMES[i]: substitute(value, {Symbol(n): Symbol("x") for n in NAMES[i:]}) for i, value in enumerate(values)}


@settings(max_examples=150, deadline=None)
@given(st.lists(_definitions, min_size=1, max_size=4), st.sampled_from(["x", "y"]), st.randoms(use_true_random=False))
def test_random_chains_agree_with_diff_and_with_sympy(values, wrt, rng):
    definitions = _chain_of(values)
    target = NAMES[len(values) - 1]
    try:
        derivation = chain(target, definitions, wrt)
    except ChainRuleError as error:  # u = 0, v = u^x: v's u^x*ln(u) has no value at u = 0, and is not shown
        assert re.search("has no value|does not differentiate|the Zero Power Rule gives|as 1/0", str(error)), str(error)
        return
    expected = diff(derivation.expr, wrt)
    assert derivation.result == expected
    assert derivation.expr == substitute_definitions(Symbol(target), definitions)
    # The sum of products over the paths, before any simplification, against SymPy's derivative.
    point = {"x": rng.uniform(0.2, 1.8), "y": rng.uniform(0.2, 1.8)}
    try:
        derivation.expr.evaluate(point)
        ours = derivation.raw.evaluate(point)
    except ValueError:
        return
    if abs(ours) > 1e6:
        return
    theirs = sympy.diff(to_sympy(derivation.expr), sympy.Symbol(wrt, real=True))
    try:
        value = complex(theirs.evalf(30, subs={sympy.Symbol(k, real=True): v for k, v in point.items()}))
    except TypeError:  # SymPy cannot put a number on it (real_root's piecewise derivatives): no oracle
        return
    if math.isnan(value.real) or math.isnan(value.imag):
        return  # SymPy's d/dx[0^x] is nan (0^x*log(0)) where 0^x is 0 and so is its slope: no oracle
    assert abs(value.imag) < 1e-6 * (1 + abs(ours)) and math.isclose(value.real, ours, rel_tol=1e-6, abs_tol=1e-6)


def test_a_derivative_of_a_defined_name_in_a_definition_is_refused():
    """C = d/dx[a] was worked out as it was read, with a a constant: 0, and the step said x is
    in neither definition."""
    with pytest.raises(ChainRuleError, match=r"derivative of a defined name \(d/dx\[a\]\)"):
        chain("C", {"C": "d/dx a", "a": "x^2"}, "x")
    # A derivative of the variables alone is worked out as before.
    assert str(chain("C", {"C": "d/dx[x^3] + a", "a": "x^2"}, "x").result) == "8*x"


def test_definitions_that_put_together_have_no_value_are_refused():
    """u = x and v = ln(x - u) each have a value; v with u put in is ln(0), which has none (diff
    refused it from inside chain with an error of its own)."""
    with pytest.raises(ChainRuleError, match=r"with the definitions put in, v = ln\(x - x\) has no value anywhere"):
        chain("v", {"u": "x", "v": "ln(x - u)"}, "x")
