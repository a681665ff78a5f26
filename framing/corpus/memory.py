"""Articles from objects in memory: a pandas ``DataFrame``, a Hugging Face ``datasets.Dataset``
(or ``IterableDataset``), and dicts (one per article).

Each row is read exactly like a JSONL object (``framing.corpus.tables``): ``text_column`` must
be a string, ``id_column`` gives the id, every other column is metadata (dates in ISO format,
missing values -- ``None``, NaN, NaT -- as empty). Where there is no id column, the id is the
row's index label for a DataFrame (``0``, ``1`` ... for a fresh one) and the position from 0
for a Dataset or dicts. A DataFrame or Dataset without ``text_column`` raises ``InputError``
naming its columns before any row is read; a bad row (empty text, text not a string, a dict
without the field) is a bad item, ``Skipped("DataFrame row 3", reason)``.

pandas and datasets are never imported here: an object is recognised by its type's module and
name, so ``import framing`` does not pay for either.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from framing.corpus.common import as_text, build_article, names
from framing.corpus.decode import BadItem
from framing.corpus.parquet import _plain
from framing.corpus.tables import Item
from framing.errors import InputError
from framing.records import Skipped

#: Rows of a DataFrame converted to dicts at a time (memory stays flat on a large frame).
CHUNK_ROWS = 1000


def kind_of(obj: Any) -> str | None:
    """``"DataFrame"``, ``"Dataset"``, ``"DatasetDict"`` or ``None``, by the type's module."""
    cls = type(obj)
    root, name = cls.__module__.split(".")[0], cls.__name__
    if root == "pandas" and name == "DataFrame":
        return "DataFrame"
    if root == "datasets":
        if name in ("Dataset", "IterableDataset"):
            return "Dataset"
        if name in ("DatasetDict", "IterableDatasetDict"):
            return "DatasetDict"
    return None


def read_object(obj: Any, *, text_column: str, id_column: str) -> Iterator[Item]:
    """The rows of a DataFrame or Dataset as articles (bad rows as ``Skipped``)."""
    kind = kind_of(obj)
    if kind == "DatasetDict":
        splits = ", ".join(str(s) for s in obj) or "none"
        raise InputError(f"a DatasetDict: pass one split (splits: {splits})", source="Dataset")
    if kind == "DataFrame":
        columns = [str(c) for c in obj.columns]
        _check_columns(kind, columns, text_column)
        return _frame_rows(obj, text_column=text_column, id_column=id_column)
    columns = list(getattr(obj, "column_names", None) or [])
    if columns:
        _check_columns("Dataset", columns, text_column)
    return read_records(obj, text_column=text_column, id_column=id_column, source="Dataset")


def _check_columns(kind: str, columns: list[str], text_column: str) -> None:
    if text_column not in columns:
        raise InputError(
            f"no '{text_column}' column (columns: {names(columns)}); "
            "pass text_column= to name the text column",
            source=kind,
        )


def _frame_rows(frame: Any, *, text_column: str, id_column: str) -> Iterator[Item]:
    labels = list(frame.index)
    for start in range(0, len(frame), CHUNK_ROWS):
        chunk = frame.iloc[start : start + CHUNK_ROWS]
        for offset, record in enumerate(chunk.to_dict("records")):
            label = labels[start + offset]
            yield _row(record, str(label), f"DataFrame row {label}", text_column, id_column)


def read_records(
    records: Iterable[Any],
    *,
    text_column: str,
    id_column: str,
    source: str = "records",
    start: int = 0,
) -> Iterator[Item]:
    """Articles from dicts; the id of one without ``id_column`` is its position from ``start``."""
    for position, record in enumerate(records, start=start):
        where = f"{source} item {position}"
        if not isinstance(record, Mapping):
            yield Skipped(where, f"not a dict (found {type(record).__name__})")
            continue
        yield _row(dict(record), str(position), where, text_column, id_column)


def _row(
    record: dict[str, Any], default_id: str, where: str, text_column: str, id_column: str
) -> Item:
    record = {str(k): v if k == text_column else plain_value(v) for k, v in record.items()}
    if text_column not in record:
        return Skipped(where, f"no '{text_column}' field (fields: {names(record)})")
    text = record[text_column]
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return Skipped(where, f"empty '{text_column}'")
    if not isinstance(text, str):
        return Skipped(where, f"'{text_column}' is not a string (found {type(text).__name__})")
    article_id = as_text(record.get(id_column)) or default_id
    try:
        return build_article(
            text,
            id=article_id,
            source=where,
            metadata=record,
            skip_keys=(text_column, id_column),
        )
    except BadItem as exc:
        return Skipped(where, f"'{text_column}': {exc.reason}")


def plain_value(value: Any) -> Any:
    """A cell as JSONL would have given it: missing -> None, numpy scalars -> Python, dates
    -> ISO text."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        with contextlib.suppress(TypeError, ValueError):
            value = item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if type(value).__name__ == "Timestamp":
        value = value.to_pydatetime()
    if hasattr(value, "tolist") and type(value).__module__ == "numpy":
        return _plain(value.tolist())
    return _plain(value)
