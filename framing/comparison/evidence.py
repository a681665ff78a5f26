"""Distinctive evidence: which lexicon terms set a group apart, with keyword-in-context lines.

While the corpus streams by, only matched-term *counts* per article and a bounded number of
short KWIC snippets per group and term are kept (never whole texts). At the end, per group,
axis and pole, terms are ranked by the z-score of their log-odds ratio in the group vs all
other groups, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008; see
``framing.comparison.stats.log_odds_dirichlet``): a term used often everywhere does not distinguish
anyone; a term used more here than elsewhere, and often enough to be sure, does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framing.records import ArticleScore

#: KWIC lines kept per group and term, and characters of context on each side.
KWIC_PER_TERM = 3
KWIC_CONTEXT = 60

TermKey = tuple[str, str, str]  # (axis, pole counted for, term as in the lexicon)


@dataclass(frozen=True)
class DistinctiveTerm:
    """A term that distinguishes a group on one pole.

    Attributes:
        term: the lexicon entry.
        count: matches in the group (syndicated copies weighted once when deduplicating, so
            it can be fractional).
        rest: matches in every other group.
        log_odds: log-odds ratio group vs rest (prior-smoothed); ``None`` with one group.
        z: its z-score; > 1.96 is the conventional "reliably more frequent here".
        kwic: up to ``KWIC_PER_TERM`` keyword-in-context lines from the group.
    """

    term: str
    count: float
    rest: float
    log_odds: float | None
    z: float | None
    kwic: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "count": round(self.count, 2),
            "rest": round(self.rest, 2),
            "log_odds": None if self.log_odds is None else round(self.log_odds, 4),
            "z": None if self.z is None else round(self.z, 3),
            "kwic": list(self.kwic),
        }


def article_term_counts(score: ArticleScore) -> Counter[TermKey]:
    """Counted matches of one article, by (axis, pole, term)."""
    counts: Counter[TermKey] = Counter()
    for axis in score.axes.values():
        for hit in axis.evidence:
            if hit.counted_for:
                counts[(axis.axis, hit.counted_for, hit.term)] += 1
    return counts


def kwic_line(sentence: str, matched: str, context: int = KWIC_CONTEXT) -> str:
    """``...left [match] right...`` from one sentence (whitespace collapsed)."""
    text = re.sub(r"\s+", " ", sentence).strip()
    start = text.find(matched)
    if start < 0:
        start = text.lower().find(matched.lower())
    if start < 0:
        return text[: 2 * context]
    end = start + len(matched)
    left = text[max(0, start - context) : start]
    right = text[end : end + context]
    return (
        ("..." if start > context else "")
        + left
        + "["
        + text[start:end]
        + "]"
        + right
        + ("..." if end + context < len(text) else "")
    )


class KwicStore:
    """At most ``per_term`` KWIC lines per (group, axis, pole, term), first seen first."""

    def __init__(self, per_term: int = KWIC_PER_TERM) -> None:
        self.per_term = per_term
        self.lines: dict[tuple[Any, TermKey], list[str]] = {}

    def add(self, group: Any, score: ArticleScore) -> None:
        if self.per_term <= 0:
            return
        for axis in score.axes.values():
            for hit in axis.evidence:
                if not hit.counted_for or hit.sentence >= len(score.sentences):
                    continue
                key = (group, (axis.axis, hit.counted_for, hit.term))
                kept = self.lines.setdefault(key, [])
                if len(kept) < self.per_term:
                    line = kwic_line(score.sentences[hit.sentence], hit.matched)
                    if line not in kept:
                        kept.append(line)

    def get(self, group: Any, key: TermKey) -> tuple[str, ...]:
        return tuple(self.lines.get((group, key), ()))


def distinctive_terms(
    group_counts: Mapping[Any, Mapping[TermKey, float]],
    axes: Mapping[str, tuple[str, str]],
    *,
    top: int,
    kwic: KwicStore | None = None,
) -> dict[Any, dict[str, dict[str, list[DistinctiveTerm]]]]:
    """Per group, axis and pole: the ``top`` terms by log-odds z-score vs the other groups.

    With a single group there is nothing to contrast: terms are ranked by count, and
    ``log_odds``/``z`` are ``None``.
    """
    import numpy as np

    from framing.comparison.stats import log_odds_dirichlet

    groups = list(group_counts)
    out: dict[Any, dict[str, dict[str, list[DistinctiveTerm]]]] = {
        g: {axis: {pole: [] for pole in poles} for axis, poles in axes.items()} for g in groups
    }
    if top <= 0:
        return out
    for axis in axes:
        # One vocabulary per axis (both poles), as in Monroe et al.: a term's odds are held
        # against every other lexicon match of the axis.
        vocab = sorted({k for c in group_counts.values() for k in c if k[0] == axis})
        if not vocab:
            continue
        matrix = np.array([[group_counts[g].get(k, 0.0) for k in vocab] for g in groups])
        totals = matrix.sum(axis=0)
        names = np.array([k[2] for k in vocab])
        for gi, g in enumerate(groups):
            mine, rest = matrix[gi], totals - matrix[gi]
            delta = z = None
            if len(groups) > 1:
                delta, z = log_odds_dirichlet(mine, rest)
                order = np.lexsort((names, -mine, -np.nan_to_num(z, nan=-np.inf)))
            else:
                order = np.lexsort((names, -mine))
            for ti in order:
                key = vocab[ti]
                picked = out[g][axis].setdefault(key[1], [])
                if mine[ti] <= 0 or len(picked) >= top:
                    continue
                picked.append(
                    DistinctiveTerm(
                        key[2],
                        float(mine[ti]),
                        float(rest[ti]),
                        _num(delta, ti),
                        _num(z, ti),
                        kwic.get(g, key) if kwic else (),
                    )
                )
    return out


def _num(values: Any, i: int) -> float | None:
    if values is None:
        return None
    v = float(values[i])
    return v if v == v else None


def sum_counts(parts: Sequence[Mapping[TermKey, float]]) -> Counter[TermKey]:
    total: Counter[TermKey] = Counter()
    for part in parts:
        total.update(part)
    return total
