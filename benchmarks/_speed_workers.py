"""One measured pipeline, run in its own process by ``benchmarks/speed.py``.

    python benchmarks/_speed_workers.py PIPELINE CORPUS.jsonl [--lexicons DIR]

Prints one JSON object: articles, sentences, the wall and CPU seconds of the whole run
after start-up, the seconds spent in sentence scoring alone (where that is separate), and
the resident memory after imports. The parent reads the peak memory of this process from
``os.wait4``, so one pipeline's memory never pollutes another's numbers.

Pipelines:
  full          framing.score_corpus on the JSONL file, every row (with evidence) written
                as JSON Lines to os.devnull: what ``framing score`` does.
  full_nocache  the same with FastVader's sentence cache switched off.
  vader         framing's reader and sentence splitter, then vaderSentiment, one call per
                sentence; only the vaderSentiment calls are timed as "scoring".
  fast          the same sentences through framing.sentiment.vader.FastVader (sentence cache on).
  fast_nocache  the same with the sentence cache off.
  naive         json.loads per line, NLTK Punkt (default parameters, no download) to split
                title + text into sentences, vaderSentiment per sentence; all timed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIPELINES = ("full", "full_nocache", "vader", "fast", "fast_nocache", "naive")


def rss_kb() -> int:
    """Current resident set size of this process, in KiB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _scorer(lexicons: str | None) -> Any:
    """The default scorer, or one over the lexicon files of a folder (``--lexicons``)."""
    if not lexicons:
        return None
    from framing.axes.lexicon import load_lexicon
    from framing.scoring.scorer import Scorer

    loaded = [load_lexicon(p) for p in sorted(Path(lexicons).glob("*.y*ml"))]
    return Scorer(lexicons={lex.id: lex for lex in loaded})


def run_full(corpus: Path, lexicons: str | None, cache: bool) -> dict[str, Any]:
    import framing
    from framing.run.output import RowWriter
    from framing.sentiment import vader

    if not cache:
        vader._DEFAULT = vader.FastVader(cache_size=0)
    scorer = _scorer(lexicons)
    articles = sentences = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = RowWriter(sink, "jsonl")
        for score in framing.score_corpus([corpus], scorer=scorer):
            writer.write(score.to_dict(evidence=True))
            articles += 1
            sentences += score.n_sentences
        writer.close()
    return {"articles": articles, "sentences": sentences}


def _framing_sentences(corpus: Path) -> Iterator[list[str]]:
    """Each article's sentences exactly as the full pipeline makes them."""
    from framing.corpus.read import read_corpus
    from framing.scoring.scorer import article_text
    from framing.text import split_sentences

    for article in read_corpus([corpus]):
        yield split_sentences(article_text(article))


def run_sentences(corpus: Path, score: Callable[[str], float]) -> dict[str, Any]:
    articles = sentences = 0
    wall = cpu = 0.0
    for batch in _framing_sentences(corpus):
        w0, c0 = time.perf_counter(), time.process_time()
        for sentence in batch:
            score(sentence)
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        articles += 1
        sentences += len(batch)
    return {"articles": articles, "sentences": sentences, "scoring_wall": wall, "scoring_cpu": cpu}


def run_naive(corpus: Path) -> dict[str, Any]:
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    punkt = PunktSentenceTokenizer()
    analyzer = SentimentIntensityAnalyzer()
    articles = sentences = 0
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = f"{record['title']}\n{record['text']}" if record["title"] else record["text"]
            for sentence in punkt.tokenize(text):
                analyzer.polarity_scores(sentence)["compound"]
                sentences += 1
            articles += 1
    return {"articles": articles, "sentences": sentences}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pipeline", choices=PIPELINES)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--lexicons")
    args = parser.parse_args()

    # Import what every pipeline needs before the clock starts; the baseline memory then
    # counts the interpreter and libraries, not the corpus.
    for module in ("framing.corpus.read", "framing.scoring.scorer"):
        importlib.import_module(module)
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.sentiment.vader import FastVader

    baseline = rss_kb()
    w0, c0 = time.perf_counter(), time.process_time()
    if args.pipeline in ("full", "full_nocache"):
        result = run_full(args.corpus, args.lexicons, cache=args.pipeline == "full")
    elif args.pipeline == "vader":
        analyzer = SentimentIntensityAnalyzer()
        result = run_sentences(args.corpus, lambda s: analyzer.polarity_scores(s)["compound"])
    elif args.pipeline in ("fast", "fast_nocache"):
        fast = FastVader() if args.pipeline == "fast" else FastVader(cache_size=0)
        result = run_sentences(args.corpus, fast.compound)
    else:
        result = run_naive(args.corpus)
    result.update(
        pipeline=args.pipeline,
        wall=time.perf_counter() - w0,
        cpu=time.process_time() - c0,
        baseline_rss_kb=baseline,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
