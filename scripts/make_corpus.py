"""Generate a synthetic news corpus (JSONL shards) for scale tests and benchmarks.

    python scripts/make_corpus.py 10000 /tmp/corpus --shards 4

Articles are made of sentences drawn from a fixed vocabulary that mixes neutral words,
attribution verbs, datelines and words of both framing axes, so every axis gets hits. The
output depends only on ``n`` and ``seed``: the same call writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

NEUTRAL = (  # noqa: SIM905
    "the a of and in to on for with by from at city government officials report week year "
    "people company market policy plan meeting students program data users app platform "
    "school teachers families local national minister agency statement public new first "
    "last many several two three percent million growth economy trade visit event"
).split()
FRAMED = (  # noqa: SIM905
    "threat security national espionage spying surveillance ban banned adversary censorship "
    "risk harvesting friendship friends welcome culture cultural exchange learning language "
    "community curiosity connection cooperation harmony win-win unfounded so-called netizens "
    "experts insiders defiance said told according spokesperson declined comment immediately"
).split()
OUTLETS = (("Daily Wire Service", "wire"), ("State Herald", "state"), ("City Paper", "other"))


def _sentence(rng: random.Random) -> str:
    n = rng.randint(6, 24)
    words = [rng.choice(FRAMED) if rng.random() < 0.12 else rng.choice(NEUTRAL) for _ in range(n)]
    if rng.random() < 0.2:
        words.insert(0, "not")
    return " ".join(words).capitalize() + rng.choice((".", ".", ".", "?", "!"))


def article(i: int, seed: int = 0, sentences: tuple[int, int] = (4, 30)) -> dict[str, Any]:
    """The ``i``-th article of the corpus for ``seed`` (a JSONL object), of between
    ``sentences[0]`` and ``sentences[1]`` sentences (about 15 words each)."""
    rng = random.Random(seed * 1_000_003 + i)
    outlet, kind = OUTLETS[i % len(OUTLETS)]
    body = " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))
    return {
        "id": f"a{i:07d}",
        "outlet": outlet,
        "outlet_type": kind,
        "title": f"Report number {i}",
        "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "topic": rng.choice(("apps", "trade", "culture")),
        "text": body,
    }


def articles(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    for i in range(n):
        yield article(i, seed)


def write_jsonl(path: Path, n: int, *, seed: int = 0, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps(article(i, seed)) + "\n")
    return path


def write_shards(folder: Path, n: int, shards: int, *, seed: int = 0) -> list[Path]:
    """``n`` articles split over ``shards`` files ``part-000.jsonl`` ... in id order."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-n // shards)
    out = []
    for k in range(shards):
        start = k * size
        count = max(0, min(size, n - start))
        out.append(write_jsonl(folder / f"part-{k:03d}.jsonl", count, seed=seed, start=start))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path, help="a .jsonl file, or a folder with --shards")
    parser.add_argument("--shards", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.shards:
        write_shards(args.out, args.n, args.shards, seed=args.seed)
    else:
        write_jsonl(args.out, args.n, seed=args.seed)


if __name__ == "__main__":
    main()
