"""The checks a benchmark runs on scored examples, each turning into one or two ``Part``s.

An example is an ``Article`` whose ``meta`` holds its labels; it has been scored once by a
``Scorer``. A check reads the labels it declares, the score components it evaluates, and
returns rows: framing's combined score beside its baselines (majority class, lexicon
component only, model component only, and VADER applied the naive way for sentiment).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from framing.benchmark import metrics as m
from framing.benchmark.results import Part, Row
from framing.errors import UsageError
from framing.records import Article, ArticleScore

NO_MODEL = "no model loaded"
NO_FRAMES_MODEL = "no frames model loaded"


@dataclass
class Context:
    """What every check shares: resampling settings and a cache of naive VADER calls."""

    n_boot: int = m.N_BOOT
    seed: int = 0
    naive: dict[int, float] = field(default_factory=dict)

    def vader_naive(self, i: int, text: str) -> float:
        """VADER on the whole text in one call (the naive way), cached per example."""
        if i not in self.naive:
            from framing.sentiment.aggregate import sentence_compounds

            self.naive[i] = sentence_compounds([text])[0]
        return self.naive[i]


Examples = Sequence[tuple[Article, ArticleScore]]


def _label(article: Article, key: str) -> str:
    value = article.get(key)
    return "" if value is None else str(value)


def _axis_of(scores: Sequence[ArticleScore], axis: str) -> tuple[str, str]:
    if not scores:
        return "", ""
    axes = scores[0].axes
    if axis not in axes:
        raise UsageError(
            f"Unknown axis {axis!r}. Available: {', '.join(sorted(axes)) or '(none loaded)'}"
        )
    a = axes[axis]
    return a.negative_pole, a.positive_pole


@dataclass(frozen=True)
class AxisContrast:
    """Two label groups that should sit at opposite poles of an axis.

    ``positive`` label values are the class the test detects; they are expected at
    ``positive_pole`` (either pole of the axis). Scores are oriented so that higher means the
    positive class. Examples whose label is in neither group are described per outlet (mean
    score) but left out of the contrast. ``subset`` names a meta field that must be true for
    an example to take part.
    """

    name: str
    axis: str
    label: str
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    positive_pole: str
    group_by: str | None = "outlet"
    subset: str | None = None
    notes: tuple[str, ...] = ()

    def run(self, examples: Examples, ctx: Context) -> list[Part]:
        chosen = [(a, s) for a, s in examples if not self.subset or a.get(self.subset)]
        scores = [s for _, s in chosen]
        neg_pole, pos_pole = _axis_of(scores, self.axis)
        if self.positive_pole not in (neg_pole, pos_pole):
            raise UsageError(
                f"Axis {self.axis!r} has poles {neg_pole!r} and {pos_pole!r}, "
                f"not {self.positive_pole!r} (name the positive class's pole with --pole)"
            )
        sign = 1.0 if self.positive_pole == pos_pole else -1.0
        labels = [_label(a, self.label) for a, _ in chosen]
        in_contrast = np.array([v in self.positive or v in self.negative for v in labels])
        y_all = np.array([1 if v in self.positive else 0 for v in labels])
        axis_scores = [s.axes[self.axis] for s in scores]
        # A text with nothing to score has no model value either (no call, like the lexicon);
        # only when a scored text lacks one is there no model.
        scored = [a for a in axis_scores if a.lexicon is not None]
        components: dict[str, np.ndarray | None] = {
            "framing": np.array([_call(a.score) for a in axis_scores], dtype=float),
            "lexicon": np.array([_call(a.lexicon) for a in axis_scores], dtype=float),
            # an unscored text (another language, no words: lexicon None too) is no call,
            # not a sign that no model is loaded
            "model": None
            if not scored or any(a.model is None for a in scored)
            else np.array([_call(a.model) for a in axis_scores], dtype=float),
        }
        idx = np.flatnonzero(in_contrast)
        y = y_all[idx]
        rows = self._pooled(
            y, {k: v if v is None else sign * v[idx] for k, v in components.items()}, ctx
        )
        if self.group_by:
            outlets = [_label(a, self.group_by) or "unknown" for a, _ in chosen]
            rows += self._per_outlet(outlets, in_contrast, y_all, sign, components, labels, ctx)
        settings = {
            "axis": self.axis,
            "label": self.label,
            "positive": list(self.positive),
            "negative": list(self.negative),
            "positive_pole": self.positive_pole,
            "threshold": m.THRESHOLD,
            "orientation": "score" if sign > 0 else "-score",
            "n_positive": int(y.sum()),
            "n_negative": int(len(y) - y.sum()),
        }
        metrics = (*m.BINARY_METRICS, "mean_score") if self.group_by else m.BINARY_METRICS
        return [Part(self.name, "binary", tuple(rows), metrics, settings, self.notes)]

    def _pooled(
        self, y: np.ndarray, oriented: Mapping[str, np.ndarray | None], ctx: Context
    ) -> list[Row]:
        n = len(y)
        if n == 0 or len(np.unique(y)) < 2:
            why = "one class only in this sample" if n else "no examples"
            return [Row("all", method, n, status=why) for method in (*oriented, "majority")]
        rows = []
        for method, values in oriented.items():
            if values is None:
                rows.append(Row("all", method, n, status=NO_MODEL))
                continue
            rows.append(
                Row("all", method, n, m.binary_metrics(y, values, n_boot=ctx.n_boot, seed=ctx.seed))
            )
        rows.append(
            Row(
                "all", "majority", n, m.majority_binary_metrics(y, n_boot=ctx.n_boot, seed=ctx.seed)
            )
        )
        return rows

    def _per_outlet(
        self,
        outlets: list[str],
        in_contrast: np.ndarray,
        y_all: np.ndarray,
        sign: float,
        components: Mapping[str, np.ndarray | None],
        labels: list[str],
        ctx: Context,
    ) -> list[Row]:
        from collections import Counter

        counts = Counter(outlets)
        label_of = {o: lab for o, lab in zip(outlets, labels, strict=True)}
        order = sorted(
            counts,
            key=lambda o: (
                label_of[o] not in self.positive,
                label_of[o] not in self.negative,
                -counts[o],
                o,
            ),
        )
        outlet_arr = np.array(outlets)
        rows: list[Row] = []
        for outlet in order:
            mine = outlet_arr == outlet
            group = f"outlet: {outlet} ({label_of[outlet] or 'unlabelled'})"
            contrast = bool(in_contrast[mine].all())
            if not contrast:
                for method, values in components.items():
                    if values is None:
                        continue
                    est = m.mean_estimate(values[mine], n_boot=ctx.n_boot, seed=ctx.seed)
                    rows.append(Row(group, method, int(mine.sum()), {"mean_score": est}))
                continue
            cls = int(y_all[mine][0])
            other = in_contrast & (y_all != cls)
            take = mine | other
            y = (y_all[take] == 1).astype(int)
            is_mine = mine[take]
            for method, values in components.items():
                if values is None:
                    continue
                rows.append(
                    Row(
                        group,
                        method,
                        int(mine.sum()),
                        _outlet_metrics(y, sign * values[take], values[take], is_mine, cls, ctx),
                    )
                )
            # Leave-one-outlet-out: the majority class of every *other* outlet in the contrast.
            rest = in_contrast & ~mine
            pred = m.majority_predictions(y_all[rest], 1)[0] if rest.any() else cls
            constant = np.full(int(take.sum()), 1.0 if pred == 1 else -1.0)
            rows.append(
                Row(
                    group,
                    "majority",
                    int(mine.sum()),
                    _outlet_metrics(y, constant, None, is_mine, cls, ctx),
                )
            )
        return rows


def _outlet_metrics(
    y: np.ndarray,
    oriented: np.ndarray,
    raw: np.ndarray | None,
    is_mine: np.ndarray,
    cls: int,
    ctx: Context,
) -> dict[str, m.Estimate]:
    """One outlet against every example of the other class: AUC (separability), accuracy and
    coverage on the outlet's own texts (share called for its class / called at all), and its
    mean raw score."""
    from sklearn.metrics import accuracy_score, roc_auc_score

    own = m.calls(oriented[is_mine])
    point = [
        float(roc_auc_score(y, oriented)) if len(np.unique(y)) == 2 else np.nan,
        float(accuracy_score(np.full(len(own), cls), own)),
        float(np.mean(own != m.NO_CALL)),
        float(np.mean(raw[is_mine])) if raw is not None else np.nan,
    ]

    def draws(yy: np.ndarray, ss: np.ndarray, mine: np.ndarray, rr: np.ndarray) -> np.ndarray:
        calls = m.calls(ss)
        k = mine.sum(axis=-1)
        return np.stack(
            [
                m.auc_rows(yy, ss),
                ((calls == cls) & mine).sum(axis=-1) / k,
                ((calls != m.NO_CALL) & mine).sum(axis=-1) / k,
                np.where(mine, rr, 0.0).sum(axis=-1) / k,
            ],
            axis=-1,
        )

    raw_arr = raw if raw is not None else np.zeros(len(y))
    names = ("auc", "accuracy", "coverage", "mean_score")
    values = m.bootstrap(
        point, draws, [y, oriented, is_mine, raw_arr], n_boot=ctx.n_boot, seed=ctx.seed, strata=y
    )
    out = dict(zip(names, values, strict=True))
    if raw is None:
        out.pop("mean_score")
    return out


@dataclass(frozen=True)
class SentimentContrast:
    """A binary label (e.g. biased vs not) against sentiment strength ``|compound|``, with
    VADER's neutral band as the threshold (0.05)."""

    name: str
    label: str
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def run(self, examples: Examples, ctx: Context) -> list[Part]:
        chosen = [
            (i, a, s)
            for i, (a, s) in enumerate(examples)
            if _label(a, self.label) in self.positive + self.negative
        ]
        y = np.array([1 if _label(a, self.label) in self.positive else 0 for _, a, _ in chosen])
        framing = np.array([abs(_call(s.sentiment.compound)) for _, _, s in chosen])
        naive = np.array([abs(ctx.vader_naive(i, a.text)) for i, a, _ in chosen])
        n = len(y)
        rows = [
            Row(
                "all",
                "framing",
                n,
                m.binary_metrics(
                    y, framing, threshold=m.POSITIVE, n_boot=ctx.n_boot, seed=ctx.seed
                ),
            ),
            Row(
                "all",
                "vader_naive",
                n,
                m.binary_metrics(y, naive, threshold=m.POSITIVE, n_boot=ctx.n_boot, seed=ctx.seed),
            ),
            Row(
                "all", "majority", n, m.majority_binary_metrics(y, n_boot=ctx.n_boot, seed=ctx.seed)
            ),
        ]
        settings = {
            "label": self.label,
            "positive": list(self.positive),
            "negative": list(self.negative),
            "score": "|sentiment compound|",
            "threshold": m.POSITIVE,
            "n_positive": int(y.sum()),
            "n_negative": int(n - y.sum()),
        }
        return [Part(self.name, "binary", tuple(rows), m.BINARY_METRICS, settings, self.notes)]


