"""Score a corpus on a Dask cluster: one task per input file or folder part, Parquet out.

The engine reads every input the local engine reads: folders of articles (``.txt``, ``.md``,
``.html``), single article files, JSONL, CSV/TSV, Parquet and WARC files; a folder with no
article file in it is a folder of shards (every JSONL, CSV, Parquet and WARC file in it,
recursively), and glob patterns name shards too. The inputs are cut into parts
(``framing.corpus.parts``): each file is one part, each run of 500 files of a folder another.
Every part is one task. The task reads its part with the same readers as the local engine,
scores it with the same ``Scorer`` (built once per worker process from a ``ScorerSpec``), and
writes its rows as Parquet files straight into the output folder, so rows never travel
through the client. The scores are those of ``framing score`` on one machine given the same
paths (a shard folder counts as its files, in path order), in the same order: file
``part-SSSSS-BBBB.parquet`` holds batch ``B`` of part ``S``, and reading the folder in name
order gives the local engine's rows.

Columns: those of ``framing score --format jsonl``. Metadata fields (whatever a shard's
records carry beyond the core fields) are strings, non-string values JSON-encoded, so that
every file has one schema; after the shards are scored, files missing a metadata column that
another shard has get it (as nulls), so ``pandas.read_parquet(OUT)`` and
``dask.dataframe.read_parquet(OUT)`` read the folder as one table.

Never lose work: files are written into ``OUT.partial/`` (each one atomically), which is
renamed to ``OUT`` at the end; ``resume=True`` keeps the shards already done.

Needs ``dask[distributed]`` (``pip install "framelens[dask]"``). On a real cluster the
input, the output folder and the ``--lexicons`` folders must be on storage every worker sees
at the same path, and every worker needs the same framing version (see docs/scale.md).
"""

from __future__ import annotations

import glob
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing._version import __version__
from framing.corpus.parts import FILES_PER_PART, Part, plan_parts, read_part
from framing.errors import FramingError, InputError, UsageError
from framing.records import Article, Skipped
from framing.run.files import atomic_path, write_text_atomically
from framing.run.pool import ScorerSpec, resolve_jobs
from framing.scoring.language import LanguageTally
from framing.scoring.scorer import Scorer

INSTALL_HINT = (
    'the Dask engine needs dask[distributed]: pip install "framelens[dask]" '
    '(in a source checkout: pip install -e ".[dask]")'
)
SHARD_SUFFIXES = (
    ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet",
    ".csv", ".tsv", ".csv.gz", ".tsv.gz", ".warc", ".warc.gz",
)  # fmt: skip
#: Rows per Parquet file: bounds a task's memory whatever the size of its shard.
BATCH_ROWS = 20_000
RUN_FILE = "_framing_run.json"


@dataclass(frozen=True)
class DaskSummary:
    """What a Dask run wrote: ``rows`` in ``files`` Parquet files in ``output``;
    ``shards`` input files, of which ``resumed_shards`` were done by an earlier run."""

    output: str
    shards: int
    files: int
    rows: int
    skipped: int
    resumed_shards: int = 0
    #: Articles left unscored for their language, per language (as ``LanguageTally.counts``).
    languages: dict[str, int] = field(default_factory=dict)


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return distributed


# --- inputs -----------------------------------------------------------------------------


