"""Where the time of `framing score` goes: a per-stage table (read, split, tokenise, match,
model, sentiment, write) on one core.

    python benchmarks/stages.py [--datasets PATH] [--articles 1000] [--set allsides]
                                [--label NAME] [--json OUT.json] [--repeat 1]

Reads ``--articles`` articles of one shared set (default: the allsides wire subset, the
corpus of issue 13), writes them as JSON Lines to a temporary folder, and runs what
``framing score FILE --jobs 1 --format jsonl`` runs: ``read_corpus``, ``Scorer.score_all``,
and one JSON row per article to ``os.devnull``. Each stage is timed by wrapping the
library's own function with ``time.perf_counter`` / ``time.process_time`` (the wrapped
names are in ``STAGES``; a name that does not exist in the tree being measured is skipped,
so one script measures the tree before and after a change). "other" is what the scorer
spends outside the wrapped functions (records, combining, bookkeeping).

Prints a Markdown table; ``--json`` also writes the numbers. ``--compare A.json B.json ...``
instead reads runs written by ``--json`` (e.g. the tree before a change and after it, run
alternately) and writes the ``stages`` section of RESULTS.md: every run's table side by side
(``--no-write``: print only).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
SETS = {
    "allsides": (
        "allsides-abp-wire-subset/abp_wire_bbc_aljazeera.jsonl.gz",
        "content_original",
        "title",
        "source",
    ),
}

#: (stage, module, attribute) wrapped with a timer. ``Class.method`` names a method. Each
#: function is called from the scorer (never from another wrapped one), so no time is
#: counted twice; missing names are skipped (the tree before or after the one-pass change).
STAGES = [
    ("split", "framing.scoring.scorer", "split_sentences"),
    ("tokenise", "framing.scoring.scorer", "tokenize"),
    ("tokenise", "framing.scoring.scorer", "analyse"),
    ("match", "framing.axes.match", "Matcher.match_sentence"),
    ("model", "framing.models.predict", "ModelSet.predict"),
    ("model", "framing.models.predict", "ModelSet.predict_analysed"),
    ("model", "framing.models.predict", "ModelSet.from_hits"),
    ("sentiment", "framing.scoring.scorer", "sentence_sentiment"),
]
ORDER = ["read", "split", "tokenise", "match", "model", "sentiment", "other", "write"]


class Clock:
    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def timed(self, stage: str, fn: Any) -> Any:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            w0, c0 = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[stage] += time.perf_counter() - w0
                self.cpu[stage] += time.process_time() - c0
                self.calls[stage] += 1

        return wrapper

    def add(self, stage: str, wall: float, cpu: float) -> None:
        self.wall[stage] += wall
        self.cpu[stage] += cpu


def install(clock: Clock) -> list[str]:
    """Wrap every ``STAGES`` function that exists; the names wrapped."""
    done = []
    for stage, module_name, attr in STAGES:
        module = importlib.import_module(module_name)
        owner: Any = module
        parts = attr.split(".")
        for part in parts[:-1]:
            owner = getattr(owner, part, None)
        if owner is None or not hasattr(owner, parts[-1]):
            continue
        setattr(owner, parts[-1], clock.timed(stage, getattr(owner, parts[-1])))
        done.append(f"{module_name}.{attr}")
    return done


def write_corpus(datasets: Path, name: str, n: int, out: Path) -> int:
    rel, text_field, title_field, outlet_field = SETS[name]
    written = 0
    with gzip.open(datasets / rel, "rt", encoding="utf-8") as f, out.open("w") as sink:
        for i, line in enumerate(f):
            record = json.loads(line)
            text = record.get(text_field) or ""
            if not text.strip():
                continue
            row = {
                "id": f"{name}-{i}",
                "title": record.get(title_field) or "",
                "text": text,
                "outlet": record.get(outlet_field) or "unknown",
            }
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
            if written >= n:
                break
    return written


def run(corpus: Path) -> tuple[Clock, dict[str, Any]]:
    from framing.corpus.read import read_corpus
    from framing.run.output import RowWriter
    from framing.scoring.scorer import BATCH, default_scorer

    scorer = default_scorer()  # built (lexicons, models loaded) before the clock starts
    clock = Clock()
    wrapped = install(clock)
    articles = sentences = 0
    w_start, c_start = time.perf_counter(), time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = RowWriter(sink, "jsonl")
        stream = iter(read_corpus([corpus]))
        while True:
            batch = []
            w0, c0 = time.perf_counter(), time.process_time()
            for article in stream:
                batch.append(article)
                if len(batch) >= BATCH:
                    break
            clock.add("read", time.perf_counter() - w0, time.process_time() - c0)
            if not batch:
                break
            w0, c0 = time.perf_counter(), time.process_time()
            scores = scorer.score_batch(batch)
            clock.add("score", time.perf_counter() - w0, time.process_time() - c0)
            w0, c0 = time.perf_counter(), time.process_time()
            for score in scores:
                writer.write(score.to_dict())
                articles += 1
                sentences += score.n_sentences
            clock.add("write", time.perf_counter() - w0, time.process_time() - c0)
        writer.close()
    total_wall, total_cpu = time.perf_counter() - w_start, time.process_time() - c_start
    inner = ("split", "tokenise", "match", "model", "sentiment")
    clock.wall["other"] = clock.wall.pop("score") - sum(clock.wall[s] for s in inner)
    clock.cpu["other"] = clock.cpu.pop("score") - sum(clock.cpu[s] for s in inner)
    info = {
        "articles": articles,
        "sentences": sentences,
        "bytes": corpus.stat().st_size,
        "total_wall": total_wall,
        "total_cpu": total_cpu,
        "wrapped": wrapped,
    }
    return clock, info


def table(clock: Clock, info: dict[str, Any], label: str) -> str:
    lines = [
        f"{label}: {info['articles']:,} articles, {info['sentences']:,} sentences, "
        f"{info['bytes'] / 1e6:.1f} MB of JSON Lines; total {info['total_cpu']:.2f} CPU s "
        f"({info['total_wall']:.2f} wall s)",
        "",
        "| stage | CPU s | wall s | share of CPU |",
        "| --- | ---: | ---: | ---: |",
    ]
    for stage in ORDER:
        if stage not in clock.cpu:
            lines.append(f"| {stage} | - | - | - |")
            continue
        cpu = clock.cpu[stage]
        share = cpu / info["total_cpu"] if info["total_cpu"] else 0.0
        lines.append(f"| {stage} | {cpu:.2f} | {clock.wall[stage]:.2f} | {share:.0%} |")
    return "\n".join(lines)


def compare(paths: list[Path]) -> str:
    runs = [{"label": p.stem, **json.loads(p.read_text())} for p in paths]
    first = runs[0]
    lines = [
        "## Where the time goes: stages of `framing score` (`benchmarks/stages.py`)",
        "",
        f"Command: `{' '.join(['python', 'benchmarks/stages.py', *sys.argv[1:]])}`",
        "",
        f"{first['articles']:,} articles of the allsides wire subset ({first['bytes'] / 1e6:.1f} "
        f"MB of JSON Lines, {first['sentences']:,} sentences), `Scorer.score_batch` in batches of "
        "32 plus one JSON row per article, one core; each stage is the library's own function "
        "wrapped with `time.process_time` (CPU seconds). When runs alternate on a shared "
        "machine, the runs of one tree show the noise.",
        "",
        "| stage | " + " | ".join(r["label"] for r in runs) + " |",
        "| --- |" + " ---: |" * len(runs),
    ]
    for stage in ORDER:
        cells = [f"{r['cpu'][stage]:.2f}" if stage in r["cpu"] else "-" for r in runs]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| **total** | " + " | ".join(f"**{r['total_cpu']:.2f}**" for r in runs) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", type=Path, nargs="+", help="runs written by --json")
    parser.add_argument("--no-write", action="store_true", help="with --compare: print only")
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--set", default="allsides", choices=sorted(SETS))
    parser.add_argument("--label", default="framing score")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    if args.compare:
        text = compare(args.compare)
        print(text)
        if not args.no_write:
            sys.path.insert(0, str(HERE))
            from sections import update_section

            update_section("stages", text)
        return 0
    if not (args.datasets / SETS[args.set][0]).exists():
        print(f"{args.datasets}: the {args.set} set is missing; pass --datasets PATH")
        return 2
    with tempfile.TemporaryDirectory(prefix="framing-stages-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(args.datasets, args.set, args.articles, corpus)
        clock, info = run(corpus)
    print(table(clock, info, args.label))
    if args.json:
        payload = {**info, "label": args.label, "cpu": dict(clock.cpu), "wall": dict(clock.wall)}
        args.json.write_text(json.dumps(payload, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
