"""benchmarks/validation/tone_vs_outlet.py: the coders' codes as a score against outlet labels.

Reads only the committed codes and samples (no shared data, no texts)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "validation" / "tone_vs_outlet.py"


@pytest.fixture(scope="module")
def tvo():
    spec = importlib.util.spec_from_file_location("tone_vs_outlet", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_coded_article_has_its_outlet(tvo) -> None:
    for codes, samples in tvo.SETS.values():
        rows = tvo.load(codes, samples)
        assert len(rows) >= 80
        assert all(r["outlet"] for r in rows)
        assert all(-2 <= r["code"] <= 2 for r in rows)


def test_coders_auc_is_sklearns(tvo) -> None:
    from sklearn.metrics import roc_auc_score

    rows = tvo.load(*tvo.SETS["coded set"])
    for _, state, wire in tvo.PAIRS:
        s, w = tvo.pair_index(rows, state, wire)
        assert s and w and not set(s) & set(w)
        assert all(rows[i]["state"] for i in s) and not any(rows[i]["state"] for i in w)
        y = np.array([0] * len(s) + [1] * len(w))
        code = np.array([rows[i]["code"] for i in s + w])
        import state_wire_transfer as transfer

        auc, lo, hi = transfer.auc_ci(y, code, n_boot=tvo.N_BOOT)
        assert auc == pytest.approx(roc_auc_score(y, code), abs=5e-4)
        assert lo <= auc <= hi


def test_script_prints_both_tables_without_a_dump() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "coders' mean code as a score" in done.stdout
    assert "| Tehran Times (tehrantimes-iran-state) | coded set | 58 |" in done.stdout
    assert "**3." not in done.stdout  # the components table needs --load
