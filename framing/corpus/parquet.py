"""Parquet corpora (``.parquet``): one article per row, read a batch of rows at a time.

A row is read exactly like a JSONL object (``framing.corpus.tables``): the ``text_column`` must
be a string, the ``id_column`` gives the id (else ``<file stem>:<row>``, rows numbered from
1), every other column is metadata (dates, decimals and bytes as text: see ``_plain``). A
file that is not Parquet, or breaks while being read, is one bad item naming the row where
reading stopped; a row whose text is over the size limit is one bad item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from framing.corpus.common import os_reason
from framing.corpus.tables import Item, _record_item
from framing.records import Skipped

BATCH_ROWS = 1000


def _plain(value: Any) -> Any:
    """A Parquet value as JSON can hold it, as JSONL would have given it: dates and times in
    ISO format, decimals and durations as text, bytes as hex; nested lists and maps kept."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def parquet_stem(path: Path) -> str:
    """``news.parquet`` -> ``news``."""
    name = path.name
    return name[: -len(".parquet")] if name.lower().endswith(".parquet") else path.stem


def read_parquet(path: Path, *, text_column: str, id_column: str, max_bytes: int) -> Iterator[Item]:
    """Articles from a Parquet file; bad rows (and a bad file) come out as ``Skipped``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source, stem, row = str(path), parquet_stem(path), 0
    try:
        handle = pq.ParquetFile(path)
        if text_column not in handle.schema_arrow.names:
            columns = ", ".join(handle.schema_arrow.names) or "none"
            yield Skipped(source, f"no '{text_column}' column (columns: {columns})")
            return
        for batch in handle.iter_batches(batch_size=BATCH_ROWS):
            for record in batch.to_pylist():
                row += 1
                text = record.get(text_column)
                if isinstance(text, str) and len(text) > max_bytes:
                    yield Skipped(source, f"'{text_column}' longer than {max_bytes} bytes", row)
                    continue
                record = {k: v if k == text_column else _plain(v) for k, v in record.items()}
                yield _record_item(record, source, row, stem, text_column, id_column)
    except OSError as exc:
        reason = os_reason(exc) if exc.errno else f"not a readable Parquet file: {exc}"
        yield Skipped(source, reason, row + 1 if row else None)
    except (pa.ArrowException, ValueError) as exc:
        yield Skipped(source, f"not a readable Parquet file: {exc}", row + 1 if row else None)
