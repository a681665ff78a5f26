"""Score on several cores: the same rows, in the same order, as one process.

Articles are read in the calling process (so bad inputs are reported there, in order), cut
into chunks, and scored by a pool of worker processes. Each worker builds its own ``Scorer``
once, from a ``ScorerSpec``: paths and options, not live objects, so it works with every
start method (``fork`` on Linux for a single-threaded caller, ``forkserver`` on macOS and
beside other threads, ``spawn`` on Windows; see ``_context``). Results come
back in submission order, and at most ``4 * jobs`` chunks are in flight at any time, so memory
stays flat however long the corpus is.

A script that calls this with ``jobs > 1`` must guard its entry point with
``if __name__ == "__main__":`` (a ``spawn`` requirement of Python's multiprocessing).
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from framing.axes.lexicon import Lexicon
from framing.errors import UsageError
from framing.models.predict import ModelSet
from framing.records import Article, ArticleScore
from framing.scoring.scorer import Scorer, batches

#: Articles per task: large enough that inter-process overhead is small next to scoring
#: (a few ms per article), small enough to keep every worker busy on short corpora.
CHUNK_SIZE = 32
#: Chunks in flight per worker: enough that a worker never waits for the parent while another
#: worker holds the oldest chunk; few enough that memory stays flat (a few hundred articles).
IN_FLIGHT_PER_JOB = 4
#: Modules a ``forkserver`` imports once, so that each worker forked from it starts at once
#: (the scorer, its models and VADER take a second or more to import and load).
PRELOAD = ["framing.scoring.scorer", "framing.sentiment.aggregate", "vaderSentiment.vaderSentiment"]


def available_cores() -> int:
    """Cores this process may use (its CPU affinity where the OS tells it), at least 1."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        count = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(1, count or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or 0 -> all available cores; a negative or non-integer value is a usage error."""
    if jobs is None or jobs == 0:
        return available_cores()
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise UsageError(f"jobs must be a whole number >= 1 (or 0 for all cores), not {jobs!r}")
    return jobs


@dataclass(frozen=True)
class ScorerSpec:
    """How to build a ``Scorer`` in another process: what its constructor takes.

    ``lexicon_dirs`` and ``model_paths`` are read by each worker (shared storage on a
    cluster); ``lexicons`` and ``models`` carry already-loaded ones by value, for a ``Scorer``
    built from objects (``ScorerSpec.of(scorer)``). Hashable, so workers can cache the built
    scorer.
    """

    lexicon_dirs: tuple[str, ...] = ()
    axes: tuple[str, ...] | None = None
    sentiment: bool = True
    lexicons: tuple[tuple[str, Lexicon], ...] | None = None
    model_paths: tuple[str, ...] = ()
    use_models: bool = True
    models: ModelSet | None = None

    def build(self) -> Scorer:
        lexicons: Mapping[str, Lexicon] | None = (
            dict(self.lexicons) if self.lexicons is not None else None
        )
        return Scorer(
            lexicons=lexicons,
            lexicon_dirs=self.lexicon_dirs,
            axes=list(self.axes) if self.axes is not None else None,
            sentiment=self.sentiment,
            models=self.models,
            model_paths=self.model_paths,
            use_models=self.use_models,
        )

    @classmethod
    def of(cls, scorer: Scorer) -> ScorerSpec:
        """The spec of a scorer that already exists (its lexicons travel by value). A scorer
        with parts a spec does not know how to carry is refused rather than copied without
        them (workers would score differently from this process)."""
        extra = sorted(set(vars(scorer)) - _CARRIED)
        if extra:
            raise UsageError(
                f"this Scorer has parts that worker processes cannot rebuild ({', '.join(extra)}); "
                "score with jobs=1"
            )
        return cls(
            lexicons=tuple(scorer.lexicons.items()),
            sentiment=scorer.sentiment,
            models=scorer.models,
        )


#: The ``Scorer`` attributes a ``ScorerSpec`` rebuilds (``matchers`` come from the lexicons).
_CARRIED = frozenset(
    {"lexicons", "matchers", "sentiment", "models", "languages", "language_gate"}
)  # languages, language_gate: derived


# --- worker side -----------------------------------------------------------------------

_worker_scorer: Scorer | None = None
_worker_error: BaseException | None = None


def _init_worker(spec: ScorerSpec, parent: int | None = None) -> None:
    """Build the worker's scorer once. An error is kept and raised by the first task: an
    initializer that raises makes ``multiprocessing.Pool`` respawn workers for ever."""
    global _worker_scorer, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent is not None:
        _exit_with_parent(parent)
    try:
        _worker_scorer = spec.build()
    except BaseException as exc:
        _worker_error = exc


