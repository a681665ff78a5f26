"""framing: measure how news outlets frame a story.

    import framing
    s = framing.score("Officials warned of espionage and a ban ...")
    s.axes["threat_exchange"].score, s.sentiment.compound
    df = framing.to_dataframe(framing.score_corpus(["seeds/"]))
    framing.compare(["seeds/"], by="outlet_type").rows()

Names are imported lazily, so ``import framing`` (and ``framing --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from framing._version import __version__

_EXPORTS = {
    "Article": "framing.records",
    "ArticleScore": "framing.records",
    "AxisScore": "framing.records",
    "Hit": "framing.records",
    "Sentiment": "framing.records",
    "Skipped": "framing.records",
    "FramingError": "framing.errors",
    "UsageError": "framing.errors",
    "InputError": "framing.errors",
    "LexiconError": "framing.errors",
    "ModelError": "framing.errors",
    "read_corpus": "framing.corpus.read",
    "Lexicon": "framing.axes.lexicon",
    "load_lexicon": "framing.axes.lexicon",
    "load_lexicons": "framing.axes.lexicon",
    "check_lexicon": "framing.axes.lexicon",
    "Scorer": "framing.scoring.scorer",
    "score": "framing.scoring.scorer",
    "score_corpus": "framing.run.local",
    "score_texts": "framing.run.local",
    "to_dataframe": "framing.run.local",
    "compare": "framing.comparison.dataframes",
    "TextClassifier": "framing.models.classify",
    "load_model": "framing.models.modelfile",
    "save_model": "framing.models.modelfile",
    "train_file": "framing.models.train",
    "train_texts": "framing.models.train",
    "compare_scores": "framing.comparison.compare",
    "Comparison": "framing.comparison.compare",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
