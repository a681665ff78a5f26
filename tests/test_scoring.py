from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.records import Article
from framing.scoring.scorer import BATCH, Scorer, article_text, lexicon_score

THREAT = ["threat", "spying", "national security", "banned"]
FRIEND = ["friends", "cultural exchange", "welcome"]


@pytest.fixture
def scorer(toy_lexicon) -> Scorer:
    return Scorer(lexicons={"toy": toy_lexicon})


def test_formula_matches_the_documented_log_ratio() -> None:
    for n, p in [(0, 0), (1, 0), (0, 3.5), (10, 2), (2.5, 2.5)]:
        assert lexicon_score(n, p) == pytest.approx(math.tanh(math.log((p + 1) / (n + 1)) / 2))


def test_no_hits_is_zero_and_flagged(scorer) -> None:
    axis = scorer.score("Nothing to see here at all.").axes["toy"]
    assert axis.score == 0.0 and axis.no_hits
    assert axis.negative_hits == axis.positive_hits == 0


def test_short_text_with_one_hit_is_not_extreme(scorer) -> None:
    axis = scorer.score("A threat.").axes["toy"]
    assert -0.5 < axis.score < 0 and not axis.no_hits


def test_long_one_sided_text_approaches_the_pole(scorer) -> None:
    text = " ".join(["Friends offered a warm welcome and a cultural exchange."] * 40)
    axis = scorer.score(text).axes["toy"]
    assert axis.score > 0.95
    assert axis.positive_per_1k == pytest.approx(axis.positive_weight * 1000 / 360)


def test_counts_and_rates(scorer) -> None:
    s = scorer.score("Spying is a threat. Friends welcome you.")
    axis = s.axes["toy"]
    assert (axis.negative_hits, axis.positive_hits) == (2, 2)
    assert (axis.negative_weight, axis.positive_weight) == (2.5, 2.0)
    assert s.n_tokens == 7
    assert axis.negative_per_1k == pytest.approx(2.5 * 1000 / 7, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(THREAT + FRIEND + ["the", "app", "users", "said", "not"]), max_size=80
    ),
    st.sampled_from(["toward_threat", "toward_friend"]),
)
def test_score_bounds_and_adding_pole_terms_moves_toward_that_pole(
    toy_lexicon, tokens: list[str], direction: str
) -> None:
    scorer = Scorer(lexicons={"toy": toy_lexicon}, sentiment=False)
    text = " ".join(tokens) + "."
    before = scorer.score(text).axes["toy"].score
    if before is None:  # no words at all: nothing to score; the empty lexicon score is 0
        assert not tokens
        before = 0.0
    assert -1.0 <= before <= 1.0
    extra = "Spying is a threat." if direction == "toward_threat" else "Friends welcome you."
    after = scorer.score(text + " " + extra).axes["toy"].score
    assert after is not None and -1.0 <= after <= 1.0
    if direction == "toward_threat":
        assert after < before or before == -1.0
    else:
        assert after > before or before == 1.0


def test_sentiment_shares_are_per_sentence_and_a_short_text_is_one_passage(scorer) -> None:
    from framing.sentiment.vader import default_analyzer

    text = "I love this wonderful app. I hate this terrible ban. The app exists."
    senti = scorer.score(text).sentiment
    assert senti.n_sentences == 3
    assert senti.pos_share == pytest.approx(1 / 3, abs=1e-4)
    assert senti.neg_share == pytest.approx(1 / 3, abs=1e-4)
    assert senti.compound == default_analyzer().compound(text)


def test_long_article_sentiment_does_not_saturate(scorer) -> None:
    text = " ".join(["The good app is nice."] * 200 + ["The bad ban is awful."] * 200)
    senti = scorer.score(text).sentiment
    assert abs(senti.compound) < 0.2


def test_title_is_scored_once(scorer) -> None:
    art = Article(id="a", title="Spy threat", text="Friends welcome you.")
    assert article_text(art).startswith("Spy threat\n")
    same = Article(id="b", title="Spy threat", text="Spy threat\nFriends welcome you.")
    assert article_text(same) == same.text


def test_row_columns(scorer) -> None:
    art = Article(id="x", text="A threat.", outlet="CGTN", outlet_type="state", meta={"lang": "en"})
    row = scorer.score(art).to_dict()
    for column in [
        "id", "outlet", "outlet_type", "title", "n_tokens", "toy", "toy_lexicon", "toy_model",
        "toy_threat_hits", "toy_friend_hits", "toy_threat_per_1k", "sentiment_compound",
        "sentiment_pos_share", "sentiment_neg_share", "lang",
    ]:  # fmt: skip
        assert column in row
    assert row["outlet"] == "CGTN" and row["lang"] == "en"
    assert "evidence" not in row
    ev = scorer.score(art).to_dict(evidence=True)["evidence"]["toy"]
    assert ev[0]["term"] == "threat" and ev[0]["text"] == "A threat."


def test_unknown_axis_restriction_is_a_usage_error(toy_lexicon) -> None:
    from framing.errors import UsageError

    with pytest.raises(UsageError, match="Unknown axis 'x'. Available: toy"):
        Scorer(lexicons={"toy": toy_lexicon}, axes=["x"])


def _toy_texts(n: int) -> list[str]:
    words = ["spying", "threat", "friends", "welcome", "the", "app", "said", "not", "banned"]
    return [
        " ".join(words[(i * 5 + k) % len(words)] for k in range(4 + i % 9)).capitalize() + "."
        for i in range(n)
    ]


def test_batches_score_exactly_as_one_article_at_a_time() -> None:
    """With the shipped models: one model call per batch, the same numbers as one per text."""
    scorer = Scorer()
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(_toy_texts(BATCH + 7))]
    one_by_one = [scorer.score(a) for a in articles]
    assert scorer.score_batch(articles) == one_by_one
    assert list(scorer.score_all(iter(articles))) == one_by_one
    assert scorer.score_batch([]) == []


def test_a_stream_that_fails_part_way_still_yields_what_it_gave(scorer) -> None:
    def stream():
        for i, text in enumerate(_toy_texts(5)):
            yield Article(id=f"a{i}", text=text)
        raise OSError("disk gone")

    got = []
    with pytest.raises(OSError, match="disk gone"):
        for result in scorer.score_all(stream()):
            got.append(result.article.id)
    assert got == [f"a{i}" for i in range(5)]
