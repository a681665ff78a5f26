"""Lexicon files: parse, validate (every problem with its line), load.

The format is documented in ``docs/lexicon-format.md``. A lexicon defines one bipolar axis;
loading a folder gives one ``Lexicon`` per ``*.yaml`` file. Shipped lexicons come first;
a user folder (``--lexicons DIR``) adds axes, and a file whose ``id`` equals a shipped one
replaces it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from framing.axes.untrusted import MAX_DEPTH, MAX_NODES  # noqa: F401  (re-exported limits)
from framing.axes.untrusted import compose as _compose
from framing.axes.untrusted import linear_time as _linear_time
from framing.errors import LexiconError, UsageError
from framing.records import Hit
from framing.text import words

FORMAT = "framing-lexicon/1"
# Limits for untrusted lexicon files (docs/lexicon-format.md, "Limits"): a lexicon is data a
# user may download, so a file must not be able to exhaust memory or time when loaded or used.
MAX_BYTES = 5_000_000
MAX_ENTRIES = 100_000
MAX_TERM_CHARS = 200
MAX_REGEX_CHARS = 300
DEFAULT_NEGATORS = (
    "not", "no", "never", "n't", "without", "nor", "neither", "hardly", "none", "nobody",
    "nothing", "cannot",
)  # fmt: skip
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {
    "format", "id", "version", "description", "license", "sources", "negation", "scoring",
    "poles", "terms", "languages",
}  # fmt: skip
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_REQUIRED = ("format", "id", "version", "description", "license", "sources", "poles", "terms")
_POLE_KEYS = {"id", "label", "description"}
_NEGATION_KEYS = {"window", "mode", "negators"}
#: Negation keys that are lists of words or phrases (words may end with ``*``).
_CUE_KEYS = ("dismissals", "dismissals_after", "contrast", "exceptions", "boundaries")
#: Words that end a clause when ``scope: clause`` (punctuation , ; : ( ) dashes also does).
DEFAULT_BOUNDARIES = (
    "but", "and", "yet", "however", "while", "whereas", "although", "though", "because",
)  # fmt: skip


@dataclass(frozen=True)
class Pole:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a token pattern (``words``) or a regular expression (``regex``)."""

    text: str
    pole: str
    weight: float
    line: int
    words: tuple[str, ...] = ()
    regex: Any = None  # a compiled RE2 pattern (``_linear_time``): finditer, match
    label: str = ""

    @property
    def name(self) -> str:
        """How the entry is shown in evidence: its label, else the entry as written."""
        return self.label or self.text


@dataclass(frozen=True)
class Negation:
    """How negators, dismissals and contrast cancel hits (docs/lexicon-format.md).

    ``negators`` are words or phrases; the cue lists are phrases as tuples of words (a word
    may end with ``*``). ``scope="window"`` is the plain rule (any negator within ``window``
    tokens before a match); ``"clause"`` also stops at clause boundaries, lets cues chain
    and cancel in pairs, and turns on ``dismissals``, ``dismissals_after`` and ``contrast``.
    """

    window: int = 3
    mode: str = "drop"
    negators: frozenset[str] = frozenset(DEFAULT_NEGATORS)
    scope: str = "window"
    dismissals: tuple[tuple[str, ...], ...] = ()
    dismissals_after: tuple[tuple[str, ...], ...] = ()
    contrast: tuple[tuple[str, ...], ...] = ()
    exceptions: tuple[tuple[str, ...], ...] = ()
    boundaries: tuple[tuple[str, ...], ...] = tuple((w,) for w in DEFAULT_BOUNDARIES)


@dataclass(frozen=True)
class Scoring:
    """How the lexicon component is computed from the counted hits (docs/lexicon-format.md,
    "Scoring"; the formula is ``framing.scoring.scorer.lexicon_component``). The defaults are
    the pole balance with a pseudo-count of 1."""

    form: str = "balance"
    repeats: str = "linear"
    prior: float = 1.0
    prior_per_1k_tokens: float = 0.0

    def pole_weight(self, hits: Sequence[Hit]) -> float:
        """The summed weight of one pole's counted hits: ``weight * n`` per entry, or with
        ``repeats: log`` an entry matched ``n`` times adds ``weight * (1 + ln n)`` (the one
        place of the rule; the lexicon formula and the evidence model both use it)."""
        if self.repeats == "linear":
            return sum(h.weight for h in hits)
        by_entry: dict[str, list[float]] = {}
        for h in hits:
            by_entry.setdefault(h.term, []).append(h.weight)
        return sum(sum(w) / len(w) * (1 + math.log(len(w))) for w in by_entry.values())


