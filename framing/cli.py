"""The ``framing`` command: a thin shell over the library.

Each command parses its options, makes one library call, and renders rows. Library errors
become one line on standard error: ``UsageError`` exits 2, any other ``FramingError`` exits 1.
A batch that skipped unreadable inputs still writes every good row, lists what it skipped on
standard error, and exits 1.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

import click

from framing import __version__
from framing.errors import FramingError, UsageError
from framing.output import FORMATS, RowWriter, plain_table, rich_table

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """A one-line error with a chosen exit status (no usage block, no traceback)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def handle_errors(func: F) -> F:
    """Map the library's error family onto exit statuses."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            raise CommandError(str(exc), 2) from None
        except FramingError as exc:
            raise CommandError(str(exc), 1) from None

    return wrapper  # type: ignore[return-value]


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` written atomically (a temporary file renamed at the end)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError(f"--output {path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".framing-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _report_skipped(skipped: Sequence[Any], total: int) -> None:
    if not skipped:
        return
    click.echo(
        f"framing: skipped {len(skipped)} of {total} inputs (every other article was scored):",
        err=True,
    )
    for item in skipped:
        click.echo(f"  {item}", err=True)


def _show_table(
    rows: list[dict[str, Any]], columns: Sequence[str], title: str, out: TextIO
) -> None:
    if out is sys.stdout and _stdout_is_terminal():
        from rich.console import Console

        Console().print(rich_table(rows, columns, title=title))
    else:
        out.write(plain_table(rows, columns))


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table: readable (rich on a terminal, plain in a pipe); csv/tsv/jsonl/json: every column.",
)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="Write to FILE (atomically) instead of standard output.",
)
lexicons_option = click.option(
    "--lexicons",
    "lexicon_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Folder of extra lexicon *.yaml files (adds axes; same id replaces). Repeatable.",
)
text_column_option = click.option(
    "--text-column",
    default="text",
    show_default=True,
    help="Column/field holding the article text in CSV and JSONL inputs.",
)
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure how news outlets frame a story.

    Scores articles on framing axes (lexicons with evidence), and sentence sentiment
    (VADER), then compares outlets.

    \b
    Examples:
      framing compare seeds/
      framing score seeds/ --format jsonl --evidence
      framing lexicons list
    """


@main.command()
@paths_argument
@format_option
@output_option
@click.option(
    "--evidence", is_flag=True, help="Add an evidence column: matched terms with sentences."
)
@lexicons_option
@text_column_option
@handle_errors
def score(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    evidence: bool,
    lexicon_dirs: tuple[str, ...],
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
        paths, lexicon_dirs=lexicon_dirs, text_column=text_column, skipped=skipped
    )
    with _open_output(output) as out:
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
            _show_table(rows, columns, "framing score", out)
            count = len(rows)
        else:
            writer = RowWriter(out, fmt)
            for s in scores:
                writer.write(s.to_dict(evidence=evidence))
            writer.close()
            count = writer.count
    _report_skipped(skipped, count + len(skipped))
    if skipped:
        sys.exit(1)


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

    skipped: list[Any] = []
    result = run_compare(
        paths,
        by=by,
        n_boot=n_boot,
        seed=seed,
        top_terms=top_terms,
        lexicon_dirs=lexicon_dirs,
        skipped=skipped,
    )
    rows = result.rows()
    with _open_output(output) as out:
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
            _show_table(display, columns, f"framing compare (by {by}; 95% bootstrap CI)", out)
        else:
            writer = RowWriter(out, fmt)
            for row in rows:
                writer.write(row)
            writer.close()
    n_scored = sum(g.n for g in result.groups)
    _report_skipped(skipped, n_scored + len(skipped))
    if skipped:
        sys.exit(1)


@main.group()
def lexicons() -> None:
    """List, show and check lexicon files.

    \b
    Examples:
      framing lexicons list
      framing lexicons show state_wire
      framing lexicons check my_axis.yaml
    """


@lexicons.command("list")
@lexicons_option
@format_option
@handle_errors
def lexicons_list(lexicon_dirs: tuple[str, ...], fmt: str) -> None:
    """The loaded axes with version, poles, size and file.

    \b
    Example:
      framing lexicons list --lexicons my_axes/
    """
    from framing.lexicon import load_lexicons

    rows = [lex.summary() for lex in load_lexicons(lexicon_dirs).values()]
    if fmt == "table":
        _show_table(rows, list(rows[0]), "framing lexicons", sys.stdout)
    else:
        writer = RowWriter(sys.stdout, fmt)
        for row in rows:
            writer.write(row)
        writer.close()


@lexicons.command("show")
@click.argument("axis")
@lexicons_option
@format_option
@handle_errors
def lexicons_show(axis: str, lexicon_dirs: tuple[str, ...], fmt: str) -> None:
    """Every entry of one axis: pole, term, weight, line.

    \b
    Example:
      framing lexicons show threat_exchange --format csv
    """
    from framing.lexicon import get_lexicon

    lex = get_lexicon(axis, lexicon_dirs)
    rows = [
        {"pole": e.pole, "term": e.text, "weight": e.weight, "line": e.line} for e in lex.entries
    ]
    if fmt == "table":
        click.echo(f"{lex.id} {lex.version}: {lex.description}")
        click.echo(f"  -1 {lex.negative.id}: {lex.negative.label}")
        click.echo(f"  +1 {lex.positive.id}: {lex.positive.label}")
        click.echo(f"  file: {lex.path}")
        _show_table(rows, ["pole", "term", "weight", "line"], lex.id, sys.stdout)
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
    from framing.lexicon import check_lexicon, load_lexicon

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
