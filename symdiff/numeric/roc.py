"""ROC curves and the area under them, for binary classifiers.

A classifier gives each example a score; a threshold turns scores into predictions. The ROC
curve traces the true-positive rate against the false-positive rate as the threshold falls
from above every score to below every score, and its area (AUC), by the trapezoid rule, is the
probability that a random positive scores above a random negative (ties counting one half).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from ..core.errors import SymdiffError, quote
from .reals import plain_data, real_array

if TYPE_CHECKING:
    import numpy as np

    from .area import Integral

__all__ = ["Confusion", "RocCurve", "RocError", "confusion_matrix", "roc_area", "roc_auc", "roc_curve"]


class RocError(SymdiffError):
    """Labels or scores that do not make a binary classification."""


class Confusion(NamedTuple):
    """Counts of a binary classifier's predictions: ``tn, fp, fn, tp = confusion_matrix(...)``."""

    tn: int
    fp: int
    fn: int
    tp: int

    # A rate divides by a count that the data may leave at zero (no negatives, say); nan would
    # pass silently through later arithmetic, so an undefined rate raises and says why.
    @property
    def tpr(self) -> float:
        """True-positive rate (recall, sensitivity): the share of positives predicted positive."""
        return _rate(self.tp, self.tp + self.fn, "true-positive rate", "y_true has no positives")

    @property
    def fpr(self) -> float:
        """False-positive rate (1 - specificity): the share of negatives predicted positive."""
        return _rate(self.fp, self.fp + self.tn, "false-positive rate", "y_true has no negatives")

    @property
    def precision(self) -> float:
        """The share of positive predictions that are right."""
        return _rate(self.tp, self.tp + self.fp, "precision", "y_pred predicts no positives")

    @property
    def accuracy(self) -> float:
        """The share of all predictions that are right."""
        return _rate(self.tp + self.tn, sum(self), "accuracy", "there are no examples")

    def __str__(self) -> str:
        width = max(len(str(v)) for v in self)
        return "\n".join([
            f"{'':>12}  {'predicted 0':>{max(width, 11)}}  {'predicted 1':>{max(width, 11)}}",
            f"{'actual 0':>12}  {self.tn:>{max(width, 11)}}  {self.fp:>{max(width, 11)}}",
            f"{'actual 1':>12}  {self.fn:>{max(width, 11)}}  {self.tp:>{max(width, 11)}}",
        ])  # fmt: skip


def _rate(part: int, whole: int, what: str, why: str) -> float:
    if not whole:
        raise RocError(f"the {what} is undefined: {why}")
    return part / whole


class RocCurve(NamedTuple):
    """The ROC curve's points, one per distinct score plus the start (0, 0) at threshold +inf.

    Point i is the (fpr, tpr) of predicting positive when score ≥ thresholds[i]; thresholds
    fall, so the points run from (0, 0) to (1, 1). Equal scores share one point, so tied
    examples give a diagonal segment (the standard handling of ties).
    """

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray


def confusion_matrix(y_true: Any, y_pred: Any) -> Confusion:
    """The counts (tn, fp, fn, tp) of predictions ``y_pred`` against labels ``y_true`` (0/1 or bool)."""
    import numpy as np

    truth = _labels(y_true, "y_true")
    predicted = _labels(y_pred, "y_pred")
    _same_length(truth, predicted, "y_pred")
    tp = int(np.count_nonzero(truth & predicted))
    fp = int(np.count_nonzero(predicted)) - tp
    fn = int(np.count_nonzero(truth)) - tp
    return Confusion(truth.size - tp - fp - fn, fp, fn, tp)


def roc_curve(y_true: Any, scores: Any) -> RocCurve:
    """The ROC curve of ``scores`` (higher means more likely positive) against labels ``y_true``."""
    import numpy as np

    truth = _labels(y_true, "y_true")
    values = _scores(scores, truth)
    positives = int(np.count_nonzero(truth))
    negatives = truth.size - positives
    if not positives or not negatives:
        present = "positives (1)" if positives else "negatives (0)"
        raise RocError(f"a ROC curve needs both classes, but y_true has only {present}")
    ranks = _exact_ranks(scores, values)
    order = np.argsort(ranks)[::-1]  # descending; ties are grouped below, so stability does not matter
    ordered = ranks[order]
    # The last index of each run of equal scores: each run is one threshold, one point.
    ends = np.flatnonzero(ordered[1:] != ordered[:-1])
    ends = np.append(ends, ordered.size - 1)
    true_positives = np.cumsum(truth[order], dtype=np.int64)[ends]
    false_positives = ends + 1 - true_positives
    tpr = np.concatenate(([0.0], true_positives / positives))
    fpr = np.concatenate(([0.0], false_positives / negatives))
    thresholds = np.concatenate(([np.inf], values[order][ends]))
    return RocCurve(fpr, tpr, thresholds)


