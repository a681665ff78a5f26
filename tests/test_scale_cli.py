"""`framing score` at scale: --jobs, --resume after a real kill, --errors, --engine dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from framing.cli import main
from framing.run.engine_dask import INSTALL_HINT
from framing.run.local import score_corpus
from framing.run.output import json_row

sys.path.insert(0, str(ROOT / "scripts"))
import make_corpus


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough articles for several chunks, so --jobs 2 really uses two workers."""
    return make_corpus.write_jsonl(tmp_path_factory.mktemp("c") / "corpus.jsonl", 150)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jobs_two_writes_what_jobs_one_writes(corpus: Path, tmp_path: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.{fmt}"
        result = invoke("score", str(corpus), "--format", fmt, "-o", str(out), "--jobs", jobs)
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 150 + (fmt == "csv")


def test_errors_report_lists_every_skipped_line_and_exit_status_is_1(tmp_path: Path) -> None:
    good = [json.dumps(make_corpus.article(i)) for i in range(3)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], "{broken", good[1], "[1, 2]", good[2]]) + "\n")
    errors = tmp_path / "errors.jsonl"
    out = tmp_path / "out.jsonl"
    result = invoke(
        "score", str(path), "--format", "jsonl", "-o", str(out), "--errors", str(errors)
    )
    assert result.exit_code == 1
    assert len(out.read_text().splitlines()) == 3
    report = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(r["source"], r["line"]) for r in report] == [(str(path), 2), (str(path), 4)]
    assert all(r["reason"] for r in report)
    assert f"every one with its reason in {errors}" in result.stderr


def test_errors_report_is_written_empty_when_nothing_was_skipped(corpus, tmp_path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = invoke("score", str(corpus), "--format", "jsonl", "--errors", str(errors), "-j", "1")
    assert result.exit_code == 0
    assert errors.read_text() == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "--resume needs --output FILE"),
        (["--resume", "-o", "x.txt"], "format 'table' cannot be written to a file resumably"),
        (["--scheduler", "tcp://h:1"], "--scheduler applies to --engine dask only"),
        (["--engine", "dask", "--format", "csv", "-o", "d"], "leave out --format"),
        (["--engine", "dask"], "--engine dask needs --output FOLDER"),
        (["--engine", "dask", "--evidence", "-o", "d"], "does not write --evidence"),
    ],
)
def test_usage_errors(corpus, tmp_path, monkeypatch, args, message) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("score", str(corpus), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_dask_engine_without_dask_says_how_to_install_it(corpus, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = invoke("score", str(corpus), "--engine", "dask", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {INSTALL_HINT}"


# --- a real kill ---------------------------------------------------------------------------


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_killed_run_resumes_with_every_row_exactly_once(tmp_path: Path, jobs: str) -> None:
    corpus = make_corpus.write_jsonl(tmp_path / "corpus.jsonl", 1200)
    out = tmp_path / "scores.jsonl"
    partial = tmp_path / "scores.jsonl.partial"
    command = [sys.executable, "-m", "framing", "score", str(corpus), "--format", "jsonl",
               "--output", str(out), "--jobs", jobs]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _lines(partial) < 200:
        assert run.poll() is None, "the run ended before it could be killed: use more articles"
        assert time.monotonic() < deadline, "the run wrote too little in 300 s"
        time.sleep(0.02)
    helpers = _descendants(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    run.stderr.close()  # type: ignore[union-attr]
    # Nothing is left running: worker processes notice their parent is gone and exit.
    deadline = time.monotonic() + 60
    while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in helpers if _alive(p)]
    assert not out.exists() and partial.exists()
    kept = _lines(partial)
    assert 200 <= kept < 1200

    resumed = subprocess.run([*command, "--resume"], env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"kept {kept} rows" in resumed.stderr
    assert not partial.exists()
    reference = "".join(json_row(s.to_dict()) + "\n" for s in score_corpus([corpus]))
    assert out.read_text(encoding="utf-8") == reference
    ids = [json.loads(line)["id"] for line in reference.splitlines()]
    assert len(ids) == len(set(ids)) == 1200
