"""Property tests that complete tests/test_read.py: arbitrary structures in JSONL and Parquet,
arbitrary Parquet bytes, manifests and standard input. Every input gives articles, ``Skipped``
items or one ``InputError`` (a ``FramingError``), never another exception, never a hang; and
what is read can be scored and written in every format."""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import io
import json
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.corpus.read import read_corpus
from framing.errors import InputError
from framing.records import Article, Skipped
from framing.run.output import render
from framing.scoring.scorer import score

PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def read_all(paths: list[Any], **kwargs: Any) -> tuple[list[Article], list[Skipped]]:
    """Articles and skipped items; an ``InputError`` (one line) is an acceptable answer."""
    skipped: list[Skipped] = []
    try:
        articles = list(read_corpus(paths, on_skip=skipped.append, **kwargs))
    except InputError as exc:
        assert "\n" not in str(exc)
        return [], []
    for article in articles:
        assert isinstance(article, Article) and article.id and article.text.strip()
    assert all(isinstance(s, Skipped) and "\n" not in str(s) for s in skipped)
    return articles, skipped


def rows_render(articles: list[Article]) -> None:
    """What was read can be scored and written in every format."""
    rows = [score(a).to_dict(evidence=True) for a in articles[:3]]
    for fmt in ("jsonl", "json", "csv", "tsv", "table"):
        render(rows, fmt)


json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
texts = st.one_of(
    st.text(max_size=200),
    st.just("Officials said the app was banned. Users said they would welcome friends."),
    json_values,
)
records = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "id": json_values,
        "outlet": json_values,
        "outlet_type": json_values,
        "title": json_values,
        "date": json_values,
        "url": json_values,
        "outlet_inferred": json_values,
        "extra": json_values,
    },
)


@PROPERTY
@given(st.lists(records, min_size=1, max_size=5))
def test_arbitrary_jsonl_records(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        articles, skipped = read_all([path])
        assert len(articles) + len(skipped) == len(rows)
        rows_render(articles)


@PROPERTY
@given(st.lists(records, min_size=1, max_size=5))
def test_arbitrary_parquet_records(rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.parquet"
        try:
            pq.write_table(pa.Table.from_pylist(rows), path)
        except (pa.ArrowException, OverflowError, ValueError, TypeError):
            assume(False)  # not representable in Parquet: nothing to read
        articles, skipped = read_all([path])
        assert len(articles) + len(skipped) == len(rows)
        rows_render(articles)


def test_parquet_values_that_json_cannot_hold_become_text(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = {
        "text": "Officials said the app was banned.",
        "published": dt.datetime(2024, 1, 2, 3, 4, 5),
        "day": dt.date(2024, 1, 2),
        "price": Decimal("1.50"),
        "blob": b"\x00\x01",
        "tags": ["a", "b"],
    }
    pq.write_table(pa.Table.from_pylist([row]), tmp_path / "x.parquet")
    (article,) = read_corpus([tmp_path / "x.parquet"])
    assert article.id == "x:1"
    assert dict(article.meta) == {
        "published": "2024-01-02T03:04:05",
        "day": "2024-01-02",
        "price": "1.50",
        "blob": "0001",
        "tags": ["a", "b"],
    }
    json.dumps(score(article).to_dict())


@PROPERTY
@given(st.binary(max_size=3000), st.sampled_from([b"", b"PAR1"]))
def test_arbitrary_parquet_bytes(data: bytes, magic: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.parquet"
        path.write_bytes(magic + data + magic)
        articles, _ = read_all([path])
        rows_render(articles)


def test_a_truncated_parquet_file_is_one_skipped_item(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": f"r{i}", "text": f"Officials said {i} things."} for i in range(50)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "x.parquet")
    data = (tmp_path / "x.parquet").read_bytes()
    (tmp_path / "x.parquet").write_bytes(data[: len(data) // 2])
    articles, skipped = read_all([tmp_path / "x.parquet"])
    assert articles == [] and len(skipped) == 1
    assert "not a readable Parquet file" in skipped[0].reason


def test_parquet_without_the_text_column(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"body": "x"}]), tmp_path / "x.parquet")
    articles, skipped = read_all([tmp_path / "x.parquet"])
    assert articles == [] and [s.reason for s in skipped] == ["no 'text' column (columns: body)"]


@PROPERTY
@given(st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_arbitrary_manifest(manifest: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        (folder / "a.txt").write_text("Officials said the app was banned.", encoding="utf-8")
        (folder / "manifest.csv").write_bytes(manifest)
        articles, _ = read_all([folder])
        rows_render(articles)


@PROPERTY
@given(st.text(max_size=600))
def test_arbitrary_standard_input(text: str) -> None:
    articles, _ = read_all(["-"], stdin=io.StringIO(text))
    rows_render(articles)


@PROPERTY
@given(st.lists(st.sampled_from(["a", "b/", "c.jsonl", "d.parquet", "-"]), max_size=4))
def test_arbitrary_path_lists(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        Path("b").mkdir()
        Path("c.jsonl").write_text('{"text": "Officials said so."}\n', encoding="utf-8")
        read_all(names, stdin=io.StringIO(""))
