"""Every row has a language; a language the loaded axes were not made for is not scored, the
row says so, and the run's summary counts such rows. Short English texts stay English."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

import framing
from framing.axes.lexicon import load_lexicon
from framing.cli import main
from framing.errors import LexiconError, UsageError
from framing.records import Article
from framing.scoring.language import (
    Component,
    LanguageGate,
    LanguageTally,
    article_language,
    gate_rule,
    summary,
    unsupported_language,
)
from framing.scoring.scorer import Scorer
from tests.conftest import SHARED_DATASETS, needs_datasets

ARTICLES = {
    "zh": (
        "美国众议院周三以压倒性多数通过一项法案，要求字节跳动在六个月内出售其在美国的业务，"
        "否则这款应用将在全国范围内被禁止。支持者称该应用构成国家安全威胁，批评者则认为"
        "禁令侵犯了言论自由。数百万年轻用户表示，他们通过这款应用结识了来自世界各地的朋友。"
    ),
    "fr": (
        "L'Assemblée nationale a adopté mercredi un projet de loi qui oblige la société mère à "
        "vendre ses activités dans le pays sous six mois, faute de quoi l'application sera "
        "interdite. Les partisans du texte évoquent une menace pour la sécurité nationale, "
        "tandis que ses détracteurs dénoncent une atteinte à la liberté d'expression."
    ),
    "es": (
        "La Cámara de Representantes aprobó el miércoles un proyecto de ley que obliga a la "
        "empresa matriz a vender sus operaciones en el país en un plazo de seis meses o la "
        "aplicación será prohibida. Los defensores hablan de una amenaza para la seguridad "
        "nacional, mientras que los críticos denuncian un ataque a la libertad de expresión."
    ),
}
ENGLISH = (
    "The House voted on Wednesday to force the parent company to sell the app within six "
    "months or face a nationwide ban. Supporters called it a national security threat."
)
HEADLINES = ["Gobierno anuncia nueva ley", "Le président en visite à Pékin", "Trump wins Iowa"]


@pytest.mark.parametrize("language", list(ARTICLES))
def test_a_foreign_article_keeps_its_row_without_scores(language: str) -> None:
    row = framing.score(ARTICLES[language]).to_dict()
    assert row["language"] == language
    assert row["warning"] == (
        f"language {language}: the loaded axes, the models and sentiment are for en; not scored"
    )
    for axis in ("threat_exchange", "state_wire"):
        assert row[axis] is None and row[f"{axis}_lexicon"] is None
        assert row[f"{axis}_model"] is None
    assert row["sentiment_compound"] is None and row["frames"] == ""
    assert all(v is None for k, v in row.items() if k.startswith("frame_"))
    assert row["n_tokens"] > 0  # still counted: the row is there


def test_english_is_scored_and_says_en() -> None:
    row = framing.score(ENGLISH).to_dict()
    assert row["language"] == "en" and "warning" not in row
    assert isinstance(row["threat_exchange"], float)


@pytest.mark.parametrize("headline", HEADLINES)
def test_short_latin_texts_are_taken_as_the_axes_language(headline: str) -> None:
    row = framing.score(headline).to_dict()
    assert row["language"] == "en" and "warning" not in row
    assert isinstance(row["state_wire"], float)


@pytest.mark.parametrize(
    "shouted",
    [
        "DON'T CARE " * 8,  # tweets of vader-groundtruth: read as Welsh before
        "ARRESTED DEVELOPMENT! " * 5,  # and as Slovak
        "CHINA SAYS AMERICAN USERS ARE WELCOME ON REDNOTE AS THE TIKTOK BAN LOOMS THIS WEEK",
    ],
)
def test_english_in_capitals_is_english(shouted: str) -> None:
    row = framing.score(shouted).to_dict()
    assert row["language"] == "en" and "warning" not in row


def test_french_in_capitals_is_still_french() -> None:
    text = "LE GOUVERNEMENT A ANNONCÉ MARDI UNE NOUVELLE RÉFORME DES RETRAITES POUR LES AGENTS"
    assert framing.score(text).to_dict()["language"] == "fr"


def test_short_chinese_is_still_chinese() -> None:
    assert framing.score("中国发布新规").to_dict()["language"] == "zh"


def test_a_given_language_is_used_as_given() -> None:
    (fr,) = framing.score_corpus([{"text": ENGLISH, "language": "FR"}])
    assert fr.article.language == "fr" and fr.axes["state_wire"].score is None
    (en,) = framing.score_corpus([{"text": ARTICLES["es"], "language": "en-US"}])
    assert en.article.language == "en" and en.axes["state_wire"].score is not None
    assert "language" not in en.article.meta


def test_gate_rule() -> None:
    long_es = ARTICLES["es"]
    assert gate_rule(long_es, ("es", {"es": 0.99, "en": 0.01}), ("en",)) == "es"
    assert gate_rule(long_es, ("es", {"es": 0.80, "en": 0.20}), ("en",)) == "en"  # en plausible
    assert gate_rule("Gobierno anuncia", ("es", {"es": 1.0}), ("en",)) == "en"  # too short
    assert gate_rule("中国发布新规", ("zh", {"zh": 0.6}), ("en",)) == "zh"  # script decides
    assert gate_rule("123", ("", {}), ("en",)) == "en"
    assert article_language(long_es, ("en", "es")) == "es"


def test_summary_and_parsing_of_the_warning() -> None:
    tally = LanguageTally()
    for w in [
        "language fr: the loaded axes are for en; not scored",  # as earlier versions wrote it
        "torn UTF-8; language zh: the loaded axes, the models and sentiment are for en; not scored",
        "language fr: the model sw is for en; not scored",
        "no English words to score",
        "",
    ]:
        tally.add(w)
    assert (
        tally.message()
        == "3 articles not scored, their language is not one the loaded axes and models read (fr 2, zh 1)"
    )
    assert summary({}) is None
    assert unsupported_language("no English words to score") is None


def test_the_score_command_counts_them(tmp_path: Path) -> None:
    rows = [
        {"id": "fr1", "text": ARTICLES["fr"]},
        {"id": "en", "text": ENGLISH},
        {"id": "zh", "text": ARTICLES["zh"]},
        {"id": "fr2", "text": ARTICLES["fr"].replace("mercredi", "jeudi")},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "scores.csv"
    result = CliRunner().invoke(main, ["score", str(path), "-o", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert (
        "framing: warning: 3 articles not scored, their language is not one the loaded axes and models read (fr 2, zh 1)"
        in result.stderr
    )
    with out.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["language"] for r in table] == ["fr", "en", "zh", "fr"]
    assert [r["state_wire"] == "" for r in table] == [True, False, True, True]
    compared = CliRunner().invoke(main, ["compare", "--scores", str(out), "--by", "language"])
    assert compared.exit_code == 0, compared.stderr
    assert (
        "3 articles not scored, their language is not one the loaded axes and models read (fr 2, zh 1)"
        in compared.stdout
    )
    assert "\nfr " in compared.stdout and "\nzh " in compared.stdout


def test_compare_counts_them_in_its_warnings() -> None:
    articles = [Article(id=k, text=v, outlet="A") for k, v in ARTICLES.items()]
    articles += [Article(id="en", text=ENGLISH, outlet="A")]
    result = framing.compare(articles, seed=0, n_boot=200, n_perm=200)
    assert any(
        w.startswith(
            "3 articles not scored, their language is not one the loaded axes and models read (es 1, fr 1, zh 1)"
        )
        for w in result.warnings
    )


LEXICON = """\
format: framing-lexicon/1
id: menace_echange
version: 0.1.0
description: test axis
license: CC0-1.0
sources: [test]
languages: [{languages}]
poles:
  negative: {{id: menace}}
  positive: {{id: echange}}
