"""One family of errors. The CLI maps ``UsageError`` to exit status 2 and every other
``FramingError`` to exit status 1, printing ``str(error)`` on one line."""

from __future__ import annotations


class FramingError(Exception):
    """Base class of every error the library raises on purpose."""


class UsageError(FramingError):
    """The call itself is wrong: an unknown axis, an option that does not apply."""


class InputError(FramingError):
    """An input (article file, JSONL line, CSV row) cannot be read or is not an article.

    ``source`` is the path (or ``-``), ``line`` the 1-based line where it applies.
    """

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = source + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)


class LexiconError(FramingError):
    """A lexicon file is missing, malformed or inconsistent; ``problems`` lists each one."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


class ModelError(FramingError):
    """A model file is missing, truncated, tampered with, or does not fit the data."""
