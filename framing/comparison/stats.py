"""Statistics for comparing groups: pure functions on arrays, seeded, vectorised with numpy.

Why these choices:

- Intervals are percentile bootstraps of the mean with articles resampled with replacement:
  no normality assumption, and they read as "the group mean is probably in here".
- Group differences get three two-sided tests, side by side (``contrast_pvalues``):
  Welch's t-test (difference of means, unequal variances; asymptotic, no floor), the
  Brunner-Munzel test (stochastic dominance, the test that goes with Cliff's delta; no
  normality, unequal variances) and a permutation test of the difference of means (labels
  shuffled, exact enumeration when there are few enough relabelings). Monte Carlo
  permutation p-values use ``(1 + hits) / (1 + n_perm)`` (Phipson & Smyth 2010): never 0,
  but never below ``1 / (1 + n_perm)`` either, which after a correction over m contrasts
  can keep every adjusted p above alpha (``permutation_floor``). So the p that is corrected
  is Welch's by default; the permutation p is the check beside it, and the exact one when
  the groups are so small that every relabeling is enumerated (there no asymptotic test is
  valid).
- Effect sizes: Cohen's d (pooled SD) says how far apart the means are in SD units; Cliff's
  delta (P(a > b) - P(a < b)) needs no distributional assumption and suits bounded scores.
- Many contrasts are corrected together with Holm (family-wise error) or Benjamini-Hochberg
  (false discovery rate).
- Distinctive terms: log-odds ratios with an informative Dirichlet prior and their z-scores
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16-22).

Every function takes a ``numpy.random.Generator`` (or a seed) where it draws, so the same seed
gives the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

#: Below this many values a bootstrap interval means nothing (one value resamples to itself).
MIN_N_INTERVAL = 2
#: Below this many observations in either group a contrast is shown with a warning.
MIN_N_CONTRAST = 5
#: Contrast families, corrected apart: the axes and mean sentiment, then everything else.
FAMILIES = ("primary", "secondary")
#: The significance level the summaries and warnings speak of.
ALPHA = 0.05


def family_of(measure: str, axes: Iterable[str]) -> str:
    """``primary`` for an axis or the mean sentiment, ``secondary`` for everything else."""
    return "primary" if measure in set(axes) or measure == "sentiment_compound" else "secondary"


def round_p(value: float | None) -> float | None:
    """A p-value to 3 significant digits: small ones stay readable (1.23e-12, not 0)."""
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.3g}")


#: Resampling draws are made in blocks of at most this many numbers, to bound memory.
_BLOCK = 4_000_000


def _rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def _arr(values: ArrayLike) -> NDArray[np.float64]:
    data = np.asarray(values, dtype=float).ravel()
    return data[~np.isnan(data)]


def bootstrap_means(
    values: ArrayLike, *, n_boot: int = 2000, rng: np.random.Generator | int | None = None
) -> NDArray[np.float64]:
    """``n_boot`` means of samples drawn with replacement from ``values`` (NaN dropped)."""
    data = _arr(values)
    gen = _rng(rng)
    if data.size == 0:
        return np.full(n_boot, np.nan)
    out = np.empty(n_boot)
    step = max(1, _BLOCK // data.size)
    for start in range(0, n_boot, step):
        stop = min(n_boot, start + step)
        idx = gen.integers(0, data.size, size=(stop - start, data.size))
        out[start:stop] = data[idx].mean(axis=1)
    return out


def percentile_interval(draws: ArrayLike, level: float = 0.95) -> tuple[float, float]:
    """The central ``level`` interval of bootstrap draws."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(np.asarray(draws, dtype=float), [tail, 100 - tail])
    return float(low), float(high)


