"""Cooperation/conflict dynamics between pairs of actors.

Scale: each event scores its PLOVER type's intensity from ``kb/data/plover.yaml``
(-10 most hostile .. +10 most cooperative, in the spirit of the Goldstein
scale). A negated event scores 0 (it did not happen); a hypothetical, wished or
conditional one counts half; an intended or predicted one three quarters. Scores add up per (source,
target) pair and period (day, week or month). A period's mean decides its
phase: ``dialogue`` above +0.5, ``hostility`` below -0.5, ``mixed`` between.
A turning point is a period whose phase differs from the previous one with a
phase of its own, listed with the events that drove it.

Time: an event counts in a period only when its whole date range lies in it (a year-only date
such as "1953" is in the year 1953, never in January 1953); an undated event counts at its
article's publication date. Events dated over a year before their article are *referred to*
(history the article recalls), not *reported*; see :func:`reporting_days`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from parley.kb.ontology import load_ontology

MODALITY_WEIGHT = {
    "asserted": 1.0, "intended": 0.75, "predicted": 0.75, "hypothetical": 0.5, "wished": 0.5, "conditional": 0.5,
}  # fmt: skip
DIALOGUE, HOSTILITY, MIXED = "dialogue", "hostility", "mixed"
PHASE_THRESHOLD = 0.5
E = TypeVar("E", bound=Mapping[str, Any])


def event_score(event: Mapping[str, Any]) -> float:
    if event.get("negated"):
        return 0.0
    weight = MODALITY_WEIGHT.get(event.get("modality") or "asserted", 1.0)
    return load_ontology().intensity(event["type"]) * weight


def date_precision(event: Mapping[str, Any]) -> str | None:
    """How precisely the text dated the event: ``day``, ``month``, ``year`` or ``range`` (a week,
    "1950-53"), from its ``date``..``date_end``; None when undated."""
    start, end = event.get("date"), event.get("date_end")
    if start is None:
        return None
    if end is None or end == start:
        return "day"
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and (start.year, start.month) == (end.year, end.month):
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    return "range"


def date_label(event: Mapping[str, Any]) -> str:
    """The event's date at the precision the text gave: "1953", "2019-11", "2019-11-11..2019-11-17",
    "2019-11-20"; "" when undated."""
    start, precision = event.get("date"), date_precision(event)
    if start is None or precision is None:
        return ""
    labels = {"day": str(start), "month": str(start)[:7], "year": str(start.year)}
    return labels.get(precision, f"{start}..{event.get('date_end')}")


# An event dated more than this before its article's day is history the article recalls.
REFERRED_TO_AFTER = dt.timedelta(days=365)
REPORTED, REFERRED_TO = "reported", "referred_to"


def reporting_days(events: Iterable[Mapping[str, Any]]) -> dict[str, dt.date | None]:
    """Per document, the day its news is from: its publication date. A document without one is taken
    to be as recent as the collection: the later of the latest date it gives an event and the latest
    publication date in ``events`` (where no document has one, the latest event date). A document's
    own dates alone cannot tell: an article dating nothing but "the 1953 armistice" would be about 1953."""
    evs = list(events)
    published = [e["doc_published"] for e in evs if e.get("doc_published")]
    dated = [e["date"] for e in evs if e.get("date")]
    collection = max(published or dated, default=None)
    days: dict[str, dt.date | None] = {}
    for e in evs:
        doc = e["doc_id"]
        if e.get("doc_published"):
            days[doc] = e["doc_published"]
            continue
        candidates = [d for d in (days.get(doc), e.get("date"), collection) if d is not None]
        days[doc] = max(candidates, default=None)
    return days


def timeframe(event: Mapping[str, Any], reporting_day: dt.date | None) -> str:
    """``referred_to`` when the event's date range ends over a year before its article's day, else
    ``reported`` (undated events are reported: they are placed at the publication date)."""
    end = event.get("date_end") or event.get("date")
    if end is not None and reporting_day is not None and end < reporting_day - REFERRED_TO_AFTER:
        return REFERRED_TO
    return REPORTED


def split_timeframes(events: Iterable[E], days: Mapping[str, dt.date | None] | None = None) -> tuple[list[E], list[E]]:
    """(reported, referred to), each in the given order; ``days`` from :func:`reporting_days` over
    the whole store when ``events`` are a filtered part of it."""
    evs = list(events)
    days = reporting_days(evs) if days is None else days
    reported: list[E] = []
    referred: list[E] = []
    for e in evs:
        (referred if timeframe(e, days.get(e["doc_id"])) == REFERRED_TO else reported).append(e)
    return reported, referred


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


def event_bin(event: Mapping[str, Any], period: str) -> dt.date | None:
    """The period an event counts in: the one its whole date range lies in, else (undated) its
    publication date's. None when it has neither, or when its date is coarser than the period (a
    year-only date in monthly bins): placing it on the period's first day would invent precision."""
    start = event.get("date")
    if start is None:
        published = event.get("doc_published")
        return period_start(published, period) if published else None
    first = period_start(start, period)
    return first if period_start(event.get("date_end") or start, period) == first else None


def dyad_events(events: Iterable[E]) -> list[E]:
    """Events between two different known actors."""
    return [e for e in events if e.get("source") and e.get("target") and e["source"] != e["target"]]


def unplaced(events: Iterable[Mapping[str, Any]], period: str) -> dict[str, int]:
    """Why dyad events are missing from :func:`dyad_series`: ``undated`` (no date, no publication
    date) or ``coarser`` (dated less precisely than the period). Zero counts are left out."""
    out = {"undated": 0, "coarser": 0}
    for e in dyad_events(events):
        if event_bin(e, period) is None:
            out["undated" if e.get("date") is None else "coarser"] += 1
    return {k: v for k, v in out.items() if v}


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
    """Per pair, the scored periods in time order. Events without a side, or that :func:`event_bin`
    cannot place in a period, are left out (:func:`unplaced` counts them)."""
    cells: dict[tuple[str, str, dt.date], DyadPeriod] = {}
    for ev in dyad_events(events):
        source, target, start = ev["source"], ev["target"], event_bin(ev, period)
        if start is None:
            continue
        if undirected and target < source:
            source, target = target, source
        key = (source, target, start)
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
