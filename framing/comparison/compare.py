"""Compare groups of articles (outlets, outlet types, any metadata field, optionally by period).

One pass over the scores keeps, per article, only its numbers (axis scores, frame
probabilities, sentiment), its matched-term counts, a few KWIC lines per group and term, and
two MinHash signatures (``framing.comparison.syndication``): never the texts. Then:

- **Syndication.** Reprints and rewrites of one report are clustered. With ``dedupe=True``
  (default) a cluster is *weighted once per group*: its members within one group are averaged
  into a single observation (numbers and term counts alike), so a group's ``n`` counts
  independent reports, ``n_articles`` counts articles. A cluster spanning two groups gives one
  observation to each. ``dedupe=False`` counts every article.
- **Per group**: n, the mean of each measure and its 95% percentile bootstrap interval
  (observations resampled, ``n_boot`` draws, seeded); no interval below 2 observations.
- **Contrasts** between every pair of groups (within the same period with ``every``), or each
  group against ``reference``: difference of means with a bootstrap interval, three two-sided
  p-values (Welch's t-test, Brunner-Munzel, permutation; ``stats.contrast_pvalues``), Cohen's
  d and Cliff's delta. ``p`` is ``test``'s p-value (Welch by default; the exact permutation p
  for groups small enough to enumerate every relabeling), adjusted with Holm or
  Benjamini-Hochberg *within its family*: ``primary`` is the axes and mean sentiment (what
  the comparison is for), ``secondary`` the frames, the sentiment shares and any extra
  ``measures``. With ``measures`` given, contrasts are made for the named measures only, so
  the families hold only what was asked for (group means are still computed for all).
  A contrast where a group has fewer than 5 observations carries a warning; below 2, it has no
  interval, p-value or d.
- **Evidence**: per group, axis and pole the terms that most distinguish the group
  (``framing.comparison.evidence``).

The same ``seed`` gives the same numbers: each interval and test draws from its own generator,
seeded from ``seed`` and the position of the group or contrast.

**Large groups** (more than ``resample_cap`` observations, default 5000): means, differences,
Welch's p and Cohen's d stay exact, from each group's count, mean and variance over all its
observations; bootstrap intervals, the permutation and Brunner-Munzel tests and Cliff's delta
use a seeded sample of ``resample_cap`` observations, the intervals rescaled to the group's
size (``compare_scores``; ``framing.comparison.sampling``). A scores file without texts or
evidence is read as numbers straight into those moments and samples: memory does not grow
with its rows.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.comparison.evidence import (
    KwicStore,
    article_term_counts,
    distinctive_terms,
)
from framing.comparison.grouping import (
    PERIODS,
    UNDATED,
    check_measures,
    group_value,
    pairs_to_contrast,
    period,
)
from framing.comparison.sampling import (
    DEFAULT_RESAMPLE_CAP,
    GroupStream,
    check_cap,
    group_rng,
    moments_of,
    reservoir_positions,
)
from framing.comparison.stats import (
    ALPHA,
    FAMILIES,
    MIN_N_CONTRAST,
    MIN_N_INTERVAL,
    Moments,
    family_of,
)
from framing.comparison.summaries import Contrast, Estimate, GroupSummary, _r
from framing.comparison.syndication import Cluster, SyndicationDetector
from framing.errors import UsageError
from framing.records import ArticleScore, Skipped
from framing.scoring.language import LanguageTally

SENTIMENT_MEASURES = ("sentiment_compound", "sentiment_pos_share", "sentiment_neg_share")
CORRECTIONS = ("holm", "bh", "none")


@dataclass(frozen=True)
class Comparison:
    """The result of ``compare``: groups (sorted by name), contrasts, clusters, settings.

    ``points`` holds, per article, ``(id, group, x, y)`` on the first two axes (the 2-D map);
    for a group sampled above ``resample_cap``, only the articles of its sample (and any
    syndicated copy), so the map of a million rows holds at most ``resample_cap`` per group.
    """

    by: str
    measures: tuple[str, ...]
    axes: dict[str, tuple[str, str]]
    groups: tuple[GroupSummary, ...]
    seed: int
    n_boot: int
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    contrasts: tuple[Contrast, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    every: str | None = None
    dedupe: bool = True
    correction: str = "holm"
    n_perm: int = 5000
    n_undated: int = 0
    points: tuple[tuple[str, str, float, float], ...] = ()
    test: str = "welch"
    warnings: tuple[str, ...] = ()
    source: str = "texts"
    reference: str | None = None
    resample_cap: int = DEFAULT_RESAMPLE_CAP

    @property
    def n_articles(self) -> int:
        return sum(g.n_articles for g in self.groups)

    def _key(self, g: GroupSummary) -> dict[str, Any]:
        key: dict[str, Any] = {self.by: g.value or g.group}
        if self.every:
            key["period"] = g.period
        return key

    @property
    def sampled(self) -> bool:
        """Whether a group's intervals and rank tests were computed on a sample of it."""
        return any(g.n_resampled is not None for g in self.groups)

    def _counts(self, g: GroupSummary) -> dict[str, Any]:
        """n and n_articles; with a sampled group, ``n_resampled`` (the observations the
        intervals and rank tests used: n for a group that was not sampled)."""
        out: dict[str, Any] = {"n": g.n, "n_articles": g.n_articles}
        if self.sampled:
            out["n_resampled"] = g.n if g.n_resampled is None else g.n_resampled
        return out

    def rows(self) -> list[dict[str, Any]]:
        """Wide rows, one per group: n, ``<measure>`` with ``_low``/``_high``, top terms."""
        out = []
        for g in self.groups:
            row: dict[str, Any] = {**self._key(g), **self._counts(g)}
            for m in self.measures:
                est = g.estimates[m]
                row[m] = _r(est.mean)
                row[f"{m}_low"] = _r(est.low)
                row[f"{m}_high"] = _r(est.high)
            for axis, poles in self.axes.items():
                for pole in poles:
                    terms = g.top_terms.get(axis, {}).get(pole, [])
                    row[f"{axis}_{pole}_terms"] = ", ".join(
                        f"{t.term} ({t.count:g})" for t in terms
                    )
            row["warning"] = "; ".join(g.warnings)
            out.append(row)
        return out

    def tidy_rows(self) -> list[dict[str, Any]]:
        """One row per group x measure: n, mean, low, high, warning."""
        out = []
        for g in self.groups:
            for m in self.measures:
                est = g.estimates[m]
                out.append(
                    {
                        **self._key(g),
                        "measure": m,
                        **self._counts(g),
                        "mean": _r(est.mean),
                        "low": _r(est.low),
                        "high": _r(est.high),
                        "warning": "; ".join(g.warnings),
                    }
                )
        return out

    def contrast_rows(self) -> list[dict[str, Any]]:
        """One row per contrast (pair of groups x measure)."""
        return [{**c.to_dict(), "correction": self.correction} for c in self.contrasts]

    def term_rows(self) -> list[dict[str, Any]]:
        """One row per group x axis x pole x distinctive term, with its KWIC lines."""
        out = []
        for g in self.groups:
            for axis, poles in g.top_terms.items():
                for pole, terms in poles.items():
                    for rank, t in enumerate(terms, 1):
                        out.append(
                            {
                                **self._key(g),
                                "axis": axis,
                                "pole": pole,
                                "rank": rank,
                                **t.to_dict(),
                            }
                        )
        return out

    def cluster_rows(self) -> list[dict[str, Any]]:
        """One row per syndication link: cluster, the two ids, kind and similarities."""
        return [
            {"cluster": c.id, "size": len(c.ids), **link.to_dict()}
            for c in self.clusters
            for link in c.links
        ]


