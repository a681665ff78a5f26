"""``framing compare`` and its report through CliRunner, with the toy lexicon as the only axis."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_compare import corpus

import framing.scoring.scorer
from framing.axes.lexicon import load_lexicon
from framing.cli import main
from framing.scoring.scorer import Scorer

TESTS = Path(__file__).parent


@pytest.fixture
def toy_scorer(monkeypatch) -> Scorer:
    lexicons = {
        "toy": load_lexicon(TESTS / "data" / "toy_axis.yaml"),
        "demo": load_lexicon(TESTS / "data" / "demo_axis.yaml"),
    }
    scorer = Scorer(lexicons=lexicons)
    monkeypatch.setattr(framing.scoring.scorer, "default_scorer", lambda dirs=(): scorer)
    return scorer


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in corpus():
            row = {"id": a.id, "text": a.text, "outlet": a.outlet, "outlet_type": a.outlet_type,
                   "date": a.date}  # fmt: skip
            fh.write(json.dumps(row) + "\n")
        fh.write(json.dumps({"id": "a0-copy", "text": corpus()[0].text, "outlet": "A"}) + "\n")
    return path


def run(*args: str):
    return CliRunner().invoke(main, ["compare", *args, "--n-boot", "200", "--n-perm", "200"])


def test_table_shows_groups_contrasts_terms_clusters(toy_scorer, corpus_file) -> None:
    result = run(str(corpus_file))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Groups by outlet" in out and "Contrasts" in out and "Distinctive terms" in out
    assert "cluster 1: a0, a0-copy (reprint" in out
    assert "n<5: interval and contrasts weak" in out and "Warning: 1 group(s)" in out
    assert "8 (9 art.)" in out


def test_small_group_note_matches_its_shown_contrasts(toy_scorer, corpus_file) -> None:
    # C has 2 observations: its contrasts are computed and shown, flagged weak, so its note
    # must not say it is too few for contrasts
    out = run(str(corpus_file)).stdout
    assert "too few for contrasts" not in out
    c_row = next(line for line in out.splitlines() if line.startswith("C "))
    assert "n<5: interval and contrasts weak" in c_row
    assert re.search(r"^toy .* [AB] - C .* n<5: weak", out, re.M)


def test_contrast_heading_names_the_tests_its_rows_use(toy_scorer, corpus_file) -> None:
    # A (8) vs B (8) has 12870 relabelings, more than --n-perm 200: Welch; C (2) vs either
    # has 45: every relabeling enumerated, the exact permutation p whatever --test says
    # (and a measure with no variance in a group falls back to the permutation p)
    out = run(str(corpus_file)).stdout
    heading = next(line for line in out.splitlines() if line.startswith("Contrasts: diff"))
    named = re.search(r"p \(test per row: ([a-z ,]+)\)", heading)
    assert named, heading
    rows = json.loads(run(str(corpus_file), "--format", "json", "--table", "contrasts").stdout)
    shown = {r["test"] for r in rows if r["p"] is not None and "share" not in r["measure"]}
    assert {"welch", "exact permutation"} <= shown
    assert set(named.group(1).split(", ")) == shown


def test_contrast_heading_with_only_exact_tests(toy_scorer, corpus_file) -> None:
    out = run(str(corpus_file), "--reference", "C").stdout
    heading = next(line for line in out.splitlines() if line.startswith("Contrasts: diff"))
    assert "p (exact permutation test)" in heading


def test_report_names_the_tests_behind_p(toy_scorer, corpus_file, tmp_path) -> None:
    report = tmp_path / "r.html"
    assert run(str(corpus_file), "--reference", "C", "--report", str(report), "-q").exit_code == 0
    text = report.read_text(encoding="utf-8")
    assert "p: exact permutation test, holm-adjusted" in text
    assert "welch test" not in text


@pytest.mark.parametrize("table", ["groups", "contrasts", "terms", "clusters"])
def test_jsonl_tables(toy_scorer, corpus_file, table) -> None:
    result = run(str(corpus_file), "--format", "jsonl", "--table", table)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    key = {"groups": "measure", "contrasts": "p_adjusted", "terms": "kwic", "clusters": "kind"}
    assert key[table] in rows[0]


def test_same_seed_same_output(toy_scorer, corpus_file) -> None:
    args = (str(corpus_file), "--format", "csv", "--table", "contrasts", "--seed", "7")
    assert run(*args).stdout == run(*args).stdout
    assert run(*args).stdout != run(*args[:-1], "8").stdout


def test_parquet_round_trip_tidy_and_wide(toy_scorer, corpus_file, tmp_path) -> None:
    import pandas as pd

    tidy, wide = tmp_path / "tidy.parquet", tmp_path / "wide.parquet"
    assert run(str(corpus_file), "--format", "parquet", "-o", str(tidy)).exit_code == 0
    assert run(str(corpus_file), "--format", "parquet", "--wide", "-o", str(wide)).exit_code == 0
    df = pd.read_parquet(tidy)
    assert list(df.columns) == ["outlet", "measure", "n", "n_articles", "mean", "low", "high",
                                "warning"]  # fmt: skip
    assert len(df) == 3 * df["measure"].nunique()
    w = pd.read_parquet(wide)
    assert list(w["outlet"]) == ["A", "B", "C"] and w.loc[0, "n"] == 8
    assert w["toy_low"].isna().sum() == 0


def test_parquet_needs_an_output_file(toy_scorer, corpus_file) -> None:
    result = run(str(corpus_file), "--format", "parquet")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_markdown_and_csv(toy_scorer, corpus_file) -> None:
    md = run(str(corpus_file), "--format", "markdown", "--wide")
    assert md.exit_code == 0 and md.stdout.startswith("| outlet | n |")
    assert md.stdout.splitlines()[1].startswith("| --- | ---: |")
    csv = run(str(corpus_file), "--format", "csv", "--by", "outlet_type", "--every", "month")
    assert csv.exit_code == 0 and csv.stdout.startswith("outlet_type,period,measure,")
    assert "undated" in csv.stdout


def test_errors_exit_codes(toy_scorer, corpus_file, tmp_path) -> None:
    assert run(str(corpus_file), "--by", "nope").exit_code == 2
    assert run(str(corpus_file), "--correction", "sidak").exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus_file.read_text() + "{not json\n")
    result = run(str(bad), "--format", "csv")
    assert result.exit_code == 1 and "bad.jsonl:20" in result.stderr
    assert result.stdout.startswith("outlet,measure")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def test_report_is_self_contained(toy_scorer, corpus_file, tmp_path) -> None:
    report = tmp_path / "r.html"
    result = run(str(corpus_file), "--report", str(report), "--quiet")
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(text)
    tags = [t for t, _ in parser.tags]
    # dot-and-interval and forest plot per axis and sentiment (3 + 3), the map, the frames
    assert tags.count("svg") == 8
    assert {"table", "section", "nav", "style"} <= set(tags)
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"(https?:)?//", value), (tag, attrs)
        assert tag not in ("link", "img", "iframe"), tag
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0]
    for section in ("summary", "plots", "contrasts", "table", "contrast-table", "map", "terms",
                    "syndication"):  # fmt: skip
        assert f"id='{section}'" in text
    assert "a0-copy" in text and "<mark>threat</mark>" in text and "@media print" in text


def test_report_puts_frames_in_their_own_table(toy_scorer, corpus_file, tmp_path) -> None:
    """The comparison table stays a screen wide: frames are rows of the frame section."""
    report = tmp_path / "r.html"
    assert run(str(corpus_file), "--report", str(report), "--quiet").exit_code == 0
    text = report.read_text(encoding="utf-8")
    comparison = re.search(r"<section id='table'>.*?</section>", text, re.S)
    frames = re.search(r"<section id='frames'>.*?</section>", text, re.S)
    assert comparison is not None and frames is not None
    assert "frame_" not in comparison.group(0) and "sentiment_compound" in comparison.group(0)
    assert "<th>frame</th>" in frames.group(0)
    assert frames.group(0).count("<tr>") == 1 + 14  # a header and one row per frame


def test_report_answers_first_and_folds_the_details(toy_scorer, corpus_file, tmp_path) -> None:
    report = tmp_path / "r.html"
    assert run(str(corpus_file), "--report", str(report), "--quiet").exit_code == 0
    text = report.read_text(encoding="utf-8")
    order = [text.index(f"<section id='{s}'>") for s in ("summary", "plots", "contrasts", "table")]
    assert order == sorted(order)
    summary = re.search(r"<section id='summary'>.*?</section>", text, re.S).group(0)  # type: ignore[union-attr]
    assert summary.count("<li>") == 3  # toy, demo, sentiment_compound
    assert "<b>toy</b>: <span class='sure'>1 of 3 contrasts differ" in summary
    assert "A − B" in summary and "further toward threat" in summary
    for section in ("table", "contrast-table", "map", "frames", "terms", "syndication"):
        assert re.search(f"<section id='{section}'><details><summary>", text), section
    assert "#0072b2" in text.lower()  # Okabe-Ito blue, the first group's colour
    frames = re.search(r"<section id='frames'>.*?</section>", text, re.S).group(0)  # type: ignore[union-attr]
    assert "difference from the corpus mean" in frames
    assert re.search(r">[+-]0\.\d\d<", frames.split("<table")[0])  # signed differences drawn
