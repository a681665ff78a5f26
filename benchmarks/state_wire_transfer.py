"""Does the state_wire axis transfer? Leave-one-corpus-out (LOCO) and leave-one-outlet-out
(LOOO) over every shared corpus with state and non-state outlets.

    python benchmarks/state_wire_transfer.py                 # shipped + baselines, LOOO
    python benchmarks/state_wire_transfer.py --configs before,shipped,tfidf_plain --no-looo
    python benchmarks/state_wire_transfer.py --write         # RESULTS.md section + card block
    python benchmarks/state_wire_transfer.py --looo-only --looo shipped,tfidf_masked \
        --looo-outlets "China Daily,Tehran Times" --json a.json   # LOOO alone, shipped w
    python benchmarks/state_wire_transfer.py --merge a.json b.json --write  # LOOO section

For each held-out corpus a model is fitted on the training pool *without that corpus*
(corpora that never train the shipped model, ReCOVery and PPN, are always held out) and
scored on it: ROC AUC (state = negative pole, so higher = more wire-like for wire) of the
lexicon component alone, the model alone, their combination ``w * lexicon + (1 - w) *
model`` and plain TF-IDF logistic regressions (unmasked and masked) fitted on the same pool,
with 95% bootstrap intervals (stratified, 200 resamples) and the mean combined score per
class (0 should separate them: wire > 0 > state).

Held-out sets (the "full articles" ones are the targets; headline rows are reported beside):

* democracy: China Daily vs The New York Times (articles; democracy corpus left out);
* recovery: Sputnik, RT, Press TV vs 22 mainstream outlets (articles; never trained on);
* abp-aljazeera: Al Jazeera (state-funded) vs Reuters, AP, Bloomberg, BBC News (articles;
  the whole allsides corpus left out, so the wire outlets are unseen too);
* tehrantimes: Tehran Times (state only) paired with the 22 mainstream outlets of ReCOVery
  (never trained on): the only non-state articles outside the training pool; both
  different in topic from each other (Tehran Times: much culture and sport; ReCOVery:
  COVID-19), so this row has a topic confound of its own;
* cn-headlines: CGTN and Xinhua vs BBC headlines (the capped sample; corpus left out);
* ppn-titles: Russian pseudo-news titles vs mainstream Ukraine-war headlines (both
  headlines: length-matched);
* ppn-articles: the same pseudo-news as whole articles vs the mainstream headlines (the
  length confound: reported only, never used to choose anything).

Leave one outlet out: each training outlet of a configuration's pool is held out in turn,
the configuration refitted on the rest and the share of the outlet's texts on its side of 0
reported (``--looo-only`` uses the w and offset of the shipped file for ``shipped``; for a
TF-IDF baseline the model alone). With ``--write`` a LOOO-only run (or merge) writes its own
RESULTS.md section (``state-wire-looo``) and card block, never the LOCO ones.

The lexicon weight ``w`` is chosen here on the full-article rows (best mean AUC, ties to the
larger w) and is what scripts/train_models.py ships.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

import train_models as tm  # noqa: E402

ARTICLE_FOLDS = ("democracy", "recovery", "abp-aljazeera", "tehrantimes")
HEADLINE_FOLDS = ("cn-headlines", "ppn-titles")
CONFOUNDED_FOLDS = ("ppn-articles",)
FOLDS = ARTICLE_FOLDS + HEADLINE_FOLDS + CONFOUNDED_FOLDS
FOLD_LABELS = {
    "democracy": "democracy: China Daily vs NYT",
    "recovery": "ReCOVery: Sputnik/RT/Press TV vs 22 mainstream",
    "abp-aljazeera": "allsides: Al Jazeera vs Reuters/AP/Bloomberg/BBC",
    "tehrantimes": "Tehran Times vs ReCOVery mainstream",
    "cn-headlines": "CGTN/Xinhua vs BBC headlines",
    "ppn-titles": "PPN titles vs mainstream headlines",
    "ppn-articles": "PPN articles vs mainstream headlines (length-confounded)",
}
#: Training corpora each fold removes from the pool (besides the ones never trained on).
EXCLUDE = {
    "democracy": ("democracy",),
    "recovery": (),
    "abp-aljazeera": ("abp",),
    "tehrantimes": ("tehrantimes",),
    "cn-headlines": ("cn-headlines",),
    "ppn-titles": (),
    "ppn-articles": (),
}
N_BOOT = 200
CACHE = Path("/tmp/framing_state_wire_lexicon_cache.json")


# -- test sets ---------------------------------------------------------------------------


def fold_tests(rows: list[dict[str, Any]]) -> dict[str, tuple[list[str], Any]]:
    """Fold -> (texts, y) with y = 1 for wire/mainstream (the positive pole), 0 for state."""
    out: dict[str, tuple[list[str], Any]] = {}

    def put(name: str, sel: list[tuple[str, int]]) -> None:
        out[name] = ([t for t, _ in sel], np.array([y for _, y in sel]))

    put("democracy", [(r["text"], 1 - r["label"]) for r in rows if r["corpus"] == "democracy"])
    put("recovery", [(r["text"], 1 - r["label"]) for r in rows if r["corpus"] == "recovery"])
    put("abp-aljazeera", [(r["text"], int(r["label"] == 0)) for r in rows if r["corpus"] == "abp"])
    put(
        "tehrantimes",
        [(r["text"], 0) for r in rows if r["corpus"] == "tehrantimes"]
        + [(r["text"], 1) for r in rows if r["corpus"] == "recovery" and r["label"] == 0],
    )
    put(
        "cn-headlines",
        [
            (r["text"], 1 - r["label"])
            for r in rows
            if r["corpus"] == "cn-headlines" and r["role"] == "train"
        ],
    )
    heads = [(r["text"], 1) for r in rows if r["corpus"] == "ppn-headlines"]
    ppn = [r for r in rows if r["corpus"] == "ppn"]
    put("ppn-titles", [(r["text"].split("\n", 1)[0], 0) for r in ppn] + heads)
    put("ppn-articles", [(r["text"], 0) for r in ppn] + heads)
    return out


# -- lexicon component, cached ------------------------------------------------------------


def lexicon_scores(texts: list[str]) -> Any:
    """The state_wire lexicon component of each text (cached in /tmp by text hash)."""
    from framing.axes.lexicon import load_lexicons
    from framing.scoring.scorer import Scorer

    lex = load_lexicons()["state_wire"]
    tm.LEXICON_VERSIONS["state_wire"] = lex.version
    cache: dict[str, float] = {}
    if CACHE.is_file():
        stored = json.loads(CACHE.read_text())
        if stored.get("version") == lex.version:
            cache = stored["scores"]
    scorer = None
    out = []
    for t in texts:
        key = hashlib.sha1(t.encode("utf-8")).hexdigest()
        if key not in cache:
            if scorer is None:
                scorer = Scorer(lexicons={"state_wire": lex}, sentiment=False, use_models=False)
            cache[key] = scorer.score(t).axes["state_wire"].lexicon
        out.append(cache[key])
    if scorer is not None:
        CACHE.write_text(json.dumps({"version": lex.version, "scores": cache}))
    return np.array(out, dtype=float)


# -- statistics ---------------------------------------------------------------------------


def auc(y: Any, s: Any) -> float:
    """ROC AUC by ranks (ties get their mean rank)."""
    from scipy.stats import rankdata

    r = rankdata(s)
    n1 = int(y.sum())
    n0 = len(y) - n1
    return float((r[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def auc_ci(y: Any, s: Any, seed: int = 0, n_boot: int = N_BOOT) -> tuple[float, float, float]:
    """AUC and a stratified bootstrap 95% interval."""
    rng = np.random.default_rng(seed)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    boots = []
    for _ in range(n_boot):
        idx = np.concatenate([rng.choice(pos, len(pos)), rng.choice(neg, len(neg))])
        boots.append(auc(y[idx], s[idx]))
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return round(auc(y, s), 3), round(float(lo), 3), round(float(hi), 3)


# -- models -------------------------------------------------------------------------------


def pool_rows(rows: list[dict[str, Any]], config: dict[str, Any], exclude: tuple[str, ...]) -> list:
    corpora = set(config["corpora"]) - set(exclude)
    return [r for r in rows if r["role"] == "train" and r["corpus"] in corpora]


def fit_predict(config: dict[str, Any], train: list[dict[str, Any]], tests: list[list[str]]):
    """P(wire) for each test text list, from a model fitted on ``train``."""
    kind = config.get("kind", "framing")
    y = np.array([1 - r["label"] for r in train])  # 1 = wire
    texts = [r["text"] for r in train]
    if kind == "framing":
        model = tm.fit_state_wire(config, train)
        wire = [str(c) for c in model.classes_].index("wire")
        return [model.predict_proba(t)[:, wire] for t in tests]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from framing.models.features import Analyzer

    analyzer: Any = "word" if kind == "tfidf_plain" else Analyzer("masked", (1, 2))
    vec = TfidfVectorizer(
        analyzer=analyzer,
        ngram_range=(1, 2),
        min_df=3,
        sublinear_tf=True,
        max_features=50000,
        dtype=np.float64,
    )
    X = vec.fit_transform(texts)
    lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(X, y)
    return [lr.predict_proba(vec.transform(t))[:, 1] for t in tests]


def loco(
    rows: list[dict[str, Any]], config: dict[str, Any], tests: dict[str, Any]
) -> dict[str, Any]:
    """Held-out P(wire) per fold: one fit per distinct training pool."""
    by_pool: dict[tuple[int, ...], list[str]] = {}
    pools: dict[tuple[int, ...], list[dict[str, Any]]] = {}
    for fold in FOLDS:
        train = pool_rows(rows, config, EXCLUDE[fold])
        key = tuple(sorted(id(r) for r in train))
        by_pool.setdefault(key, []).append(fold)
        pools[key] = train
    out: dict[str, Any] = {}
    for key, folds in by_pool.items():
        t = time.time()
        preds = fit_predict(config, pools[key], [tests[f][0] for f in folds])
        out.update(zip(folds, preds, strict=True))
        tm.log(f"    fit on {len(pools[key])} texts -> {folds} ({time.time() - t:.0f}s)")
    return out


OFFSETS = [round(x, 2) for x in np.arange(-3.0, 3.001, 0.05)]


def shifted(p: Any, offset: float) -> Any:
    """P(wire) with ``offset`` added to the log-odds: what adding it to the model's
    intercept does (windows included, since their log-odds are averaged)."""
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return 1.0 / (1.0 + np.exp(-(np.log(p / (1 - p)) + offset)))


def midpoint(tests: dict[str, Any], score: dict[str, Any]) -> float:
    """Mean over the full-article folds of the midpoint between the two class means."""
    return float(
        np.mean(
            [
                (score[f][tests[f][1] == 0].mean() + score[f][tests[f][1] == 1].mean()) / 2
                for f in ARTICLE_FOLDS
            ]
        )
    )


def choose_weight(
    tests: dict[str, Any], lex: dict[str, Any], model: dict[str, Any], center: bool = False
) -> tuple[float, float]:
    """Lexicon weight with the best mean AUC over the full-article folds (ties: the larger
    weight) and, with ``center``, the log-odds offset for the model that puts 0 midway
    between the classes' mean combined scores (averaged over those folds)."""
    means, offsets = {}, {}
    for w in tm.WEIGHTS:
        offset = 0.0
        if center and w < 1:
            gaps = {
                o: abs(
                    midpoint(
                        tests,
                        {f: w * lex[f] + (1 - w) * (2 * shifted(model[f], o) - 1) for f in FOLDS},
                    )
                )
                for o in OFFSETS
            }
            offset = min(OFFSETS, key=lambda o: (gaps[o], abs(o)))
        offsets[w] = offset
        means[w] = np.mean(
            [
                auc(tests[f][1], w * lex[f] + (1 - w) * (2 * shifted(model[f], offset) - 1))
                for f in ARTICLE_FOLDS
            ]
        )
    best = max(means.values())
    w = max(v for v, m in means.items() if m >= best - 1e-9)
    return float(w), float(offsets[w])


