"""Explain one article's scores sentence by sentence: where each axis score comes from.

Per axis, the decomposition (``AxisExplanation``): the lexicon component, the model component,
the lexicon weight ``w`` read from the loaded model set and the combined
``w * lexicon + (1 - w) * model``; the sentences with lexicon hits and their pole weights; and
the sentences that move the model most, by **leave-one-sentence-out**: the model reads the
article's sentences joined, then the same text without sentence ``i``; the sentence's
``delta`` is the first minus the second (positive: the sentence pushes the model towards the
positive pole). It costs one batched model call of ``n + 1`` texts, and it is what the
model does with the sentence in its context, not a gradient or a Shapley value: sentences
that say the same thing mask each other. For an evidence model (threat_exchange's, which reads
the lexicon's hits rather than the text) the same: its component from the hits, tokens and
sentence places the text has without sentence ``i``.

For every sentence: its weighted hits per pole of each axis (what the article-level score
sums), its net contribution (positive-pole weight minus negative-pole weight), its VADER
compound, and the sentence with the matched terms marked -- ``[term]`` in plain text,
negated matches as ``[~term]`` (they did not count, or counted for the other pole).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
        """The sentence with each matched span wrapped in ``open_``/``close`` (whole words:
        ``_highlight``)."""
        text, out, pos = self.text, [], 0
        spans: list[tuple[int, int, bool]] = []
        for hit in self.hits:
            start = _find(text, hit.matched, [(s, e) for s, e, _ in spans])
            if start >= 0:
                spans.append((*_highlight(text, start, start + len(hit.matched)), hit.negated))
        merged: list[tuple[int, int, bool]] = []
        for start, end, negated in sorted(spans):
            if merged and start < merged[-1][1]:  # overlapping matches: one mark over both
                first, last, all_negated = merged[-1]
                merged[-1] = (first, max(last, end), all_negated and negated)
            else:
                merged.append((start, end, negated))
        for start, end, negated in merged:
            tilde = "~" if negated else ""
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


def _inside_word(text: str, k: int) -> bool:
    """Position ``k`` falls between two letters or digits of one word."""
    return 0 < k < len(text) and text[k - 1].isalnum() and text[k].isalnum()


def _find(text: str, matched: str, taken: Sequence[tuple[int, int]]) -> int:
    """Where ``matched`` stands in ``text`` outside the ``taken`` spans: the first place
    that starts and ends on word boundaries, as a token match does ("ban", not the end of
    "urban"), else the first place at all (a ``re:`` match may end inside a word); -1: none."""
    first = -1
    start = text.find(matched)
    while start >= 0:
        if not any(s <= start < e for s, e in taken):
            if not (_inside_word(text, start) or _inside_word(text, start + len(matched))):
                return start
            if first < 0:
                first = start
        start = text.find(matched, start + 1)
    return first


def _highlight(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to mark for a match at ``text[start:end]``: out to whole words (a ``re:``
    match ending at "said S" marks "said Sarah"), and without the punctuation at its edges
    that belongs to the neighbouring word (the ``,"`` of `people," said`). Punctuation the
    match holds on its own (a "?" entry) stays."""
    while _inside_word(text, start):
        start -= 1
    while _inside_word(text, end):
        end += 1
    lead = start
    while lead < end and not text[lead].isalnum() and not text[lead].isspace():
        lead += 1
    # punctuation glued to the word before, set apart from the match's own words by a space
    if start < lead < end and start > 0 and not text[start - 1].isspace():
        word = end - len(text[lead:end].lstrip())
        if lead < word < end:
            start = word
    tail = end
    while tail > start and not text[tail - 1].isalnum() and not text[tail - 1].isspace():
        tail -= 1
    # and glued to the word after
    if start < tail < end and end < len(text) and not text[end].isspace():
        word = start + len(text[start:tail].rstrip())
        if start < word < tail:
            end = word
    return start, end


@dataclass(frozen=True)
class AxisExplanation:
    """One axis: its components, the weight that combines them, and the sentences behind each.

    ``lexicon_sentences``: ``(sentence, negative weight, positive weight)`` for every sentence
    with a counted hit; ``model_sentences``: ``(sentence, delta)``, the largest ``|delta|``
    first (leave-one-sentence-out, module docstring). ``lexicon_weight`` is the weight this
    text got (with evidence mixing it depends on ``evidence``, the summed weight of the counted
    hits); ``mixing`` states the file's rule. ``model``, ``lexicon_weight``, ``mixing`` and
    ``model_sentences`` are empty when the axis has no model.
    """

    axis: str
    negative_pole: str
    positive_pole: str
    lexicon: float | None  # None: the text has nothing to score
    model: float | None
    lexicon_weight: float | None
    combined: float | None
    lexicon_sentences: tuple[tuple[int, float, float], ...]
    model_sentences: tuple[tuple[int, float], ...] = ()
    evidence: float = 0.0
    mixing: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "axis": self.axis,
            "negative_pole": self.negative_pole,
            "positive_pole": self.positive_pole,
            "lexicon": self.lexicon,
            "model": self.model,
            "lexicon_weight": self.lexicon_weight,
            "mixing": self.mixing,
            "evidence": round(self.evidence, 4),
            "combined": self.combined,
            "lexicon_sentences": [
                {
                    "sentence": i,
                    "negative": round(neg, 4),
                    "positive": round(pos, 4),
                    "net": round(pos - neg, 4),
                }
                for i, neg, pos in self.lexicon_sentences
            ],
            "model_method": "leave-one-sentence-out" if self.model is not None else None,
            "model_sentences": [
                {"sentence": i, "delta": round(d, 4)} for i, d in self.model_sentences
            ],
        }


