"""A model must fit the lexicons it is scored with: its axis loaded, its poles in order."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.data import package_file
from framing.errors import ModelError, UsageError
from framing.models.modelfile import canonical
from framing.scoring.scorer import Scorer


def _edited_model(tmp_path: Path, **task: str) -> Path:
    """The shipped state_wire model with its task edited and its checksum redone (as a
    model trained with other labels would be)."""
    payload = json.loads(package_file("data", "models", "state_wire.json").read_bytes())
    payload.pop("checksum")
    payload["task"].update(task)
    payload["checksum"] = "sha256:" + hashlib.sha256(canonical(payload)).hexdigest()
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def test_swapped_poles_are_refused(tmp_path: Path) -> None:
    path = _edited_model(tmp_path, negative="wire", positive="state")
    with pytest.raises(ModelError, match="poles .* are not those of lexicon 'state_wire'") as e:
        Scorer(model_paths=[path])
    assert str(e.value).startswith(str(path)) and "\n" not in str(e.value)


@pytest.mark.parametrize("axis", ["../../etc/passwd", "state_wir"])
def test_a_model_for_an_axis_that_is_not_loaded_is_a_usage_error(tmp_path: Path, axis: str) -> None:
    path = _edited_model(tmp_path, axis=axis)
    with pytest.raises(UsageError, match="Available: state_wire, threat_exchange"):
        Scorer(model_paths=[path])


def test_the_cli_exits_2_naming_the_axes(tmp_path: Path) -> None:
    path = _edited_model(tmp_path, axis="../../etc/passwd")
    result = CliRunner().invoke(main, ["score", "-", "--model", str(path)], input='{"text": "x"}\n')
    assert result.exit_code == 2
    assert "is not a loaded lexicon. Available: state_wire, threat_exchange" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_cli_exits_1_on_swapped_poles(tmp_path: Path) -> None:
    path = _edited_model(tmp_path, negative="wire", positive="state")
    result = CliRunner().invoke(main, ["score", "-", "--model", str(path)], input='{"text": "x"}\n')
    assert result.exit_code == 1 and "retrain it" in result.stderr


def test_shipped_models_for_axes_not_loaded_are_just_unused(toy_lexicon) -> None:
    scorer = Scorer(lexicons={"toy": toy_lexicon})
    assert scorer.score("A threat.").axes["toy"].model is None
    assert Scorer(axes=["threat_exchange"]).score("A threat.").axes.keys() == {"threat_exchange"}
