"""Train a model from labeled texts, measure it by cross-validation, write a model file.

``framing train DATA --text-column text --label-column label (--axis AXIS | --frames)
--out MODEL.json`` is :func:`train_file` plus rendering. DATA is a CSV file, a JSON Lines
file, or a Hugging Face ``datasets`` dataset saved with ``save_to_disk`` (a folder).

The metrics it reports are out-of-fold: every text is predicted by a model that did not see
it, with thresholds chosen inside the training folds only. A ``DummyClassifier`` is measured
on the same folds, so every number has its baseline beside it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import InputError, UsageError

#: Estimator parameters used by ``framing train`` unless overridden.
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    "frames": {"tokenization": "plain", "ngram_range": (1, 2), "max_features": 4000, "C": 1.0},
    "axis": {"tokenization": "masked", "ngram_range": (1, 2), "max_features": 6000, "C": 1.0},
}


@dataclass
class TrainResult:
    """A fitted model, its task, and how well it did out of fold."""

    model: Any
    task: dict[str, Any]
    metrics: dict[str, Any]
    training: dict[str, Any] = field(default_factory=dict)
    #: ISO 639-1 codes of the training texts' languages, written as the file's ``languages``.
    languages: tuple[str, ...] = ("en",)

    def save(self, path: str | Path) -> Path:
        from framing.models import modelfile

        return modelfile.save(
            self.model, path, task=self.task, training=self.training, languages=self.languages
        )


# -- reading ----------------------------------------------------------------------------


def read_labeled(
    path: str | Path, text_column: str, label_column: str
) -> tuple[list[str], list[Any]]:
    """Texts and raw labels from a CSV, JSONL, or saved ``datasets`` folder."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", source=str(path))
    if path.is_dir():
        rows = _read_hf(path)
    elif path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        rows = _read_jsonl(path)
    elif path.suffix.lower() in (".csv", ".tsv"):
        rows = _read_csv(path)
    else:
        raise InputError(
            f"unknown training data type {path.suffix!r}; use .csv, .tsv, .jsonl, or a "
            "folder saved with datasets' save_to_disk",
            source=str(path),
        )
    texts: list[str] = []
    labels: list[Any] = []
    for i, row in enumerate(rows, start=1):
        for col in (text_column, label_column):
            if col not in row:
                raise InputError(
                    f"no column {col!r} (columns: {', '.join(map(str, row))}); "
                    "use --text-column / --label-column",
                    source=str(path),
                )
        text, label = row[text_column], row[label_column]
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"row {i}: empty or non-text {text_column!r}", source=str(path))
        if label is None or (isinstance(label, str) and not label.strip()):
            raise InputError(f"row {i}: empty label in {label_column!r}", source=str(path))
        texts.append(text)
        labels.append(label)
    if not texts:
        raise InputError("no rows to train on", source=str(path))
    return texts, labels


def _read_csv(path: Path) -> list[dict[str, Any]]:
    import csv

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            delim = "\t" if path.suffix.lower() == ".tsv" else ","
            return list(csv.DictReader(handle, delimiter=delim))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read as CSV ({exc})", source=str(path)) from exc


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", source=str(path)) from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg})", source=str(path), line=n) from exc
        if not isinstance(row, dict):
            raise InputError("a line must be a JSON object", source=str(path), line=n)
        rows.append(row)
    return rows


def _read_hf(path: Path) -> list[dict[str, Any]]:
    try:
        from datasets import DatasetDict, load_from_disk
    except ImportError as exc:  # pragma: no cover - datasets is a dependency
        raise InputError(
            "reading a dataset folder needs the `datasets` package", source=str(path)
        ) from exc
    try:
        ds = load_from_disk(str(path))
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise InputError(
            f"not a dataset saved with save_to_disk ({exc})", source=str(path)
        ) from exc
    if isinstance(ds, DatasetDict):
        if "train" not in ds:
            raise InputError(
                f"dataset has splits {list(ds)} but no 'train' split", source=str(path)
            )
        ds = ds["train"]
    return [dict(r) for r in ds]


# -- labels -----------------------------------------------------------------------------


def label_sets(labels: Sequence[Any]) -> list[tuple[str, ...]]:
    """Multi-label values (lists, or strings split on ``,`` ``;`` ``|``) as tuples of names."""
    import re

    out = []
    for value in labels:
        if isinstance(value, list | tuple):
            names = [str(v).strip() for v in value]
        else:
            names = re.split(r"[,;|]", str(value))
        out.append(tuple(sorted({n.strip() for n in names if n.strip()})))
    return out


