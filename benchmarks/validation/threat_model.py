"""threat_exchange on the coded set: error analysis, and a model on the lexicon's own evidence.

    python benchmarks/validation/threat_model.py [--texts DIR DIR] [--errors]

Every figure is held out (issue 12, items 1 and 3). The lexicon formula is chosen as
``evaluate.py``'s ``choose_scoring`` does (least squared error against mean code / 2 on the
grid), on the fitting half only. The model (``evidence model``): per pole, six features of the
counted hits, computed from what the scorer already has (``AxisScore.evidence``, tokens,
sentences): net evidence as in the lexicon formula, evidence from entries of weight >= 2,
evidence in the first 3 sentences, share of sentences with a hit, distinct entries, negated or
dismissed hits; threat features enter negated, no intercept, so a text without hits scores 0
(centred). ``tanh`` of a linear score, fitted by weighted least squares with L2 0.05 on the
fitting half's mean code / 2 (classes by the sign of the code weighted equally) plus SemEval's
frames recast (threat -0.5 / neither 0 / exchange +0.5, total weight half the coded rows; the
23 SemEval articles in the coded set left out). Reported: the two 2-fold halves (odd/even
vids), ``choose_weight`` on the cross-fitted components, 20 random halvings, leave one source
corpus out. The shipped model (``framing/data/models/threat_exchange_evidence.json``) is
fitted by ``scripts/train_models.py --only threat_exchange_evidence`` with these functions on
all 250 coded articles; its card is ``threat_exchange_evidence.md``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate import DEFAULT_TEXTS, SCORING_GRID, choose_weight, coded_set  # noqa: E402

from framing.axes.lexicon import Scoring, load_lexicons  # noqa: E402
from framing.models import evidence  # noqa: E402
from framing.scoring.scorer import Scorer, lexicon_component  # noqa: E402

GRID = [Scoring(form="evidence", repeats=r, prior=float(a), prior_per_1k_tokens=float(b))
        for r, a, b in itertools.product(*SCORING_GRID.values())]  # fmt: skip
#: The evidence model's normalisers besides the lexicon formula's prior (shipped values).
STRONG_WEIGHT, LEAD_SENTENCES, L2, SEMEVAL_SHARE = 2.0, 3, 0.05, 0.5


def params_of(g: Scoring) -> dict[str, float | int]:
    return {"prior": g.prior, "prior_per_1k_tokens": g.prior_per_1k_tokens,
            "strong_weight": STRONG_WEIGHT, "lead_sentences": LEAD_SENTENCES}  # fmt: skip


def features(d: dict, g: Scoring) -> list[float]:
    return evidence.features(d["hits"], d["n_tokens"], d["n_sentences"], negative="threat",
                             positive="exchange", params=params_of(g))  # fmt: skip


def lexicon_of(d: dict, g: Scoring) -> float:
    """The lexicon component of a record with the formula ``g``."""
    threat = [h for h in d["hits"] if h.counted_for == "threat"]
    exchange = [h for h in d["hits"] if h.counted_for == "exchange"]
    return lexicon_component(g, threat, exchange, d["n_tokens"])


def prepare(texts: tuple[str, ...], data: Path) -> dict:
    """The coded set and SemEval (recast) as lexicon records, with codes, corpora, vids."""
    import train_models

    lexicon = load_lexicons()["threat_exchange"]
    scorer = Scorer(lexicons={"threat_exchange": lexicon}, sentiment=False, use_models=False)

    def record(text: str) -> dict:
        s = scorer.score(text)
        return {"n_tokens": s.n_tokens, "n_sentences": s.n_sentences, "title": s.sentences[0],
                "hits": list(s.axes["threat_exchange"].evidence)}  # fmt: skip

    vids, coded_texts, codes = coded_set("threat_exchange", tuple(texts), str(data))
    with open(HERE / "codes.csv", encoding="utf-8") as f:
        rows = {r["vid"]: r for r in csv.DictReader(f)}
    in_coded = {rows[v]["article_id"] for v in vids if rows[v]["dataset"].startswith("semeval")}
    folder = data / "semeval23-t3-frames"
    labels = dict(line.partition("\t")[::2] for line in
                  (folder / "train-labels-subtask-2.txt").read_text().splitlines())  # fmt: skip
    stexts, sframes = train_models.load_frames(data)
    keep = [k for k, i in enumerate(sorted(labels)) if i not in in_coded]
    ys = np.array([-0.5 if "Security_and_defense" in sframes[k] and "Cultural_identity" not in
                   sframes[k] else 0.5 if "Cultural_identity" in sframes[k] and
                   "Security_and_defense" not in sframes[k] else 0.0 for k in keep])  # fmt: skip
    coded = [record(t) for t in coded_texts]
    return {
        "vids": vids, "coded": coded, "code": np.array(codes),
        "corpus": np.array([rows[v]["dataset"] for v in vids]),
        "semeval": [record(stexts[k]) for k in keep], "ys": ys, "texts": coded_texts,
        "semeval_index": np.array(keep), "record": record,
        "lex": {g: np.array([lexicon_of(d, g) for d in coded]) for g in GRID},
    }  # fmt: skip


def best(ctx: dict, m: np.ndarray) -> Scoring:
    """``choose_scoring``'s criterion on the rows ``m``."""
    lex, code = ctx["lex"], ctx["code"]
    return min(GRID, key=lambda g: float(((lex[g][m] - code[m] / 2) ** 2).mean()))