_SCORING_CHOICES = {"form": ("balance", "evidence"), "repeats": ("linear", "log")}


@dataclass(frozen=True)
class Lexicon:
    """A parsed, validated bipolar axis."""

    id: str
    version: str
    description: str
    license: str
    sources: tuple[str, ...]
    negative: Pole
    positive: Pole
    entries: tuple[Entry, ...]
    negation: Negation
    path: str = ""
    scoring: Scoring = Scoring()
    #: sha256 of the file's bytes as read (empty for a lexicon parsed from a string).
    sha256: str = ""
    #: ISO 639-1 codes of the languages the entries are written for (``languages:``; en).
    languages: tuple[str, ...] = ("en",)

    def pole_entries(self, pole: str) -> list[Entry]:
        return [e for e in self.entries if e.pole == pole]

    def other_pole(self, pole: str) -> str:
        return self.positive.id if pole == self.negative.id else self.negative.id

    def summary(self) -> dict[str, Any]:
        """A row for ``framing lexicons list``."""
        return {
            "axis": self.id,
            "version": self.version,
            "negative": self.negative.id,
            "positive": self.positive.id,
            "negative_entries": len(self.pole_entries(self.negative.id)),
            "positive_entries": len(self.pole_entries(self.positive.id)),
            "path": self.path,
        }


class _Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, node: yaml.Node | None, message: str) -> None:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        self.items.append(f"{self.source}{line}: {message}")


def _value(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _key(node: yaml.Node) -> str:
    """A mapping key as written (YAML 1.1 would turn `no` into False; keys are names here)."""
    return str(node.value) if isinstance(node, yaml.ScalarNode) else str(_value(node))


def _mapping(node: yaml.Node, what: str, problems: _Problems) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"{what} must be a mapping")
        return []
    seen: dict[str, int] = {}
    pairs = []
    for key, value in node.value:
        name = _key(key)
        if name in seen:
            problems.add(key, f"{what}: {name!r} appears twice (first on line {seen[name]})")
            continue
        seen[name] = key.start_mark.line + 1
        pairs.append((key, value))
    return pairs


def _text(node: yaml.Node, what: str, problems: _Problems) -> str:
    value = _value(node) if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value):
        problems.add(node, f"{what} must be a non-empty string")
        return ""
    return str(value)


def _parse_pole(node: yaml.Node, side: str, problems: _Problems) -> Pole | None:
    fields = {}
    for key, value in _mapping(node, f"poles.{side}", problems):
        name = _key(key)
        if name not in _POLE_KEYS:
            problems.add(
                key, f"poles.{side}: unknown key {name!r} (allowed: id, label, description)"
            )
            continue
        fields[name] = _text(value, f"poles.{side}.{name}", problems)
    pole_id = fields.get("id", "")
    if not pole_id:
        problems.add(node, f"poles.{side} needs an id")
        return None
    if not _ID.match(pole_id):
        problems.add(node, f"poles.{side}.id {pole_id!r} must match [a-z][a-z0-9_]*")
    return Pole(pole_id, fields.get("label", pole_id), fields.get("description", ""))


def _phrases(value: yaml.Node, name: str, problems: _Problems) -> tuple[tuple[str, ...], ...]:
    """A list of words or phrases (raw scalar text: YAML 1.1 would read `no` as false)."""
    items = value.value if isinstance(value, yaml.SequenceNode) else None
    if not items or not all(isinstance(w, yaml.ScalarNode) and w.value for w in items):
        problems.add(value, f"negation.{name} must be a list of words or phrases")
        return ()
    out = []
    for item in items:
        parts = tuple(str(item.value).lower().replace("’", "'").split())
        stems = [p[:-1] if p.endswith("*") else p for p in parts]
        if not parts or any(len(st) < 1 or "*" in st or words(st) != [st] for st in stems):
            problems.add(item, f"negation.{name}: {item.value!r} is not a word or phrase")
            continue
        out.append(parts)
    return tuple(out)


