"""Never destroy data: inputs and earlier outputs survive every failure and misuse (issue 16A).

Each test here failed on main before the fix."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.run import checkpoint
from framing.run.files import OutputLock, atomic_write, lock_path

ROOT = Path(__file__).resolve().parent.parent
OLD = b"id,score\nkeep,me\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def articles(path: Path, n: int = 3, *, field: str = "text", ids: list[str] | None = None) -> Path:
    rows = [
        {
            "id": (ids[i] if ids else f"a{i}"),
            field: f"Officials warned of a threat {i}. Friends met.",
        }
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return articles(tmp_path / "in.jsonl")


@pytest.fixture
def old_output(tmp_path: Path) -> Path:
    out = tmp_path / "out.csv"
    out.write_bytes(OLD)
    return out


# --- 1. an empty or failed run never replaces a good output ----------------------------


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("csv", ".csv"), ("jsonl", ".jsonl"), ("json", ".json"), ("table", ".txt")]
)
def test_score_that_scores_nothing_keeps_the_old_output(corpus, old_output, fmt, suffix):
    # named so --format agrees with the suffix (a contradiction is refused before any work)
    old_output = old_output.rename(old_output.with_suffix(suffix))
    result = run("score", str(corpus), "-o", str(old_output), "--format", fmt, "--text-column", "x")
    assert result.exit_code == 1
    assert old_output.read_bytes() == OLD
    assert "every other article was scored" not in result.stderr
    assert "no article was scored" in result.stderr
    assert f"{old_output} not written" in result.stderr
    assert sorted(p.name for p in old_output.parent.iterdir()) == ["in.jsonl", old_output.name]


def test_skipped_summary_is_true_when_some_are_scored(tmp_path, corpus):
    corpus.write_text(corpus.read_text() + '{"id": "bad"}\n', encoding="utf-8")
    result = run("score", str(corpus), "--format", "csv")
    assert result.exit_code == 1
    assert "skipped 1 of 4 inputs (the 3 others were scored)" in result.stderr


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_compare_that_scores_nothing_keeps_the_old_output(corpus, old_output, option):
    fmt = ["--format", "csv"] if option == "-o" else []
    result = run("compare", str(corpus), option, str(old_output), *fmt, "--text-column", "x")
    assert result.exit_code == 1
    assert old_output.read_bytes() == OLD
    assert "no article was scored" in result.stderr


def test_failure_mid_run_keeps_the_old_output(corpus, old_output, monkeypatch):
    def full(self, row):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.partial))

    monkeypatch.setattr(checkpoint.CheckpointWriter, "write", full)
    result = run("score", str(corpus), "-o", str(old_output), "--format", "csv", "--jobs", "1")
    assert result.exit_code == 1
    assert old_output.read_bytes() == OLD


# --- 2. an output cannot be an input ---------------------------------------------------


def test_output_that_is_the_input_is_refused(corpus):
    before = corpus.read_bytes()
    result = run("score", str(corpus), "-o", str(corpus), "--format", "jsonl")
    assert result.exit_code == 2
    assert "is the input" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert corpus.read_bytes() == before


def test_output_inside_an_input_folder_is_refused(tmp_path):
    fold = tmp_path / "fold"
    fold.mkdir()
    (fold / "001.txt").write_text("Officials warned of a threat.", encoding="utf-8")
    result = run("score", str(fold), "-o", str(fold / "001.txt"), "--format", "csv")
    assert result.exit_code == 2
    assert "inside the input folder" in result.stderr
    assert (fold / "001.txt").read_text() == "Officials warned of a threat."


@pytest.mark.parametrize("option", ["-o", "--report", "--errors"])
def test_compare_output_that_is_the_input_is_refused(corpus, option):
    before = corpus.read_bytes()
    result = run("compare", str(corpus), option, str(corpus))
    assert result.exit_code == 2
    assert "is the input" in result.stderr
    assert corpus.read_bytes() == before


def test_one_file_for_two_outputs_is_refused(corpus, tmp_path):
    x = str(tmp_path / "x.jsonl")
    result = run("score", str(corpus), "-o", x, "--errors", x, "--format", "jsonl")
    assert result.exit_code == 2
    assert "give each output its own file" in result.stderr


# --- 3. one writer per output -------------------------------------------------------------

HOLD = """
import sys, time
from framing.run.files import OutputLock
with OutputLock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def _holder(output: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(output)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_is_refused_naming_the_first(corpus, tmp_path):
    out = tmp_path / "two.jsonl"
    proc = _holder(out)
    try:
        result = run("score", str(corpus), "-o", str(out), "--format", "jsonl")
        assert result.exit_code == 1
        assert f"pid {proc.pid}" in result.stderr
        assert "being written by another framing run" in result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_a_killed_run_is_taken_over(corpus, tmp_path):
    out = tmp_path / "two.jsonl"
    proc = _holder(out)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert Path(lock_path(out)).exists()  # the killed run could not remove it
    result = run("score", str(corpus), "-o", str(out), "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert len(out.read_text().splitlines()) == 3
    assert not Path(lock_path(out)).exists()


def test_lock_is_released_and_removed(tmp_path):
    out = tmp_path / "o"
    with OutputLock(out):
        assert Path(lock_path(out)).read_text().strip() == str(os.getpid())
    with OutputLock(out):
        pass
    assert not Path(lock_path(out)).exists()


# --- 4. OS errors: one line, the path, what to do; .partial resumable --------------------


def test_disk_full_keeps_partial_resumable(tmp_path, monkeypatch):
    src = articles(tmp_path / "in.jsonl", 5)
    out = tmp_path / "out.jsonl"
    real = checkpoint.CheckpointWriter.write
    calls = {"n": 0}

    def fill_after_two(self, row):
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.partial))
        real(self, row)

    monkeypatch.setattr(checkpoint.CheckpointWriter, "write", fill_after_two)
    result = run("score", str(src), "-o", str(out), "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "disk is full" in lines[0] and "--resume" in lines[0] and ".partial" in lines[0]
    assert checkpoint.partial_path(out).exists() and not out.exists()
    monkeypatch.setattr(checkpoint.CheckpointWriter, "write", real)
    again = run("score", str(src), "-o", str(out), "--format", "jsonl", "--resume", "--jobs", "1")
    assert again.exit_code == 0, again.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [
        f"a{i}" for i in range(5)
    ]


def test_read_only_folder_is_one_line(corpus, tmp_path, monkeypatch):
    import framing.run.files as files

    def denied(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "ro"))

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    result = run("score", str(corpus), "-o", str(tmp_path / "ro" / "x"), "--format", "csv")
    # the folder does not exist: a usage error; an existing read-only one: exit 1, one line
    assert result.exit_code == 2
    result = run("score", str(corpus), "-o", str(tmp_path / "x.csv"), "--format", "csv")
    assert result.exit_code == 1
    assert "read-only" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_compare_report_into_unwritable_folder_fails_before_scoring(corpus, tmp_path, monkeypatch):
    import framing.comparison.compare as comparison
    import framing.run.files as files

    def denied(*a, **k):
        raise OSError(errno.EACCES, "Permission denied", str(tmp_path))

    def never(*a, **k):
        raise AssertionError("scored before checking the report folder")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    monkeypatch.setattr(comparison, "compare", never)
    result = run("compare", str(corpus), "--report", str(tmp_path / "r.html"))
    assert result.exit_code == 1
    assert "permission denied" in result.stderr and "r.html" in result.stderr


