"""Plots for the report and the dashboard (matplotlib, rendered off-screen to PNG)."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from parley.analysis.dyads import DyadPeriod, event_bin, split_timeframes  # noqa: E402
from parley.kb.actors import ActorKB  # noqa: E402
from parley.kb.ontology import load_ontology  # noqa: E402

QUAD_COLOURS = {
    "verbal_cooperation": "#6baed6",
    "material_cooperation": "#2171b5",
    "verbal_conflict": "#fc9272",
    "material_conflict": "#cb181d",
}


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


@dataclass
class Timeline:
    """What the timeline chart shows, and the notes that say what it does not."""

    reported: Counter[tuple[dt.date, str]] = field(default_factory=Counter)  # (month, quad) -> events
    referred_to: Counter[tuple[int, str]] = field(default_factory=Counter)  # (year, quad) -> events
    notes: list[str] = field(default_factory=list)


def timeline_bins(events: list[dict[str, Any]]) -> Timeline:
    """Reported events per month and events referred to per year (dyads.py says which is which). An
    event is binned only where its whole date range fits, so a year-only date is never shown as
    January; undated events stand at their article's publication date. The notes count the rest."""
    quad = {t: v.quad for t, v in load_ontology().types.items()}
    reported, referred = split_timeframes(events)
    out = Timeline()
    by_publication = coarse = undated = 0
    for ev in reported:
        month = event_bin(ev, "month")
        if month is not None:
            out.reported[(month, quad[ev["type"]])] += 1
            by_publication += ev.get("date") is None
        elif ev.get("date") is None:
            undated += 1
        else:
            coarse += 1
    wide = 0
    for ev in referred:
        year = event_bin(ev, "year")
        if year is None:
            wide += 1
        else:
            out.referred_to[(year.year, quad[ev["type"]])] += 1
    if by_publication:
        out.notes.append(f"{_n(by_publication, 'undated event')} placed at the article's publication date")
    if coarse:
        out.notes.append(f"{_n(coarse, 'reported event')} dated only to a year or a longer span: not shown per month")
    if undated:
        out.notes.append(f"{_n(undated, 'event')} with no date and no publication date: not shown")
    if referred:
        out.notes.append(
            f"{_n(len(referred), 'event')} referred to (dated over a year before the article) shown apart, per year"
            + (f"; {wide} spanning several years not shown" if wide else "")
        )
    return out


