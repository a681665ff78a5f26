"""An installed wheel (not only the source tree) finds its lexicons and data files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    (built,) = out.glob("framelens-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_lexicons_and_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "framing/_data/lexicons/threat_exchange.yaml" in names
    assert "framing/_data/lexicons/state_wire.yaml" in names
    assert "framing/data/abbreviations.txt" in names
    assert "framing/vendor/punkt.py" in names and "framing/vendor/NLTK-LICENSE.txt" in names
    assert (
        "framing/data/models/frames.json" in names
        and "framing/data/models/state_wire.json" in names
    )
    assert not any(n.startswith(("tests/", "seeds/")) for n in names)


@pytest.mark.slow
def test_installed_wheel_scores_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
    )  # fmt: skip
    code = (
        "import framing, json;"
        "from framing.axes.lexicon import load_lexicons;"
        "assert 'site' in framing.__file__, framing.__file__;"
        "print(json.dumps(sorted(load_lexicons())));"
        "s = framing.score('Spies and national security threats.');"
        "print(s.axes['threat_exchange'].score)"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    axes_line, score_line = result.stdout.splitlines()
    assert {"threat_exchange", "state_wire"} <= set(__import__("json").loads(axes_line))
    assert float(score_line) < 0
