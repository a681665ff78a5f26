"""Model files: a trained :class:`~framing.models.classify.TextClassifier` as JSON data.

A model file is data, never code: loading it parses JSON, checks it, and fills the
estimator's attributes. No pickle, no joblib, nothing imported or called by name from the
file. What it holds (format ``framing-model/1``):

* ``params``: the estimator's parameters (tokenization, n-gram range, ...);
* ``labels``, ``multilabel``, ``vocabulary`` (n-grams in column order);
* ``arrays``: ``idf``, ``coef``, ``intercept`` as little-endian float32 in base64 (the
  estimator keeps them at float32 precision, so the round trip is exact), ``thresholds``,
  and, for a model with ``params.calibration = "sigmoid"``, ``calibration``: the Platt
  ``(a, b)`` of each label (shape ``(labels, 2)``; a file without calibration has neither
  the parameter nor the array, and reads as before);
* ``task``: ``{"kind": "frames"}`` or ``{"kind": "axis", "axis": ..., "negative": ...,
  "positive": ..., "lexicon_weight": ...}``: how scoring uses the model; an axis task may add
  ``"mixing": {"kind": "evidence", "w_max": ..., "k": ...}`` (the lexicon weight grows with
  the lexicon's hits, see :class:`framing.models.predict.Mixing`); without it the weight is
  the fixed ``lexicon_weight``;
* ``training``: sha256 of the training data, sizes, sources, cross-validated metrics;
* ``versions``: framing, scikit-learn, numpy, python that wrote it;
* ``languages`` (optional): the ISO 639-1 codes of the languages the model was trained on
  (``["en"]``, ``["fr", "en"]``); a file without the key is English (``DEFAULT_LANGUAGES``),
  so files written before the key existed load unchanged. Scoring leaves an article in any
  other language unscored (``framing.scoring.language``);
* ``checksum``: sha256 of the canonical JSON of everything else, so a file edited or
  damaged after it was written is refused rather than silently mis-scoring.

A file with ``"estimator": "EvidenceModel"`` holds an evidence model instead (an axis
component computed from the lexicon's hits, not from the text; its fields are in
:mod:`framing.models.evidence`); ``load`` gives an
:class:`~framing.models.evidence.EvidenceModel` for it, with the same checksum rule.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import platform
import re
import sys
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.errors import ModelError
from framing.models.evidence import ESTIMATOR as EVIDENCE_ESTIMATOR
from framing.models.evidence import EvidenceModel, feature_names, from_payload
from framing.models.linear import LinearModel, check_params

FORMAT = "framing-model/1"
#: Files above this size are refused before they are parsed (shipped ones are < 1 MB).
MAX_BYTES = 50 * 1024 * 1024
_PARAMS: dict[str, type | tuple[type, ...]] = {
    "tokenization": str,
    "ngram_range": list,
    "max_chars": (int, type(None)),
    "long_texts": str,
    "min_df": int,
    "max_features": (int, type(None)),
    "sublinear_tf": bool,
    "C": (int, float),
    "class_weight": (str, type(None)),
    "threshold": (str, int, float),
    "threshold_shrinkage": (int, float),
    "calibration": (str, type(None)),
    "cv": int,
    "random_state": int,
    "max_iter": int,
}


#: The languages of a model file without a ``languages`` key.
DEFAULT_LANGUAGES = ("en",)
_LANGUAGE = re.compile(r"^[a-z]{2}$")
LANGUAGES_RULE = "a non-empty list of ISO 639-1 codes (two lower-case letters: [en], [fr, en])"


def check_languages(value: Any) -> tuple[str, ...]:
    """``value`` as a tuple of language codes; ``ValueError`` naming the rule when it is
    not a non-empty list of distinct ISO 639-1 codes."""
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(c, str) and _LANGUAGE.match(c) for c in value)
        or len(set(value)) != len(value)
    ):
        raise ValueError(f"languages must be {LANGUAGES_RULE}, not {value!r}")
    return tuple(value)


#: Parameters added after the format's first files, with the value that reproduces what
#: those files did (a file without them loads as before).
_ADDED_PARAMS: dict[str, Any] = {"long_texts": "first", "calibration": None}


def canonical(payload: dict[str, Any]) -> bytes:
    """The bytes the checksum is computed over: sorted keys, no whitespace, ASCII."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _encode(values: Any) -> dict[str, Any]:
    import numpy as np

    a = np.ascontiguousarray(values, dtype="<f4")
    return {
        "dtype": "<f4",
        "shape": list(a.shape),
        "data": base64.b64encode(a.tobytes()).decode("ascii"),
    }


def _versions() -> dict[str, str]:
    import numpy
    import sklearn

    from framing._version import __version__

    return {
        "framing": __version__,
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "python": platform.python_version(),
    }