def axis_labels(labels: Sequence[Any], negative: str, positive: str, source: str = "") -> list[str]:
    """Binary labels -> pole ids. Accepts the pole ids themselves, or two numbers (the larger
    is the positive pole: -1/1, 0/1)."""
    values = sorted({str(v).strip() for v in labels})
    if set(values) <= {negative, positive}:
        mapped = [str(v).strip() for v in labels]
    else:
        try:
            nums = sorted({float(v) for v in values})
        except ValueError:
            nums = []
        if len(nums) != 2:
            raise UsageError(
                f"{source}: labels {values[:6]} are not the poles of the axis; use "
                f"{negative!r} / {positive!r}, or two numbers (larger = {positive!r})."
            )
        mapped = [positive if float(v) == nums[1] else negative for v in labels]
    if len(set(mapped)) != 2:
        raise UsageError(f"{source}: need texts of both poles ({negative!r} and {positive!r}).")
    return mapped


# -- cross-validation -------------------------------------------------------------------


def _folds(Y: Any, cv: int, seed: int) -> Any:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from framing.models.classify import iterative_stratified_folds

    if Y.ndim == 2:
        return iterative_stratified_folds(Y, cv, seed)
    fold = np.zeros(len(Y), dtype=int)
    skf = StratifiedKFold(cv, shuffle=True, random_state=seed)
    for f, (_, te) in enumerate(skf.split(np.zeros(len(Y)), Y)):
        fold[te] = f
    return fold


def multilabel_metrics(Y: Any, pred: Any, names: Sequence[str]) -> dict[str, Any]:
    """Micro/macro F1 and F1 per label, rounded to 3 places."""
    from sklearn.metrics import f1_score

    per = f1_score(Y, pred, average=None, zero_division=0)
    return {
        "micro_f1": round(float(f1_score(Y, pred, average="micro", zero_division=0)), 3),
        "macro_f1": round(float(f1_score(Y, pred, average="macro", zero_division=0)), 3),
        "per_label_f1": {n: round(float(f), 3) for n, f in zip(names, per, strict=True)},
    }


def binary_metrics(y: Any, proba: Any, pred: Any) -> dict[str, Any]:
    """ROC AUC, accuracy, balanced accuracy, F1 of the positive class."""
    import numpy as np
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, roc_auc_score

    auc = roc_auc_score(y, proba) if len(np.unique(y)) == 2 else float("nan")
    return {
        "auc": round(float(auc), 3),
        "accuracy": round(float(accuracy_score(y, pred)), 3),
        "balanced_accuracy": round(float(balanced_accuracy_score(y, pred)), 3),
        "f1": round(float(f1_score(y, pred, zero_division=0)), 3),
    }


