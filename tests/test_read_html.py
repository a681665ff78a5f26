"""Web pages and WARC files as inputs: main text without the furniture, page metadata,
pages in folders beside text files, WARC records, damaged WARCs, and the corpus parts the
Dask engine reads (equal to ``read_corpus``)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, TESTS

pytest.importorskip("trafilatura", reason="HTML pages need trafilatura")
pytest.importorskip("fastwarc", reason="WARC files need fastwarc")

sys.path.insert(0, str(ROOT / "scripts"))
import make_pages

from framing.cli import main
from framing.corpus.parts import plan_parts, read_part
from framing.corpus.read import read_corpus
from framing.errors import InputError
from framing.records import Article, Skipped
from framing.scoring.scorer import Scorer

PAGES = TESTS / "data" / "pages"
BARE = (PAGES / "article.txt").read_text(encoding="utf-8")
AXES = ("threat_exchange", "state_wire")
FRAMING_WORDS = ("spy", "threat", "espionage", "cultural exchange", "friendship")


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def axis_scores(scorer: Scorer, article: Article) -> dict[str, float]:
    score = scorer.score(article)
    return {axis: score.axes[axis].score for axis in AXES}


def read(*paths: str | Path, skipped: list[Skipped] | None = None) -> list[Article]:
    sink = skipped if skipped is not None else []
    return list(read_corpus([str(p) for p in paths], on_skip=sink.append))


def bare_article(text: str, tmp_path: Path, name: str = "bare") -> Article:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return read(path)[0]


# --- main text ---------------------------------------------------------------------------


@pytest.mark.parametrize("template", ["portal", "blog", "minimal"])
def test_furniture_full_of_framing_words_does_not_move_a_score(
    template: str, scorer: Scorer, tmp_path: Path
) -> None:
    page = (PAGES / f"{template}.html").read_text(encoding="utf-8")
    furniture = page.split("<body>")[1].lower()
    if template != "minimal":  # (the minimal page, without furniture, is the control)
        assert all(word in furniture for word in FRAMING_WORDS)  # the test means something
    (html,) = read(PAGES / f"{template}.html")
    bare = bare_article(BARE, tmp_path)  # the article as a text file: headline, body
    assert (html.title, html.text) == (bare.title, bare.text.split("\n\n", 1)[1])
    assert axis_scores(scorer, html) == axis_scores(scorer, bare)
    for word in ("newsletter", "cookies", "related stories", "privacy policy", "dataLayer"):
        assert word.lower() not in html.text.lower()


@pytest.mark.parametrize("seed", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
@pytest.mark.parametrize("template", ["portal", "blog"])
def test_seed_articles_on_pages_score_as_their_bare_text(
    seed: str, template: str, scorer: Scorer, tmp_path: Path
) -> None:
    page = make_pages.page_from_text((ROOT / "seeds" / seed).read_text(encoding="utf-8"))
    path = tmp_path / "page.html"
    path.write_text(make_pages.render(page, template), encoding="utf-8")
    (html,) = read(path)
    # the same title as metadata (front matter), the same body
    body = "\n\n".join(page.paragraphs)
    bare = bare_article(f"---\ntitle: {json.dumps(page.title)}\n---\n{body}", tmp_path)
    assert bare.title == html.title
    assert axis_scores(scorer, html) == axis_scores(scorer, bare)


def test_the_headline_is_the_title_not_the_text() -> None:
    (page,) = read(PAGES / "blog.html")  # the blog template repeats the <h1> in the content
    assert page.title == "Harbour city students trade languages as the app ban debate goes on"
    assert not page.text.startswith("Harbour city")


# --- metadata ----------------------------------------------------------------------------


def test_metadata_from_json_ld_open_graph_and_meta_tags() -> None:
    pages = {a.id: a for a in read(PAGES)}
    url = "https://news.example.org/world/2025/01/16/harbour-students"
    portal, blog, minimal = pages["portal"], pages["blog"], pages["minimal"]
    assert (portal.title, portal.date, portal.url) == (
        "Harbour city students trade languages as the app ban debate goes on",
        "2025-01-16",
        url,
    )
    assert portal.meta == {"author": "Ana Reporter", "site_name": "Harbour Daily"}
    assert (blog.date, blog.url, blog.meta["author"]) == ("2025-01-16", url, "Ana Reporter")
    # only <title> and the canonical link: no author; the date is the one in the URL
    assert minimal.title.startswith("Harbour city") and minimal.url == url
    assert "author" not in minimal.meta and minimal.date == "2025-01-16"


def test_manifest_wins_over_the_page(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes((PAGES / "portal.html").read_bytes())
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,date,author\np.html,Harbour Post,2025-02-01,Desk\n"
    )
    (page,) = read(tmp_path)
    assert (page.outlet, page.date, page.meta["author"]) == ("Harbour Post", "2025-02-01", "Desk")
    assert page.outlet_inferred is False and page.title.startswith("Harbour city")


def test_a_registry_domain_names_the_outlet(tmp_path: Path) -> None:
    page = make_pages.page_from_text(BARE, url="https://www.reuters.com/world/harbour-1/")
    (tmp_path / "r.html").write_text(make_pages.render(page, "portal"), encoding="utf-8")
    (article,) = read(tmp_path / "r.html")
    assert (article.outlet, article.outlet_type, article.outlet_inferred) == (
        "Reuters",
        "wire",
        True,
    )


def test_a_folder_mixing_text_files_and_pages(tmp_path: Path) -> None:
    for name in ("a.txt", "a.html", "b.htm"):
        src = PAGES / ("article.txt" if name.endswith(".txt") else "portal.html")
        (tmp_path / name).write_bytes(src.read_bytes())
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    skipped: list[Skipped] = []
    articles = read(tmp_path, skipped=skipped)
    assert [a.id for a in articles] == ["a.html", "a.txt", "b"]
    assert articles[0].url and not articles[1].url
    assert [Path(s.source).name for s in skipped] == ["c.pdf"]
    assert "not a .txt, .md, .html or WARC file" in skipped[0].reason


def _crawl_folder(folder: Path) -> Path:
    """A folder of crawl files beside an article file and a page: two WARCs (one gzipped, in a
    sub-folder), a manifest naming one WARC's outlet, and a PDF the folder does not read."""
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes((PAGES / "article.txt").read_bytes())
    (folder / "b.html").write_bytes((PAGES / "portal.html").read_bytes())
    (folder / "crawl.warc").write_bytes(make_pages.warc_bytes(warc_records()))
    second = [(url.replace("news.", "other."), d, r) for url, d, r in warc_records()[:1]]
    (folder / "sub" / "more.warc.gz").write_bytes(make_pages.warc_bytes(second, gzip=True))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "manifest.csv").write_text(
        "file,outlet,id,url\ncrawl.warc,Harbour Post,not-used,https://not.used/\n"
    )
    return folder


