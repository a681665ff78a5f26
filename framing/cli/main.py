"""The ``framing`` command group; every command module registers itself on it."""

from __future__ import annotations

import click

from framing._version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
