"""An evidence model: an axis's model component computed from its own lexicon evidence.

A text model (:mod:`framing.models.linear`) reads the words of a text; an evidence model
reads what the lexicon found in it, the ``AxisScore.evidence`` hits, and weighs them by how
they occur. Per pole, six features (``FEATURES``), each computed from the counted hits the
same way on every text:

* ``evidence``: the pole's summed weight, an entry matched ``n`` times counting
  ``weight * (1 + ln n)``, over ``prior + prior_per_1k_tokens * tokens / 1000`` (the lexicon
  formula's evidence, ``framing.scoring.scorer``);
* ``strong``: the same from entries of weight >= ``strong_weight`` only;
* ``lead``: the same from hits in the first ``lead_sentences`` sentences, over ``prior``;
* ``spread``: the share of sentences with a hit on the pole;
* ``distinct``: distinct entries matched, over the evidence denominator;
* ``negated``: hits of the pole's entries that did not count for it (negated or dismissed),
  over the evidence denominator.

The component is ``tanh(x . coef)`` with the negative pole's features entering negated and
no intercept: a text without a hit scores exactly 0, a text with as much evidence of one
kind for each pole scores 0 (the zero means "balanced or neither", issue 12). Pure Python at
scoring time; training (:func:`fit`) uses numpy and scipy. Why and how well, measured held
out: the threat_exchange card (``framing/data/models/threat_exchange_evidence.md``).

In a model file (format ``framing-model/1``) it is ``"estimator": "EvidenceModel"`` with
``params`` (the normalisers), ``features`` (the names, in ``coef`` order; a file whose
features are not this version's is refused), ``coef`` (plain JSON numbers), ``task`` as for
an axis text model (``kind: axis``, ``axis``, ``negative``, ``positive``,
``lexicon_weight``), ``training``, ``versions``, ``languages`` and ``checksum``; written by
:func:`framing.models.modelfile.evidence_payload`, read by :func:`from_payload` through
:func:`framing.models.modelfile.load`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.axes.lexicon import Scoring
from framing.records import Hit

ESTIMATOR = "EvidenceModel"
#: The per-pole features, in the order of each pole's block of ``coef``.
FEATURES = ("evidence", "strong", "lead", "spread", "distinct", "negated")
#: The normalisers a file must give, with their types.
PARAMS: dict[str, type | tuple[type, ...]] = {
    "prior": (int, float),
    "prior_per_1k_tokens": (int, float),
    "strong_weight": (int, float),
    "lead_sentences": int,
}


def feature_names(negative: str, positive: str) -> list[str]:
    """The names of ``coef``'s entries: ``<pole>.<feature>``, the negative pole first."""
    return [f"{pole}.{f}" for pole in (negative, positive) for f in FEATURES]


#: The features count repeats as the lexicon formula's ``repeats: log`` does.
_pole_weight = Scoring(repeats="log").pole_weight


def features(
    hits: Sequence[Hit],
    n_tokens: int,
    n_sentences: int,
    *,
    negative: str,
    positive: str,
    params: Mapping[str, Any],
) -> list[float]:
    """The feature row of one text (see the module docstring): the negative pole's six
    features negated, then the positive pole's."""
    den = params["prior"] + params["prior_per_1k_tokens"] * n_tokens / 1000
    row: list[float] = []
    for sign, pole in ((-1.0, negative), (1.0, positive)):
        counted = [h for h in hits if h.counted_for == pole]
        values = {
            "evidence": _pole_weight(counted) / den,
            "strong": _pole_weight([h for h in counted if h.weight >= params["strong_weight"]])
            / den,
            "lead": _pole_weight([h for h in counted if h.sentence < params["lead_sentences"]])
            / params["prior"],
            "spread": len({h.sentence for h in counted}) / max(1, n_sentences),
            "distinct": len({h.term for h in counted}) / den,
            "negated": sum(1 for h in hits if h.pole == pole and not h.counted_for) / den,
        }
        row += [sign * values[f] for f in FEATURES]
    return row


