"""WARC files (``.warc``, ``.warc.gz``: web archives, crawls) -> one ``Article`` per page.

Read with FastWARC (imported when a WARC file is read; why FastWARC and not warcio:
docs/reading.md). An article is an HTML page: a ``response`` record with HTTP status 200 and
an HTML content type (``text/html``, ``application/xhtml+xml``), or a ``resource`` record
with an HTML content type. Its text and page metadata come from ``framing.corpus.html``;
``url`` is the record's ``WARC-Target-URI``, ``date`` the page's publication date where the
page declares one, else the date of the capture (``WARC-Date``); ``warc_date`` and
``warc_record_id`` are kept in ``meta``. The id is the URL (the record id when a record has
no URL); ids of several paths are not prefixed (they are the data's own, as in JSONL).

Other response records (redirects and other statuses, images, PDFs, scripts, style sheets,
revisits) are passed over and counted: one ``Skipped`` item per file says how many, of which
kinds. ``request``, ``metadata`` and ``warcinfo`` records are not pages and are not counted.
A damaged file (a corrupt record, a gzip member that does not decompress, a file cut short
inside a record) keeps the pages before the damage and adds one ``Skipped`` naming the byte
offset of the record where reading stopped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus.common import os_reason
from framing.corpus.decode import BadItem
from framing.corpus.html import article_from_page
from framing.records import Article, Skipped

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    path: Path, *, max_bytes: int, metadata: dict[str, Any] | None = None
) -> Iterator[Article | Skipped]:
    """Articles of a WARC file; bad pages, passed-over records and damage as ``Skipped``.
    ``metadata`` (a folder's manifest row for the file) is given to every page, under the
    record's own fields."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    source = str(path)
    passed: Counter[str] = Counter()
    records = pages = 0
    offset = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Skipped(source, os_reason(exc))
        return
    with fh:
        try:
            for record in ArchiveIterator(fh, parse_http=True, verify_digests=False):
                records += 1
                offset = record.stream_pos
                kind = record.record_type
                if kind not in (WarcRecordType.response, WarcRecordType.resource):
                    if kind == WarcRecordType.revisit:
                        passed["revisit"] += 1
                    continue
                why = _not_a_page(record, kind == WarcRecordType.response)
                if why:
                    passed[why] += 1
                    continue
                item = _page(record, source, offset, max_bytes, metadata or {})
                if item is None:
                    cut = f"the file ends inside the record at byte offset {offset} (cut short?)"
                    yield Skipped(source, f"{cut}; {_kept(pages)}")
                    break
                pages += isinstance(item, Article)
                yield item
        except (OSError, ValueError, EOFError) as exc:
            if not records:
                yield Skipped(source, f"not a WARC file (no WARC record at its start: {exc})")
                return
            where = f"after the record at byte offset {offset}"
            yield Skipped(source, f"the WARC is damaged {where} ({exc}); {_kept(pages)}")
    if records == 0 and not passed:
        yield Skipped(source, "not a WARC file (no WARC record found)")
    elif passed:
        kinds = ", ".join(f"{what}: {n}" for what, n in passed.most_common())
        n = sum(passed.values())
        yield Skipped(source, f"passed over {n} record{'s' * (n != 1)} that are not HTML pages "
                      f"with status 200 ({kinds})", note=True)  # fmt: skip


def _kept(pages: int) -> str:
    return f"the {pages} page{'s' * (pages != 1)} before it were read"


def _not_a_page(record: Any, is_response: bool) -> str:
    """Why a response / resource record is not a page to score ("" when it is one)."""
    if is_response:
        if record.http_headers is None:
            return "no HTTP headers"
        status = record.http_headers.status_code
        if status is not None and 300 <= status < 400:
            return "redirect (3xx)"
        if status != 200:
            return f"status {status}"
        ctype = record.http_headers.get("Content-Type") or ""
    else:
        ctype = record.headers.get("Content-Type") or ""
    ctype = ctype.split(";")[0].strip().lower() or "no content type"
    return "" if ctype in _HTML_TYPES else ctype


def _page(
    record: Any, source: str, offset: int, max_bytes: int, shared: dict[str, Any]
) -> Article | Skipped | None:
    """The record's page as an ``Article`` (or a ``Skipped``); None when the file ends inside
    the record."""
    uri = (record.headers.get("WARC-Target-URI") or "").strip()
    record_id = (record.headers.get("WARC-Record-ID") or "").strip().strip("<>")
    where = f"record at byte offset {offset} ({uri or record_id})"
    expected = record.content_length
    data = record.reader.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Skipped(source, f"{where}: page larger than {max_bytes} bytes")
    if len(data) < expected:
        return None
    warc_date = (record.headers.get("WARC-Date") or "").strip()
    metadata = {"url": uri, "warc_date": warc_date, "warc_record_id": record_id}
    try:
        return article_from_page(
            data,
            id=uri or record_id,
            source=source,
            metadata={**shared, **{k: v for k, v in metadata.items() if v}},
            defaults={"date": warc_date[:10]},
        )
    except BadItem as exc:
        return Skipped(source, f"{where}: {exc.reason}")
