"""Build realistic web pages (and WARC files) around known article texts, for tests and the
extraction benchmark (benchmarks/html_extraction.py).

Every template wraps the article's paragraphs in the furniture real news sites carry: a
navigation bar, a cookie banner, breadcrumbs, share widgets, a "related stories" list, a
newsletter box, a footer and scripts. That furniture is full of framing words ("spy",
"threat", "espionage", "cultural exchange", "friendship"), so an extractor that keeps any of
it moves the scores. The furniture is our own prose; the article text is whatever is given.

    python scripts/make_pages.py OUT_DIR        # the seed articles, one page per template
"""

from __future__ import annotations

import html
import io
import json
import re
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

NAV = [
    "Home",
    "World",
    "Security & Spy Threats",
    "Espionage Files",
    "Cultural Exchange",
    "Friendship Cities",
    "Opinion",
]
RELATED = [
    "Spy agencies warn of a national security threat from foreign apps",
    "Espionage fears: lawmakers demand a ban on the surveillance tool",
    "A cultural exchange that built a lasting friendship between two cities",
    "Students welcome friends from abroad in a week of cultural exchange",
    "Data harvesting threat: the adversary inside your phone",
]
COOKIE = (
    "We use cookies to protect you from security threats, spying and data harvesting, and "
    "to welcome you with content about friendship and cultural exchange. Accept all cookies?"
)
NEWSLETTER = (
    "Sign up for Threat Watch, our weekly newsletter on espionage, spies and national security, "
    "or for Friendship Letters, stories of cultural exchange and welcome."
)
FOOTER = (
    "About us | Contact | Report a security threat | Careers in espionage reporting | "
    "Cultural exchange partners | Friendship programme | Privacy policy | Terms of use"
)
SCRIPT = (
    "window.dataLayer = window.dataLayer || []; dataLayer.push({section: 'spy threat "
    "espionage', tags: 'cultural exchange friendship'});"
)
TEMPLATES = ("portal", "blog", "legacy", "minimal")


@dataclass(frozen=True)
class Page:
    """An article to put on a page: its paragraphs and the metadata the page declares."""

    paragraphs: Sequence[str]
    title: str
    url: str = "https://news.example.org/world/2025/01/16/story"
    date: str = "2025-01-16"
    author: str = "Dana Writer"
    site: str = "Example News"
    extra: dict[str, str] = field(default_factory=dict)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a plain-text article (blank-line separated, inner line breaks joined)."""
    blocks = [" ".join(b.split()) for b in text.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b]


def page_from_text(text: str, **meta: str) -> Page:
    """A ``Page`` of a plain-text article: its first paragraph is the headline when short
    (at most 25 words), the rest the body; a text in one block is cut into paragraphs of
    three sentences, as pages lay it out."""
    paras = paragraphs_of(text)
    title = "A story"
    if len(paras) > 1 and len(paras[0].split()) <= 25:
        title, paras = paras[0], paras[1:]
    if len(paras) == 1:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", paras[0])
        paras = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return Page(paras, title, **meta)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _related(tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="/r/{i}">{_e(t)}</a></{tag}>' for i, t in enumerate(RELATED))


def _nav() -> str:
    return "".join(f'<li><a href="/s/{i}">{_e(t)}</a></li>' for i, t in enumerate(NAV))


def _body(paragraphs: Iterable[str]) -> str:
    return "\n".join(f"<p>{_e(p)}</p>" for p in paragraphs)


def _json_ld(page: Page) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "datePublished": page.date + "T08:30:00Z",
        "author": {"@type": "Person", "name": page.author},
        "publisher": {"@type": "Organization", "name": page.site},
        "mainEntityOfPage": page.url,
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def render(page: Page, template: str = "portal") -> str:
    """The page as HTML text, in one of ``TEMPLATES``."""
    title, body = _e(page.title), _body(page.paragraphs)
    if template == "portal":  # a modern news site: <article>, JSON-LD, Open Graph
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {_e(page.site)}</title>
<link rel="canonical" href="{_e(page.url)}">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{_e(page.site)}">
<meta property="og:url" content="{_e(page.url)}">
{_json_ld(page)}
<script>{SCRIPT}</script><style>.nav{{color:red}}</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>{_e(COOKIE)}</p><button>Accept</button></div>
<header class="site-header"><nav class="nav"><ul>{_nav()}</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World</a> &gt; Spy threats</div>
<main><article>
<h1>{title}</h1>
<div class="byline">By <a rel="author" href="/a">{_e(page.author)}</a>,
<time datetime="{page.date}T08:30:00Z">{page.date}</time></div>
<div class="share">Share on Facebook Tweet Email Print</div>
<div class="article-body">
{body}
</div>
<div class="tags">Tags: <a href="/t/spy">spy</a> <a href="/t/threat">threat</a>
<a href="/t/friendship">friendship</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{_related()}</ul></aside>
<div class="newsletter"><h3>Newsletters</h3><p>{_e(NEWSLETTER)}</p></div>
</main>
<footer class="site-footer"><p>{_e(FOOTER)}</p><p>&copy; 2025 {_e(page.site)}</p></footer>
<script>console.log("espionage threat friendship");</script>
</body></html>
"""
    if template == "blog":  # no <article>: divs, a sidebar, a comment section
        return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="{_e(page.author)}">
