"""Provenance: what produced an output, so a number in a paper can be traced to its run.

``build_provenance`` makes one JSON-ready dict for every command that writes results
(score, compare, benchmark, train, validate):

* ``framing`` version, ``python`` version, ``command``, ``created`` (UTC, the only field that
  differs between two runs of one command on the same files);
* ``options``: the command's parameters as resolved (defaults included); ``omitted`` names
  the parameters left out and why (worker counts, progress, where outputs go);
* ``inputs``: each path as given, resolved absolute, its kind, size and sha256 (a folder: the
  number of files it reads, their bytes, and a sha256 over each file's relative path and
  sha256). Hashing took 0.28 s for a 106 MB JSONL file here, while scoring 100 MB takes
  minutes (about 190 CPU s for 98 MB), so every input is hashed rather than trusting size
  and mtime (which change on a copy and miss an edit that keeps them); standard input is
  not hashed (it cannot be read twice);
* ``lexicons``: id, version, path and sha256 of each loaded lexicon file's bytes;
* ``models``: id, task, path, sha256 of the file's bytes, the file's own ``checksum``, the
  ``languages`` it reads and, for an axis model, the lexicon weight it sets;
* ``source``: the provenance of a file the command read results from (``compare --scores``,
  ``validate --scores``), when that file carries one.

Where it goes (see ``docs/provenance.md``): Parquet key-value metadata under
``PARQUET_KEY``, a ``provenance`` key of a JSON object output, the HTML report, or a
``FILE.provenance.json`` beside any other output file, written in the same commit as the
file (``framing.run.files.atomic_write``'s ``companion``) and naming the sha256 of the file it
describes, so a provenance file that does not belong to its output can be told.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from framing._version import __version__

FORMAT = "framing-provenance/1"
PARQUET_KEY = "framing.provenance"
SIDECAR = ".provenance.json"
#: What a corpus folder contributes to a run: the files its reader takes.
#: The files a corpus folder reads (``framing.corpus.files.FOLDER_SUFFIXES``).
CORPUS_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".warc", ".warc.gz")
MANIFEST = "manifest.csv"
SHIPPED_MODELS = "framing/data/models/"
_CHUNK = 1 << 20


def sidecar_path(output: str | os.PathLike[str]) -> str:
    """``FILE.provenance.json`` beside ``FILE``."""
    return f"{os.fspath(output)}{SIDECAR}"


def sha256_file(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _folder_files(folder: Path, corpus: bool) -> list[Path]:
    """The regular files under ``folder`` (sorted; hidden names and symlinked folders skipped);
    with ``corpus``, only those a corpus folder's reader reads."""
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(top) / name
            if corpus and not (
                name.lower().endswith(CORPUS_SUFFIXES) or (name == MANIFEST and top == str(folder))
            ):
                continue
            if path.is_file():
                found.append(path)
    return found


def describe_input(given: str | os.PathLike[str], *, corpus: bool = True) -> dict[str, Any]:
    """One input as provenance records it (see the module docstring)."""
    text = os.fspath(given)
    if text == "-":
        return {"given": "-", "kind": "stdin", "note": "standard input is not hashed"}
    path = Path(text)
    entry: dict[str, Any] = {"given": text, "path": str(path.resolve())}
    if path.is_dir():
        files = _folder_files(path, corpus)
        listing = hashlib.sha256()
        size = 0
        for file in files:
            size += file.stat().st_size
            rel = file.relative_to(path).as_posix()
            listing.update(f"{rel}\t{sha256_file(file)}\n".encode())
        entry.update(kind="folder", files=len(files), bytes=size, sha256=listing.hexdigest())
    elif path.is_file():
        entry.update(kind="file", bytes=path.stat().st_size, sha256=sha256_file(path))
    else:
        entry.update(kind="missing")
    return entry


def describe_lexicons(lexicons: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": lex.id, "version": lex.version, "path": lex.path, "sha256": lex.sha256}
        for _, lex in sorted(lexicons.items())
    ]