def _call(value: float | None) -> float:
    """A score, or 0 (no call) where the text had nothing to score (``None``)."""
    return 0.0 if value is None else value


def _frames_of(score: ArticleScore) -> tuple[dict[str, float], set[str]]:
    probs = {name.lower(): _call(p) for name, p in score.frames.items()}
    return probs, {name.lower() for name in score.frames_predicted}


@dataclass(frozen=True)
class FramesCheck:
    """Multi-label frames: the frames model's predictions against gold frame lists."""

    name: str
    label: str  # meta field holding the list of gold frames
    frames: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def run(self, examples: Examples, ctx: Context) -> list[Part]:
        n = len(examples)
        truth = np.array(
            [[int(f in (a.get(self.label) or ())) for f in self.frames] for a, _ in examples]
        ).reshape(n, len(self.frames))
        has_model = n > 0 and all(s.frames for _, s in examples)
        preds: dict[str, np.ndarray | None] = {"model": None, "majority": m.majority_frames(truth)}
        if has_model:
            predicted = [_frames_of(s)[1] for _, s in examples]
            preds["model"] = np.array(
                [[int(f.lower() in p) for f in self.frames] for p in predicted]
            ).reshape(n, len(self.frames))
        overall = [Row("all", "lexicon", n, status="no frame lexicon (frames come from a model)")]
        per_frame = []
        support = truth.sum(axis=0)
        for method, pred in preds.items():
            if pred is None:
                overall.append(Row("all", method, n, status=NO_FRAMES_MODEL))
                continue
            scores, each = m.frames_metrics(truth, pred, n_boot=ctx.n_boot, seed=ctx.seed)
            overall.append(Row("all", method, n, scores))
            per_frame += [
                Row(f, method, int(k), {"f1": e})
                for f, k, e in zip(self.frames, support, each, strict=True)
            ]
        if not has_model:
            per_frame = [
                Row(f, "model", int(k), status=NO_FRAMES_MODEL)
                for f, k in zip(self.frames, support, strict=True)
            ] + per_frame
        per_frame.sort(key=lambda r: (-r.n, r.group))
        settings = {"label": self.label, "frames": list(self.frames)}
        return [
            Part(self.name, "frames", tuple(overall), m.FRAMES_METRICS, settings, self.notes),
            Part(
                f"{self.name}: per-frame F1 (n = articles with the frame)",
                "per_frame",
                tuple(per_frame),
                ("f1",),
                settings,
            ),
        ]


