"""Score a corpus in input order, in this process or in a pool of workers.

``iter_articles`` turns paths and ``Article`` objects into one lazy stream; ``score_corpus``
scores it with one ``Scorer`` (``jobs=1``) or hands it to ``framing.run.pool``. The scorer
never knows which of the two runs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.records import Article, ArticleScore, Skipped
from framing.scoring.scorer import ArticleInput, Scorer, as_dirs, shared_scorer

if TYPE_CHECKING:
    import pandas as pd


class IdTally:
    """Counts article ids that come more than once (rows are kept; the caller warns).

    Memory: one entry per distinct id (about 100 bytes each)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self.duplicates = 0
        self.example: str | None = None

    def add(self, article_id: str) -> None:
        if article_id in self._seen:
            self.duplicates += 1
            if self.example is None:
                self.example = article_id
        else:
            self._seen.add(article_id)

    def message(self) -> str | None:
        """One warning line, or None when every id was unique."""
        if not self.duplicates:
            return None
        return (
            f"warning: {self.duplicates} articles repeat an id already seen (e.g. "
            f"{self.example!r}); every one was scored, but rows with one id cannot be told "
            "apart: give each article its own id"
        )


def _tallied(articles: Iterator[Article], ids: IdTally) -> Iterator[Article]:
    for article in articles:
        ids.add(article.id)
        yield article


def iter_articles(
    inputs: ArticleInput | Iterable[ArticleInput],
    *,
    text_column: str = "text",
    on_skip: Any = None,
    ids: IdTally | None = None,
) -> Iterator[Article]:
    """Articles from paths (files, folders, ``-``) and/or ``Article`` objects, lazily;
    ``ids``, when given, counts repeated ids."""
    articles = _iter_articles(inputs, text_column=text_column, on_skip=on_skip)
    return articles if ids is None else _tallied(articles, ids)


def _iter_articles(
    inputs: ArticleInput | Iterable[ArticleInput], *, text_column: str, on_skip: Any
) -> Iterator[Article]:

    def read_corpus(paths: list[str | os.PathLike[str]], **options: Any) -> Iterator[Article]:
        from framing.corpus.read import read_corpus as read  # only when there are paths to read

        return read(paths, **options)

    if isinstance(inputs, str | os.PathLike | Article):
        inputs = [inputs]
    pending: list[str | os.PathLike[str]] = []
    for item in inputs:
        if isinstance(item, Article):
            if pending:
                yield from read_corpus(pending, text_column=text_column, on_skip=on_skip)
                pending = []
            yield item
        else:
            pending.append(item)
    if pending:
        yield from read_corpus(pending, text_column=text_column, on_skip=on_skip)


def score_corpus(
    inputs: ArticleInput | Iterable[ArticleInput],
    *,
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
    text_column: str = "text",
    skipped: list[Skipped] | None = None,
    scorer: Scorer | None = None,
    jobs: int | None = 1,
    on_skip: Callable[[Skipped], None] | None = None,
    ids: IdTally | None = None,
) -> Generator[ArticleScore, None, None]:
    """Score a corpus lazily, one ``ArticleScore`` per article, in input order.

    ``inputs`` are paths (folders, .txt/.md, .jsonl, .csv, ``-``) and/or ``Article``s.
    Bad items: when ``skipped`` is a list, each unreadable item is appended to it as a
    ``Skipped`` and the rest are scored; when it is None the first one raises ``InputError``.
    ``jobs``: worker processes (``None`` or 0: all cores); the results are the same, in the
    same order, whatever the number (see ``framing.run.pool``). ``on_skip``, when given,
    receives each ``Skipped`` instead (e.g. to stream them to an error report). ``ids``
    counts repeated article ids (``IdTally``).
    """
    if on_skip is None and skipped is not None:
        on_skip = skipped.append
    articles = iter_articles(inputs, text_column=text_column, on_skip=on_skip, ids=ids)
    dirs, models = as_dirs(lexicon_dirs), as_dirs(model_paths)
    if jobs == 1:
        scorer = scorer or shared_scorer(dirs, models)
        yield from scorer.score_all(articles)
        return
    from framing.run.pool import ScorerSpec, score_parallel

    if scorer is not None:
        spec = ScorerSpec.of(scorer)
    else:
        spec = ScorerSpec(lexicon_dirs=dirs, model_paths=models)
        scorer = shared_scorer(dirs, models)
    yield from score_parallel(articles, spec, jobs=jobs, scorer=scorer)


def to_dataframe(scores: Iterable[ArticleScore], *, evidence: bool = False) -> pd.DataFrame:
    """One row per article (the columns of ``ArticleScore.to_dict``) as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame([s.to_dict(evidence=evidence) for s in scores])