terms:
  menace: {{menace: 1, "sécurité nationale": 1}}
  echange: {{amitié: 1, échange: 1}}
"""


def test_an_axis_file_declares_its_languages(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text(LEXICON.format(languages="fr, en"), encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.languages == ("fr", "en")
    scorer = Scorer(lexicons={lexicon.id: lexicon}, use_models=False, sentiment=False)
    assert scorer.languages == ("fr", "en")
    fr = scorer.score(ARTICLES["fr"])
    assert fr.article.language == "fr" and fr.axes["menace_echange"].score is not None
    zh = scorer.score(ARTICLES["zh"])
    assert zh.warning == "language zh: the loaded axes are for fr, en; not scored"
    shipped = framing.load_lexicons()
    assert all(lex.languages == ("en",) for lex in shipped.values())  # the default


def test_axes_without_a_common_language_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text(LEXICON.format(languages="fr"), encoding="utf-8")
    lexicon = load_lexicon(path)
    with pytest.raises(UsageError, match="share no language"):
        Scorer(lexicons={lexicon.id: lexicon})  # the models and VADER are English
    both = LanguageGate([Component("axis", "a", ("fr", "en")), Component("axis", "b", ("en",))])
    assert both.supported == ("en",)


@pytest.mark.parametrize("bad", ["french", "EN", ""])
def test_a_bad_languages_list_is_a_lexicon_error(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(LEXICON.format(languages=bad), encoding="utf-8")
    with pytest.raises(LexiconError, match="languages must be a non-empty list of ISO 639-1"):
        load_lexicon(path)


@pytest.mark.shared
@needs_datasets
@pytest.mark.parametrize("name", ["cn-state-media-headlines", "gvfc"])
def test_english_headlines_are_not_flagged(name: str) -> None:
    if name == "gvfc":
        path, column = SHARED_DATASETS / "gvfc" / "GVFC_headlines_and_annotations.csv", "news_title"
    else:
        path = SHARED_DATASETS / name / "cn_state_vs_bbc_headlines_2022.csv"
        column = "headline"
    with path.open(encoding="utf-8", errors="replace") as fh:
        texts = [r[column] for r in csv.DictReader(fh) if r[column].strip()]
    sample = random.Random(0).sample(texts, min(1000, len(texts)))
    flagged = [t for t in sample if article_language(t, ("en",)) != "en"]
    assert len(flagged) <= 0.005 * len(sample), flagged[:5]
