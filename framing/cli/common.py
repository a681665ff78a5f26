"""What every command shares: error mapping, output opening, tables, common options."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

import click

from framing.errors import FramingError, UsageError
from framing.run.files import (
    atomic_write,
    check_paths,
    os_error_message,
    probe_writable,
    write_text_atomically,
)
from framing.run.output import FORMATS, plain_table, rich_table

F = TypeVar("F", bound=Callable[..., Any])
#: Skipped items listed on standard error when an ``--errors`` report has them all.
SHOWN_WITH_REPORT = 10
#: Bounds of the numeric options (documented in each command's --help).
MAX_SEED = 2**32 - 1
MAX_N_BOOT = 100_000
MAX_N_PERM = 1_000_000


class CommandError(click.ClickException):
    """A one-line error with a chosen exit status (no usage block, no traceback)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click reads it per instance


def handle_errors(func: F) -> F:
    """Map the library's error family onto exit statuses."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            raise CommandError(str(exc), 2) from None
        except FramingError as exc:
            raise CommandError(str(exc), 1) from None
        except BrokenPipeError:
            raise  # the reader of standard output left (`| head`): the top group ends quietly
        except OSError as exc:  # a full disk, a read-only folder, a file that vanished
            raise CommandError(os_error_message(exc), 1) from None

    return wrapper  # type: ignore[return-value]


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@contextmanager
def open_output(
    path: str | None,
    *,
    provenance: dict[str, Any] | None = None,
    fmt: str = "",
    provenance_path: str | None = None,
) -> Iterator[TextIO]:
    """Standard output, or ``path`` written atomically (a temporary file renamed at the end;
    an error inside the block leaves an existing ``path`` as it was).

    ``provenance``: written, only when the block ends cleanly, to ``provenance_path`` or (for
    a file) beside it as ``path.provenance.json``, in the same commit as the file."""
    from framing.run.provenance import companion

    if path is None or path == "-":
        yield sys.stdout
        if provenance is not None and provenance_path is not None:
            write_provenance(provenance_path, provenance, fmt=fmt)
        return
    with atomic_write(
        path, companion=companion(provenance, fmt=fmt, path=provenance_path)
    ) as handle:
        yield handle  # type: ignore[misc]  # a text-mode file


def write_provenance(path: str, provenance: dict[str, Any], *, fmt: str, output: str = "-") -> None:
    """A provenance record to its own file (atomically), for an output on standard output
    or one that carries its own copy."""
    from framing.run.provenance import dumps

    where = "standard output" if output in ("", "-") else os.path.abspath(output)
    write_text_atomically(path, dumps({**provenance, "output": {"path": where, "format": fmt}}))


def write_json_object(
    data: dict[str, Any],
    output: str | None,
    provenance: dict[str, Any],
    provenance_path: str | None,
) -> None:
    """A JSON object result (benchmark, validate) with its provenance inside, under
    ``provenance``; ``--provenance FILE`` gets a copy, and an older sidecar is removed."""
    import json

    with open_output(output) as out:
        data = {**data, "provenance": provenance}
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    drop_stale_sidecar(output, provenance_path)
    if provenance_path is not None:
        write_provenance(provenance_path, provenance, fmt="json", output=output or "-")


def drop_stale_sidecar(output: str | None, provenance_path: str | None) -> None:
    """After writing an output that carries its provenance inside (Parquet, a JSON object):
    remove an older ``output.provenance.json`` that would now describe another run."""
    import json

    from framing.run.provenance import FORMAT, sidecar_path

    if output in (None, "-"):
        return
    assert output is not None
    side = sidecar_path(output)
    if provenance_path is not None and os.path.abspath(provenance_path) == os.path.abspath(side):
        return
    try:
        with open(side, encoding="utf-8") as handle:
            old = json.load(handle)
    except (OSError, ValueError):
        return
    if isinstance(old, dict) and old.get("format") == FORMAT:
        os.unlink(side)


def provenance_for(command: str, **parts: Any) -> dict[str, Any]:
    """The provenance of the running command: its parameters as click resolved them (the
    ones that do not change the output are listed under ``omitted``), plus ``parts``
    (``inputs``, ``scorer``, ``source``... as for ``build_provenance``)."""
    from framing.run.provenance import REASONS, build_provenance

    params = dict(click.get_current_context().params)
    omitted = {k: REASONS[k] for k in params if k in REASONS}
    return build_provenance(f"framing {command}", params, omitted=omitted, **parts)


def progress_enabled(quiet: bool) -> bool:
    """Progress goes to standard error when it is a terminal, unless ``--quiet``;
    ``FRAMING_PROGRESS=1`` forces it on (logs, tests), ``FRAMING_PROGRESS=0`` off."""
    if quiet:
        return False
    forced = os.environ.get("FRAMING_PROGRESS")
    if forced is not None and forced.strip():
        return forced.strip() not in ("0", "false", "no")
    return sys.stderr.isatty()


class Ticker:
    """What a long step calls as it goes: ``tick(done)`` or ``tick(done, total)``."""

    def __init__(self, update: Callable[..., None] | None = None) -> None:
        self._update = update

    def __call__(self, done: int, total: int | None = None) -> None:
        if self._update is not None:
            if total is None:
                self._update(completed=done)
            else:
                self._update(completed=done, total=total)

    def __bool__(self) -> bool:
        return self._update is not None


#: Seconds between two plain progress lines (standard error not a terminal).
PLAIN_PROGRESS_EVERY = 5.0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def progress_text(label: str, done: int, total: int | None, unit: str, elapsed: float) -> str:
    """One plain progress line: ``framing: scoring: 1,200/5,000 articles (24%), 0:00:12
    elapsed, 0:00:38 left`` (without a total: the count and the time so far)."""
    if not total:
        return f"framing: {label}: {done:,} {unit}, {_clock(elapsed)} elapsed"
    left = elapsed / done * max(total - done, 0) if done else None
    return (
        f"framing: {label}: {done:,}/{total:,} {unit} ({min(done, total) * 100 // total}%), "
        f"{_clock(elapsed)} elapsed, {'-:--:--' if left is None else _clock(left)} left"
    )


class PlainProgress:
    """Progress for a log (standard error not a terminal, progress forced on): a plain line
    every ``every`` seconds and one at the end, no escape codes, nothing rewritten."""

    def __init__(
        self,
        label: str,
        unit: str,
        total: int | None,
        out: TextIO,
        *,
        every: float = PLAIN_PROGRESS_EVERY,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.label, self.unit, self.total, self.out, self.every = label, unit, total, out, every
        self._clock = clock or time.monotonic
        self._start = self._last = self._clock()
        self.done = 0
        self._shown: int | None = None

    def update(self, *, completed: int, total: int | None = None) -> None:
        self.done = completed
        if total is not None:
            self.total = total
        if self._clock() - self._last >= self.every:
            self._show()

    def close(self) -> None:
        if self._shown != self.done or self.done == 0:
            self._show()

    def _show(self) -> None:
        now = self._clock()
        self._last, self._shown = now, self.done
        line = progress_text(self.label, self.done, self.total, self.unit, now - self._start)
        print(line, file=self.out, flush=True)


@contextmanager
def progress_line(
    label: str,
    *,
    quiet: bool,
    unit: str = "articles",
    total: Callable[[], int | None] | int | None = None,
) -> Iterator[Ticker]:
    """A progress line on standard error: done/total, the bar and the time left (count and
    time so far without a total), cleared at the end. ``total`` may be a function, called
    only when the line is shown (counting costs a scan of the input). Forced on
    (``FRAMING_PROGRESS=1``) where standard error is not a terminal, it writes plain lines
    instead (``PlainProgress``): a log gets no escape codes."""
    if not progress_enabled(quiet):
        yield Ticker()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    count = total() if callable(total) else total
    if not sys.stderr.isatty():  # forced on into a log or a pipe: lines, not a live bar
        plain = PlainProgress(label, unit, count, sys.stderr)
        yield Ticker(plain.update)
        plain.close()
        return
    # Without a total (yet): a pulsing bar, "n/?", the time so far; with one, the time left.
    columns = [
        TextColumn(f"{label}:"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        TextColumn("elapsed,"),
        TimeRemainingColumn(),
        TextColumn("left"),
    ]
    forced = os.environ.get("FRAMING_PROGRESS", "").strip() not in ("", "0", "false", "no")
    console = Console(stderr=True, force_terminal=True if forced else None)
    # No redirection: rows written to standard output must stay there.
    with Progress(
        *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False
    ) as bar:
        task = bar.add_task(label, total=count)
        yield Ticker(functools.partial(bar.update, task))


class NothingScored(Exception):
    """Raised inside ``open_output`` to leave the output as it was: no article was scored."""


def check_outputs(inputs: Sequence[Any], outputs: Mapping[str, str | None]) -> None:
    """Before any work: no output is an input (or inside an input folder), no two outputs
    are one file, and each output's folder takes a new file."""
    check_paths(inputs, outputs)
    for option, path in outputs.items():
        if path not in (None, "-"):
            assert path is not None
            probe_writable(path, option)


