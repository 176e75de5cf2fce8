"""Costs over data and gradient descent: the compiled means against plain NumPy, convergence to
least squares (numpy.linalg.lstsq) and to scikit-learn's logistic regression, the three ways of
batching, the worked first step, divergence, and every bad argument."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from symdiff import DescentError, EvaluationError, cross_entropy, gradient, gradient_descent, mse, parse
from symdiff.numeric.costs import Cost, mean_cost
from symdiff.numeric.descent import DIVERGENCE, Descent


def line_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, 3 * x + 1 + 0.3 * rng.normal(size=n)


def classes(n=400, seed=1):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(1.5 * x1 - 2 * x2 + 0.5)))).astype(float)
    return x1, x2, y


# --- the costs ------------------------------------------------------------------------------------


def test_mse_is_the_mean_squared_error_and_its_gradient():
    x, y = line_data()
    cost = mse("m x + b", {"x": x, "y": y})
    assert cost.params == ("m", "b") and cost.expr == parse("(m x + b - y)^2")
    assert cost.gradient == gradient("(m x + b - y)^2", ["m", "b"])
    r = 1.5 * x - 0.5 - y
    assert math.isclose(cost.value({"m": 1.5, "b": -0.5}), np.mean(r**2), rel_tol=1e-12)
    slope = cost.gradient_at([1.5, -0.5])
    assert math.isclose(slope["m"], 2 * np.mean(r * x), rel_tol=1e-12)
    assert math.isclose(slope["b"], 2 * np.mean(r), rel_tol=1e-12)
    assert str(cost) == "C(m, b) = (1/200) Σ (m*x + b - y)^2, the mean squared error over 200 samples"


def test_cross_entropy_of_a_sigmoid_is_its_stable_equal_form():
    x1, x2, y = classes()
    cost = cross_entropy("sigmoid(w1 x1 + w2 x2 + b)", {"x1": x1, "x2": x2, "y": y})
    assert cost.expr == parse("softplus(w1 x1 + w2 x2 + b) - y (w1 x1 + w2 x2 + b)")
    written = cross_entropy("1/(1 + exp(-(w1 x1 + w2 x2 + b)))", {"x1": x1, "x2": x2, "y": y})
    assert "ln" in str(written.expr)
    for point in ([0.3, -0.2, 0.1], [2.0, 1.0, -1.0]):
        p = 1 / (1 + np.exp(-(point[0] * x1 + point[1] * x2 + point[2])))
        by_hand = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        assert math.isclose(cost.value(point), by_hand, rel_tol=1e-10)
        assert math.isclose(written.value(point), by_hand, rel_tol=1e-10)
        assert np.allclose(list(cost.gradient_at(point).values()), list(written.gradient_at(point).values()),
                           rtol=1e-8)
        assert math.isclose(cost.gradient_at(point)["w1"], np.mean((p - y) * x1), rel_tol=1e-10)
    far = [400.0, 0.0, 0.0]  # some samples' ln(sigmoid(z)) is ln(0) in floating point; softplus(z) has a value
    assert math.isfinite(cost.value(far)) and cost.value(far) > 10
    with pytest.raises(EvaluationError, match="no finite value in floats"):
        written.value(far)


COSTS = [
    # (per-sample cost, parameters): sums, differences, negations, quotients and powers of data
    ("(m x + b - y)^2", ["m", "b"]),
    ("(w1 x + w2 x^2 + b - y)^2", ["w1", "w2", "b"]),
    ("abs(m x + b - y)", ["m", "b"]),
    ("-(y ln(sigmoid(w x + b)) + (1 - y) ln(1 - sigmoid(w x + b)))", ["w", "b"]),
    ("softplus(w x + b) - y (w x + b)", ["w", "b"]),
    ("(m x + b - y)^2/(2 c) + c^2 m^2", ["m", "b", "c"]),
    ("(y - a exp(-k x))^2/(1 + x^2)", ["a", "k"]),
    ("-(m - y)^3 + 4", ["m"]),
]


@pytest.mark.parametrize(("text", "params"), COSTS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_the_compiled_means_agree_with_the_plain_per_sample_functions(text, params, data):
    n = data.draw(st.integers(1, 30))
    column = hnp.arrays(float, n, elements=st.floats(-2, 2))
    x = data.draw(column)
    y = data.draw(hnp.arrays(float, n, elements=st.floats(0, 1)))
    point = data.draw(st.lists(st.floats(0.2, 2), min_size=len(params), max_size=len(params)))
    cost = mean_cost(text, {"x": x, "y": y}, params)
    assert isinstance(cost, Cost) and cost.gradient == gradient(text, params)
    plain = cost.per_sample(*point, *(cost.data[name] for name in cost.data))
    slopes = [f(*point, *(cost.data[name] for name in cost.data)) for f in cost.per_sample_gradient]
    assert math.isclose(cost.value(point), float(np.mean(plain)), rel_tol=1e-9, abs_tol=1e-12)
    for ours, theirs in zip(cost.gradient_at(point).values(), slopes, strict=True):
        assert math.isclose(ours, float(np.mean(theirs)), rel_tol=1e-9, abs_tol=1e-12)


def test_a_cost_copies_its_data_and_changes_nothing_given():
    x, y = line_data()
    kept = x.copy()
    data = {"x": x, "y": y}
    cost = mse("m x + b", data)
    x[0] = 1e9  # the caller's array changes afterwards; the cost's does not
    assert cost.data["x"][0] == kept[0] and not cost.data["x"].flags.writeable
    params = {"m": 0.0, "b": 0.0}
    gradient_descent(cost, params, steps=3)
    assert params == {"m": 0.0, "b": 0.0} and data == {"x": x, "y": y}


# --- convergence against closed forms and peers ----------------------------------------------------


def test_linear_regression_converges_to_least_squares():
    x, y = line_data()
    exact = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    result = gradient_descent(mse("m x + b", {"x": x, "y": y}), {"m": 0.0, "b": 0.0}, lr=0.1, steps=5000, tol=1e-10)
    assert result.converged and result.steps_taken < 5000
    assert np.allclose([result.params["m"], result.params["b"]], exact, atol=1e-9)


def test_two_features_converge_to_least_squares_from_an_expression_with_data():
    rng = np.random.default_rng(5)
    x1, x2 = rng.normal(size=300), rng.uniform(-1, 1, size=300)
    y = 2 * x1 - 3 * x2 + 0.5 + 0.1 * rng.normal(size=300)
    exact = np.linalg.lstsq(np.c_[x1, x2, np.ones_like(x1)], y, rcond=None)[0]
    result = gradient_descent("(w1 x1 + w2 x2 + b - y)^2", {"w1": 0, "w2": 0, "b": 0}, {"x1": x1, "x2": x2, "y": y},
                              lr=0.2, steps=20000, tol=1e-10)
    assert result.converged
    assert np.allclose(list(result.params.values()), exact, atol=1e-8)


def test_mini_batches_and_single_samples_land_near_least_squares():
    x, y = line_data(500)
    exact = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    cost = mse("m x + b", {"x": x, "y": y})
    for size, lr, steps in [(32, 0.05, 4000), (1, 0.005, 20000)]:
        result = gradient_descent(cost, {"m": 0.0, "b": 0.0}, lr=lr, steps=steps, batch_size=size)
        assert np.allclose(list(result.params.values()), exact, atol=0.05), (size, result.params)
        assert result.final_cost < 1.05 * cost.value(exact)


def _logistic_regression():
    sklearn = pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression

    # No penalty: penalty=None, which scikit-learn 1.8 spells C=inf
    major, minor = (int(part) for part in sklearn.__version__.split(".")[:2])
    unpenalised = {"C": np.inf} if (major, minor) >= (1, 8) else {"penalty": None}
    return LogisticRegression(**unpenalised, tol=1e-12, max_iter=10_000)


def test_logistic_regression_converges_to_scikit_learn():
    model = _logistic_regression()
    x1, x2, y = classes()
    model.fit(np.c_[x1, x2], y)
    cost = cross_entropy("sigmoid(w1 x1 + w2 x2 + b)", {"x1": x1, "x2": x2, "y": y})
    result = gradient_descent(cost, {"w1": 0, "w2": 0, "b": 0}, lr=1.0, steps=20000, tol=1e-10)
    assert result.converged
    ours = [result.params["w1"], result.params["w2"], result.params["b"]]
    assert np.allclose(ours, [*model.coef_[0], model.intercept_[0]], rtol=1e-5, atol=1e-6)


# --- the run ----------------------------------------------------------------------------------------


def test_the_history_path_and_first_iteration_hold_the_numbers():
    x, y = line_data()
    cost = mse("m x + b", {"x": x, "y": y})
    result = gradient_descent(cost, {"m": 0.5, "b": -1.0}, lr=0.1, steps=50)
    assert isinstance(result, Descent) and result.steps_taken == 50 and not result.converged
    assert result.history.shape == (50,) and result.path.shape == (51, 2)
    assert result.history[0] == pytest.approx(cost.value([0.5, -1.0]), rel=1e-12)
    assert all(result.history[k] == pytest.approx(cost.value(result.path[k]), rel=1e-12) for k in (1, 20, 49))
    assert (np.diff(result.history) < 0).all()  # a small enough rate: the cost falls every step
    slope = cost.gradient_at([0.5, -1.0])
    assert np.allclose(result.path[1], [0.5 - 0.1 * slope["m"], -1.0 - 0.1 * slope["b"]], rtol=1e-14)
    text = result.first_iteration()
    assert text.splitlines()[0] == "Step 1 from m = 0.5, b = -1, with lr = 0.1, over all 200 samples:"
    assert f"∂C/∂m = (1/n) Σ 2*x*(m*x + b - y) = {slope['m']:.6g}" in text
    new_m = 0.5 - 0.1 * slope["m"]
    assert slope["m"] < 0 and f"  m <- m - lr * ∂C/∂m = 0.5 - 0.1 * ({slope['m']:.6g}) = {new_m:.6g}" in text
    assert f"then {cost.value(result.path[1]):.6g}" in text
    assert "batch, lr = 0.1): 50 steps" in str(result) and "m = " in repr(result)


def test_batching_is_seeded_and_each_pass_visits_every_sample():
    x, y = line_data(10)
    cost = mse("m x + b", {"x": x, "y": y})
    a = gradient_descent(cost, {"m": 0, "b": 0}, lr=0.01, steps=25, batch_size=3, seed=7)
    b = gradient_descent(cost, {"m": 0, "b": 0}, lr=0.01, steps=25, batch_size=3, seed=7)
    c = gradient_descent(cost, {"m": 0, "b": 0}, lr=0.01, steps=25, batch_size=3, seed=8)
    assert np.array_equal(a.path, b.path) and not np.array_equal(a.path, c.path)
    assert a.method == "mini-batch of 3" and a.history.shape == (25,)
    # batches of 3, 3, 3 and 1 make one pass; the costs are of those samples, in the seed's order
    order = np.random.default_rng(7).permutation(10)
    first = order[:3]
    assert a.history[0] == pytest.approx(np.mean((0 * x[first] + 0 - y[first]) ** 2), rel=1e-12)
    last = order[9:]
    m, b0 = a.path[3]
    assert a.history[3] == pytest.approx(np.mean((m * x[last] + b0 - y[last]) ** 2), rel=1e-12)
    one = gradient_descent(cost, {"m": 0, "b": 0}, lr=0.01, steps=4, batch_size=1)
    assert one.method == "stochastic"
    assert gradient_descent(cost, {"m": 0, "b": 0}, steps=2, batch_size=10).method == "batch"


def test_numpy_whole_numbers_count_as_whole_numbers():
    # steps=np.int64(3) was refused as "not a whole number" (lr=np.float32(0.05) was taken)
    x, y = line_data(10)
    cost = mse("m x + b", {"x": x, "y": y})
    given = gradient_descent(cost, {"m": 0, "b": 0}, steps=np.int64(25), batch_size=np.int32(3), seed=np.uint8(7))
    plain = gradient_descent(cost, {"m": 0, "b": 0}, steps=25, batch_size=3, seed=7)
    assert np.array_equal(given.path, plain.path) and given.steps_taken == 25
    for bad in ({"steps": np.float64(3)}, {"steps": np.True_}, {"seed": np.True_}):
        with pytest.raises(DescentError, match="is a whole number"):
            gradient_descent(cost, {"m": 0, "b": 0}, **bad)


def test_tol_stops_at_once_when_the_start_is_the_minimum():
    x, y = line_data()
    exact = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)[0]
    result = gradient_descent(mse("m x + b", {"x": x, "y": y}), {"m": exact[0], "b": exact[1]}, tol=1e-6)
    assert result.converged and result.steps_taken == 0 and result.history.shape == (0,)
    assert result.first_iteration().startswith("No step was taken")


def test_divergence_stops_with_a_smaller_rate_suggested():
    x, y = line_data()
    cost = mse("m x + b", {"x": x, "y": y})
    with pytest.raises(DescentError, match=r"diverged at step \d+: the cost grew from .* \(lr = 2\); try a smaller "
                                           r"learning rate: lr = 0.2 does not diverge in these 1000 steps"):
        gradient_descent(cost, {"m": 0, "b": 0}, lr=2.0, steps=1000)
    # The rate suggested is one that was tried: lr / 10 diverges here too, lr / 100 does not
    steep = {"x": [1.0, 2.0, 3.0, 10.0], "y": [2.0, 4.0, 6.0, 20.0]}
    with pytest.raises(DescentError, match=r"\(lr = 5\); try a smaller learning rate: lr = 0.005 does not diverge"):
        gradient_descent("(w*x - y)^2", {"w": 0.0}, steep, lr=5, steps=100)
    with pytest.raises(DescentError, match=r"lr = 0.005 does not diverge in its first 1000 steps"):
        gradient_descent("(w*x - y)^2", {"w": 0.0}, steep, lr=0.5, steps=5000)
    with pytest.raises(DescentError, match=r"diverged at step .*no value there"):  # exp overflows first
        gradient_descent("(exp(k x) - y)^2", {"k": 0.0}, {"x": x * 50, "y": y}, lr=1.0, steps=100)
    assert DIVERGENCE >= 1e3


def test_no_value_at_the_start_is_said_so():
    with pytest.raises(DescentError, match="no value at the starting parameters"):
        gradient_descent("(ln(m x) - y)^2", {"m": -1.0}, {"x": [1.0, 2.0], "y": [0.0, 1.0]})
    assert issubclass(DescentError, Exception) and not issubclass(DescentError, EvaluationError)


# --- bad arguments ----------------------------------------------------------------------------------

X, Y = [1.0, 2.0, 3.0], [2.0, 4.1, 5.9]
BAD = [
    # (call, the message)
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, lr=0), "lr is a positive number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, lr=float("nan")), "lr is a positive number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, lr=True), "lr is a positive number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, steps=0), "steps is a whole number from 1"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, steps=2.5), "steps is a whole number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, batch_size=4),
     r"batch_size is a whole number from 1 to 3 \(the data has 3 samples\)"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, seed=-1), "seed is a whole number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, tol=-1), "tol is a positive number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0, "q": 1}), "q is not a parameter of the cost"),
    (lambda: gradient_descent(mse("m x + b", {"x": X, "y": Y}), {"m": 0}), "b missing"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": "0"}), "the value of m is the text"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": float("inf")}), "not a finite number"),
    (lambda: gradient_descent(mse("m x", {"x": X, "y": Y}), {"m": 0}, {"x": X}), "holds its data already"),
    (lambda: gradient_descent("(m x - y)^2", {"m": 0}), "needs data="),
    (lambda: gradient_descent("(m x - y)^2", None, {"x": X, "y": Y}), "params gives each parameter's starting"),
    (lambda: gradient_descent(3, {"m": 0}, {"x": X}), "the cost is a Cost"),
    (lambda: gradient_descent("(m x - y)^2", {"m": 0}, {"x": X}), "the cost uses y, which is neither"),
    (lambda: gradient_descent("(m x - y)^2", {"m": 0, "x": 1}, {"x": X, "y": Y}), "both a parameter and a data"),
    (lambda: gradient_descent("(m x - y)^2", {"m": 0, "k": 1}, {"x": X, "y": Y}), "k is not in the cost"),
    (lambda: mse("m x", {"x": X, "y": [1.0, 2.0]}), r"differ in length \(x: 3, y: 2\)"),
    (lambda: mse("m x", {"x": [[1.0, 2.0]], "y": [1.0]}), r"data\['x'\] is an array of shape \(1, 2\)"),
    (lambda: mse("m x", {"x": 2.0, "y": [1.0]}), r"data\['x'\] is one number"),
    (lambda: mse("m x", {"x": [], "y": []}), "is empty"),
    (lambda: mse("m x", {"x": [1.0, float("nan")], "y": [1.0, 2.0]}), r"data\['x'\]\[1\] is nan"),
    (lambda: mse("m x", {"x": ["a"], "y": [1.0]}), "the text 'a'"),
    (lambda: mse("m x", {"x": X}), "the data has no column y"),
    (lambda: mse("m x", {"x": X, "t": Y}, target="t ").params, None),
    (lambda: mse("m y", {"y": Y}), "the model m\\*y uses y, the target"),
    (lambda: mse("m x", [1, 2]), "data is a dict of columns"),
    (lambda: mse("m x", {"2x": X, "y": Y}), "a data column is named by a variable name"),
    (lambda: mse("x", {"x": X, "y": Y}), "has no parameters"),
    (lambda: mse("m x", {"x": X, "y": Y}, params=["m", "m"]), "m is named twice"),
    (lambda: mse("m x", {"x": X, "y": Y}, params="m"), "params is a list of parameter names"),
    (lambda: mse("m x", {"x": X, "y": Y}, target=3), "target is the name of the data column"),
    (lambda: cross_entropy("sigmoid(w x)", {"x": X, "y": Y}), r"labels from 0 to 1, but y\[0\] is 2"),
    (lambda: gradient_descent(mse("m x + b + c", {"x": X, "y": Y}), None, steps=2).plot_path(), "two parameters"),
]


@pytest.mark.parametrize(("call", "message"), BAD)
def test_bad_arguments_get_clear_errors(call, message):
    if message is None:
        assert call() == ("m",)
        return
    with pytest.raises(DescentError, match=message):
        call()


# --- the pictures -----------------------------------------------------------------------------------


def test_the_cost_curve_and_the_path_are_drawn(tmp_path):
    pytest.importorskip("matplotlib")
    x, y = line_data()
    result = gradient_descent(mse("m x + b", {"x": x, "y": y}), {"m": -2.0, "b": 4.0}, lr=0.05, steps=200)
    figure = result.plot(tmp_path / "cost.png")
    assert (tmp_path / "cost.png").read_bytes().startswith(b"\x89PNG")
    assert figure.axes[0].get_yscale() == "log"  # the cost falls by more than a hundredfold
    figure = result.plot_path(tmp_path / "path.png")
    assert (tmp_path / "path.png").read_bytes().startswith(b"\x89PNG")
    axes = figure.axes[0]
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("m", "b")
    xs, ys = axes.lines[0].get_data()
    assert np.allclose(xs, result.path[:, 0]) and np.allclose(ys, result.path[:, 1])
    low, high = axes.get_xlim()
    assert low < -2.0 and high > result.params["m"]


@pytest.mark.parametrize("params", [np.array(0.1), np.array([[0.1, 0.2]])])
def test_an_array_of_parameters_that_is_not_a_vector_is_refused(params):
    # A 0-d array raised TypeError (iteration over a 0-d array).
    with pytest.raises(DescentError, match="the parameters are a dict"):
        gradient_descent(mse("m x + b", {"x": [1.0, 2.0], "y": [1.0, 2.0]}), params, steps=5)


def test_a_cost_past_floats_is_refused_not_infinite():
    """The mean of (w*x)^2 at x = 1e200, w = 1 is 1e400: value() gave inf, a number the cost
    does not have. Both it and gradient_at refuse; a point where the cost fits is unchanged."""
    cost = mse("w*x", {"x": [1e200], "y": [0.0]})
    for method in (cost.value, cost.gradient_at):
        with pytest.raises(DescentError, match="too large for floating point"):
            method({"w": 1.0})
    assert cost.value({"w": 1e-200}) == 1.0
    assert cost.gradient_at({"w": 1e-200}) == {"w": 2e200}
