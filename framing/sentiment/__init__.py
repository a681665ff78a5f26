"""Sentiment: VADER per sentence (``vader``, exact and faster) and its aggregation over an
article (``aggregate``). May import ``framing.records`` and ``framing.errors``; nothing
downstream.
"""
