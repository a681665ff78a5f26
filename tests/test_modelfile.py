"""Model files: exact JSON round trip, and every kind of damage is one ModelError."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED_DATASETS, needs_datasets
from toy_texts import LABELS, TEXTS

from framing.errors import ModelError
from framing.models import modelfile
from framing.models.classify import TextClassifier
from framing.models.predict import SHIPPED, shipped_model

TASK = {"kind": "axis", "axis": "toy", "negative": "exchange", "positive": "threat"}
ROOT = Path(__file__).parent.parent
HELD_OUT = [
    "Regulators in several countries opened reviews of the app's data practices on Monday.",
    "Exchange students said they had made friends and learned a new language.",
    "",
    "A short one.",
]


@pytest.fixture
def model() -> TextClassifier:
    return TextClassifier(min_df=1, cv=2).fit(TEXTS, LABELS)


@pytest.fixture
def saved(tmp_path, model) -> Path:
    return modelfile.save(model, tmp_path / "toy.json", task=TASK, training={"n_texts": 12})


def test_round_trip_predicts_exactly_what_the_estimator_did(model, saved) -> None:
    loaded = modelfile.load(saved).estimator
    texts = TEXTS + HELD_OUT
    assert np.array_equal(loaded.predict_proba(texts), model.predict_proba(texts))
    assert np.array_equal(loaded.predict(texts), model.predict(texts))
    assert loaded.get_params() == model.get_params()


def test_multilabel_round_trip(tmp_path) -> None:
    sets = [["Security"], ["Security", "Legal"], ["Culture"], ["Culture", "Legal"]] * 3
    texts = ["spy threat army", "spy court law", "festival music art", "art court law"] * 3
    est = TextClassifier(min_df=1, cv=2).fit(texts, sets)
    path = modelfile.save(est, tmp_path / "f.json", task={"kind": "frames"})
    loaded = modelfile.load(path).estimator
    assert list(loaded.classes_) == list(est.classes_)
    assert np.allclose(loaded.predict_proba(texts), est.predict_proba(texts), rtol=0, atol=0)


def test_the_file_is_plain_json_data(saved) -> None:
    payload = json.loads(saved.read_text())
    assert payload["format"] == modelfile.FORMAT
    assert payload["checksum"].startswith("sha256:")
    assert {"framing", "scikit-learn", "numpy", "python"} <= set(payload["versions"])


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "binary":
        path.write_bytes(b"\x80\x04\x95pickle\x00\xff")
    elif how == "not-a-model":
        path.write_text('{"hello": "world"}')
    elif how == "list":
        path.write_text("[1, 2, 3]")
    elif how == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000)
    else:
        payload = json.loads(raw)
        if how == "tampered-coef":
            payload["arrays"]["coef"]["data"] = "AAAAAA" + payload["arrays"]["coef"]["data"][6:]
        elif how == "tampered-threshold":
            payload["arrays"]["thresholds"] = [0.01]
        elif how == "resigned-bad-shape":
            payload["arrays"]["coef"]["shape"] = [3, 3]
            payload.pop("checksum")
            payload["checksum"] = (
                "sha256:" + __import__("hashlib").sha256(modelfile.canonical(payload)).hexdigest()
            )
        elif how == "resigned-bad-param":
            payload["params"]["tokenization"] = "__import__('os')"
            payload.pop("checksum")
            payload["checksum"] = (
                "sha256:" + __import__("hashlib").sha256(modelfile.canonical(payload)).hexdigest()
            )
        path.write_text(json.dumps(payload))


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "empty",
        "binary",
        "not-a-model",
        "list",
        "deep",
        "tampered-coef",
        "tampered-threshold",
        "resigned-bad-shape",
        "resigned-bad-param",
    ],
)
def test_damaged_files_give_one_line_model_error_naming_the_file(saved, how) -> None:
    _damage(saved, how)
    with pytest.raises(ModelError) as info:
        modelfile.load(saved)
    message = str(info.value)
    assert str(saved) in message and "\n" not in message


def test_oversized_file_is_refused_before_parsing(saved) -> None:
    with pytest.raises(ModelError, match="limit"):
        modelfile.load(saved, max_bytes=100)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(ModelError, match="not found"):
        modelfile.load(tmp_path / "nope.json")


def test_no_pickle_or_joblib_anywhere_in_the_package() -> None:
    banned = {"pickle", "cPickle", "joblib", "dill", "cloudpickle", "shelve", "marshal"}
    for path in (ROOT / "framing").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module.split(".")[0]]
            assert not banned & set(names), f"{path} imports {banned & set(names)}"
        assert "load_from_pickle" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_models_load_and_are_small(name) -> None:
    model = shipped_model(name)
    path = ROOT / "framing" / "data" / "models" / f"{name}.json"
    assert path.stat().st_size < 1_000_000
    assert model.training.get("data_sha256")
    assert (ROOT / "framing" / "data" / "models" / f"{name}.md").is_file()


@needs_datasets
def test_frames_model_records_the_hash_of_the_data_on_disk() -> None:
    """Same data: the shipped frames model was trained on exactly the labeled set here."""
    folder = SHARED_DATASETS / "semeval23-t3-frames"
    labels = {}
    for line in (folder / "train-labels-subtask-2.txt").read_text(encoding="utf-8").splitlines():
        ident, _, frames = line.partition("\t")
        labels[ident] = sorted(f for f in frames.split(",") if f)
    ids = sorted(labels)
    texts = [
        (folder / "train-articles" / f"article{i}.txt").read_text(encoding="utf-8") for i in ids
    ]
    digest = modelfile.sha256_of_texts(texts, [labels[i] for i in ids])
    assert shipped_model("frames").training["data_sha256"] == digest


def test_windowed_model_round_trips(tmp_path) -> None:
    est = TextClassifier(min_df=1, cv=2, max_chars=60, long_texts="windows").fit(TEXTS, LABELS)
    loaded = modelfile.load(modelfile.save(est, tmp_path / "w.json", task=TASK)).estimator
    assert loaded.long_texts == "windows"
    long = [" ".join(TEXTS), *HELD_OUT]
    assert np.array_equal(loaded.predict_proba(long), est.predict_proba(long))


def test_a_file_written_before_long_texts_existed_reads_its_first_window(saved) -> None:
    import hashlib

    payload = json.loads(saved.read_text())
    del payload["params"]["long_texts"], payload["checksum"]
    payload["checksum"] = "sha256:" + hashlib.sha256(modelfile.canonical(payload)).hexdigest()
    saved.write_text(json.dumps(payload))
    assert modelfile.load(saved).estimator.long_texts == "first"
