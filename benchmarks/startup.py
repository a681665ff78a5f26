"""Start-up: `framing score one.txt` and `framing --help` beside a VADER one-liner.

    python benchmarks/startup.py                 # median of 11 runs of each, interleaved
    python benchmarks/startup.py --runs 5 --file seeds/000_b8b6c37ad7fa7c19.txt --no-write

Every command is a fresh Python process on the same file (wall time, from start to exit):

* `python -c pass`: the interpreter alone;
* the VADER one-liner: import vaderSentiment, build its analyzer, score the file's text;
* `framing --help`;
* `framing score FILE` (rows to a pipe, plain text).

The runs take turns, so a change of load on this shared machine hits all of them. The
import tree of one more `framing score FILE` run (`python -X importtime`) says where the
time goes: what each heavy package costs with everything it imports, and which of them were
imported at all. scikit-learn is reported on its own: the model path still imports it, and
its share is what scoring one file would save once it no longer does (an estimate: the
median minus that share). Writes its own section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import ROOT, command_line, machine_lines

SECTION = "startup"
DEFAULT_FILE = ROOT / "seeds" / "000_b8b6c37ad7fa7c19.txt"
VADER = (
    "import sys; from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as S; "
    "print(S().polarity_scores(open(sys.argv[1], encoding='utf-8').read()))"
)
#: `framing score FILE` in-process, with numpy then scikit-learn (and what it pulls in)
#: imported first, each timed: what scoring costs once the models no longer need sklearn.
PRELOADED = (
    "import sys, time; t0 = time.perf_counter(); import numpy; t1 = time.perf_counter(); "
    "import sklearn.base; t2 = time.perf_counter(); from framing.cli import main\n"
    "try:\n    main(['score', sys.argv[1]], standalone_mode=False)\n"
    "finally:\n    print('TIMES', t1 - t0, t2 - t1, time.perf_counter() - t2, file=sys.stderr)\n"
)
#: Packages whose import cost is reported (with everything they import first).
HEAVY = ("sklearn", "scipy", "pandas", "pyarrow", "numpy", "nltk", "matplotlib", "dask",
         "rich", "datasets", "yaml", "re2", "regex", "click", "vaderSentiment")  # fmt: skip


def commands(path: Path) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "python -c pass": [py, "-c", "pass"],
        "VADER one-liner": [py, "-c", VADER, str(path)],
        "framing --help": [py, "-m", "framing", "--help"],
        "framing score FILE": [py, "-m", "framing", "score", str(path)],
        "framing score FILE, numpy and sklearn imported first": [py, "-c", PRELOADED, str(path)],
    }


def _env(root: Path = ROOT) -> dict[str, str]:
    path = os.pathsep.join(p for p in [str(root), os.environ.get("PYTHONPATH", "")] if p)
    return {**os.environ, "PYTHONPATH": path}


#: ``--before CHECKOUT``: the command name whose runs use that checkout's ``framing``.
BEFORE = "framing score FILE, --before checkout"


def timed(command: list[str], parts: list[list[float]] | None = None, root: Path = ROOT) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        command, env=_env(root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        cwd=root,
    )  # fmt: skip
    wall = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{command[:4]} exited {done.returncode}: {done.stderr[-2000:]}")
    if parts is not None:
        line = next(ln for ln in done.stderr.splitlines() if ln.startswith("TIMES "))
        parts.append([float(x) for x in line.split()[1:]])
    return wall


def import_tree(stderr: str) -> list[tuple[str, int, int, list[str]]]:
    """``(module, self µs, cumulative µs, importers)`` of each ``-X importtime`` line; the
    importers run from the outermost. The output is post-order (a module after what it
    imported), so read backwards it is pre-order and a stack of names gives the chain."""
    rows: list[tuple[str, int, int, list[str]]] = []
    stack: list[str] = []
    lines = [ln for ln in stderr.splitlines() if ln.startswith("import time:")]
    for line in reversed(lines[1:]):  # the first is the header
        own, cumulative, raw = line[len("import time:") :].split("|", 2)
        depth = (len(raw) - len(raw.lstrip()) - 1) // 2
        del stack[depth:]
        rows.append((raw.strip(), int(own), int(cumulative), list(stack)))
        stack.append(raw.strip())
    return rows


def import_costs(
    rows: list[tuple[str, int, int, list[str]]], outside: str | None = None
) -> dict[str, float]:
    """Seconds of import for each package of ``HEAVY`` that was imported, counting every
    module first imported by it or under it; ``total``: all imports. ``outside``: count
    only modules not imported under that package."""
    if outside is not None:
        rows = [r for r in rows if not any(m.split(".")[0] == outside for m in (*r[3], r[0]))]
    costs = {"total": sum(own for _, own, _, _ in rows) / 1e6}
    for package in HEAVY:
        within = [
            own for name, own, _, chain in rows
            if any(m.split(".")[0] == package for m in (*chain, name))
        ]  # fmt: skip
        if within:
            costs[package] = sum(within) / 1e6
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the one article")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    parser.add_argument(
        "--before", type=Path, help="another checkout (e.g. main) whose `framing score FILE` "
        "runs beside this one's, taking turns with it",
    )  # fmt: skip
    args = parser.parse_args()
    args.file = args.file.resolve()
    cmds = commands(args.file)
    roots = {name: ROOT for name in cmds}
    if args.before:
        cmds[BEFORE] = cmds["framing score FILE"]
        roots[BEFORE] = args.before.resolve()
    for name, command in cmds.items():  # warm the file cache and the bytecode caches once
        timed(command, root=roots[name])
    times: dict[str, list[float]] = {name: [] for name in cmds}
    loads = []
    parts: list[list[float]] = []  # numpy, sklearn, the rest: seconds inside PRELOADED
    for _ in range(args.runs):
        loads.append(os.getloadavg()[0])
        for name, command in cmds.items():
            preloaded = parts if command[2] == PRELOADED else None
            times[name].append(timed(command, preloaded, roots[name]))
    median = {name: statistics.median(ts) for name, ts in times.items()}
    numpy_s, sklearn_s, rest_s = (statistics.median(p[k] for p in parts) for k in range(3))
    measured_without = median["python -c pass"] + numpy_s + rest_s
    start = time.perf_counter()
    traced = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "framing", "score", str(args.file)],
        env=_env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    traced_wall = time.perf_counter() - start
    tree = import_tree(traced.stderr)
    costs, alone = import_costs(tree), import_costs(tree, outside="sklearn")
    score, vader = median["framing score FILE"], median["VADER one-liner"]
    sklearn = costs.get("sklearn", 0.0)
    share = sklearn / traced_wall
    without = score * (1 - share)

    out = [
        "## Start-up (`benchmarks/startup.py`)\n",
        *machine_lines(["vaderSentiment", "scikit-learn", "numpy", "PyYAML"]),
        f"- Command: `{command_line()}`; file `{args.file.name}` "
        f"({args.file.stat().st_size:,} bytes); "
        + (f"`--before` checkout: `{args.before}`; " if args.before else "")
        + "load average before each round: "
        f"{min(loads):.1f} to {max(loads):.1f}\n",
        "Each command is a new Python process; median (and range) of "
        f"{args.runs} runs, the commands taking turns.\n",
        "| command | median s | min s | max s | × VADER one-liner |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, ts in times.items():
        out.append(
            f"| `{name}` | {median[name]:.3f} | {min(ts):.3f} | {max(ts):.3f} | "
            f"{median[name] / vader:.1f} |"
        )
    out += [
        "",
        f"`framing score FILE` takes **{score / vader:.1f}×** the VADER one-liner (target "
        f"≤ 5×); `framing --help` {median['framing --help']:.2f} s (target < 0.5 s).",
        "",
        f"Where the time of one more `framing score FILE` goes (`-X importtime`, "
        f"{traced_wall:.2f} s wall; the tracing itself slows imports): imports "
        f"{costs['total']:.2f} s in all; by package, with what it imports first, and the same "
        "leaving out what scikit-learn imported:",
        "",
        "| package | import s | not via scikit-learn |",
        "| --- | ---: | ---: |",
    ]
    for package in HEAVY:
        if package in costs:
            out.append(f"| {package} | {costs[package]:.3f} | {alone.get(package, 0.0):.3f} |")
    absent = [p for p in HEAVY if p not in costs]
    out += [
        "",
        f"Not imported: {', '.join(absent) or 'none'}.",
        "",
        (
            "scikit-learn is not imported by `framing score FILE` (the models score in pure "
            "Python); the figures below isolate what importing it would cost: "
            if "sklearn" in absent
            else "scikit-learn is imported when the model files are read; "
        )
        + f"with what it pulls in it is "
        f"{sklearn:.2f} s of imports, {share:.0%} of the traced run (the median less that "
        f"share: {without:.2f} s, {without / vader:.1f}× the one-liner). Measured directly "
        f"(last row of the first table, medians inside the process): importing numpy took "
        f"{numpy_s:.3f} s, scikit-learn after it {sklearn_s:.3f} s, and everything else "
        f"`framing score FILE` does {rest_s:.3f} s; with the interpreter's start "
        f"({median['python -c pass']:.3f} s), scoring one file without scikit-learn costs "
        f"about {measured_without:.2f} s, **{measured_without / vader:.1f}×** the one-liner.",
    ]
    body = "\n".join(out) + "\n"
    print(body)
    if not args.no_write:
        from sections import update_section

        update_section(SECTION, body)


if __name__ == "__main__":
    main()
