"""The ``framing`` command: a thin shell over the library.

Each command parses its options, makes one library call, and renders rows. Library errors
become one line on standard error: ``UsageError`` exits 2, any other ``FramingError`` exits 1.
A batch that skipped unreadable inputs still writes every good row, lists what it skipped on
standard error, and exits 1.

One module per command (group) in this package; each registers itself on ``main``.
"""

from __future__ import annotations

# Commands register themselves on ``main`` when imported.
from framing.cli import (
    benchmark,
    compare,
    explain,
    explore,
    lexicons,
    sample,
    score,
    train,
    validate,
)
from framing.cli.main import main

__all__ = [
    "benchmark",
    "compare",
    "explain",
    "explore",
    "lexicons",
    "main",
    "sample",
    "score",
    "train",
    "validate",
]
