"""Shared by the benchmark scripts: machine facts, and one section of RESULTS.md each.

Every script owns a section of ``benchmarks/RESULTS.md`` between two markers::

    <!-- BEGIN speed -->
    ...
    <!-- END speed -->

and rewrites only its own section, so scripts can be rerun in any order and none of them
clobbers another's numbers. Sections appear in the order they were first written.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import platform
import re
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"

_HEADER = """# Benchmark results

Each section is written by one script in `benchmarks/` (named in the section) and is
replaced whole when that script runs again. Do not edit between the markers by hand.
"""


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_lines(packages: list[str]) -> list[str]:
    """Markdown bullet lines: date, machine, Python and library versions, commit."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    versions = ", ".join(f"{p} {version(p)}" for p in packages)
    date = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"- Date: {date}; commit `{git_commit()}`",
        f"- Machine: {cpu_model()}, {os.cpu_count()} CPUs ({usable} usable), "
        f"load average at start {load} (shared machine: wall times are noisy)",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}; "
        f"{versions}",
    ]


def command_line() -> str:
    """The command that produced the numbers, as it can be pasted into a shell."""
    script = Path(sys.argv[0])
    with contextlib.suppress(ValueError):
        script = script.resolve().relative_to(ROOT)
    return shlex.join(["python", str(script), *sys.argv[1:]])


def write_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section ``name`` of ``path`` with ``body``."""
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
