"""China Daily against five wire and broadcast outlets, 100 articles each, from ../shared/datasets.

The corpus of issue 14: China Daily (democracy-chinadaily-vs-nyt) and Reuters, Associated
Press, BBC News, Bloomberg and Al Jazeera (allsides-abp-wire-subset), sampled with a fixed seed.
Read by path, never copied into the project. ``None`` when a set is absent.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from framing.records import Article

DATASETS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
CHINA_DAILY = DATASETS / "democracy-chinadaily-vs-nyt" / "articles.jsonl.gz"
ALLSIDES = DATASETS / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz"
WIRES = ("Reuters", "Associated Press", "BBC News", "Bloomberg", "Al Jazeera")


def _rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def china_daily_vs_wires(per_outlet: int = 100, seed: int = 0) -> list[Article] | None:
    if not (CHINA_DAILY.is_file() and ALLSIDES.is_file()):
        return None
    rng = random.Random(seed)
    by_outlet: dict[str, list[tuple[str, str, str]]] = {}
    for i, row in enumerate(_rows(CHINA_DAILY)):
        if row["outlet"] == "China Daily" and row.get("text"):
            by_outlet.setdefault("China Daily", []).append((f"cd-{i}", row["text"], row["date"]))
    for row in _rows(ALLSIDES):
        if row["source"] in WIRES and row.get("content_original"):
            by_outlet.setdefault(row["source"], []).append(
                (row["ID"], row["content_original"], row.get("date") or "")
            )
    articles = []
    for outlet in sorted(by_outlet):
        for art_id, text, date in rng.sample(by_outlet[outlet], per_outlet):
            articles.append(Article(art_id, text, outlet, date=date))
    return articles
