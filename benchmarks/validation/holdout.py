"""Draw the hold-out set of the validation set: 150 more texts, v251..v400, coded blind and
never used to choose anything.

The first 250 texts (``sample.py``, ``supplement.py``) are the set that every formula,
parameter and weight of the shipped axes was chosen on (by cross-fitting). This set is drawn
after those choices and is only scored once they are fixed: it is the check that the
cross-fitted figures were not optimistic. From the same eligible pool (same cleaning and
masking), none of the first 250:

* 120 texts drawn with the quotas of ``sample.py`` (same cells, a new seed), then 120 of the
  200 kept at random (so the cells keep their proportions on average);
* 30 texts whose title carries a cross-cultural-contact keyword (``supplement.EXCHANGE_TITLE``),
  because a random draw has almost no exchange-side texts (4 of the first 200).

Shuffled together; coders cannot tell which is which.

    python benchmarks/validation/holdout.py [--datasets DIR] [--out /tmp/coding_holdout]
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
import supplement  # noqa: E402

SEED = "framing-validation-2026|holdout"
N_QUOTA, N_EXCHANGE, FIRST_VID = 120, 30, 251


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", type=Path, default=sample.DEFAULT_DATASETS)
    p.add_argument("--out", type=Path, default=Path("/tmp/coding_holdout"))
    p.add_argument("--sample-csv", type=Path, default=HERE / "sample_holdout.csv")
    args = p.parse_args(argv)
    seen = set()
    for name in ("sample.csv", "sample_supplement.csv"):
        with (HERE / name).open(encoding="utf-8") as f:
            seen |= {(r["dataset"], r["article_id"]) for r in csv.DictReader(f)}
    pool = [r for r in sample.build_pool(args.datasets)
            if (r["dataset"], str(r["article_id"])) not in seen]  # fmt: skip
    pool.sort(key=lambda r: (r["dataset"], str(r["article_id"])))
    print(f"pool without the first 250: {len(pool)}")
    sample.SEED = SEED  # the quota draw reads the module's seed
    drawn = sample.draw(pool)
    rng = random.Random(SEED)
    quota = rng.sample(drawn, N_QUOTA)
    taken = {id(r) for r in quota}
    hits = [r for r in pool if id(r) not in taken and supplement.EXCHANGE_TITLE.search(r["title"])]
    print(f"exchange-keyword titles left: {len(hits)}")
    exchange = rng.sample(hits, min(N_EXCHANGE, len(hits)))
    for r in quota:
        r["stratum"] = f"holdout_quota:{r['stratum']}"
    for r in exchange:
        r["stratum"] = f"holdout_exchange_kw:{r['stratum']}"
    picked = quota + exchange
    rng.shuffle(picked)
    for i, r in enumerate(picked, FIRST_VID):
        r["vid"] = f"v{i:03d}"
    args.out.mkdir(parents=True, exist_ok=True)
    sample.write(picked, args.out, args.sample_csv)
    sample.report(picked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
