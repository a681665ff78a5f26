"""A faster, exact re-implementation of vaderSentiment 3.3.2's ``polarity_scores``.

Why: vaderSentiment rebuilds the lower-cased word list of the whole sentence for every
word it looks at (``_negation_check``, ``_special_idioms_check``), scans the 60-word
``NEGATE`` list with ``in`` on a list, and builds its emoji-free text by string
concatenation. That makes it the slow part of scoring a corpus. ``FastVader`` applies the
same rules, in the same order and with the same floating-point operations, but

- strips, lower-cases and looks up each distinct token once (a bounded token cache),
- only visits the words that are in the lexicon (every other word scores 0),
- runs the full rules only for a lexicon word with a rule word (booster, negation,
  idiom word, "least", ALL CAPS ...) within reach; otherwise its score is the lexicon's,
- skips emoji replacement when the text holds no emoji character,
- caches whole sentences (syndicated copy repeats them) in a bounded LRU.

Exactness is the contract: ``tests/test_vader_exact.py`` and
``benchmarks/vader_agreement.py`` compare every score with the package's. The rules
reproduce the package's quirks on purpose (``_but_check`` rescales the *first* equal
value, the idiom check only runs when the word three back is not a lexicon word, "no"
negates up to three words ahead, "this" or "so" right before a word boosts it ...). The
lexicon, the emoji descriptions and the rule constants are read from the installed
vaderSentiment package, which stays the reference; when its version is not the one these
rules were written against, ``FastVader`` delegates to the package instead of guessing.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import metadata, resources
from itertools import compress
from typing import Any

#: The vaderSentiment release whose rules this module reproduces.
REFERENCE_VERSION = "3.3.2"

#: Distinct raw tokens remembered before the token cache starts afresh.
TOKEN_CACHE_LIMIT = 1 << 16

#: Words too common to flag an idiom; every idiom key also has a rarer word.
_COMMON = frozenset(["the", "of", "to", "for", "a", "in", "on"])

# Rule levels of a word: 0 cannot change a lexicon word's score; 1 can change the lexicon
# word after it (booster, negation, "never", "so", "this", "least", "no" ...); 2 takes
# part in a multi-word idiom, which may stand before or after the lexicon word.
_PLAIN, _RULE, _IDIOM = 0, 1, 2


_Scores = tuple[float, float, float, float]  # neg, neu, pos, compound


def _read_package_text(name: str) -> str:
    """A data file of the vaderSentiment package, decoded the way the package does it.

    vaderSentiment opens its files with ``codecs.open``, which does not translate
    newlines, so the bytes are decoded as they are (no universal-newline reading).
    """
    return (resources.files("vaderSentiment") / name).read_bytes().decode("utf-8")


def _lexicon() -> dict[str, float]:
    """vader_lexicon.txt parsed exactly as ``SentimentIntensityAnalyzer.make_lex_dict``."""
    lexicon: dict[str, float] = {}
    for line in _read_package_text("vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


def _emojis() -> dict[str, str]:
    """emoji_utf8_lexicon.txt parsed exactly as ``make_emoji_dict``."""
    emojis: dict[str, str] = {}
    for line in _read_package_text("emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return emojis


def _emoji_pattern(emojis: Iterable[str]) -> re.Pattern[str]:
    """A pre-check that matches wherever the package's emoji replacement could apply.

    The package tests ``char in emojis`` for each character, so only one-character keys
    ever match. They are all non-ASCII (``FastVader`` checks), so ASCII text is skipped
    before this runs. The class lists the BMP ones (a fast bitmap in ``re``) and the
    whole astral range rather than each astral emoji (a slow linear list in ``re``); a
    false alarm only costs the exact replacement, which then changes nothing.
    """
    chars = [k for k in emojis if len(k) == 1]
    bmp = "".join(re.escape(c) for c in sorted(chars) if ord(c) < 0x10000)
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


def _anchors(keys: Iterable[str]) -> frozenset[str]:
    """Per multi-word key, its uncommon words (all of them if every one is common)."""
    anchors: set[str] = set()
    for key in keys:
        words = key.split(" ")
        anchors.update([w for w in words if w not in _COMMON] or words)
    return frozenset(anchors)


def _normalize(score: float, alpha: int = 15) -> float:
    norm_score = score / math.sqrt((score * score) + alpha)
    if norm_score < -1.0:
        return -1.0
    if norm_score > 1.0:
        return 1.0
    return norm_score


def _punctuation_emphasis(text: str) -> float:
    ep_amplifier = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm_amplifier: float = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep_amplifier + qm_amplifier


def _compound(values: list[float], text: str) -> float:
    """The package's compound score, given the scores of the lexicon words only.

    Every other word scores 0, which adds nothing to the sum (the package's sum never
    turns -0.0, so leaving the zeros out changes no bit).
    """
    sum_s = float(sum(values))
    if sum_s > 0:
        sum_s += _punctuation_emphasis(text)
    elif sum_s < 0:
        sum_s -= _punctuation_emphasis(text)
    return round(_normalize(sum_s), 4)


def _polarity(values: list[float], n: int, text: str) -> _Scores:
    """The package's ``score_valence`` (neg, neu, pos, compound) for ``n`` > 0 words."""
    punct_emph_amplifier = _punctuation_emphasis(text)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = n
    for sentiment_score in values:
        if sentiment_score > 0:
            pos_sum += float(sentiment_score) + 1
            neu_count -= 1
        elif sentiment_score < 0:
            neg_sum += float(sentiment_score) - 1
            neu_count -= 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    pos = math.fabs(pos_sum / total)
    neg = math.fabs(neg_sum / total)
    neu = math.fabs(neu_count / total)
    return round(neg, 3), round(neu, 3), round(pos, 3), _compound(values, text)


