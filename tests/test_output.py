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
