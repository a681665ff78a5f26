"""``framing score``: one row per article."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import click

from framing.cli.common import (
    CommandError,
    NothingScored,
    check_outputs,
    errors_option,
    format_option,
    handle_errors,
    jobs_option,
    lexicons_option,
    model_option,
    not_written,
    open_output,
    paths_argument,
    report_skipped,
    show_table,
    text_column_option,
)
from framing.cli.main import main
from framing.errors import UsageError
from framing.run.checkpoint import ErrorReport
from framing.run.files import check_paths, locked
from framing.run.output import RowWriter


@main.command()
@paths_argument
@format_option
@click.option(
    "--output",
    "-o",
    type=click.Path(allow_dash=True),
    default=None,
    help="Write to FILE (complete or not at all; see --resume); with --engine dask, a FOLDER.",
)
@click.option(
    "--evidence", is_flag=True, help="Add an evidence column: matched terms with sentences."
)
@lexicons_option
@model_option
@text_column_option
@jobs_option
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run: keep the rows in OUTPUT.partial, score the rest.",
)
@errors_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: score sharded JSONL/Parquet on a Dask cluster into Parquet files in --output.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers.",
)
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
) -> None:
    """Score each article: one row per article.

    PATHS are folders (read recursively: .txt, .md, with front matter or a manifest.csv),
    .jsonl/.csv files, or - for JSON Lines on standard input.

    \b
    Columns: id, outlet, outlet_type, title, language (ISO 639-1, given or detected),
    n_tokens; per axis <axis> (score in [-1, 1]) and <axis>_<pole>_hits/_weight/_per_1k;
    sentiment_compound, sentiment_pos_share, sentiment_neg_share; every metadata field.
    An article in a language the loaded axes are not for (languages: in the lexicon file,
    default en) keeps its row with empty scores and a warning, and the run counts them.

    With --output FILE (not --format table) rows go to FILE.partial as they are scored and
    FILE appears when the run is complete; after a crash, the same command with --resume
    continues where it stopped. --engine dask writes Parquet files into the folder --output.

    Outputs are safe: an existing FILE is replaced only by a complete run that scored at
    least one article (otherwise it is left byte for byte, and the exit status is 1); an
    output that is an input, or inside an input folder, is refused; one run at a time
    writes FILE (a lock FILE.lock holds the pid of the run writing it). Repeated article
    ids are scored and counted in a warning.

    \b
    Examples:
      framing score seeds/
      framing score seeds/ --format jsonl --evidence -o scores.jsonl
      framing score big.jsonl --format jsonl -o scores.jsonl --resume --errors bad.jsonl
      framing score 'shards/*.jsonl' --engine dask --scheduler tcp://10.0.0.5:8786 -o out/
      cat articles.jsonl | framing score - --format csv
    """
    if engine == "dask":
        check_paths(paths, {"--output": output, "--errors": errors})
        check_outputs(paths, {"--errors": errors})
    else:
        check_outputs(paths, {"--output": output, "--errors": errors})
    # score_to_file locks the file it checkpoints; the CLI locks every other output.
    checkpointed = engine == "local" and output not in (None, "-") and (fmt != "table" or resume)
    with locked([errors] if checkpointed else [errors, output]):
        _score(
            paths,
            fmt,
            output,
            evidence,
            lexicon_dirs,
            model_paths,
            text_column,
            jobs,
            resume,
            errors,
            engine,
            scheduler,
        )


def _score(
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
) -> None:
    from framing.run.local import IdTally

    report = ErrorReport(errors)
    ids = IdTally()
    run = _Run(paths, lexicon_dirs, model_paths, text_column, jobs, report, ids)
    kept = 0
    try:
        if engine == "dask":
            if evidence:
                raise UsageError("--engine dask does not write --evidence; leave it out")
            count = _score_dask(run, output, resume, scheduler)
        elif scheduler is not None:
            raise UsageError("--scheduler applies to --engine dask only")
        elif output not in (None, "-") and (fmt != "table" or resume):
            count, kept = _score_to_file(run, output, fmt, evidence, resume)
        elif resume:
            raise UsageError("--resume needs --output FILE (the run to continue)")
        else:
            count = _score_to_stream(run, output, fmt, evidence)
    except BaseException:
        report.discard()
        raise
    report.close()
    for warning in (ids.message(), ids.language_message()):
        if warning:
            click.echo(
                f"framing: warning: {warning}" if warning[0].isdigit() else f"framing: {warning}",
                err=True,
            )
    report_skipped(report.items, count + len(report.items), errors_path=errors)
    if count + kept == 0:
        not_written([output] if engine == "dask" or output != "-" else [])
    if report.items:
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


def _score_to_file(
    run: _Run, output: str, fmt: str, evidence: bool, resume: bool
) -> tuple[int, int]:
    """Rows scored by this run, and rows kept from the interrupted one."""
    from framing.run.checkpoint import partial_path, score_to_file

    try:
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
    with closing(scores), open_output(output) as out:
        if fmt == "table":
            rows = [s.to_dict() for s in scores]
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
        writer = RowWriter(out, fmt)
        for s in scores:
            writer.write(s.to_dict(evidence=evidence))
        if not writer.count and to_file:
            raise NothingScored
        writer.close()
        return writer.count


def _score_dask(run: _Run, output: str | None, resume: bool, scheduler: str | None) -> int:
    ctx = click.get_current_context()
    if ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT:
        raise UsageError("--engine dask writes Parquet files; leave out --format")
    if output in (None, "-"):
        raise UsageError("--engine dask needs --output FOLDER for its Parquet files")
    from framing.run.engine_dask import score_to_parquet

    assert output is not None
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
    )
    click.echo(
        f"framing: wrote {summary.rows} rows in {summary.files} Parquet files to {output}",
        err=True,
    )
    return summary.rows
