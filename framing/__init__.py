"""framing: measure how news outlets frame a story.

    import framing
    row = framing.score("Officials warned of espionage ...").to_dict()
    for s in framing.score_corpus(["seeds/"]): print(s.article.outlet, s.axes["state_wire"].score)
    df = framing.to_dataframe(framing.score_corpus(["seeds/"]))
    table = framing.compare(["seeds/"], by="outlet")
"""

from __future__ import annotations

__version__ = "0.1.0"
