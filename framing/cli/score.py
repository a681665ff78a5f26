"""``framing score``: one row per article."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import click

from framing.cli.common import (
    CommandError,
    NothingScored,
    Ticker,
    check_outputs,
    corpus_options,
    drop_stale_sidecar,
    format_option_for,
    handle_errors,
    not_written,
    open_output,
    output_format,
    paths_argument,
    progress_line,
    provenance_for,
    provenance_option,
    quiet_option,
    report_skipped,
    show_table,
    write_provenance,
)
from framing.cli.main import main
from framing.errors import UsageError
from framing.run.checkpoint import ErrorReport
from framing.run.files import check_paths, locked
from framing.run.output import FORMATS, RowWriter

SCORE_FORMATS = (*FORMATS, "parquet")


@main.command()
@paths_argument
@format_option_for(
    SCORE_FORMATS,
    "table: readable (rich on a terminal, plain in a pipe); csv/tsv/jsonl/json: every column;"
    " parquet: every column, to --output FILE.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(allow_dash=True),
    default=None,
    help="Write to FILE (complete or not at all; see --resume); without --format, its suffix"
    " sets the format (see --format). With --engine dask, a FOLDER.",
)
@click.option(
    "--evidence", is_flag=True, help="Add an evidence column: matched terms with sentences."
)
@corpus_options
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run: keep the rows in OUTPUT.partial, score the rest.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: score the same inputs on a Dask cluster into Parquet files in --output.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers.",
)
@quiet_option
@provenance_option
@handle_errors
def score(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    evidence: bool,
    lexicon_dirs: tuple[str, ...],
    model_paths: tuple[str, ...],
    text_column: str,
    jobs: int | None,
    resume: bool,
    errors: str | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    provenance_path: str | None,
) -> None:
    """Score each article: one row per article.

    \b
    PATHS, several at once:
      a folder    read recursively: .txt, .md and .html/.htm files, with
                  front matter or a manifest.csv beside them, and .warc(.gz)
                  files, each read as when given as a path
      x.txt x.md  one article
      x.html      one web page: the main text (menus, cookie banners, related
                  links, comments, footers, scripts dropped); title, date,
                  author, url from the page's metadata
      x.warc(.gz) a web archive: one article per HTML page (status 200);
                  url from the record; date: the page's, else the capture
      x.jsonl(.gz) x.csv x.tsv x.parquet   one article per line / row
      -           JSON Lines on standard input

    \b
    Columns: id, outlet, outlet_type, title, language (ISO 639-1, given or detected),
    n_tokens; per axis <axis> (score in [-1, 1]) and <axis>_<pole>_hits/_weight/_per_1k;
    sentiment_compound, sentiment_pos_share, sentiment_neg_share; every metadata field.
    An article in a language the loaded axes or models are not for (languages: in the
    lexicon or model file, default en; sentiment is English) keeps its row with empty
    scores and a warning naming what does not read it, and the run counts them.

    With --output FILE (not --format table or parquet) rows go to FILE.partial as they are
    scored and FILE appears when the run is complete; after a crash, the same command with
    --resume continues where it stopped. --format parquet holds the rows until the end and
    needs --output FILE. --engine dask reads the same inputs (a folder holding no article
    file is read as a folder of shards) and writes Parquet files into the folder --output.

    Provenance (framing version, lexicon and model checksums, options, input checksums) is
    written with every output file: inside a Parquet file, else beside it as
    FILE.provenance.json; for standard output, to --provenance FILE. A progress line with
    the total and the time left goes to standard error on a terminal (-q: none).

    Outputs are safe: an existing FILE is replaced only by a complete run that scored at
    least one article (otherwise it is left byte for byte, and the exit status is 1); an
    output that is an input, or inside an input folder, is refused; one run at a time
    writes FILE (a lock FILE.lock holds the pid of the run writing it). Repeated article
    ids are scored and counted in a warning.

    \b
    Examples:
      framing score seeds/
      framing score seeds/ -o scores.csv          # CSV: the suffix picks the format
      framing score saved_pages/ crawl.warc.gz --format csv -o scores.csv
      framing score seeds/ --format jsonl --evidence -o scores.jsonl
      framing score big.jsonl --format jsonl -o scores.jsonl --resume --errors bad.jsonl
      framing score seeds/ --format parquet -o scores.parquet
      framing score 'shards/*.jsonl' --engine dask --scheduler tcp://10.0.0.5:8786 -o out/
      cat articles.jsonl | framing score - --format csv
    """
    if engine == "local":  # --engine dask writes a folder of Parquet files
        fmt = output_format(output)
    if fmt == "parquet" and output in (None, "-"):
        raise UsageError("--format parquet writes a binary file: give --output FILE.parquet")
    extra = {"--provenance": provenance_path}
    if engine == "dask":
        check_paths(paths, {"--output": output, "--errors": errors, **extra})
        check_outputs(paths, {"--errors": errors, **extra})
    else:
        check_outputs(paths, {"--output": output, "--errors": errors, **extra})
    # score_to_file locks the file it checkpoints; the CLI locks every other output.
    checkpointed = (
        engine == "local"
        and output not in (None, "-")
        and (fmt not in ("table", "parquet") or resume)
    )
    with locked([errors, provenance_path] if checkpointed else [errors, output, provenance_path]):
        report = ErrorReport(errors)
        run = _Run(
            paths, lexicon_dirs, model_paths, text_column, jobs, report, _ids(), quiet,
            provenance_path,
        )  # fmt: skip
        _score(run, fmt, output, evidence, resume, engine, scheduler)


def _ids() -> Any:
    from framing.run.local import IdTally

    return IdTally()


def _score(
    run: _Run,
    fmt: str,
    output: str | None,
    evidence: bool,
    resume: bool,
    engine: str,
    scheduler: str | None,
) -> None:
    report, errors = run.report, run.report.path
    kept = 0
    try:
        if engine == "dask":
            if evidence:
                raise UsageError("--engine dask does not write --evidence; leave it out")
            count = _score_dask(run, output, resume, scheduler)
        elif scheduler is not None:
            raise UsageError("--scheduler applies to --engine dask only")
        elif output not in (None, "-") and (fmt not in ("table", "parquet") or resume):
            count, kept = _score_to_file(run, output, fmt, evidence, resume)
        elif resume:
            raise UsageError("--resume needs --output FILE (the run to continue)")
        else:
            count = _score_to_stream(run, output, fmt, evidence)
    except BaseException:
        report.discard()
        raise
    report.close()
    for warning in (run.ids.message(), run.ids.language_message()):
        if warning:
            click.echo(
                f"framing: warning: {warning}" if warning[0].isdigit() else f"framing: {warning}",
                err=True,
            )
    report_skipped(report.items, count + len(report.items), errors_path=errors)
    if count + kept == 0:
        not_written([output] if engine == "dask" or output != "-" else [])
    if any(not item.note for item in report.items):
        sys.exit(1)


@dataclass(frozen=True)
class _Run:
    """What every engine reads and scores with; skipped inputs go to ``report``."""

    paths: tuple[str, ...]
    lexicon_dirs: tuple[str, ...]
    model_paths: tuple[str, ...]
    text_column: str
    jobs: int | None
    report: ErrorReport
    ids: Any  # framing.run.local.IdTally (imported when a run starts: --help stays fast)
    quiet: bool = False
    provenance_path: str | None = None

    def scorer(self) -> Any:
        from framing.scoring.scorer import as_dirs, shared_scorer

        return shared_scorer(as_dirs(self.lexicon_dirs), as_dirs(self.model_paths))

    def provenance(self) -> dict[str, Any]:
        """This run's provenance (hashes the inputs: about 0.2 s per 100 MB)."""
        return provenance_for("score", inputs=self.paths, scorer=self.scorer())

    def progress(self) -> Any:
        """The progress line: articles done (scored or skipped) of the inputs' total."""

        def total() -> int | None:
            from framing.run.progress import count_articles

            return count_articles(self.paths)

        return progress_line("scoring", quiet=self.quiet, total=total)

    def stream_progress(self, output: str | None, fmt: str) -> Any:
        """Rows streaming to a terminal show their own progress; a line would garble them."""
        if fmt != "table" and output in (None, "-") and sys.stdout.isatty():
            return progress_line("scoring", quiet=True)
        return self.progress()

    def done(self, tick: Ticker) -> Any:
        return lambda n: tick(n + len(self.report.items))


