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

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Component:
    """A part of the scorer that reads the text, and the languages it was made for.

    ``kind``: ``axis`` (a lexicon's ``languages:``), ``model`` (a model file's ``languages``)
    or ``sentiment`` (VADER: English); ``name``: the axis id or the model file's stem."""

    kind: str
    name: str
    languages: tuple[str, ...]


#: VADER's lexicon and rules are English.
SENTIMENT = Component("sentiment", "VADER", ("en",))


class LanguageGate:
    """The languages every component supports (``supported``, in the first axis's order),
    and the warning of an article in another language, naming what does not support it.

    Raises ``UsageError`` when the components share no language."""

    def __init__(self, components: Iterable[Component]) -> None:
        self.components = tuple(components) or (Component("axis", "", ("en",)),)
        first = self.components[0].languages
        self.supported = tuple(
            lang for lang in first if all(lang in c.languages for c in self.components)
        )
        if not self.supported:
            listed = "; ".join(f"{_kind_name(c)} {', '.join(c.languages)}" for c in self.components)
            present = {c.kind for c in self.components}
            plurals = {"axis": "axes", "model": "models", "sentiment": "sentiment"}
            kinds = [plurals[k] for k in plurals if k in present]
            parts = f"{', '.join(kinds[:-1])} and {kinds[-1]}" if len(kinds) > 1 else kinds[0]
            raise UsageError(
                f"the loaded {parts} share no language ({listed}); load "
                "axes and models made for a common language (languages: in a lexicon file, "
                "framing train --language for a model; sentiment is English)"
            )

    def warning(self, language: str) -> str:
        """``language fr: the loaded axes, the models and sentiment are for en; not scored``:
        the components that do not support ``language``, grouped by the languages they have."""
        groups: dict[tuple[str, ...], list[Component]] = {}
        for c in self.components:
            if language not in c.languages:
                groups.setdefault(c.languages, []).append(c)
        phrases = []
        for languages, members in groups.items():
            names, plural = self._names(members)
            verb = "are" if plural else "is"
            phrases.append(f"{names} {verb} for {', '.join(languages)}")
        return f"language {language}: {' and '.join(phrases)}; not scored"

    def _names(self, members: list[Component]) -> tuple[str, bool]:
        """How a group of components is named, and whether the name is plural."""
        parts: list[str] = []
        plural = False
        for kind, every, one, many in (
            ("axis", "the loaded axes", "the axis", "the axes"),
            ("model", "the models", "the model", "the models"),
        ):
            these = [c.name for c in members if c.kind == kind]
            if not these:
                continue
            if len(these) == sum(c.kind == kind for c in self.components) and (
                kind == "axis" or len(these) > 1
            ):
                parts.append(every)  # all of that kind: "the loaded axes", "the models"
                plural = plural or kind == "axis" or len(these) > 1
            elif len(these) == 1:
                parts.append(f"{one} {these[0]}")
            else:
                parts.append(f"{many} {', '.join(these)}")
                plural = True
        if any(c.kind == "sentiment" for c in members):
            parts.append("sentiment")
        plural = plural or len(parts) > 1
        names = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return names, plural


def _kind_name(c: Component) -> str:
    return "sentiment:" if c.kind == "sentiment" else f"{c.kind} {c.name}:"


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


#: A language warning inside a row's ``warning`` (``LanguageGate.warning``; the files of
#: earlier versions said ``language fr: the loaded axes are for en; not scored``).
_WARNING = re.compile(r"^language (\S+): (?:the |sentiment ).*\b(?:is|are) for \S")


def unsupported_language(warning: Any) -> str | None:
    """The language named by a language warning inside a row's ``warning`` (which may hold
    other warnings joined by "; "), else None."""
    if not isinstance(warning, str):
        return None
    for part in warning.split("; "):
        found = _WARNING.match(part)
        if found:
            return found.group(1)
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
    """One line for a run's summary, or None when there were none: ``3 articles not scored,
    their language is not one the loaded axes and models read (fr 2, zh 1)``."""
    total = sum(counts.values())
    if not total:
        return None
    parts = ", ".join(
        f"{lang} {n}" for lang, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    )
    noun = "article" if total == 1 else "articles"
    return (
        f"{total} {noun} not scored, their language is not one the loaded axes and models"
        f" read ({parts})"
    )
