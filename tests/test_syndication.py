from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from framing.comparison.syndication import (
    SyndicationDetector,
    containment,
    find_clusters,
    shingles,
    specifics,
)

LOWER = [
    "".join(random.Random(i).choices(string.ascii_lowercase, k=random.Random(-i).randint(3, 9)))
    for i in range(3000)
]


def _name(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=6))


def report(seed: int, shared: list[str], n_sentences: int = 24) -> str:
    """A synthetic news report: lower-case prose with its own names and figures, plus the
    story's main entities (``shared``), which independent reports of one story also use."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(n_sentences):
        words = rng.choices(LOWER, k=14)
        words.insert(rng.randint(1, 13), _name(rng))
        words.insert(rng.randint(1, 14), str(rng.randint(10, 99999)))
        words.insert(rng.randint(1, 15), rng.choice(shared))
        sentences.append("The " + " ".join(words) + ".")
    return " ".join(sentences)


def rewrite(text: str, seed: int, keep: float = 0.75) -> str:
    """Keep each sentence with probability ``keep``; replace half the lower-case words."""
    rng = random.Random(seed)
    out = []
    for sentence in text.split(". "):
        if rng.random() > keep:
            continue
        out.append(
            " ".join(
                rng.choice(LOWER) if w.islower() and rng.random() < 0.5 else w
                for w in sentence.split()
            )
        )
    return ". ".join(out)


def reprint(text: str, seed: int) -> str:
    """Trim the last third and edit 5% of the words: what a newspaper does to wire copy."""
    rng = random.Random(seed)
    words = text.split()[: len(text.split()) * 2 // 3]
    return " ".join(rng.choice(LOWER) if rng.random() < 0.05 else w for w in words)


STORY = ["TikTok", "Washington", "Beijing", "ByteDance", "Congress"]


def test_specifics_are_names_and_figures_not_sentence_starts_or_headlines() -> None:
    text = "Officials met Alexis Garman in Oklahoma on Monday. #tiktokrefugee had 160,000 posts."
    found = specifics(text + "\nAmerican Users Turn To The New App Amid Ban Concerns")
    assert {"alexis", "garman", "oklahoma", "monday", "#tiktokrefugee", "160,000"} <= found
    assert "officials" not in found and "users" not in found and "american" not in found


def test_shingles_of_short_text_is_the_text() -> None:
    assert shingles("one two") == {"one two"}
    assert len(shingles("a b c d e f")) == 2


def test_containment_from_jaccard_and_sizes() -> None:
    # A (100) inside B (300): J = 100 / 300; containment of the smaller is 1.
    assert containment(100 / 300, 100, 300) == pytest.approx(1.0)
    assert containment(0.0, 10, 10) == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_reprints_and_rewrites_cluster_independent_reports_do_not(seed: int) -> None:
    original = report(seed, STORY)
    other = report(seed + 100, STORY)  # same story, independent report
    third = report(seed + 200, STORY)
    docs = [
        ("orig", original),
        ("reprint", reprint(original, seed)),
        ("rewrite-a", rewrite(original, seed + 1)),
        ("rewrite-b", rewrite(original, seed + 2)),
        ("other", other),
        ("third", third),
    ]
    clusters = find_clusters(docs)
    assert [set(c.ids) for c in clusters] == [{"orig", "reprint", "rewrite-a", "rewrite-b"}]
    kinds = {(lk.a, lk.b): lk.kind for lk in clusters[0].links}
    assert kinds[("orig", "reprint")] == "reprint"
    assert kinds[("rewrite-a", "rewrite-b")] == "rewrite"


def test_unrelated_and_empty_texts_stay_alone() -> None:
    docs = [(str(i), report(1000 + i, [_name(random.Random(i))])) for i in range(30)]
    docs += [("empty-1", ""), ("empty-2", "")]
    assert find_clusters(docs) == []


def test_duplicate_ids_do_not_confuse_clustering() -> None:
    text = report(7, STORY)
    clusters = find_clusters([("x", text), ("x", text), ("y", report(8, STORY))])
    assert len(clusters) == 1 and clusters[0].ids == ("x", "x")


def test_seed_ap_versions_cluster_and_nothing_else(seeds_dir: Path) -> None:
    detector = SyndicationDetector()
    for path in sorted(seeds_dir.glob("*.txt")):
        detector.add(path.name[:3], path.read_text(encoding="utf-8"))
    clusters = detector.clusters()
    assert [c.ids for c in clusters] == [("000", "002")]
    assert clusters[0].links[0].kind == "rewrite"


def test_a_story_reprinted_many_times_keeps_memory_bounded() -> None:
    """Memory must not grow with the square of the copies (all pairs were kept before: 456 MB
    at 2,000 articles); what the detector keeps is bounded per cluster, and the copies are
    still one cluster."""
    from framing.comparison.syndication import MAX_EXTRA_LINKS, MAX_INDEXED

    stories = [report(s, STORY) for s in range(3)]
    n = 900
    detector = SyndicationDetector()
    for k in range(n):
        detector.add(f"c{k}", reprint(stories[k % 3], k))
    clusters = detector.clusters()
    assert sorted(len(c.ids) for c in clusters) == [n // 3] * 3
    assert len(detector.signatures) <= 3 * MAX_INDEXED
    assert len(detector.links()) <= n + 3 * MAX_EXTRA_LINKS
    assert sum(len(c.links) for c in clusters) == len(detector.links())