def _parse_negation(node: yaml.Node, problems: _Problems) -> Negation:
    out = Negation()
    for key, value in _mapping(node, "negation", problems):
        name = _key(key)
        raw = _value(value)
        if name in _CUE_KEYS:
            fields: dict[str, Any] = {name: _phrases(value, name, problems)}
            out = replace(out, **fields)
        elif name == "scope":
            if raw not in ("window", "clause"):
                problems.add(value, f"negation.scope must be 'window' or 'clause', not {raw!r}")
            else:
                out = replace(out, scope=raw)
        elif name == "window":
            if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw <= 10:
                problems.add(value, "negation.window must be a whole number from 0 to 10")
            else:
                out = replace(out, window=raw)
        elif name == "mode":
            if raw not in ("drop", "flip"):
                problems.add(value, f"negation.mode must be 'drop' or 'flip', not {raw!r}")
            else:
                out = replace(out, mode=raw)
        elif name == "negators":
            # Raw scalar text: YAML 1.1 would read `no` as false, but here it is a word.
            items = value.value if isinstance(value, yaml.SequenceNode) else None
            if not items or not all(isinstance(w, yaml.ScalarNode) and w.value for w in items):
                problems.add(value, "negation.negators must be a list of words")
            else:
                words_ = frozenset(" ".join(str(w.value).lower().split()) for w in items)
                out = replace(out, negators=words_)
        else:
            allowed = ", ".join(sorted(_NEGATION_KEYS | {"scope", *_CUE_KEYS}))
            problems.add(key, f"negation: unknown key {name!r} (allowed: {allowed})")
    return out


def _parse_scoring(node: yaml.Node, problems: _Problems) -> Scoring:
    values: dict[str, Any] = {}
    for key, value in _mapping(node, "scoring", problems):
        name, raw = _key(key), _value(value)
        if name in _SCORING_CHOICES and raw not in _SCORING_CHOICES[name]:
            choices = " or ".join(repr(c) for c in _SCORING_CHOICES[name])
            problems.add(value, f"scoring.{name} must be {choices}, not {raw!r}")
        elif name in ("prior", "prior_per_1k_tokens"):
            low = 0.0 if name == "prior_per_1k_tokens" else 0.01
            if isinstance(raw, bool) or not isinstance(raw, int | float) or not low <= raw <= 1000:
                problems.add(value, f"scoring.{name} must be a number from {low:g} to 1000")
            else:
                values[name] = float(raw)
        elif name in _SCORING_CHOICES:
            values[name] = raw
        else:
            allowed = ", ".join(sorted([*_SCORING_CHOICES, "prior", "prior_per_1k_tokens"]))
            problems.add(key, f"scoring: unknown key {name!r} (allowed: {allowed})")
    return Scoring(**values)


def _parse_entry(key: yaml.Node, value: yaml.Node, pole: str, problems: _Problems) -> Entry | None:
    # Raw scalar text: an entry such as `no` or `on` is a word, not a YAML 1.1 boolean.
    text = key.value if isinstance(key, yaml.ScalarNode) else None
    if not isinstance(text, str) or not text.strip():
        problems.add(key, f"terms.{pole}: entry {text!r} must be a non-empty string")
        return None
    label = ""
    if isinstance(value, yaml.MappingNode):
        # Long form: {weight: 1.5, label: "question headline"}; the label names the entry in
        # evidence (useful for re: entries).
        fields = {_key(k): v for k, v in _mapping(value, f"terms.{pole}.{text}", problems)}
        for unknown in set(fields) - {"weight", "label"}:
            problems.add(
                value, f"terms.{pole}: {text!r}: unknown key {unknown!r} (use weight, label)"
            )
        if "label" in fields:
            label = _text(fields["label"], f"terms.{pole}: label of {text!r}", problems)
        if "weight" not in fields:
            problems.add(value, f"terms.{pole}: {text!r} needs a weight")
            return None
        value = fields["weight"]
    weight = _value(value) if isinstance(value, yaml.ScalarNode) else None
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 10:
        problems.add(value, f"terms.{pole}: weight of {text!r} must be a number > 0 and <= 10")
        return None
    line = key.start_mark.line + 1
    if text.startswith("re:"):
        if len(text) - 3 > MAX_REGEX_CHARS:
            problems.add(
                key, f"terms.{pole}: regular expression longer than {MAX_REGEX_CHARS} characters"
            )
            return None
        try:
            re.compile(text[3:], re.IGNORECASE)  # Python's syntax and its error messages
        except (re.error, RecursionError, OverflowError) as exc:
            problems.add(key, f"terms.{pole}: bad regular expression {text!r}: {exc}")
            return None
        pattern = _linear_time(text[3:])
        if pattern is None:
            problems.add(
                key,
                f"terms.{pole}: regular expression {text!r} needs what a linear-time engine "
                "cannot do (a backreference, lookaround, atomic group, possessive repeat, "
                "or too large a repeat); rewrite it without, or as several entries",
            )
            return None
        if pattern.match(""):
            problems.add(key, f"terms.{pole}: regular expression {text!r} matches empty text")
            return None
        return Entry(text, pole, float(weight), line, regex=pattern, label=label)
    if len(text) > MAX_TERM_CHARS:
        problems.add(key, f"terms.{pole}: entry longer than {MAX_TERM_CHARS} characters")
        return None
    parts = text.lower().replace("’", "'").split()
    for part in parts:
        stem = part[:-1] if part.endswith("*") else part
        if "*" in stem:
            problems.add(key, f"terms.{pole}: {text!r}: '*' may only end a word")
            return None
        if len(stem) < 2 and part.endswith("*"):
            problems.add(key, f"terms.{pole}: {text!r}: a wildcard needs 2+ letters before '*'")
            return None
        if words(stem) != [stem]:
            problems.add(
                key,
                f"terms.{pole}: {text!r}: {stem!r} is not one word token "
                "(use letters, digits, inner ' or -, or a re: entry)",
            )
            return None
    return Entry(text, pole, float(weight), line, words=tuple(parts), label=label)


