"""The candidate-mining statistic (scripts/mine_lexicon_candidates.py) on synthetic documents."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import lexicon_corpora as lc
import mine_lexicon_candidates as mlc


def test_log_odds_z_points_to_the_class_that_uses_the_term_more() -> None:
    assert mlc.log_odds_z(2, 40, 1000, 1000, 0.1) > 2
    assert mlc.log_odds_z(40, 2, 1000, 1000, 0.1) < -2


def test_log_odds_z_is_antisymmetric_and_zero_for_an_absent_term() -> None:
    z = mlc.log_odds_z(3, 30, 500, 2000, 0.1)
    assert mlc.log_odds_z(30, 3, 2000, 500, 0.1) == pytest.approx(-z)
    assert mlc.log_odds_z(0, 0, 500, 2000, 0.1) == 0.0


def test_rate_not_raw_count_decides() -> None:
    # Same count in both classes, but the positive class is four times smaller.
    assert mlc.log_odds_z(20, 20, 4000, 1000, 0.1) > 2


def _docs() -> list[lc.Doc]:
    wire = "The minister said on Monday that talks would resume, a spokesman told reporters."
    state = "Experts observed that the so-called report is groundless and unfounded."
    return [lc.Doc(state, 0, "s")] * 6 + [lc.Doc(wire, 1, "w")] * 6


def test_mining_ranks_each_pole_s_own_phrases() -> None:
    counts = mlc.count_corpus(_docs(), max_n=3, min_count=5)
    z = mlc.corpus_z(counts, 0.1)
    assert z["told reporters"] > 0 > z["so-called"]
    assert z["said on monday"] > 0 > z["experts observed"]
    assert abs(z["the"]) < min(abs(z["told reporters"]), abs(z["so-called"]))


def test_min_count_drops_rare_ngrams() -> None:
    docs = [*_docs(), lc.Doc("a rare hapax here", 1, "w")]
    counts = mlc.count_corpus(docs, max_n=1, min_count=5)
    assert "hapax" not in counts.pos and counts.pos["said"] == 6


def test_combine_counts_support_across_corpora() -> None:
    counts = mlc.count_corpus(_docs(), max_n=2, min_count=5)
    zs = mlc.corpus_z(counts, 0.1)
    both = mlc.combine({"a": (counts, zs), "b": (counts, zs)}, support_z=1.0)
    by_term = {c.term: c for c in both}
    assert by_term["told reporters"].support == 2 and by_term["told reporters"].against == 0
    assert by_term["so-called"].z < 0 and by_term["so-called"].support == 2