class _Accumulator:
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
            if name.startswith("frame_") and _numeric(v):
                found[name] = float(v)
        for name in SENTIMENT_MEASURES:
            found[name] = math.nan if row[name] is None else float(row[name])
        if self.wants_columns():
            self.columns.update(k for k, v in row.items() if _numeric(v))
        for name in self.extra:
            v = row.get(name)
            found[name] = float(v) if v is not None and _numeric(v) else math.nan
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


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _label(key: tuple[str, str]) -> str:
    return f"{key[0]} | {key[1]}" if key[1] else key[0]


def _measure_order(names: Iterable[str], axes: Sequence[str], extra: Sequence[str]) -> list[str]:
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
class _Observed:
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


def _from_columns(
    acc: _Accumulator, names: list[str], dedupe: bool, cap: int, seed: int
) -> tuple[list[Cluster], dict[tuple[str, str], _Observed], dict[Any, Counter[Any]], list[Any]]:
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

    observed: dict[tuple[str, str], _Observed] = {}
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
        observed[key] = _Observed(
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
        labels = [_label(k) for k in acc.key_list]  # one string per group, shared
        every = bool(shown.all())
        points = [
            (acc.ids[i], labels[c], float(xi), float(yi))
            for i, (c, xi, yi) in enumerate(zip(acc.codes, x.tolist(), y.tolist(), strict=True))
            if every or shown[i]
        ]
    return clusters, observed, group_counts, points


def _from_streams(
    acc: _Accumulator, names: list[str]
) -> tuple[list[Cluster], dict[tuple[str, str], _Observed], dict[Any, Counter[Any]], list[Any]]:
    """Observations from the groups' moments and samples (no texts: every article counts)."""
    import numpy as np

    width = len(acc.index)
    observed: dict[tuple[str, str], _Observed] = {}
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
        observed[key] = _Observed(
            n=stream.n,
            n_articles=stream.n,
            ids=tuple(stream.ids),
            merged=(),
            data=data,
            exact=exact,
            n_sample=len(stream.rows) if sampled else None,
        )
        if len(axis_cols) == 2 and None not in axis_cols:
            label = _label(key)
            xs = stream.sample[:, axis_cols[0]].tolist()
            ys = stream.sample[:, axis_cols[1]].tolist()
            found.extend(zip(stream.rows, stream.ids, [label] * len(xs), xs, ys, strict=True))
    found.sort(key=lambda p: p[0])
    points = [(pid, label, float(x), float(y)) for _i, pid, label, x, y in found]
    return [], observed, {key: Counter() for key in observed}, points


def compare_scores(
    scores: Iterable[ArticleScore],
    *,
    by: str = "outlet",
    every: str | None = None,
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    top_terms: int = 5,
    correction: str = "holm",
    dedupe: bool = True,
    reference: str | None = None,
    measures: Sequence[str] = (),
    skipped: Sequence[Skipped] = (),
    progress: Callable[[int], None] | None = None,
    test: str = "welch",
    resample_cap: int = DEFAULT_RESAMPLE_CAP,
) -> Comparison:
    """Group already-computed scores and compare the groups (see the module docstring).

    ``measures`` adds any other numeric column of ``ArticleScore.to_dict()`` (e.g.
    ``n_tokens``, ``threat_exchange_threat_per_1k``). ``progress`` is called with the number
    of articles read so far, once per article.

    ``resample_cap`` (default 5000; 0: no cap): a group with more observations keeps its
    exact count, mean and variance of every measure, so its means, the differences of means,
    Welch's p and Cohen's d are those of all its observations, while its bootstrap
    intervals, permutation and Brunner-Munzel p and Cliff's delta are computed on a seeded
    sample of ``resample_cap`` of them (``framing.comparison.sampling``). The sample's
    bootstrap means ``m*`` are moved to the exact mean and shrunk to the width a bootstrap of
    all ``n`` would have: ``mean + sqrt(k / n) * (m* - mean(sample))`` for a sample of ``k``.
    Each sampled group is named in ``warnings`` and has ``n_resampled``; a group of at most
    ``resample_cap`` observations gives exactly what it gives without a cap.

    ``scores`` may be an object with a ``feed_compare(accumulator, progress)`` method (a
    scores file read as columns: ``framing.comparison.scores_file``); its rows then go to
    the groups' moments and samples and nothing is kept per article.
    """
    import numpy as np

    from framing.comparison import stats

    if n_boot < 100:
        raise UsageError(f"n_boot must be at least 100, not {n_boot}")
    if correction not in CORRECTIONS:
        raise UsageError(
            f"Unknown correction {correction!r}. Choose from: {', '.join(CORRECTIONS)}"
        )
    if every is not None and every not in PERIODS:
        raise UsageError(f"Unknown period {every!r}. Choose from: {', '.join(PERIODS)}")
    if test not in stats.TESTS:
        raise UsageError(f"Unknown test {test!r}. Choose from: {', '.join(stats.TESTS)}")
    cap = check_cap(resample_cap)
    feed = getattr(scores, "feed_compare", None)
    acc = _Accumulator(by, every, measures, dedupe, streaming=feed is not None, cap=cap, seed=seed)
    if feed is not None:
        feed(acc, progress)
    else:
        for count, s in enumerate(scores, 1):
            acc.add(s)
            if progress is not None:
                progress(count)
    if acc.n_rows and acc.missing == acc.n_rows:
        known = ", ".join(["outlet", "outlet_type", "date", *sorted(acc.fields)])
        raise UsageError(f"--by {by}: no article has a field {by!r}. Available: {known}")
    if acc.n_rows:
        check_measures(measures, acc.columns)
    names = _measure_order(acc.measure_names(), list(acc.axes), measures)
    if acc.streaming:
        clusters, observed, group_counts, points = _from_streams(acc, names)
    else:
        clusters, observed, group_counts, points = _from_columns(acc, names, dedupe, cap, seed)
    keys = sorted(observed)
    evidence = distinctive_terms(group_counts, acc.axes, top=top_terms, kwic=acc.kwic)
    groups = []
    sampled_notes = []
    for gi, key in enumerate(keys):
        ob = observed[key]
        n = ob.n
        gen = np.random.default_rng([seed, 0, gi])
        estimates = {}
        for m in names:
            data = ob.data[m]
            if ob.exact is None:
                mean = float(data.mean()) if data.size else None
                ci = stats.bootstrap_interval(data, n_boot=n_boot, rng=gen)
            else:
                count, mu, _var = ob.exact[m]
                mean = mu if count else None
                ci = stats.bootstrap_interval(
                    data,
                    n_boot=n_boot,
                    rng=gen,
                    center=mu,
                    scale=math.sqrt(data.size / count) if count else 1.0,
                )
            estimates[m] = Estimate(mean, ci[0] if ci else None, ci[1] if ci else None)
        warnings = []
        if n < MIN_N_INTERVAL:
            warnings.append(f"n<{MIN_N_INTERVAL}: no interval")
        elif n < MIN_N_CONTRAST:
            warnings.append(f"n<{MIN_N_CONTRAST}: too few for contrasts")
        if ob.n_articles > n:
            warnings.append(f"{ob.n_articles - n} syndicated copies merged")
        if ob.n_sample is not None:
            sampled_notes.append(
                f"group {_label(key)}: intervals and rank tests on a seeded sample of"
                f" {ob.n_sample} of {n} observations; means and Welch exact"
            )
        groups.append(
            GroupSummary(
                group=_label(key),
                n=n,
                estimates=estimates,
                top_terms=evidence[key],
                ids=ob.ids,
                value=key[0],
                period=key[1],
                n_articles=ob.n_articles,
                merged=ob.merged,
                warnings=tuple(warnings),
                n_resampled=ob.n_sample,
            )
        )
    pairs = pairs_to_contrast(keys, reference)
    tested = [m for m in names if m in measures] if measures else names
    raw: list[dict[str, Any]] = []
    for pi, (ka, kb) in enumerate(pairs):
        gen = np.random.default_rng([seed, 1, pi])
        oa, ob = observed[ka], observed[kb]
        for m in tested:
            a, b = oa.data[m], ob.data[m]
            na, nb = oa.n, ob.n
            enough = a.size >= MIN_N_INTERVAL and b.size >= MIN_N_INTERVAL
            warning = ""
            if min(na, nb) < MIN_N_INTERVAL:
                warning = f"n<{MIN_N_INTERVAL}: no test"
            elif min(na, nb) < MIN_N_CONTRAST:
                warning = f"n<{MIN_N_CONTRAST}: weak"
            if oa.exact is None and ob.exact is None:
                ci = stats.bootstrap_diff_interval(a, b, n_boot=n_boot, rng=gen) if enough else None
                tests = (
                    stats.contrast_pvalues(a, b, n_perm=n_perm, rng=gen, test=test)
                    if enough
                    else {}
                )
                diff = float(a.mean() - b.mean()) if a.size and b.size else None
                d = stats.cohens_d(a, b)
            else:
                ma = oa.exact[m] if oa.exact is not None else moments_of(a)
                mb = ob.exact[m] if ob.exact is not None else moments_of(b)
                ci = (
                    stats.bootstrap_diff_interval(
                        a,
                        b,
                        n_boot=n_boot,
                        rng=gen,
                        centers=(ma[1], mb[1]),
                        scales=(math.sqrt(a.size / ma[0]), math.sqrt(b.size / mb[0])),
                    )
                    if enough
                    else None
                )
                tests = (
                    stats.contrast_pvalues(
                        a, b, n_perm=n_perm, rng=gen, test=test, moments=(ma, mb)
                    )
                    if enough
                    else {}
                )
                diff = ma[1] - mb[1] if ma[0] and mb[0] else None
                d = stats.cohens_d_from_moments(ma, mb)
            raw.append(
                {
                    "measure": m,
                    "family": family_of(m, acc.axes),
                    "a": _label(ka),
                    "b": _label(kb),
                    "n_a": na,
                    "n_b": nb,
                    "diff": diff,
                    "low": ci[0] if ci else None,
                    "high": ci[1] if ci else None,
                    "p": tests.get("p"),
                    "test": tests.get("test", ""),
                    "p_welch": tests.get("p_welch"),
                    "p_brunner_munzel": tests.get("p_brunner_munzel"),
                    "p_perm": tests.get("p_perm"),
                    "exact": tests.get("perm_exact", False),
                    "cohens_d": d,
                    "cliffs_delta": stats.cliffs_delta(a, b) if enough else None,
                    "warning": warning,
                }
            )
    adjusted: list[float | None] = [None] * len(raw)
    for fam in FAMILIES:
        idx = [i for i, r in enumerate(raw) if r["family"] == fam]
        for i, q in zip(idx, stats.adjust([raw[i]["p"] for i in idx], correction), strict=True):
            adjusted[i] = q
    notes = stats.floor_warnings(raw, n_perm, correction, FAMILIES, ALPHA)
    language_note = acc.languages.message()
    if language_note:
        notes.append(f"{language_note}: their rows are left out of the means")
    notes.extend(sampled_notes)
    for r in raw:
        del r["exact"]
    contrasts = tuple(Contrast(**r, p_adjusted=q) for r, q in zip(raw, adjusted, strict=True))
    return Comparison(
        by=by,
        measures=tuple(names),
        axes=dict(acc.axes),
        groups=tuple(groups),
        seed=seed,
        n_boot=n_boot,
        skipped=tuple(skipped),
        contrasts=contrasts,
        clusters=tuple(clusters),
        every=every,
        dedupe=dedupe,
        correction=correction,
        n_perm=n_perm,
        n_undated=acc.n_undated,
        points=tuple(points),
        test=test,
        warnings=tuple(notes),
        reference=reference,
        resample_cap=cap,
    )


def compare(
    inputs: Any,
    *,
    by: str = "outlet",
    every: str | None = None,
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    top_terms: int = 5,
    correction: str = "holm",
    dedupe: bool = True,
    reference: str | None = None,
    measures: Sequence[str] = (),
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
    text_column: str = "text",
    id_column: str = "id",
    skipped: list[Skipped] | None = None,
    scorer: Any = None,
    progress: Callable[[int], None] | None = None,
    jobs: int | None = 1,
    test: str = "welch",
    ids: Any = None,
    resample_cap: int = DEFAULT_RESAMPLE_CAP,
) -> Comparison:
    """Score ``inputs`` (paths, articles, dicts, a DataFrame or Dataset of articles, as for
    ``score_corpus``) and compare groups. (``framing.compare`` also takes a DataFrame of
    scores: see ``framing.comparison.dataframes``.)

    Bad inputs go to ``skipped`` when it is a list; otherwise the first one raises.
    ``jobs``: scoring processes (``None``: all cores); the result does not depend on it.
    ``ids``: a ``framing.run.local.IdTally`` that counts repeated article ids.
    """
    from framing.run.local import score_corpus

    scores = score_corpus(
        inputs,
        lexicon_dirs=lexicon_dirs,
        model_paths=model_paths,
        text_column=text_column,
        id_column=id_column,
        skipped=skipped,
        scorer=scorer,
        jobs=jobs,
        ids=ids,
    )
    return compare_scores(
        scores,
        by=by,
        every=every,
        n_boot=n_boot,
        n_perm=n_perm,
        seed=seed,
        top_terms=top_terms,
        correction=correction,
        dedupe=dedupe,
        reference=reference,
        measures=measures,
        skipped=skipped if skipped is not None else (),
        progress=progress,
        test=test,
        resample_cap=resample_cap,
    )
