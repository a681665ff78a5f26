"""The README's comparison example: state media vs a wire service on one topic, with a report.

Builds a JSONL corpus in a temporary folder from the ReCOVery COVID-19 set in
``../shared/datasets`` (read by path, never copied into the project): Russian and Iranian
state outlets (RT, Sputnik, Press TV) as ``state``, Reuters as ``wire``, the other mainstream
outlets as ``mainstream`` (the pro-Kremlin private site is left out). Then runs

    framing compare corpus.jsonl --by outlet_type --reference wire --seed 0 --report report.html

prints its table, and with ``--screenshot PNG`` renders the report in headless chromium.

    PYTHONPATH=. python scripts/compare_example.py [DATASETS] [--per-group 150]
        [--report report.html] [--screenshot docs/compare-report.png]
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
             "--disable-sync", f"--user-data-dir={profile}", "--window-size=1200,1500",
             "--hide-scrollbars", f"--screenshot={png}", report.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datasets", nargs="?", default=str(DEFAULT))
    parser.add_argument("--per-group", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", default="report.html")
    parser.add_argument("--screenshot", default=None, help="PNG of the report (needs chromium)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        counts = build_corpus(Path(args.datasets), corpus, args.per_group, args.seed)
        print("corpus:", ", ".join(f"{g} {n}" for g, n in counts.items()), file=sys.stderr)
        command = [sys.executable, "-m", "framing", "compare", str(corpus), "--by",
                   "outlet_type", "--reference", "wire", "--seed", str(args.seed), "--report",
                   args.report]  # fmt: skip
        print("$ framing " + " ".join(command[3:]), file=sys.stderr)
        subprocess.run(command, check=True)
    if args.screenshot:
        screenshot(Path(args.report), Path(args.screenshot))
        print(f"screenshot: {args.screenshot}", file=sys.stderr)


if __name__ == "__main__":
    main()
