"""Main-text extraction from web pages: trafilatura against readability-lxml and jusText.

Pages are built by scripts/make_pages.py: the 5 seed articles and (when ../shared/datasets is
there) 15 wire/BBC/Al Jazeera articles from allsides-abp-wire-subset, each wrapped in one of
four templates full of framing words (navigation, cookie banner, related links, newsletter,
comments, footer, scripts). The known article text is the truth. Per extractor:

* token recall / precision: multiset overlap of lower-cased word tokens with the truth;
* pages where the threat_exchange and state_wire scores equal the bare text's, and the mean
  absolute difference of those two scores from the bare text's (over pages and axes);
* milliseconds per page.

    nice python benchmarks/html_extraction.py    # prints the table, writes its RESULTS.md section
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_pages  # noqa: E402

SHARED = ROOT.parent / "shared" / "datasets" / "allsides-abp-wire-subset"
TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text.lower()))


def articles() -> list[tuple[str, str]]:
    """(id, text) of the seed articles and, when present, 15 shared wire-subset articles."""
    found = [
        (p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    path = SHARED / "abp_wire_bbc_aljazeera.jsonl.gz"
    if path.exists():
        by_source: dict[str, int] = Counter()
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("content_original") or ""
                if by_source[rec["source"]] >= 3 or len(text.split()) < 200:
                    continue
                by_source[rec["source"]] += 1
                found.append((rec["ID"], rec["title"] + "\n\n" + text))
                if len(found) >= 20:
                    break
    return found


def trafilatura_default(page: str) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(page, include_comments=False, with_metadata=True)
    return doc.text if doc is not None else ""


def trafilatura_precision(page: str) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, include_comments=False, with_metadata=True, favor_precision=True
    )
    return doc.text if doc is not None else ""


def trafilatura_no_tables(page: str) -> str:
    """The settings framing ships (framing/corpus/html.py)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=False, with_metadata=True
    )
    return doc.text if doc is not None else ""


def readability(page: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(page).summary(html_partial=True)
    tree = lxml.html.fromstring(summary)
    return "\n".join(p.text_content().strip() for p in tree.iter("p", "h1", "h2", "li", "td"))


def justext_(page: str) -> str:
    import justext

    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "trafilatura": trafilatura_default,
    "trafilatura favor_precision": trafilatura_precision,
    "trafilatura include_tables=False": trafilatura_no_tables,
    "readability-lxml": readability,
    "jusText": justext_,
}


def main() -> int:
    from framing.scoring.scorer import Scorer

    scorer = Scorer()
    axes = ("threat_exchange", "state_wire")

    def axis_scores(text: str) -> tuple[float, ...]:
        from framing.records import Article

        if not text.strip():
            return (float("nan"),) * len(axes)
        s = scorer.score(Article(id="x", text=text))
        return tuple(s.axes[a].score for a in axes)

    pages = []
    for i, (_, text) in enumerate(articles()):
        page = make_pages.page_from_text(text)
        body = "\n\n".join(page.paragraphs)
        template = make_pages.TEMPLATES[i % len(make_pages.TEMPLATES)]
        pages.append((make_pages.render(page, template), body, template, page.title))
    print(f"{len(pages)} pages ({Counter(p[2] for p in pages)})")
    truth_scores = [axis_scores(body) for _, body, _, _ in pages]
    print(
        f"{'extractor':34} {'recall':>7} {'precision':>9} {'equal scores':>12} {'mean |d|':>8} "
        f"{'ms/page':>8}   mean |d| by template"
    )
    table = [
        "| extractor | recall | precision | equal scores | mean abs. difference | "
        + " | ".join(make_pages.TEMPLATES)
        + " | ms/page |",
        "| --- " * (6 + len(make_pages.TEMPLATES)) + "|",
    ]
    for name, extract in EXTRACTORS.items():
        extract(pages[0][0])  # imports and caches outside the timing
        recall = precision = 0.0
        equal = 0
        elapsed = diff = 0.0
        by_template: Counter[str] = Counter()
        for (page, body, template, title), want in zip(pages, truth_scores, strict=True):
            t0 = time.perf_counter()
            got = extract(page)
            elapsed += time.perf_counter() - t0
            # The headline is metadata (framing drops it from the text), for every extractor.
            got = "\n".join(line for line in got.split("\n") if line.strip() != title)
            truth, mine = tokens(body), tokens(got)
            common = sum((truth & mine).values())
            recall += common / max(1, sum(truth.values()))
            precision += common / max(1, sum(mine.values()))
            scores = axis_scores("\n\n".join(got.split("\n")))
            same = scores == want
            d = sum(abs(a - b) for a, b in zip(scores, want, strict=True)) / len(axes)
            diff += d
            by_template[template] += d / Counter(p[2] for p in pages)[template]
            equal += same
        n = len(pages)
        print(
            f"{name:34} {recall / n:7.3f} {precision / n:9.3f} {equal:>5} of {n:<4} "
            f"{diff / n:8.4f} {1000 * elapsed / n:8.1f}   "
            + ", ".join(f"{t} {v:.3f}" for t, v in by_template.items())
        )
        table.append(
            f"| {name} | {recall / n:.3f} | {precision / n:.3f} | {equal} of {n} | "
            f"{diff / n:.3f} | "
            + " | ".join(f"{by_template[t]:.3f}" for t in make_pages.TEMPLATES)
            + f" | {1000 * elapsed / n:.0f} |"
        )
    write_section(table, Counter(p[2] for p in pages))
    return 0


def write_section(table: list[str], templates: Counter[str]) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _results import command_line, machine_lines
    from sections import update_section

    lines = [
        "## Main text of web pages (`benchmarks/html_extraction.py`)",
        "",
        *machine_lines(["trafilatura", "readability-lxml", "justext", "lxml"]),
        f"- Command: `{command_line()}`",
        "",
        f"{sum(templates.values())} pages built by `scripts/make_pages.py` around known "
        "article texts (the seeds, and wire, BBC and Al Jazeera articles of "
        "allsides-abp-wire-subset when ../shared/datasets is there), in the templates "
        f"{dict(templates)}, the furniture full of framing words. Recall and precision: word "
        "tokens against the article text; equal scores: pages whose threat_exchange and "
        "state_wire scores equal the bare text's; mean absolute difference of those scores "
        "from the bare text's, overall and by template. framing ships trafilatura with "
        "include_tables=False (docs/reading.md says why).",
        "",
        *table,
    ]
    update_section("html-extraction", "\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
