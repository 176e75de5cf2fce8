"""ROC curves and AUC: the standard example, ties, and the Mann-Whitney probability as an oracle."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from symdiff import Confusion, RocError, confusion_matrix, roc_auc, roc_curve


def mann_whitney(labels: list[int], scores: list[float]) -> float:
    """P(a random positive scores above a random negative), ties counting one half: every pair."""
    positives = [s for label, s in zip(labels, scores, strict=True) if label]
    negatives = [s for label, s in zip(labels, scores, strict=True) if not label]
    wins = sum((p > q) + 0.5 * (p == q) for p in positives for q in negatives)
    return wins / (len(positives) * len(negatives))


def test_the_standard_example() -> None:
    curve = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    assert curve.fpr.tolist() == [0.0, 0.0, 0.5, 0.5, 1.0]
    assert curve.tpr.tolist() == [0.0, 0.5, 0.5, 1.0, 1.0]
    assert curve.thresholds.tolist() == [np.inf, 0.8, 0.4, 0.35, 0.1]
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75


def test_tied_scores_share_one_point() -> None:
    curve = roc_curve([1, 0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5, 0.9])
    assert curve.thresholds.tolist() == [np.inf, 0.9, 0.5]
    assert curve.tpr.tolist() == pytest.approx([0.0, 1 / 3, 1.0])
    assert curve.fpr.tolist() == [0.0, 0.0, 1.0]
    assert roc_auc([1, 0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5, 0.9]) == pytest.approx(2 / 3)  # diagonal through the tie
    assert roc_auc([0, 1, 0, 1], [3, 3, 3, 3]) == 0.5


@pytest.mark.parametrize(
    ("labels", "scores", "area"),
    [
        ([0, 0, 1, 1], [1, 2, 3, 4], 1.0),
        ([1, 1, 0, 0], [1, 2, 3, 4], 0.0),
        ([True, False, True], [0.9, 0.1, 0.8], 1.0),
        (np.array([1.0, 0.0, 1.0, 0.0]), [0.2, 0.4, 0.6, 0.8], 0.25),
    ],
)
def test_table(labels, scores, area: float) -> None:
    assert roc_auc(labels, scores) == pytest.approx(area)


@given(
    st.lists(st.tuples(st.booleans(), st.integers(-5, 5)), min_size=2, max_size=60).filter(
        lambda pairs: len({label for label, _ in pairs}) == 2
    )
)
def test_auc_is_the_mann_whitney_probability(pairs: list[tuple[bool, int]]) -> None:
    labels = [int(label) for label, _ in pairs]
    scores = [score / 2 for _, score in pairs]  # small integers: many ties
    assert roc_auc(labels, scores) == pytest.approx(mann_whitney(labels, scores), abs=1e-12)


@given(st.lists(st.tuples(st.booleans(), st.floats(-1e6, 1e6)), min_size=2, max_size=40))
def test_the_curve_runs_monotonically_from_origin_to_corner(pairs: list[tuple[bool, float]]) -> None:
    labels = [label for label, _ in pairs]
    if len(set(labels)) < 2:
        return
    curve = roc_curve(labels, [score for _, score in pairs])
    assert (curve.fpr[0], curve.tpr[0], curve.fpr[-1], curve.tpr[-1]) == (0.0, 0.0, 1.0, 1.0)
    assert (np.diff(curve.fpr) >= 0).all() and (np.diff(curve.tpr) >= 0).all()
    assert (np.diff(curve.thresholds) < 0).all()


def test_large_input_agrees_with_the_rank_formula() -> None:
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 2, 200_000)
    scores = np.round(rng.normal(size=200_000) + labels, 2)  # rounded: ties everywhere
    # Mann-Whitney U from average ranks, computed independently of the curve.
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(scores.size)
    ranks[order] = np.arange(1, scores.size + 1)
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    ranks = (sums / counts)[inverse]
    positives = labels.sum()
    negatives = labels.size - positives
    u = ranks[labels == 1].sum() - positives * (positives + 1) / 2
    assert roc_auc(labels, scores) == pytest.approx(u / (positives * negatives), rel=1e-12)


def test_inputs_are_never_changed() -> None:
    labels = np.array([0, 1, 1, 0])
    scores = np.array([0.3, 0.9, 0.1, 0.5])
    roc_auc(labels, scores)
    assert labels.tolist() == [0, 1, 1, 0] and scores.tolist() == [0.3, 0.9, 0.1, 0.5]


@pytest.mark.parametrize(
    ("y_true", "y_pred", "rate", "message"),
    [
        ([1, 1], [1, 1], "fpr", "the false-positive rate is undefined: y_true has no negatives"),
        ([0, 0], [1, 0], "tpr", "the true-positive rate is undefined: y_true has no positives"),
        ([0, 1], [0, 0], "precision", "the precision is undefined: y_pred predicts no positives"),
    ],
)
def test_an_undefined_rate_raises_instead_of_giving_nan(y_true, y_pred, rate: str, message: str) -> None:
    counts = confusion_matrix(y_true, y_pred)
    with pytest.raises(RocError, match=message):
        getattr(counts, rate)
    assert counts.accuracy == pytest.approx((counts.tp + counts.tn) / len(y_true))  # always defined here
    with pytest.raises(RocError, match="the accuracy is undefined: there are no examples"):
        Confusion(0, 0, 0, 0).accuracy  # noqa: B018


def test_boolean_scores_are_a_hard_classifier_ranking() -> None:
    assert roc_auc([0, 1, 1, 0], [False, True, False, False]) == roc_auc([0, 1, 1, 0], [0.0, 1.0, 0.0, 0.0])


def test_confusion_matrix() -> None:
    counts = confusion_matrix([0, 0, 1, 1, 1, 0], [0, 1, 1, 1, 0, 0])
    assert counts == Confusion(tn=2, fp=1, fn=1, tp=2)
    tn, fp, fn, tp = counts
    assert (tn, fp, fn, tp) == (2, 1, 1, 2)
    assert counts.tpr == pytest.approx(2 / 3) and counts.fpr == pytest.approx(1 / 3)
    assert counts.precision == pytest.approx(2 / 3) and counts.accuracy == pytest.approx(4 / 6)
    assert "actual 1" in str(counts) and "predicted 0" in str(counts)
    scores = np.array([0.2, 0.7, 0.9, 0.4])
    assert confusion_matrix([0, 1, 1, 0], scores >= 0.5) == Confusion(2, 0, 0, 2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: roc_auc([1, 1, 1], [0.1, 0.2, 0.3]), "only positives"),
        (lambda: roc_curve([0, 0], [0.1, 0.2]), "only negatives"),
        (lambda: roc_auc([0, 1], [0.1, np.nan]), r"scores\[1\] is nan"),
        (lambda: roc_auc([0, 1], [np.inf, 0.2]), r"scores\[0\] is inf"),
        (lambda: roc_auc([0, 1, 1], [0.1, 0.2]), "same length: 3 labels, 2 scores"),
        (lambda: roc_auc([0, 1, 2], [0.1, 0.2, 0.3]), r"labels 0 and 1.*y_true\[2\] is 2"),
        (lambda: roc_auc([0, 1, np.nan], [0.1, 0.2, 0.3]), r"y_true\[2\] is nan"),
        (lambda: roc_auc(["no", "yes"], [0.1, 0.2]), "labels 0 and 1"),
        (lambda: roc_auc([], []), "empty"),
        (lambda: roc_auc([[0, 1]], [[0.1, 0.2]]), "one-dimensional"),
        (lambda: roc_auc([0, 1], ["a", "b"]), r"scores\[0\] is the text 'a', not a number"),
        (lambda: roc_auc([0, 1], ["0.1", "0.2"]), r"scores\[0\] is the text '0.1'"),  # not read as numbers
        (lambda: roc_auc([1, [2, 3]], [0.1, 0.2]), "y_true is a ragged nested list"),
        (lambda: roc_auc([0, 1], [0.1, [0.2, 0.3]]), "scores is a ragged nested list"),
        (lambda: roc_auc([0, 1], [10**400, 1]), r"scores\[0\] is about 10\^400, too large for floating point"),
        (lambda: roc_auc([0, 1], [0.5, 1j]), r"scores\[1\] is the complex number 1j"),
        (lambda: roc_auc([0, 1], [0.5, None]), r"scores\[1\] is None"),
        (lambda: confusion_matrix([0, 1], [1, 0, 1]), "same length"),
        (lambda: confusion_matrix([0, 1], [0.5, 1]), r"y_pred\[0\] is 0.5"),
    ],
)
def test_bad_input_gets_a_clear_error(call, message: str) -> None:
    with pytest.raises(RocError, match=message):
        call()


@pytest.mark.filterwarnings("error")
@given(st.lists(st.one_of(st.integers(-1, 2), st.booleans(), st.floats()), max_size=10),
       st.lists(st.floats(), max_size=10))
def test_any_input_gives_an_answer_or_a_clear_error(labels, scores) -> None:
    for call in (roc_auc, roc_curve, confusion_matrix):
        try:
            call(labels, scores)
        except RocError:
            pass


# --- the AUC as an integral, with its working ---------------------------------------------------


def test_roc_area_is_the_trapezoid_integral_of_tpr_over_fpr() -> None:
    from symdiff import roc_area

    area = roc_area([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    assert area.value == roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert area.method == "trapezoid" and area.n == 4
    text = area.working()
    assert "trapezoid rule with n = 4 (Δx varies)" in text and "= 0.75" in text
    assert [row[1:3] for row in area.rows] == [(0.0, 0.0), (0.0, 0.5), (0.5, 0.5), (0.5, 1.0), (1.0, 1.0)]
    assert r"\begin{array}" in area.to_latex()


@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 6)), min_size=2, max_size=40))
def test_roc_area_agrees_with_roc_auc_and_scikit_learn(pairs) -> None:
    from symdiff import roc_area

    labels = [label for label, _ in pairs]
    scores = [score / 6 for _, score in pairs]
    if len(set(labels)) < 2:
        return
    value = roc_area(labels, scores).value
    assert value == roc_auc(labels, scores)
    assert value == pytest.approx(mann_whitney(labels, scores), abs=1e-12)
    try:
        from sklearn.metrics import roc_auc_score
    except ImportError:
        return
    assert value == pytest.approx(roc_auc_score(labels, scores), abs=1e-12)


@pytest.mark.parametrize(("labels", "scores", "auc"), [
    ([0, 1], [2**62 + 1, 2**62], 0.0),
    ([0, 1], [10**20, 10**20 + 1], 1.0),
    ([0, 1, 1], np.array([2**62 + 1, 2**62 + 3, 2**62 + 2], dtype=np.int64), 1.0),
    ([0, 1], [Fraction(1, 3), Fraction(1, 3) + Fraction(1, 10**30)], 1.0),
    ([1, 0], [Decimal("0.1"), 2**70], 0.0),
])
def test_scores_that_floats_would_make_equal_rank_apart(labels, scores, auc):
    """Scores were compared as floats, so 2^62 + 1 and 2^62 tied and the AUC was 0.5."""
    assert roc_auc(labels, scores) == auc
    curve = roc_curve(labels, scores)
    assert len(curve.thresholds) == len(labels) + 1  # one point per distinct score
