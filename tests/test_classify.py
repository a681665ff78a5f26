"""The estimator contract of TextClassifier, and the feature tokenizations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from toy_texts import LABELS, TEXTS, THREAT

from framing.models.classify import TextClassifier, iterative_stratified_folds
from framing.models.features import tokens, windows


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


def test_keep_terms_restricts_the_vocabulary_then_caps_it() -> None:
    full = TextClassifier(min_df=1, threshold=0.5).fit(TEXTS, LABELS)
    keep = set(list(full.vocabulary_)[::2])
    part = TextClassifier(min_df=1, threshold=0.5).fit(TEXTS, LABELS, keep_terms=keep)
    assert set(part.vocabulary_) == keep
    capped = TextClassifier(min_df=1, threshold=0.5, max_features=3).fit(
        TEXTS, LABELS, keep_terms=keep
    )
    assert len(capped.vocabulary_) == 3 and set(capped.vocabulary_) <= keep
    assert sorted(capped.vocabulary_.values()) == [0, 1, 2]
    # without keep_terms: the same model as before the option existed
    again = TextClassifier(min_df=1, threshold=0.5).fit(TEXTS, LABELS, keep_terms=None)
    assert again.vocabulary_ == full.vocabulary_
    assert np.array_equal(again.coef_, full.coef_)


# --- long texts: the first window or all of them -----------------------------------------


@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab .!\n"), min_size=0, max_size=400),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=5, max_value=120),
)
def test_windows_are_small_and_keep_every_character_once(paragraphs, size) -> None:
    text = "\n".join(paragraphs)
    pieces = windows(text, size)
    assert pieces and all(len(p) <= size for p in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())
    if all(len(word) <= size for word in text.split()):  # no word needs cutting
        assert [w for p in pieces for w in p.split()] == text.split()


def test_windows_cut_at_paragraph_and_sentence_ends() -> None:
    text = "First sentence here. Second one follows.\nA new paragraph starts."
    assert windows(text, 45) == [
        "First sentence here. Second one follows.",
        "A new paragraph starts.",
    ]
    assert windows("One. Two three four five.", 12) == ["One.", "Two three", "four five."]
    assert windows("short", 100) == ["short"]


def test_windows_read_what_lies_beyond_the_first_window() -> None:
    """Neutral filler first, the threat vocabulary after it: reading only the first window
    misses the signal, reading every window finds it."""
    params = dict(min_df=1, cv=2, max_chars=300)
    first = TextClassifier(**params).fit(TEXTS, LABELS)
    every = TextClassifier(**params, long_texts="windows").fit(TEXTS, LABELS)
    assert np.array_equal(first.coef_, every.coef_)  # fitting reads the first window alike
    filler = "The meeting took place on a weekday. " * 9
    text = filler + "\n" + " ".join(THREAT)
    threat = list(first.classes_).index("threat")
    p_first = first.predict_proba([text])[0, threat]
    p_every = every.predict_proba([text])[0, threat]
    assert p_every > p_first + 0.05
    # a text within one window reads the same either way
    short = ["Officials feared espionage.", ""]
    assert np.allclose(first.predict_proba(short), every.predict_proba(short))


def test_long_texts_must_be_a_known_mode() -> None:
    with pytest.raises(ValueError, match="long_texts='all' is not valid"):
        TextClassifier(long_texts="all").fit(TEXTS, LABELS)
