"""``tokenize`` and ``words`` lower-case the whole sentence once when that keeps every
character in place; they must give exactly what per-token lower-casing gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.axes import match
from framing.axes.lexicon import Lexicon
from framing.axes.match import Matcher
from framing.text import _WORD, tokenize, words


def _reference(sentence: str) -> list[tuple[str, int, int]]:
    return [
        (m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(sentence)
    ]


TRICKY = [
    "U.S. officials DON’T agree.",
    "İstanbul’s MAYOR said no",
    "ΟΔΟΣ.Α and ΟΔΟΣ Α, ΣΟΦΟΣ’Α",
    "Straße STRASSE ǅemal ǄEMAL",
    "snake_case and e-mail, rock’n’roll",
    "Ⅻ ⓐⒶ K Å",
    "",
]

pieces = st.sampled_from(["U.S.", "İ", "Σ", "ΟΔΟΣ", "’", "'", "-", "_", " ", ".", "A", "b", "K"])


@given(st.one_of(st.text(max_size=60), st.lists(pieces, max_size=20).map("".join)))
@settings(max_examples=400, deadline=None)
def test_tokenize_equals_per_token_lowering(sentence: str) -> None:
    assert [tuple(t) for t in tokenize(sentence)] == _reference(sentence)
    assert words(sentence) == [t[0] for t in _reference(sentence)]


def test_tricky_sentences() -> None:
    for sentence in TRICKY:
        assert [tuple(t) for t in tokenize(sentence)] == _reference(sentence)
        assert words(sentence) == [t[0] for t in _reference(sentence)]


def test_matcher_memo_is_bounded_and_transparent(
    toy_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(match, "_SEEN_LIMIT", 4)
    sentence = "A spy threat to national security, a ban, then friends and cultural exchange."
    fresh = Matcher(toy_lexicon).match_sentence(sentence, tokenize(sentence), 0)
    assert len(fresh) == 6
    matcher = Matcher(toy_lexicon)
    for _ in range(3):
        assert matcher.match_sentence(sentence, tokenize(sentence), 0) == fresh
        assert len(matcher._seen) <= 4
