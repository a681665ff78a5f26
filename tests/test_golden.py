"""The seeds' scores equal the golden file written by scripts/regenerate_golden.py."""

from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import regenerate_golden


@pytest.mark.parametrize("name", sorted(regenerate_golden.CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = (ROOT / "tests" / "golden" / name).read_text(encoding="utf-8")
    actual = regenerate_golden.run(regenerate_golden.CASES[name])
    if name.endswith(".jsonl"):
        exp_rows = [json.loads(line) for line in expected.splitlines()]
        act_rows = [json.loads(line) for line in actual.splitlines()]
        assert [r["id"] for r in act_rows] == [r["id"] for r in exp_rows]
        for exp, act in zip(exp_rows, act_rows, strict=True):
            assert act == exp, (
                f"{exp['id']} changed; if on purpose run python scripts/regenerate_golden.py "
                f"and commit the diff ({os.linesep.join(k for k in exp if exp[k] != act.get(k))})"
            )
    else:
        assert actual == expected
