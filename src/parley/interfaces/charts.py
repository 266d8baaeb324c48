"""Plots for the report and the dashboard (matplotlib, rendered off-screen to PNG)."""

from __future__ import annotations

import base64
import io
from collections import Counter
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from parley.analysis.dyads import DyadPeriod, event_day  # noqa: E402
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


def timeline_png(events: list[dict[str, Any]]) -> bytes:
    """Events per year, stacked by quad class (verbal/material cooperation/conflict)."""
    onto = load_ontology()
    counts: Counter[tuple[int, str]] = Counter()
    for ev in events:
        day = event_day(ev)
        if day is not None:
            counts[(day.year, onto.types[ev["type"]].quad)] += 1
    fig, ax = plt.subplots(figsize=(8, 3))
    years = sorted({y for y, _ in counts})
    bottom = [0] * len(years)
    for quad, colour in QUAD_COLOURS.items():
        values = [counts[(y, quad)] for y in years]
        ax.bar([str(y) for y in years], values, bottom=bottom, color=colour, label=quad.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title("Events per year (dated events; undated ones use the publication date)")
    ax.set_ylabel("events")
    if years:
        ax.legend(fontsize=7, ncols=2)
    else:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    return _png(fig)


def dyad_png(dyads: dict[tuple[str, str], list[DyadPeriod]], kb: ActorKB, top: int = 6) -> bytes:
    """Cooperation (+) / conflict (-) score per period for the most active pairs."""
    ranked = sorted(dyads.items(), key=lambda kv: -sum(c.count for c in kv[1]))[:top]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.axhline(0, color="#888", linewidth=0.8)
    for (source, target), cells in ranked:
        xs: list[Any] = [c.period for c in cells]
        ys = [c.total for c in cells]
        ax.plot(xs, ys, marker="o", label=f"{kb.name(source)} → {kb.name(target)}")
    ax.set_title("Dyad scores (PLOVER intensity, summed per period)")
    ax.set_ylabel("cooperation (+) / conflict (−)")
    if ranked:
        ax.legend(fontsize=7)
        fig.autofmt_xdate()
    else:
        ax.text(0.5, 0.5, "no dated events between two known actors", ha="center", va="center", transform=ax.transAxes)
    return _png(fig)
