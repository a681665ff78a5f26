"""A score against human coding: how far coders agree, and how far the score agrees with them.

The content analyst's check of a measure. Two or more coders code each article blind, on an
ordinal scale (for the shipped axes -2 .. +2, the codebook in ``benchmarks/validation/``);
their agreement is Krippendorff's alpha (ordinal, the ``krippendorff`` package). The score is
then compared with the mean code of each article:

* ``spearman``: rank correlation of score and mean code, with a bootstrap 95% interval;
* ``auc``: how well the score separates articles coded on the positive side (mean > 0) from
  those on the negative side (mean < 0);
* ``sign_agreement``: the share of articles coded off zero whose score has the same sign
  (a score of exactly 0, or none, counts as a miss), overall and for each side;
* ``zero_mean_abs``: for articles coded 0 (neither frame, or balanced), the mean |score|:
  how near zero the score stays where the coders saw nothing.

Intervals resample articles (percentile bootstrap, ``seed``); they do not resample coders.

With ``by`` (a column such as outlet or corpus) every statistic is also computed within each
group: a pooled correlation can come from the score telling the groups apart while it
ranks nothing within any of them, and the per-group rows show that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from framing.benchmark import metrics as m
from framing.errors import InputError, UsageError

#: Suffixes of the component columns of an axis: their codes are the axis's codes.
COMPONENTS = ("_lexicon", "_model")


@dataclass(frozen=True)
class Validation:
    """Agreement of one score column with the coders.

    Attributes:
        axis: the score column checked.
        coders: the code columns used.
        n: articles with a score and at least one code.
        alpha: Krippendorff's alpha among the coders (ordinal); None where undefined (one
            coder, fewer than 2 units coded twice, no variation: ``krippendorff_alpha``).
        spearman, auc, sign_agreement ...: see the module docstring; each with a bootstrap
            95% interval (``*_low``, ``*_high``).
        n_positive, n_negative, n_zero: articles whose mean code is above, below, at 0.
        by: the grouping column, or None.
        groups: (group value, its own Validation) for each value of ``by``, sorted.
    """

    axis: str
    coders: tuple[str, ...]
    n: int
    alpha: float | None
    spearman: m.Estimate
    auc: m.Estimate
    sign_agreement: m.Estimate
    sign_agreement_positive: m.Estimate
    sign_agreement_negative: m.Estimate
    zero_mean_abs: m.Estimate
    n_positive: int
    n_negative: int
    n_zero: int
    n_unmatched: int = 0
    notes: tuple[str, ...] = field(default=())
    by: str | None = None
    groups: tuple[tuple[str, Validation], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "axis": self.axis,
            "coders": list(self.coders),
            "n": self.n,
            "alpha": self.alpha,
        }
        for name in (
            "spearman",
            "auc",
            "sign_agreement",
            "sign_agreement_positive",
            "sign_agreement_negative",
            "zero_mean_abs",
        ):
            est: m.Estimate = getattr(self, name)
            out[name], out[f"{name}_low"], out[f"{name}_high"] = est.value, est.low, est.high
        out.update(
            n_positive=self.n_positive,
            n_negative=self.n_negative,
            n_zero=self.n_zero,
            n_unmatched=self.n_unmatched,
            notes=list(self.notes),
        )
        if self.by is not None:
            out["by"] = self.by
            out["groups"] = [
                {"group": g, **{k: v for k, v in r.to_dict().items() if k not in ("axis",)}}
                for g, r in self.groups
            ]
        return out

    def rows(self) -> list[dict[str, Any]]:
        """One row per statistic: name, value, interval, n (for tables and CSV)."""
        rows: list[dict[str, Any]] = [
            {
                "statistic": "alpha (coders, ordinal)",
                "value": self.alpha,
                "low": None,
                "high": None,
                "n": self.n,
            },
        ]
        for label, est, n in (
            ("spearman (score vs mean code)", self.spearman, self.n),
            ("auc (coded > 0 vs coded < 0)", self.auc, self.n_positive + self.n_negative),
            (
                "sign agreement (coded off 0)",
                self.sign_agreement,
                self.n_positive + self.n_negative,
            ),
            ("  on the positive side", self.sign_agreement_positive, self.n_positive),
            ("  on the negative side", self.sign_agreement_negative, self.n_negative),
            ("mean |score| where coded 0", self.zero_mean_abs, self.n_zero),
        ):
            rows.append(
                {"statistic": label, "value": est.value, "low": est.low, "high": est.high, "n": n}
            )
        return rows


def krippendorff_alpha(codes: np.ndarray) -> float | None:
    """Ordinal Krippendorff's alpha of a (coders, units) matrix with nan for missing codes;
    ``None`` where it is undefined: one coder, fewer than 2 units coded twice or more (on one
    unit the observed disagreement is the expected one, so the package returns 0 whatever
    the coders did), or codes without variation."""
    if codes.shape[0] < 2:
        return None
    import krippendorff

    pairable = (np.isfinite(codes).sum(axis=0) >= 2).sum()
    if pairable < 2 or len(np.unique(codes[np.isfinite(codes)])) < 2:
        return None
    value = float(krippendorff.alpha(reliability_data=codes, level_of_measurement="ordinal"))
    return None if not math.isfinite(value) else round(value, 4)


def _sign_rows(score: np.ndarray, code: np.ndarray, side: int) -> np.ndarray:
    """Share of articles on ``side`` (+1, -1, or 0 for both) whose score has their sign."""
    want = np.sign(code)
    mask = want == side if side else want != 0
    hit = (np.sign(np.nan_to_num(score)) == want) & mask
    n = mask.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, hit.sum(axis=-1) / n, np.nan)


def _stats(score: np.ndarray, code: np.ndarray) -> np.ndarray:
    """Every statistic of the module docstring, per resample row."""
    off = code != 0
    y = (code > 0).astype(int)
    # AUC only over articles coded off zero, one resample row at a time
    if score.ndim == 1:
        auc: Any = m.auc_rows(y[off], score[off]) if off.any() else np.nan
    else:
        auc = np.array(
            [
                m.auc_rows(y[i][off[i]], score[i][off[i]]) if off[i].any() else np.nan
                for i in range(score.shape[0])
            ]
        )
    zero = code == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        zero_abs = np.where(
            zero.sum(axis=-1) > 0,
            (np.abs(score) * zero).sum(axis=-1) / zero.sum(axis=-1),
            np.nan,
        )
    return np.stack(
        [
            m.spearman_rows(score, code),
            np.asarray(auc, dtype=float),
            _sign_rows(score, code, 0),
            _sign_rows(score, code, 1),
            _sign_rows(score, code, -1),
            zero_abs,
        ],
        axis=-1,
    )


def validate_arrays(
    scores: Sequence[float],
    codes: np.ndarray,
    *,
    axis: str = "score",
    coders: Sequence[str] = (),
    n_boot: int = m.N_BOOT,
    seed: int = 0,
) -> Validation:
    """``scores`` (one per article) against ``codes`` (coders x articles, nan = not coded)."""
    codes = np.asarray(codes, dtype=float)
    if codes.ndim == 1:
        codes = codes[None, :]
    score = np.asarray(scores, dtype=float)
    coded = np.isfinite(codes).any(axis=0) & np.isfinite(score)
    alpha = krippendorff_alpha(codes[:, np.isfinite(codes).any(axis=0)])
    codes, score = codes[:, coded], score[coded]
    mean_code = np.nanmean(codes, axis=0) if codes.shape[1] else np.array([])
    point = _stats(score, mean_code) if len(score) else np.full(6, np.nan)
    est = m.bootstrap(
        [float(v) for v in point],
        lambda s, c: _stats(s, c),
        [score, mean_code],
        n_boot=n_boot,
        seed=seed,
    )
    notes = []
    if alpha is not None and alpha < 0.667:
        notes.append(f"alpha {alpha:.2f} < 0.667: the coders do not agree enough to validate")
    return Validation(
        axis=axis,
        coders=tuple(coders),
        n=len(score),
        alpha=alpha,
        spearman=est[0],
        auc=est[1],
        sign_agreement=est[2],
        sign_agreement_positive=est[3],
        sign_agreement_negative=est[4],
        zero_mean_abs=est[5],
        n_positive=int((mean_code > 0).sum()),
        n_negative=int((mean_code < 0).sum()),
        n_zero=int((mean_code == 0).sum()),
        notes=tuple(notes),
    )


class _Table:
    """The rows of a table file, as columns (every column any row has, in first-seen order)."""

    def __init__(self, path: str | Path) -> None:
        from framing.corpus.rows import SUFFIXES, read_rows, table_suffix

        if table_suffix(path) not in SUFFIXES:
            raise UsageError(f"{path}: not a {', '.join(SUFFIXES)} file")
        rows = [row for _, row in read_rows(path, what="a table with an id column", typed=False)]
        self.columns: list[str] = list(dict.fromkeys(k for row in rows for k in row))
        self._rows = rows

    def __getitem__(self, column: str) -> list[Any]:
        return [row.get(column) for row in self._rows]


def _number(value: Any, *, where: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return math.nan
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{where}: {value!r} is not a number") from None
    return number if math.isfinite(number) else math.nan


def _through_key(ids: list[str], key_path: str | Path, codes_path: str | Path) -> list[str]:
    """Sheet ids -> article ids through a ``framing sample`` key file."""
    key = _Table(key_path)
    for column in ("id", "article_id"):
        if column not in key.columns:
            raise UsageError(
                f"{key_path}: no {column!r} column: not the key of a `framing sample` sheet. "
                f"Columns: {', '.join(map(str, key.columns))}"
            )
    article_of = {str(k): str(v) for k, v in zip(key["id"], key["article_id"], strict=True)}
    unknown = [k for k in ids if k not in article_of]
    if unknown:
        raise InputError(
            f"{codes_path}: id {unknown[0]!r} is not in the key {key_path} "
            f"({len(unknown)} of {len(ids)} ids are not); is it this sheet's key?"
        )
    return [article_of[k] for k in ids]


def default_coders(columns: Sequence[str], axis: str) -> list[str]:
    """The code columns of ``axis``: ``<axis>_coder*`` (components use their axis's codes),
    else ``coder*``."""
    base = axis
    for suffix in COMPONENTS:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    named = [c for c in columns if c.startswith(f"{base}_coder")]
    return named or [c for c in columns if c.startswith("coder")]


def validate_files(
    codes_path: str | Path,
    scores_path: str | Path,
    *,
    axis: str,
    coders: Sequence[str] = (),
    id_column: str = "id",
    key_path: str | Path | None = None,
    n_boot: int = m.N_BOOT,
    seed: int = 0,
    by: str | None = None,
) -> Validation:
    """``framing validate``: join a codes sheet and a ``framing score`` output on ``id_column``.

    With ``key_path`` (the key of a ``framing sample`` sheet), the sheet's ids are first
    translated to the articles' own ids (its ``article_id`` column), so that the scores of
    the original corpus can be checked against a sheet of masked texts.

    With ``by``, each value of that column (looked up in the codes sheet, then the key, then
    the scores file) also gets its own Validation, in ``groups``."""
    codes_df = _Table(codes_path)
    scores_df = _Table(scores_path)
    for df, path, what in ((codes_df, codes_path, "codes"), (scores_df, scores_path, "scores")):
        if id_column not in df.columns:
            raise UsageError(
                f"{path}: no {id_column!r} column in the {what} file. "
                f"Columns: {', '.join(map(str, df.columns))}"
            )
    if axis not in scores_df.columns:
        numeric = [c for c in scores_df.columns if c != id_column]
        raise UsageError(
            f"Unknown score column {axis!r} in {scores_path}. Available: {', '.join(numeric)}"
        )
    chosen = list(coders) or default_coders(list(codes_df.columns), axis)
    if not chosen:
        raise UsageError(
            f"{codes_path}: no code columns for {axis!r} (named {axis}_coder1, ... or coder1, "
            f"...; or pass --coders). Columns: {', '.join(map(str, codes_df.columns))}"
        )
    missing = [c for c in chosen if c not in codes_df.columns]
    if missing:
        raise UsageError(
            f"Unknown code column {missing[0]!r} in {codes_path}. "
            f"Available: {', '.join(map(str, codes_df.columns))}"
        )
    score_of = {str(k): v for k, v in zip(scores_df[id_column], scores_df[axis], strict=True)}
    ids = [str(k) for k in codes_df[id_column]]
    if key_path is not None:
        ids = _through_key(ids, key_path, codes_path)
    unmatched = sum(1 for k in ids if k not in score_of)
    score = [_number(score_of.get(k), where=f"{scores_path}: id {k}, {axis}") for k in ids]
    table = np.array(
        [
            [
                _number(v, where=f"{codes_path}: line {i + 2}, {c}")
                for i, v in enumerate(codes_df[c])
            ]
            for c in chosen
        ],
        dtype=float,
    ).reshape(len(chosen), len(ids))
    result = validate_arrays(score, table, axis=axis, coders=chosen, n_boot=n_boot, seed=seed)
    notes = list(result.notes)
    if unmatched:
        notes.append(f"{unmatched} coded article(s) have no row in {scores_path}")
    from dataclasses import replace

    groups: tuple[tuple[str, Validation], ...] = ()
    if by is not None:
        labels = np.array(
            _group_labels(by, codes_df, codes_path, key_path, scores_df, scores_path, id_column,
                          ids),
            dtype=object,
        )  # fmt: skip
        values = np.asarray(score, dtype=float)
        groups = tuple(
            (g, validate_arrays(values[labels == g], table[:, labels == g], axis=axis,
                                coders=chosen, n_boot=n_boot, seed=seed))
            for g in sorted(set(labels.tolist()))
        )  # fmt: skip
        small = [g for g, r in groups if r.n < SMALL_GROUP]
        if small:
            notes.append(
                f"{len(small)} group(s) of {by!r} have fewer than {SMALL_GROUP} coded articles "
                f"({', '.join(small[:5])}{' ...' if len(small) > 5 else ''}): their intervals "
                "are wide or missing"
            )
    return replace(result, n_unmatched=unmatched, notes=tuple(notes), by=by, groups=groups)


#: A group with fewer coded articles than this gets a note: its statistics are fragile.
SMALL_GROUP = 10
#: The label of articles whose group value is blank.
BLANK_GROUP = "(blank)"


def _group_labels(
    by: str,
    codes_df: _Table,
    codes_path: str | Path,
    key_path: str | Path | None,
    scores_df: _Table,
    scores_path: str | Path,
    id_column: str,
    article_ids: list[str],
) -> list[str]:
    """The ``by`` value of each coded article: from the codes sheet, else the key (joined on
    the sheet's ids), else the scores file (joined on the articles' ids)."""

    def label(value: Any) -> str:
        text = "" if value is None else str(value).strip()
        return text or BLANK_GROUP

    if by in codes_df.columns:
        return [label(v) for v in codes_df[by]]
    if key_path is not None:
        key = _Table(key_path)
        if by in key.columns:
            of = {str(k): v for k, v in zip(key["id"], key[by], strict=True)}
            return [label(of.get(str(k))) for k in codes_df[id_column]]
    if by in scores_df.columns:
        of = {str(k): v for k, v in zip(scores_df[id_column], scores_df[by], strict=True)}
        return [label(of.get(k)) for k in article_ids]
    where = [f"{codes_path}: {', '.join(map(str, codes_df.columns))}"]
    if key_path is not None:
        where.append(f"{key_path}: {', '.join(map(str, _Table(key_path).columns))}")
    where.append(f"{scores_path}: {', '.join(map(str, scores_df.columns))}")
    raise UsageError(
        f"Unknown --by column {by!r}: not in the codes, "
        f"{'key or ' if key_path is not None else ''}scores file. Columns: " + "; ".join(where)
    )
