"""Sentences and word tokens, offline.

Sentences: paragraphs and lines are hard breaks; inside a line, NLTK's Punkt splitter with a
shipped abbreviation list (``framing/data/abbreviations.txt``) so that "U.S." and "Jan." do
not end a sentence and no Punkt model has to be downloaded.

Tokens: word tokens only (letters/digits with inner apostrophes or hyphens, and dotted
initialisms like ``u.s.``), lower-cased, with curly apostrophes read as ``'``. Punctuation is
not a token, so rates per 1,000 tokens count words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from framing.resources import abbreviations

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*")
_LINE_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class Token:
    """A word token: lower-cased ``norm`` and its character span in the sentence."""

    norm: str
    start: int
    end: int


@cache
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; every line break ends a sentence."""
    punkt = _punkt()
    sentences: list[str] = []
    for line in _LINE_BREAK.split(text.strip()):
        if line:
            sentences.extend(s.strip() for s in punkt.tokenize(line) if s.strip())
    return sentences


def tokenize(sentence: str) -> list[Token]:
    """Word tokens of one sentence, lower-cased, with spans."""
    return [
        Token(m.group().lower().replace("’", "'"), m.start(), m.end())
        for m in _WORD.finditer(sentence)
    ]


def words(text: str) -> list[str]:
    """Lower-cased word tokens of any text (no spans)."""
    return [m.group().lower().replace("’", "'") for m in _WORD.finditer(text)]
