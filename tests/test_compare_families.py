# ruff: noqa: F811  (pytest fixtures imported from other test modules)
"""Issue 14: families corrected separately, p-values without a permutation floor, the floor
warning, ``--measure`` restricting the families, and China Daily against five wire and
broadcast outlets (a data-set test that skips when ../shared/datasets is absent)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from outlet_corpus import china_daily_vs_wires
from test_compare import corpus, scorer  # noqa: F401  (fixture)

from framing.comparison import stats
from framing.comparison.compare import compare_scores
from framing.errors import UsageError


def _scores(scorer):
    out = []
    for i, s in enumerate(scorer.score_all(corpus())):
        security = (0.9 if s.article.outlet == "A" else 0.1) + (i % 4) / 100
        frames = {"Security": security, "Culture": i / 20}
        out.append(replace(s, frames=frames))
    return out


def test_each_contrast_names_its_family_and_families_are_corrected_apart(scorer) -> None:
    res = compare_scores(_scores(scorer), n_boot=200, n_perm=200)
    fam = {c.measure: c.family for c in res.contrasts}
    assert fam["toy"] == fam["sentiment_compound"] == "primary"
    assert fam["frame_security"] == fam["sentiment_pos_share"] == "secondary"
    for family in ("primary", "secondary"):
        rows = [c for c in res.contrasts if c.family == family]
        assert [c.p_adjusted for c in rows] == stats.holm([c.p for c in rows])
    row = res.contrast_rows()[0]
    assert {"family", "test", "p", "p_adjusted", "p_welch", "p_brunner_munzel", "p_perm"} <= set(
        row
    )


def test_welch_p_is_not_floored_and_permutation_floor_is_warned(scorer) -> None:
    welch = compare_scores(_scores(scorer), n_boot=200, n_perm=200)
    ab = next(c for c in welch.contrasts if c.measure == "frame_security" and c.b == "B")
    assert ab.test == "welch" and ab.p < stats.permutation_floor(200) / 1000
    assert welch.warnings == ()
    perm = compare_scores(_scores(scorer), n_boot=200, n_perm=200, test="permutation")
    ab = next(c for c in perm.contrasts if c.measure == "frame_security" and c.b == "B")
    assert ab.p == pytest.approx(stats.permutation_floor(200))
    (note,) = [w for w in perm.warnings if w.startswith("secondary family")]
    assert "limited by --n-perm" in note and "--test welch" in note
    with pytest.raises(UsageError, match="Unknown test 'z'"):
        compare_scores(_scores(scorer), test="z")


def test_measure_restricts_the_tested_family(scorer) -> None:
    res = compare_scores(_scores(scorer), n_boot=200, n_perm=200, measures=["toy", "n_tokens"])
    assert {c.measure for c in res.contrasts} == {"toy", "n_tokens"}
    assert {c.family for c in res.contrasts if c.measure == "n_tokens"} == {"secondary"}
    assert "frame_security" in res.measures  # group means are still computed for every measure
    assert res.measures.count("toy") == 1


@pytest.fixture(scope="module")
def outlet_scores():
    articles = china_daily_vs_wires()
    if articles is None:
        pytest.skip(
            "../shared/datasets (democracy-chinadaily-vs-nyt, allsides-abp-wire-subset) absent"
        )
    from framing.scoring.scorer import default_scorer

    return list(default_scorer().score_all(articles))


def test_china_daily_state_wire_difference_is_significant_after_correction(outlet_scores) -> None:
    res = compare_scores(outlet_scores, n_boot=200, n_perm=200, seed=0)
    rows = [c for c in res.contrasts if c.measure == "state_wire" and "China Daily" in (c.a, c.b)]
    assert len(rows) == 5 and {c.family for c in rows} == {"primary"}
    for c in rows:
        # a large effect (d > 1.5 with the lexicon alone as state_wire) must reach significance
        assert abs(c.cohens_d) > 1.5 and c.test == "welch"
        assert c.p_adjusted < 1e-10, (c.a, c.b, c.p_adjusted)
        assert c.p_perm >= stats.permutation_floor(200)  # the permutation p would floor