def _score_to_file(
    run: _Run, output: str, fmt: str, evidence: bool, resume: bool
) -> tuple[int, int]:
    """Rows scored by this run, and rows kept from the interrupted one."""
    from framing.run.checkpoint import partial_path, score_to_file

    try:
        with run.progress() as tick:
            summary = score_to_file(
                run.paths,
                output,
                fmt=fmt,
                resume=resume,
                evidence=evidence,
                lexicon_dirs=run.lexicon_dirs,
                model_paths=run.model_paths,
                text_column=run.text_column,
                jobs=run.jobs,
                on_skip=run.report.add,
                ids=run.ids,
                provenance=run.provenance(),
                progress=run.done(tick),
            )
    except KeyboardInterrupt:
        raise CommandError(
            f"interrupted; the rows scored so far are in {partial_path(output)}: "
            "run the same command with --resume to continue",
            130,
        ) from None
    if resume:
        click.echo(
            f"framing: resumed {output}: kept {summary.resumed} rows, scored {summary.written}",
            err=True,
        )
        if summary.unmatched:
            click.echo(
                f"framing: warning: {summary.unmatched} kept rows have ids the input no longer "
                "has (did the input change?)",
                err=True,
            )
    return summary.written, summary.resumed


def _score_to_stream(run: _Run, output: str | None, fmt: str, evidence: bool) -> int:
    try:
        return _stream(run, output, fmt, evidence)
    except NothingScored:
        return 0


