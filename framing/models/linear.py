"""A loaded model at scoring time: TF-IDF and a linear model as a sparse dot product.

:class:`LinearModel` holds what a model file holds (vocabulary, idf, coefficients,
intercepts, thresholds, Platt calibration) and predicts with numpy and scipy alone: no
scikit-learn import on the scoring path (training keeps scikit-learn, in
``framing.models.classify``). Its probabilities are those of
:class:`~framing.models.classify.TextClassifier` with the same attributes, computed by the
same operations in the same order (``tests/test_linear.py`` holds them equal to 1e-12 on the
shipped models over real texts; in practice they are bit for bit the same).

Models that read a text the same way (:meth:`LinearModel.reading`: tokenization, n-gram
range, cut or windows) share the n-gram counts of that text: :class:`Readings` counts each
text once per way of reading it, whatever the number of models (the frames and
threat_exchange models both read whole texts as plain unigrams).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from framing.models.features import TOKENIZATIONS, gram_counts, tfidf_rows, windows

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


class LinearModel:
    """What a model file holds, ready to predict (see the module docstring).

    Attributes carry ``TextClassifier``'s names (``vocabulary_``, ``idf_``, ``coef_``,
    ``intercept_``, ``thresholds_``, ``calibration_``, ``classes_``, ``multilabel_``) and
    ``params``, its parameters.
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
        self.idf_ = idf
        self.coef_ = coef
        self.intercept_ = intercept
        self.thresholds_ = thresholds
        self.classes_ = classes
        self.multilabel_ = multilabel
        self.calibration_ = calibration
        self._coef_t: Any = None

    @property
    def reading(self) -> Reading:
        """How this model reads a text (models with the same reading share counts)."""
        p = self.params
        lo, hi = p["ngram_range"]
        windowed = p["long_texts"] == "windows" and bool(p["max_chars"])
        return (p["tokenization"], (int(lo), int(hi)), p["max_chars"], windowed)

    def label_proba(self, texts: Sequence[str] | Readings) -> Any:
        """Per text and label, the (calibrated) probability: ``(n, n_labels)``."""
        import numpy as np

        readings = texts if isinstance(texts, Readings) else Readings(texts)
        grams, owner = readings.counts(self.reading)
        X = tfidf_rows(grams, self.vocabulary_, self.idf_, sublinear_tf=self.params["sublinear_tf"])
        if self._coef_t is None:
            self._coef_t = self.coef_.T
        z = np.asarray(X @ self._coef_t) + self.intercept_
        p = 1.0 / (1.0 + np.exp(-z))
        if self.reading[3]:
            # Per text, the mean log-odds of its windows, back on the probability scale.
            n = len(readings.texts)
            p = np.clip(p, 1e-12, 1 - 1e-12)
            sums = np.zeros((n, p.shape[1]))
            idx = np.asarray(owner, dtype=int)
            np.add.at(sums, idx, np.log(p / (1 - p)))
            counts = np.bincount(idx, minlength=n)
            p = 1.0 / (1.0 + np.exp(-sums / np.maximum(counts, 1)[:, None]))
        if self.params["calibration"] is None:
            return p
        z = np.log(np.clip(p, 1e-12, 1 - 1e-12) / np.clip(1 - p, 1e-12, 1))
        u = self.calibration_[:, 0] * z + self.calibration_[:, 1]
        return 1.0 / (1.0 + np.exp(-np.asarray(u, dtype=np.float64)))

    def predict_proba(self, texts: Sequence[str] | Readings) -> Any:
        """Binary: ``(n, 2)`` probabilities of ``classes_``. Multi-label: ``(n, n_labels)``."""
        import numpy as np

        p = self.label_proba(texts)
        if self.multilabel_:
            return p
        return np.column_stack([1.0 - p[:, 0], p[:, 0]])
