"""Run: how a corpus gets scored and written.

``local`` (``score_corpus``: one process, in input order), ``pool`` (worker processes,
same rows in the same order), ``checkpoint`` (resumable output files, error reports),
``engine_dask`` (the cluster engine), ``output`` (row writers: table, CSV, TSV, JSON Lines,
JSON, Parquet), ``files`` (atomic writes, locks), ``provenance`` (what produced an output)
and ``progress`` (cheap totals for the progress line). Imports the scorer and the corpus
readers; nothing in scoring, axes, models or corpus imports this package.
"""
