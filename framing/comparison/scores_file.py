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
time (Parquet files a batch at a time; JSON arrays whole). ``compare_scores_file`` does not
read the columns a comparison never uses (``title``, ``url``, ``frames``, ``origin``,
``provenance``) unless ``--by`` or ``--measure`` names them, and a file with neither an
evidence nor a text column (the usual ``framing score`` output) is read as numbers: each
row's group field, date, id and measures go straight into the groups' exact moments and
seeded samples (``framing.comparison.sampling``), with no ``ArticleScore`` built and nothing
kept per row beyond a group's sample of ``resample_cap`` rows, so a million-row file
compares in the memory of a small one (``benchmarks/compare_scale.py``). The numbers are
those of the ``ArticleScore`` path (same conversions; a row's other columns are checked only
with ``--measure``). With evidence or texts, each row is an ``ArticleScore``, dropped once
``compare`` has taken its numbers, term counts and signature: the measures are then held as
columns, a few bytes per row.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.comparison.observations import SENTIMENT_MEASURES, is_number
from framing.corpus.rows import SUFFIXES, cell, read_rows, table_suffix
from framing.errors import InputError
from framing.records import Article, ArticleScore, AxisScore, Hit, Sentiment

if TYPE_CHECKING:
    from framing.comparison.compare import Comparison
    from framing.comparison.observations import Accumulator

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


def _records(
    path: Path, drop: frozenset[str], typed: bool = True
) -> Iterator[tuple[int, dict[str, Any]]]:
    suffix = table_suffix(path)
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: --scores reads {', '.join(SUFFIXES)}, not {suffix or 'a file without suffix'}"
        )
    return read_rows(path, what=_WHAT, drop=drop, typed=typed)


def _typed(value: Any) -> Any:
    return None if value is None else cell(value)


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


#: The ``Article`` fields of a row, converted as ``Article`` holds them.
_ARTICLE_FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "id": lambda r: str(r["id"]),
    "outlet": lambda r: str(r.get("outlet") or "unknown"),
    "outlet_type": lambda r: str(r.get("outlet_type") or "unknown"),
    "title": lambda r: str(r.get("title") or ""),
    "date": lambda r: str(r.get("date") or ""),
    "url": lambda r: str(r.get("url") or ""),
    "outlet_inferred": lambda r: bool(r.get("outlet_inferred")),
    "language": lambda r: str(r.get("language") or ""),
}


