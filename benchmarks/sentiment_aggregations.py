"""Pearson r of every article-sentiment aggregation tried, on vader-groundtruth and NewsMTSC.

    PYTHONPATH=. python benchmarks/sentiment_aggregations.py [CANDIDATE ...]

How framing.sentiment.aggregate's passage rule was chosen (README, "Sentiment"): each row is
one candidate, each column one group of the two sets (": multi" = texts split into more than
one sentence); "naive VADER" is the baseline (VADER on the whole text). Reads the sets from
$FRAMING_DATASETS or ../shared/datasets.
"""

import math
import os
import sys
from pathlib import Path

import numpy as np

from framing.benchmark.readers import read_newsmtsc, read_vader
from framing.scoring.scorer import article_text
from framing.sentiment.vader import default_analyzer
from framing.text import split_sentences, tokenize

D = Path(
    os.environ.get("FRAMING_DATASETS", Path(__file__).resolve().parents[2] / "shared" / "datasets")
)
v = default_analyzer()
rows = []
for a in read_vader(D / "vader-groundtruth"):
    rows.append((a.meta["domain"], a.meta["rating"], article_text(a)))
for a in read_newsmtsc(D / "newsmtsc"):
    rows.append(("newsmtsc " + a.meta["split"], a.meta["polarity"], article_text(a)))

data = []
for g, gold, text in rows:
    sents = split_sentences(text)
    ps = [v.polarity_scores(s) for s in sents]
    ntok = [len(tokenize(s)) for s in sents]
    data.append((g, gold, text, sents, ps, ntok, v.compound(text)))


def mean(d):
    ps = d[4]
    return sum(p["compound"] for p in ps) / len(ps) if ps else 0.0


def wmass(d):
    ps = d[4]
    w = [p["pos"] + p["neg"] for p in ps]
    if not ps:
        return 0.0
    if sum(w) == 0:
        return 0.0
    return sum(wi * p["compound"] for wi, p in zip(w, ps, strict=False)) / sum(w)


def wmass_tok(d):
    # non-neutral mass times token count: the sentence's sentiment-bearing words
    ps, nt = d[4], d[5]
    w = [(p["pos"] + p["neg"]) * max(n, 1) for p, n in zip(ps, nt, strict=False)]
    if not ps or sum(w) == 0:
        return 0.0
    return sum(wi * p["compound"] for wi, p in zip(w, ps, strict=False)) / sum(w)


def wtok(d):
    ps, nt = d[4], d[5]
    w = [max(n, 0) for n in nt]
    if not ps or sum(w) == 0:
        return mean(d)
    return sum(wi * p["compound"] for wi, p in zip(w, ps, strict=False)) / sum(w)


def merge_fragments(sents, min_words):
    out = []
    for s in sents:
        if (out and len(tokenize(s)) < min_words) or (out and len(tokenize(out[-1])) < min_words):
            out[-1] = out[-1] + " " + s
        else:
            out.append(s)
    return out


def merged(k):
    def f(d):
        ms = merge_fragments(d[3], k)
        if not ms:
            return 0.0
        return sum(v.compound(s) for s in ms) / len(ms)

    return f


def nonneutral_mean(d):
    ps = d[4]
    c = [p["compound"] for p in ps if abs(p["compound"]) >= 0.05]
    return sum(c) / len(c) if c else 0.0


def rms_signed(d):
    # mean weighted by |compound| (strong sentences weigh more)
    c = [p["compound"] for p in d[4]]
    w = [abs(x) for x in c]
    return sum(a * b for a, b in zip(w, c, strict=False)) / sum(w) if sum(w) else 0.0


SQ15 = math.sqrt(15)


def val(c):
    c = max(-0.9999, min(0.9999, c))
    return c * SQ15 / math.sqrt(1 - c * c)


def norm(x):
    return x / math.sqrt(x * x + 15)


def pooled(k, p=None):
    def f(d):
        xs = [val(p_["compound"]) for p_ in d[4]]
        if not xs:
            return 0.0
        n = len(xs)
        if p is not None:
            return norm(sum(xs) / n**p)
        return norm(sum(xs) / n * min(n, k))

    return f


def passages(sents, ntok, limit):
    out, cur, size = [], [], 0
    for s_, n_ in zip(sents, ntok, strict=False):
        if cur and size + n_ > limit:
            out.append((" ".join(cur), size))
            cur, size = [], 0
        cur.append(s_)
        size += n_
    if cur:
        out.append((" ".join(cur), size))
    return out


def passage_mean(limit, weighted=False):
    def f(d):
        ps = passages(d[3], d[5], limit)
        if not ps:
            return 0.0
        if weighted:
            w = [max(n, 1) for _, n in ps]
            return sum(wi * v.compound(t) for wi, (t, _) in zip(w, ps, strict=False)) / sum(w)
        return sum(v.compound(t) for t, _ in ps) / len(ps)

    return f


cands = {
    "passages <= 30 tokens, mean": passage_mean(30),
    "passages <= 50 tokens, mean": passage_mean(50),
    "passages <= 80 tokens, mean": passage_mean(80),
    "passages <= 50 tokens, token-weighted": passage_mean(50, True),
    "pooled valence, all sentences (sum)": pooled(10**9),
    "pooled valence, scaled to <=2 sentences": pooled(2),
    "pooled valence, scaled to <=3 sentences": pooled(3),
    "pooled valence, scaled to <=5 sentences": pooled(5),
    "pooled valence / sqrt(n)": pooled(0, 0.5),
    "pooled valence / n (mean valence)": pooled(0, 1.0),
    "sentence mean (before this change)": mean,
    "naive VADER": lambda d: d[6],
    "weight: VADER non-neutral mass (pos+neg)": wmass,
    "weight: non-neutral mass x tokens": wmass_tok,
    "weight: tokens": wtok,
    "merge fragments < 3 words": merged(3),
    "merge fragments < 5 words": merged(5),
    "mean of non-neutral sentences": nonneutral_mean,
    "weight: |compound|": rms_signed,
}
only = sys.argv[1:]
groups = list(dict.fromkeys(d[0] for d in data))
masks = {g: [d for d in data if d[0] == g] for g in groups}
for g in groups:
    multi = [d for d in masks[g] if len(d[3]) > 1]
    if (
        g.startswith("nyt")
        or g.startswith("tweets")
        or g.startswith("movie")
        or g.startswith("amazon")
    ):
        masks[g + ": multi"] = multi
print("candidate\t" + "\t".join(f"{g} (n={len(m)})" for g, m in masks.items()))
for name, f in cands.items():
    if only and name not in only:
        continue
    vals = {id(d): f(d) for d in data}
    out = []
    for m in masks.values():
        x = np.array([vals[id(d)] for d in m])
        y = np.array([d[1] for d in m])
        out.append(f"{np.corrcoef(x, y)[0, 1]:.5f}")
    print(name + "\t" + "\t".join(out), flush=True)
