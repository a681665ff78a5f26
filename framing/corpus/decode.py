"""Bytes to text for article files, and the checks that keep one bad file from hurting a run.

Decoding rule (in this order, so that every step is reliable rather than a guess):

1. A byte-order mark decides: UTF-8 (BOM), UTF-16 or UTF-32. Invalid bytes after a BOM make the
   file undecodable.
2. NUL bytes, or more than 1% C0 control bytes, mean a binary file (an image, a PDF, a
   spreadsheet saved as ``.txt``). UTF-16 without a BOM is reported as binary too: save it with
   a BOM or as UTF-8.
3. Strict UTF-8. A file that is valid UTF-8 except for its last character, cut short (a file
   truncated in the middle of a multi-byte character), is UTF-8: the torn character is
   replaced by U+FFFD and a warning is returned with the text (``decode_with_warning``).
4. Strict cp1252, which also covers every printable latin-1 character (cp1252 only differs in
   0x80-0x9F, where latin-1 has control codes that real text never contains). It is accepted
   when the result looks like Western text: at most 30% of its letters are non-ASCII.
5. Otherwise (a Cyrillic, Greek or CJK legacy encoding) charset-normalizer is asked, and its
   answer is taken only when it is confident: at least 50 letters, mess ratio under 5%.
   Anything else is reported as undecodable, with the advice to save the file as UTF-8.

A Central European cp1250 file that happens to decode as cp1252 is mis-read by step 4; that is
the price of not guessing among single-byte encodings.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from typing import IO

#: Files larger than this are refused (one oversized file must not eat the run's memory).
MAX_FILE_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_BYTES = frozenset(range(32)) - _ALLOWED_CONTROLS | {0x7F}
_SAVE_AS_UTF8 = "save it as UTF-8"


class BadItem(Exception):
    """Internal: an input item (file, line, row) that cannot be read; ``reason`` is one line."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def bom_encoding(head: bytes) -> tuple[str, str] | None:
    """(codec, display name) from a byte-order mark at the start of ``head``, if any."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, name
    return None


def check_not_binary(sample: bytes) -> None:
    """Raise ``BadItem`` when ``sample`` (bytes without a BOM) looks binary."""
    if b"\x00" in sample:
        raise BadItem(
            "binary file (contains NUL bytes); if it is UTF-16 text, save it with a BOM or as UTF-8"
        )
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls and controls > 0.01 * len(sample):
        raise BadItem(f"binary file ({controls} control bytes in {len(sample)}); not text")


def looks_western(text: str) -> bool:
    """True when at most 30% of the letters are non-ASCII (cp1252 mojibake of Cyrillic,
    Greek or CJK bytes is almost all non-ASCII letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for c in letters if not c.isascii())
    return non_ascii <= 0.3 * len(letters)


TORN_UTF8 = (
    "the file ends inside a UTF-8 character (cut short?); "
    "read as UTF-8 with the torn character replaced by U+FFFD"
)


def decode_bytes(data: bytes) -> str:
    """Decode a whole file's bytes by the rule in the module docstring, or raise ``BadItem``."""
    return decode_with_warning(data)[0]


def decode_with_warning(data: bytes) -> tuple[str, str]:
    """(text, warning) by the rule in the module docstring; the warning is ``""`` unless the
    file was read with a repair (a torn final UTF-8 character). Raises ``BadItem``."""
    if not data:
        raise BadItem("empty file")
    bom = bom_encoding(data)
    if bom is not None:
        codec, name = bom
        try:
            return data.decode(codec), ""
        except UnicodeDecodeError as exc:
            raise BadItem(
                f"undecodable: starts with a {name} BOM but byte {exc.start} is "
                f"not {name}; {_SAVE_AS_UTF8}"
            ) from None
    check_not_binary(data)
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        # Only a truncated multi-byte sequence at the very end ("unexpected end of data"),
        # with everything before it valid, is a torn character; anything else is not UTF-8.
        torn = exc.reason == "unexpected end of data" and exc.end == len(data)
        if torn and len(data) - exc.start < 4 and exc.start > 0:
            head = data[: exc.start]
            try:
                return head.decode("utf-8") + "\ufffd", TORN_UTF8
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and looks_western(text):
        return text, ""
    guessed = _confident_guess(data)
    if guessed is not None:
        return guessed, ""
    raise BadItem(f"undecodable: not UTF-8, cp1252 or latin-1 text; {_SAVE_AS_UTF8}")


def _confident_guess(data: bytes) -> str | None:
    """charset-normalizer's answer for a non-Western legacy encoding, only when confident."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos >= 0.05:
        return None
    text = str(best)
    if sum(1 for c in text if c.isalpha()) < 50 or looks_western(text):
        return None  # too little to be sure, or a Western reading we already rejected
    return text


def read_file_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` without reading them whole.

    Raises ``BadItem`` for too-large files and ``OSError`` for the caller to word.
    """
    size = os.stat(path).st_size
    if size > max_bytes:
        raise BadItem(f"file too large ({_mb(size)}; the limit is {_mb(max_bytes)})")
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise BadItem(f"file too large (over {_mb(max_bytes)})")
    return data


def sniff_stream_encoding(open_binary: Callable[[], IO[bytes]]) -> str:
    """Encoding of a file read as a stream (CSV), chosen by one streaming pass, not a guess.

    Same rule as ``decode_bytes`` but without the charset-normalizer step: the BOM, else
    strict UTF-8 over the whole file, else strict cp1252 when its first megabyte looks Western.
    """
    with open_binary() as fh:
        head = fh.read(1 << 20)
        if not head:
            raise BadItem("empty file")
        bom = bom_encoding(head)
        if bom is not None:
            return bom[0]
        check_not_binary(head[: 1 << 16])
        if _valid_stream(head, fh, "utf-8"):
            return "utf-8"
    with open_binary() as fh:
        head = fh.read(1 << 20)
        if _valid_stream(head, fh, "cp1252") and looks_western(head.decode("cp1252")):
            return "cp1252"
    raise BadItem(f"undecodable: not UTF-8, cp1252 or latin-1 text; {_SAVE_AS_UTF8}")


def _valid_stream(head: bytes, rest: IO[bytes], codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        decoder.decode(head)
        while chunk := rest.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