def matrix(
    rows: list[dict[str, Any]], names: list[str], *, weight: float | None = None
) -> dict[str, Any]:
    """The LOCO matrix for configs ``names`` (from tm.STATE_WIRE_CONFIGS)."""
    tests = fold_tests(rows)
    lex = {f: lexicon_scores(tests[f][0]) for f in FOLDS}
    res: dict[str, Any] = {
        "n": {f: [int((tests[f][1] == 0).sum()), int(tests[f][1].sum())] for f in FOLDS},
        "lexicon": {f: auc_ci(tests[f][1], lex[f]) for f in FOLDS},
        "configs": {},
    }
    for name in names:
        config = tm.STATE_WIRE_CONFIGS[name]
        tm.log(f"  [{name}] LOCO")
        p = loco(rows, config, tests)
        entry: dict[str, Any] = {"model": {f: auc_ci(tests[f][1], p[f]) for f in FOLDS}}
        if config.get("kind", "framing") == "framing":
            w, offset = choose_weight(tests, lex, p, bool(config.get("center")))
            if weight is not None:
                w = weight
            entry["weight"], entry["offset"] = w, offset
            p = {f: shifted(p[f], offset) for f in FOLDS}
            entry["by_weight"] = {
                f: {
                    str(v): round(auc(tests[f][1], v * lex[f] + (1 - v) * (2 * p[f] - 1)), 3)
                    for v in tm.WEIGHTS
                }
                for f in FOLDS
            }
            comb = {f: w * lex[f] + (1 - w) * (2 * p[f] - 1) for f in FOLDS}
            entry["combined"] = {f: auc_ci(tests[f][1], comb[f]) for f in FOLDS}
            entry["mean_combined"] = {
                f: [
                    round(float(comb[f][tests[f][1] == 0].mean()), 3),
                    round(float(comb[f][tests[f][1] == 1].mean()), 3),
                ]
                for f in FOLDS
            }
            entry["mean_model"] = {
                f: [
                    round(float(2 * p[f][tests[f][1] == 0].mean() - 1), 3),
                    round(float(2 * p[f][tests[f][1] == 1].mean() - 1), 3),
                ]
                for f in FOLDS
            }
        arts = [entry.get("combined", entry["model"])[f][0] for f in ARTICLE_FOLDS]
        entry["article_mean"] = round(float(np.mean(arts)), 3)
        entry["article_min"] = round(float(np.min(arts)), 3)
        tm.log(f"  [{name}] {json.dumps({k: v for k, v in entry.items() if k != 'by_weight'})}")
        res["configs"][name] = entry
    return res