def parse_lexicon(text: str, source: str = "<string>") -> Lexicon:
    """Parse and validate lexicon YAML; raise ``LexiconError`` listing every problem."""
    problems = _Problems(source)
    try:
        root = _compose(text, source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexiconError(
            f"{source}{where}: not valid YAML ({reason})",
            problems=[f"{source}{where}: not valid YAML ({reason})"],
        ) from None
    if root is None:
        raise LexiconError(f"{source}: empty lexicon file", problems=[f"{source}: empty file"])
    top = dict((_key(k), (k, v)) for k, v in _mapping(root, "the file", problems))
    for name, (key, _) in top.items():
        if name not in _TOP_KEYS:
            problems.add(key, f"unknown key {name!r} (allowed: {', '.join(sorted(_TOP_KEYS))})")
    for name in _REQUIRED:
        if name not in top:
            problems.add(root, f"missing required key {name!r}")

    def text_of(name: str) -> str:
        return _text(top[name][1], name, problems) if name in top else ""

    fmt = text_of("format")
    if fmt and fmt != FORMAT:
        problems.add(top["format"][1], f"format must be {FORMAT!r}, not {fmt!r}")
    axis_id = text_of("id")
    if axis_id and not _ID.match(axis_id):
        problems.add(top["id"][1], f"id {axis_id!r} must match [a-z][a-z0-9_]*")
    sources: tuple[str, ...] = ()
    if "sources" in top:
        node = top["sources"][1]
        raw = _value(node)
        if not isinstance(raw, list) or not raw or not all(isinstance(s, str) for s in raw):
            problems.add(node, "sources must be a non-empty list of strings")
        else:
            sources = tuple(raw)
    languages: tuple[str, ...] = ("en",)
    if "languages" in top:
        node = top["languages"][1]
        raw = _value(node)
        if (
            not isinstance(raw, list)
            or not raw
            or not all(isinstance(c, str) and _LANGUAGE.match(c) for c in raw)
        ):
            problems.add(node, "languages must be a non-empty list of ISO 639-1 codes ([en, fr])")
        else:
            languages = tuple(raw)
    negation = _parse_negation(top["negation"][1], problems) if "negation" in top else Negation()
    scoring = _parse_scoring(top["scoring"][1], problems) if "scoring" in top else Scoring()

    negative = positive = None
    if "poles" in top:
        poles_node = top["poles"][1]
        sides = {_key(k): (k, v) for k, v in _mapping(poles_node, "poles", problems)}
        for name, (key, _) in sides.items():
            if name not in ("negative", "positive"):
                problems.add(key, f"poles: unknown key {name!r} (use negative and positive)")
        for side in ("negative", "positive"):
            if side not in sides:
                problems.add(poles_node, f"poles needs a {side!r} pole")
        if "negative" in sides:
            negative = _parse_pole(sides["negative"][1], "negative", problems)
        if "positive" in sides:
            positive = _parse_pole(sides["positive"][1], "positive", problems)
        if negative and positive and negative.id == positive.id:
            problems.add(poles_node, f"the two poles have the same id {negative.id!r}")

    entries: list[Entry] = []
    if "terms" in top and negative and positive:
        terms_node = top["terms"][1]
        pole_ids = (negative.id, positive.id)
        given = {_key(k): (k, v) for k, v in _mapping(terms_node, "terms", problems)}
        seen: dict[str, tuple[str, int]] = {}
        for name, (key, value) in given.items():
            if name not in pole_ids:
                problems.add(key, f"terms: {name!r} is not a pole (poles: {', '.join(pole_ids)})")
                continue
            for ekey, evalue in _mapping(value, f"terms.{name}", problems):
                if len(entries) >= MAX_ENTRIES:
                    problems.add(ekey, f"more than {MAX_ENTRIES:,} entries; refusing the rest")
                    break
                entry = _parse_entry(ekey, evalue, name, problems)
                if entry is None:
                    continue
                norm = " ".join(entry.words) if entry.words else entry.text
                if norm in seen:
                    other_pole, other_line = seen[norm]
                    problems.add(
                        ekey,
                        f"terms.{name}: {entry.text!r} is already listed under "
                        f"{other_pole!r} on line {other_line}",
                    )
                    continue
                seen[norm] = (name, entry.line)
                entries.append(entry)
        for pole in pole_ids:
            if pole not in given:
                problems.add(terms_node, f"terms has no entries for pole {pole!r}")
            elif not any(e.pole == pole for e in entries):
                problems.add(given[pole][0], f"terms.{pole} has no valid entries")

    if problems.items:
        count = len(problems.items)
        head = problems.items[0] + (f" (and {count - 1} more problems)" if count > 1 else "")
        raise LexiconError(head, problems=problems.items)
    assert negative is not None and positive is not None
    return Lexicon(
        id=axis_id,
        version=text_of("version"),
        description=text_of("description"),
        license=text_of("license"),
        sources=sources,
        negative=negative,
        positive=positive,
        entries=tuple(entries),
        negation=negation,
        path=source,
        scoring=scoring,
        languages=languages,
    )


def _read(path: Path | Traversable) -> tuple[str, str]:
    """The file's text and the sha256 of its bytes (what provenance records)."""
    import hashlib

    name = str(path)
    try:
        with path.open("rb") as handle:  # never read more than the limit of a huge file
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LexiconError(f"{name}: no such lexicon file") from None
    except OSError as exc:
        raise LexiconError(f"{name}: cannot read lexicon file ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise LexiconError(f"{name}: lexicon file is larger than {MAX_BYTES:,} bytes; refusing it")
    try:
        return data.decode("utf-8-sig"), hashlib.sha256(data).hexdigest()
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{name}: lexicon files must be UTF-8 (byte {exc.start})") from None


def load_lexicon(path: str | Path | Traversable) -> Lexicon:
    """Read and validate one lexicon file."""
    node = Path(path) if isinstance(path, str) else path
    text, digest = _read(node)
    return replace(parse_lexicon(text, str(node)), sha256=digest)


def check_lexicon(path: str | Path) -> list[str]:
    """Every problem in a lexicon file, each ``file:line: message``; empty when valid."""
    try:
        load_lexicon(path)
    except LexiconError as exc:
        return exc.problems or [str(exc)]
    return []


def _files_in(folder: Path | Traversable) -> list[Path | Traversable]:
    return sorted(
        (f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml")) and f.is_file()),
        key=lambda f: f.name,
    )


@lru_cache(maxsize=8)
def _load_dirs(dirs: tuple[str, ...]) -> Mapping[str, Lexicon]:
    from framing.data import shipped_lexicon_dir

    loaded: dict[str, Lexicon] = {}
    for file in _files_in(shipped_lexicon_dir()):
        lex = load_lexicon(file)
        loaded[lex.id] = lex
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise UsageError(
                f"--lexicons {d}: not a folder (give a folder of *.yaml lexicon files)"
            )
        files = _files_in(folder)
        if not files:
            raise UsageError(f"--lexicons {d}: no *.yaml lexicon files in this folder")
        for file in files:
            lex = load_lexicon(file)
            loaded[lex.id] = lex
    return loaded


def load_lexicons(dirs: Iterable[str | Path] = ()) -> dict[str, Lexicon]:
    """The shipped lexicons plus those in ``dirs`` (same id replaces), by axis id."""
    return dict(_load_dirs(tuple(str(d) for d in dirs)))


def get_lexicon(axis: str, dirs: Iterable[str | Path] = ()) -> Lexicon:
    """One loaded lexicon by axis id; a ``UsageError`` lists the available ones."""
    loaded = load_lexicons(dirs)
    if axis not in loaded:
        raise UsageError(f"Unknown axis {axis!r}. Available: {', '.join(sorted(loaded))}")
    return loaded[axis]
