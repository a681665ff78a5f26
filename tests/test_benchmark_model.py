"""``framing benchmark --model FILE`` and the model column on sets with unscorable texts."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.models import modelfile

STATE = [
    "The so-called experts said the win-win cooperation was a great success, netizens said.",
    "Netizens praised the harmonious development of the mutually beneficial partnership.",
    "新华社北京电 中国外交部发言人表示",  # nothing to score: no model value, no lexicon value
]
WIRE = [
    "Reuters reported on Tuesday, citing two people familiar with the matter.",
    "The ministry did not immediately respond to a request for comment, she said.",
    "Shares fell 2% in early trading, according to data from the exchange, he said.",
]
ARGS = ["--label-column", "kind", "--positive", "state", "--negative", "wire",
        "--axis", "state_wire", "--n-boot", "100", "--format", "json"]  # fmt: skip


@pytest.fixture
def labeled_csv(tmp_path):
    path = tmp_path / "sw.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "kind"])
        writer.writerows([t, "state"] for t in STATE)
        writer.writerows([t, "wire"] for t in WIRE)
    return path


def _model_file(tmp_path, **task) -> str:
    """The shipped state_wire model with its task changed (checksum recomputed)."""
    from framing.data import package_file

    payload = json.loads(package_file("data", "models", "state_wire.json").read_text())
    payload.pop("checksum")
    payload["task"] = {**payload["task"], **task}
    payload["checksum"] = "sha256:" + hashlib.sha256(modelfile.canonical(payload)).hexdigest()
    path = tmp_path / "my_state_wire.json"
    path.write_text(json.dumps(payload))
    return str(path)


def _rows(result) -> dict[str, dict]:
    assert result.exit_code == 0, result.output
    (part,) = json.loads(result.stdout)["parts"]
    return {r["method"]: r for r in part["rows"] if r["group"] == "all"}


def test_model_column_is_filled_when_a_text_has_nothing_to_score(labeled_csv) -> None:
    """The bug: one unscorable text (no English words) made the whole model column
    read "no model loaded"."""
    rows = _rows(CliRunner().invoke(main, ["benchmark", str(labeled_csv), *ARGS]))
    assert rows["model"]["status"] == "ok", rows["model"]
    assert rows["model"]["metrics"]["auc"]["value"] is not None


def test_model_option_scores_with_the_given_file(labeled_csv, tmp_path) -> None:
    # lexicon weight 0: the combined score is the model's, so the two rows agree
    path = _model_file(
        tmp_path, lexicon_weight=0.0, mixing={"kind": "evidence", "w_max": 0.0, "k": 0.0}
    )
    result = CliRunner().invoke(main, ["benchmark", str(labeled_csv), *ARGS, "--model", path])
    rows = _rows(result)
    assert rows["framing"]["metrics"]["auc"] == rows["model"]["metrics"]["auc"]
    env = json.loads(result.stdout)["environment"]
    assert path in env["models"].values()
    shipped = _rows(CliRunner().invoke(main, ["benchmark", str(labeled_csv), *ARGS]))
    assert shipped["model"]["metrics"]["auc"] == rows["model"]["metrics"]["auc"]


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda p: str(p / "no_such_model.json"), 2, "does not exist"),
        (lambda p: (p / "bad.json").write_text("{not json") and str(p / "bad.json"), 1,
         "not valid JSON"),
    ],
)  # fmt: skip
def test_a_missing_or_bad_model_file_is_one_line(labeled_csv, tmp_path, make, code, message):
    path = make(tmp_path)
    result = CliRunner().invoke(main, ["benchmark", str(labeled_csv), *ARGS, "--model", path])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if "rror" in line]
    assert len(errors) == 1, result.output


def test_model_option_on_a_sentiment_only_set_is_refused(tmp_path) -> None:
    from framing.benchmark.adapters import get_adapter
    from framing.benchmark.run import make_scorer
    from framing.errors import UsageError

    with pytest.raises(UsageError, match="sentiment only"):
        make_scorer(get_adapter("vader-groundtruth"), (), [_model_file(tmp_path)])
