"""A loaded model at scoring time: TF-IDF and a linear model as a sparse dot product.

:class:`LinearModel` holds what a model file holds (vocabulary, idf, coefficients,
intercepts, thresholds, Platt calibration) and predicts in pure Python: no numpy, scipy or
scikit-learn import on the scoring path, so scoring one file starts fast (training keeps
scikit-learn, in ``framing.models.classify``). A text's TF-IDF row is a few hundred
n-grams, so its dot product with each label's coefficients is a sum over those columns
alone. Its probabilities are those of :class:`~framing.models.classify.TextClassifier`
with the same attributes, computed by the same operations in the same order: the dot
products add the column terms one by one in column order from 0.0, as scipy's sparse
product does, so the log-odds are bit for bit scipy's; ``math.exp`` and ``math.log`` may
differ from numpy's (vectorised) ones in the last bit (``tests/test_linear.py`` holds the
probabilities equal to 1e-12 on the shipped models over real texts).

Models that read a text the same way (:meth:`LinearModel.reading`: tokenization, n-gram
range, cut or windows) share the n-gram counts of that text: :class:`Readings` counts each
text once per way of reading it, whatever the number of models (the frames and
threat_exchange models both read whole texts as plain unigrams).
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from itertools import accumulate
from operator import itemgetter, mul
from typing import Any

from framing.models.features import TOKENIZATIONS, gram_counts, tfidf_lists, windows

#: How prediction may read a text longer than ``max_chars`` (see ``TextClassifier``).
LONG_TEXTS = ("first", "windows")
#: How the probabilities may be calibrated (see ``TextClassifier``).
CALIBRATIONS = (None, "sigmoid")

#: A way of reading texts: (tokenization, ngram_range, max_chars, windows or not).
Reading = tuple[str, tuple[int, int], int | None, bool]


def check_params(p: Mapping[str, Any]) -> None:
    """Refuse parameter values a model cannot use (ValueError naming the valid ones)."""
    if p["tokenization"] not in TOKENIZATIONS:
        raise ValueError(
            f"tokenization={p['tokenization']!r} is not valid. Available: {TOKENIZATIONS}"
        )
    lo, hi = p["ngram_range"]
    if not (1 <= lo <= hi <= 3):
        raise ValueError(f"ngram_range={p['ngram_range']!r}: need 1 <= min <= max <= 3")
    if p["class_weight"] not in ("balanced", None):
        raise ValueError(
            f"class_weight={p['class_weight']!r} is not valid. Available: 'balanced', None"
        )
    threshold = p["threshold"]
    if threshold != "cv" and not (isinstance(threshold, int | float) and 0 < threshold < 1):
        raise ValueError(f"threshold={threshold!r}: need 'cv' or a number in (0, 1)")
    if not 0 <= p["threshold_shrinkage"] <= 1:
        raise ValueError(f"threshold_shrinkage={p['threshold_shrinkage']!r}: need 0..1")
    max_chars = p["max_chars"]
    if max_chars is not None and not (isinstance(max_chars, int) and max_chars > 0):
        raise ValueError(f"max_chars={max_chars!r}: need a positive integer or None")
    if p["long_texts"] not in LONG_TEXTS:
        raise ValueError(
            f"long_texts={p['long_texts']!r} is not valid. Available: "
            + ", ".join(repr(v) for v in LONG_TEXTS)
        )
    if p["calibration"] not in CALIBRATIONS:
        raise ValueError(
            f"calibration={p['calibration']!r} is not valid. Available: None, 'sigmoid'"
        )
    if not p["C"] > 0:
        raise ValueError(f"C={p['C']!r}: need a positive number")


class Readings:
    """N-gram counts of a batch of texts, computed once per way of reading them."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self._counts: dict[Reading, tuple[list[Counter[str]], list[int]]] = {}

    def counts(self, reading: Reading) -> tuple[list[Counter[str]], list[int]]:
        """Per piece of text, its n-gram counts, and which text each piece is from (one
        piece per text, or a text's windows)."""
        found = self._counts.get(reading)
        if found is None:
            tokenization, ngram_range, max_chars, windowed = reading
            if windowed:
                assert max_chars is not None
                pieces: list[str] = []
                owner: list[int] = []
                for i, text in enumerate(self.texts):
                    cut = windows(text, max_chars)
                    pieces += cut
                    owner += [i] * len(cut)
            else:
                pieces, owner = self.texts, list(range(len(self.texts)))
            grams = [gram_counts(t, tokenization, ngram_range, max_chars) for t in pieces]
            found = self._counts[reading] = (grams, owner)
        return found


def _floats(values: Any) -> list[float]:
    """A vector as a list of Python floats: a list is taken as it is (a model file's arrays
    are decoded to lists of floats; copying them again would cost more than the decoding),
    a numpy or ``array`` array is converted, any other sequence copied."""
    if isinstance(values, list):
        return values
    if hasattr(values, "tolist"):
        return list(values.tolist())
    return list(map(float, values))


