"""Score a corpus in input order, in this process or in a pool of workers.

``iter_articles`` turns paths and ``Article`` objects into one lazy stream; ``score_corpus``
scores it with one ``Scorer`` (``jobs=1``) or hands it to ``framing.run.pool``. The scorer
never knows which of the two runs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import UsageError
from framing.records import Article, ArticleScore, Skipped
from framing.scoring.language import LanguageTally
from framing.scoring.scorer import ArticleInput, Scorer, as_dirs, shared_scorer

if TYPE_CHECKING:
    import pandas as pd

#: What ``score_corpus`` reads: one input or an iterable of them (paths, ``Article``s, dicts,
#: DataFrames, Datasets).
CorpusInput = ArticleInput | Mapping[str, Any] | Iterable[Any]


class IdTally:
    """Counts article ids that come more than once (rows are kept; the caller warns), and,
    through ``scored``, the articles not scored for their language (``language_message``).

    Memory: one entry per distinct id (about 100 bytes each)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self.duplicates = 0
        self.example: str | None = None
        self.languages = LanguageTally()

    def scored(self, score: ArticleScore) -> ArticleScore:
        """Count one scored article (its language, when not scored for it); returns it."""
        self.languages.add(score.warning)
        return score

    def language_message(self) -> str | None:
        """The run's language line (``framing.scoring.language.summary``), or None."""
        return self.languages.message()

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
    inputs: CorpusInput,
    *,
    text_column: str = "text",
    id_column: str = "id",
    on_skip: Any = None,
    ids: IdTally | None = None,
) -> Iterator[Article]:
    """Articles from paths (files, folders, ``-``), ``Article`` objects, dicts, pandas
    DataFrames and ``datasets`` Datasets, lazily; ``ids``, when given, counts repeated ids."""
    articles = _iter_articles(inputs, text_column=text_column, id_column=id_column, on_skip=on_skip)
    return articles if ids is None else _tallied(articles, ids)


def _iter_articles(
    inputs: CorpusInput, *, text_column: str, id_column: str, on_skip: Any
) -> Iterator[Article]:
    columns = {"text_column": text_column, "id_column": id_column}

    def read_corpus(paths: list[str | os.PathLike[str]]) -> Iterator[Article]:
        from framing.corpus.read import read_corpus as read  # only when there are paths to read

        return read(paths, text_column=text_column, id_column=id_column, on_skip=on_skip)

    def kept(items: Iterable[Article | Skipped]) -> Iterator[Article]:
        from framing.corpus.common import only_articles

        return only_articles(items, on_skip)

    if isinstance(inputs, str | os.PathLike | Article | Mapping) or _table_kind(inputs):
        inputs = [inputs]
    pending: list[str | os.PathLike[str]] = []
    n_records = 0
    for item in inputs:
        if isinstance(item, str | os.PathLike):
            pending.append(item)
            continue
        if pending:
            yield from read_corpus(pending)
            pending = []
        if isinstance(item, Article):
            yield item
        elif _table_kind(item):  # before Mapping: a DatasetDict is a dict
            from framing.corpus.memory import read_object

            yield from kept(read_object(item, **columns))
        elif isinstance(item, Mapping):
            from framing.corpus.memory import read_records

            yield from kept(read_records([item], **columns, start=n_records))
            n_records += 1
        else:
            raise UsageError(
                f"cannot read a {type(item).__name__} as articles; give paths, Article "
                "objects, dicts, a pandas DataFrame or a datasets.Dataset"
            )
    if pending:
        yield from read_corpus(pending)


def _table_kind(obj: Any) -> bool:
    """True for a pandas DataFrame or a datasets Dataset(Dict), recognised by module name."""
    root = type(obj).__module__.split(".")[0]
    return root in ("pandas", "datasets") and type(obj).__name__ in (
        "DataFrame",
        "Dataset",
        "IterableDataset",
        "DatasetDict",
        "IterableDatasetDict",
    )


