"""Find a lexicon's entries in tokenised sentences: the evidence behind an axis score.

At each token position the longest token entry wins (ties: the higher weight), and a token
belongs to at most one token entry. ``re:`` entries are matched on the sentence text on their
own. Negation: a token entry with a negator within the lexicon's window before it, in the
same sentence, is dropped or flipped to the other pole (``negation.mode``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from framing.axes.lexicon import Entry, Lexicon
from framing.records import Hit
from framing.text import Token

#: Distinct tokens whose candidates a matcher remembers before it starts afresh.
_SEEN_LIMIT = 1 << 17


#: A token entry ready to match: (entry, word count, its other words, any of them a wildcard).
_Candidate = tuple[Entry, int, list[str], bool]


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
        # Per token entry, what matching needs: (entry, word count, the other words as a
        # list, whether any of them is a wildcard). Multi-word entries without wildcards
        # compare the following tokens as one list (in C), not word by word.
        self._compiled: dict[int, _Candidate] = {
            id(entry): (
                entry,
                len(entry.words),
                list(entry.words[1:]),
                any(w.endswith("*") for w in entry.words[1:]),
            )
            for entry in lexicon.entries
            if entry.regex is None
        }
        neg = lexicon.negation
        self._negators = neg.negators
        self._window = neg.window
        self._flip = neg.mode == "flip"
        # Candidates per distinct token, remembered: most tokens of a corpus are frequent
        # words that start no entry, and looking them up once is enough.
        self._seen: dict[str, tuple[_Candidate, ...]] = {}

    def _candidates(self, token: str) -> tuple[_Candidate, ...]:
        found = list(self._exact.get(token, ()))
        for length in self._prefix_lengths:
            if length > len(token):
                break
            found.extend(self._prefix[length].get(token[:length], ()))
        if len(self._seen) >= _SEEN_LIMIT:
            self._seen.clear()
        self._seen[token] = result = tuple(self._compiled[id(entry)] for entry in found)
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
        norms = [t.norm for t in tokens]
        n = len(norms)
        seen = self._seen
        i = 0
        while i < n:
            candidates = seen.get(norms[i])
            if candidates is None:
                candidates = self._candidates(norms[i])
            if not candidates:
                i += 1
                continue
            best: Entry | None = None
            best_size = 0
            for entry, size, rest, wildcard in candidates:
                if i + size > n:
                    continue
                if size > 1:
                    if wildcard:
                        if not all(_word_matches(w, norms[i + k]) for k, w in enumerate(rest, 1)):
                            continue
                    elif norms[i + 1 : i + size] != rest:
                        continue
                if (
                    best is None
                    or size > best_size
                    or (size == best_size and entry.weight > best.weight)
                ):
                    best, best_size = entry, size
            if best is None:
                i += 1
                continue
            size = best_size
            matched = sentence[tokens[i].start : tokens[i + size - 1].end]
            hits.append(self._hit(best, matched, index, self._negated(tokens, i)))
            i += size
        for entry in self._regex:
            assert entry.regex is not None
            for m in entry.regex.finditer(sentence):
                if m.end() > m.start():
                    hits.append(self._hit(entry, m.group(), index, False))
        return hits
