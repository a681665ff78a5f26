"""Beyond the lexicon: the words and phrases that set a group apart, and its collocations.

``distinctive_terms`` counts every unigram and bigram of each group (``--by`` any metadata
field) and ranks them by the z-score of their weighted log-odds ratio, group vs all other
groups, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
Words", section 3.5; ``framing.comparison.stats.log_odds_dirichlet``). The prior is the
pooled corpus: term ``w``'s pseudo-count is ``a_w = a0 * (y_w + r_w) / N`` with ``a0``
(``alpha0``) the prior's weight, by default 1,000 pseudo-words; then

    delta_w = log((y_w + a_w) / (n + a0 - y_w - a_w)) - log((r_w + a_w) / (m + a0 - r_w - a_w))
    var(delta_w) ~ 1 / (y_w + a_w) + 1 / (r_w + a_w),    z_w = delta_w / sqrt(var(delta_w))

with ``y_w`` the term's count in the group (of ``n`` terms), ``r_w`` in the others (``m``).
A z above 1.96 is the usual "reliably more frequent here".

Tokens are ``framing.text``'s word tokens of the title and body, sentence by sentence (a
bigram never spans two sentences). Left out: stopwords (``framing/data/stopwords.txt``),
tokens without a letter, and any bigram with a stopword in it. Terms seen fewer than
``min_count`` times in the whole corpus are not ranked. Outlet names are masked first
(``framing.corpus.masking``, plus the article's own outlet name), so an outlet's name and its
self-references ("(Reuters) -") do not head its own list; ``mask_outlets=False`` keeps them.

``collocations`` runs nltk's ``BigramCollocationFinder`` per group on the same tokens
(stopwords and numbers filtered, ``min_count``), scored by PMI or the likelihood ratio.
``distinctive_terms`` holds one Counter of terms per group, so its memory grows with the
vocabulary, not the number of articles; ``collocations`` keeps every sentence's words (not
the texts) until the finders have run.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from framing.errors import InputError, UsageError
from framing.records import Article

MEASURES = ("pmi", "llr")
NGRAMS = {"1": (1,), "2": (2,), "1,2": (1, 2)}
#: Fields every article has, named first when ``--by`` is misspelt.
CORE = ("outlet", "outlet_type", "date", "title", "url")
ALPHA0 = 1000.0
#: What a masked name becomes among the tokens: a gap, like a stopword.
_MASKED = "zzmaskedzz"


def group_of(article: Article, by: str) -> str | None:
    value = article.get(by)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value).strip()


def unknown_field(by: str, fields: Iterable[str]) -> UsageError:
    """The error for a ``--by`` no article has, naming the fields they do have."""
    known = ", ".join([*CORE, *sorted(set(fields) - set(CORE))])
    return UsageError(f"--by {by}: no article has a field {by!r}. Available: {known}")


def _sentences(article: Article, mask_outlets: bool) -> Iterator[list[str]]:
    from framing.data import stopwords
    from framing.text import split_sentences, words

    text = f"{article.title}\n{article.text}" if article.title else article.text
    if mask_outlets:
        from framing.corpus.masking import MASK, mask, mask_names

        text = mask_names(mask(text), [article.outlet]).replace(MASK, f" {_MASKED} ")
    stop = stopwords()
    for sentence in split_sentences(text):
        yield [
            w if w not in stop and w != _MASKED and any(c.isalpha() for c in w) else ""
            for w in words(sentence)
        ]


def _terms(tokens: list[str], ngrams: tuple[int, ...]) -> Iterator[str]:
    if 1 in ngrams:
        yield from (t for t in tokens if t)
    if 2 in ngrams:
        yield from (f"{a} {b}" for a, b in pairwise(tokens) if a and b)


@dataclass
class GroupedTokens:
    """Per group: term counts (or token lists for collocations), articles, and skips."""

    by: str
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    documents: dict[str, list[list[str]]] = field(default_factory=lambda: defaultdict(list))
    articles: Counter[str] = field(default_factory=Counter)
    missing: int = 0


def group_tokens(
    articles: Iterable[Article],
    *,
    by: str,
    ngrams: tuple[int, ...] = (1, 2),
    mask_outlets: bool = True,
    keep_sentences: bool = False,
) -> GroupedTokens:
    """Count terms per group (``keep_sentences``: keep the token lists for collocations)."""
    out = GroupedTokens(by)
    fields: set[str] = set()
    for article in articles:
        group = group_of(article, by)
        if group is None:
            out.missing += 1
            fields.update(k for k, v in article.meta.items() if v not in (None, ""))
            group = "unknown"
        out.articles[group] += 1
        for tokens in _sentences(article, mask_outlets):
            out.counts[group].update(_terms(tokens, ngrams))
            if keep_sentences:
                out.documents[group].append(tokens)
    total = sum(out.articles.values())
    if not total:
        raise InputError("no article to count: the inputs hold no readable article")
    if out.missing == total and by not in ("outlet", "outlet_type"):
        raise unknown_field(by, fields)
    return out


@dataclass(frozen=True)
class Term:
    """One distinctive term of a group: counts here and elsewhere, log-odds and its z."""

    group: str
    term: str
    count: int
    rest: int
    log_odds: float
    z: float

    def to_dict(self, by: str = "group") -> dict[str, Any]:
        return {
            by: self.group,
            "term": self.term,
            "count": self.count,
            "rest": self.rest,
            "log_odds": round(self.log_odds, 4),
            "z": round(self.z, 3),
        }


def log_odds_terms(
    counts: dict[str, Counter[str]],
    *,
    min_count: int = 5,
    top: int = 10,
    alpha0: float = ALPHA0,
) -> list[Term]:
    """The ``top`` terms of each group by z (module docstring), over terms seen ``min_count``
    times or more in all groups together. One group alone has nothing to be set apart from."""
    import numpy as np

    from framing.comparison.stats import log_odds_dirichlet

    if alpha0 <= 0:
        raise UsageError(f"--alpha0 {alpha0}: the prior's weight must be above 0")
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    vocab = sorted(t for t, n in pooled.items() if n >= min_count)
    if len(counts) < 2 or not vocab:
        return []
    total = np.array([pooled[t] for t in vocab], dtype=float)
    out: list[Term] = []
    for group in sorted(counts):
        y = np.array([counts[group].get(t, 0) for t in vocab], dtype=float)
        delta, z = log_odds_dirichlet(y, total - y, prior=total, alpha0=alpha0)
        order = sorted(
            (i for i in range(len(vocab)) if y[i] > 0 and math.isfinite(z[i])),
            key=lambda i: (-z[i], vocab[i]),
        )
        out += [
            Term(group, vocab[i], int(y[i]), int(total[i] - y[i]), float(delta[i]), float(z[i]))
            for i in order[:top]
        ]
    return out


def distinctive_terms(
    articles: Iterable[Article],
    *,
    by: str = "outlet",
    ngrams: tuple[int, ...] = (1, 2),
    min_count: int = 5,
    top: int = 10,
    alpha0: float = ALPHA0,
    mask_outlets: bool = True,
) -> tuple[list[Term], GroupedTokens]:
    """``framing terms``: each group's most distinctive unigrams and bigrams (module doc)."""
    grouped = group_tokens(articles, by=by, ngrams=ngrams, mask_outlets=mask_outlets)
    terms = log_odds_terms(grouped.counts, min_count=min_count, top=top, alpha0=alpha0)
    return terms, grouped


