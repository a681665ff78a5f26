"""The evidence model: threat_exchange's model component from its own lexicon hits."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from framing.errors import ModelError
from framing.models import modelfile
from framing.models.evidence import EvidenceModel, feature_names, features
from framing.models.predict import shipped_model
from framing.records import Hit
from framing.scoring.explain import explain_score
from framing.scoring.scorer import Scorer

MODELS = Path(__file__).resolve().parent.parent / "framing" / "data" / "models"
THREAT = "Officials warned of a national security threat and espionage by the app."
EXCHANGE = "Users shared recipes, made friends and learned each other's language and culture."
PLAIN = "The committee meets on Tuesday to discuss the budget for road repairs."
PARAMS = {"prior": 16.0, "prior_per_1k_tokens": 10.0, "strong_weight": 2.0, "lead_sentences": 3}
TASK = {"kind": "axis", "axis": "threat_exchange", "negative": "threat",
        "positive": "exchange", "lexicon_weight": 0.45}  # fmt: skip


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(sentiment=False)


def test_the_shipped_axis_model_is_the_evidence_model(scorer: Scorer) -> None:
    am = scorer.models.axes["threat_exchange"]
    assert isinstance(am.model, EvidenceModel) and am.reads_hits
    assert am.model is shipped_model("threat_exchange_evidence")
    assert am.mixing.w_max == 0.45


def test_no_hit_scores_exactly_zero(scorer: Scorer) -> None:
    axis = scorer.score(PLAIN).axes["threat_exchange"]
    assert axis.no_hits
    assert axis.model == 0.0 and axis.score == 0.0


def test_sign_follows_the_pole(scorer: Scorer) -> None:
    threat = scorer.score(THREAT).axes["threat_exchange"]
    exchange = scorer.score(EXCHANGE).axes["threat_exchange"]
    assert threat.model is not None and threat.model < 0
    assert exchange.model is not None and exchange.model > 0


def test_the_combined_score_mixes_the_two_components(scorer: Scorer) -> None:
    s = scorer.score(f"{THREAT} {EXCHANGE}")
    a = s.axes["threat_exchange"]
    model = scorer.models.axes["threat_exchange"].model
    assert isinstance(model, EvidenceModel)
    assert a.model == model.component(a.evidence, s.n_tokens, s.n_sentences)
    assert a.lexicon is not None and a.model is not None
    assert a.score == round(0.45 * a.lexicon + 0.55 * a.model, 4)


def test_features_of_a_hand_made_text() -> None:
    hits = [
        Hit("spy*", "spy", "threat", 2.0, 0, counted_for="threat"),
        Hit("spy*", "spies", "threat", 2.0, 4, counted_for="threat"),
        Hit("friend*", "friends", "exchange", 1.0, 1, counted_for="exchange"),
        Hit("ban", "ban", "threat", 1.0, 2, negated=True),
    ]
    row = features(hits, 1000, 10, negative="threat", positive="exchange", params=PARAMS)
    den = 16.0 + 10.0
    spy = 2.0 * (1 + math.log(2))  # one entry matched twice: weight * (1 + ln n)
    assert row == pytest.approx(
        [
            -spy / den,
            -spy / den,
            -2.0 / 16.0,
            -2 / 10,
            -1 / den,
            -1 / den,
            1 / den,
            0.0,
            1 / 16.0,
            1 / 10,
            1 / den,
            0.0,
        ]
    )


def _payload(coef: list[float] | None = None) -> dict:
    return modelfile.evidence_payload(coef or [0.5] * 12, params=PARAMS, task=TASK)


def test_a_model_file_round_trips(tmp_path: Path, scorer: Scorer) -> None:
    path = tmp_path / "ev.json"
    path.write_text(json.dumps(_payload([0.3] * 12)), encoding="utf-8")
    loaded = modelfile.load(path)
    assert isinstance(loaded, EvidenceModel) and loaded.coef == (0.3,) * 12
    user = Scorer(sentiment=False, model_paths=[path])
    s = user.score(THREAT)
    a = s.axes["threat_exchange"]
    assert a.model == loaded.component(a.evidence, s.n_tokens, s.n_sentences)


def test_an_edited_file_is_refused(tmp_path: Path) -> None:
    payload = _payload()
    payload["coef"][0] = 9.0
    path = tmp_path / "ev.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ModelError, match="checksum mismatch"):
        modelfile.load(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.update(features=feature_names("threat", "exchange")[:6]), "re-train"),
        (lambda p: p.update(coef=[0.1] * 11), "coef must be 12 finite numbers"),
        (lambda p: p["params"].update(prior=0), "param 'prior' must be a positive number"),
        (lambda p: p["task"].update(lexicon_weight=1.5), "lexicon_weight must be a number"),
    ],
)
def test_a_bad_file_is_one_error(tmp_path: Path, change, message: str) -> None:
    import hashlib

    payload = _payload()
    payload.pop("checksum")
    change(payload)
    payload["checksum"] = "sha256:" + hashlib.sha256(modelfile.canonical(payload)).hexdigest()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ModelError, match=message) as info:
        modelfile.load(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_the_text_model_can_still_be_loaded() -> None:
    text_model = Scorer(sentiment=False, model_paths=[MODELS / "threat_exchange.json"])
    a = text_model.score(f"{THREAT} {EXCHANGE}").axes["threat_exchange"]
    assert not text_model.models.axes["threat_exchange"].reads_hits
    assert a.score == a.lexicon  # its weight is w = 1.0


def test_explain_leaves_one_sentence_out_as_the_scorer_would(scorer: Scorer) -> None:
    sentences = [THREAT, PLAIN, EXCHANGE]
    full = scorer.score(" ".join(sentences))
    axes = {a.axis: a for a in explain_score(full, scorer.models, top=3).axes}
    deltas = dict(axes["threat_exchange"].model_sentences)
    assert sorted(deltas) == [0, 1, 2]
    for i in range(3):
        without = scorer.score(" ".join(sentences[:i] + sentences[i + 1 :]))
        before, after = full.axes["threat_exchange"].model, without.axes["threat_exchange"].model
        assert before is not None and after is not None
        assert deltas[i] == pytest.approx(before - after, abs=1e-9)
    assert deltas[0] < 0 < deltas[2]
