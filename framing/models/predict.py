"""Apply trained models while scoring: frame probabilities and axis model components.

The shipped models (``framing/data/models/*.json``) load with ``importlib.resources``, once per
process. A user model (``framing score --model FILE``) replaces the shipped one for the
same task: a frames model replaces the frames model, an axis model the model of its axis.

How an axis row is filled: ``<axis>_lexicon`` is the lexicon component, ``<axis>_model``
is ``2 * P(positive pole) - 1`` from a binary axis model; from an axis model with a neutral
class (``threat_exchange``: calibrated one-vs-rest probabilities of the two poles, the rest
is "neither") it is the equal-prior contrast of :func:`three_class_component`, 0 where the
text is as much evidence for one pole as for the other; from an older frames model that
serves an axis, the difference of two frame probabilities. The combined ``<axis>`` is
``w * lexicon + (1 - w) * model``, with ``w`` from the model file's mixing rule
(:class:`Mixing`, chosen by a held-out measurement, see the model cards): a fixed weight
(``lexicon_weight``), or one that grows with the lexicon's evidence in the text,
``w = w_max * h / (h + k)`` with ``h`` the summed weight of the counted lexicon hits, so
that a text the lexicon has nothing to say about (a headline without a hit) gets the
model's score. Both components are in [-1, 1], so the combination is too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from framing.errors import ModelError, UsageError
from framing.models.evidence import EvidenceModel
from framing.models.linear import Readings
from framing.models.modelfile import AnyModel, LoadedModel, load, loads
from framing.records import AxisScore

#: Model files shipped in ``framing/data/models/`` and loaded by default. The text model
#: ``threat_exchange.json`` is shipped too but not loaded: the evidence model
#: ``threat_exchange_evidence`` replaced it (its card says why); ``--model`` can load it.
SHIPPED = ("frames", "state_wire", "threat_exchange_evidence")


def three_class_component(
    p_negative: Any, p_positive: Any, rate_negative: Any, rate_positive: Any
) -> Any:
    """The model component of an axis with a neutral class, in [-1, 1].

    Each class's probability is divided by its training base rate (neutral: what the two
    poles leave), which removes the training set's mix of classes (SemEval's 41 % security
    articles would otherwise pull every text to the threat side); the component is the
    positive pole's share of that evidence minus the negative pole's:
    ``(l+ - l-) / (l+ + l- + l0)`` with ``l = p / base rate``. A text with no more evidence
    for one pole than for the other scores 0; one that looks like neither (``l0`` large)
    stays near 0.

    Plain numbers give a float (no numpy: the scoring path); arrays (broadcast) give an
    array, by the same operations.
    """
    args = (p_negative, p_positive, rate_negative, rate_positive)
    if all(isinstance(x, int | float) for x in args):
        return _contrast(*(float(x) for x in args), clip=_clip)
    import numpy as np

    p_neg, p_pos, r_neg, r_pos = (np.asarray(x, dtype=np.float64) for x in args)
    return _contrast(p_neg, p_pos, r_neg, r_pos, clip=np.clip)


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _contrast(p_neg: Any, p_pos: Any, rate_neg: Any, rate_pos: Any, *, clip: Any) -> Any:
    """:func:`three_class_component`'s formula (``clip``: for floats or for arrays)."""
    p_neutral = clip(1.0 - p_neg - p_pos, 0.01, 1.0)
    l_neg, l_pos = p_neg / rate_neg, p_pos / rate_pos
    l_neutral = p_neutral / (1.0 - rate_neg - rate_pos)
    return clip((l_pos - l_neg) / (l_pos + l_neg + l_neutral), -1.0, 1.0)


@dataclass(frozen=True)
class Mixing:
    """How an axis mixes its lexicon and model components (the file's ``task.mixing``).

    ``k = 0`` is a fixed lexicon weight ``w_max`` (``task.lexicon_weight``, how every file
    before evidence mixing was read). ``k > 0``: the lexicon's weight rises with its
    evidence ``h`` (summed weight of the counted hits) from 0 at no hit to ``w_max``,
    reaching half of it at ``h = k``.
    """

    w_max: float
    k: float = 0.0

    @classmethod
    def from_task(cls, task: Mapping[str, Any], default: float = 0.5) -> Mixing:
        """The rule a model file's ``task`` states (checked by ``modelfile``)."""
        spec = task.get("mixing")
        if isinstance(spec, Mapping) and spec.get("kind") == "evidence":
            return cls(float(spec["w_max"]), float(spec["k"]))
        return cls(float(task.get("lexicon_weight", default)))

    def weight(self, evidence: float) -> float:
        """The lexicon weight for a text whose counted lexicon hits sum to ``evidence``."""
        return lexicon_weight(self.w_max, self.k, evidence)

    def describe(self) -> str:
        if self.k <= 0:
            return f"w = {self.w_max:g}"
        return f"w = {self.w_max:g} * h / (h + {self.k:g}), h = summed weight of the lexicon hits"


