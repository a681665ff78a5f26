"""Machine facts and the command line, for the header of a RESULTS.md section.

Sections themselves are written with ``sections.update_section`` (one section per script,
the others kept as they are).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import platform
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"


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
