"""The Dask engine gives the local engine's rows, on a LocalCluster of 2 worker processes."""

from __future__ import annotations

import faulthandler
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed]")

sys.path.insert(0, str(ROOT / "scripts"))
import make_corpus

from framing.errors import FramingError, InputError, UsageError
from framing.records import Skipped
from framing.run.engine_dask import (
    INSTALL_HINT,
    list_shards,
    score_to_parquet,
)
from framing.run.local import score_corpus

N_ARTICLES = 5000


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes, one thread each; stopped at the end whatever happens. A hang
    (a cluster that never starts) ends the run with a traceback instead of blocking CI."""
    import distributed

    faulthandler.dump_traceback_later(600, exit=True)
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    client = distributed.Client(cluster, timeout=60)
    try:
        yield client
    finally:
        client.close(timeout=30)
        cluster.close(timeout=30)
        faulthandler.cancel_dump_traceback_later()


def local_rows(paths: list[str]) -> list[dict[str, Any]]:
    """The local engine's rows for the same shards (bad items skipped, as the Dask run does)."""
    return [s.to_dict() for s in score_corpus(paths, skipped=[])]


def parquet_rows(folder: Path) -> list[dict[str, Any]]:
    import pandas as pd

    frame = pd.read_parquet(folder)
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def same_rows(dask: list[dict[str, Any]], local: list[dict[str, Any]]) -> None:
    """Equal values column by column; metadata is text in Parquet (JSON for non-strings)."""
    assert [r["id"] for r in dask] == [r["id"] for r in local]
    for got, want in zip(dask, local, strict=True):
        for key, value in want.items():
            if key in got and isinstance(got[key], str) and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False)
            assert got[key] == value, f"{want['id']}: {key}"
        extra = {k: v for k, v in got.items() if k not in want and v is not None}
        assert not extra, f"{want['id']}: columns not in the local row: {extra}"


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("shards")
    return [str(p) for p in make_corpus.write_shards(folder, N_ARTICLES, 5)]


@pytest.mark.slow
def test_generated_corpus_equals_the_local_engine(client, shards, tmp_path) -> None:
    summary = score_to_parquet(shards, tmp_path / "out", client=client)
    assert (summary.rows, summary.shards, summary.files, summary.skipped) == (N_ARTICLES, 5, 5, 0)
    same_rows(parquet_rows(tmp_path / "out"), local_rows(shards))