def lexicon_weight(w_max: float, k: float, evidence: float) -> float:
    """``w_max * h / (h + k)`` (``w_max`` when ``k`` is 0): the one place the mixing is set."""
    if k <= 0:
        return w_max
    h = max(0.0, evidence)
    return w_max * h / (h + k)


@cache
def shipped_model(name: str) -> AnyModel:
    """A shipped model by name, read and checked once per process."""
    from framing.data import package_file

    node = package_file("data", "models", f"{name}.json")
    try:
        raw = node.read_bytes()
    except (FileNotFoundError, OSError) as exc:
        raise ModelError(
            f"framing/data/models/{name}.json: shipped model missing; reinstall the package."
        ) from exc
    return loads(raw, source=f"framing/data/models/{name}.json")


@dataclass(frozen=True)
class Prediction:
    """What the models say about one text."""

    frames: dict[str, float] = field(default_factory=dict)
    frames_predicted: tuple[str, ...] = ()
    axes: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class AxisModel:
    """How one axis gets its model component."""

    axis: str
    mixing: Mixing
    model: AnyModel
    positive: str = ""
    frame_positive: str = ""
    frame_negative: str = ""
    negative: str = ""
    base_rates: dict[str, float] = field(default_factory=dict)

    @property
    def lexicon_weight(self) -> float:
        """The largest lexicon weight (the fixed one when the mixing does not vary)."""
        return self.mixing.w_max

    @property
    def reads_hits(self) -> bool:
        """True for an evidence model: its component comes from the axis's lexicon hits."""
        return isinstance(self.model, EvidenceModel)


