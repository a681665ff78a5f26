"""Read a ``framing score`` output back as ``ArticleScore`` records, to compare without rescoring.

``framing compare --scores FILE`` and ``compare_scores(read_scores(path))`` group and test the
rows of a file that ``framing score`` wrote (``.jsonl``/``.ndjson`` (.gz), ``.json``,
``.csv``/``.tsv``, ``.parquet``). What a row gives back:

- axes: every column ``X`` with an ``X_no_hits`` column beside it, its poles from the two
  ``X_<pole>_hits`` columns (in file order: negative, then positive);
- sentiment (``sentiment_*``), frame probabilities (``frame_*``), ``n_tokens``, metadata
  (every other column; numbers stay numbers, so ``--measure`` and ``--by`` work as on texts);
- the ``evidence`` column of ``framing score --evidence`` when present: matched terms and
  their sentences, so distinctive terms and keyword-in-context lines come back too;
- a text column (``text``, or ``text_column``) when present: syndication can then be detected.

Without evidence there are no distinctive terms; without texts there are no syndication
clusters (``has_text`` / ``has_evidence`` say which the file had). The rows are read one at a
time (Parquet files a batch at a time; JSON arrays whole), each turned into an
``ArticleScore`` and dropped once ``compare`` has taken its numbers, so comparing a
million-row file holds its measures as columns, not its rows. ``compare_scores_file`` does
not read the columns a comparison never uses (``title``, ``url``, ``frames``, ``origin``,
``provenance``) unless ``--by`` or ``--measure`` names them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.corpus.rows import SUFFIXES, read_rows, table_suffix
from framing.errors import InputError
from framing.records import Article, ArticleScore, AxisScore, Hit, Sentiment

if TYPE_CHECKING:
    from framing.comparison.compare import Comparison

_ARTICLE = ("id", "outlet", "outlet_type", "title", "date", "url", "outlet_inferred", "language")
_FIXED = {*_ARTICLE, "n_tokens", "n_sentences", "frames", "evidence"}
_SENTIMENT = ("compound", "pos_share", "neg_share", "neu_share")
#: Columns of a ``framing score`` output that a comparison does not use (unless named by
#: ``by`` or ``measures``): not read by ``compare_scores_file``.
UNUSED_BY_COMPARE = frozenset({"title", "url", "frames", "origin", "provenance"})
_WHAT = "a `framing score` output (framing score PATH... -o scores.jsonl)"


@dataclass
class ScoresFile:
    """What a scores file held, filled in while it is read."""

    path: str
    text_column: str = "text"
    has_text: bool = False
    has_evidence: bool = False
    rows: int = 0
    drop: frozenset[str] = frozenset()  # columns not read

    def __iter__(self) -> Iterator[ArticleScore]:
        return read_scores(self)


def _records(path: Path, drop: frozenset[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    suffix = table_suffix(path)
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: --scores reads {', '.join(SUFFIXES)}, not {suffix or 'a file without suffix'}"
        )
    return read_rows(path, what=_WHAT, drop=drop)


def _axes(columns: list[str]) -> dict[str, tuple[str, str]]:
    """Axis -> (negative pole, positive pole), from the ``X`` / ``X_no_hits`` columns."""
    out = {}
    for name in columns:
        if f"{name}_no_hits" not in columns:
            continue
        poles = [
            c[len(name) + 1 : -len("_hits")]
            for c in columns
            if c.startswith(f"{name}_") and c.endswith("_hits") and c != f"{name}_no_hits"
        ]
        if len(poles) == 2:
            out[name] = (poles[0], poles[1])
    return out


def _float(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _score(row: dict[str, Any], axes: dict[str, tuple[str, str]], text_column: str) -> ArticleScore:
    measured = set(_FIXED) | {text_column}
    axis_scores = {}
    evidence = row.get("evidence")
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    sentences: dict[int, str] = {}
    for name, (neg, pos) in axes.items():
        cols = [name, f"{name}_lexicon", f"{name}_model", f"{name}_no_hits"]
        cols += [f"{name}_{p}_{k}" for p in (neg, pos) for k in ("hits", "weight", "per_1k")]
        measured.update(cols)
        hits = []
        for h in (evidence or {}).get(name, []):
            sentences[int(h["sentence"])] = str(h.get("text", ""))
            hits.append(
                Hit(str(h["term"]), str(h["matched"]), str(h["pole"]), float(h["weight"]),
                    int(h["sentence"]), bool(h.get("negated")), str(h.get("counted_for") or ""))
            )  # fmt: skip
        model = row.get(f"{name}_model")
        axis_scores[name] = AxisScore(
            axis=name, negative_pole=neg, positive_pole=pos,
            score=_float(row.get(name)), lexicon=_float(row.get(f"{name}_lexicon")),
            model=None if model is None else float(model),
            negative_hits=int(row.get(f"{name}_{neg}_hits") or 0),
            positive_hits=int(row.get(f"{name}_{pos}_hits") or 0),
            negative_weight=_float(row.get(f"{name}_{neg}_weight")),
            positive_weight=_float(row.get(f"{name}_{pos}_weight")),
            negative_per_1k=_float(row.get(f"{name}_{neg}_per_1k")),
            positive_per_1k=_float(row.get(f"{name}_{pos}_per_1k")),
            no_hits=bool(row.get(f"{name}_no_hits")), evidence=tuple(hits),
        )  # fmt: skip
    frames = {}
    for key, value in row.items():
        if key.startswith("frame_") and value is not None:
            frames[key[len("frame_") :]] = float(value)
            measured.add(key)
    compound, pos_share, neg_share, neu_share = (
        _float(row.get(f"sentiment_{k}")) for k in _SENTIMENT
    )
    sentiment = Sentiment(
        compound, pos_share, neg_share, neu_share, int(row.get("n_sentences") or 0)
    )
    measured.update(f"sentiment_{k}" for k in _SENTIMENT)
    meta = {k: v for k, v in row.items() if k not in measured}
    article = Article(
        id=str(row["id"]),
        text=str(row.get(text_column) or ""),
        outlet=str(row.get("outlet") or "unknown"),
        outlet_type=str(row.get("outlet_type") or "unknown"),
        title=str(row.get("title") or ""),
        date=str(row.get("date") or ""),
        url=str(row.get("url") or ""),
        outlet_inferred=bool(row.get("outlet_inferred")),
        meta=meta,
        language=str(row.get("language") or ""),
    )
    ordered = tuple(sentences.get(i, "") for i in range(max(sentences, default=-1) + 1))
    predicted = tuple(p for p in str(row.get("frames") or "").split(";") if p)
    return ArticleScore(
        article=article,
        n_tokens=int(row.get("n_tokens") or 0),
        n_sentences=int(row.get("n_sentences") or 0),
        axes=axis_scores,
        sentiment=sentiment,
        frames=frames,
        frames_predicted=predicted,
        sentences=ordered,
    )


def read_scores(source: ScoresFile | str) -> Iterator[ArticleScore]:
    """The rows of a ``framing score`` output as ``ArticleScore`` records (see the module)."""
    info = source if isinstance(source, ScoresFile) else ScoresFile(str(source))
    path = Path(info.path)
    if not path.is_file():
        raise InputError(f"--scores {path}: no such file; write one with {_WHAT}")
    return scores_of(_records(path, info.drop), info, str(path))


def scores_of(
    records: Iterator[tuple[int, dict[str, Any]]], info: ScoresFile, where: str
) -> Iterator[ArticleScore]:
    """``ArticleScore`` records from (row number, row) pairs of a scores table; ``where``
    names the table in messages."""
    axes: dict[str, tuple[str, str]] | None = None
    for number, row in records:
        if axes is None:
            columns = list(row)
            missing = [c for c in ("id", "sentiment_compound") if c not in columns]
            axes = _axes(columns)
            if missing or not axes:
                what = ", ".join(missing) if missing else "axis (X with X_no_hits)"
                raise InputError(
                    f"{where}: no {what} column: not {_WHAT}; --scores needs its rows, every column"
                )
            info.has_evidence = "evidence" in columns
        info.has_text = info.has_text or bool(row.get(info.text_column))
        try:
            score = _score(row, axes, info.text_column)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"{where}:{number}: a row that is not {_WHAT} ({type(exc).__name__}: {exc})"
            ) from None
        info.rows += 1
        yield score
    if axes is None:
        raise InputError(f"{where}: no rows; expected {_WHAT}")


def is_scores_table(columns: list[str]) -> bool:
    """True for the columns of a ``framing score`` output (``id``, ``sentiment_compound`` and
    an axis ``X`` with ``X_no_hits``)."""
    return "id" in columns and "sentiment_compound" in columns and bool(_axes(columns))


def compare_scores_file(
    path: str | Path, *, text_column: str = "text", **options: Any
) -> Comparison:
    """Compare the rows of a ``framing score`` output without scoring again.

    ``options`` are ``compare_scores``'s. The numbers equal ``compare`` on the corpus the file
    was scored from, with two exceptions the result says in its ``warnings``: without an
    ``evidence`` column (``framing score --evidence``) there are no distinctive terms, and
    without a text column syndicated copies cannot be found, so every article counts.
    """
    from dataclasses import replace

    from framing.comparison.compare import compare_scores

    wanted = {options.get("by") or "outlet", *options.get("measures", ())}
    drop = UNUSED_BY_COMPARE - wanted - {text_column}
    info = ScoresFile(str(path), text_column=text_column, drop=frozenset(drop))
    result = compare_scores(iter(info), **options)
    notes = list(result.warnings)
    if not info.has_evidence:
        notes.append(
            f"--scores {path}: no evidence column, so no distinctive terms"
            " (score with --evidence to have them)"
        )
    if not info.has_text:
        notes.append(
            f"--scores {path}: no {text_column!r} column, so syndicated copies were not"
            " detected and every article counts"
        )
    return replace(
        result,
        warnings=tuple(notes),
        source=f"scores file {path}",
        dedupe=result.dedupe and info.has_text,
    )


__all__ = ["ScoresFile", "compare_scores_file", "is_scores_table", "read_scores", "scores_of"]