def to_payload(
    model: Any,
    *,
    task: dict[str, Any],
    training: dict[str, Any] | None = None,
    languages: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The JSON-able dict for a fitted ``TextClassifier`` (checksum included); ``languages``
    None writes no ``languages`` key (the file reads as English)."""
    import numpy as np
    from sklearn.utils.validation import check_is_fitted

    check_is_fitted(model, "coef_")
    params = model.get_params()
    params["ngram_range"] = list(params["ngram_range"])
    if params.get("calibration") is None:
        # Not written when unused: a model without calibration keeps its earlier bytes.
        params.pop("calibration", None)
    vocab = [""] * len(model.vocabulary_)
    for term, j in model.vocabulary_.items():
        vocab[j] = term
    arrays: dict[str, Any] = {
        "idf": _encode(model.idf_),
        "coef": _encode(model.coef_),
        "intercept": _encode(model.intercept_),
        "thresholds": [float(t) for t in model.thresholds_],
    }
    if model.calibration is not None:
        arrays["calibration"] = _encode(model.calibration_)
    payload: dict[str, Any] = {
        "format": FORMAT,
        "estimator": "TextClassifier",
        "params": params,
        "labels": [c.item() if isinstance(c, np.generic) else c for c in model.classes_],
        "multilabel": bool(model.multilabel_),
        "vocabulary": vocab,
        "arrays": arrays,
        "task": task,
        "training": training or {},
        "versions": _versions(),
    }
    if languages is not None:
        try:
            payload["languages"] = list(check_languages(list(languages)))
        except ValueError as exc:
            raise ModelError(f"cannot write the model: {exc}") from None
    payload["checksum"] = "sha256:" + hashlib.sha256(canonical(payload)).hexdigest()
    return payload


def save(
    model: Any,
    path: str | Path,
    *,
    task: dict[str, Any],
    training: dict[str, Any] | None = None,
    languages: Sequence[str] | None = None,
) -> Path:
    """Write a fitted model to ``path`` as JSON and return the path (``languages``: see
    ``to_payload``)."""
    path = Path(path)
    payload = to_payload(model, task=task, training=training, languages=languages)
    try:
        path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot write the model file ({exc.strerror}).") from exc
    return path


def evidence_payload(
    coef: Sequence[float],
    *,
    params: Mapping[str, Any],
    task: Mapping[str, Any],
    training: Mapping[str, Any] | None = None,
    languages: Sequence[str] = ("en",),
) -> dict[str, Any]:
    """The JSON-able dict of an evidence model (:mod:`framing.models.evidence`; checksum
    included)."""
    import numpy
    import scipy

    from framing._version import __version__

    payload: dict[str, Any] = {
        "format": FORMAT,
        "estimator": EVIDENCE_ESTIMATOR,
        "params": dict(params),
        "features": feature_names(str(task["negative"]), str(task["positive"])),
        "coef": [round(float(c), 6) for c in coef],
        "task": dict(task),
        "training": dict(training or {}),
        "versions": {
            "framing": __version__,
            "numpy": numpy.__version__,
            "scipy": scipy.__version__,
            "python": platform.python_version(),
        },
        "languages": list(languages),
    }
    payload["checksum"] = "sha256:" + hashlib.sha256(canonical(payload)).hexdigest()
    return payload


class LoadedModel:
    """A model read from a file: the model plus what the file says about its use.

    ``linear`` predicts at scoring time without scikit-learn; ``estimator`` is the same
    model as a fitted ``TextClassifier`` (built, and scikit-learn imported, on first use).
    """

    def __init__(
        self, linear: LinearModel, payload: dict[str, Any], source: str, sha256: str = ""
    ) -> None:
        self.linear = linear
        self._estimator: Any = None
        self.task: dict[str, Any] = payload["task"]
        self.training: dict[str, Any] = payload.get("training", {})
        self.versions: dict[str, str] = payload.get("versions", {})
        #: ISO 639-1 codes of the languages the model reads (``DEFAULT_LANGUAGES`` when the
        #: file does not say).
        self.languages: tuple[str, ...] = tuple(payload.get("languages", DEFAULT_LANGUAGES))
        self.checksum: str = payload["checksum"]
        self.source = source
        #: sha256 of the file's bytes as read (``checksum`` is of the canonical payload).
        self.sha256 = sha256

    @property
    def estimator(self) -> Any:
        """The fitted ``TextClassifier`` (imports scikit-learn)."""
        if self._estimator is None:
            from framing.models.classify import TextClassifier

            self._estimator = TextClassifier.from_linear(self.linear)
        return self._estimator

    @property
    def kind(self) -> str:
        return str(self.task["kind"])

    @property
    def name(self) -> str:
        """The file's stem (``state_wire`` for ``.../state_wire.json``), as messages name it."""
        return Path(self.source).stem

    def __repr__(self) -> str:
        return f"LoadedModel({self.source!r}, kind={self.kind!r})"


#: What a model file holds: a text model, or an evidence model (:mod:`framing.models.evidence`).
AnyModel = LoadedModel | EvidenceModel


def load(path: str | Path, *, max_bytes: int = MAX_BYTES) -> AnyModel:
    """Read and check a model file; every problem is one :class:`ModelError` naming it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ModelError(
                f"{path}: model file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB "
                "limit; is it really a framing model?"
            )
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: model file not found.") from exc
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model file ({exc.strerror}).") from exc
    return loads(raw, source=str(path))


def loads(raw: bytes | str, *, source: str = "<model>") -> AnyModel:
    """Parse and check model JSON (bytes or text); ``source`` names it in errors."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        payload = json.loads(text)
    except UnicodeDecodeError as exc:
        raise ModelError(f"{source}: not a model file (not UTF-8 text).") from exc
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"{source}: not valid JSON at line {exc.lineno}, column {exc.colno} "
            f"({exc.msg}); the file is truncated or corrupted: re-train or re-install it."
        ) from exc
    except RecursionError as exc:
        raise ModelError(f"{source}: JSON nested too deeply; not a model file.") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        found = payload.get("format") if isinstance(payload, dict) else type(payload).__name__
        raise ModelError(f"{source}: not a framing model (format {found!r}, expected {FORMAT!r}).")
    checksum = payload.pop("checksum", None)
    expected = "sha256:" + hashlib.sha256(canonical(payload)).hexdigest()
    if checksum != expected:
        raise ModelError(
            f"{source}: checksum mismatch; the file was changed after it was written "
            "(tampered or damaged): re-train or re-install it."
        )
    payload["checksum"] = checksum
    if "languages" in payload:
        try:
            check_languages(payload["languages"])
        except ValueError as exc:
            raise ModelError(
                f"{source}: {exc}; re-train the model with framing train --language CODE"
            ) from None
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        if payload.get("estimator") == EVIDENCE_ESTIMATOR:
            return from_payload(payload, source, sha256)
        linear = _build(payload)
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"{source}: inconsistent model file ({exc}).") from exc
    return LoadedModel(linear, payload, source, sha256)


