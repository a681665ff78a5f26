"""Keyword in context, and a lexicon's entries as the matcher sees them in a corpus.

``kwic(term, articles)``: every match of ``term`` with its left and right context (sentences
around it, ``width`` characters each side), the article's id, outlet and date. ``term`` is
written as a lexicon entry (docs/lexicon-format.md): a word (``spy``), a wildcard
(``spy*``), a phrase (``national security``, ``data harvest*``), or a regular expression
(``re:\\bbanned from\\b``). It is matched by the scorer's own matcher
(``framing.axes.match``) on the scorer's own text (title, then body, sentence by sentence), so
a line here is a match there. ``negated`` is the scorer's own verdict on the match
(``Matcher.match_sentence``) under the negation rule of the lexicon ``rules`` (default: the
one ``rule_axis`` picks from the shipped lexicons): negated, a double negation cancelled,
dismissed before or after it ("... spying concerns which officials dismissed as unfounded"
with ``scope: clause``). TERM is matched alone, so a rebuttal by another entry of the axis
("A, but B" where B holds that entry) is the one verdict not seen.

``diagnose(lexicon, articles)``: per entry of an axis, over the whole lexicon at once (so
longest-match competition between entries is as in scoring): matches, counted matches
(not negated or dismissed), documents, the distinct words or phrases it matched with their
counts, sample contexts, and flags:

* ``many forms``: a wildcard that matched ``many`` (default 8) or more distinct words;
* ``proper noun``: a form of a wildcard written with a capital inside a sentence in most of
  its matches, at least twice (``stern*`` -> Sternberg);
* ``phrase``: for a one-word entry, a word that stands before or after the match in at
  least a quarter of its matches (3 or more), making a phrase the entry may not mean
  (``exchange*`` -> "exchange rate"); stopwords do not count as such words;
* ``no match``: never matched in the corpus.

And for the axis: documents with no match at all, and with no counted match.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from framing.axes.lexicon import Lexicon
from framing.errors import LexiconError, UsageError
from framing.records import Article, Hit

WIDTH = 40
MANY_FORMS = 8
CONTEXTS = 3
#: A neighbour word makes a phrase when it stands beside this share of matches (and 3+).
PHRASE_SHARE = 0.25
_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def shown(term: str) -> str:
    """``term`` quoted for a message as the user typed it: ``repr`` would double each
    backslash of a pattern (``'re:\\\\bspy'`` for ``re:\\bspy``)."""
    quote = '"' if "'" in term and '"' not in term else "'"
    return f"{quote}{term}{quote}"


def term_lexicon(term: str) -> Lexicon:
    """A one-entry lexicon for ``term`` (entry syntax), to match it as the scorer would."""
    from framing.axes.lexicon import parse_lexicon

    if not term.strip():
        raise UsageError("TERM is empty: give a word, word*, a phrase or re:PATTERN")
    doc = {
        "format": "framing-lexicon/1",
        "id": "kwic",
        "version": "0",
        "description": "one term",
        "license": "none",
        "sources": ["the command line"],
        "poles": {"negative": {"id": "term", "label": "term"},
                  "positive": {"id": "other", "label": "other"}},
        "terms": {"term": {term: 1.0}, "other": {"zzqqxxnever": 1.0}},
    }  # fmt: skip
    try:
        return parse_lexicon(json.dumps(doc), source="TERM")
    except LexiconError as exc:
        reason = str(exc).split("terms.term: ", 1)[-1].split(" (and ", 1)[0]
        for text in {term, term.strip()}:
            reason = reason.replace(repr(text), shown(text))
        raise UsageError(
            f"TERM {shown(term)}: {reason}. Write a word, word*, a phrase or re:PATTERN"
        ) from None


def _sentences(article: Article) -> list[str]:
    from framing.scoring.scorer import article_text
    from framing.text import split_sentences

    return split_sentences(article_text(article))


def _located(sentence: str, hits: Sequence[Hit]) -> Iterator[tuple[Hit, int, int]]:
    """Each hit with its span in the sentence (hits come in order within each entry)."""
    cursor: dict[str, int] = defaultdict(int)
    lowered = sentence.lower().replace("’", "'")
    for hit in hits:
        needle = hit.matched.lower().replace("’", "'")
        start = lowered.find(needle, cursor[hit.term])
        if start < 0:
            start = max(0, lowered.find(needle))
        end = start + len(hit.matched)
        cursor[hit.term] = end
        yield hit, start, end


def _matches(matcher: Any, sentences: list[str]) -> Iterator[tuple[int, Hit, int, int]]:
    from framing.text import tokenize

    for i, sentence in enumerate(sentences):
        hits = matcher.match_sentence(sentence, tokenize(sentence), i)
        for hit, start, end in _located(sentence, hits):
            yield i, hit, start, end


def _context(sentences: list[str], i: int, start: int, end: int, width: int) -> tuple[str, str]:
    """Up to ``width`` characters left and right of a match, from its sentence and the two
    sentences on either side (whitespace collapsed)."""
    sentence = sentences[i]
    left = _flat(" ".join([*sentences[max(0, i - 2) : i], sentence[:start]]))
    right = _flat(" ".join([sentence[end:], *sentences[i + 1 : i + 3]]))
    return left[-width:], right[:width]


@dataclass(frozen=True)
class Line:
    """One concordance line."""

    id: str
    outlet: str
    date: str
    left: str
    match: str
    right: str
    negated: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "date": self.date, "left": self.left,
                "match": self.match, "right": self.right, "negated": self.negated}  # fmt: skip


def rule_axis(
    term: str, lexicons: Mapping[str, Lexicon], axis: str | None = None
) -> Lexicon | None:
    """The lexicon whose negation rule ``kwic`` applies to ``term``: ``axis``'s; by default
    the first (by id) that lists ``term`` as an entry, else the first whose negation is on
    (window above 0); ``None`` when no lexicon negates."""
    if axis is not None:
        if axis not in lexicons:
            raise UsageError(f"Unknown axis {axis!r}. Available: {', '.join(sorted(lexicons))}")
        return lexicons[axis]
    wanted = _flat(term).lower()
    ordered = [lexicons[k] for k in sorted(lexicons)]
    for lexicon in ordered:
        if any(e.text.lower() == wanted for e in lexicon.entries):
            return lexicon
    return next((lex for lex in ordered if lex.negation.window > 0), None)


def kwic(
    term: str,
    articles: Iterable[Article],
    *,
    width: int = WIDTH,
    rules: Lexicon | None = None,
) -> Iterator[Line]:
    """Every match of ``term`` in ``articles``, in corpus order; ``negated`` as the scorer
    marks it under ``rules``' negation (module docstring)."""
    from framing.axes.match import Matcher

    if width < 1:
        raise UsageError(f"--width {width}: give a number of characters of at least 1")
    lexicon = term_lexicon(term)
    if rules is None:
        from framing.axes.lexicon import load_lexicons

        rules = rule_axis(term, load_lexicons())
    if rules is not None:
        lexicon = replace(lexicon, negation=rules.negation)
    matcher = Matcher(lexicon)
    for article in articles:
        sentences = _sentences(article)
        for i, hit, start, end in _matches(matcher, sentences):
            if hit.pole != "term":
                continue
            left, right = _context(sentences, i, start, end, width)
            yield Line(article.id, article.outlet, article.date, left, _flat(hit.matched),
                       right, hit.negated)  # fmt: skip


