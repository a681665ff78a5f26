"""A coding sheet for human validation: a stratified, shuffled, outlet-masked sample.

``framing sample PATH... --n N --by FIELD --seed S -o sheet.csv`` draws ``N`` articles,
stratified by a metadata field, and writes two files:

* the **sheet** (``sheet.csv``): ``id`` (an opaque sample id, ``s001`` ...), ``title`` and
  ``text`` with outlet names masked (``framing.corpus.masking``: the known outlets, bylines,
  URLs, and every outlet name of this corpus), then blank code columns ``coder1`` ...
  ``coderK`` for coders who work blind;
* the **key** (``sheet.key.csv``, kept apart, never given to coders): ``id`` → the article's
  own ``article_id``, the stratum, ``outlet``, ``outlet_type``, ``date`` and ``source`` (file
  and line it was read from).

Allocation (``allocate``): with ``k`` strata of sizes ``N_1 .. N_k`` (``N`` in all) and
``n <= N`` places, when ``n >= k`` every stratum first gets one article, and the remaining
``n - k`` places are shared in proportion to the strata's sizes by largest remainder (ties:
the larger stratum, then the name), never more than a stratum has (what a full stratum
cannot take is shared among the others the same way). When ``n < k`` the ``n`` largest
strata get one each (ties by name). ``n > N`` takes every article.

Seeded: within a stratum the candidates are sorted by (id, source) and drawn with
``random.Random(f"{seed}|{stratum}")``; the drawn articles are shuffled with
``random.Random(seed)``. The same corpus and seed give the same sheet, whatever order the
inputs were read in. The sheet is also a corpus: ``framing score sheet.csv`` scores the
masked texts the coders read, under the sheet's ids, so ``framing validate sheet.csv
--scores scores.csv`` needs no key; scores of the original articles join through ``--key``.

The articles are held in memory until the draw (the strata's sizes must be known first).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.corpus.masking import leaks, mask, mask_names
from framing.errors import InputError, UsageError
from framing.records import Article

#: Fields every article has, listed first when a misspelt ``--by`` is reported.
CORE = ("outlet", "outlet_type", "date", "title", "url")
MISSING = "unknown"


@dataclass(frozen=True)
class SampleRow:
    """One sampled article: its sheet id, the masked texts, and what the key records."""

    id: str
    article_id: str
    stratum: str
    outlet: str
    outlet_type: str
    date: str
    source: str
    title: str
    text: str

    def sheet(self, coders: int) -> dict[str, Any]:
        row: dict[str, Any] = {"id": self.id, "title": self.title, "text": self.text}
        row.update({f"coder{i}": "" for i in range(1, coders + 1)})
        return row

    def key(self, by: str) -> dict[str, Any]:
        row = {
            "id": self.id,
            "article_id": self.article_id,
            "outlet": self.outlet,
            "outlet_type": self.outlet_type,
            "date": self.date,
        }
        if by not in row:
            row[by] = self.stratum
        row["source"] = self.source
        return row


@dataclass(frozen=True)
class Sample:
    """A drawn sample: rows in coding order, stratum sizes and quotas, notes."""

    by: str
    seed: int
    rows: tuple[SampleRow, ...]
    sizes: dict[str, int]
    quotas: dict[str, int]
    notes: tuple[str, ...] = field(default=())

    def key_columns(self) -> list[str]:
        columns = ["id", "article_id", "outlet", "outlet_type", "date"]
        return [*columns, *([self.by] if self.by not in columns else []), "source"]

    def summary(self) -> list[dict[str, Any]]:
        """One row per stratum: articles in the corpus and in the sample."""
        return [
            {self.by: s, "corpus": self.sizes[s], "sampled": self.quotas[s]}
            for s in sorted(self.sizes, key=lambda s: (-self.sizes[s], s))
        ]


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Places per stratum (the rule in the module docstring)."""
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    order = sorted(sizes, key=lambda s: (-sizes[s], s))
    quotas = dict.fromkeys(sizes, 0)
    if n < len(sizes):
        for s in order[:n]:
            quotas[s] = 1
        return quotas
    for s in sizes:
        quotas[s] = 1
    left = n - len(sizes)
    while left > 0:
        open_ = [s for s in order if quotas[s] < sizes[s]]
        weight = sum(sizes[s] for s in open_)
        shares = {s: left * sizes[s] / weight for s in open_}
        given = 0
        for s in open_:
            add = min(int(shares[s]), sizes[s] - quotas[s])
            quotas[s] += add
            given += add
        rest = left - given
        by_remainder = sorted(open_, key=lambda s: (-(shares[s] - int(shares[s])), -sizes[s], s))
        for s in by_remainder:
            if rest == 0:
                break
            if quotas[s] < sizes[s]:
                quotas[s] += 1
                rest -= 1
        left = rest
    return quotas


