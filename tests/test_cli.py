"""The CLI through click's CliRunner: exit status first, then output; errors on stderr."""

from __future__ import annotations

import json
import os
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
    assert set(first) == {"pole", "term", "weight", "label", "line"}


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


# --- score and compare ---------------------------------------------------------------


def test_score_seeds_jsonl_rows_are_numeric_and_bounded(run, seeds_dir: Path) -> None:
    result = run("score", str(seeds_dir), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5
    for row in rows:
        for axis in ("threat_exchange", "state_wire"):
            assert isinstance(row[axis], float) and -1 <= row[axis] <= 1
        for column in ("sentiment_compound", "sentiment_pos_share", "sentiment_neg_share"):
            assert isinstance(row[column], float)
        assert row["outlet"] and row["outlet_type"] in {"state", "wire", "other"}


def test_score_table_in_a_pipe_is_plain(run, seeds_dir: Path) -> None:
    result = run("score", str(seeds_dir))
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header[:4] == ["id", "outlet", "outlet_type", "n_tokens"]
    assert "state_wire" in header and "sentiment_compound" in header
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_score_formats_carry_metadata(run, seeds_dir: Path, fmt: str) -> None:
    result = run("score", str(seeds_dir), "--format", fmt)
    assert result.exit_code == 0
    assert "provenance" in result.stdout and "Associated Press" in result.stdout


def test_score_evidence_lists_terms_with_sentences(run, seeds_dir: Path) -> None:
    result = run(
        "score", str(seeds_dir / "004_a700fc40aa063632.txt"), "--format", "json", "--evidence"
    )
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    hits = row["evidence"]["state_wire"]
    assert hits and all(h["text"] and h["term"] for h in hits)


def test_score_reads_jsonl_from_stdin(run) -> None:
    lines = "\n".join(
        json.dumps({"id": f"a{i}", "text": "Officials said spies were a threat.", "outlet": "X"})
        for i in range(3)
    )
    result = run("score", "-", "--format", "csv", input=lines + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\na") == 3


def test_score_output_file_is_written(run, seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    result = run("score", str(seeds_dir), "--format", "csv", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text().splitlines()) == 6
    assert not list(tmp_path.glob(".framing-*"))


def test_output_into_a_missing_folder_is_a_usage_error(
    run, seeds_dir: Path, tmp_path: Path
) -> None:
    result = run("score", str(seeds_dir), "-o", str(tmp_path / "no" / "x.csv"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_missing_input_path_is_one_line(run, tmp_path: Path) -> None:
    result = run("score", str(tmp_path / "nope"))
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1 and str(tmp_path / "nope") in result.stderr
    assert "Traceback" not in result.output


def test_batch_with_bad_files_scores_the_good_ones(run, tmp_path: Path, article) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(200):
        (folder / f"good{i:03d}.txt").write_text(article(i), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cp1252.txt").write_bytes(
        "Caf\xe9 owners said the na\xefve plan was \x93unfounded\x94.".encode("latin-1")
    )
    result = run("score", str(folder), "--format", "jsonl")
    assert result.exit_code == 1
    ids = {json.loads(line)["id"] for line in result.stdout.splitlines()}
    assert {f"good{i:03d}" for i in range(200)} <= ids
    assert "cp1252" in ids
    assert len(ids) == 201
    assert "skipped 2 of 203 inputs" in result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr


def test_compare_seeds_one_row_per_outlet(run, seeds_dir: Path) -> None:
    result = run("compare", str(seeds_dir), "--format", "jsonl", "--wide")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(r["n"] for r in rows) == 5
    assert len(rows) == len({r["outlet"] for r in rows}) == 5


def test_compare_by_outlet_type_has_intervals(run, seeds_dir: Path) -> None:
    result = run("compare", str(seeds_dir), "--by", "outlet_type", "--format", "json", "--wide")
    assert result.exit_code == 0
    rows = {r["outlet_type"]: r for r in json.loads(result.stdout)}
    assert rows["state"]["n"] == 2 and rows["wire"]["n"] == 1
    state = rows["state"]
    assert state["state_wire_low"] <= state["state_wire"] <= state["state_wire_high"]
    assert rows["wire"]["state_wire_low"] is None  # one article: no interval


def test_compare_same_seed_same_numbers(run, seeds_dir: Path) -> None:
    a = run("compare", str(seeds_dir), "--by", "outlet_type", "--format", "csv", "--seed", "7")
    b = run("compare", str(seeds_dir), "--by", "outlet_type", "--format", "csv", "--seed", "7")
    assert a.stdout == b.stdout


def test_compare_by_unknown_field_is_a_usage_error(run, seeds_dir: Path) -> None:
    result = run("compare", str(seeds_dir), "--by", "colour")
    assert result.exit_code == 2
    assert "no article has a field 'colour'" in result.stderr and "provenance" in result.stderr


@pytest.mark.parametrize(
    ("args", "where", "message"),
    [
        (["compare", "--bogus"], "framing compare", "No such option '--bogus'. Did you mean"),
        (["score"], "framing score", "Missing argument 'PATHS...'"),
        (["compare", "x", "--format", "xx"], "framing compare", "'xx' is not one of 'table'"),
        (["compare", "x", "--seed", "-5"], "framing compare", "Invalid value for '--seed'"),
        (["lexicons", "show"], "framing lexicons show", "Missing argument 'AXIS'"),
        (["lexicons", "bogus"], "framing lexicons", "No such command 'bogus'"),
        (["bogus"], "framing", "No such command 'bogus'"),
    ],
)
def test_click_usage_errors_are_one_line(run, args, where, message) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {where}: ") and message in line
    assert line.endswith(f"(see '{where} --help')")


def test_no_arguments_still_prints_the_help(run) -> None:
    result = run()
    assert "Usage: framing [OPTIONS] COMMAND" in result.output and "Commands:" in result.output


@pytest.mark.parametrize("args", [["score", "seeds/"], ["score", "seeds/", "--format", "jsonl"]])
def test_closed_standard_output_ends_quietly(args: list[str]) -> None:
    """`framing score seeds/ | head -1`: the reader leaves; no message, status 141 (SIGPIPE)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "framing", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "FRAMING_PROGRESS": "0"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the first row: every write fails
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert stderr == ""


def test_jsonl_cut_short_is_named_and_the_good_lines_are_scored(run, tmp_path: Path) -> None:
    rows = [{"id": f"a{i}", "text": "Officials said spies were a threat."} for i in range(3)]
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(json.dumps(r) + "\n" for r in rows) + json.dumps(rows[0])[:25])
    result = run("score", str(cut), "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a0", "a1", "a2"]
    (reason,) = [line for line in result.stderr.splitlines() if f"{cut}:4:" in line]
    assert "the file ends before this line's JSON is complete" in reason
    assert "may be cut short; re-export it" in reason
