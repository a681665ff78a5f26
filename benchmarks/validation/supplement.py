"""Draw the exchange-side supplement of the validation set: 50 more texts, v201..v250.

The first 200 (``sample.py``) gave the coders only 4 texts on the exchange side of
``threat_exchange`` (both coders: 126-131 of 200 coded 0), too few to check the sign there.
This draws, from the same eligible pool and with the same cleaning and masking, 40 texts whose
title carries a cross-cultural-contact keyword (``EXCHANGE_TITLE``, fixed before any coding of
these texts) and 10 texts drawn at random from the rest of the pool as controls, none of them
among the first 200, shuffled together so that coders cannot tell which is which. Coders code
them blind with the same codebook; the keyword selects candidates, the codes decide.

    python benchmarks/validation/supplement.py [--datasets DIR] [--out /tmp/coding_supplement]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sample  # noqa: E402

EXCHANGE_TITLE = re.compile(
    r"\b(?:cultural (?:ties|cooperation|exchanges?|week|relations|diplomacy|centre|center)"
    r"|friendship|people[- ]to[- ]people|tourists?|tourism|exchange students?|students? abroad"
    r"|foreign (?:students|visitors|artists|films?)|festival|exhibition|expo|film week"
    r"|sister cit(?:y|ies)|goodwill|hospitality|pilgrims?|cultural heritage|museums?)\b",
    re.IGNORECASE,
)
N_EXCHANGE, N_CONTROL = 40, 10
SEED = "framing-validation-2025|supplement"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", type=Path, default=sample.DEFAULT_DATASETS)
    p.add_argument("--out", type=Path, default=Path("/tmp/coding_supplement"))
    p.add_argument("--sample-csv", type=Path, default=HERE / "sample_supplement.csv")
    args = p.parse_args(argv)
    first = {(r["dataset"], r["article_id"]) for r in csv.DictReader(
        (HERE / "sample.csv").open(encoding="utf-8"))}  # fmt: skip
    pool = [r for r in sample.build_pool(args.datasets)
            if (r["dataset"], str(r["article_id"])) not in first]  # fmt: skip
    pool.sort(key=lambda r: (r["dataset"], str(r["article_id"])))
    rng = random.Random(SEED)
    hits = [r for r in pool if EXCHANGE_TITLE.search(r["title"])]
    print(f"pool without the first 200: {len(pool)}; exchange-keyword titles: {len(hits)}")
    chosen = rng.sample(hits, min(N_EXCHANGE, len(hits)))
    rest = [r for r in pool if r not in chosen]
    controls = rng.sample(rest, N_CONTROL)
    for r in chosen:
        r["stratum"] = f"supplement_exchange_kw:{r['stratum']}"
    for r in controls:
        r["stratum"] = f"supplement_control:{r['stratum']}"
    picked = chosen + controls
    rng.shuffle(picked)
    for i, r in enumerate(picked, 201):
        r["vid"] = f"v{i:03d}"
    args.out.mkdir(parents=True, exist_ok=True)
    sample.write(picked, args.out, args.sample_csv)
    sample.report(picked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
