"""The estimator contract of TextClassifier, and the feature tokenizations."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from toy_texts import LABELS, TEXTS

from framing.classify import TextClassifier, iterative_stratified_folds
from framing.features import tokens


@pytest.fixture
def fitted() -> TextClassifier:
    return TextClassifier(min_df=1, cv=2).fit(TEXTS, LABELS)


def test_init_only_stores_parameters() -> None:
    est = TextClassifier(tokenization="nonsense", C=-1)
    assert est.get_params()["tokenization"] == "nonsense"  # validated in fit, not __init__
    with pytest.raises(ValueError, match="Available"):
        est.fit(TEXTS, LABELS)


def test_init_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        TextClassifier("plain")  # type: ignore[misc]


def test_fit_returns_self_and_sets_trailing_underscore_attributes() -> None:
    est = TextClassifier(min_df=1, cv=2)
    assert est.fit(TEXTS, LABELS) is est
    for name in ("vocabulary_", "idf_", "coef_", "intercept_", "thresholds_", "classes_"):
        assert hasattr(est, name)
    assert list(est.classes_) == ["exchange", "threat"]


def test_unfitted_raises_not_fitted_error() -> None:
    with pytest.raises(NotFittedError):
        TextClassifier().predict_proba(["text"])


def test_clone_gives_an_unfitted_copy_with_the_same_params(fitted) -> None:
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "coef_")


def test_predicts_the_poles_of_held_out_texts(fitted) -> None:
    pred = fitted.predict(
        ["Officials feared espionage and a ban.", "Friends shared a cultural exchange."]
    )
    assert list(pred) == ["threat", "exchange"]
    proba = fitted.predict_proba(["Officials feared espionage."])
    assert proba.shape == (1, 2) and np.allclose(proba.sum(1), 1)


def test_works_in_pipeline_and_grid_search() -> None:
    pipe = Pipeline([("clf", TextClassifier(min_df=1, threshold=0.5))])
    search = GridSearchCV(pipe, {"clf__C": [0.5, 2.0]}, cv=2, scoring="accuracy")
    search.fit(TEXTS, LABELS)
    assert search.best_params_["clf__C"] in (0.5, 2.0)
    assert search.predict(["national security threat"])[0] == "threat"


def test_multilabel_from_label_lists() -> None:
    sets = [["Security"], ["Security", "Legal"], ["Culture"], ["Culture", "Legal"]] * 3
    texts = ["spy threat army", "spy court law", "festival music art", "art court law"] * 3
    est = TextClassifier(min_df=1, cv=2).fit(texts, sets)
    assert list(est.classes_) == ["Culture", "Legal", "Security"]
    proba = est.predict_proba(["spy army threat"])
    assert proba.shape == (1, 3)
    assert est.predict(["spy army threat"]).shape == (1, 3)
    assert "Security" in est.label_sets(["spy army threat"])[0]


def test_rejects_a_single_string_and_non_text() -> None:
    est = TextClassifier(min_df=1)
    with pytest.raises(ValueError, match="single string"):
        est.fit("just one text", ["a"])
    with pytest.raises(ValueError, match="not str"):
        est.fit([1, 2], ["a", "b"])


def test_rejects_a_one_class_binary_target() -> None:
    with pytest.raises(ValueError, match="exactly 2 classes"):
        TextClassifier(min_df=1).fit(["a b", "c d"], ["x", "x"])


def test_fit_is_deterministic() -> None:
    a = TextClassifier(min_df=1, cv=2).fit(TEXTS, LABELS)
    b = TextClassifier(min_df=1, cv=2).fit(TEXTS, LABELS)
    assert np.array_equal(a.coef_, b.coef_) and np.array_equal(a.thresholds_, b.thresholds_)


def test_iterative_folds_spread_a_rare_label() -> None:
    y = np.zeros((50, 2), dtype=int)
    y[:5, 0] = 1
    y[5:30, 1] = 1
    fold = iterative_stratified_folds(y, 5, 0)
    assert sorted(np.bincount(fold)) == [10] * 5
    assert all(y[fold == f, 0].sum() == 1 for f in range(5))


def test_masked_tokens_hide_names_numbers_outlets_and_datelines() -> None:
    toks = tokens(
        'BEIJING, March 3 (Xinhua) -- Li Wei said 42 "friends" came, per Reuters.', "masked"
    )
    assert "_dateline_" in toks and "_outlet_" in toks and "_num_" in toks
    assert "_ent_" in toks and '"' in toks and "said" in toks
    assert not {"li", "wei", "beijing", "xinhua", "reuters", "42"} & set(toks)


def test_style_tokens_keep_only_function_words() -> None:
    toks = tokens("The minister said the plan was unfounded.", "style")
    assert toks == ["the", "_w_", "said", "the", "_w_", "was", "_w_"]


def test_sample_weight_moves_probabilities_toward_the_heavier_class() -> None:
    text = ["A statement about the plan."]
    plain = TextClassifier(min_df=1, threshold=0.5, class_weight=None).fit(TEXTS, LABELS)
    weights = [5.0 if label == "threat" else 1.0 for label in LABELS]
    heavy = TextClassifier(min_df=1, threshold=0.5, class_weight=None).fit(
        TEXTS, LABELS, sample_weight=weights
    )
    col = list(plain.classes_).index("threat")
    assert heavy.predict_proba(text)[0, col] > plain.predict_proba(text)[0, col]
    with pytest.raises(ValueError, match="sample_weight"):
        TextClassifier(min_df=1).fit(TEXTS, LABELS, sample_weight=[1.0])
