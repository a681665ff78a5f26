from __future__ import annotations

import csv
import io
import json

import pytest

from framing.run.output import FORMATS, cell, plain_table, render

ROWS = [
    {"id": "a", "score": -0.25, "n": 3, "flag": True, "meta": None},
    {"id": "b", "score": 0.5, "n": 10, "flag": False, "meta": "x, y"},
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_row(fmt: str) -> None:
    text = render(ROWS, fmt)
    assert "a" in text and "b" in text


def test_jsonl_keeps_numbers_numeric() -> None:
    rows = [json.loads(line) for line in render(ROWS, "jsonl").splitlines()]
    assert rows[0]["score"] == -0.25 and rows[1]["n"] == 10 and rows[0]["meta"] is None


def test_json_is_one_array() -> None:
    assert json.loads(render(ROWS, "json")) == ROWS
    assert json.loads(render([], "json")) == []


def test_csv_quotes_and_round_trips() -> None:
    back = list(csv.DictReader(io.StringIO(render(ROWS, "csv"))))
    assert back[1]["meta"] == "x, y" and back[0]["score"] == "-0.25"


def test_nan_is_empty_or_null() -> None:
    assert cell(float("nan")) == ""
    assert json.loads(render([{"x": float("nan")}], "jsonl"))["x"] is None


def test_plain_table_aligns_numbers_right() -> None:
    lines = plain_table(ROWS).splitlines()
    assert lines[0].split() == ["id", "score", "n", "flag", "meta"]
    assert len({len(line) for line in lines[:2]}) == 1


def test_cell_formats() -> None:
    assert cell(-0.0) == "0"
    assert cell(1.0) == "1"
    assert cell(0.123456) == "0.1235"
    assert cell(True) == "true"
    assert cell({"a": 1}) == '{"a": 1}'


# --- a column that first appears in a later row (a warning, a metadata field) -------------


def _late_rows() -> list[dict]:
    return [
        {"id": "a", "score": 0.5},
        {"id": "b", "score": 0.25, "warning": "torn UTF-8"},
        {"id": "c", "score": 0.0, "section": "world", "warning": ""},
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_late_column_widens_the_header_of_a_file(tmp_path, fmt: str) -> None:
    from framing.run.files import atomic_write
    from framing.run.output import RowWriter

    out = tmp_path / f"rows.{fmt}"
    with atomic_write(out) as handle:
        writer = RowWriter(handle, fmt)
        for row in _late_rows():
            writer.write(row)
        writer.close()
    assert writer.rewrites == 2 and not writer.dropped
    delimiter = "," if fmt == "csv" else "\t"
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline=""), delimiter=delimiter))
    assert list(rows[0]) == ["id", "score", "warning", "section"]
    assert [r["warning"] for r in rows] == ["", "torn UTF-8", ""]
    assert [r["section"] for r in rows] == ["", "", "world"]


def test_known_columns_are_in_the_header_from_the_start() -> None:
    from framing.run.output import RowWriter

    buffer = io.StringIO()
    writer = RowWriter(buffer, "csv", known=("warning",))
    writer.write({"id": "a"})
    writer.write({"id": "b", "warning": "late"})
    writer.close()
    assert buffer.getvalue() == "id,warning\na,\nb,late\n" and writer.rewrites == 0


def test_a_stream_that_cannot_be_read_back_reports_the_late_column() -> None:
    from framing.run.output import RowWriter

    class Pipe(io.StringIO):
        def readable(self) -> bool:
            return False

    pipe = Pipe()
    writer = RowWriter(pipe, "csv", known=("warning",))
    for row in _late_rows():
        writer.write(row)
    writer.close()
    assert writer.dropped == ["section"]
    assert pipe.getvalue().splitlines()[0] == "id,score,warning"


def test_score_csv_keeps_a_metadata_field_only_later_articles_have(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from framing.cli import main

    corpus = tmp_path / "in.jsonl"
    texts = ["Officials warned of a threat.", "Friends met at a cultural exchange."] * 2
    lines = [{"id": f"a{i}", "text": t} for i, t in enumerate(texts)]
    lines[2]["section"] = "world"
    corpus.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "s.csv"
    result = CliRunner().invoke(main, ["score", str(corpus), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["section"] for r in rows] == ["", "", "world", ""]
    assert "warning" in rows[0]
    # on standard output the header is written before the field appears: it says so
    result = CliRunner().invoke(main, ["score", str(corpus), "--format", "csv"])
    assert result.exit_code == 0
    assert "section" in result.stderr and "--output FILE" in result.stderr
