"""The outlet registry: a documented typology, a source for every classification, and the
outlets users meet (the named international ones and every outlet of the shared corpora)."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

import framing
from framing.corpus.attribution import known_outlets, outlet_type_of, outlet_types
from tests.conftest import ROOT, SHARED_DATASETS, needs_datasets

DOC = (ROOT / "docs" / "outlets.md").read_text(encoding="utf-8")

NAMED = {
    "BBC": "public_service",
    "BBC News": "public_service",
    "Al Jazeera": "state_funded",
    "NPR": "public_service",
    "Voice of America": "state_funded",
    "VOA": "state_funded",
    "RT": "state",
    "CGTN": "state",
    "Xinhua": "state",
    "Reuters": "wire",
    "Associated Press": "wire",
    "AP": "wire",
    "AFP": "wire",
    "The New York Times": "commercial",
    "Tehran Times": "state",
}


@pytest.mark.parametrize(("name", "expected"), list(NAMED.items()))
def test_named_outlets_have_their_type(name: str, expected: str) -> None:
    assert outlet_type_of(name) == expected


def test_the_types_users_see_are_the_documented_ones() -> None:
    assert list(outlet_types()) == [
        "state",
        "state_funded",
        "public_service",
        "commercial",
        "nonprofit",
        "wire",
        "other",
    ]
    for name in outlet_types():
        assert f"`{name}`" in DOC, f"docs/outlets.md does not define {name}"
    for outlet in known_outlets():
        assert outlet.source, outlet.name
        assert f"| {outlet.name} | `{outlet.type}` |" in DOC, f"{outlet.name} missing from the doc"


def test_metadata_outlets_get_the_registry_type() -> None:
    rows = [
        s.to_dict()
        for s in framing.score_corpus(
            [
                {"text": "The ministry said on Tuesday it would review the app.", "outlet": o}
                for o in ("BBC News", "Al Jazeera", "bbc", "National Public Radio (NPR)")
            ]
        )
    ]
    assert [r["outlet_type"] for r in rows] == [
        "public_service",
        "state_funded",
        "public_service",
        "public_service",
    ]
    given = next(
        iter(
            framing.score_corpus(
                [{"text": "Said on Tuesday.", "outlet": "BBC", "outlet_type": "x"}]
            )
        )
    )
    assert given.article.outlet_type == "x"  # metadata wins


def _outlet_column(path: Path, key: str) -> set[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return {str(json.loads(line)[key]) for line in fh}


@pytest.mark.shared
@needs_datasets
def test_every_outlet_of_the_shared_corpora_is_known() -> None:
    d = SHARED_DATASETS
    names = _outlet_column(d / "recovery-covid-rt-sputnik-presstv" / "articles.jsonl.gz", "outlet")
    names |= _outlet_column(d / "democracy-chinadaily-vs-nyt" / "articles.jsonl.gz", "outlet")
    names |= _outlet_column(d / "tehrantimes-iran-state" / "articles.jsonl.gz", "outlet")
    names |= _outlet_column(
        d / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz", "source"
    )
    names |= _outlet_column(d / "ppn-rrn-propaganda" / "ppn_en_articles.jsonl", "source_domain")
    tables = [
        ("cn-state-media-headlines/cn_state_vs_bbc_headlines_2022.csv", ",", "source"),
        ("babe/final_labels_SG2.csv", ";", "outlet"),
        ("narrative-frames/articles_metadata.tsv", "\t", "source"),
        ("ppn-rrn-propaganda/regular_ukraine_EN_titles.csv", ",", "source_domain"),
    ]
    for rel, sep, column in tables:
        with (d / rel).open(encoding="utf-8") as fh:
            names |= {r[column] for r in csv.DictReader(fh, delimiter=sep)}
    unknown = sorted(n for n in names if outlet_type_of(n) is None)
    assert unknown == []
