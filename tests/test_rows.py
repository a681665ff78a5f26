"""``framing.corpus.rows``: the one reader of table files that are not corpora."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from framing.corpus.rows import read_rows
from framing.errors import InputError


def test_csv_typed_and_untyped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\ufeffid,score,ok,blank\n007,1.5,true,\n", encoding="utf-8")
    assert list(read_rows(path)) == [(2, {"id": 7, "score": 1.5, "ok": True, "blank": None})]
    assert list(read_rows(path, typed=False)) == [
        (2, {"id": "007", "score": "1.5", "ok": "true", "blank": ""})
    ]


def test_jsonl_gz_json_and_tsv(tmp_path: Path) -> None:
    gz = tmp_path / "t.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "a"}\n\n{"id": "b"}\n')
    assert [n for n, _ in read_rows(gz)] == [1, 3]
    js = tmp_path / "t.json"
    js.write_text('[{"id": 1}, {"id": 2}]', encoding="utf-8")
    assert [r["id"] for _, r in read_rows(js)] == [1, 2]
    tsv = tmp_path / "t.tsv"
    tsv.write_text("id\tx\na\t1\n", encoding="utf-8")
    assert list(read_rows(tsv)) == [(2, {"id": "a", "x": 1})]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jsonl", '{"id": 1}\n{oops\n', "bad.jsonl:2: not JSON"),
        ("list.jsonl", "[1, 2]\n", "list.jsonl:1: not a JSON object"),
        ("obj.json", '{"id": 1}', "not a JSON array"),
        ("latin.csv", b"id\n\xe9\n", "not UTF-8"),
        ("t.xlsx", "x", "reads .jsonl"),
        ("bad.parquet", "not parquet", "not a readable Parquet file"),
    ],
)
def test_bad_files_are_one_line(
    tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_rows(path, what="a scores file"))
    assert message in str(info.value)
    assert "\n" not in str(info.value)