def bootstrap_interval(
    values: ArrayLike,
    *,
    n_boot: int = 2000,
    rng: np.random.Generator | int | None = None,
    level: float = 0.95,
    center: float | None = None,
    scale: float = 1.0,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean; ``None`` below ``MIN_N_INTERVAL`` values.

    ``center`` and ``scale`` are for a sample standing for a larger group (``rescaled``):
    each bootstrap mean ``m*`` becomes ``center + scale * (m* - mean(values))``.
    """
    data = _arr(values)
    if data.size < MIN_N_INTERVAL:
        return None
    draws = bootstrap_means(data, n_boot=n_boot, rng=rng)
    if center is not None:
        draws = rescaled(draws, float(data.mean()), center, scale)
    return percentile_interval(draws, level)


def rescaled(
    draws: NDArray[np.float64], sample_mean: float, center: float, scale: float
) -> NDArray[np.float64]:
    """Bootstrap means of a sample of ``k`` of a group's ``n`` observations, moved to the
    group's exact mean and shrunk to the spread a bootstrap of all ``n`` would have:
    ``center + scale * (m* - sample_mean)`` with ``scale = sqrt(k / n)`` (the standard error
    of a mean goes as ``1 / sqrt(n)``, so the deviations of the sample's bootstrap means are
    ``sqrt(n / k)`` times too wide)."""
    return center + scale * (draws - sample_mean)


def bootstrap_diff_interval(
    a: ArrayLike,
    b: ArrayLike,
    *,
    n_boot: int = 2000,
    rng: np.random.Generator | int | None = None,
    level: float = 0.95,
    centers: tuple[float, float] | None = None,
    scales: tuple[float, float] = (1.0, 1.0),
) -> tuple[float, float] | None:
    """Interval of mean(a) - mean(b), each group resampled on its own (articles independent).

    With ``centers`` (the groups' exact means) each group's bootstrap means are ``rescaled``
    by its ``scales`` entry before they are subtracted (``a`` and ``b`` are samples).
    """
    x, y = _arr(a), _arr(b)
    if x.size < MIN_N_INTERVAL or y.size < MIN_N_INTERVAL:
        return None
    gen = _rng(rng)
    mx, my = bootstrap_means(x, n_boot=n_boot, rng=gen), bootstrap_means(y, n_boot=n_boot, rng=gen)
    if centers is not None:
        mx = rescaled(mx, float(x.mean()), centers[0], scales[0])
        my = rescaled(my, float(y.mean()), centers[1], scales[1])
    return percentile_interval(mx - my, level)


def permutation_pvalue(
    a: ArrayLike,
    b: ArrayLike,
    *,
    n_perm: int = 5000,
    rng: np.random.Generator | int | None = None,
) -> float | None:
    """Two-sided permutation p-value for a difference of means.

    Exact (every relabeling, ``hits / total``) when there are at most ``n_perm`` relabelings,
    as ``scipy.stats.permutation_test`` does; otherwise ``(1 + hits) / (1 + n_perm)`` over
    random relabelings. ``None`` when a group is empty.
    """
    x, y = _arr(a), _arr(b)
    if x.size == 0 or y.size == 0:
        return None
    pooled = np.concatenate([x, y])
    n, nx = pooled.size, x.size
    observed = abs(x.mean() - y.mean())
    # Ties in floating point: a relabeling as extreme as the observed one must count.
    tol = 1e-12 * max(1.0, float(np.abs(pooled).max()))
    total = pooled.sum()
    if relabelings_at_most(nx, n - nx, n_perm):
        idx = np.array(list(combinations(range(n), nx)), dtype=np.intp)
        sx = pooled[idx].sum(axis=1)
        stats = np.abs(sx / nx - (total - sx) / (n - nx))
        return float(np.mean(stats >= observed - tol))
    gen = _rng(rng)
    hits = 0
    step = max(1, _BLOCK // n)
    for start in range(0, n_perm, step):
        rows = min(step, n_perm - start)
        keys = gen.random((rows, n))
        perm = np.argpartition(keys, nx - 1, axis=1)[:, :nx]
        sx = pooled[perm].sum(axis=1)
        stats = np.abs(sx / nx - (total - sx) / (n - nx))
        hits += int(np.count_nonzero(stats >= observed - tol))
    return (1 + hits) / (1 + n_perm)


def welch_pvalue(a: ArrayLike, b: ArrayLike) -> float | None:
    """Two-sided p of Welch's t-test (``scipy.stats.ttest_ind(equal_var=False)``).

    ``None`` when undefined (fewer than 2 values in a group, or both groups constant).
    """
    import warnings

    from scipy import stats as sps

    x, y = _arr(a), _arr(b)
    if x.size < 2 or y.size < 2 or (np.ptp(x) == 0 and np.ptp(y) == 0):
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        p = float(sps.ttest_ind(x, y, equal_var=False).pvalue)
    return p if math.isfinite(p) else None


#: (count, mean, variance with ddof=1) of a group's observations, from all of them.
Moments = tuple[int, float, float]


def welch_pvalue_from_moments(a: Moments, b: Moments) -> float | None:
    """``welch_pvalue`` from each group's (count, mean, variance): the same test, for groups
    whose values are not all at hand (``scipy.stats.ttest_ind_from_stats``)."""
    import warnings

    from scipy import stats as sps

    (na, ma, va), (nb, mb, vb) = a, b
    if na < 2 or nb < 2 or (va <= 0 and vb <= 0):
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        p = float(
            sps.ttest_ind_from_stats(
                ma, math.sqrt(max(va, 0.0)), na, mb, math.sqrt(max(vb, 0.0)), nb, equal_var=False
            ).pvalue
        )
    return p if math.isfinite(p) else None


def cohens_d_from_moments(a: Moments, b: Moments) -> float | None:
    """``cohens_d`` from each group's (count, mean, variance)."""
    (na, ma, va), (nb, mb, vb) = a, b
    if na < 2 or nb < 2:
        return None
    pooled_var = ((na - 1) * va + (nb - 1) * vb) / (na + nb - 2)
    if pooled_var <= 0:
        return None
    return float((ma - mb) / math.sqrt(pooled_var))


def brunner_munzel_pvalue(a: ArrayLike, b: ArrayLike) -> float | None:
    """Two-sided p of the Brunner-Munzel test (``scipy.stats.brunnermunzel``, t distribution).

    ``None`` when undefined: fewer than 2 values in a group, all values tied, or the groups
    completely separated (the test's variance estimate is then 0; Welch and the permutation
    test still answer).
    """
    import warnings

    from scipy import stats as sps

    x, y = _arr(a), _arr(b)
    if x.size < 2 or y.size < 2:
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        p = float(sps.brunnermunzel(x, y, distribution="t").pvalue)
    return p if math.isfinite(p) else None


def relabelings_at_most(n_a: int, n_b: int, limit: int) -> bool:
    """Whether two groups of ``n_a`` and ``n_b`` values have at most ``limit`` relabelings
    (``C(n_a + n_b, n_a)``), without the big number: for two groups of 5,000 ``math.comb``
    takes milliseconds, the product stops after a few factors."""
    k, n = min(n_a, n_b), n_a + n_b
    count = 1
    for i in range(1, k + 1):
        count = count * (n - k + i) // i  # C(n - k + i, i), an integer at every step
        if count > limit:
            return False
    return True


def permutation_floor(n_perm: int) -> float:
    """The smallest Monte Carlo permutation p-value: ``1 / (1 + n_perm)``."""
    return 1.0 / (1 + n_perm)


def smallest_adjusted(floor: float, m: int, method: str) -> float:
    """The smallest adjusted p a contrast at ``floor`` can reach in a family of ``m``.

    Holm multiplies the smallest p by m; Benjamini-Hochberg by m / rank, so a lone contrast
    at the floor gets ``m * floor`` too (the bound shown); ``none`` leaves it.
    """
    return floor if method == "none" else min(1.0, m * floor)


TESTS = ("welch", "brunner-munzel", "permutation")


def tests_label(tests: Iterable[str], default: str) -> str:
    """Name the tests behind a set of ``p`` values for a heading: ``"welch test"`` when one
    test gave them all, ``"test per row: welch, exact permutation"`` when groups small enough
    to enumerate got the exact permutation p instead (``contrast_pvalues``), ``default``'s
    name when none was tested."""
    used = list(dict.fromkeys(t for t in tests if t))
    if not used:
        return f"{default} test"
    if len(used) == 1:
        return f"{used[0]} test"
    return "test per row: " + ", ".join(used)


def contrast_pvalues(
    a: ArrayLike,
    b: ArrayLike,
    *,
    n_perm: int = 5000,
    rng: np.random.Generator | int | None = None,
    test: str = "welch",
    moments: tuple[Moments, Moments] | None = None,
) -> dict[str, float | str | None]:
    """The three p-values of a contrast and the one to correct.

    Returns ``p_welch``, ``p_brunner_munzel``, ``p_perm``, ``perm_exact`` (``True`` when every
    relabeling was enumerated), ``test`` (the test behind ``p``) and ``p``: the exact
    permutation p when every relabeling fits in ``n_perm``, otherwise ``test``'s p (or the
    permutation p when ``test``'s is undefined).

    With ``moments`` (both groups' count, mean and variance over all their observations),
    ``a`` and ``b`` are samples of them: Welch's p comes from the moments, the permutation
    and Brunner-Munzel p from the samples, and no p counts as exact.
    """
    if test not in TESTS:
        raise ValueError(f"unknown test {test!r}; choose from {', '.join(TESTS)}")
    x, y = _arr(a), _arr(b)
    p_perm = permutation_pvalue(x, y, n_perm=n_perm, rng=rng)
    exact = x.size > 0 and y.size > 0 and relabelings_at_most(x.size, y.size, n_perm)
    if moments is not None:
        exact = False
    out: dict[str, float | str | None] = {
        "p_welch": welch_pvalue(x, y) if moments is None else welch_pvalue_from_moments(*moments),
        "p_brunner_munzel": brunner_munzel_pvalue(x, y),
        "p_perm": p_perm,
        "perm_exact": exact,
    }
    chosen = {"welch": "p_welch", "brunner-munzel": "p_brunner_munzel", "permutation": "p_perm"}
    if exact:
        out["test"], out["p"] = "exact permutation", p_perm
    elif out[chosen[test]] is not None:
        out["test"], out["p"] = test, out[chosen[test]]
    else:
        out["test"], out["p"] = "permutation", p_perm
    return out


def floor_warnings(
    raw: Sequence[dict[str, Any]],
    n_perm: int,
    correction: str,
    families: Sequence[str],
    alpha: float,
) -> list[str]:
    """Where ``n_perm`` permutations, not the data, bound the smallest adjusted p.

    A Monte Carlo permutation p is at least ``1 / (1 + n_perm)``; corrected over m contrasts
    it can go no lower than about ``m / (1 + n_perm)``. Said for each family where a contrast
    whose ``p`` is that permutation p sits at the floor and the bound is above ``alpha / 10``
    (with Welch or Brunner-Munzel only the unadjusted ``p_perm`` column is floored).
    """
    floor = permutation_floor(n_perm)
    out = []
    for fam in families:
        rows = [r for r in raw if r["family"] == fam and r["p"] is not None]
        at_floor = [r for r in rows if not r["exact"] and r["p_perm"] is not None
                    and r["p_perm"] <= floor * (1 + 1e-9)]  # fmt: skip
        bound = smallest_adjusted(floor, len(rows), correction)
        if not at_floor or bound <= alpha / 10:
            continue
        need = math.ceil(len(rows) * 10 / alpha) if correction != "none" else math.ceil(10 / alpha)
        limited = [r for r in at_floor if r["test"] == "permutation"]
        head = (
            f"{fam} family: {len(at_floor)} of {len(rows)} contrasts beat every one of the "
            f"{n_perm} permutations (p_perm = {floor:.2g}, its floor); "
            f"{correction} over {len(rows)} contrasts cannot take a permutation p below "
            f"{bound:.3g}"
        )
        if limited:
            out.append(
                f"{head}, so {len(limited)} adjusted p-values are limited by --n-perm, not by"
                f" the data: use --test welch, or --n-perm {need} or more"
            )
    return out


def cohens_d(a: ArrayLike, b: ArrayLike) -> float | None:
    """(mean(a) - mean(b)) / pooled SD (ddof=1); ``None`` when it is undefined."""
    x, y = _arr(a), _arr(b)
    if x.size < 2 or y.size < 2:
        return None
    pooled_var = ((x.size - 1) * x.var(ddof=1) + (y.size - 1) * y.var(ddof=1)) / (
        x.size + y.size - 2
    )
    if pooled_var <= 0:
        return None
    return float((x.mean() - y.mean()) / math.sqrt(pooled_var))


def cliffs_delta(a: ArrayLike, b: ArrayLike) -> float | None:
    """P(a > b) - P(a < b) over all pairs, in O((n + m) log m); ``None`` for an empty group."""
    x, y = _arr(a), _arr(b)
    if x.size == 0 or y.size == 0:
        return None
    ys = np.sort(y)
    below = np.searchsorted(ys, x, side="left")
    above = y.size - np.searchsorted(ys, x, side="right")
    return float((below.sum() - above.sum()) / (x.size * y.size))


def holm(pvalues: Sequence[float | None]) -> list[float | None]:
    """Holm-Bonferroni adjusted p-values (step-down, monotone, capped at 1); None stays None."""
    present = [(p, i) for i, p in enumerate(pvalues) if p is not None]
    m = len(present)
    out: list[float | None] = [None] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(present)):
        running = max(running, min(1.0, (m - rank) * p))
        out[i] = running
    return out


def benjamini_hochberg(pvalues: Sequence[float | None]) -> list[float | None]:
    """Benjamini-Hochberg adjusted p-values (q-values); None stays None."""
    present = [(p, i) for i, p in enumerate(pvalues) if p is not None]
    m = len(present)
    out: list[float | None] = [None] * len(pvalues)
    running = 1.0
    for rank, (p, i) in reversed(list(enumerate(sorted(present), start=1))):
        running = min(running, p * m / rank)
        out[i] = min(1.0, running)
    return out


CORRECTIONS = {"holm": holm, "bh": benjamini_hochberg}


def adjust(pvalues: Sequence[float | None], method: str) -> list[float | None]:
    """Adjust ``pvalues`` with ``method`` (``holm`` or ``bh``) or return them as they are."""
    if method == "none":
        return list(pvalues)
    return CORRECTIONS[method](pvalues)


def log_odds_dirichlet(
    counts: ArrayLike,
    rest: ArrayLike,
    prior: ArrayLike | None = None,
    *,
    alpha0: float | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Log-odds ratio of each term in ``counts`` vs ``rest``, with an informative Dirichlet prior.

    Monroe, Colaresi & Quinn (2008): with prior pseudo-counts ``a_w`` summing to ``a0``,
    ``delta_w = log((y_w + a_w) / (n + a0 - y_w - a_w)) - log((r_w + a_w) / (m + a0 - r_w -
    a_w))`` and ``var(delta_w) ~ 1 / (y_w + a_w) + 1 / (r_w + a_w)``; the z-score
    ``delta / sqrt(var)`` ranks terms by how reliably they distinguish the two.

    ``prior`` defaults to the pooled counts (the term's share of the whole corpus), scaled so
    the pseudo-counts sum to ``alpha0`` (default: the pooled total, i.e. the corpus itself).
    Returns ``(delta, z)``; NaN where undefined (a vocabulary of a single term).
    """
    y = np.asarray(counts, dtype=float)
    r = np.asarray(rest, dtype=float)
    base = y + r if prior is None else np.asarray(prior, dtype=float)
    total_base = base.sum()
    if total_base <= 0:
        zeros = np.zeros_like(y)
        return zeros, zeros
    a0 = float(total_base if alpha0 is None else alpha0)
    a = base / total_base * a0
    # Terms absent from the prior get a tiny pseudo-count so logs stay finite.
    a = np.where(a > 0, a, 1e-3)
    a0 = float(a.sum())
    n, m = y.sum(), r.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y + a) / (n + a0 - y - a)) - np.log((r + a) / (m + a0 - r - a))
        z = delta / np.sqrt(1.0 / (y + a) + 1.0 / (r + a))
    # A one-term vocabulary has no "other terms" to hold odds against: undefined, not inf.
    bad = ~np.isfinite(delta)
    return np.where(bad, np.nan, delta), np.where(bad, np.nan, z)
