#!/usr/bin/env python
"""Evaluate the shipped lexicons on the labeled corpora, with held-out designs.

For every two-class corpus of an axis (see ``lexicon_corpora.py``) it reports the ROC AUC
of the lexicon score (positive pole = label 1: wire / exchange), with a bootstrap 95%
interval, and the share of texts with at least one hit (coverage), for these lexicons:

* ``full``   the shipped file as is. In-sample for corpora that proposed mined entries.
* ``genre``  only the entries written from genre knowledge before any mining (the lines
  without ``# mined``): no data was seen, so this is held-out everywhere.
* ``lodo``   leave-one-dataset-out: genre entries plus the mined entries that some OTHER
  corpus supports (entry-level log-odds z >= ``--support-z`` toward the entry's pole, the
  statistic of the mining script). Entries that only the target corpus supports are dropped.
  For the SemEval corpora the held-out unit is the fold: entries must be supported by the
  other four folds (or by another corpus).
* ``split``  (state_wire) two halves: mined entries supported by {dem, ptc, ppn} are judged
  on {rec, abp, cnh} and vice versa.
* ``auto``   no human: the top ``--auto`` n-grams per pole, mined from the same training
  corpora as ``lodo``, weight 1. Shows what the curation adds over raw mining.

Do not tune on the seeds: this script never reads seeds/. Example::

    python scripts/evaluate_lexicons.py --axis state_wire
    python scripts/evaluate_lexicons.py --axis threat_exchange --lexicon lexicons/threat_exchange.yaml
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lexicon_corpora as lc  # noqa: E402
import lexicon_engine as le  # noqa: E402
import mine_lexicon_candidates as mlc  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

#: Evaluation targets per axis -> (description, corpora whose support may not be used).
TARGETS: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    "state_wire": {
        "dem": ("China Daily vs NYT articles (democracy)", frozenset({"dem"})),
        "rec": ("RT/Sputnik/PressTV vs 22 mainstream (COVID)", frozenset({"rec"})),
        "rec_reuters": ("RT/Sputnik/PressTV vs Reuters (COVID)", frozenset({"rec"})),
        "cnh": ("CGTN/Xinhua vs BBC headlines", frozenset({"cnh"})),
        "ppn": ("Russian pseudo-news vs mainstream titles", frozenset({"ppn"})),
        "ppn_vs_wire": ("PPN bodies vs Reuters/AP/Bloomberg bodies", frozenset({"ppn", "abp"})),
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
FOLDED = {"sem", "sem_sd_rest"}  # held out by fold within SemEval
SPLIT_HALVES = (frozenset({"dem", "ptc", "ppn"}), frozenset({"rec", "abp", "cnh"}))


@dataclass
class Scored:
    """One corpus scored with the full lexicon, plus what the support statistic needs."""

    docs: list[lc.Doc]
    counts: list[dict[str, float]]  # counted hits per entry key, per doc
    ngrams: list[int]  # n-gram total (1..3) per doc, the mining statistic's denominator
    scores: list[float]


def _ngram_total(text: str) -> int:
    total = 0
    for sentence in le.sentences(text):
        n = len(le.tokens(sentence))
        total += max(n, 0) + max(n - 1, 0) + max(n - 2, 0)
    return total


def score_corpus(scorer: le.Scorer, docs: list[lc.Doc]) -> Scored:
    counts = [scorer.entry_counts(d.text) for d in docs]
    return Scored(
        docs, counts, [_ngram_total(d.text) for d in docs],
        [scorer.score_counts(c) for c in counts],
    )


def entry_z(
    lexicon: le.Lexicon, scored: Scored, keep: Callable[[lc.Doc], bool] = lambda d: True
) -> dict[str, tuple[float, float, float]]:
    """Per entry: (hits in negative class, hits in positive class, log-odds z toward +1).

    The entry is treated as one vocabulary item of the mining script's statistic, so a
    wildcard or ``re:`` entry gets the z its n-grams would get together.
    """
    y: list[dict[str, float]] = [{}, {}]
    n = [0, 0]
    for doc, cnt, tot in zip(scored.docs, scored.counts, scored.ngrams, strict=True):
        if not keep(doc):
            continue
        n[doc.label] += tot
        for key, c in cnt.items():
            key = key.lstrip("~")
            y[doc.label][key] = y[doc.label].get(key, 0.0) + c
    out = {}
    for e in lexicon.entries:
        a, b = y[0].get(e.key, 0.0), y[1].get(e.key, 0.0)
        out[e.key] = (a, b, mlc.log_odds_z(a, b, n[0], n[1], 0.1))
    return out


def supported(
    lexicon: le.Lexicon,
    scored: Scored,
    support_z: float,
    keep: Callable[[lc.Doc], bool] = lambda d: True,
) -> set[str]:
    """Mined entries whose entry-level z clears ``support_z`` toward their own pole."""
    zs = entry_z(lexicon, scored, keep)
    return {
        e.key
        for e in lexicon.entries
        if e.mined and (zs[e.key][2] if e.pole == 1 else -zs[e.key][2]) >= support_z
    }


def print_entries(lexicon: le.Lexicon, scored: dict[str, Scored], support_z: float) -> None:
    """One TSV row per entry: its pole, weight, provenance, and hits/z in every corpus."""
    names = list(scored)
    zs = {name: entry_z(lexicon, scored[name]) for name in names}
    print("\t".join(["pole", "entry", "weight", "added", "support", "against", *names]))
    for e in lexicon.entries:
        sign = 1 if e.pole == 1 else -1
        cells, support, against = [], [], []
        for name in names:
            a, b, z = zs[name][e.key]
            cells.append(f"{a:g}/{b:g} {z:+.1f}")
            if sign * z >= support_z:
                support.append(name)
            elif -sign * z >= support_z:
                against.append(name)
        print("\t".join([
            lexicon.pole_ids[e.pole], e.key, f"{e.weight:g}", "mined" if e.mined else "genre",
            ",".join(support) or "-", ",".join(against) or "-", *cells,
        ]))


def auc_ci(labels: Sequence[int], scores: Sequence[float], reps: int = 300) -> tuple:
    """ROC AUC (positive class = 1) with a percentile bootstrap 95% interval."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    y, s = np.asarray(labels), np.asarray(scores)
    auc = roc_auc_score(y, s)
    rng = np.random.default_rng(0)
    boots = []
    for _ in range(reps):
        idx = rng.integers(0, len(y), len(y))
        if 0 < y[idx].sum() < len(idx):
            boots.append(roc_auc_score(y[idx], s[idx]))
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return auc, lo, hi


