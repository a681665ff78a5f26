"""Put real outputs into README.md, between its ``<!-- BEGIN name -->`` / ``<!-- END name -->``
markers.

    python scripts/regenerate_readme.py

* ``COMMANDS``: the block becomes the command line and what it printed (plain, as in a pipe).
* ``RESULTS``: the block becomes a block of ``benchmarks/RESULTS.md`` (from a ``### heading``
  to the next heading or section end), itself written by the benchmark scripts.

Numbers in the README come from here, never from a hand edit.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "compare-seeds": ["compare", "seeds/"],
    "terms-seeds": ["terms", "seeds/", "--by", "outlet_type", "--min-count", "3", "--top", "3"],
    "kwic-seeds": ["kwic", "exchange*", "seeds/", "--width", "32"],
    "collocations-seeds": [
        "collocations",
        "seeds/",
        "--by",
        "outlet_type",
        "--min-count",
        "2",
        "--top",
        "2",
    ],
    "diagnose-seeds": [
        "lexicons",
        "diagnose",
        "threat_exchange",
        "seeds/",
        "--top",
        "6",
        "--contexts",
        "1",
    ],
}
#: README block -> heading in benchmarks/RESULTS.md whose body is copied
RESULTS = {
    "benchmark-summary": "### README summary",
    "speed-summary": "### README summary (speed)",
    "scale-summary": "### README summary (scale)",
}


def replace_block(readme: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- BEGIN {name}\b[^>]*-->\n).*?(<!-- END {name} -->)", re.DOTALL)
    new, count = pattern.subn(lambda m: m.group(1) + body.rstrip() + "\n" + m.group(2), readme)
    if count != 1:
        raise SystemExit(f"README.md: expected one {name} block, found {count}")
    return new


def command_output(args: list[str]) -> str:
    from click.testing import CliRunner

    from framing.cli import main as cli

    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"framing {' '.join(args)} exited {result.exit_code}")
    return f"```console\n$ framing {shlex.join(args)}\n{result.stdout.rstrip()}\n```"


def results_block(results: str, heading: str) -> str | None:
    start = results.find(heading + "\n")
    if start < 0:
        return None
    body = results[start + len(heading) + 1 :]
    end = re.search(r"^(?:#{1,3} |<!-- END )", body, flags=re.MULTILINE)
    return body[: end.start() if end else len(body)].strip()


def main() -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, args in COMMANDS.items():
        readme = replace_block(readme, name, command_output(args))
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    for name, heading in RESULTS.items():
        if f"<!-- BEGIN {name}" not in readme:
            continue
        body = results_block(results, heading)
        if body is None:
            raise SystemExit(f"benchmarks/RESULTS.md has no '{heading}': run its benchmark first")
        readme = replace_block(readme, name, body)
    (ROOT / "README.md").write_text(readme, encoding="utf-8")
    print("README.md updated", file=sys.stderr)


if __name__ == "__main__":
    main()
