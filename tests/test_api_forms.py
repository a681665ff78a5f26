"""score_corpus / score_texts / compare take the forms researchers hold data in: a pandas
DataFrame, a datasets.Dataset, dicts, Article objects, bare strings, and each gives the same
scores as the equivalent JSONL file, in input order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import framing
from framing.comparison.scores_file import compare_scores_file
from framing.errors import InputError, UsageError
from framing.records import Skipped

ROWS = [
    {
        "id": f"a{i}",
        "text": text,
        "outlet": outlet,
        "date": "2025-01-16",
        "section": "World",
    }
    for i, (text, outlet) in enumerate(
        [
            ("Officials warned the app was a national security threat and urged a ban.", "CGTN"),
            ("Students made friends and learned each other's language and culture.", "BBC News"),
            (
                "LONDON (Reuters) - The ministry said on Tuesday it would review the app, "
                '"we are looking at the data," a spokesman said.',
                "Reuters",
            ),
            ("Netizens praised the so-called win-win cooperation, experts observed.", "Xinhua"),
            ("Lawmakers fear espionage and data harvesting by the platform.", "Al Jazeera"),
            ("Users say they are making friends across borders, curious about daily life.", "NPR"),
        ]
    )
]


def _jsonl(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(inputs: Any, **options: Any) -> list[dict[str, Any]]:
    return [s.to_dict() for s in framing.score_corpus(inputs, **options)]


@pytest.fixture(scope="module")
def from_file(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return _rows([_jsonl(tmp_path_factory.mktemp("jsonl"), ROWS)])


@pytest.mark.parametrize(
    "form",
    ["dataframe", "dataset", "list of dicts", "generator of dicts", "one dict each", "articles"],
)
def test_each_form_scores_like_the_jsonl_file(
    form: str, from_file: list[dict[str, Any]], tmp_path: Path
) -> None:
    if form == "dataframe":
        inputs: Any = pd.DataFrame(ROWS)
    elif form == "dataset":
        datasets = pytest.importorskip("datasets")
        inputs = datasets.Dataset.from_list(ROWS)
    elif form == "list of dicts":
        inputs = [dict(r) for r in ROWS]
    elif form == "generator of dicts":
        inputs = (dict(r) for r in ROWS)
    elif form == "one dict each":
        inputs = [[r] for r in ROWS]
        got = [row for one in inputs for row in _rows(one[0])]
        assert got == from_file
        return
    else:
        inputs = list(framing.read_corpus(_jsonl(tmp_path, ROWS)))
    assert _rows(inputs) == from_file


def test_rows_keep_metadata_and_the_registry_types(from_file: list[dict[str, Any]]) -> None:
    rows = _rows(pd.DataFrame(ROWS))
    assert [r["id"] for r in rows] == [r["id"] for r in ROWS]
    assert all(r["section"] == "World" and r["date"] == "2025-01-16" for r in rows)
    types = {r["outlet"]: r["outlet_type"] for r in rows}
    assert types == {
        "CGTN": "state",
        "BBC News": "public_service",
        "Reuters": "wire",
        "Xinhua": "state",
        "Al Jazeera": "state_funded",
        "NPR": "public_service",
    }


def test_text_and_id_columns_are_chosen_by_name() -> None:
    frame = pd.DataFrame({"body": [r["text"] for r in ROWS], "key": [r["id"] for r in ROWS]})
    rows = _rows(frame, text_column="body", id_column="key")
    assert [r["id"] for r in rows] == [r["id"] for r in ROWS]
    assert "body" not in rows[0] and "key" not in rows[0]


def test_generated_ids_are_positions_or_index_labels() -> None:
    texts = [r["text"] for r in ROWS]
    assert [r["id"] for r in _rows(pd.DataFrame({"text": texts}))] == [
        str(i) for i in range(len(texts))
    ]
    frame = pd.DataFrame({"text": texts}, index=[10, 11, 12, 13, 14, 15]).iloc[::-1]
    assert [r["id"] for r in _rows(frame)] == ["15", "14", "13", "12", "11", "10"]
    assert [r["id"] for r in _rows([{"text": t} for t in texts])] == [
        str(i) for i in range(len(texts))
    ]


def test_score_texts_numbers_bare_strings_or_takes_ids(from_file: list[dict[str, Any]]) -> None:
    texts = [r["text"] for r in ROWS]
    rows = [s.to_dict() for s in framing.score_texts(texts)]
    assert [r["id"] for r in rows] == [str(i) for i in range(len(texts))]
    assert [r["threat_exchange"] for r in rows] == [r["threat_exchange"] for r in from_file]
    named = [s.article.id for s in framing.score_texts(texts[:2], ids=["x", "y"])]
    assert named == ["x", "y"]
    (one,) = list(framing.score_texts("Officials warned of a ban."))
    assert one.article.id == "0"
    with pytest.raises(UsageError, match="2 texts but 1 ids"):
        list(framing.score_texts(texts[:2], ids=["x"]))
    with pytest.raises(UsageError, match="text 1 is not a string"):
        list(framing.score_texts(["fine text here.", 3]))  # type: ignore[list-item]


def test_to_dataframe_keeps_the_input_order() -> None:
    texts = [f"Report {i}: officials said the app was a threat." for i in range(70)]
    order = list(reversed(range(70)))
    frame = pd.DataFrame({"text": [texts[i] for i in order], "id": [f"n{i}" for i in order]})
    df = framing.to_dataframe(framing.score_corpus(frame))
    assert list(df["id"]) == [f"n{i}" for i in order]


@pytest.mark.parametrize("kind", ["DataFrame", "Dataset"])
def test_a_missing_text_column_is_one_line_listing_the_columns(kind: str) -> None:
    if kind == "DataFrame":
        table: Any = pd.DataFrame({"body": ["x"], "when": ["2025"]})
    else:
        datasets = pytest.importorskip("datasets")
        table = datasets.Dataset.from_list([{"body": "x", "when": "2025"}])
    with pytest.raises(InputError) as info:
        list(framing.score_corpus(table))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{kind}: no 'text' column (columns: body, when)")
    assert "text_column=" in message


def test_a_dataset_dict_asks_for_a_split() -> None:
    datasets = pytest.importorskip("datasets")
    splits = datasets.DatasetDict({"train": datasets.Dataset.from_list([{"text": "a b c"}])})
    with pytest.raises(InputError, match=r"pass one split \(splits: train\)"):
        list(framing.score_corpus(splits))


def test_bad_rows_are_skipped_and_good_ones_kept() -> None:
    frame = pd.DataFrame(
        {"text": ["Officials warned of a ban.", None, "Friends met at a festival."]}
    )
    skipped: list[Skipped] = []
    rows = [s.article.id for s in framing.score_corpus(frame, skipped=skipped)]
    assert rows == ["0", "2"]
    assert [str(s) for s in skipped] == ["DataFrame row 1: empty 'text'"]
    records = [{"text": "Officials warned of a ban."}, {"body": "no text"}, {"text": 5}]
    skipped = []
    assert len(list(framing.score_corpus(records, skipped=skipped))) == 1
    assert [str(s) for s in skipped] == [
        "records item 1: no 'text' field (fields: body)",
        "records item 2: 'text' is not a string (found int)",
    ]
    with pytest.raises(InputError, match="DataFrame row 1: empty 'text'"):
        list(framing.score_corpus(frame))


def test_an_unknown_object_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot read a int as articles"):
        list(framing.score_corpus([3]))  # type: ignore[list-item]


def test_compare_takes_a_dataframe_of_articles(tmp_path: Path) -> None:
    options: dict[str, Any] = {"by": "outlet_type", "seed": 0, "n_boot": 200, "n_perm": 200}
    from_path = framing.compare([_jsonl(tmp_path, ROWS)], **options)
    from_frame = framing.compare(pd.DataFrame(ROWS), **options)
    assert from_frame.rows() == from_path.rows()
    assert {r["outlet_type"] for r in from_frame.rows()} == {
        "state",
        "public_service",
        "wire",
        "state_funded",
    }


def test_compare_takes_a_dataframe_of_scores_like_a_scores_file(tmp_path: Path) -> None:
    options: dict[str, Any] = {"by": "outlet", "seed": 0, "n_boot": 200, "n_perm": 200}
    scores = list(framing.score_corpus(pd.DataFrame(ROWS)))
    path = tmp_path / "scores.jsonl"
    path.write_text("".join(json.dumps(s.to_dict()) + "\n" for s in scores), encoding="utf-8")
    from_file = compare_scores_file(path, **options)
    from_frame = framing.compare(framing.to_dataframe(scores), **options)
    assert from_frame.rows() == from_file.rows()
    assert from_frame.source == "DataFrame of scores"
    assert any("no evidence column" in w for w in from_frame.warnings)
    with pytest.raises(UsageError, match="lexicon_dirs= does not apply"):
        framing.compare(framing.to_dataframe(scores), lexicon_dirs=["x"])


def test_reading_dicts_does_not_import_datasets(tmp_path: Path) -> None:
    code = (
        "import sys, framing\n"
        "from framing.run.local import iter_articles\n"
        "list(iter_articles([{'text': 'Friends met at a festival.'}, framing.Article('a', 'b')]))\n"
        "print('datasets' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "False"  # (pandas comes with the scorer's own imports)
