"""Explain one article's scores sentence by sentence: where each axis score comes from.

For every sentence: its weighted hits per pole of each axis (what the article-level score
sums), its net contribution (positive-pole weight minus negative-pole weight), its VADER
compound, and the sentence with the matched terms marked -- ``[term]`` in plain text,
negated matches as ``[~term]`` (they did not count, or counted for the other pole).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.errors import UsageError
from framing.records import Article, ArticleScore, Hit


@dataclass(frozen=True)
class SentenceExplanation:
    """One sentence: text, matches, per-axis pole weights, sentiment."""

    index: int
    text: str
    hits: tuple[Hit, ...]
    weights: dict[str, dict[str, float]]  # axis -> pole -> weighted hits
    net: dict[str, float]  # axis -> positive minus negative weight
    sentiment: float | None

    def marked(self, open_: str = "[", close: str = "]") -> str:
        """The sentence with each matched span wrapped in ``open_``/``close``."""
        text, out, pos = self.text, [], 0
        spans: list[tuple[int, int, str]] = []
        for hit in self.hits:
            start = text.find(hit.matched, pos if spans and spans[-1][2] == hit.matched else 0)
            while start >= 0 and any(s <= start < e for s, e, _ in spans):
                start = text.find(hit.matched, start + 1)
            if start >= 0:
                spans.append((start, start + len(hit.matched), hit.matched))
        negated = {h.matched for h in self.hits if h.negated}
        for start, end, matched in sorted(spans):
            if start < pos:
                continue
            tilde = "~" if matched in negated else ""
            out.append(text[pos:start] + open_ + tilde + text[start:end] + close)
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"sentence": self.index, "text": self.marked()}
        for axis, poles in self.weights.items():
            for pole, weight in poles.items():
                row[f"{axis}_{pole}"] = round(weight, 4)
            row[f"{axis}_net"] = round(self.net[axis], 4)
        row["sentiment"] = None if self.sentiment is None else round(self.sentiment, 4)
        row["terms"] = [h.to_dict() for h in self.hits]
        return row


@dataclass(frozen=True)
class Explanation:
    """An article's scores and the sentences behind them."""

    score: ArticleScore
    sentences: tuple[SentenceExplanation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.score.to_dict(), "sentences": [s.to_dict() for s in self.sentences]}

    def rows(self) -> list[dict[str, Any]]:
        return [{"id": self.score.article.id, **s.to_dict()} for s in self.sentences]


def explain_score(score: ArticleScore) -> Explanation:
    """Split an ``ArticleScore``'s evidence by sentence."""
    by_sentence: dict[int, list[tuple[str, Hit]]] = {}
    for axis in score.axes.values():
        for hit in axis.evidence:
            by_sentence.setdefault(hit.sentence, []).append((axis.axis, hit))
    compounds = score.sentiment.sentences
    out = []
    for i, text in enumerate(score.sentences):
        weights = {
            a.axis: {a.negative_pole: 0.0, a.positive_pole: 0.0} for a in score.axes.values()
        }
        hits = []
        for axis_id, hit in by_sentence.get(i, []):
            hits.append(hit)
            if hit.counted_for:
                weights[axis_id][hit.counted_for] += hit.weight
        net = {
            a.axis: weights[a.axis][a.positive_pole] - weights[a.axis][a.negative_pole]
            for a in score.axes.values()
        }
        senti = compounds[i] if i < len(compounds) else None
        out.append(SentenceExplanation(i, text, tuple(hits), weights, net, senti))
    return Explanation(score, tuple(out))


def find_article(
    path_or_id: str, paths: Sequence[str] = (), *, text_column: str = "text"
) -> Article:
    """The article in file ``path_or_id`` (which must hold one), or with that id in ``paths``."""
    from framing.corpus.read import read_corpus

    if os.path.isfile(path_or_id) and not paths:
        found = list(read_corpus([path_or_id], text_column=text_column))
        if len(found) != 1:
            raise UsageError(
                f"{path_or_id} holds {len(found)} articles: name one by id, e.g. "
                f"framing explain {found[0].id if found else 'ID'} {path_or_id}"
            )
        return found[0]
    if not paths:
        raise UsageError(f"{path_or_id} is not a file: give the corpus to look the id up in")
    for article in read_corpus(list(paths), text_column=text_column, on_skip=lambda _s: None):
        if article.id == path_or_id or Path(article.source).name == path_or_id:
            return article
    raise UsageError(f"No article with id {path_or_id!r} in {', '.join(paths)}")


def explain(
    path_or_id: str | Article,
    paths: Sequence[str] = (),
    *,
    lexicon_dirs: Sequence[str] = (),
    text_column: str = "text",
    scorer: Any = None,
) -> Explanation:
    """Score one article (an ``Article``, a file, or an id in ``paths``) and explain it."""
    from framing.scoring.scorer import default_scorer

    article = (
        path_or_id
        if isinstance(path_or_id, Article)
        else find_article(path_or_id, paths, text_column=text_column)
    )
    scorer = scorer or default_scorer(tuple(str(d) for d in lexicon_dirs))
    return explain_score(scorer.score(article))
