"""Put the real output of the README's commands into README.md, between its markers.

    python scripts/regenerate_readme.py

Each ``<!-- BEGIN name -->`` ... ``<!-- END name -->`` block listed in ``BLOCKS`` is replaced
by the command line and what it printed (plain text, as in a pipe). Numbers in the README come
from here or from benchmarks/RESULTS.md, never from a hand edit.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = {"compare-seeds": ["compare", "seeds/"]}


def main() -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from framing.cli import main as cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, args in BLOCKS.items():
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"framing {' '.join(args)} exited {result.exit_code}")
        block = f"```console\n$ framing {' '.join(args)}\n{result.stdout.rstrip()}\n```"
        pattern = re.compile(
            rf"(<!-- BEGIN {name}[^>]*-->\n).*?(<!-- END {name} -->)", flags=re.DOTALL
        )
        readme, count = pattern.subn(lambda m: m.group(1) + block + "\n" + m.group(2), readme)
        if count != 1:
            raise SystemExit(f"README.md has no (or several) {name} markers")
    (ROOT / "README.md").write_text(readme, encoding="utf-8")
    print("README.md updated", file=sys.stderr)


if __name__ == "__main__":
    main()
