"""Choose the syndication thresholds from data that is not the seeds.

Null (must NOT link): pairs of articles from *different outlets* on the *same topic* published
within a week of each other, from the AllSides wire subset (Reuters, AP, Bloomberg, BBC, Al
Jazeera: often the same event, reported independently). These are the hardest honest
non-duplicates a comparison meets. Exact set similarities are used (MinHash only estimates them).

Alternative (must link): synthetic pairs made from real articles the way rewrites and reprints
are made. A *rewrite pair* is two independent rewrites of one report: each keeps every sentence
with probability ``keep`` and replaces half of its lower-case words (the paraphrase; facts
stay). A *reprint* keeps the text, trims its last third, and edits 5% of the words.

Prints the null's upper quantiles and the synthetic pairs' recall at candidate thresholds.

    PYTHONPATH=. python scripts/calibrate_syndication.py [DATASETS_DIR] [--pairs 20000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from datetime import date
from itertools import combinations
from pathlib import Path

import numpy as np

from framing.comparison.syndication import MIN_FACTS, shingles, specifics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "datasets"
_LOWER = re.compile(r"\b[a-z][a-z']+\b")


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def contain(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def rewrite(text: str, rng: random.Random, keep: float, vocab: list[str]) -> str:
    from framing.text import split_sentences

    kept = [s for s in split_sentences(text) if rng.random() < keep]
    return "\n".join(
        _LOWER.sub(lambda m: rng.choice(vocab) if rng.random() < 0.5 else m.group(), s)
        for s in kept
    )


def reprint(text: str, rng: random.Random, vocab: list[str]) -> str:
    toks = text.split()
    toks = toks[: max(1, int(len(toks) * 2 / 3))]
    return " ".join(rng.choice(vocab) if rng.random() < 0.05 else t for t in toks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("datasets", nargs="?", default=str(DEFAULT))
    parser.add_argument("--pairs", type=int, default=20000)
    parser.add_argument("--synthetic", type=int, default=300)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    path = Path(args.datasets) / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if r.get("content_original") and r.get("date")]
    rng = random.Random(0)
    by_topic: dict[str, list[dict]] = {}
    for r in rows:
        by_topic.setdefault(r["topic"], []).append(r)
    pairs = []
    for items in by_topic.values():
        for a, b in combinations(items, 2):
            if a["source"] == b["source"]:
                continue
            try:
                gap = abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)
            except ValueError:
                continue
            if gap <= args.days:
                pairs.append((a, b))
    rng.shuffle(pairs)
    pairs = pairs[: args.pairs]
    cache: dict[str, tuple[set[str], set[str]]] = {}

    def sets(r: dict) -> tuple[set[str], set[str]]:
        if r["ID"] not in cache:
            cache[r["ID"]] = (shingles(r["content_original"]), specifics(r["content_original"]))
        return cache[r["ID"]]

    null_fact, null_cont = [], []
    for a, b in pairs:
        (sa, fa), (sb, fb) = sets(a), sets(b)
        null_cont.append(contain(sa, sb))
        if min(len(fa), len(fb)) >= MIN_FACTS:
            null_fact.append(jaccard(fa, fb))
    qs = [0.5, 0.9, 0.99, 0.999, 0.9999, 1.0]
    print(f"null: {len(pairs)} same-topic pairs, different outlets, <= {args.days} days apart")
    print("  quantile        " + "  ".join(f"{q:>7}" for q in qs))
    print("  5-shingle cont  " + "  ".join(f"{np.quantile(null_cont, q):7.3f}" for q in qs))
    print("  specifics J     " + "  ".join(f"{np.quantile(null_fact, q):7.3f}" for q in qs))
    vocab = sorted({w for r in rows[:200] for w in _LOWER.findall(r["content_original"])})
    sample = rng.sample(rows, args.synthetic)
    for keep in (0.9, 0.75, 0.6):
        fj = []
        for r in sample:
            fa = specifics(rewrite(r["content_original"], rng, keep, vocab))
            fb = specifics(rewrite(r["content_original"], rng, keep, vocab))
            if min(len(fa), len(fb)) >= MIN_FACTS:
                fj.append(jaccard(fa, fb))
        recall = {t: np.mean(np.array(fj) >= t) for t in (0.25, 0.3, 0.35, 0.4, 0.5)}
        print(
            f"rewrite pairs keep={keep}: n={len(fj)} median J={np.median(fj):.3f} recall "
            + " ".join(f"@{t}={v:.3f}" for t, v in recall.items())
        )
    conts = [
        contain(
            shingles(r["content_original"]), shingles(reprint(r["content_original"], rng, vocab))
        )
        for r in sample
    ]
    print(
        f"reprints (last third cut, 5% words edited): median containment {np.median(conts):.3f},"
        f" min {min(conts):.3f}"
    )


if __name__ == "__main__":
    main()
