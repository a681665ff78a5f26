"""The lexicon file's ``scoring`` block: the evidence form, repeats, priors (issue 12)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from framing.axes.lexicon import Scoring, get_lexicon, parse_lexicon
from framing.errors import LexiconError
from framing.records import Hit
from framing.scoring.scorer import Scorer, lexicon_component, lexicon_score

VALID = (Path(__file__).parent / "data" / "demo_axis.yaml").read_text(encoding="utf-8")
EVIDENCE = Scoring(form="evidence", repeats="log", prior=16, prior_per_1k_tokens=10)


def hits(term: str, pole: str, n: int, weight: float = 2.0) -> list[Hit]:
    return [Hit(term, term, pole, weight, i, counted_for=pole) for i in range(n)]


def with_scoring(block: str) -> str:
    return VALID.replace("poles:", f"scoring:\n{block}poles:", 1)


def test_no_block_is_the_pole_balance_exactly() -> None:
    lex = parse_lexicon(VALID, "demo.yaml")
    assert lex.scoring == Scoring()
    for n, p, k in [(0, 0, 10), (1, 0, 300), (0, 3.5, 5), (10, 2, 900), (2.5, 2.5, 40)]:
        neg = [Hit("a", "a", "bad", n, 0, counted_for="bad")] if n else []
        pos = [Hit("b", "b", "good", p, 0, counted_for="good")] if p else []
        assert lexicon_component(Scoring(), neg, pos, k) == lexicon_score(n, p)


def test_block_parses() -> None:
    block = "  form: evidence\n  repeats: log\n  prior: 16\n  prior_per_1k_tokens: 10\n"
    assert parse_lexicon(with_scoring(block), "demo.yaml").scoring == EVIDENCE


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("  form: ratio\n", "scoring.form must be 'balance' or 'evidence', not 'ratio'"),
        ("  repeats: sqrt\n", "scoring.repeats must be 'linear' or 'log'"),
        ("  prior: 0\n", "scoring.prior must be a number from 0.01 to 1000"),
        ("  prior_per_1k_tokens: -1\n", "scoring.prior_per_1k_tokens must be a number from 0"),
        ("  prior: lots\n", "scoring.prior must be a number"),
        ("  priors: 3\n", "scoring: unknown key 'priors' (allowed: form, prior, prior_per_1k"),
    ],
)
def test_bad_block_names_the_line(block: str, message: str) -> None:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(with_scoring(block), "demo.yaml")
    hit = [p for p in info.value.problems if message in p]
    assert hit, info.value.problems
    assert hit[0].startswith("demo.yaml:9:"), hit


def test_evidence_form_is_the_documented_formula() -> None:
    neg, pos = hits("spy*", "bad", 3), hits("friends", "good", 1, 1.0)
    expected = math.tanh((1.0 - 2.0 * (1 + math.log(3))) / (16 + 10 * 600 / 1000))
    assert lexicon_component(EVIDENCE, neg, pos, 600) == pytest.approx(expected)


def test_repeats_of_one_entry_count_less_than_varied_entries() -> None:
    one = hits("tourism", "good", 6)
    varied = [h for t in ("welcome", "friends", "curiosity", "hospitality", "guests", "learn")
              for h in hits(t, "good", 1)]  # fmt: skip
    assert (
        0 < lexicon_component(EVIDENCE, [], one, 400) < lexicon_component(EVIDENCE, [], varied, 400)
    )
    linear = replace(EVIDENCE, repeats="linear")
    assert lexicon_component(linear, [], one, 400) == lexicon_component(linear, [], varied, 400)


def test_the_same_hits_in_a_longer_text_score_nearer_zero() -> None:
    neg = hits("threat", "bad", 2)
    short, long = (lexicon_component(EVIDENCE, neg, [], k) for k in (150, 1400))
    assert short < long < 0
    # the pole balance does not see length: the saturation the evidence form removes
    assert lexicon_component(Scoring(), neg, [], 150) == lexicon_component(Scoring(), neg, [], 1400)


def test_dense_one_sided_framing_approaches_the_pole() -> None:
    neg = [h for t in ("espionage", "spy*", "national security", "surveil*", "ban", "cyber*",
                       "adversar*", "data harvest*", "censor*", "threat")
           for h in hits(t, "bad", 3, 2.5)]  # fmt: skip
    assert lexicon_component(EVIDENCE, neg, [], 500) < -0.9


def test_shipped_threat_exchange_uses_the_evidence_form_and_state_wire_the_balance() -> None:
    assert get_lexicon("threat_exchange").scoring.form == "evidence"
    assert get_lexicon("state_wire").scoring == Scoring()


def test_scorer_applies_the_lexicon_files_formula() -> None:
    lex = parse_lexicon(with_scoring("  form: evidence\n  prior: 4\n"), "demo.yaml")
    axis = (
        Scorer(lexicons={"demo": lex}, sentiment=False, use_models=False)
        .score("It was awful, awful and great.")
        .axes["demo"]
    )
    assert axis.lexicon == pytest.approx(round(math.tanh((1.5 - 2.0) / 4), 4))
    assert axis.negative_weight == 2.0  # the raw sums stay as they were
