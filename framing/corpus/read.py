"""Read a corpus: folders of text files, JSONL, CSV, standard input -> ``Article`` records.

``read_corpus`` is lazy: it holds one article (one file, line or row) at a time, so a corpus
of any size streams through. What each input means:

=================================  ===========================================================
path                               read as
=================================  ===========================================================
a folder                           every ``.txt`` / ``.md`` / ``.html`` file in it, recursively,
                                   in sorted order, with ``manifest.csv`` and front matter as
                                   metadata, and every WARC file in it, read as below (see
                                   ``framing.corpus.files``)
``x.txt``, ``x.md``                one article (with its row of ``manifest.csv`` beside it)
``x.html``, ``x.htm``              one web page: main text and page metadata (``corpus.html``)
``x.warc``, ``x.warc.gz``          one article per HTML page record (see ``framing.corpus.warc``)
``x.jsonl``, ``x.ndjson`` (.gz)    one article per line (see ``framing.corpus.tables``)
``x.csv``, ``x.tsv`` (.gz)         one article per row
``x.parquet``                      one article per row (see ``framing.corpus.parquet``)
``-``                              JSONL on standard input
=================================  ===========================================================

Errors. A path that does not exist, or of a type not in the table, a folder that cannot be
listed, or a folder whose ``manifest.csv`` is unreadable or has no ``file`` column, is a
problem with the call itself: it raises ``InputError`` when ``read_corpus`` is called, before
anything is read. Everything inside an
input (a file in a folder, a line, a row, a single file given) is a batch item: when it cannot
be read, ``on_skip`` receives a ``Skipped(source, reason, line)`` and reading goes on, or, when
``on_skip`` is None, the first one raises ``InputError`` naming the file and line.

ids. With one path, ids are as the readers make them (``sub/001`` in a folder, a file's stem,
a JSONL ``id`` or ``<stem>:<line>``). With several paths, ids from folders and single files
are prefixed with the path as given (``outletA/001``, ``outletB/001``), so that two folders
with the same file names still give unique ids; JSONL/CSV ids are the data's own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TypedDict

from framing.corpus.common import only_articles
from framing.corpus.decode import MAX_FILE_BYTES, BadItem
from framing.corpus.files import (
    ARTICLE_SUFFIXES,
    Item,
    Manifest,
    load_manifest,
    read_folder,
    read_text_file,
)
from framing.corpus.tables import read_csv, read_jsonl, read_jsonl_stream
from framing.corpus.warc import WARC_SUFFIXES, read_warc  # fastwarc: when a WARC is read
from framing.errors import InputError
from framing.records import Article, Skipped

__all__ = ["MAX_FILE_BYTES", "check_input", "input_items", "read_corpus"]


class Columns(TypedDict):
    text_column: str
    id_column: str
    max_bytes: int


_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_CSV = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
_PARQUET = (".parquet",)
_SUPPORTED = (
    "a folder, .txt, .md, .html, .htm, .jsonl, .jsonl.gz, .csv, .tsv, .parquet, .warc, "
    ".warc.gz or - (JSONL on standard input)"
)


def read_corpus(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    text_column: str = "text",
    id_column: str = "id",
    on_skip: Callable[[Skipped], None] | None = None,
    stdin: IO[str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article]:
    """The articles of every input, in order; bad items go to ``on_skip`` (or raise).

    Args:
        paths: folders, files and ``-`` (see the module docstring). A single path is accepted.
        text_column: the text field of JSONL objects and CSV rows.
        id_column: the id field of JSONL objects and CSV rows.
        on_skip: called with each ``Skipped`` item; None makes the first bad item raise.
        stdin: the stream read for ``-`` (default ``sys.stdin``).
        max_bytes: size limit of one article file, JSONL line or CSV field (default 20 MB).

    Raises:
        InputError: at once for a missing path or an unsupported file type; while reading, for
            the first bad item when ``on_skip`` is None.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    inputs = [check_input(os.fspath(p), max_bytes) for p in paths]
    prefix_ids = len(inputs) > 1
    return _read_all(
        inputs,
        prefix_ids=prefix_ids,
        text_column=text_column,
        id_column=id_column,
        on_skip=on_skip,
        stdin=stdin,
        max_bytes=max_bytes,
    )


Input = tuple[str, str, Manifest]


def check_input(path: str, max_bytes: int = MAX_FILE_BYTES) -> Input:
    """(kind, path, manifest) for a path the user gave, or ``InputError`` when it cannot be
    read at all (a missing path, an unsupported type, a folder that cannot be listed or whose
    manifest is broken)."""
    if path == "-":
        return "stdin", path, {}
    if os.path.isdir(path):
        try:
            os.listdir(path)
        except OSError as exc:
            raise InputError(f"cannot list folder: {exc.strerror or exc}", source=path) from None
        return "folder", path, load_manifest(Path(path), max_bytes)
    if not os.path.exists(path):
        raise InputError("no such file or folder", source=path)
    name = os.path.basename(path).lower()
    if name.endswith(ARTICLE_SUFFIXES):  # a single file still gets its folder's manifest row
        return "text", path, load_manifest(Path(path).parent, max_bytes)
    for kind, suffixes in (
        ("jsonl", _JSONL),
        ("csv", _CSV),
        ("parquet", _PARQUET),
        ("warc", WARC_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind, path, {}
    raise InputError(f"unsupported file type; give {_SUPPORTED}", source=path)


def _read_all(
    inputs: list[Input],
    *,
    prefix_ids: bool,
    text_column: str,
    id_column: str,
    on_skip: Callable[[Skipped], None] | None,
    stdin: IO[str] | None,
    max_bytes: int,
) -> Iterator[Article]:
    columns = Columns(text_column=text_column, id_column=id_column, max_bytes=max_bytes)
    for kind, path, manifest in inputs:
        yield from only_articles(
            input_items(kind, path, manifest, prefix_ids, columns, stdin), on_skip
        )


def input_items(
    kind: str,
    path: str,
    manifest: Manifest,
    prefix_ids: bool,
    columns: Columns,
    stdin: IO[str] | None = None,
) -> Iterable[Article | Skipped]:
    """The items (articles and ``Skipped``) of one checked input, as ``read_corpus`` reads it."""
    max_bytes = columns["max_bytes"]
    prefix = Path(path).as_posix().rstrip("/") + "/" if prefix_ids else ""
    if kind == "folder":
        return read_folder(Path(path), manifest, prefix=prefix, max_bytes=max_bytes)
    if kind == "text":
        return [_one_file(Path(path), manifest, prefix_ids, max_bytes)]
    if kind == "jsonl":
        return read_jsonl(Path(path), **columns)
    if kind == "csv":
        return read_csv(Path(path), **columns)
    if kind == "parquet":
        from framing.corpus.parquet import read_parquet  # pyarrow only when needed

        return read_parquet(Path(path), **columns)
    if kind == "warc":
        return read_warc(Path(path), max_bytes=max_bytes)
    return read_jsonl_stream(stdin or sys.stdin, **columns)


def _one_file(path: Path, manifest: Manifest, prefix_ids: bool, max_bytes: int) -> Item:
    """A single article file given as a path (its id: the stem, or the path when prefixing)."""
    stem = path.with_suffix("").as_posix() if prefix_ids else path.stem
    row = manifest.get(path.name)
    try:
        return read_text_file(
            path, id=stem, max_bytes=max_bytes, metadata=dict(row[1]) if row else None
        )
    except BadItem as exc:
        return Skipped(str(path), exc.reason, exc.line)
