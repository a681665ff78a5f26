"""Outlet labels or tone? What the blind coders' own state_wire codes say about the outlet
labels that the leave-one-corpus-out targets use.

    python benchmarks/validation/tone_vs_outlet.py [--load SW_MIX.npz] [--write]

state_wire's documented meaning is *tone* (codebook.md, axis B), and its transfer targets
are ROC AUCs against *outlet* labels (state-affiliated vs wire/mainstream). The two agree
only as far as state outlets write in the state-media register. The coded sets measure how
far that is, with no score of ours involved:

1. **Coders as a score.** The mean of the two coders' codes (outlet names masked, texts in
   shuffled order) used as if it were a score, against the outlet label, for each pair of
   the transfer matrix that the coded sets cover: the ROC AUC a perfect tone measure (one
   that agrees with the coders on every article) would reach on those outlet labels.
2. **Where the coders put each state outlet's articles**: share coded < 0, = 0, > 0.
3. With ``--load`` (a ``benchmarks/state_wire_mixing.py --dump`` file, whose model
   components come from fits that left the article's corpus out): the same coded articles
   scored by the lexicon, the held-out model and the shipped mixture; within each corpus
   the Spearman correlation with the mean code and the sign agreement on each side, and the
   outlet-label AUC beside the coders' own.

Tables 1-2 read only files in this folder (codes, samples). The hold-out set's codes are
used the same way, as a replication: no score of the hold-out texts is computed here, so its
once-per-configuration scoring rule (holdout.py) is untouched.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT / "scripts"))

N_BOOT = 2000
#: Transfer-matrix pairs the coded sets cover: (label, state rows, wire/mainstream rows).
#: The headline sets were never coded.
PAIRS = (
    ("democracy: China Daily vs NYT", ("democracy-chinadaily-vs-nyt", True),
     ("democracy-chinadaily-vs-nyt", False)),
    ("ReCOVery: Sputnik/RT/Press TV vs mainstream", ("recovery-covid-rt-sputnik-presstv", True),
     ("recovery-covid-rt-sputnik-presstv", False)),
    ("Tehran Times vs ReCOVery mainstream", ("tehrantimes-iran-state", True),
     ("recovery-covid-rt-sputnik-presstv", False)),
    ("allsides: Al Jazeera vs Reuters/AP/Bloomberg/BBC", ("allsides-abp-wire-subset", True),
     ("allsides-abp-wire-subset", False)),
)  # fmt: skip
SETS = {
    "coded set": ("codes.csv", ("sample.csv", "sample_supplement.csv")),
    "hold-out set (codes only)": ("codes_holdout.csv", ("sample_holdout.csv",)),
    "Al Jazeera check": ("codes_aljazeera.csv", ("sample_aljazeera.csv",)),
}
#: State-funded outlets that sample.py types "other": the transfer matrix counts them state.
STATE_FUNDED = {"Al Jazeera"}
BEGIN = "<!-- tone:begin (written by benchmarks/validation/tone_vs_outlet.py) -->"
END = "<!-- tone:end -->"


def load(codes: str, samples: Sequence[str], folder: Path = HERE) -> list[dict[str, Any]]:
    """One row per coded article: vid, dataset, outlet, state (bool), mean state_wire code."""
    meta: dict[str, dict[str, str]] = {}
    for name in samples:
        with open(folder / name, encoding="utf-8") as f:
            meta.update({r["vid"]: r for r in csv.DictReader(f)})
    with open(folder / codes, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        m = meta[r["vid"]]
        code = (float(r["state_wire_coder1"]) + float(r["state_wire_coder2"])) / 2
        state = m["outlet_type"] == "state" or m["outlet"] in STATE_FUNDED
        out.append({"vid": r["vid"], "dataset": r["dataset"], "outlet": m["outlet"],
                    "state": state, "code": code})  # fmt: skip
    return out


def alpha(codes: str, folder: Path = HERE) -> float | None:
    """Krippendorff's alpha (ordinal) of the two coders' state_wire codes in ``codes``."""
    from framing.benchmark.validate import krippendorff_alpha

    with open(folder / codes, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    table = np.array([[float(r[f"state_wire_coder{i}"]) for r in rows] for i in (1, 2)])
    return krippendorff_alpha(table)


def pair_index(rows: list[dict[str, Any]], state: tuple[str, bool], wire: tuple[str, bool]):
    """Indices of the pair's state rows and wire/mainstream rows (outlet type is 'state' or
    not, within the named data set)."""
    s = [i for i, r in enumerate(rows) if (r["dataset"], r["state"]) == state]
    w = [i for i, r in enumerate(rows) if (r["dataset"], r["state"]) == wire]
    return s, w


def share_interval(x: Any, seed: int = 0) -> str:
    """Share of True in ``x`` with a bootstrap 95% interval."""
    rng = np.random.default_rng(seed)
    boots = [x[rng.integers(0, len(x), len(x))].mean() for _ in range(N_BOOT)]
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return f"{x.mean():.2f} [{lo:.2f}, {hi:.2f}]"


def coders_table(sets: dict[str, list[dict[str, Any]]]) -> list[str]:
    import state_wire_transfer as transfer

    lines = [
        "| pair (transfer matrix row) | set | n state / wire | coders' mean code as a score: "
        "AUC vs outlet label [95%] |",
        "| --- | --- | ---: | --- |",
    ]
    for label, st, wi in PAIRS:
        for name, rows in sets.items():
            s, w = pair_index(rows, st, wi)
            if not s or not w:
                continue  # this set has no article on one side of the pair
            code = np.array([rows[i]["code"] for i in s + w])
            y = np.array([0] * len(s) + [1] * len(w))
            a, lo, hi = transfer.auc_ci(y, code, n_boot=N_BOOT)
            lines.append(f"| {label} | {name} | {len(s)} / {len(w)} | "
                         f"{a:.3f} [{lo:.3f}, {hi:.3f}] |")  # fmt: skip
    return lines


def outlets_table(sets: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = [
        "| state outlet (data set) | set | n | coded < 0 (state tone) [95%] | coded 0 "
        "| coded > 0 (wire tone) [95%] |",
        "| --- | --- | ---: | --- | ---: | --- |",
    ]
    groups = sorted({(r["dataset"], r["outlet"]) for rows in sets.values() for r in rows
                     if r["state"]})  # fmt: skip
    for dataset, outlet in groups:
        for name, rows in sets.items():
            code = np.array([r["code"] for r in rows
                             if (r["dataset"], r["outlet"]) == (dataset, outlet)])  # fmt: skip
            if len(code) == 0:
                continue
            lines.append(f"| {outlet} ({dataset}) | {name} | {len(code)} | "
                         f"{share_interval(code < 0)} | {np.mean(code == 0):.2f} | "
                         f"{share_interval(code > 0)} |")  # fmt: skip
    return lines


def components(rows: list[dict[str, Any]], dump: Path) -> list[str]:
    """Per data set of the coded set: each component against the mean code, and the outlet-
    label AUC of each beside the coders'."""
    import state_wire_mixing as mixing
    import state_wire_transfer as transfer
    from scipy.stats import spearmanr

    d = np.load(dump)
    by_vid = {r["vid"]: r for r in rows}
    vids = [str(v) for v in d["vids"]]
    if set(vids) != set(by_vid):
        raise SystemExit(f"{dump}: its coded articles are not codes.csv's; re-run --dump")
    code = np.array([by_vid[v]["code"] for v in vids])
    dataset = np.array([by_vid[v]["dataset"] for v in vids])
    w, offset = transfer.shipped_mixing()
    lex = np.nan_to_num(d["ev_coded"][:, 0])
    model = mixing.model_component(d["p_coded"], offset)
    scores = {"lexicon": lex, "model (held out)": model,
              f"shipped mixture (w = {w:g})": w * lex + (1 - w) * model}  # fmt: skip
    lines = [
        "| data set | n (coded < 0 / > 0) | score | Spearman with mean code | sign right, "
        "coded > 0 | sign right, coded < 0 | mean score |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for ds in [*sorted(set(dataset)), "all"]:
        k = dataset == ds if ds != "all" else np.ones(len(code), bool)
        c = code[k]
        for name, s in scores.items():
            x = s[k]
            rho = float(spearmanr(x, c).statistic)
            pos = f"{(x[c > 0] > 0).mean():.2f}" if (c > 0).any() else "–"
            neg = f"{(x[c < 0] < 0).mean():.2f}" if (c < 0).any() else "–"
            lines.append(f"| {ds} | {k.sum()} ({(c < 0).sum()} / {(c > 0).sum()}) | {name} | "
                         f"{rho:.2f} | {pos} | {neg} | {x.mean():+.2f} |")  # fmt: skip
    ordered = [by_vid[v] for v in vids]
    lines += [
        "",
        "The same coded articles, outlet-label ROC AUC of each score beside the coders' own "
        "(wire/mainstream = positive):",
        "",
        "| pair | n state / wire | coders | " + " | ".join(scores) + " |",
        "| --- | ---: | ---: | " + " | ".join("---:" for _ in scores) + " |",
    ]
    for label, st, wi in PAIRS:
        s, wr = pair_index(ordered, st, wi)
        if not s or not wr:
            continue
        idx = np.array(s + wr)
        y = np.array([0] * len(s) + [1] * len(wr))
        cells = [f"{transfer.auc(y, code[idx]):.3f}"]
        cells += [f"{transfer.auc(y, v[idx]):.3f}" for v in scores.values()]
        lines.append(f"| {label} | {len(s)} / {len(wr)} | " + " | ".join(cells) + " |")
    return lines


def scored_check(rows: list[dict[str, Any]], texts: Path) -> list[str]:
    """The Al Jazeera check scored as shipped, beside the coders, on its outlet labels."""
    import state_wire_transfer as transfer
    from scipy.stats import spearmanr

    from framing.scoring.scorer import Scorer

    scorer = Scorer(sentiment=False)
    cols = {"state_wire": [], "state_wire_lexicon": [], "state_wire_model": []}
    for r in rows:
        axis = scorer.score((texts / f"{r['vid']}.txt").read_text(encoding="utf-8"))
        a = axis.axes["state_wire"]
        for name, value in zip(cols, (a.score, a.lexicon, a.model), strict=True):
            cols[name].append(np.nan if value is None else value)
    y = np.array([0 if r["state"] else 1 for r in rows])
    code = np.array([r["code"] for r in rows])
    lines = [
        "| score | outlet-label AUC [95%] | Spearman with mean code | Al Jazeera: share < 0 |",
        "| --- | --- | ---: | ---: |",
    ]
    a, lo, hi = transfer.auc_ci(y, code, n_boot=N_BOOT)
    lines.append(f"| coders' mean code | {a:.3f} [{lo:.3f}, {hi:.3f}] | 1 | "
                 f"{(code[y == 0] < 0).mean():.2f} |")  # fmt: skip
    for name, values in cols.items():
        s = np.nan_to_num(np.array(values, dtype=float))
        a, lo, hi = transfer.auc_ci(y, s, n_boot=N_BOOT)
        rho = float(spearmanr(s, code).statistic)
        lines.append(f"| `{name}` | {a:.3f} [{lo:.3f}, {hi:.3f}] | {rho:.2f} | "
                     f"{(s[y == 0] < 0).mean():.2f} |")  # fmt: skip
    return lines


def report(dump: Path | None, check_texts: Path | None = None) -> str:
    sets = {name: load(codes, samples) for name, (codes, samples) in SETS.items()
            if (HERE / codes).is_file()}  # fmt: skip
    lines = [
        "**1. The coders' codes as a score.** ROC AUC of the mean of the two blind coders' "
        "state_wire codes against the outlet label (state-affiliated = 0, wire/mainstream = 1; "
        f"ties count half; stratified bootstrap, {N_BOOT} resamples). This is what a score that "
        "agreed with the coders on every article would reach on the outlet labels of the "
        "transfer matrix (the headline sets were never coded).",
        "",
        *coders_table(sets),
        "",
        "The coders' agreement on state_wire (Krippendorff's alpha, ordinal): "
        + ", ".join(f"{name} {alpha(SETS[name][0]):.3f}" for name in sets)
        + ".",
        "",
        "**2. Where the coders put each state outlet's articles** (mean code; bootstrap 95% "
        "intervals on the shares):",
        "",
        *outlets_table(sets),
    ]
    if dump is not None:
        lines += [
            "",
            "**3. The components on the coded set, per data set** (model components from the "
            f"leave-one-corpus-out fits of `{dump.name}`, a `benchmarks/state_wire_mixing.py "
            "--dump`; the never-trained sets get the full-pool fit; shipped weight and offset):",
            "",
            *components(sets["coded set"], dump),
        ]
    check = sets.get("Al Jazeera check")
    if check is not None and check_texts is not None and check_texts.is_dir():
        lines += [
            "",
            "**4. The Al Jazeera check scored as shipped** (the 80 texts the coders read; the "
            "shipped model trained on these four wire and BBC outlets' articles, so its wire "
            "side is in-sample, and the lexicon's mined entries saw this corpus; Al Jazeera "
            "itself never trained anything):",
            "",
            *scored_check(check, check_texts),
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", type=Path, help="a state_wire_mixing.py --dump file")
    parser.add_argument(
        "--write", action="store_true", help="write the RESULTS.md section and the card block"
    )
    parser.add_argument(
        "--check-texts",
        type=Path,
        default=Path("/tmp/coding_aljazeera/texts"),
        help="the Al Jazeera check's masked texts (aljazeera.py), to score them",
    )
    args = parser.parse_args()
    block = report(args.load, args.check_texts)
    print(block)
    if args.write:
        import state_wire_transfer as transfer
        from _results import command_line, machine_lines
        from sections import update_section

        body = ["## state_wire: outlet labels or tone (coders as a score)", "",
                *machine_lines(["scikit-learn", "numpy", "scipy"]),
                f"- Command: `{command_line()}`", "", block]  # fmt: skip
        update_section("state-wire-tone-vs-outlet", "\n".join(body))
        transfer.write_card(block, BEGIN, END)


if __name__ == "__main__":
    main()
