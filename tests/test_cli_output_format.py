"""The output format follows ``-o FILE``'s suffix when ``--format`` is not given; a
``--format`` the suffix contradicts is a one-line usage error; an explicit ``--format``
writes what it always wrote (``format_for_output`` in ``framing/cli/common.py``).

Before the rule, ``framing score seeds/ -o scores.csv`` wrote the readable table into
scores.csv, which ``framing compare --scores scores.csv`` then refused: every inference and
contradiction test here failed then."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from framing.cli import main
from framing.cli.common import SUFFIX_FORMATS, format_for_output, suffix_format
from framing.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "seeds")
ARTICLE = str(ROOT / "seeds" / "004_a700fc40aa063632.txt")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def ok(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def assert_usage_error(result: Result, *words: str) -> str:
    """Exit 2, one line on standard error naming ``words``, no traceback."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def scores_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds scored by ``--format csv`` (explicit), for compare and validate."""
    path = tmp_path_factory.mktemp("scores") / "scores.csv"
    ok("score", SEEDS, "--format", "csv", "-o", str(path), "-q")
    return path


@pytest.fixture(scope="module")
def codes_csv(scores_csv: Path) -> Path:
    """Codes for the seeds' ids (two coders agreeing), for validate."""
    with scores_csv.open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    path = scores_csv.parent / "codes.csv"
    values = [-2, -1, 0, 1, 2]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "coder1", "coder2"])
        for i, article_id in enumerate(ids):
            writer.writerow([article_id, values[i % 5], values[i % 5]])
    return path


# --- the rule itself ---------------------------------------------------------------------

ALL = ("table", "csv", "tsv", "jsonl", "json", "parquet", "markdown")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x.csv", "csv"),
        ("x.CSV", "csv"),
        ("dir.v2/x.tsv", "tsv"),
        ("x.jsonl", "jsonl"),
        ("x.ndjson", "jsonl"),
        ("x.json", "json"),
        ("x.parquet", "parquet"),
        ("x.md", "markdown"),
        ("x.txt", "table"),
        ("x", "table"),
        ("x.jsonl.gz", "table"),
        (".csv", "table"),  # a dot file has no suffix
        ("-", "table"),
        (None, "table"),
    ],
)
def test_without_format_the_suffix_picks_it(name: str | None, expected: str) -> None:
    assert format_for_output("table", name, explicit=False, choices=ALL) == expected


def test_every_known_suffix_names_a_format_some_command_writes() -> None:
    assert set(SUFFIX_FORMATS.values()) <= set(ALL)
    assert suffix_format("-") is None and suffix_format(None) is None


@pytest.mark.parametrize("fmt", ALL)
def test_an_explicit_format_with_an_agreeing_or_unknown_suffix_is_kept(fmt: str) -> None:
    for name in (None, "-", "x.txt", "x", *[s for s, f in SUFFIX_FORMATS.items() if f == fmt]):
        assert format_for_output(fmt, name, explicit=True, choices=ALL) == fmt


def test_an_explicit_format_the_suffix_contradicts_is_an_error() -> None:
    with pytest.raises(UsageError) as err:
        format_for_output("jsonl", "x.csv", explicit=True, choices=ALL)
    assert str(err.value) == (
        "--format jsonl contradicts --output x.csv (a .csv file is csv): give --format csv"
        " or leave --format out, or name the file *.jsonl or *.ndjson"
    )


def test_a_suffix_naming_a_format_the_command_does_not_write_is_an_error() -> None:
    with pytest.raises(UsageError) as err:
        format_for_output(
            "table", "x.csv", explicit=False, choices=("table", "json"), command="framing x"
        )
    assert str(err.value) == (
        "--output x.csv: a .csv file is csv, which framing x does not write"
        " (it writes table, json): name the file *.txt or *.json"
    )


# --- framing score ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "fmt"),
    [
        (".csv", "csv"),
        (".tsv", "tsv"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "json"),
    ],
)
def test_score_takes_the_format_from_the_suffix(tmp_path: Path, suffix: str, fmt: str) -> None:
    inferred, explicit = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    ok("score", SEEDS, "-o", str(inferred), "-q")
    ok("score", SEEDS, "--format", fmt, "-o", str(explicit), "-q")
    assert inferred.read_bytes() == explicit.read_bytes()
    assert not inferred.read_text(encoding="utf-8").startswith("id ")  # not the table
    side = json.loads(Path(f"{inferred}.provenance.json").read_text(encoding="utf-8"))
    assert side["options"]["fmt"] == fmt  # the provenance names the format written
    assert side["output"]["format"] == fmt