# --- 5. numbers the CLI refuses --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--seed", "-5"),
        ("--seed", str(2**32)),
        ("--n-boot", "100000000"),
        ("--n-perm", "99999999999"),
    ],
)
def test_out_of_range_numbers_are_usage_errors(corpus, args):
    result = run("compare", str(corpus), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "range" in result.stderr


def test_bounds_are_in_help():
    text = run("compare", "--help").output
    assert "2**32-1" in text and "100,000" in text and "1,000,000" in text


# --- 6. misuse is a usage error that lists what exists ----------------------------------


def test_unknown_measure_is_refused(corpus):
    result = run("compare", str(corpus), "--measure", "sentimnt_compound")
    assert result.exit_code == 2
    assert "Unknown measure 'sentimnt_compound'" in result.stderr
    assert "sentiment_compound" in result.stderr


def test_unknown_by_is_refused(corpus):
    result = run("compare", str(corpus), "--by", "outlett")
    assert result.exit_code == 2
    assert "Available:" in result.stderr


# --- 7. permissions follow the umask ----------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_output_follows_the_umask(corpus, tmp_path, umask_022):
    report, groups, rows, table = (tmp_path / n for n in ("r.html", "g.csv", "s.csv", "t.txt"))
    assert (
        run(
            "compare", str(corpus), "--report", str(report), "-o", str(groups), "--format", "csv"
        ).exit_code
        == 0
    )
    assert run("score", str(corpus), "-o", str(rows), "--format", "csv").exit_code == 0
    assert run("score", str(corpus), "-o", str(table)).exit_code == 0
    for path in (report, groups, rows, table):
        assert _mode(path) == 0o644, path


def test_atomic_write_leaves_old_file_on_error(tmp_path, umask_022):
    target = tmp_path / "f"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("new")
        raise RuntimeError
    assert target.read_bytes() == OLD and os.listdir(tmp_path) == ["f"]


# --- 8. repeated ids: accepted, one warning ---------------------------------------------


def test_duplicate_ids_warn_once(tmp_path):
    src = articles(tmp_path / "d.jsonl", 4, ids=["x", "x", "y", "x"])
    result = run("score", str(src), "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 4
    assert result.stderr.count("repeat an id") == 1
    assert "2 articles repeat an id" in result.stderr and "'x'" in result.stderr


# --- 9. an error in the parent ends the worker pool at once ------------------------------

FAIL_IN_POOL = """
import errno, sys
from framing.run import checkpoint
real = checkpoint.CheckpointWriter.write
n = [0]
def write(self, row):
    n[0] += 1
    if n[0] > 40:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.partial))
    real(self, row)
checkpoint.CheckpointWriter.write = write
from framing.cli import main
main(sys.argv[1:])
"""


def test_writer_error_during_pool_run_returns_promptly(tmp_path):
    src = articles(tmp_path / "in.jsonl", 400)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            FAIL_IN_POOL,
            "score",
            str(src),
            "-o",
            str(out),
            "--format",
            "jsonl",
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "disk is full" in proc.stderr and "Traceback" not in proc.stderr
    assert time.monotonic() - start < 120
    assert checkpoint.partial_path(out).exists()


def test_train_out_that_is_the_data_is_refused(tmp_path):
    data = tmp_path / "labeled.csv"
    data.write_text("text,label\nA threat.,state\nFriends.,wire\n", encoding="utf-8")
    before = data.read_bytes()
    result = run("train", str(data), "--axis", "state_wire", "--out", str(data))
    assert result.exit_code == 2
    assert "is the input" in result.stderr
    assert data.read_bytes() == before


def test_train_seed_is_bounded():
    assert run("train", "x.csv", "--out", "m.json", "--seed", "-1").exit_code == 2


def test_lock_of_a_folder_output_is_beside_it(tmp_path):
    assert lock_path(f"{tmp_path}/out/") == f"{tmp_path}/out.lock"
