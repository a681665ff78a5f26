"""Reliability: bad inputs and misuse named, kill -9 then --resume, concurrent writers, memory.

Writes its own section of benchmarks/RESULTS.md (``reliability``). Corpora are synthetic
(sentences drawn from a fixed vocabulary, seeded), so the script needs no shared datasets.

    python benchmarks/reliability.py [--kills 10] [--kill-n 1000] [--sizes 2000 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "reliability"
WORDS = [
    "officials",
    "warned",
    "the",
    "app",
    "was",
    "a",
    "national",
    "security",
    "threat",
    "while",
    "students",
    "said",
    "friends",
    "learned",
    "each",
    "other's",
    "language",
    "and",
    "culture",
    "reportedly",
    "experts",
    "observed",
    "netizens",
    "data",
    "surveillance",
    "ban",
    "community",
    "welcome",
    "curiosity",
    "said",
    "according",
    "to",
    "Reuters",
    "the",
    "ministry",
]


def corpus(path: Path, n: int, seed: int = 0) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
                for _ in range(rng.randint(3, 8))
            ]
            out.write(
                json.dumps({"id": f"a{i:06d}", "outlet": f"o{i % 5}", "text": " ".join(sentences)})
                + "\n"
            )
    return path


def framing(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "framing", *args], capture_output=True, text=True, env=env, **kw
    )


def bad_inputs(folder: Path) -> list[tuple[str, bool, str]]:
    """(case, refused with one line that names the file, first line of stderr)."""
    good = corpus(folder / "good.jsonl", 5)
    (folder / "badjson.jsonl").write_text('{"id": 1, "text": "ok"}\n{not json\n')
    (folder / "notext.jsonl").write_text('{"id": "x", "body": "a"}\n')
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.jsonl").write_text("")
    (folder / "old.csv").write_text("keep\n")
    cases = [
        ("malformed JSON line", ["score", "badjson.jsonl"], "badjson.jsonl"),
        (
            "no text field (wrong --text-column)",
            ["score", "notext.jsonl", "-o", "old.csv", "--format", "csv"],
            "old.csv",
        ),
        ("binary file", ["score", "binary.txt"], "binary.txt"),
        ("empty file", ["score", "empty.jsonl", "-o", "old.csv", "--format", "csv"], "old.csv"),
        ("missing path", ["score", "nothere.jsonl"], "nothere.jsonl"),
        ("output is the input", ["score", "good.jsonl", "-o", "good.jsonl"], "good.jsonl"),
        (
            "output inside the input folder",
            ["score", ".", "-o", "x.csv", "--format", "csv"],
            "x.csv",
        ),
        (
            "-o and --errors one file",
            ["score", "good.jsonl", "-o", "e.jsonl", "--errors", "e.jsonl"],
            "e.jsonl",
        ),
        ("compare -o is the input", ["compare", "good.jsonl", "-o", "good.jsonl"], "good.jsonl"),
        ("--seed -5", ["compare", "good.jsonl", "--seed", "-5"], "--seed"),
        ("--n-boot 100000000", ["compare", "good.jsonl", "--n-boot", "100000000"], "--n-boot"),
        ("--n-perm 99999999999", ["compare", "good.jsonl", "--n-perm", "99999999999"], "--n-perm"),
        (
            "misspelt --measure",
            ["compare", "good.jsonl", "--measure", "sentimnt_compound"],
            "sentimnt_compound",
        ),
        ("misspelt --by", ["compare", "good.jsonl", "--by", "outlett"], "outlett"),
        ("report folder missing", ["compare", "good.jsonl", "--report", "no/r.html"], "no"),
    ]
    results = []
    for name, args, named in cases:
        before = (folder / "old.csv").read_bytes(), good.read_bytes()
        out = framing(*args, cwd=folder)
        err = [x for x in out.stderr.splitlines() if x.strip()]
        kept = before == ((folder / "old.csv").read_bytes(), good.read_bytes())
        ok = (
            out.returncode in (1, 2)
            and "Traceback" not in out.stderr
            and any(named in x for x in err)
            and kept
        )
        shown = [x for x in err if named in x] or err or ["(nothing on stderr)"]
        results.append((name, ok, shown[0].strip()))
    return results


def kill_and_resume(folder: Path, n: int, kills: int, seed: int) -> dict[str, object]:
    src = corpus(folder / "kill.jsonl", n, seed=1)
    ref = folder / "ref.jsonl"
    start = time.monotonic()
    assert framing("score", str(src), "-o", str(ref), "--format", "jsonl").returncode == 0
    full = time.monotonic() - start
    out = folder / "killed.jsonl"
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done_kills = 0
    runs = 0
    while not out.exists():
        args = [sys.executable, "-m", "framing", "score", str(src), "-o", str(out)]
        args += ["--format", "jsonl", "--resume"]
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        runs += 1
        if done_kills < kills:
            time.sleep(rng.uniform(1.0, max(1.5, full * 0.8)))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                done_kills += 1
        proc.wait()
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    return {
        "n": n,
        "kills": done_kills,
        "runs": runs,
        "rows": len(ids),
        "once": len(ids) == len(set(ids)) == n,
        "identical": out.read_bytes() == ref.read_bytes(),
        "full_s": full,
    }


def concurrent(folder: Path, pairs: int) -> tuple[int, int]:
    """Two runs on one output started together, ``pairs`` times: (pairs with exactly one
    refused with the lock message and one complete output, pairs)."""
    src = corpus(folder / "conc.jsonl", 300, seed=2)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    good = 0
    for i in range(pairs):
        out = folder / f"two{i}.jsonl"
        args = [sys.executable, "-m", "framing", "score", str(src), "-o", str(out)]
        args += ["--format", "jsonl", "--jobs", "1"]
        procs = [
            subprocess.Popen(
                args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        errs = [p.communicate()[1] for p in procs]
        codes = sorted(p.returncode for p in procs)
        refused = sum("being written by another framing run" in e for e in errs)
        rows = len(out.read_text().splitlines()) if out.exists() else 0
        tracebacks = any("Traceback" in e for e in errs)
        good += codes == [0, 1] and refused == 1 and rows == 300 and not tracebacks
    return good, pairs


PEAK = """
import resource, sys
from framing.cli import main
try:
    main(sys.argv[1:])
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def peak_memory(folder: Path, n: int) -> tuple[float, float]:
    src = corpus(folder / f"mem{n}.jsonl", n, seed=3)
    start = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK,
            "score",
            str(src),
            "-o",
            str(folder / f"mem{n}.out"),
            "--format",
            "jsonl",
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    kb = int(proc.stderr.strip().splitlines()[-1])
    return kb / 1024, time.monotonic() - start


