"""Corpus: finding, decoding, cleaning and reading articles into ``Article`` records.

Owns the readers for folders of .txt/.md/.html files (``files``), web pages (``html``,
trafilatura), WARC files (``warc``, FastWARC), CSV/TSV/JSON Lines (``tables``) and Parquet
(``parquet``), the corpus cut into independently readable parts for a cluster (``parts``),
their shared helpers (``common``), byte decoding (``decode``), page-furniture cleaning
(``clean``), outlet attribution with the outlet registry (``attribution``), outlet-name
masking for blind coding (``masking``) and the rows of table files that are not corpora
(``rows``: scores files, codes sheets); ``read.read_corpus`` is the one entry point. May
import only ``framing.errors``, ``framing.records``, ``framing.data`` and ``framing.text``:
nothing downstream (axes, models, scoring, run, comparison, CLI).
"""
