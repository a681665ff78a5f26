"""``framing benchmark``: framing against a labeled set, beside its baselines."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from framing.cli.common import (
    check_outputs,
    format_option_for,
    handle_errors,
    lexicons_option,
    model_option,
    n_boot_option,
    open_output,
    output_format,
    output_option,
    progress_line,
    provenance_for,
    provenance_option,
    quiet_option,
    seed_option,
    show_table,
    write_json_object,
)
from framing.cli.main import main
from framing.errors import UsageError

GENERIC_OPTIONS = (
    "label_column",
    "positive",
    "negative",
    "axis",
    "pole",
    "group_column",
    "title_column",
    "labels",
)


def _render_table(result: Any, out: TextIO) -> None:
    head = f"{result.adapter}: {result.description} (n = {result.n}"
    limit = result.settings.get("limit")
    if limit is not None and limit < result.settings.get("n_available", limit):
        head += f", a seeded sample of {result.settings['n_available']}"
    out.write(head + f"; 95% bootstrap intervals, {result.settings['n_boot']} resamples)\n")
    for part in result.parts:
        out.write("\n")
        if out is not sys.stdout or not sys.stdout.isatty():
            out.write(f"{part.name}\n")
        show_table(part.table_rows(), ["group", "method", "n", *part.metrics], part.name, out)
        for note in part.notes:
            out.write(f"  note: {note}\n")
        out.flush()
    for note in result.notes:
        out.write(f"note: {note}\n")


def _write(rows: list[dict[str, Any]], columns: list[str], fmt: str, out: TextIO) -> None:
    from framing.run.output import RowWriter

    writer = RowWriter(out, fmt, columns=columns)
    for row in rows:
        writer.write(row)
    writer.close()


@main.command()
@click.argument("target", required=False, metavar="ADAPTER_OR_PATH")
@click.option("--list", "list_only", is_flag=True, help="List the built-in adapters and exit.")
@click.option(
    "--datasets",
    "datasets_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder holding the shared labeled sets [default: ../shared/datasets beside the "
    "project, or $FRAMING_DATASETS].",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Score a seeded random sample of N examples instead of all.",
)
@seed_option("Seed of the sample and bootstraps.")
@n_boot_option(1000)
@format_option_for(
    ["table", "json", "csv"],
    "table: readable; json: one object (stable keys); csv: "
    "one row per part, group, method and metric.",
)
@output_option
@lexicons_option
@model_option
@click.option("--label-column", default=None, help="Labeled file: the column with the label.")
@click.option(
    "--positive",
    multiple=True,
    help="Labeled file: label value(s) of the class expected at --pole. Repeatable.",
)
@click.option(
    "--negative", multiple=True, help="Labeled file: label value(s) of the other class. Repeatable."
)
@click.option("--axis", default=None, help="Labeled file: the axis to test, e.g. state_wire.")
@click.option(
    "--pole",
    default=None,
    help="Labeled file: the axis pole of the --positive class "
    "[default: the pole named like the first --positive value].",
)
@click.option(
    "--text-column",
    default="text",
    show_default=True,
    help="Labeled file: the column with the text.",
)
@click.option("--title-column", default=None, help="Labeled file: a headline column.")
@click.option(
    "--group-column",
    default=None,
    help="Labeled file: outlet column, for one row "
    "per outlet (majority baseline leave-one-outlet-out).",
)
@click.option(
    "--labels",
    type=click.Path(dir_okay=False),
    default=None,
    help="Folder of .txt files: the CSV/TSV with one label row per file id.",
)
@click.option(
    "--split",
    default="train",
    show_default=True,
    help="Split of a saved DatasetDict or hub dataset.",
)
@click.option(
    "--allow-download",
    is_flag=True,
    help="Allow a Hugging Face hub name (never downloads without this flag).",
)
@quiet_option
@provenance_option
@handle_errors
def benchmark(
    target: str | None,
    list_only: bool,
    datasets_dir: str | None,
    limit: int | None,
    seed: int,
    n_boot: int,
    fmt: str,
    output: str | None,
    lexicon_dirs: tuple[str, ...],
    model_paths: tuple[str, ...],
    text_column: str,
    split: str,
    allow_download: bool,
    quiet: bool,
    provenance_path: str | None,
    **generic: Any,
) -> None:
    """Benchmark framing against a labeled set, beside its baselines.

    ADAPTER_OR_PATH is a built-in adapter (see --list; the sets are read from --datasets) or
    your own labeled data: a CSV/TSV/JSONL/Parquet file, a folder saved with save_to_disk, a
    folder of .txt files with --labels, or (with --allow-download) a hub name.

    Every table puts framing's score beside the majority class, the lexicon component only
    and the model component only (and VADER applied naively for sentiment), each with a 95%
    bootstrap interval. Binary checks call a class at threshold 0 (score in [-1, 1]); a score
    of exactly 0 makes no call and counts as an error (see coverage).

    Provenance (framing version, lexicon and model checksums, options, the set's sha256) is
    the "provenance" key of --format json, else FILE.provenance.json beside -o FILE, or
    --provenance FILE. A progress line (articles scored of the total, time left) goes to
    standard error on a terminal (-q: none).

    \b
    Examples:
      framing benchmark --list
      framing benchmark vader-groundtruth
      framing benchmark cn-state-media-headlines --limit 2000 --format json
      framing benchmark democracy-chinadaily-vs-nyt --model my_state_wire.json
      framing benchmark articles.csv --label-column outlet_type \\
          --positive state --negative wire --axis state_wire --group-column outlet
    """
    from framing.benchmark.loaders import preflight

    fmt = output_format(output)
    if target and generic.get("label_column"):
        preflight(target, allow_download=allow_download)  # fail fast, before heavy imports
    from framing.benchmark import ADAPTERS, generic_adapter, list_adapters, run_benchmark

    if list_only:
        rows = list_adapters()
        with open_output(output) as out:
            if fmt == "table":
                show_table(rows, ["adapter", "checks"], "framing benchmark adapters", out)
            elif fmt == "json":
                out.write(json.dumps(rows, indent=2) + "\n")
            else:
                _write(rows, list(rows[0]), "csv", out)
        return
    if not target:
        raise UsageError("Name an adapter or a labeled file (see framing benchmark --list).")
    given = [name for name in GENERIC_OPTIONS if generic.get(name)]
    if target in ADAPTERS:
        if given:
            option = "--" + given[0].replace("_", "-")
            raise UsageError(
                f"{option} applies to your own labeled file, not to adapter {target!r}"
            )
        adapter: Any = target
    elif generic.get("label_column"):
        if not generic.get("axis"):
            raise UsageError("A labeled file needs --axis (e.g. --axis state_wire)")
        adapter = generic_adapter(
            target,
            label_column=generic["label_column"],
            positive=generic["positive"],
            negative=generic["negative"],
            axis=generic["axis"],
            pole=generic["pole"],
            text_column=text_column,
            title_column=generic["title_column"],
            group_column=generic["group_column"],
            labels_file=generic["labels"],
            split=split,
            allow_download=allow_download,
        )
    else:
        from pathlib import Path

        if Path(target).exists():
            raise UsageError(
                f"{target}: a labeled file needs --label-column, --positive, --negative and --axis"
            )
        raise UsageError(
            f"Unknown adapter and no such file or folder: {target!r}. "
            f"Adapters: {', '.join(ADAPTERS)}"
        )
    from framing.benchmark import get_adapter
    from framing.benchmark.run import make_scorer
    from framing.run.files import locked

    check_outputs([target], {"--output": output, "--provenance": provenance_path})
    with locked([output, provenance_path]):
        chosen = get_adapter(adapter) if isinstance(adapter, str) else adapter
        scorer = make_scorer(chosen, lexicon_dirs, model_paths)
        with progress_line("scoring", quiet=quiet) as tick:
            result = run_benchmark(
                chosen,
                datasets_dir=datasets_dir,
                limit=limit,
                seed=seed,
                n_boot=n_boot,
                lexicon_dirs=lexicon_dirs,
                scorer=scorer,
                progress=tick if tick else None,
            )
        provenance = provenance_for(
            "benchmark", inputs=[result.dataset], corpus=False, scorer=scorer
        )
        _write_result(result, fmt, output, provenance, provenance_path)


def _write_result(
    result: Any,
    fmt: str,
    output: str | None,
    provenance: dict[str, Any],
    provenance_path: str | None,
) -> None:
    if fmt == "json":  # the provenance is in the object
        write_json_object(result.to_dict(), output, provenance, provenance_path)
        return
    with open_output(
        output, provenance=provenance, fmt=fmt, provenance_path=provenance_path
    ) as out:
        if fmt == "csv":
            from framing.benchmark.results import LONG_COLUMNS

            _write(result.long_rows(), list(LONG_COLUMNS), "csv", out)
        else:
            _render_table(result, out)
