"""Metrics with seeded bootstrap 95% intervals, computed with sklearn.metrics and scipy.stats.

Three kinds of check:

- **binary contrast on an axis**: ROC AUC of the score (orientation: higher = the positive
  class), and accuracy and macro-F1 at the documented threshold. For a score in [-1, 1] the
  threshold is 0: a score above 0 calls the positive class, below 0 the negative class, and a
  score of exactly 0 (no evidence, or perfectly balanced evidence) makes no call. A no call
  counts as an error in accuracy and F1; ``coverage`` is the share of texts with a call.
- **frames** (multi-label): micro- and macro-F1 over frames, and F1 per frame.
- **sentiment**: Pearson and Spearman r against the gold rating, and 3-class macro-F1 with
  VADER's own thresholds (compound >= 0.05 positive, <= -0.05 negative, else neutral), applied
  to the gold rating and the prediction alike.

Point estimates come from sklearn.metrics and scipy.stats. Intervals are percentile bootstrap
intervals over resampled examples (``n_boot`` resamples, seeded). For classification the
resampling is stratified by class (every resample keeps both classes, so AUC is always
defined), which ``scipy.stats.bootstrap`` cannot do. sklearn's metrics validate their input on
every call (~10 ms each), far too slow for thousands of resamples of thousands of texts, so
the resamples are scored by vectorised twins of the same formulas (AUC from average ranks as
in the Mann-Whitney U, F1 = 2TP / (2TP + FP + FN) with sklearn's ``zero_division=0``, Pearson
on centred rows, Spearman = Pearson on ``scipy.stats.rankdata`` ranks); the test suite checks
that each twin equals its sklearn/scipy original. Every call with the same seed draws the same
resamples, so the methods in one table are compared on identical resamples.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

N_BOOT = 1000
THRESHOLD = 0.0
POSITIVE = 0.05
NEGATIVE = -0.05
NO_CALL = -1

BINARY_METRICS = ("auc", "accuracy", "macro_f1", "coverage")
SENTIMENT_METRICS = ("pearson", "spearman", "macro_f1")
FRAMES_METRICS = ("micro_f1", "macro_f1")


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its bootstrap 95% interval (``None`` where undefined)."""

    value: float | None
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}

    def __str__(self) -> str:
        if self.value is None:
            return "–"
        if self.low is None or self.high is None:
            return f"{self.value:.3f}"
        return f"{self.value:.3f} [{self.low:.3f}, {self.high:.3f}]"


def _clean(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 4)


Draws = Callable[..., np.ndarray]