@dataclass(frozen=True)
class Explanation:
    """An article's scores, the decomposition of each axis, and the sentences behind them."""

    score: ArticleScore
    sentences: tuple[SentenceExplanation, ...]
    axes: tuple[AxisExplanation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.score.to_dict(),
            "decomposition": [a.to_dict() for a in self.axes],
            "sentences": [s.to_dict() for s in self.sentences],
        }

    def rows(self) -> list[dict[str, Any]]:
        return [{"id": self.score.article.id, **s.to_dict()} for s in self.sentences]


def explain_score(score: ArticleScore, models: Any = None, top: int = 3) -> Explanation:
    """Split an ``ArticleScore``'s evidence by sentence; with the ``ModelSet`` that scored it,
    decompose each axis and find the ``top`` sentences that move its model most."""
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
    deltas = _model_deltas(score, models)
    axes = []
    for a in score.axes.values():
        am = models.axes.get(a.axis) if models is not None and a.model is not None else None
        lexicon_sentences = tuple(
            (s.index, s.weights[a.axis][a.negative_pole], s.weights[a.axis][a.positive_pole])
            for s in out
            if any(s.weights[a.axis].values())
        )
        ranked = sorted(deltas.get(a.axis, []), key=lambda d: (-abs(d[1]), d[0]))[:top]
        evidence = a.negative_weight + a.positive_weight
        axes.append(
            AxisExplanation(
                a.axis,
                a.negative_pole,
                a.positive_pole,
                a.lexicon,
                a.model,
                round(am.mixing.weight(evidence), 4) if am is not None else None,
                a.score,
                lexicon_sentences,
                tuple(ranked) if am is not None else (),
                evidence,
                am.mixing.describe() if am is not None else "",
            )
        )
    return Explanation(score, tuple(out), tuple(axes))


def _model_deltas(score: ArticleScore, models: Any) -> dict[str, list[tuple[int, float]]]:
    """Per axis with a model: ``(sentence, delta)`` for every sentence, leave-one-out."""
    sentences = score.sentences
    if models is None or not models or len(sentences) < 2:
        return {}
    axes = [a.axis for a in score.axes.values() if a.model is not None and a.axis in models.axes]
    out = {
        a: _hit_deltas(score, a, models.axes[a].model) for a in axes if models.axes[a].reads_hits
    }
    axes = [a for a in axes if a not in out]
    if not axes:
        return out
    texts = [" ".join(sentences)]
    texts += [" ".join(sentences[:i] + sentences[i + 1 :]) for i in range(len(sentences))]
    predictions = models.predict(texts)
    full = predictions[0].axes
    for axis in axes:
        out[axis] = [(i, full[axis] - p.axes[axis]) for i, p in enumerate(predictions[1:])]
    return out


def _hit_deltas(score: ArticleScore, axis: str, model: Any) -> list[tuple[int, float]]:
    """Leave-one-sentence-out for an evidence model: its component without sentence ``i``'s
    hits, tokens and place (the later sentences move up one), against the full text's."""
    from framing.text import tokenize

    hits = score.axes[axis].evidence
    n, n_tokens = len(score.sentences), score.n_tokens
    full = model.component(hits, n_tokens, n)
    deltas = []
    for i, sentence in enumerate(score.sentences):
        kept = [h if h.sentence < i else replace(h, sentence=h.sentence - 1)
                for h in hits if h.sentence != i]  # fmt: skip
        without = model.component(kept, n_tokens - len(tokenize(sentence)), n - 1)
        deltas.append((i, full - without))
    return deltas


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
    top: int = 3,
) -> Explanation:
    """Score one article (an ``Article``, a file, or an id in ``paths``) and explain it;
    ``top``: how many sentences to show per axis for the model (leave-one-sentence-out)."""
    from framing.scoring.scorer import default_scorer

    article = (
        path_or_id
        if isinstance(path_or_id, Article)
        else find_article(path_or_id, paths, text_column=text_column)
    )
    scorer = scorer or default_scorer(tuple(str(d) for d in lexicon_dirs))
    return explain_score(scorer.score(article), scorer.models, top=top)