def test_warc_files_in_a_folder_are_read_as_when_given_as_paths(tmp_path: Path) -> None:
    folder = _crawl_folder(tmp_path / "f")
    skipped: list[Skipped] = []
    articles = read(folder, skipped=skipped)
    assert [a.id for a in articles] == [
        "a",
        "b",
        "https://news.example.org/a",
        "https://news.example.org/b",
        "https://other.example.org/a",
    ]
    given = read(folder / "crawl.warc") + read(folder / "sub" / "more.warc.gz")
    for in_folder, as_path in zip(articles[2:], given, strict=True):
        assert (in_folder.id, in_folder.text, in_folder.url, in_folder.date) == (
            as_path.id, as_path.text, as_path.url, as_path.date,
        )  # fmt: skip
    # the manifest row is every page's metadata, under the record's own url and id
    assert [a.outlet for a in articles[2:4]] == ["Harbour Post", "Harbour Post"]
    assert articles[4].outlet == given[2].outlet  # no manifest row: as the page says
    assert articles[2].url == "https://news.example.org/a"
    assert [(Path(s.source).name, s.note) for s in skipped] == [
        ("crawl.warc", True),  # passed over 3 records (as when the WARC is given as a path)
        ("notes.pdf", False),
    ]
    assert "passed over 3 records" in skipped[0].reason


def test_parts_of_a_folder_of_crawl_files_read_what_read_corpus_reads(tmp_path: Path) -> None:
    folder = _crawl_folder(tmp_path / "f")
    local: list[Article | Skipped] = []
    for item in read_corpus([folder], on_skip=local.append):
        local.append(item)
    parts = plan_parts([str(folder)], files_per_part=2)
    assert len(parts) == 3
    got = [item for part in parts for item in read_part(part)]
    key = [i if isinstance(i, Skipped) else (i.id, i.text, i.outlet, i.meta) for i in got]
    assert key == [i if isinstance(i, Skipped) else (i.id, i.text, i.outlet, i.meta) for i in local]


