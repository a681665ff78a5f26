from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from framing.comparison import stats


def test_bootstrap_interval_matches_scipy_percentile_bootstrap() -> None:
    data = np.random.default_rng(1).normal(0.3, 1.0, size=60)
    ours = stats.bootstrap_interval(data, n_boot=20000, rng=7)
    ref = sps.bootstrap(
        (data,), np.mean, n_resamples=20000, method="percentile", random_state=8
    ).confidence_interval
    assert ours is not None
    assert ours[0] == pytest.approx(ref.low, abs=0.03)
    assert ours[1] == pytest.approx(ref.high, abs=0.03)
    assert ours[0] < data.mean() < ours[1]


def test_bootstrap_is_seeded_and_needs_two_values() -> None:
    data = [0.1, 0.5, -0.2, 0.9]
    assert stats.bootstrap_interval(data, rng=3) == stats.bootstrap_interval(data, rng=3)
    assert stats.bootstrap_interval(data, rng=3) != stats.bootstrap_interval(data, rng=4)
    assert stats.bootstrap_interval([0.4], rng=3) is None
    assert stats.bootstrap_interval([0.4, float("nan")], rng=3) is None


def test_bootstrap_of_constant_is_that_constant() -> None:
    assert stats.bootstrap_interval([0.25] * 10, rng=0) == (0.25, 0.25)


def test_diff_interval_covers_true_difference() -> None:
    gen = np.random.default_rng(5)
    a, b = gen.normal(1.0, 0.5, 200), gen.normal(0.0, 0.5, 150)
    low, high = stats.bootstrap_diff_interval(a, b, rng=0)  # type: ignore[misc]
    assert low < 1.0 < high and low > 0.8
    assert stats.bootstrap_diff_interval(a, [1.0], rng=0) is None


def _scipy_perm(a, b, n):
    res = sps.permutation_test(
        (a, b),
        lambda x, y: abs(np.mean(x) - np.mean(y)),
        permutation_type="independent",
        alternative="greater",
        n_resamples=n,
        vectorized=False,
        random_state=0,
    )
    return res.pvalue


def test_exact_permutation_pvalue_equals_scipy() -> None:
    a, b = [0.1, 0.4, 0.35, 0.8], [0.9, 1.2, 0.7, 1.5, 1.1]
    ours = stats.permutation_pvalue(a, b, n_perm=10_000, rng=0)
    assert ours == pytest.approx(_scipy_perm(a, b, 10_000), abs=1e-12)
    # {1, 2} vs {3, 4, 5}: of the 10 splits only {1, 2} and {4, 5} are as extreme (2.5).
    assert stats.permutation_pvalue([1, 2], [3, 4, 5], rng=0) == pytest.approx(2 / 10)


def test_monte_carlo_permutation_pvalue_is_close_to_scipy_and_seeded() -> None:
    gen = np.random.default_rng(2)
    a, b = gen.normal(0.0, 1.0, 30), gen.normal(0.5, 1.0, 30)
    ours = stats.permutation_pvalue(a, b, n_perm=20000, rng=1)
    assert ours == pytest.approx(_scipy_perm(a, b, 20000), abs=0.01)
    assert ours == stats.permutation_pvalue(a, b, n_perm=20000, rng=1)
    assert ours is not None and 0 < ours < 1


def test_permutation_pvalue_is_one_for_identical_groups_and_none_for_empty() -> None:
    assert stats.permutation_pvalue([1, 2, 3], [1, 2, 3], rng=0) == pytest.approx(1.0)
    assert stats.permutation_pvalue([], [1.0], rng=0) is None


def test_cohens_d_hand_computed() -> None:
    a, b = [2.0, 4.0, 6.0], [1.0, 2.0, 3.0]
    # pooled var = (2*4 + 2*1) / 4 = 2.5
    assert stats.cohens_d(a, b) == pytest.approx((4 - 2) / math.sqrt(2.5))
    assert stats.cohens_d([1.0], b) is None
    assert stats.cohens_d([1.0, 1.0], [1.0, 1.0]) is None


def test_cliffs_delta_equals_brute_force() -> None:
    gen = np.random.default_rng(9)
    a, b = gen.integers(0, 5, 40).astype(float), gen.integers(0, 5, 25).astype(float)
    brute = sum(np.sign(x - y) for x in a for y in b) / (a.size * b.size)
    assert stats.cliffs_delta(a, b) == pytest.approx(brute)
    assert stats.cliffs_delta([3.0, 4.0], [1.0, 2.0]) == 1.0
    assert stats.cliffs_delta([], [1.0]) is None


def test_holm_hand_computed() -> None:
    p = [0.01, 0.04, 0.03, None, 0.5]
    # sorted: .01*4=.04, .03*3=.09, .04*2=.08->.09 (monotone), .5*1=.5
    assert stats.holm(p) == pytest.approx([0.04, 0.09, 0.09, None, 0.5])


def test_bh_equals_scipy_false_discovery_control() -> None:
    p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
    assert stats.benjamini_hochberg(p) == pytest.approx(list(sps.false_discovery_control(p)))
    assert stats.benjamini_hochberg([0.2, None]) == [0.2, None]
    assert stats.adjust([0.2, 0.3], "none") == [0.2, 0.3]


