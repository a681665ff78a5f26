"""``framing explain``: one article, sentence by sentence."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from framing.cli.common import (
    _stdout_is_terminal,
    format_option_for,
    handle_errors,
    lexicons_option,
    open_output,
    output_option,
    text_column_option,
)
from framing.cli.main import main
from framing.run.output import json_row, plain_table


def _table_rows(explanation: Any, open_: str, close: str) -> list[dict[str, Any]]:
    rows = []
    for s in explanation.sentences:
        row: dict[str, Any] = {"#": s.index}
        for axis, net in s.net.items():
            poles = s.weights[axis]
            row[axis] = "" if not any(poles.values()) else f"{net:+.1f}"
        row["sent."] = "" if s.sentiment is None else f"{s.sentiment:+.2f}"
        row["sentence"] = s.marked(open_, close)
        rows.append(row)
    return rows


@main.command()
@click.argument("path_or_id")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@format_option_for(
    ["table", "jsonl", "json"],
    "table: sentences with marked terms; jsonl: one row per sentence; json: all.",
)
@output_option
@lexicons_option
@text_column_option
@handle_errors
def explain(
    path_or_id: str,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lexicon_dirs: tuple[str, ...],
    text_column: str,
) -> None:
    """Show where one article's scores come from, sentence by sentence.

    PATH_OR_ID is a file holding one article, or an article id looked up in PATHS.
    Per sentence: the net weighted hits on each axis (positive pole minus negative pole),
    the VADER compound, and the sentence with matched terms in [brackets] ([~term]:
    negated, not counted for its pole).

    \b
    Examples:
      framing explain seeds/004_a700fc40aa063632.txt
      framing explain 004_a700fc40aa063632 seeds/ --format jsonl
    """
    from framing.scoring.explain import explain as run_explain

    result = run_explain(path_or_id, paths, lexicon_dirs=lexicon_dirs, text_column=text_column)
    art, score = result.score.article, result.score
    with open_output(output) as out:
        if fmt == "json":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "jsonl":
            for row in result.rows():
                out.write(json_row(row) + "\n")
        else:
            axes = ", ".join(
                f"{a.axis} {_signed(a.score)} ({a.negative_pole} {a.negative_weight:g} / "
                f"{a.positive_pole} {a.positive_weight:g})"
                for a in score.axes.values()
            )
            header = (
                f"{art.id} ({art.outlet}, {art.outlet_type}): {axes}; "
                f"sentiment {_signed(score.sentiment.compound)}"
            )
            if out is sys.stdout and _stdout_is_terminal():
                from rich.console import Console
                from rich.markup import escape
                from rich.table import Table

                rows = _table_rows(result, "\x00", "\x01")
                table = Table(title=header, header_style="bold")
                for column in rows[0] if rows else ["#"]:
                    table.add_column(column, justify="left" if column == "sentence" else "right")
                for row in rows:
                    marked = (
                        escape(row["sentence"])
                        .replace("\x00", "[bold yellow]")
                        .replace("\x01", "[/bold yellow]")
                    )
                    table.add_row(*(str(v) for v in list(row.values())[:-1]), marked)
                Console().print(table)
            else:
                rows = _table_rows(result, "[", "]")
                out.write(header + "\n" + plain_table(rows, list(rows[0]) if rows else None))


def _signed(value: float | None) -> str:
    """``+0.12``, or ``none`` for a text with nothing to score."""
    return "none" if value is None else f"{value:+.2f}"
