"""Outlet inference from attribution: each rule, the outlet data file, and the traps (an outlet
cited or quoted by another must never become the article's outlet)."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from framing.corpus.attribution import (
    infer_outlet,
    known_outlets,
    lookup,
    outlet_type_of,
    outlet_types,
)

BODY = "Officials said the new rules would take effect next month, the ministry said."


@pytest.mark.parametrize(
    ("text", "outlet", "outlet_type", "rule"),
    [
        (f"BEIJING, Jan. 16 (Xinhua) -- {BODY}", "Xinhua", "state", "dateline"),
        (f"WASHINGTON (AP) — {BODY}", "Associated Press", "wire", "dateline"),
        (f"LONDON, Jan 16 (Reuters) - {BODY}", "Reuters", "wire", "dateline"),
        (f"NEW YORK (REUTERS) - {BODY}", "Reuters", "wire", "dateline"),
        (f"MOSCOW, January 16. /TASS/. {BODY}", "TASS", "state", "dateline"),
        (f"PARIS (AFP) - {BODY}", "AFP", "wire", "dateline"),
        (f"ANKARA (AA) - {BODY}", "Anadolu Agency", "state", "dateline"),
        (f"KYIV, Ukraine (AP) — {BODY}", "Associated Press", "wire", "dateline"),
        (f"{BODY}\n\nSource: Xinhua News Agency", "Xinhua", "state", "source"),
        (
            f"Headline\n\nUpdated: Jan 17, 2025 Source: Global Times\n\n{BODY}",
            "Global Times",
            "state",
            "source",
        ),
        (f"{BODY}\n\nSource: Press TV", "Press TV", "state", "source"),
        (f"{BODY}\n\nSource: RT", "RT", "state", "source"),
        (
            f"{BODY}\n\nCopyright 2025 The Associated Press. All rights reserved.",
            "Associated Press",
            "wire",
            "source",
        ),
        (
            f"{BODY}\n\nReference(s):\nA headline of the story\ncgtn.com",
            "CGTN",
            "state",
            "reference",
        ),
        (
            f"{BODY}\n\nReferences:\nhttps://www.chinadaily.com.cn/a/2025/01/16/x.html",
            "China Daily",
            "state",
            "reference",
        ),
        (f"{BODY} (Xinhua)", "Xinhua", "state", "signoff"),
        (f"{BODY}\n\n(Reuters)", "Reuters", "wire", "signoff"),
        (f"{BODY}\n\n— Sputnik", "Sputnik", "state", "signoff"),
        (f"By The Associated Press\n\n{BODY}", "Associated Press", "wire", "byline"),
        (f"By Jane Roe, Bloomberg\n\n{BODY}", "Bloomberg", "wire", "byline"),
        (f"By Reuters Staff\n\n{BODY}", "Reuters", "wire", "byline"),
    ],
)
def test_rules_find_the_outlet(text: str, outlet: str, outlet_type: str, rule: str) -> None:
    found = infer_outlet(text)
    assert found is not None
    assert (found.outlet, found.outlet_type, found.rule) == (outlet, outlet_type, rule)
    assert found.evidence


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY} More than 700,000 users joined, according to Reuters.",
        f"{BODY} Reuters reported the figure on Monday. CNN said the same.",
        f"The minister told Reuters and the AP that the deal was close. {BODY}",
        f'"Source: Reuters," the sign read. {BODY}',
        f"{BODY}\n\nThe bridge at night. (AP Photo/Jane Roe)",
        f"{BODY}\n\nA man walks past. (Xinhua/Li Ming)",
        f"A report by the state news agency (Xinhua) was cited by the minister. {BODY}",
        f"{BODY}\n\nReference(s):\ne.g. the rules of the game",
        f"HONG KONG – {BODY}",
        f"HONG KONG: {BODY}",
        BODY,
    ],
)
def test_mentions_citations_quotes_and_photo_credits_are_not_attribution(text: str) -> None:
    assert infer_outlet(text) is None


def test_xinhua_article_citing_reuters_and_cnn_is_xinhua() -> None:
    text = (
        "Explainer: why users are moving\n\n"
        "A phone screen in a city. (AP Photo/Jane Roe)\n\n"
        "BEIJING, Jan. 16 (Xinhua) -- Users have moved to a new app.\n\n"
        "More than 700,000 new users joined within two days, according to Reuters.\n\n"
        'CNN reported that "the move is unprecedented." Reuters said the app topped the charts.\n\n'
        "(Reuters) figures were later revised.\n\n"
        "Editor: Li Ming"
    )
    found = infer_outlet(text)
    assert found is not None and found.outlet == "Xinhua"


def test_reuters_story_quoting_xinhua_is_reuters() -> None:
    text = (
        "SHANGHAI, Jan 16 (Reuters) - China's state news agency Xinhua said on Thursday that "
        "the rules were fair.\n\n"
        '"This is a normal step," Xinhua quoted an official as saying.\n'
    )
    found = infer_outlet(text)
    assert found is not None and found.outlet == "Reuters"


def test_source_line_beats_a_dateline_of_a_reprinted_wire() -> None:
    text = f"Source: Global Times\n\nBEIJING, Jan. 16 (Xinhua) -- {BODY}"
    found = infer_outlet(text)
    assert found is not None and (found.outlet, found.rule) == ("Global Times", "source")


def test_first_of_equal_evidence_wins() -> None:
    text = f"WASHINGTON (AP) — {BODY}\n\nLONDON (Reuters) - {BODY}"
    found = infer_outlet(text)
    assert found is not None and found.outlet == "Associated Press"


def test_unknown_domain_in_a_reference_block_names_the_domain() -> None:
    text = f"{BODY}\n\nReference(s):\nhttps://www.example-news.org/world/story.html"
    found = infer_outlet(text)
    assert found is not None
    assert (found.outlet, found.outlet_type) == ("example-news.org", "unknown")


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("xinhua news agency", "Xinhua"),
        ("The Associated Press", "Associated Press"),
        ("www.cgtn.com", "CGTN"),
        ("REUTERS", "Reuters"),
        ("Agence France-Presse", "AFP"),
    ],
)
def test_lookup_by_name_alias_or_domain(name: str, outlet: str) -> None:
    found = lookup(name)
    assert found is not None and found.name == outlet


def test_unknown_outlet_has_no_type() -> None:
    assert lookup("espeaks.co.uk") is None
    assert outlet_type_of("Some Local Paper") is None
    assert outlet_type_of("Reuters") == "wire"
    assert outlet_type_of("CGTN") == "state"


def test_outlet_data_file_is_package_data_and_consistent() -> None:
    node = resources.files("framing") / "data" / "outlets.yaml"
    raw = yaml.safe_load(node.read_text(encoding="utf-8"))
    assert raw["format"] == "framing-outlets/2"
    outlets = known_outlets()
    assert len(outlets) == len(raw["outlets"]) >= 20
    assert {o.type for o in outlets} <= set(outlet_types())
    assert all(o.source for o in outlets), "every classification names its source"
    keys = [
        k
        for o in outlets
        for k in {k.casefold() for k in (o.name, *o.aliases, *o.domains, *o.labels)}
    ]
    assert len(keys) == len(set(keys)), "an alias or domain names two outlets"