def score_corpus(
    inputs: CorpusInput,
    *,
    lexicon_dirs: Iterable[str | Path] = (),
    model_paths: Iterable[str | Path] = (),
    text_column: str = "text",
    id_column: str = "id",
    skipped: list[Skipped] | None = None,
    scorer: Scorer | None = None,
    jobs: int | None = 1,
    on_skip: Callable[[Skipped], None] | None = None,
    ids: IdTally | None = None,
) -> Generator[ArticleScore, None, None]:
    """Score a corpus lazily, one ``ArticleScore`` per article, in input order.

    ``inputs`` are paths (folders, .txt/.md, .jsonl, .csv, .parquet, ``-``), ``Article``s,
    dicts, a pandas ``DataFrame`` or a ``datasets.Dataset`` (or a list mixing them): in a
    table or dict the text is ``text_column``, the id ``id_column`` (else the DataFrame's
    index label, or the position from 0), every other column metadata; see
    ``framing.corpus.memory``.
    Bad items: when ``skipped`` is a list, each unreadable item is appended to it as a
    ``Skipped`` and the rest are scored; when it is None the first one raises ``InputError``.
    ``jobs``: worker processes (``None`` or 0: all cores); the results are the same, in the
    same order, whatever the number (see ``framing.run.pool``). ``on_skip``, when given,
    receives each ``Skipped`` instead (e.g. to stream them to an error report). ``ids``
    counts repeated article ids (``IdTally``).
    """
    if on_skip is None and skipped is not None:
        on_skip = skipped.append
    articles = iter_articles(
        inputs, text_column=text_column, id_column=id_column, on_skip=on_skip, ids=ids
    )
    dirs, models = as_dirs(lexicon_dirs), as_dirs(model_paths)
    if jobs == 1:
        scorer = scorer or shared_scorer(dirs, models)
        scores = scorer.score_all(articles)
    else:
        from framing.run.pool import ScorerSpec, score_parallel

        if scorer is not None:
            spec = ScorerSpec.of(scorer)
        else:
            spec = ScorerSpec(lexicon_dirs=dirs, model_paths=models)
            scorer = shared_scorer(dirs, models)
        scores = score_parallel(articles, spec, jobs=jobs, scorer=scorer)
    if ids is None:
        yield from scores
    else:
        yield from (ids.scored(s) for s in scores)


def score_texts(
    texts: str | Iterable[str],
    *,
    ids: Iterable[Any] | None = None,
    **options: Any,
) -> Generator[ArticleScore, None, None]:
    """Score bare texts, lazily, in order: ids ``0`` .. ``n-1``, or ``ids`` (one per text).

    Each text is read as a JSONL ``text`` field would be (cleaned, title and outlet found
    in it); ``options`` are those of ``score_corpus`` (``lexicon_dirs``, ``jobs`` ...).
    """
    if isinstance(texts, str):
        texts = [texts]
    if ids is None:
        records: Iterable[dict[str, Any]] = ({"text": t} for t in texts)
    else:
        ids = list(ids) if not isinstance(ids, Sequence) else ids
        texts = list(texts)
        if len(ids) != len(texts):
            raise UsageError(
                f"score_texts: {len(texts)} texts but {len(ids)} ids; give one id per text"
            )
        records = ({"text": t, "id": str(i)} for t, i in zip(texts, ids, strict=True))
    for key in ("text_column", "id_column"):
        if key in options:
            raise UsageError(f"score_texts: {key}= does not apply to bare texts")
    yield from score_corpus(_texts_checked(records), **options)


def _texts_checked(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for position, record in enumerate(records):
        if not isinstance(record["text"], str):
            found = type(record["text"]).__name__
            raise UsageError(f"score_texts: text {position} is not a string (found {found})")
        yield record


def to_dataframe(scores: Iterable[ArticleScore], *, evidence: bool = False) -> pd.DataFrame:
    """One row per article (the columns of ``ArticleScore.to_dict``) as a pandas DataFrame, in
    the order of ``scores`` (which ``score_corpus`` gives in input order)."""
    import pandas as pd

    return pd.DataFrame([s.to_dict(evidence=evidence) for s in scores])
