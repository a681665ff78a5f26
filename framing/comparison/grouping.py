"""Group keys: a metadata field's value, optionally with a date period (``--every``).

Dates are read from the article's ``date`` field: ISO ``YYYY-MM-DD`` (or a longer ISO
timestamp), ``YYYY/MM/DD``, ``MM/DD/YYYY``, ``January 17, 2025``, ``17 January 2025``, ``Jan
17, 2025``. A date that none of these read, or an empty one, puts the article in the period
``undated``: it is kept and counted (never dropped), and the comparison reports how many.

Periods: ``week`` is the ISO week (``2025-W03``, Monday to Sunday), ``month`` is ``2025-01``,
``year`` is ``2025``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from itertools import combinations
from typing import Any

from framing.errors import UsageError

PERIODS = ("week", "month", "year")
UNDATED = "undated"
UNKNOWN = "unknown"
_FORMATS = ("%Y/%m/%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


def parse_date(value: Any) -> date | None:
    """A date from the formats above, or ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def period(value: Any, every: str) -> str:
    """The period label of a date value (``undated`` when it cannot be read)."""
    if every not in PERIODS:
        raise UsageError(f"Unknown period {every!r}. Choose from: {', '.join(PERIODS)}")
    day = parse_date(value)
    if day is None:
        return UNDATED
    if every == "year":
        return f"{day.year:04d}"
    if every == "month":
        return f"{day.year:04d}-{day.month:02d}"
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def group_value(value: Any) -> str:
    """A field value as a group name (missing or empty: ``unknown``)."""
    if value is None or str(value).strip() == "":
        return UNKNOWN
    return str(value)


def pairs_to_contrast(
    keys: Sequence[tuple[str, str]], reference: str | None
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of groups to contrast: same period only; all pairs, or each vs ``reference``."""
    if reference is not None and reference not in {k[0] for k in keys}:
        known = ", ".join(sorted({k[0] for k in keys}))
        raise UsageError(f"--reference {reference!r} is not a group. Groups: {known}")
    out = []
    for ka, kb in combinations(keys, 2):
        if ka[1] != kb[1]:
            continue
        if reference is None or kb[0] == reference:
            out.append((ka, kb))
        elif ka[0] == reference:
            out.append((kb, ka))
    return out


def check_measures(measures: Iterable[str], columns: Collection[str]) -> None:
    """A ``--measure`` that names no numeric column is a usage error that lists those there are."""
    unknown = [m for m in measures if m not in columns]
    if unknown:
        known = ", ".join(sorted(columns))
        raise UsageError(f"Unknown measure {unknown[0]!r} (no numeric column). Available: {known}")
