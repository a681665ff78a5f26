"""JSONL (``.jsonl``, ``.ndjson``, gzipped, or ``-`` on standard input) and CSV / TSV corpora.

Both stream: one line or row in memory at a time. The file-size limit does not apply to them
(a corpus may be gigabytes); a single line or field over the limit is a bad item instead.

* JSONL must be UTF-8 (as JSON requires; a UTF-8 BOM is allowed). Each non-blank line is one
  JSON object with a string ``text`` field (``text_column``). Blank lines are passed over.
* CSV/TSV: comma for ``.csv``, tab for ``.tsv``; the first row is the header. The encoding is
  chosen by one streaming pass before reading (BOM, else UTF-8, else cp1252). Header names are
  stripped; an empty one becomes ``column<N>``, a repeated one ``name.1``, ``name.2`` ...
* ids: the ``id_column`` value, else ``<file stem>:<line>`` (``stdin:<line>`` for ``-``).
  Line numbers are 1-based physical lines; a CSV record spanning lines gets its first line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from framing.corpus.common import as_text, build_article, names, os_reason
from framing.corpus.decode import BadItem, check_not_binary, sniff_stream_encoding
from framing.records import Article, Skipped

Item = Article | Skipped
_STREAM_ERRORS = (OSError, EOFError, zlib.error)


def table_stem(path: Path) -> str:
    """``news.jsonl.gz`` -> ``news``."""
    name = path.name
    for suffix in (".gz", ".jsonl", ".ndjson", ".csv", ".tsv"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _open_binary(path: Path) -> Callable[[], Any]:
    if path.name.lower().endswith(".gz"):
        return lambda: gzip.open(path, "rb")
    return lambda: open(path, "rb")


def read_jsonl(path: Path, *, text_column: str, id_column: str, max_bytes: int) -> Iterator[Item]:
    """Articles from a JSONL file; bad lines come out as ``Skipped``."""
    source, lineno, content = str(path), 0, False
    try:
        with _open_binary(path)() as fh:
            check_not_binary(fh.peek(1 << 16)[: 1 << 16])
            for lineno, raw in _binary_lines(fh, max_bytes):
                content = content or raw is None or bool(raw.strip())
                if raw is None:
                    yield Skipped(
                        source, f"line longer than the limit of {max_bytes} bytes", lineno
                    )
                    continue
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError:
                    yield Skipped(source, "not valid UTF-8 (JSONL must be UTF-8)", lineno)
                    continue
                yield from _json_item(
                    line, source, lineno, table_stem(path), text_column, id_column
                )
            if not content:
                yield Skipped(source, "empty file")
    except BadItem as exc:
        yield Skipped(source, exc.reason, exc.line)
    except _STREAM_ERRORS as exc:
        reason = (
            os_reason(exc) if isinstance(exc, OSError) and exc.errno else f"corrupt file: {exc}"
        )
        yield Skipped(source, reason, lineno + 1 if lineno else None)


def read_jsonl_stream(
    stream: IO[str], *, text_column: str, id_column: str, max_bytes: int
) -> Iterator[Item]:
    """Articles from JSONL text on a stream (standard input)."""
    lineno = 0
    try:
        for lineno, line in enumerate(stream, start=1):
            if len(line) > max_bytes:
                yield Skipped("-", f"line longer than the limit of {max_bytes} characters", lineno)
                continue
            yield from _json_item(
                line.lstrip("\ufeff"), "-", lineno, "stdin", text_column, id_column
            )
    except UnicodeDecodeError:
        yield Skipped("-", "not valid UTF-8; the rest of the input was not read", lineno + 1)


def _binary_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; ``None`` for a line over ``limit`` (read past, not kept)."""
    lineno = 0
    while raw := fh.readline(limit + 1):
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, raw


def _json_item(
    line: str, source: str, lineno: int, stem: str, text_column: str, id_column: str
) -> Iterator[Item]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield Skipped(source, _json_error(line, exc, source), lineno)
        return
    except RecursionError:
        yield Skipped(source, "invalid JSON: nested too deeply", lineno)
        return
    if not isinstance(record, dict):
        yield Skipped(source, f"not a JSON object (found {_json_type(record)})", lineno)
        return
    yield _record_item(record, source, lineno, stem, text_column, id_column)


