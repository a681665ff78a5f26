"""Find a lexicon's entries in tokenised sentences: the evidence behind an axis score.

At each token position the longest token entry wins (ties: the higher weight), and a token
belongs to at most one token entry. ``re:`` entries are matched on the sentence text on their
own. Negation: a token entry with a negator within the lexicon's window before it, in the
same sentence, is dropped or flipped to the other pole (``negation.mode``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from framing.lexicon import Entry, Lexicon
from framing.records import Hit
from framing.text import Token

#: Distinct tokens whose candidates a matcher remembers before it starts afresh.
_SEEN_LIMIT = 1 << 17


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


class Matcher:
    """A lexicon compiled for fast lookup by first word."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._exact: dict[str, list[Entry]] = defaultdict(list)
        self._prefix: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        self._regex: list[Entry] = []
        for entry in lexicon.entries:
            if entry.regex is not None:
                self._regex.append(entry)
                continue
            first = entry.words[0]
            if first.endswith("*"):
                stem = first[:-1]
                self._prefix[len(stem)][stem].append(entry)
            else:
                self._exact[first].append(entry)
        self._prefix_lengths = sorted(self._prefix)
        neg = lexicon.negation
        self._negators = neg.negators
        self._window = neg.window
        self._flip = neg.mode == "flip"
        # Candidates per distinct token, remembered: most tokens of a corpus are frequent
        # words that start no entry, and looking them up once is enough.
        self._seen: dict[str, tuple[Entry, ...]] = {}

    def _candidates(self, token: str) -> tuple[Entry, ...]:
        found = list(self._exact.get(token, ()))
        for length in self._prefix_lengths:
            if length > len(token):
                break
            found.extend(self._prefix[length].get(token[:length], ()))
        if len(self._seen) >= _SEEN_LIMIT:
            self._seen.clear()
        self._seen[token] = result = tuple(found)
        return result

    def _negated(self, tokens: Sequence[Token], start: int) -> bool:
        for tok in tokens[max(0, start - self._window) : start]:
            if tok.norm in self._negators or tok.norm.endswith("n't"):
                return True
        return False

    def _hit(self, entry: Entry, matched: str, index: int, negated: bool) -> Hit:
        if not negated:
            return Hit(entry.name, matched, entry.pole, entry.weight, index, False, entry.pole)
        if self._flip:
            other = self.lexicon.other_pole(entry.pole)
            return Hit(entry.name, matched, entry.pole, entry.weight, index, True, other)
        return Hit(entry.name, matched, entry.pole, 0.0, index, True, "")

    def match_sentence(self, sentence: str, tokens: Sequence[Token], index: int) -> list[Hit]:
        """Hits in one sentence (``index`` is its position in the article)."""
        hits: list[Hit] = []
        n = len(tokens)
        seen = self._seen
        i = 0
        while i < n:
            candidates = seen.get(tokens[i].norm)
            if candidates is None:
                candidates = self._candidates(tokens[i].norm)
            if not candidates:
                i += 1
                continue
            best: Entry | None = None
            for entry in candidates:
                size = len(entry.words)
                if i + size > n:
                    continue
                if size > 1 and not all(
                    _word_matches(w, tokens[i + k].norm) for k, w in enumerate(entry.words[1:], 1)
                ):
                    continue
                if (
                    best is None
                    or size > len(best.words)
                    or (size == len(best.words) and entry.weight > best.weight)
                ):
                    best = entry
            if best is None:
                i += 1
                continue
            size = len(best.words)
            matched = sentence[tokens[i].start : tokens[i + size - 1].end]
            hits.append(self._hit(best, matched, index, self._negated(tokens, i)))
            i += size
        for entry in self._regex:
            assert entry.regex is not None
            for m in entry.regex.finditer(sentence):
                if m.end() > m.start():
                    hits.append(self._hit(entry, m.group(), index, False))
        return hits
