from __future__ import annotations

from pathlib import Path

import pytest

from framing.lexicon import Lexicon, load_lexicon

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SHARED_DATASETS = ROOT.parent / "shared" / "datasets"

needs_datasets = pytest.mark.skipif(
    not SHARED_DATASETS.is_dir(),
    reason=f"labeled data sets not found at {SHARED_DATASETS} (../shared/datasets beside the repo)",
)


@pytest.fixture(scope="session")
def toy_lexicon() -> Lexicon:
    return load_lexicon(TESTS / "data" / "toy_axis.yaml")


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"
