"""Score articles: sentences and tokens -> lexicon axes with evidence -> sentiment.

How an axis is scored (lexicon component; ``lexicon_component``, the one place of the
formula). With ``N`` and ``P`` the summed weights of the counted hits on the negative and the
positive pole, the default (``scoring: {form: balance}`` or no ``scoring`` block)::

    lexicon = (P - N) / (P + N + 2 * ALPHA)  ==  tanh(log((P + ALPHA) / (N + ALPHA)) / 2)

the smoothed log-ratio of the two poles mapped to [-1, 1]. ``ALPHA = 1`` is a pseudo-count:
a 30-word text with one hit scores +-0.33 (one word is weak evidence), a long text whose hits
all fall on one pole approaches +-1, and a long text with hits on both poles sits at their
balance. No hit at all scores 0 and sets ``no_hits`` (not an error). How dense the framing
is, as opposed to which way it leans, is in the per-1,000-token rates.

A lexicon file may choose the evidence form instead (``scoring: {form: evidence, repeats:
log, prior: A, prior_per_1k_tokens: B}``; threat_exchange does, with A and B chosen by
cross-fitting on the coded validation set, ``benchmarks/validation/RESULTS.md``)::

    lexicon = tanh((P - N) / (A + B * n_tokens / 1000))

where, with ``repeats: log``, an entry matched n times adds ``weight * (1 + ln n)`` instead
of ``weight * n``: one topic word repeated through a text ("tourism" 17 times in a report on
the tourism industry) is not 17 times the framing. The net evidence is shrunk by a prior that
grows with the length, so a long text with a few incidental hits stays near 0 and only
framing that is dense, varied and one-sided approaches +-1. ``prior`` and
``prior_per_1k_tokens`` also apply to the balance form (``2 * prior + B * n_tokens / 1000``
in place of ``2 * ALPHA``).

Trained models (``framing.models.predict``) add ``<axis>_model`` and the 14 frame probabilities;
where an axis has a model, the combined ``<axis>`` mixes the two components with the weight
the model file's mixing rule gives for the text's lexicon evidence (the summed weight of
its counted hits; see ``framing/models/predict.py`` and the model cards). A text model reads
the text; an evidence model (``framing.models.evidence``, threat_exchange's) reads the
axis's hits computed here.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from framing.axes.lexicon import Lexicon, Scoring, load_lexicons
from framing.axes.match import Matcher
from framing.errors import UsageError
from framing.models.predict import ModelSet, default_models, load_models
from framing.records import Article, ArticleScore, AxisScore, Hit
from framing.scoring.language import SENTIMENT, Component, LanguageGate, article_language
from framing.sentiment.aggregate import sentiment as sentence_sentiment
from framing.text import Token, split_sentences, tokenize

ALPHA = 1.0
#: A text has nothing to score when none of its word tokens is a Latin-script word
#: (``ENGLISH_WORD``: a-z letters with inner ' - .), or when ASCII letters are less than
#: ``MIN_LATIN_SHARE`` of the letters in its tokens (Chinese or Arabic with a few English
#: names): the lexicons, the models and VADER are English, and on Chinese, Arabic, emoji or
#: numbers they give only their priors (the models' intercepts, VADER's emoji table).
MIN_LATIN_SHARE = 0.5
ENGLISH_WORD = re.compile(r"[a-z]+(?:['\-.][a-z]+)*\.?")
NOTHING_TO_SCORE = "no English words to score"
#: Articles the models read per call in ``Scorer.score_all``.
BATCH = 32

ArticleInput = str | os.PathLike[str] | Article


def lexicon_score(negative: float, positive: float) -> float:
    """The lexicon component from the two poles' summed weights (see module docstring)."""
    return (positive - negative) / (positive + negative + 2 * ALPHA)


def lexicon_component(
    scoring: Scoring, negative: Sequence[Hit], positive: Sequence[Hit], n_tokens: int
) -> float:
    """The lexicon component from the counted hits of each pole, by the lexicon file's
    ``scoring`` block (see the module docstring)."""

    neg, pos = scoring.pole_weight(negative), scoring.pole_weight(positive)
    prior = scoring.prior_per_1k_tokens * n_tokens / 1000
    if scoring.form == "evidence":
        return math.tanh((pos - neg) / (scoring.prior + prior))
    return (pos - neg) / (pos + neg + 2 * scoring.prior + prior)


def _axis_score(lexicon: Lexicon, hits: list[Hit], n_tokens: int) -> AxisScore:
    neg_id, pos_id = lexicon.negative.id, lexicon.positive.id
    neg_hits = [h for h in hits if h.counted_for == neg_id]
    pos_hits = [h for h in hits if h.counted_for == pos_id]
    neg_w = sum(h.weight for h in neg_hits)
    pos_w = sum(h.weight for h in pos_hits)
    per_1k = 1000.0 / n_tokens if n_tokens else 0.0
    value = round(lexicon_component(lexicon.scoring, neg_hits, pos_hits, n_tokens), 4)
    return AxisScore(
        axis=lexicon.id,
        negative_pole=neg_id,
        positive_pole=pos_id,
        score=value,
        lexicon=value,
        model=None,
        negative_hits=len(neg_hits),
        positive_hits=len(pos_hits),
        negative_weight=round(neg_w, 4),
        positive_weight=round(pos_w, 4),
        negative_per_1k=round(neg_w * per_1k, 4),
        positive_per_1k=round(pos_w * per_1k, 4),
        no_hits=not neg_hits and not pos_hits,
        evidence=tuple(hits),
    )


