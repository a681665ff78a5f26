"""Scoring: one article or one batch -> ``ArticleScore`` (lexicon axes with evidence, model
components, frames, sentiment), and ``explain`` for one article sentence by sentence.

The scorer scores what it is given; it does not know who runs it (a plain loop, the worker
pool or Dask, all in ``framing.run``). May import corpus (to read an article for ``explain``),
axes, sentiment, models, ``framing.records``, ``framing.errors`` and ``framing.text``; never
``framing.run``, ``framing.comparison`` or the CLI.
"""
