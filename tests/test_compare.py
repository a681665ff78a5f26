from __future__ import annotations

import math
import random

import pytest

from framing.comparison.compare import compare_scores
from framing.comparison.grouping import parse_date, period
from framing.errors import UsageError
from framing.records import Article
from framing.scoring.scorer import Scorer

FILLER = [
    "officials",
    "users",
    "app",
    "market",
    "company",
    "people",
    "city",
    "week",
    "report",
    "data",
    "said",
]


def _text(rng: random.Random, threat: int, friend: int, n: int = 60) -> str:
    words = rng.choices(FILLER, k=n) + ["threat"] * threat + ["friends"] * friend
    rng.shuffle(words)
    return " ".join(words) + "."


def corpus(seed: int = 0) -> list[Article]:
    """Group A leans to threat, B to friendship, C has two articles; A holds one reprint."""
    rng = random.Random(seed)
    arts = []
    for i in range(8):
        arts.append(Article(f"a{i}", _text(rng, rng.randint(3, 6), rng.randint(0, 2)), "A",
                            "state", date=f"2025-01-{i + 1:02d}"))  # fmt: skip
    for i in range(8):
        arts.append(Article(f"b{i}", _text(rng, rng.randint(0, 2), rng.randint(3, 6)), "B",
                            "wire", date=f"2025-02-{i + 1:02d}"))  # fmt: skip
    arts.append(Article("c0", _text(rng, 1, 1), "C", "other", date="not a date"))
    arts.append(Article("c1", _text(rng, 2, 1), "C", "other"))
    return arts


@pytest.fixture
def scorer(toy_lexicon) -> Scorer:
    return Scorer(lexicons={"toy": toy_lexicon}, sentiment=False)


def run(scorer, articles, **kw):
    return compare_scores(scorer.score_all(articles), n_boot=500, n_perm=500, **kw)


def test_groups_estimates_and_contrasts(scorer) -> None:
    res = run(scorer, corpus())
    assert [g.group for g in res.groups] == ["A", "B", "C"]
    a, b, c = res.groups
    assert a.estimates["toy"].mean < 0 < b.estimates["toy"].mean
    assert a.estimates["toy"].low <= a.estimates["toy"].mean <= a.estimates["toy"].high
    ab = next(x for x in res.contrasts if x.measure == "toy" and (x.a, x.b) == ("A", "B"))
    assert ab.diff < 0 and ab.high < 0 and ab.p < 0.01 and ab.p_adjusted >= ab.p
    assert ab.cohens_d < -1 and ab.cliffs_delta < -0.8 and ab.warning == ""
    assert c.n == 2 and "n<5" in c.warnings[0]
    ac = next(x for x in res.contrasts if x.measure == "toy" and x.b == "C")
    assert ac.warning == "n<5: weak"


def test_same_seed_same_numbers_other_seed_other_intervals(scorer) -> None:
    one, two, other = (run(scorer, corpus(), seed=s) for s in (3, 3, 4))
    assert one.rows() == two.rows() and one.contrast_rows() == two.contrast_rows()
    assert one.rows() != other.rows()


def test_group_of_one_has_no_interval_and_no_test_but_is_shown(scorer) -> None:
    res = run(scorer, [*corpus(), Article("d0", "threat threat.", "D")])
    d = next(g for g in res.groups if g.group == "D")
    assert d.n == 1 and d.estimates["toy"].low is None and d.warnings == ("n<2: no interval",)
    assert all(c.p is None and c.warning == "n<2: no test" for c in res.contrasts if c.b == "D")


def test_syndicated_copies_are_averaged_into_one_observation(scorer) -> None:
    arts = corpus()
    copy = Article("a0-copy", arts[0].text, "A", "state")
    res = run(scorer, [*arts, copy])
    a = res.groups[0]
    assert (a.n, a.n_articles) == (8, 9)
    assert a.merged == (("a0", "a0-copy"),)
    assert any("merged" in w for w in a.warnings)
    assert [set(c.ids) for c in res.clusters] == [{"a0", "a0-copy"}]
    plain = run(scorer, [*arts, copy], dedupe=False)
    assert (plain.groups[0].n, plain.groups[0].n_articles) == (9, 9)
    # The copy weighs once: the mean equals the mean without it.
    assert a.estimates["toy"].mean == pytest.approx(
        run(scorer, arts).groups[0].estimates["toy"].mean
    )


def test_cluster_across_groups_gives_one_observation_to_each(scorer) -> None:
    arts = corpus()
    res = run(scorer, [*arts, Article("copy-in-b", arts[0].text, "B")])
    assert res.groups[1].n == 9 and res.clusters[0].ids == ("a0", "copy-in-b")


