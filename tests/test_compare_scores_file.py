# ruff: noqa: F811  (pytest fixtures imported from other test modules)
"""``framing compare --scores FILE``: a ``framing score`` output compared without rescoring."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT
from test_compare_cli import corpus_file, toy_scorer  # noqa: F401  (fixtures)

from framing.cli import main

FAST = ["--n-boot", "200", "--n-perm", "200"]


def framing(*args: str):
    return CliRunner().invoke(main, list(args))


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _tables(*args: str) -> dict[str, list[dict]]:
    out = {}
    for table in ("groups", "contrasts"):
        res = framing("compare", *args, *FAST, "--format", "jsonl", "--table", table)
        assert res.exit_code == 0, res.output
        out[table] = _jsonl(res.stdout)
    return out


def test_seeds_scores_file_equals_comparing_the_corpus(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    scores = tmp_path / "s.jsonl"
    assert framing("score", "seeds", "-o", str(scores), "--format", "jsonl").exit_code == 0
    # A scores file has no texts, so no syndication: compare the corpus without dedupe.
    assert _tables("--scores", str(scores)) == _tables("seeds", "--no-dedupe")
    res = framing("compare", "--scores", str(scores), *FAST)
    assert res.exit_code == 0
    assert "no evidence column, so no distinctive terms" in res.stdout
    assert "syndicated copies were not detected" in res.stdout


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_scores_file_with_evidence_gives_terms_too(toy_scorer, corpus_file, tmp_path, suffix):
    scores = tmp_path / f"s.{suffix}"
    fmt = {"jsonl": "jsonl", "csv": "csv", "parquet": "jsonl"}[suffix]
    if suffix == "parquet":
        pd = pytest.importorskip("pandas")
        res = framing("score", str(corpus_file), "--format", "jsonl", "--evidence")
        rows = _jsonl(res.stdout)
        for r in rows:
            r["evidence"] = json.dumps(r["evidence"])
        pd.DataFrame(rows).to_parquet(scores)
    else:
        res = framing("score", str(corpus_file), "--format", fmt, "--evidence", "-o", str(scores))
        assert res.exit_code == 0, res.output
    from_file = _tables("--scores", str(scores))
    from_corpus = _tables(str(corpus_file), "--no-dedupe")
    assert from_file == from_corpus
    terms = framing(
        "compare", "--scores", str(scores), *FAST, "--format", "jsonl", "--table", "terms"
    )
    direct = framing("compare", str(corpus_file), "--no-dedupe", *FAST, "--format", "jsonl",
                     "--table", "terms")  # fmt: skip
    assert terms.exit_code == 0 and _jsonl(terms.stdout) == _jsonl(direct.stdout)


def test_scores_file_with_a_text_column_finds_syndication(
    toy_scorer, corpus_file, tmp_path
) -> None:
    res = framing("score", str(corpus_file), "--format", "jsonl")
    texts = {r["id"]: r["text"] for r in _jsonl(corpus_file.read_text())}
    scores = tmp_path / "s.jsonl"
    scores.write_text("".join(json.dumps({**r, "text": texts[r["id"]]}) + "\n"
                              for r in _jsonl(res.stdout)))  # fmt: skip
    assert _tables("--scores", str(scores)) == _tables(str(corpus_file))


def test_scores_file_errors_are_one_line_naming_the_file(toy_scorer, corpus_file, tmp_path) -> None:
    missing = framing("compare", "--scores", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1 and "nope.jsonl: no such file" in missing.stderr
    not_scores = framing("compare", "--scores", str(corpus_file))
    assert not_scores.exit_code == 1
    assert "corpus.jsonl: no sentiment_compound column" in not_scores.stderr
    assert len(not_scores.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.jsonl"
    res = framing("score", str(corpus_file), "--format", "jsonl")
    bad.write_text(res.stdout + "{oops\n")
    broken = framing("compare", "--scores", str(bad))
    assert broken.exit_code == 1 and "bad.jsonl:20: not JSON" in broken.stderr
    both = framing("compare", str(corpus_file), "--scores", str(bad))
    assert both.exit_code == 2 and "not both" in both.stderr
    neither = framing("compare")
    assert neither.exit_code == 2 and "--scores FILE" in neither.stderr
    odd = tmp_path / "s.txt"
    odd.write_text("x")
    assert "--scores reads" in framing("compare", "--scores", str(odd)).stderr


def test_help_and_docs_name_what_a_scores_file_cannot_give() -> None:
    text = framing("compare", "--help").stdout
    for option in ("--scores", "--test", "--measure", "--correction"):
        assert option in text
    flat = " ".join(text.split())
    assert "Distinctive terms need its evidence column" in flat and "syndication a text" in flat
    docs = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    for phrase in ("--scores", "--test", "`family`", "permutation floor", "--measure"):
        assert phrase in docs
