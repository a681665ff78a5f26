"""Output files are complete or absent; an interrupted run resumes with every row exactly once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.errors import InputError, UsageError
from framing.records import Article, Skipped
from framing.run.checkpoint import (
    CheckpointWriter,
    ErrorReport,
    meta_path,
    partial_path,
    score_to_file,
)
from framing.scoring.scorer import Scorer

FORMATS = ["jsonl", "csv", "tsv", "json"]


@pytest.fixture(scope="module")
def scorer(toy_lexicon) -> Scorer:
    return Scorer(lexicons={"toy": toy_lexicon})


def corpus(n: int = 30, ids: list[str] | None = None) -> list[Article]:
    ids = ids or [f"a{i}" for i in range(n)]
    return [
        Article(
            id=id_,
            title=f'Title "{i}",\nwith a newline',  # quoted CSV field holding a newline
            text=f"Spying is a threat {i}. Friends welcome you." * (1 + i % 3),
            meta={"n": i},
        )
        for i, id_ in enumerate(ids)
    ]


def run(articles, out: Path, scorer: Scorer, fmt: str, **kw) -> object:
    return score_to_file(articles, out, fmt=fmt, scorer=scorer, **kw)


class Crash(Exception):
    pass


def crash_after(articles: list[Article], k: int) -> Iterator[Article]:
    """The input of a run that dies after ``k`` articles."""
    yield from articles[:k]
    raise Crash()


def uninterrupted(tmp_path: Path, articles, scorer, fmt) -> bytes:
    ref = tmp_path / f"ref.{fmt}"
    run(articles, ref, scorer, fmt)
    return ref.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_complete_run_leaves_only_the_output(tmp_path, scorer, fmt) -> None:
    out = tmp_path / f"out.{fmt}"
    summary = run(corpus(), out, scorer, fmt)
    assert summary.written == 30 and summary.resumed == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_crash_keeps_the_rows_and_never_touches_the_old_output(tmp_path, scorer, fmt) -> None:
    out = tmp_path / f"out.{fmt}"
    out.write_text("old complete output\n", encoding="utf-8")
    with pytest.raises(Crash):
        run(crash_after(corpus(), 12), out, scorer, fmt)
    assert out.read_text(encoding="utf-8") == "old complete output\n"
    assert partial_path(out).exists() and meta_path(out).exists()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("torn", [0, 1, 7])
def test_resume_gives_every_row_exactly_once(tmp_path, scorer, fmt, torn) -> None:
    articles = corpus()
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(Crash):
        run(crash_after(articles, 12), out, scorer, fmt)
    if torn:  # a write cut short: the first bytes of the next row
        with open(partial_path(out), "ab") as fh:
            fh.write(
                b'{"id": "a12", "outl'[:torn] if fmt in ("jsonl", "json") else b'a12,"Ti'[:torn]
            )
    summary = run(articles, out, scorer, fmt, resume=True)
    assert (summary.resumed, summary.written, summary.unmatched) == (12, 18, 0)
    assert out.read_bytes() == uninterrupted(tmp_path, articles, scorer, fmt)
    assert not partial_path(out).exists() and not meta_path(out).exists()


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_resume_cuts_a_record_torn_inside_a_quoted_newline(tmp_path, scorer, fmt) -> None:
    articles = corpus()
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(Crash):
        run(crash_after(articles, 5), out, scorer, fmt)
    with open(partial_path(out), "ab") as fh:
        fh.write(b'a5,unknown,unknown,"Title ""5"",\n')  # ends in a newline, inside quotes
    summary = run(articles, out, scorer, fmt, resume=True)
    assert (summary.resumed, summary.written) == (5, 25)
    assert out.read_bytes() == uninterrupted(tmp_path, articles, scorer, fmt)


def test_duplicate_ids_are_neither_lost_nor_doubled(tmp_path, scorer) -> None:
    articles = corpus(ids=["x", "y", "x", "z", "x", "y"])
    out = tmp_path / "out.jsonl"
    with pytest.raises(Crash):
        run(crash_after(articles, 3), out, scorer, "jsonl")
    summary = run(articles, out, scorer, "jsonl", resume=True)
    assert (summary.resumed, summary.written) == (3, 3)
    assert out.read_bytes() == uninterrupted(tmp_path, articles, scorer, "jsonl")


def test_rows_whose_articles_are_gone_are_kept_and_counted(tmp_path, scorer) -> None:
    articles = corpus()
    out = tmp_path / "out.jsonl"
    with pytest.raises(Crash):
        run(crash_after(articles, 10), out, scorer, "jsonl")
    summary = run(articles[3:], out, scorer, "jsonl", resume=True)
    assert (summary.resumed, summary.written, summary.unmatched) == (10, 20, 3)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [a.id for a in articles]


def test_resume_without_a_partial_file_starts_from_the_beginning(tmp_path, scorer) -> None:
    out = tmp_path / "out.jsonl"
    summary = run(corpus(), out, scorer, "jsonl", resume=True)
    assert (summary.resumed, summary.written) == (0, 30)


def test_a_run_without_resume_replaces_an_old_partial_file(tmp_path, scorer) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(Crash):
        run(crash_after(corpus(), 10), out, scorer, "jsonl")
    summary = run(corpus(), out, scorer, "jsonl")
    assert (summary.resumed, summary.written) == (0, 30)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 30


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fmt": "csv"}, "format='jsonl'"),
        ({"evidence": True}, "evidence=False"),
        ({"text_column": "body"}, "text_column='text'"),
    ],
)
def test_resume_refuses_other_settings(tmp_path, scorer, change, message) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(Crash):
        run(crash_after(corpus(), 10), out, scorer, "jsonl")
    fmt = change.pop("fmt", "jsonl")
    with pytest.raises(UsageError, match=message):
        run(corpus(), out, scorer, fmt, resume=True, **change)


def test_resume_refuses_an_edited_lexicon(tmp_path, scorer, toy_lexicon) -> None:
    import dataclasses

    out = tmp_path / "out.jsonl"
    with pytest.raises(Crash):
        run(crash_after(corpus(), 10), out, scorer, "jsonl")
    edited = dataclasses.replace(toy_lexicon, entries=toy_lexicon.entries[1:])
    with pytest.raises(UsageError, match="axes="):
        run(corpus(), out, Scorer(lexicons={"toy": edited}), "jsonl", resume=True)


def test_a_foreign_partial_file_is_named(tmp_path, scorer) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(Crash):
        run(crash_after(corpus(), 3), out, scorer, "jsonl")
    with open(partial_path(out), "a", encoding="utf-8") as fh:
        fh.write("not json\n")
    with pytest.raises(InputError, match=r"out.jsonl.partial:4: not a row written by framing"):
        run(corpus(), out, scorer, "jsonl", resume=True)


def test_a_bad_path_leaves_no_partial_file(tmp_path, scorer) -> None:
    out = tmp_path / "out.jsonl"

    def bad() -> Iterator[Article]:
        raise InputError("no such file or folder", source="nope/")
        yield

    with pytest.raises(InputError):
        run(bad(), out, scorer, "jsonl")
    assert list(tmp_path.iterdir()) == []


def test_table_and_missing_folders_are_usage_errors(tmp_path) -> None:
    with pytest.raises(UsageError, match="cannot be written to a file resumably"):
        CheckpointWriter(tmp_path / "x", "table")
    with pytest.raises(UsageError, match="does not exist"):
        CheckpointWriter(tmp_path / "no" / "x", "jsonl")
    with pytest.raises(UsageError, match="does not exist"):
        ErrorReport(tmp_path / "no" / "errors.jsonl")


def test_error_report_is_json_lines_written_at_close(tmp_path) -> None:
    path = tmp_path / "errors.jsonl"
    report = ErrorReport(path)
    report.add(Skipped("a.jsonl", "invalid JSON: Expecting value (column 1)", 3))
    report.add(Skipped("b.txt", "empty file"))
    assert not path.exists()
    report.close()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {"source": "a.jsonl", "line": 3, "reason": "invalid JSON: Expecting value (column 1)"},
        {"source": "b.txt", "line": None, "reason": "empty file"},
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.jsonl"]


def test_a_csv_partial_widened_by_a_late_column_resumes(tmp_path) -> None:
    """A column that first appears mid-run widens the partial file's header at once, so a
    resumed run reads the wider header back and every row keeps every column."""
    import csv

    from framing.run.checkpoint import CheckpointWriter, partial_path

    out = tmp_path / "rows.csv"
    rows = [{"id": "a", "x": 1}, {"id": "b", "x": 2, "section": "world"}, {"id": "c", "x": 3}]
    with pytest.raises(RuntimeError), CheckpointWriter(out, "csv") as writer:
        writer.write(rows[0])
        writer.write(rows[1])
        raise RuntimeError("killed")
    assert partial_path(out).read_text().splitlines()[0] == "id,x,warning,section"
    writer = CheckpointWriter(out, "csv", resume=True)
    assert writer.resumed == 2
    with writer:
        writer.write({**rows[2], "warning": "late"})
    got = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [(r["id"], r["section"], r["warning"]) for r in got] == [
        ("a", "", ""),
        ("b", "world", ""),
        ("c", "", "late"),
    ]
