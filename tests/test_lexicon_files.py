"""The shipped lexicon files: valid, big enough, no duplicates, about framing not the story.

The corpus-level checks at the end need ``../shared/datasets`` and skip without it; the full
evaluation (held-out designs, every corpus) is ``scripts/evaluate_lexicons.py``.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

from framing.axes.lexicon import Entry, Lexicon, check_lexicon, load_lexicon
from framing.axes.match import Matcher
from framing.scoring.scorer import lexicon_score
from framing.text import split_sentences, tokenize
from tests.conftest import ROOT, SHARED_DATASETS, needs_datasets

SHIPPED = sorted((ROOT / "lexicons").glob("*.yaml"))
POLES = {"threat_exchange": ("threat", "exchange"), "state_wire": ("state", "wire")}
# Words of the one news story the demo is about: the axes must measure framing in general.
STORY_WORDS = ("tiktok", "rednote", "xiaohongshu", "cat tax", "douyin", "bytedance", "refugee")


def _id(path: Path) -> str:
    return path.stem


@pytest.fixture(scope="module", params=SHIPPED, ids=_id)
def shipped(request: pytest.FixtureRequest) -> tuple[Path, Lexicon]:
    return request.param, load_lexicon(request.param)


def test_both_axes_are_shipped() -> None:
    assert {p.stem for p in SHIPPED} >= set(POLES)


def test_file_validates_without_problems(shipped: tuple[Path, Lexicon]) -> None:
    path, _ = shipped
    assert check_lexicon(path) == []


def test_id_poles_and_metadata(shipped: tuple[Path, Lexicon]) -> None:
    path, lex = shipped
    assert lex.id == path.stem
    assert (lex.negative.id, lex.positive.id) == POLES[lex.id]
    assert lex.version == {"state_wire": "1.0.0", "threat_exchange": "1.2.0"}[lex.id]
    assert lex.license == "CC-BY-4.0"
    sources = " ".join(lex.sources)
    assert "mine_lexicon_candidates.py" in sources and "curated" in sources


def test_at_least_150_entries_and_no_empty_pole(shipped: tuple[Path, Lexicon]) -> None:
    _, lex = shipped
    assert len(lex.entries) >= 150
    for pole in (lex.negative.id, lex.positive.id):
        assert len(lex.pole_entries(pole)) >= 50, pole


def _normalised(entry: Entry) -> str:
    if entry.regex is not None:
        return entry.text
    return " ".join(entry.words)


def test_no_duplicate_entries_after_normalising(shipped: tuple[Path, Lexicon]) -> None:
    _, lex = shipped
    seen = [_normalised(e) for e in lex.entries]
    dupes = {s for s in seen if seen.count(s) > 1}
    assert not dupes


def _can_match_same_token(a: str, b: str) -> bool:
    if a.endswith("*") and b.endswith("*"):
        return a[:-1].startswith(b[:-1]) or b[:-1].startswith(a[:-1])
    if a.endswith("*"):
        return b.startswith(a[:-1])
    if b.endswith("*"):
        return a.startswith(b[:-1])
    return a == b


def test_no_two_entries_of_equal_length_compete_for_the_same_tokens(
    shipped: tuple[Path, Lexicon],
) -> None:
    """Longest match decides overlaps; equal-length rivals (``spy*`` vs ``spyware``) would
    leave it to the tie-break, so the shipped files avoid them."""
    _, lex = shipped
    tokens = [e for e in lex.entries if e.regex is None]
    rivals = [
        (a.text, b.text)
        for a, b in itertools.combinations(tokens, 2)
        if len(a.words) == len(b.words)
        and all(_can_match_same_token(x, y) for x, y in zip(a.words, b.words, strict=True))
    ]
    assert not rivals


def test_no_words_of_the_demo_story(shipped: tuple[Path, Lexicon]) -> None:
    _, lex = shipped
    for entry in lex.entries:
        text = entry.text.lower()
        assert not any(word in text for word in STORY_WORDS), entry.text


def test_provenance_marker_only_on_entry_lines(shipped: tuple[Path, Lexicon]) -> None:
    """``# mined`` marks entries added after mining; the evaluation reads it by line."""
    path, lex = shipped
    lines = path.read_text(encoding="utf-8").splitlines()
    marked = {i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("# mined")}
    entry_lines = {e.line for e in lex.entries}
    assert marked and marked <= entry_lines


def _score(lex: Lexicon, text: str) -> float:
    matcher = Matcher(lex)
    weights = {lex.negative.id: 0.0, lex.positive.id: 0.0}
    for i, sentence in enumerate(split_sentences(text)):
        for hit in matcher.match_sentence(sentence, tokenize(sentence), i):
            if hit.counted_for:
                weights[hit.counted_for] += hit.weight
    return lexicon_score(weights[lex.negative.id], weights[lex.positive.id])


# Synthetic paragraphs written for these tests (no real article).
WIRE = (
    "BRUSSELS (Reuters) - The ministry said on Tuesday it would review the contract, "
    'according to a statement. "We are looking at all options," spokeswoman Anna Berg told '
    "reporters. The company did not immediately respond to a request for comment, and it was "
    "not immediately clear whether the deal could be delayed."
)
STATE = (
    "Experts observed that the so-called report is groundless and a smear campaign by certain "
    "politicians with a Cold War mentality. The win-win cooperation has fully demonstrated "
    "mutual benefit, and netizens firmly oppose interference in internal affairs."
)
THREAT = (
    "Lawmakers warned of a national security threat: the app could be used for espionage and "
    "data harvesting by a foreign adversary, and officials weighed a ban over surveillance."
)
EXCHANGE = (
    "Users welcomed newcomers with curiosity and friendship, learning each other's language "
    "and sharing recipes, a people-to-people cultural exchange that built bridges."
)


def test_state_wire_orders_synthetic_paragraphs() -> None:
    lex = load_lexicon(ROOT / "lexicons" / "state_wire.yaml")
    assert _score(lex, STATE) < 0 < _score(lex, WIRE)


def test_threat_exchange_orders_synthetic_paragraphs() -> None:
    lex = load_lexicon(ROOT / "lexicons" / "threat_exchange.yaml")
    assert _score(lex, THREAT) < 0 < _score(lex, EXCHANGE)


def test_negated_threat_does_not_count() -> None:
    lex = load_lexicon(ROOT / "lexicons" / "threat_exchange.yaml")
    assert _score(lex, "It is a threat.") < 0
    assert _score(lex, "It is not a threat.") == 0


# --- corpus checks (need ../shared/datasets) -------------------------------------------


@pytest.fixture(scope="module")
def corpora():
    sys.path.insert(0, str(ROOT / "scripts"))
    import lexicon_corpora

    return lexicon_corpora


def _auc(labels: list[int], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


@needs_datasets
@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    ("axis", "corpus", "floor"),
    [("state_wire", "rec_reuters", 0.8), ("threat_exchange", "sem", 0.8)],
)
def test_lexicon_separates_a_labeled_corpus(corpora, axis: str, corpus: str, floor: float) -> None:
    lex = load_lexicon(ROOT / "lexicons" / f"{axis}.yaml")
    docs = corpora.load(corpus, SHARED_DATASETS)
    scores = [_score(lex, d.text) for d in docs]
    assert _auc([d.label for d in docs], scores) > floor