def test_log_odds_hand_computed() -> None:
    y, r = np.array([10.0, 0.0, 5.0]), np.array([2.0, 8.0, 5.0])
    prior = np.array([1.0, 1.0, 1.0])
    delta, z = stats.log_odds_dirichlet(y, r, prior, alpha0=3.0)
    n, m = 15.0, 15.0
    d0 = math.log(11 / (n + 3 - 11)) - math.log(3 / (m + 3 - 3))
    assert delta[0] == pytest.approx(d0)
    assert z[0] == pytest.approx(d0 / math.sqrt(1 / 11 + 1 / 3))
    assert delta[1] < 0 < delta[0]
    assert abs(delta[2]) < abs(delta[0])


def test_log_odds_default_prior_is_pooled_counts_and_symmetric() -> None:
    y, r = np.array([30.0, 5.0, 1.0]), np.array([5.0, 30.0, 1.0])
    d1, z1 = stats.log_odds_dirichlet(y, r)
    d2, _z2 = stats.log_odds_dirichlet(r, y)
    assert d1 == pytest.approx(-d2)
    assert z1[0] > 2 and z1[1] < -2 and abs(z1[2]) < 1e-9


def test_welch_and_brunner_munzel_equal_scipy_and_have_no_floor() -> None:
    gen = np.random.default_rng(4)
    a, b = gen.normal(0.0, 1.0, 40), gen.normal(4.0, 2.0, 30)
    assert stats.welch_pvalue(a, b) == pytest.approx(sps.ttest_ind(a, b, equal_var=False).pvalue)
    assert stats.brunner_munzel_pvalue(a, b) == pytest.approx(sps.brunnermunzel(a, b).pvalue)
    # Far apart: Welch goes far below the permutation floor 1 / (1 + n_perm).
    assert stats.welch_pvalue(a, b) < 1e-12 < stats.permutation_floor(5000)
    assert stats.welch_pvalue([1.0], b) is None
    assert stats.welch_pvalue([1.0, 1.0], [1.0, 1.0]) is None
    assert stats.brunner_munzel_pvalue([1.0, 2.0], [3.0, 4.0]) is None  # separated: undefined


def test_contrast_pvalues_choose_the_test_and_exact_permutations_for_tiny_groups() -> None:
    gen = np.random.default_rng(6)
    a, b = gen.normal(0, 1, 30), gen.normal(1, 1, 30)
    res = stats.contrast_pvalues(a, b, n_perm=1000, rng=0)
    assert res["test"] == "welch" and res["p"] == res["p_welch"]
    res = stats.contrast_pvalues(a, b, n_perm=1000, rng=0, test="brunner-munzel")
    assert res["p"] == res["p_brunner_munzel"]
    res = stats.contrast_pvalues(a, b, n_perm=1000, rng=0, test="permutation")
    assert res["p"] == res["p_perm"] >= stats.permutation_floor(1000)
    tiny = stats.contrast_pvalues([1, 2, 3], [4, 5, 6], n_perm=1000, rng=0)
    assert tiny["test"] == "exact permutation" and tiny["p"] == pytest.approx(2 / 20)
    with pytest.raises(ValueError, match="choose from"):
        stats.contrast_pvalues(a, b, test="z")


def test_smallest_adjusted_is_family_size_times_the_floor() -> None:
    assert stats.smallest_adjusted(stats.permutation_floor(4999), 45, "holm") == pytest.approx(
        0.009
    )
    assert stats.smallest_adjusted(0.0002, 399, "bh") == pytest.approx(0.0798)
    assert stats.smallest_adjusted(0.0002, 399, "none") == 0.0002


@pytest.mark.parametrize("test", ["welch", "brunner-munzel"])
def test_type_one_error_under_the_null_stays_near_alpha(test: str) -> None:
    """400 seeded null data sets (skewed, bounded scores, unequal group sizes): the share of
    p < 0.05 is within a binomial 99% band of 0.05, and Holm over 6 contrasts keeps the
    family-wise rate at or below it."""
    gen = np.random.default_rng(14)
    rejections = family_errors = 0
    runs = 400
    for _ in range(runs):
        groups = [gen.beta(2, 5, size) * 2 - 1 for size in (12, 20, 30, 45)]
        pvalue = stats.welch_pvalue if test == "welch" else stats.brunner_munzel_pvalue
        ps = [pvalue(x, y) for i, x in enumerate(groups) for y in groups[i + 1 :]]
        rejections += ps[0] < 0.05  # type: ignore[operator]
        family_errors += min(stats.holm(ps)) < 0.05  # type: ignore[type-var,operator]
    band = 2.58 * math.sqrt(0.05 * 0.95 / runs)
    print(
        f"{test}: type-I {rejections / runs:.3f}, family-wise (Holm, 6) {family_errors / runs:.3f}"
    )
    assert abs(rejections / runs - 0.05) < band
    assert family_errors / runs < 0.05 + band
