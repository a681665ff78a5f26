"""README examples whose printed output is not written by ``scripts/regenerate_readme.py``:
the pandas session and the provenance record. Both went stale once (a new evidence model,
a lexicon at 1.2.0) without a test noticing."""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

import framing
from framing.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(after: str, fence: str) -> str:
    start = README.index(after)
    body = README.index(f"```{fence}\n", start) + len(fence) + 4
    return README[body : README.index("```", body)]


def test_pandas_session_prints_what_the_readme_shows() -> None:
    pytest.importorskip("pandas")
    source = _block("`compare` takes a DataFrame of articles or of scores:", "python")
    test = doctest.DocTestParser().get_doctest(
        source, {"framing": framing}, "README", "README.md", 0
    )
    # The last line shows a call, not its (long) result.
    test.examples = [e for e in test.examples if not e.source.startswith("framing.compare(")]
    assert len(test.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: pytest.fail(text))
    assert runner.failures == 0


def test_provenance_example_matches_a_run_on_the_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _block("the same record but for `created`. From the seeds:", "console")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["score", "seeds/", "--format", "jsonl", "-o", "scores.jsonl"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "scores.jsonl.provenance.json").read_text(encoding="utf-8"))
    for lexicon in record["lexicons"]:
        entry = re.search(
            rf'"id": "{lexicon["id"]}",\n\s*"version": "([^"]+)",\n.*\n\s*"sha256": "(\w+)"',
            shown,
        )
        assert entry, f"README provenance example has no lexicon {lexicon['id']}"
        assert entry.groups() == (lexicon["version"], lexicon["sha256"]), lexicon["id"]
    frames = next(m for m in record["models"] if m["id"] == "frames")
    shown_frames = shown[shown.index('"id": "frames"') : shown.index("}", shown.index('"frames"'))]
    assert re.findall(r'"(\w+)":', shown_frames) == list(frames), "fields of the frames model"
    output = record["output"]
    assert f'"bytes": {output["bytes"]},' in shown
    assert f'"sha256": "{output["sha256"]}"' in shown
    assert os.path.getsize("scores.jsonl") == output["bytes"]


def _regenerate_readme():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "regenerate_readme", ROOT / "scripts" / "regenerate_readme.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_command_blocks_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks scripts/regenerate_readme.py writes still match what the commands print."""
    script = _regenerate_readme()
    monkeypatch.chdir(ROOT)
    for name, args in script.COMMANDS.items():
        assert script.replace_block(README, name, script.command_output(args)) == README, (
            f"README block {name} is stale: run python scripts/regenerate_readme.py"
        )
