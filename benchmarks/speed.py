"""Speed and peak memory of `framing score` against vaderSentiment, in one run.

    python benchmarks/speed.py [--datasets PATH] [--mb 50] [--sizes 1000,20000] [--100k]
                               [--pipelines ...] [--lexicons DIR] [--quick] [--no-write]

Builds a corpus of at least ``--mb`` MB of text from the shared article sets (see
``_corpus.py``: deterministic, repeated copies marked so that no sentence repeats only
because the benchmark does) and runs, each in its own process so that peak memory is its
own (``os.wait4``), at each size:

  (a) full          ``framing.score_corpus`` + every row written as JSON Lines
  (a*) cli          ``framing score CORPUS --jobs 1 --format jsonl --output OUT``, the whole
                    process (start-up and imports included; CPU time from the kernel)
  (b) vader         vaderSentiment alone, one call per sentence, on the same sentences
                    (only the vaderSentiment calls are timed)
  (c) naive         NLTK Punkt sentence splitting, then vaderSentiment per sentence
  plus full_nocache, fast and fast_nocache (FastVader on (b)'s sentences, with and
  without its sentence cache).

Speeds are per CPU second of the measured process (one core; the machine may be shared,
so wall seconds are shown too). "a/b" is (a)'s MB per CPU second over (b)'s: above 1 means
the whole framing pipeline is faster than vaderSentiment alone. Writes the ``speed``
section of ``benchmarks/RESULTS.md`` (or ``--section NAME``; not with ``--quick`` or
``--no-write``), e.g. ``--100k --pipelines full --section speed-100k`` for the memory of
the full pipeline up to 100,000 articles without the slow reference pipelines.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _corpus import CorpusFile, build  # noqa: E402
from _results import (  # noqa: E402
    DEFAULT_DATASETS,
    ROOT,
    command_line,
    machine_lines,
)
from sections import update_section  # noqa: E402

ALL = ["full", "cli", "full_nocache", "vader", "naive", "fast", "fast_nocache"]
LABEL = {
    "full": "(a) framing score (full pipeline)",
    "cli": "(a*) `framing score` command, whole process",
    "full_nocache": "(a') framing score, sentence cache off",
    "vader": "(b) vaderSentiment alone, per sentence",
    "naive": "(c) naive: Punkt + vaderSentiment",
    "fast": "FastVader alone, per sentence",
    "fast_nocache": "FastVader alone, cache off",
}


def measure_cli(corpus: CorpusFile, lexicons: str | None, env: dict[str, str]) -> dict[str, Any]:
    """``framing score CORPUS --jobs 1 --format jsonl --output OUT`` as a whole process:
    start-up, imports, reading, scoring and writing, CPU time from the kernel."""
    with tempfile.TemporaryDirectory(prefix="framing-speed-cli-") as tmp:
        out = Path(tmp) / "scores.jsonl"
        cmd = [sys.executable, "-m", "framing", "score", str(corpus.path), "--jobs", "1"]
        cmd += ["--format", "jsonl", "--output", str(out)]
        if lexicons:
            cmd += ["--lexicons", lexicons]
        w0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - w0
        if os.waitstatus_to_exitcode(status) != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines() or ["no output"]
            return {"pipeline": "cli", "error": lines[-1][:200]}
        articles = sentences = 0
        with out.open(encoding="utf-8") as f:
            for line in f:
                articles += 1
                sentences += json.loads(line)["n_sentences"]
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "pipeline": "cli",
        "articles": articles,
        "sentences": sentences,
        "cpu": cpu,
        "wall": wall,
        "time_cpu": cpu,
        "time_wall": wall,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "baseline_rss_mb": 0.0,
        "bytes": corpus.bytes,
    }


def measure(pipeline: str, corpus: CorpusFile, lexicons: str | None) -> dict[str, Any]:
    """Run one pipeline in a fresh process; its numbers plus its peak RSS and CPU time."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    if pipeline == "cli":
        return measure_cli(corpus, lexicons, env)
    cmd = [sys.executable, str(HERE / "_speed_workers.py"), pipeline, str(corpus.path)]
    if lexicons:
        cmd += ["--lexicons", lexicons]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines() or ["no output"]
        return {"pipeline": pipeline, "error": lines[-1][:200]}
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    result["baseline_rss_mb"] = result.pop("baseline_rss_kb") / 1024
    result["bytes"] = corpus.bytes
    # Time that counts: the scoring calls alone for (b) and FastVader, everything otherwise.
    result["time_cpu"] = result.get("scoring_cpu", result["cpu"])
    result["time_wall"] = result.get("scoring_wall", result["wall"])
    return result


def _rate(x: float, seconds: float) -> float:
    return x / seconds if seconds > 0 else float("inf")


