"""Scoring-time models without scikit-learn: the same probabilities as the estimator.

``LinearModel`` (framing.models.linear) predicts from what the model file holds in pure
Python (no numpy or scipy); ``TextClassifier`` (scikit-learn) is what training fits and what
the models predicted with before. On the shipped models, over real texts, the two agree to 1e-12, and
scoring a corpus never imports scikit-learn.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from conftest import ROOT, SHARED_DATASETS, needs_datasets
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus.read import read_corpus
from framing.models.linear import Readings
from framing.models.modelfile import LoadedModel
from framing.models.predict import SHIPPED, shipped_model
from framing.scoring.scorer import article_text

#: The shipped text models: the loaded ones and threat_exchange.json (shipped, not loaded).
TEXT_MODELS = (*(n for n in SHIPPED if not n.endswith("_evidence")), "threat_exchange")
ALLSIDES = SHARED_DATASETS / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz"


def seed_texts() -> list[str]:
    texts = [article_text(a) for a in read_corpus([ROOT / "seeds"])]
    # Short and odd texts too: a headline, an empty text, no English words, curly quotes.
    return [*texts, "Officials warned the app was a national security threat.", "", "北京 欢迎",
            "“So-called” experts — they said — ‘agreed’."]  # fmt: skip


def _text_model(name: str) -> LoadedModel:
    model = shipped_model(name)
    assert isinstance(model, LoadedModel)
    return model


def assert_same_as_estimator(texts: list[str]) -> None:
    for name in TEXT_MODELS:
        model = shipped_model(name)
        assert isinstance(model, LoadedModel)
        ours = model.linear.predict_proba(texts)
        theirs = model.estimator.predict_proba(texts)
        assert ours.shape == theirs.shape
        assert np.max(np.abs(ours - theirs)) <= 1e-12, name


def test_linear_model_equals_the_estimator_on_the_seeds() -> None:
    assert_same_as_estimator(seed_texts())


@pytest.mark.shared
@needs_datasets
def test_linear_model_equals_the_estimator_on_300_wire_articles() -> None:
    if not ALLSIDES.exists():
        pytest.skip(f"{ALLSIDES} not found")
    texts = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            texts.append(f"{record.get('title') or ''}\n{record.get('content_original') or ''}")
            if len(texts) == 300:
                break
    assert_same_as_estimator(texts)


def test_models_that_read_alike_share_one_count_per_text() -> None:
    texts = seed_texts()
    readings = Readings(texts)
    frames, threat = _text_model("frames").linear, _text_model("threat_exchange").linear
    assert frames.reading == threat.reading  # plain unigrams over the whole text
    np.testing.assert_array_equal(frames.predict_proba(readings), frames.predict_proba(texts))
    np.testing.assert_array_equal(threat.predict_proba(readings), threat.predict_proba(texts))
    assert len(readings._counts) == 1
    _text_model("state_wire").linear.predict_proba(readings)
    assert len(readings._counts) == 2


NO_SKLEARN = textwrap.dedent(
    """
    import importlib.abc, sys, traceback

    framing_tried = []

    class Block(importlib.abc.MetaPathFinder):
        # nltk's __init__ tries scikit-learn (in a try/except): let it fail, and note any
        # attempt that came from framing's own code.
        def find_spec(self, name, path, target=None):
            if name == "sklearn" or name.startswith("sklearn."):
                stack = traceback.extract_stack()[:-1]
                importer = next(f for f in reversed(stack) if not f.filename.startswith("<"))
                if "/framing/" in importer.filename:
                    framing_tried.append((name, importer.filename, importer.lineno))
                raise ImportError(name)
            return None

    sys.meta_path.insert(0, Block())
    from framing.run.local import score_corpus
    rows = [s.to_dict() for s in score_corpus([sys.argv[1]])]
    assert len(rows) == 5 and all(r["state_wire_model"] is not None for r in rows), rows
    assert not framing_tried, framing_tried
    assert not [m for m in sys.modules if m.startswith("sklearn")]
    print("ok")
    """
)


def test_scoring_imports_no_scikit_learn() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_SKLEARN, str(ROOT / "seeds")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Reuters", "REUTERS", "reuters.com", "xReuters", "AP", "the ap ", "Ap-style", "CNN's",
             "RT news", "_reuters_", "www.x.org", "a@b.cn", "http", "K", "\u212a", "é", " ", ".",
             "—", "“", "Xinhua News Agency", "BEIJING (Xinhua) -- ", "\n"]
        )
        | st.text(max_size=8),
        max_size=12,
    )
)  # fmt: skip
def test_fast_masks_are_the_regular_expressions(parts) -> None:
    from framing.models import features

    text = "".join(parts)
    assert features._mask_outlets(text) == features._OUTLET_RE.sub(" _outlet_ ", text)
    quoted = text
    for src, dst in features._QUOTE_PAIRS:
        quoted = quoted.replace(src, dst)
    assert features._ascii_quotes(text) == quoted
    if not ("@" in text or "http" in text or "www." in text):
        assert features._URL_RE.sub(" _url_ ", text) == text
