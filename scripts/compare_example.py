"""The README's comparison example: state media vs a wire service on one topic, with a report.

Builds a JSONL corpus in a temporary folder from the ReCOVery COVID-19 set in
``../shared/datasets`` (read by path, never copied into the project): Russian and Iranian
state outlets (RT, Sputnik, Press TV) as ``state``, Reuters as ``wire``, the other mainstream
outlets as ``mainstream`` (the pro-Kremlin private site is left out). Then runs

    framing compare corpus.jsonl --by outlet_type --reference wire --seed 0 --report report.html

prints its table, with ``--screenshot PNG`` renders the report in headless chromium
(1366 px wide: the first screen), and with ``--readme`` puts the group table and the primary
contrasts of ``state - wire`` into README.md's ``compare-example`` block.

    PYTHONPATH=. python scripts/compare_example.py [DATASETS] [--per-group 150]
        [--report report.html] [--screenshot docs/compare-report.png] [--readme]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "datasets"
GROUPS = {
    "state_affiliated_russia": "state",
    "state_affiliated_iran": "state",
    "mainstream_reliable": "mainstream",
}


def build_corpus(datasets: Path, out: Path, per_group: int, seed: int) -> dict[str, int]:
    path = datasets / "recovery-covid-rt-sputnik-presstv" / "articles.jsonl.gz"
    if not path.is_file():
        sys.exit(f"{path} not found: pass the datasets folder as the first argument")
    by_group: dict[str, list[dict]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            row = json.loads(line)
            group = "wire" if row["outlet"] == "Reuters" else GROUPS.get(row["outlet_group"])
            if group and row.get("text"):
                by_group.setdefault(group, []).append(
                    {"id": f"recovery-{i}", "text": row["text"], "title": row.get("title") or "",
                     "outlet": row["outlet"], "outlet_type": group, "date": row.get("date") or ""}
                )  # fmt: skip
    rng = random.Random(seed)
    counts = {}
    with out.open("w", encoding="utf-8") as fh:
        for group, rows in sorted(by_group.items()):
            picked = rng.sample(rows, min(per_group, len(rows)))
            counts[group] = len(picked)
            for row in picked:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return counts


def screenshot(report: Path, png: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium not installed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", "--window-size=1366,1150",
             "--hide-scrollbars", f"--screenshot={png}", report.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def _realign(rows: list[str]) -> list[str]:
    """Re-pad a slice of a plain table (its columns sized for rows that were dropped)."""
    import re

    starts = [m.start() for m in re.finditer(r"(?:^|(?<=  ))\S", rows[0])]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    cells = [[row[a:b].strip() for a, b in bounds] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(starts))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]


def readme_block(output: str, args: argparse.Namespace) -> str:
    """The group table and the primary ``state - wire`` contrasts of the printed output."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("outlet_type "))
    end = lines.index("", start)
    groups = [lines[start], *lines[start + 2 : end]]  # header and rows, without the dashes
    head = next(i for i, line in enumerate(lines) if line.startswith("measure "))
    kept = [lines[head]] + [
        line for line in lines[head + 2 :] if " primary " in line and " state - wire " in line
    ]
    contrasts = _realign(kept)
    shot = f" --screenshot {args.screenshot}" if args.screenshot else ""
    return "\n".join(
        ["```console", f"$ python scripts/compare_example.py{shot} --readme",
         "$ framing compare corpus.jsonl --by outlet_type --reference wire --seed 0 --report"
         " report.html",
         "(output trimmed: the frame table, the secondary family and mainstream - wire are"
         " left out)",
         *(line.rstrip() for line in groups), "", *(line.rstrip() for line in contrasts), "```"]
    )  # fmt: skip


def update_readme(output: str, args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from regenerate_readme import replace_block

    readme = ROOT / "README.md"
    text = replace_block(readme.read_text(encoding="utf-8"), "compare-example",
                         readme_block(output, args))  # fmt: skip
    readme.write_text(text, encoding="utf-8")
    print("wrote README.md (compare-example)", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datasets", nargs="?", default=str(DEFAULT))
    parser.add_argument("--per-group", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", default="report.html")
    parser.add_argument("--screenshot", default=None, help="PNG of the report (needs chromium)")
    parser.add_argument("--readme", action="store_true", help="rewrite README's example block")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        counts = build_corpus(Path(args.datasets), corpus, args.per_group, args.seed)
        print("corpus:", ", ".join(f"{g} {n}" for g, n in counts.items()), file=sys.stderr)
        command = [sys.executable, "-m", "framing", "compare", str(corpus), "--by",
                   "outlet_type", "--reference", "wire", "--seed", str(args.seed), "--report",
                   args.report]  # fmt: skip
        print("$ framing " + " ".join(command[3:]), file=sys.stderr)
        run = subprocess.run(command, check=True, capture_output=True, text=True)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
    if args.readme:
        update_readme(run.stdout, args)
    if args.screenshot:
        screenshot(Path(args.report), Path(args.screenshot))
        print(f"screenshot: {args.screenshot}", file=sys.stderr)


if __name__ == "__main__":
    main()