def nothing_to_score(tokens: Iterable[Sequence[Token]]) -> bool:
    """True when no word token is English-like, or ASCII letters are under half the letters
    (see ``MIN_LATIN_SHARE``)."""
    return _nothing_in_norms([tok.norm for sentence in tokens for tok in sentence])


#: ``ENGLISH_WORD`` as whole lines, and the lines that are not one, for ``_nothing_in_norms``.
_ENGLISH_LINE = re.compile(f"^(?:{ENGLISH_WORD.pattern})$", re.MULTILINE)
_OTHER_LINE = re.compile(f"^(?!(?:{ENGLISH_WORD.pattern})$).+$", re.MULTILINE)


def _nothing_in_norms(norms: Sequence[str]) -> bool:
    """``nothing_to_score`` from the tokens' norms. The norms (word characters and inner
    ' - ., never a line break) are read as the lines of one text, so that the regular
    expressions find the English words and the others in C; only the others (a few numbers
    and names in an English text) are counted letter by letter."""
    joined = "\n".join(norms)
    english = _ENGLISH_LINE.findall(joined)
    if not english:
        return True
    latin = letters = sum(map(len, english))
    for norm in _OTHER_LINE.findall(joined):
        latin += sum(1 for c in norm if "a" <= c <= "z")
        letters += sum(1 for c in norm if c.isalpha())
    return latin < MIN_LATIN_SHARE * letters


def _unscored(axis: AxisScore) -> AxisScore:
    return replace(axis, score=None, lexicon=None, model=None)


def article_text(article: Article) -> str:
    """What is scored: the title (when the body does not already start with it), then the body."""
    title = article.title.strip()
    if title and not article.text.lstrip().startswith(title):
        return f"{title}\n{article.text}"
    return article.text


