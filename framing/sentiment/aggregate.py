"""Sentence sentiment with VADER, aggregated to the article over short passages.

VADER is never run over a whole article: its compound score is a normalised sum that
saturates towards +-1 as a text grows, so a long article would always look extreme. Nor is
the article the plain mean of its sentences: on VADER's own rated texts that mean loses to
VADER run on the whole text (tweets: Pearson r 0.804 vs 0.872), because a one-word or
emoji-only "sentence" ("Ugh.", ":D") weighs as much as a real one and because, in a short
text, VADER's summed valence is the better measure of intensity.

The article compound (``sentiment_compound``) is therefore computed over **passages**:
consecutive sentences packed greedily while the passage has at most ``PASSAGE_TOKENS`` (50)
word tokens (a longer sentence is a passage on its own), each passage scored by VADER as one
text, and the passage compounds averaged with their token counts as weights. A text of up to
50 words (a tweet, a review snippet, a news sentence) is one passage: VADER on the whole
text, exactly. A news article becomes passages of two or three sentences, short enough that
the compound does not saturate, and a fragment is read together with its neighbours.

Chosen on ``framing benchmark vader-groundtruth`` and ``framing benchmark newsmtsc`` together
among 18 candidates (README, "Sentiment"): one of the two (both 50-token passages) at or above
naive VADER on every group of both sets, and the better of them on NewsMTSC. On texts of up to
50 words that is by construction (they are one passage); on news articles there is no labeled
set, and the passage compound is larger in magnitude than the sentence mean. The shares of
positive (compound >= 0.05), negative (<= -0.05) and neutral sentences and
``Sentiment.sentences`` stay per sentence.

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
from framing.text import tokenize

POSITIVE = 0.05
NEGATIVE = -0.05
#: Most word tokens in a passage of several sentences (see the module docstring).
PASSAGE_TOKENS = 50


def sentence_compounds(sentences: Sequence[str]) -> list[float]:
    """VADER's compound score for each sentence, identical to vaderSentiment's."""
    return default_analyzer().compounds(sentences)


def token_counts(sentences: Sequence[str]) -> list[int]:
    """Word tokens per sentence (``framing.text.tokenize``)."""
    return [len(tokenize(s)) for s in sentences]


def passages(
    sentences: Sequence[str],
    limit: int = PASSAGE_TOKENS,
    counts: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Sentence ranges ``(start, stop)``: consecutive sentences while the passage has at most
    ``limit`` word tokens; a longer sentence is a passage alone. ``counts``: the sentences'
    word tokens when the caller has them already (the scorer tokenises once)."""
    if counts is None:
        counts = token_counts(sentences)
    out: list[tuple[int, int]] = []
    start, size = 0, 0
    for i, n in enumerate(counts):
        if i > start and size + n > limit:
            out.append((start, i))
            start, size = i, 0
        size += n
    if sentences:
        out.append((start, len(sentences)))
    return out


def passage_compound(
    sentences: Sequence[str], compounds: Sequence[float], counts: Sequence[int] | None = None
) -> float:
    """The article compound: passages' VADER compounds, weighted by their word tokens
    (``counts``: per sentence, when known)."""
    analyzer = default_analyzer()
    if counts is None:
        counts = token_counts(sentences)
    total = weight = 0.0
    for start, stop in passages(sentences, counts=counts):
        if stop - start == 1:
            value = compounds[start]
        else:
            value = analyzer.compound(" ".join(sentences[start:stop]))
        n = max(1, sum(counts[start:stop]))
        total += n * value
        weight += n
    return total / weight if weight else 0.0


def aggregate(compounds: Sequence[float], compound: float | None = None) -> Sentiment:
    """Sentence shares and the article compound (``compound``; default: the mean sentence
    compound); an article with no sentences is neutral (0)."""
    n = len(compounds)
    if n == 0:
        return Sentiment(0.0, 0.0, 0.0, 0.0, 0, ())
    pos = sum(1 for c in compounds if c >= POSITIVE)
    neg = sum(1 for c in compounds if c <= NEGATIVE)
    return Sentiment(
        compound=round(sum(compounds) / n if compound is None else compound, 4),
        pos_share=round(pos / n, 4),
        neg_share=round(neg / n, 4),
        neu_share=round((n - pos - neg) / n, 4),
        n_sentences=n,
        sentences=tuple(compounds),
    )


def sentiment(sentences: Sequence[str], counts: Sequence[int] | None = None) -> Sentiment:
    """Sentence-level VADER sentiment of an article given as sentences, aggregated over
    passages (module docstring). ``counts``: word tokens per sentence, when the caller has
    tokenised them already (the same numbers ``framing.text.tokenize`` gives)."""
    compounds = sentence_compounds(sentences)
    return aggregate(compounds, passage_compound(sentences, compounds, counts))
