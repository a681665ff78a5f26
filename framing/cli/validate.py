"""``framing validate``: a score against your own human coding."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from framing.cli.common import (
    check_outputs,
    format_option_for,
    handle_errors,
    n_boot_option,
    open_output,
    output_format,
    output_option,
    provenance_for,
    provenance_option,
    seed_option,
    show_table,
    write_json_object,
)
from framing.cli.main import main

if TYPE_CHECKING:
    from framing.benchmark.metrics import Estimate
    from framing.benchmark.validate import Validation


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _ci(est: Estimate) -> str:
    if est.value is None or est.low is None or est.high is None:
        return _fmt(est.value)
    return f"{est.value:.2f} [{est.low:.2f}, {est.high:.2f}]"


GROUP_COLUMNS = ["n", "> 0 / < 0 / = 0", "alpha", "spearman", "auc", "sign > 0", "sign < 0",
                 "|score| at 0"]  # fmt: skip


def _group_row(by: str, group: str, r: Validation) -> dict[str, object]:
    return {
        by: group,
        "n": r.n,
        "> 0 / < 0 / = 0": f"{r.n_positive} / {r.n_negative} / {r.n_zero}",
        "alpha": _fmt(r.alpha),
        "spearman": _ci(r.spearman),
        "auc": _ci(r.auc),
        "sign > 0": _fmt(r.sign_agreement_positive.value),
        "sign < 0": _fmt(r.sign_agreement_negative.value),
        "|score| at 0": _fmt(r.zero_mean_abs.value),
    }


@main.command()
@click.argument("codes", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--scores",
    "scores_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A `framing score` output (CSV, TSV, JSONL or Parquet) with an id column.",
)
@click.option(
    "--axis",
    required=True,
    help="The score column to check: an axis (threat_exchange), or a component "
    "(threat_exchange_lexicon, threat_exchange_model), or any numeric column.",
)
@click.option(
    "--coders",
    default=None,
    help="Comma-separated code columns [default: <axis>_coder1, <axis>_coder2, ... "
    "or coder1, coder2, ...].",
)
@click.option("--id-column", default="id", show_default=True, help="Column joining the two files.")
@click.option(
    "--key",
    "key_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The key of a `framing sample` sheet: translates the sheet's ids (s001 ...) to the "
    "articles' ids, to check scores of the original corpus.",
)
@click.option(
    "--by",
    "by",
    default=None,
    metavar="COLUMN",
    help="Also report every statistic within each value of COLUMN (outlet, corpus, topic ...),"
    " looked up in CODES, then the --key file, then --scores: a pooled correlation can come "
    "from telling the groups apart while ranking nothing within any of them.",
)
@n_boot_option(1000)
@seed_option("Seed of the bootstrap intervals.")
@format_option_for(
    ["table", "json", "csv"], "table: readable; json: one object; csv: one row per statistic."
)
@output_option
@provenance_option
@handle_errors
def validate(
    codes: str,
    scores_path: str,
    axis: str,
    coders: str | None,
    id_column: str,
    key_path: str | None,
    by: str | None,
    n_boot: int,
    seed: int,
    fmt: str,
    output: str | None,
    provenance_path: str | None,
) -> None:
    """Check a score against human codes: coder agreement, then score-vs-code agreement.

    CODES is a sheet (CSV/TSV/JSONL/Parquet) with an id column and one column of codes per
    coder (ordinal, e.g. -2 .. +2; blank = not coded), as made by `framing sample` and
    filled in by coders working blind. Reports Krippendorff's alpha among the coders
    (ordinal), then for the score against each article's mean code: Spearman's rho, the AUC
    of articles coded above 0 against those coded below 0, the share of articles coded off 0
    whose score has the same sign (overall and per side), and the mean |score| of articles
    coded 0 — each with a bootstrap 95% interval over articles. With --by COLUMN, the same
    statistics within each value of COLUMN too (a table per group; "groups" in JSON; a
    COLUMN column in CSV, "(all)" for the pooled rows).

    Provenance (framing version, options, both files' sha256, and the scores file's own
    provenance as "source") is the "provenance" key of --format json, else
    FILE.provenance.json beside -o FILE, or --provenance FILE.

    \b
    Examples:
      framing score corpus.jsonl -o scores.csv
      framing validate codes.csv --scores scores.csv --axis threat_exchange
      framing validate sheet.csv --scores corpus_scores.csv --key sheet.key.csv \\
          --axis state_wire
      framing validate codes.csv --scores scores.csv --axis threat_exchange_lexicon \\
          --coders te_a,te_b --format json
      framing validate sheet.csv --scores corpus_scores.csv --key sheet.key.csv \\
          --axis state_wire --by outlet
    """
    from framing.benchmark.validate import validate_files
    from framing.run.provenance import read_provenance

    fmt = output_format(output)
    check_outputs([codes, scores_path], {"--output": output, "--provenance": provenance_path})
    chosen = [c.strip() for c in coders.split(",") if c.strip()] if coders else []
    result = validate_files(
        codes,
        scores_path,
        axis=axis,
        coders=chosen,
        id_column=id_column,
        key_path=key_path,
        n_boot=n_boot,
        seed=seed,
        by=by,
    )
    source = read_provenance(scores_path) or {"note": f"{scores_path} carries no provenance"}
    provenance = provenance_for(
        "validate", inputs=[codes, scores_path], corpus=False, source=source
    )
    if fmt == "json":
        write_json_object(result.to_dict(), output, provenance, provenance_path)
        return
    with open_output(
        output, provenance=provenance, fmt=fmt, provenance_path=provenance_path
    ) as out:
        rows = result.rows()
        if fmt == "csv":
            from framing.run.output import RowWriter

            columns = ["statistic", "value", "low", "high", "n"]
            if result.by is None:
                writer = RowWriter(out, "csv", columns=columns)
                for row in rows:
                    writer.write(row)
            else:
                writer = RowWriter(out, "csv", columns=[result.by, *columns])
                for group, part in (("(all)", result), *result.groups):
                    for row in part.rows():
                        writer.write({result.by: group, **row})
            writer.close()
            return
        out.write(
            f"{axis} against {len(result.coders)} coder(s) ({', '.join(result.coders)}): "
            f"{result.n} articles, {result.n_positive} coded > 0, {result.n_negative} < 0, "
            f"{result.n_zero} = 0; 95% bootstrap intervals\n"
        )
        table = [
            {
                "statistic": r["statistic"],
                "value": _fmt(r["value"]),
                "95% CI": "" if r["low"] is None else f"[{_fmt(r['low'])}, {_fmt(r['high'])}]",
                "n": r["n"],
            }
            for r in rows
        ]
        show_table(table, ["statistic", "value", "95% CI", "n"], f"{axis} vs human codes", out)
        if result.by is not None:
            out.write(
                f"\nwithin each {result.by} (the same statistics, 95% bootstrap intervals):\n"
            )
            show_table(
                [_group_row(result.by, g, r) for g, r in result.groups],
                [result.by, *GROUP_COLUMNS],
                f"{axis} vs human codes, by {result.by}",
                out,
            )
        for note in result.notes:
            out.write(f"note: {note}\n")
