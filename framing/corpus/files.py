"""Folders of ``.txt`` / ``.md`` / ``.html`` articles, single article files, YAML front matter,
manifests.

Folder rules (documented in the README):

* Recursive, in sorted (code-point) order of names at each level, so runs are reproducible.
  Hidden files and folders (``.name``) are ignored; symbolic links are followed, loops are not.
* Articles are ``.txt``, ``.md``, ``.markdown`` files and web pages (``.html``, ``.htm``: main
  text and page metadata extracted by ``framing.corpus.html``). A WARC file (``.warc``,
  ``.warc.gz``) in the folder is read as when it is given as a path (``framing.corpus.warc``):
  one article per HTML page, ids the page URLs, the same skipped-records line; its manifest
  row, if any, is metadata of every page (the record's url and dates win; its ``id`` is not
  used). Not articles, and silently passed over: ``README*``, ``LICENSE*`` / ``LICENCE*``, and
  the manifest ``manifest.csv`` at the top. Any other file is reported as skipped ("not a
  .txt, .md, .html or WARC file"), so nothing is lost without a word.
* Metadata: a ``manifest.csv`` at the top of the folder, one row per file (``file`` column: the
  path relative to the folder, ``/``-separated; other columns are metadata), and YAML front
  matter (a ``---`` block at the top of a file). Front matter wins over the manifest for the
  same key. A manifest row naming a file that is not there is reported as skipped.
* ids: the path relative to the folder, ``/``-separated, without extension (``sub/001``); when
  two files differ only by extension, both keep it. Metadata ``id`` overrides.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from framing.corpus.common import as_text, build_article, names, os_reason
from framing.corpus.decode import (
    MAX_FILE_BYTES,
    BadItem,
    decode_bytes,
    decode_with_warning,
    read_file_bytes,
)
from framing.corpus.html import HTML_SUFFIXES, article_from_page
from framing.corpus.warc import WARC_SUFFIXES, read_warc
from framing.errors import InputError
from framing.records import Article, Skipped

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES)
#: What a folder reads: article files, and WARC files (each expanded into its pages).
FOLDER_SUFFIXES = (*ARTICLE_SUFFIXES, *WARC_SUFFIXES)
MANIFEST = "manifest.csv"
_IGNORED = re.compile(r"(?i)^(?:readme|licen[cs]e)(?:[._-].*)?$")
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w -]*:(?:\s|$)")
_MAX_FRONT_MATTER_LINES = 200

Item = Article | Skipped
#: ``file`` (relative, ``/``-separated) -> (line in the manifest, metadata of that row)
Manifest = dict[str, tuple[int, dict[str, str]]]


def read_text_file(
    path: Path, *, id: str, max_bytes: int, metadata: dict[str, Any] | None = None
) -> Article:
    """One article file; raises ``BadItem`` (with the reason) when it cannot be an article."""
    try:
        data = read_file_bytes(path, max_bytes)
    except OSError as exc:
        raise BadItem(os_reason(exc)) from None
    if path.name.lower().endswith(HTML_SUFFIXES):
        if not data.strip():
            raise BadItem("empty file")
        return article_from_page(data, id=id, source=str(path), metadata=metadata)
    text, warning = decode_with_warning(data)
    front, body = split_front_matter(text)
    merged = {**(metadata or {}), **front}
    if warning:  # a note in the row, not a skip: the article is read and scored
        merged["warning"] = "; ".join(w for w in (as_text(merged.get("warning")), warning) if w)
    article_id = as_text(merged.get("id")) or id
    return build_article(body, id=article_id, source=str(path), metadata=merged)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter mapping, rest of the text). No front matter: ``({}, text)``.

    A ``---`` block whose first line does not look like ``key: value`` is text (a Markdown
    rule), not front matter; one that does but is not valid YAML is a bad item.
    """
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next(
        (
            i
            for i in range(1, min(len(lines), _MAX_FRONT_MATTER_LINES))
            if lines[i].strip() in ("---", "...")
        ),
        None,
    )
    block = [line for line in lines[1:end] if line.strip()] if end else []
    if end is None or not block or not _FRONT_KEY.match(block[0]):
        return {}, text
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise BadItem(f"invalid YAML front matter: {problem}", line=line) from None
    if not isinstance(data, dict):
        raise BadItem("front matter is not a mapping of keys to values", line=1)
    return {str(k).strip(): _plain(v) for k, v in data.items()}, "\n".join(lines[end + 1 :])


