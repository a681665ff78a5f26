"""Never lose work: score into ``OUT.partial`` row by row, rename it to ``OUT`` when complete.

While a run goes on, every scored row is appended to ``OUT.partial`` (handed to the OS in
batches, ``FLUSH_SECONDS`` apart: a kill loses at most the last batch, which a resumed run
scores again), beside a small ``OUT.partial.meta.json`` that records how the rows were made
(format, evidence, lexicon versions, framing version). At the end the partial file is synced
and renamed to ``OUT`` in one step, so ``OUT`` is either the previous file or a complete new
one, never half.

When a run dies (killed, out of memory, power cut), ``resume=True`` continues it:

1. the partial file is read; a torn last row (a write cut short) is cut off;
2. the settings in the meta file must equal this run's (else ``UsageError``: resuming with
   other lexicons would mix rows scored two ways);
3. the ids already written are counted; while reading the input again, an article whose id
   is still counted is skipped (and uncounted), every other one is scored and appended.

Ids should be unique. When they are not, rows are still neither lost nor duplicated, as long
as the input is the same and in the same order as before: the count of each id is kept, so
the first ``k`` articles with an id that was written ``k`` times are the ones skipped. Rows of
the partial output whose id the input no longer has are kept and counted in
``RunSummary.unmatched``. Memory: the written ids are held in a set while resuming (about
100 bytes per row), nothing else grows with the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from framing._version import __version__
from framing.errors import InputError, UsageError
from framing.records import Article, Skipped
from framing.run.files import (
    OutputError,
    OutputLock,
    atomic_write,
    commit,
    os_error_message,
    temporary_file,
    write_text_atomically,
)
from framing.run.output import RowWriter, json_row

#: How often rows are handed to the OS while a run goes on (flushing every row costs a system
#: call per article).
FLUSH_SECONDS = 0.2

if TYPE_CHECKING:
    from framing.run.local import IdTally
    from framing.scoring.scorer import Scorer

PARTIAL = ".partial"
META = ".partial.meta.json"
#: Formats a run can write to a file resumably (``table`` must see every row first).
RESUMABLE = ("jsonl", "csv", "tsv", "json")


def partial_path(output: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(output)}{PARTIAL}")


def meta_path(output: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(output)}{META}")


@dataclass(frozen=True)
class RunSummary:
    """What a run to a file did.

    Attributes:
        output: the file written.
        written: rows scored and written by this run.
        resumed: rows kept from the interrupted run's partial output.
        unmatched: kept rows whose id the input no longer has (the input changed).
        skipped: input items that could not be read, each with its reason.
        replaced: whether ``output`` was written; a run that scored nothing leaves an
            existing file as it was (and writes none).
    """

    output: str
    written: int
    resumed: int
    unmatched: int = 0
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    replaced: bool = True

    @property
    def rows(self) -> int:
        return self.written + self.resumed


def _settings(fmt: str, evidence: bool, scorer_info: dict[str, Any]) -> dict[str, Any]:
    # ``json`` is streamed as JSON Lines into the partial file and converted at the end.
    return {"format": fmt, "evidence": evidence, "framing": __version__, **scorer_info}


class CheckpointWriter:
    """Rows to ``output`` through ``output.partial``; see the module docstring.

    Use as a context manager: a clean exit renames the partial file to ``output``; an
    exception leaves it (and its meta file) in place for ``resume=True``.
    """

    def __init__(
        self,
        output: str | os.PathLike[str],
        fmt: str,
        *,
        resume: bool = False,
        evidence: bool = False,
        scorer_info: dict[str, Any] | None = None,
        provenance: dict[str, Any] | None = None,
    ) -> None:
        """``provenance``: written as ``OUTPUT.provenance.json`` with the output, in one commit."""
        if fmt not in RESUMABLE:
            raise UsageError(
                f"format {fmt!r} cannot be written to a file resumably; "
                f"use one of {', '.join(RESUMABLE)}"
            )
        self.output = os.fspath(output)
        if os.path.isdir(self.output):
            raise UsageError(f"--output {self.output} is a folder; give a file name")
        folder = os.path.dirname(os.path.abspath(self.output))
        if not os.path.isdir(folder):
            raise UsageError(f"--output {self.output}: folder {folder} does not exist")
        self.fmt = fmt
        self.partial = partial_path(output)
        self.meta = meta_path(output)
        self.settings = _settings(fmt, evidence, scorer_info or {})
        self.provenance = provenance
        self.done: Counter[str] = Counter()
        self.resumed = 0
        self.resuming = False
        self.written = 0
        self._columns: list[str] | None = None
        self._handle: TextIO | None = None
        self._flushed = 0.0
        self._writer: RowWriter | None = None
        self.replaced = False
        if resume and self.partial.exists():
            self._load_partial()
            self.resuming = True

    # --- resuming --------------------------------------------------------------------

    def _load_partial(self) -> None:
        try:
            saved = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UsageError(
                f"{self.partial}: its settings file {self.meta.name} is missing or damaged; "
                "delete the partial file and run without --resume"
            ) from None
        changed = [
            k
            for k in sorted(set(saved) | set(self.settings))
            if saved.get(k) != self.settings.get(k)
        ]
        if changed:
            k = changed[0]
            raise UsageError(
                f"cannot resume {self.partial}: it was written with {k}={saved.get(k)!r}, "
                f"this run has {k}={self.settings.get(k)!r}; use the same options, or run "
                "without --resume to start again"
            )
        if self.fmt in ("csv", "tsv"):
            ids, self._columns = _read_table_partial(self.partial, self.fmt)
        else:
            ids = _read_jsonl_partial(self.partial)
        self.done = Counter(ids)
        self.resumed = len(ids)

    def pending(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles not yet written (all of them unless resuming)."""
        done = self.done
        for article in articles:
            if done and done[article.id] > 0:
                done[article.id] -= 1
                if not done[article.id]:
                    del done[article.id]
                continue
            yield article

    @property
    def unmatched(self) -> int:
        """Rows already written whose articles the input did not give again."""
        return sum(self.done.values())

    # --- writing ---------------------------------------------------------------------

    def __enter__(self) -> CheckpointWriter:
        if self.resuming:
            handle = open(self.partial, "a+", encoding="utf-8", newline="")
        else:  # readable too: a CSV header may widen (RowWriter)
            handle = open(self.partial, "w+", encoding="utf-8", newline="")
        if not self.resuming:
            write_text_atomically(self.meta, json.dumps(self.settings, indent=1) + "\n")
        self._handle = handle
        stream_fmt = "jsonl" if self.fmt == "json" else self.fmt
        self._writer = RowWriter(
            handle,
            stream_fmt,
            columns=self._columns,
            header=self._columns is None,
            known=("warning",),
        )
        return self

    def write(self, row: dict[str, Any]) -> None:
        assert self._writer is not None and self._handle is not None, "use 'with'"
        self._writer.write(row)
        self.written += 1
        now = time.monotonic()
        if now - self._flushed >= FLUSH_SECONDS:
            self._handle.flush()
            self._flushed = now

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self._handle is not None
        self._handle.close()
        if exc_type is not None:
            if not self.resuming and not self.written:  # nothing to keep (e.g. a bad path)
                self.partial.unlink(missing_ok=True)
                self.meta.unlink(missing_ok=True)
            return  # keep the partial output for --resume
        if not self.written and not self.resumed:
            # Nothing was scored (every input skipped, a wrong --text-column): an existing
            # output is worth more than an empty one.
            self.partial.unlink(missing_ok=True)
            self.meta.unlink(missing_ok=True)
            return
        if self.fmt == "json":
            self._finish_json()
        else:
            with open(self.partial, "rb+") as handle:
                os.fsync(handle.fileno())
            commit(str(self.partial), self.output, self._companion())
        self.replaced = True
        self.meta.unlink(missing_ok=True)

    def _companion(self) -> Any:
        from framing.run.provenance import companion

        return companion(self.provenance, fmt=self.fmt)

    def _finish_json(self) -> None:
        """The JSON Lines of the partial file as one JSON array, the bytes ``RowWriter``
        would have written in one go."""
        with (
            atomic_write(self.output, companion=self._companion()) as out,
            open(self.partial, encoding="utf-8", newline="") as rows,
        ):
            count = 0
            for line in rows:
                out.write(("[\n" if count == 0 else ",\n") + line.rstrip("\n"))
                count += 1
            out.write("\n]\n" if count else "[]\n")
        self.partial.unlink()


