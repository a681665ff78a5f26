"""Sentences and word tokens, offline.

Sentences: paragraphs and lines are hard breaks; inside a line, NLTK's Punkt splitter with a
shipped abbreviation list (``framing/data/abbreviations.txt``) so that "U.S." and "Jan." do
not end a sentence and no Punkt model has to be downloaded. Punkt runs from a port of its
boundary code (``framing.vendor.punkt``, same spans as NLTK 3.10.4), because importing the
``nltk`` package loads scipy and scikit-learn and costs seconds at every start.

Invisible characters (zero-width space, joiners, word joiner, BOM, soft hyphen) are removed
before splitting, so that they cannot cut a word in two.

Tokens: word tokens only (letters/digits with inner apostrophes or hyphens, and dotted
initialisms like ``u.s.``), lower-cased, with curly apostrophes read as ``'``. Punctuation is
not a token, so rates per 1,000 tokens count words.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat
from typing import NamedTuple

from framing.data import abbreviations
from framing.vendor.punkt import PunktSplitter

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*")
_LINE_BREAK = re.compile(r"\s*\n\s*")
#: Invisible characters that split a word without a visible trace: zero-width space,
#: non-joiner and joiner, word joiner, BOM / zero-width no-break space, soft hyphen.
#: "na\u200btional secu\u00adrity" must match "national security".
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)


def strip_invisible(text: str) -> str:
    """``text`` without the zero-width characters and soft hyphens of ``INVISIBLE``."""
    if any(ch in text for ch in INVISIBLE):
        return text.translate(_DROP_INVISIBLE)
    return text


class Token(NamedTuple):
    """A word token: lower-cased ``norm`` and its character span in the sentence.

    A named tuple rather than a dataclass: tokens are made by the million, and a tuple is
    built several times faster than a frozen dataclass instance.
    """

    norm: str
    start: int
    end: int


@cache
def _punkt() -> PunktSplitter:
    return PunktSplitter(abbreviations())


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; every line break ends a sentence. Zero-width characters
    and soft hyphens are dropped first (``strip_invisible``): the sentences, and so the
    evidence, are the text without them."""
    punkt = _punkt()
    sentences: list[str] = []
    for line in _LINE_BREAK.split(strip_invisible(text).strip()):
        if line:
            sentences.extend(s.strip() for s in punkt.tokenize(line) if s.strip())
    return sentences


def _lowered(text: str) -> str | None:
    """``text`` lower-cased with curly apostrophes as ``'``, when that keeps every character
    in place (and so every token's span and word-ness); None otherwise.

    Lower-casing maps characters one to one except for a few that expand (``İ``), which
    change the length, and a final capital sigma, whose lower case depends on what follows
    it, which a token does not see.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        return None
    return lowered.replace("’", "'")


_MATCH = re.Match
_NEW_TUPLE = tuple.__new__


def tokenize(sentence: str) -> list[Token]:
    """Word tokens of one sentence, lower-cased, with spans."""
    lowered = _lowered(sentence)
    if lowered is not None:
        # Built by ``map`` over the matches, in C: the same tokens as
        # ``Token(m.group(), m.start(), m.end())`` per match, about twice as fast.
        found = list(_WORD.finditer(lowered))
        parts = zip(
            map(_MATCH.group, found), map(_MATCH.start, found), map(_MATCH.end, found), strict=True
        )
        return list(map(_NEW_TUPLE, repeat(Token, len(found)), parts))
    return [
        Token(m.group().lower().replace("’", "'"), m.start(), m.end())
        for m in _WORD.finditer(sentence)
    ]


def words(text: str) -> list[str]:
    """Lower-cased word tokens of any text (no spans)."""
    lowered = _lowered(text)
    if lowered is not None:
        return _WORD.findall(lowered)
    return [m.group().lower().replace("’", "'") for m in _WORD.finditer(text)]
