"""Reading WARC files: warcio against FastWARC, on WARCs built by scripts/make_pages.py.

The WARC holds N response records (and N request records before them, as crawlers write
them): three HTML pages of the seed articles for every image and every redirect. Each
library iterates every record, reads the type, target URI, date, HTTP status and content
type, and the full payload of HTML responses (what framing needs). Plain and gzip (one
member per record) files; best of 3 runs.

    nice python benchmarks/warc_speed.py [N]   # N response records (default 3000); RESULTS.md
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_pages  # noqa: E402


def build(n: int) -> list[tuple[str, str, bytes]]:
    pages = []
    for i, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        page = make_pages.page_from_text(path.read_text(encoding="utf-8"))
        pages.append(make_pages.render(page, make_pages.TEMPLATES[i % 4]).encode())
    records = []
    for i in range(n):
        uri, date = f"https://news.example.org/story/{i}", "2025-01-16T08:30:00Z"
        if i % 5 == 3:
            body = make_pages.http_response("200 OK", "image/jpeg", bytes(range(256)) * 40)
        elif i % 5 == 4:
            body = make_pages.http_response("301 Moved Permanently", "text/html", b"",
                                            f"Location: {uri}/\r\n")  # fmt: skip
        else:
            body = make_pages.http_response("200 OK", "text/html; charset=utf-8", pages[i % 5])
        records.append((uri, date, body))
    return records


def with_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                continue
            record.rec_headers.get_header("WARC-Target-URI")
            record.rec_headers.get_header("WARC-Date")
            status = record.http_headers.get_statuscode()
            ctype = record.http_headers.get_header("Content-Type") or ""
            if status == "200" and ctype.startswith("text/html"):
                n += len(record.content_stream().read())
    return n


def with_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            record.headers.get("WARC-Target-URI")
            record.headers.get("WARC-Date")
            status = record.http_headers.status_code
            ctype = record.http_headers.get("Content-Type") or ""
            if status == 200 and ctype.startswith("text/html"):
                n += len(record.reader.read())
    return n


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 3000
    records = build(n)
    table = [
        "| file | records | size (MB) | warcio (s) | FastWARC (s) | FastWARC faster by |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for gz in (False, True):
            path = Path(tmp) / ("crawl.warc.gz" if gz else "crawl.warc")
            path.write_bytes(make_pages.warc_bytes(records, gzip=gz))
            size = path.stat().st_size / 1e6
            results = {}
            for name, read in (("warcio", with_warcio), ("fastwarc", with_fastwarc)):
                best, got = float("inf"), 0
                for _ in range(3):
                    t0 = time.perf_counter()
                    got = read(path)
                    best = min(best, time.perf_counter() - t0)
                results[name] = (best, got)
            assert results["warcio"][1] == results["fastwarc"][1], results
            w, f = results["warcio"][0], results["fastwarc"][0]
            print(
                f"{path.name:14} {2 * n} records, {size:.1f} MB: warcio {w:.3f} s, "
                f"fastwarc {f:.3f} s (fastwarc {w / f:.1f}x faster); "
                f"{results['warcio'][1] / 1e6:.1f} MB of HTML read by each"
            )
            table.append(
                f"| `{path.name}` | {2 * n:,} | {size:.1f} | {w:.3f} | {f:.3f} | {w / f:.1f}x |"
            )
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _results import command_line, machine_lines
    from sections import update_section

    lines = [
        "## Reading WARC files (`benchmarks/warc_speed.py`)",
        "",
        *machine_lines(["warcio", "fastwarc"]),
        f"- Command: `{command_line()}`",
        "",
        f"{n:,} response records (three HTML pages of the seeds for every image and every "
        "redirect), each after its request record; every record's type, URI, date, status "
        "and content type read, and every HTML payload; best of 3. Plain, and gzip with one "
        "member per record.",
        "",
        *table,
    ]
    update_section("warc-readers", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
