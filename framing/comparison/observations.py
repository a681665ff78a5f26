"""From scored rows to each group's observations: the one pass ``compare`` makes over its input.

``Accumulator`` takes one row at a time: an ``ArticleScore`` (``add``: its numbers as columns,
term counts, KWIC lines and syndication signatures) or, for a scores file without texts or
evidence, the row's numbers only (``add_numbers``: into each group's exact moments and seeded
sample, nothing kept per row). ``from_columns`` and ``from_streams`` turn what it holds into
``Observed`` groups (syndicated copies merged, groups above the cap sampled), which
``framing.comparison.compare`` summarises and contrasts.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framing.comparison.evidence import KwicStore, article_term_counts
from framing.comparison.grouping import UNDATED, group_value, period
from framing.comparison.sampling import (
    DEFAULT_RESAMPLE_CAP,
    GroupStream,
    group_rng,
    moments_of,
    reservoir_positions,
)
from framing.comparison.stats import Moments
from framing.comparison.syndication import Cluster, SyndicationDetector
from framing.records import ArticleScore
from framing.scoring.language import LanguageTally

SENTIMENT_MEASURES = ("sentiment_compound", "sentiment_pos_share", "sentiment_neg_share")


class Accumulator:
    """Per-article numbers, term counts, KWIC lines and signatures, in one pass.

    Column-oriented, so that memory grows by a few bytes per article: each measure is an
    ``array('d')`` (8 bytes a value, NaN where an article lacks it), the group of each
    article a code into ``key_list`` (``array('l')``), term counts kept only for articles
    that have some.

    ``streaming=True`` (rows without texts or evidence, fed by ``add_numbers``): nothing is
    kept per article; each group keeps exact moments and a sample of at most ``cap``
    observations (``framing.comparison.sampling.GroupStream``), so memory stays flat.
    """

    def __init__(
        self,
        by: str,
        every: str | None,
        extra: Sequence[str],
        dedupe: bool,
        *,
        streaming: bool = False,
        cap: int = DEFAULT_RESAMPLE_CAP,
        seed: int = 0,
    ) -> None:
        self.by, self.every, self.extra = by, every, tuple(extra)
        self.streaming, self.cap, self.seed = streaming, cap, seed
        self.n_rows = 0
        self.ids: list[str] = []
        self.codes = array("l")  # article -> index into key_list
        self.key_list: list[tuple[str, str]] = []
        self._code_of: dict[tuple[str, str], int] = {}
        self.values: dict[str, array[float]] = {}
        self.index: dict[str, int] = {}  # streaming: measure -> position in a row's values
        self.streams: dict[tuple[str, str], GroupStream] = {}
        self.terms: dict[int, Counter[tuple[str, str, str]]] = {}
        self.kwic = KwicStore()
        self.detector = SyndicationDetector()
        self.detected = array("l")  # detector position -> article index (rows with text only)
        self.axes: dict[str, tuple[str, str]] = {}
        self.missing = 0
        self.fields: set[str] = set()
        self.n_undated = 0
        self.columns: set[str] = set()  # numeric columns seen, to name them for a bad --measure
        self.languages = LanguageTally()  # articles not scored for their language

    def key(self, i: int) -> tuple[str, str]:
        return self.key_list[self.codes[i]]

    def wants_columns(self) -> bool:
        """Whether the next row's numeric column names are still needed (for ``columns``)."""
        return not self.columns or any(n not in self.columns for n in self.extra)

    def measure_names(self) -> list[str]:
        return list(self.index if self.streaming else self.values)

    def add(self, score: ArticleScore) -> None:
        art = score.article
        row = score.to_dict()
        found: dict[str, float] = {}
        for axis in score.axes.values():
            self.axes.setdefault(axis.axis, (axis.negative_pole, axis.positive_pole))
            found[axis.axis] = math.nan if axis.score is None else axis.score  # None: skipped
        for name, v in row.items():
            if name.startswith("frame_") and is_number(v):
                found[name] = float(v)
        for name in SENTIMENT_MEASURES:
            found[name] = math.nan if row[name] is None else float(row[name])
        if self.wants_columns():
            self.columns.update(k for k, v in row.items() if is_number(v))
        for name in self.extra:
            v = row.get(name)
            found[name] = float(v) if v is not None and is_number(v) else math.nan
        value = art.get(self.by)
        i, key = self.add_numbers(
            value, art.date, art.id, found, row.get("warning"), art.meta if value is None else ()
        )
        counts = article_term_counts(score)
        if counts:
            self.terms[i] = counts
        self.kwic.add(key, score)
        if art.text:  # a row read back from a scores file may have none: nothing to match
            self.detected.append(i)
            self.detector.add(art.id, art.text)

    def add_numbers(
        self,
        value: Any,
        date: str,
        article_id: str,
        found: dict[str, float],
        warning: Any = None,
        fields: Iterable[str] = (),
    ) -> tuple[int, tuple[str, str]]:
        """One article's group field, date, id and measures; its (index, group key).
        ``fields``: the article's metadata field names (to list them when ``by`` is missing)."""
        if value is None:
            self.missing += 1
            self.fields.update(fields)
        per = period(date, self.every) if self.every else ""
        self.n_undated += per == UNDATED
        key = (group_value(value), per)
        code = self._code_of.get(key)
        if code is None:
            code = self._code_of[key] = len(self.key_list)
            self.key_list.append(key)
        i = self.n_rows
        self.n_rows += 1
        self.languages.add(warning)
        if self.streaming:
            index = self.index
            vec = [math.nan] * len(index)
            for name, v in found.items():
                j = index.get(name)
                if j is None:
                    index[name] = len(index)
                    vec.append(v)
                else:
                    vec[j] = v
            stream = self.streams.get(key)
            if stream is None:
                stream = self.streams[key] = GroupStream(self.cap, group_rng(self.seed, key))
            stream.add(i, article_id, vec, len(index))
            return i, key
        self.ids.append(article_id)
        self.codes.append(code)
        for name, v in found.items():
            column = self.values.get(name)
            if column is None:
                column = self.values[name] = array("d", [math.nan]) * i
            column.append(v)
        for column in self.values.values():
            if len(column) == i:
                column.append(math.nan)
        return i, key

    def clusters(self) -> list[Cluster]:
        """The detector's clusters, with ``members`` as article indices: the detector numbers
        only the rows it saw, and rows without text are not shown to it."""
        from dataclasses import replace

        rows = self.detected
        return [
            replace(c, members=tuple(rows[m] for m in c.members)) for c in self.detector.clusters()
        ]


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def group_label(key: tuple[str, str]) -> str:
    return f"{key[0]} | {key[1]}" if key[1] else key[0]


