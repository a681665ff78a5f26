"""Several processes give the same rows, in the same order, as one; work in flight is bounded."""

from __future__ import annotations

import faulthandler
import itertools
import multiprocessing
import sys
import threading
from collections.abc import Iterator

import pytest

from framing.errors import UsageError
from framing.records import Article
from framing.run.local import score_corpus
from framing.run.pool import ScorerSpec, _context, _pool_scores, resolve_jobs, score_parallel
from framing.scoring.scorer import Scorer

WORDS = ["spying", "threat", "friends", "welcome", "the", "app", "said", "not", "banned"]


def make_articles(n: int) -> Iterator[Article]:
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(5 + i % 11)]
        yield Article(
            id=f"a{i}", text=" ".join(words).capitalize() + ". Users said so.", meta={"k": i}
        )


@pytest.fixture(scope="module")
def scorer(toy_lexicon) -> Scorer:
    return Scorer(lexicons={"toy": toy_lexicon})


def test_two_processes_equal_one_in_order(scorer: Scorer) -> None:
    articles = list(make_articles(400))
    one = list(score_corpus(articles, scorer=scorer, jobs=1))
    spec = ScorerSpec.of(scorer)
    for warm_start in (False, True):  # False: every chunk goes through a worker
        two = list(
            score_parallel(
                articles, spec, jobs=2, chunk_size=4, scorer=scorer, warm_start=warm_start
            )
        )
        assert [s.article.id for s in two] == [a.id for a in articles]
        assert two == one
        assert [s.to_dict(evidence=True) for s in two] == [s.to_dict(evidence=True) for s in one]


def test_score_corpus_jobs_parameter(scorer: Scorer) -> None:
    articles = list(make_articles(80))  # more than two chunks: the pool is used
    assert list(score_corpus(articles, scorer=scorer, jobs=2)) == list(
        score_corpus(articles, scorer=scorer)
    )


def test_work_in_flight_is_bounded_and_stopping_early_ends_the_workers(scorer: Scorer) -> None:
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        for article in make_articles(10**9):
            pulled += 1
            yield article

    results = score_parallel(
        endless(), ScorerSpec.of(scorer), jobs=2, chunk_size=3, warm_start=False
    )
    first = list(itertools.islice(results, 10))
    assert [s.article.id for s in first] == [f"a{i}" for i in range(10)]
    # at most 4 * jobs chunks in flight, plus the one being cut
    assert pulled <= 10 + 3 * (4 * 2 + 2)
    results.close()
    assert multiprocessing.active_children() == []


def test_small_input_is_scored_in_process(scorer: Scorer, monkeypatch) -> None:
    import framing.run.pool

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one chunk")

    monkeypatch.setattr(framing.run.pool, "_pool_scores", no_pool)
    articles = list(make_articles(5))
    out = list(score_parallel(articles, ScorerSpec.of(scorer), jobs=2, chunk_size=8))
    assert [s.article.id for s in out] == [a.id for a in articles]


def test_a_worker_that_cannot_build_its_scorer_raises_its_error(scorer: Scorer) -> None:
    spec = ScorerSpec(lexicons=tuple(scorer.lexicons.items()), axes=("nope",))
    chunks = iter([list(make_articles(2))])
    with pytest.raises(UsageError, match="Unknown axis 'nope'"):
        list(_pool_scores(chunks, spec, 2, None))
    assert multiprocessing.active_children() == []


def test_bad_spec_fails_in_the_caller_before_any_worker(scorer: Scorer) -> None:
    spec = ScorerSpec(lexicons=tuple(scorer.lexicons.items()), axes=("nope",))
    with pytest.raises(UsageError, match="Unknown axis 'nope'"):
        list(score_parallel(make_articles(300), spec, jobs=2))


@pytest.mark.parametrize(("jobs", "expected"), [(1, 1), (3, 3), (None, "cores"), (0, "cores")])
def test_resolve_jobs(jobs, expected) -> None:
    from framing.run.pool import available_cores

    assert resolve_jobs(jobs) == (available_cores() if expected == "cores" else expected)


@pytest.mark.parametrize("jobs", [-1, 1.5, True])
def test_bad_jobs(jobs) -> None:
    with pytest.raises(UsageError, match="jobs must be"):
        resolve_jobs(jobs)


