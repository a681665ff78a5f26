from __future__ import annotations

import pytest

from framing.text import split_sentences, tokenize, words


@pytest.mark.parametrize(
    "text",
    [
        "Many U.S. users joined. They liked it.",
        "The ban starts on Jan. 19 unless the court acts. Users waited.",
        "Mr. Smith told reporters on Jan. 16 that the U.S. government was wrong. He left.",
        "The app, based in Washington, D.C. has grown. Users stayed.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert len(split_sentences(text)) == 2


def test_line_breaks_end_sentences() -> None:
    assert split_sentences("WHAT HAPPENED?\nThe app climbed\n\nto the top") == [
        "WHAT HAPPENED?",
        "The app climbed",
        "to the top",
    ]


def test_tokens_keep_inner_apostrophes_hyphens_and_initialisms() -> None:
    assert words("Washington’s so-called U.S. users don't win-win, 160,000!") == [
        "washington's",
        "so-called",
        "u.s.",
        "users",
        "don't",
        "win-win",
        "160",
        "000",
    ]


def test_token_spans_point_into_the_sentence() -> None:
    sentence = "Officials said the SPY app was banned."
    for tok in tokenize(sentence):
        assert sentence[tok.start : tok.end].lower() == tok.norm


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("  \n\n ") == []