class ModelSet:
    """The models used while scoring: at most one frames model, one model per axis."""

    def __init__(self, models: Iterable[AnyModel] = ()) -> None:
        self.frames: LoadedModel | None = None
        self.axes: dict[str, AxisModel] = {}
        for m in models:
            self.add(m)

    def add(self, m: AnyModel) -> None:
        """Add a model; it replaces one for the same task (frames / the same axis)."""
        if isinstance(m, EvidenceModel):
            axis = str(m.task["axis"])
            self.axes[axis] = AxisModel(
                axis, Mixing.from_task(m.task), m, positive=m.positive, negative=m.negative
            )
        elif m.kind == "frames":
            self.frames = m
            labels = [str(c) for c in m.linear.classes_]
            for axis, spec in m.task.get("axes", {}).items():
                pos, neg = spec.get("positive_frame"), spec.get("negative_frame")
                if pos not in labels or neg not in labels:
                    raise ModelError(
                        f"{m.source}: axis {axis!r} names frames {pos!r}/{neg!r}, which the "
                        f"model does not have. Available: {', '.join(labels)}"
                    )
                if axis not in self.axes or self.axes[axis].model.kind == "frames":
                    self.axes[axis] = AxisModel(
                        axis,
                        Mixing.from_task(spec),
                        m,
                        frame_positive=pos,
                        frame_negative=neg,
                    )
        else:
            axis = m.task["axis"]
            self.axes[axis] = AxisModel(
                axis,
                Mixing.from_task(m.task),
                m,
                positive=m.task["positive"],
                negative=m.task["negative"],
                base_rates={k: float(v) for k, v in m.task.get("base_rates", {}).items()},
            )

    def check_axes(
        self, poles: Mapping[str, tuple[str, str]], available: Iterable[str] = ()
    ) -> None:
        """Refuse a model that does not fit the loaded lexicons, before anything is scored.

        ``poles``: axis id -> (negative, positive) pole ids of the lexicons scored;
        ``available``: every axis that could be loaded (``--axes`` may score fewer). A user
        model for an axis that is not available is a ``UsageError`` naming the ones that are
        (it would be ignored silently); an axis model whose poles are not the lexicon's, in
        order, is a ``ModelError`` (swapped poles would flip the sign of its component). A
        shipped model for an axis that is not loaded is simply not used.
        """
        known = sorted(set(poles) | set(available))
        # By checksum, not identity: a ModelSet sent to a spawned worker is a copy.
        shipped = {shipped_model(name).checksum for name in SHIPPED} if self.axes else set()
        for axis, am in self.axes.items():
            user = am.model.checksum not in shipped
            if axis not in known:
                if user:
                    raise UsageError(
                        f"--model {am.model.source}: axis {axis!r} is not a loaded lexicon. "
                        f"Available: {', '.join(known) or 'none'}"
                    )
                continue
            if am.frame_positive or axis not in poles:
                continue  # a frames-derived component has frames, not poles
            negative, positive = poles[axis]
            model_poles = (str(am.model.task.get("negative")), str(am.model.task.get("positive")))
            if model_poles != (negative, positive):
                raise ModelError(
                    f"{am.model.source}: the model's poles (negative {model_poles[0]!r}, "
                    f"positive {model_poles[1]!r}) are not those of lexicon {axis!r} (negative "
                    f"{negative!r}, positive {positive!r}); retrain it with the lexicon's pole "
                    "ids as labels"
                )

    def __bool__(self) -> bool:
        return self.frames is not None or bool(self.axes)

    def in_use(self, axes: Iterable[str]) -> list[AnyModel]:
        """The models that read the texts when ``axes`` are scored: the frames model, then
        each of those axes' models, each once (a shipped model of another axis is not used)."""
        used: list[AnyModel] = [self.frames] if self.frames is not None else []
        for axis in axes:
            if axis in self.axes and all(m is not self.axes[axis].model for m in used):
                used.append(self.axes[axis].model)
        return used

    def describe(self) -> list[dict[str, Any]]:
        """One row per model in use: task, source, checksum."""
        rows = []
        if self.frames is not None:
            rows.append({"task": "frames", "source": self.frames.source})
        for axis, am in self.axes.items():
            rows.append({"task": f"axis {axis}", "source": am.model.source})
        return rows

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Frame probabilities, predicted frames and axis components for each text.

        Each text is read once per way of reading it (``Readings``): models with the same
        tokenization and n-grams share its counts. Pure Python: neither numpy nor
        scikit-learn is imported."""
        n = len(texts)
        readings = Readings(texts)
        frames: list[dict[str, float]] = [{} for _ in range(n)]
        predicted: list[tuple[str, ...]] = [() for _ in range(n)]
        frames_proba = None
        if self.frames is not None and n:
            est = self.frames.linear
            proba = frames_proba = est.proba_rows(readings)
            names = [str(c) for c in est.classes_]
            for i in range(n):
                frames[i] = {name: round(p, 4) for name, p in zip(names, proba[i], strict=True)}
                predicted[i] = tuple(
                    name
                    for name, p, t in zip(names, proba[i], est.thresholds_, strict=True)
                    if p >= t
                )
        axes: list[dict[str, float]] = [{} for _ in range(n)]
        for axis, am in self.axes.items():
            if not n:
                break
            if not isinstance(am.model, LoadedModel):
                continue  # an evidence model reads the hits: ``from_hits``
            if am.frame_positive:
                # A frames model may have been replaced by a user's; the axis keeps the
                # frames model it was measured with.
                est = am.model.linear
                names = [str(c) for c in est.classes_]
                pos, neg = names.index(am.frame_positive), names.index(am.frame_negative)
                if am.model is self.frames and frames_proba is not None:
                    proba = frames_proba
                else:
                    proba = est.proba_rows(readings)
                for i in range(n):
                    value = round(proba[i][pos], 4) - round(proba[i][neg], 4)
                    axes[i][axis] = round(_clip(value, -1.0, 1.0), 4)
                continue
            est = am.model.linear
            proba = est.proba_rows(readings)
            labels = [str(c) for c in est.classes_]
            col = labels.index(am.positive)
            if est.multilabel_:
                neg = labels.index(am.negative)
                rate_neg, rate_pos = am.base_rates[am.negative], am.base_rates[am.positive]
                for i in range(n):
                    value = three_class_component(proba[i][neg], proba[i][col], rate_neg, rate_pos)
                    axes[i][axis] = round(value, 4)
                continue
            for i in range(n):
                axes[i][axis] = round(2 * proba[i][col] - 1, 4)
        return [Prediction(frames[i], predicted[i], axes[i]) for i in range(n)]

    def from_hits(
        self, axes: Mapping[str, AxisScore], n_tokens: int, n_sentences: int
    ) -> dict[str, float]:
        """The components of the axes whose model is an evidence model, from each axis's
        lexicon hits (``AxisScore.evidence``) and its text's token and sentence counts."""
        return {
            axis: am.model.component(axes[axis].evidence, n_tokens, n_sentences)
            for axis, am in self.axes.items()
            if isinstance(am.model, EvidenceModel) and axis in axes
        }

    def weight(self, axis: str, evidence: float = 0.0) -> float:
        """The lexicon weight for ``axis`` in a text with lexicon evidence ``evidence``."""
        return self.axes[axis].mixing.weight(evidence)

    def combine(self, axis: str, lexicon: float, model: float, evidence: float = 0.0) -> float:
        """The combined axis score in [-1, 1]: ``w * lexicon + (1 - w) * model`` with the
        model file's weight for this much lexicon evidence (summed counted hit weight)."""
        w = self.weight(axis, evidence)
        return round(max(-1.0, min(1.0, w * lexicon + (1 - w) * model)), 4)


def load_models(paths: Iterable[str | Path] = (), *, shipped: bool = True) -> ModelSet:
    """The shipped models (unless ``shipped=False``), then user model files on top."""
    models = ModelSet()
    if shipped:
        for name in SHIPPED:
            models.add(shipped_model(name))
    for path in paths:
        models.add(load(path))
    return models


@cache
def default_models() -> ModelSet:
    """The shipped models, loaded once."""
    return load_models()
