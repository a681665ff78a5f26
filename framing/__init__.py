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

__version__ = "0.1.0"

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
    "read_corpus": "framing.read",
    "Lexicon": "framing.lexicon",
    "load_lexicon": "framing.lexicon",
    "load_lexicons": "framing.lexicon",
    "check_lexicon": "framing.lexicon",
    "Scorer": "framing.scoring",
    "score": "framing.scoring",
    "score_corpus": "framing.scoring",
    "to_dataframe": "framing.scoring",
    "compare": "framing.compare",
    "TextClassifier": "framing.classify",
    "load_model": "framing.modelfile",
    "save_model": "framing.modelfile",
    "train_file": "framing.train",
    "train_texts": "framing.train",
    "compare_scores": "framing.compare",
    "Comparison": "framing.compare",
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
