"""``framing lexicons list|show|check``."""

from __future__ import annotations

import sys

import click

from framing.cli.common import (
    CommandError,
    check_outputs,
    format_option,
    handle_errors,
    lexicons_option,
    open_output,
    output_format,
    output_option,
    paths_argument,
    show_table,
    stdout_format_option,
    text_column_option,
)
from framing.cli.main import main
from framing.run.output import RowWriter


@main.group()
def lexicons() -> None:
    """List, show and check lexicon files.

    \b
    Examples:
      framing lexicons list
      framing lexicons show state_wire
      framing lexicons check my_axis.yaml
      framing lexicons diagnose threat_exchange corpus/
    """


@lexicons.command("list")
@lexicons_option
@stdout_format_option
@handle_errors
def lexicons_list(lexicon_dirs: tuple[str, ...], fmt: str) -> None:
    """The loaded axes with version, poles, size and file.

    \b
    Example:
      framing lexicons list --lexicons my_axes/
    """
    from framing.axes.lexicon import load_lexicons

    rows = [lex.summary() for lex in load_lexicons(lexicon_dirs).values()]
    if fmt == "table":
        show_table(rows, list(rows[0]), "framing lexicons", sys.stdout)
    else:
        writer = RowWriter(sys.stdout, fmt)
        for row in rows:
            writer.write(row)
        writer.close()


@lexicons.command("show")
@click.argument("axis")
@lexicons_option
@stdout_format_option
@handle_errors
def lexicons_show(axis: str, lexicon_dirs: tuple[str, ...], fmt: str) -> None:
    """Every entry of one axis: pole, term, weight, label, line.

    \b
    Example:
      framing lexicons show threat_exchange --format csv
    """
    from framing.axes.lexicon import get_lexicon

    lex = get_lexicon(axis, lexicon_dirs)
    rows = [
        {"pole": e.pole, "term": e.text, "weight": e.weight, "label": e.label, "line": e.line}
        for e in lex.entries
    ]
    if fmt == "table":
        click.echo(f"{lex.id} {lex.version}: {lex.description}")
        click.echo(f"  -1 {lex.negative.id}: {lex.negative.label}")
        click.echo(f"  +1 {lex.positive.id}: {lex.positive.label}")
        click.echo(f"  file: {lex.path}")
        show_table(rows, ["pole", "term", "weight", "label", "line"], lex.id, sys.stdout)
    else:
        writer = RowWriter(sys.stdout, fmt)
        for row in rows:
            writer.write(row)
        writer.close()


@lexicons.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@handle_errors
def lexicons_check(files: tuple[str, ...]) -> None:
    """Validate lexicon files; print every problem with its line number.

    Exits 0 when every file is valid, 1 otherwise.

    \b
    Example:
      framing lexicons check lexicons/*.yaml
    """
    from framing.axes.lexicon import check_lexicon, load_lexicon

    bad = 0
    for file in files:
        problems = check_lexicon(file)
        if problems:
            bad += 1
            for p in problems:
                click.echo(p, err=True)
        else:
            lex = load_lexicon(file)
            click.echo(f"{file}: ok ({lex.id} {lex.version}, {len(lex.entries)} entries)")
    if bad:
        raise CommandError(f"{bad} of {len(files)} lexicon files have problems", 1)


