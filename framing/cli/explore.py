"""``framing terms``, ``framing kwic``, ``framing collocations``: beyond the lexicon."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

from framing.cli.common import (
    check_outputs,
    format_option,
    handle_errors,
    lexicons_option,
    output_format,
    output_option,
    paths_argument,
    text_column_option,
)
from framing.cli.main import main
from framing.records import Skipped

by_option = click.option(
    "--by",
    default="outlet",
    show_default=True,
    help="Metadata field whose values are the groups: outlet, outlet_type, or any field.",
)
top_option = click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Terms shown per group.",
)
keep_names_option = click.option(
    "--keep-outlet-names",
    is_flag=True,
    help="Do not mask outlet names and self-references before counting.",
)


def render_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    output: str | None,
    heading: str = "",
) -> int:
    """Rows in ``fmt`` to ``output`` (atomically) or standard output, a table under
    ``heading``; returns the count."""
    from framing.cli.common import open_output, show_table
    from framing.run.output import RowWriter

    with open_output(output) as out:
        if fmt == "table":
            table = list(rows)
            if heading:
                out.write(heading + "\n")
            show_table(table, columns, "", out)
            return len(table)
        writer = RowWriter(out, fmt, columns=columns)
        for row in rows:
            writer.write(row)
        writer.close()
        return writer.count


def finish(skipped: list[Skipped]) -> None:
    """List unreadable inputs on standard error and exit 1 (the good rows were written)."""
    if skipped:
        click.echo(f"framing: skipped {len(skipped)} unreadable input(s):", err=True)
        for item in skipped:
            click.echo(f"  {item}", err=True)
        sys.exit(1)


def _read(paths: tuple[str, ...], text_column: str, skipped: list[Skipped]) -> Any:
    from framing.corpus.read import read_corpus

    return read_corpus(paths, text_column=text_column, on_skip=skipped.append)


@main.command()
@paths_argument
@by_option
@click.option(
    "--ngrams",
    type=click.Choice(["1", "2", "1,2"]),
    default="1,2",
    show_default=True,
    help="Unigrams, bigrams, or both.",
)
@click.option(
    "--min-count",
    default=5,
    show_default=True,
    type=click.IntRange(1),
    help="Rank only terms seen this often in the whole corpus.",
)
@click.option(
    "--alpha0",
    default=1000.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Weight of the prior (pseudo-words shared out as the pooled corpus's frequencies).",
)
@top_option
@keep_names_option
@format_option
@output_option
@text_column_option
@handle_errors
def terms(
    paths: tuple[str, ...],
    by: str,
    ngrams: str,
    min_count: int,
    alpha0: float,
    top: int,
    keep_outlet_names: bool,
    fmt: str,
    output: str | None,
    text_column: str,
) -> None:
    """The words and phrases that set each group apart (any word, not only lexicon entries).

    Per group (--by), every unigram and bigram (stopwords and numbers left out; a bigram
    never spans two sentences or a stopword) ranked by the z-score of its weighted
    log-odds ratio against all other groups, with an informative Dirichlet prior from the
    pooled corpus (Monroe, Colaresi & Quinn 2008). z > 1.96: reliably more frequent in this
    group. count: in the group; rest: in the others. Outlet names are masked first.

    \b
    Examples:
      framing terms corpus/ --by outlet_type
      framing terms a.jsonl b.jsonl --by outlet --ngrams 2 --min-count 10 --format csv
    """
    from framing.comparison.vocabulary import NGRAMS, distinctive_terms

    fmt = output_format(output)
    check_outputs(paths, {"--output": output})
    skipped: list[Skipped] = []
    found, grouped = distinctive_terms(
        _read(paths, text_column, skipped),
        by=by,
        ngrams=NGRAMS[ngrams],
        min_count=min_count,
        top=top,
        alpha0=alpha0,
        mask_outlets=not keep_outlet_names,
    )
    rows = [t.to_dict(by) for t in found]
    groups = ", ".join(f"{g} {n}" for g, n in sorted(grouped.articles.items()))
    heading = f"Distinctive terms by {by} (log-odds z vs the other groups); articles: {groups}"
    if fmt == "table":
        for row in rows:
            row["z"] = f"{row['z']:+.2f}"
            row["log_odds"] = f"{row['log_odds']:+.3f}"
    render_rows(rows, [by, "term", "count", "rest", "log_odds", "z"], fmt, output, heading)
    if len(grouped.articles) < 2:
        click.echo(f"note: one group only ({by}): nothing to set it apart from", err=True)
    finish(skipped)


@main.command()
@click.argument("term")
@paths_argument
@click.option(
    "--width",
    default=40,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Characters of context on each side.",
)
@click.option(
    "--limit",
    default=None,
    type=click.IntRange(1),
    help="At most this many lines [default: all].",
)
@click.option(
    "--axis",
    default=None,
    help="The axis whose negation rule marks `negated` [default: the axis listing TERM as an"
    " entry, else the first whose negation is on].",
)
@lexicons_option
@format_option
@output_option
@text_column_option
@handle_errors
def kwic(
    term: str,
    paths: tuple[str, ...],
    width: int,
    limit: int | None,
    axis: str | None,
    lexicon_dirs: tuple[str, ...],
    fmt: str,
    output: str | None,
    text_column: str,
) -> None:
    """Keyword in context: every match of TERM with its left and right context.

    TERM is written as a lexicon entry and matched by the scorer's matcher on the scorer's
    text (title, then body): a word (spy), a wildcard (spy*), a phrase ("national
    security", "data harvest*"), or a regular expression ('re:\\bbanned from\\b').
    Each line gives the article's id, outlet and date; negated: the scorer marks the match
    negated under the negation rule of --axis (a negator before it, or a dismissal before
    or after it; two negators cancel where that rule says so).

    \b
    Examples:
      framing kwic "exchange*" corpus/
      framing kwic "national security" corpus/ --width 60 --format csv -o kwic.csv
      framing kwic 're:\\bbanned from\\b' corpus.jsonl --format jsonl
    """
    from itertools import islice

    from framing.axes.lexicon import load_lexicons
    from framing.comparison.concordance import kwic as find
    from framing.comparison.concordance import rule_axis, shown

    fmt = output_format(output)
    check_outputs(paths, {"--output": output})
    rules = rule_axis(term, load_lexicons(lexicon_dirs), axis)
    skipped: list[Skipped] = []
    found = find(term, _read(paths, text_column, skipped), width=width, rules=rules)
    lines = (line.to_dict() for line in islice(found, limit))
    columns = ["id", "outlet", "date", "left", "match", "right", "negated"]
    if fmt == "table":
        rows = list(lines)
        for row in rows:
            row["left"] = row["left"].rjust(width)
            row["negated"] = "negated" if row["negated"] else ""
        count = render_rows(rows, columns, fmt, output)
    else:
        count = render_rows(lines, columns, fmt, output)
    if not count:
        click.echo(f"note: no match of {shown(term)}", err=True)
    finish(skipped)


@main.command()
@paths_argument
@by_option
@click.option(
    "--measure",
    type=click.Choice(["pmi", "llr"]),
    default="llr",
    show_default=True,
    help="pmi: pointwise mutual information (favours rare pairs); llr: likelihood ratio.",
)
@click.option(
    "--min-count",
    default=3,
    show_default=True,
    type=click.IntRange(1),
    help="Keep bigrams seen this often in the group.",
)
@top_option
@keep_names_option
@format_option
@output_option
@text_column_option
@handle_errors
def collocations(
    paths: tuple[str, ...],
    by: str,
    measure: str,
    min_count: int,
    top: int,
    keep_outlet_names: bool,
    fmt: str,
    output: str | None,
    text_column: str,
) -> None:
    """Word pairs that occur together more than chance, per group (nltk's collocation finder).

    Per group (--by): nltk's BigramCollocationFinder over each sentence's words (stopwords
    and numbers left out, a pair never joins across one), bigrams seen --min-count times or
    more, scored by PMI or the likelihood ratio. Outlet names are masked first.

    \b
    Examples:
      framing collocations corpus/ --by outlet --measure llr
      framing collocations corpus.jsonl --by outlet_type --measure pmi --min-count 5
    """
    from framing.comparison.vocabulary import collocations as find

    fmt = output_format(output)
    check_outputs(paths, {"--output": output})
    skipped: list[Skipped] = []
    found, grouped = find(
        _read(paths, text_column, skipped),
        by=by,
        measure=measure,
        min_count=min_count,
        top=top,
        mask_outlets=not keep_outlet_names,
    )
    rows = [c.to_dict(by, measure) for c in found]
    groups = ", ".join(f"{g} {n}" for g, n in sorted(grouped.articles.items()))
    heading = f"Collocations by {by} ({measure}, min count {min_count}); articles: {groups}"
    if fmt == "table":
        for row in rows:
            row[measure] = f"{row[measure]:.2f}"
    render_rows(rows, [by, "bigram", "count", measure], fmt, output, heading)
    finish(skipped)
