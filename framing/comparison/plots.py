"""The report's figures: matplotlib drawn to inline SVG (text kept as text), one function each.

Group colours are the Okabe-Ito palette (Okabe & Ito 2008, without its yellow, too light on
white), keyed by group value so an outlet keeps its colour in every period; frame profiles
use a colour-blind-safe diverging map (ColorBrewer PuOr) around the corpus mean.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing.comparison.compare import Comparison

MAX_COLOURED_GROUPS = 7
#: Okabe & Ito (2008), without the yellow (too light on white); beyond these, grey.
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
#: A colour-blind-safe diverging map (ColorBrewer PuOr) for differences from the corpus mean.
DIVERGING = "PuOr_r"


def to_svg(fig: Any, salt: str) -> str:
    """A figure as inline SVG: text as text, ids unique per figure, no metadata or DOCTYPE."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", svg, count=1)


def group_colours(result: Comparison) -> dict[str, str]:
    """A colour per group *value* (the same outlet keeps its colour in every period)."""
    values = list(dict.fromkeys(g.value or g.group for g in result.groups))
    colours = {
        v: _PALETTE[i] if i < MAX_COLOURED_GROUPS - 1 or len(values) <= MAX_COLOURED_GROUPS
        else "#9aa3ad"
        for i, v in enumerate(values)
    }  # fmt: skip
    for g in result.groups:
        colours[g.group] = colours[g.value or g.group]
    return colours