def measure_order(names: Iterable[str], axes: Sequence[str], extra: Sequence[str]) -> list[str]:
    names = list(names)
    frames = sorted(n for n in names if n.startswith("frame_"))
    known = {*axes, *frames, *SENTIMENT_MEASURES}
    return [
        *axes,
        *frames,
        *SENTIMENT_MEASURES,
        *(e for e in dict.fromkeys(extra) if e not in known),
    ]


@dataclass
class Observed:
    """One group's observations, as the statistics need them.

    ``data``: measure -> the values the resampling statistics use (NaN dropped): every
    observation, or a sample of ``n_sample`` of them; ``exact``: with a sample, measure ->
    (count, mean, variance) over every observation (``None`` without one).
    """

    n: int
    n_articles: int
    ids: tuple[str, ...]
    merged: tuple[tuple[str, ...], ...]
    data: dict[str, Any]
    exact: dict[str, Moments] | None = None
    n_sample: int | None = None


def from_columns(
    acc: Accumulator, names: list[str], dedupe: bool, cap: int, seed: int
) -> tuple[list[Cluster], dict[tuple[str, str], Observed], dict[Any, Counter[Any]], list[Any]]:
    """Observations from the per-article columns: syndicated copies merged, groups sampled
    above ``cap``. Returns clusters, observations per group, term counts per group, points."""
    import numpy as np

    clusters = acc.clusters()
    cluster_of: dict[int, int] = {}
    if dedupe:
        for c in clusters:
            for i in c.members:
                cluster_of[i] = c.id
    # Observations per group: an article index, or the list of indices of syndicated copies
    # averaged into one observation (ints, not one-item lists: a million rows stay small).
    observations: dict[tuple[str, str], list[int | list[int]]] = {}
    merged: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    by_cluster: dict[tuple[tuple[str, str], int], list[int]] = {}
    for i, code in enumerate(acc.codes):
        key = acc.key_list[code]
        obs = observations.setdefault(key, [])
        cid = cluster_of.get(i)
        if cid is None:
            obs.append(i)
        elif (key, cid) in by_cluster:
            by_cluster[(key, cid)].append(i)
        else:
            by_cluster[(key, cid)] = [i]
            obs.append(by_cluster[(key, cid)])
    for (key, _cid), members in by_cluster.items():
        if len(members) > 1:
            merged.setdefault(key, []).append(tuple(acc.ids[i] for i in members))
    n_all = acc.n_rows
    columns = {
        m: np.frombuffer(acc.values[m], dtype=float)
        if m in acc.values and n_all
        else np.full(n_all, math.nan)
        for m in names
    }

    # Groups whose observations are all single articles: their indices as one array.
    singles = {
        key: np.asarray(obs, dtype=np.intp)
        for key, obs in observations.items()
        if not any(isinstance(o, list) for o in obs)
    }

    def members_of(obs: int | list[int]) -> list[int]:
        return [obs] if isinstance(obs, int) else obs

    def obs_column(key: tuple[str, str], m: str) -> Any:
        """The measure for each observation of the group, NaN where it has none."""
        col = columns[m]
        if key in singles:
            return col[singles[key]]
        vals = []
        for members in observations[key]:
            chunk = col[members_of(members)]
            chunk = chunk[~np.isnan(chunk)]
            vals.append(chunk.mean() if chunk.size else math.nan)
        return np.asarray(vals, dtype=float)

    observed: dict[tuple[str, str], Observed] = {}
    group_counts = {}
    shown = np.zeros(n_all, dtype=bool)  # articles on the map
    for key in sorted(observations):
        counts: Counter[tuple[str, str, str]] = Counter()
        for entry in observations[key]:
            members = members_of(entry)
            for i in members:
                for term, count in acc.terms.get(i, {}).items():
                    counts[term] += count / len(members)  # type: ignore[assignment]
        group_counts[key] = counts
        n = len(observations[key])
        positions = reservoir_positions(n, cap, group_rng(seed, key))
        sampled = positions.size < n
        data: dict[str, Any] = {}
        exact: dict[str, Moments] | None = {} if sampled else None
        for m in names:
            full = obs_column(key, m)
            if exact is not None:
                exact[m] = moments_of(full[~np.isnan(full)])
                full = full[positions]
            data[m] = full[~np.isnan(full)]
        chosen = observations[key]
        if sampled:
            chosen = [chosen[p] for p in positions.tolist()]
        for o in chosen:
            shown[members_of(o)] = True
        observed[key] = Observed(
            n=n,
            n_articles=sum(1 if isinstance(o, int) else len(o) for o in observations[key]),
            ids=tuple(acc.ids[i] for o in observations[key] for i in members_of(o)),
            merged=tuple(merged.get(key, ())),
            data=data,
            exact=exact,
            n_sample=positions.size if sampled else None,
        )
    for c in clusters:  # the report names the group of every linked article
        shown[list(c.members)] = True
    points: list[tuple[str, str, float, float]] = []
    axis_names = list(acc.axes)
    if len(axis_names) >= 2:
        x, y = columns[axis_names[0]], columns[axis_names[1]]
        labels = [group_label(k) for k in acc.key_list]  # one string per group, shared
        every = bool(shown.all())
        points = [
            (acc.ids[i], labels[c], float(xi), float(yi))
            for i, (c, xi, yi) in enumerate(zip(acc.codes, x.tolist(), y.tolist(), strict=True))
            if every or shown[i]
        ]
    return clusters, observed, group_counts, points


