"""Infer an article's outlet from how the text attributes itself, when metadata does not say.

Only the places where a publisher credits itself count, never a mention in running text:

=========  ========  ==========================================================================
rule       strength  what it looks like
=========  ========  ==========================================================================
source     3         ``Source: Xinhua News Agency`` in a short line (not inside quotes);
                     ``Copyright 2025 The Associated Press`` / ``© Reuters`` at a line start
reference  3         a ``Reference(s):`` / ``Sources:`` block at the end naming a known domain
                     (``cgtn.com``); an unknown domain there gives the domain itself, strength 2
dateline   2         at a line start: ``BEIJING, Jan. 16 (Xinhua) --``, ``WASHINGTON (AP) —``,
                     ``LONDON (Reuters) -``, ``MOSCOW, January 16. /TASS/.``
signoff    2         a line that is only ``(Xinhua)`` or ``— Reuters``, or a paragraph ending
                     in ``... said. (Xinhua)``
byline     2         ``By The Associated Press``, ``By Reuters Staff``, ``By Jane Doe, AFP``
=========  ========  ==========================================================================

The strongest rule wins; between equals, the one earliest in the text. So "according to
Reuters", "told CNN", a quoted ``"Source: Reuters"`` or a photo credit ``(AP Photo/X)`` (it
names the photo's agency, not the text's) never make an outlet. Names, aliases, domains and
types live in ``framing/data/outlets.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from framing.corpus.clean import more_words
from framing.errors import FramingError

_MAX_SOURCE_LINE_WORDS = 30
_TAIL_LINES = 8


@dataclass(frozen=True)
class Outlet:
    """One known outlet from ``framing/data/outlets.yaml``."""

    name: str
    type: str
    country: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    labels: tuple[str, ...] = ()
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Attribution:
    """An inferred outlet: who, its type, which rule found it, and the text that says so."""

    outlet: str
    outlet_type: str
    rule: str
    evidence: str


@cache
def _registry() -> dict[str, object]:
    path = resources.files("framing") / "data" / "outlets.yaml"
    return {"path": str(path), **yaml.safe_load(path.read_text(encoding="utf-8"))}


@cache
def outlet_types() -> dict[str, str]:
    """outlet_type -> its definition, from the registry's ``types`` (docs/outlets.md)."""
    data = _registry()
    types = data.get("types")
    if not isinstance(types, dict) or not types:
        raise FramingError(f"{data['path']}: no 'types' mapping; reinstall framing")
    return {str(k): " ".join(str(v).split()) for k, v in types.items()}


@cache
def known_outlets() -> tuple[Outlet, ...]:
    """The outlets in the shipped data file, checked on load (every type one of ``types``)."""
    data, types = _registry(), outlet_types()
    path = data["path"]
    try:
        outlets = tuple(
            Outlet(
                name=str(o["name"]),
                type=str(o["type"]),
                country=str(o.get("country", "")),
                aliases=tuple(str(a) for a in o.get("aliases", [])),
                domains=tuple(str(d).lower() for d in o.get("domains", [])),
                labels=tuple(str(a) for a in o.get("labels", [])),
                source=str(o["source"]),
                note=str(o.get("note", "")),
            )
            for o in data["outlets"]  # type: ignore[attr-defined]
        )
    except (KeyError, TypeError) as exc:
        raise FramingError(f"{path}: malformed outlet entry ({exc}); reinstall framing") from None
    for outlet in outlets:
        if outlet.type not in types:
            raise FramingError(
                f"{path}: outlet {outlet.name!r} has type {outlet.type!r}, not one of "
                f"{', '.join(types)}; reinstall framing"
            )
    return outlets


@cache
def _by_key() -> dict[str, Outlet]:
    """Every name, alias and domain (casefolded) -> outlet."""
    table: dict[str, Outlet] = {}
    for outlet in known_outlets():
        for key in (outlet.name, *outlet.aliases, *outlet.domains, *outlet.labels):
            key = key.casefold()
            table.setdefault(key, outlet)
            table.setdefault(re.sub(r"^the\s+", "", key), outlet)  # lookup drops a leading The
    return table


def lookup(name: str) -> Outlet | None:
    """The known outlet called ``name`` (name, alias or domain, any case; a leading "The" and
    "www." are ignored)."""
    key = name.strip().casefold()
    key = re.sub(r"^(?:the\s+|www\.)", "", key)
    return _by_key().get(key)


