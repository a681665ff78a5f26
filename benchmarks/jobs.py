"""Cores: `framing score --jobs 2` against `--jobs 1` on real articles, with two controls.

    python benchmarks/jobs.py                        # 2,000 articles, 3 rounds
    python benchmarks/jobs.py --n 500 --rounds 1 --no-write

Each round runs, one after the other (so a change of load hits all of them):

1. *machine*: a pure-Python loop alone, then two copies at once: the speed-up this machine
   gives two processes at that moment (2.0 on two free cores);
2. `framing score CORPUS --format jsonl -o OUT --jobs 1`;
3. the same with `--jobs 2`;
4. *split*: two `--jobs 1` runs on the two halves of the corpus, started together: the most
   two processes can give for this very workload here (shared caches, a shared physical
   core), with no coordination at all.

Every run is a new process, timed from start to exit (Python start-up, imports and worker
start included). CPU is split into the `framing` process itself (reading, feeding the
workers, writing) and its workers. The outputs of `--jobs 1` and `--jobs 2` must be
byte-identical. The corpus is the shared sets' articles (`benchmarks/_corpus.py`), or the
synthetic one of `scripts/make_corpus.py` when they are absent. Writes its own section of
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import DEFAULT_DATASETS, ROOT, command_line, machine_lines

SECTION = "jobs"
#: Runs `framing score ARGS...` and prints its own and its children's CPU seconds as JSON
#: on standard error (the workers are reaped by then, so they count as its children).
DRIVER = (
    "import json, resource, sys\n"
    "from framing.cli import main\n"
    "try:\n"
    "    main(['score', *sys.argv[1:]], standalone_mode=False)\n"
    "finally:\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "    print('CPU ' + json.dumps([own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime]),"
    " file=sys.stderr)\n"
)
BURN = "x = 0\nfor i in range(6_000_000):\n    x += i * i % 7\n"


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH", "")] if p)
    return {**os.environ, "PYTHONPATH": path}


def write_corpus(n: int, folder: Path, datasets: Path) -> tuple[Path, str]:
    from _corpus import load_pool, stream

    pool = load_pool(datasets)
    path = folder / f"corpus_{n}.jsonl"
    if pool:
        with path.open("w", encoding="utf-8") as fh:
            for article, _ in zip(stream(pool, seed=0), range(n), strict=False):
                fh.write(json.dumps(article, ensure_ascii=False) + "\n")
        return path, f"{n:,} real articles of the shared sets (`{datasets}`)"
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_corpus

    make_corpus.write_jsonl(path, n)
    return path, f"{n:,} synthetic articles (`scripts/make_corpus.py`; no shared sets found)"


def start(corpus: Path, out: Path, jobs: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", DRIVER, str(corpus), "--format", "jsonl",
               "--output", str(out), "--jobs", str(jobs)]  # fmt: skip
    return subprocess.Popen(
        command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def finish(proc: subprocess.Popen[str]) -> tuple[float, float]:
    _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"framing score exited {proc.returncode}: {err[-2000:]}")
    line = next(ln for ln in err.splitlines() if ln.startswith("CPU "))
    own, workers = json.loads(line[4:])
    return own, workers


def run(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    load = os.getloadavg()[0]
    began = time.perf_counter()
    own, workers = finish(start(corpus, out, jobs))
    return {"wall": time.perf_counter() - began, "own": own, "workers": workers, "load": load}


def split(halves: list[Path], folder: Path) -> dict[str, float]:
    load = os.getloadavg()[0]
    began = time.perf_counter()
    procs = [start(h, folder / f"{h.stem}.out", 1) for h in halves]
    cpus = [finish(p) for p in procs]
    return {"wall": time.perf_counter() - began, "own": sum(c[0] for c in cpus),
            "workers": sum(c[1] for c in cpus), "load": load}  # fmt: skip


def machine() -> float:
    command = [sys.executable, "-c", BURN]
    began = time.perf_counter()
    subprocess.run(command, check=True)
    alone = time.perf_counter() - began
    began = time.perf_counter()
    procs = [subprocess.Popen(command) for _ in range(2)]
    for proc in procs:
        proc.wait()
    return 2 * alone / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args()
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="framing-jobs-") as tmp:
        folder = Path(tmp)
        corpus, described = write_corpus(args.n, folder, args.datasets)
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        halves = [folder / "half_0.jsonl", folder / "half_1.jsonl"]
        halves[0].write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
        halves[1].write_text("".join(lines[len(lines) // 2 :]), encoding="utf-8")
        for k in range(args.rounds):
            row = {"machine": machine()}
            row["1"] = run(corpus, folder / "one.jsonl", 1)
            row["2"] = run(corpus, folder / "two.jsonl", 2)
            row["split"] = split(halves, folder)
            same = (folder / "one.jsonl").read_bytes() == (folder / "two.jsonl").read_bytes()
            assert same, "--jobs 2 wrote other bytes than --jobs 1"
            rounds.append(row)
            if not args.no_write:  # after every round: a run stopped early keeps its rounds
                from sections import update_section

                update_section(SECTION, report(args, rounds, described))
            print(f"round {k + 1}: machine {row['machine']:.2f}x, jobs 1 {row['1']['wall']:.1f} s, "
                  f"jobs 2 {row['2']['wall']:.1f} s, split {row['split']['wall']:.1f} s "
                  f"(load {row['1']['load']:.1f})", flush=True)  # fmt: skip
    body = report(args, rounds, described)
    print(body)


def report(args: argparse.Namespace, rounds: list[dict[str, Any]], described: str) -> str:
    def med(key: str, field: str) -> float:
        return statistics.median(r[key][field] for r in rounds)

    speedups = [r["1"]["wall"] / r["2"]["wall"] for r in rounds]
    controls = [r["1"]["wall"] / r["split"]["wall"] for r in rounds]
    out = [
        "## Cores: `--jobs 2` against `--jobs 1` (`benchmarks/jobs.py`)\n",
        *machine_lines(["vaderSentiment", "scikit-learn"]),
        f"- Command: `{command_line()}`; corpus: {described}\n",
        "Each round: the machine control, `--jobs 1`, `--jobs 2`, then the split control "
        "(two `--jobs 1` runs on the halves, started together). Wall time of the whole "
        "process (start-up included); CPU of the `framing` process itself and of its workers. "
        f"Medians over {len(rounds)} round(s) of the {args.rounds} asked for.\n",
        "| run | wall s | CPU s, framing process | CPU s, workers | articles/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in (("1", "`--jobs 1`"), ("2", "`--jobs 2`"),
                       ("split", "split control (two processes)")):  # fmt: skip
        out.append(
            f"| {label} | {med(key, 'wall'):.1f} | {med(key, 'own'):.1f} | "
            f"{med(key, 'workers'):.1f} | {args.n / med(key, 'wall'):.0f} |"
        )
    out += [
        "",
        "| round | load at start | machine (2 loops) | `--jobs 2` speed-up | split control |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for k, r in enumerate(rounds, 1):
        out.append(
            f"| {k} | {r['1']['load']:.1f} | {r['machine']:.2f}x | {speedups[k - 1]:.2f}x | "
            f"{controls[k - 1]:.2f}x |"
        )
    best = max(speedups)
    out += [
        "",
        f"`--jobs 2` ran **{statistics.median(speedups):.2f}x** as fast as `--jobs 1` (median "
        f"of rounds; best {best:.2f}x; target 1.8x on two free cores), against "
        f"{statistics.median(controls):.2f}x for two independent processes on the halves and "
        f"{statistics.median(r['machine'] for r in rounds):.2f}x for two pure-Python loops. "
        "Outputs byte-identical in every round. A load above 2 at the start of a round means "
        "other processes had the cores too: re-run on a quiet machine for the real figure.",
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
