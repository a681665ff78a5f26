"""Text -> tokens -> n-gram counts -> TF-IDF, as plain data a model file can carry.

The trained models do not use scikit-learn's vectorizers at prediction time: a model file
holds the vocabulary and idf weights, and this module turns text into the same sparse matrix
from them. That keeps a loaded model independent of scikit-learn's private attributes and
makes "the loaded file predicts exactly what the trained estimator predicted" checkable.

Two tokenizations:

* ``plain``: lower-cased word tokens (letters, digits, inner apostrophes and hyphens).
* ``masked``: for tone rather than topic or outlet identity. Outlet names, datelines, URLs,
  numbers and capitalised words (names of people, places, organisations) become
  placeholders (``_outlet_``, ``_dateline_``, ``_url_``, ``_num_``, ``_ent_``); function
  words keep their form even when capitalised; quotation marks, question and exclamation
  marks, colons and parentheses are tokens, because attribution ("...," she said) and
  quoting are part of how a story is told.
* ``style``: ``masked``, then every word that is not a function word becomes ``_w_``:
  only the scaffolding of sentences is left (``_w_ said``, ``according to _ent_``).
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

TOKENIZATIONS = ("plain", "masked", "style")

_QUOTE_PAIRS = (
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("‘", "'"),
    ("’", "'"),
    ("—", " - "),
    ("–", " - "),
)


def _ascii_quotes(text: str) -> str:
    """Curly quotes as ASCII ones, dashes as `` - ``. The same as ``str.translate`` with
    this table (no replacement holds a character that is replaced), several times faster:
    ``str.replace`` runs in C, a translate table with strings looks up every character."""
    for src, dst in _QUOTE_PAIRS:
        if src in text:
            text = text.replace(src, dst)
    return text


#: Outlet and agency names masked in ``masked`` mode (matched case-insensitively as words).
OUTLET_NAMES = (
    "associated press",
    "reuters",
    "bloomberg",
    "bbc news",
    "bbc",
    "agence france-presse",
    "afp",
    "xinhua news agency",
    "xinhua",
    "xinhuanet",
    "cgtn",
    "china daily",
    "global times",
    "people's daily",
    "cctv",
    "sputnik news",
    "sputnik",
    "russia today",
    "rt news",
    "press tv",
    "presstv",
    "tass",
    "ria novosti",
    "al jazeera",
    "new york times",
    "nytimes",
    "nyt",
    "washington post",
    "the guardian",
    "cnn",
    "npr",
    "ap",
    "rt",
)
_OUTLET_PATTERN = (
    r"\b(?:"
    + "|".join(re.escape(n) for n in sorted(OUTLET_NAMES, key=len, reverse=True))
    + r")\b(?:\.com|\.cn|\.net|\.org)?"
)
_OUTLET_RE = re.compile(_OUTLET_PATTERN, re.IGNORECASE)
#: The same pattern without IGNORECASE, for ASCII text lower-cased (several times faster:
#: ``re`` skips ahead to the names' first letters only when matching case-sensitively).
_OUTLET_LOWER_RE = re.compile(_OUTLET_PATTERN)
# "WASHINGTON (Reuters) -", "BEIJING, March 3 (Xinhua) --", "HONG KONG -" at a line start.
_DATELINE_RE = re.compile(
    r"^[ \t]*[A-Z][A-Z.,' ]{1,40}(?:,[^\n()]{1,30})?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*-{1,2}[ \t]",
    re.MULTILINE,
)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b\S+@\S+\.\w+")
_TOKEN_RE = re.compile(r"_[a-z]+_|[A-Za-z][A-Za-z']*(?:-[A-Za-z']+)*|\d[\d.,:/]*|[\"?!:;()]")

#: Closed-class words: kept as they are (lower-cased) even when capitalised.
FUNCTION_WORDS = frozenset(
    """
    a about above across after against all almost along also although always am among an
    and another any anyone anything are around as at be because been before being below
    beside besides between beyond both but by can cannot could did do does doing done down
    during each either else enough even ever every everyone everything few for from
    further had has have having he her here hers herself him himself his how however i if
    in into is it its itself just least less many may me might more most much must my
    myself neither never no nobody none nor not nothing now of off often on once one only
    onto or other others otherwise our ours ourselves out over own per perhaps quite
    rather same several shall she should since so some someone something such than that
    the their theirs them themselves then there therefore these they this those though
    through throughout thus to too toward towards under unless until up upon us very via
    was we well were what whatever when whenever where whereas wherever whether which
    while who whoever whom whose why will with within without would yet you your yours
    yourself yourselves mr mrs ms dr said says say saying told according meanwhile
    moreover furthermore indeed still instead
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _mask_outlets(text: str) -> str:
    """``_OUTLET_RE.sub(" _outlet_ ", text)``. On ASCII text, matching the names
    case-insensitively is matching them in the lower-cased text (same length, same word
    boundaries), so the spans come from there and the rest is kept from ``text``."""
    if not text.isascii():
        return _OUTLET_RE.sub(" _outlet_ ", text)
    out: list[str] = []
    last = 0
    for m in _OUTLET_LOWER_RE.finditer(text.lower()):
        out += (text[last : m.start()], " _outlet_ ")
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def tokens(text: str, tokenization: str = "plain") -> list[str]:
    """Word tokens of ``text`` under one of :data:`TOKENIZATIONS`."""
    if tokenization == "plain":
        return [t.lower() for t in _TOKEN_RE.findall(_ascii_quotes(text)) if t[0].isalnum()]
    if tokenization not in TOKENIZATIONS:
        raise ValueError(f"Unknown tokenization {tokenization!r}. Available: {TOKENIZATIONS}")
    text = _ascii_quotes(text)
    if "@" in text or "http" in text or "www." in text:  # else _URL_RE cannot match
        text = _URL_RE.sub(" _url_ ", text)
    text = _DATELINE_RE.sub(" _dateline_ ", text)
    text = _mask_outlets(text)
    out = []
    for tok in _TOKEN_RE.findall(text):
        first = tok[0]
        if first == "_":
            out.append(tok)
        elif first.isdigit():
            out.append("_num_")
        elif first.isupper():
            low = tok.lower()
            out.append(low if low in FUNCTION_WORDS else "_ent_")
        else:
            out.append(tok.lower())
    if tokenization == "style":
        return [t if t in FUNCTION_WORDS or not t[0].isalpha() else "_w_" for t in out]
    return out


