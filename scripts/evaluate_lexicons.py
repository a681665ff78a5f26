#!/usr/bin/env python
"""Evaluate the shipped lexicons on the labeled corpora, with held-out designs.

For every two-class corpus of an axis (see ``lexicon_corpora.py``) it prints the ROC AUC of
the lexicon score (positive class = label 1: wire / exchange) with a bootstrap 95% interval,
and the share of texts with at least one counted hit (coverage), for these lexicons:

* ``full``   the shipped file as is. In-sample for the corpora that proposed mined entries.
* ``genre``  only the entries written from genre knowledge before any mining (lines without
  ``# mined``): no corpus was looked at, so this is held-out everywhere.
* ``lodo``   leave one data set out: genre entries plus the mined entries that some OTHER
  corpus supports (entry-level log-odds z >= ``--support-z`` toward the entry's own pole,
  the mining script's statistic). Entries that only the target corpus supports are dropped.
  For the SemEval corpora the held-out unit is the fold: a mined entry must be supported by
  the other four folds (or by another corpus).
* ``split``  (state_wire) two halves: mined entries supported by {dem, ptc, ppn} are judged
  on {rec, abp, cnh} and vice versa.
* ``auto``   no human in the loop: the top ``--auto`` n-grams per pole mined from the same
  training corpora as ``lodo``, weight 1. Shows what curation adds over raw mining.

Scoring uses the package's own parser, matcher and score formula (``lexicon_engine``). The
seeds are never read. Examples::

    python scripts/evaluate_lexicons.py --axis state_wire
    python scripts/evaluate_lexicons.py --axis threat_exchange --auto 100
    python scripts/evaluate_lexicons.py --axis state_wire --entries > entries.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexicon_corpora as lc
import lexicon_engine as le
import mine_lexicon_candidates as mlc

ROOT = Path(__file__).resolve().parents[1]

#: Evaluation targets per axis -> (contrast, corpora whose support the target may not use).
TARGETS: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    "state_wire": {
        "dem": ("China Daily vs NYT articles (democracy)", frozenset({"dem"})),
        "rec": ("RT/Sputnik/PressTV vs 22 mainstream (COVID)", frozenset({"rec"})),
        "rec_reuters": ("RT/Sputnik/PressTV vs Reuters (COVID)", frozenset({"rec"})),
        "cnh": ("CGTN/Xinhua vs BBC headlines", frozenset({"cnh"})),
        "ppn": ("Russian pseudo-news vs mainstream titles", frozenset({"ppn"})),
        "ppn_vs_wire": ("PPN bodies vs Reuters/AP/Bloomberg bodies", frozenset({"ppn", "abp"})),
        "dem_vs_wire": ("China Daily vs Reuters/AP/Bloomberg bodies", frozenset({"dem", "abp"})),
        "abp": ("Al Jazeera vs Reuters/AP/Bloomberg", frozenset({"abp"})),
        "ptc": ("PTC sentences in technique spans vs not", frozenset({"ptc"})),
    },
    "threat_exchange": {
        "sem": ("SemEval Security_and_defense vs Cultural_identity", frozenset({"sem"})),
        "sem_sd_rest": ("SemEval Security_and_defense vs all other", frozenset({"sem"})),
        "nf": ("Climate articles with vs without conflict frame", frozenset({"nf"})),
        "gvfc": ("Gun headlines: safety vs society/culture frame", frozenset({"gvfc"})),
    },
}
FOLDED = frozenset({"sem", "sem_sd_rest"})  # held out by fold within SemEval
SPLIT_HALVES = (frozenset({"dem", "ptc", "ppn"}), frozenset({"rec", "abp", "cnh"}))
PRIOR = 0.1  # the mining script's default prior scale
PER_ARTICLE_GROUPS = frozenset({"ptc", "sem", "sem_sd_rest", "gvfc"})  # no outlets to compare


@dataclass
class Scored:
    """A corpus scored with the full lexicon, plus what the support statistic needs."""

    docs: list[lc.Doc]
    counts: list[dict[str, float]]  # counted hits per entry text, per doc
    ngrams: list[int]  # n-gram total (1..3) per doc: the mining statistic's denominator
    scores: list[float]


def _ngram_total(prepared: le.Prepared) -> int:
    return sum(max(len(t), 0) + max(len(t) - 1, 0) + max(len(t) - 2, 0) for _, t in prepared)


def score_variants(
    scorers: dict[str, le.Scorer], docs: list[lc.Doc], keep_counts: str | None = None
) -> tuple[dict[str, list[float]], Scored | None]:
    """Score docs with several scorers, tokenising each doc once."""
    scores: dict[str, list[float]] = {name: [] for name in scorers}
    counts, ngrams = [], []
    for doc in docs:
        prepared = le.prepare(doc.text)
        for name, scorer in scorers.items():
            c = scorer.entry_counts(prepared)
            scores[name].append(scorer.score_counts(c))
            if name == keep_counts:
                counts.append(c)
                ngrams.append(_ngram_total(prepared))
    kept = Scored(docs, counts, ngrams, scores[keep_counts]) if keep_counts else None
    return scores, kept


def entry_z(
    axis: le.Axis, scored: Scored, keep: Callable[[lc.Doc], bool] = lambda d: True
) -> dict[str, tuple[float, float, float]]:
    """Per entry: (hits in class 0, hits in class 1, log-odds z toward class 1).

    The entry is one vocabulary item of the mining statistic, so a wildcard or ``re:`` entry
    gets the z its n-grams would get together.
    """
    y: list[dict[str, float]] = [{}, {}]
    n = [0, 0]
    for doc, cnt, tot in zip(scored.docs, scored.counts, scored.ngrams, strict=True):
        if keep(doc):
            n[doc.label] += tot
            for key, c in cnt.items():
                key = key.lstrip("~")
                y[doc.label][key] = y[doc.label].get(key, 0.0) + c
    out = {}
    for e in axis.entries:
        a, b = y[0].get(e.text, 0.0), y[1].get(e.text, 0.0)
        out[e.text] = (a, b, mlc.log_odds_z(a, b, n[0], n[1], PRIOR))
    return out


def supported(
    axis: le.Axis,
    scored: Scored,
    support_z: float,
    keep: Callable[[lc.Doc], bool] = lambda d: True,
) -> set[str]:
    """Mined entries whose entry-level z clears ``support_z`` toward their own pole."""
    zs = entry_z(axis, scored, keep)
    return {
        e.text
        for e in axis.entries
        if e.text in axis.mined and axis.pole_sign(e) * zs[e.text][2] >= support_z
    }


def not_in_fold(fold: int) -> Callable[[lc.Doc], bool]:
    """A filter keeping the documents of every fold but ``fold``."""

    def keep(doc: lc.Doc) -> bool:
        return doc.fold != fold

    return keep


def print_entries(axis: le.Axis, scored: dict[str, Scored], support_z: float) -> None:
    """One TSV row per entry: pole, weight, provenance, and hits/z in every corpus."""
    names = list(scored)
    zs = {name: entry_z(axis, scored[name]) for name in names}
    print("\t".join(["pole", "entry", "weight", "added", "support", "against", *names]))
    for e in axis.entries:
        sign = axis.pole_sign(e)
        cells, support, against = [], [], []
        for name in names:
            a, b, z = zs[name][e.text]
            cells.append(f"{a:g}/{b:g} {z:+.1f}")
            if sign * z >= support_z:
                support.append(name)
            elif -sign * z >= support_z:
                against.append(name)
        added = "mined" if e.text in axis.mined else "genre"
        row = [e.pole, e.text, f"{e.weight:g}", added, ",".join(support) or "-",
               ",".join(against) or "-", *cells]  # fmt: skip
        print("\t".join(row))


def auc_ci(labels: Sequence[int], scores: Sequence[float], reps: int = 300) -> tuple:
    """ROC AUC (positive class = 1) with a percentile bootstrap 95% interval."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    y, s = np.asarray(labels), np.asarray(scores)
    rng = np.random.default_rng(0)
    boots = []
    for _ in range(reps):
        idx = rng.integers(0, len(y), len(y))
        if 0 < y[idx].sum() < len(idx):
            boots.append(roc_auc_score(y[idx], s[idx]))
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return roc_auc_score(y, s), lo, hi


