"""The rule that sets an axis's lexicon weight on the coded set (issue 12): a model component
gets weight only when it beats the lexicon alone on both held-out halves."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

EVALUATE = Path(__file__).parent.parent / "benchmarks" / "validation" / "evaluate.py"


def choose_weight() -> Any:
    spec = importlib.util.spec_from_file_location("validation_evaluate", EVALUATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.choose_weight


def test_a_model_at_chance_gets_no_weight() -> None:
    rng = np.random.default_rng(0)
    code = rng.choice([-2, -1, 0, 1, 2], size=200).astype(float)
    lex = np.clip(code / 2 + rng.normal(0, 0.3, 200), -1, 1)
    mod = rng.uniform(-1, -0.2, 200)  # always "threat", like the shipped model on the coded set
    weight, halves = choose_weight()(lex, mod, code)
    assert weight == 1.0
    assert [h["half"] for h in halves] == ["odd", "even"]


def test_a_model_that_fixes_the_lexicon_on_both_halves_gets_weight() -> None:
    rng = np.random.default_rng(1)
    code = rng.choice([-2, -1, 1, 2], size=200).astype(float)
    lex = np.where(rng.random(200) < 0.3, -np.sign(code) * 0.1, code / 4)  # 30% small, wrong sign
    mod = code / 2 + rng.normal(0, 0.1, 200)
    weight, halves = choose_weight()(lex, mod, code)
    assert weight < 1.0
    assert all(sum(h["held_out"]) > sum(h["lexicon_alone"]) for h in halves)
