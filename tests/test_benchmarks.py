"""The speed and agreement benchmark scripts run (tiny sizes, shared data sets).

Speed is never asserted here: only that the scripts work and report what they claim to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT.parent / "shared" / "datasets"
needs_datasets = pytest.mark.skipif(
    not DATASETS.is_dir(), reason=f"{DATASETS} is absent (shared labeled data sets)"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=900
    )


@pytest.mark.slow
@pytest.mark.shared
@needs_datasets
def test_speed_quick_run_reports_every_pipeline() -> None:
    before = (
        (ROOT / "benchmarks" / "RESULTS.md").read_bytes()
        if (ROOT / "benchmarks" / "RESULTS.md").exists()
        else None
    )
    done = _run(
        "benchmarks/speed.py", "--quick", "--sizes", "4,8", "--pipelines", "vader,naive,fast"
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "### At 8 articles" in out
    for label in ("(b) vaderSentiment alone", "(c) naive", "FastVader alone"):
        assert label in out
    assert "FastVader vs vaderSentiment, same sentences, cache on" in out
    assert "| 4 articles: CPU s / peak RSS MB | 8 articles: CPU s / peak RSS MB |" in out
    after = (
        (ROOT / "benchmarks" / "RESULTS.md").read_bytes()
        if (ROOT / "benchmarks" / "RESULTS.md").exists()
        else None
    )
    assert after == before  # --quick never rewrites the recorded results


@pytest.mark.slow
@pytest.mark.shared
@needs_datasets
def test_vader_agreement_on_a_sample() -> None:
    done = _run("benchmarks/vader_agreement.py", "--limit", "3", "--no-write")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 mismatches" in done.stdout.splitlines()[-1]