def list_shards(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The inputs to read, as the local engine would be given them: article folders and files
    as they are, a folder with no article file in it as its shard files (searched
    recursively, sorted), glob patterns as the files they match (sorted); each once. A
    pattern or folder with nothing to read is an ``InputError``."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    found: list[str] = []
    for given in inputs:
        item = os.fspath(given)
        if os.path.isdir(item):
            if _has_articles(Path(item)):
                found.append(item)
                continue
            matches = [str(p) for p in Path(item).rglob("*") if p.is_file() and _is_shard(p.name)]
            what = "folder has no .txt, .md, .html, .jsonl, .csv, .parquet or .warc files"
        elif glob.has_magic(item):
            matches = [p for p in glob.glob(item, recursive=True) if os.path.isfile(p)]
            what = "pattern matches no file"
        elif os.path.isfile(item):
            matches = [item]
            what = ""
        else:
            raise InputError("no such file or folder", source=item)
        if not matches:
            raise InputError(what, source=item)
        found.extend(sorted(matches))
    unique = list(dict.fromkeys(os.path.normpath(p) for p in found))
    return unique


def _has_articles(folder: Path) -> bool:
    """True when the folder holds an article file (text or page) the local engine would read
    in it. WARC files do not count: a folder of them alone is a folder of shards, which
    gives the same pages (ids are their URLs either way)."""
    from framing.corpus.files import Entry, is_warc_name, walk_folder

    return any(isinstance(e, Entry) and not is_warc_name(e.path.name) for e in walk_folder(folder))


def _is_shard(name: str) -> bool:
    return name.lower().endswith(SHARD_SUFFIXES) and not name.startswith((".", "_"))


def plan(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    files_per_part: int = FILES_PER_PART,
) -> list[Part]:
    """The parts of ``inputs``, one task each (``InputError`` for an unreadable input)."""
    return plan_parts(list_shards(inputs), files_per_part=files_per_part)


def read_shard(
    shard: str | Part,
    *,
    text_column: str = "text",
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Article]:
    """The articles of one part (or one file), read exactly as the local engine reads them.

    Raises ``InputError`` at once when the part's input is not there (a worker that does not
    see the storage), and, while reading, for the first bad item when ``on_skip`` is None.
    """
    part = shard if isinstance(shard, Part) else plan_parts([shard])[0]
    if not os.path.exists(part.path):
        raise InputError("no such file or folder", source=part.path)
    return _articles(read_part(part, text_column=text_column), on_skip)


def _articles(
    items: Iterator[Article | Skipped], on_skip: Callable[[Skipped], None] | None
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Article):
            yield item
        elif on_skip is None:
            raise InputError(item.reason, source=item.source, line=item.line)
        else:
            on_skip(item)


# --- worker side ------------------------------------------------------------------------

_scorers: dict[ScorerSpec, Scorer] = {}
_scorers_lock = threading.Lock()


def _worker_scorer(spec: ScorerSpec) -> Scorer:
    with _scorers_lock:
        if spec not in _scorers:
            _scorers[spec] = spec.build()
        return _scorers[spec]


def _arrow_type(name: str, value: Any) -> Any:
    import pyarrow as pa

    if isinstance(value, bool):
        return pa.bool_()
    if isinstance(value, str):
        return pa.string()
    if name in ("n_tokens", "n_sentences") or name.endswith("_hits"):
        return pa.int64()
    # Every other number is a float, even where this row has an int (a weight sum of 0);
    # None is a model component that is not loaded.
    return pa.float64()


def core_columns(scorer: Scorer) -> dict[str, Any]:
    """Column -> Arrow type of every row's fixed columns (everything but metadata), found by
    scoring a one-word article: the columns do not depend on the text."""
    row = scorer.score(Article(id="", text="Typing.")).to_dict()
    return {name: _arrow_type(name, value) for name, value in row.items()}


def _meta_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _write_batch(rows: list[dict[str, Any]], core: dict[str, Any], path: Path) -> list[str]:
    """Rows as one Parquet file (written to a temporary name, then renamed); returns the
    metadata columns, in order of first appearance."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = list(dict.fromkeys(k for row in rows for k in row if k not in core))
    arrays = [pa.array([row.get(c) for row in rows], type=t) for c, t in core.items()]
    arrays += [pa.array([_meta_text(row.get(c)) for row in rows], type=pa.string()) for c in meta]
    table = pa.Table.from_arrays(arrays, names=[*core, *meta])
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
    return meta


def score_shard(
    index: int, shard: str | Part, out_dir: str, spec: ScorerSpec, text_column: str
) -> dict[str, Any]:
    """The task: read, score and write one part (or one file). Runs on a worker."""
    scorer = _worker_scorer(spec)
    core = core_columns(scorer)
    skipped: list[Skipped] = []
    try:
        articles = read_shard(shard, text_column=text_column, on_skip=skipped.append)
    except InputError as exc:
        raise InputError(
            f"{exc.reason} on worker {os.uname().nodename} (is the input on storage that "
            "every worker sees at the same path?)",
            source=shard.path if isinstance(shard, Part) else shard,
        ) from None
    files: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    languages = LanguageTally()

    def flush() -> None:
        path = Path(out_dir) / f"part-{index:05d}-{len(files):04d}.parquet"
        files.append({"file": path.name, "rows": len(rows), "meta": _write_batch(rows, core, path)})
        rows.clear()

    for result in scorer.score_all(articles):
        languages.add(result.warning)
        rows.append(result.to_dict())
        if len(rows) >= BATCH_ROWS:
            flush()
    if rows:
        flush()
    done = {
        "index": index,
        "shard": shard.describe() if isinstance(shard, Part) else shard,
        "files": files,
        "skipped": [s.to_dict() for s in skipped],
        "languages": languages.counts,
        "framing": __version__,
    }
    # The shard's record, written last: its presence is what marks the shard done.
    _atomic_json(Path(out_dir) / f"_shard-{index:05d}.json", done)
    return done


def conform_file(path: str, core: dict[str, Any], meta: list[str]) -> None:
    """Rewrite one Parquet file with every metadata column of the run (nulls where absent)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    for name in meta:
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(len(table), type=pa.string()))
    table = table.select([*core, *meta])
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


