"""``framing.compare`` for data in memory: a DataFrame of articles is scored, a DataFrame of
scores is compared as it is.

A DataFrame whose columns are a ``framing score`` output's (``id``, ``sentiment_compound``,
an axis ``X`` with ``X_no_hits``: what ``framing.to_dataframe(framing.score_corpus(...))``
gives, or a scores file read with pandas) is read back row by row exactly like
``framing compare --scores FILE`` (``framing.comparison.scores_file``): no rescoring, the same
numbers, and the same two notes when it has no ``evidence`` column (no distinctive terms) or
no text column (no syndication). Anything else goes to ``framing.comparison.compare.compare``,
which scores it (DataFrames of articles, Datasets, dicts, paths, ``Article`` objects).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from framing.comparison.compare import Comparison, compare_scores
from framing.comparison.compare import compare as compare_inputs
from framing.comparison.scores_file import ScoresFile, is_scores_table, scores_of
from framing.corpus.memory import CHUNK_ROWS, kind_of, plain_value
from framing.errors import UsageError

#: ``compare`` options that only apply when texts are scored.
_SCORING_OPTIONS = ("lexicon_dirs", "model_paths", "scorer", "jobs", "id_column")


def is_scores_frame(obj: Any) -> bool:
    """True for a pandas DataFrame holding scores rather than articles."""
    return kind_of(obj) == "DataFrame" and is_scores_table([str(c) for c in obj.columns])


def compare(inputs: Any, **options: Any) -> Comparison:
    """Compare groups of ``inputs``: paths, articles, dicts, a DataFrame or Dataset of
    articles (scored first), or a DataFrame of scores (compared as it is). ``options`` are
    those of ``framing.comparison.compare.compare``."""
    if not is_scores_frame(inputs):
        return compare_inputs(inputs, **options)
    given = [k for k in _SCORING_OPTIONS if _set(k, options.pop(k, None))]
    if given:
        raise UsageError(
            f"{given[0]}= does not apply to a DataFrame of scores (it is compared as it is, "
            "not scored again); leave it out or pass the articles"
        )
    for key in ("skipped", "ids"):
        options.pop(key, None)
    return compare_scores_frame(inputs, **options)


def _set(name: str, value: Any) -> bool:
    """True when a scoring option was given a value other than its default."""
    if value is None or (isinstance(value, list | tuple) and not value):
        return False
    return not (name == "jobs" and value == 1) and not (name == "id_column" and value == "id")


def compare_scores_frame(frame: Any, *, text_column: str = "text", **options: Any) -> Comparison:
    """Compare the rows of a DataFrame of scores (``options``: ``compare_scores``'s)."""
    info = ScoresFile("DataFrame", text_column=text_column)
    result = compare_scores(scores_of(_rows(frame), info, "DataFrame of scores"), **options)
    notes = list(result.warnings)
    if not info.has_evidence:
        notes.append(
            "DataFrame of scores: no evidence column, so no distinctive terms"
            " (to_dataframe(..., evidence=True) keeps them)"
        )
    if not info.has_text:
        notes.append(
            f"DataFrame of scores: no {text_column!r} column, so syndicated copies were not"
            " detected and every article counts"
        )
    return replace(
        result,
        warnings=tuple(notes),
        source="DataFrame of scores",
        dedupe=result.dedupe and info.has_text,
    )


def _rows(frame: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number from 1, row with plain values: NaN -> None), a chunk at a time."""
    for start in range(0, len(frame), CHUNK_ROWS):
        chunk = frame.iloc[start : start + CHUNK_ROWS]
        for number, row in enumerate(chunk.to_dict("records"), start=start + 1):
            yield number, {str(k): plain_value(v) for k, v in row.items()}