def looo(
    rows: list[dict[str, Any]],
    name: str,
    weight: float,
    offset: float = 0.0,
    outlets: list[str] | None = None,
) -> dict[str, Any]:
    """One training outlet held out at a time: share of its texts on the right side of 0.
    For a baseline (a TF-IDF config: no lexicon component) *combined* is the model itself."""
    config = tm.STATE_WIRE_CONFIGS[name]
    if config.get("kind", "framing") != "framing":
        weight, offset = 0.0, 0.0
    pool = pool_rows(rows, config, ())
    out: dict[str, Any] = {}
    for outlet in outlets or sorted({r["outlet"] for r in pool}):
        test = [r for r in pool if r["outlet"] == outlet]
        train = [r for r in pool if r["outlet"] != outlet]
        t = time.time()
        (p,) = fit_predict(config, train, [[r["text"] for r in test]])
        lex = lexicon_scores([r["text"] for r in test])
        # The scorer gives no lexicon score (NaN) to a text it reads as another language:
        # those texts are left out of every column (their count is kept).
        scored = ~np.isnan(lex)
        lex, p = lex[scored], p[scored]
        model = 2 * shifted(p, offset) - 1
        comb = weight * lex + (1 - weight) * model
        sign = 1 if test[0]["label"] == 0 else -1
        out[outlet] = {
            "label": "state" if sign < 0 else "wire/mainstream",
            "n": int(scored.sum()),
            "unscored": int((~scored).sum()),
            "lexicon": round(float((sign * lex > 0).mean()), 3),
            "lexicon_zero": round(float((lex == 0).mean()), 3),
            "model": round(float((sign * model > 0).mean()), 3),
            "combined": round(float((sign * comb > 0).mean()), 3),
            "mean_combined": round(float(comb.mean()), 3),
            "seconds": round(time.time() - t),
        }
        tm.log(f"  [{name}] LOOO {outlet}: {out[outlet]} ({time.time() - t:.0f}s)")
    return out


