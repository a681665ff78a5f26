from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_compare_cli import toy_scorer  # noqa: F401  (fixture)

from framing.cli import main
from framing.records import Article
from framing.scoring.explain import explain_score
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
