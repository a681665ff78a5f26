"""Find a lexicon's entries in tokenised sentences: the evidence behind an axis score.

At each token position the longest token entry wins (ties: the higher weight, then the entry
listed first, exact first words before wildcard ones), and a token belongs to at most one
token entry. ``re:`` entries are matched on the sentence text on their own.

Token entries live in a trie of words (a wildcard word ``spy*`` is an edge keyed by its stem,
looked up by the token's first letters), so the work per token does not grow with the number
of entries: a token that starts no entry costs one dictionary lookup (cached per distinct
token), one that does walks as many levels as the longest entry it can start. ``re:`` entries
are screened per sentence by one RE2 set (which of them match anywhere); only those run.

Negation: a token entry with a negator within the lexicon's window before it, in the same
sentence, is dropped or flipped to the other pole (``negation.mode``).

With ``negation.scope: clause`` (docs/lexicon-format.md, "Negation and dismissal"):

* the look-back stops at a clause boundary (``, ; : ( )``, dashes, or a ``boundaries`` word
  such as "but" or "and"), and a cue found in it extends it by another window, so cues chain;
* cues are the negators and the ``dismissals`` ("dismissed", "rejected", "brushed off",
  "rule out"); an odd number of them before a match negates it, an even number cancels
  ("could not rule out espionage" counts), and phrases in ``exceptions`` ("not only") are
  not cues;
* a ``dismissals_after`` word later in the same clause ("... are unfounded", "... as
  baseless") dismisses the match unless a negator stands right before that word;
* contrast: in "A, but B" (a ``contrast`` word), when B has counted hits on one pole only,
  A's hits on the other pole are rebutted; when B holds a dismissal cue and no counted hit,
  all of A's are ("not only A but B" is no contrast).

Negated hits follow ``mode`` (drop or flip); dismissed and rebutted hits never count for
either pole (the codebook: a frame quoted and then dismissed is not that frame; a rebuttal
counts only through its own terms). All of them stay in the evidence, marked negated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from framing.axes.lexicon import Entry, Lexicon
from framing.records import Hit
from framing.text import Token

#: Distinct tokens whose candidates a matcher remembers before it starts afresh.
_SEEN_LIMIT = 1 << 17


class _Node:
    """A trie node: the words that may come next, and the best entry ending here."""

    __slots__ = ("entry", "exact", "key", "lengths", "stems")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        #: wildcard words by stem length, then stem (``spy*``: ``stems[3]["spy"]``)
        self.stems: dict[int, dict[str, _Node]] = {}
        self.lengths: tuple[int, ...] = ()
        self.entry: Entry | None = None
        #: (weight, -rank) of ``entry``: among entries of one length the higher weight
        #: wins, then the lower rank (exact first words before wildcards, then file order).
        self.key: tuple[float, int] = (0.0, 0)

    def child(self, word: str) -> _Node:
        if word.endswith("*"):
            stem = word[:-1]
            by_stem = self.stems.setdefault(len(stem), {})
            self.lengths = tuple(sorted(self.stems))
            return by_stem.setdefault(stem, _Node())
        return self.exact.setdefault(word, _Node())

    def next(self, token: str) -> list[_Node]:
        """The children that ``token`` leads to (an exact word, and wildcard stems)."""
        found = []
        node = self.exact.get(token)
        if node is not None:
            found.append(node)
        for length in self.lengths:
            if length > len(token):
                break
            node = self.stems[length].get(token[:length])
            if node is not None:
                found.append(node)
        return found


def _rank(entry: Entry, index: int) -> int:
    """Tie order of an entry: exact first words, then wildcard first words by stem length,
    each in file order (the order a first-word index lists them)."""
    first = entry.words[0]
    group = len(first) if first.endswith("*") else 0
    return group * (1 << 32) + index


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


#: Characters between two tokens that end a clause (``scope: clause``); none of them can be
#: inside a word token.
_CLAUSE_PUNCT_RE = re.compile(r"[,;:()\[\]—–]")


class _Phrases:
    """Words or phrases (a word may end with ``*``) looked up by first word, cached."""

    def __init__(self, phrases: Sequence[tuple[str, ...]]) -> None:
        self._exact: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._stems: list[tuple[str, tuple[str, ...]]] = []
        for phrase in phrases:
            if phrase[0].endswith("*"):
                self._stems.append((phrase[0][:-1], phrase))
            else:
                self._exact[phrase[0]].append(phrase)
        self._seen: dict[str, tuple[tuple[str, ...], ...]] = {}

    def starts(self, token: str) -> bool:
        """Whether some phrase can start with ``token``."""
        return token in self._exact or any(token.startswith(stem) for stem, _ in self._stems)

    def at(self, norms: Sequence[str], i: int) -> int:
        """Length of the longest phrase starting at token ``i`` (0: none)."""
        token = norms[i]
        found = self._seen.get(token)
        if found is None:
            found = tuple(self._exact.get(token, ())) + tuple(
                p for stem, p in self._stems if token.startswith(stem)
            )
            if len(self._seen) >= _SEEN_LIMIT:
                self._seen.clear()
            self._seen[token] = found
        best = 0
        for phrase in found:
            size = len(phrase)
            if (
                size > best
                and i + size <= len(norms)
                and all(_word_matches(w, norms[i + k]) for k, w in enumerate(phrase[1:], 1))
            ):
                best = size
        return best


class _Cues(NamedTuple):
    boundaries: _Phrases
    contrast: _Phrases
    exceptions: _Phrases
    dismissals: _Phrases
    dismissals_after: _Phrases


class _Clauses:
    """Cue positions and clause boundaries of one sentence, for ``scope: clause``."""

    def __init__(
        self, matcher: Matcher, sentence: str, tokens: Sequence[Token], norms: Sequence[str]
    ) -> None:
        cues = matcher._cues
        cue_start = matcher._cue_start
        n = len(norms)
        self.n = n
        #: ``boundary[i]``: a clause ends right before token ``i`` (or token ``i`` is a
        #: boundary word, which belongs to neither side).
        self.boundary = [False] * (n + 1)
        self.boundary_word = [False] * n
        #: Cue starting at ``i``: its length; negators and dismissals before a match,
        #: dismissals after it.
        self.cue = [0] * n
        self.after = [0] * n
        self.negator = [False] * n
        self.contrast: list[int] = []
        self.exceptions: list[int] = []
        starts = [t.start for t in tokens]
        for m in _CLAUSE_PUNCT_RE.finditer(sentence):
            self.boundary[bisect_right(starts, m.start())] = True
        seen = matcher._cue_tokens
        skip_until = 0
        for i, norm in enumerate(norms):
            flag = seen.get(norm)
            if flag is None:
                flag = cue_start(norm)
            if not flag:
                continue
            if cues.boundaries.at(norms, i):
                self.boundary_word[i] = True
            if cues.contrast.at(norms, i):
                self.contrast.append(i)
            if i < skip_until:
                continue
            exception = cues.exceptions.at(norms, i)
            if exception:
                self.exceptions.append(i)
                skip_until = i + exception
                continue
            size = matcher._negator_at(norms, i)
            if size:
                self.negator[i] = True
            size = max(size, cues.dismissals.at(norms, i))
            if size:
                self.cue[i] = size
            self.after[i] = cues.dismissals_after.at(norms, i)

    def stops(self, k: int) -> bool:
        """The look-back from a later token cannot pass token ``k``."""
        return self.boundary_word[k] or self.boundary[k + 1]

    def cues_before(self, start: int, window: int) -> int:
        """How many cues stand before token ``start`` in its clause (chained windows)."""
        count, limit, k = 0, start - window, start - 1
        while k >= max(limit, 0) and not self.stops(k):
            if self.cue[k] and k + self.cue[k] <= start:
                count += 1
                limit = k - window
            k -= 1
        return count

    def dismissed_after(self, end: int, window: int) -> bool:
        """A ``dismissals_after`` word follows token ``end - 1`` in its clause (at most two
        windows on: the subject of "... are unfounded" may be a long noun phrase)."""
        for k in range(end, min(self.n, end + 2 * window)):
            if self.boundary[k] or self.boundary_word[k]:
                return False
            if self.after[k] and not (k and self.negator[k - 1]):
                return True
        return False


class Matcher:
    """A lexicon compiled for fast lookup by first word."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._root = _Node()
        self._regex: list[Entry] = []
        for index, entry in enumerate(lexicon.entries):
            if entry.regex is not None:
                self._regex.append(entry)
                continue
            node = self._root
            for word in entry.words:
                node = node.child(word)
            key = (entry.weight, -_rank(entry, index))
            if node.entry is None or key > node.key:
                node.entry, node.key = entry, key
        self._regex_set = _regex_set(self._regex)
        neg = lexicon.negation
        self._negators = frozenset(w for w in neg.negators if " " not in w)
        self._negator_phrases = _Phrases([tuple(w.split()) for w in neg.negators if " " in w])
        self._cues = _Cues(
            _Phrases(neg.boundaries),
            _Phrases(neg.contrast),
            _Phrases(neg.exceptions),
            _Phrases(neg.dismissals),
            _Phrases(neg.dismissals_after),
        )
        self._cue_tokens: dict[str, bool] = {}
        self._window = neg.window
        self._flip = neg.mode == "flip"
        self._clause = neg.scope == "clause"
        # The first trie level per distinct token, remembered: most tokens of a corpus are
        # frequent words that start no entry, and looking them up once is enough.
        self._seen: dict[str, tuple[Any, ...]] = {}

    def _roots(self, token: str) -> tuple[Any, ...]:
        """Where entries starting with ``token`` continue (empty: none starts with it)."""
        if len(self._seen) >= _SEEN_LIMIT:
            self._seen.clear()
        self._seen[token] = found = tuple(self._root.next(token))
        return found

    def _longest(
        self, norms: Sequence[str], i: int, roots: tuple[Any, ...]
    ) -> tuple[Entry | None, int]:
        """The entry that wins at token ``i`` and its length in tokens (None, 0: none)."""
        best: Entry | None = None
        best_size = 0
        best_key = (0.0, 0)
        frontier: Sequence[_Node] = roots
        size, n = 1, len(norms)
        while True:
            for node in frontier:
                if node.entry is not None and (
                    best is None or size > best_size or node.key > best_key
                ):
                    best, best_size, best_key = node.entry, size, node.key
            if i + size >= n:
                break
            token = norms[i + size]
            deeper = [c for node in frontier for c in node.next(token)]
            if not deeper:
                break
            frontier = deeper
            size += 1
        return best, best_size

    def _cue_start(self, token: str) -> bool:
        """Whether a negator or a cue phrase can start with ``token`` (cached)."""
        found = self._cue_tokens.get(token)
        if found is None:
            found = (
                token in self._negators
                or token.endswith("n't")
                or any(p.starts(token) for p in (self._negator_phrases, *self._cues))
            )
            if len(self._cue_tokens) >= _SEEN_LIMIT:
                self._cue_tokens.clear()
            self._cue_tokens[token] = found
        return found

    def _negator_at(self, norms: Sequence[str], i: int) -> int:
        """Length of a negator starting at token ``i`` (0: none)."""
        if norms[i] in self._negators or norms[i].endswith("n't"):
            return 1
        return self._negator_phrases.at(norms, i)

    def _negated(self, tokens: Sequence[Token], start: int) -> bool:
        for tok in tokens[max(0, start - self._window) : start]:
            if tok.norm in self._negators or tok.norm.endswith("n't"):
                return True
        return False

    def _dropped(self, hit: Hit) -> Hit:
        return Hit(hit.term, hit.matched, hit.pole, 0.0, hit.sentence, True, "")

    def _hit(self, entry: Entry, matched: str, index: int, negated: bool) -> Hit:
        if not negated:
            return Hit(entry.name, matched, entry.pole, entry.weight, index, False, entry.pole)
        if self._flip:
            other = self.lexicon.other_pole(entry.pole)
            return Hit(entry.name, matched, entry.pole, entry.weight, index, True, other)
        return Hit(entry.name, matched, entry.pole, 0.0, index, True, "")

    def match_sentence(
        self,
        sentence: str,
        tokens: Sequence[Token],
        index: int,
        norms: Sequence[str] | None = None,
    ) -> list[Hit]:
        """Hits in one sentence (``index`` is its position in the article). ``norms``: the
        tokens' ``norm`` strings, when the caller has them (one list for every axis)."""
        hits: list[Hit] = []
        if norms is None:
            norms = [t.norm for t in tokens]
        n = len(norms)
        seen = self._seen
        clauses: _Clauses | None = None
        spans: list[tuple[int, int]] = []  # token span of each token hit (scope: clause)
        i = 0
        while i < n:
            roots = seen.get(norms[i])
            if roots is None:
                roots = self._roots(norms[i])
            if not roots:
                i += 1
                continue
            best, best_size = self._longest(norms, i, roots)
            if best is None:
                i += 1
                continue
            size = best_size
            matched = sentence[tokens[i].start : tokens[i + size - 1].end]
            if not self._clause:
                hits.append(self._hit(best, matched, index, self._negated(tokens, i)))
                i += size
                continue
            if clauses is None:
                clauses = _Clauses(self, sentence, tokens, norms)
            if clauses.after[i] or (clauses.cue[i] and not clauses.negator[i]):
                i += 1  # a dismissal word ("fearmongering") is not a match
                continue
            hit = self._hit(best, matched, index, clauses.cues_before(i, self._window) % 2 == 1)
            if hit.counted_for and clauses.dismissed_after(i + size, self._window):
                hit = self._dropped(hit)
            hits.append(hit)
            spans.append((i, i + size))
            i += size
        if clauses is not None and clauses.contrast:
            self._rebut(hits, spans, clauses)
        for entry in self._regex_hits(sentence):
            assert entry.regex is not None
            for m in entry.regex.finditer(sentence):
                if m.end() > m.start():
                    hits.append(self._hit(entry, m.group(), index, False))
        return hits

    def _regex_hits(self, sentence: str) -> list[Entry]:
        """The ``re:`` entries that match somewhere in ``sentence``, in file order."""
        if not self._regex:
            return []
        if self._regex_set is not None:
            found = self._regex_set.Match(sentence) or ()
            if _SENTINEL in found:
                return [self._regex[k - 1] for k in sorted(found) if k != _SENTINEL]
            # No sentinel: the set gave up (RE2's DFA ran out of memory); run each entry.
        return self._regex

    def _rebut(self, hits: list[Hit], spans: list[tuple[int, int]], clauses: _Clauses) -> None:
        """The contrast rule, in place: in "A, but B" a rebuttal B cancels A (module doc)."""
        cuts = [0, *clauses.contrast, clauses.n]
        for c in range(1, len(cuts) - 1):
            if any(cuts[c - 1] <= e < cuts[c] for e in clauses.exceptions):
                continue  # "not only A but B" adds B to A; it does not rebut A
            before = [k for k, (s, _) in enumerate(spans) if cuts[c - 1] <= s < cuts[c]]
            after = [k for k, (s, _) in enumerate(spans) if cuts[c] < s < cuts[c + 1]]
            poles = {hits[k].counted_for for k in after if hits[k].counted_for}
            dismissal = any(clauses.cue[k] or clauses.after[k] for k in range(cuts[c], cuts[c + 1]))
            if len(poles) == 1:
                (rebuttal,) = poles
                drop = [k for k in before if hits[k].counted_for not in ("", rebuttal)]
            elif dismissal and not poles:
                drop = before
            else:
                continue
            for k in drop:
                hits[k] = self._dropped(hits[k])


#: Index of a pattern that matches every text (at its start), added to each regex set first:
#: RE2's set reports no match at all when it gives up, and the sentinel's absence says so.
_SENTINEL = 0
_SET_MAX_MEM = 64 << 20


def _regex_set(entries: Sequence[Entry]) -> Any:
    """One RE2 set of the entries' patterns (index k + 1 for entry k), compiled with the
    entries' own options; None when RE2 cannot build it (each entry then runs alone)."""
    if not entries:
        return None
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _SET_MAX_MEM
    regex_set = re2.Set.SearchSet(options)
    try:
        if regex_set.Add(r"\A") != _SENTINEL:
            return None
        for k, entry in enumerate(entries, 1):
            if regex_set.Add(entry.text[3:]) != k:
                return None
        regex_set.Compile()
    except re2.error:
        return None
    return regex_set
