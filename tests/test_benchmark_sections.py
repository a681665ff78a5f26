"""benchmarks/RESULTS.md: a script rewrites its own section and keeps everyone else's."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from sections import read_sections, update_section


def test_update_keeps_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    update_section("speed", "speed numbers\n", path)
    update_section("accuracy", "old accuracy\n", path)
    update_section("scale", "scale numbers\n", path)
    update_section("accuracy", "new accuracy\n", path)
    sections = read_sections(path)
    assert sections == {
        "accuracy": "new accuracy\n",
        "speed": "speed numbers\n",
        "scale": "scale numbers\n",
    }
    text = path.read_text(encoding="utf-8")
    assert text.index("BEGIN accuracy") < text.index("BEGIN speed") < text.index("BEGIN scale")
    assert "old accuracy" not in text


def test_unknown_sections_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("<!-- BEGIN custom -->\nmine\n<!-- END custom -->\n", encoding="utf-8")
    update_section("accuracy", "a", path)
    assert read_sections(path) == {"accuracy": "a\n", "custom": "mine\n"}