@dataclass(frozen=True)
class FrameMapping:
    """Out-of-domain frames: a data set's own frame labels mapped onto the frames model's.

    ``mapping``: gold frame label -> model frame name. Per mapped frame, a one-vs-rest check:
    AUC of the model's probability and F1 of its prediction.
    """

    name: str
    gold: Callable[[Article], set[str]]
    mapping: Mapping[str, str]
    notes: tuple[str, ...] = ()

    def run(self, examples: Examples, ctx: Context) -> list[Part]:
        from sklearn.metrics import f1_score, roc_auc_score

        has_model = bool(examples) and all(s.frames for _, s in examples)
        rows: list[Row] = []
        for gold_label, frame in self.mapping.items():
            y = np.array([int(gold_label in self.gold(a)) for a, _ in examples])
            group = f"{gold_label} -> {frame}"
            n_pos = int(y.sum())
            if not has_model:
                rows.append(Row(group, "model", n_pos, status=NO_FRAMES_MODEL))
            else:
                probs = np.array([_frames_of(s)[0].get(frame.lower(), 0.0) for _, s in examples])
                pred = np.array([int(frame.lower() in _frames_of(s)[1]) for _, s in examples])
                point = [
                    float(roc_auc_score(y, probs)) if len(np.unique(y)) == 2 else np.nan,
                    float(f1_score(y, pred, zero_division=0)),
                ]
                auc, f1 = m.bootstrap(
                    point,
                    lambda yy, pp, dd: np.stack([m.auc_rows(yy, pp), m.f1_rows(yy, dd)], axis=-1),
                    [y, probs, pred],
                    n_boot=ctx.n_boot,
                    seed=ctx.seed,
                    strata=y,
                )
                rows.append(Row(group, "model", n_pos, {"auc": auc, "f1": f1}))
            majority = m.majority_predictions(y, len(y))
            auc, f1 = m.bootstrap(
                [0.5, float(f1_score(y, majority, zero_division=0))],
                lambda yy, dd: np.stack([np.full(len(yy), 0.5), m.f1_rows(yy, dd)], axis=-1),
                [y, majority],
                n_boot=ctx.n_boot,
                seed=ctx.seed,
                strata=y,
            )
            rows.append(Row(group, "majority", n_pos, {"auc": auc, "f1": f1}))
        settings = {"mapping": dict(self.mapping), "n": len(examples)}
        return [
            Part(
                self.name + " (n = examples with the gold frame)",
                "frame_mapping",
                tuple(rows),
                ("auc", "f1"),
                settings,
                self.notes,
            )
        ]