def bootstrap(
    point: Sequence[float],
    draws: Draws,
    arrays: Sequence[np.ndarray],
    *,
    n_boot: int = N_BOOT,
    seed: int = 0,
    strata: np.ndarray | None = None,
) -> list[Estimate]:
    """``point`` estimates with percentile 95% intervals from ``n_boot`` resamples.

    ``draws(*resampled)`` receives each array indexed by a (resamples, n) index matrix and
    returns a (resamples, k) matrix: the k statistics of each resample (nan where undefined,
    left out of the interval). Rows are drawn within each stratum when ``strata`` is given.
    """
    n = len(arrays[0])
    if n == 0:
        return [Estimate(None) for _ in point]
    rng = np.random.default_rng(seed)
    groups = (
        [np.flatnonzero(strata == s) for s in np.unique(strata)]
        if strata is not None
        else [np.arange(n)]
    )
    chunk = max(1, min(n_boot, 2_000_000 // n))
    parts = []
    for start in range(0, n_boot, chunk):
        c = min(chunk, n_boot - start)
        idx = np.concatenate([g[rng.integers(0, len(g), (c, len(g)))] for g in groups], axis=1)
        parts.append(np.asarray(draws(*(a[idx] for a in arrays)), dtype=float).reshape(c, -1))
    table = np.vstack(parts)
    out = []
    for k, value in enumerate(point):
        column = table[:, k]
        column = column[np.isfinite(column)]
        if value is None or not math.isfinite(value) or len(column) < n_boot / 2:
            out.append(Estimate(_clean(value)))
            continue
        low, high = np.percentile(column, [2.5, 97.5])
        out.append(Estimate(_clean(value), _clean(low), _clean(high)))
    return out


# --- vectorised twins of the sklearn/scipy metrics (rows = resamples) -----------------------


def auc_rows(y: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """ROC AUC per row: the Mann-Whitney U of the positives' average ranks, over n1 * n0."""
    from scipy.stats import rankdata

    ranks = rankdata(scores, axis=-1)
    n1 = y.sum(axis=-1)
    n0 = y.shape[-1] - n1
    u = (ranks * y).sum(axis=-1) - n1 * (n1 + 1) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((n1 > 0) & (n0 > 0), u / (n1 * n0), np.nan)


def f1_rows(truth: np.ndarray, pred: np.ndarray, label: int = 1, axis: int = -1) -> np.ndarray:
    """F1 of one label per row: 2TP / (2TP + FP + FN), 0 when that is 0/0."""
    t, p = truth == label, pred == label
    tp = (t & p).sum(axis=axis)
    wrong = (t ^ p).sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(2 * tp + wrong > 0, 2 * tp / (2 * tp + wrong), 0.0)


def pearson_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pearson r per row (nan where a row is constant)."""
    a = a - a.mean(axis=-1, keepdims=True)
    b = b - b.mean(axis=-1, keepdims=True)
    den = np.sqrt((a * a).sum(axis=-1) * (b * b).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (a * b).sum(axis=-1) / den, np.nan)


def spearman_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Spearman r per row: Pearson r of average ranks."""
    from scipy.stats import rankdata

    return pearson_rows(rankdata(a, axis=-1), rankdata(b, axis=-1))


# --- binary contrast ---------------------------------------------------------------------


def calls(scores: np.ndarray, threshold: float = THRESHOLD) -> np.ndarray:
    """1 above the threshold, 0 below it, ``NO_CALL`` (-1) exactly at it."""
    return np.where(scores > threshold, 1, np.where(scores < threshold, 0, NO_CALL))


def binary_stats(y: np.ndarray, scores: np.ndarray, threshold: float = THRESHOLD) -> list[float]:
    """AUC, accuracy, macro-F1 (a no call is an error) and coverage, with sklearn."""
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred = calls(scores, threshold)
    auc = roc_auc_score(y, scores) if len(np.unique(y)) == 2 else math.nan
    return [
        float(auc),
        float(accuracy_score(y, pred)),
        float(f1_score(y, pred, labels=[0, 1], average="macro", zero_division=0)),
        float(np.mean(pred != NO_CALL)) if len(pred) else math.nan,
    ]


def binary_rows(y: np.ndarray, scores: np.ndarray, threshold: float = THRESHOLD) -> np.ndarray:
    """``binary_stats`` for every row of resampled ``y`` and ``scores``."""
    pred = calls(scores, threshold)
    macro = (f1_rows(y, pred, 0) + f1_rows(y, pred, 1)) / 2
    return np.stack(
        [auc_rows(y, scores), (pred == y).mean(axis=-1), macro, (pred != NO_CALL).mean(axis=-1)],
        axis=-1,
    )


def binary_metrics(
    y: Sequence[int] | np.ndarray,
    scores: Sequence[float] | np.ndarray,
    *,
    threshold: float = THRESHOLD,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> dict[str, Estimate]:
    """AUC, accuracy, macro-F1 and coverage with intervals (classes: 1 positive, 0 negative)."""
    y_arr, s_arr = np.asarray(y, dtype=int), np.asarray(scores, dtype=float)
    values = bootstrap(
        binary_stats(y_arr, s_arr, threshold),
        lambda a, b: binary_rows(a, b, threshold),
        [y_arr, s_arr],
        n_boot=n_boot,
        seed=seed,
        strata=y_arr,
    )
    return dict(zip(BINARY_METRICS, values, strict=True))


def majority_predictions(y_train: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    """What ``DummyClassifier(strategy="most_frequent")`` fitted on ``y_train`` predicts."""
    from sklearn.dummy import DummyClassifier

    y_train = np.asarray(y_train)
    dummy = DummyClassifier(strategy="most_frequent").fit(np.zeros((len(y_train), 1)), y_train)
    return dummy.predict(np.zeros((n, 1)))


def majority_binary_metrics(
    y: Sequence[int] | np.ndarray,
    *,
    y_train: Sequence[int] | np.ndarray | None = None,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> dict[str, Estimate]:
    """The majority-class baseline: a constant score (AUC 0.5) that always calls the class
    most frequent in ``y_train`` (default: in ``y`` itself)."""
    y_arr = np.asarray(y, dtype=int)
    pred = majority_predictions(y_arr if y_train is None else y_train, len(y_arr))
    # A constant score on the predicted side of the threshold reproduces the dummy's calls.
    scores = np.where(pred == 1, 1.0, -1.0)
    return binary_metrics(y_arr, scores, threshold=0.0, n_boot=n_boot, seed=seed)


def mean_estimate(
    values: Sequence[float] | np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0
) -> Estimate:
    """A mean with its bootstrap interval (per-outlet score rows)."""
    arr = np.asarray(values, dtype=float)
    return bootstrap(
        [float(np.mean(arr))] if len(arr) else [math.nan],
        lambda a: a.mean(axis=-1)[:, None],
        [arr],
        n_boot=n_boot,
        seed=seed,
    )[0]


# --- frames --------------------------------------------------------------------------------


def frames_stats(truth: np.ndarray, pred: np.ndarray) -> list[float]:
    """Micro- and macro-F1, then F1 per frame (columns), with sklearn."""
    from sklearn.metrics import f1_score

    return [
        float(f1_score(truth, pred, average="micro", zero_division=0)),
        float(f1_score(truth, pred, average="macro", zero_division=0)),
        *(float(v) for v in f1_score(truth, pred, average=None, zero_division=0)),
    ]


def frames_rows(truth: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """``frames_stats`` for resampled (resamples, articles, frames) arrays."""
    t, p = truth == 1, pred == 1
    tp, wrong = (t & p).sum(axis=1), (t ^ p).sum(axis=1)  # (resamples, frames)
    with np.errstate(invalid="ignore", divide="ignore"):
        per = np.where(2 * tp + wrong > 0, 2 * tp / (2 * tp + wrong), 0.0)
        tp_all, wrong_all = tp.sum(axis=1), wrong.sum(axis=1)
        micro = np.where(2 * tp_all + wrong_all > 0, 2 * tp_all / (2 * tp_all + wrong_all), 0.0)
    return np.column_stack([micro, per.mean(axis=1), per])


def frames_metrics(
    truth: np.ndarray, pred: np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0
) -> tuple[dict[str, Estimate], list[Estimate]]:
    """(micro/macro-F1, per-frame F1 in column order), each with intervals."""
    truth, pred = np.asarray(truth, dtype=int), np.asarray(pred, dtype=int)
    values = bootstrap(
        frames_stats(truth, pred), frames_rows, [truth, pred], n_boot=n_boot, seed=seed
    )
    return dict(zip(FRAMES_METRICS, values[:2], strict=True)), values[2:]


def majority_frames(truth: np.ndarray) -> np.ndarray:
    """Per frame, the most frequent value (``DummyClassifier`` is multi-output aware)."""
    from sklearn.dummy import DummyClassifier

    truth = np.asarray(truth, dtype=int)
    x = np.zeros((len(truth), 1))
    return DummyClassifier(strategy="most_frequent").fit(x, truth).predict(x).reshape(truth.shape)


# --- sentiment -----------------------------------------------------------------------------


def three_class(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """-1 / 0 / +1 with VADER's thresholds (>= 0.05 positive, <= -0.05 negative)."""
    arr = np.asarray(values, dtype=float)
    return np.where(arr >= POSITIVE, 1, np.where(arr <= NEGATIVE, -1, 0))


def sentiment_stats(gold: np.ndarray, pred: np.ndarray) -> list[float]:
    """Pearson r, Spearman r (scipy; nan where a side is constant), 3-class macro-F1 (sklearn)."""
    from scipy.stats import pearsonr, spearmanr
    from sklearn.metrics import f1_score

    constant = len(gold) < 2 or np.ptp(gold) == 0 or np.ptp(pred) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pearson = math.nan if constant else float(pearsonr(gold, pred).statistic)
        spearman = math.nan if constant else float(spearmanr(gold, pred).statistic)
    f1 = f1_score(
        three_class(gold), three_class(pred), labels=[-1, 0, 1], average="macro", zero_division=0
    )
    return [pearson, spearman, float(f1)]


def sentiment_rows(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """``sentiment_stats`` for every row of resampled ``gold`` and ``pred``."""
    g, p = three_class(gold), three_class(pred)
    macro = sum(f1_rows(g, p, c) for c in (-1, 0, 1)) / 3
    return np.stack([pearson_rows(gold, pred), spearman_rows(gold, pred), macro], axis=-1)


def sentiment_metrics(
    gold: Sequence[float] | np.ndarray,
    pred: Sequence[float] | np.ndarray,
    *,
    n_boot: int = N_BOOT,
    seed: int = 0,
) -> dict[str, Estimate]:
    """Pearson, Spearman and 3-class macro-F1 of predicted against gold sentiment."""
    g, p = np.asarray(gold, dtype=float), np.asarray(pred, dtype=float)
    values = bootstrap(sentiment_stats(g, p), sentiment_rows, [g, p], n_boot=n_boot, seed=seed)
    return dict(zip(SENTIMENT_METRICS, values, strict=True))


def majority_sentiment(gold: Sequence[float] | np.ndarray) -> np.ndarray:
    """The majority 3-class label of ``gold`` as a constant prediction (-1, 0 or 1)."""
    classes = three_class(gold)
    return majority_predictions(classes, len(classes)).astype(float)