# -- rendering ----------------------------------------------------------------------------


def _ci(c: list[float] | tuple[float, ...]) -> str:
    return f"{c[0]:.3f} [{c[1]:.3f}, {c[2]:.3f}]"


def render(res: dict[str, Any]) -> str:
    if "n" not in res:  # a LOOO-only run (--looo-only)
        return render_looo(res)
    row = tm._row
    configs = res["configs"]
    out = [
        "ROC AUC on each held-out set (wire/mainstream = positive; 95% stratified bootstrap "
        f"intervals, {N_BOOT} resamples). Every model was fitted without the held-out corpus; "
        "ReCOVery and PPN never train any model. *combined* = `w * lexicon + (1 - w) * model` "
        "with the w in brackets. The targets are the full-article rows.",
        "",
    ]
    head = ["held-out set", "n state / wire", "lexicon alone"]
    cols: list[tuple[str, str, str]] = []
    for name, entry in configs.items():
        label = tm.STATE_WIRE_CONFIGS[name]["label"]
        if "combined" in entry:
            cols.append((name, "model", f"{label}: model"))
            cols.append((name, "combined", f"{label}: combined (w={entry['weight']})"))
        else:
            cols.append((name, "model", label))
    out.append(row(head + [c[2] for c in cols]))
    out.append(row(["---", "---:"] + ["---:"] * (1 + len(cols))))
    for f in FOLDS:
        n0, n1 = res["n"][f]
        cells = [FOLD_LABELS[f], f"{n0} / {n1}", _ci(res["lexicon"][f])]
        cells += [_ci(configs[name][kind][f]) for name, kind, _ in cols]
        out.append(row(cells))
    lex_arts = [res["lexicon"][f][0] for f in ARTICLE_FOLDS]
    cells = ["full articles: mean / min", "", f"{np.mean(lex_arts):.3f} / {min(lex_arts):.3f}"]
    for name, kind, _ in cols:
        v = [configs[name][kind][f][0] for f in ARTICLE_FOLDS]
        cells.append(f"{np.mean(v):.3f} / {min(v):.3f}")
    out.append(row(cells))
    for name, entry in configs.items():
        if "mean_combined" not in entry:
            continue
        label = tm.STATE_WIRE_CONFIGS[name]["label"]
        out += [
            "",
            f"{label}: mean score per class on each held-out set (state / wire; 0 should "
            "lie between them, state below):",
            "",
            row(["held-out set", "model: state", "model: wire", "combined: state",
                 "combined: wire"]),
            row(["---", "---:", "---:", "---:", "---:"]),
        ]  # fmt: skip
        for f in FOLDS:
            m, c = entry["mean_model"][f], entry["mean_combined"][f]
            out.append(row([FOLD_LABELS[f], f"{m[0]:+.3f}", f"{m[1]:+.3f}", f"{c[0]:+.3f}",
                            f"{c[1]:+.3f}"]))  # fmt: skip
    if res.get("looo"):
        out += ["", render_looo(res)]
    return "\n".join(out)