def test_score_takes_parquet_from_the_suffix(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    inferred, explicit = tmp_path / "a.parquet", tmp_path / "b.parquet"
    ok("score", SEEDS, "-o", str(inferred), "-q")
    ok("score", SEEDS, "--format", "parquet", "-o", str(explicit), "-q")
    assert pq.read_table(inferred).equals(pq.read_table(explicit))


def test_a_scores_csv_named_by_its_suffix_is_what_compare_reads(tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    ok("score", SEEDS, "-o", str(scores), "-q")
    result = ok("compare", "--scores", str(scores), "--format", "csv", "-q")
    assert result.stdout.startswith("outlet,measure,n,")


@pytest.mark.parametrize("name", ["scores.txt", "scores"])
def test_score_writes_the_table_to_a_suffix_that_names_no_format(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    ok("score", SEEDS, "-o", str(out), "-q")
    assert out.read_text(encoding="utf-8") == ok("score", SEEDS, "--format", "table").stdout


def test_score_on_standard_output_stays_the_table() -> None:
    assert ok("score", SEEDS).stdout == ok("score", SEEDS, "--format", "table").stdout
    assert ok("score", SEEDS, "-o", "-").stdout == ok("score", SEEDS).stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json", "table"])
def test_score_with_an_explicit_format_is_unchanged(tmp_path: Path, fmt: str) -> None:
    """The file holds exactly what the same --format writes to standard output."""
    out = tmp_path / ("out.txt" if fmt == "table" else f"out.{fmt}")
    ok("score", SEEDS, "--format", fmt, "-o", str(out), "-q")
    stdout = ok("score", SEEDS, "--format", fmt).stdout
    assert out.read_text(encoding="utf-8") == stdout


@pytest.mark.parametrize(
    ("fmt", "name", "named"),
    [
        ("jsonl", "x.csv", "csv"),
        ("csv", "x.jsonl", "jsonl"),
        ("json", "x.jsonl", "jsonl"),
        ("table", "x.csv", "csv"),
        ("parquet", "x.csv", "csv"),
        ("csv", "x.parquet", "parquet"),
    ],
)
def test_score_refuses_a_format_the_suffix_contradicts(
    tmp_path: Path, fmt: str, name: str, named: str
) -> None:
    out = tmp_path / name
    result = run("score", SEEDS, "--format", fmt, "-o", str(out))
    assert_usage_error(result, f"--format {fmt}", f"--output {out}", f"--format {named}")
    assert not out.exists()
    assert sorted(tmp_path.iterdir()) == []  # nothing written, nothing left


def test_score_refuses_a_suffix_it_does_not_write(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    assert_usage_error(run("score", SEEDS, "-o", str(out)), str(out), "markdown")
    assert not out.exists()


def test_score_resumes_a_file_named_for_its_format(tmp_path: Path) -> None:
    """--resume without --format: the suffix picks a resumable format (the table is not)."""
    out = tmp_path / "scores.jsonl"
    ok("score", SEEDS, "-o", str(out), "-q", "--resume")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


# --- every other command with -o -------------------------------------------------------


def test_compare_takes_the_format_from_the_suffix(tmp_path: Path, scores_csv: Path) -> None:
    for suffix, fmt in ((".csv", "csv"), (".jsonl", "jsonl"), (".md", "markdown")):
        out = tmp_path / f"groups{suffix}"
        ok("compare", "--scores", str(scores_csv), "-o", str(out), "-q")
        explicit = ok("compare", "--scores", str(scores_csv), "--format", fmt, "-q").stdout
        assert out.read_text(encoding="utf-8") == explicit


def test_compare_takes_parquet_from_the_suffix(tmp_path: Path, scores_csv: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    inferred, explicit = tmp_path / "a.parquet", tmp_path / "b.parquet"
    ok("compare", "--scores", str(scores_csv), "-o", str(inferred), "-q")
    ok("compare", "--scores", str(scores_csv), "--format", "parquet", "-o", str(explicit), "-q")
    assert pq.read_table(inferred).equals(pq.read_table(explicit))


@pytest.mark.parametrize(("suffix", "fmt"), [(".json", "json"), (".jsonl", "jsonl")])
def test_explain_takes_the_format_from_the_suffix(tmp_path: Path, suffix: str, fmt: str) -> None:
    out = tmp_path / f"e{suffix}"
    ok("explain", ARTICLE, "-o", str(out))
    assert out.read_text(encoding="utf-8") == ok("explain", ARTICLE, "--format", fmt).stdout


@pytest.mark.parametrize(
    "command",
    [
        ["terms", SEEDS],
        ["kwic", "security", SEEDS],
        ["collocations", SEEDS, "--min-count", "1"],
        ["lexicons", "diagnose", "state_wire", SEEDS],
    ],
)
@pytest.mark.parametrize(("suffix", "fmt"), [(".csv", "csv"), (".tsv", "tsv"), (".json", "json")])
def test_the_corpus_tools_take_the_format_from_the_suffix(
    tmp_path: Path, command: list[str], suffix: str, fmt: str
) -> None:
    out = tmp_path / f"out{suffix}"
    ok(*command, "-o", str(out))
    assert out.read_text(encoding="utf-8") == ok(*command, "--format", fmt).stdout


@pytest.mark.parametrize(("suffix", "fmt"), [(".csv", "csv"), (".json", "json")])
def test_benchmark_list_takes_the_format_from_the_suffix(
    tmp_path: Path, suffix: str, fmt: str
) -> None:
    out = tmp_path / f"adapters{suffix}"
    ok("benchmark", "--list", "-o", str(out))
    assert out.read_text(encoding="utf-8") == ok("benchmark", "--list", "--format", fmt).stdout


def test_validate_takes_the_format_from_the_suffix(
    tmp_path: Path, scores_csv: Path, codes_csv: Path
) -> None:
    args = ["validate", str(codes_csv), "--scores", str(scores_csv), "--axis", "state_wire"]
    out = tmp_path / "v.csv"
    ok(*args, "--n-boot", "100", "-o", str(out))
    assert out.read_text(encoding="utf-8") == ok(*args, "--n-boot", "100", "--format", "csv").stdout
    as_json = tmp_path / "v.json"
    ok(*args, "--n-boot", "100", "-o", str(as_json))
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert data["provenance"]["options"]["fmt"] == "json"


def contradicting(scores: Path, codes: Path) -> list[tuple[list[str], str, str]]:
    """(command, --format, a file name whose suffix names another format) per command."""
    return [
        (["compare", "--scores", str(scores)], "jsonl", "g.csv"),
        (["compare", "--scores", str(scores)], "markdown", "g.json"),
        (["explain", ARTICLE], "json", "e.jsonl"),
        (["terms", SEEDS], "csv", "t.tsv"),
        (["kwic", "security", SEEDS], "jsonl", "k.json"),
        (["collocations", SEEDS], "table", "c.csv"),
        (["lexicons", "diagnose", "state_wire", SEEDS], "tsv", "d.csv"),
        (["benchmark", "--list"], "csv", "b.json"),
        (
            ["validate", str(codes), "--scores", str(scores), "--axis", "state_wire"],
            "json",
            "v.csv",
        ),
    ]


def test_every_command_refuses_a_format_the_suffix_contradicts(
    tmp_path: Path, scores_csv: Path, codes_csv: Path
) -> None:
    for command, fmt, name in contradicting(scores_csv, codes_csv):
        out = tmp_path / name
        result = CliRunner().invoke(main, [*command, "--format", fmt, "-o", str(out)])
        assert_usage_error(result, f"--format {fmt}", f"--output {out}", "contradicts")
        assert not out.exists(), command


@pytest.mark.parametrize(
    ("command", "name", "format_named"),
    [
        (["explain", ARTICLE], "e.csv", "csv"),
        (["benchmark", "--list"], "b.jsonl", "jsonl"),
        (["terms", SEEDS], "t.parquet", "parquet"),
        (["kwic", "security", SEEDS], "k.md", "markdown"),
    ],
)
def test_a_suffix_the_command_does_not_write_is_refused(
    tmp_path: Path, command: list[str], name: str, format_named: str
) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(main, [*command, "-o", str(out)])
    assert_usage_error(result, f"--output {out}", format_named, "does not write")
    assert not out.exists()


def test_sample_refuses_a_sheet_or_key_named_for_another_format(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.tsv"
    result = CliRunner().invoke(main, ["sample", SEEDS, "--n", "2", "-o", str(sheet)])
    assert_usage_error(result, f"--output {sheet}", "tsv", "*.csv")
    good, key = tmp_path / "sheet.csv", tmp_path / "key.jsonl"
    result = CliRunner().invoke(
        main, ["sample", SEEDS, "--n", "2", "-o", str(good), "--key", str(key)]
    )
    assert_usage_error(result, f"--key {key}", "jsonl")
    assert sorted(tmp_path.iterdir()) == []
    ok("sample", SEEDS, "--n", "2", "-o", str(tmp_path / "sheet.txt"))  # no format named: CSV
    assert (tmp_path / "sheet.txt").read_text(encoding="utf-8").startswith("id,")


@pytest.mark.parametrize(
    "command",
    [
        ["score"],
        ["compare"],
        ["explain"],
        ["benchmark"],
        ["validate"],
        ["terms"],
        ["kwic"],
        ["collocations"],
        ["lexicons", "diagnose"],
    ],
)
def test_help_states_the_rule(command: list[str]) -> None:
    text = " ".join(ok(*command, "--help").output.split())
    assert "Without --format, -o FILE's suffix picks it" in text
    assert "contradicts --format" in text


def test_commands_without_output_do_not_mention_it() -> None:
    for command in (["lexicons", "list"], ["lexicons", "show"]):
        assert "suffix" not in ok(*command, "--help").output
