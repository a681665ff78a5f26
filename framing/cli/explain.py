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
    output_format,
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


def _decomposition(explanation: Any, top: int) -> str:
    """Per axis: components, weight, combined score, and the sentences that moved each."""
    lines = []
    for a in explanation.axes:
        if a.lexicon is None or a.combined is None:
            lines.append(f"{a.axis}: none (nothing to score)")
            continue
        if a.model is None:
            lines.append(f"{a.axis}: lexicon {a.lexicon:+.2f} (no model) = {a.combined:+.2f}")
        else:
            w = a.lexicon_weight
            lines.append(
                f"{a.axis}: {w:.2g} x lexicon {a.lexicon:+.2f} + {1 - w:.2g} x model "
                f"{a.model:+.2f} = {a.combined:+.2f}"
            )
            if "h /" in a.mixing:
                lines.append(f"  weight: {a.mixing}; here h = {a.evidence:g}")
        largest = sorted(a.lexicon_sentences, key=lambda s: (-abs(s[2] - s[1]), s[0]))[:top]
        lex = ", ".join(
            f"#{i} {a.negative_pole} {neg:g} / {a.positive_pole} {pos:g}" for i, neg, pos in largest
        )
        n = len(a.lexicon_sentences)
        lines.append(
            f"  lexicon: hits in {n} sentence(s)" + (f"; largest net: {lex}" if lex else "")
        )
        if a.model is not None:
            model = ", ".join(f"#{i} {d:+.3f}" for i, d in a.model_sentences)
            lines.append(f"  model, leave-one-sentence-out delta: {model or 'n/a'}")
    return "\n".join(lines) + "\n"


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
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Sentences shown per axis for each component (json lists every lexicon one).",
)
@handle_errors
def explain(
    path_or_id: str,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lexicon_dirs: tuple[str, ...],
    text_column: str,
    top: int,
) -> None:
    """Show where one article's scores come from, axis by axis and sentence by sentence.

    PATH_OR_ID is a file holding one article, or an article id looked up in PATHS.

    Per axis: the lexicon component, the model component, the lexicon weight w this text
    got from the model file's rule (fixed, or growing with the lexicon's evidence h, the
    summed weight of its counted hits: w = w_max x h / (h + k), so a text with no hit is
    the model's) and the combined score w x lexicon + (1 - w) x model; the sentences with
    lexicon hits and their pole weights; and the --top sentences that move the model most,
    by leave-one-sentence-out: the model reads the sentences joined, then without sentence
    i, and the delta is the difference (positive: towards the positive pole). It is the
    model's reaction to dropping that sentence in context, one batched model call; not a
    gradient or a Shapley value, and sentences that repeat each other mask each other.

    Per sentence: the net weighted hits on each axis (positive pole minus negative pole),
    the VADER compound, and the sentence with matched terms in [brackets] ([~term]:
    negated, dismissed or rebutted, not counted for its pole). --format json has the
    decomposition under "decomposition" (keys: axis, lexicon, model, lexicon_weight,
    mixing, evidence, combined, lexicon_sentences, model_method, model_sentences).

    \b
    Examples:
      framing explain seeds/004_a700fc40aa063632.txt
      framing explain 004_a700fc40aa063632 seeds/ --format jsonl
    """
    from framing.scoring.explain import explain as run_explain

    fmt = output_format(output)
    result = run_explain(
        path_or_id, paths, lexicon_dirs=lexicon_dirs, text_column=text_column, top=top
    )
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
                Console().print(escape(_decomposition(result, top)))
                Console().print(table)
            else:
                rows = _table_rows(result, "[", "]")
                out.write(header + "\n" + _decomposition(result, top))
                out.write(plain_table(rows, list(rows[0]) if rows else None))


def _signed(value: float | None) -> str:
    """``+0.12``, or ``none`` for a text with nothing to score."""
    return "none" if value is None else f"{value:+.2f}"