def report(
    runs: dict[int, dict[str, dict[str, Any]]],
    files: dict[int, CorpusFile],
    pool: int,
    pipelines: list[str],
) -> str:
    main_n = max(files)
    main = runs[main_n]
    mb = files[main_n].bytes / 1e6
    lines = [
        "## Speed and peak memory",
        "",
        f"Written by `benchmarks/speed.py`. Command: `{command_line()}`",
        "",
        *machine_lines(["framelens", "vaderSentiment", "nltk"]),
        f"- Corpus: {main_n:,} articles, {mb:.1f} MB of text, built from {pool:,} distinct",
        "  shared articles (repeated copies carry a marker word per sentence, so they add no",
        "  repeated sentences); each pipeline runs in its own process, one core.",
        "",
        f"### At {main_n:,} articles ({mb:.1f} MB)",
        "",
        "| pipeline | CPU s | wall s | MB/s (CPU) | articles/s (CPU) | sentences/s (CPU) "
        "| peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in pipelines:
        r = main.get(name, {})
        if "error" in r:
            lines.append(f"| {LABEL[name]} | not run: {r['error']} | | | | | |")
            continue
        t = r["time_cpu"]
        lines.append(
            f"| {LABEL[name]} | {t:.1f} | {r['time_wall']:.1f} | {_rate(mb, t):.2f} "
            f"| {_rate(r['articles'], t):.0f} | {_rate(r['sentences'], t):,.0f} "
            f"| {r['peak_rss_mb']:.0f} |"
        )
    lines += ["", "Ratios (speed of the first over the second, CPU seconds, same corpus):", ""]
    pairs = [
        ("full", "vader", "a/b: framing score vs vaderSentiment alone (target >= 1)"),
        ("cli", "vader", "a*/b: the whole `framing score` process vs vaderSentiment alone"),
        ("full", "naive", "a/c: framing score vs naive Punkt + vaderSentiment"),
        ("full_nocache", "vader", "a'/b: framing score without sentence cache vs (b)"),
        ("fast", "vader", "FastVader vs vaderSentiment, same sentences, cache on"),
        ("fast_nocache", "vader", "FastVader vs vaderSentiment, same sentences, cache off"),
    ]
    for x, y, what in pairs:
        rx, ry = main.get(x, {}), main.get(y, {})
        if "time_cpu" in rx and "time_cpu" in ry:
            ratio = ry["time_cpu"] / rx["time_cpu"] if rx["time_cpu"] else float("inf")
            wall = ry["time_wall"] / rx["time_wall"] if rx["time_wall"] else float("inf")
            lines.append(f"- {what}: **{ratio:.2f}x** (wall: {wall:.2f}x)")
    sizes = sorted(runs)
    lines += [
        "",
        "### Growth with corpus size",
        "",
        "| pipeline | " + " | ".join(f"{n:,} articles: CPU s / peak RSS MB" for n in sizes) + " |",
        "| --- |" + " ---: |" * len(sizes),
    ]
    for name in pipelines:
        cells = []
        for n in sizes:
            r = runs[n].get(name, {})
            cells.append(
                "n/a" if "time_cpu" not in r else f"{r['time_cpu']:.1f} / {r['peak_rss_mb']:.0f}"
            )
        lines.append(f"| {LABEL[name]} | " + " | ".join(cells) + " |")
    lo, hi = sizes[0], sizes[-1]
    lines += ["", f"From {lo:,} to {hi:,} articles ({hi / lo:.0f}x the articles):", ""]
    for name in pipelines:
        a, b = runs[lo].get(name, {}), runs[hi].get(name, {})
        if "time_cpu" in a and "time_cpu" in b:
            lines.append(
                f"- {LABEL[name]}: time x{b['time_cpu'] / max(a['time_cpu'], 1e-9):.1f}, "
                f"peak RSS {a['peak_rss_mb']:.0f} -> {b['peak_rss_mb']:.0f} MB "
                f"(after imports: {b['baseline_rss_mb']:.0f} MB)"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--mb", type=float, default=None, help="minimum MB of text (50)")
    parser.add_argument("--sizes", default=None, help="articles per run (1000,20000)")
    parser.add_argument("--100k", dest="hundred_k", action="store_true", help="add 100,000")
    parser.add_argument("--pipelines", default=",".join(ALL), help=",".join(ALL))
    parser.add_argument("--lexicons", help="score with the lexicon files of this folder")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus (temp dir)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--section", default="speed", help="RESULTS.md section to write (default: speed)"
    )
    parser.add_argument("--quick", action="store_true", help="tiny smoke run; no RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()

    if not args.datasets.is_dir():
        print(f"{args.datasets}: no such folder; pass --datasets PATH", file=sys.stderr)
        return 2
    sizes = [int(s) for s in (args.sizes or ("20,60" if args.quick else "1000,20000")).split(",")]
    if args.hundred_k:
        sizes.append(100_000)
    min_mb = args.mb if args.mb is not None else (0.0 if args.quick else 50.0)
    pipelines = [p.strip() for p in args.pipelines.split(",") if p.strip()]
    unknown = [p for p in pipelines if p not in ALL]
    if unknown:
        parser.error(f"unknown pipeline {unknown[0]!r}; choose from {', '.join(ALL)}")

    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="framing-speed-") as tmp:
        per_set = max(sizes) if args.quick else 0
        files, pool = build(args.datasets, Path(tmp), sizes, min_mb, args.seed, per_set)
        runs: dict[int, dict[str, dict[str, Any]]] = {}
        for n, corpus in files.items():
            print(f"corpus {n:,} articles, {corpus.bytes / 1e6:.1f} MB", file=sys.stderr)
            runs[n] = {}
            for name in pipelines:
                result = measure(name, corpus, args.lexicons)
                runs[n][name] = result
                print(f"  {name}: {json.dumps(result)}", file=sys.stderr, flush=True)
    text = report(runs, files, pool, pipelines)
    print(text)
    if not (args.quick or args.no_write):
        update_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