def render_looo(res: dict[str, Any]) -> str:
    """One table: each training outlet held out in turn, one column pair per config."""
    row = tm._row
    tables = res["looo"]
    mixing = res.get("looo_mixing", {})
    outlets: list[str] = []
    for table in tables.values():
        outlets += [o for o in table if o not in outlets]
    head = ["outlet held out", "label", "n", "lexicon (= 0)"]
    cols: list[tuple[str, str]] = []
    for name in tables:
        config = tm.STATE_WIRE_CONFIGS[name]
        label = config["label"]
        if config.get("kind", "framing") == "framing":
            label = label.split(" (")[0]  # "shipped": its pool and weighting are above
            w, o = mixing.get(name, [None, None])
            cols += [(name, "model"), (name, "combined"), (name, "mean_combined")]
            head += [f"{label}: model", f"{label}: combined (w={w}, offset {o})",
                     f"{label}: mean combined"]  # fmt: skip
        else:
            cols.append((name, "model"))
            head.append(label)
    out = [
        "One training outlet held out at a time (every model refitted without it; everything "
        "else in the configuration's pool trains): share of the outlet's texts on its side of "
        "0 (state < 0 < wire; a score of exactly 0 counts as wrong, and the lexicon gives 0 to "
        "a text without a hit: the share at 0 is in brackets). Texts the scorer reads as "
        "another language get no lexicon score and are left out (counted beside n). "
        "*combined* = `w * lexicon + (1 - w) * model` with the model's log-odds shifted by "
        "the offset, as the shipped file does; for a TF-IDF baseline the column is the model "
        "alone.",
        "",
        row(head),
        row(["---", "---", "---:"] + ["---:"] * (len(head) - 3)),
    ]
    for outlet in outlets:
        first = next(t[outlet] for t in tables.values() if outlet in t)
        lex = f"{first['lexicon']:.3f}"
        if "lexicon_zero" in first:
            lex += f" ({first['lexicon_zero']:.3f})"
        n = f"{first['n']}" + (
            f" (+{first['unscored']} not scored)" if first.get("unscored") else ""
        )
        cells = [outlet, first["label"], n, lex]
        for name, key in cols:
            m = tables[name].get(outlet)
            if m is None:
                cells.append("not measured")
            elif key == "mean_combined":
                cells.append(f"{m[key]:+.3f}")
            else:
                cells.append(f"{m[key]:.3f}")
        out.append(row(cells))
    return "\n".join(out)