def _stratum(article: Article, by: str) -> str | None:
    value = article.get(by)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value).strip()


def draw_sample(
    articles: Iterable[Article], *, n: int, by: str = "outlet", seed: int = 0
) -> Sample:
    """Draw ``n`` articles stratified by ``by`` (see the module docstring).

    Raises:
        UsageError: ``n`` < 1, or no article has the field ``by`` (the message lists the
            fields the articles have).
        InputError: no article at all.
    """
    if n < 1:
        raise UsageError(f"--n {n}: give a number of articles of at least 1")
    strata: dict[str, list[Article]] = defaultdict(list)
    fields: set[str] = set()
    missing = 0
    outlets: set[str] = set()
    for article in articles:
        stratum = _stratum(article, by)
        if stratum is None:
            missing += 1
            fields.update(k for k, v in article.meta.items() if v not in (None, ""))
            stratum = MISSING
        strata[stratum].append(article)
        outlets.add(article.outlet)
    total = sum(len(v) for v in strata.values())
    if not total:
        raise InputError("no article to sample: the inputs hold no readable article")
    if missing == total and by not in ("outlet", "outlet_type"):
        known = ", ".join([*CORE, *sorted(fields - set(CORE))])
        raise UsageError(f"--by {by}: no article has a field {by!r}. Available: {known}")
    sizes = {s: len(v) for s, v in strata.items()}
    quotas = allocate(sizes, n)
    chosen: list[tuple[str, Article]] = []
    for s in sorted(strata):
        pool = sorted(strata[s], key=lambda a: (a.id, a.source))
        chosen += [(s, a) for a in random.Random(f"{seed}|{s}").sample(pool, quotas[s])]
    random.Random(seed).shuffle(chosen)
    width = max(3, len(str(len(chosen))))
    rows = []
    leaky = 0
    for i, (s, a) in enumerate(chosen, 1):
        title = mask_names(mask(a.title), outlets)
        text = mask_names(mask(a.text), outlets)
        leaky += bool(leaks(f"{title}\n{text}"))
        rows.append(
            SampleRow(f"s{i:0{width}d}", a.id, s, a.outlet, a.outlet_type, a.date,
                      a.source, title, text)
        )  # fmt: skip
    notes = []
    if n > total:
        notes.append(f"--n {n} is more than the {total} articles: every article is in the sheet")
    if n < len(sizes):
        notes.append(
            f"--n {n} is fewer than the {len(sizes)} strata: {len(sizes) - n} of them are"
            " not in the sheet"
        )
    if missing:
        notes.append(f"{missing} article(s) without {by!r} form the stratum {MISSING!r}")
    if leaky:
        notes.append(
            f"{leaky} masked text(s) still hold an outlet-like name (framing.corpus.masking."
            "leaks): read them before the coders do"
        )
    return Sample(by, seed, tuple(rows), sizes, quotas, tuple(notes))


def sheet_columns(coders: int) -> Sequence[str]:
    return ["id", "title", "text", *(f"coder{i}" for i in range(1, coders + 1))]


__all__ = ["Sample", "SampleRow", "allocate", "draw_sample", "sheet_columns"]
