"""From raw text and metadata to an ``Article``: cleaning, title, outlet and its type.

Precedence for every field: metadata given by the user (front matter, manifest, JSONL/CSV
columns) first, then what the text shows (a headline, an attribution), then ``"unknown"``.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from framing.corpus.attribution import infer_outlet, outlet_type_of
from framing.corpus.clean import clean, extract_title, normalize
from framing.corpus.decode import BadItem
from framing.errors import InputError
from framing.records import Article, Skipped

_TEXT_FIELDS = ("outlet", "outlet_type", "title", "date", "url")
#: Keys that never go to ``meta``: they are core fields, the text, or derived.
_NOT_META = frozenset(("id", "text", "outlet_inferred", "language", *_TEXT_FIELDS))
_TRUE = frozenset(("true", "1", "yes"))


def as_text(value: Any) -> str:
    """A metadata value as a string: ``None`` -> ``""``, dates -> ISO, the rest ``str``."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def build_article(
    raw_text: str,
    *,
    id: str,
    source: str,
    metadata: Mapping[str, Any],
    skip_keys: tuple[str, ...] = (),
) -> Article:
    """An ``Article`` from a text and its metadata; raises ``BadItem`` when no text is left.

    ``skip_keys`` are extra keys kept out of ``meta`` (the text and id columns of a table).
    """
    text = clean(raw_text)
    if not text:
        reason = (
            "empty text"
            if not raw_text.strip()
            else "no article text left after removing page furniture"
        )
        raise BadItem(reason)
    given = {name: as_text(metadata.get(name)) for name in _TEXT_FIELDS}
    outlet, outlet_type, inferred = given["outlet"], given["outlet_type"], False
    if outlet:
        inferred = as_text(metadata.get("outlet_inferred")).lower() in _TRUE
    else:
        found = infer_outlet(normalize(raw_text))
        if found is not None:
            outlet, inferred = found.outlet, True
            outlet_type = outlet_type or found.outlet_type
        else:
            outlet = "unknown"
    if not outlet_type:
        outlet_type = outlet_type_of(outlet) or "unknown"
    meta = {
        str(key): value
        for key, value in metadata.items()
        if key not in _NOT_META and key not in skip_keys
    }
    return Article(
        id=id,
        text=text,
        outlet=outlet,
        outlet_type=outlet_type,
        title=given["title"] or extract_title(text),
        date=given["date"],
        url=given["url"],
        outlet_inferred=inferred,
        source=source,
        meta=meta,
        language=language_code(as_text(metadata.get("language"))),
    )


def language_code(given: str) -> str:
    """A user's language value as an ISO 639-1 code: ``EN``, ``en-US``, ``en_GB`` -> ``en``;
    ``""`` stays ``""`` (the scorer detects it)."""
    return given.strip().lower().replace("_", "-").split("-")[0]


def names(keys: Iterable[Any]) -> str:
    """Field or column names for a one-line message: ``a, b, c`` (line breaks escaped)."""
    shown = ", ".join(repr(str(k))[1:-1] for k in keys)
    return shown[:300] + ("..." if len(shown) > 300 else "") or "none"


def os_reason(exc: OSError) -> str:
    """One line for an ``OSError`` met while reading an item."""
    if isinstance(exc, FileNotFoundError):
        return "file disappeared before it could be read (or is a broken link)"
    if isinstance(exc, PermissionError):
        return "cannot read file: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read file: {exc.strerror or exc}"


def only_articles(
    items: Iterable[Article | Skipped], on_skip: Callable[[Skipped], None] | None
) -> Iterator[Article]:
    """The articles of ``items``; each ``Skipped`` goes to ``on_skip``, or, without one, raises
    ``InputError`` — except a note (records passed over by design, e.g. a WARC's redirects),
    which is never an error."""
    for item in items:
        if isinstance(item, Article):
            yield item
        elif on_skip is not None:
            on_skip(item)
        elif not item.note:
            raise InputError(item.reason, source=item.source, line=item.line)
