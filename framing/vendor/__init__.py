"""Code ported from other projects, each module with the licence it came under.

``punkt``: the sentence-boundary part of NLTK's Punkt tokenizer (Apache License 2.0, the
text in ``NLTK-LICENSE.txt`` beside it), so that splitting sentences does not import the
``nltk`` package, whose ``__init__`` loads scipy and scikit-learn (seconds per process).
May import nothing from ``framing``.
"""
