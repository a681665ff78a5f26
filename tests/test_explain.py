from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_compare_cli import toy_scorer  # noqa: F401  (fixture)

from framing.cli import main
from framing.records import Article, Hit
from framing.scoring.explain import SentenceExplanation, explain_score
from framing.scoring.scorer import Scorer


@pytest.fixture
def scorer(toy_lexicon) -> Scorer:
    return Scorer(lexicons={"toy": toy_lexicon})


def test_sentences_add_up_to_the_article(scorer) -> None:
    text = "Spying is a threat. Friends welcome you. Not a threat at all. Nothing here."
    ex = explain_score(scorer.score(Article("x", text)))
    axis = ex.score.axes["toy"]
    assert sum(s.weights["toy"]["threat"] for s in ex.sentences) == axis.negative_weight
    assert sum(s.weights["toy"]["friend"] for s in ex.sentences) == axis.positive_weight
    assert [s.net["toy"] for s in ex.sentences] == [-2.5, 2.0, 0.0, 0.0]
    assert ex.sentences[0].marked() == "[Spying] is a [threat]."
    assert ex.sentences[2].marked() == "Not a [~threat] at all."
    assert ex.sentences[1].sentiment is not None


def _sentence(text: str, *hits: tuple[str, bool]) -> SentenceExplanation:
    found = tuple(Hit("t", m, "p", 1.0, 0, neg, "" if neg else "p") for m, neg in hits)
    return SentenceExplanation(0, text, found, {}, {}, None)


@pytest.mark.parametrize(
    ("text", "hits", "marked"),
    [
        # a re: match that ends inside a name and starts with the quote's punctuation
        ('its people," said Sarah Fotheringham.', [('," said S', False)],
         'its people," [said Sarah] Fotheringham.'),
        ('its people," said Sarah.', [("said", False), ('," said S', False)],
         'its people," [said Sarah].'),
        ('I have seen," she said.', [('" she said', False)], 'I have seen," [she said].'),
        # a token match is a whole word: not the end of "urban"
        ("An urban ban.", [("ban", False)], "An urban [ban]."),
        ("Is it a ban?", [("ban", True), ("?", False)], "Is it a [~ban][?]"),
        ('A so-called "threat" here.', [('so-called "threat"', False)],
         'A [so-called "threat"] here.'),
    ],
)  # fmt: skip
def test_marks_cover_whole_words(text: str, hits: list, marked: str) -> None:
    assert _sentence(text, *hits).marked() == marked


def test_cli_explain_file_and_id(toy_scorer, tmp_path) -> None:  # noqa: F811
    path = tmp_path / "one.txt"
    path.write_text("A national security threat.\n\nA cultural exchange among friends.\n")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "[national security] [threat]" in result.stdout
    by_id = CliRunner().invoke(main, ["explain", "one", str(tmp_path), "--format", "jsonl"])
    assert by_id.exit_code == 0, by_id.output
    rows = [json.loads(line) for line in by_id.stdout.splitlines()]
    assert rows[0]["toy_threat"] == 3.0 and rows[1]["toy_net"] == 3.0
    whole = CliRunner().invoke(main, ["explain", str(path), "--format", "json"])
    assert json.loads(whole.stdout)["sentences"][1]["terms"][0]["term"] == "cultural exchange"
    missing = CliRunner().invoke(main, ["explain", "nope", str(tmp_path)])
    assert missing.exit_code == 2 and "No article with id 'nope'" in missing.stderr


ARTICLE = (
    "Lawmakers warned that the app is a national security threat. "
    "Officials said they could not rule out espionage. "
    "Users on both sides found friendship and cultural exchange. "
    "The company said it would keep operating."
)


def _decomposition(result) -> dict:
    return {a["axis"]: a for a in json.loads(result.stdout)["decomposition"]}


def test_cli_explain_decomposes_each_axis(tmp_path) -> None:
    from framing.models.predict import default_models

    path = tmp_path / "one.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(main, ["explain", str(path), "--format", "json", "--top", "2"])
    assert result.exit_code == 0, result.output
    axes = _decomposition(result)
    models = default_models()
    for axis in ("threat_exchange", "state_wire"):
        a = axes[axis]
        assert set(a) == {
            "axis", "negative_pole", "positive_pole", "lexicon", "model", "lexicon_weight",
            "mixing", "evidence", "combined", "lexicon_sentences", "model_method",
            "model_sentences",
        }  # fmt: skip
        w = models.weight(axis, a["evidence"])
        assert a["lexicon_weight"] == pytest.approx(w, abs=1e-4)
        assert a["combined"] == models.combine(axis, a["lexicon"], a["model"], a["evidence"])
        assert a["model_method"] == "leave-one-sentence-out"
        assert len(a["model_sentences"]) == 2
        deltas = [abs(s["delta"]) for s in a["model_sentences"]]
        assert deltas == sorted(deltas, reverse=True)
    te = axes["threat_exchange"]
    by_sentence = {s["sentence"]: s for s in te["lexicon_sentences"]}
    assert by_sentence[0]["negative"] > 0 and by_sentence[2]["positive"] > 0
    assert by_sentence[1]["net"] < 0  # "could not rule out espionage" counts for threat
    assert 3 not in by_sentence


def test_cli_explain_text_shows_the_weights(tmp_path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    from framing.models.predict import default_models

    w = default_models().axes["threat_exchange"].lexicon_weight
    assert f"threat_exchange: {w:g} x lexicon " in result.stdout
    assert "model, leave-one-sentence-out delta: #" in result.stdout
    assert "lexicon: hits in 3 sentence(s); largest net: #" in result.stdout
    assert "leave-one-sentence-out" in CliRunner().invoke(main, ["explain", "--help"]).stdout


def test_explain_without_models_has_no_model_part(toy_scorer, tmp_path) -> None:  # noqa: F811
    path = tmp_path / "one.txt"
    path.write_text("A national security threat.\n\nA cultural exchange among friends.\n")
    result = CliRunner().invoke(main, ["explain", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    for a in _decomposition(result).values():
        if a["model"] is None:
            assert a["lexicon_weight"] is None and a["model_sentences"] == []
            assert a["combined"] == a["lexicon"]
    text = CliRunner().invoke(main, ["explain", str(path)])
    assert text.exit_code == 0 and "(no model)" in text.stdout
