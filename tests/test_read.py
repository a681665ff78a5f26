"""The corpus reader: every input kind, metadata precedence, every bad input, encodings."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus.read import read_corpus
from framing.errors import InputError
from framing.records import Article, Skipped

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
Writer = Callable[..., Path]
Make = Callable[..., str]


def read_all(*paths: str | Path, **kwargs: object) -> list[Article]:
    return list(read_corpus([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


# --- seeds -----------------------------------------------------------------------------------


def test_seeds_read_with_manifest_metadata_and_without_furniture() -> None:
    articles = {a.id: a for a in read_all(SEEDS)}
    with open(SEEDS / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = {Path(r["file"]).stem: r for r in csv.DictReader(fh)}
    assert set(articles) == set(rows) and len(articles) == 5
    for stem, row in rows.items():
        art = articles[stem]
        assert (art.outlet, art.outlet_type, art.date) == (
            row["outlet"],
            row["outlet_type"],
            row["date"],
        )
        assert not art.outlet_inferred
        assert art.meta["origin"] == row["origin"] and art.language == "en"
        assert art.meta["provenance"] == row["provenance"]
        assert "file" not in art.meta
    assert {a.outlet_type for a in articles.values()} == {"state", "wire", "other"}
    for furniture in ("Home >", "fontLarger", ".JPEG", "Editor:", "Source:", "Liu Jie"):
        assert furniture not in articles["004_a700fc40aa063632"].text
    assert articles["004_a700fc40aa063632"].title.startswith("Explainer:")
    text_000 = articles["000_b8b6c37ad7fa7c19"].text
    assert text_000.count(articles["000_b8b6c37ad7fa7c19"].title) == 1
    assert "Disclaimer" not in text_000 and "Fact-Checking" not in text_000
    assert '\\"' not in articles["001_5de7e64ba54057c3"].text
    assert "cgtn.com" not in articles["001_5de7e64ba54057c3"].text


def test_seed_outlets_are_inferred_where_the_text_says_so(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)  # without the manifest
    found = {a.id[:3]: (a.outlet, a.outlet_type, a.outlet_inferred) for a in read_all(tmp_path)}
    assert found["001"] == ("CGTN", "state", True)
    assert found["004"] == ("Xinhua", "state", True)
    for key in ("000", "002", "003"):
        assert found[key] == ("unknown", "unknown", False)


# --- folders ---------------------------------------------------------------------------------


def test_folder_is_recursive_sorted_and_ids_are_relative_paths(
    write: Writer, tmp_path: Path, article: Make
) -> None:
    for rel in ("b.txt", "a.md", "sub/c.txt", "sub/deeper/d.markdown", "A2.TXT"):
        write(rel, article())
    ids = [a.id for a in read_all(tmp_path)]
    assert ids == ["A2", "a", "b", "sub/c", "sub/deeper/d"]
    assert ids == [a.id for a in read_all(tmp_path)]  # deterministic


def test_readme_license_manifest_and_hidden_files_are_not_articles(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    write("a.txt", article())
    for rel in ("README.md", "readme.txt", "LICENSE", "LICENSE.txt", ".hidden.txt", ".git/x.txt"):
        write(rel, "not an article")
    write("manifest.csv", "file,outlet\na.txt,Example\n")
    assert [a.id for a in read_all(tmp_path, on_skip=skipped.append)] == ["a"]
    assert skipped == []


def test_other_files_in_a_folder_are_reported(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    write("a.txt", article())
    write("notes.pdf", b"%PDF-1.4")
    write("sub/manifest.csv", "file,outlet\n")
    assert len(read_all(tmp_path, on_skip=skipped.append)) == 1
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert "not a .txt, .md, .html or WARC file" in reasons["notes.pdf"]
    assert "only read at the top" in reasons["manifest.csv"]


def test_same_stem_keeps_the_extension_in_the_id(
    write: Writer, tmp_path: Path, article: Make
) -> None:
    write("a.txt", article(1))
    write("a.md", article(2))
    write("b.txt", article(3))
    assert [a.id for a in read_all(tmp_path)] == ["a.md", "a.txt", "b"]


def test_symlink_loop_is_not_followed_forever(write: Writer, tmp_path: Path, article: Make) -> None:
    write("sub/a.txt", article())
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    assert [a.id for a in read_all(tmp_path)] == ["sub/a"]


# --- metadata: front matter, manifest, inference ------------------------------------------------


def test_front_matter_fields_and_extra_keys(write: Writer, article: Make) -> None:
    path = write(
        "a.md",
        "---\ntitle: Given Title\noutlet: Example Daily\noutlet_type: other\n"
        "date: 2025-01-16\nurl: https://example.org/a\nauthor: Jane Roe\ntags: [x, y]\n"
        "updated: 2025-01-17\n---\n" + article(title="Headline In Text"),
    )
    (art,) = read_all(path)
    assert (art.title, art.outlet, art.outlet_type, art.date, art.url) == (
        "Given Title",
        "Example Daily",
        "other",
        "2025-01-16",
        "https://example.org/a",
    )
    assert art.meta == {"author": "Jane Roe", "tags": ["x", "y"], "updated": "2025-01-17"}
    assert not art.text.startswith("---") and "Jane Roe" not in art.text


def test_front_matter_wins_over_manifest_which_fills_the_rest(
    write: Writer, tmp_path: Path, article: Make
) -> None:
    write(
        "manifest.csv",
        "file,outlet,outlet_type,date,section\na.txt,Manifest Post,other,2024-01-01,World\n",
    )
    write("a.txt", "---\noutlet: Front Matter Post\n---\n" + article())
    (art,) = read_all(tmp_path)
    assert art.outlet == "Front Matter Post"
    assert (art.outlet_type, art.date, art.meta["section"]) == ("other", "2024-01-01", "World")


def test_manifest_keys_by_relative_path(write: Writer, tmp_path: Path, article: Make) -> None:
    write("manifest.csv", "file,outlet\n./sub/a.txt,Sub Outlet\nb.txt,\n")
    write("sub/a.txt", article())
    write("b.txt", article())
    outlets = {a.id: a.outlet for a in read_all(tmp_path)}
    assert outlets == {"sub/a": "Sub Outlet", "b": "unknown"}


def test_single_file_gets_its_manifest_row(write: Writer, tmp_path: Path, article: Make) -> None:
    write("manifest.csv", "file,outlet\na.txt,Example Daily\n")
    path = write("a.txt", article())
    (art,) = read_all(path)
    assert (art.id, art.outlet) == ("a", "Example Daily")


def test_metadata_id_overrides_the_path(write: Writer, tmp_path: Path, article: Make) -> None:
    write("a.txt", "---\nid: doc-42\n---\n" + article())
    assert [a.id for a in read_all(tmp_path)] == ["doc-42"]


def test_known_outlet_gets_its_type_and_inference_only_without_metadata(write: Writer) -> None:
    given = write("a.txt", "---\noutlet: Reuters\n---\nBEIJING, Jan. 16 (Xinhua) -- Text here.")
    (art,) = read_all(given)
    assert (art.outlet, art.outlet_type, art.outlet_inferred) == ("Reuters", "wire", False)
    inferred = write("b.txt", "WASHINGTON (AP) — Officials said the rules would change.")
    (art,) = read_all(inferred)
    assert (art.outlet, art.outlet_type, art.outlet_inferred) == ("Associated Press", "wire", True)


def test_markdown_rule_at_the_top_is_text_not_front_matter(write: Writer) -> None:
    path = write("a.md", "---\nJust a rule above the text.\n---\n\nMore text here.")
    (art,) = read_all(path)
    assert "Just a rule above the text." in art.text


def test_invalid_front_matter_is_a_bad_item_with_its_line(
    write: Writer, skipped: list[Skipped]
) -> None:
    path = write("a.md", "---\ntitle: ok\noutlet: [unclosed\n---\nText.")
    assert read_all(path, on_skip=skipped.append) == []
    assert skipped[0].line is not None and "front matter" in skipped[0].reason


def test_manifest_without_file_column_fails_at_call_time(
    write: Writer, tmp_path: Path, article: Make
) -> None:
    write("manifest.csv", "name,outlet\na.txt,X\n")
    write("a.txt", article())
    with pytest.raises(InputError, match="no 'file' column \\(columns: name, outlet\\)"):
        read_corpus([tmp_path])  # no iteration needed


def test_manifest_listing_a_file_twice_fails_at_call_time(write: Writer, tmp_path: Path) -> None:
    write("manifest.csv", "file,outlet\na.txt,X\nb.txt,Y\n./a.txt,Z\n")
    with pytest.raises(InputError, match=r"manifest\.csv:4: 'a\.txt' is listed twice"):
        read_corpus([tmp_path])


def test_manifest_row_for_a_missing_file_is_reported(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    write("manifest.csv", "file,outlet\na.txt,X\ngone.txt,Y\n")
    write("a.txt", article())
    assert len(read_all(tmp_path, on_skip=skipped.append)) == 1
    assert skipped == [Skipped(str(tmp_path / "manifest.csv"), skipped[0].reason, 3)]
    assert "gone.txt" in skipped[0].reason


# --- bad text files ----------------------------------------------------------------------------


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty file"),
    ("whitespace", b"  \n\n\t \n", "empty text"),
    ("furniture only", b"Home > News\nShare Tweet Email\nPrint\n", "no article text left"),
    ("binary NUL", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ("binary controls", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"text", "binary file"),
    ("undecodable", b"caf\xe9 \x81\x8d\x8f\x90\x9d ok", "undecodable"),
    ("bad BOM", b"\xff\xfeA\x00\x00\xd8", "undecodable"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_skipped_with_a_one_line_reason(
    name: str,
    data: bytes,
    reason: str,
    write: Writer,
    tmp_path: Path,
    skipped: list[Skipped],
    article: Make,
) -> None:
    write("good.txt", article())
    bad = write("bad.txt", data)
    assert [a.id for a in read_all(tmp_path, on_skip=skipped.append)] == ["good"]
    assert len(skipped) == 1
    assert skipped[0].source == str(bad) and reason in skipped[0].reason
    assert "\n" not in str(skipped[0])


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_raises_input_error_without_on_skip(
    name: str, data: bytes, reason: str, write: Writer
) -> None:
    bad = write("bad.txt", data)
    with pytest.raises(InputError) as info:
        read_all(bad)
    assert str(info.value).startswith(str(bad)) and reason in str(info.value)
    assert info.value.source == str(bad)


def test_strict_mode_yields_good_articles_before_raising(
    write: Writer, tmp_path: Path, article: Make
) -> None:
    write("a.txt", article())
    write("b.txt", b"")
    articles = read_corpus([tmp_path])
    assert next(articles).id == "a"
    with pytest.raises(InputError, match=r"b\.txt: empty file"):
        next(articles)


def test_file_over_the_size_limit_is_refused(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    write("big.txt", article() * 50)
    write("small.txt", article())
    articles = read_all(tmp_path, on_skip=skipped.append, max_bytes=1000)
    assert [a.id for a in articles] == ["small"]
    assert "file too large" in skipped[0].reason and "limit" in skipped[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_by_permissions(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    path = write("locked.txt", article())
    path.chmod(0)
    try:
        assert read_all(tmp_path, on_skip=skipped.append) == []
    finally:
        path.chmod(0o644)
    assert "permission denied" in skipped[0].reason


def test_unreadable_file_reason(
    write: Writer,
    tmp_path: Path,
    skipped: list[Skipped],
    monkeypatch: pytest.MonkeyPatch,
    article: Make,
) -> None:
    """Same as above but runs as root too: the read itself is refused."""
    import framing.corpus.files

    real = framing.corpus.files.read_file_bytes
    write("locked.txt", article())
    write("ok.txt", article())

    def refuse(path: Path, max_bytes: int) -> bytes:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, max_bytes)

    monkeypatch.setattr(framing.corpus.files, "read_file_bytes", refuse)
    assert [a.id for a in read_all(tmp_path, on_skip=skipped.append)] == ["ok"]
    assert skipped[0].reason == "cannot read file: permission denied"


def test_file_that_disappears_while_reading(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    write("a.txt", article())
    gone = write("b.txt", article())
    write("c.txt", article())
    articles = read_corpus([tmp_path], on_skip=skipped.append)
    assert next(articles).id == "a"
    gone.unlink()
    assert [a.id for a in articles] == ["c"]
    assert skipped[0].source == str(gone) and "disappeared" in skipped[0].reason


def test_broken_symlink_is_reported(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    write("a.txt", article())
    os.symlink(tmp_path / "missing.txt", tmp_path / "link.txt")
    assert len(read_all(tmp_path, on_skip=skipped.append)) == 1
    assert "broken link" in skipped[0].reason


def test_missing_path_raises_at_call_time() -> None:
    with pytest.raises(InputError, match="no-such-folder: no such file or folder"):
        read_corpus(["no-such-folder"])


def test_unsupported_file_type_raises_at_call_time(write: Writer) -> None:
    path = write("data.xlsx", b"PK")
    with pytest.raises(InputError, match="unsupported file type"):
        read_corpus([path])


# --- encodings ------------------------------------------------------------------------------


ENCODED: list[tuple[str, str]] = [
    ("utf-8", "Café owners in Zürich said the “new rules” cost €5 — naïve."),
    ("utf-8-sig", "Café owners in Zürich said the “new rules” cost €5 — naïve."),
    ("utf-16", "Café owners in Zürich said the “new rules” cost €5 — naïve."),
    ("utf-32", "Café owners in Zürich said the “new rules” cost €5 — naïve."),
    ("cp1252", "Café owners in Zürich said the “new rules” cost €5 — naïve."),
    ("latin-1", "Café owners in Zürich said the new rules cost 5 pesetas, señor. Ça va."),
]


@pytest.mark.parametrize(("encoding", "text"), ENCODED, ids=[e[0] for e in ENCODED])
def test_encodings_are_decoded(encoding: str, text: str, write: Writer) -> None:
    path = write("a.txt", text, encoding=encoding)
    (art,) = read_all(path)
    assert art.text == text


def test_utf16_big_endian_with_bom(write: Writer) -> None:
    text = "Officials said “the rules” would change."
    path = write("a.txt", b"\xfe\xff" + text.encode("utf-16-be"))
    assert read_all(path)[0].text == text


def test_non_western_legacy_encoding_is_decoded_when_confident(write: Writer) -> None:
    text = (
        "Пользователи из США массово переходят в китайское приложение. "
        "Это вызвало культурный обмен между странами и много новых знакомств."
    )
    path = write("a.txt", text, encoding="cp1251")
    assert read_all(path)[0].text == text


# --- JSONL ----------------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_fields_ids_and_meta(write: Writer, article: Make) -> None:
    path = write(
        "news.jsonl",
        jsonl(
            {
                "id": "x1",
                "text": article(1),
                "outlet": "Reuters",
                "lang": "en",
                "extra": {"k": [1, 2]},
            },
            {"text": article(2), "date": "2025-01-16", "outlet_type": "other"},
        ),
    )
    first, second = read_all(path)
    assert (first.id, first.outlet, first.outlet_type) == ("x1", "Reuters", "wire")
    assert first.meta == {"lang": "en", "extra": {"k": [1, 2]}}
    assert first.source == f"{path}:1"
    assert (second.id, second.date, second.outlet_type) == ("news:2", "2025-01-16", "other")
    assert second.title == "Council approves budget for park number 2"


JSONL_BAD: list[tuple[str, str, str]] = [
    ("malformed", '{"text": "a",', "invalid JSON"),
    ("array", '["text"]', "not a JSON object (found an array)"),
    ("string", '"just text"', "not a JSON object (found a string)"),
    ("no text", '{"body": "x", "id": 3}', "no 'text' field (fields: body, id)"),
    ("text not string", '{"text": 42}', "'text' is not a string (found a number)"),
    ("empty text", '{"text": "  "}', "'text': empty text"),
]


def test_jsonl_cut_short_says_so_and_keeps_the_lines_before(
    write: Writer, skipped: list[Skipped]
) -> None:
    whole = json.dumps({"id": "a4", "text": "The last article, cut short by a failed copy."})
    path = write("cut.jsonl", jsonl(*({"text": f"Article {i}."} for i in range(3))) + whole[:30])
    assert [a.text for a in read_all(path, on_skip=skipped.append)] == [
        f"Article {i}." for i in range(3)
    ]
    (cut,) = skipped
    assert (cut.source, cut.line) == (str(path), 4)
    assert cut.reason.startswith("invalid JSON: the file ends before this line's JSON is complete")
    assert "cut short" in cut.reason and "re-export" in cut.reason
    with pytest.raises(InputError, match=r"cut\.jsonl:4: invalid JSON: the file ends"):
        read_all(path)


def test_jsonl_line_cut_short_inside_the_file(write: Writer, skipped: list[Skipped]) -> None:
    path = write("c.jsonl", jsonl({"text": "First."}, '{"text": "Sec', {"text": "Last."}))
    assert [a.text for a in read_all(path, on_skip=skipped.append)] == ["First.", "Last."]
    assert "this line ends before its JSON is complete" in skipped[0].reason
    assert skipped[0].line == 2


def test_jsonl_other_bad_json_is_not_called_cut_short(
    write: Writer, skipped: list[Skipped]
) -> None:
    path = write("c.jsonl", jsonl('{"text": "a"} trailing', {"text": "Last."}))
    assert [a.text for a in read_all(path, on_skip=skipped.append)] == ["Last."]
    assert skipped[0].reason == "invalid JSON: Extra data (column 15)"


@pytest.mark.parametrize(("name", "line", "reason"), JSONL_BAD, ids=[b[0] for b in JSONL_BAD])
def test_bad_jsonl_line_is_named_and_the_rest_is_read(
    name: str, line: str, reason: str, write: Writer, skipped: list[Skipped]
) -> None:
    path = write("c.jsonl", jsonl({"text": "First."}, "", line, {"text": "Last."}))
    assert [a.text for a in read_all(path, on_skip=skipped.append)] == ["First.", "Last."]
    assert skipped == [Skipped(str(path), skipped[0].reason, 3)]
    assert reason in skipped[0].reason
    with pytest.raises(InputError, match=r"c\.jsonl:3: "):
        read_all(path)


def test_jsonl_bom_gzip_and_custom_columns(write: Writer) -> None:
    data = "\ufeff" + jsonl({"doc": "d1", "body": "Gzipped text."})
    path = write("z.jsonl.gz", gzip.compress(data.encode("utf-8")))
    (art,) = read_all(path, text_column="body", id_column="doc")
    assert (art.id, art.text, art.meta) == ("d1", "Gzipped text.", {})


def test_jsonl_invalid_utf8_and_overlong_lines(write: Writer, skipped: list[Skipped]) -> None:
    long_line = json.dumps({"text": "x" * 5000}).encode()
    data = b'{"text": "caf\xe9"}\n' + long_line + b"\n" + b'{"text": "Fine."}\n'
    path = write("c.jsonl", data)
    articles = read_all(path, on_skip=skipped.append, max_bytes=1000)
    assert [a.text for a in articles] == ["Fine."]
    assert [(s.line, s.reason.split(" ")[0]) for s in skipped] == [(1, "not"), (2, "line")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\n\n", "empty file"),
        (b"\x00\x01binary", "binary file"),
        (b"not gzip at all", "corrupt file"),
    ],
)
def test_bad_jsonl_files(data: bytes, reason: str, write: Writer, skipped: list[Skipped]) -> None:
    name = "c.jsonl.gz" if reason == "corrupt file" else "c.jsonl"
    path = write(name, data)
    assert read_all(path, on_skip=skipped.append) == []
    assert len(skipped) == 1 and reason in skipped[0].reason
    assert skipped[0].source == str(path)


def test_jsonl_from_stdin(skipped: list[Skipped]) -> None:
    stream = io.StringIO(jsonl({"text": "One."}, "{broken", {"id": "b", "text": "Two."}))
    articles = read_all("-", stdin=stream, on_skip=skipped.append)
    assert [(a.id, a.source) for a in articles] == [("stdin:1", "-:1"), ("b", "-:3")]
    assert skipped == [Skipped("-", skipped[0].reason, 2)]


def test_stdin_is_streamed_one_line_at_a_time() -> None:
    pulled = []

    def lines() -> Iterator[str]:
        for i in range(1000):
            pulled.append(i)
            yield json.dumps({"text": f"Article {i}."}) + "\n"

    articles = read_corpus(["-"], stdin=lines())  # type: ignore[arg-type]
    assert next(articles).text == "Article 0."
    assert len(pulled) == 1


# --- CSV ------------------------------------------------------------------------------------


def test_csv_columns_meta_and_multiline_fields(write: Writer) -> None:
    path = write(
        "c.csv",
        "id,outlet,text,section\n"
        'a1,Example Daily,"First line.\n\nSecond, with comma.",World\n'
        ",,Another article.,Sport\n",
    )
    first, second = read_all(path)
    assert (first.id, first.outlet, first.text) == (
        "a1",
        "Example Daily",
        "First line.\n\nSecond, with comma.",
    )
    assert first.meta == {"section": "World"} and first.source == f"{path}:2"
    assert (second.id, second.outlet, second.meta) == ("c:5", "unknown", {"section": "Sport"})


def test_tsv_and_cp1252_and_bom(write: Writer) -> None:
    tsv = write("t.tsv", "text\tauthor\nCafé “quotes” — ok.\tJosé\n", encoding="cp1252")
    (art,) = read_all(tsv)
    assert (art.text, art.meta["author"]) == ("Café “quotes” — ok.", "José")
    bom = write("b.csv", "id,text\nx,Hello there.\n", encoding="utf-8-sig")
    assert [a.id for a in read_all(bom)] == ["x"]


def test_csv_without_text_column_names_the_columns(write: Writer, skipped: list[Skipped]) -> None:
    path = write("c.csv", "id,body\n1,Hello.\n")
    assert read_all(path, on_skip=skipped.append) == []
    assert skipped == [Skipped(str(path), "no 'text' column (columns: id, body)", 1)]
    with pytest.raises(InputError, match=r"c.csv:1: no 'text' column \(columns: id, body\)"):
        read_all(path)


def test_csv_bad_rows_are_named_by_line(write: Writer, skipped: list[Skipped]) -> None:
    path = write("c.csv", "id,text\n1,Good one.\n2,\n3,Too,many\n\n4,Also good.\n")
    assert [a.id for a in read_all(path, on_skip=skipped.append)] == ["1", "4"]
    assert [(s.line, s.reason.split(" ")[0]) for s in skipped] == [(3, "empty"), (4, "row")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02", "binary file"),
        (b"text\ncaf\xe9 \x81\x8d\x8f\x90\x9d\n", "undecodable"),
    ],
)
def test_bad_csv_files(data: bytes, reason: str, write: Writer, skipped: list[Skipped]) -> None:
    path = write("c.csv", data)
    assert read_all(path, on_skip=skipped.append) == []
    assert len(skipped) == 1 and reason in skipped[0].reason


def test_csv_header_names_are_never_dropped(write: Writer) -> None:
    path = write("c.csv", "text,tag,tag,\nHello.,a,b,c\n")
    (art,) = read_all(path)
    assert art.meta == {"tag": "a", "tag.1": "b", "column4": "c"}


# --- several paths, acceptance --------------------------------------------------------------


def test_several_paths_keep_order_and_unique_ids(
    write: Writer, tmp_path: Path, article: Make
) -> None:
    write("one/001.txt", article(1))
    write("two/001.txt", article(2))
    write("single.txt", article(3))
    write("c.csv", "id,text\nrow1,CSV text.\n")
    write("j.jsonl", jsonl({"text": "JSONL text."}))
    paths = [
        tmp_path / "one",
        tmp_path / "two",
        tmp_path / "single.txt",
        tmp_path / "c.csv",
        tmp_path / "j.jsonl",
    ]
    ids = [a.id for a in read_all(*paths)]
    assert ids == [
        f"{(tmp_path / 'one').as_posix()}/001",
        f"{(tmp_path / 'two').as_posix()}/001",
        (tmp_path / "single").as_posix(),
        "row1",
        "j:1",
    ]
    assert read_all(tmp_path / "one")[0].id == "001"  # one path: ids relative to it


def test_a_single_path_string_is_accepted(write: Writer, article: Make) -> None:
    path = write("a.txt", article())
    assert [a.id for a in read_corpus(str(path))] == ["a"]


def test_acceptance_200_good_plus_empty_binary_and_cp1252(
    write: Writer, tmp_path: Path, skipped: list[Skipped], article: Make
) -> None:
    for i in range(200):
        write(f"good/{i:03d}.txt", article(i))
    write("good/empty.txt", b"")
    write("good/image.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    write(
        "good/windows.txt",
        "Caf\u00e9 owners said the \u201crules\u201d cost \u20ac5.",
        encoding="cp1252",
    )
    articles = read_all(tmp_path / "good", on_skip=skipped.append)
    ids = {a.id for a in articles}
    assert {f"{i:03d}" for i in range(200)} <= ids and len(articles) == 201
    windows = next(a for a in articles if a.id == "windows")
    assert windows.text == "Café owners said the “rules” cost €5."
    assert sorted(Path(s.source).name for s in skipped) == ["empty.txt", "image.txt"]


# --- property: arbitrary input never breaks the reader ----------------------------------------

_PIECES = [
    b"---\n",
    b"title: x\n",
    b"outlet: [\n",
    b"text,id\n",
    b"id\ttext\n",
    b'"',
    b",",
    b"\n",
    b'{"text": "',
    b'"}\n',
    b"{}",
    b"[1]\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\r\n",
    b"Home > News\n",
    b"Reference(s):\n",
    b"BEIJING (Xinhua) -- ",
    b"\x81\x9d",
    b"\xe9",
]
_BYTES = st.lists(st.sampled_from(_PIECES) | st.binary(max_size=40), max_size=30).map(b"".join)
_SUFFIXES = [".txt", ".md", ".jsonl", ".csv", ".tsv", ".jsonl.gz", ".csv.gz", "folder"]


def _check_never_crashes(path: Path, data: bytes) -> None:
    """Articles or one-line ``Skipped``/``InputError``; any other exception fails the test."""
    skipped: list[Skipped] = []
    for art in read_corpus([path], on_skip=skipped.append):
        assert isinstance(art, Article) and art.text.strip() and art.id
    assert all("\n" not in str(s) for s in skipped)
    try:
        list(read_corpus([path]))
    except InputError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=300, deadline=None)
@given(data=_BYTES, suffix=st.sampled_from(_SUFFIXES), compress=st.booleans())
def test_arbitrary_bytes_give_articles_or_skips_never_another_error(
    data: bytes, suffix: str, compress: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if suffix == "folder":
            path = Path(tmp) / "corpus"
            (path / "sub").mkdir(parents=True)
            (path / "sub" / "a.txt").write_bytes(data)
            (path / "b.md").write_bytes(data[::-1])
        else:
            path = Path(tmp) / f"f{suffix}"
            path.write_bytes(gzip.compress(data) if compress and suffix.endswith(".gz") else data)
        _check_never_crashes(path, data)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), front=st.booleans())
def test_arbitrary_text_files_never_break_the_reader(text: str, front: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.md"
        path.write_text(("---\ntitle: t\n---\n" if front else "") + text, encoding="utf-8")
        _check_never_crashes(path, text.encode())
