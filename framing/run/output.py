"""Render rows (lists of dicts) as CSV, TSV, JSON Lines, JSON, or a text table.

Writers stream: a ``RowWriter`` writes each row as it comes, so ``framing score`` never
holds a corpus in memory (except ``table``, which must see all rows to align columns).
Every function returns or writes strings; only the CLI decides where they go.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "csv", "tsv", "jsonl", "json")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def json_row(row: dict[str, Any]) -> str:
    """One row as a compact JSON object (numbers stay numbers; NaN becomes null)."""
    return json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False)


def cell(value: Any) -> str:
    """A value as it appears in CSV and text tables."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class RowWriter:
    """Write rows to ``stream`` in one of ``FORMATS`` as they come; ``close()`` at the end."""

    def __init__(
        self,
        stream: TextIO,
        fmt: str,
        *,
        columns: Sequence[str] | None = None,
        header: bool = True,
    ) -> None:
        """``header=False``: CSV/TSV rows only (appending to a file that has its header)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.stream = stream
        self.fmt = fmt
        self.columns = list(columns) if columns else None
        self.header = header
        self.count = 0
        self._csv: Any = None
        self._table_rows: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json_row(row) + "\n")
        elif self.fmt == "json":
            self.stream.write(("[\n" if self.count == 0 else ",\n") + json_row(row))
        elif self.fmt in ("csv", "tsv"):
            if self._csv is None:
                self.columns = self.columns or list(row)
                self._csv = csv.writer(
                    self.stream, delimiter="," if self.fmt == "csv" else "\t", lineterminator="\n"
                )
                if self.header:
                    self._csv.writerow(self.columns)
            self._csv.writerow([cell(row.get(c)) for c in self.columns or ()])
        else:
            self._table_rows.append(row)
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "[]\n")
        elif self.fmt == "table":
            self.stream.write(plain_table(self._table_rows, self.columns))


def render(
    rows: Iterable[dict[str, Any]], fmt: str, *, columns: Sequence[str] | None = None
) -> str:
    """All rows in one string."""
    buffer = io.StringIO()
    writer = RowWriter(buffer, fmt, columns=columns)
    for row in rows:
        writer.write(row)
    writer.close()
    return buffer.getvalue()


def plain_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """An aligned plain-text table (for pipes and logs); numbers are right-aligned."""
    if not rows:
        return "(no rows)\n"
    cols = list(columns) if columns else list(rows[0])
    cells = [[cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    numeric = [all(_is_number(r.get(c)) for r in rows) for c in cols]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(cols), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out) + "\n"


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def rich_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str = "") -> Any:
    """A ``rich`` Table for the terminal (the CLI prints it)."""
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, header_style="bold")
    for c in columns:
        numeric = all(_is_number(r.get(c)) for r in rows)
        table.add_column(c, justify="right" if numeric else "left", overflow="fold")
    for r in rows:
        table.add_row(*(cell(r.get(c)) for c in columns))
    return table


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A GitHub-flavoured Markdown table (pipes in cells escaped)."""
    if not rows:
        return "(no rows)\n"
    cols = list(columns) if columns else list(rows[0])
    numeric = [all(_is_number(r.get(c)) for r in rows) for c in cols]

    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = [
        "| " + " | ".join(esc(c) for c in cols) + " |",
        "| " + " | ".join("---:" if num else "---" for num in numeric) + " |",
    ]
    out.extend("| " + " | ".join(esc(cell(r.get(c))) for c in cols) + " |" for r in rows)
    return "\n".join(out) + "\n"


def write_parquet(rows: Sequence[dict[str, Any]], path: str) -> None:
    """Rows to a Parquet file (pyarrow infers the column types; lists stay lists)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {}
    for row in rows:
        for key in row:
            columns.setdefault(key, [])
    for row in rows:
        for key, values in columns.items():
            value = row.get(key)
            values.append(None if isinstance(value, float) and not math.isfinite(value) else value)
    pq.write_table(pa.table(columns), path)