def _cut_torn_tail(path: Path) -> None:
    """Drop bytes after the last newline: a row whose write was cut short."""
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        pos = size
        while pos > 0:
            step = min(1 << 16, pos)
            handle.seek(pos - step)
            block = handle.read(step)
            at = block.rfind(b"\n")
            if at >= 0:
                pos = pos - step + at + 1
                break
            pos -= step
        if pos != size:
            handle.truncate(pos)


def _read_jsonl_partial(path: Path) -> list[str]:
    _cut_torn_tail(path)
    ids: list[str] = []
    with open(path, "rb") as handle:
        for lineno, line in enumerate(handle, 1):
            try:
                ids.append(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                raise InputError(
                    "not a row written by framing; delete the file and run without --resume",
                    source=str(path),
                    line=lineno,
                ) from None
    return ids


def _read_table_partial(path: Path, fmt: str) -> tuple[list[str], list[str] | None]:
    """Ids and columns of a CSV/TSV partial file; cuts a torn last record (a quoted field
    can hold a newline, so the file is parsed record by record, keeping byte offsets)."""
    import csv

    _cut_torn_tail(path)
    offsets = [0]

    def lines(handle: Any) -> Iterator[str]:
        for raw in handle:
            offsets[0] += len(raw)
            yield raw.decode("utf-8")

    ids: list[str] = []
    columns: list[str] | None = None
    good_end = 0
    with open(path, "rb") as handle:
        reader = csv.reader(lines(handle), delimiter="," if fmt == "csv" else "\t", strict=True)
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError):
                break  # a record cut inside a quoted field: the torn tail
            if columns is None:
                columns = record
                if "id" not in columns:
                    raise InputError(
                        "no 'id' column: not written by framing; delete it or run without --resume",
                        source=str(path),
                        line=1,
                    )
            elif len(record) != len(columns):
                break
            else:
                ids.append(record[columns.index("id")])
            good_end = offsets[0]
    if good_end != path.stat().st_size:
        with open(path, "rb+") as torn:
            torn.truncate(good_end)
    return ids, columns


