"""Printing a deep trace: what is printed is bounded, and the work grows with what is printed.

A 500-deep chain has a thousand steps, each about as long as the input, and an answer of
quadratic length: written whole, explain() made 24 MB in 14 s and to_json() 114 MB. The printers
now show steps up to a budget, count the rest on one line, and cut the answer with the cut stated.
Time is not asserted here (benchmarks/bench_printing.py measures it); sizes and work are.
"""

import json

import pytest

from symdiff import Add, Call, Number, Symbol, derive
from symdiff.calculus import trace, trace_json, trace_latex
from symdiff.calculus.trace import ANSWER_CHARS, SHOWN_CHARS
from symdiff.core.printer import to_text

MORE = "(the answer is computed from all of them)"


def _added(depth: int):
    """1 + (1 + (... + x)) built in Python, ``depth`` sums deep: a deep trace with a short answer.
    (Nested on the left, x + 1 + 1 + ... is one chain, one step with a step per term.)"""
    expr = Symbol("x")
    for _ in range(depth):
        expr = Add(Number(1), expr)
    return derive(expr)


@pytest.fixture(scope="module")
def chain():
    return derive("sin(" * 500 + "x" + ")" * 500)


@pytest.mark.parametrize("brief", [False, True])
def test_explain_of_a_deep_chain_is_bounded_and_counts_what_it_leaves_out(chain, brief):
    # The steps left out are counted without a line each (trace._steps): the same count.
    text = chain.explain(brief=brief)
    lines = text.splitlines()
    assert len(text) < SHOWN_CHARS + 2 * ANSWER_CHARS
    (omitted,) = [line for line in lines if MORE in line]
    left_out = int(omitted.split("… ")[1].split()[0].replace(",", ""))
    shown = lines.index(omitted)  # every line above it is a step (the heading, rules) or a sub-result
    steps = [line for line in chain.lines(brief=brief) if line.kind != "result"]
    shown_steps = sum(1 for line in lines[:shown] if not line.lstrip().startswith("= "))
    assert left_out + shown_steps == len(steps)
    assert lines[-1].startswith("= cos(sin(")  # then the answer
    assert max(len(line) - len(line.lstrip()) for line in lines) <= 2 * trace.MAX_INDENT


def test_a_long_answer_is_cut_with_the_cut_stated(chain):
    last = chain.explain().splitlines()[-1]  # the answer has over a million characters
    assert last.startswith("= ")
    assert last.endswith("(cut at 100,000 characters: str(derivation.result) is the whole answer)")
    assert last[2:ANSWER_CHARS + 2] == str(chain.result)[:ANSWER_CHARS] and last[ANSWER_CHARS + 2] == "…"


def test_width_none_prints_expressions_whole_and_still_counts_the_steps_past_the_budget():
    # The fuzz harness's explain(None, brief=True) of √√...√x (133) to the second order wrote 130 MB.
    derivation = _added(600)
    lines = derivation.lines()
    whole = derivation.explain(width=None).splitlines()
    assert any(len(line) > 2_000 for line in whole) and MORE in whole[-2]
    assert sum(1 for line in whole[:-2] if not line.lstrip().startswith("= ")) < len(lines) // 2
    short = derive("x^2 sin x")
    assert len(short.explain(width=None).splitlines()) == len(short.lines())


def test_width_none_cuts_an_answer_past_a_million_characters_and_says_so():
    # x^x^...^sin(x) 1,997 deep: 8.2 million characters of answer took the fuzz run past 5 s.
    tower = derive("x^(" * 1997 + "sin x" + ")" * 1997)
    text = tower.explain(width=None, brief=True)
    last = text.splitlines()[-1]
    assert last.endswith(f"(cut at {trace.WHOLE_CHARS:,} characters: str(derivation.result) is the whole answer)")
    assert len(text) < trace.SHOWN_CHARS + 3 * trace.WHOLE_CHARS


def test_repr_of_a_deep_derivation_is_short(chain):
    assert len(repr(chain)) < 3 * trace.REPR_CHARS
    assert repr(derive("x^2")) == "<Derivation d/dx [x^2] = 2*x>"


def test_json_of_a_deep_chain_is_bounded_and_says_so(chain):
    data = chain.to_json()
    assert len(json.dumps(data, ensure_ascii=False)) < trace_json.SHOWN_CHARS + 3 * ANSWER_CHARS
    steps = data["steps"]
    assert data["abbreviated"] is True
    assert data["omitted_steps"] + len(steps) == len({id(step) for step in chain.trace})
    assert all(index < len(steps) for step in steps for index in step["substeps"])
    assert sum(step.get("omitted_substeps", 0) for step in steps) >= 1
    assert all(len(step["expr"]) <= trace_json.WIDTH + 1 for step in steps)
    assert any(step["expr"].endswith("…") for step in steps)


def test_json_of_a_short_trace_is_not_marked():
    data = derive("x^2 sin x").to_json()
    assert "abbreviated" not in data and "omitted_steps" not in data
    assert all("omitted_substeps" not in step for step in data["steps"])


def test_latex_of_a_deep_chain_is_bounded(chain):
    latex = chain.to_latex()
    assert len(latex) < SHOWN_CHARS + 100_000
    assert sum(MORE in row for row in latex.splitlines()) == 1
    assert latex.count("{") == latex.count("}")


class _Counting:
    """Wraps a printing function and counts the characters it returns: the printers' work."""

    def __init__(self, function):
        self.function, self.chars = function, 0

    def __call__(self, *args, **kwargs):
        out = self.function(*args, **kwargs)
        self.chars += len(out)
        return out


@pytest.mark.parametrize("printer", ["explain", "to_json", "to_latex"])
def test_printing_work_stops_growing_with_depth(monkeypatch, printer):
    # The work is what the printers write (each to_text call stops at its limit); twice as deep
    # a trace costs no more once the budget is spent, where it once cost four times as much.
    work = {}
    for depth in (1_500, 3_000):
        derivation = _added(depth)
        counters = [_Counting(to_text), _Counting(trace_latex.expr_items)]
        monkeypatch.setattr(trace, "to_text", counters[0])
        monkeypatch.setattr(trace_json, "to_text", counters[0])
        monkeypatch.setattr(trace_latex, "expr_items", counters[1])
        getattr(derivation, printer)()
        work[depth] = sum(counter.chars for counter in counters)
    assert 0 < work[3_000] < 1.2 * work[1_500]


def test_a_chain_deeper_than_python_recursion_prints():
    # 20,000 sums deep: lines() walks it with a stack; the printers stop at their budgets.
    derivation = _added(20_000)
    assert len(derivation.lines()) > 40_000  # a Sum step and a Constant step per level
    assert len(derivation.explain()) < SHOWN_CHARS + 10_000
    assert len(derivation.to_latex()) < SHOWN_CHARS + 10_000
    assert len(json.dumps(derivation.to_json())) < trace_json.SHOWN_CHARS + 3 * ANSWER_CHARS


def test_a_deep_chain_of_calls_built_in_python_prints():
    expr = Symbol("x")
    for _ in range(1_000):
        expr = Call("sin", expr)
    text = derive(expr).explain()
    assert MORE in text and len(text) < SHOWN_CHARS + 2 * ANSWER_CHARS
