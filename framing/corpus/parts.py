"""A corpus cut into parts that can be read independently (one task each on a cluster),
giving together exactly the items ``read_corpus`` gives, in the same order.

A part is a whole file (JSONL, CSV, Parquet, WARC, one article file or page), or a run of at
most ``files_per_part`` consecutive entries of a folder (a WARC file in it is one entry). A
folder part carries its entries (found by one walk of the folder, on the client), the
manifest rows of those entries, and, for the last part of the folder, the manifest rows left
over (those naming a missing file are reported there, as ``read_corpus`` reports them after
the folder's files).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.corpus.decode import MAX_FILE_BYTES
from framing.corpus.files import Entry, Manifest, entry_items, missing_files, walk_folder
from framing.corpus.read import Columns, check_input, input_items
from framing.records import Article, Skipped

#: Files per folder part: enough to amortise a task, few enough to spread a folder.
FILES_PER_PART = 500


@dataclass(frozen=True)
class Part:
    """One independently readable piece of the corpus (picklable: it travels to workers).

    Attributes:
        kind: the input's kind (``folder``, ``text``, ``jsonl``, ``csv``, ``parquet``, ``warc``).
        path: the input as given (the folder, for a folder part).
        prefix_ids: whether ids are prefixed with the path (several inputs were given).
        number: the part's number within its folder (0 for a file).
        entries: a folder part's entries, in order (files to read, problems met walking).
        manifest: the manifest rows of those entries (for ``text``: the file's folder's).
        leftover: the last folder part's manifest rows that no entry used.
    """

    kind: str
    path: str
    prefix_ids: bool
    number: int = 0
    entries: tuple[Entry | Skipped, ...] = ()
    manifest: tuple[tuple[str, tuple[int, dict[str, str]]], ...] = ()
    leftover: tuple[tuple[str, tuple[int, dict[str, str]]], ...] = ()

    def describe(self) -> str:
        """A stable name for the part (resume records, messages)."""
        where = os.path.abspath(self.path)
        if self.kind != "folder":
            return where
        return f"{where} (part {self.number}, {len(self.entries)} entries)"


def plan_parts(
    paths: Sequence[str],
    *,
    files_per_part: int = FILES_PER_PART,
    max_bytes: int = MAX_FILE_BYTES,
) -> list[Part]:
    """The parts of ``paths`` (as ``read_corpus`` would be given them), in reading order.

    Raises ``InputError`` for the problems ``read_corpus`` raises at once (a missing path, an
    unsupported type, a broken manifest).
    """
    inputs = [check_input(os.fspath(p), max_bytes) for p in paths]
    prefix_ids = len(inputs) > 1
    parts: list[Part] = []
    for kind, path, manifest in inputs:
        if kind == "folder":
            parts += _folder_parts(path, manifest, prefix_ids, files_per_part)
        else:
            rows = tuple(manifest.items()) if kind == "text" else ()
            parts.append(Part(kind, path, prefix_ids, manifest=rows))
    return parts


def _folder_parts(path: str, manifest: Manifest, prefix_ids: bool, size: int) -> list[Part]:
    entries = list(walk_folder(Path(path)))
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
    used = {e.rel for e in entries if isinstance(e, Entry)}
    leftover = tuple((k, v) for k, v in manifest.items() if k not in used)
    parts = []
    for number, chunk in enumerate(chunks):
        rels = {e.rel for e in chunk if isinstance(e, Entry)}
        rows = tuple((k, v) for k, v in manifest.items() if k in rels)
        last = number == len(chunks) - 1
        parts.append(
            Part("folder", path, prefix_ids, number, tuple(chunk), rows, leftover if last else ())
        )
    return parts


def read_part(
    part: Part,
    *,
    text_column: str = "text",
    id_column: str = "id",
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article | Skipped]:
    """The items of one part, exactly as ``read_corpus`` reads them."""
    columns = Columns(text_column=text_column, id_column=id_column, max_bytes=max_bytes)
    if part.kind != "folder":
        yield from input_items(part.kind, part.path, dict(part.manifest), part.prefix_ids, columns)
        return
    root = Path(part.path)
    prefix = root.as_posix().rstrip("/") + "/" if part.prefix_ids else ""
    manifest = dict(part.manifest)
    for entry in part.entries:
        yield from entry_items(entry, manifest, prefix=prefix, max_bytes=max_bytes)
    if part.leftover:
        yield from missing_files(root, dict(part.leftover), set())
