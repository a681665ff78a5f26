"""A UTF-8 file cut short inside its last character is UTF-8, with a warning, not cp1252."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.corpus.decode import TORN_UTF8, decode_with_warning
from framing.corpus.read import read_corpus

TEXT = "WASHINGTON (AP) — Officials at the café said the app was a “national security threat”"


@pytest.mark.parametrize("cut", [1, 2])
def test_a_torn_final_character_is_utf8_with_a_warning(cut: int) -> None:
    data = TEXT.encode("utf-8")[:-cut]  # ” is three bytes: drop one or two of them
    text, warning = decode_with_warning(data)
    assert text == TEXT[:-1] + "\ufffd"
    assert "â€" not in text and "Ã©" not in text
    assert warning == TORN_UTF8


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),  # whole: no warning
        "Un café à Paris.".encode("cp1252"),  # cp1252 inside the text: still cp1252
        "Un café".encode("cp1252") + b" x",
    ],
)
def test_other_files_read_as_before_without_a_warning(data: bytes) -> None:
    text, warning = decode_with_warning(data)
    assert warning == "" and "\ufffd" not in text


def test_an_invalid_byte_before_the_end_is_not_a_torn_character() -> None:
    data = "The café said so. ".encode() * 5 + b"\xe9x said " + "—".encode()[:-1]
    _text, warning = decode_with_warning(data)
    assert warning == ""  # not UTF-8 apart from the end: the cp1252 rule decides


def test_the_warning_reaches_the_article_row(tmp_path: Path) -> None:
    (tmp_path / "torn.txt").write_bytes(TEXT.encode("utf-8")[:-1])
    (tmp_path / "whole.txt").write_bytes(TEXT.encode("utf-8"))
    articles = {a.id: a for a in read_corpus([tmp_path])}
    assert articles["torn"].meta["warning"] == TORN_UTF8
    assert articles["torn"].text.startswith("WASHINGTON (AP) — Officials at the café")
    assert "warning" not in articles["whole"].meta
