"""The session's :let, :chain and :descend: named quantities for the chain rule, gradient descent
from a line, their files and pictures, and their refusals."""

import io
import json

import numpy as np
import pytest
from tex import compile_tex, needs_tex

from symdiff import ChainRuleError, DescentError, SymdiffError, chain, gradient_descent, mse
from symdiff.ui.repl import Session, piped
from symdiff.ui.repl_learning import split_fields

NETWORK = [":let z = w x + b", ":let a = sigmoid(z)", ":let C = (a - y)^2"]


@pytest.fixture
def session():
    return Session()


def test_let_defines_quantities_and_chain_derives_by_them(session):
    assert [session.handle(line) for line in NETWORK] == ["z = w*x + b", "a = sigmoid(z)", "C = (a - y)^2"]
    assert session.handle(":let") == "  z = w*x + b\n  a = sigmoid(z)\n  C = (a - y)^2"
    out = session.handle(":chain C, w")
    assert out == chain("C", {"z": "w x + b", "a": "sigmoid(z)", "C": "(a - y)^2"}, "w").explain()
    assert out.splitlines()[1].startswith("  Multivariable Chain Rule: ∂C/∂w = ∂C/∂a*∂a/∂z*∂z/∂w, with z = w*x + b")
    session.handle(":steps off")
    assert session.handle(":chain C, b") == "2*sigmoid(w*x + b)*(sigmoid(w*x + b) - y)*(1 - sigmoid(w*x + b))"
    assert r"\frac{\partial C}{\partial a}" in session.handle(":latex")
    # the quantities stay names: the ordinary lines know nothing of them
    assert session.handle("z^2").splitlines()[-1] == "2*z"


def test_let_reads_ordinary_names_as_their_values_and_keeps_the_two_apart(session):
    session.handle("k = 3")
    assert session.handle(":let z = k w x") == "z = 3*w*x"
    with pytest.raises(ChainRuleError, match=r"k is defined as 3 \(k = 3\); :unset k .*a name of its own"):
        session.handle(":let k = w x")


def test_let_forgets_and_refuses_circles(session):
    for line in NETWORK:
        session.handle(line)
    with pytest.raises(ChainRuleError, match="go round in a circle: z -> a -> z"):
        session.handle(":let z = w a")
    assert session.handle(":let").splitlines()[0] == "  z = w*x + b"  # unchanged by the refused line
    assert session.handle(":let a =") == "a is forgotten"
    with pytest.raises(ChainRuleError, match="a is not a :let quantity"):
        session.handle(":let a =")
    assert session.handle(":let").splitlines() == ["  z = w*x + b", "  C = (a - y)^2"]


def test_let_alone_lists_nothing_yet(session):
    assert session.handle(":let") == "no quantities yet: :let z = w x + b defines one for :chain"


@pytest.mark.parametrize(("line", "message"), [
    (":let 3 = x", r"write :let z = w x \+ b"),
    (":chain C", "name the quantity and the variable"),
    (":chain C, w", "define the quantities first"),
    (":let sin = x", "a defined name is a name such as C or z_1, not the function or constant sin"),
])
def test_let_and_chain_say_what_is_wrong(session, line, message):
    with pytest.raises(SymdiffError, match=message):
        session.handle(line)


def test_chain_refuses_a_variable_with_a_value(session):
    for line in NETWORK:
        session.handle(line)
    session.handle("w = 2")
    with pytest.raises(SymdiffError, match="w is defined as 2"):
        session.handle(":chain C, w")


XS, YS = [1.0, 2.0, 3.0, 4.0], [2.1, 3.9, 6.2, 7.8]


def test_descend_runs_gradient_descent_from_a_line(session):
    out = session.handle(":descend (m x + b - y)^2, m=0, b=0, x=[1, 2, 3, 4], y=[2.1, 3.9, 6.2, 7.8], lr=0.05, "
                         "steps=500")
    expected = gradient_descent("(m x + b - y)^2", {"m": 0, "b": 0}, {"x": XS, "y": YS}, lr=0.05, steps=500)
    assert out == f"{expected.first_iteration()}\n{expected.summary()}"
    assert out.splitlines()[0] == "Step 1 from m = 0, b = 0, with lr = 0.05, over all 4 samples:"
    session.handle(":steps off")
    shown = session.handle(":descend (m x + b - y)^2, m=0, b=0, x=[1, 2, 3, 4], y=[2.1, 3.9, 6.2, 7.8], lr=0.05, "
                           "steps=500, batch=2, seed=3")
    batched = gradient_descent("(m x + b - y)^2", {"m": 0, "b": 0}, {"x": XS, "y": YS}, lr=0.05, steps=500,
                               batch_size=2, seed=3)
    assert shown == ", ".join(f"{name} = {value:.6g}" for name, value in batched.params.items())


