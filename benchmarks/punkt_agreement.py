"""Punkt agreement: framing's ported sentence splitter against NLTK's Punkt, on real articles.

    python benchmarks/punkt_agreement.py                  # every article of the shared sets
    python benchmarks/punkt_agreement.py --per-set 500 --no-write

Both splitters get the shipped abbreviations (``framing/data/abbreviations.txt``) and no
other parameters. They are compared two ways: on every line of every article, the way
``framing.text.split_sentences`` calls Punkt (line breaks are hard breaks, zero-width
characters removed first), and on each whole article text as it is stored (line breaks
inside the text reach Punkt, which the first way never sends). A unit counts as agreeing
when the two give the same list of sentence spans; a sentence counts as agreeing when the
other splitter has the same span. Writes its own section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _corpus import ARTICLE_SETS, load_pool
from _results import DEFAULT_DATASETS, command_line, machine_lines

SECTION = "punkt"


def nltk_splitter(abbreviations: frozenset[str]):
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return PunktSentenceTokenizer(params)


def compare(units: list[str], ours, theirs) -> dict[str, object]:
    """Spans of both splitters on each unit; counts, timings and the first disagreements."""
    same_units = sentences = same_sentences = 0
    their_time = our_time = 0.0
    examples: list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]] = []
    for unit in units:
        start = time.perf_counter()
        expected = list(theirs.span_tokenize(unit))
        their_time += time.perf_counter() - start
        start = time.perf_counter()
        got = list(ours.span_tokenize(unit))
        our_time += time.perf_counter() - start
        sentences += len(expected)
        if got == expected:
            same_units += 1
            same_sentences += len(expected)
        else:
            same_sentences += len(set(got) & set(expected))
            if len(examples) < 5:
                examples.append((unit, expected, got))
    return {
        "units": len(units),
        "same_units": same_units,
        "sentences": sentences,
        "same_sentences": same_sentences,
        "nltk_s": their_time,
        "port_s": our_time,
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--per-set", type=int, default=0, help="articles per set (0: all)")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args()

    from framing.data import abbreviations
    from framing.text import _LINE_BREAK, strip_invisible
    from framing.vendor.punkt import PunktSplitter

    pool = load_pool(args.datasets, args.per_set)
    if not pool:
        raise SystemExit(f"{args.datasets}: none of the article sets found; pass --datasets PATH")
    texts = [a["text"] for a in pool]
    lines = [
        line for text in texts for line in _LINE_BREAK.split(strip_invisible(text).strip()) if line
    ]
    ours, theirs = PunktSplitter(abbreviations()), nltk_splitter(abbreviations())
    by_line = compare(lines, ours, theirs)
    by_text = compare(texts, ours, theirs)

    out = [
        "## Punkt agreement (`benchmarks/punkt_agreement.py`)\n",
        *machine_lines(["nltk", "regex"]),
        f"- Command: `{command_line()}`",
        f"- Articles: {len(pool):,} from {', '.join(rel.split('/')[0] for rel, *_ in ARTICLE_SETS)}"
        f" (`{args.datasets}`, read in place)\n",
        "framing's splitter (`framing.vendor.punkt`, a port of NLTK's Punkt boundary code) "
        "against NLTK's `PunktSentenceTokenizer`, both with the shipped abbreviations and no "
        "other parameters. Agreement: the same sentence spans.\n",
        "| input unit | units | same spans | sentences (NLTK) | same sentences | NLTK s | port s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, r in (("line (as `split_sentences` calls it)", by_line), ("whole article", by_text)):
        out.append(
            f"| {label} | {r['units']:,} | {r['same_units']:,} "
            f"({r['same_units'] / r['units']:.4%}) | {r['sentences']:,} | "
            f"{r['same_sentences']:,} ({r['same_sentences'] / r['sentences']:.4%}) | "
            f"{r['nltk_s']:.1f} | {r['port_s']:.1f} |"
        )
    disagreements = [*by_line["examples"], *by_text["examples"]]
    out.append("")
    if disagreements:
        out.append("First disagreements (unit, NLTK spans, port spans):\n")
        for unit, expected, got in disagreements[:5]:
            out.append(f"- `{unit[:200]!r}`: {expected} vs {got}")
    else:
        out.append("No disagreement.")
    body = "\n".join(out) + "\n"
    print(body)
    if not args.no_write:
        from sections import update_section

        update_section(SECTION, body)


if __name__ == "__main__":
    main()
