"""``framing benchmark`` through the CLI: the generic adapter on a synthetic CSV, formats,
errors."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from framing.benchmark import SCHEMA, generic_adapter, run_benchmark
from framing.cli import main
from framing.scoring.scorer import Scorer

THREAT = [
    "Officials warned the spy network threatened national security.",
    "A ban followed the threat to national security.",
    "Spies were arrested after the threat.",
    "The welcome was warm.",  # a miss: friendship words in a threat-labelled text
    "Nothing to see here.",  # no hit: no call
]
FRIEND = [
    "A cultural exchange brought friends together.",
    "Friends welcomed the visitors.",
    "The cultural exchange made new friends.",
    "Officials reported a threat.",  # a miss
]


@pytest.fixture
def labeled_csv(tmp_path):
    path = tmp_path / "articles.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "kind", "outlet"])
        for i, text in enumerate(THREAT):
            writer.writerow([text, "hostile", f"paper{i % 2}"])
        for i, text in enumerate(FRIEND):
            writer.writerow([text, "friendly", f"site{i % 2}"])
    return path


@pytest.fixture
def toy_scorer(monkeypatch, toy_lexicon):
    """The CLI's scorer, with the toy axis only (the shipped lexicons are not needed)."""
    scorer = Scorer(lexicons={"toy": toy_lexicon}, sentiment=False)
    monkeypatch.setattr("framing.benchmark.run.make_scorer", lambda *a, **k: scorer)
    return scorer


GENERIC = [
    "--label-column",
    "kind",
    "--positive",
    "hostile",
    "--negative",
    "friendly",
    "--axis",
    "toy",
    "--pole",
    "threat",
    "--n-boot",
    "100",
]


def test_generic_adapter_numbers(labeled_csv, toy_lexicon) -> None:
    adapter = generic_adapter(
        labeled_csv,
        label_column="kind",
        positive=["hostile"],
        negative=["friendly"],
        axis="toy",
        pole="threat",
    )
    result = run_benchmark(
        adapter, n_boot=100, scorer=Scorer(lexicons={"toy": toy_lexicon}, sentiment=False)
    )
    rows = {(r.group, r.method): r for r in result.parts[0].rows}
    framing = rows[("all", "framing")].metrics
    # 3 of 5 hostile texts lean threat, 3 of 4 friendly lean friend; one no call.
    assert framing["accuracy"].value == pytest.approx(6 / 9, abs=1e-4)
    assert framing["coverage"].value == pytest.approx(8 / 9, abs=1e-4)
    assert rows[("all", "majority")].metrics["accuracy"].value == pytest.approx(5 / 9, abs=1e-4)
    assert rows[("all", "model")].status == "no model loaded"


def test_cli_table(labeled_csv, toy_scorer) -> None:
    result = CliRunner().invoke(
        main, ["benchmark", str(labeled_csv), *GENERIC, "--group-column", "outlet"]
    )
    assert result.exit_code == 0, result.output
    assert "majority" in result.output and "no model loaded" in result.output
    assert "outlet: paper0 (hostile)" in result.output


def test_cli_json_has_stable_keys(labeled_csv, toy_scorer) -> None:
    result = CliRunner().invoke(main, ["benchmark", str(labeled_csv), *GENERIC, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == SCHEMA
    assert set(data) >= {
        "adapter",
        "dataset",
        "n",
        "settings",
        "mapping",
        "notes",
        "environment",
        "parts",
    }
    part = data["parts"][0]
    assert set(part) == {"name", "kind", "metrics", "settings", "notes", "rows"}
    row = part["rows"][0]
    assert set(row) == {"group", "method", "n", "status", "metrics"}
    assert set(row["metrics"]["auc"]) == {"value", "low", "high"}
    assert part["settings"]["threshold"] == 0.0


def test_cli_csv_is_long(labeled_csv, toy_scorer) -> None:
    result = CliRunner().invoke(main, ["benchmark", str(labeled_csv), *GENERIC, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert set(rows[0]) == {
        "adapter",
        "part",
        "group",
        "method",
        "n",
        "status",
        "metric",
        "value",
        "low",
        "high",
    }
    assert {r["metric"] for r in rows if r["status"] == "ok"} >= {"auc", "accuracy"}


def test_cli_list() -> None:
    result = CliRunner().invoke(main, ["benchmark", "--list", "--format", "json"])
    assert result.exit_code == 0
    names = [row["adapter"] for row in json.loads(result.output)]
    assert "vader-groundtruth" in names and "allsides-abp-wire-subset" in names


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope"], 2, "Unknown adapter and no such file or folder: 'nope'"),
        (["missing.csv", *GENERIC], 1, "missing.csv: no such file or folder"),
        (["babe", "--datasets", "/no/such/dir"], 1, "/no/such/dir/babe"),
        (["babe", "--label-column", "x"], 2, "--label-column applies to your own labeled file"),
        ([], 2, "Name an adapter"),
    ],
)
def test_cli_errors_are_one_line(args, code, message) -> None:
    result = CliRunner().invoke(main, ["benchmark", *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_labeled_file_without_options(labeled_csv) -> None:
    result = CliRunner().invoke(main, ["benchmark", str(labeled_csv)])
    assert result.exit_code == 2
    assert "needs --label-column" in result.output


def test_cli_hub_name_offline_fails_at_once(monkeypatch) -> None:
    import socket

    from framing.benchmark import loaders

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(loaders, "_SET_BY_US", set())

    def refuse(*args, **kwargs):
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket, "create_connection", refuse)
    result = CliRunner().invoke(
        main, ["benchmark", "someone/some-set", *GENERIC, "--allow-download"]
    )
    assert result.exit_code == 1
    assert "HF_HUB_OFFLINE is set" in result.output


def test_cli_model_file_is_benchmarked_and_recorded(labeled_csv, tmp_path) -> None:
    """--model: a model from `framing train` is the model component of the benchmark."""
    import hashlib
    from pathlib import Path

    from toy_texts import LABELS, TEXTS

    data = tmp_path / "train.csv"
    with open(data, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for _ in range(2):
            for text, label in zip(TEXTS, LABELS, strict=True):
                writer.writerow([text, "threat" if label == "threat" else "friend"])
    lexicons = str(Path(__file__).parent / "data")
    model = tmp_path / "toy.json"
    runner = CliRunner()
    trained = runner.invoke(
        main, ["train", str(data), "--axis", "toy", "--lexicons", lexicons, "--out", str(model)]
    )
    assert trained.exit_code == 0, trained.output
    args = ["benchmark", str(labeled_csv), *GENERIC, "--lexicons", lexicons, "--format", "json"]
    without = json.loads(runner.invoke(main, args).output)
    result = runner.invoke(main, [*args, "--model", str(model)])
    assert result.exit_code == 0, result.output
    data_out = json.loads(result.output)

    def model_rows(out: dict) -> list[dict]:
        return [r for r in out["parts"][0]["rows"] if "model" in r["method"]]

    assert {r["status"] for r in model_rows(without)} == {"no model loaded"}
    assert {r["status"] for r in model_rows(data_out)} == {"ok"}
    recorded = [m for m in data_out["provenance"]["models"] if m["task"] == "axis toy"]
    assert recorded[0]["sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()


def test_cli_model_does_not_apply_to_a_sentiment_set(tmp_path) -> None:
    model = tmp_path / "m.json"
    model.write_text("{}")
    result = CliRunner().invoke(main, ["benchmark", "vader-groundtruth", "--model", str(model)])
    assert result.exit_code == 2 and "--model does not apply" in result.output
