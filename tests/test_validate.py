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


# -- --by: the same statistics within each group ---------------------------------------------

#: Two outlets; the score tells them apart (B above A) but runs against the codes within each.
GROUPED = [("A", c, -0.1 * c - 1.0) for c in (-2, -1, -1, 0, -2, -1, 0, -2, -1, -2, -1, 0)] + [
    ("B", c, -0.1 * c + 1.0) for c in (1, 2, 2, 1, 0, 1, 2, 1, 2, 0, 1, 2)
]


@pytest.fixture
def grouped(tmp_path: Path) -> tuple[Path, Path, Path]:
    codes = _write(
        tmp_path / "codes.csv",
        [{"id": f"s{i}", "coder1": c, "coder2": c} for i, (_, c, _) in enumerate(GROUPED)],
    )
    key = _write(
        tmp_path / "codes.key.csv",
        [
            {"id": f"s{i}", "article_id": f"a{i}", "outlet": g}
            for i, (g, _, _) in enumerate(GROUPED)
        ],
    )
    scores = _write(
        tmp_path / "scores.csv",
        [{"id": f"a{i}", "outlet_type": g.lower(), "x": s} for i, (g, _, s) in enumerate(GROUPED)],
    )
    return codes, key, scores


def _validate(*args: str) -> object:
    return CliRunner().invoke(main, ["validate", *args, "--n-boot", "200"])


def test_by_shows_what_the_pooled_figure_hides(grouped: tuple[Path, Path, Path]) -> None:
    from framing.benchmark.validate import validate_files

    codes, key, scores = grouped
    result = validate_files(codes, scores, axis="x", key_path=key, by="outlet", n_boot=200)
    assert result.spearman.value is not None and result.spearman.value > 0.4  # pooled: positive
    assert [g for g, _ in result.groups] == ["A", "B"]
    for _, part in result.groups:
        assert part.n == 12
        assert part.spearman.value is not None and part.spearman.value < -0.9  # within: reversed
    # each group is exactly validate_arrays on its own articles
    a = [(c, s) for g, c, s in GROUPED if g == "A"]
    alone = validate_arrays([s for _, s in a], np.array([[c for c, _ in a]] * 2), n_boot=200)
    assert result.groups[0][1].to_dict() | {"axis": "score", "coders": []} == alone.to_dict() | {
        "coders": []
    }


def test_by_reads_the_column_from_the_scores_file_too(grouped: tuple[Path, Path, Path]) -> None:
    codes, key, scores = grouped
    done = _validate(str(codes), "--scores", str(scores), "--key", str(key), "--axis", "x",
                     "--by", "outlet_type", "--format", "json")  # fmt: skip
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["by"] == "outlet_type"
    assert [g["group"] for g in data["groups"]] == ["a", "b"]
    assert all(g["n"] == 12 and g["spearman"] < -0.9 for g in data["groups"])


def test_by_in_csv_and_table(grouped: tuple[Path, Path, Path]) -> None:
    codes, key, scores = grouped
    base = [str(codes), "--scores", str(scores), "--key", str(key), "--axis", "x", "--by", "outlet"]
    done = _validate(*base, "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(done.output.splitlines()))
    assert list(rows[0]) == ["outlet", "statistic", "value", "low", "high", "n"]
    assert {r["outlet"] for r in rows} == {"(all)", "A", "B"}
    assert len(rows) == 3 * 7
    table = _validate(*base)
    assert table.exit_code == 0, table.output
    assert "within each outlet" in table.output
    assert "0 / 9 / 3" in table.output and "10 / 0 / 2" in table.output  # > 0 / < 0 / = 0


def test_by_blank_values_and_small_groups_are_said(tmp_path: Path) -> None:
    codes = _write(
        tmp_path / "codes.csv",
        [{"id": f"a{i}", "coder1": c, "coder2": c, "topic": "" if i < 3 else "t"}
         for i, c in enumerate(CODES)],
    )  # fmt: skip
    scores = _write(tmp_path / "scores.csv", [{"id": f"a{i}", "x": c} for i, c in enumerate(CODES)])
    done = _validate(str(codes), "--scores", str(scores), "--axis", "x", "--by", "topic",
                     "--format", "json")  # fmt: skip
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert [(g["group"], g["n"]) for g in data["groups"]] == [("(blank)", 3), ("t", 9)]
    assert any("fewer than 10 coded articles" in n for n in data["notes"])


def test_by_a_group_of_one_has_no_alpha(tmp_path: Path) -> None:
    # one article the two coders code apart: alpha is undefined there, not 0
    rows = [{"id": f"a{i}", "coder1": c, "coder2": c, "topic": "t"} for i, c in enumerate(CODES)]
    rows.append({"id": "solo", "coder1": 1, "coder2": 2, "topic": "u"})
    codes = _write(tmp_path / "codes.csv", rows)
    scores = _write(
        tmp_path / "scores.csv",
        [{"id": r["id"], "x": r["coder1"]} for r in rows],
    )
    base = [str(codes), "--scores", str(scores), "--axis", "x", "--by", "topic"]
    data = json.loads(_validate(*base, "--format", "json").output)
    alphas = {g["group"]: g["alpha"] for g in data["groups"]}
    assert alphas["u"] is None and alphas["t"] is not None
    assert any("fewer than 10 coded articles" in n for n in data["notes"])
    rows_csv = list(csv.DictReader(_validate(*base, "--format", "csv").output.splitlines()))
    (solo,) = [r for r in rows_csv if r["topic"] == "u" and r["statistic"].startswith("alpha")]
    assert solo["value"] == ""
    table = _validate(*base)
    assert table.exit_code == 0, table.output
    (line,) = [ln for ln in table.output.splitlines() if ln.startswith("u ")]
    assert line.split()[7] == "–" and "0.000" not in line  # u, n, 1 / 0 / 0, alpha
    assert krippendorff_alpha(np.array([[1], [2]], dtype=float)) is None


def test_by_an_unknown_column_lists_every_file_s_columns(grouped: tuple[Path, Path, Path]) -> None:
    codes, key, scores = grouped
    done = _validate(str(codes), "--scores", str(scores), "--key", str(key), "--axis", "x",
                     "--by", "outlte")  # fmt: skip
    assert done.exit_code == 2
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Unknown --by column 'outlte'" in lines[0]
    for name in ("coder1", "article_id", "outlet", "outlet_type"):
        assert name in lines[0]
    assert "Traceback" not in done.output
