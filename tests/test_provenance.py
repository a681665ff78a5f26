"""Provenance in every output: what produced it, with checksums equal to hashlib's on the
files, the options used, never a stale record beside an output, and the same record (but
the time) from two runs of one command."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.run.provenance import (
    PARQUET_KEY,
    build_provenance,
    read_provenance,
    sidecar_path,
    without_time,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "seeds")
FAST = ["--n-boot", "100", "--n-perm", "100", "-q"]


def _sha(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def _sidecar(path: Path) -> dict:
    return json.loads(Path(sidecar_path(path)).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``framing score seeds/ -o scores.jsonl`` (read by several tests; never changed)."""
    out = tmp_path_factory.mktemp("scored") / "scores.jsonl"
    _run(["score", SEEDS, "--format", "jsonl", "--evidence", "-o", str(out), "-q"])
    return out


# --- what it holds -----------------------------------------------------------------------


def test_checksums_equal_hashlib_on_the_shipped_files(scored: Path) -> None:
    record = _sidecar(scored)
    lexicons = {lex["id"]: lex for lex in record["lexicons"]}
    assert set(lexicons) == {"state_wire", "threat_exchange"}
    for lex in lexicons.values():
        assert lex["sha256"] == _sha(lex["path"]) and lex["version"]
    models = {m["id"]: m for m in record["models"]}
    assert set(models) == {"frames", "state_wire", "threat_exchange_evidence"}
    for name, model in models.items():
        assert model["sha256"] == _sha(ROOT / "framing" / "data" / "models" / f"{name}.json")
        assert model["shipped"] and model["sha256"] == _sha(model["path"])
        assert model["checksum"].startswith("sha256:")
    shipped = json.loads(
        (ROOT / "framing" / "data" / "models" / "threat_exchange_evidence.json").read_text()
    )
    assert models["threat_exchange_evidence"]["lexicon_weight"] == shipped["task"]["lexicon_weight"]
    # the output it describes, and the input folder (its files' paths and sha256)
    assert record["output"]["sha256"] == _sha(scored)
    assert record["output"]["bytes"] == scored.stat().st_size
    (seeds,) = record["inputs"]
    assert seeds["kind"] == "folder" and seeds["path"] == SEEDS
    files = sorted(p for p in Path(SEEDS).rglob("*") if p.suffix in (".txt", ".md"))
    files += [Path(SEEDS) / "manifest.csv"]
    listing = "".join(f"{p.relative_to(SEEDS).as_posix()}\t{_sha(p)}\n" for p in sorted(files))
    assert seeds["sha256"] == hashlib.sha256(listing.encode()).hexdigest()
    assert seeds["files"] == len(files)
    assert record["framing"] and record["python"] and record["created"]


def test_options_are_recorded_resolved_and_the_left_out_ones_named(tmp_path: Path) -> None:
    out = tmp_path / "groups.csv"
    _run(["compare", SEEDS, "--format", "csv", "-o", str(out), "--seed", "7", *FAST, "-j", "1"])
    record = _sidecar(out)
    options = record["options"]
    assert options["seed"] == 7 and options["n_perm"] == 100 and options["n_boot"] == 100
    assert options["correction"] == "holm" and options["test"] == "welch"  # defaults too
    assert options["by"] == "outlet" and options["measures"] == []
    for left_out in ("jobs", "quiet", "output", "paths"):
        assert left_out not in options and record["omitted"][left_out]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json", "table"])
