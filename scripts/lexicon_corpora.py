"""Labeled corpora for mining and evaluating the shipped lexicons, read by path.

Shared by ``mine_lexicon_candidates.py`` and ``evaluate_lexicons.py``. Every corpus is a
two-class contrast on one axis: label 0 is the axis' negative pole (state / threat), label 1
its positive pole (wire / exchange). Nothing here is copied into the project: the data sets
stay in ``../shared/datasets`` (or the folder passed with ``--datasets``), and only counts,
statistics and hand-curated lexicon entries leave this module.

Why these contrasts:

* ``dem``  China Daily (state) vs New York Times, all on "democracy": topic-matched.
* ``rec``  RT, Sputnik, Press TV (state) vs 22 mainstream outlets, all on COVID-19.
  ``rec_reuters`` keeps only Reuters on the mainstream side (evaluation only).
* ``cnh``  CGTN and Xinhua headlines (state) vs BBC headlines, 2022: short texts.
* ``ppn``  Russian state-backed pseudo-news titles vs mainstream Ukraine-war titles:
  titles on both sides, because the mainstream side has no bodies (length confound).
  ``ppn_vs_wire`` (evaluation only) puts PPN article bodies against Reuters/AP/Bloomberg
  bodies from ``abp``: full texts, but different data sets, topics and years.
  ``dem_vs_wire`` (evaluation only) does the same with China Daily bodies.
* ``abp``  Al Jazeera (state-funded) vs Reuters, AP, Bloomberg: a weak "state" pole.
* ``ptc``  sentences inside propaganda-technique spans (loaded language, name calling,
  doubt, ...) vs sentences with no span, same articles: the state pole's rhetoric only.
* ``sem``  SemEval-2023 articles framed Security_and_defense (not Cultural_identity) vs
  Cultural_identity (not Security_and_defense); ``sem_sd_rest`` is S&D vs every other
  article; both carry a deterministic 5-fold id for held-out evaluation.
* ``nf``   climate articles with vs without the conflict frame (conflict ~ threat).
* ``gvfc`` gun-violence headlines framed school/public-space safety vs society/culture.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: ``../shared/datasets`` beside the project root.
DEFAULT_DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"

#: Which corpora feed each axis, for mining (the evaluation adds a few variants).
MINING_CORPORA = {
    "state_wire": ("dem", "rec", "cnh", "ppn", "abp", "ptc"),
    "threat_exchange": ("sem", "nf", "gvfc"),
}

#: PTC techniques whose spans count as state-media rhetoric (Repetition and
#: Appeal_to_Authority are structural rather than lexical, so they are left out).
PTC_TECHNIQUES = frozenset(
    {
        "Loaded_Language",
        "Name_Calling,Labeling",
        "Doubt",
        "Exaggeration,Minimisation",
        "Appeal_to_fear-prejudice",
        "Flag-Waving",
        "Causal_Oversimplification",
        "Slogans",
        "Black-and-White_Fallacy",
        "Thought-terminating_Cliches",
        "Whataboutism,Straw_Men,Red_Herring",
        "Bandwagon,Reductio_ad_hitlerum",
    }
)

WIRE_OUTLETS = frozenset({"Reuters", "Associated Press", "AP Fact Check", "Bloomberg"})


@dataclass(frozen=True)
class Doc:
    """One labeled text: ``label`` 0 = negative pole, 1 = positive pole."""

    text: str
    label: int
    group: str  # outlet or sub-source, for reporting
    fold: int = 0  # deterministic 0..4, for within-corpus held-out folds


def _fold(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 5


def _jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _need(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"{path}: not found; pass --datasets DIR pointing at the datasets folder")
    return path


def load_dem(root: Path) -> list[Doc]:
    rows = _jsonl(_need(root / "democracy-chinadaily-vs-nyt" / "articles.jsonl.gz"))
    return [
        Doc(
            r["text"],
            0 if r["outlet_group"] == "state_affiliated" else 1,
            r["outlet"],
            _fold(r["source_file"]),
        )
        for r in rows
    ]


def _load_rec(root: Path, mainstream: Callable[[dict], bool]) -> list[Doc]:
    docs = []
    for r in _jsonl(_need(root / "recovery-covid-rt-sputnik-presstv" / "articles.jsonl.gz")):
        group = r["outlet_group"]
        if group.startswith("state_affiliated"):
            label = 0
        elif group == "mainstream_reliable" and mainstream(r):
            label = 1
        else:  # pro-Kremlin private outlets are not state media
            continue
        docs.append(Doc(r["text"], label, r["outlet"], _fold(r["url"] or r["text"][:200])))
    return docs


def load_rec(root: Path) -> list[Doc]:
    return _load_rec(root, lambda r: True)


def load_rec_reuters(root: Path) -> list[Doc]:
    return _load_rec(root, lambda r: r["outlet"] == "Reuters")


def load_cnh(root: Path) -> list[Doc]:
    path = _need(root / "cn-state-media-headlines" / "cn_state_vs_bbc_headlines_2022.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Doc(r["headline"], 1 if r["source"] == "bbc" else 0, r["source"], _fold(r["headline"]))
            for r in csv.DictReader(handle)
            if r["headline"]
        ]


def load_ppn(root: Path) -> list[Doc]:
    base = root / "ppn-rrn-propaganda"
    docs = [
        Doc(r["title"], 0, r["source_domain"], _fold(r["url"]))
        for r in _jsonl(_need(base / "ppn_en_articles.jsonl"))
        if r.get("title")
    ]
    with open(_need(base / "regular_ukraine_EN_titles.csv"), encoding="utf-8", newline="") as h:
        docs += [
            Doc(r["title"], 1, r["source_domain"], _fold(r["url"]))
            for r in csv.DictReader(h)
            if r["title"]
        ]
    return docs


def _abp_rows(root: Path) -> Iterator[dict]:
    return _jsonl(_need(root / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz"))


def load_abp(root: Path) -> list[Doc]:
    docs = []
    for r in _abp_rows(root):
        if r["source"] in WIRE_OUTLETS:
            label = 1
        elif r["source"] == "Al Jazeera":
            label = 0
        else:
            continue
        docs.append(Doc(r["content_original"], label, r["source"], _fold(r["ID"])))
    return docs


def load_dem_vs_wire(root: Path) -> list[Doc]:
    docs = [d for d in load_dem(root) if d.label == 0]
    return docs + [d for d in load_abp(root) if d.label == 1]


def load_ppn_vs_wire(root: Path) -> list[Doc]:
    docs = [
        Doc(r["maintext"], 0, r["source_domain"], _fold(r["url"]))
        for r in _jsonl(_need(root / "ppn-rrn-propaganda" / "ppn_en_articles.jsonl"))
        if r.get("maintext")
    ]
    docs += [
        Doc(r["content_original"], 1, r["source"], _fold(r["ID"]))
        for r in _abp_rows(root)
        if r["source"] in WIRE_OUTLETS
    ]
    return docs


_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘A-Z0-9])|\n+")


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENT_END.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def load_ptc(root: Path) -> list[Doc]:
    base = root / "ptc-semeval20-t11"
    spans: dict[str, list[tuple[int, int]]] = {}
    with open(_need(base / "train-task2-TC.labels"), encoding="utf-8") as handle:
        for line in handle:
            art, technique, first, last = line.rstrip("\n").split("\t")
            if technique in PTC_TECHNIQUES:
                spans.setdefault(art, []).append((int(first), int(last)))
    docs = []
    for path in sorted((base / "train-articles").glob("article*.txt")):
        art = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        marked = spans.get(art, [])
        for start, end in _sentence_spans(text):
            sentence = text[start:end].strip()
            if len(sentence) < 20:
                continue
            hit = any(s < end and e > start for s, e in marked)
            docs.append(Doc(sentence, 0 if hit else 1, art, _fold(art)))
    return docs


def _semeval(root: Path) -> Iterator[tuple[str, set[str], str]]:
    base = root / "semeval23-t3-frames"
    with open(_need(base / "train-labels-subtask-2.txt"), encoding="utf-8") as handle:
        for line in handle:
            art, frames = line.rstrip("\n").split("\t")
            path = base / "train-articles" / f"article{art}.txt"
            if path.exists():
                yield art, set(frames.split(",")), path.read_text(encoding="utf-8")


def load_sem(root: Path) -> list[Doc]:
    docs = []
    for art, frames, text in _semeval(root):
        sd, ci = "Security_and_defense" in frames, "Cultural_identity" in frames
        if sd != ci:
            docs.append(Doc(text, 0 if sd else 1, "semeval", _fold(art)))
    return docs


def load_sem_sd_rest(root: Path) -> list[Doc]:
    return [
        Doc(text, 0 if "Security_and_defense" in frames else 1, "semeval", _fold(art))
        for art, frames, text in _semeval(root)
    ]


def load_nf(root: Path) -> list[Doc]:
    path = _need(root / "narrative-frames" / "articles_metadata.tsv")
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Doc(r["text"], 0 if r["CO"] == "True" else 1, r["source"], _fold(r["ID"]))
            for r in csv.DictReader(handle, delimiter="\t")
            if r["CO"] in ("True", "False") and r["text"]
        ]


def load_gvfc(root: Path) -> list[Doc]:
    path = _need(root / "gvfc" / "GVFC_headlines_and_annotations.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            Doc(r["news_title"], 0 if r["Q3 Theme1"] == "5" else 1, "gvfc", _fold(r["news_title"]))
            for r in csv.DictReader(handle)
            if r["Q3 Theme1"] in ("5", "8") and r["news_title"]
        ]


LOADERS: dict[str, Callable[[Path], list[Doc]]] = {
    "dem": load_dem,
    "rec": load_rec,
    "rec_reuters": load_rec_reuters,
    "cnh": load_cnh,
    "ppn": load_ppn,
    "ppn_vs_wire": load_ppn_vs_wire,
    "dem_vs_wire": load_dem_vs_wire,
    "abp": load_abp,
    "ptc": load_ptc,
    "sem": load_sem,
    "sem_sd_rest": load_sem_sd_rest,
    "nf": load_nf,
    "gvfc": load_gvfc,
}


def load(name: str, root: Path) -> list[Doc]:
    """Load corpus ``name`` from the datasets folder ``root``."""
    if name not in LOADERS:
        raise SystemExit(f"Unknown corpus {name!r}. Available: {', '.join(sorted(LOADERS))}")
    return LOADERS[name](root)
