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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.comparison.evidence import (
    distinctive_terms,
)
from framing.comparison.grouping import (
    PERIODS,
    check_measures,
    pairs_to_contrast,
)
from framing.comparison.observations import (
    Accumulator,
    from_columns,
    from_streams,
    group_label,
    measure_order,
)
from framing.comparison.sampling import (
    DEFAULT_RESAMPLE_CAP,
    check_cap,
    moments_of,
)
from framing.comparison.stats import (
    ALPHA,
    FAMILIES,
    MIN_N_CONTRAST,
    MIN_N_INTERVAL,
    family_of,
    tests_label,
)
from framing.comparison.summaries import Contrast, Estimate, GroupSummary, _r
from framing.comparison.syndication import Cluster
from framing.errors import UsageError
from framing.records import ArticleScore, Skipped

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

    def p_label(self, measure: str | None = None) -> str:
        """The tests behind the tested contrasts' ``p`` (of ``measure``, or all), for a
        heading: ``test`` unless a contrast got the exact permutation p
        (``stats.tests_label``)."""
        return tests_label(
            (c.test for c in self.contrasts if c.p is not None and measure in (None, c.measure)),
            self.test,
        )

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
    acc = Accumulator(by, every, measures, dedupe, streaming=feed is not None, cap=cap, seed=seed)
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
    names = measure_order(acc.measure_names(), list(acc.axes), measures)
    if acc.streaming:
        clusters, observed, group_counts, points = from_streams(acc, names)
    else:
        clusters, observed, group_counts, points = from_columns(acc, names, dedupe, cap, seed)
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
            warnings.append(f"n<{MIN_N_CONTRAST}: interval and contrasts weak")
        if ob.n_articles > n:
            warnings.append(f"{ob.n_articles - n} syndicated copies merged")
        if ob.n_sample is not None:
            sampled_notes.append(
                f"group {group_label(key)}: intervals and rank tests on a seeded sample of"
                f" {ob.n_sample} of {n} observations; means and Welch exact"
            )
        groups.append(
            GroupSummary(
                group=group_label(key),
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
                    "a": group_label(ka),
                    "b": group_label(kb),
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
