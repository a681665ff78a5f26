"""10,000 good articles and 50 bad ones: every good one scored, every bad one named with its
reason in the --errors report, exit status 1.

FRAMING_BAD_CORPUS_GOOD=N changes the number of good articles (default 10,000).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT

from framing.cli import main

sys.path.insert(0, str(ROOT / "scripts"))
import make_corpus

GOOD = int(os.environ.get("FRAMING_BAD_CORPUS_GOOD", "10000"))
SHORT = (2, 4)  # sentences per article: this test is about reading, not scoring


def good_article(i: int) -> dict[str, Any]:
    return make_corpus.article(i, seed=7, sentences=SHORT)


def build(root: Path) -> tuple[list[Path], set[str], dict[tuple[str, int | None], str]]:
    """The corpus: inputs, the ids of the good articles, and (source, line) -> the word the
    reason of each bad item must contain."""
    n_txt, n_csv = GOOD // 5, GOOD // 5
    n_jsonl = GOOD - n_txt - n_csv
    ids: set[str] = set()
    bad: dict[tuple[str, int | None], str] = {}

    folder = root / "txt"
    folder.mkdir(parents=True)
    for i in range(n_txt):
        a = good_article(i)
        (folder / f"g{i:05d}.txt").write_text(f"{a['title']}\n\n{a['text']}\n", encoding="utf-8")
        ids.add(f"{folder.as_posix()}/g{i:05d}")
    for k in range(5):
        (folder / f"empty{k}.txt").write_bytes(b"" if k % 2 else b"  \n\n \t\n")
        bad[(str(folder / f"empty{k}.txt"), None)] = "empty"
    for k in range(5):
        (folder / f"binary{k}.txt").write_bytes(bytes(range(256)) * (k + 1) + b"\x00\x01")
        bad[(str(folder / f"binary{k}.txt"), None)] = "binary"
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB in one file
        block = (good_article(0)["text"] + "\n").encode() * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
    bad[(str(folder / "huge.txt"), None)] = "too large"
    (folder / "vanishing.txt").write_text("Deleted between listing and reading.", encoding="utf-8")
    bad[(str(folder / "vanishing.txt"), None)] = "disappeared"

    jsonl = root / "a.jsonl"
    broken = [b'{"id": "x", "text": "no end', b"{'single': 'quotes'}", b'{"id": 1,, "text": "x"}',
              b"not json at all", b'{"text": "x"} trailing']  # fmt: skip
    malformed_after = set(range(0, n_jsonl, max(1, n_jsonl // 15))[:15])
    with jsonl.open("wb") as fh:
        line = 0
        for i in range(n_jsonl):
            a = good_article(n_txt + i)
            fh.write(json.dumps(a).encode() + b"\n")
            line += 1
            ids.add(a["id"])
            if i in malformed_after:  # 15 malformed lines, spread through the file
                fh.write(broken[i % len(broken)] + b"\n")
                line += 1
                bad[(str(jsonl), line)] = "invalid JSON"
        for k in range(5):  # truncated UTF-8: a multi-byte character cut in half
            fh.write(f'{{"id": "cut{k}", "text": "Caf'.encode() + "é".encode()[:1] + b'"}\n')
            line += 1
            bad[(str(jsonl), line)] = "UTF-8"
        for value in ("[1, 2, 3]", '"a string"', "42"):
            fh.write(value.encode() + b"\n")
            line += 1
            bad[(str(jsonl), line)] = "not a JSON object"
        for value in ('{"id": "n1", "text": 3}', '{"id": "n2", "text": null}'):
            fh.write(value.encode() + b"\n")
            line += 1
            bad[(str(jsonl), line)] = "not a string"

    table = root / "b.csv"
    short_after = set(range(0, n_csv, max(1, n_csv // 10))[:10])
    with table.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "outlet", "title", "text"])
        line = 1
        for i in range(n_csv):
            a = good_article(n_txt + n_jsonl + i)
            writer.writerow([a["id"], a["outlet"], a["title"], a["text"]])
            line += 1
            ids.add(a["id"])
            if i in short_after:
                writer.writerow([f"short{i}", "Outlet"])  # missing fields
                line += 1
                bad[(str(table), line)] = "fields but the header has"
        for k in range(3):
            writer.writerow([f"blank{k}", "Outlet", "Title", "   "])
            line += 1
            bad[(str(table), line)] = "empty"
    return [folder, jsonl, table], ids, bad


@pytest.mark.slow
def test_every_good_article_scored_every_bad_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, good_ids, bad = build(tmp_path / "corpus")
    assert len(good_ids) == GOOD and len(bad) == 50

    import framing.corpus.files

    original = framing.corpus.files.read_text_file

    def delete_then_read(path: Path, **kwargs: Any) -> Any:
        if path.name == "vanishing.txt":  # listed already; gone before it is read
            path.unlink()
        return original(path, **kwargs)

    monkeypatch.setattr(framing.corpus.files, "read_text_file", delete_then_read)
    out, errors = tmp_path / "scores.jsonl", tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        main,
        [
            "score",
            *map(str, inputs),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "--errors",
            str(errors),
            "--jobs",
            "2",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert f"skipped 50 of {GOOD + 50} inputs" in result.stderr

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == GOOD
    assert {r["id"] for r in rows} == good_ids
    assert all(-1 <= r["threat_exchange"] <= 1 and r["n_tokens"] > 0 for r in rows)

    report = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert all(set(r) == {"source", "line", "reason"} for r in report)
    named = {(r["source"], r["line"]): r["reason"] for r in report}
    assert len(report) == len(named) == 50
    assert set(named) == set(bad)
    for where, word in bad.items():
        assert word in named[where], (where, named[where])
