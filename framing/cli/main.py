"""The ``framing`` command group; every command module registers itself on it."""

from __future__ import annotations

import io
import os
import sys
from typing import IO, Any, NoReturn

import click

from framing._version import __version__

# ``framing`` alone prints the help; click signals it with a UsageError subclass (8.2+).
_HELP_NOT_ERROR: tuple[type[Exception], ...] = tuple(
    getattr(click.exceptions, name)
    for name in ("NoArgsIsHelpError",)
    if hasattr(click.exceptions, name)
)


#: 128 + SIGPIPE: the status a shell shows for a program ended by a closed pipe.
STDOUT_CLOSED = 141


def _stdout_closed() -> NoReturn:
    """Standard output's reader has gone (``framing score seeds/ | head -1``): end quietly,
    as a program ended by SIGPIPE does. What is still buffered goes to /dev/null, so that the
    interpreter's last flush does not fail again (Python docs, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file descriptor (CliRunner): nothing to flush at exit
    sys.exit(STDOUT_CLOSED)


class OneLineUsageError(click.UsageError):
    """click's usage error on one line: where, click's own message (close matches, the
    choices), and where the help is; no usage block. Exit status 2, as click's."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.format_message(), error.ctx)
        self.exit_code = error.exit_code  # type: ignore[misc]  # 2, unless click says otherwise

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        where = ctx.command_path if ctx is not None else "framing"
        hint = ""
        if ctx is not None and ctx.command.get_help_option(ctx) is not None:
            hint = f" (see '{where} {max(ctx.help_option_names, key=len)}')"
        message = self.format_message().rstrip(".")
        click.echo(f"Error: {where}: {message}{hint}", file=file, err=file is None)


def _one_line(error: click.UsageError) -> click.UsageError:
    if isinstance(error, (OneLineUsageError, *_HELP_NOT_ERROR)):
        return error
    return OneLineUsageError(error)


class FramingGroup(click.Group):
    """The top group: every usage error of any command below it (an unknown option or
    command, a missing argument, a bad value) becomes one line, here and only here; a
    closed standard output ends any command quietly (status 141)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            return result
        except click.UsageError as error:
            raise _one_line(error) from None
        except BrokenPipeError:
            _stdout_closed()


@click.group("framing", cls=FramingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure how news outlets frame a story.

    Scores articles on framing axes (lexicons with evidence), and sentence sentiment
    (VADER), then compares outlets.

    \b
    Examples:
      framing compare seeds/
      framing score seeds/ --format jsonl --evidence
      framing lexicons list
    """