def outlet_type_of(name: str) -> str | None:
    """The type (one of ``outlet_types()``: state, state_funded, public_service, commercial,
    nonprofit, wire, other) of a known outlet, ``None`` when it is not known."""
    outlet = lookup(name)
    return outlet.type if outlet else None


@cache
def _alias_pattern() -> str:
    """A regex alternation of every alias (and the CAPITALS form of aliases of 4+ chars)."""
    forms: set[str] = set()
    for outlet in known_outlets():
        for alias in (outlet.name, *outlet.aliases):
            forms.add(alias)
            if len(alias) >= 4:
                forms.add(alias.upper())
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return rf"(?:[Tt]he\s+)?(?P<alias>{alternation})(?![\w’'-])"


@cache
def _rules() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    a = _alias_pattern()
    dash = r"(?:--|—|–|-)"
    return (
        (
            "source",
            3,
            re.compile(rf"(?:^|\s)(?:Sources?|SOURCE|Credit|Courtesy(?: of)?)\s*[:：]\s*{a}"),
        ),
        ("source", 3, re.compile(rf"^\s*(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{{4}}\s*)?{a}")),
        (
            "dateline",
            2,
            re.compile(rf"^\s*[A-Z][A-Z.'’ -]*[A-Z.](?:,[^()\n]{{1,40}}?)?\s*[(/]{a}[)/]"),
        ),
        ("signoff", 2, re.compile(rf"^\s*(?:[(\[]|{dash})\s*{a}\s*[)\]]?\s*$")),
        ("signoff", 2, re.compile(rf"[.!?\"”’]\s*\(\s*{a}\s*\)\s*$")),
        (
            "byline",
            2,
            re.compile(
                rf"^\s*By\s+(?:[^,\n]{{2,60}},\s*)?{a}"
                r"(?:\s+(?i:staff(?: writers?)?|reporters?|news))?\s*$"
            ),
        ),
    )


def infer_outlet(text: str) -> Attribution | None:
    """The outlet the text credits itself to, or ``None`` (see the module docstring)."""
    lines = text.split("\n")
    found: list[tuple[int, int, Attribution]] = []  # (-strength, line index, attribution)
    for index, line in enumerate(lines):
        for rule, strength, pattern in _rules():
            match = pattern.search(line)
            if match is None or _inside_quotes(line, match.start("alias")):
                continue
            if rule == "source" and more_words(line, _MAX_SOURCE_LINE_WORDS):
                continue
            outlet = lookup(match.group("alias"))
            if outlet is not None:
                found.append((-strength, index, _attr(outlet, rule, line)))
    ref = _reference(lines)
    if ref is not None:
        found.append(ref)
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]


_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
_REF_HEAD = re.compile(r"(?i)^\s*(?:reference\(s\)|references?|source\(s\)|sources?)\s*[:：]")


def _reference(lines: list[str]) -> tuple[int, int, Attribution] | None:
    """A domain named in a ``Reference(s):`` block among the last lines."""
    start = max(0, len(lines) - _TAIL_LINES)
    heads = [i for i in range(start, len(lines)) if _REF_HEAD.match(lines[i])]
    if not heads:
        return None
    for index in range(heads[0], len(lines)):
        for match in _DOMAIN.finditer(lines[index]):
            domain = re.sub(r"^www\.", "", match.group(1).lower())
            if "." in domain and not domain.replace(".", "").isdigit():
                outlet = _domain_outlet(domain)
                if outlet is not None:
                    return (-3, index, _attr(outlet, "reference", lines[index]))
                if _is_link(lines[index], match):
                    evidence = lines[index].strip()[:200]
                    return (-2, index, Attribution(domain, "unknown", "reference", evidence))
    return None


def _domain_outlet(domain: str) -> Outlet | None:
    """The known outlet owning ``domain`` or a parent of it (``english.news.cn``)."""
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        outlet = _by_key().get(".".join(parts[i:]))
        if outlet is not None and ".".join(parts[i:]) in outlet.domains:
            return outlet
    return None


def _is_link(line: str, match: re.Match[str]) -> bool:
    """True when a domain stands alone on its line or is part of a URL (not "e.g. foo.bar")."""
    if line.strip() == match.group(0):
        return True
    before = line[: match.start()]
    return before.endswith(("://", "www.")) or match.group(0).lower().startswith("www.")


def _attr(outlet: Outlet, rule: str, line: str) -> Attribution:
    return Attribution(outlet.name, outlet.type, rule, line.strip()[:200])


def _inside_quotes(line: str, pos: int) -> bool:
    """True when ``pos`` is inside a quotation ("..." or “...”) opened earlier on the line."""
    before = line[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")