def _stacked(ax: Any, counts: Counter[tuple[Any, str]], width: Any) -> list[Any]:
    xs = sorted({x for x, _ in counts})
    bottom = [0] * len(xs)
    for quad, colour in QUAD_COLOURS.items():
        values = [counts[(x, quad)] for x in xs]
        ax.bar(xs, values, width=width, bottom=bottom, color=colour, label=quad.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return xs


def _notes(fig: Any, notes: list[str]) -> None:
    """What the chart leaves out, written under it (bbox_inches="tight" keeps it in the PNG)."""
    if notes:
        fig.text(0.01, 0, "\n".join("• " + n for n in notes), ha="left", va="top", fontsize=8, color="#444")


def timeline_png(events: list[dict[str, Any]]) -> bytes:
    """Events reported per month, and apart from them the events referred to per year, stacked by
    quad class (verbal/material cooperation/conflict); notes under the chart say what is left out."""
    tl = timeline_bins(events)
    panels = 2 if tl.referred_to else 1
    fig, axes = plt.subplots(panels, 1, figsize=(8, 3 + 2 * (panels - 1)), squeeze=False)
    ax = axes[0][0]
    months = _stacked(ax, tl.reported, width=20)
    ax.set_title("Events reported, per month")
    if months:
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        ax.set_xlim(months[0] - dt.timedelta(days=25), months[-1] + dt.timedelta(days=25))
        if len(months) <= 12:
            ax.set_xticks(months)
        ax.legend(fontsize=7, ncols=2)
    else:
        ax.text(0.5, 0.5, "no reported event with a month or day", ha="center", va="center", transform=ax.transAxes)
    if tl.referred_to:
        low = axes[1][0]
        years = _stacked(low, tl.referred_to, width=0.8)
        low.set_xlim(years[0] - 1, years[-1] + 1)
        if len(years) <= 12:
            low.set_xticks(years)
        else:
            low.xaxis.set_major_locator(MaxNLocator(integer=True))
        low.set_title("Events referred to (dated over a year before their article), per year")
    fig.tight_layout()
    _notes(fig, tl.notes)
    return _png(fig)


def dyad_notes(dyads: dict[tuple[str, str], list[DyadPeriod]], left_out: Mapping[str, int], period: str) -> list[str]:
    """What a dyad series leaves out or places by its article's date (``left_out`` as Overview has it)."""
    notes = []
    by_publication = sum(c.by_publication_date for cells in dyads.values() for c in cells)
    if by_publication:
        notes.append(f"{_n(by_publication, 'undated event')} counted at the article's publication date")
    if left_out.get("referred_to"):
        notes.append(
            f"{_n(left_out['referred_to'], 'event')} referred to (dated over a year before the article) not counted"
        )
    if left_out.get("coarser"):
        notes.append(f"{_n(left_out['coarser'], 'event')} dated less precisely than a {period}: not counted")
    if left_out.get("undated"):
        notes.append(f"{_n(left_out['undated'], 'event')} with no date and no publication date: not counted")
    return notes


def dyad_png(
    dyads: dict[tuple[str, str], list[DyadPeriod]],
    kb: ActorKB,
    top: int = 6,
    left_out: Mapping[str, int] | None = None,
    period: str = "month",
) -> bytes:
    """Cooperation (+) / conflict (-) score per period for the most active pairs; notes under the chart
    say which events are not counted (``left_out``, as Overview.dyads_left_out)."""
    ranked = sorted(dyads.items(), key=lambda kv: -sum(c.count for c in kv[1]))[:top]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.axhline(0, color="#888", linewidth=0.8)
    for (source, target), cells in ranked:
        xs: list[Any] = [c.period for c in cells]
        ys = [c.total for c in cells]
        ax.plot(xs, ys, marker="o", label=f"{kb.name(source)} → {kb.name(target)}")
    ax.set_title(f"Dyad scores of reported events (PLOVER intensity, summed per {period})")
    ax.set_ylabel("cooperation (+) / conflict (−)")
    if ranked:
        # Padded by a period each side: a single period would otherwise stretch over years of axis.
        periods: list[Any] = sorted(c.period for _, cells in ranked for c in cells)
        pad = dt.timedelta(days={"day": 1, "week": 7, "month": 31, "year": 366}.get(period, 31))
        ax.set_xlim(periods[0] - pad, periods[-1] + pad)
        ax.xaxis.set_major_formatter(mdates.DateFormatter({"month": "%Y-%m", "year": "%Y"}.get(period, "%Y-%m-%d")))
        if len(set(periods)) <= 12:
            ax.set_xticks(sorted(set(periods)))
        ax.legend(fontsize=7)
        fig.autofmt_xdate()
    else:
        ax.text(0.5, 0.5, "no dated events between two known actors", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    _notes(fig, dyad_notes(dyads, left_out or {}, period))
    return _png(fig)


def sequencing_png(orderings: list[Any], kb: ActorKB, conflicting: set[tuple[str, str, str]] | None = None) -> bytes:
    """Preconditions as a graph: issues on a circle, one arrow per "X before Y", coloured by actor.

    Arrows that take part in a dispute are drawn thick; "X first" points at "everything else".
    """
    import math

    from parley.kb.issues import issue_label

    conflicting = conflicting or set()
    nodes = sorted({o.first for o in orderings} | {o.then for o in orderings})
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.set_axis_off()
    if not nodes:
        ax.text(0.5, 0.5, "no preconditions", ha="center", va="center", transform=ax.transAxes)
        return _png(fig)
    pos = {
        n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes))) for i, n in enumerate(nodes)
    }
    holders = sorted({o.holder for o in orderings})
    colours = plt.get_cmap("tab10")
    for k, holder in enumerate(holders):
        for o in (o for o in orderings if o.holder == holder):
            (x1, y1), (x2, y2) = pos[o.first], pos[o.then]
            thick = (o.holder, o.first, o.then) in conflicting
            ax.annotate(
                "",
                xy=(x2, y2),
                xytext=(x1, y1),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": colours(k % 10),
                    "lw": 3 if thick else 1.2,
                    "connectionstyle": f"arc3,rad={0.1 + 0.08 * k}",
                    "shrinkA": 18,
                    "shrinkB": 18,
                },
            )
        ax.plot([], [], color=colours(k % 10), label=kb.name(holder))
    for node, (x, y) in pos.items():
        label = "everything else" if node == "*" else issue_label(node)
        ax.text(
            x, y, label, ha="center", va="center", fontsize=8, bbox={"boxstyle": "round", "fc": "#f7f7f7", "ec": "#999"}
        )
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.3, 1.3)
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("Preconditions: X → Y means 'X before Y' (thick: disputed)")
    return _png(fig)
