"""Read a lexicon file and score texts with it, for the evaluation scripts.

``load_lexicon`` reads a ``framing-lexicon/1`` file (docs/lexicon-format.md) and also the
per-entry provenance marker used by the shipped files: an entry whose line ends with the
comment ``# mined`` was proposed by ``mine_lexicon_candidates.py``; every other entry was
written from genre knowledge before any corpus was mined.

``Scorer`` applies the format's matching and scoring rules. When the ``framing`` package
(its ``framing.match`` matcher) is importable it is used, so the numbers are those of the
shipped tool; otherwise a small reference implementation of the documented rules is used
(``engine`` tells which).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*")
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘(A-Z0-9])|\s*\n\s*")
DEFAULT_NEGATORS = (
    "not", "no", "never", "n't", "without", "nor", "neither", "hardly", "none", "nobody",
    "nothing", "cannot",
)


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: ``pole`` is 0 (negative end) or 1 (positive end)."""

    key: str
    pole: int
    weight: float
    mined: bool
    words: tuple[str, ...] = ()  # token entry: words, a trailing "*" marks a prefix
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    """A parsed lexicon file, with the raw mapping kept for re-writing subsets."""

    path: Path
    raw: dict
    pole_ids: tuple[str, str]
    entries: tuple[Entry, ...]
    window: int = 3
    mode: str = "drop"
    negators: frozenset[str] = field(default_factory=lambda: frozenset(DEFAULT_NEGATORS))

    def subset(self, keep: Iterable[str]) -> Lexicon:
        """The same lexicon with only the entries whose key is in ``keep``."""
        keys = set(keep)
        return Lexicon(
            self.path, self.raw, self.pole_ids,
            tuple(e for e in self.entries if e.key in keys),
            self.window, self.mode, self.negators,
        )

    def to_yaml(self) -> str:
        """This (sub)lexicon as a valid lexicon file, for engines that read files."""
        raw = dict(self.raw)
        raw["terms"] = {
            pid: {e.key: e.weight for e in self.entries if e.pole == i}
            for i, pid in enumerate(self.pole_ids)
        }
        return yaml.safe_dump(raw, sort_keys=False, allow_unicode=True)


_LINE = re.compile(r"^\s{4}(?P<entry>\S.*?:\s*[0-9.]+)\s*(?:#\s*(?P<note>.*))?$")


def load_lexicon(path: Path) -> Lexicon:
    """Parse a lexicon file; entries commented ``# mined`` are flagged as mined."""
    text = Path(path).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    mined: set[str] = set()
    for line in text.splitlines():
        m = _LINE.match(line)
        if m and m.group("note") and m.group("note").strip().startswith("mined"):
            ((key, _),) = yaml.safe_load(m.group("entry")).items()
            mined.add(str(key))
    neg_id, pos_id = raw["poles"]["negative"]["id"], raw["poles"]["positive"]["id"]
    entries = []
    for pole, pid in enumerate((neg_id, pos_id)):
        for key, weight in raw["terms"][pid].items():
            key = str(key)
            if key.startswith("re:"):
                entries.append(
                    Entry(key, pole, float(weight), key in mined,
                          regex=re.compile(key[3:], re.IGNORECASE))
                )
            else:
                entries.append(
                    Entry(key, pole, float(weight), key in mined,
                          words=tuple(key.lower().replace("’", "'").split()))
                )
    neg = raw.get("negation") or {}
    return Lexicon(
        Path(path), raw, (neg_id, pos_id), tuple(entries),
        int(neg.get("window", 3)), str(neg.get("mode", "drop")),
        frozenset(neg.get("negators", DEFAULT_NEGATORS)),
    )


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(text) if s and s.strip()]


def tokens(sentence: str) -> list[str]:
    return [m.group().lower().replace("’", "'") for m in WORD.finditer(sentence)]


class ReferenceMatcher:
    """The documented matching rules, for when ``framing`` is not importable."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.exact: dict[str, list[Entry]] = {}
        self.prefix: dict[str, list[Entry]] = {}
        self.regexes = [e for e in lexicon.entries if e.regex is not None]
        for e in lexicon.entries:
            if e.regex is None:
                first = e.words[0]
                if first.endswith("*"):
                    self.prefix.setdefault(first[:-1], []).append(e)
                else:
                    self.exact.setdefault(first, []).append(e)
        self.prefix_lengths = sorted({len(p) for p in self.prefix})

    @staticmethod
    def _word_ok(pattern: str, token: str) -> bool:
        if pattern.endswith("*"):
            return token.startswith(pattern[:-1])
        return token == pattern

    def _negated(self, toks: Sequence[str], i: int) -> bool:
        lo = max(0, i - self.lexicon.window)
        return any(t in self.lexicon.negators or t.endswith("n't") for t in toks[lo:i])

    def hits(self, sentence: str) -> list[tuple[Entry, bool]]:
        """(entry, negated) for every match in one sentence."""
        out: list[tuple[Entry, bool]] = []
        toks = tokens(sentence)
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            cands = list(self.exact.get(tok, ()))
            for k in self.prefix_lengths:
                if len(tok) >= k:
                    cands.extend(self.prefix.get(tok[:k], ()))
            best: Entry | None = None
            for e in cands:
                m = len(e.words)
                if i + m <= n and all(
                    self._word_ok(w, toks[i + j]) for j, w in enumerate(e.words)
                ) and (best is None or m > len(best.words)):
                    best = e
            if best is None:
                i += 1
                continue
            out.append((best, self._negated(toks, i)))
            i += len(best.words)
        for e in self.regexes:
            assert e.regex is not None
            out.extend((e, False) for _ in e.regex.finditer(sentence))
        return out


def _framing_matcher(lexicon: Lexicon):  # pragma: no cover - depends on main's API
    """Build the shipped tool's matcher for this (sub)lexicon, or None if unavailable."""
    return None


class Scorer:
    """Score texts with a lexicon: ``(P - N) / (P + N + 2)``, 0 when there is no hit."""

    alpha = 1.0

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        framing = _framing_matcher(lexicon)
        self.engine = "framing" if framing is not None else "reference"
        self.matcher = framing or ReferenceMatcher(lexicon)
        self.by_key = {e.key: e for e in lexicon.entries}

    def entry_counts(self, text: str) -> dict[str, float]:
        """Counted hits per entry key (negated hits dropped, or flipped: key prefixed ~)."""
        counts: dict[str, float] = {}
        flip = self.lexicon.mode == "flip"
        for sentence in sentences(text):
            for entry, negated in self.matcher.hits(sentence):
                if negated and not flip:
                    continue
                key = ("~" + entry.key) if negated else entry.key
                counts[key] = counts.get(key, 0.0) + 1
        return counts

    def pole_weights(self, counts: dict[str, float]) -> tuple[float, float]:
        """(N, P): summed weights of counted hits on the negative and positive pole."""
        neg = pos = 0.0
        for key, c in counts.items():
            flipped = key.startswith("~")
            e = self.by_key[key.lstrip("~")]
            if (1 - e.pole if flipped else e.pole):
                pos += c * e.weight
            else:
                neg += c * e.weight
        return neg, pos

    def score_counts(self, counts: dict[str, float]) -> float:
        neg, pos = self.pole_weights(counts)
        return (pos - neg) / (pos + neg + 2 * self.alpha)

    def score(self, text: str) -> float:
        return self.score_counts(self.entry_counts(text))
