"""A self-contained HTML report of a ``Comparison``: one file, no network, readable and printable.

The first screen answers: one sentence per axis (and mean sentiment) on what differs and how
surely (from the primary family's adjusted p-values), then dot plots of the group means with
their intervals, then the contrasts against ``--reference`` (or every pair) as a forest plot.
The details follow, folded in ``<details>``: the full tables, the time series (``--every``),
the map of the articles, the frame profile (difference from the corpus mean, diverging
scale), the distinctive terms with their evidence and the syndication clusters. Colours are
the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies.

Plots are matplotlib figures inlined as SVG with text kept as text (``svg.fonttype: none``:
small, sharp, searchable, and no font files to embed); styles are inline CSS with a print
sheet; the only script is a three-line error recorder (so a browser test can see that the page
ran clean). Nothing is fetched: no external scripts, fonts, style sheets or images.
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING, Any

from framing._version import __version__

if TYPE_CHECKING:
    from framing.comparison.compare import Comparison

MAX_COLOURED_GROUPS = 7
#: Okabe & Ito (2008), without the yellow (too light on white); beyond these, grey.
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
#: A colour-blind-safe diverging map (ColorBrewer PuOr) for differences from the corpus mean.
DIVERGING = "PuOr_r"

CSS = """
:root { --ink:#1d2430; --muted:#5b6472; --rule:#d8dde5; --bg:#ffffff; --band:#f4f6f9;
        --warn:#9a3b00; --accent:#1b6ca8; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
main { max-width:1240px; margin:0 auto; padding:14px 24px 48px; }
h1 { font-size:1.35rem; margin:0 0 2px; } h2 { font-size:1.1rem; margin:18px 0 6px;
  padding-bottom:3px; border-bottom:2px solid var(--rule); }
#summary h2 { margin-top:8px; }
ul.answers { margin:4px 0 6px; padding-left:1.1em; } ul.answers li { margin:2px 0; }
.sure { font-weight:600; } .unsure { color:var(--muted); }
details { margin:10px 0; border:1px solid var(--rule); border-radius:4px; padding:4px 10px; }
details > summary { cursor:pointer; font-weight:600; padding:4px 0; }
.grid3 { display:grid; grid-template-columns:repeat(auto-fit,minmax(360px,1fr)); gap:4px 18px; }
h3 { font-size:1rem; margin:18px 0 6px; }
.meta { color:var(--muted); margin:0 0 12px; font-size:.9rem; }
nav { font-size:.9rem; margin:8px 0 16px; } nav a { color:var(--accent); margin-right:14px; }
table { border-collapse:collapse; width:100%; font-size:.85rem; margin:6px 0 12px; }
th, td { padding:4px 8px; border-bottom:1px solid var(--rule); text-align:left;
  vertical-align:top; }
th { background:var(--band); font-weight:600; }
td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
tr:nth-child(even) td { background:#fafbfc; }
.warn { color:var(--warn); font-weight:600; }
.scroll { overflow-x:auto; }
figure { margin:8px 0 16px; } figure svg { width:100%; height:auto; max-width:100%; }
#map figure svg { max-width:760px; } .grid3 figure { margin:2px 0 6px; }
figcaption { color:var(--muted); font-size:.85rem; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(440px,1fr)); gap:8px 24px; }
.kwic { font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace; font-size:.78rem;
  color:var(--muted); margin:0; padding-left:1em; list-style:none; }
.kwic mark { background:#fff1a8; color:var(--ink); }
.terms td:first-child { white-space:nowrap; }
footer { color:var(--muted); font-size:.8rem; margin-top:32px; }
@media print {
  @page { size:A4; margin:14mm 12mm; }
  body { font-size:10.5pt; } main { max-width:none; padding:0; } nav { display:none; }
  h2 { break-after:avoid; } figure, table, .group-terms { break-inside:avoid; }
  tr:nth-child(even) td { background:none; } .scroll { overflow:visible; }
  details { border:none; padding:0; } details > summary { display:none; }
}
"""

ERROR_RECORDER = (
    "<script>window.addEventListener('error',function(e){var d=document.documentElement;"
    "d.setAttribute('data-js-errors',(d.getAttribute('data-js-errors')||'')+e.message+';');});"
    "window.addEventListener('beforeprint',function(){document.querySelectorAll('details')"
    ".forEach(function(d){d.open=true;});});</script>"
)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _num(value: Any, fmt: str = "{:+.3f}") -> str:
    return "" if value is None else fmt.format(value)


def _p(value: float | None) -> str:
    if value is None:
        return ""
    return "&lt;0.001" if value < 0.001 else f"{value:.3f}"


def _svg(fig: Any, salt: str) -> str:
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


def _colours(result: Comparison) -> dict[str, str]:
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


def _dot_interval(result: Comparison, measure: str, colours: dict[str, str]) -> str:
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
    return _svg(fig, f"dot-{measure}")


def _map(result: Comparison, colours: dict[str, str]) -> str:
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
    return _svg(fig, "map")


def _frames(result: Comparison) -> str:
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
    return _svg(fig, "frames")


def _table(rows: list[dict[str, Any]], numeric: set[str], warn: str = "warning") -> str:
    if not rows:
        return "<p class='meta'>(none)</p>"
    cols = list(rows[0])
    head = "".join(f"<th>{_e(c)}</th>" for c in cols)
    body = []
    for r in rows:
        cells = []
        for c in cols:
            cls = ' class="num"' if c in numeric else (' class="warn"' if c == warn else "")
            value = r[c] if c in numeric else _e(r[c])
            cells.append(f"<td{cls}>{value}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<div class='scroll'><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"  # noqa: E501


def _group_table(result: Comparison) -> str:
    """Axes and sentiment, a row per group (frames have their own table: 14 more columns
    would push the table off a screen)."""
    shown = [
        m
        for m in result.measures
        if m not in ("sentiment_pos_share", "sentiment_neg_share") and not m.startswith("frame_")
    ]
    rows = []
    for g in result.groups:
        row: dict[str, Any] = {result.by: g.group, "n": str(g.n)}
        if g.n_articles != g.n:
            row["n"] = f"{g.n} ({g.n_articles} articles)"
        for m in shown:
            est = g.estimates[m]
            ci = "" if est.low is None else f" <small>[{est.low:+.2f}, {est.high:+.2f}]</small>"
            row[m] = _num(est.mean, "{:+.2f}") + ci
        row["warning"] = "; ".join(g.warnings)
        rows.append(row)
    return _table(rows, {"n", *shown})


def _frame_table(result: Comparison) -> str:
    """Mean frame probability with its interval: a row per frame, a column per group."""
    rows = []
    for m in (m for m in result.measures if m.startswith("frame_")):
        row: dict[str, Any] = {"frame": m[len("frame_") :]}
        for g in result.groups:
            est = g.estimates[m]
            ci = "" if est.low is None else f" <small>[{est.low:.2f}, {est.high:.2f}]</small>"
            row[str(g.group)] = _num(est.mean, "{:.2f}") + ci
        rows.append(row)
    return _table(rows, {str(g.group) for g in result.groups} - {"frame"})


def _contrast_table(result: Comparison) -> str:
    rows = []
    for c in sorted(result.contrasts, key=lambda c: c.family != "primary"):  # stable
        if c.p is None:
            continue
        ci = "" if c.low is None else f" <small>[{c.low:+.2f}, {c.high:+.2f}]</small>"
        rows.append(
            {
                "measure": c.measure,
                "family": c.family,
                "contrast": f"{c.a} − {c.b}",
                "n": f"{c.n_a} / {c.n_b}",
                "difference [95% CI]": _num(c.diff, "{:+.3f}") + ci,
                "test": c.test,
                "p": _p(c.p),
                f"p ({result.correction})": _p(c.p_adjusted),
                "p Welch / BM / perm.": " / ".join(
                    _p(v) or "–" for v in (c.p_welch, c.p_brunner_munzel, c.p_perm)
                ),
                "Cohen's d": _num(c.cohens_d, "{:+.2f}"),
                "Cliff's δ": _num(c.cliffs_delta, "{:+.2f}"),
                "warning": c.warning,
            }
        )
    return _table(
        rows,
        {
            "n",
            "difference [95% CI]",
            "p",
            f"p ({result.correction})",
            "p Welch / BM / perm.",
            "Cohen's d",
            "Cliff's δ",
        },
    )


def _kwic(line: str) -> str:
    escaped = _e(line)
    return re.sub(r"\[(.+?)\]", r"<mark>\1</mark>", escaped, count=1)


def _terms(result: Comparison) -> str:
    parts = []
    for g in result.groups:
        rows = []
        for axis, poles in result.axes.items():
            for pole in poles:
                for t in g.top_terms.get(axis, {}).get(pole, []):
                    kwic = "".join(f"<li>{_kwic(k)}</li>" for k in t.kwic)
                    count, rest, z = round(t.count, 1), round(t.rest, 1), _num(t.z, "{:+.2f}")
                    rows.append(
                        f"<tr><td>{_e(axis)}: {_e(pole)}</td><td><b>{_e(t.term)}</b>"
                        f"<ul class='kwic'>{kwic}</ul></td><td class='num'>{count:g}</td>"
                        f"<td class='num'>{rest:g}</td><td class='num'>{z}</td></tr>"
                    )
        body = "".join(rows) or "<tr><td colspan='5'>no lexicon matches</td></tr>"
        parts.append(
            f"<div class='group-terms'><h3>{_e(g.group)}</h3><table class='terms'><thead><tr>"
            "<th>axis: pole</th><th>term and keyword in context</th><th>count</th>"
            f"<th>others</th><th>z</th></tr></thead><tbody>{body}</tbody></table></div>"
        )
    return "".join(parts)


def _clusters(result: Comparison) -> str:
    if not result.clusters:
        return "<p>No near-duplicates found: every article counts as its own report.</p>"
    group_of = {pid: grp for pid, grp, _x, _y in result.points}
    rows = []
    for c in result.clusters:
        for link in c.links:
            rows.append(
                {
                    "cluster": str(c.id),
                    "articles": f"{link.a} ({group_of.get(link.a, '')}) ~ "
                    f"{link.b} ({group_of.get(link.b, '')})",
                    "kind": link.kind,
                    "5-shingle containment": f"{link.containment:.2f}",
                    "specifics Jaccard": f"{link.fact_jaccard:.2f}",
                }
            )
    how = (
        "Each cluster counts once per group in the statistics above (its members within a "
        "group are averaged into one observation)."
        if result.dedupe
        else "Deduplication is off (--no-dedupe): every copy counts."
    )
    return f"<p>{how}</p>" + _table(rows, {"5-shingle containment", "specifics Jaccard"})


def _fmt_p(value: float) -> str:
    return f"{value:.1e}" if value < 0.001 else f"{value:.3f}"


def _primary(result: Comparison) -> list[str]:
    return [m for m in result.measures if m in result.axes or m == "sentiment_compound"]


def _tested(result: Comparison, measure: str) -> list[Any]:
    return [c for c in result.contrasts if c.measure == measure and c.p_adjusted is not None]


def summary_sentences(result: Comparison) -> list[str]:
    """One sentence (HTML) per axis and for mean sentiment: what differs, how surely."""
    from framing.comparison.compare import ALPHA

    out = []
    for m in _primary(result):
        est = [
            (g.estimates[m].mean, g.group) for g in result.groups if g.estimates[m].mean is not None
        ]
        if not est:
            continue
        lo, hi = min(est), max(est)
        poles = result.axes.get(m)
        span = (
            f"means run from {_e(lo[1])} {lo[0]:+.2f}"
            + (f" ({_e(poles[0])} side)" if poles else "")
            + f" to {_e(hi[1])} {hi[0]:+.2f}"
            + (f" ({_e(poles[1])} side)" if poles else "")
        )
        tested = _tested(result, m)
        head = f"<b>{_e(m)}</b>: "
        if not tested:
            out.append(f"{head}<span class='unsure'>no contrast can be tested (a group with "
                       f"fewer than 2 observations)</span>. Group {span}.")  # fmt: skip
            continue
        sig = [c for c in tested if c.p_adjusted < ALPHA]
        if sig:
            c = max(sig, key=lambda c: abs(c.diff or 0))
            sure = "clearly" if c.p_adjusted < 0.001 else "at the 5% level"
            toward = ""
            if poles and c.diff is not None:
                toward = f"{_e(c.a)} further toward {_e(poles[1] if c.diff > 0 else poles[0])}"
            d = "" if c.cohens_d is None else f"d {c.cohens_d:+.2f}"
            how = "; ".join(x for x in (toward, d) if x)
            out.append(
                f"{head}<span class='sure'>{len(sig)} of {len(tested)} contrasts differ</span> "
                f"({_e(result.correction)}-adjusted p &lt; {ALPHA:g}); the largest, "
                f"{_e(c.a)} − {_e(c.b)} {c.diff:+.2f} [{c.low:+.2f}, {c.high:+.2f}] "
                + (f"({how}), " if how else "")
                + f"{sure}: "
                f"adjusted p {_fmt_p(c.p_adjusted)}. Group {span}."
            )
        else:
            c = min(tested, key=lambda c: c.p_adjusted)
            ci = "" if c.low is None else f" [{c.low:+.2f}, {c.high:+.2f}]"
            out.append(
                f"{head}<span class='unsure'>no contrast differs after {_e(result.correction)} "
                f"correction</span> (the closest: {_e(c.a)} − {_e(c.b)} {c.diff:+.2f}{ci}, "
                f"adjusted p {_fmt_p(c.p_adjusted)}). Group {span}."
            )
    return out


#: Contrasts drawn in a forest plot per measure (the largest differences when there are more).
MAX_FOREST = 12


def _forest(result: Comparison, measure: str) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.comparison.compare import ALPHA

    rows = [c for c in _tested(result, measure) if c.low is not None and c.diff is not None]
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
    return _svg(fig, f"forest-{measure}")


def _timeseries(result: Comparison, measure: str, colours: dict[str, str]) -> str | None:
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
    return _svg(fig, f"time-{measure}")


def _details(sid: str, name: str, content: str) -> str:
    return (
        f"<section id='{sid}'><details><summary>{_e(name)}</summary>{content}</details></section>"
    )


def render_report(result: Comparison, *, title: str = "framing compare") -> str:
    """The whole report as one HTML string (see the module docstring for its order)."""
    groups = [g.group for g in result.groups]
    colours = _colours(result)
    plotted = _primary(result)
    dots = "".join(
        f"<figure>{_dot_interval(result, m, colours)}<figcaption>{_e(m)}: group means, 95% "
        "bootstrap intervals (hollow dot: n too small)</figcaption></figure>"
        for m in plotted
    )
    sentences = summary_sentences(result)
    answers = "".join(f"<li>{line}</li>" for line in sentences)
    against = f"against {_e(result.reference)}" if result.reference else "between groups"
    forests = [(m, _forest(result, m)) for m in plotted]
    forest_html = "".join(
        f"<figure>{svg}<figcaption>{_e(m)}: differences {against} with 95% bootstrap "
        f"intervals; p: {_e(result.test)} test, {_e(result.correction)}-adjusted in the primary "
        "family</figcaption></figure>"
        for m, svg in forests
        if svg
    )
    notes = "".join(f"<p class='warn'>{_e(w)}</p>" for w in result.warnings)
    top = [
        ("summary", "What differs",
         f"<ul class='answers'>{answers}</ul>" if answers else "<p>(no measures)</p>"),
        ("plots", "Means and intervals", f"<div class='grid3'>{dots}</div>"),
        ("contrasts", f"Contrasts {against}",
         (f"<div class='grid3'>{forest_html}</div>" if forest_html
          else "<p class='meta'>No contrast could be tested.</p>") + notes),
    ]  # fmt: skip
    details = [
        ("table", "Comparison table (every group, mean [95% interval])", _group_table(result)),
        ("contrast-table", "Every contrast (both families)", _contrast_table(result)),
    ]
    if result.every:
        series = [(m, _timeseries(result, m, colours)) for m in plotted]
        figs = "".join(
            f"<figure>{svg}<figcaption>{_e(m)} per {_e(result.every)}: group means with 95% "
            "bootstrap bands</figcaption></figure>"
            for m, svg in series
            if svg
        )
        if figs:
            top.insert(2, ("timeseries", f"Over time (per {result.every})", figs))
    if len(result.axes) >= 2 and result.points:
        caption = "Each dot is an article; colour is its group."
        details.append(
            ("map", "Articles on the two axes", f"<figure>{_map(result, colours)}"
             f"<figcaption>{caption}</figcaption></figure>")
        )  # fmt: skip
    if any(m.startswith("frame_") for m in result.measures):
        details.append(
            ("frames", "Frame profile (difference from the corpus mean)",
             f"<figure>{_frames(result)}<figcaption>Each group's mean frame probability minus "
             "the corpus mean (observations weighted alike); purple below, orange above."
             "</figcaption></figure>" + _frame_table(result))
        )  # fmt: skip
    details.append(("terms", "Distinctive terms and evidence", _terms(result)))
    details.append(("syndication", "Syndication clusters", _clusters(result)))
    small = [g.group for g in result.groups if g.n < 5]
    warning = (
        f"<p class='warn'>{len(small)} group(s) have fewer than 5 observations: their "
        f"intervals and contrasts are weak or missing ({_e(', '.join(small))}).</p>"
        if small
        else ""
    )
    settings = (
        f"{result.n_articles} articles in {len(groups)} groups by {_e(result.by)}"
        + (f" per {_e(result.every)}" if result.every else "")
        + f"; {_e(result.test)} test, {_e(result.correction)} correction per family; "
        f"bootstrap {result.n_boot}, {result.n_perm} permutations, seed {result.seed}; "
        + ("syndicated copies weighted once per group" if result.dedupe else "no deduplication")
        + (f"; {len(result.skipped)} inputs skipped" if result.skipped else "")
        + ("" if result.source == "texts" else f"; from {_e(result.source)}")
    )
    nav = "".join(f"<a href='#{sid}'>{_e(name)}</a>" for sid, name, _ in [*top, *details])
    body = "".join(f"<section id='{sid}'><h2>{_e(name)}</h2>{content}</section>"
                   for sid, name, content in top)  # fmt: skip
    body += "<h2>Details</h2>" + "".join(_details(*d) for d in details)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)}</title>{ERROR_RECORDER}<style>{CSS}</style></head><body><main>"
        f"<h1>{_e(title)}</h1><p class='meta'>{settings}</p>{warning}<nav>{nav}</nav>{body}"
        f"<footer>framing {__version__}. Intervals: percentile bootstrap over observations; "
        "p-values: Welch's t-test, Brunner-Munzel and permutation tests (the one named above "
        "is adjusted, within its family: primary = axes and mean sentiment, secondary = the "
        "rest); distinctive terms: log-odds ratio with an informative Dirichlet prior "
        "(Monroe, Colaresi &amp; Quinn 2008). Colours: Okabe-Ito.</footer></main></body></html>\n"
    )
