"""Load a lexicon with its provenance, and score texts with the shipped matcher.

Used by ``evaluate_lexicons.py``. Parsing, matching and the score formula are the package's
own (``framing.axes.lexicon``, ``framing.axes.match``,
``framing.scoring.scorer.lexicon_score``), so hits and counts are those of ``framing score``;
this module adds two things the evaluation needs:

* provenance: an entry whose line in the file carries the comment ``# mined`` was added
  after looking at mined candidates (``mine_lexicon_candidates.py``); every other entry was
  written from genre knowledge before any corpus was mined;
* per-entry hit counts, so that held-out sub-lexicons can be scored and every entry's
  log-odds z can be computed per corpus.

Scores here are over the text as given (no title handling, no model blend), always with the
pole balance ``(P - N) / (P + N + 2)``: a lexicon file's ``scoring`` block (threat_exchange's
evidence form) is not applied, so these are entry-level checks, not ``framing score`` values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from framing.axes.lexicon import Entry, Lexicon, load_lexicon
from framing.axes.match import Matcher
from framing.scoring.scorer import lexicon_score
from framing.text import split_sentences, tokenize


@dataclass(frozen=True)
class Axis:
    """A parsed lexicon plus the set of entries marked ``# mined`` in its file."""

    lexicon: Lexicon
    mined: frozenset[str]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.lexicon.entries

    @property
    def genre(self) -> set[str]:
        return {e.text for e in self.entries if e.text not in self.mined}

    def pole_sign(self, entry: Entry) -> int:
        """+1 for an entry of the positive pole, -1 for the negative pole."""
        return 1 if entry.pole == self.lexicon.positive.id else -1

    def subset(self, keep: set[str]) -> Axis:
        """The same axis with only the entries whose text is in ``keep``."""
        entries = tuple(e for e in self.entries if e.text in keep)
        return Axis(replace(self.lexicon, entries=entries), self.mined & keep)

    def with_entries(self, entries: tuple[Entry, ...]) -> Axis:
        """The same axis (negation, poles) with other entries, e.g. an uncurated list."""
        return Axis(replace(self.lexicon, entries=entries), frozenset(e.text for e in entries))


def load_axis(path: Path) -> Axis:
    """Load and validate a lexicon file and read which entries are marked ``# mined``."""
    lexicon = load_lexicon(path)
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    mined = frozenset(
        e.text for e in lexicon.entries if lines[e.line - 1].rstrip().endswith("# mined")
    )
    return Axis(lexicon, mined)


Prepared = list[tuple[str, list]]  # (sentence, its tokens) for one text


def prepare(text: str) -> Prepared:
    """Sentences and tokens of a text, computed once and shared by several scorers."""
    return [(sentence, tokenize(sentence)) for sentence in split_sentences(text)]


class Scorer:
    """Counted hits per entry, and the lexicon score ``(P - N) / (P + N + 2)``."""

    def __init__(self, axis: Axis) -> None:
        self.axis = axis
        self.matcher = Matcher(axis.lexicon)
        self.by_name = {e.name: e for e in axis.entries}
        self.by_text = {e.text: e for e in axis.entries}
        self.positive = axis.lexicon.positive.id

    def entry_counts(self, text: str | Prepared) -> dict[str, float]:
        """Counted hits per entry text; a hit counted for the other pole is keyed ``~text``."""
        counts: dict[str, float] = {}
        prepared = prepare(text) if isinstance(text, str) else text
        for index, (sentence, tokens) in enumerate(prepared):
            for hit in self.matcher.match_sentence(sentence, tokens, index):
                if not hit.counted_for:
                    continue
                entry = self.by_name[hit.term]
                key = entry.text if hit.counted_for == entry.pole else "~" + entry.text
                counts[key] = counts.get(key, 0.0) + 1
        return counts

    def pole_weights(self, counts: dict[str, float]) -> tuple[float, float]:
        """(N, P): summed weights of the counted hits on the negative and positive pole."""
        neg = pos = 0.0
        for key, n in counts.items():
            entry = self.by_text[key.lstrip("~")]
            if (entry.pole == self.positive) != key.startswith("~"):
                pos += n * entry.weight
            else:
                neg += n * entry.weight
        return neg, pos

    def score_counts(self, counts: dict[str, float]) -> float:
        return lexicon_score(*self.pole_weights(counts))

    def score(self, text: str | Prepared) -> float:
        return self.score_counts(self.entry_counts(text))