def test_when_the_input_fails_the_work_already_sent_is_handed_over_first(scorer) -> None:
    class Broken(Exception):
        pass

    def failing() -> Iterator[Article]:
        yield from make_articles(10)
        raise Broken()

    got = []
    with pytest.raises(Broken):
        for result in score_parallel(
            failing(), ScorerSpec.of(scorer), jobs=2, chunk_size=2, warm_start=False
        ):
            got.append(result.article.id)
    assert got == [f"a{i}" for i in range(10)]


@pytest.mark.parametrize("n", [5, 11])  # fails within the second chunk; within a later one
def test_articles_read_before_a_failure_inside_a_chunk_are_scored(scorer, n) -> None:
    class Broken(Exception):
        pass

    def failing() -> Iterator[Article]:
        yield from make_articles(n)
        raise Broken()

    got = []
    with pytest.raises(Broken):
        for result in score_parallel(
            failing(), ScorerSpec.of(scorer), jobs=2, chunk_size=4, warm_start=False
        ):
            got.append(result.article.id)
    assert got == [f"a{i}" for i in range(n)]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("method", "warm_start"), [("fork", False), ("fork", True), ("spawn", False)]
)
def test_start_method_can_be_chosen(scorer: Scorer, monkeypatch, method, warm_start) -> None:
    """fork with warm_start once deadlocked a worker (forked while this thread scored)."""
    monkeypatch.setenv("FRAMING_START_METHOD", method)
    articles = list(make_articles(200))
    spec = ScorerSpec.of(scorer)
    faulthandler.dump_traceback_later(300, exit=True)
    try:
        got = list(
            score_parallel(
                articles, spec, jobs=2, chunk_size=4, scorer=scorer, warm_start=warm_start
            )
        )
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert got == list(score_corpus(articles, scorer=scorer))
    assert multiprocessing.active_children() == []


def test_unknown_start_method_is_a_usage_error(scorer: Scorer, monkeypatch) -> None:
    monkeypatch.setenv("FRAMING_START_METHOD", "teleport")
    with pytest.raises(UsageError, match="FRAMING_START_METHOD='teleport' is not available"):
        list(score_parallel(make_articles(20), ScorerSpec.of(scorer), jobs=2, chunk_size=4))


def test_a_scorer_with_parts_a_spec_cannot_carry_is_refused(toy_lexicon) -> None:
    scorer = Scorer(lexicons={"toy": toy_lexicon})
    scorer.frames_model = object()  # e.g. a model a later version adds
    with pytest.raises(UsageError, match=r"cannot rebuild \(frames_model\); score with jobs=1"):
        ScorerSpec.of(scorer)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork default is Linux's")
def test_workers_fork_when_single_threaded_and_use_a_forkserver_beside_threads(
    monkeypatch,
) -> None:
    """The choice follows how many threads run when the pool starts (other tests, e.g. the
    Dask ones, may leave threads behind in this process: the count is set here)."""
    monkeypatch.delenv("FRAMING_START_METHOD", raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _context(multiprocessing).get_start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert _context(multiprocessing).get_start_method() == "forkserver"
    monkeypatch.setenv("FRAMING_START_METHOD", "spawn")
    assert _context(multiprocessing).get_start_method() == "spawn"


def test_tasks_carry_articles_not_the_scorer(scorer: Scorer, monkeypatch) -> None:
    """The scorer reaches each worker once, when it starts (``initializer``): what goes
    through the task queue is the chunks of articles, never the scorer or its lexicons."""
    from multiprocessing.reduction import ForkingPickler

    sent: list[bytes] = []
    original = ForkingPickler.dumps

    def dumps(cls, obj, protocol=None):
        data = original(obj, protocol)
        sent.append(bytes(data))
        return data

    monkeypatch.setattr(ForkingPickler, "dumps", classmethod(dumps))
    articles = list(make_articles(400))
    got = list(
        score_parallel(
            articles, ScorerSpec.of(scorer), jobs=2, chunk_size=4, scorer=scorer, warm_start=False
        )
    )
    assert got == list(score_corpus(articles, scorer=scorer))
    tasks = [data for data in sent if b"_score_chunk" in data]
    assert len(tasks) == len(articles) // 4
    assert not [d for d in tasks if b"Scorer" in d or b"Lexicon" in d or b"Matcher" in d]
