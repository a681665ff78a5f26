"""Sentence sentiment with VADER, aggregated to the article.

VADER is run per sentence, never over a whole article: its compound score is a normalised
sum that saturates towards +-1 as a text grows, so a long article would always look extreme.
The article's sentiment is the mean sentence compound and the shares of positive (compound
>= 0.05), negative (<= -0.05) and neutral sentences, VADER's own thresholds.

Sentence scores come from ``framing.sentiment.vader.FastVader``: an exact re-implementation of
vaderSentiment 3.3.2 (same scores, bit for bit, checked against the package in
``tests/test_vader_exact.py`` and ``benchmarks/vader_agreement.py``) that is several times
faster and caches repeated sentences. This module and ``framing.sentiment.vader`` are the only
places that touch vaderSentiment, which stays the reference and the source of the lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.records import Sentiment
from framing.sentiment.vader import default_analyzer

POSITIVE = 0.05
NEGATIVE = -0.05


def sentence_compounds(sentences: Sequence[str]) -> list[float]:
    """VADER's compound score for each sentence, identical to vaderSentiment's."""
    return default_analyzer().compounds(sentences)


def aggregate(compounds: Sequence[float]) -> Sentiment:
    """Mean compound and sentence shares; an article with no sentences is neutral (0)."""
    n = len(compounds)
    if n == 0:
        return Sentiment(0.0, 0.0, 0.0, 0.0, 0, ())
    pos = sum(1 for c in compounds if c >= POSITIVE)
    neg = sum(1 for c in compounds if c <= NEGATIVE)
    return Sentiment(
        compound=round(sum(compounds) / n, 4),
        pos_share=round(pos / n, 4),
        neg_share=round(neg / n, 4),
        neu_share=round((n - pos - neg) / n, 4),
        n_sentences=n,
        sentences=tuple(compounds),
    )


def sentiment(sentences: Sequence[str]) -> Sentiment:
    """Sentence-level VADER sentiment of an article given as sentences."""
    return aggregate(sentence_compounds(sentences))
