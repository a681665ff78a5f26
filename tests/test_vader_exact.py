"""framing.sentiment.vader.FastVader must give exactly vaderSentiment's scores.

Sentences are generated from VADER's own lexicon and rule words (boosters, negations,
"but", "kind of", "least", "never so", "without doubt", idioms, ALL CAPS, emoji,
punctuation runs) so that every rule fires, in every position, often together.
"""

from __future__ import annotations

import pickle
import random
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as ref

from framing.sentiment import vader
from framing.sentiment.vader import FastVader, sentence_compounds

REFERENCE = ref.SentimentIntensityAnalyzer()
LEXICON_WORDS = sorted(REFERENCE.lexicon)
EMOJI_KEYS = sorted(REFERENCE.emojis)
SINGLE_EMOJI = [k for k in EMOJI_KEYS if len(k) == 1]

RULE_WORDS = sorted(
    {
        *ref.NEGATE,
        *(w for key in ref.BOOSTER_DICT for w in key.split()),
        *(w for key in ref.SPECIAL_CASES for w in key.split()),
        *(w for key in ref.SENTIMENT_LADEN_IDIOMS for w in key.split()),
        "no", "nor", "or", "never", "so", "this", "without", "doubt", "least", "at",
        "very", "but", "kind", "of", "isn't", "wasn't", "don't", "n't", "shouldn't",
    }
)  # fmt: skip
# Multi-word triggers, drawn as one token so that their parts stand side by side.
PHRASES = sorted(
    {
        *(k for k in ref.BOOSTER_DICT if " " in k),
        *ref.SPECIAL_CASES,
        *ref.SENTIMENT_LADEN_IDIOMS,
        "at least", "very least", "the least", "without a doubt", "without doubt",
        "never so", "never this", "no or", "no nor", "not so", "kind of", "no no",
    }
)  # fmt: skip
PLAIN_WORDS = ["government", "said", "U.S.", "the", "a", "it", "was", "I", "OK", "Mr.", "2024"]
PUNCT_RUNS = ["", "", "", ",", ".", "!", "?", "!!", "??", "!!!", "???", "?!", "...", '"', "'", ")"]
LEADING = ["", "", "", "", '"', "(", "'", "#", "@", "--"]


def _case(word: str, style: int) -> str:
    return (word, word, word, word.upper(), word.title(), word.lower())[style]


token = st.builds(
    lambda lead, word, style, punct: lead + _case(word, style) + punct,
    st.sampled_from(LEADING),
    st.one_of(
        st.sampled_from(LEXICON_WORDS),
        st.sampled_from(RULE_WORDS),
        st.sampled_from(PLAIN_WORDS),
        st.sampled_from(EMOJI_KEYS),
        st.sampled_from(PHRASES),
    ),
    st.integers(0, 5),
    st.sampled_from(PUNCT_RUNS),
)
separator = st.sampled_from([" ", " ", " ", " ", "  ", "\t", "\n", ""])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(token, min_size=0, max_size=14))
    # Repeating a token exercises _but_check's first-equal-value quirk.
    if tokens and draw(st.booleans()):
        tokens.insert(draw(st.integers(0, len(tokens))), draw(st.sampled_from(tokens)))
    out = ""
    for tok in tokens:
        out += draw(separator) + tok
    return out


def assert_same(text: str, fast: FastVader) -> None:
    expected = REFERENCE.polarity_scores(text)
    assert fast.polarity_scores(text) == expected, text
    assert fast.compound(text) == expected["compound"], text


@pytest.fixture(scope="module")
def fast() -> FastVader:
    return FastVader()


@pytest.fixture(scope="module")
def fast_uncached() -> FastVader:
    return FastVader(cache_size=0)


def test_data_is_the_packages(fast: FastVader) -> None:
    assert fast.exact_rules
    assert fast.lexicon == REFERENCE.lexicon
    assert fast.emojis == REFERENCE.emojis


