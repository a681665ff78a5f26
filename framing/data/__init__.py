"""Shipped data: the files in this folder (abbreviations, the outlet registry, the trained
models and their cards in ``models/``) and the lexicons, located with ``importlib.resources``.

In a wheel the lexicons sit inside the package (``framing/_data/lexicons``, put there by the
build); in a source checkout or an editable install they are the top-level ``lexicons/``
folder that users edit. Both are found here, nowhere else.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from framing.errors import FramingError


def package_file(*parts: str) -> Traversable:
    """A data file shipped inside the package (``framing/data/...``)."""
    node = resources.files("framing")
    for part in parts:
        node = node / part
    return node


@cache
def shipped_lexicon_dir() -> Traversable:
    """The folder of shipped lexicon files."""
    packaged = resources.files("framing") / "_data" / "lexicons"
    if packaged.is_dir():
        return packaged
    checkout = Path(str(resources.files("framing"))).parent / "lexicons"
    if checkout.is_dir():
        return checkout
    raise FramingError(
        "The shipped lexicons are missing: reinstall the package (pip install .) "
        "or pass --lexicons DIR."
    )


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations that do not end a sentence (lower case, no final period)."""
    text = package_file("data", "abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def stopwords() -> frozenset[str]:
    """English stopwords (lower case) for open-vocabulary terms and collocations."""
    text = package_file("data", "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
