#!/usr/bin/env python
"""Propose candidate lexicon entries per pole from the labeled corpora. A human curates.

This script PROPOSES; it does not write lexicon files. Its ranked lists are raw material:
they are full of topic words, outlet names and corpus artefacts (bylines, captions, section
names), and a person keeps only entries that describe how a story is told (``state_wire``)
or how it is framed (``threat_exchange``), often generalising them (``smeared`` ->
``smear*``). The shipped ``lexicons/*.yaml`` say so in their ``sources``.

Method: for each two-class corpus (see ``lexicon_corpora.py``), word n-grams (1..3, within a
sentence, tokens as in docs/lexicon-format.md) are counted per class, and each
n-gram gets the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
2008, "Fightin' Words", eqs. 16-22), the prior being the pooled counts of both classes scaled
by ``--prior``. Its z-score is signed toward the axis' positive pole (wire / exchange).
Corpora are combined with Stouffer's method (sum of z over sqrt of the number of corpora),
and ``support`` counts the corpora where the term clears ``--support-z`` toward its pole.
A term that is strong in one corpus only is usually topic; a term with support in several
unrelated corpora is usually style, which is what the curation looks for.

Deterministic: no sampling; ties are broken by the term itself. Example::

    python scripts/mine_lexicon_candidates.py --axis state_wire --top 300 > /tmp/sw.tsv
    python scripts/mine_lexicon_candidates.py --axis state_wire --corpora dem,ptc,ppn
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexicon_corpora as lc

SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences_tokens(text: str) -> list[list[str]]:
    """The matcher's word tokens (``framing.text.words``) per rough sentence.

    Mining does not need exact sentences, and a regex split is much faster than Punkt.
    """
    from framing.text import words

    return [toks for sentence in SENTENCE_BREAK.split(text) if (toks := words(sentence))]


def doc_ngrams(text: str, max_n: int) -> Counter[str]:
    """N-gram (1..max_n) counts of one document, as space-joined strings."""
    grams: Counter[str] = Counter()
    for toks in sentences_tokens(text):
        for n in range(1, max_n + 1):
            grams.update(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return grams


@dataclass(frozen=True)
class Counts:
    """Per-class document counts of every n-gram, and the per-class totals."""

    neg: Counter[str]
    pos: Counter[str]
    n_neg: int  # all n-gram counts of the negative class
    n_pos: int
    docs_neg: int
    docs_pos: int


def count_corpus(
    docs: Iterable[lc.Doc], max_n: int = 3, min_count: int = 5, clip: int = 0
) -> Counts:
    """Count n-grams per class; drop n-grams seen in fewer than ``min_count`` documents.

    Token counts (Monroe et al.'s multinomial) by default, because tone is a matter of
    rate: "said" is in nearly every article of both classes but far more often per
    article on the wire side. ``clip`` > 0 caps one document's count of a term, so that a
    single long article cannot make a term; ``clip=1`` counts documents.
    """
    neg: Counter[str] = Counter()
    pos: Counter[str] = Counter()
    df: Counter[str] = Counter()
    totals = [0, 0]
    ndocs = [0, 0]
    for doc in docs:
        grams = doc_ngrams(doc.text, max_n)
        if clip > 0:
            grams = Counter({t: min(c, clip) for t, c in grams.items()})
        (pos if doc.label else neg).update(grams)
        df.update(grams.keys())
        totals[doc.label] += sum(grams.values())
        ndocs[doc.label] += 1
    keep = {t for t, c in df.items() if c >= min_count}
    return Counts(
        Counter({t: c for t, c in neg.items() if t in keep}),
        Counter({t: c for t, c in pos.items() if t in keep}),
        totals[0],
        totals[1],
        ndocs[0],
        ndocs[1],
    )


def log_odds_z(y_neg: float, y_pos: float, n_neg: float, n_pos: float, prior: float) -> float:
    """Monroe et al. (2008) log-odds z of one term, signed toward the positive class.

    The prior for the term is ``prior * (y_neg + y_pos)`` (pooled counts as background),
    with ``alpha0 = prior * (n_neg + n_pos)``.
    """
    alpha = prior * (y_neg + y_pos)
    if alpha <= 0:
        return 0.0
    alpha0 = prior * (n_neg + n_pos)
    delta = math.log((y_pos + alpha) / (n_pos + alpha0 - y_pos - alpha)) - math.log(
        (y_neg + alpha) / (n_neg + alpha0 - y_neg - alpha)
    )
    return delta / math.sqrt(1.0 / (y_pos + alpha) + 1.0 / (y_neg + alpha))


def corpus_z(counts: Counts, prior: float) -> dict[str, float]:
    """z for every counted n-gram of one corpus."""
    return {
        t: log_odds_z(counts.neg[t], counts.pos[t], counts.n_neg, counts.n_pos, prior)
        for t in counts.neg.keys() | counts.pos.keys()
    }


@dataclass(frozen=True)
class Candidate:
    term: str
    z: float  # Stouffer-combined, signed toward the positive pole
    support: int  # corpora where z clears the threshold toward the term's pole
    against: int  # corpora where z clears the threshold toward the other pole
    per_corpus: dict[str, tuple[int, int, float]]  # name -> (neg count, pos count, z)


def combine(mined: dict[str, tuple[Counts, dict[str, float]]], support_z: float) -> list[Candidate]:
    """Stouffer-combine per-corpus z over all corpora (absent = 0)."""
    names = list(mined)
    k = math.sqrt(len(names))
    terms = set().union(*(z.keys() for _, z in mined.values()))
    out = []
    for term in terms:
        per = {}
        for name in names:
            counts, zs = mined[name]
            per[name] = (counts.neg[term], counts.pos[term], zs.get(term, 0.0))
        total = sum(v[2] for v in per.values()) / k
        sign = 1 if total > 0 else -1
        support = sum(1 for v in per.values() if sign * v[2] >= support_z)
        against = sum(1 for v in per.values() if -sign * v[2] >= support_z)
        out.append(Candidate(term, total, support, against, per))
    return out


def mine(
    corpora: Sequence[str],
    root: Path,
    max_n: int = 3,
    min_count: int = 5,
    prior: float = 0.1,
    clip: int = 0,
) -> dict[str, tuple[Counts, dict[str, float]]]:
    """Count and score every corpus; returns name -> (counts, z per n-gram)."""
    mined = {}
    for name in corpora:
        counts = count_corpus(lc.load(name, root), max_n, min_count, clip)
        mined[name] = (counts, corpus_z(counts, prior))
    return mined


POLES = {"state_wire": ("state", "wire"), "threat_exchange": ("threat", "exchange")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--axis", choices=sorted(POLES), default="state_wire")
    parser.add_argument("--datasets", type=Path, default=lc.DEFAULT_DATASETS)
    parser.add_argument("--corpora", help="comma-separated corpus names (default: the axis')")
    parser.add_argument("--top", type=int, default=300, help="candidates printed per pole")
    parser.add_argument("--max-n", type=int, default=3)
    parser.add_argument("--min-count", type=int, default=5, help="min documents per n-gram")
    parser.add_argument("--prior", type=float, default=0.1, help="prior scale (pooled counts)")
    parser.add_argument("--clip", type=int, default=0, help="cap per-document count (0: none)")
    parser.add_argument("--support-z", type=float, default=2.5)
    parser.add_argument("--min-support", type=int, default=1)
    args = parser.parse_args(argv)

    corpora = args.corpora.split(",") if args.corpora else list(lc.MINING_CORPORA[args.axis])
    mined = mine(corpora, args.datasets, args.max_n, args.min_count, args.prior, args.clip)
    candidates = [c for c in combine(mined, args.support_z) if c.support >= args.min_support]
    neg_pole, pos_pole = POLES[args.axis]
    header = ["pole", "rank", "term", "z", "support", "against"] + [
        f"{n}(neg/pos z)" for n in corpora
    ]
    print("\t".join(header))
    for pole, sign in ((neg_pole, -1), (pos_pole, 1)):
        ranked = sorted(
            (c for c in candidates if sign * c.z > 0), key=lambda c: (-sign * c.z, c.term)
        )
        for rank, c in enumerate(ranked[: args.top], 1):
            cells = [f"{a}/{b} {z:+.1f}" for a, b, z in c.per_corpus.values()]
            row = [pole, str(rank), c.term, f"{c.z:+.2f}", str(c.support), str(c.against)]
            print("\t".join(row + cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
