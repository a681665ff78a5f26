"""The shipped models inside scoring: columns, bounds, and the documented combination."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.models.modelfile import LoadedModel
from framing.models.predict import ModelSet, default_models, shipped_model
from framing.scoring.scorer import Scorer

FRAMES = [
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
    "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
    "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation",
]  # fmt: skip


@pytest.fixture(scope="module")
def rows(request) -> list[dict]:
    from framing.run.local import score_corpus

    seeds = request.config.rootpath / "seeds"
    return [s.to_dict() for s in score_corpus([seeds])]


def test_every_seed_row_has_the_three_columns_per_axis_and_14_frames(rows) -> None:
    assert len(rows) == 5
    for row in rows:
        for axis in ("threat_exchange", "state_wire"):
            assert -1 <= row[axis] <= 1
            assert -1 <= row[f"{axis}_lexicon"] <= 1
            assert -1 <= row[f"{axis}_model"] <= 1
        for frame in FRAMES:
            assert 0 <= row[f"frame_{frame.lower()}"] <= 1
        assert isinstance(row["frames"], str)


def test_combined_score_is_the_documented_mixture(rows) -> None:
    models = default_models()
    poles = {"threat_exchange": ("threat", "exchange"), "state_wire": ("state", "wire")}
    for row in rows:
        for axis, (neg, pos) in poles.items():
            evidence = row[f"{axis}_{neg}_weight"] + row[f"{axis}_{pos}_weight"]
            w = models.weight(axis, evidence)
            expected = w * row[f"{axis}_lexicon"] + (1 - w) * row[f"{axis}_model"]
            assert row[axis] == pytest.approx(expected, abs=1e-3)


def test_threat_exchange_model_is_its_own_model_files_three_class_contrast(rows) -> None:
    """threat_exchange_model comes from threat_exchange.json (not the frames model): the
    equal-prior contrast of its calibrated threat / exchange probabilities."""
    from framing.models.predict import three_class_component

    models = ModelSet([shipped_model("frames"), shipped_model("threat_exchange")])
    am = models.axes["threat_exchange"]
    assert isinstance(am.model, LoadedModel)
    assert am.model is shipped_model("threat_exchange") and am.model.estimator.multilabel_
    est = am.model.estimator
    labels = [str(c) for c in est.classes_]
    assert sorted(labels) == ["exchange", "threat"]
    for row in rows:
        assert -1 <= row["threat_exchange_model"] <= 1
    p = est.predict_proba(["Officials warned the app was a national security threat."])
    value = three_class_component(
        p[:, labels.index("threat")],
        p[:, labels.index("exchange")],
        am.base_rates["threat"],
        am.base_rates["exchange"],
    )
    (pred,) = models.predict(["Officials warned the app was a national security threat."])
    assert pred.axes["threat_exchange"] == pytest.approx(float(value[0]), abs=1e-4)
    assert pred.axes["threat_exchange"] < 0


def test_threat_exchange_neutral_text_is_near_zero() -> None:
    """The text model (shipped, not loaded by default; the evidence model gives exactly 0
    to a text without hits, tests/test_evidence_model.py)."""
    models = ModelSet([shipped_model("threat_exchange")])
    (pred,) = models.predict(["The council approved the budget for road repairs."])
    assert abs(pred.axes["threat_exchange"]) < 0.3


def test_frames_model_has_the_14_policy_frames() -> None:
    labels = [str(c) for c in shipped_model("frames").estimator.classes_]
    assert sorted(labels) == sorted(FRAMES)


def test_lexicon_only_scoring_leaves_model_columns_empty(toy_lexicon) -> None:
    scorer = Scorer(lexicons={"toy": toy_lexicon}, use_models=False)
    row = scorer.score("A threat to national security.").to_dict()
    assert row["toy_model"] is None and row["toy"] == row["toy_lexicon"]
    assert not any(k.startswith("frame_") for k in row)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gets_bounded_model_outputs(text) -> None:
    (pred,) = default_models().predict([text])
    assert len(pred.frames) == 14 and all(0 <= p <= 1 for p in pred.frames.values())
    assert all(-1 <= v <= 1 for v in pred.axes.values())
    # threat_exchange's evidence model reads the hits, not the text: the scorer adds it
    assert set(pred.axes) == {"state_wire"}


def test_library_exports_the_model_api() -> None:
    import framing

    assert framing.load_model is framing.models.modelfile.load
    assert framing.TextClassifier.__name__ == "TextClassifier"
