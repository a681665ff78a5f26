"""Regenerate the golden outputs in tests/golden/ from the current code.

    python scripts/regenerate_golden.py

Golden files are never edited by hand: when a change moves a score on purpose, run this,
read the diff (``git diff tests/golden``), and commit it with the change that explains it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

#: golden file -> framing command line (run from the repository root)
CASES = {
    "score_seeds.jsonl": ["score", "seeds", "--format", "jsonl"],
}


def run(args: list[str]) -> str:
    from framing.cli import main

    result = CliRunner().invoke(main, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"framing {' '.join(args)} exited {result.exit_code}: {result.output}")
    return result.stdout


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, args in CASES.items():
        (GOLDEN / name).write_text(run(args), encoding="utf-8")
        print(f"wrote tests/golden/{name}  (framing {' '.join(args)})", file=sys.stderr)


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    main()
