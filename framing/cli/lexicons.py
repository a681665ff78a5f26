"""``framing lexicons list|show|check``."""

from __future__ import annotations

import sys

import click

from framing.cli.common import (
    CommandError,
    format_option,
    handle_errors,
    lexicons_option,
    show_table,
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
@format_option
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
