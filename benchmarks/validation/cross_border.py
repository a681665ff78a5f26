"""Tried, not shipped: a cross-border context feature for threat_exchange's exchange pole.

    python benchmarks/validation/cross_border.py [--texts DIR DIR] [--data DIR]

The codebook's rule T7 ("sport and culture without a cross-cultural element are 0") says
exchange vocabulary counts only where peoples or cultures meet; the lexicon cannot tell a
domestic film premiere from a touring troupe. This script asks whether the evidence model
gains from knowing it: a sentence is *cross-border* when it (or a neighbour) names a country,
a nationality or a marker such as "foreign", "abroad", "visitors", "delegation". Three
variants of ``threat_model.features``, each fitted and reported exactly as
``threat_model.py`` does (2-fold cross-fitting on odd/even vids of the first coded set,
``choose_weight`` on the held-out components, 20 random halvings):

* ``add``: one more feature, the exchange evidence within cross-border sentences;
* ``gate``: the six exchange features scaled by the share of exchange evidence that is
  cross-border;
* ``names``: the exchange evidence times the number of distinct countries and nationalities
  named (at most 3) / 3.

The word lists are written from the codebook, not from the coded texts; they live here, not
in the package, because nothing of this ships. Result (2026-12-05, about 10 s): the best,
``gate``, moves the combined score's held-out Spearman from 0.661 / 0.684 to 0.685 / 0.683
(20 halvings 0.681 -> 0.691), the exchange side not at all; see the evidence model's card.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import threat_model as tm  # noqa: E402

from framing.models import evidence  # noqa: E402

_COUNTRIES = """afghanistan albania algeria angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon
    canada chile china colombia congo croatia cuba cyprus czech denmark egypt england estonia
    ethiopia finland france georgia germany ghana greece guatemala haiti honduras hungary
    iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya
    korea kosovo kuwait laos latvia lebanon libya lithuania malaysia mali mexico moldova
    mongolia morocco mozambique myanmar nepal netherlands zealand nicaragua niger nigeria norway
    oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania
    russia rwanda saudi scotland senegal serbia singapore slovakia slovenia somalia spain lanka
    sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey uganda
    ukraine emirates uk us usa america uruguay uzbekistan venezuela vietnam wales yemen zambia
    zimbabwe europe africa asia beijing washington moscow tehran london paris tokyo seoul delhi
    afghan albanian algerian american argentine armenian australian austrian bangladeshi
    belgian brazilian british bulgarian canadian chilean chinese colombian cuban danish dutch
    egyptian english ethiopian european filipino finnish french german ghanaian greek
    hungarian indian indonesian iranian iraqi irish israeli italian japanese jordanian kenyan
    korean kurdish lebanese libyan malaysian mexican mongolian moroccan nepalese nigerian
    norwegian pakistani palestinian persian peruvian polish portuguese qatari romanian russian
    scottish serbian singaporean somali spanish swedish swiss syrian taiwanese thai tunisian
    turkish ugandan ukrainian venezuelan vietnamese welsh yemeni african asian arab"""
_MARKERS = """foreign foreigner foreigners international internationally abroad overseas visitor
    visitors tourist tourists delegation delegations embassy embassies ambassador ambassadors
    bilateral cross-border global worldwide expat expats expatriate expatriates immigrant
    immigrants diaspora exchange exchanges nations countries peoples intercultural
    cross-cultural multicultural"""
COUNTRIES = frozenset(_COUNTRIES.split())
MARKERS = frozenset(_MARKERS.split())
TOKEN = re.compile(r"[a-z][a-z\-]+")


def annotate(record: Callable[[str], dict]) -> Callable[[str], dict]:
    """``record`` plus, per sentence, whether it is cross-border, and the number of
    distinct countries and nationalities named."""
    from framing.scoring.scorer import Scorer

    scorer = Scorer(sentiment=False, use_models=False)

    def wrapped(text: str) -> dict:
        d = record(text)
        words = [set(TOKEN.findall(s.lower())) for s in scorer.score(text).sentences]
        d["xb"] = [bool(w & (COUNTRIES | MARKERS)) for w in words]
        d["names"] = len(set().union(*words) & COUNTRIES) if words else 0
        return d

    return wrapped


def variant(mode: str) -> Callable[[dict, object], list[float]]:
    base = tm.features

    def features(d: dict, g) -> list[float]:  # type: ignore[no-untyped-def]
        row = base(d, g)
        if mode == "base":
            return row
        p = tm.params_of(g)
        den = p["prior"] + p["prior_per_1k_tokens"] * d["n_tokens"] / 1000
        flags = d["xb"]
        exchange = [h for h in d["hits"] if h.counted_for == "exchange"]
        near = [h for h in exchange
                if any(flags[j] for j in range(max(0, h.sentence - 1),
                                               min(len(flags), h.sentence + 2)))]  # fmt: skip
        total = evidence._pole_weight(exchange) / den
        cross = evidence._pole_weight(near) / den
        if mode == "add":
            return [*row, cross]
        if mode == "gate":
            share = cross / total if total else 0.0
            return row[:6] + [v * share for v in row[6:]]
        return [*row, min(d["names"], 3) / 3 * total]  # names

    return features


def report(ctx: dict, mode: str) -> list[str]:
    tm.features = variant(mode)
    code = ctx["code"]
    half = np.arange(len(code)) % 2
    mod, lx, w, _ = tm.crossfit(ctx)

    def figs(s: np.ndarray, m: np.ndarray) -> str:
        sc, cc = s[m], code[m]
        return (f"{spearmanr(sc, cc)[0]:.3f} / {(sc[cc > 0] > 0).mean():.2f} / "
                f"{(sc[cc < 0] < 0).mean():.2f} / {np.abs(sc[cc == 0]).mean():.3f}")  # fmt: skip

    rng = np.random.default_rng(0)
    halvings = []
    for _ in range(20):
        m = np.zeros(len(code), bool)
        m[rng.permutation(len(code))[: len(code) // 2]] = True
        for fm in (m, ~m):
            p, q = tm.held_out(ctx, fm, ~fm)
            halvings.append((spearmanr(p, code[~fm])[0], spearmanr(w * q + (1 - w) * p,
                                                                   code[~fm])[0]))  # fmt: skip
    model20, both20 = np.mean(halvings, axis=0)
    both = w * lx + (1 - w) * mod
    return [
        f"| {mode} | model | {figs(mod, half == 0)} | {figs(mod, half == 1)} | {model20:.3f} |",
        f"| {mode} | combined, w = {w} | {figs(both, half == 0)} | {figs(both, half == 1)} "
        f"| {both20:.3f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", nargs="+", default=list(tm.DEFAULT_TEXTS))
    parser.add_argument("--data", type=Path, default=tm.ROOT.parent / "shared" / "datasets")
    args = parser.parse_args()
    ctx = tm.prepare(tuple(args.texts), args.data)
    record = annotate(ctx["record"])
    import train_models

    stexts, _ = train_models.load_frames(args.data)
    ctx["coded"] = [record(t) for t in ctx["texts"]]
    ctx["semeval"] = [record(stexts[k]) for k in ctx["semeval_index"]]
    print("Held out; each cell Spearman / sign right, coded > 0 / coded < 0 / mean |score| at "
          "coded 0.\n")  # fmt: skip
    print("| variant | component | odd half | even half | 20 halvings, Spearman |")
    print("| --- | --- | --- | --- | --- |")
    for mode in ("base", "add", "gate", "names"):
        print("\n".join(report(ctx, mode)))


if __name__ == "__main__":
    main()