def test_descend_uses_the_let_quantities_and_a_csv_file(session, tmp_path):
    for line in NETWORK:
        session.handle(line)
    (tmp_path / "points.csv").write_text("x,y\n-2,0\n-1,0\n1,1\n2,1\n", encoding="utf-8")
    out = session.handle(f":descend C, w=0, b=0, data={tmp_path / 'points.csv'}, lr=0.5, steps=200, "
                         f"plot={tmp_path / 'cost.png'}, path={tmp_path / 'path.png'}")
    assert "C = (1/n) Σ (sigmoid(w*x + b) - y)^2 = 0.25" in out
    assert f"wrote {tmp_path / 'cost.png'} (the cost at each step)" in out
    for name in ("cost.png", "path.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_descend_results_are_saved_and_shown_as_latex(session, tmp_path):
    session.handle(":descend (m x + b - y)^2, m=0, b=0, x=[1, 2, 3, 4], y=[2.1, 3.9, 6.2, 7.8], lr=0.05")
    latex = session.handle(":latex")
    assert r"\frac{\partial C}{\partial m} &= \frac{1}{4} \sum_{i=1}^{4} 2 x \left(m x + b - y\right)" in latex
    assert r"m &\leftarrow m - \eta \frac{\partial C}{\partial m}" in latex
    session.handle(f":save {tmp_path / 'run.json'}")
    data = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))["descents"][0]
    assert data["kind"] == "descent" and data["steps_taken"] == 1000 and len(data["history"]) == 1000
    assert data["gradient"] == ["2*x*(m*x + b - y)", "2*(m*x + b - y)"]
    session.handle(f":save {tmp_path / 'run.md'}")
    assert "Answer: `m = " in (tmp_path / "run.md").read_text(encoding="utf-8")


@needs_tex
def test_descent_and_chain_files_compile(session, tmp_path):
    for line in NETWORK:
        session.handle(line)
    session.handle(":chain C, w")
    session.handle(f":save {tmp_path / 'chain.tex'}")
    compile_tex(tmp_path, (tmp_path / "chain.tex").read_text(encoding="utf-8"), "chain")
    session.handle(":descend C, w=0, b=0, x=[-2, -1, 1, 2], y=[0, 0, 1, 1], lr=0.5, steps=50")
    session.handle(f":save {tmp_path / 'descent.tex'}")
    compile_tex(tmp_path, (tmp_path / "descent.tex").read_text(encoding="utf-8"), "descent")


@pytest.mark.parametrize(("line", "error", "message"), [
    (":descend (m x - y)^2", SymdiffError, "give the cost, each parameter's start and the data"),
    (":descend (m x - y)^2, m=0", SymdiffError, "give the data"),
    (":descend (m x - y)^2, x=[1, 2], y=[2, 4]", SymdiffError, "give each parameter's starting value"),
    (":descend (m x - y)^2, m=0, x=[1, 2], y=[2, 4], lr=big", SymdiffError, "lr is a number"),
    (":descend (m x - y)^2, m=0, x=[1, 2], y=[2, 4], steps=2.5", SymdiffError, "steps is a whole number"),
    (":descend (m x - y)^2, m=0, x=[1, 2], y=[2, 4], m", SymdiffError, "'m' is not name=value"),
    (":descend (m x - y)^2, m=0, x=[1, 2, y=[2, 4]", SymdiffError, "a \\[ has no closing bracket"),
    (":descend (m x - y)^2, m=0, x=[1, 2], y=[2]", DescentError, "differ in length"),
    (":descend (m x - y)^2, m=0, x=[1, 2], y=[2, 4], lr=5", DescentError, "smaller learning rate"),
    (":descend (m x - y)^2, m=0, data=/no/such/file.csv", SymdiffError, "cannot read /no/such/file.csv"),
    (":descend (m x - y)^2, m=0, x=[1, 2],, y=[2, 4]", SymdiffError, "an empty value between commas"),
])
def test_descend_says_what_is_wrong(session, line, error, message):
    with pytest.raises(error, match=message):
        session.handle(line)


def test_a_bad_csv_file_is_named(session, tmp_path):
    (tmp_path / "bad.csv").write_text("x,y\n1,2\n3\n", encoding="utf-8")
    with pytest.raises(SymdiffError, match=r"row 3 of .*bad.csv has 1 values, not 2"):
        session.handle(f":descend (m x - y)^2, m=0, data={tmp_path / 'bad.csv'}")
    (tmp_path / "text.csv").write_text("x,y\n1,two\n", encoding="utf-8")
    with pytest.raises(SymdiffError, match=r"y in row 2 of .*text.csv is a number, not 'two'"):
        session.handle(f":descend (m x - y)^2, m=0, data={tmp_path / 'text.csv'}")


def test_split_fields_keeps_brackets_and_calls_whole():
    assert split_fields("(m x + b - y)^2, m=0, x=[1, 2, 3], f=max(1, 2)") == [
        "(m x + b - y)^2", "m=0", "x=[1, 2, 3]", "f=max(1, 2)"]


def test_a_piped_session_reports_errors_and_goes_on():
    out = io.StringIO()
    status = piped(Session(), [*NETWORK, ":chain C, q", ":let z = w z", ":chain C, w"], out.write)
    text = out.getvalue()
    assert status == 2 and "error: z = w*z defines z by itself" in text
    assert "Multivariable Chain Rule: ∂C/∂q = 0" not in text and "∂/∂q[C] = 0" in text
    assert text.rstrip().endswith("= 2*x*sigmoid(w*x + b)*(sigmoid(w*x + b) - y)*(1 - sigmoid(w*x + b))")


def test_the_descent_from_the_session_matches_the_library():
    cost = mse("m x + b", {"x": XS, "y": YS})
    library = gradient_descent(cost, {"m": 0.0, "b": 0.0}, lr=0.05, steps=300)
    session = Session()
    session.handle(":steps off")
    shown = session.handle(":descend (m x + b - y)^2, m=0, b=0, x=[1, 2, 3, 4], y=[2.1, 3.9, 6.2, 7.8], lr=0.05, "
                           "steps=300")
    m, b = (float(part.split("=")[1]) for part in shown.split(", "))
    assert np.allclose([m, b], list(library.params.values()), rtol=1e-5)
