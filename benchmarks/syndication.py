"""Syndication detection at scale: time and peak memory when most articles are reprints.

A wire story reprinted thousands of times is the worst case for near-duplicate detection:
every copy shares LSH buckets with every other. The corpus is synthetic and deterministic:
four wire stories written like real ones (a few paragraphs each), reprinted with the edits
outlets make (another dateline credit, the last paragraphs cut, about 3 words in 100 changed),
plus 10% independent articles. Each size runs in a fresh process, so its peak RSS is its own.

At the largest size computing the signatures alone (shingles, specifics, two MinHashes per
article) would take most of the time budget, so ``--link-only N`` feeds the linking stage
the signatures of ``N`` distinct articles over and over (exact reprints); the signature cost
is linear and is measured at the smaller sizes.

    python benchmarks/syndication.py                 # 2,000 and 20,000 full; 200,000 linking
    python benchmarks/syndication.py --sizes 2000 --no-write
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SECTION = "syndication"

STORIES = [
    "WASHINGTON (AP) — The House voted 352-65 on Wednesday to pass a bill that would ban "
    "TikTok in the United States unless its Chinese owner, ByteDance, sells the app within "
    "six months. Lawmakers in both parties said the platform's ties to Beijing posed a "
    "national security risk.\n\nThe measure now goes to the Senate, where its future is "
    "unclear. Senate Majority Leader Chuck Schumer said his chamber would review it. "
    "President Joe Biden has said he would sign it.\n\nTikTok's chief executive, Shou Zi "
    "Chew, urged the app's 170 million American users to call their representatives. "
    '"This legislation has a predetermined outcome: a total ban," he said in a video.\n\n'
    "The company says it has spent more than $1.5 billion on Project Texas, a plan to store "
    "American user data on servers run by Oracle in Austin.",
    "BRUSSELS (Reuters) — European Union governments agreed on Thursday to cut their gas "
    "use by 15% over the winter, a compromise struck after Hungary and Poland objected to "
    "binding targets. Energy ministers meeting in Brussels said the plan would help the bloc "
    "cope if Russia halts supplies.\n\nGermany, which imported 55% of its gas from Russia "
    "before the invasion of Ukraine, pushed hardest for the deal. Economy Minister Robert "
    "Habeck called it a signal of unity.\n\nSpain and Portugal won exemptions because their "
    "networks are poorly linked to the rest of Europe. The European Commission will review "
    "the measure in May 2023.\n\nGas prices at the Dutch TTF hub rose 4% to 201 euros per "
    "megawatt hour after the announcement.",
    "NAIROBI, Kenya (AP) — Floods have killed at least 38 people in Kenya's capital after "
    "heavy overnight rains, the government said on Wednesday, as rivers burst their banks "
    "and swept through informal settlements.\n\nInterior Minister Kithure Kindiki said more "
    "than 13,000 households had been displaced in Nairobi alone. Police spokeswoman Resila "
    "Onyango said rescue teams were still searching for people missing in Mathare.\n\nThe "
    "Kenya Meteorological Department warned that the rains would continue through May. "
    "Schools in 11 counties will stay closed for another week, Education Minister Ezekiel "
    "Machogu said.\n\nThe Red Cross said it had evacuated 2,100 people by boat.",
    "TOKYO (Reuters) — Toyota Motor Corp said on Tuesday its operating profit rose 96% in "
    "the April-June quarter to 2.6 trillion yen, beating forecasts as a weaker yen and strong "
    "hybrid sales lifted earnings.\n\nThe world's biggest automaker by sales kept its full-year "
    "forecast of 5.3 trillion yen. Chief Financial Officer Yoichi Miyazaki told reporters "
    "demand for hybrids in North America remained strong.\n\nShares of Toyota closed 2.1% "
    "higher in Tokyo before the results. Rival Honda Motor Co reports on Thursday.\n\nToyota "
    "sold 2.4 million vehicles in the quarter, including Daihatsu and Hino.",
]
CREDITS = ["AP", "Reuters", "Staff and wire reports", "The Associated Press", "Wire"]
FILLER = (  # noqa: SIM905
    "about after again against also among around because before between both city council "
    "country court data during early economy every family federal first former general "
    "government group health high house however including industry issue large later local "
    "market members million month national never news officials often people plan police "
    "policy power program public report research school service several should since small "
    "support system than their there those through today under until week while would year"
).split()


def corpus(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` (id, text): 90% reprints of ``STORIES`` with small edits, 10% independent."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        if k % 10 == 9:  # an independent article: its own words, names and figures
            sentences = []
            for _ in range(rng.randint(8, 16)):
                words = rng.choices(FILLER, k=rng.randint(10, 20))
                words.insert(rng.randint(1, len(words)), rng.choice("ABCDEFGHIJKLMNOP") + "ora")
                words.insert(rng.randint(1, len(words)), str(rng.randint(10, 99999)))
                sentences.append(" ".join(words).capitalize() + ".")
            out.append((f"other-{k}", " ".join(sentences)))
            continue
        story = STORIES[k % len(STORIES)]
        paragraphs = story.split("\n\n")
        paragraphs = paragraphs[: len(paragraphs) - rng.randint(0, 2)]  # cut from the end
        words = "\n\n".join(paragraphs).split(" ")
        for _ in range(max(1, len(words) * 3 // 100)):  # about 3 words in 100 changed
            words[rng.randrange(len(words))] = rng.choice(FILLER)
        text = " ".join(words)
        credit = rng.choice(CREDITS)
        out.append((f"copy-{k}", f"{text}\n\n{credit} contributed to this report."))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n: int, link_only: int, implementation: str) -> dict[str, float]:
    """In this process: build the corpus, detect, report time and peak RSS."""
    if implementation == "before":
        import importlib.util

        spec = importlib.util.spec_from_file_location("syndication_before", HERE / ".before.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["syndication_before"] = module
        spec.loader.exec_module(module)
        detector_cls, signature = module.SyndicationDetector, module.signature
    else:
        from framing.comparison.syndication import SyndicationDetector as detector_cls
        from framing.comparison.syndication import signature
    docs = corpus(link_only or n)
    base_rss = peak_rss_mb()
    detector = detector_cls()
    signing = linking = 0.0
    pool = []  # --link-only: the distinct signatures, fed over and over
    for k in range(n):
        t0 = time.perf_counter()
        if k < len(docs):
            sig = signature(*docs[k])
            if link_only:
                pool.append(sig)
        else:
            sig = pool[k % len(pool)]
        t1 = time.perf_counter()
        detector.add_signature(sig)
        signing, linking = signing + t1 - t0, linking + time.perf_counter() - t1
    t1 = time.perf_counter()
    clusters = detector.clusters()
    linking += time.perf_counter() - t1
    sizes = sorted((len(c.ids) for c in clusters), reverse=True)
    return {
        "n": n,
        "distinct": len(docs),
        "signatures_s": signing,
        "linking_s": linking,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_mb": base_rss,
        "clusters": len(clusters),
        "largest": sizes[0] if sizes else 0,
        "in_clusters": sum(sizes),
    }


def measure(n: int, link_only: int, implementation: str = "after") -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", str(n), str(link_only), implementation]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def section(rows: list[dict[str, float]], before: dict[str, float] | None) -> str:
    sys.path.insert(0, str(HERE))
    from _results import command_line, machine_lines

    lines = [
        "## Syndication at scale (`benchmarks/syndication.py`)",
        "",
        *machine_lines(["datasketch", "numpy"]),
        f"- Command: `{command_line()}`",
        "",
        "Synthetic corpus: 90% reprints of four wire stories (last paragraphs cut, ~3 words "
        "in 100 changed, another credit line), 10% independent articles. Each size in a fresh "
        "process; peak RSS includes Python, numpy, datasketch and the corpus itself.",
        "",
        "| articles | distinct texts | signatures (s) | linking (s) | peak RSS (MB) "
        "| clusters | largest | articles in clusters |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in ([before] if before else []) + rows:
        label = f"{r['n']:,}" + (" (before: all candidate pairs)" if r is before else "")
        lines.append(
            f"| {label} | {r['distinct']:,} | {r['signatures_s']:.1f} | {r['linking_s']:.1f} "
            f"| {r['peak_rss_mb']:.0f} | {r['clusters']} | {r['largest']:,} "
            f"| {r['in_clusters']:,} |"
        )
    lines += [
        "",
        "Where distinct texts is smaller than articles, the linking stage was fed those "
        "texts' signatures over and over (exact reprints), because computing 200,000 "
        "signatures takes longer than this benchmark's budget; signature time is linear "
        "(see the smaller sizes).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        n, link_only, implementation = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        print(json.dumps(run_one(n, link_only, implementation)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument(
        "--link-only", type=int, nargs=2, default=[200000, 20000], metavar=("N", "DISTINCT"),
        help="N articles from DISTINCT signatures",
    )  # fmt: skip
    parser.add_argument(
        "--before", type=int, default=2000,
        help="also run the all-pairs detector of e4afbf0 (before this change) at this size",
    )  # fmt: skip
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args()
    before = None
    if args.before:
        old = subprocess.run(
            ["git", "-C", str(HERE.parent), "show", "e4afbf0:framing/comparison/syndication.py"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        (HERE / ".before.py").write_text(old)
        try:
            before = measure(args.before, 0, "before")
        finally:
            (HERE / ".before.py").unlink()
        print(before, flush=True)
    rows = []
    for n in args.sizes:
        rows.append(measure(n, 0))
        print(rows[-1], flush=True)
    if args.link_only and args.link_only[0]:
        rows.append(measure(args.link_only[0], args.link_only[1]))
        print(rows[-1], flush=True)
    body = section(rows, before)
    print(body)
    if not args.no_write:
        from sections import update_section

        update_section(SECTION, body)


if __name__ == "__main__":
    main()
