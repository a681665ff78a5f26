# Ported from NLTK 3.10.4, nltk/tokenize/punkt.py:
#   Natural Language Toolkit: Punkt sentence tokenizer
#   Copyright (C) 2001-2026 NLTK Project
#   Algorithm: Kiss & Strunk (2006)
#   Author: Willy (original Python port), Steven Bird (additions), Edward Loper (rewrite),
#           Joel Nothman (almost rewrite), Arthur Darcet (fixes), Tom Aarsen (ReDoS and
#           performance)
#   URL: <https://www.nltk.org/>
# Licensed under the Apache License, Version 2.0 (NLTK-LICENSE.txt in this folder).
#
# Changes from the original (as the licence asks, section 4b): only sentence-boundary
# detection with given parameters is kept (no training, pickles, debugging or file I/O);
# the parameters are a set of abbreviations, with no collocations, sentence starters or
# orthographic context (what an untrained ``PunktParameters`` with ``abbrev_types`` set
# holds), so the heuristics that read those sets are reduced to what they return when the
# sets are empty; tokens are plain strings instead of ``PunktToken`` objects; the regular
# expressions are the original ones, compiled with the same ``regex`` engine and flags but
# without NLTK's per-match timeout.
"""Punkt sentence boundaries (Kiss & Strunk 2006) with a fixed abbreviation list.

``PunktSplitter(abbreviations).span_tokenize(text)`` gives the same spans as NLTK 3.10.4's
``PunktSentenceTokenizer(params).span_tokenize(text)`` when ``params`` is a fresh
``PunktParameters`` whose ``abbrev_types`` are ``abbreviations`` (checked on real news
sentences by ``benchmarks/punkt_agreement.py`` and ``tests/test_punkt.py``).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from typing import Any

import regex

_SENT_END_CHARS = (".", "?", "!")
#: NLTK builds these two from ``sent_end_chars`` with ``re.escape``; these are the results.
_RE_SENT_END_CHARS = r"[\.\?!]"
_RE_NON_WORD_CHARS = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_RE_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_RE_MULTI_CHAR_PUNCT = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_TOKENIZE_FMT = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
_PERIOD_CONTEXT_FMT = r"""
        %(SentEndChars)s             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""

_WORD_TOKENIZER = regex.compile(
    _WORD_TOKENIZE_FMT
    % {
        "NonWord": _RE_NON_WORD_CHARS,
        "MultiChar": _RE_MULTI_CHAR_PUNCT,
        "WordStart": _RE_WORD_START,
    },
    regex.UNICODE | regex.VERBOSE,
)
_PERIOD_CONTEXT = regex.compile(
    _PERIOD_CONTEXT_FMT % {"NonWord": _RE_NON_WORD_CHARS, "SentEndChars": _RE_SENT_END_CHARS},
    regex.UNICODE | regex.VERBOSE,
)
_BOUNDARY_REALIGNMENT = regex.compile(
    r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', regex.MULTILINE
)
_RE_ELLIPSIS = regex.compile(r"\.\.+$")
_RE_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_RE_INITIAL = regex.compile(r"[^\W\d]\.$", regex.UNICODE)

#: Tokens that never start a sentence (``PunktSentenceTokenizer.PUNCTUATION``).
_PUNCTUATION = tuple(";:,.!?")
_WHITESPACE = tuple(string.whitespace)


def _word_tokens(text: str) -> list[str]:
    """Punkt's word tokens of ``text``, line by line, skipping blank lines
    (``PunktBaseClass._tokenize_words`` without the line and paragraph flags)."""
    tokens: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            tokens.extend(_WORD_TOKENIZER.findall(line))
    return tokens


def _last_whitespace_index(text: str) -> int:
    """The index of the last ASCII whitespace character of ``text``, 0 when there is none
    (``_get_last_whitespace_index``; 0 also when it is the first character, as there)."""
    return max(0, max(text.rfind(c) for c in _WHITESPACE))