def test_periods_and_undated(scorer) -> None:
    res = run(scorer, corpus(), by="outlet_type", every="month")
    assert [(g.value, g.period) for g in res.groups] == [
        ("other", "undated"), ("state", "2025-01"), ("wire", "2025-02")
    ]  # fmt: skip
    assert res.n_undated == 2
    assert res.contrasts == ()  # groups in different periods are not contrasted
    assert res.tidy_rows()[0]["period"] == "undated"


@pytest.mark.parametrize(
    ("value", "every", "expected"),
    [("2025-01-16", "week", "2025-W03"), ("January 17, 2025", "month", "2025-01"),
     ("2025-01-16T10:00:00Z", "year", "2025"), ("", "week", "undated"),
     ("someday", "month", "undated")],
)  # fmt: skip
def test_period_labels(value: str, every: str, expected: str) -> None:
    assert period(value, every) == expected


def test_parse_date_formats() -> None:
    assert str(parse_date("01/17/2025")) == "2025-01-17"
    assert parse_date("17 Jan 2025").day == 17
    assert parse_date(None) is None


def test_reference_contrasts_each_group_with_it(scorer) -> None:
    res = run(scorer, corpus(), reference="B")
    assert {(c.a, c.b) for c in res.contrasts} == {("A", "B"), ("C", "B")}
    with pytest.raises(UsageError, match="Groups: A, B, C"):
        run(scorer, corpus(), reference="Z")


def test_holm_and_bh_adjust_over_the_family(scorer) -> None:
    holm = run(scorer, corpus(), correction="holm")
    bh = run(scorer, corpus(), correction="bh")
    for h, q in zip(holm.contrasts, bh.contrasts, strict=True):
        if h.p is not None:
            assert h.p <= q.p_adjusted <= h.p_adjusted + 1e-12


def test_rows_tidy_and_wide(scorer) -> None:
    res = run(scorer, corpus())
    wide = res.rows()
    assert set(wide[0]) >= {"outlet", "n", "n_articles", "toy", "toy_low", "toy_high", "warning"}
    tidy = res.tidy_rows()
    assert len(tidy) == len(res.groups) * len(res.measures)
    assert set(tidy[0]) == {
        "outlet",
        "measure",
        "n",
        "n_articles",
        "mean",
        "low",
        "high",
        "warning",
    }


def test_distinctive_terms_with_kwic(scorer) -> None:
    res = run(scorer, corpus())
    a_threat = res.groups[0].top_terms["toy"]["threat"]
    b_friend = res.groups[1].top_terms["toy"]["friend"]
    assert a_threat[0].term == "threat" and a_threat[0].z > 1.96
    assert b_friend[0].term == "friend*" and b_friend[0].z > 1.96
    assert "[threat]" in a_threat[0].kwic[0] and len(a_threat[0].kwic) <= 3
    rows = res.term_rows()
    assert {"axis", "pole", "rank", "term", "count", "rest", "log_odds", "z", "kwic"} <= set(
        rows[0]
    )


def test_frame_columns_and_extra_measures_are_compared(scorer) -> None:
    from dataclasses import replace

    scores = []
    for i, s in enumerate(scorer.score_all(corpus())):
        scores.append(replace(s, frames={"Security": 0.9 if s.article.outlet == "A" else 0.1,
                                         "Culture": i / 20}))  # fmt: skip
    res = compare_scores(scores, n_boot=200, n_perm=200, measures=["n_tokens"])
    assert res.measures == ("toy", "frame_culture", "frame_security", "sentiment_compound",
                            "sentiment_pos_share", "sentiment_neg_share", "n_tokens")  # fmt: skip
    assert res.groups[0].estimates["frame_security"].mean == pytest.approx(0.9)
    assert not math.isnan(res.groups[0].estimates["n_tokens"].mean)


def test_unknown_field_is_a_usage_error(scorer) -> None:
    with pytest.raises(UsageError, match="no article has a field 'nope'"):
        run(scorer, corpus(), by="nope")
    with pytest.raises(UsageError, match="Unknown correction"):
        run(scorer, corpus(), correction="sidak")


def test_cluster_members_are_article_positions_when_some_rows_lack_text(scorer) -> None:
    # The detector sees only rows with text; its clusters must still name input positions.
    arts = corpus()
    scores = list(scorer.score_all([*arts, Article("a0-copy", arts[0].text, "A", "state")]))
    from dataclasses import replace

    blank = replace(scores[8], article=replace(scores[8].article, text=""))  # b0, no text
    res = compare_scores([blank, *scores[:8], *scores[9:]], n_boot=500, n_perm=500)
    a, b = res.groups[0], res.groups[1]
    assert (a.n, a.n_articles) == (8, 9) and a.merged == (("a0", "a0-copy"),)
    assert (b.n, b.n_articles) == (8, 8) and b.merged == ()
    assert res.clusters[0].members == (1, 18)
