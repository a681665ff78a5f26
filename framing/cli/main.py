"""The ``framing`` command group; every command module registers itself on it."""

from __future__ import annotations

from typing import IO, Any

import click

from framing._version import __version__

# ``framing`` alone prints the help; click signals it with a UsageError subclass (8.2+).
_HELP_NOT_ERROR: tuple[type[Exception], ...] = tuple(
    getattr(click.exceptions, name)
    for name in ("NoArgsIsHelpError",)
    if hasattr(click.exceptions, name)
)


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
    command, a missing argument, a bad value) becomes one line, here and only here."""

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
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _one_line(error) from None


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