def _atomic_json(path: Path, data: Any) -> None:
    write_text_atomically(path, json.dumps(data, ensure_ascii=False))


def _worker_version() -> str:
    from framing import _version

    return _version.__version__


# --- client side ------------------------------------------------------------------------


def score_to_parquet(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    client: Any = None,
    n_workers: int | None = None,
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
    scorer: Scorer | None = None,
    text_column: str = "text",
    resume: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
    timeout: float = 30.0,
    files_per_part: int = FILES_PER_PART,
    ids: Any = None,
) -> DaskSummary:
    """Score ``inputs`` (what the local engine reads) on Dask into Parquet files in ``output``.

    Args:
        inputs: article folders and files, shard files, folders of shards (searched
            recursively) and glob patterns (see the module docstring).
        output: the folder to create (it must not exist, or be empty).
        scheduler: address of a running scheduler (``tcp://host:8786``); default: a local
            cluster of ``n_workers`` processes, started and stopped here.
        client: an existing ``distributed.Client`` to use instead.
        lexicon_dirs / model_paths / scorer: what to score with, as for ``score_corpus``.
            Folders and model files must be readable by every worker at the same path.
        resume: keep the shards an interrupted run already wrote to ``output.partial``.
        on_skip: receives each unreadable item (in shard order); None: the first raises.
        timeout: seconds to wait for the scheduler to answer.
        files_per_part: files of a folder read by one task.
        ids: a ``framing.run.local.IdTally`` to count, as the local engine does, repeated
            ids (read back from the files written, in row order) and the articles not
            scored for their language (the run's summary lines).
    """
    distributed = _require_dask()
    shards = plan(inputs, files_per_part)
    out = Path(output)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"--output {out}: already exists; remove it or choose a new folder")
    dirs = tuple(os.path.abspath(d) for d in lexicon_dirs)
    models = tuple(os.path.abspath(m) for m in model_paths)
    spec = (
        ScorerSpec.of(scorer)
        if scorer is not None
        else ScorerSpec(lexicon_dirs=dirs, model_paths=models)
    )
    local_scorer = scorer or spec.build()  # a bad lexicon fails here, not on every worker
    core = core_columns(local_scorer)
    partial = Path(f"{out}.partial")
    run = {"framing": __version__, "shards": [s.describe() for s in shards],
           "text_column": text_column, "columns": list(core)}  # fmt: skip
    done = _prepare_partial(partial, run, resume)

    own_cluster = None
    if client is None:
        if scheduler is None:
            own_cluster = distributed.LocalCluster(
                n_workers=resolve_jobs(n_workers), threads_per_worker=1, processes=True,
                dashboard_address=None,
            )  # fmt: skip
            scheduler = own_cluster.scheduler_address
        try:
            client = distributed.Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            if own_cluster is not None:
                own_cluster.close()
            raise FramingError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); check --scheduler"
            ) from None
    try:
        _check_workers(client)
        results = _run_shards(client, shards, partial, spec, text_column, done, on_skip)
        meta = list(dict.fromkeys(m for r in results for f in r["files"] for m in f["meta"]))
        odd = [str(partial / f["file"]) for r in results for f in r["files"] if f["meta"] != meta]
        if odd:
            futures = client.map(conform_file, odd, core=core, meta=meta, pure=False)
            client.gather(futures)
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
    for record in partial.glob("_shard-*.json"):
        record.unlink()
    _atomic_json(partial / RUN_FILE, {**run, "metadata_columns": meta})
    if out.exists():
        out.rmdir()
    os.replace(partial, out)
    languages = LanguageTally()
    for r in results:
        languages.merge(r.get("languages", {}))
    if ids is not None:
        ids.languages.merge(languages.counts)
        _tally_ids(out, results, ids)
    return DaskSummary(
        output=str(out),
        shards=len(shards),
        files=sum(len(r["files"]) for r in results),
        rows=sum(f["rows"] for r in results for f in r["files"]),
        skipped=sum(len(r["skipped"]) for r in results),
        resumed_shards=len(done),
        languages=languages.counts,
    )