@dataclass(frozen=True)
class SentimentCheck:
    """Gold sentiment ratings against framing's article sentiment (VADER over passages of
    sentences, ``framing.sentiment.aggregate``) and against VADER applied the naive way (the
    whole text in one call).

    ``group_by`` splits the rows (e.g. by domain); ``multi_sentence`` adds, per group, the
    examples that framing splits into more than one sentence.
    """

    name: str
    gold: str
    group_by: str | None = None
    multi_sentence: bool = False
    notes: tuple[str, ...] = ()

    def run(self, examples: Examples, ctx: Context) -> list[Part]:
        gold_all = np.array([float(a.get(self.gold)) for a, _ in examples])
        framing = np.array([_call(s.sentiment.compound) for _, s in examples])
        naive = np.array([ctx.vader_naive(i, a.text) for i, (a, _) in enumerate(examples)])
        multi = np.array([s.n_sentences > 1 for _, s in examples])
        groups: list[tuple[str, np.ndarray]] = []
        keys = [_label(a, self.group_by) if self.group_by else "all" for a, _ in examples]
        for key in dict.fromkeys(keys):
            mask = np.array([k == key for k in keys])
            groups.append((key, mask))
            if self.multi_sentence and (mask & multi).any():
                groups.append((f"{key}: multi-sentence texts", mask & multi))
        rows = []
        for group, mask in groups:
            gold = gold_all[mask]
            n = int(mask.sum())
            for method, pred in (
                ("framing", framing[mask]),
                ("vader_naive", naive[mask]),
                ("majority", m.majority_sentiment(gold)),
            ):
                rows.append(
                    Row(
                        group,
                        method,
                        n,
                        m.sentiment_metrics(gold, pred, n_boot=ctx.n_boot, seed=ctx.seed),
                    )
                )
        settings = {
            "gold": self.gold,
            "thresholds": [m.NEGATIVE, m.POSITIVE],
            "framing": "VADER over passages of <= 50 word tokens, token-weighted mean",
            "vader_naive": "VADER on the whole text in one call",
        }
        return [
            Part(self.name, "sentiment", tuple(rows), m.SENTIMENT_METRICS, settings, self.notes)
        ]


Check = AxisContrast | SentimentContrast | FramesCheck | FrameMapping | SentimentCheck


def describe_check(check: Any) -> dict[str, Any]:
    """The declared mapping of a check, for the result's ``mapping`` field."""
    if isinstance(check, AxisContrast | SentimentContrast):
        out: dict[str, Any] = {
            "label": check.label,
            "positive": list(check.positive),
            "negative": list(check.negative),
        }
        if isinstance(check, AxisContrast):
            out.update(axis=check.axis, positive_pole=check.positive_pole)
        return out
    if isinstance(check, FrameMapping):
        return {"frames": dict(check.mapping)}
    if isinstance(check, FramesCheck):
        return {"label": check.label, "frames": list(check.frames)}
    return {"gold": check.gold}
