"""Benchmark result records and their stable JSON/CSV shapes (schema ``framing-benchmark/1``).

A ``BenchmarkResult`` holds ``Part``s (one check each: an axis contrast, frames, sentiment),
each a list of ``Row``s: one method (``framing``, ``lexicon``, ``model``, ``majority``,
``vader_naive``) on one group of examples (``all``, ``held out: Reuters`` ...) with its
metrics. The keys are documented in docs/benchmark.md and only ever grow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.benchmark.metrics import Estimate

SCHEMA = "framing-benchmark/1"


@dataclass(frozen=True)
class Row:
    """One method on one group of examples.

    Attributes:
        group: which examples (``all``, ``held out: <outlet>``, a frame, a domain ...).
        method: ``framing`` (the combined score), ``lexicon`` (lexicon component only),
            ``model`` (model component only), ``majority`` (majority class),
            ``vader_naive`` (VADER on the whole text in one call).
        n: examples in the group.
        metrics: metric name -> estimate with interval.
        status: ``ok``, or why there are no numbers (``no model loaded``).
    """

    group: str
    method: str
    n: int
    metrics: Mapping[str, Estimate] = field(default_factory=dict)
    status: str = "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "method": self.method,
            "n": self.n,
            "status": self.status,
            "metrics": {name: est.to_dict() for name, est in self.metrics.items()},
        }


@dataclass(frozen=True)
class Part:
    """One check: its kind (``binary``, ``frames``, ``per_frame``, ``sentiment``), what it
    compares, and its rows."""

    name: str
    kind: str
    rows: tuple[Row, ...]
    metrics: tuple[str, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "metrics": list(self.metrics),
            "settings": dict(self.settings),
            "notes": list(self.notes),
            "rows": [row.to_dict() for row in self.rows],
        }

    def table_rows(self) -> list[dict[str, Any]]:
        """Display rows: group, method, n, one ``value [low, high]`` cell per metric."""
        out = []
        for row in self.rows:
            shown: dict[str, Any] = {"group": row.group, "method": row.method, "n": row.n}
            for name in self.metrics:
                est = row.metrics.get(name)
                shown[name] = str(est) if est is not None else ("–" if row.status == "ok" else "")
            if row.status != "ok":
                shown[self.metrics[0]] = row.status
            out.append(shown)
        return out


@dataclass(frozen=True)
class BenchmarkResult:
    """Everything one benchmark run measured, with what it ran on."""

    adapter: str
    description: str
    dataset: str
    n: int
    parts: tuple[Part, ...]
    mapping: Mapping[str, Any]
    notes: tuple[str, ...]
    settings: Mapping[str, Any]
    environment: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "adapter": self.adapter,
            "description": self.description,
            "dataset": self.dataset,
            "n": self.n,
            "settings": dict(self.settings),
            "mapping": dict(self.mapping),
            "notes": list(self.notes),
            "environment": dict(self.environment),
            "parts": [part.to_dict() for part in self.parts],
        }

    def long_rows(self) -> list[dict[str, Any]]:
        """One flat row per (part, group, method, metric): the CSV shape."""
        out = []
        for part in self.parts:
            for row in part.rows:
                names: Sequence[str] = list(row.metrics) or [""]
                for name in names:
                    est = row.metrics.get(name, Estimate(None))
                    out.append(
                        {
                            "adapter": self.adapter,
                            "part": part.name,
                            "group": row.group,
                            "method": row.method,
                            "n": row.n,
                            "status": row.status,
                            "metric": name,
                            "value": est.value,
                            "low": est.low,
                            "high": est.high,
                        }
                    )
        return out


LONG_COLUMNS = (
    "adapter",
    "part",
    "group",
    "method",
    "n",
    "status",
    "metric",
    "value",
    "low",
    "high",
)


def markdown_table(part: Part) -> str:
    """A GitHub-flavoured Markdown table of one part (for RESULTS.md)."""
    rows = part.table_rows()
    columns = ["group", "method", "n", *part.metrics]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(md_cell(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def md_cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, so ``|compound|`` does not split the row."""
    return str(value).replace("|", "\\|")