def fit(x: Any, y: Any, sample_weight: Any, l2: float = 0.05) -> Any:
    """Coefficients of ``tanh(x . b)`` by weighted least squares against ``y`` in [-1, 1],
    with an L2 penalty ``l2 * |b|^2`` (L-BFGS from 0; numpy and scipy, training only)."""
    import numpy as np
    from scipy.optimize import minimize

    x, y, sw = (np.asarray(v, dtype=float) for v in (x, y, sample_weight))

    def loss(b: Any) -> tuple[float, Any]:
        s = np.tanh(x @ b)
        r = s - y
        grad = x.T @ (sw * r * (1 - s**2)) * 2 / sw.sum() + 2 * l2 * b
        return float((sw * r**2).sum() / sw.sum() + l2 * (b @ b)), grad

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


@dataclass(frozen=True)
class EvidenceModel:
    """A loaded evidence model (see the module docstring); ``component`` scores a text's
    hits. Has what :class:`~framing.models.modelfile.LoadedModel` has for scoring: ``task``,
    ``languages``, ``checksum``, ``source``, ``kind`` and ``name``."""

    params: Mapping[str, Any]
    coef: tuple[float, ...]
    task: Mapping[str, Any]
    training: Mapping[str, Any]
    versions: Mapping[str, str]
    languages: tuple[str, ...]
    checksum: str
    source: str
    sha256: str = ""

    @property
    def kind(self) -> str:
        return "axis"

    @property
    def name(self) -> str:
        return Path(self.source).stem

    @property
    def negative(self) -> str:
        return str(self.task["negative"])

    @property
    def positive(self) -> str:
        return str(self.task["positive"])

    def component(self, hits: Sequence[Hit], n_tokens: int, n_sentences: int) -> float:
        """The model component of a text with these lexicon hits, in [-1, 1] (4 decimals)."""
        row = features(
            hits,
            n_tokens,
            n_sentences,
            negative=self.negative,
            positive=self.positive,
            params=self.params,
        )
        return round(math.tanh(sum(c * v for c, v in zip(self.coef, row, strict=True))), 4)

    def __repr__(self) -> str:
        return f"EvidenceModel({self.source!r}, axis={self.task.get('axis')!r})"


def from_payload(payload: dict[str, Any], source: str, sha256: str = "") -> EvidenceModel:
    """The model of a checksum-checked payload; ``ValueError`` naming what is wrong."""
    params = payload["params"]
    if not isinstance(params, dict) or set(params) != set(PARAMS):
        raise ValueError(f"params must have exactly the keys {sorted(PARAMS)}")
    for key, typ in PARAMS.items():
        value = params[key]
        if isinstance(value, bool) or not isinstance(value, typ):
            raise ValueError(f"param {key!r} must be a positive number")
        if not (isinstance(value, int | float) and value > 0):  # the types above are numbers
            raise ValueError(f"param {key!r} must be a positive number")
    task = payload["task"]
    if not isinstance(task, dict) or task.get("kind") != "axis":
        raise ValueError("an evidence model's task.kind must be 'axis'")
    for key in ("axis", "negative", "positive"):
        if not isinstance(task.get(key), str):
            raise ValueError(f"task.{key} must be a string")
    w = task.get("lexicon_weight")
    if isinstance(w, bool) or not isinstance(w, int | float) or not 0 <= w <= 1:
        raise ValueError("task.lexicon_weight must be a number in [0, 1]")
    expected = feature_names(task["negative"], task["positive"])
    if payload.get("features") != expected:
        raise ValueError(
            f"features {payload.get('features')!r} are not this version's ({expected}); "
            "re-train the model with this version of framing"
        )
    coef = payload["coef"]
    if (
        not isinstance(coef, list)
        or len(coef) != len(expected)
        or not all(isinstance(c, int | float) and math.isfinite(c) for c in coef)
    ):
        raise ValueError(f"coef must be {len(expected)} finite numbers")
    return EvidenceModel(
        params=dict(params),
        coef=tuple(float(c) for c in coef),
        task=dict(task),
        training=payload.get("training", {}),
        versions=payload.get("versions", {}),
        languages=tuple(payload.get("languages", ("en",))),
        checksum=payload["checksum"],
        source=source,
        sha256=sha256,
    )
