"""Everything an analyst looks at, computed from the store in one place (report and API share it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from parley.analysis.consistency import Finding, check_document, contradicting_reports
from parley.analysis.duplicates import group_stories
from parley.analysis.dyads import (
    DyadPeriod,
    TurningPoint,
    dyad_events,
    dyad_series,
    dyad_table,
    reporting_days,
    split_timeframes,
    turning_points,
    unplaced,
)
from parley.analysis.sequencing import SequencingConflict, conflicts, orderings
from parley.analysis.stance import Stance, stance_matrix
from parley.kb.actors import ActorKB
from parley.store.base import EventFilter, Store


@dataclass
class Overview:
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    proposals: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    dyads: dict[tuple[str, str], list[DyadPeriod]]
    turning_points: list[TurningPoint]
    stances: list[Stance]
    sequencing: list[SequencingConflict]
    findings: list[Finding]
    stories: list[list[str]]
    # Events dated over a year before their article (history it recalls): listed apart, and left out
    # of the dyads and stances, which they would otherwise swamp (one mention of the 1953 armistice
    # makes six events between three pairs).
    referred_to: list[dict[str, Any]]
    # Events between two actors that the dyad series leave out, by reason: referred_to, undated (no
    # date and no publication date), coarser (a date less precise than the period).
    dyads_left_out: dict[str, int]
    period: str  # of the dyad series: day, week, month or year

    def dyad_rows(self) -> list[dict[str, Any]]:
        return dyad_table(self.dyads)

    def story_events(self) -> list[dict[str, Any]]:
        """The events with syndicated copies counted once (what the timeline counts); ``events``
        keeps every copy's evidence."""
        return once_per_story(self.events, self.stories)

    def referred_ids(self) -> set[str]:
        return {e["event_id"] for e in self.referred_to}

    def sequencing_edges(self) -> list[dict[str, Any]]:
        return [asdict(o) for o in orderings(self.proposals)]


def build_overview(store: Store, kb: ActorKB, period: str = "month", flt: EventFilter | None = None) -> Overview:
    documents = store.documents_full()
    events = store.events(flt)
    proposals = store.proposals()
    mentions = store.mentions()
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    all_events = store.events() if flt else events
    for ev in all_events:
        by_doc[ev["doc_id"]]["events"].append(ev)
    for p in proposals:
        by_doc[p["doc_id"]]["proposals"].append(p)
    for m in mentions:
        by_doc[m["doc_id"]]["mentions"].append(m)
    findings: list[Finding] = []
    for doc in documents:
        parts = by_doc.get(doc["doc_id"], {})
        findings += check_document(
            kb, doc, parts.get("events", []), parts.get("proposals", []), parts.get("mentions", [])
        )
    findings += contradicting_reports(all_events, mentions)
    published = {d["doc_id"]: d["published"] for d in documents}
    stories = group_stories(documents)
    # An article's day is judged against the whole store, whatever the filter.
    reported, referred = split_timeframes(events, reporting_days(all_events))
    counted = once_per_story(reported, stories)
    series = dyad_series(counted, period)
    left_out = {"referred_to": len(dyad_events(once_per_story(referred, stories))), **unplaced(counted, period)}
    return Overview(
        documents=documents,
        events=events,
        proposals=proposals,
        quotes=store.quotes(),
        dyads=series,
        turning_points=turning_points(series),
        stances=stance_matrix(counted, proposals, published),
        sequencing=conflicts(proposals),
        findings=findings,
        stories=stories,
        referred_to=referred,
        dyads_left_out={k: v for k, v in left_out.items() if v},
        period=period,
    )


def once_per_story(events: list[dict[str, Any]], stories: list[list[str]]) -> list[dict[str, Any]]:
    """Events of syndicated copies of one story (near-duplicate documents) counted once: the same
    act (type, source, target, date, negation) reported by two copies is one event for the dyads and
    stances; the event list keeps every copy with its evidence."""
    story_of = {doc_id: n for n, group in enumerate(stories) for doc_id in group}
    seen: set[tuple[Any, ...]] = set()
    out = []
    for ev in events:
        story = story_of.get(ev["doc_id"], ev["doc_id"])
        key = (story, ev["type"], ev["source"], ev["target"], ev.get("date"), ev.get("negated"))
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out
