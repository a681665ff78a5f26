"""Negation, dismissal and contrast on threat_exchange, measured on hand-written sentences.

``tests/data/negation_sentences.tsv`` holds news-style sentences with the sign the codebook
gives them ("a frame that is quoted and then dismissed or negated does not count as that
frame; a rebuttal that argues the other side counts for the other side"). The ``build`` set
was written before the matcher rules, the ``heldout`` set after them. The floors are the
counts reached (README and docs/lexicon-format.md); the old rule (window 3, drop) got 37/68
and 9/20.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from framing.axes.lexicon import LexiconError, get_lexicon, parse_lexicon
from framing.axes.match import Matcher
from framing.scoring.scorer import lexicon_score
from framing.text import split_sentences, tokenize

DATA = Path(__file__).parent / "data" / "negation_sentences.tsv"
FLOORS = {"build": 64, "heldout": 18}


def _rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _sign(matcher: Matcher, text: str) -> int:
    hits = [
        hit
        for i, s in enumerate(split_sentences(text))
        for hit in matcher.match_sentence(s, tokenize(s), i)
    ]
    neg = sum(h.weight for h in hits if h.counted_for == matcher.lexicon.negative.id)
    pos = sum(h.weight for h in hits if h.counted_for == matcher.lexicon.positive.id)
    value = lexicon_score(neg, pos)
    return (value > 0) - (value < 0)


def test_the_sentence_file_is_well_formed() -> None:
    rows = _rows()
    assert {r["set"] for r in rows} == {"build", "heldout"}
    assert sum(r["set"] == "build" for r in rows) >= 60
    assert sum(r["set"] == "heldout" for r in rows) == 20
    assert {r["expected"] for r in rows} == {"-1", "0", "1"}
    assert len({r["id"] for r in rows}) == len(rows)


@pytest.mark.parametrize("which", ["build", "heldout"])
def test_threat_exchange_gets_the_sign_right(which: str) -> None:
    matcher = Matcher(get_lexicon("threat_exchange"))
    rows = [r for r in _rows() if r["set"] == which]
    right = [r["id"] for r in rows if _sign(matcher, r["sentence"]) == int(r["expected"])]
    assert len(right) >= FLOORS[which], sorted({r["id"] for r in rows} - set(right))


LEXICON = """\
format: framing-lexicon/1
id: toy
version: "1"
description: toy
license: CC0-1.0
sources: [test]
negation:
  window: 3
  scope: {scope}
  dismissals: [dismiss*, rule out, brushed off]
  dismissals_after: [unfounded]
  contrast: [but]
  exceptions: [not only]
poles:
  negative: {{id: threat}}
  positive: {{id: exchange}}
terms:
  threat: {{spy*: 1, data privacy: 1}}
  exchange: {{friends: 1}}
"""


def _counted(scope: str, text: str) -> list[tuple[str, str]]:
    matcher = Matcher(parse_lexicon(LEXICON.format(scope=scope)))
    return [(h.matched, h.counted_for) for h in matcher.match_sentence(text, tokenize(text), 0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They dismissed the spy claims.", [("spy", "")]),
        ("They did not dismiss the spy claims.", [("spy", "threat")]),
        ("They could not rule out spying.", [("spying", "threat")]),
        ("Claims of spying are unfounded.", [("spying", "")]),
        ("Claims of spying are not unfounded.", [("spying", "threat")]),
        ("It is not spying, and spyware is everywhere.", [("spying", ""), ("spyware", "threat")]),
        ("Critics say spying, but users make friends.", [("spying", ""), ("friends", "exchange")]),
        ("Not only spyware but also friends.", [("spyware", "threat"), ("friends", "exchange")]),
        ("Users brushed off data privacy.", [("data privacy", "")]),
    ],
)
def test_clause_scope_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert _counted("clause", text) == expected


def test_window_scope_keeps_the_plain_rule() -> None:
    # scope: window (the default) ignores dismissals, contrast and boundaries.
    assert _counted("window", "They dismissed the spy claims.") == [("spy", "threat")]
    assert _counted("window", "Not a spy, and then spyware.") == [
        ("spy", ""),
        ("spyware", "threat"),
    ]
    assert _counted("window", "Critics say spying, but users make friends.") == [
        ("spying", "threat"),
        ("friends", "exchange"),
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("scope: sentence", "negation.scope must be 'window' or 'clause'"),
        ("dismissals: denied", "negation.dismissals must be a list"),
        ("contrast: ['b*t']", "is not a word or phrase"),
        ("rebuttals: [but]", "negation: unknown key 'rebuttals'"),
    ],
)
def test_bad_negation_keys_are_reported(bad: str, message: str) -> None:
    start, rest = LEXICON.split("negation:\n")
    text = start + f"negation:\n  {bad}\n" + rest[rest.index("poles:") :]
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(text.format(scope="clause"))
