"""Draw the human-coded validation sample: 200 real articles, stratified, masked, shuffled.

    python benchmarks/validation/sample.py                      # ../shared/datasets, /tmp/coding
    python benchmarks/validation/sample.py --datasets DIR --out DIR
    python benchmarks/validation/sample.py --check-masking      # also mask every eligible text
                                                                # and report surviving names

Deterministic (``SEED``; the standard library's ``random`` seeded with strings, which does not
depend on ``PYTHONHASHSEED``). Reads the shared data sets by path and copies nothing into the
project: it writes

* ``benchmarks/validation/sample.csv`` (next to this file; no text):
  ``vid, dataset, article_id, outlet, outlet_type, stratum, n_words``;
* ``OUT/texts/v001.txt`` ... (masked title on line 1, a blank line, the masked body),
  ``OUT/all_texts.md`` (all texts, ``=== v001 ===`` headers), ``OUT/coding_sheet.csv``
  (``vid,threat_exchange,state_wire,confidence,note``, coder columns blank).

``article_id`` re-finds the article in its data set:

=============================== ==============================================================
dataset                         article_id
=============================== ==============================================================
allsides-abp-wire-subset        the record's ``ID`` field
democracy-chinadaily-vs-nyt     the record's ``source_file`` (file name in the original repo)
recovery-covid-rt-sputnik-...   the record's ``url`` (unique in the file)
tehrantimes-iran-state          the record's ``news_id``
ppn-rrn-propaganda              the record's ``path`` (file name in the original repo)
semeval23-t3-frames             the article number of ``train-articles/article<ID>.txt``
=============================== ==============================================================

How the pool is built (in this order):

1. Records with a text from the six full-text sets above. Headline-only sets
   (cn-state-media-headlines, gvfc, babe, the ppn mainstream titles) are not read.
   ``AP Fact Check`` rows (8, a separate fact-check genre) are left out.
2. Whitespace tidied; a first de-duplication key (normalised first 300 characters of the raw
   body: lower case, runs of non-alphanumerics as one space) groups verbatim copies.
3. Site furniture removed: a line (stripped) that occurs in 8 or more distinct texts of the
   same outlet is dropped, unless it ends with ":" or "?" (section labels and subheads that
   belong to an article's format). This removes e.g. rrn.media's news ticker that the crawl
   appended to hundreds of texts, cookie notices, "Visit ... homepage" lines, recurring
   author blurbs.
4. ``framing.corpus.masking.mask`` applied to the title and the body; the body's words
   (whitespace tokens, title excluded) are ``n_words``; only 120 <= n_words <= 1,400 is kept.
5. De-duplication: the normalised first 300 characters of the cleaned, unmasked body; the
   first record in pool order (the order of ``SETS``) is kept, later copies are dropped.

Strata. Each quota in ``QUOTAS`` is a cell (dataset, outlet, stratum). Topic strata are
keyword strata on the TITLE (regular expressions below, case-insensitive, first match wins
in the order given for the set), or the data set's own labels:

* Tehran Times: ``sport_kw`` > ``culture_kw`` > ``security_kw`` > ``other``;
* China Daily / NYT (democracy) and rrn.media (ppn): ``exchange_kw`` (culture or sport
  words) > ``security_kw`` > ``other``;
* allsides wires, BBC, Al Jazeera: ``security_topic`` when the set's ``topic`` is one of
  ``SECURITY_TOPICS`` or the title matches ``security_kw``; ``coronavirus`` for that topic;
  else ``other_topic``;
* ReCOVery: ``covid`` (the whole set is COVID-19 news);
* semeval23-t3-frames (outlet unknown): ``frames:Security_and_defense``,
  ``frames:Cultural_identity``, ``frames:Security+Cultural`` from the subtask-2 labels.

Within a cell, candidates are sorted by ``article_id`` and drawn with
``random.Random(f"{SEED}|{dataset}|{outlet}|{stratum}")``; a cell with too few candidates
gives all it has and its shortfall goes to the same outlet's next listed stratum (reported).
The 200 draws are shuffled with ``random.Random(SEED)`` and numbered ``v001``..``v200``.

Standard library and ``framing.corpus.masking`` only (itself standard library; the same
masking ``framing sample`` applies), so that the sample does not depend on the scorer under
test. Texts of licensed sets are written only to ``--out`` (default
``/tmp/coding``), never into the project.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from framing.corpus.masking import leaks, mask  # standard library only

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
DEFAULT_OUT = Path("/tmp/coding")
SEED = "framing-validation-2025"
N_TOTAL = 200
MIN_WORDS, MAX_WORDS = 120, 1400
FURNITURE_MIN_TEXTS = 8

STATE = {"China Daily", "RT News", "Sputnik News", "Press TV", "Tehran Times", "rrn.media",
         "waronfakes.com"}  # fmt: skip
WIRE = {"Reuters", "Associated Press", "Bloomberg"}
SEMEVAL_OUTLET = "unknown (semeval23-t3-frames)"

# --- title keyword strata (case-insensitive; \b before each alternative) ---
SECURITY_KW = re.compile(
    r"\b(?:secur\w*|terror\w*|spy|spies|spying|espionage|militar\w*|missiles?|nuclear|weapons?|"
    r"arms|army|troops?|navy|naval|defen[cs]e|war|wars|warfare|attacks?|attacked|threat\w*|hack\w*|"
    r"cyber\w*|surveillance|intelligence|sanction\w*|bomb\w*|drones?|extremis\w*|isis|isil|daesh|"
    r"sabotage|bans?|banned|police|crime\w*|killed|shelling|conflict|hostile|enem(?:y|ies)|"
    r"propaganda|censor\w*|nato|pentagon|jihad\w*|insurgen\w*|militan\w*|coup|invasion|invade\w*|"
    r"soldiers?|border|borders|huawei|tiktok|separatis\w*|riots?|unrest|violen\w*|assassinat\w*)\b",
    re.IGNORECASE,
)
CULTURE_KW = re.compile(
    r"\b(?:cultur\w*|festival\w*|films?|filmmaker\w*|cinema\w*|movies?|music\w*|musician\w*|"
    r"concerts?|art|arts|artists?|artwork\w*|exhibition\w*|exhibit|museums?|heritage|touris\w*|"
    r"travel\w*|visitors?|books?|literature|literary|poet\w*|poetry|novel\w*|theat(?:er|re)\w*|"
    r"calligraph\w*|handicraft\w*|carpets?|friendship|exchanges?|people-to-people|students?|"
    r"universit\w*|languages?|unesco|photograph\w*|painting\w*|painters?|documentar\w*|"
    r"directors?|awards?|fair|fairs|cuisine|food|nowruz|historical|ancient|monuments?)\b",
    re.IGNORECASE,
)
SPORT_KW = re.compile(
    r"\b(?:football|soccer|futsal|wrestl\w*|volleyball|basketball|handball|olympic\w*|"
    r"paralympic\w*|world cup|asian games|championships?|league|cup|coach\w*|players?|team|"
    r"match|medals?|tournament\w*|fifa|afc|sports?|athlet\w*|taekwondo|judo|weightlift\w*|"
    r"karate|kabaddi|chess|boxing|tennis|fencing|squad|striker|goalkeeper|persepolis|esteghlal|"
    r"team melli|cycling|rowing|climb\w*|marathon|gold|silver|bronze|beat|beats|draw)\b",
    re.IGNORECASE,
)
SECURITY_TOPICS = {"national_security", "terrorism", "us_military", "north_korea", "russia",
                   "china", "middle_east", "foreign_policy", "world", "isis", "iran",
                   "defense_and_security", "cybersecurity", "nuclear_weapons", "syria",
                   "israel", "afghanistan", "iraq", "ukraine"}  # fmt: skip

# The six full-text sets, in pool order (their readers are in read_records).
SETS = [
    "allsides-abp-wire-subset",
    "democracy-chinadaily-vs-nyt",
    "recovery-covid-rt-sputnik-presstv",
    "tehrantimes-iran-state",
    "ppn-rrn-propaganda",
    "semeval23-t3-frames",
]

ABP, DEM, REC, TT, PPN, SEM = SETS
# (dataset, outlet, stratum, n): 200 in all. A cell's shortfall goes to the same outlet's
# next listed cell.
QUOTAS: list[tuple[str, str, str, int]] = [
    # state-controlled / state-affiliated (74)
    (DEM, "China Daily", "exchange_kw", 6),
    (DEM, "China Daily", "security_kw", 5),
    (DEM, "China Daily", "other", 5),
    (REC, "Sputnik News", "covid", 8),
    (REC, "RT News", "covid", 6),
    (REC, "Press TV", "covid", 6),
    (TT, "Tehran Times", "culture_kw", 9),
    (TT, "Tehran Times", "sport_kw", 5),
    (TT, "Tehran Times", "security_kw", 8),
    (TT, "Tehran Times", "other", 3),
    (PPN, "rrn.media", "exchange_kw", 2),
    (PPN, "rrn.media", "security_kw", 4),
    (PPN, "rrn.media", "other", 4),
    (PPN, "waronfakes.com", "other", 3),
    # wire (41)
    (ABP, "Reuters", "security_topic", 6),
    (ABP, "Reuters", "coronavirus", 3),
    (ABP, "Reuters", "other_topic", 5),
    (ABP, "Associated Press", "security_topic", 5),
    (ABP, "Associated Press", "coronavirus", 2),
    (ABP, "Associated Press", "other_topic", 4),
    (ABP, "Bloomberg", "security_topic", 3),
    (ABP, "Bloomberg", "coronavirus", 2),
    (ABP, "Bloomberg", "other_topic", 3),
    (REC, "Reuters", "covid", 8),
    # other mainstream / commercial / public (62)
    (DEM, "The New York Times", "exchange_kw", 4),
    (DEM, "The New York Times", "security_kw", 5),
    (DEM, "The New York Times", "other", 6),
    (ABP, "BBC News", "security_topic", 4),
    (ABP, "BBC News", "coronavirus", 2),
    (ABP, "BBC News", "other_topic", 4),
    (ABP, "Al Jazeera", "security_topic", 4),
    (ABP, "Al Jazeera", "coronavirus", 2),
    (ABP, "Al Jazeera", "other_topic", 2),
    (REC, "The New York Times", "covid", 2),
    (REC, "Chicago Sun-Times", "covid", 3),
    (REC, "National Public Radio (NPR)", "covid", 2),
    (REC, "Business Insider", "covid", 2),
    (REC, "The Verge", "covid", 2),
    (REC, "USA Today", "covid", 2),
    *[(REC, o, "covid", 1) for o in [
        "CBS News", "Politico", "CNBC", "Yahoo! News",
        "The Washington Post", "The Detroit News", "Slate", "Los Angeles Daily News",
        "ABC News", "The Mercury News", "The Atlantic", "The New Yorker", "PBS NewsHour",
        "FiveThirtyEight"]],
    # Washington Monthly has no quota: its 6 texts are USA Today copies (removed as duplicates).
    (REC, "Pravda Report", "covid", 2),
    # outlet unknown: SemEval-2023 frames (23)
    (SEM, SEMEVAL_OUTLET, "frames:Cultural_identity", 9),
    (SEM, SEMEVAL_OUTLET, "frames:Security+Cultural", 7),
    (SEM, SEMEVAL_OUTLET, "frames:Security_and_defense", 7),
]  # fmt: skip


def outlet_type(dataset: str, outlet: str) -> str:
    if dataset == SEM:
        return "unknown"
    if outlet in STATE:
        return "state"
    return "wire" if outlet in WIRE else "other"


def _jsonl(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read_records(datasets: Path):
    """Yield dicts: dataset, article_id, outlet, title, body, topic, frames (in SETS order)."""
    for r in _jsonl(datasets / ABP / "abp_wire_bbc_aljazeera.jsonl.gz"):
        if r["source"] == "AP Fact Check":
            continue
        yield dict(
            dataset=ABP,
            article_id=r["ID"],
            outlet=r["source"],
            title=r["title"] or "",
            body=r["content_original"] or "",
            topic=r.get("topic") or "",
            frames="",
        )
    for r in _jsonl(datasets / DEM / "articles.jsonl.gz"):
        yield dict(
            dataset=DEM,
            article_id=r["source_file"],
            outlet=r["outlet"],
            title=r["title"] or "",
            body=r["text"] or "",
            topic="",
            frames="",
        )
    for r in _jsonl(datasets / REC / "articles.jsonl.gz"):
        yield dict(
            dataset=REC,
            article_id=r["url"],
            outlet=r["outlet"],
            title=r["title"] or "",
            body=r["text"] or "",
            topic="",
            frames="",
        )
    for r in _jsonl(datasets / TT / "articles.jsonl.gz"):
        yield dict(
            dataset=TT,
            article_id=str(r["news_id"]),
            outlet=r["outlet"],
            title=r["title"] or "",
            body=r["text"] or "",
            topic="",
            frames="",
        )
    for r in _jsonl(datasets / PPN / "ppn_en_articles.jsonl"):
        yield dict(
            dataset=PPN,
            article_id=r["path"],
            outlet=r["source_domain"],
            title=r["title"] or "",
            body=r["maintext"] or "",
            topic="",
            frames="",
        )
    sem = datasets / SEM
    labels = {}
    for line in (sem / "train-labels-subtask-2.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            i, f = line.split("\t", 1)
            labels[i.strip()] = f.strip()
    for path in sorted((sem / "train-articles").glob("article*.txt")):
        i = path.stem[len("article") :]
        lines = path.read_text(encoding="utf-8").split("\n")
        yield dict(
            dataset=SEM,
            article_id=i,
            outlet=SEMEVAL_OUTLET,
            title=lines[0].strip(),
            body="\n".join(lines[1:]),
            topic="",
            frames=labels.get(i, ""),
        )


def tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def norm_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()[:300]


def stratum(rec: dict) -> str | None:
    d, title = rec["dataset"], rec["title"]
    if d == SEM:
        f = set(rec["frames"].split(","))
        sec, cul = "Security_and_defense" in f, "Cultural_identity" in f
        if sec and cul:
            return "frames:Security+Cultural"
        if cul:
            return "frames:Cultural_identity"
        return "frames:Security_and_defense" if sec else None
    if d == REC:
        return "covid"
    if d == ABP:
        if rec["topic"] == "coronavirus":
            return "coronavirus"
        if rec["topic"] in SECURITY_TOPICS or SECURITY_KW.search(title):
            return "security_topic"
        return "other_topic"
    if d == TT:
        for name, rx in (("sport_kw", SPORT_KW), ("culture_kw", CULTURE_KW),
                         ("security_kw", SECURITY_KW)):  # fmt: skip
            if rx.search(title):
                return name
        return "other"
    # DEM, PPN
    if CULTURE_KW.search(title) or SPORT_KW.search(title):
        return "exchange_kw"
    return "security_kw" if SECURITY_KW.search(title) else "other"


def build_pool(datasets: Path, log=print) -> list[dict]:
    """Eligible, cleaned, masked, de-duplicated records in SETS order (see the module doc)."""
    recs = []
    for r in read_records(datasets):
        r["body"] = tidy(r["body"])
        r["title"] = re.sub(r"\s+", " ", r["title"]).strip()
        if r["body"]:
            recs.append(r)
    # furniture lines: counted once per group of verbatim copies, per outlet
    seen_groups: set[tuple[str, str]] = set()
    line_texts: dict[str, Counter] = defaultdict(Counter)
    for r in recs:
        g = (r["outlet"], norm_key(r["body"]))
        if g in seen_groups:
            continue
        seen_groups.add(g)
        for line in {x.strip() for x in r["body"].split("\n") if x.strip()}:
            line_texts[r["outlet"]][line] += 1
    furniture = {
        o: {ln for ln, n in c.items() if n >= FURNITURE_MIN_TEXTS and not ln.endswith((":", "?"))}
        for o, c in line_texts.items()
    }
    log(f"records with a text: {len(recs)}; furniture lines: "
        f"{sum(len(v) for v in furniture.values())} in {sum(1 for v in furniture.values() if v)}"
        " outlets")  # fmt: skip
    pool, keys = [], set()
    dropped = Counter()
    for r in recs:
        fl = furniture.get(r["outlet"], set())
        body = "\n".join(x for x in r["body"].split("\n") if x.strip() not in fl)
        body = re.sub(r"\n{3,}", "\n\n", body).strip()
        mbody = mask(body)
        n = len(mbody.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            dropped["length"] += 1
            continue
        key = norm_key(body)
        if key in keys:
            dropped["duplicate"] += 1
            continue
        keys.add(key)
        r.update(
            clean_body=body,
            masked_title=mask(r["title"]),
            masked_body=mbody,
            n_words=n,
            stratum=stratum(r),
            outlet_type=outlet_type(r["dataset"], r["outlet"]),
        )
        if r["stratum"] is not None:
            pool.append(r)
        else:
            dropped["no stratum (semeval without the two frames)"] += 1
    log(f"eligible pool: {len(pool)}; dropped: {dict(dropped)}")
    return pool


def draw(pool: list[dict], log=print) -> list[dict]:
    assert sum(q[3] for q in QUOTAS) == N_TOTAL, sum(q[3] for q in QUOTAS)
    cells: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in pool:
        cells[(r["dataset"], r["outlet"], r["stratum"])].append(r)
    chosen: list[dict] = []
    carry: dict[tuple[str, str], int] = Counter()
    # the next listed cell of the same outlet takes a shortfall; the last cell passes it back
    order = defaultdict(list)
    for d, o, s, _ in QUOTAS:
        order[(d, o)].append(s)
    taken: set[int] = set()
    for d, o, s, n in QUOTAS:
        want = n + carry.pop((d, o), 0)
        cands = sorted((r for r in cells[(d, o, s)] if id(r) not in taken),
                       key=lambda r: r["article_id"])  # fmt: skip
        rng = random.Random(f"{SEED}|{d}|{o}|{s}")
        got = rng.sample(cands, min(want, len(cands)))
        for r in got:
            taken.add(id(r))
        chosen += got
        if len(got) < want:
            short = want - len(got)
            log(f"  shortfall: {d} / {o} / {s}: wanted {want}, had {len(cands)}; {short} moved on")
            later = order[(d, o)][order[(d, o)].index(s) + 1 :]
            if later:
                carry[(d, o)] += short
            else:  # last cell of this outlet: take from its earlier cells, in order
                for s2 in order[(d, o)]:
                    rest = sorted((r for r in cells[(d, o, s2)] if id(r) not in taken),
                                  key=lambda r: r["article_id"])  # fmt: skip
                    extra = random.Random(f"{SEED}|{d}|{o}|{s2}|extra").sample(
                        rest, min(short, len(rest))
                    )
                    for r in extra:
                        taken.add(id(r))
                    chosen += extra
                    short -= len(extra)
                    if not short:
                        break
                if short:
                    log(f"  !! {d} / {o}: {short} article(s) could not be drawn")
    random.Random(SEED).shuffle(chosen)
    for i, r in enumerate(chosen, 1):
        r["vid"] = f"v{i:03d}"
    return chosen


def coder_text(r: dict) -> str:
    """The text a coder reads: masked title (if any), a blank line, the masked body."""
    if not r["masked_title"]:
        return r["masked_body"]
    return r["masked_title"] + "\n\n" + r["masked_body"]


def write(chosen: list[dict], out: Path, sample_csv: Path) -> None:
    cols = ["vid", "dataset", "article_id", "outlet", "outlet_type", "stratum", "n_words"]
    sample_csv.parent.mkdir(parents=True, exist_ok=True)
    with sample_csv.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in chosen:
            w.writerow([r[c] for c in cols])
    (out / "texts").mkdir(parents=True, exist_ok=True)
    for old in (out / "texts").glob("v*.txt"):
        old.unlink()
    parts = []
    for r in chosen:
        t = coder_text(r)
        (out / "texts" / f"{r['vid']}.txt").write_text(t + "\n", encoding="utf-8")
        parts.append(f"=== {r['vid']} ===\n\n{t}\n")
    (out / "all_texts.md").write_text("\n".join(parts), encoding="utf-8")
    with (out / "coding_sheet.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["vid", "threat_exchange", "state_wire", "confidence", "note"])
        for r in chosen:
            w.writerow([r["vid"], "", "", "", ""])


def report(chosen: list[dict], log=print) -> None:
    def table(title, counter):
        log(f"\n{title}")
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            log(f"  {v:4d}  {k}")

    table("by outlet type", Counter(r["outlet_type"] for r in chosen))
    table("by dataset", Counter(r["dataset"] for r in chosen))
    table("by stratum", Counter(r["stratum"] for r in chosen))
    table("by outlet type x stratum", Counter(f"{r['outlet_type']:8s} {r['stratum']}"
                                              for r in chosen))  # fmt: skip
    table("by outlet", Counter(f"{r['outlet']} [{r['outlet_type']}]" for r in chosen))
    named = {r["outlet"] for r in chosen if r["dataset"] != SEM}
    log(f"\ndistinct named outlets: {len(named)}")
    nw = sorted(r["n_words"] for r in chosen)
    q = statistics.quantiles(nw, n=4)
    log(
        f"n_words: min {nw[0]}, q1 {q[0]:.0f}, median {q[1]:.0f}, q3 {q[2]:.0f}, max {nw[-1]}, "
        f"mean {statistics.mean(nw):.0f}"
    )
    bins = Counter(min(n // 200, 6) for n in nw)
    log(
        "n_words histogram: "
        + ", ".join(f"{b * 200}-{b * 200 + 199 if b < 6 else 1400}: {bins[b]}" for b in range(7))
    )


def leak_report(records: list[dict], log=print, show: int = 60) -> Counter:
    """Outlet-like names left after masking (``framing.corpus.masking.leaks``), with examples."""
    hits = Counter()
    kept = 0
    examples = []
    for r in records:
        text = coder_text(r)
        kept += len(leaks(text, kept=True))
        for name, ctx in leaks(text):
            hits[name] += 1
            if len(examples) < show:
                examples.append(f"  {r.get('vid', r['article_id'])[:40]:40s} {name!r}: ...{ctx}...")
    kept -= sum(hits.values())
    log(
        f"\nnames left after masking in {len(records)} texts: {sum(hits.values())} "
        f"(besides {kept} non-outlet uses kept on purpose: Michael Bloomberg, RT-PCR ...)"
    )
    for k, v in hits.most_common():
        log(f"  {v:5d}  {k}")
    for e in examples:
        log(e)
    return hits


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="coder materials (not committed)")
    p.add_argument("--sample-csv", type=Path, default=HERE / "sample.csv")
    p.add_argument(
        "--check-masking",
        action="store_true",
        help="also report names left in every eligible text of the pool",
    )
    a = p.parse_args(argv)
    if not a.datasets.is_dir():
        p.error(f"no datasets folder at {a.datasets}")
    pool = build_pool(a.datasets)
    avail = Counter((r["dataset"], r["outlet"], r["stratum"]) for r in pool)
    print("\navailable per quota cell (eligible after cleaning and de-duplication):")
    for d, o, s, n in QUOTAS:
        print(f"  {avail[(d, o, s)]:5d} for {n:2d}  {d} / {o} / {s}")
    chosen = draw(pool)
    write(chosen, a.out, a.sample_csv)
    report(chosen)
    leak_report(chosen)
    if a.check_masking:
        leak_report(pool, show=0)
    print(
        f"\nwrote {a.sample_csv} ({len(chosen)} rows), {a.out}/texts/v001.txt.., "
        f"{a.out}/all_texts.md, {a.out}/coding_sheet.csv"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
