"""benchmarks/validation/holdout_evaluate.py: the coded sets it scores once.

Reads only the committed codes and samples (no shared data, no texts)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks" / "validation"


@pytest.fixture(scope="module")
def he():
    spec = importlib.util.spec_from_file_location("holdout_evaluate", HERE / "holdout_evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["holdout_evaluate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", ["holdout", "aljazeera"])
def test_each_set_has_codes_for_every_drawn_text(he, name: str) -> None:
    check = he.SETS[name]
    codes, drawn = _rows(check.codes), _rows(check.sample)
    assert [r["vid"] for r in codes] == [r["vid"] for r in drawn]
    assert all(r["article_id"] == d["article_id"] for r, d in zip(codes, drawn, strict=True))
    assert (HERE / check.maker).is_file()
    for r in codes:
        for axis in ("threat_exchange", "state_wire"):
            assert -2 <= int(r[f"{axis}_coder1"]) <= 2 and -2 <= int(r[f"{axis}_coder2"]) <= 2


def test_subsets_select_what_their_titles_say(he) -> None:
    drawn = _rows(he.SETS["aljazeera"].sample)
    for title, outlets in he.SETS["aljazeera"].outlets.items():
        n = int(title.split("(")[1].split()[0])
        assert sum(r["outlet"] in outlets for r in drawn) == n
    drawn = _rows(he.SETS["holdout"].sample)
    for title, prefix in he.SETS["holdout"].strata.items():
        n = int(title.split("(")[1].split()[0])
        assert sum(r["stratum"].startswith(prefix) for r in drawn) == n