def _stream(run: _Run, output: str | None, fmt: str, evidence: bool) -> int:
    from contextlib import closing

    from framing.run.local import score_corpus

    provenance = run.provenance()
    scores = score_corpus(
        run.paths,
        lexicon_dirs=run.lexicon_dirs,
        model_paths=run.model_paths,
        text_column=run.text_column,
        on_skip=run.report.add,
        jobs=run.jobs,
        ids=run.ids,
    )
    to_file = output not in (None, "-")
    if fmt == "parquet":
        assert output is not None
        return _parquet(run, scores, output, evidence, provenance)
    with (
        closing(scores),
        run.stream_progress(output, fmt) as tick,
        open_output(
            output, provenance=provenance, fmt=fmt, provenance_path=run.provenance_path
        ) as out,
    ):
        done = run.done(tick)
        if fmt == "table":
            rows = []
            for s in scores:
                rows.append(s.to_dict())
                done(len(rows))
            if not rows and to_file:
                raise NothingScored
            axes = [c for c in (rows[0] if rows else {}) if c.endswith("_no_hits")]
            columns = ["id", "outlet", "outlet_type", "n_tokens"]
            for flag in axes:
                axis = flag[: -len("_no_hits")]
                columns += [axis] + [
                    c
                    for c in rows[0]
                    if c.startswith(f"{axis}_") and c.endswith("_hits") and c != flag
                ]
            columns += ["sentiment_compound"]
            show_table(rows, columns, "framing score", out)
            return len(rows)
        writer = RowWriter(out, fmt, known=("warning",), rewrite=to_file)
        for s in scores:
            writer.write(s.to_dict(evidence=evidence))
            done(writer.count)
        if not writer.count and to_file:
            raise NothingScored
        writer.close()
    if writer.dropped:
        click.echo(
            f"framing: warning: column(s) {', '.join(writer.dropped)} first appeared after the"
            f" CSV header was written to standard output and are left out; write with"
            f" --output FILE (or --format jsonl) to keep them",
            err=True,
        )
    return writer.count


def _parquet(run: _Run, scores: Any, output: str, evidence: bool, provenance: Any) -> int:
    """Every row to one Parquet file, provenance in its key-value metadata."""
    import json
    from contextlib import closing

    from framing.run.files import atomic_path
    from framing.run.output import write_parquet
    from framing.run.provenance import PARQUET_KEY

    rows = []
    with closing(scores), run.progress() as tick:
        done = run.done(tick)
        for s in scores:
            row = s.to_dict(evidence=evidence)
            if evidence:  # one text column, as `compare --scores` reads it back
                row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
            rows.append(row)
            done(len(rows))
    if not rows:
        return 0
    meta = {PARQUET_KEY: json.dumps({**provenance, "output": {"format": "parquet"}})}
    with atomic_path(output) as tmp:
        write_parquet(rows, tmp, metadata=meta)
    drop_stale_sidecar(output, run.provenance_path)
    if run.provenance_path is not None:
        write_provenance(run.provenance_path, provenance, fmt="parquet", output=output)
    return len(rows)


def _score_dask(run: _Run, output: str | None, resume: bool, scheduler: str | None) -> int:
    ctx = click.get_current_context()
    if ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT:
        raise UsageError("--engine dask writes Parquet files; leave out --format")
    if output in (None, "-"):
        raise UsageError("--engine dask needs --output FOLDER for its Parquet files")
    from framing.run.engine_dask import score_to_parquet

    assert output is not None
    provenance = run.provenance()
    summary = score_to_parquet(
        list(run.paths),
        output,
        scheduler=scheduler,
        n_workers=run.jobs,
        lexicon_dirs=run.lexicon_dirs,
        model_paths=run.model_paths,
        text_column=run.text_column,
        resume=resume,
        on_skip=run.report.add,
        ids=run.ids,
    )
    if summary.rows:
        from framing.run.provenance import sidecar_path

        where = run.provenance_path or sidecar_path(output.rstrip("/"))
        write_provenance(where, provenance, fmt="parquet folder", output=output)
    click.echo(
        f"framing: wrote {summary.rows} rows in {summary.files} Parquet files to {output}",
        err=True,
    )
    return summary.rows
