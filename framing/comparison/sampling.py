"""Exact moments and a seeded sample per group: how ``compare`` reads a million rows in flat memory.

Resampling statistics (bootstrap intervals, the permutation test, Brunner-Munzel, Cliff's
delta) cost time in proportion to a group's size on every draw, and need its values at hand.
Means, Welch's t-test and Cohen's d need only each group's count, mean and variance. So a
group with more than ``resample_cap`` observations keeps:

- its **exact moments** (count, mean and sum of squared deviations of every measure, updated a
  block of rows at a time with Chan et al.'s pairwise formulas, float64): the group mean, the
  mean differences, Welch's p and Cohen's d are those of all its observations;
- a **seeded reservoir sample** of ``resample_cap`` observations (Vitter's algorithm R: the
  ``t``-th observation, ``t >= cap``, replaces slot ``floor(u * (t + 1))`` when that is below
  ``cap``, ``u`` uniform), each kept whole (every measure, so the measures stay paired), in
  input order. The uniforms come from a generator seeded by the comparison's seed and the
  group's key (``group_rng``), so the same seed picks the same sample.

A group of at most ``resample_cap`` observations keeps them all, and its numbers are exactly
what they are without a cap. ``resample_cap=0`` keeps every observation of every group.
"""

from __future__ import annotations

import math
import zlib
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.errors import UsageError

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: Default number of observations per group the resampling statistics use.
DEFAULT_RESAMPLE_CAP = 5000
#: A smaller sample makes intervals and rank tests too rough to print (as ``n_boot`` < 100).
MIN_RESAMPLE_CAP = 100
#: Rows buffered per group before they are added to its moments and sample.
_BLOCK = 256


def check_cap(cap: Any) -> int:
    """``cap`` as an int: 0 (no cap) or at least ``MIN_RESAMPLE_CAP``; else a ``UsageError``."""
    if isinstance(cap, bool) or not isinstance(cap, int | np.integer):
        raise UsageError(
            f"resample_cap must be a whole number, 0 (no cap) or at least {MIN_RESAMPLE_CAP},"
            f" not {cap!r}"
        )
    if cap < 0 or 0 < cap < MIN_RESAMPLE_CAP:
        raise UsageError(
            f"resample_cap must be 0 (no cap) or at least {MIN_RESAMPLE_CAP}, not {cap}"
        )
    return int(cap)


def group_rng(seed: int, key: tuple[str, str]) -> np.random.Generator:
    """The generator of a group's sample: from the seed and the group's key, not its position."""
    return np.random.default_rng(
        [seed, 2, zlib.crc32(key[0].encode("utf-8")), zlib.crc32(key[1].encode("utf-8"))]
    )


