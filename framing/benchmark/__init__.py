"""Benchmarks against labeled sets: ``framing benchmark``.

    from framing.benchmark import run_benchmark, generic_adapter
    result = run_benchmark("cn-state-media-headlines", limit=2000)
    result.to_dict()          # stable keys, schema "framing-benchmark/1"

Modules: ``loaders`` (Hugging Face ``datasets``: files, folders, saved sets, hub names only
when asked and reachable), ``adapters`` (one per shared set, declared label mappings, the
generic adapter), ``checks`` (what is compared, with which baselines), ``metrics`` (sklearn /
scipy metrics with seeded bootstrap intervals), ``results`` (records, JSON/CSV/Markdown
shapes), ``run`` (one adapter end to end); and human validation: ``sample`` (a stratified, masked
coding sheet and its key) and ``validate`` (a score against the codes).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Lazy, like ``framing``: ``framing.benchmark.loaders`` must import without numpy or nltk so
# that a hub name that cannot be loaded fails at once.
_EXPORTS = {
    "ADAPTERS": "framing.benchmark.adapters",
    "Adapter": "framing.benchmark.adapters",
    "generic_adapter": "framing.benchmark.adapters",
    "get_adapter": "framing.benchmark.adapters",
    "SCHEMA": "framing.benchmark.results",
    "BenchmarkResult": "framing.benchmark.results",
    "Part": "framing.benchmark.results",
    "Row": "framing.benchmark.results",
    "default_datasets_dir": "framing.benchmark.run",
    "list_adapters": "framing.benchmark.run",
    "run_benchmark": "framing.benchmark.run",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing.benchmark' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
