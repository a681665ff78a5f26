"""Language detection for the language gate: lingua-language-detector vs py3langid.

    nice python benchmarks/language_detection.py            # prints the tables
    nice python benchmarks/language_detection.py --write    # and writes its RESULTS.md section

Both candidates must be installed to run it (framing ships only the chosen one). What is
measured, on this machine, offline:

* a multilingual sample in en, zh, fr, es, de, ru, ar, fa built from the gettext message
  catalogues (``/usr/share/locale/*/LC_MESSAGES/*.mo``) found on the machine: each
  translated message of 30+ characters is one text, its English original one English text.
  These are software messages, not news (nothing else multilingual is on the machine); read
  at run time, never copied into the project. Split by length: short (30-79 characters,
  headline-sized) and long (80+).
* false non-English rate on 2,000 English news articles from the shared corpora
  (allsides-abp-wire-subset, recovery-covid-rt-sputnik-presstv, democracy-chinadaily-vs-nyt)
  and on the English headline sets cn-state-media-headlines (3,000 sampled) and gvfc (all),
  raw and with framing's gate rule (``framing.scoring.language``: too short or not
  confident -> treated as the axes' language).
* speed: texts per second on the articles (each detector reads what the gate reads: the
  first ``DETECT_CHARS`` characters), and the detector's load time.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._results import command_line, machine_lines  # noqa: E402
from benchmarks.sections import update_section  # noqa: E402
from framing.scoring import language  # noqa: E402
from framing.scoring.language import DETECT_CHARS, article_language  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"
LANGS = {
    "zh": ["zh_CN", "zh_TW"],
    "fr": ["fr"],
    "es": ["es"],
    "de": ["de"],
    "ru": ["ru"],
    "ar": ["ar"],
    "fa": ["fa"],
}
PER_LANG = 150  # texts per language and length class


def gettext_sample(seed: int = 0) -> dict[tuple[str, str], list[str]]:
    """(language, "short" | "long") -> texts, from the machine's .mo catalogues."""
    pools: dict[tuple[str, str], set[str]] = {}
    english: dict[str, set[str]] = {"short": set(), "long": set()}
    for lang, dirs in LANGS.items():
        for d in dirs:
            for mo in sorted(Path("/usr/share/locale").glob(f"{d}/LC_MESSAGES/*.mo")):
                try:
                    with mo.open("rb") as fh:
                        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
                except Exception:  # a damaged or foreign catalogue: not ours to judge
                    continue
                for src, dst in catalog.items():
                    if not isinstance(src, str) or not src or not isinstance(dst, str):
                        continue
                    for text, key in ((dst, lang), (src, "en")):
                        text = " ".join(text.replace("%s", "").replace("%d", "").split())
                        if len(text) < 30 or (text == src and key != "en"):
                            continue
                        size = "short" if len(text) < 80 else "long"
                        (
                            english[size] if key == "en" else pools.setdefault((key, size), set())
                        ).add(text)
    for size, texts in english.items():
        pools[("en", size)] = texts
    rng = random.Random(seed)
    return {k: rng.sample(sorted(v), min(PER_LANG, len(v))) for k, v in sorted(pools.items())}


def english_articles(n: int = 2000, seed: int = 0) -> list[str]:
    files = [
        DATA / "allsides-abp-wire-subset" / "abp_wire_bbc_aljazeera.jsonl.gz",
        DATA / "recovery-covid-rt-sputnik-presstv" / "articles.jsonl.gz",
        DATA / "democracy-chinadaily-vs-nyt" / "articles.jsonl.gz",
    ]
    texts: list[str] = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        body = [str(r.get("text") or r.get("content") or "") for r in rows]
        texts.extend(t for t in body if t.strip())
    return random.Random(seed).sample(texts, n)


def headlines(seed: int = 0) -> dict[str, list[str]]:
    with open(
        DATA / "cn-state-media-headlines" / "cn_state_vs_bbc_headlines_2022.csv", encoding="utf-8"
    ) as fh:
        cn = [r["headline"] for r in csv.DictReader(fh) if r["headline"].strip()]
    with open(
        DATA / "gvfc" / "GVFC_headlines_and_annotations.csv", encoding="utf-8", errors="replace"
    ) as fh:
        gv = [r["news_title"] for r in csv.DictReader(fh) if r["news_title"].strip()]
    return {"cn-state-media-headlines": random.Random(seed).sample(cn, 3000), "gvfc": gv}


Detector = Callable[[str], language.Detection]


