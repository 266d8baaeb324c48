"""Cooperation/conflict dynamics between pairs of actors.

Scale: each event scores its PLOVER type's intensity from ``kb/data/plover.yaml``
(-10 most hostile .. +10 most cooperative, in the spirit of the Goldstein
scale). A negated event scores 0 (it did not happen); a hypothetical one
counts half; an intended one three quarters. Scores add up per (source,
target) pair and period (day, week or month). A period's mean decides its
phase: ``dialogue`` above +0.5, ``hostility`` below -0.5, ``mixed`` between.
A turning point is a period whose phase differs from the previous one with a
phase of its own, listed with the events that drove it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parley.kb.ontology import load_ontology

MODALITY_WEIGHT = {"asserted": 1.0, "intended": 0.75, "hypothetical": 0.5}
DIALOGUE, HOSTILITY, MIXED = "dialogue", "hostility", "mixed"
PHASE_THRESHOLD = 0.5


def event_score(event: Mapping[str, Any]) -> float:
    if event.get("negated"):
        return 0.0
    weight = MODALITY_WEIGHT.get(event.get("modality") or "asserted", 1.0)
    return load_ontology().intensity(event["type"]) * weight


def event_day(event: Mapping[str, Any]) -> dt.date | None:
    """The event's own date, else its document's publication date (counted per period as
    ``by_publication_date``, so the series says where it falls back)."""
    return event.get("date") or event.get("doc_published")


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"period must be day, week, month or year, not {period!r}")


@dataclass
class DyadPeriod:
    source: str
    target: str
    period: dt.date
    total: float = 0.0
    count: int = 0
    event_ids: list[str] = field(default_factory=list)
    # Events the text gave no date: placed in the period of their article's publication date.
    by_publication_date: int = 0

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0

    @property
    def phase(self) -> str:
        if self.mean > PHASE_THRESHOLD:
            return DIALOGUE
        if self.mean < -PHASE_THRESHOLD:
            return HOSTILITY
        return MIXED


@dataclass(frozen=True)
class TurningPoint:
    source: str
    target: str
    period: dt.date
    before: str
    after: str
    event_ids: tuple[str, ...]


def dyad_series(
    events: Iterable[Mapping[str, Any]], period: str = "month", undirected: bool = False
) -> dict[tuple[str, str], list[DyadPeriod]]:
    """Per pair, the scored periods in time order. Events without a date or a side are left out."""
    cells: dict[tuple[str, str, dt.date], DyadPeriod] = {}
    for ev in events:
        source, target, day = ev.get("source"), ev.get("target"), event_day(ev)
        if not source or not target or day is None or source == target:
            continue
        if undirected and target < source:
            source, target = target, source
        key = (source, target, period_start(day, period))
        cell = cells.setdefault(key, DyadPeriod(source, target, key[2]))
        cell.total += event_score(ev)
        cell.count += 1
        cell.event_ids.append(ev["event_id"])
        cell.by_publication_date += ev.get("date") is None
    series: dict[tuple[str, str], list[DyadPeriod]] = defaultdict(list)
    for (source, target, _), cell in sorted(cells.items(), key=lambda kv: kv[0][2]):
        series[(source, target)].append(cell)
    return dict(series)


def turning_points(series: Mapping[tuple[str, str], list[DyadPeriod]]) -> list[TurningPoint]:
    out = []
    for (source, target), cells in series.items():
        last_phase: str | None = None
        for cell in cells:
            if cell.phase == MIXED:
                continue
            if last_phase is not None and cell.phase != last_phase:
                out.append(TurningPoint(source, target, cell.period, last_phase, cell.phase, tuple(cell.event_ids)))
            last_phase = cell.phase
    return sorted(out, key=lambda t: t.period)


def dyad_table(series: Mapping[tuple[str, str], list[DyadPeriod]]) -> list[dict[str, Any]]:
    """Flat rows (pandas- and spreadsheet-friendly)."""
    return [
        {
            "source": c.source,
            "target": c.target,
            "period": c.period.isoformat(),
            "events": c.count,
            "score": round(c.total, 2),
            "mean": round(c.mean, 2),
            "phase": c.phase,
            "dated_by_publication": c.by_publication_date,
        }
        for cells in series.values()
        for c in cells
    ]
