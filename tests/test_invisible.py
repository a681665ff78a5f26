"""Zero-width characters and soft hyphens inside words must not defeat matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import framing
from framing.corpus.read import read_corpus
from framing.text import INVISIBLE, split_sentences, tokenize

CLEAN = (
    "Officials warned the app was a national security threat. "
    "They said spies could harvest personal data, and a ban was possible."
)


def _poisoned(char: str) -> str:
    return (
        CLEAN.replace("national", f"na{char}tional")
        .replace("security", f"secu{char}rity")
        .replace("spies", f"sp{char}ies")
        .replace("harvest", f"har{char}vest")
        .replace("ban", f"b{char}an")
    )


@pytest.mark.parametrize("char", list(INVISIBLE), ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_do_not_split_words(char: str) -> None:
    text = _poisoned(char)
    assert char in text
    clean, poisoned = framing.score(CLEAN), framing.score(text)
    axis = "threat_exchange"
    assert poisoned.axes[axis].negative_hits == clean.axes[axis].negative_hits >= 4
    assert poisoned.axes[axis].lexicon == clean.axes[axis].lexicon
    # The evidence points at the sentence as scored: the text without the invisible ones.
    assert poisoned.sentences == clean.sentences == tuple(split_sentences(CLEAN))
    for hit in poisoned.axes[axis].evidence:
        assert hit.matched in poisoned.sentences[hit.sentence]


def test_tokens_and_sentences_of_a_poisoned_text() -> None:
    (sentence, *_rest) = split_sentences("na\u200btional secu\u00adrity\ufeff threat")
    assert [t.norm for t in tokenize(sentence)] == ["national", "security", "threat"]


def test_the_reader_drops_them_from_the_article_text(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": _poisoned("\u200b")}) + "\n")
    (article,) = read_corpus([tmp_path / "a.jsonl"])
    assert not any(ch in article.text for ch in INVISIBLE)
    assert article.text == CLEAN
