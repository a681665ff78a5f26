"""Compare groups of articles (outlets, outlet types, any metadata field).

Per group: the number of articles, the mean of each axis score and of sentiment with a 95%
bootstrap interval (articles resampled with replacement, percentile method, seeded), and the
evidence terms that carry each pole in that group. Only per-article numbers and term counts
are kept, never texts, so memory grows with the number of articles, not their length.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import UsageError
from framing.records import ArticleScore, Skipped

MIN_N_FOR_INTERVAL = 2
SENTIMENT_MEASURES = ("sentiment_compound", "sentiment_pos_share", "sentiment_neg_share")


@dataclass(frozen=True)
class Estimate:
    """A group mean with its 95% bootstrap interval (``None`` when n is too small)."""

    mean: float
    low: float | None
    high: float | None


@dataclass(frozen=True)
class GroupSummary:
    """One group's numbers.

    Attributes:
        group: the value of the grouping field.
        n: number of articles.
        estimates: measure name -> ``Estimate``.
        top_terms: axis -> pole -> [(term, count)], most frequent counted evidence first.
        ids: the ids of the group's articles.
    """

    group: str
    n: int
    estimates: dict[str, Estimate]
    top_terms: dict[str, dict[str, list[tuple[str, int]]]]
    ids: tuple[str, ...] = ()

    @property
    def small(self) -> bool:
        return self.n < MIN_N_FOR_INTERVAL


@dataclass(frozen=True)
class Comparison:
    """The result of ``compare``: one ``GroupSummary`` per group, sorted by group name."""

    by: str
    measures: tuple[str, ...]
    axes: dict[str, tuple[str, str]]
    groups: tuple[GroupSummary, ...]
    seed: int
    n_boot: int
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    def rows(self) -> list[dict[str, Any]]:
        """Wide rows: group, n, ``<measure>``, ``<measure>_low``, ``<measure>_high``, terms."""
        out = []
        for g in self.groups:
            row: dict[str, Any] = {self.by: g.group, "n": g.n}
            for m in self.measures:
                est = g.estimates[m]
                row[m] = est.mean
                row[f"{m}_low"] = est.low
                row[f"{m}_high"] = est.high
            for axis, (neg, pos) in self.axes.items():
                for pole in (neg, pos):
                    terms = g.top_terms.get(axis, {}).get(pole, [])
                    row[f"{axis}_{pole}_terms"] = ", ".join(f"{t} ({c})" for t, c in terms)
            out.append(row)
        return out


def bootstrap_interval(
    values: Sequence[float], *, n_boot: int, rng: Any, level: float = 0.95
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of the mean; ``(None, None)`` below two values."""
    import numpy as np

    if len(values) < MIN_N_FOR_INTERVAL:
        return None, None
    data = np.asarray(values, dtype=float)
    idx = rng.integers(0, len(data), size=(n_boot, len(data)))
    means = data[idx].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return round(float(low), 4), round(float(high), 4)


class _Accumulator:
    """Per-group numbers and term counts, gathered in one pass over the scores."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        self.terms: dict[str, dict[str, dict[str, Counter[str]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(Counter))
        )
        self.ids: dict[str, list[str]] = defaultdict(list)
        self.axes: dict[str, tuple[str, str]] = {}
        self.missing = 0
        self.fields: set[str] = set()

    def add(self, score: ArticleScore, by: str) -> None:
        value = score.article.get(by)
        if value is None:
            self.missing += 1
            self.fields.update(score.article.meta)
        group = "unknown" if value is None or str(value) == "" else str(value)
        self.ids[group].append(score.article.id)
        vals = self.values[group]
        for axis in score.axes.values():
            self.axes.setdefault(axis.axis, (axis.negative_pole, axis.positive_pole))
            vals[axis.axis].append(axis.score)
            for hit in axis.evidence:
                if hit.counted_for:
                    self.terms[group][axis.axis][hit.counted_for][hit.term] += 1
        vals["sentiment_compound"].append(score.sentiment.compound)
        vals["sentiment_pos_share"].append(score.sentiment.pos_share)
        vals["sentiment_neg_share"].append(score.sentiment.neg_share)


def compare_scores(
    scores: Iterable[ArticleScore],
    *,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
    top_terms: int = 5,
    skipped: Sequence[Skipped] = (),
) -> Comparison:
    """Group already-computed scores and summarise each group."""
    import numpy as np

    if n_boot < 100:
        raise UsageError(f"n_boot must be at least 100, not {n_boot}")
    acc = _Accumulator()
    for s in scores:
        acc.add(s, by)
    if acc.ids and acc.missing == sum(len(ids) for ids in acc.ids.values()):
        known = ", ".join(["outlet", "outlet_type", "date", *sorted(acc.fields)])
        raise UsageError(f"--by {by}: no article has a field {by!r}. Available: {known}")
    measures = (*acc.axes, *SENTIMENT_MEASURES)
    rng = np.random.default_rng(seed)
    groups = []
    for group in sorted(acc.values):
        vals = acc.values[group]
        estimates = {}
        for m in measures:
            data = vals[m]
            low, high = bootstrap_interval(data, n_boot=n_boot, rng=rng)
            estimates[m] = Estimate(round(float(np.mean(data)), 4), low, high)
        terms = {
            axis: {pole: acc.terms[group][axis][pole].most_common(top_terms) for pole in poles}
            for axis, poles in acc.axes.items()
        }
        groups.append(
            GroupSummary(group, len(acc.ids[group]), estimates, terms, tuple(acc.ids[group]))
        )
    return Comparison(by, measures, dict(acc.axes), tuple(groups), seed, n_boot, tuple(skipped))


def compare(
    inputs: Any,
    *,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
    top_terms: int = 5,
    lexicon_dirs: Iterable[str | Path] = (),
    skipped: list[Skipped] | None = None,
    jobs: int | None = 1,
) -> Comparison:
    """Score ``inputs`` (paths and/or articles, as for ``score_corpus``) and compare groups.

    Bad inputs go to ``skipped`` when it is a list; otherwise the first one raises.
    ``jobs``: scoring processes (``None``: all cores); the result does not depend on it.
    """
    from framing.scoring import score_corpus

    scores = score_corpus(inputs, lexicon_dirs=lexicon_dirs, skipped=skipped, jobs=jobs)
    return compare_scores(
        scores,
        by=by,
        n_boot=n_boot,
        seed=seed,
        top_terms=top_terms,
        skipped=skipped if skipped is not None else (),
    )