@dataclass(frozen=True)
class Collocation:
    group: str
    bigram: str
    count: int
    score: float

    def to_dict(self, by: str = "group", measure: str = "score") -> dict[str, Any]:
        return {by: self.group, "bigram": self.bigram, "count": self.count,
                measure: round(self.score, 3)}  # fmt: skip


def collocations(
    articles: Iterable[Article],
    *,
    by: str = "outlet",
    measure: str = "pmi",
    min_count: int = 3,
    top: int = 10,
    mask_outlets: bool = True,
) -> tuple[list[Collocation], GroupedTokens]:
    """``framing collocations``: per group, nltk's bigram collocations by PMI or likelihood
    ratio (``measure``: pmi or llr), over bigrams seen ``min_count`` times in the group."""
    if measure not in MEASURES:
        raise UsageError(f"Unknown measure {measure!r}. Choose from: {', '.join(MEASURES)}")
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    grouped = group_tokens(
        articles, by=by, ngrams=(), mask_outlets=mask_outlets, keep_sentences=True
    )
    scorer = BigramAssocMeasures.pmi if measure == "pmi" else BigramAssocMeasures.likelihood_ratio
    out: list[Collocation] = []
    for group in sorted(grouped.documents):
        # "" marks a dropped token: a bigram never joins the words on either side of it
        finder = BigramCollocationFinder.from_documents(grouped.documents[group])
        finder.apply_word_filter(lambda w: not w)
        finder.apply_freq_filter(min_count)
        ranked = sorted(finder.score_ngrams(scorer), key=lambda x: (-x[1], x[0]))
        out += [
            Collocation(group, " ".join(pair), int(finder.ngram_fd[pair]), float(score))
            for pair, score in ranked[:top]
        ]
    return out, grouped


__all__ = [
    "MEASURES",
    "Collocation",
    "Term",
    "collocations",
    "distinctive_terms",
    "group_tokens",
    "log_odds_terms",
]