def fit_on(
    ctx: dict, train: np.ndarray, g: Scoring, semeval: np.ndarray | None = None
) -> np.ndarray:
    """The coefficients fitted on the coded rows ``train`` + SemEval recast (see above;
    ``semeval``: a mask of the SemEval rows to use, default all)."""
    code = ctx["code"]
    x = np.array([features(d, g) for d in ctx["coded"]])
    y, sg = code[train] / 2, np.sign(code[train])
    sw = np.ones(len(y))
    for v in (-1, 0, 1):
        if (sg == v).any():
            sw[sg == v] = len(y) / (3 * (sg == v).sum())
    keep = np.ones(len(ctx["semeval"]), bool) if semeval is None else semeval
    xs = np.array([features(d, g) for d, k in zip(ctx["semeval"], keep, strict=True) if k])
    semeval_w = np.full(len(xs), SEMEVAL_SHARE * train.sum() / len(xs))
    return evidence.fit(np.vstack([x[train], xs]), np.concatenate([y, ctx["ys"][keep]]),
                        np.concatenate([sw, semeval_w]), l2=L2)  # fmt: skip


def held_out(ctx: dict, train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Model and lexicon components of the rows ``test``, everything chosen on ``train``."""
    g = best(ctx, train)
    b = fit_on(ctx, train, g)
    x = np.array([features(d, g) for d in ctx["coded"]])
    return np.tanh(x[test] @ b), ctx["lex"][g][test]


def crossfit(ctx: dict) -> tuple[np.ndarray, np.ndarray, float, list]:
    """The 2-fold (odd/even vids) held-out components and ``choose_weight``'s w on them."""
    n = len(ctx["code"])
    half = np.arange(n) % 2
    mod, lx = np.zeros(n), np.zeros(n)
    for h in (0, 1):
        mod[half == h], lx[half == h] = held_out(ctx, half != h, half == h)
    w, rows = choose_weight(lx, mod, ctx["code"])
    return mod, lx, w, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", nargs="+", default=list(DEFAULT_TEXTS))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--errors", action="store_true", help="list the held-out misses")
    args = parser.parse_args()
    ctx = prepare(tuple(args.texts), args.data)
    vids, coded, code, corpus = ctx["vids"], ctx["coded"], ctx["code"], ctx["corpus"]
    half = np.arange(len(code)) % 2
    mod, lx, w, wrows = crossfit(ctx)

    def figs(s: np.ndarray, m: np.ndarray) -> str:
        sc, cc = s[m], code[m]
        pos = f"{(sc[cc > 0] > 0).mean():.2f}" if (cc > 0).any() else "–"
        return (f"{spearmanr(sc, cc)[0]:.2f} | {pos} | {(sc[cc < 0] < 0).mean():.2f} | "
                f"{np.abs(sc[cc == 0]).mean():.2f}")  # fmt: skip

    both = w * lx + (1 - w) * mod
    print("| score | reported on | Spearman | sign right > 0 | < 0 | mean abs, coded 0 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, s in (("lexicon", lx), ("evidence model", mod), (f"combined, w = {w}", both)):
        for h, vids_ in ((0, "odd vids"), (1, "even vids")):
            print(f"| {name} | {vids_} | {figs(s, half == h)} |")
    for r in wrows:
        print(f"choose_weight: {r['half']} half chose w = {r['w']}; other half {r['held_out']}"
              f" vs lexicon alone {r['lexicon_alone']}")  # fmt: skip
    rng = np.random.default_rng(0)
    out: list[list[float]] = [[], [], []]
    for _ in range(20):
        m = np.zeros(len(code), bool)
        m[rng.permutation(len(code))[: len(code) // 2]] = True
        for fm in (m, ~m):
            p, q = held_out(ctx, fm, ~fm)
            for k, s in enumerate((p, q, w * q + (1 - w) * p)):
                out[k].append(float(spearmanr(s, code[~fm])[0]))
    for k, name in enumerate(("evidence model", "lexicon", f"combined w = {w}")):
        print(
            f"20 halvings, held-out Spearman, {name}: {np.mean(out[k]):.3f} "
            f"({min(out[k]):.2f}-{max(out[k]):.2f})"
        )
    print("\n| held-out corpus | n | lexicon | evidence model | combined |")
    print("| --- | --- | --- | --- | --- |")
    for name in sorted(set(corpus)):
        m = corpus == name
        p, q = held_out(ctx, ~m, m)
        c = code[m]
        cells = [f"{spearmanr(s, c)[0]:.2f} / {(s[c < 0] < 0).mean():.2f}"
                 for s in (q, p, w * q + (1 - w) * p)]  # fmt: skip
        print(f"| {name} | {m.sum()} | " + " | ".join(cells) + " |")
    if args.errors:
        for label, sel in (("coded 0, |lexicon| >= 0.3", (code == 0) & (np.abs(lx) >= 0.3)),
                           ("threat-coded, lexicon >= 0", (code < 0) & (lx >= 0)),
                           ("exchange-coded, lexicon <= 0", (code > 0) & (lx <= 0))):  # fmt: skip
            print(f"\n{label} (cross-fitted lexicon component):")
            for i in np.flatnonzero(sel):
                d = coded[i]
                by: dict[tuple[str, str], list[float]] = defaultdict(list)
                for h in d["hits"]:
                    if h.counted_for:
                        by[(h.counted_for, h.term)].append(h.weight)
                top = sorted(by.items(), key=lambda kv: -pole_weight_of(kv[1]))[:8]
                terms = ", ".join(f"{'-' if p == 'threat' else '+'}{t} x{len(ws)}"
                                  for (p, t), ws in top)  # fmt: skip
                print(
                    f"  {vids[i]} {corpus[i][:12]} code {code[i]:+.1f} lexicon {lx[i]:+.2f} "
                    f"{d['title'][:50]!r}: {terms}"
                )


def pole_weight_of(weights: list[float]) -> float:
    return sum(weights) / len(weights) * (1 + math.log(len(weights)))


if __name__ == "__main__":
    main()