def shipped_mixing() -> tuple[float, float]:
    """The lexicon weight and log-odds offset the shipped file uses (its metrics file)."""
    metrics = json.loads((tm.MODELS / "state_wire.metrics.json").read_text())
    return float(metrics["lexicon_weight"]), float(metrics["intercept_offset"])


TRANSFER_BEGIN = "<!-- transfer:begin (written by benchmarks/state_wire_transfer.py) -->"
TRANSFER_END = "<!-- transfer:end -->"
LOOO_BEGIN = "<!-- looo:begin (written by benchmarks/state_wire_transfer.py --looo-only) -->"
LOOO_END = "<!-- looo:end -->"


def write_card(block: str, begin: str = TRANSFER_BEGIN, end: str = TRANSFER_END) -> None:
    path = tm.MODELS / "state_wire.md"
    text = path.read_text(encoding="utf-8")
    if begin not in text:
        text = text.replace(tm.BEGIN, f"{begin}\n{end}\n\n{tm.BEGIN}", 1)
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{block}\n{end}{tail}", encoding="utf-8")


def main() -> None:
    from _results import command_line, machine_lines
    from sections import update_section

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument(
        "--configs",
        default="before,shipped,tfidf_plain,tfidf_masked",
        help="comma-separated names from scripts/train_models.py STATE_WIRE_CONFIGS",
    )
    parser.add_argument("--no-looo", action="store_true", help="skip leave-one-outlet-out")
    parser.add_argument("--looo", default="before,shipped", help="configs to run LOOO for")
    parser.add_argument(
        "--looo-outlets", default="", help="comma-separated outlets (default: every one)"
    )
    parser.add_argument(
        "--weight-from",
        type=Path,
        help="take w and the offset of each config from this --json file (no re-choosing)",
    )
    parser.add_argument(
        "--looo-only",
        action="store_true",
        help="LOOO only, no LOCO: shipped takes the w and offset of the shipped file "
        "(state_wire.metrics.json), TF-IDF baselines need none; --write then writes the "
        "state-wire-looo section and the card's looo block, leaving the LOCO ones alone",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--write", action="store_true", help="RESULTS.md section + card block")
    parser.add_argument(
        "--merge",
        type=Path,
        nargs="+",
        help="render (and --write) the configs of earlier --json files instead of measuring",
    )
    args = parser.parse_args()
    if args.merge:
        res: dict[str, Any] = {"configs": {}, "looo": {}, "seconds": 0, "commands": []}
        for path in args.merge:
            part = json.loads(path.read_text())
            if "n" in part:
                res["n"], res["lexicon"] = part["n"], part["lexicon"]
            res["configs"].update(part["configs"])
            for n, table in part.get("looo", {}).items():  # outlet subsets of one config add up
                res["looo"].setdefault(n, {}).update(table)
            res.setdefault("looo_mixing", {}).update(part.get("looo_mixing", {}))
            res["seconds"] += part["seconds"]
            res["commands"].append(part.get("command", ""))
    else:
        from framing.models import features

        features.enable_cache()
        t = time.time()
        rows = tm.load_state_wire(args.data)
        names = [n for n in args.configs.split(",") if n]
        outlets = [o for o in args.looo_outlets.split(",") if o] or None
        if args.looo_only:
            res = {"configs": {}, "looo": {}, "looo_mixing": {}}
            for n in args.looo.split(","):
                kind = tm.STATE_WIRE_CONFIGS[n].get("kind", "framing")
                if kind != "framing":
                    w, o = 0.0, 0.0
                elif n == "shipped":
                    w, o = shipped_mixing()
                else:
                    c = json.loads(args.weight_from.read_text())["configs"][n]
                    w, o = c["weight"], c["offset"]
                res["looo_mixing"][n] = [w, o]
                res["looo"][n] = looo(rows, n, w, o, outlets)
        elif args.weight_from:
            # LOOO only, with the weight and offset chosen by an earlier LOCO run.
            res = json.loads(args.weight_from.read_text())
            res["looo"] = {}
            for n in args.looo.split(","):
                c = res["configs"][n]
                res["looo"][n] = looo(rows, n, c.get("weight", 0.0), c.get("offset", 0.0), outlets)
        else:
            res = matrix(rows, names)
        if not args.no_looo and not args.weight_from and not args.looo_only:
            res["looo"] = {
                n: looo(rows, n, res["configs"][n]["weight"], res["configs"][n]["offset"], outlets)
                for n in args.looo.split(",")
                if n in names
            }
        res["seconds"] = round(time.time() - t)
        res["command"] = command_line()
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n")
    block = render(res)
    print(block)
    if args.write and "n" not in res:  # LOOO only: its own section and card block
        body = [
            "## state_wire leave one outlet out",
            "",
            *machine_lines(["scikit-learn", "numpy"]),
            *[f"- Command: `{c}`" for c in res.get("commands", [command_line()])],
            *([f"- Merged and written by: `{command_line()}`"] if args.merge else []),
            f"- Compute: {res['seconds']} s in all",
            "",
            block,
        ]
        update_section("state-wire-looo", "\n".join(body))
        write_card(block, LOOO_BEGIN, LOOO_END)
    elif args.write:
        body = [
            "## state_wire transfer (leave one corpus / outlet out)",
            "",
            *machine_lines(["scikit-learn", "numpy"]),
            *[f"- Command: `{c}`" for c in res.get("commands", [command_line()])],
            f"- Compute: {res['seconds']} s in all",
            "",
            block,
        ]
        update_section("state-wire-transfer", "\n".join(body))
        write_card(block)


if __name__ == "__main__":
    main()
