"""Which language an article is in, and whether the loaded axes and models can score it.

Detection is py3langid (``langid.py``'s naive Bayes model over byte n-grams, 97 languages,
numpy only; chosen over lingua-language-detector by ``benchmarks/language_detection.py``, see
docs/reading.md). It reads the first ``DETECT_CHARS`` characters of what is scored (title and
body).

The gate (``gate_rule``): a language the axes support is taken as detected. Any other
language is believed only when the text gives the detector enough to go on:

* texts mostly in a non-Latin script (Chinese, Arabic, Cyrillic ...): the script alone is
  strong evidence, so the detected language stands whatever the length;
* Latin-script texts: the detected language stands only when the text has at least
  ``MIN_LETTERS`` letters *and* the detector gives the axes' languages together a
  probability under ``MAX_SUPPORTED_PROB``; otherwise the text is taken to be in the axes'
  (first) language and scored with no warning. Headlines are short: the raw detector calls
  2-4% of English headlines another language (Nigerian Pidgin, Bikol, Latin ...), with
  English still at 6-45% probability; long French, Spanish or German texts give English
  under 5% (the benchmark's tables).

A language given by the user (a ``language`` field or column) is never second-guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from framing.errors import UsageError

#: Characters of an article the detector reads (the start decides; longer texts cost time).
DETECT_CHARS = 1000
#: A Latin-script text with fewer letters than this is too short to call "not English".
MIN_LETTERS = 60
#: A Latin-script text is believed foreign only when the axes' languages together have less
#: than this probability.
MAX_SUPPORTED_PROB = 0.05
#: Share of letters outside a-z (and Latin accents) above which a text is "non-Latin script".
NON_LATIN_SHARE = 0.5

#: Names for the warnings and summaries (ISO 639-1 code -> English name), where known.
NAMES = {
    "en": "English",
    "zh": "Chinese",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "ru": "Russian",
    "ar": "Arabic",
    "fa": "Persian",
}


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loaded on first detection

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


#: py3langid labels some languages with ISO 639-3 codes; these belong to an ISO 639-1 one
#: (Cantonese and Wu Chinese are labels the model gives to Chinese text, traditional
#: characters especially).
MACRO = {"yue": "zh", "wuu": "zh", "cmn": "zh", "nan": "zh", "arz": "ar", "pes": "fa"}
#: Function words no other supported language spells the same way: a text whose word tokens
#: are at least ``ENGLISH_SHARE`` of these is English without running the detector.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "that",
        "with",
        "for",
        "are",
        "were",
        "this",
        "have",
        "has",
        "said",
        "it",
        "by",
        "from",
        "at",
        "be",
        "he",
        "she",
        "they",
        "which",
        "not",
        "but",
        "their",
        "been",
        "would",
        "will",
        "its",
        "who",
    ]
)
ENGLISH_SHARE = 0.12


def normalize_code(code: str) -> str:
    """A detector's label as the ``language`` column shows it (ISO 639-1 where one exists)."""
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return MACRO.get(code, code)


#: (most likely language, probability of every language) for a text.
Detection = tuple[str, Mapping[str, float]]


