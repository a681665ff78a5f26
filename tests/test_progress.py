"""Progress on standard error: done/total and time left on long commands, never when
standard error is not a terminal (unless forced), never with -q; totals counted cheaply."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from toy_texts import LABELS, TEXTS

from framing.cli import main
from framing.cli.common import PlainProgress
from framing.run.progress import count_articles, count_records

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "seeds")
FAST = ["--n-boot", "100", "--n-perm", "100"]


def _invoke(args: list[str], monkeypatch: pytest.MonkeyPatch, forced: str | None) -> str:
    if forced is None:
        monkeypatch.delenv("FRAMING_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("FRAMING_PROGRESS", forced)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.mark.parametrize(
    ("args", "label", "total"),
    [
        (["score", SEEDS, "--format", "jsonl"], "scoring:", "5/5"),
        (["compare", SEEDS, "--format", "csv", *FAST], "scoring:", "5/5"),
    ],
)
def test_progress_only_when_forced_or_on_a_terminal(
    args: list[str], label: str, total: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CliRunner's standard error is not a terminal: no progress line
    assert label not in _invoke(args, monkeypatch, None)
    forced = _invoke(args, monkeypatch, "1")
    assert label in forced and total in forced and "left" in forced
    assert label not in _invoke([*args, "-q"], monkeypatch, "1")
    assert label not in _invoke(args, monkeypatch, "0")


def test_rows_on_standard_output_stay_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_PROGRESS", "1")
    result = CliRunner().invoke(main, ["score", SEEDS, "--format", "jsonl"])
    assert result.exit_code == 0 and "5/5" in result.stderr
    assert len(result.stdout.splitlines()) == 5
    assert all(json.loads(line)["id"] for line in result.stdout.splitlines())


def test_score_to_a_file_shows_progress_too(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "s.jsonl"
    err = _invoke(["score", SEEDS, "--format", "jsonl", "-o", str(out)], monkeypatch, "1")
    assert "scoring:" in err and "5/5" in err


def test_compare_scores_counts_the_rows(tmp_path: Path, monkeypatch) -> None:
    scores = tmp_path / "s.csv"
    _invoke(["score", SEEDS, "--format", "csv", "-o", str(scores)], monkeypatch, None)
    err = _invoke(["compare", "--scores", str(scores), *FAST], monkeypatch, "1")
    assert "reading scores:" in err and "5/5" in err


def test_train_is_not_silent(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "labeled.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for _ in range(2):
            writer.writerows(
                (t, "threat" if lab == "threat" else "friend")
                for t, lab in zip(TEXTS, LABELS, strict=True)
            )
    args = ["train", str(data), "--axis", "toy", "--lexicons", str(ROOT / "tests" / "data")]
    args += ["--out", str(tmp_path / "m.json"), "--cv", "3"]
    err = _invoke(args, monkeypatch, "1")
    assert "training:" in err and "4/4" in err  # 3 folds, then the fit
    assert "training:" not in _invoke([*args, "-q"], monkeypatch, "1")


def test_benchmark_shows_articles_scored(tmp_path: Path, monkeypatch) -> None:
    labeled = tmp_path / "labeled.csv"
    labeled.write_text(
        "text,kind\n" + "".join(f"A threat {i}.,a\nFriends {i}.,b\n" for i in range(3)),
        encoding="utf-8",
    )
    args = ["benchmark", str(labeled), "--label-column", "kind", "--positive", "a"]
    args += ["--negative", "b", "--axis", "threat_exchange", "--pole", "threat", "--n-boot", "100"]
    err = _invoke(args, monkeypatch, "1")
    assert "scoring:" in err and "6/6" in err


def test_forced_progress_into_a_log_is_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """FRAMING_PROGRESS=1 with standard error a file (CliRunner's is not a terminal): plain
    lines, no escape codes, no carriage returns."""
    err = _invoke(["score", SEEDS, "--format", "jsonl"], monkeypatch, "1")
    assert "\x1b" not in err and "\r" not in err
    assert re.fullmatch(
        r"framing: scoring: 5/5 articles \(100%\), 0:00:\d\d elapsed, 0:00:00 left\n", err
    ), err


def test_plain_progress_writes_a_line_every_few_seconds() -> None:
    now = [0.0]
    out = io.StringIO()  # not a terminal
    progress = PlainProgress("scoring", "articles", 5000, out, every=5, clock=lambda: now[0])
    for done in range(1, 5001):
        now[0] = done / 100  # 100 articles a second
        progress.update(completed=done)
    progress.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # at 5 s, 10 s, ... 50 s (the end: not written twice)
    assert lines[1] == "framing: scoring: 1,000/5,000 articles (20%), 0:00:10 elapsed, 0:00:40 left"
    assert lines[-1].startswith("framing: scoring: 5,000/5,000 articles (100%), 0:00:50")
    assert "\x1b" not in out.getvalue()


def test_plain_progress_without_a_total() -> None:
    out = io.StringIO()
    progress = PlainProgress("scoring", "articles", None, out, clock=lambda: 61.0)
    progress.update(completed=1200)
    progress.close()
    assert out.getvalue() == "framing: scoring: 1,200 articles, 0:00:00 elapsed\n"


# --- totals --------------------------------------------------------------------------------


def test_totals_are_counted_from_folders_and_lines(tmp_path: Path) -> None:
    assert count_articles([SEEDS]) == 5
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("".join(json.dumps({"text": f"t{i}"}) + "\n" for i in range(7)) + "\n")
    table = tmp_path / "a.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow(["1", 'two\nlines, "quoted"\n\nand a blank one'])
        writer.writerow(["2", "one line"])
    assert count_records(table) == 2
    assert count_articles([SEEDS, jsonl, table]) == 5 + 7 + 2


def test_no_total_where_counting_is_not_cheap(tmp_path: Path, monkeypatch) -> None:
    packed = tmp_path / "a.jsonl.gz"
    with gzip.open(packed, "wt") as handle:
        handle.write('{"text": "x"}\n')
    assert count_articles([packed]) is None
    assert count_articles(["-"]) is None
    big = tmp_path / "big.jsonl"
    big.write_text('{"text": "x"}\n' * 10)
    monkeypatch.setattr("framing.run.progress.SCAN_LIMIT", 50)
    assert count_articles([big]) is None


def test_pages_count_and_a_folder_with_a_warc_has_no_total(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.html", "sub/c.htm", "notes.pdf"):
        (tmp_path / name).write_text("x")
    assert count_articles([tmp_path, tmp_path / "b.html"]) == 3 + 1
    (tmp_path / "sub" / "crawl.warc.gz").write_bytes(b"")  # its pages are not known yet
    assert count_articles([tmp_path]) is None