class ErrorReport:
    """``--errors FILE``: one JSON object per skipped item (source, line, reason), written to
    a temporary file as they come and renamed to FILE at ``close()``."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.items: list[Skipped] = []
        self._handle: TextIO | None = None
        self._tmp = ""
        if self.path is not None:
            folder = os.path.dirname(os.path.abspath(self.path))
            if not os.path.isdir(folder):
                raise UsageError(f"--errors {self.path}: folder {folder} does not exist")
            fd, self._tmp = temporary_file(self.path)
            self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def add(self, item: Skipped) -> None:
        self.items.append(item)
        if self._handle is not None:
            self._handle.write(json_row(item.to_dict()) + "\n")
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None and self.path is not None:
            self._handle.close()
            self._handle = None
            os.replace(self._tmp, self.path)

    def discard(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            Path(self._tmp).unlink(missing_ok=True)


def scorer_info(scorer: Scorer) -> dict[str, Any]:
    """What makes two runs' rows comparable: each axis's version and a digest of its entries
    (an edited lexicon whose version was not bumped still counts as changed)."""
    axes = {}
    for axis, lex in scorer.lexicons.items():
        digest = hashlib.sha256()
        for entry in lex.entries:
            digest.update(f"{entry.pole}\t{entry.text}\t{entry.weight}\n".encode())
        digest.update(repr((lex.negation.window, lex.negation.mode)).encode())
        digest.update("\n".join(sorted(lex.negation.negators)).encode())
        axes[axis] = f"{lex.version} sha256:{digest.hexdigest()[:16]}"
    models = scorer.models
    loaded: list[Any] = [models.frames] if models.frames is not None else []
    loaded += [m.model for m in models.axes.values()]
    names = sorted({_model_name(m) for m in loaded})
    return {"axes": axes, "sentiment": scorer.sentiment, "models": names}


def _model_name(model: Any) -> str:
    """A model as it identifies itself: where it was read from, and its digest if it has one."""
    for attr in ("sha256", "digest", "checksum"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return f"{model.source} {attr}:{value[:16]}"
    return str(model.source)


def score_to_file(
    inputs: Any,
    output: str | os.PathLike[str],
    *,
    fmt: str = "jsonl",
    resume: bool = False,
    evidence: bool = False,
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
    text_column: str = "text",
    jobs: int | None = 1,
    scorer: Scorer | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    ids: IdTally | None = None,
    provenance: dict[str, Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Score ``inputs`` (as for ``score_corpus``) into the file ``output``, resumably.

    Rows are in input order, the same for any ``jobs``. Unreadable inputs go to ``on_skip``
    (None: the first one raises). With ``resume=True`` an interrupted run's
    ``output.partial`` is continued (see the module docstring). One run at a time writes
    ``output`` (``OutputError`` names the other); ``ids`` counts repeated article ids.
    A run that scores nothing leaves an existing ``output`` as it was (``replaced`` False).
    ``provenance`` (``framing.run.provenance.build_provenance``) goes beside the output as
    ``output.provenance.json``, in the same commit; ``progress`` is called with the number
    of rows done (kept and scored) after each row.
    """
    from framing.run.local import iter_articles
    from framing.run.pool import ScorerSpec, score_parallel
    from framing.scoring.scorer import shared_scorer

    dirs = tuple(str(d) for d in lexicon_dirs)
    models = tuple(str(m) for m in model_paths)
    if scorer is not None:
        spec = ScorerSpec.of(scorer)
    else:
        spec = ScorerSpec(lexicon_dirs=dirs, model_paths=models)
        scorer = shared_scorer(dirs, models)
    info = {**scorer_info(scorer), "text_column": text_column}
    with OutputLock(output):
        writer = CheckpointWriter(
            output,
            fmt,
            resume=resume,
            evidence=evidence,
            scorer_info=info,
            provenance=provenance,
        )
        articles = iter_articles(inputs, text_column=text_column, on_skip=on_skip, ids=ids)
        # closing(): an error while writing ends the worker pool now, not when the generator
        # is collected (a full disk once left a pool waiting at exit for ten minutes).
        results = score_parallel(writer.pending(articles), spec, jobs=jobs, scorer=scorer)
        try:
            with writer, closing(results):
                for result in results:
                    if ids is not None:
                        ids.scored(result)
                    writer.write(result.to_dict(evidence=evidence))
                    if progress is not None:
                        progress(writer.written + writer.resumed)
        except OSError as exc:
            kept = writer.partial.exists() and (writer.written or writer.resumed)
            partial = str(writer.partial) if kept else None
            raise OutputError(os_error_message(exc, path=writer.output, partial=partial)) from None
    return RunSummary(
        output=writer.output,
        written=writer.written,
        resumed=writer.resumed,
        unmatched=writer.unmatched,
        replaced=writer.replaced,
    )
