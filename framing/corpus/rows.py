"""Rows of a table file as dicts: the one reader for files that are tables, not corpora.

``framing compare --scores`` (a ``framing score`` output), ``framing validate`` (a codes sheet
and a scores file) and ``framing sample``'s sheets read their rows here. Suffixes:
``.jsonl``/``.ndjson`` (optionally ``.gz``), ``.json`` (an array of objects), ``.csv``,
``.tsv`` and ``.parquet``. Each row comes with its line number (CSV/TSV: the file line,
header = 1; JSONL: the line; JSON and Parquet: the row number from 1).

CSV cells are typed the way ``framing score`` wrote them (``''`` is missing, ``true``/
``false`` booleans, numbers numbers) unless ``typed=False``, which keeps every cell a string
(a codes sheet's id ``007`` stays ``007``). JSON values keep their JSON types.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import InputError

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json", ".csv", ".tsv", ".parquet")
_PARQUET_BATCH = 8192  # rows of a Parquet file held as dicts at a time
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def table_suffix(path: str | Path) -> str:
    """The longest suffix of ``SUFFIXES`` that ``path`` ends with (else its last suffix)."""
    name = Path(path).name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return Path(path).suffix.lower()


def cell(value: str) -> Any:
    """A CSV cell as ``framing score`` wrote it: '' is missing, numbers and booleans typed."""
    if value == "":
        return None
    if value in ("true", "false"):
        return value == "true"
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


def read_rows(
    path: str | Path,
    *,
    what: str = "a table",
    typed: bool = True,
    drop: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, row)`` for every row of ``path``; ``what`` names the expected file in errors.

    Columns named in ``drop`` are left out of every row (a Parquet file does not even read
    them; a CSV file does not type them). Parquet files are read a batch of rows at a time.

    Raises:
        InputError: a file that is not what its suffix says (with the line where it can be
            told), or a suffix this reader does not read.
    """
    path = Path(path)
    suffix = table_suffix(path)
    try:
        if suffix in _JSONL:
            rows = _jsonl(path, suffix, what)
            yield from ((n, _without(r, drop)) for n, r in rows) if drop else rows
        elif suffix == ".json":
            rows = _json(path, what)
            yield from ((n, _without(r, drop)) for n, r in rows) if drop else rows
        elif suffix in (".csv", ".tsv"):
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh, delimiter="\t" if suffix == ".tsv" else ",")
                for number, row in enumerate(reader, 2):
                    yield (
                        number,
                        {
                            k: (cell(v) if typed else v) if v is not None else None
                            for k, v in row.items()
                            if k is not None and k not in drop
                        },
                    )
        elif suffix == ".parquet":
            yield from _parquet(path, what, drop)
        else:
            raise InputError(
                f"{path}: reads {', '.join(SUFFIXES)}, not {suffix or 'a file without suffix'}"
            )
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason}); expected {what}") from None
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc}); expected {what}") from None


def _jsonl(path: Path, suffix: str, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    opener = gzip.open if suffix.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{path}:{number}: not JSON ({exc.msg}); expected {what}"
                ) from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}: not a JSON object; expected {what}")
            yield number, row


def _json(path: Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not JSON ({exc.msg}); expected {what}") from None
    if not isinstance(data, list):
        raise InputError(f"{path}: not a JSON array of rows; expected {what}")
    for number, row in enumerate(data, 1):
        if not isinstance(row, dict):
            raise InputError(f"{path}: row {number} is not a JSON object; expected {what}")
        yield number, row


def _without(row: dict[str, Any], drop: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in drop}


def _parquet(
    path: Path, what: str, drop: frozenset[str] = frozenset()
) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow.parquet as pq

    number = 0
    try:
        # pre_buffer=False: the default keeps every column chunk read so far (the whole file,
        # by the end: 94 MB held for a 1,000,000-row scores file); read as it goes instead.
        file = pq.ParquetFile(path, pre_buffer=False)
        names = [n for n in file.schema_arrow.names if n not in drop]
        for batch in file.iter_batches(batch_size=_PARQUET_BATCH, columns=names):
            for row in batch.to_pylist():
                number += 1
                yield number, row
    except InputError:
        raise
    except Exception as exc:  # pyarrow raises several types for a bad file
        where = f"{path}" if not number else f"{path}: after row {number}"
        raise InputError(f"{where}: not a readable Parquet file ({exc}); expected {what}") from None


__all__ = ["SUFFIXES", "cell", "read_rows", "table_suffix"]
