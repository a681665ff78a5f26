"""Web pages (``.html``, ``.htm``, and HTML records of WARC files) -> ``Article`` records.

The main text is extracted with trafilatura (imported here, when the first page is read):
navigation, cookie banners, breadcrumbs, share widgets, related links, comments, tables,
footers, scripts and styles are dropped; each kept block (paragraph, heading, list item)
becomes a paragraph of the article text. Why trafilatura, and how it was measured against
readability-lxml and jusText: docs/reading.md.

Metadata comes from the page where present (meta tags, Open Graph, JSON-LD, ``<title>``, the
canonical link): ``title``, ``date`` (publication date from the markup only, never guessed
from the text), ``url``, and ``author`` and ``site_name`` in ``meta``. Metadata the user gives
(a manifest row, a WARC record's URI and date) wins. The headline is the ``title`` and is
not repeated in the text. When nothing names the outlet, a page whose URL or ``site_name``
is in the outlet registry gets that outlet (``outlet_inferred`` true); otherwise the text's
own attribution is used, as for text files.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from framing.corpus.attribution import Outlet, lookup
from framing.corpus.common import as_text, build_article
from framing.corpus.decode import BadItem
from framing.records import Article

HTML_SUFFIXES = (".html", ".htm")
_NO_TEXT = "no article text found in the page (is it an index page, or empty?)"


def page_text(data: bytes | str, *, url: str = "") -> tuple[str, dict[str, Any]]:
    """(main text, page metadata) of one page; raises ``BadItem`` when it has no text.

    The text's paragraphs are separated by blank lines, as in a text file; the metadata has
    the keys ``title``, ``date``, ``url``, ``author``, ``site_name`` that the page declares.
    """
    import trafilatura

    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise BadItem("binary file, not a web page")
    try:
        doc: Any = trafilatura.bare_extraction(
            data,
            url=url or None,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            # the date from the page's markup only: no guess from the text or the URL
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, UnicodeError) as exc:  # markup lxml cannot parse
        raise BadItem(f"not a readable web page ({exc})") from None
    if doc is None or not (doc.text or "").strip():
        raise BadItem(_NO_TEXT)
    title = (doc.title or "").strip()
    lines = [line.strip() for line in doc.text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:  # the headline is the title, not the text
        lines = lines[1:]
    if not lines:
        raise BadItem(_NO_TEXT)
    meta = {
        "title": title,
        "date": (doc.date or "").strip(),
        "url": (doc.url or url or "").strip(),
        "author": (doc.author or "").strip(),
        "site_name": (doc.sitename or "").strip(),
    }
    return "\n\n".join(lines), {k: v for k, v in meta.items() if v}


def article_from_page(
    data: bytes | str,
    *,
    id: str,
    source: str,
    metadata: dict[str, Any] | None = None,
    defaults: dict[str, Any] | None = None,
) -> Article:
    """An ``Article`` of one page; ``metadata`` (a manifest row, a WARC record's fields) wins
    over what the page declares, which wins over ``defaults``. Raises ``BadItem`` when the
    page has no article text."""
    given = dict(metadata or {})
    text, page = page_text(data, url=as_text(given.get("url")))
    merged = {
        **{k: v for k, v in (defaults or {}).items() if as_text(v)},
        **page,
        **{k: v for k, v in given.items() if as_text(v)},
    }
    if not as_text(given.get("outlet")):
        outlet = _registry_outlet(as_text(merged.get("url")), page.get("site_name", ""))
        if outlet is not None:
            merged["outlet"], merged["outlet_inferred"] = outlet.name, "true"
            merged.setdefault("outlet_type", outlet.type)
    return build_article(text, id=as_text(merged.get("id")) or id, source=source, metadata=merged)


def _registry_outlet(url: str, site_name: str) -> Outlet | None:
    """The registry outlet owning the URL's host (or a parent domain), else named by the
    page's ``site_name``."""
    host = (urlsplit(url).hostname or "") if url else ""
    parts = host.lower().removeprefix("www.").split(".")
    for i in range(len(parts) - 1):
        domain = ".".join(parts[i:])
        outlet = lookup(domain)
        if outlet is not None and domain in outlet.domains:
            return outlet
    return lookup(site_name) if site_name else None