def cross_validate(
    make: Any,
    texts: Sequence[str],
    y: Any,
    *,
    names: Sequence[str] = (),
    cv: int = 5,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Out-of-fold metrics of ``make()`` and of DummyClassifier baselines on the same folds.

    ``progress(done, total)`` is called after each fold, with ``total`` = ``cv`` + 1 (the
    fit on all the data that follows).

    ``y`` is a 0/1 vector (binary) or a 0/1 matrix (multi-label, ``names`` per column).
    Returns ``{"model": {...}, "dummy_most_frequent": {...}, "dummy_stratified": {...},
    "n_splits", "seed"}`` plus the out-of-fold ``oof_proba`` (not JSON; pop it before saving).
    """
    import numpy as np
    from sklearn.dummy import DummyClassifier

    y = np.asarray(y, dtype=int)
    if y.ndim == 2 and len(names) != y.shape[1]:
        names = [str(j) for j in range(y.shape[1])]
    fold = _folds(y, cv, seed)
    texts = list(texts)
    multi = y.ndim == 2
    proba = np.zeros(y.shape, dtype=float)
    pred = np.zeros(y.shape, dtype=int)
    dummies = {"most_frequent": np.zeros(y.shape, int), "stratified": np.zeros(y.shape, int)}
    prior = np.zeros(y.shape, dtype=float)
    for f in range(cv):
        tr, te = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        model = make().fit([texts[i] for i in tr], y[tr])
        p = model.predict_proba([texts[i] for i in te])
        proba[te] = p if multi else p[:, 1]
        pred[te] = model.predict([texts[i] for i in te])
        prior[te] = y[tr].mean(0)
        for strategy, out in dummies.items():
            dummy = DummyClassifier(strategy=strategy, random_state=seed)
            dummy.fit(np.zeros((len(tr), 1)), y[tr])
            out[te] = dummy.predict(np.zeros((len(te), 1)))
        if progress is not None:
            progress(f + 1, cv + 1)
    result: dict[str, Any] = {"n_splits": cv, "seed": seed, "n": len(texts)}
    if multi:
        result["model"] = multilabel_metrics(y, pred, names)
        for s, out in dummies.items():
            result[f"dummy_{s}"] = multilabel_metrics(y, out, names)
    else:
        result["model"] = binary_metrics(y, proba, pred)
        for s, out in dummies.items():
            result[f"dummy_{s}"] = binary_metrics(y, prior, out)
    result["oof_proba"] = proba
    return result


# -- the command ------------------------------------------------------------------------


def train_texts(
    texts: Sequence[str],
    labels: Sequence[Any],
    *,
    frames: bool = False,
    axis: str | None = None,
    negative: str = "",
    positive: str = "",
    lexicon_weight: float = 0.5,
    params: dict[str, Any] | None = None,
    cv: int = 5,
    seed: int = 0,
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
    languages: Sequence[str] = ("en",),
) -> TrainResult:
    """Cross-validate, then fit on everything; the result's ``save`` writes the model file.

    ``languages``: the ISO 639-1 codes of the texts' languages (the model file's
    ``languages``; scoring leaves articles in other languages unscored).

    Exactly one of ``frames=True`` (multi-label: each label a list or a ``,``/``;``-separated
    string) or ``axis`` (binary: the two labels are the poles ``negative``/``positive``, or two
    numbers) must be given. ``progress(done, total)``: after each of the ``cv`` folds and
    the final fit (``total`` = ``cv`` + 1).
    """
    import numpy as np

    from framing.models.classify import TextClassifier
    from framing.models.modelfile import check_languages, sha256_of_texts

    if frames == (axis is not None):
        raise UsageError("Give exactly one of --frames or --axis AXIS.")
    try:
        languages = check_languages(list(languages))
    except ValueError as exc:
        raise UsageError(f"--language: {exc}") from None
    kind = "frames" if frames else "axis"
    settings = {**DEFAULT_PARAMS[kind], "random_state": seed, **(params or {})}
    if frames:
        sets = label_sets(labels)
        names = sorted({n for s in sets for n in s})
        if len(names) < 1:
            raise UsageError(f"{source}: no frame labels found.")
        y = np.array([[int(n in s) for n in names] for s in sets], dtype=int)
        target: Any = [list(s) for s in sets]
        task: dict[str, Any] = {"kind": "frames"}
    else:
        mapped = axis_labels(labels, negative, positive, source)
        names = [negative, positive]
        y = np.array([int(v == positive) for v in mapped], dtype=int)
        target = mapped
        task = {
            "kind": "axis",
            "axis": axis,
            "negative": negative,
            "positive": positive,
            "lexicon_weight": lexicon_weight,
        }
    counts = y.sum(0) if y.ndim == 2 else np.bincount(y, minlength=2)
    smallest = int(np.min(counts))
    if smallest < cv:
        raise UsageError(
            f"{source}: a label has only {smallest} texts, fewer than the {cv} folds; "
            "add data or lower --cv."
        )
    inner_cv = max(2, min(int(settings.get("cv", 4)), smallest - 1 if smallest > 2 else 2))
    settings["cv"] = inner_cv

    def make() -> TextClassifier:
        return TextClassifier(**settings)

    if progress is not None:
        progress(0, cv + 1)
    metrics = cross_validate(make, texts, y, names=names, cv=cv, seed=seed, progress=progress)
    metrics.pop("oof_proba")
    model = make().fit(list(texts), target)
    if progress is not None:
        progress(cv + 1, cv + 1)
    training = {
        "data_sha256": sha256_of_texts(texts, [list(t) if frames else t for t in target]),
        "n_texts": len(texts),
        "label_counts": {n: int(c) for n, c in zip(names, counts, strict=True)},
        "source": source,
        "cv": metrics,
    }
    return TrainResult(
        model=model, task=task, metrics=metrics, training=training, languages=languages
    )


def train_file(
    path: str | Path,
    *,
    text_column: str = "text",
    label_column: str = "label",
    frames: bool = False,
    axis: str | None = None,
    lexicon_dirs: Sequence[str | Path] = (),
    cv: int = 5,
    seed: int = 0,
    params: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
    languages: Sequence[str] = ("en",),
) -> TrainResult:
    """Read labeled data and train (see :func:`train_texts`); an axis's poles come from
    its lexicon."""
    texts, labels = read_labeled(path, text_column, label_column)
    negative = positive = ""
    weight = 0.5
    if axis is not None:
        from framing.axes.lexicon import get_lexicon

        lex = get_lexicon(axis, lexicon_dirs)
        negative, positive = lex.negative.id, lex.positive.id
    return train_texts(
        texts,
        labels,
        frames=frames,
        axis=axis,
        negative=negative,
        positive=positive,
        lexicon_weight=weight,
        params=params,
        cv=cv,
        seed=seed,
        source=Path(path).name,
        progress=progress,
        languages=languages,
    )
