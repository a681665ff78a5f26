"""Readers for the shared labeled sets: each turns a set's files into ``Article`` records whose
``meta`` holds the labels, and the label mappings they apply (frames recast to the Policy
Frames, sentiment scales to -1..+1). ``adapters`` registers them with their checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framing.benchmark import loaders
from framing.records import Article


def article(key: Any, text: Any, **fields: Any) -> Article:
    core = {k: fields.pop(k) for k in ("title", "outlet", "outlet_type", "date") if k in fields}
    core = {k: "" if v is None else str(v) for k, v in core.items()}
    return Article(id=str(key), text="" if text is None else str(text), **core, meta=fields)


def truthy(value: Any) -> bool:
    return str(value).strip().lower().startswith("true")


# --- state_wire sets ------------------------------------------------------------------------


def read_outlet_articles(folder: Path) -> list[Article]:
    """democracy-chinadaily-vs-nyt and ReCOVery share one record layout (outlet_group labels)."""
    ds = loaders.load_file(folder / "articles.jsonl.gz")
    return [
        article(
            i,
            r["text"],
            title=r["title"],
            outlet=r["outlet"],
            date=r["date"],
            group=r["outlet_group"],
        )
        for i, r in enumerate(ds)
    ]


def read_cn(folder: Path) -> list[Article]:
    ds = loaders.load_file(folder / "cn_state_vs_bbc_headlines_2022.csv")
    return [
        article(i, r["headline"], outlet=r["source"], group=r["source_type"])
        for i, r in enumerate(ds)
    ]


def read_ppn(folder: Path) -> list[Article]:
    """Propaganda articles (long), their titles (short), mainstream headlines (both parts)."""
    state = loaders.load_file(folder / "ppn_en_articles.jsonl")
    mainstream = loaders.load_file(folder / "regular_ukraine_EN_titles.csv")
    out = []
    for i, r in enumerate(state):
        common = {"outlet": r["source_domain"], "group": "state", "date": r["date_publish"]}
        out.append(
            article(f"a{i}", r["maintext"], title=r["title"], long=True, short=False, **common)
        )
        out.append(article(f"t{i}", r["title"], long=False, short=True, **common))
    for i, r in enumerate(mainstream):
        out.append(
            article(
                f"m{i}",
                r["title"],
                outlet=r["source_domain"],
                date=r["date_publish"],
                group="mainstream",
                long=True,
                short=True,
            )
        )
    return out


def read_allsides(folder: Path) -> list[Article]:
    ds = loaders.load_file(folder / "abp_wire_bbc_aljazeera.jsonl.gz")
    return [
        article(
            i,
            r["content_original"],
            title=r["title"],
            outlet=r["source"],
            date=r["date"],
            group=r["source_type"],
            topic=r["topic"],
        )
        for i, r in enumerate(ds)
    ]


# --- frames sets -----------------------------------------------------------------------------

SEMEVAL_FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)


def read_semeval(folder: Path) -> list[Article]:
    ds = loaders.load_folder(
        folder / "train-articles",
        folder / "train-labels-subtask-2.txt",
        id_pattern=r"article(\d+)",
        builder="csv",
        column_names=["id", "frames"],
        sep="\t",
    )
    out = []
    for r in ds:
        frames = tuple(f.strip() for f in str(r["frames"] or "").split(",") if f.strip())
        sec, cul = "Security_and_defense" in frames, "Cultural_identity" in frames
        pair = "security" if sec and not cul else "cultural" if cul and not sec else ""
        title, _, body = r["text"].partition("\n")
        out.append(article(r["id"], body.strip(), title=title.strip(), frames=frames, pair=pair))
    return out


GVFC_THEMES = {
    "1": "gun/2nd amendment rights",
    "2": "gun control",
    "3": "politics",
    "4": "mental health",
    "5": "school/public space safety",
    "6": "race/ethnicity",
    "7": "public opinion",
    "8": "society/culture",
    "9": "economic consequences",
}
GVFC_TO_MFC = {
    "gun/2nd amendment rights": "Legality_Constitutionality_and_jurisprudence",
    "gun control": "Policy_prescription_and_evaluation",
    "politics": "Political",
    "mental health": "Health_and_safety",
    "school/public space safety": "Security_and_defense",
    "race/ethnicity": "Fairness_and_equality",
    "public opinion": "Public_opinion",
    "society/culture": "Cultural_identity",
    "economic consequences": "Economic",
}


def read_gvfc(folder: Path) -> list[Article]:
    ds = loaders.load_file(folder / "GVFC_extension_multimodal.csv")
    out = []
    for i, r in enumerate(ds):
        themes = {
            GVFC_THEMES[str(r[k])] for k in ("Q3 Theme1", "Q3 Theme2") if str(r[k]) in GVFC_THEMES
        }
        out.append(
            article(
                i,
                r["lead_3_sentences_summary_of_full_article_text"],
                title=r["headline"],
                theme=GVFC_THEMES.get(str(r["Q3 Theme1"]), ""),
                themes=tuple(sorted(themes)),
            )
        )
    return out


NARRATIVE_FRAMES = {
    "CO": "conflict",
    "HI": "human interest",
    "MO": "moral",
    "EC": "economic",
    "RE": "resolution",
}
NARRATIVE_TO_MFC = {
    "economic": "Economic",
    "moral": "Morality",
    "resolution": "Policy_prescription_and_evaluation",
}


def read_narrative(folder: Path) -> list[Article]:
    ds = loaders.load_file(folder / "articles_metadata.tsv")
    out = []
    for r in ds:
        if r["CO"] is None:  # one unlabelled article
            continue
        frames = tuple(name for key, name in NARRATIVE_FRAMES.items() if truthy(r[key]))
        out.append(
            article(
                r["ID"],
                r["text"],
                outlet=r["source"],
                conflict="yes" if "conflict" in frames else "no",
                frames=frames,
            )
        )
    return out


# --- sentiment sets ---------------------------------------------------------------------------

VADER_FILES = {
    "nyt editorials": "nytEditorialSnippets_GroundTruth.txt",
    "tweets": "tweets_GroundTruth.txt",
    "movie reviews": "movieReviewSnippets_GroundTruth.txt",
    "amazon reviews": "amazonReviewSnippets_GroundTruth.txt",
}


def read_vader(folder: Path) -> list[Article]:
    out = []
    for domain, file in VADER_FILES.items():
        ds = loaders.load_file(
            folder / file,
            builder="csv",
            sep="\t",
            quoting=3,
            column_names=["id", "rating", "text"],
            encoding="latin-1",
        )
        out += [
            article(f"{domain}:{r['id']}", r["text"], domain=domain, rating=float(r["rating"]))
            for r in ds
        ]
    return out


NEWSMTSC_POLARITY = {2.0: -1.0, 4.0: 0.0, 6.0: 1.0}


def read_newsmtsc(folder: Path) -> list[Article]:
    out = []
    for split in ("devtest_rw", "devtest_mt"):
        for r in loaders.load_file(folder / f"{split}.jsonl"):
            polarities = {NEWSMTSC_POLARITY[t["polarity"]] for t in r["targets"]}
            if len(polarities) != 1:  # targets disagree: no single sentence label
                continue
            out.append(
                article(
                    r["primary_gid"],
                    r["sentence_normalized"],
                    split=split,
                    polarity=polarities.pop(),
                )
            )
    return out


def read_babe(folder: Path) -> list[Article]:
    ds = loaders.load_file(folder / "final_labels_SG2.csv", sep=";", encoding="utf-8-sig")
    return [
        article(
            i,
            r["text"],
            outlet=r["outlet"],
            bias=r["label_bias"],
            opinion=r["label_opinion"],
            leaning=r["type"],
        )
        for i, r in enumerate(ds)
    ]