def _but_check(values: list[float], positions: Sequence[int], but_index: int) -> None:
    """The package's ``_but_check``, in place, on the lexicon words' scores.

    ``values[k]`` is the score of the word at ``positions[k]``. The package walks the
    whole list and, for each value, rescales the *first* element equal to it
    (``list.index``), so duplicates are rescaled more than once. Zeros never change
    anything (0 * x == 0), so walking only the lexicon words, in order, gives the same
    scores.
    """
    for k in range(len(values)):
        value = values[k]
        if value == 0:
            continue
        j = values.index(value)
        if positions[j] < but_index:
            values[j] = value * 0.5
        elif positions[j] > but_index:
            values[j] = value * 1.5


def _may_hold_but(text: str) -> bool:
    """False only when no word of ``text`` can lower-case to "but" (a cheap pre-check).

    In ASCII text such a word is spelled with b/B, u/U, t/T; otherwise ``str.lower``
    maps the text character by character, so the word's lower case is in the text's.
    """
    if text.isascii():
        return "ut" in text or "UT" in text or "Ut" in text or "uT" in text
    return "but" in text.lower()


class FastVader:
    """Exact, faster drop-in for ``vaderSentiment.SentimentIntensityAnalyzer``.

    ``polarity_scores(text)`` returns the same dict (``neg``, ``neu``, ``pos``,
    ``compound``) as the package, value for value. ``cache_size`` bounds each sentence
    cache (0 disables it); the token cache is bounded by ``TOKEN_CACHE_LIMIT``.

    Sizes: on the shared news sets, 2**14 cached sentences catch most exact repeats
    (boilerplate, syndicated copy) that 2**16 do, and the caches stay near 20 MB when
    full, so memory does not grow with the corpus.
    """

    def __init__(self, cache_size: int = 1 << 14) -> None:
        from vaderSentiment import vaderSentiment as ref

        self.cache_size = cache_size
        self.lexicon = _lexicon()
        self.emojis = _emojis()
        # Delegate to the package rather than guess when its rules or data do not fit
        # what this module assumes: another release, a zero-valued lexicon word (it would
        # look like a plain word in the token cache), an ASCII emoji key (ASCII text skips
        # the emoji pre-check).
        self.exact_rules = (
            metadata.version("vaderSentiment") == REFERENCE_VERSION
            and all(self.lexicon.values())
            and not any(len(k) == 1 and k.isascii() for k in self.emojis)
        )
        self._reference: Any = None if self.exact_rules else ref.SentimentIntensityAnalyzer()
        self._emoji_search = _emoji_pattern(self.emojis).search

        self._booster: dict[str, float] = dict(ref.BOOSTER_DICT)
        self._negate = frozenset(ref.NEGATE)
        self._special: dict[str, float] = dict(ref.SPECIAL_CASES)
        self._c_incr: float = ref.C_INCR
        self._n_scalar: float = ref.N_SCALAR
        self._idiom_anchors = _anchors(k for k in (*self._special, *self._booster) if " " in k)
        self._rule_words = frozenset(
            [*self._booster, *self._negate, "no", "nor", "never", "without", "so", "this", "least"]
        )
        # Token caches keyed by the raw whitespace-separated token: its lexicon valence
        # (0 when not in the lexicon), and what the rules ask of it.
        self._valence_of: dict[str, float] = {}
        self._lower: dict[str, str] = {}
        self._upper: dict[str, bool] = {}
        self._level: dict[str, int] = {}
        self._cached_compound: Callable[[str], float] = self._compound_uncached
        self._cached_polarity: Callable[[str], _Scores] = self._polarity_uncached
        if cache_size > 0:
            self._cached_compound = lru_cache(maxsize=cache_size)(self._compound_uncached)
            self._cached_polarity = lru_cache(maxsize=cache_size)(self._polarity_uncached)

    def __reduce__(self) -> tuple[type[FastVader], tuple[int]]:
        # Worker processes (--jobs, Dask) get a fresh analyzer with empty caches.
        return (FastVader, (self.cache_size,))

    # -- public -------------------------------------------------------------------

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's scores for one text: ``neg``, ``neu``, ``pos`` and ``compound``."""
        neg, neu, pos, compound = self._cached_polarity(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def compound(self, text: str) -> float:
        """VADER's compound score for one text, in [-1, 1]."""
        return self._cached_compound(text)

    def compounds(self, texts: Iterable[str]) -> list[float]:
        """Compound scores for many texts, in order."""
        return list(map(self._cached_compound, texts))

    def cache_clear(self) -> None:
        """Forget cached sentences and tokens (for benchmarks and long-running workers)."""
        for cached in (self._cached_compound, self._cached_polarity):
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()
        self._forget_tokens()

    # -- scoring ------------------------------------------------------------------

    def _compound_uncached(self, text: str) -> float:
        if self._reference is not None:
            return float(self._reference.polarity_scores(text)["compound"])
        values, _, text = self._analyze(text)
        return _compound(values, text) if values else 0.0

    def _polarity_uncached(self, text: str) -> _Scores:
        if self._reference is not None:
            d = self._reference.polarity_scores(text)
            return d["neg"], d["neu"], d["pos"], d["compound"]
        values, n, text = self._analyze(text)
        return _polarity(values, n, text) if n else (0.0, 0.0, 0.0, 0.0)

    def _forget_tokens(self) -> None:
        for cache in (self._valence_of, self._lower, self._upper, self._level):
            cache.clear()

    def _learn(self, raws: list[str]) -> None:
        """The package's ``_strip_punc_if_word`` on new tokens, and what rules ask of them."""
        if len(self._level) + len(raws) > TOKEN_CACHE_LIMIT:
            self._forget_tokens()
        for raw in raws:
            if raw in self._level:
                continue
            stripped = raw.strip(string.punctuation)
            word = raw if len(stripped) <= 2 else stripped
            lower = word.lower()
            if lower in self._idiom_anchors:
                level = _IDIOM
            elif lower in self._rule_words or "n't" in lower:
                level = _RULE
            else:
                level = _PLAIN
            self._lower[raw] = lower
            self._upper[raw] = word.isupper()
            self._level[raw] = level
            self._valence_of[raw] = self.lexicon.get(lower, 0)

    def _replace_emojis(self, text: str) -> str:
        """Emoji characters become their descriptions, spaced exactly as the package does."""
        emojis = self.emojis
        out: list[str] = []
        prev_space = True
        for ch in text:
            if ch in emojis:
                if not prev_space:
                    out.append(" ")
                out.append(emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    def _analyze(self, text: str) -> tuple[list[float], int, str]:
        """The lexicon words' scores after every rule, the number of words, and the text
        after emoji replacement (punctuation emphasis is counted on it)."""
        if not text.isascii() and self._emoji_search(text):
            text = self._replace_emojis(text)
        words = text.split()
        n = len(words)
        valence_of = self._valence_of.__getitem__
        try:
            hits = list(compress(range(n), map(valence_of, words)))
        except KeyError:
            self._learn(words)
            hits = list(compress(range(n), map(valence_of, words)))
        if not hits:
            return [], n, text
        level = self._level.__getitem__
        upper = self._upper
        lowers: list[str] | None = None
        cap_diff = False
        values: list[float] = []
        for i in hits:
            word = words[i]
            if (
                level(word)
                or upper[word]
                or any(map(level, words[i - 3 if i > 3 else 0 : i]))
                or _IDIOM in map(level, words[i + 1 : i + 3])
            ):
                if lowers is None:
                    lowers = list(map(self._lower.__getitem__, words))
                    n_upper = sum(map(upper.__getitem__, words))
                    cap_diff = 0 < n - n_upper < n
                values.append(self._sentiment_valence(i, words, lowers, cap_diff))
            else:
                # No rule word within reach: the score is the lexicon's (the package adds
                # 0.0 for each plain word before it, which changes no bit).
                values.append(valence_of(word))
        if _may_hold_but(text):
            if lowers is None:
                lowers = list(map(self._lower.__getitem__, words))
            if "but" in lowers:
                _but_check(values, hits, lowers.index("but"))
        return values, n, text

    def _sentiment_valence(
        self, i: int, words: list[str], lowers: list[str], cap_diff: bool
    ) -> float:
        """The package's per-word loop body and ``sentiment_valence`` for lexicon word ``i``."""
        lexicon = self.lexicon
        n_scalar = self._n_scalar
        c_incr = self._c_incr
        n = len(lowers)
        item_lowercase = lowers[i]
        if item_lowercase in self._booster:
            return 0
        if i < n - 1 and item_lowercase == "kind" and lowers[i + 1] == "of":
            return 0
        valence = lexicon[item_lowercase]
        if item_lowercase == "no" and i != n - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[item_lowercase] * n_scalar
        if self._upper[words[i]] and cap_diff:
            valence = valence + c_incr if valence > 0 else valence - c_incr
        for start_i in range(0, 3):
            j = i - (start_i + 1)
            if i > start_i and lowers[j] not in lexicon:
                s = self._scalar_inc_dec(words[j], lowers[j], valence, cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._negation_check(valence, lowers, start_i, i)
                if start_i == 2:
                    valence = self._special_idioms_check(valence, lowers, i)
        return self._least_check(valence, lowers, i)

    def _scalar_inc_dec(self, word: str, lower: str, valence: float, cap_diff: bool) -> float:
        scalar = 0.0
        if lower in self._booster:
            scalar = self._booster[lower]
            if valence < 0:
                scalar *= -1
            if self._upper[word] and cap_diff:
                if valence > 0:
                    scalar += self._c_incr
                else:
                    scalar -= self._c_incr
        return scalar

    def _negated(self, lower: str) -> bool:
        return lower in self._negate or "n't" in lower

    def _negation_check(self, valence: float, lowers: list[str], start_i: int, i: int) -> float:
        if start_i == 0:
            if self._negated(lowers[i - 1]):
                valence = valence * self._n_scalar
        elif start_i == 1:
            if lowers[i - 2] == "never" and lowers[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                pass
            elif self._negated(lowers[i - 2]):
                valence = valence * self._n_scalar
        else:
            # Operator precedence as in the package: (never and so/this) or so/this.
            if (lowers[i - 3] == "never" and lowers[i - 2] in ("so", "this")) or (
                lowers[i - 1] in ("so", "this")
            ):
                valence = valence * 1.25
            elif lowers[i - 3] == "without" and "doubt" in (lowers[i - 2], lowers[i - 1]):
                pass
            elif self._negated(lowers[i - 3]):
                valence = valence * self._n_scalar
        return valence

    def _special_idioms_check(self, valence: float, lowers: list[str], i: int) -> float:
        """The package's ``_special_idioms_check``; only ever called with ``i > 2``."""
        if self._idiom_anchors.isdisjoint(lowers[i - 3 : i + 3]):
            return valence
        special = self._special
        n = len(lowers)
        w3, w2, w1, w0 = lowers[i - 3], lowers[i - 2], lowers[i - 1], lowers[i]
        onezero = f"{w1} {w0}"
        twoonezero = f"{w2} {w1} {w0}"
        twoone = f"{w2} {w1}"
        threetwoone = f"{w3} {w2} {w1}"
        threetwo = f"{w3} {w2}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        if n - 1 > i:
            zeroone = f"{w0} {lowers[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if n - 1 > i + 1:
            zeroonetwo = f"{w0} {lowers[i + 1]} {lowers[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in self._booster:
                valence = valence + self._booster[n_gram]
        return valence

    def _least_check(self, valence: float, lowers: list[str], i: int) -> float:
        lexicon = self.lexicon
        if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                valence = valence * self._n_scalar
        elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            valence = valence * self._n_scalar
        return valence


_DEFAULT: FastVader | None = None


def default_analyzer() -> FastVader:
    """The shared analyzer (lexicon loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = FastVader()
    return _DEFAULT


def sentence_compounds(sentences: Sequence[str]) -> list[float]:
    """VADER compound score of each sentence, identical to vaderSentiment's."""
    return default_analyzer().compounds(sentences)