def _exit_with_parent(parent: int) -> None:
    """On Linux, ask the kernel to end this forked worker when ``parent`` dies, even by
    SIGKILL (the worker would otherwise wait for tasks for ever). The kernel watches the
    thread that forked: only asked for when that was the parent's main thread."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # no libc with prctl (e.g. a static build): keep going
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _score_chunk(chunk: list[Article]) -> list[ArticleScore]:
    """Score a chunk; the articles are not sent back (the parent has them), which saves a
    third of what travels between processes: only the language the scorer gave each."""
    if _worker_error is not None:
        raise _worker_error
    assert _worker_scorer is not None
    return [
        replace(s, article=replace(_NO_ARTICLE, language=s.article.language))
        for s in _worker_scorer.score_batch(chunk)
    ]


_NO_ARTICLE = Article(id="", text="")


# --- parent side -----------------------------------------------------------------------


def score_parallel(
    articles: Iterable[Article],
    spec: ScorerSpec,
    *,
    jobs: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    scorer: Scorer | None = None,
    warm_start: bool = True,
) -> Generator[ArticleScore, None, None]:
    """Score ``articles`` with ``jobs`` processes, yielding results in input order.

    ``jobs=1`` (or a corpus that fits in one chunk) scores in this process, with ``scorer``
    when given, so that small runs do not pay for starting workers. The spec is built here
    first, so that a bad lexicon raises its own error at once, not from inside a worker.
    ``warm_start``: score in this process while the workers start (False: wait for them).
    """
    n_jobs = resolve_jobs(jobs)
    if chunk_size < 1:
        raise UsageError(f"chunk_size must be >= 1, not {chunk_size}")
    local = scorer or spec.build()
    if n_jobs == 1:
        yield from local.score_all(articles)
        return
    chunks = batches(articles, chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    try:
        second = next(chunks, None)
    except Exception:  # the input failed within the second chunk: the first is still scored
        yield from local.score_all(first)
        raise
    if second is None:
        yield from local.score_all(first)
        return
    yield from _pool_scores(
        _chain([first, second], chunks), spec, n_jobs, local if warm_start else None
    )


def _start_pool(context: Any, spec: ScorerSpec, n_jobs: int) -> Any:
    import threading

    forked_from_main = (
        context.get_start_method() == "fork"
        and threading.current_thread() is threading.main_thread()
    )
    parent = os.getpid() if forked_from_main else None
    return context.Pool(n_jobs, initializer=_init_worker, initargs=(spec, parent))


def _pool_scores(
    chunks: Iterator[list[Article]], spec: ScorerSpec, n_jobs: int, local: Scorer | None
) -> Iterator[ArticleScore]:
    """Chunks go to the pool, at most ``4 * n_jobs`` in flight, results in order. Starting
    the workers takes seconds (each imports the scorer and VADER), so it happens in a thread while
    this process scores the first chunks itself: no time is lost waiting for them."""
    import multiprocessing
    from concurrent.futures import Future, ThreadPoolExecutor

    context = _context(multiprocessing)  # a bad FRAMING_START_METHOD fails here, at once
    pending: deque[tuple[list[Article], Any]] = deque()
    max_pending = IN_FLIGHT_PER_JOB * n_jobs
    finished = False
    starter: ThreadPoolExecutor | None = None
    starting: Future[Any] = Future()
    if context.get_start_method() == "fork":
        # A fork copies the locks other threads hold at that instant (a thread scoring
        # meanwhile would leave the workers deadlocked): fork from this thread, now (fast).
        starting.set_result(_start_pool(context, spec, n_jobs))
    else:
        starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-pool-start")
        starting = starter.submit(_start_pool, context, spec, n_jobs)
    pool = None

    def results(item: tuple[list[Article], Any]) -> Iterator[ArticleScore]:
        chunk, future = item
        for article, result in zip(chunk, future.get(), strict=True):
            language = result.article.language
            if language != article.language:  # detected in the worker
                article = replace(article, language=language)
            yield replace(result, article=article)

    try:
        try:
            for chunk in chunks:
                if pool is None and local is not None and not starting.done():
                    yield from local.score_all(chunk)  # the workers are still starting
                    continue
                pool = pool or starting.result()
                pending.append((chunk, pool.apply_async(_score_chunk, (chunk,))))
                while len(pending) >= max_pending:
                    yield from results(pending.popleft())
        except Exception:
            # The input failed (a bad item with no on_skip, a vanished stream): hand over
            # what was already sent for scoring before raising, so no finished work is lost.
            while pending:
                yield from results(pending.popleft())
            raise
        while pending:
            yield from results(pending.popleft())
        finished = True
    finally:
        if starter is not None:
            starter.shutdown(wait=True)
        if starting.exception() is None:
            pool = starting.result()
            if finished:
                pool.close()
            else:  # an error, Ctrl-C, or the caller stopped early: do not wait for workers
                pool.terminate()
            pool.join()


def _context(multiprocessing: Any) -> Any:
    """How workers start. ``FRAMING_START_METHOD=fork|forkserver|spawn`` chooses; otherwise:

    * ``fork`` on Linux when this process runs a single thread (the ``framing`` command,
      most scripts): workers start at once, sharing the parent's imported modules and
      loaded models, with no second copy of start-up work;
    * ``forkserver`` elsewhere on POSIX, and on Linux when other threads run (a notebook
      kernel, a web server): ``fork`` would copy locks those threads hold, and can hang;
    * ``spawn`` where neither exists (Windows).
    """
    import threading

    chosen = os.environ.get("FRAMING_START_METHOD", "")
    methods = multiprocessing.get_all_start_methods()
    if chosen:
        if chosen not in methods:
            raise UsageError(
                f"FRAMING_START_METHOD={chosen!r} is not available here; choose from "
                f"{', '.join(methods)}"
            )
    elif sys.platform.startswith("linux") and threading.active_count() == 1:
        chosen = "fork"
    elif "forkserver" in methods:
        chosen = "forkserver"
    else:
        chosen = "spawn"
    context = multiprocessing.get_context(chosen)
    if chosen == "forkserver":
        context.set_forkserver_preload(PRELOAD)
    return context


def _chain(head: list[list[Article]], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield from head
    yield from rest
