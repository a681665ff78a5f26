"""The ``framing`` command: a thin shell over the library.

Each command parses its options, makes one library call, and renders rows. Library errors
become one line on standard error: ``UsageError`` exits 2, any other ``FramingError`` exits 1.
A batch that skipped unreadable inputs still writes every good row, lists what it skipped on
standard error, and exits 1.

One module per command (group) in this package; each registers itself on ``main``.
"""

from __future__ import annotations

import click

from framing import __version__


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


# Commands register themselves on ``main`` when imported.
from framing.cli import benchmark, compare, explain, lexicons, score, train  # noqa: E402

__all__ = ["benchmark", "compare", "explain", "lexicons", "main", "score", "train"]