HANDWRITTEN = [
    "",
    "   ",
    "good",
    "The plan is good.",
    "The plan is GOOD, and the staff are happy.",
    "THE PLAN IS GOOD",
    "The plan is not good.",
    "The plan isn't really good at all.",
    "It is never so good, never this bad.",
    "This good idea is so bad.",
    "Without a doubt, an excellent idea.",
    "Without doubt excellent.",
    "It was kind of good, sort of nice, just enough fun.",
    "a kind man",
    "The offer was good, but the terms are bad and the deal is not great.",
    "good good but good good bad bad",
    "but good",
    "good but",
    "BUT the food was great",
    "It was the least bad option, at least it is good, very least fine.",
    "least bad",
    "it is at least good, the very least bad, the least good",
    "and then he said yeah right",
    "he has a bad ass car and a beating heart",
    "oh my god it was the kiss of death",
    "no good",
    "no problem at all",
    "no, it is not",
    "there is no love or hate",
    "no happy nor sad days",
    "no no no",
    "That movie was the shit!",
    "that is the bomb",
    "a bad ass car, a badass car",
    "yeah right, a kiss of death, to die for, a beating heart at the bus stop",
    "we cut the mustard on the ball in the black",
    "Good!!!!!!",
    "Bad???",
    "Bad??",
    "Great?!",
    "What?",
    ":) :( :D :-) <3 </3",
    "I love it 😍😍 and hate it 😡",
    "congrats🎉good",
    "a ©2024 notice ™",
    "flag 🇺🇸 and family 👨‍👩‍👧",
    "He said “great” — she said ‘awful’.",
    "İstanbul GOOD ΣΟΦΟΣ sad",
    "VERY good, very GOOD, VERY GOOD",
    "uber FRIGGIN funny",
    "hardly good, barely bad, slightly happy",
    "The damn good tax cut",
    "don't like, doesn't love, ain't nice, uh-uh good, nope fine",
    "not not good",
    "never good",
]


@pytest.mark.parametrize("text", HANDWRITTEN)
def test_handwritten_rules(text: str, fast: FastVader, fast_uncached: FastVader) -> None:
    assert_same(text, fast)
    assert_same(text, fast_uncached)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_generated_rule_sentences(fast_uncached: FastVader, text: str) -> None:
    assert_same(text, fast_uncached)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text(fast_uncached: FastVader, text: str) -> None:
    assert_same(text, fast_uncached)


def test_many_seeded_sentences() -> None:
    """A seeded random sweep, larger than hypothesis runs, with the sentence cache on."""
    rng = random.Random(20241121)
    vocab = LEXICON_WORDS + (RULE_WORDS + PHRASES + PLAIN_WORDS) * 20 + SINGLE_EMOJI[:50]
    fast = FastVader(cache_size=1000)
    texts = []
    for _ in range(5000):
        words = []
        for _ in range(rng.randint(1, 18)):
            word = _case(rng.choice(vocab), rng.randint(0, 5))
            words.append(rng.choice(LEADING) + word + rng.choice(PUNCT_RUNS))
        texts.append(" ".join(words))
    texts += texts[:1000]  # repeats hit the cache
    expected = [REFERENCE.polarity_scores(t)["compound"] for t in texts]
    assert fast.compounds(texts) == expected
    mismatches = [t for t in texts if fast.polarity_scores(t) != REFERENCE.polarity_scores(t)]
    assert mismatches == []


def test_token_cache_restarts_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vader, "TOKEN_CACHE_LIMIT", 8)
    fast = FastVader(cache_size=0)
    longest = 0
    for text in HANDWRITTEN * 2:
        assert_same(text, fast)
        longest = max(longest, len(set(text.split())))
        assert len(fast._level) <= max(8, longest)


def test_sentence_cache_is_bounded() -> None:
    fast = FastVader(cache_size=16)
    for i in range(100):
        fast.compound(f"good {i} " + string.ascii_letters[i % 52])
    info = fast._cached_compound.cache_info()  # type: ignore[attr-defined]
    assert info.maxsize == 16
    assert info.currsize == 16
    fast.cache_clear()
    assert fast._cached_compound.cache_info().currsize == 0  # type: ignore[attr-defined]


def test_polarity_dict_is_a_copy(fast: FastVader) -> None:
    first = fast.polarity_scores("a good day")
    first["compound"] = 99.0
    assert (
        fast.polarity_scores("a good day")["compound"]
        == REFERENCE.polarity_scores("a good day")["compound"]
    )


def test_other_package_release_delegates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vader.metadata, "version", lambda name: "9.9.9")
    fast = FastVader()
    assert not fast.exact_rules
    for text in HANDWRITTEN[:12]:
        assert_same(text, fast)


def test_pickles_as_a_fresh_analyzer(fast: FastVader) -> None:
    clone = pickle.loads(pickle.dumps(fast))
    assert clone.cache_size == fast.cache_size
    assert_same("It was not good, but the staff were VERY kind!", clone)


def test_sentence_compounds() -> None:
    texts = ["The plan is good.", "The plan is bad.", "", "The plan is good."]
    assert sentence_compounds(texts) == [REFERENCE.polarity_scores(t)["compound"] for t in texts]
