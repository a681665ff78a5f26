"""The records of a comparison: one group's summary of a measure, one contrast between two
groups, and the point-with-interval they share. ``compare`` builds them; output renders them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from framing.comparison.evidence import DistinctiveTerm
from framing.comparison.stats import MIN_N_CONTRAST
from framing.comparison.stats import round_p as _p


@dataclass(frozen=True)
class Estimate:
    """A group mean with its 95% bootstrap interval (``None`` when n is too small)."""

    mean: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class GroupSummary:
    """One group's numbers.

    Attributes:
        group: the group's name (the field value, with `` | period`` when by period).
        value: the field value; period: the period (``""`` without ``every``).
        n: observations (syndicated copies within the group count once when deduplicating).
        n_articles: articles.
        estimates: measure -> ``Estimate``.
        top_terms: axis -> pole -> distinctive terms (see ``framing.comparison.evidence``).
        ids: the group's article ids.
        merged: the group's articles merged into another observation (cluster members).
        warnings: why a number is missing or weak (``n<2: no interval`` ...).
        n_resampled: with more observations than ``resample_cap``, the size of the seeded
            sample its intervals and rank tests used (``None``: every observation). ``ids``
            are then those of the sample when the rows were read as columns (a scores file
            without texts), every id otherwise.
    """

    group: str
    n: int
    estimates: dict[str, Estimate]
    top_terms: dict[str, dict[str, list[DistinctiveTerm]]]
    ids: tuple[str, ...] = ()
    value: str = ""
    period: str = ""
    n_articles: int = 0
    merged: tuple[tuple[str, ...], ...] = ()
    warnings: tuple[str, ...] = ()
    n_resampled: int | None = None

    @property
    def small(self) -> bool:
        return self.n < MIN_N_CONTRAST


@dataclass(frozen=True)
class Contrast:
    """Group ``a`` minus group ``b`` on one measure."""

    measure: str
    a: str
    b: str
    n_a: int
    n_b: int
    diff: float | None
    low: float | None
    high: float | None
    p: float | None
    p_adjusted: float | None
    cohens_d: float | None
    cliffs_delta: float | None
    warning: str = ""
    family: str = "primary"
    test: str = ""
    p_welch: float | None = None
    p_brunner_munzel: float | None = None
    p_perm: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "family": self.family,
            "a": self.a,
            "b": self.b,
            "n_a": self.n_a,
            "n_b": self.n_b,
            "diff": _r(self.diff),
            "diff_low": _r(self.low),
            "diff_high": _r(self.high),
            "test": self.test,
            "p": _p(self.p),
            "p_adjusted": _p(self.p_adjusted),
            "p_welch": _p(self.p_welch),
            "p_brunner_munzel": _p(self.p_brunner_munzel),
            "p_perm": _p(self.p_perm),
            "cohens_d": _r(self.cohens_d),
            "cliffs_delta": _r(self.cliffs_delta),
            "warning": self.warning,
        }


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), digits)
