"""Axes: lexicon files and the matcher that finds their entries in a tokenised sentence.

``lexicon`` loads and checks the YAML lexicon files (an axis is data: two poles and weighted
entries); ``match`` finds every entry with its evidence. May import ``framing.errors``,
``framing.records``, ``framing.data`` and ``framing.text``; nothing downstream.
"""