def dot_interval(result: Comparison, measure: str, colours: dict[str, str]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = list(result.groups)
    height = 0.9 + 0.32 * len(groups)
    fig, ax = plt.subplots(figsize=(4.4, height))
    for i, g in enumerate(reversed(groups)):
        est = g.estimates[measure]
        if est.mean is None:
            continue
        colour = colours.get(g.group, "#9aa3ad")
        if est.low is not None and est.high is not None:
            ax.plot([est.low, est.high], [i, i], color=colour, lw=2.2, solid_capstyle="round")
        ax.plot(
            [est.mean], [i], "o", color=colour if est.low is not None else "white",
            markeredgecolor=colour, markersize=6.5,
        )  # fmt: skip
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels([f"{g.group}  (n={g.n})" for g in reversed(groups)], fontsize=8)
    if measure in result.axes:
        neg, pos = result.axes[measure]
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel(f"← {neg}      {measure}      {pos} →", fontsize=8.5)
    else:
        ax.set_xlabel(measure, fontsize=8.5)
    ax.axvline(0, color="#bbbbbb", lw=0.8, zorder=0)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_ylim(-0.7, len(groups) - 0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#eeeeee", lw=0.6)
    return to_svg(fig, f"dot-{measure}")


def article_map(result: Comparison, colours: dict[str, str]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    xa, ya = list(result.axes)[:2]
    fig, ax = plt.subplots(figsize=(6.4, 5.0))
    rng = np.random.default_rng(0)
    by_group: dict[str, list[tuple[float, float]]] = {}
    for _id, group, x, y in result.points:
        by_group.setdefault(group, []).append((x, y))
    n_total = max(1, len(result.points))
    size = 30 if n_total < 200 else 12 if n_total < 2000 else 5
    for group, pts in by_group.items():
        colour = colours.get(group, colours.get(group.split(" | ")[0], "#9aa3ad"))
        arr = np.asarray(pts)
        # Lexicon scores pile up on a few values; a little jitter shows how many there are.
        jitter = rng.normal(0, 0.012, arr.shape) if n_total > 20 else 0
        arr = arr + jitter
        ax.scatter(arr[:, 0], arr[:, 1], s=size, alpha=0.75 if n_total < 200 else 0.45,
                   color=colour, label=f"{group} ({len(pts)})",
                   edgecolors="none")  # fmt: skip
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.axhline(0, color="#cccccc", lw=0.8, zorder=0)
    ax.axvline(0, color="#cccccc", lw=0.8, zorder=0)
    (xn, xp), (yn, yp) = result.axes[xa], result.axes[ya]
    ax.set_xlabel(f"← {xn}      {xa}      {xp} →", fontsize=9)
    ax.set_ylabel(f"← {yn}      {ya}      {yp} →", fontsize=9)
    ax.tick_params(labelsize=8)
    if len(by_group) <= 12:
        ax.legend(fontsize=7.5, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return to_svg(fig, "map")


def frame_profile(result: Comparison) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    frames = [m for m in result.measures if m.startswith("frame_")]
    groups = list(result.groups)
    means = np.array(
        [[g.estimates[f].mean if g.estimates[f].mean is not None else np.nan for f in frames]
         for g in groups]
    )  # fmt: skip
    weights = np.array([[g.n] for g in groups], dtype=float) * ~np.isnan(means)
    corpus = np.nansum(means * weights, axis=0) / np.maximum(weights.sum(axis=0), 1e-12)
    data = means - corpus
    span = max(0.01, float(np.nanmax(np.abs(data))) if np.isfinite(data).any() else 0.01)
    fig, ax = plt.subplots(figsize=(max(5.0, 0.55 * len(frames) + 2.5), 0.9 + 0.34 * len(groups)))
    image = ax.imshow(data, aspect="auto", cmap=DIVERGING, vmin=-span, vmax=span)
    ax.set_xticks(range(len(frames)))
    ax.set_xticklabels([f[len("frame_") :] for f in frames], rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels([g.group for g in groups], fontsize=8)
    for i in range(len(groups)):
        for j in range(len(frames)):
            if not np.isnan(data[i, j]):
                colour = "white" if abs(data[i, j]) > 0.6 * span else "#1d2430"
                ax.text(j, i, f"{data[i, j]:+.2f}", ha="center", va="center", fontsize=7,
                        color=colour)  # fmt: skip
    fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02).ax.tick_params(labelsize=7)
    return to_svg(fig, "frames")


def primary_measures(result: Comparison) -> list[str]:
    return [m for m in result.measures if m in result.axes or m == "sentiment_compound"]


def tested_contrasts(result: Comparison, measure: str) -> list[Any]:
    return [c for c in result.contrasts if c.measure == measure and c.p_adjusted is not None]


#: Contrasts drawn in a forest plot per measure (the largest differences when there are more).
MAX_FOREST = 12


def forest(result: Comparison, measure: str) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.comparison.compare import ALPHA

    rows = [
        c for c in tested_contrasts(result, measure) if c.low is not None and c.diff is not None
    ]
    if not rows:
        return None
    rows = sorted(rows, key=lambda c: abs(c.diff), reverse=True)[:MAX_FOREST]
    rows = sorted(rows, key=lambda c: c.diff)
    fig, ax = plt.subplots(figsize=(4.4, 0.8 + 0.28 * len(rows)))
    for i, c in enumerate(rows):
        sig = c.p_adjusted is not None and c.p_adjusted < ALPHA
        colour = "#0072B2" if sig else "#8a929c"
        ax.plot([c.low, c.high], [i, i], color=colour, lw=2, solid_capstyle="round")
        ax.plot([c.diff], [i], "o", color=colour if sig else "white", markeredgecolor=colour,
                markersize=6)  # fmt: skip
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{c.a} − {c.b}" for c in rows], fontsize=8)
    ax.axvline(0, color="#bbbbbb", lw=0.8, zorder=0)
    ax.set_xlabel(f"difference in {measure} (filled: adjusted p < {ALPHA:g})", fontsize=8.5)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#eeeeee", lw=0.6)
    return to_svg(fig, f"forest-{measure}")


def timeseries(result: Comparison, measure: str, colours: dict[str, str]) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.comparison.grouping import UNDATED

    periods = sorted({g.period for g in result.groups if g.period and g.period != UNDATED})
    if len(periods) < 2:
        return None
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    x_of = {p: i for i, p in enumerate(periods)}
    for value in dict.fromkeys(g.value for g in result.groups):
        pts = [
            (x_of[g.period], g.estimates[measure])
            for g in result.groups
            if g.value == value and g.period in x_of and g.estimates[measure].mean is not None
        ]
        if not pts:
            continue
        colour = colours.get(value, "#9aa3ad")
        xs = [x for x, _ in pts]
        ax.plot(
            xs,
            [float(e.mean or 0.0) for _, e in pts],
            "o-",
            color=colour,
            lw=1.6,
            ms=4,
            label=value,
        )
        band = [(x, e.low, e.high) for x, e in pts if e.low is not None and e.high is not None]
        if band:
            ax.fill_between([b[0] for b in band], [b[1] for b in band], [b[2] for b in band],
                            color=colour, alpha=0.15, lw=0)  # fmt: skip
    ax.set_xticks(range(len(periods)))
    step = max(1, len(periods) // 12)
    ax.set_xticklabels([p if i % step == 0 else "" for i, p in enumerate(periods)], fontsize=7.5,
                       rotation=30, ha="right")  # fmt: skip
    ax.set_ylabel(measure, fontsize=8.5)
    ax.tick_params(axis="y", labelsize=8)
    ax.axhline(0, color="#cccccc", lw=0.8, zorder=0)
    ax.legend(fontsize=7.5, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return to_svg(fig, f"time-{measure}")