def _sigmoid(z: float) -> float:
    """``1 / (1 + exp(-z))``, 0.0 where ``exp(-z)`` overflows (numpy gives inf there)."""
    try:
        return 1.0 / (1.0 + math.exp(-z))
    except OverflowError:
        return 0.0


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _dot(cols: list[int], vals: list[float], coef: list[list[float]]) -> list[float]:
    """Per label, ``sum(vals[i] * coef[label][cols[i]])`` added term by term in column order,
    starting from 0.0 (scipy's order: the same float64 result). ``accumulate`` and ``map``
    keep the loop in C: several times faster than a Python loop over the columns."""
    if len(cols) > 1:
        gather = itemgetter(*cols)
        return [
            deque(accumulate(map(mul, vals, gather(row)), initial=0.0), maxlen=1)[0] for row in coef
        ]
    if cols:
        j, v = cols[0], vals[0]
        return [0.0 + v * row[j] for row in coef]
    return [0.0] * len(coef)


class LinearModel:
    """What a model file holds, ready to predict (see the module docstring).

    Attributes carry ``TextClassifier``'s names (``vocabulary_``, ``idf_``, ``coef_``,
    ``intercept_``, ``thresholds_``, ``calibration_``, ``classes_``, ``multilabel_``) and
    ``params``, its parameters; the numbers are plain Python lists (``coef_``: one list per
    label, ``calibration_``: one ``(a, b)`` per label), whatever sequences were given.
    """

    def __init__(
        self,
        params: Mapping[str, Any],
        *,
        vocabulary: dict[str, int],
        idf: Any,
        coef: Any,
        intercept: Any,
        thresholds: Any,
        classes: Any,
        multilabel: bool,
        calibration: Any = None,
    ) -> None:
        check_params(params)
        self.params = dict(params)
        self.vocabulary_ = vocabulary
        self.idf_ = _floats(idf)
        self.coef_ = [_floats(row) for row in coef]
        self.intercept_ = _floats(intercept)
        self.thresholds_ = _floats(thresholds)
        self.classes_ = list(classes.tolist() if hasattr(classes, "tolist") else classes)
        self.multilabel_ = multilabel
        self.calibration_ = (
            None if calibration is None else [tuple(_floats(ab)) for ab in calibration]
        )

    @property
    def reading(self) -> Reading:
        """How this model reads a text (models with the same reading share counts)."""
        p = self.params
        lo, hi = p["ngram_range"]
        windowed = p["long_texts"] == "windows" and bool(p["max_chars"])
        return (p["tokenization"], (int(lo), int(hi)), p["max_chars"], windowed)

    def label_rows(self, texts: Sequence[str] | Readings) -> list[list[float]]:
        """Per text, the (calibrated) probability of each label, as lists of floats."""
        readings = texts if isinstance(texts, Readings) else Readings(texts)
        grams, owner = readings.counts(self.reading)
        sublinear = self.params["sublinear_tf"]
        rows = tfidf_lists(grams, self.vocabulary_, self.idf_, sublinear_tf=sublinear)
        coef, intercept = self.coef_, self.intercept_
        p = [
            [_sigmoid(z + b) for z, b in zip(_dot(cols, vals, coef), intercept, strict=True)]
            for cols, vals in rows
        ]
        if self.reading[3]:
            # Per text, the mean log-odds of its windows, back on the probability scale
            # (summed window by window in order from 0.0, as numpy's add.at does).
            lo, hi = 1e-12, 1 - 1e-12
            sums = [[0.0] * len(intercept) for _ in readings.texts]
            counts = [0] * len(readings.texts)
            for i, row in zip(owner, p, strict=True):
                total = sums[i]
                for k, x in enumerate(row):
                    x = _clip(x, lo, hi)
                    total[k] += math.log(x / (1 - x))
                counts[i] += 1
            p = [
                [_sigmoid(s / max(n, 1)) for s in total]
                for total, n in zip(sums, counts, strict=True)
            ]
        if self.params["calibration"] is None:
            return p
        assert self.calibration_ is not None
        out = []
        for row in p:
            cal = []
            for x, (a, b) in zip(row, self.calibration_, strict=True):
                z = math.log(_clip(x, 1e-12, 1 - 1e-12) / _clip(1 - x, 1e-12, 1.0))
                cal.append(_sigmoid(a * z + b))
            out.append(cal)
        return out

    def proba_rows(self, texts: Sequence[str] | Readings) -> list[list[float]]:
        """Per text, what :meth:`predict_proba` gives, as lists of floats (no numpy)."""
        rows = self.label_rows(texts)
        if self.multilabel_:
            return rows
        return [[1.0 - row[0], row[0]] for row in rows]

    def label_proba(self, texts: Sequence[str] | Readings) -> Any:
        """Per text and label, the (calibrated) probability: numpy ``(n, n_labels)``."""
        import numpy as np

        return np.asarray(self.label_rows(texts), dtype=np.float64).reshape(-1, len(self.coef_))

    def predict_proba(self, texts: Sequence[str] | Readings) -> Any:
        """Binary: ``(n, 2)`` probabilities of ``classes_``. Multi-label: ``(n, n_labels)``
        (numpy arrays; scoring uses :meth:`proba_rows`, the same numbers as lists)."""
        import numpy as np

        width = len(self.coef_) if self.multilabel_ else 2
        return np.asarray(self.proba_rows(texts), dtype=np.float64).reshape(-1, width)