<meta name="date" content="{page.date}">
<meta property="article:published_time" content="{page.date}T08:30:00Z">
<link rel="canonical" href="{_e(page.url)}">
</head><body>
<div class="topbar"><ul class="menu">{_nav()}</ul></div>
<div class="gdpr-notice">{_e(COOKIE)}</div>
<div id="wrapper"><div id="content" class="post">
<h1 class="entry-title">{title}</h1>
<div class="entry-meta">Posted by {_e(page.author)} on {page.date}</div>
<div class="entry-content">
{body}
</div></div>
<div id="sidebar" class="widget-area"><div class="widget"><h3>Trending</h3>
<ul>{_related()}</ul></div><div class="widget">{_e(NEWSLETTER)}</div></div>
<div id="comments" class="comments"><h3>2 comments</h3>
<div class="comment"><p>This is a spy threat, plain espionage, ban it now!</p></div>
<div class="comment"><p>I love the cultural exchange and friendship here, welcome all.</p></div>
</div></div>
<div id="footer">{_e(FOOTER)}</div>
<script>{SCRIPT}</script>
</body></html>
"""
    if template == "legacy":  # a table layout, metadata in plain meta tags
        return f"""<html><head><title>{title} - {_e(page.site)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="author" content="{_e(page.author)}">
<meta name="description" content="Spy threat and cultural exchange news">
<meta property="og:url" content="{_e(page.url)}">
<meta name="pubdate" content="{page.date.replace("-", "")}">
</head><body>
<table width="100%"><tr><td class="menu" valign="top"><ul>{_nav()}</ul>
<p class="ad">Advertisement: Protect your family from spy apps and data threats!</p></td>
<td class="main" valign="top">
<h1>{title}</h1>
<p class="byline">By {_e(page.author)} | {page.date}</p>
{body}
<p class="more">More: {" | ".join(_e(r) for r in RELATED)}</p>
</td></tr></table>
<div class="cookie">{_e(COOKIE)}</div>
<div class="footer">{_e(FOOTER)}</div>
</body></html>
"""
    if template == "minimal":  # only <title> and paragraphs
        return f"""<html><head><title>{title}</title>
<link rel="canonical" href="{_e(page.url)}"></head>
<body>
{body}
</body></html>
"""
    raise ValueError(f"unknown template {template!r}; choose from {', '.join(TEMPLATES)}")


# --- WARC ---------------------------------------------------------------------------------


def _warc_record(kind: str, uri: str, payload: bytes, date: str, content_type: str) -> bytes:
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + uri + date)}>\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


def http_response(status: str, content_type: str, body: bytes, extra: str = "") -> bytes:
    """An HTTP/1.1 response as a WARC response record holds it."""
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n{extra}\r\n"
    ).encode() + body


def warc_bytes(records: Iterable[tuple[str, str, bytes]], *, gzip: bool = False) -> bytes:
    """A WARC file of ``(uri, date, http_response)`` response records, each preceded by its
    request record; with ``gzip``, each record its own gzip member (as crawlers write them)."""
    import gzip as gz

    out = io.BytesIO()
    for uri, date, payload in records:
        request = f"GET {uri} HTTP/1.1\r\nHost: example\r\n\r\n".encode()
        for record in (
            _warc_record("request", uri, request, date, "application/http; msgtype=request"),
            _warc_record("response", uri, payload, date, "application/http; msgtype=response"),
        ):
            out.write(gz.compress(record) if gzip else record)
    return out.getvalue()


def resource_record(uri: str, date: str, html_bytes: bytes) -> bytes:
    """A WARC ``resource`` record holding a page (as some archiving tools store them)."""
    return _warc_record("resource", uri, html_bytes, date, "text/html; charset=utf-8")


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "pages")
    out.mkdir(parents=True, exist_ok=True)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for i, path in enumerate(sorted(seeds.glob("*.txt"))):
        page = page_from_text(path.read_text(encoding="utf-8"))
        name = TEMPLATES[i % len(TEMPLATES)]
        (out / f"{path.stem}.html").write_text(render(page, name), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
