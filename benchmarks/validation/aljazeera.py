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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", type=Path, default=sample.DEFAULT_DATASETS)
    p.add_argument("--out", type=Path, default=Path("/tmp/coding_aljazeera"))
    p.add_argument("--sample-csv", type=Path, default=HERE / "sample_aljazeera.csv")
    args = p.parse_args(argv)
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
