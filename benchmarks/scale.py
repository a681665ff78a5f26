"""Scale benchmark: peak memory of `framing score` as the corpus grows, and the speed-up of
--jobs 2 over --jobs 1. Writes its own section of benchmarks/RESULTS.md.

    python benchmarks/scale.py                      # 1,000 / 10,000 / 100,000 articles
    python benchmarks/scale.py --sizes 1000 10000 --throughput-n 2000 --repeat 1

Memory: `framing score CORPUS.jsonl --format jsonl -o OUT --jobs 1` in a subprocess; its peak
resident set size comes from the kernel (wait4's ru_maxrss). Flat across sizes = streaming.
The same is measured with --jobs 2 at the middle size, per process (parent, each worker:
their VmHWM, read from /proc while they run).

Speed: wall time of the same command on full-length articles with --jobs 1 and --jobs 2,
best of --repeat runs (other processes share this machine: the load average is recorded
next to each number). Speed-up = time(jobs 1) / time(jobs 2), including worker start-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECTION = "scale"
DATASETS = ROOT.parent / "shared" / "datasets"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import make_corpus  # noqa: E402

SHORT = (2, 6)  # sentences per article for the memory runs (memory does not depend on it)


def framing_command(corpus: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "framing", "score", str(corpus), "--format", "jsonl",
            "--output", str(out), "--jobs", str(jobs)]  # fmt: skip


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH", "")] if p)
    return {**os.environ, "PYTHONPATH": path}


def _tree(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


_TICK = os.sysconf("SC_CLK_TCK")


def _sample(pid: int) -> tuple[int, str, float, int]:
    """(peak RSS in kB, command line, CPU seconds so far, parent pid) of a running process;
    zeros when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0, "", 0.0, 0
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    cpu = (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
    return (int(found.group(1)) if found else 0), cmd, cpu, int(fields[1])


def run_measured(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command``; wall time, its exit status, its own peak RSS (exact) and the peak RSS
    of each process it started (sampled every 0.1 s; a high-water mark, so only growth in the
    last 0.1 s of a process could be missed)."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, env={**_env(), **(env or {})}, stdout=subprocess.DEVNULL)
    helpers: dict[int, tuple[int, str, float]] = {}
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        for child in _tree(proc.pid):
            kb, cmd, cpu, ppid = _sample(child)
            if ppid == proc.pid and "forkserver" not in cmd:
                cpu = 0.0  # reaped by the run itself: already in its wait4 usage
            if kb:
                helpers[child] = (max(kb, helpers.get(child, (0, "", 0.0))[0]), cmd, cpu)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    workers = [kb for kb, cmd, _ in helpers.values() if "resource_tracker" not in cmd]
    return {
        "wall": wall,
        "status": proc.returncode,
        "peak_mb": usage.ru_maxrss / 1024,  # Linux: kB
        "helper_peaks_mb": sorted(kb / 1024 for kb in workers),
        # CPU of the run and of its helpers (sampled: the last 0.1 s of a helper is missed)
        "cpu": usage.ru_utime + usage.ru_stime + sum(c for _, _, c in helpers.values()),
        "load": load,
    }


def _articles(n: int, source: str, datasets: Path, max_chars: int) -> Iterator[dict[str, Any]]:
    """``n`` articles: synthetic short ones, or the shared sets' real articles, repeated
    with new ids (and a marker word per sentence) past the first pass (``_corpus.stream``),
    each cut at its last line or sentence end within ``max_chars`` (0: whole)."""
    if source == "synthetic":
        for i in range(n):
            yield make_corpus.article(i, sentences=SHORT)
        return
    from _corpus import load_pool, stream

    pool = load_pool(datasets)
    if not pool:
        raise SystemExit(f"{datasets}: none of the article sets found; pass --datasets PATH")
    for article in itertools.islice(stream(pool, seed=0), n):
        if max_chars and len(article["text"]) > max_chars:
            head = article["text"][:max_chars]
            cut = max(head.rfind("\n"), head.rfind(". ") + 1)
            article = {**article, "text": head[:cut] if cut > 0 else head}
        yield article


def memory(
    sizes: list[int],
    folder: Path,
    source: str = "synthetic",
    datasets: Path = DATASETS,
    max_chars: int = 0,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows = []
    for n in sizes:
        corpus = folder / f"short_{n}.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for article in _articles(n, source, datasets, max_chars):
                fh.write(json.dumps(article, ensure_ascii=False) + "\n")
        out = folder / f"short_{n}.scores.jsonl"
        result = run_measured(framing_command(corpus, out, 1))
        assert result["status"] == 0, f"framing score exited {result['status']}"
        rows.append({"n": n, "mb_in": corpus.stat().st_size / 2**20, **result})
        print(f"memory n={n}: {result['peak_mb']:.0f} MB, {result['wall']:.1f} s", flush=True)
    middle = sizes[len(sizes) // 2]
    parallel = run_measured(
        framing_command(folder / f"short_{middle}.jsonl", folder / "par.jsonl", 2)
    )
    parallel["n"] = middle
    print(f"memory jobs 2 n={middle}: parent {parallel['peak_mb']:.0f} MB, "
          f"helpers {parallel['helper_peaks_mb']}", flush=True)  # fmt: skip
    return rows, parallel


BURN = "x = 0\nfor i in range(6_000_000):\n    x += i * i % 7\n"


def machine_parallelism() -> dict[str, float]:
    """What the machine gives right now: a pure-Python loop alone, then two copies at once
    (separate processes). 2 free cores: both copies take as long as one alone (2.0x)."""
    command = [sys.executable, "-c", BURN]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    procs = [subprocess.Popen(command) for _ in range(2)]
    for proc in procs:
        proc.wait()
    together = time.perf_counter() - start
    return {"alone": alone, "together": together, "speedup": 2 * alone / together}


#: (label, --jobs, extra environment) of each throughput configuration.
CONFIGS = [("1", 1, {}), ("2", 2, {}), ("2, FRAMING_START_METHOD=forkserver", 2,
           {"FRAMING_START_METHOD": "forkserver"})]  # fmt: skip


SPLIT_LABEL = "control: two `--jobs 1` processes at once, each on half the corpus"


def split_control(halves: list[Path], folder: Path) -> dict[str, Any]:
    """The best two processes can do on this machine for this very workload: two
    independent ``--jobs 1`` runs on the two halves, started together (no coordination at
    all). Wall time: until both have ended. It shows what the hardware gives when both
    cores are busy (shared caches, a shared physical core), apart from ``--jobs``'s own cost."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            framing_command(h, folder / f"{h.stem}.out", 1), env=_env(), stdout=subprocess.DEVNULL
        )
        for h in halves
    ]
    cpu = 0.0
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        cpu += usage.ru_utime + usage.ru_stime
    return {"wall": time.perf_counter() - start, "cpu": cpu, "load": load, "status": 0}


def throughput(n: int, repeat: int, folder: Path) -> list[dict[str, Any]]:
    corpus = make_corpus.write_jsonl(folder / f"full_{n}.jsonl", n)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    halves = []
    for k, part in enumerate((lines[: n // 2], lines[n // 2 :])):
        halves.append(folder / f"half_{k}.jsonl")
        halves[-1].write_text("".join(part), encoding="utf-8")
    rows: list[dict[str, Any]] = []
    for round_ in range(repeat):  # interleaved, so that a change of load hits every config
        for k, (label, jobs, env) in enumerate(CONFIGS):
            out = folder / f"full_{k}.jsonl"
            control = machine_parallelism() if k == 0 else None
            result = run_measured(framing_command(corpus, out, jobs), env)
            assert result["status"] == 0
            if round_ == 0:
                rows.append({"label": label, "runs": []})
            rows[k]["runs"].append({**result, "control": control})
            print(f"speed jobs={label}: {result['wall']:.1f} s, cpu {result['cpu']:.1f} s "
                  f"(load {result['load']:.1f})", flush=True)  # fmt: skip
        result = split_control(halves, folder)
        if round_ == 0:
            rows.append({"label": SPLIT_LABEL, "runs": []})
        rows[-1]["runs"].append({**result, "control": None})
        print(f"speed split control: {result['wall']:.1f} s, cpu {result['cpu']:.1f} s", flush=True)
    # Start-up: the same command on a 10-article corpus (Python, imports, lexicons, models).
    tiny = make_corpus.write_jsonl(folder / "tiny.jsonl", 10)
    startup = min(run_measured(framing_command(tiny, folder / "tiny.out", 1))["wall"]
                  for _ in range(3))  # fmt: skip
    for k, row in enumerate(rows):
        row["startup"] = startup
        row["best"] = min(row["runs"], key=lambda r: r["wall"])
        if row["label"] == SPLIT_LABEL:
            continue
        same = (folder / "full_0.jsonl").read_bytes() == (folder / f"full_{k}.jsonl").read_bytes()
        assert same, f"--jobs {row['label']} wrote other rows than --jobs 1"
    return rows


def machine() -> str:
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with open("/proc/meminfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.0f} GiB"
    import framing

    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} memory, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, framing {framing.__version__}"
    )


def section(args: argparse.Namespace, mem: list[dict[str, Any]], par: dict[str, Any],
            speed: list[dict[str, Any]] | None, n_speed: int) -> str:  # fmt: skip
    command = "python benchmarks/scale.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    if args.memory_corpus == "shared":
        made = (f"real articles of the shared sets (`{args.datasets}`), repeated past the "
                "first pass with new ids and a marker word in every sentence "
                "(`benchmarks/_corpus.py`)")  # fmt: skip
        kind = "Real articles" + (
            f" (each cut at its last line or sentence end within {args.max_chars:,} characters)"
            if args.max_chars
            else ""
        )
    else:
        made = "corpora made by `scripts/make_corpus.py`"
        kind = f"Short articles ({SHORT[0]}-{SHORT[1]} sentences)"
    out = [
        (
            "## Scale: memory on real articles (`benchmarks/scale.py --memory-only`)\n"
            if args.memory_only
            else "## Scale: memory and cores (`benchmarks/scale.py`)\n"
        ),
        f"Run {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}.",
        f"Command: `{command.strip()}`. Each measurement is "
        "`framing score CORPUS.jsonl --format jsonl --output OUT --jobs N` in a subprocess, on "
        f"{made}. The machine is shared: the 1-minute load "
        "average when each run started is given beside it (2 cores: a load above 2 means the "
        "runs waited for a core).\n",
        "### Peak memory (streaming)\n",
        f"{kind}, `--jobs 1` (one process). Peak resident memory from the kernel (ru_maxrss).\n",
        "| articles | input MB | peak RSS MB | wall s | load |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in mem:
        out.append(f"| {r['n']:,} | {r['mb_in']:.1f} | {r['peak_mb']:.0f} | {r['wall']:.1f} | "
                   f"{r['load']:.1f} |")  # fmt: skip
    growth = mem[-1]["peak_mb"] / mem[0]["peak_mb"]
    out += [
        "",
        f"From {mem[0]['n']:,} to {mem[-1]['n']:,} articles ({mem[-1]['n'] // mem[0]['n']}x) "
        f"the peak grows {growth:.2f}x.",
        f"With `--jobs 2` on {par['n']:,} articles: parent {par['peak_mb']:.0f} MB, helper "
        f"processes {', '.join(f'{m:.0f}' for m in par['helper_peaks_mb'])} MB (the "
        "two workers, forked from the parent: their resident memory counts the pages they "
        "still share with it; each holds one chunk of articles at a time).\n",
    ]
    if speed is None:
        out.append("Throughput of `--jobs 2` against `--jobs 1`: `benchmarks/jobs.py`.\n")
        return "\n".join(out) + "\n"
    out += [
        "### Throughput: `--jobs 1` vs `--jobs 2`\n",
        f"{n_speed:,} full-length articles (4-30 sentences, about 250 words), best of "
        f"{args.repeat} (the configurations take turns); wall time includes starting Python "
        "and the workers; CPU is the seconds used by every process of the run. *Machine* is a "
        "control measured just before: a pure-Python loop alone, then two copies at once; it "
        "is the speed-up the machine could give two processes at that moment (2.0 on two "
        "free cores).\n",
        "| jobs | best wall s | articles/s | CPU s | every run: wall s (load, machine) |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    controls = [r["control"] for r in speed[0]["runs"]]
    for r in speed:
        runs = "; ".join(
            f"{x['wall']:.1f} ({x['load']:.1f}, {c['speedup']:.2f}x)"
            for x, c in zip(r["runs"], controls, strict=True)
        )
        if r["label"] == SPLIT_LABEL:
            runs = "; ".join(f"{x['wall']:.1f} ({x['load']:.1f})" for x in r["runs"])
        best = r["best"]
        out.append(f"| {r['label']} | {best['wall']:.1f} | {n_speed / best['wall']:.0f} | "
                   f"{best['cpu']:.1f} | {runs} |")  # fmt: skip
    one, two, server, split = (r["best"] for r in speed)
    available = max(c["speedup"] for c in controls)
    startup = speed[0]["startup"]
    steady = (one["wall"] - startup) / (two["wall"] - startup)
    out += [
        "",
        f"Speed-up of `--jobs 2` over `--jobs 1`: **{one['wall'] / two['wall']:.2f}x** "
        f"(workers forked from the `framing` process, the default on Linux; with "
        f"`FRAMING_START_METHOD=forkserver`, the start method used when the caller runs "
        f"other threads: {one['wall'] / server['wall']:.2f}x); target "
        f"1.7x on 2 free cores. The machine itself gave two processes at most "
        f"{available:.2f}x during these runs. Extra CPU for parallel scoring (starting and "
        f"feeding the workers): {two['cpu'] - one['cpu']:+.1f} s "
        f"({(two['cpu'] / one['cpu'] - 1) * 100:+.0f}%). All output files are byte-identical.",
        f"Start-up (the same command on 10 articles, best of 3): {startup:.1f} s, paid once "
        f"by both; without it the speed-up is {steady:.2f}x.",
        f"The control row is the most two processes can give for this workload here: two "
        f"independent `--jobs 1` runs on the halves, started together, "
        f"{one['wall'] / split['wall']:.2f}x the speed of one run on the whole (it pays the "
        f"start-up twice, at once). `--jobs 2` reached "
        f"{split['wall'] / two['wall'] * 100:.0f}% of that.\n",
    ]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--throughput-n", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="skip the throughput runs (benchmarks/jobs.py measures --jobs)",
    )
    parser.add_argument(
        "--memory-corpus",
        choices=["synthetic", "shared"],
        default="synthetic",
        help="short synthetic articles, or the shared sets' real ones repeated",
    )
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument(
        "--max-chars", type=int, default=0, help="shared articles: cut each to about this length"
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="framing-scale-") as tmp:
        folder = Path(tmp)
        speed = None if args.memory_only else throughput(args.throughput_n, args.repeat, folder)
        mem, par = memory(
            sorted(args.sizes), folder, args.memory_corpus, args.datasets, args.max_chars
        )
    body = section(args, mem, par, speed, args.throughput_n)
    print(body)
    if not args.no_write:
        from sections import update_section  # benchmarks/sections.py: one section per script

        # a memory-only run keeps the last full run's section (throughput included)
        update_section("memory" if args.memory_only else SECTION, body)


if __name__ == "__main__":
    main()
