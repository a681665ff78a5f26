"""``framing sample``: allocation, seeding, masking, key file, and the round trip to validate."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.benchmark.sample import allocate, draw_sample
from framing.cli import main
from framing.corpus.masking import mask_names
from framing.records import Article

THREAT = "Officials warned the app was a national security threat and a spy tool; a ban looms."
EXCHANGE = "Users said the app was a cultural exchange, a way to make friends and learn together."


def _corpus(tmp_path: Path, n_per: tuple[int, ...] = (6, 4, 2)) -> Path:
    outlets = ["Daily Planet", "Reuters", "Gazette Online"]
    rows = []
    for o, (outlet, n) in enumerate(zip(outlets, n_per, strict=True)):
        for i in range(n):
            body = THREAT if (i + o) % 2 else EXCHANGE
            rows.append(
                {
                    "id": f"{outlet[:3].lower()}-{i}",
                    "outlet": outlet,
                    "outlet_type": "wire" if outlet == "Reuters" else "other",
                    "section": "tech" if i % 2 else "world",
                    "title": f"Story {i} from {outlet}",
                    "text": f"LONDON ({outlet}) - {body} {outlet} could not confirm it.",
                }
            )
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_allocation_is_proportional_with_one_per_stratum() -> None:
    # 1 each, then 5 shared as 10:5:1 -> 3.125, 1.5625, 0.3125: 3 + 1 + 0, the last place
    # to the largest remainder (b)
    assert allocate({"a": 10, "b": 5, "c": 1}, 8) == {"a": 4, "b": 3, "c": 1}
    assert allocate({"a": 10, "b": 5, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}
    assert allocate({"a": 10, "b": 5, "c": 1}, 99) == {"a": 10, "b": 5, "c": 1}
    # a full stratum passes its share on
    assert allocate({"a": 2, "b": 20}, 10) == {"a": 2, "b": 8}
    assert sum(allocate({"x": 7, "y": 3, "z": 3, "w": 1}, 9).values()) == 9


def test_same_seed_same_sample_whatever_the_input_order() -> None:
    arts = [Article(f"id{i}", f"text {i}", outlet="AB"[i % 2]) for i in range(20)]
    one = draw_sample(arts, n=6, by="outlet", seed=3)
    two = draw_sample(list(reversed(arts)), n=6, by="outlet", seed=3)
    other = draw_sample(arts, n=6, by="outlet", seed=4)
    assert [r.article_id for r in one.rows] == [r.article_id for r in two.rows]
    assert [r.article_id for r in one.rows] != [r.article_id for r in other.rows]
    assert one.quotas == {"A": 3, "B": 3}


def test_outlet_names_are_masked() -> None:
    assert mask_names("A Daily Planet report; daily planet said", ["Daily Planet"]) == (
        "A [OUTLET] report; [OUTLET] said"
    )
    assert mask_names("unknown sources", ["unknown"]) == "unknown sources"


def test_sheet_key_and_masking(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    sheet = tmp_path / "sheet.csv"
    result = CliRunner().invoke(
        main, ["sample", str(corpus), "--n", "6", "--by", "outlet", "--seed", "1", "-o", str(sheet)]
    )
    assert result.exit_code == 0, result.output
    rows, key = _rows(sheet), _rows(tmp_path / "sheet.key.csv")
    assert list(rows[0]) == ["id", "title", "text", "coder1", "coder2"]
    assert [r["id"] for r in rows] == ["s001", "s002", "s003", "s004", "s005", "s006"]
    assert all(r["coder1"] == r["coder2"] == "" for r in rows)
    text = " ".join(r["title"] + " " + r["text"] for r in rows)
    for name in ("Daily Planet", "Reuters", "Gazette Online"):
        assert name.lower() not in text.lower()
    assert "[OUTLET]" in text
    assert list(key[0]) == ["id", "article_id", "outlet", "outlet_type", "date", "source"]
    # 1 each, then 3 as 6:4:2 -> 1.5, 1, 0.5: 1 + 1 + 0 and the remaining place to the
    # largest remainder, ties to the larger stratum (Daily Planet)
    counts = {o: sum(k["outlet"] == o for k in key) for o in ("Daily Planet", "Reuters")}
    assert counts == {"Daily Planet": 3, "Reuters": 2}
    again = tmp_path / "again.csv"
    CliRunner().invoke(main, ["sample", str(corpus), "--n", "6", "--seed", "1", "-o", str(again)])
    assert again.read_bytes() == sheet.read_bytes()


def test_by_any_field_and_coders(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    sheet = tmp_path / "s.csv"
    result = CliRunner().invoke(
        main,
        ["sample", str(corpus), "--n", "4", "--by", "section", "--coders", "3", "-o", str(sheet),
         "--key", str(tmp_path / "k.csv")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert list(_rows(sheet)[0])[-3:] == ["coder1", "coder2", "coder3"]
    key = _rows(tmp_path / "k.csv")
    assert "section" in key[0]
    assert sorted(k["section"] for k in key) == ["tech", "tech", "world", "world"]


def test_misspelt_field_lists_the_fields(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(
        main, ["sample", str(corpus), "--n", "4", "--by", "sectoin", "-o", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 2
    assert "no article has a field 'sectoin'. Available: outlet, outlet_type" in result.output
    assert "section" in result.output
    assert not (tmp_path / "s.csv").exists()


def test_empty_input_and_bad_lines(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["sample", str(empty), "--n", "3", "-o", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 1
    assert "no article to sample" in result.output
    assert len(result.output.strip().splitlines()) == 1
    corpus = _corpus(tmp_path)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    sheet = tmp_path / "s.csv"
    result = CliRunner().invoke(main, ["sample", str(corpus), "--n", "3", "-o", str(sheet)])
    assert result.exit_code == 1
    assert f"{corpus}:13" in result.output
    assert len(_rows(sheet)) == 3  # the good articles were still sampled


def test_output_must_not_be_an_input(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(main, ["sample", str(corpus), "--n", "3", "-o", str(corpus)])
    assert result.exit_code == 2


def test_round_trip_sample_code_score_validate(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    sheet = tmp_path / "sheet.csv"
    runner = CliRunner()
    assert runner.invoke(main, ["sample", str(corpus), "--n", "8", "-o", str(sheet)]).exit_code == 0
    rows = _rows(sheet)
    for row in rows:  # the coders: threat texts -2, exchange texts +2 (one coder a bit off)
        code = -2 if "spy tool" in row["text"] else 2
        row["coder1"], row["coder2"] = str(code), str(code // 2)
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # the masked texts the coders read, scored under the sheet's ids
    scores = tmp_path / "scores.csv"
    result = runner.invoke(main, ["score", str(sheet), "-o", str(scores), "--format", "csv"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main,
        ["validate", str(sheet), "--scores", str(scores), "--axis", "threat_exchange",
         "--format", "json", "--n-boot", "200"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["n"] == 8 and out["coders"] == ["coder1", "coder2"]
    assert out["sign_agreement"] == 1.0
    # the original corpus's scores, joined through the key
    original = tmp_path / "original.csv"
    runner.invoke(main, ["score", str(corpus), "-o", str(original), "--format", "csv"])
    result = runner.invoke(
        main,
        ["validate", str(sheet), "--scores", str(original), "--key", str(tmp_path / "sheet.key.csv"),
         "--axis", "threat_exchange", "--format", "json", "--n-boot", "200"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["n"] == 8
    # a key of another sheet: one line naming the id
    bad_key = tmp_path / "bad.key.csv"
    bad_key.write_text("id,article_id\nx1,a\n", encoding="utf-8")
    result = runner.invoke(
        main,
        ["validate", str(sheet), "--scores", str(original), "--key", str(bad_key),
         "--axis", "threat_exchange"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "'s00" in result.output and "is not in the key" in result.output


@pytest.mark.parametrize("n", ["0", "-1", "x"])
def test_bad_n(tmp_path: Path, n: str) -> None:
    corpus = _corpus(tmp_path)
    result = CliRunner().invoke(
        main, ["sample", str(corpus), "--n", n, "-o", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 2
