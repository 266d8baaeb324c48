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
