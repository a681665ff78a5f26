"""A salience gate for threat_exchange: does "is this text about either frame at all?" help?

    python benchmarks/validation/salience.py [--texts DIR DIR] [--data DIR] [--halvings N]

The combined threat_exchange score (lexicon + evidence model) is the size of the framing
*evidence*; a text that mentions risks or culture in passing still gets a score, and the coders
put 45 % of the coded set at 0. The gate is a second, separate question asked of the text: the
probability that the coders would code it off 0 at all (mean code |c| >= 1, "framed", against
|c| < 1, "neither"), from framing's own ``TextClassifier`` (plain TF-IDF n-grams + logistic
regression, Platt-calibrated on inner folds, C chosen by inner 4-fold ROC AUC on the fitting
part). The gated score is ``combined * P(framed)``: a positive multiplier, so no sign changes,
only the size, and a text the gate thinks neither-framed moves towards 0.

Everything is held out as in ``threat_model.py``: the lexicon formula, the evidence model and
the gate are all fitted on the fitting part only; the lexicon weight w is ``choose_weight``'s
on the 2-fold cross-fitted components. Reported: the odd/even halves (Spearman with the mean
code, sign right on coded > 0 / < 0, mean |score| at coded 0, the gate's ROC AUC), N random
halvings, and leave one source corpus out (the gate then never saw the corpus it scores).

Variants: ``plain`` (lower-cased words, calibrated, the candidate), ``masked`` (names,
numbers and outlets masked), ``raw`` (plain, not calibrated). Nothing here ships; the result
is in the evidence model's card ("Tried, not shipped" or its successor).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import threat_model as tm  # noqa: E402

from framing.models.classify import TextClassifier  # noqa: E402
from framing.models.features import enable_cache  # noqa: E402

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
VARIANTS = {
    "plain": {"tokenization": "plain", "calibration": "sigmoid"},
    "masked": {"tokenization": "masked", "calibration": "sigmoid"},
    "raw": {"tokenization": "plain", "calibration": None},
}


def gate(texts: list[str], framed: np.ndarray, train: np.ndarray, test: np.ndarray,
         params: dict) -> np.ndarray:  # fmt: skip
    """P(framed) of the texts ``test`` from a classifier fitted on the texts ``train`` (C by
    inner 4-fold ROC AUC on ``train`` only)."""
    tr = np.flatnonzero(train)
    y = framed[tr]

    def make(c: float) -> TextClassifier:
        return TextClassifier(C=c, threshold=0.5, ngram_range=(1, 2), **params)

    def inner_auc(c: float) -> float:
        oof = np.zeros(len(tr))
        for a, b in StratifiedKFold(4, shuffle=True, random_state=0).split(tr, y):
            est = make(c).fit([texts[i] for i in tr[a]], y[a])
            oof[b] = est.predict_proba([texts[i] for i in tr[b]])[:, 1]
        return float(roc_auc_score(y, oof))

    c = max(C_GRID, key=inner_auc)
    est = make(c).fit([texts[i] for i in tr], y)
    return est.predict_proba([texts[i] for i in np.flatnonzero(test)])[:, 1]


def figs(s: np.ndarray, code: np.ndarray) -> str:
    pos = f"{(s[code > 0] > 0).mean():.2f}" if (code > 0).any() else "–"
    neg = f"{(s[code < 0] < 0).mean():.2f}" if (code < 0).any() else "–"
    return f"{spearmanr(s, code)[0]:.3f} / {pos} / {neg} / {np.abs(s[code == 0]).mean():.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", nargs="+", default=list(tm.DEFAULT_TEXTS))
    parser.add_argument("--data", type=Path, default=tm.ROOT.parent / "shared" / "datasets")
    parser.add_argument("--halvings", type=int, default=10)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = parser.parse_args()
    enable_cache()
    ctx = tm.prepare(tuple(args.texts), args.data)
    code, texts, corpus = ctx["code"], ctx["texts"], ctx["corpus"]
    framed = (np.abs(code) >= 1).astype(int)
    n = len(code)
    half = np.arange(n) % 2
    _, _, w, _ = tm.crossfit(ctx)
    print(f"{n} coded texts, {framed.mean():.2f} framed (|mean code| >= 1); w = {w}\n")

    def split(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        p, q = tm.held_out(ctx, train, test)
        both = w * q + (1 - w) * p
        return both, {v: gate(texts, framed, train, test, VARIANTS[v]) for v in args.variants}

    print("Held out; each cell Spearman / sign right, coded > 0 / coded < 0 / mean |score| at "
          "coded 0.\n")  # fmt: skip
    print("| score | odd half | even half | gate AUC (odd / even) | mean gate vs framed share |")
    print("| --- | --- | --- | --- | --- |")
    halves = [split(half != h, half == h) for h in (0, 1)]
    print(f"| combined, w = {w} | {figs(halves[0][0], code[half == 0])} | "
          f"{figs(halves[1][0], code[half == 1])} | – | – |")  # fmt: skip
    for v in args.variants:
        cells, aucs, means = [], [], []
        for h in (0, 1):
            both, gates = halves[h]
            c, g = code[half == h], gates[v]
            cells.append(figs(both * g, c))
            aucs.append(f"{roc_auc_score(np.abs(c) >= 1, g):.3f}")
            means.append(f"{g.mean():.2f} vs {(np.abs(c) >= 1).mean():.2f}")
        print(f"| gated, {v} | {cells[0]} | {cells[1]} | {' / '.join(aucs)} | "
              f"{' / '.join(means)} |")  # fmt: skip

    rng = np.random.default_rng(0)
    out: dict[str, list[float]] = {"combined": [], **{v: [] for v in args.variants}}
    for _ in range(args.halvings):
        m = np.zeros(n, bool)
        m[rng.permutation(n)[: n // 2]] = True
        for fm in (m, ~m):
            both, gates = split(fm, ~fm)
            out["combined"].append(float(spearmanr(both, code[~fm])[0]))
            for v in args.variants:
                out[v].append(float(spearmanr(both * gates[v], code[~fm])[0]))
    print(f"\n{args.halvings} random halvings (both ways), mean held-out Spearman (min-max):")
    for k, vals in out.items():
        print(f"  {k}: {np.mean(vals):.3f} ({min(vals):.2f}-{max(vals):.2f})")

    print("\nLeave one corpus out (Spearman / sign right, coded < 0):\n")
    print("| held-out corpus | n | combined | " + " | ".join(f"gated, {v}" for v in args.variants)
          + " |")  # fmt: skip
    print("| --- | --- | --- |" + " --- |" * len(args.variants))
    for name in sorted(set(corpus)):
        m = corpus == name
        both, gates = split(~m, m)
        c = code[m]
        cells = [f"{spearmanr(s, c)[0]:.3f} / {(s[c < 0] < 0).mean():.2f}"
                 for s in (both, *(both * gates[v] for v in args.variants))]  # fmt: skip
        print(f"| {name} | {m.sum()} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