def _plain(value: Any) -> Any:
    """YAML values as JSON-friendly ones (dates -> ISO strings), so every output can hold them."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def load_manifest(root: Path, max_bytes: int = MAX_FILE_BYTES) -> Manifest:
    """``file`` -> (line, metadata) from ``root/manifest.csv``; ``{}`` when there is none.

    A manifest that cannot be read, or has no ``file`` column, raises ``InputError``: it
    describes the whole folder, so reading on without it would mislabel every article.
    """
    path = root / MANIFEST
    if not path.is_file():
        return {}
    try:
        text = decode_bytes(read_file_bytes(path, max_bytes))
    except (OSError, BadItem) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else exc.reason
        raise InputError(f"cannot read the manifest: {reason}", source=str(path)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if "file" not in header:
        raise InputError(
            f"the manifest has no 'file' column (columns: {names(header)}); "
            "add one naming each article file relative to the folder",
            source=str(path),
            line=1,
        )
    rows: Manifest = {}
    try:
        for row in reader:
            values = {k: v.strip() for k, v in zip(header, row, strict=False) if k and v.strip()}
            name = _norm_rel(values.pop("file", ""))
            if name in rows:
                raise InputError(
                    f"'{name}' is listed twice (first on line {rows[name][0]}); keep one row",
                    source=str(path),
                    line=reader.line_num,
                )
            if name:
                rows[name] = (reader.line_num, values)
    except csv.Error as exc:
        raise InputError(
            f"malformed manifest: {exc}", source=str(path), line=reader.line_num
        ) from None
    return rows


class Entry(NamedTuple):
    path: Path
    rel: str  # relative to the folder given, "/"-separated
    keep_ext: bool  # another article file in the same folder has the same stem


def read_folder(
    root: Path,
    manifest: Manifest | None = None,
    *,
    prefix: str = "",
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Item]:
    """Articles (and ``Skipped`` items) of a folder, one file at a time.

    ``manifest`` is the folder's ``load_manifest`` result, loaded here when not given.
    """
    if manifest is None:
        manifest = load_manifest(root, max_bytes)
    used: set[str] = set()
    for entry in walk_folder(root):
        if isinstance(entry, Entry):
            used.add(entry.rel)
        yield from entry_items(entry, manifest, prefix=prefix, max_bytes=max_bytes)
    yield from missing_files(root, manifest, used)


def walk_folder(root: Path) -> Iterator[Entry | Skipped]:
    """Every article file of a folder (recursive, sorted), and the problems met, in order."""
    return _walk(root, root, frozenset({_inode(root)}))


def entry_items(
    entry: Entry | Skipped, manifest: Manifest, *, prefix: str, max_bytes: int
) -> Iterator[Item]:
    """The items of one entry of ``walk_folder``: a WARC file's pages (and its ``Skipped``
    lines), else the one article of ``read_entry``."""
    if isinstance(entry, Entry) and is_warc_name(entry.path.name):
        row = manifest.get(entry.rel)
        shared = {k: v for k, v in row[1].items() if k != "id"} if row else None
        yield from read_warc(entry.path, max_bytes=max_bytes, metadata=shared)
    else:
        yield read_entry(entry, manifest, prefix=prefix, max_bytes=max_bytes)


def read_entry(entry: Entry | Skipped, manifest: Manifest, *, prefix: str, max_bytes: int) -> Item:
    """One article entry of ``walk_folder`` read as an article (a ``Skipped`` stays as it is)."""
    if isinstance(entry, Skipped):
        return entry
    row = manifest.get(entry.rel)
    rel_id = entry.rel if entry.keep_ext else _strip_ext(entry.rel)
    try:
        return read_text_file(
            entry.path,
            id=prefix + rel_id,
            max_bytes=max_bytes,
            metadata=dict(row[1]) if row else None,
        )
    except BadItem as exc:
        return Skipped(str(entry.path), exc.reason, exc.line)


def missing_files(root: Path, manifest: Manifest, used: set[str]) -> Iterator[Skipped]:
    """Manifest rows naming a file that is not in the folder (``used``: the files found)."""
    for name, (line, _) in manifest.items():
        if name not in used and not (root / name).exists():
            yield Skipped(str(root / MANIFEST), f"lists '{name}', which is not in the folder", line)


def _walk(top: Path, folder: Path, seen: frozenset[tuple[int, int]]) -> Iterator[Entry | Skipped]:
    """Every article file under ``folder``, sorted by name, depth first; problems as ``Skipped``."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield Skipped(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    stems = Counter(_strip_ext(n).casefold() for n in names if _is_article_name(n))
    for name in names:
        if name.startswith(".") or _IGNORED.match(name) or (folder == top and name == MANIFEST):
            continue
        path = folder / name
        try:
            st = path.stat()
        except OSError as exc:
            yield Skipped(str(path), os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key not in seen:  # a symbolic link back up the tree is not followed again
                yield from _walk(top, path, seen | {key})
        elif name == MANIFEST:
            yield Skipped(str(path), "a manifest.csv is only read at the top of the folder given")
        elif not (_is_article_name(name) or is_warc_name(name)):
            yield Skipped(
                str(path),
                "not a .txt, .md, .html or WARC file "
                "(give JSONL, CSV and Parquet files as paths of their own)",
            )
        elif not stat.S_ISREG(st.st_mode):
            yield Skipped(str(path), "not a regular file")
        else:
            rel = path.relative_to(top).as_posix()
            yield Entry(path, rel, stems[_strip_ext(name).casefold()] > 1)


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _inode(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def _strip_ext(name: str) -> str:
    """``sub/a.txt`` -> ``sub/a``; names without an extension are kept."""
    folder, _, base = name.rpartition("/")
    stem, dot, _ = base.rpartition(".")
    base = stem if dot and stem else base
    return f"{folder}/{base}" if folder else base


def _norm_rel(name: str) -> str:
    name = name.strip().replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name
