from __future__ import annotations

from conftest import TESTS

from framing.axes.lexicon import parse_lexicon
from framing.axes.match import Matcher
from framing.text import split_sentences, tokenize

VALID = (TESTS / "data" / "demo_axis.yaml").read_text(encoding="utf-8")


def hits_of(lexicon, text: str):
    matcher = Matcher(lexicon)
    return [
        h
        for i, s in enumerate(split_sentences(text))
        for h in matcher.match_sentence(s, tokenize(s), i)
    ]


def test_single_word_wildcard_and_multiword(toy_lexicon) -> None:
    hits = hits_of(toy_lexicon, "Spying raised national security fears among spy agencies.")
    assert [(h.term, h.matched) for h in hits] == [
        ("spy*", "Spying"),
        ("national security", "national security"),
        ("spy*", "spy"),
    ]


def test_wildcard_matches_prefix_only(toy_lexicon) -> None:
    hits = hits_of(toy_lexicon, "The spyware and the espionage.")
    assert [h.matched for h in hits] == ["spyware"]


def test_longest_match_wins(tmp_path) -> None:
    lex = parse_lexicon(
        VALID.replace("    great: 1.5\n", "    great: 1.5\n    exchange: 1\n"), "x.yaml"
    )
    hits = hits_of(lex, "A cultural exchange and an exchange.")
    assert [h.term for h in hits] == ["cultural exchange", "exchange"]


def test_negation_drops_by_default(toy_lexicon) -> None:
    (hit,) = hits_of(toy_lexicon, "This is not a threat.")
    assert hit.negated and hit.counted_for == "" and hit.weight == 0.0


def test_negation_window_is_limited(toy_lexicon) -> None:
    (hit,) = hits_of(toy_lexicon, "Not that anyone here thinks it a threat.")
    assert not hit.negated and hit.counted_for == "threat"


def test_negation_stays_in_its_sentence(toy_lexicon) -> None:
    (hit,) = hits_of(toy_lexicon, "It was not. Threat levels rose.")
    assert not hit.negated


def test_contracted_negation(toy_lexicon) -> None:
    (hit,) = hits_of(toy_lexicon, "They don't welcome it.")
    assert hit.negated


def test_negation_flip_counts_for_the_other_pole() -> None:
    lex = parse_lexicon(VALID, "x.yaml")  # mode: flip, window 2
    (hit,) = hits_of(lex, "It was never awful.")
    assert hit.negated and hit.counted_for == "good" and hit.weight == 1.0


def test_regex_entries_match_sentence_text(toy_lexicon) -> None:
    hits = hits_of(toy_lexicon, "Congress banned the app. A ban followed. Bandits fled.")
    assert [h.matched for h in hits] == ["banned", "ban"]


def test_case_and_curly_apostrophes() -> None:
    lex = parse_lexicon(VALID.replace("great: 1.5", '"washington\'s": 1.5'), "x.yaml")
    (hit,) = hits_of(lex, "WASHINGTON’S move.")
    assert hit.matched == "WASHINGTON’S"
