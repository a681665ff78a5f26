"""Frozen records that flow through the pipeline.

``Article`` (read) -> ``ArticleScore`` (scored: ``AxisScore`` per axis, ``Sentiment``,
frame probabilities) -> rows (``ArticleScore.to_dict``). ``Skipped`` names an input that
could not be read, and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Metadata fields every article has; anything else a reader finds goes to ``Article.meta``.
CORE_FIELDS = ("id", "outlet", "outlet_type", "title", "date", "url")


@dataclass(frozen=True)
class Article:
    """One article as read from the corpus.

    Attributes:
        id: stable identifier (file stem, JSONL/CSV ``id`` column, or ``<file>:<line>``).
        text: the article body after page furniture was stripped.
        outlet: outlet name, or ``"unknown"``.
        outlet_type: ``state``, ``wire``, ``other`` ... or ``"unknown"``.
        title: headline if known.
        date: publication date as given (ISO ``YYYY-MM-DD`` where known).
        url: where it was published, if known.
        outlet_inferred: True when ``outlet`` was inferred from attribution in the text
            rather than given by metadata.
        source: where it was read from (``path`` or ``path:line``).
        meta: every other metadata field, kept through to the outputs.
        language: ISO 639-1 code (``en``, ``zh`` ...): as given by a ``language`` field,
            or ``""`` until the scorer detects it (``framing.scoring.language``); the
            ``ArticleScore``'s article always has it.
    """

    id: str
    text: str
    outlet: str = "unknown"
    outlet_type: str = "unknown"
    title: str = ""
    date: str = ""
    url: str = ""
    outlet_inferred: bool = False
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    language: str = ""

    def metadata(self) -> dict[str, Any]:
        """Core metadata plus ``meta``, as one flat dict (no text)."""
        out: dict[str, Any] = {
            "id": self.id,
            "outlet": self.outlet,
            "outlet_type": self.outlet_type,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "outlet_inferred": self.outlet_inferred,
            "language": self.language,
        }
        for key, value in self.meta.items():
            out.setdefault(key, value)
        return out

    def get(self, name: str, default: Any = None) -> Any:
        """A metadata field by name (core field or ``meta`` key)."""
        if name in CORE_FIELDS or name in ("outlet_inferred", "language"):
            return getattr(self, name)
        return self.meta.get(name, default)


@dataclass(frozen=True)
class Skipped:
    """An input item that was not scored: where it is and why."""

    source: str
    reason: str
    line: int | None = None
    #: Passed over by design, not an error (a web archive's redirects, images and PDFs):
    #: reported, but it never raises, is not counted as skipped and leaves the exit status 0.
    note: bool = False

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"source": self.source, "line": self.line, "reason": self.reason}
        if self.note:
            row["note"] = True
        return row


@dataclass(frozen=True)
class Hit:
    """One lexicon match: evidence behind an axis score.

    Attributes:
        term: the lexicon entry as written in the file (``spy*``, ``national security``),
            or its ``label`` where the file gives one.
        matched: the text it matched, as it stands in the sentence.
        pole: the pole the entry belongs to.
        weight: the entry's weight (0 when negated and the lexicon drops negated hits).
        sentence: index of the sentence in the article (0-based).
        negated: True when a negator stood in the window before the match.
        counted_for: the pole the hit counted for (the other pole when negation flips it,
            ``""`` when it did not count).
    """

    term: str
    matched: str
    pole: str
    weight: float
    sentence: int
    negated: bool = False
    counted_for: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "matched": self.matched,
            "pole": self.pole,
            "weight": self.weight,
            "sentence": self.sentence,
            "negated": self.negated,
            "counted_for": self.counted_for,
        }


@dataclass(frozen=True)
class AxisScore:
    """An article's position on one bipolar axis.

    ``score`` is in [-1, 1]: -1 is the negative pole (listed first in the lexicon), +1 the
    positive pole. ``lexicon`` is the lexicon component, ``model`` the trained model's
    component (``None`` when no model is loaded for the axis); ``score`` combines them.

    Attributes:
        axis: axis id, e.g. ``threat_exchange``.
        negative_pole / positive_pole: pole ids, e.g. ``threat`` / ``exchange``.
        score: combined score in [-1, 1]; ``None`` when the text has nothing to score.
        lexicon: lexicon component in [-1, 1]; ``None`` when the text has nothing to score.
        model: model component in [-1, 1], or ``None``.
        negative_hits / positive_hits: number of counted matches per pole.
        negative_weight / positive_weight: sum of counted weights per pole.
        negative_per_1k / positive_per_1k: weighted hits per 1,000 tokens.
        no_hits: True when neither pole matched (``lexicon`` is then 0).
        evidence: every match, counted or not, in text order.
    """

    axis: str
    negative_pole: str
    positive_pole: str
    score: float | None
    lexicon: float | None
    model: float | None
    negative_hits: int
    positive_hits: int
    negative_weight: float
    positive_weight: float
    negative_per_1k: float
    positive_per_1k: float
    no_hits: bool
    evidence: tuple[Hit, ...] = ()

    def columns(self) -> dict[str, Any]:
        """The flat columns of this axis for an article row."""
        a, neg, pos = self.axis, self.negative_pole, self.positive_pole
        return {
            a: self.score,
            f"{a}_lexicon": self.lexicon,
            f"{a}_model": self.model,
            f"{a}_{neg}_hits": self.negative_hits,
            f"{a}_{pos}_hits": self.positive_hits,
            f"{a}_{neg}_weight": self.negative_weight,
            f"{a}_{pos}_weight": self.positive_weight,
            f"{a}_{neg}_per_1k": self.negative_per_1k,
            f"{a}_{pos}_per_1k": self.positive_per_1k,
            f"{a}_no_hits": self.no_hits,
        }


@dataclass(frozen=True)
class Sentiment:
    """Sentence-level VADER sentiment aggregated to the article.

    Attributes:
        compound: the article's compound: VADER over passages of up to 50 word tokens
            (consecutive sentences), token-weighted mean (framing.sentiment.aggregate); 0
            for no sentences; ``None`` when the text has nothing to score.
        pos_share / neg_share / neu_share: share of sentences with compound >= 0.05,
            <= -0.05, and in between (VADER's own thresholds); ``None`` likewise.
        n_sentences: number of sentences scored.
        sentences: each sentence's compound score, in order.
    """

    compound: float | None
    pos_share: float | None
    neg_share: float | None
    neu_share: float | None
    n_sentences: int
    sentences: tuple[float, ...] = ()


@dataclass(frozen=True)
class ArticleScore:
    """Everything measured on one article.

    Attributes:
        article: the article (metadata; the text is not repeated in rows).
        n_tokens: number of word tokens.
        n_sentences: number of sentences.
        axes: one ``AxisScore`` per loaded axis, in lexicon order.
        sentiment: aggregated sentence sentiment.
        frames: frame name -> probability, from the frames model (empty without one).
        frames_predicted: frames whose probability passed the model's threshold.
        sentences: the article's sentences (for evidence and ``explain``).
        warning: why the numbers are missing or doubtful (``"no English words to score"``,
            ``"language fr: the model m is for en; not scored"``), or ``""``; in the
            row as ``warning``, after any ``warning`` the reader gave.
    """

    article: Article
    n_tokens: int
    n_sentences: int
    axes: Mapping[str, AxisScore]
    sentiment: Sentiment
    frames: Mapping[str, float | None] = field(default_factory=dict)
    frames_predicted: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()
    warning: str = ""

    def to_dict(self, *, evidence: bool = False) -> dict[str, Any]:
        """One tidy row: metadata, token count, axis columns, sentiment, frames.

        With ``evidence=True`` an ``evidence`` column holds, per axis, the list of hits
        with their sentence text. Metadata fields follow the measured columns; one whose
        name clashes with a measured column is kept as ``meta_<name>``.
        """
        art = self.article
        row: dict[str, Any] = {
            "id": art.id,
            "outlet": art.outlet,
            "outlet_type": art.outlet_type,
            "title": art.title,
            "date": art.date,
            "url": art.url,
            "outlet_inferred": art.outlet_inferred,
            "language": art.language,
            "n_tokens": self.n_tokens,
            "n_sentences": self.n_sentences,
        }
        for axis in self.axes.values():
            row.update(axis.columns())
        row["sentiment_compound"] = self.sentiment.compound
        row["sentiment_pos_share"] = self.sentiment.pos_share
        row["sentiment_neg_share"] = self.sentiment.neg_share
        row["sentiment_neu_share"] = self.sentiment.neu_share
        for name, p in self.frames.items():
            row[f"frame_{name.lower()}"] = p
        if self.frames:
            row["frames"] = ";".join(self.frames_predicted)
        if evidence:
            row["evidence"] = {
                name: [
                    {**hit.to_dict(), "text": self.sentences[hit.sentence]} for hit in axis.evidence
                ]
                for name, axis in self.axes.items()
            }
        for key, value in art.meta.items():
            # Metadata never overwrites a measured column; a clash keeps both.
            row[f"meta_{key}" if key in row else key] = value
        if self.warning:
            given = row.get("warning")
            row["warning"] = f"{given}; {self.warning}" if given else self.warning
        return row
