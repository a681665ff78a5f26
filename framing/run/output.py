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
from collections.abc import Iterable, Mapping, Sequence
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
    """Write rows to ``stream`` in one of ``FORMATS`` as they come; ``close()`` at the end.

    CSV/TSV header: ``columns`` when given (exactly those, in that order); otherwise the first
    row's columns, then each of ``known`` the first row lacks (``warning``, say). A column
    that first appears in a later row (a metadata field only some articles have) is never
    dropped when ``stream`` is a file open for reading too (``w+``, ``a+``; ``atomic_write``
    and the checkpoint files are): the rows written so far are rewritten once under the wider
    header (earlier rows get empty cells), so the file is valid CSV at every moment; it costs
    one copy of the file so far per new column. On a stream that cannot be read back
    (standard output) such a column cannot join the header; it is listed in ``dropped`` for
    the caller to report.
    """

    def __init__(
        self,
        stream: TextIO,
        fmt: str,
        *,
        columns: Sequence[str] | None = None,
        header: bool = True,
        known: Sequence[str] = (),
        rewrite: bool = True,
    ) -> None:
        """``header=False``: CSV/TSV rows only (appending to a file that has its header).
        ``rewrite=False``: never read ``stream`` back (standard output)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.stream = stream
        self.fmt = fmt
        self.columns = list(columns) if columns else None
        self.header = header
        self.known = tuple(known)
        self.count = 0
        self.dropped: list[str] = []
        self.rewrites = 0
        self.rewrite = rewrite
        self._open = columns is None or not header  # a resumed file may gain columns
        self._csv: Any = None
        self._table_rows: list[dict[str, Any]] = []

    @property
    def _delimiter(self) -> str:
        return "," if self.fmt == "csv" else "\t"

    def write(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json_row(row) + "\n")
        elif self.fmt == "json":
            self.stream.write(("[\n" if self.count == 0 else ",\n") + json_row(row))
        elif self.fmt in ("csv", "tsv"):
            if self._csv is None:
                if self.columns is None:
                    self.columns = [*row, *(c for c in self.known if c not in row)]
                self._csv = csv.writer(self.stream, delimiter=self._delimiter, lineterminator="\n")
                if self.header:
                    self._csv.writerow(self.columns)
            assert self.columns is not None
            if self._open:
                new = [c for c in row if c not in self.columns and c not in self.dropped]
                if new:
                    self._widen(new)
            self._csv.writerow([cell(row.get(c)) for c in self.columns])
        else:
            self._table_rows.append(row)
        self.count += 1

    def _widen(self, new: list[str]) -> None:
        """Add columns to a CSV/TSV header already written (see the class docstring)."""
        assert self.columns is not None
        stream = self.stream
        if not (self.rewrite and stream.readable() and stream.seekable()):
            self.dropped.extend(c for c in new if c not in self.dropped)
            return
        import tempfile

        old = list(self.columns)
        wide = [*old, *new]
        stream.flush()
        stream.seek(0)
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
            out = csv.writer(spool, delimiter=self._delimiter, lineterminator="\n")
            for number, record in enumerate(csv.reader(stream, delimiter=self._delimiter)):
                if number == 0 and record == old:
                    out.writerow(wide)
                else:
                    out.writerow(record + [""] * (len(wide) - len(record)))
            spool.seek(0)
            stream.seek(0)
            stream.truncate()
            while block := spool.read(1 << 20):
                stream.write(block)
        stream.flush()
        self.columns = wide
        self.rewrites += 1

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


def write_parquet(
    rows: Sequence[dict[str, Any]], path: str, *, metadata: Mapping[str, str] | None = None
) -> None:
    """Rows to a Parquet file (pyarrow infers the column types; lists stay lists; a column
    whose values mix kinds, a metadata field that is a number here and text there, is
    written as text). ``metadata``: key-value pairs for the file's schema (provenance)."""
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
    arrays = {}
    for key, values in columns.items():
        try:
            arrays[key] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays[key] = pa.array([None if v is None else cell(v) for v in values], pa.string())
    table = pa.table(arrays) if arrays else pa.table({})
    if metadata:
        table = table.replace_schema_metadata(
            {
                **(table.schema.metadata or {}),
                **{k.encode(): v.encode() for k, v in metadata.items()},
            }
        )
    pq.write_table(table, path)