def ngrams(toks: Sequence[str], ngram_range: tuple[int, int]) -> list[str]:
    """All n-grams of ``toks`` with n in ``ngram_range`` (inclusive), joined by spaces."""
    lo, hi = ngram_range
    out: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:
            out.extend(toks)
        else:
            out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return out


_CACHE: dict[tuple[str, str, tuple[int, int], int | None], list[str]] | None = None


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")


def windows(text: str, size: int) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``size`` characters, for a model that
    reads ``size`` characters at a time. Pieces are whole paragraphs where they fit; a longer
    paragraph is cut after its last sentence end within ``size`` (else at a space, else
    inside a word longer than ``size``). Every character but the whitespace at a cut is in
    exactly one piece, in order; a short text is one piece.
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    current = ""
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        while len(paragraph) > size:
            head = paragraph[:size]
            ends = [m.end() for m in _SENTENCE_END.finditer(head)]
            cut = ends[-1] if ends else head.rfind(" ") + 1 or size
            if current:
                pieces.append(current)
                current = ""
            pieces.append(paragraph[:cut].strip())
            paragraph = paragraph[cut:].strip()
        if current and len(current) + 1 + len(paragraph) > size:
            pieces.append(current)
            current = ""
        current = f"{current}\n{paragraph}" if current else paragraph
    if current:
        pieces.append(current)
    return pieces or [text[:size]]


def enable_cache() -> None:
    """Memoise n-gram lists per text (for training scripts that fit many models on the same
    texts; off by default, since a library call should not hold on to a corpus)."""
    global _CACHE
    if _CACHE is None:
        _CACHE = {}


class Analyzer:
    """Callable text -> n-gram list (for ``CountVectorizer(analyzer=...)`` while fitting).

    ``max_chars`` cuts each text first, so a long article and a headline are compared on a
    similar footing (and prediction sees what training saw).
    """

    def __init__(
        self, tokenization: str, ngram_range: tuple[int, int], max_chars: int | None = None
    ) -> None:
        self.tokenization = tokenization
        self.ngram_range = ngram_range
        self.max_chars = max_chars

    def __call__(self, text: str) -> list[str]:
        key = (text, self.tokenization, self.ngram_range, self.max_chars)
        if _CACHE is not None and key in _CACHE:
            return _CACHE[key]
        cut = text[: self.max_chars] if self.max_chars else text
        grams = [sys.intern(g) for g in ngrams(tokens(cut, self.tokenization), self.ngram_range)]
        if _CACHE is not None:
            _CACHE[key] = grams
        return grams


