"""``resample_cap``: big groups keep exact means and Welch, and resample a seeded sample."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.comparison.compare import compare_scores
from framing.comparison.sampling import GroupStream, group_rng, reservoir_positions
from framing.comparison.scores_file import NumericRows, compare_scores_file, read_scores
from framing.errors import UsageError

FIELDS = ["id", "outlet", "date", "x", "x_no_hits", "x_n_hits", "x_p_hits", "y", "y_no_hits",
          "y_a_hits", "y_b_hits", "sentiment_compound", "sentiment_pos_share",
          "sentiment_neg_share", "sentiment_neu_share", "frame_economic", "n_tokens"]  # fmt: skip


def _rows(sizes: dict[str, int], seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed)
    out = []
    groups = [g for g, n in sizes.items() for _ in range(n)]
    rng.shuffle(groups)
    for i, g in enumerate(groups):
        shift = 0.2 if g == "A" else 0.0
        out.append(
            {
                "id": f"r{i}",
                "outlet": g,
                "date": "2025-01-02",
                "x": round(float(np.clip(rng.normal(shift, 0.4), -1, 1)), 4),
                "x_no_hits": False,
                "x_n_hits": 1,
                "x_p_hits": 2,
                "y": round(float(rng.uniform(-1, 1)), 4),
                "y_no_hits": False,
                "y_a_hits": 0,
                "y_b_hits": 1,
                "sentiment_compound": None if i % 17 == 0 else round(float(rng.uniform(-1, 1)), 4),
                "sentiment_pos_share": 0.3,
                "sentiment_neg_share": round(float(rng.uniform()), 3),
                "sentiment_neu_share": 0.2,
                "frame_economic": round(float(rng.uniform()), 4),
                "n_tokens": 100 + i % 7,
            }
        )
    return out


@pytest.fixture
def scores_csv(tmp_path):
    path = tmp_path / "scores.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(_rows({"A": 700, "B": 450, "C": 60}))
    return path


OPTS = {"n_boot": 400, "n_perm": 400, "seed": 3}


def _contrast(res, measure="x", pair=("A", "B")):
    return next(c for c in res.contrasts if c.measure == measure and (c.a, c.b) == pair)


def test_capped_keeps_means_welch_and_d_exact_and_intervals_close(scores_csv) -> None:
    full = compare_scores_file(scores_csv, resample_cap=0, **OPTS)
    capped = compare_scores_file(scores_csv, resample_cap=200, **OPTS)
    for g_full, g_cap in zip(full.groups, capped.groups, strict=True):
        assert g_cap.n == g_full.n and g_cap.n_articles == g_full.n_articles
        for m in full.measures:
            a, b = g_full.estimates[m], g_cap.estimates[m]
            assert b.mean == pytest.approx(a.mean, rel=1e-12, abs=1e-15)
            if g_full.n > 200 and m in ("x", "y", "frame_economic"):
                width_full, width_cap = a.high - a.low, b.high - b.low
                assert width_cap == pytest.approx(width_full, rel=0.25)
                assert b.low < b.mean < b.high
    assert [g.n_resampled for g in capped.groups] == [200, 200, None]
    for m in ("x", "y", "sentiment_compound"):
        one, two = _contrast(full, m), _contrast(capped, m)
        assert two.diff == pytest.approx(one.diff, rel=1e-10, abs=1e-14)
        assert two.p_welch == pytest.approx(one.p_welch, rel=1e-8)
        assert two.cohens_d == pytest.approx(one.cohens_d, rel=1e-10)
        assert two.low < two.diff < two.high
    # the rounded outputs that are meant to be exact are equal
    rows_full = {(r["outlet"], r["measure"]): r for r in full.tidy_rows()}
    for r in capped.tidy_rows():
        assert r["mean"] == rows_full[(r["outlet"], r["measure"])]["mean"]
    notes = [w for w in capped.warnings if "seeded sample" in w]
    assert notes == [
        "group A: intervals and rank tests on a seeded sample of 200 of 700 observations;"
        " means and Welch exact",
        "group B: intervals and rank tests on a seeded sample of 200 of 450 observations;"
        " means and Welch exact",
    ]
    assert not any("seeded sample" in w for w in full.warnings)
    assert [r["n_resampled"] for r in capped.rows()] == [200, 200, 60]
    assert "n_resampled" not in full.rows()[0] and "n_resampled" not in full.tidy_rows()[0]
    assert len(capped.points) == 200 + 200 + 60 and len(full.points) == 1210


def test_capped_is_deterministic_and_the_seed_picks_the_sample(scores_csv) -> None:
    one = compare_scores_file(scores_csv, resample_cap=150, **OPTS)
    two = compare_scores_file(scores_csv, resample_cap=150, **OPTS)
    assert one.rows() == two.rows() and one.contrast_rows() == two.contrast_rows()
    assert one.points == two.points
    other = compare_scores_file(scores_csv, resample_cap=150, **{**OPTS, "seed": 4})
    assert other.groups[0].ids != one.groups[0].ids


def test_a_cap_at_or_above_the_group_sizes_changes_nothing(scores_csv) -> None:
    none = compare_scores_file(scores_csv, resample_cap=0, **OPTS)
    for cap in (700, 5000):
        same = compare_scores_file(scores_csv, resample_cap=cap, **OPTS)
        assert same.rows() == none.rows() and same.tidy_rows() == none.tidy_rows()
        assert same.contrast_rows() == none.contrast_rows() and same.points == none.points
        assert same.warnings == none.warnings


@pytest.mark.parametrize("cap", [0, 200])
def test_numbers_path_equals_the_article_score_path(scores_csv, cap) -> None:
    # The column reader (no ArticleScore per row) and the ArticleScore path: same sample,
    # same numbers (moments summed in blocks differ from numpy's sums only in the last bits).
    fast = compare_scores_file(scores_csv, resample_cap=cap, dedupe=False, **OPTS)
    slow = compare_scores(read_scores(str(scores_csv)), resample_cap=cap, dedupe=False, **OPTS)
    assert fast.tidy_rows() == slow.tidy_rows()
    assert fast.contrast_rows() == slow.contrast_rows()
    assert fast.points == slow.points and fast.measures == slow.measures
    with_measure = compare_scores_file(scores_csv, resample_cap=cap, measures=["n_tokens"], **OPTS)
    slow_measure = compare_scores(
        read_scores(str(scores_csv)), resample_cap=cap, measures=["n_tokens"], **OPTS
    )
    assert with_measure.contrast_rows() == slow_measure.contrast_rows()


def test_a_scores_file_without_text_or_evidence_is_read_as_numbers(scores_csv, monkeypatch):
    used = []
    original = NumericRows.feed_compare

    def spy(self, acc, progress=None):
        used.append(acc.streaming)
        return original(self, acc, progress)

    monkeypatch.setattr(NumericRows, "feed_compare", spy)
    compare_scores_file(scores_csv, **OPTS)
    assert used == [True]


def test_a_json_lines_file_with_a_late_text_is_read_again_as_articles(tmp_path) -> None:
    import json

    rows = _rows({"A": 30, "B": 30})
    rows[-1]["text"] = "A late text."
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = compare_scores_file(path, **OPTS)
    assert res.n_articles == 60 and not any("no 'text' column" in w for w in res.warnings)


def test_the_reservoir_of_a_stream_is_the_reservoir_of_positions() -> None:
    rng_a, rng_b = group_rng(7, ("A", "")), group_rng(7, ("A", ""))
    stream = GroupStream(100, rng_a)
    values = np.arange(10_000, dtype=float)
    for i, v in enumerate(values.tolist()):
        stream.add(i, f"r{i}", [v, math.nan if i % 3 else v], 2)
    stream.finish(2)
    kept = reservoir_positions(10_000, 100, rng_b)
    assert stream.rows == kept.tolist() and stream.sample[:, 0].tolist() == kept.tolist()
    assert stream.moments(0) == pytest.approx((10_000, values.mean(), values.var(ddof=1)))
    thirds = values[::3]
    assert stream.moments(1) == pytest.approx((thirds.size, thirds.mean(), thirds.var(ddof=1)))


@pytest.mark.parametrize("bad", [-1, 50, 2.5, "10", True])
def test_a_bad_cap_is_a_usage_error(bad) -> None:
    with pytest.raises(UsageError, match="resample_cap"):
        compare_scores([], resample_cap=bad)


@pytest.mark.parametrize("bad", ["-5", "2.5", "abc", "10"])
def test_a_bad_resample_cap_option_is_one_line(scores_csv, bad) -> None:
    result = CliRunner().invoke(
        main, ["compare", "--scores", str(scores_csv), "--resample-cap", bad]
    )
    assert result.exit_code == 2, result.output
    assert "--resample-cap" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_the_cli_takes_and_documents_the_cap(scores_csv) -> None:
    help_text = CliRunner().invoke(main, ["compare", "--help"]).output
    assert "--resample-cap" in help_text
    result = CliRunner().invoke(
        main,
        ["compare", "--scores", str(scores_csv), "--resample-cap", "100", "--n-boot", "200",
         "--n-perm", "200", "--format", "csv", "--wide"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0].split(",")
    assert header[:4] == ["outlet", "n", "n_articles", "n_resampled"]


def test_capped_texts_keep_clusters_and_the_report_says_it(toy_lexicon) -> None:
    import random

    from framing.comparison.report import render_report
    from framing.records import Article
    from framing.scoring.scorer import Scorer

    rng = random.Random(1)
    words = ["officials", "market", "city", "report", "data", "said", "week", "people"]

    def text(threat: int) -> str:
        body = rng.choices(words, k=40) + ["threat"] * threat + ["friends"] * (3 - threat)
        rng.shuffle(body)
        return " ".join(body) + "."

    arts = [Article(f"a{i}", text(rng.randint(1, 3)), "A") for i in range(130)]
    arts += [Article(f"b{i}", text(rng.randint(0, 2)), "B") for i in range(120)]
    arts.append(Article("a0-copy", arts[0].text, "A"))
    scores = list(Scorer(lexicons={"toy": toy_lexicon}, sentiment=False).score_all(arts))
    res = compare_scores(scores, resample_cap=100, **OPTS)
    plain = compare_scores(scores, resample_cap=0, **OPTS)
    a = res.groups[0]
    assert (a.n, a.n_articles, a.n_resampled) == (130, 131, 100)
    assert a.merged == (("a0", "a0-copy"),) == plain.groups[0].merged
    assert a.estimates["toy"].mean == plain.groups[0].estimates["toy"].mean
    assert _contrast(res, "toy").p_welch == _contrast(plain, "toy").p_welch
    html = render_report(res)
    assert "seeded sample of 100 of 130 observations" in html


def test_a_stream_without_cap_keeps_every_row_and_widens_for_a_late_measure() -> None:
    stream = GroupStream(0, group_rng(0, ("A", "")))
    for i in range(1000):
        stream.add(i, f"r{i}", [float(i)] if i < 600 else [float(i), 1.0], 1 if i < 600 else 2)
    stream.finish(2)
    assert stream.rows == list(range(1000)) and not stream.sampled
    assert stream.sample.shape == (1000, 2) and np.isnan(stream.sample[:600, 1]).all()
    assert stream.moments(1) == (400, 1.0, 0.0)
