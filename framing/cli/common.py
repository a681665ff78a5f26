"""What every command shares: error mapping, output opening, tables, common options."""

from __future__ import annotations

import functools
import sys
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
        except OSError as exc:  # a full disk, a read-only folder, a file that vanished
            raise CommandError(os_error_message(exc), 1) from None

    return wrapper  # type: ignore[return-value]


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` written atomically (a temporary file renamed at the end;
    an error inside the block leaves an existing ``path`` as it was)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    with atomic_write(path) as handle:
        yield handle  # type: ignore[misc]  # a text-mode file


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
    """What was skipped, on standard error; with an ``--errors`` file, the first few only."""
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


def format_option_for(choices: Sequence[str], help: str) -> Callable[[F], F]:
    """``--format``, table by default: each command names the formats it writes."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
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


format_option = format_option_for(
    FORMATS,
    "table: readable (rich on a terminal, plain in a pipe); csv/tsv/jsonl/json: every column.",
)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write to FILE (atomically; an existing FILE is kept when the run fails or scores "
    "nothing) instead of standard output.",
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
