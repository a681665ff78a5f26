"""``framing compare --scores`` on large files: rows streamed, unused columns not read."""

from __future__ import annotations

import csv

import pytest

from framing.comparison.scores_file import UNUSED_BY_COMPARE, ScoresFile, read_scores
from framing.corpus.rows import read_rows


def _rows(n: int) -> list[dict]:
    return [
        {"id": f"a{i}", "outlet": f"o{i % 3}", "title": f"T{i}", "x": float(i), "x_no_hits": False}
        for i in range(n)
    ]


def test_parquet_is_read_in_batches_numbered_through(tmp_path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.Table.from_pylist(_rows(20_000)), path, row_group_size=5000)
    got = list(read_rows(path, drop=frozenset({"title"})))
    assert [n for n, _ in got] == list(range(1, 20_001))
    assert got[-1][1] == {"id": "a19999", "outlet": "o1", "x": 19999.0, "x_no_hits": False}


def test_dropped_columns_are_not_read_from_csv_or_jsonl(tmp_path) -> None:
    path = tmp_path / "t.csv"
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(_rows(1)[0]))
        w.writeheader()
        w.writerows(_rows(3))
    rows = [r for _, r in read_rows(path, drop=frozenset({"title", "x"}))]
    assert list(rows[0]) == ["id", "outlet", "x_no_hits"] and rows[2]["outlet"] == "o2"
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text('{"id": "a", "title": "T"}\n')
    assert [r for _, r in read_rows(jsonl, drop=frozenset({"title"}))] == [{"id": "a"}]


def test_a_scores_file_read_for_compare_skips_the_unused_columns(tmp_path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a", "outlet": "o", "title": "T", "frames": "Economic", "sentiment_compound": 0.1,'
        ' "x": 0.5, "x_no_hits": false, "x_n_hits": 1, "x_p_hits": 2}\n'
    )
    (kept,) = read_scores(ScoresFile(str(path), drop=UNUSED_BY_COMPARE))
    assert kept.article.title == "" and kept.frames_predicted == ()
    assert kept.axes["x"].positive_hits == 2
    (full,) = read_scores(ScoresFile(str(path)))
    assert full.article.title == "T" and full.frames_predicted == ("Economic",)