def auto_axis(
    axis: le.Axis, mined: dict[str, tuple[mlc.Counts, dict[str, float]]], top: int, z: float
) -> le.Axis:
    """Top ``top`` n-grams per pole by Stouffer z over ``mined``, weight 1, no curation."""
    from framing.axes.lexicon import Entry

    cands = [c for c in mlc.combine(mined, z) if c.support >= 1]
    entries = []
    for pole, sign in ((axis.lexicon.negative.id, -1), (axis.lexicon.positive.id, 1)):
        ranked = sorted((c for c in cands if sign * c.z > 0), key=lambda c: (-sign * c.z, c.term))
        entries += [Entry(c.term, pole, 1.0, 0, words=tuple(c.term.split())) for c in ranked[:top]]
    return axis.with_entries(tuple(entries))


class Evaluation:
    """Everything one run needs: the axis, its corpora, and provenance per corpus."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.axis = le.load_axis(args.lexicon or ROOT / "lexicons" / f"{args.axis}.yaml")
        self.mining = lc.MINING_CORPORA[args.axis]
        self.everything = {e.text for e in self.axis.entries}
        self.scorers: dict[frozenset[str], le.Scorer] = {}
        self.scored: dict[str, Scored] = {}
        for name in self.mining:
            docs = lc.load(name, args.datasets)
            _, kept = score_variants({"full": self.scorer(self.everything)}, docs, "full")
            assert kept is not None
            self.scored[name] = kept
        self.support = {n: supported(self.axis, self.scored[n], args.support_z)
                        for n in self.mining}  # fmt: skip
        self.mined_ngrams: dict[str, tuple[mlc.Counts, dict[str, float]]] = {}

    def scorer(self, keys: set[str]) -> le.Scorer:
        key = frozenset(keys)
        if key not in self.scorers:
            self.scorers[key] = le.Scorer(self.axis.subset(set(keys)))
        return self.scorers[key]

    def held_out(self, target: str, fold: int | None, allowed: frozenset[str] | None) -> set[str]:
        """Genre entries + mined entries supported by corpora the target may learn from."""
        excluded = TARGETS[self.args.axis][target][1]
        keys = set(self.axis.genre)
        for name in self.mining:
            if allowed is not None and name not in allowed:
                continue
            if fold is not None and name in FOLDED:
                keep = not_in_fold(fold)
                keys |= supported(self.axis, self.scored[name], self.args.support_z, keep)
            elif name not in excluded:
                keys |= self.support[name]
        return keys

    def auto(self, target: str, fold: int | None) -> le.Scorer | None:
        excluded = TARGETS[self.args.axis][target][1]
        for name in self.mining:
            if name not in excluded and name not in self.mined_ngrams:
                self.mined_ngrams[name] = mlc.mine([name], self.args.datasets, prior=PRIOR)[name]
        train = {k: v for k, v in self.mined_ngrams.items() if k not in excluded}
        if fold is not None:
            rest = [d for d in lc.load("sem", self.args.datasets) if d.fold != fold]
            counts = mlc.count_corpus(rest)
            train["sem"] = (counts, mlc.corpus_z(counts, PRIOR))
        if not train:
            return None
        return le.Scorer(auto_axis(self.axis, train, self.args.auto, self.args.support_z))

    def split_half(self, target: str) -> frozenset[str]:
        excluded = TARGETS[self.args.axis][target][1]
        own = [h for h in SPLIT_HALVES if h & excluded]
        if len(own) != 1:  # spans both halves: learn from what is left of each
            return frozenset(set(self.mining) - excluded)
        other = SPLIT_HALVES[1] if own[0] == SPLIT_HALVES[0] else SPLIT_HALVES[0]
        return frozenset(other - excluded)

    def evaluate(
        self, target: str
    ) -> tuple[list[lc.Doc], list[int], dict[str, list[float]], dict, float]:
        """Scores of every variant on one target corpus (per fold where it is folded)."""
        docs = lc.load(target, self.args.datasets)
        folds: list[int | None] = list(range(5)) if target in FOLDED else [None]
        scores: dict[str, list[float]] = {}
        sizes: dict[str, list[int]] = {}
        order: list[int] = []
        for fold in folds:
            idx = [i for i, d in enumerate(docs) if fold is None or d.fold == fold]
            order += idx
            variants = {
                "full": self.everything,
                "genre": self.axis.genre,
                "lodo": self.held_out(target, fold, None),
            }
            if self.args.axis == "state_wire":
                variants["split"] = self.held_out(target, fold, self.split_half(target))
            scorers = {name: self.scorer(keys) for name, keys in variants.items()}
            if self.args.auto and (auto := self.auto(target, fold)) is not None:
                scorers["auto"] = auto
            part, _ = score_variants(scorers, [docs[i] for i in idx])
            for name, values in part.items():
                scores.setdefault(name, []).extend(values)
                sizes.setdefault(name, []).append(len(scorers[name].axis.entries))
        ordered = [docs[i] for i in order]
        labels = [d.label for d in ordered]
        full = scores["full"]
        coverage = sum(1 for s in full if s != 0.0) / len(full)
        mean_sizes = {k: round(sum(v) / len(v)) for k, v in sizes.items()}
        return ordered, labels, scores, mean_sizes, coverage


def by_outlet(
    target: str, docs: list[lc.Doc], scores: list[float], min_docs: int = 20
) -> list[str]:
    """Per outlet: its AUC against the whole other class (outlets with >= ``min_docs``)."""
    rows = []
    for group in sorted({d.group for d in docs}):
        mine = [i for i, d in enumerate(docs) if d.group == group]
        if len(mine) < min_docs:
            continue
        label = docs[mine[0]].label
        idx = mine + [i for i, d in enumerate(docs) if d.label != label]
        auc, lo, hi = auc_ci([docs[i].label for i in idx], [scores[i] for i in idx])
        pole = "neg" if label == 0 else "pos"
        rows.append(
            f"| {target} | {group} ({pole}, n={len(mine)}) | {auc:.3f} [{lo:.2f}, {hi:.2f}] |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--axis", choices=sorted(TARGETS), default="state_wire")
    parser.add_argument("--lexicon", type=Path, help="default: lexicons/<axis>.yaml")
    parser.add_argument("--datasets", type=Path, default=lc.DEFAULT_DATASETS)
    parser.add_argument("--targets", help="comma-separated subset of the axis' corpora")
    parser.add_argument("--support-z", type=float, default=2.5)
    parser.add_argument("--auto", type=int, default=200, help="auto baseline size (0: skip)")
    parser.add_argument(
        "--by-outlet", action="store_true",
        help="also print, per outlet, its lodo AUC against the whole other class",
    )  # fmt: skip
    parser.add_argument(
        "--entries", action="store_true",
        help="print every entry's hits and z per mining corpus (TSV) instead of AUCs",
    )  # fmt: skip
    args = parser.parse_args(argv)

    ev = Evaluation(args)
    if args.entries:
        print_entries(ev.axis, ev.scored, args.support_z)
        return 0
    targets = args.targets.split(",") if args.targets else list(TARGETS[args.axis])
    n_mined = len(ev.axis.mined)
    print(f"{ev.axis.lexicon.path}: {len(ev.axis.entries)} entries ({n_mined} marked mined); "
          f"support z >= {args.support_z}", file=sys.stderr)  # fmt: skip
    variants = ["full", "genre", "lodo"] + (["split"] if args.axis == "state_wire" else [])
    variants += ["auto"] if args.auto else []
    print("| corpus | contrast (neg vs pos pole) | n neg/pos | coverage | "
          + " | ".join(f"AUC {v} (entries)" for v in variants) + " |")  # fmt: skip
    print("|" + "---|" * (4 + len(variants)))
    outlet_rows: list[str] = []
    for target in targets:
        docs, labels, scores, sizes, coverage = ev.evaluate(target)
        cells = []
        for v in variants:
            if v in scores:
                auc, lo, hi = auc_ci(labels, scores[v])
                cells.append(f"{auc:.3f} [{lo:.2f}, {hi:.2f}] ({sizes[v]})")
            else:
                cells.append("")
        desc = TARGETS[args.axis][target][0]
        n = f"{labels.count(0)}/{labels.count(1)}"
        print(f"| {target} | {desc} | {n} | {coverage:.0%} | " + " | ".join(cells) + " |",
              flush=True)  # fmt: skip
        if args.by_outlet and target not in PER_ARTICLE_GROUPS:
            outlet_rows += by_outlet(target, docs, scores["lodo"])
    if outlet_rows:
        print("\n| corpus | outlet (pole, n) vs all of the other pole | AUC lodo |")
        print("|---|---|---|")
        print("\n".join(outlet_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