def test_score_file_outputs_have_a_sidecar(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"scores.{fmt}"
    _run(["score", SEEDS, "--format", fmt, "-o", str(out), "-q"])
    record = _sidecar(out)
    assert record["command"] == "framing score" and record["options"]["fmt"] == fmt
    assert record["output"]["sha256"] == _sha(out)
    assert read_provenance(out) == record


def test_score_parquet_carries_it_in_the_metadata(tmp_path: Path) -> None:
    out = tmp_path / "scores.parquet"
    _run(["score", SEEDS, "--format", "parquet", "--evidence", "-o", str(out), "-q"])
    meta = pq.read_schema(out).metadata
    record = json.loads(meta[PARQUET_KEY.encode()])
    assert record["command"] == "framing score" and record["options"]["evidence"] is True
    assert not Path(sidecar_path(out)).exists()
    assert pq.read_table(out).num_rows == 5
    # and compare reads it back, its provenance nested as the source
    groups = tmp_path / "groups.parquet"
    _run(["compare", "--scores", str(out), "--format", "parquet", "-o", str(groups), *FAST])
    nested = json.loads(pq.read_schema(groups).metadata[PARQUET_KEY.encode()])
    assert nested["source"] == record
    assert nested["inputs"][0]["sha256"] == _sha(out)


def test_score_parquet_needs_an_output_file() -> None:
    result = CliRunner().invoke(main, ["score", SEEDS, "--format", "parquet"])
    assert result.exit_code == 2 and "--output FILE.parquet" in result.output


def test_compare_scores_carries_the_scores_file_provenance(scored: Path, tmp_path: Path) -> None:
    out = tmp_path / "contrasts.json"
    args = ["compare", "--scores", str(scored), "--format", "json", "--table", "contrasts"]
    _run([*args, "-o", str(out), *FAST])
    record = _sidecar(out)
    assert record["source"] == _sidecar(scored)
    assert record["source"]["output"]["sha256"] == record["inputs"][0]["sha256"] == _sha(scored)
    assert record["lexicons"] == [] and record["models"] == []  # they are the source's


def test_the_report_has_a_folded_provenance_section(tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    _run(["compare", SEEDS, "--report", str(report), "-o", str(tmp_path / "t.txt"), *FAST])
    html = report.read_text(encoding="utf-8")
    section = html[html.index("<section id='provenance'>") :]
    assert section.startswith("<section id='provenance'><details><summary>Provenance</summary>")
    lexicon = ROOT / "lexicons" / "state_wire.yaml"
    assert f"sha256:{_sha(lexicon)}" in section
    assert "&quot;n_perm&quot;: 100" in section  # the whole record, as JSON
    assert not Path(sidecar_path(report)).exists()  # the report carries its own


def test_standard_output_writes_it_on_request(tmp_path: Path) -> None:
    where = tmp_path / "prov.json"
    result = CliRunner().invoke(
        main, ["score", SEEDS, "--format", "csv", "-q", "--provenance", str(where)]
    )
    assert result.exit_code == 0
    record = json.loads(where.read_text(encoding="utf-8"))
    assert record["output"] == {"path": "standard output", "format": "csv"}
    assert not list(tmp_path.glob("*.provenance.json"))


def test_benchmark_and_validate_json_have_a_provenance_key(tmp_path: Path) -> None:
    labeled = tmp_path / "labeled.csv"
    with labeled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "kind"])
        for i in range(4):
            writer.writerow([f"Officials warned of a national security threat {i}.", "state"])
            writer.writerow([f"Reuters reported the vote, officials said {i}.", "wire"])
    bench = tmp_path / "bench.json"
    args = ["benchmark", str(labeled), "--label-column", "kind", "--positive", "state"]
    args += ["--negative", "wire", "--axis", "state_wire", "--n-boot", "100", "-q"]
    _run([*args, "--format", "json", "-o", str(bench)])
    record = json.loads(bench.read_text(encoding="utf-8"))["provenance"]
    assert record["command"] == "framing benchmark" and record["options"]["n_boot"] == 100
    assert record["inputs"][0]["sha256"] == _sha(labeled)
    assert {lex["id"] for lex in record["lexicons"]} == {"state_wire", "threat_exchange"}

    scores = tmp_path / "scores.csv"
    _run(["score", SEEDS, "--format", "csv", "-o", str(scores), "-q"])
    ids = [row["id"] for row in csv.DictReader(scores.open(encoding="utf-8"))]
    codes = tmp_path / "codes.csv"
    with codes.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "state_wire_coder1", "state_wire_coder2"])
        for i, name in enumerate(ids):
            writer.writerow([name, i % 3 - 1, i % 3 - 1])
    args = ["validate", str(codes), "--scores", str(scores), "--axis", "state_wire"]
    result = CliRunner().invoke(main, [*args, "--format", "json", "--n-boot", "100"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)["provenance"]
    assert record["source"] == _sidecar(scores)
    assert [i["sha256"] for i in record["inputs"]] == [_sha(codes), _sha(scores)]


def test_train_writes_it_beside_the_model(tmp_path: Path) -> None:
    from toy_texts import LABELS, TEXTS

    data = tmp_path / "labeled.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for _ in range(2):
            writer.writerows(
                (t, "threat" if lab == "threat" else "friend")
                for t, lab in zip(TEXTS, LABELS, strict=True)
            )
    model = tmp_path / "toy.json"
    lexicons = str(ROOT / "tests" / "data")
    _run(["train", str(data), "--axis", "toy", "--lexicons", lexicons, "--out", str(model), "-q"])
    record = _sidecar(model)
    assert record["output"]["sha256"] == _sha(model)
    assert record["options"]["cv"] == 5 and record["options"]["axis"] == "toy"
    assert record["inputs"][0]["sha256"] == _sha(data)
    assert [lex["id"] for lex in record["lexicons"]] == ["toy"]


# --- never stale -----------------------------------------------------------------------


def test_a_run_that_writes_nothing_leaves_output_and_sidecar_alone(tmp_path: Path) -> None:
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"id": "a", "body": "no text field"}\n', encoding="utf-8")
    for fmt, name in (("csv", "scores.csv"), ("table", "scores.txt")):
        out = tmp_path / name
        _run(["score", SEEDS, "--format", fmt, "-o", str(out), "-q"])
        before = out.read_bytes(), Path(sidecar_path(out)).read_bytes()
        result = CliRunner().invoke(main, ["score", str(bad), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 1
        assert (out.read_bytes(), Path(sidecar_path(out)).read_bytes()) == before
    fresh = tmp_path / "never.csv"
    result = CliRunner().invoke(main, ["score", str(bad), "--format", "csv", "-o", str(fresh)])
    assert result.exit_code == 1
    assert not fresh.exists() and not Path(sidecar_path(fresh)).exists()


def test_a_failing_write_leaves_no_sidecar(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "groups.csv"

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("framing.run.output.RowWriter.close", boom)
    result = CliRunner().invoke(main, ["compare", SEEDS, "--format", "csv", "-o", str(out), *FAST])
    assert result.exit_code == 1
    assert not out.exists() and not Path(sidecar_path(out)).exists()
    assert not list(tmp_path.iterdir())  # no temporary file left either


def test_an_embedded_output_removes_an_older_sidecar(tmp_path: Path) -> None:
    labeled = tmp_path / "labeled.csv"
    labeled.write_text(
        "text,kind\n" + "".join(f"A threat {i}.,a\nFriends {i}.,b\n" for i in range(3)),
        encoding="utf-8",
    )
    out = tmp_path / "bench.out"
    args = ["benchmark", str(labeled), "--label-column", "kind", "--positive", "a"]
    args += ["--negative", "b", "--axis", "threat_exchange", "--pole", "threat"]
    args += ["--n-boot", "100", "-q", "-o", str(out)]
    _run([*args, "--format", "csv"])
    assert Path(sidecar_path(out)).exists()
    _run([*args, "--format", "json"])  # now the record is inside the file
    assert not Path(sidecar_path(out)).exists()
    assert "provenance" in json.loads(out.read_text(encoding="utf-8"))


def test_a_sidecar_that_describes_another_version_is_marked_stale(tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    _run(["score", SEEDS, "--format", "jsonl", "-o", str(out), "-q"])
    assert "stale" not in (read_provenance(out) or {})
    out.write_text(out.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "sha256 differs" in (read_provenance(out) or {})["stale"]


# --- deterministic -----------------------------------------------------------------------


def test_two_runs_give_the_same_provenance_but_the_time(tmp_path: Path) -> None:
    out = tmp_path / "groups.csv"
    records = []
    for jobs in ("1", "2"):  # the worker count is not part of it
        _run(["compare", SEEDS, "--format", "csv", "-o", str(out), *FAST, "-j", jobs])
        records.append(_sidecar(out))
    assert records[0]["created"] and records[1]["created"]
    assert without_time(records[0]) == without_time(records[1])


def test_build_provenance_differs_only_in_created() -> None:
    from datetime import UTC, datetime

    a = build_provenance("x", {"seed": 1}, inputs=[SEEDS], now=datetime(2020, 1, 1, tzinfo=UTC))
    b = build_provenance("x", {"seed": 1}, inputs=[SEEDS])
    assert a["created"] == "2020-01-01T00:00:00+00:00" != b["created"]
    assert without_time(a) == without_time(b)
    assert build_provenance("x", {"seed": 2}, inputs=[SEEDS])["options"] == {"seed": 2}


def test_the_dask_engine_writes_it_beside_the_output_folder(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed]")
    shard = tmp_path / "in" / "part-0.jsonl"
    shard.parent.mkdir()
    texts = ["Officials warned of a threat.", "Friends met at a cultural exchange."]
    shard.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    out = tmp_path / "out"
    _run(["score", str(shard), "--engine", "dask", "-o", str(out), "-j", "1", "-q"])
    record = json.loads((tmp_path / "out.provenance.json").read_text(encoding="utf-8"))
    assert record["output"] == {"path": str(out), "format": "parquet folder"}
    assert record["inputs"][0]["sha256"] == _sha(shard)
    assert record["options"]["engine"] == "dask" and "scheduler" in record["omitted"]
