"""The matcher as it was before the word trie: a reference that the trie must agree with.

``FirstWordMatcher`` is ``framing.axes.match.Matcher`` with the old way of finding the entry
that wins at a token: every entry indexed by its first word (exact, or by stem length for a
wildcard), each candidate checked word by word, the longest kept (ties: the higher weight,
then the first candidate), and every ``re:`` entry run on every sentence. Negation,
dismissal and contrast are the matcher's own, unchanged, so a difference is the trie's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from framing.axes.lexicon import Entry, Lexicon
from framing.axes.match import Matcher


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


class FirstWordMatcher(Matcher):
    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self._exact: dict[str, list[Entry]] = defaultdict(list)
        self._prefix: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        for entry in lexicon.entries:
            if entry.regex is not None:
                continue
            first = entry.words[0]
            if first.endswith("*"):
                self._prefix[len(first) - 1][first[:-1]].append(entry)
            else:
                self._exact[first].append(entry)
        self._prefix_lengths = sorted(self._prefix)

    def _roots(self, token: str) -> tuple[Any, ...]:
        found = list(self._exact.get(token, ()))
        for length in self._prefix_lengths:
            if length > len(token):
                break
            found.extend(self._prefix[length].get(token[:length], ()))
        self._seen[token] = result = tuple(found)
        return result

    def _longest(
        self, norms: Sequence[str], i: int, roots: tuple[Any, ...]
    ) -> tuple[Entry | None, int]:
        best: Entry | None = None
        best_size = 0
        n = len(norms)
        for entry in roots:
            size = len(entry.words)
            if i + size > n:
                continue
            if not all(_word_matches(w, norms[i + k]) for k, w in enumerate(entry.words)):
                continue
            if (
                best is None
                or size > best_size
                or (size == best_size and entry.weight > best.weight)
            ):
                best, best_size = entry, size
        return best, best_size

    def _regex_hits(self, sentence: str) -> list[Entry]:
        return self._regex
