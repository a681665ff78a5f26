"""``framing train``: fit a model on labeled texts, print its cross-validated metrics."""

from __future__ import annotations

from typing import Any

import click

from framing.cli.common import (
    check_outputs,
    handle_errors,
    lexicons_option,
    progress_line,
    provenance_for,
    quiet_option,
    seed_option,
)
from framing.cli.main import main


def render_metrics(metrics: dict[str, Any]) -> str:
    """The cross-validation summary as plain text lines (model beside its baselines)."""
    lines = [
        f"{metrics['n_splits']}-fold cross-validation (seed {metrics['seed']}), "
        f"{metrics['n']} texts, out-of-fold:"
    ]
    rows = [("model", metrics["model"])] + [
        (k, v) for k, v in metrics.items() if k.startswith("dummy_")
    ]
    keys = [k for k in rows[0][1] if k != "per_label_f1"]
    lines.append("  " + f"{'':22}" + "".join(f"{k:>19}" for k in keys))
    for name, m in rows:
        lines.append("  " + f"{name:22}" + "".join(f"{m[k]:>19.3f}" for k in keys))
    per = metrics["model"].get("per_label_f1")
    if per:
        lines.append("  F1 per label (model):")
        lines += [f"    {label:48} {f1:.3f}" for label, f1 in per.items()]
    return "\n".join(lines)


def _languages(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> Any:
    """--language values as ISO 639-1 codes, refused before any data is read."""
    for code in value:
        if "," in code:
            raise click.BadParameter(
                f"{code!r}: give one code per option (--language fr --language en)"
            )
        if len(code) != 2 or not code.isascii() or not code.isalpha() or not code.islower():
            raise click.BadParameter(
                f"{code!r} is not an ISO 639-1 code (two lower-case letters: en, fr, zh)"
            )
    if len(set(value)) != len(value):
        raise click.BadParameter(f"{', '.join(value)}: a language is given twice")
    return value


@main.command()
@click.argument("data", type=click.Path(exists=True))
@click.option("--text-column", default="text", show_default=True, help="Column with the text.")
@click.option("--label-column", default="label", show_default=True, help="Column with the label.")
@click.option("--axis", default=None, help="Train the model component of this axis (binary).")
@click.option("--frames", is_flag=True, help="Train a multi-label frames model.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="Where to write the model file (JSON; written atomically, never over DATA).",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    default=("en",),
    show_default=True,
    metavar="CODE",
    callback=_languages,
    help="ISO 639-1 code of the texts' language, written into the model file; repeat the "
    "option for several (--language fr --language en). Articles in other languages are "
    "left unscored by this model's runs.",
)
@click.option("--cv", default=5, show_default=True, type=click.IntRange(min=2), help="Folds.")
@seed_option("Seed of the folds.")
@lexicons_option
@quiet_option
@handle_errors
def train(
    data: str,
    text_column: str,
    label_column: str,
    axis: str | None,
    frames: bool,
    out: str,
    languages: tuple[str, ...],
    cv: int,
    seed: int,
    lexicon_dirs: tuple[str, ...],
    quiet: bool,
) -> None:
    """Train a model on DATA and write it to --out; prints cross-validated metrics.

    DATA is a CSV/TSV file, a JSON Lines file, or a folder saved with the `datasets`
    library's save_to_disk. With --axis AXIS the labels are the axis's two pole ids (see
    `framing lexicons show AXIS`) or two numbers (the larger is the positive pole). With
    --frames each label is a list of frame names, or names separated by , or ;.
    --language (default en; repeat it for several) records the texts' language in the
    file: scoring leaves articles in other languages unscored, with a warning.

    The model's provenance (framing version, the data's sha256, options, the lexicon that
    names the poles) is written beside it as OUT.provenance.json. A progress line (folds
    done of --cv + 1, time left) goes to standard error on a terminal (-q: none).

    \b
    Examples:
      framing train labeled.csv --axis state_wire --out state_wire.json
      framing score articles/ --model state_wire.json
      framing train frames.jsonl --label-column frames --frames --out frames.json
    """
    from framing.run.files import locked

    check_outputs([data], {"--out": out})  # before the training, which takes minutes
    with locked([out]):
        _train(
            data, text_column, label_column, axis, frames, out, languages, cv, seed,
            lexicon_dirs, quiet,
        )  # fmt: skip


def _train(
    data: str,
    text_column: str,
    label_column: str,
    axis: str | None,
    frames: bool,
    out: str,
    languages: tuple[str, ...],
    cv: int,
    seed: int,
    lexicon_dirs: tuple[str, ...],
    quiet: bool,
) -> None:
    from pathlib import Path

    from framing.models.train import train_file
    from framing.run.files import atomic_path
    from framing.run.provenance import companion

    lexicons = {}
    if axis is not None:
        from framing.axes.lexicon import get_lexicon

        lexicons[axis] = get_lexicon(axis, lexicon_dirs)
    provenance = provenance_for("train", inputs=[data], corpus=False, lexicons=lexicons)
    steps = "steps (folds, then the fit)"
    with progress_line("training", quiet=quiet, unit=steps, total=cv + 1) as tick:
        result = train_file(
            data,
            text_column=text_column,
            label_column=label_column,
            frames=frames,
            axis=axis,
            lexicon_dirs=lexicon_dirs,
            cv=cv,
            seed=seed,
            progress=tick if tick else None,
            languages=languages,
        )
    with atomic_path(out, companion=companion(provenance, fmt="model")) as tmp:
        result.save(tmp)
    path = Path(out)
    click.echo(render_metrics(result.metrics))
    click.echo(f"Wrote {path} ({path.stat().st_size / 1000:.0f} kB).")
