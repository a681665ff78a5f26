"""The article compound: VADER over passages of sentences (framing.sentiment.aggregate)."""

from __future__ import annotations

from conftest import ROOT

from framing.sentiment.aggregate import PASSAGE_TOKENS, passages, sentiment
from framing.sentiment.vader import default_analyzer
from framing.text import tokenize


def test_short_text_is_vader_on_the_whole_text() -> None:
    sentences = ["Ugh.", "I hate hate hate getting blood drawn."]
    assert sentiment(sentences).compound == default_analyzer().compound(" ".join(sentences))
    assert sentiment(sentences).sentences == tuple(default_analyzer().compounds(sentences))


def test_fragments_join_their_neighbours() -> None:
    assert passages(["Yay.", "Another good phone interview.", ":D"]) == [(0, 3)]


def test_passages_stop_at_the_token_limit() -> None:
    long = " ".join(["word"] * (PASSAGE_TOKENS - 5)) + "."
    assert passages([long, long, "Short one."]) == [(0, 1), (1, 3)]
    alone = " ".join(["word"] * (PASSAGE_TOKENS + 20)) + "."
    assert passages(["Hi.", alone, "Bye."]) == [(0, 1), (1, 2), (2, 3)]
    assert passages([]) == []


def test_passages_are_token_weighted() -> None:
    good = "The good app is nice and " + " ".join(["people"] * 44) + " like it."
    bad = "The ban is awful."
    sentences = [good, bad]
    n_good, n_bad = len(tokenize(good)), len(tokenize(bad))
    assert n_good + n_bad > PASSAGE_TOKENS
    assert passages(sentences) == [(0, 1), (1, 2)]
    analyzer = default_analyzer()
    expected = (n_good * analyzer.compound(good) + n_bad * analyzer.compound(bad)) / (
        n_good + n_bad
    )
    assert sentiment(sentences).compound == round(expected, 4)


def test_no_sentences_is_neutral() -> None:
    s = sentiment([])
    assert (s.compound, s.n_sentences) == (0.0, 0)


def test_token_counts_from_the_scorer_give_the_same_sentiment() -> None:
    from framing.text import split_sentences, tokenize

    text = (ROOT / "seeds" / "000_b8b6c37ad7fa7c19.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    counts = [len(tokenize(s)) for s in sentences]
    assert sentiment(sentences, counts) == sentiment(sentences)
    assert passages(sentences, counts=counts) == passages(sentences)
