"""Calibrated probabilities and axis models with a neutral class (threat_exchange)."""

from __future__ import annotations

import numpy as np
import pytest
from toy_texts import EXCHANGE, THREAT

from framing.errors import ModelError
from framing.models import modelfile
from framing.models.classify import TextClassifier, platt
from framing.models.predict import ModelSet, three_class_component

NEUTRAL = [
    "The city council approved the budget for road repairs on Tuesday.",
    "Quarterly results beat forecasts as sales of the new phone rose.",
    "The weather service expects rain over the weekend in the north.",
    "The court adjourned the hearing until next month.",
    "A new bus line will connect the two suburbs from June.",
    "The museum reopened after a year of renovation work.",
]
TEXTS = THREAT + EXCHANGE + NEUTRAL
SETS = [["threat"]] * 6 + [["exchange"]] * 6 + [[]] * 6
TASK = {
    "kind": "axis",
    "axis": "threat_exchange",
    "negative": "threat",
    "positive": "exchange",
    "base_rates": {"threat": 1 / 3, "exchange": 1 / 3},
    "lexicon_weight": 0.5,
}


def test_platt_recovers_a_known_sigmoid() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(0, 2, 4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-(0.5 * z - 1.0)))).astype(int)
    a, b = platt(z, y)
    assert a == pytest.approx(0.5, abs=0.1) and b == pytest.approx(-1.0, abs=0.15)


def test_calibration_is_off_by_default_and_changes_only_the_probabilities() -> None:
    raw = TextClassifier(min_df=1, cv=2).fit(TEXTS, SETS)
    cal = TextClassifier(min_df=1, cv=2, calibration="sigmoid").fit(TEXTS, SETS)
    assert not hasattr(raw, "calibration_")
    assert cal.calibration_.shape == (2, 2)
    assert np.array_equal(raw.coef_, cal.coef_)
    # Platt maps are increasing (a > 0 on separable toy data), so the ranking is kept.
    p_raw, p_cal = raw.predict_proba(TEXTS), cal.predict_proba(TEXTS)
    for j in range(2):
        assert np.array_equal(np.argsort(p_raw[:, j], kind="stable"),
                              np.argsort(p_cal[:, j], kind="stable"))  # fmt: skip


def test_bad_calibration_names_the_choices() -> None:
    with pytest.raises(ValueError, match="Available: None, 'sigmoid'"):
        TextClassifier(calibration="isotonic").fit(TEXTS, SETS)


def test_calibrated_three_class_axis_model_round_trips(tmp_path) -> None:
    est = TextClassifier(min_df=1, cv=2, calibration="sigmoid").fit(TEXTS, SETS)
    path = modelfile.save(est, tmp_path / "te.json", task=TASK)
    loaded = modelfile.load(path)
    assert np.array_equal(loaded.estimator.predict_proba(TEXTS), est.predict_proba(TEXTS))
    assert np.array_equal(loaded.estimator.calibration_, est.calibration_)
    models = ModelSet([loaded])
    pred = models.predict(THREAT[:1] + EXCHANGE[:1])
    assert pred[0].axes["threat_exchange"] < 0 < pred[1].axes["threat_exchange"]


def test_a_model_without_calibration_writes_no_calibration_field(tmp_path) -> None:
    est = TextClassifier(min_df=1, cv=2).fit(THREAT + EXCHANGE, ["threat"] * 6 + ["exchange"] * 6)
    task = {"kind": "axis", "axis": "toy", "negative": "exchange", "positive": "threat"}
    text = modelfile.save(est, tmp_path / "m.json", task=task).read_text()
    assert '"calibration"' not in text


@pytest.mark.parametrize(
    "rates",
    [None, {"threat": 0.5}, {"threat": 0.6, "exchange": 0.5}, {"threat": 0, "exchange": 0.2}],
)
def test_a_three_class_axis_model_needs_its_base_rates(tmp_path, rates) -> None:
    est = TextClassifier(min_df=1, cv=2, calibration="sigmoid").fit(TEXTS, SETS)
    task = {k: v for k, v in TASK.items() if k != "base_rates"}
    if rates is not None:
        task["base_rates"] = rates
    path = modelfile.save(est, tmp_path / "te.json", task=task)
    with pytest.raises(ModelError, match="base_rates"):
        modelfile.load(path)


def test_three_class_component_zero_sign_and_bounds() -> None:
    # At the base rates, no evidence either way: 0.
    assert three_class_component(0.4, 0.05, 0.4, 0.05) == pytest.approx(0.0)
    # Equal evidence for both poles (each twice its base rate): 0.
    assert three_class_component(0.8, 0.1, 0.4, 0.05) == pytest.approx(0.0)
    # More threat than its base rate, exchange at its base rate: negative, and vice versa.
    assert three_class_component(0.8, 0.05, 0.4, 0.05) < 0
    assert three_class_component(0.2, 0.3, 0.4, 0.05) > 0
    grid = np.linspace(0, 1, 21)
    values = three_class_component(grid[:, None], grid[None, :], 0.41, 0.05)
    assert np.all(np.abs(values) <= 1)