def _tally_ids(out: Path, results: list[dict[str, Any]], ids: Any) -> None:
    """Feed ``ids`` every row's id, in row order (only the id column is read)."""
    import pyarrow.parquet as pq

    for result in results:
        for f in result["files"]:
            for article_id in pq.read_table(out / f["file"], columns=["id"])["id"].to_pylist():
                ids.add(article_id)


def _prepare_partial(partial: Path, run: dict[str, Any], resume: bool) -> dict[int, Any]:
    """Create ``partial`` (or, resuming, check it is the same run); the shards already done."""
    run_file = partial / RUN_FILE
    if resume and run_file.exists():
        saved = json.loads(run_file.read_text(encoding="utf-8"))
        if saved != run:
            changed = next(k for k in run if saved.get(k) != run[k])
            raise UsageError(
                f"cannot resume {partial}: its {changed} differ from this run's; use the same "
                "inputs and options, or delete it to start again"
            )
        done = {}
        for record in partial.glob("_shard-*.json"):
            data = json.loads(record.read_text(encoding="utf-8"))
            if all((partial / f["file"]).exists() for f in data["files"]):
                done[data["index"]] = data
        return done
    if partial.exists():
        import shutil

        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    _atomic_json(run_file, run)
    return {}


def _check_workers(client: Any) -> None:
    try:
        versions = client.run(_worker_version)
    except ImportError as exc:
        raise FramingError(
            f"the Dask workers cannot import framing ({exc}); install the same framelens "
            "version on every worker"
        ) from None
    if not versions:
        raise FramingError("the Dask cluster has no workers")
    other = {w: v for w, v in versions.items() if v != __version__}
    if other:
        worker, version = next(iter(other.items()))
        raise FramingError(
            f"Dask worker {worker} runs framing {version}, this client {__version__}; "
            "install the same version everywhere"
        )


def _run_shards(
    client: Any,
    shards: list[Part],
    partial: Path,
    spec: ScorerSpec,
    text_column: str,
    done: dict[int, Any],
    on_skip: Callable[[Skipped], None] | None,
) -> list[dict[str, Any]]:
    from distributed import as_completed

    todo = [i for i in range(len(shards)) if i not in done]
    futures = client.map(
        score_shard,
        todo,
        [shards[i] for i in todo],
        out_dir=str(partial.resolve()),
        spec=spec,
        text_column=text_column,
        pure=False,
    )
    results = dict(done)
    reported = 0
    for future in as_completed(futures):
        result = future.result()
        results[result["index"]] = result
        while reported in results:  # report skipped items in shard order, as they come
            for item in results[reported]["skipped"]:
                skipped = Skipped(
                    item["source"], item["reason"], item["line"], bool(item.get("note"))
                )
                if on_skip is None and skipped.note:  # passed over by design: no error
                    continue
                if on_skip is None:
                    client.cancel(futures)
                    raise InputError(skipped.reason, source=skipped.source, line=skipped.line)
                on_skip(skipped)
            reported += 1
    return [results[i] for i in range(len(shards))]