def detectors() -> dict[str, tuple[Detector, float]]:
    """name -> (text -> (language, probabilities), load seconds). Each reads the first
    ``DETECT_CHARS`` characters, as framing's gate does."""
    out: dict[str, tuple[Detector, float]] = {}
    start = time.perf_counter()
    language.detect("warm up")  # loads py3langid's model
    out["py3langid"] = (language.detect, time.perf_counter() - start)
    from lingua import LanguageDetectorBuilder

    for name, builder in (
        (
            "lingua (low accuracy mode)",
            LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode(),
        ),
        ("lingua (high accuracy)", LanguageDetectorBuilder.from_all_languages()),
    ):
        start = time.perf_counter()
        det = builder.with_preloaded_language_models().build()

        def run(text: str, det: Any = det) -> language.Detection:
            values = det.compute_language_confidence_values(text[:DETECT_CHARS])
            if not values:
                return "", {}
            probs: dict[str, float] = {}
            for v in values:
                code = language.normalize_code(v.language.iso_code_639_1.name)
                probs[code] = probs.get(code, 0.0) + float(v.value)
            return max(probs, key=probs.__getitem__), probs

        run("warm up")
        out[name] = (run, time.perf_counter() - start)
    return out


def _counting(det: Detector) -> tuple[Detector, list[int]]:
    calls = [0]

    def run(text: str) -> language.Detection:
        calls[0] += 1
        return det(text)

    return run, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sample = gettext_sample()
    articles = english_articles()
    heads = headlines()
    lines: list[str] = []
    dets = detectors()
    lines.append(
        f"Multilingual sample (gettext catalogues on this machine; up to {PER_LANG} "
        "texts per language and length): accuracy"
    )
    langs = sorted({k[0] for k in sample})
    lines.append("")
    lines.append("| detector | length | " + " | ".join(langs) + " | all |")
    lines.append("|---|---|" + "---|" * (len(langs) + 1))
    for name, (det, _) in dets.items():
        for size in ("short", "long"):
            cells, right, total = [], 0, 0
            for lang in langs:
                texts = sample.get((lang, size), [])
                ok = sum(det(t)[0] == lang for t in texts)
                right, total = right + ok, total + len(texts)
                cells.append(f"{ok / len(texts):.3f} (n {len(texts)})" if texts else "–")
            lines.append(f"| {name} | {size} | " + " | ".join(cells) + f" | {right / total:.3f} |")
    lines.append("")
    lines.append(
        "Framing's rule (`article_language`, axes in English) on the same sample: share "
        "of the non-English texts taken as English, so scored (lower is better)"
    )
    lines.append("")
    others = [lang for lang in langs if lang != "en"]
    lines.append("| detector | length | " + " | ".join(others) + " | all |")
    lines.append("|---|---|" + "---|" * (len(others) + 1))
    for name, (det, _) in dets.items():
        for size in ("short", "long"):
            cells, taken, total = [], 0, 0
            for lang in others:
                texts = sample.get((lang, size), [])
                n = sum(article_language(t, ("en",), detector=det) == "en" for t in texts)
                taken, total = taken + n, total + len(texts)
                cells.append(f"{n / len(texts):.3f}" if texts else "–")
            lines.append(f"| {name} | {size} | " + " | ".join(cells) + f" | {taken / total:.3f} |")
    lines.append("")
    lines.append(
        "English news: share taken as not English, by the raw detector and by "
        "framing's rule; speed (first 1,000 characters of each article)"
    )
    lines.append("")
    lines.append(
        "| detector | load s | articles/s (detector) | raw: 2,000 articles | raw: "
        "cn-state headlines (3,000) | raw: gvfc headlines (2,990) | rule: articles | "
        "rule: cn-state | rule: gvfc | rule: share needing the detector | rule: "
        "articles/s |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    sets = [articles, heads["cn-state-media-headlines"], heads["gvfc"]]
    for name, (det, load) in dets.items():
        start = time.perf_counter()
        raw_art = [det(t) for t in articles]
        speed = len(articles) / (time.perf_counter() - start)
        raw = [raw_art, [det(t) for t in sets[1]], [det(t) for t in sets[2]]]
        raw_rate = [sum(r[0] != "en" for r in rs) / len(rs) for rs in raw]
        counted, calls = _counting(det)
        start = time.perf_counter()
        rule_art = [article_language(t, ("en",), detector=counted) for t in articles]
        rule_speed = len(articles) / (time.perf_counter() - start)
        rule = [rule_art] + [
            [article_language(t, ("en",), detector=counted) for t in ts] for ts in sets[1:]
        ]
        rule_rate = [sum(r != "en" for r in rs) / len(rs) for rs in rule]
        needing = calls[0] / sum(len(ts) for ts in sets)
        wrong = Counter(r[0] for rs in raw for r in rs if r[0] != "en").most_common(4)
        lines.append(
            f"| {name} | {load:.2f} | {speed:.0f} | "
            + " | ".join(f"{x:.4f}" for x in raw_rate + rule_rate)
            + f" | {needing:.3f} | {rule_speed:.0f} |"
        )
        lines.append(f"|  ↳ most frequent raw labels that are not en | | | {wrong} |" + " |" * 7)
    text = "\n".join(lines)
    print(text)
    if args.write:
        head = [
            "## Language detection (`benchmarks/language_detection.py`)",
            "",
            f"Written by `{command_line()}`.",
            "",
            *machine_lines(["py3langid", "lingua-language-detector"]),
            "",
        ]
        update_section("language", "\n".join(head) + "\n" + text + "\n")


if __name__ == "__main__":
    main()
