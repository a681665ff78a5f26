"""Benchmark metrics against hand-computed values, and the fast twins against sklearn/scipy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import f1_score, roc_auc_score

from framing.benchmark import metrics as m


def test_binary_metrics_hand_computed() -> None:
    # AUC: 3 of the 4 (positive, negative) pairs are ordered right. Calls at 0: [0, none, 1, 0]
    # -> 2 of 4 right; F1(1) = 2/3, F1(0) = 2/4 (the no call is a miss for class 0).
    result = m.binary_metrics([0, 0, 1, 1], [-0.5, 0.0, 0.2, -0.1], n_boot=200)
    assert result["auc"].value == pytest.approx(0.75)
    assert result["accuracy"].value == pytest.approx(0.5)
    assert result["macro_f1"].value == pytest.approx((2 / 3 + 0.5) / 2, abs=1e-4)
    assert result["coverage"].value == pytest.approx(0.75)


def test_majority_baseline() -> None:
    result = m.majority_binary_metrics([1, 1, 0], n_boot=200)
    assert result["auc"].value == pytest.approx(0.5)
    assert result["accuracy"].value == pytest.approx(2 / 3, abs=1e-4)
    assert result["macro_f1"].value == pytest.approx((0.8 + 0.0) / 2)


def test_majority_leave_one_out_uses_training_labels() -> None:
    result = m.majority_binary_metrics([1, 1], y_train=[0, 0, 1], n_boot=200)
    assert result["accuracy"].value == 0.0


def test_sentiment_metrics_hand_computed() -> None:
    result = m.sentiment_metrics([1, 2, 3, 4], [1, 3, 2, 4], n_boot=200)
    assert result["pearson"].value == pytest.approx(0.8)
    assert result["spearman"].value == pytest.approx(0.8)
    # Everything is positive (>= 0.05): F1 1 for positive, 0 for the two absent classes.
    assert result["macro_f1"].value == pytest.approx(1 / 3, abs=1e-4)


def test_three_class_uses_vader_thresholds() -> None:
    assert m.three_class([0.05, 0.049, -0.05, -0.049, 0.0]).tolist() == [1, 0, -1, 0, 0]


def test_frames_metrics_hand_computed() -> None:
    truth = np.array([[1, 0], [1, 1], [0, 1]])
    pred = np.array([[1, 0], [0, 0], [1, 1]])
    overall, per_frame = m.frames_metrics(truth, pred, n_boot=200)
    assert per_frame[0].value == pytest.approx(0.5)
    assert per_frame[1].value == pytest.approx(2 / 3, abs=1e-4)
    assert overall["macro_f1"].value == pytest.approx((0.5 + 2 / 3) / 2, abs=1e-4)
    assert overall["micro_f1"].value == pytest.approx(4 / 7, abs=1e-4)


def test_majority_frames_is_per_frame_most_frequent() -> None:
    truth = np.array([[1, 0], [1, 0], [0, 1]])
    assert m.majority_frames(truth).tolist() == [[1, 0]] * 3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fast_twins_equal_sklearn_and_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, (5, 40))
    scores = np.round(rng.normal(size=(5, 40)), 1)  # rounding makes ties
    pred = m.calls(scores)
    gold, other = rng.normal(size=(5, 40)), rng.normal(size=(5, 40))
    for row in range(5):
        assert m.auc_rows(y, scores)[row] == pytest.approx(roc_auc_score(y[row], scores[row]))
        expected = f1_score(y[row], pred[row], labels=[0, 1], average="macro", zero_division=0)
        got = (m.f1_rows(y, pred, 0) + m.f1_rows(y, pred, 1))[row] / 2
        assert got == pytest.approx(expected)
        assert m.pearson_rows(gold, other)[row] == pytest.approx(
            pearsonr(gold[row], other[row]).statistic
        )
        assert m.spearman_rows(gold, other)[row] == pytest.approx(
            spearmanr(gold[row], other[row]).statistic
        )
    truth, guess = rng.integers(0, 2, (40, 4)), rng.integers(0, 2, (40, 4))
    assert m.frames_rows(truth[None], guess[None])[0] == pytest.approx(m.frames_stats(truth, guess))


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 200)
    s = y + rng.normal(size=200)
    first = m.binary_metrics(y, s, seed=3, n_boot=300)
    again = m.binary_metrics(y, s, seed=3, n_boot=300)
    other = m.binary_metrics(y, s, seed=4, n_boot=300)
    assert first == again
    assert first["auc"] != other["auc"]
    auc = first["auc"]
    assert auc.low is not None and auc.high is not None
    assert auc.low < auc.value < auc.high


def test_stratified_bootstrap_keeps_both_classes() -> None:
    # One positive among 30: unstratified resamples would often lose it (AUC undefined).
    y = np.array([1] + [0] * 29)
    s = np.linspace(1, 0, 30)
    auc = m.binary_metrics(y, s, n_boot=200)["auc"]
    assert auc.value == 1.0 and auc.low == 1.0 and auc.high == 1.0


def test_estimate_text() -> None:
    assert str(m.Estimate(0.5, 0.4, 0.6)) == "0.500 [0.400, 0.600]"
    assert str(m.Estimate(None)) == "–"