@pytest.mark.slow
def test_parquet_shards_give_the_same_rows(client, shards, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "pq"
    folder.mkdir()
    for shard in shards[:2]:
        records = [json.loads(line) for line in Path(shard).read_text().splitlines()]
        pq.write_table(pa.Table.from_pylist(records), folder / (Path(shard).stem + ".parquet"))
    score_to_parquet(folder, tmp_path / "out", client=client)
    same_rows(parquet_rows(tmp_path / "out"), local_rows(shards[:2]))


def test_seeds_equal_the_local_engine(client, seeds_dir, tmp_path) -> None:
    seeds = tmp_path / "seeds.jsonl"
    with seeds.open("w", encoding="utf-8") as fh:
        for article in score_corpus([seeds_dir]):
            a = article.article
            fh.write(json.dumps({**a.metadata(), "text": a.text}) + "\n")
    summary = score_to_parquet([seeds], tmp_path / "out", client=client)
    assert summary.rows == 5
    same_rows(parquet_rows(tmp_path / "out"), local_rows([str(seeds)]))


def test_bad_lines_are_reported_in_order_and_the_rest_scored(client, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = [json.dumps(make_corpus.article(i)) for i in range(6)]
    (folder / "a.jsonl").write_text("\n".join([good[0], "{not json", good[1], '"a string"']) + "\n")
    (folder / "b.jsonl").write_text("\n".join([good[2], '{"id": "x"}', good[3]]) + "\n")
    skipped: list[Skipped] = []
    summary = score_to_parquet(folder, tmp_path / "out", client=client, on_skip=skipped.append)
    assert summary.rows == 4 and summary.skipped == 3
    assert [(Path(s.source).name, s.line) for s in skipped] == [
        ("a.jsonl", 2),
        ("a.jsonl", 4),
        ("b.jsonl", 2),
    ]
    same_rows(parquet_rows(tmp_path / "out"), local_rows(list_shards(folder)))


def test_shards_with_different_metadata_read_as_one_table(client, tmp_path) -> None:
    import dask.dataframe as dd

    folder = tmp_path / "in"
    folder.mkdir()
    a = {**make_corpus.article(1), "section": "world", "n_words": 12}
    b = {**make_corpus.article(2), "byline": "A. Writer"}
    (folder / "a.jsonl").write_text(json.dumps(a) + "\n")
    (folder / "b.jsonl").write_text(json.dumps(b) + "\n")
    score_to_parquet(folder, tmp_path / "out", client=client)
    frame = dd.read_parquet(tmp_path / "out").compute()
    assert list(frame["section"].fillna("-")) == ["world", "-"]
    assert list(frame["byline"].fillna("-")) == ["-", "A. Writer"]
    assert list(frame["n_words"].fillna("-")) == ["12", "-"]  # metadata is text


def test_resume_keeps_the_shards_already_written(client, shards, tmp_path) -> None:
    from framing.run.engine_dask import ScorerSpec, _prepare_partial, score_shard

    out = tmp_path / "out"
    small = shards[:2]
    # An interrupted run: its run record, and the first shard done.
    partial = Path(f"{out}.partial")
    first = score_to_parquet(small, tmp_path / "ref", client=client)
    run = json.loads((tmp_path / "ref" / "_framing_run.json").read_text())
    run.pop("metadata_columns")
    _prepare_partial(partial, run, resume=False)
    score_shard(0, list_shards(small)[0], str(partial), ScorerSpec(), "text")
    summary = score_to_parquet(small, out, client=client, resume=True)
    assert summary.resumed_shards == 1 and summary.rows == first.rows
    assert parquet_rows(out) == parquet_rows(tmp_path / "ref")
    assert not partial.exists()


def test_output_folder_must_be_new(client, shards, tmp_path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_text("keep me")
    with pytest.raises(UsageError, match="already exists"):
        score_to_parquet(shards[:1], tmp_path / "out", client=client)


def test_list_shards(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    names = ["b.jsonl", "a.parquet", "sub/c.jsonl.gz", "d.csv", "e.warc.gz", ".hidden.jsonl"]
    for name in [*names, "_meta.json"]:
        (tmp_path / name).write_text("")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in list_shards(tmp_path)] == [
        "a.parquet",
        "b.jsonl",
        "d.csv",
        "e.warc.gz",
        "sub/c.jsonl.gz",
    ]
    assert list_shards(str(tmp_path / "*.jsonl")) == [str(tmp_path / "b.jsonl")]
    with pytest.raises(InputError, match="pattern matches no file"):
        list_shards(str(tmp_path / "*.tsv"))
    with pytest.raises(InputError, match="no such file"):
        list_shards(tmp_path / "nope")
    (tmp_path / "x.txt").write_text("")  # a single article file is read as it is
    assert list_shards(tmp_path / "x.txt") == [str(tmp_path / "x.txt")]
    # a folder holding an article file is an article folder, as for the local engine
    assert list_shards(tmp_path) == [str(tmp_path)]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="folder has no .txt, .md, .html"):
        list_shards(tmp_path / "empty")


def test_seeds_folder_equals_the_local_engine(client, seeds_dir, tmp_path) -> None:
    summary = score_to_parquet([seeds_dir], tmp_path / "out", client=client)
    assert (summary.rows, summary.shards, summary.skipped) == (5, 1, 0)
    same_rows(parquet_rows(tmp_path / "out"), local_rows([str(seeds_dir)]))


def test_html_folder_equals_the_local_engine(client, tmp_path) -> None:
    pytest.importorskip("trafilatura")
    pages = ROOT / "tests" / "data" / "pages"  # three pages and the article as a text file
    summary = score_to_parquet([pages], tmp_path / "out", client=client)
    assert summary.rows == 4
    rows = parquet_rows(tmp_path / "out")
    same_rows(rows, local_rows([str(pages)]))
    assert {r["id"]: r["author"] for r in rows}["portal"] == "Ana Reporter"


def test_every_input_kind_together_equals_the_local_engine(client, seeds_dir, tmp_path) -> None:
    """Folders split into parts, WARC, CSV, a single page; ids prefixed as the local engine
    prefixes them for several paths; skipped items reported in reading order."""
    pytest.importorskip("fastwarc")
    import make_pages

    pages = ROOT / "tests" / "data" / "pages"
    warc = tmp_path / "crawl.warc.gz"
    page = (pages / "portal.html").read_bytes()
    warc.write_bytes(make_pages.warc_bytes([
        ("https://news.example.org/a", "2025-01-20T10:00:00Z",
         make_pages.http_response("200 OK", "text/html", page)),
        ("https://news.example.org/i.png", "2025-01-20T10:00:00Z",
         make_pages.http_response("200 OK", "image/png", b"\x89PNG")),
    ], gzip=True))  # fmt: skip
    csv_file = tmp_path / "rows.csv"
    csv_file.write_text('id,outlet,text\nr1,Example,"Officials warned of a spy threat."\nr2,X,\n')
    paths = [str(seeds_dir), str(pages), str(warc), str(csv_file), str(pages / "blog.html")]
    skipped: list[Skipped] = []
    summary = score_to_parquet(
        paths, tmp_path / "out", client=client, on_skip=skipped.append, files_per_part=2
    )
    local_skipped: list[Skipped] = []
    local = [s.to_dict() for s in score_corpus(paths, skipped=local_skipped)]
    assert summary.shards == 3 + 2 + 3 and summary.rows == len(local) == 5 + 4 + 1 + 1 + 1
    same_rows(parquet_rows(tmp_path / "out"), local)
    assert skipped == local_skipped and len(skipped) == 2


def test_unreachable_scheduler_is_one_clear_error(shards, tmp_path) -> None:
    with pytest.raises(FramingError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        score_to_parquet(shards[:1], tmp_path / "out", scheduler="tcp://127.0.0.1:9", timeout=2)


def test_without_dask_the_error_says_how_to_install_it(monkeypatch, shards, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError) as info:
        score_to_parquet(shards[:1], tmp_path / "out")
    assert str(info.value) == INSTALL_HINT
    assert 'pip install "framelens[dask]"' in INSTALL_HINT


@pytest.mark.slow
def test_the_command_reads_the_seeds_folder_on_dask(seeds_dir, tmp_path) -> None:
    from click.testing import CliRunner

    from framing.cli import main

    out = tmp_path / "out"
    args = ["score", str(seeds_dir), "--engine", "dask", "--jobs", "1", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert "wrote 5 rows in 1 Parquet files" in result.stderr
    same_rows(parquet_rows(out), local_rows([str(seeds_dir)]))


def test_a_part_a_worker_cannot_see_is_one_clear_error(seeds_dir, tmp_path) -> None:
    import shutil

    from framing.run.engine_dask import ScorerSpec, plan, score_shard

    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    (part,) = plan([folder])
    shutil.rmtree(folder)  # as on a worker that does not mount the storage
    with pytest.raises(InputError, match="on worker .* every worker sees at the same path"):
        score_shard(0, part, str(tmp_path), ScorerSpec(), "text")


def mixed_language_corpus(folder: Path) -> list[str]:
    """A folder (English, French, Chinese files) and a JSONL file (Spanish, French, English,
    an id the folder also has): the inputs of the language-summary tests."""
    from test_language import ARTICLES, ENGLISH

    (folder / "texts").mkdir()
    for name, text in [("en", ENGLISH), ("fr", ARTICLES["fr"]), ("zh", ARTICLES["zh"])]:
        (folder / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
    rows = [
        {"id": "es", "text": ARTICLES["es"]},
        {"id": "fr2", "text": ARTICLES["fr"].replace("mercredi", "jeudi")},
        {"id": "en2", "text": ENGLISH},
        {"id": "en2", "text": ENGLISH.replace("Wednesday", "Thursday")},
    ]
    jsonl = folder / "news.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [str(folder / "texts"), str(jsonl)]


def test_language_and_id_counts_equal_the_local_engine(client, tmp_path) -> None:
    from framing.run.local import IdTally

    paths = mixed_language_corpus(tmp_path)
    local, dask = IdTally(), IdTally()
    rows = [s.to_dict() for s in score_corpus(paths, ids=local)]
    summary = score_to_parquet(paths, tmp_path / "out", client=client, ids=dask)
    same_rows(parquet_rows(tmp_path / "out"), rows)
    want = "4 articles not scored, their language is not one the loaded axes and models read (fr 2, es 1, zh 1)"
    assert local.language_message() == dask.language_message() == want
    assert summary.languages == {"fr": 2, "zh": 1, "es": 1}
    assert local.message() == dask.message() is not None  # en2 twice, found in both
    assert "'en2'" in dask.message()


@pytest.mark.slow
def test_the_command_prints_the_same_summary_on_both_engines(tmp_path) -> None:
    from click.testing import CliRunner

    from framing.cli import main

    paths = mixed_language_corpus(tmp_path)
    local = CliRunner().invoke(main, ["score", *paths, "-o", str(tmp_path / "s.jsonl")])
    dask = CliRunner().invoke(
        main, ["score", *paths, "--engine", "dask", "--jobs", "1", "-o", str(tmp_path / "out")]
    )
    assert local.exit_code == dask.exit_code == 0, (local.stderr, dask.stderr)
    line = "framing: warning: 4 articles not scored, their language is not one the loaded axes and models read (fr 2, es 1, zh 1)"
    assert line in local.stderr.splitlines() and line in dask.stderr.splitlines()
    repeated = [x for x in local.stderr.splitlines() if "repeat an id" in x]
    assert len(repeated) == 1 and repeated[0] in dask.stderr.splitlines()


def _crawl_folder(folder: Path, *, with_articles: bool) -> Path:
    """WARC files in a folder (one in a sub-folder), beside article files or alone."""
    pytest.importorskip("fastwarc")
    import make_pages

    pages = ROOT / "tests" / "data" / "pages"
    page = (pages / "portal.html").read_bytes()
    (folder / "sub").mkdir(parents=True)
    for name, host in (("crawl.warc", "news"), ("sub/more.warc.gz", "other")):
        (folder / name).write_bytes(make_pages.warc_bytes([
            (f"https://{host}.example.org/a", "2025-01-20T10:00:00Z",
             make_pages.http_response("200 OK", "text/html", page)),
            (f"https://{host}.example.org/i.png", "2025-01-20T10:00:00Z",
             make_pages.http_response("200 OK", "image/png", b"\x89PNG")),
        ], gzip=name.endswith(".gz")))  # fmt: skip
    if with_articles:
        (folder / "a.txt").write_bytes((pages / "article.txt").read_bytes())
        (folder / "b.html").write_bytes(page)
        (folder / "manifest.csv").write_text("file,outlet\ncrawl.warc,Harbour Post\n")
    return folder


@pytest.mark.parametrize("with_articles", [True, False])
def test_a_folder_of_crawl_files_equals_the_local_engine(client, tmp_path, with_articles) -> None:
    folder = _crawl_folder(tmp_path / "f", with_articles=with_articles)
    skipped: list[Skipped] = []
    summary = score_to_parquet(
        [folder], tmp_path / "out", client=client, on_skip=skipped.append, files_per_part=2
    )
    local_skipped: list[Skipped] = []
    local = [s.to_dict() for s in score_corpus([folder], skipped=local_skipped)]
    assert summary.rows == len(local) == (4 if with_articles else 2)
    same_rows(parquet_rows(tmp_path / "out"), local)
    assert skipped == local_skipped and len(skipped) == 2  # each WARC's passed-over image
    if with_articles:
        outlets = {r["id"]: r["outlet"] for r in local}
        assert outlets["https://news.example.org/a"] == "Harbour Post"
