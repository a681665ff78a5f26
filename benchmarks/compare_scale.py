"""`framing compare --scores FILE` on a large synthetic scored file: wall time and peak memory.

    python benchmarks/compare_scale.py                          # 100,000 rows, csv/jsonl/parquet
    python benchmarks/compare_scale.py --sizes 100000 1000000 --formats csv --label flat

The file has the columns of `framing score seeds/ --format csv` (ids, outlets, the two axes
with their hits/weights/per_1k, sentiment, the 14 frame probabilities, frames, provenance)
with random values, over 20 outlets. The command is
`framing compare --scores FILE --n-boot 100 --n-perm 100 --reference <first outlet>
--format jsonl --table groups -o OUT` in a subprocess; its peak resident set size comes
from the kernel (wait4's ru_maxrss). Bytes per row = (peak at the largest size - peak at the
smallest) / (rows difference). Writes the `compare-scale` section of benchmarks/RESULTS.md,
keeping earlier rows of other sizes, formats or labels (so "before" and "after" stand side by side);
`--code DIR` runs the framing/ of another tree (the "before" rows: `git archive main framing`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import ROOT, command_line, machine_lines
from sections import read_sections, update_section

SECTION = "compare-scale"
FRAMES = ("capacity_and_resources", "crime_and_punishment", "cultural_identity", "economic",
          "external_regulation_and_reputation", "fairness_and_equality", "health_and_safety",
          "legality_constitutionality_and_jurisprudence", "morality",
          "policy_prescription_and_evaluation", "political", "public_opinion",
          "quality_of_life", "security_and_defense")  # fmt: skip
AXES = (("state_wire", "state", "wire"), ("threat_exchange", "threat", "exchange"))
OUTLETS = [f"outlet{i:02d}.example" for i in range(20)]
TYPES = ("state", "commercial", "public", "wire")


def header() -> list[str]:
    cols = ["id", "outlet", "outlet_type", "title", "date", "url", "outlet_inferred", "language",
            "n_tokens", "n_sentences"]  # fmt: skip
    for axis, neg, pos in AXES:
        cols += [axis, f"{axis}_lexicon", f"{axis}_model", f"{axis}_{neg}_hits",
                 f"{axis}_{pos}_hits", f"{axis}_{neg}_weight", f"{axis}_{pos}_weight",
                 f"{axis}_{neg}_per_1k", f"{axis}_{pos}_per_1k", f"{axis}_no_hits"]  # fmt: skip
    cols += ["sentiment_compound", "sentiment_pos_share", "sentiment_neg_share",
             "sentiment_neu_share", *(f"frame_{f}" for f in FRAMES), "frames", "origin",
             "provenance", "warning"]  # fmt: skip
    return cols


def rows(n: int, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    chunk = 10_000
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        o = rng.integers(0, len(OUTLETS), m)
        u = rng.uniform(-1, 1, (m, 8)).round(4)
        h = rng.integers(0, 30, (m, 4))
        f = rng.uniform(0, 1, (m, len(FRAMES))).round(4)
        for j in range(m):
            k = int(o[j])
            row = {"id": f"a{start + j:08d}", "outlet": OUTLETS[k],
                   "outlet_type": TYPES[k % len(TYPES)], "title": f"Title {start + j}",
                   "date": f"2025-{1 + k % 12:02d}-{1 + j % 28:02d}", "url": "",
                   "outlet_inferred": False, "language": "en", "n_tokens": 300 + j % 500,
                   "n_sentences": 20 + j % 30}  # fmt: skip
            for ai, (axis, neg, pos) in enumerate(AXES):
                nh, ph = int(h[j, 2 * ai]), int(h[j, 2 * ai + 1])
                row.update({axis: float(u[j, 3 * ai]), f"{axis}_lexicon": float(u[j, 3 * ai + 1]),
                            f"{axis}_model": float(u[j, 3 * ai + 2]), f"{axis}_{neg}_hits": nh,
                            f"{axis}_{pos}_hits": ph, f"{axis}_{neg}_weight": nh * 1.5,
                            f"{axis}_{pos}_weight": ph * 1.5, f"{axis}_{neg}_per_1k": nh * 2.5,
                            f"{axis}_{pos}_per_1k": ph * 2.5,
                            f"{axis}_no_hits": nh + ph == 0})  # fmt: skip
            pos_share = abs(float(u[j, 7])) / 2
            row.update(
                {
                    "sentiment_compound": float(u[j, 6]),
                    "sentiment_pos_share": pos_share,
                    "sentiment_neg_share": 0.5 - pos_share,
                    "sentiment_neu_share": 0.5,
                }
            )
            row.update({f"frame_{name}": float(f[j, i]) for i, name in enumerate(FRAMES)})
            row.update({"frames": "Economic;Political", "origin": "", "provenance": "",
                        "warning": ""})  # fmt: skip
            yield row


def _csv_cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v


def synthesise(path: Path, n: int) -> None:
    cols = header()
    suffix = path.suffix
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows(n):
                w.writerow([_csv_cell(r[c]) for c in cols])
    elif suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in rows(n):
                fh.write(json.dumps(r) + "\n")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        batch: list[dict] = []
        for r in rows(n):
            batch.append(r)
            if len(batch) == 50_000:
                t = pa.Table.from_pylist(batch)
                writer = writer or pq.ParquetWriter(path, t.schema)
                writer.write_table(t)
                batch = []
        if batch:
            t = pa.Table.from_pylist(batch)
            writer = writer or pq.ParquetWriter(path, t.schema)
            writer.write_table(t)
        assert writer is not None
        writer.close()


def measure(path: Path, out: Path, code: Path = ROOT) -> tuple[float, float]:
    """(seconds, peak MB) of `framing compare --scores path`."""
    cmd = [sys.executable, "-m", "framing", "compare", "--scores", str(path), "--n-boot", "100",
           "--n-perm", "100", "--reference", OUTLETS[0], "--format", "jsonl", "--table",
           "groups", "-o", str(out)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    ap.add_argument("--formats", nargs="+", default=["csv", "jsonl", "parquet"])
    ap.add_argument("--label", default="flat", help="before/after/flat, kept beside earlier rows")
    ap.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="the tree whose framing/ runs (e.g. an export of main, for 'before')",
    )
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--synthesise", nargs=2, metavar=("PATH", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.synthesise:
        synthesise(Path(args.synthesise[0]), int(args.synthesise[1]))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for fmt in args.formats:
                path = Path(tmp) / f"scores.{fmt}"
                # In a child process: a parent that built a big table would pass its peak on
                # (Linux keeps ru_maxrss across fork and exec) to every run it starts.
                subprocess.run([sys.executable, __file__, "--synthesise", str(path), str(n)],
                               check=True)  # fmt: skip
                mb = path.stat().st_size / 1e6
                seconds, peak = measure(path, Path(tmp) / "groups.jsonl", args.code)
                path.unlink()
                results.append((n, fmt, args.label, round(seconds, 1), round(peak)))
                print(f"{n:>9,} {fmt:<8} {args.label:<7} {mb:7.0f} MB file  {seconds:7.1f} s"
                      f"  peak {peak:7.0f} MB", flush=True)  # fmt: skip
                if not args.no_write:
                    write(results[-1:])  # at once: a long run killed keeps what it measured


def write(results: list[tuple[int, str, str, float, int]]) -> None:
    """Put ``results`` into the section, keeping rows of other sizes, formats or codes."""
    old = read_sections().get(SECTION, "")
    new = [f"| {n:,} | {fmt} | {label} | {s} | {p} |" for n, fmt, label, s, p in results]
    replaced = {line.rsplit(" | ", 2)[0] for line in new}  # same rows, format and code
    kept = [line for line in old.splitlines() if line.startswith("| ") and "|---" not in line
            and not line.startswith("| rows")
            and line.rsplit(" | ", 2)[0] not in replaced]  # fmt: skip
    body = [
        "## `framing compare --scores FILE` at scale (benchmarks/compare_scale.py)",
        "",
        *machine_lines(["numpy", "pyarrow"]),
        f"- Command (last run): `{command_line()}`",
        "- Each run: `framing compare --scores FILE --n-boot 100 --n-perm 100 --reference "
        "outlet00.example --format jsonl --table groups -o OUT` on a synthetic file with the "
        "columns of `framing score`, 20 outlets; peak = the subprocess's ru_maxrss. before = "
        "main before the column-oriented change (`--code` an export of it), after = the "
        "column-oriented change (every row an ArticleScore, measures kept as columns), flat = "
        "a scores file read as numbers into each group's exact moments and a seeded sample of "
        "--resample-cap 5000 (the default): memory no longer grows with the rows.",
        "",
        "| rows | format | code | seconds | peak MB |",
        "|---:|---|---|---:|---:|",
        *sorted(kept + new, key=lambda line: line),
    ]
    update_section(SECTION, "\n".join(body) + "\n")


if __name__ == "__main__":
    main()
