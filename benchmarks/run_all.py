"""Run every `framing benchmark` adapter at full size and write the ``accuracy`` section of
benchmarks/RESULTS.md (other sections, e.g. ``speed`` and ``scale``, are kept as they are).

    python benchmarks/run_all.py                     # all adapters, ../shared/datasets
    python benchmarks/run_all.py --only babe gvfc    # some adapters (the others' rows go)

Also writes benchmarks/results.json: every result in the ``framing-benchmark/1`` schema, so a
later run can be compared key by key. Takes a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing
sys.path.insert(0, str(HERE))

from sections import update_section  # noqa: E402

from framing.benchmark import ADAPTERS, generic_adapter, run_benchmark  # noqa: E402
from framing.benchmark.results import BenchmarkResult, markdown_table, md_cell  # noqa: E402

# Adapters that must be sampled to keep the whole run under ~20 minutes: none so far. A limit
# here is printed next to the adapter's table.
LIMITS: dict[str, int] = {}

# The generic adapter, shown on a shared file so its command line can be checked by hand.
GENERIC = {
    "name": "generic (allsides file, CLI options)",
    "path": "allsides-abp-wire-subset/abp_wire_bbc_aljazeera.jsonl.gz",
    "options": {
        "label_column": "source_type",
        "positive": ["state_funded_qatar"],
        "negative": ["wire"],
        "axis": "state_wire",
        "pole": "state",
        "text_column": "content_original",
        "title_column": "title",
        "group_column": "source",
    },
    "cli": "--label-column source_type --positive state_funded_qatar --negative wire "
    "--axis state_wire --pole state --text-column content_original --title-column title "
    "--group-column source",
}

MAIN_METRIC = {"binary": "auc", "sentiment": "pearson", "frames": "micro_f1"}
SUMMARY_METHODS = ("framing", "lexicon", "model", "vader_naive", "majority")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.platform()}; {os.cpu_count()} cores ({cpu}){mem}"


def scorer_for(adapter: Any, lexicons_only: str | None) -> Any:
    """Default: the scorer ``framing benchmark`` uses. ``--lexicons-only DIR``: exactly the
    lexicon files in DIR (for branches where the shipped lexicons are not in place yet)."""
    from framing.axes.lexicon import load_lexicon
    from framing.benchmark.run import make_scorer
    from framing.scoring.scorer import Scorer

    if lexicons_only is None or not adapter.axes:
        return make_scorer(adapter)
    lexicons = {
        lex.id: lex for lex in map(load_lexicon, sorted(Path(lexicons_only).glob("*.yaml")))
    }
    return Scorer(lexicons=lexicons, sentiment=adapter.sentiment)


def summary_rows(name: str, result: BenchmarkResult) -> list[str]:
    lines = []
    for part in result.parts:
        metric = MAIN_METRIC.get(part.kind)
        if metric is None:
            continue
        groups = dict.fromkeys(r.group for r in part.rows)
        for group in groups:
            if group.startswith("outlet:") or "multi-sentence" in group:
                continue
            rows = {r.method: r for r in part.rows if r.group == group}
            cells = []
            for method in SUMMARY_METHODS:
                row = rows.get(method)
                if row is None:
                    cells.append("")
                elif row.status != "ok":
                    cells.append(row.status)
                else:
                    cells.append(str(row.metrics.get(metric, "")))
            n = next(iter(rows.values())).n
            label = part.name if group == "all" else f"{part.name} [{group}]"
            cells = [name, label, metric, str(n), *cells]
            lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return lines


# The README's summary: one line per check that matters most, at most 20 lines in all.
README_ROWS = (
    ("democracy-chinadaily-vs-nyt", 0, "all"),
    ("recovery-covid-rt-sputnik-presstv", 0, "all"),
    ("allsides-abp-wire-subset", 0, "all"),
    ("cn-state-media-headlines", 0, "all"),
    ("ppn-rrn-propaganda", 1, "all"),
    ("ppn-rrn-propaganda", 0, "all"),
    ("babe", 0, "all"),
    ("semeval23-t3-frames", 2, "all"),
    ("semeval23-t3-frames", 0, "all"),
    ("gvfc", 0, "all"),
    ("narrative-frames", 0, "all"),
    ("vader-groundtruth", 0, "nyt editorials"),
    ("vader-groundtruth", 0, "nyt editorials: multi-sentence texts"),
    ("vader-groundtruth", 0, "tweets"),
    ("newsmtsc", 0, "devtest_rw"),
)


def _value(row: Any, metric: str, interval: bool = False) -> str:
    if row is None:
        return ""
    if row.status != "ok":
        return row.status
    est = row.metrics.get(metric)
    if est is None or est.value is None:
        return "–"
    return str(est) if interval else f"{est.value:.3f}"


def readme_summary(results: dict[str, BenchmarkResult]) -> str:
    """A compact table for the README (every number is also in the tables below)."""
    lines = [
        "| labeled set | check | n | metric | framing | baseline |",
        "|---|---|---|---|---|---|",
    ]
    for name, index, group in README_ROWS:
        result = results.get(name)
        if result is None or index >= len(result.parts):
            continue
        part = result.parts[index]
        rows = {r.method: r for r in part.rows if r.group == group}
        if not rows:
            continue
        n = next(iter(rows.values())).n
        check = part.name if group == "all" else f"{part.name} [{group}]"
        if part.kind == "binary":
            ours = rows.get("framing")
            metric = "AUC; accuracy at 0"
            framing = f"{_value(ours, 'auc', True)}; {_value(ours, 'accuracy')}"
            base = rows["majority"]
            baseline = f"majority: {_value(base, 'auc')}; {_value(base, 'accuracy')}"
            if "vader_naive" in rows:
                baseline = f"VADER naive AUC {_value(rows['vader_naive'], 'auc')}; " + baseline
            if rows.get("model") is not None and rows["model"].status == "ok":
                baseline = f"model only AUC {_value(rows['model'], 'auc')}; " + baseline
        elif part.kind == "frames":
            metric = "micro-F1"
            framing = _value(rows.get("model"), "micro_f1", True)
            baseline = f"majority: {_value(rows.get('majority'), 'micro_f1')}"
        else:
            metric = "Pearson r; 3-class macro-F1"
            ours = rows.get("framing")
            framing = f"{_value(ours, 'pearson', True)}; {_value(ours, 'macro_f1')}"
            naive = rows.get("vader_naive")
            baseline = (
                f"VADER naive: {_value(naive, 'pearson')}; {_value(naive, 'macro_f1')}; "
                f"majority F1 {_value(rows.get('majority'), 'macro_f1')}"
            )
        cells = [name, check, str(n), metric, framing, baseline]
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def section(name: str, command: str, result: BenchmarkResult, limit: int | None) -> str:
    env = result.environment
    out = [f"### {name}\n", f"{result.description}. Data: `{result.dataset}`.\n"]
    size = f"n = {result.n}"
    if limit is not None:
        available = result.settings["n_available"]
        size += f" (LIMITED: a seeded sample of {available}, to keep the run short)"
    out.append(f"\n`{command}` — {size}, {env['seconds']} s.\n")
    for part in result.parts:
        out.append(f"\n**{md_cell(part.name)}**\n\n")
        out.append(markdown_table(part))
        for note in part.notes:
            out.append(f"\n- {note}")
        if part.notes:
            out.append("\n")
    for note in result.notes:
        out.append(f"\n- {note}\n")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=None, help="folder of the shared labeled sets")
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", default=None, help="run only these adapters")
    parser.add_argument(
        "--lexicons-only",
        default=None,
        help="score with exactly the lexicon files in DIR (not the shipped ones)",
    )
    args = parser.parse_args()

    from framing.benchmark import default_datasets_dir

    root = Path(args.datasets) if args.datasets else default_datasets_dir()
    names = args.only or [*ADAPTERS, "generic"]
    started = time.perf_counter()
    results: list[tuple[str, str, BenchmarkResult, int | None]] = []
    common = f"--n-boot {args.n_boot} --seed {args.seed}"
    for name in names:
        t0 = time.perf_counter()
        if name == "generic":
            path = root / GENERIC["path"]
            adapter = generic_adapter(path, **GENERIC["options"])
            command = f"framing benchmark {GENERIC['path']} {GENERIC['cli']} {common}"
            label = GENERIC["name"]
        else:
            adapter = ADAPTERS[name]
            command = f"framing benchmark {name} {common}"
            label = name
        limit = LIMITS.get(name)
        if limit is not None:
            command += f" --limit {limit}"
        result = run_benchmark(
            adapter,
            datasets_dir=root,
            limit=limit,
            seed=args.seed,
            n_boot=args.n_boot,
            scorer=scorer_for(adapter, args.lexicons_only),
        )
        results.append((label, command, result, limit))
        print(f"{label}: n={result.n} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    total = time.perf_counter() - started

    env = results[0][2].environment if results else {}
    lexicons = {}
    models = {}
    for _, _, r, _ in results:
        lexicons.update(r.environment.get("lexicons", {}))
        models.update(r.environment.get("models", {}))
    argv = " ".join(["python", "benchmarks/run_all.py", *sys.argv[1:]])
    head = [
        "## Accuracy against labeled sets (`framing benchmark`)\n\n",
        f"Written by `{argv}` on {dt.date.today().isoformat()} in {total / 60:.1f} min.\n\n",
        f"- Machine: {machine()}\n",
        f"- Python {env.get('python')}, framing {env.get('framing')}; "
        + ", ".join(f"{k} {v}" for k, v in env.get("libraries", {}).items())
        + "\n",
        "- Lexicons: "
        + (", ".join(f"{k} {v}" for k, v in lexicons.items()) or "none")
        + (f" (from {args.lexicons_only}, not the shipped files)" if args.lexicons_only else "")
        + "\n",
        "- Models: " + (", ".join(f"{k} {v}" for k, v in models.items()) or "none loaded") + "\n",
        f"- Every number: 95% percentile bootstrap interval, {args.n_boot} resamples, seed "
        f"{args.seed} (stratified by class for binary checks). Binary checks call a class at "
        "threshold 0 of a score in [-1, 1]; a score of exactly 0 is no call and counts as an "
        "error (coverage = share called). Sentiment classes use VADER's ±0.05.\n",
        "- Data sets: " + str(root) + " (read in place, never copied).\n",
        "\n### Summary (main metric of each check; per-outlet rows are in the tables)\n\n",
        "| adapter | check | metric | n | " + " | ".join(SUMMARY_METHODS) + " |\n",
        "|" + "---|" * (4 + len(SUMMARY_METHODS)) + "\n",
    ]
    for label, _, result, _ in results:
        head += [line + "\n" for line in summary_rows(label, result)]
    head += [
        "\n### README summary\n\n",
        "The README's table, copied from here (framing = the shipped lexicons and models; "
        "intervals are 95% bootstrap; accuracy counts a no call as an error):\n\n",
        readme_summary({label: result for label, _, result, _ in results}),
    ]
    body = "".join(head) + "\n" + "\n".join(section(*item) for item in results)
    update_section("accuracy", body)
    payload = [r.to_dict() | {"command": c, "name": n} for n, c, r, _ in results]
    (HERE / "results.json").write_text(
        json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {HERE / 'RESULTS.md'} and results.json in {total / 60:.1f} min", file=sys.stderr)


if __name__ == "__main__":
    main()
