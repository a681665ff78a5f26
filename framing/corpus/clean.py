"""Strip page furniture (what a web page wraps around an article) with general, line-based rules.

Every rule works on whole lines and keeps the article's own sentences as given. In order:

* ``normalize``: ``\\r\\n`` and ``\\r`` become ``\\n``, no-break spaces become spaces,
  zero-width characters and soft hyphens (``framing.text.INVISIBLE``) are dropped, and
  JSON-escaped quotes (``\\"``) left in a plain text file become ``"``.
* ``strip_image_names``: an image file name at the start of a line (``3fa9...e1.JPEG``,
  ``IMG_0042.jpg``), often glued to the caption, is removed. The caption is kept as its own
  paragraph (it is text the outlet chose), but its photo credit (``(Xinhua/Liu Jie)``,
  ``(AP Photo/Kin Cheung)``, ``(Photo by ...)``) is dropped: credits are not prose.
* ``is_furniture``: breadcrumbs (``Home > News > Contents``), widget lines (``fontLarger
  fontSmaller``, ``A+ A-``, ``Share Tweet Email``, ``Print``) anywhere in the text.
* ``drop_header_fields``: ``Updated: ... Source: ...``-style lines of labelled fields near the top.
* ``drop_repeated_title``: copies of the first line (the headline) among the next lines.
* ``drop_trailer``: from the end, disclaimers, fact-checking / editorial policies, ``Editor:``
  credits, copyright lines, share prompts, and a ``Reference(s):`` block.

``extract_title`` finds a headline: the first line when it is short, has no final period and a
blank line follows it (a leading Markdown ``#`` is dropped). The headline stays in the text.
"""

from __future__ import annotations

import re

from framing.text import strip_invisible

_IMAGE_EXT = r"(?i:\.(?:jpe?g|png|gif|webp|bmp|tiff?|avif))"
_IMAGE_NAME = re.compile(rf"^\s*[\w-]+{_IMAGE_EXT}(?=[\s\"“(]|[A-Z]|$)")
_PHOTO_CREDIT = re.compile(
    r"\s*\((?:[^()]*/[^()]*|(?i:(?:\w+\s+)?(?:photo|image|picture|credit)s?\b)[^()]*)\)\s*$"
)
_BREADCRUMB = re.compile(
    r"^\s*[^\W\d_][\w&'’.-]*(?: [\w&'’.-]+){0,3}(?:\s*[>»›]\s*[\w&'’.-]+(?: [\w&'’.-]+){0,3})+\s*$"
)
_HOME_CRUMB = re.compile(r"^\s*Home\s*[/|]\s*\S.{0,80}$")
#: Two or more leftover widget identifiers (``fontLarger fontSmaller``); one alone may be a
#: brand (``iPhone``).
_CAMEL_ONLY = re.compile(r"^\s*[a-z]+(?:[A-Z][a-z0-9]+)+(?:\s+[a-z]+(?:[A-Z][a-z0-9]+)+)+\s*$")
#: Words of share bars and font-size widgets; a line made only of them (with at least one
#: of the core ones) is furniture.
_WIDGET_TEXT = (
    "share shares shared tweet email e-mail print facebook twitter whatsapp linkedin reddit "
    "pinterest telegram weibo wechat line copy link comment comments save bookmark font "
    "size a+ a- aa a larger smaller increase decrease text x on this article story page "
    "via us follow subscribe"
)
_WIDGET_CORE_TEXT = (
    "share shares tweet email e-mail print facebook twitter whatsapp linkedin reddit "
    "pinterest telegram weibo wechat bookmark font a+ a- aa subscribe"
)
_WIDGET_WORDS = frozenset(_WIDGET_TEXT.split())
_WIDGET_CORE = frozenset(_WIDGET_CORE_TEXT.split())
_HEADER_LABELS = (
    r"updated|last updated|published|posted|release time|source|sources|editor|author|date|time"
)
_HEADER_FIELD = re.compile(rf"(?i)\b(?:{_HEADER_LABELS})\s*[:：]")
_TRAILER = re.compile(
    r"(?i)^\s*(?:disclaimer|fact[- ]?checking policy|editorial policy|corrections? policy"
    r"|privacy policy|terms of (?:use|service)|(?:responsible |chief |copy ?)?editors?|edited by"
    r"|copyright|source|share this(?: article| story)?|read more|related(?: articles| stories)?"
    r"|recommended|tags|keywords)\s*[:：]"
    r"|^\s*(?:©|\(c\)\s|copyright\s+(?:©\s*)?\d{4}|all rights reserved)"
)
_SHORT_TRAILERS = re.compile(
    r"(?i)^\s*(?:(?:responsible |chief |copy ?)?editors?|edited by|source)"
)
_REFERENCE_HEAD = re.compile(r"(?i)^\s*(?:reference\(s\)|references?|source\(s\)|sources?)\s*[:：]")
_HEAD_REGION = 8  # non-empty lines near the top where header fields and title copies are sought


