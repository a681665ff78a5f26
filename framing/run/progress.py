"""How many articles a run will read, counted cheaply, so progress can show a total.

``count_articles`` returns the number of articles the inputs hold, or None when counting would
cost real time or cannot be done (then progress shows the count so far without a total):

* a folder: its ``.txt``/``.md``/``.html`` files (a directory walk, no file is opened); no
  total when it holds a WARC file (its pages are not known before it is read);
* a ``.txt``/``.md``/``.html`` file: 1;
* ``.jsonl``/``.ndjson``: non-blank lines, while all of them together are under
  ``SCAN_LIMIT`` bytes (measured: 0.29 s for 106 MB, 70,000 lines);
* ``.csv``/``.tsv``: records (a line inside a quoted field is joined to its record by
  counting quotes), while all of them are under ``CSV_SCAN_LIMIT`` bytes (measured: 2.0 s
  for 112 MB, 70,000 records of 25 lines each; one-line records are faster);
* ``.parquet``: the row count in its footer;
* gzipped files, standard input, globs: no total.

Skipped items (a bad line) still count toward the total; progress counts them as done.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: Bytes of JSONL, and of CSV/TSV, a run scans for its total (beyond: no total).
SCAN_LIMIT = 2 * 1024**3
CSV_SCAN_LIMIT = 512 * 1024**2
_ARTICLES = (".txt", ".md", ".markdown", ".html", ".htm")
_WARC = (".warc", ".warc.gz")
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv", ".tsv")


def _folder(path: Path) -> int | None:
    count = 0
    for _, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        names = [f.lower() for f in files if not f.startswith(".")]
        if any(f.endswith(_WARC) for f in names):
            return None
        count += sum(1 for f in names if f.endswith(_ARTICLES))
    return count


def count_lines(path: str | os.PathLike[str]) -> int:
    """Non-blank lines of a text file."""
    count = 0
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                count += 1
    return count


def count_records(path: str | os.PathLike[str]) -> int:
    """CSV/TSV records after the header (a quoted field may hold newlines)."""
    records = 0
    inside = started = False
    with open(path, "rb") as handle:
        for line in handle:
            if line.count(b'"') % 2:
                inside = not inside
            started = started or bool(line.strip())
            if started and not inside:
                records += 1
                started = False
    return max(0, records - 1)


def count_articles(inputs: Iterable[Any]) -> int | None:
    """The number of articles in ``inputs`` (paths), or None (see the module docstring)."""
    total = 0
    scanned = {"jsonl": 0, "csv": 0}
    for item in inputs:
        text = os.fspath(item) if isinstance(item, str | os.PathLike) else None
        if text is None:
            total += 1  # an Article object
            continue
        if text == "-":
            return None
        path = Path(text)
        name = path.name.lower()
        try:
            if path.is_dir():
                found = _folder(path)
                if found is None:
                    return None
                total += found
            elif name.endswith(_ARTICLES):
                total += 1
            elif name.endswith(_JSONL + _CSV):
                kind = "jsonl" if name.endswith(_JSONL) else "csv"
                scanned[kind] += path.stat().st_size
                if scanned[kind] > (SCAN_LIMIT if kind == "jsonl" else CSV_SCAN_LIMIT):
                    return None
                total += count_lines(path) if kind == "jsonl" else count_records(path)
            elif name.endswith(".parquet"):
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            else:
                return None
        except Exception:  # a bad input is the reader's to report; progress only guesses
            return None
    return total