def not_written(outputs: Sequence[str | None]) -> None:
    """The line that says a run which scored nothing wrote nothing; exits 1."""
    files = [o for o in outputs if o not in (None, "-")]
    left = f"; {', '.join(str(f) for f in files)} not written (an existing file is left as it was)"
    click.echo(f"framing: no article was scored{left if files else ''}", err=True)
    sys.exit(1)


def report_skipped(skipped: Sequence[Any], total: int, *, errors_path: str | None = None) -> None:
    """What was skipped, on standard error; with an ``--errors`` file, the first few only.
    Notes (records passed over by design, e.g. a WARC's redirects) come first, one line each,
    and are not counted as skipped."""
    for item in skipped:
        if getattr(item, "note", False):
            click.echo(f"framing: note: {item}", err=True)
    total -= sum(1 for item in skipped if getattr(item, "note", False))
    skipped = [item for item in skipped if not getattr(item, "note", False)]
    if not skipped:
        return
    scored = total - len(skipped)
    if scored <= 0:
        rest = "no article was scored"
    elif scored == 1:
        rest = "the 1 other article was scored"
    else:
        rest = f"the {scored} others were scored"
    click.echo(f"framing: skipped {len(skipped)} of {total} inputs ({rest}):", err=True)
    shown = skipped if errors_path is None else skipped[:SHOWN_WITH_REPORT]
    for item in shown:
        click.echo(f"  {item}", err=True)
    if errors_path is not None:
        more = len(skipped) - len(shown)
        rest = f"{more} more; " if more else ""
        click.echo(f"  ({rest}every one with its reason in {errors_path})", err=True)


