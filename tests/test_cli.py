"""The CLI through click's CliRunner: exit status first, then output; errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, TESTS

from framing.cli import main


@pytest.fixture
def run():
    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(main, list(args), input=input)

    return invoke


def test_every_command_has_help_with_an_example(run) -> None:
    commands = [[]]
    for name, cmd in main.commands.items():
        commands.append([name])
        for sub in getattr(cmd, "commands", {}):
            commands.append([name, sub])
    for args in commands:
        result = run(*args, "--help")
        assert result.exit_code == 0, args
        assert "Example" in result.stdout, f"framing {' '.join(args)} --help has no example"


def test_help_is_fast_because_heavy_imports_are_lazy() -> None:
    code = (
        "import sys; import framing.cli; "
        "heavy = [m for m in ('pandas', 'sklearn', 'nltk', 'datasets', 'matplotlib', 'scipy',"
        " 'vaderSentiment', 'numpy') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_lexicons_list(run) -> None:
    result = run("lexicons", "list", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"threat_exchange", "state_wire"} <= {r["axis"] for r in rows}
    for r in rows:
        assert r["version"] and r["negative_entries"] > 0 and r["positive_entries"] > 0


def test_lexicons_list_with_user_folder(run, tmp_path: Path) -> None:
    (tmp_path / "toy.yaml").write_text((TESTS / "data" / "toy_axis.yaml").read_text())
    result = run("lexicons", "list", "--lexicons", str(tmp_path), "--format", "csv")
    assert result.exit_code == 0
    assert "toy,0.1.0,threat,friend,4,3" in result.stdout


def test_lexicons_show(run) -> None:
    result = run("lexicons", "show", "threat_exchange", "--format", "jsonl")
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert set(first) == {"pole", "term", "weight", "line"}


def test_lexicons_show_unknown_axis_is_a_usage_error(run) -> None:
    result = run("lexicons", "show", "nope")
    assert result.exit_code == 2
    assert "Unknown axis 'nope'. Available:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_lexicons_check_ok_and_bad(run, tmp_path: Path) -> None:
    good = TESTS / "data" / "toy_axis.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text().replace("threat: 1.0", "threat: -1").replace("welcome: 1.0", "welcome: x")
    )
    result = run("lexicons", "check", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{good}: ok (toy 0.1.0, 7 entries)" in result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert len(problems) == 2 and problems[0].startswith(f"{bad}:17:")
    assert "1 of 2 lexicon files have problems" in result.stderr


def test_shipped_lexicons_pass_check(run) -> None:
    files = sorted(str(p) for p in (ROOT / "lexicons").glob("*.yaml"))
    result = run("lexicons", "check", *files)
    assert result.exit_code == 0, result.stderr


def test_missing_lexicon_folder_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("lexicons", "list", "--lexicons", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "not a folder" in result.stderr
