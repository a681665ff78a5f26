"""Evidence-dependent mixing of an axis's lexicon and model components (``task.mixing``)."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from framing.errors import ModelError
from framing.models import modelfile
from framing.models.predict import Mixing, ModelSet, lexicon_weight, shipped_model


def _with_task(name: str, tmp_path, **task) -> str:
    """A copy of a shipped model file with its task changed (checksum recomputed)."""
    from framing.data import package_file

    payload = json.loads(package_file("data", "models", f"{name}.json").read_text())
    payload.pop("checksum")
    payload["task"] = {**payload["task"], **task}
    payload["checksum"] = "sha256:" + hashlib.sha256(modelfile.canonical(payload)).hexdigest()
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(payload))
    return str(path)


def test_weight_rises_with_evidence_from_zero_to_w_max() -> None:
    m = Mixing(0.9, 2.0)
    assert m.weight(0.0) == 0.0
    assert m.weight(2.0) == pytest.approx(0.45)
    assert m.weight(1e9) == pytest.approx(0.9)
    weights = [m.weight(h) for h in (0, 0.5, 1, 3, 10)]
    assert weights == sorted(weights)
    assert lexicon_weight(0.9, 2.0, -1.0) == 0.0  # no negative evidence


def test_k_zero_is_the_fixed_weight() -> None:
    assert Mixing(0.8).weight(0.0) == Mixing(0.8).weight(50.0) == 0.8
    assert Mixing.from_task({"lexicon_weight": 0.3}) == Mixing(0.3, 0.0)


def test_a_file_without_mixing_keeps_its_fixed_weight() -> None:
    """threat_exchange's file has no mixing block: its scores are what they were."""
    te = shipped_model("threat_exchange")
    if "mixing" in te.task:
        pytest.skip("threat_exchange opted in to evidence mixing")
    am = ModelSet([te]).axes["threat_exchange"]
    assert am.mixing == Mixing(float(te.task["lexicon_weight"]), 0.0)
    models = ModelSet([te])
    assert models.combine("threat_exchange", 0.5, -0.5, 0.0) == models.combine(
        "threat_exchange", 0.5, -0.5, 40.0
    )


def test_the_file_mixing_block_is_read(tmp_path) -> None:
    mixing = {"kind": "evidence", "w_max": 1.0, "k": 4}
    path = _with_task("state_wire", tmp_path, mixing=mixing, lexicon_weight=1.0)
    models = ModelSet([modelfile.load(path)])
    assert models.axes["state_wire"].mixing == Mixing(1.0, 4.0)
    # no lexicon hit: the model's score; many hits: nearly the lexicon's
    assert models.combine("state_wire", 0.0, -0.6, 0.0) == -0.6
    assert models.combine("state_wire", 0.8, -0.6, 396.0) == pytest.approx(0.786, abs=1e-3)


@pytest.mark.parametrize(
    "mixing",
    [
        {"kind": "length", "w_max": 1.0, "k": 1.0},
        {"kind": "evidence", "w_max": 1.5, "k": 1.0},
        {"kind": "evidence", "w_max": 1.0, "k": -1},
        {"kind": "evidence", "w_max": 1.0},
        {"kind": "evidence", "w_max": True, "k": 1.0},
        "evidence",
    ],
)
def test_a_bad_mixing_block_is_one_model_error(tmp_path, mixing) -> None:
    path = _with_task("state_wire", tmp_path, mixing=mixing, lexicon_weight=1.0)
    with pytest.raises(ModelError, match=r"task\.mixing"):
        modelfile.load(path)


def test_lexicon_weight_must_agree_with_w_max(tmp_path) -> None:
    """An older framing reads lexicon_weight; a file must not say two things."""
    mixing = {"kind": "evidence", "w_max": 0.9, "k": 1.0}
    path = _with_task("state_wire", tmp_path, mixing=mixing, lexicon_weight=0.5)
    with pytest.raises(ModelError, match="must equal task.mixing.w_max"):
        modelfile.load(path)


def test_scores_use_the_weight_for_their_own_evidence() -> None:
    from framing.scoring.scorer import Scorer

    scorer = Scorer(sentiment=False)
    texts = [
        "Officials said on Tuesday.",
        "Reuters reported, citing two sources who declined to be named, that the ministry "
        "said it did not immediately respond to a request for comment, he said.",
    ]
    for s in scorer.score_batch(texts):
        a = s.axes["state_wire"]
        w = scorer.models.weight("state_wire", a.negative_weight + a.positive_weight)
        assert a.score == pytest.approx(w * a.lexicon + (1 - w) * a.model, abs=1e-3)


def test_explain_prints_the_effective_weight_and_the_rule(tmp_path) -> None:
    from framing.cli import main

    mixing = {"kind": "evidence", "w_max": 1.0, "k": 2}
    model = _with_task("state_wire", tmp_path, mixing=mixing, lexicon_weight=1.0)
    art = tmp_path / "a.txt"
    art.write_text("Officials said it was so-called progress.\n\nNetizens praised it.\n")
    result = CliRunner().invoke(main, ["explain", str(art), "--format", "json"])
    assert result.exit_code == 0, result.output
    plain = CliRunner().invoke(main, ["explain", str(art)])
    assert plain.exit_code == 0
    # with the rule from --model: explain reads the loaded models through the scorer
    from framing.scoring.explain import explain
    from framing.scoring.scorer import Scorer

    ex = explain(str(art), scorer=Scorer(model_paths=[model]))
    sw = next(a for a in ex.axes if a.axis == "state_wire")
    assert sw.lexicon_weight == pytest.approx(sw.evidence / (sw.evidence + 2), abs=1e-4)
    assert "h / (h + 2)" in sw.mixing
    assert sw.to_dict()["mixing"] == sw.mixing


def test_explain_text_states_the_rule_when_the_weight_varies(tmp_path) -> None:
    from framing.cli.explain import _decomposition
    from framing.scoring.explain import explain
    from framing.scoring.scorer import Scorer

    mixing = {"kind": "evidence", "w_max": 1.0, "k": 2}
    model = _with_task("state_wire", tmp_path, mixing=mixing, lexicon_weight=1.0)
    art = tmp_path / "a.txt"
    art.write_text("Officials said it was so-called progress.\n\nNetizens praised it.\n")
    text = _decomposition(explain(str(art), scorer=Scorer(model_paths=[model])), top=2)
    assert "  weight: w = 1 * h / (h + 2), h = summed weight of the lexicon hits; here h = " in text
    fixed = _decomposition(explain(str(art), scorer=Scorer()), top=2)
    assert "  weight:" not in fixed