class PunktSplitter:
    """Sentence spans of a text, as NLTK's ``PunktSentenceTokenizer`` with only
    ``abbrev_types`` set in its parameters."""

    def __init__(self, abbreviations: Iterable[str]) -> None:
        self.abbreviations = frozenset(abbreviations)

    def tokenize(self, text: str) -> list[str]:
        """The sentences of ``text`` (boundaries realigned after closing punctuation)."""
        return [text[start:end] for start, end in self.span_tokenize(text)]

    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each sentence of ``text``."""
        for piece in self._realign_boundaries(text, self._slices_from_text(text)):
            yield piece.start, piece.stop

    # --- candidate boundaries ----------------------------------------------------------

    def _match_potential_end_contexts(self, text: str) -> Iterator[tuple[Any, str]]:
        """Each candidate end (``.?!`` before punctuation or whitespace and a token) with its
        context: the word before it, the mark, and what follows. Overlapping candidates (as
        in ``acting!!!``) keep only the last, as in NLTK."""
        previous_slice = slice(0, 0)
        previous_match = None
        for match in _PERIOD_CONTEXT.finditer(text):
            before_text = text[previous_slice.stop : match.start()]
            index_after_last_space = _last_whitespace_index(before_text)
            if index_after_last_space:
                index_after_last_space += previous_slice.stop + 1
            else:
                index_after_last_space = previous_slice.start
            prev_word_slice = slice(index_after_last_space, match.start())
            if previous_match and previous_slice.stop <= prev_word_slice.start:
                yield (
                    previous_match,
                    text[previous_slice]
                    + previous_match.group()
                    + previous_match.group("after_tok"),
                )
            previous_match = match
            previous_slice = prev_word_slice
        if previous_match:
            yield (
                previous_match,
                text[previous_slice] + previous_match.group() + previous_match.group("after_tok"),
            )

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            if self.text_contains_sentbreak(context):
                yield slice(last_break, match.end())
                # the next sentence starts after the whitespace, or at the punctuation
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield slice(last_break, len(text.rstrip()))

    def _realign_boundaries(self, text: str, slices: Iterator[slice]) -> Iterator[slice]:
        """Closing punctuation after the end mark joins the sentence it closes:
        ``(Sent1.) Sent2.`` -> ``(Sent1.)``, ``Sent2.``."""
        realign = 0
        pieces = list(slices)
        for k, sentence1 in enumerate(pieces):
            sentence1 = slice(sentence1.start + realign, sentence1.stop)
            if k + 1 == len(pieces):
                if text[sentence1]:
                    yield sentence1
                continue
            sentence2 = pieces[k + 1]
            m = _BOUNDARY_REALIGNMENT.match(text[sentence2])
            if m:
                yield slice(sentence1.start, sentence2.start + len(m.group(0).rstrip()))
                realign = m.end()
            else:
                realign = 0
                if text[sentence1]:
                    yield sentence1

    # --- the decision ------------------------------------------------------------------

    def text_contains_sentbreak(self, text: str) -> bool:
        """True when a token of ``text`` other than the last is a sentence break after both
        of Punkt's annotation passes."""
        tokens = _word_tokens(text)
        return any(self._is_break(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1))

    def _is_break(self, tok: str, next_tok: str) -> bool:
        # First pass (``_first_pass_annotation``): type-based.
        if tok in _SENT_END_CHARS:
            return True
        if _RE_ELLIPSIS.match(tok):
            return False  # an ellipsis, not a break (with no orthographic evidence)
        if not tok.endswith(".") or tok.endswith(".."):
            return False
        lowered = tok[:-1].lower()
        if lowered in self.abbreviations or lowered.split("-")[-1] in self.abbreviations:
            # An abbreviation stays one: the heuristics that could make it a break need
            # orthographic context or sentence starters, and there are none.
            return False
        # Second pass (``_second_pass_annotation``) for a period-final break: an initial or
        # an ordinal is no break when the next token is punctuation or lower case, and an
        # initial is none either before a capital (the "unknown" orthography rule: no
        # context says the next word is ever lower case).
        typ = _RE_NUMERIC.sub("##number##", tok.lower())
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        is_initial = _RE_INITIAL.match(tok) is not None
        if is_initial or typ == "##number##":
            if next_tok in _PUNCTUATION or next_tok[0].islower():
                return False
            if is_initial and next_tok[0].isupper():
                return False
        return True
