"""``framing score``: one row per article."""

from __future__ import annotations

import sys
from typing import Any

import click

from framing.cli import main
from framing.cli.common import (
    format_option,
    handle_errors,
    lexicons_option,
    model_option,
    open_output,
    output_option,
    paths_argument,
    report_skipped,
    show_table,
    text_column_option,
)
from framing.output import RowWriter


@main.command()
@paths_argument
@format_option
@output_option
@click.option(
    "--evidence", is_flag=True, help="Add an evidence column: matched terms with sentences."
)
@lexicons_option
@model_option
@text_column_option
@handle_errors
def score(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    evidence: bool,
    lexicon_dirs: tuple[str, ...],
    model_paths: tuple[str, ...],
    text_column: str,
) -> None:
    """Score each article: one row per article.

    PATHS are folders (read recursively: .txt, .md, with front matter or a manifest.csv),
    .jsonl/.csv files, or - for JSON Lines on standard input.

    \b
    Columns: id, outlet, outlet_type, title, n_tokens; per axis <axis> (score in [-1, 1])
    and <axis>_<pole>_hits/_weight/_per_1k; sentiment_compound, sentiment_pos_share,
    sentiment_neg_share; every metadata field.

    \b
    Examples:
      framing score seeds/
      framing score seeds/ --format jsonl --evidence -o scores.jsonl
      cat articles.jsonl | framing score - --format csv
    """
    from framing.scoring import score_corpus

    skipped: list[Any] = []
    scores = score_corpus(
        paths,
        lexicon_dirs=lexicon_dirs,
        model_paths=model_paths,
        text_column=text_column,
        skipped=skipped,
    )
    with open_output(output) as out:
        if fmt == "table":
            rows = [s.to_dict() for s in scores]
            axes = [c for c in (rows[0] if rows else {}) if c.endswith("_no_hits")]
            columns = ["id", "outlet", "outlet_type", "n_tokens"]
            for flag in axes:
                axis = flag[: -len("_no_hits")]
                columns += [axis] + [
                    c
                    for c in rows[0]
                    if c.startswith(f"{axis}_") and c.endswith("_hits") and c != flag
                ]
            columns += ["sentiment_compound"]
            show_table(rows, columns, "framing score", out)
            count = len(rows)
        else:
            writer = RowWriter(out, fmt)
            for s in scores:
                writer.write(s.to_dict(evidence=evidence))
            writer.close()
            count = writer.count
    report_skipped(skipped, count + len(skipped))
    if skipped:
        sys.exit(1)