def reservoir_positions(n: int, cap: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """Positions (sorted) of the sample algorithm R keeps of ``n`` observations seen in order;
    ``arange(n)`` when ``cap`` is 0 or at least ``n``. ``GroupStream`` keeps the same ones."""
    if not cap or n <= cap:
        return np.arange(n, dtype=np.intp)
    t = np.arange(cap, n, dtype=np.int64)
    slot = (rng.random(n - cap) * (t + 1)).astype(np.int64)
    keep = slot < cap
    held = np.arange(cap, dtype=np.int64)
    np.maximum.at(held, slot[keep], t[keep])  # the last observation to land in a slot stays
    return np.sort(held).astype(np.intp)


def moments_of(values: NDArray[np.float64]) -> tuple[int, float, float]:
    """(count, mean, variance with ddof=1; NaN below 2, 0 when every value is the same) of
    values without NaN."""
    n = int(values.size)
    if n == 0:
        return 0, math.nan, math.nan
    if n == 1:
        return n, float(values.mean()), math.nan
    var = 0.0 if np.ptp(values) == 0 else float(values.var(ddof=1))
    return n, float(values.mean()), var


class GroupStream:
    """One group's exact moments and reservoir sample, fed a row at a time.

    ``add(row, id, values)``: ``values`` in measure order (a later measure widens every row
    with NaN before it). ``finish(width)`` returns the sample in input order.
    """

    def __init__(self, cap: int, rng: np.random.Generator) -> None:
        self.cap, self.rng = cap, rng
        self.n = 0
        self.count = np.zeros(0)
        self.mean = np.zeros(0)
        self.m2 = np.zeros(0)
        self.lo = np.zeros(0)  # smallest and largest value: a constant measure has variance 0
        self.hi = np.zeros(0)
        self._pending: list[list[float]] = []
        self._pending_rows: list[int] = []
        self._pending_ids: list[str] = []
        self.sample = np.zeros((0, 0))
        self._blocks: list[NDArray[np.float64]] = []  # rows not yet stacked into ``sample``
        self.rows: list[int] = []
        self.ids: list[str] = []

    def add(self, row: int, article_id: str, values: list[float], width: int) -> None:
        self._pending.append(values)
        self._pending_rows.append(row)
        self._pending_ids.append(article_id)
        if len(self._pending) >= _BLOCK:
            self._flush(width)

    def _widen(self, width: int) -> None:
        grow = width - self.count.size
        if grow > 0:
            self.count = np.concatenate([self.count, np.zeros(grow)])
            self.mean = np.concatenate([self.mean, np.zeros(grow)])
            self.m2 = np.concatenate([self.m2, np.zeros(grow)])
            self.lo = np.concatenate([self.lo, np.full(grow, math.inf)])
            self.hi = np.concatenate([self.hi, np.full(grow, -math.inf)])

    def _stack(self, width: int) -> None:
        """``sample`` as one array of ``width`` columns, the buffered rows included."""
        if self._blocks:  # stacked once, not every block (without a cap: all the rows)
            parts = [self.sample, *self._blocks]
            self._blocks = []
            self.sample = np.full((sum(len(p) for p in parts), width), math.nan)
            start = 0
            for part in parts:
                self.sample[start : start + len(part), : part.shape[1]] = part
                start += len(part)
        grow = width - self.sample.shape[1]
        if grow > 0:
            pad = np.full((self.sample.shape[0], grow), math.nan)
            self.sample = np.hstack([self.sample, pad])

    def _flush(self, width: int) -> None:
        if not self._pending:
            return
        self._widen(width)
        block = np.full((len(self._pending), width), math.nan)
        for r, values in enumerate(self._pending):
            block[r, : len(values)] = values
        rows, ids = self._pending_rows, self._pending_ids
        self._pending, self._pending_rows, self._pending_ids = [], [], []
        self._moments(block)
        t0, size = self.n, len(block)
        self.n += size
        direct = size if not self.cap else max(0, min(size, self.cap - t0))
        if direct:
            self._blocks.append(block[:direct])
            self.rows.extend(rows[:direct])
            self.ids.extend(ids[:direct])
        if direct == size:
            return
        self._stack(width)
        t = np.arange(t0 + direct, t0 + size, dtype=np.int64)
        slot = (self.rng.random(size - direct) * (t + 1)).astype(np.int64)
        for r in np.flatnonzero(slot < self.cap).tolist():
            s, src = int(slot[r]), direct + r
            self.sample[s] = block[src]
            self.rows[s], self.ids[s] = rows[src], ids[src]

    def _moments(self, block: NDArray[np.float64]) -> None:
        ok = ~np.isnan(block)
        k = ok.sum(axis=0).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_b = np.where(k > 0, np.where(ok, block, 0.0).sum(axis=0) / k, 0.0)
        dev = np.where(ok, block - mean_b, 0.0)
        m2_b = (dev * dev).sum(axis=0)
        self.lo = np.minimum(self.lo, np.where(ok, block, math.inf).min(axis=0))
        self.hi = np.maximum(self.hi, np.where(ok, block, -math.inf).max(axis=0))
        total = self.count + k
        with np.errstate(invalid="ignore", divide="ignore"):
            delta = mean_b - self.mean
            share = np.where(total > 0, k / total, 0.0)
            self.mean = self.mean + delta * share
            self.m2 = self.m2 + m2_b + delta * delta * self.count * share
        self.count = total

    def finish(self, width: int) -> None:
        """Add the rows still buffered and put the sample in input order."""
        self._flush(width)
        self._widen(width)
        self._stack(width)
        order = np.argsort(np.asarray(self.rows, dtype=np.int64), kind="stable")
        self.sample = self.sample[order]
        self.rows = [self.rows[i] for i in order.tolist()]
        self.ids = [self.ids[i] for i in order.tolist()]

    def moments(self, column: int) -> tuple[int, float, float]:
        """(count, mean, variance with ddof=1) of a measure over every observation (as
        ``moments_of``)."""
        n = int(self.count[column])
        if n == 0:
            return 0, math.nan, math.nan
        if n == 1:
            return n, float(self.mean[column]), math.nan
        same = self.lo[column] == self.hi[column]
        var = 0.0 if same else float(self.m2[column] / (n - 1))
        return n, float(self.lo[column] if same else self.mean[column]), var

    @property
    def sampled(self) -> bool:
        return bool(self.cap) and self.n > self.cap
