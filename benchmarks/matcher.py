"""Matching time against lexicon size: the first-word index (before), the word trie (now)
and a pyahocorasick automaton, on the same sentences.

    python benchmarks/matcher.py [--datasets PATH] [--articles 300] [--sizes 1,10,100]

Sentences: the first ``--articles`` articles of the allsides wire subset, split and tokenised
once (not timed). Lexicons: the shipped ``threat_exchange`` (its negation rules) with its
token entries plus ``(k - 1) x`` as many synthetic ones for k in ``--sizes``: one to three
words drawn from the sentences' vocabulary, one word in five a wildcard stem. The regex
scaling uses the shipped ``state_wire`` with its 8 ``re:`` entries plus synthetic
``\\bword\\s+word\\b`` patterns, run one by one (before) or screened by one RE2 set (now).

Times are CPU seconds of ``Matcher.match_sentence`` over every sentence (best of 3). The
pyahocorasick column times only what the automaton replaces (finding the longest entry at
each token), beside the same phase of the two matchers, since a whole matcher on it was not
built; it is skipped when pyahocorasick is not installed (it is not a dependency).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from _reference_matcher import FirstWordMatcher  # noqa: E402

from framing.axes.lexicon import Entry, Lexicon, _linear_time, load_lexicons  # noqa: E402
from framing.axes.match import Matcher  # noqa: E402
from framing.text import Token, split_sentences, tokenize  # noqa: E402

ALLSIDES = "allsides-abp-wire-subset/abp_wire_bbc_aljazeera.jsonl.gz"
Sentences = list[tuple[str, list[Token], list[str]]]


def load_sentences(datasets: Path, articles: int) -> Sentences:
    out: Sentences = []
    with gzip.open(datasets / ALLSIDES, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= articles:
                break
            record = json.loads(line)
            text = f"{record.get('title') or ''}\n{record.get('content_original') or ''}"
            for s in split_sentences(text):
                toks = tokenize(s)
                out.append((s, toks, [t.norm for t in toks]))
    return out


def synthetic(base: Lexicon, factor: int, vocab: list[str], seed: int = 0) -> Lexicon:
    rng = random.Random(seed)
    token_entries = [e for e in base.entries if e.regex is None]
    entries = list(base.entries)
    poles = (base.negative.id, base.positive.id)
    for k in range(len(token_entries) * (factor - 1)):
        words = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            w = rng.choice(vocab)
            if len(w) > 4 and rng.random() < 0.2:
                w = w[: rng.randint(3, len(w) - 1)] + "*"
            words.append(w)
        entries.append(Entry(" ".join(words), rng.choice(poles), 1.0, 10_000 + k, tuple(words)))
    return replace(base, entries=tuple(entries))


def synthetic_regex(base: Lexicon, extra: int, vocab: list[str], seed: int = 0) -> Lexicon:
    rng = random.Random(seed)
    entries = list(base.entries)
    for k in range(extra):
        a, b = rng.choice(vocab), rng.choice(vocab)
        text = f"re:\\b{a}\\s+{b}\\b"
        entries.append(Entry(text, base.negative.id, 1.0, 20_000 + k, regex=_linear_time(text[3:])))
    return replace(base, entries=tuple(entries))


def cpu(fn: Any, *args: Any, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - t0)
    return best


def match_all(matcher: Matcher, sentences: Sentences) -> int:
    n = 0
    for i, (s, toks, norms) in enumerate(sentences):
        n += len(matcher.match_sentence(s, toks, i, norms))
    return n


def find_all(matcher: Matcher, sentences: Sentences) -> int:
    """The phase the automaton would replace: the longest entry at each token."""
    found = 0
    for _, _, norms in sentences:
        i, n = 0, len(norms)
        while i < n:
            roots = matcher._seen.get(norms[i])
            if roots is None:
                roots = matcher._roots(norms[i])
            best, size = matcher._longest(norms, i, roots) if roots else (None, 0)
            if best is None:
                i += 1
            else:
                found += 1
                i += size
    return found


def automaton(lexicon: Lexicon) -> Any:
    """Keys " w1 w2 " (up to and including a first wildcard stem, without the space after
    it); each value the entries with the words left to check."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    table: dict[str, list[tuple[Entry, int]]] = {}
    for entry in lexicon.entries:
        if entry.regex is not None:
            continue
        key, cut = "", len(entry.words)
        for k, w in enumerate(entry.words):
            if w.endswith("*"):
                key += " " + w[:-1]
                cut = k + 1
                break
            key += " " + w
        else:
            key += " "
        table.setdefault(key, []).append((entry, cut))
    for key, value in table.items():
        auto.add_word(key, (len(key), value))
    auto.make_automaton()
    return auto


