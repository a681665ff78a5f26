"""Texts with no English words get no numbers (not the models' priors) and a warning, and
the comparison leaves them out of the means."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.cli import main
from framing.comparison.compare import compare_scores
from framing.records import Article
from framing.scoring.scorer import NOTHING_TO_SCORE, nothing_to_score
from framing.text import split_sentences, tokenize

NOTHING = {
    "chinese": "美国众议院周三投票通过法案，要求字节跳动出售抖音国际版，否则将在美国被禁。",
    "arabic": "صوّت مجلس النواب الأمريكي يوم الأربعاء على مشروع قانون لحظر تطبيق تيك توك.",
    "emoji": "😀😀😀 🎉🎉 ❤️❤️❤️",
    "empty": "",
    "numbers": "2024 12 31 100,000 3.5%",
    "chinese with two names": "美国众议院周三投票通过法案 TikTok 字节跳动 ByteDance 出售。",
}
#: What the row says: a text in another script is recognised as its language first.
WARNING = {
    "chinese": "language zh: the loaded axes, the models and sentiment are for en; not scored",
    "arabic": "language ar: the loaded axes, the models and sentiment are for en; not scored",
    "chinese with two names": "language zh: the loaded axes, the models and sentiment are for en; not scored",
}
ENGLISH = {
    "short": "Officials warned of a ban.",
    "quoting chinese": "The sign read 欢迎 (welcome), officials said on Monday.",
}


def _tokens(text: str) -> list[list]:
    return [tokenize(s) for s in split_sentences(text)]


@pytest.mark.parametrize("name", list(NOTHING))
def test_texts_without_english_words_have_nothing_to_score(name: str) -> None:
    assert nothing_to_score(_tokens(NOTHING[name]))
    row = framing.score(NOTHING[name]).to_dict()
    for axis in ("threat_exchange", "state_wire"):
        assert row[axis] is None and row[f"{axis}_lexicon"] is None
        assert row[f"{axis}_model"] is None  # not the model's intercept (-0.122, -0.160)
    assert row["sentiment_compound"] is None  # emoji-only got +0.9987
    assert all(v is None for k, v in row.items() if k.startswith("frame_"))
    assert row["frames"] == "" and row["warning"] == WARNING.get(name, NOTHING_TO_SCORE)


@pytest.mark.parametrize("name", list(ENGLISH))
def test_english_texts_are_scored_without_a_warning(name: str) -> None:
    assert not nothing_to_score(_tokens(ENGLISH[name]))
    row = framing.score(ENGLISH[name]).to_dict()
    assert isinstance(row["threat_exchange"], float) and "warning" not in row


def test_compare_leaves_them_out_of_the_means() -> None:
    articles = [
        Article(id="en1", text="Officials warned the app was a national security threat.", outlet="A"),
        Article(id="en2", text="Spies and bans: lawmakers fear data harvesting.", outlet="A"),
        Article(id="zh", text=NOTHING["chinese"], outlet="A"),
        Article(id="emoji", text=NOTHING["emoji"], outlet="A"),
    ]  # fmt: skip
    scores = [framing.score(a) for a in articles]
    english = [s for s in scores if s.article.id.startswith("en")]
    result = compare_scores(scores, seed=0, n_boot=200, n_perm=200, dedupe=False)
    (group,) = [g for g in result.rows() if g["outlet"] == "A"]
    expected = sum(s.axes["threat_exchange"].score for s in english) / 2
    assert group["threat_exchange"] == pytest.approx(expected, abs=1e-3)
    expected_mood = sum(s.sentiment.compound for s in english) / 2
    assert group["sentiment_compound"] == pytest.approx(expected_mood, abs=1e-3)


def test_the_cli_row_carries_the_warning() -> None:
    given = {k: v for k, v in NOTHING.items() if v}  # an empty text is skipped by the reader
    lines = "\n".join(json.dumps({"id": k, "text": v}) for k, v in given.items()) + "\n"
    result = CliRunner().invoke(main, ["score", "-", "--format", "jsonl"], input=lines)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["warning"] for r in rows] == [WARNING.get(k, NOTHING_TO_SCORE) for k in given]
    assert all(r["state_wire"] is None and r["sentiment_compound"] is None for r in rows)


def _nothing_token_by_token(tokens) -> bool:
    """The rule as first written: each token classified and counted on its own."""
    from framing.scoring.scorer import ENGLISH_WORD, MIN_LATIN_SHARE

    english = latin = letters = 0
    for sentence in tokens:
        for tok in sentence:
            if ENGLISH_WORD.fullmatch(tok.norm):
                english += 1
                latin += len(tok.norm)
                letters += len(tok.norm)
            else:
                latin += sum(1 for c in tok.norm if "a" <= c <= "z")
                letters += sum(1 for c in tok.norm if c.isalpha())
    return english == 0 or latin < MIN_LATIN_SHARE * letters


_PIECES = [*NOTHING.values(), *ENGLISH.values(), "U.S. e.g. co-op don't 3abc", "ǅx Ⅻ ½ ſs", "a."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=30), max_size=8))
def test_counting_in_one_text_is_counting_token_by_token(parts) -> None:
    tokens = _tokens(" ".join(parts))
    assert nothing_to_score(tokens) == _nothing_token_by_token(tokens)
