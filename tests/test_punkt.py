"""The ported Punkt splitter gives NLTK's sentence spans, and splitting does not import nltk."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_DATASETS, TESTS, needs_datasets
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.data import abbreviations
from framing.text import _LINE_BREAK, strip_invisible
from framing.vendor.punkt import PunktSplitter

punkt = pytest.importorskip("nltk.tokenize.punkt", reason="nltk (the reference) not installed")


@pytest.fixture(scope="module")
def splitters() -> tuple[PunktSplitter, object]:
    params = punkt.PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSplitter(abbreviations()), punkt.PunktSentenceTokenizer(params)


def _units(text: str) -> list[str]:
    """The whole text, and each line as ``split_sentences`` hands it to Punkt."""
    lines = [line for line in _LINE_BREAK.split(strip_invisible(text).strip()) if line]
    return [text, *lines]


def _assert_same(splitters, text: str) -> None:
    ours, theirs = splitters
    for unit in _units(text):
        assert list(ours.span_tokenize(unit)) == list(theirs.span_tokenize(unit)), unit


TRICKY = [
    "Mr. Smith met Dr. Jones in Washington, D.C. on Jan. 5. They talked.",
    "The U.S. said so. The U.K. did not. Its G.D.P. grew 2.5 per cent.",
    "He scored 12. then left. It was No. 1 in the list. Next 3. Items.",
    "J. R. R. Tolkien wrote it. A. b. c. d. E. 3. f.",
    "Very bad acting!!! I promise. Really?! Yes... and no . . . maybe.",
    '(How does it deal with this parenthesis?)  "It should be part of the previous sentence." '
    "\"(And the same with this one.)\" ('And this one!') \"('(And (this)) '?)\" [(and this. )]",
    "“Curly quotes.” ‘Single ones.’ «Guillemets.» Done.",
    "Ex-Gov. Brown spoke -- and then St. Louis. e.g. this. i.e. that. etc. More.",
    "Price: $3.50. Time: 5 p.m. Monday. Rate: 4.5%. Up.",
    "A sentence.\nA line.\n\nA paragraph. x² . ½. Stop.",
    "Ends with an abbreviation Inc.",
    "Combining e\u0301. Marks. Control\x1cchar. Here.",
    "",
    "   ",
    ".",
    "!!!",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_split_as_nltk(splitters, text: str) -> None:
    _assert_same(splitters, text)


def test_seed_and_test_texts_split_as_nltk(splitters) -> None:
    paths = [
        *sorted((ROOT / "seeds").glob("*.txt")),
        *sorted(p for p in (TESTS / "data").glob("*") if p.is_file()),
    ]
    assert paths
    for path in paths:
        _assert_same(splitters, path.read_text(encoding="utf-8", errors="replace"))


_ALPHABET = st.sampled_from(
    [
        *"aAbBzZ .?!,;:-'\"()[]{}\n\t",
        "Mr",
        "U.S.",
        "Jan",
        "12",
        "3.5",
        "J",
        "...",
        "--",
        "“",
        "”",
        "’",
        "«",
        "»",
        "²",
        "é",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_random_texts_split_as_nltk(splitters, text: str) -> None:
    _assert_same(splitters, text)


@pytest.mark.shared
@needs_datasets
def test_shared_articles_split_as_nltk(splitters) -> None:
    """A sample of real articles (the full set: benchmarks/punkt_agreement.py)."""
    path = SHARED_DATASETS / "recovery-covid-rt-sputnik-presstv" / "articles.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} not found")
    sentences = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 150:
                break
            text = json.loads(line).get("text") or ""
            _assert_same(splitters, text)
            sentences += len(list(splitters[0].span_tokenize(text)))
    assert sentences > 2000


def test_splitting_sentences_does_not_import_nltk() -> None:
    code = (
        "import sys; from framing.text import split_sentences; "
        "print(split_sentences('Mr. Smith left. He said so.')); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'scipy', 'sklearn')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(ROOT), check=True
    )
    assert out.stdout.splitlines() == ["['Mr. Smith left.', 'He said so.']", "[]"], out.stderr
