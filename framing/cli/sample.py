"""``framing sample``: a stratified, masked coding sheet and its key, for human validation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from framing.cli.common import (
    check_outputs,
    format_for_output,
    handle_errors,
    paths_argument,
    seed_option,
    text_column_option,
)
from framing.cli.main import main
from framing.records import Skipped


def key_path_for(sheet: str) -> str:
    """``sheet.csv`` -> ``sheet.key.csv`` beside it."""
    p = Path(sheet)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    return str(p.with_name(f"{stem}.key.csv"))


def report_unread(skipped: list[Skipped], read: int) -> None:
    """Inputs that could not be read, on standard error; exits 1 (the outputs are written)."""
    click.echo(
        f"framing: skipped {len(skipped)} unreadable input(s); drew from the {read} read:",
        err=True,
    )
    for item in skipped:
        click.echo(f"  {item}", err=True)
    sys.exit(1)


@main.command()
@paths_argument
@click.option("--n", "n", required=True, type=click.IntRange(1), help="Articles in the sheet.")
@click.option(
    "--by",
    default="outlet",
    show_default=True,
    help="Metadata field to stratify by: outlet, outlet_type, or any field of the corpus.",
)
@seed_option("Seed of the draw and of the shuffle: the same seed gives the same sheet.")
@click.option(
    "--coders",
    default=2,
    show_default=True,
    type=click.IntRange(1, 20),
    help="Blank code columns coder1 .. coderN.",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    help="The sheet (CSV) for the coders: id, masked title and text, blank coder columns."
    " A name ending in another format's suffix (.tsv, .jsonl, .ndjson, .json, .parquet, .md)"
    " is refused, for it and --key.",
)
@click.option(
    "--key",
    "key",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where the key goes (id -> article id, stratum, outlet, source) "
    "[default: SHEET.key.csv beside the sheet]. Never give it to the coders.",
)
@text_column_option
@handle_errors
def sample(
    paths: tuple[str, ...],
    n: int,
    by: str,
    seed: int,
    coders: int,
    output: str,
    key: str | None,
    text_column: str,
) -> None:
    """Draw N articles for blind human coding: stratified by FIELD, shuffled, outlets masked.

    Allocation: each stratum gets one article first (when N is at least the number of
    strata), the rest in proportion to the strata's sizes (largest remainder); with N below
    the number of strata the largest strata get one each. Outlet names, bylines, URLs and
    every outlet name of the corpus become [OUTLET] in the title and text. The sheet's id is
    an opaque s001, s002 ...; the key file maps it back to the article and its outlet.

    Then: the coders fill coder1, coder2 (e.g. -2 .. +2, blank = not coded);
    `framing score SHEET` scores the masked texts they read under the sheet's ids, and
    `framing validate SHEET --scores SCORES --axis AXIS` checks the score against them
    (scores of the original corpus: add --key SHEET.key.csv).

    \b
    Examples:
      framing sample corpus/ --n 200 --by outlet --seed 1 -o sheet.csv
      framing sample a.jsonl b.jsonl --n 60 --by outlet_type --coders 3 -o sheet.csv
      framing score sheet.csv -o scores.csv
      framing validate sheet.csv --scores scores.csv --axis threat_exchange
    """
    from framing.benchmark.sample import draw_sample, sheet_columns
    from framing.corpus.read import read_corpus
    from framing.run.files import atomic_write
    from framing.run.output import RowWriter, plain_table

    key = key or key_path_for(output)
    for option, path in (("--output", output), ("--key", key)):  # both CSV, whatever the name
        format_for_output(
            "csv", path, explicit=False, choices=["csv"], command="framing sample", option=option
        )
    check_outputs(paths, {"--output": output, "--key": key})
    skipped: list[Skipped] = []
    articles = read_corpus(paths, text_column=text_column, on_skip=skipped.append)
    drawn = draw_sample(articles, n=n, by=by, seed=seed)
    with atomic_write(key) as fh:
        writer = RowWriter(fh, "csv", columns=drawn.key_columns())  # type: ignore[arg-type]
        for row in drawn.rows:
            writer.write(row.key(by))
    with atomic_write(output) as fh:
        writer = RowWriter(fh, "csv", columns=sheet_columns(coders))  # type: ignore[arg-type]
        for row in drawn.rows:
            writer.write(row.sheet(coders))
    click.echo(
        f"{output}: {len(drawn.rows)} articles for {coders} coder(s), by {by}, seed {seed}; "
        f"key (outlets: keep it from the coders) in {key}"
    )
    click.echo(plain_table(drawn.summary(), [by, "corpus", "sampled"]), nl=False)
    for note in drawn.notes:
        click.echo(f"note: {note}", err=True)
    if skipped:
        report_unread(skipped, sum(drawn.sizes.values()))
