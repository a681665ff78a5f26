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
import re
from typing import TYPE_CHECKING, Any

from framing._version import __version__
from framing.comparison.plots import (
    article_map,
    dot_interval,
    forest,
    frame_profile,
    group_colours,
    primary_measures,
    tested_contrasts,
    timeseries,
)

if TYPE_CHECKING:
    from framing.comparison.compare import Comparison

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
pre.provenance { font-size:.72rem; background:var(--band); padding:6px 8px; margin:4px 0;
  white-space:pre-wrap; overflow-wrap:anywhere; }
ul.provenance { font-size:.85rem; padding-left:1.1em; overflow-wrap:anywhere; }
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


def summary_sentences(result: Comparison) -> list[str]:
    """One sentence (HTML) per axis and for mean sentiment: what differs, how surely."""
    from framing.comparison.compare import ALPHA

    out = []
    for m in primary_measures(result):
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
        tested = tested_contrasts(result, m)
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


def _details(sid: str, name: str, content: str) -> str:
    return (
        f"<section id='{sid}'><details><summary>{_e(name)}</summary>{content}</details></section>"
    )


def _provenance(record: dict[str, Any]) -> str:
    """What produced the report: a few lines to read, then the whole record as JSON."""
    import json

    def files(items: list[dict[str, Any]], name: str) -> str:
        return "".join(
            f"<li>{_e(name)} {_e(i.get('id') or i.get('given') or i.get('path', ''))}"
            + (f" {_e(i['version'])}" if i.get("version") else "")
            + (f" <code>sha256:{_e(i['sha256'])}</code>" if i.get("sha256") else "")
            + "</li>"
            for i in items
        )

    head = (
        f"<li>framing {_e(record.get('framing', ''))}, Python {_e(record.get('python', ''))},"
        f" run {_e(record.get('created', ''))}</li>"
        + files(record.get("inputs", []), "input")
        + files(record.get("lexicons", []), "lexicon")
        + files(record.get("models", []), "model")
    )
    full = json.dumps(record, indent=1, ensure_ascii=False)
    return f"<ul class='provenance'>{head}</ul><pre class='provenance'>{_e(full)}</pre>"


def render_report(
    result: Comparison,
    *,
    title: str = "framing compare",
    provenance: dict[str, Any] | None = None,
) -> str:
    """The whole report as one HTML string (see the module docstring for its order);
    ``provenance`` (``framing.run.provenance``) becomes a folded last section."""
    groups = [g.group for g in result.groups]
    colours = group_colours(result)
    plotted = primary_measures(result)
    dots = "".join(
        f"<figure>{dot_interval(result, m, colours)}<figcaption>{_e(m)}: group means, 95% "
        "bootstrap intervals (hollow dot: n too small)</figcaption></figure>"
        for m in plotted
    )
    sentences = summary_sentences(result)
    answers = "".join(f"<li>{line}</li>" for line in sentences)
    against = f"against {_e(result.reference)}" if result.reference else "between groups"
    forests = [(m, forest(result, m)) for m in plotted]
    forest_html = "".join(
        f"<figure>{svg}<figcaption>{_e(m)}: differences {against} with 95% bootstrap "
        f"intervals; p: {_e(result.p_label(m))}, {_e(result.correction)}-adjusted in the primary "
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
        series = [(m, timeseries(result, m, colours)) for m in plotted]
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
            ("map", "Articles on the two axes", f"<figure>{article_map(result, colours)}"
             f"<figcaption>{caption}</figcaption></figure>")
        )  # fmt: skip
    if any(m.startswith("frame_") for m in result.measures):
        details.append(
            ("frames", "Frame profile (difference from the corpus mean)",
             f"<figure>{frame_profile(result)}<figcaption>Each group's mean frame probability "
             "minus "
             "the corpus mean (observations weighted alike); purple below, orange above."
             "</figcaption></figure>" + _frame_table(result))
        )  # fmt: skip
    details.append(("terms", "Distinctive terms and evidence", _terms(result)))
    details.append(("syndication", "Syndication clusters", _clusters(result)))
    if provenance is not None:
        details.append(("provenance", "Provenance", _provenance(provenance)))
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
        + f"; {_e(result.p_label())}, {_e(result.correction)} correction per family; "
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
