"""Shared fixtures: paths, the toy lexicon, and small builders for synthetic inputs.

Bad files (binary, undecodable, oversized) are made inside the tests; none is committed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from framing.axes.lexicon import Lexicon, load_lexicon
from framing.records import Skipped

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


def _article_text(i: int = 0, *, title: str | None = None) -> str:
    """A short synthetic news article (not taken from any real outlet)."""
    head = title if title is not None else f"Council approves budget for park number {i}"
    return (
        f"{head}\n\n"
        f"The city council voted on Tuesday to fund park number {i}, officials said.\n\n"
        "Residents told reporters the plan was overdue. The mayor did not immediately respond "
        "to a request for comment.\n"
    )


@pytest.fixture
def article() -> Callable[..., str]:
    """``article(i, title=None)``: a short synthetic news article (headline, two paragraphs)."""
    return _article_text


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write("a/b.txt", content, encoding="utf-8")`` -> the path, parents created."""

    def _write(rel: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def skipped() -> list[Skipped]:
    """Collects what the reader skips: pass ``on_skip=skipped.append``."""
    return []