def find_all_aho(auto: Any, sentences: Sentences) -> int:
    found = 0
    for _, _, norms in sentences:
        text = " " + " ".join(norms) + " "
        starts: dict[int, int] = {}
        pos = 0
        for k, w in enumerate(norms):
            starts[pos] = k
            pos += len(w) + 1
        best: dict[int, tuple[int, float]] = {}
        for end, (length, entries) in auto.iter(text):
            i = starts.get(end - length + 1)
            if i is None:
                continue
            for entry, cut in entries:
                size = len(entry.words)
                if i + size > len(norms):
                    continue
                if cut < size and not all(
                    norms[i + k].startswith(w[:-1]) if w.endswith("*") else norms[i + k] == w
                    for k, w in enumerate(entry.words[cut:], cut)
                ):
                    continue
                old = best.get(i)
                if old is None or (size, entry.weight) > old:
                    best[i] = (size, entry.weight)
        i, n = 0, len(norms)
        while i < n:
            if i in best:
                found += 1
                i += best[i][0]
            else:
                i += 1
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    if not (args.datasets / ALLSIDES).exists():
        print(f"{args.datasets / ALLSIDES}: not found; pass --datasets PATH", file=sys.stderr)
        return 2
    try:
        import ahocorasick  # noqa: F401

        have_aho = True
    except ImportError:
        have_aho = False
    sentences = load_sentences(args.datasets, args.articles)
    vocab = sorted({w for _, _, norms in sentences for w in norms if w.isalpha()})
    shipped = load_lexicons()
    n_tokens = sum(len(t) for _, t, _ in sentences)
    out = [
        "## Matching time against lexicon size (`benchmarks/matcher.py`)",
        "",
        f"Command: `{' '.join(['python', 'benchmarks/matcher.py', *sys.argv[1:]])}`",
        "",
        f"{len(sentences):,} sentences, {n_tokens:,} tokens; CPU s, best of 3",
        "",
    ]
    out.append("| token entries | match: first-word index | match: trie | find: first-word | "
          "find: trie | find: pyahocorasick |")  # fmt: skip
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for factor in (int(s) for s in args.sizes.split(",")):
        lex = synthetic(shipped["threat_exchange"], factor, vocab)
        old, new = FirstWordMatcher(lex), Matcher(lex)
        assert match_all(old, sentences) == match_all(new, sentences)
        row = [
            cpu(match_all, old, sentences),
            cpu(match_all, new, sentences),
            cpu(find_all, old, sentences),
            cpu(find_all, new, sentences),
        ]
        aho = "n/a"
        if have_aho:
            auto = automaton(lex)
            assert find_all_aho(auto, sentences) == find_all(new, sentences)
            aho = f"{cpu(find_all_aho, auto, sentences):.3f}"
        n_entries = sum(1 for e in lex.entries if e.regex is None)
        out.append(f"| {n_entries:,} | " + " | ".join(f"{x:.3f}" for x in row) + f" | {aho} |")
    few = sentences[:2000]
    out += [
        "",
        f"state_wire with more re: entries, on the first {len(few):,} sentences (one run)",
        "",
    ]
    out.append("| re: entries | match: each entry on each sentence | match: RE2 set screen |")
    out.append("| ---: | ---: | ---: |")
    for extra in (0, 72, 792):
        lex = synthetic_regex(shipped["state_wire"], extra, vocab)
        old, new = FirstWordMatcher(lex), Matcher(lex)
        assert match_all(old, few) == match_all(new, few)
        n_regex = sum(1 for e in lex.entries if e.regex is not None)
        t_old, t_new = cpu(match_all, old, few, repeat=1), cpu(match_all, new, few, repeat=1)
        out.append(f"| {n_regex:,} | {t_old:.3f} | {t_new:.3f} |")
    text = "\n".join(out) + "\n"
    print(text)
    if not args.no_write:
        sys.path.insert(0, str(HERE))
        from sections import update_section

        update_section("matcher", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