def show_table(rows: list[dict[str, Any]], columns: Sequence[str], title: str, out: TextIO) -> None:
    if out is sys.stdout and _stdout_is_terminal():
        from rich.console import Console

        Console().print(rich_table(rows, columns, title=title))
    else:
        out.write(plain_table(rows, columns))


#: The file-name suffixes that name an output format (compared lower-cased; .ndjson is JSON
#: Lines, as the readers take it). Any other suffix (.txt, .gz, none) names no format.
SUFFIX_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".md": "markdown",
}


def suffix_format(path: str | None) -> str | None:
    """The format ``path``'s suffix names (``SUFFIX_FORMATS``), or None (standard output,
    or a suffix that names none)."""
    if path is None or path == "-":
        return None
    return SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower())


def _suffixes(formats: Sequence[str]) -> list[str]:
    """``formats`` as file names that choose them: *.csv ...; the table's *.txt (any suffix
    that names no format)."""
    names = []
    for fmt in formats:
        found = [suffix for suffix, named in SUFFIX_FORMATS.items() if named == fmt]
        names += [f"*{suffix}" for suffix in found] or ["*.txt"]
    return names


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def format_for_output(
    fmt: str,
    output: str | None,
    *,
    explicit: bool,
    choices: Sequence[str],
    command: str = "this command",
    option: str = "--output",
) -> str:
    """The one rule for the format an output is written in (every command with ``-o``):

    * standard output, or a FILE whose suffix names no format: ``fmt`` (--format, or its
      default: a ``-o notes.txt`` keeps writing the table, as before);
    * a FILE whose suffix names a format (``SUFFIX_FORMATS``) and no --format: that format;
    * --format given and the suffix names another format: a ``UsageError`` (exit 2);
    * the suffix names a format the command does not write: a ``UsageError`` too (writing
      a table into ``x.csv`` is the mistake this rule exists to stop).

    ``explicit``: --format was given; ``choices``: the formats the command writes."""
    named = suffix_format(output)
    if named is None or named == fmt:
        return fmt
    suffix = os.path.splitext(output or "")[1]
    writes = named in choices
    if explicit:
        cure = f"give --format {named} or leave --format out, or " if writes else ""
        why = "" if writes else f", which {command} does not write"
        raise UsageError(
            f"--format {fmt} contradicts {option} {output} (a {suffix} file is {named}{why}):"
            f" {cure}name the file {_or(_suffixes([fmt]))}"
        )
    if writes:
        return named
    raise UsageError(
        f"{option} {output}: a {suffix} file is {named}, which {command} does not write"
        f" (it writes {', '.join(choices)}): name the file {_or(_suffixes(choices))}"
    )