def test_a_page_in_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Café</title></head><body><article>'
        "<p>The café owner said “friendship” mattered – naïve or not, he welcomed every "
        "visitor who came through the door that winter, and the town agreed with him.</p>"
        "</article></body></html>"
    )
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    (article,) = read(tmp_path / "p.html")
    assert article.title == "Café" and "“friendship” mattered – naïve" in article.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (
            b"<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>",
            "no article text",
        ),
        (b"\x00\x01\x02<html>" * 20, "binary"),
    ],
)
def test_bad_pages_are_skipped_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "good.html").write_bytes((PAGES / "portal.html").read_bytes())
    (tmp_path / "bad.html").write_bytes(content)
    skipped: list[Skipped] = []
    assert [a.id for a in read(tmp_path, skipped=skipped)] == ["good"]
    assert len(skipped) == 1 and reason in skipped[0].reason
    assert skipped[0].source.endswith("bad.html")


# --- WARC --------------------------------------------------------------------------------

DATE = "2025-01-20T10:00:00Z"


def warc_records() -> list[tuple[str, str, bytes]]:
    portal = (PAGES / "portal.html").read_bytes()
    minimal = (PAGES / "minimal.html").read_bytes().replace(b"/2025/01/16/", b"/")
    return [
        ("https://news.example.org/a", DATE, make_pages.http_response("200 OK", "text/html; charset=utf-8", portal)),
        ("https://news.example.org/old", DATE, make_pages.http_response("301 Moved Permanently", "text/html", b"", "Location: /a\r\n")),
        ("https://news.example.org/r.pdf", DATE, make_pages.http_response("200 OK", "application/pdf", b"%PDF-1.4 ...")),
        ("https://news.example.org/i.png", DATE, make_pages.http_response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00")),
        ("https://news.example.org/b", DATE, make_pages.http_response("200 OK", "text/html", minimal)),
    ]  # fmt: skip


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_one_article_per_html_page(tmp_path: Path, gzip: bool, scorer: Scorer) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(make_pages.warc_bytes(warc_records(), gzip=gzip))
    skipped: list[Skipped] = []
    a, b = read(path, skipped=skipped)
    assert (a.id, a.url, b.id, b.url) == (
        "https://news.example.org/a",
        "https://news.example.org/a",
        "https://news.example.org/b",
        "https://news.example.org/b",
    )
    assert a.date == "2025-01-16"  # the page declares its date
    assert b.date == "2025-01-20"  # it does not: the capture date
    assert b.meta["warc_date"] == DATE and b.meta["warc_record_id"].startswith("urn:uuid:")
    assert axis_scores(scorer, a) == axis_scores(scorer, read(PAGES / "portal.html")[0])
    (note,) = skipped
    assert note.source == str(path)
    assert note.reason == (
        "passed over 3 records that are not HTML pages with status 200 "
        "(redirect (3xx): 1, application/pdf: 1, image/png: 1)"
    )


@pytest.mark.parametrize("gzip", [False, True])
def test_a_damaged_warc_keeps_the_pages_before_the_damage(tmp_path: Path, gzip: bool) -> None:
    records = warc_records()
    good = make_pages.warc_bytes(records[:1], gzip=gzip)
    rest = make_pages.warc_bytes(records[1:], gzip=gzip)
    path = tmp_path / ("bad.warc.gz" if gzip else "bad.warc")
    path.write_bytes(good + b"\x1f\x8b garbage, not a record\r\n" * 3 + rest)
    skipped: list[Skipped] = []
    assert [a.id for a in read(path, skipped=skipped)] == ["https://news.example.org/a"]
    assert len(skipped) == 1 and skipped[0].source == str(path)
    assert "the WARC is damaged after the record at byte offset" in skipped[0].reason
    assert skipped[0].reason.endswith("the 1 page before it were read")


def test_a_warc_cut_short_inside_a_page_keeps_the_pages_before(tmp_path: Path) -> None:
    data = make_pages.warc_bytes(warc_records())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 300])  # inside the last page's HTML
    skipped: list[Skipped] = []
    assert [a.id for a in read(path, skipped=skipped)] == ["https://news.example.org/a"]
    assert "the file ends inside the record at byte offset" in skipped[0].reason
    offset = int(skipped[0].reason.split("byte offset ")[1].split()[0])
    assert data[offset:].startswith(b"WARC/1.0\r\nWARC-Type: response")


def test_a_resource_record_holding_a_page_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "archive.warc"
    page = (PAGES / "portal.html").read_bytes()
    path.write_bytes(make_pages.resource_record("https://news.example.org/r", DATE, page))
    skipped: list[Skipped] = []
    (article,) = read(path, skipped=skipped)
    assert (article.id, article.title, skipped) == (
        "https://news.example.org/r",
        "Harbour city students trade languages as the app ban debate goes on",
        [],
    )