_WORD = re.compile(r"\S+")


def more_words(line: str, n: int) -> bool:
    """``len(line.split()) > n`` without splitting a whole paragraph to count its words."""
    return len(line.split(None, n)) > n


def normalize(text: str) -> str:
    """Line endings to ``\\n``, no-break spaces to spaces, ``\\"`` to ``"``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = strip_invisible(text)
    return text.replace('\\"', '"')


def strip_image_names(line: str) -> str:
    """Remove an image file name at the start of a line and, then, the caption's photo credit."""
    stripped, n = _IMAGE_NAME.subn("", line, count=1)
    if not n:
        return line
    return _PHOTO_CREDIT.sub("", stripped).strip()


def is_furniture(line: str) -> bool:
    """True for a breadcrumb or a line of page widgets (share buttons, font-size controls)."""
    if not line.strip():
        return False
    if _BREADCRUMB.match(line) or _HOME_CRUMB.match(line) or _CAMEL_ONLY.match(line):
        return True
    # Every word a widget word, at least one of them a core one; most lines are prose, so
    # stop at the first word that is not a widget word.
    core = False
    for match in _WORD.finditer(line):
        word = match.group().strip(".,:;|·•()[]").lower()
        if not word:
            continue
        if word not in _WIDGET_WORDS:
            return False
        core = core or word in _WIDGET_CORE
    return core


def is_header_fields(line: str) -> bool:
    """True for a short line made only of labelled fields: ``Updated: Jan 17 Source: Xinhua``.

    A field value is a few words; a line ending like a sentence allows only very short ones,
    so "Editor: Jane Roe joined the paper in 2020." stays.
    """
    line = line.strip()
    if more_words(line, 25) or not _HEADER_FIELD.match(line):
        return False
    values = _HEADER_FIELD.split(line)
    longest = 4 if line.endswith((".", "!", "?")) else 10
    return values[0] == "" and all(0 < len(v.split()) <= longest for v in values[1:])


def is_trailer(line: str) -> bool:
    """True for a closing furniture line: disclaimer, policy, editor credit, copyright, share."""
    if not _TRAILER.match(line):
        return is_furniture(line)
    return not _SHORT_TRAILERS.match(line) or not more_words(line, 8)


def drop_header_fields(lines: list[str]) -> list[str]:
    """Drop labelled-field lines among the first non-empty lines."""
    out, seen = [], 0
    for line in lines:
        if line.strip():
            seen += 1
            if seen <= _HEAD_REGION and is_header_fields(line):
                continue
        out.append(line)
    return out


def drop_repeated_title(lines: list[str]) -> list[str]:
    """Drop copies of the first non-empty line among the next few non-empty lines."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or more_words(lines[first], 30):
        return lines
    title = _squash(lines[first])
    out, seen = lines[: first + 1], 0
    for line in lines[first + 1 :]:
        if line.strip():
            seen += 1
            if seen < _HEAD_REGION and _squash(line) == title:
                continue
        out.append(line)
    return out


def drop_trailer(lines: list[str]) -> list[str]:
    """Drop furniture lines and a short ``Reference(s):`` block from the end of the text."""
    end = len(lines)
    while True:
        while end and not lines[end - 1].strip():
            end -= 1
        if end and is_trailer(lines[end - 1]):
            end -= 1
            continue
        ref = _reference_block_start(lines[:end])
        if ref is None:
            return lines[:end]
        end = ref


def _reference_block_start(lines: list[str]) -> int | None:
    """Index of a ``Reference(s):`` line followed by at most 6 short lines up to the end."""
    tail = [i for i, line in enumerate(lines[-8:], start=max(0, len(lines) - 8)) if line.strip()]
    for i in tail:
        if _REFERENCE_HEAD.match(lines[i]):
            rest = [line for line in lines[i + 1 :] if line.strip()]
            if len(rest) <= 6 and not any(more_words(line, 20) for line in rest):
                return i
    return None


def clean(text: str) -> str:
    """The article text without page furniture (see the module docstring for each rule)."""
    lines = [strip_image_names(line) for line in normalize(text).split("\n")]
    lines = [line for line in lines if not is_furniture(line)]
    lines = drop_trailer(drop_repeated_title(drop_header_fields(lines)))
    out = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def extract_title(text: str) -> str:
    """The headline when evident: first line, short (<= 25 words), no final period, then a blank
    line. ``""`` otherwise."""
    lines = text.strip().split("\n")
    if len(lines) < 3 or lines[1].strip():
        return ""
    title = lines[0].strip().lstrip("#").strip()
    if not title or len(title) > 250 or more_words(title, 25):
        return ""
    if title.endswith((".", ":", ",", ";")) and not title.endswith("..."):
        return ""
    return title


def _squash(line: str) -> str:
    return " ".join(line.split()).casefold()
