"""A model file says which languages it reads (`languages`, default en); an article is scored
only in a language the loaded axes AND models (and sentiment) support, and the warning names
what does not support it. `framing train --language` writes the field."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from toy_texts import LABELS, TEXTS

from framing.axes.lexicon import load_lexicon
from framing.cli import main
from framing.data import package_file
from framing.errors import ModelError, UsageError
from framing.models import modelfile
from framing.models.predict import SHIPPED
from framing.run.provenance import describe_models
from framing.scoring.language import Component, LanguageGate
from framing.scoring.scorer import Scorer
from tests.test_language import ARTICLES, ENGLISH

LEXICONS = str(Path(__file__).parent / "data")

#: state_wire's poles, written for French and English (as a French lexicon would be).
STATE_WIRE_FR = """\
format: framing-lexicon/1
id: state_wire
version: 0.1.0
description: state_wire in French, for the tests
license: CC0-1.0
sources: [test]
languages: [{languages}]
poles:
  negative: {{id: state}}
  positive: {{id: wire}}
terms:
  state: {{menace: 1, "sécurité nationale": 1}}
  wire: {{amitié: 1, échange: 1}}
"""


def _model(tmp_path: Path, languages: object, name: str = "sw") -> Path:
    """The shipped state_wire model with ``languages`` set (None: no key) and its checksum
    redone, as `framing train --language` writes it."""
    payload = json.loads(package_file("data", "models", "state_wire.json").read_bytes())
    payload.pop("checksum")
    if languages is not None:
        payload["languages"] = languages
    payload["checksum"] = "sha256:" + hashlib.sha256(modelfile.canonical(payload)).hexdigest()
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def _scorer(tmp_path: Path, axis_languages: str, model_languages: object) -> Scorer:
    lex_path = tmp_path / "state_wire.yaml"
    lex_path.write_text(STATE_WIRE_FR.format(languages=axis_languages), encoding="utf-8")
    lexicon = load_lexicon(lex_path)
    models = modelfile.load(_model(tmp_path, model_languages))
    from framing.models.predict import ModelSet

    model_set = ModelSet()
    model_set.add(models)
    return Scorer(lexicons={"state_wire": lexicon}, models=model_set, sentiment=False)


def test_files_without_the_key_are_english_and_the_shipped_ones_have_none() -> None:
    for name in (*SHIPPED, "threat_exchange"):
        raw = json.loads(package_file("data", "models", f"{name}.json").read_bytes())
        if raw["estimator"] == "EvidenceModel":
            assert raw["languages"] == ["en"]  # written after the key existed
        else:
            assert "languages" not in raw  # the shipped text model files are unchanged
        assert modelfile.loads(json.dumps(raw)).languages == ("en",)


def test_the_languages_are_read_and_listed_with_the_models(tmp_path: Path) -> None:
    loaded = modelfile.load(_model(tmp_path, ["fr", "en"]))
    assert loaded.languages == ("fr", "en") and loaded.name == "sw"
    from framing.models.predict import ModelSet

    models = ModelSet()
    models.add(loaded)
    (row,) = describe_models(models)
    assert row["languages"] == ["fr", "en"]


@pytest.mark.parametrize("bad", [[], ["french"], ["EN"], "en", ["en", "en"], [1]])
def test_a_bad_languages_field_is_one_line_naming_the_file(tmp_path: Path, bad: object) -> None:
    path = _model(tmp_path, bad)
    with pytest.raises(ModelError) as info:
        modelfile.load(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert "languages must be a non-empty list of ISO 639-1 codes" in message
    assert "framing train --language" in message


def test_an_english_model_leaves_french_unscored_and_says_so(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, "fr, en", None)  # the axis reads French, the model does not
    assert scorer.languages == ("en",)
    row = scorer.score(ARTICLES["fr"])
    assert row.axes["state_wire"].score is None
    assert row.warning == "language fr: the model sw is for en; not scored"
    assert scorer.score(ENGLISH).axes["state_wire"].score is not None


def test_a_french_model_with_a_french_axis_scores_french(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, "fr, en", ["fr", "en"])
    assert scorer.languages == ("fr", "en")
    fr = scorer.score(ARTICLES["fr"])
    assert fr.article.language == "fr" and fr.axes["state_wire"].score is not None
    zh = scorer.score(ARTICLES["zh"])
    assert zh.warning == "language zh: the loaded axes and the model sw are for fr, en; not scored"


def test_axes_and_models_without_a_common_language_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="share no language") as info:
        _scorer(tmp_path, "fr", None)
    message = str(info.value)
    assert "axis state_wire: fr; model sw: en" in message and "--language" in message


def test_the_gate_names_each_component_that_does_not_read_the_language() -> None:
    gate = LanguageGate(
        [
            Component("axis", "a", ("fr", "en")),
            Component("axis", "b", ("en",)),
            Component("model", "m", ("fr", "en")),
            Component("sentiment", "VADER", ("en",)),
        ]
    )
    assert gate.supported == ("en",)
    assert gate.warning("fr") == "language fr: the axis b and sentiment are for en; not scored"
    assert gate.warning("zh") == (
        "language zh: the axis a and the model m are for fr, en"
        " and the axis b and sentiment are for en; not scored"
    )
    assert LanguageGate([]).supported == ("en",)


def test_the_default_warning_names_axes_models_and_sentiment() -> None:
    row = Scorer().score(ARTICLES["fr"])
    assert (
        row.warning
        == "language fr: the loaded axes, the models and sentiment are for en; not scored"
    )


def _csv(path: Path) -> Path:
    lines = ["text,label"] + [
        f'"{t}",{"threat" if label == "threat" else "friend"}'
        for _ in range(2)
        for t, label in zip(TEXTS, LABELS, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_writes_the_languages_given(tmp_path: Path) -> None:
    data, out = _csv(tmp_path / "labeled.csv"), tmp_path / "toy.json"
    args = ["train", str(data), "--axis", "toy", "--lexicons", LEXICONS, "--out", str(out), "-q"]
    result = CliRunner().invoke(main, [*args, "--language", "fr", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["languages"] == ["fr", "en"]
    assert modelfile.load(out).languages == ("fr", "en")
    result = CliRunner().invoke(main, args)  # the default
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["languages"] == ["en"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("french", "'french' is not an ISO 639-1 code"),
        ("EN", "'EN' is not an ISO 639-1 code"),
        ("fr,en", "give one code per option"),
    ],
)
def test_train_refuses_a_bad_language_before_reading(
    tmp_path: Path, value: str, message: str
) -> None:
    out = tmp_path / "toy.json"
    result = CliRunner().invoke(
        main,
        ["train", str(_csv(tmp_path / "l.csv")), "--axis", "toy", "--lexicons", LEXICONS,
         "--out", str(out), "--language", value],
    )  # fmt: skip
    assert result.exit_code == 2 and message in result.stderr
    assert not out.exists()
