"""Lexicon files come from users and from the web: what makes reading one safe.

RE2 for ``re:`` entries (linear time whatever the pattern) and a YAML event scan that
refuses anchors, aliases and deep nesting before any node is built.
"""

from __future__ import annotations

from typing import Any

import yaml

from framing.errors import LexiconError

MAX_DEPTH = 10
MAX_NODES = 400_000
#: RE2's memory budget per compiled pattern.
RE2_MAX_MEM = 8 << 20


def linear_time(pattern: str) -> Any:
    """``pattern`` compiled by RE2 (google-re2), case-insensitive, or None when RE2 cannot run it.

    RE2 matches in time linear in the sentence whatever the pattern, so no lexicon entry can
    hang the scorer (Python's ``re`` backtracks: ``(?:.*){20}xq`` takes minutes on one text).
    It refuses what it cannot bound: backreferences, lookaround, atomic groups, possessive
    repeats, and programs over its memory budget (``(?:a{100}){100}``). Its ``\\w \\d \\s \\b``
    are ASCII (Python's are Unicode): see docs/lexicon-format.md.
    """
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = RE2_MAX_MEM
    try:
        return re2.compile(pattern, options)
    except re2.error:
        return None


#: libyaml's parser when PyYAML was built with it: the shipped lexicons compose about 20x
#: faster (0.01 s instead of 0.2 s each, paid at every start). A file libyaml refuses is
#: read again by the pure-Python parser, so its error message does not depend on the build.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, source: str) -> yaml.Node | None:
    """The checked node tree of ``text`` (``check_events``, then compose)."""
    if _FAST_LOADER is not yaml.SafeLoader:
        try:
            check_events(text, source, _FAST_LOADER)
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    check_events(text, source, yaml.SafeLoader)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def check_events(text: str, source: str, loader: Any = yaml.SafeLoader) -> None:
    """Refuse what a lexicon never needs and an attacker would use, before building nodes:
    anchors and aliases (a "billion laughs" file expands exponentially) and deep nesting
    (the composer recurses, one level per Python frame)."""
    depth = 0
    nodes = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise refused(source, line, "YAML anchors and aliases (&name, *name) are not allowed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise refused(source, line, f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise refused(source, line, f"more than {MAX_NODES:,} YAML values")


def refused(source: str, line: int, why: str) -> LexiconError:
    message = f"{source}:{line}: {why} in lexicon files; refusing it"
    return LexiconError(message, problems=[message])
