"""Does framing's FastVader give exactly vaderSentiment's scores on real text?

Reads every text-bearing labeled set in ``../shared/datasets`` (by path; nothing is copied),
splits articles into sentences with framing's own splitter (the sentences the pipeline
feeds to VADER), and compares, for every distinct sentence, and also every distinct
paragraph (long texts exercise the rules that look far back, such as "but"), the four
scores of ``FastVader(cache_size=0).polarity_scores`` with
``SentimentIntensityAnalyzer().polarity_scores``: exact float equality, no tolerance.

    python benchmarks/vader_agreement.py [--datasets PATH] [--no-write] [--limit N]

Prints the counts per set and writes the ``vader-agreement`` section of
``benchmarks/RESULTS.md``. Exit status 1 when any text disagrees (their ids are printed,
not their text).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _results import DEFAULT_DATASETS, command_line, machine_lines
from sections import update_section

Reader = Callable[[Path], Iterator[str]]


def _jsonl(rel: str, *fields: str) -> tuple[str, Reader]:
    def read(root: Path) -> Iterator[str]:
        path = root / rel
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                for field in fields:
                    value = record.get(field)
                    if isinstance(value, str) and value.strip():
                        yield value

    return rel, read


def _table(
    rel: str, column: str | int, delimiter: str = ",", header: bool = True
) -> tuple[str, Reader]:
    def read(root: Path) -> Iterator[str]:
        csv.field_size_limit(1 << 30)
        with open(root / rel, encoding="utf-8-sig", newline="") as f:
            if header:
                for row in csv.DictReader(f, delimiter=delimiter):
                    value = row.get(str(column))
                    if value and value.strip():
                        yield value
            else:
                for fields in csv.reader(f, delimiter=delimiter, quoting=csv.QUOTE_NONE):
                    if len(fields) > int(column) and fields[int(column)].strip():
                        yield fields[int(column)]

    return rel, read


def _folder(rel: str) -> tuple[str, Reader]:
    def read(root: Path) -> Iterator[str]:
        for path in sorted((root / rel).glob("*.txt")):
            yield path.read_text(encoding="utf-8", errors="replace")

    return rel, read


SOURCES: list[tuple[str, Reader]] = [
    _jsonl("allsides-abp-wire-subset/abp_wire_bbc_aljazeera.jsonl.gz", "title", "content_original"),
    _jsonl("democracy-chinadaily-vs-nyt/articles.jsonl.gz", "title", "text"),
    _jsonl("recovery-covid-rt-sputnik-presstv/articles.jsonl.gz", "title", "text"),
    _jsonl("ppn-rrn-propaganda/ppn_en_articles.jsonl", "title", "description", "maintext"),
    _table("ppn-rrn-propaganda/regular_ukraine_EN_titles.csv", "title"),
    _table("cn-state-media-headlines/cn_state_vs_bbc_headlines_2022.csv", "headline"),
    _folder("semeval23-t3-frames/train-articles"),
    _folder("semeval23-t3-frames/dev-articles"),
    _folder("ptc-semeval20-t11/train-articles"),
    _folder("ptc-semeval20-t11/dev-articles"),
    _table("narrative-frames/articles_metadata.tsv", "text", delimiter="\t"),
    _table("gvfc/GVFC_headlines_and_annotations.csv", "news_title"),
    _table("babe/final_labels_SG1.csv", "text", delimiter=";"),
    _table("babe/final_labels_SG2.csv", "text", delimiter=";"),
    *(
        _table(f"vader-groundtruth/{name}_GroundTruth.txt", 2, delimiter="\t", header=False)
        for name in (
            "nytEditorialSnippets",
            "tweets",
            "movieReviewSnippets",
            "amazonReviewSnippets",
        )
    ),
    _jsonl("newsmtsc/train.jsonl", "sentence_normalized"),
    _jsonl("newsmtsc/devtest_mt.jsonl", "sentence_normalized"),
    _jsonl("newsmtsc/devtest_rw.jsonl", "sentence_normalized"),
]


def texts_of(document: str) -> Iterator[tuple[str, str]]:
    """(kind, text): the document's sentences, as framing splits them, and its paragraphs."""
    from framing.text import split_sentences

    for sentence in split_sentences(document):
        yield "sentence", sentence
    for paragraph in document.split("\n"):
        if paragraph.strip():
            yield "paragraph", paragraph


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--limit", type=int, default=0, help="texts read per set (0: all)")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    if not args.datasets.is_dir():
        print(f"{args.datasets}: no such folder; pass --datasets PATH", file=sys.stderr)
        return 2

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.sentiment.vader import FastVader

    reference = SentimentIntensityAnalyzer()
    fast = FastVader(cache_size=0)
    seen: set[str] = set()
    rows = []
    mismatches: list[str] = []
    started = time.perf_counter()
    for rel, read in SOURCES:
        if not (args.datasets / rel).exists():
            print(f"skip {rel}: not found", file=sys.stderr)
            continue
        counts = {"documents": 0, "sentence": 0, "paragraph": 0, "compared": 0, "mismatches": 0}
        for doc_index, document in enumerate(read(args.datasets)):
            if args.limit and doc_index >= args.limit:
                break
            counts["documents"] += 1
            for kind, text in texts_of(document):
                counts[kind] += 1
                if text in seen:
                    continue
                seen.add(text)
                counts["compared"] += 1
                if fast.polarity_scores(text) != reference.polarity_scores(text):
                    counts["mismatches"] += 1
                    mismatches.append(f"{rel} document {doc_index} ({kind})")
        rows.append((rel, counts))
        print(
            f"{rel}: {counts['documents']:,} texts, {counts['sentence']:,} sentences, "
            f"{counts['paragraph']:,} paragraphs, {counts['compared']:,} new distinct texts "
            f"compared, {counts['mismatches']} mismatches",
            flush=True,
        )
    elapsed = time.perf_counter() - started
    total = {k: sum(c[k] for _, c in rows) for k in ("documents", "sentence", "paragraph")}
    compared = sum(c["compared"] for _, c in rows)
    print(
        f"TOTAL: {total['documents']:,} texts, {total['sentence']:,} sentences and "
        f"{total['paragraph']:,} paragraphs; {compared:,} distinct texts compared; "
        f"{len(mismatches)} mismatches ({elapsed:.0f} s)"
    )
    for where in mismatches[:20]:
        print(f"MISMATCH {where}")

    if not args.no_write:
        lines = [
            "## FastVader agreement with vaderSentiment",
            "",
            f"Written by `benchmarks/vader_agreement.py`. Command: `{command_line()}`",
            "",
            *machine_lines(["vaderSentiment", "nltk"]),
            "",
            "Every distinct sentence (split by `framing.text.split_sentences`) and every",
            "distinct paragraph of each set, scored by",
            "`framing.sentiment.vader.FastVader` (no cache)",
            "and by `vaderSentiment.SentimentIntensityAnalyzer`; a mismatch is any difference",
            "in `neg`, `neu`, `pos` or `compound` (exact float equality). Texts already",
            "compared in an earlier set are not counted again. A text read is one field of",
            "one record (an article's title and body are two).",
            "",
            "| set | texts read | sentences | paragraphs | distinct texts compared | mismatches |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for rel, c in rows:
            lines.append(
                f"| {rel} | {c['documents']:,} | {c['sentence']:,} | {c['paragraph']:,} "
                f"| {c['compared']:,} | {c['mismatches']} |"
            )
        lines.append(
            f"| **total** | {total['documents']:,} | {total['sentence']:,} "
            f"| {total['paragraph']:,} | {compared:,} | {len(mismatches)} |"
        )
        lines += ["", f"Run time {elapsed:.0f} s (both implementations, one process)."]
        update_section("vader-agreement", "\n".join(lines))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