def _float(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _measured(axes: dict[str, tuple[str, str]], text_column: str) -> set[str]:
    """The columns of a scores table that are not metadata (frame columns aside)."""
    measured = {*_FIXED, text_column, *(f"sentiment_{k}" for k in _SENTIMENT)}
    for name, (neg, pos) in axes.items():
        measured.update([name, f"{name}_lexicon", f"{name}_model", f"{name}_no_hits"])
        measured.update(f"{name}_{p}_{k}" for p in (neg, pos) for k in ("hits", "weight", "per_1k"))
    return measured


def _score(row: dict[str, Any], axes: dict[str, tuple[str, str]], text_column: str) -> ArticleScore:
    measured = _measured(axes, text_column)
    axis_scores = {}
    evidence = row.get("evidence")
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    sentences: dict[int, str] = {}
    for name, (neg, pos) in axes.items():
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
    meta = {k: v for k, v in row.items() if k not in measured}
    fields = {name: convert(row) for name, convert in _ARTICLE_FIELDS.items()}
    article = Article(text=str(row.get(text_column) or ""), meta=meta, **fields)
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


def _header(columns: list[str], where: str) -> dict[str, tuple[str, str]]:
    """The axes of a scores table's columns, or an ``InputError`` when it is not one."""
    missing = [c for c in ("id", "sentiment_compound") if c not in columns]
    axes = _axes(columns)
    if missing or not axes:
        what = ", ".join(missing) if missing else "axis (X with X_no_hits)"
        raise InputError(
            f"{where}: no {what} column: not {_WHAT}; --scores needs its rows, every column"
        )
    return axes


class _NotNumbers(Exception):
    """A row of a file read as numbers has a text or evidence after all (a JSON lines file
    whose first row had neither): the file is read again as ``ArticleScore`` records."""


class NumericRows:
    """The rows of a scores table without evidence or text, for ``compare_scores`` to read as
    numbers (``feed_compare``); iterating gives ``ArticleScore`` records as ``scores_of``."""

    def __init__(
        self,
        records: Iterator[tuple[int, dict[str, Any]]],
        info: ScoresFile,
        where: str,
        raw: bool = False,
    ) -> None:
        self.records, self.info, self.where = records, info, where
        self.raw = raw  # CSV cells as read: only the columns used are typed (``cell``)

    def __iter__(self) -> Iterator[ArticleScore]:
        if self.raw:
            typed = ((n, {k: _typed(v) for k, v in r.items()}) for n, r in self.records)
            return scores_of(typed, self.info, self.where)
        return scores_of(self.records, self.info, self.where)

    def feed_compare(self, acc: Accumulator, progress: Callable[[int], None] | None = None) -> None:
        """Each row's group field, date, id and measures into ``acc.add_numbers``, converted
        as ``_score`` and ``ArticleScore.to_dict`` convert them."""
        info, where, by, text_column = self.info, self.where, acc.by, self.info.text_column
        axes: dict[str, tuple[str, str]] | None = None
        measured: set[str] = set()
        keys: list[str] = []
        frames: list[str] = []
        for count, (number, row) in enumerate(self.records, 1):
            if axes is None or not self.raw:  # a CSV file's columns are its header's
                frames = [k for k in row if k.startswith("frame_")]
            if axes is None:
                axes = _header(list(row), where)
                keys = list(dict.fromkeys(["id", "date", "warning", by]))
                measured = _measured(axes, text_column)
            if row.get(text_column) or row.get("evidence"):
                raise _NotNumbers
            source = row
            full_row: dict[str, Any] | None = row
            number_of = _number_cell if self.raw else _float
            if self.raw:  # a CSV row: cells typed only where used (the whole row when needed)
                full_row = None
                row = {k: _typed(source.get(k)) for k in keys}
            get = source.get
            try:
                found: dict[str, float] = {}
                for name in axes:
                    found[name] = number_of(get(name))
                for key in frames:
                    v = get(key)
                    if v is not None and not (self.raw and v == ""):  # missing: no frame
                        found[f"frame_{key[len('frame_') :].lower()}"] = number_of(v)
                for name in SENTIMENT_MEASURES:
                    found[name] = number_of(get(name))
                full = None
                if acc.extra or acc.wants_columns():  # rare: the exact ArticleScore row
                    full_row = full_row or {k: _typed(v) for k, v in source.items()}
                    full = _score(full_row, axes, text_column).to_dict()
                    if acc.wants_columns():
                        acc.columns.update(k for k, v in full.items() if is_number(v))
                    for name in acc.extra:
                        v = full.get(name)
                        found[name] = float(v) if v is not None and is_number(v) else math.nan
                core = _ARTICLE_FIELDS.get(by)
                if core is not None:
                    value = core(row)
                elif by in measured or by.startswith("frame_"):
                    value = None
                else:
                    value = row.get(by)
                fields: Any = ()
                if value is None:
                    full_row = full_row or {k: _typed(v) for k, v in source.items()}
                    fields = _score(full_row, axes, text_column).article.meta
                article_id = str(row["id"])
                date = str(row.get("date") or "")
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(
                    f"{where}:{number}: a row that is not {_WHAT} ({type(exc).__name__}: {exc})"
                ) from None
            for axis, poles in axes.items():
                acc.axes.setdefault(axis, poles)
            acc.add_numbers(value, date, article_id, found, row.get("warning"), fields)
            info.rows += 1
            if progress is not None:
                progress(count)
        if axes is None:
            raise InputError(f"{where}: no rows; expected {_WHAT}")


def _number_cell(value: str | None) -> float:
    """A measure of a CSV cell as ``_float(cell(value))``, without trying ``int`` first."""
    if value is None or value == "":
        return math.nan
    try:
        return float(value)
    except ValueError:
        return float(cell(value))  # "true"/"false" are numbers to float(); text raises


def scores_of(
    records: Iterator[tuple[int, dict[str, Any]]], info: ScoresFile, where: str
) -> Iterator[ArticleScore]:
    """``ArticleScore`` records from (row number, row) pairs of a scores table; ``where``
    names the table in messages."""
    axes: dict[str, tuple[str, str]] | None = None
    for number, row in records:
        if axes is None:
            axes = _header(list(row), where)
            info.has_evidence = "evidence" in row
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
    if not Path(path).is_file():
        raise InputError(f"--scores {path}: no such file; write one with {_WHAT}")
    raw = table_suffix(path) in (".csv", ".tsv")
    records = _records(Path(path), info.drop, typed=not raw)
    first = next(records, None)
    source: Any = iter(info)
    if first is not None and "evidence" not in first[1] and text_column not in first[1]:
        source = NumericRows(chain([first], records), info, str(path), raw=raw)
    try:
        result = compare_scores(source, **options)
    except _NotNumbers:
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


__all__ = [
    "NumericRows",
    "ScoresFile",
    "compare_scores_file",
    "is_scores_table",
    "read_scores",
    "scores_of",
]