def describe_models(models: Any) -> list[dict[str, Any]]:
    """The models a ``ModelSet`` applies: the frames model, then each axis's."""
    if not models:
        return []
    loaded: list[tuple[str, Any, float | None]] = []
    if getattr(models, "frames", None) is not None:
        loaded.append(("frames", models.frames, None))
    for axis, am in sorted(getattr(models, "axes", {}).items()):
        loaded.append((f"axis {axis}", am.model, am.lexicon_weight))
    rows = []
    for task, model, weight in loaded:
        path = str(model.source)
        shipped = path.startswith(SHIPPED_MODELS)
        if shipped:  # named by its place in the package; record the file actually read
            from framing.data import package_file

            path = str(package_file("data", "models", Path(path).name))
        row: dict[str, Any] = {
            "id": Path(path).stem,
            "task": task,
            "shipped": shipped,
            "path": path,
            "sha256": getattr(model, "sha256", ""),
            "checksum": getattr(model, "checksum", ""),
            "languages": list(getattr(model, "languages", ("en",))),
        }
        if weight is not None:
            row["lexicon_weight"] = weight
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def build_provenance(
    command: str,
    options: Mapping[str, Any],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    corpus: bool = True,
    scorer: Any = None,
    lexicons: Mapping[str, Any] | None = None,
    models: Any = None,
    omitted: Mapping[str, str] | None = None,
    source: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The provenance of one run (see the module docstring).

    ``options`` are the parameters as resolved; names in ``omitted`` are dropped from them
    and listed with the reason. ``scorer`` gives the lexicons and models (or pass them).
    ``corpus``: folders are corpus folders (only the files the reader takes are hashed).
    """
    dropped = dict(omitted or {})
    if scorer is not None:
        lexicons = scorer.lexicons if lexicons is None else lexicons
        models = scorer.models if models is None else models
    record: dict[str, Any] = {
        "format": FORMAT,
        "framing": __version__,
        "command": command,
        "created": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "options": {k: _plain(v) for k, v in options.items() if k not in dropped},
        "omitted": dropped,
        "inputs": [describe_input(p, corpus=corpus) for p in inputs],
        "lexicons": describe_lexicons(lexicons or {}),
        "models": describe_models(models),
    }
    if scorer is not None:
        record["options"].setdefault("sentiment", bool(getattr(scorer, "sentiment", True)))
    if source is not None:
        record["source"] = dict(source)
    return record


def without_time(record: Mapping[str, Any]) -> dict[str, Any]:
    """A provenance with every ``created`` field (its own and nested ones) removed."""
    out = {k: v for k, v in record.items() if k != "created"}
    if isinstance(out.get("source"), Mapping):
        out["source"] = without_time(out["source"])
    return out


def dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"


def companion(
    record: Mapping[str, Any] | None, *, fmt: str, path: str | None = None
) -> Callable[[str, str], tuple[str, str]] | None:
    """For ``atomic_write(..., companion=...)``: the sidecar of an output, filled in with the
    output's size and sha256 at commit time. ``path``: write it there instead of beside."""
    if record is None:
        return None

    def make(tmp: str, target: str) -> tuple[str, str]:
        described = {
            **record,
            "output": {
                "path": str(Path(target).resolve()),
                "format": fmt,
                "bytes": os.path.getsize(tmp),
                "sha256": sha256_file(tmp),
            },
        }
        return path or sidecar_path(target), dumps(described)

    return make


def read_provenance(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The provenance a ``framing`` output carries: Parquet metadata, else its sidecar file;
    None when it has none. ``stale`` is set when a sidecar's recorded sha256 is not the
    file's (it describes another version of the file)."""
    text = os.fspath(path)
    if text.lower().endswith(".parquet"):
        try:
            import pyarrow.parquet as pq

            meta = pq.read_schema(text).metadata or {}
        except Exception:  # an unreadable file is reported by its reader
            meta = {}
        raw = meta.get(PARQUET_KEY.encode())
        if raw is not None:
            try:
                found = json.loads(raw)
            except ValueError:
                return None
            return found if isinstance(found, dict) else None
    side = sidecar_path(text)
    try:
        found = json.loads(Path(side).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict):
        return None
    recorded = (found.get("output") or {}).get("sha256")
    if recorded and os.path.isfile(text) and recorded != sha256_file(text):
        found["stale"] = f"{side} records another version of {text} (sha256 differs)"
    return found


def omitted_options(names: Sequence[str], reasons: Mapping[str, str]) -> dict[str, str]:
    """The reasons of the ``names`` a command has (``REASONS`` holds the common ones)."""
    return {n: reasons[n] for n in names if n in reasons}


#: Why a parameter is not recorded: it does not change the numbers written.
REASONS = {
    "jobs": "worker processes: the output is the same for any number",
    "quiet": "progress display only",
    "output": "where the output goes (the sidecar's 'output' names it)",
    "report": "where the report goes",
    "errors": "where skipped inputs are listed",
    "provenance_path": "where this record goes",
    "resume": "a resumed run writes the same rows",
    "scheduler": "which Dask cluster ran it: the output is the same",
    "paths": "recorded under 'inputs'",
    "scores_path": "recorded under 'inputs'",
    "data": "recorded under 'inputs'",
    "codes": "recorded under 'inputs'",
    "list_only": "lists the adapters only",
    "datasets_dir": "recorded under 'inputs' (the set's path)",
    "out": "where the model goes (the sidecar's 'output' names it)",
}
