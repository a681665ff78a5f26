"""Shared by every script that writes benchmarks/RESULTS.md: each owns one section between
``<!-- BEGIN name -->`` and ``<!-- END name -->`` and replaces only that one, keeping every
other section as it stands (run_all.py owns ``accuracy``; speed.py ``speed``; the scale
script ``scale``)."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
TITLE = "# framing benchmark results\n"
PREAMBLE = (
    "Generated, never edited by hand: each section below is rewritten by the script named in "
    "it, and the others are kept as they are.\n"
)
ORDER = ("accuracy", "speed", "scale")
_SECTION = re.compile(
    r"<!-- BEGIN (?P<name>[\w-]+) -->\n(?P<body>.*?)<!-- END (?P=name) -->\n?", re.S
)


def read_sections(path: Path = RESULTS) -> dict[str, str]:
    """Section name -> body (without its markers), in file order."""
    if not path.is_file():
        return {}
    return {m["name"]: m["body"] for m in _SECTION.finditer(path.read_text(encoding="utf-8"))}


def update_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or add) section ``name``; every other section is kept verbatim."""
    sections = read_sections(path)
    sections[name] = body if body.endswith("\n") else body + "\n"
    names = [n for n in ORDER if n in sections] + [n for n in sections if n not in ORDER]
    out = [TITLE, "\n", PREAMBLE]
    for n in names:
        out += ["\n", f"<!-- BEGIN {n} -->\n", sections[n], f"<!-- END {n} -->\n"]
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text("".join(out), encoding="utf-8")
    tmp.replace(path)