def gram_counts(
    text: str, tokenization: str, ngram_range: tuple[int, int], max_chars: int | None = None
) -> Counter[str]:
    """How often each n-gram occurs in ``text`` (cut to ``max_chars`` first): what a TF-IDF
    row is made from. Models that read texts the same way (same tokenization, n-grams and
    cut) share one count per text."""
    cut = text[:max_chars] if max_chars else text
    return Counter(ngrams(tokens(cut, tokenization), ngram_range))


def tfidf_lists(
    counts: Iterable[Counter[str]],
    vocabulary: dict[str, int],
    weights: Sequence[float],
    *,
    sublinear_tf: bool,
) -> Iterator[tuple[list[int], list[float]]]:
    """Per n-gram count (:func:`gram_counts`), its row of L2-normalised TF-IDF over a fixed
    vocabulary as plain lists: the columns in increasing order and their values (Python
    floats; ``weights`` is the idf as Python floats). Out-of-vocabulary n-grams are
    ignored; an empty row is two empty lists. The one place the TF-IDF numbers are made:
    :func:`tfidf_rows` stacks these rows, and a loaded model
    (:class:`framing.models.linear.LinearModel`) reads them without numpy."""
    lookup = vocabulary.get
    log = math.log
    for grams in counts:
        # Distinct n-grams to columns (the vocabulary is one to one, so counts carry over).
        row = {j: c for g, c in grams.items() if (j := lookup(g)) is not None}
        cols = sorted(row)
        if sublinear_tf:
            vals = [(1.0 + log(row[j])) * weights[j] for j in cols]
        else:
            vals = [float(row[j]) * weights[j] for j in cols]
        norm = math.sqrt(sum(v * v for v in vals))
        if norm > 0:
            vals = [v / norm for v in vals]
        yield cols, vals


def tfidf_rows(
    counts: Iterable[Counter[str]], vocabulary: dict[str, int], idf: Any, *, sublinear_tf: bool
) -> Any:
    """Rows of L2-normalised TF-IDF over a fixed vocabulary (scipy CSR, float64), one per
    n-gram count (:func:`gram_counts`): the rows of :func:`tfidf_lists` stacked."""
    import numpy as np
    from scipy import sparse

    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    weights = np.asarray(idf, dtype=np.float64).tolist()  # Python floats: same products
    for cols, vals in tfidf_lists(counts, vocabulary, weights, sublinear_tf=sublinear_tf):
        indices.extend(cols)
        data.extend(vals)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(indptr) - 1, len(vocabulary)),
    )


def tfidf_matrix(
    texts: Iterable[str],
    vocabulary: dict[str, int],
    idf: Any,
    *,
    tokenization: str,
    ngram_range: tuple[int, int],
    sublinear_tf: bool,
    max_chars: int | None = None,
) -> Any:
    """Rows of L2-normalised TF-IDF of ``texts`` over a fixed vocabulary (scipy CSR, float64).

    Out-of-vocabulary n-grams are ignored; an empty row stays all zeros.
    """
    counts = (gram_counts(text, tokenization, ngram_range, max_chars) for text in texts)
    return tfidf_rows(counts, vocabulary, idf, sublinear_tf=sublinear_tf)


def tfidf_from_counts(counts: Any, idf: Any, *, sublinear_tf: bool) -> Any:
    """The same rows as :func:`tfidf_matrix`, from a count matrix over the vocabulary.

    Used while fitting, where the counts are already there; prediction always goes through
    :func:`tfidf_matrix`, so a loaded model and the fitted one share one code path.
    """
    import numpy as np
    from scipy import sparse

    X = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    X.sort_indices()
    if sublinear_tf:
        X.data = 1.0 + np.log(X.data)
    X = X.multiply(np.asarray(idf, dtype=np.float64)).tocsr()
    norms = np.sqrt(np.asarray(X.multiply(X).sum(1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ X)
