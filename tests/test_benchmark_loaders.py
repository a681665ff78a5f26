"""Loading labeled sets with Hugging Face ``datasets``: local only, hub names fail at once."""

from __future__ import annotations

import json
import socket

import pytest

from framing.benchmark import loaders
from framing.errors import FramingError, InputError, UsageError

ROWS = [
    {"text": "Officials warned of spies.", "outlet_type": "state"},
    {"text": "A friend said hello.", "outlet_type": "wire"},
]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_load_file_by_suffix(tmp_path, suffix: str) -> None:
    import pandas as pd

    path = tmp_path / f"data{suffix}"
    frame = pd.DataFrame(ROWS)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    else:
        frame.to_parquet(path)
    ds = loaders.load_labeled(path)
    assert ds["text"] == [r["text"] for r in ROWS]
    assert ds["outlet_type"] == ["state", "wire"]


def test_saved_dataset_folder(tmp_path) -> None:
    from datasets import Dataset, DatasetDict

    Dataset.from_list(ROWS).save_to_disk(str(tmp_path / "single"))
    DatasetDict({"test": Dataset.from_list(ROWS)}).save_to_disk(str(tmp_path / "dict"))
    assert loaders.load_labeled(tmp_path / "single")["outlet_type"] == ["state", "wire"]
    assert len(loaders.load_labeled(tmp_path / "dict", split="test")) == 2
    with pytest.raises(UsageError, match="no split 'train'"):
        loaders.load_labeled(tmp_path / "dict")


def test_folder_of_texts_with_label_file(tmp_path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article1.txt").write_text("Spies everywhere.", encoding="utf-8")
    (texts / "article2.txt").write_text("Friends everywhere.", encoding="utf-8")
    (texts / "unlabelled.txt").write_text("Ignored.", encoding="utf-8")
    labels = tmp_path / "labels.csv"
    labels.write_text("id,label\narticle1,state\narticle2,wire\n", encoding="utf-8")
    ds = loaders.load_labeled(texts, labels=labels)
    assert ds["text"] == ["Spies everywhere.", "Friends everywhere."]
    labels.write_text("id,label\narticle1,state\narticle9,wire\n", encoding="utf-8")
    with pytest.raises(InputError, match="article9"):
        loaders.load_labeled(texts, labels=labels)


def test_folder_without_labels_is_a_usage_error(tmp_path) -> None:
    with pytest.raises(UsageError, match="--labels"):
        loaders.load_labeled(tmp_path)


@pytest.mark.parametrize("name", ["missing.csv", "data/missing.jsonl", "./nowhere"])
def test_missing_path_names_it(name: str) -> None:
    with pytest.raises(InputError, match="no such file or folder") as info:
        loaders.load_labeled(name)
    assert name in str(info.value)


def test_unknown_suffix(tmp_path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match="cannot read this kind of file"):
        loaders.load_labeled(path)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or load from the hub fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket, "create_connection", refuse)
    import datasets

    monkeypatch.setattr(datasets, "load_dataset", refuse)


def test_hub_name_needs_opt_in(no_network, monkeypatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(UsageError, match="--allow-download"):
        loaders.load_labeled("someone/some-set")


def test_hub_name_offline_fails_at_once(no_network, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(loaders, "_SET_BY_US", set())  # the user set it, not an earlier load
    with pytest.raises(FramingError, match="HF_HUB_OFFLINE is set"):
        loaders.load_labeled("someone/some-set", allow_download=True)
    with pytest.raises(FramingError, match="HF_HUB_OFFLINE"):
        loaders.preflight("someone/some-set", allow_download=True)


def test_hub_unreachable_fails_without_loading(monkeypatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(loaders, "hub_reachable", lambda *a, **k: False)

    def refuse(*args, **kwargs):
        raise AssertionError("load_dataset was called")

    import datasets

    monkeypatch.setattr(datasets, "load_dataset", refuse)
    with pytest.raises(FramingError, match="not reachable"):
        loaders.load_labeled("someone/some-set", allow_download=True)


def test_hub_reachable_gives_up_after_its_timeout(monkeypatch) -> None:
    def hang(*args, **kwargs):
        raise OSError("unreachable")

    monkeypatch.setattr(socket, "create_connection", hang)
    assert loaders.hub_reachable(timeout=0.5) is False
