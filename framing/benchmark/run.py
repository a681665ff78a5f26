"""Run one adapter end to end: load, (sample,) score once, run its checks, collect a result."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from framing.benchmark.adapters import ADAPTERS, Adapter, get_adapter
from framing.benchmark.checks import Context, describe_check
from framing.benchmark.metrics import N_BOOT
from framing.benchmark.results import BenchmarkResult
from framing.errors import UsageError
from framing.records import Article
from framing.scoring.scorer import Scorer

DATASETS_ENV = "FRAMING_DATASETS"
LIBRARIES = ("scikit-learn", "scipy", "numpy", "datasets", "vaderSentiment", "regex")


def default_datasets_dir() -> Path:
    """``$FRAMING_DATASETS``, else ``../shared/datasets`` beside the project root (a source
    checkout), else ``../shared/datasets`` from the working folder."""
    if os.environ.get(DATASETS_ENV):
        return Path(os.environ[DATASETS_ENV])
    checkout = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
    if checkout.is_dir():
        return checkout
    return Path("..") / "shared" / "datasets"


def list_adapters() -> list[dict[str, Any]]:
    """One row per built-in adapter: name, checks, description, folder."""
    return [
        {
            "adapter": a.name,
            "checks": "; ".join(c.name for c in a.checks),
            "description": a.description,
            "folder": a.folder,
        }
        for a in ADAPTERS.values()
    ]


def sample(articles: list[Article], limit: int | None, seed: int) -> list[Article]:
    """A seeded random sample of ``limit`` articles, in their original order."""
    if limit is None or limit >= len(articles):
        return articles
    if limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    import numpy as np

    keep = np.sort(np.random.default_rng(seed).choice(len(articles), limit, replace=False))
    return [articles[i] for i in keep]


def environment(scorer: Scorer) -> dict[str, Any]:
    """What produced the numbers: versions of framing, the libraries, lexicons and models."""
    from framing._version import __version__

    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "framing": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libraries": versions,
        "lexicons": {axis: lex.version for axis, lex in scorer.lexicons.items()},
        "models": _models(scorer),
    }


def _models(scorer: Scorer) -> dict[str, str]:
    """Task -> model file of the models the scorer applies (empty without any)."""
    models = getattr(scorer, "models", None)
    if not models:
        return {}
    if hasattr(models, "describe"):
        return {str(row.get("task")): str(row.get("source")) for row in models.describe()}
    if hasattr(models, "items"):
        return {str(name): str(model) for name, model in models.items()}
    return {"models": str(models)}


def make_scorer(
    adapter: Adapter,
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
) -> Scorer:
    """The scorer an adapter needs: every loaded axis (unless it checks sentiment only), and
    sentence sentiment only when a check reads it (it is the slow part). ``model_paths``:
    model files that replace the shipped model of their task (``--model``)."""
    model_paths = tuple(model_paths)
    if not adapter.axes:
        if model_paths:
            raise UsageError(
                f"{adapter.name} checks sentiment only: --model does not apply (leave it out, "
                "or benchmark an axis or frames set)"
            )
        import inspect

        # Sentiment-only sets need no axis and no trained model (scorers that can load
        # models take ``use_models``).
        options: dict[str, Any] = (
            {"use_models": False} if "use_models" in inspect.signature(Scorer).parameters else {}
        )
        return Scorer(lexicons={}, sentiment=True, **options)
    return Scorer(lexicon_dirs=lexicon_dirs, sentiment=adapter.sentiment, model_paths=model_paths)


def run_benchmark(
    adapter: str | Adapter,
    *,
    datasets_dir: str | Path | None = None,
    limit: int | None = None,
    seed: int = 0,
    n_boot: int = N_BOOT,
    lexicon_dirs: Iterable[str | Path] = (),
    scorer: Scorer | None = None,
    model_paths: Iterable[str | Path] = (),
    progress: Callable[[int, int], None] | None = None,
) -> BenchmarkResult:
    """Benchmark framing on one labeled set.

    Args:
        adapter: a built-in adapter name (``framing benchmark --list``) or an ``Adapter``
            (``generic_adapter(...)`` for your own file).
        datasets_dir: the folder holding the shared sets (default: ``default_datasets_dir``).
        limit: score a seeded random sample of this many examples instead of all.
        seed: seed of the sample and of every bootstrap.
        n_boot: bootstrap resamples per interval.
        lexicon_dirs: extra lexicon folders (``--lexicons``).
        scorer: a ready scorer (tests, custom lexicons); default: ``make_scorer``.
        model_paths: model files scored instead of the shipped model of their task
            (``--model``: a frames model, or an axis model from ``framing train``).
        progress: called with (articles scored, articles to score) as scoring goes.
    """
    started = time.perf_counter()
    chosen = get_adapter(adapter) if isinstance(adapter, str) else adapter
    root = Path(datasets_dir) if datasets_dir is not None else default_datasets_dir()
    articles = chosen.load(root)
    total = len(articles)
    articles = sample(articles, limit, seed)
    scorer = scorer or make_scorer(chosen, lexicon_dirs, model_paths)
    scores = []
    for done, score in enumerate(scorer.score_all(articles), 1):
        scores.append(score)
        if progress is not None:
            progress(done, len(articles))
    examples = list(zip(articles, scores, strict=True))
    ctx = Context(n_boot=n_boot, seed=seed)
    parts = tuple(part for check in chosen.checks for part in check.run(examples, ctx))
    env = environment(scorer)
    env["seconds"] = round(time.perf_counter() - started, 1)
    return BenchmarkResult(
        adapter=chosen.name,
        description=chosen.description,
        dataset=str(chosen.folder if chosen.standalone else chosen.path(root)),
        n=len(articles),
        parts=parts,
        mapping={check.name: describe_check(check) for check in chosen.checks},
        notes=chosen.notes,
        settings={"limit": limit, "n_available": total, "seed": seed, "n_boot": n_boot},
        environment=env,
    )