@lexicons.command("diagnose")
@click.argument("axis")
@paths_argument
@lexicons_option
@click.option(
    "--contexts",
    default=3,
    show_default=True,
    type=click.IntRange(0, 100),
    help="Sample contexts kept per entry.",
)
@click.option(
    "--many",
    default=8,
    show_default=True,
    type=click.IntRange(2),
    help="Flag a wildcard that matched this many distinct words or more.",
)
@click.option("--all", "show_all", is_flag=True, help="Table: every entry, not only those matched.")
@click.option(
    "--top",
    default=None,
    type=click.IntRange(1),
    help="Table: only the TOP entries with the most matches [default: all matched].",
)
@format_option
@output_option
@text_column_option
@handle_errors
def lexicons_diagnose(
    axis: str,
    paths: tuple[str, ...],
    lexicon_dirs: tuple[str, ...],
    contexts: int,
    many: int,
    show_all: bool,
    top: int | None,
    fmt: str,
    output: str | None,
    text_column: str,
) -> None:
    """What each entry of AXIS matches in a corpus, to find entries that over-match.

    Matching is the scorer's (the whole lexicon at once, negation and dismissal included),
    on the scorer's text. Per entry: matches, counted (not negated or dismissed), documents
    and their share, the distinct words or phrases matched with counts, sample contexts,
    and flags: "many forms" (a wildcard with --many distinct words or more), "proper noun?"
    (a wildcard's form capitalised mid-sentence, e.g. stern* -> Sternberg), "phrase?" (a
    word beside a quarter or more of the matches, e.g. exchange* -> exchange rate), "no
    match". Then the share of documents with no match at all.

    \b
    Examples:
      framing lexicons diagnose threat_exchange corpus/
      framing lexicons diagnose state_wire corpus.jsonl --format jsonl -o diagnosis.jsonl
    """
    from framing.axes.lexicon import get_lexicon
    from framing.cli.explore import finish, render_rows
    from framing.comparison.concordance import diagnose
    from framing.corpus.read import read_corpus
    from framing.records import Skipped

    fmt = output_format(output)
    lexicon = get_lexicon(axis, lexicon_dirs)
    check_outputs(paths, {"--output": output})
    skipped: list[Skipped] = []
    articles = read_corpus(paths, text_column=text_column, on_skip=skipped.append)
    result = diagnose(lexicon, articles, contexts=contexts, many=many)
    rows = result.rows()
    n = result.n_documents
    heading = (
        f"{result.axis} {result.version} on {n} documents: {result.no_match} "
        f"({result.no_match / n:.0%}) with no match, {result.no_counted} "
        f"({result.no_counted / n:.0%}) with no counted match"
    )
    columns = ["pole", "entry", "matches", "counted", "documents", "document_share",
               "distinct_forms", "forms", "flags", "contexts"]  # fmt: skip
    if fmt == "table":
        unmatched = [r["entry"] for r in rows if not r["matches"]]
        table = [
            {
                **r,
                "docs": f"{r['documents']} ({r['document_share']:.0%})",
                "forms": ", ".join(f"{k} {v}" for k, v in list(r["forms"].items())[:4])
                + (f" (+{r['distinct_forms'] - 4})" if r["distinct_forms"] > 4 else ""),
                "flags": "; ".join(f for f in r["flags"] if f != "no match"),
            }
            for r in rows
            if show_all or r["matches"]
        ][:top]
        cols = ["pole", "entry", "matches", "counted", "docs", "forms", "flags"]
        with open_output(output) as out:
            out.write(heading + "\n")
            show_table(table, cols, result.axis, out)
            shown = {(r["pole"], r["entry"]) for r in table}
            flagged = [
                r for r in rows if r["matches"] and r["flags"] and (r["pole"], r["entry"]) in shown
            ]
            for r in flagged:
                out.write(f"\n{r['pole']}: {r['entry']} ({'; '.join(r['flags'])})\n")
                for line in r["contexts"]:
                    out.write(f"  {line}\n")
            if unmatched and not show_all:
                more = f" and {len(unmatched) - 12} more (--all)" if len(unmatched) > 12 else ""
                out.write(f"\nno match ({len(unmatched)}): {', '.join(unmatched[:12])}{more}\n")
    else:
        for r in rows:
            r["flags"] = "; ".join(r["flags"]) if fmt in ("csv", "tsv") else r["flags"]
            r["contexts"] = " | ".join(r["contexts"]) if fmt in ("csv", "tsv") else r["contexts"]
        render_rows(rows, columns, fmt, output)
    finish(skipped)