class Scorer:
    """Scores articles on every loaded axis and on sentiment.

    Args:
        lexicons: axis id -> lexicon; default: the shipped ones plus ``lexicon_dirs``.
        lexicon_dirs: folders of extra lexicon files (``--lexicons DIR``).
        axes: restrict scoring to these axis ids (default: all loaded).
        sentiment: also compute sentence sentiment (default True).
        models: the trained models to apply; default: the shipped ones plus ``model_paths``.
        model_paths: user model files (``--model FILE``); each replaces the shipped model
            for its task.
        use_models: False scores with lexicons only (``<axis>_model`` is then None).
    """

    def __init__(
        self,
        *,
        lexicons: Mapping[str, Lexicon] | None = None,
        lexicon_dirs: Iterable[str | Path] = (),
        axes: Sequence[str] | None = None,
        sentiment: bool = True,
        models: ModelSet | None = None,
        model_paths: Iterable[str | Path] = (),
        use_models: bool = True,
    ) -> None:
        loaded = dict(lexicons) if lexicons is not None else load_lexicons(lexicon_dirs)
        loaded_ids = tuple(loaded)
        if axes is not None:
            unknown = [a for a in axes if a not in loaded]
            if unknown:
                raise UsageError(
                    f"Unknown axis {unknown[0]!r}. Available: {', '.join(sorted(loaded))}"
                )
            loaded = {a: loaded[a] for a in axes}
        self.lexicons = loaded
        self.matchers = {axis: Matcher(lex) for axis, lex in loaded.items()}
        self.sentiment = sentiment
        model_paths = tuple(model_paths)
        if not use_models:
            models = ModelSet()
        elif models is None:
            models = load_models(model_paths) if model_paths else default_models()
        poles = {a: (lex.negative.id, lex.positive.id) for a, lex in self.lexicons.items()}
        models.check_axes(poles, available=loaded_ids)
        self.models = models
        # An article is scored only in a language every part that reads it was made for.
        self.language_gate = LanguageGate(
            [
                *(Component("axis", a, lex.languages) for a, lex in self.lexicons.items()),
                *(Component("model", m.name, m.languages) for m in models.in_use(self.lexicons)),
                *([SENTIMENT] if sentiment else []),
            ]
        )
        self.languages = self.language_gate.supported

    def score(self, article: Article | str) -> ArticleScore:
        """Score one article (a plain string is an article with id ``text``)."""
        return self.score_batch([article])[0]

    def score_batch(self, articles: Sequence[Article | str]) -> list[ArticleScore]:
        """Score several articles. The results are those of ``score`` on each; the models
        read the texts in one call, which costs about half as much per article."""
        items = [Article(id="text", text=a) if isinstance(a, str) else a for a in articles]
        texts = [article_text(a) for a in items]
        langs = [
            article_language(t, self.languages, a.language)
            for a, t in zip(items, texts, strict=True)
        ]
        parts = [self._lexical(text) for text in texts]
        predictions = self.models.predict(texts) if self.models and items else None
        results = []
        for k, (article, (sentences, counts, axes, empty)) in enumerate(
            zip(items, parts, strict=True)
        ):
            n_tokens = sum(counts)
            frames: dict[str, float | None] = {}
            frames_predicted: tuple[str, ...] = ()
            if predictions is not None:
                pred = predictions[k]
                frames, frames_predicted = dict(pred.frames), pred.frames_predicted
                components = {**pred.axes, **self.models.from_hits(axes, n_tokens, len(sentences))}
                for axis, component in components.items():
                    if axis in axes:
                        a = axes[axis]
                        assert a.lexicon is not None
                        evidence = a.negative_weight + a.positive_weight
                        combined = self.models.combine(axis, a.lexicon, component, evidence)
                        axes[axis] = replace(axes[axis], model=component, score=combined)
            mood = (
                sentence_sentiment(sentences, counts) if self.sentiment else sentence_sentiment([])
            )
            foreign = langs[k] not in self.languages
            if empty or foreign:
                # Nothing English to score: no numbers rather than the models' priors.
                axes = {a: _unscored(s) for a, s in axes.items()}
                frames = dict.fromkeys(frames)
                frames_predicted = ()
                mood = replace(mood, compound=None, pos_share=None, neg_share=None, neu_share=None)
            warning = NOTHING_TO_SCORE if empty else ""
            if foreign:
                warning = self.language_gate.warning(langs[k])
            results.append(
                ArticleScore(
                    article=replace(article, language=langs[k]),
                    n_tokens=n_tokens,
                    n_sentences=len(sentences),
                    axes=axes,
                    sentiment=mood,
                    frames=frames,
                    frames_predicted=frames_predicted,
                    sentences=tuple(sentences),
                    warning=warning,
                )
            )
        return results

    def _lexical(self, text: str) -> tuple[list[str], list[int], dict[str, AxisScore], bool]:
        """Sentences, word tokens per sentence, the lexicon score of every axis, nothing to
        score. Each sentence is tokenised once: the same tokens feed every axis's matcher,
        and their counts the sentiment passages."""
        sentences = split_sentences(text)
        tokens = [tokenize(s) for s in sentences]
        counts = [len(t) for t in tokens]
        n_tokens = sum(counts)
        axes: dict[str, AxisScore] = {}
        norms = [[tok.norm for tok in toks] for toks in tokens]
        for axis, matcher in self.matchers.items():
            hits = [
                hit
                for i, (sentence, toks, words) in enumerate(
                    zip(sentences, tokens, norms, strict=True)
                )
                for hit in matcher.match_sentence(sentence, toks, i, words)
            ]
            axes[axis] = _axis_score(self.lexicons[axis], hits, n_tokens)
        return sentences, counts, axes, _nothing_in_norms([w for ws in norms for w in ws])

    def score_all(self, articles: Iterable[Article]) -> Iterator[ArticleScore]:
        """Score a stream, ``BATCH`` articles at a time (memory stays flat). When the stream
        fails part-way, the articles it gave before the failure are scored first."""
        for batch in batches(articles, BATCH):
            yield from self.score_batch(batch)


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (the last may be shorter). When ``items`` raises, the
    list read so far is yielded first and the error is raised after it: nothing already
    read is lost."""
    iterator = iter(items)
    while True:
        batch: list[Article] = []
        try:
            for item in iterator:
                batch.append(item)
                if len(batch) >= size:
                    break
        except Exception:
            if batch:
                yield batch
            raise
        if not batch:
            return
        yield batch


@lru_cache(maxsize=4)
def default_scorer(lexicon_dirs: tuple[str, ...] = ()) -> Scorer:
    """A shared scorer for the shipped lexicons and models (plus ``lexicon_dirs``), built once."""
    return Scorer(lexicon_dirs=lexicon_dirs)


@lru_cache(maxsize=4)
def _scorer_with_models(lexicon_dirs: tuple[str, ...], model_paths: tuple[str, ...]) -> Scorer:
    return Scorer(lexicon_dirs=lexicon_dirs, model_paths=model_paths)


def shared_scorer(lexicon_dirs: tuple[str, ...], model_paths: tuple[str, ...]) -> Scorer:
    """The cached scorer for these lexicon folders and user model files."""
    if model_paths:
        return _scorer_with_models(lexicon_dirs, model_paths)
    return default_scorer(lexicon_dirs)


def as_dirs(lexicon_dirs: Iterable[str | Path]) -> tuple[str, ...]:
    return tuple(str(d) for d in lexicon_dirs)


def score(
    article: Article | str,
    *,
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
) -> ArticleScore:
    """Score one text or ``Article`` on every shipped axis, the frames, and sentiment."""
    return shared_scorer(as_dirs(lexicon_dirs), as_dirs(model_paths)).score(article)
