"""``framing train``: fit a model on labeled texts, print its cross-validated metrics."""

from __future__ import annotations

from typing import Any

import click

from framing.cli.common import check_outputs, handle_errors, lexicons_option, seed_option
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
@click.option("--cv", default=5, show_default=True, type=click.IntRange(min=2), help="Folds.")
@seed_option("Seed of the folds.")
@lexicons_option
@handle_errors
def train(
    data: str,
    text_column: str,
    label_column: str,
    axis: str | None,
    frames: bool,
    out: str,
    cv: int,
    seed: int,
    lexicon_dirs: tuple[str, ...],
) -> None:
    """Train a model on DATA and write it to --out; prints cross-validated metrics.

    DATA is a CSV/TSV file, a JSON Lines file, or a folder saved with the `datasets`
    library's save_to_disk. With --axis AXIS the labels are the axis's two pole ids (see
    `framing lexicons show AXIS`) or two numbers (the larger is the positive pole). With
    --frames each label is a list of frame names, or names separated by , or ;.

    \b
    Examples:
      framing train labeled.csv --axis state_wire --out state_wire.json
      framing score articles/ --model state_wire.json
      framing train frames.jsonl --label-column frames --frames --out frames.json
    """
    from framing.run.files import locked

    check_outputs([data], {"--out": out})  # before the training, which takes minutes
    with locked([out]):
        _train(data, text_column, label_column, axis, frames, out, cv, seed, lexicon_dirs)


def _train(
    data: str,
    text_column: str,
    label_column: str,
    axis: str | None,
    frames: bool,
    out: str,
    cv: int,
    seed: int,
    lexicon_dirs: tuple[str, ...],
) -> None:
    from pathlib import Path

    from framing.models.train import train_file
    from framing.run.files import atomic_path

    result = train_file(
        data,
        text_column=text_column,
        label_column=label_column,
        frames=frames,
        axis=axis,
        lexicon_dirs=lexicon_dirs,
        cv=cv,
        seed=seed,
    )
    with atomic_path(out) as tmp:
        result.save(tmp)
    path = Path(out)
    click.echo(render_metrics(result.metrics))
    click.echo(f"Wrote {path} ({path.stat().st_size / 1000:.0f} kB).")