def detect(text: str) -> Detection:
    """py3langid on ``text``'s start: the most likely language and the probability of each
    (normalised codes: the Chinese labels summed as ``zh``); ``("", {})`` without letters."""
    sample = text[:DETECT_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "", {}
    if sum(c.isupper() for c in letters) > 0.5 * len(letters):
        # Shouting ("DON'T CARE DON'T CARE ...", all-caps headlines): the detector's
        # n-grams are case-sensitive and read capitals as Welsh or Slovak; read it lowered.
        sample = sample.lower()
    probs: dict[str, float] = {}
    for code, prob in _identifier().rank(sample):
        key = normalize_code(str(code))
        probs[key] = probs.get(key, 0.0) + float(prob)
    return max(probs, key=probs.__getitem__), probs


def _plainly_english(text: str) -> bool:
    words = [w.strip(".,;:!?\"'()[]“”‘’").lower() for w in text[:DETECT_CHARS].split()]
    hits = sum(1 for w in words if w in ENGLISH_WORDS)
    return hits >= 3 and hits >= ENGLISH_SHARE * len(words)


def _letters(text: str) -> tuple[int, int]:
    """(letters, letters outside the Latin script) in ``text``."""
    letters = non_latin = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if ord(c) > 0x24F:  # past Latin Extended-B
                non_latin += 1
    return letters, non_latin


def gate_rule(text: str, detection: Detection, supported: Sequence[str]) -> str:
    """The language the article is taken to be in (see the module docstring)."""
    code, probs = detection
    if not code or code in supported:
        return code or supported[0]
    letters, non_latin = _letters(text[:DETECT_CHARS])
    if letters and non_latin >= NON_LATIN_SHARE * letters:
        return code
    p_supported = sum(probs.get(lang, 0.0) for lang in supported)
    if letters < MIN_LETTERS or p_supported >= MAX_SUPPORTED_PROB:
        return supported[0]
    return code


def supported_languages(
    lexicon_languages: Iterable[Sequence[str]], *, english_parts: bool
) -> tuple[str, ...]:
    """The languages every loaded axis supports, in the first axis's order; with
    ``english_parts`` (trained models or VADER sentiment loaded: both are English) only
    English among them. Raises ``UsageError`` when no language is left."""
    lists = [tuple(langs) for langs in lexicon_languages] or [("en",)]
    common = [lang for lang in lists[0] if all(lang in other for other in lists[1:])]
    if english_parts:
        common = [lang for lang in common if lang == "en"]
    if not common:
        listed = "; ".join(", ".join(langs) for langs in lists)
        raise UsageError(
            f"the loaded axes share no language ({listed})"
            + (" with the models and sentiment, which are English" if english_parts else "")
            + "; load axes written for one language (languages: in each lexicon file)"
        )
    return tuple(common)


def article_language(
    text: str,
    supported: Sequence[str],
    given: str = "",
    detector: Callable[[str], Detection] = detect,
) -> str:
    """The language of an article: ``given`` (the user's ``language`` field) when set, else
    the detected one through ``gate_rule``. Two shortcuts give the same answer without the
    detector: a Latin-script text too short to be believed is the axes' language when they
    have one, and a text full of English function words is English."""
    if given:
        return normalize_code(given)
    if len(supported) == 1:
        letters, non_latin = _letters(text[:DETECT_CHARS])
        if non_latin < NON_LATIN_SHARE * letters and letters < MIN_LETTERS:
            return supported[0]
    if "en" in supported and _plainly_english(text):
        return "en"
    return gate_rule(text, detector(text), supported)


_MARK = ": the loaded axes are for "


def not_supported(language: str, supported: Sequence[str]) -> str:
    """The row's warning for an article in a language the axes do not support."""
    return f"language {language}{_MARK}{', '.join(supported)}; not scored"


def unsupported_language(warning: Any) -> str | None:
    """The language named by a ``not_supported`` warning inside a row's ``warning`` (which
    may hold other warnings joined by "; "), else None."""
    if not isinstance(warning, str) or _MARK not in warning:
        return None
    for part in warning.split("; "):
        if part.startswith("language ") and _MARK in part:
            return part[len("language ") : part.index(_MARK)]
    return None


class LanguageTally:
    """Counts the articles left unscored for their language, per language."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, warning: Any) -> None:
        language = unsupported_language(warning)
        if language is not None:
            self.counts[language] = self.counts.get(language, 0) + 1

    def merge(self, counts: Mapping[str, int]) -> None:
        """Add counts made elsewhere (another tally's ``counts``, a Dask task's)."""
        for language, n in counts.items():
            self.counts[language] = self.counts.get(language, 0) + int(n)

    def message(self) -> str | None:
        return summary(self.counts)


def summary(counts: dict[str, int]) -> str | None:
    """One line for a run's summary: ``3 articles not in a language the axes support (fr 2,
    zh 1)``, or None when there were none."""
    total = sum(counts.values())
    if not total:
        return None
    parts = ", ".join(
        f"{lang} {n}" for lang, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    )
    noun = "article" if total == 1 else "articles"
    return f"{total} {noun} not in a language the axes support ({parts})"