def _json_error(line: str, exc: json.JSONDecodeError, source: str) -> str:
    """Why a line is not JSON; a line whose object stops unfinished (the parser ran out of
    text, or a string has no end) is said to be incomplete, with what to do about it."""
    if not (exc.msg.startswith("Unterminated string") or exc.pos >= len(line.rstrip())):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    detail = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
    if not line.endswith("\n"):  # only the last line can lack one
        whole = "input" if source == "-" else "file"
        return (
            f"invalid JSON: the {whole} ends before this line's JSON is complete ({detail}): "
            f"it may be cut short; re-export it (the lines before it are scored)"
        )
    return (
        f"invalid JSON: this line ends before its JSON is complete ({detail}): it may be cut "
        "short; re-export the file (the other lines are scored)"
    )


def _record_item(
    record: dict[str, Any], source: str, lineno: int, stem: str, text_column: str, id_column: str
) -> Item:
    """An ``Article`` from one JSON object or CSV row, else a ``Skipped`` naming the line."""
    if text_column not in record:
        return Skipped(source, f"no '{text_column}' field (fields: {names(record)})", lineno)
    text = record[text_column]
    if not isinstance(text, str):
        return Skipped(
            source, f"'{text_column}' is not a string (found {_json_type(text)})", lineno
        )
    article_id = as_text(record.get(id_column)) or f"{stem}:{lineno}"
    try:
        return build_article(
            text,
            id=article_id,
            source=f"{source}:{lineno}",
            metadata=record,
            skip_keys=(text_column, id_column),
        )
    except BadItem as exc:
        return Skipped(source, f"'{text_column}': {exc.reason}", lineno)


def read_csv(path: Path, *, text_column: str, id_column: str, max_bytes: int) -> Iterator[Item]:
    """Articles from a CSV or TSV file; bad rows come out as ``Skipped``."""
    source, start = str(path), 1
    delimiter = "\t" if path.name.lower().endswith((".tsv", ".tsv.gz")) else ","
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)  # the default (128 KB) is shorter than long articles
    try:
        encoding = sniff_stream_encoding(_open_binary(path))
        with io.TextIOWrapper(_open_binary(path)(), encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            header = _header(next(reader, []))
            if text_column not in header:
                raise BadItem(f"no '{text_column}' column (columns: {names(header)})", line=1)
            start = reader.line_num + 1
            for row in reader:
                item = _row_item(
                    row, header, source, start, table_stem(path), text_column, id_column
                )
                if item is not None:
                    yield item
                start = reader.line_num + 1
    except BadItem as exc:
        yield Skipped(source, exc.reason, exc.line)
    except csv.Error as exc:
        yield Skipped(source, f"malformed CSV: {exc}; the rest of the file was not read", start)
    except UnicodeDecodeError:
        yield Skipped(source, "undecodable: the encoding changes inside the file", start)
    except _STREAM_ERRORS as exc:
        reason = (
            os_reason(exc) if isinstance(exc, OSError) and exc.errno else f"corrupt file: {exc}"
        )
        yield Skipped(source, reason)


def _row_item(
    row: list[str],
    header: list[str],
    source: str,
    start: int,
    stem: str,
    text_column: str,
    id_column: str,
) -> Item | None:
    if not any(cell.strip() for cell in row):
        return None
    if len(row) != len(header):
        return Skipped(
            source,
            f"row has {len(row)} fields but the header has {len(header)} "
            "(an unquoted delimiter or quote in the text?)",
            start,
        )
    record = dict(zip(header, row, strict=True))
    if not record[text_column].strip():
        return Skipped(source, f"empty '{text_column}'", start)
    return _record_item(record, source, start, stem, text_column, id_column)


def _header(row: Iterable[str]) -> list[str]:
    """Stripped names; empty -> ``column<N>``, repeated -> ``name.1`` (nothing is dropped)."""
    out: list[str] = []
    for i, raw in enumerate(row, start=1):
        name = raw.strip().lstrip("\ufeff") or f"column{i}"
        base, n = name, 0
        while name in out:
            n += 1
            name = f"{base}.{n}"
        out.append(name)
    return out


def _json_type(value: Any) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number")
