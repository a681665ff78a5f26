"""Comparison: outlets (or any grouping) compared on scored articles.

``grouping`` (groups, periods, pairs to contrast), ``stats`` (bootstrap intervals, Welch,
Brunner-Munzel and permutation tests, families, effect sizes), ``evidence`` (distinctive terms
and keyword-in-context lines), ``syndication`` (reprints and rewrites, counted once),
``compare`` (the ``Comparison`` record and its rows), ``scores_file`` (a ``framing score``
output read back, compared without rescoring), ``plots`` (the figures), ``report`` (the
self-contained HTML page), ``vocabulary`` (open-vocabulary distinctive terms and
collocations per group) and ``concordance`` (keyword in context, and a lexicon's entries
diagnosed on a corpus with the scorer's matcher). May import ``framing.run`` (to score a
corpus given as paths), scoring, axes and corpus, ``framing.records``, ``framing.errors`` and
``framing.text``; never the CLI. (Named ``comparison`` so that ``framing.compare`` stays the
public function.)
"""