def _decode(spec: Any, name: str, shape: tuple[int, ...]) -> list[Any]:
    """An array of the file as Python floats (exact: float32 widens to float64 losslessly);
    a 2-D shape gives one list per row. No numpy: scoring one file stays light."""
    if not isinstance(spec, dict) or spec.get("dtype") != "<f4":
        raise ValueError(f"array {name!r} must be {{'dtype': '<f4', 'shape', 'data'}}")
    if tuple(spec.get("shape", ())) != shape:
        raise ValueError(f"array {name!r} has shape {spec.get('shape')}, expected {list(shape)}")
    buf = base64.b64decode(spec["data"], validate=True)
    if len(buf) != 4 * math.prod(shape):
        raise ValueError(f"array {name!r} holds {len(buf)} bytes, expected {4 * math.prod(shape)}")
    values = array("f")
    values.frombytes(buf)
    if sys.byteorder != "little":
        values.byteswap()
    flat = values.tolist()
    # A sum of float32 values cannot overflow a double: it is inf or nan only if one is.
    if not math.isfinite(sum(flat)):
        raise ValueError(f"array {name!r} has non-finite values")
    if len(shape) == 1:
        return flat
    rows, width = shape
    return [flat[i * width : (i + 1) * width] for i in range(rows)]


def _build(payload: dict[str, Any]) -> LinearModel:
    """The model of a checked payload (raises ValueError on nonsense); no scikit-learn."""
    if payload.get("estimator") != "TextClassifier":
        raise ValueError(f"unknown estimator {payload.get('estimator')!r}")
    params = payload["params"]
    if isinstance(params, dict):
        params = {**_ADDED_PARAMS, **params}
    if not isinstance(params, dict) or set(params) != set(_PARAMS):
        raise ValueError(f"params must have exactly the keys {sorted(_PARAMS)}")
    for key, typ in _PARAMS.items():
        if not isinstance(params[key], typ):
            raise ValueError(f"param {key!r} has the wrong type")
    params = {**params, "ngram_range": tuple(params["ngram_range"])}
    check_params(params)
    vocab = payload["vocabulary"]
    if not isinstance(vocab, list) or not set(map(type, vocab)) <= {str}:  # JSON gives str
        raise ValueError("vocabulary must be a list of strings")
    if len(set(vocab)) != len(vocab):
        raise ValueError("vocabulary has duplicate entries")
    labels = payload["labels"]
    if not isinstance(labels, list) or len(labels) < 1:
        raise ValueError("labels must be a non-empty list")
    multilabel = payload["multilabel"]
    if not isinstance(multilabel, bool) or (not multilabel and len(labels) != 2):
        raise ValueError("a binary model needs exactly 2 labels")
    n_out, n_feat = (len(labels) if multilabel else 1), len(vocab)
    arrays = payload["arrays"]
    idf = _decode(arrays["idf"], "idf", (n_feat,))
    coef = _decode(arrays["coef"], "coef", (n_out, n_feat))
    intercept = _decode(arrays["intercept"], "intercept", (n_out,))
    thresholds = arrays["thresholds"]
    if (
        not isinstance(thresholds, list)
        or len(thresholds) != n_out
        or not all(isinstance(t, int | float) and 0 < t < 1 for t in thresholds)
    ):
        raise ValueError(f"thresholds must be {n_out} numbers in (0, 1)")
    calibration = None
    if params["calibration"] is not None:
        calibration = _decode(arrays["calibration"], "calibration", (n_out, 2))
    elif "calibration" in arrays:
        raise ValueError("array 'calibration' given but params.calibration is null")
    _check_task(payload["task"], labels, multilabel)
    return LinearModel(
        params,
        vocabulary={t: j for j, t in enumerate(vocab)},
        idf=idf,
        coef=coef,
        intercept=intercept,
        thresholds=thresholds,
        classes=labels,
        multilabel=multilabel,
        calibration=calibration,
    )


