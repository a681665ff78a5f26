"""``framing compare``: one row per group."""

from __future__ import annotations

import sys
from typing import Any

import click

from framing.checkpoint import ErrorReport
from framing.cli import main
from framing.cli.common import (
    errors_option,
    format_option,
    handle_errors,
    jobs_option,
    lexicons_option,
    open_output,
    output_option,
    paths_argument,
    report_skipped,
    show_table,
    text_column_option,
)
from framing.output import RowWriter


def _fmt_estimate(row: dict[str, Any], measure: str) -> str:
    mean, low, high = row[measure], row[f"{measure}_low"], row[f"{measure}_high"]
    if low is None:
        return f"{mean:+.2f} (n<2)"
    return f"{mean:+.2f} [{low:+.2f}, {high:+.2f}]"


@main.command()
@paths_argument
@click.option(
    "--by",
    default="outlet",
    show_default=True,
    help="Group by outlet, outlet_type, or any metadata field.",
)
@format_option
@output_option
@click.option("--seed", default=0, show_default=True, help="Seed of the bootstrap resampling.")
@click.option(
    "--n-boot",
    default=2000,
    show_default=True,
    type=click.IntRange(min=100),
    help="Bootstrap resamples per interval.",
)
@click.option("--top-terms", default=5, show_default=True, type=click.IntRange(min=0))
@lexicons_option
@text_column_option
@jobs_option
@errors_option
@handle_errors
def compare(
    paths: tuple[str, ...],
    by: str,
    fmt: str,
    output: str | None,
    seed: int,
    n_boot: int,
    top_terms: int,
    lexicon_dirs: tuple[str, ...],
    text_column: str,
    jobs: int | None,
    errors: str | None,
) -> None:
    """Compare groups of articles: one row per outlet (or --by field).

    Per group: n; the mean of each axis and of sentiment with a 95% bootstrap interval
    (articles resampled; "n<2" where a group is too small for one); the evidence terms
    that carry each pole in the group.

    \b
    Examples:
      framing compare seeds/
      framing compare seeds/ --by outlet_type --format csv
    """
    from framing.compare import compare as run_compare

    report = ErrorReport(errors)  # a bad --errors path fails before any scoring
    skipped: list[Any] = []
    try:
        result = run_compare(
            paths,
            by=by,
            n_boot=n_boot,
            seed=seed,
            top_terms=top_terms,
            lexicon_dirs=lexicon_dirs,
            skipped=skipped,
            jobs=jobs,
        )
    except BaseException:
        report.discard()
        raise
    for item in skipped:
        report.add(item)
    report.close()
    rows = result.rows()
    with open_output(output) as out:
        if fmt == "table":
            display = []
            for row in rows:
                shown: dict[str, Any] = {by: row[by], "n": row["n"]}
                for m in result.measures[: len(result.axes) + 1]:
                    shown[m] = _fmt_estimate(row, m)
                for axis, poles in result.axes.items():
                    for pole in poles:
                        shown[f"{pole} terms"] = row[f"{axis}_{pole}_terms"]
                display.append(shown)
            columns = list(display[0]) if display else [by, "n"]
            show_table(display, columns, f"framing compare (by {by}; 95% bootstrap CI)", out)
        else:
            writer = RowWriter(out, fmt)
            for row in rows:
                writer.write(row)
            writer.close()
    n_scored = sum(g.n for g in result.groups)
    report_skipped(skipped, n_scored + len(skipped), errors_path=errors)
    if skipped:
        sys.exit(1)
