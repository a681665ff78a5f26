"""The word-trie matcher finds exactly what the first-word matcher before it found.

Random lexicons (hypothesis) drawn from the words of real sentences: one- to four-word
entries, wildcards at any word, repeated entries with other weights on either pole, the
shipped ``re:`` entries; both negation scopes (the shipped lexicons' rules). Every hit, in
order, with its weight, pole, negation and matched text, must be the same.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from functools import cache

import pytest
from _reference_matcher import FirstWordMatcher
from conftest import ROOT, SHARED_DATASETS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.axes.lexicon import Entry, load_lexicons
from framing.axes.match import Matcher
from framing.corpus.read import read_corpus
from framing.scoring.scorer import article_text
from framing.text import split_sentences, tokenize

ALLSIDES = SHARED_DATASETS / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz"


@cache
def sentences() -> tuple[tuple[str, tuple], ...]:
    texts = [article_text(a) for a in read_corpus([ROOT / "seeds"])]
    if ALLSIDES.exists():
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                texts.append(json.loads(line).get("content_original") or "")
                if n == 15:
                    break
    out = [(s, tuple(tokenize(s))) for t in texts for s in split_sentences(t)]
    return tuple(x for x in out if x[1])


@cache
def vocabulary() -> tuple[str, ...]:
    words = sorted({t.norm for _, toks in sentences() for t in toks})
    return tuple(words)


def hits(matcher: Matcher) -> list:
    return [
        h for i, (s, toks) in enumerate(sentences()) for h in matcher.match_sentence(s, toks, i)
    ]


@st.composite
def lexicons(draw):
    shipped = load_lexicons()
    base = shipped[draw(st.sampled_from(sorted(shipped)))]
    vocab = vocabulary()
    poles = (base.negative.id, base.positive.id)
    entries = []
    for line in range(draw(st.integers(1, 120))):
        n = draw(st.integers(1, 4))
        words = []
        for _ in range(n):
            word = draw(st.sampled_from(vocab))
            if len(word) > 3 and draw(st.integers(0, 4)) == 0:
                word = word[: draw(st.integers(2, len(word) - 1))] + "*"
            words.append(word)
        weight = draw(st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.0]))
        entry = Entry(" ".join(words), draw(st.sampled_from(poles)), weight, line, tuple(words))
        entries.append(entry)
        if draw(st.integers(0, 6)) == 0:  # the same words again: ties on length and weight
            entries.append(replace(entry, weight=draw(st.sampled_from([1.0, weight])), line=-1))
    regexes = [e for e in shipped["state_wire"].entries if e.regex is not None]
    chosen = draw(st.lists(st.sampled_from(regexes), max_size=4, unique_by=lambda e: e.text))
    entries += [replace(e, pole=draw(st.sampled_from(poles))) for e in chosen]
    order = draw(st.permutations(entries))
    return replace(base, entries=tuple(order))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lexicons())
def test_trie_matches_what_the_first_word_index_matched(lexicon) -> None:
    assert hits(Matcher(lexicon)) == hits(FirstWordMatcher(lexicon))


@pytest.mark.parametrize("axis", ["threat_exchange", "state_wire"])
def test_shipped_lexicons_match_as_before(axis) -> None:
    lexicon = load_lexicons()[axis]
    assert hits(Matcher(lexicon)) == hits(FirstWordMatcher(lexicon))


def test_exact_first_word_wins_a_tie_with_a_wildcard() -> None:
    base = load_lexicons()["threat_exchange"]
    pole = base.negative.id
    wild = Entry("spy* app", pole, 1.0, 1, ("spy*", "app"), label="wild")
    exact = Entry("spy app", pole, 1.0, 2, ("spy", "app"), label="exact")
    for entries in ((wild, exact), (exact, wild)):
        matcher = Matcher(replace(base, entries=entries))
        (hit,) = matcher.match_sentence("A spy app.", tokenize("A spy app."), 0)
        assert hit.term == "exact"


def test_regex_set_screens_without_losing_a_match() -> None:
    lexicon = load_lexicons()["state_wire"]
    matcher = Matcher(lexicon)
    regexes = [e for e in lexicon.entries if e.regex is not None]
    for sentence, _ in sentences():
        expected = [
            e for e in regexes if any(m.end() > m.start() for m in e.regex.finditer(sentence))
        ]
        screened = matcher._regex_hits(sentence)
        assert all(e in screened for e in expected)