def test_a_file_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    path.write_text("just some text\n")
    skipped: list[Skipped] = []
    assert read(path, skipped=skipped) == []
    assert len(skipped) == 1 and skipped[0].reason.startswith("not a WARC file (no WARC record")


def test_unsupported_types_list_the_new_kinds(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"\.html, \.htm, .*\.warc, \.warc\.gz"):
        read_corpus([tmp_path / "x.pdf"])


# --- parts (what the Dask engine reads) --------------------------------------------------


def test_parts_read_exactly_what_read_corpus_reads(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    (folder / "sub").mkdir(parents=True)
    for i, name in enumerate(["a.txt", "b.html", "c.md", "sub/d.txt", "sub/e.htm", "z.txt"]):
        src = PAGES / ("portal.html" if "htm" in name else "article.txt")
        (folder / name).write_text(src.read_text().replace("Harbour", f"Harbour {i}"))
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / "manifest.csv").write_text("file,outlet\nb.html,Harbour Post\ngone.txt,X\n")
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(make_pages.warc_bytes(warc_records()))
    paths = [str(folder), str(warc), str(PAGES / "portal.html")]

    def items(source: list[Article | Skipped]) -> list[object]:
        return [i if isinstance(i, Skipped) else (i.id, i.text, i.outlet, i.meta) for i in source]

    local: list[Article | Skipped] = []  # articles and skipped items, in reading order
    for item in read_corpus(paths, on_skip=local.append):
        local.append(item)
    parts = plan_parts(paths, files_per_part=2)
    assert [p.kind for p in parts] == ["folder"] * 4 + ["warc", "text"]
    got = [item for part in parts for item in read_part(part)]
    assert items(got) == items(local)
    assert any(isinstance(i, Skipped) and "gone.txt" in i.reason for i in got)
    ids = [i.id for i in got if isinstance(i, Article)]
    assert ids[0].endswith("/f/a") and ids[1].endswith("/f/b")


# --- command line ------------------------------------------------------------------------


def test_score_a_folder_of_pages_and_a_warc(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(make_pages.warc_bytes(warc_records(), gzip=True))
    result = CliRunner().invoke(main, ["score", str(PAGES), str(warc), "--format", "csv"])
    # the passed-over records are a note, not an error: the exit status stays 0
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 4 + 2
    assert "framing: note: " in result.stderr and "passed over 3 records" in result.stderr
    assert "skipped" not in result.stderr


def test_the_library_reads_a_warc_with_redirects_without_raising(tmp_path: Path) -> None:
    from framing import score_corpus

    warc = tmp_path / "crawl.warc"
    warc.write_bytes(make_pages.warc_bytes(warc_records(), gzip=False))
    assert len(list(score_corpus([warc]))) == 2


def test_score_help_lists_the_input_kinds() -> None:
    result = CliRunner().invoke(main, ["score", "--help"])
    assert result.exit_code == 0
    for kind in ("a folder", "x.html", "x.warc(.gz)", "x.jsonl(.gz)", "x.parquet", ".htm"):
        assert kind in result.output


def test_text_only_runs_do_not_import_the_page_and_warc_readers() -> None:
    import subprocess

    code = (
        "import sys; from framing.corpus.read import read_corpus; "
        f"list(read_corpus([{str(ROOT / 'seeds')!r}])); "
        "print(sorted(m for m in ('trafilatura', 'fastwarc', 'lxml') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_score_and_compare_a_folder_of_crawl_files(tmp_path: Path) -> None:
    folder = _crawl_folder(tmp_path / "f")
    (folder / "notes.pdf").unlink()  # a skipped file would make the exit status 1
    result = CliRunner().invoke(main, ["score", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [a.id for a in read(folder)] and len(rows) == 5
    assert "framing: note: " in result.stderr and "passed over 3 records" in result.stderr
    result = CliRunner().invoke(main, ["compare", str(folder), "--by", "outlet"])
    assert result.exit_code == 0, result.output
    assert "Harbour Post" in result.stdout


def test_provenance_hashes_the_files_a_folder_reads() -> None:
    from framing.corpus.files import FOLDER_SUFFIXES
    from framing.run.provenance import CORPUS_SUFFIXES

    assert set(CORPUS_SUFFIXES) == set(FOLDER_SUFFIXES)
