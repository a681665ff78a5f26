"""`framing train` as a new user runs it: a two-column file in, a model out, then
`framing score --model` uses it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from toy_texts import LABELS, TEXTS

from framing.cli import main
from framing.models.train import label_sets, read_labeled

LEXICONS = str(Path(__file__).parent / "data")


def _two_column_csv(path: Path, labels: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for _ in range(2):  # 24 rows: enough for 5 folds of each pole
            writer.writerows(zip(TEXTS, labels, strict=True))
    return path


def _toy_labels() -> list[str]:
    return ["threat" if label == "threat" else "friend" for label in LABELS]


def test_train_on_a_csv_then_score_with_the_model(tmp_path) -> None:
    data = _two_column_csv(tmp_path / "labeled.csv", _toy_labels())
    model = tmp_path / "toy.json"
    runner = CliRunner()
    result = runner.invoke(
        main, ["train", str(data), "--axis", "toy", "--lexicons", LEXICONS, "--out", str(model)]
    )
    assert result.exit_code == 0, result.output
    assert "auc" in result.output and "dummy_most_frequent" in result.output
    assert model.is_file()

    article = tmp_path / "a.txt"
    article.write_text("Officials warned that spies posed a national security threat.\n")
    result = runner.invoke(
        main,
        ["score", str(article), "--lexicons", LEXICONS, "--model", str(model), "--format", "jsonl"],
    )
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.splitlines()[0])
    assert -1 <= row["toy_model"] < 0  # told from the threat pole
    assert -1 <= row["toy"] <= 1 and row["toy_lexicon"] < 0


def test_numeric_labels_map_the_larger_to_the_positive_pole(tmp_path) -> None:
    numeric = ["-1" if label == "threat" else "1" for label in LABELS]
    data = _two_column_csv(tmp_path / "labeled.csv", numeric)
    out = tmp_path / "m.json"
    result = CliRunner().invoke(
        main, ["train", str(data), "--axis", "toy", "--lexicons", LEXICONS, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text())
    assert payload["task"]["positive"] == "friend"
    assert payload["training"]["label_counts"] == {"threat": 12, "friend": 12}


def test_frames_from_jsonl(tmp_path) -> None:
    data = tmp_path / "frames.jsonl"
    rows = [
        {"body": t, "frames": ["Security"] if lab == "threat" else ["Culture", "Exchange"]}
        for t, lab in zip(TEXTS * 2, LABELS * 2, strict=True)
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "frames.json"
    result = CliRunner().invoke(
        main,
        [
            "train",
            str(data),
            "--text-column",
            "body",
            "--label-column",
            "frames",
            "--frames",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "micro_f1" in result.output and "Culture" in result.output
    result = CliRunner().invoke(
        main,
        ["score", "-", "--model", str(out), "--format", "jsonl"],
        input=json.dumps({"id": "x", "text": "A cultural exchange of friendship."}) + "\n",
    )
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert set(row) >= {"frame_culture", "frame_exchange", "frame_security", "frames"}
    assert "frame_political" not in row  # the user's frames model replaced the shipped one
    assert row["threat_exchange_model"] is not None  # still from the shipped frames model


def test_hf_dataset_folder(tmp_path) -> None:
    datasets = pytest.importorskip("datasets")
    folder = tmp_path / "ds"
    datasets.Dataset.from_dict({"text": TEXTS, "label": _toy_labels()}).save_to_disk(str(folder))
    texts, labels = read_labeled(folder, "text", "label")
    assert texts == TEXTS and labels == _toy_labels()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--axis", "nope"], 2, "Unknown axis"),
        ([], 2, "exactly one of"),
        (["--axis", "toy", "--frames"], 2, "exactly one of"),
        (["--axis", "toy", "--label-column", "missing"], 1, "no column 'missing'"),
    ],
)
def test_usage_and_data_errors_are_one_line(tmp_path, args, code, message) -> None:
    data = _two_column_csv(tmp_path / "labeled.csv", _toy_labels())
    result = CliRunner().invoke(
        main, ["train", str(data), "--lexicons", LEXICONS, "--out", str(tmp_path / "m.json"), *args]
    )
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_labels_that_are_not_the_poles_are_a_usage_error(tmp_path) -> None:
    data = _two_column_csv(
        tmp_path / "labeled.csv", ["good" if x == "threat" else "bad" for x in LABELS]
    )
    result = CliRunner().invoke(
        main,
        [
            "train",
            str(data),
            "--axis",
            "toy",
            "--lexicons",
            LEXICONS,
            "--out",
            str(tmp_path / "m.json"),
        ],
    )
    assert result.exit_code == 2 and "not the poles" in result.output


def test_label_sets_accept_lists_and_separated_strings() -> None:
    assert label_sets([["b", "a"], "a; c", "x,y|z"]) == [("a", "b"), ("a", "c"), ("x", "y", "z")]


def test_a_corrupted_model_is_one_line_exit_1(tmp_path, seeds_dir) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "framing-model/1", "params": ')
    result = CliRunner().invoke(main, ["score", str(seeds_dir), "--model", str(bad)])
    assert result.exit_code == 1
    assert str(bad) in result.output and "not valid JSON" in result.output
    assert "Traceback" not in result.output
