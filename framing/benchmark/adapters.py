"""One adapter per labeled set in ``../shared/datasets``, each with a declared label mapping,
plus the generic adapter for any CSV/JSONL with a text column and a label column.

An adapter knows where its set lives under the datasets folder, reads it with the loaders
(Hugging Face ``datasets``), turns each record into an ``Article`` whose ``meta`` holds the
labels, and lists the checks to run. Mappings and caveats are data here, so the result can
state them next to the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from framing.benchmark import loaders
from framing.benchmark.checks import (
    AxisContrast,
    Check,
    FrameMapping,
    FramesCheck,
    SentimentCheck,
    SentimentContrast,
)
from framing.benchmark.readers import (
    GVFC_TO_MFC,
    NARRATIVE_TO_MFC,
    SEMEVAL_FRAMES,
    article,
    read_allsides,
    read_babe,
    read_cn,
    read_gvfc,
    read_narrative,
    read_newsmtsc,
    read_outlet_articles,
    read_ppn,
    read_semeval,
    read_vader,
)
from framing.errors import UsageError
from framing.records import Article

STATE_MAINSTREAM = (
    "Outlet-level labels: every article of a state-affiliated outlet counts as state, every "
    "article of the other outlets as the wire pole, whatever its content. Topic, period and "
    "house style are confounded with tone."
)
MAINSTREAM_NOT_WIRE = (
    "The mainstream side is not a wire service here; the axis's +1 pole describes wire style, "
    "so a mainstream outlet that writes like a newspaper (analysis, opinion) need not score +1."
)
PER_OUTLET = (
    "Per-outlet rows: the outlet's texts against every text of the other class. AUC = how "
    "well the score separates this outlet from the other side; accuracy and coverage are on "
    "the outlet's own texts. The lexicon is not fitted, so only the majority baseline is "
    "leave-one-outlet-out (fitted on the other outlets); a trained model component is "
    "evaluated as shipped (in-sample if it was trained on this set)."
)


@dataclass(frozen=True)
class Adapter:
    """A labeled set: where it is, how its records become articles, what to check."""

    name: str
    description: str
    folder: str
    read: Callable[[Path], list[Article]]
    checks: tuple[Check, ...]
    notes: tuple[str, ...] = ()
    sentiment: bool = False
    axes: bool = True
    standalone: bool = False  # ``folder`` is the user's own path, not under --datasets

    def path(self, datasets_dir: str | Path) -> Path:
        return Path(datasets_dir) / self.folder

    def load(self, datasets_dir: str | Path) -> list[Article]:
        from framing.errors import InputError

        if self.standalone:
            return self.read(Path(self.folder))
        folder = self.path(datasets_dir)
        if not folder.is_dir():
            raise InputError(
                f"data set {self.name!r} not found (pass --datasets DIR, the folder that "
                f"holds {self.folder}/)",
                source=str(folder),
            )
        return self.read(folder)


def _state_wire(
    name: str,
    positive: tuple[str, ...],
    negative: tuple[str, ...],
    *,
    subset: str | None = None,
    notes: tuple[str, ...] = (),
) -> AxisContrast:
    return AxisContrast(
        name=name,
        axis="state_wire",
        label="group",
        positive=positive,
        negative=negative,
        positive_pole="state",
        group_by="outlet",
        subset=subset,
        notes=(*notes, PER_OUTLET),
    )


# --- the registry ---------------------------------------------------------------------------

ADAPTERS: dict[str, Adapter] = {}


def _register(adapter: Adapter) -> None:
    ADAPTERS[adapter.name] = adapter


_register(
    Adapter(
        name="democracy-chinadaily-vs-nyt",
        description="3,987 articles on 'democracy', China Daily (state) vs New York Times, 2013-15",
        folder="democracy-chinadaily-vs-nyt",
        read=read_outlet_articles,
        checks=(
            _state_wire(
                "state_wire: China Daily (state) vs NYT",
                ("state_affiliated",),
                ("mainstream",),
                notes=(STATE_MAINSTREAM, MAINSTREAM_NOT_WIRE),
            ),
        ),
    )
)
_register(
    Adapter(
        name="recovery-covid-rt-sputnik-presstv",
        description="1,606 COVID-19 articles: Sputnik, RT, Press TV (state) vs 22 mainstream "
        "outlets",
        folder="recovery-covid-rt-sputnik-presstv",
        read=read_outlet_articles,
        checks=(
            _state_wire(
                "state_wire: Russian/Iranian state vs mainstream",
                ("state_affiliated_russia", "state_affiliated_iran"),
                ("mainstream_reliable",),
                notes=(
                    STATE_MAINSTREAM,
                    MAINSTREAM_NOT_WIRE,
                    "Pravda Report (pro-Kremlin, private) is described per outlet "
                    "but left out of the contrast.",
                ),
            ),
        ),
    )
)
_register(
    Adapter(
        name="cn-state-media-headlines",
        description="27,486 headlines 2022: CGTN, Xinhua (state) vs BBC",
        folder="cn-state-media-headlines",
        read=read_cn,
        checks=(
            _state_wire(
                "state_wire: CGTN/Xinhua (state) vs BBC headlines",
                ("prc_state_media",),
                ("western_public_broadcaster",),
                notes=(
                    STATE_MAINSTREAM,
                    MAINSTREAM_NOT_WIRE,
                    "Headlines only: most have no lexicon hit (score 0, no call); see coverage.",
                ),
            ),
        ),
    )
)
_register(
    Adapter(
        name="ppn-rrn-propaganda",
        description="2,224 Russian state-backed pseudo-news articles vs 1,004 mainstream headlines",
        folder="ppn-rrn-propaganda",
        read=read_ppn,
        checks=(
            _state_wire(
                "state_wire: propaganda articles vs mainstream headlines (length-confounded)",
                ("state",),
                ("mainstream",),
                subset="long",
                notes=(
                    "LENGTH CONFOUND: the state side is full articles (~2.4k chars), the "
                    "mainstream side headlines only. A long text collects more hits and "
                    "scores further from 0, so this row measures length as much as "
                    "tone. The titles-only check below is the fair one.",
                ),
            ),
            _state_wire(
                "state_wire: propaganda titles vs mainstream headlines (length-matched)",
                ("state",),
                ("mainstream",),
                subset="short",
                notes=("Titles against titles: same length, same topic (the Ukraine war).",),
            ),
        ),
        notes=(STATE_MAINSTREAM,),
    )
)
_register(
    Adapter(
        name="allsides-abp-wire-subset",
        description="2,535 articles: Reuters, AP, Bloomberg (wire) and Al Jazeera (state-funded); "
        "BBC described",
        folder="allsides-abp-wire-subset",
        read=read_allsides,
        checks=(
            _state_wire(
                "state_wire: Al Jazeera (state-funded) vs wire services",
                ("state_funded_qatar",),
                ("wire",),
                notes=(
                    STATE_MAINSTREAM,
                    "BBC News (public broadcaster) is described per outlet but "
                    "left out of the contrast.",
                ),
            ),
        ),
    )
)
_register(
    Adapter(
        name="semeval23-t3-frames",
        description="347 English news articles with the 14 policy frames (SemEval-2023 Task 3)",
        folder="semeval23-t3-frames",
        read=read_semeval,
        checks=(
            FramesCheck(
                "frames (14 policy frames, multi-label)",
                "frames",
                SEMEVAL_FRAMES,
                notes=(
                    "If the frames model was trained on these articles, its rows are "
                    "in-sample (an upper bound), not a test.",
                ),
            ),
            AxisContrast(
                "threat_exchange: Security_and_defense vs Cultural_identity",
                axis="threat_exchange",
                label="pair",
                positive=("security",),
                negative=("cultural",),
                positive_pole="threat",
                group_by=None,
                notes=(
                    "Articles with Security_and_defense and not Cultural_identity "
                    "(threat pole) against the reverse; articles with both or neither "
                    "are left out.",
                    "If the model component comes from a frames model trained on these "
                    "articles, its rows are in-sample (an upper bound).",
                ),
            ),
        ),
    )
)
_register(
    Adapter(
        name="vader-groundtruth",
        description="VADER's own rated texts (Hutto & Gilbert 2014): NYT editorial sentences, "
        "tweets, movie and product reviews",
        folder="vader-groundtruth",
        read=read_vader,
        checks=(
            SentimentCheck(
                "sentiment against mean human rating (-4..+4)",
                "rating",
                group_by="domain",
                multi_sentence=True,
                notes=(
                    "VADER's paper (Hutto & Gilbert 2014, table 3) reports r = 0.492 on the NYT "
                    "editorial sentences, 0.881 on tweets, 0.451 on movie and 0.565 on product "
                    "reviews: vader_naive (one call per rated text) reproduces that setup.",
                    "framing splits each text into sentences and scores passages of up to 50 "
                    "word tokens (a shorter text is one passage: VADER on the whole text); the "
                    "'multi-sentence texts' rows are where the two can differ.",
                    "3-class F1 uses VADER's thresholds (>= 0.05, <= -0.05) on the gold mean "
                    "rating and on the prediction alike.",
                ),
            ),
        ),
        sentiment=True,
        axes=False,
    )
)
_register(
    Adapter(
        name="newsmtsc",
        description="NewsMTSC devtest sentences (political news), 3-class target sentiment",
        folder="newsmtsc",
        read=read_newsmtsc,
        checks=(
            SentimentCheck(
                "sentence sentiment against the annotated polarity (-1, 0, +1)",
                "polarity",
                group_by="split",
                notes=(
                    "NewsMTSC labels sentiment towards a target person, not the sentence's tone; "
                    "sentences whose targets disagree are left out. Pearson/Spearman are against "
                    "the ordinal label.",
                ),
            ),
        ),
        sentiment=True,
        axes=False,
    )
)
_register(
    Adapter(
        name="babe",
        description="BABE SG2: 3,673 news sentences labelled biased / non-biased by experts",
        folder="babe",
        read=read_babe,
        checks=(
            AxisContrast(
                "state_wire: biased (state pole) vs non-biased (wire pole)",
                axis="state_wire",
                label="bias",
                positive=("Biased",),
                negative=("Non-biased",),
                positive_pole="state",
                group_by=None,
                notes=(
                    "Sentence-level media bias (loaded words) is not state-media tone; "
                    "this asks whether the state pole's loaded language tracks it.",
                ),
            ),
            SentimentContrast(
                "sentiment strength |compound|: biased vs non-biased",
                "bias",
                ("Biased",),
                ("Non-biased",),
                notes=(
                    "A sentence is called biased when |compound| > 0.05 "
                    "(outside VADER's neutral band).",
                ),
            ),
        ),
        sentiment=True,
    )
)
_register(
    Adapter(
        name="gvfc",
        description="Gun Violence Frame Corpus: 1,300 headlines + lead sentences with 9 frames",
        folder="gvfc",
        read=read_gvfc,
        checks=(
            AxisContrast(
                "threat_exchange: school/public-space safety vs society/culture",
                axis="threat_exchange",
                label="theme",
                positive=("school/public space safety",),
                negative=("society/culture",),
                positive_pole="threat",
                group_by=None,
                notes=(
                    "Out of domain: gun-violence news. Safety framing is read as the "
                    "threat pole, society/culture as the exchange pole (primary "
                    "theme).",
                ),
            ),
            FrameMapping(
                "gvfc themes -> policy frames (out of domain)",
                gold=lambda a: set(a.get("themes") or ()),
                mapping=GVFC_TO_MFC,
            ),
        ),
    )
)
_register(
    Adapter(
        name="narrative-frames",
        description="427 climate-change articles with generic frames (conflict, moral, "
        "economic ...)",
        folder="narrative-frames",
        read=read_narrative,
        checks=(
            AxisContrast(
                "threat_exchange: conflict frame vs no conflict frame",
                axis="threat_exchange",
                label="conflict",
                positive=("yes",),
                negative=("no",),
                positive_pole="threat",
                group_by=None,
                notes=(
                    "Out of domain: climate news. Conflict is the generic frame "
                    "closest to threat; articles without it are not 'exchange' "
                    "framed, so AUC is the informative number here.",
                ),
            ),
            FrameMapping(
                "generic frames -> policy frames (out of domain)",
                gold=lambda a: set(a.get("frames") or ()),
                mapping=NARRATIVE_TO_MFC,
            ),
        ),
    )
)


def get_adapter(name: str) -> Adapter:
    if name not in ADAPTERS:
        raise UsageError(f"Unknown adapter {name!r}. Available: {', '.join(ADAPTERS)}")
    return ADAPTERS[name]


def generic_adapter(
    path: str | Path,
    *,
    label_column: str,
    positive: Iterable[str],
    negative: Iterable[str],
    axis: str,
    pole: str | None = None,
    text_column: str = "text",
    title_column: str | None = None,
    group_column: str | None = None,
    labels_file: str | Path | None = None,
    split: str = "train",
    allow_download: bool = False,
) -> Adapter:
    """An axis contrast on any labeled file: ``label_column`` values in ``positive`` should sit
    at ``pole`` (default: the pole whose id is the first positive value) of ``axis``."""
    positive, negative = tuple(positive), tuple(negative)
    if not positive or not negative:
        raise UsageError("a labeled file needs --positive VALUE and --negative VALUE")
    overlap = set(positive) & set(negative)
    if overlap:
        raise UsageError(f"label {sorted(overlap)[0]!r} is both --positive and --negative")
    positive_pole = pole or positive[0]

    def read(_: Path) -> list[Article]:
        ds = loaders.load_labeled(
            path, labels=labels_file, split=split, allow_download=allow_download
        )
        wanted = [c for c in (text_column, label_column, title_column, group_column) if c]
        missing = [c for c in wanted if c not in ds.column_names]
        if missing:
            raise UsageError(
                f"{path}: no column {missing[0]!r} (columns: {', '.join(ds.column_names)})"
            )
        return [
            article(
                i,
                r[text_column],
                title=r[title_column] if title_column else "",
                outlet=r[group_column] if group_column else "unknown",
                group=str(r[label_column]),
            )
            for i, r in enumerate(ds)
        ]

    check = AxisContrast(
        name=f"{axis}: {label_column} {'/'.join(positive)} vs {'/'.join(negative)}",
        axis=axis,
        label="group",
        positive=positive,
        negative=negative,
        positive_pole=positive_pole,
        group_by="outlet" if group_column else None,
        notes=(PER_OUTLET,) if group_column else (),
    )
    return Adapter(
        name="generic",
        description=f"labeled data {path}",
        folder=str(path),
        read=read,
        checks=(check,),
        standalone=True,
    )
