"""A large, deterministic benchmark corpus built from the shared article sets.

The shared sets hold about 10,000 distinct full articles (~50 MB of text). Larger corpora
repeat them, reshuffled, and every repeated copy gets a neutral marker word ("Copy2") at
the start of each sentence so that no sentence of a copy equals its original: a sentence
cache must not look good merely because the benchmark repeats itself. Sentences that the
outlets themselves repeat (syndicated copy, boilerplate) stay as they are.

Files are JSON Lines with ``id``, ``title``, ``text`` and ``outlet``, written to a
temporary folder, never into the project.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# (file, text field, title field, outlet field) of the sets with full article texts.
ARTICLE_SETS = [
    ("allsides-abp-wire-subset/abp_wire_bbc_aljazeera.jsonl.gz", "content_original", "title",
     "source"),
    ("democracy-chinadaily-vs-nyt/articles.jsonl.gz", "text", "title", "outlet"),
    ("recovery-covid-rt-sputnik-presstv/articles.jsonl.gz", "text", "title", "outlet"),
    ("ppn-rrn-propaganda/ppn_en_articles.jsonl", "maintext", "title", "source_domain"),
]  # fmt: skip

# Where a sentence starts: a line's first character, or after . ! ? (and a closing quote).
_SENTENCE_START = re.compile(r"^(?=\S)|(?<=[.!?])[ \t]+(?=\S)|(?<=[.!?][\"”’)])[ \t]+(?=\S)", re.M)


@dataclass
class CorpusFile:
    path: Path
    articles: int = 0
    bytes: int = 0


def load_pool(datasets: Path, per_set: int = 0) -> list[dict[str, str]]:
    """Every article with a non-empty text, in file order (at most ``per_set`` of each set)."""
    pool: list[dict[str, str]] = []
    for rel, text_field, title_field, outlet_field in ARTICLE_SETS:
        path = datasets / rel
        if not path.exists():
            continue
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if per_set and n >= per_set:
                    break
                record = json.loads(line)
                text = record.get(text_field) or ""
                if not text.strip():
                    continue
                pool.append(
                    {
                        "id": f"{path.name.split('.')[0]}-{n}",
                        "title": record.get(title_field) or "",
                        "text": text,
                        "outlet": record.get(outlet_field) or "unknown",
                    }
                )
    return pool


def mark_copy(text: str, copy: int) -> str:
    """``text`` with the word ``Copy<copy>`` at the start of every sentence."""
    tag = f"Copy{copy} "
    return _SENTENCE_START.sub(lambda m: m.group(0) + tag, text)


def stream(pool: list[dict[str, str]], seed: int) -> Iterator[dict[str, str]]:
    """Endless: the pool shuffled, then reshuffled marked copies, pass after pass."""
    rng = random.Random(seed)
    copy = 0
    while True:
        order = list(range(len(pool)))
        rng.shuffle(order)
        for i in order:
            article = pool[i]
            if copy == 0:
                yield article
            else:
                yield {
                    "id": f"{article['id']}~{copy + 1}",
                    "title": mark_copy(article["title"], copy + 1),
                    "text": mark_copy(article["text"], copy + 1),
                    "outlet": article["outlet"],
                }
        copy += 1


def article_bytes(article: dict[str, str]) -> int:
    return len(article["title"].encode("utf-8")) + len(article["text"].encode("utf-8"))


def build(
    datasets: Path, workdir: Path, sizes: list[int], min_mb: float, seed: int = 0, per_set: int = 0
) -> tuple[dict[int, CorpusFile], int]:
    """Write ``corpus_<n>.jsonl`` for each size (each a prefix of the next).

    When the largest size holds less than ``min_mb`` MB of text, one more size is added:
    the fewest articles that reach ``min_mb``. Returns the files by size and the number of
    distinct articles in the pool (``per_set`` > 0 keeps only the first of each set).
    """
    pool = load_pool(datasets, per_set)
    if not pool:
        raise SystemExit(f"{datasets}: none of the article sets found; pass --datasets PATH")
    sizes = sorted(set(sizes))
    files = {n: CorpusFile(workdir / f"corpus_{n}.jsonl") for n in sizes}
    handles = {n: f.path.open("w", encoding="utf-8") for n, f in files.items()}
    written = 0
    total_bytes = 0
    extra: CorpusFile | None = None
    extra_handle = None
    try:
        for article in stream(pool, seed):
            line = json.dumps(article, ensure_ascii=False) + "\n"
            size = article_bytes(article)
            written += 1
            total_bytes += size
            for n, f in files.items():
                if written <= n:
                    handles[n].write(line)
                    f.articles += 1
                    f.bytes += size
            if written >= sizes[-1]:
                if files[sizes[-1]].bytes >= min_mb * 1e6:
                    break
                # The largest size is too small: keep going until min_mb is reached.
                if extra is None:
                    extra = CorpusFile(workdir / "corpus_mb.jsonl")
                    extra_handle = extra.path.open("w", encoding="utf-8")
                    for n in sizes:
                        handles[n].flush()
                    with files[sizes[-1]].path.open(encoding="utf-8") as prefix:
                        for prefix_line in prefix:
                            extra_handle.write(prefix_line)
                    extra.articles, extra.bytes = files[sizes[-1]].articles, files[sizes[-1]].bytes
                else:
                    assert extra_handle is not None
                    extra_handle.write(line)
                    extra.articles += 1
                    extra.bytes += size
                if extra.bytes >= min_mb * 1e6:
                    break
    finally:
        for handle in handles.values():
            handle.close()
        if extra_handle is not None:
            extra_handle.close()
    if extra is not None:
        final = workdir / f"corpus_{extra.articles}.jsonl"
        extra.path.replace(final)
        extra.path = final
        files[extra.articles] = extra
    return dict(sorted(files.items())), len(pool)
