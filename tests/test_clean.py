"""Page-furniture rules, one synthetic text per rule, and what each rule must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.corpus.clean import (
    clean,
    drop_header_fields,
    drop_repeated_title,
    drop_trailer,
    extract_title,
    is_furniture,
    normalize,
    strip_image_names,
)

BODY = "The council met on Monday. Members said the budget was balanced."


def test_normalize_line_endings_nbsp_and_json_escaped_quotes() -> None:
    raw = 'Line one\r\nA\u00a0B said \\"hello\\"\rend'
    assert normalize(raw) == 'Line one\nA B said "hello"\nend'


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "dcaa5c3584e44a3b8ef382a6debf3ff9.JPEGThe mayor opens the bridge. (Example/Jane Roe)",
            "The mayor opens the bridge.",
        ),
        (
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9.jpgPhoto taken on May 2 shows a bridge. "
            "(Photo by Jane Roe/Example)",
            "Photo taken on May 2 shows a bridge.",
        ),
        ("IMG_0042.png", ""),
        ("  cover-photo.webp A bridge at night (AP Photo/John Doe)", "A bridge at night"),
    ],
)
def test_image_file_name_removed_caption_kept_credit_dropped(line: str, expected: str) -> None:
    assert strip_image_names(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "He shared cat.jpg with friends (and family/colleagues)",
        "The report (Example/Agency) was published.",
        "Photos of the bridge were widely shared.",
    ],
)
def test_image_rule_leaves_prose_alone(line: str) -> None:
    assert strip_image_names(line) == line


@pytest.mark.parametrize(
    "line",
    [
        "Home > News > Contents",
        "Home\u00a0>\u00a0World",
        "Home » Business » Markets",
        "News › Asia Pacific › China",
        "Home / News / World",
        "fontLarger fontSmaller",
        "btnPrint btnShare btnEmail",
        "A+ A-",
        "Share Tweet Email",
        "Share this article",
        "Share on Facebook | Share on Twitter",
        "Print",
        "Follow us on Twitter",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(normalize(line))


@pytest.mark.parametrize(
    "line",
    [
        "",
        "The vote was 52 > 48 in favour, officials said.",
        "This article was updated on Monday.",
        "Email and text messages were leaked to the press.",
        "Home prices rose again in March.",
        "Facebook said it would appeal.",
        "iPhone sales rose.",
        "iPhone",
        "eBay",
    ],
)
def test_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_header_fields_near_the_top_are_dropped_but_not_in_the_body() -> None:
    lines = [
        "Headline here",
        "",
        "Updated: January 17, 2025 Source: Example News Agency",
        "Published: 2025-01-17 | Author: Jane Roe",
        BODY,
    ]
    assert drop_header_fields(lines) == ["Headline here", "", BODY]
    deep = [BODY] * 10 + ["Source: Example News Agency", BODY]
    assert drop_header_fields(deep) == deep


def test_header_field_line_must_be_only_fields() -> None:
    line = "Source: a person familiar with the talks said the deal would be signed on Friday"
    assert drop_header_fields([line]) == [line]


def test_title_repeated_three_times_is_kept_once() -> None:
    lines = ["Big Headline", "", "A deck line.", "", "Big Headline", "Big  headline", "", BODY]
    assert drop_repeated_title(lines) == ["Big Headline", "", "A deck line.", "", "", BODY]


def test_other_repeated_lines_and_late_repeats_are_kept() -> None:
    lines = ["Headline", "", "Quote.", "Quote.", *([BODY] * 9), "Headline"]
    assert drop_repeated_title(lines) == lines


@pytest.mark.parametrize(
    "trailer",
    [
        "Disclaimer: All images comply with fair use. Have questions? Contact us.",
        "Fact-Checking Policy: Accuracy is our focus. Report errors and we will fix them.",
        "Editor: Jane Roe",
        "Editor:\u00a0Jane Roe",
        "Responsible editor: Li Ming",
        "Copyright 2025 Example Media. All rights reserved.",
        "© 2025 Example Media",
        "Share this article",
        "Source: Example News Agency",
    ],
)
def test_trailer_lines_are_dropped_from_the_end(trailer: str) -> None:
    text = f"{BODY}\n\n{trailer}\n"
    assert clean(text) == BODY


def test_several_trailer_lines_and_a_reference_block() -> None:
    text = (
        f"{BODY}\n\nReference(s):\nA headline of the source story\nexample.com\nEditor: Jane Roe\n"
    )
    assert clean(text) == BODY


def test_trailer_rules_do_not_touch_the_body() -> None:
    text = (
        "Editor: Jane Roe joined the paper in 2020.\n\n"
        f"{BODY}\n\n"
        "Editor: this closing paragraph is long enough to be a real sentence of the article."
    )
    assert clean(text) == text


def test_long_reference_list_is_kept() -> None:
    refs = "\n".join(f"Reference item number {i} in a real bibliography." for i in range(10))
    lines = [BODY, "References:", *refs.split("\n")]
    assert drop_trailer(lines) == lines


def test_clean_keeps_plain_text_as_given() -> None:
    text = "A headline\n\nFirst paragraph, with “curly quotes” and 12% growth.\n\nSecond one."
    assert clean(text) == text


def test_clean_collapses_the_gaps_left_behind() -> None:
    text = "Home > News\n\n\n\nTitle\n\n\n\n" + BODY + "\n\nPrint\n\n"
    assert clean(text) == "Title\n\n" + BODY


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("A Short Headline\n\n" + BODY, "A Short Headline"),
        ("What is driving the move?\n\n" + BODY, "What is driving the move?"),
        ("# Markdown Headline\n\n" + BODY, "Markdown Headline"),
        ("A first sentence that ends with a period.\n\n" + BODY, ""),
        ("No blank line after this line\n" + BODY, ""),
        (BODY, ""),
        (" ".join(["word"] * 40) + "\n\n" + BODY, ""),
    ],
)
def test_extract_title(text: str, title: str) -> None:
    assert extract_title(text) == title


@given(st.text())
def test_clean_never_raises_and_never_adds_text(text: str) -> None:
    out = clean(text)
    assert len(out) <= len(normalize(text))