def section(args: argparse.Namespace, bad: list, kill: dict, conc: tuple, mem: dict) -> str:
    sys.path.insert(0, str(Path(__file__).parent))
    from _results import command_line, machine_lines

    named = sum(ok for _, ok, _ in bad)
    out = [
        "## Reliability",
        "",
        *machine_lines([]),
        f"Command: `{command_line()}`",
        "",
        f"**Bad inputs and misuse: {named} of {len(bad)} refused with one line naming the file "
        "or option, no traceback, the input and an earlier output left byte for byte.**",
        "",
        "| case | named, kept | first line on stderr |",
        "| --- | --- | --- |",
    ]
    out += [f"| {name} | {'yes' if ok else 'NO'} | `{line[:110]}` |" for name, ok, line in bad]
    out += [
        "",
        f"**kill -9, then `--resume`:** {kill['kills']} SIGKILLs at random points of a "
        f"{kill['n']}-article `framing score -o OUT --format jsonl` (uninterrupted run "
        f"{kill['full_s']:.1f} s), {kill['runs']} runs in all: {kill['rows']} rows, every row "
        f"exactly once: {'yes' if kill['once'] else 'NO'}; output byte-identical to the "
        f"uninterrupted run: {'yes' if kill['identical'] else 'NO'}.",
        "",
        f"**Concurrent writers:** two runs on one output started together, {conc[1]} times: "
        f"{conc[0]} of {conc[1]} ended with one complete output and the other run refused in "
        "one line naming the first (no traceback).",
        "",
        "**Peak memory** (`framing score --jobs 1 -o OUT --format jsonl`, peak RSS of the "
        "process, synthetic articles of 3-8 sentences):",
        "",
        "| articles | peak RSS MB | wall s |",
        "| ---: | ---: | ---: |",
    ]
    out += [f"| {n:,} | {mb:.0f} | {s:.1f} |" for n, (mb, s) in sorted(mem.items())]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--kill-n", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="framing-reliability-") as tmp:
        folder = Path(tmp)
        bad = bad_inputs(folder)
        print(f"bad inputs: {sum(ok for _, ok, _ in bad)}/{len(bad)}", flush=True)
        kill = kill_and_resume(folder, args.kill_n, args.kills, args.seed)
        print(f"kill/resume: {kill}", flush=True)
        conc = concurrent(folder, args.pairs)
        print(f"concurrent: {conc}", flush=True)
        mem = {n: peak_memory(folder, n) for n in args.sizes}
        print(f"memory: {mem}", flush=True)
    body = section(args, bad, kill, conc, mem)
    print(body)
    if not args.no_write:
        sys.path.insert(0, str(Path(__file__).parent))
        from sections import update_section

        update_section(SECTION, body)


if __name__ == "__main__":
    main()
