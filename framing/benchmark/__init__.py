"""Benchmarks against labeled sets: ``framing benchmark``.

    from framing.benchmark import run_benchmark, generic_adapter
    result = run_benchmark("cn-state-media-headlines", limit=2000)
    result.to_dict()          # stable keys, schema "framing-benchmark/1"

Modules: ``loaders`` (Hugging Face ``datasets``: files, folders, saved sets, hub names only
when asked and reachable), ``adapters`` (one per shared set, declared label mappings, the
generic adapter), ``checks`` (what is compared, with which baselines), ``metrics`` (sklearn /
scipy metrics with seeded bootstrap intervals), ``results`` (records, JSON/CSV/Markdown
shapes), ``run`` (one adapter end to end).
"""

from __future__ import annotations

from framing.benchmark.adapters import ADAPTERS, Adapter, generic_adapter, get_adapter
from framing.benchmark.results import SCHEMA, BenchmarkResult, Part, Row
from framing.benchmark.run import default_datasets_dir, list_adapters, run_benchmark

__all__ = [
    "ADAPTERS",
    "SCHEMA",
    "Adapter",
    "BenchmarkResult",
    "Part",
    "Row",
    "default_datasets_dir",
    "generic_adapter",
    "get_adapter",
    "list_adapters",
    "run_benchmark",
]
