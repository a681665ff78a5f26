"""``framing compare``: groups, contrasts, distinctive terms, syndication clusters, report."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from framing.cli.common import (
    MAX_N_PERM,
    check_outputs,
    corpus_options,
    drop_stale_sidecar,
    format_option_for,
    handle_errors,
    n_boot_option,
    not_written,
    open_output,
    output_format,
    output_option,
    progress_line,
    provenance_for,
    provenance_option,
    quiet_option,
    report_skipped,
    seed_option,
    write_provenance,
)
from framing.cli.main import main
from framing.errors import UsageError
from framing.run.checkpoint import ErrorReport
from framing.run.files import atomic_path, locked

COMPARE_FORMATS = ("table", "csv", "tsv", "jsonl", "json", "parquet", "markdown")
TABLES = ("groups", "contrasts", "terms", "clusters")


def _estimate(mean: Any, low: Any, high: Any) -> str:
    if mean is None:
        return ""
    if low is None:
        return f"{mean:+.2f}"
    return f"{mean:+.2f} [{low:+.2f}, {high:+.2f}]"


def _p(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.1e}" if value < 0.001 else f"{value:.3f}"  # no floor: 3.2e-25


def group_display(result: Any) -> list[dict[str, Any]]:
    """Groups for reading: n, each axis/frame/compound as ``mean [low, high]``, warning."""
    shown = [
        m
        for m in result.measures
        if m not in ("sentiment_pos_share", "sentiment_neg_share") and not m.startswith("frame_")
    ]
    rows = []
    for row in result.rows():
        out: dict[str, Any] = {result.by: row[result.by]}
        if result.every:
            out["period"] = row["period"]
        out["n"] = row["n"]
        if row["n_articles"] != row["n"]:
            out["n"] = f"{row['n']} ({row['n_articles']} art.)"
        for m in shown:
            out[m] = _estimate(row[m], row[f"{m}_low"], row[f"{m}_high"])
        out["warning"] = row["warning"]
        rows.append(out)
    return rows


def frame_display(result: Any) -> list[dict[str, Any]]:
    """Frame probabilities, one row per frame and a column per group (narrow on a screen)."""
    frames = [m for m in result.measures if m.startswith("frame_")]
    rows = result.rows()
    return [
        {
            "frame": m[len("frame_") :],
            # a group whose every article went unscored (language, no words) has no mean
            **{str(r[result.by]): "" if r[m] is None else f"{r[m]:.2f}" for r in rows},
        }
        for m in frames
    ]


def shown_contrasts(result: Any) -> list[dict[str, Any]]:
    """Contrasts worth reading: tested ones, on axes, frames and mean sentiment."""
    skip = ("sentiment_pos_share", "sentiment_neg_share")
    rows = [c for c in result.contrast_rows() if c["p"] is not None and c["measure"] not in skip]
    return sorted(rows, key=lambda c: c["family"] != "primary")  # the primary family first


def contrast_display(result: Any) -> list[dict[str, Any]]:
    """Contrasts for reading: a - b, difference [interval], p, adjusted p, d, delta."""
    rows = []
    for c in shown_contrasts(result):
        rows.append(
            {
                "measure": c["measure"],
                "family": c["family"],
                "contrast": f"{c['a']} - {c['b']}",
                "diff [95% CI]": _estimate(c["diff"], c["diff_low"], c["diff_high"]),
                "test": c["test"],
                "p": _p(c["p"]),
                f"p ({result.correction})": _p(c["p_adjusted"]),
                "d": "" if c["cohens_d"] is None else f"{c['cohens_d']:+.2f}",
                "cliff": "" if c["cliffs_delta"] is None else f"{c['cliffs_delta']:+.2f}",
                "warning": c["warning"],
            }
        )
    return rows


def term_display(result: Any, per_pole: int = 3) -> list[dict[str, Any]]:
    """Long rows (group, axis pole, terms) so the table stays narrow on any screen."""
    rows = []
    for g in result.groups:
        for axis, poles in result.axes.items():
            for pole in poles:
                terms = g.top_terms.get(axis, {}).get(pole, [])[:per_pole]
                if not terms:
                    continue
                rows.append(
                    {
                        result.by: g.group,
                        "pole": f"{axis}: {pole}",
                        "terms": ", ".join(
                            f"{t.term} {round(t.count, 1):g}"
                            + ("" if t.z is None else f" (z={t.z:+.1f})")
                            for t in terms
                        ),
                    }
                )
    return rows


def render_terminal(result: Any, out: Any) -> None:
    """Groups, contrasts, distinctive terms and clusters: rich on a terminal, plain in a pipe."""
    from framing.cli.common import _stdout_is_terminal
    from framing.comparison.stats import tests_label
    from framing.run.output import plain_table, rich_table

    ded = "syndicated copies weighted once" if result.dedupe else "every article counted"
    contrasts = contrast_display(result)
    p_label = tests_label((c["test"] for c in contrasts), result.test)
    sections = [
        (f"Groups by {result.by}: mean [95% bootstrap CI] ({ded})", group_display(result)),
        ("Mean frame probability per group (frames model)", frame_display(result)),
        (
            f"Contrasts: difference of means, p ({p_label}), {result.correction}-adjusted"
            " p within each family, Cohen's d, Cliff's delta",
            contrasts,
        ),
        ("Distinctive terms (count, log-odds z vs the other groups)", term_display(result)),
    ]
    rich = out is sys.stdout and _stdout_is_terminal()
    console = None
    if rich:
        from rich.console import Console

        console = Console()
    for title, rows in sections:
        if not rows:
            continue
        columns = list(rows[0])
        if console is not None:
            console.print(rich_table(rows, columns, title=title))
        else:
            out.write(f"{title}\n{plain_table(rows, columns)}\n")
    lines = [
        f"cluster {c.id}: "
        + ", ".join(c.ids)
        + " ("
        + ", ".join(
            f"{lk.kind}, 5-shingle containment {lk.containment:.2f},"
            f" specifics Jaccard {lk.fact_jaccard:.2f}"
            for lk in c.links[:1]
        )
        + ")"
        for c in result.clusters
    ]
    text = "Syndication: " + ("; ".join(lines) if lines else "no near-duplicates found")
    untested = sum(1 for c in result.contrasts if c.p is None)
    if untested:
        text += (
            f"\nContrasts: {untested} of {len(result.contrasts)} have no test (a group with n<2);"
            " all are in --format csv --table contrasts"
        )
    for note in result.warnings:
        text += f"\nWarning: {note}"
    if result.n_undated:
        text += f"\nPeriods: {result.n_undated} articles had no readable date (period 'undated')"
    small = [g.group for g in result.groups if g.warnings and g.n < 5]
    if small:
        text += (
            f"\nWarning: {len(small)} group(s) with fewer than 5 observations; their intervals"
            " and contrasts are weak or missing: " + ", ".join(small)
        )
    if console is not None:
        console.print(text)
    else:
        out.write(text + "\n")


def _rows_for(result: Any, table: str, wide: bool) -> list[dict[str, Any]]:
    if table == "groups":
        return result.rows() if wide else result.tidy_rows()
    if table == "contrasts":
        return result.contrast_rows()
    if table == "terms":
        return result.term_rows()
    return result.cluster_rows()


@contextmanager
def _discard_on_error(report: ErrorReport) -> Iterator[None]:
    """No half-written --errors file when the comparison fails."""
    try:
        yield
    except BaseException:
        report.discard()
        raise


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--scores",
    "scores_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Compare the rows of a `framing score` output (csv/tsv/jsonl/json/parquet) instead"
    " of scoring PATHs. Distinctive terms need its evidence column (score --evidence),"
    " syndication a text column; without them every article counts and no terms are shown.",
)
@click.option(
    "--by",
    default="outlet",
    show_default=True,
    help="Group by outlet, outlet_type, or any metadata field.",
)
@click.option(
    "--every",
    type=click.Choice(["week", "month", "year"]),
    default=None,
    help="Also split groups by period of the date field (unreadable dates: 'undated').",
)
@format_option_for(
    COMPARE_FORMATS,
    "table: groups, contrasts, terms, clusters to read; files: one --table, tidy rows.",
)
@output_option
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="groups",
    show_default=True,
    help="Which table a file format writes.",
)
@click.option("--wide", is_flag=True, help="Groups table: one row per group (default: tidy).")
@click.option(
    "--report",
    type=click.Path(dir_okay=False),
    help="Also write an HTML report: a sentence per axis on what differs, plots of means and"
    " contrasts, then the tables, terms and clusters folded below.",
)
@seed_option("Seed of resampling and permutations.")
@n_boot_option(2000)
@click.option(
    "--n-perm",
    default=5000,
    show_default=True,
    type=click.IntRange(100, MAX_N_PERM),
    help="Permutations per test, 100 to 1,000,000 (exact when fewer relabelings exist).",
)
@click.option(
    "--correction",
    type=click.Choice(["holm", "bh", "none"]),
    default="holm",
    show_default=True,
    help="Multiple-comparison correction, within each family (primary: axes and mean"
    " sentiment; secondary: frames, sentiment shares, --measure columns).",
)
@click.option(
    "--test",
    type=click.Choice(["welch", "brunner-munzel", "permutation"]),
    default="welch",
    show_default=True,
    help="The test behind p (all three are in --table contrasts). Groups small enough to"
    " enumerate every relabeling always get the exact permutation p.",
)
@click.option("--reference", default=None, help="Contrast each group with this one only.")
@click.option(
    "--measure",
    "measures",
    multiple=True,
    help="Test only the named measures (repeatable): an axis, frame_*, sentiment_* or any"
    " numeric column of `framing score`; the families then hold only these.",
)
@click.option(
    "--no-dedupe",
    is_flag=True,
    help="Count every syndicated copy (default: a cluster counts once per group).",
)
@click.option("--top-terms", default=5, show_default=True, type=click.IntRange(min=0))
@click.option(
    "--resample-cap",
    default="5000",
    show_default=True,
    metavar="N",
    help="A group with more observations keeps exact means, differences, Welch p and"
    " Cohen's d, and computes intervals, permutation and Brunner-Munzel p and Cliff's delta"
    " on a seeded sample of N (rescaled to its size; noted in the warnings); 0: no cap, or"
    " at least 100. A scores file without texts or evidence then compares in flat memory.",
)
@quiet_option
@corpus_options
@provenance_option
@handle_errors
def compare(
    paths: tuple[str, ...],
    scores_path: str | None,
    by: str,
    every: str | None,
    fmt: str,
    output: str | None,
    table: str,
    wide: bool,
    report: str | None,
    seed: int,
    n_boot: int,
    n_perm: int,
    correction: str,
    test: str,
    reference: str | None,
    measures: tuple[str, ...],
    no_dedupe: bool,
    top_terms: int,
    resample_cap: str,
    quiet: bool,
    lexicon_dirs: tuple[str, ...],
    model_paths: tuple[str, ...],
    text_column: str,
    jobs: int | None,
    errors: str | None,
    provenance_path: str | None,
) -> None:
    """Compare groups of articles with intervals, tests, evidence and syndication.

    Per group (outlet, or --by field; --every week|month|year adds periods): n and the mean
    of each axis, frame probability and sentiment with a 95% bootstrap interval. Per pair of
    groups: difference of means with its interval, Welch, Brunner-Munzel and permutation
    p-values (--test picks the one adjusted with --correction, within its family), Cohen's d
    and Cliff's delta. Per group and pole: the most distinctive
    lexicon terms (log-odds with a Dirichlet prior) with keyword-in-context lines. Reprints
    and rewrites of one report are clustered and count once per group unless --no-dedupe.
    Groups under 5 observations are flagged, never dropped.

    Outputs (-o, --report, --errors) are checked before any scoring: none may be an input or
    inside an input folder, or be named twice, and each folder must take a new file. A run
    that fails or scores nothing leaves existing files as they were (exit status 1).

    Provenance (framing version, lexicon and model checksums, options, input checksums; with
    --scores, the scores file's own provenance as 'source') goes into the report, a Parquet
    file's metadata, or FILE.provenance.json beside -o FILE; --provenance FILE for standard
    output. A progress line with the total and the time left goes to standard error on a
    terminal (-q: none).

    \b
    Examples:
      framing compare seeds/ --report seeds.html
      framing compare corpus.jsonl --by outlet_type --every month --seed 1
      framing compare corpus.jsonl --format csv --table contrasts -o contrasts.csv
      framing compare corpus.jsonl --format parquet --wide -o groups.parquet
      framing compare corpus.jsonl --measure state_wire --reference Reuters
      framing score corpus.jsonl --evidence -o s.jsonl && framing compare --scores s.jsonl
    """
    fmt = output_format(output)
    if scores_path is not None and paths:
        raise UsageError("give PATH... to score or --scores FILE to read, not both")
    if scores_path is None and not paths:
        raise UsageError("give PATH... to score, or --scores FILE (a `framing score` output)")
    options: dict[str, Any] = {
        "resample_cap": _cap(resample_cap),
        "by": by,
        "every": every,
        "n_boot": n_boot,
        "n_perm": n_perm,
        "seed": seed,
        "top_terms": top_terms,
        "correction": correction,
        "dedupe": not no_dedupe,
        "reference": reference,
        "measures": measures,
        "text_column": text_column,
        "test": test,
    }
    if scores_path is None:
        options.update(lexicon_dirs=lexicon_dirs, model_paths=model_paths, jobs=jobs)
    if fmt == "parquet" and (output is None or output == "-"):
        raise UsageError("--format parquet writes a binary file: give --output FILE.parquet")
    outputs = {
        "--output": output,
        "--report": report,
        "--errors": errors,
        "--provenance": provenance_path,
    }
    inputs = (*paths, scores_path) if scores_path is not None else paths
    check_outputs(inputs, outputs)  # a bad output fails before any scoring
    with locked(outputs.values()):
        provenance = _provenance(paths, scores_path, lexicon_dirs, model_paths)
        _compare(
            paths, scores_path, fmt, output, table, wide, report, quiet, errors,
            provenance, provenance_path, **options,
        )  # fmt: skip


def _cap(value: str) -> int:
    """``--resample-cap`` as a number; the rule is the library's ``check_cap`` (one line,
    exit 2, when bad)."""
    from framing.comparison.sampling import MIN_RESAMPLE_CAP, check_cap

    try:
        return check_cap(int(value.strip()))
    except (ValueError, UsageError) as err:
        raise UsageError(
            f"--resample-cap must be 0 (no cap) or a whole number of at least"
            f" {MIN_RESAMPLE_CAP}, not {value!r}"
        ) from err


def _provenance(
    paths: tuple[str, ...],
    scores_path: str | None,
    lexicon_dirs: tuple[str, ...],
    model_paths: tuple[str, ...],
) -> dict[str, Any]:
    """Scoring texts: the scorer's lexicons and models; reading scores: that file's own
    provenance as ``source`` (lexicons and models are the ones it names)."""
    if scores_path is not None:
        from framing.run.provenance import read_provenance

        found = read_provenance(scores_path)
        source = found or {"note": f"{scores_path} carries no provenance"}
        return provenance_for("compare", inputs=[scores_path], corpus=False, source=source)
    from framing.scoring.scorer import as_dirs, shared_scorer

    scorer = shared_scorer(as_dirs(lexicon_dirs), as_dirs(model_paths))
    return provenance_for("compare", inputs=paths, scorer=scorer)


def _compare(
    paths: tuple[str, ...],
    scores_path: str | None,
    fmt: str,
    output: str | None,
    table: str,
    wide: bool,
    report: str | None,
    quiet: bool,
    errors: str | None,
    provenance: dict[str, Any],
    provenance_path: str | None,
    **options: Any,
) -> None:
    from framing.comparison.compare import compare as run_compare
    from framing.comparison.scores_file import compare_scores_file
    from framing.run.local import IdTally
    from framing.run.progress import count_articles

    error_report = ErrorReport(errors)
    skipped: list[Any] = []
    ids = IdTally()

    def total() -> int | None:
        return count_articles([scores_path] if scores_path is not None else paths)

    label = "reading scores" if scores_path is not None else "scoring"
    with (
        _discard_on_error(error_report),
        progress_line(label, quiet=quiet, total=total) as tick,
    ):
        progress = (lambda n: tick(n + len(skipped))) if tick else None
        if scores_path is not None:
            result = compare_scores_file(scores_path, progress=progress, **options)
        else:
            result = run_compare(paths, skipped=skipped, progress=progress, ids=ids, **options)
    for item in skipped:
        error_report.add(item)
    error_report.close()
    warning = ids.message()
    if warning:
        click.echo(f"framing: {warning}", err=True)
    if not result.n_articles:
        report_skipped(skipped, len(skipped), errors_path=errors)
        not_written([output, report])
    if fmt == "parquet":
        import json

        from framing.run.output import write_parquet
        from framing.run.provenance import PARQUET_KEY

        rows = _rows_for(result, table, wide)
        meta = {PARQUET_KEY: json.dumps({**provenance, "output": {"format": "parquet"}})}
        with atomic_path(output or "") as tmp:
            write_parquet(rows, tmp, metadata=meta)
        drop_stale_sidecar(output, provenance_path)
        if provenance_path is not None:
            write_provenance(provenance_path, provenance, fmt=fmt, output=output or "")
    else:
        with open_output(
            output, provenance=provenance, fmt=fmt, provenance_path=provenance_path
        ) as out:
            if fmt == "table":
                render_terminal(result, out)
            elif fmt == "markdown":
                from framing.run.output import markdown_table

                out.write(markdown_table(_rows_for(result, table, wide)))
            else:
                from framing.run.output import RowWriter

                writer = RowWriter(out, fmt)
                for row in _rows_for(result, table, wide):
                    writer.write(row)
                writer.close()
    if report:
        from framing.comparison.report import render_report

        html = render_report(result, provenance=provenance)
        with open_output(report) as handle:
            handle.write(html)
        drop_stale_sidecar(report, provenance_path)
        if not quiet:
            click.echo(f"framing: wrote report {report}", err=True)
    report_skipped(skipped, result.n_articles + len(skipped), errors_path=errors)
    if any(not getattr(item, "note", False) for item in skipped):
        sys.exit(1)