@dataclass
class EntryReport:
    """What one lexicon entry matched in a corpus."""

    pole: str
    entry: str
    wildcard: bool
    matches: int = 0
    counted: int = 0
    documents: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    capitalised: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    contexts: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self, n_documents: int) -> dict[str, Any]:
        return {
            "pole": self.pole,
            "entry": self.entry,
            "matches": self.matches,
            "counted": self.counted,
            "documents": self.documents,
            "document_share": round(self.documents / n_documents, 4) if n_documents else None,
            "distinct_forms": len(self.forms),
            "forms": dict(self.forms.most_common()),
            "flags": list(self.flags),
            "contexts": list(self.contexts),
        }


@dataclass(frozen=True)
class Diagnosis:
    """``diagnose``'s result: the axis, per-entry reports, and documents without a match."""

    axis: str
    version: str
    n_documents: int
    no_match: int
    no_counted: int
    entries: tuple[EntryReport, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [e.to_dict(self.n_documents) for e in self.entries]

    def to_dict(self) -> dict[str, Any]:
        return {"axis": self.axis, "version": self.version, "documents": self.n_documents,
                "no_match": self.no_match, "no_counted_match": self.no_counted,
                "entries": self.rows()}  # fmt: skip


def _flag(report: EntryReport, many: int, entries: set[str]) -> None:
    from framing.data import stopwords

    if not report.matches:
        report.flags.append("no match")
        return
    if report.wildcard and len(report.forms) >= many:
        report.flags.append(f"many forms ({len(report.forms)})")
    for form, n in report.forms.most_common() if report.wildcard else ():
        caps = report.capitalised[form]
        if caps >= 2 and caps > n / 2:
            report.flags.append(f"proper noun? {form!r} capitalised mid-sentence {caps} of {n}")
    stop = stopwords()
    single = " " not in report.entry.strip() and not report.entry.startswith("re:")
    for side, counter in (("before", report.before), ("after", report.after)) if single else ():
        for word, n in counter.most_common(3):
            if word in stop or n < 3 or n < PHRASE_SHARE * report.matches:
                continue
            form = report.forms.most_common(1)[0][0]
            phrase = f"{word} {form}" if side == "before" else f"{form} {word}"
            if phrase not in entries:
                report.flags.append(f"phrase? {phrase!r}: {word!r} {side} it in {n} of "
                                    f"{report.matches}")  # fmt: skip


def diagnose(
    lexicon: Lexicon,
    articles: Iterable[Article],
    *,
    contexts: int = CONTEXTS,
    many: int = MANY_FORMS,
    width: int = WIDTH,
) -> Diagnosis:
    """Per entry of ``lexicon``, what it matches in ``articles`` (module docstring)."""
    from framing.axes.match import Matcher
    from framing.text import words

    matcher = Matcher(lexicon)
    reports = {
        (e.pole, e.name): EntryReport(e.pole, e.name, any(w.endswith("*") for w in e.words))
        for e in lexicon.entries
    }
    names = {e.text.lower() for e in lexicon.entries} | {e.name.lower() for e in lexicon.entries}
    n_docs = no_match = no_counted = 0
    for article in articles:
        n_docs += 1
        sentences = _sentences(article)
        seen: set[tuple[str, str]] = set()
        counted = False
        for i, hit, start, end in _matches(matcher, sentences):
            report = reports.get((hit.pole, hit.term))
            if report is None:
                continue
            sentence = sentences[i]
            form = _flat(hit.matched).lower().replace("’", "'")
            report.matches += 1
            report.forms[form] += 1
            if hit.counted_for:
                report.counted += 1
                counted = True
            if start > 0 and sentence[start : start + 1].isupper() and sentence[:start].strip():
                report.capitalised[form] += 1
            before, after = words(sentence[:start])[-1:], words(sentence[end:])[:1]
            report.before.update(before)
            report.after.update(after)
            seen.add((hit.pole, hit.term))
            if len(report.contexts) < contexts:
                left, right = _context(sentences, i, start, end, width)
                sep = "" if right[:1] in ",.;:!?)" else " "
                report.contexts.append(
                    f"{article.id}: ...{left} [{_flat(hit.matched)}]{sep}{right}..."
                )
        for key in seen:
            reports[key].documents += 1
        no_match += not seen
        no_counted += not counted
    if not n_docs:
        from framing.errors import InputError

        raise InputError("no article to diagnose: the inputs hold no readable article")
    for report in reports.values():
        _flag(report, many, names)
    ordered = sorted(reports.values(), key=lambda r: (-r.matches, r.pole, r.entry))
    return Diagnosis(lexicon.id, lexicon.version, n_docs, no_match, no_counted, tuple(ordered))


__all__ = [
    "Diagnosis",
    "EntryReport",
    "Line",
    "diagnose",
    "kwic",
    "rule_axis",
    "shown",
    "term_lexicon",
]