def from_streams(
    acc: Accumulator, names: list[str]
) -> tuple[list[Cluster], dict[tuple[str, str], Observed], dict[Any, Counter[Any]], list[Any]]:
    """Observations from the groups' moments and samples (no texts: every article counts)."""
    import numpy as np

    width = len(acc.index)
    observed: dict[tuple[str, str], Observed] = {}
    found: list[tuple[int, str, str, float, float]] = []
    axis_cols = [acc.index.get(a) for a in list(acc.axes)[:2]]
    for key in sorted(acc.streams):
        stream = acc.streams[key]
        stream.finish(width)
        sampled = stream.sampled
        data: dict[str, Any] = {}
        exact: dict[str, Moments] | None = {} if sampled else None
        for m in names:
            j = acc.index.get(m)
            vals = stream.sample[:, j] if j is not None else np.full(len(stream.rows), math.nan)
            data[m] = vals[~np.isnan(vals)]
            if exact is not None:
                exact[m] = stream.moments(j) if j is not None else (0, math.nan, math.nan)
        observed[key] = Observed(
            n=stream.n,
            n_articles=stream.n,
            ids=tuple(stream.ids),
            merged=(),
            data=data,
            exact=exact,
            n_sample=len(stream.rows) if sampled else None,
        )
        if len(axis_cols) == 2 and None not in axis_cols:
            label = group_label(key)
            xs = stream.sample[:, axis_cols[0]].tolist()
            ys = stream.sample[:, axis_cols[1]].tolist()
            found.extend(zip(stream.rows, stream.ids, [label] * len(xs), xs, ys, strict=True))
    found.sort(key=lambda p: p[0])
    points = [(pid, label, float(x), float(y)) for _i, pid, label, x, y in found]
    return [], observed, {key: Counter() for key in observed}, points