def roc_auc(y_true: Any, scores: Any) -> float:
    """The area under the ROC curve by the trapezoid rule: 1 is a perfect ranking, 0.5 chance."""
    from .area import integrate_samples

    curve = roc_curve(y_true, scores)
    return integrate_samples(curve.tpr, curve.fpr, method="trapezoid").value


def roc_area(y_true: Any, scores: Any) -> Integral:
    """The AUC as the integral it is, AUC = ∫ TPR d(FPR), with its working: the trapezoid rule
    over the curve's points, whose ``working()`` and ``to_latex()`` show the table of samples
    (FPR as x, TPR as f) for curves of up to 50 segments. Its value is ``roc_auc``'s. The ROC
    curve is the straight segments between its points, so the trapezoid rule is its exact
    area: there is no error estimate (Richardson's, from every other point, would be spurious)."""
    from dataclasses import replace

    from .area import integrate_samples

    curve = roc_curve(y_true, scores)
    area = integrate_samples(curve.tpr, curve.fpr, method="trapezoid")
    return replace(area, error=None, extrapolated=None, label="AUC = ∫ TPR d(FPR), x = FPR, f = TPR")


def _labels(data: Any, name: str) -> np.ndarray:
    """Labels as a boolean array: they must be 0 and 1, or False and True."""
    import numpy as np

    try:
        array = np.asarray(plain_data(data))
    except (TypeError, ValueError):  # a ragged nested list
        raise RocError(f"{name} is a ragged nested list (its rows have different lengths), not a list of the labels "
                       "0 and 1") from None
    if array.ndim != 1:
        raise RocError(f"{name} must be one-dimensional, not of shape {array.shape}")
    if array.size == 0:
        raise RocError(f"{name} is empty")
    if array.dtype == bool:
        return array
    if array.dtype.kind not in "iuf":
        raise RocError(f"{name} must hold the labels 0 and 1 (or False and True), not {array.dtype} values")
    valid = (array == 0) | (array == 1)
    if not valid.all():
        i = int(np.flatnonzero(~valid)[0])
        label = quote(array[i].item())
        raise RocError(f"{name} must hold the labels 0 and 1 (or False and True); {name}[{i}] is {label}")
    return array.astype(bool)


def _scores(data: Any, truth: np.ndarray) -> np.ndarray:
    """Scores as floats: real numbers (booleans too: a hard classifier's predictions rank)."""
    import numpy as np

    array = real_array(data, "scores", RocError, booleans=True)
    if array.ndim != 1:
        raise RocError(f"scores must be one-dimensional, not of shape {array.shape}")
    _same_length(truth, array, "scores")
    with np.errstate(over="ignore", invalid="ignore"):
        total = array.sum()
    if not np.isfinite(total):  # finite exactly when every score is (or the sum overflows: checked next)
        bad = np.flatnonzero(~np.isfinite(array))
        if bad.size:
            i = int(bad[0])
            raise RocError(f"scores[{i}] is {array[i]}: every score must be a finite number")
    return array


def _exact_ranks(data: Any, values: np.ndarray) -> np.ndarray:
    """What the curve orders by: the float scores, or where floats could make distinct scores
    equal (integers past 2^53, Fractions, Decimals) each score's rank among the exact values:
    2^62 + 1 and 2^62 are one float, but rank apart."""
    import numpy as np

    raw = np.asarray(plain_data(data))
    kind = raw.dtype.kind
    if kind != "O" and (kind not in "iu" or not raw.size or max(abs(int(raw.max())), abs(int(raw.min()))) <= 2**53):
        return values  # floats, or integers a float holds exactly
    exact = [Fraction(value.item() if isinstance(value, np.generic) else value) for value in raw.flat]
    rank = {value: i for i, value in enumerate(sorted(set(exact)))}
    return np.array([rank[value] for value in exact], dtype=float)


def _same_length(truth: np.ndarray, other: np.ndarray, name: str) -> None:
    if other.shape != truth.shape:
        raise RocError(f"y_true and {name} must have the same length: {truth.size} labels, {other.size} {name}")