def _check_task(task: Any, labels: list[Any], multilabel: bool) -> None:
    if not isinstance(task, dict) or task.get("kind") not in ("frames", "axis"):
        raise ValueError("task.kind must be 'frames' or 'axis'")
    if task["kind"] == "frames" and not multilabel:
        raise ValueError("a frames model must be multi-label")
    if task["kind"] == "axis":
        for key in ("axis", "negative", "positive"):
            if not isinstance(task.get(key), str):
                raise ValueError(f"task.{key} must be a string")
        if task["positive"] not in [str(x) for x in labels]:
            raise ValueError(f"task.positive {task['positive']!r} is not one of the labels")
        if multilabel:
            _check_three_class(task, labels)
        w = task.get("lexicon_weight", 0.5)
        if not isinstance(w, int | float) or not 0 <= w <= 1:
            raise ValueError("task.lexicon_weight must be a number in [0, 1]")
        if "mixing" in task:
            _check_mixing(task["mixing"])
            if "lexicon_weight" in task and task["lexicon_weight"] != task["mixing"]["w_max"]:
                # a reader without evidence mixing uses lexicon_weight: they must agree
                raise ValueError("task.lexicon_weight must equal task.mixing.w_max")


def _check_mixing(spec: Any) -> None:
    """``task.mixing``: ``{"kind": "evidence", "w_max": [0, 1], "k": >= 0}``."""
    if not isinstance(spec, dict) or spec.get("kind") != "evidence":
        raise ValueError("task.mixing must be {'kind': 'evidence', 'w_max': ..., 'k': ...}")
    w_max, k = spec.get("w_max"), spec.get("k")
    if isinstance(w_max, bool) or not isinstance(w_max, int | float) or not 0 <= w_max <= 1:
        raise ValueError("task.mixing.w_max must be a number in [0, 1]")
    if isinstance(k, bool) or not isinstance(k, int | float) or not 0 <= k < math.inf:
        raise ValueError("task.mixing.k must be a finite number >= 0")


def _check_three_class(task: dict[str, Any], labels: list[Any]) -> None:
    """An axis model with a neutral class: one-vs-rest probabilities of the two poles (the
    rest of the probability is "neither"), and the base rates the component is centred on
    (see :mod:`framing.models.predict`)."""
    poles = {task["negative"], task["positive"]}
    if len(poles) != 2 or {str(x) for x in labels} != poles:
        raise ValueError(
            "a multi-label axis model must have exactly the labels task.negative and "
            "task.positive (the rest is the neutral class)"
        )
    rates = task.get("base_rates")
    if not isinstance(rates, dict) or set(rates) != poles:
        raise ValueError("task.base_rates must give the training share of each pole")
    values = list(rates.values())
    if not all(isinstance(v, int | float) and 0 < v < 1 for v in values) or sum(values) >= 1:
        raise ValueError("task.base_rates must be shares in (0, 1) summing to less than 1")


def sha256_of_texts(texts: Any, labels: Any) -> str:
    """Hash of the training data (texts and labels, in order), recorded in the file."""
    h = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        h.update(text.encode("utf-8"))
        h.update(b"\x00")
        h.update(json.dumps(label, sort_keys=True, default=str).encode())
        h.update(b"\x01")
    return h.hexdigest()


#: Names exported as ``framing.load_model`` / ``framing.save_model``.
load_model = load
save_model = save
