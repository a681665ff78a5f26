"""Draw the Al Jazeera check: 40 Al Jazeera articles and 40 wire / public-broadcaster
articles of the same corpus, v401..v480, coded blind on the codebook.

The transfer matrix's worst row is Al Jazeera (state-funded) against Reuters, AP, Bloomberg
and BBC News in the allsides subset (AUC 0.624 for the shipped state_wire held out), and only
10 Al Jazeera articles were among the 400 coded before (8 + 2, all coded on the wire side).
This draw asks the coders, not the outlet label,
how Al Jazeera's articles are told: with their codes, ``tone_vs_outlet.py`` puts the coders'
own outlet-label AUC on that row beside the score's.

From the eligible pool of ``sample.py`` (same cleaning and masking), none of the 400 texts
coded before: 40 Al Jazeera, and 10 each of Reuters, Associated Press, Bloomberg and BBC
News, shuffled together (coders cannot tell which is which).

    python benchmarks/validation/aljazeera.py [--datasets DIR] [--out /tmp/coding_aljazeera]
    python benchmarks/validation/aljazeera.py --codes CODER1.csv CODER2.csv  # -> codes_aljazeera

The second form joins the two coders' filled sheets (``vid,threat_exchange,state_wire,
confidence,note``) into ``codes_aljazeera.csv`` (the columns of ``codes.csv``). The
``*_adjudicated`` columns hold the code where the coders agree and, where they do not, the
adjudicator's code from ``adjudication_aljazeera.csv`` (``vid,axis,code_a,code_b,
adjudicated,reason``; a third coder who saw the codebook, the text and both codes, never a
score or an outlet), blank while that file lacks the row. Every figure uses the mean of the
two coders, as for the other sets.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sample  # noqa: E402

SEED = "framing-validation-2026|aljazeera"
QUOTA = {"Al Jazeera": 40, "Reuters": 10, "Associated Press": 10, "Bloomberg": 10,
         "BBC News": 10}  # fmt: skip
FIRST_VID = 401
CODED = ("sample.csv", "sample_supplement.csv", "sample_holdout.csv")


AXES = ("threat_exchange", "state_wire")
ADJUDICATION = HERE / "adjudication_aljazeera.csv"


def join_codes(sheets: list[Path], out: Path, sample_csv: Path) -> None:
    """The two coders' sheets -> ``out`` in the columns of codes.csv; alpha per axis printed."""
    import numpy as np

    sys.path.insert(0, str(HERE.parents[1]))
    from framing.benchmark.validate import krippendorff_alpha

    with sample_csv.open(encoding="utf-8") as f:
        refs = {r["vid"]: r for r in csv.DictReader(f)}
    adjudicated: dict[tuple[str, str], str] = {}
    if ADJUDICATION.is_file():
        with ADJUDICATION.open(encoding="utf-8") as f:
            adjudicated = {(r["vid"], r["axis"]): r["adjudicated"] for r in csv.DictReader(f)}
    coders = []
    for path in sheets:
        with path.open(encoding="utf-8") as f:
            rows = {r["vid"]: r for r in csv.DictReader(f)}
        if set(rows) != set(refs):
            raise SystemExit(f"{path}: its vids are not {sample_csv.name}'s")
        for vid, r in rows.items():
            for axis in AXES:
                if r[axis].strip() not in {"-2", "-1", "0", "1", "2"}:
                    raise SystemExit(f"{path}: {vid}: {axis} {r[axis]!r} is not -2 .. 2")
        coders.append(rows)
    cols = ["vid", "dataset", "article_id"]
    cols += [f"{a}_coder{i}" for a in AXES for i in (1, 2)]
    cols += ["confidence_coder1", "confidence_coder2"] + [f"{a}_adjudicated" for a in AXES]
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for vid in sorted(refs):
            a, b = coders[0][vid], coders[1][vid]
            row = {
                "vid": vid,
                "dataset": refs[vid]["dataset"],
                "article_id": refs[vid]["article_id"],
                "confidence_coder1": a["confidence"],
                "confidence_coder2": b["confidence"],
            }
            for axis in AXES:
                row[f"{axis}_coder1"], row[f"{axis}_coder2"] = a[axis].strip(), b[axis].strip()
                agreed = a[axis].strip() if a[axis] == b[axis] else None
                row[f"{axis}_adjudicated"] = agreed or adjudicated.get((vid, axis), "")
            w.writerow(row)
    for axis in AXES:
        codes = np.array([[float(c[v][axis]) for v in sorted(refs)] for c in coders])
        agree = float((codes[0] == codes[1]).mean())
        print(f"{axis}: Krippendorff's alpha (ordinal) {krippendorff_alpha(codes)}, "
              f"exact agreement {agree:.2f}")  # fmt: skip
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", type=Path, default=sample.DEFAULT_DATASETS)
    p.add_argument("--out", type=Path, default=Path("/tmp/coding_aljazeera"))
    p.add_argument("--sample-csv", type=Path, default=HERE / "sample_aljazeera.csv")
    p.add_argument("--codes", type=Path, nargs=2, metavar="SHEET",
                   help="join two coders' filled sheets into codes_aljazeera.csv")  # fmt: skip
    args = p.parse_args(argv)
    if args.codes:
        join_codes(list(args.codes), HERE / "codes_aljazeera.csv", args.sample_csv)
        return 0
    seen = set()
    for name in CODED:
        with (HERE / name).open(encoding="utf-8") as f:
            seen |= {(r["dataset"], r["article_id"]) for r in csv.DictReader(f)}
    pool = [
        r
        for r in sample.build_pool(args.datasets)
        if r["dataset"] == sample.ABP and (r["dataset"], str(r["article_id"])) not in seen
    ]
    pool.sort(key=lambda r: str(r["article_id"]))
    rng = random.Random(SEED)
    picked = []
    for outlet, n in QUOTA.items():
        cands = [r for r in pool if r["outlet"] == outlet]
        print(f"{outlet}: {len(cands)} eligible, {min(n, len(cands))} drawn")
        got = rng.sample(cands, min(n, len(cands)))
        for r in got:
            r["stratum"] = f"aljazeera_check:{r['stratum']}"
        picked += got
    rng.shuffle(picked)
    for i, r in enumerate(picked, FIRST_VID):
        r["vid"] = f"v{i:03d}"
    args.out.mkdir(parents=True, exist_ok=True)
    sample.write(picked, args.out, args.sample_csv)
    sample.report(picked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
