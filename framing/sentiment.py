"""Sentence sentiment with VADER, aggregated to the article.

VADER is run per sentence, never over a whole article: its compound score is a normalised
sum that saturates towards +-1 as a text grows, so a long article would always look extreme.
The article's sentiment is the mean sentence compound and the shares of positive (compound
>= 0.05), negative (<= -0.05) and neutral sentences, VADER's own thresholds.

This module is the only place that talks to vaderSentiment.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from framing.records import Sentiment

POSITIVE = 0.05
NEGATIVE = -0.05


@cache
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_compounds(sentences: Sequence[str]) -> list[float]:
    """VADER's compound score for each sentence."""
    analyzer = _analyzer()
    return [analyzer.polarity_scores(s)["compound"] for s in sentences]


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
