"""``framing validate``: coder agreement and score-vs-code agreement, library and CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing.benchmark.validate import krippendorff_alpha, validate_arrays
from framing.cli import main

CODES = [-2, -1, 0, 0, 1, 2, -2, 1, 0, 2, -1, 1]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def sheets(tmp_path: Path) -> tuple[Path, Path]:
    codes = _write(
        tmp_path / "codes.csv",
        [
            {"id": f"a{i}", "threat_exchange_coder1": c, "threat_exchange_coder2": c, "note": ""}
            for i, c in enumerate(CODES)
        ],
    )
    scores = _write(
        tmp_path / "scores.csv",
        [
            {"id": f"a{i}", "threat_exchange": c / 2.5, "threat_exchange_lexicon": -c / 3}
            for i, c in enumerate(CODES)
        ],
    )
    return codes, scores


def test_perfect_agreement() -> None:
    codes = np.array([CODES, CODES], dtype=float)
    result = validate_arrays([c / 2 for c in CODES], codes, n_boot=200)
    assert result.alpha == 1.0
    assert result.spearman.value == pytest.approx(1.0)
    assert result.sign_agreement.value == 1.0 and result.auc.value == 1.0
    assert result.zero_mean_abs.value == 0.0
    assert (result.n_positive, result.n_negative, result.n_zero) == (5, 4, 3)


def test_a_reversed_score_fails_every_check() -> None:
    codes = np.array([CODES, CODES], dtype=float)
    result = validate_arrays([-c for c in CODES], codes, n_boot=200)
    assert result.spearman.value == pytest.approx(-1.0)
    assert result.sign_agreement.value == 0.0 and result.auc.value == 0.0


def test_a_zero_score_is_a_miss_and_missing_codes_are_skipped() -> None:
    codes = np.array([[2, -2, 1, np.nan], [2, -2, np.nan, np.nan]], dtype=float)
    result = validate_arrays([0.5, 0.0, 0.3, 0.9], codes, n_boot=200)
    assert result.n == 3  # the uncoded article is left out
    assert result.sign_agreement.value == pytest.approx(2 / 3, abs=1e-4)
    assert result.sign_agreement_negative.value == 0.0


def test_alpha_matches_a_hand_computed_disagreement() -> None:
    # two coders, disagreement on one unit of four: alpha well below 1, above 0
    alpha = krippendorff_alpha(np.array([[-2, 0, 1, 2], [-2, 0, 2, 2]], dtype=float))
    assert alpha is not None and 0.5 < alpha < 1.0
    assert krippendorff_alpha(np.array([[1, 2, 3]], dtype=float)) is None


def test_cli_json_has_the_documented_keys(sheets: tuple[Path, Path]) -> None:
    codes, scores = sheets
    result = CliRunner().invoke(
        main,
        [
            "validate",
            str(codes),
            "--scores",
            str(scores),
            "--axis",
            "threat_exchange",
            "--format",
            "json",
            "--n-boot",
            "200",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("alpha", "spearman", "spearman_low", "spearman_high", "auc", "sign_agreement", "n"):
        assert key in data
    assert data["n"] == len(CODES) and data["alpha"] == 1.0
    assert data["spearman_low"] <= data["spearman"] <= data["spearman_high"]


def test_cli_component_column_uses_the_axis_codes(sheets: tuple[Path, Path]) -> None:
    codes, scores = sheets
    result = CliRunner().invoke(
        main,
        [
            "validate",
            str(codes),
            "--scores",
            str(scores),
            "--axis",
            "threat_exchange_lexicon",
            "--n-boot",
            "200",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "sign agreement" in result.output and "threat_exchange_coder1" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--axis", "threat_exchnge"], "Unknown score column 'threat_exchnge'"),
        (["--axis", "threat_exchange", "--coders", "c9"], "Unknown code column 'c9'"),
        (["--axis", "threat_exchange", "--id-column", "vid"], "no 'vid' column"),
    ],
)
def test_cli_names_what_exists(sheets: tuple[Path, Path], args: list[str], message: str) -> None:
    codes, scores = sheets
    result = CliRunner().invoke(main, ["validate", str(codes), "--scores", str(scores), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