def auto_lexicon(
    template: le.Lexicon,
    mined: dict[str, tuple[mlc.Counts, dict[str, float]]],
    top: int,
    support_z: float,
) -> le.Lexicon:
    """Top ``top`` n-grams per pole by Stouffer z over ``mined``, weight 1, no curation."""
    cands = [c for c in mlc.combine(mined, support_z) if c.support >= 1]
    entries = []
    for pole, sign in ((0, -1), (1, 1)):
        ranked = sorted((c for c in cands if sign * c.z > 0), key=lambda c: (-sign * c.z, c.term))
        for c in ranked[:top]:
            entries.append(le.Entry(c.term, pole, 1.0, True, words=tuple(c.term.split())))
    return le.Lexicon(template.path, template.raw, template.pole_ids, tuple(entries),
                      template.window, template.mode, template.negators)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--axis", choices=sorted(TARGETS), default="state_wire")
    parser.add_argument("--lexicon", type=Path, help="default: lexicons/<axis>.yaml")
    parser.add_argument("--datasets", type=Path, default=lc.DEFAULT_DATASETS)
    parser.add_argument("--targets", help="comma-separated subset of the axis' corpora")
    parser.add_argument("--support-z", type=float, default=2.5)
    parser.add_argument("--auto", type=int, default=200, help="auto baseline size (0: skip)")
    parser.add_argument(
        "--entries", action="store_true",
        help="print every entry's hits and z per mining corpus (TSV) instead of AUCs",
    )
    args = parser.parse_args(argv)

    lexicon = le.load_lexicon(args.lexicon or ROOT / "lexicons" / f"{args.axis}.yaml")
    scorer = le.Scorer(lexicon)
    mining = lc.MINING_CORPORA[args.axis]
    targets = args.targets.split(",") if args.targets else list(TARGETS[args.axis])
    genre = {e.key for e in lexicon.entries if not e.mined}
    print(f"lexicon {lexicon.path.name}: {len(lexicon.entries)} entries "
          f"({len(lexicon.entries) - len(genre)} mined), engine={scorer.engine}, "
          f"support z >= {args.support_z}", file=sys.stderr)

    scored: dict[str, Scored] = {}
    wanted = mining if args.entries else [*mining, *targets]
    for name in dict.fromkeys(wanted):
        docs = lc.load(name, args.datasets)
        scored[name] = score_corpus(scorer, docs)
    if args.entries:
        print_entries(lexicon, {n: scored[n] for n in mining}, args.support_z)
        return 0
    support = {name: supported(lexicon, scored[name], args.support_z) for name in mining}

    mined_ngrams: dict[str, tuple[mlc.Counts, dict[str, float]]] = {}
    if args.auto:
        for name in mining:
            if name not in FOLDED:
                mined_ngrams[name] = mlc.mine([name], args.datasets)[name]

    def held_out(target: str, fold: int | None, allowed: frozenset[str] | None) -> set[str]:
        """Genre entries + mined entries supported by corpora the target may use."""
        excluded = TARGETS[args.axis][target][1]
        keys = set(genre)
        for name in mining:
            if allowed is not None and name not in allowed:
                continue
            if name in excluded and not (fold is not None and name in FOLDED):
                continue
            if fold is not None and name in FOLDED:
                keys |= supported(lexicon, scored[name], args.support_z,
                                  lambda d, f=fold: d.fold != f)
            else:
                keys |= support[name]
        return keys

    everything = {e.key for e in lexicon.entries}

    def rescore(keys: set[str], docs: list[lc.Doc], full: list[float]) -> list[float]:
        if keys == everything:
            return full
        sub = le.Scorer(lexicon.subset(keys))
        return [sub.score(d.text) for d in docs]

    rows = []
    for target in targets:
        desc, excluded = TARGETS[args.axis][target]
        data = scored[target]
        labels = [d.label for d in data.docs]
        result = {"full": data.scores}
        result["genre"] = rescore(genre, data.docs, data.scores)
        sizes = {"full": len(lexicon.entries), "genre": len(genre)}
        if target in FOLDED:
            lodo = [0.0] * len(data.docs)
            lodo_sizes = []
            for fold in range(5):
                keys = held_out(target, fold, None)
                lodo_sizes.append(len(keys))
                idx = [i for i, d in enumerate(data.docs) if d.fold == fold]
                part = rescore(keys, [data.docs[i] for i in idx],
                               [data.scores[i] for i in idx])
                for i, s in zip(idx, part, strict=True):
                    lodo[i] = s
            result["lodo"] = lodo
            sizes["lodo"] = round(sum(lodo_sizes) / 5)
        else:
            keys = held_out(target, None, None)
            result["lodo"] = rescore(keys, data.docs, data.scores)
            sizes["lodo"] = len(keys)
        if args.axis == "state_wire":
            half = next((h for h in SPLIT_HALVES if not (h & excluded)), None)
            if half is None:  # spans both halves: use what remains of each
                half = frozenset(set(mining) - excluded)
            else:
                half = SPLIT_HALVES[1] if half == SPLIT_HALVES[0] else SPLIT_HALVES[0]
                half = frozenset(set(half) - excluded)
            keys = held_out(target, None, half)
            result["split"] = rescore(keys, data.docs, data.scores)
            sizes["split"] = len(keys)
        if args.auto:
            train = {k: v for k, v in mined_ngrams.items() if k not in excluded}
            if target in FOLDED:
                auto = [0.0] * len(data.docs)
                for fold in range(5):
                    rest = [d for d in lc.load("sem", args.datasets) if d.fold != fold]
                    counts = mlc.count_corpus(rest)
                    fold_train = {**train, "sem": (counts, mlc.corpus_z(counts, 0.1))}
                    sub = le.Scorer(auto_lexicon(lexicon, fold_train, args.auto, args.support_z))
                    for i, d in enumerate(data.docs):
                        if d.fold == fold:
                            auto[i] = sub.score(d.text)
                result["auto"] = auto
            elif train:
                sub = le.Scorer(auto_lexicon(lexicon, train, args.auto, args.support_z))
                result["auto"] = [sub.score(d.text) for d in data.docs]
            sizes["auto"] = 2 * args.auto
        n0, n1 = labels.count(0), labels.count(1)
        coverage = sum(1 for c in data.counts if scorer.pole_weights(c) != (0.0, 0.0)) / len(
            data.docs
        )
        cells = {}
        for variant, scores in result.items():
            auc, lo, hi = auc_ci(labels, scores)
            cells[variant] = f"{auc:.3f} [{lo:.2f}, {hi:.2f}] ({sizes[variant]})"
        rows.append((target, desc, f"{n0}/{n1}", coverage, cells))

    variants = ["full", "genre", "lodo"] + (["split"] if args.axis == "state_wire" else []) + (
        ["auto"] if args.auto else [])
    print(f"| corpus | contrast (neg vs pos pole) | n neg/pos | coverage | "
          + " | ".join(f"AUC {v} (entries)" for v in variants) + " |")
    print("|" + "---|" * (4 + len(variants)))
    for target, desc, n, coverage, cells in rows:
        print(f"| {target} | {desc} | {n} | {coverage:.0%} | "
              + " | ".join(cells.get(v, "") for v in variants) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