def output_format(output: str | None, *, option: str = "--output") -> str:
    """The running command's ``--format`` for ``output`` by ``format_for_output``, read from
    the click context (the value, whether it was given, its choices); the context's
    parameters take the result, so the provenance records the format written."""
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == "fmt")
    assert isinstance(param.type, click.Choice)
    fmt = format_for_output(
        ctx.params["fmt"],
        output,
        explicit=ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT,
        choices=[str(c) for c in param.type.choices],
        command=" ".join(["framing", *ctx.command_path.split()[1:]]),
        option=option,
    )
    ctx.params["fmt"] = fmt
    return fmt


def format_option_for(
    choices: Sequence[str], help: str, *, from_output: bool = True
) -> Callable[[F], F]:
    """``--format``, table by default: each command names the formats it writes.
    ``from_output``: the command has ``-o FILE``, whose suffix picks the format when
    --format is not given (``output_format``); its --help says so."""
    if from_output:
        files = _suffixes([c for c in choices if c != "table"])
        help = (
            f"{help} Without --format, -o FILE's suffix picks it"
            f" ({', '.join(s[1:] for s in files)}); a suffix that names no format (.txt,"
            " none) gets table; one that contradicts --format, or names a format not listed"
            " here, is an error."
        )
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default="table, or the one -o FILE's suffix names" if from_output else True,
        help=help,
    )


def seed_option(help: str) -> Callable[[F], F]:
    """``--seed``, 0 by default; ``help`` says what it seeds in this command."""
    return click.option(
        "--seed",
        default=0,
        show_default=True,
        type=click.IntRange(0, MAX_SEED),
        help=f"{help} A whole number from 0 to 2**32-1.",
    )


def n_boot_option(default: int) -> Callable[[F], F]:
    """``--n-boot``: fewer than 100 resamples make intervals too rough to print; more than
    100,000 add nothing a printed interval shows and take minutes per measure."""
    return click.option(
        "--n-boot",
        default=default,
        show_default=True,
        type=click.IntRange(100, MAX_N_BOOT),
        help="Bootstrap resamples per interval (100 to 100,000).",
    )


_FORMAT_HELP = (
    "table: readable (rich on a terminal, plain in a pipe); csv/tsv/jsonl/json: every column."
)
format_option = format_option_for(FORMATS, _FORMAT_HELP)
#: ``--format`` of a command that writes to standard output only (no ``-o``).
stdout_format_option = format_option_for(FORMATS, _FORMAT_HELP, from_output=False)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write to FILE (atomically; an existing FILE is kept when the run fails or scores "
    "nothing) instead of standard output; without --format, its suffix sets the format.",
)
lexicons_option = click.option(
    "--lexicons",
    "lexicon_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Folder of extra lexicon *.yaml files (adds axes; same id replaces). Repeatable.",
)
model_option = click.option(
    "--model",
    "model_paths",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True),
    help="A model file from `framing train` (replaces the shipped model for its task). Repeatable.",
)
text_column_option = click.option(
    "--text-column",
    default="text",
    show_default=True,
    help="Column/field holding the article text in CSV and JSONL inputs.",
)
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes (default: all cores; 1: this process only). Output is the same.",
)
errors_option = click.option(
    "--errors",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write every skipped input as JSON Lines (source, line, reason) to FILE.",
)
quiet_option = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress line (it goes to standard error, and only when that is a terminal;"
    " FRAMING_PROGRESS=1 forces it).",
)
provenance_option = click.option(
    "--provenance",
    "provenance_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the run's provenance (versions, checksums, options, inputs) as JSON to"
    " FILE [default: beside --output FILE as FILE.provenance.json; inside a Parquet file].",
)


def corpus_options(func: F) -> F:
    """The options of every command that reads and scores a corpus: --lexicons, --model,
    --text-column, --jobs, --errors (in this order in --help)."""
    for option in reversed(
        (lexicons_option, model_option, text_column_option, jobs_option, errors_option)
    ):
        func = option(func)
    return func
