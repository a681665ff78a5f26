"""Small linear text classifiers that follow scikit-learn's estimator contract.

:class:`TextClassifier` is TF-IDF n-grams (see :mod:`framing.models.features`) with one
class-weighted logistic regression per label. It handles a binary target (an axis model:
which pole a text is told from) and a multi-label target (the 14 Policy Frames). Per-label
decision thresholds are chosen by inner cross-validation, because with class weights and
rare labels the 0.5 cut-off is rarely the one that maximises F1.

Everything a prediction needs is in plain attributes (``vocabulary_``, ``idf_``, ``coef_``,
``intercept_``, ``thresholds_``, ``classes_``), which is what :mod:`framing.models.modelfile`
writes to JSON; coefficients are kept at float32 precision so the file stays small and the
loaded model predicts exactly what the trained one did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.base import BaseEstimator, ClassifierMixin

from framing.models.features import Analyzer, tfidf_from_counts, tfidf_matrix, windows
from framing.models.linear import LinearModel, check_params

__all__ = ["TextClassifier", "iterative_stratified_folds"]


def iterative_stratified_folds(y: Any, n_splits: int, random_state: int = 0) -> Any:
    """Fold number per row of a 0/1 label matrix, by iterative stratification.

    Sechidis, Tsoumakas & Vlahavas (2011): take the rarest remaining label first and deal
    its rows to the folds that most lack it, so every fold gets its share of rare labels
    (plain KFold can leave a fold without any Cultural_identity article).
    """
    import numpy as np

    y = np.asarray(y, dtype=int)
    rng = np.random.default_rng(random_state)
    n, _ = y.shape
    want = np.full(n_splits, n / n_splits)
    want_label = np.outer(np.full(n_splits, 1.0 / n_splits), y.sum(0))
    fold = np.full(n, -1)
    left = np.ones(n, dtype=bool)
    while left.any():
        counts = y[left].sum(0).astype(float)
        if counts.sum() == 0:
            for i in rng.permutation(np.flatnonzero(left)):
                f = int(np.argmax(want))
                fold[i], want[f], left[i] = f, want[f] - 1, False
            break
        counts[counts == 0] = np.inf
        label = int(np.argmin(counts))
        for i in rng.permutation(np.flatnonzero(left & (y[:, label] == 1))):
            need = want_label[:, label]
            cand = np.flatnonzero(need == need.max())
            if len(cand) > 1:
                cand = cand[want[cand] == want[cand].max()]
            f = int(rng.choice(cand))
            fold[i], left[i] = f, False
            want[f] -= 1
            want_label[f] -= y[i]
    return fold


def _best_f1_threshold(y: Any, p: Any) -> float:
    """The cut-off on ``p`` (from a fixed grid) that maximises F1 for 0/1 truth ``y``."""
    import numpy as np

    best, best_f1 = 0.5, -1.0
    pos = y == 1
    for t in np.round(np.arange(0.05, 0.951, 0.025), 3):
        pred = p >= t
        tp = float(np.sum(pred & pos))
        f1 = 2 * tp / (pred.sum() + pos.sum()) if (pred.sum() + pos.sum()) else 0.0
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(t), f1
    return best


def platt(z: Any, y: Any) -> tuple[float, float]:
    """Platt scaling: ``(a, b)`` such that ``1 / (1 + exp(-(a * z + b)))`` fits 0/1 ``y``.

    Maximum likelihood on log-odds ``z`` with Platt's (1999) smoothed targets,
    ``(n+ + 1) / (n+ + 2)`` and ``1 / (n- + 2)``, as scikit-learn's sigmoid calibration does,
    so a handful of positives cannot push a probability to 0 or 1.
    """
    import numpy as np
    from scipy.optimize import minimize

    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=int)
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    t = np.where(y == 1, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))

    def loss(ab: Any) -> tuple[float, Any]:
        u = ab[0] * z + ab[1]
        # -[t log s(u) + (1 - t) log(1 - s(u))] = logaddexp(0, u) - t * u
        value = float(np.sum(np.logaddexp(0.0, u) - t * u))
        g = 1.0 / (1.0 + np.exp(-u)) - t
        return value, np.array([float(np.sum(g * z)), float(np.sum(g))])

    prior = (n_pos + 1.0) / (len(y) + 2.0)
    start = np.array([1.0, 0.0]) if z.std() > 0 else np.array([0.0, np.log(prior / (1 - prior))])
    res = minimize(loss, start, jac=True, method="L-BFGS-B")
    return float(res.x[0]), float(res.x[1])


class TextClassifier(ClassifierMixin, BaseEstimator):
    """TF-IDF n-grams + class-weighted logistic regression, one per label.

    Parameters:
        tokenization: ``plain`` (lower-cased words) or ``masked`` (names, numbers, outlets
            and datelines replaced by placeholders; for tone rather than topic).
        ngram_range: smallest and largest n of word n-grams.
        max_chars: read only the first this many characters of each text (None: all) when
            fitting; for tone models, so article length and headline-vs-body differences
            carry less.
        long_texts: how prediction reads a text longer than ``max_chars``: ``"first"``
            (its first ``max_chars`` characters, as in fitting) or ``"windows"`` (every
            consecutive window of at most ``max_chars`` characters, cut at paragraph and
            sentence ends, and the mean of their log-odds: the whole text counts, each
            window looks like what the model was fitted on).
        min_df: keep n-grams found in at least this many training texts.
        max_features: keep at most this many n-grams (the most frequent); bounds the
            model file's size.
        sublinear_tf: use 1 + log(count) instead of the raw count.
        C: inverse L2 regularisation strength of each logistic regression.
        class_weight: ``"balanced"`` or ``None``; passed to each logistic regression.
        threshold: a number in (0, 1) used for every label, or ``"cv"`` to choose one per
            label by inner cross-validation (maximising F1).
        threshold_shrinkage: with ``threshold="cv"``, the share of the way the chosen
            threshold is pulled back to 0.5 (0: the inner-CV optimum as is; 1: always 0.5).
            Optima from a few hundred texts are noisy; shrinking them halfway measured better
            on held-out folds than either end (see the frames model card).
        calibration: ``None`` (the logistic regressions' probabilities as they are) or
            ``"sigmoid"``: Platt scaling per label, fitted on the out-of-fold log-odds of
            ``cv`` inner folds (as scikit-learn's ``CalibratedClassifierCV(method="sigmoid",
            ensemble=False)``), so that e.g. a mean predicted 0.1 means about 10 % of texts
            carry the label; with ``threshold="cv"`` the thresholds are then chosen on the
            calibrated out-of-fold probabilities. Class weights inflate the probabilities of
            rare labels; calibration undoes that.
        cv: number of inner folds when ``threshold="cv"`` or ``calibration`` is set.
        random_state: seed of the inner folds.
        max_iter: iterations of the lbfgs solver.
    """

    def __init__(
        self,
        *,
        tokenization: str = "plain",
        ngram_range: tuple[int, int] = (1, 2),
        max_chars: int | None = None,
        long_texts: str = "first",
        min_df: int = 2,
        max_features: int | None = 5000,
        sublinear_tf: bool = True,
        C: float = 1.0,
        class_weight: str | None = "balanced",
        threshold: float | str = "cv",
        threshold_shrinkage: float = 0.5,
        calibration: str | None = None,
        cv: int = 4,
        random_state: int = 0,
        max_iter: int = 2000,
    ) -> None:
        self.tokenization = tokenization
        self.ngram_range = ngram_range
        self.max_chars = max_chars
        self.long_texts = long_texts
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.threshold_shrinkage = threshold_shrinkage
        self.calibration = calibration
        self.cv = cv
        self.random_state = random_state
        self.max_iter = max_iter

    @classmethod
    def from_linear(cls, linear: LinearModel) -> TextClassifier:
        """The fitted estimator with a loaded model's parameters and attributes."""
        params = {**linear.params, "ngram_range": tuple(linear.params["ngram_range"])}
        import numpy as np

        est = cls(**params)
        n_out, f64 = len(linear.coef_), np.float64
        est.vocabulary_ = linear.vocabulary_
        est.idf_ = np.asarray(linear.idf_, dtype=f64)
        est.coef_ = np.asarray(linear.coef_, dtype=f64).reshape(n_out, len(linear.idf_))
        est.intercept_ = np.asarray(linear.intercept_, dtype=f64)
        est.thresholds_ = np.asarray(linear.thresholds_, dtype=f64)
        if linear.calibration_ is not None:
            est.calibration_ = np.asarray(linear.calibration_, dtype=f64).reshape(n_out, 2)
        labels = linear.classes_
        est.classes_ = np.asarray(labels, dtype=object if linear.multilabel_ else None)
        est.multilabel_ = linear.multilabel_
        est.n_features_in_ = 1
        return est

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.classifier_tags.multi_label = True
        tags.target_tags.required = True
        return tags

    # -- validation -------------------------------------------------------------------

    def _check_params(self) -> None:
        check_params(self.get_params())

    def _ngrams(self) -> tuple[int, int]:
        lo, hi = self.ngram_range
        return (int(lo), int(hi))

    @staticmethod
    def _check_texts(X: Any) -> list[str]:
        if isinstance(X, str | bytes):
            raise ValueError(
                "Expected an iterable of texts, got a single string; wrap it in a list."
            )
        texts = list(X.ravel()) if hasattr(X, "ravel") else list(X)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise ValueError(f"Text {i} is {type(t).__name__}, not str.")
        return texts

    def _encode_y(self, y: Any) -> tuple[Any, Any, bool]:
        """0/1 label matrix, label names, multi-label flag."""
        import numpy as np

        if hasattr(y, "to_numpy"):
            y = y.to_numpy()
        if len(y) and isinstance(y[0], list | tuple | set | frozenset):
            names = sorted({str(n) for row in y for n in row})
            index = {n: j for j, n in enumerate(names)}
            Y = np.zeros((len(y), len(names)), dtype=int)
            for i, row in enumerate(y):
                for n in row:
                    Y[i, index[str(n)]] = 1
            return Y, np.asarray(names, dtype=object), True
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.ravel()
        if y.ndim == 2:
            if not np.isin(y, (0, 1)).all():
                raise ValueError("A 2-D target must be a 0/1 indicator matrix (multi-label).")
            return y.astype(int), np.arange(y.shape[1]), True
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(
                f"Need exactly 2 classes for a 1-D target, got {len(classes)}: "
                f"{list(classes)[:5]}. For several labels per text pass a 0/1 matrix or "
                "a list of label lists."
            )
        return (y == classes[1]).astype(int).reshape(-1, 1), classes, False

    # -- fitting ----------------------------------------------------------------------

    def _fit_core(
        self, texts: list[str], Y: Any, sample_weight: Any = None, keep_terms: Any = None
    ) -> dict[str, Any]:
        """Vocabulary, idf, float32-rounded coefficients for ``texts`` / 0/1 ``Y``."""
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        counter = CountVectorizer(
            analyzer=Analyzer(self.tokenization, self._ngrams(), self.max_chars),
            min_df=min(self.min_df, len(texts)),
            max_features=self.max_features if keep_terms is None else None,
            dtype=np.int64,
        )
        counts = counter.fit_transform(texts)
        terms = counter.get_feature_names_out()
        if keep_terms is not None:
            # Only the allowed n-grams, then the most frequent of them (ties by n-gram).
            cols = np.array([j for j, t in enumerate(terms) if t in keep_terms], dtype=int)
            if self.max_features is not None and len(cols) > self.max_features:
                totals = np.asarray(counts[:, cols].sum(0)).ravel()
                top = sorted(range(len(cols)), key=lambda k: (-totals[k], terms[cols[k]]))
                cols = np.sort(cols[top[: self.max_features]])
            counts, terms = counts[:, cols], terms[cols]
        vocabulary = {str(t): j for j, t in enumerate(terms)}
        df = np.asarray((counts > 0).sum(0)).ravel()
        idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
        idf = idf.astype(np.float32).astype(np.float64)
        X = tfidf_from_counts(counts, idf, sublinear_tf=self.sublinear_tf)
        coef = np.zeros((Y.shape[1], len(vocabulary)))
        intercept = np.zeros(Y.shape[1])
        for j in range(Y.shape[1]):
            if Y[:, j].min() == Y[:, j].max():
                # A label that is always (or never) present: constant log-odds, no weights.
                p = float(np.clip(Y[:, j].mean(), 1e-3, 1 - 1e-3))
                intercept[j] = np.log(p / (1 - p))
                continue
            lr = LogisticRegression(
                C=self.C, class_weight=self.class_weight, max_iter=self.max_iter
            )
            lr.fit(X, Y[:, j], sample_weight=sample_weight)
            coef[j], intercept[j] = lr.coef_[0], lr.intercept_[0]
        f32 = np.float32
        return {
            "vocabulary": vocabulary,
            "idf": idf,
            "coef": coef.astype(f32).astype(np.float64),
            "intercept": intercept.astype(f32).astype(np.float64),
        }

    def _proba_core(self, core: dict[str, Any], texts: list[str]) -> Any:
        import numpy as np

        X = tfidf_matrix(
            texts,
            core["vocabulary"],
            core["idf"],
            tokenization=self.tokenization,
            ngram_range=self._ngrams(),
            sublinear_tf=self.sublinear_tf,
            max_chars=self.max_chars,
        )
        z = np.asarray(X @ core["coef"].T) + core["intercept"]
        return 1.0 / (1.0 + np.exp(-z))

    def _inner_oof(
        self, texts: list[str], Y: Any, sample_weight: Any = None, keep_terms: Any = None
    ) -> Any:
        """Out-of-fold probabilities of ``cv`` inner folds (stratified; iterative for
        several labels), each fold predicted by a model fitted on the others."""
        import numpy as np
        from sklearn.model_selection import StratifiedKFold

        if Y.shape[1] == 1:
            skf = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
            fold = np.zeros(len(texts), dtype=int)
            for f, (_, te) in enumerate(skf.split(np.zeros(len(texts)), Y[:, 0])):
                fold[te] = f
        else:
            fold = iterative_stratified_folds(Y, self.cv, self.random_state)
        oof = np.zeros(Y.shape)
        for f in range(self.cv):
            tr, te = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
            sw = None if sample_weight is None else sample_weight[tr]
            core = self._fit_core([texts[i] for i in tr], Y[tr], sw, keep_terms)
            oof[te] = self._proba_core(core, [texts[i] for i in te])
        return oof

    def _thresholds_from(self, Y: Any, oof: Any) -> Any:
        import numpy as np

        best = np.array([_best_f1_threshold(Y[:, j], oof[:, j]) for j in range(Y.shape[1])])
        return self.threshold_shrinkage * 0.5 + (1 - self.threshold_shrinkage) * best

    def fit(
        self, X: Any, y: Any, sample_weight: Any = None, keep_terms: Any = None
    ) -> TextClassifier:
        """Learn vocabulary, idf, weights and thresholds from texts ``X`` and labels ``y``.

        ``y`` is a 1-D array with two classes (binary), a 0/1 matrix, or a list of label
        lists (multi-label; ``classes_`` are then the sorted label names). ``sample_weight``
        (one number per text) multiplies the class weights in each logistic regression.
        ``keep_terms`` (a set of n-grams) restricts the vocabulary to those n-grams before
        ``max_features`` is applied, e.g. to n-grams common in several training corpora; a
        fitted model does not need it again (the vocabulary is in ``vocabulary_``).
        """
        import numpy as np

        self._check_params()
        texts = self._check_texts(X)
        if len(texts) != len(y):
            raise ValueError(f"X has {len(texts)} texts but y has {len(y)} labels.")
        if len(texts) < 2:
            raise ValueError(f"Need at least 2 texts to fit, got {len(texts)}.")
        Y, self.classes_, self.multilabel_ = self._encode_y(y)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=np.float64)
            if sample_weight.shape != (len(texts),) or (sample_weight < 0).any():
                raise ValueError(
                    f"sample_weight must be {len(texts)} non-negative numbers, one per text."
                )
        core = self._fit_core(texts, Y, sample_weight, keep_terms)
        self.vocabulary_ = core["vocabulary"]
        self.idf_ = core["idf"]
        self.coef_ = core["coef"]
        self.intercept_ = core["intercept"]
        enough = Y.sum(0).min() >= self.cv and (len(Y) - Y.sum(0)).min() >= self.cv
        oof = None
        if enough and (self.threshold == "cv" or self.calibration is not None):
            oof = self._inner_oof(texts, Y, sample_weight, keep_terms)
        if self.calibration is not None:
            # Identity (a = 1, b = 0) where a label has too few texts to fit on.
            ab = np.tile([1.0, 0.0], (Y.shape[1], 1))
            if oof is not None:
                z = np.log(np.clip(oof, 1e-12, 1 - 1e-12) / np.clip(1 - oof, 1e-12, 1))
                ab = np.array([platt(z[:, j], Y[:, j]) for j in range(Y.shape[1])])
            # float32, as the file keeps it; the thresholds are chosen on what it predicts.
            ab = ab.astype(np.float32).astype(np.float64)
            if oof is not None:
                oof = _sigmoid(ab[:, 0] * z + ab[:, 1])
            self.calibration_ = ab
        if self.threshold == "cv":
            self.thresholds_ = (
                self._thresholds_from(Y, oof) if oof is not None else np.full(Y.shape[1], 0.5)
            )
        else:
            self.thresholds_ = np.full(Y.shape[1], float(self.threshold))
        self.n_features_in_ = 1
        return self

    # -- prediction -------------------------------------------------------------------

    def _label_proba(self, X: Any) -> Any:
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, "coef_")
        texts = self._check_texts(X)
        core = {
            "vocabulary": self.vocabulary_,
            "idf": self.idf_,
            "coef": self.coef_,
            "intercept": self.intercept_,
        }
        if self.long_texts == "first" or not self.max_chars:
            p = self._proba_core(core, texts)
        else:
            p = self._windowed_proba(core, texts, self.max_chars)
        return self._calibrate(p)

    def _calibrate(self, p: Any) -> Any:
        """Raw probabilities -> calibrated ones (unchanged without ``calibration``)."""
        import numpy as np

        if self.calibration is None:
            return p
        z = np.log(np.clip(p, 1e-12, 1 - 1e-12) / np.clip(1 - p, 1e-12, 1))
        return _sigmoid(self.calibration_[:, 0] * z + self.calibration_[:, 1])

    def _windowed_proba(self, core: dict[str, Any], texts: list[str], size: int) -> Any:
        """Per text, the mean log-odds of its windows, back on the probability scale."""
        import numpy as np

        pieces: list[str] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            cut = windows(text, size)
            pieces += cut
            owner += [i] * len(cut)
        p = np.clip(self._proba_core(core, pieces), 1e-12, 1 - 1e-12)
        sums = np.zeros((len(texts), p.shape[1]))
        np.add.at(sums, np.asarray(owner, dtype=int), np.log(p / (1 - p)))
        counts = np.bincount(np.asarray(owner, dtype=int), minlength=len(texts))
        return 1.0 / (1.0 + np.exp(-sums / np.maximum(counts, 1)[:, None]))

    def predict_proba(self, X: Any) -> Any:
        """Binary: ``(n, 2)`` probabilities of ``classes_``. Multi-label: ``(n, n_labels)``."""
        import numpy as np

        p = self._label_proba(X)
        if self.multilabel_:
            return p
        return np.column_stack([1.0 - p[:, 0], p[:, 0]])

    def decision_function(self, X: Any) -> Any:
        """Log-odds: ``(n,)`` for a binary target, ``(n, n_labels)`` for multi-label."""
        import numpy as np

        p = np.clip(self._label_proba(X), 1e-15, 1 - 1e-15)
        z = np.log(p / (1 - p))
        return z if self.multilabel_ else z[:, 0]

    def predict(self, X: Any) -> Any:
        """Binary: a class per text. Multi-label: a 0/1 matrix, one column per label."""
        import numpy as np

        p = self._label_proba(X)
        hit = p >= self.thresholds_
        if self.multilabel_:
            return hit.astype(int)
        return np.asarray(self.classes_)[hit[:, 0].astype(int)]

    def label_sets(self, X: Any) -> list[tuple[str, ...]]:
        """Multi-label predictions as tuples of label names (in ``classes_`` order)."""
        names = [str(c) for c in self.classes_]
        return [tuple(n for n, h in zip(names, row, strict=True) if h) for row in self.predict(X)]


def _sigmoid(z: Any) -> Any:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))


def texts_of(items: Sequence[Any]) -> list[str]:
    """``Article``-like objects or strings -> texts."""
    return [getattr(it, "text", it) for it in items]
